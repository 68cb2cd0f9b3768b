"""Per-person limits on posting, reporting and voting, and account suspension.

Every service that lets a person write something others read (a question, an answer, a
discussion, a comment, a report, a vote) calls ``check_and_record`` inside its transaction,
before it writes:

```python
from kaiku.core.ratelimit import check_and_record

check_and_record(user=author, action=POST, text=body)  # raises RateLimitError
```

The limits (``LIMITS``) hold across every web worker and the API because they are counted in
the database (``RateEvent``), with the person's row locked so two parallel requests cannot both
pass. ``RateLimitError`` carries a translated message and ``retry_after`` seconds: forms show the
message, the API answers ``429 Too Many Requests`` with ``Retry-After``
(``kaiku.core.api.exceptions``). A suspended person (``suspended_until`` in the future on
their account) may not post, report or vote at all.
"""

from __future__ import annotations

import datetime
import hashlib
import math
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

POST = "post"
REPORT = "report"
VOTE = "vote"


@dataclass(frozen=True)
class Limit:
    #: At least this long between two actions of the kind.
    interval: datetime.timedelta = datetime.timedelta(0)
    #: The interval for an account younger than ``NEW_ACCOUNT_AGE``.
    new_account_interval: datetime.timedelta | None = None
    #: At most ``per_window`` actions in ``window``.
    per_window: int | None = None
    window: datetime.timedelta = datetime.timedelta(days=1)
    #: The same text again is refused for this long.
    duplicate_for: datetime.timedelta | None = None


NEW_ACCOUNT_AGE = datetime.timedelta(days=1)
LIMITS: dict[str, Limit] = {
    POST: Limit(
        interval=datetime.timedelta(seconds=5),
        new_account_interval=datetime.timedelta(seconds=30),
        duplicate_for=datetime.timedelta(minutes=5),
    ),
    REPORT: Limit(per_window=20, window=datetime.timedelta(days=1)),
    VOTE: Limit(per_window=60, window=datetime.timedelta(minutes=1)),
}
#: Events older than this are of no use to any limit and are pruned on the next write.
KEEP = datetime.timedelta(days=1)


class RateLimitError(Exception):
    """The person must wait ``retry_after`` seconds (``None``: not by waiting, e.g. suspended)."""

    def __init__(self, message: str, retry_after: int | None = None):
        super().__init__(message)
        self.message = message
        self.retry_after = retry_after


class RateEvent(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=gettext_lazy("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    action = models.CharField(gettext_lazy("action"), max_length=20)
    at = models.DateTimeField(gettext_lazy("time"), default=timezone.now)
    # A hash of the normalised text, for refusing the same post twice.
    fingerprint = models.CharField(gettext_lazy("fingerprint"), max_length=64, blank=True)

    class Meta:
        app_label = "core"
        verbose_name = gettext_lazy("rate limit event")
        verbose_name_plural = gettext_lazy("rate limit events")
        indexes = [models.Index(fields=["user", "action", "at"], name="core_rate_user_action_at")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.action} {self.at:%Y-%m-%d %H:%M:%S}"


def text_fingerprint(text: str) -> str:
    normal = re.sub(r"\s+", " ", text or "").strip().casefold()
    return hashlib.sha256(normal.encode()).hexdigest() if normal else ""


def _wait_message(seconds: int) -> str:
    return ngettext(
        "You are posting too fast. Please wait %(count)d second and try again.",
        "You are posting too fast. Please wait %(count)d seconds and try again.",
        seconds,
    ) % {"count": seconds}


def check_suspension(user, *, now: datetime.datetime | None = None) -> None:
    until = getattr(user, "suspended_until", None)
    if until and until > (now or timezone.now()):
        local = timezone.localtime(until)
        raise RateLimitError(
            _("Your account is suspended until %(time)s. You can read, but not post.")
            % {"time": date_format(local, "SHORT_DATETIME_FORMAT")}
        )


def check_and_record(*, user, action: str, text: str = "", now=None) -> None:
    """Refuse (``RateLimitError``) or record one ``action`` of ``user``. Call inside the write's
    transaction: when the write fails later, the event rolls back with it."""
    now = now or timezone.now()
    limit = LIMITS[action]
    check_suspension(user, now=now)
    with transaction.atomic():
        # Serialise one person's actions: two parallel posts cannot both pass the checks.
        # (The user model, not ``type(user)``: ``request.user`` is a lazy wrapper.)
        get_user_model()._default_manager.select_for_update().filter(pk=user.pk).exists()
        events = RateEvent.objects.filter(user_id=user.pk, action=action)
        interval = limit.interval
        joined = getattr(user, "date_joined", None)
        if limit.new_account_interval and joined and now - joined < NEW_ACCOUNT_AGE:
            interval = limit.new_account_interval
        if interval:
            last = events.filter(at__gt=now - interval).order_by("-at").first()
            if last:
                wait = math.ceil((last.at + interval - now).total_seconds())
                raise RateLimitError(_wait_message(max(wait, 1)), max(wait, 1))
        fingerprint = text_fingerprint(text) if limit.duplicate_for else ""
        if (
            fingerprint
            and events.filter(fingerprint=fingerprint, at__gt=now - limit.duplicate_for).exists()
        ):
            minutes = int(limit.duplicate_for.total_seconds() // 60)
            raise RateLimitError(
                ngettext(
                    "You posted the same text a moment ago. Identical posts are refused for "
                    "%(count)d minute.",
                    "You posted the same text a moment ago. Identical posts are refused for "
                    "%(count)d minutes.",
                    minutes,
                )
                % {"count": minutes},
                int(limit.duplicate_for.total_seconds()),
            )
        if limit.per_window:
            since = now - limit.window
            recent = events.filter(at__gt=since)
            if recent.count() >= limit.per_window:
                first = recent.order_by("at").first()
                wait = math.ceil((first.at + limit.window - now).total_seconds())
                raise RateLimitError(
                    ngettext(
                        "You have reached the limit of %(count)d for now. Please try again later.",
                        "You have reached the limit of %(count)d for now. Please try again later.",
                        limit.per_window,
                    )
                    % {"count": limit.per_window},
                    max(wait, 1),
                )
        RateEvent.objects.filter(user_id=user.pk, at__lt=now - KEEP).delete()
        RateEvent.objects.create(user_id=user.pk, action=action, at=now, fingerprint=fingerprint)


def personal_data_export(user) -> list[dict]:
    return list(RateEvent.objects.filter(user=user).values("action", "at").order_by("at"))


def personal_data_remove(user) -> None:
    RateEvent.objects.filter(user=user).delete()
