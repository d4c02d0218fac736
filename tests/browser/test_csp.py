import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Error, expect

from articles.models import Topic
from tests.factories import make_article_linking_each_kind

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a-long-editor-password"


def watch_for_violations(page):
    """Collect CSP violations the page reports, from the console and from the DOM event."""
    violations = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    page.add_init_script(
        "document.addEventListener('securitypolicyviolation', e => console.error("
        "'Content Security Policy violation: ' + e.violatedDirective + ' ' + e.blockedURI))"
    )
    return violations


def test_public_pages_work_under_a_policy_that_forbids_inline_script(new_page):
    article = make_article_linking_each_kind()

    page = new_page()
    violations = watch_for_violations(page)
    for path in [
        "/",
        "/news/",
        article.get_absolute_url(),
        article.topics.get().get_absolute_url(),
        article.regions.get().get_absolute_url(),
        article.people.get().get_absolute_url(),
        article.organisations.get().get_absolute_url(),
        article.events.get().get_absolute_url(),
        "/people/",
        "/events/",
    ]:
        response = page.goto(path)
        policy = response.headers["content-security-policy"]
        assert "script-src 'self';" in policy, (path, policy)
        assert "unsafe-inline" not in policy and "nonce-" not in policy, path
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        # The stylesheet loaded: the site's serif face, not the browser's default.
        font = page.evaluate("getComputedStyle(document.body).fontFamily")
        assert "Georgia" in font, (path, font)
    assert violations == [], "\n".join(violations)

    # And the policy is enforced: an inline script injected into the page does not run.
    page.goto(article.get_absolute_url())
    with pytest.raises(Error, match="Content Security Policy"):
        page.add_script_tag(content="document.body.dataset.injected = 'yes'")
    assert page.evaluate("document.body.dataset.injected") is None


def test_the_admin_works_under_the_same_policy(new_page):
    User.objects.create_superuser("chief", password=PASSWORD)
    Topic.objects.create(name="Interfaith dialogue")
    page = new_page()
    violations = watch_for_violations(page)

    page.goto("/admin/")
    page.get_by_label("Username").fill("chief")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Editorial desk")).to_be_visible()
    page.goto("/admin/articles/article/add/")
    page.locator(".field-body").get_by_role("textbox").click()
    page.keyboard.type("Leaders of the faiths met.")
    page.locator(".field-topics .select2-selection").click()
    page.locator(".field-topics .select2-search__field").fill("Inter")
    page.locator(".select2-results__option", has_text="Interfaith dialogue").click()
    page.goto("/admin/articles/article/")
    expect(page.get_by_role("heading", name="Select article to change")).to_be_visible()
    assert violations == [], "\n".join(violations)
