"""Filters for the developing practice library."""

import django_filters
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connections
from django.db.models import Q

from forces.models import Force
from grading.models import Framework
from inspections.models import DevelopingPractice

PRACTICE_SEARCHED_FIELDS = ("title", "problem", "solution", "outcomes")


def _practice_areas(request):
    return Framework.objects.filter(developing_practice__selected_for_publication=True).distinct()


def _practice_forces(request):
    return Force.objects.filter(
        inspections__developing_practice__selected_for_publication=True
    ).distinct()


class DevelopingPracticeFilter(django_filters.FilterSet):
    """The library's filters. Only areas and forces with published entries are offered, so
    no choice leads to an empty page."""

    framework = django_filters.ModelChoiceFilter(
        label="Inspection area", queryset=_practice_areas, empty_label="Any area"
    )
    force = django_filters.ModelChoiceFilter(
        label="Force",
        field_name="inspection__force",
        queryset=_practice_forces,
        empty_label="Any force",
    )
    words = django_filters.CharFilter(
        label="Words",
        method="filter_words",
        max_length=200,
        help_text="In the title, problem, solution or outcomes.",
    )

    class Meta:
        model = DevelopingPractice
        fields = ["framework", "force", "words"]

    def filter_words(self, queryset, name, value):
        if not value.split():
            return queryset
        if connections[queryset.db].vendor == "postgresql":
            # Full-text search stems words, so "priority" also finds "priorities".
            vector = SearchVector(*PRACTICE_SEARCHED_FIELDS, config="english")
            query = SearchQuery(value, search_type="websearch", config="english")
            return (
                queryset.annotate(search=vector, rank=SearchRank(vector, query))
                .filter(search=query)
                .order_by("-rank", "title", "pk")
            )
        # Elsewhere (SQLite in development), every word must appear in one of the fields.
        condition = Q()
        for word in value.split():
            in_any_field = Q()
            for field in PRACTICE_SEARCHED_FIELDS:
                in_any_field |= Q(**{f"{field}__icontains": word})
            condition &= in_any_field
        return queryset.filter(condition)
