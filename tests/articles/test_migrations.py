"""Migrations that move data, run forwards and backwards on a real schema."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_ALIASES = ("articles", "0024_directory")
ALIASES = ("articles", "0025_other_names_in_aliases")
BEFORE_DIRECTORY = ("articles", "0023_labels_in_every_language")


def migrate(target):
    """Migrate the articles app to `target`; return the models as they are there."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate([target])
    return executor.loader.project_state([target]).apps


@pytest.fixture
def at_latest():
    """Whatever a test does, it leaves the schema where the other tests expect it."""
    yield
    executor = MigrationExecutor(connection)
    migrate(executor.loader.graph.leaf_nodes("articles")[0])


def test_comma_separated_names_move_into_aliases_and_back(at_latest):
    apps = migrate(BEFORE_ALIASES)
    Person = apps.get_model("articles", "Person")
    Organisation = apps.get_model("articles", "Organisation")
    lavrov = Person.objects.create(
        name="Sergey Lavrov",
        name_en="Sergey Lavrov",
        slug="sergey-lavrov",
        name_variants=" Sergei Lavrov, Сергей Лавров,, Sergei Lavrov ",
    )
    putin = Person.objects.create(name="Vladimir Putin", slug="vladimir-putin")
    oic = Organisation.objects.create(
        name="Organisation of Islamic Cooperation", slug="oic", aliases="ОИС, OCI"
    )

    apps = migrate(ALIASES)
    Alias = apps.get_model("articles", "Alias")

    def names(obj, model):
        rows = Alias.objects.filter(content_type__model=model, object_id=obj.pk)
        return list(rows.order_by("pk").values_list("name", flat=True))

    assert names(lavrov, "person") == ["Sergei Lavrov", "Сергей Лавров"]
    assert names(putin, "person") == []
    assert names(oic, "organisation") == ["ОИС", "OCI"]

    apps = migrate(BEFORE_ALIASES)
    Person = apps.get_model("articles", "Person")
    Organisation = apps.get_model("articles", "Organisation")
    assert Person.objects.get(pk=lavrov.pk).name_variants == "Sergei Lavrov, Сергей Лавров"
    assert Person.objects.get(pk=putin.pk).name_variants == ""
    assert Organisation.objects.get(pk=oic.pk).aliases == "ОИС, OCI"


def test_the_directory_migrates_back_and_forth(at_latest):
    """Backwards past the directory (and its search vectors on PostgreSQL) and forwards
    again, with a person whose names must survive the trip."""
    apps = migrate(ALIASES)
    Person = apps.get_model("articles", "Person")
    Alias = apps.get_model("articles", "Alias")
    ContentType = apps.get_model("contenttypes", "ContentType")
    person = Person.objects.create(name="Sergey Lavrov", slug="sergey-lavrov")
    Alias.objects.create(
        content_type=ContentType.objects.get_or_create(app_label="articles", model="person")[0],
        object_id=person.pk,
        name="Sergei Lavrov",
    )

    apps = migrate(BEFORE_DIRECTORY)
    Person = apps.get_model("articles", "Person")
    assert Person.objects.get().name_variants == "Sergei Lavrov"

    apps = migrate(ALIASES)
    Alias = apps.get_model("articles", "Alias")
    assert list(Alias.objects.values_list("name", flat=True)) == ["Sergei Lavrov"]


BEFORE_FRONT_PAGES = ("articles", "0031_search_and_social_and_redirects")
FRONT_PAGES = ("articles", "0032_front_page_layouts")


def test_a_pinned_lead_leads_its_editions_published_layout_and_back(at_latest):
    """Each edition's newest pinned story leads a layout published for it; back, the
    layout's lead is pinned again."""
    apps = migrate(BEFORE_FRONT_PAGES)
    Article = apps.get_model("articles", "Article")
    pinned_at = datetime.datetime(2026, 12, 1, 9, tzinfo=datetime.UTC)

    def story(slug, language, pinned):
        return Article.objects.create(
            headline=slug, slug=slug, language=language, status="published", pinned_at=pinned
        )

    english = story("english-lead", "en", pinned_at)
    story("pinned-before", "en", pinned_at - datetime.timedelta(days=1))
    russian = story("russian-lead", "ru", pinned_at)
    story("never-pinned", "ar", None)

    apps = migrate(FRONT_PAGES)
    FrontPage = apps.get_model("articles", "FrontPage")
    leads = {
        page.language: (page.live.layout[0], page.live.published_at, page.slots.first().article_id)
        for page in FrontPage.objects.select_related("live")
    }
    assert leads == {
        "en": (lead(english.pk), pinned_at, english.pk),
        "ru": (lead(russian.pk), pinned_at, russian.pk),
    }

    apps = migrate(BEFORE_FRONT_PAGES)
    Article = apps.get_model("articles", "Article")
    pinned = Article.objects.filter(pinned_at__isnull=False).values_list("slug", flat=True)
    assert set(pinned) == {"english-lead", "russian-lead"}
    assert Article.objects.get(pk=english.pk).pinned_at == pinned_at


def lead(pk):
    return {"kind": "lead", "article": pk, "topic": None, "count": None}
