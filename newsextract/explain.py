"""``newsextract parse --explain``: why each line of a text dump got its label.

One line of output per input line: its number, where it went (body, title,
comments, related, tags or dropped), the classifier's label and reason, and
the start of the line.  This is what to look at when a dump parses wrong.
"""

from __future__ import annotations

from .api import KINDS
from .errors import InputError
from .input import decode, looks_like_html, read_input
from .text import analyse

PREVIEW_CHARS = 70


def explain_text(text: str) -> str:
    a = analyse(text)
    out = [f"# language: {a.language or 'unknown'}; body: lines {_span(a)}"]
    for i, line in enumerate(a.lines):
        if a.title == i:
            where = "TITLE"
        elif a.zones[i]:
            where = str(a.zones[i]).upper()
        elif a.region and a.region[0] <= i <= a.region[1]:
            where = "body"
        else:
            where = "-"
        preview = line.text if len(line.text) <= PREVIEW_CHARS else line.text[: PREVIEW_CHARS - 1] + "…"
        out.append(f"{line.lineno:>5} {where:<9} {line.label:<11} {line.reason:<30.30} | {preview}")
    return "\n".join(out)


def _span(a: object) -> str:
    region = getattr(a, "region", None)
    lines = getattr(a, "lines", [])
    if not region:
        return "none"
    return f"{lines[region[0]].lineno}-{lines[region[1]].lineno}"


def explain_file(path: str, *, max_bytes: int) -> str:
    data = read_input(path, max_bytes=max_bytes)
    if not data.strip():
        raise InputError(f"{path}: empty input")
    text = decode(data, name=path).text
    if looks_like_html(text):
        raise InputError(
            f"{path}: --explain reads text dumps; this looks like HTML (kinds: {', '.join(KINDS)})"
        )
    return explain_text(text)
