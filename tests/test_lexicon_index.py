"""The precomputed lexicon index (data/lexicon-index.json) is in sync with
markers.json and the stopword lists, and gives what the sources give."""

from __future__ import annotations

import json
from importlib import resources

from newsextract import lexicon


def shipped() -> dict[str, object]:
    node = resources.files("newsextract") / "data" / lexicon.INDEX_FILE
    data = json.loads(node.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def test_index_is_in_sync_with_the_data_files() -> None:
    assert shipped() == lexicon.build_index(), (
        "data/lexicon-index.json is stale: run `python -m newsextract.lexicon` and commit the result"
    )
    assert lexicon._index() is not None


def test_index_gives_what_the_sources_give() -> None:
    for name in lexicon._list_categories():
        by_language, needs_separator = lexicon._category_from_sources(name)
        cat = lexicon._category(name)
        assert dict(cat.by_language) == by_language
        assert list(cat.by_language) == list(by_language)  # markers.json order
        assert cat.needs_separator == needs_separator
    for code in lexicon.stopword_languages():
        assert lexicon.stopwords(code) == lexicon._stopwords_from_sources(code)
    months = lexicon._months_from_sources()
    assert lexicon.month_lexicon_by_language() == {lang: dict(table) for lang, table in months.items()}
    assert list(lexicon.month_lexicon_by_language()) == list(months)  # markers.json order: the priority


def test_a_stale_index_is_not_used() -> None:
    # (a parameter, not a monkeypatched _sources_digest: compiled code calls the original)
    assert lexicon._index_built_from("edited since") is None
    assert lexicon._index_built_from(lexicon._sources_digest()) is not None
