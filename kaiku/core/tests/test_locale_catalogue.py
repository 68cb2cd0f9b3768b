"""Every message in the Finnish catalogue has a Finnish translation.

Finnish is the first language of the UI: an empty or fuzzy entry in ``locale/fi`` shows
the English msgid to a Finnish reader (gettext skips fuzzy entries). The browser crawl
(``e2e/test_crawl.py``) looks for common English words on the pages themselves.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings

CATALOGUES = {"fi": Path(settings.BASE_DIR) / "locale" / "fi" / "LC_MESSAGES" / "django.po"}


@dataclass
class Entry:
    line: int
    flags: set[str] = field(default_factory=set)
    msgctxt: str | None = None
    msgid: str = ""
    msgstr: dict[str, str] = field(default_factory=dict)  # "" or the plural index


def _parse(path: Path) -> list[Entry]:
    """A small reader for the .po files ``makemessages`` writes: entries are separated by
    blank lines; a keyword's string may continue on the following lines."""
    entries = []
    line_no = 0
    for block in path.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()  # obsolete entries ("#~") are all comments
        start, line_no = line_no + 1, line_no + block.count("\n") + 2
        entry = Entry(line=start)
        strings: dict[str, str] = {}
        keyword = None
        for line in lines:
            if line.startswith("#,"):
                entry.flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                strings[keyword] += ast.literal_eval(line)
            else:
                keyword, _, rest = line.partition(" ")
                strings[keyword] = ast.literal_eval(rest)
        entry.msgctxt = strings.get("msgctxt")
        entry.msgid = strings.get("msgid", "")
        entry.msgstr = {
            key[len("msgstr[") : -1] if "[" in key else "": value
            for key, value in strings.items()
            if key.startswith("msgstr")
        }
        if entry.msgid:  # the header has an empty msgid
            entries.append(entry)
    return entries


@pytest.mark.parametrize("language", sorted(CATALOGUES))
def test_every_message_has_a_translation(language):
    path = CATALOGUES[language]
    entries = _parse(path)
    assert len(entries) > 100, f"{path} looks empty or unreadable"
    untranslated = [
        f"{path.name}:{e.line} {e.msgid!r}"
        for e in entries
        if "fuzzy" in e.flags or not e.msgstr or not all(e.msgstr.values())
    ]
    assert not untranslated, (
        f"{len(untranslated)} message(s) without a {language} translation:\n"
        + "\n".join(untranslated)
    )


def test_the_reader_sees_empty_and_fuzzy_entries(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: fi\\n"\n\n'
        '#: a.py:1\nmsgid "Save"\nmsgstr "Tallenna"\n\n'
        '#, fuzzy\nmsgid "Edit"\nmsgstr "Muokkaa"\n\n'
        'msgctxt "verb"\nmsgid "Search"\nmsgstr ""\n\n'
        'msgid "one"\nmsgid_plural "many"\nmsgstr[0] "yksi"\nmsgstr[1] ""\n\n'
        'msgid ""\n"Long "\n"text"\nmsgstr ""\n"Pitkä "\n"teksti"\n\n'
        '#~ msgid "Old"\n#~ msgstr ""\n',
        encoding="utf-8",
    )
    entries = {e.msgid: e for e in _parse(po)}
    assert set(entries) == {"Save", "Edit", "Search", "one", "Long text"}
    assert entries["Save"].msgstr == {"": "Tallenna"}
    assert "fuzzy" in entries["Edit"].flags
    assert entries["Search"].msgctxt == "verb" and entries["Search"].msgstr == {"": ""}
    assert entries["one"].msgstr == {"0": "yksi", "1": ""}
    assert entries["Long text"].msgstr == {"": "Pitkä teksti"}


def test_translation_functions_keep_names_makemessages_knows():
    """``makemessages`` finds strings only by the functions' own names (and ``_``): an alias
    such as ``gettext_lazy as _lazy`` hid 20 messages of the group forms from the catalogue,
    and Finnish pages said "Edit meeting"."""
    source_root = Path(settings.BASE_DIR) / "kaiku"
    aliased = []
    for path in source_root.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module == "django.utils.translation":
                aliased += [
                    f"{path.relative_to(source_root)}: {alias.name} as {alias.asname}"
                    for alias in node.names
                    if alias.asname not in (None, "_")
                ]
    assert not aliased, aliased
