"""Import an existing FAQ from a CSV file (``manage.py import_questions FILE.csv``).

The file is UTF-8 (with or without a byte-order mark) with a header row. Columns:

* ``question`` (required): the question's text, at most ``QUESTION_MAX_LENGTH`` characters;
* ``answer``: the official answer (Markdown); a question with one is answered;
* ``topic``: the FAQ topic's name, created when new (its slug is the slugified name);
* ``group``: the slug of the programme's working group that answers; it must exist.

Any other column is refused, so that a misspelt ``answer`` column does not drop every answer
without a word. Every row is checked before anything is written; when any row is bad, the
errors are reported by line number and nothing is imported (the writes are one transaction).

Idempotent: a question's ``import_key`` is a hash of its normalised text and the programme, so
importing the same file again adds nothing. For a question imported before, non-empty cells
win and empty ones leave the site's value alone: a new answer replaces the current one, which
is kept as an earlier version (``AnswerRevision``); a new topic or group replaces the old. A
question deleted in the site is not brought back.

Rows are saved one by one (no ``bulk_create``): the search index follows them on commit
through the save signals, and each question's analysed terms are written with it, so imported
questions take part in similar-question matching at once.
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kaiku.core.content import Visibility
from kaiku.core.validators import validate_plain_title

from .models import (
    QUESTION_MAX_LENGTH,
    Answer,
    AnswerRevision,
    Question,
    QuestionStatus,
    Topic,
)
from .services import due_at_for
from .similar import question_terms

COLUMNS = ("question", "answer", "topic", "group")
ANSWER_MAX_LENGTH = Answer._meta.get_field("body").max_length
TOPIC_MAX_LENGTH = Topic._meta.get_field("name").max_length
_SPACE = re.compile(r"\s+")


class QuestionImportError(Exception):
    """The file cannot be imported; ``errors`` are the reasons, with line numbers."""

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


@dataclass
class Row:
    line: int
    question: str
    answer: str = ""
    topic: str = ""
    group: str = ""


@dataclass
class ImportResult:
    created: list[Question] = field(default_factory=list)
    updated: list[Question] = field(default_factory=list)
    unchanged: list[Question] = field(default_factory=list)

    def summary(self) -> str:
        return _("%(created)d created, %(updated)d updated, %(unchanged)d unchanged.") % {
            "created": len(self.created),
            "updated": len(self.updated),
            "unchanged": len(self.unchanged),
        }


def normalise(text: str) -> str:
    """One line, single spaces, no spaces at the ends."""
    return _SPACE.sub(" ", text or "").strip()


def import_key(question: str, programme) -> str:
    """The same question (ignoring case and spacing) in the same programme has the same key."""
    normal = normalise(question).casefold()
    return hashlib.sha256(f"{programme.slug}\n{normal}".encode()).hexdigest()


# --- Reading the file --------------------------------------------------------------------


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise QuestionImportError(
            [
                _(
                    "Line %(line)d: the file is not UTF-8 text. Save it as UTF-8 "
                    '("CSV UTF-8" in spreadsheet programs) and try again.'
                )
                % {"line": line}
            ]
        ) from exc


def read_rows(data: bytes) -> list[Row]:
    """The file's rows, or ``QuestionImportError`` for the header, the encoding or the CSV syntax.
    Rows are checked against the database by ``check_rows``."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader, None)
    except csv.Error as exc:
        raise QuestionImportError([_("Line 1: %(error)s") % {"error": exc}]) from exc
    if not header or not any(cell.strip() for cell in header):
        raise QuestionImportError(
            [
                _("Line 1: the header row is missing. The first row names the columns: %(cols)s.")
                % {"cols": ", ".join(COLUMNS)}
            ]
        )
    names = [cell.strip().casefold() for cell in header]
    errors = []
    if "question" not in names:
        errors.append(
            _('Line 1: the header has no "question" column (the columns are %(cols)s).')
            % {"cols": ", ".join(COLUMNS)}
        )
    unknown = [header[i].strip() for i, name in enumerate(names) if name not in COLUMNS]
    if unknown:
        errors.append(
            _("Line 1: unknown columns: %(unknown)s. The columns are %(cols)s.")
            % {"unknown": ", ".join(f'"{name}"' for name in unknown), "cols": ", ".join(COLUMNS)}
        )
    repeated = sorted({name for name in names if name in COLUMNS and names.count(name) > 1})
    if repeated:
        errors.append(
            _("Line 1: these columns are given more than once: %(cols)s.")
            % {"cols": ", ".join(repeated)}
        )
    if errors:
        raise QuestionImportError(errors)

    rows = []
    line = reader.line_num + 1  # where the next record starts
    try:
        for record in reader:
            start, line = line, reader.line_num + 1
            if not any(cell.strip() for cell in record):
                continue  # an empty line
            if len(record) > len(names):
                errors.append(
                    _(
                        "Line %(line)d: more cells (%(count)d) than columns in the header "
                        "(%(cols)d)."
                    )
                    % {"line": start, "count": len(record), "cols": len(names)}
                )
                continue
            values = dict(zip(names, record, strict=False))
            rows.append(
                Row(
                    line=start,
                    question=values.get("question", ""),
                    answer=values.get("answer", "").strip(),
                    topic=normalise(values.get("topic", "")),
                    group=values.get("group", "").strip(),
                )
            )
    except csv.Error as exc:
        errors.append(_("Line %(line)d: %(error)s") % {"line": line, "error": exc})
    if errors:
        raise QuestionImportError(errors)
    return rows


# --- Checking and writing ------------------------------------------------------------------


def _first_error(value: str, validator) -> str | None:
    try:
        validator(value)
    except ValidationError as exc:
        return " ".join(exc.messages)
    return None


def _at_most(maximum: int) -> str:
    """The limit sentence after "the ... is N characters long." (its own sentence, so each
    number takes its own plural form)."""
    return ngettext(
        "At most %(max)d character is allowed.",
        "At most %(max)d characters are allowed.",
        maximum,
    ) % {"max": maximum}


def check_rows(rows: list[Row], *, programme) -> tuple[list[str], dict]:
    """The errors of every row (by line), and the groups the rows name, by slug."""
    groups = {g.slug: g for g in programme.groups.filter(slug__in={r.group for r in rows})}
    errors: list[str] = []
    seen: dict[str, int] = {}
    for row in rows:
        problems = []
        question = normalise(row.question)
        if not question:
            problems.append(_("the question is empty."))
        elif len(question) > QUESTION_MAX_LENGTH:
            length = len(question)
            problems.append(
                ngettext(
                    "the question is %(length)d character long.",
                    "the question is %(length)d characters long.",
                    length,
                )
                % {"length": length}
                + " "
                + _at_most(QUESTION_MAX_LENGTH)
            )
        elif message := _first_error(question, validate_plain_title):
            problems.append(message)
        else:
            key = import_key(question, programme)
            if key in seen:
                problems.append(
                    _("the same question is already on line %(line)d.") % {"line": seen[key]}
                )
            seen.setdefault(key, row.line)
        if len(row.answer) > ANSWER_MAX_LENGTH:
            length = len(row.answer)
            problems.append(
                ngettext(
                    "the answer is %(length)d character long.",
                    "the answer is %(length)d characters long.",
                    length,
                )
                % {"length": length}
                + " "
                + _at_most(ANSWER_MAX_LENGTH)
            )
        if "\x00" in row.answer:
            problems.append(_("the answer contains a NUL character."))
        if row.topic:
            if len(row.topic) > TOPIC_MAX_LENGTH:
                problems.append(
                    ngettext(
                        "the topic is longer than %(max)d character.",
                        "the topic is longer than %(max)d characters.",
                        TOPIC_MAX_LENGTH,
                    )
                    % {"max": TOPIC_MAX_LENGTH}
                )
            elif not slugify(row.topic):
                problems.append(_("the topic needs at least one letter or digit."))
            elif message := _first_error(row.topic, validate_plain_title):
                problems.append(message)
        if row.group and row.group not in groups:
            problems.append(
                _('there is no working group "%(group)s" in the programme %(programme)s.')
                % {"group": row.group, "programme": programme.slug}
            )
        errors.extend(
            _("Line %(line)d: %(problem)s") % {"line": row.line, "problem": problem}
            for problem in problems
        )
    return errors, groups


def _topic(name: str, cache: dict[str, Topic]) -> Topic:
    slug = slugify(name)[:100]
    if slug not in cache:
        cache[slug], _created = Topic.objects.get_or_create(slug=slug, defaults={"name": name})
    return cache[slug]


def _give_answer(question: Question, body: str, now, *, answered_by=None) -> None:
    """Answer ``question`` with ``body``; an earlier answer is kept as a revision."""
    answer = getattr(question, "answer", None) if question.pk else None
    if answer is None:
        Answer.objects.create(
            question=question,
            body=body,
            group=question.group,
            author=answered_by,
            organisation=getattr(answered_by, "organisation", None),
        )
    else:
        AnswerRevision.objects.create(
            answer=answer,
            body=answer.body,
            author=answer.author,
            organisation=answer.organisation,
            answered_at=question.answered_at or answer.updated,
        )
        answer.body, answer.author = body, answered_by
        answer.organisation = getattr(answered_by, "organisation", None)
        answer.group = question.group
        answer.save()
    question.answered_at = now
    if question.status in (QuestionStatus.NEW, QuestionStatus.ASSIGNED):
        question.status = QuestionStatus.ANSWERED


def import_questions(
    data: bytes, *, programme, answered_by=None, dry_run: bool = False
) -> ImportResult:
    """Import the CSV ``data`` into ``programme``; ``QuestionImportError`` when any row is bad
    (then nothing is written). Answers are given by ``answered_by`` (for their organisation),
    or by nobody. With ``dry_run`` everything is checked and counted, then rolled back."""
    rows = read_rows(data)
    if not rows:
        raise QuestionImportError([_("The file has a header but no questions.")])
    errors, groups = check_rows(rows, programme=programme)
    if errors:
        raise QuestionImportError(errors)
    result = ImportResult()
    with transaction.atomic():
        keys = {import_key(normalise(r.question), programme): r for r in rows}
        existing = {
            q.import_key: q
            for q in Question.all_objects.filter(import_key__in=keys).select_related("answer")
        }
        topics: dict[str, Topic] = {}
        now = timezone.now()
        for key, row in keys.items():
            question = existing.get(key)
            group = groups.get(row.group) if row.group else None
            topic = _topic(row.topic, topics) if row.topic else None
            if question is None:
                title = normalise(row.question)
                question = Question(
                    programme=programme,
                    title=title,
                    group=group,
                    topic=topic,
                    visibility=Visibility.PUBLIC,
                    import_key=key,
                    terms=question_terms(title),
                )
                question.due_at = due_at_for(question, start=now)
                if row.answer:
                    question.status = QuestionStatus.ANSWERED
                    question.answered_at = now
                question.save()
                if row.answer:
                    _give_answer(question, row.answer, now, answered_by=answered_by)
                result.created.append(question)
                continue
            if question.deleted_at is not None:
                result.unchanged.append(question)
                continue
            changed = False
            if group is not None and question.group_id != group.pk:
                question.group, changed = group, True
                question.due_at = due_at_for(question, start=now)
            if topic is not None and question.topic_id != topic.pk:
                question.topic, changed = topic, True
            current = getattr(question, "answer", None)
            if row.answer and (current is None or current.body.strip() != row.answer):
                _give_answer(question, row.answer, now, answered_by=answered_by)
                changed = True
            if changed:
                question.save()
                result.updated.append(question)
            else:
                result.unchanged.append(question)
        if dry_run:
            transaction.set_rollback(True)
    return result
