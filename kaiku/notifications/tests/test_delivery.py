"""Email delivery is at-least-once, with no duplicate a person would notice.

A sender claims notifications, sends, and only then confirms them (``emailed_at``). A sender
that dies in between leaves a claim that ``recover_deliveries`` releases after
``KAIKU_EMAIL_CLAIM_TIMEOUT``; failed sends are retried with exponential backoff; a task whose
worker died is failed and run again. A real process killed with SIGKILL is in
``test_delivery_kill.py``; here the kill is a ``BaseException`` raised by the mail backend
after the claim and before the confirmation (nothing after it runs, as after a SIGKILL).
"""

from __future__ import annotations

import datetime
import email
import logging
import uuid

import pytest
from django.core import mail
from django.core.mail.backends.smtp import EmailBackend as SMTPBackend
from django.core.management import call_command
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult, get_date_max

from kaiku.core.tasks import TaskAbandonedError, recover_stuck_tasks_now

from .. import services
from ..models import Frequency, Notification
from ..tasks import (
    recover_deliveries_now,
    retry_delay,
    send_digests,
    send_digests_now,
    send_notification_email,
)
from .factories import NotificationFactory, PreferenceFactory, UserFactory
from .smtp import SMTPTestServer

pytestmark = pytest.mark.django_db

TASK_PATH = "kaiku.notifications.tasks.send_notification_email"


class SimulatedKill(BaseException):
    """Stands in for SIGKILL: not an ``Exception``, so no ``except Exception`` runs."""


class KillingBackend(SMTPBackend):
    """Django's SMTP backend that dies before the ``kill_at``-th message (1-based)."""

    kill_at: int | None = None
    calls = 0

    def send_messages(self, email_messages):
        type(self).calls += 1
        if type(self).calls == type(self).kill_at:
            raise SimulatedKill
        return super().send_messages(email_messages)


@pytest.fixture
def smtp(settings):
    server = SMTPTestServer().start()
    settings.EMAIL_BACKEND = f"{__name__}.KillingBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", server.port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 5
    KillingBackend.kill_at, KillingBackend.calls = None, 0
    yield server
    server.stop()


def _reader(address: str, frequency: str):
    person = UserFactory(email=address, preferred_language="fi")
    PreferenceFactory(user=person, email_frequency=frequency)
    return person


def _text(message: dict) -> str:
    parsed = email.message_from_bytes(message["data"])
    for part in parsed.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode(part.get_content_charset())
    raise AssertionError("no text part")


def _unconfirmed():
    return Notification.objects.filter(emailed_at__isnull=True)


def test_a_killed_digest_run_and_smtp_down_still_deliver_everything_exactly_once(smtp, settings):
    readers = [_reader(f"lukija{i}@example.fi", Frequency.DAILY) for i in range(3)]
    titles = {
        r.email: {NotificationFactory(user=r, title=f"Kokous {i}.{n}").title for n in range(2)}
        for i, r in enumerate(readers)
    }
    hasty = _reader("heti@example.fi", Frequency.IMMEDIATE)
    urgent = NotificationFactory(user=hasty, title="Kiireellinen kokous")
    titles[hasty.email] = {urgent.title}

    # The digest run dies while sending the second email.
    KillingBackend.kill_at = 2
    with pytest.raises(SimulatedKill):
        send_digests.call(Frequency.DAILY)
    assert smtp.recipients() == [readers[0].email]
    # What was being sent is claimed, not marked emailed.
    claimed = Notification.objects.filter(user=readers[1])
    assert not claimed.filter(emailed_at__isnull=False).exists()
    assert claimed.filter(email_claimed_at__isnull=False).count() == 2

    # A second run meanwhile leaves the claimed ones alone and sends the rest.
    KillingBackend.kill_at = None
    assert send_digests.call(Frequency.DAILY) == 1
    assert smtp.recipients() == sorted([readers[0].email, readers[2].email])

    # SMTP goes down (connection refused): the immediate email fails and is kept.
    smtp.stop()
    with pytest.raises(ConnectionRefusedError):
        send_notification_email.call(urgent.pk)
    # Recovery after the claim timeout releases the dead run's claim and retries: still down.
    later = timezone.now() + datetime.timedelta(seconds=settings.KAIKU_EMAIL_CLAIM_TIMEOUT + 1)
    recover_deliveries_now(now=later)
    assert not Notification.objects.filter(email_claimed_at__isnull=False).exists()
    assert set(_unconfirmed()) == {*claimed, urgent}
    assert all(n.email_next_attempt_at > later for n in _unconfirmed())

    # SMTP is back: the next recoveries deliver each remaining email once, and only once.
    smtp.start()
    for _hour in range(3):
        later += datetime.timedelta(seconds=settings.KAIKU_EMAIL_RETRY_MAX_DELAY + 1)
        recover_deliveries_now(now=later)
        send_digests_now(Frequency.DAILY, now=later)
    assert smtp.recipients() == sorted(titles)
    for message in smtp.messages:
        (address,) = message["to"]
        text = _text(message)
        for title in titles[address]:
            assert text.count(title) == 1
    assert not _unconfirmed().exists()
    assert not Notification.objects.filter(email_claimed_at__isnull=False).exists()


def test_a_killed_immediate_send_is_released_and_sent_once(smtp, settings):
    hasty = _reader("heti@example.fi", Frequency.IMMEDIATE)
    notification = NotificationFactory(user=hasty)
    KillingBackend.kill_at = 1
    with pytest.raises(SimulatedKill):
        send_notification_email.call(notification.pk)
    # A retry of the task before the claim times out sends nothing (the claim may be alive).
    assert send_notification_email.call(notification.pk) is False
    assert recover_deliveries_now()["released"] == 0
    later = timezone.now() + datetime.timedelta(seconds=settings.KAIKU_EMAIL_CLAIM_TIMEOUT + 1)
    summary = recover_deliveries_now(now=later)
    assert summary["released"] == 1 and summary["sent"] == 1
    assert smtp.recipients() == [hasty.email]
    recover_deliveries_now(now=later + datetime.timedelta(days=1))
    assert send_notification_email.call(notification.pk) is False
    assert len(smtp.messages) == 1


def test_a_notification_is_marked_emailed_only_after_the_send(user, monkeypatch):
    PreferenceFactory(user=user, email_frequency=Frequency.IMMEDIATE)
    notification = NotificationFactory(user=user)
    seen = {}

    def spy(self, *args, **kwargs):
        row = Notification.objects.get(pk=notification.pk)
        seen.update(emailed_at=row.emailed_at, claimed_at=row.email_claimed_at)
        return 1

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", spy)
    assert send_notification_email.call(notification.pk) is True
    assert seen["emailed_at"] is None and seen["claimed_at"] is not None
    notification.refresh_from_db()
    assert notification.emailed_at is not None and notification.email_claimed_at is None


# --- Backoff -----------------------------------------------------------------------------------


def test_backoff_doubles_up_to_a_ceiling(settings):
    settings.KAIKU_EMAIL_RETRY_DELAY = 300
    settings.KAIKU_EMAIL_RETRY_MAX_DELAY = 3600
    assert [retry_delay(n).total_seconds() for n in range(1, 7)] == [
        300,
        600,
        1200,
        2400,
        3600,
        3600,
    ]


def test_failed_sends_are_retried_with_backoff_then_given_up(user, settings, monkeypatch, caplog):
    settings.KAIKU_EMAIL_MAX_ATTEMPTS = 4
    PreferenceFactory(user=user, email_frequency=Frequency.IMMEDIATE)
    notification = NotificationFactory(user=user)

    def fail(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", fail)
    start = timezone.now()
    with pytest.raises(ConnectionRefusedError):
        send_notification_email.call(notification.pk)
    notification.refresh_from_db()
    assert notification.email_attempts == 1
    first_retry = notification.email_next_attempt_at
    assert first_retry - start >= retry_delay(1)

    # Not due yet: recovery does not touch it.
    assert recover_deliveries_now(now=first_retry - datetime.timedelta(seconds=1))["tried"] == 0
    delays = []
    now = first_retry
    for _attempt in range(2, 5):
        with caplog.at_level(logging.ERROR, logger="kaiku.notifications.tasks"):
            assert recover_deliveries_now(now=now)["tried"] == 1
        notification.refresh_from_db()
        if notification.email_given_up_at:
            break
        delays.append(notification.email_next_attempt_at - now)
        now = notification.email_next_attempt_at
    assert delays == [retry_delay(2), retry_delay(3)]
    assert notification.email_attempts == 4
    assert notification.email_given_up_at is not None and notification.emailed_at is None
    assert f"notification {notification.pk}" in caplog.text and "gave up" in caplog.text.lower()
    # Given up: no more tries, and it stays in the person's list.
    assert recover_deliveries_now(now=now + datetime.timedelta(days=7))["tried"] == 0
    assert Notification.objects.filter(user=user, pk=notification.pk).exists()


def test_a_failed_digest_is_retried_by_recovery_not_a_day_later(user, monkeypatch):
    PreferenceFactory(user=user, email_frequency=Frequency.WEEKLY)
    NotificationFactory(user=user, title="Viikon kokous")
    original = mail.EmailMultiAlternatives.send

    def fail(self, *args, **kwargs):
        raise ConnectionRefusedError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", fail)
    assert send_digests.call(Frequency.WEEKLY) == 0
    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", original)
    # Within the backoff the next run leaves it; after it, recovery sends the digest.
    assert send_digests.call(Frequency.WEEKLY) == 0
    assert mail.outbox == []
    recover_deliveries_now(now=timezone.now() + retry_delay(1) + datetime.timedelta(seconds=1))
    assert len(mail.outbox) == 1 and "Viikon kokous" in mail.outbox[0].body


def test_an_immediate_email_whose_task_was_lost_is_sent_by_recovery(user, settings):
    PreferenceFactory(user=user, email_frequency=Frequency.IMMEDIATE)
    notification = NotificationFactory(user=user)  # no task was queued for it
    assert recover_deliveries_now()["sent"] == 0  # the queued task may still come
    later = timezone.now() + datetime.timedelta(seconds=settings.KAIKU_EMAIL_CLAIM_TIMEOUT + 1)
    assert recover_deliveries_now(now=later)["sent"] == 1
    notification.refresh_from_db()
    assert notification.emailed_at is not None and len(mail.outbox) == 1


def test_digest_people_get_no_early_digest_from_recovery(user, settings):
    PreferenceFactory(user=user, email_frequency=Frequency.DAILY)
    NotificationFactory(user=user)
    later = timezone.now() + datetime.timedelta(hours=3)
    assert recover_deliveries_now(now=later)["sent"] == 0
    assert mail.outbox == []


def test_turning_email_back_on_still_skips_the_backlog_and_failed_ones(user, monkeypatch):
    PreferenceFactory(user=user, email_frequency=Frequency.IMMEDIATE)
    failed = NotificationFactory(user=user)
    monkeypatch.setattr(
        "django.core.mail.EmailMultiAlternatives.send",
        lambda *a, **k: (_ for _ in ()).throw(ConnectionRefusedError()),
    )
    with pytest.raises(ConnectionRefusedError):
        send_notification_email.call(failed.pk)
    monkeypatch.undo()
    services.preference_update(user=user, email_frequency=Frequency.NEVER)
    NotificationFactory(user=user)
    services.preference_update(user=user, email_frequency=Frequency.DAILY)
    assert recover_deliveries_now(now=timezone.now() + datetime.timedelta(days=1))["sent"] == 0
    assert send_digests.call(Frequency.DAILY) == 0
    assert mail.outbox == []


# --- Two senders at once -----------------------------------------------------------------------


def test_two_senders_at_once_never_send_the_same_notification(user, monkeypatch):
    """While one sender is in the middle of sending, a second digest run and a retried
    immediate task find everything claimed and send nothing."""
    PreferenceFactory(user=user, email_frequency=Frequency.DAILY)
    notifications = NotificationFactory.create_batch(3, user=user)
    original = mail.EmailMultiAlternatives.send
    inner = []

    def send_while_another_runs(self, *args, **kwargs):
        if not inner:
            inner.append(send_digests_now(Frequency.DAILY))
            # The person switched to immediate meanwhile; a stray task runs too.
            services.preference_update(user=user, email_frequency=Frequency.IMMEDIATE)
            inner.extend(send_notification_email.call(n.pk) for n in notifications)
            services.preference_update(user=user, email_frequency=Frequency.DAILY)
        return original(self, *args, **kwargs)

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", send_while_another_runs)
    assert send_digests_now(Frequency.DAILY) == 1
    assert inner == [0, False, False, False]
    assert len(mail.outbox) == 1
    assert not _unconfirmed().exists()


def test_a_digest_never_lists_a_notification_claimed_by_another_sender(user):
    PreferenceFactory(user=user, email_frequency=Frequency.DAILY)
    mine, theirs = NotificationFactory(user=user, title="Minun"), NotificationFactory(user=user)
    Notification.objects.filter(pk=theirs.pk).update(
        email_claimed_at=timezone.now(), email_claim_token="x" * 32, email_attempts=1
    )
    assert send_digests.call(Frequency.DAILY) == 1
    assert mine.title in mail.outbox[0].body and theirs.title not in mail.outbox[0].body
    theirs.refresh_from_db()
    assert theirs.emailed_at is None and theirs.email_claim_token == "x" * 32


# --- Tasks whose worker died -------------------------------------------------------------------


def _task_row(*, started_minutes_ago: int, args: list, runs: int = 1, **fields) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=TaskResultStatus.RUNNING,
        started_at=timezone.now() - datetime.timedelta(minutes=started_minutes_ago),
        args_kwargs={"args": args, "kwargs": {}},
        task_path=TASK_PATH,
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        worker_ids=[uuid.uuid4().hex for _ in range(runs)],
        **fields,
    )


def test_a_task_left_running_by_a_dead_worker_is_failed_and_queued_again(settings, caplog):
    settings.KAIKU_TASK_STUCK_TIMEOUT = 3600
    stuck = _task_row(started_minutes_ago=61, args=[41], priority=5)
    busy = _task_row(started_minutes_ago=59, args=[42])
    assert recover_stuck_tasks_now() == {"failed": 1, "queued": 1}

    stuck.refresh_from_db()
    assert stuck.status == TaskResultStatus.FAILED and stuck.finished_at is not None
    assert stuck.exception_class_path == f"{TaskAbandonedError.__module__}.TaskAbandonedError"
    busy.refresh_from_db()
    assert busy.status == TaskResultStatus.RUNNING
    (again,) = DBTaskResult.objects.filter(status=TaskResultStatus.READY)
    assert again.args_kwargs == stuck.args_kwargs and again.task_path == TASK_PATH
    assert (again.priority, again.queue_name, again.backend_name) == (5, "default", "default")
    assert again.worker_ids == stuck.worker_ids  # the runs so far, to cap reruns
    assert str(again.id) in stuck.traceback
    assert DBTaskResult.objects.ready().filter(pk=again.pk).exists()
    # Running recovery again changes nothing.
    assert recover_stuck_tasks_now() == {"failed": 0, "queued": 0}


def test_a_task_that_keeps_dying_is_not_queued_forever(settings, caplog):
    settings.KAIKU_TASK_MAX_RUNS = 3
    _task_row(started_minutes_ago=600, args=[7], runs=3)
    with caplog.at_level(logging.ERROR, logger="kaiku.core.tasks"):
        assert recover_stuck_tasks_now() == {"failed": 1, "queued": 0}
    assert not DBTaskResult.objects.filter(status=TaskResultStatus.READY).exists()
    assert TASK_PATH in caplog.text


def test_recover_deliveries_command_recovers_tasks_and_claims(settings, user):
    PreferenceFactory(user=user, email_frequency=Frequency.IMMEDIATE)
    notification = NotificationFactory(user=user)
    long_ago = timezone.now() - datetime.timedelta(hours=3)
    Notification.objects.filter(pk=notification.pk).update(
        created=long_ago, email_claimed_at=long_ago, email_claim_token="y" * 32, email_attempts=1
    )
    _task_row(started_minutes_ago=180, args=[notification.pk])
    call_command("recover_deliveries")
    notification.refresh_from_db()
    assert notification.emailed_at is not None and len(mail.outbox) == 1
    assert DBTaskResult.objects.filter(status=TaskResultStatus.READY).count() == 1
