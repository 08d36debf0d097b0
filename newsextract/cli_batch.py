"""``newsextract batch``: many pages into a mirrored folder of outputs.

Only options, the progress bar and the summary live here; the work is done by
:mod:`newsextract.batch`.
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from enum import StrEnum
from types import FrameType
from typing import TYPE_CHECKING, Annotated

import typer

from .cli_options import Kind, KindOption, MaxBytesOption
from .input.read import DEFAULT_MAX_BYTES
from .render.escape import printable

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress, TaskID

    from .batch import Result, Summary

#: Seconds per file (``--timeout``); the same as ``newsextract.batch.DEFAULT_TIMEOUT``
#: (tests/test_batch.py checks), written out so that ``newsextract parse`` does not
#: import the batch machinery (multiprocessing ...) just to build the CLI.
DEFAULT_TIMEOUT = 60.0

#: Exit codes of `batch` besides cli.py's (documented in the README).
EXIT_FAILED = 6  # some files failed (see OUTDIR/errors.jsonl)
EXIT_INTERRUPTED = 130  # Ctrl-C or SIGTERM


class BatchFormat(StrEnum):
    json = "json"
    markdown = "markdown"
    text = "text"
    ndjson = "ndjson"
    parquet = "parquet"


def exit_code(summary: Summary) -> int:
    """0 every file converted (or skipped); 4 some had no article, none failed;
    6 some failed; 130 interrupted."""
    from .cli import EXIT_NO_ARTICLE, EXIT_OK

    if summary.interrupted:
        return EXIT_INTERRUPTED
    if summary.failed:
        return EXIT_FAILED
    if summary.no_article:
        return EXIT_NO_ARTICLE
    return EXIT_OK


def batch(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Folders, files and glob patterns (quote them); '-' reads a list of paths from stdin, "
            "one per line or NUL-separated. .gz files are read transparently; a *.warc or *.warc.gz "
            "file is a crawl: each HTML response in it is a page (needs newsextract[warc]).",
            show_default=False,
        ),
    ],
    output: Annotated[
        str,
        typer.Option(
            "--output",
            "-o",
            metavar="OUTDIR",
            help="The output folder (created if needed). '-' is stdout, with --format ndjson only.",
            show_default=False,
        ),
    ],
    format: Annotated[
        BatchFormat,
        typer.Option(
            "--format",
            "-f",
            help="One file per page (.json, .md, .txt), one ndjson stream (OUTDIR/documents.ndjson) "
            "or one Parquet file (OUTDIR/documents.parquet; needs newsextract[parquet]).",
        ),
    ] = BatchFormat.json,
    workers: Annotated[
        int | None,
        typer.Option(
            "--workers", "-w", min=1, help="Worker processes (default: one per CPU).", show_default=False
        ),
    ] = None,
    recursive: Annotated[
        bool, typer.Option("--recursive", "-r", help="Walk folders recursively (default: their files only).")
    ] = False,
    glob: Annotated[
        list[str] | None,
        typer.Option(
            "--glob",
            "-g",
            metavar="PATTERN",
            help="In folders, take only files whose name matches PATTERN, e.g. '*.html*' (repeatable) "
            "(default: every file whose name does not start with '.').",
            show_default=False,
        ),
    ] = None,
    skip_existing: Annotated[
        bool,
        typer.Option(
            "--skip-existing", help="Keep outputs that exist and convert only the rest (resume a run)."
        ),
    ] = False,
    overwrite: Annotated[bool, typer.Option("--overwrite", help="Replace outputs that exist.")] = False,
    kind: KindOption = Kind.auto,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            min=0,
            metavar="SECONDS",
            help="Per file: past it the worker is stopped and replaced, the file counted as failed. "
            "0: no limit.",
        ),
    ] = DEFAULT_TIMEOUT,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    fail_fast: Annotated[bool, typer.Option("--fail-fast", help="Stop at the first failed file.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Convert many pages: folders, files, globs or a list on stdin, into OUTDIR.

    The output tree mirrors the input: in/a/b.html (given as 'in') becomes
    OUTDIR/a/b.json; a file named directly keeps its path (made relative and
    safe). Outputs are written atomically and never outside OUTDIR. An
    existing output is an error unless --skip-existing or --overwrite.

    Failed files are listed in OUTDIR/errors.jsonl, one JSON object per line:
    path, kind, message.

    Exit codes: 0 every file converted (or skipped), 2 usage error or existing
    outputs, 4 some files had no article (none failed), 5 OUTDIR not writable,
    6 some files failed, 130 interrupted (finished outputs stay: rerun with
    --skip-existing).
    """
    from .batch import BatchOptions, BatchOutputError, PlanError, run_batch
    from .cli import EXIT_USAGE, fail

    if skip_existing and overwrite:
        fail("--skip-existing and --overwrite exclude each other", EXIT_USAGE)
    if "-" in inputs and sys.stdin.isatty():
        fail("'-' reads a list of paths from stdin, but stdin is a terminal (pipe paths into it)", EXIT_USAGE)
    options = BatchOptions(
        inputs=tuple(inputs),
        outdir=output,
        fmt=format.value,
        workers=workers,
        recursive=recursive,
        patterns=tuple(glob or ()),
        existing="skip" if skip_existing else "overwrite" if overwrite else "error",
        kind=kind.value,
        timeout=timeout or None,
        max_bytes=max_bytes,
        fail_fast=fail_fast,
    )
    console = _stderr_console()
    show_progress = not quiet and console.is_terminal
    progress = _ProgressBar(console) if show_progress else None
    try:
        with _sigterm_as_interrupt():
            try:
                summary = run_batch(
                    options,
                    stdin=sys.stdin.buffer if "-" in inputs else None,
                    stdout=sys.stdout,
                    progress=progress,
                    count_first=show_progress,
                )
            finally:
                if progress is not None:
                    progress.stop()
    except PlanError as exc:
        fail(str(exc), EXIT_USAGE)
    except BatchOutputError as exc:
        if output == "-":  # stdout failed (a full disk): no second error at exit
            from .cli import silence_stdout

            silence_stdout()
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        if not quiet:
            sys.stderr.write("newsextract: interrupted before any file was converted\n")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    if summary.stdout_closed:  # `... -o - | head`: no "broken pipe" noise at exit
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    if not quiet:
        print_summary(console, summary)
    raise typer.Exit(exit_code(summary))


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the batch like Ctrl-C (workers stopped, report written)."""

    def handler(signum: int, frame: FrameType | None) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _stderr_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


class _ProgressBar:
    """files done/total (when known), files/s, ETA and failures, on stderr."""

    def __init__(self, console: Console) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeRemainingColumn,
        )

        self._progress: Progress = Progress(
            SpinnerColumn(),
            TextColumn("batch"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[rate]}"),
            TimeRemainingColumn(),
            TextColumn("{task.fields[failed]}"),
            console=console,
            transient=True,
            redirect_stdout=False,  # stdout may carry the ndjson stream
            redirect_stderr=False,
        )
        self._task: TaskID | None = None
        self._start = time.perf_counter()

    def start(self, total: int | None) -> None:
        self._start = time.perf_counter()
        self._task = self._progress.add_task("batch", total=total, rate="", failed="")
        self._progress.start()

    def update(self, result: Result, summary: Summary) -> None:
        if self._task is None:
            return
        elapsed = max(time.perf_counter() - self._start, 1e-9)
        failed = f"[red]{summary.failed} failed[/]" if summary.failed else ""
        self._progress.update(
            self._task, completed=summary.done, rate=f"{summary.done / elapsed:.0f} files/s", failed=failed
        )

    def stop(self) -> None:
        self._progress.stop()


def print_summary(console: Console, summary: Summary) -> None:
    """The summary table and the first failures, on stderr."""
    from rich.table import Table


    rate = summary.done / summary.seconds if summary.seconds > 0 else 0.0
    unit = "pages" if summary.warc_files else "files"  # a WARC file holds many pages
    console.print(
        f"newsextract batch: {summary.done} {unit} in {summary.seconds:.1f} s ({rate:.0f} {unit}/s)",
        markup=False,
        soft_wrap=True,
    )
    table = Table(
        show_header=False,
        box=None,
        padding=(0, 2),
    )
    table.add_column("outcome")
    table.add_column("files", justify="right")
    table.add_row("converted", str(summary.converted))
    table.add_row("no article", str(summary.no_article))
    table.add_row("failed", str(summary.failed))
    table.add_row("skipped", str(summary.skipped))
    if (summary.interrupted or summary.stopped) and summary.not_run:
        table.add_row("not run", str(summary.not_run))
    console.print(table)
    for failure in summary.failures:
        console.print(
            f"failed: {printable(failure.source)}: {failure.error}: {printable(failure.message or '')}",
            markup=False,
            soft_wrap=True,
        )
    if summary.failed > len(summary.failures):
        console.print(f"... and {summary.failed - len(summary.failures)} more", markup=False)
    if summary.failed and summary.errors_path:
        console.print(f"every failure: {os.path.relpath(summary.errors_path)}", markup=False, soft_wrap=True)
    if summary.warc_files:
        skipped = sum(summary.records_skipped.values())
        reasons = ", ".join(f"{n} {why}" for why, n in summary.records_skipped.most_common())
        console.print(
            f"WARC: {summary.warc_files} file(s); {skipped} record(s) that are not pages skipped"
            + (f" ({reasons})" if reasons else ""),
            markup=False,
            soft_wrap=True,
        )
    if summary.output_path:
        console.print(f"documents: {os.path.relpath(summary.output_path)}", markup=False, soft_wrap=True)
    if summary.interrupted:
        console.print("interrupted: finished files are kept; rerun with --skip-existing to do the rest")
    elif summary.stdout_closed:
        console.print("stopped: stdout was closed")
    elif summary.stopped:
        console.print("stopped at the first failure (--fail-fast)")
