"""newsextract.dask on a LocalCluster with 2 worker processes: WARC files and
page files to a bag, a dataframe and a Parquet dataset, with the same
documents as `newsextract.parse`."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import newsextract
from newsextract.render.columns import COLUMNS, arrow_schema

from .conftest import SAMPLES
from .warc_build import write_warc

pytest.importorskip("dask.bag")
pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("dask.distributed")
pq = pytest.importorskip("pyarrow.parquet")
pytest.importorskip("warcio")

import newsextract.dask as nd  # noqa: E402 (after the skips)


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0"
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def crawl(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("crawl")
    write_warc(folder / "a.warc.gz")
    write_warc(folder / "b.warc", gz=False, pages=("news-forum-comments.html",), extras=False)
    (folder / "notes.txt").write_text("not a WARC: read_warcs skips it")
    return folder


def test_read_warcs_on_two_workers(client: Any, crawl: Path) -> None:
    folder = crawl
    bag = nd.read_warcs(str(folder))
    assert bag.npartitions == 2  # one per WARC file; notes.txt is not one
    docs = bag.compute()
    assert len(docs) == 4 and all(d["status"] in ("ok", "no_article") for d in docs)
    for doc in docs:
        url = doc["article"]["url"]
        name = "news-forum-comments.html" if doc["source"]["path"].endswith("b.warc") else None
        source = doc["source"]
        assert doc["path"] == f"{source['path']}#{doc['path'].rsplit('#', 1)[1]}"
        assert source["record_id"].startswith("<urn:uuid:") and source["offset"] >= 0
        if name:
            want = newsextract.parse((SAMPLES / name).read_bytes(), url=url).to_dict()
            assert doc["article"] == want["article"] and doc["comments"] == want["comments"]
    # the parsing runs in the worker processes, not on the client
    pids = set(bag.map_partitions(lambda part: [os.getpid()]).compute())
    assert pids and os.getpid() not in pids


def test_extract_bag_dataframe_and_parquet(client: Any, crawl: Path, tmp_path: Path) -> None:
    folder = crawl
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("daily8-comments.txt", "generic-de.txt", "news-wordpress.html"):
        (pages / name).write_bytes((SAMPLES / name).read_bytes())
    (pages / "empty.txt").write_bytes(b"")
    bag = nd.extract_bag([str(pages), str(folder / "a.warc.gz")], partition_size=2)
    assert bag.npartitions == 3  # the WARC file, and 4 page files 2 to a partition
    df = nd.to_dataframe(bag)
    assert list(df.columns) == list(COLUMNS)
    frame = df.compute()
    assert len(frame) == 7
    by_path = {Path(p).name: row for p, row in zip(frame["path"], frame.to_dict("records"), strict=True)}
    assert by_path["empty.txt"]["status"] == "failed" and by_path["empty.txt"]["error"].startswith("input: ")
    want = newsextract.parse_file(SAMPLES / "daily8-comments.txt")
    row = by_path["daily8-comments.txt"]
    assert row["title"] == want.article.title and row["comment_count"] == len(want.comments.items)
    assert json.loads(row["blocks_json"]) == want.to_dict()["article"]["blocks"]

    out = tmp_path / "dataset"
    nd.to_parquet(bag, str(out))
    table = pq.read_table(out)
    assert table.num_rows == 7
    assert table.schema.field("authors").type == arrow_schema().field("authors").type
    assert sorted(table.column("path").to_pylist()) == sorted(frame["path"])


def test_nothing_is_read_on_the_client_until_asked(crawl: Path, tmp_path: Path) -> None:
    folder = crawl
    missing = tmp_path / "gone.warc.gz"
    missing.write_bytes(b"")
    bag = nd.read_warcs([str(folder / "a.warc.gz"), str(missing)])  # listed, not read
    missing.unlink()
    assert bag.npartitions == 2
    with pytest.raises(FileNotFoundError):
        nd.read_warcs(str(tmp_path / "nothing-here-*.warc.gz"))
