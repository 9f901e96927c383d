"""People: Django's own user admin, with the two dates it records shown rather than edited."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin

User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):
    """When someone last signed in and when their account was made are records the site keeps,
    not settings: shown, never typed (Django's date-and-time pair of boxes would also give
    neither box a label of its own)."""

    readonly_fields = ["last_login", "date_joined"]
