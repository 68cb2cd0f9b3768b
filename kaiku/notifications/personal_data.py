"""This app's entries in the personal-data registry (kaiku.accounts.personal_data)."""

from __future__ import annotations

from kaiku.accounts.personal_data import not_personal, register


def _follows_export(user) -> list[dict]:
    from django.contrib.contenttypes.models import ContentType

    from .selectors import follows_of

    # What the person may no longer see is named only by its kind, never by its title.
    return [
        {
            "kind": ContentType.objects.get_for_id(row.follow.content_type_id).model,
            "target": str(row.label),
            "created": row.follow.created.isoformat(),
        }
        for row in sorted(follows_of(user=user), key=lambda r: r.follow.pk)
    ]


def _follows_remove(user) -> None:
    from .models import Follow

    Follow.objects.filter(user=user).delete()


def _preference_export(user) -> dict | None:
    from .models import NotificationPreference

    pref = NotificationPreference.objects.filter(user=user).first()
    # Never the unsubscribe token.
    return {"email_frequency": pref.email_frequency} if pref else None


def _preference_remove(user) -> None:
    from .models import NotificationPreference

    NotificationPreference.objects.filter(user=user).delete()


def _notifications_export(user) -> list[dict]:
    from .models import Notification
    from .selectors import with_visibility

    # What the person may no longer see is named only by its kind, never by its title.
    rows = with_visibility(
        viewer=user, rows=list(Notification.objects.filter(user=user).order_by("pk"))
    )
    return [
        {
            "kind": n.kind,
            "title": n.title if n.visible else str(n.hidden_label),
            "url": n.url if n.visible else None,
            "created": n.created.isoformat(),
            "read": n.read_at.isoformat() if n.read_at else None,
        }
        for n in rows
    ]


def _notifications_remove(user) -> None:
    from .models import Notification

    Notification.objects.filter(user=user).delete()


def register_personal_data() -> None:
    not_personal(
        "notifications.notificationpreference",
        "email_frequency",
        reason="How often notification emails are sent; no address.",
    )
    not_personal(
        "notifications.notification",
        "email_claim_token",
        "email_claimed_at",
        "email_attempts",
        "email_next_attempt_at",
        "email_given_up_at",
        reason="Delivery bookkeeping of a notification (a random token and times); no address.",
    )
    register(
        "notifications.follow",
        export=_follows_export,
        remove=_follows_remove,
        note="What the person follows; removed with the account.",
    )
    register(
        "notifications.notificationpreference",
        export=_preference_export,
        remove=_preference_remove,
        note="The email frequency (never the unsubscribe token); removed with the account.",
    )
    register(
        "notifications.notification",
        export=_notifications_export,
        remove=_notifications_remove,
        note="In-app notifications; removed with the account.",
    )
