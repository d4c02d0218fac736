"""The header's and footer's links of each edition, as every public page shows them.

Editors set them in the admin (articles.models.Menu); an edition with no menu of a place
shows the site's sections, as it did before menus could be edited. A link to a page
readers cannot see (a draft, scheduled, taken down) is left out.

Read once per content generation and edition, and kept in the cache beside the pages
(articles.cache): saving a menu, a page, a topic or a region starts a new generation,
and a page's scheduled publication or expiry ends the menus' time as it ends a page's.
A page rendered with menus from the cache costs no query for them.
"""

from typing import NamedTuple

from django.core.cache import cache
from django.db.models import Prefetch, Q
from django.utils import timezone
from django.utils.translation import get_language, override

from articles import cache as page_cache
from articles import surrogates
from articles.models import Article, Menu, MenuItem

Section = MenuItem.Section

# What an edition with no menu of its own shows in each place.
DEFAULT_SECTIONS = {
    Menu.Place.HEADER: [
        Section.NEWS,
        Section.TOPICS,
        Section.REGIONS,
        Section.PEOPLE,
        Section.ORGANISATIONS,
        Section.EVENTS,
    ],
    Menu.Place.FOOTER: [Section.CORRECTIONS],
}


class MenuLink(NamedTuple):
    label: str
    url: str


def site_menus(language: str | None = None) -> dict[str, list[MenuLink]]:
    """Return the links of each place ("header", "footer") in the edition of `language`
    (the active one), from the cache while the content generation holds."""
    language = language or get_language()
    # With the dummy cache nothing is kept: no time a copy holds till is worked out.
    if page_cache.switched_off():
        return read_menus(language)
    key = f"newsroom:menus:{language}"
    found = cache.get_many([page_cache.GENERATION_KEY, key])
    current = found.get(page_cache.GENERATION_KEY)
    if current is None:
        current = page_cache.generation()
    now = timezone.now()
    if (entry := found.get(key)) is not None:
        stored, until, menus = entry
        if stored == current and until > now.timestamp():
            return menus
    menus = read_menus(language)
    until = min(page_cache.next_change(now, current), now.timestamp() + page_cache.PAGE_SECONDS)
    cache.set(key, (current, until, menus), timeout=page_cache.PAGE_SECONDS)
    return menus


def read_menus(language: str) -> dict[str, list[MenuLink]]:
    """Read the menus of an edition from the database: two queries. Every page shows
    them: what they link is named by `site`, not page by page."""
    shown = MenuItem.objects.filter(
        Q(page__isnull=True)
        | Q(page__in=Article.objects.published_pages().in_edition(language).values("pk"))
    )
    menus = Menu.objects.filter(language=language).prefetch_related(
        Prefetch(
            "items",
            queryset=shown.select_related("page", "topic", "region").only(
                "menu",
                "position",
                "label",
                "section",
                "url",
                "page__kind",
                "page__language",
                "page__headline",
                "page__slug",
                "page__dateline",
                "topic",
                "region",
            ),
        )
    )
    # Names and addresses in that edition's language, whichever is active.
    with override(language), surrogates.unseen():
        links = {
            place: [link(MenuItem(section=section)) for section in sections]
            for place, sections in DEFAULT_SECTIONS.items()
        }
        for menu in menus:
            links[menu.place] = [link(item) for item in menu.items.all()]
    return links


def link(item: MenuItem) -> MenuLink:
    return MenuLink(str(item.label or item.target_name()), item.target_url())
