"""The library entry point: bytes in, :class:`Document` out.

    read bytes -> decode and sniff -> text parser | HTML parser -> Document

The CLI, batch mode and every renderer go through :func:`parse`.
"""

from __future__ import annotations

import os
import sys
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path
from typing import Literal

from .errors import InputError
from .input import decode, looks_like_html, read_input
from .input.read import DEFAULT_MAX_BYTES
from .model import Document, Source

Kind = Literal["auto", "text", "html"]
KINDS: tuple[str, ...] = ("auto", "text", "html")


def parse(
    data: bytes | str,
    *,
    url: str | None = None,
    kind: Kind = "auto",
    name: str = "input",
    encoding: str | None = None,
) -> Document:
    """Parse one page (HTML or a text dump) into a :class:`Document`.

    ``data`` may be bytes in any encoding or an already decoded string.
    ``kind`` forces the HTML or the text path; ``auto`` sniffs.  ``url`` is the
    page's address: it becomes ``article.url`` (over the page's own canonical
    link) and makes relative links absolute.  ``encoding`` is a charset
    declared outside the bytes (an HTTP ``Content-Type; charset=``): used when
    the bytes decode cleanly with it, after a byte-order mark and before the
    page's own ``<meta charset>``.  Raises :class:`InputError` for input that is not
    a page (empty, whitespace only, binary).
    """
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    if isinstance(data, bytes):
        if not data or data.isspace():  # not data.strip(), without copying the page
            raise InputError(f"{name}: empty input" if not data else f"{name}: input is only whitespace")
        decoded = decode(data, name=name, hint=encoding)
        text, encoding, length = decoded.text, decoded.encoding, len(data)
    else:
        text, encoding, length = data, None, len(data)
    if "\x00" in text:
        text = text.replace("\x00", "")
    if not text or text.isspace():
        raise InputError(f"{name}: empty input" if not text else f"{name}: input is only whitespace")
    is_html = looks_like_html(text) if kind == "auto" else kind == "html"
    if is_html:
        from .html import parse_html

        return parse_html(text, url=url, source=Source(kind="html", encoding=encoding, length=length))
    from .text import parse_text

    return parse_text(text, url=url, source=Source(kind="text", encoding=encoding, length=length))


def parse_file(
    path: str | os.PathLike[str],
    *,
    url: str | None = None,
    kind: Kind = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read ``path`` (``"-"`` for stdin; ``.gz`` is decompressed) and parse it."""
    name = "stdin" if str(path) == "-" else str(path)
    doc = parse(read_input(path, max_bytes=max_bytes), url=url, kind=kind, name=name)
    if name != "stdin":
        doc.source.path = name
    return doc


#: The caches that carry something from one document to the next, by module:
#: bounded LRU caches of normalized lines, class-name verdicts and page word
#: sets.  (The unbounded ``functools.cache`` loaders hold the word lists and
#: compiled patterns: data, not documents.)
CROSS_DOCUMENT_CACHES: dict[str, tuple[str, ...]] = {
    "newsextract.lexicon": ("_fold",),
    "newsextract.text.classify": ("_page_words",),
    "newsextract.html.scan": ("class_names",),
    "newsextract.html.segments": ("_names_caption", "_hint_verdict", "_token_hint", "_names_positive"),
}


def clear_caches() -> None:
    """Forget what parsing remembered from earlier documents.  Results never
    depend on it, only speed: a batch of pages from one site parses its
    repeated menus faster.  The benchmarks call this before each page, so
    that a page is timed cold even when it is parsed again."""
    for module_name, names in CROSS_DOCUMENT_CACHES.items():
        module = sys.modules.get(module_name)
        if module is not None:  # not imported yet: nothing remembered
            for name in names:
                getattr(module, name).cache_clear()


def compiled_modules() -> list[str]:
    """The modules of this install that run compiled (mypyc, see setup.py),
    by name: empty for a pure-Python install (editable, or without a C
    compiler).  Looks at the files only; nothing is imported."""
    package = Path(__file__).resolve().parent
    suffixes = sorted(EXTENSION_SUFFIXES, key=len, reverse=True)  # ".cpython-311-...so" before ".so"
    found: set[str] = set()
    for path in package.rglob("*"):
        suffix = next((s for s in suffixes if path.name.endswith(s)), None)
        if suffix is not None:
            parts = (*path.relative_to(package).parent.parts, path.name[: -len(suffix)])
            found.add(".".join(("newsextract", *parts)).removesuffix(".__init__"))
    return sorted(found)
