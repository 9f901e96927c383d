from moderation.models.decisions import (
    AssessmentEvent,
    DecisionOutcome,
    DecisionState,
    Dissent,
    PanelDecision,
)
from moderation.models.factual import (
    CommentResponse,
    CommentSection,
    FactualAccuracyComment,
    FactualChange,
)
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
    "CommentSection",
    "DecisionOutcome",
    "DecisionState",
    "Dissent",
    "FactualAccuracyComment",
    "FactualChange",
    "GradeProposal",
    "ModerationPanel",
    "PanelDecision",
    "PanelKind",
    "PanelMemberRole",
    "PanelMembership",
    "PanelSession",
]
