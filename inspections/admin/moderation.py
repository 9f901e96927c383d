"""Moderation panels and their sessions are kept here; the records the workflow writes
(proposals, decisions, dissents, events, comments, "none identified" marks) are shown
read-only, because only the services may create them and nobody may rewrite them."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from inspections.models import (
    AgendaItem,
    AssessmentEvent,
    Dissent,
    FactualAccuracyComment,
    GradeProposal,
    ModerationPanel,
    NoneIdentified,
    PanelDecision,
    PanelMembership,
    PanelSession,
)

_AREA = ["area__inspection__force", "area__inspection__programme", "area__framework"]


class ReadOnlyRecordAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PanelMembershipInline(admin.TabularInline):
    model = PanelMembership
    fields = ["user", "role"]
    extra = 0


@admin.register(ModerationPanel)
class ModerationPanelAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "programme", "region", "framework", "chair", "deputy_chair"]
    list_filter = ["kind", "programme"]
    list_select_related = ["programme", "region", "framework", "chair", "deputy_chair"]
    inlines = [PanelMembershipInline]


@admin.register(PanelMembership)
class PanelMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "panel"]
    list_filter = ["role", "panel__kind", "panel__programme"]
    list_select_related = ["user", "panel__programme", "panel__region", "panel__framework"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    fields = ["area", "order", "added_by", "added_at"]
    readonly_fields = ["added_by", "added_at"]
    extra = 0


@admin.register(PanelSession)
class PanelSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "panel", "held_on", "is_open"]
    list_filter = ["is_open", "panel__kind", "panel__programme"]
    list_select_related = ["panel__programme", "panel__region", "panel__framework"]
    inlines = [AgendaItemInline]

    def save_formset(self, request, form, formset, change):
        # Agenda items added here are attributed to the administrator who added them.
        for item in formset.save(commit=False):
            if not item.added_by_id:
                item.added_by = request.user
            item.save()
        for item in formset.deleted_objects:
            item.delete()


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyRecordAdmin):
    list_display = ["area", "session", "order", "added_by", "added_at"]
    list_select_related = ["session__panel__programme", "added_by", *_AREA]


@admin.register(GradeProposal)
class GradeProposalAdmin(ReadOnlyRecordAdmin):
    list_display = ["area", "grade", "proposed_by", "proposed_at"]
    list_filter = ["area__inspection__programme"]
    list_select_related = ["grade", "proposed_by", *_AREA]


class DissentInline(admin.TabularInline):
    model = Dissent
    fields = ["member", "reason", "recorded_at"]
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(PanelDecision)
class PanelDecisionAdmin(ReadOnlyRecordAdmin):
    list_display = ["area", "stage", "outcome", "grade", "state", "recorded_by", "recorded_at"]
    list_filter = ["stage", "outcome", "state"]
    list_select_related = ["grade", "recorded_by", *_AREA]
    inlines = [DissentInline]


@admin.register(Dissent)
class DissentAdmin(ReadOnlyRecordAdmin):
    list_display = ["decision", "member", "recorded_at"]
    list_select_related = [
        "member",
        "decision__area__inspection__force",
        "decision__area__framework",
    ]


@admin.register(AssessmentEvent)
class AssessmentEventAdmin(ReadOnlyRecordAdmin):
    list_display = ["area", "action", "from_status", "to_status", "actor", "created_at"]
    list_filter = ["action", "to_status"]
    list_select_related = ["actor", *_AREA]


@admin.register(FactualAccuracyComment)
class FactualAccuracyCommentAdmin(ReadOnlyRecordAdmin, SimpleHistoryAdmin):
    list_display = ["__str__", "author", "created_at", "response", "responded_by"]
    list_filter = ["response"]
    list_select_related = ["author", "responded_by", "criterion_assessment__criterion", *_AREA]


@admin.register(NoneIdentified)
class NoneIdentifiedAdmin(ReadOnlyRecordAdmin, SimpleHistoryAdmin):
    list_display = ["criterion_assessment", "kind", "marked_by", "marked_at"]
    list_select_related = [
        "marked_by",
        "criterion_assessment__area__inspection__force",
        "criterion_assessment__area__inspection__programme",
        "criterion_assessment__area__framework",
        "criterion_assessment__criterion__parent",
    ]
