"""Who may use each of the onboarding app's named routes (merged into
``kaiku/core/tests/access_matrix.py``; the levels are explained there)."""

from __future__ import annotations

ACCESS: dict[str, str] = {}
