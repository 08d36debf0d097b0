"""Quality scores, computed by the shared scorers (imported from
``<shared>/eval``, never copied): ``score_body.py`` for the AEB corpora and
``score_peers.py`` for the cases corpora.
"""

from __future__ import annotations

import importlib.util
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from .corpora import Corpus

# score_peers metric prefix -> the result field it needs
_METRIC_FIELD = {
    "title": "title",
    "sitename": "sitename",
    "author": "author",
    "date": "date",
    "lang": "lang",
    "body": "body",
    "comments": "comments",
}


@dataclass(slots=True)
class Scores:
    # metric name -> value (precision/recall/f1 for AEB; score_peers' metrics for cases)
    metrics: dict[str, float] = field(default_factory=dict)
    # metric name -> number of cases it was computed on
    counts: dict[str, int] = field(default_factory=dict)
    # page id -> one number in [0, 1] used to find the worst pages
    per_page: dict[str, float] = field(default_factory=dict)
    # page id -> every per-page figure
    details: dict[str, dict[str, Any]] = field(default_factory=dict)


class Scorers:
    def __init__(self, shared: Path) -> None:
        self.body = _load(shared / "eval" / "score_body.py", "score_body")
        self.peers = _load(shared / "eval" / "score_peers.py", "score_peers")

    def score(
        self, corpus: Corpus, results: dict[str, dict[str, Any] | None], fields: frozenset[str]
    ) -> Scores:
        """Score one extractor's results; metrics of fields it does not fill are left out."""
        if corpus.format == "aeb":
            return self._aeb(corpus, results)
        return self._cases(corpus, results, fields)

    def _aeb(self, corpus: Corpus, results: dict[str, dict[str, Any] | None]) -> Scores:
        out, counts = Scores(), []
        for page in corpus.pages:
            body = (results.get(page.id) or {}).get("body") or ""
            c = self.body.doc_counts(self.body.text_of(corpus.truth[page.id]), body)
            counts.append(c)
            p, r = self.body.doc_precision(*c), self.body.doc_recall(*c)
            f = 2 * p * r / (p + r) if p + r > 0 else 0.0
            out.per_page[page.id] = f
            out.details[page.id] = {"precision": p, "recall": r, "f1": f}
        agg = self.body.aggregate(counts)
        out.metrics = {k: agg[k] for k in ("precision", "recall", "f1")}
        out.counts = dict.fromkeys(out.metrics, agg["n"])
        return out

    def _cases(
        self, corpus: Corpus, results: dict[str, dict[str, Any] | None], fields: frozenset[str]
    ) -> Scores:
        out, case_scores = Scores(), []
        for page in corpus.pages:
            pred = dict(results.get(page.id) or {})
            if "lang" in fields:  # score_peers scores lang only when the key is there
                pred.setdefault("lang", None)
            scores = {
                metric: value
                for metric, value in self.peers.score_case(corpus.truth[page.id], pred).items()
                if _METRIC_FIELD.get(metric.split(".")[0], "") in fields
            }
            case_scores.append(scores)
            out.details[page.id] = {k: list(v) if isinstance(v, tuple) else v for k, v in scores.items()}
            out.per_page[page.id] = _page_score(scores)
        for metric, (value, n, _note) in self.peers.summarize(case_scores).items():
            out.metrics[metric] = value
            out.counts[metric] = n
        return out


def _page_score(scores: dict[str, Any]) -> float:
    """Body shingle F1 where the truth has a body; else the mean of the share
    of must_contain snippets found and of must_not_contain snippets avoided."""
    if "body.shingle_f1" in scores:
        return float(scores["body.shingle_f1"])
    parts = []
    if "body.must_contain_hit" in scores:
        hits, total = scores["body.must_contain_hit"]
        parts.append(hits / total if total else 1.0)
    if "body.must_not_contain_violation" in scores:
        hits, total = scores["body.must_not_contain_violation"]
        parts.append(1 - hits / total if total else 1.0)
    return sum(parts) / len(parts) if parts else 0.0


def _load(path: Path, name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"shared_eval_{name}", path)
    if spec is None or spec.loader is None:
        raise FileNotFoundError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
