"""The numbers behind survey charts: distributions, means with confidence intervals, trends.

```python
from kaiku.core.surveystats import scale_stats, choice_stats, number_stats, compare_means

scale = scale_stats([5, 4, 4, None, 2], points=5)
scale.mean, scale.ci_low, scale.ci_high, scale.net_share, scale.as_dict()
scale_from_counts({1: 3, 2: 10, 5: 40}, points=5, no_answer=2)   # counts from a GROUP BY
choice_stats(["a", "b", None], options=["a", "b", "c"])
choice_stats([{"a", "c"}, {"b"}, set()], options=["a", "b", "c"], multiple=True)
number_stats([3, 7.5, None, 12])
compare_means(previous_round, this_round)   # difference of means with a Welch interval
compare_shares(previous_round, this_round)  # differences of shares in percentage points
response_rate(412, 950)
```

Every function takes plain Python values and returns a frozen dataclass whose ``as_dict()`` is
ready for JSON (floats, ints, lists, None). Shares are fractions (0.42), percentage points are
differences of shares times 100. Nothing here knows about groups or suppression: the caller
shows a result only where ``kaiku.core.disclosure`` allows. Plain Python, no Django, no scipy
(the t distribution is computed here; the tests compare it with scipy).

Definitions (docs/survey-results.md):

* mean and standard deviation over the answers given (the sample standard deviation, n - 1);
* 95 % confidence interval of the mean: mean ± t(0.975, n - 1) · sd / √n, none when n < 2;
* net share of a scale of 4 points or more: the share answering one of the top two points
  minus the share answering one of the bottom two, between -1 and 1 (on a 5-point scale
  (4 + 5) - (1 + 2); the middle point counts in neither);
* median and quartiles: linear interpolation between the ordered answers (position
  q · (n - 1), numpy's default and Excel's QUARTILE.INC).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Collection, Hashable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction
from functools import lru_cache
from statistics import NormalDist

CONFIDENCE = 0.95

# -- the t distribution ------------------------------------------------------------------------


def _beta_fraction(a: float, b: float, x: float) -> float:
    """The continued fraction of the regularised incomplete beta function (modified Lentz)."""
    tiny = 1e-300
    c, d = 1.0, 1.0 - (a + b) * x / (a + 1.0)
    d = 1.0 / (d if abs(d) > tiny else tiny)
    result = d
    for m in range(1, 500):
        for numerator in (
            m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
            -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
        ):
            d = 1.0 + numerator * d
            d = 1.0 / (d if abs(d) > tiny else tiny)
            c = 1.0 + numerator / c
            c = c if abs(c) > tiny else tiny
            result *= c * d
        if abs(c * d - 1.0) < 1e-15:
            break
    return result


def _incomplete_beta(a: float, b: float, x: float) -> float:
    """I_x(a, b), the regularised incomplete beta function."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    )
    if x < (a + 1.0) / (a + b + 2.0):
        return math.exp(log_front) * _beta_fraction(a, b, x) / a
    return 1.0 - math.exp(log_front) * _beta_fraction(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    """P(T ≤ t) for Student's t distribution with ``df`` (> 0, not necessarily whole) degrees."""
    tail = 0.5 * _incomplete_beta(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t > 0 else tail


@lru_cache(maxsize=4096)
def t_quantile(p: float, df: float) -> float:
    """The t value below which a share ``p`` of the distribution lies (bisection on t_cdf)."""
    if not 0.0 < p < 1.0 or df <= 0:
        raise ValueError("p must be in (0, 1) and df positive")
    if p == 0.5:
        return 0.0
    if p < 0.5:
        return -t_quantile(1.0 - p, df)
    if df >= _EXPANSION_FROM:
        return _t_quantile_expansion(p, df)
    low, high = 0.0, 1.0
    while t_cdf(high, df) < p:
        low, high = high, high * 2.0
    for _ in range(200):
        middle = (low + high) / 2.0
        if middle in (low, high):
            break
        if t_cdf(middle, df) < p:
            low = middle
        else:
            high = middle
    return (low + high) / 2.0


# From this many degrees of freedom the Cornish-Fisher expansion of the t quantile around
# the normal one is exact to far below 1e-9 (its next term shrinks as df⁻⁵); bisection on
# t_cdf cost about 6.5 ms per df, and a large survey's groups have hundreds of distinct df.
_EXPANSION_FROM = 300


def _t_quantile_expansion(p: float, df: float) -> float:
    z = NormalDist().inv_cdf(p)
    z2 = z * z
    return z + sum(
        term / df**k
        for k, term in enumerate(
            (
                z * (z2 + 1) / 4,
                z * ((5 * z2 + 16) * z2 + 3) / 96,
                z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / 384,
                z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945) / 92160,
            ),
            start=1,
        )
    )


def _interval(mean: float, se: float, df: float, confidence: float) -> tuple[float, float]:
    if se == 0.0:
        return mean, mean
    half = t_quantile(0.5 + confidence / 2.0, df) * se
    return mean - half, mean + half


# -- order statistics --------------------------------------------------------------------------


def _quantile_sorted(values: Sequence[float], q: float) -> float:
    """Linear interpolation at position q · (n - 1) of sorted ``values`` (n ≥ 1)."""
    position = q * (len(values) - 1)
    below = math.floor(position)
    above = min(below + 1, len(values) - 1)
    fraction = position - below
    if fraction == 0 or values[below] == values[above]:
        return float(values[below])
    return values[below] + (values[above] - values[below]) * fraction


def _quantile_counts(counts: Sequence[tuple[int, int]], q: float) -> float:
    """The same for values given as (value, count) in increasing order, total ≥ 1."""
    n = sum(c for _, c in counts)
    position = q * (n - 1)
    below = math.floor(position)
    fraction = position - below

    def value_at(index: int) -> int:
        seen = 0
        for value, count in counts:
            seen += count
            if index < seen:
                return value
        return counts[-1][0]

    low, high = value_at(below), value_at(min(below + 1, n - 1))
    return float(low) if fraction == 0 or low == high else low + (high - low) * fraction


# -- scales ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PointShare:
    value: Hashable
    count: int
    share: float


@dataclass(frozen=True)
class ScaleResult:
    """A Likert or other numeric scale question in one group of respondents."""

    points: tuple[PointShare, ...]  # every point of the scale, lowest first
    n: int  # answers given
    no_answer: int  # respondents who did not answer
    no_answer_share: float  # of all respondents (n + no_answer)
    mean: float | None
    sd: float | None  # sample standard deviation, None when n < 2
    ci_low: float | None  # confidence interval of the mean, None when n < 2
    ci_high: float | None
    confidence: float
    median: float | None
    net_share: float | None  # top two points minus bottom two, None below 4 points or n = 0

    def as_dict(self) -> dict:
        return asdict(self)


def scale_from_counts(
    counts: Mapping[int, int],
    *,
    points: int | Sequence[int] = 5,
    no_answer: int = 0,
    confidence: float = CONFIDENCE,
) -> ScaleResult:
    """A scale question from how many answered each point (``{point: count}``).

    ``points`` is the number of points (1..points) or the points themselves. Computed exactly
    from the counts, so a database ``GROUP BY`` over any number of answers is enough.
    """
    scale = tuple(range(1, points + 1)) if isinstance(points, int) else tuple(sorted(points))
    if not scale:
        raise ValueError("a scale needs at least one point")
    unknown = [v for v, c in counts.items() if c and v not in scale]
    if unknown:
        raise ValueError(f"answers outside the scale: {sorted(unknown)}")
    if any(c < 0 for c in counts.values()) or no_answer < 0:
        raise ValueError("counts cannot be negative")
    tally = [(v, counts.get(v, 0)) for v in scale]
    n = sum(c for _, c in tally)
    respondents = n + no_answer
    shares = tuple(PointShare(v, c, c / n if n else 0.0) for v, c in tally)
    no_answer_share = no_answer / respondents if respondents else 0.0
    mean = sd = low = high = median = net = None
    if n:
        total = sum(v * c for v, c in tally)
        mean = total / n
        median = _quantile_counts([(v, c) for v, c in tally if c], 0.5)
        if len(scale) >= 4:
            top = sum(c for v, c in tally if v in scale[-2:])
            bottom = sum(c for v, c in tally if v in scale[:2])
            net = (top - bottom) / n
    if n >= 2:
        squares = sum(v * v * c for v, c in tally)
        variance = Fraction(n * squares - total * total, n * (n - 1))  # exact
        sd = math.sqrt(variance)
        low, high = _interval(mean, sd / math.sqrt(n), n - 1, confidence)
    return ScaleResult(
        shares, n, no_answer, no_answer_share, mean, sd, low, high, confidence, median, net
    )


def scale_stats(
    answers: Iterable[int | None],
    *,
    points: int | Sequence[int] = 5,
    confidence: float = CONFIDENCE,
) -> ScaleResult:
    """A scale question from its answers; None is a respondent who did not answer."""
    counts: Counter = Counter()
    no_answer = 0
    for answer in answers:
        if answer is None:
            no_answer += 1
        else:
            counts[answer] += 1
    return scale_from_counts(counts, points=points, no_answer=no_answer, confidence=confidence)


# -- choices -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChoiceResult:
    """A single or multiple choice question in one group of respondents.

    Shares are of the respondents who answered (``n``). In a multiple choice question one
    respondent may choose several options, so the shares may add up to more than 1.
    """

    options: tuple[PointShare, ...]  # in the order of the question
    n: int
    no_answer: int
    no_answer_share: float
    multiple: bool
    other_texts: tuple[str, ...]  # what was written in "other", to be shown as open text

    def as_dict(self) -> dict:
        return asdict(self)


def choice_from_counts(
    counts: Mapping[Hashable, int],
    *,
    options: Sequence[Hashable],
    n: int,
    no_answer: int = 0,
    multiple: bool = False,
    other_texts: Iterable[str | None] = (),
) -> ChoiceResult:
    """A choice question from ``{option: how many chose it}`` and ``n`` respondents answering."""
    unknown = [o for o, c in counts.items() if c and o not in options]
    if unknown:
        raise ValueError(f"answers that are not options: {unknown}")
    if n < 0 or no_answer < 0 or any(c < 0 for c in counts.values()):
        raise ValueError("counts cannot be negative")
    if any(counts.get(o, 0) > n for o in options) or (
        not multiple and sum(counts.get(o, 0) for o in options) != n
    ):
        raise ValueError("the counts do not fit the number of respondents")
    respondents = n + no_answer
    texts = tuple(t.strip() for t in other_texts if t and t.strip())
    return ChoiceResult(
        tuple(PointShare(o, counts.get(o, 0), counts.get(o, 0) / n if n else 0.0) for o in options),
        n,
        no_answer,
        no_answer / respondents if respondents else 0.0,
        multiple,
        texts,
    )


def choice_stats(
    answers: Iterable[Hashable | Collection[Hashable] | None],
    *,
    options: Sequence[Hashable],
    multiple: bool = False,
    other_texts: Iterable[str | None] = (),
) -> ChoiceResult:
    """A choice question from its answers.

    Single choice: each answer is an option, or None. Multiple choice: each answer is a
    collection of options (an option chosen twice counts once); None or an empty collection
    is a respondent who did not answer.
    """
    counts: Counter = Counter()
    n = no_answer = 0
    for answer in answers:
        if multiple:
            chosen = set(answer or ())
            if not chosen:
                no_answer += 1
                continue
            counts.update(chosen)
        elif answer is None:
            no_answer += 1
            continue
        else:
            counts[answer] += 1
        n += 1
    return choice_from_counts(
        counts,
        options=options,
        n=n,
        no_answer=no_answer,
        multiple=multiple,
        other_texts=other_texts,
    )


# -- numbers -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class NumberResult:
    """A number question in one group. ``minimum`` and ``maximum`` are single answers: show
    them only where ``kaiku.core.disclosure.extremes_allowed(n)``."""

    n: int
    no_answer: int
    mean: float | None
    sd: float | None
    ci_low: float | None
    ci_high: float | None
    confidence: float
    median: float | None
    q1: float | None
    q3: float | None
    minimum: float | None
    maximum: float | None

    def as_dict(self, *, extremes: bool = True) -> dict:
        data = asdict(self)
        if not extremes:
            data["minimum"] = data["maximum"] = None
        return data


def number_stats(
    answers: Iterable[float | None], *, confidence: float = CONFIDENCE
) -> NumberResult:
    """A number question from its answers; None is a respondent who did not answer."""
    values = []
    no_answer = 0
    for answer in answers:
        if answer is None:
            no_answer += 1
        elif isinstance(answer, bool) or not math.isfinite(answer):
            raise ValueError(f"not a number: {answer!r}")
        else:
            values.append(answer)
    values.sort()
    n = len(values)
    if not n:
        return NumberResult(0, no_answer, *[None] * 4, confidence, *[None] * 5)
    if values[0] == values[-1]:
        mean, sd = float(values[0]), 0.0
    else:
        mean = math.fsum(values) / n
        sd = math.sqrt(math.fsum((v - mean) ** 2 for v in values) / (n - 1)) if n > 1 else None
    low = high = None
    if n >= 2:
        low, high = _interval(mean, sd / math.sqrt(n), n - 1, confidence)
    return NumberResult(
        n,
        no_answer,
        mean,
        sd if n > 1 else None,
        low,
        high,
        confidence,
        _quantile_sorted(values, 0.5),
        _quantile_sorted(values, 0.25),
        _quantile_sorted(values, 0.75),
        float(values[0]),
        float(values[-1]),
    )


# -- trends ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MeanDifference:
    """``current`` minus ``previous``, with Welch's confidence interval of the difference."""

    difference: float | None
    ci_low: float | None
    ci_high: float | None
    df: float | None  # Welch-Satterthwaite degrees of freedom
    confidence: float

    def as_dict(self) -> dict:
        return asdict(self)


def welch(
    mean1: float,
    sd1: float,
    n1: int,
    mean2: float,
    sd2: float,
    n2: int,
    *,
    confidence: float = CONFIDENCE,
) -> MeanDifference:
    """The difference mean2 - mean1 of two independent samples, with Welch's interval."""
    difference = mean2 - mean1
    if n1 < 2 or n2 < 2:
        return MeanDifference(difference, None, None, None, confidence)
    v1, v2 = sd1 * sd1 / n1, sd2 * sd2 / n2
    se2 = v1 + v2
    if se2 == 0.0:  # no variation in either round: the difference is exact
        return MeanDifference(difference, difference, difference, None, confidence)
    df = se2 * se2 / (v1 * v1 / (n1 - 1) + v2 * v2 / (n2 - 1))
    low, high = _interval(difference, math.sqrt(se2), df, confidence)
    return MeanDifference(difference, low, high, df, confidence)


def compare_means(
    previous: ScaleResult | NumberResult,
    current: ScaleResult | NumberResult,
    *,
    confidence: float = CONFIDENCE,
) -> MeanDifference:
    """How much the mean moved from the previous round to this one."""
    if previous.mean is None or current.mean is None:
        return MeanDifference(None, None, None, None, confidence)
    return welch(
        previous.mean,
        previous.sd or 0.0,
        previous.n,
        current.mean,
        current.sd or 0.0,
        current.n,
        confidence=confidence,
    )


@dataclass(frozen=True)
class ShareChange:
    value: Hashable
    previous: float | None
    current: float | None
    points: float | None  # percentage points, current - previous


@dataclass(frozen=True)
class ShareComparison:
    changes: tuple[ShareChange, ...]
    net_share_points: float | None  # for scales: change of the net share in percentage points

    def as_dict(self) -> dict:
        return asdict(self)


def compare_shares(
    previous: ScaleResult | ChoiceResult, current: ScaleResult | ChoiceResult
) -> ShareComparison:
    """Changes of each point's or option's share, in percentage points (current's order).

    An option that one round did not have, or a round nobody answered, gives None.
    """

    def shares(result) -> dict:
        items = result.points if isinstance(result, ScaleResult) else result.options
        return {item.value: item.share for item in items} if result.n else {}

    before, after = shares(previous), shares(current)
    values = current.points if isinstance(current, ScaleResult) else current.options
    changes = []
    for item in values:
        old, new = before.get(item.value), after.get(item.value)
        points = None if old is None or new is None else 100.0 * (new - old)
        changes.append(ShareChange(item.value, old, new, points))
    net = None
    nets = [getattr(result, "net_share", None) for result in (previous, current)]
    if None not in nets:
        net = 100.0 * (nets[1] - nets[0])
    return ShareComparison(tuple(changes), net)


# -- response rate -----------------------------------------------------------------------------


@dataclass(frozen=True)
class ResponseRate:
    respondents: int
    audience: int
    rate: float | None  # None when the audience is empty

    def as_dict(self) -> dict:
        return asdict(self)


def response_rate(respondents: int, audience: int) -> ResponseRate:
    """Respondents per person in the audience.

    The rate is not capped at 1: more respondents than audience means the audience was
    counted at a different time, and hiding that would hide a data problem.
    """
    if respondents < 0 or audience < 0:
        raise ValueError("counts cannot be negative")
    return ResponseRate(respondents, audience, respondents / audience if audience else None)
