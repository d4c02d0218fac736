"""The public record of corrections: under the story, on /corrections/, in its feeds and
in the story's structured data; kept when the story is taken down."""

import datetime
import json
import re

import feedparser
import pytest
from django.db.models import ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import override

from articles import views, workflow
from articles.models import Article
from tests.factories import submitted_by
from tests.pages import links

pytestmark = pytest.mark.django_db

HOST = "http://testserver"
JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


def correct(article, by, note, headline=None):
    """Publish an editor's change to a live story as a correction; return the story."""
    article.headline = headline or article.headline
    article.standfirst = f"{article.standfirst} Corrected."
    workflow.save_edit(article, by=by, editing=article.revision)
    workflow.correct(article, by=by, comment=note)
    return Article.objects.get(pk=article.pk)


@pytest.fixture
def corrected(writer, editor, second_editor, time_machine):
    """A story published at nine, corrected at ten and again at eleven."""
    time_machine.move_to(datetime.datetime(2026, 5, 4, 9, tzinfo=datetime.UTC), tick=False)
    story = workflow.publish(
        submitted_by(writer, headline="Minister opens the forum in Kazna"), by=second_editor
    )
    time_machine.move_to(datetime.datetime(2026, 5, 4, 10, tzinfo=datetime.UTC), tick=False)
    correct(story, editor, "Kazan was misspelt.", headline="Minister opens the forum in Kazan")
    time_machine.move_to(datetime.datetime(2026, 5, 4, 11, tzinfo=datetime.UTC), tick=False)
    story = correct(Article.objects.get(pk=story.pk), editor, "The forum opens on Tuesday.")
    time_machine.move_to(datetime.datetime(2026, 5, 4, 12, tzinfo=datetime.UTC), tick=False)
    return story


def feed(client, name):
    return feedparser.parse(client.get(reverse(f"articles:{name}")).content)


def test_a_correction_appears_on_the_article_in_the_record_in_its_feed_and_in_the_json_ld(
    client, corrected
):
    """The acceptance: one correction, seen everywhere a reader or a machine looks."""
    url = corrected.get_absolute_url()
    page = client.get(url).content.decode()
    assert "Kazan was misspelt." in page and "The forum opens on Tuesday." in page
    assert 'Updated <time datetime="2026-05-04T11:00:00+00:00">' in page
    assert '<section class="corrections" id="corrections"' in page

    record = client.get(reverse("articles:corrections")).content.decode()
    assert "Kazan was misspelt." in record
    assert f'<a href="{url}#corrections">Minister opens the forum in Kazan</a>' in record

    for name in ["feed_corrections", "feed_corrections_atom"]:
        entries = feed(client, name).entries
        assert [entry.title for entry in entries] == [
            "Minister opens the forum in Kazan: corrected"
        ] * 2, name
        assert [entry.summary for entry in entries] == [
            "The forum opens on Tuesday.",
            "Kazan was misspelt.",
        ], name
        assert entries[1].link == f"{HOST}{url}#corrections", name
        assert entries[1].published_parsed[:4] == (2026, 5, 4, 10), name
        assert entries[0].id != entries[1].id, name
    [latest] = feed(client, "feed_latest_atom").entries
    assert latest.updated_parsed[:4] == (2026, 5, 4, 11)  # the last change readers saw
    assert latest.published_parsed[:4] == (2026, 5, 4, 9)

    [block] = JSON_LD.findall(page)
    data = json.loads(block)
    assert parse_datetime(data["dateModified"]) == corrected.revised_at
    assert [
        (item["@type"], item["text"], parse_datetime(item["datePublished"]).hour)
        for item in data["correction"]
    ] == [
        ("CorrectionComment", "Kazan was misspelt.", 10),
        ("CorrectionComment", "The forum opens on Tuesday.", 11),
    ]


def test_the_story_lists_its_corrections_oldest_first_and_the_record_newest_first(
    client, corrected
):
    page = client.get(corrected.get_absolute_url()).content.decode()
    assert page.index("Kazan was misspelt.") < page.index("The forum opens on Tuesday.")
    record = client.get(reverse("articles:corrections")).content.decode()
    assert record.index("The forum opens on Tuesday.") < record.index("Kazan was misspelt.")
    assert reverse("articles:feed_corrections") in record  # <link rel=alternate> and the link


def test_a_story_never_corrected_says_no_update(client, writer, editor):
    story = workflow.publish(submitted_by(writer), by=editor)
    page = client.get(story.get_absolute_url()).content.decode()
    assert "Updated" not in page and 'id="corrections"' not in page


def test_a_story_taken_down_keeps_its_corrections_on_the_record_without_its_text(
    client, corrected, editor
):
    workflow.unpublish(corrected, by=editor)

    response = client.get(reverse("articles:corrections"))
    record = response.content.decode()
    assert "Kazan was misspelt." in record and "The forum opens on Tuesday." in record
    assert record.count("The story is no longer published") == 2
    assert "Minister" not in record and corrected.slug not in record
    assert links(response, class_="correction-list") == []
    for name in ["feed_corrections", "feed_corrections_atom"]:
        entries = feed(client, name).entries
        assert [entry.summary for entry in entries][-1] == "Kazan was misspelt.", name
        text = client.get(reverse(f"articles:{name}")).content.decode()
        assert "Minister" not in text and corrected.slug not in text, name


def test_the_record_lists_the_corrections_of_its_own_edition(client, corrected, editor, writer):
    russian = workflow.publish(
        submitted_by(writer, headline="Форум в Казани", language="ru"), by=editor
    )
    correct(russian, editor, "Исправлена дата.")
    assert "Исправлена дата." not in client.get(reverse("articles:corrections")).content.decode()
    with override("ru"):
        url = reverse("articles:corrections")
    page = client.get(url).content.decode()
    assert "Исправлена дата." in page and "Kazan was misspelt." not in page


def test_the_record_refreshes_when_a_correction_is_published(
    client, corrected, editor, django_capture_on_commit_callbacks
):
    """The record is a cached page like the others: a new correction shows at once."""
    client.get(reverse("articles:corrections"))
    with django_capture_on_commit_callbacks(execute=True):
        correct(Article.objects.get(pk=corrected.pk), editor, "The venue was wrong.")
    assert "The venue was wrong." in client.get(reverse("articles:corrections")).content.decode()


def test_the_record_pages_newer_and_older(client, corrected, monkeypatch):
    monkeypatch.setattr(views.CorrectionListView, "paginate_by", 1)
    first = client.get(reverse("articles:corrections")).content.decode()
    second = client.get(reverse("articles:corrections"), {"page": 2}).content.decode()
    assert "The forum opens on Tuesday." in first and "Kazan was misspelt." not in first
    assert "Kazan was misspelt." in second and 'rel="prev"' in second
    assert client.get(reverse("articles:corrections"), {"page": 3}).status_code == 404


def test_a_corrected_story_cannot_be_deleted_and_the_admin_says_why(client, corrected, superuser):
    with pytest.raises(ProtectedError):
        corrected.delete()
    client.force_login(superuser)
    page = client.get(reverse("admin:articles_article_delete", args=[corrected.pk]))
    assert "the public record keeps them for good" in page.content.decode()
    assert "Yes, I’m sure" not in page.content.decode()
    assert Article.objects.filter(pk=corrected.pk).exists()


def test_a_correction_is_dated_after_the_story_went_up(corrected):
    """The record's dates follow the story's own: each correction after publication."""
    assert all(c.corrected_at > corrected.published_at for c in corrected.corrections.all())
    assert corrected.revised_at == max(c.corrected_at for c in corrected.corrections.all())
    assert corrected.revised_at < timezone.now()
