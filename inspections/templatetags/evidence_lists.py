"""The list kinds for templates that print their headings without a list at hand."""

from django import template

from inspections.models import EvidenceKind

register = template.Library()


@register.simple_tag
def evidence_kinds() -> list[EvidenceKind]:
    """The kinds in report order: `{% evidence_kinds as kinds %}`, then `kind.list_title`."""
    return list(EvidenceKind)
