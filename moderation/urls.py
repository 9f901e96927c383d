"""URLs for grades, moderation panels and the factual-accuracy check."""

from django.urls import path

from moderation.views import areas, factual, history, panels, proposals, sessions

app_name = "moderation"

urlpatterns = [
    path("areas/<int:pk>/", areas.area_detail, name="area_detail"),
    path("areas/<int:pk>/step/", areas.area_action, name="area_action"),
    path("areas/<int:pk>/grade/", proposals.grade_proposal, name="grade_proposal"),
    path("areas/<int:pk>/history/", history.area_history, name="area_history"),
    path("moderation/", panels.panel_list, name="panel_list"),
    path("moderation/sessions/<int:pk>/", panels.session_detail, name="session_detail"),
    path("moderation/sessions/<int:pk>/agenda/", panels.agenda_add, name="agenda_add"),
    path("moderation/sessions/<int:pk>/close/", sessions.session_close, name="session_close"),
    path("moderation/panels/<int:pk>/sessions/", sessions.session_open, name="session_open"),
    path("moderation/items/<int:pk>/", panels.agenda_item_detail, name="agenda_item_detail"),
    path("moderation/items/<int:pk>/decide/", panels.decision_record, name="decision_record"),
    path(
        "moderation/decisions/<int:pk>/confirm/",
        panels.decision_confirm,
        name="decision_confirm",
    ),
    path(
        "moderation/decisions/<int:pk>/decline/",
        panels.decision_decline,
        name="decision_decline",
    ),
    path("moderation/decisions/<int:pk>/dissent/", panels.dissent_add, name="dissent_add"),
    path("inspections/<int:pk>/draft/", factual.draft_report, name="draft_report"),
    path("areas/<int:pk>/comments/", factual.comment_add, name="factual_comment_add"),
    path("comments/<int:pk>/answer/", factual.comment_answer, name="factual_comment_answer"),
    path("comments/<int:pk>/change/", factual.comment_change, name="factual_comment_change"),
    path("comments/<int:pk>/close/", factual.comment_close, name="factual_comment_close"),
    path("comments/<int:pk>/refer/", factual.comment_refer, name="factual_comment_refer"),
]
