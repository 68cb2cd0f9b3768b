"""Background tasks of the accounts app."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django_tasks import task

from kaiku.core.urls_absolute import absolute_url

from .models import Invitation
from .services import invitation_token_issue


@task()
def send_invitation_email(invitation_id: int) -> bool:
    """Send an invitation in the invitee's language. Returns False if it is no longer usable."""
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id)
        .first()
    )
    if invitation is None or not invitation.is_usable:
        return False
    # A new secret for every email: only its hash is stored, and the previous link stops
    # working. It is made here, in the worker, so it never sits in the task queue.
    token = invitation_token_issue(invitation=invitation)
    with translation.override(invitation.language or settings.LANGUAGE_CODE):
        path = reverse("accounts:invitation", kwargs={"token": token})
        context = {
            "invitation": invitation,
            "signup_url": absolute_url(path),
            "inviter": invitation.invited_by.display_name if invitation.invited_by else "",
        }
        subject = render_to_string("accounts/email/invitation_subject.txt", context)
        body = render_to_string("accounts/email/invitation_message.txt", context)
    send_mail(" ".join(subject.split()), body, None, [invitation.email])
    return True
