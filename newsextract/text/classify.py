"""Line classification, in the spirit of jusText: each line is labelled on its
own from its features, and the labels are then used by the region finder
(:mod:`.article`) and the section parsers.

Labels
------
``good``      prose: long enough, with enough stopwords for the language;
``near``      medium-length prose;
``short``     too short to judge alone (headings, list items, names, menus);
``bad``       long but without the stopwords of prose (link lists, keyword soups);
``chrome``    site furniture matched by name (share bars, newsletter boxes,
              cookie notices, copyright lines, captions' credit lines);
``meta``      a date, an age ("3 hours ago") or a byline;
``read_also`` an in-body teaser insert ("Read also: ...");
``comments``, ``related``, ``tags``: headings that open those sections;
``no_comments``: the line saying an existing comments section is empty.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final

from .. import dates, lexicon
from .features import CJK_CHAR, Profile
from .lines import Line

# Thresholds, in effective characters (see features.effective_length) and in
# stopword density.  Set on the aeb-text-dev innertext/w3m dumps: jusText's
# defaults (70/200, 0.30/0.32) assume its long stopword lists; ours are the
# 150-250 most frequent function words, which cover a little less of a text.
LENGTH_LOW: Final = 70
LENGTH_HIGH: Final = 200
STOPWORDS_LOW: Final = 0.22
STOPWORDS_HIGH: Final = 0.28

#: Without a stopword list for the language, a line is prose when it is long
#: and ends like a sentence.
NO_STOPWORDS_DENSITY: Final = 0.3

#: A line made of several short items separated by pipes or bullets is a menu.
MENU_SEPARATORS: Final = re.compile(r"\s[|•·/»]\s")

#: "© 2025 ...", "Copyright 2019", "All rights reserved" in any position.
COPYRIGHT: Final = re.compile(r"(?:^|\s)(?:©|\(c\)|copyright\b)", re.IGNORECASE)

#: Bylines often carry a date after a separator: "By Jane Doe | March 3, 2025".
#: (`(?:(?<!\s)|(?!\s))`: a linear-time search over long runs of spaces, see TAG_SEPARATORS.)
BYLINE_SPLIT: Final = re.compile(r"(?:(?<!\s)|(?!\s))(?:\s+[|·•—–]\s+|\s+-\s+)")

#: The longest line that can be a byline, a dateline or a section heading.
MAX_META_CHARS: Final = 160
#: The longest line that can be a relative time alone ("il y a 3 heures").
MAX_AGE_CHARS: Final = 40
#: ... and followed by a time of day ("... at 12:00 pm").
MAX_AGE_AT_CHARS: Final = MAX_AGE_CHARS + len(" at 12:00 pm")


def is_menu(line: Line) -> bool:
    text = line.text
    if "|" not in text and "/" not in text and "•" not in text and "·" not in text and "»" not in text:
        return False  # no separator of MENU_SEPARATORS
    parts = MENU_SEPARATORS.split(text)
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


#: Stopword density of ordinary prose with our lists, for the languages the
#: thresholds were set on (English, Portuguese, Russian prose: 0.35-0.50).
TYPICAL_PROSE_DENSITY: Final = 0.40

#: Languages that glue articles and prepositions to words (Arabic "وال",
#: "بال") or have few free function words show lower densities in prose.
#: The thresholds are scaled by the document's own prose density, never below
#: this share of their value.
MIN_DENSITY_SCALE: Final = 0.4


def density_scale(lines: list[Line]) -> float:
    """Scale for the stopword thresholds: the median density of the
    document's long lines relative to typical prose (capped at 1)."""
    long_lines = sorted([ln.density for ln in lines if ln.length >= LENGTH_HIGH])  # (a list sorts in place)
    if len(long_lines) < 3:
        return 1.0
    median = long_lines[len(long_lines) // 2]
    return max(MIN_DENSITY_SCALE, min(1.0, median / TYPICAL_PROSE_DENSITY))


def content_class(line: Line, profile: Profile, scale: float = 1.0) -> str:
    """jusText's core rule: length and stopword density."""
    if line.length < LENGTH_LOW:
        return "short"
    if not profile.has_stopwords and not profile.unspaced:
        density = NO_STOPWORDS_DENSITY if line.sentence else 0.0
    else:
        density = line.density
    if density >= STOPWORDS_HIGH * scale:
        return "good" if line.length >= LENGTH_HIGH or line.sentence else "near"
    if density >= STOPWORDS_LOW * scale:
        return "near"
    return "bad"


#: What may follow a read-also prefix: a separator, so that "Lire aussi : X"
#: or "READ MORE - X" is an insert while "Les ..." or "More than ..." (prefixes
#: that are also ordinary words) start ordinary sentences.
READ_ALSO_SEPARATOR: Final = re.compile(r"^\s*[:：\-–—|»›>]")

#: Photo credits: the line before one is the photo's caption.
CREDIT_PREFIX: Final = "credit_prefix"


#: A credit is short: "Photo: Jane Doe / Agency", "Foto von X", "写真：共同".
MAX_CREDIT_WORDS: Final = 12
CREDIT_SEPARATOR: Final = re.compile(r"^\s*[:：/|©(]")


def is_credit(line: Line) -> bool:
    """A photo credit line; "Video shows ..." (a sentence) is not one."""
    text = line.text
    prefix = lexicon.starts_with_phrase(text, CREDIT_PREFIX)
    if not prefix:
        return False
    if CREDIT_SEPARATOR.match(_after_words(text, len(prefix.split()))):
        return True
    return len(text.split()) <= MAX_CREDIT_WORDS and not line.sentence


def _after_words(text: str, n: int) -> str:
    """``text`` after its first ``n`` words (separators stay)."""
    pos = 0
    for _ in range(n):
        m = PREFIX_WORD.match(text, pos)
        if not m:
            return ""
        pos = m.end()
    return text[pos:]


PREFIX_WORD: Final = re.compile(r"\s*[^\s:：\-–—|»›>]+")


#: Categories matched as whole lines and as line starts, in one pass per line.
WHOLE_LINE: Final = ("comments_heading", "related_heading", "tags_heading", "chrome_line", "comment_form")
PREFIXES: Final = ("no_comments", "related_heading_prefix", "read_also_prefix", "chrome_prefix", CREDIT_PREFIX, "byline_prefix")

#: A heading that trails off ("You may also like...", "Você pode gostar…") ends
#: like a sentence but is still a heading.
TRAILING_OFF: Final = ("...", "…")

#: The headings that may carry a count ("Comments (12)", "12 Related").
COUNTED_HEADINGS: Final = ("comments_heading", "related_heading")

#: Digits (any script): a counted heading ("Comments (12)") or a date needs one.
DIGIT: Final = re.compile(r"\d")


def marker_label(
    line: Line,
    match: lexicon.LineMatcher | None = None,
    page: PageWords | None = None,
    found: lexicon.LineMatch | None = None,
    memo: dates.DocumentDates | None = None,
) -> tuple[str, str] | None:
    """Labels that come from what a line *says* (lexicon matches).

    The rules are tried in this order; the expensive ones (regular
    expressions, the date and age parsers) only after a cheap test that the
    line can match at all.  ``page`` is :func:`page_words` of the line's
    document (default: every word); ``found`` the line's match, when the
    caller matched many lines at once; ``memo`` keeps the date and age
    parsers' answers for the document's later stages.
    """
    text = line.text
    memo = memo or dates.DocumentDates()
    m = found if found is not None else (match or lexicon.line_matcher(WHOLE_LINE, PREFIXES))(text)
    words = page or _all_words()
    # The common line: no lexicon phrase, and nothing the character- and
    # word-based rules need (see PageWords.triggers); only the age and
    # form-field rules are left.
    quiet = len(text) <= MAX_META_CHARS and m is lexicon.NO_MATCH and text.isascii()
    if quiet and words.triggers.search(str.lower(text)) is None:
        return _quiet_label(line, memo)
    return _said_label(line, m, words, memo)


def _said_label(
    line: Line, m: lexicon.LineMatch, words: PageWords, memo: dates.DocumentDates
) -> tuple[str, str] | None:
    """:func:`marker_label` of a line that is not quiet."""
    text = line.text
    whole, prefix = m.whole, m.prefixes
    if len(text) > MAX_META_CHARS:
        if _read_also(text, m):
            return "read_also", "read-also prefix"
        if "chrome_prefix" in prefix:
            return "chrome", "chrome prefix"
        return None
    # lexicon.is_phrase in parts: the whole line is a phrase (the matcher
    # knows), a phrase with a count (needs a digit), or "More from Politics"
    # (needs a related_heading_prefix).
    has_digit = DIGIT.search(text) is not None
    # lexicon.is_counted_phrase for both headings: the line without its count, once
    counted = lexicon.counted_phrase(text, COUNTED_HEADINGS) if has_digit else None
    if "comments_heading" in whole or (counted is not None and counted in lexicon.phrases("comments_heading")):
        return "comments", "comments heading"
    if "no_comments" in prefix:
        return "no_comments", "empty-comments notice"
    if (not line.sentence or text.endswith(TRAILING_OFF)) and (
        "related_heading" in whole
        or (counted is not None and counted in lexicon.phrases("related_heading"))
        or ("related_heading_prefix" in prefix and lexicon.is_phrase(text, "related_heading"))
    ):
        return "related", "related heading"
    if "tags_heading" in whole:
        return "tags", "tags heading"
    if "read_also_prefix" in prefix and _read_also(text, m):
        return "read_also", "read-also prefix"
    if CREDIT_PREFIX in prefix and is_credit(line):
        return "chrome", "photo credit"
    if "chrome_line" in whole:
        return "chrome", "chrome phrase"
    if "chrome_prefix" in prefix:
        return "chrome", "chrome prefix"
    if is_copyright(text):
        return "chrome", "copyright"
    if "comment_form" in whole:
        return "form", "comment-form phrase"
    if len(text) <= MAX_AGE_CHARS and _is_age(text, line.lang, has_digit, memo):
        return "meta", "age"
    if has_digit and len(text) <= MAX_AGE_AT_CHARS and dates.parse_age_at(text, lang=line.lang):
        return "meta", "age"
    if has_digit and not line.sentence:  # a sentence is no dateline: no need to find its date
        dated = memo.find_date(text)
        if dated and len(text) - len(dated[0]) <= 40:
            return "meta", "date"
    if "byline_prefix" in prefix and len(text.split()) <= 12 and not line.sentence:
        return "meta", "byline"
    if is_menu(line):
        return "chrome", "menu"
    if "[" in line.raw and FORM_FIELD.search(line.raw):
        return "chrome", "form field"
    if has_chrome_word(line, words):
        return "chrome", "chrome word"
    return None


def _may_be_copyright(text: str) -> bool:
    """False when :func:`is_copyright` surely is, without lowercasing the line:
    it needs "©", "(" or "copyright" in ``lexicon.caseless(text)``, and only
    "h" and "H" lowercase (and fold) to a string holding an "h" (checked over
    every code point).  Most non-ASCII lines (Cyrillic, Arabic, CJK) hold none."""
    return "h" in text or "H" in text or "(" in text or "©" in text


def _quiet_label(line: Line, memo: dates.DocumentDates) -> tuple[str, str] | None:
    """:func:`marker_label` of a short line that no lexicon phrase matches and
    that holds none of its page's triggers (PageWords.triggers): only the age
    and form-field rules can label it."""
    text = line.text
    if len(text) <= MAX_AGE_CHARS and _is_age(text, line.lang, False, memo):
        return "meta", "age"
    if "[" in line.raw and FORM_FIELD.search(line.raw):
        return "chrome", "form field"
    return None


def _is_age(text: str, lang: str | None, has_digit: bool, memo: dates.DocumentDates) -> bool:
    """The whole line is a relative time ("3 hours ago", "il y a 2 jours")."""
    return (
        text[-1:] not in dates.ages_never_end_with(lang)  # may_end_with_age's first test, without the call
        and dates.may_end_with_age(text, lang=lang)
        and may_be_age(text, has_digit)
        and memo.parse_age(text, lang=lang) == text.strip()
    )


#: What a lowercase ASCII line needs for any rule of :func:`marker_label`
#: that reads characters or words rather than lexicon phrases: a digit
#: (counted headings, dates), "(" or "copyright" (:func:`is_copyright`; "©"
#: is not ASCII), a separator of MENU_SEPARATORS ("|", "/"), or an ASCII
#: chrome word (:func:`has_chrome_word`).
TRIGGER_CHARS: Final = "[0-9(|/]"


@dataclass(frozen=True, slots=True)
class PageWords:
    """Searches for the words of :func:`_trigger_words` that a page's short
    ASCII lines hold (a search for a few words is several times faster than
    for all of them; a page names newsletters and cookies in a few lines, if
    at all).  The lines are searched lowercase: IGNORECASE makes a search
    several times slower."""

    triggers: re.Pattern[str]  # TRIGGER_CHARS or one of the words
    chrome: re.Pattern[str] | None  # one of the chrome words; None: the page has none


@cache
def _trigger_words() -> tuple[str, ...]:
    return ("copyright", *(w for w in lexicon.phrases("chrome_word") if w.isascii()))


def _any_of(words: Iterable[str]) -> str:
    return "|".join(map(re.escape, sorted(words, key=len, reverse=True)))


@lru_cache(maxsize=256)  # per set of words found on a page: a handful in practice
def _page_words(words: tuple[str, ...]) -> PageWords:
    chrome = [w for w in words if w != "copyright"]
    return PageWords(
        triggers=re.compile("|".join([TRIGGER_CHARS, _any_of(words)]) if words else TRIGGER_CHARS),
        chrome=re.compile(_any_of(chrome)) if chrome else None,
    )


def _all_words() -> PageWords:
    return _page_words(_trigger_words())


def page_words(lines: list[Line]) -> PageWords:
    """The :class:`PageWords` of a document's lines: ``str.__contains__`` over
    its short ASCII lines, once, is faster than any search per line."""
    short = [t for t in (ln.text for ln in lines) if len(t) <= MAX_META_CHARS and t.isascii()]
    blob = str.lower("\n".join(short))
    return _page_words(tuple(w for w in _trigger_words() if w in blob))


def is_copyright(text: str) -> bool:
    """A copyright line ("© 2025 ...", "(c) 2019", "Copyright ...")."""
    if not _may_be_copyright(text):
        return False  # (without lowercasing the line)
    if "©" not in text and "(" not in text and "copyright" not in lexicon.caseless(text):
        return False  # what COPYRIGHT needs is not there
    return COPYRIGHT.search(text) is not None


@cache
def _age_anchors() -> tuple[frozenset[str], tuple[str, ...]]:
    """Words without which a line holding no digit cannot be a relative time
    ("ago", "il y a", "منذ", "yesterday", ...): spaced words as a set, words
    of unspaced scripts ("昨日", "방금") as substrings."""
    words: set[str] = set()
    unspaced: set[str] = set()
    for age in lexicon.age_lexicon().values():
        phrases = [*age.before, *age.after, *age.before_optional, *age.now, *age.yesterday, *age.fused]
        for phrase in phrases:
            for word in phrase.split():
                (unspaced if CJK_CHAR.search(word) else words).add(str.lower(word))
    return frozenset(words), tuple(sorted(unspaced))


def may_be_age(text: str, has_digit: bool) -> bool:
    """A cheap gate before the age parser's large regular expression."""
    if has_digit:
        return True
    words, unspaced = _age_anchors()
    if not words.isdisjoint(WORD.findall(str.lower(text))):
        return True
    return not text.isascii() and any(a in text for a in unspaced)


def _read_also(text: str, m: lexicon.LineMatch) -> bool:
    prefix = m.prefixes.get("read_also_prefix")
    return prefix is not None and bool(READ_ALSO_SEPARATOR.match(_after_words(text, len(prefix.split()))))


#: A text browser's form field or button inside a line: "Email [          ] [Sign up]".
FORM_FIELD: Final = re.compile(r"\[\s{1,80}\]|\[(?:x|X|\*|\s)\]\s|\[[^\[\]]{1,30}\]\s*$")

#: The most words a line can have and still be chrome for a word it holds.
MAX_CHROME_WORD_LINE: Final = 8
WORD: Final = re.compile(r"\w[\w-]*")


def has_chrome_word(line: Line, page: PageWords | None = None) -> bool:
    """ "Get the Observer Science newsletter": a short line naming a newsletter,
    a subscription or cookies is a promo, whatever the rest says.  ``page``:
    :func:`page_words` of the line's document (default: every word)."""
    if line.sentence:
        return False
    text = line.text
    # An ASCII line normalizes to its lowercase with spaces collapsed: a chrome
    # word among its words is a substring of it, and only ASCII words can be.
    if text.isascii():
        ascii_words = (page or _all_words()).chrome
        if ascii_words is None or ascii_words.search(str.lower(text)) is None:
            return False
    words = WORD.findall(lexicon.normalize(line.text))
    if not words or len(words) > MAX_CHROME_WORD_LINE:
        return False
    return not lexicon.phrases("chrome_word").isdisjoint(words)


#: The longest caption recognised by the credit line after it.
MAX_CAPTION_CHARS: Final = 400


#: The mark of a photo credit: only a line just above one can be a caption.
PHOTO_CREDIT: Final = ("chrome", "photo credit")


def classify(lines: list[Line], profile: Profile, memo: dates.DocumentDates | None = None) -> None:
    """Label every line; ``memo`` (one per document) keeps what the date and
    age parsers said about the lines, for the later stages to reuse."""
    memo = memo or dates.DocumentDates()
    scale = density_scale(lines)
    language = profile.language
    # A page repeats lines (menus, "Reply", "Share"): what a line says is read
    # once per distinct line.  marker_label reads only the line's clean text,
    # its sentence end (from the text), the language, and the raw line only
    # when it holds a "[" (FORM_FIELD).  So a line in the document's language
    # without "[" (nearly all) is keyed by its text alone, a str, whose hash
    # is cached (a tuple's is computed at each lookup); the others by
    # (text, language, raw line or ""), which never equals a str.
    keys: list[str | tuple[str, str | None, str]] = [
        ln.text if ln.lang == language and "[" not in ln.raw else (ln.text, ln.lang, ln.raw if "[" in ln.raw else "")
        for ln in lines
    ]
    distinct = dict(zip(keys, lines, strict=True))
    match = lexicon.line_matcher(WHOLE_LINE, PREFIXES)
    page = page_words(list(distinct.values()))
    # a line longer than MAX_META_CHARS is read for its prefixes only (_said_label)
    found = match.many([ln.text for ln in distinct.values()], prefixes_only_over=MAX_META_CHARS)
    marks: dict[str | tuple[str, str | None, str], tuple[str, str] | None] = {}
    search = page.triggers.search
    never_age = dates.ages_never_end_with(language)
    no_match = lexicon.NO_MATCH  # (a local name: read per distinct line)
    for (key, line), m in zip(distinct.items(), found, strict=True):
        text = line.text
        if m is not no_match or not text.isascii() or search(str.lower(text)) is not None:
            marks[key] = _said_label(line, m, page, memo)  # marker_label, its quiet test done
        elif "[" not in line.raw and (
            len(text) > MAX_AGE_CHARS or (line.lang == language and text[-1:] in never_age)
        ):
            marks[key] = None  # a quiet line that can be neither a form field nor an age (_quiet_label)
        else:
            # what marker_label would return, without its tests (a long line's form field is not read)
            marks[key] = (
                _quiet_label(line, memo) if len(text) <= MAX_META_CHARS else _said_label(line, m, page, memo)
            )
    # (the marks looked up in C, in line order)
    for line, marked in zip(lines, map(marks.__getitem__, keys), strict=True):
        if marked:
            line.label, line._reason = marked  # the reason's setter, without the call
        elif line.length < LENGTH_LOW:
            line.label = "short"  # content_class's first rule, without the call (most lines)
        else:
            line.label = content_class(line, profile, scale)  # reason: see Line.reason
    # Only a line marked here is labelled chrome (yet): without a photo
    # credit among the marks (most pages), mark_captions finds nothing.
    if PHOTO_CREDIT in marks.values():
        mark_captions(lines)
    mark_repeats(lines)


#: How close (in lines) a repeat of a long line must follow it to be an echo.
REPEAT_WINDOW: Final = 2


def mark_repeats(lines: list[Line]) -> None:
    """A long line that repeats one of the :data:`REPEAT_WINDOW` lines just
    above it is an echo, not prose: text browsers print a linked teaser's
    title twice (the image link, then the text link), and carousels alternate
    one caption with the teaser titles.  A story does not say the same
    paragraph twice in a row; repeats far apart (an interview asking each
    guest the same question) stay prose."""
    last: dict[str, int] = {}
    for i, line in enumerate(lines):
        if line.length < LENGTH_LOW or line.label not in ("good", "near", "bad"):
            continue
        j = last.get(line.text)
        last[line.text] = i
        if j is not None and i - j <= REPEAT_WINDOW:
            line.label, line.reason = "chrome", "repeated line"


def mark_captions(lines: list[Line]) -> None:
    """A photo caption is the line just above its credit ("Foto: X / Agency")."""
    for prev, line in itertools.pairwise(lines):
        if (
            line.label == "chrome"
            and line.reason == "photo credit"
            and prev.label in ("good", "near", "short", "bad")
            and prev.length <= MAX_CAPTION_CHARS
            and line.blank_before == 0
        ):
            prev.label, prev.reason = "chrome", "caption (credit below)"
