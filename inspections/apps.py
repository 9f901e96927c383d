from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "inspections"

    def ready(self):
        # Grading writes the survey results but cannot see inspections; this tells it which
        # results a published report prints, so its import and admin refuse to change them.
        from grading.result_locks import result_guard_register
        from inspections.published_figures import published_result_refusals

        result_guard_register(published_result_refusals)
