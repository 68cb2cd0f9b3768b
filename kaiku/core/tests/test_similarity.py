"""Similar questions: the index finds the same question in other words, and only then."""

import heapq
import random
from collections.abc import Hashable, Iterable

import pytest

from kaiku.core import similarity
from kaiku.core.finnish import INTENT_MARK, PART_MARK, analyse
from kaiku.core.similarity import (
    INTENT_MISMATCH,
    INTENTS,
    MATCH_THRESHOLD,
    SimilarityIndex,
    intent_factor,
    string_to_terms,
    terms_to_string,
)

QUESTIONS = {
    1: "Miten vuosiloman palkka lasketaan kunnassa?",
    2: "Milloin vuosilomat pitää pitää ennen siirtoa?",
    3: "Siirtyvätkö kertyneet lomapäivät mukana kuntaan?",
    4: "Mikä asiakastietojärjestelmä on käytössä kunnassa?",
    5: "Voinko jatkaa etätyötä kunnassa?",
    6: "Onko hyvinvointialue mukana TE-palveluiden järjestämisessä?",
    7: "Muuttuuko eläkkeeni siirrossa?",
    8: "Saako kunnassa työnohjausta?",
}


@pytest.fixture(scope="module")
def index():
    index = SimilarityIndex()
    for pk, text in QUESTIONS.items():
        index.add(pk, text=text)
    return index


def best(index, text):
    results = index.query(text, k=3)
    return results[0][0] if results else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Siirtyvätkö lomilleni kertyneet päivät kuntaan?", 3),  # inflection
        ("Mikä järjestelmä asiakastiedoille on kunnassa käytössä?", 4),  # compound
        ("Voinko jatkaa töitä kotoa käsin kunnassa?", 5),  # synonym phrase
        ("Onko sote-alue mukana TE-palveluiden järjestämisessä?", 6),  # synonym
        ("Muuttuuko elakkeeni siirrossa?", 7),  # a typo (ä typed as a)
        ("Saako kunnissa työnohjausta?", 8),  # inflection
    ],
)
def test_the_same_question_in_other_words_is_found(index, text, expected):
    assert best(index, text) == expected


def test_scores_are_between_0_and_1_best_first(index):
    results = index.query(QUESTIONS[1], k=8, min_score=0.0)
    scores = [score for _, score in results]
    assert results[0] == (1, 1.0)
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= s <= 1.0 for s in scores)


def test_a_near_miss_scores_below_the_threshold():
    index = SimilarityIndex()
    index.add(1, text="Miten vuosiloman palkka lasketaan?")
    index.add(2, text="Saako kunnassa työnohjausta?")
    index.add(3, text="Muuttuuko eläkkeeni siirrossa?")
    index.add(4, text="Voinko jatkaa etätyötä kunnassa?")
    results = dict(index.query("Milloin eläkkeelle voi jäädä kunnasta?", min_score=0.0))
    assert results.get(3, 0.0) < MATCH_THRESHOLD
    assert index.query("Milloin eläkkeelle voi jäädä kunnasta?") == []


def test_unrelated_and_empty_queries_find_nothing(index):
    assert index.query("Missä on lähin uimahalli?") == []
    assert index.query("") == []
    assert index.query("😀 <b></b>") == []
    assert index.query(QUESTIONS[1], k=0) == []


def test_huge_query_is_answered(index):
    assert best(index, QUESTIONS[7] + " sana" * 50_000) == 7


def test_remove_and_replace():
    index = SimilarityIndex()
    index.add(1, text=QUESTIONS[7])
    index.add(2, text=QUESTIONS[8])
    assert len(index) == 2
    index.remove(1)
    index.remove(99)  # unknown: nothing happens
    assert len(index) == 1
    assert index.query(QUESTIONS[7]) == []
    index.add(2, text=QUESTIONS[7])  # replaces question 2's text
    assert len(index) == 1
    assert best(index, QUESTIONS[7]) == 2


def test_exclude_leaves_the_question_itself_out(index):
    assert 1 not in dict(index.query(QUESTIONS[1], exclude=[1], min_score=0.0))


def test_ties_are_ordered_by_insertion():
    index = SimilarityIndex()
    for pk in (5, 3, 9):
        index.add(pk, text="Saako kunnassa työnohjausta?")
    assert [pk for pk, _ in index.query("työnohjaus kunnassa", k=3)] == [5, 3, 9]


def test_terms_round_trip_through_a_string(index):
    terms = analyse(QUESTIONS[6])
    assert string_to_terms(terms_to_string(terms)) == terms
    assert string_to_terms("") == [] and string_to_terms(None) == []
    rebuilt = SimilarityIndex()
    rebuilt.add(6, terms=string_to_terms(terms_to_string(terms)))
    assert rebuilt.query(QUESTIONS[6]) == [(6, 1.0)]


def test_a_question_that_asks_something_else_about_the_same_thing_is_no_match(index):
    # Questions 1 and 2 share the holiday words; one asks how, the other when.
    assert 1 not in dict(index.query("Milloin vuosilomat pitää pitää?"))
    assert best(index, "Milloin vuosilomat pitää pitää?") == 2
    # The same question in other words still matches.
    assert best(index, "Kuinka lomapalkka lasketaan kunnassa?") == 1


def test_intent_factor():
    assert intent_factor("when", "when") == 1.0
    assert intent_factor("", "how") == 1.0  # a statement asks nothing: no penalty
    assert intent_factor("when", "how") == INTENT_MISMATCH
    assert INTENT_MISMATCH < intent_factor("what", "how") < 1.0


def test_a_compound_part_counts_less_than_a_word_of_its_own():
    index = SimilarityIndex()
    index.add(1, text="Miten palkka lasketaan?")  # "palkka" as a word
    index.add(2, text="Miten lomapalkka lasketaan?")  # "palkka" only as a part
    assert "+palkka" in analyse("Miten lomapalkka lasketaan?")
    # The same terms with the parts unmarked, as if they were words of their own.
    unmarked = [t.lstrip("+") for t in analyse("Miten lomapalkka lasketaan?")]
    index.add(3, terms=unmarked)
    index.add(4, text="Miten eläke lasketaan?")
    scores = dict(index.query("Miten palkka lasketaan?", k=4, min_score=0.0))
    assert scores[1] == 1.0
    assert scores[4] < scores[2] < scores[3]


def test_postings_stay_right_after_many_removals():
    index = SimilarityIndex()
    for pk in range(3000):
        index.add(pk, text=f"Saako kunnassa {pk} työnohjausta?")
    for pk in range(2500):
        index.remove(pk)  # compacts on the way
    assert len(index) == 500
    found = index.query("Saako kunnassa 2999 työnohjausta?", k=3)
    assert found[0] == (2999, 1.0)
    assert all(pk >= 2500 for pk, _ in found)


def test_a_small_index_still_finds_questions_that_all_share_the_words():
    # On a new site every question may share the query's words; their IDF must not vanish.
    index = SimilarityIndex()
    for n in range(4):
        index.add(n, text=f"Siirtyvätkö vuosilomat kuntaan osa {n}?")
    assert len(index.query("Siirtyvätkö vuosilomat kuntaan?", k=2)) == 2


class _ReferenceIndex(SimilarityIndex):
    """The index with the query as first written (each new candidate's shared weight added
    term by term, every candidate scored): ``query`` must give exactly its results."""

    def query(
        self,
        text: str | None = None,
        *,
        k: int = 5,
        min_score: float | None = None,
        terms: Iterable[str] | None = None,
        exclude: Iterable[Hashable] = (),
    ) -> list[tuple[Hashable, float]]:
        """The query as it was written before ``_score``: every new candidate scored."""
        threshold = similarity.MATCH_THRESHOLD if min_score is None else min_score
        whole, intent = similarity._parse(similarity.analyse(text) if terms is None else terms)
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
                role = 1.0 if is_whole else similarity.PART_WEIGHT
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
                    as_part = weight * min(role, similarity.PART_WEIGHT)
                    weight_of[other] = max(weight_of.get(other, 0.0), as_word)
                    weight_of[~other] = max(weight_of.get(~other, 0.0), as_part)
            if not weight_of:
                return []
            norms = self._norms(n)
            factors = similarity._FACTORS[similarity._INTENT_CODE.get(intent, 0)]
            doc_intent = self._doc_intent
            # Rarest terms first. The postings of a term bring new candidates; a question that
            # has none of the terms taken so far can share at most the weight of the terms
            # still to come, so once that cannot reach the bar (the threshold, or the k-th best
            # score so far), no question outside the candidates can make the results. Each new
            # candidate gets its exact shared weight from set intersections with the postings
            # of the remaining terms (in C; Python adds a weight only where a term matches).
            # Questions whose intent alone keeps them under the bar are not scored at all.
            order = sorted((t for t in weight_of if t >= 0), key=lambda t: (df[t], t))
            remaining = sum(weight_of[t] for t in order)
            common = max(similarity.COMMON_MIN_DF, int(similarity.COMMON_FRACTION * n))
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
                # New candidates have none of the terms before this one.
                shared = dict.fromkeys(fresh, 0.0)
                for other in order[position:]:
                    for key in (other, ~other):
                        weight = weight_of[key]
                        for slot in fresh.intersection(self._members(key)):
                            shared[slot] += weight
                least = bar * query_weight / (2 - bar)  # a smaller shared weight cannot reach it
                scored = [
                    (score, -slot)
                    for slot, weight in shared.items()
                    if weight >= least
                    and (
                        score := 2
                        * weight
                        / (query_weight + norms[slot])
                        * factors[doc_intent[slot]]
                    )
                    >= bar
                    and score > 0.0
                ]
                if scored:
                    best = heapq.nlargest(k, best + scored)
                    if len(best) == k:
                        bar = max(bar, best[-1][0])
            return [(self._doc_ids[-neg], round(min(1.0, s), 4)) for s, neg in best]


def _random_index(seed: int, size: int, removed: int) -> tuple:
    """An index of questions drawn from a small vocabulary (many share their terms and their
    weights: ties), with compound parts, intents and removed questions; the same in a
    ``_ReferenceIndex``; the questions' terms."""
    rng = random.Random(seed)
    words = [f"sana{i}" for i in range(40)]
    intents = [f"{INTENT_MARK}{name}" for name in INTENTS if name]
    docs = []
    index, reference = SimilarityIndex(), _ReferenceIndex()
    for pk in range(size):
        terms = rng.sample(words, rng.randint(1, 6))
        terms += [PART_MARK + word for word in rng.sample(words, rng.randint(0, 3))]
        if rng.random() < 0.8:
            terms.append(rng.choice(intents))
        docs.append(terms)
        index.add(pk, terms=terms)
        reference.add(pk, terms=terms)
    for pk in rng.sample(range(size), removed):
        index.remove(pk)
        reference.remove(pk)
    return index, reference, docs


@pytest.mark.parametrize("seed", range(6))
def test_query_gives_the_reference_results(seed, monkeypatch):
    """Scoring the candidates in groups of the same terms (``_score``) finds exactly what
    scoring each of them finds: the same questions, scores and order (ties by insertion),
    for any k, threshold and exclusion, also past the many-groups fallback and with the
    common-term cut-off of a large index."""
    index, reference, docs = _random_index(seed, 1500, 300)
    rng = random.Random(seed)
    if seed % 2:
        monkeypatch.setattr(similarity, "GROUPS_MAX", 4)
    if seed % 3 == 2:
        monkeypatch.setattr(similarity, "COMMON_MIN_DF", 50)
    queries = [rng.choice(docs) for _ in range(25)]
    queries += [[*rng.sample(docs[0], 1), PART_MARK + "sana3", "sanaa7"] for _ in range(3)]
    for terms in queries:
        for k in (1, 3, 24):
            for min_score in (0.0, 0.3, 0.4, 0.7):
                exclude = rng.sample(range(1500), 3)
                got = index.query(terms=terms, k=k, min_score=min_score, exclude=exclude)
                expected = reference.query(terms=terms, k=k, min_score=min_score, exclude=exclude)
                assert got == expected, (terms, k, min_score)
