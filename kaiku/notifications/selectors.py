"""Reads of a person's follows and notifications.

What a follow or a notification is about may have become hidden from the person since (a
group made members-only, say): its name and title are then replaced by the content layer's
label for it ("a working group you can no longer see"), and it can still be unfollowed. The
check costs one query per kind of content on a page, whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Page, Paginator
from django.db.models import Count, Model, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils.functional import Promise

from kaiku.core.content import hidden_label, may_see, visible_pks
from kaiku.core.prepared import run

from .models import Follow, Notification
from .registry import followable, model_key

PAGE_SIZE = 25


def _model(content_type_id: int) -> type[Model] | None:
    return ContentType.objects.get_for_id(content_type_id).model_class()


def _visible(viewer, rows) -> set[tuple]:
    pairs = []
    for row in rows:
        model = _model(row.content_type_id) if row.content_type_id else None
        if model is not None:
            pairs.append((model, row.object_id))
    return visible_pks(viewer, pairs)


@dataclass(frozen=True)
class FollowRow:
    follow: Follow
    target: Model | None
    label: str | Promise
    prefix: str | Promise
    url: str
    visible: bool


def _targets(follows: list[Follow]) -> dict[tuple, Model]:
    """The followed objects, one query per kind of content (with what their names and
    addresses read, as registered)."""
    ids: dict[type[Model], set[int]] = {}
    for row in follows:
        model = _model(row.content_type_id)
        if model is not None:
            ids.setdefault(model, set()).add(row.object_id)
    found = {}
    for model, pks in ids.items():
        registered = followable(model_key(model))
        queryset = model._default_manager.select_related(
            *(registered.related if registered else ())
        )
        found.update({(model, pk): obj for pk, obj in queryset.in_bulk(pks).items()})
    return found


def follows_of(*, user) -> list[FollowRow]:
    """Everything ``user`` follows, newest first, with what may be shown of each."""
    follows = list(Follow.objects.filter(user=user))
    targets = _targets(follows)
    seen = _visible(user, follows)
    rows = []
    for row in follows:
        model = _model(row.content_type_id)
        target = targets.get((model, row.object_id))
        visible = target is not None and (model, row.object_id) in seen
        registered = followable(model_key(model)) if model else None
        rows.append(
            FollowRow(
                follow=row,
                target=target if visible else None,
                label=str(target) if visible else hidden_label(model),
                prefix=registered.prefix if registered else "",
                url=target.get_absolute_url() if visible else "",
                visible=visible,
            )
        )
    return rows


def followable_get(*, viewer, model: type[Model], pk: int) -> Model:
    """The object of a registered followable ``model`` that ``viewer`` may see; Http404 when it
    does not exist or is hidden (the two look the same)."""
    target = model._default_manager.filter(pk=pk).first()
    if target is None or not may_see(viewer, target):
        raise Http404("Nothing to follow.")
    return target


def with_visibility(*, viewer, rows: list[Notification]) -> list[Notification]:
    """Mark each notification ``visible`` (may the viewer still see what it is about) and give
    it ``hidden_label``; one query per kind of content."""
    seen = _visible(viewer, rows)
    for row in rows:
        model = _model(row.content_type_id) if row.content_type_id else None
        row.visible = model is None or (model, row.object_id) in seen
        row.hidden_label = hidden_label(model) if model else ""
    return rows


def _follow_of(*, person: int, content_type: int, pk: int) -> QuerySet:
    return Follow.objects.filter(user=person, content_type=content_type, object_id=pk).values_list(
        "pk", flat=True
    )[:1]


def is_following(*, user, target: Model) -> bool:
    """Whether ``user`` follows ``target``: the follow button's question on the pages of
    groups, programmes and news, so a kept query (``kaiku.core.prepared``)."""
    if not getattr(user, "is_authenticated", False):
        return False
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=True)
    return bool(run(_follow_of, person=user.pk, content_type=content_type.pk, pk=target.pk))


def notification_page(*, user, page: str | None) -> Page:
    """One page of the person's notifications. Each row gets ``visible``: whether the person
    may still see what it is about (its title and link are shown only then)."""
    rows = Notification.objects.filter(user=user).order_by("-created", "-pk")
    page_obj = Paginator(rows, PAGE_SIZE).get_page(page)
    page_obj.object_list = with_visibility(viewer=user, rows=list(page_obj.object_list))
    return page_obj


def _unread_count(*, person: int) -> QuerySet:
    # Grouped by the person: one row with the count, or none when nothing is unread.
    return (
        Notification.objects.filter(user=person, read_at__isnull=True)
        .order_by()
        .values("user")
        .annotate(unread=Count("pk"))
        .values_list("unread", flat=True)
    )


#: The signed-in person's attribute with their unread count, read with them
#: (``context_processors.register_column``).
UNREAD_ATTRIBUTE = "kaiku_unread_notifications"


def unread_column():
    """How many of the person's notifications are unread, as a column of a query of people
    (read with the signed-in person, ``kaiku.accounts.middleware.read_with_person``)."""
    return Coalesce(
        Subquery(
            Notification.objects.filter(user=OuterRef("pk"), read_at__isnull=True)
            .order_by()
            .values("user")
            .annotate(unread=Count("pk"))
            .values("unread")
        ),
        0,
    )


def unread_count(*, user) -> int:
    """How many of ``user``'s notifications are unread: the header's badge on every signed-in
    page, so a kept query (``kaiku.core.prepared``)."""
    found = run(_unread_count, person=user.pk)
    return found[0] if found else 0


def _latest_unread(*, person: int, limit: int) -> QuerySet:
    return Notification.objects.filter(user=person, read_at__isnull=True).order_by(
        "-created", "-pk"
    )[:limit]


def owns_notification(*, user, pk: int) -> bool:
    return Notification.objects.filter(user=user, pk=pk).exists()


def followed_ids(*, user, model: type[Model]):
    """A subquery of the pks of the ``model`` objects ``user`` follows (no query of its own)."""
    content_type = ContentType.objects.get_for_model(model, for_concrete_model=True)
    return Follow.objects.filter(user=user, content_type=content_type).values("object_id")


def latest_unread(*, user, limit: int = 5) -> dict:
    """A person's front page: how many notifications are unread and the newest ``limit`` of
    them, each with ``visible`` (see ``with_visibility``). Only ``user``'s own rows. The
    signed-in person of a session was read with the count (``UNREAD_ATTRIBUTE``): no query
    when nothing is unread, none for the count when five or more are."""
    known = getattr(user, UNREAD_ATTRIBUTE, None)
    if known == 0:
        return {"count": 0, "rows": []}
    rows = run(_latest_unread, shape={"limit": limit}, person=user.pk)
    count = len(rows) if len(rows) < limit else known
    if count is None:
        count = unread_count(user=user)
    return {"count": count, "rows": with_visibility(viewer=user, rows=rows)}
