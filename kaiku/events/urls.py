"""The events app's URLs: events and registrations (``urls_events``), live Q&A and coaching
programmes (``urls_coaching``)."""

from __future__ import annotations

from . import urls_coaching, urls_events

app_name = "events"

urlpatterns = [*urls_events.urlpatterns, *urls_coaching.urlpatterns]
