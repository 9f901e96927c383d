"""Admin building blocks every app uses to keep the workflow's records out of an
administrator's reach.

The admin is where reference data is kept. Judgements (evidence, statements, grades,
decisions) are written through the product's pages and services, which check roles, versions
and the workflow and record who did what; the admin shows them read-only, and an
administrator's correction goes through a service (see `inspections.services.corrections`).
Nothing here knows any app's models, so every app may import it.

Django prints the column names of a tabular inline, and of a list's editable columns, in the
table's header only: the inputs in the rows have no label of their own, so a screen reader
announces "combo box" without saying what it sets or for which row (WCAG 1.3.1, 4.1.2). Every
inline here is a `TabularInline` and every `list_editable` admin a `LabelledListEditable`,
which name each input "<column>, <row>".
"""

from django.contrib import admin
from django.contrib.admin.widgets import RelatedFieldWidgetWrapper
from django.core.exceptions import PermissionDenied
from django.forms import BaseInlineFormSet, BaseModelFormSet
from django.utils.text import capfirst
from simple_history.admin import SimpleHistoryAdmin


def _rendered_widget(widget):
    # A relation's widget is wrapped for its add and change links; a form's copy of the wrapper
    # keeps the original widget's attrs, not those of the copy it renders.
    while isinstance(widget, RelatedFieldWidgetWrapper):
        widget = widget.widget
    return widget


def _row_inputs_label(form) -> None:
    row = str(form.instance) if form.instance.pk else "new row"
    for name, field in form.fields.items():
        widget = _rendered_widget(field.widget)
        if not widget.is_hidden:
            widget.attrs.setdefault("aria-label", f"{capfirst(field.label or name)}, {row}")


class LabelledInlineFormSet(BaseInlineFormSet):
    # add_fields runs after the formset adds its own inputs (Delete, the foreign key).
    def add_fields(self, form, index):
        super().add_fields(form, index)
        _row_inputs_label(form)


class LabelledChangelistFormSet(BaseModelFormSet):
    def add_fields(self, form, index):
        super().add_fields(form, index)
        _row_inputs_label(form)


class TabularInline(admin.TabularInline):
    """Django's tabular inline, with a label on every input of its rows."""

    formset = LabelledInlineFormSet


class LabelledListEditable:
    """A ModelAdmin mixin for `list_editable`: a label on every input of the list's rows."""

    def get_changelist_formset(self, request, **kwargs):
        kwargs.setdefault("formset", LabelledChangelistFormSet)
        return super().get_changelist_formset(request, **kwargs)


class ValuesListFilter(admin.AllValuesFieldListFilter):
    """Django's filter by a column's values, naming the blank value: Django prints it as an
    empty link, which a screen reader announces as "link" and nothing else."""

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == "":
                choice = {**choice, "display": "(blank)"}
            yield choice


class ReadOnlyRecordAdmin(admin.ModelAdmin):
    """Viewable, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline:
    """An inline that lists rows without letting them be added, changed or deleted."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, showing past versions but never saving one back.

    Its version page saves a posted form without asking whether the object may be changed
    (a read-only record included), so a "revert" could set any field, a status or a grade
    among them. A past version is shown only; a change goes through the product's pages."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Past versions are shown, never saved back.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True
