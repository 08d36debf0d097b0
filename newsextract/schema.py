"""The JSON Schema (draft 2020-12) of the JSON output, i.e. of ``Document.to_dict()``.

The schema ships as ``newsextract/data/schema.json``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from typing import Any

__all__ = ["SCHEMA_ID", "load_schema"]

SCHEMA_ID = "https://newsextract.invalid/schema/document-1.0.json"


@cache
def _schema_text() -> str:
    return files("newsextract").joinpath("data", "schema.json").read_text(encoding="utf-8")


def load_schema() -> dict[str, Any]:
    """Return the document schema as a new dict (callers may change it freely)."""
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema
