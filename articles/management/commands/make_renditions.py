"""Make the missing renditions of stored hero images and portraits (after an upgrade)."""

from django.core.management.base import BaseCommand
from django.db.models import Q

from articles import cache, images
from articles.models import Article, Person

# (model, image field, rendition list field)
IMAGE_FIELDS = [
    (Article, "hero_image", "hero_renditions"),
    (Person, "portrait", "portrait_renditions"),
]


class Command(BaseCommand):
    help = "Resize stored images that have no renditions yet; pages use them from then on."

    def handle(self, *args, **options):
        total = 0
        for model, field, list_name in IMAGE_FIELDS:
            made = 0
            for instance in model.objects.exclude(
                Q(**{field: ""}) | Q(**{f"{field}__isnull": True})
            ):
                if images.ensure_renditions(instance, field, list_name):
                    # Only the list: a live article's row keeps everything else as published.
                    model.objects.filter(pk=instance.pk).update(
                        **{list_name: getattr(instance, list_name)}
                    )
                    made += 1
            self.stdout.write(f"{model._meta.verbose_name_plural}: renditions made for {made}")
            total += made
        if total:
            cache.content_changed()  # cached pages still point at the originals
