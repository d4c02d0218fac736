"""The editors' workspace: entities (people, organisations, events, topics, regions) and
articles with their workflow, versions and review queue; webhook endpoints and the log of
their deliveries."""

from . import articles, entities, webhooks

__all__ = ["articles", "entities", "webhooks"]
