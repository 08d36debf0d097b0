"""Metadata: each field from the best source, in the documented order."""

from __future__ import annotations

from pathlib import Path

from newsextract.html import parse_html
from newsextract.model import Article, Source

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def article_of(name: str, url: str | None = None) -> Article:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return parse_html(text, url=url, source=Source(kind="html")).article


def test_json_ld_graph_wins_over_opengraph_and_meta() -> None:
    a = article_of("metadata_priority.html", url="https://alpenblatt.example/a?id=1")
    assert a.title == "Schneefall legt Verkehr lahm"
    assert a.authors == ["Anna Huber", "Peter Gruber"]
    assert a.published == "2021-01-09T21:15:00+01:00"
    assert a.site_name == "Alpenblatt"
    assert a.language == "de-AT"
    assert a.description == "Heftiger Schneefall in den Bergen."
    assert a.tags == ["Wetter", "Verkehr"]


def test_url_argument_overrides_canonical_and_resolves_relative_links() -> None:
    a = article_of("metadata_priority.html", url="https://alpenblatt.example/a?id=1")
    assert a.url == "https://alpenblatt.example/a?id=1"
    assert a.image == "https://alpenblatt.example/img/snow.jpg"


def test_opengraph_and_meta_when_no_json_ld() -> None:
    html = (FIXTURES / "metadata_priority.html").read_text(encoding="utf-8")
    start, end = html.index("<script"), html.index("</script>") + len("</script>")
    a = parse_html(html[:start] + html[end:], url=None, source=Source(kind="html")).article
    assert a.title == "OG: Schneefall legt Verkehr lahm"
    assert a.authors == ["Meta Autor"]
    assert a.published == "2021-01-10T06:00:00Z"
    assert a.url is None  # a relative canonical link without a page URL is not a URL


def test_title_suffix_removed_only_when_it_is_the_site_name() -> None:
    a = article_of("metadata_fallbacks.html")
    assert a.title == "Tiny gardens on city balconies"
    html = (FIXTURES / "metadata_fallbacks.html").read_text(encoding="utf-8")
    html = html.replace("<h1>Tiny gardens on city balconies</h1>", "")
    html = html.replace(" - The Green Page</title>", " - A Guide</title>")
    a = parse_html(html, url=None, source=Source(kind="html")).article
    assert a.title == "Tiny gardens on city balconies - A Guide"


def test_byline_time_and_locale_fallbacks() -> None:
    a = article_of("metadata_fallbacks.html")
    assert a.authors == ["Sara Lindqvist"]
    assert a.published == "2020-06-01"
    assert a.language == "en-GB"
    assert a.site_name == "The Green Page"
    assert "Sara Lindqvist" not in a.text
    assert a.blocks[0].text.startswith("Balcony gardens")


def test_title_not_repeated_as_first_block() -> None:
    a = article_of("metadata_priority.html")
    assert a.blocks[0].type == "paragraph"
    assert a.blocks[0].text.startswith("Heftiger Schneefall")


def _date_of(html: str, url: str | None = None) -> str | None:
    return parse_html(html, url=url, source=Source(kind="html")).article.published


BODY = (
    "<p>"
    + "The council met on Monday and agreed on a new plan for the cycle lanes of the city. " * 3
    + "</p>"
)


def test_url_date_wins_over_a_utc_time_one_day_off() -> None:
    html = f"""<html><head><meta property="article:published_time" content="2020-02-25T02:25:54Z"></head>
    <body><article><h1>Press secretary leaves</h1>{BODY}</article></body></html>"""
    assert _date_of(html, "https://news.example/2020/02/24/press-secretary") == "2020-02-24"
    assert _date_of(html, "https://news.example/2020/02/20/press-secretary") == "2020-02-25T02:25:54Z"


def test_offset_kept_and_meta_preferred_to_utc_json_ld() -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "%s"}</script>'
    meta = '<meta property="article:published_time" content="2019-11-18T23:30:00-05:00">'
    html = (
        f"<html><head>{ld % '2019-11-19T04:30:00Z'}{meta}</head><body><article>{BODY}</article></body></html>"
    )
    assert _date_of(html) == "2019-11-18T23:30:00-05:00"
    local = f"<html><head>{ld % '2019-11-18T20:00:00+01:00'}{meta}</head><body><article>{BODY}</article></body></html>"
    assert _date_of(local) == "2019-11-18T20:00:00+01:00"


def test_dateline_above_title_beats_teaser_times() -> None:
    html = f"""<html><body><main><article><div class="header"><p class="text-meta">May 22, 2026</p>
    <a href="/news/">News</a></div><h1>Example named a leader</h1>{BODY}</article>
    <aside><h2>Latest news</h2><a href="/a"><time datetime="2026-03-05T00:00">Mar 5, 2026</time>
    <span>A different article you might also like</span></a></aside></main></body></html>"""
    assert (_date_of(html) or "")[:10] == "2026-05-22"


def _published(html: str) -> str | None:
    return parse_html(html, url=None, source=Source(kind="html")).article.published


PROSE = "<p>" + "The council met on the square and talked for a long time about the new bridge. " * 4 + "</p>"


def test_machine_dates_beyond_time_elements() -> None:
    age = f'<html><body><span class="age" title="2025-06-15T12:00:00 1750000000">1 day ago</span>{PROSE}</body></html>'
    assert _published(age) == "2025-06-15T12:00:00"
    component = f'<html><body><relative-time datetime="2026-01-15T10:30:00Z">Jan 15</relative-time>{PROSE}</body></html>'
    assert _published(component) == "2026-01-15T10:30:00Z"
    # a title on an element not named like a date is not read
    other = f'<html><body><span class="note" title="2025-06-15">x</span>{PROSE}</body></html>'
    assert _published(other) is None


def test_meta_far_from_json_ld_is_another_event() -> None:
    head = (
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Bridge",'
        ' "datePublished": "2015-10-15T02:19:15Z"}</script>'
    )
    far = f'<html><head>{head}<meta property="article:published_time" content="2015-12-11T14:28:34Z"></head><body>{PROSE}</body></html>'
    assert _published(far) == "2015-10-15T02:19:15Z"
    near = far.replace("2015-12-11T14:28:34Z", "2015-10-16T01:00:00+02:00")
    assert _published(near) == "2015-10-16T01:00:00+02:00"


def test_json_ld_name_wins_when_the_headline_is_a_description() -> None:
    ld = '{"@context": "https://schema.org", "@type": "Article", "name": "New Zealand", "headline": "country in Oceania"}'
    html = (
        f'<html><head><title>New Zealand - Wikipedia</title><script type="application/ld+json">{ld}</script>'
        "</head><body><h1>New Zealand</h1><p>New Zealand is an island country in the southwestern Pacific "
        "Ocean, made of two main landmasses and more than 700 smaller islands.</p></body></html>"
    )
    a = parse_html(html, url="https://en.wikipedia.org/wiki/New_Zealand", source=Source(kind="html")).article
    assert a.title == "New Zealand"


def _page(head: str, body: str = "") -> Article:
    prose = "<p>" + "The council met on Tuesday and talked about the budget for a long time. " * 6 + "</p>"
    html = f"<html><head>{head}</head><body>{body}<h1>Visible headline</h1>{prose}</body></html>"
    return parse_html(html, url=None, source=Source(kind="html")).article


def test_analytics_title_wins_over_the_h1_but_a_bare_meta_title_does_not() -> None:
    assert _page('<meta name="parsely-title" content="Publisher title">').title == "Publisher title"
    assert _page('<meta name="sailthru.title" content="Publisher title">').title == "Publisher title"
    assert _page('<meta name="title" content="Site-wide default">').title == "Visible headline"


def test_a_date_that_is_a_whole_part_of_the_title_is_the_last_resort() -> None:
    a = _page("<title>Elephants lose their land | Environment | DW | 23.05.2011</title>")
    assert a.published == "2011-05-23"
    a = _page("<title>Briefe - 26 Oktober 2010 - Blog</title>")
    assert a.published == "2010-10-26"
    # a date inside the headline is what the story is about, not when it ran
    assert _page("<title>What happened on 23.05.2011 | DW</title>").published is None
    # any date from the markup comes first
    a = _page(
        '<title>Story | DW | 23.05.2011</title><meta property="article:published_time" content="2011-05-24">'
    )
    assert a.published == "2011-05-24"
