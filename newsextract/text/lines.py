"""Segmentation: a text dump becomes a list of :class:`Line` objects.

A line is the unit of classification, as a paragraph is in jusText: browser
copies put one block element per line, text browsers one paragraph per line
(long ones wrapped at about 1,023 columns, which :func:`split_lines` rejoins).
Segmentation only cleans what a text browser adds around the text (bullets,
``[image]`` placeholders, form fields, rule lines); it never rewrites words, so
every output string still occurs in the input.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from .. import dates

#: List bullets as browsers and text browsers print them (w3m: • □ ☆ ○ ◦ at
#: growing depths), followed by a space.
BULLET_CHARS: Final = "•◦▪▫□■☆★○●►▸▹‣⁃∙·*-–—+"
BULLET: Final = re.compile(rf"^([{re.escape(BULLET_CHARS)}])\s+(?=\S)")

#: Numbered list items ("1. ", "12) ").  Years and scores ("2019. It was") are
#: excluded by requiring a small number.
NUMBERED: Final = re.compile(r"^(\d{1,2}[.)])\s+(?=\S)")

#: A whole line that is only a text-browser placeholder: ``[image]``,
#: ``[22174394-1]``, ``[logo]``, a form field ``[          ]`` or a button.
PLACEHOLDER_LINE: Final = re.compile(r"^(?:\[[^\[\]]{0,80}\]\s*)+$")

#: A placeholder at the start of a line, before real text: ``[Associated] Associated Press``.
LEADING_PLACEHOLDER: Final = re.compile(r"^(?:\[[^\[\]\s]{1,40}\]\s+)+(?=\S)")

#: Rule lines (w3m's ━━━━, ASCII ----- or =====): pure decoration.
RULE_LINE: Final = re.compile(r"^[\s━─—–=_~*·•.\-]{3,}$")

#: Lines rendered by text browsers from radio buttons and checkboxes: ``( ) Yes``.
FORM_CONTROL: Final = re.compile(r"^(?:\(\s?\*?\s?\)|\[\s?[xX*]?\s?\])\s")

#: w3m wraps paragraphs longer than this many columns; a line at least this
#: long followed directly by text is a wrapped paragraph, not two paragraphs.
WRAP_COLUMNS: Final = 1000

#: How many columns of leading whitespace make one level of nesting (w3m
#: indents nested lists and block quotes by 4).
INDENT_STEP: Final = 4

#: Runs of ordinary spaces and tabs collapse to one space; no-break and
#: full-width spaces are kept (French typography and CJK titles use them).
SPACES: Final = re.compile(r"[ \t]+")


@dataclass(slots=True, init=False)
class Line:
    """One non-empty line of a dump with its layout facts.

    ``density`` (stopword density) is computed on first use: only lines long
    enough to be prose need it (see :func:`.features.compute`), and
    ``reason`` of a line labelled by its length and density is written out
    only when asked for (``--explain``).

    ``__init__`` is written out (``init=False``): the one ``dataclass``
    generates is Python code made at import, which the compiled build
    (setup.py) would call as such for each of a dump's lines.
    """

    index: int  # position among the non-empty lines
    lineno: int  # 1-based line number in the input
    raw: str  # the input line, right-stripped
    text: str  # cleaned text: no bullet, no placeholders, spaces collapsed
    indent: int = 0  # leading columns
    blank_before: int = 0  # blank lines between this and the previous line
    bullet: str | None = None  # list marker, when the line had one
    tabs: int = 0  # tab characters (table cells in browser copies)
    length: float = 0.0  # effective length (CJK characters weigh more), see features.py
    sentence: bool = False  # ends like a sentence
    lang: str | None = None  # the document's language (for dates and ages)
    label: str = ""  # set by the classifier
    # stopword density once computed, and how to compute it (set by features.compute)
    _density: float | None = field(default=None, repr=False)
    _density_of: Callable[[str], float] | None = field(default=None, repr=False)
    _reason: str | None = field(default=None, repr=False)

    def __init__(
        self,
        index: int,
        lineno: int,
        raw: str,
        text: str,
        indent: int = 0,
        blank_before: int = 0,
        bullet: str | None = None,
        tabs: int = 0,
        length: float = 0.0,
        sentence: bool = False,
        lang: str | None = None,
        label: str = "",
    ) -> None:
        self.index, self.lineno, self.raw, self.text = index, lineno, raw, text
        self.indent, self.blank_before, self.bullet, self.tabs = indent, blank_before, bullet, tabs
        self.length, self.sentence, self.lang, self.label = length, sentence, lang, label
        self._density = self._density_of = self._reason = None

    @property
    def density(self) -> float:
        """Stopword density (see :func:`.features.stopword_density`)."""
        if self._density is None:
            self._density = self._density_of(self.text) if self._density_of is not None else 0.0
        return self._density

    @density.setter
    def density(self, value: float) -> None:
        self._density = value

    @property
    def reason(self) -> str:
        """Why the line got its label (for ``--explain``)."""
        if self._reason is None:
            return f"length {self.length:.0f}, stopwords {self.density:.2f}" if self.label else ""
        return self._reason

    @reason.setter
    def reason(self, value: str) -> None:
        self._reason = value


def clean(text: str) -> tuple[str, str | None]:
    """Return (text without bullet or placeholder, bullet).

    Bullets, item numbers and placeholders never start with a letter, so a
    line that does (most lines) skips those patterns.
    """
    bullet = None
    if not text[:1].isalpha():
        if text.startswith("["):
            text = LEADING_PLACEHOLDER.sub("", text)
        m = BULLET.match(text) or NUMBERED.match(text)
        if m and m.re is NUMBERED and _starts_with_date(text):
            m = None  # "12. März 2025" is a date, not item 12
        if m:
            bullet = m.group(1)
            text = text[m.end() :]
    if "\t" in text or "  " in text:
        text = SPACES.sub(" ", text)
    return text.strip(), bullet


def _starts_with_date(text: str) -> bool:
    found = dates.find_date(text[:60])
    return found is not None and text.startswith(found[0])


#: The characters of RULE_LINE but whitespace: a rule line (stripped) ends with one.
RULE_CHARS: Final = "━─—–=_~*·•.-"


def is_decoration(stripped: str) -> bool:
    """Lines that carry no text at all: rules, placeholders, lone bullets."""
    last = stripped[-1:]
    if last == "]" and PLACEHOLDER_LINE.match(stripped):
        return True
    if last and last in RULE_CHARS and RULE_LINE.match(stripped):
        return True
    return len(stripped) <= 3 and all(not ch.isalnum() for ch in stripped)


def split_lines(text: str) -> list[Line]:
    """Split a dump into non-empty :class:`Line` objects."""
    if "\r" in text:  # (searching for "\r\n" costs more than for "\r")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    out: list[Line] = []
    blank = 0
    prev_wrapped = False
    for lineno, raw_line in enumerate(text.split("\n"), 1):
        raw = raw_line.rstrip()
        if not raw:
            blank += 1
            prev_wrapped = False
            continue
        if raw[0].isalpha() and not prev_wrapped and "  " not in raw and "\t" not in raw:
            # The plain line (most lines): it starts with a letter, so it is
            # not indented, and has nothing to clean (what the general case
            # below gives it, with fewer steps).
            out.append(Line(len(out), lineno, raw, raw, 0, blank, None, 0))
            blank = 0
            prev_wrapped = len(raw) >= WRAP_COLUMNS
            continue
        stripped = raw.lstrip()
        first = stripped[0]
        if (
            first in BULLET_CHARS
            and stripped[1:2] == " "
            and stripped[2:3].isalnum()  # _is_simple_item, inline
            and not prev_wrapped
            and "  " not in stripped
            and "\t" not in stripped
        ):
            # The list item "• Text" (w3m's most common line after the plain
            # one, often indented) with nothing else to clean: what the
            # general case below gives it, with fewer steps.
            indent = len(raw) - len(raw.lstrip(" \t\u3000")) if raw[0] in " \t\u3000" else 0
            out.append(Line(len(out), lineno, raw, stripped[2:], indent, blank, first, 0))
            blank = 0
            prev_wrapped = len(raw) >= WRAP_COLUMNS
            continue
        # a line starting with a letter or digit is neither decoration nor
        # invisible, nor is a list item "• Text" (w3m's most common line)
        plain = first.isalnum()
        item = not plain and _is_simple_item(stripped)
        if not plain and not item and (is_decoration(stripped) or _is_invisible(stripped)):
            blank += 1
            prev_wrapped = False
            continue
        if prev_wrapped and out and blank == 0:
            last = out[-1]
            last.raw += raw
            last.text = SPACES.sub(" ", last.text + stripped).strip()
            prev_wrapped = len(raw) >= WRAP_COLUMNS
            continue
        if (first.isalpha() or item) and "\t" not in stripped and "  " not in stripped:
            # what clean() would give: nothing to clean, or just the bullet
            # (FORM_CONTROL starts with a bracket, never with a bullet)
            cleaned, bullet, tabs = (stripped[2:], first, 0) if item else (stripped, None, 0)
        else:
            cleaned, bullet = clean(stripped)
            if bullet is not None and FORM_CONTROL.match(stripped):
                bullet = None
            if not cleaned:
                blank += 1
                continue
            tabs = stripped.count("\t")
        indent = len(raw) - len(raw.lstrip(" \t\u3000")) if raw[0] in " \t\u3000" else 0
        # positional: index, lineno, raw, text, indent, blank_before, bullet, tabs
        out.append(Line(len(out), lineno, raw, cleaned, indent, blank, bullet, tabs))
        blank = 0
        prev_wrapped = len(raw) >= WRAP_COLUMNS
    return out


def _is_simple_item(stripped: str) -> bool:
    """ "• Text": a bullet of BULLET, one space, a letter or digit.  BULLET
    takes exactly the bullet and the space; RULE_LINE, PLACEHOLDER_LINE and
    :func:`_is_invisible` cannot match a line with a letter in third place."""
    return len(stripped) > 2 and stripped[1] == " " and stripped[0] in BULLET_CHARS and stripped[2].isalnum()


def _is_invisible(stripped: str) -> bool:
    """Only format characters (zero-width spaces, BOMs, bidi marks)."""
    if stripped.isprintable():  # such characters are not printable (but " ", which is stripped)
        return False
    return all(unicodedata.category(ch) in ("Cf", "Zs", "Cc") for ch in stripped)
