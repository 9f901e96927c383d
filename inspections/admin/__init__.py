"""Admin registrations for inspections, split by topic; importing this package registers them."""

from inspections.admin import (
    assessments,
    corrections,
    evidence,
    follow_ups,
    national,
    practice,
    programmes,
    surveys,
    users,
)

__all__ = [
    "assessments",
    "corrections",
    "evidence",
    "follow_ups",
    "national",
    "practice",
    "programmes",
    "surveys",
    "users",
]
