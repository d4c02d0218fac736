"""The editors' workspace: entities (people, organisations, events, topics, regions) and
articles with their workflow, versions and review queue; partners' API tokens."""

from . import api, articles, entities

__all__ = ["api", "articles", "entities"]
