"""Crawl-scale extraction with Dask: WARC files or dump folders to a bag of
documents, a dataframe, a Parquet dataset.  Needs the ``dask`` extra
(``pip install 'newsextract[dask]'``).

>>> from dask.distributed import Client, LocalCluster
>>> import newsextract.dask as nd
>>> client = Client(LocalCluster())              # a laptop; Client("scheduler:8786") on a cluster
>>> bag = nd.read_warcs("crawl/*.warc.gz")       # lazy: nothing is read yet
>>> nd.to_parquet(bag, "out/documents/")         # the workers read, parse and write

Only paths travel from the client to the workers: each worker opens its files
itself (local paths, or any fsspec URL such as ``s3://bucket/crawl/*.warc.gz``
with the matching fsspec package installed) and parses them with the same
library code as ``newsextract parse`` and ``batch``.  Nothing comes back to
the client unless asked (``bag.take(5)``, ``bag.compute()``).

Partitions: a WARC file is one partition (it is read from start to end);
other files (HTML or text dumps, ``.gz`` included) are grouped
``partition_size`` to a partition.

An element of the bag is a document in its JSON form
(``Document.to_dict()``) with the input's ``path`` added at the top level, as
in ``batch --format ndjson`` (``crawl.warc.gz#7`` for record 7 of a WARC).
An input that cannot be parsed is not dropped silently: it is an element
``{"path": ..., "status": "failed", "error": {"kind": ..., "message": ...}, "source": {...}}``.
:func:`to_dataframe` flattens both into the columns of
:mod:`newsextract.render.columns` (the columns of ``batch --format parquet``).

Unlike ``batch``, there is no per-page time limit here: a page that takes
unreasonably long holds its partition (Dask's own worker lifetime and
restart settings apply).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any, cast

from .api import Kind, parse
from .errors import InputError
from .input.read import DEFAULT_MAX_BYTES, GZIP_MAGIC, gunzip_limited
from .input.warc import WARC_MAGIC, WarcError, is_warc_name, iter_warc
from .render.columns import arrow_schema, document_row, failure_row

if TYPE_CHECKING:
    import dask.bag
    import dask.dataframe
    import pandas

#: Default number of page files (not WARC files) per partition.
DEFAULT_PARTITION_SIZE = 64

__all__ = [
    "DEFAULT_PARTITION_SIZE",
    "extract_bag",
    "meta",
    "read_warcs",
    "to_dataframe",
    "to_parquet",
]


# -- listing (on the client: names only) ---------------------------------------------


def _list(
    paths: str | Sequence[str], storage_options: dict[str, Any] | None, *, warc_only: bool
) -> tuple[Any, list[str]]:
    """Expand folders (recursively) and globs into files, as (filesystem, paths)."""
    import fsspec

    args = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    files: list[str] = []
    fs: Any = None
    for arg in args:
        arg = os.fspath(arg)
        this_fs, _, expanded = fsspec.core.get_fs_token_paths(arg, storage_options=storage_options or {})
        if fs is None:
            fs = this_fs
        elif type(this_fs) is not type(fs):
            raise ValueError("all paths must be on the same file system")
        for path in expanded:
            if fs.isdir(path):
                found = sorted(p for p in fs.find(path) if not _hidden(p))
                files.extend(p for p in found if is_warc_name(p) or not warc_only)
            elif fs.exists(path):
                files.append(path)
            else:
                raise FileNotFoundError(f"{arg}: no such file or folder")
    if warc_only:
        files = [p for p in files if is_warc_name(p)]
    if not files:
        raise FileNotFoundError(f"no {'WARC ' if warc_only else ''}files in {', '.join(map(str, args))}")
    return fs, files


def _hidden(path: str) -> bool:
    return any(part.startswith(".") for part in path.replace("\\", "/").split("/") if part not in ("", ".", ".."))


# -- the work (on the workers) -------------------------------------------------------


def _failure(path: str, kind: str, message: str, source: dict[str, Any]) -> dict[str, Any]:
    return {"path": path, "status": "failed", "error": {"kind": kind, "message": message}, "source": source}


def _parse(
    data: bytes, path: str, *, kind: str, url: str | None, encoding: str | None, source: dict[str, Any]
) -> dict[str, Any]:
    try:
        doc = parse(data, url=url, kind=cast(Kind, kind), name=path, encoding=encoding)
    except InputError as exc:
        message = str(exc)
        return _failure(path, "input", message.removeprefix(f"{path}: "), source)
    except RecursionError:
        return _failure(path, "input", "the input is nested too deeply to parse", source)
    except Exception as exc:
        return _failure(path, "internal", f"{type(exc).__name__}: {exc}", source)
    doc.source.path = source.get("path", path)
    doc.source.record_id = source.get("record_id")
    doc.source.offset = source.get("offset")
    doc.source.fetched = source.get("fetched")
    out = doc.to_dict()
    out["path"] = path
    return out


def _warc_documents(fs: Any, path: str, kind: str, max_bytes: int) -> Iterator[dict[str, Any]]:
    try:
        fh = fs.open(path, "rb")
    except OSError as exc:
        yield _failure(path, "input", f"cannot read: {exc.strerror or exc}", {"path": path})
        return
    with fh:
        for item in iter_warc(fh, max_bytes=max_bytes):
            name = f"{path}#{item.number}"
            source: dict[str, Any] = {"path": path, "offset": item.offset}
            if isinstance(item, WarcError):
                yield _failure(name, "input", item.message, source)
                continue
            source.update(record_id=item.record_id, fetched=item.date)
            yield _parse(item.body, name, kind=kind, url=item.url, encoding=item.charset, source=source)


def _file_document(fs: Any, path: str, kind: str, max_bytes: int) -> dict[str, Any]:
    source = {"path": path}
    try:
        with fs.open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return _failure(path, "input", f"cannot read: {exc.strerror or exc}", source)
    try:
        if data[:2] == GZIP_MAGIC:
            data = gunzip_limited(data, max_bytes, path)
        elif len(data) > max_bytes:
            raise InputError(f"{path}: input is larger than the limit of {max_bytes} bytes")
        if data.startswith(WARC_MAGIC):
            raise InputError(f"{path}: a WARC file; name it *.warc or *.warc.gz to read its pages")
    except InputError as exc:
        return _failure(path, "input", str(exc).removeprefix(f"{path}: "), source)
    return _parse(data, path, kind=kind, url=None, encoding=None, source=source)


def _partition(fs: Any, paths: list[str], kind: str, max_bytes: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for path in paths:
        if is_warc_name(path):
            out.extend(_warc_documents(fs, path, kind, max_bytes))
        else:
            out.append(_file_document(fs, path, kind, max_bytes))
    return out


# -- the public functions ------------------------------------------------------------


def extract_bag(
    paths: str | Sequence[str],
    *,
    partition_size: int = DEFAULT_PARTITION_SIZE,
    kind: Kind = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    storage_options: dict[str, Any] | None = None,
) -> dask.bag.Bag:
    """A lazy Dask bag of the documents in ``paths``: files, folders (walked
    recursively, hidden names skipped) and glob patterns, local or fsspec
    URLs.  Page files (HTML, text dumps, ``.gz``) go ``partition_size`` to a
    partition; each WARC file (``*.warc``, ``*.warc.gz``) is a partition of
    its own.  Only the file names are listed here; the workers read the files.
    """
    import dask.bag as db

    if partition_size < 1:
        raise ValueError("partition_size must be at least 1")
    fs, files = _list(paths, storage_options, warc_only=False)
    warcs = [[p] for p in files if is_warc_name(p)]
    pages = [p for p in files if not is_warc_name(p)]
    groups = warcs + [pages[i : i + partition_size] for i in range(0, len(pages), partition_size)]
    return db.from_sequence(groups, npartitions=len(groups)).map_partitions(
        _run_groups, fs, kind, max_bytes
    )


def _run_groups(groups: list[list[str]], fs: Any, kind: str, max_bytes: int) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for group in groups:
        out.extend(_partition(fs, group, kind, max_bytes))
    return out


def read_warcs(
    paths: str | Sequence[str],
    *,
    kind: Kind = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    storage_options: dict[str, Any] | None = None,
) -> dask.bag.Bag:
    """A lazy Dask bag of the pages in WARC files: ``paths`` are WARC files,
    folders (only their ``*.warc``/``*.warc.gz`` files are taken) or globs
    (``"crawl/*.warc.gz"``, ``"s3://bucket/crawl/*.warc.gz"``).  One partition
    per WARC file; each worker reads its files itself."""
    import dask.bag as db

    fs, files = _list(paths, storage_options, warc_only=True)
    return db.from_sequence([[p] for p in files], npartitions=len(files)).map_partitions(
        _run_groups, fs, kind, max_bytes
    )


def to_row(document: dict[str, Any]) -> dict[str, Any]:
    """One bag element (a document, or a failure) as a flat row of columns."""
    if document.get("status") == "failed":
        error = document.get("error") or {}
        source = document.get("source") or {}
        return failure_row(
            path=document["path"],
            kind=error.get("kind", "internal"),
            message=error.get("message", ""),
            source_path=source.get("path"),
            record_id=source.get("record_id"),
            record_offset=source.get("offset"),
        )
    return document_row(document, path=document["path"])


def _frame(documents: list[dict[str, Any]]) -> pandas.DataFrame:
    import pandas as pd
    import pyarrow as pa

    table = pa.Table.from_pylist([to_row(d) for d in documents], schema=arrow_schema())
    return table.to_pandas(types_mapper=pd.ArrowDtype)


def meta() -> pandas.DataFrame:
    """The empty dataframe with the columns and (Arrow-backed) dtypes of :func:`to_dataframe`."""
    return _frame([])


def to_dataframe(bag: dask.bag.Bag) -> dask.dataframe.DataFrame:
    """The bag as a lazy Dask dataframe, one row per element, with the columns
    of :mod:`newsextract.render.columns` (Arrow-backed dtypes)."""
    import dask.dataframe as dd
    from dask import delayed

    parts = [delayed(_frame)(part) for part in bag.to_delayed()]
    return dd.from_delayed(parts, meta=meta(), verify_meta=False)


def to_parquet(bag: dask.bag.Bag, path: str, **kwargs: Any) -> Any:
    """Write the bag as a Parquet dataset (one file per partition) at ``path``
    (a folder, local or an fsspec URL).  The workers write; ``kwargs`` go to
    :meth:`dask.dataframe.DataFrame.to_parquet` (e.g. ``compression``,
    ``storage_options``)."""
    kwargs.setdefault("write_index", False)
    kwargs.setdefault("schema", arrow_schema())
    return to_dataframe(bag).to_parquet(path, **kwargs)
