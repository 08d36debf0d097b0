"""No regular expression of the package backtracks catastrophically: each is
searched over long runs of its worst-case characters within a time budget.

A hang detector, not a speed test: a linear pattern takes milliseconds on these
strings; one that backtracks takes seconds to hours.  The attacks, and the
longer benchmark with every figure, are in ``benchmarks/regex_safety.py``.
"""

from __future__ import annotations

import re
import time

import pytest

from benchmarks.regex_safety import MATCH_ONLY, all_patterns, worst_time

#: Characters per attack string.
LENGTH = 40_000
#: Seconds allowed for the slowest attack on one pattern (the slowest measure
#: about 60 ms; a quadratic pattern takes a second or more at this length).
BUDGET = 0.5

PATTERNS = all_patterns()


def test_every_pattern_is_found() -> None:
    """The walk finds the patterns of every part of the package, including the
    ones built from markers.json and the date lexicon."""
    names = {where for where, _ in PATTERNS}
    assert len(PATTERNS) >= 100
    for part in ("input.", "text.", "html.", "render.", "dates.patterns()", "lexicon.", "language."):
        assert any(part in name for name in names), part
    assert names >= MATCH_ONLY


@pytest.mark.parametrize(("where", "pattern"), PATTERNS, ids=[where for where, _ in PATTERNS])
def test_no_catastrophic_backtracking(where: str, pattern: re.Pattern[str]) -> None:
    anchored = where in MATCH_ONLY
    seconds, attack = worst_time(pattern, LENGTH, anchored=anchored, quick=True, budget=BUDGET)
    if seconds > BUDGET:  # a busy machine: measure that attack again before failing
        seconds, attack = min(
            worst_time(pattern, LENGTH, anchored=anchored, quick=True, budget=BUDGET) for _ in range(2)
        )
    assert seconds < BUDGET, f"{where}: {seconds:.2f} s on {attack}"


def test_the_attacks_catch_a_quadratic_pattern() -> None:
    """A separator pattern before its fix (a search over a run of spaces retried
    from every space) is quadratic: 3x the run takes far more than 3x the time."""
    old = re.compile(r"\s*(?:,|;|&|\||\band\b|\bund\b|\bet\b|\by\b|\bi\b|\be\b)\s*")

    def seconds(n: int) -> float:
        start = time.perf_counter()
        old.search("\t" * n + "!")
        return time.perf_counter() - start

    short, long = min(seconds(600) for _ in range(3)), min(seconds(1800) for _ in range(2))
    assert long > 5 * short, (short, long)
