"""Names and headlines as stored: one spelling for what looks the same on a page.

"José" typed on a Mac (e followed by a combining accent) and on Windows (é) are two
strings that print alike; so are "Breaking" and "Break\u200bing", and a bidi override
turns "Breaking\u202etxt.exe" around on screen. Names and headlines are stored in NFC
without those invisible characters, so that equal-looking names are equal strings.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from modeltranslation.settings import DEFAULT_LANGUAGE
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname, get_translation_fields

# Bidi embeddings, overrides and isolates (U+202A–202E, U+2066–2069), zero-width space,
# non-joiner and joiner (U+200B–200D), word joiner (U+2060) and the byte-order mark.
INVISIBLE = dict.fromkeys(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), *range(0x200B, 0x200E), 0x2060, 0xFEFF]
)

# The field that names each kind of content, by model name; an alias and a person's title
# are names too, which the linker matches.
NAME_FIELDS = {
    "article": "headline",
    "person": "name",
    "organisation": "name",
    "event": "name",
    "topic": "name",
    "region": "name",
    "alias": "name",
    "title": "title",
}


def clean_name(text: str) -> str:
    """Return a name or headline in NFC, without invisible characters or outer spaces."""
    return unicodedata.normalize("NFC", text).translate(INVISIBLE).strip()


def name_key(text: str) -> str:
    """Return what two names of one vocabulary must not share: "Новости" is "новости".

    Compared in Python, since SQLite folds the case of ASCII letters only.
    """
    return clean_name(text).casefold()


def is_translated(model, field: str) -> bool:
    """Whether `field` of `model` has a column per language (articles/translation.py)."""
    try:
        return field in translator.get_options_for_model(model).all_fields
    except NotRegistered:
        return False


def columns_of(model, field: str) -> list[str]:
    """The fields holding `field` of `model`: one per language where it is translated,
    else the field itself."""
    return get_translation_fields(field) if is_translated(model, field) else [field]


def in_default_language(instance, field: str = "name") -> str:
    """`field` in the default language, the one every other language falls back to."""
    if is_translated(type(instance), field):
        field = build_localized_fieldname(field, DEFAULT_LANGUAGE)
    return getattr(instance, field) or ""


def clean_names(instance) -> None:
    """Clean the name (or headline) of an instance in every language it has, and set a
    vocabulary's key from the default language's."""
    model = instance._meta.concrete_model
    field = NAME_FIELDS[model._meta.model_name]
    columns = columns_of(model, field)
    for column in columns:
        value = getattr(instance, column)
        # A language without a name stays without: it falls back to the default one.
        if value or columns == [field]:
            setattr(instance, column, clean_name(value))
    if hasattr(instance, "name_key"):
        instance.name_key = name_key(in_default_language(instance))


def refuse_taken_name(instance) -> None:
    """Refuse a name another of the same kind has, however it was typed.

    Topics and regions compare their keys (letter case aside); people and organisations
    their cleaned names, which composed and decomposed accents no longer tell apart. Both
    in the default language: the others may repeat a name ("Kazan" in English and Tatar).
    """
    clean_names(instance)
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    if hasattr(instance, "name_key"):
        taken = others.filter(name_key=instance.name_key).first()
    else:
        column = build_localized_fieldname("name", DEFAULT_LANGUAGE)
        taken = others.filter(**{column: in_default_language(instance)}).first()
    if taken is not None:
        raise ValidationError(
            {
                build_localized_fieldname("name", DEFAULT_LANGUAGE): (
                    f"There is already a {instance._meta.verbose_name} named “{taken.name}”."
                )
            }
        )


def clean_names_before_save(sender, instance, **kwargs):
    meta = sender._meta.concrete_model._meta
    if meta.app_label == "articles" and meta.model_name in NAME_FIELDS:
        clean_names(instance)


def connect_signals():
    """Clean names whatever saves them: a form, the ORM, an import, a restored version."""
    pre_save.connect(clean_names_before_save, dispatch_uid="articles.text.clean_names")
