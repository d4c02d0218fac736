"""Random numbers, strings and Unicode in the query strings of every public page, of the
admin's lists and of its autocomplete: a page, a redirect, a 400 or a 404, never a 500."""

import datetime

import pytest
from django.core.cache import cache
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.factories import make_article_linking_each_kind

pytestmark = pytest.mark.django_db

# Bounded so that the suite stays fast; nothing is stored between runs.
BOUNDED = settings(
    max_examples=50,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
ANSWERS = {200, 301, 302, 304, 400, 404}

values = st.one_of(
    st.integers(min_value=-(10**40), max_value=10**40).map(str),
    # Past a 64-bit integer, where SQLite and PostgreSQL give up.
    st.integers(min_value=2**62, max_value=10**40).map(str),
    st.text(max_size=40),
    st.from_regex(r"[0-9]{15,40}", fullmatch=True),
    st.sampled_from(["", "0", "-1", "1e9", "NaN", "\x00", "2024-02-30", "9999-12-31", "Новости"]),
    st.dates().map(datetime.date.isoformat),
)


def query(keys):
    return st.dictionaries(st.sampled_from(keys), values, max_size=4)


@pytest.fixture
def newsroom(db):
    article = make_article_linking_each_kind()
    topic = article.topics.get()
    return [
        "/",
        "/news/",
        article.get_absolute_url(),
        topic.get_absolute_url(),
        article.regions.get().get_absolute_url(),
        article.people.get().get_absolute_url(),
        article.organisations.get().get_absolute_url(),
        article.events.get().get_absolute_url(),
        "/people/",
        "/organisations/",
        "/events/",
        "/search/",
        "/feeds/latest/",
        f"/feeds/topics/{topic.slug}/",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-news.xml",
    ]


PUBLIC_KEYS = ["page", "q", "type", "topic", "region", "since", "until", "p"]


@BOUNDED
@given(data=st.data())
def test_random_query_strings_on_public_pages_never_make_a_server_error(client, newsroom, data):
    cache.clear()
    page = data.draw(st.sampled_from(newsroom))
    params = {"page": data.draw(values), **data.draw(query(PUBLIC_KEYS))}

    assert client.get(page, params).status_code in ANSWERS


@BOUNDED
@given(params=query(PUBLIC_KEYS), kind=st.sampled_from(["", "articles", "people", "events"]))
def test_random_searches_never_make_a_server_error(client, newsroom, params, kind):
    response = client.get("/search/", {"q": "Lavrov", "type": kind, "page": "1", **params})

    assert response.status_code in ANSWERS


CHANGELISTS = [
    "article",
    "person",
    "organisation",
    "event",
    "topic",
    "region",
    "submission",
    "webhookendpoint",
    "webhookdelivery",
]
ADMIN_KEYS = [
    "published_at__year",
    "published_at__month",
    "published_at__day",
    "start_date__year",
    "start_date__month",
    "state",
    "by_me",
    "status__exact",
    "state__exact",
    "event__exact",
    "endpoint__id__exact",
    "created_at__year",
    "active__exact",
    "kind__exact",
    "topics__id__exact",
    "regions__id__exact",
    "assigned_to__id__exact",
    "dateline__gte",
    "dateline__lt",
    "start_date__gte",
    "q",
    "p",
    "o",
    "e",
    "_to_field",
]


@BOUNDED
@given(model=st.sampled_from(CHANGELISTS), params=query(ADMIN_KEYS))
def test_random_filters_on_admin_lists_never_make_a_server_error(
    admin_client, newsroom, model, params
):
    response = admin_client.get(f"/admin/articles/{model}/", params)

    assert response.status_code in ANSWERS


AUTOCOMPLETES = [
    ("article", "people"),
    ("article", "organisations"),
    ("article", "events"),
    ("article", "topics"),
    ("article", "regions"),
    ("region", "parent"),
    ("organisation", "parent"),
    ("event", "organisers"),
    ("articleauthor", "person"),
]


@BOUNDED
@given(field=st.sampled_from(AUTOCOMPLETES), term=values, page=values)
def test_random_autocomplete_terms_never_make_a_server_error(
    admin_client, newsroom, field, term, page
):
    model_name, field_name = field
    response = admin_client.get(
        "/admin/autocomplete/",
        {
            "app_label": "articles",
            "model_name": model_name,
            "field_name": field_name,
            "term": term,
            "page": page,
        },
    )

    assert response.status_code in ANSWERS


@BOUNDED
@given(field=st.sampled_from(["people", "topics", "regions", "events"]), value=values)
def test_random_ids_in_an_admin_form_s_initial_values_never_make_a_server_error(
    admin_client, newsroom, field, value
):
    response = admin_client.get("/admin/articles/article/add/", {field: value})

    assert response.status_code in ANSWERS
