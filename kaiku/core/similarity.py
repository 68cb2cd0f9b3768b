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


def terms_to_string(terms: Iterable[str]) -> str:
    """Terms as one string for a database column (``string_to_terms`` reads it back)."""
    return " ".join(t for t in terms if t and not any(c.isspace() for c in t))


def string_to_terms(value: str | None) -> list[str]:
    return (value or "").split()


def _trigrams(term: str) -> set[str]:
    padded = f" {term} "
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

    # -- reads ----------------------------------------------------------------------------

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
            # Accumulate the shared weight, rarest terms first; a question that has none of
            # the rare terms cannot reach the threshold once the common terms' weight is too
            # small, so their (long) postings lists are only used to add to known candidates.
            order = sorted(matched.items(), key=lambda item: (df[item[0]], item[0]))
            remaining = sum(w for _, w in order)
            shared: dict[int, float] = {}
            for tid, weight in order:
                if shared and 2 * remaining / (query_weight + remaining) < threshold:
                    for slot in self._postings[tid]:
                        if slot in shared:
                            shared[slot] += weight
                else:
                    get = shared.get
                    for slot in self._postings[tid]:
                        shared[slot] = get(slot, 0.0) + weight
                remaining -= weight
            # Exact scores, best bound first, until no bound can beat the k-th score.
            doc_terms = self._doc_terms
            by_bound = sorted(shared.items(), key=lambda item: (-item[1], item[0]))
            results: list[tuple[float, int]] = []  # (score, -slot), a min-heap of size k
            floor = threshold
            for slot, weight in by_bound:
                bound = 2 * weight / (query_weight + weight)
                if bound < floor:
                    break
                ids = doc_terms[slot]
                if ids is None or slot in excluded:
                    continue
                doc_weight = sum(idf(df[t], n) for t in ids)
                score = min(1.0, 2 * weight / (query_weight + doc_weight))
                if score < threshold:
                    continue
                item = (score, -slot)
                if len(results) < k:
                    heapq.heappush(results, item)
                elif item > results[0]:
                    heapq.heapreplace(results, item)
                if len(results) == k:
                    floor = max(threshold, results[0][0])
            results.sort(reverse=True)
            return [(self._doc_ids[-neg], round(score, 4)) for score, neg in results]
