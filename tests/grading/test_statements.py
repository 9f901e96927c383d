import itertools
import re

import pytest
from django.core.exceptions import ValidationError

from grading import statements
from grading.models import Criterion
from grading.reference.frameworks import NEIGHBOURHOOD_POLICING_2008

TEMPLATE = (
    "Problems are solved jointly in {coverage: all / most / some} neighbourhoods and are "
    "{evaluation: routinely / partly / seldom} evaluated."
)


def test_slots_are_parsed_in_order_with_options_strongest_first():
    slots = statements.parse_slots(TEMPLATE)
    assert [slot.name for slot in slots] == ["coverage", "evaluation"]
    assert slots[0].options == ("all", "most", "some")


def test_compose_replaces_each_slot_with_its_choice():
    text = statements.compose(TEMPLATE, {"coverage": "most", "evaluation": "partly"})
    assert text == "Problems are solved jointly in most neighbourhoods and are partly evaluated."


def test_compose_marks_unchosen_slots():
    text = statements.compose(TEMPLATE, {"coverage": "all"})
    assert "all neighbourhoods" in text
    assert "[evaluation]" in text


def test_invalid_choices_names_unknown_slots_and_options():
    problems = statements.invalid_choices(TEMPLATE, {"coverage": "every", "colour": "red"})
    assert len(problems) == 2
    assert any("'every' is not an option for 'coverage'" in p for p in problems)
    assert any("'colour' is not a slot" in p for p in problems)


@pytest.mark.parametrize(
    "template, message",
    [
        ("In {coverage: all} areas.", "at least two"),
        ("In {coverage: all / all} areas.", "repeats"),
        ("{a: x / y} and {a: x / y}", "more than once"),
        ("An {unclosed: x / y", "Unmatched brace"),
        ("Upper {Coverage: x / y}", "Unmatched brace"),
    ],
)
def test_malformed_templates_are_refused_with_a_reason(template, message):
    with pytest.raises(statements.TemplateError, match=message):
        statements.parse_slots(template)


def test_template_without_slots_is_plain_text():
    assert statements.parse_slots("No graded words here.") == []
    assert statements.compose("No graded words here.", {}) == "No graded words here."


# Doubled words ----------------------------------------------------------------------------

DOUBLED = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)


def _every_composition(template: str):
    slots = statements.parse_slots(template)
    for options in itertools.product(*(slot.options for slot in slots)):
        yield statements.compose(template, {s.name: o for s, o in zip(slots, options, strict=True)})


@pytest.mark.django_db
def test_no_choice_of_any_reference_statement_prints_a_word_twice(reference):
    criteria = Criterion.objects.exclude(statement_template="").select_related("framework")
    compositions = 0
    for criterion in criteria:
        for text in _every_composition(criterion.statement_template):
            compositions += 1
            doubled = DOUBLED.search(text)
            assert doubled is None, f"{criterion.framework} {criterion.pk}: {doubled[0]!r}"
    assert compositions > 100  # every 2008 criterion, each with all its combinations


def test_the_trend_slot_of_the_outcomes_criterion_reads_once():
    template = NEIGHBOURHOOD_POLICING_2008["criteria"][1]["template"]
    text = statements.compose(
        template,
        {"msf": "significantly better than", "trend": "have significantly improved"},
    )
    assert "results have significantly improved." in text


@pytest.mark.parametrize(
    "template, doubled",
    [
        ("Results have {trend: have improved / are unchanged}.", ["have have"]),
        ("{a: in all / in most} {b: Most areas / few areas} act.", ["most Most"]),
        ("The {a: the best / a good} result.", ["The the"]),
        ("No slots but the the same word.", ["the the"]),
        ("Results {trend: have improved / are unchanged} in {a: all / most} areas.", []),
    ],
)
def test_doubled_words_are_found_beside_the_slots_and_between_them(template, doubled):
    assert statements.doubled_words(template) == doubled


@pytest.mark.django_db
def test_a_criterion_whose_choices_print_a_word_twice_is_refused(reference):
    criterion = Criterion.objects.exclude(statement_template="").first()
    criterion.statement_template = "Results have {trend: have improved / are unchanged}."
    with pytest.raises(ValidationError, match="have have"):
        criterion.full_clean()


@pytest.mark.parametrize(
    "name, label",
    [
        ("msf", "Against the MSF group"),
        ("minority_trend", "Minority trend"),
        ("bcu_cover", "BCU cover"),
    ],
)
def test_slot_labels_read_as_words_with_abbreviations_in_capitals(name, label):
    assert statements.Slot(name=name, options=("a", "b")).label == label
