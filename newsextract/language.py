"""Language detection from script and stopwords, shared by both parsers.

Two signals, cheapest first:

1. *Script*: Hangul means Korean, kana means Japanese, Han without kana means
   Chinese; Thai, Hebrew, Greek, Devanagari likewise.  Arabic script is Persian
   when Persian-only letters are frequent, Arabic otherwise.
2. *Stopwords*: for Latin and Cyrillic text, the language whose stopword list
   covers the most tokens wins (as in jusText's per-language stopword lists,
   but chosen automatically).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from operator import itemgetter
from typing import Final

from . import lexicon

WORD: Final = re.compile(r"\w+")

#: Characters of a few scripts (ranges of the Unicode blocks).
SCRIPT_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "hangul": ((0xAC00, 0xD7AF), (0x1100, 0x11FF), (0x3130, 0x318F)),
    "kana": ((0x3040, 0x309F), (0x30A0, 0x30FF)),
    "han": ((0x4E00, 0x9FFF), (0x3400, 0x4DBF)),
    "arabic": ((0x0600, 0x06FF), (0x0750, 0x077F)),
    "hebrew": ((0x0590, 0x05FF),),
    "thai": ((0x0E00, 0x0E7F),),
    "devanagari": ((0x0900, 0x097F),),
    "greek": ((0x0370, 0x03FF),),
    "cyrillic": ((0x0400, 0x04FF),),
}

#: Letters used in Persian but not in Arabic (پ چ ژ گ and Persian yeh/kaf).
PERSIAN_LETTERS: Final = frozenset("پچژگیک")

#: Sample size for detection: enough text to be sure, bounded for speed.
SAMPLE_CHARS: Final = 4000

#: Minimum share of a script's letters among all letters for it to decide.
SCRIPT_SHARE: Final = 0.3


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(f"{chr(lo)}-{chr(hi)}" for lo, hi in ranges)


#: One compiled character class per script: counting with ``findall`` runs in
#: C, a Python loop over 20,000 characters does not.
SCRIPT_PATTERNS: Final = {name: re.compile(f"[{_class(ranges)}]") for name, ranges in SCRIPT_RANGES.items()}
#: Runs of letters: counting their lengths builds a list of words, not of characters.
LETTERS: Final = re.compile(r"[^\W\d_]+")


#: Any character of the listed scripts: one search tells whether the per-script
#: counts are needed at all (most pages are in a Latin-script language).
ANY_SCRIPT: Final = re.compile(f"[{''.join(_class(ranges) for ranges in SCRIPT_RANGES.values())}]")


#: Per script, the high bytes (code point // 256) its characters never have.
#: A text's UTF-16 high bytes, once these are deleted, are empty when it has no
#: character of the script: one byte pass instead of a regex scan.
_NOT_SCRIPT_HIGH_BYTES: Final = {
    name: bytes(b for b in range(256) if not any(lo >> 8 <= b <= hi >> 8 for lo, hi in ranges))
    for name, ranges in SCRIPT_RANGES.items()
}


def script_counts(text: str) -> Counter[str]:
    """Letters per script; letters of no listed script count as ``latin``."""
    counts: Counter[str] = Counter()
    letters = sum(map(len, LETTERS.findall(text)))
    # (characters beyond the BMP are surrogate pairs here, high bytes 0xD8-0xDF: no script's)
    high_bytes = text.encode("utf-16-le", "surrogatepass")[1::2]
    others = 0
    for name, pattern in SCRIPT_PATTERNS.items():
        if not high_bytes.translate(None, _NOT_SCRIPT_HIGH_BYTES[name]):
            continue  # no character of the script: skip its scan
        n = len(pattern.findall(text))
        if n:
            counts[name] = n
            others += n
    if letters - others > 0:
        counts["latin"] = letters - others
    return counts


@dataclass(frozen=True, slots=True)
class _StopwordIndex:
    """Which languages list each stopword, numbered by language set: counting
    small ints in C is faster than counting words and then their languages."""

    group: dict[str, int]  # word -> number of its set of languages
    languages: tuple[tuple[str, ...], ...]  # number -> the languages, in lexicon order


@cache
def _stopword_index() -> _StopwordIndex:
    by_word: dict[str, list[str]] = {}
    for lang in lexicon.stopword_languages():
        for w in lexicon.stopwords(lang):
            by_word.setdefault(w, []).append(lang)
    numbers: dict[tuple[str, ...], int] = {}
    group = {w: numbers.setdefault(tuple(langs), len(numbers)) for w, langs in by_word.items()}
    return _StopwordIndex(group, tuple(numbers))


def detect_language(text: str, words: Callable[[], list[str]] | None = None) -> str | None:
    """Best-guess ISO 639-1 code for ``text``, or None when unsure.

    ``words``, when given, returns :func:`lower_words` of ``text[:SAMPLE_CHARS]``
    (called only when the stopwords decide): a caller that splits the sample's
    lines anyway (the text path, for their stopword density) passes them."""
    sample = text[:SAMPLE_CHARS]
    blanked = _blank_punctuation(sample)
    if blanked.isascii() or _encode(blanked, "latin-1") is not None or not ANY_SCRIPT.search(sample):
        # Latin script only (the scripts of ANY_SCRIPT lie above Latin-1): no
        # script decides, only the stopwords do
        if not _has_letters(sample, MIN_LETTERS):
            return None
        return _by_stopwords(words() if words else _words(sample, blanked), cyrillic=False)
    scripts = script_counts(sample)
    letters = sum(scripts.values())
    if letters < MIN_LETTERS:
        return None

    def share(name: str) -> float:
        return scripts[name] / letters

    if share("hangul") > 0.2:
        return "ko"
    if share("kana") > 0.05:
        return "ja"
    if share("han") > SCRIPT_SHARE:
        return "zh"
    if share("arabic") > SCRIPT_SHARE:
        persian = sum(1 for ch in sample if ch in PERSIAN_LETTERS)
        return "fa" if persian > 0.01 * scripts["arabic"] else "ar"
    for name, code in (("hebrew", "he"), ("thai", "th"), ("devanagari", "hi"), ("greek", "el")):
        if share(name) > SCRIPT_SHARE:
            return code
    cyrillic = share("cyrillic") > SCRIPT_SHARE
    return _by_stopwords(words() if words else _words(sample, blanked), cyrillic=cyrillic)


#: Fewer letters than this say nothing about the language.
MIN_LETTERS: Final = 20


def _has_letters(text: str, n: int) -> bool:
    """Does ``text`` hold at least ``n`` letters?"""
    count = 0
    for m in LETTERS.finditer(text):
        count += m.end() - m.start()
        if count >= n:
            return True
    return False


#: Word characters are what ``\w`` matches: ``str.isalnum()`` or "_".  The
#: others, in two kinds: ASCII ones (byte-translated to spaces) and the rest,
#: found by a regex.
_OTHER_NON_WORD: Final = re.compile(r"[^\x00-\x7f\w\s]+")



def _lower_words_table(codec: str) -> bytes:
    """Byte translation for a text encoded in the one-byte ``codec``: each
    character lowercased when it is a word character (a character of the codec
    again), otherwise a space; but a newline stays (``str.split`` splits at it
    as at a space, and :func:`lower_words_by_line` tells the lines apart)."""
    table = bytearray(b" " * 256)
    for byte in range(256):
        try:
            lower = str.lower(bytes([byte]).decode(codec))
        except UnicodeDecodeError:
            continue  # (no character: never in an encoded text)
        if lower.isalnum() or lower == "_" or lower == "\n":
            (table[byte],) = lower.encode(codec)  # one character, one byte
    return bytes(table)


#: One-byte encodings in which many pages' text (once the common punctuation
#: is blanked) can be lowercased and blanked by one byte translation: Latin-1
#: (ASCII and the accented letters of Western European languages) and
#: Windows-1251 (Cyrillic).  No character of theirs lowercases by its context
#: (in Python only "Σ" does) or into several characters.
ONE_BYTE_CODECS: Final = ("latin-1", "cp1251")
_LOWER_WORDS_TABLES: Final = tuple((codec, _lower_words_table(codec)) for codec in ONE_BYTE_CODECS)
#: The Latin-1 table for the ASCII part of a text, leaving the bytes of UTF-8
#: sequences (>= 0x80) unchanged.
_ASCII_LOWER_WORDS: Final = _lower_words_table("latin-1")[:128] + bytes(range(128, 256))

#: The non-ASCII characters of most English pages: no-break space,
#: typographic quotes and dashes, ellipsis, ©, £.  None is a word character
#: or has a lowercase, and none belongs to SCRIPT_RANGES.
COMMON_PUNCTUATION: Final = "\xa0’‘“”—–…©«»·•£"


def _blank_punctuation(text: str) -> str:
    """``text`` with COMMON_PUNCTUATION turned into spaces (often pure ASCII then)."""
    for ch in COMMON_PUNCTUATION:
        if ch in text:
            text = text.replace(ch, " ")
    return text


def _words(text: str, blanked: str) -> list[str]:
    """``WORD.findall(text.lower())``: see :func:`_lowered_words`."""
    return _lowered_words(text, blanked).split()


def _lowered_words(text: str, blanked: str) -> str:
    """``text`` lowercased, with every character that is not a word character
    turned into a space (or left, when it is white space; newlines are always
    left): its ``split()`` is ``WORD.findall(text.lower())``, faster
    (``blanked`` is ``_blank_punctuation(text)``): splitting is several times
    cheaper than a regex search for each word.  When blanking left pure ASCII, or text of one of
    ONE_BYTE_CODECS, one byte translation lowercases and blanks at once, no
    regex needed; otherwise ``text`` itself is lowercased (as "Σ" lowercases
    by what follows it, blanking must come after)."""
    if blanked.isascii():
        return blanked.encode().translate(_ASCII_LOWER_WORDS).decode()
    for codec, table in _LOWER_WORDS_TABLES:
        encoded = _encode(blanked, codec)
        if encoded is not None:
            return encoded.translate(table).decode(codec)
    spaced = _OTHER_NON_WORD.sub(" ", str.lower(text))
    return spaced.encode().translate(_ASCII_LOWER_WORDS).decode()


def _encode(text: str, codec: str) -> bytes | None:
    """``text`` encoded in ``codec``, or None when it has other characters."""
    try:
        return text.encode(codec)
    except UnicodeEncodeError:
        return None


def lower_words(text: str) -> list[str]:
    """``WORD.findall(text.lower())``: the lowercased words of ``text``, the
    way :func:`_words` finds them (an ASCII text needs no blanking first)."""
    if text.isascii():
        return text.encode().translate(_ASCII_LOWER_WORDS).decode().split()
    return _words(text, _blank_punctuation(text))


def lower_words_by_line(text: str) -> list[list[str]]:
    """:func:`lower_words` of each line of ``text`` (split at "\\n"), for the
    cost of one call: the translation keeps the newlines, and a line lowercases
    on its own within a text (only "Σ" lowercases by its context, which a
    newline ends)."""
    blanked = text if text.isascii() else _blank_punctuation(text)
    return [line.split() for line in _lowered_words(text, blanked).split("\n")]


def _by_stopwords(words: list[str], *, cyrillic: bool) -> str | None:
    """The language whose stopwords cover the most of the (lowercased) ``words``."""
    index = _stopword_index()
    tokens = len(words)
    # Stopword tokens counted by their set of languages, in order of first
    # occurrence, so that languages enter the vote, and ties among them break,
    # as they would word by word.  The words are counted first (in C, into a
    # small new dict) and each distinct word is looked up once in the large
    # index: a sample repeats its stopwords ("the", "of") many times, and a
    # lookup in the index is what costs when the CPU caches are cold.
    group = index.group.get
    numbers: dict[int, int] = {}
    for word, n in Counter(words).items():
        number = group(word)
        if number is not None:
            numbers[number] = numbers.get(number, 0) + n
    votes: dict[str, int] = {}
    for number, n in numbers.items():
        for lang in index.languages[number]:
            votes[lang] = votes.get(lang, 0) + n
    if not votes:
        return None
    if cyrillic:
        for lang in list(votes):
            if lang not in CYRILLIC_LANGUAGES:
                del votes[lang]
    else:
        for lang in CYRILLIC_LANGUAGES:
            votes.pop(lang, None)
    if not votes:
        return None
    lang, hits = max(votes.items(), key=itemgetter(1))  # the first of the best, as Counter.most_common
    # Too few stopwords means word lists, menus or an unknown language.
    return lang if hits >= max(3, 0.08 * tokens) else None


CYRILLIC_LANGUAGES: Final = frozenset({"ru", "uk", "bg", "sr", "mk", "be", "kk"})

#: Languages written without spaces between words: stopword density is
#: measured on characters instead of tokens.
UNSPACED_LANGUAGES: Final = frozenset({"ja", "zh", "th"})
