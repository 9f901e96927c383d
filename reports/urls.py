"""URLs of the reports app."""

from django.urls import path

from reports.views import exports
from reports.views import recommendations as recommendation_views

app_name = "reports"

urlpatterns = [
    path("inspections/<int:pk>/export.json", exports.inspection_export, name="inspection_export"),
    # The national report's recommendations and summary.
    path(
        "programmes/<int:year>/recommendations/",
        recommendation_views.recommendation_list,
        name="recommendation_list",
    ),
    path(
        "programmes/<int:year>/recommendations/add/",
        recommendation_views.recommendation_add,
        name="recommendation_add",
    ),
    path(
        "programmes/<int:year>/recommendations/<int:pk>/edit/",
        recommendation_views.recommendation_edit,
        name="recommendation_edit",
    ),
    path(
        "programmes/<int:year>/recommendations/<int:pk>/delete/",
        recommendation_views.recommendation_delete,
        name="recommendation_delete",
    ),
    path(
        "programmes/<int:year>/recommendations/<int:pk>/move/<str:direction>/",
        recommendation_views.recommendation_move,
        name="recommendation_move",
    ),
    path(
        "programmes/<int:year>/recommendations/renumber/",
        recommendation_views.recommendations_renumber,
        name="recommendations_renumber",
    ),
    path(
        "programmes/<int:year>/summary/edit/",
        recommendation_views.national_summary_edit,
        name="national_summary_edit",
    ),
]

# Report runs: request a report, watch its status, download the PDF.
from reports.views import runs as run_views  # noqa: E402

urlpatterns += [
    path("inspections/<int:pk>/", run_views.inspection_report, name="inspection_report"),
    path(
        "inspections/<int:pk>/request/",
        run_views.inspection_report_request,
        name="inspection_report_request",
    ),
    path("inspections/<int:pk>/preview/", run_views.inspection_preview, name="inspection_preview"),
    path("inspections/<int:pk>/html/", run_views.inspection_report_html, name="inspection_html"),
    path("programmes/<int:year>/", run_views.programme_report, name="programme_report"),
    path("programmes/<int:year>/preview/", run_views.programme_preview, name="programme_preview"),
    path("programmes/<int:year>/html/", run_views.programme_report_html, name="programme_html"),
    path(
        "programmes/<int:year>/request/",
        run_views.programme_report_request,
        name="programme_report_request",
    ),
    path("runs/<int:pk>/status.json", run_views.run_status, name="run_status"),
    path("runs/<int:pk>/download/", run_views.run_download, name="run_download"),
]

# Responses to the recommendations: progress for inspectorate staff, each addressee's own.
from reports.views import responses as response_views  # noqa: E402

urlpatterns += [
    path(
        "programmes/<int:year>/recommendations/progress/",
        response_views.recommendation_progress,
        name="recommendation_progress",
    ),
    path(
        "programmes/<int:year>/recommendations/progress.csv",
        response_views.recommendation_progress_csv,
        name="recommendation_progress_csv",
    ),
    path(
        "programmes/<int:year>/recommendations/<int:pk>/responses/",
        response_views.recommendation_responses,
        name="recommendation_responses",
    ),
    path(
        "programmes/<int:year>/recommendations/<int:pk>/respond/<str:kind>/<int:addressee_pk>/",
        response_views.response_edit,
        name="response_edit",
    ),
    path(
        "programmes/<int:year>/recommendations/<int:pk>/respond/<str:kind>/<int:addressee_pk>/"
        "history/",
        response_views.response_history,
        name="response_history",
    ),
    path("responses/", response_views.responses_mine, name="responses_mine"),
]
