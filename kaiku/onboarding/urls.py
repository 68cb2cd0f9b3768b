from __future__ import annotations

from django.urls import path

from . import views

app_name = "onboarding"

urlpatterns = [
    path("", views.index, name="index"),
    path("people/", views.my_people, name="people"),
    path("enrolments/<int:pk>/", views.enrolment_detail, name="enrolment_detail"),
    path("enrolments/<int:pk>/tasks/<int:task>/", views.task_toggle, name="task_toggle"),
    path("enrolments/<int:pk>/edit/", views.enrolment_edit, name="enrolment_edit"),
    path("enrolments/<int:pk>/delete/", views.enrolment_delete, name="enrolment_delete"),
    # Managing programmes (change coordinators and administrators).
    path("manage/", views.manage, name="manage"),
    path("manage/new/", views.programme_create, name="programme_create"),
    path("programmes/<int:pk>/", views.programme_detail, name="programme_detail"),
    path("programmes/<int:pk>/edit/", views.programme_edit, name="programme_edit"),
    path("programmes/<int:pk>/enrol/", views.enrol, name="enrol"),
    path("programmes/<int:pk>/modules/new/", views.module_form, name="module_create"),
    path("programmes/<int:pk>/modules/<int:module>/edit/", views.module_form, name="module_edit"),
    path(
        "programmes/<int:pk>/modules/<int:module>/tasks/new/",
        views.task_form,
        name="task_create",
    ),
    path("programmes/<int:pk>/tasks/<int:task>/edit/", views.task_form, name="task_edit"),
]
