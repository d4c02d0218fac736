"""Media in a story's body, in Chromium: an editor embeds a video and quotes someone, and
readers see them under the site's CSP with no error. Chromium has no internet here: the
player's address is answered by a page of our own, the oEmbed call by a fake provider."""

import pytest
from playwright.sync_api import expect

from articles.models import Article
from tests.browser.steps import open_from_review_queue, take_step
from tests.browser.test_csp import watch_for_violations
from tests.factories import make_user, submitted_by

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

HEADLINE = "KazanForum opens with a call for dialogue"
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
PLAYER = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"
# What the player's address answers in the test: a page that says it is the player.
PLAYER_PAGE = "<!doctype html><title>Player</title><p>The KazanForum video</p>"


def watch_for_errors(page):
    """Collect the console's errors and the page's uncaught exceptions."""
    errors = []
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    return errors


def answer_for_the_player(page):
    """Answer the player's address as YouTube would, with a page of its own; fail on any
    other address off this site, which nothing may load."""
    outside = []
    page.route(
        "https://www.youtube-nocookie.com/**",
        lambda route: route.fulfill(status=200, content_type="text/html", body=PLAYER_PAGE),
    )
    page.route(
        lambda url: not url.startswith(("http://localhost", "http://127.0.0.1", PLAYER)),
        lambda route: outside.append(route.request.url) or route.abort(),
    )
    return outside


def embed(page, url):
    """Embed a post through the editor's Embed button, as an editor pastes its address."""
    page.locator(".field-body .prose-menubar").get_by_role("button", name="Embed").click()
    dialog = page.locator("dialog.prose-editor-dialog")
    dialog.get_by_label("Address of a YouTube video, Telegram post or X post").fill(url)
    dialog.get_by_role("button", name="Embed").click()


def test_an_editor_embeds_a_video_and_a_quote_and_readers_see_them_under_the_csp(
    log_in, new_page, oembed, roles
):
    article = submitted_by(make_user("writer", "Writers"), headline=HEADLINE)
    page = log_in("editor", "Editors")
    # The refusal below is a 400 the console reports; no script may fail, though.
    admin_errors = []
    page.on("pageerror", lambda error: admin_errors.append(str(error)))
    open_from_review_queue(page, HEADLINE)

    # An address off the allowlist is refused, saying which are allowed; the dialog stays.
    embed(page, "https://vimeo.com/76979871")
    dialog = page.locator("dialog.prose-editor-dialog")
    expect(dialog).to_contain_text("Only posts from YouTube, Telegram or X can be embedded")
    dialog.get_by_role("textbox").fill(VIDEO)
    dialog.get_by_role("button", name="Embed").click()
    card = page.locator(".field-body .embed-card")
    expect(card).to_contain_text("YouTube: KazanForum opens")

    page.locator(".field-body .prose-menubar").get_by_role("button", name="Pull quote").click()
    dialog.get_by_label("Quotation").fill("Dialogue is the only way.")
    dialog.get_by_label("Attribution (who said it)").fill("Rustam Minnikhanov")
    dialog.get_by_role("button", name="Insert").click()
    expect(page.locator(".field-body .pull-quote")).to_contain_text("Dialogue is the only way.")

    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    take_step(page, "Publish")
    assert admin_errors == [], "\n".join(admin_errors)
    article.refresh_from_db()
    assert article.status == Article.Status.PUBLISHED
    assert f'src="{PLAYER}"' in article.body

    reader = new_page()
    violations = watch_for_violations(reader)
    errors = watch_for_errors(reader)
    outside = answer_for_the_player(reader)
    reader.goto(article.get_absolute_url())
    player = reader.locator(".story .embed iframe")
    player.scroll_into_view_if_needed()
    expect(player).to_have_attribute("title", "KazanForum opens")
    expect(reader.frame_locator(".story .embed iframe").locator("p")).to_have_text(
        "The KazanForum video"
    )
    # The player keeps a video's shape whatever the column's width.
    box = player.bounding_box()
    assert abs(box["width"] / box["height"] - 16 / 9) < 0.02, box
    expect(reader.locator(".story .embed figcaption a")).to_have_attribute("href", VIDEO)
    expect(reader.locator(".story .pull-quote figcaption")).to_have_text("Rustam Minnikhanov")
    assert violations == [], "\n".join(violations)
    assert errors == [], "\n".join(errors)
    assert outside == [], outside
