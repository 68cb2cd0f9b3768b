"""Registry entries of the live Q&A and the coaching programmes, called from
``EventsConfig.ready()`` after ``registry.register_events`` (which registers the content
audiences and the personal data of every events model)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

#: The asker and the voters of a live question are told it was moved into the questions.
LIVE_QUESTION_MOVED = "live_question_moved"


def register_coaching() -> None:
    from kaiku.notifications.registry import register_kind

    from . import coaching_demo  # noqa: F401  (registers its demo loader)

    register_kind(LIVE_QUESTION_MOVED, _("Your event question moved to questions"))
