"""The answer data of a survey as a table, for coordinators (CSV and XLSX, docs/surveys.md).

A row per response, in the order of the responses' random keys (never the order of
answering), with no participation data and no times: the round, the background attributes and
a column per question (a matrix: per item; "Other" texts in a column of their own).

Disclosure control (``kaiku.core.disclosure``), because a row's attributes together can point
at a person even when each on its own cannot:

* every combination of the exported attributes (organisation type, region, organisation)
  belongs to 0 or at least ``MIN_GROUP`` (5) rows. Attributes are blanked, finest first
  (organisation, then region, then type), until this holds; a blank means "unknown or not
  shown", so the rows with blanks are a group of 0 or at least 5 too. Before that, each
  attribute on its own is suppressed like a breakdown on the results pages
  (``safe_breakdown``: small values and, complementarily, the smallest value beside them), so
  the export never shows a value the results hide;
* open-text answers, "Other" texts and numbers (a number is one person's exact answer, like
  the smallest and largest number on the results pages) are exported only in rows whose shown
  combination of attributes belongs to at least ``MIN_TEXT_GROUP`` (10) rows; elsewhere the
  cell is blank;
* a survey with fewer than ``MIN_GROUP`` responses exports the header row only.

Cells that a spreadsheet would take for a formula (starting with ``=``, ``+``, ``-``, ``@``)
are prefixed with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections import Counter, defaultdict
from collections.abc import Sequence

from django.utils.translation import gettext as _

from kaiku.core.disclosure import MIN_GROUP, MIN_TEXT_GROUP, safe_breakdown
from kaiku.organisations.models import Organisation, OrganisationType, Region

from . import selectors
from .models import Answer, AnswerChoice, QuestionKind, Response, Survey

Combo = tuple  # (organisation type or None, region id or None, organisation id or None)
BLANK: Combo = (None, None, None)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def protect_attributes(combos: Sequence[Combo], *, minimum: int = MIN_GROUP) -> list[Combo]:
    """The attributes to show for each row (``None``: unknown or hidden), so that every shown
    combination, the all-blank one included, belongs to 0 or at least ``minimum`` rows. Rows
    are returned in the given order. Fewer than ``minimum`` rows: everything is blank."""
    shown = [[value or None for value in combo] for combo in combos]
    total = len(shown)
    if total < minimum:
        return [BLANK for _row in shown]
    width = len(BLANK)
    # Each attribute on its own, as a breakdown of the whole.
    for dimension in range(width):
        counts = Counter(row[dimension] for row in shown if row[dimension] is not None)
        allowed = safe_breakdown(total, counts, minimum=minimum)
        for row in shown:
            if row[dimension] is not None and allowed[row[dimension]] is None:
                row[dimension] = None
    # Their combinations: blank the finest attribute of a small combination until none is.
    while True:
        counts = Counter(tuple(row) for row in shown)
        small = {key for key, n in counts.items() if n < minimum and key != BLANK}
        if not small:
            break
        for row in shown:
            if tuple(row) in small:
                finest = max(d for d in range(width) if row[d] is not None)
                row[finest] = None
    counts = Counter(tuple(row) for row in shown)
    if 0 < counts[BLANK] < minimum:
        # The few rows with nothing shown: the smallest combination (≥ minimum) joins them.
        smallest = min(
            (key for key in counts if key != BLANK), key=lambda key: (counts[key], repr(key))
        )
        for row in shown:
            if tuple(row) == smallest:
                row[:] = BLANK
    return [tuple(row) for row in shown]


def _safe(value):
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def answer_table(survey: Survey) -> tuple[list[str], list[list]]:
    """The header and rows of ``survey``'s answer data (see the module docstring)."""
    sections = selectors.structure(survey)
    questions = [q for s in sections for q in s.questions.all()]
    header = [_("Round"), _("Organisation type"), _("Region"), _("Organisation")]
    slots: dict[tuple, int] = {}  # (question id, item id or None, "other"?) -> column
    kinds: dict[int, str] = {}
    for question in questions:
        kinds[question.pk] = question.kind
        text = str(question.text)
        if question.kind == QuestionKind.MATRIX:
            for item in question.items.all():
                slots[(question.pk, item.pk, False)] = len(header)
                header.append(f"{text}: {item.text}")
            continue
        slots[(question.pk, None, False)] = len(header)
        header.append(text)
        if question.has_choices and question.allow_other:
            slots[(question.pk, None, True)] = len(header)
            other_label = _("other")
            header.append(f"{text}: {other_label}")
    choice_texts = {c.pk: str(c.text) for q in questions for c in q.choices.all()}
    header = [_safe(h) for h in header]

    responses = list(
        Response.objects.filter(survey=survey)
        .order_by("id")
        .values_list("id", "organisation_type", "region_id", "organisation_id")
    )
    if len(responses) < MIN_GROUP:
        return header, []
    shown = protect_attributes([r[1:] for r in responses])
    group_size = Counter(shown)
    type_labels = dict(OrganisationType.choices)
    region_names = {
        pk: str(name)
        for pk, name in Region.objects.filter(pk__in={c[1] for c in shown if c[1]})
        .values_list("pk", "name")
        .iterator()
    }
    organisation_names = {
        pk: str(name)
        for pk, name in Organisation.objects.filter(pk__in={c[2] for c in shown if c[2]})
        .values_list("pk", "name")
        .iterator()
    }
    rows: dict = {}
    personal: dict = {}  # may open texts and numbers be shown in this row?
    for (response_id, *_rest), combo in zip(responses, shown, strict=True):
        row = [None] * len(header)
        row[0] = survey.round_number
        row[1] = str(type_labels.get(combo[0], "")) if combo[0] else ""
        row[2] = region_names.get(combo[1], "") if combo[1] else ""
        row[3] = organisation_names.get(combo[2], "") if combo[2] else ""
        rows[response_id] = row
        personal[response_id] = group_size[combo] >= MIN_TEXT_GROUP

    picked: dict = defaultdict(list)
    for answer_id, choice_id in AnswerChoice.objects.filter(
        answer__response__survey=survey
    ).values_list("answer_id", "choice_id"):
        picked[answer_id].append(choice_texts.get(choice_id, ""))
    answers = Answer.objects.filter(response__survey=survey).values_list(
        "id", "response_id", "question_id", "item_id", "value", "number", "text", "other_text"
    )
    for answer_id, response_id, question_id, item_id, value, number, text, other in answers:
        row = rows.get(response_id)
        column = slots.get((question_id, item_id, False))
        if row is None or column is None:
            continue
        kind = kinds[question_id]
        if kind in (QuestionKind.LIKERT, QuestionKind.MATRIX):
            row[column] = value
        elif kind == QuestionKind.NUMBER:
            row[column] = number if personal[response_id] else None
        elif kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            row[column] = _safe(text) if personal[response_id] else None
        else:
            row[column] = _safe("; ".join(sorted(picked.get(answer_id, []))))
            other_column = slots.get((question_id, None, True))
            if other_column is not None and other and personal[response_id]:
                row[other_column] = _safe(other)
    return header, [rows[r[0]] for r in responses]


def as_csv(header: list[str], rows: list[list]) -> bytes:
    """UTF-8 with a byte order mark, so that Excel shows ä and ö, separated by commas."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else v for v in row])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def as_xlsx(header: list[str], rows: list[list], *, sheet_title: str) -> bytes:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])

    def cells(values):
        out = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"  # never a formula
            out.append(cell)
        return out

    sheet.append(cells(header))
    for row in rows:
        sheet.append(cells(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
