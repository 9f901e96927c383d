from django.urls import path

from inspections.views import history, overview

urlpatterns = [
    path("inspections/<int:pk>/overview/", overview.overview_detail, name="overview_detail"),
    path("inspections/<int:pk>/overview/edit/", overview.overview_edit, name="overview_edit"),
    path(
        "inspections/<int:pk>/overview/history/",
        history.overview_history,
        name="overview_history",
    ),
]
