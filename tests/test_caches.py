"""newsextract.clear_caches: every cache that outlives a document is known to it."""

from __future__ import annotations

import importlib
import pkgutil

import newsextract
from newsextract.api import CROSS_DOCUMENT_CACHES

from .conftest import SAMPLES


def _bounded_caches() -> set[tuple[str, str]]:
    """(module, name) of every bounded functools.lru_cache in the package."""
    found = set()
    for info in pkgutil.walk_packages(newsextract.__path__, "newsextract."):
        if info.name in ("newsextract.__main__", "newsextract.dask"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            params = getattr(value, "cache_parameters", None)
            if params is not None and params()["maxsize"] is not None and value.__module__ == info.name:
                found.add((info.name, name))
    return found


def test_every_bounded_cache_is_cleared() -> None:
    registered = {(module, name) for module, names in CROSS_DOCUMENT_CACHES.items() for name in names}
    assert _bounded_caches() == registered


def test_clear_caches_empties_them() -> None:
    for sample in ("generic-innertext.txt", "news-wordpress.html"):
        newsextract.parse((SAMPLES / sample).read_bytes())
    from newsextract import lexicon

    assert lexicon._fold.cache_info().currsize > 0
    newsextract.clear_caches()
    for module, names in CROSS_DOCUMENT_CACHES.items():
        for name in names:
            assert getattr(importlib.import_module(module), name).cache_info().currsize == 0, (module, name)


def test_results_do_not_depend_on_the_caches() -> None:
    data = (SAMPLES / "generic-innertext.txt").read_bytes()
    warm = newsextract.parse(data).to_json()
    newsextract.clear_caches()
    assert newsextract.parse(data).to_json() == warm
