"""URLs of a force's own pages."""

from django.urls import path

from inspections.views import force_history

urlpatterns = [
    path("forces/<slug:slug>/over-time/", force_history.force_over_time, name="force_over_time"),
]
