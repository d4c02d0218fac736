"""Media in a story's body, in Chromium: an editor uploads a picture to the library with
its focal point, puts it, a video and a quotation into a story and publishes it; readers
see the picture cropped around that point and the video, under the site's CSP with no
error. Chromium has no internet here: the player's address is answered by a page of our
own, the oEmbed call by a fake provider on 127.0.0.1."""

import io
import re

import pytest
from PIL import Image as Picture
from PIL import ImageDraw
from playwright.sync_api import expect

from articles.models import Article, Image
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


def panorama():
    """A wide white picture with a red mark near its right end: only a crop around the
    mark, not one around the centre, shows red."""
    image = Picture.new("RGB", (2000, 600), "white")
    ImageDraw.Draw(image).rectangle((1700, 150, 1900, 450), fill="red")
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return {"name": "panorama.png", "mimeType": "image/png", "buffer": buffer.getvalue()}


def upload_to_the_library(page):
    """Upload the panorama with what readers are told, then click its mark as the focal point."""
    page.goto("/admin/articles/image/add/")
    page.locator("input[type=file][name=file]").set_input_files(panorama())
    page.get_by_label("Title:").fill("Kazan Kremlin panorama")
    page.get_by_label("Text alternative [en]:").fill("The Kremlin seen from the river")
    page.get_by_label("Caption [en]:").fill("The forum's venue by the Kazanka")
    page.get_by_label("Credit [en]:").fill("Press service of the Rais")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    picker = page.locator(".focal-picker img")
    box = picker.bounding_box()
    picker.click(position={"x": box["width"] * 0.9, "y": box["height"] * 0.5})
    # Where the click lands, to the pixel: 0.899, 0.900 or 0.901.
    expect(page.get_by_label("Focal point across:")).to_have_value(re.compile(r"0\.(899|90[01])"))
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist .success")).to_be_visible()
    image = Image.objects.get()
    assert abs(image.focal_x - 0.9) < 0.002 and abs(image.focal_y - 0.5) < 0.01
    return image


def insert_picture(page, label):
    """Choose a picture of the library through the editor's Image button, across the text."""
    page.locator(".field-body .prose-menubar").get_by_role("button", name="Image").click()
    chooser = page.locator("dialog.library-chooser")
    chooser.get_by_label("Search the library").fill(label[:6])
    chooser.get_by_label(label).check()
    chooser.get_by_label("Size").select_option(label="Across the text")
    chooser.get_by_role("button", name="Insert").click()


def embed(page, url):
    """Embed a post through the editor's Embed button, as an editor pastes its address."""
    page.locator(".field-body .prose-menubar").get_by_role("button", name="Embed").click()
    dialog = page.locator("dialog.prose-editor-dialog")
    dialog.get_by_label("Address of a YouTube video, Telegram post or X post").fill(url)
    dialog.get_by_role("button", name="Embed").click()


def test_an_editor_puts_a_picture_a_video_and_a_quote_in_a_story_readers_see_under_the_csp(
    log_in, new_page, oembed, roles, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    article = submitted_by(make_user("writer", "Writers"), headline=HEADLINE)
    page = log_in("editor", "Editors")
    # The refusal below is a 400 the console reports; no script may fail, though.
    admin_errors = []
    page.on("pageerror", lambda error: admin_errors.append(str(error)))
    image = upload_to_the_library(page)
    open_from_review_queue(page, HEADLINE)

    insert_picture(page, "Kazan Kremlin panorama")
    expect(page.locator(".field-body .library-card")).to_contain_text("Kazan Kremlin panorama")

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
    assert f'<figure data-image="{image.pk}" data-size="wide"></figure>' in article.body

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

    # The picture: a rendition of the 16:9 crop around the focal point, whose middle
    # right is the red mark (a crop around the centre has none), caption and credit apart.
    shown = reader.locator(".story .body-image img")
    shown.scroll_into_view_if_needed()
    expect(shown).to_have_attribute("alt", "The Kremlin seen from the river")
    expect(shown).to_have_js_property("complete", True)
    source = shown.evaluate("img => img.currentSrc")
    assert source.rsplit("/", 1)[1] in {
        i["name"].rsplit("/", 1)[1] for i in image.renditions["items"] if i["crop"] == "wide"
    }, source
    width, height, red = shown.evaluate(
        """img => {
          const canvas = document.createElement("canvas")
          canvas.width = img.naturalWidth
          canvas.height = img.naturalHeight
          const context = canvas.getContext("2d")
          context.drawImage(img, 0, 0)
          const [r, g, b] = context.getImageData(
            Math.round(img.naturalWidth * 0.8), Math.round(img.naturalHeight / 2), 1, 1).data
          return [img.naturalWidth, img.naturalHeight, r > 200 && g < 60 && b < 60]
        }"""
    )
    assert abs(width / height - 16 / 9) < 0.01 and red, (width, height, red)
    caption = reader.locator(".story .body-image figcaption")
    expect(caption.locator(".caption")).to_have_text("The forum's venue by the Kazanka")
    expect(caption.locator(".credit")).to_have_text("Photo: Press service of the Rais")
    assert violations == [], "\n".join(violations)
    assert errors == [], "\n".join(errors)
    assert outside == [], outside
