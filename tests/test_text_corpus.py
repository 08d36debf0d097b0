"""Accuracy floors of the text path on ../shared/corpus/aeb-text-dev (browser
innerText and w3m dumps of the AEB dev pages).  The floors sit a little below
what was measured, so a change that makes extraction worse fails the build.
Skipped where ../shared is absent."""

from __future__ import annotations

import json

import pytest

import newsextract

from .aeb_metric import corpus_f1
from .conftest import shared_path

#: Measured 0.924 (innertext) and 0.914 (w3m); issue 2 asks >= 0.90 / >= 0.87.
FLOORS = {"innertext": 0.918, "w3m": 0.908}


@pytest.mark.parametrize("variant", sorted(FLOORS))
def test_body_f1_floor(variant: str) -> None:
    root = shared_path("corpus", "aeb-text-dev")
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    pairs = []
    for doc_id, item in truth.items():
        doc = newsextract.parse((root / variant / f"{doc_id}.txt").read_bytes(), kind="text")
        pairs.append((doc.article.text, item["articleBody"]))
    precision, recall, f1 = corpus_f1(pairs)
    assert f1 >= FLOORS[variant], (
        f"{variant}: F1 {f1:.3f} (P {precision:.3f}, R {recall:.3f}) below {FLOORS[variant]}"
    )
