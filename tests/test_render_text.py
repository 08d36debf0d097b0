"""Plain-text renderer: the Markdown structure without markup, safe to cat to a terminal."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsextract.model import Article, Block, Comment, Comments, Document, Source, Teaser
from newsextract.render import render
from newsextract.render.plain import render_text

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def full_doc() -> Document:
    return Document(
        article=Article(
            title="Rates rise again",
            blocks=[
                Block("paragraph", "The central bank raised rates.\nMarkets fell."),
                Block("heading", "What it means", level=2),
                Block("list", "one\ntwo", items=["one", "two"]),
                Block("quote", "We will act.\nAgain."),
                Block("code", "def f():\n    return 1"),
                Block("table", "", rows=[["Year", "Rate"], ["2024", "5.25"], ["2025"]]),
            ],
            authors=["Ann Lee", "Bo Park"],
            published="2024-05-01",
            site_name="Daily",
            url="https://example.com/story",
        ),
        comments=Comments(
            found=True,
            items=[
                Comment("Great piece", author="alice", age="2 hours ago"),
                Comment("I disagree", published="2024-05-01T10:00:00Z", depth=1),
                Comment("Me too", author="carl", depth=2),
            ],
        ),
        related=[
            Teaser(
                "Other story",
                url="https://example.com/other",
                source="Daily",
                age="3 hours ago",
                summary="More.",
            ),
            Teaser("No link story"),
        ],
        source=Source(kind="html", encoding="utf-8", length=1234),
    )


FULL_TEXT = """\
Rates rise again
By Ann Lee and Bo Park · 2024-05-01 · Daily
https://example.com/story

The central bank raised rates.
Markets fell.

What it means

- one
- two

    We will act.
    Again.

def f():
    return 1

Year | Rate
2024 | 5.25
2025 |

Comments

alice · 2 hours ago
Great piece

    Anonymous · 2024-05-01T10:00:00Z
    I disagree

        carl
        Me too

Related articles

- Other story
  Daily · 3 hours ago
  https://example.com/other
  More.
- No link story
"""


def doc(**article: object) -> Document:
    return Document(article=Article(**article), comments=Comments(), related=[], source=Source(kind="text"))  # type: ignore[arg-type]


def test_full_document() -> None:
    assert render_text(full_doc()) == FULL_TEXT


def test_document_methods_and_dispatch_agree() -> None:
    d = full_doc()
    assert d.to_text() == render(d, "text") == FULL_TEXT


def test_text_is_not_escaped() -> None:
    out = render_text(doc(title="*Not* [markdown] <b>", blocks=[Block("paragraph", "a_b & c # d")]))
    assert out == "*Not* [markdown] <b>\n\na_b & c # d\n"


def test_metadata_line_parts_are_optional() -> None:
    assert render_text(doc(title="T")) == "T\n"
    assert render_text(doc(title="T", site_name="S")) == "T\nS\n"
    assert render_text(doc(authors=["A", "B", "C"])) == "By A, B and C\n"
    assert render_text(doc()) == ""


def test_list_without_items_and_multiline_items() -> None:
    out = render_text(doc(blocks=[Block("list", "a\nb"), Block("list", "", items=["x\ny", " "])]))
    assert out == "- a\n- b\n\n- x\n  y\n"


def test_quote_blank_lines_are_not_indented() -> None:
    assert render_text(doc(blocks=[Block("quote", "one\n\ntwo")])) == "    one\n\n    two\n"


def test_table_columns_are_aligned_by_display_width() -> None:
    rows = [["名前", "x"], ["ab", "yy"], ["a\nb", ""]]
    assert render_text(doc(blocks=[Block("table", "", rows=rows)])) == "名前 | x\nab   | yy\na b  |\n"


def test_table_without_rows_falls_back_to_text() -> None:
    assert render_text(doc(blocks=[Block("table", "a b")])) == "a b\n"


def test_comments_found_but_empty() -> None:
    d = Document(
        article=Article(title="T"), comments=Comments(found=True), related=[], source=Source(kind="text")
    )
    assert render_text(d) == "T\n\nComments\n\nNo comments.\n"


def test_comments_not_found_leaves_section_out() -> None:
    d = Document(
        article=Article(title="T"), comments=Comments(found=False), related=[], source=Source(kind="text")
    )
    assert render_text(d) == "T\n"


def test_teaser_lines() -> None:
    related = [
        Teaser("Dated", published="2024-01-02"),
        Teaser("Age wins", published="2024-01-02", age="5 min ago"),
        Teaser("", url="javascript:alert(1)", summary="s\nt"),
    ]
    d = Document(article=Article(), comments=Comments(), related=related, source=Source(kind="text"))
    assert render_text(d) == (
        "Related articles\n\n"
        "- Dated\n  2024-01-02\n"
        "- Age wins\n  5 min ago\n"
        "- (untitled)\n  javascript:alert(1)\n  s t\n"
    )


def test_no_article_document() -> None:
    d = Document(
        article=Article(),
        comments=Comments(found=True, items=[Comment("first!", author="z")]),
        related=[Teaser("Elsewhere", url="https://x.test/e")],
        source=Source(kind="html"),
    )
    assert d.status == "no_article"
    assert render_text(d) == "Comments\n\nz\nfirst!\n\nRelated articles\n\n- Elsewhere\n  https://x.test/e\n"


ESC = "\x1b[2J\x1b]0;owned\x07\x9b31m\x07\x08\x00\x85"


def test_controls_are_stripped_from_every_field() -> None:
    d = Document(
        article=Article(
            title=f"Ti{ESC}tle",
            blocks=[
                Block("heading", f"H{ESC}"),
                Block("paragraph", f"P{ESC}ara"),
                Block("list", "", items=[f"I{ESC}"]),
                Block("quote", f"Q{ESC}"),
                Block("code", f"C{ESC}"),
                Block("table", "", rows=[[f"T{ESC}"]]),
            ],
            authors=[f"A{ESC}"],
            published=f"D{ESC}",
            site_name=f"S{ESC}",
            url=f"U{ESC}",
        ),
        comments=Comments(found=True, items=[Comment(f"c{ESC}", author=f"a{ESC}", age=f"g{ESC}", depth=1)]),
        related=[Teaser(f"t{ESC}", url=f"u{ESC}", source=f"s{ESC}", age=f"g{ESC}", summary=f"m{ESC}")],
        source=Source(kind="html"),
    )
    for out in (render_text(d), render(d, "markdown")):
        assert not _CONTROL.search(out), out
    out = render_text(d)
    assert "owned" not in out and "31m" not in out and "2J" not in out
    assert out == (
        "Title\nBy A · D · S\nU\n\nH\n\nPara\n\n- I\n\n    Q\n\nC\n\nT\n\n"
        "Comments\n\n    a · g\n    c\n\nRelated articles\n\n- t\n  s · g\n  u\n  m\n"
    )


# --- properties ----------------------------------------------------------------------------------

_text = st.text(max_size=30)
_opt = st.none() | _text


@st.composite
def documents(draw: st.DrawFn) -> Document:
    block = st.builds(
        Block,
        type=st.sampled_from(["heading", "paragraph", "list", "quote", "code", "table"]),
        text=_text,
        items=st.none() | st.lists(_text, max_size=3),
        level=st.none() | st.integers(1, 6),
        rows=st.none() | st.lists(st.lists(_text, max_size=3), max_size=3),
    )
    article = st.builds(
        Article,
        title=_opt,
        blocks=st.lists(block, max_size=5),
        authors=st.lists(_text, max_size=3),
        published=_opt,
        url=_opt,
    )
    comment = st.builds(Comment, text=_text, author=_opt, published=_opt, age=_opt, depth=st.integers(0, 30))
    teaser = st.builds(Teaser, title=_text, url=_opt, source=_opt, age=_opt, summary=_opt)
    return Document(
        article=draw(article),
        comments=draw(st.builds(Comments, found=st.booleans(), items=st.lists(comment, max_size=3))),
        related=draw(st.lists(teaser, max_size=3)),
        source=Source(kind="text"),
    )


@settings(max_examples=200)
@given(documents())
def test_any_document_is_terminal_safe(d: Document) -> None:
    out = render_text(d)
    assert not _CONTROL.search(out)
    assert out == "" or (out.endswith("\n") and not out.endswith("\n\n"))
    assert all(line == line.rstrip() for line in out.split("\n"))


@pytest.mark.parametrize("fmt", ["markdown", "text"])
def test_render_outputs_end_with_one_newline(fmt: str) -> None:
    out = render(full_doc(), fmt)
    assert out.endswith("\n") and not out.endswith("\n\n")
