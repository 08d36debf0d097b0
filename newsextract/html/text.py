"""Small text helpers for the HTML path: whitespace, element text, URLs."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from .hints import DROP_TAGS
from .tree import Element, text_content

#: Runs of whitespace other than a line break (``<br>`` becomes "\n").
SPACES = re.compile(r"[^\S\n]+")
#: Spaces around a line break, and runs of line breaks.  (A match never starts
#: inside a run of spaces, so searching a long run is linear, not quadratic.)
LINE_BREAKS = re.compile(r"(?:(?<! )|(?! )) *\n[\n ]*")
#: Zero-width and soft-hyphen characters that pages scatter through words.
INVISIBLE = re.compile("[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
#: Any whitespace (for one-line strings: titles, names).
WHITESPACE = re.compile(r"\s+")


def collapse(text: str) -> str:
    """One line: every run of whitespace becomes one space."""
    if not text.isascii():
        text = INVISIBLE.sub("", text)
    return " ".join(text.split())


def collapse_keep_lines(text: str) -> str:
    """Collapse spaces but keep single line breaks (from ``<br>``)."""
    text = SPACES.sub(" ", INVISIBLE.sub("", text))
    return LINE_BREAKS.sub("\n", text).strip()


def element_text(el: Element | None) -> str:
    """Visible text of a (small) element, scripts and styles left out."""
    if el is None:
        return ""
    parts: list[str] = []
    _collect(el, parts, 0)
    return collapse("".join(parts))


def _collect(el: Element, parts: list[str], depth: int) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        tag = child.tag
        if isinstance(tag, str) and tag not in DROP_TAGS:
            if tag == "br" or tag in ("p", "div", "li", "td", "th", "tr", "h2", "h3", "h4"):
                parts.append(" ")
            if depth < 200:
                _collect(child, parts, depth + 1)
            else:
                parts.append(text_content(child))
        if child.tail:
            parts.append(child.tail)


def absolute_url(href: str | None, base: str | None) -> str | None:
    """``href`` made absolute against ``base``; None for script/mail links."""
    if not href:
        return None
    href = href.strip()
    if not href or href.startswith(("#", "javascript:", "mailto:", "tel:", "data:")):
        return None
    if href.startswith(("https://", "http://")) and "#" not in href and not href.endswith("?") and href.isprintable():
        return href  # already absolute: urljoin would give it back as it is
    if base:
        try:
            return urljoin(base, href)
        except ValueError:
            return href
    return href


def host_of(url: str | None) -> str | None:
    if not url:
        return None
    try:
        return urlsplit(url).hostname
    except ValueError:
        return None
