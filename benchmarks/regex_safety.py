"""Backtracking safety of every compiled regular expression in newsextract.

    python benchmarks/regex_safety.py                 # the 15 slowest patterns, 50,000-character attacks
    python benchmarks/regex_safety.py --length 200000 --top 40

Every ``re.Pattern`` reachable from the package's modules (module globals,
class attributes, the values of dicts, lists and tuples, and the patterns built
from ``data/markers.json`` and the date lexicon, through ``lexicon.patterns()``
and ``dates.patterns()``) is run with ``search`` against adversarial strings:
long runs of each character the pattern names and of each character class it
uses (spaces, digits, letters, punctuation, CJK), alternations of two of them,
each also followed by a character that makes a match fail late (patterns the
code only runs anchored, :data:`MATCH_ONLY`, with ``match``).  A pattern
that backtracks catastrophically (nested quantifiers) or quadratically (a
greedy run searched from every start position) shows up as seconds here, where
a safe one takes milliseconds.  ``tests/test_regex_safety.py`` runs the same
attacks, shorter, as a hang detector.  The figures are in docs/robustness.md.
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import time
import types
from collections.abc import Iterator
from typing import Any

import newsextract

#: Characters standing for the classes a pattern may use.
CLASS_SAMPLES = {
    r"\s": " \t\n\u00a0\u3000",
    r"\d": "0 7 ٣",
    r"\w": "a Z é я 日 _",
    r"\W": ". , - : / ( ) [ ] < > & # ' \" | ! ? ;",
    ".": "x",
}
#: What ends a run: things patterns rarely accept at that point.
ENDINGS = ("", "!", "\n")


def _walk(value: Any, where: str, found: dict[int, tuple[str, re.Pattern[str]]], depth: int = 0) -> None:
    if depth > 4:
        return
    if isinstance(value, re.Pattern):
        if isinstance(value.pattern, str):
            found.setdefault(id(value), (where, value))
        return
    if isinstance(value, dict):
        for key, item in value.items():
            _walk(item, f"{where}[{key!r}]", found, depth + 1)
    elif isinstance(value, list | tuple | set | frozenset):
        for i, item in enumerate(value):
            _walk(item, f"{where}[{i}]", found, depth + 1)


def all_patterns() -> list[tuple[str, re.Pattern[str]]]:
    """``(where, pattern)`` for every compiled pattern of the package, each once."""
    found: dict[int, tuple[str, re.Pattern[str]]] = {}
    for info in pkgutil.walk_packages(newsextract.__path__, "newsextract."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, types.ModuleType):
                continue
            if isinstance(value, type):
                if value.__module__ == module.__name__:
                    for attr, item in vars(value).items():
                        _walk(item, f"{info.name}.{name}.{attr}", found)
                continue
            _walk(value, f"{info.name}.{name}", found)
    from newsextract import dates, lexicon

    for i, pattern in enumerate(lexicon.patterns()):
        found.setdefault(id(pattern), (f"newsextract.lexicon.patterns()[{i}]", pattern))
    for i, pattern in enumerate(dates.patterns()):
        found.setdefault(id(pattern), (f"newsextract.dates.patterns()[{i}]", pattern))
    return sorted(found.values(), key=lambda item: item[0])


def _alphabet(pattern: re.Pattern[str]) -> list[str]:
    """The characters an attack on ``pattern`` is built from."""
    source = pattern.pattern
    chars: set[str] = set()
    for cls, sample in CLASS_SAMPLES.items():
        if cls in source or cls.upper() in source:
            chars.update(sample.split(" ") if " " in sample.strip() else sample)
    # Literal characters of the pattern (escapes resolved loosely): ASCII
    # punctuation and letters, and a sample of the non-ASCII ones.
    literal = re.sub(
        r"\\[dDsSwWbBAZ]|\\[pPN]\{[^}]*\}|\(\?P?<[^>]*>|\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}", "", source
    )
    ascii_chars = {c for c in literal if c.isascii() and c.isprintable()}
    other = sorted(c for c in set(literal) if not c.isascii() and c.isprintable())
    chars.update(ascii_chars)
    chars.update(other[:: max(1, len(other) // 40)])
    chars.update(" a1.")
    chars.discard("")
    return sorted(chars)


#: Patterns the package only ever uses anchored (``pattern.match(text, pos)``):
#: they are attacked with ``match``, which is what the code runs.
MATCH_ONLY = frozenset(
    {
        "newsextract.text.classify.PREFIX_WORD",  # classify.py: PREFIX_WORD.match(text, pos)
        "newsextract.render.escape._SCHEME",  # escape.py: _SCHEME.match(cleaned)
    }
)


def attacks(pattern: re.Pattern[str], length: int, *, quick: bool = False) -> Iterator[tuple[str, str]]:
    """``(label, text)``: runs of one character, of two alternating, of a
    word-like mix, each with an ending that makes a match fail late.
    ``quick``: one ending per run, pairs with a space only (for the test)."""
    alphabet = _alphabet(pattern)
    for c in alphabet:
        for end in ENDINGS[1:2] if quick else ENDINGS:
            yield f"{c!r}*n+{end!r}", c * length + end
    common = [" "] if quick else [" ", "a", "1", "."]
    pairs = [(a, b) for a in alphabet for b in common if a != b]
    for a, b in pairs:
        yield f"({a + b!r})*n", (a + b) * (length // 2) + "!"
    words = ("ab 12, cd. 3 hours ago 12 March 2025 " * (length // 37 + 1))[:length]
    yield "words", words + "!"


def worst_time(
    pattern: re.Pattern[str],
    length: int,
    *,
    anchored: bool = False,
    quick: bool = False,
    budget: float | None = None,
) -> tuple[float, str]:
    """The slowest attack on ``pattern``: (seconds, label).  ``anchored``: with
    ``match`` instead of ``search``.  With ``budget``, stops at the first
    attack slower than it."""
    run = pattern.match if anchored else pattern.search
    worst, label = 0.0, ""
    for name, text in attacks(pattern, length, quick=quick):
        start = time.perf_counter()
        run(text)
        seconds = time.perf_counter() - start
        if seconds > worst:
            worst, label = seconds, name
        if budget is not None and worst > budget:
            break
    return worst, label


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--length", type=int, default=50_000, help="characters per attack string")
    parser.add_argument("--top", type=int, default=15, help="how many of the slowest patterns to list")
    args = parser.parse_args()
    start = time.perf_counter()
    rows = []
    for where, pattern in all_patterns():
        seconds, label = worst_time(pattern, args.length, anchored=where in MATCH_ONLY)
        rows.append((seconds, where, label, pattern.pattern))
    rows.sort(reverse=True)
    total = time.perf_counter() - start
    print(f"{len(rows)} patterns, attacks of {args.length:,} characters, {total:.1f} s in all")
    print()
    print("| worst time | pattern | slowest attack |")
    print("|---:|---|---|")
    for seconds, where, label, _ in rows[: args.top]:
        print(f"| {seconds * 1000:.1f} ms | `{where}` | `{label}` |")


if __name__ == "__main__":
    main()
