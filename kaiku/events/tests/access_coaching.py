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
}
