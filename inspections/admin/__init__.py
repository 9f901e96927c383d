"""Admin registrations for inspections, split by topic; importing this package registers them."""

from inspections.admin import (
    assessments,
    evidence,
    moderation,
    national,
    practice,
    programmes,
    surveys,
)

__all__ = [
    "assessments",
    "evidence",
    "moderation",
    "national",
    "practice",
    "programmes",
    "surveys",
]
