"""Who may request, see and download report runs. Every report view asks here, nowhere else.

A force report follows its inspection: whoever may see the inspection may request its report
and see its runs. A force liaison who sees the inspection only as liaison (not on the team,
not a moderator) gets drafts of the areas released to the force (`released_only`) and the
published report, never a draft the team rendered of everything.

The national report: drafts for those who see every inspection (moderators, administrators)
and for lead inspectors; the published one for everyone signed in. Its summary and
recommendations carry no grades: their drafts are for inspectorate staff (inspectors too),
never for a force, and everyone reads them once the report is published.
"""

from django.contrib.auth.models import AbstractBaseUser
from django.db.models import Q

from inspections import roles
from inspections.models import Inspection, InspectionStatus, Programme, TeamMembership
from inspections.permissions import (
    is_team_member,
    sees_every_inspection,
    visible_inspection_ids,
)
from reports.models import RunKind

# Lead inspectors write the national report, so they read its drafts and edit its
# recommendations and summary; administrators may correct them.
NATIONAL_EDITORS = (roles.LEAD_INSPECTOR, roles.ADMINISTRATOR)


def sees_inspection_as_liaison_only(user: AbstractBaseUser, inspection: Inspection) -> bool:
    """True when the user sees `inspection` (already checked) only as its force's liaison."""
    return not sees_every_inspection(user) and not is_team_member(user, inspection)


def edits_national_report(user: AbstractBaseUser) -> bool:
    """Lead inspectors and administrators: the national report's summary and recommendations."""
    return roles.has_role(user, *NATIONAL_EDITORS)


def sees_national_drafts(user: AbstractBaseUser) -> bool:
    return edits_national_report(user) or sees_every_inspection(user)


def sees_national_text(user: AbstractBaseUser, programme: Programme) -> bool:
    """The summary and recommendations: inspectorate staff while they are a draft, everyone
    signed in once the national report is published."""
    return roles.is_inspectorate_staff(user) or programme_is_published(programme)


def sees_response_progress(user: AbstractBaseUser) -> bool:
    """Every addressee's response, across all forces: inspectorate staff. A force's liaison
    and a body's responders see only their own responses (reports.views.responses)."""
    return roles.is_inspectorate_staff(user)


def inspection_is_published(inspection: Inspection) -> bool:
    return inspection.status == InspectionStatus.PUBLISHED


def programme_is_published(programme: Programme) -> bool:
    """The national report is final once every inspection of the programme is published; a
    programme known only from an imported national report holds none and is final too (the
    national builder decides its draft flag the same way)."""
    pending = Inspection.objects.filter(programme=programme).exclude(
        status=InspectionStatus.PUBLISHED
    )
    return not pending.exists()


def visible_runs_q(user: AbstractBaseUser) -> Q:
    """A filter for the report runs the user may see."""
    if not user.is_authenticated or not user.is_active:
        return Q(pk__in=[])
    national = Q(programme__isnull=False)
    if not sees_national_drafts(user):
        national &= Q(kind=RunKind.FINAL)
    if sees_every_inspection(user):
        return national | Q(inspection__isnull=False)
    team = TeamMembership.objects.filter(user=user).values("inspection")
    # Subqueries, not joins, so a run is never listed twice.
    force = Q(inspection__in=visible_inspection_ids(user)) & (
        Q(inspection__in=team) | Q(released_only=True) | Q(kind=RunKind.FINAL)
    )
    return national | force
