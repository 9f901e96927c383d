"""URLs for national."""

urlpatterns: list = []
