from __future__ import annotations

from django.contrib import messages
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from . import selectors
from .forms import AccessibilityFeedbackForm
from .services import accessibility_feedback_create


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: answers 200 only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # noqa: BLE001 - any database failure means "not ready"
        return JsonResponse(
            {"status": "error", "database": str(exc.__class__.__name__)}, status=503
        )
    return JsonResponse({"status": "ok", "database": "ok"})


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "core/home.html", selectors.front_page(viewer=request.user))


@require_http_methods(["GET", "POST"])
def accessibility(request: HttpRequest) -> HttpResponse:
    form = AccessibilityFeedbackForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        accessibility_feedback_create(**form.cleaned_data)
        messages.success(request, _("Thank you. Your feedback has been sent."))
        return redirect("core:accessibility")
    return render(request, "core/accessibility.html", {"form": form})
