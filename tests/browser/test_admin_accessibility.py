"""The pages an editor works in most: no serious or critical axe-core violation, in the
light theme or the dark."""

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from articles import workflow
from articles.models import Menu, MenuItem, Redirect
from tests.browser.checks import axe_failures
from tests.factories import draft_by, make_article, make_front_page, make_image, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def in_review(roles):
    """An article a writer drafted, revised once and submitted: two versions to compare."""
    writer = make_user("writer", "Writers")
    article = draft_by(
        writer,
        headline="Kazan to host the interfaith forum",
        standfirst="Faith leaders of Tatarstan meet in May.",
        body="<p>The forum of the faiths of Tatarstan meets in Kazan soon.</p>",
    )
    article.body = "<p>The forum of the faiths of Tatarstan meets in Kazan on 14 May.</p>"
    workflow.save_edit(article, by=writer, editing=article.revision, comment="Dates")
    return workflow.submit(article, by=writer)


def test_the_editors_pages_have_no_serious_accessibility_violation(
    log_in, in_review, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    article, headline = in_review.pk, in_review.headline
    today = timezone.localdate()
    # A front page with a change to publish: its story picked, the rest automatic.
    front_page = make_front_page([{"kind": "lead"}, {"kind": "latest", "count": 10}])
    front_page.slots.create(kind="featured", article=make_article(), position=1)
    # The library, a menu and a redirect, as the site's structure has them.
    image = make_image(title="Kazan Kremlin panorama")
    menu = Menu.objects.create(place=Menu.Place.HEADER, language="en")
    MenuItem.objects.create(menu=menu, position=0, section="news")
    MenuItem.objects.create(menu=menu, position=1, label="Partner", url="https://example.org/")
    Redirect.objects.create(old_path="/old-campaign/", new_path="/news/")
    # Each page, and what shows that it loaded as it should.
    pages = {
        "admin home": (
            reverse("admin:index"),
            lambda page: page.get_by_role("link", name="Review queue (1 waiting)"),
        ),
        "article form (add)": (
            reverse("admin:articles_article_add"),
            lambda page: page.get_by_label("Headline"),
        ),
        "article form (change)": (
            reverse("admin:articles_article_change", args=[article]),
            lambda page: page.get_by_role("heading", name=headline),
        ),
        "publish page": (
            reverse("admin:articles_article_workflow", args=[article, "publish"]),
            lambda page: page.get_by_role("button", name="Publish now", exact=True),
        ),
        "review queue": (
            reverse("admin:articles_submission_changelist"),
            lambda page: page.get_by_role("link", name=headline, exact=True),
        ),
        "editorial calendar (month)": (
            reverse("admin:articles_article_calendar_today"),
            lambda page: page.get_by_role("link", name=headline, exact=True),
        ),
        "editorial calendar (week)": (
            reverse(
                "admin:articles_article_calendar_week", args=[today.year, today.month, today.day]
            ),
            lambda page: page.get_by_role("link", name=headline, exact=True),
        ),
        "front page form": (
            reverse("admin:articles_frontpage_change", args=[front_page.pk]),
            lambda page: page.get_by_role("link", name="Publish", exact=True),
        ),
        "front page publish page": (
            reverse("admin:articles_frontpage_publish", args=[front_page.pk]),
            lambda page: page.get_by_role("button", name="Publish", exact=True),
        ),
        "library": (
            reverse("admin:articles_image_changelist"),
            lambda page: page.locator(".library-thumbnail"),
        ),
        "library image form": (
            reverse("admin:articles_image_change", args=[image.pk]),
            lambda page: page.locator(".focal-picker img"),
        ),
        "menu form": (
            reverse("admin:articles_menu_change", args=[menu.pk]),
            lambda page: page.locator("input[value='Partner']"),
        ),
        "redirects": (
            reverse("admin:articles_redirect_changelist"),
            lambda page: page.get_by_role("link", name="/old-campaign/"),
        ),
        "version comparison": (
            reverse("admin:articles_article_versions", args=[article]) + "?a=1&b=2",
            lambda page: page.locator("ins").filter(has_text="on 14 May."),
        ),
    }
    page = log_in("editor", "Editors")
    failures = []
    # The admin follows the system's light or dark theme until an editor picks one. Each
    # page loads afresh in each: switching on a loaded page would catch its links halfway
    # through their colour transition.
    for scheme in ["light", "dark"]:
        page.emulate_media(color_scheme=scheme)
        for name, (url, shown) in pages.items():
            assert page.goto(url).status == 200, name
            expect(shown(page)).to_be_visible()
            if name.startswith("article form"):
                # What the scripts build, named: waiting for them also lets axe see them.
                expect(page.get_by_role("textbox", name="Body", exact=True)).to_be_visible()
                expect(page.get_by_role("searchbox", name="Topics", exact=True)).to_be_visible()
                expect(page.get_by_role("combobox", name="Hero image")).to_be_visible()
            failures += axe_failures(page, f"{name}, {scheme}")
    assert not failures, "\n".join(failures)
