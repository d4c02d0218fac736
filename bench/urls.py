from django.http import HttpResponse
from django.template import engines
from django.urls import include, path

# About the size of an article page (bytes); the bench script prints both.
BARE_SIZE = int(__import__("os").environ.get("BENCH_BARE_SIZE", "9000"))
# Paragraphs of press-release prose, held in memory: no database behind them.
PARAGRAPH = (
    "The minister met his counterparts at the forum in Kazan to discuss trade, energy "
    "and humanitarian cooperation between the member states of the organisation."
)
PARAGRAPHS = [PARAGRAPH] * (BARE_SIZE // (len(PARAGRAPH) + 8))
LAYOUT_PAGE = engines["django"].from_string(
    '{% extends "base.html" %}{% block title %}{{ headline }} · Newsroom{% endblock title %}'
    "{% block content %}<article><h1>{{ headline }}</h1>"
    "{% for paragraph in paragraphs %}<p>{{ paragraph }}</p>{% endfor %}"
    "</article>{% endblock content %}"
)
BYTES = ("<!DOCTYPE html><html><body>" + "x" * BARE_SIZE + "</body></html>").encode()


def bare(request):
    """The baseline: a page of the same size rendered in the site's layout from memory,
    through the same middleware. Django's floor for a page, with no database."""
    context = {"headline": "Forum in Kazan", "paragraphs": PARAGRAPHS}
    return HttpResponse(LAYOUT_PAGE.render(context, request))


def constant_bytes(request):
    """For reference: the same size of constant bytes, rendering nothing at all."""
    return HttpResponse(BYTES)


urlpatterns = [
    path("bench/bare/", bare),
    path("bench/bytes/", constant_bytes),
    path("", include("newsroom.urls")),
]
