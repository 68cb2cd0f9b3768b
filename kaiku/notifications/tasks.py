"""Notification emails, sent by background tasks (django-tasks): at least once, and never
twice in a way a person would notice.

Every send is *claim, send, confirm*:

1. **claim**: one conditional UPDATE stamps the notifications that are free to send (not
   emailed, not claimed, not given up, due) with ``email_claimed_at``, a fresh
   ``email_claim_token`` and one more ``email_attempts``. Only the rows carrying this token
   are sent, so two senders (two workers, a digest and an immediate task) never send the same
   notification, and a digest never lists one that another sender holds.
2. **send** the email.
3. **confirm**: ``emailed_at`` is set only now, and the claim cleared.

A send that fails (SMTP down) releases the claim with ``email_next_attempt_at`` set by an
exponential backoff (``retry_delay``); after ``KAIKU_EMAIL_MAX_ATTEMPTS`` tries the
notification is given up (``email_given_up_at``, logged) and stays in the in-app list.
A sender that dies between claim and confirm (a killed process) leaves its claim; after
``KAIKU_EMAIL_CLAIM_TIMEOUT`` ``recover_deliveries`` releases it and sends again. That is the
at-least-once part: only a sender killed after the SMTP server accepted the email and before
the confirmation, a window of milliseconds, causes a second copy.
"""

from __future__ import annotations

import datetime
import logging
import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db.models import F, Q, QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django_tasks import task

from kaiku.core.urls_absolute import absolute_url, in_language, site_url

from .models import DEFAULT_FREQUENCY, Frequency, Notification, NotificationPreference
from .services import preference_for

logger = logging.getLogger(__name__)

DIGEST_FREQUENCIES = (Frequency.DAILY, Frequency.WEEKLY)
DIGEST_LIMIT = 200  # notifications listed in one digest; the rest wait for the next one
RETRY_BATCH = 500  # notifications looked at by one recovery run
# An immediate email whose task never ran (lost between commit and queue) is sent by recovery
# if the notification is younger than this; older ones are left to the in-app list.
LOST_EMAIL_WINDOW = datetime.timedelta(days=1)


def absolute(url: str) -> str:
    return absolute_url(url)


def recipient_language(user) -> str:
    return user.preferred_language or settings.LANGUAGE_CODE


def notification_link(notification: Notification, language: str) -> str:
    """The notification's page in ``language``, as an absolute address for an email."""
    return absolute(in_language(notification.url, language))


def _send(*, user, preference: NotificationPreference, template: str, context: dict) -> None:
    """Render ``template`` (subject, text and HTML) in the recipient's language and send it
    with a one-click unsubscribe link and ``List-Unsubscribe`` headers (RFC 2369, 8058)."""
    language = recipient_language(user)
    with translation.override(language):
        unsubscribe_url = absolute(
            reverse("notifications:unsubscribe", kwargs={"token": preference.unsubscribe_token})
        )
        context = {
            **context,
            "user": user,
            "language": language,
            "site_url": site_url(),
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


# --- Claim, send, confirm ----------------------------------------------------------------------


def retry_delay(attempts: int) -> datetime.timedelta:
    """How long to wait after the ``attempts``-th failed try: ``KAIKU_EMAIL_RETRY_DELAY``,
    doubled for each further try, at most ``KAIKU_EMAIL_RETRY_MAX_DELAY`` (seconds)."""
    seconds = settings.KAIKU_EMAIL_RETRY_DELAY * 2 ** max(attempts - 1, 0)
    return datetime.timedelta(seconds=min(seconds, settings.KAIKU_EMAIL_RETRY_MAX_DELAY))


def _claim_timeout() -> datetime.timedelta:
    return datetime.timedelta(seconds=settings.KAIKU_EMAIL_CLAIM_TIMEOUT)


def _stamp(now: datetime.datetime) -> datetime.datetime:
    """The time to record for a claim or a retry: the real time, since a digest run started
    at ``now`` may be long; a later ``now`` (a test's clock) wins."""
    return max(now, timezone.now())


def _claimable(now: datetime.datetime) -> Q:
    """Free to send now: not emailed, not held by a sender, not given up, no retry pending."""
    return Q(
        emailed_at__isnull=True, email_claimed_at__isnull=True, email_given_up_at__isnull=True
    ) & (Q(email_next_attempt_at__isnull=True) | Q(email_next_attempt_at__lte=now))


def _claim(rows: QuerySet, now: datetime.datetime) -> tuple[str, list[Notification]]:
    """Claim those of ``rows`` that are free, in one conditional UPDATE; return the token and
    the claimed notifications (oldest first)."""
    token = secrets.token_hex(16)
    ids = list(rows.values_list("pk", flat=True))
    claimed = Notification.objects.filter(_claimable(now), pk__in=ids).update(
        email_claimed_at=_stamp(now),
        email_claim_token=token,
        email_attempts=F("email_attempts") + 1,
    )
    if not claimed:
        return token, []
    mine = Notification.objects.filter(pk__in=ids, email_claim_token=token)
    return token, list(mine.select_related("user").order_by("created", "pk"))


def _confirm(token: str, notifications: list[Notification]) -> None:
    """Mark the claimed notifications emailed. One whose claim a recovery released meanwhile
    (a very slow send) is confirmed too, unless another sender claimed it again."""
    ids = [n.pk for n in notifications]
    confirmed = (
        Notification.objects.filter(pk__in=ids, emailed_at__isnull=True)
        .filter(Q(email_claim_token=token) | Q(email_claimed_at__isnull=True))
        .update(
            emailed_at=timezone.now(),
            email_claimed_at=None,
            email_claim_token="",
            email_next_attempt_at=None,
        )
    )
    if confirmed < len(ids):
        logger.warning(
            "Notification(s) %s were claimed again before this send was confirmed; "
            "they may be emailed twice. Is KAIKU_EMAIL_CLAIM_TIMEOUT shorter than a send?",
            ids,
        )


def _give_up(rows: QuerySet, now: datetime.datetime, reason: str) -> int:
    gone = list(rows.values_list("pk", "user_id", "email_attempts"))
    for pk, user_id, attempts in gone:
        logger.error(
            "Gave up emailing notification %s to user %s after %d attempt(s): %s. "
            "It stays in their notification list.",
            pk,
            user_id,
            attempts,
            reason,
        )
    return rows.update(email_claimed_at=None, email_claim_token="", email_given_up_at=now)


def _release(
    token: str, notifications: list[Notification], error: BaseException, now: datetime.datetime
) -> None:
    """After a failed send: schedule the next try (backoff), or give up after the last."""
    now = _stamp(now)
    rows = Notification.objects.filter(
        pk__in=[n.pk for n in notifications], email_claim_token=token
    )
    _give_up(
        rows.filter(email_attempts__gte=settings.KAIKU_EMAIL_MAX_ATTEMPTS),
        now,
        f"{type(error).__name__}: {error}",
    )
    for attempts in set(rows.values_list("email_attempts", flat=True)):
        rows.filter(email_attempts=attempts).update(
            email_claimed_at=None,
            email_claim_token="",
            email_next_attempt_at=now + retry_delay(attempts),
        )


def _wants_email(user, preference: NotificationPreference, frequency: str) -> bool:
    return preference.email_frequency == frequency and bool(user.email) and user.is_active


def deliver_notification(notification_id: int, *, now: datetime.datetime | None = None) -> bool:
    """Email one notification to a person who wants email at once. Returns False when there
    is nothing to send (already emailed, held by another sender, waiting for its next try,
    gone, or the person changed their frequency). A failed send is scheduled for a retry and
    the error raised."""
    now = now or timezone.now()
    notification = Notification.objects.select_related("user").filter(pk=notification_id).first()
    if notification is None or notification.emailed_at is not None:
        return False
    user = notification.user
    preference = preference_for(user=user)
    if not _wants_email(user, preference, Frequency.IMMEDIATE):
        return False
    token, claimed = _claim(Notification.objects.filter(pk=notification.pk), now)
    if not claimed:
        return False
    try:
        _send(
            user=user,
            preference=preference,
            template="notifications/email/notification",
            context={
                "notification": claimed[0],
                "url": notification_link(claimed[0], recipient_language(user)),
            },
        )
    except Exception as error:
        _release(token, claimed, error, now)
        raise
    _confirm(token, claimed)
    return True


def deliver_digest(user, frequency: str, *, now: datetime.datetime | None = None) -> bool:
    """Send ``user`` one email listing their notifications that are free to send (at most
    ``DIGEST_LIMIT``; the rest go next time). Returns whether an email went out; a failed
    send is logged and scheduled for a retry."""
    now = now or timezone.now()
    preference = preference_for(user=user)
    if not _wants_email(user, preference, frequency):
        return False
    free = Notification.objects.filter(_claimable(now), user=user).order_by("created", "pk")
    token, notifications = _claim(free[:DIGEST_LIMIT], now)
    if not notifications:
        return False
    try:
        _send(
            user=user,
            preference=preference,
            template="notifications/email/digest",
            context={
                "notifications": [
                    (n, notification_link(n, recipient_language(user))) for n in notifications
                ],
                "frequency": frequency,
                "count": len(notifications),
            },
        )
    except Exception as error:
        logger.exception("Digest to user %s failed; it is retried later.", user.pk)
        _release(token, notifications, error, now)
        return False
    _confirm(token, notifications)
    NotificationPreference.objects.filter(pk=preference.pk).update(last_digest_at=now)
    return True


# --- Tasks -------------------------------------------------------------------------------------


@task()
def send_notification_email(notification_id: int) -> bool:
    """Email one notification at once (queued by ``services.notify``); safe to run twice."""
    return deliver_notification(notification_id)


def _wants(frequency: str, prefix: str = "") -> Q:
    """People (``prefix`` "user__" from notifications) who chose ``frequency``."""
    wants = Q(**{f"{prefix}notification_preference__email_frequency": frequency})
    if frequency == DEFAULT_FREQUENCY:
        wants |= Q(**{f"{prefix}notification_preference__isnull": True})
    return wants


def _digest_users(frequency: str, now: datetime.datetime):
    free = Notification.objects.filter(_claimable(now)).values("user_id")
    return (
        get_user_model()
        .objects.filter(_wants(frequency), is_active=True, pk__in=free)
        .exclude(email="")
        .order_by("pk")
    )


def send_digests_now(frequency: str, *, now: datetime.datetime | None = None) -> int:
    """Send each person with ``frequency`` (daily or weekly) one email listing their
    notifications not emailed yet; returns the number of emails. Running it twice, or two
    runs at once, sends each notification once: see the module docstring."""
    if frequency not in DIGEST_FREQUENCIES:
        raise ValueError(f"Not a digest frequency: {frequency!r}")
    now = now or timezone.now()
    return sum(deliver_digest(user, frequency, now=now) for user in _digest_users(frequency, now))


@task()
def send_digests(frequency: str) -> int:
    return send_digests_now(frequency)


# --- Recovery ----------------------------------------------------------------------------------


def release_stale_claims(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Release claims older than ``KAIKU_EMAIL_CLAIM_TIMEOUT`` that were never confirmed (the
    sender died), so they are sent again at once; give up on those out of attempts."""
    now = now or timezone.now()
    stale = Notification.objects.filter(
        emailed_at__isnull=True, email_claimed_at__lt=now - _claim_timeout()
    )
    given_up = _give_up(
        stale.filter(email_attempts__gte=settings.KAIKU_EMAIL_MAX_ATTEMPTS),
        now,
        "the sender stopped before confirming the last attempt",
    )
    released = stale.filter(email_attempts__lt=settings.KAIKU_EMAIL_MAX_ATTEMPTS).update(
        email_claimed_at=None, email_claim_token="", email_next_attempt_at=now
    )
    if released:
        logger.warning("Released %d notification email claim(s) of a stopped sender.", released)
    return {"released": released, "given_up": given_up}


def _frequency_of(user) -> str:
    preference = getattr(user, "notification_preference", None)
    return preference.email_frequency if preference else DEFAULT_FREQUENCY


def retry_due(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Try again what is due: notifications with a failed (or released) attempt whose retry
    time has come, sent the way the person now wants (immediately, or as their digest); and
    immediate emails whose task never ran (older than the claim timeout, younger than
    ``LOST_EMAIL_WINDOW``). New notifications of digest people wait for their digest."""
    now = now or timezone.now()
    lost = Q(
        email_attempts=0,
        created__lt=now - _claim_timeout(),
        created__gte=now - LOST_EMAIL_WINDOW,
    ) & _wants(Frequency.IMMEDIATE, "user__")
    due = (
        Notification.objects.filter(_claimable(now), user__is_active=True)
        .filter(Q(email_attempts__gt=0) | lost)
        .exclude(user__email="")
        .exclude(_wants(Frequency.NEVER, "user__"))
        .order_by("email_next_attempt_at", "pk")
    )
    people = get_user_model().objects.select_related("notification_preference")
    tried = sent = 0
    digests_done: set[int] = set()
    for pk, user_id in list(due.values_list("pk", "user_id")[:RETRY_BATCH]):
        if user_id in digests_done:
            continue
        user = people.get(pk=user_id)
        frequency = _frequency_of(user)
        tried += 1
        if frequency in DIGEST_FREQUENCIES:
            digests_done.add(user_id)
            sent += deliver_digest(user, frequency, now=now)
            continue
        try:
            sent += deliver_notification(pk, now=now)
        except Exception:
            logger.warning("Retry of notification %s failed.", pk, exc_info=True)
    return {"tried": tried, "sent": sent}


def recover_deliveries_now(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """The whole recovery, for cron every few minutes (``manage.py recover_deliveries``):
    fail and queue again tasks whose worker died (``kaiku.core.tasks``), release the claims
    of senders that died, and retry what is due."""
    from kaiku.core.tasks import recover_stuck_tasks_now

    tasks = recover_stuck_tasks_now(now=now)
    summary = {"tasks_failed": tasks["failed"], "tasks_queued": tasks["queued"]}
    summary |= release_stale_claims(now=now)
    summary |= retry_due(now=now)
    return summary


@task()
def recover_deliveries() -> dict[str, int]:
    return recover_deliveries_now()
