"""No translatable string is marked only inside an f-string.

``manage.py makemessages`` runs xgettext, and Debian's xgettext 0.21 does not look inside
Python f-strings: a ``gettext("X")`` written as ``f"...{gettext('X')}..."`` is not
extracted, so "X" drops out of ``locale/*/django.po`` at the next ``make messages`` and
the page shows English again. Call ``gettext`` (``ngettext``, ``pgettext``, ``_`` ...)
before the f-string, keep the result in a variable and put the variable in the f-string.

Every ``.py`` file under ``kaiku/`` except tests and migrations is tokenized: on Python 3.11
an f-string is one ``STRING`` token whose prefix holds ``f`` or ``F``."""

from __future__ import annotations

import io
import re
import tokenize
from pathlib import Path

KAIKU = Path(__file__).resolve().parents[2]
SKIPPED = {"tests", "migrations"}
PREFIX = re.compile(r"[A-Za-z]*")
CALLS = (
    re.compile(r"\b(?:n|p|np)?gettext(?:_lazy)?\("),
    re.compile(r"(?<![\w.])_\("),
)


def _sources() -> list[Path]:
    return sorted(
        path
        for path in KAIKU.rglob("*.py")
        if not SKIPPED.intersection(path.relative_to(KAIKU).parts)
    )


def _marked_in_f_strings(readline) -> list[int]:
    """The lines where an f-string that calls a gettext function starts."""
    lines = []
    for token in tokenize.tokenize(readline):
        if token.type != tokenize.STRING:
            continue
        if "f" not in PREFIX.match(token.string).group(0).lower():
            continue
        if any(call.search(token.string) for call in CALLS):
            lines.append(token.start[0])
    return lines


def test_the_scan_finds_calls_in_f_strings():
    """The scan itself works: were f-strings tokenized in parts (as from Python 3.12),
    the test below would pass without looking at them."""
    sample = (
        b"a = f\"{gettext('X')}\"\n"
        b"b = Rf'{_(\"Y\")}'\n"
        b"c = gettext('Z') + f'{c}'\n"
        b"d = f'{self._(1)}{obj.gettext}'\n"
        b'e = f\'{ngettext_lazy("a", "b", 2)}\'\n'
    )
    assert _marked_in_f_strings(io.BytesIO(sample).readline) == [1, 2, 5]


def test_no_gettext_call_inside_an_f_string():
    sources = _sources()
    assert sources, f"no source files found under {KAIKU}"
    found = []
    for path in sources:
        with path.open("rb") as source:
            lines = _marked_in_f_strings(source.readline)
        found += [f"{path.relative_to(KAIKU.parent)}:{line}" for line in lines]
    assert not found, (
        "xgettext 0.21 does not extract strings marked inside f-strings; call gettext "
        "before the f-string and put the result in it:\n" + "\n".join(found)
    )
