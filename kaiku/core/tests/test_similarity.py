"""Similar questions: the index finds the same question in other words, and only then."""

import pytest

from kaiku.core.similarity import (
    MATCH_THRESHOLD,
    SimilarityIndex,
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
    from kaiku.core.finnish import analyse

    terms = analyse(QUESTIONS[6])
    assert string_to_terms(terms_to_string(terms)) == terms
    assert string_to_terms("") == [] and string_to_terms(None) == []
    rebuilt = SimilarityIndex()
    rebuilt.add(6, terms=string_to_terms(terms_to_string(terms)))
    assert rebuilt.query(QUESTIONS[6]) == [(6, 1.0)]
