"""The national demo's inspections: every territorial force inspected under the 2008
programme, with a team, an overview, evidence in every criterion, statements, proposed grades
and survey indicator results. `moderation.demo.national` adds the workflow on top.

Text comes from the phrase banks in `content_national`, combined by a generator seeded with
the force's slug, so a run always writes the same words.
"""

import datetime
import random
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import AbstractUser
from django.utils.text import slugify
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from forces.models import Force, Region
from grading import statements
from grading.models import GradeLevel, Indicator, IndicatorResult
from inspections.demo import content_national as bank
from inspections.demo.content import PASSWORD
from inspections.models import (
    CriterionAssessment,
    EvidenceItem,
    EvidenceKind,
    EvidenceSource,
    Inspection,
    Programme,
)
from inspections.roles import role_groups_ensure
from inspections.services import inspection_create
from inspections.services.history import inspection_history

LISTS = (EvidenceKind.STRENGTH, EvidenceKind.WORK_IN_PROGRESS, EvidenceKind.AREA_FOR_IMPROVEMENT)
OPENINGS = {
    EvidenceKind.STRENGTH: bank.STRENGTH_OPENINGS,
    EvidenceKind.WORK_IN_PROGRESS: bank.WORK_IN_PROGRESS_OPENINGS,
    EvidenceKind.AREA_FOR_IMPROVEMENT: bank.IMPROVEMENT_OPENINGS,
}
# Existing demo users who also join real forces' teams: force name -> usernames.
EXISTING_MEMBERS = {"Kent": ("alice",), "Surrey": ("alice",), "Durham": ("bob",)}
INDICATOR_SOURCE = "Demo figures (national demo)"
YEAR, PREVIOUS_YEAR = 2008, 2006


def national_inspections_delete() -> int:
    """Delete the national demo's inspections and every history row they leave behind.

    Only inspections whose creation the history names as written by the national demo are
    touched; any other inspection of a real force stays as it is."""
    created = Inspection.history.filter(
        history_type="+", history_change_reason=bank.NATIONAL_SOURCE
    ).values_list("id", flat=True)
    inspection_ids = list(created.distinct())
    _evidence_delete(
        EvidenceItem.objects.filter(criterion_assessment__area__inspection_id__in=inspection_ids)
    )
    Inspection.objects.filter(pk__in=inspection_ids).delete()
    for inspection_id in inspection_ids:
        for rows in inspection_history(inspection_id):
            rows.delete()
    return len(inspection_ids)


def _evidence_delete(items) -> None:
    """Thousands of items: those another record refers to (an attachment, a correction) go
    through the ORM, so its rules apply; the rest in two statements (sub-points, then the
    items above them) rather than one at a time with a "deleted" history row each, since
    every history row of these inspections is deleted afterwards anyway."""
    referenced = set()
    for relation in EvidenceItem._meta.related_objects:
        if relation.related_model is not EvidenceItem:
            rows = relation.related_model._base_manager.filter(
                **{f"{relation.field.name}__in": items}
            )
            referenced |= set(rows.values_list(relation.field.name, flat=True))
    EvidenceItem.objects.filter(pk__in=referenced).delete()
    items.filter(parent__isnull=False)._raw_delete(items.db)
    items._raw_delete(items.db)


def national_users_ensure() -> dict[str, AbstractUser]:
    """A lead inspector per region and a pool of inspectors, all with the demo password.

    The password is hashed once and shared, so creating dozens of users stays fast."""
    groups = role_groups_ensure()
    password = make_password(PASSWORD)
    users = {}
    specs = [(lead_username(region), bank.LEAD_GROUPS) for region in regions_with_forces()]
    pool = range(1, bank.INSPECTOR_POOL + 1)
    specs += [(f"inspector-{n:02d}", bank.INSPECTOR_GROUPS) for n in pool]
    for number, (username, group_names) in enumerate(specs):
        first = bank.FIRST_NAMES[number % len(bank.FIRST_NAMES)]
        last = bank.LAST_NAMES[(number * 7) % len(bank.LAST_NAMES)]
        user, _ = get_user_model().objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@example.org",
                "password": password,
                "is_active": True,
                "is_staff": False,
                "is_superuser": False,
            },
        )
        user.groups.set([groups[name] for name in group_names])
        users[username] = user
    return users


def regions_with_forces():
    return Region.objects.filter(forces__is_fictional=False).distinct().order_by("name")


def lead_username(region: Region) -> str:
    """The generated lead inspector of a region's forces."""
    return f"lead-{slugify(region.name)}"


def national_inspections_create(
    *, programme: Programme, users: dict[str, AbstractUser], existing: dict[str, AbstractUser]
) -> list[tuple[Inspection, dict[str, int]]]:
    """Create the 2008 inspection of every territorial force that has none, with its team,
    overview, statements, evidence and proposed grades. Returns each inspection with the grade
    rank proposed per area code.

    The caller labels the inspections' history with `NATIONAL_SOURCE` in the same
    transaction: that label on an inspection's creation is how a later run finds it."""
    taken = set(Inspection.objects.filter(programme=programme).values_list("force_id", flat=True))
    forces = list(Force.objects.territorial().exclude(pk__in=taken).select_related("region"))
    plan = grade_plan(forces)
    inspectors = [user for name, user in users.items() if name.startswith("inspector-")]
    created = []
    for number, force in enumerate(forces):
        rng = random.Random(f"national-2008-{force.slug}")
        team = inspectors[number % len(inspectors) :] + inspectors
        team = team[: bank.INSPECTORS_PER_TEAM]
        team += [existing[name] for name in EXISTING_MEMBERS.get(force.name, ())]
        inspection = inspection_create(
            force=force,
            programme=programme,
            lead=users[lead_username(force.region)],
            inspectors=team,
            fieldwork_start=_fieldwork(number)[0],
            fieldwork_end=_fieldwork(number)[1],
            **_overview(force, rng),
        )
        _findings_write(inspection, plan[force.name], team, rng)
        created.append((inspection, plan[force.name]))
    return created


def grade_plan(forces: list[Force]) -> dict[str, dict[str, int]]:
    """The grade rank proposed per force and area code: as the 2008 national report
    published them, except a few forces per area proposed as failing (chosen by a seeded
    generator among those that met the standard)."""
    plan = {force.name: {} for force in forces}
    for code, exceeding in bank.PUBLISHED_EXCEEDING.items():
        meeting = sorted(name for name in plan if name not in exceeding)
        failing = random.Random(f"failing-{code}").sample(
            meeting, min(bank.FAILING_PROPOSALS_PER_AREA, len(meeting))
        )
        for name in plan:
            plan[name][code] = 1 if name in exceeding else 3 if name in failing else 2
    return plan


def _fieldwork(number: int) -> tuple[datetime.date, datetime.date]:
    start = datetime.date(2008, 3, 3) + datetime.timedelta(weeks=number % 20)
    return start, start + datetime.timedelta(days=4)


def _overview(force: Force, rng: random.Random) -> dict[str, str]:
    values = {
        "force": force.name,
        "region": force.region.name,
        "units": rng.randint(3, 8),
        "teams": rng.randint(25, 140),
        "partnerships": rng.randint(3, 12),
        **{key: rng.choice(words) for key, words in bank.OVERVIEW_WORDS.items()},
    }
    return {
        field: " ".join(sentence.format(**values) for sentence in sentences)
        for field, sentences in bank.OVERVIEW_PARTS.items()
    }


def _findings_write(
    inspection: Inspection, ranks: dict[str, int], team: list[AbstractUser], rng: random.Random
) -> None:
    areas = list(inspection.areas.select_related("framework__scheme"))
    assessments = list(
        CriterionAssessment.objects.filter(area__inspection=inspection).select_related(
            "criterion", "area__framework"
        )
    )
    for assessment in assessments:
        _statement_set(assessment, ranks.get(assessment.area.framework.code, 2), rng)
    bulk_update_with_history(
        assessments,
        CriterionAssessment,
        ["chosen_levels", "statement"],
        default_change_reason=bank.NATIONAL_SOURCE,
    )
    _evidence_write(assessments, ranks, team, rng)
    for area in areas:
        rank = ranks.get(area.framework.code)
        area.proposed_grade = _grade(area.framework, rank)
        area.grade_rationale = _rationale(area.framework.code, rank or 2, rng)
        area.save()


def _statement_set(assessment: CriterionAssessment, rank: int, rng: random.Random) -> None:
    criterion = assessment.criterion
    choices = {}
    for slot in criterion.slots:
        # Mostly the option of the grade, sometimes one step either side.
        index = max(0, min(rank - 1 + rng.choice((0, 0, 0, -1, 1)), len(slot.options) - 1))
        choices[slot.name] = slot.options[index]
    assessment.chosen_levels = choices
    assessment.statement = statements.compose(criterion.statement_template, choices)


def _evidence_write(
    assessments: list[CriterionAssessment],
    ranks: dict[str, int],
    team: list[AbstractUser],
    rng: random.Random,
) -> None:
    """Each criterion's three lists, sized by the grade proposed, a quarter of the items with
    sub-points; written in bulk with their history rows (items first, so sub-points can
    name them)."""
    sources = list(EvidenceSource.values)
    parents, points = [], []
    for assessment in assessments:
        code = assessment.area.framework.code
        topics = bank.TOPICS.get((code, assessment.criterion.number), ("this criterion",))
        sizes = bank.LIST_SIZES[ranks.get(code, 2)]
        for kind, size in zip(LISTS, sizes, strict=True):
            for order in range(1, size + 1):
                item = EvidenceItem(
                    criterion_assessment=assessment,
                    kind=kind,
                    order=order,
                    lead=rng.choice(bank.LEADS) if rng.random() < 0.2 else "",
                    text=_sentence(kind, rng.choice(topics), rng),
                    source=rng.choice(sources),
                    author=rng.choice(team),
                )
                parents.append(item)
                if rng.random() < 0.25:
                    points.append((item, rng.sample(bank.POINTS, rng.randint(2, 3))))
    bulk_create_with_history(parents, EvidenceItem, default_change_reason=bank.NATIONAL_SOURCE)
    children = [
        EvidenceItem(
            criterion_assessment=parent.criterion_assessment,
            kind=parent.kind,
            parent=parent,
            order=order,
            text=point.format(place=rng.choice(bank.PLACES)).capitalize() + ".",
            source=parent.source,
            author=parent.author,
        )
        for parent, chosen in points
        for order, point in enumerate(chosen, start=1)
    ]
    bulk_create_with_history(children, EvidenceItem, default_change_reason=bank.NATIONAL_SOURCE)


def _sentence(kind: str, topic: str, rng: random.Random) -> str:
    opening = rng.choice(OPENINGS[kind]).format(
        topic=topic, Topic=topic[0].upper() + topic[1:], place=rng.choice(bank.PLACES)
    )
    return f"{opening} {rng.choice(bank.FOLLOW_UPS)}"


def _rationale(code: str, rank: int, rng: random.Random) -> str:
    topics = [topic for (area, _), bank_topics in bank.TOPICS.items() if area == code
              for topic in bank_topics]  # fmt: skip
    strong, weak = rng.sample(topics, 2)
    return " ".join(
        (
            rng.choice(bank.RATIONALE_OPENINGS[rank]),
            rng.choice(bank.RATIONALE_MIDDLES).format(strong=strong),
            rng.choice(bank.RATIONALE_ENDINGS).format(weak=weak),
        )
    )


def _grade(framework, rank: int | None) -> GradeLevel | None:
    levels = list(framework.scheme.levels.order_by("rank"))
    if rank is None or not levels:
        return None
    return levels[min(rank, len(levels)) - 1]


def national_indicator_results_write(*, ranks_by_force: dict[int, dict[str, int]]) -> int:
    """Survey results for 2008 and 2006 for every force given (force id -> proposed ranks),
    better than the most similar forces where the force exceeds the standard and worse where
    it fails. Replaces the demo's earlier figures; never writes over a result of any other
    source, so imported figures stay. Returns the number written."""
    earlier = IndicatorResult.objects.filter(source=INDICATOR_SOURCE)
    pks = list(earlier.values_list("pk", flat=True))
    earlier.delete()
    IndicatorResult.history.filter(id__in=pks).delete()
    taken = set(
        IndicatorResult.objects.filter(force_id__in=ranks_by_force).values_list(
            "force_id", "indicator_id", "year"
        )
    )
    rows = []
    for force_id, ranks in sorted(ranks_by_force.items()):
        rng = random.Random(f"national-indicators-{force_id}")
        for indicator in Indicator.objects.order_by("order"):
            rank = ranks.get("np" if indicator.code in ("SPI 2a", "KDI") else "dcfp", 2)
            for year, row in _indicator_rows(force_id, indicator, rank, rng):
                if (force_id, indicator.pk, year) not in taken:
                    rows.append(row)
    bulk_create_with_history(rows, IndicatorResult, default_change_reason=bank.NATIONAL_SOURCE)
    return len(rows)


def _indicator_rows(force_id, indicator, rank, rng):
    value = Decimal(rng.randint(450, 880)) / 10
    change = Decimal(rng.randint(-30, 60) + (2 - rank) * 20) / 10
    difference = Decimal(rng.randint(-15, 15) + (2 - rank) * 30) / 10
    has_gap = indicator.code == "SPI 3b"
    gap = Decimal(rng.randint(10, 90)) / 10 if has_gap else None
    current = IndicatorResult(
        force_id=force_id,
        indicator=indicator,
        year=YEAR,
        value=value,
        msf_difference=None if has_gap else difference,
        change=change,
        gap=gap,
        source=INDICATOR_SOURCE,
    )
    previous = IndicatorResult(
        force_id=force_id,
        indicator=indicator,
        year=PREVIOUS_YEAR,
        value=max(Decimal(0), min(Decimal(100), value - change)),
        gap=gap + Decimal("1.5") if has_gap else None,
        source=INDICATOR_SOURCE,
    )
    return [(YEAR, current), (PREVIOUS_YEAR, previous)]
