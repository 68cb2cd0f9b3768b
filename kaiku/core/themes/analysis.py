"""Themes of Finnish open-text answers: features, clustering, labels. See docs/themes.md."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import silhouette_score
from threadpoolctl import threadpool_limits

from kaiku.core import finnish

MAX_ANSWER_CHARS = 5_000  # a longer answer is cut: its first pages say what it is about
PART_WEIGHT = 0.5  # a compound part counts half a word ("ohjaus" of "työnohjaus")
CHAR_WEIGHT = 0.6  # the character n-gram block against the lemma block (both unit length)
SVD_COMPONENTS = 30  # latent dimensions: few, so that related words meet
N_INIT = 5  # k-means starts per k
SILHOUETTE_TOLERANCE = 0.10
SILHOUETTE_SAMPLE = 2_000
MIN_FIT = 0.30  # an answer less similar than this to its theme's centre fits no theme
KEYWORDS = 8
VOCABULARY = 20  # an answer must share one of its theme's 20 most distinctive words
PREFIX = 5
REPRESENTATIVES = 3
MIN_FIX_LENGTH = 5  # the shortest known word a misspelling is read as (misspelt: one less)


@dataclass(frozen=True)
class Theme:
    """One theme: ``members`` are indices into the analysed texts, best fitting first."""

    label: str
    keywords: list[str]
    size: int
    members: list[int]
    representatives: list[int]


@dataclass(frozen=True)
class ThemeAnalysis:
    """The themes, largest first, and the answers that fit none (in text order)."""

    themes: list[Theme] = field(default_factory=list)
    unassigned: list[int] = field(default_factory=list)

    def as_dicts(self, texts: Sequence[str]) -> list[dict]:
        """The themes as the API shows them: label, keywords, size and every answer's text."""
        return [
            {
                "label": t.label,
                "keywords": list(t.keywords),
                "size": t.size,
                "answers": [texts[i] for i in t.members],
            }
            for t in self.themes
        ]


# -- words ------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    """The question stop words of kaiku.core.finnish and those of open answers."""
    path = finnish.DATA_DIR / "stopwords_answers_fi.txt"
    extra = []
    for line in path.read_text(encoding="utf-8").splitlines():
        word = line.split("#", 1)[0].strip()
        if word:
            extra.append(finnish.normalise(word))
    return finnish.stop_words() | frozenset(extra)


def _fold(word: str) -> str:
    return word.replace("ä", "a").replace("ö", "o").replace("å", "a")


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


class _Words:
    """Each answer's words: (lemma, is a whole word) pairs, misspellings corrected.

    A token the lexicon does not know is compared with the known tokens of all the answers:
    written without umlauts ("tyonohjaus") or one deletion apart on both sides (a letter
    missing, extra, wrong or two swapped: "jaksamisesa", "plkka"), it is read as the most
    frequent such known token. What stays unknown is kept as written (the character n-grams
    still relate it to its neighbours).
    """

    def __init__(self, texts: Sequence[str]) -> None:
        stops = stop_words()
        self.tokens = [
            [w for w in finnish.tokens(t[:MAX_ANSWER_CHARS]) if w not in stops and not w.isdigit()]
            for t in texts
        ]
        counts = Counter(w for ws in self.tokens for w in ws)
        known = {w for w in counts if finnish.is_known(w)}
        fixes = self._corrections([w for w in counts if w not in known], known, counts)
        self.analysed: list[list[tuple[str, bool]]] = []
        for words in self.tokens:
            # finnish.analyse gives the lemmas, the compound parts ("+ohjaus") and the
            # canonical forms of synonyms ("esimies" -> "esihenkilö"); intents are dropped.
            terms = finnish.analyse(" ".join(fixes.get(w, w) for w in words))
            out: list[tuple[str, bool]] = []
            for term in terms:
                if term.startswith(finnish.INTENT_MARK):
                    continue
                whole = not term.startswith(finnish.PART_MARK)
                term = term.lstrip(finnish.PART_MARK)
                if term in stops or len(term) < (2 if whole else 3) or term.isdigit():
                    continue
                out.append((term, whole))
            self.analysed.append(out)

    @staticmethod
    def _corrections(unknown: list[str], known: set[str], counts: Counter) -> dict[str, str]:
        if not unknown or not known:
            return {}
        by_fold: dict[str, list[str]] = {}
        by_deletion: dict[str, list[str]] = {}
        for word in known:
            if len(word) < MIN_FIX_LENGTH:
                continue
            folded = _fold(word)
            by_fold.setdefault(folded, []).append(word)
            for d in _deletions(folded) | {folded}:
                by_deletion.setdefault(d, []).append(word)

        def best(options: list[str]) -> str:
            return min(options, key=lambda w: (-counts[w], w))

        fixes = {}
        for word in unknown:
            if len(word) < MIN_FIX_LENGTH - 1 or "-" in word:
                continue
            folded = _fold(word)
            if folded in by_fold:
                fixes[word] = best(by_fold[folded])
                continue
            options = {w for d in _deletions(folded) | {folded} for w in by_deletion.get(d, ())}
            if options:
                fixes[word] = best(sorted(options))
        return fixes


# -- features ---------------------------------------------------------------------------------


def _features(words: _Words, rows: list[int]) -> sparse.csr_matrix:
    """TF-IDF over lemmas (parts at ``PART_WEIGHT``) next to TF-IDF over character n-grams of
    the lemmas (3 to 5 letters, within words), each block of unit length, then together."""
    docs = []
    for i in rows:
        counts: Counter = Counter()
        for term, whole in words.analysed[i]:
            counts[term] += 1.0 if whole else PART_WEIGHT
        docs.append(counts)
    vocabulary = {t: n for n, t in enumerate(sorted({t for c in docs for t in c}))}
    data, indices, indptr = [], [], [0]
    for counts in docs:
        for term in sorted(counts, key=vocabulary.__getitem__):
            indices.append(vocabulary[term])
            data.append(1.0 + math.log(counts[term]) if counts[term] >= 1 else counts[term])
        indptr.append(len(indices))
    tf = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), len(vocabulary)))
    df = np.bincount(tf.indices, minlength=len(vocabulary))
    idf = np.log((1 + len(rows)) / (1 + df)) + 1.0
    lemma_block = _unit_rows(tf @ sparse.diags(idf))
    lemma_texts = [" ".join(t for t, whole in words.analysed[i] if whole) for i in rows]
    chars = TfidfVectorizer(
        analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2, dtype=np.float64
    )
    try:
        char_block = chars.fit_transform(lemma_texts)
    except ValueError:  # no n-gram in two answers
        char_block = sparse.csr_matrix((len(rows), 0))
    combined = sparse.hstack([lemma_block, CHAR_WEIGHT * char_block], format="csr")
    return _unit_rows(combined)


def _unit_rows(matrix):
    if sparse.issparse(matrix):
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.diags(1.0 / norms) @ matrix
    norms = np.linalg.norm(matrix, axis=1)
    norms[norms == 0] = 1.0
    return matrix / norms[:, None]


# -- clustering -------------------------------------------------------------------------------


def _reduce(x: sparse.csr_matrix, seed: int) -> np.ndarray:
    components = min(SVD_COMPONENTS, x.shape[0] - 1, x.shape[1] - 1)
    if components < 2:
        return _unit_rows(x.toarray())
    svd = TruncatedSVD(n_components=components, random_state=seed, algorithm="randomized")
    return _unit_rows(svd.fit_transform(x))


def _choose_k(x: np.ndarray, weights: np.ndarray, max_k: int, seed: int) -> np.ndarray:
    """The k-means labels for the number of themes the answers support.

    k runs from 2 to ``max_k``; each clustering's silhouette (cosine) is measured. On short
    answers the silhouette keeps creeping up as k grows (many small, nearly orthogonal
    groups), so the smallest k whose silhouette is within ``SILHOUETTE_TOLERANCE`` of the
    best is taken: a theme more must make the themes clearly better separated.
    """
    rng = np.random.default_rng(seed)
    total = int(weights.sum())
    # The silhouette of the answers (repeats included), on a fixed sample when they are many.
    expanded = np.repeat(np.arange(len(x)), weights.astype(int))
    if total > SILHOUETTE_SAMPLE:
        expanded = np.sort(rng.choice(expanded, SILHOUETTE_SAMPLE, replace=False))
    runs: list[tuple[float, np.ndarray]] = []
    for k in range(2, max_k + 1):
        km = KMeans(n_clusters=k, n_init=N_INIT, random_state=seed, max_iter=100)
        labels = km.fit_predict(x, sample_weight=weights)
        if len(set(labels[expanded])) < 2:
            continue
        runs.append((silhouette_score(x[expanded], labels[expanded], metric="cosine"), labels))
    if not runs:
        return np.zeros(len(x), dtype=int)
    best = max(score for score, _ in runs)
    for score, labels in runs:
        if score >= best * (1 - SILHOUETTE_TOLERANCE):
            return labels
    return runs[-1][1]  # not reached


def _cluster(x: np.ndarray, weights: np.ndarray, *, min_size: int, max_themes: int, seed: int):
    """Labels (-1: fits no theme) and each row's similarity to its theme's centre."""
    n = int(weights.sum())
    max_k = min(max_themes, len(x) - 1, max(1, n // max(min_size, 1)))
    labels = _choose_k(x, weights, max_k, seed) if max_k >= 2 else np.zeros(len(x), dtype=int)
    fit = np.zeros(len(x))
    for _ in range(5):  # until no theme falls below min_size
        changed = False
        centres = {}
        for c in sorted(set(labels) - {-1}):
            rows = labels == c
            centre = (x[rows] * weights[rows, None]).sum(axis=0)
            centres[c] = centre / (np.linalg.norm(centre) or 1.0)
        for c, centre in centres.items():
            rows = np.flatnonzero(labels == c)
            fit[rows] = x[rows] @ centre
            poor = rows[fit[rows] < MIN_FIT]
            if len(poor):
                labels[poor] = -1
                changed = True
        for c in centres:
            if 0 < weights[labels == c].sum() < min_size:
                labels[labels == c] = -1
                changed = True
        if not changed:
            break
    return labels, fit


# -- labels and keywords ----------------------------------------------------------------------


def _keywords(words: _Words, members: list[list[int]], everyone: list[int]):
    """Per theme: its key words by distinctiveness and its label."""
    out = []
    for ranked, scores, whole_inside in _rankings(words, members, everyone):
        keywords: list[str] = []
        for term in ranked:
            if not whole_inside[term] or any(term in k for k in keywords):
                continue  # a part only, or "ohjaus" after "työnohjaus": nothing new
            keywords.append(term)
            if len(keywords) == KEYWORDS:
                break
        label = _label([t for t in ranked if whole_inside[t]], scores, whole_inside)
        out.append((label, keywords))
    return out


def _vocabularies(words: _Words, members: list[list[int]], everyone: list[int]):
    """Per theme: its ``VOCABULARY`` most distinctive words and compound parts (5-letter
    prefixes of the longer ones too)."""
    out = []
    for ranked, _, _ in _rankings(words, members, everyone):
        vocabulary = set(ranked[:VOCABULARY])
        vocabulary |= {_fold(t)[:PREFIX] for t in ranked[:VOCABULARY] if len(t) >= PREFIX}
        out.append(vocabulary)
    return out


def _shares(terms: list[tuple[str, bool]], vocabulary: set[str]) -> bool:
    return any(t in vocabulary or _fold(t)[:PREFIX] in vocabulary for t, _ in terms)


def _rankings(words: _Words, members: list[list[int]], everyone: list[int]):
    """Per theme: (terms by distinctiveness, their scores, how often each is a whole word)."""
    present = {i: {t for t, _ in words.analysed[i]} for i in everyone}
    whole_words = {i: {t for t, whole in words.analysed[i] if whole} for i in everyone}
    total = Counter(t for i in everyone for t in present[i])
    n = len(everyone)
    out = []
    for rows in members:
        inside = Counter(t for i in rows for t in present[i])
        whole_inside = Counter(t for i in rows for t in whole_words[i])
        scores = {}
        for term, count in inside.items():
            if count < 2 and len(rows) > 2:
                continue
            share = count / len(rows)
            # How much more common the word is in the theme than in all the answers.
            scores[term] = share * math.log(share / (total[term] / n))
        ranked = sorted(scores, key=lambda t: (-scores[t], t))
        out.append((ranked, scores, whole_inside))
    return out


def _label(ranked: list[str], scores: dict[str, float], whole: Counter) -> str:
    """The most distinctive word that stands as a word of its own in the theme's answers
    (a known base form first), and a second one when it is nearly as distinctive. A compound
    nearly as distinctive as its own part is the better label ("tiedonkulku", not "tieto")."""
    candidates = [t for t in ranked if whole[t]]
    readable = [t for t in candidates if finnish.is_known(t)] or candidates or ranked
    if not readable:
        return ""
    first = readable[0]
    for term in readable[1:4]:
        if first in finnish.analyse_word(term)[1] and scores[term] >= 0.5 * scores[first]:
            first = term
            break
    for term in readable[1:4]:
        if term == first or term in first or first in term or _related(term, first):
            continue
        if scores.get(term, 0) >= 0.75 * scores.get(first, 0):
            return f"{first} ja {term}"
        break
    return first


def _related(a: str, b: str) -> bool:
    """One word is a compound part of the other."""
    return a in finnish.analyse_word(b)[1] or b in finnish.analyse_word(a)[1]


# -- the analysis -----------------------------------------------------------------------------


def find_themes(
    texts: Sequence[str],
    *,
    min_size: int = 5,
    max_themes: int = 12,
    seed: int = 0,
) -> ThemeAnalysis:
    """The themes of ``texts`` (open answers, mostly Finnish), found without labels.

    The number of themes (at most ``max_themes``) is the one whose k-means clustering has the
    best silhouette; an answer that fits no theme well, and every theme under ``min_size``
    answers, is left in ``unassigned``. Deterministic for given texts and ``seed``; runs on
    one thread. See docs/themes.md.
    """
    texts = ["" if t is None else str(t) for t in texts]
    if not texts:
        return ThemeAnalysis()
    min_size = max(1, int(min_size))
    max_themes = max(1, int(max_themes))
    with threadpool_limits(limits=1):
        return _find(texts, min_size=min_size, max_themes=max_themes, seed=seed)


def _find(texts: list[str], *, min_size: int, max_themes: int, seed: int) -> ThemeAnalysis:
    words = _Words(texts)
    usable = [i for i, a in enumerate(words.analysed) if a]
    if len(usable) < min_size:
        return ThemeAnalysis(unassigned=list(range(len(texts))))
    # Identical analyses are one row with a weight: repeats cost nothing and cannot stand in
    # for a theme's variety.
    keys: dict[tuple, int] = {}
    row_of = []
    for i in usable:
        key = tuple(sorted(words.analysed[i]))
        row_of.append(keys.setdefault(key, len(keys)))
    first_of = {}
    for i, r in zip(usable, row_of, strict=True):
        first_of.setdefault(r, i)
    distinct = [first_of[r] for r in range(len(keys))]
    weights = np.bincount(row_of, minlength=len(keys)).astype(float)
    if len(distinct) == 1:
        labels, fit = np.zeros(1, dtype=int), np.ones(1)
    else:
        x = _reduce(_features(words, distinct), seed)
        labels, fit = _cluster(x, weights, min_size=min_size, max_themes=max_themes, seed=seed)
    groups: dict[int, list[int]] = {}
    for i, r in zip(usable, row_of, strict=True):
        if labels[r] >= 0:
            groups.setdefault(int(labels[r]), []).append(i)
    row_fit = dict(zip(usable, (fit[r] for r in row_of), strict=True))
    ordered = [sorted(g, key=lambda i: (-row_fit[i], i)) for g in groups.values()]
    ordered.sort(key=lambda g: (-len(g), g[0]))
    # An answer that shares no word with its theme's most distinctive words was put there by
    # the latent space alone ("Kahvia taukotilaan" among the communication answers): it fits
    # no theme. A word is shared when it is the same or begins with the same five letters
    # (a misspelt "jaksamisesa" still shares "jaksa-"). A theme left under min_size is
    # dissolved.
    kept = []
    for members, vocabulary in zip(ordered, _vocabularies(words, ordered, usable), strict=True):
        members = [i for i in members if _shares(words.analysed[i], vocabulary)]
        if len(members) >= min_size:
            kept.append(members)
    ordered = sorted(kept, key=lambda g: (-len(g), g[0]))
    names = _keywords(words, ordered, usable)
    themes = []
    for members, (label, keywords) in zip(ordered, names, strict=True):
        reps: list[int] = []
        seen: set[str] = set()
        for i in members:
            shown = " ".join(texts[i].split()).lower()
            if shown not in seen:
                seen.add(shown)
                reps.append(i)
            if len(reps) == REPRESENTATIVES:
                break
        themes.append(Theme(label, keywords, len(members), members, reps))
    assigned = {i for t in themes for i in t.members}
    return ThemeAnalysis(themes, [i for i in range(len(texts)) if i not in assigned])
