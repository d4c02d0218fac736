"""Where a page is in each edition: the language switcher and the hreflang alternates.

An article is in one edition only; the other editions have its story's other language
versions, or nothing. Every other public page (a listing, a topic, a person...) is in
every edition, at the same address under the edition's prefix. A view whose page is
in some editions only (an article, a preview, a missing page) says where in the
`alternates` of its context: {language: address}.
"""

from typing import NamedTuple

from django.conf import settings
from django.utils.translation import get_language, get_language_info
from jinja2 import pass_context

from articles.addresses import address


class Edition(NamedTuple):
    """One edition, as a page links to it."""

    language: str
    name: str  # in its own language: "Русский"
    bidi: bool
    url: str  # this page in that edition, or else that edition's front page
    current: bool
    alternate: bool  # whether `url` is this page in that edition (an hreflang alternate)


class PageEditions(NamedTuple):
    editions: list[Edition]
    # Where a reader of no edition's language goes: the default edition's page, else this.
    x_default: str | None


@pass_context
def page_editions(context) -> PageEditions:
    """Return this page in each of the site's editions, from `alternates` in the context,
    else the same route in each."""
    alternates = context.get("alternates")
    if alternates is None:
        alternates = same_page_in_every_edition(context.get("request"))
    current = get_language()
    editions = [
        Edition(
            language=code,
            name=name,
            bidi=get_language_info(code)["bidi"],
            url=alternates.get(code) or address("articles:front", language=code),
            current=code == current,
            alternate=code in alternates,
        )
        for code, name in settings.LANGUAGES
    ]
    x_default = alternates.get(settings.LANGUAGE_CODE) or alternates.get(current)
    return PageEditions(editions, x_default)


def same_page_in_every_edition(request) -> dict[str, str]:
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespace != "articles":
        return {}
    return {
        code: address(match.view_name, language=code, **match.kwargs)
        for code, _ in settings.LANGUAGES
    }
