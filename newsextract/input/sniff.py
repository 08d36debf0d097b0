"""Tell an HTML page from a text dump.

A text dump may quote a tag ("use the <p> element"), so a single ``<`` proves
nothing.  We call a document HTML when it *starts* like markup (a doctype, an
``<html>``/``<head>``/``<body>`` tag, an XML declaration or a comment, after
whitespace and a BOM) or when structural tags make up a real share of its lines.
"""

from __future__ import annotations

import re

#: The start of a document that is markup.
HTML_START = re.compile(
    r"\A\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>]|<\?xml\s|<!--|<meta[\s>]|<title[\s>])",
    re.IGNORECASE,
)

#: Tags that structure a page; a dump that merely mentions a tag has few of them.
STRUCTURAL_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|a|script|style|meta|link|article|section|nav|header|footer|ul|li|table|tr|td|h[1-6])\b[^<>]{0,2000}>",
    re.IGNORECASE,
)

#: How much of the input sniffing looks at.
SNIFF_CHARS = 65536

#: Minimum structural tags per 1,000 characters for a document without an
#: HTML-looking start to count as HTML (fragments such as a copied ``<div>``).
#: Prose that quotes tags stays far below this.
MIN_TAG_DENSITY = 4.0


def looks_like_html(text: str) -> bool:
    head = text[:SNIFF_CHARS]
    if HTML_START.match(head):
        return True
    if not head.lstrip().startswith("<"):
        return False
    tags = len(STRUCTURAL_TAG.findall(head))
    return tags * 1000 / max(len(head), 1) >= MIN_TAG_DENSITY
