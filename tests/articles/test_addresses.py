"""Page addresses, reversed once per process, still follow where the site is served."""

import pytest
from django.test import override_settings
from django.urls import include, path, set_script_prefix
from django.utils.translation import override

from articles.models import Topic

pytestmark = pytest.mark.django_db

# The public site, moved under /archive/.
urlpatterns = [path("archive/", include("articles.urls"))]


def test_an_address_carries_the_prefix_the_site_is_served_under():
    topic = Topic.objects.create(name="Energy")
    assert topic.get_absolute_url() == "/topics/energy/"

    set_script_prefix("/newsroom/")
    try:
        assert topic.get_absolute_url() == "/newsroom/topics/energy/"
    finally:
        set_script_prefix("/")
    assert topic.get_absolute_url() == "/topics/energy/"


def test_an_address_follows_a_changed_urlconf():
    topic = Topic.objects.create(name="Energy")
    assert topic.get_absolute_url() == "/topics/energy/"

    with override_settings(ROOT_URLCONF=__name__):
        assert topic.get_absolute_url() == "/archive/topics/energy/"
    assert topic.get_absolute_url() == "/topics/energy/"


def test_an_address_is_in_the_edition_of_the_active_language():
    topic = Topic.objects.create(name="Energy")
    with override("ru"):
        assert topic.get_absolute_url() == "/ru/topics/energy/"
    with override("ar"):
        assert topic.get_absolute_url() == "/ar/topics/energy/"
    assert topic.get_absolute_url() == "/topics/energy/"
