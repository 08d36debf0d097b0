"""Golden tests: every sample in samples/ (and the reference seed dump) parses
to a document that contains its hand-written expectation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import newsextract

from .conftest import SAMPLES, contains, shared_path

SAMPLE_FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".html") and not p.name.startswith("README"))


def expected_for(path: Path) -> dict[str, object]:
    result: dict[str, object] = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    return result


@pytest.mark.parametrize("path", SAMPLE_FILES, ids=[p.name for p in SAMPLE_FILES])
def test_sample(path: Path) -> None:
    doc = newsextract.parse(path.read_bytes())
    problems = contains(doc.to_dict(), expected_for(path))
    assert not problems, "\n".join(problems[:20])


def test_every_sample_has_an_expectation() -> None:
    assert len(SAMPLE_FILES) >= 6
    for path in SAMPLE_FILES:
        assert path.with_suffix(".expected.json").exists(), path


def test_reference_seed() -> None:
    seed = shared_path("seeds", "000_017d1039cf012bb9.txt")
    expected = json.loads(shared_path("spec", "seed.expected.json").read_text(encoding="utf-8"))
    doc = newsextract.parse(seed.read_bytes())
    problems = contains(doc.to_dict(), expected)
    assert not problems, "\n".join(problems[:20])
