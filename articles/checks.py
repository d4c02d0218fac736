"""A system check that every consumer of article links knows every one of LINK_KINDS.

Most consumers build their lists from the registry; this catches the one that does not,
or a kind declared without what it needs (its Article field, its page, its fields).
"""

from django.core import checks
from django.core.exceptions import FieldDoesNotExist
from django.urls import NoReverseMatch, reverse

from articles.models import links


@checks.register()
def check_link_kinds(app_configs=None, **kwargs):
    """Report each of LINK_KINDS a consumer of article links does not handle."""
    return [
        checks.Error(f"Link kind {kind.name!r}: {message}", id=id, obj=kind)
        for kind in links.LINK_KINDS
        for id, message in problems(kind)
    ]


def problems(kind):
    """Yield (check id, message) for what `kind` lacks."""
    from django.contrib import admin

    from articles import search, sitemaps, versions
    from articles.admin.forms import LINK_FIELDS
    from articles.models import Article
    from articles.structured_data import DESCRIBE

    try:
        field = Article._meta.get_field(kind.name)
    except FieldDoesNotExist:
        field = None
    if field is None or not field.many_to_many or field.related_model is not kind.model:
        yield "articles.E101", f"Article has no many-to-many field to {kind.model.__name__}."
    try:
        reverse(kind.url_name, kwargs={"slug": "x"})
    except NoReverseMatch:
        yield "articles.E102", f"no public page: {kind.url_name!r} does not take a slug."
    names = {field.name for field in kind.model._meta.get_fields()}
    wanted = {"name", "slug", *kind.shown_fields, *kind.search_fields}
    if kind.search_date_field:
        wanted.add(kind.search_date_field)
    if missing := sorted(wanted - names):
        yield "articles.E103", f"{kind.model.__name__} has no field {', '.join(missing)}."
    if versions.LINKS.get(kind.name) is not kind.model:
        yield "articles.E104", "versions do not keep it (articles.versions.LINKS)."
    if kind.name not in LINK_FIELDS:
        yield "articles.E105", "the article form does not edit it (admin.forms.LINK_FIELDS)."
    if search.SearchForm.KINDS.get(kind.name) is not kind.model:
        yield "articles.E106", "search does not offer it (articles.search.SearchForm.KINDS)."
    if getattr(sitemaps.SITEMAPS.get(kind.name), "model", None) is not kind.model:
        yield "articles.E107", "no sitemap lists it (articles.sitemaps.SITEMAPS)."
    if kind.model not in DESCRIBE:
        yield "articles.E108", "no structured data describes its page (structured_data.DESCRIBE)."
    if not admin.site.is_registered(kind.model):
        yield (
            "articles.E109",
            "the admin cannot pick it: register a ModelAdmin with search_fields.",
        )
