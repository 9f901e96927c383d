from collections.abc import Callable

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import actions
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, QuerySet
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from config.admin_base import LabelledListEditable, TabularInline, ValuesListFilter
from grading.models import (
    Criterion,
    CriterionMapping,
    Framework,
    GradeLevel,
    GradingScheme,
    Indicator,
    IndicatorResult,
    criteria_tree_order,
)
from grading.result_locks import result_refusals

_SHORT_TEXT = {models.TextField: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 50})}}


def limit_choices(
    form_class: type[forms.BaseForm],
    name: str,
    queryset: QuerySet,
    label: Callable[[models.Model], str] | None = None,
) -> None:
    """Narrow a foreign-key field of a generated admin form and evaluate its options once.

    Inline rows deep-copy the form's fields and would each run the query again; options held
    as a list survive the copy, so a page runs one query per field instead of one per row.
    Validation still looks values up in `queryset`.
    """
    field = form_class.base_fields.get(name)
    if field is None:  # read-only on this page
        return
    field.queryset = queryset
    if label is not None:
        field.label_from_instance = label
    # Iterating directly skips the COUNT query list() would make for its length hint.
    field.choices = list(iter(field.choices))


class GradeLevelInline(TabularInline):
    model = GradeLevel
    fields = ["rank", "label", "short_label", "descriptor"]
    formfield_overrides = _SHORT_TEXT
    ordering = ["rank"]
    extra = 0


@admin.register(GradingScheme)
class GradingSchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level_count"]
    search_fields = ["name", "code", "description"]
    ordering = ["name"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [GradeLevelInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(level_count=Count("levels"))

    @admin.display(description="grades", ordering="level_count")
    def level_count(self, obj: GradingScheme) -> int:
        return obj.level_count


@admin.register(GradeLevel)
class GradeLevelAdmin(admin.ModelAdmin):
    list_display = ["label", "scheme", "rank", "short_label"]
    list_filter = ["scheme"]
    list_select_related = ["scheme"]
    search_fields = ["label", "short_label", "descriptor", "scheme__name"]
    ordering = ["scheme__name", "rank"]


@admin.register(Indicator)
class IndicatorAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ["code", "name", "survey_source", "higher_is_better", "order"]
    list_filter = ["survey_source", "higher_is_better"]
    list_editable = ["order"]
    search_fields = ["code", "name"]
    ordering = ["order", "code"]


def _result_refusal(result: IndicatorResult) -> str | None:
    key = (result.force_id, result.indicator_id, result.year)
    return result_refusals(keys=[key]).get(key)


class IndicatorResultForm(forms.ModelForm):
    class Meta:
        model = IndicatorResult
        fields = [
            "force",
            "indicator",
            "year",
            "value",
            "sample_size",
            "msf_value",
            "msf_sample_size",
            "msf_difference",
            "change",
            "gap",
            "source",
        ]

    def clean(self):
        cleaned_data = super().clean()
        force, indicator, year = (cleaned_data.get(name) for name in ("force", "indicator", "year"))
        if force and indicator and year:
            key = (force.pk, indicator.pk, year)
            # The admin's change form saves inside the transaction it opens, so the lock holds
            # publication off until this save commits; the history page has no transaction.
            lock = transaction.get_connection().in_atomic_block
            refusal = result_refusals(keys=[key], lock=lock).get(key)
            if refusal:
                raise ValidationError(
                    f"{force.name} {indicator.code} {year} cannot be saved: {refusal}, and the "
                    "figures of a published report never change."
                )
        return cleaned_data


@admin.action(permissions=["delete"], description="Delete selected %(verbose_name_plural)s")
def delete_selected(modeladmin, request, queryset):
    """Django's bulk delete, refused whole when a selected result is printed in a published
    report; it keeps Django's name so its confirmation page posts back to it."""
    keys = [(r.force_id, r.indicator_id, r.year) for r in queryset]
    refused = result_refusals(keys=keys)
    if refused:
        modeladmin.message_user(
            request,
            f"Nothing was deleted: {len(refused)} of the selected results are printed in a "
            "published report, and the figures of a published report never change.",
            messages.ERROR,
        )
        return None
    return actions.delete_selected(modeladmin, request, queryset)


@admin.register(IndicatorResult)
class IndicatorResultAdmin(SimpleHistoryAdmin):
    """Results one at a time; its changelist links to the CSV import for many forces at once.

    A result printed in a published report is shown read-only: it cannot be changed, deleted
    or reverted to an earlier version, and no other result may be moved onto its key.
    """

    form = IndicatorResultForm
    actions = [delete_selected]

    list_display = [
        "force",
        "indicator",
        "year",
        "value",
        "sample_size",
        "msf_difference",
        "change",
    ]
    list_filter = ["indicator", "year", "force__region"]
    list_select_related = ["force", "indicator"]
    search_fields = ["force__name", "force__formal_name", "force__short_name"]
    ordering = ["force__name", "indicator__order", "-year"]
    autocomplete_fields = ["force"]
    readonly_fields = ["updated_by", "updated_at"]

    def has_change_permission(self, request, obj=None):
        if obj is not None and _result_refusal(obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if obj is not None and _result_refusal(obj):
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        result = self.get_object(request, object_id)
        refusal = _result_refusal(result) if result is not None else None
        if refusal and request.method == "GET":
            self.message_user(
                request, f"Read-only: {refusal}, and its report prints this figure.", messages.INFO
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        # simple_history saves a posted revert for anyone who may view the history, so the
        # change permission of the result as it stands is checked here.
        if request.method == "POST":
            current = self.get_object(request, object_id)
            if current is None or not self.has_change_permission(request, current):
                raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


class CriterionInline(TabularInline):
    model = Criterion
    fields = ["number", "parent", "order", "heading", "statement_template", "is_implicit"]
    readonly_fields = ["number"]
    formfield_overrides = _SHORT_TEXT
    extra = 0
    # Guidance and indicators are edited on the criterion's own page.
    show_change_link = True

    def get_queryset(self, request):
        queryset = super().get_queryset(request).select_related("parent__parent")
        return queryset.order_by(*criteria_tree_order())

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        parents = Criterion.objects.filter(framework=obj) if obj else Criterion.objects.none()
        parents = parents.select_related("parent__parent").order_by(*criteria_tree_order())
        limit_choices(formset.form, "parent", parents)
        return formset

    @admin.display(description="number")
    def number(self, obj: Criterion) -> str:
        if obj.pk is None:
            return "–"
        return format_html(
            '<span style="padding-left: {}em">{}</span>', obj.depth * 1.5, obj.number
        )


@admin.register(Framework)
class FrameworkAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "code", "group", "scheme", "criterion_count"]
    list_filter = ["version", "scheme", ("group", ValuesListFilter)]
    list_select_related = ["scheme"]
    search_fields = ["name", "code", "version", "group"]
    ordering = ["-version", "name"]
    filter_horizontal = ["indicators"]
    inlines = [CriterionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(criterion_count=Count("criteria"))

    @admin.display(description="criteria", ordering="criterion_count")
    def criterion_count(self, obj: Framework) -> int:
        return obj.criterion_count


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["number", "short_heading", "framework", "is_implicit"]
    list_display_links = ["number", "short_heading"]
    list_filter = ["framework", "is_implicit"]
    search_fields = ["heading", "statement_template", "guidance", "framework__name"]
    ordering = ["framework", *criteria_tree_order()]
    filter_horizontal = ["indicators"]

    def get_queryset(self, request):
        # Criterion.__str__ walks up the parents; autocomplete lists print it too.
        return super().get_queryset(request).select_related("framework", "parent__parent")

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        parents = Criterion.objects.select_related("framework", "parent__parent")
        if obj is None:
            parents = parents.order_by("framework", *criteria_tree_order())
            limit_choices(form, "parent", parents, label=lambda c: f"{c.framework}: {c}")
        else:
            parents = parents.filter(framework_id=obj.framework_id).exclude(pk=obj.pk)
            limit_choices(form, "parent", parents.order_by(*criteria_tree_order()))
        return form

    @admin.display(description="number")
    def number(self, obj: Criterion) -> str:
        return obj.number

    @admin.display(description="heading", ordering="heading")
    def short_heading(self, obj: Criterion) -> str:
        return obj.heading if len(obj.heading) <= 100 else f"{obj.heading[:99]}…"


def _criterion_label(criterion: Criterion) -> str:
    return f"{criterion.framework} {criterion.number} {criterion.heading[:70]}"


@admin.register(CriterionMapping)
class CriterionMappingAdmin(SimpleHistoryAdmin):
    """Reference data: which later criterion takes up an earlier one's areas for improvement
    when a force's next inspection is opened. Changes are kept in its history."""

    list_display = ["source_label", "target_label", "note"]
    list_select_related = ["source__framework", "target__framework"]
    fields = ["source", "target", "note"]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related(
                "source__framework", "source__parent__parent", "target__framework", "target__parent"
            )
        )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        criteria = Criterion.objects.select_related("framework", "parent__parent").order_by(
            "framework__version", "framework__code", *criteria_tree_order()
        )
        limit_choices(form, "source", criteria, _criterion_label)
        limit_choices(form, "target", criteria, _criterion_label)
        return form

    @admin.display(description="earlier criterion", ordering="source__framework__version")
    def source_label(self, obj: CriterionMapping) -> str:
        return _criterion_label(obj.source)

    @admin.display(description="successor")
    def target_label(self, obj: CriterionMapping) -> str:
        return _criterion_label(obj.target)
