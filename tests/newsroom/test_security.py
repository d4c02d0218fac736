import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_public_pages_forbid_inline_script_and_foreign_sources(client):
    article = make_article()
    for url in ["/", "/news/", article.get_absolute_url(), "/no-such-page/"]:
        policy = client.get(url)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
        assert directives["script-src"] == "'self'", url
        assert directives["default-src"] == "'self'", url
        assert "unsafe-inline" not in policy, url
        assert directives["frame-ancestors"] == "'none'", url


def test_pages_carry_referrer_permissions_and_transport_policies(client):
    response = client.get("/", secure=True)
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in response["Permissions-Policy"]
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_plain_http_is_sent_to_https_in_production(client, settings):
    settings.SECURE_SSL_REDIRECT = True
    response = client.get("/news/")
    assert response.status_code == 301
    assert response["Location"] == "https://testserver/news/"


def test_login_cookies_are_secure_only(client):
    User.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    login = reverse("admin:login")
    client.get(login, secure=True)
    response = client.post(
        login,
        {"username": "editor", "password": "a-long-editor-password", "next": "/admin/"},
        secure=True,
    )
    assert response.status_code == 302
    assert response.cookies["sessionid"]["secure"]
    assert response.cookies["sessionid"]["httponly"]
    assert response.cookies["csrftoken"]["secure"]


def test_repeated_wrong_passwords_lock_the_admin_login(client, settings):
    """After five wrong passwords even the right one is refused for that user and address."""
    User.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    login = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT):
        response = client.post(login, {"username": "editor", "password": "guess"})
        assert "_auth_user_id" not in client.session
    response = client.post(login, {"username": "editor", "password": "a-long-editor-password"})
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    # Another editor at the same desk is not locked out by it.
    User.objects.create_user("writer", password="a-long-writer-password", is_staff=True)
    response = client.post(login, {"username": "writer", "password": "a-long-writer-password"})
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


def test_the_admin_allows_inline_styles_but_scripts_only_with_its_nonce(client):
    policy = client.get(reverse("admin:login"))["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["style-src"] == "'self' 'unsafe-inline'"
    assert directives["script-src"].startswith("'self'")
    assert "unsafe-inline" not in directives["script-src"]
