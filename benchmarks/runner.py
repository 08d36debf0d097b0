"""Run every extractor on the same pages, each in its own worker process.

For each corpus one worker per extractor is started; the parent feeds page 1
to each worker in turn (the order rotates from page to page), then page 2, and
so on, waiting for each answer before the next request, so only one extractor
works at a time and drift of the machine hits all alike.  Before that, each
worker extracts the first page once, untimed, so lazy imports and caches are
warm (its time is kept as ``first_ms``).  ``repeat`` passes
are made over the pages; results are kept from the first, timings from all.
A page that takes longer than ``timeout`` seconds kills its worker (a new one
is started for the next page) and counts as an error.
"""

from __future__ import annotations

import json
import os
import select
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from .corpora import Corpus, Page

REPO_ROOT = Path(__file__).resolve().parent.parent
READY_TIMEOUT = 180.0


class WorkerError(Exception):
    pass


@dataclass(slots=True)
class Run:
    """What one extractor did on one corpus."""

    extractor: str
    version: str | None = None
    import_ms: float | None = None
    first_ms: float | None = None  # the warm-up call on the corpus's first page (lazy imports, caches)
    peak_rss_kb: int | None = None
    results: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    # times[repeat][page id] = ms (pages that failed are left out)
    times: list[dict[str, float]] = field(default_factory=list)
    restarts: int = 0


class Worker:
    """A ``python -m benchmarks.worker NAME`` subprocess."""

    def __init__(self, name: str, log: IO[bytes]) -> None:
        self.name = name
        self.log = log
        self._buffer = b""
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.worker", name],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=log,
            cwd=REPO_ROOT,
        )
        self.ready = self._read(READY_TIMEOUT)
        if not self.ready.get("ready"):
            self.kill()
            raise WorkerError(self.ready.get("error") or "worker did not start")

    def _read(self, timeout: float) -> dict[str, Any]:
        assert self.proc.stdout is not None
        fd = self.proc.stdout.fileno()
        deadline = time.monotonic() + timeout
        while b"\n" not in self._buffer:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([fd], [], [], left)[0]:
                raise TimeoutError(f"{self.name}: no answer in {timeout:.0f} s")
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                raise WorkerError(f"{self.name}: worker exited (code {self.proc.wait()})")
            self._buffer += chunk
        line, _, self._buffer = self._buffer.partition(b"\n")
        message: dict[str, Any] = json.loads(line)
        return message

    def request(self, page: Page, emit: bool, timeout: float) -> dict[str, Any]:
        assert self.proc.stdin is not None
        message = {"path": str(page.path), "kind": page.kind, "url": page.url, "emit": emit}
        self.proc.stdin.write((json.dumps(message) + "\n").encode("ascii"))
        self.proc.stdin.flush()
        return self._read(timeout)

    def close(self) -> int | None:
        """End the worker; its peak RSS in KiB."""
        assert self.proc.stdin is not None
        try:
            self.proc.stdin.close()
            done = self._read(60)
            self.proc.wait(timeout=60)
            rss = done.get("peak_rss_kb")
            return int(rss) if rss is not None else None
        except (TimeoutError, WorkerError, BrokenPipeError, subprocess.TimeoutExpired):
            self.kill()
            return None

    def kill(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()


def _progress(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def run_corpus(
    corpus: Corpus,
    names: list[str],
    *,
    repeat: int = 1,
    timeout: float = 60.0,
    log_dir: Path | None = None,
    notes: dict[str, str] | None = None,
) -> dict[str, Run]:
    """Run ``names`` on every page of ``corpus``; extractors that fail to start
    are left out and explained in ``notes``."""
    notes = notes if notes is not None else {}
    log_path = log_dir / f"{corpus.name.replace('/', '_')}.log" if log_dir else Path(os.devnull)
    log: IO[bytes] = open(log_path, "wb")  # noqa: SIM115 - closed in the finally clause
    workers: dict[str, Worker] = {}
    runs: dict[str, Run] = {}
    try:
        for name in names:
            try:
                worker = Worker(name, log)
            except (WorkerError, TimeoutError) as exc:
                notes[name] = f"could not start: {exc}"
                _progress(f"  {name}: skipped ({exc})")
                continue
            workers[name] = worker
            runs[name] = run = Run(name, worker.ready.get("version"), worker.ready.get("import_ms"))
            if corpus.pages:
                try:
                    run.first_ms = worker.request(corpus.pages[0], emit=False, timeout=timeout)["ms"]
                except (TimeoutError, WorkerError, BrokenPipeError) as exc:
                    _progress(f"  {name}: warm-up failed ({exc}); restarting it")
                    worker.kill()
                    workers[name] = Worker(name, log)
        active = list(workers)
        peaks: dict[str, int] = {}
        total = len(corpus.pages) * repeat
        for rep in range(repeat):
            for run in runs.values():
                run.times.append({})
            for index, page in enumerate(corpus.pages):
                shift = (index + rep) % max(len(active), 1)
                for name in active[shift:] + active[:shift]:
                    run = runs[name]
                    if rep and page.id in run.errors:
                        continue
                    try:
                        reply = workers[name].request(page, emit=rep == 0, timeout=timeout)
                    except (TimeoutError, WorkerError, BrokenPipeError) as exc:
                        run.errors[page.id] = f"{type(exc).__name__}: {exc}"
                        run.results[page.id] = None
                        workers[name].kill()
                        run.restarts += 1
                        try:
                            workers[name] = Worker(name, log)
                        except (WorkerError, TimeoutError) as restart:
                            notes[name] = f"stopped on {corpus.name} after {page.id}: {restart}"
                            active.remove(name)
                        continue
                    if rep == 0:
                        run.results[page.id] = reply.get("result")
                        if not reply["ok"]:
                            run.errors[page.id] = reply["error"]
                    if reply["ok"]:
                        run.times[rep][page.id] = reply["ms"]
                done = rep * len(corpus.pages) + index + 1
                if done % 25 == 0 or done == total:
                    _progress(f"  {corpus.name}: {done}/{total} page passes")
        for name, worker in workers.items():
            rss = worker.close()
            if rss is not None:
                peaks[name] = rss
        for name, run in runs.items():
            run.peak_rss_kb = peaks.get(name)
    finally:
        for worker in workers.values():
            worker.kill()
        log.close()
    return runs
