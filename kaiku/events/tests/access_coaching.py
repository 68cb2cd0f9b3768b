"""Access levels of the live Q&A and coaching programme routes (see ``access.py``)."""

from __future__ import annotations

ACCESS_COACHING: dict[str, str] = {}
