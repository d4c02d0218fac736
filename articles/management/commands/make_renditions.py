"""Make the missing renditions of the library's images (after an upgrade): those never
made, and those made before crops around a focal point existed."""

from django.core.management.base import BaseCommand
from django.db.models import Q

from articles import cache, images
from articles.models import Image

# (model, image field, rendition list field)
IMAGE_FIELDS = [(Image, "file", "renditions")]


class Command(BaseCommand):
    help = "Resize stored images that have no renditions yet; pages use them from then on."

    def handle(self, *args, **options):
        total = 0
        for model, field, list_name in IMAGE_FIELDS:
            made = 0
            for instance in model.objects.exclude(
                Q(**{field: ""}) | Q(**{f"{field}__isnull": True})
            ):
                if images.ensure_renditions(instance, field, list_name, instance.focal):
                    # Only the list: nothing else of the row changed.
                    model.objects.filter(pk=instance.pk).update(
                        **{list_name: getattr(instance, list_name)}
                    )
                    made += 1
            self.stdout.write(f"{model._meta.verbose_name_plural}: renditions made for {made}")
            total += made
        if total:
            cache.content_changed()  # cached pages still point at the originals
