"""Downloads of a survey's answer data for change coordinators and administrators
(``exports.py`` says what is in them and what is suppressed), and of its aggregated results
for whoever may see them (``results_export.py``)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from . import exports, results_export, selectors

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


# --- Aggregated results (results_export.py): whoever may see the survey's results --------------


def _results_survey(request: HttpRequest, pk: int):
    """The survey whose results the viewer may see (``results.may_see_results``); a 404, a 403
    or None (sign in first) as on the results page."""
    from .results_views import _LoginNeededError, results_survey

    try:
        return results_survey(request, pk)
    except _LoginNeededError:
        return None


@require_GET
def results_csv(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _results_survey(request, pk)
    if survey is None:
        return redirect_to_login(request.get_full_path())
    header, rows = results_export.results_table(survey)
    return _download(
        exports.as_csv(header, rows),
        content_type="text/csv; charset=utf-8",
        filename=results_export.filename(survey, "csv"),
    )


@require_GET
def results_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _results_survey(request, pk)
    if survey is None:
        return redirect_to_login(request.get_full_path())
    return _download(
        results_export.as_xlsx(survey),
        content_type=XLSX,
        filename=results_export.filename(survey, "xlsx"),
    )
