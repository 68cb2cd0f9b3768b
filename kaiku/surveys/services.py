"""Writes for surveys.

The callers (views) check the permission first (``rules.py``). Every function validates and
raises ``ValidationError`` with nothing saved. Building: surveys, sections, questions with
their choices and matrix items (refused once the questions are locked), publishing and the
next round, and the invited people of a survey for chosen people. Answering: drafts, and
``response_submit``, which stores the answers without any link to the person
(docs/surveys.md).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kaiku.core.audit import audit_log
from kaiku.core.content import Visibility
from kaiku.core.translations import translated
from kaiku.core.writes import model_update

from .models import (
    CHOICE_KINDS,
    SCALE_KINDS,
    Answer,
    AnswerChoice,
    AudienceKind,
    Choice,
    Draft,
    MatrixItem,
    Participation,
    Question,
    QuestionKind,
    Response,
    Section,
    Survey,
    SurveyInvitee,
    SurveyOrganisationType,
)

SURVEY_FIELDS = (
    *translated("title", "description"),
    "opens_at",
    "closes_at",
    "anonymous",
    "results_visibility",
    "audience",
)
SECTION_FIELDS = translated("title", "description")
QUESTION_FIELDS = (
    "kind",
    *translated("text", "help_text", "scale_low_label", "scale_high_label"),
    "required",
    "scale_points",
    "allow_other",
    "number_min",
    "number_max",
)
#: Languages in which choices and matrix items are written one per line in the builder.
LINE_LANGUAGES = ("fi", "sv")
MAX_LINES = 50
SURVEY_PUBLISHED = "survey_published"


class AlreadyAnsweredError(ValidationError):
    """The person has answered this survey already (another tab, a double submit)."""


def locked_message() -> str:
    return _(
        "The questions are locked because the survey has answers. You can still change its "
        "title, introduction and period."
    )


def _check_unlocked(survey: Survey) -> None:
    if Survey.objects.filter(pk=survey.pk, questions_locked_at__isnull=False).exists():
        raise ValidationError(locked_message())


# --- Surveys ------------------------------------------------------------------------------------


def _visibility_for(audience: str) -> str:
    return Visibility.STAFF if audience == AudienceKind.EVERYONE else Visibility.MEMBERS


def _set_audience(survey: Survey, *, types, regions, organisations) -> None:
    kind = survey.audience
    types = list(types or []) if kind == AudienceKind.ORGANISATION_TYPES else []
    regions = list(regions or []) if kind == AudienceKind.REGIONS else []
    organisations = list(organisations or []) if kind == AudienceKind.ORGANISATIONS else []
    chosen = {
        AudienceKind.ORGANISATION_TYPES: types,
        AudienceKind.REGIONS: regions,
        AudienceKind.ORGANISATIONS: organisations,
    }
    if kind in chosen and not chosen[kind]:
        raise ValidationError({"audience": _("Choose at least one for the audience.")})
    if kind != AudienceKind.PEOPLE:
        # Chosen people are kept only while the audience is chosen people
        # (``survey_set_invitees`` sets them; the builder's form does not).
        SurveyInvitee.objects.filter(survey=survey).delete()
    survey.audience_types.exclude(type__in=types).delete()
    existing = set(survey.audience_types.values_list("type", flat=True))
    SurveyOrganisationType.objects.bulk_create(
        [SurveyOrganisationType(survey=survey, type=t) for t in types if t not in existing]
    )
    survey.audience_regions.set(regions)
    survey.audience_organisations.set(organisations)


@transaction.atomic
def survey_create(*, actor, types=(), regions=(), organisations=(), **fields) -> Survey:
    unknown = set(fields) - set(SURVEY_FIELDS)
    if unknown:
        raise TypeError(f"Unknown survey fields: {sorted(unknown)}")
    survey = Survey(**fields)
    survey.visibility = _visibility_for(survey.audience)
    survey.full_clean()
    survey.save()
    _set_audience(survey, types=types, regions=regions, organisations=organisations)
    audit_log(action="survey_created", actor=actor, target=survey)
    return survey


@transaction.atomic
def survey_update(
    *, survey: Survey, actor, types=(), regions=(), organisations=(), **fields
) -> Survey:
    """Change the survey's own fields: always allowed, also once the questions are locked."""
    data = dict(fields)
    if "audience" in data:
        data["visibility"] = _visibility_for(data["audience"])
    survey, _changed = model_update(survey, data=data, allowed=(*SURVEY_FIELDS, "visibility"))
    if survey.published_at and not (survey.opens_at and survey.closes_at):
        raise ValidationError(_("A published survey needs an open period."))
    _set_audience(survey, types=types, regions=regions, organisations=organisations)
    return survey


@transaction.atomic
def survey_set_invitees(*, survey: Survey, people: Iterable, actor) -> int:
    """Make the survey's audience exactly ``people`` (``AudienceKind.PEOPLE``): another
    capability's chosen people, such as an event's participants for its feedback survey.

    The invitees are stored apart from the answers, like participations: nothing links an
    invitee to a response. Returns how many are invited. People added after the invitations
    went out are not invited again by the task; they see the survey on their front page."""
    ids = {getattr(person, "pk", person) for person in people}
    if not ids:
        raise ValidationError({"audience": _("Invite at least one person.")})
    survey, _changed = model_update(
        survey,
        data={"audience": AudienceKind.PEOPLE, "visibility": Visibility.MEMBERS},
        allowed=("audience", "visibility"),
    )
    _set_audience(survey, types=(), regions=(), organisations=())
    SurveyInvitee.objects.filter(survey=survey).exclude(person_id__in=ids).delete()
    existing = set(SurveyInvitee.objects.filter(survey=survey).values_list("person_id", flat=True))
    SurveyInvitee.objects.bulk_create(
        [SurveyInvitee(survey=survey, person_id=pk) for pk in sorted(ids - existing)]
    )
    # The number only: who was invited is personal data, not an audit fact.
    audit_log(action="survey_invitees_set", actor=actor, target=survey, data={"count": len(ids)})
    return len(ids)


def publish_problems(survey: Survey, *, now=None) -> list[str]:
    """What stops ``survey`` from being published (empty: it can be)."""
    now = now or timezone.now()
    problems = []
    if not (survey.opens_at and survey.closes_at):
        problems.append(_("Give the survey an open period (opens and closes)."))
    elif survey.closes_at <= now:
        problems.append(_("The survey's period has already ended."))
    if not Question.objects.filter(survey=survey).exists():
        problems.append(_("Add at least one question."))
    if (
        survey.audience == AudienceKind.PEOPLE
        and not SurveyInvitee.objects.filter(survey=survey).exists()
    ):
        problems.append(_("Invite at least one person."))
    return problems


@transaction.atomic
def survey_publish(*, survey: Survey, actor, now=None) -> Survey:
    """Publish: the audience sees the survey and, once it opens, is invited."""
    now = now or timezone.now()
    survey = Survey.objects.select_for_update().get(pk=survey.pk)
    if survey.published_at is not None:
        return survey
    problems = publish_problems(survey, now=now)
    if problems:
        raise ValidationError(problems)
    survey, _changed = model_update(survey, data={"published_at": now}, allowed=("published_at",))
    audit_log(action=SURVEY_PUBLISHED, actor=actor, target=survey)
    if survey.opens_at <= now:
        pk = survey.pk
        transaction.on_commit(lambda: _enqueue_invitations(pk))
    return survey


def _enqueue_invitations(survey_id: int) -> None:
    from .tasks import send_survey_invitations

    send_survey_invitations.enqueue(survey_id)


def _copy(obj, **changes):
    obj.pk = None
    obj.id = None
    obj._state.adding = True
    for name, value in changes.items():
        setattr(obj, name, value)
    obj.save()
    return obj


@transaction.atomic
def survey_duplicate(*, survey: Survey, actor) -> Survey:
    """The next round of ``survey``: the same texts, audience, sections, questions, choices
    and matrix items, as a draft with no period that refers to this round."""
    source = Survey.objects.get(pk=survey.pk)
    types = list(source.audience_types.values_list("type", flat=True))
    regions = list(source.audience_regions.all())
    organisations = list(source.audience_organisations.all())
    invitees = list(SurveyInvitee.objects.filter(survey=source).values_list("person_id", flat=True))
    sections = list(
        Section.objects.filter(survey=source).prefetch_related(
            "questions__choices", "questions__items"
        )
    )
    new = _copy(
        source,
        previous_round=survey,
        round_number=survey.round_number + 1,
        published_at=None,
        opens_at=None,
        closes_at=None,
        questions_locked_at=None,
        invitations_sent_at=None,
        reminders_sent_at=None,
    )
    SurveyOrganisationType.objects.bulk_create(
        [SurveyOrganisationType(survey=new, type=t) for t in types]
    )
    new.audience_regions.set(regions)
    new.audience_organisations.set(organisations)
    SurveyInvitee.objects.bulk_create([SurveyInvitee(survey=new, person_id=pk) for pk in invitees])
    for section in sections:
        questions = list(section.questions.all())
        new_section = _copy(section, survey=new)
        for question in questions:
            choices, items = list(question.choices.all()), list(question.items.all())
            new_question = _copy(question, survey=new, section=new_section)
            for choice in choices:
                _copy(choice, question=new_question)
            for item in items:
                _copy(item, question=new_question)
    audit_log(action="survey_duplicated", actor=actor, target=new, data={"from": survey.pk})
    return new


# --- Sections -----------------------------------------------------------------------------------


@transaction.atomic
def section_create(*, survey: Survey, actor, **fields) -> Section:  # noqa: ARG001
    _check_unlocked(survey)
    last = Section.objects.filter(survey=survey).aggregate(m=Max("order"))["m"]
    section = Section(survey=survey, order=0 if last is None else last + 1, **fields)
    section.full_clean()
    section.save()
    return section


@transaction.atomic
def section_update(*, section: Section, actor, **fields) -> Section:  # noqa: ARG001
    _check_unlocked(section.survey)
    section, _changed = model_update(section, data=fields, allowed=SECTION_FIELDS)
    return section


@transaction.atomic
def section_delete(*, section: Section, actor) -> None:  # noqa: ARG001
    _check_unlocked(section.survey)
    section.delete()


def _move(rows: list, row, direction: int) -> None:
    """Swap ``row`` with its neighbour in ``rows`` (ordered) and renumber them 0, 1, …"""
    index = next(i for i, r in enumerate(rows) if r.pk == row.pk)
    other = index + direction
    if 0 <= other < len(rows):
        rows[index], rows[other] = rows[other], rows[index]
    for number, item in enumerate(rows):
        if item.order != number:
            type(item).objects.filter(pk=item.pk).update(order=number)


@transaction.atomic
def section_move(*, section: Section, actor, direction: int) -> None:  # noqa: ARG001
    _check_unlocked(section.survey)
    _move(list(Section.objects.filter(survey_id=section.survey_id)), section, direction)


# --- Questions ----------------------------------------------------------------------------------


@dataclass
class Lines:
    """Choices or matrix items as written in the builder: one per line, per language."""

    by_language: dict[str, list[str]] = field(default_factory=dict)

    @property
    def finnish(self) -> list[str]:
        return self.by_language.get("fi", [])


def _check_lines(kind: str, choices: Lines | None, items: Lines | None) -> None:
    errors = {}
    if kind in CHOICE_KINDS and len(choices.finnish if choices else []) < 2:
        errors["choices_fi"] = _("Give at least two choices, one per line.")
    if kind == QuestionKind.MATRIX and not (items.finnish if items else []):
        errors["items_fi"] = _("Give at least one item, one per line.")
    for name, lines in (("choices", choices), ("items", items)):
        if lines is None:
            continue
        count = len(lines.finnish)
        if count > MAX_LINES:
            errors[f"{name}_fi"] = ngettext(
                "At most %(n)s line.", "At most %(n)s lines.", MAX_LINES
            ) % {"n": MAX_LINES}
        for code, texts in lines.by_language.items():
            if code != "fi" and texts and len(texts) != count:
                errors[f"{name}_{code}"] = ngettext(
                    "Give as many lines as in Finnish (%(n)s line), in the same order.",
                    "Give as many lines as in Finnish (%(n)s lines), in the same order.",
                    count,
                ) % {"n": count}
    if errors:
        raise ValidationError(errors)


def _sync_lines(model, question: Question, lines: Lines | None) -> None:
    """Make ``question``'s choices (or items) the given lines: existing rows are updated in
    place by position (their keys stay), extra lines added, surplus rows deleted."""
    finnish = lines.finnish if lines else []
    existing = list(model.objects.filter(question=question).order_by("order", "pk"))
    for position, text in enumerate(finnish):
        values = {"text_fi": text, "order": position}
        for code, texts in (lines.by_language if lines else {}).items():
            if code != "fi":
                values[f"text_{code}"] = texts[position] if texts else ""
        if position < len(existing):
            row = existing[position]
            for name, value in values.items():
                setattr(row, name, value)
        else:
            row = model(question=question, **values)
        row.full_clean()
        row.save()
    for row in existing[len(finnish) :]:
        row.delete()


def _normalise(question: Question) -> None:
    """Drop the settings that do not belong to the question's kind."""
    if question.kind not in SCALE_KINDS:
        question.scale_points = None
        for name in translated("scale_low_label", "scale_high_label"):
            setattr(question, name, "")
    elif question.scale_points is None:
        question.scale_points = 5
    if question.kind not in CHOICE_KINDS:
        question.allow_other = False
    if question.kind != QuestionKind.NUMBER:
        question.number_min = question.number_max = None


@transaction.atomic
def question_create(
    *, section: Section, actor, choices: Lines | None = None, items: Lines | None = None, **fields
) -> Question:  # noqa: ARG001
    _check_unlocked(section.survey)
    unknown = set(fields) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown question fields: {sorted(unknown)}")
    last = Question.objects.filter(section=section).aggregate(m=Max("order"))["m"]
    question = Question(
        survey_id=section.survey_id,
        section=section,
        order=0 if last is None else last + 1,
        **fields,
    )
    _normalise(question)
    question.full_clean()
    _check_lines(question.kind, choices, items)
    question.save()
    _sync_lines(Choice, question, choices if question.has_choices else None)
    _sync_lines(MatrixItem, question, items if question.kind == QuestionKind.MATRIX else None)
    return question


@transaction.atomic
def question_update(
    *,
    question: Question,
    actor,  # noqa: ARG001
    choices: Lines | None = None,
    items: Lines | None = None,
    **fields,
) -> Question:
    _check_unlocked(question.survey)
    unknown = set(fields) - set(QUESTION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown question fields: {sorted(unknown)}")
    for name, value in fields.items():
        setattr(question, name, value)
    _normalise(question)
    question.full_clean()
    _check_lines(question.kind, choices, items)
    question.save()
    _sync_lines(Choice, question, choices if question.has_choices else None)
    _sync_lines(MatrixItem, question, items if question.kind == QuestionKind.MATRIX else None)
    return question


@transaction.atomic
def question_delete(*, question: Question, actor) -> None:  # noqa: ARG001
    _check_unlocked(question.survey)
    question.delete()


@transaction.atomic
def question_move(*, question: Question, actor, direction: int) -> None:  # noqa: ARG001
    _check_unlocked(question.survey)
    _move(list(Question.objects.filter(section_id=question.section_id)), question, direction)


# --- Answering ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class AnswerData:
    """One answer as the answering form cleaned it."""

    question: Question
    item: MatrixItem | None = None
    value: int | None = None
    number: Decimal | None = None
    text: str = ""
    choices: Sequence[Choice] = ()
    other_text: str = ""

    @property
    def is_empty(self) -> bool:
        return (
            self.value is None
            and self.number is None
            and not self.text
            and not self.choices
            and not self.other_text
        )


def has_answered(*, survey: Survey, user) -> bool:
    return Participation.objects.filter(survey=survey, user=user).exists()


@transaction.atomic
def draft_save(*, survey: Survey, user, data: dict, step: int) -> Draft:
    """Keep the person's answers so far (and the section to continue from)."""
    if has_answered(survey=survey, user=user):
        raise AlreadyAnsweredError(_("You have already answered this survey."))
    draft, _created = Draft.objects.update_or_create(
        survey=survey, user=user, defaults={"data": data, "step": step}
    )
    return draft


def _background(user) -> dict:
    """The background attributes results are broken down by, from the person's organisation
    now: its type, region and the organisation itself."""
    organisation = user.organisation
    if organisation is None:
        return {"organisation_type": "", "region_id": None, "organisation_id": None}
    return {
        "organisation_type": organisation.type,
        "region_id": organisation.region_id,
        "organisation_id": organisation.pk,
    }


def response_submit(*, survey: Survey, user, answers: Iterable[AnswerData]) -> None:
    """Store the person's answers once, in two transactions:

    1. a ``Participation`` (unique per person and survey, so a second tab or a double submit
       raises ``AlreadyAnsweredError`` and stores nothing), the deletion of their draft and the
       locking of the survey's questions;
    2. apart from it, a ``Response`` with its answers and no link to the person.

    Both are unmixed until ``mixing.mix_survey`` stores them again in a random order, so that
    neither a shared transaction id nor the order of the rows pairs them (docs/surveys.md).
    Returns nothing: not even the caller learns the response's key."""
    now = timezone.now()
    if not survey.is_open:
        raise ValidationError(_("The survey is not open."))
    answers = [a for a in answers if not a.is_empty]
    try:
        with transaction.atomic():
            Participation.objects.create(survey=survey, user=user, mixed=False)
            Draft.objects.filter(survey=survey, user=user).delete()
            Survey.objects.filter(pk=survey.pk, questions_locked_at__isnull=True).update(
                questions_locked_at=now, updated=now
            )
    except IntegrityError:
        raise AlreadyAnsweredError(_("You have already answered this survey.")) from None
    try:
        _store_response(survey, _background(user), answers)
    except BaseException:
        # Nothing was stored: let the person send the answers again.
        Participation.objects.filter(survey=survey, user=user, mixed=False).delete()
        raise


@transaction.atomic
def _store_response(survey: Survey, background: dict, answers: list[AnswerData]) -> None:
    response = Response.objects.create(
        survey=survey,
        round_number=survey.round_number,
        period_end=timezone.localdate(survey.closes_at) if survey.closes_at else None,
        mixed=False,
        **background,
    )
    rows = [
        Answer(
            response=response,
            question=a.question,
            item=a.item,
            value=a.value,
            number=a.number,
            text=a.text,
            other_text=a.other_text,
        )
        for a in answers
    ]
    Answer.objects.bulk_create(rows)
    AnswerChoice.objects.bulk_create(
        [
            AnswerChoice(answer=row, choice=choice)
            for row, a in zip(rows, answers, strict=True)
            for choice in a.choices
        ]
    )


def response_count(survey: Survey) -> int:
    return Response.objects.filter(survey=survey).count()
