"""URLs of the inspections app, one module per topic."""

from inspections.urls import (
    evidence,
    follow_ups,
    forces,
    inspections,
    national,
    outcomes,
    overview,
    practice,
    search,
)

app_name = "inspections"

urlpatterns = (
    inspections.urlpatterns
    + evidence.urlpatterns
    + forces.urlpatterns
    + follow_ups.urlpatterns
    + national.urlpatterns
    + outcomes.urlpatterns
    + overview.urlpatterns
    + practice.urlpatterns
    + search.urlpatterns
)
