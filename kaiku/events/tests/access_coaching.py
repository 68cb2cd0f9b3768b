"""Access levels of the live Q&A and coaching programme routes (see ``access.py``)."""

from __future__ import annotations

ACCESS_COACHING: dict[str, str] = {
    # Live Q&A: as visible as its event (404 otherwise); asking and voting need a sign-in
    # and a registration (kaiku/events/tests/test_live*.py).
    "events:live": "public",
    "events:live_questions": "public",
    "events:live_ask": "post-only",
    "events:live_vote": "post-only",
    "events:live_answered": "post-only",
    "events:live_hide": "post-only",
    "events:live_restore": "post-only",
    # The organiser's confirmation page (GET) and the move (POST).
    "events:live_move": "staff",
    # Coaching programmes: as visible as their audience (kaiku/events/tests/test_coaching.py).
    "events:programme_list": "public",
    "events:programme_detail": "public",
    "events:programme_create": "staff",
    "events:programme_edit": "staff",
    "events:programme_sessions": "staff",
    "events:programme_attendance_csv": "staff",
}
