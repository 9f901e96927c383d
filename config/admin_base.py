"""Admin building blocks every app uses to keep the workflow's records out of an
administrator's reach.

The admin is where reference data is kept. Judgements (evidence, statements, grades,
decisions) are written through the product's pages and services, which check roles, versions
and the workflow and record who did what; the admin shows them read-only, and an
administrator's correction goes through a service (see `inspections.services.corrections`).
Nothing here knows any app's models, so every app may import it.
"""

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin


class ReadOnlyRecordAdmin(admin.ModelAdmin):
    """Viewable, never added, changed or deleted here."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ReadOnlyInline:
    """An inline that lists rows without letting them be added, changed or deleted."""

    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class HistoryAdmin(SimpleHistoryAdmin):
    """django-simple-history's admin, showing past versions but never saving one back.

    Its version page saves a posted form without asking whether the object may be changed
    (a read-only record included), so a "revert" could set any field, a status or a grade
    among them. A past version is shown only; a change goes through the product's pages."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST":
            raise PermissionDenied("Past versions are shown, never saved back.")
        return super().history_form_view(request, object_id, version_id, extra_context)

    def revert_disabled(self, request, obj=None):
        return True
