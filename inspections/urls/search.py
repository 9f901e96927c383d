from django.urls import path

from inspections.views import search

urlpatterns = [
    path("search/", search.evidence_search, name="evidence_search"),
]
