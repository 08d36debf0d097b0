"""Measure WARC input (a script, not a test): pages/s of ``newsextract batch`` on
plain files and on WARC files holding the same pages, of the Dask integration
with 1 and 2 workers, and of reading the WARC records with FastWARC against
warcio.

    python -m benchmarks.warc_bench                          # 339 pages (aeb-dev x3) in 4 WARC files
    python -m benchmarks.warc_bench --pages 1000 --repeat 5

Everything is generated under /tmp (never in the repo) from the HTML pages of
``../shared/corpus/aeb-dev/html``: the pages as plain ``.html`` files, and the
same pages as HTTP ``response`` records (each after its ``request`` record, as
a crawler writes them) in ``--warcs`` gzipped WARC files.  Measured, wall time,
the runs interleaved and repeated (``--repeat``; the best run is reported, the
median alongside), on a machine whose other jobs add noise:

- reading, in process, ``--read-passes`` passes over every WARC file: each
  library alone (its iterator, every ``response`` payload read), and
  :func:`newsextract.input.warc.iter_warc` with each as backend (records
  classified, HTTP payload read and decoded: what ``batch`` and Dask do);
- ``newsextract batch`` (a fresh process each run, ``--format ndjson``) on the
  folder of pages and on the WARC files, ``--workers 1`` and ``2``;
- Dask (``newsextract.dask.read_warcs(...)`` written as ndjson text files by
  the workers) on a ``LocalCluster`` of 1 and 2 worker processes, one thread
  each; the cluster start-up is timed apart and not counted.

Results: a Markdown table on stdout and ``benchmarks/results/warc_bench.json``.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import logging
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
HTML_PAGES = ROOT.parent / "shared" / "corpus" / "aeb-dev" / "html"
RESULTS = ROOT / "benchmarks" / "results"


def generate(folder: Path, n_pages: int, n_warcs: int) -> tuple[Path, Path]:
    """``folder/pages/*.html`` and ``folder/warcs/*.warc.gz`` with the same ``n_pages`` pages."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    sources = sorted(HTML_PAGES.glob("*.html.gz"))
    if not sources:
        sys.exit(f"warc_bench: no pages under {HTML_PAGES} (../shared/corpus is needed)")
    pages_dir, warcs_dir = folder / "pages", folder / "warcs"
    pages_dir.mkdir()
    warcs_dir.mkdir()
    handles = [open(warcs_dir / f"crawl-{i:02}.warc.gz", "wb") for i in range(n_warcs)]  # noqa: SIM115
    writers = [WARCWriter(fh, gzip=True) for fh in handles]
    try:
        for i in range(n_pages):
            body = gzip.decompress(sources[i % len(sources)].read_bytes())
            (pages_dir / f"p{i:06}.html").write_bytes(body)
            writer = writers[i % n_warcs]
            url = f"https://news.example/{i}"
            request = StatusAndHeaders(f"GET /{i} HTTP/1.1", [("Host", "news.example")], is_http_request=True)
            writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=request))
            http = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body)))], protocol="HTTP/1.1"
            )
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http))
    finally:
        for fh in handles:
            fh.close()
    return pages_dir, warcs_dir


def read_all(warcs: list[Path], backend: str) -> int:
    from newsextract.input.warc import WarcPage, iter_warc

    pages = 0
    for path in warcs:
        with open(path, "rb") as fh:
            pages += sum(isinstance(item, WarcPage) for item in iter_warc(fh, max_bytes=50 << 20, backend=backend))
    return pages


def read_library(warcs: list[Path], backend: str) -> int:
    """The library alone: every ``response`` record and its HTTP payload, as
    each library's documentation does it (warcio also undoes the HTTP
    encodings, FastWARC leaves them)."""
    pages = 0
    for path in warcs:
        with open(path, "rb") as fh:
            if backend == "fastwarc":
                from fastwarc.warc import ArchiveIterator, WarcRecordType

                for record in ArchiveIterator(fh, record_types=WarcRecordType.response, parse_http=True):
                    pages += bool(record.reader.read())
            else:
                from warcio.archiveiterator import ArchiveIterator as WarcioIterator

                for record in WarcioIterator(fh):
                    if record.rec_type == "response":
                        pages += bool(record.content_stream().read())
    return pages


def timed(run: Callable[[], Any]) -> float:
    start = time.perf_counter()
    run()
    return time.perf_counter() - start


def batch_run(inputs: list[str], workers: int, out: Path) -> Callable[[], None]:
    def run() -> None:
        shutil.rmtree(out, ignore_errors=True)
        proc = subprocess.run(
            [sys.executable, "-m", "newsextract", "batch", *inputs, "-o", str(out), "-f", "ndjson", "-w", str(workers), "-q"],
            capture_output=True,
        )
        if proc.returncode not in (0, 4):
            raise RuntimeError(f"batch failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")

    return run


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--pages", type=int, default=339, help="pages in the test set (default 339: aeb-dev x3)")
    parser.add_argument("--warcs", type=int, default=4, help="WARC files the pages are spread over (default 4)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measurement, interleaved (default 3)")
    parser.add_argument("--read-passes", type=int, default=5, help="passes over the WARC files per reading run (default 5)")
    parser.add_argument("--no-dask", action="store_true", help="skip the Dask runs")
    args = parser.parse_args(argv)

    import newsextract.dask as nd
    from newsextract.input.warc import backend_name

    work = Path(tempfile.mkdtemp(prefix="warc_bench."))
    try:
        pages_dir, warcs_dir = generate(work, args.pages, args.warcs)
        warcs = sorted(warcs_dir.glob("*.warc.gz"))
        size_mb = sum(p.stat().st_size for p in warcs) / 1e6
        print(f"{args.pages} pages; {len(warcs)} WARC files, {size_mb:.1f} MB gzipped; work folder {work}", file=sys.stderr)

        times: dict[str, list[float]] = {}
        backends = [b for b in ("fastwarc", "warcio") if _installed(b)]
        runs: dict[str, Callable[[], Any]] = {}
        passes = max(1, args.read_passes)
        for backend in backends:
            runs[f"read records, library only: {backend}"] = lambda b=backend: [read_library(warcs, b) for _ in range(passes)]
            runs[f"read records, iter_warc: {backend}"] = lambda b=backend: [read_all(warcs, b) for _ in range(passes)]
        for workers in (1, 2):
            runs[f"batch, files, -w {workers}"] = batch_run([str(pages_dir)], workers, work / "out-files")
            runs[f"batch, WARC, -w {workers}"] = batch_run([str(warcs_dir)], workers, work / "out-warc")

        clusters: dict[int, Any] = {}
        startup: dict[int, float] = {}
        if not args.no_dask:
            from dask.distributed import Client, LocalCluster

            for workers in (1, 2):
                start = time.perf_counter()
                cluster = LocalCluster(
                    n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=":0", silence_logs=logging.ERROR
                )
                clusters[workers] = (cluster, Client(cluster, set_as_default=False))
                startup[workers] = time.perf_counter() - start

            def dask_run(workers: int) -> Callable[[], None]:
                def run() -> None:
                    out = work / f"out-dask-{workers}"
                    shutil.rmtree(out, ignore_errors=True)
                    _, client = clusters[workers]
                    bag = nd.read_warcs(str(warcs_dir)).map(json.dumps)
                    client.gather(client.compute(bag.to_textfiles(str(out / "*.ndjson"), compute=False)))

                return run

            for workers in (1, 2):
                runs[f"Dask read_warcs, {workers} worker(s)"] = dask_run(workers)

        for _ in range(args.repeat):
            for name, run in runs.items():  # interleaved: each round runs everything once
                times.setdefault(name, []).append(timed(run))

        for cluster, client in clusters.values():
            client.close()
            cluster.close()

        rows = []
        for name, seconds in times.items():
            best, median = min(seconds), statistics.median(seconds)
            n = args.pages * (passes if name.startswith("read") else 1)
            rows.append({"run": name, "pages": n, "best_s": best, "median_s": median,
                         "pages_per_s": n / best, "pages_per_s_median": n / median})
        print(f"\n{args.pages} pages, {len(warcs)} WARC files ({size_mb:.1f} MB), best of {args.repeat} (median)\n")
        print("| run | pages/s | (median) | seconds |")
        print("|---|---:|---:|---:|")
        for row in rows:
            print(f"| {row['run']} | {row['pages_per_s']:.0f} | {row['pages_per_s_median']:.0f} | {row['best_s']:.2f} |")
        if startup:
            print("\nDask LocalCluster start-up (not counted above): "
                  + ", ".join(f"{w} worker(s) {s:.1f} s" for w, s in startup.items()))
        RESULTS.mkdir(parents=True, exist_ok=True)
        record = {
            "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
            "command": " ".join([Path(sys.executable).name, "-m", "benchmarks.warc_bench", *(argv or sys.argv[1:])]),
            "default_backend": backend_name(),
            "pages": args.pages,
            "warcs": len(warcs),
            "warc_mb": size_mb,
            "repeat": args.repeat,
            "rows": rows,
            "dask_startup_s": startup,
        }
        (RESULTS / "warc_bench.json").write_text(json.dumps(record, indent=2) + "\n")
        print(f"\nwritten: {(RESULTS / 'warc_bench.json').relative_to(ROOT)}", file=sys.stderr)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _installed(name: str) -> bool:
    try:
        __import__(name)
    except ImportError:
        return False
    return True


if __name__ == "__main__":
    raise SystemExit(main())
