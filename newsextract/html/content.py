"""Main-content detection: which segments are the article body.

Three steps, each a plain function:

1. :func:`classify` labels each segment on its own (jusText-like): *good*
   prose (long, few links), *medium* prose, *bad* (link lists, chrome lines,
   text inside chrome containers) or *neutral* (short: headings, labels).
2. :func:`best_container` scores every block element by the prose it holds
   minus a share of the boilerplate it holds (text density and link density
   in one number; class/id hints nudge it) and picks the best one, the
   smallest container that takes in the article's paragraphs but not the
   page's link lists.
3. :func:`select` keeps the segments of that container that are not in
   chrome, not link lists, not bylines or captions, and revises short ones from
   their neighbours (a heading followed by prose stays, a label among link
   lists goes).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from enum import IntEnum

from .. import lexicon
from ..dates import find_date
from .hints import (
    BAD_TEXT_WEIGHT,
    CHROME_PENALTY,
    CHROME_VETO_MIN_BLOCKS,
    CHROME_VETO_SHARE,
    LEAD_WINDOW,
    LISTING_HEADINGS_PER_BLOCK,
    LISTING_MIN_LINKED_HEADINGS,
    LONG_BLOCK_CHARS,
    MARKUP_TEXT,
    MAX_LINK_DENSITY,
    MAX_LINK_DENSITY_LONG,
    MEDIUM_WEIGHT,
    MIN_ARTICLE_CHARS,
    MIN_RELAXED_CHARS,
    MIN_RELAXED_WORDS,
    POSITIVE_BOOST,
    PROSE_HEADING_CHARS,
    SHORT_BLOCK_CHARS,
    SIBLING_MIN_SCORE,
    SIBLING_SHARE,
    TEASER_CARD_CHARS,
)
from .segments import Segment, is_chrome, is_positive
from .tree import Element


class Label(IntEnum):
    BAD = 0
    NEUTRAL = 1
    MEDIUM = 2
    GOOD = 3


#: Elements that hold one paragraph: the article is their parent.
LEAF_TAGS: frozenset[str] = frozenset(
    {
        "p",
        "span",
        "blockquote",
        "li",
        "dd",
        "pre",
        "td",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "font",
        "b",
        "strong",
        "em",
    }
)
#: Chrome tags whose text is never the standfirst (a header or a
#: ``div.teaser-text`` under the headline can be).
NOT_LEAD_CHROME_TAGS: frozenset[str] = frozenset({"nav", "aside", "footer", "menu", "form"})
#: Nested chrome-named wrappers around an article are rare; three levels is plenty.
MAX_CHROME_VETOES = 3
#: Sentence-ending punctuation in any script (Latin, CJK, Arabic, Devanagari).
SENTENCE_END = re.compile(r"[.!?…:;\"'”’»)。！？؟।]\s*$")
#: Any digit (of any script).
DIGIT = re.compile(r"\d")
#: Prose has words; a line of numbers, symbols or one token is not prose.
WORDS = re.compile(r"\w+")
#: Scripts written without spaces count characters, not words.
CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
#: A byline/dateline of at most this many characters is metadata, not body.
MAX_BYLINE_CHARS = 120
#: A caption credit line ("Photo: Reuters", "© AP") is at most this long.
MAX_CREDIT_CHARS = 80
#: Photo credits: a copyright sign or an agency-style "Photo:" label.
CREDIT_LINE = re.compile(
    r"^(?:©|\(c\)|copyright\b)|(?:©|\bGetty Images|\bShutterstock)\s*\S*\s*$", re.IGNORECASE
)


#: A caption is at most this long...
MAX_CAPTION_CHARS = 200
#: ...and may end with its credit in parentheses: "(Image: GETTY)",
#: "(Photo: Reuters)", "(Foto: dpa)", "(Bild: Keystone)".
CAPTION_CREDIT = re.compile(
    r"\((?:images?|photos?|pictures?|pic|credit|source|foto|fotos|bild|imagen|crédit)\s*:[^()]{1,60}\)\s*$",
    re.IGNORECASE,
)


def link_density(seg: Segment) -> float:
    return seg.link_chars / seg.chars if seg.chars else 0.0


def is_prose(seg: Segment) -> bool:
    """Sentence-like: several words and sentence punctuation."""
    text = seg.text
    if CJK.search(text):
        return len(text) >= 20
    return len(WORDS.findall(text)) >= 6 and bool(SENTENCE_END.search(text) or "," in text)


def is_prose_heading(seg: Segment) -> bool:
    """Sentences set in heading markup (a standfirst in an ``<h2>``, a post
    written in ``<h4>``): longer than any headline and prose-like."""
    return seg.chars >= PROSE_HEADING_CHARS and is_prose(seg)


def is_anchor_heading(seg: Segment) -> bool:
    """A heading that links only to a place on its own page (``<h2><a
    href="#usage">Usage</a></h2>``, the permalink of a documentation
    section): a section title, not a link to elsewhere."""
    return bool(seg.heading and seg.links) and all(len(h) > 1 and h[0] == "#" for h, _ in seg.links)


def classify(seg: Segment) -> Label:
    density = 0.0 if is_anchor_heading(seg) else link_density(seg)
    if MARKUP_TEXT.match(seg.text):
        return Label.BAD
    if seg.rows is not None:
        return Label.BAD if density > MAX_LINK_DENSITY_LONG else Label.MEDIUM
    if seg.heading:
        if density > MAX_LINK_DENSITY:
            return Label.BAD if seg.chars < LONG_BLOCK_CHARS else Label.NEUTRAL
        # sentences in heading markup are prose; inside chrome (a blog's
        # tagline in its header) only the standfirst rule may take them
        return Label.GOOD if seg.chrome < 0 and is_prose_heading(seg) else Label.NEUTRAL
    if seg.chars >= LONG_BLOCK_CHARS and not seg.pre:
        if density > MAX_LINK_DENSITY_LONG or (density > MAX_LINK_DENSITY and not is_prose(seg)):
            return Label.BAD
        return Label.GOOD
    if density > MAX_LINK_DENSITY:
        return Label.BAD
    if seg.pre:
        return Label.MEDIUM if seg.chars >= SHORT_BLOCK_CHARS else Label.NEUTRAL
    if seg.chars < SHORT_BLOCK_CHARS:
        return Label.NEUTRAL
    if seg.caption:
        return Label.NEUTRAL
    return Label.MEDIUM if is_prose(seg) else Label.NEUTRAL


def _weight(label: Label, seg: Segment) -> float:
    if label == Label.GOOD:
        return float(seg.chars)
    if label == Label.MEDIUM:
        return MEDIUM_WEIGHT * seg.chars
    if label == Label.BAD:
        return -BAD_TEXT_WEIGHT * seg.chars
    return 0.0


def veto_chrome(segments: Sequence[Segment], labels: Sequence[Label]) -> None:
    """A "chrome" container that holds most of the page's prose is not chrome
    (``div.paywall`` around the story, ``div.header-style-2`` around the whole
    page, a sticky-sidebar script's wrapper around the main column): its
    segments take the next chrome container inside it, if any."""
    total = sum(seg.chars for seg, label in zip(segments, labels, strict=True) if label >= Label.MEDIUM)
    cache: dict[Element, bool] = {}
    for _ in range(MAX_CHROME_VETOES):
        held: dict[Element, int] = {}
        count: dict[Element, int] = {}
        for seg, label in zip(segments, labels, strict=True):
            if label >= Label.MEDIUM and seg.chrome >= 0:
                el = seg.path[seg.chrome]
                held[el] = held.get(el, 0) + seg.chars
                count[el] = count.get(el, 0) + 1
        vetoed = {
            el
            for el, chars in held.items()
            if chars > CHROME_VETO_SHARE * total and count[el] >= CHROME_VETO_MIN_BLOCKS
        }
        if not vetoed:
            return
        for seg in segments:
            if seg.chrome >= 0 and seg.path[seg.chrome] in vetoed:
                nxt = -1
                for i in range(seg.chrome + 1, len(seg.path)):
                    el = seg.path[i]
                    if el not in cache:
                        cache[el] = is_chrome(el, el.tag)
                    if cache[el]:
                        nxt = i
                        break
                seg.chrome = nxt


@dataclass(slots=True)
class Choice:
    """The article's container, the siblings that continue it, and whether
    it lies inside chrome."""

    container: Element
    roots: list[Element]
    in_chrome: bool
    #: :func:`root_depth` of each segment for ``roots``.
    depths: list[int]


def best_container(
    segments: Sequence[Segment], labels: Sequence[Label], *, allow_chrome: bool = True
) -> Choice | None:
    """The block element whose prose minus boilerplate is largest, plus its
    siblings that hold a good share of prose too (Readability's sibling
    step: an article split by an ad or a photo into two containers)."""
    scores: dict[Element, float] = {}
    get = scores.get
    # the elements inside chrome that have prose below them (only those can
    # score above zero, so only those need to be known)
    in_chrome: set[Element] = set()
    for seg, label in zip(segments, labels, strict=True):
        w = _weight(label, seg)
        if not w:
            continue
        cut = seg.chrome
        if label == Label.BAD or cut < 0:
            for el in seg.path:
                scores[el] = get(el, 0.0) + w
        else:
            # prose inside a chrome container is boilerplate for the page
            # around it, and body text only for containers inside that one
            path = seg.path
            bad = -BAD_TEXT_WEIGHT * seg.chars
            for el in path[:cut]:
                scores[el] = get(el, 0.0) + bad
            inner = path[cut:]
            for el in inner:
                scores[el] = get(el, 0.0) + w
            in_chrome.update(inner)
    best: Element | None = None
    best_score = 0.0
    for el, score in scores.items():
        if score <= 0:
            continue
        if is_positive(el):
            score *= POSITIVE_BOOST
        if el in in_chrome:
            if not allow_chrome:
                continue
            score *= CHROME_PENALTY
        if score > best_score:
            best, best_score = el, score
    if best is None:
        return None
    parent = best.getparent()
    if best.tag in LEAF_TAGS and parent is not None and parent.tag not in ("body", "html"):
        best = parent  # a paragraph is part of an article, never all of it
    roots = [best]
    parent = best.getparent()
    if parent is not None and best not in in_chrome:
        floor = max(SIBLING_MIN_SCORE, SIBLING_SHARE * scores.get(best, 0.0))
        roots = [
            el
            for el in parent
            if el is best
            or (
                el not in in_chrome
                and (
                    scores.get(el, 0.0) >= floor
                    or (el.tag == "p" and scores.get(el, 0.0) >= SIBLING_MIN_SCORE)
                )
            )
        ]
    return Choice(best, roots, best in in_chrome, root_depths(segments, roots))


def root_depths(segments: Sequence[Segment], roots: Sequence[Element]) -> list[int]:
    """:func:`root_depth` of every segment.  Sibling roots have the same block
    ancestors, so they sit at the same index of every path that holds one."""
    rootset = set(roots)
    k = -1
    for seg in segments:
        for root in roots:
            if root in seg.path:
                k = seg.path.index(root)
                break
        if k >= 0:
            break
    if k < 0:
        return [-1] * len(segments)
    return [k if len(seg.path) > k and seg.path[k] in rootset else -1 for seg in segments]


def is_chrome_line(seg: Segment) -> bool:
    """ "Share", "Advertisement", "Follow us on ...": page chrome in words."""
    return seg.chars < SHORT_BLOCK_CHARS and (
        lexicon.is_phrase(seg.text, "chrome_line") or lexicon.starts_with_phrase(seg.text, "chrome_prefix") is not None
    )


def is_byline(seg: Segment) -> bool:
    """ "By Jane Doe", "Par ...", a dateline alone: article metadata, not body."""
    if seg.chars > MAX_BYLINE_CHARS:
        return False
    if lexicon.starts_with_phrase(seg.text, "byline_prefix"):
        return True
    if not DIGIT.search(seg.text):
        return False  # every date find_date reads has a number
    found = find_date(seg.text)
    return bool(found and len(found[0]) >= 0.6 * len(seg.text.strip()))


def is_credit(seg: Segment) -> bool:
    """A credit line, or a photo caption that ends with its credit in
    parentheses ("Protesters wore masks (Image: GETTY)") outside caption markup."""
    if seg.chars <= MAX_CREDIT_CHARS and CREDIT_LINE.search(seg.text):
        return True
    return seg.chars <= MAX_CAPTION_CHARS and seg.text.endswith(")") and bool(CAPTION_CREDIT.search(seg.text))


def root_depth(seg: Segment, roots: Sequence[Element]) -> int:
    """Index in ``seg.path`` of the root that holds it, -1 when none does."""
    path = seg.path
    for root in roots:
        if root in path:
            return path.index(root)
    return -1


def select(
    segments: Sequence[Segment], labels: Sequence[Label], depths: Sequence[int], title: str | None
) -> list[Segment]:
    """The body segments inside the chosen roots (the container and its
    siblings; ``depths`` from :func:`root_depths`), in page order."""
    inside: list[tuple[Segment, Label]] = []
    for seg, label, depth in zip(segments, labels, depths, strict=True):
        if depth < 0:
            continue
        if seg.chrome > depth:
            continue  # chrome nested inside the article: share bars, ads, boxes
        if seg.caption and (seg.chars < LONG_BLOCK_CHARS or is_credit(seg)):
            continue
        inside.append((seg, label))

    # rows of a table that hold prose (a description column): their short
    # cells (a name, a year, a linked title) belong to the same entry
    prose_rows = {_row_of(seg) for seg, label in inside if label >= Label.MEDIUM and seg.chars >= LONG_BLOCK_CHARS}
    prose_rows.discard(None)
    kept: list[Segment] = []
    for i, (seg, label) in enumerate(inside):
        if prose_rows and seg.chars < SHORT_BLOCK_CHARS and _row_of(seg) in prose_rows:
            kept.append(seg)
            continue
        # a data table of links (names, model ids) between two paragraphs is
        # part of the text around it, not a link list
        if label == Label.BAD and not (
            seg.rows is not None and _neighbour_is_prose(inside, i, -1) and _neighbour_is_prose(inside, i, 1)
        ):
            continue
        short = label == Label.NEUTRAL or (label == Label.MEDIUM and seg.chars < LONG_BLOCK_CHARS)
        if short and (is_chrome_line(seg) or is_byline(seg) or is_credit(seg)):
            continue
        if label == Label.NEUTRAL:
            prev_good = _neighbour_is_prose(inside, i, -1)
            next_good = _neighbour_is_prose(inside, i, 1)
            if seg.heading or seg.list_item is not None:
                if not next_good and not (seg.list_item is not None and prev_good):
                    continue
            elif not (prev_good and next_good):
                continue
        kept.append(seg)
    return _drop_title(kept, title)


def add_lead(
    segments: Sequence[Segment], labels: Sequence[Label], kept: list[Segment], title: str | None
) -> list[Segment]:
    """The standfirst rule: prose between the headline and the first body
    paragraph is the article's lead (dek, intro, summary), even when the page
    put it outside the body container or in a container named like chrome
    (``header``, ``div.teaser-text``, ``p.article-teaser``).  Only a few
    segments right under the headline are looked at, and only long prose
    (a full paragraph, or sentences in heading markup) with few links that is
    not a caption, a byline or a credit: datelines and kickers are shorter."""
    if not kept:
        return kept
    position = {id(s): i for i, s in enumerate(segments)}
    # the first body paragraph: the headline may be kept as a heading before it
    first = next((s for s in kept if not s.heading), kept[0])
    start = position[id(first)]
    key = lexicon.normalize(title) if title else None
    head = -1
    for i in range(start - 1, max(-1, start - 1 - LEAD_WINDOW), -1):
        seg = segments[i]
        if seg.heading == 1 or (seg.heading and key and lexicon.normalize(seg.text) == key):
            head = i
            break
    if head < 0:
        return kept
    taken = {id(s) for s in kept}
    lead = [
        seg
        for seg, label in zip(segments[head + 1 : start], labels[head + 1 : start], strict=True)
        if id(seg) not in taken
        and (label == Label.GOOD or (seg.heading and is_prose_heading(seg)))
        and _can_lead(seg)
    ]
    if not lead:
        return kept
    return sorted(kept + lead, key=lambda s: position[id(s)])


def _can_lead(seg: Segment) -> bool:
    if seg.caption or seg.rows is not None or link_density(seg) > MAX_LINK_DENSITY:
        return False
    if "©" in seg.text:
        return False  # a photo caption with its credit, not marked as a caption
    if seg.chrome >= 0 and seg.path[seg.chrome].tag in NOT_LEAD_CHROME_TAGS:
        return False
    return not (is_byline(seg) or is_credit(seg) or is_chrome_line(seg))


def _row_of(seg: Segment) -> Element | None:
    """The table row of a table cell's segment, None for other segments."""
    path = seg.path
    if len(path) >= 2 and path[-1].tag in ("td", "th") and path[-2].tag == "tr":
        return path[-2]
    return None


def _neighbour_is_prose(items: Sequence[tuple[Segment, Label]], i: int, step: int) -> bool:
    """Whether the nearest non-neutral neighbour in direction ``step`` is
    prose.  Short link lines ("Read more: ...") in between are skipped: an
    insert between two paragraphs does not cut the article in two."""
    j = i + step
    while 0 <= j < len(items):
        seg, label = items[j]
        if label != Label.NEUTRAL and not (label == Label.BAD and seg.chars < LONG_BLOCK_CHARS):
            return label >= Label.MEDIUM
        j += step
    return False


def _drop_title(kept: list[Segment], title: str | None) -> list[Segment]:
    """The title is not repeated as the first body block."""
    if not kept or not title:
        return kept
    key = lexicon.normalize(title)
    for k, seg in enumerate(kept[:3]):
        if seg.heading and lexicon.normalize(seg.text) == key:
            return kept[:k] + kept[k + 1 :]
    return kept


def body_chars(segments: Sequence[Segment], labels: Sequence[Label]) -> int:
    return sum(s.chars for s, lab in zip(segments, labels, strict=True) if lab >= Label.MEDIUM)


def is_listing(segments: Sequence[Segment], depths: Sequence[int], url: str | None = None) -> bool:
    """An index page: the container shows many linked headings (teaser
    titles) and little prose per heading; or it is one teaser card (a
    heading that links elsewhere over a summary shorter than any article)."""
    linked = prose = longest = total = 0
    for s, depth in zip(segments, depths, strict=True):
        if depth < 0:
            continue
        if s.heading and s.first_link_start and link_density(s) > 0.8:
            if not _links_to(s, url) and not is_anchor_heading(s):
                linked += 1  # a headline linking to its own page is no teaser
        elif not s.heading:
            total += s.chars
            if s.chars >= LONG_BLOCK_CHARS:
                prose += 1
        longest = max(longest, s.chars)
    if linked and prose <= 1 and total < TEASER_CARD_CHARS:
        return True
    return (
        linked >= LISTING_MIN_LINKED_HEADINGS
        and linked >= LISTING_HEADINGS_PER_BLOCK * max(prose, 1)
        and longest < 3 * LONG_BLOCK_CHARS
    )


def _links_to(seg: Segment, url: str | None) -> bool:
    """Whether the first link of ``seg`` points at ``url`` (the page itself)."""
    href = seg.links[0][0].strip().rstrip("/") if seg.links else ""
    return bool(url and href and href != "#" and url.rstrip("/").endswith(href.split("://")[-1]))


def enough_text(kept: Sequence[Segment], *, relaxed: bool = False) -> bool:
    total = sum(s.chars for s in kept)
    return total >= (MIN_RELAXED_CHARS if relaxed else MIN_ARTICLE_CHARS)


def relaxed(segments: Sequence[Segment], labels: Sequence[Label]) -> list[Label]:
    """Labels for the second try: a short sentence outside links counts as
    medium prose."""
    out = list(labels)
    for i, (seg, label) in enumerate(zip(segments, labels, strict=True)):
        if (
            label == Label.NEUTRAL
            and not seg.heading
            and link_density(seg) <= MAX_LINK_DENSITY
            and len(WORDS.findall(seg.text)) >= MIN_RELAXED_WORDS
        ):
            out[i] = Label.MEDIUM
    return out
