"""The article region, title, byline and blocks."""

from __future__ import annotations

from newsextract.text import analyse, parse_text

from .story import PARA, PARA2, PARA3, PARA4

MENU = "\n".join(["Home", "News", "Sport", "Weather", "Opinion", "Culture", "Travel", "Video"])


def test_menu_title_byline_body_footer() -> None:
    text = f"{MENU}\nSeawall repairs will close Front Street\nBy Jane Doe\nMarch 4, 2025\n{PARA}\nWhat happens next\n{PARA2}\n© 2025 Ledger"
    doc = parse_text(text)
    assert doc.article.title == "Seawall repairs will close Front Street"
    assert doc.article.authors == ["Jane Doe"]
    assert doc.article.published == "2025-03-04"
    assert [b.type for b in doc.article.blocks] == ["paragraph", "heading", "paragraph"]
    assert "Home" not in doc.article.text and "©" not in doc.article.text


def test_short_lines_inside_the_body_become_a_list() -> None:
    text = f"Title of the story here\n{PARA}\nbottled water\nbaby carrier\nsnack bars\n{PARA2}"
    blocks = parse_text(text).article.blocks
    assert blocks[1].type == "list"
    assert blocks[1].items == ["bottled water", "baby carrier", "snack bars"]


def test_pull_quote_is_a_quote() -> None:
    text = f"Title of the story here\n{PARA}\n“We are not going to wait for the next storm to find out how bad it is.”\n{PARA2}"
    assert [b.type for b in parse_text(text).article.blocks] == ["paragraph", "quote", "paragraph"]


def test_page_of_chrome_has_no_article() -> None:
    doc = parse_text(MENU + "\nShare\nSubscribe\n© 2025")
    assert doc.status == "no_article" and doc.article.blocks == []


def test_comments_section_does_not_leak_into_the_body() -> None:
    text = f"A title for the story\n{PARA}\n{PARA2}\nComments\nRob\n3 hours ago\n{PARA.replace('council', 'board')}"
    doc = parse_text(text)
    assert len(doc.article.blocks) == 2
    assert doc.comments.found and doc.comments.items[0].author == "Rob"
    assert "board" in doc.comments.items[0].text


def test_truncated_dump_keeps_what_is_there() -> None:
    text = f"A title for the story\n{PARA}\nRelated Articles\nReuters\n2 hours ago\n- Reuters\nA teaser title that got cut"
    doc = parse_text(text)
    assert [t.title for t in doc.related] == ["A teaser title that got cut"]
    assert doc.related[0].summary is None


TEASER = "Did the harbor board really vote to sell the old ferry terminal to a private developer?"


def test_echoed_teaser_titles_do_not_outweigh_the_story() -> None:
    # A text browser prints each linked teaser's title twice (image link,
    # then text link): the echoes are not prose, so the teaser list cannot
    # outscore a short story.
    teasers = "\n".join(f"{TEASER.replace('ferry', w)}\n{TEASER.replace('ferry', w)}\nFact Check" for w in ("ferry", "bus", "train", "tram", "cargo", "fishing"))
    text = f"Seawall repairs will close Front Street\n{PARA}\n{PARA2}\nEditors' Picks\n{teasers}"
    a = analyse(text)
    echoes = [ln.text for ln in a.lines if ln.reason == "repeated line"]
    assert len(echoes) == 6 and all(e.startswith("Did the harbor board") for e in echoes)
    doc = parse_text(text)
    assert doc.article.text == f"{PARA}\n\n{PARA2}"


def test_a_repeat_far_from_its_first_showing_stays_prose() -> None:
    # An interview asks each guest the same question: both showings are body.
    question = "What made you start writing about food, and what do you still find hard about it after all these years?"
    text = f"Five food writers on their craft\n{question}\n{PARA}\n{PARA2}\n{PARA3}\n{question}\n{PARA4}"
    assert parse_text(text).article.text.count(question) == 2
