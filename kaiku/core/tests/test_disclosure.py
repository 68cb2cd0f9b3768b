"""Disclosure control: no group under 5 is shown, directly or by subtracting shown counts.

The property tests draw random organisation trees and check the result with an audit written
independently of the module (numpy's matrix rank instead of exact elimination).
"""

import itertools
import random
import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaiku.core.disclosure import (
    MIN_GROUP,
    MIN_TEXT_GROUP,
    Group,
    derivable,
    extremes_allowed,
    question_visible,
    safe_breakdown,
    shuffled,
    suppress,
    suppress_answers,
    suppress_texts,
    texts_visible,
)

# -- hand-written examples ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("total", "cells", "expected"),
    [
        (23, {"a": 20, "b": 3}, {"a": None, "b": None}),  # 23 - 20 would give the 3
        (30, {"a": 10, "b": 10, "c": 10}, {"a": 10, "b": 10, "c": 10}),
        (30, {"a": 12, "b": 10, "c": 6, "d": 2}, {"a": 12, "b": 10, "c": None, "d": None}),
        (30, {"a": 10, "b": 10, "c": 7}, {"a": 10, "b": 10, "c": None}),  # 3 in no cell
        (30, {"a": 10, "b": 10, "c": 5}, {"a": 10, "b": 10, "c": 5}),  # 5 in no cell is fine
        (30, {"a": 10, "b": 20, "c": 0}, {"a": 10, "b": 20, "c": 0}),  # 0 is shown
        (12, {"a": 2, "b": 3, "c": 7}, {"a": None, "b": None, "c": 7}),  # 2 + 3 = 5 hidden
        (12, {"a": 2, "b": 2, "c": 8}, {"a": None, "b": None, "c": None}),  # 4 is too few
        (4, {"a": 4, "b": 0}, {"a": None, "b": None}),  # a hidden total hides its cells
        (0, {"a": 0}, {"a": 0}),
    ],
)
def test_safe_breakdown(total, cells, expected):
    assert safe_breakdown(total, cells) == expected


def test_the_smallest_shown_sibling_protects_a_hidden_one():
    result = safe_breakdown(40, {"big": 20, "mid": 9, "small": 8, "tiny": 3})
    assert result == {"big": 20, "mid": 9, "small": None, "tiny": None}


def test_nested_type_and_organisation():
    groups = [
        Group("all", 60),
        Group("ely", 20, "all", "type"),
        Group("te", 40, "all", "type"),
        Group("ely-a", 17, "ely", "org"),
        Group("ely-b", 3, "ely", "org"),
        Group("te-a", 20, "te", "org"),
        Group("te-b", 20, "te", "org"),
    ]
    result = suppress(groups)
    assert result.hidden == {"ely-a", "ely-b"}
    assert result.count("ely") == 20
    assert result.count("te-a") == 20
    assert result.apply({"ely-a": [1, 2], "te-a": [3, 4]}) == {"ely-a": None, "te-a": [3, 4]}


def test_two_dimensions_over_the_same_total_are_each_safe():
    groups = [
        Group("all", 50),
        Group("ely", 47, "all", "type"),
        Group("keha", 3, "all", "type"),
        Group("north", 25, "all", "region"),
        Group("south", 25, "all", "region"),
    ]
    result = suppress(groups)
    assert result.hidden == {"ely", "keha"}
    assert result.count("north") == 25


def test_a_group_under_two_parents_is_hidden_everywhere_or_nowhere():
    # Organisation o1 is under type A and region R; three organisations, two dimensions.
    groups = [
        Group("all", 30),
        Group("A", 12, "all", "type"),
        Group("B", 18, "all", "type"),
        Group("R", 10, "all", "region"),
        Group("S", 20, "all", "region"),
    ]
    orgs = {"o1": (9, "A", "R"), "o2": (3, "A", "S"), "o3": (1, "B", "R"), "o4": (17, "B", "S")}
    for org, (n, kind, region) in orgs.items():
        groups += [Group(org, n, kind, "org"), Group(org, n, region, "org")]
    result = suppress(groups)
    check_safe(result, groups)
    assert {"o2", "o3"} <= result.hidden


def test_a_derivable_hidden_group_is_found_across_dimensions():
    # A 2 x 2 table with its margins: hiding one cell and its row partner is not enough when
    # the column margins are shown.
    groups = [
        Group("all", 40),
        Group("A", 20, "all", "type"),
        Group("B", 20, "all", "type"),
        Group("R", 20, "all", "region"),
        Group("S", 20, "all", "region"),
    ]
    cells = {"AR": (3, "A", "R"), "AS": (17, "A", "S"), "BR": (17, "B", "R"), "BS": (3, "B", "S")}
    for cell, (n, a, b) in cells.items():
        groups += [Group(cell, n, a, "cell"), Group(cell, n, b, "cell")]
    partitions = suppress(groups).partitions
    counts = {g.id: g.count for g in groups}
    assert derivable(counts, partitions, {"AR", "AS"}) == {"AR", "AS"}  # from R and S
    assert derivable(counts, partitions, {"AR", "AS", "BR", "BS"}) == set()
    check_safe(suppress(groups), groups)


def test_a_question_answered_by_few_is_hidden_for_that_group_and_its_complement():
    groups = [
        Group("all", 40),
        Group("a", 20, "all", "type"),
        Group("b", 20, "all", "type"),
    ]
    base = suppress(groups)
    assert base.hidden == set()
    answered = suppress_answers(base, {"all": 22, "a": 19, "b": 3}, groups)
    assert answered.hidden == {"a", "b"}
    assert answered.count("all") == 22
    assert question_visible(7) and question_visible(0) and not question_visible(4)
    assert not question_visible(7, group_shown=False)


def test_open_texts_need_ten_and_the_same_protection():
    groups = [Group("all", 30), Group("a", 21, "all", "t"), Group("b", 9, "all", "t")]
    assert suppress(groups).hidden == set()
    texts = suppress_texts(groups)
    assert texts.hidden == {"a", "b"}  # b is under 10, and all minus a would list b's texts
    assert texts.count("all") == 30
    assert texts_visible(MIN_TEXT_GROUP) and not texts_visible(MIN_TEXT_GROUP - 1)
    assert extremes_allowed(10) and not extremes_allowed(9)


def test_shuffled_ignores_the_order_given():
    texts = [f"vastaus {i}" for i in range(30)]
    once = shuffled(texts, salt="q1")
    assert once == shuffled(list(reversed(texts)), salt="q1")
    assert once == shuffled(random.Random(3).sample(texts, len(texts)), salt="q1")
    assert sorted(once) == sorted(texts)
    assert once != texts and once != sorted(texts)
    assert shuffled(texts, salt="q2") != once


def test_bad_input_is_refused():
    with pytest.raises(ValueError, match="more than"):
        suppress([Group("all", 5), Group("a", 6, "all")])
    with pytest.raises(ValueError, match="two different counts"):
        suppress([Group("a", 5), Group("a", 6)])
    with pytest.raises(ValueError, match="cycle"):
        suppress([Group("a", 5, "b"), Group("b", 5, "a")])
    with pytest.raises(ValueError, match="not given"):
        suppress([Group("a", 5, "nowhere")])
    with pytest.raises(ValueError, match="≥ 0"):
        suppress([Group("a", -1)])


def test_module_does_not_import_django():
    code = (
        "import sys; import kaiku.core.disclosure as d; d.safe_breakdown(23, {'a': 20}); "
        "assert 'django' not in sys.modules, [m for m in sys.modules if 'django' in m]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


# -- the independent audit ---------------------------------------------------------------------


def structure(groups):
    counts = {g.id: g.count for g in groups}
    parts = {}
    parents = {g.id: set() for g in groups}
    for g in groups:
        if g.parent is not None:
            children = parts.setdefault((g.parent, g.dimension), [])
            if g.id not in children:
                children.append(g.id)
            parents[g.id].add(g.parent)
    return counts, parts, parents


def ancestors(group_id, parents):
    seen, stack = set(), [group_id]
    while stack:
        for p in parents[stack.pop()]:
            if p not in seen:
                seen.add(p)
                stack.append(p)
    return seen


def determined(counts, parts, hidden):
    """Hidden groups (and remainders) whose value the shown counts fix, by numpy rank."""
    unknowns = sorted(hidden, key=repr)
    remainders = [
        key for key, children in parts.items() if counts[key[0]] > sum(counts[c] for c in children)
    ]
    columns = [("g", g) for g in unknowns] + [("r", key) for key in remainders]
    index = {c: i for i, c in enumerate(columns)}
    rows = []
    for key, children in parts.items():
        row = np.zeros(len(columns))
        if key[0] in hidden:
            row[index[("g", key[0])]] += 1
        for c in children:
            if c in hidden:
                row[index[("g", c)]] -= 1
        if ("r", key) in index:
            row[index[("r", key)]] -= 1
        if row.any():
            rows.append(row)
    if not rows:
        return set()
    matrix = np.array(rows)
    rank = np.linalg.matrix_rank(matrix)
    found = set()
    for column, i in index.items():
        unit = np.zeros(len(columns))
        unit[i] = 1
        if np.linalg.matrix_rank(np.vstack([matrix, unit])) == rank:
            found.add(column)
    return found


def check_safe(result, groups, minimum=MIN_GROUP):
    counts, parts, parents = structure(groups)
    hidden = set(result.hidden)
    shown = {g for g in counts if g not in hidden}
    # Every primary group is hidden and every shown count is 0 or at least the minimum.
    for g in shown:
        assert counts[g] == 0 or counts[g] >= minimum, g
        # A shown group's parents are shown (a hidden group hides what is under it).
        assert parents[g] <= shown, g
    # A shown group and any shown group inside it differ by 0 or at least the minimum.
    for g in shown:
        for a in ancestors(g, parents) & shown:
            diff = counts[a] - counts[g]
            assert diff == 0 or diff >= minimum, (a, g, diff)
    # Within every partition with a shown parent, the hidden children (and the people in no
    # child) are none, or at least the minimum together and not a single small group.
    for (parent, _dim), children in parts.items():
        if parent in hidden:
            continue
        rest = counts[parent] - sum(counts[c] for c in children)
        entries = [counts[c] for c in children if c in hidden and counts[c] > 0]
        entries += [rest] if rest > 0 else []
        assert sum(entries) == 0 or sum(entries) >= minimum, (parent, entries)
        if len(entries) == 1:
            assert entries[0] >= minimum
    # No hidden small group, and no small remainder, follows from the shown counts by any
    # linear combination of the partitions.
    fixed = determined(counts, parts, hidden)
    for kind, key in fixed:
        value = counts[key] if kind == "g" else rest_of(counts, parts, key)
        assert value == 0 or value >= minimum, (kind, key, value)
    # What is left unknown in a partition whose parent is known is 0 or at least the minimum.
    known = shown | {key for kind, key in fixed if kind == "g"}
    for key, children in parts.items():
        if key[0] not in known:
            continue
        left = sum(counts[c] for c in children if c not in known)
        if ("r", key) not in fixed:
            left += rest_of(counts, parts, key)
        assert left == 0 or left >= minimum, (key, left)


def rest_of(counts, parts, key):
    return counts[key[0]] - sum(counts[c] for c in parts[key])


# -- random organisation trees -----------------------------------------------------------------


@st.composite
def organisation_trees(draw):
    """The whole survey at the root, organisations as leaves, one or two dimensions.

    The first dimension nests 1 to 3 levels (types, sub-types, organisations). The second, when
    there is one, is either regions of their own or regions over the same organisations.
    Some respondents may be in no organisation or no region.
    """
    n_orgs = draw(st.integers(1, 10))
    org_counts = draw(st.lists(st.integers(0, 40), min_size=n_orgs, max_size=n_orgs))
    depth = draw(st.integers(1, 3))
    outside = draw(st.sampled_from([0, 0, 0, 1, 3, 6]))
    total = sum(org_counts) + outside
    groups = [Group("root", total)]
    # Paths of the first dimension: root -> (level-1 group) -> (level-2 group) -> organisation.
    paths = []
    for i in range(n_orgs):
        path = ["root"]
        for level in range(1, depth):
            path.append(f"{path[-1]}/{level}.{draw(st.integers(0, 2))}")
        paths.append((f"org{i}", path))
    sizes = {}
    for (_org, path), n in zip(paths, org_counts, strict=True):
        for node in path[1:]:
            sizes[node] = sizes.get(node, 0) + n
    for node, n in sizes.items():
        parent = node.rsplit("/", 1)[0]
        groups.append(Group(node, n, parent, "type"))
    for (org, path), n in zip(paths, org_counts, strict=True):
        groups.append(Group(org, n, path[-1], "org" if depth > 1 else "type"))
    second = draw(st.sampled_from(["none", "flat", "shared"]))
    if second == "flat":
        regions = draw(st.lists(st.integers(0, 40), min_size=1, max_size=5))
        if sum(regions) <= total:
            groups += [Group(f"r{i}", n, "root", "region") for i, n in enumerate(regions)]
    elif second == "shared":
        assignment = [draw(st.sampled_from([None, 0, 1, 2])) for _ in range(n_orgs)]
        region_sizes = {}
        for (org, _path), n, r in zip(paths, org_counts, assignment, strict=True):
            if r is not None:
                region_sizes[r] = region_sizes.get(r, 0) + n
                groups.append(Group(org, n, f"r{r}", "org"))
        groups += [Group(f"r{r}", n, "root", "region") for r, n in region_sizes.items()]
    return groups


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisation_trees(), st.randoms(use_true_random=False))
def test_random_organisation_trees_are_safe(groups, rnd):
    result = suppress(groups)
    check_safe(result, groups)
    counts = {g.id: g.count for g in groups}
    assert {g for g, n in counts.items() if 0 < n < MIN_GROUP} <= result.hidden
    # The whole survey is shown whenever it is large enough.
    assert result.shown("root") == (counts["root"] == 0 or counts["root"] >= MIN_GROUP)
    # The order of the input does not matter.
    shuffled_groups = list(groups)
    rnd.shuffle(shuffled_groups)
    assert suppress(shuffled_groups).hidden == result.hidden


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(organisation_trees(), st.data())
def test_random_trees_stay_safe_per_question_and_for_texts(groups, data):
    base = suppress(groups)
    answered = {}
    # An optional question: each group's answer count, consistent with its children's.
    counts, parts, parents = structure(groups)
    leaves = [g for g in counts if not any(key[0] == g for key in parts)]
    for leaf in leaves:
        answered[leaf] = data.draw(st.integers(0, counts[leaf]))
    for g in sorted(counts, key=lambda g: -len(ancestors(g, parents))):
        if g in answered:
            continue
        dims = [children for key, children in parts.items() if key[0] == g]
        sums = [sum(answered[c] for c in children) for children in dims]
        answered[g] = max(sums)
    question_groups = [Group(g.id, answered[g.id], g.parent, g.dimension) for g in groups]
    question = suppress_answers(base, answered, groups)
    assert base.hidden <= question.hidden
    check_safe(question, question_groups)
    texts = suppress_texts(groups, base)
    assert base.hidden <= texts.hidden
    check_safe(texts, groups, minimum=MIN_TEXT_GROUP)


def test_exhaustive_small_breakdowns():
    # Every total split into up to three cells of 0..12, with people outside the cells.
    for cells in itertools.product(range(13), repeat=3):
        for outside in (0, 2, 5):
            total = sum(cells) + outside
            groups = [Group("t", total)] + [Group(i, n, "t", "c") for i, n in enumerate(cells)]
            check_safe(suppress(groups), groups)
