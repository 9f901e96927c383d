"""Forms for grading pages outside the admin."""

from django import forms

from grading.indicator_csv import MAX_BYTES, MAX_ROWS


class IndicatorCsvUploadForm(forms.Form):
    file = forms.FileField(
        label="CSV file",
        # The parser reports an empty file in the same list as every other problem.
        allow_empty_file=True,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
        help_text=(
            f"UTF-8 text with a header row; at most {MAX_ROWS:,} rows and "
            f"{MAX_BYTES // (1024 * 1024)} MB."
        ),
    )

    def clean_file(self) -> bytes:
        # One byte over the limit is enough for the parser to refuse the file, and a huge
        # upload is never read into memory whole.
        return self.cleaned_data["file"].read(MAX_BYTES + 1)
