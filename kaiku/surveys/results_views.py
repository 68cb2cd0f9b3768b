"""The results page of a survey and the coordinators' "Analyse open answers" button.

Who sees results is ``results.may_see_results``. A viewer who may not see them gets a 404 when
the survey itself is hidden from them, a 403 when they may see the survey (its results are for
coordinators, or not shown before it closes), and the login page when they are not signed in.
The numbers come from ``results.results_for`` (cached); this module only attaches the labels
and lays them out as charts and tables.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from kaiku.core.predicates import is_authenticated
from kaiku.core.translations import pick as _pick
from kaiku.organisations.models import Organisation, OrganisationType, Region

from . import charts, results, selectors, summaries
from .models import Phase, QuestionKind, Survey, TextThemes

BREAKDOWNS = {
    "type": _("organisation type"),
    "region": _("region"),
    "organisation": _("organisation"),
}
HIDDEN = "–"


def _breakdown_labels():
    return {
        "type": _("Organisation type"),
        "region": _("Region"),
        "organisation": _("Organisation"),
    }


def results_survey(request: HttpRequest, pk: int) -> Survey:
    """The survey whose results the viewer may see; 404, 403 or login otherwise."""
    survey = selectors.results_survey(pk)
    if survey is None:
        raise Http404
    if results.may_see_results(request.user, survey):
        return survey
    if not is_authenticated(request.user):
        raise _LoginNeededError
    selectors.survey_get_for(viewer=request.user, pk=pk)  # 404 when the survey is hidden
    raise PermissionDenied


class _LoginNeededError(Exception):
    pass


def pick(obj, field: str) -> str:
    """The field's text in the page's language (Finnish when there is none)."""
    return _pick(obj, field)[0]


def _labels(data: dict) -> dict[str, str]:
    """``{group key: label}`` for every group in the results: two queries."""
    labels = {results.ROOT: _("All respondents")}
    regions, organisations = set(), set()
    for row in data["groups"]:
        if row["dimension"] == "type":
            labels[row["key"]] = (
                str(OrganisationType(row["id"]).label)
                if row["id"] in (OrganisationType.values)
                else row["id"]
            )
        elif row["dimension"] == "region":
            regions.add(row["id"])
        elif row["dimension"] == "organisation":
            organisations.add(row["id"])
    for region in Region.objects.filter(pk__in=regions).only("pk", "name", "name_fi", "name_sv"):
        labels[f"region:{region.pk}"] = pick(region, "name")
    for org in Organisation.objects.filter(pk__in=organisations).only(
        "pk", "name", "name_fi", "name_sv", "name_en"
    ):
        labels[f"organisation:{org.pk}"] = pick(org, "name")
    return labels


def _fmt(value, digits: int = 2) -> str:
    if value is None:
        return HIDDEN
    return f"{value:.{digits}f}" if isinstance(value, float) else str(value)


def _signed(value, digits: int = 2, unit: str = "") -> str:
    return HIDDEN if value is None else f"{value:+.{digits}f}{unit}"


def _interval(result: dict | None) -> str:
    if not result or result.get("ci_low") is None:
        return HIDDEN
    return f"{result['ci_low']:.2f}–{result['ci_high']:.2f}"


def _point_labels(question) -> list[str]:
    points = question.scale_points or 5
    low = pick(question, "scale_low_label") or _("Strongly disagree")
    high = pick(question, "scale_high_label") or _("Strongly agree")
    if points == 5:
        middle = [_("Somewhat disagree"), _("Neither agree nor disagree"), _("Somewhat agree")]
    else:
        middle = [
            _("Disagree"),
            _("Somewhat disagree"),
            _("Neither agree nor disagree"),
            _("Somewhat agree"),
            _("Agree"),
        ]
    return [f"{i + 1} {text}" for i, text in enumerate([low, *middle, high])]


def _scale_block(title: str, question, results_by_group: dict, answered: dict, keys, labels):
    points = question.scale_points or 5
    point_labels = _point_labels(question)
    head = [
        _("Group"),
        _("Answers"),
        *[str(i + 1) for i in range(points)],
        _("Mean"),
        _interval_head(),
        _("Net share"),
    ]
    rows, bars, mean_rows, hidden = [], [], [], False
    for key in keys:
        result = results_by_group.get(key)
        label = labels.get(key, key)
        if result is None:
            hidden = True
            rows.append([label, HIDDEN, *[HIDDEN] * points, HIDDEN, HIDDEN, HIDDEN])
            continue
        shares = [p["share"] for p in result["points"]]
        rows.append(
            [
                label,
                str(result["n"]),
                *[charts.percent(s) if result["n"] else HIDDEN for s in shares],
                _fmt(result["mean"]),
                _interval(result),
                _signed(result["net_share"] * 100 if result["net_share"] is not None else None, 0)
                + (" " + _points() if result["net_share"] is not None else ""),
            ]
        )
        if result["n"]:
            bars.append(charts.Row(label, tuple(shares), result["n"]))
            mean_rows.append((label, result["mean"], result["ci_low"], result["ci_high"]))
    root = results_by_group.get(results.ROOT)
    svg = []
    if bars:
        svg.append(
            charts.stacked_bars(
                bars,
                points=points,
                point_labels=point_labels,
                title=charts.scale_title(title, root, points) if root else title,
            )
        )
        svg.append(
            charts.means(mean_rows, low=1, high=points, title=charts.means_title(title, mean_rows))
        )
    return {
        "charts": svg,
        "table": {"head": head, "rows": rows},
        "hidden": hidden,
        "legend": point_labels,
    }


def _choice_block(title: str, question, results_by_group: dict, keys, labels):
    options = [(c.pk, pick(c, "text")) for c in question.choices.all()]
    if question.allow_other:
        options.append((results.OTHER, _("Other")))
    option_labels = dict(options)
    head = [_("Group"), _("Answers"), *[label for _pk, label in options]]
    rows, hidden = [], False
    for key in keys:
        result = results_by_group.get(key)
        label = labels.get(key, key)
        if result is None:
            hidden = True
            rows.append([label, HIDDEN, *[HIDDEN] * len(options)])
            continue
        by_option = {o["value"]: o for o in result["options"]}
        rows.append(
            [
                label,
                str(result["n"]),
                *[
                    f"{charts.percent(by_option[pk]['share'])} ({by_option[pk]['count']})"
                    if pk in by_option and result["n"]
                    else HIDDEN
                    for pk, _label in options
                ],
            ]
        )
    root = results_by_group.get(results.ROOT)
    svg = []
    if root and root["n"]:
        svg.append(
            charts.bars(
                [
                    charts.Row(option_labels.get(o["value"], ""), (o["share"],))
                    for o in root["options"]
                ],
                title=charts.choice_title(title, root, option_labels),
            )
        )
    return {"charts": svg, "table": {"head": head, "rows": rows}, "hidden": hidden}


def _interval_head() -> str:
    # Translators: "%" is a percent sign, not a placeholder; write it as your language does
    # (Finnish "95 %").
    # xgettext: no-python-format
    return _("Interval (95%)")


def _number_block(title: str, results_by_group: dict, keys, labels):
    head = [
        _("Group"), _("Answers"), _("Mean"), _interval_head(), _("Median"),
        _("Quartiles"), _("Smallest"), _("Largest"),
    ]  # fmt: skip
    rows, mean_rows, hidden = [], [], False
    for key in keys:
        result = results_by_group.get(key)
        label = labels.get(key, key)
        if result is None:
            hidden = True
            rows.append([label, *[HIDDEN] * 7])
            continue
        quartiles = f"{result['q1']:g}–{result['q3']:g}" if result.get("q1") is not None else HIDDEN
        rows.append(
            [
                label,
                str(result["n"]),
                _fmt(result["mean"]),
                _interval(result),
                _fmt(result["median"]),
                quartiles,
                _fmt(result["minimum"]),
                _fmt(result["maximum"]),
            ]
        )
        if result["mean"] is not None:
            mean_rows.append((label, result["mean"], result["ci_low"], result["ci_high"]))
    svg = []
    if mean_rows:
        ends = [v for row in mean_rows for v in row[1:] if v is not None]
        low, high = min(0.0, min(ends)), max(ends)
        svg.append(
            charts.means(
                mean_rows, low=low, high=high or 1.0, title=charts.means_title(title, mean_rows)
            )
        )
    return {"charts": svg, "table": {"head": head, "rows": rows}, "hidden": hidden}


# Open answers listed per group on the page (already shuffled); all of them are in the
# coordinators' export and the API. A 20,000-respondent survey listed 17,900 texts (1.35 MB).
TEXTS_SHOWN = 30


def _points() -> str:
    return pgettext("percentage points", "pp")


def _texts_block(texts_by_group: dict | None, keys, labels):
    lists, hidden = [], False
    for key in keys:
        entry = (texts_by_group or {}).get(key)
        if entry is None:
            hidden = True
            continue
        texts = entry["texts"]
        lists.append(
            {
                "label": labels.get(key, key),
                "count": entry["count"],
                "texts": texts[:TEXTS_SHOWN],
                "more": max(0, len(texts) - TEXTS_SHOWN),
            }
        )
    return {"lists": lists, "texts_hidden": hidden}


def _trend_text(trend: dict | None) -> dict | None:
    if not trend:
        return None
    out = {"round": trend["previous_round"], "previous_n": trend["previous_n"]}
    mean = trend.get("mean")
    if mean and mean.get("difference") is not None:
        out["previous_mean"] = _fmt(trend.get("previous_mean"))
        out["difference"] = _signed(mean["difference"])
        out["interval"] = (
            f"{mean['ci_low']:+.2f}…{mean['ci_high']:+.2f}"
            if mean.get("ci_low") is not None
            else ""
        )
    shares = trend.get("shares")
    if shares and shares.get("net_share_points") is not None:
        out["net"] = _signed(shares["net_share_points"], 0, " " + _points())
    if shares:
        out["changes"] = [
            _signed(c["points"], 0, " " + _points()) if c["points"] is not None else HIDDEN
            for c in shares["changes"]
        ]
    return out


def present(survey: Survey, data: dict, *, by: str | None) -> dict:
    """The page's sections: each question with its charts, table, trend and texts."""
    labels = _labels(data)
    keys = [results.ROOT]
    if by in results.DIMENSIONS:
        breakdown = [row for row in data["groups"] if row["dimension"] == by]
        breakdown.sort(key=lambda row: labels.get(row["key"], row["key"]).casefold())
        keys += [row["key"] for row in breakdown]
    themes = {
        t.question_id: t
        for t in TextThemes.objects.filter(question__survey=survey, computed_at__isnull=False)
    }
    sections = []
    for section in selectors.structure(survey):
        blocks = []
        for question in section.questions.all():
            entry = data["questions"].get(str(question.pk))
            if entry is None:
                continue
            title = pick(question, "text")
            block = {"question": question, "kind": question.kind, "trend": None}
            if question.kind == QuestionKind.LIKERT:
                block.update(
                    _scale_block(title, question, entry["results"], entry["answered"], keys, labels)
                )
                block["trend"] = _trend_text(data["trend"].get(str(question.pk)))
            elif question.kind == QuestionKind.MATRIX:
                block["matrix_items"] = []
                for item in question.items.all():
                    item_entry = entry["items"].get(str(item.pk))
                    if item_entry is None:
                        continue
                    item_title = f"{title}: {pick(item, 'text')}"
                    sub = _scale_block(
                        item_title,
                        question,
                        item_entry["results"],
                        item_entry["answered"],
                        keys,
                        labels,
                    )
                    sub["item"] = item
                    sub["trend"] = _trend_text(data["trend"].get(f"{question.pk}:{item.pk}"))
                    block["matrix_items"].append(sub)
            elif question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
                block.update(_choice_block(title, question, entry["results"], keys, labels))
                trend = _trend_text(data["trend"].get(str(question.pk)))
                if trend and trend.get("changes"):
                    block["table"]["rows"].append(
                        [
                            _("Change since round %(n)s") % {"n": trend["round"]},
                            "",
                            *trend["changes"],
                        ]
                    )
                if question.allow_other:
                    block.update(_texts_block(entry.get("other_texts"), keys, labels))
            elif question.kind == QuestionKind.NUMBER:
                block.update(_number_block(title, entry["results"], keys, labels))
                block["trend"] = _trend_text(data["trend"].get(str(question.pk)))
            else:
                block.update(_texts_block(entry.get("texts"), keys, labels))
                root_texts = (entry.get("texts") or {}).get(results.ROOT)
                analysis = themes.get(question.pk)
                if analysis and root_texts:
                    block["themes"] = analysis
            blocks.append(block)
        if blocks:
            sections.append({"section": section, "blocks": blocks})
    return {"sections": sections, "labels": labels}


CONTENT = "surveys/results/_content.html"


@require_GET
def survey_results(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        survey = results_survey(request, pk)
    except _LoginNeededError:
        return redirect_to_login(request.get_full_path())
    by = request.GET.get("by")
    by = by if by in results.DIMENSIONS else None
    live = survey.phase() != Phase.CLOSED
    can_manage = is_authenticated(request.user) and request.user.has_perm(selectors.MANAGE)
    summary = summaries.summary_of(survey)
    context = {
        "survey": survey,
        "by": by,
        "breakdowns": list(_breakdown_labels().items()),
        "breakdown_label": _breakdown_labels().get(by, ""),
        "can_manage": can_manage,
        "live": live,
        "min_group": results.MIN_GROUP,
        "min_text_group": results.MIN_TEXT_GROUP,
        # What {% survey_summary_link %} shows (the survey's page uses the tag).
        "summary": summary if summaries.may_read(request.user, summary) else None,
        "may_write": can_manage and summary is None and not live,
    }
    if live or can_manage:
        context.update(_results_page(survey, by) if live else _closed_results_page(survey, by))
        context["csrf_token"] = get_token(request) if can_manage else None
        content = render_to_string(CONTENT, context)
    else:
        content = _kept_content(survey, by, context)
    return render(
        request, "surveys/results/results.html", {"survey": survey, "content_html": content}
    )


def _kept_content(survey: Survey, by: str | None, context: dict) -> str:
    """A closed survey's results page below the header for those who do not manage surveys:
    the same for all of them (they may all see the results, and the summary when it is
    published), so its markup is kept per presentation (``presented_key``), breakdown, time
    zone and the survey's, its previous round's and its summary's state."""
    summary = context["summary"]
    previous = survey.previous_round
    key = presented_key(
        survey,
        "content",
        by,
        timezone.get_current_timezone_name(),
        _stamp(survey.updated),
        previous.round_number if previous else "",
        f"{summary.pk}.{_stamp(summary.updated)}.{_stamp(summary.published_at)}" if summary else "",
    )
    content = cache.get(key)
    if content is None:
        context.update(_closed_results_page(survey, by))
        content = render_to_string(CONTENT, context)
        cache.set(key, content, results.CACHE_SECONDS)
    return mark_safe(content)  # noqa: S308 — rendered by the template above


def _stamp(moment) -> int:
    return int(moment.timestamp() * 1_000_000) if moment else 0


def presented_key(survey: Survey, *parts) -> str:
    """The cache key of a presentation of a closed survey's results (``parts``: which one):
    new for every number of responses, language and themes analysis."""
    key, _count = results.results_key(survey)
    if hasattr(survey, "themes_count"):  # read by selectors.results_survey
        themes = {"n": survey.themes_count, "at": survey.themes_at}
    else:
        themes = TextThemes.objects.filter(question__survey=survey).aggregate(
            n=Count("pk"), at=Max("computed_at")
        )
    stamp = int(themes["at"].timestamp()) if themes["at"] else 0
    return ":".join(map(str, (key, *parts, get_language(), themes["n"], stamp)))


def _closed_results_page(survey: Survey, by: str | None) -> dict:
    """A closed survey's results do not change: the presented page (the costly part: charts
    and tables of every question) is kept per number of responses (an import changes it),
    breakdown, language and themes analysis."""
    key = presented_key(survey, "page", by)
    page = cache.get(key)
    if page is None:
        page = _results_page(survey, by)
        cache.set(key, page, results.CACHE_SECONDS)
    return page


def _results_page(survey: Survey, by: str | None) -> dict:
    """What the results page shows of ``survey``, the same for every viewer allowed to see it;
    the sections are rendered to HTML so that the whole can be kept."""
    data = results.results_for(survey)
    page = present(survey, data, by=by)
    breakdown_rows = []
    if by:
        for row in data["groups"]:
            if row["dimension"] == by:
                breakdown_rows.append(
                    {
                        "label": page["labels"].get(row["key"], row["key"]),
                        "respondents": row["respondents"],
                        "rate": charts.percent(row["response_rate"])
                        if row["response_rate"] is not None
                        else HIDDEN,
                    }
                )
        breakdown_rows.sort(key=lambda r: r["label"].casefold())
    return {
        "respondents": data["respondents"],
        "audience": data["audience"],
        "rate": charts.percent(data["response_rate"])
        if data["response_rate"] is not None
        else None,
        "breakdown_rows": breakdown_rows,
        "sections_html": render_to_string(
            "surveys/results/_sections.html",
            {
                "sections": page["sections"],
                "min_group": results.MIN_GROUP,
                "min_text_group": results.MIN_TEXT_GROUP,
            },
        ),
        "has_long_text": any(
            b["kind"] == QuestionKind.LONG_TEXT for s in page["sections"] for b in s["blocks"]
        ),
    }


@require_POST
def survey_analyse(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue the themes of the survey's long open answers (coordinators and administrators)."""
    if not is_authenticated(request.user):
        return redirect_to_login(request.get_full_path())
    if not request.user.has_perm(selectors.MANAGE):
        raise PermissionDenied
    survey = selectors.survey_get_for(viewer=request.user, pk=pk)
    from .results_tasks import queue_themes

    queued = queue_themes(survey)
    if queued:
        messages.success(
            request,
            _("The open answers are being analysed. The themes appear here when they are ready."),
        )
    else:
        messages.info(request, _("There are no long open answers to analyse."))
    return redirect("surveys:results", pk=survey.pk)
