"""Survey pages: answering for the audience, the builder for change coordinators and
administrators. Thin views over selectors.py and services.py.

A survey the viewer may not see (outside its audience, a draft for someone who does not
manage surveys) is a 404 on every page. The builder's pages answer 403 to people who do not
manage surveys.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaiku.core.forms import add_service_errors

from . import selectors, services
from .forms import QuestionForm, SectionAnswerForm, SectionForm, SurveyForm, bind, draft_values
from .models import Phase, Question, QuestionKind, Section, Survey
from .results import may_see_results

MANAGE = selectors.MANAGE
ANSWER = "surveys.answer_survey"


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


def _survey(request: HttpRequest, pk: int) -> Survey:
    return selectors.survey_get_for(viewer=request.user, pk=pk)


def _managed_survey(request: HttpRequest, pk: int) -> Survey:
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    return _survey(request, pk)


# --- Answering ----------------------------------------------------------------------------------


@login_required
@require_GET
def survey_list(request: HttpRequest) -> HttpResponse:
    surveys = list(selectors.surveys_for(viewer=request.user))
    open_, other = [], []
    for survey in surveys:
        (open_ if survey.is_open else other).append(survey)
    open_.sort(key=lambda s: s.closes_at)
    return render(
        request,
        "surveys/survey_list.html",
        {
            "open_surveys": open_,
            "other_surveys": other,
            "can_manage": request.user.has_perm(MANAGE),
        },
    )


@login_required
@require_GET
def survey_detail(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    context = {
        "survey": survey,
        "phase": survey.phase(),
        "can_manage": request.user.has_perm(MANAGE),
        "can_answer": request.user.has_perm(ANSWER, survey),
        "answered": services.has_answered(survey=survey, user=request.user),
        "draft": selectors.draft_of(survey=survey, user=request.user),
        "can_see_results": may_see_results(request.user, survey),
    }
    return render(request, "surveys/survey_detail.html", context)


def _answerable(request: HttpRequest, pk: int) -> Survey:
    survey = _survey(request, pk)
    if not request.user.has_perm(ANSWER, survey):
        if survey.phase() != Phase.OPEN:
            messages.error(request, _("The survey is not open for answers."))
        else:
            messages.error(request, _("This survey is for another audience."))
        raise _RefusedError(survey)
    if services.has_answered(survey=survey, user=request.user):
        messages.info(request, _("You have already answered this survey. Thank you!"))
        raise _RefusedError(survey)
    return survey


class _RefusedError(Exception):
    def __init__(self, survey: Survey):
        self.survey = survey


def _valid_form(section: Section, data: dict) -> SectionAnswerForm:
    return SectionAnswerForm(bind(data), section=section)


@login_required
@require_http_methods(["GET", "POST"])
def survey_answer(request: HttpRequest, pk: int, step: int = 0) -> HttpResponse:
    """One page a section. Every button keeps what was entered in the person's draft; "Next"
    and "Send" check the section first; "Send" checks every section and stores the answers."""
    try:
        survey = _answerable(request, pk)
    except _RefusedError as refused:
        return redirect(refused.survey)
    sections = [s for s in selectors.structure(survey) if s.questions.all()]
    if not sections:
        raise Http404
    if step >= len(sections):
        return redirect("surveys:answer_step", pk=survey.pk, step=len(sections) - 1)
    section = sections[step]
    draft = selectors.draft_of(survey=survey, user=request.user)
    data = dict(draft.data) if draft else {}
    context = {
        "survey": survey,
        "section": section,
        "step": step,
        "step_number": step + 1,
        "steps": len(sections),
        "is_last": step == len(sections) - 1,
    }
    if request.method == "GET":
        form = SectionAnswerForm(
            bind(data) if any(k in data for k in _names(form_section=section)) else None,
            section=section,
        )
        if form.is_bound:
            form.is_valid()
            form = _quiet(form)
        return render(request, "surveys/answer.html", {**context, "form": form})

    action = request.POST.get("action", "next")
    # What was entered on this page replaces the page's earlier values in the draft.
    for name in _names(form_section=section):
        data.pop(name, None)
    data.update(draft_values(request.POST, section))
    try:
        if action == "save":
            services.draft_save(survey=survey, user=request.user, data=data, step=step)
            messages.success(
                request,
                _("Your answers so far are saved. You can continue until the survey closes."),
            )
            return redirect(survey)
        if action == "back":
            services.draft_save(survey=survey, user=request.user, data=data, step=max(step - 1, 0))
            return redirect("surveys:answer_step", pk=survey.pk, step=max(step - 1, 0))
        form = SectionAnswerForm(request.POST, section=section)
        if not form.is_valid():
            services.draft_save(survey=survey, user=request.user, data=data, step=step)
            return render(request, "surveys/answer.html", {**context, "form": form})
        if action != "send" or step < len(sections) - 1:
            services.draft_save(survey=survey, user=request.user, data=data, step=step + 1)
            return redirect("surveys:answer_step", pk=survey.pk, step=step + 1)
        # Send: every section must be valid.
        answers = []
        for index, other in enumerate(sections):
            other_form = form if index == step else _valid_form(other, data)
            if not other_form.is_valid():
                services.draft_save(survey=survey, user=request.user, data=data, step=index)
                messages.error(request, _("Some answers need checking before sending."))
                return render(
                    request,
                    "surveys/answer.html",
                    {
                        **context,
                        "section": other,
                        "step": index,
                        "step_number": index + 1,
                        "is_last": index == len(sections) - 1,
                        "form": other_form,
                    },
                )
            answers += other_form.answers()
        services.response_submit(survey=survey, user=request.user, answers=answers)
    except services.AlreadyAnsweredError:
        messages.info(request, _("You have already answered this survey. Thank you!"))
        return redirect(survey)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect(survey)
    return redirect("surveys:thanks", pk=survey.pk)


def _names(*, form_section: Section) -> list[str]:
    from .forms import section_field_names

    return section_field_names(form_section)


def _quiet(form: SectionAnswerForm) -> SectionAnswerForm:
    """A form filled in from the draft, shown without "required" errors: the person has not
    tried to continue yet."""
    form._errors = {}
    return form


@login_required
@require_GET
def survey_thanks(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _survey(request, pk)
    if not services.has_answered(survey=survey, user=request.user):
        return redirect(survey)
    return render(request, "surveys/thanks.html", {"survey": survey})


# --- Building -----------------------------------------------------------------------------------


@login_required
@require_GET
def survey_manage(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    surveys = list(selectors.managed(viewer=request.user))
    return render(request, "surveys/manage.html", {"surveys": surveys})


@login_required
@require_http_methods(["GET", "POST"])
def survey_create(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(MANAGE):
        raise PermissionDenied
    form = SurveyForm(_data(request))
    if request.method == "POST" and form.is_valid():
        try:
            survey = services.survey_create(actor=request.user, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The survey was created. Add its sections and questions."))
            return redirect("surveys:build", pk=survey.pk)
    return render(
        request,
        "surveys/form.html",
        {"form": form, "title": _("New survey"), "cancel_url": reverse("surveys:manage")},
    )


@login_required
@require_http_methods(["GET", "POST"])
def survey_edit(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _managed_survey(request, pk)
    form = SurveyForm(_data(request), instance=survey)
    if request.method == "POST" and form.is_valid():
        try:
            services.survey_update(survey=survey, actor=request.user, **form.service_data())
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The survey was saved."))
            return redirect("surveys:build", pk=survey.pk)
    return render(
        request,
        "surveys/form.html",
        {
            "form": form,
            "survey": survey,
            "title": _("Edit the survey"),
            "cancel_url": reverse("surveys:build", kwargs={"pk": survey.pk}),
        },
    )


@login_required
@require_GET
def survey_build(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _managed_survey(request, pk)
    return render(
        request,
        "surveys/build.html",
        {
            "survey": survey,
            "phase": survey.phase(),
            "sections": selectors.structure(survey),
            "response_count": selectors.response_count(survey),
            "publish_problems": services.publish_problems(survey)
            if not survey.published_at
            else [],
            "locked_message": services.locked_message() if survey.is_locked else "",
        },
    )


@login_required
@require_GET
def survey_preview(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _managed_survey(request, pk)
    sections = [s for s in selectors.structure(survey) if s.questions.all()]
    forms = [(s, SectionAnswerForm(section=s, disabled=True)) for s in sections]
    return render(request, "surveys/preview.html", {"survey": survey, "forms": forms})


@login_required
@require_POST
def survey_publish(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _managed_survey(request, pk)
    try:
        services.survey_publish(survey=survey, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("The survey is published. Its audience is invited when it opens.")
        )
    return redirect("surveys:build", pk=survey.pk)


@login_required
@require_POST
def survey_duplicate(request: HttpRequest, pk: int) -> HttpResponse:
    survey = _managed_survey(request, pk)
    new = services.survey_duplicate(survey=survey, actor=request.user)
    messages.success(
        request, _("This is a copy of the survey for its next round. Give it an open period.")
    )
    return redirect("surveys:edit", pk=new.pk)


# --- Sections and questions ---------------------------------------------------------------------


def _section(survey: Survey, section_pk: int) -> Section:
    section = Section.objects.filter(pk=min(section_pk, selectors.MAX_PK), survey=survey).first()
    if section is None:
        raise Http404
    return section


def _question(survey: Survey, question_pk: int) -> Question:
    question = (
        Question.objects.filter(pk=min(question_pk, selectors.MAX_PK), survey=survey)
        .select_related("section", "survey")
        .first()
    )
    if question is None:
        raise Http404
    return question


def _refuse_if_locked(request: HttpRequest, survey: Survey) -> HttpResponse | None:
    if survey.is_locked:
        messages.error(request, services.locked_message())
        return redirect("surveys:build", pk=survey.pk)
    return None


def _build_url(survey: Survey) -> str:
    return reverse("surveys:build", kwargs={"pk": survey.pk})


@login_required
@require_http_methods(["GET", "POST"])
def section_form(request: HttpRequest, pk: int, section: int | None = None) -> HttpResponse:
    survey = _managed_survey(request, pk)
    if refused := _refuse_if_locked(request, survey):
        return refused
    instance = _section(survey, section) if section else None
    form = SectionForm(_data(request), instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            if instance:
                services.section_update(section=instance, actor=request.user, **form.cleaned_data)
            else:
                services.section_create(survey=survey, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The section was saved."))
            return redirect("surveys:build", pk=survey.pk)
    title = _("Edit the section") if instance else _("New section")
    return render(
        request,
        "surveys/form.html",
        {"form": form, "survey": survey, "title": title, "cancel_url": _build_url(survey)},
    )


def _confirm_and_delete(request, survey, *, delete, done: str, title: str, consequence: str):
    """The builder's delete pages: a confirmation on GET, ``delete()`` on POST (a refusal,
    e.g. locked questions, becomes a message), then back to the builder."""
    if request.method == "POST":
        try:
            delete()
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done)
        return redirect("surveys:build", pk=survey.pk)
    return render(
        request,
        "core/confirm_delete.html",
        {"title": title, "consequences": [consequence], "cancel_url": _build_url(survey)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def section_delete(request: HttpRequest, pk: int, section: int) -> HttpResponse:
    survey = _managed_survey(request, pk)
    if refused := _refuse_if_locked(request, survey):
        return refused
    instance = _section(survey, section)
    return _confirm_and_delete(
        request,
        survey,
        delete=lambda: services.section_delete(section=instance, actor=request.user),
        done=_("The section was deleted."),
        title=_("Delete the section “%(title)s”?") % {"title": instance.title},
        consequence=_("The section and all its questions are deleted."),
    )


def _direction(request: HttpRequest) -> int:
    return -1 if request.POST.get("direction") == "up" else 1


@login_required
@require_POST
def section_move(request: HttpRequest, pk: int, section: int) -> HttpResponse:
    survey = _managed_survey(request, pk)
    if refused := _refuse_if_locked(request, survey):
        return refused
    try:
        services.section_move(
            section=_section(survey, section), actor=request.user, direction=_direction(request)
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"{_build_url(survey)}#section-{section}")


@login_required
@require_http_methods(["GET", "POST"])
def question_form(
    request: HttpRequest, pk: int, section: int | None = None, question: int | None = None
) -> HttpResponse:
    survey = _managed_survey(request, pk)
    if refused := _refuse_if_locked(request, survey):
        return refused
    instance = _question(survey, question) if question else None
    parent = instance.section if instance else _section(survey, section)
    form = QuestionForm(
        _data(request),
        instance=instance,
        initial=None if instance else {"kind": QuestionKind.LIKERT, "scale_points": 5},
    )
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                if instance:
                    services.question_update(
                        question=instance, actor=request.user, **form.service_data()
                    )
                else:
                    services.question_create(
                        section=parent, actor=request.user, **form.service_data()
                    )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("The question was saved."))
            return redirect(f"{_build_url(survey)}#section-{parent.pk}")
    title = _("Edit the question") if instance else _("New question")
    return render(
        request,
        "surveys/question_form.html",
        {
            "form": form,
            "survey": survey,
            "section": parent,
            "title": title,
            "cancel_url": _build_url(survey),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def question_delete(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    survey = _managed_survey(request, pk)
    if refused := _refuse_if_locked(request, survey):
        return refused
    instance = _question(survey, question)
    return _confirm_and_delete(
        request,
        survey,
        delete=lambda: services.question_delete(question=instance, actor=request.user),
        done=_("The question was deleted."),
        title=_("Delete the question “%(text)s”?") % {"text": instance.text},
        consequence=_("The question and its choices are deleted."),
    )


@login_required
@require_POST
def question_move(request: HttpRequest, pk: int, question: int) -> HttpResponse:
    survey = _managed_survey(request, pk)
    if refused := _refuse_if_locked(request, survey):
        return refused
    instance = _question(survey, question)
    try:
        services.question_move(question=instance, actor=request.user, direction=_direction(request))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(f"{_build_url(survey)}#question-{question}")
