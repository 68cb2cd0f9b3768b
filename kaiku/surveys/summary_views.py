"""The results summary's page, its form and unpublishing (``summaries.py`` says who may do
what). The page shows the coordinator's text and the charts of the questions they chose, laid
out as on the results page (``results_views.present``: the same figures, the same disclosure
control)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaiku.core.forms import wants_preview
from kaiku.core.predicates import is_authenticated

from . import results, selectors, summaries
from .models import Phase, Survey
from .results_views import present
from .summary_forms import SummaryForm


def _manages(request: HttpRequest) -> bool:
    return is_authenticated(request.user) and request.user.has_perm(selectors.MANAGE)


def _blocks(survey: Survey, summary) -> list[dict]:
    """The results page's blocks of the chosen questions, in the survey's order."""
    chosen = set(summary.questions.values_list("pk", flat=True))
    if not chosen:
        return []
    page = present(survey, results.results_for(survey), by=None)
    return [
        block
        for part in page["sections"]
        for block in part["blocks"]
        if block["question"].pk in chosen
    ]


@require_GET
def summary_page(request: HttpRequest, pk: int) -> HttpResponse:
    survey = Survey.objects.filter(pk=min(pk, selectors.MAX_PK)).first() if pk >= 0 else None
    if survey is None:
        raise Http404
    summary = summaries.summary_of(survey)
    if not summaries.may_read(request.user, summary):
        if summary is None or summary.published_at is None:
            raise Http404
        if not is_authenticated(request.user):
            return redirect_to_login(request.get_full_path())
        selectors.survey_get_for(viewer=request.user, pk=pk)  # 404 when the survey is hidden
        raise PermissionDenied
    can_manage = _manages(request)
    context = {
        "survey": survey,
        "summary": summary,
        "blocks": _blocks(survey, summary),
        "can_manage": can_manage,
        "can_see_results": results.may_see_results(request.user, survey),
        "min_group": results.MIN_GROUP,
        "min_text_group": results.MIN_TEXT_GROUP,
    }
    return render(request, "surveys/summary.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def summary_edit(request: HttpRequest, pk: int) -> HttpResponse:
    if not _manages(request):
        raise PermissionDenied
    survey = selectors.survey_get_for(viewer=request.user, pk=pk)
    summary = summaries.summary_of(survey)
    form = SummaryForm(
        request.POST if request.method == "POST" else None, instance=summary, survey=survey
    )
    publish = request.POST.get("action") == "publish"
    if request.method == "POST" and not wants_preview(form) and form.is_valid():
        try:
            summary = summaries.summary_save(
                survey=survey, actor=request.user, **form.service_data()
            )
            announced = None
            if publish:
                announced = summaries.summary_publish(
                    summary=summary,
                    actor=request.user,
                    announce=bool(form.cleaned_data.get("announce")),
                )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            if publish:
                messages.success(request, _("The summary was published."))
            else:
                messages.success(request, _("The summary was saved."))
            if announced is not None and announced.published:
                messages.success(request, _("The summary was announced in the news."))
            elif announced is not None:
                messages.info(
                    request,
                    _(
                        "A news item announcing the summary was saved as a draft for the "
                        "communications team to publish."
                    ),
                )
            return redirect("surveys:summary", pk=survey.pk)
    return render(
        request,
        "surveys/summary_form.html",
        {
            "form": form,
            "survey": survey,
            "summary": summary,
            "publish_problem": summaries.publish_problem(survey),
            "closed": survey.phase() == Phase.CLOSED,
            "cancel_url": reverse("surveys:summary", kwargs={"pk": survey.pk})
            if summary
            else reverse("surveys:results", kwargs={"pk": survey.pk}),
        },
    )


@login_required
@require_POST
def summary_unpublish(request: HttpRequest, pk: int) -> HttpResponse:
    if not _manages(request):
        raise PermissionDenied
    survey = selectors.survey_get_for(viewer=request.user, pk=pk)
    summary = summaries.summary_of(survey)
    if summary is None:
        raise Http404
    summaries.summary_unpublish(summary=summary, actor=request.user)
    messages.success(request, _("The summary is no longer published."))
    return redirect("surveys:summary", pk=survey.pk)
