"""Versions: what a save keeps, how two compare, how one comes back."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from articles import versions, workflow
from articles.models import Article, Document, Region, Topic
from tests.factories import draft_by, make_article, make_image, make_person, submitted_by

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


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def test_a_version_records_which_library_image_and_documents_it_shows(writer, media):
    first, second = make_image(title="Hall"), make_image(title="Lectern")
    speech, communique = (
        Document.objects.create(title=title, file=SimpleUploadedFile(f"{title}.pdf", b"%PDF-1"))
        for title in ("Speech", "Communiqué")
    )
    article = Article(headline="Pictured", hero_image=first)
    workflow.create_draft(article, by=writer, links={"documents": [communique.pk, speech.pk]})
    article.hero_image, article.social_image = second, first
    edit = workflow.save_edit(article, by=writer, editing=article.revision)
    original = article.versions.get(number=1)

    assert (original.content["hero_image"], original.content["social_image"]) == (first.pk, None)
    assert original.content["documents"] == [communique.pk, speech.pk]
    assert [change.field for change in versions.changes(original.content, edit.content)] == [
        "hero_image",
        "social_image",
    ]
    change = versions.changes(original.content, edit.content)[0]
    assert (change.old, change.new) == ("Hall", "Lectern")

    versions.apply(article, original)
    article.refresh_from_db()
    assert (article.hero_image, article.social_image) == (first, None)
    preview, links = versions.preview_article(original)
    assert preview.hero_image == first
    assert links["documents"] == [communique, speech]
    assert article.on_its_page(Article.objects.none())["documents"] == [communique, speech]


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
    new = {"headline": "Same", "social_image": None, "topics": [], "bylines": []}
    assert versions.changes(old, new) == []


def test_the_inline_diff_marks_only_the_added_word_even_in_a_long_repetitive_text():
    words = [f"word{n % 7}" for n in range(200)]
    old, new = " ".join(words), " ".join([*words[:100], "new", *words[100:]])
    diff = versions.Change("standfirst", "standfirst", old, new).inline_diff()
    assert "<del>" not in diff
    assert diff.count("<ins>") == 1
    assert diff.replace("<ins>new </ins>", "").replace("<ins> new</ins>", "") == old


def test_saving_one_article_leaves_the_version_number_of_another_alone(writer):
    """The compare-and-swap takes the next number of this article only."""
    article = draft_by(writer, headline="One")
    other = draft_by(writer, headline="Other")
    assert article.revision == other.revision == 1

    workflow.save_edit(article, by=writer, editing=article.revision)

    assert Article.objects.get(pk=article.pk).revision == 2
    assert Article.objects.get(pk=other.pk).revision == 1


def test_a_save_from_a_stale_version_is_refused_naming_both_numbers(writer):
    article = draft_by(writer)
    workflow.save_edit(article, by=writer, editing=article.revision)
    stale = Article.objects.get(pk=article.pk)
    stale.revision = 1

    with pytest.raises(
        versions.EditConflict, match="saved as version 2 while you edited version 1"
    ):
        workflow.save_edit(stale, by=writer, editing=stale.revision)
    assert article.versions.count() == 2


def test_a_version_keeps_who_saved_it_and_why(writer):
    article = draft_by(writer)

    version = workflow.save_edit(
        article, by=writer, editing=article.revision, comment="Named the ambassadors."
    )

    assert (version.number, version.created_by, version.comment) == (
        2,
        writer,
        "Named the ambassadors.",
    )
    assert workflow.save_edit(article, by=None, editing=article.revision).created_by is None


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
    # Live: the edit waits in its version, and the row keeps the old links until applied.
    article = make_article(created_by=writer)
    version = workflow.save_edit(
        article,
        by=writer,
        editing=article.revision,
        links={
            "people": [new_person.pk],
            "organisations": [],
            "events": [],
            "topics": [new_topic.pk],
            "regions": [new_region.pk],
            "bylines": [new_person.pk, old_person.pk],
        },
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


def test_a_body_compares_paragraph_by_paragraph_with_unchanged_runs_apart():
    old = "<p>Kept one.</p><p>Kept two.</p><p>Dropped.</p><p>Edited here.</p>"
    new = "<p>Kept one.</p><p>Kept two.</p><p>Edited there.</p><h2>Added &amp; new</h2>"
    change = versions.Change("body", "body", old, new)

    passages = [(p.unchanged, str(p.diff)) for p in change.passages()]

    assert passages == [
        (["Kept one.", "Kept two."], ""),
        ([], "<del>Dropped.</del>"),
        ([], "Edited <del>here.</del><ins>there.</ins>"),
        ([], "<ins>Added &amp; new</ins>"),
    ]
