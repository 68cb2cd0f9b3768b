from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from kaiku.core.navigation import navigation_for

from . import selectors
from .forms import AccessibilityFeedbackForm
from .services import accessibility_feedback_create


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return personal_home(request)
    context = selectors.front_page(viewer=request.user)
    # What the front page says Kaiku offers comes from the menu: only what is built.
    context["features"] = [item for item in navigation_for(request) if item["summary"]]
    return render(request, "site/home.html", context)


def personal_home(request: HttpRequest) -> HttpResponse:
    """A signed-in person's own front page, at the same address as the public one: it must
    never be stored by a shared cache nor served to anyone else."""
    response = render(request, "site/home_personal.html", selectors.personal_front_page(request))
    patch_cache_control(response, private=True)
    patch_vary_headers(response, ("Cookie",))
    return response


@require_http_methods(["GET", "POST"])
def accessibility(request: HttpRequest) -> HttpResponse:
    form = AccessibilityFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accessibility_feedback_create(**form.cleaned_data)
        messages.success(request, _("Thank you. Your feedback has been sent."))
        return redirect("site:accessibility")
    return render(request, "site/accessibility.html", {"form": form})
