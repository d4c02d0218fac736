"""Versions: what a save keeps, how two compare, how one comes back."""

import pytest

from articles import versions, workflow
from articles.models import Article, Topic
from tests.factories import draft_by, make_person, submitted_by

pytestmark = pytest.mark.django_db


def test_an_edit_saved_without_links_keeps_the_articles_links_as_ids(writer, editor, topic):
    article = Article(headline="Linked", created_by=writer)
    person = make_person()
    workflow.create_draft(article, by=writer, links={"topics": [topic.pk], "bylines": [person.pk]})
    article = workflow.publish(workflow.submit(article, by=writer), by=editor)
    article.headline = "Linked, edited"
    version = workflow.save_edit(article, by=writer, editing=article.revision)

    assert version.content["topics"] == [topic.pk]
    assert version.content["bylines"] == [person.pk]
    assert version.content["regions"] == []


def test_a_version_applied_links_only_its_own_topics(writer, topic):
    other = Topic.objects.create(name="Economy")
    article = Article(headline="Linked")
    version = workflow.create_draft(article, by=writer, links={"topics": [topic.pk]})
    versions.apply(article, version)
    assert list(article.topics.all()) == [topic]
    assert other not in article.topics.all()


def test_a_slug_is_held_by_another_articles_row_or_its_edit_waiting_to_go_live(writer, editor):
    article = draft_by(writer, headline="Mine", slug="mine")
    assert versions.slug_holder("mine", article) is None
    assert versions.slug_holder("free") is None

    taker = draft_by(writer, headline="Taker", slug="taken")
    assert versions.slug_holder("taken", article) == taker
    assert versions.slug_holder("taken", article, pending=False) == taker

    live = workflow.publish(submitted_by(writer, headline="Live", slug="live"), by=editor)
    for slug in ["first-wish", "second-wish"]:
        live.slug = slug
        workflow.save_edit(live, by=writer, editing=live.revision)
    assert versions.slug_holder("second-wish", article) == live
    assert versions.slug_holder("second-wish", article, pending=False) is None
    # Only the newest version waits: an earlier wish holds nothing.
    assert versions.slug_holder("first-wish", article) is None
    assert versions.slug_holder("free", article) is None
    # An article's own waiting edit never holds a slug against it.
    assert versions.slug_holder("second-wish", live) is None


def test_a_version_keeps_the_renditions_of_its_image(writer):
    article = draft_by(writer)
    version = article.versions.get()
    version.content["hero_renditions"] = {"640": "hero-640.webp"}
    preview, _ = versions.preview_article(version)
    assert preview.hero_renditions == {"640": "hero-640.webp"}


def test_a_preview_shows_the_versions_links_in_their_order(writer):
    first, second = make_person(name="Anna"), make_person(name="Boris")
    article = Article(headline="Bylines")
    version = workflow.create_draft(article, by=writer, links={"bylines": [second.pk, first.pk]})
    _, links = versions.preview_article(version)
    assert links["bylines"] == [second, first]


def test_changes_compare_the_body_as_readable_text_and_name_the_links(writer, topic):
    economy = Topic.objects.create(name="Economy")
    old = {"headline": "Tom <3 Jerry", "body": "<p>One.</p><p>Two.</p>", "topics": [topic.pk]}
    new = {"headline": "Tom <3 Jerry!", "body": "<p>One.</p><p>Three.</p>", "topics": [economy.pk]}

    changes = {change.field: change for change in versions.changes(old, new)}

    assert list(changes) == ["headline", "body", "topics"]
    assert (changes["headline"].old_text, changes["headline"].new_text) == (
        "Tom <3 Jerry",
        "Tom <3 Jerry!",
    )
    assert (changes["body"].old_text, changes["body"].new_text) == ("One.\nTwo.", "One.\nThree.")
    assert (changes["topics"].old, changes["topics"].new) == ("Foreign policy", "Economy")
    assert versions.changed_labels(old, new) == ["headline", "body", "topics"]
    assert versions.changed_labels(old, old) == []


def test_bylines_changed_are_labelled_bylines():
    assert versions.changed_labels({"bylines": [1]}, {"bylines": [2]}) == ["bylines"]


def test_a_version_saved_before_a_field_or_link_existed_shows_no_change_for_it():
    old = {"headline": "Same"}
    new = {"headline": "Same", "hero_credit": "", "topics": [], "bylines": []}
    assert versions.changes(old, new) == []


def test_the_inline_diff_marks_only_the_added_word_even_in_a_long_repetitive_text():
    words = [f"word{n % 7}" for n in range(200)]
    old, new = " ".join(words), " ".join([*words[:100], "new", *words[100:]])
    diff = versions.Change("standfirst", "standfirst", old, new).inline_diff()
    assert "<del>" not in diff
    assert diff.count("<ins>") == 1
    assert diff.replace("<ins>new </ins>", "").replace("<ins> new</ins>", "") == old
