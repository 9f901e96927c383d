"""Moderation panels and their sessions are kept here; the records the workflow writes
(proposals, decisions, dissents, events, comments and the changes made to answer them) are shown
read-only, because only the services may create them and nobody may rewrite them."""

from django.contrib import admin

from config.admin_base import HistoryAdmin, ReadOnlyInline, ReadOnlyRecordAdmin, TabularInline
from moderation.models import (
    AgendaItem,
    AssessmentEvent,
    Dissent,
    FactualAccuracyComment,
    FactualChange,
    GradeProposal,
    ModerationPanel,
    PanelDecision,
    PanelMembership,
    PanelSession,
)

_AREA = ["area__inspection__force", "area__inspection__programme", "area__framework"]


class PanelMembershipInline(TabularInline):
    model = PanelMembership
    fields = ["user", "role"]
    extra = 0


@admin.register(ModerationPanel)
class ModerationPanelAdmin(admin.ModelAdmin):
    list_display = ["__str__", "kind", "programme", "region", "framework", "chair", "deputy_chair"]
    list_filter = ["kind", "programme"]
    list_select_related = ["programme", "region", "framework", "chair", "deputy_chair"]
    inlines = [PanelMembershipInline]

    def has_delete_permission(self, request, obj=None):
        # A panel that has sat keeps its sessions, agendas and decisions.
        if obj is not None and obj.sessions.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(PanelMembership)
class PanelMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "panel"]
    list_filter = ["role", "panel__kind", "panel__programme"]
    list_select_related = ["user", "panel__programme", "panel__region", "panel__framework"]


class AgendaItemInline(ReadOnlyInline, TabularInline):
    """The agenda is set by the panel's chair on the session page, where the service checks
    that each area is waiting for this panel; here it is shown only."""

    model = AgendaItem
    fields = ["area", "order", "added_by", "added_at"]
    readonly_fields = fields


@admin.register(PanelSession)
class PanelSessionAdmin(admin.ModelAdmin):
    list_display = ["title", "panel", "held_on", "is_open"]
    list_filter = ["is_open", "panel__kind", "panel__programme"]
    list_select_related = ["panel__programme", "panel__region", "panel__framework"]
    inlines = [AgendaItemInline]
    # The chair opens and closes sessions on the panel pages (moderation.services.sessions),
    # where closing waits for every item to be settled; the admin does not go around that.
    readonly_fields = ["is_open", "opened_by", "closed_by", "closed_at"]

    def has_delete_permission(self, request, obj=None):
        # Deleting a session would delete its agenda and every decision recorded on it.
        if obj is not None and obj.items.exists():
            return False
        return super().has_delete_permission(request, obj)


@admin.register(AgendaItem)
class AgendaItemAdmin(ReadOnlyRecordAdmin):
    list_display = ["area", "session", "order", "added_by", "added_at"]
    list_select_related = ["session__panel__programme", "added_by", *_AREA]


@admin.register(GradeProposal)
class GradeProposalAdmin(ReadOnlyRecordAdmin):
    list_display = ["area", "grade", "proposed_by", "proposed_at"]
    list_filter = ["area__inspection__programme"]
    list_select_related = ["grade", "proposed_by", *_AREA]


class DissentInline(TabularInline):
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


class FactualChangeInline(ReadOnlyInline, TabularInline):
    model = FactualChange
    fields = ["field", "before", "after", "made_by", "made_at"]
    readonly_fields = fields


@admin.register(FactualAccuracyComment)
class FactualAccuracyCommentAdmin(ReadOnlyRecordAdmin, HistoryAdmin):
    list_display = ["__str__", "author", "created_at", "response", "responded_by", "closed_at"]
    list_filter = ["response", "section"]
    inlines = [FactualChangeInline]
    list_select_related = ["author", "responded_by", "criterion_assessment__criterion", *_AREA]


@admin.register(FactualChange)
class FactualChangeAdmin(ReadOnlyRecordAdmin):
    list_display = ["comment", "field", "made_by", "made_at"]
    list_select_related = [
        "made_by",
        "comment__area__framework",
        "comment__criterion_assessment__criterion",
        "comment__evidence_item",
    ]
