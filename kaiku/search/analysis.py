"""Text analysis for search: words to index terms, queries, highlighted snippets.

Finnish inflects and compounds, so the index does not store words as they are written: each
word is stored with its base form (lemma), and a query word matches when its own form or
its base form is among them. ``kunnan`` and ``kunta`` both store ``kunta``, so each finds
the other. Finnish text is analysed by ``kaiku.core.finnish.search_terms`` (the project's
Finnish analyser, shared with similar-question matching); Swedish and English text by
simplemma's dictionaries for those languages. Nothing is downloaded at run time.

Terms contain letters and digits only (lower case, NFC), so that SQLite's ``unicode61``
tokenizer and PostgreSQL's ``simple`` configuration read them the same way and a query can
never inject operators into either backend's query syntax.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

WORD = re.compile(r"[^\W_]+")
LANGUAGES = ("fi", "sv", "en")
# A query longer than this (characters) or with more words is refused with a message.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").lower()


def words(text: str) -> list[str]:
    return WORD.findall(normalise(text))


def _finnish_terms():
    try:
        from kaiku.core.finnish import search_terms
    except ImportError:  # the shared analyser is not there yet: simplemma alone
        return None
    return search_terms


@lru_cache(maxsize=200_000)
def word_terms(word: str, language: str = "fi") -> tuple[str, ...]:
    """The terms one (normalised) word is indexed and searched with: itself and its base
    form(s) in ``language``."""
    terms = {word}
    if language == "fi" and (shared := _finnish_terms()) is not None:
        found = shared(word)
    else:
        import simplemma

        found = [simplemma.lemmatize(word, lang=language)]
    for term in found:
        terms.update(WORD.findall(normalise(term)))
    return tuple(sorted(terms))


def text_terms(text: str, language: str = "fi") -> list[str]:
    """Every term of ``text``, in order, for the index (words and base forms)."""
    out: list[str] = []
    for word in words(text):
        out.extend(word_terms(word, language))
    return out


def plain_text(value: str) -> str:
    """Stored HTML (``*_html``) as plain text, with entities decoded."""
    return html.unescape(strip_tags(value or ""))


@dataclass(frozen=True)
class Query:
    """A parsed query: for every word, the terms any of which it matches."""

    words: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]

    @property
    def terms(self) -> frozenset[str]:
        return frozenset(t for group in self.alternatives for t in group)

    def fts5(self) -> str:
        """SQLite FTS5 MATCH syntax: every word, any of its terms."""
        return " AND ".join(
            "(" + " OR ".join(f'"{t}"' for t in group) + ")" for group in self.alternatives
        )

    def tsquery(self) -> str:
        """PostgreSQL ``to_tsquery('simple', ...)`` syntax: the same condition."""
        return " & ".join("(" + " | ".join(group) + ")" for group in self.alternatives)


class QueryError(ValueError):
    pass


def parse_query(text: str) -> Query | None:
    """``None`` for a query without words; ``QueryError`` for a too long one."""
    if len(text or "") > MAX_QUERY_LENGTH:
        raise QueryError("too_long")
    found = list(dict.fromkeys(words(text)))
    if len(found) > MAX_QUERY_WORDS:
        raise QueryError("too_many_words")
    if not found:
        return None
    alternatives = []
    for word in found:
        terms: set[str] = set()
        for language in LANGUAGES:
            terms.update(word_terms(word, language))
        alternatives.append(tuple(sorted(terms)))
    return Query(tuple(found), tuple(alternatives))


def _matches(word: str, language: str, wanted: frozenset[str]) -> bool:
    return not wanted.isdisjoint(word_terms(normalise(word), language))


def highlight(text: str, query: Query, language: str = "fi") -> SafeString:
    """``text`` escaped, with the words that match ``query`` in ``<mark>``."""
    wanted = query.terms
    parts: list[str] = []
    last = 0
    for match in WORD.finditer(text):
        if _matches(match.group(), language, wanted):
            parts.append(escape(text[last : match.start()]))
            parts.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def snippet(text: str, query: Query, language: str = "fi", *, length: int = 220) -> SafeString:
    """About ``length`` characters of ``text`` around the first matching word, highlighted;
    the beginning of the text when no word of it matches (the title did)."""
    text = " ".join(text.split())
    wanted = query.terms
    start = 0
    for match in WORD.finditer(text):
        if _matches(match.group(), language, wanted):
            start = max(0, match.start() - length // 4)
            break
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    piece = highlight(text[start:end], query, language)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return mark_safe(prefix + piece + suffix)  # noqa: S308 - highlight() escaped the text


def first_language(values: dict[str, str], language: str) -> tuple[str, str]:
    """The text in ``language``, else in Finnish, else in any: (text, its language)."""
    for candidate in (language, "fi", *LANGUAGES):
        if values.get(candidate):
            return values[candidate], candidate
    return "", language


def join_terms(parts: Iterable[str]) -> str:
    return " ".join(parts)
