"""Survey results: who may see them, and what may be shown (docs/surveys.md, "Results").

Everything is counted in the database with ``GROUP BY`` over the responses' background
attributes (organisation type, region, organisation), so the number of queries and the memory
do not grow with the number of answers (number questions aside: their values are grouped by
value, which is few distinct values). The counts go through ``kaiku.core.surveystats`` for the
numbers and ``kaiku.core.disclosure`` for what may be shown:

* the groups are the whole survey (``"all"``), each organisation type and region under it,
  and each organisation under its type *and* its region (the same id in both places, so it is
  hidden in both or in neither); respondents without a type or region are a remainder;
* every group of 1–4 respondents is hidden, with complementary suppression;
* for each question (and each matrix item) the groups are suppressed again by how many
  answered it, so an optional question never shows 1–4 answers;
* open-text answers are listed only for groups of 10 or more answers, shuffled.

The result is a plain dictionary of ids and numbers (no translated texts) cached per survey
and number of responses; the page and the API attach the labels. Hidden values are None.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone

from kaiku.core.disclosure import (
    MIN_GROUP,
    MIN_TEXT_GROUP,
    Group,
    extremes_allowed,
    shuffled,
    suppress,
    suppress_answers,
    suppress_texts,
)
from kaiku.core.predicates import is_authenticated
from kaiku.core.surveystats import (
    choice_from_counts,
    compare_means,
    compare_shares,
    number_stats,
    response_rate,
    scale_from_counts,
)

from . import selectors
from .models import (
    CHOICE_KINDS,
    Answer,
    AnswerChoice,
    Phase,
    Question,
    QuestionKind,
    Response,
    ResultsVisibility,
    StoredResults,
    Survey,
)

ROOT = "all"
#: The breakdowns a results page offers, in this order.
DIMENSIONS = ("type", "region", "organisation")
OTHER = "other"
CACHE_SECONDS = 60 * 60 * 24
CACHE_VERSION = 1
MANAGE = selectors.MANAGE

# A combination of background attributes: (organisation type or "", region id or None,
# organisation id or None). Every group is a union of combinations.
Combo = tuple[str, int | None, int | None]


# --- Who sees results ---------------------------------------------------------------------------


def may_see_results(viewer, survey: Survey, *, now=None) -> bool:
    """Change coordinators and administrators see every survey's results, also while it is
    open (live). Everyone else sees them once the survey has closed, as its
    ``results_visibility`` says: ``public`` anyone, ``staff`` every signed-in person (also
    outside the audience), ``coordinators`` nobody else."""
    if is_authenticated(viewer) and viewer.has_perm(MANAGE):
        return True
    if survey.phase(now=now) != Phase.CLOSED:
        return False
    if survey.results_visibility == ResultsVisibility.PUBLIC:
        return True
    return survey.results_visibility == ResultsVisibility.STAFF and is_authenticated(viewer)


def surveys_with_results_for(*, viewer, now=None):
    """The surveys the viewer may see (``selectors.surveys_for``, every survey for those who
    manage) or whose results they may see, newest first."""
    from django.db.models import Q

    now = now or timezone.now()
    if is_authenticated(viewer) and viewer.has_perm(MANAGE):
        return Survey.objects.order_by("-created", "-pk")
    open_results = [ResultsVisibility.PUBLIC]
    if is_authenticated(viewer):
        open_results.append(ResultsVisibility.STAFF)
    visible = (
        Q(pk__in=Survey.objects.visible_to(viewer).values("pk"))
        if is_authenticated(viewer)
        else Q(pk__in=[])
    )
    closed = Q(closes_at__lte=now, results_visibility__in=open_results)
    return Survey.objects.published(now=now).filter(visible | closed).order_by("-closes_at", "-pk")


# --- Groups -------------------------------------------------------------------------------------


def _org_id(combo: Combo):
    return ("organisation", *combo)


def _groups_of(combo: Combo) -> list:
    """The ids of the groups a combination belongs to (the root aside)."""
    kind, region, org = combo
    ids = []
    if kind:
        ids.append(("type", kind))
    if region is not None:
        ids.append(("region", region))
    if org is not None:
        ids.append(_org_id(combo))
    return ids


def structure_groups(combos: dict[Combo, int]) -> list[Group]:
    """The disclosure groups for respondent counts per combination."""
    totals: dict = defaultdict(int)
    for combo, n in combos.items():
        totals[ROOT] += n
        for gid in _groups_of(combo):
            totals[gid] += n
    groups = [Group(ROOT, totals[ROOT])]
    for gid, n in totals.items():
        if gid == ROOT:
            continue
        if gid[0] in ("type", "region"):
            groups.append(Group(gid, n, parent=ROOT, dimension=gid[0]))
    for combo in combos:
        kind, region, org = combo
        if org is None:
            continue
        gid = _org_id(combo)
        # Under its type and its region when known, else directly under the root: the same id
        # is the same people, so it is shown in every place or in none.
        parents = [p for p in (("type", kind) if kind else None, ("region", region)) if p]
        parents = [p for p in parents if p[1] is not None]
        if not parents:
            parents = [ROOT]
        for parent in parents:
            groups.append(Group(gid, totals[gid], parent=parent, dimension="organisation"))
    return groups


def _retold(groups: list[Group], per_combo: dict[Combo, int]) -> dict:
    """Counts per group id from counts per combination."""
    totals: dict = defaultdict(int)
    for combo, n in per_combo.items():
        totals[ROOT] += n
        for gid in _groups_of(combo):
            totals[gid] += n
    return {g.id: totals.get(g.id, 0) for g in groups}


def _sum_by_group(per_combo: dict[Combo, dict]) -> dict:
    """``{group id: {key: count}}`` from ``{combo: {key: count}}``."""
    out: dict = defaultdict(lambda: defaultdict(int))
    for combo, counts in per_combo.items():
        for gid in (ROOT, *_groups_of(combo)):
            bucket = out[gid]
            for key, n in counts.items():
                bucket[key] += n
    return out


def _key(gid) -> str:
    """A group id as a string for JSON: ``all``, ``type:ely_centre``, ``region:3``,
    ``organisation:12`` (an organisation's combination is folded into its id)."""
    if gid == ROOT:
        return ROOT
    if gid[0] == "organisation":
        return f"organisation:{gid[3]}"
    return f"{gid[0]}:{gid[1]}"


# --- Counting in the database -------------------------------------------------------------------

_C = ("response__organisation_type", "response__region_id", "response__organisation_id")


def _combo(row: dict, prefix: str = "response__") -> Combo:
    return (
        row[f"{prefix}organisation_type"] or "",
        row[f"{prefix}region_id"],
        row[f"{prefix}organisation_id"],
    )


def _respondent_combos(survey: Survey) -> dict[Combo, int]:
    rows = (
        Response.objects.filter(survey=survey)
        .order_by()
        .values("organisation_type", "region_id", "organisation_id")
        .annotate(n=Count("id"))
    )
    return {_combo(r, ""): r["n"] for r in rows}


def _answer_counts(survey: Survey) -> tuple[dict, dict, dict]:
    """One ``GROUP BY`` over the survey's answers for what ``_answered``, ``_scale_counts``
    and ``_number_counts`` used to read in three passes (each pass joins every answer with
    its response, seconds for 20,000 respondents):

    ``({(question id, item id): {combo: answers}}, {(question id, item id): {combo: {point:
    count}}}, {question id: {combo: {value: count}}})``. Points and numbers are few distinct
    values, so the rows stay few."""
    rows = (
        Answer.objects.filter(question__survey=survey)
        .order_by()
        .values_list("question_id", "item_id", "value", "number", *_C)
        .annotate(n=Count("id"))
    )
    answered: dict = defaultdict(lambda: defaultdict(int))
    scales: dict = defaultdict(lambda: defaultdict(dict))
    numbers: dict = defaultdict(lambda: defaultdict(dict))
    for qid, item, value, number, kind, region, org, n in rows:
        combo = (kind or "", region, org)
        answered[(qid, item)][combo] += n
        if value is not None:
            scales[(qid, item)][combo][value] = n
        if number is not None:
            bucket = numbers[qid][combo]
            bucket[float(number)] = bucket.get(float(number), 0) + n
    return answered, scales, numbers


def _choice_counts(survey: Survey, texts: dict) -> dict:
    """``{question id: {combo: {choice id or "other": count}}}``; ``texts`` is ``_texts``."""
    out: dict = defaultdict(lambda: defaultdict(dict))
    rows = (
        # The kinds narrow the join to the choice questions' answers (else SQLite looks up
        # the response of every answer of the survey before finding it has no choices).
        AnswerChoice.objects.filter(
            answer__question__survey=survey, answer__question__kind__in=list(CHOICE_KINDS)
        )
        .order_by()
        .values(
            "answer__question_id",
            "choice_id",
            "answer__response__organisation_type",
            "answer__response__region_id",
            "answer__response__organisation_id",
        )
        .annotate(n=Count("id"))
    )
    for r in rows:
        combo = _combo(r, "answer__response__")
        out[r["answer__question_id"]][combo][r["choice_id"]] = r["n"]
    # "Other" answers are counted from their texts (``_texts`` reads them anyway).
    for key, items in texts.items():
        if isinstance(key, tuple) and key[0] == "other":
            for combo, _text in items:
                bucket = out[key[1]][combo]
                bucket[OTHER] = bucket.get(OTHER, 0) + 1
    return out


def _texts(survey: Survey, kinds: Iterable[str]) -> dict:
    """``{question id: [(combo, text)]}``: open answers and "other" texts (no order kept)."""
    out: dict = defaultdict(list)
    rows = (
        Answer.objects.filter(question__survey=survey, question__kind__in=list(kinds))
        .exclude(text="")
        .order_by()
        .values_list("question_id", "text", *_C)
    )
    for qid, text, kind, region, org in rows:
        out[qid].append(((kind or "", region, org), text))
    others = (
        Answer.objects.filter(question__survey=survey, question__allow_other=True)
        .exclude(other_text="")
        .order_by()
        .values_list("question_id", "other_text", *_C)
    )
    for qid, text, kind, region, org in others:
        out[("other", qid)].append(((kind or "", region, org), text))
    return out


def audience_combos(survey: Survey) -> dict[Combo, int]:
    """The active people of the audience per combination of their organisation's type,
    region and the organisation: one query."""
    rows = (
        selectors.audience_people(survey)
        .order_by()
        .values("organisation__type", "organisation__region_id", "organisation_id")
        .annotate(n=Count("pk"))
    )
    return {
        (r["organisation__type"] or "", r["organisation__region_id"], r["organisation_id"]): r["n"]
        for r in rows
    }


# --- Computing ----------------------------------------------------------------------------------


def _questions(survey: Survey) -> list[Question]:
    return list(
        Question.objects.filter(survey=survey)
        .order_by("section__order", "section_id", "order", "pk")
        .prefetch_related("choices", "items")
    )


def _per_group(
    groups: list[Group],
    base,
    answered: dict[Combo, int],
    build,
    counts_by_group: dict,
) -> tuple[dict, dict]:
    """``({group key: result dict or None}, {group key: answered or None})`` for one question
    (or matrix item), with the groups where too few answered hidden as well."""
    retold = _retold(groups, answered)
    if all(retold[g.id] == base.counts[g.id] for g in groups):
        result = base
    else:
        result = suppress_answers(base, retold, groups)
    values, ns = {}, {}
    for gid in {g.id for g in groups}:
        key = _key(gid)
        if result.shown(gid):
            values[key] = build(counts_by_group.get(gid, {}), retold[gid], base.counts[gid])
            ns[key] = retold[gid]
        else:
            values[key] = None
            ns[key] = None
    return values, ns


def _plain(result) -> dict:
    """A statistics dataclass as a dict, like ``dataclasses.asdict`` but without its deep
    copy of every value (thousands of results per survey: asdict took a quarter of the
    computation)."""
    out = {}
    for name in result.__dataclass_fields__:
        value = getattr(result, name)
        if type(value) is tuple and value and hasattr(value[0], "__dataclass_fields__"):
            value = tuple(_plain(v) for v in value)
        out[name] = value
    return out


def _scale_builder(points: int):
    def build(counts, answered, respondents):
        return _plain(
            scale_from_counts(dict(counts), points=points, no_answer=max(respondents - answered, 0))
        )

    return build


def _choice_builder(question: Question):
    options = [c.pk for c in question.choices.all()]
    if question.allow_other:
        options.append(OTHER)
    multiple = question.kind == QuestionKind.MULTIPLE

    def build(counts, answered, respondents):
        known = {k: v for k, v in counts.items() if k in options}
        n = answered
        if not multiple:
            # An answer is one option (or "other"); a stray row would break the invariant.
            n = sum(known.values())
        return _plain(
            choice_from_counts(
                known,
                options=options,
                n=n,
                no_answer=max(respondents - n, 0),
                multiple=multiple,
            )
        )

    return build


def _number_builder(counts, answered, respondents):
    values = [v for v, c in counts.items() for _ in range(c)]
    stats = number_stats([*values, *([None] * max(respondents - answered, 0))])
    data = _plain(stats)
    if not extremes_allowed(stats.n):
        data["minimum"] = data["maximum"] = None
    return data


def _text_result(groups, base, items: list[tuple[Combo, str]], salt: str) -> dict:
    """The open texts per group where at least ten wrote one (and none can be singled out
    by subtraction), shuffled; None elsewhere."""
    per_combo: dict = defaultdict(int)
    for combo, _text in items:
        per_combo[combo] += 1
    retold = _retold(groups, per_combo)
    shown = suppress_texts([Group(g.id, retold[g.id], g.parent, g.dimension) for g in groups], base)
    texts: dict = defaultdict(list)
    for combo, text in items:
        for gid in (ROOT, *_groups_of(combo)):
            texts[gid].append(text)
    out = {}
    for gid in {g.id for g in groups}:
        key = _key(gid)
        if shown.shown(gid) and retold[gid]:
            out[key] = {"count": retold[gid], "texts": shuffled(texts[gid], salt=salt)}
        else:
            out[key] = None
    return out


def compute(survey: Survey) -> dict:
    """Every question's results in every group the disclosure rules allow (uncached)."""
    combos = _respondent_combos(survey)
    groups = structure_groups(combos)
    base = suppress(groups)
    questions = _questions(survey)
    answered, scales, numbers = _answer_counts(survey)
    texts = _texts(survey, (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT))
    choices = _choice_counts(survey, texts)
    audience = audience_combos(survey)
    audience_by_group = _retold(groups, audience)

    group_rows = []
    for gid in sorted({g.id for g in groups}, key=repr):
        shown = base.shown(gid)
        group_rows.append(
            {
                "key": _key(gid),
                "dimension": "all" if gid == ROOT else gid[0],
                "id": None if gid == ROOT else (gid[3] if gid[0] == "organisation" else gid[1]),
                "respondents": base.count(gid),
                "audience": audience_by_group.get(gid, 0),
                "response_rate": response_rate(base.counts[gid], audience_by_group.get(gid, 0)).rate
                if shown
                else None,
            }
        )
    total = base.counts[ROOT]
    data = {
        "respondents": base.count(ROOT) if total else 0,
        "audience": sum(audience.values()),
        "response_rate": response_rate(total, sum(audience.values())).rate
        if base.shown(ROOT)
        else None,
        "groups": group_rows,
        "questions": {},
    }
    for q in questions:
        entry: dict = {"kind": q.kind}
        if q.kind == QuestionKind.LIKERT:
            values, ns = _per_group(
                groups,
                base,
                answered.get((q.pk, None), {}),
                _scale_builder(q.scale_points or 5),
                _sum_by_group(scales.get((q.pk, None), {})),
            )
            entry.update(results=values, answered=ns)
        elif q.kind == QuestionKind.MATRIX:
            entry["items"] = {}
            for item in q.items.all():
                values, ns = _per_group(
                    groups,
                    base,
                    answered.get((q.pk, item.pk), {}),
                    _scale_builder(q.scale_points or 5),
                    _sum_by_group(scales.get((q.pk, item.pk), {})),
                )
                entry["items"][str(item.pk)] = {"results": values, "answered": ns}
        elif q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            values, ns = _per_group(
                groups,
                base,
                answered.get((q.pk, None), {}),
                _choice_builder(q),
                _sum_by_group(choices.get(q.pk, {})),
            )
            entry.update(results=values, answered=ns)
            if q.allow_other:
                entry["other_texts"] = _text_result(
                    groups, base, texts.get(("other", q.pk), []), f"{q.pk}-other"
                )
        elif q.kind == QuestionKind.NUMBER:
            values, ns = _per_group(
                groups,
                base,
                answered.get((q.pk, None), {}),
                _number_builder,
                _sum_by_group(numbers.get(q.pk, {})),
            )
            entry.update(results=values, answered=ns)
        else:
            entry["texts"] = _text_result(groups, base, texts.get(q.pk, []), str(q.pk))
        data["questions"][str(q.pk)] = entry
    data["trend"] = _trend(survey, questions, data)
    return data


# --- Trend --------------------------------------------------------------------------------------


def match_questions(previous: list[Question], current: list[Question]) -> dict[int, Question]:
    """``{current question id: the previous round's question}``: the same kind and Finnish
    text first; otherwise the question at the same position if it is of the same kind and
    not matched by text (copying a survey as the next round keeps the order)."""
    by_text = {(q.kind, q.text_fi or q.text): q for q in previous}
    matched: dict[int, Question] = {}
    used = set()
    for q in current:
        old = by_text.get((q.kind, q.text_fi or q.text))
        if old is not None and old.pk not in used:
            matched[q.pk] = old
            used.add(old.pk)
    for index, q in enumerate(current):
        if q.pk in matched or index >= len(previous):
            continue
        old = previous[index]
        if old.kind == q.kind and old.pk not in used:
            matched[q.pk] = old
            used.add(old.pk)
    return matched


def _rebuild_scale(d: dict):
    from kaiku.core.surveystats import PointShare, ScaleResult

    return ScaleResult(
        **{**d, "points": tuple(PointShare(**p) for p in d["points"])},
    )


def _rebuild_choice(d: dict, mapping=None):
    from kaiku.core.surveystats import ChoiceResult, PointShare

    options = tuple(
        PointShare((mapping or {}).get(p["value"], p["value"]), p["count"], p["share"])
        for p in d["options"]
    )
    return ChoiceResult(**{**d, "options": options, "other_texts": ()})


def _trend(survey: Survey, questions: list[Question], data: dict) -> dict:
    """``{question id (or "qid:item id"): {"previous_round", "mean", "shares"}}`` for the
    whole survey, where both rounds' results are shown."""
    previous_survey = survey.previous_round
    if previous_survey is None:
        return {}
    previous = results_for(previous_survey)
    old_questions = _questions(previous_survey)
    matched = match_questions(old_questions, questions)
    out = {}
    for q in questions:
        old = matched.get(q.pk)
        if old is None:
            continue
        new_entry, old_entry = data["questions"][str(q.pk)], previous["questions"].get(str(old.pk))
        if old_entry is None:
            continue
        pairs = []
        if q.kind == QuestionKind.MATRIX:
            old_items = list(old.items.all())
            for index, item in enumerate(q.items.all()):
                if index < len(old_items):
                    pairs.append(
                        (
                            f"{q.pk}:{item.pk}",
                            old_entry["items"].get(str(old_items[index].pk), {}).get("results"),
                            new_entry["items"][str(item.pk)]["results"],
                        )
                    )
        elif "results" in new_entry:
            pairs.append((str(q.pk), old_entry.get("results"), new_entry["results"]))
        for key, old_results, new_results in pairs:
            before = (old_results or {}).get(ROOT)
            after = (new_results or {}).get(ROOT)
            if not before or not after or not before.get("n") or not after.get("n"):
                continue
            trend = {"previous_round": previous_survey.round_number, "previous_n": before["n"]}
            if q.kind in (QuestionKind.LIKERT, QuestionKind.MATRIX):
                b, a = _rebuild_scale(before), _rebuild_scale(after)
                trend["mean"] = compare_means(b, a).as_dict()
                trend["previous_mean"] = before["mean"]
                trend["shares"] = compare_shares(b, a).as_dict()
            elif q.kind == QuestionKind.NUMBER:
                from kaiku.core.surveystats import NumberResult

                b, a = NumberResult(**before), NumberResult(**after)
                trend["mean"] = compare_means(b, a).as_dict()
                trend["previous_mean"] = before["mean"]
            else:
                # Choices of the two rounds are matched by position.
                old_ids = [c.pk for c in old.choices.all()] + [OTHER]
                new_ids = [c.pk for c in q.choices.all()] + [OTHER]
                mapping = dict(zip(old_ids, new_ids, strict=False))
                b, a = _rebuild_choice(before, mapping), _rebuild_choice(after)
                trend["shares"] = compare_shares(b, a).as_dict()
            out[key] = trend
    return out


# --- Caching ------------------------------------------------------------------------------------


def _as_stored(data: dict) -> dict:
    """``data`` as it reads back from a JSON field (tuples become lists), so computed and
    stored results look the same to the page and the API."""
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


def store_results(survey: Survey, *, count: int | None = None) -> dict:
    """Compute the survey's results and store them (``StoredResults``) with the number of
    responses they count; returns them as stored."""
    if count is None:
        count = Response.objects.filter(survey=survey).count()
    data = _as_stored(compute(survey))
    try:
        with transaction.atomic():
            StoredResults.objects.update_or_create(
                survey=survey,
                defaults={"computed_at": timezone.now(), "response_count": count, "data": data},
            )
    except IntegrityError:  # another request stored the same results at the same moment
        pass
    return data


def stored_results(survey: Survey, count: int) -> dict | None:
    """The stored results when they count ``count`` responses (else stale, or none)."""
    row = (
        StoredResults.objects.filter(survey=survey, response_count=count)
        .exclude(computed_at=None)
        .values_list("data", flat=True)
        .first()
    )
    return row


def results_key(survey: Survey) -> tuple[str, int]:
    """The cache key of the survey's results and its number of responses (one query, none
    when the survey was read with ``responses_count``: ``selectors.results_survey``)."""
    count = getattr(survey, "responses_count", None)
    if count is None:
        count = Response.objects.filter(survey=survey).count()
    stamp = int(survey.created.timestamp() * 1_000_000) if survey.created else 0
    return f"surveys:results:v{CACHE_VERSION}:{survey.pk}:{stamp}:{count}", count


def results_for(survey: Survey) -> dict:
    """The survey's results, cached per survey and number of responses (a new response, or
    an imported round, gives a new key). A closed survey's results are also stored in the
    database (``StoredResults``, computed by ``results_tasks`` within the hour after it
    closes, else at the first view), so a cold cache costs one read, not the computation;
    they are computed again when the number of responses changes (an import)."""
    key, count = results_key(survey)
    data = cache.get(key)
    if data is None:
        if survey.phase() == Phase.CLOSED:
            data = stored_results(survey, count)
            if data is None:
                data = store_results(survey, count=count)
        else:
            data = compute(survey)
        cache.set(key, data, CACHE_SECONDS)
    return data


__all__ = [
    "DIMENSIONS",
    "MIN_GROUP",
    "MIN_TEXT_GROUP",
    "ROOT",
    "compute",
    "match_questions",
    "may_see_results",
    "results_for",
    "results_key",
    "store_results",
    "stored_results",
    "surveys_with_results_for",
]
