"""Measure ``newsextract batch`` on a generated folder of pages (a script, not a test).

    python benchmarks/batch_bench.py                     # 10,000 pages, 1,000 for the memory comparison
    python benchmarks/batch_bench.py --files 2000 --small 500 --no-trafilatura

The folder is generated under /tmp (never in the repo): copies of the text dumps
of ``aeb-text-dev/innertext/*.txt`` and the gzipped pages of ``aeb-dev/html/*.html.gz``
from ``../shared/corpus``, alternating, 100 per subfolder.  Measured, each as a
fresh process, wall time:

- ``newsextract batch DIR -r -o OUT --workers 1`` and ``--workers 2``: files/s;
- the peak memory of the whole run, children included: the sum of the RSS of the
  process tree (the CLI, the fork server, the workers), sampled every 20 ms with
  psutil, and the largest single process.  RSS counts the pages shared by forked
  processes once per process, so the sum overstates the real use a little;
- the same on a ``--small`` subset, to see that memory does not grow with the
  number of files;
- the per-file overhead of batch against a plain loop in one process
  (read + ``newsextract.parse`` + render JSON + write), the batch start-up cost
  (one file) taken out;
- ``trafilatura --input-dir DIR --output-dir OUT`` on the same folder, when it is
  installed (``--parallel 1`` and ``2``; it extracts from HTML only, so the text
  dumps are mostly errors or empty for it, and its speed is not a like-for-like
  comparison of extraction work).

The HTML path and the text path differ in speed, so the text-only and HTML-only
halves are also timed with the in-process loop.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "corpus"
TEXT_PAGES = CORPUS / "aeb-text-dev" / "innertext"
HTML_PAGES = CORPUS / "aeb-dev" / "html"
PER_FOLDER = 100


@dataclass
class Run:
    name: str
    files: int
    seconds: float
    returncode: int
    peak_tree_rss_mb: float
    peak_process_rss_mb: float
    max_processes: int

    @property
    def files_per_s(self) -> float:
        return self.files / self.seconds if self.seconds else 0.0


def generate(folder: Path, n: int) -> list[Path]:
    """``n`` pages in ``folder``: text dumps and gzipped HTML, alternating."""
    texts = sorted(TEXT_PAGES.glob("*.txt"))
    htmls = sorted(HTML_PAGES.glob("*.html.gz"))
    if not texts or not htmls:
        sys.exit(f"batch_bench: the corpora are missing under {CORPUS}")
    made: list[Path] = []
    for i in range(n):
        source = texts[(i // 2) % len(texts)] if i % 2 == 0 else htmls[(i // 2) % len(htmls)]
        suffix = ".txt" if i % 2 == 0 else ".html.gz"
        target = folder / f"d{i // PER_FOLDER:04}" / f"p{i:06}{suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
        made.append(target)
    return made


def measure(name: str, argv: list[str], files: int, cwd: Path) -> Run:
    """Run ``argv``; wall time and the peak RSS of its whole process tree."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_tree = peak_one = 0
    max_procs = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree, peak_one, max_procs
        try:
            top = psutil.Process(proc.pid)
        except psutil.Error:
            return
        while not done.is_set():
            try:
                tree = [top, *top.children(recursive=True)]
            except psutil.Error:
                break
            rss = []
            for p in tree:
                with contextlib.suppress(psutil.Error):
                    rss.append(p.memory_info().rss)
            if rss:
                peak_tree = max(peak_tree, sum(rss))
                peak_one = max(peak_one, max(rss))
                max_procs = max(max_procs, len(rss))
            done.wait(0.02)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, err = proc.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if proc.returncode not in (0, 4, 6):
        sys.stderr.write(f"batch_bench: {name} exited {proc.returncode}: {err.decode()[-500:]}\n")
    return Run(name, files, seconds, proc.returncode, peak_tree / 2**20, peak_one / 2**20, max_procs)


def loop_in_process(paths: list[Path], out: Path) -> float:
    """read + parse + render JSON + write, one file after the other, in this process."""
    import newsextract
    from newsextract.render import render_json

    out.mkdir(parents=True, exist_ok=True)
    newsextract.parse_file(paths[0])  # warm-up: imports and lexicon
    start = time.perf_counter()
    for i, path in enumerate(paths):
        try:
            doc = newsextract.parse_file(path)
        except newsextract.InputError:
            continue
        (out / f"{i}.json").write_text(render_json(doc), encoding="utf-8")
    return time.perf_counter() - start


def newsextract_cmd(src: Path, out: Path, workers: int) -> list[str]:
    return [
        sys.executable,
        "-m",
        "newsextract",
        "batch",
        str(src),
        "-r",
        "-o",
        str(out),
        "-w",
        str(workers),
        "-q",
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=10_000, help="pages in the big folder (default 10,000)")
    parser.add_argument("--small", type=int, default=1_000, help="pages in the small folder (default 1,000)")
    parser.add_argument("--no-trafilatura", action="store_true", help="skip the trafilatura runs")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--keep", action="store_true", help="keep the generated folder")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp(prefix="newsextract-batch-bench-"))
    try:
        big, small = work / "big", work / "small"
        t0 = time.perf_counter()
        paths = generate(big, args.files)
        small_paths = generate(small, args.small)
        print(
            f"generated {args.files} + {args.small} pages in {work} ({time.perf_counter() - t0:.1f} s)",
            file=sys.stderr,
        )

        runs: list[Run] = []
        one = work / "one"
        one.mkdir()
        shutil.copyfile(paths[0], one / paths[0].name)
        runs.append(
            measure("newsextract batch, 1 file (start-up)", newsextract_cmd(one, work / "o1", 1), 1, work)
        )
        for workers in (1, 2):
            runs.append(
                measure(
                    f"newsextract batch --workers {workers}",
                    newsextract_cmd(big, work / f"out-w{workers}", workers),
                    len(paths),
                    work,
                )
            )
            print(f"  {runs[-1].name}: {runs[-1].files_per_s:.0f} files/s", file=sys.stderr)
        runs.append(
            measure(
                f"newsextract batch --workers 2 ({args.small} files)",
                newsextract_cmd(small, work / "out-small", 2),
                len(small_paths),
                work,
            )
        )
        if not args.no_trafilatura and shutil.which("trafilatura", path=str(Path(sys.executable).parent)):
            tool = str(Path(sys.executable).parent / "trafilatura")
            for parallel in (1, 2):
                argv = [tool, "--input-dir", str(big), "--output-dir", str(work / f"traf-{parallel}"),
                        "--parallel", str(parallel)]  # fmt: skip
                runs.append(measure(f"trafilatura --input-dir --parallel {parallel}", argv, len(paths), work))
                print(f"  {runs[-1].name}: {runs[-1].files_per_s:.0f} files/s", file=sys.stderr)

        loop_all = loop_in_process(paths, work / "loop")
        loop_text = loop_in_process([p for p in paths if p.suffix == ".txt"], work / "loop-text")
        loop_html = loop_in_process([p for p in paths if p.suffix == ".gz"], work / "loop-html")
        n_text = sum(1 for p in paths if p.suffix == ".txt")
        n_html = len(paths) - n_text

        startup = runs[0].seconds
        w1 = runs[1]
        overhead_ms = ((w1.seconds - startup) / len(paths) - loop_all / len(paths)) * 1000
        converted = len(list((work / "out-w1").rglob("*.json")))
        errors = (work / "out-w1" / "errors.jsonl").read_text().count("\n")

        print(
            f"\n## newsextract batch on {len(paths):,} pages ({n_text:,} text dumps, {n_html:,} gzipped HTML)\n"
        )
        print(f"Machine: {os.cpu_count()} CPUs, Python {sys.version.split()[0]}. "
              f"Outputs of --workers 1: {converted:,} files, {errors} failures.\n")  # fmt: skip
        print(
            "| run | files | wall s | files/s | peak RSS, process tree (MB) | peak RSS, largest process (MB) |"
        )
        print("|---|---:|---:|---:|---:|---:|")
        for run in runs:
            print(
                f"| {run.name} | {run.files:,} | {run.seconds:.2f} | {run.files_per_s:.0f} | "
                f"{run.peak_tree_rss_mb:.0f} | {run.peak_process_rss_mb:.0f} |"
            )
        print(f"\nIn-process loop (read + parse + render JSON + write), one process: "
              f"{loop_all:.2f} s = {loop_all / len(paths) * 1000:.2f} ms/file "
              f"({len(paths) / loop_all:.0f} files/s); text dumps {loop_text / n_text * 1000:.2f} ms/file, "
              f"gzipped HTML {loop_html / n_html * 1000:.2f} ms/file.")  # fmt: skip
        print(f"Batch start-up (one file, whole process): {startup:.2f} s. "
              f"Per-file overhead of batch --workers 1 over the loop: {overhead_ms:+.2f} ms/file "
              f"({overhead_ms / (loop_all / len(paths) * 1000) * 100:+.0f} %).")  # fmt: skip
        if args.json:
            figures = {
                "files": len(paths),
                "runs": [asdict(r) | {"files_per_s": r.files_per_s} for r in runs],
                "loop_seconds": loop_all,
                "loop_text_ms": loop_text / n_text * 1000,
                "loop_html_ms": loop_html / n_html * 1000,
                "overhead_ms_per_file": overhead_ms,
            }
            args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    finally:
        if args.keep:
            print(f"kept {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
