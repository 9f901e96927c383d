"""Who may see and who may change an inspection. Every view asks here, nowhere else.

Seeing: administrators and moderators see every inspection; team members see theirs; a
force's liaison sees their own force's inspection only once its draft is released to them.
Changing: only members of the inspection's team, and only while an area is being drafted.
Grades: `concluded_grades_visible` is the one rule for whose final grade a reader may see.
"""

from enum import Enum

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q, QuerySet

from forces.models import ForceLiaison
from inspections.models import (
    RELEASED_AREAS,
    RELEASED_TO_FORCE,
    AreaAssessment,
    AssessmentStatus,
    Inspection,
    TeamMembership,
)

# Within an inspection released to the force (RELEASED_TO_FORCE), its liaison sees only the
# areas released to it (RELEASED_AREAS); both are defined beside the statuses.


def sees_every_inspection(user: AbstractBaseUser) -> bool:
    return user.is_active and (
        user.is_superuser or user.has_perm("inspections.view_all_inspections")
    )


def visible_inspections_q(user: AbstractBaseUser, prefix: str = "") -> Q:
    """A filter for inspections the user may see; `prefix` reaches them from another model."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    if sees_every_inspection(user):
        return Q()
    team = Q(**{f"{prefix}memberships__user": user})
    own_force = Q(
        **{f"{prefix}force__liaisons__user": user, f"{prefix}status__in": list(RELEASED_TO_FORCE)}
    )
    return team | own_force


def visible_inspection_ids(user: AbstractBaseUser):
    """Ids of inspections the user may see, as a subquery (avoids duplicate rows from joins)."""
    return Inspection.objects.filter(visible_inspections_q(user)).values("pk")


def visible_area_ids(user: AbstractBaseUser):
    """Ids of area assessments the user may see, as a subquery: every area of a visible
    inspection, except that a force liaison sees only the areas released to the force."""
    areas = AreaAssessment.objects.filter(inspection__in=visible_inspection_ids(user))
    if user.is_authenticated and not sees_every_inspection(user):
        team = Q(inspection__memberships__user=user)
        areas = areas.filter(team | Q(status__in=list(RELEASED_AREAS)))
    return areas.values("pk")


# The national panel has concluded the area's final grade; before that there is none to show.
GRADE_CONCLUDED = [
    AssessmentStatus.NATIONALLY_MODERATED,
    AssessmentStatus.RELEASED,
    AssessmentStatus.PUBLISHED,
]


class GradeReader(Enum):
    """Readers of a grade that are not a signed-in user."""

    # The inspectorate's own documents: a draft national report, which only inspectorate
    # staff may read (reports.permissions.sees_national_drafts).
    INSPECTORATE = "inspectorate"
    # Anyone at all: what has been published.
    PUBLIC = "public"


def concluded_grades_visible(reader: AbstractBaseUser | GradeReader) -> QuerySet[AreaAssessment]:
    """The areas whose concluded final grade `reader` may see: the one rule for every page,
    download and report that shows a grade.

    Published grades: everyone. Concluded but not published (a draft grade): whoever may see
    the area itself (`visible_area_ids`), so the team and inspectorate staff, and a force
    liaison only once that area (not merely another area of the inspection) is released to
    their force; an inspector never sees a draft grade of an inspection they are not on.
    """
    concluded = AreaAssessment.objects.filter(final_grade__isnull=False, status__in=GRADE_CONCLUDED)
    if reader is GradeReader.INSPECTORATE:
        return concluded
    published = Q(status=AssessmentStatus.PUBLISHED)
    if reader is GradeReader.PUBLIC or not reader.is_authenticated or not reader.is_active:
        return concluded.filter(published)
    return concluded.filter(published | Q(pk__in=visible_area_ids(reader)))


def sees_moderation(user: AbstractBaseUser, inspection: Inspection) -> bool:
    """Grades, rationales, panel decisions and dissents: the team and moderators only, never
    the force."""
    return sees_every_inspection(user) or is_team_member(user, inspection)


def is_team_member(user: AbstractBaseUser, inspection: Inspection) -> bool:
    if not user.is_authenticated:
        return False
    return TeamMembership.objects.filter(inspection=inspection, user=user).exists()


def can_edit_inspection(user: AbstractBaseUser, inspection: Inspection) -> bool:
    """Team members edit evidence, statements and the overview until publication; nobody
    else does. (Areas also lock their own evidence once submitted: see AreaAssessment.)"""
    if inspection.is_published:
        return False
    return user.is_active and is_team_member(user, inspection)


def is_force_liaison(user: AbstractBaseUser, inspection: Inspection) -> bool:
    """The user speaks for the inspected force (comments on its draft, submits its practice)."""
    if not user.is_authenticated:
        return False
    return ForceLiaison.objects.filter(user_id=user.pk, force_id=inspection.force_id).exists()


def may_open_inspections(user: AbstractBaseUser) -> bool:
    """Lead inspectors and administrators open a force's next inspection."""
    return user.is_active and user.has_perm("inspections.open_inspection")
