"""Reader comments: find the comments region, read its items, take it out.

Regions, found in one pass over the tree:

* containers named like a comments area (``#comments``, ``ol.commentlist``,
  ``#disqus_thread``, ``.comments-area``...), schema.org ``UserComments``;
* a heading or ``<summary>`` whose text is a comments heading in any language
  ("Comments", "Commentaires", "12 Kommentare", "التعليقات"): its section;
* a comment form alone (``#respond``, ``form#commentform``).

Items: the outermost kind of comment element in the region (``li.comment``,
schema.org ``Comment``, ``.post`` of Disqus, ``tr.comtr`` of forums...);
nesting of that same kind gives the reply depth.  A region with no items
still sets ``found`` ("Be the first to comment", "0 Comments", a form).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..dates import parse_age
from ..model import Comment, Comments
from .hints import (
    COMMENT_AUTHOR_HINT,
    COMMENT_CONTROL_HINT,
    COMMENT_DATE_HINT,
    COMMENT_ITEM_HINT,
    COMMENT_TEXT_HINT,
    DROP_TAGS,
    HEADING_TAGS,
)
from .metadata import iso_date
from .scan import Scan, scan
from .text import collapse, collapse_keep_lines
from .tree import Element, drop_tree, find_all, holds_article, text_content

#: Longest comment author name.
MAX_AUTHOR_CHARS = 60
#: Reply-indent attributes of forum tables (``<td indent="2">``) and widths of
#: spacer images (40 px a level, as Hacker News draws it).
INDENT_ATTRS: tuple[str, ...] = ("indent", "data-depth", "data-level", "aria-level")
SPACER_WIDTH_PER_LEVEL = 40
#: Comment ids carry numbers (``comment-123``); the kind of item does not.
DIGITS = re.compile(r"\d+")
#: A schema.org comment.
SCHEMA_COMMENT = re.compile(r"schema\.org/(?:Comment|Answer)\b", re.IGNORECASE)


def _tokens(el: Element) -> list[str]:
    out = (el.get("class") or "").split()
    ident = el.get("id")
    if ident:
        out.append(ident)
    return out


def _matches(el: Element, pattern: re.Pattern[str]) -> str | None:
    for tok in _tokens(el):
        if pattern.match(tok):
            return tok
    return None


def _holds_article(el: Element) -> bool:
    """A region holding the article (an ``<h1>``, ``itemprop=articleBody``) is not a comments area."""
    return holds_article(el)


def _section_of(heading: Element) -> list[Element]:
    """The elements of the section a heading opens."""
    parent = heading.getparent()
    if parent is None:
        return [heading]
    children = [c for c in parent if isinstance(c.tag, str)]
    if parent.tag not in ("body", "html") and children.index(heading) <= 1 and not _holds_article(parent):
        return [parent]
    level = int(heading.tag[1]) if heading.tag in HEADING_TAGS else 6
    out = [heading]
    for sib in heading.itersiblings():
        if not isinstance(sib.tag, str):
            continue
        if sib.tag in HEADING_TAGS and int(sib.tag[1]) <= level:
            break
        if _holds_article(sib):
            break
        out.append(sib)
    return out


def find_regions(root: Element, found: Scan | None = None) -> list[Element | list[Element]]:
    """The comments regions of ``root``, outermost only (``found``: a scan of
    ``root`` made before, else one is made here)."""
    if found is None:
        found = scan(root)
    regions: list[Element | list[Element]] = []
    taken: set[Element] = set()  # inside one of these, a candidate would be dropped anyway
    for el in found.comment_regions:  # page order: outer regions come first
        if taken and any(anc in taken for anc in el.iterancestors()):
            continue
        if el.tag == "form" or not _holds_article(el):
            regions.append(el)
            taken.add(el)
    for el in found.comment_headings:
        if el.tag == "summary":
            details = el.getparent()
            if details is not None:
                regions.append(details)
        else:
            regions.append(_section_of(el))
    if not regions:
        # schema.org comments without a named container
        items = [
            el for el in find_all(root, ".//*[@itemtype]") if SCHEMA_COMMENT.search(el.get("itemtype") or "")
        ]
        parents = {id(i.getparent()): i.getparent() for i in items if i.getparent() is not None}
        regions.extend(p for p in parents.values() if p is not None and not _holds_article(p))
    return _outermost(regions)


def _outermost(regions: list[Element | list[Element]]) -> list[Element | list[Element]]:
    flat: list[Element] = []
    for r in regions:
        flat.extend(r if isinstance(r, list) else [r])
    inside: set[Element] = set()
    for el in flat:
        for anc in el.iterancestors():
            if anc in flat:
                inside.add(el)
                break
    out: list[Element | list[Element]] = []
    seen: set[Element] = set()
    for r in regions:
        els = [e for e in (r if isinstance(r, list) else [r]) if e not in inside and e not in seen]
        seen.update(els)
        if els:
            out.append(els if isinstance(r, list) else els[0])
    return out


def _item_kind(el: Element) -> str | None:
    if SCHEMA_COMMENT.search(el.get("itemtype") or ""):
        return "schema"
    tok = _matches(el, COMMENT_ITEM_HINT)
    if tok:
        return f"{el.tag}.{DIGITS.sub('', tok.casefold())}"
    return None


def _items(region: list[Element]) -> list[tuple[Element, str]]:
    found: list[tuple[Element, str]] = []
    for top in region:
        for el in top.iter():
            if (isinstance(el.tag, str) and el is not top) or len(region) > 1:
                kind = _item_kind(el) if isinstance(el.tag, str) else None
                if kind:
                    found.append((el, kind))
    if not found:
        return []
    # the outermost kind wins: li.comment over its article.comment-body
    depth_of: dict[str, int] = {}
    for el, kind in found:
        d = sum(1 for _ in el.iterancestors())
        depth_of[kind] = min(depth_of.get(kind, 10**6), d)
    kind = min(depth_of, key=lambda k: (depth_of[k], k != "schema"))
    return [(el, k) for el, k in found if k == kind]


def _skip_text(el: Element) -> bool:
    tag = el.tag
    if not isinstance(tag, str) or tag in DROP_TAGS or tag == "form":
        return True
    return any(COMMENT_CONTROL_HINT.search(t) for t in _tokens(el))


def _text_without(el: Element, skip: set[Element]) -> str:
    parts: list[str] = []

    def walk(node: Element, depth: int) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if child not in skip and not _skip_text(child) and depth < 100:
                if child.tag in ("p", "div", "br", "li", "blockquote", "pre"):
                    parts.append("\n")
                walk(child, depth + 1)
            if child.tail:
                parts.append(child.tail)

    walk(el, 0)
    return collapse_keep_lines("".join(parts))


def _first(
    el: Element, skip: set[Element], test: Iterable[str] | None, pattern: re.Pattern[str]
) -> Element | None:
    for d in el.iterdescendants():
        if not isinstance(d.tag, str) or any(d is s or s in d.iterancestors() for s in skip):
            continue
        if test is not None and (d.get("itemprop") or "") in test:
            return d
        if any(pattern.search(t) for t in _tokens(d)):
            return d
    return None


def _depth(el: Element, items: set[Element], region: list[Element]) -> int:
    depth = 0
    for anc in el.iterancestors():
        if anc in items:
            depth += 1
        if anc in region:
            break
    if depth == 0:
        for attr in INDENT_ATTRS:
            holder = el if el.get(attr) else next((d for d in el.iter() if d.get(attr)), None)
            if holder is not None:
                try:
                    return int(holder.get(attr) or 0)
                except ValueError:
                    pass
        spacer = el.find(".//td/img[@width]")
        if spacer is not None:
            try:
                return int(spacer.get("width") or 0) // SPACER_WIDTH_PER_LEVEL
            except ValueError:
                return 0
    return depth


def read_comment(el: Element, nested: set[Element], depth: int) -> Comment | None:
    skip = {n for n in nested if n is not el and el in n.iterancestors()}
    author_el = _first(el, skip, ("author", "creator"), COMMENT_AUTHOR_HINT)
    if author_el is None:
        author_el = next((c for c in el.iter("cite") if not skip & set(c.iterancestors())), None)
    author = collapse(text_content(author_el)) if author_el is not None else None
    if author and (len(author) > MAX_AUTHOR_CHARS or author.count(" ") > 6):
        author = None
    author = author.removesuffix(" says:").removesuffix(" says") if author else None
    published: str | None = None
    age: str | None = None
    date_el = next((t for t in el.iter("time") if not skip & set(t.iterancestors())), None)
    if date_el is None:
        date_el = _first(el, skip, ("dateCreated", "datePublished", "commentTime"), COMMENT_DATE_HINT)
    if date_el is not None:
        label = collapse(text_content(date_el))
        published = iso_date(
            date_el.get("datetime") or date_el.get("content") or date_el.get("title") or label
        )
        age = parse_age(label) if label else None
    text_el = _first(el, skip, ("text", "commentText", "description"), COMMENT_TEXT_HINT)
    if text_el is not None and author_el is not None and text_el in author_el.iterancestors():
        text_el = None
    if text_el is not None:
        text = _text_without(text_el, skip)
    else:
        drop = set(skip)
        for part in (author_el, date_el):
            if part is not None:
                drop.add(part)
        text = _text_without(el, drop)
    if not text:
        return None
    return Comment(text=text, author=author or None, published=published, age=age, depth=depth)


def extract_comments(root: Element, found: Scan | None = None) -> Comments:
    """Read the comments and remove their region(s) from ``root`` (``found``:
    a :func:`~newsextract.html.scan.scan` of ``root``; it learns what was removed)."""
    comments = Comments()
    for region in find_regions(root, found):
        els = region if isinstance(region, list) else [region]
        comments.found = True
        items = _items(els)
        nested = {el for el, _ in items}
        for el, _ in items:
            comment = read_comment(el, nested, _depth(el, nested, els))
            if comment is not None:
                comments.items.append(comment)
        for el in els:
            if el.getparent() is not None:
                drop_tree(el)
                if found is not None:
                    found.dropped.append(el)
    return comments
