"""Multilingual word lists the heuristics use, loaded from ``newsextract/data``.

``data/markers.json`` maps a category to per-language phrase lists:

    comments_heading  no_comments  comment_form  related_heading
    related_heading_prefix  read_also_prefix  tags_heading  byline_prefix
    chrome_line  chrome_prefix          (lists of phrases)
    age_words                           (per language: units, before/after words ...)
    months                              (per language: 12 lists of month names)

``data/stopwords/<code>.txt`` holds one function word a line per language, and
``data/stopwords/ko.suffixes.txt`` the Korean particles that glue onto words.

Phrases and lines are compared after :func:`normalize`, so case, width forms,
Arabic diacritics and alef forms, bullets and trailing punctuation do not
matter.  Everything is loaded lazily and cached.
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from types import MappingProxyType
from typing import Any, Final

__all__ = [
    "LIST_CATEGORIES",
    "NO_MATCH",
    "UNITS",
    "AgeWords",
    "age_lexicon",
    "caseless",
    "counted_phrase",
    "counted_rest",
    "is_counted_phrase",
    "is_phrase",
    "korean_suffixes",
    "line_matcher",
    "month_key",
    "month_lexicon",
    "month_lexicon_by_language",
    "month_number",
    "normalize",
    "patterns",
    "phrases",
    "phrases_by_language",
    "starts_with_phrase",
    "stopword_languages",
    "stopwords",
]

#: Categories of ``markers.json`` whose per-language values are phrase lists.
LIST_CATEGORIES: tuple[str, ...] = (
    "comments_heading",
    "no_comments",
    "comment_form",
    "related_heading",
    "related_heading_prefix",
    "read_also_prefix",
    "tags_heading",
    "byline_prefix",
    "chrome_line",
    "chrome_prefix",
)

#: Canonical time units of ``age_words``.
UNITS: tuple[str, ...] = ("second", "minute", "hour", "day", "week", "month", "year")

# Categories whose headings may carry a count ("12 Comments", "Comments (12)").
_COUNTED: Final = frozenset({"comments_heading", "related_heading"})

# Language codes that are spelled differently in the wild.
_LANG_ALIASES: Final = {"nb": "no", "nn": "no", "iw": "he", "in": "id", "ji": "yi", "zsm": "ms"}

# ---------------------------------------------------------------------------
# normalization


def _build_fold_table() -> dict[int, str | None]:
    table: dict[int, str | None] = {}
    # invisible format characters: zero-width space/joiners, bidi marks, BOM, soft hyphen
    for cp in (0x00AD, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0x2060, 0xFEFF, 0x061C):
        table[cp] = None
    for cp in range(0x202A, 0x202F):
        table[cp] = None
    for cp in range(0x2066, 0x206A):
        table[cp] = None
    # Arabic and Hebrew vowel marks, Arabic tatweel
    for lo, hi in ((0x0591, 0x05C7), (0x0610, 0x061A), (0x064B, 0x065F), (0x06D6, 0x06ED)):
        for cp in range(lo, hi + 1):
            if unicodedata.category(chr(cp)) == "Mn":
                table[cp] = None
    table[0x0670] = None
    table[0x0640] = None
    # Arabic letter variants: alef forms, yeh / alef maksura / Persian yeh, kaf / keheh
    for ch in "أإآٱ":
        table[ord(ch)] = "ا"
    for ch in "ىی":
        table[ord(ch)] = "ي"
    table[ord("ک")] = "ك"
    # Turkish dotless i; the combining dot that casefold leaves after "İ"
    table[ord("ı")] = "i"
    table[0x0307] = None
    return table


def _any_of(table: Mapping[int, Any]) -> re.Pattern[str]:
    """A search for any character of a translation table: ``str.translate``
    with a table costs some 50 ns per character of a non-ASCII string, a
    search that finds nothing a few; most lines have nothing to translate."""
    return re.compile("[" + "".join(re.escape(chr(cp)) for cp in sorted(table)) + "]")


_FOLD: Final = _build_fold_table()
_FOLD_ANY: Final = _any_of(_FOLD)
# applied before NFKC, which would turn a circled c into a plain "c"
_PRE_FOLD: Final = {ord("ⓒ"): "©", ord("Ⓒ"): "©"}
_WS: Final = re.compile(r"\s+")
def _single_spaced(line: str) -> bool:
    """Is ``" ".join(line.split()) == line`` for this ASCII line?  Spaces
    single and inside, no other whitespace (control characters are not
    printable): then its lowercase is its :func:`_fold_text`, as for the
    lines split_lines makes."""
    return line.isprintable() and "  " not in line and not line.startswith(" ") and not line.endswith(" ")
# stripped with str.lstrip / str.rstrip (linear, unlike a "[...]+$" regex on long runs)
_LEADING: Final = " \t\n\r\f\v•·*■□►▶▷▸◆◇●○◦▪▫»›>→⇒~☞✓✔-–—|<[【〈《「『"
_TRAILING: Final = " \t\n\r\f\v:.!?…»›→⇒>|-–—,;·•*]】〉》」』。、！？：؛،؟"
# Their ASCII characters, what strips an ASCII text the same: str.lstrip and
# str.rstrip read all the characters they are given at each call.
_LEADING_ASCII: Final = "".join(ch for ch in _LEADING if ch.isascii())
_TRAILING_ASCII: Final = "".join(ch for ch in _TRAILING if ch.isascii())


#: Lines are matched against a dozen categories each: fold each text once.
FOLD_CACHE_SIZE: Final = 16384


def _fold_text(text: str) -> str:
    """NFKC, casefold, the fold table and single spaces; no punctuation stripping."""
    # " ".join(s.split()) is _WS.sub(" ", s).strip(): str.split and \s agree on whitespace
    if text.isascii():  # nothing to compose, fold or strip: the common case, made cheap
        text = str.lower(text)
    else:
        if "ⓒ" in text or "Ⓒ" in text:
            text = text.translate(_PRE_FOLD)
        text = unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())
        if _FOLD_ANY.search(text):
            text = text.translate(_FOLD)
    # A text already single-spaced (most) is its " ".join(text.split()): the
    # space is the only printable whitespace character (_single_spaced,
    # inlined); the tests cost half of the split and join.
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())


#: :func:`_fold_text`, cached for lines (the word lists are folded once each, uncached).
_fold = lru_cache(maxsize=FOLD_CACHE_SIZE)(_fold_text)


def normalize(text: str) -> str:
    """The form phrases and lines are compared in.

    NFKC, casefold, whitespace collapsed to single spaces, leading bullets
    (``•``, ``-``, ``*``, ``·``, ``■``, ``►``, ``»``, ``[`` ...) and trailing
    punctuation (``:``, ``…``, ``...``, ``.``, ``!``, ``?``, ``»``, ``›``,
    ``→``, ``|``, ``]`` ...) stripped.  Also folds what varies between writers
    of the same word: Arabic and Hebrew vowel marks and tatweel, Arabic alef /
    yeh / kaf forms (``أ إ آ`` -> ``ا``, ``ى ی`` -> ``ي``), Turkish dotless ``ı``,
    zero-width and bidi characters.  A matching key, not display text.
    """
    return _fold(text).lstrip(_LEADING).rstrip(_TRAILING)


#: Characters that the regex engine's IGNORECASE treats as the same letter but
#: ``str.lower`` does not fold together (``re._casefix``), and the combining
#: dot that ``"İ".lower()`` adds.
_CASELESS: Final = str.maketrans(
    {
        "ı": "i", "ſ": "s", "µ": "μ", "ͅ": "ι", "ι": "ι", "ΐ": "ΐ", "ΰ": "ΰ", "ϐ": "β", "ϵ": "ε",
        "ϑ": "θ", "ϰ": "κ", "ϖ": "π", "ϱ": "ρ", "ς": "σ", "ϕ": "φ", "ᲀ": "в", "ᲁ": "д", "ᲂ": "о",
        "ᲃ": "с", "ᲄ": "т", "ᲅ": "т", "ᲆ": "ъ", "ᲇ": "ѣ", "ꙋ": "ᲈ", "ẛ": "ṡ", "ﬅ": "ﬆ", "\u0307": None,
    }
)  # fmt: skip


_CASELESS_ANY: Final = _any_of(_CASELESS)


def caseless(text: str) -> str:
    """Lowercase as a case-insensitive regular expression compares: a word
    (lowercase, passed through this too) that an ``re.IGNORECASE`` pattern
    finds in ``text`` is a substring of ``caseless(text)``.  For cheap tests
    before a regular expression; not a matching key (see :func:`normalize`)."""
    low = str.lower(text)
    return low if low.isascii() or not _CASELESS_ANY.search(low) else low.translate(_CASELESS)


def _normalize_head(text: str) -> str:
    """Like :func:`normalize` but keeps trailing punctuation (for prefix matching)."""
    return _fold(text).lstrip(_LEADING)


# ---------------------------------------------------------------------------
# loading


def _read(*parts: str) -> str:
    node = resources.files(__package__ or "newsextract") / "data"
    for part in parts:
        node = node / part
    return node.read_text(encoding="utf-8")


@cache
def _markers_text() -> str:
    return _read("markers.json")


@cache
def _markers() -> Mapping[str, Any]:
    data = json.loads(_markers_text())
    if not isinstance(data, dict):
        raise ValueError("markers.json: top level must be an object")
    return MappingProxyType(data)


def _category_raw(category: str) -> Mapping[str, Any]:
    data = _markers()
    if category not in data:
        raise KeyError(f"unknown marker category {category!r}; known: {', '.join(sorted(data))}")
    value = data[category]
    if not isinstance(value, dict):
        raise ValueError(f"markers.json: {category} must be an object")
    return value


_CJK_RANGES: Final = (
    (0x0E00, 0x0EFF),  # Thai, Lao
    (0x1000, 0x109F),  # Myanmar
    (0x1100, 0x11FF),  # Hangul jamo
    (0x1780, 0x17FF),  # Khmer
    (0x2E80, 0x303F),  # CJK radicals, symbols and punctuation
    (0x3040, 0x31FF),  # kana, bopomofo, Hangul compatibility jamo
    (0x3400, 0x4DBF),  # CJK extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xA960, 0xA97F),  # Hangul jamo extended
    (0xAC00, 0xD7FF),  # Hangul syllables
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # half/full width forms
    (0x20000, 0x3FFFF),  # CJK extensions
)


def _is_scriptio_continua(ch: str) -> bool:
    """True for characters of scripts written without spaces between words."""
    cp = ord(ch)
    return any(lo <= cp <= hi for lo, hi in _CJK_RANGES)


def _is_letter_or_digit(ch: str) -> bool:
    return ch.isalnum() or unicodedata.category(ch).startswith("M")


def _continues_word(ch: str) -> bool:
    """True when ``ch`` right after a phrase means the phrase was only part of a word."""
    return _is_letter_or_digit(ch) or ch in "_-'’"


_SEPARATORS: Final = frozenset(":-–—|=/")


@dataclass(frozen=True, slots=True)
class _Category:
    by_language: Mapping[str, frozenset[str]]
    all: frozenset[str]
    lengths: tuple[int, ...]
    needs_separator: frozenset[str]
    # phrase lengths by first character: prefix matching tries only these
    lengths_by_first: Mapping[str, tuple[int, ...]]


@cache
def _category(category: str) -> _Category:
    index = _index()
    if index is not None and category in index["categories"]:
        entry = index["categories"][category]
        by_language = {lang: frozenset(norms) for lang, norms in entry["by_language"].items()}
        needs_separator = frozenset(entry["needs_separator"])
    else:
        by_language, needs_separator = _category_from_sources(category)
    everything = frozenset(p for norms in by_language.values() for p in norms)
    by_first: dict[str, set[int]] = {}
    for p in everything:
        by_first.setdefault(p[0], set()).add(len(p))
    return _Category(
        lengths_by_first=MappingProxyType({ch: tuple(sorted(ls, reverse=True)) for ch, ls in by_first.items()}),
        by_language=MappingProxyType(by_language),
        all=everything,
        lengths=tuple(sorted({len(p) for p in everything}, reverse=True)),
        needs_separator=needs_separator,
    )


def _category_from_sources(category: str) -> tuple[dict[str, frozenset[str]], frozenset[str]]:
    """Per language the normalized phrases of a list category, and the phrases
    that need a separator after them (written with a trailing colon)."""
    raw = _category_raw(category)
    by_language: dict[str, frozenset[str]] = {}
    with_sep: set[str] = set()
    without_sep: set[str] = set()
    folded: dict[str, str] = {}  # many phrases are shared by several languages
    for lang, items in raw.items():
        if lang.startswith("_"):
            continue
        if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
            raise ValueError(f"{category} is not a phrase-list category (language {lang!r})")
        norms: set[str] = set()
        for item in items:
            norm = folded.get(item)
            if norm is None:
                norm = folded[item] = _fold_text(item).lstrip(_LEADING).rstrip(_TRAILING)  # normalize()
            if not norm:
                continue
            norms.add(norm)
            (with_sep if item.rstrip().endswith((":", "：")) else without_sep).add(norm)
        by_language[lang] = frozenset(norms)
    return by_language, frozenset(with_sep - without_sep)


def phrases(category: str) -> frozenset[str]:
    """All languages' phrases of a list category, normalized."""
    return _category(category).all


def phrases_by_language(category: str) -> dict[str, frozenset[str]]:
    """The normalized phrases of a list category, per language code."""
    return dict(_category(category).by_language)


# ---------------------------------------------------------------------------
# matching

_COUNT: Final = r"\d{1,7}(?:[.,]\d{1,3}){0,2}k?"
_COUNTER: Final = r"(?:개의|개|件の|件|条|條|则|則)?"
_COUNT_FIRST: Final = re.compile(rf"^[(\[]?{_COUNT}[)\]]?\s?{_COUNTER}\s?(?P<rest>\D.{{0,200}})$")
# The count that ends a line, after a non-digit: what ``^(?P<rest>.{0,200}?\D)``
# followed by this pattern matches, with the rest found by where the search
# starts instead of by a lazy repeat (which tries the count after every one of
# the first 200 characters: slow on long lines ending in a digit).
_COUNT_LAST: Final = re.compile(rf"(?<=\D)\s?[(\[（【]?\s?{_COUNT}\s?{_COUNTER}\s?[)\]）】]?$")
#: The longest text _COUNT_LAST can match (1 + 1 + 1 + 16 + 1 + 2 + 1 + 1 characters).
_COUNT_LAST_MAX_LEN: Final = 24
#: The longest rest before a trailing count (``.{0,200}?\D``).
_REST_MAX: Final = 201


#: What a normalized heading with a count can end with: a digit, "12k", a
#: closing bracket or a counter word ("댓글 12개", "3件").
_COUNT_LAST_CHARS: Final = frozenset(")]）】k개의件の条條则則")


def _without_count(norm: str) -> str | None:
    """``norm`` with a leading or trailing count removed, or None if it has none."""
    first, last = norm[:1], norm[-1:]
    if first.isdigit() or first in ("(", "["):
        m = _COUNT_FIRST.match(norm)
        if m:
            rest = normalize(m.group("rest"))
            if rest:
                return rest
    if last.isdigit() or last in _COUNT_LAST_CHARS:
        # the leftmost count that runs to the end (the shortest rest), which
        # starts in the last _COUNT_LAST_MAX_LEN characters
        t = _COUNT_LAST.search(norm, max(0, len(norm) - _COUNT_LAST_MAX_LEN))
        if t and t.start() <= _REST_MAX:
            rest = normalize(norm[: t.start()])
            if rest:
                return rest
    return None


def _prefix_match(norm: str, cat: _Category) -> str | None:
    for length in cat.lengths_by_first.get(norm[0], ()):
        if length > len(norm):
            continue
        candidate = norm[:length]
        if candidate not in cat.all:
            continue
        after = norm[length:]
        if candidate in cat.needs_separator:
            if after.lstrip(" ")[:1] in _SEPARATORS:
                return candidate
            continue
        last = candidate[-1]
        if not after or not _is_letter_or_digit(last) or _is_scriptio_continua(last):
            return candidate
        if not _continues_word(after[0]):
            return candidate
    return None


def starts_with_phrase(line: str, category: str) -> str | None:
    """The (normalized) phrase of ``category`` that the line starts with, or None.

    The longest phrase wins.  A word boundary must follow the phrase (the next
    character is not a letter, digit, mark, ``-`` or apostrophe), except after
    phrases ending in a CJK, kana, Hangul or Thai character.  A phrase written
    in the data with a trailing ``:`` ("Photo:", "Related:") matches only when
    the line goes on with ``:``, ``-``, ``–``, ``—``, ``|``, ``=`` or ``/``.
    """
    norm = _normalize_head(line)
    if not norm:
        return None
    return _prefix_match(norm, _category(category))


_SENTENCE_END: Final = (".", "?", "!", "。", "؟")


def _is_prefixed_heading(line: str) -> bool:
    """A short heading such as "More from Politics" (related_heading_prefix + name)."""
    norm = _normalize_head(line)
    phrase = _prefix_match(norm, _category("related_heading_prefix"))
    if phrase is None:
        return False
    rest = norm[len(phrase) :].strip(" :-–—|")
    if not rest or len(rest) > 60 or len(rest.split()) > 6 or rest[0].isdigit():
        return False
    stripped = line.strip()
    if stripped.endswith(_SENTENCE_END) and not stripped.endswith("..."):
        return False
    # The name after the prefix starts with a capital (or an uncased script):
    # "More from Politics" but not "Más de la mitad de los votos".
    lite = _WS.sub(" ", unicodedata.normalize("NFKC", stripped)).lstrip(_LEADING)
    words = lite.split()
    index = len(phrase.split())
    if _is_scriptio_continua(phrase[-1]):
        return True
    # skip a short lowercase article ("More from the BBC", "Plus de la mitad ...")
    while index < len(words) - 1 and len(words[index]) <= 3 and words[index].islower():
        index += 1
    if index >= len(words):
        return True
    # A name is capitalised throughout but for short function words: "More
    # Washington Examiner", "Más de la mitad" is not, nor is "More “Questions”
    # for your opponent" (a list item).
    for n, word in enumerate(words[index:]):
        first = next((ch for ch in word if ch.isalpha()), "")
        if first.islower() and (n == 0 or len(word) > 3):
            return False
    return True


def counted_rest(line: str) -> str | None:
    """The line, normalized, without the count before or after its words
    ("Comments (12)" -> "comments"), or None when it has no count: what
    :func:`is_counted_phrase` looks up, computed once for several categories."""
    norm = normalize(line)
    return _without_count(norm) if norm else None


@cache
def _counted_keys(categories: tuple[str, ...]) -> tuple[frozenset[str], int, frozenset[str], frozenset[str]]:
    """The phrases of ``categories``; a length k and the first and the last k
    characters of their ASCII phrases (k: 4 or the shortest ASCII phrase)."""
    everything = frozenset(p for category in categories for p in _category(category).all)
    ascii_phrases = [p for p in everything if p.isascii()]
    k = min([_PREFIX_KEY, *map(len, ascii_phrases)])
    return everything, k, frozenset(p[:k] for p in ascii_phrases), frozenset(p[-k:] for p in ascii_phrases)


def counted_phrase(line: str, categories: tuple[str, ...]) -> str | None:
    """:func:`counted_rest` of the line when it is a phrase of one of
    ``categories`` ("Comments (12)" -> "comments"), else None.

    The rest of an ASCII line is the start or the end of the normalized line
    (normalizing lowercase ASCII text again only strips it), so a line that
    starts and ends like none of the ASCII phrases is dismissed before the
    count patterns (most lines with a digit).
    """
    # normalize(line); an ASCII line (most) inline, without the fold cache:
    # few of these lines (they hold a digit) are normalized again
    if line.isascii():
        norm = " ".join(str.lower(line).split()).lstrip(_LEADING_ASCII).rstrip(_TRAILING_ASCII)
    else:
        norm = normalize(line)
    if not norm:
        return None
    everything, k, heads, tails = _counted_keys(categories)
    if norm.isascii() and norm[:k] not in heads and norm[-k:] not in tails:
        return None
    rest = _without_count(norm)
    return rest if rest is not None and rest in everything else None


def is_counted_phrase(line: str, category: str) -> bool:
    """True when the line, normalized, is one of the category's phrases with a
    count before or after it ("12 Comments", "Comments (12)", "댓글 12개"): the
    part of :func:`is_phrase` that needs a digit in the line."""
    rest = counted_rest(line)
    return rest is not None and rest in _category(category).all


def is_phrase(line: str, category: str) -> bool:
    """True when the whole line, normalized, is one of the category's phrases.

    For ``comments_heading`` and ``related_heading`` a count before or after
    the words is accepted ("12 Comments", "Comments (12)", "Comments 12",
    "댓글 12개"); ``related_heading`` also accepts a short heading made of a
    ``related_heading_prefix`` and a capitalised name ("More from Politics").
    """
    norm = normalize(line)
    if not norm:
        return False
    cat = _category(category)
    if norm in cat.all:
        return True
    if category in _COUNTED:
        rest = _without_count(norm)
        if rest is not None and rest in cat.all:
            return True
    if category == "related_heading" and len(norm) <= 120:
        return _is_prefixed_heading(line)
    return False


# ---------------------------------------------------------------------------
# stopwords


def _language_code(lang: str) -> str:
    code = str.lower(lang.strip()).replace("_", "-").split("-")[0]
    return _LANG_ALIASES.get(code, code)


@cache
def _stopword_files() -> tuple[str, ...]:
    folder = resources.files(__package__ or "newsextract") / "data" / "stopwords"
    names = []
    for entry in folder.iterdir():
        name = entry.name
        if name.endswith(".txt") and name.count(".") == 1:
            names.append(name[:-4])
    return tuple(sorted(names))


def stopword_languages() -> tuple[str, ...]:
    """ISO 639-1 codes that have a stopword list, sorted."""
    return _stopword_files()


def _word_lines(text: str) -> Iterable[str]:
    for line in text.splitlines():
        word = line.strip()
        if word and not word.startswith("#"):
            yield word


@cache
def _stopwords(code: str) -> frozenset[str]:
    if code not in _stopword_files():
        return frozenset()
    index = _index()
    if index is not None:
        return frozenset(index["stopwords"][code])
    return _stopwords_from_sources(code)


def _stopwords_from_sources(code: str) -> frozenset[str]:
    words: set[str] = set()
    for word in _word_lines(_read("stopwords", f"{code}.txt")):
        if word.isascii():  # NFKC and casefold of ASCII are lower(); no fold table, no ZWNJ
            low = str.lower(word)
            forms: tuple[str, ...] = (low, " ".join(low.split()))
        else:
            plain = unicodedata.normalize("NFKC", word).casefold()
            forms = (plain, _fold_text(word), plain.replace("\u200c", ""))
        for form in forms:
            words.add(form)
            if "'" in form:
                words.add(form.replace("'", "’"))
    words.discard("")
    return frozenset(words)


def stopwords(lang: str) -> frozenset[str]:
    """The stopwords of a language (ISO 639-1 code; "pt-BR", "zh_TW", "nb" work too).

    Words are NFKC-casefolded as written, plus their :func:`normalize`-style
    folded form (so Arabic ``أن`` is there as ``أن`` and ``ان``) and, for words
    with an apostrophe, the ``’`` spelling.  Unknown languages give an empty set.
    """
    return _stopwords(_language_code(lang))


@cache
def korean_suffixes() -> tuple[str, ...]:
    """Korean particles and endings that attach to words (은 는 이 가 을 를 에서 ...), longest first."""
    words = dict.fromkeys(_word_lines(_read("stopwords", "ko.suffixes.txt")))
    return tuple(sorted(words, key=len, reverse=True))


# ---------------------------------------------------------------------------
# relative ages and month names


@dataclass(frozen=True, slots=True)
class AgeWords:
    """One language's words for relative times, all lowercased (``str.lower``).

    ``units`` maps each written form ("hours", "часов", "ساعات") to a unit of
    :data:`UNITS`; ``fused`` maps forms that already mean "<unit> ago" (Hungarian
    "órája").  An age is ``[before] [approx] [count] unit [after]`` with a
    before- or after-word present, ``[before_optional] ... unit after``, or
    ``count fused``; ``now`` and ``yesterday`` are whole expressions.
    """

    language: str
    units: Mapping[str, str]
    before: tuple[str, ...]
    after: tuple[str, ...]
    before_optional: tuple[str, ...]
    fused: Mapping[str, str]
    numbers: tuple[str, ...]
    approx: tuple[str, ...]
    now: tuple[str, ...]
    yesterday: tuple[str, ...]


def _lower(word: str) -> str:
    return _WS.sub(" ", str.lower(unicodedata.normalize("NFC", word))).strip()


def _str_list(value: Any, where: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"markers.json: {where} must be a list of strings")
    return tuple(dict.fromkeys(_lower(v) for v in value if v.strip()))


def _unit_map(value: Any, where: str) -> Mapping[str, str]:
    if value is None:
        return MappingProxyType({})
    if not isinstance(value, dict):
        raise ValueError(f"markers.json: {where} must be an object")
    forms: dict[str, str] = {}
    for unit, words in value.items():
        if unit not in UNITS:
            raise ValueError(f"markers.json: {where}: unknown unit {unit!r}")
        for word in _str_list(words, f"{where}.{unit}"):
            forms.setdefault(word, unit)
    return MappingProxyType(forms)


@cache
def age_lexicon() -> Mapping[str, AgeWords]:
    """Per language (in ``markers.json`` order), the words of relative ages.

    Shaped for building one regex over all languages: see
    :mod:`newsextract.dates`, which does exactly that.
    """
    result: dict[str, AgeWords] = {}
    for lang, entry in _category_raw("age_words").items():
        if lang.startswith("_"):
            continue
        if not isinstance(entry, dict):
            raise ValueError(f"markers.json: age_words.{lang} must be an object")
        where = f"age_words.{lang}"
        result[lang] = AgeWords(
            language=lang,
            units=_unit_map(entry.get("units"), f"{where}.units"),
            before=_str_list(entry.get("before"), f"{where}.before"),
            after=_str_list(entry.get("after"), f"{where}.after"),
            before_optional=_str_list(entry.get("before_optional"), f"{where}.before_optional"),
            fused=_unit_map(entry.get("fused"), f"{where}.fused"),
            numbers=_str_list(entry.get("numbers"), f"{where}.numbers"),
            approx=_str_list(entry.get("approx"), f"{where}.approx"),
            now=_str_list(entry.get("now"), f"{where}.now"),
            yesterday=_str_list(entry.get("yesterday"), f"{where}.yesterday"),
        )
    return MappingProxyType(result)


_STRIP_MARKS_SCRIPTS: Final = ("LATIN", "GREEK")


def _without_marks(word: str) -> str:
    """Latin/Greek letters without accents ("février" -> "fevrier"); other scripts untouched."""
    if word.isascii():
        return word  # no accents to strip (and NFD, NFC leave ASCII as it is): most words
    out: list[str] = []
    for ch in unicodedata.normalize("NFD", word):
        if unicodedata.category(ch) == "Mn" and out:
            base = out[-1]
            if unicodedata.name(base, "").startswith(_STRIP_MARKS_SCRIPTS):
                continue
        out.append(ch)
    return unicodedata.normalize("NFC", "".join(out))


def month_key(name: str) -> str:
    """The lookup form of a month name as written: NFC, lowercase, no trailing dot."""
    return _lower(name).rstrip(".").strip()


def _month_forms(name: str) -> set[str]:
    key = month_key(name)
    forms = {key, _without_marks(key), key.translate(_FOLD)}
    return {f for f in forms if f}


@cache
def _months_by_language() -> Mapping[str, Mapping[str, int]]:
    index = _index()
    if index is not None:
        return MappingProxyType({lang: MappingProxyType(table) for lang, table in index["months"].items()})
    return MappingProxyType(_months_from_sources())


def _months_from_sources() -> dict[str, Mapping[str, int]]:
    result: dict[str, Mapping[str, int]] = {}
    for lang, months in _category_raw("months").items():
        if lang.startswith("_"):
            continue
        if not isinstance(months, list) or len(months) != 12:
            raise ValueError(f"markers.json: months.{lang} must be a list of 12 lists")
        table: dict[str, int] = {}
        for number, names in enumerate(months, start=1):
            for name in _str_list(names, f"months.{lang}[{number - 1}]"):
                for form in _month_forms(name):
                    table.setdefault(form, number)
        result[lang] = MappingProxyType(table)
    return result


@cache
def _merged_months() -> Mapping[str, int]:
    merged: dict[str, int] = {}
    for table in _months_by_language().values():  # markers.json order is the priority order
        for name, number in table.items():
            merged.setdefault(name, number)
    return MappingProxyType(merged)


def month_lexicon() -> dict[str, int]:
    """Month name -> month number (1-12), all languages merged.

    Keys are :func:`month_key` forms (lowercase, no trailing dot), plus the
    unaccented spelling of Latin and Greek names.  Where languages disagree
    (Croatian "listopad" is October, Polish and Czech "listopad" November) the
    language listed first in ``markers.json`` wins; see
    :func:`month_lexicon_by_language`.
    """
    return dict(_merged_months())


def month_lexicon_by_language() -> dict[str, dict[str, int]]:
    """Per language, month name -> month number (same keys as :func:`month_lexicon`)."""
    return {lang: dict(table) for lang, table in _months_by_language().items()}


def month_number(name: str, lang: str | None = None) -> int | None:
    """The month number (1-12) of a month name as written ("März", "févr.", "ΜΑΡΤΙΟΥ", "مارس").

    With ``lang`` that language's reading wins over the merged one.
    """
    key = month_key(name)
    tables: list[Mapping[str, int]] = []
    if lang is not None:
        table = _months_by_language().get(_language_code(lang))
        if table is not None:
            tables.append(table)
    tables.append(_merged_months())
    # per table the name as written, then unaccented and folded: those two
    # forms are computed only when needed (most names are found as written)
    other_forms: tuple[str, ...] | None = None
    for table in tables:
        number = table.get(key)
        if number is not None:
            return number
        if other_forms is None:
            other_forms = (_without_marks(key), key.translate(_FOLD))
        for form in other_forms:
            number = table.get(form)
            if number is not None:
                return number
    return None


def patterns() -> tuple[re.Pattern[str], ...]:
    """The module's compiled regexes (for the backtracking-safety test)."""
    return (_WS, _COUNT_FIRST, _COUNT_LAST)


# ---------------------------------------------------------------------------
# one-pass matching of a line against many categories (the hot path)


@dataclass(frozen=True, slots=True)
class LineMatch:
    """What a line matches, computed once: whole-line categories and, per
    prefix category, the phrase the line starts with."""

    whole: frozenset[str]
    prefixes: Mapping[str, str]

    def prefix(self, category: str) -> str | None:
        return self.prefixes.get(category)


#: What :class:`LineMatcher` returns for a line that matches nothing (always this object).
NO_MATCH: Final = LineMatch(frozenset(), MappingProxyType({}))


@cache
def _whole_index(categories: tuple[str, ...]) -> Mapping[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for category in categories:
        for phrase in _category(category).all:
            index.setdefault(phrase, set()).add(category)
    return MappingProxyType({p: frozenset(c) for p, c in index.items()})


#: Phrases at least this long are indexed by their first characters; shorter
#: ones are looked up whole (``line[:1]``, ``line[:2]``, ...).
_PREFIX_KEY: Final = 4


@dataclass(frozen=True, slots=True)
class _PrefixIndex:
    # first _PREFIX_KEY characters -> (length, phrase, category, needs separator), longest first
    long: Mapping[str, tuple[tuple[int, str, str, bool], ...]]
    # a phrase shorter than _PREFIX_KEY -> (category, needs separator)
    short: Mapping[str, tuple[tuple[str, bool], ...]]
    short_lengths: tuple[int, ...]  # longest first
    short_first: frozenset[str]  # the first characters of the short phrases
    # A tighter test than ``short_first`` of whether a head can start with a
    # short phrase: its first two characters are those of a
    # two- or three-character phrase, or its first is a one-character phrase.
    # The first characters ("a", "b", "p" ...) start four lines in ten, the
    # first two ("by", "pa" ...) a few in a hundred.
    short_pairs: frozenset[str]
    short_singles: frozenset[str]
    # for may_start: the phrases of each key of ``long``; the short phrases
    # that must be followed by a word boundary or a separator, and the others
    long_phrases: Mapping[str, tuple[str, ...]]
    short_bounded: frozenset[str]
    short_free: frozenset[str]

    def may_start(self, head: str) -> bool:
        """False when no phrase of the index starts ``head`` (a normalized
        line), as :class:`LineMatcher` would find: a cheap test first."""
        phrases = self.long_phrases.get(head[:_PREFIX_KEY])
        if phrases is not None and head.startswith(phrases):
            return True
        if head[0] not in self.short_first:
            return False
        for length in self.short_lengths:
            phrase = head[:length]
            # a letter or digit after a bounded phrase continues its word (_ends_phrase)
            if phrase in self.short_free or (
                phrase in self.short_bounded and not head[length : length + 1].isalnum()
            ):
                return True
        return False


def _bounded(phrase: str, needs_sep: bool) -> bool:
    """Must ``phrase`` be followed by a word boundary (see _ends_phrase)?"""
    last = phrase[-1]
    return needs_sep or (_is_letter_or_digit(last) and not _is_scriptio_continua(last))


@cache
def _prefix_index(categories: tuple[str, ...]) -> _PrefixIndex:
    long: dict[str, list[tuple[int, str, str, bool]]] = {}
    short: dict[str, list[tuple[str, bool]]] = {}
    for category in categories:
        cat = _category(category)
        for phrase in cat.all:
            needs_sep = phrase in cat.needs_separator
            if len(phrase) >= _PREFIX_KEY:
                long.setdefault(phrase[:_PREFIX_KEY], []).append((len(phrase), phrase, category, needs_sep))
            else:
                short.setdefault(phrase, []).append((category, needs_sep))
    bounded = frozenset(p for p, entries in short.items() if all(_bounded(p, sep) for _, sep in entries))
    return _PrefixIndex(
        long=MappingProxyType({k: tuple(sorted(v, reverse=True)) for k, v in long.items()}),
        short=MappingProxyType({k: tuple(sorted(v)) for k, v in short.items()}),
        short_lengths=tuple(sorted({len(p) for p in short}, reverse=True)),
        short_first=frozenset(p[0] for p in short),
        short_pairs=frozenset(p[:2] for p in short if len(p) >= 2),
        short_singles=frozenset(p for p in short if len(p) == 1),
        long_phrases=MappingProxyType({k: tuple(phrase for _, phrase, _, _ in v) for k, v in long.items()}),
        short_bounded=bounded,
        short_free=frozenset(short) - bounded,
    )


_EMPTY: frozenset[str] = frozenset()


def _ends_phrase(after: str, phrase: str, needs_sep: bool) -> bool:
    """May ``phrase`` end where ``after`` (the rest of the line) begins?"""
    if needs_sep:
        return after.lstrip(" ")[:1] in _SEPARATORS
    last = phrase[-1]
    return not after or not _is_letter_or_digit(last) or _is_scriptio_continua(last) or not _continues_word(after[0])


class LineMatcher:
    """:func:`match_line` for fixed category tuples, with their merged indexes
    at hand (see :func:`line_matcher`): ``line_matcher(whole, prefix)(line)``."""

    __slots__ = ("_long_keys", "_min_head", "_prefix", "_whole", "_whole_only")

    def __init__(self, whole: tuple[str, ...], prefix: tuple[str, ...]) -> None:
        self._whole = dict(_whole_index(whole))  # (a dict: looked up faster than its proxy)
        self._prefix = _prefix_index(prefix)
        self._long_keys = frozenset(self._prefix.long)
        # What a whole-line phrase that starts with no prefix phrase matches
        # (most of them: "home", "facebook", "privacy policy"), made once.
        matches = {cats: LineMatch(cats, NO_MATCH.prefixes) for cats in set(self._whole.values())}
        self._whole_only = {phrase: matches[cats] for phrase, cats in self._whole.items()}
        # a normalized head this long decides every prefix: the longest
        # phrase, a space and the character after it (_ends_phrase)
        longest = max((len(p) for c in prefix for p in _category(c).all), default=0)
        self._min_head = longest + 2

    def __call__(self, line: str) -> LineMatch:
        return self._match_head(_fold(line).lstrip(_LEADING))  # _normalize_head

    def _match_head(self, head: str, whole: bool = True) -> LineMatch:
        if not head:
            return NO_MATCH
        found = self._whole.get(head.rstrip(_TRAILING), _EMPTY) if whole else _EMPTY
        index = self._prefix
        # Most lines match nothing: no phrase is the whole line, none starts
        # with the line's first four characters, none with its first character.
        if not found and head[:_PREFIX_KEY] not in index.long and head[0] not in index.short_first:
            return NO_MATCH
        prefixes: dict[str, str] = {}
        for length, phrase, category, needs_sep in index.long.get(head[:_PREFIX_KEY], ()):
            if category not in prefixes and head.startswith(phrase) and _ends_phrase(head[length:], phrase, needs_sep):
                prefixes[category] = phrase
        for length in index.short_lengths if head[0] in index.short_first else ():
            if length > len(head):
                continue
            phrase = head[:length]
            for category, needs_sep in index.short.get(phrase, ()):
                if category not in prefixes and _ends_phrase(head[length:], phrase, needs_sep):
                    prefixes[category] = phrase
        if not found and not prefixes:
            return NO_MATCH
        return LineMatch(found, MappingProxyType(prefixes))

    def many(self, lines: list[str], *, prefixes_only_over: int | None = None) -> list[LineMatch]:
        """``[self(line) for line in lines]``, with the common line (no phrase
        is it, none starts like it) dismissed without a call.

        With ``prefixes_only_over``, a longer line is matched by its first
        words only (the prefix categories; its ``whole`` is left empty): a
        paragraph need not be normalized whole to learn that it does not
        start with "Read also".  The head is cut before a space, where
        normalizing the line gives the head's normalization and more, and is
        used only when it is long enough to decide every prefix."""
        whole, long, match_head = self._whole, self._long_keys, self._match_head
        pairs, singles, may_start = self._prefix.short_pairs, self._prefix.short_singles, self._prefix.may_start
        min_head = self._min_head
        # The common line, ASCII and single-spaced (_single_spaced, inlined: a
        # call per line costs more than the tests): its lowercase is its
        # normalization.  The others (None) are normalized below.
        heads: list[str | None] = [
            str.lower(line).lstrip(_LEADING_ASCII)
            if line.isascii() and line.isprintable() and "  " not in line and line[:1] != " " and line[-1:] != " "
            else None
            for line in lines
        ]
        prefix_heads: dict[int, str] = {}  # long lines read for their prefixes only
        for i in [i for i, head in enumerate(heads) if head is None]:
            line = lines[i]
            if prefixes_only_over is not None and len(line) > prefixes_only_over:
                # First a head cut at the first space after min_head characters:
                # mostly long enough, and any longer head cut before a space
                # (as at prefixes_only_over) continues it, so decides the same.
                cut = line.find(" ", min_head)
                if cut != -1 and cut < prefixes_only_over:
                    head = _fold_text(line[:cut]).lstrip(_LEADING)
                    if len(head) >= min_head:
                        prefix_heads[i], heads[i] = head, ""
                        continue
                cut = line.find(" ", prefixes_only_over)
                if cut != -1:
                    head = _fold_text(line[:cut]).lstrip(_LEADING)
                    if len(head) >= min_head:
                        prefix_heads[i], heads[i] = head, ""
                        continue
            heads[i] = _fold(line).lstrip(_LEADING)
        # A head that starts like no prefix phrase (may_start's test, and the
        # phrases _match_head would try) matches at most a whole-line phrase.
        whole_only = self._whole_only
        found = [
            (
                (match_head(head) if head.rstrip(_TRAILING) in whole or may_start(head) else NO_MATCH)
                if head[:_PREFIX_KEY] in long or head[:2] in pairs or head[0] in singles
                else whole_only.get(head.rstrip(_TRAILING), NO_MATCH)
            )
            if head
            else NO_MATCH
            for head in heads
        ]
        for i, head in prefix_heads.items():
            if (head[:_PREFIX_KEY] in long or head[:2] in pairs or head[0] in singles) and may_start(head):
                found[i] = match_head(head, False)
        return found


@cache
def line_matcher(whole: tuple[str, ...], prefix: tuple[str, ...]) -> LineMatcher:
    """The matcher of :func:`match_line` for these categories (built once)."""
    return LineMatcher(whole, prefix)


def match_line(line: str, whole: tuple[str, ...], prefix: tuple[str, ...]) -> LineMatch:
    """Match ``line`` against the ``whole``-line categories and the ``prefix``
    categories in one pass (same rules as :func:`is_phrase` without counts and
    :func:`starts_with_phrase`: per category the longest phrase that ends at a
    word boundary).  Pass the category tuples as constants: the merged indexes
    are built once per tuple; a caller with many lines can hold the
    :func:`line_matcher` itself."""
    return line_matcher(whole, prefix)(line)


# ---------------------------------------------------------------------------
# the precomputed index: normalized phrases and stopwords, shipped in data/
#
# Normalizing ~7,000 phrases, ~7,000 stopwords and the spellings of ~800 month
# names costs the command line some 25 ms at every start;
# ``data/lexicon-index.json`` holds the result.  It is
# used only when it was built from the data files as they are (a digest of
# them is stored in it); otherwise everything is built from the sources as
# before, so a stale index costs time, never correctness.  Rebuild it with
# ``python -m newsextract.lexicon`` after changing markers.json or a stopword
# list (tests/test_lexicon.py checks that it is in sync).

INDEX_FILE: Final = "lexicon-index.json"


def _sources_digest() -> str:
    digest = hashlib.sha256(_markers_text().encode("utf-8"))
    folder = resources.files(__package__ or "newsextract") / "data" / "stopwords"
    for code in _stopword_files():
        digest.update(f"\0{code}\0".encode())
        digest.update((folder / f"{code}.txt").read_bytes())
    return digest.hexdigest()


def _list_categories() -> tuple[str, ...]:
    """The categories of markers.json whose values are per-language phrase lists."""
    names = []
    for name, value in _markers().items():
        if name.startswith("_") or not isinstance(value, dict):
            continue
        langs = [v for lang, v in value.items() if not lang.startswith("_")]
        if langs and all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in langs):
            names.append(name)
    return tuple(names)


def build_index() -> dict[str, Any]:
    """The content of ``data/lexicon-index.json``, built from the data files."""
    categories: dict[str, Any] = {}
    for name in _list_categories():
        by_language, needs_separator = _category_from_sources(name)
        categories[name] = {
            "by_language": {lang: sorted(norms) for lang, norms in by_language.items()},
            "needs_separator": sorted(needs_separator),
        }
    return {
        "_doc": "Generated by `python -m newsextract.lexicon` from markers.json and stopwords/; do not edit.",
        "digest": _sources_digest(),
        "categories": categories,
        "stopwords": {code: sorted(_stopwords_from_sources(code)) for code in _stopword_files()},
        "months": {lang: dict(sorted(table.items())) for lang, table in _months_from_sources().items()},
    }


@cache
def _index() -> Mapping[str, Any] | None:
    """The shipped index when it matches the data files, else None."""
    return _index_built_from(_sources_digest())


def _index_built_from(digest: str) -> Mapping[str, Any] | None:
    """The shipped index when it was built from data files of this digest, else None."""
    try:
        index = json.loads(_read(INDEX_FILE))
    except (OSError, ValueError):
        return None
    if not isinstance(index, dict) or index.get("digest") != digest:
        return None
    return index


def write_index(path: str | None = None) -> str:
    """Write :func:`build_index` to ``data/lexicon-index.json`` (or ``path``); return the path."""
    target = path or str(resources.files(__package__ or "newsextract") / "data" / INDEX_FILE)
    with open(target, "w", encoding="utf-8", newline="\n") as fh:
        json.dump(build_index(), fh, ensure_ascii=False, indent=0, sort_keys=False)
        fh.write("\n")
    return target


if __name__ == "__main__":
    print(f"wrote {write_index()}")
