"""Property tests of the whole entry point, ``newsextract.parse``, on bytes and
on generated HTML: it raises nothing but :class:`InputError`, every renderer
accepts what it returns, the article text comes from the input, and the result
is deterministic.  (``test_text_properties.py`` does the same for the text
parser alone.)"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import newsextract
from newsextract.errors import InputError
from newsextract.model import Document

WS = re.compile(r"\s+")

WORDS = st.lists(
    st.sampled_from(
        [
            "the",
            "council",
            "said",
            "on",
            "Monday",
            "buses",
            "budget",
            "Comments",
            "Related",
            "By",
            "Jane",
            "3 hours ago",
            "12 March 2025",
            "Share",
            "Read more",
            "é",
            "日本語",
            "منذ",
            "—",
            "|",
            ".",
            ",",
        ]
    ),
    min_size=1,
    max_size=30,
).map(" ".join)
TAGS = [
    "div",
    "p",
    "span",
    "a",
    "b",
    "i",
    "h1",
    "h2",
    "ul",
    "li",
    "ol",
    "table",
    "tr",
    "td",
    "blockquote",
    "pre",
    "article",
    "section",
    "aside",
    "nav",
    "footer",
    "header",
    "time",
    "br",
    "script",
    "style",
    "noscript",
    "figure",
    "figcaption",
    "form",
    "button",
]
ATTRS = st.sampled_from(
    [
        "",
        ' class="comment"',
        ' class="related"',
        ' class="byline"',
        ' id="comments"',
        ' href="/x"',
        ' itemprop="articleBody"',
        ' class="share"',
        ' datetime="2025-03-12T10:00:00Z"',
        " hidden",
    ]
)


@st.composite
def html_pages(draw: st.DrawFn) -> tuple[str, str]:
    """A page of random (sometimes unclosed) tags and text, and its text in order."""
    parts: list[str] = []
    texts: list[str] = []
    for _ in range(draw(st.integers(1, 40))):
        choice = draw(st.integers(0, 3))
        tag = draw(st.sampled_from(TAGS))
        if choice == 0:
            parts.append(f"<{tag}{draw(ATTRS)}>")
        elif choice == 1:
            parts.append(f"</{tag}>")
        else:
            text = draw(WORDS)
            parts.append(text)
            texts.append(text)
    return "<html><body>" + "".join(parts) + "</body></html>", " ".join(texts)


def _render_all(doc: Document) -> None:
    doc.to_json()
    doc.to_markdown()
    doc.to_text()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_any_bytes_parse_or_raise_input_error(data: bytes) -> None:
    try:
        doc = newsextract.parse(data)
    except InputError:
        return
    _render_all(doc)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=3000), st.sampled_from(["html", "text"]))
def test_any_bytes_on_a_forced_path(data: bytes, kind: str) -> None:
    try:
        doc = newsextract.parse(data, kind=kind)  # type: ignore[arg-type]
    except InputError:
        return
    _render_all(doc)


def _from_input(piece: str, words: set[str], glued: re.Pattern[str]) -> bool:
    """Every word of ``piece`` is a word of the input, or input words glued
    together (text on both sides of a removed element meets without a space)."""
    return all(word in words or glued.fullmatch(word) for word in piece.split())


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_pages())
def test_html_never_raises_never_invents_and_is_deterministic(page: tuple[str, str]) -> None:
    html, text = page
    doc = newsextract.parse(html, kind="html")
    _render_all(doc)
    # Text inside <script>/<style> is text too here: it must simply not be invented.
    words = set(text.split())
    glued = re.compile("(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + ")+")
    pieces = [p for b in doc.article.blocks for p in (b.items or [b.text])]
    pieces += [c.text for c in doc.comments.items] + [doc.article.title or ""]
    for piece in pieces:
        assert _from_input(piece, words, glued), piece
    assert newsextract.parse(html, kind="html").to_dict() == doc.to_dict()
