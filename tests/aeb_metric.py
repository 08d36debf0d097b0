"""The article-extraction-benchmark metric, for the accuracy floors in CI.

``\\w+`` tokens, 4-token shingles, per-document precision and recall averaged
over documents, F1 of the averages (the scorer in ../shared/eval is the
reference; this is the project's own few lines so tests need no copy of it).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

TOKEN = re.compile(r"\w+")


def shingles(text: str) -> Counter[tuple[str, ...]]:
    toks = TOKEN.findall(text)
    if len(toks) < 4:
        return Counter([tuple(toks)]) if toks else Counter()
    return Counter(tuple(toks[i : i + 4]) for i in range(len(toks) - 3))


def precision_recall(pred: str, true: str) -> tuple[float | None, float | None]:
    p, t = shingles(pred), shingles(true)
    tp = sum((p & t).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    if fp == 0 and fn == 0 and tp:
        return 1.0, 1.0
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


def corpus_f1(pairs: Iterable[tuple[str, str]]) -> tuple[float, float, float]:
    """(precision, recall, F1) over (predicted, true) body pairs."""
    precisions: list[float] = []
    recalls: list[float] = []
    for pred, true in pairs:
        p, r = precision_recall(pred, true)
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
    precision = sum(precisions) / len(precisions) if precisions else 0.0
    recall = sum(recalls) / len(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1
