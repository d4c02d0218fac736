"""What every admin page of ours shares: typed input checked before it reaches a query.

Django's admin sends some of what a request carries straight into SQL: the ids in a
related field (an autocomplete's included) and the date drill-down's year. A value no
column can hold ("abc", or a number past 64 bits) then fails in the database with a 500;
here it is a form error or the changelist's "invalid lookup" instead.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError


def is_key(model_field, value) -> bool:
    """Whether a value could be held by this column: of its type and within its range."""
    if hasattr(value, "_meta") or value in model_field.empty_values:
        return True
    try:
        model_field.run_validators(model_field.to_python(value))
    except ValidationError:
        return False
    return True


def key_field(queryset, to_field_name):
    opts = queryset.model._meta
    return opts.get_field(to_field_name) if to_field_name else opts.pk


class CheckedModelChoiceField(forms.ModelChoiceField):
    """A related object picked by id, where an id no row can have is an invalid choice."""

    def to_python(self, value):
        if not is_key(key_field(self.queryset, self.to_field_name), value):
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)

    def prepare_value(self, value):
        # A widget that looks up what it shows (the autocomplete) must not query it.
        value = super().prepare_value(value)
        return value if is_key(key_field(self.queryset, self.to_field_name), value) else None


class CheckedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """Related objects picked by id, where an id no row can have is an invalid choice."""

    def clean(self, value):
        # Before the parent's clean, which passes the ids through prepare_value below.
        field = key_field(self.queryset, self.to_field_name)
        for key in value if isinstance(value, list | tuple) else []:
            if not is_key(field, key):
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": key},
                )
        return super().clean(value)

    def prepare_value(self, value):
        value = super().prepare_value(value)
        field = key_field(self.queryset, self.to_field_name)
        if isinstance(value, list):
            return [key for key in value if is_key(field, key)]
        return value if is_key(field, value) else None


class CheckedKeysMixin:
    """Related fields of a model admin or an inline check their ids before any query."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", CheckedModelChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs.setdefault("form_class", CheckedModelMultipleChoiceField)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class NamedRowsFormSet(forms.BaseInlineFormSet):
    """The rows of a table (a tabular inline), whose inputs have no label of their own:
    each is named for those who hear the page read out, by its column and its row's
    number in `row_name` ("Story, slot 2")."""

    row_name = None

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            name = field.label or ""
            if index is not None:
                name = self.row_name % {"field": name, "number": index + 1}
            # The widget itself, not the admin's wrapper around it: a wrapper's copy for
            # each form shares its attributes with the others'.
            getattr(field.widget, "widget", field.widget).attrs["aria-label"] = name


class CheckedChangeList(ChangeList):
    """A list whose filters the database cannot take is an invalid lookup (?e=1)."""

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except OverflowError as error:
            # The date drill-down makes a date of the year asked for; Django catches a
            # ValueError there, not a year too long for a date.
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        try:
            super().get_results(request)
        except (ValueError, OverflowError) as error:
            # Any lookup on the model's own fields is allowed (?published_at__year=0,
            # ?id__in=<a number past 64 bits>), and fails only when the query is
            # compiled or its parameters bound, here, as the list is counted.
            raise IncorrectLookupParameters(error) from error


class NewsroomModelAdmin(CheckedKeysMixin, admin.ModelAdmin):
    """The base of our model admins."""

    def get_changelist(self, request, **kwargs):
        return CheckedChangeList


class ReadOnlyAdmin(NewsroomModelAdmin):
    """Rows nobody adds, changes or deletes by hand: what the newsroom's own steps write."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class WorkListAdmin(ReadOnlyAdmin):
    """A list of work to act on (the review queue, corrections to review): its rows
    change only through the lifecycle's steps, never through an add or change form."""
