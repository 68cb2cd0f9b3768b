"""The events app's URLs: events and registrations (``urls_events``), live Q&A and coaching
programmes (``urls_coaching``), the feedback survey (``urls_feedback``)."""

from __future__ import annotations

from . import urls_coaching, urls_events, urls_feedback

app_name = "events"

urlpatterns = [
    *urls_events.urlpatterns,
    *urls_coaching.urlpatterns,
    *urls_feedback.urlpatterns,
]
