"""Events and registrations (``urls.py`` adds the live Q&A and coaching programmes)."""

from __future__ import annotations

from django.urls import path

from . import views

urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("calendar/", views.calendar_settings, name="calendar"),
    path("calendar/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/ical/", views.event_ical, name="ical"),
    path("<int:pk>/register/", views.event_register, name="register"),
    path("<int:pk>/unregister/", views.event_unregister, name="unregister"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/publish/", views.event_publish, name="publish"),
    path("<int:pk>/cancel/", views.event_cancel, name="cancel"),
    path("<int:pk>/materials/new/", views.material_add, name="material_add"),
    path(
        "<int:pk>/materials/<int:material>/",
        views.material_download,
        name="material_download",
    ),
    path(
        "<int:pk>/materials/<int:material>/delete/",
        views.material_delete,
        name="material_delete",
    ),
    path("<int:pk>/registrations/", views.event_registrations, name="registrations"),
    path("<int:pk>/attendance/", views.event_attendance, name="attendance"),
    path("<int:pk>/registrations.<str:fmt>", views.event_export, name="export"),
]
