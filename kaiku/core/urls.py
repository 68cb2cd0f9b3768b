from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path(
        pgettext_lazy("URL", "accessibility/"),
        views.accessibility,
        name="accessibility",
    ),
]
