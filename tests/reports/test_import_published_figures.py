"""A report import writes the force's survey results; it never changes the figures another
published inspection prints, while replacing its own earlier import stays possible."""

import datetime
from decimal import Decimal

import pytest

from forces.models import Force
from grading.models import IndicatorResult
from inspections.models import Inspection, InspectionStatus, Programme
from reports.importer.errors import ImportRefused
from tests.reports.import_support import FORCE, MARKDOWN, import_fixture, row_counts

pytestmark = pytest.mark.django_db


@pytest.fixture
def published_2010(programme_2008):
    """Cumbria's published 2010 inspection, whose calls over time compare with 2008."""
    programme = Programme.objects.create(
        year=2010,
        name="2010 programme",
        scheme=programme_2008.scheme,
        period_start=datetime.date(2009, 4, 1),
        period_end=datetime.date(2010, 3, 31),
    )
    return Inspection.objects.create(
        force=Force.objects.get(name=FORCE), programme=programme, status=InspectionStatus.PUBLISHED
    )


def test_an_import_that_would_change_another_published_reports_figures_is_refused(
    published_2010,
):
    before = row_counts()
    with pytest.raises(ImportRefused) as refused:
        import_fixture(MARKDOWN, user=None)
    assert refused.value.message == (
        "This report would change survey results that a published report prints (the 2010 "
        f"inspection of {FORCE} is published), and the figures of a published report never "
        "change."
    )
    assert row_counts() == before
    assert not IndicatorResult.objects.exists()


def test_replacing_its_own_published_import_still_writes_the_figures(programme_2008):
    import_fixture(MARKDOWN, user=None)
    result = IndicatorResult.objects.filter(force__name=FORCE, year=2008).first()
    IndicatorResult.objects.filter(pk=result.pk).update(value=Decimal("1.00"))
    import_fixture(MARKDOWN, user=None, replace=True)
    result.refresh_from_db()
    assert result.value != Decimal("1.00"), "the replacing import writes the printed figure"
