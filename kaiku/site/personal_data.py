"""This app's entry in the personal-data registry (kaiku.accounts.personal_data)."""

from __future__ import annotations


def _feedback_export(user) -> list[dict]:
    from .models import AccessibilityFeedback

    return [
        {
            "name": f.name,
            "email": f.email,
            "page": f.page_url,
            "message": f.message,
            "sent": f.created.isoformat(),
        }
        for f in AccessibilityFeedback.objects.filter(email__iexact=user.email).order_by("pk")
    ]


def _feedback_remove(user) -> None:
    from .models import AccessibilityFeedback

    # The feedback itself stays for the accessibility work; who sent it goes.
    AccessibilityFeedback.objects.filter(email__iexact=user.email).update(name="", email="")


def register_personal_data() -> None:
    from kaiku.accounts.personal_data import register

    register(
        "site.accessibilityfeedback",
        key="accessibility_feedback",
        export=_feedback_export,
        remove=_feedback_remove,
        fields=["email"],
        note="Accessibility feedback sent with the person's email address; on removal the "
        "name and address are cleared, the feedback stays.",
    )
