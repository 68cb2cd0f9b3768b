"""Similar questions: "someone may have asked this already".

Each question keeps its analysed terms (``Question.terms``, written by the services from its
title and details with ``question_terms``). One ``SimilarityIndex`` per process holds the terms
of every question; it is built on the first query and brought up to date before each query
from the rows whose ``updated`` is newer than the newest row it has seen (one indexed query
when nothing changed). Whether the viewer may see a match, and whether it was merged into
another question, is read from the database at query time, so hiding, deleting, merging or a
change of visibility needs no change in the index.
"""

from __future__ import annotations

import threading

from kaiku.core.finnish import analyse
from kaiku.core.prepared import for_viewer, run
from kaiku.core.similarity import (
    MATCH_THRESHOLD,
    SimilarityIndex,
    string_to_terms,
    terms_to_string,
)

from .models import Question, QuestionStatus


def question_terms(title: str, body: str = "") -> str:
    """The stored form of the analysed terms of a question (``Question.terms``)."""
    text = f"{title}\n{body}".strip()
    return terms_to_string(analyse(text)) if text else ""


# --- The per-process index ---------------------------------------------------------------------


class _QuestionIndex:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.index = None
        self.terms: dict[int, str] = {}
        self.newest = None

    def _rows(self, since=None):
        rows = Question.all_objects.order_by()
        if since is not None:
            rows = rows.filter(updated__gte=since)
        return rows.values_list("pk", "terms", "updated")

    def _build(self) -> None:
        index, terms, newest = SimilarityIndex(), {}, None
        for pk, value, updated in self._rows().iterator(chunk_size=5000):
            if value:
                index.add(pk, terms=string_to_terms(value))
            terms[pk] = value
            newest = updated if newest is None or updated > newest else newest
        self.index, self.terms, self.newest = index, terms, newest

    def refresh(self) -> None:
        """Add what changed since the last look (adding a known id again replaces it)."""
        if self.index is None:
            self._build()
            return
        found = run(_newest)
        newest = found[0] if found else None
        if newest is None or (self.newest is not None and newest <= self.newest):
            return
        for pk, value, updated in self._rows(since=self.newest):
            if self.terms.get(pk) != value:
                if value:
                    self.index.add(pk, terms=string_to_terms(value))
                else:
                    self.index.remove(pk)
            self.terms[pk] = value
            self.newest = updated if self.newest is None or updated > self.newest else self.newest

    def query(self, text: str, k: int, threshold: float) -> list[tuple[int, float]]:
        with self.lock:
            self.refresh()
            return list(self.index.query(text, k=k, min_score=threshold))

    def reset(self) -> None:
        with self.lock:
            self.index, self.terms, self.newest = None, {}, None


_index = _QuestionIndex()


def reset_index() -> None:
    """Forget the process's index (tests: the database was rolled back under it)."""
    _index.reset()


def similar_questions(
    viewer, text: str, *, k: int = 5, exclude_pk: int | None = None
) -> list[tuple[Question, float]]:
    """Up to ``k`` questions most like ``text`` that ``viewer`` may see, best first, each with
    its score. A merged duplicate counts as its original. Only matches at or above the
    matcher's threshold are returned. The questions have only the columns they are shown
    with (``SHOWN_COLUMNS``)."""
    text = (text or "").strip()
    if not text or k <= 0:
        return []
    candidates = _index.query(text, k * 4 + 4, MATCH_THRESHOLD)
    if not candidates:
        return []
    scores = dict(candidates)
    rows = dict(run(_originals, ids=list(scores)))
    best: dict[int, float] = {}
    for pk, score in candidates:
        target = rows.get(pk) or pk
        if pk not in rows:
            continue
        if target != exclude_pk and pk != exclude_pk and score > best.get(target, -1.0):
            best[target] = score
    visible = for_viewer(viewer, _visible, ids=list(best)) if best else []
    found = sorted(
        ((q, best[q.pk]) for q in visible), key=lambda pair: (-pair[1], -pair[0].vote_count)
    )
    return found[:k]


# similar_questions' queries, kept (kaiku.core.prepared): the length of ``ids`` is part of a
# kept query's key, and there are at most ``4 k + 4`` candidates.


def _newest():
    return Question.all_objects.order_by("-updated").values_list("updated", flat=True)[:1]


def _originals(*, ids: list):
    return Question.all_objects.filter(pk__in=ids).values_list("pk", "duplicate_of_id")


def _visible(viewer, *, ids: list):
    # The columns the similar questions are shown with (the API, the ask form, the
    # moderators' merge candidates): title, status, votes, address, asker.
    return (
        Question.objects.visible_to(viewer)
        .filter(pk__in=ids)
        .exclude(status=QuestionStatus.DUPLICATE)
        .only(*SHOWN_COLUMNS)
    )


SHOWN_COLUMNS = (
    "id", "title", "status", "visibility", "vote_count", "author", "programme", "group",
    "duplicate_of", "created",
)  # fmt: skip
