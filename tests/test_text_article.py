"""The article region, title, byline and blocks."""

from __future__ import annotations

from newsextract.text import parse_text

PARA = (
    "The council voted on Tuesday to close the street for six weeks while the crews repair the seawall, "
    "and the mayor said that the work could not wait until the summer season begins."
)
MENU = "\n".join(["Home", "News", "Sport", "Weather", "Opinion", "Culture", "Travel", "Video"])


def test_menu_title_byline_body_footer() -> None:
    text = f"{MENU}\nSeawall repairs will close Front Street\nBy Jane Doe\nMarch 4, 2025\n{PARA}\nWhat happens next\n{PARA}\n© 2025 Ledger"
    doc = parse_text(text)
    assert doc.article.title == "Seawall repairs will close Front Street"
    assert doc.article.authors == ["Jane Doe"]
    assert doc.article.published == "2025-03-04"
    assert [b.type for b in doc.article.blocks] == ["paragraph", "heading", "paragraph"]
    assert "Home" not in doc.article.text and "©" not in doc.article.text


def test_short_lines_inside_the_body_become_a_list() -> None:
    text = f"Title of the story here\n{PARA}\nbottled water\nbaby carrier\nsnack bars\n{PARA}"
    blocks = parse_text(text).article.blocks
    assert blocks[1].type == "list"
    assert blocks[1].items == ["bottled water", "baby carrier", "snack bars"]


def test_pull_quote_is_a_quote() -> None:
    text = f"Title of the story here\n{PARA}\n“We are not going to wait for the next storm to find out how bad it is.”\n{PARA}"
    assert [b.type for b in parse_text(text).article.blocks] == ["paragraph", "quote", "paragraph"]


def test_page_of_chrome_has_no_article() -> None:
    doc = parse_text(MENU + "\nShare\nSubscribe\n© 2025")
    assert doc.status == "no_article" and doc.article.blocks == []


def test_comments_section_does_not_leak_into_the_body() -> None:
    text = f"A title for the story\n{PARA}\n{PARA}\nComments\nRob\n3 hours ago\n{PARA.replace('council', 'board')}"
    doc = parse_text(text)
    assert len(doc.article.blocks) == 2
    assert doc.comments.found and doc.comments.items[0].author == "Rob"
    assert "board" in doc.comments.items[0].text


def test_truncated_dump_keeps_what_is_there() -> None:
    text = f"A title for the story\n{PARA}\nRelated Articles\nReuters\n2 hours ago\n- Reuters\nA teaser title that got cut"
    doc = parse_text(text)
    assert [t.title for t in doc.related] == ["A teaser title that got cut"]
    assert doc.related[0].summary is None
