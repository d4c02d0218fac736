"""Migrations that move data, run forwards and backwards on a real schema."""

import datetime

import pytest
from django.core.files.storage import default_storage
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from tests.factories import picture

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


BEFORE_LIBRARY = ("articles", "0034_media_library")
LIBRARY = ("articles", "0037_drop_image_fields")


def test_hero_images_and_portraits_move_into_the_library_and_back(at_latest, settings, tmp_path):
    """One stored file, one library image, described in each language by the story in it;
    versions name the image by id; back again, every row has its file and words."""
    settings.MEDIA_ROOT = tmp_path
    for name in ("articles/shared.jpg", "people/l.png"):
        default_storage.save(name, picture(size=(1200, 800)))
    apps = migrate(BEFORE_LIBRARY)
    Article = apps.get_model("articles", "Article")
    ArticleVersion = apps.get_model("articles", "ArticleVersion")
    Person = apps.get_model("articles", "Person")
    shared = {"hero_image": "articles/shared.jpg", "hero_width": 1200, "hero_height": 800}
    english = Article.objects.create(
        headline="Lavrov in Kazan",
        slug="lavrov-in-kazan",
        language="en",
        hero_alt="The minister",
        hero_caption="At the forum",
        hero_credit="Russian Foreign Ministry",
        **shared,
    )
    russian = Article.objects.create(
        headline="Лавров в Казани",
        slug="лавров-в-казани",
        language="ru",
        hero_alt="Министр",
        hero_credit="МИД России",
        **shared,
    )
    plain = Article.objects.create(headline="No picture", slug="no-picture", language="en")
    ArticleVersion.objects.create(
        article=english,
        number=1,
        content={
            "headline": "Lavrov in Kazan",
            "hero_image": "articles/old.jpg",
            "hero_alt": "Old",
        },
    )
    ArticleVersion.objects.create(
        article=plain, number=1, content={"headline": "No picture", "hero_image": ""}
    )
    person = Person.objects.create(
        name="Sergey Lavrov",
        name_en="Sergey Lavrov",
        slug="sergey-lavrov",
        portrait="people/l.png",
    )

    apps = migrate(LIBRARY)
    Image = apps.get_model("articles", "Image")
    Article = apps.get_model("articles", "Article")
    ArticleVersion = apps.get_model("articles", "ArticleVersion")
    Person = apps.get_model("articles", "Person")
    image = Image.objects.get(file="articles/shared.jpg")
    assert (image.width, image.height) == (1200, 800)
    assert (image.alt_en, image.caption_en, image.credit_en) == (
        "The minister",
        "At the forum",
        "Russian Foreign Ministry",
    )
    assert (image.alt_ru, image.credit_ru) == ("Министр", "МИД России")
    assert Article.objects.get(pk=english.pk).hero_image_id == image.pk
    assert Article.objects.get(pk=russian.pk).hero_image_id == image.pk
    assert Article.objects.get(pk=plain.pk).hero_image_id is None
    # A file only an old version names, gone from storage: its image is made all the same.
    old = Image.objects.filter(file="articles/old.jpg").values("pk", "alt_en").get()
    assert old["alt_en"] == "Old"
    version = ArticleVersion.objects.get(article_id=english.pk)
    assert version.content == {"headline": "Lavrov in Kazan", "hero_image": old["pk"]}
    assert ArticleVersion.objects.get(article_id=plain.pk).content["hero_image"] is None
    portrait = Person.objects.get(pk=person.pk).portrait
    assert (portrait.file.name, portrait.alt_en) == ("people/l.png", "Sergey Lavrov")

    apps = migrate(BEFORE_LIBRARY)
    Article = apps.get_model("articles", "Article")
    ArticleVersion = apps.get_model("articles", "ArticleVersion")
    Person = apps.get_model("articles", "Person")
    back = Article.objects.get(pk=russian.pk)
    assert (back.hero_image.name, back.hero_alt, back.hero_credit) == (
        "articles/shared.jpg",
        "Министр",
        "МИД России",
    )
    assert ArticleVersion.objects.get(article_id=english.pk).content["hero_image"] == (
        "articles/old.jpg"
    )
    assert Person.objects.get(pk=person.pk).portrait.name == "people/l.png"


def test_the_library_keeps_the_article_search_index_up_to_date(at_latest):
    """No step of the library's migrations rebuilds the article table on SQLite, which
    would drop the triggers that keep its search index (0005)."""
    migrate(LIBRARY)
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL keeps its search vector in the row")
    with connection.cursor() as cursor:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'")
        triggers = {name for (name,) in cursor.fetchall()}
    assert {"articles_article_fts_insert", "articles_article_fts_update"} <= triggers


BODY_PICTURES = ("articles", "0038_pictures_in_stories_text")


def test_the_pictures_stories_texts_already_show_are_counted_as_in_use(
    at_latest, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    apps = migrate(LIBRARY)
    Article = apps.get_model("articles", "Article")
    Image = apps.get_model("articles", "Image")
    minister, hall, unused = (
        Image.objects.create(file=default_storage.save(f"images/{n}.png", picture()), alt=n)
        for n in ("minister", "hall", "unused")
    )
    gone = unused.pk + 1  # a picture deleted from the library since the text was saved
    shown = Article.objects.create(
        headline="Lavrov in Kazan",
        slug="lavrov-in-kazan",
        language="en",
        body=f'<p>Text.</p><figure data-image="{minister.pk}" data-size="wide"></figure>'
        f'<figure data-gallery="{hall.pk},{minister.pk},{gone}"></figure>',
    )
    Article.objects.create(headline="Plain", slug="plain", language="en", body="<p>Text.</p>")

    apps = migrate(BODY_PICTURES)
    BodyPicture = apps.get_model("articles", "BodyPicture")
    assert set(BodyPicture.objects.values_list("article_id", "image_id")) == {
        (shown.pk, minister.pk),
        (shown.pk, hall.pk),
    }
