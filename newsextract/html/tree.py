"""The tree type of the HTML path and the two operations lxml.html would add.

The HTML path works on plain :mod:`lxml.etree` elements: lxml.html's element
classes are looked up by a Python callback for every element the code
touches, which costs more than the rest of a walk over the tree.
"""

from __future__ import annotations

import re

from lxml import etree

Element = etree._Element

#: Characters lxml refuses in a text it is given (C0 controls other than tab
#: and line breaks, lone surrogates, U+FFFE/U+FFFF), although libxml2's HTML
#: parser can leave some of them in the tree it builds.
XML_UNSAFE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]+")

#: The text of an element and its descendants (XPath ``string()``, in C).
_STRING = etree.XPath("string()")


def text_content(el: Element) -> str:
    """All text inside ``el`` (scripts included: use on small elements)."""
    return str(_STRING(el))


def drop_tree(el: Element) -> None:
    """Remove ``el`` and its children, keeping the text that follows it."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        joined = ((parent.text if prev is None else prev.tail) or "") + el.tail
        try:
            _set_text(parent, prev, joined)
        except ValueError:  # a control character the parser kept: lxml won't take it back
            _set_text(parent, prev, XML_UNSAFE.sub("", joined))
    parent.remove(el)


def _set_text(parent: Element, prev: Element | None, value: str) -> None:
    if prev is None:
        parent.text = value
    else:
        prev.tail = value


def find_all(el: Element, path: str) -> list[Element]:
    """The elements an XPath expression selects (other results left out)."""
    result = el.xpath(path)
    if not isinstance(result, list):
        return []
    return [x for x in result if isinstance(x, Element)]


def source_line(el: Element) -> int | None:
    """The line of the page ``el`` starts on (None when the parser kept none)."""
    line = el.sourceline
    return line if isinstance(line, int) else None


def holds_article(el: Element) -> bool:
    """Whether ``el`` holds an ``<h1>`` or an ``itemprop=articleBody`` element
    (the article itself: such a container is not a comments or teaser block).
    A Python loop that stops at the first one: cheaper than libxml2's XPath,
    which always builds the whole node set."""
    return any(d.tag == "h1" or d.get("itemprop") == "articleBody" for d in el.iterdescendants())
