"""History rows as a person reads them: who, when, and what changed, in words.

A row names the user who wrote it; a row written without one (demo data, an import) is the
system's, with the source it recorded (services.history). Choices read as their labels,
foreign keys as the record they point to, a change of an evidence item's place as a move, and
the attachments of an evidence item appear in its history as they were added and removed.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.template.defaultfilters import filesizeformat

SYSTEM = "System"
# The field that places an item in its list, and the list it is placed in.
POSITION, LIST = "order", "kind"
# services.evidence parks an item at position 0 for the instant of a swap; such a row is no
# place the item ever was, so it is not shown and the swap reads as one move.
SWAP_SLOT = 0


@dataclass
class Change:
    label: str
    before: str
    after: str


@dataclass
class HistoryEntry:
    when: datetime
    who: str
    action: str
    # The values a record started with (its first row), or what a later row changed.
    values: list[tuple[str, str]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def history_actor(record) -> str:
    """Who wrote a history row: the user's name, or the system and the source it recorded."""
    user = record.history_user
    who = (user.get_full_name() or user.username) if user else SYSTEM
    source = record.history_change_reason
    return f"{who} — {source}" if source else who


class _Display:
    """Turns stored values into text: labels for choices, names for foreign keys (looked up
    once per page, not once per row), Yes/No, and chosen levels as "slot: option"."""

    def __init__(self, model, records: list, names):
        self.fields = {name: model._meta.get_field(name) for name in names}
        self.related = {}
        for name, model_field in self.fields.items():
            if model_field.many_to_one:
                ids = {getattr(record, model_field.attname) for record in records} - {None}
                manager = model_field.related_model._base_manager
                self.related[name] = manager.in_bulk(ids)

    def value(self, record, name: str):
        return getattr(record, self.fields[name].attname)

    def text(self, name: str, value) -> str:
        model_field = self.fields[name]
        if value is None or value == "":
            return ""
        if name in self.related:
            found = self.related[name].get(value)
            return str(found) if found is not None else f"(a deleted record, #{value})"
        if model_field.choices:
            return str(dict(model_field.flatchoices).get(value, value))
        if isinstance(value, bool):
            return "Yes" if value else "No"
        if isinstance(value, dict):
            return "; ".join(f"{slot}: {option}" for slot, option in value.items())
        return str(value)


def _is_swap_slot(record, names) -> bool:
    return POSITION in names and getattr(record, POSITION) == SWAP_SLOT


def _move_note(display: _Display, previous, record, changed: list[str]) -> str:
    before, after = display.value(previous, POSITION), display.value(record, POSITION)
    if LIST in changed:
        old_list = display.text(LIST, display.value(previous, LIST))
        new_list = display.text(LIST, display.value(record, LIST))
        return f"Moved from {old_list} (position {before}) to {new_list} (position {after})."
    return f"Moved from position {before} to {after}."


def _entry(record, previous, labels: dict[str, str], display: _Display) -> HistoryEntry:
    entry = HistoryEntry(
        when=record.history_date,
        who=history_actor(record),
        action=record.get_history_type_display(),
    )
    if record.history_type == "-":
        return entry
    if previous is None:
        for name, label in labels.items():
            if text := display.text(name, display.value(record, name)):
                entry.values.append((label, text))
        return entry
    changed = [
        name for name in labels if display.value(previous, name) != display.value(record, name)
    ]
    if POSITION in changed or (POSITION in labels and LIST in changed):
        entry.notes.append(_move_note(display, previous, record, changed))
        changed = [name for name in changed if name not in (POSITION, LIST)]
    for name in changed:
        before = display.text(name, display.value(previous, name))
        after = display.text(name, display.value(record, name))
        entry.changes.append(Change(labels[name], before, after))
    if not (entry.notes or entry.changes):
        entry.notes.append("Saved without a change to what is shown here.")
    return entry


def _attachment_entry(record) -> HistoryEntry | None:
    if record.history_type == "+":
        action = "Attachment added"
        note = f"“{record.original_name}” ({filesizeformat(record.size)})"
    elif record.history_type == "-":
        action, note = "Attachment removed", f"“{record.original_name}”"
    else:
        return None
    return HistoryEntry(
        when=record.history_date, who=history_actor(record), action=action, notes=[note]
    )


def history_entries(records, *, labels: dict[str, str], attachments=None) -> list[HistoryEntry]:
    """Newest first: each history row of one record, with what it changed against the row
    before, for the fields in `labels` (field name -> what the page calls it); with the
    record's attachment rows, when given, in their place in time."""
    rows = list(records.select_related("history_user").order_by("history_date", "history_id"))
    rows = [row for row in rows if not _is_swap_slot(row, labels)]
    display = _Display(records.model.instance_type, rows, labels)
    entries, previous = [], None
    for row in rows:
        entries.append(_entry(row, previous, labels, display))
        previous = row
    if attachments is not None:
        for attachment in attachments.select_related("history_user"):
            if (entry := _attachment_entry(attachment)) is not None:
                entries.append(entry)
    # Stable, so rows written at the same instant keep the order they were written in.
    entries.sort(key=lambda entry: entry.when)
    return list(reversed(entries))
