"""The HTML path (not implemented yet in this version)."""

from __future__ import annotations

from ..errors import UnsupportedInputError
from ..model import Document, Source


def parse_html(text: str, *, url: str | None, source: Source) -> Document:
    raise UnsupportedInputError("HTML is not supported yet; pass a text dump, or --kind text to read the markup as text")
