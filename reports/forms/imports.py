"""Forms of the reports app."""

from pathlib import PurePath

from django import forms

from inspections.models import Programme

MAX_REPORT_BYTES = 5 * 1024 * 1024


class ReportUploadForm(forms.Form):
    """A published report to import: the file's bytes, and how to import it."""

    file = forms.FileField(
        label="Report file",
        help_text="The published report as plain text, at most 5 MB.",
        widget=forms.ClearableFileInput(attrs={"accept": ".txt,.md,text/plain,text/markdown"}),
    )
    programme_year = forms.TypedChoiceField(
        label="Programme",
        required=False,
        coerce=int,
        empty_value=None,
        help_text="Leave as it is to take the programme from the report's own dates.",
    )
    replace = forms.BooleanField(
        label="Replace an earlier import",
        required=False,
        help_text=(
            "Tick to overwrite what an earlier import of this force and programme saved; "
            "without it, a second import is refused."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        years = Programme.objects.order_by("-year").values_list("year", flat=True)
        self.fields["programme_year"].choices = [("", "From the report")] + [
            (year, str(year)) for year in years
        ]
        self.source_name = ""

    def clean_file(self) -> bytes:
        upload = self.cleaned_data["file"]
        # One byte past the limit is enough to refuse: a huge upload is never read whole.
        data = upload.read(MAX_REPORT_BYTES + 1)
        if len(data) > MAX_REPORT_BYTES:
            raise forms.ValidationError("The file is larger than 5 MB; nothing was imported.")
        # Only the base name is kept: it is shown and recorded, never used as a path.
        self.source_name = PurePath(upload.name.replace("\\", "/")).name[:255]
        return data
