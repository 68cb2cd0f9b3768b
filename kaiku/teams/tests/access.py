"""Who may use each of the teams app's named routes (merged into
``kaiku/core/tests/access_matrix.py``; the levels are explained there)."""

from __future__ import annotations

ACCESS: dict[str, str] = {
    # The list and a team's page: what the viewer may see (404 for a hidden team).
    "teams:list": "public",
    "teams:detail": "public",
    # Any signed-in person creates a team; its leads (and administrators) manage it.
    "teams:create": "authenticated",
    "teams:update": "authenticated",
    "teams:member_add": "authenticated",
    "teams:member_update": "authenticated",
    "teams:member_remove": "post-only",
    "teams:mentorship_create": "authenticated",
    # Members write agreements, sessions and improvements and move the cards.
    "teams:item_create": "authenticated",
    "teams:item_update": "authenticated",
    "teams:item_delete": "authenticated",
    "teams:improvement_move": "post-only",
    # The change coach directory is for signed-in people; coordinators keep it.
    "teams:coaches": "authenticated",
    "teams:coach_create": "authenticated",
    "teams:coach_update": "authenticated",
    "teams:coach_requests": "authenticated",
    "teams:request_create": "authenticated",
    "teams:request_answer": "post-only",
    "teams:mentees": "authenticated",
    # Read-only API: what the viewer may see.
    "team-list": "api",
    "team-detail": "api",
}
