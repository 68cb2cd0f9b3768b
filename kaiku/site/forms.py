from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import AccessibilityFeedback


class AccessibilityFeedbackForm(forms.ModelForm):
    class Meta:
        model = AccessibilityFeedback
        fields = ["name", "email", "page_url", "message"]
        labels = {
            "name": _("Your name (optional)"),
            "email": _("Your email address (optional, needed for a reply)"),
            "page_url": _("The page the feedback concerns (optional)"),
            "message": _("Describe the problem"),
        }
        widgets = {"message": forms.Textarea(attrs={"rows": 6})}
