"""E-mail to the people concerned when the workflow moves: submission, decisions, referral,
release, publication and factual-accuracy comments and answers.

Each message is worded here, inside the change's transaction, and handed after commit to the
moderation.send_notification task (`moderation.tasks`), so nobody hears of a change that was
rolled back and no request waits for the mail server. A queue that cannot be reached is
logged and the message dropped: it never undoes or breaks the change itself.
"""

import functools
import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse

from config.celery import QUEUE_ERRORS, SEND_RETRY_POLICY
from config.celery import app as celery_app
from forces.models import ForceLiaison
from inspections.models import AreaAssessment
from moderation.models import (
    AssessmentEvent,
    FactualAccuracyComment,
    ModerationPanel,
    PanelDecision,
    PanelKind,
)
from moderation.workflow import confirmer_id

logger = logging.getLogger(__name__)

SEND_TASK = "moderation.send_notification"


def _link(path: str) -> str:
    return settings.WORKBENCH_SITE_URL.rstrip("/") + path


def _area_url(area: AreaAssessment) -> str:
    return _link(reverse("moderation:area_detail", args=[area.pk]))


def _emails(users) -> list[str]:
    return sorted({user.email for user in users if user.email and user.is_active})


def _team(area: AreaAssessment):
    return get_user_model().objects.filter(memberships__inspection_id=area.inspection_id)


def _liaisons(area: AreaAssessment):
    links = ForceLiaison.objects.filter(force_id=area.inspection.force_id).select_related("user")
    return [link.user for link in links]


def _panel_people(area: AreaAssessment, kind: str):
    """The chair, deputy chair and members of the panel of `kind` whose business `area` is."""
    panel = ModerationPanel.objects.covering(area, kind).first()
    if panel is None:
        return []
    deputy = [panel.deputy_chair] if panel.deputy_chair_id else []
    return [panel.chair, *deputy, *panel.members.all()]


def _enqueue(subject: str, body: str, recipients: list[str]) -> None:
    try:
        celery_app.send_task(
            SEND_TASK,
            args=[subject, body, recipients],
            ignore_result=True,
            retry_policy=SEND_RETRY_POLICY,
        )
    except QUEUE_ERRORS:  # the change is committed; an unreachable queue must not hide that
        logger.warning("Could not queue %r to %s", subject, recipients, exc_info=True)


def _send(subject: str, body: str, recipients: list[str]) -> None:
    if recipients:
        transaction.on_commit(functools.partial(_enqueue, subject, body, recipients))


def _event_recipients(event: AssessmentEvent):
    area = event.area
    if event.action == "submit":
        return _panel_people(area, PanelKind.REGIONAL)
    if event.action in ("regional_moderate", "factual_refer_back"):
        return [*_team(area), *_panel_people(area, PanelKind.NATIONAL)]
    if event.action in ("release", "publish"):
        return [*_team(area), *_liaisons(area)]
    return list(_team(area))


def transition_made(event: AssessmentEvent) -> None:
    area = event.area
    name = f"{area.inspection.force.display_name}, {area.framework.name}"
    subject = f"{name}: {event.get_to_status_display().lower()}"
    lines = [
        f"{event.actor.get_full_name() or event.actor.username} moved {name} from "
        f"“{event.get_from_status_display()}” to “{event.get_to_status_display()}”.",
    ]
    if event.decision is not None and event.decision.grade is not None:
        lines.append(f"Grade: {event.decision.grade.label}.")
    if event.reason:
        lines.append(f"Reasons: {event.reason}")
    if event.action in ("release", "publish"):
        url = reverse("moderation:draft_report", args=[area.inspection_id])
        lines.append(f"Draft report: {_link(url)}")
    else:
        lines.append(f"Details: {_area_url(area)}")
    _send(subject, "\n\n".join(lines), _emails(_event_recipients(event)))


def decision_recorded(decision: PanelDecision) -> None:
    """Tell whoever confirms it (the chair, or the deputy for the chair's own decision) that a
    decision awaits their confirmation."""
    panel = decision.item.session.panel
    area = decision.area
    subject = f"Decision to confirm: {area.inspection.force.display_name}, {area.framework.name}"
    body = (
        f"{decision.recorded_by.get_full_name() or decision.recorded_by.username} recorded "
        f"“{decision.get_outcome_display()}” for the {panel}.\n\n"
        f"Confirm or decline it here: "
        f"{_link(reverse('moderation:agenda_item_detail', args=[decision.item_id]))}"
    )
    confirmer = get_user_model().objects.filter(pk=confirmer_id(panel, decision))
    _send(subject, body, _emails(list(confirmer)))


def decision_declined(decision: PanelDecision) -> None:
    area = decision.area
    subject = f"Decision not confirmed: {area.inspection.force.display_name}, {area.framework.name}"
    body = (
        f"The chair did not confirm “{decision.get_outcome_display()}”.\n\n"
        f"Chair's note: {decision.chair_note}\n\n"
        f"{_link(reverse('moderation:agenda_item_detail', args=[decision.item_id]))}"
    )
    _send(subject, body, _emails([decision.recorded_by]))


def comment_added(comment: FactualAccuracyComment) -> None:
    area = comment.area
    subject = f"Factual-accuracy comment: {comment.section_name}"
    body = (
        f"{area.inspection.force.display_name} commented on {comment.section_name}.\n\n"
        f"Comment: {comment.comment}\n\nProposed correction: {comment.proposed_correction}\n\n"
        f"Answer it here: {_link(reverse('moderation:draft_report', args=[area.inspection_id]))}"
    )
    _send(subject, body, _emails(_team(area)))


def comment_answered(comment: FactualAccuracyComment) -> None:
    subject = f"Answer to your comment on {comment.section_name}"
    url = reverse("moderation:draft_report", args=[comment.area.inspection_id])
    body = (
        f"{comment.get_response_display()}: {comment.response_text}\n\n"
        f"Your comment: {comment.comment}\n\n{_link(url)}"
    )
    _send(subject, body, _emails([comment.author]))
