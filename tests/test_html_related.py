"""Related-article teasers: heading + links, in-body "Read also" inserts and
"Most read" lists become records and leave the article."""

from __future__ import annotations

from pathlib import Path

from newsextract.html import parse_html
from newsextract.model import Document, Source

FIXTURES = Path(__file__).parent / "fixtures" / "html"
URL = "https://riverside.example/2024/05/cycle-lanes"


def parse_related(url: str | None = URL) -> Document:
    text = (FIXTURES / "article_related.html").read_text(encoding="utf-8")
    return parse_html(text, url=url, source=Source(kind="html"))


def test_heading_with_list_of_links() -> None:
    doc = parse_related()
    by_title = {t.title: t for t in doc.related}
    bus = by_title["Bus fares to rise by ten percent in July"]
    assert bus.url == "https://riverside.example/2024/04/bus-fares"
    station = by_title["Station square redesign unveiled to the public"]
    assert station.url == "https://example.org/2024/03/station"
    assert "Bus fares" not in doc.article.text
    assert "Related articles" not in doc.article.text


def test_read_also_insert_in_the_body() -> None:
    doc = parse_related()
    insert = [t for t in doc.related if t.title == "The old bridge closes for repairs until autumn"]
    assert insert and insert[0].url == "https://riverside.example/2024/05/bridge-closed"
    assert "old bridge closes" not in doc.article.text
    assert "Read also" not in doc.article.text


def test_most_read_list_with_ages() -> None:
    doc = parse_related()
    ages = {t.title: t.age for t in doc.related}
    assert ages["Flood defences tested ahead of the spring tide"] == "2 hours ago"
    assert ages["Farmers' market moves to the old tram depot"] == "1 day ago"
    assert "Flood defences" not in doc.article.text
    assert "Most read" not in doc.article.text


def test_article_body_is_intact() -> None:
    doc = parse_related()
    texts = [b.text for b in doc.article.blocks]
    assert texts[0].startswith("The city council voted on Monday")
    assert texts[-1].startswith("Work is expected to start in September")
    assert doc.status == "ok"


def test_relative_teaser_urls_without_page_url_stay_relative() -> None:
    doc = parse_related(url=None)
    urls = {t.title: t.url for t in doc.related}
    assert urls["Bus fares to rise by ten percent in July"] == "/2024/04/bus-fares"
