"""Related-article teasers: find the blocks, read one record per teaser, take
them out of the tree.

Blocks:

* containers named like a teaser block (``.related``, ``.more-stories``,
  ``.most-read``, ``#taboola``...) whose text is mostly links;
* a heading whose text is a related heading in any language ("Related",
  "Read more", "Lesen Sie auch", "Articles connexes", "Most read"...): its
  section, when that section is mostly links.

Each teaser is one repeated item (``<li>``, ``<article>``, a card ``<div>``)
with a link: title (its heading or longest link text), absolute URL, source,
date or age, and summary when shown.  In-body inserts ("Read also: ...") are
handled by :func:`insert_teaser` on body segments.
"""

from __future__ import annotations

import itertools

from .. import lexicon
from ..dates import find_date, parse_age
from ..model import Teaser
from .hints import (
    HEADING_TAGS,
    MAX_INSERT_CHARS,
    MIN_TEASER_TITLE_CHARS,
    TEASER_SOURCE_HINT,
    TEASER_SUMMARY_HINT,
)
from .metadata import iso_date, strip_phrase_prefix
from .scan import Scan, scan
from .segments import Segment, hint_of
from .text import absolute_url, collapse, element_text
from .tree import Element, drop_tree, holds_article, source_line, text_content

#: A teaser block is mostly link text (teaser summaries bring it down to
#: about half; an article body has far less).
MIN_REGION_LINK_SHARE = 0.4
#: An article section is not a teaser block even when it has a teaser-like
#: class: its longest paragraph is longer than any teaser summary.
MAX_SUMMARY_CHARS = 500
#: Tags of one teaser item.
ITEM_TAGS: frozenset[str] = frozenset({"li", "article", "div", "section", "tr", "dd", "p", "figure"})
#: A heading is a teaser title when a link holds this share of its text.
LINKED_HEADING_SHARE = 0.8
#: A list of teaser cards has at least this many items...
MIN_TEASER_ITEMS = 3
#: ...each at most this long (a title, a byline, a date and a short summary).
MAX_TEASER_ITEM_CHARS = 700
#: The items hold at least this share of their parent's text for the parent
#: to be the teaser block (else only the items are).
MIN_TEASER_LIST_SHARE = 0.6


def _link_share(els: list[Element]) -> tuple[float, int]:
    total = links = longest = 0
    for el in els:
        total += len(text_content(el).strip())
        links += sum(len(text_content(a).strip()) for a in el.iter("a"))
        for p in el.iter("p"):
            longest = max(longest, len(text_content(p)))
    return (links / total if total else 0.0), longest


def _is_teaser_block(els: list[Element]) -> bool:
    if any(holds_article(el) for el in els):
        return False
    share, longest = _link_share(els)
    return share >= MIN_REGION_LINK_SHARE and longest <= MAX_SUMMARY_CHARS


def find_regions(root: Element, found: Scan | None = None) -> list[list[Element]]:
    """The teaser blocks of ``root``, outermost only (``found``: a scan of
    ``root`` made before, else one is made here)."""
    if found is None:
        found = scan(root)
    attached = found.attached
    regions: list[list[Element]] = []
    taken: set[Element] = set()  # inside one of these, a candidate would be dropped below anyway

    def inside_taken(el: Element) -> bool:
        return bool(taken) and any(anc in taken for anc in el.iterancestors())

    for el in found.related_regions:  # page order: outer blocks come first
        if attached(el) and not inside_taken(el) and _is_teaser_block([el]):
            regions.append([el])
            taken.add(el)
    for el in found.related_headings:
        if attached(el) and not inside_taken(el):
            section = _teaser_section(el)
            if section:
                regions.append(section)
    regions.extend(teaser_lists([h for h in found.subheadings if attached(h)]))
    # keep the outermost
    flat = {e for r in regions for e in r}
    out: list[list[Element]] = []
    for r in regions:
        if not any(anc in flat for e in r for anc in e.iterancestors()) and r not in out:
            out.append(r)
    return out


def _teaser_section(heading: Element) -> list[Element]:
    """The teaser block a related heading opens: its parent when that holds
    only the heading and teasers, else the heading and the link-dense
    siblings right after it."""
    parent = heading.getparent()
    if parent is not None and parent.tag not in ("body", "html"):
        children = [c for c in parent if isinstance(c.tag, str)]
        if len(children) > 1 and children.index(heading) <= 1 and _is_teaser_block([parent]):
            return [parent]
    section = [heading]
    for sib in heading.itersiblings():
        if not isinstance(sib.tag, str):
            continue
        if sib.tag in HEADING_TAGS or not _is_teaser_block([sib]):
            break
        section.append(sib)
    return section if len(section) > 1 else []


def teaser_lists(headings: list[Element]) -> list[list[Element]]:
    """Lists of teaser cards found by their shape alone, in any language: at
    least :data:`MIN_TEASER_ITEMS` sibling items, each short and opening with
    a heading that is a link (title, then byline, date, summary)."""
    by_parent: dict[Element, list[Element]] = {}
    for heading in headings:
        if not _is_linked_heading(heading):
            continue
        item = heading
        parent = item.getparent()
        while parent is not None and parent.tag not in ("body", "html"):
            if sum(1 for sib in parent if sib.tag == item.tag) >= MIN_TEASER_ITEMS:
                break
            item, parent = parent, parent.getparent()
        if parent is None or item is heading or parent.tag in ("body", "html"):
            continue
        by_parent.setdefault(parent, []).append(item)
    out: list[list[Element]] = []
    for parent, items in by_parent.items():
        if len(items) < MIN_TEASER_ITEMS or holds_article(parent):
            continue
        sizes = [len(text_content(item).strip()) for item in items]
        if max(sizes) > MAX_TEASER_ITEM_CHARS:
            continue
        if sum(sizes) >= MIN_TEASER_LIST_SHARE * len(text_content(parent).strip()):
            out.append([parent])
        elif _consecutive(items):
            out.append(items)  # a teaser insert between the paragraphs of a story
    return out


def _is_linked_heading(heading: Element) -> bool:
    """Headings whose text is a link: teaser titles (rare in an article)."""
    for a in heading.iter("a"):
        if a.get("href"):
            inside = len(text_content(a).strip())
            return inside > 0 and inside >= LINKED_HEADING_SHARE * len(text_content(heading).strip())
    return False


def _consecutive(items: list[Element]) -> bool:
    """Whether ``items`` are adjacent siblings (only whitespace between)."""
    return all(not (a.getnext() is not b or (a.tail or "").strip()) for a, b in itertools.pairwise(items))


def _item_of(a: Element, region: list[Element]) -> Element:
    """The teaser item around link ``a``: the nearest repeated ancestor."""
    item = a
    for anc in a.iterancestors():
        if anc in region:
            break
        item = anc
        grand = anc.getparent()
        if anc.tag in ITEM_TAGS and grand is not None:
            siblings = [s for s in grand if s.tag == anc.tag]
            if len(siblings) > 1:
                break
    return item


def read_teaser(item: Element, a: Element, base: str | None) -> Teaser | None:
    heading = next((h for h in item.iter(*HEADING_TAGS)), None)
    title = element_text(heading) if heading is not None else ""
    if not title:
        links = [element_text(x) for x in item.iter("a")]
        title = max(links, key=len, default="")
    if len(title) < MIN_TEASER_TITLE_CHARS:
        return None
    url = absolute_url(a.get("href"), base)
    source = published = age = summary = None
    for el in item.iter():
        if el is item or not isinstance(el.tag, str):
            continue
        hint = hint_of(el)
        if el.tag == "time" and not (published or age):
            label = element_text(el)
            published = iso_date(el.get("datetime") or label)
            age = parse_age(label) if label else None
        elif hint and not source and TEASER_SOURCE_HINT.search(hint):
            source = element_text(el) or None
        elif (el.tag == "p" or (hint and TEASER_SUMMARY_HINT.search(hint))) and not summary:
            text = element_text(el)
            if text and text != title and len(text) > len(title) // 2:
                summary = text
    if not (published or age):
        for piece in item.itertext():
            text = collapse(str(piece))
            if text and text != title and len(text) <= 40:
                age = parse_age(text)
                if age:
                    break
                found = find_date(text)
                if found:
                    published = found[1]
                    break
    return Teaser(title=title, url=url, source=source, published=published, age=age, summary=summary)


def extract_related(
    root: Element, base: str | None, lines: dict[int, int] | None = None, found: Scan | None = None
) -> list[Teaser]:
    """Read the teaser blocks and remove them from ``root``; ``lines`` gets the
    source line of each teaser (by ``id``) for putting them in page order;
    ``found``: a :func:`~newsextract.html.scan.scan` of ``root``."""
    teasers: list[Teaser] = []
    seen: set[str] = set()
    for region in find_regions(root, found):
        items: list[tuple[Element, Element]] = []
        for el in region:
            for a in el.iter("a"):
                if not a.get("href"):
                    continue
                item = _item_of(a, region)
                if not any(item is i for i, _ in items):
                    items.append((item, a))
        for item, a in items:
            teaser = read_teaser(item, a, base)
            key = teaser.url or teaser.title if teaser else ""
            if teaser and key not in seen:
                seen.add(key)
                teasers.append(teaser)
                line = source_line(item)
                if lines is not None and line is not None:
                    lines[id(teaser)] = line
        for el in region:
            if el.getparent() is not None:
                drop_tree(el)
    return teasers


def insert_teaser(seg: Segment, base: str | None) -> Teaser | None:
    """A "Read also: <link>" insert inside the body, as a teaser."""
    if seg.chars > MAX_INSERT_CHARS or not seg.links:
        return None
    if not lexicon.starts_with_phrase(seg.text, "read_also_prefix"):
        return None
    href, text = max(seg.links, key=lambda link: len(link[1]))
    title = collapse(text) or strip_phrase_prefix(seg.text, "read_also_prefix")
    if len(title) < MIN_TEASER_TITLE_CHARS or lexicon.starts_with_phrase(title, "read_also_prefix"):
        return None
    return Teaser(title=title, url=absolute_url(href, base))


def card_teaser(roots: list[Element], base: str | None) -> Teaser | None:
    """The one teaser card a section front's lead container holds."""
    for root in roots:
        for heading in root.iter(*HEADING_TAGS):
            a = next((x for x in heading.iter("a") if x.get("href")), None)
            if a is not None:
                return read_teaser(root, a, base)
    return None
