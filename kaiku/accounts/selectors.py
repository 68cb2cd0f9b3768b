"""Reads about people, their API tokens and invitations.

Views, adapters and the other apps read through these functions; writes are in
``services.py``.
"""

from __future__ import annotations

import hashlib

from django.http import HttpRequest

from .models import ApiToken, Invitation, User

#: The session key under which an opened invitation link is remembered until sign-up.
INVITATION_SESSION_KEY = "kaiku_invitation"


def invitation_token_hash(token: str) -> str:
    """What is stored of an invitation link's secret: its SHA-256."""
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_for_token(token: str) -> Invitation | None:
    """The usable invitation whose link carries ``token``, if any."""
    if not token or len(token) > 100:
        return None
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(token_hash=invitation_token_hash(token))
        .first()
    )
    return invitation if invitation is not None and invitation.is_usable else None


def invitation_in_session(request: HttpRequest | None) -> Invitation | None:
    """The usable invitation whose link was opened in this browser session, if any."""
    session = getattr(request, "session", None)
    invitation_id = session.get(INVITATION_SESSION_KEY) if session is not None else None
    if not isinstance(invitation_id, int):
        return None
    invitation = Invitation.objects.filter(pk=invitation_id).first()
    return invitation if invitation is not None and invitation.is_usable else None


def api_token_of(user: User) -> ApiToken | None:
    """The person's API token (one at most), for the profile page."""
    return ApiToken.objects.filter(user=user).first()


def person_for_viewer(*, viewer, pk: int) -> User | None:
    """The active person ``pk`` with their organisation, when ``viewer`` may see their page;
    ``None`` both for a missing person and for one the viewer may not see, so that the
    answer does not tell whether the person exists."""
    person = (
        User.objects.select_related("organisation")
        .filter(pk=pk, is_active=True, removed_at__isnull=True)
        .first()
    )
    if person is None or not viewer.has_perm("accounts.view_person", person):
        return None
    return person
