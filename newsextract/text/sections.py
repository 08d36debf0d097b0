"""Sections: where the comments, the related teasers and the tags are.

A section opens at a heading line (``comments``, ``related``, ``tags`` labels,
or a ``no_comments`` notice without a heading) and runs until the next section
heading or until the text stops looking like that section.  Lines inside a
section never count as article text; the section parsers read them instead.
"""

from __future__ import annotations

from typing import Final

from .lines import Line

SECTION_HEADINGS: Final = frozenset({"comments", "related", "tags"})
#: The labels that can open a section (or turn into chrome): outside a section,
#: a line with another label stays outside.
SECTION_OPENERS: Final = SECTION_HEADINGS | {"no_comments"}

#: A related section ends where prose resumes: this many consecutive ``good``
#: lines are article paragraphs, not teasers (a teaser has one summary).
RELATED_PROSE_RUN: Final = 2

#: Comments alternate headers (name, time) with one or two paragraphs of
#: text; this many consecutive prose lines are an article, whatever heading
#: came before (a "Have Your Say" menu link above the story).
COMMENTS_PROSE_RUN: Final = 3

#: A comments heading that is only a link near the top ("Comments (3)") is
#: followed by article prose, not by comments: when none of this many lines
#: after the heading is a date, an age, an empty-comments notice or a form
#: line, the first prose line closes the section.
COMMENT_STRUCTURE_WINDOW: Final = 4

#: Meta lines (``reason``) that make up a post's byline block.
BYLINE_META: Final = frozenset({"byline", "date", "age"})


def _comments_link_in_byline(lines: list[Line], i: int) -> bool:
    """Whether the comments heading at ``i`` is a link in the post's byline
    block ("Posted by Vortex / October 5, 2018 / Leave a comment", as blog
    themes print it above the story), not the comments section: it comes
    right after a byline or date line, and nothing in the next
    :data:`COMMENT_STRUCTURE_WINDOW` lines looks like a comment thread or its
    form (a time line, a form line, an empty-section notice)."""
    if i == 0 or lines[i - 1].label != "meta" or lines[i - 1].reason not in BYLINE_META:
        return False
    after = lines[i + 1 : i + 1 + COMMENT_STRUCTURE_WINDOW]
    return not any(line.label in ("meta", "form", "no_comments") for line in after)


#: The most words a tag line can have.
MAX_TAG_WORDS: Final = 5


def _prose_run(lines: list[Line], i: int, length: int) -> bool:
    """Do ``length`` consecutive prose lines start at ``i``?"""
    run = lines[i : i + length]
    return len(run) == length and all(line.label == "good" for line in run)


def _is_tag_line(line: Line, first: bool) -> bool:
    text = line.text
    if text.startswith("#"):
        return True
    if line.label not in ("short",) or text.endswith((":", "：")):
        return False
    if len(text.split()) > MAX_TAG_WORDS:
        return False
    return first is False or line.blank_before == 0


#: A comment's text follows its header (author, time) within this many lines.
HEADER_REACH: Final = 2


def _comment_header_above(lines: list[Line], i: int) -> int | None:
    """Index of the comment's time line just above line ``i``, if any.

    A date under a byline ("By Carrie Arnold / November 15, 2019") is the
    article's own header below a comment-counter link, not a comment's.
    """
    for j in range(i - 1, max(-1, i - 1 - HEADER_REACH), -1):
        if lines[j].label == "meta":
            if lines[j].reason == "byline" or (
                j > 0 and lines[j - 1].label == "meta" and lines[j - 1].reason == "byline"
            ):
                return None
            return j
    return None


#: A teaser list starts with a title or a source; prose this long right
#: under a "related" heading means the heading was something else.
PROSE_AFTER_HEADING_CHARS: Final = 200


def _prose_follows(lines: list[Line], i: int) -> bool:
    nxt = lines[i + 1] if i + 1 < len(lines) else None
    return nxt is not None and nxt.label == "good" and nxt.length >= PROSE_AFTER_HEADING_CHARS


def assign_zones(lines: list[Line]) -> list[str | None]:
    """Return, for each line, the section it belongs to (None: not a section)."""
    zones: list[str | None] = [None] * len(lines)
    zone: str | None = None
    start = 0
    structured = False
    commented = False  # a comment (a time line, then text) was seen in this section
    empty = False  # the section said it has no comments
    last_header = -1
    tags_seen = 0
    for i, line in enumerate(lines):
        label = line.label
        if zone is None and label not in SECTION_OPENERS:
            continue  # (most lines) no rule below applies: its zone stays None
        if label == "related" and _prose_follows(lines, i):
            # "Read more" above the rest of the story is an expand button, not
            # the heading of a teaser list (teasers start with a title).
            line.label, line.reason = "chrome", "button above prose"
            zones[i] = zone
            continue
        if label == "comments" and _comments_link_in_byline(lines, i):
            line.label, line.reason = "chrome", "comments link in the byline"
            zones[i] = zone
            continue
        if label in SECTION_HEADINGS:
            zone, start, structured, commented, empty, tags_seen = label, i, False, False, False, 0
            last_header = -1
            zones[i] = zone
            continue
        if label == "no_comments":
            zone, structured, empty = "comments", True, True
            zones[i] = zone
            continue
        if zone == "related" and label == "good" and _prose_run(lines, i, RELATED_PROSE_RUN):
            zone = None
        elif zone == "tags":
            if _is_tag_line(line, first=tags_seen == 0):
                tags_seen += 1
            else:
                zone = None
        elif zone == "comments":
            if label in ("meta", "form"):
                structured = True
            header = _comment_header_above(lines, i) if label in ("good", "near") else None
            if header is not None and header != last_header:
                last_header = header
                commented = True
            # Prose ends the section when no comment was seen in it, or when
            # it said it was empty ("Nessun commento" next to the byline).
            if label == "good" and (
                (not structured and i - start <= COMMENT_STRUCTURE_WINDOW)
                or ((empty or not commented) and _prose_run(lines, i, COMMENTS_PROSE_RUN))
            ):
                zone = None
        zones[i] = zone
    return zones
