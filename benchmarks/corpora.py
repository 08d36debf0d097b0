"""Corpus loaders.

Three formats are understood, the ones of ``shared/corpus`` (see its README):

* **aeb**: ``ground-truth.json`` (``{id: {"articleBody", "url"}}``) with
  ``html/<id>.html.gz`` (or ``.html``);
* **aeb text dumps**: the same ``ground-truth.json`` with one folder of
  ``<id>.txt`` per dump flavour (``innertext/``, ``w3m/``); each flavour is a
  corpus of its own, named ``<folder>/<flavour>``;
* **cases**: ``cases.jsonl`` (``{"id", "html_path", "truth", "url"?}``).

A corpus is named by its folder under ``<shared>/corpus`` (``aeb-dev``), by a
flavour (``aeb-text-dev/w3m``), by ``all``, or by a path to any folder in one
of these formats.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Format = Literal["aeb", "cases"]
PageKind = Literal["html", "text"]

DEFAULT_CORPORA: tuple[str, ...] = (
    "aeb-dev",
    "aeb-text-dev/innertext",
    "aeb-text-dev/w3m",
    "readability",
    "defuddle",
    "trafilatura-dev",
)
DUMP_FLAVOURS: tuple[str, ...] = ("innertext", "w3m")


class CorpusError(Exception):
    """A corpus name or folder that cannot be loaded."""


@dataclass(slots=True)
class Page:
    id: str
    path: Path
    kind: PageKind
    url: str | None = None


@dataclass(slots=True)
class Corpus:
    name: str
    format: Format
    kind: PageKind
    pages: list[Page]
    # aeb: {id: {"articleBody": ...}}; cases: {id: truth dict}
    truth: dict[str, Any] = field(default_factory=dict)

    def limited(self, limit: int | None) -> Corpus:
        if not limit:
            return self
        return Corpus(self.name, self.format, self.kind, self.pages[:limit], self.truth)


def _aeb_html(name: str, folder: Path) -> Corpus:
    truth: dict[str, Any] = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for pid in sorted(truth):
        for candidate in (folder / "html" / f"{pid}.html.gz", folder / "html" / f"{pid}.html"):
            if candidate.exists():
                pages.append(Page(pid, candidate, "html", truth[pid].get("url")))
                break
        else:
            raise CorpusError(f"{name}: no html/{pid}.html(.gz)")
    return Corpus(name, "aeb", "html", pages, truth)


def _aeb_dump(name: str, folder: Path, flavour: str) -> Corpus:
    truth: dict[str, Any] = json.loads((folder / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for pid in sorted(truth):
        path = folder / flavour / f"{pid}.txt"
        if not path.exists():
            raise CorpusError(f"{name}: no {flavour}/{pid}.txt")
        pages.append(Page(pid, path, "text", truth[pid].get("url")))
    return Corpus(name, "aeb", "text", pages, truth)


def _cases(name: str, folder: Path) -> Corpus:
    pages, truth = [], {}
    with (folder / "cases.jsonl").open(encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            case = json.loads(line)
            pages.append(Page(case["id"], folder / case["html_path"], "html", case.get("url")))
            truth[case["id"]] = case["truth"]
    return Corpus(name, "cases", "html", pages, truth)


def _load_folder(name: str, folder: Path, flavour: str | None) -> list[Corpus]:
    if (folder / "cases.jsonl").exists():
        return [_cases(name, folder)]
    if not (folder / "ground-truth.json").exists():
        raise CorpusError(f"{folder}: neither cases.jsonl nor ground-truth.json")
    if flavour:
        return [_aeb_dump(f"{name}/{flavour}", folder, flavour)]
    if (folder / "html").is_dir():
        return [_aeb_html(name, folder)]
    flavours = [f for f in DUMP_FLAVOURS if (folder / f).is_dir()]
    if not flavours:
        raise CorpusError(f"{folder}: ground-truth.json but no html/, innertext/ or w3m/ folder")
    return [_aeb_dump(f"{name}/{f}", folder, f) for f in flavours]


def load(spec: str, corpus_root: Path) -> list[Corpus]:
    """Load the corpus (or corpora) that ``spec`` names."""
    if spec == "all":
        return [c for s in DEFAULT_CORPORA for c in load(s, corpus_root)]
    named = not Path(spec).is_absolute() and not spec.startswith(".")
    base, _, flavour = spec.partition("/")
    if named and flavour in DUMP_FLAVOURS and (corpus_root / spec).is_dir():
        return _load_folder(base, corpus_root / base, flavour)
    if named and (corpus_root / spec).is_dir():
        return _load_folder(spec, corpus_root / spec, None)
    path = Path(spec)
    if path.is_dir():
        if path.name in DUMP_FLAVOURS and (path.parent / "ground-truth.json").exists():
            return _load_folder(path.parent.name, path.parent, path.name)
        return _load_folder(path.resolve().name, path, None)
    known = ", ".join(DEFAULT_CORPORA)
    raise CorpusError(f"unknown corpus {spec!r} (known: {known}, all, or a folder path)")


def read_page(path: Path) -> bytes:
    """The page's bytes as stored (``.gz`` is decompressed)."""
    data = path.read_bytes()
    if path.suffix == ".gz":
        import gzip

        data = gzip.decompress(data)
    return data
