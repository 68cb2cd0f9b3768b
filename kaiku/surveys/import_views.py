"""Importing an earlier round in the site's pages (change coordinators and administrators).

One address, three steps: upload (the file and the survey's settings) → preview (the first
rows and each column's type, which the person may change) → import, then the survey's page.

Between the steps the parsed file is kept on the server's disk, not in the session (it may be
10 MB) and not sent back and forth through the browser: a JSON file named by a random token
(``secrets.token_urlsafe``) in a private directory (``SURVEY_IMPORT_DIR``, by default
``<temp>/kaiku-survey-imports``, mode 0700). The token is listed in the uploader's session and
the file records their id, so nobody else can use it. What is kept has already lost the
columns that identify respondents (ID, times, email, name…): they never leave the upload
request. The file is deleted when it is imported or the import is cancelled, and files older
than ``KEEP_FOR`` are deleted whenever someone uploads. Several web servers need
``SURVEY_IMPORT_DIR`` on a disk they share.
"""

from __future__ import annotations

import datetime
import gzip
import json
import os
import re
import secrets
import tempfile
import time
from pathlib import Path

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods

from . import importing
from .import_forms import ImportColumnsForm, ImportUploadForm
from .models import Survey
from .selectors import MANAGE

KEEP_FOR = datetime.timedelta(hours=2)
SESSION_KEY = "survey_imports"
PREVIEW_ROWS = 10
_TOKEN = re.compile(r"[A-Za-z0-9_-]{43}")


def _directory() -> Path:
    configured = getattr(settings, "SURVEY_IMPORT_DIR", None)
    path = Path(configured) if configured else Path(tempfile.gettempdir()) / "kaiku-survey-imports"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _path(token: str) -> Path | None:
    return _directory() / f"{token}.json.gz" if _TOKEN.fullmatch(token or "") else None


def _sweep() -> None:
    limit = time.time() - KEEP_FOR.total_seconds()
    for path in _directory().glob("*.json.gz"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
        except OSError:
            pass


def _store(request: HttpRequest, table: importing.Table, plan: importing.Plan, form) -> str:
    """Keep the table without its identifying columns; return the token."""
    kept = [c.index for c in plan.columns if not c.identifying]
    data = {
        "user": request.user.pk,
        "filename": form.cleaned_data["file"].name[:200],
        "format": table.describe(),
        "header": [table.header[i] for i in kept],
        "rows": [[row[i] for i in kept] for row in table.rows],
        "numbers": table.numbers,
        "identifying": [[c.header, c.reason] for c in plan.identifying],
        "title": form.cleaned_data["title"],
        "previous": form.cleaned_data["previous"].pk if form.cleaned_data["previous"] else None,
        "results_visibility": form.cleaned_data["results_visibility"],
        "closed_on": (
            form.cleaned_data["closed_on"].isoformat() if form.cleaned_data["closed_on"] else None
        ),
    }
    token = secrets.token_urlsafe(32)
    path = _path(token)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(gzip.compress(json.dumps(data).encode()))
    tokens = [t for t in request.session.get(SESSION_KEY, []) if _path(t) and _path(t).exists()]
    request.session[SESSION_KEY] = [*tokens[-4:], token]
    return token


def _load(request: HttpRequest, token: str) -> dict | None:
    path = _path(token)
    if path is None or token not in request.session.get(SESSION_KEY, []):
        return None
    try:
        data = json.loads(gzip.decompress(path.read_bytes()))
    except (OSError, ValueError, EOFError):
        return None
    return data if data.get("user") == request.user.pk else None


def _forget(request: HttpRequest, token: str) -> None:
    path = _path(token)
    if path is not None:
        path.unlink(missing_ok=True)
    request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]


def _plan(
    stored: dict, vocabulary, overrides=None, matrices=None
) -> tuple[importing.Plan, Survey | None]:
    table = importing.Table(header=stored["header"], rows=stored["rows"], numbers=stored["numbers"])
    previous = Survey.objects.filter(pk=stored["previous"]).first() if stored["previous"] else None
    plan = importing.infer_plan(
        table, vocabulary=vocabulary, previous=previous, overrides=overrides, matrices=matrices
    )
    return plan, previous


def _preview(request, *, token, stored, plan, form, status=200) -> HttpResponse:
    return render(
        request,
        "surveys/import_preview.html",
        {
            "token": token,
            "stored": stored,
            "plan": plan,
            "form": form,
            "rows": list(zip(plan.table.numbers, plan.table.rows, strict=True))[:PREVIEW_ROWS],
            "row_count": len(plan.table.rows),
            "identifying": stored["identifying"],
        },
        status=status,
    )


def _upload_page(request, form) -> HttpResponse:
    return render(request, "surveys/import_upload.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def survey_import(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    action = request.POST.get("action", "upload") if request.method == "POST" else None
    if action in ("import", "cancel"):
        return _confirm(request, action)
    form = ImportUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _upload_page(request, form)
    _sweep()
    vocabulary = importing.load_vocabulary()
    upload = form.cleaned_data["file"]
    try:
        data = upload.read(importing.MAX_BYTES + 1)
        table = importing.read_table(data, upload.name)
        plan = importing.infer_plan(
            table, vocabulary=vocabulary, previous=form.cleaned_data["previous"]
        )
    except importing.ImportFileError as exc:
        form.add_error("file", exc.messages)
        return _upload_page(request, form)
    token = _store(request, table, plan, form)
    stored = _load(request, token)
    plan, _previous = _plan(stored, vocabulary)
    return _preview(
        request, token=token, stored=stored, plan=plan, form=ImportColumnsForm(plan=plan)
    )


def _confirm(request: HttpRequest, action: str) -> HttpResponse:
    token = request.POST.get("token", "")
    stored = _load(request, token)
    if stored is None:
        form = ImportUploadForm()
        form.cleaned_data = {}  # an unbound form, so the message goes to its error summary
        form.add_error(
            None,
            _(
                "The uploaded file is no longer kept (it is kept for two hours, for the person "
                "who uploaded it). Please upload the file again."
            ),
        )
        return _upload_page(request, form)
    if action == "cancel":
        _forget(request, token)
        messages.info(request, _("The import was cancelled. Nothing was imported."))
        return redirect("surveys:manage")
    vocabulary = importing.load_vocabulary()
    plan, _previous = _plan(stored, vocabulary)
    form = ImportColumnsForm(request.POST, plan=plan)
    if not form.is_valid():
        return _preview(request, token=token, stored=stored, plan=plan, form=form)
    plan, previous = _plan(
        stored, vocabulary, overrides=form.overrides(), matrices=form.matrix_choices()
    )
    closed_on = stored["closed_on"]
    try:
        result = importing.import_round(
            plan,
            title=stored["title"],
            survey=previous,
            results_visibility=stored["results_visibility"],
            closed_on=datetime.date.fromisoformat(closed_on) if closed_on else None,
            vocabulary=vocabulary,
            actor=request.user,
        )
    except importing.ImportFileError as exc:
        form.add_error(None, [_("Nothing was imported."), *exc.messages])
        return _preview(request, token=token, stored=stored, plan=plan, form=form)
    _forget(request, token)
    messages.success(
        request,
        ngettext(
            "%(n)s response was imported as a closed survey.",
            "%(n)s responses were imported as a closed survey.",
            result.responses,
        )
        % {"n": result.responses},
    )
    return redirect(result.survey)
