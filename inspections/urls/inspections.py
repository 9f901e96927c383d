from django.urls import path

from inspections.views import criterion, history, inspection

urlpatterns = [
    path("inspections/<int:pk>/", inspection.inspection_detail, name="inspection_detail"),
    path("criteria/<int:pk>/", criterion.criterion_detail, name="criterion_detail"),
    path("criteria/<int:pk>/statement/", criterion.statement_save, name="statement_save"),
    path(
        "criteria/<int:pk>/statement/history/",
        history.statement_history,
        name="statement_history",
    ),
]
