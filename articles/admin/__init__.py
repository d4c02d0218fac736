"""The editors' workspace: entities (people, organisations, events, topics, regions) and
articles (stories, and pages such as About) with their workflow, versions and review
queue; the header and footer menus of each edition; webhook endpoints and the log of
their deliveries; partners' API tokens."""

from . import api, articles, entities, menus, webhooks

__all__ = ["api", "articles", "entities", "menus", "webhooks"]
