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
    from django.contrib import admin

    from articles import search, sitemaps, versions
    from articles.admin.forms import LINK_FIELDS
    from articles.models import Article
    from articles.templatetags.structured_data import DESCRIBE

    errors = []
    for kind in links.LINK_KINDS:

        def error(message, id, kind=kind):
            errors.append(checks.Error(f"Link kind {kind.name!r}: {message}", id=id, obj=kind))

        try:
            field = Article._meta.get_field(kind.name)
        except FieldDoesNotExist:
            field = None
        if field is None or not field.many_to_many or field.related_model is not kind.model:
            error(
                f"Article has no many-to-many field {kind.name!r} to {kind.model.__name__}.",
                "articles.E101",
            )
        try:
            reverse(kind.url_name, kwargs={"slug": "x"})
        except NoReverseMatch:
            error(f"no public page: {kind.url_name!r} does not take a slug.", "articles.E102")
        names = {field.name for field in kind.model._meta.get_fields()}
        missing = [
            name
            for name in {"name", "slug", *kind.shown_fields, *kind.search_fields}
            if name not in names
        ]
        if kind.search_date_field and kind.search_date_field not in names:
            missing.append(kind.search_date_field)
        if missing:
            error(
                f"{kind.model.__name__} has no field {', '.join(sorted(missing))}.",
                "articles.E103",
            )
        if versions.LINKS.get(kind.name) is not kind.model:
            error("versions do not keep it (articles.versions.LINKS).", "articles.E104")
        if kind.name not in LINK_FIELDS:
            error(
                "the article form does not edit it (articles.admin.forms.LINK_FIELDS).",
                "articles.E105",
            )
        if search.SearchForm.KINDS.get(kind.name) is not kind.model:
            error("search does not offer it (articles.search.SearchForm.KINDS).", "articles.E106")
        if getattr(sitemaps.SITEMAPS.get(kind.name), "model", None) is not kind.model:
            error("no sitemap lists it (articles.sitemaps.SITEMAPS).", "articles.E107")
        if kind.model not in DESCRIBE:
            error(
                "no structured data describes its page (structured_data.DESCRIBE).",
                "articles.E108",
            )
        if not admin.site.is_registered(kind.model):
            error(
                "the admin cannot pick it: register a ModelAdmin with search_fields.",
                "articles.E109",
            )
    return errors
