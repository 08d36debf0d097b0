"""One pass over the tree for the comments and related-teaser searches.

Both searches look at the same things: containers whose class/id names them
(``#comments``, ``.related-posts``) and headings whose words name them
("12 Comments", "Read more").  :func:`scan` walks the tree once, in C as far as
lxml allows (``iter`` with a tag list), reads each class string once (cached:
pages repeat the same few) and each heading's text once, and checks that text
against all the heading categories in one lexicon look-up.

The comments search runs first and removes its regions; the related search
then skips the candidates that went with them (:meth:`Scan.attached`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .. import lexicon
from .hints import COMMENT_FORM_HINT, COMMENTS_REGION_HINT, RELATED_HINT
from .text import collapse
from .tree import Element, text_content

#: Tags that can hold a comments section (inline elements like ``<a
#: class="comments">12</a>`` are count links, not sections).
COMMENT_REGION_TAGS: frozenset[str] = frozenset(
    {
        "div",
        "section",
        "ol",
        "ul",
        "aside",
        "details",
        "footer",
        "article",
        "form",
        "dl",
        "main",
        "table",
        "tbody",
    }
)
#: Tags that can hold a block of teasers.
RELATED_REGION_TAGS: frozenset[str] = frozenset(
    {"div", "section", "aside", "ul", "ol", "nav", "footer", "table", "dl"}
)
HEADING_SCAN_TAGS: tuple[str, ...] = ("h1", "h2", "h3", "h4", "h5", "h6", "summary")
_ALL_TAGS: tuple[str, ...] = tuple(sorted(COMMENT_REGION_TAGS | RELATED_REGION_TAGS)) + HEADING_SCAN_TAGS
#: Longest heading text that can name a comments or related section.
MAX_HEADING_CHARS = 80

#: Heading kinds (bit flags).
COMMENTS, RELATED = 1, 2
#: What a class/id names (bit flags).
NAMES_COMMENTS, NAMES_RELATED = 1, 2

#: The patterns for lowercased text (case-insensitive matching of a long
#: alternation is several times slower).
_REGION_LOWER = re.compile(COMMENTS_REGION_HINT.pattern)
_RELATED_LOWER = re.compile(RELATED_HINT.pattern)
SCHEMA_COMMENTS = re.compile(r"schema\.org/UserComments\b", re.IGNORECASE)
#: Heading categories matched in one look-up.
_WHOLE: tuple[str, ...] = ("comments_heading", "no_comments", "related_heading")
_PREFIX: tuple[str, ...] = ("related_heading_prefix",)
_DIGIT = re.compile(r"\d")


@lru_cache(maxsize=4096)
def class_names(cls: str) -> int:
    """What a class string names: a comments area, a teaser block, both or neither."""
    low = cls.lower()
    out = NAMES_RELATED if _RELATED_LOWER.search(low) else 0
    if any(_REGION_LOWER.match(tok) for tok in low.split()):
        out |= NAMES_COMMENTS
    return out


def id_names(ident: str) -> int:
    low = ident.lower()
    out = NAMES_RELATED if _RELATED_LOWER.search(low) else 0
    if _REGION_LOWER.match(low):
        out |= NAMES_COMMENTS
    return out


def is_comments_heading(text: str) -> bool:
    """ "Comments", "12 Kommentare", "Be the first to comment"... (``text`` collapsed)."""
    if not text or len(text) > 60:
        return False
    if lexicon.is_phrase(text, "comments_heading") or lexicon.is_phrase(text, "no_comments"):
        return True
    bare = _COUNT.sub(" ", text).strip()
    return bool(bare) and bare != text and lexicon.is_phrase(bare, "comments_heading")


def is_related_heading(text: str) -> bool:
    """ "Related", "Read more", "Lesen Sie auch", "More from Politics"... (``text`` collapsed)."""
    if not text or len(text) > MAX_HEADING_CHARS:
        return False
    text = text.rstrip(":")
    if lexicon.is_phrase(text, "related_heading"):
        return True
    return bool(lexicon.starts_with_phrase(text, "related_heading_prefix"))


#: Digits and counts around a heading ("12 Comments", "Comments (3)").
_COUNT = re.compile(r"[\d\s()\[\]:·.,-]+")


def heading_kind(text: str) -> int:
    """:data:`COMMENTS` and/or :data:`RELATED` for a collapsed heading text.

    One merged look-up settles the common case (no match, no count); a line
    that matches something, or holds a count, gets the full checks."""
    if not text or len(text) > MAX_HEADING_CHARS:
        return 0
    m = lexicon.match_line(text.rstrip(":"), _WHOLE, _PREFIX)
    if not m.whole and not m.prefixes and not _DIGIT.search(text):
        return 0
    return (COMMENTS if is_comments_heading(text) else 0) | (RELATED if is_related_heading(text) else 0)


@dataclass(slots=True)
class Scan:
    """Candidates of both searches, in document order."""

    #: Elements named like a comments area, a schema.org UserComments, or a comment form.
    comment_regions: list[Element] = field(default_factory=list)
    #: Elements named like a teaser block.
    related_regions: list[Element] = field(default_factory=list)
    #: Headings (and ``<summary>``) whose text names a comments section.
    comment_headings: list[Element] = field(default_factory=list)
    #: ``<h1>``-``<h6>`` whose text names a related section.
    related_headings: list[Element] = field(default_factory=list)
    #: ``<h2>``-``<h6>``: candidates for teaser-card titles.
    subheadings: list[Element] = field(default_factory=list)
    #: Subtrees taken out of the tree since the scan.
    dropped: list[Element] = field(default_factory=list)

    def attached(self, el: Element) -> bool:
        """Whether ``el`` is still in the tree (not inside a dropped subtree)."""
        if not self.dropped:
            return True
        if el.getparent() is None:
            return False
        dropped = self.dropped
        return not any(anc in dropped for anc in el.iterancestors())


def scan(root: Element) -> Scan:
    """The candidates of the comments and related searches in ``root``."""
    out = Scan()
    comment_regions, related_regions = out.comment_regions, out.related_regions
    for el in root.iter(*_ALL_TAGS):
        tag = el.tag
        if tag in COMMENT_REGION_TAGS or tag in RELATED_REGION_TAGS:
            cls, ident = el.get("class"), el.get("id")
            names = (class_names(cls) if cls else 0) | (id_names(ident) if ident else 0)
            if tag in COMMENT_REGION_TAGS:
                if names & NAMES_COMMENTS:
                    comment_regions.append(el)
                else:
                    itemtype = el.get("itemtype")
                    if (itemtype and SCHEMA_COMMENTS.search(itemtype)) or (
                        tag == "form" and COMMENT_FORM_HINT.search(f"{cls or ''} {ident or ''}")
                    ):
                        comment_regions.append(el)
            if names & NAMES_RELATED and tag in RELATED_REGION_TAGS:
                related_regions.append(el)
            continue
        if tag != "h1" and tag != "summary":
            out.subheadings.append(el)
        kind = heading_kind(collapse(text_content(el)))
        if kind & COMMENTS and tag != "h1":  # an <h1> names the page ("Conversation"), not a section of it
            out.comment_headings.append(el)
        if kind & RELATED and tag != "summary":
            out.related_headings.append(el)
    return out
