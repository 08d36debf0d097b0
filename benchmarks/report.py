"""Turn runs and scores into figures: a JSON file with every number and a
Markdown report (tables per corpus, the worst pages for newsextract, the CLI
costs).

Speed is computed over the pages an extractor handled without error.  With
``--repeat N`` each figure is computed per pass; the table shows the best pass
(lowest median and p95, highest pages/s) and the JSON keeps the best, the
median over passes and every pass.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass
from typing import Any

from .corpora import Corpus
from .extractors import BASELINE, TEXT_BASELINE
from .runner import Run
from .scoring import Scores

SUBJECT = "newsextract"
NO_PAGE_SCORE = 0.2  # a page where no extractor scores above this is listed as "every extractor fails"


@dataclass(slots=True)
class Entry:
    run: Run
    scores: Scores


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(0.95 * len(ordered)) - 1)]


def speed(run: Run) -> dict[str, Any]:
    passes: list[dict[str, float]] = []
    for times in run.times:
        ms = list(times.values())
        if ms:
            total_s = max(sum(ms) / 1000, 1e-9)
            passes.append(
                {
                    "median_ms": statistics.median(ms),
                    "p95_ms": _p95(ms),
                    "pages_per_s": len(ms) / total_s,
                    "pages": len(ms),
                }
            )
    if not passes:
        return {}

    def over(key: str, best: Any) -> dict[str, Any]:
        values = [p[key] for p in passes]
        return {"best": best(values), "median": statistics.median(values), "per_pass": values}

    return {
        "median_ms": over("median_ms", min),
        "p95_ms": over("p95_ms", min),
        "pages_per_s": over("pages_per_s", max),
        "pages": passes[0]["pages"],
    }


def corpus_figures(corpus: Corpus, entries: dict[str, Entry]) -> dict[str, Any]:
    """Every figure for one corpus, as JSON-ready data."""
    speeds = {name: speed(e.run) for name, e in entries.items()}

    def ratio(name: str, base: str) -> float | None:
        mine, theirs = speeds.get(name, {}), speeds.get(base, {})
        if not mine or not theirs or not theirs["median_ms"]["best"]:
            return None
        return float(mine["median_ms"]["best"] / theirs["median_ms"]["best"])

    out: dict[str, Any] = {
        "format": corpus.format,
        "kind": corpus.kind,
        "pages": len(corpus.pages),
        "extractors": {},
    }
    for name, e in entries.items():
        run = e.run
        out["extractors"][name] = {
            "version": run.version,
            "quality": e.scores.metrics,
            "quality_cases": e.scores.counts,
            "errors": len(run.errors),
            "error_pages": run.errors,
            "speed": speeds[name],
            "ratio_to_" + BASELINE: ratio(name, BASELINE),
            "ratio_to_" + TEXT_BASELINE: ratio(name, TEXT_BASELINE) if corpus.kind == "text" else None,
            "import_ms": run.import_ms,
            "first_page_ms": run.first_ms,
            "peak_rss_mb": run.peak_rss_kb / 1024 if run.peak_rss_kb else None,
            "worker_restarts": run.restarts,
            "per_page": {
                page.id: {
                    "score": e.scores.per_page.get(page.id),
                    "scores": e.scores.details.get(page.id),
                    "ms": [t.get(page.id) for t in run.times],
                    "error": run.errors.get(page.id),
                }
                for page in corpus.pages
            },
        }
    return out


def worst_pages(corpus: Corpus, entries: dict[str, Entry], n: int) -> list[dict[str, Any]]:
    """Pages where newsextract trails the best peer most (per-page score)."""
    if SUBJECT not in entries or not n:
        return []
    rows: list[dict[str, Any]] = []
    for page in corpus.pages:
        mine = entries[SUBJECT].scores.per_page.get(page.id, 0.0)
        peers = [
            (e.scores.per_page.get(page.id, 0.0), name) for name, e in entries.items() if name != SUBJECT
        ]
        if not peers:
            continue
        best, who = max(peers)
        if best > mine:
            rows.append(
                {
                    "id": page.id,
                    "url": page.url,
                    SUBJECT: mine,
                    "best_peer": who,
                    "best_score": best,
                    "gap": best - mine,
                    "error": entries[SUBJECT].run.errors.get(page.id),
                }
            )
    rows.sort(key=lambda r: (-r["gap"], r["id"]))
    return rows[:n]


def hopeless_pages(corpus: Corpus, entries: dict[str, Entry]) -> list[dict[str, Any]]:
    """Pages where no extractor scores above NO_PAGE_SCORE."""
    rows = []
    for page in corpus.pages:
        scores = {name: e.scores.per_page.get(page.id, 0.0) for name, e in entries.items()}
        if scores and max(scores.values()) <= NO_PAGE_SCORE:
            rows.append({"id": page.id, "url": page.url, "best": max(scores.values()), "scores": scores})
    return rows


# ---------------------------------------------------------------- Markdown


def _f(value: float | None, digits: int = 3) -> str:
    return "–" if value is None else f"{value:.{digits}f}"


def _ratio(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f}×"


def _cold(fig: dict[str, Any]) -> float | None:
    if fig["import_ms"] is None or fig["first_page_ms"] is None:
        return None
    return float(fig["import_ms"] + fig["first_page_ms"])


def _table(header: list[str], rows: list[list[str]], align: str = "") -> list[str]:
    """A Markdown table; ``align`` has one letter per column, ``l`` or ``r``
    (default: the first column left, the others right)."""
    align = align or "l" + "r" * (len(header) - 1)
    rule = ["---:" if a == "r" else "---" for a in align]
    return ["| " + " | ".join(header) + " |", "| " + " | ".join(rule) + " |"] + [
        "| " + " | ".join(r) + " |" for r in rows
    ]


def _summary_cell(fig: dict[str, Any], corpus: dict[str, Any]) -> str:
    q = fig["quality"]
    if corpus["format"] == "aeb":
        return _f(q.get("f1"))
    if "body.shingle_f1" in q:
        return _f(q.get("body.shingle_f1"))
    if "body.must_contain_hit" in q:
        return f"{_f(q.get('body.must_contain_hit'), 2)} / {_f(q.get('body.must_not_contain_violation'), 2)}"
    return "–"


def summary_table(figures: dict[str, dict[str, Any]], names: list[str]) -> list[str]:
    header = ["extractor", *figures]
    rows = []
    for name in names:
        row = [name]
        for corpus in figures.values():
            fig = corpus["extractors"].get(name)
            row.append(_summary_cell(fig, corpus) if fig else "–")
        rows.append(row)
    return _table(header, rows)


def corpus_tables(name: str, corpus: dict[str, Any]) -> list[str]:
    kind = "text dumps" if corpus["kind"] == "text" else "HTML pages"
    metric = "AEB metric (score_body.py)" if corpus["format"] == "aeb" else "score_peers.py"
    lines = [f"### {name}: {corpus['pages']} {kind}, {metric}", ""]
    text = corpus["kind"] == "text"
    has_body = corpus["format"] == "aeb" or any(
        "body.shingle_f1" in f["quality"] for f in corpus["extractors"].values()
    )
    header = ["extractor"]
    if has_body:
        header += ["P", "R", "F1"]
    header += ["errors", "median ms", "p95 ms", "pages/s", "peak RSS MB", "cold ms", f"÷ {BASELINE}"]
    if text:
        header.append(f"÷ {TEXT_BASELINE}")
    rows = []
    for ext, f in corpus["extractors"].items():
        q, s = f["quality"], f["speed"]
        row = [ext]
        if has_body:
            keys = (
                ("precision", "recall", "f1")
                if corpus["format"] == "aeb"
                else ("body.shingle_p", "body.shingle_r", "body.shingle_f1")
            )
            row += [_f(q.get(k)) for k in keys]
        row += [
            str(f["errors"]),
            _f(s["median_ms"]["best"], 1) if s else "–",
            _f(s["p95_ms"]["best"], 1) if s else "–",
            _f(s["pages_per_s"]["best"], 1) if s else "–",
            _f(f["peak_rss_mb"], 0),
            _f(_cold(f), 0),
            _ratio(f["ratio_to_" + BASELINE]),
        ]
        if text:
            row.append(_ratio(f["ratio_to_" + TEXT_BASELINE]))
        rows.append(row)
    lines += _table(header, rows)
    if corpus["format"] == "cases":
        lines += ["", *_metadata_table(corpus)]
    return lines


_META_COLUMNS = (
    ("title.exact", "title exact"),
    ("title.token_f1", "title F1"),
    ("author.token_f1", "author F1"),
    ("date.day_match", "date"),
    ("sitename.exact", "site exact"),
    ("lang.match", "lang"),
    ("body.must_contain_hit", "must_contain ↑"),
    ("body.must_not_contain_violation", "must_not_contain ↓"),
    ("comments.must_contain_hit", "comments ↑"),
)


def _metadata_table(corpus: dict[str, Any]) -> list[str]:
    present = [
        (key, label)
        for key, label in _META_COLUMNS
        if any(key in f["quality"] for f in corpus["extractors"].values())
    ]
    if not present:
        return []
    rows = [[ext] + [_f(f["quality"].get(k)) for k, _ in present] for ext, f in corpus["extractors"].items()]
    return _table(["extractor", *[label for _, label in present]], rows)


def worst_table(name: str, rows: list[dict[str, Any]]) -> list[str]:
    if not rows:
        return []
    body = [
        [
            f"`{r['id'][:40]}`",
            _f(r[SUBJECT]),
            _f(r["best_score"]),
            r["best_peer"],
            _f(r["gap"]),
            (r["error"] or "")[:60].replace("|", "/"),
        ]
        for r in rows
    ]
    header = ["page", SUBJECT, "best peer score", "best peer", "gap", "newsextract error"]
    return [f"#### {name}", "", *_table(header, body, "lrrlrl"), ""]


def cli_tables(cli: dict[str, Any]) -> list[str]:
    lines = ["### Command line, end to end", ""]
    rows = [
        [r["label"], f"`{r['command']}`", _f(r["median_ms"], 0), _f(r["min_ms"], 0), str(r["exit"])]
        for r in cli.get("single", [])
    ]
    lines += _table(["what", "command", "median ms", "min ms", "exit"], rows, "llrrr")
    small = [
        f"{k.replace('_', ' ')}: `{v['id'][:24]}` ({v['bytes']:,} bytes)"
        for k in ("small_text", "small_html")
        if (v := cli.get(k))
    ]
    if small:
        lines += ["", "Small pages: " + "; ".join(small) + "."]
    if cli.get("batch"):
        rows = [
            [
                r["label"]
                + (f" ({r['failed_pages']} pages exited non-zero)" if r.get("failed_pages") else "")
                + (f" ({r['files_written']} files written)" if "files_written" in r else ""),
                f"`{r['command']}`",
                _f(r["wall_ms"] / 1000, 1),
                _f(r["pages_per_s"], 1),
                str(r["exit"]),
            ]
            for r in cli["batch"]
        ]
        lines += ["", *_table(["batch", "command", "wall s", "pages/s", "exit"], rows, "llrrr")]
    failed = [r for r in cli.get("single", []) + cli.get("batch", []) if r["exit"]]  # 4: some had no article
    if failed:
        lines.append("")
    for r in failed:
        lines.append(f"- {r['label']} exited {r['exit']} (last one): {r['stderr'][-200:]!r}")
    return lines


def markdown(data: dict[str, Any]) -> str:
    meta, figures = data["meta"], data["corpora"]
    names = list(dict.fromkeys(n for c in figures.values() for n in c["extractors"]))
    lines = [
        f"Command: `{meta['command']}` (repo at {meta['git']})",
        f"Machine: {meta['machine']['cpu']} ({meta['machine']['cores']} cores), Python {meta['python']}, "
        f"load average {meta['load_start']} at start, {meta['load_end']} at end; {meta['date']}.",
        "",
    ]
    if figures:
        lines += [
            "### Summary: body quality",
            "",
            "F1 (AEB metric on aeb-*, 4-token shingles of score_peers on readability and defuddle); "
            "trafilatura-dev: share of must_contain snippets found / of must_not_contain snippets wrongly kept.",
            "",
            *summary_table(figures, names),
            "",
        ]
    for name, corpus in figures.items():
        lines += [*corpus_tables(name, corpus), ""]
    if data.get("skipped"):
        lines += ["Skipped: " + "; ".join(f"{k} ({v})" for k, v in data["skipped"].items()) + ".", ""]
    worst = [line for name, rows in data.get("worst", {}).items() for line in worst_table(name, rows)]
    if worst:
        lines += ["### Where newsextract loses most against the best peer", "", *worst]
    hopeless = {k: v for k, v in data.get("hopeless", {}).items() if v}
    if hopeless:
        lines += [f"### Pages where no extractor scores above {NO_PAGE_SCORE}", ""]
        lines += [
            f"- {name}: " + ", ".join(f"`{r['id'][:40]}`" for r in rows) for name, rows in hopeless.items()
        ]
        lines.append("")
    if data.get("cli"):
        lines += [*cli_tables(data["cli"]), ""]
    return "\n".join(lines)
