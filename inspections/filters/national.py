"""Filters of the national grades table: by region and by a force's most similar group."""

import django_filters

from forces.models import Force, Region
from inspections.filters.outcomes import ForceChoiceFilter
from inspections.selectors.outcomes import similar_force_ids


class NationalGradeFilter(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.order_by("order", "name"), empty_label="Any region"
    )
    similar_to = ForceChoiceFilter(
        label="Most similar group of",
        queryset=Force.objects.none(),
        method="filter_similar_to",
        empty_label="Any force",
        help_text="The force and the forces it is compared with in this programme.",
    )

    class Meta:
        model = Force
        fields = ["region", "similar_to"]

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        # Only the forces the table may show can be chosen; any other id fails validation.
        self.filters["similar_to"].queryset = self.queryset.order_by("name")

    def filter_similar_to(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(pk__in=similar_force_ids(force=value, programme=self.programme))
