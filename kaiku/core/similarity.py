"""Similar questions: an in-memory index over analysed Finnish text.

```python
index = SimilarityIndex()
index.add(42, text="Miten vuosiloman palkka lasketaan?")
index.add(43, terms=string_to_terms(row.terms))   # terms stored in the database
index.query("Kuinka lomapalkka lasketaan?", k=5)   # [(42, 0.61)], best first
```

Each question is a set of terms (``kaiku.core.finnish.analyse``: lemmas, compound parts and
synonyms). A query is scored against a question by the weighted Dice coefficient of their term
sets, each term weighted by its inverse document frequency (IDF) in the index:

    score = 2 * W(query ∩ question) / (W(query) + W(question))

so 1.0 is the same terms and 0.0 nothing in common. A query term that no indexed question has
(a typo, most often) is matched to the indexed terms that share most of its character trigrams
(Jaccard similarity at least ``FUZZY_MIN``), counted with that similarity as a fraction.

Candidates come from an inverted index over terms; the exact score is computed only for the
candidates whose upper bound (from the shared weight alone) can still reach the results, so a
query over 100,000 questions reads a few postings lists and scores a few hundred questions.
Results below ``min_score`` (``MATCH_THRESHOLD`` by default) are left out: the threshold is set
so that a question on the same topic but asking something else does not show up as similar
(docs/search-fi.md, bench/similarity).
"""

from __future__ import annotations

import heapq
import math
import threading
from collections.abc import Hashable, Iterable

from kaiku.core.finnish import analyse

MATCH_THRESHOLD = 0.4
FUZZY_MIN = 0.45  # trigram Jaccard similarity for a typo to count as the same word
FUZZY_MAX_TERMS = 2  # indexed terms one unknown query term may stand for
FUZZY_MIN_LENGTH = 5  # shorter unknown words are not matched by trigrams
# A term in more than COMMON_FRACTION of the questions (and in more than COMMON_MIN_DF) brings no
# candidates of its own, like a stop word: it only adds to the score of the questions that a
# rarer query term found. This bounds a query's work on a large index; on a small one (fewer
# than COMMON_MIN_DF / COMMON_FRACTION questions) every candidate is scored.
COMMON_FRACTION = 0.05
COMMON_MIN_DF = 2000


def terms_to_string(terms: Iterable[str]) -> str:
    """Terms as one string for a database column (``string_to_terms`` reads it back)."""
    return " ".join(t for t in terms if t and not any(c.isspace() for c in t))


def string_to_terms(value: str | None) -> list[str]:
    return (value or "").split()


_FOLD = str.maketrans("äöå", "aoa")


def _trigrams(term: str) -> set[str]:
    """Character trigrams of the term with its ends marked; ä, ö and å typed as a, o, a match."""
    padded = f" {term.translate(_FOLD)} "
    return {padded[i : i + 3] for i in range(len(padded) - 2)}


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
        self._postings: list[list[int]] = []  # term id -> slots (dead slots skipped)
        self._trigram_terms: dict[str, list[int]] = {}  # trigram -> term ids
        self._doc_terms: list[tuple[int, ...] | None] = []  # slot -> term ids; None: removed
        self._doc_ids: list[Hashable | None] = []
        self._slot_of: dict[Hashable, int] = {}
        self._dead = 0
        self._norm: list[float] = []  # slot -> the question's weight (see _norms)
        self._norm_n: int | None = None  # the number of questions the weights were computed at
        self._posting_sets: dict[int, set[int]] = {}  # the long postings lists, as sets

    def __len__(self) -> int:
        return len(self._slot_of)

    def __contains__(self, doc_id: Hashable) -> bool:
        return doc_id in self._slot_of

    # -- writes ---------------------------------------------------------------------------

    def add(
        self, doc_id: Hashable, text: str | None = None, terms: Iterable[str] | None = None
    ) -> None:
        """Index ``doc_id`` by its ``terms`` (from ``analyse``), or by ``text`` analysed now."""
        if terms is None:
            terms = analyse(text)
        with self._lock:
            if doc_id in self._slot_of:
                self._remove(doc_id)
            ids = []
            for term in dict.fromkeys(terms):
                tid = self._term_id.get(term)
                if tid is None:
                    tid = self._new_term(term)
                ids.append(tid)
            slot = len(self._doc_terms)
            self._doc_terms.append(tuple(ids))
            self._doc_ids.append(doc_id)
            self._slot_of[doc_id] = slot
            for tid in ids:
                self._df[tid] += 1
                self._postings[tid].append(slot)
                if tid in self._posting_sets:
                    self._posting_sets[tid].add(slot)
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
        self._postings.append([])
        if len(term) >= 3:
            for gram in _trigrams(term):
                self._trigram_terms.setdefault(gram, []).append(tid)
        return tid

    def _remove(self, doc_id: Hashable) -> None:
        slot = self._slot_of.pop(doc_id)
        for tid in self._doc_terms[slot] or ():
            self._df[tid] -= 1
            if tid in self._posting_sets:
                self._posting_sets[tid].discard(slot)
        if self._norm_n is not None:
            self._norm[slot] = math.inf
        self._doc_terms[slot] = None
        self._doc_ids[slot] = None
        self._dead += 1

    def _compact(self) -> None:
        """Drop removed slots from the postings (ids keep their relative order)."""
        live = [
            (d, t) for d, t in zip(self._doc_ids, self._doc_terms, strict=True) if t is not None
        ]
        self._doc_ids = [d for d, _ in live]
        self._doc_terms = [t for _, t in live]
        self._slot_of = {d: i for i, d in enumerate(self._doc_ids)}
        self._postings = [[] for _ in self._terms]
        for slot, ids in enumerate(self._doc_terms):
            for tid in ids:
                self._postings[tid].append(slot)
        self._dead = 0
        self._posting_sets = {}
        self._norm_n = None

    # -- reads ----------------------------------------------------------------------------

    def _norms(self, n: int) -> list[float]:
        """Each question's weight (the sum of its terms' IDF), recomputed when the number of
        questions has changed by a tenth since the last time: IDF drifts slowly."""
        if self._norm_n is None or abs(n - self._norm_n) > self._norm_n / 10:
            idf = [self._idf(df, n) for df in self._df]
            self._norm = [
                math.inf if ids is None else sum(idf[t] for t in ids) for ids in self._doc_terms
            ]
            self._norm_n = n
        return self._norm

    def _doc_norm(self, ids: tuple[int, ...]) -> float:
        n = max(1, self._norm_n or len(self._slot_of))
        return sum(self._idf(self._df[t], n) for t in ids)

    def _posting_set(self, tid: int) -> set[int]:
        members = self._posting_sets.get(tid)
        if members is None:
            members = self._posting_sets[tid] = set(self._postings[tid])
        return members

    def _idf(self, df: int, n: int) -> float:
        return math.log(1.0 + (n - df + 0.5) / (df + 0.5))

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
        if terms is None:
            terms = analyse(text)
        terms = list(dict.fromkeys(terms))
        excluded = {self._slot_of[d] for d in exclude if d in self._slot_of}
        with self._lock:
            n = len(self._slot_of)
            if not terms or not n or k <= 0:
                return []
            df, idf = self._df, self._idf
            # Each query term: its weight and the indexed terms that stand for it.
            query_weight = 0.0
            matched: dict[int, float] = {}  # indexed term id -> weight it carries
            for term in terms:
                tid = self._term_id.get(term)
                if tid is not None and df[tid]:
                    weight = idf(df[tid], n)
                    query_weight += weight
                    matched[tid] = max(matched.get(tid, 0.0), weight)
                    continue
                similar = self._fuzzy(term)
                if not similar:
                    query_weight += idf(0, n)
                    continue
                query_weight += idf(df[similar[0][0]], n)
                for other, sim in similar:
                    weight = idf(df[other], n) * sim
                    matched[other] = max(matched.get(other, 0.0), weight)
            if not matched:
                return []
            # Accumulate the shared weight, rarest terms first (MaxScore). A question that has
            # none of the terms seen so far can only reach the weight of the terms still to
            # come; once that cannot reach the bar (the threshold, or the k-th best score found
            # so far), a (long) postings list only adds to the questions already found.
            norms = self._norms(n)
            order = sorted(matched.items(), key=lambda item: (df[item[0]], item[0]))
            remaining = sum(w for _, w in order)
            common = max(COMMON_MIN_DF, int(COMMON_FRACTION * n))
            bar = threshold
            shared: dict[int, float] = {}
            for tid, weight in order:  # the rarest term always brings its candidates
                postings = self._postings[tid]
                if bar == threshold and len(postings) > 1000 and k <= len(shared) <= 5000:
                    # The k-th best score so far is a lower bound of the final k-th best.
                    kth = heapq.nlargest(
                        k, (2 * w / (query_weight + norms[s]) for s, w in shared.items())
                    )[-1]
                    bar = max(bar, kth)
                if shared and (
                    df[tid] > common or 2 * remaining / (query_weight + remaining) < bar
                ):
                    if len(shared) < len(postings):
                        members = self._posting_set(tid)
                        for slot in shared:
                            if slot in members:
                                shared[slot] += weight
                    else:
                        for slot in postings:
                            if slot in shared:
                                shared[slot] += weight
                else:
                    get = shared.get
                    for slot in postings:
                        shared[slot] = get(slot, 0.0) + weight
                remaining -= weight
            # Exact scores; removed questions have an infinite weight, so they score 0.
            for slot in excluded:
                shared.pop(slot, None)
            least = threshold * query_weight / (2 - threshold)  # less cannot reach the threshold
            scored = [
                (2 * weight / (query_weight + norms[slot]), -slot)
                for slot, weight in shared.items()
                if weight >= least
            ]
            results = [item for item in heapq.nlargest(k, scored) if item[0] >= threshold]
            return [(self._doc_ids[-neg], round(min(1.0, score), 4)) for score, neg in results]
