"""The HTML path: one lxml tree in, one :class:`~newsextract.model.Document` out.

    parse (lxml, no network, no entities)
      -> metadata (JSON-LD, OpenGraph, meta, microdata)       metadata.py
      -> one scan for comments and teaser candidates          scan.py
      -> comments: found, read, taken out of the tree         comments.py
      -> related teaser blocks: read, taken out of the tree   related.py
      -> segments: one walk over the rest                     segments.py
      -> main content: classify, pick container, select       content.py
      -> blocks                                               blocks.py

Comments and teasers are taken out *before* the main content is looked for, so
neither can leak into the article, and the article cannot leak into them.
"""

from __future__ import annotations

import re

from lxml import etree

from .. import lexicon
from ..language import detect_language
from ..model import Article, Comments, Document, Source, Teaser
from .blocks import to_blocks
from .comments import extract_comments
from .content import (
    Label,
    add_lead,
    best_container,
    classify,
    enough_text,
    is_byline,
    is_listing,
    relaxed,
    select,
    veto_chrome,
)
from .metadata import (
    Metadata,
    byline_authors,
    date_from_url,
    days_apart,
    extract_metadata,
    machine_dates,
    split_authors,
    strip_phrase_prefix,
    visible_date,
)
from .related import card_teaser, extract_related, insert_teaser
from .scan import scan
from .segments import Segment, Segmenter, strip_unseen
from .tree import XML_UNSAFE, Element, source_line

__all__ = ["parse_html", "parse_tree"]

#: An XML declaration: lxml refuses a declared encoding on already decoded text.
XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
#: "Be the first to comment on this article" and its kin are short.
MAX_NO_COMMENTS_CHARS = 60
#: A ``<time>`` inside these is a teaser's or the site's, not the article's.
TIME_CHROME_TAGS: frozenset[str] = frozenset({"aside", "nav", "footer"})
#: A page with at most this many characters outside chrome is all article.
TINY_PAGE_CHARS = 200
#: Bylines are looked for this many segments before the first body block.
BYLINE_WINDOW = 12
#: A dateline is looked for up to this many segments into the article...
DATELINE_AFTER = 6
#: ...in lines of at most this many characters (a date inside a paragraph is
#: what the story is about, not when it was written).
MAX_DATELINE_CHARS = 120


def _parser() -> etree.HTMLParser:
    # A new parser per call: lxml parsers are not shared across threads.
    # No network access, comments and processing instructions dropped at
    # parse time (they are never visible text); HTML parsing never loads a
    # DTD nor expands external entities.
    return etree.HTMLParser(
        encoding="utf-8",
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        recover=True,
        collect_ids=False,
    )


def parse_tree(text: str) -> Element:
    """``text`` as an lxml tree; BeautifulSoup only when lxml gives up."""
    if "<?" in text[:512]:  # the declaration, if any, opens the page
        text = XML_DECLARATION.sub("", text, count=1)
    data = text.encode("utf-8", "replace")
    root: Element | None
    try:
        root = etree.fromstring(data, parser=_parser())
    except (etree.ParserError, etree.XMLSyntaxError, ValueError):
        root = None
    if root is None or not isinstance(root.tag, str):
        from bs4 import ParserRejectedMarkup
        from lxml.html import soupparser

        try:
            # (lxml refuses the control characters BeautifulSoup passes on)
            root = soupparser.fromstring(XML_UNSAFE.sub("", text))
        except (RecursionError, ParserRejectedMarkup):
            # Markup that neither parser can read is an empty page, which is
            # what a browser shows: BeautifulSoup (and the conversion of its
            # tree) recurses once per level of markup nested thousands deep
            # in which lxml found nothing (all of it inside an unclosed
            # comment, say), and html.parser rejects a malformed marked
            # section such as ``<![m`` (found by the fuzzer).
            root = etree.fromstring(b"<html><body></body></html>", parser=_parser())
    return root


def parse_html(text: str, *, url: str | None, source: Source) -> Document:
    root = parse_tree(text)
    md = extract_metadata(root, url)
    base = url or md.url
    body = root.find("body")
    if body is None:
        body = root
    strip_unseen(body, math="<math" in text)
    found = scan(body)
    comments = extract_comments(body, found)
    if not comments.items and md.comments:
        comments.found = True
        comments.items = md.comments
    lines: dict[int, int] = {}
    related = extract_related(body, base, lines, found)
    segments = Segmenter().run(body)
    labels = [classify(seg) for seg in segments]
    veto_chrome(segments, labels)
    _note_empty_comments(segments, labels, comments)

    kept, listing = _main_content(segments, labels, md.title, related, base, lines)
    kept = add_lead(segments, labels, kept, md.title)
    if len(lines) == len(related):
        related.sort(key=lambda t: lines[id(t)])  # page order (stable for one-line pages)
    blocks = to_blocks(kept)
    md.published = _page_date(md.published, date_from_url(md.url), body)
    if not (listing and not md.is_article):  # a section front's bylines are its teasers'
        _fill_byline(md, body, segments, kept)
    md.published = md.published or md.first_time or md.title_date

    article = Article(
        title=md.title,
        blocks=blocks,
        authors=md.authors,
        published=md.published,
        site_name=md.site_name,
        url=md.url,
        language=md.language,
        description=md.description,
        image=md.image,
        tags=md.tags,
    )
    if not article.language:
        sample = article.text or " ".join(s.text for s in segments[:200])
        article.language = detect_language(sample)
    return Document(article=article, comments=comments, related=related, source=source)


def _main_content(
    segments: list[Segment],
    labels: list[Label],
    title: str | None,
    related: list[Teaser],
    base: str | None,
    lines: dict[int, int],
) -> tuple[list[Segment], bool]:
    """The body segments, with a relax-and-retry ladder (as in Readability),
    and whether the page is a listing (a section front: no article).

    1. strict labels; a container inside chrome (a sidebar, a cookie box) is
       only taken when nothing outside chrome does better;
    2. when that finds too little text, or only text inside chrome, short
       sentences count as prose and the search runs again outside chrome;
    3. when neither try finds enough text, the second one is kept however
       short it is (a one-paragraph post, a status page): as in Readability,
       the best attempt wins over none.  Chrome is not taken at this step;
    4. a page with almost no text at all (a stub, a one-line post) is its
       own article: every line outside chrome and link lists, up to
       :data:`TINY_PAGE_CHARS`.
    """
    first: list[Segment] = []
    if not any(label == Label.GOOD and seg.chrome < 0 for seg, label in zip(segments, labels, strict=True)):
        labels = relaxed(segments, labels)  # a page of short paragraphs: short sentences are its prose
    choice = best_container(segments, labels)
    if choice is not None:
        if is_listing(segments, choice.depths, base):
            _add_teaser(related, lines, card_teaser(choice.roots, base), source_line(choice.roots[0]))
            return [], True
        _take_inserts(segments, labels, choice.depths, related, base, lines)
        first = select(segments, labels, choice.depths, title)
        if enough_text(first) and not choice.in_chrome:
            return first, False
    labels = relaxed(segments, labels)
    retry = best_container(segments, labels, allow_chrome=False)
    second: list[Segment] = []
    if retry is not None and not is_listing(segments, retry.depths, base):
        _take_inserts(segments, labels, retry.depths, related, base, lines)
        second = select(segments, labels, retry.depths, title)
        if enough_text(second, relaxed=not first):
            return second, False
    if enough_text(first):
        return first, False
    return second or _tiny_page(segments, labels), False


def _tiny_page(segments: list[Segment], labels: list[Label]) -> list[Segment]:
    """A page with only a line or two of text outside chrome and link lists:
    that text is its article (a one-line post, a stub), however short."""
    text = [s for s, label in zip(segments, labels, strict=True) if s.chrome < 0 and label != Label.BAD]
    return text if 0 < sum(s.chars for s in text) <= TINY_PAGE_CHARS else []


def _take_inserts(
    segments: list[Segment],
    labels: list[Label],
    depths: list[int],
    related: list[Teaser],
    base: str | None,
    lines: dict[int, int],
) -> None:
    """In-body "Read also: ..." inserts of the article become teasers (once:
    a link the teaser blocks already gave is not repeated)."""
    for i, seg in enumerate(segments):
        if seg.links and labels[i] != Label.GOOD and depths[i] >= 0:
            teaser = insert_teaser(seg, base)
            if teaser is not None:
                labels[i] = Label.BAD
                _add_teaser(related, lines, teaser, source_line(seg.path[-1]))


def _add_teaser(
    related: list[Teaser], lines: dict[int, int], teaser: Teaser | None, line: int | None
) -> None:
    """Add ``teaser`` unless a teaser of the same link is there already."""
    if teaser is None or any((t.url or t.title) == (teaser.url or teaser.title) for t in related):
        return
    related.append(teaser)
    if line is not None:
        lines[id(teaser)] = line


def _note_empty_comments(segments: list[Segment], labels: list[Label], comments: Comments) -> None:
    """A "No comments yet" line shows an (empty) comments section; it does not
    stay in the body."""
    for i, seg in enumerate(segments):
        if (
            labels[i] == Label.NEUTRAL
            and seg.chars <= MAX_NO_COMMENTS_CHARS
            and lexicon.is_phrase(seg.text, "no_comments")
        ):
            comments.found = True
            labels[i] = Label.BAD


def _page_date(published: str | None, url_date: str | None, body: Element) -> str | None:
    """The markup's date, unless the URL's is one day off it (a UTC time
    past local midnight: the URL was written in local time); else the URL's
    date; else the first ``<time datetime>`` left in the page (teasers and
    comments are out by now) outside asides, navigation and footers."""
    if published and url_date:
        return url_date if days_apart(published, url_date) == 1 else published
    if published or url_date:
        return published or url_date
    for t, value in machine_dates(body):
        if not any(a.tag in TIME_CHROME_TAGS for a in t.iterancestors()):
            return value
    return None


def _fill_byline(md: Metadata, body: Element, segments: list[Segment], kept: list[Segment]) -> None:
    """Authors and date from a visible byline when the markup gave none."""
    if md.authors and md.published:
        return  # no article: a teaser card's byline is not the page's
    if not md.authors:
        md.authors = byline_authors(body)
    start = segments.index(kept[0]) if kept else 0
    window = segments[max(0, start - BYLINE_WINDOW) : start + 3]
    bylines = [s for s in window if is_byline(s)]
    if not md.authors:
        for seg in bylines:
            if lexicon.starts_with_phrase(seg.text, "byline_prefix"):
                line = strip_phrase_prefix(seg.text.split("\n")[0], "byline_prefix")
                md.authors = split_authors([line.split("|")[0]])[:4]
                if md.authors:
                    break
    if not md.published:
        # a dateline, then a short line near the top of the article, then any line there
        near = segments[max(0, start - BYLINE_WINDOW) : start + DATELINE_AFTER]
        md.published = (
            visible_date([s.text for s in bylines])
            or visible_date([s.text for s in near if s.chars <= MAX_DATELINE_CHARS])
            or visible_date([s.text for s in window])
        )
