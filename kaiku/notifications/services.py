"""Writes of following and notifications.

``notify`` (or ``notify_on_commit``) is the one entry point for other apps. They call it from
their own services after their transaction commits (never from signals), so a notification is
only created for something that was really saved. Emails are sent by background tasks
(``tasks.py``), queued after this transaction commits too. This app imports no capability:
kinds and followable models are registered with ``registry``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from kaiku.core.content import may_see

from .models import DEFAULT_FREQUENCY, Follow, Frequency, Notification, NotificationPreference
from .registry import is_followable

User = get_user_model()


# --- Following ---------------------------------------------------------------------------------


def _target_filter(target: Model) -> dict:
    if not is_followable(target) or target.pk is None:
        raise ValidationError(_("This cannot be followed."))
    return {
        "content_type": ContentType.objects.get_for_model(target, for_concrete_model=True),
        "object_id": target.pk,
    }


def preference_for(*, user) -> NotificationPreference:
    preference, _created = NotificationPreference.objects.get_or_create(user=user)
    return preference


@transaction.atomic
def follow(*, user, target: Model) -> Follow:
    """Follow ``target``; following it again returns the existing row.

    The caller checks that ``user`` may see ``target`` (``kaiku.core.content.may_see``).
    Creates the person's notification preference (the default frequency) if missing.
    """
    lookup = _target_filter(target)
    existing = Follow.objects.filter(user=user, **lookup).first()
    if existing:
        return existing
    row = Follow(user=user, **lookup)
    try:
        with transaction.atomic():
            row.save()
    except IntegrityError:  # a concurrent request followed it first
        return Follow.objects.get(user=user, **lookup)
    preference_for(user=user)
    return row


@transaction.atomic
def unfollow(*, user, target: Model | None = None, follow_id: int | None = None) -> int:
    """Stop following ``target`` (or the person's follow ``follow_id``, which also works for
    an object the person may no longer see). Unfollowing what is not followed does nothing.
    Returns the number of follows removed."""
    rows = Follow.objects.filter(user=user)
    if follow_id is not None:
        rows = rows.filter(pk=follow_id)
    elif target is not None:
        rows = rows.filter(**_target_filter(target))
    else:
        raise ValidationError(_("Choose what to stop following."))
    removed, _detail = rows.delete()
    return removed


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


def _follow_q(objects: Iterable[Model]) -> Q:
    by_type: dict[ContentType, set[int]] = {}
    for obj in objects:
        if obj is None or obj.pk is None:
            continue
        content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
        by_type.setdefault(content_type, set()).add(obj.pk)
    q = Q(pk__in=[])
    for content_type, pks in by_type.items():
        q |= Q(content_type=content_type, object_id__in=pks)
    return q


def notify(
    *,
    kind: str,
    about: Model,
    followed: Iterable[Model],
    actor=None,
    title: str | None = None,
    context: str = "",
    url: str | None = None,
) -> list[Notification]:
    """Tell everyone who follows one of ``followed`` about ``about``.

    One notification per active follower who may see ``about`` (re-checked per follower with
    the content layer; no query at all for public content); ``actor`` (the author) is skipped.
    ``title`` and ``url`` default to ``str(about)`` and its page. An email is queued, after
    this transaction commits, for those who want email at once.
    """
    user_ids = Follow.objects.filter(_follow_q(followed)).order_by().values("user_id").distinct()
    followers = User.objects.filter(pk__in=user_ids, is_active=True).order_by("pk")
    return notify_people(
        kind=kind, about=about, people=followers, actor=actor, title=title, context=context, url=url
    )


def notify_people(
    *,
    kind: str,
    about: Model,
    people: Iterable,
    actor=None,
    title: str | None = None,
    context: str = "",
    url: str | None = None,
) -> list[Notification]:
    """Tell each of ``people`` about ``about`` directly, follow or not: the person a comment
    mentions, the author of hidden content. Like ``notify``: only active people who may see
    ``about``, never the ``actor``, one notification each, emails queued after the commit.
    Runs in the caller's transaction, so it commits or rolls back with the change."""
    actor_pk = getattr(actor, "pk", None)
    recipients = list(
        {
            person.pk: person
            for person in people
            if person is not None
            and person.is_active
            and person.pk != actor_pk
            and may_see(person, about)
        }.values()
    )
    if not recipients:
        return []
    title = str(about) if title is None else title
    url = about.get_absolute_url() if url is None else url
    content_type = ContentType.objects.get_for_model(about, for_concrete_model=True)
    with transaction.atomic():
        created = Notification.objects.bulk_create(
            [
                Notification(
                    user=u,
                    kind=kind,
                    title=title[:300],
                    context=context[:300],
                    url=url[:500],
                    content_type=content_type,
                    object_id=about.pk,
                )
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


def notify_on_commit(**kwargs) -> None:
    """``notify(**kwargs)`` once the caller's transaction has committed."""
    transaction.on_commit(lambda: notify(**kwargs))


def _enqueue_emails(notification_ids: list[int]) -> None:
    from .tasks import send_notification_email

    for pk in notification_ids:
        send_notification_email.enqueue(pk)
