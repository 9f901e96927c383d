"""Filters of the programme-wide indicator table.

The "compare with" choices are the forces the user may already see, and the comparison only
narrows that list, so a member of another force's MSF group never appears unless visible.
"""

import django_filters

from forces.models import Force, Region
from inspections.selectors.outcomes import similar_force_ids

SORTS = [
    ("region", "Region"),
    ("np", "Neighbourhood Policing calls"),
    ("dcfp", "Citizen Focus calls"),
]


class ForceChoiceField(django_filters.fields.ModelChoiceField):
    def label_from_instance(self, obj: Force) -> str:
        return obj.name


class ForceChoiceFilter(django_filters.ModelChoiceFilter):
    field_class = ForceChoiceField


class ProgrammeIndicatorFilter(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(
        queryset=Region.objects.order_by("order", "name"), empty_label="Any region"
    )
    similar_to = ForceChoiceFilter(
        label="Compare with the MSF group of",
        queryset=Force.objects.none(),
        method="filter_similar_to",
        empty_label="No comparison",
    )
    # Sorting needs the calls, which are worked out after the query: the view sorts the rows.
    sort = django_filters.ChoiceFilter(
        choices=SORTS, method="filter_nothing", empty_label="Force", label="Sort by"
    )

    class Meta:
        model = Force
        fields = ["region", "similar_to", "sort"]

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = programme
        # Offer only the forces the page may show; any other id fails validation.
        self.filters["similar_to"].queryset = self.queryset.order_by("name")

    def filter_similar_to(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.filter(pk__in=similar_force_ids(force=value, programme=self.programme))

    def filter_nothing(self, queryset, name, value):
        return queryset
