from __future__ import annotations

from django.urls import path

from . import views

app_name = "discussions"

programme = "programmes/<slug:programme_slug>/"
group = f"{programme}groups/<slug:slug>/"

urlpatterns = [
    path("", views.discussion_index, name="index"),
    path(programme, views.programme_discussions, name="programme"),
    path(f"{programme}new/", views.programme_create, name="programme_create"),
    path(group, views.group_discussions, name="group"),
    path(f"{group}new/", views.group_create, name="group_create"),
    path("<int:pk>/", views.discussion_detail, name="detail"),
    path("<int:pk>/edit/", views.discussion_update, name="update"),
    path("<int:pk>/moderate/", views.discussion_moderate, name="moderate"),
    # Comments on any commentable object: ``news.newsitem/12/``.
    path("comments/<str:target>/<int:object_id>/", views.comments, name="comments"),
    path("comment/<int:pk>/", views.comment_link, name="comment_link"),
    path("comment/<int:pk>/reply/", views.comment_reply, name="comment_reply"),
    path("comment/<int:pk>/edit/", views.comment_edit, name="comment_edit"),
    path("comment/<int:pk>/remove/", views.comment_delete, name="comment_delete"),
    path("comment/<int:pk>/history/", views.comment_history, name="comment_history"),
    path("comment/<int:pk>/react/", views.comment_react, name="comment_react"),
]
