"""Open-text themes: themes emerge from Finnish answers, noise stays apart, edge cases hold."""

import subprocess
import sys
from collections import Counter

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kaiku.core import finnish
from kaiku.core.themes import Theme, ThemeAnalysis, find_themes

THEMES = {
    "jaksaminen": [
        "Tukea jaksamiseen, olen aika uupunut.",
        "Jaksaminen on koetuksella koko tiimissä.",
        "jaksamista",
        "Miten jaksan tämän muutoksen keskellä?",
        "Työssä jaksamisen tukea ja palautumista.",
        "Jaksamisesa tukea tarvitaan.",
        "Henkinen jaksaminen ja työhyvinvointi.",
        "Jaksaminen. Moni on jo väsynyt.",
    ],
    "työnohjaus": [
        "Työnohjausta!",
        "Säännöllistä työnohjausta tiimille.",
        "tyonohjausta tarvittais",
        "Työnohjaus pitää jatkua kunnassa.",
        "Ryhmätyönohjausta muutoksen käsittelyyn.",
        "Työnohjaaja, jonka kanssa purkaa tunteita.",
        "Työnohjauksen jatkuminen on tärkeää.",
        "Työnohjausta yksin ja ryhmässä.",
    ],
    "tiedonkulku": [
        "Tiedonkulku on huonoa.",
        "Tiedonkulkua pitää parantaa.",
        "tiedonkulku",
        "Parempaa tiedonkulkua johdolta.",
        "Tiedonkulku eri organisaatioiden välillä takkuaa.",
        "Tiedonkulun parantaminen.",
        "Tiedonkulku ja ajantasainen tieto.",
        "tiedonkulku huonoa, tieto ei kulje",
    ],
}
NOISE = ["Ei mitään.", "En osaa sanoa", "-", "Kiitos kyselystä! 👍", "12345", "Kahvia taukotilaan."]


def labelled():
    texts, labels = [], []
    for theme, answers in THEMES.items():
        texts += answers
        labels += [theme] * len(answers)
    return texts + NOISE, labels + ["-"] * len(NOISE)


def check_partition(result: ThemeAnalysis, n: int) -> None:
    seen = [i for t in result.themes for i in t.members] + list(result.unassigned)
    assert sorted(seen) == list(range(n))  # every answer exactly once
    for theme in result.themes:
        assert theme.size == len(theme.members)
        assert set(theme.representatives) <= set(theme.members)
        assert len(theme.representatives) <= 3


def test_themes_emerge_with_readable_labels():
    texts, labels = labelled()
    result = find_themes(texts, min_size=4)
    check_partition(result, len(texts))
    assert len(result.themes) == 3
    found = {}
    for theme in result.themes:
        majority, count = Counter(labels[i] for i in theme.members).most_common(1)[0]
        assert count == theme.size  # pure
        found[majority] = theme
    assert set(found) == set(THEMES)
    assert found["jaksaminen"].label == "jaksaminen"
    assert found["työnohjaus"].label == "työnohjaus"
    assert found["tiedonkulku"].label.startswith("tiedonkulku")
    assert "työnohjaus" in found["työnohjaus"].keywords
    # Misspelt answers join their theme.
    assert texts.index("tyonohjausta tarvittais") in found["työnohjaus"].members
    assert texts.index("Jaksamisesa tukea tarvitaan.") in found["jaksaminen"].members


def test_noise_stays_unassigned():
    texts, labels = labelled()
    result = find_themes(texts, min_size=4)
    noise = {i for i, label in enumerate(labels) if label == "-"}
    assert noise <= set(result.unassigned)


def test_deterministic():
    texts, _ = labelled()
    assert find_themes(texts, seed=3) == find_themes(list(texts), seed=3)


def test_api_shape():
    texts, _ = labelled()
    result = find_themes(texts, min_size=4)
    theme = result.themes[0]
    assert isinstance(theme, Theme)
    assert all(isinstance(k, str) and k for k in theme.keywords)
    assert theme.representatives[0] == theme.members[0]  # the best fitting answer first
    shown = result.as_dicts(texts)
    assert set(shown[0]) == {"label", "keywords", "size", "answers"}
    assert shown[0]["answers"] == [texts[i] for i in theme.members]
    assert [t.size for t in result.themes] == sorted((t.size for t in result.themes), reverse=True)


def test_empty_and_single():
    assert find_themes([]) == ThemeAnalysis(themes=[], unassigned=[])
    assert find_themes(["Työnohjausta!"]).unassigned == [0]


def test_all_identical_answers_are_one_theme():
    result = find_themes(["Työnohjausta tarvitaan."] * 12)
    assert len(result.themes) == 1
    assert result.themes[0].label == "työnohjaus"
    assert result.themes[0].size == 12
    assert len(result.themes[0].representatives) == 1  # the same text is shown once
    few = find_themes(["Työnohjausta tarvitaan."] * 3)
    assert few.themes == [] and few.unassigned == [0, 1, 2]


def test_stop_words_emoji_and_numbers_only():
    texts = ["ja että on", "👍👍", "12345", "", "   ", "?!", "ei mitään", "-", None, "2025"]
    result = find_themes(texts, min_size=1)
    assert result.themes == []
    assert result.unassigned == list(range(len(texts)))


def test_very_long_answers_and_other_languages():
    texts, _ = labelled()
    long_answer = "Työnohjausta tarvitaan kipeästi. " * 5_000
    mixed = texts + [
        long_answer,
        "Vi behöver mer information om förändringen och arbetshandledning.",
        "We need better communication and support for wellbeing.",
        "Jag vet inte.",
        "No comment.",
    ]
    result = find_themes(mixed, min_size=4)
    check_partition(result, len(mixed))
    assert len(result.themes) >= 3


def test_no_more_themes_than_asked():
    texts, _ = labelled()
    result = find_themes(texts, min_size=2, max_themes=2)
    assert len(result.themes) <= 2
    assert len(find_themes(texts, min_size=2, max_themes=1).themes) <= 1


def test_is_known_tells_misspellings():
    assert finnish.is_known("työnohjausta")
    assert finnish.is_known("kunnan")
    assert not finnish.is_known("tyonohjaus")
    assert not finnish.is_known("jaksamisesa")
    assert not finnish.is_known("")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.text(max_size=60),
            st.sampled_from(
                [t for answers in THEMES.values() for t in answers] + NOISE + ["tyÖnohjaus"]
            ),
        ),
        max_size=40,
    ),
    st.integers(min_value=1, max_value=6),
    st.integers(min_value=1, max_value=5),
)
def test_any_list_of_strings_is_partitioned(texts, min_size, max_themes):
    result = find_themes(texts, min_size=min_size, max_themes=max_themes)
    check_partition(result, len(texts))
    assert len(result.themes) <= max_themes
    assert all(t.size >= min_size for t in result.themes)


def test_package_does_not_import_django():
    code = (
        "import sys; import kaiku.core.themes as t; t.find_themes(['työnohjausta'] * 6); "
        "assert 'django' not in sys.modules, [m for m in sys.modules if 'django' in m]"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=120)
