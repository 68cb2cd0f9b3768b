from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kaiku.core.navigation import navigation_for

from . import selectors
from .forms import AccessibilityFeedbackForm
from .services import accessibility_feedback_create


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    context = selectors.front_page(viewer=request.user)
    # What the front page says Kaiku offers comes from the menu: only what is built.
    context["features"] = [item for item in navigation_for(request) if item["summary"]]
    return render(request, "site/home.html", context)


@require_http_methods(["GET", "POST"])
def accessibility(request: HttpRequest) -> HttpResponse:
    form = AccessibilityFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accessibility_feedback_create(**form.cleaned_data)
        messages.success(request, _("Thank you. Your feedback has been sent."))
        return redirect("site:accessibility")
    return render(request, "site/accessibility.html", {"form": form})
