"""Relative ages ("3 hours ago") and absolute dates in many languages.

    parse_age(line)           -> "3 hours ago" | None
    find_date(text)           -> ("March 12, 2025 3:45 PM", "2025-03-12T15:45:00") | None
    split_glued_source(line)  -> ("Axios", "12-03-2025", "2025-03-12") | None

The regexes are built once (lazily) from :mod:`newsextract.lexicon`'s
``age_words`` and ``months``.  Every repeat is bounded and alternatives are
tries of literal words, so matching stays linear in the input.

Date rules:

* numeric ``D-M-YYYY`` / ``D/M/YYYY`` / ``D.M.YYYY`` are read day first; when
  the second number is above 12 they are read month first (``03/25/2025``);
  ``month_first=True`` prefers month first when both readings are valid.
* ``YYYY-MM-DD`` (also ``/`` and ``.``, and Korean ``2025. 3. 12.``),
  ``YYYY年M月D日``, ``YYYY년 M월 D일``, month names before or after the day in
  every language of ``markers.json``, Hungarian ``2025. március 12.``.
* ``D.M.YY`` with a two-digit year (``31.10.23``, read 2000-2069 or
  1970-1999) only in a short text (at most :data:`SHORT_DATE_CHARS`
  characters, a dateline rather than prose), only with dots, day first, and
  never inside a longer run of dotted numbers (``1.2.26.4``) or after a
  four-digit date was found.
* years 1900-2099; Thai Buddhist-era years (2443-2642) are converted.
* any Unicode digits (Arabic-Indic ``١٢``, Persian ``۱۲``, full-width ``１２``).
* a time right after the date is included (``15:45``, ``3:45 PM``, ``15h30``,
  ``15時45分``, ``오후 3:45``), and so is one right before it (``10:42 AM EST,
  Tue March 4, 2025``, ``14:30, 12 марта 2025``); ISO output has a UTC offset only when the text
  gives one (``Z``, ``UTC``/``GMT``, ``GMT+3``, ``+03:00``); named zones such as
  ``ET`` are matched but not converted.
"""

from __future__ import annotations

import re
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from functools import cache
from typing import Final

from . import lexicon

__all__ = [
    "DocumentDates",
    "ages_never_end_with",
    "find_date",
    "glued_source_or_age",
    "may_be_glued",
    "may_end_with_age",
    "parse_age",
    "patterns",
    "split_glued_source",
]

_H: Final = r"[^\S\r\n]"  # horizontal whitespace


def _sp(lo: int, hi: int) -> str:
    return f"{_H}{{{lo},{hi}}}"


_LB: Final = r"(?<![^\W\d_])"  # not right after a letter
_RB: Final = r"(?![^\W\d_])"  # not right before a letter
_TAIL_JUNK: Final = r"[\s.,;:·•|)\]】]{0,6}$"

# ---------------------------------------------------------------------------
# word tries


_Node = dict[str, "_Node"]


def _trie(words: Iterable[str]) -> str:
    """A regex matching any of ``words`` (literal, longest first), built as a trie.

    A space inside a word matches one or two horizontal spaces.  Each
    alternation has distinct first characters, so matching never backtracks
    more than the length of the longest word.
    """
    root: _Node = {}
    for word in set(words):
        if not word:
            continue
        node = root
        for ch in word:
            node = node.setdefault(ch, {})
        node[""] = {}
    if not root:
        return "(?!)"
    body = _emit(root)
    if len(root) > 6:
        # a one-character test first: positions where no word can start fail fast
        first = "".join(re.escape(ch) for ch in sorted(root) if ch != " ")
        body = f"(?=[{first}]){body}"
    return body


def _escape(ch: str) -> str:
    return _sp(1, 2) if ch == " " else re.escape(ch)


def _emit(node: _Node) -> str:
    branches = [_escape(ch) + _emit(node[ch]) for ch in sorted(k for k in node if k)]
    if not branches:
        return ""
    if "" in node:
        return "(?:" + "|".join(branches) + ")?"
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


# ---------------------------------------------------------------------------
# relative ages

_DIGITS: Final = r"(?<!\d)\d{1,4}(?:[.,]\d)?"
_CLOCK: Final = rf"(?:,?{_sp(0, 2)}(?:at|à|um|a las|a la|às|alle|om|kl\.?|в|о|u|saat|lúc|في|الساعة|-|–){_sp(0, 2)})?\d{{1,2}}[:.h]\d{{2}}(?:{_sp(0, 1)}(?:[ap]\.m\.|[ap]m))?"


_ROLES: Final = ("before", "before_only", "approx", "numw", "unit", "fused", "after", "now", "yday")


@cache
def _age_roles(langs: tuple[str, ...] | None = None) -> Mapping[str, Mapping[str, frozenset[str]]]:
    """For each role of an age phrase, word -> the languages that use it in that role
    (all languages, or only ``langs``)."""
    roles: dict[str, dict[str, set[str]]] = {role: {} for role in _ROLES}
    for lang, words in lexicon.age_lexicon().items():
        if langs is not None and lang not in langs:
            continue
        table = {
            "before": (*words.before, *words.before_optional),
            "before_only": words.before,
            "approx": words.approx,
            "numw": words.numbers,
            "unit": tuple(words.units),
            "fused": tuple(words.fused),
            "after": words.after,
            "now": words.now,
            "yday": words.yesterday,
        }
        for role, items in table.items():
            for item in items:
                roles[role].setdefault(item, set()).add(lang)
    return {role: {w: frozenset(langs) for w, langs in table.items()} for role, table in roles.items()}


@cache
def _age_core(langs: tuple[str, ...] | None = None) -> str:
    """One regex for the ages of every language; :func:`_is_age` then checks the words agree.

    ``[before] [approx] (count unit | count fused | unit) [after]``, or a
    "now" expression, or "yesterday" with an optional clock time.  A lookahead
    on the possible first characters lets the engine skip other positions.
    """
    r = _age_roles(langs)
    s = _sp(0, 3)

    def tail(k: str) -> str:
        return (
            f"(?:(?P<unit{k}>{_trie(r['unit'])})|(?P<fused{k}>{_trie(r['fused'])}))"
            f"(?:{s}(?P<after{k}>{_trie(r['after'])}))?"
        )

    # starting with a digit: "3 hours ago", "3時間前", "3 órája"
    from_digit = f"{_DIGITS}{s}{tail('_d')}"
    count = (
        rf"(?:(?:{_LB}(?P<approx>{_trie(r['approx'])}){s})?"
        rf"(?:{_DIGITS}|{_LB}(?P<numw>{_trie(r['numw'])})){s})"
    )
    from_word = (
        f"{_LB}(?P<now>{_trie(r['now'])})"
        f"|{_LB}(?P<yday>{_trie(r['yday'])})(?:{_CLOCK})?"
        f"|(?:(?P<before>{_trie(r['before'])}){s})?"
        f"(?:{count}{tail('')}|{_LB}(?P<unit0>{_trie(r['unit'])})(?:{s}(?P<after0>{_trie(r['after'])}))?)"
    )
    return f"(?:(?=\\d){from_digit}|(?!\\d)(?:{from_word})){_RB}"


@cache
def _age_tail_re(langs: tuple[str, ...] | None = None) -> re.Pattern[str]:
    return re.compile(f"(?P<age>{_age_core(langs)}){_TAIL_JUNK}", re.IGNORECASE)


#: Ages are looked for in the page's language and in English (sites in any
#: language print "3 hours ago" in widgets); a pattern for two languages
#: compiles in a millisecond, the one for all languages in ~30 ms.
AGE_FALLBACK_LANGUAGE: Final = "en"


@cache
def _age_languages(lang: str | None) -> tuple[str, ...] | None:
    if lang is None or lang not in lexicon.age_lexicon():
        return None
    return tuple(sorted({lang, AGE_FALLBACK_LANGUAGE}))


_SPACES: Final = re.compile(r"\s+")


def _word(m: re.Match[str], group: str) -> str | None:
    value = m.group(group)
    return None if value is None else _SPACES.sub(" ", str.lower(value)).strip()


_AGE_GROUPS: Final = (
    ("before", "before"),
    ("approx", "approx"),
    ("numw", "numw"),
    ("unit", "unit"),
    ("unit_d", "unit"),
    ("unit0", "unit"),
    ("fused", "fused"),
    ("fused_d", "fused"),
    ("after", "after"),
    ("after_d", "after"),
    ("after0", "after"),
)


def _is_age(m: re.Match[str]) -> bool:
    """Do the words of an age match belong together in one language?"""
    if m.group("now") is not None or m.group("yday") is not None:
        return True
    r = _age_roles()
    langs: frozenset[str] | None = None
    for group, role in _AGE_GROUPS:
        word = _word(m, group)
        if word is None:
            continue
        found = r[role].get(word, frozenset())
        langs = found if langs is None else langs & found
        if not langs:
            return False
    if not langs:
        return False
    if any(m.group(g) is not None for g in ("after", "after_d", "after0", "fused", "fused_d")):
        return True
    # a before-word that marks an age by itself ("vor", "il y a"), not Danish "for" without "siden"
    before = _word(m, "before")
    return before is not None and bool(langs & r["before_only"].get(before, frozenset()))


_AGE_WINDOW: Final = 160  # an age phrase is short: only the end of a line is searched

# ---------------------------------------------------------------------------
# a cheap test before the age regex: how an age can end
#
# The age regex is anchored at the end of the text (see _TAIL_JUNK) and an age
# only counts (_is_age) with an after-word ("ago"), a fused form ("órája"), a
# "now" or "yesterday" expression, or a before-word that marks an age by
# itself ("vor 3 Stunden"); "yesterday" may be followed by a clock time.  So a
# text whose last word (trailing punctuation aside) is none of these, and that
# ends with no digit or am/pm, holds no age: most lines are dismissed with one
# ``str.endswith`` instead of a search with the large regex.  Both sides are
# folded with lexicon.caseless, as the regex compares them (IGNORECASE).

_JUNK: Final = ".,;:·•|)]】"

#: How a clock time after "yesterday" can end (besides a digit): "3:45 p.m.".
_CLOCK_ENDINGS: Final = ("am", "pm", "a.m", "p.m")


def _strip_junk(text: str) -> str:
    while True:
        stripped = text.rstrip().rstrip(_JUNK)
        if stripped == text:
            return text
        text = stripped


@dataclass(frozen=True, slots=True)
class _AgeEndings:
    words: tuple[str, ...]  # the last words an age can end with
    last_chars: frozenset[str]  # their last characters
    yesterday: tuple[str, ...]  # a word of each "yesterday" expression
    yesterday_any: re.Pattern[str]  # any of them (a literal search: faster than a loop of "in")
    # ASCII letters that end no age word (in either case): a line ending with
    # one is dismissed at once (most lines)
    dismissed: frozenset[str]


@cache
def _age_endings(langs: tuple[str, ...] | None = None) -> _AgeEndings:
    """How an age can end, in ``langs`` (all languages: None)."""
    r = _age_roles(langs)
    words = [*r["after"], *r["fused"], *r["now"], *r["yday"]]
    if r["before_only"]:  # "vor 3 Stunden": then a unit can end the age
        words += r["unit"]
    endings = {_strip_junk(lexicon.caseless(word.split()[-1])) for word in words if word.split()}
    ordered = tuple(sorted(e for e in endings if e)) + _CLOCK_ENDINGS
    yesterday = {lexicon.caseless(max(word.split(), key=len)) for word in r["yday"] if word.split()}
    last_chars = frozenset(e[-1] for e in ordered)
    dismissed = frozenset(ch for ch in string.ascii_letters if lexicon.caseless(ch) not in last_chars)
    yesterday_any = re.compile("|".join(map(re.escape, sorted(yesterday))) or "(?!)")
    return _AgeEndings(ordered, last_chars, tuple(sorted(yesterday)), yesterday_any, dismissed)


def _may_end_with_age(s: str, langs: tuple[str, ...] | None) -> bool:
    endings = _age_endings(langs)
    last = s[-1:]
    if last in endings.dismissed:
        return False  # the common case, as below without the calls
    if not last or last in _JUNK or last.isspace():
        s = _strip_junk(s[-_AGE_WINDOW:])
        last = s[-1:]
        if not last:
            return False
    if last.isdigit():  # only "yesterday" with a clock time ends with a digit
        return endings.yesterday_any.search(lexicon.caseless(s[-_AGE_WINDOW:])) is not None
    folded = lexicon.caseless(last)
    if folded and folded[-1] not in endings.last_chars:
        return False  # the common case: the line's last letter ends no age word
    tail = _strip_junk(lexicon.caseless(s[-_AGE_WINDOW:]))
    return tail.endswith(endings.words)


@cache
def ages_never_end_with(lang: str | None = None) -> frozenset[str]:
    """ASCII letters that end no age :func:`parse_age` (same ``lang``) reads:
    a line ending with one holds no age (the first test of
    :func:`may_end_with_age`, for callers that run it on many lines)."""
    return _age_endings(_age_languages(lang)).dismissed


def may_end_with_age(line: str, *, lang: str | None = None) -> bool:
    """False when :func:`parse_age` (same ``lang``) surely finds no age in
    ``line``: a cheap test, for callers that have cheaper tests of their own to
    run before the parser."""
    return _may_end_with_age(line, _age_languages(lang))  # the test strips the end itself


def _may_end_with_clock_age(s: str, langs: tuple[str, ...] | None) -> bool:
    """After :func:`_may_end_with_age`: a text ending with "am"/"pm" (a time of
    day, "3:45 pm") and with no age word can only end with "yesterday" and a
    clock time, so it needs a "yesterday" word (as a digit ending does)."""
    endings = _age_endings(langs)
    tail = _strip_junk(lexicon.caseless(s[-_AGE_WINDOW:]))
    if not tail.endswith(_CLOCK_ENDINGS) or tail.endswith(endings.words[: -len(_CLOCK_ENDINGS)]):
        return True
    return endings.yesterday_any.search(tail) is not None


def _age_span(s: str, langs: tuple[str, ...] | None = None) -> tuple[int, int] | None:
    """Start and end of the relative age that ends ``s`` (trailing punctuation allowed)."""
    if not _may_end_with_age(s, langs) or not _may_end_with_clock_age(s, langs):
        return None
    pos = max(0, len(s) - _AGE_WINDOW)
    regex = _age_tail_re(langs)
    while pos < len(s):
        m = regex.search(s, pos)
        if m is None:
            return None
        if _is_age(m):
            return m.start("age"), m.end("age")
        pos = m.start() + 1
    return None


# ---------------------------------------------------------------------------
# the head before a tail date / age

_HEAD_SEPARATORS: Final = " \t·•|-–—:,;/"


def _plausible_head(head: str, *, glued: bool) -> bool:
    """Does ``head`` look like a source or label ("Axios", "By Jane Doe", "Updated")?"""
    h = head.rstrip(_HEAD_SEPARATORS)
    if not h or len(h) > 80 or not any(ch.isalpha() for ch in h):
        return False
    if h.endswith((".", "!", "?", "。", "؟", "！")) and not h.endswith("..."):
        return False
    words = h.split()
    if len(words) > 8:
        return False
    if glued or len(words) == 1:
        return True
    separated = head[len(h) :].strip() != ""
    cased = [w for w in words if any(ch.isalpha() and (ch.islower() or ch.isupper()) for ch in w)]
    if not cased:  # uncased scripts (Arabic, CJK ...): only short heads
        return len(words) <= 4 or separated
    if separated:
        return True
    # "By John Smith 3 hours ago" but not "He left the company 3 years ago"
    for w in cased:
        first = next(ch for ch in w if ch.isalpha())
        if first.islower() and str.lower(w) not in _LOWER_OK:
            return False
    return True


_LOWER_OK: Final = frozenset(
    {"by", "de", "da", "do", "di", "von", "van", "der", "den", "la", "le", "el", "al", "bin", "ibn"}
)


def parse_age(line: str, *, whole_line: bool = False, lang: str | None = None) -> str | None:
    """The relative time that makes up the line or ends it, exactly as written.

    ``"3 hours ago"``, ``"il y a 3 heures"``, ``"منذ 3 ساعات"``, ``"3時間前"``,
    ``"yesterday"``, ``"just now"`` ... are returned when they are the whole
    line.  Unless ``whole_line`` is set, an age at the end of a line is also
    returned when what precedes it looks like a source or a label: glued
    (``"Axios3 hours ago"``), one word (``"Updated 3 hours ago"``), set off by
    a separator (``"CNN · 2 hours ago"``) or a capitalised name (``"By Jane Doe
    3 hours ago"``); ``"He left the company 3 years ago."`` gives None.
    With ``lang`` (ISO 639-1), only that language's and English ages are read.
    """
    s = line.strip()
    if not s:
        return None
    span = _age_span(s, _age_languages(lang))
    if span is None:
        return None
    start, end = span
    if start == 0:
        return s[:end]
    if whole_line:
        return None
    head = s[:start]
    if not _plausible_head(head, glued=not head[-1].isspace()):
        return None
    return s[start:end]


#: A time of day after a relative time: "2 days ago at 07:52 am", "hier à
#: 14h30", "вчера в 12:05".  One short word may join them; the lookbehind
#: starts a match only at the first of a run of separators (linear search).
CLOCK_TAIL: Final = re.compile(r"(?<![\s,·|])[\s,·|]+(?:[^\W\d]{1,3}\s+)?\d{1,2}[:h.]\d{2}(?:\s?[aApP]\.?[mM]\.?)?$")

_CLOCK_ENDS: Final = frozenset("mM.")


def parse_age_at(line: str, *, lang: str | None = None) -> str | None:
    """The line when it is a relative time followed by a time of day ("2 days
    ago at 07:52 am", as comment threads print them), else None.  What
    precedes the time of day must be an age and nothing else (see
    :func:`parse_age`)."""
    s = line.strip()
    last = s[-1:]
    if not last.isdigit() and last not in _CLOCK_ENDS:
        return None  # a time of day ends with a digit, "am"/"pm" or "a.m."
    clock = CLOCK_TAIL.search(s)
    if clock is None:
        return None
    head = s[: clock.start()]
    return s if head and parse_age(head, lang=lang) == head else None


# ---------------------------------------------------------------------------
# absolute dates

_TZ_NAMES: Final = (
    "ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|AKST|AKDT|HST|BST|CET|CEST|EET|EEST|WET|WEST|"
    "MSK|IST|PKT|JST|KST|HKT|SGT|AEST|AEDT|ACST|AWST|NZST|NZDT|WIB|WITA|WIT|ICT|PHT|SAST|WAT|EAT|AST|ADT"
)
_TZ: Final = rf"(?-i:Z)|(?:UTC|GMT)(?:{_sp(0, 1)}[+\-−]\d{{1,2}}(?::?\d{{2}})?)?|[+\-−]\d{{2}}:?\d{{2}}|(?-i:{_TZ_NAMES})"
_AM: Final = r"[ap]\.m\.|[ap]m|[πμ]\.μ\.|[πμ]μ|ص|م|صباحا|صباحاً|مساء|مساءً|ق\.ظ|ب\.ظ"
_TIME: Final = (
    "(?P<time>"
    rf"(?:{_sp(0, 3)}(?:года|г\.|року|р\.|roku|r\.|godine|god\.){_RB})?"
    rf"{_sp(0, 3)}(?:,|at|à|a las|a la|às|as|alle|um|om|kl\.?|klo\.?|в|во|о|o|u|saat|lúc|vào lúc|في|الساعة|-|–|—|\||·|•|T)?{_sp(0, 3)}"
    rf"(?:(?P<ampm1>午前|午後|上午|下午|中午|晚上|早上|凌晨|오전|오후){_sp(0, 2)})?"
    rf"(?<!\d)(?P<hh>\d{{1,2}})(?:{_sp(0, 1)}[:hH.]{_sp(0, 1)}|{_sp(0, 1)}[時时시]{_sp(0, 1)})(?P<mm>\d{{2}})(?!\d)"
    rf"(?:{_sp(0, 1)}[分분])?(?::(?P<ss>\d{{2}})(?:[.,]\d{{1,9}})?)?"
    rf"(?:{_sp(0, 2)}(?P<ampm2>{_AM}){_RB})?"
    rf"(?:{_sp(0, 2)}(?P<tz>{_TZ}){_RB})?"
    rf"(?:{_sp(0, 2)}(?:Uhr|ч|uur){_RB})?"
    ")?"
)
# a clock time just before a date: "10:42 AM EST, Tue March 4, 2025", "14:30, 12 марта 2025"
_LEAD_TIME: Final = re.compile(
    rf"(?:(?P<ampm1>午前|午後|上午|下午|中午|晚上|早上|凌晨|오전|오후){_sp(0, 2)})?"
    rf"(?<!\d)(?P<hh>\d{{1,2}})[:.h](?P<mm>\d{{2}})(?::(?P<ss>\d{{2}}))?(?!\d)"
    rf"(?:{_sp(0, 2)}(?P<ampm2>{_AM}){_RB})?(?:{_sp(0, 2)}(?P<tz>{_TZ}){_RB})?"
    rf"{_sp(0, 2)}[,·|\-–—]?{_sp(0, 3)}(?:[^\W\d_]{{2,12}}\.?,?{_sp(1, 3)})?$",
    re.IGNORECASE,
)
_ORD: Final = r"(?:st|nd|rd|th)"
_TRAILER: Final = re.compile(r"[\s.,;:·•|)\]】]{0,6}")


@cache
def _month_names() -> tuple[str, ...]:
    """Month names for the name patterns (numeric CJK months have their own pattern)."""
    return tuple(name for name in lexicon.month_lexicon() if not name[0].isdigit())


@cache
def _month_trie() -> str:
    return _trie(_month_names())


#: A month name in the date patterns: any word of letters (or two, for names
#: such as "كانون الثاني"); the match is kept only when the lexicon knows the
#: word as a month (see :func:`_resolve`).  Spelling 842 month names out as a
#: regular expression cost ~80 ms to compile on every start of the CLI.
_MONTH_CHAR: Final = r"[^\s\d_,.;:!?()\[\]{}/\\|\-–—\"“”«»<>]"  # letters and combining marks (Thai, Hindi)
MONTH_WORD: Final = (
    rf"(?:[^\W\d_]{_MONTH_CHAR}{{0,15}}"  # "March", "марта", "มีนาคม"
    rf"|[^\W\d_]{_MONTH_CHAR}{{1,11}}\s{_MONTH_CHAR}{{2,12}}"  # "كانون الثاني"
    rf"|[^\W\d_]{_MONTH_CHAR}{{1,11}}\s\d{{1,2}})"  # "tháng 3"
)


@cache
def _date_cores() -> tuple[tuple[str, str], ...]:
    months = MONTH_WORD
    mon = f"(?P<mon>{months}){_RB}\\.?"
    # a month name starts a word, or follows a lowercase letter glued to it ("AxiosMarch 12, 2025")
    camel = r"(?=[^\W\d_])(?:(?<![^\W\d_])|(?-i:(?<=[a-zà-ÿ])(?=[A-ZÀ-Þ])))"
    s13, s03 = _sp(1, 3), _sp(0, 3)
    return (
        (
            "ymd",
            rf"(?<!\d)(?<!\d[.])(?P<y>\d{{4}})(?P<sep>[-/.]){_sp(0, 1)}(?P<m>\d{{1,2}})(?P=sep){_sp(0, 1)}"
            rf"(?P<d>\d{{1,2}})(?!\d)(?:\.(?!\d))?",
        ),
        (
            "numeric",
            r"(?<!\d)(?<!\d[-/.])(?P<a>\d{1,2})(?P<sep>[-/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4})(?!\d)",
        ),
        (
            "month_day",
            rf"{camel}{mon},?{s13}(?P<d>\d{{1,2}}){_ORD}?(?!\d),?{s13}(?P<y>\d{{4}})(?!\d)",
        ),
        (
            "day_month",
            rf"(?<!\d)(?P<d>\d{{1,2}})(?:{_ORD}|er|e|\.|º|ª|°)?{s03}"
            rf"(?:(?:de|of|du){_RB}{s13}|d['’]{_sp(0, 1)})?{mon}"
            rf"(?:{_sp(0, 2)}/{_sp(0, 2)}(?:{months}){_RB}\.?)?,?{s13}"
            rf"(?:(?:de|del|năm|of){_RB}{s13})?(?P<y>\d{{4}})(?!\d)",
        ),
        (
            "year_month_day",
            rf"(?<!\d)(?P<y>\d{{4}})\.{s13}{mon}{s13}(?P<d>\d{{1,2}})(?!\d)\.?",
        ),
        (
            "cjk",
            rf"(?<!\d)(?P<y>\d{{4}}){_sp(0, 2)}[年년]{_sp(0, 2)}(?P<m>\d{{1,2}}){_sp(0, 2)}[月월]{_sp(0, 2)}"
            rf"(?P<d>\d{{1,2}}){_sp(0, 2)}[日일号號](?:{_sp(0, 2)}[(（][^()（）\n]{{1,4}}[)）])?",
        ),
    )


@cache
def _date_res() -> tuple[tuple[str, re.Pattern[str]], ...]:
    return tuple((name, re.compile(core + _TIME, re.IGNORECASE)) for name, core in _date_cores())


#: Longest text in which a two-digit year (``31.10.23``) is read.
SHORT_DATE_CHARS: Final = 40

#: Every date pattern but the short one has a four-digit year: text without
#: four digits in a row is not searched (most lines of a page, cheaply).
FOUR_DIGITS: Final = re.compile(r"\d{4}")

#: In every pattern but the short one the year is a run of exactly four digits.
YEAR_RUN: Final = re.compile(r"(?<!\d)\d{4}(?!\d)")


def _date_candidates(text: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The patterns of :func:`_date_res` that can match ``text``, from what
    surrounds its years (a valid year, see :func:`_year`, and the character
    each pattern needs next to it):

    * ``ymd`` ("2025-03-12"): a separator ``-/.`` after the year;
    * ``numeric`` ("12/03/2025"): a separator before the year;
    * ``month_day`` ("March 12, 2025"): spaces before the year, and before
      them (a comma aside) the day or the end of its ordinal ("12th");
    * ``day_month`` ("12 March 2025"): spaces before the year;
    * ``year_month_day`` ("2025. március 12."): a dot after the year;
    * ``cjk`` ("2025年3月12日"): 年 or 년 after the year (spaces aside).

    The month-name patterns are the slow ones: most lines with a year ("©
    2025", "2025-03-12") skip them.
    """
    names: set[str] = set()
    for m in YEAR_RUN.finditer(text):
        if _year(int(m.group())) is None:
            continue
        start, end = m.span()
        after = text[end : end + 1]
        if after and after in "-/.":
            names.add("ymd")
            if after == ".":
                names.add("year_month_day")
        if text[end : end + 3].lstrip()[:1] in ("年", "년"):
            names.add("cjk")
        before = text[start - 1 : start]
        if before and before in "-/.":
            names.add("numeric")
        elif before.isspace():
            names.add("day_month")
            head = text[:start].rstrip()
            last = head[-2:-1] if head.endswith(",") else head[-1:]
            if last.isdigit() or last in ("t", "d", "h", "T", "D", "H"):  # "12", "1st", "2nd", "4th"
                names.add("month_day")
    if not names:
        return ()
    return _date_res_named(frozenset(names))


@cache  # per set of pattern names: at most 64
def _date_res_named(names: frozenset[str]) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The patterns of :func:`_date_res` called ``names``, in their order."""
    return tuple((name, regex) for name, regex in _date_res() if name in names)


@cache
def _short_date_res() -> tuple[tuple[str, re.Pattern[str]], ...]:
    core = r"(?<![\w.,])(?P<a>\d{1,2})\.(?P<b>\d{1,2})\.(?P<y>\d{2})(?!\d|[.,]\d)"
    return (("short", re.compile(core + _TIME, re.IGNORECASE)),)


def _month_number(raw: str, lang: str | None) -> int | None:
    return lexicon.month_number(raw, lang)


def _year(value: int) -> int | None:
    if 2443 <= value <= 2642:  # Thai Buddhist era
        value -= 543
    return value if 1900 <= value <= 2099 else None


_PM: Final = {"午後", "下午", "晚上", "오후"}
_AM_WORDS: Final = {"午前", "上午", "早上", "凌晨", "오전"}


def _offset(tz: str) -> timezone | None:
    t = tz.strip().upper().replace("−", "-")
    if t == "Z":
        return UTC
    if t.startswith(("UTC", "GMT")):
        t = t[3:].strip()
        if not t:
            return UTC
    m = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", t)
    if not m:
        return None
    hours, minutes = int(m.group(2)), int(m.group(3) or 0)
    if hours > 14 or minutes > 59:
        return None
    delta = timedelta(hours=hours, minutes=minutes)
    return timezone(-delta if m.group(1) == "-" else delta)


def _clock(m: re.Match[str]) -> tuple[int, int, int, timezone | None] | None:
    """(hour, minute, second, offset) of the match's time, None if absent or invalid."""
    if m.group("hh") is None:
        return None
    hour, minute = int(m.group("hh")), int(m.group("mm"))
    second = int(m.group("ss")) if m.group("ss") else 0
    ampm1 = m.group("ampm1")
    ampm2 = str.lower(m.group("ampm2") or "").replace(".", "")
    pm = ampm1 in _PM or ampm2 in {"pm", "μμ", "م", "مساء", "مساءً", "بظ"}
    am = ampm1 in _AM_WORDS or ampm2 in {"am", "πμ", "ص", "صباحا", "صباحاً", "قظ"}
    if ampm1 == "中午" and hour < 12:
        pm = True
    if (pm or am) and 1 <= hour <= 12:
        if pm and hour < 12:
            hour += 12
        elif am and hour == 12:
            hour = 0
    if hour > 23 or minute > 59 or second > 59:
        return None
    tz = _offset(m.group("tz")) if m.group("tz") else None
    return hour, minute, second, tz


def _resolve(name: str, m: re.Match[str], lang: str | None, month_first: bool) -> tuple[int, int, int] | None:
    raw = int(m.group("y"))
    y = (2000 + raw if raw < 70 else 1900 + raw) if name == "short" else _year(raw)
    if y is None:
        return None
    if name == "short":
        month, day = int(m.group("b")), int(m.group("a"))
    elif name == "numeric":
        a, b = int(m.group("a")), int(m.group("b"))
        day_first = (b, a) if 1 <= b <= 12 else None
        month_first_reading = (a, b) if 1 <= a <= 12 else None
        if month_first and month_first_reading and 1 <= b <= 31:
            month, day = month_first_reading
        elif day_first and 1 <= a <= 31:
            month, day = day_first
        elif month_first_reading:
            month, day = month_first_reading
        else:
            return None
    elif name in ("ymd", "cjk"):
        month, day = int(m.group("m")), int(m.group("d"))
    else:
        number = _month_number(m.group("mon"), lang)
        if number is None:
            return None
        month, day = number, int(m.group("d"))
    try:
        date(y, month, day)
    except ValueError:
        return None
    return y, month, day


def _to_iso(name: str, m: re.Match[str], lang: str | None, month_first: bool) -> tuple[int, str] | None:
    """(end of the matched text, ISO string) for a date match, None if it is not a real date."""
    ymd = _resolve(name, m, lang, month_first)
    if ymd is None:
        return None
    clock = _clock(m)
    if clock is None:
        end = m.start("time") if m.group("time") is not None else m.end()
        return end, date(*ymd).isoformat()
    hour, minute, second, tz = clock
    value = datetime(*ymd, hour, minute, second, tzinfo=tz)
    return m.end("time"), value.isoformat()


def _find(
    text: str, regexes: tuple[tuple[str, re.Pattern[str]], ...], lang: str | None, month_first: bool
) -> tuple[int, int, str] | None:
    best: tuple[int, int, str] | None = None
    for name, regex in regexes:
        pos = 0
        while (m := regex.search(text, pos)) is not None:
            if best is not None and m.start() > best[0]:
                break
            found = _to_iso(name, m, lang, month_first)
            if found is None:
                # Not a date ("Tue March" is no month): matches may overlap, so
                # look again from the next character, not after this match.
                pos = m.start() + 1
                continue
            end, iso = found
            if best is None or (m.start(), -end) < (best[0], -best[1]):
                best = (m.start(), end, iso)
            break
    return best


def find_date(
    text: str, *, lang: str | None = None, month_first: bool = False, whole_line: bool = False
) -> tuple[str, str] | None:
    """The first absolute date in ``text``: (matched text, ISO 8601 date or date-time).

    ``lang`` (ISO 639-1) decides month names that differ between languages
    (Croatian "listopad" is October, elsewhere November).  With ``whole_line``
    the date (with its time) must be all of the stripped text, trailing
    punctuation aside.  See the module docstring for the formats and rules.
    """
    s = text.strip() if whole_line else text
    if whole_line and (not s or len(s) > 120):
        return None
    best = _find(s, _date_candidates(s), lang, month_first) if FOUR_DIGITS.search(s) else None
    if best is None and len(s.strip()) <= SHORT_DATE_CHARS and "." in s:
        best = _find(s, _short_date_res(), lang, month_first)
    if best is None:
        return None
    start, end, iso = _with_lead_time(s, *best)
    if whole_line and (start != 0 or not _TRAILER.fullmatch(s, end)):
        return None
    return s[start:end], iso


def _with_lead_time(text: str, start: int, end: int, iso: str) -> tuple[int, int, str]:
    """Extend a date without a time to a clock time written just before it."""
    if "T" in iso:
        return start, end, iso
    offset = max(0, start - 60)
    m = _LEAD_TIME.search(text, offset, start)
    if m is None:
        return start, end, iso
    clock = _clock(m)
    if clock is None:
        return start, end, iso
    hour, minute, second, tz = clock
    day = date.fromisoformat(iso)
    value = datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=tz)
    return m.start(), end, value.isoformat()


#: Besides a digit, the last character of a date with its time, trailing
#: punctuation aside (folded with lexicon.caseless): a CJK day or minute sign,
#: a closing full-width bracket, the end of an am/pm word (a.m., πμ, ص, مساءً,
#: ق.ظ ...), of a time zone (Z, UTC, GMT, EST, MSK, WIB, WITA ...) or of
#: "Uhr", "ч", "uur".
_DATE_LAST_CHARS: Final = frozenset("日일号號）分분" + "mμصماًءظ" + "zctkba" + "rч")


#: The ASCII letters that can end a date (folded, in _DATE_LAST_CHARS), and
#: all the others: most lines end with a letter, decided by one set lookup.
_ASCII_LETTERS: Final = frozenset(string.ascii_letters)
_DATE_LAST_ASCII_LETTERS: Final = frozenset(c for c in _ASCII_LETTERS if str.lower(c) in _DATE_LAST_CHARS)


def _may_end_with_date(s: str) -> bool:
    last = s[-1:]
    if last in _ASCII_LETTERS:  # no trailing junk to strip; caseless(last) is last.lower()
        return last in _DATE_LAST_ASCII_LETTERS or "(" in s[-5:] or "（" in s[-5:]
    tail = _strip_junk(s[-_AGE_WINDOW:])
    last = tail[-1:]
    if not last:
        return False
    if last.isdigit() or "(" in tail[-5:] or "（" in tail[-5:]:  # a weekday in brackets: "日(水)"
        return True
    folded = lexicon.caseless(last)
    return not folded or folded[-1] in _DATE_LAST_CHARS


#: A date with its time is short: only the end of a line is searched for one.
_DATE_WINDOW: Final = 120


def _date_tail(s: str) -> tuple[int, int, str] | None:
    """Start, end and ISO value of the date (with its time) that ends ``s``."""
    best: tuple[int, int, str] | None = None
    offset = max(0, len(s) - _DATE_WINDOW)
    if not _may_end_with_date(s) or not FOUR_DIGITS.search(s, offset):
        return None
    for name, regex in _date_candidates(s):  # the patterns that can match (most lines: none)
        pos = offset
        while (m := regex.search(s, pos)) is not None:
            if best is not None and m.start() >= best[0]:
                break  # the earliest date that ends the line wins: this one would not
            pos = m.start() + 1  # matches may overlap (see _find)
            found = _to_iso(name, m, None, False)
            if found is None:
                continue
            end, iso = found
            if _TRAILER.fullmatch(s, end):
                best = (m.start(), end, iso)
                if best[0] == offset:
                    return best  # none can start earlier
                break
    return best


#: The characters that :func:`split_glued_source` tests a line's last one
#: against (trailing :data:`_JUNK` stripped): ASCII letters and punctuation.
_TESTED_LAST_CHARS: Final = [ch for ch in string.ascii_letters + string.punctuation if ch not in _JUNK]

#: Of those, the ones no date ends with (:func:`_may_end_with_date` fails on
#: a line ending with one, unless a "(" precedes it by at most four characters).
_NEVER_ENDS_DATE: Final = frozenset(
    ch
    for ch in _TESTED_LAST_CHARS
    if ch not in "(（" and (folded := lexicon.caseless(ch)) and folded[-1] not in _DATE_LAST_CHARS
)


@cache
def _never_ends_age(langs: tuple[str, ...] | None) -> frozenset[str]:
    """Of :data:`_TESTED_LAST_CHARS`, the ones no age in ``langs`` ends with
    (:func:`_may_end_with_age` fails on a line ending with one)."""
    last_chars = _age_endings(langs).last_chars
    return frozenset(
        ch for ch in _TESTED_LAST_CHARS if (folded := lexicon.caseless(ch)) and folded[-1] not in last_chars
    )


@cache
def _glued_never_ends_with(lang: str | None) -> frozenset[str]:
    """Characters a line ending with which has no glued source (in ``lang``):
    neither a date nor an age ends with them (see :func:`split_glued_source`)."""
    return _NEVER_ENDS_DATE & _never_ends_age(_age_languages(lang))


def may_be_glued(line: str, *, lang: str | None = None) -> bool:
    """False when :func:`split_glued_source` (same ``lang``) surely returns
    None: the line ends with a character that ends neither a date nor an age
    (and has no "(" among its last five characters).  One set lookup, for
    callers that test many lines; most lines fail it."""
    return line[-1:] not in _glued_never_ends_with(lang) or "(" in line[-5:] or "（" in line[-5:]


#: Where a date can start right after a character that is not a space (so
#: touching a source): a digit after a non-digit, a letter after a non-letter
#: or a lowercase-uppercase step (the starts the date patterns allow, see
#: the ``camel`` rule of :func:`_date_cores`).
GLUED_DATE_START: Final = re.compile(r"(?<=\S)(?:(?<!\d)\d|(?<![^\W\d_])[^\W\d_]|(?<=[a-zà-ÿ])[A-ZÀ-Þ])")


def _may_start_glued_date(s: str) -> bool:
    """Can a date that :func:`_date_tail` finds in ``s`` start right after a
    non-space character?  Every date holds a year (a run of exactly four
    digits) at or after its start, so only the text up to the last year's
    first digit is searched for such a start."""
    offset = max(0, len(s) - _DATE_WINDOW)
    last_year = -1
    for m in YEAR_RUN.finditer(s, offset):
        last_year = m.start()
    return last_year >= 0 and GLUED_DATE_START.search(s, max(1, offset), last_year + 1) is not None


def split_glued_source(line: str, *, lang: str | None = None) -> tuple[str, str, str] | None:
    """Split a source name glued to a date or an age: ``"Axios12-03-2025"``.

    Returns ``(source, tail, iso)`` where ``tail`` is the date or age exactly
    as written and ``iso`` the ISO 8601 value of a date ("" for an age):
    ``"Reuters2 days ago"`` -> ``("Reuters", "2 days ago", "")``.  The tail
    must run to the end of the line and be a full date or age, and it must
    touch the source with no space between; otherwise None (``"COVID19
    cases"``, ``"Axios 3 hours ago"``, a line that is only a date).
    """
    s = line.strip()
    if not s or len(s) > 200:
        return None
    return _glued_and_age(s, _age_languages(lang))[0]


def glued_source_or_age(line: str, *, lang: str | None = None) -> tuple[tuple[str, str, str] | None, str | None]:
    """``split_glued_source(line)``, and the stripped line when it is one
    relative age and nothing else (``parse_age(line) == line.strip()``), else
    None: for a line that may be either, with one search for the age."""
    s = line.strip()
    if not s:
        return None, None
    langs = _age_languages(lang)
    glued, aged = (None, _age_span(s, langs)) if len(s) > 200 else _glued_and_age(s, langs)
    return glued, s if aged == (0, len(s)) else None


def _glued_and_age(s: str, langs: tuple[str, ...] | None) -> tuple[tuple[str, str, str] | None, tuple[int, int] | None]:
    """:func:`split_glued_source` of a stripped line (at most 200 characters),
    and the age that ends it (:func:`_age_span`), found on the way."""
    # The first tests of _date_tail and _age_span, on the line's last
    # character (trailing punctuation aside) and its years, done once here:
    # most lines end with a letter that ends neither a date nor an age.
    tail = _strip_junk(s[-_AGE_WINDOW:]) if s[-1] in _JUNK else s
    if not tail:
        return None, None
    last = tail[-1]
    may_be_dated = (
        last not in _NEVER_ENDS_DATE or "(" in tail[-5:] or "（" in tail[-5:]
    ) and FOUR_DIGITS.search(s, max(0, len(s) - _DATE_WINDOW)) is not None
    may_be_aged = last not in _never_ends_age(langs)
    if not may_be_dated and not may_be_aged:
        return None, None  # most lines
    aged = _age_span(s, langs) if may_be_aged else None
    if may_be_dated and aged is None and not _may_start_glued_date(s):
        # The date that ends the line, if any, starts it or follows a space:
        # it would be refused, and with no age either the answer is None.
        may_be_dated = False
    dated = _date_tail(s) if may_be_dated else None
    if aged is None:
        if dated is None:
            return None, None  # most lines: neither a date nor an age ends them
        candidates = [dated]
    else:
        candidates = sorted([(aged[0], aged[1], ""), dated]) if dated is not None else [(*aged, "")]
    for start, end, iso in candidates:
        if start == 0:
            return None, aged
        head = s[:start]
        if head[-1].isspace() or not _plausible_head(head, glued=True):
            continue
        return (head.rstrip(_HEAD_SEPARATORS), s[start:end], iso), aged
    return None, aged


def patterns() -> tuple[re.Pattern[str], ...]:
    """Every compiled regex of this module (for the backtracking-safety test)."""
    dated = (*_date_res(), *_short_date_res())
    return (_age_tail_re(), _TRAILER, _LEAD_TIME, GLUED_DATE_START, *(regex for _, regex in dated))


class DocumentDates:
    """:func:`find_date`, :func:`parse_age` and :func:`split_glued_source`
    with their answers kept, for one document.

    The text path parses a dateline or an age when it classifies the line
    and again when it reads the article header, a comment header or a teaser
    (and a page repeats such lines); one instance per document answers the
    repeats from a dict.  Every argument is part of the key, so calls with
    different arguments are never conflated.  Create one per document and
    drop it with the document: nothing is kept across documents.
    (:func:`parse_age_at` is not kept: it dismisses most lines by their last
    character, faster than a lookup.)
    """

    __slots__ = ("_ages", "_dates", "_glued", "_plain_dates")

    def __init__(self) -> None:
        self._plain_dates: dict[str, tuple[str, str] | None] = {}  # find_date(text), the text path's only call
        self._dates: dict[tuple[str, str | None, bool, bool], tuple[str, str] | None] = {}
        self._ages: dict[tuple[str, bool, str | None], str | None] = {}
        self._glued: dict[tuple[str, str | None], tuple[str, str, str] | None] = {}

    def find_date(
        self, text: str, *, lang: str | None = None, month_first: bool = False, whole_line: bool = False
    ) -> tuple[str, str] | None:
        if lang is None and not month_first and not whole_line:
            plain = self._plain_dates
            if text in plain:
                return plain[text]
            found = plain[text] = find_date(text)
            return found
        key = (text, lang, month_first, whole_line)
        memo = self._dates
        if key in memo:
            return memo[key]
        found = memo[key] = find_date(text, lang=lang, month_first=month_first, whole_line=whole_line)
        return found

    def parse_age(self, line: str, *, whole_line: bool = False, lang: str | None = None) -> str | None:
        key = (line, whole_line, lang)
        memo = self._ages
        if key in memo:
            return memo[key]
        age = memo[key] = parse_age(line, whole_line=whole_line, lang=lang)
        return age

    def split_glued_source(self, line: str, *, lang: str | None = None) -> tuple[str, str, str] | None:
        key = (line, lang)
        memo = self._glued
        if key in memo:
            return memo[key]
        glued = memo[key] = split_glued_source(line, lang=lang)
        return glued

    def glued_source_or_age(
        self, line: str, *, lang: str | None = None
    ) -> tuple[tuple[str, str, str] | None, str | None]:
        """:func:`glued_source_or_age`; its first half is kept as the line's
        :meth:`split_glued_source`."""
        glued, age = glued_source_or_age(line, lang=lang)
        self._glued[line, lang] = glued
        return glued, age
