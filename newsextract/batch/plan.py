"""Planning a batch: which files to convert, and where each output goes.

Inputs are walked lazily: a folder is read one directory at a time with
:func:`os.scandir` and its files are yielded as they are found, so a tree of a
million pages is never listed in memory.  A :class:`Plan` can be iterated more
than once (the run walks it once to check for existing outputs, then again to
do the work); a list of paths read from stdin is spooled to a temporary file
for that reason, not kept in memory.

Output paths mirror the input tree and are always *relative* to OUTDIR:

- a file found in a folder INPUT: its path below that folder
  (``in/a/b.html`` given as ``in`` -> ``a/b.json``);
- a file matched by a glob: its path below the glob's fixed leading folders
  (``in/*/b.html`` -> ``a/b.json``);
- a file named on the command line or on stdin: its path as given, relative to
  the current directory (``in/a/b.html`` -> ``in/a/b.json``); a path outside
  the current directory (absolute, or climbing with ``..``) keeps its absolute
  path without the leading ``/`` (``/data/x.html`` -> ``data/x.json``), the way
  ``tar`` stores absolute names.

The name keeps its stem and takes the format's extension (``b.html.gz`` ->
``b.json``).  A WARC file (``*.warc``, ``*.warc.gz``) holds many pages: its
output is a *folder* named by its stem (``a/crawl.warc.gz`` -> ``a/crawl/``),
with one file per page named by the record's number in the WARC
(``a/crawl/7.json``).  Every output path is checked here to be a plain relative path
(no ``..``, no root, no empty part); the worker checks again, on the real
file system, that the folder it writes into resolves inside OUTDIR.
"""

from __future__ import annotations

import fnmatch
import glob
import os
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import PurePath, PurePosixPath
from typing import BinaryIO

from ..errors import NewsextractError
from ..input.warc import is_warc_name

#: Output extension per format (``ndjson`` and ``parquet`` write one file each,
#: :data:`NDJSON_NAME` and :data:`PARQUET_NAME`).
EXTENSIONS: dict[str, str] = {"json": ".json", "markdown": ".md", "text": ".txt"}
FORMATS: tuple[str, ...] = (*EXTENSIONS, "ndjson", "parquet")
#: The one output file of ``--format ndjson`` inside OUTDIR.
NDJSON_NAME = "documents.ndjson"
#: The one output file of ``--format parquet`` inside OUTDIR.
PARQUET_NAME = "documents.parquet"
#: The failure report inside OUTDIR.
ERRORS_NAME = "errors.jsonl"
#: Suffixes that are dropped before the page's own extension (``b.html.gz`` -> ``b``).
COMPRESSED_SUFFIXES: tuple[str, ...] = (".gz",)

_GLOB_MAGIC = frozenset("*?[")
#: A stdin list is kept in memory up to this size, then spooled to disk.
_SPOOL_IN_MEMORY = 1 << 20


class PlanError(NewsextractError):
    """The batch cannot start: a missing INPUT, an input folder inside OUTDIR,
    or outputs that already exist.  A usage error (exit code 2)."""

    exit_code = 2


class UnsafePathError(ValueError):
    """An output path that is not a plain relative path below OUTDIR."""


@dataclass(frozen=True, slots=True)
class PlannedFile:
    """One input of the batch.

    ``source`` is the path as given or found (shown in reports, written to
    ``source.path`` and to the ndjson ``path``); ``read_path`` is the absolute
    path the worker reads; ``output`` is the output path relative to OUTDIR, in
    POSIX form (``None`` with ``--format ndjson``); for a WARC file (``warc``)
    it is the folder of its pages' outputs.  ``error`` is set, with its
    kind in ``error_kind``, when the file failed at planning time (a folder
    that cannot be listed, an output name that is not safe): it is reported as
    failed and never sent to a worker.
    """

    source: str
    read_path: str
    output: str | None
    error_kind: str | None = None
    error: str | None = None
    warc: bool = False


def has_magic(text: str) -> bool:
    return any(char in _GLOB_MAGIC for char in text)


def display_path(path: str) -> str:
    """``path`` as valid Unicode: a file name that is not UTF-8 (held by Python
    as surrogate escapes) gets U+FFFD for its bad bytes, so it can be written
    to JSON and to a terminal."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return path.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return path


def output_name(name: str, extension: str) -> str:
    """The output file name for input file ``name``: the same stem, a new extension.

    >>> output_name("b.html.gz", ".json"), output_name("notes", ".md"), output_name("a.b.txt", ".json")
    ('b.json', 'notes.md', 'a.b.json')
    """
    stem = name
    for suffix in COMPRESSED_SUFFIXES:
        if stem.lower().endswith(suffix) and len(stem) > len(suffix):
            stem = stem[: -len(suffix)]
            break
    dot = stem.rfind(".")
    if dot > 0:  # ".profile" has no extension
        stem = stem[:dot]
    return stem + extension


def relative_name(path: str, cwd: str) -> PurePosixPath:
    """Where a file named on the command line or on stdin goes below OUTDIR:
    its path relative to ``cwd`` when it is inside it, else its absolute path
    without the root.  Purely lexical (``a/../b`` is ``b``)."""
    absolute = os.path.normpath(os.path.join(cwd, path))
    rel = os.path.relpath(absolute, cwd)
    if rel == os.pardir or rel.startswith(os.pardir + os.sep):
        pure = PurePath(absolute)
        rel = str(pure.relative_to(pure.anchor))
    return PurePosixPath(*PurePath(rel).parts)


def output_relpath(source_rel: PurePosixPath, extension: str) -> str:
    """The output path below OUTDIR for an input at ``source_rel`` below its root.

    Raises :class:`UnsafePathError` unless the result is a plain relative path:
    no root, no ``..`` or ``.`` part, no empty or NUL-containing name.
    """
    parts = source_rel.parts
    if not parts or source_rel.is_absolute():
        raise UnsafePathError(f"no safe output path for {str(source_rel)!r}")
    for part in parts:
        if part in ("", ".", "..") or "\x00" in part or "/" in part or os.sep in part:
            raise UnsafePathError(f"no safe output path for {str(source_rel)!r} (part {part!r})")
    name = output_name(parts[-1], extension)
    return str(PurePosixPath(*parts[:-1], name))


def glob_base(pattern: str) -> str:
    """The fixed leading folders of a glob pattern (``in/*/b.html`` -> ``in``)."""
    head: list[str] = []
    for part in pattern.split(os.sep):
        if has_magic(part):
            break
        head.append(part)
    if not head:
        return os.curdir
    if head == [""]:  # a pattern like "/*.html"
        return os.sep
    return os.sep.join(head) or os.curdir


def is_inside(path: str, root: str) -> bool:
    """True when ``path`` is ``root`` or below it (both already resolved)."""
    root = root.rstrip(os.sep) or os.sep
    return path == root or path.startswith(root if root.endswith(os.sep) else root + os.sep)


class Plan:
    """The files of a batch, walked lazily; iterable any number of times.

    ``inputs`` are folders, files and glob patterns; ``"-"`` reads a list of
    paths from ``stdin`` (one per line, or NUL-separated as from
    ``find -print0``).  ``extension`` is the output extension, ``None`` for
    ndjson (no per-file output).  Folders are walked one level unless
    ``recursive``; hidden names (starting with ``.``) are skipped, symlinked
    folders are not followed, and OUTDIR itself is never walked.  ``patterns``
    (``--glob``) filter the files found in folders by name; files named
    explicitly are always taken.
    """

    def __init__(
        self,
        inputs: Sequence[str],
        *,
        extension: str | None,
        recursive: bool = False,
        patterns: Sequence[str] = (),
        outdir: str | None = None,
        stdin: BinaryIO | None = None,
        cwd: str | None = None,
    ) -> None:
        self.inputs = tuple(inputs)
        self.extension = extension
        self.recursive = recursive
        self.patterns = tuple(patterns)
        self.cwd = cwd or os.getcwd()
        self.outdir = outdir
        self._outdir_id: tuple[int, int] | None = None
        self._spool: tempfile.SpooledTemporaryFile[bytes] | None = None
        self._separator = b"\n"
        if "-" in self.inputs:
            if stdin is None:
                raise PlanError("'-' reads paths from stdin, but there is no stdin")
            self._spool_stdin(stdin)

    # -- setup ---------------------------------------------------------------

    def _spool_stdin(self, stdin: BinaryIO) -> None:
        spool: tempfile.SpooledTemporaryFile[bytes] = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed by close())
            max_size=_SPOOL_IN_MEMORY
        )
        nul = False
        while chunk := stdin.read(1 << 16):
            nul = nul or b"\x00" in chunk
            spool.write(chunk)
        self._spool = spool
        self._separator = b"\x00" if nul else b"\n"

    def close(self) -> None:
        if self._spool is not None:
            self._spool.close()
            self._spool = None

    def _abs(self, path: str) -> str:
        return os.path.join(self.cwd, path)

    def check(self) -> None:
        """Refuse to start on a missing INPUT or an input folder inside OUTDIR.

        Only the command-line INPUTs are checked here (they are few); a missing
        path listed on stdin is reported as a failed file instead.
        """
        outdir_real = os.path.realpath(self._abs(self.outdir)) if self.outdir else None
        for arg in self.inputs:
            if arg == "-":
                continue
            path = self._abs(arg)
            if not os.path.lexists(path):
                if has_magic(arg):
                    continue  # a glob: it may match nothing
                raise PlanError(f"{arg}: no such file or folder")
            if outdir_real and os.path.isdir(path) and is_inside(os.path.realpath(path), outdir_real):
                raise PlanError(f"{arg}: an input folder cannot be OUTDIR or inside it")

    # -- walking -------------------------------------------------------------

    def __iter__(self) -> Iterator[PlannedFile]:
        self._outdir_id = self._identify_outdir()
        for arg in self.inputs:
            if arg == "-":
                yield from self._listed()
            else:
                yield from self._expand(arg, allow_glob=True)

    def _identify_outdir(self) -> tuple[int, int] | None:
        if not self.outdir:
            return None
        try:
            st = os.stat(self._abs(self.outdir))
        except OSError:
            return None
        return (st.st_dev, st.st_ino)

    def _listed(self) -> Iterator[PlannedFile]:
        if self._spool is None:
            return
        self._spool.seek(0)
        pending = b""
        while True:
            chunk = self._spool.read(1 << 16)
            if not chunk:
                break
            pending += chunk
            *lines, pending = pending.split(self._separator)
            for line in lines:
                yield from self._listed_one(line)
        yield from self._listed_one(pending)

    def _listed_one(self, raw: bytes) -> Iterator[PlannedFile]:
        if self._separator == b"\n":
            raw = raw.rstrip(b"\r")
        if raw.strip():
            yield from self._expand(os.fsdecode(raw), allow_glob=False)

    def _expand(self, arg: str, *, allow_glob: bool) -> Iterator[PlannedFile]:
        path = self._abs(arg)
        if os.path.isdir(path):
            yield from self._walk(arg, PurePosixPath())
        elif allow_glob and has_magic(arg) and not os.path.lexists(path):
            yield from self._glob(arg)
        else:
            yield self._file(arg, relative_name(arg, self.cwd))

    def _glob(self, pattern: str) -> Iterator[PlannedFile]:
        base = glob_base(pattern)
        for match in glob.iglob(
            pattern, root_dir=None if os.path.isabs(pattern) else self.cwd, recursive=True
        ):
            if os.path.isdir(self._abs(match)):
                continue  # a glob selects files; give folders as INPUT
            rel = os.path.relpath(match, base)
            source_rel = (
                PurePosixPath(*PurePath(rel).parts)
                if not rel.startswith(os.pardir)
                else relative_name(match, self.cwd)
            )
            yield self._file(match, source_rel)

    def _walk(self, top: str, prefix: PurePosixPath) -> Iterator[PlannedFile]:
        """Depth first; the files of a directory are yielded as ``scandir``
        returns them, its subfolders are visited afterwards in name order."""
        stack: list[tuple[str, PurePosixPath]] = [(top, prefix)]
        while stack:
            folder, rel = stack.pop()
            subfolders: list[str] = []
            try:
                with os.scandir(self._abs(folder)) as entries:
                    for entry in entries:
                        if entry.name.startswith("."):
                            continue
                        try:
                            if entry.is_dir(follow_symlinks=False):
                                if self.recursive and not self._is_outdir(entry):
                                    subfolders.append(entry.name)
                            elif entry.is_file() and self._wanted(entry.name):
                                yield self._file(os.path.join(folder, entry.name), rel / entry.name)
                        except OSError as exc:
                            yield self._failed(os.path.join(folder, entry.name), exc)
            except OSError as exc:
                yield self._failed(folder, exc)
                continue
            for name in sorted(subfolders, reverse=True):
                stack.append((os.path.join(folder, name), rel / name))

    def _is_outdir(self, entry: os.DirEntry[str]) -> bool:
        if self._outdir_id is None:
            return False
        st = entry.stat(follow_symlinks=False)
        return (st.st_dev, st.st_ino) == self._outdir_id

    def _wanted(self, name: str) -> bool:
        return not self.patterns or any(fnmatch.fnmatch(name, p) for p in self.patterns)

    def _file(self, path: str, source_rel: PurePosixPath) -> PlannedFile:
        source = display_path(path)
        warc = is_warc_name(path)
        if self.extension is None:
            return PlannedFile(source, self._abs(path), None, warc=warc)
        try:
            output = output_relpath(source_rel, "" if warc else self.extension)
        except UnsafePathError as exc:
            return PlannedFile(
                source, self._abs(path), None, error_kind="unsafe_output", error=str(exc), warc=warc
            )
        return PlannedFile(source, self._abs(path), output, warc=warc)

    def _failed(self, path: str, exc: OSError) -> PlannedFile:
        reason = exc.strerror or str(exc)
        return PlannedFile(
            display_path(path), self._abs(path), None, error_kind="input", error=f"cannot read: {reason}"
        )


__all__ = [
    "ERRORS_NAME",
    "EXTENSIONS",
    "FORMATS",
    "NDJSON_NAME",
    "PARQUET_NAME",
    "Plan",
    "PlanError",
    "PlannedFile",
    "UnsafePathError",
    "display_path",
    "glob_base",
    "is_inside",
    "output_name",
    "output_relpath",
    "relative_name",
]
