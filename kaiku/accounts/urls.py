from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("profile/", views.profile, name="profile"),
    path("profile/token/", views.token_create, name="token_create"),
    path("profile/token/revoke/", views.token_revoke, name="token_revoke"),
    path("profile/data/", views.data_export, name="data_export"),
    path("profile/remove/", views.account_remove, name="account_remove"),
    path("people/<int:pk>/", views.person_detail, name="person_detail"),
    path("invitation/<str:token>/", views.invitation, name="invitation"),
]
