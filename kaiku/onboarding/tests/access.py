"""Who may use each of the onboarding app's named routes (merged into
``kaiku/core/tests/access_matrix.py``; the levels are explained there).

The finer rules are proved in ``test_views.py``: a checklist is for its newcomer, supervisor
and mentor and those who manage onboarding (404 for anyone else); programmes are managed by
change coordinators and administrators (the list answers 403 to others, a programme's pages
404)."""

from __future__ import annotations

ACCESS: dict[str, str] = {
    # The person's own checklists and their people (empty pages for someone with none).
    "onboarding:index": "authenticated",
    "onboarding:people": "authenticated",
    # A checklist: its newcomer, supervisor and mentor, coordinators, administrators.
    "onboarding:enrolment_detail": "authenticated",
    # Ticking a task: POST only, the person responsible for it (or a coordinator).
    "onboarding:task_toggle": "post-only",
    # Managing programmes and enrolments: change coordinators and administrators.
    "onboarding:enrolment_edit": "authenticated",
    "onboarding:enrolment_delete": "authenticated",
    "onboarding:manage": "authenticated",
    "onboarding:programme_create": "authenticated",
    "onboarding:programme_detail": "authenticated",
    "onboarding:programme_edit": "authenticated",
    "onboarding:enrol": "authenticated",
    "onboarding:module_create": "authenticated",
    "onboarding:module_edit": "authenticated",
    "onboarding:task_create": "authenticated",
    "onboarding:task_edit": "authenticated",
    # API: the enrolments naming the signed-in caller (read-only).
    "onboarding-enrolment-list": "api-auth",
    "onboarding-enrolment-detail": "api-auth",
}
