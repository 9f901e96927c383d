from grading.models.frameworks import Criterion, CriterionQuerySet, Framework, criteria_tree_order
from grading.models.indicators import Indicator, IndicatorResult, SurveySource
from grading.models.mappings import CriterionMapping
from grading.models.schemes import GradeLevel, GradingScheme

__all__ = [
    "Criterion",
    "CriterionMapping",
    "CriterionQuerySet",
    "Framework",
    "GradeLevel",
    "GradingScheme",
    "Indicator",
    "IndicatorResult",
    "SurveySource",
    "criteria_tree_order",
]
