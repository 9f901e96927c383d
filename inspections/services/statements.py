"""Summary statements: composed from graded choices, or overridden with free text."""

from django.contrib.auth.models import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import transaction

from grading import statements
from inspections.exceptions import EditConflict
from inspections.models import CriterionAssessment
from inspections.services.locks import criterion_assessment_lock


@transaction.atomic
def criterion_statement_save(
    *,
    assessment: CriterionAssessment,
    user: AbstractBaseUser,
    version: int,
    chosen_levels: dict[str, str],
    override: str = "",
    factual_check: bool = False,
    change_reason: str = "",
) -> CriterionAssessment:
    """Store the chosen levels and the statement as printed.

    The statement is composed from the choices unless `override` is given. Refuses with
    EditConflict when someone saved since `version`, AssessmentLocked after submission and
    ValidationError for a choice the template does not offer. `factual_check` and
    `change_reason`: see `criterion_assessment_lock`; the reason goes on the history row.
    """
    current = criterion_assessment_lock(assessment.pk, factual_check=factual_check)
    if current.version != version:
        raise EditConflict(current)
    template = assessment.criterion.statement_template
    problems = statements.invalid_choices(template, chosen_levels)
    if problems:
        raise ValidationError(problems)
    current.chosen_levels = chosen_levels
    current.statement_overridden = bool(override.strip())
    current.statement = override.strip() or statements.compose(template, chosen_levels)
    current.version += 1  # safe: the row lock above serialises writers
    current._history_user = user
    if change_reason:
        current._change_reason = change_reason
    current.save()
    return current
