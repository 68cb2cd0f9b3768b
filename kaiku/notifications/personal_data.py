"""This app's entries in the personal-data registry (kaiku.accounts.personal_data)."""

from __future__ import annotations

from kaiku.accounts.personal_data import register


def _follows_export(user) -> list[dict]:
    from .models import Follow

    rows = Follow.objects.filter(user=user).select_related("programme", "group")
    return [
        {
            "programme": f.programme.name if f.programme_id else None,
            "group": f.group.name if f.group_id else None,
            "keyword": f.keyword or None,
            "created": f.created.isoformat(),
        }
        for f in rows.order_by("pk")
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

    return [
        {
            "kind": n.kind,
            "title": n.title,
            "url": n.url,
            "created": n.created.isoformat(),
            "read": n.read_at.isoformat() if n.read_at else None,
        }
        for n in Notification.objects.filter(user=user).order_by("pk")
    ]


def _notifications_remove(user) -> None:
    from .models import Notification

    Notification.objects.filter(user=user).delete()


def register_personal_data() -> None:
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
