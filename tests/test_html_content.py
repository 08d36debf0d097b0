"""Main content and block structure on the HTML path."""

from __future__ import annotations

from pathlib import Path

from newsextract.html import parse_html
from newsextract.model import Document, Source

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def parse_fixture(name: str) -> Document:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return parse_html(text, url=None, source=Source(kind="html"))


def test_index_page_has_no_article() -> None:
    doc = parse_fixture("index_page.html")
    assert doc.status == "no_article"
    assert doc.article.blocks == []
    assert doc.article.title == "Latest news"


def test_table_code_list_and_quote_blocks() -> None:
    doc = parse_fixture("article_table_code.html")
    types = [b.type for b in doc.article.blocks]
    assert types == ["paragraph", "table", "paragraph", "code", "list", "quote", "paragraph"]
    table = doc.article.blocks[1]
    assert table.rows == [["Parser", "Time (s)"], ["alpha", "1.8"], ["beta", "2.4"]]
    code = doc.article.blocks[3]
    assert code.text == "for i in 1 2 3 4 5; do\n    python bench.py --parser alpha data.json\ndone"
    lst = doc.article.blocks[4]
    assert lst.items == ["alpha was fastest on large files", "beta used the least memory"]
    assert lst.text == "alpha was fastest on large files\nbeta used the least memory"
    assert doc.article.blocks[5].text == "Measure twice, optimise once."


def test_headings_keep_their_level_and_chrome_is_dropped() -> None:
    doc = parse_fixture("article_wordpress_comments.html")
    blocks = doc.article.blocks
    assert [b.type for b in blocks] == ["paragraph", "paragraph", "heading", "paragraph"]
    assert blocks[2].level == 2 and blocks[2].text == "A tradition older than the pier"
    text = doc.article.text
    for chrome in ("Share", "Tweet", "Home", "Copyright", "By Mira Okafor", "Lanterns over the harbour"):
        assert chrome not in text


def test_line_breaks_inside_a_paragraph() -> None:
    html = (
        "<html><body><article><p>First line of a poem that is long enough to count as prose, surely,<br>"
        "second line of the same poem, which goes on for a while as well.</p>"
        "<p>One paragraph<br><br>and another one, made with two line breaks as old pages do, "
        "and long enough to be kept as part of the article body.</p></article></body></html>"
    )
    blocks = parse_html(html, url=None, source=Source(kind="html")).article.blocks
    assert blocks[0].text.count("\n") == 1
    assert [b.text for b in blocks[1:]][-1].startswith("and another one")


def test_hidden_and_script_content_is_not_text() -> None:
    html = (
        "<html><body><article><p>Visible text of the article, long enough to be the body of this small "
        "page and to pass every threshold that the extractor applies.</p>"
        '<p style="display:none">hidden words</p><script>var x = "script words";</script>'
        "<p hidden>more hidden words</p></article></body></html>"
    )
    text = parse_html(html, url=None, source=Source(kind="html")).article.text
    assert "hidden" not in text and "script" not in text
    assert text.startswith("Visible text")
