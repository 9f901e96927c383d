"""URLs of the national grades table."""

from django.urls import path

from inspections.views import national

urlpatterns = [
    path("programmes/grades/", national.national_grades_latest, name="national_grades_latest"),
    path("programmes/<int:year>/grades/", national.national_grades, name="national_grades"),
    path(
        "programmes/<int:year>/grades.csv",
        national.national_grades_csv,
        name="national_grades_csv",
    ),
]
