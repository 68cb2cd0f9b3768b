"""Question pages: thin views over selectors.py and services.py.

Anyone reads public questions; signed-in people ask and say "I have this question too";
moderators and administrators triage; the assigned group's chair or secretary, the assigned
expert or a moderator answers. A question the viewer may not see is a 404 on every page,
including the action URLs.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from kaiku.core.forms import add_service_errors, wants_preview
from kaiku.core.idempotency import already_submitted, create_once, earlier_submit
from kaiku.core.ratelimit import RateLimitError
from kaiku.core.widgets import options_html
from kaiku.programme.filter_options import group_options
from kaiku.programme.selectors import MAX_PK

from . import listing, selectors, services
from .forms import (
    AnswerForm,
    AssignForm,
    CloseForm,
    FaqForm,
    MergeForm,
    QuestionFilterForm,
    QuestionForm,
    visible_programmes,
)
from .models import QuestionStatus
from .similar import similar_questions

PAGE_SIZE = 20
TRIAGE_PAGE_SIZE = 30
SIMILAR_COUNT = 5
SIMILAR_MIN_LENGTH = 3
SIMILAR_MAX_LENGTH = 500
TRIAGE = "questions.triage_question"
ANSWER = "questions.answer_question"


def _question(request: HttpRequest, pk: int):
    if pk > MAX_PK:
        raise Http404
    return selectors.question_get_for(viewer=request.user, pk=pk)


# --- Reading ------------------------------------------------------------------------------------


@require_GET
def question_list(request: HttpRequest) -> HttpResponse:
    form = QuestionFilterForm(request.GET or None, viewer=request.user)
    filters = form.valid_filters() if form.is_bound else {}
    counts = selectors.status_counts(viewer=request.user, **filters)
    paginator = Paginator((), PAGE_SIZE)
    # The status counts already hold the total: no second count of the list.
    status = filters.get("status")
    paginator.count = counts.get(status, 0) if status else sum(counts.values())
    page = paginator.get_page(request.GET.get("page"))
    # The page's rows alone, by a kept query (no text search) with the count known.
    start = (page.number - 1) * PAGE_SIZE
    questions = page.object_list = selectors.listed_page(
        viewer=request.user, start=start, stop=start + PAGE_SIZE, **filters
    )
    voted = selectors.voted_ids(user=request.user, questions=questions)
    query = request.GET.copy()
    query.pop("page", None)
    status_query = query.copy()
    status_query.pop("status", None)
    context = {
        "form": form,
        # The groups' options written as HTML: no widget template or loop per option.
        "group_options": options_html(
            group_options(request.user, form["group"].value(), value="slug", with_programme=False)
        ),
        "page_obj": page,
        "questions": questions,
        "voted": voted,
        # The rows as HTML (kaiku.questions.listing): no template work per row.
        "question_rows": listing.list_rows(questions, voted),
        "querystring": query.urlencode(),
        "status_querystring": status_query.urlencode(),
        "status_counts": [
            (value, label, counts[value], filters.get("status") == value)
            for value, label in QuestionStatus.choices
        ],
        "total": sum(counts.values()),
        "answers_questions": selectors.answers_questions(request.user),
        "can_triage": request.user.has_perm(TRIAGE),
    }
    template = "questions/question_list.html"
    if request.htmx and not request.htmx.history_restore_request:
        template += "#results"
    return render(request, template, context)


@require_GET
def question_faq(request: HttpRequest) -> HttpResponse:
    return render(request, "questions/faq.html", {"sections": selectors.faq(viewer=request.user)})


def _detail_context(request: HttpRequest, question, **overrides) -> dict:
    user = request.user
    can_triage = user.has_perm(TRIAGE)
    answer = selectors.answer_of(question)
    open_ = question.status in services.OPEN_STATUSES
    context = {
        "question": question,
        "answer": answer,
        "revisions": selectors.revisions_of(answer),
        "duplicates": selectors.duplicates_of(viewer=user, question=question),
        "voted": selectors.has_voted(user=user, question=question),
        "is_author": user.is_authenticated and question.author_id == user.pk,
        "can_triage": can_triage,
        "can_answer": user.has_perm(ANSWER, question)
        and question.status not in (QuestionStatus.CLOSED, QuestionStatus.DUPLICATE),
        "is_open": open_,
        "overdue": bool(open_ and question.due_at and question.due_at < _now()),
    }
    if can_triage:
        context.update(
            assign_form=AssignForm(question=question, viewer=user),
            merge_form=MergeForm(),
            close_form=CloseForm(),
            faq_form=FaqForm(
                initial={
                    "in_faq": question.in_faq,
                    "topic": question.topic_id,
                    "faq_order": question.faq_order,
                }
            ),
            merge_candidates=(
                similar_questions(user, question.title, k=5, exclude_pk=question.pk)
                if question.status != QuestionStatus.DUPLICATE
                else []
            ),
        )
    context.update(overrides)
    return context


def _now():
    from django.utils import timezone

    return timezone.now()


@require_GET
def question_detail(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    return render(request, "questions/question_detail.html", _detail_context(request, question))


@require_GET
def question_similar(request: HttpRequest) -> HttpResponse:
    """The similar questions for the text typed so far (htmx partial of the ask form)."""
    text = (request.GET.get("q") or request.GET.get("title") or "")[:SIMILAR_MAX_LENGTH]
    found = []
    if len(text.strip()) >= SIMILAR_MIN_LENGTH:
        found = similar_questions(request.user, text, k=SIMILAR_COUNT)
    voted = selectors.voted_ids(user=request.user, questions=[q for q, _s in found])
    return render(
        request,
        "questions/includes/_similar.html",
        {"similar": found, "voted": voted, "searched": bool(text.strip())},
    )


# --- Asking and voting --------------------------------------------------------------------------


def _data(request: HttpRequest):
    return request.POST if request.method == "POST" else None


@login_required
@require_http_methods(["GET", "POST"])
def question_ask(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm("questions.add_question"):
        raise PermissionDenied
    programmes = list(visible_programmes(request.user))
    if not programmes:
        raise Http404
    form = QuestionForm(_data(request), viewer=request.user, programmes=programmes)
    if request.method == "GET" and "group" in request.GET:
        # "Ask this group a question" on a group's page: ``?group=<id>``.
        form.prefill_group(request.GET["group"])
    context = {"form": form, "rest": form.other_fields(), "similar": None}
    if request.method == "POST":
        if wants_preview(form):
            return render(request, "questions/question_form.html", context)
        if "check" in request.POST:
            # Without JavaScript: show the similar questions before saving.
            title = (form.data.get("title") or "")[:SIMILAR_MAX_LENGTH]
            found = similar_questions(request.user, title, k=SIMILAR_COUNT)
            context.update(
                similar=found,
                voted=selectors.voted_ids(user=request.user, questions=[q for q, _ in found]),
                checked=True,
            )
            return render(request, "questions/question_form.html", _unvalidated(context))
        earlier = earlier_submit(request, form.form_token)
        if earlier is not None:
            return already_submitted(request, earlier)
        if form.is_valid():
            try:
                question, replay = create_once(
                    request,
                    form.form_token,
                    lambda: services.question_ask(author=request.user, **form.service_data()),
                )
            except (ValidationError, RateLimitError) as exc:
                add_service_errors(form, exc)
            else:
                if replay is not None:
                    return already_submitted(request, replay)
                messages.success(
                    request,
                    _("Your question was sent. You will be notified when it is answered."),
                )
                return redirect(question.get_absolute_url())
        return render(request, "questions/question_form.html", context, status=400)
    return render(request, "questions/question_form.html", context)


def _unvalidated(context: dict) -> dict:
    """The form shown again as typed, without error messages (nothing was submitted)."""
    from django.forms.utils import ErrorDict

    form = context["form"]
    form._errors = ErrorDict()
    form.cleaned_data = {}
    return context


@require_POST
@login_required
def question_vote(request: HttpRequest, pk: int) -> HttpResponse:
    """ "I have this question too" (``vote=0``: withdraw). Redirects to the question (its
    original when it was merged)."""
    question = _question(request, pk)
    if not request.user.has_perm("questions.vote_question"):
        raise PermissionDenied
    withdraw = request.POST.get("vote") == "0"
    try:
        if withdraw:
            if services.question_unvote(question=question, user=request.user):
                messages.success(request, _("Your vote was withdrawn."))
        else:
            if services.question_vote(question=question, user=request.user):
                messages.success(
                    request,
                    _("Noted: you have this question too. You will be notified of the answer."),
                )
            elif question.author_id == request.user.pk:
                messages.info(request, _("You asked this question yourself."))
    except RateLimitError as exc:
        messages.error(request, exc.message)
    target = question.duplicate_of if question.duplicate_of_id else question
    return redirect(target.get_absolute_url())


# --- Triage -------------------------------------------------------------------------------------


def _triage_question(request: HttpRequest, pk: int):
    question = _question(request, pk)
    if not request.user.has_perm(TRIAGE):
        raise PermissionDenied
    return question


def _triage_action(request, question, form_name: str, form, action) -> HttpResponse:
    """Validate ``form``, run ``action(cleaned_data)``; on refusal show the question page
    with the form's errors (400), nothing changed."""
    if form.is_valid():
        try:
            message = action(form.cleaned_data)
        except (ValidationError, RateLimitError) as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect(question.get_absolute_url())
    question = _question(request, question.pk)  # the page as it is, not as tried
    context = _detail_context(request, question, **{form_name: form})
    return render(request, "questions/question_detail.html", context, status=400)


@require_POST
@login_required
def question_assign(request: HttpRequest, pk: int) -> HttpResponse:
    question = _triage_question(request, pk)
    form = AssignForm(request.POST, question=question, viewer=request.user)

    def assign(data):
        services.question_assign(
            question=question,
            actor=request.user,
            group=data.get("group"),
            assignee=data.get("assignee"),
        )
        return _("The question was assigned.")

    return _triage_action(request, question, "assign_form", form, assign)


@require_POST
@login_required
def question_merge(request: HttpRequest, pk: int) -> HttpResponse:
    question = _triage_question(request, pk)
    form = MergeForm(request.POST)

    def merge(data):
        original = selectors.question_find(viewer=request.user, pk=data["original"])
        if original is None:
            raise ValidationError({"original": _("There is no question with this number.")})
        services.question_merge(duplicate=question, original=original, actor=request.user)
        return _("The question was merged into question %(number)d.") % {"number": original.pk}

    return _triage_action(request, question, "merge_form", form, merge)


@require_POST
@login_required
def question_close(request: HttpRequest, pk: int) -> HttpResponse:
    question = _triage_question(request, pk)
    form = CloseForm(request.POST)

    def close(data):
        services.question_close(question=question, actor=request.user, reason=data["reason"])
        return _("The question was closed.")

    return _triage_action(request, question, "close_form", form, close)


@require_POST
@login_required
def question_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    question = _triage_question(request, pk)
    try:
        services.question_reopen(question=question, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The question was opened again."))
    return redirect(question.get_absolute_url())


@require_POST
@login_required
def question_faq_update(request: HttpRequest, pk: int) -> HttpResponse:
    question = _triage_question(request, pk)
    form = FaqForm(request.POST)

    def save(data):
        services.question_set_faq(
            question=question,
            actor=request.user,
            in_faq=data["in_faq"],
            topic=data.get("topic"),
            faq_order=data.get("faq_order") or 0,
        )
        if data["in_faq"]:
            return _("The question is in the FAQ.")
        return _("The question is not in the FAQ.")

    return _triage_action(request, question, "faq_form", form, save)


@login_required
@require_GET
def question_triage(request: HttpRequest) -> HttpResponse:
    if not request.user.has_perm(TRIAGE):
        raise PermissionDenied
    status = request.GET.get("status")
    if status not in (QuestionStatus.NEW, QuestionStatus.ASSIGNED):
        status = None
    overdue_only = request.GET.get("overdue") == "1"
    rows = selectors.triage_list(viewer=request.user, status=status, overdue_only=overdue_only)
    page = Paginator(rows, TRIAGE_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "questions/triage.html",
        {
            "page_obj": page,
            "questions": page.object_list,
            "status": status,
            "overdue_only": overdue_only,
            "querystring": query.urlencode(),
        },
    )


# --- Answering ----------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def question_answer(request: HttpRequest, pk: int) -> HttpResponse:
    question = _question(request, pk)
    if not request.user.has_perm(ANSWER, question):
        raise PermissionDenied
    answer = selectors.answer_of(question)
    closed = question.status in (QuestionStatus.CLOSED, QuestionStatus.DUPLICATE)
    form = AnswerForm(_data(request), instance=answer)
    context = {"form": form, "question": question, "answer": answer, "closed": closed}
    if request.method == "POST":
        if wants_preview(form):
            return render(request, "questions/answer_form.html", context)
        earlier = earlier_submit(request, form.form_token)
        if earlier is not None:
            return already_submitted(request, earlier)
        if form.is_valid():
            body = form.cleaned_data["body"]
            try:
                saved, replay = create_once(
                    request,
                    form.form_token,
                    lambda: services.answer_give(question=question, actor=request.user, body=body),
                )
            except (ValidationError, RateLimitError) as exc:
                add_service_errors(form, exc)
            else:
                if replay is not None:
                    return already_submitted(request, replay)
                messages.success(request, _("The answer was published."))
                return redirect(reverse("questions:detail", kwargs={"pk": question.pk}))
        return render(request, "questions/answer_form.html", context, status=400)
    return render(request, "questions/answer_form.html", context)
