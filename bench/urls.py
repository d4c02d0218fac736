from django.http import HttpResponse
from django.urls import include, path

# About the size of an article page (bytes); the bench script checks it against the real ones.
BARE_SIZE = int(__import__("os").environ.get("BENCH_BARE_SIZE", "9000"))
PAGE = ("<!DOCTYPE html><html><body>" + "x" * BARE_SIZE + "</body></html>").encode()


def bare(request):
    """A page of the same size from memory: Django's floor for one request, no database."""
    return HttpResponse(PAGE)


urlpatterns = [path("bench/bare/", bare), path("", include("newsroom.urls"))]
