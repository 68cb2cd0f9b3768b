"""One step of ``test_delivery_kill.py``, run in its own process so that it can be SIGKILLed:

    python -m kaiku.notifications.tests.sender_process STEP [STEP …]

where a step is ``seed``, ``enqueue-digest``, ``worker``, ``state`` or ``recover:SECONDS`` (the
recovery as if SECONDS had passed). ``DATABASE_URL`` names a SQLite file shared by the
processes, ``SMTP_PORT`` the test SMTP server on 127.0.0.1. Tasks go through the database
backend and its real ``db_worker``. The results of the steps are printed as a JSON list on the
last line.
"""

from __future__ import annotations

import datetime
import json
import os
import sys

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test.utils import override_settings  # noqa: E402
from django.utils import timezone  # noqa: E402

SMTP = {
    "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
    "EMAIL_HOST": "127.0.0.1",
    "EMAIL_PORT": int(os.environ.get("SMTP_PORT", "25")),
    "EMAIL_HOST_USER": "",
    "EMAIL_HOST_PASSWORD": "",
    "EMAIL_USE_TLS": False,
    "EMAIL_USE_SSL": False,
    "EMAIL_TIMEOUT": 5,
}
DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def seed() -> dict:
    from ..models import Frequency
    from .factories import NotificationFactory, PreferenceFactory, UserFactory

    titles = {}
    for i in range(3):
        reader = UserFactory(email=f"lukija{i}@example.fi", preferred_language="fi")
        PreferenceFactory(user=reader, email_frequency=Frequency.DAILY)
        titles[reader.email] = [
            NotificationFactory(user=reader, title=f"Kokous {i}.{n}").title for n in range(2)
        ]
    return titles


def state() -> dict:
    from django_tasks_db.models import DBTaskResult

    from ..models import Notification

    return {
        "notifications": [
            {
                "email": n.user.email,
                "emailed": n.emailed_at is not None,
                "claimed": n.email_claimed_at is not None,
                "attempts": n.email_attempts,
            }
            for n in Notification.objects.select_related("user").order_by("pk")
        ],
        "tasks": sorted(DBTaskResult.objects.values_list("status", flat=True)),
    }


def step(mode: str) -> object:
    from ..tasks import recover_deliveries_now, send_digests

    mode, _colon, argument = mode.partition(":")
    if mode == "seed":
        return seed()
    if mode == "enqueue-digest":
        return str(send_digests.enqueue("daily").id)
    if mode == "worker":
        call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval=0")
        return None
    if mode == "recover":
        later = timezone.now() + datetime.timedelta(seconds=float(argument))
        return recover_deliveries_now(now=later)
    if mode == "state":
        return state()
    raise SystemExit(f"unknown step {mode!r}")


if __name__ == "__main__":
    with override_settings(TASKS=DATABASE_TASKS, **SMTP):
        results = [step(mode) for mode in sys.argv[1:]]
    print(json.dumps(results))
