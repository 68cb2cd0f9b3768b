"""Finnish text analysis for similar-question matching and full-text search.

Finnish inflects and compounds: "vuosilomat", "lomapäivät" and "lomilleni" are about the same
holidays, "kuntaan" and "kunnan" about the same municipality, and "asiakastietojärjestelmä" is
"järjestelmä asiakastiedoille". This module turns text into terms that match across those forms:

* ``normalise(text)``: lower case, HTML tags and entities, emoji and punctuation removed.
* ``tokens(text)``: the words (hyphenated words such as "sote-alue" stay one token).
* ``lemmas(text)``: each word's base form, stop words left out.
* ``is_known(word)``: whether the lexicon knows a token (a misspelt word is not known).
* ``analyse(text)``: the terms of the similar-question index: lemmas, the parts of compounds
  (marked "+"), the canonical forms of synonyms (``data/synonyms_fi.txt``) and the question's
  intent (marked "?": when, how, who, yes or no...).
* ``search_terms(text)``: stems for a full-text index (the lemma, then the Snowball stemmer),
  with the parts of compounds, in text order.

Base forms come from a lexicon of 3.4 million Finnish word forms derived from simplemma's
Finnish dictionary. simplemma itself keeps the whole dictionary in memory (about 400 MB and
six seconds to load), so the first use builds a read-only SQLite copy of it in a separate
process (``var/cache/fi-lexicon-*.sqlite3``, or ``KAIKU_FI_LEXICON``); every process then
reads that file (shared through the page cache, a few MB per process). Without simplemma the
analysis falls back to the Snowball stemmer. Nothing is downloaded. Build it ahead of time
with ``python -m kaiku.core.finnish build-lexicon``. See docs/search-fi.md.
"""

from __future__ import annotations

import html
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
import unicodedata
from functools import lru_cache
from pathlib import Path

import Stemmer

DATA_DIR = Path(__file__).resolve().parent / "data"
BASE_DIR = Path(__file__).resolve().parents[2]
LEXICON_FORMAT = 1
MAX_CHARS = 20_000  # longer text is cut: a question is short, and analysis must stay cheap
MIN_PART = 3  # the shortest part of a compound (a listed part, data/compound_parts_fi.txt)
MIN_LEXICON_PART = 4  # the shortest part of a compound taken from the lexicon alone

_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*|\d+")
_TAG = re.compile(r"<[^>]{0,1000}>")
_NOT_WORD = re.compile(r"[^\w\s-]+|_+")
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
_SPACE = re.compile(r"\s+")
_KEEP_MARKS = frozenset("åäö")
# Clitics and possessive suffixes, longest first: "lomilleni" -> "lomille", "onkohan" -> "onko".
_ENCLITICS = ("kaan", "kään", "kin", "han", "hän", "pa", "pä", "ko", "kö")
_POSSESSIVES = ("mme", "nne", "nsa", "nsä", "ni", "si", "an", "en", "än")


# -- data files -------------------------------------------------------------------------------


def _lines(name: str) -> list[str]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [s for line in text.splitlines() if (s := line.split("#", 1)[0].strip())]


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    return frozenset(normalise(w) for w in _lines("stopwords_fi.txt"))


@lru_cache(maxsize=1)
def _extra_parts() -> frozenset[str]:
    return frozenset(normalise(w) for w in _lines("compound_parts_fi.txt"))


@lru_cache(maxsize=1)
def _overrides() -> dict[str, str]:
    pairs = (line.split("=", 1) for line in _lines("lemma_overrides_fi.txt"))
    return {normalise(a): normalise(b) for a, b in pairs}


# -- the lexicon ------------------------------------------------------------------------------


def lexicon_path() -> Path:
    if path := os.environ.get("KAIKU_FI_LEXICON"):
        return Path(path)
    try:
        from importlib.metadata import version

        source = f"simplemma-{version('simplemma')}"
    except Exception:  # noqa: BLE001 - no simplemma: no lexicon, the stemmer alone
        source = "none"
    return BASE_DIR / "var" / "cache" / f"fi-lexicon-{source}-{LEXICON_FORMAT}.sqlite3"


def build_lexicon(path: Path) -> int:
    """Write simplemma's Finnish dictionary to a SQLite file (atomically); returns the rows."""
    from simplemma.strategies.dictionaries import DefaultDictionaryFactory

    entries = DefaultDictionaryFactory().get_dictionary("fi")
    rows: dict[str, str] = {}
    shape = re.compile(r"^[a-zåäöšž]+(?:-[a-zåäöšž]+)*$")
    for form, lemma in entries.items():
        form, lemma = str(form), lemma.decode() if isinstance(lemma, bytes) else str(lemma)
        low = form.lower()
        if not shape.match(low):
            continue
        # A lower-case entry wins over a capitalised one ("kunta" over "Kunta").
        if low not in rows or form == low:
            rows[low] = lemma.lower()
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(f".tmp{os.getpid()}")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript(
        "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;"
        "CREATE TABLE lex (form TEXT PRIMARY KEY, lemma TEXT) WITHOUT ROWID;"
    )
    # The lemma is left NULL when it is the form itself: a smaller file.
    db.executemany(
        "INSERT INTO lex VALUES (?, ?)",
        ((f, None if f == lemma else lemma) for f, lemma in sorted(rows.items())),
    )
    db.commit()
    db.close()
    os.replace(tmp, path)
    return len(rows)


class _Lexicon:
    """Read-only look-ups in the SQLite lexicon; one connection per thread."""

    def __init__(self) -> None:
        self._local = threading.local()
        self._lock = threading.Lock()
        self._path: Path | None = None
        self._ready: bool | None = None

    def _ensure(self) -> bool:
        if self._ready is not None:
            return self._ready
        with self._lock:
            if self._ready is None:
                self._path = lexicon_path()
                self._ready = self._path.exists() or _build_in_subprocess(self._path)
        return self._ready

    def _conn(self) -> sqlite3.Connection | None:
        if not self._ensure():
            return None
        conn = getattr(self._local, "conn", None)
        if conn is None:
            uri = f"file:{self._path}?mode=ro&immutable=1"
            conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
            self._local.conn = conn
        return conn

    @property
    def available(self) -> bool:
        return self._ensure()

    def lookup(self, forms: list[str]) -> dict[str, str]:
        """The lemma of each known form among ``forms``."""
        conn = self._conn()
        if conn is None or not forms:
            return {}
        found: dict[str, str] = {}
        unique = list(dict.fromkeys(forms))
        for start in range(0, len(unique), 500):
            chunk = unique[start : start + 500]
            marks = ",".join("?" * len(chunk))
            for form, lemma in conn.execute(
                f"SELECT form, lemma FROM lex WHERE form IN ({marks})",  # noqa: S608
                chunk,
            ):
                found[form] = lemma or form
        return found


def _build_in_subprocess(path: Path) -> bool:
    """Build the lexicon once, in another process (its 400 MB are freed when it ends)."""
    try:
        import simplemma  # noqa: F401
    except ImportError:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    lock = path.with_suffix(".lock")
    try:
        fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY)
    except FileExistsError:
        # Another process is building it: wait for it (a stale lock older than 10 min is retried).
        deadline = time.monotonic() + 600
        while time.monotonic() < deadline and not path.exists():
            time.sleep(0.5)
            try:
                if time.time() - lock.stat().st_mtime > 600:
                    lock.unlink(missing_ok=True)
                    return _build_in_subprocess(path)
            except FileNotFoundError:
                break
        return path.exists()
    try:
        os.close(fd)
        subprocess.run(
            [sys.executable, "-m", "kaiku.core.finnish", "build-lexicon", str(path)],
            cwd=BASE_DIR,
            check=True,
            stdout=subprocess.DEVNULL,
            timeout=900,
        )
    except (subprocess.SubprocessError, OSError):
        return path.exists()
    finally:
        lock.unlink(missing_ok=True)
    return path.exists()


_lexicon = _Lexicon()
_stemmer_local = threading.local()


def _stem(word: str) -> str:
    stemmer = getattr(_stemmer_local, "stemmer", None)
    if stemmer is None:
        stemmer = _stemmer_local.stemmer = Stemmer.Stemmer("finnish")
    return stemmer.stemWord(word)


# -- text -------------------------------------------------------------------------------------


def normalise(text: str | None) -> str:
    """Lower case, without HTML, emoji or punctuation; letters other than å, ä, ö lose accents."""
    if not text:
        return ""
    text = str(text)[:MAX_CHARS]
    if "<" in text:
        text = _TAG.sub(" ", text)
    if "&" in text:
        text = html.unescape(text)
    text = unicodedata.normalize("NFKC", text).lower()
    text = _DASHES.sub("-", text)
    if not text.isascii():
        decomposed = []
        for ch in text:
            if ch in _KEEP_MARKS or ch.isascii():
                decomposed.append(ch)
            else:
                decomposed.append(
                    "".join(
                        c for c in unicodedata.normalize("NFD", ch) if not unicodedata.combining(c)
                    )
                )
        text = "".join(decomposed)
    text = _NOT_WORD.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def tokens(text: str | None) -> list[str]:
    """The words of ``text``, normalised; "sote-alue" is one token, a lone hyphen none."""
    return _WORD.findall(normalise(text))


# -- words ------------------------------------------------------------------------------------


def _candidates_for_lookup(word: str) -> list[str]:
    """The word, then the word without a clitic and/or a possessive suffix."""
    out = [word]
    for clitic in ("", *_ENCLITICS):
        if clitic and not word.endswith(clitic):
            continue
        base = word[: len(word) - len(clitic)] if clitic else word
        if clitic and len(base) >= MIN_PART:
            out.append(base)
        for poss in _POSSESSIVES:
            if base.endswith(poss) and len(base) - len(poss) >= MIN_PART:
                # The suffix replaces a case's final -n: "puhelimeni" is "puhelimen" + "ni".
                out.append(base[: -len(poss)])
                out.append(base[: -len(poss)] + "n")
    return out


@lru_cache(maxsize=50_000)
def _lemma_of_form(word: str) -> str | None:
    """The lemma of a known form (directly, or with a clitic/possessive removed), else None.

    A present participle becomes its verb ("muuttuvatko" -> "muuttuva" -> "muuttua"), and an
    inflected participle the lexicon does not know is read as its verb ("siirtyvillä",
    "siirtyneitä" -> "siirtyä"): in a question they are the same word as the verb.
    """
    overrides = _overrides()
    options = _candidates_for_lookup(word)
    for option in options:
        if option in overrides:
            return overrides[option]
    found = _lexicon.lookup(options)
    for option in options:
        if option in found:
            return _verb_of_participle(found[option])
    return _participle_verb(word)


def _infinitive(stem: str) -> str:
    """The first infinitive of a verb stem, by vowel harmony: "siirty" -> "siirtyä"."""
    back = any(c in "aou" for c in stem)
    front = any(c in "äöy" for c in stem)
    return stem + ("a" if back and not front else "ä" if front else "a")


def _verb_of_participle(lemma: str) -> str:
    """The verb of a present participle the lexicon gives as a lemma ("muuttuva" -> "muuttua")."""
    if len(lemma) >= 6 and lemma[-2:] in ("va", "vä") and lemma[-3] in "aeiouyäö":
        verb = _infinitive(lemma[:-2])
        if _lexicon.lookup([verb]).get(verb) == verb:
            return verb
    return lemma


# A verb stem, a participle's marker (present -vA-/-vi-, past -ne-/-nUt-), a case ending.
_PARTICIPLE = re.compile(r"^(.{3,}?[aeiouyäö])(?:v[aäi]|ne[ie]?|n[uy]tt?)[a-zäö]{0,5}$")


def _participle_verb(word: str) -> str | None:
    """The verb of an inflected participle missing from the lexicon, else None."""
    match = _PARTICIPLE.match(word)
    if not match:
        return None
    verb = _infinitive(match.group(1))
    return verb if _lexicon.lookup([verb]).get(verb) == verb else None


def _is_first_part(form: str, lemma_of: dict[str, str]) -> str | None:
    """The lemma if ``form`` can begin a compound: a base form, a genitive, a listed part, or
    the compound form of a -nen word ("kotoutumis-" of "kotoutuminen")."""
    if form in _extra_parts():
        return form
    lemma = lemma_of.get(form)
    if lemma is None and form.endswith("s") and len(form) > MIN_LEXICON_PART:
        nen = lemma_of.get(form[:-1] + "nen")
        return form[:-1] + "nen" if nen else None
    if lemma is None or (len(lemma) < MIN_LEXICON_PART and lemma not in _extra_parts()):
        return None
    if lemma == form or form.endswith("n"):
        return lemma
    return None


@lru_cache(maxsize=1)
def _never_split() -> frozenset[str]:
    return frozenset(normalise(w) for w in _lines("no_split_fi.txt"))


# Derivational suffixes that the lexicon also knows as words: "samanlainen" is no compound.
_SUFFIXES = frozenset(("lainen", "läinen", "mainen", "mäinen"))


def _is_last_part(piece: str, lemma: str | None) -> bool:
    if not lemma or lemma in _SUFFIXES:
        return False
    if piece in _extra_parts() or lemma in _extra_parts():
        return True
    return len(piece) >= MIN_LEXICON_PART and len(lemma) >= MIN_LEXICON_PART


@lru_cache(maxsize=50_000)
def _split(word: str) -> tuple[str, ...]:
    """The lemmas of a compound's parts; () when ``word`` is no compound.

    Dynamic programming over the positions: every part but the last must be a base form or a
    genitive ("työn-", "kunnan-") or a listed prefix, the last any known form (it carries the
    inflection). The split with the FEWEST parts wins (then the one whose shortest part is
    longest): many short parts are usually a misreading ("tulospalkkiota" is "tulos" +
    "palkkiota", not "tulos" + "palkki" + "ottaa"). Each part is split again the same way. The
    result is the finest parts, then the known words made of adjacent ones, then the first
    split's parts: "vuosilomapäivä" gives "vuosi", "loma", "päivä", "vuosiloma", "lomapäivä".
    """
    coarse = _coarse_split(word)
    if not coarse:
        return ()
    finest = _finest_split(word)
    out = _with_joined(finest)
    return tuple(dict.fromkeys([*out, *coarse]))


@lru_cache(maxsize=50_000)
def _finest_split(word: str) -> tuple[str, ...]:
    parts: list[str] = []
    for part in _coarse_split(word) or (word,):
        finer = _finest_split(part) if part != word and len(part) >= 2 * MIN_PART else ()
        parts.extend(finer or (part,))
    return tuple(parts)


def _coarse_split(word: str) -> tuple[str, ...]:
    return _coarse(word)[0]


@lru_cache(maxsize=50_000)
def _coarse(word: str) -> tuple[tuple[str, ...], str]:
    """The first split of ``word`` (the lemmas of its parts) and the word's lemma from it: the
    first parts' lemmas joined to the last one's, except that a -nen word's compound form stays
    as written ("kotoutumispalvelut" -> "kotoutumispalvelu")."""
    n = len(word)
    if n < 2 * MIN_PART or word in _never_split():
        return (), word
    pieces = [word[i:j] for i in range(n) for j in range(i + MIN_PART, n + 1) if (i, j) != (0, n)]
    nen = [p[:-1] + "nen" for p in pieces if p.endswith("s") and len(p) > MIN_LEXICON_PART]
    lemma_of = _lexicon.lookup(pieces + nen)
    overrides = _overrides()
    for piece in pieces:
        if piece in overrides:
            lemma_of[piece] = overrides[piece]
    # best[i]: the best split of word[:i] into first parts:
    # (parts, -shortest part, lemmas, how each part is written in the lemma)
    best: dict[int, tuple[int, int, tuple[str, ...], tuple[str, ...]]] = {0: (0, 0, (), ())}
    for j in range(MIN_PART, n - MIN_PART + 1):
        options = []
        for i in range(0, j - MIN_PART + 1):
            if i in best and (lemma := _is_first_part(word[i:j], lemma_of)):
                count, neg_short, parts, written = best[i]
                shortest = min(j - i, -neg_short) if count else j - i
                form = word[i:j]
                as_written = form if lemma.endswith("nen") and form.endswith("s") else lemma
                options.append((count + 1, -shortest, parts + (lemma,), written + (as_written,)))
        if options:
            best[j] = min(options)
    splits = []
    for i, (count, neg_short, parts, written) in best.items():
        if i == 0:
            continue
        last = word[i:]
        lemma = lemma_of.get(last) or _lemma_of_form(last)
        if _is_last_part(last, lemma):
            splits.append(
                (count + 1, max(neg_short, -len(last)), -len(last), parts + (lemma,), written)
            )
    if not splits:
        return (), word
    *_, parts, written = min(splits)
    return parts, "".join(written) + parts[-1]


@lru_cache(maxsize=100_000)
def analyse_word(word: str) -> tuple[str, tuple[str, ...]]:
    """``(lemma, parts)`` of one normalised token; parts are the lemmas of a compound's parts.

    "lomapäivät" -> ("lomapäivä", ("loma", "päivä")); "kunnan" -> ("kunta", ()).
    """
    if "-" in word:
        pieces = [p for p in word.split("-") if p]
        # Short pieces that the lexicon would misread stay as they are: "te" in "te-toimisto"
        # is the employment office, not the pronoun.
        analysed = [
            (p, ()) if len(p) <= 2 or p in _extra_parts() else analyse_word(p) for p in pieces
        ]
        whole = _lemma_of_form(word)
        lemma = whole or "-".join(a[0] for a in analysed)
        parts = []
        for piece_lemma, piece_parts in analysed:
            parts.append(piece_lemma)
            parts.extend(piece_parts)
        return lemma, tuple(dict.fromkeys(p for p in parts if p != lemma))
    if word.isdigit():
        return word, ()
    lemma = _lemma_of_form(word)
    if lemma is None:
        coarse, lemma = _coarse(word)
        if coarse:
            return lemma, tuple(p for p in _split(word) if p != lemma)
        if not _lexicon.available:
            return _stem(word), ()
        return word, ()
    parts = _split(lemma) if len(lemma) >= 2 * MIN_PART else ()
    return lemma, tuple(p for p in parts if p != lemma)


def is_known(word: str) -> bool:
    """Whether the lexicon knows the normalised token ``word`` (directly, with a clitic or a
    possessive suffix removed, or as a compound of known parts). A misspelt word is not
    known; neither is any word when there is no lexicon (only the stemmer)."""
    if not word or word.isdigit() or not _lexicon.available:
        return False
    if "-" in word:
        return all(is_known(p) for p in word.split("-") if p)
    return _lemma_of_form(word) is not None or bool(_coarse(word)[0])


def _with_joined(parts: tuple[str, ...]) -> tuple[str, ...]:
    """The parts, plus adjacent parts joined when the lexicon knows the joined word."""
    if len(parts) < 3:
        return parts
    joined = [
        "".join(parts[i : j + 1]) for i in range(len(parts)) for j in range(i + 1, len(parts))
    ]
    joined = [w for w in joined if w != "".join(parts)]
    known = _lexicon.lookup(joined)
    return tuple(dict.fromkeys([*parts, *(w for w in joined if known.get(w) == w)]))


def lemmas(text: str | None) -> list[str]:
    """The lemma of each word of ``text`` in order, stop words left out."""
    stops = stop_words()
    out = []
    for word in tokens(text):
        if word in stops:
            continue
        lemma = analyse_word(word)[0]
        if lemma not in stops:
            out.append(lemma)
    return out


# -- synonyms ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _synonyms() -> tuple[dict[str, str], dict[tuple[str, ...], str]]:
    """(single lemma -> canonical term, lemma sequence -> canonical term)."""
    single: dict[str, str] = {}
    phrases: dict[tuple[str, ...], str] = {}
    for line in _lines("synonyms_fi.txt"):
        entries = [e.strip() for e in line.split("~") if e.strip()]
        keys = [tuple(analyse_word(w)[0] for w in tokens(e)) for e in entries]
        keys = [k for k in keys if k]
        if not keys:
            continue
        canonical = "_".join(keys[0])
        for key in keys:
            if len(key) == 1:
                single.setdefault(key[0], canonical)
            else:
                phrases.setdefault(key, canonical)
    return single, phrases


PART_MARK = "+"  # a term that is only a compound part in the text: "+loma" of "vuosilomat"
INTENT_MARK = "?"  # the question's intent: "?when"

# What a question asks, from its first question word: "Milloin ...?" asks when, "Siirtyykö
# ...?" yes or no. Two questions with the same topic words that ask different things are
# different questions ("Milloin vuosilomat pitää pitää?" and "Miten vuosiloman palkka
# lasketaan?").
_INTENT_WORDS = {
    "milloin": "when",
    "miten": "how",
    "kuinka": "how",
    "paljonko": "amount",
    "montako": "amount",
    "kauanko": "amount",
    "monesko": "amount",
    "miksi": "why",
    "kumpi": "which",
    "kumman": "which",
    "kummalle": "which",
    "kummalta": "which",
    "kumpaa": "which",
    "kummat": "which",
    **dict.fromkeys(
        [
            "kuka",
            "ketkä",
            "kenen",
            "kenelle",
            "keneltä",
            "kenellä",
            "kenet",
            "keneen",
            "kehen",
            "keitä",
            "kenestä",
        ],
        "who",
    ),
    **dict.fromkeys(["missä", "mistä", "mihin", "minne", "mistäpäin"], "where"),
    **dict.fromkeys(
        [
            "mikä",
            "mitä",
            "mitkä",
            "minkä",
            "mille",
            "millä",
            "millainen",
            "millaiset",
            "millaisia",
            "millaista",
            "minkälainen",
            "minkälaisia",
        ],
        "what",
    ),
}
# The word after a question word that changes what it asks.
_INTENT_PAIRS = {
    ("kuinka", "paljon"): "amount",
    ("kuinka", "monta"): "amount",
    ("kuinka", "kauan"): "amount",
    ("kuinka", "usein"): "amount",
    ("kuinka", "pitkään"): "amount",
    ("kuinka", "pitkä"): "amount",
    ("kuinka", "suuri"): "amount",
    ("missä", "vaiheessa"): "when",
    ("mihin", "aikaan"): "when",
    ("minä", "päivänä"): "when",
    ("minä", "vuonna"): "when",
    ("millä", "tavalla"): "how",
    ("millä", "tavoin"): "how",
    ("minkä", "takia"): "why",
    ("minkä", "vuoksi"): "why",
}


def question_intent(words: list[str]) -> str | None:
    """What the first question of ``words`` (normalised tokens) asks: "when", "how", "amount",
    "who", "where", "why", "what", "which" (an either-or question) or "yesno"; None for a text
    that asks nothing. A verb with the question clitic -ko/-kö asks yes or no ("Siirtyykö"),
    or which of two when the sentence has "vai" ("Maksaako valtio vai kunta?")."""
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if intent := _INTENT_PAIRS.get((word, following)):
            return intent
        if word == "koska" and i == 0:
            return "when"
        if intent := _INTENT_WORDS.get(word):
            return intent
        if _is_yes_no_verb(word):
            return "which" if "vai" in words[i + 1 :] else "yesno"
    return None


@lru_cache(maxsize=20_000)
def _is_yes_no_verb(word: str) -> bool:
    """A word with the question clitic: "siirtyykö", "onkohan" (not "verkko" or "pakko")."""
    base = word[:-3] if word.endswith(("han", "hän")) else word
    if len(base) < 4 or not base.endswith(("ko", "kö")):
        return False
    if _lemma_of_form(word) == word or _lexicon.lookup([word]).get(word) == word:
        return False  # a word of its own ("verkko")
    stem = base[:-2]
    return bool(_lexicon.lookup([stem]) or _lemma_of_form(stem))


def analyse(text: str | None) -> list[str]:
    """The similar-question index terms of ``text``: lemmas, compound parts, synonyms, intent.

    Stop words are left out; every term appears once, in the order first seen. A term that
    is only a compound part in the text (not a word of its own) is marked with ``PART_MARK``
    ("+loma"); the similarity index weighs it less. The question's intent
    (``question_intent``) comes last, marked with ``INTENT_MARK`` ("?when"). Terms never
    contain whitespace (see ``kaiku.core.similarity.terms_to_string``).
    """
    stops = stop_words()
    single, phrases = _synonyms()
    words = tokens(text)
    sequence = [analyse_word(w)[0] for w in words]
    whole: dict[str, bool] = {}  # term -> a word of its own (True) or only a part (False)

    def put(term: str, is_whole: bool) -> None:
        whole[term] = whole.get(term, False) or is_whole

    for word, lemma in zip(words, sequence, strict=True):
        if word in stops or lemma in stops:
            continue
        put(lemma, True)
        canonical = single.get(lemma)
        if canonical:
            put(canonical, True)
        for part in analyse_word(word)[1]:
            if part not in stops:
                put(part, False)
                if part in single:
                    put(single[part], False)
    if phrases:
        longest = max(len(k) for k in phrases)
        for i in range(len(sequence)):
            for size in range(2, longest + 1):
                canonical = phrases.get(tuple(sequence[i : i + size]))
                if canonical:
                    put(canonical, True)
    out = [term if is_whole else PART_MARK + term for term, is_whole in whole.items()]
    if intent := question_intent(words):
        out.append(INTENT_MARK + intent)
    return out


def search_terms(text: str | None) -> list[str]:
    """Stems for a full-text index or query, in text order (repeats kept), stop words left out.

    Each word gives the Snowball stem of its lemma, then the stems of its compound parts, so
    "vuosilomat" gives ["vuosilom", "vuos", "loma"] and a search for "loma" finds it.
    """
    stops = stop_words()
    out = []
    for word in tokens(text):
        if word in stops:
            continue
        lemma, parts = analyse_word(word)
        if lemma in stops:
            continue
        out.append(_stem(lemma))
        out.extend(_stem(p) for p in parts if p not in stops)
    return out


def _main(argv: list[str]) -> int:
    if len(argv) >= 1 and argv[0] == "build-lexicon":
        path = Path(argv[1]) if len(argv) > 1 else lexicon_path()
        count = build_lexicon(path)
        print(f"{path}: {count} word forms")
        return 0
    if argv == ["ensure-lexicon"]:
        # `make run` and `make test`: build it once, up front, unless it is there.
        path = lexicon_path()
        if not path.exists():
            print(f"Building the Finnish word list {path} (once, about a minute)")
            if not _build_in_subprocess(path):
                return 1
        return 0
    print(
        "usage: python -m kaiku.core.finnish build-lexicon [PATH] | ensure-lexicon", file=sys.stderr
    )
    return 2


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
