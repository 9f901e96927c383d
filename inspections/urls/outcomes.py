from django.urls import path

from inspections.views import outcomes

urlpatterns = [
    path("criteria/<int:pk>/chart.svg", outcomes.outcome_chart, name="outcome_chart"),
    path(
        "programmes/indicators/",
        outcomes.programme_indicators_latest,
        name="programme_indicators_latest",
    ),
    path(
        "programmes/<int:year>/indicators/",
        outcomes.programme_indicators,
        name="programme_indicators",
    ),
]
