"""The library in the admin: found by its words, filtered by use and uploader, each item
listing what uses it, the focal point set on the image's form."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from articles.models import Article, ArticleDocument, Document, Image
from tests.factories import (
    article_form,
    make_article,
    make_image,
    make_person,
    make_staff,
    picture,
)

pytestmark = pytest.mark.django_db

IMAGES = reverse("admin:articles_image_changelist")
DOCUMENTS = reverse("admin:articles_document_changelist")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def signed_in(client):
    user = make_staff("editor", "Editors")
    client.force_login(user)
    return user


def listed(client, url, **query):
    response = client.get(url, query)
    assert response.status_code == 200
    return {str(obj) for obj in response.context["cl"].result_list}


def make_document(title="Speech", uploaded_by=None):
    return Document.objects.create(
        title=title, file=SimpleUploadedFile("speech.pdf", b"%PDF-1.7"), uploaded_by=uploaded_by
    )


def test_images_are_found_by_title_text_alternative_caption_and_credit(client, signed_in):
    make_image(title="Lavrov in Kazan", alt="The minister")
    make_image(title="Hall", alt="Delegates", caption="The opening session")
    make_image(title="Mosque", alt="Kul Sharif", credit="City of Kazan")

    assert listed(client, IMAGES, q="Lavrov") == {"Lavrov in Kazan"}
    assert listed(client, IMAGES, q="delegates") == {"Hall"}
    assert listed(client, IMAGES, q="opening") == {"Hall"}
    assert listed(client, IMAGES, q="City of Kazan") == {"Mosque"}


def test_images_are_filtered_by_use_and_uploader(client, signed_in):
    other = make_staff("photographer", "Writers")
    hero = make_image(title="Hero", uploaded_by=signed_in)
    portrait = make_image(title="Portrait", uploaded_by=other)
    social = make_image(title="Social", uploaded_by=other)
    make_image(title="Unused", uploaded_by=signed_in)
    make_article(hero_image=hero, social_image=social)
    make_person(portrait=portrait)

    assert listed(client, IMAGES, use="used") == {"Hero", "Portrait", "Social"}
    assert listed(client, IMAGES, use="unused") == {"Unused"}
    assert listed(client, IMAGES, uploaded_by__id__exact=other.pk) == {"Portrait", "Social"}


def test_the_image_list_shows_thumbnails_in_a_fixed_number_of_queries(client, signed_in):
    def count():
        with CaptureQueriesContext(connection) as queries:
            page = client.get(IMAGES).content.decode()
        return len(queries), page

    make_image(title="First")
    few, page = count()
    assert page.count("library-thumbnail") == 1
    for number in range(4):
        make_article(hero_image=make_image(title=f"More {number}"), slug=f"more-{number}")
    many, page = count()
    assert page.count("library-thumbnail") == 5
    assert many == few


def test_an_image_lists_the_stories_and_people_using_it_and_cannot_be_deleted(client, signed_in):
    image = make_image(title="Lavrov")
    story = make_article(headline="Lavrov meets OIC ambassadors", hero_image=image)
    shared = make_article(headline="Shared elsewhere", slug="shared", social_image=image)
    person = make_person(name="Sergey Lavrov", portrait=image)

    page = client.get(reverse("admin:articles_image_change", args=[image.pk])).content.decode()

    for obj, kind in [(story, "article"), (shared, "article"), (person, "person")]:
        assert reverse(f"admin:articles_{kind}_change", args=[obj.pk]) in page
    assert "Lavrov meets OIC ambassadors" in page and "Sergey Lavrov" in page

    response = client.post(
        reverse("admin:articles_image_delete", args=[image.pk]), {"post": "yes"}
    )
    assert Image.objects.filter(pk=image.pk).exists()
    assert "Lavrov meets OIC ambassadors" in response.content.decode()


def test_a_document_lists_the_stories_using_it_and_cannot_be_deleted(client, signed_in):
    document = make_document()
    story = make_article(headline="Lavrov meets OIC ambassadors")
    ArticleDocument.objects.create(article=story, document=document)

    page = client.get(
        reverse("admin:articles_document_change", args=[document.pk])
    ).content.decode()
    assert reverse("admin:articles_article_change", args=[story.pk]) in page

    client.post(reverse("admin:articles_document_delete", args=[document.pk]), {"post": "yes"})
    assert Document.objects.filter(pk=document.pk).exists()
    assert listed(client, DOCUMENTS, use="used") == {"Speech"}
    assert listed(client, DOCUMENTS, use="unused") == set()


def test_documents_are_uploaded_stamped_and_found_by_title(client, signed_in):
    response = client.post(
        reverse("admin:articles_document_add"),
        {"title": "Communiqué", "file": SimpleUploadedFile("c.pdf", b"%PDF-1.7 text")},
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    document = Document.objects.get()
    assert document.uploaded_by == signed_in
    assert document.content_type == "application/pdf"
    make_document("Speech")
    assert listed(client, DOCUMENTS, q="commun") == {"Communiqué"}

    refused = client.post(
        reverse("admin:articles_document_add"),
        {"title": "Page", "file": SimpleUploadedFile("page.pdf", b"<html></html>")},
    )
    assert "file" in refused.context["adminform"].form.errors
    assert Document.objects.count() == 2


def image_form(image, **changes):
    data = {"title": image.title, "focal_x": image.focal_x, "focal_y": image.focal_y}
    for text in ("alt", "caption", "credit"):
        for language in ("en", "ru", "ar"):
            data[f"{text}_{language}"] = getattr(image, f"{text}_{language}") or ""
    data.update(changes)
    return data


def test_the_focal_point_is_saved_from_the_form_and_the_crops_follow(client, signed_in):
    image = make_image(picture(size=(1600, 900)), title="Hall")
    before = {item["name"] for item in image.renditions["items"]}
    url = reverse("admin:articles_image_change", args=[image.pk])

    page = client.get(url).content.decode()
    # The picker: the picture, the script, and the two fields that work without it.
    assert 'class="focal-picker"' in page and "admin/js/focal_point.js" in page
    assert 'name="focal_x"' in page and 'name="focal_y"' in page

    response = client.post(url, image_form(image, focal_x="0.1", focal_y="0.8"))
    assert response.status_code == 302
    image.refresh_from_db()
    assert (image.focal_x, image.focal_y) == (0.1, 0.8)
    assert image.renditions["focal"] == [0.1, 0.8]
    assert not before & {item["name"] for item in image.renditions["items"]}

    refused = client.post(url, image_form(image, focal_x="1.5"))
    assert "focal_x" in refused.context["adminform"].form.errors


def test_the_article_form_picks_images_from_the_library(client, signed_in):
    hero, social = make_image(title="Hero"), make_image(title="Social")
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    # Searched, not listed whole; "+" uploads a new one in a popup.
    assert 'data-field-name="hero_image"' in page and 'data-field-name="social_image"' in page
    assert reverse("admin:articles_image_add") in page

    response = client.post(
        reverse("admin:articles_article_add"),
        article_form(hero_image=str(hero.pk), social_image=str(social.pk)),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get()
    assert (article.hero_image, article.social_image) == (hero, social)


def test_pictures_in_a_storys_text_are_in_use_until_the_text_drops_them(client, signed_in):
    minister, hall, delegates = (make_image(title=t) for t in ("Minister", "Hall", "Delegates"))
    make_image(title="Unused")
    text = f'<p>Text.</p><figure data-image="{minister.pk}" data-size="wide"></figure>'
    gallery = f'<figure data-gallery="{hall.pk},{delegates.pk}"></figure>'
    response = client.post(
        reverse("admin:articles_article_add"), article_form(body=text + gallery)
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    story = Article.objects.get()

    assert listed(client, IMAGES, use="used") == {"Minister", "Hall", "Delegates"}
    assert listed(client, IMAGES, use="unused") == {"Unused"}
    page = client.get(reverse("admin:articles_image_change", args=[hall.pk])).content.decode()
    assert reverse("admin:articles_article_change", args=[story.pk]) in page
    refused = client.post(reverse("admin:articles_image_delete", args=[hall.pk]), {"post": "yes"})
    assert Image.objects.filter(pk=hall.pk).exists()
    assert "Lavrov meets OIC ambassadors" in refused.content.decode()

    # The editor takes the gallery out: its pictures are free to go, the other stays in use.
    form = client.get(reverse("admin:articles_article_change", args=[story.pk]))
    edited = form.context["adminform"].form["edited_revision"].value()
    response = client.post(
        reverse("admin:articles_article_change", args=[story.pk]),
        article_form(body=text, edited_revision=edited),
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert listed(client, IMAGES, use="used") == {"Minister"}
    client.post(reverse("admin:articles_image_delete", args=[hall.pk]), {"post": "yes"})
    assert not Image.objects.filter(pk=hall.pk).exists()
