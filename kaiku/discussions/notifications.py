"""What discussions and comments tell people (kaiku.notifications).

* ``comment_added``: a new comment on something the person follows (a discussion they
  started or follow; any followable target);
* ``comment_reply``: a reply to the person's comment;
* ``comment_mention``: the person was mentioned (``@handle``) in a comment or discussion;
* ``discussion_started``: a new discussion in a group or programme the person follows.

Nobody is told about content they may not see (re-checked per person with the content layer),
nor about their own writing, and a person gets one notification per comment at most
(mention beats reply beats follow).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext_lazy as _

COMMENT_ADDED = "comment_added"
COMMENT_REPLY = "comment_reply"
COMMENT_MENTION = "comment_mention"
DISCUSSION_STARTED = "discussion_started"


def register_notifications() -> None:
    from kaiku.notifications.registry import register_followable, register_kind

    from .models import Discussion

    register_kind(COMMENT_ADDED, _("New comment"))
    register_kind(COMMENT_REPLY, _("Reply to your comment"))
    register_kind(COMMENT_MENTION, _("You were mentioned"))
    register_kind(DISCUSSION_STARTED, _("New discussion"))
    register_followable(Discussion, prefix=_("Discussion"))


def notify_people(*, kind: str, about, people: Iterable, actor=None, title: str = "") -> list:
    """Tell each of ``people`` directly (``kaiku.notifications.services.notify_people``)."""
    from kaiku.notifications.services import notify_people as tell

    return tell(kind=kind, about=about, people=people, actor=actor, title=title or None)


def _followers(target) -> list:
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from kaiku.notifications.models import Follow

    content_type = ContentType.objects.get_for_model(target, for_concrete_model=True)
    user_ids = Follow.objects.filter(content_type=content_type, object_id=target.pk).values(
        "user_id"
    )
    return list(get_user_model().objects.filter(pk__in=user_ids, is_active=True).order_by("pk"))


def comment_posted(comment, *, target, actor, mentioned: list, in_reply_to) -> None:
    """After the commit, one notification per person: a mention, else a reply to their
    comment, else a new comment on what they follow."""
    from .commentables import title_of

    title = str(_("Comment on “%(title)s”") % {"title": title_of(target)})

    def run():
        with transaction.atomic():
            told = {p.pk for p in mentioned}
            notify_people(
                kind=COMMENT_MENTION, about=comment, people=mentioned, actor=actor, title=title
            )
            parent_author = in_reply_to.author if in_reply_to is not None else None
            if parent_author is not None and parent_author.pk not in told:
                notify_people(
                    kind=COMMENT_REPLY, about=comment, people=[parent_author], actor=actor,
                    title=title,
                )  # fmt: skip
                told.add(parent_author.pk)
            followers = [p for p in _followers(target) if p.pk not in told]
            notify_people(
                kind=COMMENT_ADDED, about=comment, people=followers, actor=actor, title=title
            )

    transaction.on_commit(run)


def discussion_started(discussion, *, actor, mentioned: list) -> None:
    from kaiku.notifications.services import notify

    def run():
        with transaction.atomic():
            notify_people(kind=COMMENT_MENTION, about=discussion, people=mentioned, actor=actor)
            followed = [discussion.programme, discussion.group]
            notify(
                kind=DISCUSSION_STARTED,
                about=discussion,
                followed=[f for f in followed if f is not None],
                actor=actor,
                context=str(discussion.group or discussion.programme),
            )

    transaction.on_commit(run)
