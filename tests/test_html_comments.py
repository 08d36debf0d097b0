"""Comments on the HTML path: each markup style gives structured items, and
comment text never reaches the article."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsextract.html import parse_html
from newsextract.model import Document, Source

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def parse_fixture(name: str, url: str | None = None) -> Document:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return parse_html(text, url=url, source=Source(kind="html"))


def test_wordpress_commentlist_with_reply_depth() -> None:
    doc = parse_fixture("article_wordpress_comments.html")
    assert doc.comments.found
    items = doc.comments.items
    assert [c.author for c in items] == ["Tomas Rey", "Ana Lind"]
    assert [c.depth for c in items] == [0, 1]
    assert items[0].text == "My grandmother folded lanterns for this festival every year."
    assert items[0].published == "2024-03-05T10:12:00+00:00"
    assert "Reply" not in items[0].text
    assert "grandmother" not in doc.article.text
    assert "Leave a Reply" not in doc.article.text


def test_disqus_thread() -> None:
    doc = parse_fixture("article_disqus.html")
    items = doc.comments.items
    assert doc.comments.found
    assert [c.author for c in items] == ["railfan_77", "valley_mum"]
    assert [c.depth for c in items] == [0, 1]
    assert items[0].age == "3 hours ago"
    assert items[1].text == "Same here, the bus at ten never came."
    assert "job interviews" not in doc.article.text
    assert "night service" in doc.article.text


def test_schema_org_microdata_comments_and_json_ld() -> None:
    doc = parse_fixture("article_schema_comments.html")
    texts = [c.text for c in doc.comments.items]
    assert doc.comments.found
    assert "Is the honey for sale anywhere?" in texts
    assert "Great project, my kids loved the open day." in texts
    assert doc.comments.items[0].author == "Lea"
    assert doc.comments.items[0].published == "2023-07-14T18:30:00Z"
    assert "honey for sale" not in doc.article.text


def test_json_ld_comments_when_markup_has_none() -> None:
    html = (FIXTURES / "article_schema_comments.html").read_text(encoding="utf-8")
    start, end = html.index('<div class="discussion">'), html.index("</body>")
    doc = parse_html(html[:start] + html[end:], url=None, source=Source(kind="html"))
    assert doc.comments.found
    assert [(c.author, c.text) for c in doc.comments.items] == [
        ("Kim", "We saw the hives last weekend, lovely to see.")
    ]
    assert doc.comments.items[0].published == "2023-07-15T09:00:00Z"


def test_comment_section_with_a_form_only_is_found_and_empty() -> None:
    doc = parse_fixture("article_comment_form_only.html")
    assert doc.comments.found
    assert doc.comments.items == []
    assert "Votre commentaire" not in doc.article.text
    assert "Commentaires" not in doc.article.text
    assert doc.status == "ok"


def test_details_comment_box() -> None:
    doc = parse_fixture("article_details_comments.html")
    assert doc.comments.found
    assert [(c.author, c.text) for c in doc.comments.items] == [
        ("Pia", "Which capacitors did you use?"),
        ("Ravi", "Lovely restoration, the dial looks new."),
    ]
    assert doc.comments.items[0].published == "2022-01-02"
    assert "capacitors did you use" not in doc.article.text


@pytest.mark.parametrize(
    "section",
    [
        '<div id="comments"><p>No comments yet.</p></div>',
        '<div class="comments-area"><h3>0 Comments</h3></div>',
    ],
)
def test_empty_comment_sections(section: str) -> None:
    html = (FIXTURES / "article_disqus.html").read_text(encoding="utf-8")
    start, end = html.index('<div id="disqus_thread">'), html.index("</body>")
    doc = parse_html(html[:start] + section + html[end:], url=None, source=Source(kind="html"))
    assert doc.comments.found
    assert doc.comments.items == []


def test_page_without_comments() -> None:
    html = (FIXTURES / "article_disqus.html").read_text(encoding="utf-8")
    start, end = html.index('<div id="disqus_thread">'), html.index("</body>")
    doc = parse_html(html[:start] + html[end:], url=None, source=Source(kind="html"))
    assert not doc.comments.found


def test_one_scan_feeds_both_searches() -> None:
    from newsextract.html import parse_tree
    from newsextract.html.comments import extract_comments
    from newsextract.html.related import extract_related
    from newsextract.html.scan import scan

    body = parse_tree(
        """<html><body><article><p>Story text.</p></article>
        <div id="comments"><h3>2 Comments</h3><div class="related">
        <a href="/x">A teaser inside the comments area</a></div>
        <ol><li class="comment"><p>First!</p></li><li class="comment"><p>Nice.</p></li></ol></div>
        <section><h2>Read more</h2><ul><li><a href="/a">Bus fares to rise by ten percent</a></li>
        <li><a href="/b">Station square redesign unveiled</a></li></ul></section></body></html>"""
    ).find("body")
    found = scan(body)
    assert [el.get("id") for el in found.comment_regions] == ["comments"]
    assert [el.text for el in found.related_headings] == ["Read more"]
    comments = extract_comments(body, found)
    assert [c.text for c in comments.items] == ["First!", "Nice."]
    teasers = extract_related(body, None, None, found)
    assert [t.title for t in teasers] == [
        "Bus fares to rise by ten percent",
        "Station square redesign unveiled",
    ]
