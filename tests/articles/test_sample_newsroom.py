import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone

from articles.models import (
    Affiliation,
    Article,
    Event,
    Organisation,
    Person,
    Region,
    TaggedRegion,
    TaggedTopic,
    Topic,
)

pytestmark = pytest.mark.django_db

README = Path(__file__).resolve().parents[2] / "README.md"
DEMO_LOGINS = {"admin": "admin-demo", "editor": "editor-demo", "writer": "writer-demo"}


def load_sample_newsroom():
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("load_sample_newsroom", stdout=out)
    return out.getvalue()


def counts():
    models = [Article, Person, Organisation, Affiliation, Event, Topic, Region, TaggedTopic]
    models += [TaggedRegion, get_user_model()]
    return {model.__name__: model.objects.count() for model in models}


def test_the_sample_article_is_published_at_noon_on_its_dateline():
    load_sample_newsroom()

    article = Article.objects.get()
    assert article.status == Article.Status.PUBLISHED
    published = timezone.localtime(article.published_at)
    assert (published.date(), published.hour) == (datetime.date(2023, 3, 6), 12)
    assert list(Article.objects.published()) == [article]
    assert article.standfirst.endswith(".")
    assert article.hero_caption.startswith("Sergey Lavrov at the meeting of the Group")
    assert article.hero_credit == "Russian Foreign Ministry"
    assert article.hero_alt == ""


def test_the_sample_article_links_what_it_mentions():
    load_sample_newsroom()

    article = Article.objects.get()
    assert set(article.people.values_list("name", flat=True)) == {
        "Sergey Lavrov",
        "Vladimir Putin",
        "Rustam Minnikhanov",
    }
    assert set(article.organisations.values_list("acronym", flat=True)) == {
        "MFA",
        "OIC",
        "GSV",
        "UN",
    }
    assert [event.name for event in article.events.all()] == [
        'KazanForum 2023 — International Economic Forum "Russia - Islamic World"'
    ]
    assert set(article.topics.names()) == {
        "Foreign policy",
        "Interfaith dialogue",
        "International cooperation",
    }
    assert set(article.regions.names()) == {"Russia", "Tatarstan", "Kazan", "Malaysia"}


def test_the_sample_entities_carry_their_details_and_tags():
    load_sample_newsroom()

    lavrov = Person.objects.get(name="Sergey Lavrov")
    assert lavrov.role_title == "Foreign Minister of Russia"
    assert "Сергей Лавров" in lavrov.name_variants
    assert set(lavrov.topics.names()) == {"Foreign policy"}
    assert set(lavrov.regions.names()) == {"Russia"}
    assert Organisation.objects.get(acronym="GSV").kind == Organisation.Kind.FORUM
    assert Organisation.objects.get(acronym="MFA").kind == Organisation.Kind.MINISTRY
    forum = Event.objects.get()
    assert (forum.start_date, forum.end_date) == (
        datetime.date(2023, 5, 18),
        datetime.date(2023, 5, 19),
    )
    assert forum.status == Event.Status.HELD
    assert [o.acronym for o in forum.organisers.all()] == ["GSV"]
    assert [p.name for p in forum.participants.all()] == ["Rustam Minnikhanov"]
    assert set(forum.regions.names()) == {"Kazan"}


def test_the_sample_regions_nest_kazan_in_tatarstan_in_russia():
    load_sample_newsroom()

    lineage = Region.objects.get(name="Kazan").lineage()
    assert [region.name for region in lineage] == ["Russia", "Tatarstan", "Kazan"]
    assert Region.objects.get(name="Malaysia").parent is None


def test_the_sample_affiliations_place_lavrov_and_minnikhanov():
    load_sample_newsroom()

    lavrov = Affiliation.objects.get(person__name="Sergey Lavrov")
    assert (lavrov.organisation.acronym, lavrov.role, lavrov.start_date) == (
        "MFA",
        "Foreign Minister",
        datetime.date(2004, 3, 9),
    )
    minnikhanov = Affiliation.objects.get(person__name="Rustam Minnikhanov")
    assert minnikhanov.organisation.acronym == "GSV"


def test_loading_twice_duplicates_nothing(settings):
    settings.DEBUG = True
    load_sample_newsroom()
    before = counts()

    load_sample_newsroom()

    assert counts() == before
    assert before["Article"] == 1


def test_loading_again_restores_the_sample_article():
    """An unpublished sample is published again, with the same slug."""
    load_sample_newsroom()
    Article.objects.update(status=Article.Status.DRAFT)
    slug = Article.objects.get().slug

    load_sample_newsroom()

    article = Article.objects.get()
    assert (article.status, article.slug) == (Article.Status.PUBLISHED, slug)


def login_request():
    """A login always comes with a request; django-axes checks its address."""
    return RequestFactory().post("/admin/login/")


def test_with_debug_on_demo_users_are_created_and_can_log_in(settings):
    settings.DEBUG = True

    output = load_sample_newsroom()

    for username, password in DEMO_LOGINS.items():
        user = authenticate(login_request(), username=username, password=password)
        assert user is not None, username
        assert user.is_staff
        assert f"username {username}, password {password}" in output
    assert get_user_model().objects.get(username="admin").is_superuser
    editor = get_user_model().objects.get(username="editor")
    assert not editor.is_superuser
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert editor.has_perm("articles.publish_article")
    writer = get_user_model().objects.get(username="writer")
    assert list(writer.groups.values_list("name", flat=True)) == ["Writers"]
    assert not writer.has_perm("articles.publish_article")
    assert "http://127.0.0.1:8000/admin/" in output


def test_demo_passwords_are_reset_on_every_load(settings):
    settings.DEBUG = True
    load_sample_newsroom()
    admin = get_user_model().objects.get(username="admin")
    admin.set_password("something else")
    admin.save()

    load_sample_newsroom()

    assert authenticate(login_request(), username="admin", password="admin-demo") is not None


def test_the_login_address_uses_the_port_from_the_environment(settings, monkeypatch):
    settings.DEBUG = True
    monkeypatch.setenv("PORT", "9000")

    assert "http://127.0.0.1:9000/admin/" in load_sample_newsroom()


def test_with_debug_off_no_demo_users_are_created(settings):
    settings.DEBUG = False

    output = load_sample_newsroom()

    assert not get_user_model().objects.exists()
    assert "Demo users skipped: DEBUG is off." in output
    assert "password" not in output
    assert Article.objects.published().count() == 1


def test_readers_find_the_sample_on_the_front_page_and_every_mention_links_both_ways(client):
    load_sample_newsroom()
    article = Article.objects.get()
    url = article.get_absolute_url()

    assert f'href="{url}"' in client.get("/").content.decode()
    page = client.get(url).content.decode()
    mentioned = [
        *article.people.all(),
        *article.organisations.all(),
        *article.events.all(),
        *article.topics.all(),
        *article.regions.all(),
    ]
    assert len(mentioned) == 3 + 4 + 1 + 3 + 4
    for entity in mentioned:
        assert f'href="{entity.get_absolute_url()}"' in page, entity
        assert f'href="{url}"' in client.get(entity.get_absolute_url()).content.decode(), entity


def readme_addresses():
    """The addresses the README's "Public URLs" section gives as examples to visit: those
    in its table's first column and in its prose, placeholders (`<slug>`) aside."""
    readme = README.read_text(encoding="utf-8")
    section = readme.split("## Public URLs", 1)[1].split("\n## ", 1)[0]
    places = [
        line.split("|")[1] if line.startswith("|") else line for line in section.splitlines()
    ]
    return [
        address
        for place in places
        for address in re.findall(r"`(/[^`\s]*)`", place)
        if "<" not in address
    ]


def test_every_example_address_in_the_readme_answers_on_the_sample_newsroom(client):
    load_sample_newsroom()

    addresses = readme_addresses()
    assert len(addresses) > 10, "the README's Public URLs section was not found"
    for address in addresses:
        # The admin answers with its login page.
        assert client.get(address, follow=True).status_code == 200, address
