"""PDF import: every force report the product prints imports back to the same structure, and
a PDF the importer cannot read is refused with a clear message.

The printed reports are rendered once for the module (WeasyPrint is slow), inside a
transaction that is rolled back, so each test imports its PDF into an empty programme.
"""

import io
import re
from io import StringIO
from pathlib import Path

import pypdf
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from inspections.models import Inspection
from reports.exporting import inspection_export
from reports.importer.errors import ImportRefused
from reports.importer.pdf_text import ENCRYPTED, NO_TEXT, is_pdf
from reports.importer.service import report_import
from reports.models import ReportImport
from reports.rendering.engine import html_to_pdf
from reports.rendering.force import force_report_document
from tests.conftest import require_service
from tests.reports.admin_support import UPLOAD_URL
from tests.reports.import_support import FIXTURES, MARKDOWN, comparable, leads_folded

pytestmark = pytest.mark.django_db

SEEDS = Path(__file__).resolve().parents[3] / "shared" / "seeds"
REPORTS = {
    "synthetic": FIXTURES / MARKDOWN,
    "2008": SEEDS / "staffordshire-2008-np-dcfp.txt",
    "2007": SEEDS / "staffordshire-2007-np-pm-pvp.txt",
}


class _RolledBack(Exception):
    pass


def _structure(inspection_id: int) -> dict:
    """What a printed report carries of an inspection, in a form two imports can compare.

    Text extracted from a PDF cannot tell bold from plain, so each item's lead phrase is read
    as the start of its text; whitespace is collapsed (a PDF may set a paragraph break as a
    space); practice is compared in title order; the calls the report prints are the engine's,
    so the published calls are left out (the engine's calls, from the figures, are kept).
    """
    document = leads_folded(
        comparable(inspection_export(inspection=Inspection.objects.get(pk=inspection_id)))
    )
    document = _collapsed(document)
    for area in document["areas"]:
        area["developing_practice"].sort(key=lambda entry: entry["title"])
        for indicator in area["indicators"]:
            indicator.pop("published_calls", None)
    return document


def _collapsed(value):
    if isinstance(value, str):
        return re.sub(r"\s+", " ", value).strip()
    if isinstance(value, dict):
        return {key: _collapsed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_collapsed(item) for item in value]
    return value


@pytest.fixture(scope="module")
def printed(django_db_setup, django_db_blocker):
    """Per report: the PDF the product prints after importing it, and the structure imported."""
    require_service(REPORTS["2008"].exists(), f"the shared seed reports are not at {SEEDS}")
    found = {}
    with django_db_blocker.unblock():
        try:
            with transaction.atomic():
                for key, path in REPORTS.items():
                    result = report_import(data=path.read_bytes(), source_name=path.name)
                    document = force_report_document(inspection_id=result.inspection_id)
                    found[key] = (html_to_pdf(document.html).pdf, _structure(result.inspection_id))
                raise _RolledBack
        except _RolledBack:
            pass
    return found


@pytest.mark.parametrize("key", ["synthetic", "2008", "2007"])
def test_a_printed_force_report_imports_back_to_the_same_structure(reference, printed, key):
    pdf, expected = printed[key]

    result = report_import(data=pdf, source_name=f"{key}.pdf")

    assert result.kind == "force"
    assert _structure(result.inspection_id) == expected


def test_the_pdf_import_reads_grades_criteria_sub_points_indicators_and_glossary(
    reference, printed
):
    pdf, _ = printed["2008"]

    document = _structure(report_import(data=pdf, source_name="s.pdf").inspection_id)

    assert [area["grade"] for area in document["areas"]] == ["Meeting the standard"] * 2
    first = document["areas"][0]["criteria"][0]
    assert first["heading"] == "Neighbourhoods are appropriately staffed."
    assert any(item["children"] for item in first["strengths"])
    indicator = document["areas"][0]["indicators"][0]
    assert (indicator["code"], indicator["value"], indicator["msf_difference"]) == (
        "SPI 2a",
        47.1,
        -5.2,
    )
    assert document["glossary"][0] == {"abbreviation": "ACR", "meaning": "area control room"}
    assert len(document["areas"][0]["developing_practice"]) == 3


def test_a_pdf_is_known_by_its_bytes_not_its_name(reference, printed):
    pdf, expected = printed["synthetic"]

    result = report_import(data=pdf, source_name="report.txt")

    assert _structure(result.inspection_id) == expected
    assert is_pdf(pdf) and not is_pdf(b"A report about PDF files.\n%PDF-1.7")


def test_the_command_imports_a_pdf(reference, printed, tmp_path):
    path = tmp_path / "printed.pdf"
    path.write_bytes(printed["synthetic"][0])
    out = StringIO()

    call_command("import_report", str(path), stdout=out)

    assert ReportImport.objects.get().source_name == "printed.pdf"
    assert Inspection.objects.get().force.name == "Cumbria"


def test_a_folder_of_pdfs_and_text_reports_imports_each(reference, printed, tmp_path):
    (tmp_path / "cumbria.pdf").write_bytes(printed["synthetic"][0])
    (tmp_path / "staffordshire.txt").write_bytes(REPORTS["2008"].read_bytes())
    (tmp_path / "scan.pdf").write_bytes(_blank_pdf())
    out = StringIO()

    with pytest.raises(CommandError) as error:
        call_command("import_report", str(tmp_path), stdout=out)

    assert error.value.returncode == 2
    assert set(Inspection.objects.values_list("force__name", flat=True)) == {
        "Cumbria",
        "Staffordshire",
    }
    assert "2 imported, 1 refused, of 3 files." in out.getvalue()


# PDFs the importer cannot read ----------------------------------------------------------------


def _blank_pdf(password: str = "") -> bytes:
    writer = pypdf.PdfWriter()
    writer.add_blank_page(width=200, height=200)
    if password:
        writer.encrypt(password)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _refusal(data: bytes) -> str:
    with pytest.raises(ImportRefused) as refused:
        report_import(data=data, source_name="bad.pdf")
    return refused.value.message


def test_a_pdf_without_text_is_refused_as_perhaps_scanned(reference):
    assert _refusal(_blank_pdf()) == NO_TEXT


def test_an_encrypted_pdf_is_refused(reference):
    assert _refusal(_blank_pdf(password="secret")) == ENCRYPTED


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\nthis is not a PDF at all\n",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n",
        b"%PDF-",
    ],
)
def test_a_broken_pdf_is_refused_with_a_message(reference, data):
    message = _refusal(data)

    assert message.startswith("The PDF could not be read") or message == NO_TEXT


def test_a_truncated_printed_pdf_is_refused(reference, printed):
    pdf = printed["2008"][0]

    message = _refusal(pdf[: len(pdf) // 3])

    assert "PDF" in message or "truncated" in message
    assert ReportImport.objects.count() == 0


def test_the_command_refuses_a_bad_pdf_with_status_2(reference, tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(_blank_pdf())

    with pytest.raises(CommandError) as error:
        call_command("import_report", str(path), stdout=StringIO())

    assert error.value.returncode == 2 and "no text" in str(error.value)


def test_the_admin_shows_the_refusal_of_a_bad_pdf(staff_client, reference, own_var_dir):
    upload = SimpleUploadedFile("locked.pdf", _blank_pdf(password="secret"))

    response = staff_client.post(UPLOAD_URL, {"file": upload})

    assert response.status_code == 400
    assert "encrypted with a password" in response.content.decode()
