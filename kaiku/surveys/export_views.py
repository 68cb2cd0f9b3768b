"""Downloads of a survey's answer data for change coordinators and administrators
(``exports.py`` says what is in them and what is suppressed)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import exports, selectors

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _download(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response


def _table(request: HttpRequest, pk: int):
    if not request.user.has_perm(selectors.MANAGE):
        raise PermissionDenied
    survey = selectors.survey_get_for(viewer=request.user, pk=pk)
    return survey, exports.answer_table(survey)


@login_required
@require_GET
def answers_csv(request: HttpRequest, pk: int) -> HttpResponse:
    survey, (header, rows) = _table(request, pk)
    return _download(
        exports.as_csv(header, rows),
        content_type="text/csv; charset=utf-8",
        filename=f"survey-{survey.pk}-answers.csv",
    )


@login_required
@require_GET
def answers_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    survey, (header, rows) = _table(request, pk)
    return _download(
        exports.as_xlsx(header, rows, sheet_title=_("Answers")),
        content_type=XLSX,
        filename=f"survey-{survey.pk}-answers.xlsx",
    )
