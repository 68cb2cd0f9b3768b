from __future__ import annotations

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from kaiku.accounts import views as accounts_views
from kaiku.core import views as core_views

admin.site.site_header = "Kaiku"
admin.site.site_title = "Kaiku"

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    path("favicon.ico", core_views.favicon, name="favicon"),
    # Django's language switch, which also stores a logged-in person's choice.
    path("i18n/setlang/", accounts_views.set_language, name="set_language"),
    path("api/", include("config.api")),
]

urlpatterns += i18n_patterns(
    path("admin/", admin.site.urls),
    path("accounts/", include("allauth.urls")),
    path("", include("kaiku.accounts.urls")),
    path("organisations/", include("kaiku.organisations.urls")),
    path("programmes/", include("kaiku.programme.urls")),
    path("news/", include("kaiku.news.urls")),
    path("notifications/", include("kaiku.notifications.urls")),
    path("questions/", include("kaiku.questions.urls")),
    path("discussions/", include("kaiku.discussions.urls")),
    path("moderation/", include("kaiku.moderation.urls")),
    path("search/", include("kaiku.search.urls")),
    path("surveys/", include("kaiku.surveys.urls")),
    path("teams/", include("kaiku.teams.urls")),
    path("events/", include("kaiku.events.urls")),
    path("onboarding/", include("kaiku.onboarding.urls")),
    path("", include("kaiku.core.urls")),
    path("", include("kaiku.site.urls")),
    prefix_default_language=True,
)

# Uploaded files are never served from MEDIA_URL directly: every download goes through a
# view that checks the viewer may see the file (e.g. programme group documents).
