"""Render a :class:`~newsextract.model.Document` for reading in a terminal, with Rich.

The view, top to bottom (sections the page lacks are left out)::

    Title
    By A and B · 2025-03-12 · Site · 640 words · 3 min read
    https://example.com/story
    ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
    Body blocks: headings, paragraphs, • lists, ▌ quotes, code, tables
    ── Comments (2) ──────────────────────────────────────────
    Alice · 2 hours ago
    comment text
    │ Bob · 1 hour ago        (a reply: one guide per level)
    │ reply text
    ── Related articles ──────────────────────────────────────
    Source · 3 hours ago
    Teaser title
    Summary, at most two lines…
    https://example.com/other

Page text is data, never markup or control.  Every string from the page goes
through :func:`clean` (or :func:`clean_line`) and becomes a :class:`rich.text.Text`,
which Rich never parses for markup or emoji; styles come only from :data:`THEME`.
Whether colour and other escape codes reach the output is the console's
business: a Rich console writing to a pipe or file emits none.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import datetime

from rich import box
from rich.console import Console, Group, RenderableType
from rich.padding import Padding
from rich.rule import Rule
from rich.style import Style
from rich.table import Table
from rich.text import Text
from rich.theme import Theme

from ..model import Article, Block, Comment, Comments, Document, Teaser
from .escape import one_line, strip_controls

__all__ = [
    "READING_WIDTH",
    "THEME",
    "ReadingStats",
    "clean",
    "clean_line",
    "reading_stats",
    "render_terminal",
    "view_width",
]

#: Default width of the view: prose is comfortable at 60-80 characters a line,
#: and the view adds a little room for list bullets, quote bars and reply guides.
READING_WIDTH = 90
#: Reading speeds: words a minute for space-separated scripts, characters a
#: minute for Chinese and Japanese (which do not separate words with spaces).
WORDS_PER_MINUTE = 230
CJK_CHARS_PER_MINUTE = 500
#: Lines of a teaser's summary shown before it is cut with an ellipsis.
SUMMARY_LINES = 2
#: Replies deeper than this are drawn at this depth, so a long thread stays readable.
MAX_THREAD_DEPTH = 6

#: Every style the view uses, by name (pushed on the console while the view prints).
THEME = Theme(
    {
        "newsextract.title": "bold",
        "newsextract.meta": "dim",
        "newsextract.link": "underline bright_blue",
        "newsextract.rule": "bright_black",
        "newsextract.heading": "bold cyan",
        "newsextract.subheading": "bold",
        "newsextract.bullet": "cyan",
        "newsextract.quote": "italic",
        "newsextract.quote.bar": "magenta",
        "newsextract.code": "green",
        "newsextract.table.header": "bold",
        "newsextract.section": "bold magenta",
        "newsextract.author": "bold green",
        "newsextract.time": "dim",
        "newsextract.thread": "bright_black",
        "newsextract.empty": "dim italic",
        "newsextract.teaser.source": "cyan",
        "newsextract.teaser.title": "bold",
        "newsextract.teaser.summary": "",
    },
    inherit=True,
)

# Bidi embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069): they
# could reorder the text that follows them (a "Trojan Source" disguise) and an
# unterminated one spills over the rest of the terminal line.  Marks (LRM, RLM,
# ALM) only affect neutral characters next to them and are kept.
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")
# Kana, CJK ideographs (with extension A and compatibility ideographs) and the
# iteration marks: scripts read character by character.  Hangul separates words
# with spaces and is counted in words.
_CJK = re.compile("[\u3005\u3006\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# A word: letters/digits, optionally joined by an apostrophe, hyphen or a
# separator inside a number ("don't", "year-round", "4,800", "2.5").
_WORD = re.compile(r"[^\W_]+(?:['’.,\-][^\W_]+)*")
_LINK_SCHEMES = ("http://", "https://")


def clean(text: str | None) -> str:
    """Multi-line page text made inert: escape sequences, control characters and
    bidi embeddings/overrides/isolates removed; trailing spaces and outer blank
    lines dropped."""
    text = _BIDI_CONTROLS.sub("", strip_controls(text or ""))
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n")


def clean_line(text: str | None) -> str:
    """:func:`clean`, then all whitespace (newlines included) folded to single spaces."""
    return " ".join(_BIDI_CONTROLS.sub("", one_line(text or "")).split())


@dataclass(frozen=True, slots=True)
class ReadingStats:
    words: int
    cjk_chars: int

    @property
    def minutes(self) -> int:
        """Reading time, rounded up; 0 only for an empty text."""
        return math.ceil(self.words / WORDS_PER_MINUTE + self.cjk_chars / CJK_CHARS_PER_MINUTE)

    def describe(self) -> str:
        """``"640 words · 3 min read"`` (characters when the text is mostly Chinese/Japanese)."""
        if not self.words and not self.cjk_chars:
            return ""
        size = f"{self.cjk_chars:,} characters" if self.cjk_chars > self.words else f"{self.words:,} words"
        return f"{size} · {self.minutes} min read"


def reading_stats(text: str) -> ReadingStats:
    """Count words and CJK characters in ``text`` (CJK characters are not words)."""
    cjk = len(_CJK.findall(text))
    words = len(_WORD.findall(_CJK.sub(" ", text)))
    return ReadingStats(words=words, cjk_chars=cjk)


def view_width(console: Console, width: int | None = None) -> int:
    """Columns the view takes: ``width`` (default :data:`READING_WIDTH`), never
    more than the console has."""
    return max(1, min(width or READING_WIDTH, console.width))


# -- Small pieces ------------------------------------------------------------


def _date(value: str | None) -> str:
    """An ISO 8601 date as ``2025-03-12`` or ``2025-03-12 10:30``; anything else as given."""
    raw = clean_line(value)
    try:
        parsed = datetime.fromisoformat(raw)
    except ValueError:
        return raw
    if "T" not in raw and " " not in raw:
        return parsed.strftime("%Y-%m-%d")
    return parsed.strftime("%Y-%m-%d %H:%M")


def _byline(authors: list[str]) -> str:
    names = [n for n in (clean_line(a) for a in authors) if n]
    if not names:
        return ""
    if len(names) == 1:
        return f"By {names[0]}"
    return f"By {', '.join(names[:-1])} and {names[-1]}"


def _link_style(url: str) -> Style | None:
    """A terminal hyperlink to ``url`` (already cleaned) when it is a plain web address."""
    if url.lower().startswith(_LINK_SCHEMES) and not any(c.isspace() for c in url):
        return Style(link=url)
    return None


def _url(url: str | None) -> Text | None:
    cleaned = clean_line(url)
    if not cleaned:
        return None
    text = Text(cleaned, style="newsextract.link")
    link = _link_style(cleaned)
    if link is not None:
        text.stylize(link)
    return text


def _joined(parts: list[Text], separator: str = " · ") -> Text:
    return Text(separator, style="newsextract.meta").join(p for p in parts if p.plain)


def _packed(parts: list[Text], width: int, separator: str = " · ") -> Text:
    """``parts`` joined by ``separator``, breaking lines only between parts
    (so "3 min read" is never split) unless one part alone is too wide."""
    sep = Text(separator, style="newsextract.meta")
    out = Text()
    used = 0
    for part in (p for p in parts if p.plain):
        if used and used + sep.cell_len + part.cell_len > width:
            out.append("\n")
            used = 0
        elif used:
            out.append_text(sep)
            used += sep.cell_len
        out.append_text(part)
        used += part.cell_len
    return out


def _prefixed(console: Console, text: Text, width: int, first: Text, rest: Text | None = None) -> Text:
    """Wrap ``text`` to fit beside a prefix (``first`` on the first line, ``rest``
    on the others) so that lists, quotes and replies keep a hanging indent."""
    rest = first if rest is None else rest
    inner = max(1, width - max(first.cell_len, rest.cell_len))
    lines = text.wrap(console, inner, overflow="fold") if text.plain else [Text()]
    out = Text()
    for i, line in enumerate(lines):
        if i:
            out.append("\n")
        out.append_text((first if i == 0 else rest).copy())
        line.rstrip()
        out.append_text(line)
    return out


def _clip_lines(console: Console, text: Text, width: int, max_lines: int) -> Text:
    """``text`` wrapped to ``width``, cut to ``max_lines`` lines with an ellipsis."""
    lines = list(text.wrap(console, width, overflow="fold"))
    for line in lines:
        line.rstrip()
    if len(lines) <= max_lines:
        return Text("\n").join(lines)
    kept = lines[:max_lines]
    last = kept[-1]
    if last.cell_len + 1 > width:
        last.truncate(width - 1)
        last.rstrip()
    last.append("…")
    return Text("\n").join(kept)


# -- Sections ----------------------------------------------------------------


def _header(console: Console, article: Article, width: int) -> list[RenderableType]:
    out: list[RenderableType] = []
    title = clean_line(article.title)
    if title:
        out.append(_prefixed(console, Text(title, style="newsextract.title"), width, Text()))
    meta = [
        Text(_byline(article.authors)),
        Text(_date(article.published)),
        Text(clean_line(article.site_name)),
        Text(reading_stats(article.text).describe()),
    ]
    line = _packed(meta, width)
    if line.plain:
        line.stylize("newsextract.meta")
        out.append(line)
    url = _url(article.url)
    if url is not None:
        out.append(url)
    if out:
        out.append(Rule(characters="━", style="newsextract.rule"))
    return out


def _table(block: Block) -> RenderableType:
    rows = [[clean_line(cell) for cell in row] for row in (block.rows or []) if row]
    if not rows:
        return Text(clean(block.text))
    ncols = max(len(row) for row in rows)
    rows = [row + [""] * (ncols - len(row)) for row in rows]
    has_header = len(rows) > 1
    table = Table(
        box=box.SIMPLE_HEAD if has_header else box.SIMPLE,
        show_header=has_header,
        header_style="newsextract.table.header",
        show_edge=False,
        pad_edge=False,
    )
    for cell in rows[0] if has_header else [""] * ncols:
        table.add_column(Text(cell), overflow="fold")
    for row in rows[1:] if has_header else rows:
        table.add_row(*(Text(cell) for cell in row))
    return table


def _block(console: Console, block: Block, width: int) -> RenderableType | None:
    if block.type == "heading":
        text = clean_line(block.text)
        style = "newsextract.heading" if (block.level or 2) <= 2 else "newsextract.subheading"
        return _prefixed(console, Text(text, style=style), width, Text()) if text else None
    if block.type == "list":
        items = [clean(item) for item in (block.items if block.items is not None else block.text.split("\n"))]
        items = [item for item in items if item]
        if not items:
            return None
        bullet, hang = Text("• ", style="newsextract.bullet"), Text("  ")
        return Text("\n").join(_prefixed(console, Text(item), width, bullet, hang) for item in items)
    if block.type == "quote":
        text = clean(block.text)
        if not text:
            return None
        bar = Text("▌ ", style="newsextract.quote.bar")
        return _prefixed(console, Text(text, style="newsextract.quote"), width, bar)
    if block.type == "table":
        return _table(block)
    text = clean(block.text)
    if not text:
        return None
    if block.type == "code":
        return Padding(Text(text, style="newsextract.code", overflow="fold"), (0, 0, 0, 2), expand=False)
    return _prefixed(console, Text(text), width, Text())  # paragraph: wrapped here, no trailing spaces


def _section_rule(title: str) -> Rule:
    return Rule(Text(title, style="newsextract.section"), align="left", style="newsextract.rule")


def _comment(console: Console, comment: Comment, width: int) -> Text:
    depth = min(comment.depth, MAX_THREAD_DEPTH, max(0, (width - 20) // 2))
    guide = Text("│ " * depth, style="newsextract.thread")
    head = [
        Text(clean_line(comment.author) or "Anonymous", style="newsextract.author"),
        Text(_date(comment.published) or clean_line(comment.age), style="newsextract.time"),
    ]
    out = _prefixed(console, _joined(head), width, guide)
    body = clean(comment.text)
    if body:
        out.append("\n")
        out.append_text(_prefixed(console, Text(body), width, guide))
    return out


def _comments(console: Console, comments: Comments, width: int) -> list[RenderableType]:
    title = f"Comments ({len(comments.items)})" if comments.items else "Comments"
    out: list[RenderableType] = [_section_rule(title)]
    if not comments.items:
        out.append(Text("No comments yet", style="newsextract.empty"))
    out.extend(_comment(console, c, width) for c in comments.items)
    return out


def _teaser(console: Console, teaser: Teaser, width: int) -> Text:
    lines: list[Text] = []
    kicker = _packed(
        [
            Text(clean_line(teaser.source), style="newsextract.teaser.source"),
            Text(clean_line(teaser.age) or _date(teaser.published), style="newsextract.time"),
        ],
        width,
    )
    if kicker.plain:
        lines.append(kicker)
    lines.append(Text(clean_line(teaser.title) or "(untitled)", style="newsextract.teaser.title"))
    summary = clean_line(teaser.summary)
    if summary:
        lines.append(
            _clip_lines(console, Text(summary, style="newsextract.teaser.summary"), width, SUMMARY_LINES)
        )
    url = _url(teaser.url)
    if url is not None:
        lines.append(url)
    return Text("\n").join(lines)


def _related(console: Console, related: list[Teaser], width: int) -> list[RenderableType]:
    return [_section_rule("Related articles"), *(_teaser(console, t, width) for t in related)]


def _spaced(items: list[RenderableType]) -> list[RenderableType]:
    """One blank line between items."""
    out: list[RenderableType] = []
    for item in items:
        if out:
            out.append(Text())
        out.append(item)
    return out


def build_view(
    doc: Document, console: Console, width: int, *, comments: bool = True, related: bool = True
) -> Group:
    """The view of ``doc`` as one Rich renderable, laid out for ``width`` columns."""
    parts: list[RenderableType] = []
    header = _header(console, doc.article, width)
    if header:
        parts.append(Group(*header))
    for block in doc.article.blocks:
        rendered = _block(console, block, width)
        if rendered is not None:
            parts.append(rendered)
    if comments and doc.comments.found:
        rule, *items = _comments(console, doc.comments, width)
        parts.append(rule)
        parts.extend(items)
    if related and doc.related:
        rule, *items = _related(console, doc.related, width)
        parts.append(rule)
        parts.extend(items)
    return Group(*_spaced(parts))


def render_terminal(
    doc: Document,
    console: Console,
    *,
    width: int | None = None,
    comments: bool = True,
    related: bool = True,
) -> None:
    """Print ``doc`` on ``console`` as a readable view.

    ``width`` is the view's width in columns (default :data:`READING_WIDTH`, and
    never more than the console's width); ``comments=False`` and
    ``related=False`` leave those sections out.  Colour and escape codes follow
    the console: none when it writes to a pipe or a file.
    """
    columns = view_width(console, width)
    with console.use_theme(THEME):
        view = build_view(doc, console, columns, comments=comments, related=related)
        console.print(view, width=columns, markup=False, emoji=False, highlight=False)
