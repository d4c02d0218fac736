"""What the linker reads of an article: its headline, standfirst, body as text, byline and
photo credit, never the dateline; and positions that point at the words in those texts."""

import datetime

from articles.linking import segments_of, text_of
from articles.models import Article, Image


def test_rich_text_is_read_as_text_with_its_paragraphs_apart():
    body = "<p>Lavrov met the <strong>OIC</strong> envoys.</p><p>Kazan&nbsp;hosts&amp;more</p>"
    assert text_of(body) == "Lavrov met the OIC envoys.\n\nKazan\xa0hosts&more"


def test_paragraphs_part_names_that_would_run_on_across_them(linker):
    article = Article(
        body="<p>The delegation flew to Kazan</p><p>Federal University staff met it.</p>"
    )
    mentions = linker.link(segments_of(article), datetime.date(2024, 5, 1))
    assert "region:kazan" in {mention.entry.key for mention in mentions}


def test_every_part_but_the_dateline_is_read_and_positions_point_at_the_words(linker):
    article = Article(
        headline="Lavrov in Malaysia",
        standfirst="The OIC met.",
        body="<p>Talks in <em>Kazan</em> went on.</p>",
        byline="GSV press office",
        hero_image=Image(credit="Russian Foreign Ministry"),
        dateline=datetime.date(2024, 5, 16),
    )
    segments = segments_of(article)
    texts = {segment.field: segment.text for segment in segments}
    found = {
        mention.entry.key: mention.positions for mention in linker.link(segments, article.dateline)
    }
    assert set(found) == {
        "person:sergey-lavrov",
        "region:malaysia",
        "organisation:oic",
        "region:kazan",
        "organisation:gsv",
        "organisation:russian-mfa",
    }
    shown = {
        key: [texts[field][start:end] for field, start, end in positions]
        for key, positions in found.items()
    }
    assert shown["region:kazan"] == ["Kazan"]
    assert shown["organisation:gsv"] == ["GSV"]
    assert found["organisation:russian-mfa"] == [("hero_credit", 0, 24)]
    assert found["organisation:oic"] == [("standfirst", 4, 7)]
