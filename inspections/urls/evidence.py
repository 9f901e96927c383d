from django.urls import path

from inspections.views import attachments, evidence, history, none_identified

urlpatterns = [
    path("criteria/<int:pk>/evidence/add/", evidence.evidence_add, name="evidence_add"),
    path("evidence/<int:pk>/edit/", evidence.evidence_edit, name="evidence_edit"),
    path("evidence/<int:pk>/delete/", evidence.evidence_delete, name="evidence_delete"),
    path("evidence/<int:pk>/move/", evidence.evidence_move, name="evidence_move"),
    path("evidence/<int:pk>/history/", history.evidence_history, name="evidence_history"),
    path("evidence/<int:pk>/attachments/", attachments.attachment_add, name="attachment_add"),
    path("attachments/<int:pk>/", attachments.attachment_download, name="attachment_download"),
    path("attachments/<int:pk>/delete/", attachments.attachment_delete, name="attachment_delete"),
    path(
        "criteria/<int:pk>/none-identified/",
        none_identified.none_identified,
        name="none_identified",
    ),
]
