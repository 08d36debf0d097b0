"""Escaping helpers: page text must stay inert in Markdown and on a terminal."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsextract.render.escape import escape_md, one_line, safe_url, strip_controls

# Any single character that CommonMark allows a backslash to escape.
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def unescape(text: str) -> str:
    return _UNESCAPE.sub(r"\1", text)


def escaped_at(text: str, index: int) -> bool:
    """Whether the character at ``index`` is preceded by an odd number of backslashes."""
    count = 0
    while index - count - 1 >= 0 and text[index - count - 1] == "\\":
        count += 1
    return count % 2 == 1


# --- strip_controls -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("\x1b[31mred\x1b[0m text", "red text"),
        ("\x1b[1;38;5;196mbold\x1b[m", "bold"),
        ("\x1b]0;pwned title\x07after", "after"),
        ("\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\", "link"),
        ("\x9b31mC1 csi", "C1 csi"),
        ("\x9d0;title\x9cafter", "after"),
        ("\x1bcreset", "reset"),
        ("\x1b(Bcharset", "charset"),
        ("bell\x07 back\x08space del\x7f nul\x00", "bell backspace del nul"),
        ("c1\x80\x85\x8fend", "c1end"),
        ("keep\ttab\nand newline", "keep\ttab\nand newline"),
        ("windows\r\nline", "windows\nline"),
        ("over\rwrite", "over\nwrite"),
        ("vertical\x0bform\x0cfeed", "verticalformfeed"),
        ("unterminated \x1b]0;title\nnext line", "unterminated \nnext line"),
        ("lone escape at end \x1b", "lone escape at end "),
        ("Ünïcödé 中文 🎉 — “quotes”", "Ünïcödé 中文 🎉 — “quotes”"),
    ],
)
def test_strip_controls(raw: str, clean: str) -> None:
    assert strip_controls(raw) == clean


@given(st.text())
def test_strip_controls_leaves_no_control_or_escape(text: str) -> None:
    out = strip_controls(text)
    assert not _CONTROL.search(out)
    assert "\x1b" not in out and "\r" not in out


@given(st.text(alphabet=st.characters(exclude_categories=["Cc"])))
def test_strip_controls_keeps_printable_text(text: str) -> None:
    assert strip_controls(text) == text


def test_one_line() -> None:
    assert one_line("  a\n\n b\t\x1b[31mc  ") == "a b c"
    assert one_line("") == ""


# --- escape_md ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("[click](javascript:alert(1))", r"\[click\](javascript:alert(1))"),
        ("![x](http://evil/x.png)", r"!\[x\](http://evil/x.png)"),
        ("<script>alert(1)</script>", r"\<script\>alert(1)\</script\>"),
        ("<http://evil.example>", r"\<http://evil.example\>"),
        ("# heading", r"\# heading"),
        ("###### heading", r"\###### heading"),
        ("Title ##", r"Title \##"),
        ("*bold* _em_ **strong**", r"\*bold\* \_em\_ \*\*strong\*\*"),
        ("~~strike~~", r"\~\~strike\~\~"),
        ("`code`", r"\`code\`"),
        ("a | b", r"a \| b"),
        ("back\\slash", r"back\\slash"),
        ("&lt;b&gt; &#106; &#x6A; &copy;", r"\&lt;b\&gt; \&#106; \&#x6A; \&copy;"),
        ("R&D, AT&T, fish & chips", "R&D, AT&T, fish & chips"),
        ("- item", r"\- item"),
        ("+ item", r"\+ item"),
        ("> quote", r"\> quote"),
        ("1. first", r"1\. first"),
        ("2) second", r"2\) second"),
        ("3.5 million", "3.5 million"),
        ("---", r"\---"),
        ("title\n===", "title\n\\==="),
        ("    indented code", "indented code"),
        ("[ref]: http://evil", r"\[ref\]: http://evil"),
        ("[^1]", r"\[^1\]"),
        ("plain words, 5.", "plain words, 5."),
        ("\x1b[31m# red heading", r"\# red heading"),
        ("line one\r\n# line two", "line one\n\\# line two"),
    ],
)
def test_escape_md(raw: str, escaped: str) -> None:
    assert escape_md(raw) == escaped


def test_escape_md_escapes_every_line() -> None:
    out = escape_md("ok\n# h\n- l\n> q\n1. o\n\n* s")
    assert out == "ok\n\\# h\n\\- l\n\\> q\n1\\. o\n\n\\* s"


_ALWAYS_SPECIAL = "\\`*_[]<>|~"


@given(st.text())
def test_escape_md_specials_always_escaped(text: str) -> None:
    out = escape_md(text)
    for i, char in enumerate(out):
        if char in _ALWAYS_SPECIAL and char != "\\":
            assert escaped_at(out, i), (text, out, i)
    for line in out.split("\n"):
        assert not re.match(r"[#+=>-]|[0-9]{1,9}[.)](?:[ \t]|$)|[ \t]", line), (text, line)
    for match in re.finditer(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);", out):
        assert escaped_at(out, match.start()), (text, out)


@given(st.text())
def test_escape_md_loses_nothing_but_edge_whitespace(text: str) -> None:
    expected = "\n".join(line.strip(" \t") for line in strip_controls(text).split("\n"))
    assert unescape(escape_md(text)) == expected


# --- safe_url -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "   ",
        "javascript:alert(1)",
        "JaVaScRiPt:alert(1)",
        "  javascript:alert(1)",
        "\x00\x01javascript:alert(1)",
        "java\tscript:alert(1)",
        "java\nscript:alert(1)",
        "java\r\nscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/png;base64,AAAA",
        "vbscript:msgbox(1)",
        "file:///etc/passwd",
        "ftp://example.com/x",
        "x-custom:thing",
    ],
)
def test_safe_url_rejects(url: str | None) -> None:
    assert safe_url(url) is None


@pytest.mark.parametrize(
    ("url", "safe"),
    [
        ("https://example.com/a/b?q=1&r=2#f", "https://example.com/a/b?q=1&r=2#f"),
        ("HTTP://EXAMPLE.COM", "HTTP://EXAMPLE.COM"),
        ("mailto:desk@example.com", "mailto:desk@example.com"),
        ("/relative/path", "/relative/path"),
        ("relative.html", "relative.html"),
        ("#fragment", "#fragment"),
        ("?q=1", "?q=1"),
        ("//example.com/x", "//example.com/x"),
        ("  https://example.com/  ", "https://example.com/"),
        ("https://example.com/a b", "https://example.com/a%20b"),
        ("https://en.wikipedia.org/wiki/Foo_(bar)", "https://en.wikipedia.org/wiki/Foo_%28bar%29"),
        ("https://x.test/)](javascript:alert(1)", "https://x.test/%29]%28javascript:alert%281%29"),
        ('https://x.test/"><img src=x>', "https://x.test/%22%3E%3Cimg%20src=x%3E"),
        ("https://x.test/`code`", "https://x.test/%60code%60"),
        ("https://x.test/a\\b", "https://x.test/a%5Cb"),
        ("https://x.test/\u202eevil", "https://x.test/%E2%80%AEevil"),
        ("https://x.test/ünï", "https://x.test/ünï"),
        # Markdown would decode these entities in a link destination: kept literal.
        ("https://x.test/?a=1&amp;b=2", "https://x.test/?a=1\\&amp;b=2"),
        # Not schemes to a browser (a "&", "\\" or "%" before the colon): relative, and kept inert.
        ("jav&#x61;script:alert(1)", "jav\\&#x61;script:alert%281%29"),
        ("javascript&colon;alert(1)", "javascript\\&colon;alert%281%29"),
        ("javascript\\:alert(1)", "javascript%5C:alert%281%29"),
    ],
)
def test_safe_url_accepts_and_encodes(url: str, safe: str) -> None:
    assert safe_url(url) == safe


@given(st.text())
def test_safe_url_result_cannot_break_out_of_a_link(url: str) -> None:
    out = safe_url(url)
    if out is None:
        return
    assert not re.search(r"[\s()<>`\"'|]", out)
    assert not _CONTROL.search(out)
    # Only backslashes safe_url itself added (before an entity-like "&") remain.
    assert all(out[i + 1 : i + 2] == "&" for i, c in enumerate(out) if c == "\\")
    scheme = re.match(r"([A-Za-z][A-Za-z0-9+.-]*):", out)
    assert scheme is None or scheme.group(1).lower() in {"http", "https", "mailto"}


# --- with a real CommonMark parser, when one is installed -------------------------------------

_MARKUP_TAGS = (
    "<a ",
    "<img",
    "<script",
    "<em>",
    "<strong>",
    "<code>",
    "<del>",
    "<s>",
    "<h",
    "<ul",
    "<ol",
    "<blockquote",
    "<hr",
    "<table",
    "<pre",
    "<br",
)


@given(st.text())
def test_escaped_text_renders_as_one_plain_paragraph_per_line_run(text: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    html = md.render(escape_md(text))
    body = html.replace("<p>", "").replace("</p>", "")
    for tag in _MARKUP_TAGS:
        assert tag not in body, (text, html)


@pytest.mark.parametrize(
    "attack",
    [
        "[click](javascript:alert(1))",
        "![x](http://evil/x.png)",
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "# heading",
        "*bold*",
        "&lt;script&gt;",
        "[x]: javascript:alert(1)\n\n[x]",
    ],
)
def test_injection_attempts_render_as_text(attack: str) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark", {"html": True})
    html = md.render(escape_md(attack))
    for tag in _MARKUP_TAGS:
        assert tag not in html
    assert "<p>" in html
