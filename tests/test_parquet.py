"""`batch --format parquet` and the shared flattening (newsextract.render.columns)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsextract
from newsextract.batch import BatchOptions, PlanError, run_batch
from newsextract.cli import EXIT_NO_ARTICLE, EXIT_USAGE, app
from newsextract.render.columns import COLUMNS, arrow_schema, document_row, failure_row

from .conftest import SAMPLES
from .warc_build import write_warc

pq = pytest.importorskip("pyarrow.parquet")

runner = CliRunner()


def test_document_row() -> None:
    doc = newsextract.parse_file(SAMPLES / "news-wordpress.html")
    data = doc.to_dict()
    row = document_row(data, path="a.html")
    assert list(row) == list(COLUMNS)
    assert row["path"] == "a.html" and row["status"] == "ok" and row["error"] is None
    assert row["title"] == doc.article.title and row["authors"] == doc.article.authors
    assert row["text"] == doc.article.text and row["word_count"] == len(doc.article.text.split())
    assert row["comment_count"] == len(doc.comments.items) and row["related_count"] == len(doc.related)
    assert json.loads(row["blocks_json"]) == data["article"]["blocks"]
    assert json.loads(row["comments_json"]) == data["comments"]["items"]
    assert json.loads(row["related_json"]) == data["related"]
    assert row["record_id"] is None and row["record_offset"] is None
    failed = failure_row(path="x#3", kind="input", message="truncated", source_path="x", record_offset=10)
    assert list(failed) == list(COLUMNS) and failed["status"] == "failed" and failed["error"] == "input: truncated"
    assert arrow_schema().names == list(COLUMNS)


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    pytest.importorskip("warcio")
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "in"
    folder.mkdir()
    write_warc(folder / "crawl.warc.gz")
    for name in ("daily8-comments.txt", "generic-de.txt"):
        (folder / name).write_bytes((SAMPLES / name).read_bytes())
    return tmp_path


def test_batch_parquet(pages: Path) -> None:
    result = runner.invoke(app, ["batch", "in", "-o", "out", "-f", "parquet", "-w", "2"])
    assert result.exit_code == EXIT_NO_ARTICLE, result.output
    assert "documents: out/documents.parquet" in result.output
    table = pq.read_table(pages / "out" / "documents.parquet")
    assert table.schema.equals(arrow_schema())
    rows = {r["path"]: r for r in table.to_pylist()}
    assert len(rows) == 5
    assert {p for p in rows if not p.startswith("in/crawl.warc.gz#")} == {"in/daily8-comments.txt", "in/generic-de.txt"}
    txt = rows["in/daily8-comments.txt"]
    want = newsextract.parse_file(SAMPLES / "daily8-comments.txt")
    assert txt["title"] == want.article.title and txt["comment_count"] == len(want.comments.items) > 0
    warc_rows = [r for p, r in rows.items() if p.startswith("in/crawl.warc.gz#")]
    assert all(r["source_path"] == "in/crawl.warc.gz" and r["record_id"] and r["record_offset"] for r in warc_rows)
    assert {r["url"] for r in warc_rows} >= {"https://news.example/0/news-wordpress"}
    assert not [p for p in (pages / "out").iterdir() if p.name.startswith(".")]  # no temporary file left


def test_parquet_resume_and_refusal(pages: Path) -> None:
    run_batch(BatchOptions(inputs=("in",), outdir="out", fmt="parquet", workers=1))
    path = pages / "out" / "documents.parquet"
    table = pq.read_table(path)
    with pytest.raises(PlanError, match="already exists"):
        run_batch(BatchOptions(inputs=("in",), outdir="out", fmt="parquet", workers=1))
    pq.write_table(table.slice(0, 3), path)
    summary = run_batch(BatchOptions(inputs=("in",), outdir="out", fmt="parquet", existing="skip", workers=1))
    assert summary.skipped == 3 and summary.converted + summary.no_article == 2
    again = pq.read_table(path)
    assert sorted(again.column("path").to_pylist()) == sorted(table.column("path").to_pylist())


def test_parquet_without_pyarrow(pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("pyarrow", "pyarrow.parquet"):
        monkeypatch.setitem(sys.modules, name, None)
    result = runner.invoke(app, ["batch", "in", "-o", "out", "-f", "parquet"])
    assert result.exit_code == EXIT_USAGE
    assert result.output.strip().splitlines() == [
        "newsextract: error: --format parquet needs pyarrow: pip install 'newsextract[parquet]'"
    ]
    assert not (pages / "out").exists()
