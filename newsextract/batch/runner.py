"""Running a batch: a small process pool with a watchdog, and :func:`run_batch`,
which plans, dispatches and records.

Why not :class:`concurrent.futures.ProcessPoolExecutor`: it cannot stop one
task.  A task past ``--timeout`` can only be abandoned while its worker keeps
burning a CPU, and killing that worker by hand breaks the executor
(``BrokenProcessPool``) with every other task in flight.  Its call queue also
hands tasks to workers ahead of time, so the parent cannot tell when a task
really started.

So :class:`WorkerPool` is ``N`` :class:`multiprocessing.Process` workers, each
with its own pipe and given **one task at a time**.  The parent always knows
which task each worker runs and since when; it waits on every pipe and every
process sentinel at once (:func:`multiprocessing.connection.wait`) with the
nearest deadline as timeout.  A worker past its deadline is stopped (SIGTERM,
SIGKILL after a short grace) and replaced, and its file is recorded as
``timeout``; a worker that dies (segfault, OOM killer) is seen through its
sentinel, replaced, and its file recorded as ``worker_died``.  At most one task
per worker is in flight and the plan is pulled lazily, one task per free
worker, so memory does not grow with the number of files.  The price is one
pipe round trip per file (a fraction of a millisecond, against milliseconds
of parsing).

Start method: ``forkserver`` where the platform has it, else ``spawn``.  Plain
``fork`` is avoided because the parent runs a progress-bar thread, and forking
a threaded process is unsafe; the fork server imports the parsers once
(preload), so new workers -- replacements after a timeout too -- start in
milliseconds.
"""

from __future__ import annotations

import contextlib
import glob
import math
import multiprocessing
import os
import signal
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.context import BaseContext
from multiprocessing.process import BaseProcess
from typing import BinaryIO, Literal, Protocol, TextIO

from ..errors import NewsextractError
from ..input.read import DEFAULT_MAX_BYTES
from ..input.warc import WarcError, WarcStats, WarcUnavailableError, backend_name, is_warc_name, iter_warc
from ..render.columns import PARQUET_EXTRA
from .plan import ERRORS_NAME, EXTENSIONS, FORMATS, NDJSON_NAME, PARQUET_NAME, Plan, PlanError, PlannedFile
from .report import ErrorLog, NdjsonSink, OutputClosedError, ParquetSink, Summary
from .worker import FAILED, SKIPPED, SLOW_HOOK_ENV, Result, Task, WorkerSettings, failed, serve

#: Default per-file time limit (seconds).  Our parsers take milliseconds on a
#: real page (the slowest of the dev corpora is well under a second); a
#: minute only catches what is truly pathological.
DEFAULT_TIMEOUT = 60.0
#: Seconds a stopped worker gets to clean up (remove its temporary file) before SIGKILL.
STOP_GRACE = 1.0

Existing = Literal["error", "skip", "overwrite"]


class _ReportWriteError(Exception):
    """The parent could not write the report or the ndjson stream (wraps the OSError)."""

    def __init__(self, error: OSError) -> None:
        super().__init__(str(error))
        self.error = error


class BatchOutputError(NewsextractError):
    """OUTDIR cannot be created or written (exit code 5, as for ``parse -o``)."""

    exit_code = 5


def default_workers() -> int:
    """The CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def _context() -> BaseContext:
    if "forkserver" in multiprocessing.get_all_start_methods():
        ctx = multiprocessing.get_context("forkserver")
        # The parsers are loaded once in the fork server, not by every worker
        # (and not by `newsextract parse`, which imports this package's CLI).
        ctx.set_forkserver_preload(["newsextract.batch.worker", "newsextract.html", "newsextract.text"])
        return ctx
    return multiprocessing.get_context("spawn")


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exit code {code}"


@dataclass(slots=True)
class _Slot:
    process: BaseProcess
    conn: Connection
    task: Task | None = None
    deadline: float = math.inf


class WorkerPool:
    """``workers`` processes running :func:`~newsextract.batch.worker.serve`,
    one task each at a time, with a per-task ``timeout`` (``None``: none).
    See the module docstring for why it is built this way."""

    def __init__(self, settings: WorkerSettings, workers: int, timeout: float | None) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self.settings = settings
        self.workers = workers
        self.timeout = timeout if timeout and timeout > 0 else None
        self._ctx = _context()
        self._slots: list[_Slot] = []

    def run(self, tasks: Iterable[Task], on_result: Callable[[Result], bool]) -> None:
        """Run ``tasks`` (pulled lazily), calling ``on_result`` for each result
        as it arrives.  When ``on_result`` returns True the run stops: no new
        task is started and the tasks in flight are abandoned (their workers
        stopped).  Workers are started only when there is a task for them."""
        source: Iterator[Task] = iter(tasks)
        exhausted = stop = False
        clean = False
        try:
            while True:
                while not exhausted and self._has_room():
                    task = next(source, None)
                    if task is None:
                        exhausted = True
                        break
                    self._dispatch(self._free_slot(), task)
                if not any(slot.task is not None for slot in self._slots):
                    break
                for result in self._collect():
                    if on_result(result):
                        stop = True
                if stop:
                    break
            clean = not stop
        finally:
            self._shutdown(graceful=clean)

    # -- slots -------------------------------------------------------------------

    def _spawn(self) -> _Slot:
        parent_conn, child_conn = self._ctx.Pipe(duplex=True)
        process = self._ctx.Process(  # type: ignore[attr-defined]
            target=serve, args=(child_conn, self.settings), name="newsextract-batch-worker", daemon=True
        )
        process.start()
        child_conn.close()
        return _Slot(process, parent_conn)

    def _has_room(self) -> bool:
        return len(self._slots) < self.workers or any(slot.task is None for slot in self._slots)

    def _free_slot(self) -> int:
        """An idle worker, started now if there is none (call after :meth:`_has_room`)."""
        for index, slot in enumerate(self._slots):
            if slot.task is None:
                return index
        self._slots.append(self._spawn())
        return len(self._slots) - 1

    def _dispatch(self, index: int, task: Task) -> None:
        for _ in range(3):
            slot = self._slots[index]
            try:
                slot.conn.send(task)
            except OSError:  # the worker died while idle: replace it and try again
                self._replace(index)
                continue
            slot.task = task
            slot.deadline = time.monotonic() + self.timeout if self.timeout else math.inf
            return
        raise RuntimeError("cannot start a batch worker")

    def _replace(self, index: int) -> None:
        slot = self._slots[index]
        self._stop([slot])
        self._slots[index] = self._spawn()

    def _stop(self, slots: list[_Slot]) -> None:
        """SIGTERM (a worker finishes the file it is writing, if any, and exits),
        SIGKILL after the grace."""
        for slot in slots:
            if slot.process.is_alive():
                slot.process.terminate()
        deadline = time.monotonic() + STOP_GRACE
        for slot in slots:
            slot.process.join(max(0.0, deadline - time.monotonic()))
            if slot.process.is_alive():
                slot.process.kill()
                slot.process.join()
            if (slot.process.exitcode or 0) < 0:  # killed or crashed, maybe in mid-write
                self._remove_temporary(slot.task)
            slot.conn.close()
            slot.process.close()

    def _remove_temporary(self, task: Task | None) -> None:
        """Remove what a killed worker may have left of ``task``'s output: the
        hidden ``.NAME.XXXXXXXX.tmp`` beside it (see ``worker.write_atomic``)."""
        if task is None or task.output is None or self.settings.outdir is None:
            return
        folder, name = os.path.split(os.path.join(self.settings.outdir, task.output))
        for leftover in glob.glob(os.path.join(glob.escape(folder), glob.escape(f".{name}.") + "*.tmp")):
            with contextlib.suppress(OSError):
                os.unlink(leftover)

    def _shutdown(self, *, graceful: bool) -> None:
        slots, self._slots = self._slots, []
        if graceful:
            for slot in slots:
                with contextlib.suppress(OSError):
                    slot.conn.send(None)
            deadline = time.monotonic() + 5.0
            for slot in slots:
                slot.process.join(max(0.0, deadline - time.monotonic()))
        self._stop(slots)

    # -- results -----------------------------------------------------------------

    def _collect(self) -> list[Result]:
        busy = [i for i, slot in enumerate(self._slots) if slot.task is not None]
        nearest = min(self._slots[i].deadline for i in busy)
        timeout = None if nearest == math.inf else max(0.0, nearest - time.monotonic())
        waitables: list[Connection | int] = []
        for i in busy:
            waitables += [self._slots[i].conn, self._slots[i].process.sentinel]
        ready = set(wait(waitables, timeout))
        results: list[Result] = []
        for i in busy:
            slot = self._slots[i]
            if slot.conn in ready or slot.process.sentinel in ready:
                results.append(self._receive(i))
        now = time.monotonic()
        for i in busy:
            slot = self._slots[i]
            if slot.task is not None and slot.deadline <= now:
                task = slot.task
                self._replace(i)
                results.append(failed(task, "timeout", f"took longer than {self.timeout:g} s; stopped"))
        return results

    def _receive(self, index: int) -> Result:
        slot = self._slots[index]
        task = slot.task
        assert task is not None
        try:
            if slot.conn.poll():
                result: Result = slot.conn.recv()
                slot.task, slot.deadline = None, math.inf
                return result
        except (EOFError, OSError):
            pass
        slot.process.join(STOP_GRACE)
        how = _describe_exit(slot.process.exitcode)
        self._replace(index)
        return failed(task, "worker_died", f"the worker process died on this file ({how})")


# -- the batch -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """Everything ``newsextract batch`` takes, as one object."""

    inputs: tuple[str, ...]
    outdir: str  # "-": stdout (ndjson only)
    fmt: str = "json"
    workers: int | None = None  # None: default_workers()
    recursive: bool = False
    patterns: tuple[str, ...] = ()
    existing: Existing = "error"
    kind: str = "auto"
    timeout: float | None = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES
    fail_fast: bool = False


class Progress(Protocol):
    """What :func:`run_batch` reports to while it runs (the CLI's progress bar)."""

    def start(self, total: int | None) -> None: ...

    def update(self, result: Result, summary: Summary) -> None: ...


#: Existing outputs named in the "already exist" error.
_CLASH_EXAMPLES = 3


#: The one output file of the streaming formats.
_ONE_FILE: dict[str, str] = {"ndjson": NDJSON_NAME, "parquet": PARQUET_NAME}


def _count(plan: Plan) -> int | None:
    """The number of pages, when it is known without reading WARC files."""
    total = 0
    for planned in plan:
        if planned.warc:
            return None
        total += 1
    return total


def _check_existing(plan: Plan, outdir: str, shown: str, fmt: str) -> int | None:
    """Walk the plan once: count the files and refuse to start if any planned
    output exists.  Nothing is kept but the count and a few examples (named
    below ``shown``, OUTDIR as the user wrote it).  The count is ``None`` when
    a WARC file is among the inputs (its pages are counted as they are read)."""
    one_file = _ONE_FILE.get(fmt)
    if one_file and os.path.lexists(os.path.join(outdir, one_file)):
        raise PlanError(
            f"{os.path.join(shown, one_file)} already exists: use --skip-existing to convert only "
            "the files not in it, or --overwrite to replace it"
        )
    total: int | None = 0
    warc = False
    clashes: list[str] = []
    n_clashes = 0
    for planned in plan:
        total = (total or 0) + 1
        warc = warc or planned.warc
        if planned.output is not None and os.path.lexists(os.path.join(outdir, planned.output)):
            n_clashes += 1
            if len(clashes) < _CLASH_EXAMPLES:
                clashes.append(os.path.join(shown, planned.output))
    if n_clashes:
        more = f" and {n_clashes - len(clashes)} more" if n_clashes > len(clashes) else ""
        raise PlanError(
            f"{n_clashes} output file(s) already exist ({', '.join(clashes)}{more}): use --skip-existing "
            "to keep them and convert the rest, or --overwrite to replace them"
        )
    return None if warc else total


def run_batch(
    options: BatchOptions,
    *,
    stdin: BinaryIO | None = None,
    stdout: TextIO | None = None,
    progress: Progress | None = None,
    count_first: bool = False,
) -> Summary:
    """Convert every file of ``options.inputs`` into ``options.outdir``.

    Raises :class:`PlanError` (a usage error) before any work when an INPUT is
    missing or, with ``existing="error"``, when a planned output exists; raises
    :class:`BatchOutputError` when OUTDIR cannot be created.  Otherwise returns
    the :class:`Summary`: a bad file never raises, and Ctrl-C ends the run
    with ``summary.interrupted`` set (finished outputs stay, the report is
    written).  ``count_first`` walks the inputs once up front to know the total
    (it is counted anyway when OUTDIR exists and ``existing="error"``).
    """
    fmt = options.fmt
    if fmt not in FORMATS:
        raise PlanError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    to_stdout = options.outdir == "-"
    if to_stdout and fmt != "ndjson":
        raise PlanError("-o - (stdout) works only with --format ndjson; give an output folder")
    if fmt == "parquet":
        try:
            import pyarrow.parquet  # noqa: F401
        except ImportError:
            raise PlanError(f"--format parquet needs pyarrow: pip install '{PARQUET_EXTRA}'") from None
    if any(is_warc_name(arg) for arg in options.inputs):
        try:
            backend_name()
        except WarcUnavailableError as exc:
            raise PlanError(str(exc)) from None
    outdir = "" if to_stdout else os.path.abspath(options.outdir)
    plan = Plan(
        options.inputs,
        extension=EXTENSIONS.get(fmt),
        recursive=options.recursive,
        patterns=options.patterns,
        outdir=outdir or None,
        stdin=stdin if "-" in options.inputs else None,
    )
    try:
        plan.check()
        if outdir and os.path.lexists(outdir) and not os.path.isdir(outdir):
            raise BatchOutputError(f"{options.outdir}: exists and is not a folder")
        total: int | None = None
        if outdir and options.existing == "error" and os.path.isdir(outdir):
            total = _check_existing(plan, outdir, options.outdir, fmt)
        elif count_first:
            total = _count(plan)
        if outdir:
            try:
                os.makedirs(outdir, exist_ok=True)
            except OSError as exc:
                raise BatchOutputError(
                    f"cannot create the output folder {options.outdir}: {exc.strerror or exc}"
                ) from None
        return _run(options, plan, outdir, total, stdout, progress)
    finally:
        plan.close()


def _run(
    options: BatchOptions,
    plan: Plan,
    outdir: str,
    total: int | None,
    stdout: TextIO | None,
    progress: Progress | None,
) -> Summary:
    fmt = options.fmt
    summary = Summary(total=total)
    sink: NdjsonSink | ParquetSink | None = None
    try:
        errors = ErrorLog(os.path.join(outdir, ERRORS_NAME) if outdir else None)
        if fmt == "ndjson":
            ndjson_path = os.path.join(outdir, NDJSON_NAME) if outdir else None
            sink = NdjsonSink(ndjson_path, resume=options.existing == "skip", stdout=stdout or sys.stdout)
        elif fmt == "parquet":
            sink = ParquetSink(os.path.join(outdir, PARQUET_NAME), resume=options.existing == "skip")
    except OSError as exc:
        raise BatchOutputError(f"cannot write to {options.outdir}: {exc.strerror or exc}") from None
    summary.errors_path = errors.path
    summary.output_path = sink.path if sink else None
    settings = WorkerSettings(
        fmt=fmt,
        kind=options.kind,
        max_bytes=options.max_bytes,
        outdir=os.path.realpath(outdir) if outdir and fmt in EXTENSIONS else None,
        overwrite=options.existing == "overwrite",
        slow_hook=os.environ.get(SLOW_HOOK_ENV) or None,
        parent_pid=os.getpid(),
    )
    workers = options.workers or default_workers()
    if total is not None:
        workers = max(1, min(workers, total))

    def record(result: Result) -> bool:
        try:
            if isinstance(sink, NdjsonSink) and result.line is not None:
                sink.write(result.line)
            elif isinstance(sink, ParquetSink) and result.row is not None:
                sink.write(result.row)
            summary.add(result)
            if result.status == FAILED:
                errors.write(result)
        except OSError as exc:
            raise _ReportWriteError(exc) from exc
        if progress is not None:
            progress.update(result, summary)
        if options.fail_fast and result.status == FAILED:
            summary.stopped = True
        return summary.stopped

    skip = options.existing == "skip"
    counter = iter(range(sys.maxsize))

    def done_before(source: str, output: str | None) -> bool:
        return skip and (
            (sink is not None and sink.seen(source))
            or (output is not None and os.path.lexists(os.path.join(outdir, output)))
        )

    def tasks() -> Iterator[Task]:
        for planned in plan:
            if summary.stopped:
                return
            if planned.error is not None:
                record(Result(next(counter), planned.source, FAILED, None, planned.error_kind, planned.error))
                continue
            if planned.warc:
                yield from warc_tasks(planned)
                continue
            if done_before(planned.source, planned.output):
                record(Result(next(counter), planned.source, SKIPPED, planned.output))
                continue
            yield Task(next(counter), planned.source, planned.read_path, planned.output)

    def warc_tasks(planned: PlannedFile) -> Iterator[Task]:
        """The pages of one WARC file, read here and sent to the workers as bytes."""
        extension = EXTENSIONS.get(fmt)
        stats = WarcStats()
        try:
            backend_name()
            fh = open(planned.read_path, "rb")  # noqa: SIM115 (closed below, also when the run stops)
        except (WarcUnavailableError, OSError) as exc:
            reason = str(exc) if isinstance(exc, WarcUnavailableError) else f"cannot read: {exc.strerror or exc}"
            record(Result(next(counter), planned.source, FAILED, None, "input", reason))
            return
        summary.warc_files += 1
        try:
            for item in iter_warc(fh, max_bytes=options.max_bytes, stats=stats):
                if summary.stopped:
                    return
                source = f"{planned.source}#{item.number}"
                if isinstance(item, WarcError):
                    record(Result(next(counter), source, FAILED, None, "input", item.message))
                    continue
                output = f"{planned.output}/{item.number}{extension}" if planned.output and extension else None
                if done_before(source, output):
                    record(Result(next(counter), source, SKIPPED, output))
                    continue
                yield Task(
                    next(counter),
                    source,
                    planned.read_path,
                    output,
                    data=item.body,
                    url=item.url,
                    encoding=item.charset,
                    path=planned.source,
                    record_id=item.record_id,
                    offset=item.offset,
                    fetched=item.date,
                )
        finally:
            fh.close()
            summary.records_skipped.update(stats.skipped)

    start = time.perf_counter()
    if progress is not None:
        progress.start(total)
    completed = False
    write_error: OSError | None = None
    try:
        WorkerPool(settings, workers, options.timeout).run(tasks(), record)
        completed = True
    except KeyboardInterrupt:
        summary.interrupted = True
    except OutputClosedError:
        summary.stopped = summary.stdout_closed = True
        completed = True
    except _ReportWriteError as exc:
        # errors.jsonl, documents.ndjson or stdout cannot be written (a full
        # disk): the run cannot record what it does, so it stops (exit 5).
        write_error = exc.error
        completed = True
    finally:
        summary.seconds = time.perf_counter() - start
        try:
            errors.close()
            if sink is not None:
                sink.close()
        except OSError as exc:
            if completed:
                write_error = write_error or exc
    if write_error is not None:
        where = "stdout" if options.outdir == "-" else options.outdir
        raise BatchOutputError(f"cannot write to {where}: {write_error.strerror or write_error}")
    return summary


__all__ = [
    "DEFAULT_TIMEOUT",
    "BatchOptions",
    "BatchOutputError",
    "Progress",
    "WorkerPool",
    "default_workers",
    "run_batch",
]
