"""Counts in the builder's and the results export's messages have plural forms (Finnish
"1 vastaaja", "5 vastaajaa"), and a "%" that is a percent sign is not taken for a
placeholder: xgettext must not flag "95% interval" python-format, or msgfmt refuses a
translation that writes it "95 %"."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.utils import translation

from .. import results, results_export, services
from ..models import QuestionKind

APP = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _english():
    with translation.override("en"):
        yield


def test_the_line_limits_have_plural_forms(monkeypatch):
    monkeypatch.setattr(services, "MAX_LINES", 1)
    items = services.Lines({"fi": ["Yksi", "Kaksi"]})
    with pytest.raises(ValidationError) as caught:
        services._check_lines(QuestionKind.MATRIX, None, items)
    assert caught.value.message_dict["items_fi"] == ["At most 1 line."]
    items = services.Lines({"fi": ["Yksi"], "sv": ["Ett", "Två"]})
    with pytest.raises(ValidationError) as caught:
        services._check_lines(QuestionKind.MATRIX, None, items)
    assert caught.value.message_dict["items_sv"] == [
        "Give as many lines as in Finnish (1 line), in the same order."
    ]


def test_the_export_notes_have_plural_forms(monkeypatch):
    assert "fewer than 5 respondents" in results_export._hidden_note()
    assert "fewer than 5 respondents is shown" in results_export._protection_note()
    monkeypatch.setattr(results, "MIN_GROUP", 1)
    monkeypatch.setattr(results, "MIN_TEXT_GROUP", 1)
    assert results_export._hidden_note().startswith("hidden: fewer than 1 respondent,")
    assert "fewer than 1 respondent is shown" in results_export._protection_note()
    assert results_export._extremes_note() == "shown only for groups of at least 1 answer"


def _entries(*paths: Path) -> list[tuple[set[str], str]]:
    """``[(flags, msgid)]`` of what xgettext extracts from ``paths``, as makemessages runs it."""
    out = subprocess.run(
        [
            "xgettext", "--language=Python", "--from-code=UTF-8", "--keyword=_",
            "--keyword=gettext", "--keyword=ngettext:1,2", "--no-wrap", "-o", "-",
            *map(str, paths),
        ],
        capture_output=True, text=True, check=True,
    ).stdout  # fmt: skip
    entries = []
    for block in out.split("\n\n"):
        flags = set()
        for line in block.splitlines():
            if line.startswith("#,"):
                flags |= {f.strip() for f in line[2:].split(",")}
        match = re.search(r'^msgid "(.*)"$', block, re.MULTILINE)
        if match and match.group(1):
            entries.append((flags, match.group(1)))
    return entries


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext's xgettext")
def test_percent_signs_are_not_python_format():
    entries = _entries(APP / "results_export.py", APP / "results_views.py")
    intervals = [(flags, msgid) for flags, msgid in entries if "95%" in msgid]
    assert len(intervals) == 5, intervals
    for flags, msgid in intervals:
        assert "no-python-format" in flags and "python-format" not in flags, msgid
    # Whatever is flagged python-format has only named placeholders and "%%".
    for flags, msgid in entries:
        if "python-format" in flags:
            assert not re.search(r"%(?!%|\(\w+\)[sd])", re.sub("%%", "", msgid)), msgid
