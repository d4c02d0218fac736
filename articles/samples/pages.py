"""The sample newsroom's pages and menus: About and Contacts in every edition, and the
header and footer menus that link them beside the sections, topics and regions.

A page is found again by its slug, a menu by its place and edition; a translation names
its original's slug in `translation_of`, and comes after it. Topics and regions are named
by their English names (articles.samples.directory).
"""

import datetime

from articles.models import Article, Menu, MenuItem

from .directory import FOREIGN_POLICY, INTERFAITH, KAZAN, TATARSTAN

PAGE = Article.Kind.PAGE
DATELINE = datetime.date(2024, 1, 15)

PAGES = [
    {
        "slug": "about",
        "language": "en",
        "kind": PAGE,
        "dateline": DATELINE,
        "headline": "About us",
        "standfirst": "A newsroom covering Russia's dialogue with the Islamic world.",
        "body": (
            "<p>We report on the diplomacy, forums and cooperation between Russia and the "
            "countries of the Organisation of Islamic Cooperation, and on the regions "
            "where they meet: Tatarstan, the North Caucasus, Malaysia and the Gulf.</p>"
            "<h2>The group</h2><p>The newsroom is run by a small editorial group in Kazan, "
            "with correspondents in Moscow and Kuala Lumpur.</p>"
        ),
    },
    {
        "slug": "contacts",
        "language": "en",
        "kind": PAGE,
        "dateline": DATELINE,
        "headline": "Contacts",
        "standfirst": "How to reach the editors.",
        "body": (
            '<p>Press releases and corrections: <a href="mailto:desk@example.org">'
            "desk@example.org</a>.</p><p>Postal address: 1 Kremlin Street, Kazan, Russia.</p>"
        ),
    },
    {
        "slug": "o-nas",
        "language": "ru",
        "translation_of": "about",
        "kind": PAGE,
        "dateline": DATELINE,
        "headline": "О нас",
        "standfirst": "Редакция о диалоге России и исламского мира.",
        "body": (
            "<p>Мы пишем о дипломатии, форумах и сотрудничестве России со странами "
            "Организации исламского сотрудничества и о регионах, где они встречаются.</p>"
            "<h2>Группа</h2><p>Редакция работает в Казани, корреспонденты — в Москве и "
            "Куала-Лумпуре.</p>"
        ),
    },
    {
        "slug": "kontakty",
        "language": "ru",
        "translation_of": "contacts",
        "kind": PAGE,
        "dateline": DATELINE,
        "headline": "Контакты",
        "standfirst": "Как связаться с редакцией.",
        "body": (
            '<p>Пресс-релизы и исправления: <a href="mailto:desk@example.org">'
            "desk@example.org</a>.</p><p>Адрес: Казань, ул. Кремлёвская, 1.</p>"
        ),
    },
    {
        "slug": "man-nahnu",
        "language": "ar",
        "translation_of": "about",
        "kind": PAGE,
        "dateline": DATELINE,
        "headline": "من نحن",
        "standfirst": "غرفة أخبار تغطي حوار روسيا مع العالم الإسلامي.",
        "body": "<p>نكتب عن الدبلوماسية والمنتديات والتعاون بين روسيا والعالم الإسلامي.</p>",
    },
    {
        "slug": "ittisal",
        "language": "ar",
        "translation_of": "contacts",
        "kind": PAGE,
        "dateline": DATELINE,
        "headline": "اتصل بنا",
        "standfirst": "كيف تتواصل مع المحررين.",
        "body": '<p><a href="mailto:desk@example.org">desk@example.org</a></p>',
    },
]

# Each edition's menus: ("section", name), ("topic", English name), ("region", English
# name) or ("page", its original's slug: the edition's own version of it).
MENUS = {
    Menu.Place.HEADER: [
        ("section", MenuItem.Section.NEWS),
        ("topic", FOREIGN_POLICY),
        ("topic", INTERFAITH),
        ("region", TATARSTAN),
        ("region", KAZAN),
        ("section", MenuItem.Section.PEOPLE),
        ("section", MenuItem.Section.ORGANISATIONS),
        ("section", MenuItem.Section.EVENTS),
        ("page", "about"),
    ],
    Menu.Place.FOOTER: [
        ("page", "about"),
        ("page", "contacts"),
        ("section", MenuItem.Section.TOPICS),
        ("section", MenuItem.Section.REGIONS),
        ("section", MenuItem.Section.CORRECTIONS),
        ("section", MenuItem.Section.SEARCH),
    ],
}
