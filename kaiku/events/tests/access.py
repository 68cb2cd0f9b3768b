"""Who may use each of the events app's named routes (merged into
``kaiku/core/tests/access_matrix.py``; the levels are explained there). Events and
registrations here; live Q&A and coaching programmes in ``access_coaching.py``. The finer
rules (audience, drafts, other organisers): ``test_views.py``."""

from __future__ import annotations

from .access_coaching import ACCESS_COACHING

ACCESS: dict[str, str] = {
    # Events the viewer may see (public ones for anonymous visitors).
    "events:list": "public",
    "events:detail": "public",
    "events:ical": "public",  # the online link only for those registered
    "events:material_download": "public",  # as visible as the event
    # A person's secret calendar address: anyone holding it (404 for a wrong or reset one).
    "events:calendar_feed": "public",
    "events:calendar": "authenticated",  # the address and its reset (POST)
    "events:register": "post-only",
    "events:unregister": "post-only",
    # Organisers (change coordinators, communications, administrators); an event's own
    # pages for those who manage it, 404 for everyone else.
    "events:create": "staff",
    "events:edit": "staff",
    "events:cancel": "staff",
    "events:material_add": "staff",
    "events:registrations": "staff",
    "events:export": "staff",
    "events:publish": "post-only",
    "events:material_delete": "post-only",
    "events:attendance": "post-only",
    # The feedback survey: a confirmation page (GET) and its creation (POST), for the
    # event's managers once it has ended (kaiku/events/tests/test_feedback.py).
    "events:feedback_create": "staff",
    # API (kaiku/events/api): events the caller may see; registrations of the caller.
    "event-list": "api",
    "event-detail": "api",
    "event-registration-list": "api-auth",
    "event-registration-detail": "api-auth",
    "event-registration-cancel": "api-auth",
    **ACCESS_COACHING,
}
