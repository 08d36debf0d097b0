"""The page as a flat list of text segments, in one walk over the tree.

A *segment* is the run of text between two block boundaries (a paragraph, a
heading, one list item, one table cell, a data table as a whole, the text
before and after a nested ``<div>``...), as in jusText's paragraph making.  It
remembers what the classifier and the block builder need: its block
ancestors (``path``), how much of it sits in links, its links, and whether it
is a heading, a list item, code, a quote, a caption or inside chrome.

Line breaks: a single ``<br>`` stays a "\\n" inside the segment's text; two
``<br>`` in a row end the segment (pages that build paragraphs from ``<br><br>``
get one segment per paragraph).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from lxml import etree

from .hints import (
    BLOCK_TAGS,
    CAPTION_HINT,
    CELL_TAGS,
    CHROME_ROLES,
    DROP_TAGS,
    HEADING_TAGS,
    HIDDEN_STYLE,
    LIST_TAGS,
    NEGATIVE_HINT,
    POSITIVE_HINT,
    PRE_TAGS,
    STREAMED_SEGMENT_ID,
    STRONG_POSITIVE_HINT,
)
from .text import INVISIBLE
from .tree import Element, text_content

#: Stands for a ``<br>`` while a segment's text is gathered (NUL never
#: survives into the text: the input layer removes it).
BR = "\x00"
#: Spaces around a line break, and runs of them.
BREAKS = re.compile(r" ?\x00[\x00 ]*")

#: A lower-to-upper case change inside a class name is a word boundary.
CAMEL_CASE = re.compile(r"(?<=[a-z])(?=[A-Z])")
#: The hint patterns for lowercased names: matching a long alternation
#: case-insensitively is several times slower (the patterns are lowercase).
_NEGATIVE_LOWER = re.compile(NEGATIVE_HINT.pattern)
_POSITIVE_LOWER = re.compile(POSITIVE_HINT.pattern)
_STRONG_POSITIVE_LOWER = re.compile(STRONG_POSITIVE_HINT.pattern)
_CAPTION_LOWER = re.compile(CAPTION_HINT.pattern)
#: Class tokens that name a taxonomy term of the post (WordPress puts
#: ``tag-<slug>``, ``category-<slug>``, ``format-standard`` on the article).
TAXONOMY_TOKEN = re.compile(
    r"^(?:tag|category|categories|format|status|type|post-format|has|is|author|term)-", re.IGNORECASE
)

#: Tags that are chrome by themselves, whatever their class says.
CHROME_ELEMENT_TAGS: frozenset[str] = frozenset({"nav", "menu", "aside", "footer", "header"})
#: Beyond this depth the walk flattens a subtree into text (broken pages nest
#: unclosed tags thousands deep; Python's recursion limit is 1000).
MAX_DEPTH = 250
#: A table is a data table (kept as rows) when no cell holds more than this
#: many characters and it has no nested table or block-level content.
MAX_DATA_CELL_CHARS = 400
#: Tags whose presence inside a table means it is a layout table.
LAYOUT_TABLE_TAGS: tuple[str, ...] = ("table", "p", "div", "ul", "ol", "h1", "h2", "h3", "blockquote", "pre")


@dataclass(slots=True, eq=False)
class Segment:
    text: str
    path: tuple[Element, ...]  # block ancestors, outermost first; path[-1] owns the text
    chars: int
    link_chars: int
    links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)
    heading: int = 0  # 1-6 inside <hN>
    list_item: Element | None = None
    list_el: Element | None = None
    pre: bool = False
    quote: Element | None = None
    caption: bool = False
    chrome: int = -1  # index in path of the outermost chrome container, -1 for none
    rows: list[list[str]] | None = None  # a data table
    first_link_start: bool = False  # the text starts inside a link


@dataclass(slots=True)
class _Context:
    heading: int = 0
    pre: bool = False
    list_item: Element | None = None
    list_el: Element | None = None
    quote: Element | None = None
    caption: bool = False
    chrome: int = -1


@lru_cache(maxsize=4096)
def _names_caption(cls: str | None) -> bool:
    return bool(cls and _CAPTION_LOWER.search(cls.lower()))


def collapse_with_breaks(raw: str) -> str:
    """Source whitespace collapsed to single spaces; ``<br>`` kept as "\\n"."""
    if not raw.isascii():
        raw = INVISIBLE.sub("", raw)
    text = " ".join(raw.split())
    if BR in text:
        text = BREAKS.sub("\n", text).strip("\n ")
    return text


def is_hidden(el: Element) -> bool:
    """Hidden by ``hidden``, an inline ``display:none`` or, for inline
    elements only, ``aria-hidden`` (icons and duplicate labels; some sites put
    ``aria-hidden`` on a whole visible container, which stays).  A React
    streamed segment is hidden only until its script shows it."""
    if el.get("hidden") is not None:
        return not STREAMED_SEGMENT_ID.match(el.get("id") or "")
    if el.get("aria-hidden") == "true" and el.tag not in BLOCK_TAGS:
        return True
    style = el.get("style")
    return bool(style and HIDDEN_STYLE.search(style))


#: Elements never shown and never read (``<noscript>`` is read); removed in C
#: before any walk so no Python loop steps over their subtrees.
STRIP_TAGS: tuple[str, ...] = (
    "script", "style", "template", "svg", "math", "canvas", "iframe", "object", "embed", "video",
    "audio", "map", "datalist", "select", "textarea",
)  # fmt: skip


def strip_unseen(root: Element, *, math: bool = False) -> None:
    """Remove scripts, styles, embedded media and form widgets (their tails
    stay).  With ``math`` (the page has ``<math>``), formulas that carry their
    TeX source are first replaced by it."""
    if math:
        math_to_tex(root)
    etree.strip_elements(root, *STRIP_TAGS, with_tail=False)


#: The TeX source that KaTeX and MathJax keep inside MathML.
TEX_ANNOTATION = "application/x-tex"


def math_to_tex(root: Element) -> None:
    """Replace each ``<math>`` that has a TeX annotation by that TeX as text:
    a formula's readable form in plain text (its MathML is markup, and the
    rendered copy beside it is hidden from readers of text)."""
    for math in list(root.iter("math")):
        tex = next(
            (a.text for a in math.iter("annotation") if a.get("encoding") == TEX_ANNOTATION and a.text),
            None,
        )
        if tex is None:
            continue
        span = etree.Element("span")
        span.text = tex.strip()
        span.tail = math.tail
        parent = math.getparent()
        if parent is not None:
            parent.replace(math, span)


def hint_of(el: Element) -> str:
    """The class and id of ``el`` as one string."""
    cls, ident = el.get("class"), el.get("id")
    if cls and ident:
        return f"{cls} {ident}"
    return cls or ident or ""


def is_chrome(el: Element, tag: str) -> bool:
    """Navigation, share bars, ads...: by tag, role or class/id.

    Class and id are judged token by token: a token that names chrome
    (``share-bar``) counts against, a token that only names content
    (``article-wrapper``) counts for, and content wins, since a WordPress
    article carries ``tag-...`` and ``category-...`` classes of its own.
    """
    return _chrome(el, tag, el.get("class"))


def _chrome(el: Element, tag: str, cls: str | None) -> bool:
    """:func:`is_chrome` with the class already read (the walk reads it once)."""
    role = el.get("role")
    if role and role.casefold() in CHROME_ROLES:
        return True
    if "articleBody" in (el.get("itemprop") or "") or tag == "blockquote":
        # a blockquote quotes: an embedded post (``blockquote.twitter-tweet``)
        # is part of the story, and share bars are not built from quotes
        return False
    ident = el.get("id")
    verdict = _hint_verdict(cls, ident) if cls or ident else NO_HINT
    if verdict == NO_HINT:
        return tag in CHROME_ELEMENT_TAGS
    return verdict == CHROME_HINT and not _wraps_quote(el)


#: A chrome-named wrapper with at most this many children, one a quote, is an
#: embedded post (``div.social-media-embed > blockquote.twitter-tweet``).
MAX_EMBED_CHILDREN = 2


def _wraps_quote(el: Element) -> bool:
    """Whether ``el`` only wraps a quote: an embedded post is part of the story."""
    return len(el) <= MAX_EMBED_CHILDREN and any(child.tag == "blockquote" for child in el)


#: An id of this many words is the slug of a heading (``id="sharing-with-a-
#: single-developer"`` on a documentation section): it names the section's
#: topic, not a page component, so it gives no hint.
SLUG_ID_MIN_WORDS = 4


#: Verdicts of :func:`_hint_verdict`.
NO_HINT, CONTENT_HINT, CHROME_HINT = 0, 1, 2


#: What one class token or id says (see :func:`_token_hint`).
_TOKEN_NONE, _TOKEN_STRONG, _TOKEN_NEGATIVE, _TOKEN_POSITIVE = 0, 1, 2, 3


@lru_cache(maxsize=4096)
def _hint_verdict(cls: str | None, ident: str | None) -> int:
    """What a class/id pair says, cached: pages repeat the same few."""
    negative = positive = False
    tokens = cls.split() if cls else []
    if ident and ident.count("-") + ident.count("_") < SLUG_ID_MIN_WORDS - 1:
        tokens.append(ident)  # a longer id is a heading's slug, not a component's name
    for tok in tokens:
        kind = _token_hint(tok)
        if kind == _TOKEN_STRONG:
            return CONTENT_HINT
        if kind == _TOKEN_NEGATIVE:
            negative = True
        elif kind == _TOKEN_POSITIVE:
            positive = True
    if negative and not positive:
        return CHROME_HINT
    return CONTENT_HINT if positive else NO_HINT


@lru_cache(maxsize=8192)
def _token_hint(tok: str) -> int:
    """What one class token or id says, cached on its own: ids and class
    lists vary from element to element (``menu-item-1539``), their tokens much
    less.  camelCase is split into words first (``RightRail`` ->
    ``Right-Rail``) so that the hint patterns see word boundaries."""
    tok = CAMEL_CASE.sub("-", tok)
    if TAXONOMY_TOKEN.match(tok):
        return _TOKEN_NONE
    tok = tok.lower()
    if _STRONG_POSITIVE_LOWER.search(tok):
        return _TOKEN_STRONG
    if _NEGATIVE_LOWER.search(tok):
        return _TOKEN_NEGATIVE
    if _POSITIVE_LOWER.search(tok):
        return _TOKEN_POSITIVE
    return _TOKEN_NONE


def is_positive(el: Element) -> bool:
    if "articleBody" in (el.get("itemprop") or ""):
        return True
    hint = hint_of(el)
    return bool(hint) and _names_positive(hint)


@lru_cache(maxsize=4096)
def _names_positive(hint: str) -> bool:
    return bool(_POSITIVE_LOWER.search(hint.lower()))


def data_table_rows(table: Element) -> list[list[str]] | None:
    """Rows of a data table, or None when ``table`` is a layout table."""
    for tag in LAYOUT_TABLE_TAGS:
        if table.find(f".//{tag}") is not None:
            return None
    rows: list[list[str]] = []
    for tr in table.iter("tr"):
        cells = []
        for cell in tr:
            if isinstance(cell.tag, str) and cell.tag in CELL_TAGS:
                text = " ".join(text_content(cell).split())
                if len(text) > MAX_DATA_CELL_CHARS:
                    return None
                cells.append(text)
        if any(cells):
            rows.append(cells)
    if len(rows) < 2 or max(len(r) for r in rows) < 2:
        return None
    return rows


class Segmenter:
    """Walks a tree once and collects :class:`Segment` objects."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self.path: list[Element] = []
        self._parts: list[str] = []
        self._chars_in_links = 0
        self._links: list[tuple[str, str]] = []
        self._ctx = _Context()
        self._starts_in_link = False

    def run(self, root: Element) -> list[Segment]:
        self._block(root, _Context(), 0)
        return self.segments

    # -- text accumulation

    def _add(self, text: str, in_link: bool) -> None:
        if not self._parts:
            if text.isspace():
                return
            if in_link:
                self._starts_in_link = True
        self._parts.append(text)
        if in_link:
            self._chars_in_links += len(text.strip())

    def _flush(self, ctx: _Context) -> None:
        if not self._parts:
            return
        raw = "".join(self._parts)
        text = raw.strip("\n ") if ctx.pre else collapse_with_breaks(raw)
        if text:
            chars = len(text)
            self.segments.append(
                Segment(  # positional: the fields in their order (cheaper than keywords)
                    text,
                    tuple(self.path),
                    chars,
                    min(self._chars_in_links, chars),
                    self._links,
                    ctx.heading,
                    ctx.list_item,
                    ctx.list_el,
                    ctx.pre,
                    ctx.quote,
                    ctx.caption,
                    ctx.chrome,
                    None,
                    self._starts_in_link,
                )
            )
        self._parts.clear()
        self._chars_in_links = 0
        self._links = []
        self._starts_in_link = False

    # -- walking

    def _block(self, el: Element, ctx: _Context, depth: int, in_link: bool = False) -> None:
        """Enter a block element: new segment, new context, walk, flush."""
        if self._parts:
            self._flush(ctx)
        tag = el.tag
        self.path.append(el)
        index = len(self.path) - 1
        cls = el.get("class")
        if ctx.chrome < 0 and _chrome(el, tag, cls):
            ctx = _Context(ctx.heading, ctx.pre, ctx.list_item, ctx.list_el, ctx.quote, ctx.caption, index)
        if tag in HEADING_TAGS:
            ctx = _Context(
                int(tag[1]), ctx.pre, ctx.list_item, ctx.list_el, ctx.quote, ctx.caption, ctx.chrome
            )
        elif tag in PRE_TAGS:
            ctx = _Context(ctx.heading, True, ctx.list_item, ctx.list_el, ctx.quote, ctx.caption, ctx.chrome)
        elif tag == "li":
            parent = el.getparent()
            ctx = _Context(ctx.heading, ctx.pre, el, parent, ctx.quote, ctx.caption, ctx.chrome)
        elif tag in LIST_TAGS or tag == "dl":
            ctx = _Context(ctx.heading, ctx.pre, None, None, ctx.quote, ctx.caption, ctx.chrome)
        elif tag == "blockquote":
            ctx = _Context(ctx.heading, ctx.pre, ctx.list_item, ctx.list_el, el, ctx.caption, ctx.chrome)
        elif tag == "figcaption" or tag == "caption" or _names_caption(cls):
            ctx = _Context(ctx.heading, ctx.pre, ctx.list_item, ctx.list_el, ctx.quote, True, ctx.chrome)
        if tag == "table" and not ctx.pre:
            rows = data_table_rows(el)
            if rows is not None:
                text = "\n".join("\t".join(r) for r in rows)
                links = [(a.get("href") or "", text_content(a)) for a in el.iter("a")]
                link_chars = sum(len(t) for _, t in links)
                self.segments.append(
                    Segment(text, tuple(self.path), len(text), min(link_chars, len(text)), links,
                            rows=rows, chrome=ctx.chrome, quote=ctx.quote, caption=ctx.caption)
                )  # fmt: skip
                self.path.pop()
                return
        self._inline(el, ctx, depth, in_link)
        if self._parts:
            self._flush(ctx)
        self.path.pop()

    def _inline(self, el: Element, ctx: _Context, depth: int, in_link: bool) -> None:
        """Walk the content of ``el``: its text, children and their tails."""
        parts = self._parts  # cleared in place by _flush, never replaced
        text = el.text  # lxml builds a new string on every read: read once
        if text:
            if parts and not in_link:
                parts.append(text)  # the common case of _add, inline
            else:
                self._add(text, in_link)
        for child in el:
            tag = child.tag
            if (
                isinstance(tag, str)
                and tag not in DROP_TAGS
                and not (
                    (child.get("hidden") is not None or child.get("aria-hidden") is not None or child.get("style"))
                    and is_hidden(child)
                )
            ):
                if tag not in BLOCK_TAGS and tag != "a" and tag != "br" and not len(child):
                    text = child.text  # an inline leaf (span, b, em...): its text only
                    if text:
                        if parts and not in_link:
                            parts.append(text)  # the common case of _add, inline
                        else:
                            self._add(text, in_link)
                elif tag == "br":
                    if ctx.pre:
                        parts.append("\n")
                    elif parts and parts[-1] == BR:
                        parts.pop()
                        self._flush(ctx)
                    elif parts:
                        parts.append(BR)
                elif depth >= MAX_DEPTH:
                    self._add(text_content(child), in_link)
                elif tag in BLOCK_TAGS:
                    self._block(child, ctx, depth + 1, in_link)
                elif tag == "a":
                    href = child.get("href")
                    if href is not None:
                        start = len(self._links)
                        self._links.append((href, ""))
                        before = len(self._parts)
                        self._inline(child, ctx, depth + 1, True)
                        if start < len(self._links) and self._links[start][0] == href:
                            self._links[start] = (href, "".join(self._parts[before:]).strip())
                    else:
                        self._inline(child, ctx, depth + 1, in_link)
                else:
                    self._inline(child, ctx, depth + 1, in_link)
            tail = child.tail
            if tail:
                if parts and parts[-1] == BR and tail.isspace():
                    continue
                if parts and not in_link:
                    parts.append(tail)  # the common case of _add, inline
                else:
                    self._add(tail, in_link)
