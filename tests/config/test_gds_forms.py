"""The `gds` crispy-forms template pack (templates/gds/): GOV.UK Frontend markup per widget,
valid and invalid, and the error summary that links to each field."""

from html.parser import HTMLParser

import pytest
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.template import engines


class ExampleForm(forms.Form):
    name = forms.CharField(help_text="As on your warrant card.")
    reference = forms.CharField(
        required=False, widget=forms.TextInput(attrs={"class": "govuk-input--width-10"})
    )
    notes = forms.CharField(widget=forms.Textarea, help_text="Plain text.")
    force = forms.ChoiceField(choices=[("", "Choose"), ("a", "Force A"), ("b", "Force B")])
    grade = forms.ChoiceField(
        choices=[("good", "Good"), ("fair", "Fair"), ("poor", "Poor")],
        widget=forms.RadioSelect,
        help_text="The grade you propose.",
    )
    lists = forms.MultipleChoiceField(
        choices=[("strength", "Strengths"), ("afi", "Areas for improvement")],
        widget=forms.CheckboxSelectMultiple,
    )
    attachment = forms.FileField()
    confirm = forms.BooleanField(help_text="You checked the figures.")
    version = forms.IntegerField(widget=forms.HiddenInput)

    def clean(self):
        if self.data.get("reference") == "stale":
            raise forms.ValidationError("Someone else changed this page meanwhile.")
        return super().clean()


VALID = {
    "name": "Alice",
    "notes": "Seen in the force's files.",
    "force": "a",
    "grade": "fair",
    "lists": ["afi"],
    "confirm": "on",
    "version": "3",
}


def _valid_form():
    form = ExampleForm(data=VALID, files={"attachment": _upload()})
    assert form.is_valid(), form.errors
    return form


def _invalid_form():
    form = ExampleForm(data={"reference": "stale", "force": "x"})
    assert not form.is_valid()
    return form


def _upload():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("notes.txt", b"text", content_type="text/plain")


def _render(source, **context):
    return engines["django"].from_string("{% load crispy_forms_tags %}" + source).render(context)


class Elements(HTMLParser):
    """Every start tag as (tag, attrs); by id, and by class."""

    def __init__(self, html):
        super().__init__()
        self.tags = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, {name: value or "" for name, value in attrs}))

    def by_id(self, element_id):
        found = [attrs for _, attrs in self.tags if attrs.get("id") == element_id]
        assert len(found) == 1, f"{len(found)} elements with id {element_id}"
        return found[0]

    def tag_of(self, element_id):
        return next(tag for tag, attrs in self.tags if attrs.get("id") == element_id)

    def with_class(self, name):
        return [attrs for _, attrs in self.tags if name in attrs.get("class", "").split()]


def _classes(attrs):
    return set(attrs.get("class", "").split())


@pytest.fixture
def valid():
    return Elements(_render('{{ form|crispy:"gds" }}', form=_valid_form()))


@pytest.fixture
def invalid_html():
    return _render('{{ form|crispy:"gds" }}', form=_invalid_form())


@pytest.fixture
def invalid(invalid_html):
    return Elements(invalid_html)


def test_each_field_is_a_form_group_and_none_is_in_error_when_valid(valid):
    groups = valid.with_class("govuk-form-group")
    assert len(groups) == 8  # every visible field; the hidden one has none
    assert not valid.with_class("govuk-form-group--error")
    assert not valid.with_class("govuk-error-message")


def test_inputs_get_their_govuk_class_per_widget(valid):
    assert _classes(valid.by_id("id_name")) == {"govuk-input"}
    assert _classes(valid.by_id("id_notes")) == {"govuk-textarea"}
    assert _classes(valid.by_id("id_force")) == {"govuk-select"}
    assert _classes(valid.by_id("id_attachment")) == {"govuk-file-upload"}
    assert _classes(valid.by_id("id_confirm")) == {"govuk-checkboxes__input"}
    assert valid.tag_of("id_notes") == "textarea" and valid.tag_of("id_force") == "select"


def test_a_class_the_form_gives_a_widget_is_kept(valid):
    assert _classes(valid.by_id("id_reference")) == {"govuk-input", "govuk-input--width-10"}


def test_labels_point_at_their_inputs(valid):
    labels = {attrs["for"] for attrs in valid.with_class("govuk-label") if "for" in attrs}
    assert {"id_name", "id_notes", "id_force", "id_attachment", "id_confirm"} <= labels


def test_help_text_is_a_hint_that_the_input_names(valid):
    assert "govuk-hint" in _classes(valid.by_id("id_name-hint"))
    assert valid.by_id("id_name")["aria-describedby"] == "id_name-hint"
    assert valid.by_id("id_notes")["aria-describedby"] == "id_notes-hint"
    # A field without help text has no hint and nothing to describe it.
    assert "aria-describedby" not in valid.by_id("id_force")


def test_radios_are_a_fieldset_with_a_legend_items_inputs_and_labels(valid):
    fieldsets = valid.with_class("govuk-fieldset")
    assert len(fieldsets) == 2
    assert fieldsets[0]["aria-describedby"] == "id_grade-hint"
    assert len(valid.with_class("govuk-fieldset__legend")) == 2
    assert valid.with_class("govuk-radios")[0]["data-module"] == "govuk-radios"
    assert len(valid.with_class("govuk-radios__item")) == 3
    radio = valid.by_id("id_grade_1")
    assert _classes(radio) == {"govuk-radios__input"} and radio["type"] == "radio"
    assert "checked" in radio and "checked" not in valid.by_id("id_grade_0")
    radio_labels = [attrs["for"] for attrs in valid.with_class("govuk-radios__label")]
    assert radio_labels == ["id_grade_0", "id_grade_1", "id_grade_2"]


def test_checkbox_groups_have_items_inputs_and_labels(valid):
    boxes = [attrs for attrs in valid.with_class("govuk-checkboxes__input") if attrs["type"]]
    ids = [attrs["id"] for attrs in boxes]
    assert ids == ["id_lists_0", "id_lists_1", "id_confirm"]
    assert "checked" in valid.by_id("id_lists_1") and "checked" not in valid.by_id("id_lists_0")
    assert len(valid.with_class("govuk-checkboxes__item")) == 3
    assert len(valid.with_class("govuk-checkboxes__label")) == 3


def test_a_single_checkbox_has_its_hint_under_the_label(valid):
    hint = valid.by_id("id_confirm-hint")
    assert _classes(hint) == {"govuk-hint", "govuk-checkboxes__hint"}
    assert valid.by_id("id_confirm")["aria-describedby"] == "id_confirm-hint"


def test_invalid_fields_are_in_error_with_a_message_the_input_names(invalid, invalid_html):
    group = invalid.by_id("div_id_name")
    assert "govuk-form-group--error" in _classes(group)
    message = invalid.by_id("id_name-error")
    assert "govuk-error-message" in _classes(message)
    assert invalid.by_id("id_name")["aria-describedby"] == "id_name-hint id_name-error"
    assert invalid.by_id("id_force")["aria-describedby"] == "id_force-error"
    assert '<span class="govuk-visually-hidden">Error:</span> This field is required.' in (
        invalid_html
    )


def test_invalid_inputs_get_the_error_modifier_of_their_kind(invalid):
    assert _classes(invalid.by_id("id_name")) == {"govuk-input", "govuk-input--error"}
    assert _classes(invalid.by_id("id_notes")) == {"govuk-textarea", "govuk-textarea--error"}
    assert _classes(invalid.by_id("id_force")) == {"govuk-select", "govuk-select--error"}
    assert _classes(invalid.by_id("id_attachment")) == {
        "govuk-file-upload",
        "govuk-file-upload--error",
    }
    # An optional field is not in error.
    assert _classes(invalid.by_id("id_reference")) == {"govuk-input", "govuk-input--width-10"}


def test_a_group_in_error_names_hint_and_error_on_its_fieldset(invalid):
    fieldsets = invalid.with_class("govuk-fieldset")
    assert fieldsets[0]["aria-describedby"] == "id_grade-hint id_grade-error"
    assert fieldsets[1]["aria-describedby"] == "id_lists-error"
    assert "govuk-form-group--error" in _classes(invalid.by_id("div_id_lists"))
    assert invalid.by_id("id_confirm")["aria-describedby"] == "id_confirm-hint id_confirm-error"


def test_the_error_summary_links_each_field_error_to_its_input():
    form = _invalid_form()
    html = _render('{% include "gds/_error_summary.html" with form=form %}', form=form)
    summary = Elements(html)
    assert summary.with_class("govuk-error-summary")[0]["data-module"] == "govuk-error-summary"
    assert "There is a problem" in html
    links = [attrs["href"] for tag, attrs in summary.tags if tag == "a"]
    assert links == [
        "#id_name",
        "#id_notes",
        "#id_force",
        "#id_grade_0",  # a group links to its first option
        "#id_lists_0",
        "#id_attachment",
        "#id_confirm",
    ]
    # The error of no one field is listed first, without a link; a hidden field's names it.
    assert html.index("Someone else changed this page meanwhile.") < html.index('href="#id_name"')
    assert "Version: This field is required." in html


def test_there_is_no_error_summary_for_a_valid_form():
    form = _valid_form()
    html = _render('{% include "gds/_error_summary.html" with form=form %}', form=form)
    assert "govuk-error-summary" not in html


def test_errors_of_no_one_field_show_where_the_form_starts(invalid_html):
    start = invalid_html.index("Someone else changed this page meanwhile.")
    assert start < invalid_html.index('id="div_id_name"')


def test_the_crispy_tag_with_a_gds_helper_renders_the_form_and_a_govuk_button():
    form = _invalid_form()
    form.helper = FormHelper()
    form.helper.template_pack = "gds"
    form.helper.form_id = "example-form"
    form.helper.add_input(Submit("save", "Save"))
    html = _render("{% crispy form %}", form=form)
    elements = Elements(html)
    form_tag = elements.by_id("example-form")
    assert form_tag["method"] == "post" and "novalidate" in form_tag
    assert form_tag["enctype"] == "multipart/form-data"
    button = elements.by_id("submit-id-save")
    assert elements.tag_of("submit-id-save") == "button"
    assert _classes(button) == {"govuk-button"} and button["data-module"] == "govuk-button"
    assert "govuk-input--error" in _classes(elements.by_id("id_name"))


def test_the_gds_pack_may_be_named_in_the_crispy_tag():
    form = _valid_form()
    html = _render('{% crispy form "gds" %}', form=form)
    assert 'class="govuk-input"' in html
