"""The article: its region, title, byline/date and body blocks.

The body is the contiguous run of lines with the highest total score (a
maximum-sum subarray): prose lines score by their length, chrome and section
lines cost, so menus, footers, comments and teaser lists fall outside while
short headings, list items and an ad label *inside* the story are bridged.
This is the "longest block of long lines" idea made tolerant of interruptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

from .. import dates, lexicon
from ..model import Block
from .classify import BYLINE_SPLIT, LENGTH_LOW
from .lines import INDENT_STEP, Line

# -- Region scores.  Each constant is the score of one line of that kind; set
# on aeb-text-dev so that a typical story (10+ paragraphs of 200-600 chars)
# outweighs any menu, teaser list or comment thread around it.

#: Prose: one point per 100 effective characters.
GOOD_PER_CHAR: Final = 1 / 100
NEAR_PER_CHAR: Final = 1 / 250
#: A short line that reads like a sentence ("He declined to comment.").
SHORT_SENTENCE: Final = 0.1
#: A short line without sentence punctuation: a heading inside the story, or
#: one of the hundred items of a menu.
SHORT_OTHER: Final = -0.4
BAD_BASE, BAD_PER_CHAR = -0.5, -1 / 200
BAD_SENTENCE_PER_CHAR: Final = 1 / 500
CHROME: Final = -1.0
META: Final = -0.3
FORM: Final = -1.0
ZONE_BASE, ZONE_PER_CHAR = -1.5, -1 / 100

#: Prose right below a byline or dateline is where stories start: a short
#: story under its byline beats a longer "About us" blurb in the footer.
BYLINE_START_BONUS: Final = 3.0
BYLINE_START_REACH: Final = 3

#: The smallest region score that is an article (one 200-character paragraph).
MIN_ARTICLE_SCORE: Final = 2.0

#: How far above the body the title is looked for (lines).
TITLE_WINDOW: Final = 15
#: Headline length bounds (effective characters).
TITLE_MIN, TITLE_MAX, TITLE_LONG = 8, 300, 150
#: The labels a headline can have.
TITLE_LABELS: Final = frozenset({"short", "near", "good", "bad"})

#: Photo captions end with a credit in brackets: "(Bernat Armangue/AP)".
CAPTION_CREDIT: Final = re.compile(
    r"\((?:[^()]{0,80}/[^()]{1,60}|[^()]{0,60}(?:Getty|Reuters|AFP|AP|EPA|Shutterstock)[^()]{0,30})\)\s*$"
)

#: Separators between several authors in a byline, in several languages.
AUTHOR_SEPARATORS: Final = re.compile(
    # `(?:(?<!\s)|(?!\s))`: a linear-time search over long runs of spaces (see TAG_SEPARATORS)
    r"(?:(?<!\s)|(?!\s))\s*(?:,|;|&|\band\b|\bet\b|\bund\b|\by\b|\be\b|\bi\b|\bи\b|\bve\b|،|\sو\s?|、)\s*"
)

#: A plausible person or organisation name: a few words, no sentence punctuation.
MAX_AUTHOR_WORDS: Final = 5

#: A line that is one quotation from its first character to its last (a pull
#: quote, or a block quote that the dump flattened): “...”, «...», „...“, "...".
WHOLLY_QUOTED: Final = re.compile(
    r'^(?:“[^“”]{20,600}”|«[^«»]{20,600}»|„[^„“”]{20,600}[“”]|"[^"]{20,600}"|「[^「」]{10,400}」)[.!?]?$'
)

#: The characters a WHOLLY_QUOTED line starts with (a cheap test before the regex).
QUOTE_OPENERS: Final = frozenset('“«„"「')

SKIP_LABELS: Final = frozenset({"chrome", "meta", "form", "no_comments", "comments", "related", "tags"})
#: Lines that are no body block: those and read-also teasers.
BLOCK_SKIP_LABELS: Final = SKIP_LABELS | {"read_also"}


def line_score(line: Line, zone: str | None) -> float:
    if zone is not None:
        return ZONE_BASE + ZONE_PER_CHAR * line.length
    label = line.label
    if label == "good":
        return GOOD_PER_CHAR * line.length
    if label == "near":
        return NEAR_PER_CHAR * line.length
    if label == "short":
        return SHORT_SENTENCE if line.sentence else SHORT_OTHER
    if label == "bad":
        if line.sentence:
            # Prose dense with names and numbers (results, lists of people)
            # has few stopwords but still ends its sentences; menus never do.
            return BAD_SENTENCE_PER_CHAR * line.length
        return BAD_BASE + BAD_PER_CHAR * line.length
    if label == "meta" or label == "read_also":
        return META
    if label == "form":
        return FORM
    return CHROME


def best_region(lines: list[Line], zones: list[str | None]) -> tuple[int, int] | None:
    """Maximum-sum contiguous run of lines (Kadane), or None when too small."""
    best, best_span = 0.0, None
    run, start = 0.0, 0
    last_header = -BYLINE_START_REACH - 1
    for i, line in enumerate(lines):
        zone, label = zones[i], line.label
        # line_score, inline for the most common line
        s = (SHORT_SENTENCE if line.sentence else SHORT_OTHER) if label == "short" and zone is None else line_score(line, zone)
        if label == "meta" and line.reason in ("byline", "date"):
            last_header = i
        elif (
            i - last_header <= BYLINE_START_REACH
            and zone is None
            and (label == "good" or (line.sentence and line.length >= LENGTH_LOW))
        ):
            s += BYLINE_START_BONUS
            last_header = -BYLINE_START_REACH - 1
        if run <= 0:
            run, start = s, i
        else:
            run += s
        if run > best:
            best, best_span = run, (start, i)
    if best_span is None or best < MIN_ARTICLE_SCORE:
        return None
    return best_span


def cut_at_comments(lines: list[Line], zones: list[str | None], region: tuple[int, int]) -> tuple[int, int]:
    """End the body at a comments heading inside it.

    Comments follow the story: when the best run of prose crosses a comments
    heading (a long first comment can end the section early, see
    sections.py), the story is what comes before it, if that is an article
    at all.
    """
    start, end = region
    for i in range(start + 1, end + 1):
        if lines[i].label == "comments":
            before = sum(line_score(lines[k], zones[k]) for k in range(start, i))
            if before >= MIN_ARTICLE_SCORE:
                j = i - 1
                while j > start and lines[j].label not in ("good", "near"):
                    j -= 1
                return start, j
            break
    return region


def _is_caption(line: Line) -> bool:
    text = line.text
    # the credit ends the line: most lines are dismissed without a regex search
    return text.rstrip().endswith(")") and CAPTION_CREDIT.search(text) is not None


def title_score(line: Line, distance: int, zone: str | None, repeated: bool) -> float | None:
    """How headline-like a line above the body is (None: cannot be the title)."""
    # the cheap tests first (length, label), then the caption and word count
    if not TITLE_MIN <= line.length <= TITLE_MAX or line.label not in TITLE_LABELS or _is_caption(line):
        return None
    text = line.text
    words = len(text.split())
    if words < 2 and line.length < 16:
        return None
    if text.endswith((".", ",", ":", ";")) and not text.endswith("..."):
        return None
    score = 1.0
    if words >= 4 or line.length >= 24:
        score += 1.0
    if repeated:
        score += 1.5
    if line.length > TITLE_LONG:
        score -= 1.0
    if zone is not None:
        score -= 1.0
    if line.bullet:
        score -= 1.0
    return score - 0.15 * distance


def is_headline(line: Line) -> bool:
    """A line that reads as a headline on its own: not a sentence, headline-sized."""
    score = title_score(line, 0, None, False)
    return score is not None and score >= 2.0 and not line.sentence


#: A headline is usually followed by its byline or date within this many lines.
BYLINE_REACH: Final = 3
BYLINE_BONUS: Final = 1.5
#: How many leading lines of the region (before its first ``good`` line) may be
#: the headline: a long headline with stopwords scores as prose and starts the region.
REGION_HEAD: Final = 3


def _followed_by_meta(lines: list[Line], i: int) -> bool:
    for line in lines[i + 1 : i + 1 + BYLINE_REACH]:
        if line.label == "meta":
            return True
        if line.label not in ("chrome",):
            return False
    return False


def find_title(lines: list[Line], zones: list[str | None], start: int, end: int) -> int | None:
    """Index of the headline: the most headline-like line above the body, or
    among the body's first lines when they are not yet prose."""
    seen: dict[str, int] = {}
    for line in lines[max(0, start - TITLE_WINDOW - 5) : start + REGION_HEAD]:
        seen[line.text] = seen.get(line.text, 0) + 1
    head = start
    while head <= end and head < start + REGION_HEAD and lines[head].label != "good":
        head += 1
    best: tuple[float, int] | None = None
    distance = 0
    for i in range(head - 1, max(-1, start - 1 - TITLE_WINDOW), -1):
        line = lines[i]
        if line.label in ("chrome", "meta", "form"):
            continue
        score = title_score(line, distance, zones[i], seen.get(line.text, 0) > 1)
        if i >= start:
            if score is not None and line.sentence:
                score = None
        else:
            distance += 1
        if score is not None and _followed_by_meta(lines, i):
            score += BYLINE_BONUS
        if score is not None and (best is None or score > best[0]):
            best = (score, i)
    return best[1] if best else None


def first_title_line(lines: list[Line], zones: list[str | None]) -> int | None:
    """Without a body (video pages, teaser-only pages), the title is the first
    headline-like line outside any section."""
    for i, line in enumerate(lines):
        if zones[i] is not None:
            return None
        score = title_score(line, 0, None, False)
        if score is not None and score >= 2.0:
            return i
    return None


@dataclass(slots=True)
class Header:
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    site_name: str | None = None
    used: set[int] = field(default_factory=set)


def split_authors(text: str) -> list[str]:
    names = []
    for part in AUTHOR_SEPARATORS.split(text):
        part = part.strip(" .,;:|-–—")
        if part and len(part.split()) <= MAX_AUTHOR_WORDS and not any(ch.isdigit() for ch in part):
            names.append(part)
    return names


def read_byline(text: str, memo: dates.DocumentDates | None = None) -> tuple[list[str], str | None]:
    """Authors and date from a byline or dateline ("By A and B | May 3, 2024").
    ``memo``: the document's parsed dates (classify found most datelines' dates)."""
    published = None
    found = (memo or dates.DocumentDates()).find_date(text)
    if found:
        published = found[1]
        text = text.replace(found[0], " ")
    prefix = lexicon.starts_with_phrase(text, "byline_prefix")
    if prefix:
        text = (
            text.strip()[len(prefix) :]
            if str.lower(text.strip()).startswith(prefix)
            else _after_prefix(text, prefix)
        )
    text = BYLINE_SPLIT.split(text.strip())[0] if BYLINE_SPLIT.search(text) else text
    return split_authors(text), published


def _after_prefix(text: str, prefix: str) -> str:
    words = prefix.split()
    parts = text.strip().split(None, len(words))
    return parts[len(words)] if len(parts) > len(words) else ""


def read_header(lines: list[Line], lo: int, hi: int, memo: dates.DocumentDates | None = None) -> Header:
    """Bylines, datelines and glued "Source12-03-2025" lines between ``lo`` and
    ``hi``; ``memo``: the document's parsed dates (see :func:`.classify.classify`)."""
    memo = memo or dates.DocumentDates()
    header = Header()
    for i in range(lo, hi):
        line = lines[i]
        glued = (
            memo.split_glued_source(line.text, lang=line.lang)
            if dates.may_be_glued(line.text, lang=line.lang)
            else None  # most lines: one set lookup
        )
        if glued:
            source, _when, iso = glued
            header.site_name = header.site_name or source
            header.published = header.published or iso or None
            header.used.add(i)
            continue
        if line.label != "meta":
            continue
        authors, published = read_byline(line.text, memo)
        is_byline = line.reason == "byline"
        if authors and (is_byline or (published and not header.authors and len(authors) <= 2)):
            header.authors = header.authors or authors
        header.published = header.published or published
        header.used.add(i)
    return header


def build_blocks(lines: list[Line], zones: list[str | None], used: set[int]) -> list[Block]:
    """Turn the region's content lines into typed blocks."""
    kept = [
        ln
        for ln in lines
        if zones[ln.index] is None
        and ln.label not in BLOCK_SKIP_LABELS
        and ln.index not in used
        # the test of _is_caption that most lines fail, without the call
        and not (ln.text.rstrip().endswith(")") and _is_caption(ln))
    ]
    blocks: list[Block] = []
    base_indent = min((ln.indent for ln in kept if not ln.bullet), default=0)
    i = 0
    while i < len(kept):
        line = kept[i]
        if line.tabs:
            j = i
            while j < len(kept) and kept[j].tabs:
                j += 1
            rows = [[c.strip() for c in ln.raw.strip().split("\t")] for ln in kept[i:j]]
            blocks.append(Block("table", "\n".join(ln.text for ln in kept[i:j]), rows=rows))
            i = j
            continue
        if line.bullet or (line.label == "short" and not line.sentence):  # _is_item_like
            j = i + 1
            if line.bullet:
                while j < len(kept) and kept[j].bullet and _adjacent(kept[j - 1], kept[j]):
                    j += 1
            else:
                while (
                    j < len(kept)
                    and _is_item_like(kept[j])
                    and not kept[j].bullet
                    and _adjacent(kept[j - 1], kept[j])
                ):
                    j += 1
            items = [ln.text for ln in kept[i:j]]
            if len(items) == 1 and not line.bullet:
                blocks.append(Block("heading", items[0]))
            else:
                blocks.append(Block("list", "\n".join(items), items=items))
            i = j
            continue
        if (
            line.indent - base_indent >= INDENT_STEP and base_indent == 0 and line.label in ("good", "near")
        ) or (line.text[:1] in QUOTE_OPENERS and WHOLLY_QUOTED.match(line.text)):
            blocks.append(Block("quote", line.text))
        else:
            blocks.append(Block("paragraph", line.text))
        i += 1
    return blocks


def _adjacent(a: Line, b: Line) -> bool:
    return b.index == a.index + 1


def _is_item_like(line: Line) -> bool:
    """A line that can be a list item or a heading: short, no sentence end."""
    return line.label == "short" and not line.sentence
