"""Summary-statement templates with graded slots.

A template is ordinary text with slots written as `{name: option / option / option}`, options
strongest first, e.g. "Problems are solved jointly in {coverage: all / most / some}
neighbourhoods." Inspectors pick one option per slot and the statement is composed from the
choices, so the graded words that carry the judgement are always one of the agreed ones.
"""

import itertools
import re
from dataclasses import dataclass

SLOT_PATTERN = re.compile(r"\{\s*([a-z][a-z0-9_]*)\s*:([^{}]*)\}")
# A word printed twice with only spaces between, in any case: "have have", "The the".
DOUBLED_WORD = re.compile(r"\b(\w+)\s+\1\b", re.IGNORECASE)


class TemplateError(ValueError):
    """The template text is not well formed."""


# How the builder names a slot: one whose name says too little, then abbreviations the
# reports print in capitals; any other name is read as words ("minority_trend").
SLOT_LABELS = {"msf": "Against the MSF group"}
ABBREVIATIONS = {"bcu", "bcus", "kdi", "msf", "spi"}


@dataclass(frozen=True)
class Slot:
    name: str
    options: tuple[str, ...]

    @property
    def label(self) -> str:
        if self.name in SLOT_LABELS:
            return SLOT_LABELS[self.name]
        words = [w.upper() if w in ABBREVIATIONS else w for w in self.name.split("_") if w]
        text = " ".join(words)
        return text[:1].upper() + text[1:]


def parse_slots(template: str) -> list[Slot]:
    """Return the template's slots in order; raise TemplateError when malformed."""
    slots: list[Slot] = []
    for match in SLOT_PATTERN.finditer(template):
        name = match.group(1)
        options = tuple(option.strip() for option in match.group(2).split("/"))
        if len(options) < 2 or any(not option for option in options):
            raise TemplateError(f"Slot '{name}' needs at least two non-empty options.")
        if len(set(options)) != len(options):
            raise TemplateError(f"Slot '{name}' repeats an option.")
        if any(slot.name == name for slot in slots):
            raise TemplateError(f"Slot '{name}' appears more than once.")
        slots.append(Slot(name=name, options=options))
    leftover = SLOT_PATTERN.sub("", template)
    if "{" in leftover or "}" in leftover:
        raise TemplateError(
            "Unmatched brace: slots are written {name: option / option}, name in lower case."
        )
    return slots


def invalid_choices(template: str, choices: dict[str, str]) -> list[str]:
    """Messages for choices that name no slot or pick an option the slot does not offer."""
    slots = {slot.name: slot for slot in parse_slots(template)}
    problems = []
    for name, value in choices.items():
        if name not in slots:
            problems.append(f"'{name}' is not a slot of this statement.")
        elif value not in slots[name].options:
            allowed = ", ".join(slots[name].options)
            problems.append(f"'{value}' is not an option for '{name}' (choose {allowed}).")
    return problems


def compose(template: str, choices: dict[str, str]) -> str:
    """The statement with each slot replaced by its chosen option, or `[name]` if unchosen."""

    def replace(match: re.Match) -> str:
        return choices.get(match.group(1)) or f"[{match.group(1)}]"

    return SLOT_PATTERN.sub(replace, template)


def _neighbour_compositions(template: str):
    """Every option of each slot beside every option of the next, the other slots at their
    first option (the template alone when it has no slots)."""
    slots = parse_slots(template)
    first = {slot.name: slot.options[0] for slot in slots}
    if not slots:
        yield template
    for slot, following in itertools.zip_longest(slots, slots[1:]):
        pairs = itertools.product(slot.options, following.options if following else [None])
        for option, next_option in pairs:
            choices = {**first, slot.name: option}
            if following:
                choices[following.name] = next_option
            yield compose(template, choices)


def doubled_words(template: str) -> list[str]:
    """The doubled words ("have have") some choice of options would print, each once.

    A doubled word is two neighbouring words, and the words beside an option are its own, the
    fixed text's or the next slot's option's, so composing each slot's options beside the next
    slot's finds every one (bar a word glued together from several slots' options), in a
    number of compositions that grows with the slots rather than with their product.
    """
    found: list[str] = []
    for text in _neighbour_compositions(template):
        for match in DOUBLED_WORD.finditer(text):
            if match.group(0) not in found:
                found.append(match.group(0))
    return found
