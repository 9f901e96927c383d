from django import forms
from django.contrib import admin
from django.db.models import Count

from config.admin_base import LabelledListEditable, TabularInline
from forces.models import (
    CommandUnit,
    Force,
    ForceLiaison,
    MostSimilarGroup,
    PartnershipArea,
    Region,
)


@admin.register(Region)
class RegionAdmin(LabelledListEditable, admin.ModelAdmin):
    list_display = ["name", "order", "force_count"]
    list_editable = ["order"]
    search_fields = ["name"]
    ordering = ["order", "name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(force_count=Count("forces"))

    @admin.display(description="forces", ordering="force_count")
    def force_count(self, obj: Region) -> int:
        return obj.force_count


class CommandUnitInline(TabularInline):
    model = CommandUnit
    fields = [
        "name",
        "order",
        "population",
        "households",
        "area_sq_miles",
        "active_from_year",
        "active_to_year",
        "figures_source",
    ]
    extra = 0
    # Partnership areas are edited on the command unit's own page.
    show_change_link = True

    def get_queryset(self, request):
        # Each row prints CommandUnit.__str__, which names the force.
        return super().get_queryset(request).select_related("force")


class ForceKindFilter(admin.SimpleListFilter):
    """Lists the 43 real forces unless the administrator asks for demo forces too."""

    title = "kind"
    parameter_name = "kind"

    def lookups(self, request, model_admin):
        return [("fictional", "Demo and training"), ("all", "All")]

    def choices(self, changelist):
        # No parameter means the territorial forces, so the default entry is named for them.
        yield {
            "selected": self.value() is None,
            "query_string": changelist.get_query_string(remove=[self.parameter_name]),
            "display": "Territorial",
        }
        for lookup, title in self.lookup_choices:
            yield {
                "selected": self.value() == lookup,
                "query_string": changelist.get_query_string({self.parameter_name: lookup}),
                "display": title,
            }

    def queryset(self, request, queryset):
        if self.value() == "fictional":
            return queryset.filter(is_fictional=True)
        if self.value() == "all":
            return queryset
        return queryset.territorial()


@admin.register(Force)
class ForceAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "short_name",
        "formal_name",
        "region",
        "population",
        "households",
        "is_fictional",
    ]
    list_filter = [ForceKindFilter, "region"]
    list_select_related = ["region"]
    search_fields = ["name", "formal_name", "short_name", "slug"]
    ordering = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [CommandUnitInline]


class PartnershipAreaInline(TabularInline):
    model = PartnershipArea
    fields = ["name", "order", "population", "households"]
    extra = 0


@admin.register(CommandUnit)
class CommandUnitAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "force",
        "order",
        "population",
        "households",
        "active_from_year",
        "active_to_year",
        "figures_source",
    ]
    list_filter = ["force__region", "force"]
    list_select_related = ["force"]
    search_fields = ["name", "force__name", "force__short_name"]
    ordering = ["force__name", "order", "name"]
    autocomplete_fields = ["force"]
    inlines = [PartnershipAreaInline]


@admin.register(PartnershipArea)
class PartnershipAreaAdmin(admin.ModelAdmin):
    list_display = ["name", "command_unit", "order", "population", "households"]
    list_filter = ["command_unit__force__region", "command_unit__force"]
    # CommandUnit.__str__ prints its force.
    list_select_related = ["command_unit__force"]
    search_fields = ["name", "command_unit__name", "command_unit__force__name"]
    ordering = ["command_unit__force__name", "command_unit__order", "order", "name"]
    autocomplete_fields = ["command_unit"]


class MostSimilarGroupForm(forms.ModelForm):
    class Meta:
        model = MostSimilarGroup
        fields = ["force", "effective_from", "members", "source"]

    def clean(self):
        cleaned_data = super().clean()
        force, members = cleaned_data.get("force"), cleaned_data.get("members")
        # The model cannot check this: members are saved after the group, so read the form.
        if force is not None and members is not None and force in members:
            self.add_error(
                "members",
                f"{force} cannot be one of its own most similar forces; remove it from members.",
            )
        return cleaned_data


@admin.register(MostSimilarGroup)
class MostSimilarGroupAdmin(admin.ModelAdmin):
    form = MostSimilarGroupForm
    list_display = ["force", "effective_from", "member_count", "source"]
    list_filter = ["force__region", "effective_from"]
    list_select_related = ["force"]
    search_fields = ["force__name", "force__short_name", "source"]
    ordering = ["force__name", "-effective_from"]
    date_hierarchy = "effective_from"
    autocomplete_fields = ["force"]
    filter_horizontal = ["members"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description="members", ordering="member_count")
    def member_count(self, obj: MostSimilarGroup) -> int:
        return obj.member_count


@admin.register(ForceLiaison)
class ForceLiaisonAdmin(admin.ModelAdmin):
    list_display = ["user", "full_name", "email", "force", "job_title"]
    list_filter = ["force__region", "force"]
    list_select_related = ["user", "force"]
    search_fields = [
        "user__username",
        "user__first_name",
        "user__last_name",
        "user__email",
        "force__name",
        "job_title",
    ]
    ordering = ["force__name", "user__username"]
    autocomplete_fields = ["user", "force"]

    @admin.display(description="name", ordering="user__last_name")
    def full_name(self, obj: ForceLiaison) -> str:
        return obj.user.get_full_name()

    @admin.display(description="e-mail", ordering="user__email")
    def email(self, obj: ForceLiaison) -> str:
        return obj.user.email
