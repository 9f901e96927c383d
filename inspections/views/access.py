"""Small helpers views use to turn permission answers into responses."""

from django.core.exceptions import PermissionDenied

from inspections.models import AreaAssessment, Inspection
from inspections.permissions import can_edit_inspection


def require_team(user, inspection: Inspection) -> None:
    """Seeing is not editing: a moderator who may read the inspection gets 403 here."""
    if not can_edit_inspection(user, inspection):
        raise PermissionDenied("Only members of this inspection's team can change it.")


def editable(user, area: AreaAssessment) -> bool:
    return area.is_editable and can_edit_inspection(user, area.inspection)
