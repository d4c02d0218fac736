import functools

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern
from django.utils.text import slugify


def unique_slug(instance, text, *, field="slug", reserved=frozenset()):
    """Return a slug for text, unique among instance's model and not one of `reserved`,
    keeping non-Latin letters."""
    max_length = instance._meta.get_field(field).max_length
    base = slugify(text, allow_unicode=True)[:max_length].strip("-") or "item"
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    taken |= reserved
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
    return slug


def reserved_page_slugs() -> frozenset[str]:
    """The slugs a page may not have: the first part of every other address of the site
    (news, search, admin, api, sitemap-news.xml...), the editions' prefixes (ru) and the
    static and media folders. A page lives at /<slug>/, after all of them."""
    return _reserved(get_resolver())


@functools.lru_cache
def _reserved(resolver) -> frozenset[str]:
    reserved = {code for code, _ in settings.LANGUAGES}
    for prefix in (settings.STATIC_URL, settings.MEDIA_URL):
        if prefix and (first := prefix.strip("/").split("/")[0]):
            reserved.add(first)
    reserved |= _first_segments(resolver.url_patterns)
    return frozenset(segment.lower() for segment in reserved)


def _first_segments(patterns) -> set[str]:
    segments = set()
    for pattern in patterns:
        route = "" if isinstance(pattern.pattern, LocalePrefixPattern) else str(pattern.pattern)
        first = route.lstrip("^").split("/")[0]
        if isinstance(pattern, URLResolver) and not first:
            segments |= _first_segments(pattern.url_patterns)
        elif isinstance(pattern, URLPattern | URLResolver) and first and "<" not in first:
            segments.add(first)
    return segments
