"""Addresses of public pages, each reversed once per process.

Reversing walks Django's resolver and checks the result against the URL pattern: some
40 µs, and a page of twenty teasers links a hundred articles, people and topics. An
address depends only on the URLconf, the script prefix and the arguments, so it is
remembered, in a bounded table that forgets whenever the URLconf changes.
"""

import functools

from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language, override

# About 650 bytes each with the key: under 3 MB per worker. Enough for the people,
# topics and regions every page links, and the articles readers are reading now.
REMEMBERED = 4096


def address(viewname: str, language: str | None = None, **kwargs) -> str:
    """Return the path of a page, as `reverse(viewname, kwargs=kwargs)` does, in the
    edition of `language` (by default the active language's: /ru/news/ in Russian)."""
    return _reverse(
        get_urlconf(),
        get_script_prefix(),
        language or get_language(),
        viewname,
        tuple(kwargs.items()),
    )


@functools.lru_cache(maxsize=REMEMBERED)
def _reverse(urlconf, prefix, language, viewname, kwargs):
    # i18n_patterns prefix the active language: the one asked for, while reversing.
    with override(language):
        return reverse(viewname, urlconf=urlconf, kwargs=dict(kwargs))


@receiver(setting_changed)
def _forget_on_new_urlconf(setting, **kwargs):
    if setting in {"ROOT_URLCONF", "FORCE_SCRIPT_NAME"}:
        _reverse.cache_clear()
