"""The text-dump path.

    split lines -> features -> classify -> sections -> article region
    -> title, byline, body blocks -> comments -> related teasers

Each step is its own module; :func:`analyse` exposes the intermediate labels
for ``newsextract parse --explain``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import chain, groupby
from typing import Final

from .. import dates
from ..language import SAMPLE_CHARS, detect_language, lower_words_by_line
from ..model import Article, Comments, Document, Source, Teaser
from . import features
from .article import (
    best_region,
    build_blocks,
    cut_at_comments,
    find_title,
    first_title_line,
    is_headline,
    read_header,
)
from .classify import classify
from .comments import comments_from_spans
from .lines import Line, split_lines
from .related import parse_teasers, read_also_teaser
from .sections import assign_zones

#: Language detection reads lines at least this long (menus say little).
LANGUAGE_LINE_CHARS: Final = 40


@dataclass(slots=True)
class Analysis:
    lines: list[Line]
    zones: list[str | None]
    region: tuple[int, int] | None
    title: int | None
    language: str | None
    memo: dates.DocumentDates  # what classify parsed, for the later stages


def _language_lines(lines: list[Line]) -> list[Line]:
    """The long lines that language detection reads: joined by newlines, cut
    at SAMPLE_CHARS (which may cut the last one), they make the sample."""
    parts: list[Line] = []
    size = 0
    for ln in lines:
        if len(ln.text) >= LANGUAGE_LINE_CHARS:
            parts.append(ln)
            size += len(ln.text) + 1
            if size >= SAMPLE_CHARS:
                break
    return parts


def _language_sample(lines: list[Line]) -> str:
    """The long lines, as much of them as language detection reads."""
    return "\n".join([ln.text for ln in _language_lines(lines)])


def _sample_words(sample: str, whole: list[list[str]]) -> list[str]:
    """``lower_words(sample[:SAMPLE_CHARS])``, split line by line (see
    :func:`.language.lower_words_by_line`).  The words of each line the cut
    leaves whole are appended to ``whole``, for its stopword density."""
    by_line = lower_words_by_line(sample[:SAMPLE_CHARS])
    whole += by_line[:-1] if len(sample) > SAMPLE_CHARS else by_line  # (the cut line's words are not its own)
    return list(chain.from_iterable(by_line))


def analyse(text: str) -> Analysis:
    lines = split_lines(text)
    sample_lines = _language_lines(lines)
    # The sample's lines are split into words once, for the language and for
    # their stopword density (classify reads it for long lines).
    whole_words: list[list[str]] = []
    if sample_lines:
        sample = "\n".join([ln.text for ln in sample_lines])
        language = detect_language(sample, lambda: _sample_words(sample, whole_words))
    else:
        language = detect_language(text)
    profile = features.Profile.for_language(language)
    features.compute(lines, profile)
    if whole_words:  # (the stopwords decided the language)
        features.set_densities(sample_lines, whole_words, profile)
    memo = dates.DocumentDates()  # one per document
    classify(lines, profile, memo)
    zones = assign_zones(lines)
    region = best_region(lines, zones)
    if region is not None:
        region = cut_at_comments(lines, zones, region)
        title = find_title(lines, zones, *region)
        if title is None and region[0] < region[1] and is_headline(lines[region[0]]):
            title = region[0]  # the dump starts with the headline (daily8)
        if title is not None and region[0] <= title < region[1]:
            region = (title + 1, region[1])
    else:
        title = first_title_line(lines, zones)
    return Analysis(lines, zones, region, title, language, memo)


#: Several tags on one line: "#Xiaomi #EV", "xiaomi, electric cars, China".
# `(?:(?<!\s)|(?!\s))`: never start inside a run of spaces (the leftmost match
# starts at its first space anyway), so a long run is not retried from each space.
TAG_SEPARATORS: Final = re.compile(r"(?:(?<!\s)|(?!\s))(?:\s*[,;|،、]\s*|\s+(?=#))")


def zone_spans(zones: list[str | None]) -> list[tuple[str | None, int, int]]:
    """The runs of lines in the same zone: (zone, first line, end), in page order."""
    spans: list[tuple[str | None, int, int]] = []
    start = 0
    for zone, run in groupby(zones):
        end = start + len(list(run))
        spans.append((zone, start, end))
        start = end
    return spans


def split_tags(line: str) -> list[str]:
    return [tag for tag in TAG_SEPARATORS.split(line) if tag.strip("# ")]


def parse_text(text: str, *, url: str | None = None, source: Source | None = None) -> Document:
    a = analyse(text)
    lines, zones = a.lines, a.zones
    article = Article(url=url, language=a.language)
    if a.title is not None:
        article.title = lines[a.title].text
    related: list[Teaser] = []
    positions: dict[int, int] = {}  # teaser -> line, for page order
    end = -1
    if a.region is not None:
        start, end = a.region
        header_from = a.title + 1 if a.title is not None and a.title < start else max(0, start - 3)
        header = read_header(lines, header_from, min(start + 3, end + 1), a.memo)
        article.authors = header.authors
        article.published = header.published
        article.site_name = header.site_name
        region_lines = lines[start : end + 1]
        article.blocks = build_blocks(
            region_lines, zones, header.used | ({a.title} if a.title is not None else set())
        )
        for ln in [ln for ln in region_lines if ln.label == "read_also"]:  # a few lines at most
            if zones[ln.index] is None:
                teaser = read_also_teaser(ln)
                if teaser:
                    related.append(teaser)
                    positions[id(teaser)] = ln.index
    elif a.title is not None:
        header = read_header(lines, a.title + 1, min(a.title + 4, len(lines)), a.memo)
        article.authors, article.published, article.site_name = (
            header.authors,
            header.published,
            header.site_name,
        )
    spans = zone_spans(zones)
    article.tags = [
        tag
        for zone, i, j in spans
        if zone == "tags"
        for ln in lines[i:j]
        if ln.label != "tags"
        for tag in split_tags(ln.text)
    ]
    comments: Comments = comments_from_spans(
        lines, [(i, j) for zone, i, j in spans if zone == "comments"], end, a.memo
    )
    for zone, i, j in spans:
        if zone == "related":
            for teaser in parse_teasers(lines[i:j], a.memo):
                related.append(teaser)
                positions[id(teaser)] = i
    related.sort(key=lambda t: positions.get(id(t), len(lines)))
    return Document(article=article, comments=comments, related=related, source=source or Source(kind="text"))
