from django.utils.text import slugify


def unique_slug(instance, text, *, field="slug"):
    """Return a slug for text, unique among instance's model, keeping non-Latin letters."""
    max_length = instance._meta.get_field(field).max_length
    base = slugify(text, allow_unicode=True)[:max_length].strip("-") or "item"
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    taken = set(others.filter(**{f"{field}__startswith": base}).values_list(field, flat=True))
    slug, n = base, 1
    while slug in taken:
        n += 1
        suffix = f"-{n}"
        slug = base[: max_length - len(suffix)] + suffix
    return slug
