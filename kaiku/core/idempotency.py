"""Do a create at most once: one-time form tokens and the API's ``Idempotency-Key``.

A request that creates something carries a key chosen before it was sent: the hidden
``form_token`` of a rendered form (``kaiku.core.forms.OneTimeTokenFormMixin``) or the
``Idempotency-Key`` header of an API POST (``kaiku.core.api.idempotency``). The first request
with a key claims it — a row of ``IdempotencyRecord``, unique per person, key and path — in
the same transaction as the create, and stores what it answered. A second request with the
same key waits for the first to commit (the unique index blocks it), finds the row and
answers the same again instead of creating anything. When the create fails, its transaction
rolls back with the claim, so the key may be used again.

Keys are kept for ``TTL``; an older key is claimed afresh.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, models, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TTL = datetime.timedelta(hours=24)
KEY_MAX_LENGTH = 255
PATH_MAX_LENGTH = 1000

T = TypeVar("T")


class IdempotencyRecord(models.Model):
    """A key that was used for a create, and what the first request answered."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    key = models.CharField(_("key"), max_length=KEY_MAX_LENGTH)
    path = models.CharField(_("path"), max_length=PATH_MAX_LENGTH)
    # A hash of the request's data: the same API key with other data is refused.
    fingerprint = models.CharField(_("fingerprint"), max_length=64, blank=True)
    status_code = models.PositiveSmallIntegerField(_("status"), null=True, blank=True)
    response = models.JSONField(_("response"), null=True, blank=True)
    location = models.CharField(_("redirect address"), max_length=PATH_MAX_LENGTH, blank=True)
    created = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)

    class Meta:
        app_label = "core"
        verbose_name = _("idempotency key")
        verbose_name_plural = _("idempotency keys")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "key", "path"], name="core_idempotency_key_once_per_path"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.path} {self.key}"


def fingerprint(data: Any) -> str:
    """A stable hash of request data (JSON-like; other values by their ``str``)."""
    text = json.dumps(data, sort_keys=True, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


def claim(*, user, key: str, path: str, fingerprint: str = "") -> tuple[IdempotencyRecord, bool]:
    """Claim ``key`` for ``user`` and ``path``; call inside the transaction of the create.

    Returns ``(record, True)`` when this call claimed the key (fill in the answer with
    ``IdempotencyRecord.objects.filter(pk=record.pk).update(...)`` before the commit), or
    ``(record, False)`` with the earlier, committed record. A concurrent claim of the same key
    blocks on the unique index until the other transaction ends.
    """
    path = path[:PATH_MAX_LENGTH]
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("claim() must run in the transaction of the create.")
    IdempotencyRecord.objects.filter(
        user=user, key=key, path=path, created__lt=timezone.now() - TTL
    ).delete()
    try:
        with transaction.atomic():
            record = IdempotencyRecord.objects.create(
                user=user, key=key, path=path, fingerprint=fingerprint
            )
    except IntegrityError:
        return IdempotencyRecord.objects.get(user=user, key=key, path=path), False
    return record, True


def prune(*, now: datetime.datetime | None = None) -> int:
    """Remove keys older than ``TTL``; returns how many."""
    cutoff = (now or timezone.now()) - TTL
    deleted, _ = IdempotencyRecord.objects.filter(created__lt=cutoff).delete()
    return deleted


def create_once(
    request: HttpRequest,
    token: str | None,
    create: Callable[[], T],
    *,
    location: Callable[[T], str] | None = None,
) -> tuple[T | None, str | None]:
    """Call ``create()`` at most once per signed-in person, form token and path.

    Returns ``(obj, None)`` when ``create`` ran, or ``(None, location)`` when the same token
    was already used: ``location`` is the page of the object the first submit created
    (``location(obj)``, by default ``obj.get_absolute_url()``). Without
    a token (or for an anonymous visitor) ``create`` simply runs. Errors from ``create`` (e.g.
    ``ValidationError``) propagate and release the token.
    """
    user = getattr(request, "user", None)
    if not token or user is None or not user.is_authenticated:
        return create(), None
    with transaction.atomic():
        record, claimed = claim(user=user, key=token, path=request.path)
        if not claimed:
            return None, record.location or request.path
        obj = create()
        url = location(obj) if location else obj.get_absolute_url()
        IdempotencyRecord.objects.filter(pk=record.pk).update(status_code=302, location=url)
    return obj, None


def earlier_submit(request: HttpRequest, token: str | None) -> str | None:
    """Where the first submit of this form went, when ``token`` was already used; check it
    before validating the form again (its data may now clash with what was created)."""
    user = getattr(request, "user", None)
    if not token or user is None or not user.is_authenticated:
        return None
    record = (
        IdempotencyRecord.objects.filter(
            user=user,
            key=token,
            path=request.path[:PATH_MAX_LENGTH],
            created__gte=timezone.now() - TTL,
        )
        .only("location")
        .first()
    )
    return (record.location or request.path) if record else None


def already_submitted(request: HttpRequest, location: str) -> HttpResponse:
    """The answer to a form sent again: what the first submit created, and why."""
    messages.info(request, _("This form had already been sent. It was saved only once."))
    return redirect(location)


# Personal data: accounts registers these in its personal-data registry (core imports no app).


def personal_data_export(user) -> list[dict]:
    return [
        {"path": record.path, "created": record.created.isoformat()}
        for record in IdempotencyRecord.objects.filter(user=user).order_by("created", "pk")
    ]


def personal_data_remove(user) -> None:
    IdempotencyRecord.objects.filter(user=user).delete()
