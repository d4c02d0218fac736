import datetime
import re
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.test import RequestFactory
from django.utils import timezone, translation
from markupsafe import escape

from articles import workflow
from articles.models import (
    Affiliation,
    Article,
    ArticleVersion,
    Event,
    Image,
    Organisation,
    Person,
    Region,
    TaggedRegion,
    TaggedTopic,
    Topic,
)
from articles.samples.directory import KAZANFORUM_2023
from articles.samples.stories import PRESS_RELEASE_SLUG, STORIES

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    """The sample's pictures are stored where each test throws them away."""
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


README = Path(__file__).resolve().parents[2] / "README.md"
DEMO_LOGINS = {"admin": "admin-demo", "editor": "editor-demo", "writer": "writer-demo"}


def load_sample_newsroom():
    """Run the command and return what it printed."""
    out = StringIO()
    call_command("load_sample_newsroom", stdout=out)
    return out.getvalue()


def counts():
    models = [Article, ArticleVersion, Person, Organisation, Affiliation, Event, Topic, Region]
    models += [TaggedTopic, TaggedRegion, get_user_model()]
    return {model.__name__: model.objects.count() for model in models}


def press_release():
    """The real press release the sample newsroom imports."""
    return Article.objects.get(slug=PRESS_RELEASE_SLUG)


def test_the_sample_article_is_published_at_noon_on_its_dateline():
    load_sample_newsroom()

    article = press_release()
    assert article.status == Article.Status.PUBLISHED
    published = timezone.localtime(article.published_at)
    assert (published.date(), published.hour) == (datetime.date(2023, 3, 6), 12)
    assert article in Article.objects.published()
    assert article.language == "en"
    assert article.standfirst.endswith(".")
    # The release credits a photo it does not come with: no credit without a picture.
    assert article.hero_image is None


def test_the_sample_article_links_what_it_mentions():
    load_sample_newsroom()

    article = press_release()
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
    assert "Сергей Лавров" in lavrov.aliases.values_list("name", flat=True)
    assert set(lavrov.topics.names()) == {"Foreign policy"}
    assert set(lavrov.regions.names()) == {"Russia"}
    assert Organisation.objects.get(acronym="GSV").kind == Organisation.Kind.FORUM
    assert Organisation.objects.get(acronym="MFA").kind == Organisation.Kind.MINISTRY
    forum = Event.objects.get(name=KAZANFORUM_2023)
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
    assert before["Article"] == len(STORIES)


def test_loading_again_restores_the_sample_articles():
    """Unpublished samples are published again with the same slugs, and a change waiting
    on a sample gives way to the sample's text."""
    load_sample_newsroom()
    slugs = set(Article.objects.values_list("slug", flat=True))
    changed = Article.objects.get(slug="kazanforum-2024-brics")
    changed.headline = "Черновик"
    workflow.save_edit(changed, by=None, editing=changed.revision)
    Article.objects.exclude(pk=changed.pk).update(status=Article.Status.DRAFT)

    load_sample_newsroom()

    assert set(Article.objects.values_list("slug", flat=True)) == slugs
    assert Article.objects.published().count() == len(STORIES)
    changed.refresh_from_db()
    assert changed.headline.startswith("KazanForum 2024")
    assert not changed.has_unpublished_changes
    english = Article.objects.get(translation_of=changed)
    assert english.translated_revision == changed.live_revision


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
    assert Article.objects.published().count() == len(STORIES)


def test_readers_find_the_sample_in_the_news_and_every_mention_links_both_ways(client):
    load_sample_newsroom()
    article = press_release()
    url = article.get_absolute_url()

    assert f'href="{url}"' in client.get("/news/").content.decode()
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


ARABIC = re.compile(r"[\u0600-\u06ff]")


def test_the_sample_newsroom_publishes_stories_in_english_and_russian():
    load_sample_newsroom()

    published = Article.objects.published()
    assert published.count() >= 12
    assert published.filter(language="en").count() >= 6
    assert published.filter(language="ru").count() >= 6
    now = timezone.now()
    datelines = set()
    for article in published:
        assert article.published_at < now
        assert article.standfirst and article.byline, article
        assert article.body.count("<p>") >= 3, article
        assert article.topics.exists() and article.regions.exists(), article
        linked = article.linked()
        assert linked["people"] or linked["organisations"] or linked["events"], article
        datelines.add(article.dateline)
    assert {date.year for date in datelines} >= {2023, 2024, 2025, 2026}


def test_translations_are_linked_to_their_originals_both_ways():
    load_sample_newsroom()

    translations = Article.objects.filter(translation_of__isnull=False)
    assert translations.count() >= 5
    originals = {translation.translation_of.language for translation in translations}
    assert originals == {"en", "ru"}, "stories first written in either language"
    for translation_ in translations:
        original = translation_.translation_of
        assert original.translation_of is None
        assert {original.language, translation_.language} == {"en", "ru"}
        assert translation_.translated_revision == original.live_revision
        assert translation_ in original.translations.all()
        assert set(Article.objects.story_of(translation_)) == {original, translation_}
        # A translation carries its original's date and links.
        assert translation_.dateline == original.dateline
        assert translation_.linked() == {**original.linked(), "bylines": []}


def test_a_story_quotes_arabic_in_a_blockquote_marked_as_arabic():
    load_sample_newsroom()

    quoting = [
        article
        for article in Article.objects.published()
        if re.search(r'<blockquote lang="ar">.*[\u0600-\u06ff]', article.body, re.DOTALL)
    ]
    assert {article.language for article in quoting} == {"en", "ru"}


def test_entities_are_named_in_english_russian_and_arabic():
    load_sample_newsroom()

    lavrov = Person.objects.get(slug="sergey-lavrov")
    assert (lavrov.name_en, lavrov.name_ru) == ("Sergey Lavrov", "Сергей Лавров")
    assert lavrov.bio_ru and lavrov.role_title_ru == "Министр иностранных дел России"
    assert Region.objects.get(slug="kazan").name_ar == "قازان"
    for model in (Person, Organisation, Event, Topic, Region):
        for entity in model.objects.all():
            assert entity.name_ru and entity.name_ru != entity.name_en, entity
            assert ARABIC.search(entity.name_ar), entity
            if model is not Region and model is not Person:
                assert entity.description_ru, entity
    with translation.override("ru"):
        assert str(Topic.objects.get(slug="foreign-policy")) == "Внешняя политика"


def front_page_headlines(client, address, language):
    page = client.get(address).content.decode()
    return [
        headline
        for headline in Article.objects.filter(language=language).values_list(
            "headline", flat=True
        )
        if str(escape(headline)) in page
    ]


def test_each_edition_has_a_front_page_full_of_its_stories(client):
    load_sample_newsroom()

    assert len(front_page_headlines(client, "/", "en")) >= 4
    assert len(front_page_headlines(client, "/ru/", "ru")) >= 4


def test_a_russian_page_names_its_people_in_russian(client):
    load_sample_newsroom()
    with translation.override("ru"):
        address = Person.objects.get(slug="sergey-lavrov").get_absolute_url()

    assert address.startswith("/ru/")
    assert "<h1>Сергей Лавров</h1>" in client.get(address).content.decode()


def test_a_story_and_its_translation_share_one_library_picture_described_in_each_language(
    media,
):
    load_sample_newsroom()
    russian = Article.objects.get(slug="mechet-i-sobor-v-odnom-kremle")
    english = Article.objects.get(slug="a-mosque-and-a-cathedral-in-one-kremlin")
    assert russian.hero_image == english.hero_image
    with translation.override("ru"):
        assert russian.hero_image.credit == "Иллюстрация редакции"
    with translation.override("en"):
        assert english.hero_image.credit == "Newsroom illustration"
        assert english.hero_image.alt.startswith("A pattern of gold")


def test_each_edition_leads_with_a_drawn_picture_kept_on_loading_again(media):
    load_sample_newsroom()
    leads = {
        language: Article.objects.published().filter(language=language).first()
        for language in ("en", "ru")
    }
    pictures = {language: lead.hero_image.file.name for language, lead in leads.items()}
    images = Image.objects.count()

    load_sample_newsroom()

    assert Image.objects.count() == images
    for language, lead in leads.items():
        lead.refresh_from_db()
        assert lead.hero_image.file.name == pictures[language]
        assert lead.hero_image.renditions["items"], lead
        with translation.override(language):
            assert lead.hero_image.alt and lead.hero_image.credit, lead
        assert (media / lead.hero_image.file.name).is_file()
    stored = [path for path in media.rglob("*") if path.is_file()]
    assert sum(path.stat().st_size for path in stored) < 2_000_000
