from __future__ import annotations

import email
import socketserver
import threading
from email.header import decode_header, make_header

import pytest
from django.core import mail
from django.core.management import call_command

from .. import services
from ..models import Frequency, Notification, NotificationPreference
from ..tasks import recover_deliveries_now, send_digests, send_digests_now, send_notification_email
from .factories import NotificationFactory, PreferenceFactory, UserFactory

pytestmark = pytest.mark.django_db


def _notify(group, title="Ohjausryhmän kokous"):
    return services.notify(
        kind="meeting_created", about=group, followed=[group], title=title, context=group.name
    )


def test_immediate_email_in_the_recipients_language(group, django_capture_on_commit_callbacks):
    swede = UserFactory(preferred_language="sv", email="svensk@example.fi")
    services.follow(user=swede, target=group)
    services.preference_update(user=swede, email_frequency=Frequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        (notification,) = _notify(group)
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["svensk@example.fi"]
    assert "Ohjausryhmän kokous" in message.subject
    assert message.extra_headers["Content-Language"] == "sv"
    assert "Muutosvalmennuksen ohjausryhmä" in message.body  # where it happened
    token = swede.notification_preference.unsubscribe_token
    assert f"/sv/notifications/unsubscribe/{token}/" in message.body
    assert message.extra_headers["List-Unsubscribe"].endswith(f"/unsubscribe/{token}/>")
    assert message.extra_headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html" and '<html lang="sv">' in html
    notification.refresh_from_db()
    assert notification.emailed_at is not None
    # A retry of the task sends nothing: the notification was emailed already.
    assert send_notification_email.enqueue(notification.pk).return_value is False
    assert len(mail.outbox) == 1


def test_digest_people_get_no_immediate_email(group, django_capture_on_commit_callbacks):
    follower = UserFactory()
    services.follow(user=follower, target=group)  # the default: a daily digest
    with django_capture_on_commit_callbacks(execute=True):
        _notify(group)
    assert mail.outbox == []


def test_a_failed_send_keeps_the_notification_for_later(user, monkeypatch):
    PreferenceFactory(user=user, email_frequency=Frequency.IMMEDIATE)
    notification = NotificationFactory(user=user)

    def fail(self, *args, **kwargs):
        raise OSError("SMTP down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", fail)
    with pytest.raises(OSError):
        send_notification_email.call(notification.pk)
    notification.refresh_from_db()
    assert notification.emailed_at is None and notification.email_next_attempt_at is not None
    monkeypatch.undo()
    # The task run again at once waits for the retry time (backoff); recovery sends it then.
    assert send_notification_email.call(notification.pk) is False
    recover_deliveries_now(now=notification.email_next_attempt_at)
    notification.refresh_from_db()
    assert notification.emailed_at is not None and len(mail.outbox) == 1


def test_daily_digest_is_sent_once(user):
    PreferenceFactory(user=user, email_frequency=Frequency.DAILY)
    first = NotificationFactory(user=user, title="Ensimmäinen kokous")
    second = NotificationFactory(user=user, title="Toinen muistio", kind="memo_published")
    weekly = UserFactory()
    PreferenceFactory(user=weekly, email_frequency=Frequency.WEEKLY)
    NotificationFactory(user=weekly)
    never = UserFactory()
    PreferenceFactory(user=never, email_frequency=Frequency.NEVER)
    NotificationFactory(user=never)

    assert send_digests.enqueue(Frequency.DAILY).return_value == 1
    assert send_digests.enqueue(Frequency.DAILY).return_value == 0
    assert len(mail.outbox) == 1
    body = mail.outbox[0].body
    assert first.title in body and second.title in body
    assert Notification.objects.filter(user=user, emailed_at__isnull=True).count() == 0
    assert NotificationPreference.objects.get(user=user).last_digest_at is not None

    later = NotificationFactory(user=user, title="Kolmas kokous")
    call_command("send_digests", "--frequency", "daily")
    assert len(mail.outbox) == 2
    assert later.title in mail.outbox[1].body and first.title not in mail.outbox[1].body

    call_command("send_digests", "--frequency", "weekly")
    assert mail.outbox[2].to == [weekly.email]


def test_a_person_without_a_preference_gets_the_daily_digest(user):
    NotificationFactory(user=user)
    assert send_digests.call(Frequency.DAILY) == 1


def test_digest_refuses_other_frequencies():
    with pytest.raises(ValueError):
        send_digests.call(Frequency.IMMEDIATE)


# --- A real SMTP round trip --------------------------------------------------------------------


class _SMTPHandler(socketserver.StreamRequestHandler):
    """Just enough of RFC 5321 for Django's SMTP backend (no TLS, no AUTH)."""

    def reply(self, line: str) -> None:
        self.wfile.write(line.encode() + b"\r\n")

    def handle(self) -> None:
        self.reply("220 localhost test SMTP")
        envelope: dict = {"to": []}
        while line := self.rfile.readline():
            command = line.decode("ascii", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self.reply("250-localhost")
                self.reply("250 8BITMIME")
            elif verb == "HELO":
                self.reply("250 localhost")
            elif verb == "MAIL":
                envelope = {"from": command[10:], "to": []}
                self.reply("250 OK")
            elif verb == "RCPT":
                envelope["to"].append(command[8:])
                self.reply("250 OK")
            elif verb == "DATA":
                self.reply("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (data := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(data[1:] if data.startswith(b"..") else data)
                self.server.messages.append({**envelope, "data": b"".join(lines)})
                self.reply("250 OK queued")
            elif verb == "QUIT":
                self.reply("221 Bye")
                return
            else:  # RSET, NOOP, …
                self.reply("250 OK")


@pytest.fixture
def smtp_server(settings):
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _SMTPHandler)
    server.daemon_threads = True
    server.messages = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = server.server_address
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    yield server
    server.shutdown()
    server.server_close()


def test_digest_is_delivered_over_smtp(smtp_server):
    reader = UserFactory(email="lukija@example.fi", preferred_language="fi")
    PreferenceFactory(user=reader, email_frequency=Frequency.WEEKLY)
    titles = ["Ohjausryhmän kokous 13.1.2023", "Muistio 9.12.2022 – päätökset"]
    for title in titles:
        NotificationFactory(user=reader, title=title)

    assert send_digests.call(Frequency.WEEKLY) == 1

    (received,) = smtp_server.messages
    assert "lukija@example.fi" in received["to"][0]
    message = email.message_from_bytes(received["data"])
    subject = str(make_header(decode_header(message["Subject"])))
    assert "2" in subject and "Kaiku" in subject
    assert "".join(message["List-Unsubscribe"].split()).startswith("<http")
    parts = {part.get_content_type(): part for part in message.walk()}
    text = (
        parts["text/plain"]
        .get_payload(decode=True)
        .decode(parts["text/plain"].get_content_charset())
    )
    html = (
        parts["text/html"].get_payload(decode=True).decode(parts["text/html"].get_content_charset())
    )
    for title in titles:
        assert title in text
    assert "Ohjausryhmän kokous 13.1.2023" in html
    # Sent once: a second run delivers nothing.
    assert send_digests.call(Frequency.WEEKLY) == 0
    assert len(smtp_server.messages) == 1


def test_subjects_are_not_html_escaped(user):
    PreferenceFactory(user=user, email_frequency=Frequency.IMMEDIATE)
    notification = NotificationFactory(user=user, title="Talous & henkilöstö <luonnos>")
    send_notification_email.call(notification.pk)
    assert mail.outbox[0].subject.endswith("Talous & henkilöstö <luonnos>")
    assert "Talous &amp; henkilöstö &lt;luonnos&gt;" in mail.outbox[0].alternatives[0][0]


def test_turning_email_back_on_does_not_send_the_backlog(user):
    PreferenceFactory(user=user, email_frequency=Frequency.NEVER)
    NotificationFactory.create_batch(3, user=user)
    assert send_digests.call(Frequency.DAILY) == 0
    services.preference_update(user=user, email_frequency=Frequency.DAILY)
    assert send_digests.call(Frequency.DAILY) == 0
    NotificationFactory(user=user, title="Uusi kokous")
    assert send_digests.call(Frequency.DAILY) == 1
    assert "Uusi kokous" in mail.outbox[0].body
    assert Notification.objects.filter(user=user).count() == 4  # all still in the list


def test_links_follow_the_recipients_language_not_the_producers(
    group, django_capture_on_commit_callbacks
):
    """A Finnish secretary's change reaches a Swedish follower with a /sv/ link, by email
    (immediate and digest) and in the list."""
    from django.utils import translation

    swede = UserFactory(preferred_language="sv", email="svensk@example.fi")
    services.follow(user=swede, target=group)
    services.preference_update(user=swede, email_frequency=Frequency.IMMEDIATE)
    with translation.override("fi"), django_capture_on_commit_callbacks(execute=True):
        (notification,) = _notify(group)
    assert notification.url.startswith("/fi/")
    body = mail.outbox[0].body
    assert f"/sv/{notification.url[4:]}" in body and notification.url not in body
    with translation.override("en"):
        assert notification.get_absolute_url() == f"/en/{notification.url[4:]}"
    Notification.objects.filter(pk=notification.pk).update(emailed_at=None)
    services.preference_update(user=swede, email_frequency=Frequency.DAILY)
    mail.outbox.clear()
    send_digests_now("daily")
    assert f"/sv/{notification.url[4:]}" in mail.outbox[0].body
