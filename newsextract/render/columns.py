"""A document as one flat row of columns, for data pipelines.

The same flattening feeds ``newsextract batch --format parquet`` and the Dask
integration (:mod:`newsextract.dask`), so a Parquet file written either way has
the same columns, in this order, with the types of :func:`arrow_schema`:

========================  ==================  =====================================================
column                    type                from the document
========================  ==================  =====================================================
path                      string              the input: a file, or ``crawl.warc.gz#7`` (record 7)
status                    string              ``ok``, ``no_article``, or ``failed`` (Dask only)
error                     string              for ``failed``: ``kind: message``; else null
url                       string              ``article.url`` (a WARC record's target URI)
title                     string              ``article.title``
authors                   list<string>        ``article.authors``
published                 string              ``article.published`` (ISO 8601, as in the JSON)
site_name                 string              ``article.site_name``
language                  string              ``article.language``
description               string              ``article.description``
text                      string              ``article.text``
word_count                int64               words in ``text`` (split on white space)
comments_found            bool                ``comments.found``
comment_count             int64               ``len(comments.items)``
related_count             int64               ``len(related)``
kind                      string              ``source.kind`` (``html`` or ``text``)
encoding                  string              ``source.encoding``
source_path               string              ``source.path`` (the file, or the WARC file)
record_id                 string              ``source.record_id`` (WARC records only)
record_offset             int64               ``source.offset`` (WARC records only)
fetched                   string              ``source.fetched`` (WARC-Date; WARC records only)
blocks_json               string              ``article.blocks`` as JSON
comments_json             string              ``comments.items`` as JSON
related_json              string              ``related`` as JSON
========================  ==================  =====================================================

Only :func:`arrow_schema` needs pyarrow; the rows themselves are plain dicts.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import pyarrow

#: The optional extra that provides pyarrow.
PARQUET_EXTRA = "newsextract[parquet]"

#: Column name -> arrow type name (see :func:`arrow_schema`), in column order.
COLUMNS: dict[str, str] = {
    "path": "string",
    "status": "string",
    "error": "string",
    "url": "string",
    "title": "string",
    "authors": "list<string>",
    "published": "string",
    "site_name": "string",
    "language": "string",
    "description": "string",
    "text": "string",
    "word_count": "int64",
    "comments_found": "bool",
    "comment_count": "int64",
    "related_count": "int64",
    "kind": "string",
    "encoding": "string",
    "source_path": "string",
    "record_id": "string",
    "record_offset": "int64",
    "fetched": "string",
    "blocks_json": "string",
    "comments_json": "string",
    "related_json": "string",
}


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def document_row(doc: dict[str, Any], *, path: str) -> dict[str, Any]:
    """The row of one document, from its JSON form (``Document.to_dict()``)."""
    article = doc["article"]
    comments = doc["comments"]
    source = doc["source"]
    text = article["text"]
    return {
        "path": path,
        "status": doc["status"],
        "error": None,
        "url": article["url"],
        "title": article["title"],
        "authors": list(article["authors"]),
        "published": article["published"],
        "site_name": article["site_name"],
        "language": article["language"],
        "description": article["description"],
        "text": text,
        "word_count": len(text.split()),
        "comments_found": comments["found"],
        "comment_count": len(comments["items"]),
        "related_count": len(doc["related"]),
        "kind": source["kind"],
        "encoding": source["encoding"],
        "source_path": source.get("path"),
        "record_id": source.get("record_id"),
        "record_offset": source.get("offset"),
        "fetched": source.get("fetched"),
        "blocks_json": _json(article["blocks"]),
        "comments_json": _json(comments["items"]),
        "related_json": _json(doc["related"]),
    }


def failure_row(
    *,
    path: str,
    kind: str,
    message: str,
    source_path: str | None = None,
    url: str | None = None,
    record_id: str | None = None,
    record_offset: int | None = None,
) -> dict[str, Any]:
    """The row of an input that failed (``status`` ``failed``, ``error`` set, no document)."""
    row: dict[str, Any] = dict.fromkeys(COLUMNS)
    row.update(
        path=path,
        status="failed",
        error=f"{kind}: {message}",
        url=url,
        authors=[],
        source_path=source_path,
        record_id=record_id,
        record_offset=record_offset,
    )
    return row


def arrow_schema() -> pyarrow.Schema:
    """The pyarrow schema of the rows (raises ImportError without pyarrow)."""
    import pyarrow as pa

    types = {
        "string": pa.string(),
        "int64": pa.int64(),
        "bool": pa.bool_(),
        "list<string>": pa.list_(pa.string()),
    }
    return pa.schema([pa.field(name, types[kind]) for name, kind in COLUMNS.items()])


__all__ = ["COLUMNS", "PARQUET_EXTRA", "arrow_schema", "document_row", "failure_row"]
