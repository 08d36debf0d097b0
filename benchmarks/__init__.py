"""Benchmarks: newsextract next to its peers on the shared corpora.

Not part of the installed package.  Run ``python -m benchmarks run --help``
from the repository root; see ``benchmarks/README.md``.

Measured is the *installed* newsextract.  ``python -m`` puts the current
folder (the repository root) first on ``sys.path``, so ``import newsextract``
would load the source tree, pure Python, even where ``pip install .`` has
installed the compiled build (see setup.py).  Importing this package moves
the repository root to the end of ``sys.path``: an installed newsextract is
found first, and the source tree only without one.  (``benchmarks`` itself
is imported by then; its modules are found through the package.)
"""

from __future__ import annotations

import sys
from pathlib import Path


def _prefer_installed() -> None:
    root = Path(__file__).resolve().parents[1]
    front = [p for p in sys.path if p in ("", ".") or (p and Path(p).resolve() == root)]
    sys.path[:] = [p for p in sys.path if p not in front] + front


_prefer_installed()
