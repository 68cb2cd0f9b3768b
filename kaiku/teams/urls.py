from __future__ import annotations

from django.urls import path

from . import views

app_name = "teams"

urlpatterns = [
    path("", views.team_list, name="list"),
    path("new/", views.team_create, name="create"),
    path("coaches/", views.coach_list, name="coaches"),
    path("coaches/new/", views.coach_create, name="coach_create"),
    path("coaches/requests/", views.coach_requests, name="coach_requests"),
    path("coaches/<int:pk>/edit/", views.coach_update, name="coach_update"),
    path("coaches/<int:pk>/request/", views.coaching_request_create, name="request_create"),
    path("requests/<int:pk>/answer/", views.coaching_request_answer, name="request_answer"),
    path("mentees/", views.my_mentees, name="mentees"),
    path("<slug:slug>/", views.team_detail, name="detail"),
    path("<slug:slug>/edit/", views.team_update, name="update"),
    path("<slug:slug>/members/add/", views.member_add, name="member_add"),
    path("<slug:slug>/members/<int:pk>/", views.member_update, name="member_update"),
    path("<slug:slug>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
    path("<slug:slug>/mentors/new/", views.mentorship_create, name="mentorship_create"),
    path(
        "<slug:slug>/improvements/<int:pk>/move/",
        views.improvement_move,
        name="improvement_move",
    ),
    path(
        "<slug:slug>/<str:kind>/new/",
        views.item_create,
        name="item_create",
    ),
    path("<slug:slug>/<str:kind>/<int:pk>/edit/", views.item_update, name="item_update"),
    path("<slug:slug>/<str:kind>/<int:pk>/delete/", views.item_delete, name="item_delete"),
]
