"""The header and footer menus: each edition's own, edited in the admin, read in a
bounded number of queries and kept with the page cache."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from articles import menus
from articles.models import Menu, MenuItem, Region, Topic
from tests.factories import make_article, make_page, settle_page_cache
from tests.pages import elements, links

pytestmark = pytest.mark.django_db

Section = MenuItem.Section


def header(response):
    return links(response, class_="site-menu")


def footer(response):
    return links(response, class_="footer-menu")


def test_without_menus_an_edition_shows_the_sections(client):
    response = client.get("/")
    assert header(response) == [
        "News",
        "Topics",
        "Regions",
        "People",
        "Organisations",
        "Events",
    ]
    assert footer(response) == ["Corrections"]
    assert {a["href"] for a in elements(response, "a")} >= {
        "/news/",
        "/topics/",
        "/regions/",
        "/corrections/",
    }


def test_each_edition_shows_its_own_menu(client):
    english = make_page(headline="About us")
    russian = make_page(headline="О нас", language="ru", translation_of=english)
    topic = Topic.objects.create(name="Foreign policy", name_ru="Внешняя политика")
    for language, page in (("en", english), ("ru", russian)):
        menu = Menu.objects.create(place=Menu.Place.HEADER, language=language)
        MenuItem.objects.create(menu=menu, position=0, topic=topic)
        MenuItem.objects.create(menu=menu, position=1, page_id=page.pk)
        MenuItem.objects.create(
            menu=menu, position=2, label="Partner", url="https://partner.example.org/"
        )

    assert header(client.get("/")) == ["Foreign policy", "About us", "Partner"]
    assert header(client.get("/ru/")) == ["Внешняя политика", "О нас", "Partner"]
    russian_links = [a["href"] for a in elements(client.get("/ru/"), "a")]
    assert russian.get_absolute_url() in russian_links
    assert english.get_absolute_url() not in russian_links
    assert "/ru/topics/foreign-policy/" in russian_links
    # The footer of an edition with no footer menu keeps the sections'.
    assert [a["href"] for a in elements(client.get("/ru/"), "a") if "corrections" in a["href"]]
    assert len(footer(client.get("/ru/"))) == 1


def test_items_follow_their_positions_and_a_label_replaces_the_name(client):
    region = Region.objects.create(name="Tatarstan")
    menu = Menu.objects.create(place=Menu.Place.FOOTER, language="en")
    MenuItem.objects.create(menu=menu, position=3, section=Section.SEARCH)
    MenuItem.objects.create(menu=menu, position=1, region=region, label="Our region")
    MenuItem.objects.create(menu=menu, position=2, section=Section.NEWS, label="All news")
    assert footer(client.get("/")) == ["Our region", "All news", "Search"]


def test_the_current_page_is_marked_in_the_menu(client):
    response = client.get("/people/")
    current = elements(response, "a", **{"aria-current": "page"})
    assert "/people/" in [a["href"] for a in current]
    assert "/news/" not in [a["href"] for a in current]


def test_saving_a_menu_in_the_admin_clears_the_cached_pages(
    client, editor, django_capture_on_commit_callbacks
):
    make_article()
    sections = ["News", "Topics", "Regions", "People", "Organisations", "Events"]
    assert header(client.get("/")) == sections
    assert header(client.get("/news/")) == sections
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:articles_menu_add"),
            {
                "place": "header",
                "language": "en",
                "items-TOTAL_FORMS": "1",
                "items-INITIAL_FORMS": "0",
                "items-0-position": "0",
                "items-0-section": "events",
                "items-0-label": "What's on",
            },
        )
    assert response.status_code == 302
    client.logout()
    assert header(client.get("/")) == ["What's on"]
    assert header(client.get("/news/")) == ["What's on"]


def test_publishing_a_page_shows_it_in_its_menu_at_once(
    client, writer, editor, django_capture_on_commit_callbacks
):
    from articles import workflow
    from tests.factories import submitted_by

    page = submitted_by(writer, headline="Contacts", kind="page")
    menu = Menu.objects.create(place=Menu.Place.FOOTER, language="en")
    MenuItem.objects.create(menu=menu, page_id=page.pk)
    assert footer(client.get("/")) == []  # cached without it
    with django_capture_on_commit_callbacks(execute=True):
        workflow.publish(page, by=editor)
    assert footer(client.get("/")) == ["Contacts"]


def test_the_menus_are_read_in_two_queries_however_many_items(django_assert_num_queries):
    pages = [make_page(headline=f"Page {n}") for n in range(3)]
    topics = [Topic.objects.create(name=f"Topic {n}") for n in range(3)]
    regions = [Region.objects.create(name=f"Region {n}") for n in range(3)]
    for place in Menu.Place:
        menu = Menu.objects.create(place=place, language="en")
        for n in range(3):
            MenuItem.objects.create(menu=menu, position=4 * n, page_id=pages[n].pk)
            MenuItem.objects.create(menu=menu, position=4 * n + 1, topic=topics[n])
            MenuItem.objects.create(menu=menu, position=4 * n + 2, region=regions[n])
            MenuItem.objects.create(menu=menu, position=4 * n + 3, section=Section.NEWS)
    with django_assert_num_queries(2):
        read = menus.read_menus("en")
    assert [len(read[place]) for place in Menu.Place] == [12, 12]
    settle_page_cache()
    with django_assert_num_queries(0):
        assert menus.site_menus("en") == read


def test_with_the_cache_off_the_menus_cost_their_two_queries_alone(
    settings, django_assert_num_queries
):
    """Nothing is kept with the dummy cache, so the menus do not work out how long a kept
    copy would hold: that asked the database for the next scheduled change on every page."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    make_page(headline="Contacts")
    Menu.objects.create(place=Menu.Place.FOOTER, language="en").items.create(
        position=0, section=Section.NEWS
    )
    for _ in range(2):
        with django_assert_num_queries(2):
            read = menus.site_menus("en")
        assert [item.url for item in read[Menu.Place.FOOTER]] == ["/news/"]


def test_an_item_leads_to_exactly_one_thing():
    menu = Menu.objects.create(place=Menu.Place.HEADER, language="en")
    with pytest.raises(ValidationError, match="Choose one thing"):
        MenuItem(menu=menu).full_clean()
    with pytest.raises(ValidationError, match="Choose one thing"):
        MenuItem(menu=menu, section=Section.NEWS, url="/x/", label="X").full_clean()


@pytest.mark.parametrize("url", ["javascript:alert(1)", "//evil.example/", "news", "ftp://x.org/"])
def test_an_address_is_a_web_address_or_a_path(url):
    menu = Menu.objects.create(place=Menu.Place.HEADER, language="en")
    with pytest.raises(ValidationError) as error:
        MenuItem(menu=menu, url=url, label="Link").full_clean()
    assert "url" in error.value.message_dict


def test_an_address_needs_a_label_and_a_page_its_menus_edition():
    menu = Menu.objects.create(place=Menu.Place.HEADER, language="ru")
    with pytest.raises(ValidationError) as error:
        MenuItem(menu=menu, url="https://partner.example.org/").full_clean()
    assert "label" in error.value.message_dict
    english = make_page()
    with pytest.raises(ValidationError) as error:
        MenuItem(menu=menu, page_id=english.pk).full_clean()
    assert "page" in error.value.message_dict


def test_a_story_cannot_be_picked_as_a_page():
    story = make_article()
    menu = Menu.objects.create(place=Menu.Place.HEADER, language="en")
    with pytest.raises(ValidationError) as error:
        MenuItem(menu=menu, page_id=story.pk).full_clean()
    assert "page" in error.value.message_dict


def test_one_menu_per_place_and_edition(client, editor):
    Menu.objects.create(place=Menu.Place.HEADER, language="en")
    client.force_login(editor)
    response = client.post(
        reverse("admin:articles_menu_add"),
        {
            "place": "header",
            "language": "en",
            "items-TOTAL_FORMS": "0",
            "items-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert Menu.objects.count() == 1


def test_the_menu_admin_shows_each_menu_and_its_form(client, editor, django_assert_num_queries):
    page = make_page()
    for language in ("en", "ru"):
        menu = Menu.objects.create(place=Menu.Place.HEADER, language=language)
        MenuItem.objects.create(menu=menu, section=Section.NEWS)
    MenuItem.objects.create(menu=menu, page_id=make_page(language="ru", headline="О нас").pk)
    client.force_login(editor)
    changelist = reverse("admin:articles_menu_changelist")
    client.get(changelist)
    # The menus' links are read in one query, however many menus the list shows.
    with django_assert_num_queries(9) as queries:
        client.get(changelist)
    # A list of more menus reads no more.
    Menu.objects.create(place=Menu.Place.FOOTER, language="en")
    with django_assert_num_queries(len(queries)):
        response = client.get(changelist)
    assert "Footer, English" in response.content.decode()
    form = client.get(reverse("admin:articles_menu_change", args=[menu.pk]))
    assert form.status_code == 200
    assert "О нас" in form.content.decode() and page.headline not in form.content.decode()
