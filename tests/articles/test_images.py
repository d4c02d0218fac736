"""Library images: checked on upload, resized on upload, served as renditions wherever a
story or a person shows them."""

import io
import os
import posixpath
import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image as Picture

from articles import images, workflow
from articles.models import Article, Image, Person
from tests.factories import (
    article_form,
    empty_inlines,
    make_article,
    make_image,
    make_staff,
    picture,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def editor(client):
    user = make_staff("editor", "Editors")
    client.force_login(user)
    return user


def publish_now(articles):
    """Put articles live without the workflow: these tests are about their pictures."""
    articles.update(status=Article.Status.PUBLISHED, published_at=timezone.now())


def upload_image(client, upload, **fields):
    """Upload a picture to the library through its admin form."""
    data = {"file": upload, "title": "", "focal_x": "0.5", "focal_y": "0.5", "alt_en": "A picture"}
    for text in ("alt", "caption", "credit"):
        for language in ("en", "ru", "ar"):
            data.setdefault(f"{text}_{language}", "")
    data.update(fields)
    return client.post(reverse("admin:articles_image_add"), data)


def test_an_upload_is_resized_on_upload_to_webp_and_avif_at_fixed_widths(client, editor):
    response = upload_image(client, picture(size=(1200, 800)), alt_en="Lavrov at the lectern")
    assert response.status_code == 302, response.context["adminform"].form.errors
    image = Image.objects.get()
    assert image.uploaded_by == editor
    renditions = image.renditions
    assert renditions["source"] == image.file.name
    made = {(item["crop"], item["width"], item["type"]) for item in renditions["items"]}
    # No 1600-pixel copy of a 1200-pixel original: nothing is upscaled.
    types = {"image/webp"} | ({"image/avif"} if images.features.check("avif") else set())
    assert made == {
        (crop, width, kind)
        for crop, widths in [
            ("original", (480, 960)),
            ("wide", (480, 960)),
            ("square", (240, 480)),
        ]
        for width in widths
        for kind in types
    }
    for item in renditions["items"]:
        assert default_storage.exists(item["name"])
        with default_storage.open(item["name"]) as stored, Picture.open(stored) as made:
            assert made.size == (item["width"], item["height"])
            assert f"image/{made.format.lower()}" == item["type"]
    assert (image.width, image.height) == (1200, 800)


def test_the_article_page_serves_the_wide_crop_with_srcset_sizes_dimensions_and_credit(client):
    image = make_image(
        picture(size=(2000, 1000)),
        alt="Delegates in the hall",
        caption="The opening session",
        credit="Russian Foreign Ministry",
    )
    article = make_article(hero_image=image)

    page = client.get(article.get_absolute_url()).content.decode()

    assert '<source type="image/webp" srcset="' in page
    webp = [i for i in image.sources("wide") if i["type"] == "image/webp"]
    assert webp and webp[0]["srcset"] in page
    assert [part.split()[-1] for part in webp[0]["srcset"].split(", ")] == [
        "480w",
        "960w",
        "1600w",
    ]
    assert 'sizes="' in page
    # 16:9: the shape the page reserves before the picture loads.
    assert 'alt="Delegates in the hall" width="960" height="540"' in page
    assert (
        '<figcaption><span class="caption">The opening session</span> '
        '<small class="credit">Photo: Russian Foreign Ministry</small></figcaption>'
    ) in page


def test_no_credit_is_shown_without_a_picture(client):
    """A credit lives on the library image: a story without one credits nobody."""
    make_image(credit="Russian Foreign Ministry")
    article = make_article()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Russian Foreign Ministry" not in page and "<figcaption" not in page


def test_an_image_needs_a_text_alternative(client, editor):
    response = upload_image(client, picture(), alt_en="")
    assert "alt_en" in response.context["adminform"].form.errors
    assert not Image.objects.exists()


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: picture("hero.gif", fmt="GIF", mode="P"),
            "GIF images are not accepted; upload a JPEG, PNG or WebP.",
        ),
        (
            # 45 megapixels, a few kilobytes: the check reads the header, never decodes it.
            lambda: picture("huge.png", size=(7500, 6000), fmt="PNG", mode="1"),
            "The image is 7500 × 6000 pixels; at most 40 megapixels are accepted. "
            "Scale it down first.",
        ),
        (
            lambda: SimpleUploadedFile("notes.jpg", b"not a picture", content_type="image/jpeg"),
            "Upload a valid image.",
        ),
    ],
    ids=["gif", "too-many-pixels", "not-an-image"],
)
def test_uploads_are_checked_by_type_and_pixel_count(client, editor, upload, message):
    response = upload_image(client, upload())
    errors = response.context["adminform"].form.errors["file"]
    assert any(error.startswith(message) for error in errors), errors
    assert not Image.objects.exists()


def test_uploads_over_the_size_limit_are_refused(client, editor, monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 1024 * 1024)
    noise = Picture.frombytes("RGB", (800, 800), os.urandom(800 * 800 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    upload = SimpleUploadedFile("noise.png", buffer.getvalue(), content_type="image/png")
    response = upload_image(client, upload)
    [error] = response.context["adminform"].form.errors["file"]
    assert error == (
        f"The file is {len(buffer.getvalue()) / 1024 / 1024:.1f} MB; "
        "upload an image of at most 1 MB."
    )


def test_a_new_hero_image_on_a_live_article_waits_for_the_publish(client, editor):
    """The live row keeps the published picture; the version carries the new one."""
    first, second = make_image(title="First"), make_image(title="Second")
    article = make_article(hero_image=first)

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(
            headline=article.headline,
            slug=article.slug,
            dateline=article.dateline.isoformat(),
            hero_image=str(second.pk),
            edited_revision=str(article.revision),
        ),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.hero_image == first  # readers still get the first picture
    assert article.versions.get(number=article.revision).content["hero_image"] == second.pk

    workflow.publish(workflow.submit(article, by=editor), by=make_staff("second", "Editors"))
    article.refresh_from_db()
    assert article.hero_image == second


def test_public_pages_never_resize(client, monkeypatch):
    article = make_article(hero_image=make_image())

    def refuse(*args, **kwargs):
        raise AssertionError("resized in a page request")

    monkeypatch.setattr(images, "make_renditions", refuse)
    assert client.get(article.get_absolute_url()).status_code == 200
    assert client.get(reverse("articles:front")).status_code == 200


def test_a_portrait_from_the_library_is_served_square_with_srcset(client, editor):
    portrait = make_image(picture("lavrov.png", (600, 800), "PNG"), alt="Sergey Lavrov")
    response = client.post(
        reverse("admin:articles_person_add"),
        {
            "name_en": "Sergey Lavrov",
            "slug": "",
            "role_title_en": "Foreign Minister",
            "bio_en": "",
            "portrait": str(portrait.pk),
            **empty_inlines("person"),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    person = Person.objects.get()
    assert person.portrait == portrait
    client.logout()
    page = client.get(person.get_absolute_url()).content.decode()
    assert 'srcset="' in page and "240w" in page and "480w" in page
    assert 'alt="Sergey Lavrov" width="480" height="480"' in page


def test_a_missing_original_does_not_stop_an_image_from_saving(caplog):
    image = make_image()
    Image.objects.filter(pk=image.pk).update(file="images/gone.jpg")
    image = Image.objects.get(pk=image.pk)
    image.focal_x = 0.2
    image.save()
    assert not image.renditions
    assert "No renditions made of images/gone.jpg" in caplog.text


def test_a_command_makes_renditions_for_images_stored_before_crops_existed():
    name = default_storage.save("articles/old.jpg", picture("old.jpg", (1000, 500)))
    image = make_image()
    old = {"source": name, "items": []}  # as hero images had them: no crops, no focal point
    Image.objects.filter(pk=image.pk).update(file=name, width=1000, height=500, renditions=old)
    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    renditions = Image.objects.get(pk=image.pk).renditions
    assert renditions["source"] == name and renditions["focal"] == [0.5, 0.5]
    assert {item["crop"] for item in renditions["items"]} == set(images.CROPS)
    assert "images: renditions made for 1" in out.getvalue()
    call_command("make_renditions", stdout=out)  # nothing left to do the second time
    assert "images: renditions made for 0" in out.getvalue()


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.mark.parametrize("size", [(1080, 20000), (300, 20000), (40000, 1)])
def test_any_image_the_upload_check_accepts_gets_renditions_within_the_encoders_limits(size):
    """Tall and thin images fit WebP's 16383-pixel side: a rendition shrinks to fit."""
    image = make_image(picture("tall.png", size, "PNG", mode="1"))
    renditions = image.renditions
    assert renditions["source"] == image.file.name
    assert {item["type"] for item in renditions["items"]} >= {"image/webp"}
    for item in renditions["items"]:
        assert 1 <= item["width"] <= 16383 and 1 <= item["height"] <= 16383, item
        with default_storage.open(item["name"]) as stored, Picture.open(stored) as made:
            assert made.size == (item["width"], item["height"])


def test_a_save_that_fails_while_resizing_leaves_no_file_behind(media, monkeypatch):
    """An encoder error after the original and some renditions were written removes them."""
    encode = Picture.Image.save
    calls = []

    def webp_fails_late(self, fp, format=None, **options):
        if format == "WEBP":
            calls.append(1)
            if len(calls) > 2:
                raise ValueError("encoding error")
        return encode(self, fp, format, **options)

    monkeypatch.setattr(Picture.Image, "save", webp_fails_late)
    with pytest.raises(ValueError, match="encoding error"):
        Image.objects.create(file=picture("hero.jpg", (1200, 800)), alt="A picture")
    assert stored_files(media) == []


RANDOM = r"[A-Za-z0-9_-]{22}"


def test_stored_names_are_random_not_the_upload_name(client, editor):
    """Nobody can guess where a hidden article's picture is from its name or its story."""
    upload_image(client, picture("lavrov-visit.jpg"))
    upload_image(client, picture("lavrov-visit.jpg"))
    first, second = Image.objects.order_by("pk")
    assert re.fullmatch(rf"images/{RANDOM}\.jpg", first.file.name)
    assert re.fullmatch(rf"images/{RANDOM}\.jpg", second.file.name)
    assert first.file.name != second.file.name
    for image in (first, second):
        stem = posixpath.splitext(posixpath.basename(image.file.name))[0]
        for item in image.renditions["items"]:
            assert re.fullmatch(
                rf"renditions/{RANDOM}-(original|wide|square)-\d+w\.(webp|avif)", item["name"]
            )
            assert stem not in item["name"]  # a rendition does not lead to its original


def polyglot():
    """A real PNG with a web page appended: Pillow reads it as a PNG."""
    return picture("x.png", (600, 400), "PNG").read() + b"<html><script>alert(1)</script>"


@pytest.mark.parametrize(
    ("upload", "extension"),
    [
        (lambda: SimpleUploadedFile("poly.pdf", polyglot(), "application/pdf"), ".png"),
        (lambda: picture("photo.png", fmt="JPEG"), ".jpg"),
        (lambda: picture("photo.jpeg", fmt="WEBP"), ".webp"),
        (lambda: picture("PHOTO.JPG", fmt="JPEG"), ".jpg"),
    ],
    ids=["png-named-pdf", "jpeg-named-png", "webp-named-jpeg", "jpeg-upper-case"],
)
def test_the_stored_extension_follows_the_format_the_image_is_in(
    client, editor, upload, extension
):
    response = upload_image(client, upload())
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert posixpath.splitext(Image.objects.get().file.name)[1] == extension


def test_a_command_gives_images_stored_under_guessable_names_random_ones(media):
    """Rows and rendition lists follow; old files go; a second run does nothing."""
    old = default_storage.save("articles/2026/05/lavrov-visit.jpg", picture(size=(1000, 500)))
    old_webp = default_storage.save(
        "renditions/articles/2026/05/lavrov-visit-480w.webp", picture("r.webp", (480, 240), "WEBP")
    )
    renditions = {
        "source": old,
        "focal": [0.5, 0.5],
        "items": [{"name": old_webp, "width": 480, "height": 240, "type": "image/webp"}],
    }
    image = make_image()
    for item in image.renditions["items"]:
        default_storage.delete(item["name"])
    default_storage.delete(image.file.name)
    Image.objects.filter(pk=image.pk).update(file=old, renditions=renditions)
    before = {name: default_storage.open(name).read() for name in (old, old_webp)}

    out = io.StringIO()
    call_command("rename_media", stdout=out)

    assert "renamed 2 files" in out.getvalue()
    image.refresh_from_db()
    name, [item] = image.file.name, image.renditions["items"]
    assert re.fullmatch(rf"images/{RANDOM}\.jpg", name)
    assert image.renditions["source"] == name
    assert re.fullmatch(rf"renditions/{RANDOM}-480w\.webp", item["name"])
    for was, now in [(old, name), (old_webp, item["name"])]:
        assert default_storage.open(now).read() == before[was]
    assert len(stored_files(media)) == 2  # the old files are gone

    call_command("rename_media", stdout=out)
    assert "renamed 0 files" in out.getvalue()
