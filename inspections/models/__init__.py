from inspections.models.assessments import (
    AreaAssessment,
    AssessmentStatus,
    CriterionAssessment,
)
from inspections.models.evidence import (
    EvidenceAttachment,
    EvidenceItem,
    EvidenceKind,
    EvidenceSource,
)
from inspections.models.inspections import (
    Inspection,
    InspectionStatus,
    TeamMembership,
    TeamRole,
)
from inspections.models.practice import DevelopingPractice
from inspections.models.programmes import GlossaryTerm, Programme, ProgrammeFramework

__all__ = [
    "AreaAssessment",
    "AssessmentStatus",
    "CriterionAssessment",
    "DevelopingPractice",
    "EvidenceAttachment",
    "EvidenceItem",
    "EvidenceKind",
    "EvidenceSource",
    "GlossaryTerm",
    "Inspection",
    "InspectionStatus",
    "Programme",
    "ProgrammeFramework",
    "TeamMembership",
    "TeamRole",
]
