"""URLs of the reports app."""

from django.urls import path

from reports.views import exports

app_name = "reports"

urlpatterns = [
    path("inspections/<int:pk>/export.json", exports.inspection_export, name="inspection_export"),
]
