"""Who may use each of the events app's named routes (merged into
``kaiku/core/tests/access_matrix.py``; the levels are explained there). Events and
registrations here; live Q&A and coaching programmes in ``access_coaching.py``."""

from __future__ import annotations

from .access_coaching import ACCESS_COACHING

ACCESS: dict[str, str] = {
    **ACCESS_COACHING,
}
