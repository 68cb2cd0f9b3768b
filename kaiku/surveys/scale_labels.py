"""The answer labels of agreement scales as survey tools export them (docs/surveys.md,
"Importing earlier rounds").

Webropol and Microsoft Forms often export a scale answer as its label ("Täysin samaa mieltä")
rather than its number. ``AGREEMENT_SCALES`` is the one list of the labels known: for a scale
of 5 and of 7 points, for each point from the lowest to the highest, the labels in Finnish,
Swedish and English, the usual wording first (it is the translation given to an imported
question's lowest and highest labels), its variants after it. Labels are compared without
case, extra spaces, dashes or a final full stop.

``match(values, points=...)`` finds the scale that every value of a column is a label of, no
two values on the same point; numbered values such as "1 = Täysin eri mieltä" are on the
point their number says.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

LANGUAGES = ("fi", "sv", "en")

#: The middle point of both scales.
_NEUTRAL: dict[str, tuple[str, ...]] = {
    "fi": (
        "Ei samaa eikä eri mieltä",
        "En samaa enkä eri mieltä",
        "Ei samaa mieltä eikä eri mieltä",
        "Neutraali",
    ),
    "sv": (
        "Varken av samma eller annan åsikt",
        "Varken av samma eller av annan åsikt",
        "Varken enig eller oenig",
        "Neutral",
    ),
    "en": ("Neither agree nor disagree", "Neutral", "Neither agree or disagree"),
}

#: points → for each point (lowest first) → language → labels (the usual one first).
AGREEMENT_SCALES: dict[int, tuple[dict[str, tuple[str, ...]], ...]] = {
    5: (
        {
            "fi": ("Täysin eri mieltä", "Erittäin paljon eri mieltä"),
            "sv": ("Helt av annan åsikt", "Helt oenig", "Instämmer inte alls"),
            "en": ("Strongly disagree", "Completely disagree"),
        },
        {
            "fi": (
                "Jokseenkin eri mieltä",
                "Osittain eri mieltä",
                "Eri mieltä",
                "Melko eri mieltä",
            ),
            "sv": (
                "Delvis av annan åsikt",
                "Av annan åsikt",
                "Delvis oenig",
                "Oenig",
                "Instämmer delvis inte",
            ),
            "en": ("Somewhat disagree", "Disagree", "Tend to disagree", "Partly disagree"),
        },
        _NEUTRAL,
        {
            "fi": (
                "Jokseenkin samaa mieltä",
                "Osittain samaa mieltä",
                "Samaa mieltä",
                "Melko samaa mieltä",
            ),
            "sv": (
                "Delvis av samma åsikt",
                "Av samma åsikt",
                "Delvis enig",
                "Enig",
                "Instämmer delvis",
            ),
            "en": ("Somewhat agree", "Agree", "Tend to agree", "Partly agree"),
        },
        {
            "fi": ("Täysin samaa mieltä", "Erittäin paljon samaa mieltä"),
            "sv": ("Helt av samma åsikt", "Helt enig", "Instämmer helt"),
            "en": ("Strongly agree", "Completely agree"),
        },
    ),
    7: (
        {
            "fi": ("Täysin eri mieltä",),
            "sv": ("Helt av annan åsikt", "Helt oenig"),
            "en": ("Strongly disagree", "Completely disagree"),
        },
        {
            "fi": ("Eri mieltä", "Melko eri mieltä"),
            "sv": ("Av annan åsikt", "Oenig"),
            "en": ("Disagree",),
        },
        {
            "fi": ("Jokseenkin eri mieltä", "Osittain eri mieltä"),
            "sv": ("Delvis av annan åsikt", "Delvis oenig", "Något oenig"),
            "en": ("Somewhat disagree", "Slightly disagree"),
        },
        _NEUTRAL,
        {
            "fi": ("Jokseenkin samaa mieltä", "Osittain samaa mieltä"),
            "sv": ("Delvis av samma åsikt", "Delvis enig", "Något enig"),
            "en": ("Somewhat agree", "Slightly agree"),
        },
        {
            "fi": ("Samaa mieltä", "Melko samaa mieltä"),
            "sv": ("Av samma åsikt", "Enig"),
            "en": ("Agree",),
        },
        {
            "fi": ("Täysin samaa mieltä",),
            "sv": ("Helt av samma åsikt", "Helt enig"),
            "en": ("Strongly agree", "Completely agree"),
        },
    ),
}

#: "1 = Täysin eri mieltä", "5 - Täysin samaa mieltä", "7: Agree", "2) Eri mieltä", "3. …",
#: and "1 Täysin eri mieltä" (with a space only, when the rest is a known label).
_NUMBERED = re.compile(r"([1-7])\s*(?:([=:.)–-])\s*|\s+)(\S.*)")
_WHOLE = re.compile(r"[1-7](?:[.,]0+)?")


def key(text: str) -> str:
    """``"  Täysin  SAMAA-mieltä. "`` → ``"täysin samaa mieltä"``."""
    text = re.sub(r"[-‐–—_/]", " ", text.casefold())
    return " ".join(text.split()).rstrip(".").strip()


def _index() -> dict[int, dict[str, tuple[int, str]]]:
    index: dict[int, dict[str, tuple[int, str]]] = {}
    for points, scale in AGREEMENT_SCALES.items():
        labels: dict[str, tuple[int, str]] = {}
        for position, by_language in enumerate(scale, start=1):
            for language, variants in by_language.items():
                for label in variants:
                    labels.setdefault(key(label), (position, language))
        index[points] = labels
    return index


#: points → label key → (point, language).
_LABELS = _index()


@dataclass
class ScaleMatch:
    """How a column's values lie on a scale of ``points`` points."""

    points: int
    #: Each distinct value's key → its point.
    values: dict[str, int] = field(default_factory=dict)
    #: Point → the label as the file writes it (the first seen), where the file names it.
    labels: dict[int, str] = field(default_factory=dict)
    #: The language of the file's labels when they are labels of ``AGREEMENT_SCALES``.
    language: str = ""

    def label(self, point: int, language: str = "fi") -> str:
        """The point's label in ``language``: the file's own where the file is in that
        language (labels of no known scale count as Finnish), else the usual one of
        ``AGREEMENT_SCALES``, else ""."""
        if point in self.labels and language == (self.language or "fi"):
            return self.labels[point]
        if self.language and 1 <= point <= self.points:
            variants = AGREEMENT_SCALES[self.points][point - 1].get(language, ())
            return variants[0] if variants else ""
        return ""


def split_numbered(value: str) -> tuple[int | None, str]:
    """``"1 = Täysin eri mieltä"`` → ``(1, "Täysin eri mieltä")``; ``"3"`` → ``(3, "")``;
    anything else → ``(None, value)``."""
    value = value.strip()
    if _WHOLE.fullmatch(value):
        return int(value[0]), ""
    found = _NUMBERED.fullmatch(value)
    if found is None or found.group(3)[0].isdigit():
        return None, value
    text = found.group(3).strip()
    if not found.group(2) and not any(key(text) in labels for labels in _LABELS.values()):
        return None, value  # "2 kertaa viikossa" is an answer, not a numbered label
    return int(found.group(1)), text


def match(values: Iterable[str], *, points: int | None = None) -> ScaleMatch | None:
    """The scale of 5 (else 7) points, or of ``points``, that every value lies on, or None.

    Either every value is a label of ``AGREEMENT_SCALES`` (no two on the same point), or every
    value is numbered ("1 = …", a bare "3" among them is fine) with one label a number: such a
    scale has 5 points when no number is above 5. Bare numbers alone are not a match (the
    importer reads them as numbers)."""
    distinct = list(dict.fromkeys(v.strip() for v in values if v and v.strip()))
    if not distinct:
        return None
    parsed = [split_numbered(v) for v in distinct]
    if all(number is not None for number, _label in parsed):
        return _numbered(distinct, parsed, points)
    if any(number is not None for number, _label in parsed):
        return None
    for size in (points,) if points else (5, 7):
        found = _labelled(distinct, size)
        if found is not None:
            return found
    return None


def _labelled(distinct: list[str], points: int) -> ScaleMatch | None:
    known = _LABELS.get(points)
    if known is None:
        return None
    result = ScaleMatch(points=points)
    languages = []
    for value in distinct:
        value_key = key(value)
        if value_key in result.values:
            continue  # the same label written twice ("Samaa mieltä" and "samaa mieltä")
        if value_key not in known:
            return None
        point, language = known[value_key]
        if point in result.labels:
            return None  # two different labels on one point: another scale
        result.values[value_key] = point
        result.labels[point] = value
        languages.append(language)
    result.language = max(set(languages), key=languages.count)
    return result


def _numbered(
    distinct: list[str], parsed: list[tuple[int | None, str]], points: int | None
) -> ScaleMatch | None:
    texts = {number: text for number, text in parsed if text}
    if not texts:
        return None  # bare numbers only
    for number, text in parsed:
        if text and key(text) != key(texts[number]):
            return None  # two labels for one number: not a scale
    highest = max(number for number, _text in parsed)
    size = points or (5 if highest <= 5 else 7)
    if highest > size:
        return None
    # Labels of a known scale on the points their numbers say: that scale's size, language.
    known = _labelled(list(texts.values()), size)
    if points is None and known is None and size == 5:
        seven = _labelled(list(texts.values()), 7)
        if seven is not None and all(seven.values[key(t)] == n for n, t in texts.items()):
            known, size = seven, 7
    if known is not None and any(known.values[key(t)] != n for n, t in texts.items()):
        known = None
    result = ScaleMatch(points=size, language=known.language if known else "")
    for value, (number, _text) in zip(distinct, parsed, strict=True):
        result.values[key(value)] = number
    result.labels = dict(sorted(texts.items()))
    return result
