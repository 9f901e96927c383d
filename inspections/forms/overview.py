"""The form for the force overview and context of an inspection."""

from django import forms
from django.core.exceptions import ValidationError

from inspections.models import Inspection
from inspections.services.overview import (
    OVERVIEW_FIELDS,
    OVERVIEW_TEXT_LIMIT,
    OverviewMerge,
    overview_fingerprint,
    overview_texts,
)
from inspections.validators import validate_plain_text


def overview_length(value: str) -> None:
    if len(value) > OVERVIEW_TEXT_LIMIT:
        raise ValidationError(
            f"This section has {len(value):,} characters; a section may have at most "
            f"{OVERVIEW_TEXT_LIMIT:,}. Shorten it, then save again.",
            code="max_length",
        )


def overview_plain_text(value: str) -> None:
    """The shared plain-text rule, with advice that fits these sections."""
    try:
        validate_plain_text(value)
    except ValidationError as exc:
        raise ValidationError(
            "Write plain text: HTML tags such as <b> or <script> are not allowed (for “less "
            "than”, put a space after “<”). Leave a blank line between paragraphs, and start "
            "a line with “- ” for a bullet point.",
            code=exc.code,
        ) from exc


class ReportTextField(forms.CharField):
    """A long optional text with Unix line endings, so the fingerprint of a saved text
    does not depend on the browser that sent it."""

    def __init__(self, *, rows: int = 6, **kwargs):
        # The limit is checked here rather than with max_length, whose message prints the
        # count without a thousands separator; the browser still gets maxlength.
        super().__init__(
            required=False,
            validators=[overview_plain_text, overview_length],
            widget=forms.Textarea(attrs={"rows": rows, "maxlength": OVERVIEW_TEXT_LIMIT}),
            **kwargs,
        )

    def to_python(self, value):
        return super().to_python(value).replace("\r\n", "\n").replace("\r", "\n")


class OverviewForm(forms.Form):
    overview = ReportTextField(
        label="Opening summary",
        rows=4,
        help_text="Printed straight under the heading: command units, neighbourhood teams, "
        "officers and partnerships at a glance.",
    )
    geography = ReportTextField(label="Geographical description of the force area", rows=8)
    demographics = ReportTextField(
        label="Demographic description",
        help_text="Printed above the population and households table, which is built from "
        "the force's command units.",
    )
    strategic_priorities = ReportTextField(
        label="Strategic priorities",
        help_text="Start a line with “- ” to print it as a bullet point.",
    )
    performance_overview = ReportTextField(label="Force performance overview")
    developments = ReportTextField(label="Developments since the last inspection", rows=8)
    fingerprint = forms.CharField(
        widget=forms.HiddenInput,
        error_messages={
            "required": "This form is missing its version marker. Open the edit page again."
        },
    )

    def sections(self, merge: OverviewMerge | None = None, theirs: dict | None = None):
        """Each text field with what a refused save needs beside it."""
        for name in OVERVIEW_FIELDS:
            yield {
                "field": self[name],
                "conflicting": bool(merge) and name in merge.conflicting,
                "taken": bool(merge) and name in merge.taken,
                "theirs": (theirs or {}).get(name, ""),
            }


def overview_initial(inspection: Inspection) -> dict[str, str]:
    return {**overview_texts(inspection), "fingerprint": overview_fingerprint(inspection)}
