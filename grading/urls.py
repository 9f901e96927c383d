"""URLs of the grading app's own pages (its reference data is edited in the admin)."""

from django.urls import path

from grading.views import imports

app_name = "grading"

urlpatterns = [
    path("indicators/import/", imports.indicator_import, name="indicator_import"),
    path(
        "indicators/import/confirm/",
        imports.indicator_import_confirm,
        name="indicator_import_confirm",
    ),
    path(
        "indicators/import/template.csv",
        imports.indicator_import_template,
        name="indicator_import_template",
    ),
]
