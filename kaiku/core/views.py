from __future__ import annotations

import time

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from .forms import PREVIEW_FIELD
from .markdown import render_markdown


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
def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for ``/favicon.ico`` whatever a page's ``<link rel="icon">`` says."""
    return HttpResponsePermanentRedirect(static("kaiku/img/favicon.svg"))


# --- Markdown preview ------------------------------------------------------------------------

PREVIEW_MAX_CHARS = 50_000
PREVIEW_PER_MINUTE = 60


def _preview_allowed(user) -> bool:
    """At most ``PREVIEW_PER_MINUTE`` previews a minute per person (a fixed window)."""
    key = f"kaiku:markdown-preview:{user.pk}:{int(time.time() // 60)}"
    cache.add(key, 0, timeout=90)
    try:
        return cache.incr(key) <= PREVIEW_PER_MINUTE
    except ValueError:  # the key expired in between
        return True


@login_required
@require_POST
def markdown_preview(request: HttpRequest) -> HttpResponse:
    """The Markdown of the field named by ``preview`` (the button's value), rendered by the
    site's own sanitising renderer, as an HTML fragment for htmx. CSRF-protected (POST),
    signed-in people only, size- and rate-limited."""
    name = request.POST.get(PREVIEW_FIELD, "")
    text = request.POST.get(name, "") if name and name != PREVIEW_FIELD else ""
    if len(text) > PREVIEW_MAX_CHARS:
        message = ngettext(
            "The text is too long to preview (at most %(limit)s character).",
            "The text is too long to preview (at most %(limit)s characters).",
            PREVIEW_MAX_CHARS,
        ) % {"limit": PREVIEW_MAX_CHARS}
        return render(request, "core/includes/_preview.html", {"error": message}, status=413)
    if not _preview_allowed(request.user):
        message = _("Too many previews. Wait a minute and try again.")
        return render(request, "core/includes/_preview.html", {"error": message}, status=429)
    return render(request, "core/includes/_preview.html", {"html": render_markdown(text)})
