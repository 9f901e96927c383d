"""Forms of the reports app."""

from pathlib import PurePath

from django import forms

from inspections.models import Programme

MAX_REPORT_BYTES = 5 * 1024 * 1024
# Enough for every force of a programme and its national report in one upload; the request's
# body stays under WORKBENCH_MAX_UPLOAD_BYTES (config/uploads.py) whatever the count.
MAX_REPORT_FILES = 50


class _MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class _MultipleFileField(forms.FileField):
    """Every file chosen, as a list; the field's required check applies to the whole list."""

    def clean(self, data, initial=None):
        single = super().clean
        if not data:
            return [single(None, initial)]
        if isinstance(data, (list, tuple)):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


class ReportUploadForm(forms.Form):
    """Published reports to import: each file's name and bytes, and how to import them."""

    file = _MultipleFileField(
        label="Report files",
        help_text=(
            "One or more published reports as plain text, markdown, HTML fragments or PDF, "
            f"at most 5 MB each and {MAX_REPORT_FILES} files at once."
        ),
        widget=_MultipleFileInput(
            attrs={"accept": ".txt,.md,.pdf,text/plain,text/markdown,application/pdf"}
        ),
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

    def clean_file(self) -> list[tuple[str, bytes]]:
        uploads = self.cleaned_data["file"]
        if len(uploads) > MAX_REPORT_FILES:
            raise forms.ValidationError(
                f"{len(uploads)} files were chosen; import at most {MAX_REPORT_FILES} at once."
            )
        files = []
        for upload in uploads:
            # One byte past the limit is enough to refuse: a huge upload is never read whole.
            data = upload.read(MAX_REPORT_BYTES + 1)
            # Only the base name is kept: it is shown and recorded, never used as a path.
            name = PurePath(upload.name.replace("\\", "/")).name[:255]
            if len(data) > MAX_REPORT_BYTES:
                what = "The file" if len(uploads) == 1 else f"The file {name}"
                raise forms.ValidationError(f"{what} is larger than 5 MB; nothing was imported.")
            files.append((name, data))
        self.source_name = files[0][0]
        return files
