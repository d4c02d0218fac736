"""Uploaded pictures: what we accept, and the resized renditions made once, on upload.

Public pages never resize: they read the renditions listed on the row (a JSON list of
{"name", "width", "height", "type"}) and point `srcset` at the stored files.
A rendition list names the original it was made from, so a list that belongs to
another file (an old row, a restored version) is recognised and made again.
"""

import io
import logging
import posixpath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps, features

logger = logging.getLogger(__name__)

# Widths a rendition is made at; an original narrower than one gets no upscaled copy.
WIDTHS = (480, 960, 1600)
ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP"}
MAX_BYTES = 10 * 1024 * 1024
MAX_PIXELS = 40_000_000
# Best compression first: browsers take the first <source> whose type they know.
FORMATS = [
    (fmt, mime, options)
    for fmt, mime, options in [
        ("AVIF", "image/avif", {"quality": 60, "speed": 8}),
        ("WEBP", "image/webp", {"quality": 80, "method": 4}),
    ]
    if features.check(fmt.lower())
]


@deconstructible
class UploadCheck:
    """Refuse an upload that is not a JPEG, PNG or WebP, or is too big in bytes or pixels."""

    def __call__(self, value):
        if getattr(value, "_committed", True):
            return  # a file already stored was checked when it came in
        upload = value.file
        if upload.size > MAX_BYTES:
            raise ValidationError(
                "The file is %(size).1f MB; upload an image of at most %(max)d MB.",
                code="too_large",
                params={"size": upload.size / 1024 / 1024, "max": MAX_BYTES // 1024 // 1024},
            )
        upload.seek(0)
        try:
            # Opening reads the header only: the pixel count is known before any decoding.
            with Image.open(upload) as image:
                kind, (width, height) = image.format, image.size
        except (OSError, Image.DecompressionBombError) as error:
            raise ValidationError(
                "This file is not an image we can read.", code="invalid_image"
            ) from error
        finally:
            upload.seek(0)
        if kind not in ALLOWED_FORMATS:
            raise ValidationError(
                "%(kind)s images are not accepted; upload a JPEG, PNG or WebP.",
                code="format",
                params={"kind": kind},
            )
        if width * height > MAX_PIXELS:
            raise ValidationError(
                "The image is %(width)d × %(height)d pixels; at most %(max)d megapixels "
                "are accepted. Scale it down first.",
                code="too_many_pixels",
                params={"width": width, "height": height, "max": MAX_PIXELS // 1_000_000},
            )


check_upload = UploadCheck()


def make_renditions(fieldfile) -> dict:
    """Write the resized copies of a stored image and return the list that names them."""
    if not fieldfile:
        return {}
    with fieldfile.storage.open(fieldfile.name, "rb") as stored, Image.open(stored) as image:
        image = ImageOps.exif_transpose(image)
        if image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
        stem = posixpath.splitext(fieldfile.name)[0]
        widths = [w for w in WIDTHS if w < image.width] or [image.width]
        items = []
        for width in widths:
            height = round(image.height * width / image.width)
            resized = image.resize((width, height), Image.Resampling.LANCZOS)
            for fmt, mime, options in FORMATS:
                buffer = io.BytesIO()
                resized.save(buffer, fmt, **options)
                name = default_storage.save(
                    f"renditions/{stem}-{width}w.{fmt.lower()}", ContentFile(buffer.getvalue())
                )
                items.append({"name": name, "width": width, "height": height, "type": mime})
    return {"source": fieldfile.name, "items": items}


def ensure_renditions(instance, field_name: str, list_name: str) -> bool:
    """Make renditions for the instance's image unless its list is already of that file."""
    fieldfile = getattr(instance, field_name)
    current = getattr(instance, list_name) or {}
    wanted = fieldfile.name if fieldfile else None
    if current.get("source") == wanted or (not wanted and not current):
        return False
    try:
        setattr(instance, list_name, make_renditions(fieldfile) if wanted else {})
    except OSError:
        # A stored original that is gone or unreadable: keep the row saveable; pages then
        # serve the original, and the next save tries again.
        logger.warning("No renditions made of %s", wanted, exc_info=True)
        setattr(instance, list_name, {})
    return True


def commit_upload(instance, field_name: str, list_name: str) -> None:
    """Store a newly uploaded image now and make its renditions, before the row is saved."""
    fieldfile = getattr(instance, field_name)
    if fieldfile and not fieldfile._committed:
        fieldfile.save(fieldfile.name, fieldfile.file, save=False)
    ensure_renditions(instance, field_name, list_name)


def sources(renditions: dict) -> list[dict]:
    """Group renditions by type, for <source> elements: [{"type", "srcset"}]."""
    grouped = {}
    for item in (renditions or {}).get("items", []):
        grouped.setdefault(item["type"], []).append(item)
    return [
        {
            "type": mime,
            "srcset": ", ".join(
                f"{default_storage.url(i['name'])} {i['width']}w"
                for i in sorted(items, key=lambda i: i["width"])
            ),
        }
        for mime, items in grouped.items()
    ]
