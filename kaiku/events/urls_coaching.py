"""URLs of the live Q&A (``live_views``) and the coaching programmes (``coaching_views``)."""

from __future__ import annotations

from django.urls import path

from . import live_views

urlpatterns: list = [
    path("<int:pk>/live/", live_views.live_page, name="live"),
    path("<int:pk>/live/questions/", live_views.live_questions, name="live_questions"),
    path("<int:pk>/live/ask/", live_views.live_ask, name="live_ask"),
    path("live/<int:pk>/vote/", live_views.live_vote, name="live_vote"),
    path("live/<int:pk>/answered/", live_views.live_answered, name="live_answered"),
    path("live/<int:pk>/hide/", live_views.live_hide, name="live_hide"),
    path("live/<int:pk>/restore/", live_views.live_restore, name="live_restore"),
    path("live/<int:pk>/move/", live_views.live_move, name="live_move"),
]
