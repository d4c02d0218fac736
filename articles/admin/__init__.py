"""The editors' workspace: entities (people, organisations, events, topics, regions) and
articles with their workflow, versions and review queue; webhook endpoints and the log of
their deliveries; partners' API tokens; redirects of addresses that moved; the front pages
editors arrange."""

from . import api, articles, entities, front_page, redirects, webhooks

__all__ = ["api", "articles", "entities", "front_page", "redirects", "webhooks"]
