"""The inspections app's admin building block: the product's plain-text rule on admin forms.

The generic read-only and history admins every app uses are in `config.admin_base`.
"""

from django import forms

from inspections.validators import validate_plain_text


class PlainTextAdminForm(forms.ModelForm):
    """The product's plain-text rule on every text field an administrator may type in, so
    the admin stores nothing the product's own forms would refuse."""

    def clean(self):
        cleaned = super().clean()
        for name, value in cleaned.items():
            if isinstance(value, str) and value:
                try:
                    validate_plain_text(value)
                except forms.ValidationError as error:
                    self.add_error(name, error)
        return cleaned
