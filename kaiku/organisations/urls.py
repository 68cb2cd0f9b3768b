from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("", views.organisation_list, name="list"),
    path("regions/<slug:slug>/", views.region_detail, name="region_detail"),
    path("<slug:slug>/", views.organisation_detail, name="detail"),
]
