"""The access matrix: for every action on an area and every status of the area, who may act.

It states the rules the permission functions, the workflow table and the services enforce
between them, in one place a person can read; `tests/security/test_access_matrix.py` drives
every cell through the pages, the allowed and the refused alike. Change a rule here and in
the code together.

Roles are relative to one area of one force's inspection:

- TEAM_INSPECTOR, TEAM_LEAD: on this inspection's team (the lead proposes and moves it on).
- OTHER_INSPECTOR: an inspector on another force's inspection only.
- CHAIR: chairs the force's regional panel and the area's national panel; not on the team.
- MEMBER, OTHER_MEMBER: members of both panels, never on the force's team. In the confirm and
  dissent cells the decision before the panel was recorded by MEMBER.
- FORMER_TEAM_MEMBER: a panel member who was on an earlier inspection team of this force.
- MODERATOR: sees every inspection, sits on no panel of this force.
- LIAISON, OTHER_LIAISON: speaks for this force / for another force.
- ADMIN: an administrator (superuser).
- ANONYMOUS: not signed in.

Two rules hold across the table:

- FOUR_EYES: no grade moves on the word of one person. Whoever confirms a panel decision is
  never the person who recorded it (the deputy chair confirms the chair's own decisions; a
  chair without a deputy records none), so MEMBER, the recorder, is refused the confirmation.
- NO_SELF_MODERATION: whoever was on any inspection team of a force never records a decision
  or a dissent on it, so FORMER_TEAM_MEMBER, TEAM_LEAD and TEAM_INSPECTOR never do.
"""

from enum import StrEnum

from inspections.models import AssessmentStatus


class Role(StrEnum):
    ANONYMOUS = "anonymous"
    TEAM_INSPECTOR = "team_inspector"
    TEAM_LEAD = "team_lead"
    OTHER_INSPECTOR = "other_inspector"
    CHAIR = "chair"
    MEMBER = "member"
    OTHER_MEMBER = "other_member"
    FORMER_TEAM_MEMBER = "former_team_member"
    MODERATOR = "moderator"
    LIAISON = "liaison"
    OTHER_LIAISON = "other_liaison"
    ADMIN = "admin"


class Action(StrEnum):
    READ_EVIDENCE = "read_evidence"  # a criterion's page with its evidence and statement
    READ_MODERATION = "read_moderation"  # the area's grade page: rationale, decisions, events
    ADD_EVIDENCE = "add_evidence"
    PROPOSE_GRADE = "propose_grade"
    SUBMIT = "submit"
    RECORD_DECISION = "record_decision"
    CONFIRM_DECISION = "confirm_decision"
    DISSENT = "dissent"
    RELEASE = "release"
    COMMENT = "comment"  # a factual-accuracy comment on the released draft
    # the change an accepted comment calls for, in the one section it names
    FACTUAL_CHANGE = "factual_change"
    PUBLISH = "publish"


STATUSES = [
    AssessmentStatus.DRAFTING,
    AssessmentStatus.SUBMITTED,
    AssessmentStatus.REGIONALLY_MODERATED,
    AssessmentStatus.NATIONALLY_MODERATED,
    AssessmentStatus.RELEASED,
    AssessmentStatus.PUBLISHED,
]
PANEL_STATUSES = [AssessmentStatus.SUBMITTED, AssessmentStatus.REGIONALLY_MODERATED]
RELEASED = [AssessmentStatus.RELEASED, AssessmentStatus.PUBLISHED]

TEAM = {Role.TEAM_INSPECTOR, Role.TEAM_LEAD}
# Inspectorate staff who see every inspection (the Moderator role) and administrators.
STAFF = {
    Role.CHAIR,
    Role.MEMBER,
    Role.OTHER_MEMBER,
    Role.FORMER_TEAM_MEMBER,
    Role.MODERATOR,
    Role.ADMIN,
}
PANEL = {Role.MEMBER, Role.OTHER_MEMBER}

FOUR_EYES = "whoever confirms a panel decision never recorded it"
NO_SELF_MODERATION = "no one decides or dissents on a force whose inspection team they were on"


def _in(statuses, roles) -> dict[str, frozenset[Role]]:
    return {status: frozenset(roles) for status in statuses}


def _liaison_reads(status) -> set[Role]:
    return {Role.LIAISON} if status in RELEASED else set()


# Action -> status -> the roles allowed. A status an action is missing from has nothing for
# that action to act on (no agenda item before submission, for instance).
MATRIX: dict[Action, dict[str, frozenset[Role]]] = {
    Action.READ_EVIDENCE: {
        status: frozenset(TEAM | STAFF | _liaison_reads(status)) for status in STATUSES
    },
    Action.READ_MODERATION: _in(STATUSES, TEAM | STAFF),
    Action.ADD_EVIDENCE: _in(STATUSES, set()) | _in([AssessmentStatus.DRAFTING], TEAM),
    Action.PROPOSE_GRADE: _in(STATUSES, set()) | _in([AssessmentStatus.DRAFTING], {Role.TEAM_LEAD}),
    Action.SUBMIT: _in(STATUSES, set()) | _in([AssessmentStatus.DRAFTING], {Role.TEAM_LEAD}),
    # From submission on, the area has an agenda item (regional, then national).
    Action.RECORD_DECISION: _in(STATUSES[1:], set()) | _in(PANEL_STATUSES, PANEL),
    Action.CONFIRM_DECISION: _in(STATUSES[1:], set()) | _in(PANEL_STATUSES, {Role.CHAIR}),
    # A dissent stands beside a pending or confirmed decision, so it may follow the step.
    Action.DISSENT: _in(STATUSES[1:], {Role.OTHER_MEMBER}),
    Action.RELEASE: (
        _in(STATUSES, set()) | _in([AssessmentStatus.NATIONALLY_MODERATED], {Role.TEAM_LEAD})
    ),
    Action.COMMENT: _in(STATUSES, set()) | _in([AssessmentStatus.RELEASED], {Role.LIAISON}),
    # Administrators correct through the admin's corrections, not as the team.
    Action.FACTUAL_CHANGE: _in(STATUSES, set()) | _in([AssessmentStatus.RELEASED], TEAM),
    Action.PUBLISH: _in(STATUSES, set()) | _in([AssessmentStatus.RELEASED], {Role.TEAM_LEAD}),
}


def allowed(action: Action, status: str, role: Role) -> bool:
    return role in MATRIX[action][status]


def cells() -> list[tuple[Action, str, Role]]:
    """Every (action, status, role) the matrix decides."""
    return [
        (action, status, role)
        for action, by_status in MATRIX.items()
        for status in by_status
        for role in Role
    ]
