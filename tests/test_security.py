"""Security guarantees (docs/robustness.md): no file or network access from a
page, no entity expansion bomb, Markdown that cannot be made to link, embed or
run anything the page did not link itself."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import newsextract
from newsextract.model import Document

SECRET = "SECRET-7f3a9c-CONTENT"
PARA = (
    "The city council said on Monday that the new budget would fund more buses, and residents "
    "who spoke at the long evening meeting mostly welcomed the plan."
)


@pytest.fixture
def secret_file(tmp_path: Path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(f"{SECRET}\n")
    return path


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    """A local TCP socket that records whether anything connected to it."""
    server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.3)
    try:
        yield server
    finally:
        server.close()


def _connected(server: socket.socket) -> bool:
    try:
        conn, _ = server.accept()
    except TimeoutError:
        return False
    conn.close()
    return True


def _everything(doc: Document) -> str:
    return json.dumps(doc.to_dict(), ensure_ascii=False) + doc.to_markdown() + doc.to_text()


def _xxe_pages(secret: Path, port: int) -> dict[str, str]:
    url = f"http://127.0.0.1:{port}"
    body = f"<h1>Headline</h1><p>{PARA}</p><p>&xxe; {PARA}</p><p>{PARA}</p>"
    return {
        "external-entity": f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]><html><body>{body}</body></html>',
        "xml-declared": (
            f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">]>'
            f'<html xmlns="http://www.w3.org/1999/xhtml"><body>{body}</body></html>'
        ),
        "parameter-entity": (
            f'<!DOCTYPE html [<!ENTITY % p SYSTEM "file://{secret}"> %p; <!ENTITY % r SYSTEM "{url}/p.dtd"> %r;]>'
            f"<html><body>{body}</body></html>"
        ),
        "remote-dtd": f'<!DOCTYPE html SYSTEM "{url}/x.dtd"><html><body>{body}</body></html>',
        "remote-entity": f'<!DOCTYPE html [<!ENTITY xxe SYSTEM "{url}/e">]><html><body>{body}</body></html>',
        "xinclude": (
            f'<html xmlns:xi="http://www.w3.org/2001/XInclude"><body>{body}'
            f'<xi:include href="file://{secret}" parse="text"/><xi:include href="{url}/i"/></body></html>'
        ),
        "resources": (
            f'<html><head><link rel="stylesheet" href="{url}/s.css"><base href="{url}/">'
            f'<script src="{url}/a.js"></script><meta http-equiv="refresh" content="0;url={url}/r"></head>'
            f'<body>{body}<img src="{url}/i.png"><iframe src="{url}/f"></iframe>'
            f'<svg><image href="{url}/s.svg"/></svg><object data="{url}/o"></object></body></html>'
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "external-entity",
        "xml-declared",
        "parameter-entity",
        "remote-dtd",
        "remote-entity",
        "xinclude",
        "resources",
    ],
)
@pytest.mark.parametrize("kind", ["auto", "html"])
def test_no_file_is_read_and_no_request_is_made(
    case: str, kind: str, secret_file: Path, listener: socket.socket
) -> None:
    page = _xxe_pages(secret_file, listener.getsockname()[1])[case]
    doc = newsextract.parse(page.encode(), kind=kind)  # type: ignore[arg-type]
    assert SECRET not in _everything(doc)
    assert "city council" in doc.article.text
    assert not _connected(listener), "the parser made a network request"


def test_xxe_through_the_cli_and_batch(secret_file: Path, tmp_path: Path, listener: socket.socket) -> None:
    from typer.testing import CliRunner

    from newsextract.cli import app

    pages = tmp_path / "pages"
    pages.mkdir()
    for name, page in _xxe_pages(secret_file, listener.getsockname()[1]).items():
        (pages / f"{name}.html").write_text(page)
    runner = CliRunner()
    for path in sorted(pages.iterdir()):
        result = runner.invoke(app, ["parse", str(path), "-f", "markdown"])
        assert result.exit_code == 0 and SECRET not in result.stdout
    result = runner.invoke(app, ["batch", str(pages), "-o", str(tmp_path / "out")])
    assert result.exit_code == 0, result.stderr
    assert all(SECRET not in p.read_text() for p in (tmp_path / "out").iterdir())
    assert not _connected(listener)


def _laughs(levels: int, fanout: int = 10) -> str:
    entities = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{i} "{f"&lol{i - 1};" * fanout}">' for i in range(1, levels + 1)
    ]
    return (
        f'<?xml version="1.0"?><!DOCTYPE html [{"".join(entities)}]>'
        f"<html><body><h1>Laughs</h1><p>{PARA}</p><p>&lol{levels};</p><p>{PARA}</p></body></html>"
    )


@pytest.mark.parametrize("kind", ["auto", "html"])
def test_billion_laughs_is_not_expanded(kind: str) -> None:
    """10^9 "lol"s (3 GB) if expanded; the HTML parser never expands entities
    declared in a DTD, so the page parses in well under a second and the
    entity stays out of the text."""
    import tracemalloc

    page = _laughs(9)
    tracemalloc.start()
    start = time.perf_counter()
    doc = newsextract.parse(page.encode(), kind=kind)  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert "lollol" not in _everything(doc)
    assert "city council" in doc.article.text
    assert seconds < 10 and peak < 50 * 1024 * 1024, (seconds, peak)


def test_quadratic_blowup_entity_is_not_expanded() -> None:
    """One 50 KB entity used 5,000 times (250 MB if expanded)."""
    big = "A" * 50_000
    page = (
        f'<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "{big}">]>'
        f"<html><body><h1>Blowup</h1><p>{PARA}</p><p>{'&a;' * 5000}</p></body></html>"
    )
    doc = newsextract.parse(page.encode())
    assert big[:1000] not in _everything(doc)


# -- Markdown -----------------------------------------------------------------

#: Page text that would be markup if it were not escaped.
INJECTIONS = [
    "[click me](javascript:alert(1))",
    "![tracker](http://evil.example/pixel.png)",
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "<http://evil.example/autolink>",
    "<evil@example.com>",
    "[ref]: http://evil.example/defined",
    "see [ref] and [ref][] and [text][ref]",
    "&lt;script&gt; and &#106;avascript: and &#x6a;",
    "`code` and ``double``",
    "# not a heading",
    "| a | b |",
    "| --- | --- |",
    "**bold** _em_ ~~strike~~",
    "1. not a list",
    "- not a list",
    "> not a quote",
    "    indented code",
    "---",
    "<!-- comment -->",
    "<div onclick=x>raw block</div>",
    "[x](<javascript:alert(1)>)",
    "[x]( javascript:alert(1) )",
    "\\[escaped\\](http://evil.example)",
]


def _markdown_html(markdown: str) -> tuple[str, list[str], list[str]]:
    """The HTML a CommonMark + GFM-tables renderer makes of ``markdown``, and
    its link and image targets."""
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    links: list[str] = []
    images: list[str] = []
    raw: list[str] = []
    for token in md.parse(markdown):
        if token.type in ("html_block", "html_inline"):
            raw.append(token.content)
        for child in token.children or []:
            if child.type == "link_open":
                links.append(str(child.attrs.get("href")))
            elif child.type == "image":
                images.append(str(child.attrs.get("src")))
            elif child.type == "html_inline":
                raw.append(child.content)
    assert not raw, raw
    return md.render(markdown), links, images


def _hostile_html() -> str:
    paras = "".join(f"<p>{PARA} {_html_escape(attack)}</p>" for attack in INJECTIONS)
    return (
        "<html><head><title>[t](javascript:x) &lt;b&gt;</title></head><body>"
        f"<h1>{_html_escape('# Headline <script>x</script> [a](http://evil.example)')}</h1>{paras}"
        '<p>A real link: <a href="https://example.com/real">the report</a>.</p>'
        "</body></html>"
    )


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _hostile_dump() -> str:
    return "\n".join(
        ["Council backs the bus budget [a](http://evil.example)", "", *(f"{PARA} {a}" for a in INJECTIONS)]
    )


@pytest.mark.parametrize("source", ["html", "text"])
def test_markdown_of_a_hostile_page_links_only_real_links(source: str) -> None:
    page = _hostile_html() if source == "html" else _hostile_dump()
    doc = newsextract.parse(page, kind=source)  # type: ignore[arg-type]
    assert sum("city council" in b.text for b in doc.article.blocks) >= len(INJECTIONS) // 2
    markdown = doc.to_markdown()
    html, links, images = _markdown_html(markdown)
    assert images == []
    assert set(links) <= {"https://example.com/real"}, links
    assert "<script" not in html and "<img" not in html and "<div" not in html and "<h2" not in html
    # Each attack's text is still there, as text.
    for attack in (
        "javascript:alert(1)",
        "onerror",
        "evil@example.com",
        "[ref]: http://evil.example/defined",
    ):
        assert attack in html.replace("&quot;", '"').replace("&amp;", "&")


# -- batch writes only inside OUTDIR -------------------------------------------


def test_batch_names_cannot_escape_outdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Input names made to climb out of OUTDIR (``..``, absolute paths,
    backslashes, a name that is only dots) all land inside it."""
    from typer.testing import CliRunner

    from newsextract.cli import app

    work = tmp_path / "work"
    (work / "a" / "b").mkdir(parents=True)
    monkeypatch.chdir(work / "a" / "b")
    page = (Path(__file__).parents[1] / "samples" / "daily8-comments.txt").read_bytes()
    names = ["..\\..\\x.txt", "...", "..txt", "-rf.txt", "$(id).txt", "a;b.txt"]
    for name in names:
        (work / "a" / "b" / name).write_bytes(page)
    inputs = [*names, "../../a/b/..txt", str(work / "a" / "b" / "-rf.txt")]
    out = tmp_path / "out"
    before = {p for p in tmp_path.rglob("*")}
    result = CliRunner().invoke(app, ["batch", "-o", str(out), "--", *inputs])
    assert result.exit_code in (0, 6), result.stderr
    created = {p for p in tmp_path.rglob("*")} - before
    assert created and all(out in p.parents or p == out for p in created), created
