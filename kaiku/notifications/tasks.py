"""Notification emails, sent by background tasks (django-tasks).

Both tasks are safe to retry (QUALITY.md 20): a notification is *claimed* by setting
``emailed_at`` with a conditional UPDATE before the email is sent, so two workers never send
it twice; if sending fails the claim is released and the notification stays un-emailed (and
in the person's in-app list), so a later digest or retry picks it up.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from .models import DEFAULT_FREQUENCY, Frequency, Notification, NotificationPreference
from .services import preference_for

logger = logging.getLogger(__name__)

DIGEST_FREQUENCIES = (Frequency.DAILY, Frequency.WEEKLY)
DIGEST_LIMIT = 200  # notifications listed in one digest; the rest wait for the next one


def absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url


def _send(*, user, preference: NotificationPreference, template: str, context: dict) -> None:
    """Render ``template`` (subject, text and HTML) in the recipient's language and send it
    with a one-click unsubscribe link and ``List-Unsubscribe`` headers (RFC 2369, 8058)."""
    language = user.preferred_language or settings.LANGUAGE_CODE
    with translation.override(language):
        unsubscribe_url = absolute(
            reverse("notifications:unsubscribe", kwargs={"token": preference.unsubscribe_token})
        )
        context = {
            **context,
            "user": user,
            "language": language,
            "site_url": settings.SITE_URL.rstrip("/"),
            "settings_url": absolute(reverse("notifications:settings")),
            "list_url": absolute(reverse("notifications:list")),
            "unsubscribe_url": unsubscribe_url,
        }
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        text = render_to_string(f"{template}_message.txt", context)
        html = render_to_string(f"{template}_message.html", context)
    message = EmailMultiAlternatives(
        subject,
        text,
        None,
        [user.email],
        headers={
            "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": language,
            "Auto-Submitted": "auto-generated",
        },
    )
    message.attach_alternative(html, "text/html")
    message.send()


@task()
def send_notification_email(notification_id: int) -> bool:
    """Email one notification to a person who wants email at once. Returns False when there
    is nothing to send (already emailed, gone, or the person changed their frequency)."""
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at is not None:
        return False
    user = notification.user
    preference = preference_for(user=user)
    if preference.email_frequency != Frequency.IMMEDIATE or not user.email or not user.is_active:
        return False
    claimed = Notification.objects.filter(pk=notification.pk, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:  # another worker got it first
        return False
    try:
        _send(
            user=user,
            preference=preference,
            template="notifications/email/notification",
            context={"notification": notification, "url": absolute(notification.url)},
        )
    except Exception:
        Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
        raise
    return True


def _digest_users(frequency: str):
    from django.contrib.auth import get_user_model

    wants = Q(notification_preference__email_frequency=frequency)
    if frequency == DEFAULT_FREQUENCY:
        wants |= Q(notification_preference__isnull=True)
    pending = Notification.objects.filter(emailed_at__isnull=True).values("user_id")
    return (
        get_user_model()
        .objects.filter(wants, is_active=True, pk__in=pending)
        .exclude(email="")
        .order_by("pk")
    )


@task()
def send_digests(frequency: str) -> int:
    """Send each person with ``frequency`` (daily or weekly) one email listing their
    notifications not emailed yet, and mark those emailed. Returns the number of emails.

    Running it twice sends nothing the second time: the listed notifications are claimed
    (``emailed_at``) before sending, and released again only if sending fails.
    """
    if frequency not in DIGEST_FREQUENCIES:
        raise ValueError(f"Not a digest frequency: {frequency!r}")
    sent = 0
    for user in _digest_users(frequency).iterator():
        preference = preference_for(user=user)
        now = timezone.now()
        ids = list(
            Notification.objects.filter(user=user, emailed_at__isnull=True)
            .order_by("created", "pk")
            .values_list("pk", flat=True)[:DIGEST_LIMIT]
        )
        claimed = Notification.objects.filter(pk__in=ids, emailed_at__isnull=True)
        if not claimed.update(emailed_at=now):
            continue
        notifications = list(
            Notification.objects.filter(pk__in=ids, emailed_at=now).order_by("created", "pk")
        )
        try:
            _send(
                user=user,
                preference=preference,
                template="notifications/email/digest",
                context={
                    "notifications": [(n, absolute(n.url)) for n in notifications],
                    "frequency": frequency,
                    "count": len(notifications),
                },
            )
        except Exception:
            logger.exception("Digest to user %s failed; it is retried next time.", user.pk)
            Notification.objects.filter(pk__in=[n.pk for n in notifications]).update(
                emailed_at=None
            )
            continue
        NotificationPreference.objects.filter(pk=preference.pk).update(last_digest_at=now)
        sent += 1
    return sent
