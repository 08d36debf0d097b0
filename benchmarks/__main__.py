"""``python -m benchmarks run``: newsextract and its peers on the same pages.

    python -m benchmarks run --corpus all
    python -m benchmarks run --corpus aeb-text-dev --extractor newsextract --extractor justext --limit 10

Prints a Markdown report on stdout (progress goes to stderr) and writes every
figure to a JSON file.  See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import sys
from pathlib import Path
from typing import Any

from . import clibench, corpora, report, runner
from .extractors import EXTRACTORS, version
from .scoring import Scorers

REPO_ROOT = runner.REPO_ROOT
DEFAULT_JSON = REPO_ROOT / "benchmarks" / "results" / "latest.json"


def _parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="command", required=True)
    run = sub.add_parser("run", help="run the extractors on corpora and report")
    run.add_argument(
        "--corpus",
        action="append",
        metavar="NAME",
        help="corpus under <shared>/corpus (aeb-dev, aeb-text-dev, aeb-text-dev/w3m, readability, "
        "defuddle, trafilatura-dev), 'all', or a folder in one of their formats; repeatable "
        "(default: all)",
    )
    run.add_argument(
        "--extractor",
        action="append",
        metavar="NAME",
        help=f"repeatable; default: every installed one of {', '.join(EXTRACTORS)}",
    )
    run.add_argument(
        "--repeat", type=int, default=1, metavar="N", help="timing passes over the pages (default 1)"
    )
    run.add_argument(
        "--limit", type=int, default=None, metavar="N", help="only the first N pages of each corpus"
    )
    run.add_argument(
        "--json",
        type=Path,
        default=DEFAULT_JSON,
        metavar="PATH",
        help="where to write every figure (default: benchmarks/results/latest.json)",
    )
    run.add_argument("--markdown", type=Path, default=None, metavar="PATH", help="also write the report here")
    run.add_argument(
        "--worst",
        type=int,
        default=0,
        metavar="N",
        help="list the N pages per corpus where newsextract trails the best peer most",
    )
    run.add_argument("--cli", action="store_true", help="also measure the command-line tools end to end")
    run.add_argument("--cli-only", action="store_true", help="only the command-line measurements")
    run.add_argument(
        "--cli-runs", type=int, default=10, metavar="N", help="runs per CLI command (default 10)"
    )
    run.add_argument(
        "--cli-batch-cmd",
        default=clibench.DEFAULT_BATCH_CMD,
        metavar="TEMPLATE",
        help="newsextract batch command; {files}, {dir} and {out} are filled in "
        f"(default: {clibench.DEFAULT_BATCH_CMD!r})",
    )
    run.add_argument("--timeout", type=float, default=60.0, metavar="S", help="seconds per page (default 60)")
    run.add_argument(
        "--shared",
        type=Path,
        default=REPO_ROOT.parent / "shared",
        metavar="PATH",
        help="the shared folder with corpus/ and eval/ (default: ../shared from the repo root)",
    )
    return ap


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def _git_state() -> str:
    """The commit the run measured, and whether newsextract/ had uncommitted changes."""
    import subprocess

    def git(*words: str) -> str:
        proc = subprocess.run(["git", *words], cwd=REPO_ROOT, capture_output=True, text=True)
        return proc.stdout.strip() if proc.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "newsextract")
    return f"{commit} (+ uncommitted changes in newsextract/)" if dirty else commit


def _load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def _select(requested: list[str] | None, skipped: dict[str, str]) -> list[str]:
    """The requested extractors that are installed; the others go to ``skipped``."""
    names = requested or list(EXTRACTORS)
    chosen = []
    for name in dict.fromkeys(names):
        if EXTRACTORS[name].installed():
            chosen.append(name)
        else:
            skipped[name] = f"{EXTRACTORS[name].dist} is not installed (pip install -e '.[bench]')"
            print(f"note: skipping {name}: {skipped[name]}", file=sys.stderr)
    return chosen


def run(args: argparse.Namespace) -> int:
    shared: Path = args.shared.resolve()
    if not (shared / "corpus").is_dir() or not (shared / "eval" / "score_body.py").is_file():
        print(
            f"error: no shared folder at {shared} (it needs corpus/ and eval/score_body.py); "
            "pass --shared PATH",
            file=sys.stderr,
        )
        return 2
    try:
        loaded = [
            c.limited(args.limit)
            for spec in (args.corpus or ["all"])
            for c in corpora.load(spec, shared / "corpus")
        ]
    except corpora.CorpusError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    loaded = list({c.name: c for c in loaded}.values())
    unknown = [n for n in args.extractor or [] if n not in EXTRACTORS]
    if unknown:
        print(f"error: unknown extractor {unknown[0]!r} (known: {', '.join(EXTRACTORS)})", file=sys.stderr)
        return 2
    skipped: dict[str, str] = {}
    names = [] if args.cli_only else _select(args.extractor, skipped)
    scorers = Scorers(shared)
    log_dir = args.json.parent / "logs"
    log_dir.mkdir(parents=True, exist_ok=True)

    meta: dict[str, Any] = {
        "command": "python -m benchmarks " + shlex.join(sys.argv[1:]),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": {"uname": " ".join(platform.uname()), "cpu": _cpu_model(), "cores": os.cpu_count()},
        "python": platform.python_version(),
        "git": _git_state(),
        "shared": str(shared),
        "repeat": args.repeat,
        "limit": args.limit,
        "timeout_s": args.timeout,
        "versions": {n: version(EXTRACTORS[n]) for n in names},
        "load_start": _load(),
    }
    figures, worst, hopeless = {}, {}, {}
    for corpus in loaded if names else []:
        print(
            f"{corpus.name}: {len(corpus.pages)} pages, {len(names)} extractors", file=sys.stderr, flush=True
        )
        runs = runner.run_corpus(
            corpus, names, repeat=args.repeat, timeout=args.timeout, log_dir=log_dir, notes=skipped
        )
        entries = {
            n: report.Entry(r, scorers.score(corpus, r.results, EXTRACTORS[n].fields))
            for n, r in runs.items()
        }
        figures[corpus.name] = report.corpus_figures(corpus, entries)
        worst[corpus.name] = report.worst_pages(corpus, entries, args.worst)
        hopeless[corpus.name] = report.hopeless_pages(corpus, entries)
    meta["load_end"] = _load()
    data: dict[str, Any] = {
        "meta": meta,
        "skipped": skipped,
        "corpora": figures,
        "worst": worst,
        "hopeless": hopeless,
    }
    if args.cli or args.cli_only:
        data["cli"] = clibench.run_cli(
            loaded, runs=args.cli_runs, batch_cmd=args.cli_batch_cmd, cwd=REPO_ROOT
        )
        meta["load_end"] = _load()

    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    text = report.markdown(data)
    if args.markdown:
        args.markdown.write_text(text + "\n", encoding="utf-8")
    print(text)
    print(f"wrote {args.json}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "run":
        return run(args)
    return 2


if __name__ == "__main__":
    sys.exit(main())
