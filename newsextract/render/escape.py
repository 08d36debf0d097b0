"""Helpers that keep page text inert in the Markdown and plain-text output.

Everything that comes from a page is data.  The renderers pass every piece of
page text through these helpers before it reaches the output:

* :func:`strip_controls` removes terminal escape sequences and control
  characters (the plain-text output is what people ``cat`` to a terminal);
* :func:`escape_md` makes text literal in Markdown, so a title such as
  ``[click](javascript:alert(1))`` or ``<script>`` renders as those characters
  and never as a link, an image, emphasis, a heading, raw HTML or an entity;
* :func:`safe_url` lets only ``http``, ``https``, ``mailto`` and relative URLs
  become link destinations, and encodes them so they cannot break out of the
  ``(...)`` of a Markdown link;
* :func:`one_line` folds text into one line (for titles, names, table cells);
* :func:`printable` shows control characters as escapes (for file names in
  error messages: a name is shown, never obeyed, and keeps the message on one line).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import quote

__all__ = ["escape_md", "one_line", "printable", "safe_url", "strip_controls"]

# ECMA-48 escape sequences in their 7-bit (ESC ...) and 8-bit (C1) forms.
_ANSI = re.compile(
    r"""
      (?:\x1b\[|\x9b) [\x30-\x3f]* [\x20-\x2f]* [\x40-\x7e]?          # CSI ... final byte
    | (?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]) [^\x07\x1b\x9c\n]*       # OSC, DCS, SOS, PM, APC string
      (?:\x07|\x1b\\|\x9c)?                                           # ... up to BEL or ST
    | \x1b [\x20-\x2f]* [\x30-\x7e]?                                  # any other ESC sequence
    """,
    re.VERBOSE,
)
# C0 except tab and newline, DEL, C1.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def strip_controls(text: str) -> str:
    """Remove ANSI/ECMA-48 escape sequences and control characters.

    Keeps ``\\n`` and ``\\t``; turns ``\\r\\n`` and a lone ``\\r`` into ``\\n``
    (a bare carriage return would let text overwrite a terminal line); drops
    every other C0 control, DEL and every C1 control.
    """
    text = _ANSI.sub("", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROLS.sub("", text)


def one_line(text: str) -> str:
    """``strip_controls`` then collapse all whitespace (newlines included) to single spaces."""
    return " ".join(strip_controls(text).split())


# Characters that are special anywhere in a line: escapes, code spans, emphasis,
# link/image brackets, raw HTML and autolinks, table cells, strikethrough.
_MD_INLINE = re.compile(r"[\\`*_\[\]<>|~]")
# "&" that would start a character reference ("&amp;", "&#106;", "&#x6a;").
_MD_ENTITY = re.compile(r"&(?=#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{0,31};)")
# An ordered-list marker at the start of a line: "1." or "1)" then space or end.
_MD_ORDERED = re.compile(r"([0-9]{1,9})(?=[.)](?:[ \t]|$))")
# An ATX heading's closing sequence: a run of "#" after a space at the end of the line.
_MD_ATX_CLOSE = re.compile(r"([ \t])(#+[ \t]*)$")


def _escape_md_line(line: str) -> str:
    # Leading indentation could open an indented code block; trailing spaces could
    # make a hard line break.  Neither carries meaning in page text.
    line = line.strip(" \t")
    line = _MD_INLINE.sub(r"\\\g<0>", line)
    line = _MD_ENTITY.sub(r"\\&", line)
    ordered = _MD_ORDERED.match(line)
    if ordered:  # "1. x" -> "1\. x"
        end = ordered.end()
        line = line[:end] + "\\" + line[end:]
    elif line[:1] in ("#", "+", "-", "="):  # ATX heading, bullet, thematic break, setext underline
        line = "\\" + line
    return _MD_ATX_CLOSE.sub(r"\1\\\2", line)


def escape_md(text: str) -> str:
    """Return ``text`` as literal Markdown (CommonMark + GFM).

    Strips control characters first (see :func:`strip_controls`), then on every
    line: backslash-escapes ``\\ ` * _ [ ] < > | ~``; escapes ``&`` where it would
    start an entity; escapes a leading ``#``, ``+``, ``-``, ``=`` and the
    delimiter of a leading ``1.``/``1)``; escapes a trailing ``#`` run; removes
    leading and trailing spaces and tabs.  Newlines are kept, so the result is
    one Markdown paragraph per run of non-blank lines.
    """
    return "\n".join(_escape_md_line(line) for line in strip_controls(text).split("\n"))


_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto"})
# Characters percent-encoded in a link destination: ones Markdown would read
# (space ends the destination, parentheses, angle brackets, backslash escapes,
# backticks of code spans, quotes of a title, "|" of tables) plus braces and caret.
_URL_ENCODE = frozenset(" ()<>\\`\"'|{}^")


def _encode_url_char(char: str) -> str:
    if char in _URL_ENCODE or unicodedata.category(char) in ("Cc", "Cf", "Zs", "Zl", "Zp"):
        return quote(char, safe="")
    return char


def safe_url(url: str | None) -> str | None:
    """Return ``url`` ready to be a Markdown link destination, or ``None``.

    ``None`` means "do not make a link": the URL is empty or has a scheme other
    than ``http``, ``https`` or ``mailto`` (``javascript:``, ``data:``,
    ``vbscript:``, ``file:`` ...).  Scheme-less (relative) URLs are allowed.
    The check sees the URL the way a browser does: leading and trailing
    controls and spaces are dropped, and tabs and newlines inside are removed.
    The result percent-encodes spaces, parentheses and other characters that
    Markdown would read, and backslash-escapes an ``&`` that would start an
    entity, so the link's ``href`` is exactly the checked URL.
    """
    if url is None:
        return None
    cleaned = url.strip("".join(chr(c) for c in range(0x21)))
    cleaned = re.sub(r"[\t\n\r]", "", cleaned)
    if not cleaned:
        return None
    scheme = _SCHEME.match(cleaned)
    if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
        return None
    encoded = "".join(_encode_url_char(c) for c in cleaned)
    return _MD_ENTITY.sub(r"\\&", encoded)


# Characters shown as escapes by `printable`: C0, DEL, C1, the bidi
# embeddings, overrides and isolates that could reorder the rest of a line, and
# the lone surrogates by which Python holds the bytes of a non-UTF-8 file name.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\udc80-\udcff]")
_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(m: re.Match[str]) -> str:
    char = m.group()
    if "\udc80" <= char <= "\udcff":  # a non-UTF-8 byte of a file name
        return f"\\x{ord(char) - 0xDC00:02x}"
    return _NAMED.get(char) or (f"\\x{ord(char):02x}" if ord(char) < 0x100 else f"\\u{ord(char):04x}")


def printable(text: str) -> str:
    """``text`` with control characters shown as escapes (``\\n``, ``\\x1b``,
    ``\\u202e``) and the bytes of a non-UTF-8 file name as ``\\xNN``: for file
    names in one-line messages on a terminal, where a newline would split the
    line and an escape sequence would be obeyed."""
    return _UNPRINTABLE.sub(_escape_char, text)
