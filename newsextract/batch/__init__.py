"""Batch mode: convert many pages into a mirrored folder tree (or one ndjson
stream) with a process pool, per-file timeouts and a failure report.

    plan.py    which files, where each output goes (lazy walk, safe relative paths)
    worker.py  one file: read, parse, render, write atomically -> a small Result
    runner.py  the pool with its watchdog, and run_batch() that ties it together
    report.py  summary counts, errors.jsonl, the ndjson stream

>>> from newsextract.batch import BatchOptions, run_batch
>>> summary = run_batch(BatchOptions(inputs=("pages/",), outdir="out", recursive=True))
>>> summary.converted, summary.failed
"""

from .plan import ERRORS_NAME, NDJSON_NAME, Plan, PlanError, PlannedFile
from .report import Summary
from .runner import DEFAULT_TIMEOUT, BatchOptions, BatchOutputError, default_workers, run_batch
from .worker import ERROR_KINDS, Result

__all__ = [
    "DEFAULT_TIMEOUT",
    "ERRORS_NAME",
    "ERROR_KINDS",
    "NDJSON_NAME",
    "BatchOptions",
    "BatchOutputError",
    "Plan",
    "PlanError",
    "PlannedFile",
    "Result",
    "Summary",
    "default_workers",
    "run_batch",
]
