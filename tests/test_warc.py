"""WARC input: the record reader (both backends), HTTP payload decoding, and
`newsextract batch` on WARC files (ndjson, per-page files, errors, resume,
the message without the `warc` extra).

The WARC files are written here, in tmp_path, by tests/warc_build.py: real HTTP
responses around our own samples/*.html, one gzip-encoded and one chunked,
plus records that are not pages (warcinfo, request, image, 404, revisit).
"""

from __future__ import annotations

import gzip
import io
import json
import sys
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsextract
from newsextract.batch import BatchOptions, PlanError, run_batch
from newsextract.cli import EXIT_NO_ARTICLE, EXIT_USAGE, app
from newsextract.cli_batch import EXIT_FAILED
from newsextract.errors import InputError
from newsextract.input import decode
from newsextract.input.warc import (
    SKIP_NOT_HTML,
    SKIP_STATUS,
    SKIP_TYPE,
    WarcError,
    WarcPage,
    WarcStats,
    dechunk,
    decode_content,
    http_charset,
    is_html,
    is_warc_name,
    iter_warc,
)

from .conftest import SAMPLES
from .test_batch import run_cli
from .warc_build import write_warc

pytest.importorskip("warcio")  # writes the test WARCs (and is a backend)

runner = CliRunner()
BACKENDS = [
    pytest.param("fastwarc", marks=pytest.mark.skipif(not __import__("importlib").util.find_spec("fastwarc"), reason="no FastWARC")),
    "warcio",
]
MB = 1 << 20


def read(path: Path, backend: str | None = None, stats: WarcStats | None = None) -> list[WarcPage | WarcError]:
    with open(path, "rb") as fh:
        return list(iter_warc(fh, max_bytes=10 * MB, stats=stats, backend=backend))


# -- payload decoding ------------------------------------------------------------------


def test_dechunk() -> None:
    assert dechunk(b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n") == b"hello world"
    assert dechunk(b"<html>not chunked</html>") == b"<html>not chunked</html>"  # stored de-chunked
    assert dechunk(b"5\r\nhello\r\n") == b"hello"  # no last chunk: keep what is there
    with pytest.raises(ValueError):
        dechunk(b"5\r\nhello\r\nzz\r\n")


def test_decode_content() -> None:
    page = b"<html><body>caf\xc3\xa9</body></html>" * 10
    assert decode_content(gzip.compress(page), "gzip", MB) == page
    assert decode_content(zlib.compress(page), "deflate", MB) == page
    raw = zlib.compressobj(wbits=-15)
    assert decode_content(raw.compress(page) + raw.flush(), "deflate", MB) == page
    assert decode_content(page, "gzip", MB) == page  # declared but already decoded
    assert decode_content(page, None, MB) == page
    with pytest.raises(InputError, match="truncated"):
        decode_content(gzip.compress(page)[:40], "gzip", MB)
    with pytest.raises(InputError, match="larger than the limit"):
        decode_content(gzip.compress(page), "gzip", 100)
    with pytest.raises(InputError, match="unsupported"):
        decode_content(page, "compress", MB)


def test_decode_content_brotli() -> None:
    brotli = pytest.importorskip("brotli")
    assert decode_content(brotli.compress(b"<html>x</html>"), "br", MB) == b"<html>x</html>"


def test_html_types_and_charset() -> None:
    assert is_html("text/html; charset=utf-8", b"")
    assert is_html("application/xhtml+xml", b"")
    assert not is_html("image/png", b"<html>")
    assert is_html(None, b"  <!DOCTYPE html><html>")  # no type: sniffed
    assert not is_html(None, b"%PDF-1.7")
    assert http_charset('text/html; charset="windows-1251"') == "windows-1251"
    assert http_charset("text/html") is None
    assert is_warc_name("a/CRAWL.warc.gz") and is_warc_name("x.warc") and not is_warc_name("x.html.gz")


def test_http_charset_is_a_hint_for_the_decoder() -> None:
    text = "<p>Привет, как дела? Это короткий текст.</p>"
    data = text.encode("cp1251")
    assert decode(data, hint="windows-1251").text == text
    assert decode(data, hint="windows-1251").encoding == "cp1251"
    assert decode(text.encode("utf-8"), hint="utf-8").text == text
    assert decode(text.encode("utf-8"), hint="no-such-charset").text == text  # an unknown label is ignored
    assert newsextract.parse(data, encoding="windows-1251").source.encoding == "cp1251"


# -- the reader ------------------------------------------------------------------------


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("gz", [True, False])
def test_reader_yields_the_pages_and_counts_the_rest(tmp_path: Path, backend: str, gz: bool) -> None:
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    expected = write_warc(path, gz=gz)
    stats = WarcStats()
    items = read(path, backend, stats)
    assert all(isinstance(i, WarcPage) for i in items)
    pages = [i for i in items if isinstance(i, WarcPage)]
    assert [(p.url, p.body) for p in pages] == [(url, (SAMPLES / name).read_bytes()) for url, name in expected]
    assert all(p.charset == "utf-8" and p.record_id and p.record_id.startswith("<urn:uuid:") for p in pages)
    assert all(p.date for p in pages)
    assert stats.records == 8 and stats.pages == 3 and stats.errors == 0
    assert stats.skipped == {SKIP_TYPE: 3, SKIP_NOT_HTML: 1, SKIP_STATUS: 1}  # warcinfo/request/revisit; png; 404
    # the offset is where the record starts: a reader started there reads it first
    with open(path, "rb") as fh:
        fh.seek(pages[1].offset)
        again = next(i for i in iter_warc(fh, max_bytes=MB, backend=backend) if isinstance(i, WarcPage))
    assert again.record_id == pages[1].record_id


def test_backends_agree(tmp_path: Path) -> None:
    pytest.importorskip("fastwarc")
    path = tmp_path / "crawl.warc.gz"
    write_warc(path)
    assert read(path, "fastwarc") == read(path, "warcio")


@pytest.mark.parametrize("backend", BACKENDS)
@pytest.mark.parametrize("gz", [True, False])
def test_truncated_file_is_an_error_for_the_rest_of_it(tmp_path: Path, backend: str, gz: bool) -> None:
    path = tmp_path / "crawl.warc"
    write_warc(path, gz=gz)
    data = path.read_bytes()
    pages = [i for i in read(path, backend) if isinstance(i, WarcPage)]
    path.write_bytes(data[: pages[1].offset + 1500])  # cut inside the second page
    items = read(path, backend)
    assert isinstance(items[0], WarcPage) and items[0].url == pages[0].url
    assert len(items) == 2 and isinstance(items[1], WarcError) and items[1].fatal
    assert items[1].number == pages[1].number


@pytest.mark.parametrize("backend", BACKENDS)
def test_garbage_is_an_error_not_a_crash(backend: str) -> None:
    items = list(iter_warc(io.BytesIO(b"WARC/1.0\r\nthis is not a header\r\n\r\n" * 3), max_bytes=MB, backend=backend))
    assert all(isinstance(i, WarcError) for i in items)
    items = list(iter_warc(io.BytesIO(b"\x1f\x8b\x08\x00garbage"), max_bytes=MB, backend=backend))
    assert all(isinstance(i, WarcError) for i in items)


def test_corrupt_content_encoding_fails_only_that_record(tmp_path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "bad.warc.gz"
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for i, (body, enc) in enumerate([(b"\x1f\x8bnot gzip at all", "gzip"), ((SAMPLES / "news-wordpress.html").read_bytes(), None)]):
            headers = [("Content-Type", "text/html")] + ([("Content-Encoding", enc)] if enc else [])
            http = StatusAndHeaders("200 OK", headers, protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(f"https://x.test/{i}", "response", payload=io.BytesIO(body), http_headers=http))
    items = read(path)
    assert isinstance(items[0], WarcError) and not items[0].fatal and "gzip" in items[0].message
    assert isinstance(items[1], WarcPage) and items[1].url == "https://x.test/1"


# -- batch -----------------------------------------------------------------------------


@pytest.fixture
def crawl(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, list[tuple[str, str]]]:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "in").mkdir()
    expected = write_warc(tmp_path / "in" / "crawl.warc.gz")
    return tmp_path, expected


def test_cli_ndjson_from_a_warc(crawl: tuple[Path, list[tuple[str, str]]]) -> None:
    root, expected = crawl
    proc = run_cli("in/crawl.warc.gz", "-o", "out", "-f", "ndjson", cwd=root)
    assert proc.returncode == EXIT_NO_ARTICLE, proc.stderr  # index-page.html has no article
    stderr = proc.stderr.decode()
    assert "5 record(s) that are not pages skipped" in stderr
    lines = [json.loads(line) for line in (root / "out" / "documents.ndjson").read_text().splitlines()]
    assert (root / "out" / "errors.jsonl").read_text() == ""
    by_url = {d["article"]["url"]: d for d in lines}
    assert set(by_url) == {url for url, _ in expected}
    for url, name in expected:
        doc = by_url[url]
        want = newsextract.parse((SAMPLES / name).read_bytes(), url=url).to_dict()
        assert doc["article"] == want["article"] and doc["comments"] == want["comments"]
        assert doc["related"] == want["related"]
        source = doc["source"]
        assert source["path"] == "in/crawl.warc.gz" and doc["path"] == f"in/crawl.warc.gz#{doc['path'].rsplit('#')[1]}"
        assert source["record_id"].startswith("<urn:uuid:") and source["offset"] > 0 and source["fetched"]


def test_batch_per_page_files_resume_and_clash(crawl: tuple[Path, list[tuple[str, str]]]) -> None:
    root, expected = crawl
    result = runner.invoke(app, ["batch", "in", "-o", "out", "-q"])
    assert result.exit_code == EXIT_NO_ARTICLE, result.output
    written = sorted(p.relative_to(root / "out").as_posix() for p in (root / "out").rglob("*.json"))
    assert written == ["crawl/3.json", "crawl/7.json", "crawl/8.json"]
    doc = json.loads((root / "out" / "crawl" / "3.json").read_text())
    assert doc["article"]["url"] == expected[0][0]
    # a rerun without flags is refused before any work; --skip-existing does nothing new
    result = runner.invoke(app, ["batch", "in", "-o", "out", "-q"])
    assert result.exit_code == EXIT_USAGE and "already exist" in result.output
    (root / "out" / "crawl" / "7.json").unlink()
    summary = run_batch(BatchOptions(inputs=("in",), outdir="out", existing="skip", workers=1))
    assert (summary.converted, summary.no_article, summary.skipped) == (1, 0, 2)
    assert (root / "out" / "crawl" / "7.json").exists()


def test_batch_ndjson_resume(crawl: tuple[Path, list[tuple[str, str]]]) -> None:
    root, _ = crawl
    run_batch(BatchOptions(inputs=("in",), outdir="out", fmt="ndjson", workers=1))
    ndjson = root / "out" / "documents.ndjson"
    lines = ndjson.read_text().splitlines()
    ndjson.write_text("\n".join(lines[:2]) + "\n")
    summary = run_batch(BatchOptions(inputs=("in",), outdir="out", fmt="ndjson", existing="skip", workers=1))
    assert summary.skipped == 2 and summary.converted + summary.no_article == 1
    assert sorted(json.loads(line)["path"] for line in ndjson.read_text().splitlines()) == sorted(
        json.loads(line)["path"] for line in lines
    )


def test_batch_truncated_warc_fails_its_records_not_the_batch(crawl: tuple[Path, list[tuple[str, str]]]) -> None:
    root, _ = crawl
    good = root / "in" / "crawl.warc.gz"
    data = good.read_bytes()
    (root / "in" / "cut.warc.gz").write_bytes(data[: len(data) * 2 // 3])
    (root / "in" / "page.html").write_bytes((SAMPLES / "news-wordpress.html").read_bytes())
    result = runner.invoke(app, ["batch", "in", "-o", "out", "-f", "ndjson", "-q"])
    assert result.exit_code == EXIT_FAILED
    errors = [json.loads(line) for line in (root / "out" / "errors.jsonl").read_text().splitlines()]
    assert len(errors) == 1 and errors[0]["path"].startswith("in/cut.warc.gz#") and errors[0]["kind"] == "input"
    paths = [json.loads(line)["path"] for line in (root / "out" / "documents.ndjson").read_text().splitlines()]
    assert "in/page.html" in paths and sum(p.startswith("in/crawl.warc.gz#") for p in paths) == 3
    assert any(p.startswith("in/cut.warc.gz#") for p in paths)  # the pages before the cut


def test_a_warc_under_another_name_is_explained(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    write_warc(tmp_path / "crawl.warc.gz")
    (tmp_path / "crawl.warc.gz").rename(tmp_path / "crawl.gz")
    result = runner.invoke(app, ["batch", "crawl.gz", "-o", "out", "-q"])
    assert result.exit_code == EXIT_FAILED
    assert "name it *.warc or *.warc.gz" in (tmp_path / "out" / "errors.jsonl").read_text()


def _no_warc_library(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("fastwarc", "fastwarc.warc", "warcio", "warcio.archiveiterator"):
        monkeypatch.setitem(sys.modules, name, None)  # `import name` raises ImportError


def test_without_the_warc_extra_one_clear_line(crawl: tuple[Path, list[tuple[str, str]]], monkeypatch: pytest.MonkeyPatch) -> None:
    root, _ = crawl
    _no_warc_library(monkeypatch)
    result = runner.invoke(app, ["batch", "in/crawl.warc.gz", "-o", "out"])
    assert result.exit_code == EXIT_USAGE
    lines = result.output.strip().splitlines()
    assert lines == ["newsextract: error: reading WARC files needs FastWARC or warcio: pip install 'newsextract[warc]'"]
    with pytest.raises(PlanError, match=r"newsextract\[warc\]"):
        run_batch(BatchOptions(inputs=("in/crawl.warc.gz",), outdir="out2"))
    # found in a folder: that file fails with the same message, the rest is converted
    (root / "in" / "page.html").write_bytes((SAMPLES / "news-wordpress.html").read_bytes())
    summary = run_batch(BatchOptions(inputs=("in",), outdir="out3", fmt="ndjson", workers=1))
    assert summary.converted == 1 and summary.failed == 1
    assert "newsextract[warc]" in (root / "out3" / "errors.jsonl").read_text()


@pytest.mark.parametrize("backend", BACKENDS)
def test_a_record_over_the_size_limit_fails_alone(tmp_path: Path, backend: str) -> None:
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, pages=("index-page.html", "news-wordpress.html"), extras=False)
    with open(path, "rb") as fh:
        items = list(iter_warc(fh, max_bytes=8000, backend=backend))  # index-page.html is ~4 KB, the other ~16 KB
    assert isinstance(items[0], WarcPage)
    assert isinstance(items[1], WarcError) and not items[1].fatal and "limit of 8000 bytes" in items[1].message
