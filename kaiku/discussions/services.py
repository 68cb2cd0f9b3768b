"""Writes of discussions, comments and reactions.

The callers (views, the API) check who may do what first (``rules.py``, and that the viewer
may see the target); every function here validates with ``full_clean`` inside one
transaction and records the rate limit there (``kaiku.core.ratelimit``), so a refused or
invalid write saves nothing.
"""

from __future__ import annotations

import re

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import SimpleLazyObject, empty
from django.utils.translation import gettext as _

from kaiku.core import lifecycle
from kaiku.core.audit import audit_log
from kaiku.core.cache import content_changed
from kaiku.core.content import Visibility
from kaiku.core.ratelimit import POST, VOTE, check_and_record
from kaiku.core.writes import model_update

from . import notifications
from .commentables import commentable_of, target_audience
from .models import Comment, CommentRevision, Discussion, Reaction, ReactionKind

# ``@maija.meikalainen``: the part of a person's email address before the ``@``.
MENTION_RE = re.compile(r"(?<![\w@.])@([A-Za-z0-9][A-Za-z0-9._-]{0,62}[A-Za-z0-9])")
MAX_MENTIONS = 10
_RANK = {Visibility.PUBLIC: 0, Visibility.STAFF: 1, Visibility.MEMBERS: 2}


def handle_of(user) -> str:
    """The name others mention ``user`` by: ``@`` and the start of their email address."""
    return user.email.split("@", 1)[0].lower() if user and user.email else ""


def mentioned_people(text: str) -> list:
    """The active people ``text`` mentions; a handle that fits two people names nobody."""
    handles = list(dict.fromkeys(h.lower() for h in MENTION_RE.findall(text or "")))
    handles = handles[:MAX_MENTIONS]
    if not handles:
        return []
    q = Q()
    for handle in handles:
        q |= Q(email__istartswith=f"{handle}@")
    found: dict[str, list] = {}
    people = get_user_model().objects.filter(q, is_active=True, removed_at__isnull=True)
    for person in people:
        found.setdefault(handle_of(person), []).append(person)
    return [found[h][0] for h in handles if len(found.get(h, [])) == 1]


def _person(actor):
    """``request.user`` is a lazy object; the rate limits need the model instance."""
    if isinstance(actor, SimpleLazyObject):
        if actor._wrapped is empty:
            actor._setup()
        return actor._wrapped
    return actor


def _record(actor, action: str, text: str = "") -> None:
    check_and_record(user=_person(actor), action=action, text=text)


# --- Discussions ---------------------------------------------------------------------------


def clamp_visibility(visibility: str, group) -> str:
    """A discussion is never more visible than its group."""
    if group is not None and _RANK.get(group.visibility, 2) > _RANK.get(visibility, 2):
        return group.visibility
    return visibility


def _check_visibility(visibility: str, group) -> None:
    if visibility == Visibility.MEMBERS and group is None:
        raise ValidationError(
            {"visibility": _("Only a working group's discussion can be for its members only.")}
        )


@transaction.atomic
def discussion_create(
    *, actor, programme, title: str, body: str, group=None, visibility=Visibility.PUBLIC
) -> Discussion:
    """Start a discussion. Raises ``ValidationError`` or ``RateLimitError`` (nothing saved)."""
    if group is not None and group.programme_id != programme.pk:
        raise ValidationError({"group": _("The group must belong to the programme.")})
    _check_visibility(visibility, group)
    discussion = Discussion(
        programme=programme,
        group=group,
        title=title,
        body=body,
        author=actor,
        visibility=clamp_visibility(visibility, group),
        last_activity_at=timezone.now(),
    )
    discussion.full_clean()
    _record(actor, POST, f"{title}\n{body}")
    discussion.save()
    from kaiku.notifications.services import follow

    follow(user=actor, target=discussion)
    notifications.discussion_started(discussion, actor=actor, mentioned=mentioned_people(body))
    return discussion


DISCUSSION_FIELDS = ("title", "body", "visibility")


@transaction.atomic
def discussion_update(*, actor, discussion: Discussion, **fields) -> Discussion:
    if "visibility" in fields:
        _check_visibility(fields["visibility"], discussion.group)
        fields["visibility"] = clamp_visibility(fields["visibility"], discussion.group)
    before = set(mentioned_people(discussion.body))
    # Its comments copy a changed visibility (signals.py).
    model_update(discussion, data=fields, allowed=DISCUSSION_FIELDS)
    new = [p for p in mentioned_people(discussion.body) if p not in before]
    if new:
        transaction.on_commit(
            lambda: notifications.notify_people(
                kind=notifications.COMMENT_MENTION, about=discussion, people=new, actor=actor
            )
        )
    return discussion


@transaction.atomic
def discussion_moderate(
    *, actor, discussion: Discussion, locked: bool | None = None, pinned: bool | None = None
) -> Discussion:
    """Lock (no new comments) or pin (first in the lists) a discussion; audited."""
    data = {}
    if locked is not None and locked != discussion.locked:
        data["locked"] = locked
    if pinned is not None and pinned != discussion.pinned:
        data["pinned"] = pinned
    if not data:
        return discussion
    model_update(discussion, data=data, allowed=("locked", "pinned"))
    for name, value in data.items():
        action = {
            ("locked", True): "discussion_locked",
            ("locked", False): "discussion_unlocked",
            ("pinned", True): "discussion_pinned",
            ("pinned", False): "discussion_unpinned",
        }[(name, value)]
        audit_log(action=action, actor=actor, target=discussion)
    return discussion


# --- Comments ------------------------------------------------------------------------------


def _audience_fields(target) -> dict:
    visibility, group_id = target_audience(target)
    return {"visibility": visibility, "group_id": group_id}


def sync_target_audience(target) -> int:
    """Copy ``target``'s audience again onto its comments (after the target, or the group it
    belongs to, changed visibility). Returns the number of comments changed."""
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=True)
    fields = _audience_fields(target)
    changed = (
        Comment.all_objects.filter(content_type=content_type, object_id=target.pk)
        .exclude(**fields)
        .update(**fields)
    )
    if changed:
        content_changed()
        from kaiku.core.search import index_on_commit

        pks = Comment.all_objects.filter(content_type=content_type, object_id=target.pk)
        index_on_commit(Comment, list(pks.values_list("pk", flat=True)))
    return changed


def _is_locked(target) -> bool:
    return isinstance(target, Discussion) and target.locked


@transaction.atomic
def comment_create(*, actor, target, body: str, parent: Comment | None = None) -> Comment:
    """Comment on ``target`` (which the caller checked ``actor`` may see), or reply to
    ``parent``. A reply to a reply is a reply to its parent (one level of nesting).
    Raises ``ValidationError`` or ``RateLimitError`` (nothing saved)."""
    if commentable_of(target) is None:
        raise ValidationError(_("This cannot be commented on."))
    if _is_locked(target):
        raise ValidationError(_("The discussion is locked: it takes no new comments."))
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=True)
    if parent is not None:
        if parent.content_type_id != content_type.pk or parent.object_id != target.pk:
            raise ValidationError({"parent": _("The reply must be on the same page.")})
        if parent.is_removed or parent.is_hidden:
            raise ValidationError(
                {"parent": _("The comment you reply to has been removed or hidden.")}
            )
        if parent.parent_id is not None:
            parent = parent.parent
    comment = Comment(
        content_type=content_type,
        object_id=target.pk,
        parent=parent,
        author=actor,
        body=body,
        **_audience_fields(target),
    )
    comment.full_clean()
    _record(actor, POST, body)
    comment.save()
    mentioned = mentioned_people(body)
    if mentioned:
        comment.mentions.set(mentioned)
    if isinstance(target, Discussion):
        Discussion.objects.filter(pk=target.pk).update(last_activity_at=comment.created)
        from kaiku.notifications.services import follow

        follow(user=actor, target=target)
    notifications.comment_posted(
        comment, target=target, actor=actor, mentioned=mentioned, in_reply_to=parent
    )
    return comment


@transaction.atomic
def comment_update(*, actor, comment: Comment, body: str) -> Comment:
    """Change the text; the earlier text is kept as a revision and the comment is marked
    edited. New mentions are told; old ones are not told again."""
    if comment.is_removed:
        raise ValidationError(_("A removed comment cannot be edited."))
    if body == comment.body:
        return comment
    earlier = comment.body
    before = set(comment.mentions.values_list("pk", flat=True))
    model_update(comment, data={"body": body, "edited_at": timezone.now()})
    CommentRevision.objects.create(comment=comment, body=earlier, edited_by=actor)
    mentioned = mentioned_people(body)
    comment.mentions.set(mentioned)
    new = [p for p in mentioned if p.pk not in before]
    if new:
        transaction.on_commit(
            lambda: notifications.notify_people(
                kind=notifications.COMMENT_MENTION, about=comment, people=new, actor=actor
            )
        )
    return comment


def comment_remove(*, actor, comment: Comment, request=None) -> bool:
    """The author removes their comment: "removed by the author" in the thread, out of
    search and the API; the row and its text stay (an administrator can restore it)."""
    with transaction.atomic():
        done = lifecycle.soft_delete(comment, actor=actor, request=request)
        if done:
            content_changed()
            from kaiku.core.search import index_on_commit

            index_on_commit(comment)
    return done


# --- Reactions -----------------------------------------------------------------------------


@transaction.atomic
def reaction_toggle(*, actor, comment: Comment, kind: str) -> bool:
    """Add ``actor``'s reaction of ``kind`` or take it back; True when it is now on."""
    if kind not in ReactionKind.values:
        raise ValidationError({"kind": _("Choose one of the reactions offered.")})
    if comment.is_removed or comment.is_hidden:
        raise ValidationError(_("A removed or hidden comment takes no reactions."))
    _record(actor, VOTE)
    deleted, _count = Reaction.objects.filter(comment=comment, user=actor, kind=kind).delete()
    if deleted:
        return False
    Reaction.objects.get_or_create(comment=comment, user=actor, kind=kind)
    return True
