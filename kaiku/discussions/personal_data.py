"""This app's entries in the personal-data registry (kaiku.accounts.personal_data)."""

from __future__ import annotations

from kaiku.accounts.personal_data import register


def _discussions(user) -> list[dict]:
    from .models import Discussion

    return [
        {"title": d.title, "text": d.body, "created": d.created.isoformat()}
        for d in Discussion.objects.filter(author=user).order_by("pk")
    ]


def _comments(user) -> list[dict]:
    from .models import Comment

    return [
        {
            "text": c.body,
            "on": f"{c.content_type.app_label}.{c.content_type.model}:{c.object_id}",
            "created": c.created.isoformat(),
            "removed": c.deleted_at.isoformat() if c.deleted_at else None,
            "hidden_reason": c.hidden_reason if c.hidden_at else None,
        }
        for c in Comment.all_objects.filter(author=user).select_related("content_type")
    ]


def _revisions(user) -> list[dict]:
    from .models import CommentRevision

    return [
        {"comment": r.comment_id, "earlier_text": r.body, "edited": r.created.isoformat()}
        for r in CommentRevision.objects.filter(comment__author=user).order_by("pk")
    ]


def _reactions(user) -> list[dict]:
    from .models import Reaction

    return [
        {"comment": r.comment_id, "reaction": r.kind, "created": r.created.isoformat()}
        for r in Reaction.objects.filter(user=user).order_by("pk")
    ]


def _remove_reactions(user) -> None:
    from .models import Reaction

    Reaction.objects.filter(user=user).delete()


def _remove_mentions(user) -> None:
    user.comment_mentions.clear()


def register_personal_data() -> None:
    register(
        "discussions.discussion",
        export=_discussions,
        remove=None,
        note="Discussions the person started stay after removal; the author is shown as a "
        "removed user.",
    )
    register(
        "discussions.comment",
        export=_comments,
        remove=None,
        note="Comments stay after removal (others reply to them); the author is shown as a "
        "removed user. Hidden and removed comments are exported too.",
    )
    register(
        "discussions.commentrevision",
        export=_revisions,
        remove=None,
        note="Earlier versions of the person's comments (exported with them); the editor link "
        "is left empty when the account is deleted.",
    )
    register(
        "discussions.reaction",
        export=_reactions,
        remove=_remove_reactions,
        note="Reactions are removed with the account.",
    )
    register(
        "discussions.comment_mentions",
        export=None,
        remove=_remove_mentions,
        note="Mentions of the person in comments: the link is removed with the account (the "
        "text keeps the @name as written).",
    )
