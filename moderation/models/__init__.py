from moderation.models.decisions import (
    AssessmentEvent,
    DecisionOutcome,
    DecisionState,
    Dissent,
    PanelDecision,
)
from moderation.models.factual import CommentResponse, FactualAccuracyComment
from moderation.models.panels import (
    AgendaItem,
    ModerationPanel,
    PanelKind,
    PanelMemberRole,
    PanelMembership,
    PanelSession,
)
from moderation.models.proposals import GradeProposal

__all__ = [
    "AgendaItem",
    "AssessmentEvent",
    "CommentResponse",
    "DecisionOutcome",
    "DecisionState",
    "Dissent",
    "FactualAccuracyComment",
    "GradeProposal",
    "ModerationPanel",
    "PanelDecision",
    "PanelKind",
    "PanelMemberRole",
    "PanelMembership",
    "PanelSession",
]
