from inspections.models.assessments import (
    RELEASED_AREAS,
    AreaAssessment,
    AssessmentStatus,
    CriterionAssessment,
)
from inspections.models.corrections import Correction, CorrectionField
from inspections.models.evidence import (
    EvidenceAttachment,
    EvidenceItem,
    EvidenceKind,
    EvidenceSource,
    NoneIdentified,
)
from inspections.models.follow_ups import FollowUp, FollowUpOutcome, InspectionOpening
from inspections.models.inspections import (
    RELEASED_TO_FORCE,
    Inspection,
    InspectionStatus,
    TeamMembership,
    TeamRole,
)
from inspections.models.national import GradeDistribution, PublishedGrade, Recommendation
from inspections.models.practice import DevelopingPractice
from inspections.models.programmes import GlossaryTerm, Programme, ProgrammeFramework
from inspections.models.published import (
    InspectionGlossaryEntry,
    OverviewTable,
    PublishedIndicatorCall,
)
from inspections.models.responses import (
    AddresseeBody,
    RecommendationResponse,
    ResponseStatus,
)
from inspections.models.surveys import ForceSurveyOverride, OutcomeWording, SurveySettings

__all__ = [
    "Correction",
    "CorrectionField",
    "NoneIdentified",
    "PublishedIndicatorCall",
    "OverviewTable",
    "InspectionGlossaryEntry",
    "Recommendation",
    "AddresseeBody",
    "RecommendationResponse",
    "ResponseStatus",
    "PublishedGrade",
    "GradeDistribution",
    "AreaAssessment",
    "AssessmentStatus",
    "CriterionAssessment",
    "DevelopingPractice",
    "EvidenceAttachment",
    "EvidenceItem",
    "EvidenceKind",
    "EvidenceSource",
    "FollowUp",
    "FollowUpOutcome",
    "ForceSurveyOverride",
    "GlossaryTerm",
    "Inspection",
    "InspectionOpening",
    "InspectionStatus",
    "OutcomeWording",
    "Programme",
    "ProgrammeFramework",
    "SurveySettings",
    "TeamMembership",
    "TeamRole",
    "RELEASED_AREAS",
    "RELEASED_TO_FORCE",
]
