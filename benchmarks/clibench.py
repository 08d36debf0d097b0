"""End-to-end cost of the command-line tools: interpreter start, import, one
small page ("pipe one page" use), and a batch of 1,000 pages.

Every command is run once to warm the disk cache, then ``runs`` times; the
wall time of the whole process is measured.  The batch is run once per tool.
The newsextract batch command is a template (the word ``{files}`` is replaced
by the page paths, ``{dir}`` by their folder, ``{out}`` by an empty output
folder); when the CLI refuses many files (usage error), the batch is run as one
process per page instead, which is what a user without a batch mode would do.
"""

from __future__ import annotations

import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from .corpora import Corpus, read_page

DEFAULT_BATCH_CMD = "newsextract batch {dir} -o {out} --format json --workers 1"
TRAFILATURA_BATCH_CMD = "trafilatura --input-dir {dir} --output-dir {out} --json --with-metadata --parallel 1"
BATCH_SIZE = 1000
USAGE_ERROR = 2  # argparse / Click exit code for bad arguments
COMPLETED = frozenset(
    {0, 4}
)  # exit codes of a batch that went through (newsextract: 4 = some had no article)


def _tool(name: str) -> str:
    """The console script next to this interpreter, else on PATH."""
    local = Path(sys.executable).parent / name
    return str(local) if local.exists() else (shutil.which(name) or name)


def _once(argv: list[str], stdin: Path | None, cwd: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    with open(stdin or "/dev/null", "rb") as inp:
        proc = subprocess.run(argv, stdin=inp, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd)
    ms = (time.perf_counter() - start) * 1000
    return ms, proc.returncode, proc.stderr.decode("utf-8", "replace").strip()[-300:]


def _shown(argv: list[str], stdin: Path | None) -> str:
    """The command as a reader would type it: tool names, not paths; file names, not temp paths."""
    words = [Path(argv[0]).name, *(Path(a).name if a.startswith("/") else a for a in argv[1:])]
    return shlex.join(words) + (f" < {stdin.name}" if stdin else "")


def _measure(label: str, argv: list[str], runs: int, cwd: Path, stdin: Path | None = None) -> dict[str, Any]:
    _once(argv, stdin, cwd)  # warm-up
    times, code, err = [], 0, ""
    for _ in range(runs):
        ms, code, err = _once(argv, stdin, cwd)
        times.append(ms)
    shown = _shown(argv, stdin)
    print(f"  cli: {label}: {statistics.median(times):.0f} ms (exit {code})", file=sys.stderr, flush=True)
    return {
        "label": label,
        "command": shown,
        "runs": runs,
        "exit": code,
        "median_ms": statistics.median(times),
        "min_ms": min(times),
        "times_ms": times,
        "stderr": err if code else "",
    }


def _batch(
    label: str, template: str, files: list[Path], folder: Path, pages: int, cwd: Path
) -> dict[str, Any]:
    out = Path(tempfile.mkdtemp(prefix="out-", dir=folder.parent))
    argv: list[str] = []
    for word in shlex.split(template):
        if word == "{files}":
            argv += [str(f) for f in files]
        else:
            argv.append(word.replace("{dir}", str(folder)).replace("{out}", str(out)))
    argv[0] = _tool(argv[0]) if "/" not in argv[0] else argv[0]
    ms, code, err = _once(argv, None, cwd)
    print(f"  cli: {label}: {ms / 1000:.1f} s (exit {code})", file=sys.stderr, flush=True)
    if code == USAGE_ERROR and "{files}" in template:
        return _per_process(label, template, files, cwd, err)
    return {
        "label": label,
        "command": template,
        "pages": pages,
        "exit": code,
        "wall_ms": ms,
        "pages_per_s": pages / (ms / 1000) if ms and code in COMPLETED else None,
        "files_written": sum(1 for f in out.rglob("*") if f.is_file()),
        "stderr": err if code else "",
    }


def _per_process(label: str, template: str, files: list[Path], cwd: Path, why: str) -> dict[str, Any]:
    """The batch as one process per page, for a CLI that takes one file at a time."""
    label = f"{label}, one process per page"
    words = shlex.split(template)
    failed, code, err = 0, 0, ""
    start = time.perf_counter()
    for path in files:
        argv = [str(path) if w == "{files}" else w for w in words]
        argv[0] = _tool(argv[0]) if "/" not in argv[0] else argv[0]
        proc = subprocess.run(
            argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd
        )
        if proc.returncode:
            failed, code = failed + 1, proc.returncode
            err = proc.stderr.decode("utf-8", "replace").strip()[-300:]
    ms = (time.perf_counter() - start) * 1000
    print(f"  cli: {label}: {ms / 1000:.1f} s ({failed} pages exited non-zero)", file=sys.stderr, flush=True)
    return {
        "label": label,
        "command": template.replace("{files}", "FILE") + "  (once per page)",
        "pages": len(files),
        "exit": code,
        "failed_pages": failed,  # exited non-zero (newsextract: 4 = no article found)
        "wall_ms": ms,
        "pages_per_s": len(files) / (ms / 1000) if ms and failed < len(files) else None,
        "why": "the batch command was refused (usage error): " + why[-200:],
        "stderr": err,
    }


def _materialize(corpora: list[Corpus], kind: str, folder: Path, suffix: str) -> list[Path]:
    """BATCH_SIZE pages of ``kind`` from ``corpora``, cycled, written under ``folder``."""
    pool = [p for c in corpora if c.kind == kind for p in c.pages]
    folder.mkdir(parents=True)
    files = []
    for i in range(BATCH_SIZE if pool else 0):
        page = pool[i % len(pool)]
        path = folder / f"{i:04d}_{Path(page.id).name[:40]}{suffix}"
        path.write_bytes(read_page(page.path))
        files.append(path)
    return files


def run_cli(corpora: list[Corpus], *, runs: int, batch_cmd: str, cwd: Path) -> dict[str, Any]:
    text_pages = [p for c in corpora if c.kind == "text" for p in c.pages]
    html_pages = {p.id: p for c in corpora if c.kind == "html" and c.format == "aeb" for p in c.pages}
    html_pages = html_pages or {p.id: p for c in corpora if c.kind == "html" for p in c.pages}
    out: dict[str, Any] = {"single": [], "batch": []}
    py = sys.executable
    ne, tr = _tool("newsextract"), _tool("trafilatura")
    with tempfile.TemporaryDirectory(prefix="newsextract-bench-") as tmp:
        root = Path(tmp)
        single = out["single"]
        single.append(_measure("python -c pass", [py, "-c", "pass"], runs, cwd))
        # -P: not the source tree of the current folder, the installed package (see benchmarks/__init__.py)
        single.append(_measure("import newsextract", [py, "-P", "-c", "import newsextract"], runs, cwd))
        single.append(_measure("import trafilatura", [py, "-c", "import trafilatura"], runs, cwd))
        if text_pages:
            small = min(text_pages, key=lambda p: p.path.stat().st_size)
            txt = root / f"small{small.path.suffix}"
            txt.write_bytes(read_page(small.path))
            out["small_text"] = {"id": small.id, "bytes": txt.stat().st_size}
            single.append(
                _measure(
                    "newsextract parse (small text dump)",
                    [ne, "parse", str(txt), "--format", "json"],
                    runs,
                    cwd,
                )
            )
        if html_pages:
            small_html = min(html_pages.values(), key=lambda p: len(read_page(p.path)))
            page = root / "small.html"
            page.write_bytes(read_page(small_html.path))
            out["small_html"] = {"id": small_html.id, "bytes": page.stat().st_size}
            single.append(
                _measure(
                    "newsextract parse (small HTML)", [ne, "parse", str(page), "--format", "json"], runs, cwd
                )
            )
            single.append(
                _measure(
                    "trafilatura (small HTML, stdin)",
                    [tr, "--json", "--with-metadata"],
                    runs,
                    cwd,
                    stdin=page,
                )
            )
        if text_pages:
            files = _materialize(corpora, "text", root / "batch-text", ".txt")
            out["batch"].append(
                _batch(
                    "newsextract, 1,000 text dumps", batch_cmd, files, root / "batch-text", len(files), cwd
                )
            )
        if html_pages:
            files = _materialize(corpora, "html", root / "batch-html", ".html")
            out["batch"].append(
                _batch(
                    "newsextract, 1,000 HTML pages", batch_cmd, files, root / "batch-html", len(files), cwd
                )
            )
            out["batch"].append(
                _batch(
                    "trafilatura, 1,000 HTML pages",
                    TRAFILATURA_BATCH_CMD,
                    files,
                    root / "batch-html",
                    len(files),
                    cwd,
                )
            )
    return out
