"""Body extraction on the aeb-dev corpus must not get worse than a floor.

The metric is the article-extraction-benchmark's, computed here in a few lines
(``\\w+`` tokens, 4-token shingles, per-document precision and recall averaged
over documents, F1 of the averages).  Skipped when ``shared/`` is absent.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from newsextract.html import parse_html
from newsextract.model import Source

SHARED = Path(__file__).resolve().parents[2] / "shared"
AEB = SHARED / "corpus" / "aeb-dev"
#: Measured 0.968 on the 113 dev pages; the floor leaves a little room only.
F1_FLOOR = 0.955
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
    precision = tp / (tp + fp) if tp + fp else None
    recall = tp / (tp + fn) if tp + fn else None
    return precision, recall


@pytest.mark.skipif(not AEB.is_dir(), reason="shared corpus not available")
def test_aeb_dev_body_f1_floor() -> None:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    precisions: list[float] = []
    recalls: list[float] = []
    for doc_id, item in truth.items():
        path = AEB / "html" / f"{doc_id}.html.gz"
        html = gzip.decompress(path.read_bytes()).decode("utf-8")
        pred = parse_html(html, url=None, source=Source(kind="html")).article.text
        p, r = precision_recall(pred, item["articleBody"])
        if p is not None:
            precisions.append(p)
        if r is not None:
            recalls.append(r)
    precision = sum(precisions) / len(precisions)
    recall = sum(recalls) / len(recalls)
    f1 = 2 * precision * recall / (precision + recall)
    assert f1 >= F1_FLOOR, f"F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}) below {F1_FLOOR}"
