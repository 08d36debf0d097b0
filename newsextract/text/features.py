"""Per-line features: effective length, word count, stopword density and
whether the line ends like a sentence.

Everything that depends on the language goes through :class:`Profile`, built
once per document from the detected language, so that no rule depends on
English alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import partial
from typing import Final

from .. import lexicon
from ..language import UNSPACED_LANGUAGES, lower_words
from .lines import Line

#: Sentence-final punctuation in many scripts (Latin, CJK full stops, Arabic
#: question mark, Devanagari danda), optionally followed by closing quotes or
#: brackets.
SENTENCE_END: Final = re.compile(r"[.!?。！？؟।…:;»”\"’')\]]\s*$")
STRICT_SENTENCE_END: Final = re.compile(r"[.!?。！？؟।…][\s\"'”’»)\]]*$")

#: STRICT_SENTENCE_END in two parts, read from the end of the line: the
#: closing quotes and brackets (whitespace aside) that may follow the
#: sentence-final punctuation.
SENTENCE_STOPS: Final = frozenset(".!?。！？؟।…")
SENTENCE_CLOSERS: Final = "\"'”’»)]"


def ends_like_sentence(text: str) -> bool:
    """``STRICT_SENTENCE_END.search(text)`` for a line (no newline in it),
    without scanning the line: the two character sets are disjoint, so the
    last character before the closers and spaces decides.  (The search tries
    every stop in the line: slow on long lines.)"""
    while True:
        stripped = text.rstrip().rstrip(SENTENCE_CLOSERS)
        if len(stripped) == len(text):
            return text[-1:] in SENTENCE_STOPS
        text = stripped


#: One CJK character carries about as much text as this many Latin ones
#: (a 100-character Japanese paragraph reads like a 250-character English one).
CJK_WEIGHT: Final = 2.5

CJK_CHAR: Final = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")

#: Japanese prose is roughly a third hiragana (particles, endings); menus and
#: titles have far less.  Used as the "stopword density" of unspaced text.
HIRAGANA: Final = re.compile(r"[\u3040-\u309f]")


@dataclass(frozen=True, slots=True)
class Profile:
    """Language-dependent settings for one document."""

    language: str | None
    stopwords: frozenset[str]
    unspaced: bool

    @classmethod
    def for_language(cls, language: str | None) -> Profile:
        words: frozenset[str] = frozenset()
        if language:
            try:
                words = lexicon.stopwords(language)
            except (KeyError, FileNotFoundError, ValueError):
                words = frozenset()
        return cls(language, words, language in UNSPACED_LANGUAGES)

    @property
    def has_stopwords(self) -> bool:
        return bool(self.stopwords)


def effective_length(text: str) -> float:
    if text.isascii():
        return float(len(text))
    cjk = len(CJK_CHAR.findall(text))
    return len(text) + (CJK_WEIGHT - 1) * cjk


def stopword_density(text: str, profile: Profile) -> float:
    if profile.unspaced:
        if profile.language == "ja":
            chars = len(CJK_CHAR.findall(text))
            return len(HIRAGANA.findall(text)) / chars if chars else 0.0
        chars = len(CJK_CHAR.findall(text)) or len(text)
        hits = sum(map(profile.stopwords.__contains__, text))
        return hits / chars if chars else 0.0
    return words_density(lower_words(text), profile)  # the words of r"\w+" in the lowercased line


def words_density(words: list[str], profile: Profile) -> float:
    """:func:`stopword_density` of a spaced language's line, from its lowercased words."""
    if not words:
        return 0.0
    return sum(map(profile.stopwords.__contains__, words)) / len(words)


def set_densities(lines: list[Line], words: list[list[str]], profile: Profile) -> None:
    """Set the stopword density of the first lines from their lowercased words
    (split already for language detection): :func:`stopword_density` without
    splitting them again.  ``words`` may be shorter than ``lines``; the
    others' densities stay lazy."""
    if profile.unspaced:
        return  # (measured on characters, not words)
    for line, line_words in zip(lines, words, strict=False):  # (see above)
        line._density = words_density(line_words, profile)


def _density_in(profile: Profile, text: str) -> float:
    return stopword_density(text, profile)


def compute(lines: list[Line], profile: Profile) -> None:
    """Length and sentence end of every line; the stopword density is left to
    be computed when first read (:attr:`Line.density`): the classifier needs it
    only for lines of at least ``LENGTH_LOW`` characters."""
    # (a partial with positional arguments only is cheaper to call than one
    # with a keyword; unlike a closure, it pickles)
    density_of = partial(_density_in, profile)
    language = profile.language
    non_ascii: list[Line] = []
    for line in lines:
        t = line.text
        line.lang = language
        line.length = float(len(t))  # effective_length of a line without CJK
        if not t.isascii():
            non_ascii.append(line)
        last = t[-1:]
        # a line ending with a letter or digit (most lines) is no sentence: no
        # need to look behind closing quotes and brackets
        line.sentence = last in SENTENCE_STOPS or (not last.isalnum() and ends_like_sentence(t))
        line._density_of = density_of
    # Most documents have no CJK character at all: one search through their
    # non-ASCII lines together tells, at half the cost of one search per line.
    if non_ascii and CJK_CHAR.search("\n".join([line.text for line in non_ascii])):
        for line in non_ascii:
            line.length = effective_length(line.text)
