"""JSON-LD from a hostile page: nesting deep enough to exhaust the stack."""

from __future__ import annotations

import newsextract

BODY = "<h1>Visible title</h1><p>" + "A sentence of the story that goes on for a while. " * 10 + "</p>"


def _page(json_ld: str) -> str:
    return f'<html><head><script type="application/ld+json">{json_ld}</script></head><body>{BODY}</body></html>'


def test_json_nested_past_the_interpreter_limit_is_ignored() -> None:
    # json.loads raises RecursionError (not ValueError) on this.
    doc = newsextract.parse(_page("[" * 100_000))
    assert doc.article.title == "Visible title"


def test_json_nested_just_under_the_parser_limit_is_walked_without_recursion_errors() -> None:
    nested = '{"name": "Deep Author"}'
    for _ in range(900):
        nested = f"[{nested}]"
    ld = f'{{"@type": "NewsArticle", "headline": "From JSON-LD", "author": {nested}, "image": {nested}}}'
    doc = newsextract.parse(_page(ld))
    assert doc.article.title == "From JSON-LD"
    assert doc.article.authors == []  # too deep to be a real author record

