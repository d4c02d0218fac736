import datetime
import re

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles import fulltext, search, workflow
from articles.models import Article, Event, Organisation, Person
from articles.samples.stories import PRESS_RELEASE_SLUG
from tests import pages
from tests.factories import (
    make_article,
    make_event,
    make_organisation,
    make_person,
    make_user,
    settle_page_cache,
)

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL full-text search; CI runs it"
)


def search_page(client, language="en", **params):
    """Search the edition of `language`: /search/, /ru/search/, /ar/search/."""
    with translation.override(language):
        address = reverse("articles:search")
    response = client.get(address, params)
    assert response.status_code == 200
    return response


def headlines(response):
    return pages.headlines(response, class_="search-results")


def results(response):
    return pages.links(response, class_="search-results")


def test_the_sample_article_is_found_by_a_word_of_its_body(client, settings, tmp_path):
    """On either database, a word only the body has finds the sample article."""
    settings.MEDIA_ROOT = tmp_path
    call_command("load_sample_newsroom", verbosity=0)
    sample = Article.objects.get(slug=PRESS_RELEASE_SLUG)
    assert "civilizational" in sample.body and "civilizational" not in sample.headline
    response = search_page(client, q="civilizational")
    assert headlines(response) == [sample.headline]
    assert "<mark>" in response.content.decode()


def test_search_follows_the_live_text_not_a_pending_change(client):
    """What search finds is what readers see: edits waiting in versions are not searched."""

    article = make_article(headline="Kazan forum opens")
    article.headline = "Embargoed wording"
    workflow.save_edit(article, by=None, editing=article.revision)
    assert headlines(search_page(client, q="Kazan")) == ["Kazan forum opens"]
    assert headlines(search_page(client, q="Embargoed")) == []


def test_hidden_articles_are_never_found(client):
    now = timezone.now()
    make_article(headline="Visible summit")
    make_article(headline="Draft summit", status=Article.Status.DRAFT)
    make_article(headline="Scheduled summit", published_at=now + datetime.timedelta(days=1))
    make_article(headline="Unpublished summit", status=Article.Status.UNPUBLISHED)
    make_article(
        headline="Expired summit",
        published_at=now - datetime.timedelta(days=2),
        unpublish_at=now - datetime.timedelta(days=1),
    )
    assert headlines(search_page(client, q="summit")) == ["Visible summit"]


@pytest.mark.parametrize(
    "query",
    [
        "",
        "   ",
        '"mutually respectful',
        '"mutually respectful"',
        "Russia -Malaysia",
        "Russia OR Malaysia",
        "Russia AND (Malaysia",
        "* ? : ^ ~ ! & | \\ ' \" ( ) [ ] { } < > @",
        "NEAR(Russia Malaysia)",
        "Лавров",
        "الخارجية",
        "x" * 5000,
        "word " * 500,
        "nul\x00byte",
        "<script>alert(1)</script>",
        "the",
    ],
)
def test_odd_queries_give_results_or_a_friendly_message(client, query):
    make_article()
    make_person(name="Сергей Лавров")
    for kind in ["", "articles", "people", "organisations", "events"]:
        page = search_page(client, q=query, type=kind).content.decode()
        assert "<script>alert" not in page


def test_an_empty_query_asks_for_words(client):
    assert "Search articles, people, organisations and events." in (
        search_page(client).content.decode()
    )
    assert "Type a word or two" in search_page(client, q="  ").content.decode()


def test_bad_filters_are_reported_on_the_form(client):
    page = search_page(client, q="Russia", since="yesterday", topic="nope").content.decode()
    assert "Check the filters above." in page


def test_snippets_escape_the_text_and_mark_only_the_words(client):
    make_article(
        headline="Tags in text",
        standfirst="",
        body="<p>Ministers wrote &lt;b&gt;bold&lt;/b&gt; about Kazan.</p>",
    )
    page = search_page(client, q="Kazan").content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', page, re.S).group(1)
    assert "&lt;b&gt;bold&lt;/b&gt;" in snippet
    assert "<mark>Kazan</mark>" in snippet


def test_snippets_keep_punctuation_against_its_word_and_paragraphs_apart(client):
    """Italics or a link add no space before a closing quote; a new paragraph adds one."""
    make_article(
        headline="Forum",
        standfirst="",
        body='<p>The forum "<em>Kazanforum</em>", <a href="https://kazanforum.ru">online</a>.'
        "</p><p>Delegates arrive.</p>",
    )
    page = search_page(client, q="Kazanforum").content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', page, re.S).group(1)
    assert "<mark>Kazanforum</mark>&quot;, online. Delegates arrive." in snippet


def snippet_of(response):
    return re.search(r'<p class="snippet">(.*?)</p>', response.content.decode(), re.S).group(1)


def test_a_snippet_comes_from_the_start_of_a_long_article(client):
    """Past the body's first SNIPPET_SOURCE characters a match still finds the article,
    whose snippet then shows how it begins."""
    make_article(
        headline="Long report",
        standfirst="",
        body="<p>Delegates gathered early.</p><p>" + "Talks went on. " * 200 + "In Kazan.</p>",
    )
    response = search_page(client, q="Kazan")
    assert headlines(response) == ["Long report"]
    assert snippet_of(response).startswith("Delegates gathered early.")
    assert "Kazan" not in snippet_of(response)


def test_a_snippet_cut_short_ends_on_a_whole_word(client):
    """Where the body's first SNIPPET_SOURCE characters end, no half word or tag shows."""
    filler = "Talks went on. " * ((search.SNIPPET_SOURCE - 30) // 15)
    make_article(
        headline="Long report",
        standfirst="",
        body=f"<p>{filler}Delegates met in Kazan <a href='https://example.com'>yesterday"
        f"{'x' * 100}</a>.</p>",
    )
    snippet = snippet_of(search_page(client, q="Kazan"))
    assert snippet.endswith("<mark>Kazan</mark>"), snippet


def test_filters_by_type_topic_region_and_date(client, topic, regions):
    old = make_article(
        headline="Old Kazan story",
        published_at=timezone.now() - datetime.timedelta(days=40),
        regions=[regions["kazan"]],
    )
    make_article(headline="Malaysian Kazan story", regions=[regions["malaysia"]], topics=[topic])
    kazan_event = make_event(name="Kazan forum")
    kazan_event.regions.set([regions["kazan"]])
    make_person(name="Kazan mayor")

    assert headlines(search_page(client, q="Kazan", region=regions["russia"].slug)) == [
        old.headline
    ]
    assert headlines(search_page(client, q="Kazan", topic=topic.slug)) == ["Malaysian Kazan story"]
    since = (timezone.now() - datetime.timedelta(days=7)).date().isoformat()
    assert headlines(search_page(client, q="Kazan", since=since)) == ["Malaysian Kazan story"]
    until = (timezone.now() - datetime.timedelta(days=7)).date().isoformat()
    assert headlines(search_page(client, q="Kazan", until=until)) == [old.headline]

    assert results(search_page(client, q="Kazan", type="events")) == ["Kazan forum"]
    assert results(search_page(client, q="Kazan", type="people")) == ["Kazan mayor"]
    everything = search_page(client, q="Kazan").content.decode()
    assert "Kazan forum" in everything and "Kazan mayor" in everything


def test_the_filter_menus_list_every_choice_and_keep_the_chosen_one(client, topic, regions):
    page = search_page(
        client, q="Kazan", topic=topic.slug, region=regions["kazan"].slug
    ).content.decode()
    assert f'<option value="{topic.slug}" selected>Foreign policy</option>' in page
    assert '<option value="kazan" selected>Kazan</option>' in page
    assert '<option value="malaysia">Malaysia</option>' in page
    assert '<option value="">Any region</option>' in page


def test_organisations_are_found_by_acronym(client):
    organisation = make_organisation()
    found = search_page(client, q="OIC", type="organisations")
    assert organisation.acronym == "OIC" and results(found) == [organisation.name]


def test_people_organisations_and_events_are_found_by_an_alias_or_a_title(client):
    """On either database: the aliases and people's titles are searched with the rest."""
    make_person(aliases=["Sergei Lavrov", "Сергей Лавров"])
    make_person(name="Vladimir Putin", role_title="President", aliases=["Путин"])
    minnikhanov = make_person(name="Rustam Minnikhanov", role_title="")
    minnikhanov.titles.create(title="Rais of Tatarstan", start_date=datetime.date(2022, 12, 23))
    make_organisation(aliases=["Organisation of the Islamic Conference"])
    make_organisation(name="United Nations", acronym="UN")
    make_event(name="International Economic Forum", aliases=["KazanSummit"])
    make_event(name="Another forum")

    def found(query, kind):
        return results(search_page(client, q=query, type=kind))

    assert found("Sergei", "people") == ["Sergey Lavrov"]
    assert found("Сергей Лавров", "people") == ["Sergey Lavrov"]
    assert found("Rais of Tatarstan", "people") == ["Rustam Minnikhanov"]
    assert found("Conference", "organisations") == ["Organisation of Islamic Cooperation"]
    assert found("KazanSummit", "events") == ["International Economic Forum"]
    assert found("Tatarstan", "organisations") == []


def test_results_are_paginated_and_keep_the_query(client):
    for i in range(25):
        make_article(headline=f"Forum report {i}")
    first = search_page(client, q="forum")
    assert pages.headings(first, id="results-heading") == ["25 articles for “forum”"]
    assert "q=forum&amp;page=2" in first.content.decode()
    second = search_page(client, q="forum", page=2)
    assert len(headlines(second)) == 5


@pytest.mark.parametrize(
    "few", [fulltext.FEW, 3], ids=["matches-read-by-the-search-index", "newest-walked"]
)
def test_past_the_ranked_matches_readers_page_through_the_newest(client, monkeypatch, few):
    """More matches than search ranks: the newest are paged through, never a hidden one,
    and a date filter reaches the older ones; on PostgreSQL, alike whether the matches
    were few enough to read whole or the newest were walked to."""
    monkeypatch.setattr(fulltext, "CANDIDATES", 22)
    monkeypatch.setattr(fulltext, "FEW", few)
    now = timezone.now()
    for i in range(25):
        make_article(
            headline=f"Forum report {i}", published_at=now - datetime.timedelta(days=i + 1)
        )
    make_article(headline="Draft forum", status=Article.Status.DRAFT)
    make_article(headline="Scheduled forum", published_at=now + datetime.timedelta(days=1))
    make_article(headline="Unpublished forum", status=Article.Status.UNPUBLISHED)
    make_article(
        headline="Expired forum",
        published_at=now - datetime.timedelta(hours=2),
        unpublish_at=now - datetime.timedelta(hours=1),
    )

    first = search_page(client, q="forum")
    page = first.content.decode()
    assert "22+ articles for" in page and "set a date" in page
    assert 'rel="next" href="?q=forum&amp;page=2"' in page
    second = search_page(client, q="forum", page=2)
    assert 'rel="prev" href="?q=forum&amp;page=1"' in second.content.decode()
    assert 'rel="next"' not in second.content.decode()
    assert len(headlines(first)) == 20
    assert set(headlines(first) + headlines(second)) == {f"Forum report {i}" for i in range(22)}

    until = timezone.localdate(now - datetime.timedelta(days=23)).isoformat()
    older = search_page(client, q="forum", until=until)
    assert set(headlines(older)) == {f"Forum report {i}" for i in range(22, 25)}
    assert "+ articles" not in older.content.decode()


def test_a_link_past_the_last_page_shows_the_last_page(client):
    for i in range(25):
        make_article(headline=f"Forum report {i}")
    assert len(headlines(search_page(client, q="forum", page=9))) == 5
    assert len(headlines(search_page(client, q="forum", page="last"))) == 20


@pytest.mark.parametrize("width", [1, 6])
def test_search_runs_a_fixed_number_of_queries(client, monkeypatch, width, topic, regions):
    """The page with its count (and on PostgreSQL its snippets), bylines; the three other
    kinds; the filter menus; a topic. As many when more match than are ranked."""
    monkeypatch.setattr(fulltext, "CANDIDATES", 4)
    for i in range(width):
        article = make_article(headline=f"Kazan story {i}", topics=[topic])
        for position in range(width):
            article.bylines.create(
                person=make_person(name=f"Kazan writer {i}-{position}"), position=position
            )
        make_event(name=f"Kazan forum {i}")
        make_organisation(name=f"Kazan university {i}")
    # A running site knows the content types a topic filter joins on; so should the budget.
    ContentType.objects.get_for_models(Person, Organisation, Event)
    settle_page_cache()  # the menus every page shows, learnt once a generation
    with CaptureQueriesContext(connection) as queries:
        response = search_page(client, q="Kazan", topic=topic.slug)
    assert len(headlines(response)) == min(width, fulltext.CANDIDATES)
    results = response.content.decode().split('<ol class="search-results">')[1].split("</ol>")[0]
    assert f"Kazan writer {width - 1}-{width - 1}</a>" in results
    assert len(queries) == 8, "\n".join(q["sql"] for q in queries.captured_queries)


def test_the_header_has_a_search_box_that_works_without_javascript(client):
    page = client.get(reverse("articles:front")).content.decode()
    assert re.search(r'<form class="site-search" action="/search/" method="get"', page)
    assert 'name="q"' in page


@postgresql_only
def test_a_headline_match_ranks_above_a_body_only_match(client):
    make_article(headline="Talks in Doha", body="<p>The summit on energy went on.</p>")
    make_article(headline="Summit of ministers", body="<p>They met in Doha.</p>")
    make_article(headline="Standfirst", standfirst="Before the summit", body="<p>Doha</p>")
    assert headlines(search_page(client, q="summit")) == [
        "Summit of ministers",
        "Standfirst",
        "Talks in Doha",
    ]


@postgresql_only
def test_snippets_highlight_the_words_stemmed(client):
    make_article(headline="Energy", body="<p>The ministers <b>discussed</b> gas prices.</p>")
    page = search_page(client, q="minister discussing").content.decode()
    snippet = re.search(r'<p class="snippet">(.*?)</p>', page, re.S).group(1)
    assert "<mark>ministers</mark>" in snippet
    assert "<mark>discussed</mark>" in snippet
    assert "<b>" not in snippet


@postgresql_only
def test_a_cyrillic_query_finds_cyrillic_text_by_its_stem(client):
    make_article(
        headline="Лавров встретился с послами", body="<p>Министры обсудили.</p>", language="ru"
    )
    make_article(headline="Несвязанное", body="<p>Ничего.</p>", language="ru")
    found = ["Лавров встретился с послами"]
    assert headlines(search_page(client, "ru", q="послам")) == found
    assert headlines(search_page(client, "ru", q="министр")) == found


@postgresql_only
def test_quotes_and_operators_follow_web_search_rules(client):
    make_article(headline="Foreign minister speaks", body="<p>In Kazan.</p>")
    make_article(headline="Minister of foreign trade", body="<p>In Malaysia.</p>")
    assert headlines(search_page(client, q='"foreign minister"')) == ["Foreign minister speaks"]
    assert headlines(search_page(client, q="minister -kazan")) == ["Minister of foreign trade"]


@postgresql_only
def test_article_search_uses_the_stored_vector_and_its_index():
    """The vector is a stored column the database keeps; the match reads its GIN index."""
    article = make_article(headline="Kazan", body="<p>Plain body.</p>")
    Article.objects.filter(pk=article.pk).update(body="<p>Tatarstan</p>")
    assert list(Article.objects.published().matching("tatarstan")) == [article]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            "EXPLAIN SELECT id FROM articles_article"
            " WHERE search_vector @@ websearch_to_tsquery('russian', 'tatarstan')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "articles_article_search_vector" in plan, plan


@postgresql_only
def test_article_vectors_are_kept_in_the_row():
    """Search tests candidates' vectors one by one: kept in the row (migration 0018), each
    test reads one page, not the row and two more of its TOAST table."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT attstorage FROM pg_attribute"
            " WHERE attrelid = 'articles_article'::regclass AND attname = 'search_vector'"
        )
        assert cursor.fetchone() == ("m",)


@postgresql_only
@pytest.mark.parametrize(
    "kind, make, field",
    [
        ("people", make_person, "bio"),
        ("organisations", make_organisation, "description"),
        ("events", make_event, "description"),
    ],
)
def test_entity_search_uses_stored_vectors_and_their_indexes(client, kind, make, field):
    """People, organisations and events match columns the database keeps, by GIN index."""
    entity = make()
    type(entity).objects.filter(pk=entity.pk).update(**{field: "<p>Born in Tatarstan.</p>"})
    assert results(search_page(client, q="tatarstan", type=kind)) == [entity.name]
    table = type(entity)._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT id FROM {table}"
            " WHERE search_vector @@ websearch_to_tsquery('russian', 'tatarstan')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"{table}_search_vector" in plan, plan


@postgresql_only
@pytest.mark.parametrize("table", ["articles_alias", "articles_title"])
def test_aliases_and_titles_are_searched_through_their_stored_vectors(table):
    """Each part of an entity search reads a GIN index (migration 0024)."""
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(
            f"EXPLAIN SELECT id FROM {table}"
            " WHERE search_vector @@ websearch_to_tsquery('russian', 'tatarstan')"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert f"{table}_search_vector" in plan, plan


def test_a_change_is_found_once_it_goes_live_and_the_old_words_are_forgotten(client):
    """Publishing a change rewrites the row; the database's index follows it at once."""
    from articles import workflow

    writer, editor = make_user("writer", "Writers"), make_user("editor", "Editors")
    article = make_article(
        headline="Talks", body="<p>Delegates met in Kazan.</p>", created_by=writer
    )
    article.body = "<p>Delegates met in Tatarstan.</p>"
    workflow.save_edit(article, by=writer, editing=article.revision)
    article.refresh_from_db()
    assert headlines(search_page(client, q="Tatarstan")) == []
    workflow.submit(article, by=writer)
    workflow.publish(article, by=editor)
    assert headlines(search_page(client, q="Tatarstan")) == ["Talks"]
    assert headlines(search_page(client, q="Kazan")) == []


def test_arabic_and_cyrillic_words_find_their_articles_on_either_database(client):
    make_article(headline="وزير الخارجية في قازان", body="<p>زيارة رسمية</p>", language="ar")
    make_article(headline="Лавров в Казани", body="<p>Визит министра.</p>", language="ru")
    make_article(headline="In English only")
    assert headlines(search_page(client, "ar", q="رسمية")) == ["وزير الخارجية في قازان"]
    assert headlines(search_page(client, "ar", q="الخارجية")) == ["وزير الخارجية في قازان"]
    assert headlines(search_page(client, "ru", q="Казани")) == ["Лавров в Казани"]


@pytest.mark.parametrize("query, text", [("Казани", "Казань"), ("Казань", "Казани")])
def test_a_russian_query_finds_an_inflected_form_in_the_russian_edition_only(client, query, text):
    """On either database, the Russian edition stems a Russian query as Russian; the same
    word in an English-edition article is not found there, nor the Russian one from the
    English edition."""
    make_article(
        headline=f"Форум в {text}",
        standfirst="",
        body=f"<p>{text}: делегаты прибыли.</p>",
        language="ru",
    )
    make_article(headline=f"Reporters learn the word {text}", body="<p>Delegates.</p>")
    russian = search_page(client, "ru", q=query)
    assert headlines(russian) == [f"Форум в {text}"]
    assert snippet_of(russian).startswith(f"<mark>{text}</mark>:")
    english = search_page(client, "en", q=text)
    assert headlines(english) == [f"Reporters learn the word {text}"]


@postgresql_only
@pytest.mark.parametrize("language", ["en", "ru", "ar"])
def test_each_article_is_indexed_in_its_own_language(language):
    """The stored vector (migration 0020) is made with the configuration searches of the
    article's edition read their queries with."""
    article = make_article(
        headline="Ministers met", standfirst="В Казани", body="<p>وزير</p>", language=language
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector = setweight(to_tsvector(%s, headline), 'A')"
            " || setweight(to_tsvector(%s, standfirst), 'B')"
            " || setweight(to_tsvector(%s, body), 'C') FROM articles_article WHERE id = %s",
            [fulltext.config_of(language)] * 3 + [article.pk],
        )
        assert cursor.fetchone() == (True,)


@postgresql_only
def test_every_edition_has_a_text_search_configuration():
    with connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        available = {name for (name,) in cursor.fetchall()}
    assert set(fulltext.CONFIGS.values()) <= available


@pytest.mark.parametrize(
    "language, query, terms",
    [
        ("ru", "Казани", [fulltext.Term("казан", True)]),
        ("ru", "ЕС", [fulltext.Term("ес", False)]),
        ("en", "ministries", [fulltext.Term("ministri", True)]),
        ("en", "ministry", [fulltext.Term("ministr", True)]),
        ("ar", "الخارجية", [fulltext.Term("الخارجية", False)]),
    ],
)
def test_sqlite_looks_for_what_a_word_shares_with_its_stem(language, query, terms):
    """FTS5 matches a prefix: the start a word keeps when stemmed, long enough not to match
    most words, else the word whole."""
    assert fulltext.terms(query, language) == terms
