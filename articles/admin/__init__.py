"""The editors' workspace: entities (people, organisations, events, topics, regions) and
articles (stories, and pages such as About) with their workflow, versions and review
queue; the header and footer menus of each edition; the front pages editors arrange;
the library of images and documents; webhook endpoints and the log of their deliveries;
partners' API tokens; redirects of addresses that moved."""

from . import api, articles, entities, front_page, media, menus, redirects, webhooks

__all__ = [
    "api",
    "articles",
    "entities",
    "front_page",
    "media",
    "menus",
    "redirects",
    "webhooks",
]
