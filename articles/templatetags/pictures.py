from django import template

from articles import images

register = template.Library()


@register.filter
def rendition_sources(renditions):
    """Turn a stored rendition list into <source> types and srcsets."""
    return images.sources(renditions)
