from django.urls import path

from inspections.views import history, practice

urlpatterns = [
    path("practice/", practice.practice_library, name="practice_library"),
    path("practice/submit/", practice.practice_submit, name="practice_submit"),
    path("practice/mine/", practice.practice_mine, name="practice_mine"),
    path("practice/<int:pk>/", practice.practice_detail, name="practice_detail"),
    path("practice/<int:pk>/edit/", practice.practice_edit, name="practice_edit"),
    path("practice/<int:pk>/history/", history.practice_history, name="practice_history"),
    path("practice/<int:pk>/select/", practice.practice_select, name="practice_select"),
    path("inspections/<int:pk>/practice/", practice.practice_review, name="practice_review"),
]
