"""Writes of following and notifications.

``notify_followers`` is the one entry point for other apps. They call it from
``transaction.on_commit`` in their own services (never from signals), so a notification is
only created for something that was really saved. Emails are sent by background tasks
(``tasks.py``), queued after this transaction commits too.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kaiku.programme import selectors as programme_selectors
from kaiku.programme.models import Programme, Visibility, WorkingGroup

from .models import (
    DEFAULT_FREQUENCY,
    Follow,
    Frequency,
    Kind,
    Notification,
    NotificationPreference,
    normalise_keyword,
)

User = get_user_model()


# --- Following ---------------------------------------------------------------------------------


def _target_q(*, programme, group, keyword: str) -> Q:
    given = [programme is not None, group is not None, bool(keyword)]
    if sum(given) != 1:
        raise ValidationError(_("Follow exactly one programme, working group or keyword."))
    if programme is not None:
        return Q(programme=programme)
    if group is not None:
        return Q(group=group)
    return Q(keyword=keyword)


def preference_for(*, user) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference


@transaction.atomic
def follow(
    *,
    user,
    programme: Programme | None = None,
    group: WorkingGroup | None = None,
    keyword: str = "",
) -> Follow:
    """Follow one target; following it again returns the existing row.

    The caller checks that ``user`` may see ``group`` (views use the programme selectors).
    Creates the person's notification preference (the default frequency) if missing.
    """
    keyword = normalise_keyword(keyword)
    target = _target_q(programme=programme, group=group, keyword=keyword)
    existing = Follow.objects.filter(target, user=user).first()
    if existing:
        return existing
    row = Follow(user=user, programme=programme, group=group, keyword=keyword)
    row.full_clean()
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # a concurrent request followed it first
        return Follow.objects.get(target, user=user)
    preference_for(user=user)
    return row


@transaction.atomic
def unfollow(
    *,
    user,
    programme: Programme | None = None,
    group: WorkingGroup | None = None,
    keyword: str = "",
) -> None:
    """Stop following; unfollowing something not followed does nothing."""
    keyword = normalise_keyword(keyword)
    Follow.objects.filter(
        _target_q(programme=programme, group=group, keyword=keyword), user=user
    ).delete()


@transaction.atomic
def preference_update(*, user, email_frequency: str) -> NotificationPreference:
    """Change how often the person gets email. Turning email back on after *never* does not
    send what piled up meanwhile: those notifications are marked as handled (they stay in
    the in-app list)."""
    preference = preference_for(user=user)
    if preference.email_frequency == Frequency.NEVER and email_frequency != Frequency.NEVER:
        Notification.objects.filter(user=user, emailed_at__isnull=True).update(
            emailed_at=timezone.now()
        )
    preference.email_frequency = email_frequency
    preference.full_clean()
    preference.save(update_fields=["email_frequency", "updated"])
    return preference


@transaction.atomic
def unsubscribe(*, preference: NotificationPreference) -> NotificationPreference:
    """One-click unsubscribe: no more email (the in-app notifications stay)."""
    preference.email_frequency = Frequency.NEVER
    preference.save(update_fields=["email_frequency", "updated"])
    return preference


# --- Reading -----------------------------------------------------------------------------------


def mark_read(*, user, notification_id: int | None = None) -> int:
    """Mark one of the user's notifications (or all of them) read. Returns how many changed."""
    rows = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        rows = rows.filter(pk=notification_id)
    return rows.update(read_at=timezone.now())


# --- Notifying ---------------------------------------------------------------------------------


def notify_followers(
    *,
    kind: str,
    title: str,
    url: str,
    programme: Programme | None = None,
    group: WorkingGroup | None = None,
    groups: Iterable[WorkingGroup] = (),
    keywords: Iterable[str] = (),
    visibility_check: Callable[[object], bool] | None = None,
    exclude_user=None,
) -> list[Notification]:
    """Create one notification for each person who follows ``programme``, ``group`` (or one of
    ``groups``) or one of ``keywords`` and may see the object, then queue an email for those
    who want it at once.

    ``visibility_check(user) -> bool`` decides who may see the object; ``None`` means
    everyone (a public object). Active accounts only; ``exclude_user`` (the author) is skipped.
    Runs in its own transaction; the email tasks are queued after it commits.
    """
    target = Q(pk__in=[])
    if programme is not None:
        target |= Q(programme=programme)
    if group is not None:
        target |= Q(group=group)
    groups = [g for g in groups if g is not None]
    if groups:
        target |= Q(group__in=groups)
    keywords = {normalise_keyword(k) for k in keywords if k and k.strip()}
    if keywords:
        target |= Q(keyword__in=keywords)
    user_ids = Follow.objects.filter(target).order_by().values("user_id").distinct()
    followers = User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk")
    if exclude_user is not None and exclude_user.pk:
        followers = followers.exclude(pk=exclude_user.pk)
    recipients = [u for u in followers if visibility_check is None or visibility_check(u)]
    if not recipients:
        return []
    with transaction.atomic():
        created = Notification.objects.bulk_create(
            [
                Notification(user=u, kind=kind, title=title[:300], url=url[:500], group=group)
                for u in recipients
            ]
        )
        immediate = set(
            NotificationPreference.objects.filter(
                user__in=recipients, email_frequency=Frequency.IMMEDIATE
            ).values_list("user_id", flat=True)
        )
        if DEFAULT_FREQUENCY == Frequency.IMMEDIATE:  # pragma: no cover - a setting change
            with_row = set(
                NotificationPreference.objects.filter(user__in=recipients).values_list(
                    "user_id", flat=True
                )
            )
            immediate |= {u.pk for u in recipients} - with_row
        to_email = [n.pk for n in created if n.user_id in immediate and n.pk]
        if to_email:
            transaction.on_commit(lambda: _enqueue_emails(to_email))
    return created


def _enqueue_emails(notification_ids: list[int]) -> None:
    from .tasks import send_notification_email

    for pk in notification_ids:
        send_notification_email.enqueue(pk)


# --- What the programme app reports ------------------------------------------------------------


def _item_visibility_check(item: Model) -> Callable[[object], bool] | None:
    """Re-check each follower with the programme selectors (``item_visible_q``), the one
    place that decides visibility. Public items of public groups need no check at all."""
    if item.visibility == Visibility.PUBLIC and item.group.visibility == Visibility.PUBLIC:
        return None
    model = type(item)

    def check(user) -> bool:
        return model.objects.filter(programme_selectors.item_visible_q(user), pk=item.pk).exists()

    return check


def _notify_item(item: Model, kind: str, *, actor=None) -> list[Notification]:
    group = item.group
    return notify_followers(
        kind=kind,
        title=item.title,
        url=item.get_absolute_url(),
        programme=group.programme,
        group=group,
        visibility_check=_item_visibility_check(item),
        exclude_user=actor,
    )


def meeting_created(meeting, *, actor=None) -> list[Notification]:
    return _notify_item(meeting, Kind.MEETING_CREATED, actor=actor)


def meeting_time_changed(meeting, *, actor=None) -> list[Notification]:
    return _notify_item(meeting, Kind.MEETING_CHANGED, actor=actor)


def memo_published(memo, *, actor=None) -> list[Notification]:
    return _notify_item(memo, Kind.MEMO_PUBLISHED, actor=actor)


def milestone_created(milestone, *, actor=None) -> list[Notification]:
    return _notify_item(milestone, Kind.MILESTONE_CREATED, actor=actor)


def milestone_changed(milestone, *, actor=None) -> list[Notification]:
    return _notify_item(milestone, Kind.MILESTONE_CHANGED, actor=actor)


def news_published(item, *, actor=None) -> list[Notification]:
    """For the news app: call from ``transaction.on_commit`` in its publish service once the
    item is out (``publish_at`` has passed). Followers of its programme, of any related group
    and of any of its keywords are told. News is public or for logged-in people, and only
    accounts follow, so no per-person check is needed; drafts and scheduled items are
    skipped (a scheduled item is announced by ``kaiku.news.services.news_announce_due``
    when its time comes)."""
    if not getattr(item, "is_published", False):
        return []
    groups = list(item.related_groups.all())
    return notify_followers(
        kind=Kind.NEWS_PUBLISHED,
        title=item.title,
        url=item.get_absolute_url(),
        programme=getattr(item, "programme", None),
        groups=groups,
        keywords=[k.name for k in item.keywords.all()],
        exclude_user=actor,
    )
