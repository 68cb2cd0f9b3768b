"""Finnish text analysis: inflected forms, compounds and synonyms give the same terms."""

import pytest

from kaiku.core import finnish


def bare(text: str) -> set[str]:
    """The analysed terms without their marks (a compound part is "+loma")."""
    return {t.lstrip(finnish.PART_MARK) for t in finnish.analyse(text)}


def shared(a: str, b: str) -> set[str]:
    return bare(a) & bare(b)


@pytest.mark.parametrize("word", ["vuosilomat", "lomapäivät", "lomilleni"])
def test_holiday_words_share_the_term_loma(word):
    assert "loma" in bare(word)


def test_municipality_in_two_cases_has_one_lemma():
    assert finnish.lemmas("kuntaan") == finnish.lemmas("kunnan") == ["kunta"]


def test_compound_and_its_parts_written_apart_share_the_parts():
    assert {"asiakas", "tieto", "järjestelmä"} <= shared(
        "asiakastietojärjestelmä", "järjestelmä asiakastiedoille"
    )


def test_compound_parts():
    lemma, parts = finnish.analyse_word("lomapäivät")
    assert lemma == "lomapäivä"
    assert parts[:2] == ("loma", "päivä")


def test_short_false_parts_are_not_split_off():
    assert finnish.analyse_word("asiakas") == ("asiakas", ())
    assert finnish.analyse_word("perehdytys") == ("perehdytys", ())


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("hyvinvointialue", "sote-alue"),
        ("etätyö", "töitä kotoa"),
        ("palkka", "palkkaus"),
        ("TE-toimisto", "työvoimatoimisto"),
    ],
)
def test_synonyms_share_a_canonical_term(a, b):
    assert shared(a, b)


def test_lexicon_errors_are_overridden():
    # simplemma's dictionary reads "työ" as a dialect form of "te" (you).
    assert finnish.lemmas("työ") == ["työ"]
    assert "te-toimisto" in finnish.analyse("TE-toimistoon")


def test_stop_words_are_left_out():
    assert finnish.analyse("Voinko minä sen tehdä, jos ja kun?") == ["tehdä", "?yesno"]
    assert finnish.analyse("minä sen tehdä, jos ja kun") == ["tehdä"]


def test_html_emoji_and_punctuation_are_removed():
    assert finnish.normalise("<b>Hei</b> 😀 &amp; kiitos!") == "hei kiitos"
    assert finnish.tokens("<script>alert(1)</script> sote-alue — ok") == [
        "alert",
        "1",
        "sote-alue",
        "ok",
    ]


@pytest.mark.parametrize("text", [None, "", "   ", "😀😀", "<p></p>", "!!!"])
def test_empty_input_gives_no_terms(text):
    assert finnish.analyse(text) == []
    assert finnish.search_terms(text) == []


def test_huge_input_is_cut_and_stays_fast():
    terms = finnish.analyse("vuosiloma " * 100_000)
    assert terms[0] == "vuosiloma"
    assert len(finnish.normalise("a" * 1_000_000)) == finnish.MAX_CHARS


def test_search_terms_find_an_inflected_word_and_a_compound_part():
    document = finnish.search_terms("Vuosilomat siirtyvät kuntaan")
    assert set(finnish.search_terms("loma")) <= set(document)
    assert set(finnish.search_terms("kunnan")) <= set(document)
    assert all(" " not in term for term in document)


def test_analysis_is_deterministic():
    text = "Siirtyvätkö lomilleni kertyneet päivät kunnan asiakastietojärjestelmään?"
    assert finnish.analyse(text) == finnish.analyse(text)


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("muuttuvatko", "muuttua"),  # the lexicon reads "muuttuvat" as the adjective
        ("siirtyvillä", "siirtyä"),  # an inflected participle the lexicon lacks
        ("siirtyneitä", "siirtyä"),
        ("puhelimeni", "puhelin"),  # the possessive suffix replaces the genitive's -n
        ("eläkkeeseeni", "eläke"),
        ("kunnasta", "kunta"),  # not "kunnas" (a hillock)
        ("siirrostani", "siirto"),
    ],
)
def test_verb_forms_participles_and_possessives_get_their_lemma(word, lemma):
    assert finnish.analyse_word(word)[0] == lemma


@pytest.mark.parametrize(
    ("word", "lemma", "parts"),
    [
        ("tulospalkkiota", "tulospalkkio", ("tulos", "palkkio")),
        ("asiakastiedot", "asiakastieto", ("asiakas", "tieto")),
        ("työllisyysalueella", "työllisyysalue", ("työllisyys", "alue")),
        ("kotoutumispalvelut", "kotoutumispalvelu", ("kotoutuminen", "palvelu")),
    ],
)
def test_compounds_split_into_the_fewest_true_parts(word, lemma, parts):
    assert finnish.analyse_word(word) == (lemma, parts)


@pytest.mark.parametrize("word", ["palaveri", "tietää", "harmonisoida", "ammatillinen"])
def test_words_that_only_look_like_compounds_stay_whole(word):
    assert finnish.analyse_word(word) == (word, ())


def test_finer_parts_and_joined_parts_of_a_long_compound():
    lemma, parts = finnish.analyse_word("vuosilomapäivät")
    assert lemma == "vuosilomapäivä"
    assert {"vuosi", "loma", "päivä", "vuosiloma", "lomapäivä"} <= set(parts)


def test_compound_parts_are_marked_unless_also_a_word_of_their_own():
    assert finnish.analyse("vuosilomat") == ["vuosiloma", "+vuosi", "+loma"]
    assert finnish.analyse("vuosilomat ja lomat") == ["vuosiloma", "+vuosi", "loma"]


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("Milloin vuosilomat pitää pitää?", "when"),
        ("Minä päivänä palkka maksetaan?", "when"),
        ("Miten vuosiloman palkka lasketaan?", "how"),
        ("Kuinka paljon lomapäiviä kertyy?", "amount"),
        ("Paljonko lomaa kertyy?", "amount"),
        ("Kuka päättää liikkeen luovutuksesta?", "who"),
        ("Keneltä voin kysyä?", "who"),
        ("Missä toimipiste on?", "where"),
        ("Mikä järjestelmä on käytössä?", "what"),
        ("Siirtyvätkö lomat kuntaan?", "yesno"),
        ("Onkohan tämä totta?", "yesno"),
        ("Maksaako valtio vai kunta lomarahan?", "which"),
        ("Kumpi maksaa lomarahan?", "which"),
        ("Verkko toimii hyvin.", None),  # "verkko" ends in -ko but is a word of its own
        ("Lomat siirtyvät kuntaan.", None),
    ],
)
def test_the_question_intent_is_the_first_question_word(text, intent):
    terms = finnish.analyse(text)
    found = [t[1:] for t in terms if t.startswith(finnish.INTENT_MARK)]
    assert found == ([intent] if intent else [])
