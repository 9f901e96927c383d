from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.templatetags.static import static
from django.urls import include, path
from django.views.generic import RedirectView

from moderation.views.home import home

admin.site.site_header = "Inspection Workbench administration"
admin.site.site_title = "Inspection Workbench"


class FaviconView(RedirectView):
    """Browsers ask for /favicon.ico whatever a page links; send them to the static file."""

    def get_redirect_url(self, *args, **kwargs):
        # Looked up per request: with manifest storage the name carries the file's hash.
        return static("favicon.ico")


urlpatterns = [
    path("", home, name="home"),
    path("favicon.ico", FaviconView.as_view(), name="favicon"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    # Named templates, so the admin's own password pages keep the admin's look.
    path(
        "account/password/",
        auth_views.PasswordChangeView.as_view(template_name="registration/password_change.html"),
        name="password_change",
    ),
    path(
        "account/password/done/",
        auth_views.PasswordChangeDoneView.as_view(
            template_name="registration/password_change_complete.html"
        ),
        name="password_change_done",
    ),
    path("admin/", admin.site.urls),
    path("", include("inspections.urls")),
    path("", include("moderation.urls")),
    path("", include("grading.urls")),
    path("reports/", include("reports.urls")),
]
