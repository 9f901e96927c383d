"""URLs of the inspections app, one module per topic."""

from inspections.urls import (
    evidence,
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
    + national.urlpatterns
    + outcomes.urlpatterns
    + overview.urlpatterns
    + practice.urlpatterns
    + search.urlpatterns
)
