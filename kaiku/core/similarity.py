"""Similar questions: an in-memory index over analysed Finnish text.

```python
index = SimilarityIndex()
index.add(42, text="Miten vuosiloman palkka lasketaan?")
index.add(43, terms=string_to_terms(row.terms))   # terms stored in the database
index.query("Kuinka lomapalkka lasketaan?", k=5)   # [(42, 0.61)], best first
```

Each question is a set of terms (``kaiku.core.finnish.analyse``: lemmas, compound parts marked
"+", synonyms, and the question's intent marked "?"). A query is scored against a question by
the weighted Dice coefficient of their term sets, each term weighted by its inverse document
frequency (IDF) in the index, a compound part at ``PART_WEIGHT`` of a whole word:

    dice = 2 * W(query ∩ question) / (W(query) + W(question))

then multiplied by how well the two questions' intents agree (``intent_factor``): a question
that asks when is not the same question as one that asks how, whatever words they share. 1.0
is the same question and 0.0 nothing in common. A query term that no indexed question has (a
typo, most often) is matched to the indexed terms that share most of its character trigrams
(Jaccard similarity at least ``FUZZY_MIN``), counted with that similarity as a fraction.

Candidates come from the postings of the query's rarest terms only: a question that has none
of them could not reach the results (the threshold, or the k-th best score found so far).
Each candidate is scored exactly from its own terms, so a query over 100,000 questions
touches a few thousand of them. Results below ``min_score`` (``MATCH_THRESHOLD`` by default)
are left out. The threshold and the weights are measured in ``bench/similarity`` (see
docs/search-fi.md and docs/performance.md).
"""

from __future__ import annotations

import heapq
import math
import threading
from array import array
from collections.abc import Hashable, Iterable
from itertools import compress

from kaiku.core.finnish import INTENT_MARK, PART_MARK, analyse

MATCH_THRESHOLD = 0.4
PART_WEIGHT = 0.5  # a compound part ("+loma" of "vuosilomat") against a word of its own
# How much of the score is kept when two questions ask different things (their intents, see
# kaiku.core.finnish.question_intent). A question without an intent (a statement) keeps it all.
INTENT_MISMATCH = 0.5
INTENT_NEAR = 0.8  # intents that are often the same question in other words
_NEAR_INTENTS = (
    {"what", "how"},
    {"what", "which"},
    {"which", "yesno"},
    {"what", "when"},
)
INTENTS = ("", "when", "how", "amount", "who", "where", "why", "what", "which", "yesno")
FUZZY_MIN = 0.45  # trigram Jaccard similarity for a typo to count as the same word
FUZZY_MAX_TERMS = 2  # indexed terms one unknown query term may stand for
FUZZY_MIN_LENGTH = 5  # shorter unknown words are not matched by trigrams
# A term in more than COMMON_FRACTION of the questions (and in more than COMMON_MIN_DF) brings no
# candidates of its own, like a stop word: it only adds to the score of the questions that a
# rarer query term found. This bounds a query's work on a large index; on a small one (fewer
# than COMMON_MIN_DF / COMMON_FRACTION questions) the ranking is exact.
COMMON_FRACTION = 0.05
COMMON_MIN_DF = 2000
IDF_MIN_QUESTIONS = 1000  # the IDF of a smaller index is computed as if it had this many
SET_MIN = 256  # a postings list this long is also kept as a set (for intersections)
# A query's new candidates are scored in groups that share the same terms (``_score``); past
# this many groups, the rest of the terms are added per candidate.
GROUPS_MAX = 256


def terms_to_string(terms: Iterable[str]) -> str:
    """Terms as one string for a database column (``string_to_terms`` reads it back)."""
    return " ".join(t for t in terms if t and not any(c.isspace() for c in t))


def string_to_terms(value: str | None) -> list[str]:
    return (value or "").split()


def intent_factor(a: str, b: str) -> float:
    """The share of the score kept when one question asks ``a`` and the other ``b``."""
    if not a or not b or a == b:
        return 1.0
    return INTENT_NEAR if {a, b} in _NEAR_INTENTS else INTENT_MISMATCH


_INTENT_CODE = {name: i for i, name in enumerate(INTENTS)}
_FACTORS = [[intent_factor(a, b) for b in INTENTS] for a in INTENTS]

_FOLD = str.maketrans("äöå", "aoa")


def _trigrams(term: str) -> set[str]:
    """Character trigrams of the term with its ends marked; ä, ö and å typed as a, o, a match."""
    padded = f" {term.translate(_FOLD)} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


def _parse(terms: Iterable[str]) -> tuple[dict[str, bool], str]:
    """{term: whole word (True) or only a compound part}, and the intent ("" for none)."""
    whole: dict[str, bool] = {}
    intent = ""
    for term in terms:
        if term.startswith(INTENT_MARK):
            intent = intent or term[1:]
        elif term.startswith(PART_MARK):
            if len(term) > 1:
                whole.setdefault(term[1:], False)
        elif term:
            whole[term] = True
    return whole, intent


class SimilarityIndex:
    """Questions by id; ``query`` returns ``[(id, score)]`` best first, scores in 0..1.

    Ids are any hashable values (the questions' primary keys). Adding an id again replaces
    it. Ties are broken by insertion order (the oldest first), so results are deterministic.
    Thread-safe: writes and queries hold a lock.
    """

    def __init__(self) -> None:
        self._lock = threading.RLock()
        self._term_id: dict[str, int] = {}
        self._terms: list[str] = []
        self._df: list[int] = []
        # term id -> the slots that have it as a word / only as a compound part (removed slots
        # stay until compaction); the long lists also as sets, built when a query needs them.
        self._postings: list[array] = []
        self._part_postings: list[array] = []
        self._sets: dict[int, set[int]] = {}  # term id, or ~term id for the parts -> slots
        self._ints: list[int] = []  # slot -> the int object the sets share
        self._trigram_terms: dict[str, list[int]] = {}  # trigram -> term ids
        # slot -> the question's terms: a term id for a word, ~id (negative) for a part only;
        # () once removed.
        self._doc_terms: list[tuple[int, ...]] = []
        self._doc_intent = bytearray()
        self._intent_slots: list[set[int]] = [set() for _ in INTENTS]  # intent -> slots
        self._doc_ids: list[Hashable | None] = []
        self._slot_of: dict[Hashable, int] = {}
        self._dead = 0
        self._norm: list[float] = []  # slot -> the question's weight (see _norms)
        self._norm_n: int | None = None  # the number of questions the weights were computed at

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, doc_id: Hashable) -> bool:
        return doc_id in self._slot_of

    @property
    def term_count(self) -> int:
        """The number of distinct terms indexed."""
        return len(self._terms)

    # -- writes ---------------------------------------------------------------------------

    def add(
        self, doc_id: Hashable, text: str | None = None, terms: Iterable[str] | None = None
    ) -> None:
        """Index ``doc_id`` by its ``terms`` (from ``analyse``), or by ``text`` analysed now."""
        whole, intent = _parse(analyse(text) if terms is None else terms)
        with self._lock:
            if doc_id in self._slot_of:
                self._remove(doc_id)
            slot = len(self._doc_terms)
            ids = []
            for term, is_whole in whole.items():
                tid = self._term_id.get(term)
                if tid is None:
                    tid = self._new_term(term)
                ids.append(tid if is_whole else ~tid)
                self._df[tid] += 1
                key = tid if is_whole else ~tid
                (self._postings[tid] if is_whole else self._part_postings[tid]).append(slot)
                if key in self._sets:
                    self._sets[key].add(slot)
            self._doc_terms.append(tuple(ids))
            code = _INTENT_CODE.get(intent, 0)
            self._doc_intent.append(code)
            self._intent_slots[code].add(slot)
            self._doc_ids.append(doc_id)
            self._slot_of[doc_id] = slot
            if self._norm_n is not None:
                self._norm.append(self._doc_norm(self._doc_terms[slot]))

    def remove(self, doc_id: Hashable) -> None:
        """Forget ``doc_id`` (nothing happens when it is not indexed)."""
        with self._lock:
            if doc_id in self._slot_of:
                self._remove(doc_id)
                if self._dead > 1000 and self._dead > len(self._slot_of):
                    self._compact()

    def _new_term(self, term: str) -> int:
        tid = len(self._terms)
        self._term_id[term] = tid
        self._terms.append(term)
        self._df.append(0)
        self._postings.append(array("i"))
        self._part_postings.append(array("i"))
        if len(term) >= 3:
            for gram in _trigrams(term):
                self._trigram_terms.setdefault(gram, []).append(tid)
        return tid

    def _remove(self, doc_id: Hashable) -> None:
        slot = self._slot_of.pop(doc_id)
        for tid in self._doc_terms[slot]:
            self._df[tid if tid >= 0 else ~tid] -= 1
            if tid in self._sets:
                self._sets[tid].discard(slot)
        self._intent_slots[self._doc_intent[slot]].discard(slot)
        if self._norm_n is not None:
            self._norm[slot] = math.inf
        self._doc_terms[slot] = ()
        self._doc_ids[slot] = None
        self._dead += 1

    def _compact(self) -> None:
        """Drop removed slots from the postings (ids keep their relative order)."""
        live = [
            (d, t, i)
            for d, t, i in zip(self._doc_ids, self._doc_terms, self._doc_intent, strict=True)
            if d is not None
        ]
        self._doc_ids = [d for d, _, _ in live]
        self._doc_terms = [t for _, t, _ in live]
        self._doc_intent = bytearray(i for _, _, i in live)
        self._intent_slots = [set() for _ in INTENTS]
        for slot, code in enumerate(self._doc_intent):
            self._intent_slots[code].add(slot)
        self._slot_of = {d: i for i, d in enumerate(self._doc_ids)}
        self._postings = [array("i") for _ in self._terms]
        self._part_postings = [array("i") for _ in self._terms]
        self._sets = {}
        for slot, ids in enumerate(self._doc_terms):
            for tid in ids:
                if tid >= 0:
                    self._postings[tid].append(slot)
                else:
                    self._part_postings[~tid].append(slot)
        self._dead = 0
        self._norm_n = None

    # -- reads ----------------------------------------------------------------------------

    def _idf(self, df: int, n: int) -> float:
        # A small index counts as IDF_MIN_QUESTIONS questions: on a new site with a handful of
        # questions that all share a word, the word is not therefore worthless.
        return math.log(1.0 + (max(n, IDF_MIN_QUESTIONS) - df + 0.5) / (df + 0.5))

    def _norms(self, n: int) -> list[float]:
        """Each question's weight (the sum of its terms' weights), recomputed when the number
        of questions has changed by a tenth since the last time: IDF drifts slowly."""
        if self._norm_n is None or abs(n - self._norm_n) > self._norm_n / 10:
            idf = [self._idf(df, n) for df in self._df]
            part = [w * PART_WEIGHT for w in idf]
            self._norm = [
                math.inf if doc_id is None else sum(idf[t] if t >= 0 else part[~t] for t in ids)
                for doc_id, ids in zip(self._doc_ids, self._doc_terms, strict=True)
            ]
            self._norm_n = n
        return self._norm

    def _doc_norm(self, ids: tuple[int, ...]) -> float:
        n = max(1, self._norm_n or len(self._slot_of))
        return sum(
            self._idf(self._df[t], n) if t >= 0 else PART_WEIGHT * self._idf(self._df[~t], n)
            for t in ids
        )

    def _fuzzy(self, term: str) -> list[tuple[int, float]]:
        """Indexed terms (with a live question) that look like ``term``: [(term id, sim)]."""
        if len(term) < FUZZY_MIN_LENGTH:
            return []
        grams = _trigrams(term)
        shared: dict[int, int] = {}
        for gram in grams:
            for tid in self._trigram_terms.get(gram, ()):
                shared[tid] = shared.get(tid, 0) + 1
        need = FUZZY_MIN * len(grams) / (1 + FUZZY_MIN)  # fewer shared grams cannot reach it
        scored = []
        for tid, count in shared.items():
            if count < need or not self._df[tid]:
                continue
            other = len(self._terms[tid])  # the padded term's trigrams (about as many)
            sim = count / max(count, len(grams) + other - count)
            if sim >= FUZZY_MIN:
                scored.append((sim, -tid))
        best = heapq.nlargest(FUZZY_MAX_TERMS, scored)
        return [(-neg, sim) for sim, neg in best]

    def query(
        self,
        text: str | None = None,
        *,
        k: int = 5,
        min_score: float | None = None,
        terms: Iterable[str] | None = None,
        exclude: Iterable[Hashable] = (),
    ) -> list[tuple[Hashable, float]]:
        """The ``k`` questions most similar to ``text`` (or ``terms``): ``[(id, score)]``."""
        threshold = MATCH_THRESHOLD if min_score is None else min_score
        whole, intent = _parse(analyse(text) if terms is None else terms)
        with self._lock:
            n = len(self._slot_of)
            if not whole or not n or k <= 0:
                return []
            excluded = {self._slot_of[d] for d in exclude if d in self._slot_of}
            df, idf = self._df, self._idf
            # Each query term: its weight, and the weight it shares with a question that has
            # it as a word (key: term id) or only as a compound part (key: ~term id).
            query_weight = 0.0
            weight_of: dict[int, float] = {}
            for term, is_whole in whole.items():
                role = 1.0 if is_whole else PART_WEIGHT
                tid = self._term_id.get(term)
                if tid is not None and df[tid]:
                    similar = [(tid, 1.0)]
                    query_weight += idf(df[tid], n) * role
                else:
                    similar = self._fuzzy(term)
                    query_weight += idf(df[similar[0][0]] if similar else 0, n) * role
                for other, sim in similar:
                    weight = idf(df[other], n) * sim
                    as_word = weight * role
                    as_part = weight * min(role, PART_WEIGHT)
                    weight_of[other] = max(weight_of.get(other, 0.0), as_word)
                    weight_of[~other] = max(weight_of.get(~other, 0.0), as_part)
            if not weight_of:
                return []
            norms = self._norms(n)
            factors = _FACTORS[_INTENT_CODE.get(intent, 0)]
            # Rarest terms first. The postings of a term bring new candidates; a question that
            # has none of the terms taken so far can share at most the weight of the terms
            # still to come, so once that cannot reach the bar (the threshold, or the k-th best
            # score so far), no question outside the candidates can make the results. Each new
            # candidate gets its exact shared weight from set intersections with the postings
            # of the remaining terms (in C; Python adds a weight only where a term matches).
            # Questions whose intent alone keeps them under the bar are not scored at all.
            order = sorted((t for t in weight_of if t >= 0), key=lambda t: (df[t], t))
            remaining = sum(weight_of[t] for t in order)
            common = max(COMMON_MIN_DF, int(COMMON_FRACTION * n))
            bar = threshold
            seen: set[int] = set(excluded)
            best: list[tuple[float, int]] = []  # the k best (score, -slot) so far
            for position, tid in enumerate(order):
                if 2 * remaining / (query_weight + remaining) < bar:
                    break
                if position and df[tid] > common:
                    break
                # The best a new candidate can score: it has at most this term and the rest.
                reach = 2 * remaining / (query_weight + remaining)
                remaining -= weight_of[tid]
                fresh = set(self._members(tid))
                fresh.update(self._members(~tid))
                fresh -= seen
                seen |= fresh
                for code, slots in enumerate(self._intent_slots):
                    if factors[code] * reach < bar and slots and fresh:
                        fresh = fresh.difference(slots)
                if not fresh:
                    continue
                scored = self._score(
                    fresh, order[position:], weight_of, query_weight, norms, factors, bar, k, best
                )
                if scored:
                    best = heapq.nlargest(k, best + scored)
                    if len(best) == k:
                        bar = max(bar, best[-1][0])
            return [(self._doc_ids[-neg], round(min(1.0, s), 4)) for s, neg in best]

    def _score(self, fresh, terms, weight_of, query_weight, norms, factors, bar, k, best):
        """``(score, -slot)`` of the new candidates ``fresh`` that can still make the ``k``
        best: at least the best ``k`` of every group of equal shared weight and intent (and
        any that tie with the k-th), each scored exactly as ``2 * shared / (query_weight +
        norm) * factor``, ``shared`` summed in the order of ``terms``.

        The candidates are split by set operations (in C) into groups that share the same
        query terms, hence the same shared weight: Python works per group, not per candidate
        and term. Within a group the score falls as the question's weight (norm) grows, so
        the group's candidates sorted by norm give its best first. When the groups become
        many (each candidate nearly its own), the rest of the terms are added per candidate.
        """
        groups: list[tuple[set[int], float]] = [(fresh, 0.0)]
        shared: dict[int, float] | None = None
        for other in terms:
            for key in (other, ~other):
                weight = weight_of[key]
                members = self._members(key)
                if shared is not None:
                    for slot in fresh.intersection(members):
                        shared[slot] += weight
                    continue
                if not members:
                    continue
                split = []
                for group, total in groups:
                    inside = group.intersection(members)
                    if not inside:
                        split.append((group, total))
                    elif len(inside) == len(group):
                        split.append((group, total + weight))
                    else:
                        split.append((inside, total + weight))
                        split.append((group.difference(inside), total))
                groups = split
                if len(groups) > GROUPS_MAX:
                    shared = {slot: total for group, total in groups for slot in group}
        least = bar * query_weight / (2 - bar)  # a smaller shared weight cannot reach it
        if shared is not None:
            doc_intent = self._doc_intent
            return [
                (score, -slot)
                for slot, weight in shared.items()
                if weight >= least
                and (score := 2 * weight / (query_weight + norms[slot]) * factors[doc_intent[slot]])
                >= bar
                and score > 0.0
            ]
        # The intents by the factor they give: the factor of the most intents is what is left
        # of a group once the others are taken out, one intersection per other intent
        # (removed slots have no intent: their norm is infinite, their score 0).
        by_factor: dict[float, list[set[int]]] = {}
        for code, slots in enumerate(self._intent_slots):
            if slots:
                by_factor.setdefault(factors[code], []).append(slots)
        shares = sorted(by_factor.items(), key=lambda item: -len(item[1]))
        rest_factor = shares[0][0] if shares else 0.0
        parts = []
        for group, weight in groups:
            if weight < least:
                continue
            rest = group
            for factor, intents in shares[1:]:
                for slots in intents:
                    same = rest.intersection(slots)
                    if same:
                        parts.append((same, weight, factor))
                        rest = rest.difference(same)
            if rest:
                parts.append((rest, weight, rest_factor))
        # The likeliest best first, so that the bar rises early: a part's candidates whose
        # weight (norm) keeps them under the bar are left out in C (with a margin far above
        # rounding errors), before the rest is sorted.
        parts.sort(key=lambda part: -part[1] * part[2])
        kept = list(best)  # a heap of the k best (score, -slot) so far
        heapq.heapify(kept)
        scored = []
        norm_of = norms.__getitem__
        for same, weight, factor in parts:
            floor = max(bar, kept[0][0]) if len(kept) >= k else bar
            if floor > 0.0:
                limit = (2 * weight * factor / floor - query_weight) * (1 + 1e-9) + 1e-9
                if limit < 0.0:
                    continue
                same = compress(same, map(limit.__ge__, map(norm_of, same)))
            last = None
            for taken, slot in enumerate(sorted(same, key=norm_of)):
                score = 2 * weight / (query_weight + norms[slot]) * factor
                if score < floor or score <= 0.0 or (taken >= k and score != last):
                    break
                item = (score, -slot)
                scored.append(item)
                if len(kept) < k:
                    heapq.heappush(kept, item)
                elif item > kept[0]:
                    heapq.heapreplace(kept, item)
                last = score
        return scored

    def _members(self, key: int) -> set[int] | array:
        """The slots of term ``key`` as a word (``key`` >= 0) or as a part (``~tid``); long
        postings lists as a set, kept up to date afterwards."""
        members = self._sets.get(key)
        if members is not None:
            return members
        postings = self._postings[key] if key >= 0 else self._part_postings[~key]
        if len(postings) < SET_MIN:
            return postings
        # The set holds the same int objects for the same slots (an int is 28 bytes).
        ints = self._ints
        if len(ints) < len(self._doc_terms):
            ints.extend(range(len(ints), len(self._doc_terms)))
        members = self._sets[key] = set(map(ints.__getitem__, postings))
        return members
