from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors
from .forms import AccessibilityFeedbackForm
from .services import accessibility_feedback_create


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "site/home.html", selectors.front_page(viewer=request.user))


@require_http_methods(["GET", "POST"])
def accessibility(request: HttpRequest) -> HttpResponse:
    form = AccessibilityFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accessibility_feedback_create(**form.cleaned_data)
        messages.success(request, _("Thank you. Your feedback has been sent."))
        return redirect("site:accessibility")
    return render(request, "site/accessibility.html", {"form": form})
