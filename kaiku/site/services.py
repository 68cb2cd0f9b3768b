from __future__ import annotations

from django.db import transaction

from .models import AccessibilityFeedback


@transaction.atomic
def accessibility_feedback_create(
    *, message: str, name: str = "", email: str = "", page_url: str = ""
) -> AccessibilityFeedback:
    """Store accessibility feedback; the administrators answer it within 14 days."""
    feedback = AccessibilityFeedback(name=name, email=email, page_url=page_url, message=message)
    feedback.full_clean()
    feedback.save()
    return feedback
