from __future__ import annotations

from django.urls import path

from . import views

app_name = "moderation"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("guidelines/", views.guidelines, name="guidelines"),
    path("report/<str:model>/<int:pk>/", views.report, name="report"),
    path("content/<str:model>/<int:pk>/", views.case, name="case"),
    path("content/<str:model>/<int:pk>/hide/", views.hide, name="hide"),
    path("content/<str:model>/<int:pk>/restore/", views.restore, name="restore"),
    path("content/<str:model>/<int:pk>/dismiss/", views.dismiss, name="dismiss"),
    path("people/<int:pk>/suspend/", views.suspend, name="suspend"),
    path("people/<int:pk>/unsuspend/", views.unsuspend, name="unsuspend"),
]
