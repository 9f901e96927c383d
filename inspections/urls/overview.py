from django.urls import path

from inspections.views import overview

urlpatterns = [
    path("inspections/<int:pk>/overview/", overview.overview_detail, name="overview_detail"),
    path("inspections/<int:pk>/overview/edit/", overview.overview_edit, name="overview_edit"),
]
