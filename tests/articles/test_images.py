"""Hero images and portraits: checked on upload, resized on upload, served as renditions."""

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
from PIL import Image

from articles import images, workflow
from articles.models import Article, Person
from tests.factories import article_form, empty_inlines, make_article, make_staff, picture

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


def add_article(client, **fields):
    return client.post(reverse("admin:articles_article_add"), article_form(**fields))


def test_an_upload_is_resized_on_upload_to_webp_and_avif_at_fixed_widths(client, editor):
    response = add_article(
        client,
        hero_image=picture(size=(1200, 800)),
        hero_alt="Lavrov at the lectern",
        hero_caption="The minister speaks",
        hero_credit="Russian Foreign Ministry",
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    renditions = article.hero_renditions
    assert renditions["source"] == article.hero_image.name
    made = {(item["width"], item["type"]) for item in renditions["items"]}
    # No 1600-pixel copy of a 1200-pixel original: nothing is upscaled.
    types = {"image/webp"} | ({"image/avif"} if images.features.check("avif") else set())
    assert made == {(width, kind) for width in (480, 960) for kind in types}
    for item in renditions["items"]:
        assert default_storage.exists(item["name"])
        with default_storage.open(item["name"]) as stored, Image.open(stored) as image:
            assert image.size == (item["width"], item["height"])
            assert f"image/{image.format.lower()}" == item["type"]
    assert (article.hero_width, article.hero_height) == (1200, 800)


def test_the_article_page_serves_renditions_with_srcset_sizes_and_dimensions(client, editor):
    add_article(
        client,
        hero_image=picture(size=(2000, 1000)),
        hero_alt="Delegates in the hall",
        hero_caption="The opening session",
        hero_credit="Russian Foreign Ministry",
    )
    article = Article.objects.get()
    publish_now(Article.objects.filter(pk=article.pk))
    client.logout()

    page = client.get(Article.objects.get().get_absolute_url()).content.decode()

    assert '<source type="image/webp" srcset="' in page
    webp = [i for i in article.hero_renditions["items"] if i["type"] == "image/webp"]
    for item in webp:
        assert f"{default_storage.url(item['name'])} {item['width']}w" in page
    assert {i["width"] for i in webp} == {480, 960, 1600}
    assert 'sizes="' in page
    assert 'alt="Delegates in the hall" width="2000" height="1000"' in page
    assert "The opening session" in page and "Photo: Russian Foreign Ministry" in page


def test_an_image_needs_a_text_alternative(client, editor):
    response = add_article(client, hero_image=picture(), hero_alt="  ")
    form = response.context["adminform"].form
    assert form.errors["hero_alt"] == [
        "Describe what the image shows for readers who cannot see it."
    ]
    assert not Article.objects.exists()


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
    response = add_article(client, hero_image=upload(), hero_alt="Something")
    errors = response.context["adminform"].form.errors["hero_image"]
    assert any(error.startswith(message) for error in errors), errors
    assert not Article.objects.exists()


def test_uploads_over_the_size_limit_are_refused(client, editor, monkeypatch):
    monkeypatch.setattr(images, "MAX_BYTES", 1024 * 1024)
    noise = Image.frombytes("RGB", (800, 800), os.urandom(800 * 800 * 3))
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    upload = SimpleUploadedFile("noise.png", buffer.getvalue(), content_type="image/png")
    response = add_article(client, hero_image=upload, hero_alt="Something")
    [error] = response.context["adminform"].form.errors["hero_image"]
    assert error == (
        f"The file is {len(buffer.getvalue()) / 1024 / 1024:.1f} MB; "
        "upload an image of at most 1 MB."
    )


def test_a_new_image_on_a_live_article_waits_with_its_renditions_for_the_publish(client, editor):
    """The live row keeps the published picture; the version carries the new one, resized."""
    add_article(client, hero_image=picture("first.jpg", (1000, 500)), hero_alt="First picture")
    article = Article.objects.get()
    workflow.mark_live(article)
    article.refresh_from_db()
    first = article.hero_renditions

    response = client.post(
        reverse("admin:articles_article_change", args=[article.pk]),
        article_form(
            headline=article.headline,
            slug=article.slug,
            hero_image=picture("second.jpg", (1800, 900)),
            hero_alt="Second picture",
            edited_revision=str(article.revision),
        ),
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.hero_renditions == first  # readers still get the first picture
    newest = article.versions.get(number=article.revision).content
    assert newest["hero_renditions"]["source"] == newest["hero_image"]
    assert {i["width"] for i in newest["hero_renditions"]["items"]} == {480, 960, 1600}

    second_editor = make_staff("second", "Editors")
    workflow.submit(article, by=editor)
    workflow.publish(article, by=second_editor)
    article.refresh_from_db()
    assert article.hero_image.name == newest["hero_image"]
    assert article.hero_renditions == newest["hero_renditions"]


def test_publishing_an_old_version_without_renditions_makes_them(editor):
    """Versions saved before renditions existed get them when they go live, not on a page."""
    buffer = picture("old.jpg", (1000, 500))
    name = default_storage.save("articles/old.jpg", buffer)
    article = make_article(status=Article.Status.DRAFT)
    Article.objects.filter(pk=article.pk).update(hero_image=name)
    article.refresh_from_db()
    assert not article.hero_renditions
    article.hero_alt = "Old"
    article.save()
    assert article.hero_renditions["source"] == name


def test_public_pages_never_resize(client, editor, monkeypatch):
    add_article(client, hero_image=picture(), hero_alt="A picture")
    publish_now(Article.objects.all())
    client.logout()

    def refuse(*args, **kwargs):
        raise AssertionError("resized in a page request")

    monkeypatch.setattr(images, "make_renditions", refuse)
    assert client.get(Article.objects.get().get_absolute_url()).status_code == 200


def test_a_portrait_is_resized_on_upload_and_served_with_srcset(client, editor):
    response = client.post(
        reverse("admin:articles_person_add"),
        {
            "name_en": "Sergey Lavrov",
            "slug": "",
            "role_title_en": "Foreign Minister",
            "bio_en": "",
            "portrait": picture("lavrov.png", (600, 800), "PNG"),
            **empty_inlines("person"),
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    person = Person.objects.get()
    assert {i["width"] for i in person.portrait_renditions["items"]} == {480}
    client.logout()
    page = client.get(person.get_absolute_url()).content.decode()
    assert 'srcset="' in page and "480w" in page
    assert 'alt="Portrait of Sergey Lavrov" width="600" height="800"' in page


def test_a_missing_original_does_not_stop_an_article_from_saving(caplog):
    article = make_article(status=Article.Status.DRAFT)
    Article.objects.filter(pk=article.pk).update(
        hero_image="articles/gone.jpg", hero_width=800, hero_height=600
    )
    article = Article.objects.get(pk=article.pk)
    article.hero_alt = "Gone"
    article.save()
    assert not article.hero_renditions
    assert "No renditions made of articles/gone.jpg" in caplog.text


def test_a_command_makes_renditions_for_images_stored_before_they_existed():
    name = default_storage.save("articles/old.jpg", picture("old.jpg", (1000, 500)))
    article = make_article(hero_alt="Old")
    Article.objects.filter(pk=article.pk).update(
        hero_image=name, hero_width=1000, hero_height=500, hero_renditions=None
    )
    out = io.StringIO()
    call_command("make_renditions", stdout=out)
    renditions = Article.objects.get(pk=article.pk).hero_renditions
    assert renditions["source"] == name
    assert "articles: renditions made for 1" in out.getvalue()
    call_command("make_renditions", stdout=out)  # nothing left to do the second time
    assert "articles: renditions made for 0" in out.getvalue()


def add_person(client, portrait):
    return client.post(
        reverse("admin:articles_person_add"),
        {
            "name_en": "Sergey Lavrov",
            "slug": "",
            "role_title_en": "",
            "bio_en": "",
            "portrait": portrait,
            **empty_inlines("person"),
        },
    )


def stored_files(root):
    return sorted(str(path.relative_to(root)) for path in root.rglob("*") if path.is_file())


@pytest.mark.parametrize(
    ("kind", "size"),
    [("article", (1080, 20000)), ("person", (300, 20000)), ("article", (40000, 1))],
    ids=["article-1080x20000", "portrait-300x20000", "article-40000x1"],
)
def test_any_image_the_upload_check_accepts_gets_renditions_within_the_encoders_limits(
    client, editor, kind, size
):
    """Tall and thin images fit WebP's 16383-pixel side: a rendition shrinks to fit."""
    upload = picture("tall.png", size, "PNG", mode="1")
    if kind == "article":
        response = add_article(client, hero_image=upload, hero_alt="A long scroll")
        saved = Article.objects.get()
        image, renditions = saved.hero_image, saved.hero_renditions
    else:
        response = add_person(client, upload)
        saved = Person.objects.get()
        image, renditions = saved.portrait, saved.portrait_renditions
    assert response.status_code == 302
    assert renditions["source"] == image.name
    assert {item["type"] for item in renditions["items"]} >= {"image/webp"}
    for item in renditions["items"]:
        assert 1 <= item["width"] <= 16383 and 1 <= item["height"] <= 16383, item
        with default_storage.open(item["name"]) as stored, Image.open(stored) as made:
            assert made.size == (item["width"], item["height"])


def test_a_save_that_fails_while_resizing_leaves_no_file_behind(media, monkeypatch):
    """An encoder error after the original and some renditions were written removes them."""
    encode = Image.Image.save

    def webp_fails(self, fp, format=None, **options):
        if format == "WEBP":
            raise ValueError("encoding error")
        return encode(self, fp, format, **options)

    monkeypatch.setattr(Image.Image, "save", webp_fails)
    article = make_article(status=Article.Status.DRAFT, hero_alt="A picture")
    article.hero_image = picture("hero.jpg", (1200, 800))
    with pytest.raises(ValueError, match="encoding error"):
        article.save()
    assert stored_files(media) == []


RANDOM = r"[A-Za-z0-9_-]{22}"


def test_stored_names_are_random_not_the_upload_name_nor_the_article(client, editor):
    """Nobody can guess where a hidden article's picture is from its name or its story."""
    add_article(client, hero_image=picture("lavrov-visit.jpg"), hero_alt="A visit")
    add_article(
        client, headline="Second", hero_image=picture("lavrov-visit.jpg"), hero_alt="A visit"
    )
    add_person(client, picture("lavrov.png", (600, 800), "PNG"))
    first, second = Article.objects.order_by("pk")
    assert re.fullmatch(rf"articles/{RANDOM}\.jpg", first.hero_image.name)
    assert re.fullmatch(rf"articles/{RANDOM}\.jpg", second.hero_image.name)
    assert first.hero_image.name != second.hero_image.name
    assert re.fullmatch(rf"people/{RANDOM}\.png", Person.objects.get().portrait.name)
    for article in (first, second):
        stem = posixpath.splitext(posixpath.basename(article.hero_image.name))[0]
        for item in article.hero_renditions["items"]:
            assert re.fullmatch(rf"renditions/{RANDOM}-\d+w\.(webp|avif)", item["name"])
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
    response = add_article(client, hero_image=upload(), hero_alt="Something")
    assert response.status_code == 302, response.context["adminform"].form.errors
    name = Article.objects.get().hero_image.name
    assert posixpath.splitext(name)[1] == extension


def test_a_command_gives_images_stored_under_guessable_names_random_ones(media):
    """Rows, rendition lists and versions all follow; old files go; a second run does nothing."""
    old = default_storage.save("articles/2026/05/lavrov-visit.jpg", picture(size=(1000, 500)))
    old_webp = default_storage.save(
        "renditions/articles/2026/05/lavrov-visit-480w.webp", picture("r.webp", (480, 240), "WEBP")
    )
    renditions = {
        "source": old,
        "items": [{"name": old_webp, "width": 480, "height": 240, "type": "image/webp"}],
    }
    pending = default_storage.save(
        "articles/2026/05/poly.pdf", SimpleUploadedFile("p", polyglot())
    )
    portrait = default_storage.save("people/2026/lavrov.png", picture("l.png", fmt="PNG"))
    article = make_article(hero_alt="A visit")
    Article.objects.filter(pk=article.pk).update(hero_image=old, hero_renditions=renditions)
    live = article.versions.get()
    live.content |= {"hero_image": old, "hero_renditions": renditions}
    live.save()
    article.versions.create(number=2, content={**live.content, "hero_image": pending})
    person = Person.objects.create(name="Sergey Lavrov")
    Person.objects.filter(pk=person.pk).update(portrait=portrait)
    before = {name: default_storage.open(name).read() for name in (old, old_webp, portrait)}

    out = io.StringIO()
    call_command("rename_media", stdout=out)

    assert "renamed 4 files" in out.getvalue()
    article.refresh_from_db()
    name, [item] = article.hero_image.name, article.hero_renditions["items"]
    assert re.fullmatch(rf"articles/{RANDOM}\.jpg", name)
    assert article.hero_renditions["source"] == name
    assert re.fullmatch(rf"renditions/{RANDOM}-480w\.webp", item["name"])
    first, second = (version.content for version in article.versions.order_by("number"))
    assert first["hero_image"] == name and first["hero_renditions"] == article.hero_renditions
    assert re.fullmatch(rf"articles/{RANDOM}\.png", second["hero_image"])  # not .pdf
    person.refresh_from_db()
    assert re.fullmatch(rf"people/{RANDOM}\.png", person.portrait.name)
    for was, now in [(old, name), (old_webp, item["name"]), (portrait, person.portrait.name)]:
        assert default_storage.open(now).read() == before[was]
    assert len(stored_files(media)) == 4  # the old files are gone

    call_command("rename_media", stdout=out)
    assert "renamed 0 files" in out.getvalue()
