"""The README's pictures of the editors' desk, taken on the sample newsroom at 1440×900,
and of the pages readers see (the front page, an article, a topic) at 1440×900 and on a
phone at 390×844.

`make screenshots` sets SCREENSHOTS to the folder the README reads them from (docs/).
Without it the test still runs, as part of the browser tests, and writes to a scratch
folder: so the pages it photographs, and the way it photographs them, cannot go stale.
"""

import io
import os
from pathlib import Path

import pytest
from django.urls import reverse
from PIL import Image
from playwright.sync_api import expect

from articles import workflow
from articles.models import Article, Topic
from articles.samples.newsroom import load_sample_newsroom
from tests.factories import draft_by, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

VIEWPORT = {"width": 1440, "height": 900}
PHONE = {"width": 390, "height": 844}
# Every picture on screen drawn: lazy ones below the fold are not in the shot.
PICTURES_DRAWN = """() => [...document.images]
  .filter(image => image.getBoundingClientRect().top < window.innerHeight)
  .every(image => image.complete && image.naturalWidth > 0)"""


def save_png(page, path: Path):
    """Save what the window shows, in 256 colours: flat admin pages lose nothing visible,
    and each picture stays a small file in the repository."""
    shot = Image.open(io.BytesIO(page.screenshot()))
    shot.convert("RGB").quantize(256).save(path, optimize=True)


def test_the_readme_screenshots_of_the_editors_desk(settings, log_in, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path / "docs")
    folder.mkdir(parents=True, exist_ok=True)
    sample, *_ = load_sample_newsroom()
    writer = make_user("amina", "Writers", first_name="Amina", last_name="Khairullina")
    waiting = workflow.submit(
        draft_by(
            writer,
            headline="Kazan to host the interfaith forum in May",
            standfirst="Faith leaders of Tatarstan and the OIC states meet before KazanForum.",
            body="<p>The forum of the faiths of Tatarstan meets in Kazan on 17 May.</p>",
        ),
        by=writer,
    )

    page = log_in("editor", "Editors")
    page.set_viewport_size(VIEWPORT)
    shots = {
        "admin-home.png": (reverse("admin:index"), "Review queue (1 waiting)"),
        "article-form.png": (
            reverse("admin:articles_article_change", args=[sample.pk]),
            "State: Published",
        ),
        "publish-page.png": (
            reverse("admin:articles_article_workflow", args=[waiting.pk, "publish"]),
            f"“{waiting.headline}” is in review.",
        ),
    }
    for filename, (url, shows) in shots.items():
        page.goto(url)
        expect(page.locator("#content")).to_contain_text(shows)
        if filename == "article-form.png":
            # The prose editor builds itself after the page loads.
            expect(page.get_by_role("textbox", name="Body", exact=True)).to_be_visible()
        save_png(page, folder / filename)
        with Image.open(folder / filename) as saved:
            assert saved.size == (VIEWPORT["width"], VIEWPORT["height"]), filename


def test_the_readme_screenshots_of_the_reader_pages(settings, new_page, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path / "docs")
    folder.mkdir(parents=True, exist_ok=True)
    load_sample_newsroom()
    article = Article.objects.get(slug="a-mosque-and-a-cathedral-in-one-kremlin")
    topic = Topic.objects.get(slug="interfaith-dialogue")
    shots = {
        "front": ("/", "Latest news"),
        "article": (article.get_absolute_url(), article.headline),
        "topic": (topic.get_absolute_url(), topic.name),
    }
    for size, viewport in [("wide", VIEWPORT), ("phone", PHONE)]:
        page = new_page(viewport=viewport)
        for name, (url, shows) in shots.items():
            page.goto(url)
            expect(page.locator("#content")).to_contain_text(shows)
            page.wait_for_function(PICTURES_DRAWN)
            filename = f"reader-{name}-{size}.png"
            save_png(page, folder / filename)
            with Image.open(folder / filename) as saved:
                assert saved.size == (viewport["width"], viewport["height"]), filename
