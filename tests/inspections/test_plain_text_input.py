"""The plain-text rule: anything that starts an HTML tag is refused, closed or not; "less
than" and the like stay accepted, and accepted text is escaped where it is shown."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from inspections.models import CriterionAssessment, EvidenceItem
from inspections.validators import validate_plain_text

UNCLOSED_TAGS = [
    "x <img src=x onerror=alert(1) y",
    "before <script",
    "a</p",
    "note <!-- hidden",
    "<?php echo 1",
    "<b>bold</b>",
    "A<svg onload=alert(1)//",
]
LEGITIMATE = ["a < b", "<5%", "2 <3", "fewer than 10 (< 10)", "x <= y", "arrows <- and ->", ""]


@pytest.mark.parametrize("text", UNCLOSED_TAGS)
def test_text_that_starts_a_tag_is_refused_even_unclosed(text):
    with pytest.raises(ValidationError, match="HTML tags") as refused:
        validate_plain_text(text)
    assert refused.value.code == "markup"


@pytest.mark.parametrize("text", LEGITIMATE)
def test_less_than_in_ordinary_writing_is_accepted(text):
    validate_plain_text(text)


@pytest.fixture
def assessment(inspection_a):
    return CriterionAssessment.objects.filter(area__inspection=inspection_a).first()


def test_evidence_form_refuses_an_unclosed_tag_and_saves_nothing(client, alice, assessment):
    client.force_login(alice)
    response = client.post(
        reverse("inspections:evidence_add", args=[assessment.pk]),
        {"kind": "strength", "text": "x <img src=x onerror=alert(1) y"},
    )
    assert response.status_code == 400
    assert "HTML tags such as &lt;b&gt; or &lt;script&gt; are not allowed" in (
        response.content.decode()
    )
    assert not EvidenceItem.objects.filter(criterion_assessment=assessment).exists()


def test_less_than_is_saved_and_shown_escaped(client, alice, assessment):
    client.force_login(alice)
    response = client.post(
        reverse("inspections:evidence_add", args=[assessment.pk]),
        {"kind": "strength", "text": "Response times <5% late; a < b and 2 <3."},
    )
    assert response.status_code == 302
    item = EvidenceItem.objects.get(criterion_assessment=assessment)
    assert item.text == "Response times <5% late; a < b and 2 <3."
    page = client.get(assessment.get_absolute_url()).content.decode()
    assert "Response times &lt;5% late; a &lt; b and 2 &lt;3." in page
