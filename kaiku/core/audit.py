"""Writing the audit log. Every security-relevant event goes through :func:`audit_log`."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.http import HttpRequest

from .models import AuditAction, AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as the server saw it.

    Only ``REMOTE_ADDR`` is trusted; a reverse proxy in front of the app must set it (for
    example gunicorn's ``--forwarded-allow-ips``). A raw ``X-Forwarded-For`` is never read,
    because any client can forge it.
    """
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_log(
    *,
    action: AuditAction | str,
    actor: Any = None,
    target: models.Model | None = None,
    request: HttpRequest | None = None,
    data: dict | None = None,
    actor_label: str = "",
) -> AuditEvent:
    """Append one event to the audit log. Never pass secrets or survey answers in ``data``."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    if actor is None and request is not None and request.user.is_authenticated:
        actor = request.user
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        actor_label=actor_label or (actor.email if actor is not None else ""),
        target_type=target._meta.label_lower if target is not None else "",
        target_id=str(target.pk) if target is not None else "",
        target_label=str(target)[:254] if target is not None else "",
        ip_address=client_ip(request),
        data=data or {},
    )
