"""URLs of follow-ups: the earlier inspection's areas for improvement, assessed."""

from django.urls import path

from inspections.views import follow_ups, opening

urlpatterns = [
    path("follow-ups/<int:pk>/", follow_ups.follow_up_detail, name="follow_up_detail"),
    path("follow-ups/<int:pk>/history/", follow_ups.follow_up_history, name="follow_up_history"),
    path("programmes/<int:year>/open/", opening.inspection_open_page, name="inspection_open"),
    path(
        "inspections/<int:pk>/follow-ups/",
        follow_ups.inspection_follow_up_list,
        name="inspection_follow_ups",
    ),
]
