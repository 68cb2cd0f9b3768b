from django.urls import path

from . import views

app_name = "core"

urlpatterns = [
    path("preview/markdown/", views.markdown_preview, name="markdown_preview"),
]
