"""Which criterion of a later framework takes up a criterion of an earlier one."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords

from grading.models.frameworks import Criterion


class CriterionMapping(models.Model):
    """A criterion of an earlier framework and its successor in a later one.

    A force's next inspection follows up each earlier area for improvement under the
    successor of the criterion it was recorded against; a criterion without a mapping has no
    successor, and its follow-ups sit under the inspection as a whole.
    """

    source = models.OneToOneField(
        Criterion, on_delete=models.CASCADE, related_name="successor_mapping"
    )
    target = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="predecessor_mappings"
    )
    note = models.CharField(max_length=250, blank=True, help_text="Why the criteria match.")
    history = HistoricalRecords()

    class Meta:
        ordering = ["source__framework__version", "source__framework__code", "source__order"]
        verbose_name = "criterion mapping"

    def __str__(self) -> str:
        return f"{self.source.framework} {self.source.number} → {self.target.framework} " + (
            self.target.number
        )

    def clean(self) -> None:
        if not (self.source_id and self.target_id):
            return
        source, target = self.source.framework, self.target.framework
        if target.code != source.code or target.version <= source.version:
            raise ValidationError(
                {"target": "Choose a criterion of a later version of the same inspection area."}
            )
        if self.target.children.exists():
            raise ValidationError(
                {"target": "Choose a criterion that holds evidence (one without sub-criteria)."}
            )
