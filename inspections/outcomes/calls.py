"""Indicator calls for inspections, from the results stored in the database.

`OutcomeData` loads everything a programme's calls need in a fixed number of queries (results
for the data year and two years earlier, MSF groups, command unit counts, survey settings), so
a page for one force and the national table for 43 cost the same number of queries.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Prefetch

from forces.models import CommandUnit, Force, MostSimilarGroup
from grading import outcome_wording, significance
from grading.models import Framework, Indicator, IndicatorResult, SurveySource
from inspections.models import ForceSurveyOverride, OutcomeWording, Programme, SurveySettings
from inspections.models.surveys import DEFAULTS

AREA_KIND = {"np": significance.NEIGHBOURHOOD_POLICING, "dcfp": significance.CITIZEN_FOCUS}
SURVEY_FIELDS = [name for name in DEFAULTS if name != "confidence"]


@dataclass(frozen=True)
class SurveyParameters:
    bcs_sample_per_force: int
    user_sample_per_unit: int
    minority_sample_per_year: int
    msf_multiplier: Decimal
    deft_bcs: Decimal
    deft_user: Decimal
    confidence: Decimal

    def deft(self, indicator: Indicator) -> float:
        bcs = indicator.survey_source == SurveySource.BRITISH_CRIME_SURVEY
        return float(self.deft_bcs if bcs else self.deft_user)


@dataclass
class IndicatorRow:
    """One line of the report's indicator table, with the engine's calls."""

    indicator: Indicator
    current: IndicatorResult
    previous: IndicatorResult | None
    call: significance.IndicatorCall
    msf_value: float | None
    msf_computed: bool
    sentences: list[str]


@dataclass
class AreaOutcome:
    framework: Framework
    kind: str
    rows: list[IndicatorRow]
    headline: significance.Headline
    guidance: significance.GradeGuidance
    sentences: list[str]
    year: int
    missing: list[str] = field(default_factory=list)


def _float(value) -> float | None:
    return None if value is None else float(value)


class OutcomeData:
    """Everything needed for the calls of `programme`, loaded once."""

    def __init__(self, *, programme: Programme, forces: list[Force] | None = None):
        self.programme = programme
        self.year = programme.period_end.year
        self.previous_year = self.year - 2
        frameworks = programme.frameworks.filter(code__in=AREA_KIND).prefetch_related(
            Prefetch("indicators", queryset=Indicator.objects.order_by("order"))
        )
        self.frameworks = {framework.pk: framework for framework in frameworks}
        self._load_groups(forces)
        self._load_results()
        self._load_units()
        self._load_settings()

    def _load_groups(self, forces):
        groups = MostSimilarGroup.objects.filter(effective_from__lte=self.programme.period_end)
        if forces is not None:
            groups = groups.filter(force__in=forces)
        self.msf_members: dict[int, list[int]] = {}
        for group in groups.order_by("force_id", "effective_from").prefetch_related("members"):
            self.msf_members[group.force_id] = [member.pk for member in group.members.all()]
        self.force_ids = None if forces is None else {force.pk for force in forces}
        if self.force_ids is not None:
            for members in self.msf_members.values():
                self.force_ids.update(members)

    def _load_results(self):
        results = IndicatorResult.objects.filter(year__in=[self.year, self.previous_year])
        if self.force_ids is not None:
            results = results.filter(force_id__in=self.force_ids)
        self.results: dict[tuple[int, int, int], IndicatorResult] = {
            (r.force_id, r.indicator_id, r.year): r for r in results
        }

    def _units_per_force(self, year: int) -> dict[int, int]:
        """How many command units each force had in a survey year (forces restructure)."""
        units = CommandUnit.objects.active_in(year).values("force_id")
        if self.force_ids is not None:
            units = units.filter(force_id__in=self.force_ids)
        return {row["force_id"]: row["n"] for row in units.annotate(n=Count("pk"))}

    def _load_units(self):
        self.units = self._units_per_force(self.year)
        self.previous_units = self._units_per_force(self.previous_year)

    def _load_settings(self):
        settings = SurveySettings.objects.filter(programme=self.programme).first()
        self.base = {
            name: (getattr(settings, name, None) if settings else None) or default
            for name, default in DEFAULTS.items()
        }
        self.overrides = {
            override.force_id: override
            for override in ForceSurveyOverride.objects.filter(programme=self.programme)
        }
        wording = OutcomeWording.objects.filter(programme=self.programme).first()
        self.wording = (
            {key: getattr(wording, key) for key in outcome_wording.DEFAULT_WORDING}
            if wording
            else {}
        )

    def parameters(self, force_id: int) -> SurveyParameters:
        values = dict(self.base)
        override = self.overrides.get(force_id)
        for name in SURVEY_FIELDS:
            if override is not None and getattr(override, name) is not None:
                values[name] = getattr(override, name)
        return SurveyParameters(**values)

    def sample_size(self, result: IndicatorResult, previous: bool = False) -> int:
        """The stated sample, else the survey default for that force, indicator and year."""
        if result.sample_size:
            return result.sample_size
        params = self.parameters(result.force_id)
        indicator = result.indicator
        if indicator.survey_source == SurveySource.BRITISH_CRIME_SURVEY:
            return params.bcs_sample_per_force
        if indicator.code == significance.MINORITY_INDICATOR:
            return params.minority_sample_per_year
        units = (self.previous_units if previous else self.units).get(result.force_id, 0)
        return params.user_sample_per_unit * max(units, 1)

    def _msf_value(self, force_id: int, indicator: Indicator) -> float | None:
        """Sample-weighted average of the MSF group's members, when they all reported."""
        members = self.msf_members.get(force_id) or []
        found = [self.results.get((m, indicator.pk, self.year)) for m in members]
        found = [result for result in found if result is not None]
        if not found or len(found) < len(members):
            return None
        for result in found:
            # Results are loaded without their indicator; sample_size reads it, one query each.
            result.indicator = indicator
        weights = [self.sample_size(result) for result in found]
        return sum(float(r.value) * w for r, w in zip(found, weights, strict=True)) / sum(weights)

    def indicator_data(self, force_id: int, indicator: Indicator):
        current = self.results.get((force_id, indicator.pk, self.year))
        if current is None:
            return None
        current.indicator = indicator
        previous = self.results.get((force_id, indicator.pk, self.previous_year))
        if previous is not None:
            previous.indicator = indicator
        params = self.parameters(force_id)
        n = self.sample_size(current)
        msf_value, computed = _float(current.msf_value), False
        # SPI 3b is judged over time and by its gap, never against the MSF, unless a report
        # published an MSF figure for it.
        minority = indicator.code == significance.MINORITY_INDICATOR
        if msf_value is None and current.msf_difference is None and not minority:
            msf_value, computed = self._msf_value(force_id, indicator), True
        has_msf = msf_value is not None or current.msf_difference is not None
        data = significance.IndicatorData(
            code=indicator.code,
            value=float(current.value),
            sample_size=n,
            deft=params.deft(indicator),
            higher_is_better=indicator.higher_is_better,
            previous_value=_float(previous.value) if previous else None,
            previous_sample_size=self.sample_size(previous, previous=True) if previous else None,
            msf_value=msf_value,
            msf_sample_size=(
                current.msf_sample_size or float(params.msf_multiplier) * n if has_msf else None
            ),
            msf_difference=_float(current.msf_difference),
            change=_float(current.change),
            gap=_float(current.gap),
        )
        return data, current, previous, msf_value, computed and msf_value is not None

    def area_outcome(self, *, force: Force, framework: Framework) -> AreaOutcome | None:
        kind = AREA_KIND.get(framework.code)
        if kind is None or framework.pk not in self.frameworks:
            return None
        framework = self.frameworks[framework.pk]
        params = self.parameters(force.pk)
        z_crit = significance.critical_z(float(params.confidence))
        rows, missing = [], []
        for indicator in framework.indicators.all():
            loaded = self.indicator_data(force.pk, indicator)
            if loaded is None:
                missing.append(indicator.code)
                continue
            data, current, previous, msf_value, computed = loaded
            call = significance.assess_indicator(data, z_crit=z_crit)
            sentences = outcome_wording.indicator_sentences(
                call,
                name=indicator.name,
                wording=self.wording,
                force=force.display_name,
                period=f"year ending March {self.year}",
                previous_period=f"year ending March {self.previous_year}",
            )
            rows.append(
                IndicatorRow(indicator, current, previous, call, msf_value, computed, sentences)
            )
        head = significance.headline(kind, [row.call for row in rows])
        return AreaOutcome(
            framework=framework,
            kind=kind,
            rows=rows,
            headline=head,
            guidance=significance.grade_guidance(head),
            sentences=outcome_wording.headline_sentences(
                head, wording=self.wording, force=force.display_name
            ),
            year=self.year,
            missing=missing,
        )


def inspection_outcomes(*, inspection) -> dict[int, AreaOutcome]:
    """Outcomes per framework id for one inspection's areas that have indicators."""
    data = OutcomeData(programme=inspection.programme, forces=[inspection.force])
    outcomes = {}
    for framework in data.frameworks.values():
        outcome = data.area_outcome(force=inspection.force, framework=framework)
        if outcome is not None:
            outcomes[framework.pk] = outcome
    return outcomes


def programme_outcomes(*, programme: Programme, forces) -> dict[int, dict[int, AreaOutcome]]:
    """Outcomes for many forces at once: force id -> framework id -> outcome."""
    forces = list(forces)
    data = OutcomeData(programme=programme)
    table: dict[int, dict[int, AreaOutcome]] = defaultdict(dict)
    for force in forces:
        for framework in data.frameworks.values():
            outcome = data.area_outcome(force=force, framework=framework)
            if outcome is not None and outcome.rows:
                table[force.pk][framework.pk] = outcome
    return dict(table)


__all__ = ["OutcomeData", "inspection_outcomes", "programme_outcomes"]
