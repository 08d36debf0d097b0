"""The one document model that every parser fills and every renderer reads.

Parsers (``newsextract.text`` and ``newsextract.html``) build a :class:`Document`;
renderers (``newsextract.render``) only ever see this model, never the path that
produced it.  ``Document.to_dict()`` is the JSON shape documented in the README
and in ``newsextract/data/schema.json``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = "1.0"

BlockType = Literal["heading", "paragraph", "list", "quote", "code", "table"]
Status = Literal["ok", "no_article"]
SourceKind = Literal["text", "html"]


@dataclass(slots=True)
class Block:
    """One unit of article body.

    ``text`` is always the block's plain text.  A ``list`` block also carries
    ``items`` (its text is the items joined by newlines); a ``heading`` may carry
    its ``level`` (1-6) when the page gives one; a ``table`` carries ``rows``.
    """

    type: BlockType
    text: str
    items: list[str] | None = None
    level: int | None = None
    rows: list[list[str]] | None = None

    def __post_init__(self) -> None:
        # A list always has items and a table rows, as the schema requires;
        # a heading level stays within HTML's 1-6.
        if self.type == "list" and self.items is None:
            self.items = [t for t in self.text.split("\n") if t]
        if self.type == "table" and self.rows is None:
            self.rows = []
        if self.level is not None:
            self.level = min(6, max(1, self.level))

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": self.type, "text": self.text}
        if self.items is not None:
            out["items"] = list(self.items)
        if self.level is not None:
            out["level"] = self.level
        if self.rows is not None:
            out["rows"] = [list(r) for r in self.rows]
        return out


@dataclass(slots=True)
class Article:
    title: str | None = None
    blocks: list[Block] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)
    published: str | None = None  # ISO 8601 (date or date-time)
    site_name: str | None = None
    url: str | None = None
    language: str | None = None  # BCP 47
    description: str | None = None
    image: str | None = None
    tags: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        """Block texts joined by one blank line."""
        return "\n\n".join(b.text for b in self.blocks if b.text)

    @property
    def is_empty(self) -> bool:
        return not any(b.text.strip() for b in self.blocks)

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "authors": list(self.authors),
            "published": self.published,
            "site_name": self.site_name,
            "url": self.url,
            "language": self.language,
            "description": self.description,
            "image": self.image,
            "tags": list(self.tags),
            "blocks": [b.to_dict() for b in self.blocks],
            "text": self.text,
        }


@dataclass(slots=True)
class Comment:
    """One reader comment.  ``age`` keeps the page's wording ("2 hours ago");
    ``published`` is ISO 8601 only when the page gives a real date.  ``depth`` is
    0 for a top-level comment, 1 for a reply, and so on."""

    text: str
    author: str | None = None
    published: str | None = None
    age: str | None = None
    depth: int = 0

    def __post_init__(self) -> None:
        self.depth = max(0, self.depth)

    def to_dict(self) -> dict[str, Any]:
        return {
            "author": self.author,
            "published": self.published,
            "age": self.age,
            "text": self.text,
            "depth": self.depth,
        }


@dataclass(slots=True)
class Comments:
    """``found`` is true when the page has a comments section, even an empty one."""

    found: bool = False
    items: list[Comment] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {"found": self.found, "items": [c.to_dict() for c in self.items]}


@dataclass(slots=True)
class Teaser:
    """A related-article teaser, in page order."""

    title: str
    url: str | None = None
    source: str | None = None
    published: str | None = None
    age: str | None = None
    summary: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "url": self.url,
            "source": self.source,
            "published": self.published,
            "age": self.age,
            "summary": self.summary,
        }


@dataclass(slots=True)
class Source:
    """Where the document came from and how it was read."""

    kind: SourceKind
    encoding: str | None = None
    length: int = 0  # bytes (or characters, for str input) read
    path: str | None = None
    # A page read from a WARC file (path is the WARC file): its record.
    record_id: str | None = None  # WARC-Record-ID
    offset: int | None = None  # where the record starts in the file
    fetched: str | None = None  # WARC-Date: when the crawler fetched the page

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"kind": self.kind, "encoding": self.encoding, "length": self.length}
        if self.path is not None:
            out["path"] = self.path
        if self.record_id is not None:
            out["record_id"] = self.record_id
        if self.offset is not None:
            out["offset"] = self.offset
        if self.fetched is not None:
            out["fetched"] = self.fetched
        return out


@dataclass(slots=True)
class Document:
    article: Article
    comments: Comments
    related: list[Teaser]
    source: Source

    @property
    def status(self) -> Status:
        """``no_article`` when the page had no article body (only chrome,
        teasers or comments); the rest of the document is still filled."""
        return "no_article" if self.article.is_empty else "ok"

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "status": self.status,
            "article": self.article.to_dict(),
            "comments": self.comments.to_dict(),
            "related": [t.to_dict() for t in self.related],
            "source": self.source.to_dict(),
        }

    def to_json(self, *, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    def to_markdown(self) -> str:
        from .render.markdown import render_markdown

        return render_markdown(self)

    def to_text(self) -> str:
        from .render.plain import render_text

        return render_text(self)
