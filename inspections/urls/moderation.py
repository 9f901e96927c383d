"""URLs for moderation."""

urlpatterns: list = []
