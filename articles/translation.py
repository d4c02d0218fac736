"""Which fields of people, organisations, events, topics, regions and library images are
written in each language: modeltranslation adds a column per language (name_en, name_ru,
name_ar...) and reads `name` in the active one, falling back to the default language."""

from modeltranslation.translator import TranslationOptions, register

from .models import Event, Image, Organisation, Person, Region, Topic


@register(Person)
class PersonTranslation(TranslationOptions):
    fields = ("name", "role_title", "bio")


@register(Organisation)
class OrganisationTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Event)
class EventTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Topic)
class TopicTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Region)
class RegionTranslation(TranslationOptions):
    fields = ("name", "description")


@register(Image)
class ImageTranslation(TranslationOptions):
    # One picture serves every edition of a story: what readers are told about it is
    # written in each language.
    fields = ("alt", "caption", "credit")
