"""Pictures of the library in an article's body: stored as references, shown to readers
as <picture> elements with their renditions, caption and credit, read in one query."""

import pytest
from django.urls import reverse

from articles import body
from articles.models import Article
from tests.factories import article_form, make_article, make_image, picture, submitted_by
from tests.pages import elements, shape

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def reference(pk, size="wide"):
    """A picture of the library in a body, as the editor stores it."""
    return f'<figure data-image="{pk}" data-size="{size}"></figure>'


@pytest.fixture
def minister():
    return make_image(
        upload=picture(size=(2000, 1000)),
        alt="The minister at the lectern",
        caption="Sergey Lavrov opens the session",
        credit="Russian Foreign Ministry",
        focal_x=0.8,
        focal_y=0.3,
    )


@pytest.mark.parametrize("size", ["inline", "wide", "full"])
def test_a_reference_to_a_picture_survives_a_save(minister, size):
    stored = f'<p>Text.</p><figure data-image="{minister.pk}" data-size="{size}"></figure>'
    article = make_article(body=stored)
    article.refresh_from_db()

    assert shape(article.body) == shape(stored)


def test_a_gallery_survives_a_save(minister):
    stored = f'<figure data-gallery="{minister.pk},{minister.pk + 1}"></figure>'

    assert shape(make_article(body=stored).body) == shape(stored)


@pytest.mark.parametrize(
    "hostile",
    [
        '<figure data-image="1 onload=alert(1)" data-size="wide"></figure>',
        '<figure data-image="../../etc/passwd" data-size="wide"></figure>',
        '<figure data-image="1" data-size="huge" onclick="alert(1)"></figure>',
        '<figure data-gallery="1,javascript:alert(1)"></figure>',
        '<figure data-image="1" data-src="https://evil.example/x.jpg"></figure>',
    ],
)
def test_references_hold_ids_and_sizes_only(hostile):
    stored = Article._meta.get_field("body").sanitize(hostile)

    for event in shape(stored):
        if event[0] == "<":
            for name, value in event[2].items():
                assert name in {"data-image", "data-size", "data-gallery"}, stored
                assert value.replace(",", "").isdecimal() or value in body.SIZES, stored


def test_readers_see_the_picture_cropped_around_its_focal_point_with_caption_and_credit(
    client, minister
):
    article = make_article(body=reference(minister.pk, "wide"))

    response = client.get(article.get_absolute_url())

    figure = response.content.decode().split('<figure class="body-image body-image-wide">')[1]
    [img] = [event[2] for event in shape(figure) if event[:2] == ("<", "img")][:1]
    wide = minister.fallback("wide")
    assert img["src"] == wide["url"]
    assert (img["width"], img["height"]) == (str(wide["width"]), str(wide["height"]))
    assert int(img["width"]) * 9 == int(img["height"]) * 16
    assert img["alt"] == "The minister at the lectern"
    assert img["loading"] == "lazy"
    # The renditions of the crop around the focal point, not of the picture's own shape.
    sources = [{"type": s["type"], "srcset": s["srcset"]} for s in elements(response, "source")]
    assert sources == minister.sources("wide") != minister.sources("original")
    assert '<span class="caption">Sergey Lavrov opens the session</span>' in figure
    assert '<small class="credit">Photo: Russian Foreign Ministry</small>' in figure


def test_an_inline_picture_keeps_its_own_shape(client, minister):
    article = make_article(body=reference(minister.pk, "inline"))

    [img] = elements(client.get(article.get_absolute_url()), "img", alt=minister.alt)

    assert (img["width"], img["height"]) == ("2000", "1000")


def test_a_gallery_shows_its_pictures_in_order(client, minister):
    second = make_image(alt="Delegates in the hall", credit="TASS")
    article = make_article(body=f'<figure data-gallery="{second.pk},{minister.pk}"></figure>')

    page = client.get(article.get_absolute_url())

    alts = [
        img["alt"] for img in elements(page, "img") if img["alt"] in {second.alt, minister.alt}
    ]
    assert alts == ["Delegates in the hall", "The minister at the lectern"]
    assert '<figure class="gallery">' in page.content.decode()


def test_a_picture_deleted_from_the_library_shows_nothing(client, minister):
    article = make_article(
        body=f"<p>Before.</p>{reference(minister.pk + 100, 'wide')}"
        f'<figure data-gallery="{minister.pk + 100}"></figure><p>After.</p>'
    )

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "<p>Before.</p><p>After.</p>" in response.content.decode()


def test_every_picture_of_a_body_is_read_in_one_query(django_assert_num_queries, minister):
    others = [make_image(alt=f"Picture {n}") for n in range(5)]
    stored = "".join(reference(image.pk, "wide") for image in [minister, *others])
    stored += f'<figure data-gallery="{",".join(str(i.pk) for i in others)}"></figure>'

    with django_assert_num_queries(1):
        expanded = body.expand(stored)

    assert expanded.count("<picture>") == 11
    with django_assert_num_queries(0):
        body.expand("<p>No picture.</p>")


def test_the_api_gives_plain_pictures_at_absolute_addresses(client, minister):
    article = make_article(body=reference(minister.pk, "wide"))

    answer = client.get(f"/api/v1/articles/{article.pk}/").json()

    [img] = [e[2] for e in shape(answer["body"]) if e[:2] == ("<", "img")]
    assert img["src"] == f"http://testserver{minister.file.url}"
    assert img["alt"] == "The minister at the lectern"
    assert "Photo: Russian Foreign Ministry" in answer["body"]
    assert "<picture>" not in answer["body"]


def test_the_editors_chooser_finds_pictures_of_the_library(client, writer, minister):
    make_image(alt="Delegates in the hall", title="Plenary")
    client.force_login(writer)

    found = client.get(reverse("admin:articles_article_images"), {"q": "lectern"}).json()
    by_id = client.get(reverse("admin:articles_article_images"), {"ids": str(minister.pk)})

    assert [image["id"] for image in found["images"]] == [minister.pk]
    assert found["images"][0]["alt"] == "The minister at the lectern"
    assert found["images"][0]["thumbnail"] == minister.fallback("square")["url"]
    assert [image["id"] for image in by_id.json()["images"]] == [minister.pk]


def test_only_those_who_write_articles_list_the_library(client, django_user_model):
    client.force_login(django_user_model.objects.create_user("reader", is_staff=True))

    assert client.get(reverse("admin:articles_article_images")).status_code == 403


def test_a_picture_chosen_in_the_admin_is_stored_as_a_reference(client, writer, minister):
    client.force_login(writer)
    client.post(
        reverse("admin:articles_article_add"),
        article_form(
            body=f'<p>Text.</p><figure data-image="{minister.pk}" data-size="full"></figure>'
        ),
    )

    assert f'<figure data-image="{minister.pk}" data-size="full"></figure>' in (
        Article.objects.get().body
    )


def test_a_picture_changed_in_the_library_changes_in_the_cached_story(
    client, minister, django_capture_on_commit_callbacks
):
    article = make_article(body=reference(minister.pk))
    assert "Sergey Lavrov opens the session" in client.get(article.get_absolute_url()).text

    minister.caption = "Sergey Lavrov closes the session"
    with django_capture_on_commit_callbacks(execute=True):
        minister.save()

    assert "Sergey Lavrov closes the session" in client.get(article.get_absolute_url()).text


def test_a_writer_waiting_on_review_reads_the_story_with_its_pictures(client, writer, minister):
    article = submitted_by(writer, body=reference(minister.pk))
    client.force_login(writer)

    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).text

    assert 'alt="The minister at the lectern"' in page
    assert '<span class="caption">Sergey Lavrov opens the session</span>' in page
