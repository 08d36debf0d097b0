"""Property tests of the text parser: it never raises, it never invents text
(every output string occurs in the input, whitespace aside) and it is
deterministic."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsextract.model import Document
from newsextract.text import parse_text

WS = re.compile(r"\s+")

# Lines that look like a news page: prose, headings, chrome, markers, dates.
LINE = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "Comments",
            "No comments yet...",
            "Related Articles",
            "Hashtags",
            "Share",
            "By Jane Doe",
            "3 hours ago",
            "- Reuters",
            "• Home",
            "[image]",
            "Axios12-03-2025",
            "Read also: A title here",
            "Commentaires",
            "التعليقات",
            "منذ 3 ساعات",
            "© 2025 Example",
            "12 March 2025",
            "",
        ]
    ),
    st.lists(
        st.sampled_from(["the", "a", "of", "and", "news", "city", "said", "on", "Monday", "."]),
        min_size=5,
        max_size=80,
    ).map(" ".join),
)
DUMP = st.lists(LINE, max_size=60).map("\n".join)


def pieces(doc: Document) -> list[str]:
    """Every atomic string the parser output, from the input."""
    out: list[str] = []
    a = doc.article
    out += [a.title or "", *a.authors, *a.tags, a.site_name or ""]
    for b in a.blocks:
        out += b.items if b.items else b.text.split("\n")
    for c in doc.comments.items:
        out += [c.author or "", c.age or "", *c.text.split("\n\n")]
    for t in doc.related:
        out += [t.title, t.source or "", t.age or "", *(t.summary or "").split("\n\n")]
    return [p for p in out if p]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DUMP)
def test_never_raises_and_never_invents(text: str) -> None:
    doc = parse_text(text)
    flat = WS.sub("", text)
    for piece in pieces(doc):
        assert WS.sub("", piece) in flat, piece


@settings(max_examples=60, deadline=None)
@given(DUMP)
def test_deterministic(text: str) -> None:
    assert parse_text(text).to_dict() == parse_text(text).to_dict()


@settings(max_examples=100, deadline=None)
@given(st.text())
def test_arbitrary_unicode(text: str) -> None:
    parse_text(text)
