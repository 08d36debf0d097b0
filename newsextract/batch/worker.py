"""What a batch worker process does with one file.

:func:`convert` reads the file (size limit, gzip), parses it, renders it and
writes the output atomically below OUTDIR, and returns a small
:class:`Result` -- never the :class:`~newsextract.model.Document`, which stays
in the worker.  :func:`serve` is the worker process's main loop: one task in
from the pipe, one result out.

Writing is safe by construction:

- the output is written to a hidden temporary file in the target folder
  (``.b.json.XXXXXXXX.tmp``) and then linked or renamed into place, so a reader
  (or a rerun after an interruption) never sees a half-written file;
- unless ``--overwrite``, the temporary file is *hard-linked* to the output
  name, which fails if the name exists: two inputs of one run that map to the
  same output (``a.html`` and ``a.txt`` side by side) cannot overwrite each
  other -- the second is reported as ``output_clash``;
- every folder on the way is created one level at a time, and its real path
  (symlinks resolved) must stay inside OUTDIR, so a symlink planted in OUTDIR
  cannot send a write elsewhere.

Test hook: when the environment variable ``NEWSEXTRACT_TEST_SLOW`` is set in
the process that starts the batch, a worker given a file whose path contains
that substring sleeps (for up to an hour, or until the batch process is gone)
instead of parsing it.  It exists so that the ``--timeout`` tests are
deterministic and fast; it has no other use.
"""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import tempfile
import time
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import PurePosixPath
from types import FrameType
from typing import Any, Final, cast

# The parsers themselves are preloaded by the fork server (see runner.py).
from ..api import Kind, parse
from ..errors import InputError
from ..input.read import read_input
from ..input.warc import WARC_MAGIC
from ..render import render, render_ndjson_line
from ..render.columns import document_row
from .plan import display_path, is_inside

#: Environment variable of the test hook (see the module docstring).
SLOW_HOOK_ENV: Final = "NEWSEXTRACT_TEST_SLOW"
_SLOW_HOOK_SECONDS = 3600.0

# Result statuses.
CONVERTED: Final = "converted"
NO_ARTICLE: Final = "no_article"
FAILED: Final = "failed"
SKIPPED: Final = "skipped"

#: Error kinds (the ``kind`` of an ``errors.jsonl`` record; documented in the README).
ERROR_KINDS: dict[str, str] = {
    "input": "the file cannot be read or is not a page (missing, empty, binary, too large, corrupt gzip)",
    "timeout": "parsing took longer than --timeout; the worker was stopped and replaced",
    "worker_died": "the worker process died on this file (crash or out of memory)",
    "output": "the output file cannot be written",
    "output_clash": "the output already exists: another input of this run maps to the same name",
    "unsafe_output": "no safe output path inside OUTDIR for this input",
    "internal": "an unexpected error (a bug: please report it)",
}


@dataclass(frozen=True, slots=True)
class WorkerSettings:
    """What every task of one batch shares; sent once to each worker."""

    fmt: str  # json | markdown | text | ndjson | parquet
    kind: str = "auto"
    max_bytes: int = 50 * 1024 * 1024
    outdir: str | None = None  # the real path of OUTDIR; None for ndjson/parquet (rows go back to the parent)
    overwrite: bool = False
    slow_hook: str | None = None
    parent_pid: int = 0


@dataclass(frozen=True, slots=True)
class Task:
    """One page to convert.  A page from a WARC file comes with its bytes
    (``data``, read by the parent as it walks the WARC) and its record: the
    worker does not read ``read_path`` then."""

    index: int
    source: str  # as shown in reports ("crawl.warc.gz#7" for record 7 of a WARC)
    read_path: str  # absolute
    output: str | None  # relative to OUTDIR, POSIX; None for ndjson and parquet
    data: bytes | None = None
    url: str | None = None
    encoding: str | None = None  # the HTTP charset, a hint for the decoder
    path: str | None = None  # source.path of the document (the WARC file), if not `source`
    record_id: str | None = None
    offset: int | None = None
    fetched: str | None = None


@dataclass(frozen=True, slots=True)
class Result:
    """The outcome of one file: small and picklable.

    ``status`` is one of converted, no_article, failed, skipped; a failure has
    an ``error`` kind (see :data:`ERROR_KINDS`) and a ``message``.  With ndjson
    the rendered ``line`` comes back to the parent, which owns the one file;
    with parquet the flat ``row`` (see :mod:`newsextract.render.columns`).
    """

    index: int
    source: str
    status: str
    output: str | None = None
    error: str | None = None
    message: str | None = None
    line: str | None = None
    seconds: float = 0.0
    row: dict[str, Any] | None = None


class OutputClashError(OSError):
    """The output name already exists and may not be replaced."""


class UnsafeOutputError(OSError):
    """The output would land outside OUTDIR."""


def failed(task: Task, kind: str, message: str, seconds: float = 0.0) -> Result:
    return Result(task.index, task.source, FAILED, task.output, kind, message, None, seconds)


# -- writing -------------------------------------------------------------------


class _Writer:
    """Creates folders below OUTDIR safely and writes files atomically."""

    _CACHE_SIZE = 4096

    def __init__(self, outdir: str, overwrite: bool) -> None:
        self.outdir = os.path.realpath(outdir)
        self.overwrite = overwrite
        self._checked: dict[str, str] = {}
        mask = os.umask(0)
        os.umask(mask)
        self._mode = 0o666 & ~mask

    def folder(self, parts: tuple[str, ...]) -> str:
        """The real path of OUTDIR/parts..., created as needed, checked to be inside OUTDIR."""
        key = "/".join(parts)
        cached = self._checked.get(key)
        if cached is not None:
            return cached
        current = self.outdir
        for part in parts:
            candidate = os.path.join(current, part)
            with contextlib.suppress(FileExistsError):
                os.mkdir(candidate)
            real = os.path.realpath(candidate)
            if not is_inside(real, self.outdir):
                raise UnsafeOutputError(errno.EPERM, f"{candidate} leads outside OUTDIR (to {real})")
            if not os.path.isdir(real):
                raise NotADirectoryError(errno.ENOTDIR, f"{candidate} is not a folder")
            current = real
        if len(self._checked) >= self._CACHE_SIZE:
            self._checked.clear()
        self._checked[key] = current
        return current

    def write(self, rel: str, data: str, source_path: str) -> None:
        parts = PurePosixPath(rel).parts
        folder = self.folder(parts[:-1])
        path = os.path.join(folder, parts[-1])
        if self.overwrite and os.path.lexists(path) and _same_file(path, source_path):
            raise OutputClashError(errno.EEXIST, "this is the input file itself; it is not overwritten")
        with _sigterm_held():
            write_atomic(path, data, replace=self.overwrite, mode=self._mode)


@contextlib.contextmanager
def _sigterm_held() -> Iterator[None]:
    """Hold SIGTERM while a file is written: a stop request lands after the
    write, so it never strands a temporary file (SIGKILL still can; the
    parent then removes it, see ``runner.WorkerPool``)."""
    if not hasattr(signal, "pthread_sigmask"):  # pragma: no cover - Windows
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _same_file(a: str, b: str) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def write_atomic(path: str, data: str, *, replace: bool, mode: int = 0o644) -> None:
    """Write ``data`` (UTF-8) to ``path`` through a temporary file in the same folder.

    With ``replace`` the temporary file is renamed over ``path``; otherwise it
    is hard-linked to ``path``, which fails with :class:`OutputClashError` if
    the name exists (on a file system without hard links: checked, then renamed).
    The temporary file is removed whatever happens short of SIGKILL.
    """
    folder, name = os.path.split(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder or ".")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="\n") as fh:
            os.fchmod(fh.fileno(), mode)
            fh.write(data)
        if replace:
            os.replace(tmp, path)
            return
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise OutputClashError(errno.EEXIST, "the output already exists") from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.EMLINK):
                raise
            if os.path.lexists(path):
                raise OutputClashError(errno.EEXIST, "the output already exists") from None
            os.replace(tmp, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


# -- one file ------------------------------------------------------------------


class _State:
    def __init__(self, settings: WorkerSettings) -> None:
        self.settings = settings
        self.writer = _Writer(settings.outdir, settings.overwrite) if settings.outdir else None


def _strip_name(message: str, *names: str) -> str:
    """The message without the file name it starts with (errors.jsonl has the path apart)."""
    for name in names:
        prefix = f"{name}: "
        if message.startswith(prefix):
            return message[len(prefix) :]
    return message


def convert(task: Task, state: _State) -> Result:
    """Convert one file; every error becomes a failed :class:`Result`."""
    settings = state.settings
    start = time.perf_counter()

    def elapsed() -> float:
        return time.perf_counter() - start

    try:
        if settings.slow_hook and settings.slow_hook in task.source:
            _sleep_for_test(settings.parent_pid)
        if task.data is not None:
            data = task.data
        else:
            data = read_input(task.read_path, max_bytes=settings.max_bytes)
            if data.startswith(WARC_MAGIC):
                raise InputError(f"{task.source}: a WARC file; name it *.warc or *.warc.gz to read its pages")
        doc = parse(data, url=task.url, kind=cast(Kind, settings.kind), name=task.source, encoding=task.encoding)
        doc.source.path = task.path or task.source
        doc.source.record_id, doc.source.offset, doc.source.fetched = task.record_id, task.offset, task.fetched
        row = None
        if settings.fmt == "ndjson":
            line = render_ndjson_line(doc, {"path": task.source})
            rendered = None
        elif settings.fmt == "parquet":
            line = None
            rendered = None
            row = document_row(doc.to_dict(), path=task.source)
        else:
            line = None
            rendered = render(doc, settings.fmt)
            if not rendered.endswith("\n"):  # as `newsextract parse -o` writes it
                rendered += "\n"
    except InputError as exc:
        return failed(
            task, "input", display_path(_strip_name(str(exc), task.source, task.read_path)), elapsed()
        )
    except MemoryError:
        return failed(task, "input", "out of memory while parsing this input (see --max-bytes)", elapsed())
    except RecursionError:
        return failed(task, "input", "the input is nested too deeply to parse", elapsed())
    except Exception as exc:
        return failed(task, "internal", f"{type(exc).__name__}: {exc}", elapsed())
    status = NO_ARTICLE if doc.status == "no_article" else CONVERTED
    if rendered is not None:
        if state.writer is None or task.output is None:
            return failed(task, "internal", "no output path for this file", elapsed())
        try:
            state.writer.write(task.output, rendered, task.read_path)
        except OutputClashError as exc:
            return failed(task, "output_clash", f"{task.output}: {exc.strerror}", elapsed())
        except UnsafeOutputError as exc:
            return failed(task, "unsafe_output", str(exc.strerror), elapsed())
        except OSError as exc:
            return failed(task, "output", f"cannot write {task.output}: {exc.strerror or exc}", elapsed())
    return Result(task.index, task.source, status, task.output, None, None, line, elapsed(), row)


def _sleep_for_test(parent_pid: int) -> None:
    """The ``NEWSEXTRACT_TEST_SLOW`` hook: sleep until killed, an hour passes,
    or the batch process is gone (so a test never leaves a sleeper behind)."""
    deadline = time.monotonic() + _SLOW_HOOK_SECONDS
    while time.monotonic() < deadline:
        time.sleep(0.1)
        if parent_pid:
            try:
                os.kill(parent_pid, 0)
            except ProcessLookupError:
                return
            except PermissionError:
                pass


# -- the process ---------------------------------------------------------------


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    # Held while a file is written (_sigterm_held), so this never lands mid-write.
    raise SystemExit(128 + signum)


def serve(conn: Connection, settings: WorkerSettings) -> None:
    """A worker's main loop: receive a :class:`Task`, send back its
    :class:`Result`; stop on ``None`` or when the parent is gone.

    Ctrl-C is ignored here: the parent alone decides, and stops the workers
    with SIGTERM (held while a file is being written, so a write is finished,
    never cut) or, past a grace period, SIGKILL.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    warnings.simplefilter("ignore")  # library warnings must not scribble over the progress bar
    state = _State(settings)
    while True:
        try:
            task = conn.recv()
        except (EOFError, OSError):
            return
        if task is None:
            return
        result = convert(task, state)
        try:
            conn.send(result)
        except OSError:
            return


__all__ = [
    "CONVERTED",
    "ERROR_KINDS",
    "FAILED",
    "NO_ARTICLE",
    "SKIPPED",
    "SLOW_HOOK_ENV",
    "Result",
    "Task",
    "WorkerSettings",
    "convert",
    "serve",
    "write_atomic",
]
