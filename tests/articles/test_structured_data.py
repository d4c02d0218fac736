import datetime
import json
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.dateparse import parse_date, parse_datetime

from articles.models import Article
from tests.factories import (
    PNG,
    draft_by,
    make_article,
    make_event,
    make_image,
    make_organisation,
    make_person,
    make_user,
)

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def json_ld(client, url):
    page = client.get(url).content.decode()
    [block] = JSON_LD.findall(page)
    return json.loads(block), page


@pytest.fixture
def story(settings, tmp_path, topic, regions):
    settings.MEDIA_ROOT = tmp_path
    person = make_person(aliases=["Sergei Lavrov", "Сергей Лавров"])
    writer = make_person(name="Ivan Petrov", role_title="Correspondent")
    organisation = make_organisation(website="https://www.oic-oci.org/")
    organisation.affiliations.create(person=person, role="Guest")
    event = make_event(description="<p>A forum &amp; fair</p>")
    event.organisers.set([organisation])
    article = make_article(
        headline="Lavrov </script><script>alert(1)</script> & friends",
        hero_image=make_image(
            SimpleUploadedFile("kazan.png", PNG, content_type="image/png"),
            alt="Lavrov at the lectern",
        ),
        topics=[topic],
        regions=[regions["kazan"]],
        people=[person],
    )
    article.organisations.set([organisation])
    article.events.set([event])
    article.bylines.create(person=writer, position=0)
    return {"article": article, "person": person, "organisation": organisation, "event": event}


def test_an_article_describes_itself_as_a_news_article(client, story):
    article = story["article"]
    data, page = json_ld(client, article.get_absolute_url())
    assert data["@context"] == "https://schema.org"
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.headline
    assert data["url"] == data["mainEntityOfPage"] == f"{HOST}{article.get_absolute_url()}"
    # DjangoJSONEncoder writes milliseconds.
    published = parse_datetime(data["datePublished"])
    assert published.replace(microsecond=0) == article.published_at.replace(microsecond=0)
    # Never changed for readers: modified when published, whatever drafts were saved.
    assert data["dateModified"] == data["datePublished"]
    assert "correction" not in data
    assert data["author"] == [
        {"@type": "Person", "name": "Ivan Petrov", "url": f"{HOST}/people/ivan-petrov/"}
    ]
    assert data["publisher"]["@type"] == "Organization"
    assert data["image"] == [f"{HOST}{article.hero_image.file.url}"]
    assert [(e["@type"], e["name"]) for e in data["about"]] == [
        ("Person", "Sergey Lavrov"),
        ("Organization", "Organisation of Islamic Cooperation"),
    ]
    assert [e["name"] for e in data["mentions"]] == ["KazanForum"]
    assert data["keywords"] == ["Foreign policy", "Kazan"]
    assert data["inLanguage"] == "en"


def test_json_ld_cannot_be_broken_out_of(client, story):
    """An editor's </script> stays inside the data block, escaped; the JSON still reads."""
    _, page = json_ld(client, story["article"].get_absolute_url())
    assert "<script>alert(1)" not in page
    assert "\\u003C/script\\u003E" in page
    assert "\\u0026 friends" in page


def test_a_press_service_byline_is_the_author(client, db):
    article = make_article(byline="Russian Foreign Ministry")
    data, _ = json_ld(client, article.get_absolute_url())
    assert data["author"] == [{"@type": "Organization", "name": "Russian Foreign Ministry"}]
    assert "image" not in data


def test_an_event_page_describes_the_event(client, story):
    event = story["event"]
    data, _ = json_ld(client, event.get_absolute_url())
    assert data["@type"] == "Event"
    assert data["name"] == "KazanForum"
    assert parse_date(data["startDate"]) == event.start_date
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["location"] == {"@type": "Place", "name": "Kazan Expo", "address": "Kazan Expo"}
    assert data["description"] == "A forum & fair"
    assert [o["name"] for o in data["organizer"]] == ["Organisation of Islamic Cooperation"]


def test_an_event_with_times_is_described_with_them_in_its_time_zone(client):
    event = make_event(
        start_date=datetime.date(2030, 5, 12),
        start_time=datetime.time(10),
        end_time=datetime.time(18),
        time_zone="Europe/Moscow",
    )
    data, _ = json_ld(client, event.get_absolute_url())
    assert (data["startDate"], data["endDate"]) == (
        "2030-05-12T10:00:00+03:00",
        "2030-05-12T18:00:00+03:00",
    )


def test_an_event_without_dates_is_described_without_them(client):
    event = make_event(start_date=None, recurring=True)
    data, _ = json_ld(client, event.get_absolute_url())
    assert data["@type"] == "Event" and data["name"] == "KazanForum"
    assert "startDate" not in data and "endDate" not in data


def test_a_person_page_describes_the_person(client, story):
    data, _ = json_ld(client, story["person"].get_absolute_url())
    assert data["@type"] == "Person"
    assert data["jobTitle"] == "Foreign Minister"
    assert data["alternateName"] == ["Sergei Lavrov", "Сергей Лавров"]
    assert [o["name"] for o in data["affiliation"]] == ["Organisation of Islamic Cooperation"]


def test_an_organisation_page_describes_the_organisation(client, story):
    data, _ = json_ld(client, story["organisation"].get_absolute_url())
    assert data["@type"] == "Organization"
    assert data["alternateName"] == ["OIC"]
    assert data["sameAs"] == ["https://www.oic-oci.org/"]


def test_an_article_has_open_graph_and_twitter_cards(client, story):
    article = story["article"]
    page = client.get(article.get_absolute_url()).content.decode()
    assert '<meta property="og:type" content="article">' in page
    assert f'<meta property="og:url" content="{HOST}{article.get_absolute_url()}">' in page
    assert '<meta property="og:title" content="Lavrov &lt;/script&gt;' in page
    assert f'<meta property="og:image" content="{HOST}{article.hero_image.file.url}">' in page
    assert '<meta property="og:image:alt" content="Lavrov at the lectern">' in page
    assert '<meta name="twitter:card" content="summary_large_image">' in page
    assert '<meta property="article:tag" content="Foreign policy">' in page


def test_a_social_image_is_shared_instead_of_the_hero(client, story):
    article = story["article"]
    social = make_image(alt="The forum poster")
    Article.objects.filter(pk=article.pk).update(social_image=social)
    page = client.get(article.get_absolute_url()).content.decode()
    assert f'<meta property="og:image" content="{HOST}{social.file.url}">' in page
    assert '<meta property="og:image:alt" content="The forum poster">' in page
    assert f'<meta property="og:image" content="{HOST}{article.hero_image.file.url}">' not in page


def test_entity_pages_name_themselves_in_their_cards(client, story):
    for entity in [story["person"], story["organisation"], story["event"]]:
        page = client.get(entity.get_absolute_url()).content.decode()
        assert f'<meta property="og:title" content="{entity.name}">' in page


def canonical_links(page):
    return re.findall(r'<link rel="canonical" href="([^"]*)">', page)


def test_every_html_page_names_its_canonical_address(client, story, topic, regions):
    article = story["article"]
    for url in [
        reverse("articles:front"),
        reverse("articles:news"),
        reverse("articles:people"),
        reverse("articles:organisations"),
        reverse("articles:events"),
        article.get_absolute_url(),
        topic.get_absolute_url(),
        regions["russia"].get_absolute_url(),
        story["person"].get_absolute_url(),
        story["organisation"].get_absolute_url(),
        story["event"].get_absolute_url(),
    ]:
        page = client.get(url, {"utm_source": "x"}).content.decode()
        assert canonical_links(page) == [f"{HOST}{url}"], url
    search = client.get(reverse("articles:search"), {"q": "Лавров", "page": "1"})
    assert canonical_links(search.content.decode()) == [
        f"{HOST}/search/?q=%D0%9B%D0%B0%D0%B2%D1%80%D0%BE%D0%B2"
    ]


def test_a_later_page_of_a_list_is_its_own_canonical_page(client, settings, db):
    for i in range(25):
        make_article(headline=f"Story {i}")
    page = client.get(reverse("articles:news"), {"page": 2}).content.decode()
    assert canonical_links(page) == [f"{HOST}/news/?page=2"]


def test_a_not_found_page_claims_no_canonical_address(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert canonical_links(response.content.decode()) == []


def test_a_preview_names_no_canonical_address_and_describes_nothing(client, db):
    from articles import workflow

    author = make_user("author", "Writers")
    article = draft_by(author, headline="Embargoed interview")
    link = workflow.share(article, by=author)
    url = reverse("articles:shared_preview", args=[article.pk, link.token])
    page = client.get(url).content.decode()
    assert "Embargoed interview" in page
    assert canonical_links(page) == []
    assert JSON_LD.findall(page) == []
    assert 'property="og:' not in page
