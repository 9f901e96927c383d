"""Filters of the national panel's comparison table (GET parameters, so they work without
JavaScript): region, a force's most similar group, proposed grade and consistency flag."""

import django_filters

from forces.models import Force, Region
from grading.models import GradeLevel
from inspections.filters.outcomes import ForceChoiceFilter
from inspections.selectors.outcomes import similar_force_ids
from moderation import consistency
from moderation.models import AgendaItem

FLAG_CHOICES = [
    ("any", "Any flag"),
    (consistency.GUIDANCE, "Grade not supported by the indicator guidance"),
    (consistency.BALANCE, "Balance of evidence outside the range for its grade"),
    (consistency.REGIONAL, "Regional panel far from the others"),
]


class NationalComparisonFilter(django_filters.FilterSet):
    region = django_filters.ModelChoiceFilter(
        field_name="area__inspection__force__region",
        label="Region",
        queryset=Region.objects.order_by("order", "name"),
        empty_label="Any region",
    )
    similar_to = ForceChoiceFilter(
        label="Most similar group of",
        queryset=Force.objects.none(),
        method="filter_similar_to",
        empty_label="Any force",
        help_text="The force and the forces it is compared with.",
    )
    proposed_grade = django_filters.ModelChoiceFilter(
        field_name="area__proposed_grade",
        label="Proposed grade",
        queryset=GradeLevel.objects.none(),
        empty_label="Any grade",
    )
    # Flags are worked out over the whole agenda after the query: the selector keeps the rows.
    flag = django_filters.ChoiceFilter(
        label="Consistency flag",
        choices=FLAG_CHOICES,
        method="filter_nothing",
        empty_label="Flagged or not",
    )

    class Meta:
        model = AgendaItem
        fields = ["region", "similar_to", "proposed_grade", "flag"]

    def __init__(self, *args, session, **kwargs):
        super().__init__(*args, **kwargs)
        self.programme = session.panel.programme
        # Only the agenda's forces and its scheme's grades can be chosen; others fail validation.
        self.filters["similar_to"].queryset = (
            Force.objects.filter(inspections__areas__agenda_items__session=session)
            .distinct()
            .order_by("name")
        )
        scheme_id = session.panel.framework.scheme_id if session.panel.framework_id else None
        self.filters["proposed_grade"].queryset = GradeLevel.objects.filter(scheme_id=scheme_id)

    def filter_similar_to(self, queryset, name, value):
        if value is None:
            return queryset
        forces = similar_force_ids(force=value, programme=self.programme)
        return queryset.filter(area__inspection__force__in=forces)

    def filter_nothing(self, queryset, name, value):
        return queryset


def flag_matches(flags: list, wanted: str) -> bool:
    """Whether a row with `flags` is kept by the flag filter's value `wanted`."""
    if not wanted:
        return True
    if wanted == "any":
        return bool(flags)
    return any(flag.kind == wanted for flag in flags)
