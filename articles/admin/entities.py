from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelectMultiple, RelatedFieldWidgetWrapper
from django.contrib.contenttypes.admin import GenericTabularInline
from django.contrib.contenttypes.forms import BaseGenericInlineFormSet
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin
from modeltranslation.utils import get_translation_fields
from taggit.managers import TaggableManager
from taggit.models import Tag

from articles.models import Affiliation, Alias, Event, Organisation, Person, Region, Title, Topic
from articles.models.events import time_zones
from articles.text import clean_name

from .base import CheckedKeysMixin, CheckedModelMultipleChoiceField, NewsroomModelAdmin

# Our two vocabularies replace taggit's shared Tag; offering it would invite a third.
admin.site.unregister(Tag)

# Every language's name and every alias, in the change list's search and the article
# form's pickers: an editor may type the name they know.
NAMES = [*get_translation_fields("name"), "aliases__name"]


class AliasFormSet(BaseGenericInlineFormSet):
    """Refuse an alias given twice, which the database would refuse with an error page:
    the form checks no uniqueness of fields it does not show (whose alias it is)."""

    def clean(self):
        super().clean()
        given = set()
        for form in self.forms:
            name = clean_name(form.cleaned_data.get("name") or "")
            if not name or self._should_delete_form(form):
                continue
            if name in given:
                form.add_error("name", _("This alias is given twice."))
            given.add(name)


class AliasInline(GenericTabularInline):
    """The other names a thing goes by, which the linker matches as well as its name."""

    model = Alias
    formset = AliasFormSet
    fields = ["name"]
    extra = 1


class TitleInline(CheckedKeysMixin, admin.TabularInline):
    """A person's titles with their dates: a title names the person while it is held."""

    model = Title
    fields = ["title", "start_date", "end_date", "approximate"]
    extra = 0


class DirectoryAdmin(TranslationAdmin, NewsroomModelAdmin):
    """A kind of the authority directory: its aliases beside it, and the key of the
    directory entry it was imported from, if any."""

    inlines = [AliasInline]
    readonly_fields = ["directory_key"]


class TaggedAdmin(NewsroomModelAdmin):
    """Enter topics and regions by picking existing ones, as with any related object.

    taggit's own field is free text, which would let a typo start a new topic.
    """

    class Media:
        # Names the autocomplete's search boxes and the prose editor for screen readers.
        js = ["admin/js/field_names.js"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if isinstance(db_field, TaggableManager):
            vocabulary = db_field.remote_field.model
            widget = RelatedFieldWidgetWrapper(
                AutocompleteSelectMultiple(db_field, self.admin_site),
                db_field.remote_field,
                self.admin_site,
                can_add_related=self.admin_site.get_model_admin(vocabulary).has_add_permission(
                    request
                ),
                can_change_related=False,
                can_delete_related=False,
                can_view_related=False,
            )
            return CheckedModelMultipleChoiceField(
                queryset=vocabulary.objects.all(),
                required=not db_field.blank,
                label=db_field.verbose_name.capitalize(),
                help_text=db_field.help_text,
                widget=widget,
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Topic)
class TopicAdmin(DirectoryAdmin):
    list_display = ["name", "slug"]
    search_fields = NAMES
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Region)
class RegionAdmin(DirectoryAdmin):
    list_display = ["name", "parent", "slug"]
    list_select_related = ["parent"]
    search_fields = NAMES
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}


class AffiliationInline(CheckedKeysMixin, admin.TabularInline):
    model = Affiliation
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Person)
class PersonAdmin(DirectoryAdmin, TaggedAdmin):
    list_display = ["name", "role_title", "updated_at"]
    list_filter = ["topics", "regions"]
    search_fields = [*NAMES, "role_title", "titles__title"]
    prepopulated_fields = {"slug": ["name"]}
    # From the library, or uploaded there through the "+" beside it.
    autocomplete_fields = ["portrait"]
    inlines = [AliasInline, TitleInline, AffiliationInline]

    def get_readonly_fields(self, request, obj=None):
        # Whose account a person is decides whose byline a new article offers: only who
        # manages the accounts links them.
        if request.user.has_perm("auth.change_user"):
            return super().get_readonly_fields(request, obj)
        return [*super().get_readonly_fields(request, obj), "user"]

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.GET.get("model_name") == "articleauthor":
            queryset = queryset.staff_first()
        return queryset, may_have_duplicates


@admin.register(Organisation)
class OrganisationAdmin(DirectoryAdmin, TaggedAdmin):
    list_display = ["name", "acronym", "kind", "parent"]
    list_select_related = ["parent"]
    list_filter = ["kind", "topics", "regions"]
    search_fields = [*NAMES, "acronym"]
    autocomplete_fields = ["parent"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Event)
class EventAdmin(DirectoryAdmin, TaggedAdmin):
    list_display = ["name", "start_date", "end_date", "venue", "status"]
    list_filter = ["status", "topics", "regions", "start_date"]
    search_fields = [*NAMES, "venue"]
    date_hierarchy = "start_date"
    autocomplete_fields = ["organisers", "participants"]
    prepopulated_fields = {"slug": ["name"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "time_zone":
            # Picked, not typed: the model's validator still refuses a name posted by hand.
            kwargs["widget"] = forms.Select(choices=[(name, name) for name in time_zones()])
        return super().formfield_for_dbfield(db_field, request, **kwargs)
