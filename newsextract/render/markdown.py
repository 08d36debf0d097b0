"""Render a :class:`~newsextract.model.Document` as Markdown (CommonMark + GFM tables).

Layout::

    # Title

    *By A and B · 2024-05-01 · Site*

    [https://example.com/story](https://example.com/story)

    body blocks ...

    ## Comments

    **Alice** · 2 hours ago

    comment text

    > **Bob** · 1 hour ago
    >
    > a reply

    ## Related articles

    - [Teaser title](https://example.com/other) — Source · 3 hours ago
      Summary

Sections the page lacks are left out.  All page text goes through
:func:`~newsextract.render.escape.escape_md` and every link target through
:func:`~newsextract.render.escape.safe_url`.
"""

from __future__ import annotations

import re

from ..model import Article, Block, Comment, Comments, Document, Teaser
from .escape import escape_md, one_line, safe_url, strip_controls

__all__ = ["render_markdown"]

MAX_REPLY_DEPTH = 20  # deeper replies are drawn at this depth


def _inline(text: str | None) -> str:
    """Page text for use inside one line: folded to one line, then escaped."""
    return escape_md(one_line(text or ""))


def _byline(authors: list[str]) -> str:
    names = [n for n in (one_line(a) for a in authors) if n]
    if not names:
        return ""
    if len(names) == 1:
        return f"By {names[0]}"
    return f"By {', '.join(names[:-1])} and {names[-1]}"


def _meta_parts(article: Article) -> list[str]:
    parts = [_byline(article.authors), one_line(article.published or ""), one_line(article.site_name or "")]
    return [p for p in parts if p]


def _link(text: str, url: str | None) -> str:
    """``[text](url)`` for a safe URL, else the escaped text alone."""
    target = safe_url(url)
    label = _inline(text)
    if target is None:
        return label
    return f"[{label}]({target})"


def _prefix_lines(text: str, first: str, rest: str) -> str:
    lines = text.split("\n")
    out = [(first + lines[0]).rstrip()]
    out.extend((rest + line).rstrip() for line in lines[1:])
    return "\n".join(out)


def _heading(block: Block) -> str:
    text = _inline(block.text)
    if not text:
        return ""
    level = max(2, min(block.level or 2, 6))  # the document title keeps the only "#"
    return f"{'#' * level} {text}"


def _list_items(block: Block) -> list[str]:
    items = block.items if block.items is not None else block.text.split("\n")
    return [item for item in items if item.strip()]


def _list(block: Block) -> str:
    return "\n".join(_prefix_lines(escape_md(item).strip("\n"), "- ", "  ") for item in _list_items(block))


def _quote(block: Block) -> str:
    text = escape_md(block.text).strip("\n")
    if not text:
        return ""
    return _prefix_lines(text, "> ", "> ")


_BACKTICK_RUN = re.compile(r"`+")


def _code(block: Block) -> str:
    code = strip_controls(block.text).strip("\n")
    if not code.strip():
        return ""
    longest = max((len(m) for m in _BACKTICK_RUN.findall(code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{code}\n{fence}"


def _table(block: Block) -> str:
    rows = [row for row in (block.rows or []) if row]
    if not rows:
        return _paragraph(block)
    width = max(len(row) for row in rows)
    cells = [[_inline(cell) for cell in row] + [""] * (width - len(row)) for row in rows]
    lines = ["| " + " | ".join(row) + " |" for row in cells]
    lines.insert(1, "|" + "|".join(["---"] * width) + "|")
    return "\n".join(lines)


def _paragraph(block: Block) -> str:
    return escape_md(block.text).strip("\n")


def _block(block: Block) -> str:
    if block.type == "heading":
        return _heading(block)
    if block.type == "list":
        return _list(block)
    if block.type == "quote":
        return _quote(block)
    if block.type == "code":
        return _code(block)
    if block.type == "table":
        return _table(block)
    return _paragraph(block)


def _comment(comment: Comment) -> str:
    author = _inline(comment.author) or "Anonymous"
    header = f"**{author}**"
    when = _inline(comment.published) or _inline(comment.age)
    if when:
        header += f" · {when}"
    body = escape_md(comment.text).strip("\n")
    text = f"{header}\n\n{body}" if body else header
    depth = max(0, min(comment.depth, MAX_REPLY_DEPTH))
    if depth == 0:
        return text
    prefix = "> " * depth
    return _prefix_lines(text, prefix, prefix)


def _comments(comments: Comments) -> list[str]:
    out = ["## Comments"]
    if not comments.items:
        out.append("No comments.")
    out.extend(_comment(c) for c in comments.items)
    return out


def _teaser(teaser: Teaser) -> str:
    title = one_line(teaser.title) or one_line(teaser.url or "") or "(untitled)"
    line = "- " + _link(title, teaser.url)
    extra = [p for p in (_inline(teaser.source), _inline(teaser.age) or _inline(teaser.published)) if p]
    if extra:
        line += " — " + " · ".join(extra)
    summary = _inline(teaser.summary)
    if summary:
        line += "\n  " + summary
    return line


def render_markdown(doc: Document) -> str:
    """Render ``doc`` as Markdown; the result ends with one newline (or is empty)."""
    article = doc.article
    parts: list[str] = []
    title = _inline(article.title)
    if title:
        parts.append(f"# {title}")
    meta = _meta_parts(article)
    if meta:
        parts.append("*" + escape_md(" · ".join(meta)) + "*")
    if article.url and article.url.strip():
        parts.append(_link(article.url, article.url))
    parts.extend(_block(b) for b in article.blocks)
    if doc.comments.found:
        parts.extend(_comments(doc.comments))
    if doc.related:
        parts.append("## Related articles")
        parts.append("\n".join(_teaser(t) for t in doc.related))
    text = "\n\n".join(p for p in parts if p)
    return text + "\n" if text else ""
