"""Disclosure control for survey results: no small group is shown, also not by subtraction.

```python
from kaiku.core.disclosure import Group, suppress, safe_breakdown

groups = [
    Group("all", 120),
    Group("ely", 40, parent="all", dimension="type"),
    Group("te", 80, parent="all", dimension="type"),
    Group("ely-uusimaa", 37, parent="ely", dimension="organisation"),
    Group("ely-lappi", 3, parent="ely", dimension="organisation"),
    Group("uusimaa", 70, parent="all", dimension="region"),
    Group("ely-uusimaa", 37, parent="uusimaa", dimension="organisation"),  # the same group
    ...
]
result = suppress(groups)
result.count("ely-lappi")      # None: 3 respondents
result.count("ely-uusimaa")    # None too: 40 - 37 would give away the 3
result.apply(distributions)    # {group id: distribution or None}

safe_breakdown(23, {"a": 20, "b": 3})   # {"a": None, "b": None}
```

The groups form partitions: the whole survey at the root, and under a group each breakdown
*dimension* (organisation type, region, organisation) divides it into disjoint child groups.
Nesting (type, then the organisations of a type) is a partition of a partition. A group may be
listed under several parents (an organisation under its type and under its region): the same
id is the same people, so it is hidden everywhere or nowhere. Children that do not add up to
their parent leave a *remainder* (respondents whose region is unknown): a group that is never
shown and is protected like any other.

The rules (docs/survey-results.md):

* primary: a group of 1 to ``minimum - 1`` respondents is hidden; an empty group (0) is shown
  as 0, because it describes nobody;
* a hidden group hides everything under it;
* complementary: in every partition whose parent can be known, the hidden children together
  (the remainder included) number 0 or at least ``minimum``; otherwise the smallest shown
  child is hidden too;
* exact audit: no hidden group of 1 to ``minimum - 1`` may be derivable from the shown counts
  by any linear combination of the partitions (which matters only when groups are listed under
  several parents); a hidden group that is derivable counts as known for the rule above.

Together they give: every shown count is 0 or at least ``minimum``, and the difference of a
shown group and any shown group inside it is 0 or at least ``minimum``.

``minimum`` is ``MIN_GROUP`` (5) for counts, distributions and means, and ``MIN_TEXT_GROUP``
(10) for open-text answers and the smallest and largest number given (``suppress_texts``,
``extremes_allowed``). Plain Python: no Django, so exports, the API, strategy work and events
use the same code.
"""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import TypeVar

MIN_GROUP = 5
MIN_TEXT_GROUP = 10

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)


@dataclass(frozen=True)
class Group:
    """A group of respondents: ``count`` people, one part of ``parent`` in ``dimension``."""

    id: Hashable
    count: int
    parent: Hashable | None = None
    dimension: str = ""


@dataclass(frozen=True)
class Partition:
    """The children of ``parent`` in one dimension, and the respondents none of them covers."""

    parent: Hashable
    dimension: str
    children: tuple[Hashable, ...]
    remainder: int


@dataclass(frozen=True)
class Suppression:
    """What may be shown. ``hidden`` holds the ids of the groups that may not."""

    counts: Mapping[Hashable, int]
    hidden: frozenset
    minimum: int = MIN_GROUP
    partitions: tuple[Partition, ...] = field(default=(), repr=False)

    def shown(self, group_id: Hashable) -> bool:
        return group_id in self.counts and group_id not in self.hidden

    def count(self, group_id: Hashable) -> int | None:
        """The count to show, or None when the group is hidden."""
        return self.counts[group_id] if self.shown(group_id) else None

    def shown_counts(self) -> dict[Hashable, int | None]:
        return {group_id: self.count(group_id) for group_id in self.counts}

    def apply(self, values: Mapping[K, T]) -> dict[K, T | None]:
        """``values`` (a distribution, a mean, ... per group) with hidden groups' set to None."""
        return {key: (value if self.shown(key) else None) for key, value in values.items()}


# -- building the structure --------------------------------------------------------------------


def _structure(groups: Iterable[Group]) -> tuple[dict, tuple[Partition, ...], dict]:
    counts: dict[Hashable, int] = {}
    members: dict[tuple[Hashable, str], list[Hashable]] = {}
    parents: dict[Hashable, set[Hashable]] = {}
    for group in groups:
        if not isinstance(group.count, int) or group.count < 0:
            raise ValueError(f"group {group.id!r}: count must be an integer ≥ 0")
        if counts.setdefault(group.id, group.count) != group.count:
            raise ValueError(f"group {group.id!r} is given two different counts")
        parents.setdefault(group.id, set())
        if group.parent is not None:
            if group.parent == group.id:
                raise ValueError(f"group {group.id!r} is its own parent")
            children = members.setdefault((group.parent, group.dimension), [])
            if group.id not in children:
                children.append(group.id)
            parents[group.id].add(group.parent)
    partitions = []
    for (parent, dimension), children in members.items():
        if parent not in counts:
            raise ValueError(f"group {parent!r} is a parent but not given")
        remainder = counts[parent] - sum(counts[c] for c in children)
        if remainder < 0:
            raise ValueError(
                f"the {dimension or 'children'} of {parent!r} number more than {parent!r}"
            )
        partitions.append(Partition(parent, dimension, tuple(children), remainder))
    _check_acyclic(parents)
    return counts, tuple(partitions), parents


def _check_acyclic(parents: Mapping[Hashable, set[Hashable]]) -> None:
    state: dict[Hashable, int] = {}  # 1 = on the path, 2 = done
    for start in parents:
        stack = [(start, iter(parents[start]))]
        if state.get(start) == 2:
            continue
        state[start] = 1
        while stack:
            node, it = stack[-1]
            nxt = next(it, None)
            if nxt is None:
                state[node] = 2
                stack.pop()
            elif state.get(nxt) == 1:
                raise ValueError(f"the groups form a cycle through {nxt!r}")
            elif state.get(nxt) != 2:
                state[nxt] = 1
                stack.append((nxt, iter(parents[nxt])))


def _order(group_id: Hashable, counts: Mapping[Hashable, int]) -> tuple:
    # Smallest first, then a fixed order that does not depend on the order of the input.
    return (counts[group_id], type(group_id).__name__, repr(group_id))


# -- the exact audit ---------------------------------------------------------------------------


def derivable(
    counts: Mapping[Hashable, int],
    partitions: Sequence[Partition],
    hidden: Iterable[Hashable],
) -> set[Hashable]:
    """The hidden groups whose exact count follows from the others (``Suppression.partitions``)."""
    return _derivable(counts, partitions, hidden)[0]


def _derivable(
    counts: Mapping[Hashable, int],
    partitions: Sequence[Partition],
    hidden: Iterable[Hashable],
) -> tuple[set[Hashable], set[Partition]]:
    """The hidden groups whose exact count follows from the shown ones by linear algebra.

    Every partition says ``parent = children + remainder``; the shown counts are known, the
    hidden counts and the remainders are unknowns. A hidden group is derivable when its unit
    vector lies in the row space of the equations restricted to the unknowns (computed exactly,
    with fractions, in reduced row echelon form). Bounds that follow from counts being ≥ 0 are
    not considered: they give ranges, not counts.
    """
    hidden = set(hidden)
    by_key = {(p.parent, p.dimension): p for p in partitions}
    rows: list[dict] = []
    for p in partitions:
        row: dict = {}
        if p.parent in hidden:
            row[("g", p.parent)] = Fraction(1)
        for child in p.children:
            if child in hidden:
                row[("g", child)] = row.get(("g", child), Fraction(0)) - 1
        if p.remainder:
            row[("r", p.parent, p.dimension)] = Fraction(-1)
        row = {k: v for k, v in row.items() if v}
        if row:
            rows.append(row)
    pivots: dict = {}  # pivot variable -> its row (reduced: no other row has the pivot)
    for row in rows:
        for var in [v for v in row if v in pivots]:
            factor = row.get(var)
            if factor:
                for k, v in pivots[var].items():
                    row[k] = row.get(k, 0) - factor * v
                    if not row[k]:
                        del row[k]
        if not row:
            continue
        pivot = min(row, key=repr)
        scale = row[pivot]
        row = {k: v / scale for k, v in row.items()}
        for other in pivots.values():
            factor = other.get(pivot)
            if factor:
                for k, v in row.items():
                    other[k] = other.get(k, 0) - factor * v
                    if not other[k]:
                        del other[k]
        pivots[pivot] = row
    fixed = [var for var, row in pivots.items() if len(row) == 1]
    groups = {var[1] for var in fixed if var[0] == "g"}
    remainders = {by_key[var[1:]] for var in fixed if var[0] == "r"}
    return groups, remainders


# -- suppression -------------------------------------------------------------------------------


def suppress(
    groups: Iterable[Group],
    *,
    minimum: int = MIN_GROUP,
    hidden: Iterable[Hashable] = (),
) -> Suppression:
    """Decide which groups may be shown; see the module docstring for the rules.

    ``hidden`` are groups to hide whatever their count (the groups a coarser suppression already
    hid, for the answers to one question or for open text). The result does not depend on the
    order of ``groups``.
    """
    if minimum < 1:
        raise ValueError("minimum must be at least 1")
    counts, partitions, parents = _structure(groups)
    children_of: dict[Hashable, list[Hashable]] = {}
    for p in partitions:
        children_of.setdefault(p.parent, []).extend(p.children)
    hidden_set = {g for g in hidden if g in counts}
    hidden_set |= {g for g, n in counts.items() if 0 < n < minimum}
    several_parents = any(len(ps) > 1 for ps in parents.values())
    ordered = sorted(partitions, key=lambda p: (_order(p.parent, counts), p.dimension))

    def below(groups: set) -> set:
        """``groups`` and everything under them."""
        groups = set(groups)
        stack = list(groups)
        while stack:
            for child in children_of.get(stack.pop(), ()):
                if child not in groups:
                    groups.add(child)
                    stack.append(child)
        return groups

    def smallest_shown(candidates: Iterable[Hashable]) -> Hashable | None:
        shown = [c for c in candidates if c not in hidden_set and counts[c] > 0]
        return min(shown, key=lambda c: _order(c, counts)) if shown else None

    def too_few(partition: Partition, unknown: set) -> bool:
        left = partition.remainder + sum(counts[c] for c in partition.children if c in unknown)
        return 0 < left < minimum

    def protect(partition: Partition) -> None:
        # Hide the smallest shown child; failing that the parent; failing that (possible only
        # when a group has several parents) a group next to the parent, and as a last resort
        # every group, which is always safe.
        parent = partition.parent
        around = [c for p in partitions if parent in p.children for c in p.children]
        extra = smallest_shown(partition.children)
        if extra is None and parent not in hidden_set:
            extra = parent
        if extra is None:
            extra = smallest_shown(around)
        if extra is None:
            extra = smallest_shown(parents[parent])
        if extra is None:
            hidden_set.update(g for g in counts if counts[g] > 0)
        else:
            hidden_set.add(extra)

    while True:
        hidden_set = below(hidden_set)
        # The rule within each partition whose parent is shown, taking every hidden group as
        # unknown; this alone is exact for a tree (docs/survey-results.md).
        changed = False
        for p in ordered:
            if p.parent not in hidden_set and too_few(p, hidden_set):
                protect(p)
                changed = True
        if changed:
            continue
        if not several_parents:
            break
        # A group under several parents: what linear algebra reveals. A hidden group whose
        # count follows from the shown ones is known, in the rule above and as a parent.
        known_hidden, known_remainders = _derivable(counts, partitions, hidden_set)
        unknown = hidden_set - known_hidden
        for p in ordered:
            small_rest = p in known_remainders and 0 < p.remainder < minimum
            if small_rest or (p.parent not in unknown and too_few(p, unknown)):
                protect(p)
                changed = True
                break
        if changed:
            continue
        small = [g for g in known_hidden if 0 < counts[g] < minimum]
        if not small:
            break
        # Hide the smallest shown group of an equation that takes part in the derivation,
        # preferring one that stops it.
        target = min(small, key=lambda g: _order(g, counts))
        involved = {
            g
            for p in partitions
            if p.parent in known_hidden or known_hidden.intersection(p.children)
            for g in (p.parent, *p.children)
            if g not in hidden_set and counts[g] > 0
        }
        candidates = sorted(involved, key=lambda g: _order(g, counts))
        if not candidates:
            hidden_set.update(g for g in counts if counts[g] > 0)
            continue
        for extra in candidates:
            trial = below(hidden_set | {extra})
            if target not in _derivable(counts, partitions, trial)[0]:
                break
        else:
            extra = candidates[0]
        hidden_set.add(extra)
    return Suppression(counts, frozenset(hidden_set), minimum, partitions)


def safe_breakdown(
    total: int, cells: Mapping[K, int], *, minimum: int = MIN_GROUP
) -> dict[K, int | None]:
    """One breakdown of a total: ``{key: count, or None when hidden}``.

    The cells may add up to less than ``total`` (people in no cell). A total below ``minimum``
    (and not 0) is itself hidden and hides every cell.
    """
    root = object()
    groups = [Group(root, total)]
    groups += [Group(("cell", key), n, parent=root, dimension="cells") for key, n in cells.items()]
    result = suppress(groups, minimum=minimum)
    return {key: result.count(("cell", key)) for key in cells}


def suppress_answers(
    base: Suppression, answered: Mapping[Hashable, int], groups: Iterable[Group]
) -> Suppression:
    """The suppression for one question: ``answered`` is how many in each group answered it.

    A group hidden in ``base`` stays hidden; a group where 1 to ``minimum - 1`` people answered
    the question (an optional one) is hidden for this question, with the same complementary
    suppression so that it cannot be recovered from the question's other groups either.
    ``groups`` is the same structure ``base`` was made from (its counts are replaced).
    """
    retold = [Group(g.id, answered.get(g.id, 0), g.parent, g.dimension) for g in groups]
    return suppress(retold, minimum=base.minimum, hidden=base.hidden)


def suppress_texts(groups: Iterable[Group], base: Suppression | None = None) -> Suppression:
    """The groups whose open-text answers may be listed: the same rules with MIN_TEXT_GROUP.

    A text cannot be told apart by subtraction from a shown group's list either: the answers of
    a parent minus those of its listed children belong to ``MIN_TEXT_GROUP`` people or more.
    """
    return suppress(groups, minimum=MIN_TEXT_GROUP, hidden=base.hidden if base else ())


def question_visible(answered: int, *, group_shown: bool = True, minimum: int = MIN_GROUP) -> bool:
    """May the results of a question be shown for a group where ``answered`` people answered it?

    For a single group on its own (no breakdown). With breakdowns use ``suppress_answers``.
    """
    return group_shown and (answered == 0 or answered >= minimum)


def texts_visible(count: int) -> bool:
    """May the open-text answers of a group of ``count`` people be listed (on its own)?"""
    return count >= MIN_TEXT_GROUP


def extremes_allowed(count: int) -> bool:
    """May the smallest and largest number given in a group of ``count`` answers be shown?

    A minimum or a maximum is one person's exact answer, like an open text, so the same bound
    applies. Means, medians and quartiles follow the ordinary rules.
    """
    return count >= MIN_TEXT_GROUP


def shuffled(texts: Iterable[str], *, salt: str = "") -> list[str]:
    """Open-text answers in an order that says nothing about who wrote them or when.

    The answers are sorted by the SHA-256 hash of ``salt`` and the text. The order depends only
    on which texts there are, never on the order they were stored or given in, so it cannot
    leak the order of submission, needs no secret, and is the same on every page load (no
    re-shuffling to compare, and the page can be cached). A ``salt`` such as the question's id
    makes two questions with the same answers list them differently.
    """
    prefix = salt.encode() + b"\x00"
    return sorted(texts, key=lambda text: (hashlib.sha256(prefix + text.encode()).digest(), text))
