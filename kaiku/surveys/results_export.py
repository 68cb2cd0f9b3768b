"""The aggregated results of a survey as tables to download, CSV and XLSX (docs/surveys.md,
"Exports").

Exactly the figures the results page shows, from the same computation
(``results.results_for``, so through the same disclosure control): per question its
distribution (counts and shares), for scales the mean with its 95 % interval and the net share,
for numbers their statistics, per group of every breakdown (organisation type, region,
organisation), and the trend against the previous round. A hidden figure is an empty cell with
a note, never a number; open-text answers and "Other" texts are not in these tables (they are
on the page and in the API under the open-text rule).

One long, tidy table (a row per question, item, breakdown, group, measure and option), so that
analysts can filter and pivot it: the CSV, and the XLSX's "Results" sheet. The XLSX also has a
"Summary" sheet laid out like the page's tables, for reading. Text cells that a spreadsheet
would take for a formula are escaped like the answer-data export's.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import results
from .exports import _safe
from .models import QuestionKind, Survey
from .results_views import _labels, _point_labels, pick, present

#: Decimals kept in the tables: shares are fractions (0.4231), means and intervals on the
#: scale of the answers.
SHARE_DIGITS = 4
MEAN_DIGITS = 3


def header() -> list[str]:
    return [
        _("No."), _("Question"), _("Item"), _("Breakdown"), _("Group"), _("Measure"),
        _("Option"), _("Value"), _("Note"),
    ]  # fmt: skip


def _hidden_note() -> str:
    return ngettext(
        "hidden: fewer than %(n)s respondent, or it would let a smaller group be worked out",
        "hidden: fewer than %(n)s respondents, or it would let a smaller group be worked out",
        results.MIN_GROUP,
    ) % {"n": results.MIN_GROUP}


def _extremes_note() -> str:
    return ngettext(
        "shown only for groups of at least %(n)s answer",
        "shown only for groups of at least %(n)s answers",
        results.MIN_TEXT_GROUP,
    ) % {"n": results.MIN_TEXT_GROUP}


# The "%" of "95% interval" is a percent sign, never a placeholder: these labels are never
# %-formatted. xgettext would flag them python-format ("% i" reads as a conversion) and
# msgfmt would then refuse a translation written with the language's own typography
# (Finnish and Swedish "95 %"), so each is marked no-python-format where it is written, once.


def _interval_measures() -> tuple[str, str]:
    """The measures of a 95 % confidence interval's lower and upper bound."""
    # Translators: "%" is a percent sign, not a placeholder; write it as your language does
    # (Finnish "95 %").
    # xgettext: no-python-format
    lower = _("95% interval, lower")
    # xgettext: no-python-format
    upper = _("95% interval, upper")
    return lower, upper


def _change_interval_measures() -> tuple[str, str]:
    """The measures of the 95 % interval of the change of a mean since the previous round."""
    # Translators: "%" is a percent sign, not a placeholder; write it as your language does
    # (Finnish "95 %").
    # xgettext: no-python-format
    lower = _("Change of the mean, 95% interval, lower")
    # xgettext: no-python-format
    upper = _("Change of the mean, 95% interval, upper")
    return lower, upper


def _protection_note() -> str:
    return ngettext(
        "To protect the respondents, no group of fewer than %(n)s respondent is shown, also "
        "not where it could be worked out from other figures. Hidden figures are shown as "
        "“–”. The “Results” sheet has every breakdown and measure.",
        "To protect the respondents, no group of fewer than %(n)s respondents is shown, also "
        "not where it could be worked out from other figures. Hidden figures are shown as "
        "“–”. The “Results” sheet has every breakdown and measure.",
        results.MIN_GROUP,
    ) % {"n": results.MIN_GROUP}


def _round(value, digits: int):
    return None if value is None else round(float(value), digits)


def group_order(data: dict, labels: dict[str, str]) -> list[tuple[str, str]]:
    """``[(breakdown label, group key)]``: the whole survey first, then each breakdown's
    groups in the order of their labels, like the page."""
    names = {
        "type": _("Organisation type"),
        "region": _("Region"),
        "organisation": _("Organisation"),
    }
    out = [("", results.ROOT)]
    for dimension in results.DIMENSIONS:
        keys = [row["key"] for row in data["groups"] if row["dimension"] == dimension]
        keys.sort(key=lambda key: labels.get(key, key).casefold())
        out += [(names[dimension], key) for key in keys]
    return out


def _scale_rows(result: dict, options: list[str]) -> Iterator[tuple[str, str, object]]:
    yield _("Answers"), "", result["n"]
    for point, label in zip(result["points"], options, strict=False):
        yield _("Count"), label, point["count"]
        yield _("Share"), label, _round(point["share"], SHARE_DIGITS) if result["n"] else None
    yield _("Mean"), "", _round(result["mean"], MEAN_DIGITS)
    lower, upper = _interval_measures()
    yield lower, "", _round(result["ci_low"], MEAN_DIGITS)
    yield upper, "", _round(result["ci_high"], MEAN_DIGITS)
    yield _("Net share"), "", _round(result["net_share"], SHARE_DIGITS)


def _choice_rows(result: dict, options: dict) -> Iterator[tuple[str, str, object]]:
    yield _("Answers"), "", result["n"]
    for option in result["options"]:
        label = options.get(option["value"], "")
        yield _("Count"), label, option["count"]
        yield _("Share"), label, _round(option["share"], SHARE_DIGITS) if result["n"] else None


def _number_rows(result: dict) -> Iterator[tuple[str, str, object]]:
    yield _("Answers"), "", result["n"]
    yield _("Mean"), "", _round(result["mean"], MEAN_DIGITS)
    lower, upper = _interval_measures()
    yield lower, "", _round(result["ci_low"], MEAN_DIGITS)
    yield upper, "", _round(result["ci_high"], MEAN_DIGITS)
    yield _("Median"), "", _round(result["median"], MEAN_DIGITS)
    yield _("Lower quartile"), "", _round(result["q1"], MEAN_DIGITS)
    yield _("Upper quartile"), "", _round(result["q3"], MEAN_DIGITS)
    yield _("Smallest"), "", _round(result["minimum"], MEAN_DIGITS)
    yield _("Largest"), "", _round(result["maximum"], MEAN_DIGITS)


def _trend_rows(trend: dict | None, options: dict) -> Iterator[tuple[str, str, object]]:
    if not trend:
        return
    n = trend["previous_round"]
    yield _("Answers in round %(n)s") % {"n": n}, "", trend["previous_n"]
    mean = trend.get("mean")
    if mean:
        yield _("Mean in round %(n)s") % {"n": n}, "", _round(trend["previous_mean"], MEAN_DIGITS)
        yield _("Change of the mean"), "", _round(mean.get("difference"), MEAN_DIGITS)
        lower, upper = _change_interval_measures()
        yield lower, "", _round(mean.get("ci_low"), MEAN_DIGITS)
        yield upper, "", _round(mean.get("ci_high"), MEAN_DIGITS)
    shares = trend.get("shares")
    if shares:
        for change in shares["changes"]:
            label = options.get(change["value"], str(change["value"]))
            yield _("Change of the share (percentage points)"), label, _round(change["points"], 2)
        if shares.get("net_share_points") is not None:
            yield (
                _("Change of the net share (percentage points)"),
                "",
                _round(shares["net_share_points"], 2),
            )


def _plain_questions(survey: Survey):
    """``[(number, question)]`` in the survey's order (the page's), without open texts."""
    from . import selectors

    number, out = 0, []
    for section in selectors.structure(survey):
        for question in section.questions.all():
            number += 1
            out.append((number, question))
    return out


def results_table(survey: Survey, data: dict | None = None) -> tuple[list[str], list[list]]:
    """The header and the rows of the tidy table (see the module docstring)."""
    data = data if data is not None else results.results_for(survey)
    labels = _labels(data)
    groups = group_order(data, labels)
    rows: list[list] = []
    hidden, extremes = _hidden_note(), _extremes_note()
    all_label = labels[results.ROOT]

    # The overview: respondents and the response rate of every group, the audience.
    overview = _("Respondents")
    by_key = {row["key"]: row for row in data["groups"]}
    rows.append(["", overview, "", "", all_label, _("Audience"), "", data["audience"], ""])
    for breakdown, key in groups:
        row = by_key.get(key)
        if row is None:
            continue
        label = labels.get(key, key)
        if row["respondents"] is None:
            rows.append(["", overview, "", breakdown, label, _("Respondents"), "", None, hidden])
            continue
        rows.append(
            ["", overview, "", breakdown, label, _("Respondents"), "", row["respondents"], ""]
        )
        rate = _round(row["response_rate"], SHARE_DIGITS)
        rows.append(["", overview, "", breakdown, label, _("Response rate"), "", rate, ""])

    for number, question in _plain_questions(survey):
        entry = data["questions"].get(str(question.pk))
        if entry is None or question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            continue
        title = pick(question, "text")
        parts = []  # (item label, results by group, trend key, options, kind of rows)
        if question.kind == QuestionKind.MATRIX:
            points = _point_labels(question)
            for item in question.items.all():
                item_entry = entry["items"].get(str(item.pk))
                if item_entry is not None:
                    parts.append(
                        (pick(item, "text"), item_entry["results"], f"{question.pk}:{item.pk}",
                         points)
                    )  # fmt: skip
        elif question.kind == QuestionKind.LIKERT:
            parts.append(("", entry["results"], str(question.pk), _point_labels(question)))
        elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            options = {c.pk: pick(c, "text") for c in question.choices.all()}
            if question.allow_other:
                options[results.OTHER] = _("Other")
            parts.append(("", entry["results"], str(question.pk), options))
        else:
            parts.append(("", entry["results"], str(question.pk), {}))
        for item_label, by_group, trend_key, options in parts:
            for breakdown, key in groups:
                label = labels.get(key, key)
                if key not in by_group:
                    continue
                result = by_group[key]
                base = [number, title, item_label, breakdown, label]
                if result is None:
                    rows.append([*base, _("Answers"), "", None, hidden])
                    continue
                if question.kind in (QuestionKind.LIKERT, QuestionKind.MATRIX):
                    measures = _scale_rows(result, options)
                elif question.kind == QuestionKind.NUMBER:
                    measures = _number_rows(result)
                else:
                    measures = _choice_rows(result, options)
                for measure, option, value in measures:
                    note = ""
                    if value is None and measure in (_("Smallest"), _("Largest")) and result["n"]:
                        note = extremes
                    rows.append([*base, measure, option, value, note])
            trend = data["trend"].get(trend_key)
            trend_options = (
                {i + 1: label for i, label in enumerate(options)}
                if isinstance(options, list)
                else options
            )
            for measure, option, value in _trend_rows(trend, trend_options):
                rows.append([number, title, item_label, "", all_label, measure, option, value, ""])
    return [_safe(h) for h in header()], [[_safe(v) for v in row] for row in rows]


# --- The readable sheet -------------------------------------------------------------------------


def _trend_sentence(trend: dict | None) -> str:
    if not trend:
        return ""
    text = _("Compared with round %(n)s:") % {"n": trend["round"]}
    if trend.get("difference"):
        text += " " + _("mean %(before)s then, change %(change)s") % {
            "before": trend["previous_mean"],
            "change": trend["difference"],
        }
        if trend.get("interval"):
            text += " (" + _("95 %% interval %(i)s") % {"i": trend["interval"]} + ")"
    if trend.get("net"):
        text += "; " + _("net share %(net)s") % {"net": trend["net"]}
    return text + "."


def summary_sheet(survey: Survey, data: dict) -> list[tuple[str, list]]:
    """``[(style, cells)]`` lines of the "Summary" sheet: the overview, then per question its
    table as on the page (no breakdown), its legend and trend. Styles: ``title``,
    ``heading``, ``head`` (a table's header), ``row`` and ``note``."""
    lines: list[tuple[str, list]] = [("title", [pick(survey, "title")])]
    if survey.round_number > 1 or survey.previous_round_id:
        lines.append(("row", [_("Round"), survey.round_number]))
    if survey.opens_at and survey.closes_at:
        period = f"{survey.opens_at.date().isoformat()} – {survey.closes_at.date().isoformat()}"
        lines.append(("row", [_("Period"), period]))
    lines.append(("row", [_("Respondents"), data["respondents"]]))
    rate = data["response_rate"]
    lines.append(("row", [_("Response rate"), None if rate is None else round(rate, 4)]))
    lines.append(("row", [_("Audience"), data["audience"]]))
    lines.append(("note", [_protection_note()]))
    page = present(survey, data, by=None)
    for part in page["sections"]:
        lines.append(("", []))
        lines.append(("heading", [pick(part["section"], "title")]))
        for block in part["blocks"]:
            if block["kind"] in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
                continue
            lines.append(("", []))
            lines.append(("heading", [pick(block["question"], "text")]))
            subs = block.get("matrix_items") or [block]
            for sub in subs:
                if sub.get("item") is not None:
                    lines.append(("row", [pick(sub["item"], "text")]))
                table = sub.get("table")
                if not table:
                    continue
                lines.append(("head", list(table["head"])))
                lines += [("row", list(row)) for row in table["rows"]]
                if sub.get("legend"):
                    lines.append(("note", [" · ".join(sub["legend"])]))
                sentence = _trend_sentence(sub.get("trend"))
                if sentence:
                    lines.append(("note", [sentence]))
    return [(style, [_safe(v) for v in cells]) for style, cells in lines]


def filename(survey: Survey, extension: str) -> str:
    """``<slug of the Finnish title>-round-<n>-results.<extension>`` (ASCII)."""
    slug = slugify(survey.title_fi or survey.title or "")[:60].strip("-") or "survey"
    return f"{slug}-round-{survey.round_number}-results.{extension}"


def as_xlsx(survey: Survey, data: dict | None = None) -> bytes:
    """A workbook with the "Summary" sheet (for reading) and the "Results" sheet (the tidy
    table). Text is written as text, never as a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    data = data if data is not None else results.results_for(survey)
    head, rows = results_table(survey, data)
    workbook = Workbook(write_only=True)
    fonts = {"title": Font(bold=True, size=14), "heading": Font(bold=True), "head": Font(bold=True)}

    def cells(sheet, values, style=""):
        out = []
        for value in values:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, str):
                cell.data_type = "s"
            if style in fonts:
                cell.font = fonts[style]
            elif style == "note":
                cell.font = Font(italic=True)
            out.append(cell)
        return out

    summary = workbook.create_sheet(title=_("Summary")[:31])
    summary.column_dimensions["A"].width = 45
    for style, values in summary_sheet(survey, data):
        summary.append(cells(summary, values, style))

    sheet = workbook.create_sheet(title=_("Results")[:31])
    for column, width in zip("ABCDEFGHI", (6, 45, 25, 18, 30, 30, 30, 10, 30), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.append(cells(sheet, head, "head"))
    # Plain values, empty cells left out: a tenth of the time of a WriteOnlyCell each (a
    # survey's table has tens of thousands of cells). No text here can be read as a formula:
    # ``results_table`` has already escaped every one starting with "=".
    for row in rows:
        sheet.append([None if value == "" else value for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = ["as_xlsx", "filename", "header", "results_table", "summary_sheet"]
