from django.apps import AppConfig


class ModerationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "moderation"

    def ready(self):
        from inspections.services.history import area_history_part_register

        area_history_part_register(_factual_comment_history)


def _factual_comment_history(area_ids: list[int]) -> list:
    from moderation.models import FactualAccuracyComment

    return [FactualAccuracyComment.history.filter(area_id__in=area_ids)]
