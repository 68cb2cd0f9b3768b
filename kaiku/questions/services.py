"""Writes for questions and answers.

The callers (views, the API) check the permissions first (``rules.py``); every function here
validates its input and raises ``ValidationError`` (or ``RateLimitError``) with nothing saved.
People who ask, and people who have the same question ("I have this question too"), follow the
question; whoever answers is told about it when it is assigned to them.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import DateTimeField, ExpressionWrapper, F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kaiku.core.audit import audit_log
from kaiku.core.content import Visibility, may_see
from kaiku.core.ratelimit import POST, VOTE, check_and_record
from kaiku.core.writes import model_update

from .models import (
    DEADLINE_MAX_DAYS,
    DEADLINE_MIN_DAYS,
    Answer,
    AnswerDeadline,
    AnswerRevision,
    Question,
    QuestionStatus,
    QuestionVote,
)
from .notifications import (
    QUESTION_ANSWERED,
    QUESTION_ASSIGNED,
    QUESTION_CLOSED,
    QUESTION_MERGED,
    tell_followers,
)
from .similar import question_terms

#: Days a group (or an expert) has to answer when the group has no ``AnswerDeadline``.
DEFAULT_DEADLINE_DAYS = 14
OPEN_STATUSES = (QuestionStatus.NEW, QuestionStatus.ASSIGNED)
CLOSED_REASON_MAX_LENGTH = 2000
#: The audit log's action when a group's answer deadline is set, changed or removed.
ANSWER_DEADLINE_CHANGED = "answer_deadline_changed"


def _follow(user, question: Question) -> None:
    from kaiku.notifications.services import follow

    if user is not None and getattr(user, "pk", None) and may_see(user, question):
        follow(user=user, target=question)


def deadline_days(group) -> int:
    if group is None:
        return DEFAULT_DEADLINE_DAYS
    row = AnswerDeadline.objects.filter(group=group).values_list("days", flat=True).first()
    return row or DEFAULT_DEADLINE_DAYS


def due_at_for(question: Question, *, start: datetime.datetime | None = None):
    """When an answer to ``question`` is due: the group's deadline (or the default) from when
    it was assigned, or from when it was asked."""
    start = start or question.assigned_at or question.created or timezone.now()
    return start + datetime.timedelta(days=deadline_days(question.group))


# --- Answer deadlines ---------------------------------------------------------------------------


def _recompute_due_dates(group) -> int:
    """Move the due dates of ``group``'s open questions (new or assigned, soft-deleted and
    hidden ones too) to the group's deadline, counted from when each was assigned (from when
    it was asked when it was never assigned, as ``due_at_for`` does). Returns how many."""
    days = deadline_days(group)
    start = Coalesce(F("assigned_at"), F("created"))
    return Question.all_objects.filter(group=group, status__in=OPEN_STATUSES).update(
        due_at=ExpressionWrapper(
            start + datetime.timedelta(days=days), output_field=DateTimeField()
        )
    )


@transaction.atomic
def answer_deadline_set(*, actor, group, days, request=None) -> AnswerDeadline:
    """Give ``group`` ``days`` to answer (1–365) and move the due dates of its open questions
    accordingly. Audited. Raises ``ValidationError`` (nothing saved) for other values."""
    if isinstance(days, bool) or not isinstance(days, int):
        raise ValidationError(
            {
                "days": _("Give the days to answer as a whole number from %(min)d to %(max)d.")
                % {"min": DEADLINE_MIN_DAYS, "max": DEADLINE_MAX_DAYS}
            }
        )
    row = AnswerDeadline.objects.select_for_update().filter(group=group).first()
    before = row.days if row is not None else None
    if row is None:
        row = AnswerDeadline(group=group)
    row.days = days
    row.full_clean()
    if before == days:
        return row
    row.save()
    moved = _recompute_due_dates(group)
    audit_log(
        action=ANSWER_DEADLINE_CHANGED,
        actor=actor,
        target=group,
        request=request,
        data={"days": days, "before": before, "questions": moved},
    )
    return row


@transaction.atomic
def answer_deadline_remove(*, actor, group, request=None) -> None:
    """Take ``group``'s own deadline away (the default, 14 days, applies again) and move the
    due dates of its open questions accordingly. Audited."""
    row = AnswerDeadline.objects.select_for_update().filter(group=group).first()
    if row is None:
        return
    before = row.days
    row.delete()
    moved = _recompute_due_dates(group)
    audit_log(
        action=ANSWER_DEADLINE_CHANGED,
        actor=actor,
        target=group,
        request=request,
        data={"days": None, "before": before, "questions": moved},
    )


def _check_group(programme, group) -> None:
    if group is not None and group.programme_id != getattr(programme, "pk", programme):
        raise ValidationError(
            {"group": _("The working group is not in the programme of the question.")}
        )


# --- Asking and "I have this question too" ----------------------------------------------------


@transaction.atomic
def question_ask(
    *,
    author,
    programme,
    title: str,
    body: str = "",
    group=None,
    topic=None,
    visibility: str = Visibility.PUBLIC,
) -> Question:
    """A new question by ``author``, who follows it. Raises ``ValidationError`` for invalid
    input and ``RateLimitError`` when the person posts too fast (nothing saved)."""
    title = (title or "").strip()
    body = (body or "").strip()
    question = Question(
        author=author,
        programme=programme,
        title=title,
        body=body,
        group=group,
        topic=topic,
        visibility=visibility,
        status=QuestionStatus.NEW,
        terms=question_terms(title, body),
    )
    question.due_at = due_at_for(question, start=timezone.now())
    question.full_clean()
    _check_group(programme, group)
    check_and_record(user=author, action=POST, text=f"{title}\n{body}")
    question.save()
    _follow(author, question)
    return question


def _original(question: Question) -> Question:
    """The question a merged duplicate points to (following a chain, at most a few steps)."""
    seen = {question.pk}
    while question.status == QuestionStatus.DUPLICATE and question.duplicate_of_id:
        if question.duplicate_of_id in seen:
            break
        seen.add(question.duplicate_of_id)
        question = Question.objects.get(pk=question.duplicate_of_id)
    return question


def _recount(question: Question) -> None:
    count = QuestionVote.objects.filter(question=question).count()
    Question.all_objects.filter(pk=question.pk).update(vote_count=count)
    question.vote_count = count


@transaction.atomic
def question_vote(*, question: Question, user) -> bool:
    """ "I have this question too": ``user`` votes for ``question`` (its original when it was
    merged) and follows it. True when a vote was added; voting again, or for one's own
    question, changes nothing (False)."""
    question = _original(question)
    if question.author_id == user.pk:
        return False
    if QuestionVote.objects.filter(question=question, user=user).exists():
        return False
    check_and_record(user=user, action=VOTE)
    try:
        with transaction.atomic():
            QuestionVote.objects.create(question=question, user=user)
    except IntegrityError:  # a parallel request voted first
        return False
    Question.all_objects.filter(pk=question.pk).update(vote_count=F("vote_count") + 1)
    question.refresh_from_db(fields=["vote_count"])
    _follow(user, question)
    return True


@transaction.atomic
def question_unvote(*, question: Question, user) -> bool:
    """Withdraw ``user``'s vote. True when there was one. The person keeps following the
    question until they stop following it."""
    question = _original(question)
    if not QuestionVote.objects.filter(question=question, user=user).exists():
        return False
    check_and_record(user=user, action=VOTE)
    removed, _detail = QuestionVote.objects.filter(question=question, user=user).delete()
    if removed:
        Question.all_objects.filter(pk=question.pk, vote_count__gt=0).update(
            vote_count=F("vote_count") - 1
        )
        question.refresh_from_db(fields=["vote_count"])
    return bool(removed)


# --- Triage -------------------------------------------------------------------------------------


def _check_open(question: Question) -> None:
    if question.status == QuestionStatus.CLOSED:
        raise ValidationError(_("This question is closed."))
    if question.status == QuestionStatus.DUPLICATE:
        raise ValidationError(_("This question was merged into another question."))


def group_answerers(group):
    """The current chair and secretary of ``group``."""
    from django.contrib.auth import get_user_model

    from kaiku.programme.models import EDITOR_ROLES, Membership
    from kaiku.programme.selectors import current_membership_q

    if group is None:
        return get_user_model().objects.none()
    person_ids = Membership.objects.filter(
        current_membership_q(), group=group, role__in=EDITOR_ROLES
    ).values("person_id")
    return get_user_model().objects.filter(pk__in=person_ids, is_active=True)


@transaction.atomic
def question_assign(*, question: Question, actor, group=None, assignee=None) -> Question:
    """Give ``question`` to a working group (its chair and secretary answer) and/or an expert.
    They start following it and are told; a new question becomes assigned."""
    _check_open(question)
    if group is None and assignee is None:
        raise ValidationError(_("Choose a working group or an expert."))
    _check_group(question.programme_id, group)
    if assignee is not None and not (assignee.is_active and may_see(assignee, question)):
        raise ValidationError({"assignee": _("This person cannot see the question.")})
    now = timezone.now()
    data = {"group": group, "assignee": assignee, "assigned_at": now}
    question.group = group
    data["due_at"] = due_at_for(question, start=now)
    if question.status == QuestionStatus.NEW:
        data["status"] = QuestionStatus.ASSIGNED
    model_update(question, data=data)
    for person in [*group_answerers(group), assignee]:
        _follow(person, question)
    tell_followers(QUESTION_ASSIGNED, question, actor=actor)
    return question


@transaction.atomic
def question_merge(*, duplicate: Question, original: Question, actor) -> Question:
    """Merge ``duplicate`` into ``original``: its votes (and its asker, who has the question
    too) become votes for the original, its followers follow the original, and it points to
    the original. Questions merged into ``duplicate`` earlier point to the original too."""
    from django.contrib.contenttypes.models import ContentType

    from kaiku.notifications.models import Follow
    from kaiku.notifications.services import notify

    if duplicate.pk == original.pk:
        raise ValidationError(_("A question cannot be merged into itself."))
    if duplicate.status == QuestionStatus.DUPLICATE:
        raise ValidationError(_("This question was already merged into another question."))
    if original.status == QuestionStatus.DUPLICATE:
        raise ValidationError(
            _("That question was merged into another question: merge into its original instead.")
        )
    if original.deleted_at is not None:
        raise ValidationError(_("That question does not exist."))
    # Tell the followers while they still follow the duplicate.
    notify(kind=QUESTION_MERGED, about=duplicate, followed=[duplicate], actor=actor)

    voters = set(QuestionVote.objects.filter(question=duplicate).values_list("user_id", flat=True))
    if duplicate.author_id:
        voters.add(duplicate.author_id)
    voters.discard(original.author_id)
    voters -= set(QuestionVote.objects.filter(question=original).values_list("user_id", flat=True))
    QuestionVote.objects.filter(question=duplicate).delete()
    QuestionVote.objects.bulk_create(
        [QuestionVote(question=original, user_id=pk) for pk in sorted(voters)],
        ignore_conflicts=True,
    )

    content_type = ContentType.objects.get_for_model(Question)
    follows = Follow.objects.filter(content_type=content_type, object_id=duplicate.pk)
    already = set(
        Follow.objects.filter(content_type=content_type, object_id=original.pk).values_list(
            "user_id", flat=True
        )
    )
    Follow.objects.bulk_create(
        [
            Follow(user_id=pk, content_type=content_type, object_id=original.pk)
            for pk in sorted(set(follows.values_list("user_id", flat=True)) - already)
        ],
        ignore_conflicts=True,
    )
    follows.delete()
    # The duplicate's asker has the question too: they hear of the answer.
    _follow(duplicate.author, original)

    Question.all_objects.filter(duplicate_of=duplicate).update(duplicate_of=original)
    model_update(
        duplicate,
        data={"status": QuestionStatus.DUPLICATE, "duplicate_of": original, "closed_at": None},
    )
    _recount(duplicate)
    _recount(original)
    original.save(update_fields=["updated"])
    return duplicate


@transaction.atomic
def question_close(*, question: Question, actor, reason: str) -> Question:
    """Close ``question`` without an answer, with a reason everyone who sees it reads."""
    _check_open(question)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"closed_reason": _("Give the reason for closing.")})
    if len(reason) > CLOSED_REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "closed_reason": ngettext(
                    "The reason is too long (at most %(max)d character).",
                    "The reason is too long (at most %(max)d characters).",
                    CLOSED_REASON_MAX_LENGTH,
                )
                % {"max": CLOSED_REASON_MAX_LENGTH}
            }
        )
    model_update(
        question,
        data={
            "status": QuestionStatus.CLOSED,
            "closed_reason": reason,
            "closed_at": timezone.now(),
        },
    )
    tell_followers(QUESTION_CLOSED, question, actor=actor)
    return question


@transaction.atomic
def question_reopen(*, question: Question, actor) -> Question:
    """Open a closed question again (assigned when it has a group or an expert)."""
    if question.status != QuestionStatus.CLOSED:
        raise ValidationError(_("Only a closed question can be opened again."))
    status = (
        QuestionStatus.ASSIGNED
        if (question.group_id or question.assignee_id)
        else QuestionStatus.NEW
    )
    if Answer.objects.filter(question=question).exists():
        status = QuestionStatus.ANSWERED
    model_update(question, data={"status": status, "closed_reason": "", "closed_at": None})
    return question


@transaction.atomic
def question_set_faq(
    *, question: Question, actor, in_faq: bool, topic=None, faq_order: int = 0
) -> Question:
    """Put an answered question in the FAQ under ``topic`` (or take it out)."""
    if in_faq:
        if question.status != QuestionStatus.ANSWERED:
            raise ValidationError(_("Only an answered question can be in the FAQ."))
        if question.visibility != Visibility.PUBLIC:
            raise ValidationError(_("Only a public question can be in the FAQ."))
        if topic is None:
            raise ValidationError({"topic": _("Choose the topic of the FAQ.")})
    data = {"in_faq": in_faq, "faq_order": faq_order or 0}
    if topic is not None:
        data["topic"] = topic
    model_update(question, data=data)
    return question


# --- Answering ----------------------------------------------------------------------------------


@transaction.atomic
def answer_give(*, question: Question, actor, body: str, organisation=None) -> Answer:
    """The official answer, by ``actor`` for ``organisation`` (by default the person's own).
    Answering again updates the answer and keeps the earlier version (``AnswerRevision``).
    The question becomes answered; the asker, the voters and the followers are told."""
    _check_open(question)
    body = (body or "").strip()
    if not body:
        raise ValidationError({"body": _("Write the answer.")})
    if organisation is None:
        organisation = getattr(actor, "organisation", None)
    now = timezone.now()
    answer = Answer.objects.select_for_update().filter(question=question).first()
    if answer is not None and answer.body == body and answer.organisation == organisation:
        return answer  # the same answer sent again
    if answer is None:
        answer = Answer(question=question)
    else:
        AnswerRevision.objects.create(
            answer=answer,
            body=answer.body,
            author_id=answer.author_id,
            organisation_id=answer.organisation_id,
            answered_at=question.answered_at or answer.updated,
        )
    answer.body = body
    answer.author = actor
    answer.organisation = organisation
    answer.group = question.group
    answer.full_clean(exclude=["question"])
    check_and_record(user=actor, action=POST, text=body)
    answer.save()
    model_update(question, data={"status": QuestionStatus.ANSWERED, "answered_at": now})
    tell_followers(QUESTION_ANSWERED, question, actor=actor)
    return answer
