"""Uploaded pictures: what we accept, and the resized renditions made once, on upload.

Public pages never resize: they read the renditions listed on the row (a JSON list of
{"name", "width", "height", "type", "crop"}) and point `srcset` at the stored files.
Each crop of CROPS is cut around the picture's focal point, so that what matters in it
stays in every shape a page asks for. A rendition list names the original and the focal
point it was made from, so a list that belongs to another file or another focal point
(an old row, a moved focal point) is recognised and made again.

Stored names are random (`articles/<token>.png`, `renditions/<token>-480w.webp`): a
draft's or an embargoed article's picture cannot be found from its story or the name it
was uploaded under. The extension is the one of the format Pillow read, never the upload's.
"""

import io
import logging
import posixpath
import secrets

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils.deconstruct import deconstructible
from PIL import Image, ImageOps, features

logger = logging.getLogger(__name__)

# Widths a rendition is made at; an original narrower than one gets no upscaled copy.
WIDTHS = (480, 960, 1600)
# The shapes pages show a picture in: its own ("original"), the 16:9 of heroes and
# teasers ("wide"), the square of thumbnails and portraits ("square"); each with the
# widths it is made at. Few on purpose: each is a set of files per upload.
CROPS = {
    "original": (None, WIDTHS),
    "wide": ((16, 9), WIDTHS),
    "square": ((1, 1), (240, 480)),
}
CENTRE = (0.5, 0.5)
# The formats we accept, and the extension each is stored under.
EXTENSIONS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp"}
ALLOWED_FORMATS = set(EXTENSIONS)
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
# The longest side a rendition may have: WebP's limit, the tighter of the two encoders'.
MAX_SIDE = 16383


def random_stem() -> str:
    """Return 128 random bits as a file name stem nobody can guess."""
    return secrets.token_urlsafe(16)


@deconstructible
class RandomName:
    """An `upload_to` that files an upload under `folder` with a random name.

    The extension is kept from the name given, which `commit_upload` sets from the format
    Pillow detected.
    """

    def __init__(self, folder):
        self.folder = folder

    def __call__(self, instance, filename):
        extension = posixpath.splitext(filename)[1].lower()
        return f"{self.folder}/{random_stem()}{extension}"

    def __eq__(self, other):
        return isinstance(other, RandomName) and self.folder == other.folder


@deconstructible
class UploadCheck:
    """Refuse an upload that is not a JPEG, PNG or WebP, or is too big in bytes or pixels."""

    def __call__(self, value):
        if getattr(value, "_committed", True):
            return  # a file already stored was checked when it came in
        self.check(value.file)

    def check(self, upload) -> str:
        """Return the upload's format if we accept it; raise ValidationError if not."""
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
        return kind


check_upload = UploadCheck()


def rendition_sizes(width: int, height: int, widths=WIDTHS) -> list[tuple[int, int]]:
    """Return the sizes to make of an image: one per width in `widths` it is wider than
    (or its own width), each shrunk further if need be so that no side exceeds MAX_SIDE."""
    sizes = []
    for target in [w for w in widths if w < width] or [width]:
        scale = min(target / width, MAX_SIDE / height)
        size = (max(1, round(width * scale)), max(1, round(height * scale)))
        if size not in sizes:  # a tall image shrinks to the same size from several widths
            sizes.append(size)
    return sizes


def crop_box(width: int, height: int, ratio, focal=CENTRE) -> tuple[int, int, int, int]:
    """Return the largest box of `ratio` (w, h) in a picture, centred on the focal point
    (fractions of its width and height) as far as the edges allow, so it always holds it.
    A `ratio` of None keeps the whole picture."""
    if ratio is None:
        return (0, 0, width, height)
    wanted = ratio[0] / ratio[1]
    if width / height > wanted:  # too wide: cut the sides
        box_width, box_height = max(1, round(height * wanted)), height
    else:  # too tall: cut top and bottom
        box_width, box_height = width, max(1, round(width / wanted))
    left = min(max(round(focal[0] * width - box_width / 2), 0), width - box_width)
    top = min(max(round(focal[1] * height - box_height / 2), 0), height - box_height)
    return (left, top, left + box_width, top + box_height)


def make_renditions(fieldfile, focal=CENTRE) -> dict:
    """Write the resized copies of a stored image, each crop of CROPS cut around `focal`,
    and return the list that names them.

    If one cannot be made, those already written are deleted before the error goes on.
    """
    if not fieldfile:
        return {}
    stem = random_stem()
    items = []
    try:
        with (
            fieldfile.storage.open(fieldfile.name, "rb") as stored,
            Image.open(stored) as image,
        ):
            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "RGBA"):
                image = image.convert("RGBA" if "A" in image.getbands() else "RGB")
            for crop, (ratio, widths) in CROPS.items():
                box = crop_box(*image.size, ratio, focal)
                cropped = image.crop(box) if ratio else image
                for width, height in rendition_sizes(*cropped.size, widths):
                    resized = cropped.resize((width, height), Image.Resampling.LANCZOS)
                    for fmt, mime, options in FORMATS:
                        buffer = io.BytesIO()
                        resized.save(buffer, fmt, **options)
                        name = default_storage.save(
                            f"renditions/{stem}-{crop}-{width}w.{fmt.lower()}",
                            ContentFile(buffer.getvalue()),
                        )
                        items.append(
                            {
                                "name": name,
                                "width": width,
                                "height": height,
                                "type": mime,
                                "crop": crop,
                            }
                        )
    except BaseException:
        for item in items:
            default_storage.delete(item["name"])
        raise
    return {"source": fieldfile.name, "focal": list(focal), "items": items}


def ensure_renditions(instance, field_name: str, list_name: str, focal=CENTRE) -> bool:
    """Make renditions for the instance's image unless its list is already of that file
    and focal point."""
    fieldfile = getattr(instance, field_name)
    current = getattr(instance, list_name) or {}
    wanted = fieldfile.name if fieldfile else None
    if (current.get("source") == wanted and current.get("focal") == list(focal)) or (
        not wanted and not current
    ):
        return False
    try:
        setattr(instance, list_name, make_renditions(fieldfile, focal) if wanted else {})
    except OSError:
        # A stored original that is gone or unreadable: keep the row saveable; pages then
        # serve the original, and the next save tries again.
        logger.warning("No renditions made of %s", wanted, exc_info=True)
        setattr(instance, list_name, {})
    return True


def commit_upload(instance, field_name: str, list_name: str, focal=CENTRE) -> None:
    """Store a newly uploaded image now and make its renditions, before the row is saved.

    The upload is checked again (the ORM and imports skip form validation) and stored under
    the extension of its format. If its renditions fail, the stored original is deleted.
    """
    fieldfile = getattr(instance, field_name)
    if not fieldfile or fieldfile._committed:
        ensure_renditions(instance, field_name, list_name, focal)
        return
    kind = check_upload.check(fieldfile.file)
    fieldfile.save(f"upload{EXTENSIONS[kind]}", fieldfile.file, save=False)
    try:
        ensure_renditions(instance, field_name, list_name, focal)
    except BaseException:
        fieldfile.delete(save=False)
        raise


def of_crop(renditions: dict, crop: str) -> list[dict]:
    """Return the renditions of one crop; a list from before crops existed is "original"."""
    return [
        item
        for item in (renditions or {}).get("items", [])
        if item.get("crop", "original") == crop
    ]


def sources(renditions: dict, crop: str = "original") -> list[dict]:
    """Group one crop's renditions by type, for <source> elements: [{"type", "srcset"}]."""
    grouped = {}
    for item in of_crop(renditions, crop):
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
