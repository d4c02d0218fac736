"""An article's body as readers get it: the library's pictures it refers to, expanded.

The body stores a picture of the library as a reference, <figure data-image="12"
data-size="wide"></figure>, and a gallery as <figure data-gallery="12,15,18"></figure>
(articles.richtext allows exactly these), so that a picture changed in the library (its
focal point, caption or credit) changes in every story showing it. Expanding a body reads
all its pictures in one query; a reference to a picture deleted since shows nothing.
"""

import functools

from django.template import engines
from django.utils.safestring import mark_safe

from .models import Image
from .richtext import REFERENCE, attributes, picture_ids, pictures_in

# How each size the editor picks (articles.richtext.IMAGE_SIZES) is shown: its crop (articles.images.CROPS) and the
# width it takes on the page, for the browser to pick a rendition.
SIZES = {
    "inline": ("original", "(min-width: 60rem) 20rem, 50vw"),
    "wide": ("wide", "(min-width: 60rem) 50rem, 100vw"),
    "full": ("wide", "100vw"),
}
GALLERY = ("wide", "(min-width: 60rem) 16rem, 50vw")


@functools.cache
def macros():
    return engines["jinja2"].env.get_template("articles/includes/body_media.html").module


def expand(html: str, *, absolute=None) -> str:
    """Return the body with its pictures in place: <picture> elements with their sources
    for pages; with `absolute` (a function making an address absolute), plain <img>
    elements at absolute addresses, for the API. One query, whatever the count."""
    # The body is sanitised on save (articles.richtext); the pictures by the macros.
    wanted = pictures_in(html)
    if not wanted:
        return mark_safe(html)
    pictures = Image.objects.in_bulk(wanted)

    def shown(reference):
        found = [pictures[pk] for pk in picture_ids(reference) if pk in pictures]
        if not found:
            return ""
        if absolute is not None:
            return "".join(macros().plain_image(image, "original", absolute) for image in found)
        if "data-gallery" in reference:
            return macros().gallery(found, *GALLERY)
        size = reference.get("data-size", "inline")
        return macros().body_image(found[0], size, *SIZES.get(size, SIZES["inline"]))

    return mark_safe(REFERENCE.sub(lambda found: str(shown(attributes(found))), html))
