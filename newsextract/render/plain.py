"""Render a :class:`~newsextract.model.Document` as plain text.

The same structure as the Markdown output, without markup::

    Title
    By A and B · 2024-05-01 · Site
    https://example.com/story

    Paragraph text.

    - list item

        quoted text

    Comments

    Alice · 2 hours ago
    comment text

        Bob · 1 hour ago
        a reply

    Related articles

    - Teaser title
      Source · 3 hours ago
      https://example.com/other
      Summary

This is what people ``cat`` to a terminal, so all page text goes through
:func:`~newsextract.render.escape.strip_controls`.
"""

from __future__ import annotations

import unicodedata

from ..model import Block, Comment, Comments, Document, Teaser
from .escape import one_line, strip_controls

__all__ = ["render_text"]

INDENT = "    "
MAX_REPLY_DEPTH = 20  # deeper replies are drawn at this depth


def _clean(text: str | None) -> str:
    """Multi-line page text: controls stripped, trailing spaces and outer blank lines dropped."""
    lines = [line.rstrip() for line in strip_controls(text or "").split("\n")]
    return "\n".join(lines).strip("\n")


def _indent(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    out = [(first + lines[0]).rstrip()]
    out.extend((rest + line).rstrip() for line in lines[1:])
    return "\n".join(out)


def _byline(authors: list[str]) -> str:
    names = [n for n in (one_line(a) for a in authors) if n]
    if not names:
        return ""
    if len(names) == 1:
        return f"By {names[0]}"
    return f"By {', '.join(names[:-1])} and {names[-1]}"


def _width(text: str) -> int:
    """Terminal columns ``text`` takes: wide (East Asian) characters count 2, combining marks 0."""
    total = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def _table(block: Block) -> str:
    rows = [[one_line(cell) for cell in row] for row in (block.rows or []) if row]
    if not rows:
        return _clean(block.text)
    ncols = max(len(row) for row in rows)
    rows = [row + [""] * (ncols - len(row)) for row in rows]
    widths = [max(_width(row[i]) for row in rows) for i in range(ncols)]
    lines = []
    for row in rows:
        cells = [cell + " " * (widths[i] - _width(cell)) for i, cell in enumerate(row)]
        lines.append(" | ".join(cells).rstrip())
    return "\n".join(lines)


def _block(block: Block) -> str:
    if block.type == "heading":
        return one_line(block.text)
    if block.type == "list":
        items = block.items if block.items is not None else block.text.split("\n")
        cleaned = [_clean(item) for item in items]
        return "\n".join(_indent(item, "- ", "  ") for item in cleaned if item)
    if block.type == "quote":
        text = _clean(block.text)
        return _indent(text, INDENT, INDENT) if text else ""
    if block.type == "table":
        return _table(block)
    return _clean(block.text)  # paragraph, code (verbatim)


def _comment(comment: Comment) -> str:
    header = one_line(comment.author or "") or "Anonymous"
    when = one_line(comment.published or "") or one_line(comment.age or "")
    if when:
        header += f" · {when}"
    body = _clean(comment.text)
    text = f"{header}\n{body}" if body else header
    depth = max(0, min(comment.depth, MAX_REPLY_DEPTH))
    prefix = INDENT * depth
    return _indent(text, prefix, prefix)


def _comments(comments: Comments) -> list[str]:
    out = ["Comments"]
    if not comments.items:
        out.append("No comments.")
    out.extend(_comment(c) for c in comments.items)
    return out


def _teaser(teaser: Teaser) -> str:
    lines = [one_line(teaser.title) or "(untitled)"]
    when = one_line(teaser.age or "") or one_line(teaser.published or "")
    meta = " · ".join(p for p in (one_line(teaser.source or ""), when) if p)
    lines.extend(p for p in (meta, one_line(teaser.url or ""), one_line(teaser.summary or "")) if p)
    return "- " + "\n  ".join(lines)


def render_text(doc: Document) -> str:
    """Render ``doc`` as plain text; the result ends with one newline (or is empty)."""
    article = doc.article
    head = [one_line(article.title or "")]
    head.append(
        " · ".join(
            p
            for p in (
                _byline(article.authors),
                one_line(article.published or ""),
                one_line(article.site_name or ""),
            )
            if p
        )
    )
    head.append(one_line(article.url or ""))
    parts: list[str] = ["\n".join(line for line in head if line)]
    parts.extend(_block(b) for b in article.blocks)
    if doc.comments.found:
        parts.extend(_comments(doc.comments))
    if doc.related:
        parts.append("Related articles")
        parts.append("\n".join(_teaser(t) for t in doc.related))
    text = "\n\n".join(p for p in parts if p)
    return text + "\n" if text else ""
