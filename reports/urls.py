"""URLs of the reports app."""

from django.urls import path

from reports import views

app_name = "reports"

urlpatterns = [
    path("inspections/<int:pk>/export.json", views.inspection_export, name="inspection_export"),
]
