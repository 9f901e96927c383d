import pytest

from grading import statements

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
