"""Give stored images and their renditions random names (after an upgrade)."""

import logging
import re

from django.core.files.storage import default_storage
from django.core.management.base import BaseCommand
from django.db import transaction
from PIL import Image

from articles import cache, images

from .make_renditions import IMAGE_FIELDS

logger = logging.getLogger(__name__)

TOKEN = r"[A-Za-z0-9_-]{22}(_[A-Za-z0-9]{7})?"  # storage may add a suffix to a taken name
RANDOM_ORIGINAL = re.compile(rf"[a-z]+/{TOKEN}\.(jpg|png|webp)")
RANDOM_RENDITION = re.compile(rf"renditions/{TOKEN}(-[a-z]+)?-\d+w\.[a-z]+")
RENDITION = re.compile(r"(?P<stem>.+)-(?P<width>\d+)w(?P<extension>\.[a-z]+)")


class Command(BaseCommand):
    help = (
        "Copy every stored image and rendition whose name is not random to a random one, "
        "point the library's rows at the copies, then delete the old files."
    )

    def handle(self, *args, **options):
        self.renamed = {}  # old name: new name
        self.stems = {}  # a rendition set's old stem: its new one
        updates = []
        for model, field, list_name in IMAGE_FIELDS:
            folder = model._meta.get_field(field).upload_to.folder
            for row in model.objects.exclude(**{field: ""}).values("pk", field, list_name):
                new = {
                    field: self.original(row[field], folder),
                    list_name: self.renditions(row[list_name], folder),
                }
                if new != {field: row[field], list_name: row[list_name]}:
                    updates.append((model.objects.filter(pk=row["pk"]), new))
        with transaction.atomic():
            for queryset, values in updates:
                queryset.update(**values)
        for old in self.renamed:
            default_storage.delete(old)
        if self.renamed:
            cache.content_changed()  # cached pages point at the old names
        self.stdout.write(f"renamed {len(self.renamed)} files")

    def original(self, name: str, folder: str) -> str:
        """Return the random name of a stored original, copying it there the first time."""
        if not name or RANDOM_ORIGINAL.fullmatch(name):
            return name
        if name not in self.renamed:
            try:
                with default_storage.open(name, "rb") as stored, Image.open(stored) as image:
                    kind = image.format
                    stored.seek(0)
                    extension = images.EXTENSIONS.get(kind, f".{kind.lower()}")
                    self.renamed[name] = default_storage.save(
                        images.RandomName(folder)(None, f"upload{extension}"), stored
                    )
            except OSError:
                logger.warning("Not renamed, cannot read %s", name, exc_info=True)
                return name
        return self.renamed[name]

    def renditions(self, renditions: dict | None, folder: str) -> dict | None:
        """Return a rendition list naming the random copies of its files and original."""
        if not renditions:
            return renditions
        items = []
        for item in renditions.get("items", []):
            items.append({**item, "name": self.rendition(item["name"])})
        return {
            **renditions,
            "source": self.original(renditions.get("source") or "", folder),
            "items": items,
        }

    def rendition(self, name: str) -> str:
        """Return the random name of a rendition; a set keeps one stem among its sizes."""
        parts = RENDITION.fullmatch(name)
        if RANDOM_RENDITION.fullmatch(name) or not parts:
            return name
        if name not in self.renamed:
            stem = self.stems.setdefault(parts["stem"], images.random_stem())
            try:
                with default_storage.open(name, "rb") as stored:
                    self.renamed[name] = default_storage.save(
                        f"renditions/{stem}-{parts['width']}w{parts['extension']}", stored
                    )
            except OSError:
                logger.warning("Not renamed, cannot read %s", name, exc_info=True)
                return name
        return self.renamed[name]
