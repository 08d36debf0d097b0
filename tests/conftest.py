"""Shared fixtures.  Tests that read ../shared skip cleanly where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
SHARED = ROOT.parent / "shared"


def shared_path(*parts: str) -> Path:
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} is not available (../shared is only beside CI and developer checkouts)")
    return path


def contains(actual: object, expected: object, where: str = "$") -> list[str]:
    """Differences where ``actual`` does not contain ``expected``: dicts may
    have extra keys, lists must match item by item in order and length."""
    problems: list[str] = []
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{where}: expected an object, got {type(actual).__name__}"]
        for key, value in expected.items():
            if key not in actual:
                problems.append(f"{where}.{key}: missing")
            else:
                problems.extend(contains(actual[key], value, f"{where}.{key}"))
    elif isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{where}: expected a list, got {type(actual).__name__}"]
        if len(actual) != len(expected):
            problems.append(f"{where}: expected {len(expected)} items, got {len(actual)}")
        for i, (a, e) in enumerate(zip(actual, expected, strict=False)):
            problems.extend(contains(a, e, f"{where}[{i}]"))
    elif actual != expected:
        problems.append(f"{where}: expected {expected!r}, got {actual!r}")
    return problems
