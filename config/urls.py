from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from inspections.views.home import home

admin.site.site_header = "Inspection Workbench administration"
admin.site.site_title = "Inspection Workbench"

urlpatterns = [
    path("", home, name="home"),
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
