"""The editors' workspace: entities (people, organisations, events, topics, regions) and
articles with their workflow, versions and review queue."""

from . import articles, entities

__all__ = ["articles", "entities"]
