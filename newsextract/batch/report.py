"""What a batch run records: the summary counts, the failure report
(``OUTDIR/errors.jsonl``) and, with ``--format ndjson``, the one output stream.

``errors.jsonl`` has one JSON object per failed file, in the order the
failures happened::

    {"path": "in/a/b.html", "kind": "input", "message": "binary data (NUL bytes), not a web page or text dump"}

``kind`` is one of :data:`~newsextract.batch.worker.ERROR_KINDS`.  The file is
written through a temporary file and renamed into place when the run ends
(also on Ctrl-C), and it is always written, empty when nothing failed, so a
stale report from an earlier run never survives a rerun.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, TextIO

from .worker import CONVERTED, FAILED, NO_ARTICLE, SKIPPED, Result

#: Failures kept in memory for the summary shown at the end (all of them go to errors.jsonl).
SHOWN_FAILURES = 10


class OutputClosedError(Exception):
    """stdout was closed by the reader (``newsextract batch ... -o - | head``)."""


@dataclass(slots=True)
class Summary:
    """The counts of a run.  ``total`` is the number of planned files when it
    was counted up front (``None`` otherwise)."""

    converted: int = 0
    no_article: int = 0
    failed: int = 0
    skipped: int = 0
    total: int | None = None
    interrupted: bool = False
    stopped: bool = False  # --fail-fast, or stdout closed
    stdout_closed: bool = False
    seconds: float = 0.0
    errors_path: str | None = None
    output_path: str | None = None  # the ndjson file, when there is one
    failures: list[Result] = field(default_factory=list)  # the first SHOWN_FAILURES
    failure_kinds: Counter[str] = field(default_factory=Counter)
    warc_files: int = 0  # WARC files read
    records_skipped: Counter[str] = field(default_factory=Counter)  # WARC records that are not pages, by reason

    @property
    def done(self) -> int:
        """Files with an outcome (skipped included)."""
        return self.converted + self.no_article + self.failed + self.skipped

    @property
    def not_run(self) -> int | None:
        return None if self.total is None else max(0, self.total - self.done)

    def add(self, result: Result) -> None:
        if result.status == CONVERTED:
            self.converted += 1
        elif result.status == NO_ARTICLE:
            self.no_article += 1
        elif result.status == SKIPPED:
            self.skipped += 1
        elif result.status == FAILED:
            self.failed += 1
            self.failure_kinds[result.error or "internal"] += 1
            if len(self.failures) < SHOWN_FAILURES:
                self.failures.append(result)
        else:  # pragma: no cover - a bug
            raise ValueError(f"unknown status {result.status!r}")


def _temporary(path: str) -> tuple[TextIO, str]:
    folder, name = os.path.split(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
    mask = os.umask(0)
    os.umask(mask)
    os.fchmod(fd, 0o666 & ~mask)
    return os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="\n"), tmp


def _finish(fh: TextIO, tmp: str, path: str) -> None:
    try:
        fh.close()
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


class ErrorLog:
    """``errors.jsonl``: one line per failed file (see the module docstring).
    ``path=None`` writes nothing (``-o -``)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._fh: TextIO | None = None
        self._tmp = ""
        if path is not None:
            self._fh, self._tmp = _temporary(path)

    def write(self, result: Result) -> None:
        if self._fh is None:
            return
        record = {"path": result.source, "kind": result.error, "message": result.message}
        self._fh.write(json.dumps(record, ensure_ascii=False) + "\n")

    def close(self) -> None:
        if self._fh is not None and self.path is not None:
            fh, self._fh = self._fh, None
            _finish(fh, self._tmp, self.path)


def _digest(source: str) -> bytes:
    return hashlib.blake2b(source.encode("utf-8", "surrogateescape"), digest_size=16).digest()


class _Resumable:
    """What both document sinks share for ``--skip-existing``: the sources
    carried over from an existing output, remembered as 16-byte digests."""

    def __init__(self) -> None:
        self._done: set[bytes] = set()

    def _remember(self, source: object) -> bool:
        """Remember a carried-over document's ``path``; False if it has none."""
        if not isinstance(source, str):
            return False
        self._done.add(_digest(source))
        return True

    def _resume_from(self, path: str, resume: bool) -> None:
        """Carry over ``path`` when resuming; on any failure, drop the temporary output."""
        if resume and os.path.exists(path):
            try:
                self._carry_over(path)
            except BaseException:
                self.discard()
                raise

    def _carry_over(self, path: str) -> None:
        raise NotImplementedError

    def discard(self) -> None:
        raise NotImplementedError

    @property
    def carried_over(self) -> int:
        return len(self._done)

    def seen(self, source: str) -> bool:
        return _digest(source) in self._done


class NdjsonSink(_Resumable):
    """The output of ``--format ndjson``: one document per line, each with its
    source ``path``, in the order the files finish.

    To a file (``OUTDIR/documents.ndjson``), the lines go to a temporary file
    that is renamed into place at the end of the run, also on Ctrl-C (every
    line in it is complete).  With ``resume`` (``--skip-existing``), the lines
    of an existing file are carried over and their paths are remembered (a
    16-byte digest each), so that only the other files are converted.
    ``path=None`` writes to ``stdout``, line by line.
    """

    def __init__(self, path: str | None, *, resume: bool = False, stdout: TextIO | None = None) -> None:
        super().__init__()
        self.path = path
        self._stdout = stdout
        self._fh: TextIO | None = None
        self._tmp = ""
        if path is None:
            return
        self._fh, self._tmp = _temporary(path)
        self._resume_from(path, resume)

    def _carry_over(self, path: str) -> None:
        assert self._fh is not None
        with open(path, encoding="utf-8", errors="replace") as old:
            for line in old:
                try:
                    source = json.loads(line)["path"]
                except (ValueError, KeyError, TypeError):
                    continue  # not one of our lines: dropped
                if self._remember(source):
                    self._fh.write(line if line.endswith("\n") else line + "\n")

    def write(self, line: str) -> None:
        if self._fh is not None:
            self._fh.write(line + "\n")
            return
        out = self._stdout
        if out is None:
            return
        try:
            out.write(line + "\n")
            out.flush()
        except BrokenPipeError:
            raise OutputClosedError from None

    def close(self) -> None:
        if self._fh is not None and self.path is not None:
            fh, self._fh = self._fh, None
            _finish(fh, self._tmp, self.path)

    def discard(self) -> None:
        if self._fh is not None:
            fh, self._fh = self._fh, None
            fh.close()
            with contextlib.suppress(OSError):
                os.unlink(self._tmp)


class ParquetSink(_Resumable):
    """The output of ``--format parquet``: ``OUTDIR/documents.parquet``, one
    row per document (the columns of :mod:`newsextract.render.columns`), in
    the order the files finish.

    Rows are buffered and written in row groups of :attr:`ROW_GROUP` rows to
    a hidden temporary file, renamed into place at the end of the run (also
    on Ctrl-C), so memory stays bounded and a half-written file is never seen.
    With ``resume`` (``--skip-existing``), the rows of an existing file are
    copied over batch by batch and their ``path`` remembered, as for ndjson.
    """

    #: Rows per row group: small enough to bound memory (a row is a page's
    #: text, a few KB), large enough for Parquet's columnar compression.
    ROW_GROUP = 1000

    def __init__(self, path: str, *, resume: bool = False) -> None:
        import pyarrow.parquet as pq

        from ..render.columns import arrow_schema

        super().__init__()
        self.path = path
        self._schema = arrow_schema()
        self._rows: list[dict[str, Any]] = []
        folder, name = os.path.split(path)
        fd, self._tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
        os.close(fd)
        self._writer: Any = pq.ParquetWriter(self._tmp, self._schema, compression="zstd")
        self._resume_from(path, resume)

    def _carry_over(self, path: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        try:
            old = pq.ParquetFile(path)
            for batch in old.iter_batches(batch_size=self.ROW_GROUP):
                table = pa.Table.from_batches([batch]).select(list(self._schema.names)).cast(self._schema)
                for source in table.column("path").to_pylist():
                    self._remember(source)
                self._writer.write_table(table)
        except (pa.ArrowException, KeyError, ValueError, OSError) as exc:
            raise OSError(f"cannot carry over {path}: {exc}") from None

    def write(self, row: dict[str, Any]) -> None:
        self._rows.append(row)
        if len(self._rows) >= self.ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if self._rows:
            import pyarrow as pa

            rows, self._rows = self._rows, []
            self._writer.write_table(pa.Table.from_pylist(rows, schema=self._schema))

    def close(self) -> None:
        if self._writer is None:
            return
        try:
            self._flush()
            writer, self._writer = self._writer, None
            writer.close()
            mask = os.umask(0)
            os.umask(mask)
            os.chmod(self._tmp, 0o666 & ~mask)
            os.replace(self._tmp, self.path)
        except BaseException:
            self.discard()
            raise

    def discard(self) -> None:
        if self._writer is not None:
            writer, self._writer = self._writer, None
            with contextlib.suppress(Exception):
                writer.close()
        with contextlib.suppress(OSError):
            os.unlink(self._tmp)


__all__ = ["SHOWN_FAILURES", "ErrorLog", "NdjsonSink", "OutputClosedError", "ParquetSink", "Summary"]
