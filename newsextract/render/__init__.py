"""Renderers: a :class:`~newsextract.model.Document` to JSON, Markdown or plain text.

>>> from newsextract.render import render
>>> print(render(doc, "markdown"))
"""

from __future__ import annotations

from collections.abc import Callable

from ..model import Document
from .json_ import render_json, render_ndjson_line
from .markdown import render_markdown
from .plain import render_text

__all__ = ["FORMATS", "render", "render_json", "render_markdown", "render_ndjson_line", "render_text"]

FORMATS: tuple[str, ...] = ("json", "markdown", "text")

_RENDERERS: dict[str, Callable[[Document], str]] = {
    "json": render_json,
    "markdown": render_markdown,
    "text": render_text,
}


def render(doc: Document, fmt: str) -> str:
    """Render ``doc`` in ``fmt`` (one of :data:`FORMATS`).

    The result ends with one newline, except that an empty document renders as
    an empty string in ``markdown`` and ``text``.  Raises :class:`ValueError`
    for an unknown format.
    """
    try:
        renderer = _RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}") from None
    return renderer(doc)
