"""The editors' workspace: entities (people, organisations, events, topics, regions) and
articles with their workflow, versions and review queue; webhook endpoints and the log of
their deliveries; partners' API tokens; the library of images and documents."""

from . import api, articles, entities, media, webhooks

__all__ = ["api", "articles", "entities", "media", "webhooks"]
