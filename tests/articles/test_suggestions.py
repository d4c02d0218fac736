"""Suggested links (articles.suggestions): offered on import and save, decided by an
editor, and linked only then. They run the real linker over the database's directory."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles import linking, suggestions, versions, workflow
from articles.importer import MalformedPressRelease, import_press_releases
from articles.models import Article, Event, Organisation, Person, Region, Suggestion, Topic
from articles.models.suggestions import LINKED_BY
from tests.factories import draft_by, make_article, make_person

pytestmark = pytest.mark.django_db

# One of each kind: a person, an organisation (by its acronym in the headline), an
# event, a region and a topic.
HEADLINE = "Lavrov meets OIC ambassadors"
BODY = (
    "<p>Sergey Lavrov met the ambassadors of the Organisation of Islamic Cooperation.</p>"
    "<p>They spoke about foreign policy in Kazan, where KazanForum opens in May.</p>"
)
RELEASE = (
    "Lavrov meets OIC ambassadors\n\n06 March 2023\n\n"
    "Sergey Lavrov met the ambassadors of the Organisation of Islamic Cooperation.\n\n"
    "They spoke about foreign policy in Kazan, where KazanForum opens in May.\n"
)


def offered(article) -> dict:
    """The entities offered for the article, by kind."""
    return {
        suggestion.kind: suggestion.entity
        for suggestion in Suggestion.objects.filter(article=article).offered()
    }


def suggestion_of(article, entity) -> Suggestion:
    return article.suggestions.get(
        content_type=ContentType.objects.get_for_model(entity), object_id=entity.pk
    )


def draft(**kwargs):
    kwargs.setdefault("headline", HEADLINE)
    kwargs.setdefault("body", BODY)
    kwargs.setdefault("dateline", datetime.date(2023, 3, 6))
    return make_article(status=Article.Status.DRAFT, **kwargs)


def test_an_imported_press_release_is_offered_what_it_mentions_and_links_nothing(
    tmp_path, directory
):
    path = tmp_path / "lavrov.txt"
    path.write_text(RELEASE)

    [(_, article)] = import_press_releases([path]).imported

    assert offered(article) == directory
    lavrov = suggestion_of(article, directory["person"])
    assert "Sergey Lavrov" in lavrov.words
    assert versions.current_links(article) == {name: [] for name in versions.LINKS}
    assert article.revision == 1


def test_import_with_link_accepts_every_suggestion(tmp_path, directory):
    path = tmp_path / "lavrov.txt"
    path.write_text(RELEASE)

    [(_, article)] = import_press_releases([path], link=True).imported

    article.refresh_from_db()
    assert list(article.people.all()) == [directory["person"]]
    assert list(article.organisations.all()) == [directory["organisation"]]
    assert list(article.events.all()) == [directory["event"]]
    assert list(article.regions.all()) == [directory["region"]]
    assert list(article.topics.all()) == [directory["topic"]]
    assert offered(article) == {}
    assert set(article.suggestions.values_list("state", flat=True)) == {"accepted"}
    # The import, then the linking: two versions, each saying what it did.
    assert [v.comment for v in article.versions.order_by("number")] == [
        "Imported from lavrov.txt",
        "Linked as suggested: Sergey Lavrov, Organisation of Islamic Cooperation (OIC), "
        "KazanForum, Kazan, Foreign policy",
    ]


def test_an_import_with_link_that_fails_saves_neither_articles_nor_suggestions(
    tmp_path, directory
):
    good, bad = tmp_path / "good.txt", tmp_path / "bad.txt"
    good.write_text(RELEASE)
    bad.write_text("A headline\n\nnot a date\n\nText.\n")

    with pytest.raises(MalformedPressRelease, match="bad.txt, line 3"):
        import_press_releases([good, bad], link=True)

    assert not Article.objects.exists()
    assert not Suggestion.objects.exists()


def test_what_the_article_links_already_is_not_offered(directory):
    article = draft(people=[directory["person"]], topics=[directory["topic"]])

    suggestions.offer_for(article)

    assert set(offered(article)) == {"organisation", "event", "region"}


def test_a_person_of_the_byline_is_not_offered(directory):
    article = draft()
    links = {**versions.current_links(article), "bylines": [directory["person"].pk]}

    suggestions.offer_for(article, links)

    assert "person" not in offered(article)


def test_the_words_are_kept_with_their_place_and_the_sentence_around_them(directory):
    article = draft()

    suggestions.offer_for(article)

    kazan = suggestion_of(article, directory["region"])
    [(field, start, end)] = kazan.positions
    text = {s.field: s.text for s in linking.segments_of(article)}[field]
    assert (field, text[start:end]) == ("body", "Kazan")
    assert str(suggestions.highlighted(kazan.context)).endswith(
        "foreign policy in <mark>Kazan</mark>, where KazanForum opens in May."
    )


def test_the_context_is_escaped_and_cut_at_a_space_either_side():
    text = "<b>" + "word " * 20 + "Lavrov & Putin " + "more " * 20
    start = text.index("Lavrov")
    context = suggestions.context_of({"body": text}, [("body", start, start + 6)])

    html = str(suggestions.highlighted(context))

    assert html.startswith("…word ") and html.endswith(" more…")
    assert "<mark>Lavrov</mark> &amp; Putin" in html
    assert "<b>" not in html


def test_every_place_of_the_words_within_the_context_is_marked():
    text = "Lavrov said that Lavrov's ministry\n\nagrees."
    context = suggestions.context_of(
        {"body": text}, [("body", 0, 6), ("body", 17, 23), ("headline", 0, 6)]
    )

    assert str(suggestions.highlighted(context)) == (
        "<mark>Lavrov</mark> said that <mark>Lavrov</mark>&#x27;s ministry agrees."
    )


def test_a_dismissed_suggestion_is_not_offered_again(directory, editor):
    article = draft()
    suggestions.offer_for(article)
    lavrov = suggestion_of(article, directory["person"])

    suggestions.dismiss(article, by=editor, only=[lavrov.pk])
    suggestions.offer_for(article)

    assert "person" not in offered(article)
    lavrov.refresh_from_db()
    assert (lavrov.state, lavrov.decided_by) == ("dismissed", editor)
    assert lavrov.decided_at is not None


def test_suggestions_whose_words_are_gone_are_dropped_and_decided_ones_kept(directory, editor):
    article = draft()
    suggestions.offer_for(article)
    person, event = (suggestion_of(article, directory[kind]).pk for kind in ("person", "event"))
    suggestions.accept(article, by=editor, editing=article.revision, only=[person])
    suggestions.dismiss(article, by=editor, only=[event])

    article.refresh_from_db()
    article.headline, article.body = "A quiet day", "<p>Nothing of note happened.</p>"
    suggestions.offer_for(article)

    assert offered(article) == {}
    assert dict(article.suggestions.values_list("pk", "state")) == {
        person: "accepted",
        event: "dismissed",
    }


def test_an_entity_linked_by_hand_is_no_longer_offered(directory):
    article = draft()
    suggestions.offer_for(article)

    links = {**versions.current_links(article), "regions": [directory["region"].pk]}
    suggestions.offer_for(article, links)

    assert "region" not in offered(article)


def test_accepting_links_the_entity_in_a_new_version(directory, editor):
    article = draft()
    suggestions.offer_for(article)
    lavrov = suggestion_of(article, directory["person"])

    accepted = suggestions.accept(article, by=editor, editing=article.revision, only=[lavrov.pk])

    assert accepted == [lavrov]
    article.refresh_from_db()
    assert article.revision == 2
    assert list(article.people.all()) == [directory["person"]]
    newest = article.versions.get(number=2)
    assert (newest.created_by, newest.comment) == (editor, "Linked as suggested: Sergey Lavrov")
    assert newest.content["body"] == versions.snapshot(article)["body"]
    lavrov.refresh_from_db()
    assert (lavrov.state, lavrov.decided_by) == ("accepted", editor)
    assert set(offered(article)) == {"organisation", "event", "region", "topic"}


def test_the_entitys_page_lists_the_article_once_published(client, directory, editor):
    article = draft()
    suggestions.offer_for(article)
    suggestions.accept(article, by=editor, editing=article.revision)

    article.refresh_from_db()
    workflow.mark_live(article)

    for entity in directory.values():
        page = client.get(entity.get_absolute_url())
        assert page.status_code == 200
        assert page.content.decode().count(f'href="{article.get_absolute_url()}"') >= 1, entity


def test_accepting_on_a_live_article_waits_for_the_next_publish(directory, editor):
    article = make_article(headline=HEADLINE, body=BODY, dateline=datetime.date(2023, 3, 6))
    # Someone's unpublished edit, which the accept keeps.
    article.headline = "Lavrov meets the OIC's ambassadors"
    workflow.save_edit(article, by=editor, editing=article.revision)
    suggestions.offer_for(article)

    suggestions.accept(article, by=editor, editing=article.revision)

    article.refresh_from_db()
    assert article.headline == HEADLINE
    assert not article.people.exists()
    newest = article.versions.get(number=article.revision)
    assert newest.content["headline"] == "Lavrov meets the OIC's ambassadors"
    assert newest.content["people"] == [directory["person"].pk]
    workflow.mark_live(article)
    assert list(article.people.all()) == [directory["person"]]


def test_an_accept_made_on_an_older_version_is_refused_and_links_nothing(directory, editor):
    article = draft()
    suggestions.offer_for(article)
    seen = article.revision
    workflow.save_edit(article, by=editor, editing=seen, comment="Someone else's edit")

    with pytest.raises(versions.EditConflict):
        suggestions.accept(article, by=editor, editing=seen)

    article.refresh_from_db()
    assert article.revision == seen + 1
    assert not article.people.exists()
    assert set(offered(article)) == set(directory)


def test_a_writer_who_may_not_edit_the_article_may_not_decide(directory, writer):
    theirs = draft()  # the newsroom's, not the writer's
    suggestions.offer_for(theirs)

    with pytest.raises(PermissionDenied):
        suggestions.accept(theirs, by=writer, editing=theirs.revision)
    with pytest.raises(PermissionDenied):
        suggestions.dismiss(theirs, by=writer)

    assert set(offered(theirs)) == set(directory)


def test_a_writer_accepts_on_their_own_draft_but_not_while_it_is_in_review(directory, writer):
    article = draft_by(writer, headline=HEADLINE, body=BODY)
    suggestions.offer_for(article)
    person = article.suggestions.filter(content_type__model="person").values_list("pk", flat=True)
    workflow.submit(article, by=writer)

    with pytest.raises(workflow.WorkflowError):
        suggestions.accept(article, by=writer, editing=article.revision, only=person)
    workflow.withdraw(article, by=writer)
    suggestions.accept(article, by=writer, editing=article.revision, only=person)

    assert list(article.people.all()) == [directory["person"]]


def test_an_entity_deleted_since_it_was_offered_is_left_out(directory, editor):
    article = draft()
    suggestions.offer_for(article)
    Event.objects.all().delete()

    accepted = suggestions.accept(article, by=editor, editing=article.revision)

    assert {s.kind for s in accepted} == {"person", "organisation", "region", "topic"}


def test_every_kind_the_linker_finds_is_linked_by_a_field_of_the_article():
    assert {kind: LINKED_BY[kind] for kind in linking.KINDS} == {
        "person": ("people", Person),
        "organisation": ("organisations", Organisation),
        "event": ("events", Event),
        "region": ("regions", Region),
        "topic": ("topics", Topic),
    }
    assert all(versions.LINKS[name] is model for name, model in LINKED_BY.values())


def test_the_suggestions_go_with_their_article(directory):
    article = draft()
    suggestions.offer_for(article)

    article.delete()

    assert not Suggestion.objects.exists()


def test_one_linked_meanwhile_is_not_listed_and_accepting_it_adds_no_version(directory, editor):
    article = draft()
    suggestions.offer_for(article)
    links = {**versions.current_links(article), "events": [directory["event"].pk]}
    # A way in that does not offer: a version restored, a translation made.
    workflow.save_edit(article, by=editor, editing=article.revision, links=links)
    event = suggestion_of(article, directory["event"])

    assert event not in suggestions.listed(article)
    assert len(suggestions.listed(article)) == 4
    assert suggestions.accept(article, by=editor, editing=2, only=[event.pk]) == [event]
    article.refresh_from_db()
    assert article.revision == 2
    event.refresh_from_db()
    assert event.state == "accepted"


def test_accepting_many_names_them_within_what_a_version_note_holds(directory, editor):
    article = draft()
    for n in range(40):
        person = make_person(name=f"A person with a rather long name, number {n}")
        Suggestion.objects.create(
            article=article,
            content_type=ContentType.objects.get_for_model(person),
            object_id=person.pk,
        )

    suggestions.accept(article, by=editor, editing=article.revision)

    comment = article.versions.get(number=2).comment
    assert comment.startswith("Linked as suggested: A person with a rather long name, number 0")
    assert len(comment) == 500 and comment.endswith("…")
    assert article.people.count() == 40


def test_offering_costs_the_same_queries_for_one_mention_or_many(
    directory, django_assert_num_queries
):
    """A save in the admin stays fast: a handful of queries, however much the text names."""
    one, many = draft(headline="A day in Kazan", body=""), draft()
    suggestions.offer_for(draft(headline="Warming up"))  # the linker is built once

    with CaptureQueriesContext(connection) as queries:
        suggestions.offer_for(one)
    with django_assert_num_queries(len(queries)):
        suggestions.offer_for(many)
    assert (len(offered(one)), len(offered(many))) == (1, 5)

    # Brought up to date: two suggestions dropped (found, deleted) and three changed, in
    # place of five added.
    many.body = "<p>Sergey Lavrov spoke of foreign policy.</p>"
    many.headline = "Lavrov and the OIC"
    with django_assert_num_queries(len(queries) + 2):
        suggestions.offer_for(many)
