"""Markdown renderer: layout, every block type, comments, teasers, and page text kept inert."""

from __future__ import annotations

import re
from html import escape as escape_html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsextract.model import Article, Block, Comment, Comments, Document, Source, Teaser
from newsextract.render import render
from newsextract.render.escape import escape_md, safe_url
from newsextract.render.markdown import render_markdown


def full_doc() -> Document:
    return Document(
        article=Article(
            title="Rates rise again",
            blocks=[
                Block("paragraph", "The central bank raised rates.\nMarkets fell."),
                Block("heading", "What it means"),
                Block("heading", "Details", level=3),
                Block("list", "one\ntwo", items=["one", "two"]),
                Block("quote", "We will act.\nAgain."),
                Block("code", "x = `a` ```\nprint(x)"),
                Block("table", "Year Rate", rows=[["Year", "Rate"], ["2024", "5|25"], ["2025"]]),
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
                Comment("I disagree", published="2024-05-01T10:00:00Z", age="1 hour ago", depth=1),
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
            Teaser("No link story", published="2024-04-30"),
        ],
        source=Source(kind="html", encoding="utf-8", length=1234),
    )


FULL_MD = """\
# Rates rise again

*By Ann Lee and Bo Park · 2024-05-01 · Daily*

[https://example.com/story](https://example.com/story)

The central bank raised rates.
Markets fell.

## What it means

### Details

- one
- two

> We will act.
> Again.

````
x = `a` ```
print(x)
````

| Year | Rate |
|---|---|
| 2024 | 5\\|25 |
| 2025 |  |

## Comments

**alice** · 2 hours ago

Great piece

> **Anonymous** · 2024-05-01T10:00:00Z
>
> I disagree

> > **carl**
> >
> > Me too

## Related articles

- [Other story](https://example.com/other) — Daily · 3 hours ago
  More.
- No link story — 2024-04-30
"""


def doc(
    *,
    title: str | None = None,
    blocks: list[Block] | None = None,
    comments: Comments | None = None,
    related: list[Teaser] | None = None,
    **article: object,
) -> Document:
    return Document(
        article=Article(title=title, blocks=blocks or [], **article),  # type: ignore[arg-type]
        comments=comments or Comments(),
        related=related or [],
        source=Source(kind="text"),
    )


def test_full_document() -> None:
    assert render_markdown(full_doc()) == FULL_MD


def test_document_methods_and_dispatch_agree() -> None:
    d = full_doc()
    assert d.to_markdown() == render(d, "markdown") == FULL_MD


def test_dates_stay_readable() -> None:
    # "-" is only escaped where it could start a bullet.
    out = render_markdown(doc(title="T", published="2024-05-01", site_name="-S-"))
    assert out == "# T\n\n*2024-05-01 · -S-*\n"
    out = render_markdown(doc(title="T", site_name="-S-"))
    assert out == "# T\n\n*\\-S-*\n"


def test_metadata_line_parts_are_optional() -> None:
    assert render_markdown(doc(title="T")) == "# T\n"
    assert render_markdown(doc(title="T", authors=["A"])) == "# T\n\n*By A*\n"
    assert (
        render_markdown(doc(title="T", authors=["A", "B", "C"], site_name="S"))
        == "# T\n\n*By A, B and C · S*\n"
    )
    assert render_markdown(doc(title="T", authors=["", "  "])) == "# T\n"


def test_no_title_no_heading() -> None:
    assert render_markdown(doc(blocks=[Block("paragraph", "Body.")])) == "Body.\n"


def test_empty_document_renders_empty() -> None:
    assert render_markdown(doc()) == ""


@pytest.mark.parametrize(
    ("level", "marks"), [(None, "##"), (1, "##"), (2, "##"), (3, "###"), (6, "######"), (9, "######")]
)
def test_heading_levels_keep_title_the_only_h1(level: int | None, marks: str) -> None:
    out = render_markdown(doc(blocks=[Block("heading", "Sub", level=level)]))
    assert out == f"{marks} Sub\n"


def test_multiline_heading_is_folded() -> None:
    assert render_markdown(doc(blocks=[Block("heading", "Two\nlines")])) == "## Two lines\n"


def test_list_without_items_uses_text_lines() -> None:
    out = render_markdown(doc(blocks=[Block("list", "a\nb\n\n")]))
    assert out == "- a\n- b\n"


def test_list_item_with_newline_stays_in_item() -> None:
    out = render_markdown(doc(blocks=[Block("list", "", items=["first\nsecond", "- not a bullet"])]))
    assert out == "- first\n  second\n- \\- not a bullet\n"


def test_quote_with_blank_line() -> None:
    out = render_markdown(doc(blocks=[Block("quote", "one\n\ntwo")]))
    assert out == "> one\n>\n> two\n"


@pytest.mark.parametrize(
    ("code", "fence"),
    [("plain", "```"), ("a `b`", "```"), ("```", "````"), ("x ````` y\n``", "``````")],
)
def test_code_fence_is_longer_than_any_backtick_run(code: str, fence: str) -> None:
    out = render_markdown(doc(blocks=[Block("code", code)]))
    assert out == f"{fence}\n{code}\n{fence}\n"


def test_code_is_verbatim_but_without_controls() -> None:
    out = render_markdown(doc(blocks=[Block("code", "if a < b and *p:\n    \x1b[31mx_y\x07()")]))
    assert out == "```\nif a < b and *p:\n    x_y()\n```\n"


def test_table_pads_rows_and_escapes_cells() -> None:
    rows = [["h1", "h|2", "h3"], ["*a*", "b\nc"], ["[x](y)"]]
    out = render_markdown(doc(blocks=[Block("table", "", rows=rows)]))
    assert out == ("| h1 | h\\|2 | h3 |\n|---|---|---|\n| \\*a\\* | b c |  |\n| \\[x\\](y) |  |  |\n")


def test_table_without_rows_falls_back_to_text() -> None:
    assert render_markdown(doc(blocks=[Block("table", "a b")])) == "a b\n"


def test_empty_blocks_are_skipped() -> None:
    blocks = [
        Block("paragraph", ""),
        Block("heading", " "),
        Block("quote", ""),
        Block("code", "\n"),
        Block("paragraph", "x"),
    ]
    assert render_markdown(doc(blocks=blocks)) == "x\n"


def test_comments_found_but_empty() -> None:
    out = render_markdown(doc(title="T", comments=Comments(found=True)))
    assert out == "# T\n\n## Comments\n\nNo comments.\n"


def test_comments_not_found_leaves_section_out() -> None:
    out = render_markdown(doc(title="T", comments=Comments(found=False)))
    assert "Comments" not in out


def test_comment_header_prefers_published_over_age() -> None:
    c = Comments(found=True, items=[Comment("t", author="a", published="2024-01-01", age="1 day ago")])
    assert "**a** · 2024-01-01" in render_markdown(doc(comments=c))
    c = Comments(found=True, items=[Comment("t", age="1 day ago")])
    assert "**Anonymous** · 1 day ago" in render_markdown(doc(comments=c))


def test_reply_depth_is_nested_blockquotes() -> None:
    c = Comments(found=True, items=[Comment("line one\n\nline two", author="x", depth=3)])
    out = render_markdown(doc(comments=c))
    assert out == "## Comments\n\n> > > **x**\n> > >\n> > > line one\n> > >\n> > > line two\n"


def test_comment_cannot_fake_a_reply_or_heading() -> None:
    c = Comments(found=True, items=[Comment("> **admin** · now\n## Owned", author="**mallory**")])
    out = render_markdown(doc(comments=c))
    assert out == "## Comments\n\n**\\*\\*mallory\\*\\***\n\n\\> \\*\\*admin\\*\\* · now\n\\## Owned\n"


def test_teasers() -> None:
    related = [
        Teaser("Linked", url="/relative/path"),
        Teaser("Plain"),
        Teaser("Source only", source="Wire"),
        Teaser("Date only", published="2024-01-02"),
        Teaser("Age wins", published="2024-01-02", age="5 min ago"),
        Teaser("Summary", summary="Line one\nline two"),
    ]
    out = render_markdown(doc(related=related))
    assert out == (
        "## Related articles\n\n"
        "- [Linked](/relative/path)\n"
        "- Plain\n"
        "- Source only — Wire\n"
        "- Date only — 2024-01-02\n"
        "- Age wins — 5 min ago\n"
        "- Summary\n  Line one line two\n"
    )


def test_teaser_with_unsafe_url_is_plain_text() -> None:
    related = [Teaser("Click me", url="javascript:alert(1)"), Teaser("Data", url="data:text/html,x")]
    out = render_markdown(doc(related=related))
    assert out == "## Related articles\n\n- Click me\n- Data\n"


def test_teaser_without_title_uses_url() -> None:
    out = render_markdown(doc(related=[Teaser("", url="https://x.test/a")]))
    assert out == "## Related articles\n\n- [https://x.test/a](https://x.test/a)\n"


def test_url_line_encodes_and_rejects() -> None:
    out = render_markdown(doc(url="https://x.test/a b(1)"))
    assert out == "[https://x.test/a b(1)](https://x.test/a%20b%281%29)\n"
    out = render_markdown(doc(url="javascript:alert(1)"))
    assert out == "javascript:alert(1)\n"


def test_no_article_document() -> None:
    d = Document(
        article=Article(),
        comments=Comments(found=True, items=[Comment("first!")]),
        related=[Teaser("Elsewhere", url="https://x.test/e")],
        source=Source(kind="html"),
    )
    assert d.status == "no_article"
    assert render_markdown(d) == (
        "## Comments\n\n**Anonymous**\n\nfirst!\n\n## Related articles\n\n- [Elsewhere](https://x.test/e)\n"
    )


# --- injection --------------------------------------------------------------------------------

ATTACKS = [
    "[click](javascript:alert(1))",
    "![x](http://evil/x.png)",
    "<script>alert(1)</script>",
    "# heading",
    "*bold*",
    "&lt;b&gt;",
    "<http://evil.test>",
]


def injected_doc(attack: str) -> Document:
    return Document(
        article=Article(
            title=attack,
            blocks=[
                Block("heading", attack),
                Block("paragraph", attack),
                Block("list", attack, items=[attack]),
                Block("quote", attack),
                Block("table", attack, rows=[[attack], [attack]]),
            ],
            authors=[attack],
            published=attack,
            site_name=attack,
            url=attack,
        ),
        comments=Comments(found=True, items=[Comment(attack, author=attack, age=attack, depth=1)]),
        related=[Teaser(attack, url=attack, source=attack, age=attack, summary=attack)],
        source=Source(kind="html"),
    )


_LINK_DEST = re.compile(r"(?<!\\)\]\([^()\s]*\)")


@pytest.mark.parametrize("attack", ATTACKS)
def test_page_text_is_escaped_everywhere(attack: str) -> None:
    out = render_markdown(injected_doc(attack))
    escaped = escape_md(attack)
    meta = escape_md(f"By {attack} · {attack} · {attack}")
    assert out.startswith(f"# {escaped}\n\n*{meta}*\n")
    assert f"\n## {escaped}\n" in out
    if attack.startswith("#"):  # only dangerous at the start of a line (after any quote/list marker)
        assert not re.search(r"^[>|\- ]*" + re.escape(attack), out, flags=re.M), out
    else:  # outside link destinations the raw attack never appears unescaped
        text = _LINK_DEST.sub("]", out)
        assert not re.search(r"(?<!\\)" + re.escape(attack), text), text


@pytest.mark.parametrize("attack", [*ATTACKS, "javascript:alert(1)"])
def test_injection_renders_inert_html(attack: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    html = md.render(render_markdown(injected_doc(attack)))
    assert "<img" not in html and "<script" not in html and "<del>" not in html
    assert html.count("<h1>") == 1 and f"<h1>{escape_html(attack, quote=False)}</h1>" in html
    assert html.count("<em>") == 1  # the metadata line
    assert html.count("<strong>") == 1  # the comment's author
    hrefs = re.findall(r'<a href="([^"]*)"', html)
    assert len(hrefs) == (0 if safe_url(attack) is None else 2)
    assert not any(h.lower().startswith(("javascript:", "data:")) for h in hrefs)


# --- properties ----------------------------------------------------------------------------------

_text = st.text(max_size=40)
_opt = st.none() | _text


@st.composite
def documents(draw: st.DrawFn) -> Document:
    block = st.builds(
        Block,
        type=st.sampled_from(["heading", "paragraph", "list", "quote", "code", "table"]),
        text=_text,
        items=st.none() | st.lists(_text, max_size=3),
        level=st.none() | st.integers(-2, 9),
        rows=st.none() | st.lists(st.lists(_text, max_size=3), max_size=3),
    )
    article = st.builds(
        Article,
        title=_opt,
        blocks=st.lists(block, max_size=5),
        authors=st.lists(_text, max_size=3),
        published=_opt,
        site_name=_opt,
        url=_opt,
    )
    comment = st.builds(Comment, text=_text, author=_opt, published=_opt, age=_opt, depth=st.integers(0, 30))
    teaser = st.builds(Teaser, title=_text, url=_opt, source=_opt, published=_opt, age=_opt, summary=_opt)
    return Document(
        article=draw(article),
        comments=draw(st.builds(Comments, found=st.booleans(), items=st.lists(comment, max_size=3))),
        related=draw(st.lists(teaser, max_size=3)),
        source=Source(kind="text"),
    )


@settings(max_examples=200)
@given(documents())
def test_any_document_renders_without_controls_or_stray_html(d: Document) -> None:
    out = render_markdown(d)
    assert out == "" or (out.endswith("\n") and not out.endswith("\n\n"))
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]", out)
    assert "\n\n\n" not in out


@settings(max_examples=200)
@given(documents())
def test_any_document_links_only_safe_urls(d: Document) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    html = md.render(render_markdown(d))
    urls: list[str | None] = [d.article.url] if d.article.url and d.article.url.strip() else []
    urls += [t.url for t in d.related]
    expected = sum(1 for u in urls if safe_url(u) is not None)
    assert html.count("<a ") == expected
    for tag in ("<img", "<script", "<strong><", "<del>", "<hr"):
        assert tag not in html
