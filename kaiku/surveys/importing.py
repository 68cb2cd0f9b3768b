"""Importing an earlier survey round from a CSV or XLSX file (docs/surveys.md).

Webropol and Microsoft Forms export a row per respondent and a column per question. The
import happens in three steps, shared by the command (``import_survey_round``) and the pages
(``import_views.py``):

1. ``read_table(data, filename)`` reads the file: XLSX (openpyxl), or CSV in UTF-8 (with or
   without a byte order mark), UTF-16 with a byte order mark or Windows-1252, separated by
   commas, semicolons or tabs. A file that is none of these is a ``ImportFileError`` with a
   message a person can act on.
2. ``infer_plan(table, vocabulary=...)`` decides what each column is: a Likert scale, a single
   or multiple choice, a number, a short or long text, an attribute (organisation type,
   region) or nothing. Columns that identify the respondent (ID, times, email, name, IP
   address) are ``identifying``: they are never imported and cannot be chosen back. A scale
   may be numbers or the labels of an agreement scale (``scale_labels``); scale columns side
   by side that share a question ("Question: item") are one matrix (``find_matrices``).
   ``overrides`` and ``matrices`` let a person change the other columns' kinds.
3. ``import_round(plan, rows, title=..., ...)`` checks every cell and, only if all are right,
   creates the survey (or the next round of an existing one) with its answers in one
   transaction. Any problem raises ``ImportFileError`` with row numbers and column names, and
   nothing is written.

Row numbers are those a spreadsheet shows: the header is row 1, the first answer row 2.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import secrets
import unicodedata
import uuid
import zipfile
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kaiku.core.audit import audit_log
from kaiku.core.content import Visibility
from kaiku.organisations.models import OrganisationType, Region

from . import scale_labels
from .models import (
    LONG_TEXT_MAX_LENGTH,
    NUMBER_MAX_DIGITS,
    SHORT_TEXT_MAX_LENGTH,
    Answer,
    AnswerChoice,
    AudienceKind,
    Choice,
    MatrixItem,
    Question,
    QuestionKind,
    Response,
    ResultsVisibility,
    Section,
    Survey,
)

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 50_000
MAX_COLUMNS = 300
#: At most this many different answers make a single-choice column.
MAX_SINGLE_CHOICES = 15
#: At most this many different parts make a multiple-choice column (the builder's limit).
MAX_CHOICES = 50
#: A value longer than this is text, never a choice.
MAX_CHOICE_LENGTH = 150
#: A text column with a value longer than this (or a line break) is a long text.
SHORT_TEXT_GUESS = 100
#: Shown at most, so a file with thousands of problems gives a readable answer.
MAX_ERRORS = 30
BATCH_SIZE = 2000
QUESTION_TEXT_MAX = 1000
IMPORT_ACTION = "survey_imported"


class Kind:
    """What a column becomes. The question kinds plus the attributes and "ignore"."""

    LIKERT5 = "likert5"
    LIKERT7 = "likert7"
    SINGLE = "single"
    MULTIPLE = "multiple"
    NUMBER = "number"
    SHORT_TEXT = "short_text"
    LONG_TEXT = "long_text"
    ORGANISATION_TYPE = "organisation_type"
    REGION = "region"
    IGNORE = "ignore"
    #: What a group of scale columns becomes (``Plan.matrices``): one matrix question, a
    #: scale question a column, or nothing.
    MATRIX = "matrix"
    SEPARATE = "separate"

    CHOICES = (
        (LIKERT5, gettext_lazy("Scale of 5 points")),
        (LIKERT7, gettext_lazy("Scale of 7 points")),
        (SINGLE, gettext_lazy("Single choice")),
        (MULTIPLE, gettext_lazy("Multiple choice (“;” between the choices)")),
        (NUMBER, gettext_lazy("Number")),
        (SHORT_TEXT, gettext_lazy("Short text")),
        (LONG_TEXT, gettext_lazy("Long text")),
        (ORGANISATION_TYPE, gettext_lazy("Background: organisation type")),
        (REGION, gettext_lazy("Background: region")),
        (IGNORE, gettext_lazy("Do not import")),
    )
    MATRIX_CHOICES = (
        (MATRIX, gettext_lazy("One matrix question, a scale item a column")),
        (SEPARATE, gettext_lazy("A separate scale question a column")),
        (IGNORE, gettext_lazy("Do not import")),
    )
    ATTRIBUTES = (ORGANISATION_TYPE, REGION)
    LIKERT = (LIKERT5, LIKERT7)
    QUESTION_KINDS = {
        LIKERT5: QuestionKind.LIKERT,
        LIKERT7: QuestionKind.LIKERT,
        SINGLE: QuestionKind.SINGLE,
        MULTIPLE: QuestionKind.MULTIPLE,
        NUMBER: QuestionKind.NUMBER,
        SHORT_TEXT: QuestionKind.SHORT_TEXT,
        LONG_TEXT: QuestionKind.LONG_TEXT,
    }

    @classmethod
    def label(cls, kind: str) -> str:
        return str(dict(cls.CHOICES).get(kind, kind))


class ImportFileError(ValidationError):
    """The file cannot be imported; ``messages`` says why, with rows and columns."""


# --- Reading ------------------------------------------------------------------------------------


@dataclass
class Table:
    """A file's header and answer rows as text, every row as long as the header."""

    header: list[str]
    rows: list[list[str]]
    format: str = "csv"  # "csv" or "xlsx"
    #: Each row's number in the file as a spreadsheet shows it (the header's is 1 or more).
    numbers: list[int] = field(default_factory=list)
    encoding: str = ""
    delimiter: str = ""

    def column(self, index: int) -> list[str]:
        return [row[index] for row in self.rows]

    def describe(self) -> str:
        if self.format == "xlsx":
            return "XLSX"
        names = {",": _("commas"), ";": _("semicolons"), "\t": _("tabs")}
        return _("CSV in %(encoding)s, separated by %(delimiter)s") % {
            "encoding": self.encoding,
            "delimiter": names.get(self.delimiter, repr(self.delimiter)),
        }


def _clean(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime | datetime.date | datetime.time):
        return value.isoformat(sep=" ") if isinstance(value, datetime.datetime) else str(value)
    return str(value).replace("\r\n", "\n").replace("\xa0", " ").strip()


def read_table(data: bytes, filename: str = "", *, max_rows: int = MAX_ROWS) -> Table:
    """The header and rows of a CSV or XLSX file, or ``ImportFileError``."""
    if not data or not data.strip():
        raise ImportFileError(_("The file is empty."))
    if len(data) > MAX_BYTES:
        raise ImportFileError(
            _("The file is larger than %(mb)s MB. Split it or remove columns that are not needed.")
            % {"mb": MAX_BYTES // (1024 * 1024)}
        )
    if data[:4] == b"PK\x03\x04":
        table = _read_xlsx(data, max_rows=max_rows)
    elif filename.lower().endswith((".xlsx", ".xlsm")):
        raise ImportFileError(_("The file is not a valid XLSX workbook. Save it again in Excel."))
    elif filename.lower().endswith(".xls") or data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise ImportFileError(
            _("Old Excel files (.xls) cannot be read. Save the file as XLSX or as CSV UTF-8.")
        )
    else:
        table = _read_csv(data, max_rows=max_rows)
    return _tidy(table)


def _read_xlsx(data: bytes, *, max_rows: int) -> Table:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, TypeError):
        raise ImportFileError(
            _("The file is not a valid XLSX workbook. Save it again in Excel.")
        ) from None
    try:
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise ImportFileError(_("The workbook has no sheets."))
        rows = []
        for values in sheet.iter_rows(values_only=True):
            if len(rows) > max_rows + 1:
                raise _too_many_rows(max_rows)
            rows.append([_clean(v) for v in values])
    finally:
        workbook.close()
    if not rows:
        raise ImportFileError(_("The file is empty."))
    start = 0
    while start < len(rows) and not any(rows[start]):
        start += 1
    if start == len(rows):
        raise ImportFileError(_("The file is empty."))
    header, body = rows[start], rows[start + 1 :]
    return Table(
        header=header,
        rows=_ragged_ok(body, len(header)),
        format="xlsx",
        numbers=list(range(start + 2, start + 2 + len(body))),
    )


def _ragged_ok(rows: list[list[str]], width: int) -> list[list[str]]:
    # A spreadsheet's rows are as long as its widest: only the header's columns count.
    return [(row + [""] * (width - len(row)))[:width] for row in rows]


def _too_many_rows(max_rows: int) -> ImportFileError:
    return ImportFileError(
        ngettext(
            "The file has more than %(n)s answer row. Split it into several files.",
            "The file has more than %(n)s answer rows. Split it into several files.",
            max_rows,
        )
        % {"n": f"{max_rows:,}".replace(",", "\u00a0")}
    )


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="strict"), "UTF-8"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError:
            pass
    elif b"\x00" not in data:
        try:
            return data.decode("utf-8"), "UTF-8"
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                text = None
            if text is not None and not _controls(text):
                return text, "Windows-1252"
    raise ImportFileError(
        _(
            "The file is not text in a known encoding (UTF-8 or Windows-1252), or it is not a "
            "CSV file at all. Save it as “CSV UTF-8” or as an Excel workbook (XLSX)."
        )
    )


def _controls(text: str) -> bool:
    sample = text[:20000]
    bad = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\r\n")
    return bad > 0


def _read_csv(data: bytes, *, max_rows: int) -> Table:
    try:
        text, encoding = _decode(data)
    except UnicodeDecodeError:
        raise ImportFileError(_("The file is not valid UTF-8 text.")) from None
    if _controls(text):
        raise ImportFileError(
            _(
                "The file holds binary data, not text. Upload the CSV or XLSX file the survey "
                "tool exported."
            )
        )
    delimiter = _delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    rows = []
    try:
        for row in reader:
            if len(rows) > max_rows + 1:
                raise _too_many_rows(max_rows)
            rows.append([_clean(v) for v in row])
    except csv.Error as exc:
        raise ImportFileError(
            _("Row %(row)s cannot be read: %(error)s") % {"row": len(rows) + 1, "error": exc}
        ) from None
    start = 0
    while start < len(rows) and not any(rows[start]):
        start += 1
    if start == len(rows):
        raise ImportFileError(_("The file is empty."))
    header, body = rows[start], rows[start + 1 :]
    numbers = list(range(start + 2, start + 2 + len(body)))
    width = len(header)
    while width > 1 and not header[width - 1]:
        width -= 1  # a delimiter at the end of every line
    problems = []
    for number, row in zip(numbers, body, strict=True):
        if not any(row):
            continue
        extra = [v for v in row[width:] if v]
        if len(row) < width or extra:
            problems.append(
                ngettext(
                    "Row %(row)s has %(n)s field but the header has %(width)s.",
                    "Row %(row)s has %(n)s fields but the header has %(width)s.",
                    len(row),
                )
                % {"row": number, "n": len(row), "width": width}
            )
    if problems:
        raise ImportFileError(_limited(problems))
    return Table(
        header=header[:width],
        rows=[row[:width] for row in body],
        numbers=numbers,
        format="csv",
        encoding=encoding,
        delimiter=delimiter,
    )


def _delimiter(text: str) -> str:
    """The candidate that splits the first lines into the same, largest number of fields."""
    lines = text.splitlines()[:30]
    best, best_score = ",", (-1, -1)
    for candidate in (",", ";", "\t"):
        try:
            rows = list(csv.reader(io.StringIO("\n".join(lines)), delimiter=candidate))
        except csv.Error:
            continue
        rows = [r for r in rows if any(v.strip() for v in r)]
        if not rows:
            continue
        width = len(rows[0])
        if width < 2:
            continue
        consistent = sum(1 for r in rows if len(r) == width)
        score = (consistent, width)
        if score > best_score:
            best, best_score = candidate, score
    return best


def _tidy(table: Table) -> Table:
    """Checks of the header: names present, not all numbers, unique; blank rows dropped."""
    header = table.header
    if len(header) > MAX_COLUMNS:
        raise ImportFileError(
            ngettext(
                "The file has more than %(n)s column.",
                "The file has more than %(n)s columns.",
                MAX_COLUMNS,
            )
            % {"n": MAX_COLUMNS}
        )
    numbers = table.numbers or list(range(2, len(table.rows) + 2))
    kept = [(n, row) for n, row in zip(numbers, table.rows, strict=True) if any(row)]
    numbers = [n for n, _row in kept]
    rows = [row for _n, row in kept]
    # Columns with neither a name nor a value (an XLSX sheet's formatted but empty columns).
    keep = [i for i, name in enumerate(header) if name or any(row[i] for row in rows)]
    header = [header[i] for i in keep]
    rows = [[row[i] for i in keep] for row in rows]
    if not header:
        raise ImportFileError(_("The file is empty."))
    if all(_INTEGER.fullmatch(h) or _NUMBER.fullmatch(h) for h in header if h):
        raise ImportFileError(
            _(
                "The first row must name the columns (the questions), but it holds numbers. "
                "Export the file with its header row."
            )
        )
    problems = [
        _("Column %(n)s has no name in the first row.") % {"n": i + 1}
        for i, name in enumerate(header)
        if not name
    ]
    if problems:
        raise ImportFileError(_limited(problems))
    if not rows:
        raise ImportFileError(_("The file has a header row but no answers."))
    seen: Counter = Counter()
    unique = []
    for name in header:
        seen[name] += 1
        unique.append(name if seen[name] == 1 else f"{name} ({seen[name]})")
    return replace(table, header=unique, rows=rows, numbers=numbers)


def _limited(problems: Sequence[str]) -> list[str]:
    if len(problems) <= MAX_ERRORS:
        return list(problems)
    more = len(problems) - MAX_ERRORS
    message = ngettext("… and %(n)s more problem.", "… and %(n)s more problems.", more)
    return [*problems[:MAX_ERRORS], message % {"n": more}]


# --- Inferring ----------------------------------------------------------------------------------

_INTEGER = re.compile(r"[+-]?\d+(?:[.,]0+)?")
_NUMBER = re.compile(r"[+-]?(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+|\d+)(?:[.,]\d+)?")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", re.IGNORECASE)
_DATE_TIME = re.compile(
    r"(\d{4}-\d{1,2}-\d{1,2}|\d{1,2}[./]\d{1,2}[./]\d{2,4})([ T]\d{1,2}[:.]\d{2}([:.]\d{2})?.*)?"
)
_IPV4 = re.compile(r"\d{1,3}(?:\.\d{1,3}){3}")
_IPV6 = re.compile(r"[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}", re.IGNORECASE)

#: Header words of the columns Webropol and Microsoft Forms add about the respondent (fi, sv,
#: en; compared without case, spaces or punctuation). Such columns are never imported.
_IDENTIFYING_HEADERS = {
    # Microsoft Forms
    "id", "tunnus", "starttime", "completiontime", "lastmodifiedtime", "email", "name",
    "aloitusaika", "valmistumisaika", "viimeksimuokattu", "viimeksimuokattuaika",
    "sahkoposti", "nimi", "starttid", "sluttid", "tidforslutforande", "senastandrad",
    "epost", "namn",
    # Webropol and others
    "respondent", "respondentid", "responseid", "vastaaja", "vastaajanumero",
    "vastaajannumero", "vastaajantunnus",
    "vastaajatunnus", "vastaustunnus", "timestamp", "aikaleima", "tidsstampel",
    "submitted", "submittime", "submittedat", "lahetetty", "lahetysaika", "vastausaika",
    "vastattu", "aloitettu", "paivamaara", "pvm", "date", "datum", "time", "aika", "tid",
    "ipaddress", "ip", "iposoite", "ipadress", "useragent", "selain", "browser",
    "emailaddress", "sahkopostiosoite", "epostadress", "fullname", "firstname", "lastname",
    "etunimi", "sukunimi", "fornamn", "efternamn", "phone", "puhelin", "puhelinnumero",
    "telefon", "henkilotunnus", "username", "kayttajatunnus", "anvandarnamn",
}  # fmt: skip


def _key(text: str) -> str:
    """Lower case, accents off, only letters and digits: ``"Sähköposti:"`` → ``sahkoposti``."""
    text = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in text if c.isalnum() and not unicodedata.combining(c))


def _label_key(text: str) -> str:
    return " ".join(re.sub(r"[-‐–—_/]", " ", text.casefold()).split())


@dataclass
class Vocabulary:
    """What attribute values look like: organisation types' and regions' names (fi, sv, en)
    mapped to a type's code or a region's key."""

    organisation_types: dict[str, str] = field(default_factory=dict)
    regions: dict[str, int] = field(default_factory=dict)

    def organisation_type(self, value: str) -> str | None:
        return self.organisation_types.get(_label_key(value))

    def region(self, value: str) -> int | None:
        return self.regions.get(_label_key(value))


_TYPE_SYNONYMS = {
    OrganisationType.ELY_CENTRE: ("ELY-keskus", "NTM-central", "ELY", "NTM"),
    OrganisationType.TE_OFFICE: ("TE-toimisto", "TE-byrå", "TE-palvelut"),
    OrganisationType.KEHA_CENTRE: ("KEHA-keskus", "KEHA-centralen", "KEHA"),
    OrganisationType.MUNICIPALITY: ("Kunta", "Kommun"),
    OrganisationType.MINISTRY: ("Ministeriö", "Ministeriet"),
    OrganisationType.EMPLOYMENT_AREA: ("Työllisyysalue", "Sysselsättningsområde"),
    OrganisationType.MUNICIPAL_PILOT: ("Kuntakokeilu", "Työllisyyden kuntakokeilu"),
    OrganisationType.OTHER: ("Muu", "Annan", "Muu organisaatio", "Annan organisation"),
}


def load_vocabulary() -> Vocabulary:
    """The organisation types' labels in every language and the regions' names (one query)."""
    types: dict[str, str] = {}
    for code, label in OrganisationType.choices:
        types[_label_key(code)] = code
        for language in ("fi", "sv", "en"):
            with translation.override(language):
                types[_label_key(str(label))] = code
        for synonym in _TYPE_SYNONYMS.get(code, ()):
            types[_label_key(synonym)] = code
    regions: dict[str, int] = {}
    for pk, *names in Region.objects.values_list("pk", "name", "name_fi", "name_sv", "name_en"):
        for name in names:
            if name:
                regions[_label_key(name)] = pk
    return Vocabulary(organisation_types=types, regions=regions)


@dataclass
class Column:
    """What one column of the file becomes."""

    index: int
    header: str
    kind: str
    reason: str = ""
    #: Identifies the respondent: never imported, whatever anyone chooses.
    identifying: bool = False
    #: The choices of a choice column, in the order they are offered.
    choices: list[str] = field(default_factory=list)
    #: The question of the previous round with the same text (by key), if any.
    matched_question: int | None = None
    #: A scale column's answer labels ("Täysin samaa mieltä", "1 = …") and their points.
    scale: scale_labels.ScaleMatch | None = None
    #: In a matrix (``Plan.matrices``): the index of the matrix's first column, and this
    #: column's item (the header without the matrix's question).
    matrix_start: int | None = None
    item: str = ""

    @property
    def imported(self) -> bool:
        return self.kind != Kind.IGNORE and not self.identifying

    @property
    def kind_label(self) -> str:
        return Kind.label(self.kind)

    @property
    def scale_points(self) -> int | None:
        return {Kind.LIKERT5: 5, Kind.LIKERT7: 7}.get(self.kind)


@dataclass
class Matrix:
    """Consecutive scale columns that share a question ("Arvioi väittämiä: Saan tietoa",
    "Arvioi väittämiä: …"): one matrix question with an item a column."""

    text: str
    kind: str  # Kind.LIKERT5 or LIKERT7
    columns: list[int]  # indexes, in the file's order
    #: The matrix question of the previous round with the same text, if any.
    matched_question: int | None = None
    choice: str = Kind.MATRIX  # or Kind.SEPARATE / Kind.IGNORE, as a person chose

    @property
    def scale_points(self) -> int:
        return 7 if self.kind == Kind.LIKERT7 else 5


@dataclass
class Plan:
    table: Table
    columns: list[Column]
    #: The matrices found, by the index of their first column (also those a person split or
    #: left out, so the preview can offer them back).
    matrices: dict[int, Matrix] = field(default_factory=dict)

    def question_groups(self) -> list[list[Column]]:
        """The imported questions in the file's order: a matrix's columns together, every
        other column alone."""
        groups: list[list[Column]] = []
        for column in self.questions:
            start = column.matrix_start
            if start is not None and groups and groups[-1][0].matrix_start == start:
                groups[-1].append(column)
            else:
                groups.append([column])
        return groups

    @property
    def imported(self) -> list[Column]:
        return [c for c in self.columns if c.imported]

    @property
    def questions(self) -> list[Column]:
        return [c for c in self.imported if c.kind not in Kind.ATTRIBUTES]

    @property
    def attributes(self) -> list[Column]:
        return [c for c in self.imported if c.kind in Kind.ATTRIBUTES]

    @property
    def identifying(self) -> list[Column]:
        return [c for c in self.columns if c.identifying]

    @property
    def ignored(self) -> list[Column]:
        return [c for c in self.columns if not c.imported and not c.identifying]

    def report(self) -> list[str]:
        """What was inferred, one line a column, a matrix on one line with a line per item
        (the command prints it)."""
        lines = []
        for column in self.columns:
            if column.matrix_start is not None and column.imported:
                if column.matrix_start == column.index:
                    lines.extend(self._matrix_report(self.matrices[column.index]))
                continue
            if column.identifying:
                what = _("never imported: %(reason)s") % {"reason": column.reason}
            elif column.kind == Kind.IGNORE:
                what = _("ignored: %(reason)s") % {"reason": column.reason}
            else:
                what = column.kind_label
                labels = _scale_labels(column)
                if column.choices or labels:
                    shown = column.choices or labels
                    what += " [" + "; ".join(shown[:8])
                    what += ", …]" if len(shown) > 8 else "]"
                if column.reason:
                    what += f" ({column.reason})"
            lines.append(f"{column.index + 1}. {column.header} → {what}")
        return lines

    def _matrix_report(self, matrix: Matrix) -> list[str]:
        columns = [self.columns[i] for i in matrix.columns]
        what = matrix_label(matrix)
        labels = _scale_labels(columns[0])
        if labels:
            what += " [" + "; ".join(labels) + "]"
        if matrix.matched_question:
            what += " (" + _("as in the previous round") + ")"
        lines = [f"{columns[0].index + 1}–{columns[-1].index + 1}. {matrix.text} → {what}"]
        lines.extend(f"    {c.index + 1}. {c.item}" for c in columns)
        return lines


def matrix_label(matrix: Matrix) -> str:
    """ "Matrix of 3 items on a scale of 5 points"."""
    return ngettext(
        "Matrix of %(n)s item on a scale of %(points)s points",
        "Matrix of %(n)s items on a scale of %(points)s points",
        len(matrix.columns),
    ) % {"n": len(matrix.columns), "points": matrix.scale_points}


def _scale_labels(column: Column) -> list[str]:
    """A scale column's labels as the file writes them: ``["1 Täysin eri mieltä", …]``."""
    if column.scale is None or column.kind not in Kind.LIKERT:
        return []
    return [f"{point} {label}" for point, label in sorted(column.scale.labels.items())]


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def _integer(value: str) -> int | None:
    if not _INTEGER.fullmatch(value):
        return None
    return int(value.replace(",", ".").split(".")[0])


def _decimal(value: str) -> Decimal | None:
    if not _NUMBER.fullmatch(value):
        return None
    try:
        return Decimal(re.sub(r"[ \u00a0\u202f]", "", value).replace(",", "."))
    except InvalidOperation:
        return None


def _identifying(header: str, values: list[str]) -> str | None:
    """Why the column identifies the respondent, or None."""
    key = _key(header)
    if key in _IDENTIFYING_HEADERS:
        return _("details of the respondent (by the column's name)")
    if not values:
        return None
    if all(_EMAIL.fullmatch(v) for v in values):
        return _("email addresses")
    if all(_DATE_TIME.fullmatch(v) for v in values):
        return _("times of answering")
    if all(_IPV4.fullmatch(v) or _IPV6.fullmatch(v) for v in values):
        return _("IP addresses")
    numbers = [_integer(v) for v in values]
    if (
        len(values) >= 10
        and all(n is not None for n in numbers)
        and len(set(numbers)) == len(numbers)
        and max(numbers) - min(numbers) + 1 <= 2 * len(numbers)
        and max(numbers) > 7
    ):
        return _("a running number of respondents")
    return None


def infer_column(index: int, header: str, values: list[str], vocabulary: Vocabulary) -> Column:
    """What the values of one column look like (``values`` as in the file)."""
    filled = [v for v in values if v]
    column = Column(index=index, header=header, kind=Kind.IGNORE)
    reason = _identifying(header, filled)
    if reason:
        column.identifying = True
        column.reason = reason
        return column
    if not filled:
        column.reason = _("no answers")
        return column
    distinct = list(dict.fromkeys(filled))
    if all(vocabulary.organisation_type(v) for v in distinct):
        column.kind, column.reason = Kind.ORGANISATION_TYPE, _("values are organisation types")
        return column
    if all(vocabulary.region(v) for v in distinct):
        column.kind, column.reason = Kind.REGION, _("values are regions")
        return column
    integers = [_integer(v) for v in filled]
    if all(n is not None for n in integers):
        within5 = sum(1 for n in integers if 1 <= n <= 5)
        within7 = sum(1 for n in integers if 1 <= n <= 7)
        # Nine in ten on the scale: the rest (a "9 = cannot say") are errors to fix.
        if within5 >= 0.9 * len(integers):
            column.kind, column.reason = Kind.LIKERT5, _("whole numbers 1–5")
            return column
        if within7 >= 0.9 * len(integers):
            column.kind, column.reason = Kind.LIKERT7, _("whole numbers 1–7")
            return column
    scale = scale_labels.match(distinct)
    if scale is not None:
        column.kind = Kind.LIKERT7 if scale.points == 7 else Kind.LIKERT5
        column.scale = scale
        column.reason = (
            _("labels of an agreement scale") if scale.language else _("numbered labels")
        )
        return column
    if all(_decimal(v) is not None for v in filled):
        column.kind, column.reason = Kind.NUMBER, _("numbers")
        return column
    longest = max(len(v) for v in filled)
    if any(";" in v for v in filled) and longest <= 2000:
        parts = list(dict.fromkeys(p for v in filled for p in _split(v)))
        if len(parts) <= MAX_CHOICES and all(len(p) <= MAX_CHOICE_LENGTH for p in parts):
            column.kind, column.reason = Kind.MULTIPLE, _("lists separated by “;”")
            column.choices = parts
            return column
    repeated = len(filled) >= 2 * len(distinct) or (
        len(distinct) <= 3 and len(filled) > len(distinct)
    )
    if (
        len(distinct) <= MAX_SINGLE_CHOICES
        and repeated
        and longest <= MAX_CHOICE_LENGTH
        and "\n" not in "".join(distinct)
    ):
        column.kind = Kind.SINGLE
        column.reason = ngettext(
            "%(n)s different answer", "%(n)s different answers", len(distinct)
        ) % {"n": len(distinct)}
        column.choices = distinct
        return column
    if longest > SHORT_TEXT_GUESS or any("\n" in v for v in filled):
        column.kind, column.reason = Kind.LONG_TEXT, _("free text")
    else:
        column.kind, column.reason = Kind.SHORT_TEXT, _("short free text")
    return column


def _choices_for(kind: str, values: Iterable[str]) -> list[str]:
    filled = [v for v in values if v]
    if kind == Kind.MULTIPLE:
        return list(dict.fromkeys(p for v in filled for p in _split(v)))
    if kind == Kind.SINGLE:
        return list(dict.fromkeys(filled))
    return []


def _previous_questions(survey: Survey | None) -> dict[str, Question]:
    if survey is None:
        return {}
    questions = Question.objects.filter(survey=survey).exclude(kind=QuestionKind.MATRIX)
    return {_key(q.text_fi or q.text or ""): q for q in questions.prefetch_related("choices")}


def _previous_matrices(survey: Survey | None) -> dict[str, Question]:
    if survey is None:
        return {}
    questions = Question.objects.filter(survey=survey, kind=QuestionKind.MATRIX)
    return {_key(q.text_fi or q.text or ""): q for q in questions.prefetch_related("items")}


def _kind_of(question: Question) -> str:
    if question.kind == QuestionKind.LIKERT:
        return Kind.LIKERT7 if question.scale_points == 7 else Kind.LIKERT5
    return {question_kind: kind for kind, question_kind in Kind.QUESTION_KINDS.items()}[
        question.kind
    ]


def infer_plan(
    table: Table,
    *,
    vocabulary: Vocabulary,
    previous: Survey | None = None,
    overrides: Mapping[int, str] | None = None,
    matrices: Mapping[int, str] | None = None,
) -> Plan:
    """What every column becomes. A column whose header is the text of a question of
    ``previous`` takes that question's kind (so the rounds compare); ``overrides`` (column
    index → ``Kind``) are what a person chose, ignored for identifying columns. Consecutive
    scale columns that share a question become a matrix (``find_matrices``); ``matrices``
    (its first column's index → ``Kind.MATRIX``, ``SEPARATE`` or ``IGNORE``) is what a
    person chose for it."""
    matches = _previous_questions(previous)
    columns = []
    for index, header in enumerate(table.header):
        values = table.column(index)
        column = infer_column(index, header, values, vocabulary)
        question = matches.get(_key(header))
        if question is not None and not column.identifying:
            column.kind = _kind_of(question)
            column.matched_question = question.pk
            column.reason = _("as in round %(n)s") % {"n": previous.round_number}
            column.choices = [c.text_fi or c.text for c in question.choices.all()]
            extra = [c for c in _choices_for(column.kind, values) if c not in column.choices]
            column.choices += extra
        wanted = (overrides or {}).get(index)
        if wanted and not column.identifying and wanted != column.kind:
            column.kind = wanted
            column.reason = _("chosen")
            column.matched_question = None
            column.choices = _choices_for(wanted, values)
        _fit_scale(column, values)
        columns.append(column)
    plan = Plan(table=table, columns=columns)
    find_matrices(plan, previous=_previous_matrices(previous), choices=matrices or {})
    return plan


def _fit_scale(column: Column, values: Iterable[str]) -> None:
    """A scale column's labels on its number of points (a person may have chosen 7 for a
    column of 5-point labels); none where they do not fit (the cells are then errors)."""
    if column.kind not in Kind.LIKERT:
        column.scale = None
        return
    points = column.scale_points
    if column.scale is None or column.scale.points != points:
        column.scale = scale_labels.match(values, points=points)


#: How a matrix's question and item are joined in a header: Webropol "Question: Item" or
#: "Question - Item", Google and others "Question [Item]", Microsoft Forms "Question.Item".
_MATRIX_SEPARATORS = (": ", " - ", " – ", " — ")


def _splits(header: str) -> list[tuple[str, str, str]]:
    """Every way ``header`` reads as (separator, question, item)."""
    found = []
    if header.endswith("]") and "[" in header:
        at = header.rindex("[")
        question, item = header[:at].strip(), header[at + 1 : -1].strip()
        if question and item:
            found.append(("[]", question, item))
    for separator in _MATRIX_SEPARATORS:
        start = 0
        while (at := header.find(separator, start)) >= 0:
            question, item = header[:at].strip(), header[at + len(separator) :].strip()
            if question and item:
                found.append((separator.strip(), question, item))
            start = at + 1
    for match in re.finditer(r"(?<=\S)\.(?=[^\s.\d])", header):
        question, item = header[: match.start()].strip(), header[match.end() :].strip()
        if question and item:
            found.append((".", question, item))
    return found


def find_matrices(
    plan: Plan, *, previous: Mapping[str, Question] | None = None, choices: Mapping[int, str]
) -> None:
    """Group consecutive scale columns whose headers share a question before a separator
    (``_MATRIX_SEPARATORS``, ``[item]``, ``.``) into ``plan.matrices``: the question the
    longest run of columns shares, the most specific of equals. Columns matched to a
    question of the previous round stay as they were. A matrix's columns take the larger
    scale of theirs (their labels must fit it); a person may split a matrix or leave it out
    (``choices``)."""
    previous = previous or {}
    columns = plan.columns

    def candidate(column: Column) -> bool:
        return column.imported and column.kind in Kind.LIKERT and not column.matched_question

    index = 0
    while index < len(columns):
        if not candidate(columns[index]):
            index += 1
            continue
        best: tuple[int, int, str, str] | None = None
        for separator, question, _item in _splits(columns[index].header):
            end = index + 1
            while end < len(columns) and candidate(columns[end]):
                if not any(
                    s == separator and _key(q) == _key(question)
                    for s, q, _i in _splits(columns[end].header)
                ):
                    break
                end += 1
            if end - index >= 2:
                score = (end - index, len(question), separator, question)
                if best is None or score[:2] > best[:2]:
                    best = score
        if best is None:
            index += 1
            continue
        length, _length, separator, question = best
        group = columns[index : index + length]
        if _make_matrix(plan, group, separator, question, previous, choices):
            index += length
        else:
            index += 1


def _make_matrix(plan, group, separator, question, previous, choices) -> bool:
    kind = Kind.LIKERT7 if any(c.kind == Kind.LIKERT7 for c in group) else Kind.LIKERT5
    points = 7 if kind == Kind.LIKERT7 else 5
    scales = {}
    for column in group:
        scale = column.scale
        if scale is not None and scale.points != points:
            scale = scale_labels.match(plan.table.column(column.index), points=points)
            if scale is None:
                return False  # labels of 5 points beside labels of 7 that do not fit them
        scales[column.index] = scale
    source = previous.get(_key(question))
    matrix = Matrix(
        text=question,
        kind=kind,
        columns=[c.index for c in group],
        matched_question=source.pk
        if source is not None and source.scale_points == points
        else None,
        choice=choices.get(group[0].index, Kind.MATRIX),
    )
    plan.matrices[group[0].index] = matrix
    if matrix.choice == Kind.SEPARATE:
        return True
    for column in group:
        if matrix.choice == Kind.IGNORE:
            column.kind, column.reason = Kind.IGNORE, _("chosen")
            continue
        column.kind = kind
        column.scale = scales[column.index]
        column.matrix_start = group[0].index
        column.item = next(
            i for s, q, i in _splits(column.header) if s == separator and _key(q) == _key(question)
        )
    return True


# --- Checking and importing ---------------------------------------------------------------------


@dataclass
class Cell:
    value: int | None = None
    number: Decimal | None = None
    text: str = ""
    choices: tuple[int, ...] = ()  # indexes into the column's choices


_QUANTUM = Decimal("0.01")
_NUMBER_LIMIT = Decimal(10) ** (NUMBER_MAX_DIGITS - 2)


def _convert(column: Column, raw: str, vocabulary: Vocabulary):
    """The cell's value for the column's kind, or raise ValueError with the message."""
    kind = column.kind
    if kind in (Kind.LIKERT5, Kind.LIKERT7):
        points = column.scale_points
        number = _integer(raw)
        if number is None and column.scale is not None:
            number = column.scale.values.get(scale_labels.key(raw))
        if number is None or not 1 <= number <= points:
            raise ValueError(
                _("“%(value)s” is not on the scale 1–%(points)s") % {"value": raw, "points": points}
            )
        return Cell(value=number)
    if kind == Kind.NUMBER:
        number = _decimal(raw)
        if number is None:
            raise ValueError(_("“%(value)s” is not a number") % {"value": raw[:40]})
        number = number.quantize(_QUANTUM, rounding=ROUND_HALF_EVEN)
        if abs(number) >= _NUMBER_LIMIT:
            raise ValueError(_("%(value)s is too large") % {"value": raw[:40]})
        return Cell(number=number)
    if kind in (Kind.SHORT_TEXT, Kind.LONG_TEXT):
        limit = SHORT_TEXT_MAX_LENGTH if kind == Kind.SHORT_TEXT else LONG_TEXT_MAX_LENGTH
        if len(raw) > limit:
            message = ngettext(
                "the answer is longer than %(n)s character",
                "the answer is longer than %(n)s characters",
                limit,
            ) % {"n": limit}
            if kind == Kind.SHORT_TEXT:
                message += " " + _("(choose “Long text”)")
            raise ValueError(message)
        return Cell(text=raw)
    if kind == Kind.SINGLE:
        try:
            return Cell(choices=(column.choices.index(raw),))
        except ValueError:
            raise ValueError(_("“%(value)s” is not one of the choices") % {"value": raw}) from None
    if kind == Kind.MULTIPLE:
        try:
            return Cell(choices=tuple(dict.fromkeys(column.choices.index(p) for p in _split(raw))))
        except ValueError:
            raise ValueError(_("“%(value)s” holds an unknown choice") % {"value": raw}) from None
    if kind == Kind.ORGANISATION_TYPE:
        code = vocabulary.organisation_type(raw)
        if code is None:
            raise ValueError(_("“%(value)s” is not an organisation type") % {"value": raw})
        return code
    if kind == Kind.REGION:
        pk = vocabulary.region(raw)
        if pk is None:
            raise ValueError(_("“%(value)s” is not a region") % {"value": raw})
        return pk
    raise ValueError(kind)


def check_plan(plan: Plan) -> list[str]:
    """Problems of the plan as a whole (not of single cells)."""
    problems = []
    for attribute in Kind.ATTRIBUTES:
        chosen = [c for c in plan.attributes if c.kind == attribute]
        if len(chosen) > 1:
            problems.append(
                _("Only one column can be “%(kind)s”: %(columns)s.")
                % {
                    "kind": Kind.label(attribute),
                    "columns": ", ".join(f"“{c.header}”" for c in chosen),
                }
            )
    if not plan.questions:
        problems.append(_("No column is imported as a question."))
    for column in plan.questions:
        if column.kind in (Kind.SINGLE, Kind.MULTIPLE) and len(column.choices) > MAX_CHOICES:
            problems.append(
                ngettext(
                    "Column “%(column)s” has %(n)s different answer: at most %(max)s can be "
                    "choices.",
                    "Column “%(column)s” has %(n)s different answers: at most %(max)s can be "
                    "choices.",
                    len(column.choices),
                )
                % {"column": column.header, "n": len(column.choices), "max": MAX_CHOICES}
            )
        if column.kind in (Kind.SINGLE, Kind.MULTIPLE) and any(
            len(c) > 300 for c in column.choices
        ):
            problems.append(
                _("Column “%(column)s” has answers too long to be choices.")
                % {"column": column.header}
            )
    return problems


def convert_rows(plan: Plan, vocabulary: Vocabulary) -> list[dict]:
    """Every row's converted cells ``{column index: Cell | attribute}``, or ``ImportFileError``
    listing every cell that does not fit its column."""
    problems = check_plan(plan)
    if problems:
        raise ImportFileError(problems)
    columns = plan.imported
    converted = []
    errors = []
    for number, row in zip(plan.table.numbers, plan.table.rows, strict=True):
        cells = {}
        for column in columns:
            raw = row[column.index]
            if not raw:
                continue
            try:
                cells[column.index] = _convert(column, raw, vocabulary)
            except ValueError as exc:
                errors.append(
                    _("Row %(row)s, column “%(column)s”: %(problem)s.")
                    % {"row": number, "column": column.header, "problem": exc}
                )
        converted.append(cells)
    if errors:
        raise ImportFileError(_limited(errors))
    return converted


@dataclass(frozen=True)
class ImportResult:
    survey: Survey
    responses: int
    answers: int


RESPONSE_COLUMNS = (
    "id", "survey", "round_number", "period_end", "organisation_type", "region", "organisation"
)  # fmt: skip
ANSWER_COLUMNS = ("id", "response", "question", "item", "value", "number", "text", "other_text")
ANSWER_CHOICE_COLUMNS = ("id", "answer", "choice")


def _insert(model, names: Sequence[str], rows: Sequence[tuple]) -> None:
    """INSERT ``rows`` (values in the order of ``names``) with ``executemany``.

    ``bulk_create`` spends most of an import's time building model instances and SQL (about
    10 s for 10,000 rows of eight answers); every value here has already been checked by
    ``convert_rows``, so the rows go to the database as they are, converted only where the
    database needs it (UUIDs, decimals, dates)."""
    if not rows:
        return
    quote = connection.ops.quote_name
    fields = [model._meta.get_field(name) for name in names]
    converters = []
    for field_ in fields:
        target = field_.target_field if field_.is_relation else field_
        if isinstance(target, models.UUIDField | models.DecimalField | models.DateField):
            converters.append(field_.get_db_prep_save)
        else:
            converters.append(None)
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(model._meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH_SIZE):
            batch = [
                tuple(
                    value if convert is None or value is None else convert(value, connection)
                    for convert, value in zip(converters, row, strict=True)
                )
                for row in rows[start : start + BATCH_SIZE]
            ]
            cursor.executemany(sql, batch)


def _question_texts(text: str) -> str:
    text = " ".join(text.split())
    return text[: QUESTION_TEXT_MAX - 1] + "…" if len(text) > QUESTION_TEXT_MAX else text


def _set_scale_labels(question: Question, scales: Sequence[scale_labels.ScaleMatch | None]) -> None:
    """The lowest and highest labels of a scale question (or matrix) from the labels its
    columns were written with, in Finnish, Swedish and English (docs/surveys.md)."""
    known = [s for s in scales if s is not None]
    if not known or question.scale_points is None:
        return
    merged = scale_labels.ScaleMatch(points=question.scale_points, language=known[0].language)
    for scale in known:
        for point, label in scale.labels.items():
            merged.labels.setdefault(point, label)
    for code in ("fi", "sv", "en"):
        low, high = merged.label(1, code), merged.label(merged.points, code)
        if low:
            setattr(question, f"scale_low_label_{code}", low[:100])
        if high:
            setattr(question, f"scale_high_label_{code}", high[:100])


def _matrix_items(question: Question, group: list[Column], source: Question | None) -> list:
    """A matrix item a column; an item with the text of one of the previous round's
    matrix keeps its Swedish and English texts."""
    old = {_key(i.text_fi or i.text): i for i in source.items.all()} if source else {}
    made = []
    for position, column in enumerate(group):
        item = MatrixItem(question=question, text_fi=column.item[:500], order=position)
        if _key(column.item) in old:
            item.text_sv, item.text_en = (
                old[_key(column.item)].text_sv,
                old[_key(column.item)].text_en,
            )
        made.append(item)
    return MatrixItem.objects.bulk_create(made)


def import_round(
    plan: Plan,
    *,
    title: str,
    survey: Survey | None = None,
    results_visibility: str = ResultsVisibility.STAFF,
    closed_on: datetime.date | None = None,
    vocabulary: Vocabulary | None = None,
    actor=None,
) -> ImportResult:
    """Create a closed, published, anonymous survey (the next round of ``survey`` when given)
    with the plan's questions and a response per row, all or nothing.

    The period is unknown: it is recorded as ending on ``closed_on`` (today when not given)
    and opening a day before; responses carry that date as ``period_end``. Rows are stored in
    a random order, so not even the database's row order follows the file's (which is often
    the order of answering)."""
    vocabulary = vocabulary or load_vocabulary()
    if results_visibility not in ResultsVisibility.values:
        raise ImportFileError(_("Unknown results visibility: %(v)s") % {"v": results_visibility})
    today = timezone.localdate()
    closed_on = closed_on or today
    if closed_on > today:
        raise ImportFileError(_("An earlier round must have closed by today."))
    rows = convert_rows(plan, vocabulary)
    zone = timezone.get_current_timezone()
    closes_at = datetime.datetime.combine(closed_on, datetime.time(0, 0), tzinfo=zone)
    with transaction.atomic():
        new = Survey(
            title_fi=title,
            published_at=closes_at,
            opens_at=closes_at - datetime.timedelta(days=1),
            closes_at=closes_at,
            anonymous=True,
            results_visibility=results_visibility,
            audience=AudienceKind.EVERYONE,
            visibility=Visibility.STAFF,
            previous_round=survey,
            round_number=survey.round_number + 1 if survey else 1,
            questions_locked_at=timezone.now(),
            invitations_sent_at=closes_at,
            reminders_sent_at=closes_at,
        )
        try:
            new.full_clean()
        except ValidationError as exc:
            raise ImportFileError(exc.messages) from None
        new.save()
        section = Section(
            survey=new,
            title_fi="Tuodut vastaukset",
            title_sv="Importerade svar",
            title_en="Imported answers",
            order=0,
        )
        section.save()
        previous = (
            {
                q.pk: q
                for q in Question.objects.filter(survey=survey).prefetch_related("choices", "items")
            }
            if survey
            else {}
        )
        questions: dict[int, Question] = {}  # by column: a matrix's columns share one
        items: dict[int, MatrixItem] = {}
        choices: dict[int, list[Choice]] = {}
        for order, group in enumerate(plan.question_groups()):
            first = group[0]
            matrix = plan.matrices.get(first.matrix_start)
            if matrix is not None:
                source = previous.get(matrix.matched_question)
                kind, text = QuestionKind.MATRIX, matrix.text
            else:
                source = previous.get(first.matched_question)
                kind, text = Kind.QUESTION_KINDS[first.kind], first.header
            question = Question(
                survey=new,
                section=section,
                kind=kind,
                text_fi=_question_texts(text),
                order=order,
                scale_points=first.scale_points,
            )
            _set_scale_labels(question, [c.scale for c in group])
            if source is not None:
                for name in ("text", "help_text", "scale_low_label", "scale_high_label"):
                    for code in ("fi", "sv", "en"):
                        value = getattr(source, f"{name}_{code}")
                        if value:
                            setattr(question, f"{name}_{code}", value)
            try:
                question.full_clean()
            except ValidationError as exc:
                raise ImportFileError([f"“{text}”: {m}" for m in exc.messages]) from None
            question.save()
            for column in group:
                questions[column.index] = question
            if matrix is not None:
                made_items = _matrix_items(question, group, source)
                items.update(zip((c.index for c in group), made_items, strict=True))
                continue
            old = {c.text_fi or c.text: c for c in source.choices.all()} if source else {}
            made = []
            for position, choice_text in enumerate(first.choices):
                choice = Choice(question=question, text_fi=choice_text[:300], order=position)
                if choice_text in old:
                    choice.text_sv, choice.text_en = (
                        old[choice_text].text_sv,
                        old[choice_text].text_en,
                    )
                made.append(choice)
            choices[first.index] = Choice.objects.bulk_create(made)
        order = list(range(len(rows)))
        secrets.SystemRandom().shuffle(order)
        responses, answers, picked = [], [], []
        type_column = next((c for c in plan.attributes if c.kind == Kind.ORGANISATION_TYPE), None)
        region_column = next((c for c in plan.attributes if c.kind == Kind.REGION), None)
        for position in order:
            cells = rows[position]
            response_id = uuid.uuid4()
            responses.append(
                (
                    response_id,
                    new.pk,
                    new.round_number,
                    closed_on,
                    cells.get(type_column.index, "") if type_column else "",
                    cells.get(region_column.index) if region_column else None,
                    None,
                )
            )
            for index, question in questions.items():
                cell = cells.get(index)
                if cell is None:
                    continue
                answer_id = uuid.uuid4()
                item = items.get(index)
                answers.append(
                    (answer_id, response_id, question.pk, item.pk if item else None)
                    + (cell.value, cell.number, cell.text, "")
                )
                for choice_index in cell.choices:
                    picked.append((uuid.uuid4(), answer_id, choices[index][choice_index].pk))
        _insert(Response, RESPONSE_COLUMNS, responses)
        _insert(Answer, ANSWER_COLUMNS, answers)
        _insert(AnswerChoice, ANSWER_CHOICE_COLUMNS, picked)
        audit_log(
            action=IMPORT_ACTION,
            actor=actor,
            target=new,
            data={
                "responses": len(responses),
                "questions": len({q.pk for q in questions.values()}),
                "previous_round": survey.pk if survey else None,
            },
        )
    return ImportResult(survey=new, responses=len(responses), answers=len(answers))
