from __future__ import annotations

from django.urls import path

from . import views

app_name = "questions"

urlpatterns = [
    path("", views.question_list, name="list"),
    path("ask/", views.question_ask, name="ask"),
    path("similar/", views.question_similar, name="similar"),
    path("faq/", views.question_faq, name="faq"),
    path("triage/", views.question_triage, name="triage"),
    path("<int:pk>/", views.question_detail, name="detail"),
    path("<int:pk>/vote/", views.question_vote, name="vote"),
    path("<int:pk>/answer/", views.question_answer, name="answer"),
    path("<int:pk>/assign/", views.question_assign, name="assign"),
    path("<int:pk>/merge/", views.question_merge, name="merge"),
    path("<int:pk>/close/", views.question_close, name="close"),
    path("<int:pk>/reopen/", views.question_reopen, name="reopen"),
    path("<int:pk>/faq/", views.question_faq_update, name="faq_update"),
]
