"""Survey statistics: hand-checked numbers, scipy and the statistics module as references."""

import json
import math
import statistics
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from scipy import stats

from kaiku.core.surveystats import (
    choice_from_counts,
    choice_stats,
    compare_means,
    compare_shares,
    number_stats,
    response_rate,
    scale_from_counts,
    scale_stats,
    t_cdf,
    t_quantile,
    welch,
)

# -- the t distribution ------------------------------------------------------------------------


@pytest.mark.parametrize("df", [0.5, 1, 2, 3, 4.7, 9, 29, 120, 299, 300, 301.5, 1000, 5000, 19999])
@pytest.mark.parametrize("p", [0.6, 0.9, 0.975, 0.995, 0.025])
def test_t_quantile_matches_scipy(df, p):
    assert t_quantile(p, df) == pytest.approx(stats.t.ppf(p, df), rel=1e-9, abs=1e-12)


@pytest.mark.parametrize("df", [1, 3.5, 30])
@pytest.mark.parametrize("t", [-40, -2.1, -0.3, 0, 0.3, 1.96, 12.7])
def test_t_cdf_matches_scipy(df, t):
    assert t_cdf(t, df) == pytest.approx(stats.t.cdf(t, df), rel=1e-10, abs=1e-14)


def test_t_quantile_refuses_nonsense():
    with pytest.raises(ValueError):
        t_quantile(1.0, 5)
    with pytest.raises(ValueError):
        t_quantile(0.9, 0)


# -- scales ------------------------------------------------------------------------------------


def test_a_five_point_scale_by_hand():
    result = scale_stats([5, 4, 4, None, 2, 1, 4, None], points=5)
    assert result.n == 6 and result.no_answer == 2
    assert result.no_answer_share == pytest.approx(2 / 8)
    assert [p.count for p in result.points] == [1, 1, 0, 3, 1]
    assert [p.share for p in result.points] == pytest.approx([1 / 6, 1 / 6, 0, 3 / 6, 1 / 6])
    answers = [5, 4, 4, 2, 1, 4]
    assert result.mean == pytest.approx(statistics.mean(answers))
    assert result.sd == pytest.approx(statistics.stdev(answers))
    assert result.median == statistics.median(answers) == 4
    low, high = stats.t.interval(0.95, 5, loc=np.mean(answers), scale=stats.sem(answers))
    assert (result.ci_low, result.ci_high) == pytest.approx((low, high))
    assert result.net_share == pytest.approx((4 - 2) / 6)  # (4, 4, 4, 5) - (1, 2)


def test_a_seven_point_scale_net_share_uses_six_and_seven():
    result = scale_stats([7, 6, 5, 4, 3, 2, 1, 7], points=7)
    assert result.net_share == pytest.approx((3 - 2) / 8)
    assert result.median == 4.5


def test_net_share_needs_four_points():
    assert scale_stats([1, 3], points=3).net_share is None
    assert scale_stats([1, 4], points=4).net_share == 0.0


def test_scale_edge_cases_are_exact():
    empty = scale_stats([None, None])
    assert (empty.n, empty.no_answer, empty.mean, empty.sd, empty.ci_low) == (
        0,
        2,
        None,
        None,
        None,
    )
    assert empty.net_share is None and empty.median is None
    assert all(p.share == 0.0 for p in empty.points)
    assert scale_stats([]).no_answer_share == 0.0
    one = scale_stats([3])
    assert (one.mean, one.sd, one.ci_low, one.ci_high, one.median) == (3.0, None, None, None, 3.0)
    same = scale_stats([4] * 1000)
    assert (same.mean, same.sd, same.ci_low, same.ci_high) == (4.0, 0.0, 4.0, 4.0)
    assert same.points[3].share == 1.0


def test_scale_from_counts_is_the_same_as_from_answers():
    answers = [1] * 3 + [2] * 10 + [5] * 40 + [None] * 2
    assert scale_from_counts({1: 3, 2: 10, 5: 40}, no_answer=2) == scale_stats(answers)


def test_scale_refuses_answers_off_the_scale():
    with pytest.raises(ValueError, match="outside"):
        scale_stats([6], points=5)
    assert scale_stats([0, 10], points=[0, 5, 10]).mean == 5.0


def test_results_are_json():
    scale = scale_stats([1, 2, 5])
    assert json.loads(json.dumps(scale.as_dict()))["points"][4] == {
        "value": 5,
        "count": 1,
        "share": pytest.approx(1 / 3),
    }
    json.dumps(number_stats([1, 2]).as_dict())
    json.dumps(choice_stats(["a"], options=["a", "b"]).as_dict())
    json.dumps(response_rate(1, 2).as_dict())


# -- choices -----------------------------------------------------------------------------------


def test_single_choice():
    result = choice_stats(
        ["a", "b", "a", None, "other"],
        options=["a", "b", "c", "other"],
        other_texts=["  Kunta  ", "", None],
    )
    assert [(o.value, o.count) for o in result.options] == [
        ("a", 2),
        ("b", 1),
        ("c", 0),
        ("other", 1),
    ]
    assert sum(o.share for o in result.options) == pytest.approx(1.0)
    assert (result.n, result.no_answer, result.multiple) == (4, 1, False)
    assert result.other_texts == ("Kunta",)


def test_multiple_choice_shares_are_of_respondents():
    result = choice_stats(
        [{"a", "b"}, {"a"}, ["a", "a", "c"], set(), None],
        options=["a", "b", "c"],
        multiple=True,
    )
    assert (result.n, result.no_answer) == (3, 2)
    assert [o.count for o in result.options] == [3, 1, 1]
    assert [o.share for o in result.options] == pytest.approx([1.0, 1 / 3, 1 / 3])


def test_choice_refuses_unknown_options_and_impossible_counts():
    with pytest.raises(ValueError, match="not options"):
        choice_stats(["z"], options=["a"])
    with pytest.raises(ValueError, match="do not fit"):
        choice_from_counts({"a": 3}, options=["a"], n=2)


# -- numbers -----------------------------------------------------------------------------------


def test_numbers_by_hand():
    values = [3, 7.5, 12, 1, 40, 8]
    result = number_stats([*values, None])
    assert (result.n, result.no_answer) == (6, 1)
    assert result.mean == pytest.approx(statistics.mean(values))
    assert result.sd == pytest.approx(statistics.stdev(values))
    assert result.median == statistics.median(values)
    q1, q3 = np.percentile(values, [25, 75])
    assert (result.q1, result.q3) == pytest.approx((q1, q3))
    assert (result.minimum, result.maximum) == (1.0, 40.0)
    assert result.as_dict(extremes=False)["maximum"] is None
    low, high = stats.t.interval(0.95, 5, loc=np.mean(values), scale=stats.sem(values))
    assert (result.ci_low, result.ci_high) == pytest.approx((low, high))


def test_number_edge_cases():
    assert number_stats([None]).mean is None
    one = number_stats([2.5])
    assert (one.mean, one.sd, one.ci_low, one.median, one.q1, one.q3) == (
        2.5,
        None,
        None,
        2.5,
        2.5,
        2.5,
    )
    same = number_stats([0.1] * 7)
    assert (same.mean, same.sd, same.ci_low, same.ci_high, same.q1) == (0.1, 0.0, 0.1, 0.1, 0.1)
    for bad in (math.nan, math.inf, True):
        with pytest.raises(ValueError):
            number_stats([bad])


# -- trends ------------------------------------------------------------------------------------


def test_welch_matches_scipy():
    before = [3, 4, 4, 5, 2, 3, 4, 4, 1]
    after = [4, 5, 5, 3, 4, 5, 4, 4, 5, 5, 2, 4]
    diff = compare_means(scale_stats(before), scale_stats(after))
    assert diff.difference == pytest.approx(np.mean(after) - np.mean(before))
    test = stats.ttest_ind(after, before, equal_var=False)
    interval = test.confidence_interval(0.95)
    assert (diff.ci_low, diff.ci_high) == pytest.approx((interval.low, interval.high))
    assert diff.df == pytest.approx(test.df)


def test_welch_edge_cases():
    assert welch(1, 0, 1, 2, 0, 5).ci_low is None  # one answer in a round: no interval
    exact = welch(3, 0.0, 10, 4, 0.0, 10)
    assert (exact.difference, exact.ci_low, exact.ci_high) == (1, 1, 1)
    nothing = compare_means(scale_stats([None]), scale_stats([3]))
    assert nothing.difference is None


def test_share_changes_in_percentage_points():
    before = scale_stats([1, 2, 4, 5])
    after = scale_stats([4, 5, 5, 5])
    comparison = compare_shares(before, after)
    assert [c.points for c in comparison.changes] == pytest.approx([-25, -25, 0, 0, 50])
    assert comparison.net_share_points == pytest.approx(100.0 - 0.0)
    choices = compare_shares(
        choice_stats(["a", "b"], options=["a", "b"]),
        choice_stats(["a", "a", "c"], options=["a", "b", "c"]),
    )
    assert [(c.value, c.points) for c in choices.changes] == [
        ("a", pytest.approx(100 * (2 / 3 - 1 / 2))),
        ("b", pytest.approx(-50.0)),
        ("c", None),  # a new option
    ]
    assert compare_shares(scale_stats([]), after).changes[0].points is None


def test_response_rate():
    assert response_rate(412, 950).rate == pytest.approx(412 / 950)
    assert response_rate(0, 0).rate is None
    assert response_rate(3, 0).rate is None
    with pytest.raises(ValueError):
        response_rate(-1, 3)


def test_module_does_not_import_django_or_scipy():
    code = (
        "import sys; import kaiku.core.surveystats as s; s.scale_stats([1, 2, 5]); "
        "assert not [m for m in sys.modules if m.split('.')[0] in ('django', 'scipy')]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# -- robustness --------------------------------------------------------------------------------

scale_answers = st.lists(st.one_of(st.none(), st.integers(1, 7)), max_size=300)


@settings(max_examples=300, deadline=None)
@given(scale_answers, st.sampled_from([0.8, 0.95, 0.99]))
def test_any_scale_answers(answers, confidence):
    result = scale_stats(answers, points=7, confidence=confidence)
    given_answers = [a for a in answers if a is not None]
    assert result.n + result.no_answer == len(answers)
    assert sum(p.count for p in result.points) == result.n
    if result.n:
        assert math.fsum(p.share for p in result.points) == pytest.approx(1.0, abs=1e-12)
        assert 1 <= result.mean <= 7 and -1 <= result.net_share <= 1
        assert result.mean == pytest.approx(statistics.fmean(given_answers))
        assert result.median == statistics.median(given_answers)
    if result.n >= 2:
        assert result.sd == pytest.approx(statistics.stdev(given_answers), abs=1e-12)
        assert result.ci_low <= result.mean <= result.ci_high
        half = (result.ci_high - result.ci_low) / 2
        expected = stats.t.ppf(0.5 + confidence / 2, result.n - 1) * result.sd / result.n**0.5
        assert half == pytest.approx(expected, rel=1e-9, abs=1e-12)
    else:
        assert result.ci_low is None


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.none(),
            st.integers(-(10**6), 10**6),
            st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False),
        ),
        max_size=200,
    )
)
def test_any_numbers(answers):
    result = number_stats(answers)
    values = sorted(a for a in answers if a is not None)
    assert result.n == len(values)
    if values:
        assert result.minimum <= result.q1 <= result.median <= result.q3 <= result.maximum
        assert result.minimum <= result.mean <= result.maximum
        assert result.median == pytest.approx(float(np.median(values)), rel=1e-12, abs=1e-9)
    if len(values) >= 2:
        assert result.ci_low <= result.mean <= result.ci_high
        assert result.sd == pytest.approx(statistics.stdev(values), rel=1e-9, abs=1e-6)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.one_of(st.none(), st.frozensets(st.sampled_from("abcde"), max_size=5)), max_size=100
    )
)
def test_any_multiple_choice_answers(answers):
    result = choice_stats(answers, options=list("abcde"), multiple=True)
    answered = [a for a in answers if a]
    assert result.n == len(answered)
    for option in result.options:
        assert option.count == sum(option.value in a for a in answered)
        assert 0.0 <= option.share <= 1.0
    if answered:
        assert math.fsum(o.share for o in result.options) >= 1.0 - 1e-12


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.none(), st.sampled_from("abc")), max_size=100))
def test_any_single_choice_answers(answers):
    result = choice_stats(answers, options=list("abc"))
    if result.n:
        assert math.fsum(o.share for o in result.options) == pytest.approx(1.0, abs=1e-12)
    else:
        assert all(o.share == 0.0 for o in result.options)
