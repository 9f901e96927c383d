"""Reads for the factual-accuracy check: the draft a force's liaison checks, section by
section, with the comments on each and the changes made to answer them; every read scoped to
the areas the user may see (a 404 otherwise)."""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404

from grading.models import criteria_tree_order
from inspections.exceptions import WorkflowRefused
from inspections.models import AreaAssessment, CriterionAssessment, EvidenceItem, Inspection
from inspections.overview_sections import CONTEXT_SECTIONS, PERFORMANCE_SECTIONS, SECTION_NAMES
from inspections.permissions import RELEASED_AREAS, visible_area_ids
from inspections.selectors.evidence import criterion_evidence
from inspections.services.overview import OVERVIEW_FIELDS
from moderation.models import CommentSection, FactualAccuracyComment, FactualChange


def commentable_area_get_for_user(*, user: AbstractBaseUser, pk: int) -> AreaAssessment:
    """An area the user may see, for a comment on its draft (the service checks the rest)."""
    queryset = AreaAssessment.objects.select_related("inspection")
    return get_object_or_404(queryset, pk=pk, pk__in=visible_area_ids(user))


def factual_comment_get_for_user(*, user: AbstractBaseUser, pk: int) -> FactualAccuracyComment:
    queryset = FactualAccuracyComment.objects.select_related("area")
    return get_object_or_404(queryset, pk=pk, area__in=visible_area_ids(user))


def draft_section_get(
    *, area: AreaAssessment, value: str
) -> tuple[CriterionAssessment | None, EvidenceItem | None, str]:
    """The section of the area's draft a comment names, as (criterion, evidence item, overview
    section): a criterion assessment id for its summary statement, `item-<id>` for one
    evidence item, `overview-<name>` for a section of the force overview, or nothing for the
    area's summary of judgement (its grade). Anything else is refused; another area's section
    is a 404."""
    if not value:
        return None, None, ""
    if value.startswith("overview-") and value[9:] in OVERVIEW_FIELDS:
        return None, None, value[9:]
    if value.startswith("item-") and value[5:].isdigit():
        item = get_object_or_404(
            EvidenceItem.objects.select_related("criterion_assessment"),
            pk=int(value[5:]),
            criterion_assessment__area=area,
        )
        return item.criterion_assessment, item, ""
    if not value.isdigit():
        raise WorkflowRefused("That section was not understood; nothing changed.")
    return get_object_or_404(CriterionAssessment, pk=int(value), area=area), None, ""


def _draft_comments(areas: list[AreaAssessment], **only) -> list[FactualAccuracyComment]:
    changes = FactualChange.objects.select_related("made_by")
    return list(
        FactualAccuracyComment.objects.filter(area__in=areas, **only)
        .select_related(
            "author",
            "responded_by",
            "closed_by",
            "area__framework",
            "area__inspection",
            "criterion_assessment__criterion",
            "evidence_item",
        )
        .prefetch_related(Prefetch("changes", queryset=changes))
    )


def _comments_by_section(comments: list[FactualAccuracyComment]) -> dict[tuple, list]:
    """(area id, criterion assessment id or None for the summary of judgement) -> comments
    (an evidence item's comments are its criterion's); ("overview", section name) -> the
    comments on a force overview section, whichever area they were filed under."""
    by_section: dict[tuple, list] = {}
    for comment in comments:
        key = (comment.area_id, comment.criterion_assessment_id)
        if comment.section == CommentSection.OVERVIEW:
            key = ("overview", comment.overview_field)
        by_section.setdefault(key, []).append(comment)
    return by_section


def draft_open_comments(
    *, sections: list[dict], overview: list[dict] | None = None
) -> list[FactualAccuracyComment]:
    """The comments of the draft not closed yet, in the order of the draft, for its top."""
    groups = [part["comments"] for part in overview or []] + [
        group
        for section in sections
        for group in [section["comments"]] + [row["comments"] for row in section["criteria"]]
    ]
    return [comment for group in groups for comment in group if not comment.is_closed]


def draft_overview(*, inspection: Inspection, sections: list[dict]) -> list[dict]:
    """The force overview as the draft prints it, before the areas, each section with its
    comments: only once an area is released (`sections` not empty). The texts are the
    inspection's; one query for the comments."""
    if not sections:
        return []
    found = _draft_comments([section["area"] for section in sections], section="overview")
    comments = {key[1]: group for key, group in _comments_by_section(found).items()}
    return [
        {
            "name": name,
            "heading": heading or SECTION_NAMES[name],
            "text": getattr(inspection, name),
            "comments": comments.get(name, []),
        }
        for name, heading, _ in CONTEXT_SECTIONS + PERFORMANCE_SECTIONS
    ]


def draft_report_sections(*, user: AbstractBaseUser, inspection: Inspection) -> list[dict]:
    """The draft report the force checks: per area released to the force (or published) that
    `user` may see, its criteria in tree order with their lists and comments, and the comments
    on its summary of judgement. Five queries whatever the number of areas and items."""
    areas = list(
        AreaAssessment.objects.filter(
            inspection=inspection, status__in=RELEASED_AREAS, pk__in=visible_area_ids(user)
        )
        .select_related("framework", "final_grade")
        .order_by("order")
    )
    criteria = list(
        CriterionAssessment.objects.filter(area__in=areas)
        .select_related("criterion__parent__parent")
        .order_by("area__order", *criteria_tree_order("criterion__"))
    )
    evidence = criterion_evidence(areas=areas)
    comments = _comments_by_section(_draft_comments(areas))
    return [
        {
            "area": area,
            "criteria": [
                {
                    "assessment": criterion,
                    "lists": evidence.lists(criterion.pk),
                    "comments": comments.get((area.pk, criterion.pk), []),
                }
                for criterion in criteria
                if criterion.area_id == area.pk
            ],
            "comments": comments.get((area.pk, None), []),
        }
        for area in areas
    ]
