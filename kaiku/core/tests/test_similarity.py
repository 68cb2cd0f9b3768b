"""Similar questions: the index finds the same question in other words, and only then."""

import pytest

from kaiku.core.finnish import analyse
from kaiku.core.similarity import (
    INTENT_MISMATCH,
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
