"""URLs of the live Q&A (``live_views``) and the coaching programmes (``coaching_views``)."""

from __future__ import annotations

from django.urls import path

from . import coaching_views, live_views

urlpatterns: list = [
    path("<int:pk>/live/", live_views.live_page, name="live"),
    path("<int:pk>/live/questions/", live_views.live_questions, name="live_questions"),
    path("<int:pk>/live/ask/", live_views.live_ask, name="live_ask"),
    path("live/<int:pk>/vote/", live_views.live_vote, name="live_vote"),
    path("live/<int:pk>/answered/", live_views.live_answered, name="live_answered"),
    path("live/<int:pk>/hide/", live_views.live_hide, name="live_hide"),
    path("live/<int:pk>/restore/", live_views.live_restore, name="live_restore"),
    path("live/<int:pk>/move/", live_views.live_move, name="live_move"),
    path("programmes/", coaching_views.programme_list, name="programme_list"),
    path("programmes/new/", coaching_views.programme_create, name="programme_create"),
    path("programmes/<slug:slug>/", coaching_views.programme_detail, name="programme_detail"),
    path("programmes/<slug:slug>/edit/", coaching_views.programme_edit, name="programme_edit"),
    path(
        "programmes/<slug:slug>/sessions/",
        coaching_views.programme_sessions,
        name="programme_sessions",
    ),
    path(
        "programmes/<slug:slug>/attendance.csv",
        coaching_views.programme_attendance_csv,
        name="programme_attendance_csv",
    ),
]
