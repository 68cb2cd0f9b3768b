"""Text analysis for search: words to index terms, queries, highlighted snippets.

Finnish inflects and compounds, so the index does not store words only as they are written:
each word is stored with the stem of its base form (lemma) and the stems of its compound's
parts, from ``kaiku.core.finnish.search_terms`` (the project's Finnish analyser, shared with
similar-question matching). A query word matches when its own form or the stem of its base
form is among them: ``kunnan`` and ``kunta`` both give ``kunt``, so each finds the other,
and ``järjestelmä`` finds ``asiakastietojärjestelmä`` (a part) but not the other way round.
Swedish and English texts get the Snowball stem of each word. Nothing is downloaded at run
time.

Terms contain letters and digits only (lower case, NFC), so that SQLite's ``unicode61``
tokenizer and PostgreSQL's ``simple`` configuration read them the same way and a query can
never inject operators into either backend's query syntax.
"""

from __future__ import annotations

import html
import re
import threading
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

import Stemmer
from django.utils.html import strip_tags
from django.utils.safestring import SafeString, mark_safe

from kaiku.core import finnish
from kaiku.core.escaping import MARKUP

WORD = re.compile(r"[^\W_]+")
LANGUAGES = ("fi", "sv", "en")
SNOWBALL = {"sv": "swedish", "en": "english"}
# Facet terms: every entry's terms also say its type, working group and year
# ("kaikuft49", "kaikufg12", "kaikufy2026"), so that a filtered search is one full-text
# query (the filters are terms ANDed to the words) and never a join over every match. Query
# words of this shape are ignored.
FACET_PREFIX = "kaikuf"
# Title terms again, marked ("zqtkunt"), in the title column: a search of titles alone reads
# only the lists of words that occur in titles (FTS5's column filter and PostgreSQL's weight
# filter would still read every occurrence of a word found in 80,000 comments).
TITLE_PREFIX = "zqt"
_RESERVED_WORD = re.compile(rf"^(?:{FACET_PREFIX}[tgy]\d+|{TITLE_PREFIX}\w*)$")


def title_marks(terms: Iterable[str]) -> list[str]:
    """The marked copies of an entry's title terms (each once)."""
    return [f"{TITLE_PREFIX}{t}" for t in dict.fromkeys(terms)]


def facet_terms(*, content_type_id: int, group_pk: int | None, year: int | None) -> list[str]:
    """The facet terms of an entry (see ``FACET_PREFIX``)."""
    terms = [f"{FACET_PREFIX}t{content_type_id}"]
    if group_pk is not None:
        terms.append(f"{FACET_PREFIX}g{group_pk}")
    if year is not None:
        terms.append(f"{FACET_PREFIX}y{year}")
    return terms


# A query longer than this (characters) or with more words is refused with a message.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 12


def normalise(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").lower()


def words(text: str) -> list[str]:
    return WORD.findall(normalise(text))


_stemmers = threading.local()


def _snowball(word: str, language: str) -> str:
    stemmers = getattr(_stemmers, "by_language", None)
    if stemmers is None:
        stemmers = _stemmers.by_language = {}
    if language not in stemmers:
        stemmers[language] = Stemmer.Stemmer(SNOWBALL[language])
    return stemmers[language].stemWord(word)


@lru_cache(maxsize=200_000)
def word_terms(word: str, language: str = "fi", *, parts: bool = True) -> tuple[str, ...]:
    """The terms one (normalised) word is indexed with (``parts``: with the stems of a
    compound's parts) or searched with (without them: "asiakastietojärjestelmä" in a query
    must not find every text about "asiakas"). Stems only, not the word as written: the
    conjunction "kun" must not match the stem of "kunta". A Finnish stop word has none."""
    if language == "fi":
        found = finnish.search_terms(word)  # the lemma's stem, then its parts' stems
        found = found if parts else found[:1]
    else:
        found = [_snowball(word, language)]
    terms = {term for stem in found for term in WORD.findall(normalise(stem))}
    if not word.isalpha() and not word.isdigit():
        terms.add(word)  # "te24": the analyser reads two words, the writer meant one
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


# A Finnish stem at least this long of a word the lexicon does not know also matches the
# terms it begins: the analyser may read an unknown inflected compound a letter short of its
# base form's stem, and a long prefix rarely begins another word. A known word needs no
# prefix (its forms share its terms, and compounds are indexed with their leading parts,
# "asiakaspalvelutyö" with "asiakaspalvelu"); a prefix merges every term it begins, which
# doubled the cost of a common word's search.
PREFIX_MIN = 7


@dataclass(frozen=True)
class Query:
    """A parsed query: for every word, the terms any of which it matches (``prefixes``: the
    terms that also match as the beginning of a term)."""

    words: tuple[str, ...]
    alternatives: tuple[tuple[str, ...], ...]
    prefixes: frozenset[str] = frozenset()
    # Facet terms every result must also have, any of each group (``filtered``).
    filters: tuple[tuple[str, ...], ...] = ()

    def filtered(self, *facets: Iterable[str]) -> Query:
        """The same query limited to entries with a facet term of each non-empty group."""
        extra = tuple(tuple(sorted(set(group))) for group in facets if group)
        return replace(self, filters=self.filters + extra)

    @cached_property
    def terms(self) -> frozenset[str]:
        return frozenset(t for group in self.alternatives for t in group)

    def word_matches(self, word: str, language: str) -> bool:
        """Whether the word as written matches (``matches`` of its terms), remembered per
        word and language for this query (a page highlights the same words many times)."""
        return self.words_memo((word,), language)[word]

    def word_memo(self, language: str) -> dict[str, bool]:
        """``word_matches``' answers so far for ``language`` (word as written: bool)."""
        memos = self.__dict__.get("_word_memo")
        if memos is None:
            memos = {}
            object.__setattr__(self, "_word_memo", memos)  # not a field: no part of eq/hash
        memo = memos.get(language)
        if memo is None:
            memo = memos[language] = {}
        return memo

    def words_memo(self, words: Iterable[str], language: str) -> dict[str, bool]:
        """``word_memo`` with an answer for each of ``words``: a text's words are looked up
        there with no call per word."""
        memo = self.word_memo(language)
        new = set(words).difference(memo)
        if new:
            wanted, prefixes = self.terms, self.prefixes
            for word in new:
                # matches(word_terms(normalise(word))), two calls shorter per word.
                terms = word_terms(unicodedata.normalize("NFC", word).lower(), language)
                memo[word] = self.matches(terms) if prefixes else not wanted.isdisjoint(terms)
        return memo

    def matches(self, terms: Iterable[str]) -> bool:
        wanted, prefixes = self.terms, self.prefixes
        if not prefixes:
            return not wanted.isdisjoint(terms)
        return any(t in wanted or t.startswith(tuple(prefixes)) for t in terms)

    def fts5(self, *, titles: bool = False) -> str:
        """SQLite FTS5 MATCH syntax: every word, any of its terms (``titles``: in the title,
        through the marked title terms)."""
        mark = TITLE_PREFIX if titles else ""
        words = " AND ".join(
            "("
            + " OR ".join(f'"{mark}{t}"' + ("*" if t in self.prefixes else "") for t in group)
            + ")"
            for group in self.alternatives
        )
        filters = "".join(
            " AND (" + " OR ".join(f'"{t}"' for t in group) + ")" for group in self.filters
        )
        return f"({words}){filters}" if filters else words

    def tsquery(self, *, titles: bool = False) -> str:
        """PostgreSQL ``to_tsquery('simple', ...)`` syntax: the same condition."""
        mark = TITLE_PREFIX if titles else ""
        return " & ".join(
            [
                *(
                    "("
                    + " | ".join(f"{mark}{t}" + (":*" if t in self.prefixes else "") for t in group)
                    + ")"
                    for group in self.alternatives
                ),
                *("(" + " | ".join(group) + ")" for group in self.filters),
            ]
        )


class QueryError(ValueError):
    pass


def parse_query(text: str) -> Query | None:
    """``None`` for a query without words (or with stop words only); ``QueryError`` for a
    too long one."""
    if len(text or "") > MAX_QUERY_LENGTH:
        raise QueryError("too_long")
    found = [w for w in dict.fromkeys(words(text)) if not _RESERVED_WORD.match(w)]
    if len(found) > MAX_QUERY_WORDS:
        raise QueryError("too_many_words")
    if not found:
        return None
    meaningful, alternatives, prefixes = [], [], set()
    for word in found:
        finnish_terms = word_terms(word, "fi", parts=False)
        if not finnish_terms:  # a Finnish stop word ("ja", "on")
            continue
        terms: set[str] = set()
        for language in LANGUAGES:
            terms.update(word_terms(word, language, parts=False))
        meaningful.append(word)
        alternatives.append(tuple(sorted(terms)))
        if not finnish.is_known(word):  # a known word's forms and compounds share its terms
            prefixes.update(t for t in finnish_terms if len(t) >= PREFIX_MIN and t.isalpha())
    if not meaningful:
        return None
    return Query(tuple(meaningful), tuple(alternatives), frozenset(prefixes))


# WORD as a separator kept by ``split``: words at the odd places, what lies between them at
# the even ones.
_WORDS_SPLIT = re.compile(f"({WORD.pattern})")


def highlight(text: str, query: Query, language: str = "fi") -> SafeString:
    """``text`` escaped, with the words that match ``query`` in ``<mark>``."""
    # One split in C, then a look-up per word with no call (every word of a page's snippets
    # is read).
    pieces = _WORDS_SPLIT.split(text)
    return _highlighted(text, pieces, query.words_memo(pieces[1::2], language))


def _highlighted(text: str, pieces: list[str], memo: dict[str, bool]) -> SafeString:
    # ``pieces``: ``text`` split by ``_WORDS_SPLIT`` (changed here); ``memo`` answers for each
    # of its words. A word (letters and digits) is the same escaped.
    marked = [place for place in range(1, len(pieces), 2) if memo[pieces[place]]]
    if not marked:
        return mark_safe(html.escape(text))  # noqa: S308 - escaped
    if MARKUP.isdisjoint(text):  # nothing to escape: the marks put in place
        for place in marked:
            pieces[place] = f"<mark>{pieces[place]}</mark>"
        return mark_safe("".join(pieces))  # noqa: S308 - nothing to escape
    parts: list[str] = []
    last = 0
    for place in marked:
        parts.append(f"{html.escape(''.join(pieces[last:place]))}<mark>{pieces[place]}</mark>")
        last = place + 1
    parts.append(html.escape("".join(pieces[last:])))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped above


def snippet(text: str, query: Query, language: str = "fi", *, length: int = 220) -> SafeString:
    """About ``length`` characters of ``text`` around the first matching word, highlighted;
    the beginning of the text when no word of it matches (the title did)."""
    text = " ".join(text.split())
    pieces = _WORDS_SPLIT.split(text)
    memo = query.words_memo(pieces[1::2], language)
    marked = [place for place in range(1, len(pieces), 2) if memo[pieces[place]]]
    start = max(0, len("".join(pieces[: marked[0]])) - length // 4) if marked else 0
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 20 else start
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + length // 2 else end
    if start == 0 and end == len(text):
        piece = _highlighted(text, pieces, memo)  # the whole text: split already
    else:
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
