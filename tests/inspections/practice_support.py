"""Shared builders for the developing practice tests."""

from django.contrib.messages import get_messages

from inspections.models import DevelopingPractice, InspectionStatus
from tests.factories import UserFactory


def _area(inspection, code="np"):
    return inspection.programme.frameworks.get(code=code)


def _practice(inspection, *, selected=False, code="np", **fields):
    values = {
        "title": "Street surgeries in the market square",
        "problem": "Residents could not find their neighbourhood officers.",
        "solution": "Officers held a weekly drop-in at a stall beside the bus station.",
        "contact": "Inspector Jo Patel, 01234 567890",
        "submitted_by": UserFactory(),
        **fields,
    }
    return DevelopingPractice.objects.create(
        inspection=inspection,
        framework=_area(inspection, code),
        selected_for_publication=selected,
        **values,
    )


def _form_data(inspection, **overrides):
    data = {
        "inspection": inspection.pk,
        "framework": _area(inspection).pk,
        "title": "Cycle patrols on the canal towpath",
        "problem": "Walkers reported feeling unsafe after dark.\n\nFew incidents were reported.",
        "solution": "Two officers patrol the towpath by bicycle each evening.",
        "evaluation": "Counts of reported incidents before and after.",
        "external_validation": "",
        "outcomes": "Reports fell by a third over six months.",
        "contact": "Sergeant Ana Lewis, ana.lewis@example.test",
    }
    data.update(overrides)
    return data


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _released(inspection):
    inspection.status = InspectionStatus.FACTUAL_ACCURACY
    inspection.save()
    return inspection
