"""The public site's Jinja2 environment: the little its templates need, and nothing else.

Autoescaping is on (Django's backend sets it); rich text reaches a page only through
`|safe` on a field nh3 sanitised when it was saved, and `json_ld` escapes its own JSON.
The admin stays on Django's engine with templates/.
"""

import functools

from django.template.defaultfilters import date, filesizeformat, pluralize
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.csp import nonce_attr
from django.utils.formats import date_format
from jinja2 import Environment, pass_context

from articles import editions, structured_data
from articles.addresses import address


def url(viewname, *args, **kwargs):
    """`{% url %}`: url("articles:topic", slug=topic.slug), reversed once per process
    (articles.addresses) when named by keywords alone, as the pages name them."""
    if args:
        return reverse(viewname, args=args, kwargs=kwargs or None)
    return address(viewname, **kwargs)


def long_date(value):
    """A date as the pages print it in the active language, "3 December 2026" or
    "3 декабря 2026 г.": the language's DATE_FORMAT, formatted once per date and
    language rather than parsed again for every date on a list."""
    return _long_date(value, translation.get_language())


@functools.lru_cache(maxsize=4096)
def _long_date(value, language):
    # `language` is the active one, which date_format() follows: it is in the key only.
    return date_format(value, "DATE_FORMAT")


def local_date(value, format=None):
    """Django's `date` filter, on the reader's local time as Django's engine gives it."""
    return date(timezone.template_localtime(value), format)


@pass_context
def csp_nonce_attr(context, media=None):
    """`{% csp_nonce_attr %}`: this response's CSP nonce, made only when a page asks."""
    return nonce_attr(context, media)


def environment(**options):
    env = Environment(extensions=["jinja2.ext.i18n"], **options)
    env.install_gettext_callables(translation.gettext, translation.ngettext, newstyle=True)
    # As `makemessages` reads them (articles/management/commands/makemessages.py).
    env.policies["ext.i18n.trimmed"] = True
    env.globals.update(
        url=url,
        static=static,
        csp_nonce_attr=csp_nonce_attr,
        json_ld=structured_data.json_ld,
        page_editions=editions.page_editions,
        language=translation.get_language,
        language_bidi=translation.get_language_bidi,
    )
    env.filters.update(
        date=local_date,
        long_date=long_date,
        pluralize=pluralize,
        filesizeformat=filesizeformat,
    )
    return env
