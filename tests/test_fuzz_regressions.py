"""Inputs the atheris fuzzer (fuzz/fuzz_parse.py) found that once crashed.

Each case is the fuzzer's input as it wrote it (base64): the first byte picks
the path and whether the page goes in as bytes or as a string, exactly as in
``fuzz_parse.one_input``.  Parsing must give a document every renderer can
turn into JSON, Markdown and text, or raise the documented ``InputError``.
"""

from __future__ import annotations

import base64
import json

import pytest

import newsextract
from newsextract import InputError

KINDS = ("auto", "text", "html")

CRASHES = {
    # lxml gave up on a page of doctype-like noise, and the BeautifulSoup
    # fallback handed control characters (U+0002) to lxml, which refuses them.
    "soup-fallback-control-chars": "AjwhZG/cdHllAjwhZG/cdHllIHRo/2jtdHBzOi8vd3d3IWRvY3R5IHRo/2jtdHBzOi8vd3d3IWRvY3R5",
    # lxml found no element in "<![m\nA>", and BeautifulSoup's html.parser
    # rejected the malformed marked section (ParserRejectedMarkup).
    "soup-fallback-rejected-marked-section": "AjwhW20KQT4K",
}


@pytest.mark.parametrize("name", sorted(CRASHES))
def test_fuzzer_finding_parses(name: str) -> None:
    data = base64.b64decode(CRASHES[name])
    selector, page = data[0], data[1:]
    payload: bytes | str = page.decode("utf-8", "replace") if selector & 0x80 else page
    for kind in (KINDS[selector % 3], *KINDS):
        try:
            doc = newsextract.parse(payload, kind=kind)  # type: ignore[arg-type]
        except InputError:
            continue
        json.loads(doc.to_json())
        doc.to_markdown()
        doc.to_text()


#: ``urllib.parse.urlsplit`` raises ValueError("Invalid IPv6 URL") on both
#: (the fuzzer found the second in a canonical link).
BROKEN_URLS = ("http://[not-an-ipv6-host/path", "https://example.exampl]/environment/")
HEADS = (
    '<link rel="canonical" href="{u}">',
    '<meta property="og:url" content="{u}">',
    '<meta property="og:image" content="{u}">',
    '<link rel="canonical" href="https://example.com/a"><meta property="og:image" content="{u}">',
)


@pytest.mark.parametrize("head", HEADS)
@pytest.mark.parametrize("broken", BROKEN_URLS)
@pytest.mark.parametrize("given", [False, True])
def test_broken_ipv6_urls_do_not_crash(head: str, broken: str, given: bool) -> None:
    url = broken if given else None
    page = (
        f"<html><head>{head.format(u=broken)}</head><body><h1>Title</h1>"
        f'<p>{"A sentence of the story that goes on for a while. " * 8}</p>'
        f'<p><a href="{broken}">a link</a> and <a href="/rel">another</a></p></body></html>'
    )
    doc = newsextract.parse(page, url=url)
    assert doc.article.title == "Title"
    assert doc.article.url in (None, broken, "https://example.com/a")
    doc.to_markdown()


def test_drop_tree_keeps_the_text_around_control_characters_the_parser_kept() -> None:
    # libxml2 leaves U+000E and U+001C in the tree, but lxml refuses them when
    # drop_tree joins a removed element's tail to the text before it (the
    # fuzzer reached this through a related-articles block).
    from newsextract.html import parse_tree
    from newsextract.html.tree import drop_tree

    root = parse_tree("<html><body><div>a\x0e<span>x</span>b\x1c<i>y</i>c<b>z</b>d</div></body></html>")
    div = root.find(".//div")
    assert div is not None and div.text == "a\x0e"
    drop_tree(div[0])  # joins to the parent's text
    assert div.text == "ab"
    drop_tree(div[1])  # joins to the previous sibling's tail
    drop_tree(div[0])
    assert div.text == "abcd"
