import pytest

from articles import versions
from articles.models import Article, Region, Topic
from tests.factories import draft_by, make_person

pytestmark = pytest.mark.django_db


def test_saving_one_article_leaves_the_version_number_of_another_alone(writer):
    """The compare-and-swap takes the next number of this article only."""
    article = draft_by(writer, headline="One")
    other = draft_by(writer, headline="Other")
    assert article.revision == other.revision == 1

    versions.record(article, by=writer)

    assert Article.objects.get(pk=article.pk).revision == 2
    assert Article.objects.get(pk=other.pk).revision == 1


def test_a_save_from_a_stale_version_is_refused_naming_both_numbers(writer):
    article = draft_by(writer)
    versions.record(article, by=writer)
    stale = Article.objects.get(pk=article.pk)
    stale.revision = 1

    with pytest.raises(
        versions.EditConflict, match="saved as version 2 while you edited version 1"
    ):
        versions.record(stale, by=writer)
    assert article.versions.count() == 2


def test_a_version_keeps_who_saved_it_and_why(writer):
    article = draft_by(writer)

    version = versions.record(article, by=writer, comment="Named the ambassadors.")

    assert (version.number, version.created_by, version.comment) == (
        2,
        writer,
        "Named the ambassadors.",
    )
    assert versions.record(article, by=None).created_by is None


def test_two_versions_compare_on_readable_text_not_html():
    """A body change shows the words that changed, not paragraph tags."""
    old = {"headline": "Forum", "body": "<p>Talks in <b>Kazan</b>.</p><p>Second.</p>"}
    new = {"headline": "Forum", "body": "<p>Talks in <b>Moscow</b>.</p><p>Second.</p>"}

    [change] = versions.changes(old, new)

    assert change.field == "body"
    assert change.old_text == "Talks in Kazan.\nSecond."
    assert change.new_text == "Talks in Moscow.\nSecond."
    assert change.inline_diff() == "Talks in <del>Kazan.</del><ins>Moscow.</ins>\nSecond."


def test_a_headline_change_is_compared_as_typed():
    [change] = versions.changes({"headline": "A <b> & B"}, {"headline": "A <b> & C"})

    assert (change.label, change.old_text, change.new_text) == (
        "headline",
        "A <b> & B",
        "A <b> & C",
    )
    assert change.inline_diff() == "A &lt;b&gt; &amp; <del>B</del><ins>C</ins>"


def test_changed_links_are_named_and_only_changed_fields_listed():
    lavrov, guterres = make_person(name="Lavrov"), make_person(name="Guterres")
    old = {"headline": "Forum", "people": [lavrov.pk], "bylines": [lavrov.pk]}
    new = {"headline": "Forum", "people": [lavrov.pk, guterres.pk], "bylines": [lavrov.pk]}

    [change] = versions.changes(old, new)

    assert (change.field, change.old, change.new) == ("people", "Lavrov", "Lavrov, Guterres")
    assert versions.changed_labels(old, new) == ["people"]


def test_applying_a_version_replaces_the_articles_links(writer):
    """People, topics, regions and bylines become the version's, not a mix with the old."""
    old_person, new_person = make_person(name="Old"), make_person(name="New")
    old_topic, new_topic = Topic.objects.create(name="Old"), Topic.objects.create(name="New")
    old_region, new_region = Region.objects.create(name="Old"), Region.objects.create(name="New")
    article = draft_by(writer)
    version = versions.record(
        article,
        by=writer,
        content=versions.snapshot(
            article,
            {
                "people": [new_person.pk],
                "organisations": [],
                "events": [],
                "topics": [new_topic.pk],
                "regions": [new_region.pk],
                "bylines": [new_person.pk, old_person.pk],
            },
        ),
    )
    article.people.set([old_person])
    article.topics.set([old_topic])
    article.regions.set([old_region])
    article.bylines.create(person=old_person)

    versions.apply(article, version)

    assert list(article.people.all()) == [new_person]
    assert list(article.topics.all()) == [new_topic]
    assert list(article.regions.all()) == [new_region]
    assert article.authors_in_order == [new_person, old_person]
