"""URLs of an event's feedback survey (``feedback_views``)."""

from __future__ import annotations

from django.urls import path

from . import feedback_views

urlpatterns: list = [
    path("<int:pk>/feedback/new/", feedback_views.feedback_create, name="feedback_create"),
]
