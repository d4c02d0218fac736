import datetime
import functools

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.template import engines
from django.template.response import TemplateResponse
from django.urls import path

from articles.models.teasers import Teaser
from newsroom import urls as site

# About the size of an article page (bytes); the bench script prints both.
BARE_SIZE = int(__import__("os").environ.get("BENCH_BARE_SIZE", "9000"))
# Paragraphs of press-release prose, held in memory: no database behind them.
PARAGRAPH = (
    "The minister met his counterparts at the forum in Kazan to discuss trade, energy "
    "and humanitarian cooperation between the member states of the organisation."
)
PARAGRAPHS = [PARAGRAPH] * (BARE_SIZE // (len(PARAGRAPH) + 8))
LAYOUT_PAGE = engines["jinja2"].from_string(
    '{% extends "base.html" %}{% block title %}{{ headline }} · Newsroom{% endblock title %}'
    "{% block content %}<article><h1>{{ headline }}</h1>"
    "{% for paragraph in paragraphs %}<p>{{ paragraph }}</p>{% endfor %}"
    "</article>{% endblock content %}"
)


@functools.cache
def teasers():
    """Teasers as a listing holds them (a byline, two topics, a standfirst), from rows
    held in memory; made at the first request, once the URLconf they link by is loaded."""
    return [
        Teaser(
            {
                "pk": number + 1,
                "headline": f"Lavrov meets ambassadors of the member states in Kazan, day {number}",
                "slug": f"lavrov-meets-ambassadors-{number}",
                "standfirst": PARAGRAPH,
                "dateline": datetime.date(2026, 11, 1),
                "byline": "",
                "byline_rows": [
                    {
                        "id": number + 1,
                        "name": "Sergey Lavrov",
                        "slug": f"sergey-lavrov-{number}",
                        "position": 0,
                    }
                ],
                "topic_rows": [
                    {"id": 1, "name": "Foreign policy", "slug": "foreign-policy"},
                    {"id": 2, "name": "Trade", "slug": "trade"},
                ],
            }
        )
        for number in range(2 * settings.NEWSROOM_PAGE_SIZE)
    ]


BYTES = ("<!DOCTYPE html><html><body>" + "x" * BARE_SIZE + "</body></html>").encode()


def bare(request):
    """The baseline: a page of the same size rendered in the site's layout from memory,
    through the same middleware. The public engine's floor for a page, with no database."""
    context = {"headline": "Forum in Kazan", "paragraphs": PARAGRAPHS}
    return HttpResponse(LAYOUT_PAGE.render(context, request))


def listing_from_memory(request):
    """The news listing's own template and teasers, held in memory: what a listing page
    costs with no database at all, so the most the real one can reach against `bare`."""
    page = Paginator(teasers(), settings.NEWSROOM_PAGE_SIZE).get_page(1)
    context = {"page_obj": page, "paginator": page.paginator, "is_paginated": True}
    return TemplateResponse(request, "articles/article_list.html", context)


def constant_bytes(request):
    """For reference: the same size of constant bytes, rendering nothing at all."""
    return HttpResponse(BYTES)


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/bytes/", constant_bytes),
    path("bench/listing-from-memory/", listing_from_memory),
    # The site's own patterns, not include()d: they hold i18n_patterns, which Django
    # allows only in the root URLconf.
    *site.urlpatterns,
]
