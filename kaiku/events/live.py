"""Live Q&A of an event: who may take part, the writes, and the reads of the live list.

**Who.** Anyone who may see the event (``kaiku.events.content``) reads its questions; the
names of the askers are shown to signed-in people only. A signed-in person *takes part*
(asks and votes) when they are registered for the event (a place, not the waitlist), or,
for an event without a capacity (no registration limit), whenever they may see it. The
event's managers (``rules.may_manage_event``) and moderators always take part and
*moderate*: they mark questions answered and hide them with a reason (and restore them).

**When.** Participants ask and vote from ``OPEN_BEFORE`` (30 minutes) before the start until
the end; managers and moderators may also ask before that (to seed the list). When the event
has ended (or was cancelled) nothing new is asked or voted: the questions stay as the record
of the event, still moderated, and an unanswered one can be moved into the questions
capability (``live_question_move``) with its votes.

**Votes.** One vote a person a question (``LiveVote``), never on one's own question, and a
vote can be withdrawn. ``LiveQuestion.vote_count`` is kept with the votes, and every change
to a question (a vote too) moves its ``updated``, so ``list_state`` — one aggregate query —
tells whether a viewer's list has changed since they last polled it (the 304 of the
fragment endpoint).
"""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, F, Max, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kaiku.core.audit import audit_log
from kaiku.core.content import may_see
from kaiku.core.predicates import is_administrator, is_authenticated, is_moderator
from kaiku.core.prepared import run
from kaiku.core.queries import correlated_count
from kaiku.core.ratelimit import POST, VOTE, check_and_record
from kaiku.core.validators import validate_plain_title
from kaiku.core.writes import model_update

from .models import (
    LIVE_QUESTION_MAX_LENGTH,
    Event,
    LiveQuestion,
    LiveQuestionStatus,
    LiveVote,
    Registration,
    RegistrationStatus,
)
from .registry_coaching import LIVE_QUESTION_MOVED

#: Participants may ask this long before the event starts.
OPEN_BEFORE = datetime.timedelta(minutes=30)
HIDE_REASON_MAX_LENGTH = 500
#: The audit log's actions of the moderators of a live Q&A.
LIVE_QUESTION_HIDDEN = "live_question_hidden"
LIVE_QUESTION_RESTORED = "live_question_restored"
LIVE_QUESTION_MOVED_ACTION = "live_question_moved"

BEFORE = "before"
OPEN = "open"
CLOSED = "closed"


# --- Who and when -------------------------------------------------------------------------------


def may_moderate(user, event: Event) -> bool:
    """The event's managers and the platform's moderators (and administrators)."""
    from .rules import may_manage_event

    if not is_authenticated(user):
        return False
    return bool(is_moderator(user) or is_administrator(user) or may_manage_event(user, event))


def phase(event: Event, *, now: datetime.datetime | None = None) -> str:
    """``before`` the participants' window, ``open`` during it, ``closed`` once the event has
    ended or was cancelled (the record)."""
    now = now or timezone.now()
    if event.is_cancelled or event.ends_at <= now:
        return CLOSED
    if now < event.starts_at - OPEN_BEFORE:
        return BEFORE
    return OPEN


def is_participant(user, event: Event) -> bool:
    """Registered for the event (a place), or any signed-in person for an event without a
    capacity. One query at most. The caller has checked that ``user`` may see the event."""
    if not is_authenticated(user):
        return False
    if event.capacity is None:
        return True
    return bool(run(_registered, event=event.pk, person=user.pk))


def _registered(*, event: int, person: int):
    # is_participant's query, kept (``kaiku.core.prepared``).
    registered = Registration.objects.filter(
        event=event, person=person, status=RegistrationStatus.REGISTERED
    )
    return registered.values_list("pk")[:1]


@dataclass(frozen=True)
class Access:
    """What one viewer may do in one event's live Q&A, decided once per request."""

    phase: str
    moderate: bool = False
    participant: bool = False
    signed_in: bool = False

    @property
    def may_ask(self) -> bool:
        if self.phase == CLOSED:
            return False
        if self.moderate:
            return True
        return self.participant and self.phase == OPEN

    may_vote = may_ask

    @property
    def key(self) -> str:
        return f"{self.phase}.{int(self.moderate)}.{int(self.participant)}.{int(self.signed_in)}"


def access_for(user, event: Event, *, now=None) -> Access:
    moderate = may_moderate(user, event)
    return Access(
        phase=phase(event, now=now),
        moderate=moderate,
        participant=moderate or is_participant(user, event),
        signed_in=is_authenticated(user),
    )


def event_for(viewer, pk: int) -> Event | None:
    """The event ``pk`` if ``viewer`` may see it: published (drafts to their managers only),
    not deleted, within its audience, with the live Q&A on. One query (two for a members-only
    event seen by a person without an organiser's role)."""
    event = Event.objects.filter(pk=pk, live_qa=True).select_related("organiser").first()
    if event is None or not is_open_to(viewer, event):
        return None
    return event


def is_open_to(viewer, event: Event) -> bool:
    """``event_for``'s checks on an event already read (from the default manager, so not
    deleted): its live Q&A is on and ``viewer`` may see it. No query for a public or staff
    event (``may_see``)."""
    if not event.live_qa or not may_see(viewer, event):
        return False
    now = timezone.now()
    published = event.published_at is not None and event.published_at <= now
    return published or may_moderate(viewer, event)


# --- Reading ------------------------------------------------------------------------------------


@dataclass
class LiveList:
    open: list[LiveQuestion] = field(default_factory=list)
    answered: list[LiveQuestion] = field(default_factory=list)
    hidden: list[LiveQuestion] = field(default_factory=list)
    voted: set[int] = field(default_factory=set)

    @property
    def count(self) -> int:
        return len(self.open) + len(self.answered)


def live_list(*, event: Event, viewer, access: Access) -> LiveList:
    """The questions sorted by votes then time, the answered ones apart (latest answered
    first), the hidden ones apart (for moderators and their authors), and which the viewer
    voted for. Two queries whatever the number of questions."""
    shape = {"moderate": access.moderate, "signed_in": access.signed_in}
    viewer_values = {"viewer": viewer.pk} if access.signed_in and not access.moderate else {}
    rows = run(_live_rows, shape=shape, event=event.pk, **viewer_values)
    result = LiveList()
    for row in rows:
        if row.hidden_at is not None:
            result.hidden.append(row)
        elif row.status == LiveQuestionStatus.ANSWERED:
            result.answered.append(row)
        else:
            result.open.append(row)
    result.answered.sort(key=lambda q: q.answered_at or q.updated, reverse=True)
    if access.signed_in:
        result.voted = set(run(_voted, event=event.pk, person=viewer.pk))
    return result


def _live_rows(*, event: int, moderate: bool, signed_in: bool, viewer: int | None = None):
    # live_list's questions, kept per what the viewer may see (``kaiku.core.prepared``):
    # hidden ones for moderators and (``viewer``) their author only.
    rows = LiveQuestion.objects.filter(event=event)
    if not moderate:
        shown = Q(hidden_at__isnull=True)
        if viewer is not None:
            shown |= Q(author=viewer)
        rows = rows.filter(shown)
    if signed_in:
        rows = rows.select_related("author")
    return rows.order_by("-vote_count", "created", "pk")


def _voted(*, event: int, person: int):
    return LiveVote.objects.filter(question__event=event, person=person).values_list(
        "question_id", flat=True
    )


def list_state(*, event: Event, viewer, access: Access, language: str = "") -> tuple[str, object]:
    """An ETag of what ``viewer``'s list would show, and when it last changed, from one
    aggregate query: the number of the event's questions and their latest ``updated`` (a
    vote, an answer, a hiding each move it), with what the viewer may do (which changes with
    the time: the window opening and closing) and who they are (their votes, their hidden
    questions)."""
    rows = run(_state_rows, event=event.pk)
    n, latest = rows[0] if rows else (0, None)
    last = max(filter(None, [latest, event.updated]))
    viewer_pk = viewer.pk if is_authenticated(viewer) else 0
    raw = f"{event.pk}:{n}:{last.timestamp()}:{access.key}:{viewer_pk}:{language}"
    return '"lq-' + hashlib.sha256(raw.encode()).hexdigest()[:32] + '"', last


def _state_rows(*, event: int):
    # list_state's aggregate, kept (``kaiku.core.prepared``): no row when there are no
    # questions (the aggregate's 0 and None).
    return (
        LiveQuestion.objects.filter(event=event)
        .order_by()
        .values("event")
        .annotate(n=Count("pk"), last=Max("updated"))
        .values_list("n", "last")
    )


# --- Writing ------------------------------------------------------------------------------------


def clean_text(text: str) -> str:
    """One paragraph: runs of whitespace (line breaks too) become one space."""
    return " ".join((text or "").split())


def _refuse_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise ValidationError(message)


@transaction.atomic
def live_question_ask(*, event: Event, author, text: str, now=None) -> LiveQuestion:
    """A new question by ``author``. The caller has checked that the author may see the
    event. Raises ``ValidationError`` (outside the window, not a participant, bad text) or
    ``RateLimitError`` with nothing saved."""
    access = access_for(author, event, now=now)
    _refuse_unless(access.phase != CLOSED, _("The event has ended: no new questions."))
    _refuse_unless(
        access.participant,
        _("Only those registered for the event can ask questions."),
    )
    _refuse_unless(access.may_ask, _("Questions can be asked from 30 minutes before the start."))
    text = clean_text(text)
    if not text:
        raise ValidationError({"text": _("Write your question.")})
    if len(text) > LIVE_QUESTION_MAX_LENGTH:
        raise ValidationError(
            {
                "text": ngettext(
                    "The question is too long (at most %(max)d character).",
                    "The question is too long (at most %(max)d characters).",
                    LIVE_QUESTION_MAX_LENGTH,
                )
                % {"max": LIVE_QUESTION_MAX_LENGTH}
            }
        )
    try:
        validate_plain_title(text)
    except ValidationError as exc:
        raise ValidationError({"text": exc.messages}) from None
    question = LiveQuestion(event=event, author=author, text=text)
    question.full_clean()
    check_and_record(user=author, action=POST, text=text)
    question.save()
    return question


def _touch(question: LiveQuestion, **changes) -> None:
    """Change counters with an UPDATE and move ``updated`` (the list's ETag)."""
    LiveQuestion.objects.filter(pk=question.pk).update(updated=timezone.now(), **changes)


def _check_vote(question: LiveQuestion, user, *, now=None) -> None:
    access = access_for(user, question.event, now=now)
    _refuse_unless(access.phase != CLOSED, _("The event has ended: no more votes."))
    _refuse_unless(access.may_vote, _("Only those registered for the event can vote."))
    _refuse_unless(question.hidden_at is None, _("This question is hidden."))
    _refuse_unless(
        question.status == LiveQuestionStatus.OPEN, _("This question was already answered.")
    )


@transaction.atomic
def live_question_vote(*, question: LiveQuestion, user, now=None) -> bool:
    """``user`` votes ``question`` up. True when a vote was added; voting again, or for
    one's own question, adds nothing (False). ``ValidationError`` when voting is closed or
    not for this person; ``RateLimitError`` when they vote too fast."""
    _check_vote(question, user, now=now)
    if question.author_id == user.pk:
        return False
    if LiveVote.objects.filter(question=question, person=user).exists():
        return False
    check_and_record(user=user, action=VOTE)
    try:
        with transaction.atomic():
            LiveVote.objects.create(question=question, person=user)
    except IntegrityError:  # a parallel request voted first
        return False
    _touch(question, vote_count=F("vote_count") + 1)
    question.refresh_from_db(fields=["vote_count", "updated"])
    return True


@transaction.atomic
def live_question_unvote(*, question: LiveQuestion, user, now=None) -> bool:
    """Withdraw ``user``'s vote (while voting is open). True when there was one."""
    _check_vote(question, user, now=now)
    if not LiveVote.objects.filter(question=question, person=user).exists():
        return False
    check_and_record(user=user, action=VOTE)
    removed, _detail = LiveVote.objects.filter(question=question, person=user).delete()
    if removed:
        LiveQuestion.objects.filter(pk=question.pk, vote_count__gt=0).update(
            vote_count=F("vote_count") - 1, updated=timezone.now()
        )
        question.refresh_from_db(fields=["vote_count", "updated"])
    return bool(removed)


@transaction.atomic
def live_votes_remove_person(*, person) -> int:
    """Remove ``person``'s votes (their account is removed) and recount the questions they
    voted on in one UPDATE, from the votes that remain (a parallel vote is not lost), moving
    ``updated`` so open lists reload (the ETag). The number of votes removed."""
    question_ids = list(
        LiveVote.objects.filter(person=person).values_list("question_id", flat=True)
    )
    if not question_ids:
        return 0
    LiveVote.objects.filter(person=person).delete()
    LiveQuestion.objects.filter(pk__in=question_ids).update(
        vote_count=correlated_count(LiveVote.objects.filter(question=OuterRef("pk")), "question"),
        updated=timezone.now(),
    )
    return len(question_ids)


def _check_moderator(question: LiveQuestion, actor) -> None:
    if not may_moderate(actor, question.event):
        raise ValidationError(_("Only the organisers and moderators of the event can do this."))


@transaction.atomic
def live_question_answered(*, question: LiveQuestion, actor, answered: bool = True):
    """Mark ``question`` answered (or open again). Allowed after the event too."""
    _check_moderator(question, actor)
    if answered:
        data = {"status": LiveQuestionStatus.ANSWERED, "answered_at": timezone.now()}
    else:
        data = {"status": LiveQuestionStatus.OPEN, "answered_at": None}
    if question.status == data["status"]:
        return question
    model_update(question, data=data)
    return question


@transaction.atomic
def live_question_hide(*, question: LiveQuestion, actor, reason: str, request=None):
    """Hide ``question`` with a reason its author sees; audited. Hiding again changes only
    the reason."""
    _check_moderator(question, actor)
    reason = clean_text(reason)
    if not reason:
        raise ValidationError({"reason": _("Give the reason for hiding.")})
    if len(reason) > HIDE_REASON_MAX_LENGTH:
        raise ValidationError(
            {
                "reason": ngettext(
                    "The reason is too long (at most %(max)d character).",
                    "The reason is too long (at most %(max)d characters).",
                    HIDE_REASON_MAX_LENGTH,
                )
                % {"max": HIDE_REASON_MAX_LENGTH}
            }
        )
    now = timezone.now()
    question.hidden_at = question.hidden_at or now
    question.hidden_by = actor
    question.hidden_reason = reason
    question.updated = now
    question.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated"])
    audit_log(
        action=LIVE_QUESTION_HIDDEN,
        actor=actor,
        target=question,
        request=request,
        data={"event": question.event_id, "reason": reason},
    )
    return question


@transaction.atomic
def live_question_restore(*, question: LiveQuestion, actor, request=None):
    _check_moderator(question, actor)
    if question.hidden_at is None:
        return question
    question.hidden_at = None
    question.hidden_by = None
    question.hidden_reason = ""
    question.save(update_fields=["hidden_at", "hidden_by", "hidden_reason", "updated"])
    audit_log(
        action=LIVE_QUESTION_RESTORED,
        actor=actor,
        target=question,
        request=request,
        data={"event": question.event_id},
    )
    return question


# --- Moving into the questions capability ------------------------------------------------------


#: The title of a question is one line of at most this many characters (``questions``).
def _title_and_body(text: str) -> tuple[str, str]:
    from kaiku.questions.models import QUESTION_MAX_LENGTH

    if len(text) <= QUESTION_MAX_LENGTH:
        return text, ""
    cut = text[: QUESTION_MAX_LENGTH - 1].rsplit(" ", 1)[0].rstrip(" ,.;:")
    return f"{cut}…", text


def may_move(question: LiveQuestion, *, now=None) -> bool:
    """An unanswered, visible question of an event that has ended, not moved yet."""
    return bool(
        question.moved_to_id is None
        and question.hidden_at is None
        and question.status == LiveQuestionStatus.OPEN
        and question.event.is_past(now=now)
    )


@transaction.atomic
def live_question_move(*, question: LiveQuestion, actor, programme, request=None):
    """Move an unanswered question of an ended event into the questions capability: a new
    question of ``programme`` asked by the same person (seen by signed-in people, like the
    event's record), whose votes become "I have this question too" votes of the same people.
    The asker and the voters follow it and are told. Idempotent: a question already moved
    returns the question it became. Audited. The organiser is the actor, not the asker, so
    nobody's rate limit is spent."""
    from django.contrib.contenttypes.models import ContentType

    from kaiku.core.content import Visibility
    from kaiku.notifications.models import Follow
    from kaiku.notifications.services import notify_people
    from kaiku.questions.models import Question, QuestionStatus, QuestionVote
    from kaiku.questions.services import due_at_for
    from kaiku.questions.similar import question_terms

    _check_moderator(question, actor)
    question = LiveQuestion.objects.select_for_update().select_related("event").get(pk=question.pk)
    if question.moved_to_id is not None:
        moved = Question.all_objects.filter(pk=question.moved_to_id).first()
        if moved is not None:
            return moved
    if not may_move(question):
        raise ValidationError(
            _("Only an unanswered, visible question of an event that has ended can be moved.")
        )
    if programme is None:
        raise ValidationError({"programme": _("Choose the programme.")})
    title, body = _title_and_body(question.text)
    moved = Question(
        programme=programme,
        title=title,
        body=body,
        author_id=question.author_id,
        visibility=Visibility.STAFF,
        status=QuestionStatus.NEW,
        terms=question_terms(title, body),
    )
    moved.due_at = due_at_for(moved, start=timezone.now())
    moved.full_clean()
    moved.save()
    voters = sorted(
        set(LiveVote.objects.filter(question=question).values_list("person_id", flat=True))
        - {question.author_id}
    )
    QuestionVote.objects.bulk_create(
        [QuestionVote(question=moved, user_id=pk) for pk in voters], ignore_conflicts=True
    )
    count = QuestionVote.objects.filter(question=moved).count()
    Question.all_objects.filter(pk=moved.pk).update(vote_count=count)
    moved.vote_count = count
    people = [pk for pk in [question.author_id, *voters] if pk]
    content_type = ContentType.objects.get_for_model(Question)
    Follow.objects.bulk_create(
        [Follow(user_id=pk, content_type=content_type, object_id=moved.pk) for pk in people],
        ignore_conflicts=True,
    )
    model_update(question, data={"moved_to": moved})
    from django.contrib.auth import get_user_model

    notify_people(
        kind=LIVE_QUESTION_MOVED,
        about=moved,
        people=get_user_model().objects.filter(pk__in=people),
        actor=actor,
        context=str(question.event)[:300],
    )
    audit_log(
        action=LIVE_QUESTION_MOVED_ACTION,
        actor=actor,
        target=question,
        request=request,
        data={"event": question.event_id, "question": moved.pk, "votes": count},
    )
    return moved
