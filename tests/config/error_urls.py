"""The site's URLs plus one view that fails, for the server-error page's tests."""

from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def broken_view(request):
    raise RuntimeError("A fault no page expects.")


urlpatterns = [path("test-only/broken/", broken_view), *site_urlpatterns]
