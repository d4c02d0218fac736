"""Every kind of thing an article links to (LINK_KINDS) is handled by every consumer."""

import json
import re

import pytest
from django.core import checks

from articles import search, versions, workflow
from articles.admin.forms import ArticleForm
from articles.checks import check_link_kinds
from articles.models import LINK_KINDS, LinkKind, Topic, links
from tests.factories import MAKERS, make_article

pytestmark = pytest.mark.django_db

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
each_kind = pytest.mark.parametrize("kind", LINK_KINDS, ids=lambda kind: kind.name)


def linked_to(kind, **kwargs):
    """Return a published article and the thing of `kind` it links to."""
    make = MAKERS.get(kind.model)
    assert make, f"tests.factories.MAKERS has no maker for {kind.model.__name__}"
    thing = make()
    article = make_article(**kwargs)
    getattr(article, kind.name).set([thing])
    return article, thing


@each_kind
def test_restoring_a_version_brings_back_each_kind_of_link(kind):
    article, thing = linked_to(kind)
    version = workflow.save_edit(article, by=None, editing=article.revision)
    getattr(article, kind.name).clear()

    versions.apply(article, version)

    assert list(getattr(article, kind.name).all()) == [thing]


@each_kind
def test_comparing_versions_names_each_kind_of_link(kind):
    article, thing = linked_to(kind)
    before = versions.snapshot(article)
    getattr(article, kind.name).clear()

    [change] = versions.changes(before, versions.snapshot(article))

    assert (change.field, change.old, change.new) == (kind.name, thing.name, "")


@each_kind
def test_the_article_form_edits_each_kind_of_link(kind):
    assert kind.name in ArticleForm.base_fields


@each_kind
def test_an_article_page_links_each_kind(client, kind):
    article, thing = linked_to(kind)

    assert article.linked()[kind.name] == [thing]
    assert thing.get_absolute_url() in client.get(article.get_absolute_url()).content.decode()


@each_kind
def test_a_topic_page_lists_each_kind_tagged_with_it(client, kind, topic):
    thing = MAKERS[kind.model]()
    thing.topics.set([topic])

    page = client.get(topic.get_absolute_url()).content.decode()

    assert thing.get_absolute_url() in page


@each_kind
def test_search_finds_each_kind_by_name(kind):
    thing = MAKERS[kind.model]()
    form = search.SearchForm({"q": thing.name, "type": kind.name})
    assert form.is_valid(), form.errors

    assert list(form.results(kind.name)) == [thing]


@each_kind
def test_a_sitemap_lists_each_kind_an_article_is_about(client, kind):
    _, thing = linked_to(kind)

    response = client.get(f"/sitemap-{kind.name}.xml")

    assert response.status_code == 200
    assert thing.get_absolute_url() in response.content.decode()


@each_kind
def test_structured_data_names_each_kind_an_article_links(client, kind):
    article, thing = linked_to(kind)

    [block] = JSON_LD.findall(client.get(article.get_absolute_url()).content.decode())

    named = json.loads(block)[kind.schema_property]
    assert [(item["@type"], item["name"]) for item in named] == [(kind.schema_type, thing.name)]


def test_the_link_kinds_check_passes_for_every_declared_kind():
    assert check_link_kinds() == []


def test_a_kind_added_to_the_list_alone_fails_the_system_check(monkeypatch):
    venues = LinkKind(
        name="venues",
        model=Topic,
        label="Venues",
        url_name="articles:venue",
        shown_fields=("name", "slug"),
        page_order="t.name",
        search_fields=("name", "address"),
        schema_type="Place",
        schema_property="mentions",
        about=("venues",),
    )
    monkeypatch.setattr(links, "LINK_KINDS", (*LINK_KINDS, venues))

    errors = check_link_kinds()

    assert all(isinstance(error, checks.Error) and error.obj is venues for error in errors)
    assert {error.id for error in errors} == {
        "articles.E101",  # no Article field
        "articles.E102",  # no public page
        "articles.E103",  # Topic has no field "address"
        "articles.E104",  # versions
        "articles.E105",  # the article form
        "articles.E106",  # search
        "articles.E107",  # sitemaps
        "articles.E108",  # structured data
    }
