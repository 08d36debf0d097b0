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

import re

from .. import dates, lexicon
from .features import Profile
from .lines import Line

# Thresholds, in effective characters (see features.effective_length) and in
# stopword density.  Set on the aeb-text-dev innertext/w3m dumps: jusText's
# defaults (70/200, 0.30/0.32) assume its long stopword lists; ours are the
# 150-250 most frequent function words, which cover a little less of a text.
LENGTH_LOW = 70
LENGTH_HIGH = 200
STOPWORDS_LOW = 0.22
STOPWORDS_HIGH = 0.28

#: Without a stopword list for the language, a line is prose when it is long
#: and ends like a sentence.
NO_STOPWORDS_DENSITY = 0.3

#: A line made of several short items separated by pipes or bullets is a menu.
MENU_SEPARATORS = re.compile(r"\s[|•·/»]\s")

#: "© 2025 ...", "Copyright 2019", "All rights reserved" in any position.
COPYRIGHT = re.compile(r"(?:^|\s)(?:©|\(c\)|copyright\b)", re.IGNORECASE)

#: Bylines often carry a date after a separator: "By Jane Doe | March 3, 2025".
BYLINE_SPLIT = re.compile(r"\s+[|·•—–]\s+|\s+-\s+")

#: The longest line that can be a byline, a dateline or a section heading.
MAX_META_CHARS = 160


def is_menu(line: Line) -> bool:
    parts = MENU_SEPARATORS.split(line.text)
    return len(parts) >= 3 and all(len(p.split()) <= 4 for p in parts)


def content_class(line: Line, profile: Profile) -> str:
    """jusText's core rule: length and stopword density."""
    density = line.density
    if not profile.has_stopwords and not profile.unspaced:
        density = NO_STOPWORDS_DENSITY if line.sentence else 0.0
    if line.length < LENGTH_LOW:
        return "short"
    if density >= STOPWORDS_HIGH:
        return "good" if line.length >= LENGTH_HIGH or line.sentence else "near"
    if density >= STOPWORDS_LOW:
        return "near"
    return "bad"


def marker_label(line: Line) -> tuple[str, str] | None:
    """Labels that come from what a line *says* (lexicon matches)."""
    text = line.text
    if len(text) > MAX_META_CHARS:
        if lexicon.starts_with_phrase(text, "read_also_prefix"):
            return "read_also", "read-also prefix"
        return None
    if lexicon.is_phrase(text, "comments_heading"):
        return "comments", "comments heading"
    if lexicon.starts_with_phrase(text, "no_comments"):
        return "no_comments", "empty-comments notice"
    if lexicon.is_phrase(text, "related_heading") or lexicon.starts_with_phrase(text, "related_heading_prefix"):
        if not line.sentence:
            return "related", "related heading"
    if lexicon.is_phrase(text, "tags_heading"):
        return "tags", "tags heading"
    if lexicon.starts_with_phrase(text, "read_also_prefix"):
        return "read_also", "read-also prefix"
    if lexicon.is_phrase(text, "chrome_line"):
        return "chrome", "chrome phrase"
    if lexicon.starts_with_phrase(text, "chrome_prefix"):
        return "chrome", "chrome prefix"
    if COPYRIGHT.search(text):
        return "chrome", "copyright"
    if lexicon.is_phrase(text, "comment_form"):
        return "form", "comment-form phrase"
    if dates.parse_age(text) == text.strip():
        return "meta", "age"
    found = dates.find_date(text)
    if found and len(text) - len(found[0]) <= 40 and not line.sentence:
        return "meta", "date"
    if lexicon.starts_with_phrase(text, "byline_prefix") and len(text.split()) <= 12 and not line.sentence:
        return "meta", "byline"
    if is_menu(line):
        return "chrome", "menu"
    return None


def classify(lines: list[Line], profile: Profile) -> None:
    for line in lines:
        marked = marker_label(line)
        if marked:
            line.label, line.reason = marked
        else:
            line.label = content_class(line, profile)
            line.reason = f"length {line.length:.0f}, stopwords {line.density:.2f}"
