"""Forms for developing practice: a force's submission, and the team's selection toggle."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Fieldset, Layout
from django import forms

from grading.models import Framework
from inspections.models import DevelopingPractice, Inspection, ProgrammeFramework
from inspections.services.practice import PRACTICE_TEXT_FIELDS, practice_version
from inspections.validators import validate_plain_text

PRACTICE_TITLE_LIMIT = 250
PRACTICE_TEXT_LIMIT = 5000


def _text_field(label: str, *, help_text: str, missing: str = "", rows: int = 5):
    """A plain-text paragraph field; `missing` is the message that makes it required."""
    error_messages = {
        "max_length": "Keep this to %(limit_value)d characters or fewer (it has %(show_value)d).",
    }
    if missing:
        error_messages["required"] = missing
    return forms.CharField(
        label=label,
        required=bool(missing),
        max_length=PRACTICE_TEXT_LIMIT,
        validators=[validate_plain_text],
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
        error_messages=error_messages,
    )


def _inspection_label(inspection: Inspection) -> str:
    return f"{inspection.programme.name} ({inspection.get_status_display().lower()})"


class DevelopingPracticeForm(forms.Form):
    inspection = forms.ModelChoiceField(
        queryset=Inspection.objects.none(),
        empty_label=None,
        help_text="Your force's inspection this example is offered to.",
        error_messages={"invalid_choice": "Choose one of your force's inspections."},
    )
    framework = forms.ModelChoiceField(
        label="Inspection area",
        queryset=Framework.objects.none(),
        error_messages={
            "required": "Choose the inspection area the example belongs to.",
            "invalid_choice": "Choose one of the listed inspection areas.",
        },
    )
    title = forms.CharField(
        max_length=PRACTICE_TITLE_LIMIT,
        validators=[validate_plain_text],
        help_text="A short name other forces will recognise the work by.",
        error_messages={
            "required": "Give the example a title.",
            "max_length": "Keep the title to %(limit_value)d characters or fewer "
            "(it has %(show_value)d).",
        },
    )
    problem = _text_field(
        "Problem",
        help_text="What was going wrong, and for whom.",
        missing="Describe the problem the work set out to tackle.",
    )
    solution = _text_field(
        "Solution",
        help_text="What the force did, with whom, and how it is run day to day.",
        missing="Describe what the force did about the problem.",
        rows=8,
    )
    evaluation = _text_field(
        "Evaluation", help_text="How the force has checked whether it works. Optional."
    )
    external_validation = _text_field(
        "External validation",
        help_text="Any review by people outside the force; say so if there has been none yet. "
        "Optional.",
    )
    outcomes = _text_field(
        "Outcomes", help_text="What has changed so far, with figures where you have them. Optional."
    )
    contact = _text_field(
        "Force contact",
        help_text="A name and role with a telephone number or e-mail address, so other forces "
        "can ask about the work.",
        missing="Give a contact: a name with a telephone number or e-mail address.",
        rows=3,
    )
    # An edit's entry as the page was opened (services.practice.practice_version); a save
    # from a page opened before another save is refused. Missing, it never matches.
    version = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, inspections=None, practice: DevelopingPractice | None = None, **kw):
        """New entries choose among `inspections`; an edit keeps `practice`'s inspection."""
        if practice is not None:
            initial = {"framework": practice.framework_id, **_texts(practice)}
            kw.setdefault("initial", {**initial, "version": practice_version(practice)})
        super().__init__(*args, **kw)
        self.practice = practice
        if practice is not None:
            del self.fields["inspection"]
            programme_ids = [practice.inspection.programme_id]
        else:
            del self.fields["version"]
            inspections = list(inspections or [])
            field = self.fields["inspection"]
            field.queryset = Inspection.objects.filter(pk__in=[i.pk for i in inspections])
            field.choices = [(i.pk, _inspection_label(i)) for i in inspections]
            if inspections:
                field.initial = inspections[0].pk
            programme_ids = [i.programme_id for i in inspections]
        self._areas_choose(programme_ids)
        self.helper = self._helper()

    def _areas_choose(self, programme_ids: list[int]) -> None:
        links = list(
            ProgrammeFramework.objects.filter(programme_id__in=programme_ids)
            .select_related("programme", "framework")
            .order_by("-programme__year", "order")
        )
        # Which areas each programme offers, to check the pair chosen in clean().
        self.areas: dict[int, dict[int, str]] = {}
        groups: dict[str, list[tuple[int, str]]] = {}
        for link in links:
            self.areas.setdefault(link.programme_id, {})[link.framework_id] = link.framework.name
            groups.setdefault(link.programme.name, []).append(
                (link.framework_id, link.framework.name)
            )
        field = self.fields["framework"]
        field.queryset = Framework.objects.filter(pk__in=[link.framework_id for link in links])
        options = next(iter(groups.values())) if len(groups) == 1 else list(groups.items())
        field.choices = [("", "Choose an area…"), *options]

    def _helper(self) -> FormHelper:
        helper = FormHelper()
        helper.form_tag = False
        helper.disable_csrf = True  # the template's <form> carries the token
        where = ["version", "framework"] if self.practice else ["inspection", "framework"]
        helper.layout = Layout(
            Fieldset("Where it belongs", *where),
            Fieldset(
                "The example",
                "title",
                "problem",
                "solution",
                "evaluation",
                "external_validation",
                "outcomes",
            ),
            Fieldset("Who to ask", "contact"),
        )
        return helper

    def clean(self):
        data = super().clean()
        inspection = self.practice.inspection if self.practice else data.get("inspection")
        framework = data.get("framework")
        if inspection and framework:
            offered = self.areas.get(inspection.programme_id, {})
            if framework.pk not in offered:
                names = ", ".join(offered.values()) or "none"
                self.add_error(
                    "framework",
                    f"{framework.name} is not an area of the {inspection.programme.name}. "
                    f"Its areas are: {names}.",
                )
        return data

    def texts(self) -> dict[str, str]:
        """The written fields, as the services take them."""
        return {name: self.cleaned_data[name] for name in PRACTICE_TEXT_FIELDS}


def _texts(practice: DevelopingPractice) -> dict[str, str]:
    return {name: getattr(practice, name) for name in PRACTICE_TEXT_FIELDS}


class PracticeSelectForm(forms.Form):
    """The review page's toggle: "1" selects an entry for publication, "0" withdraws it."""

    selected = forms.TypedChoiceField(
        choices=[("1", "Select for publication"), ("0", "Withdraw the selection")],
        coerce=lambda value: value == "1",
    )
