"""What questions tell the people who follow them: the asker, everyone who has the same
question, whoever was asked to answer, and anyone who chose to follow."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

QUESTION_ASSIGNED = "question_assigned"
QUESTION_ANSWERED = "question_answered"
QUESTION_MERGED = "question_merged"
QUESTION_CLOSED = "question_closed"


def register_notifications() -> None:
    from kaiku.notifications.registry import register_followable, register_kind

    from .models import Question

    register_kind(QUESTION_ASSIGNED, _("Question assigned"))
    register_kind(QUESTION_ANSWERED, _("Question answered"))
    register_kind(QUESTION_MERGED, _("Question merged into another"))
    register_kind(QUESTION_CLOSED, _("Question closed"))
    register_followable(Question, prefix=_("Question"))


def tell_followers(kind: str, question, *, actor) -> None:
    """After the caller's transaction commits, notify the question's followers (not the
    actor)."""
    from kaiku.notifications.services import notify_on_commit

    notify_on_commit(kind=kind, about=question, followed=[question], actor=actor)
