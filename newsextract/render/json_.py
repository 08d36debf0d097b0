"""Render a :class:`~newsextract.model.Document` as JSON (the shape of
``Document.to_dict()``, described by ``newsextract/data/schema.json``)."""

from __future__ import annotations

import json
from typing import Any

from ..model import Document

__all__ = ["render_json", "render_ndjson_line"]

# Characters that json.dumps(ensure_ascii=False) leaves raw but that some readers
# treat as line breaks (str.splitlines, JavaScript): escaped so that a record is
# always exactly one line.
_LINE_BREAKS = {"\x85": "\\u0085", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def _escape_line_breaks(text: str) -> str:
    for char, escaped in _LINE_BREAKS.items():
        text = text.replace(char, escaped)
    return text


def render_json(doc: Document, indent: int | None = 2) -> str:
    """``doc.to_dict()`` as JSON (UTF-8 characters kept, not ``\\u`` escaped),
    ending with one newline."""
    return json.dumps(doc.to_dict(), ensure_ascii=False, indent=indent) + "\n"


def render_ndjson_line(doc: Document, extra: dict[str, Any] | None = None) -> str:
    """One compact JSON line for batch output, without the trailing newline.

    ``extra`` keys (e.g. ``{"input": "page.html"}``) are added to the top-level
    object after the document's keys; a key the document already has raises
    :class:`ValueError`.  The line never contains a newline or another
    character that a line reader could split on.
    """
    data = doc.to_dict()
    if extra:
        clash = sorted(set(extra) & set(data))
        if clash:
            raise ValueError(f"extra keys clash with document keys: {', '.join(clash)}")
        data.update(extra)
    line = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return _escape_line_breaks(line)
