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


# -- rules of this module, each on a tiny synthetic page

PARA = (
    "The council met on Tuesday to discuss the new harbour plan, which has divided the town "
    "for more than a year and will now go to a public vote in the spring."
)
PARA2 = (
    "Residents who spoke at the meeting asked for more time, and the mayor agreed to hold two "
    "more hearings before the vote, one of them in the evening for people who work days."
)


def _parse(body: str, head: str = "<title>Harbour plan goes to a vote</title>") -> Document:
    html = f"<html><head>{head}</head><body>{body}</body></html>"
    return parse_html(html, url=None, source=Source(kind="html"))


def test_standfirst_in_a_header_joins_the_article() -> None:
    lead = (
        "After a year of argument the town will decide in the spring whether the harbour is rebuilt, "
        "and both sides say they are ready."
    )
    doc = _parse(
        f'<article><header class="article-header"><h1>Harbour plan goes to a vote</h1>'
        f'<p class="teaser-text">{lead}</p><p>By Ann Lee</p></header>'
        f'<div class="article-body"><p>{PARA}</p><p>{PARA2}</p></div></article>'
        '<aside class="sidebar"><p>Most read stories of the week in one long list of teasers.</p></aside>'
    )
    texts = [b.text for b in doc.article.blocks]
    assert texts == [lead, PARA, PARA2]  # the byline and the sidebar stay out


def test_sentences_in_heading_markup_are_prose() -> None:
    long_heading = (
        "Kinder zwischen 6 und 12 Jahren sind aufgerufen, ein Plakat zu gestalten, und die besten "
        "Plakate werden im Sommer am Ufer ausgestellt."
    )
    doc = _parse(
        f'<div class="post"><h1>Plakatwettbewerb</h1><h3>{long_heading}</h3><h4>{long_heading} Noch einmal.</h4></div>'
        '<div class="cookie-notice"><p>Diese Website verwendet Cookies, damit wir Dir die bestmögliche '
        "Benutzererfahrung bieten können, und speichert sie in deinem Browser.</p></div>",
        head="<title>Plakatwettbewerb</title>",
    )
    assert long_heading in doc.article.text
    assert "Cookies" not in doc.article.text


def test_react_streamed_segment_is_read() -> None:
    doc = _parse(
        '<main><article><h1>Harbour plan goes to a vote</h1><div class="article-body">'
        '<template id="B:0"></template><div class="skeleton"></div></div></article></main>'
        f'<div hidden id="S:0"><p>{PARA}</p><p>{PARA2}</p></div>'
        '<div hidden id="menu"><p>A hidden menu that nobody sees, with a long sentence in it, too.</p></div>'
    )
    assert doc.article.text == f"{PARA}\n\n{PARA2}"


def test_headings_linking_to_their_own_anchor_are_not_teasers() -> None:
    sections = "".join(
        f'<h2 id="s{i}"><a href="#s{i}">Section {i}</a></h2><p>{PARA}</p>' for i in range(5)
    )
    doc = _parse(f"<main><h1>Reference</h1>{sections}</main>")
    assert doc.status != "no_article"
    assert [b.type for b in doc.article.blocks[:2]] == ["heading", "paragraph"]


def test_h1_named_like_comments_is_not_a_comments_section() -> None:
    doc = _parse(f'<main><h1>Conversation</h1><div class="post"><p>{PARA}</p><p>{PARA2}</p></div></main>')
    assert doc.article.text == f"{PARA}\n\n{PARA2}"
    assert doc.comments.items == []


def test_short_page_keeps_its_few_lines() -> None:
    doc = _parse("<article><p>First section content.</p><p>Second section content.</p></article>")
    assert doc.article.text == "First section content.\n\nSecond section content."


def test_embedded_post_is_part_of_the_story() -> None:
    tweet = "Yes this is real and the state spent half a million dollars on the campaign, apparently."
    doc = _parse(
        f'<article><p>{PARA}</p><div class="social-media-embed"><blockquote class="twitter-tweet">'
        f"<p>{tweet}</p>— Someone (@someone) November 18, 2019</blockquote></div><p>{PARA2}</p></article>"
    )
    assert tweet in doc.article.text


def test_caption_with_credit_in_parentheses_is_not_body() -> None:
    doc = _parse(f"<article><p>{PARA}</p><p>Protesters wore masks (Image: GETTY )</p><p>{PARA2}</p></article>")
    assert "GETTY" not in doc.article.text


def test_heading_slug_id_gives_no_chrome_hint() -> None:
    doc = _parse(
        f'<main><p>{PARA}</p><div id="sharing-with-a-single-developer" class="section">'
        f"<h2>Sharing with a single developer</h2><p>{PARA2}</p></div></main>"
    )
    assert PARA2 in doc.article.text


def test_footnotes_are_content() -> None:
    note = "The figures come from the council's own report, published in March and revised in May this year."
    doc = _parse(f'<article><p>{PARA}</p><p>{PARA2}</p><div class="footnotes"><ol><li>{note}</li></ol></div></article>')
    assert note in doc.article.text


def test_math_reads_as_its_tex() -> None:
    doc = _parse(
        f"<article><p>{PARA} The area is "
        '<span class="katex"><math><semantics><mi>r</mi>'
        '<annotation encoding="application/x-tex">\\pi r^2</annotation></semantics></math></span>'
        f", as always.</p><p>{PARA2}</p></article>"
    )
    assert "The area is \\pi r^2, as always." in doc.article.text


def test_table_rows_with_prose_keep_their_short_cells() -> None:
    rows = "".join(
        f"<tr><th><a href='/f{i}'>Film {i}</a></th><td>19{i}0</td><td>{PARA}</td></tr>" for i in range(4)
    )
    doc = _parse(f"<article><p>{PARA2}</p><table>{rows}</table></article>")
    assert "Film 2" in doc.article.text and "1920" in doc.article.text


def test_link_dense_data_table_between_paragraphs_stays() -> None:
    rows = "".join(f"<tr><td>Base {i}</td><td><a href='/m{i}'>org/model-base-{i}</a></td></tr>" for i in range(6))
    doc = _parse(f"<article><p>{PARA}</p><table>{rows}</table><p>{PARA2}</p></article>")
    assert [b.type for b in doc.article.blocks] == ["paragraph", "table", "paragraph"]
