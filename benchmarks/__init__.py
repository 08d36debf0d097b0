"""Benchmarks: newsextract next to its peers on the shared corpora.

Not part of the installed package.  Run ``python -m benchmarks run --help``
from the repository root; see ``benchmarks/README.md``.
"""
