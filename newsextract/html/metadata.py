"""Page metadata, each field from the best source the page has.

Order of sources, first non-empty wins:

==========  ===================================================================
title       JSON-LD ``headline``, ``og:title``, ``twitter:title``, microdata
            ``headline``, the main ``<h1>``, ``<title>``; a site suffix/prefix
            ("Headline | Site") is removed only when it matches the site name
            (or the URL's domain)
authors     JSON-LD ``author``, ``meta[name=author]``, microdata
            ``itemprop=author``, ``rel=author`` links, a byline element
published   JSON-LD ``datePublished``; ``article:published_time`` and the
            other ``<meta>`` names of :data:`META_PUBLISHED` (in that order)
            when there is none, or when it is a UTC time (it may be past
            local midnight) and the meta differs, is not the modification
            time and is at most :data:`MAX_META_LD_DAYS` off it; JSON-LD
            ``dateCreated``; microdata ``datePublished``.
            Then, once the article is found (by the caller,
            :func:`newsextract.html.parse_html`): a date in the URL path
            (``/2019/11/18/``), which also wins over a markup date one day off
            it; a machine date (:func:`machine_dates`: ``<time datetime>``,
            ``<relative-time>``, a date-classed element's ISO ``title``) left
            once comments and teaser blocks are out, not in
            ``<aside>``/``<nav>``/``<footer>``; a visible date in a byline or
            a short line near the top of the article; the page's first
            machine date.  Dates keep the page's own
            offset, never converted: "2019-11-18T23:30:00-05:00" is the 18th.
site name   ``og:site_name``, JSON-LD ``publisher.name``, ``application-name``,
            the part of ``<title>`` that is not the headline
url         the caller's ``url`` (it overrides the page's), ``<link rel=canonical>``, ``og:url``, JSON-LD
            ``url`` (made absolute against the caller's url)
language    ``<html lang>``, ``content-language``, ``og:locale``, JSON-LD
            ``inLanguage``; detection from the body text is done by the caller
description ``og:description``, ``meta[name=description]``, JSON-LD
image       ``og:image``, ``twitter:image``, JSON-LD ``image``
tags        ``article:tag``, JSON-LD ``keywords``, ``meta[name=keywords]``
==========  ===================================================================
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from .. import lexicon
from ..dates import find_date
from ..model import Comment
from .text import absolute_url, collapse, element_text, host_of
from .tree import Element, find_all

#: JSON-LD ``@type`` values of an article (schema.org CreativeWork subtypes a
#: news page uses for its main story).
ARTICLE_TYPES: frozenset[str] = frozenset(
    {
        "article", "newsarticle", "blogposting", "reportagenewsarticle", "analysisnewsarticle",
        "opinionnewsarticle", "backgroundnewsarticle", "reviewnewsarticle", "report",
        "scholarlyarticle", "techarticle", "liveblogposting", "socialmediaposting",
        "discussionforumposting", "posting", "review", "medicalwebpage", "askpublicnewsarticle",
        "satiricalarticle", "advertisercontentarticle", "howto", "recipe", "qapage",
    }
)  # fmt: skip
#: Weaker page types: used only when no article object exists.
PAGE_TYPES: frozenset[str] = frozenset({"webpage", "itempage", "videoobject", "creativework"})

#: ``<meta>`` names/properties for each field, best first.
META_TITLE = ("og:title", "twitter:title", "dc.title", "title", "sailthru.title", "parsely-title")
#: The ``<meta>`` titles trusted over the page's ``<h1>``: those the publisher
#: sets for sharing and for its analytics (Parse.ly, Sailthru), which name the
#: article.  A bare ``<meta name="title">`` is often a site-wide default.
META_TITLE_OVER_H1 = ("og:title", "twitter:title", "dc.title", "sailthru.title", "parsely-title")
META_AUTHOR = ("author", "article:author", "dc.creator", "byl", "sailthru.author", "parsely-author",
               "twitter:creator", "citation_author")  # fmt: skip
META_PUBLISHED = (
    "article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
    "publish-date", "publish_date", "date", "dc.date", "dc.date.issued", "dcterms.date",
    "dcterms.created", "sailthru.date", "parsely-pub-date", "article.published",
    "og:article:published_time", "cxenseparse:recs:publishtime", "citation_publication_date",
    "originalpublicationdate", "rnews:datepublished", "article_date_original", "date_published",
)  # fmt: skip
META_DESCRIPTION = ("og:description", "description", "twitter:description", "dc.description")
META_IMAGE = ("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "twitter:image:src")
META_TAGS = ("article:tag", "news_keywords", "keywords", "parsely-tags")
META_LANGUAGE = ("content-language", "dc.language", "language", "og:locale")

#: Separators between a headline and a site name in ``<title>``.
# `(?:(?<!\s)|(?!\s))`: a match never starts inside a run of spaces (the
# leftmost match starts at its first space anyway); without it, searching a
# long run of spaces retries from every space of it (quadratic time).  The
# same guard is on the other separator patterns below and in the text path.
TITLE_SEPARATOR = re.compile(r"(?:(?<!\s)|(?!\s))(?:\s+[|\-–—·•:»/]+\s+|\s*[|·•»]\s*)")
#: An ISO 8601 date or date-time at the start of a string.
ISO_DATE = re.compile(
    r"^\s*(\d{4})-?(\d{2})-?(\d{2})(?:[T\s](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
#: A ``<meta>`` published date more days than this off JSON-LD's is not
#: its local-time reading nor a same-week correction but another event (an
#: import, a re-publication): JSON-LD's is kept.
MAX_META_LD_DAYS = 30
#: Elements whose ``datetime`` attribute is the date they show.
MACHINE_TIME_TAGS: frozenset[str] = frozenset({"time", "relative-time", "local-time"})
#: Classes of an element that shows a date or an age (its ``title`` may hold the ISO date).
DATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:age|date|time|timestamp|updated|published|posted|pubdate|datetime)(?:$|[\s_-])",
    re.IGNORECASE,
)
#: Author values that are not names (profile URLs, handles, site names).
NOT_A_NAME = re.compile(r"^(?:https?:|www\.|@)|[<>{}]|\.(?:com|org|net)\b", re.IGNORECASE)
#: Separators between several authors in one string.
AUTHOR_SEPARATOR = re.compile(r"(?:(?<!\s)|(?!\s))\s*(?:,|;|&|\||\band\b|\bund\b|\bet\b|\by\b|\bi\b|\be\b)\s*")
#: Elements that may hold a byline: a class with one of these pieces, an id
#: with one of :data:`BYLINE_ID_MARK`'s, or ``rel=author`` (a cheap first cut,
#: case-sensitive, then checked with :data:`BYLINE_HINT`).
BYLINE_CLASS_MARK = re.compile(r"uthor|yline|by-line|writer|utor|creator")
BYLINE_ID_MARK = re.compile(r"uthor|yline")
#: Class/id/rel of a byline or author name element (English-ish markup names
#: and the German/Romance "autor"/"auteur").
BYLINE_HINT = re.compile(
    r"(?:^|[\s_-])(?:by-?line|author(?:-?name)?|post-?author|article-?author|entry-?author|"
    r"writer|autor|auteur|autore|creator|contributor)s?(?:$|[\s_-])|^author$|byline",
    re.IGNORECASE,
)
#: Author boxes and photos, not bylines.
BYLINE_NOT = re.compile(r"bio|photo|avatar|image|img|description|about|follow|social|comment", re.IGNORECASE)
#: Where a byline stops being names: a separator before a date, role or site.
BYLINE_CUT = re.compile(r"(?:(?<!\s)|(?!\s))(?:\s+[|•·–—-]\s+|\s*\|\s*)|\n")
#: Longest byline text.
MAX_BYLINE_CHARS = 150
#: A date in a URL path: /2019/11/18/ or /2019-11-18-.
URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](\d{2})[/-](\d{2})(?:[/_-]|$)")
#: How :func:`iso_date` writes a UTC time.
UTC_SUFFIXES: tuple[str, ...] = ("Z", "+00:00")
#: Longest plausible author name (longer text is a sentence, not a byline).
MAX_AUTHOR_CHARS = 60
#: Longest title and site name kept.
MAX_TITLE_CHARS = 300


@dataclass(slots=True)
class Metadata:
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    site_name: str | None = None
    url: str | None = None
    language: str | None = None
    description: str | None = None
    image: str | None = None
    tags: list[str] = field(default_factory=list)
    #: JSON-LD says this page is an article (used by the no-article decision).
    is_article: bool = False
    #: The article text given in JSON-LD, when the page embeds one.
    body_hint: str | None = None
    #: The first ``<time datetime>`` of the whole page (the last resort for the date).
    first_time: str | None = None
    #: A date that is a whole part of the page's title ("Story | Site | 23.05.2011"),
    #: after that.
    title_date: str | None = None
    #: Comments given in JSON-LD (``comment`` of the article object).
    comments: list[Comment] = field(default_factory=list)


# ---------------------------------------------------------------- JSON-LD


def _json_objects(value: Any) -> Iterator[dict[str, Any]]:
    """Every object of a JSON-LD document: top level, lists and ``@graph``."""
    stack = deque([value])
    while stack:
        item = stack.popleft()
        if isinstance(item, list):
            stack.extendleft(reversed(item))
        elif isinstance(item, dict):
            yield item
            graph = item.get("@graph")
            if isinstance(graph, list | dict):
                stack.appendleft(graph)
            main = item.get("mainEntity")
            if isinstance(main, dict):
                stack.appendleft(main)


def _types(obj: dict[str, Any]) -> set[str]:
    t = obj.get("@type")
    if isinstance(t, str):
        return {t.casefold().rsplit("/", 1)[-1]}
    if isinstance(t, list):
        return {str(x).casefold().rsplit("/", 1)[-1] for x in t}
    return set()


def json_ld_objects(root: Element) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").casefold():
            continue
        raw = (script.text or "").strip()
        if not raw:
            continue
        raw = raw.removeprefix("<![CDATA[").removesuffix("]]>").strip().rstrip(";")
        try:
            data = json.loads(raw, strict=False)
        except (ValueError, RecursionError):
            # RecursionError: JSON nested thousands deep (hostile or broken);
            # the page is still readable without its JSON-LD.
            continue
        out.extend(_json_objects(data))
    return out


#: How deep :func:`_name_of` and :func:`_first_str` follow nested lists and
#: objects.  Real JSON-LD nests a value two or three levels; a hostile page can
#: nest a list hundreds deep, which must not reach Python's recursion limit.
MAX_VALUE_DEPTH = 8


def _name_of(value: Any, depth: int = 0) -> list[str]:
    """Names of a JSON-LD Person/Organization value (str, object or list)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        name = value.get("name")
        if isinstance(name, str):
            return [name]
        if isinstance(name, list):
            return [str(n) for n in name if isinstance(n, str)]
        given, family = value.get("givenName"), value.get("familyName")
        if isinstance(given, str) and isinstance(family, str):
            return [f"{given} {family}"]
        return []
    if isinstance(value, list) and depth < MAX_VALUE_DEPTH:
        return [n for v in value for n in _name_of(v, depth + 1)]
    return []


def _first_str(value: Any, depth: int = 0) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if depth >= MAX_VALUE_DEPTH:
        return None
    if isinstance(value, list):
        for v in value:
            s = _first_str(v, depth + 1)
            if s:
                return s
    if isinstance(value, dict):
        for key in ("url", "@id", "contentUrl"):
            s = _first_str(value.get(key), depth + 1)
            if s:
                return s
    return None


# ---------------------------------------------------------------- values


def iso_date(value: str | None) -> str | None:
    """``value`` as ISO 8601 (date, or date-time when the page gives a time)."""
    if not value:
        return None
    m = ISO_DATE.match(value)
    if m:
        y, mo, d, hh, mm, ss, tz = m.groups()
        if not (1 <= int(mo) <= 12 and 1 <= int(d) <= 31 and 1900 <= int(y) <= 2100):
            return None
        if hh is None:
            return f"{y}-{mo}-{d}"
        out = f"{y}-{mo}-{d}T{hh}:{mm}:{ss or '00'}"
        if tz:
            out += "Z" if tz == "Z" else (tz if ":" in tz else f"{tz[:3]}:{tz[3:]}")
        return out
    found = find_date(value)
    return found[1] if found else None


def clean_author(name: str) -> str | None:
    """One author name, with a byline prefix ("By", "Von", "Par"...) removed."""
    name = collapse(name).strip(" ,;:|-–—")
    name = strip_phrase_prefix(name, "byline_prefix")
    if not name or len(name) > MAX_AUTHOR_CHARS or NOT_A_NAME.search(name):
        return None
    if not any(ch.isalpha() for ch in name):
        return None
    return name


def split_authors(values: list[str]) -> list[str]:
    out: list[str] = []
    seen: set[str] = set()
    for value in values:
        value = strip_phrase_prefix(collapse(value), "byline_prefix")
        for part in AUTHOR_SEPARATOR.split(value) if len(value) > 3 else [value]:
            name = clean_author(part)
            if name and name.casefold() not in seen:
                seen.add(name.casefold())
                out.append(name)
    return out


def strip_phrase_prefix(text: str, category: str) -> str:
    """``text`` without a leading lexicon phrase of ``category``."""
    if not text or not lexicon.starts_with_phrase(text, category):
        return text
    low = lexicon.normalize(text)
    for phrase in sorted(lexicon.phrases(category), key=len, reverse=True):
        p = lexicon.normalize(phrase)
        if p and low.startswith(p):
            # the normalized text may differ in length (case folding); cut by words
            words = len(p.split())
            parts = text.split(None, words)
            rest = parts[words] if len(parts) > words else ""
            return rest.lstrip(" :,-–—")
    return text


def _site_matches(part: str, site: str | None, host: str | None) -> bool:
    key = re.sub(r"\W+", "", part.casefold())
    if not key:
        return False
    if site and key == re.sub(r"\W+", "", site.casefold()):
        return True
    if host:
        labels = [re.sub(r"\W+", "", x) for x in host.casefold().split(".") if x not in ("www", "m")]
        if key in labels or (labels and key == "".join(labels[:-1])):
            return True
        if len(key) >= 4 and host.casefold().replace("-", "").find(key) >= 0:
            return True
    return False


def strip_site(title: str, site: str | None, host: str | None) -> tuple[str, str | None]:
    """Remove a site name from either end of ``title``; return (title, removed part)."""
    parts = TITLE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title, None
    seps = TITLE_SEPARATOR.findall(title)
    if _site_matches(parts[-1], site, host):
        cut = title.rfind(seps[-1])
        return title[:cut].strip(), parts[-1].strip()
    if _site_matches(parts[0], site, host):
        cut = title.find(seps[0]) + len(seps[0])
        return title[cut:].strip(), parts[0].strip()
    return title, None


# ---------------------------------------------------------------- extraction


def _meta_map(root: Element) -> dict[str, list[str]]:
    metas: dict[str, list[str]] = {}
    for meta in root.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop") or meta.get("http-equiv")
        content = meta.get("content")
        if key and content and content.strip():
            metas.setdefault(key.strip().casefold(), []).append(content.strip())
    return metas


def _first_meta(metas: dict[str, list[str]], keys: tuple[str, ...]) -> str | None:
    for key in keys:
        for value in metas.get(key, ()):
            if value:
                return value
    return None


def _itemprop(root: Element, prop: str) -> list[Element]:
    return [el for el in find_all(root, f".//*[@itemprop][contains(concat(' ', normalize-space(@itemprop), ' '), ' {prop} ')]")
            if isinstance(el, Element)]  # fmt: skip


def _attr_or_text(el: Element) -> str:
    for attr in ("content", "datetime", "title"):
        v = el.get(attr)
        if v and v.strip():
            return str(v).strip()
    return element_text(el)


def _scheme(url: str) -> str | None:
    """The scheme of ``url``; None when it is not a URL at all (``urlsplit``
    raises on a broken IPv6 host such as ``http://[x``)."""
    try:
        return urlsplit(url).scheme
    except ValueError:
        return None


def extract_metadata(root: Element, url: str | None) -> Metadata:
    md = Metadata()
    metas = _meta_map(root)
    objects = json_ld_objects(root)
    articles = [o for o in objects if _types(o) & ARTICLE_TYPES]
    pages = [o for o in objects if _types(o) & PAGE_TYPES]
    main = articles[0] if articles else (pages[0] if pages else {})
    md.is_article = bool(articles) or (_first_meta(metas, ("og:type",)) or "").casefold() == "article"
    body = main.get("articleBody") or main.get("text")
    md.body_hint = body if isinstance(body, str) and body.strip() else None

    md.comments = json_ld_comments(main.get("comment"))

    # site name first: the title's suffix is removed when it matches it
    site = _first_meta(metas, ("og:site_name",))
    if not site:
        for o in [main, *objects]:
            pub = o.get("publisher")
            names = _name_of(pub) if isinstance(pub, dict | list) else []
            if names:
                site = names[0]
                break
    if not site:
        site = _first_meta(metas, ("application-name", "publisher", "dc.publisher"))
    site = collapse(site) if site else None

    # url
    page_url: str | None = None
    for link in root.iter("link"):
        if "canonical" in (link.get("rel") or "").casefold().split() and link.get("href"):
            page_url = link.get("href")
            break
    page_url = page_url or _first_meta(metas, ("og:url",)) or _first_str(main.get("url"))
    if url:
        md.url = url
    elif page_url and _scheme(page_url) in ("http", "https"):
        md.url = page_url
    base = url or md.url
    host = host_of(base)

    # title
    title_el = root.find(".//title")
    html_title = collapse(element_text(title_el)) if title_el is not None else ""

    def candidates() -> Iterator[str]:
        """Title candidates, best first, each looked up only when the ones
        before it gave nothing usable."""
        headline, name = main.get("headline"), main.get("name")
        if (
            isinstance(headline, str)
            and isinstance(name, str)
            and html_title
            and collapse(name).casefold() == strip_site(html_title, site, host)[0].casefold()
            and collapse(headline).casefold() not in html_title.casefold()
        ):
            yield name  # <title> is the name; the headline is a description (Wikipedia's)
        headline = headline or name
        if isinstance(headline, str):
            yield headline
        meta_title = _first_meta(metas, META_TITLE_OVER_H1)
        if meta_title:
            yield meta_title
        for el in _itemprop(root, "headline")[:1]:
            yield _attr_or_text(el)
        h1s = [h for h in (collapse(element_text(h)) for h in root.iter("h1")) if h]
        if len(h1s) == 1 or (h1s and html_title and h1s[0].casefold() in html_title.casefold()):
            yield h1s[0]
        if html_title:
            yield html_title

    for cand in candidates():
        cand = collapse(cand)
        if cand and len(cand) <= MAX_TITLE_CHARS:
            md.title, removed = strip_site(cand, site, host)
            if not site and removed and html_title and cand == html_title:
                site = removed
            break
    if not site and html_title and md.title and html_title != md.title:
        rest = html_title.replace(md.title, "").strip(" |-–—·•:»/")
        if rest and len(rest) <= 60 and rest != html_title:
            site = rest
    md.site_name = site or None

    # authors
    raw_authors = _name_of(main.get("author") or main.get("creator"))
    if not raw_authors:
        meta_author = _first_meta(metas, META_AUTHOR)
        if meta_author:
            raw_authors = [meta_author]
    if not raw_authors:
        for el in _itemprop(root, "author")[:4]:
            named = _itemprop(el, "name") if el.get("itemscope") is not None else []
            raw_authors.append(_attr_or_text(named[0]) if named else _attr_or_text(el))
    if not raw_authors:
        raw_authors = [
            element_text(a) for a in find_all(root, "//a[@rel='author']")[:4] if isinstance(a, Element)
        ]
    md.authors = split_authors([a for a in raw_authors if a])

    md.published = _published(root, main, metas)
    if md.published is None:  # only the last resorts need them
        md.first_time = next((value for _, value in machine_dates(root)), None)

    # language
    lang = root.get("lang") or root.get("xml:lang") or _first_meta(metas, META_LANGUAGE)
    if not lang and isinstance(main.get("inLanguage"), str):
        lang = main["inLanguage"]
    if lang:
        lang = lang.strip().replace("_", "-").split(",")[0].strip()
        md.language = lang if re.fullmatch(r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*", lang) else None
    if md.published is None and md.first_time is None:
        primary = md.language.split("-")[0].lower() if md.language else None
        md.title_date = _title_date((html_title, _first_meta(metas, ("og:title",))), primary)

    desc = _first_meta(metas, META_DESCRIPTION) or _first_str(main.get("description"))
    md.description = collapse(desc) if desc else None
    image = _first_meta(metas, META_IMAGE) or _first_str(main.get("image") or main.get("thumbnailUrl"))
    md.image = (absolute_url(image, base) or image) if image else None

    tags: list[str] = list(metas.get("article:tag", []))
    keywords = main.get("keywords")
    if not tags and isinstance(keywords, list):
        tags = [str(k) for k in keywords]
    elif not tags and isinstance(keywords, str):
        tags = keywords.split(",")
    if not tags:
        kw = _first_meta(metas, META_TAGS[1:])
        tags = kw.split(",") if kw else []
    seen: set[str] = set()
    for tag in tags:
        tag = collapse(tag)
        if tag and tag.casefold() not in seen and len(tag) <= 60:
            seen.add(tag.casefold())
            md.tags.append(tag)
    return md


def _published(root: Element, main: dict[str, Any], metas: dict[str, list[str]]) -> str | None:
    """The publication date the markup gives (see the module docstring for the order)."""
    ld = iso_date(_first_str(main.get("datePublished")))
    meta = iso_date(_first_meta(metas, META_PUBLISHED))
    if meta and ld and meta != ld:
        # JSON-LD in UTC may be past local midnight; a <meta> that differs is
        # taken instead, unless it is the modification time
        modified = (_first_str(main.get("dateModified")), *metas.get("article:modified_time", ()),
                    *metas.get("og:updated_time", ()))  # fmt: skip
        if (
            not ld.endswith(UTC_SUFFIXES)
            or meta in {iso_date(v) for v in modified}
            or days_apart(meta, ld) > MAX_META_LD_DAYS
        ):
            meta = None
    published = meta or ld or iso_date(_first_str(main.get("dateCreated")))
    if published:
        return published
    for el in _itemprop(root, "datePublished")[:1]:
        return iso_date(_attr_or_text(el))
    return None


def _title_date(titles: tuple[str | None, ...], lang: str | None) -> str | None:
    """A date that is one whole part of a title, between separators
    ("Story | Section | Site | 23.05.2011"): some sites stamp the publication
    date into ``<title>`` and ``og:title`` and nowhere else in the markup.  A
    date inside the headline's own words is what the story is about, so only
    a part that is nothing but a date counts."""
    for title in titles:
        if not title:
            continue
        for part in TITLE_SEPARATOR.split(title)[1:]:  # the first part is the headline
            found = find_date(part, lang=lang, whole_line=True)
            if found:
                return found[1]
    return None


def days_apart(a: str, b: str) -> int:
    """Whole days between two ISO dates (0 when either is not one)."""
    try:
        return abs((date.fromisoformat(a[:10]) - date.fromisoformat(b[:10])).days)
    except ValueError:
        return 0


def machine_dates(root: Element) -> Iterator[tuple[Element, str]]:
    """Machine-readable dates in page order: ``<time datetime>`` (and the
    ``<relative-time>``/``<local-time>`` web components), and the ISO
    ``title`` of an element whose class names a date or an age
    (``<span class="age" title="2025-06-15T12:00:00">``)."""
    for el in root.iter():
        tag = el.tag
        if tag in MACHINE_TIME_TAGS:
            value = iso_date(el.get("datetime"))
        else:
            title = el.get("title")
            if not title or not title[:1].isdigit():
                continue
            cls = el.get("class")
            if not cls or not DATE_CLASS.search(cls) or not ISO_DATE.match(title):
                continue
            value = iso_date(title)
        if value:
            yield el, value


def json_ld_comments(value: Any, depth: int = 0) -> list[Comment]:
    """schema.org ``Comment`` objects (and their ``comment`` replies)."""
    out: list[Comment] = []
    for obj in value if isinstance(value, list) else [value]:
        if not isinstance(obj, dict):
            continue
        text = obj.get("text") or obj.get("description")
        if isinstance(text, str) and text.strip():
            names = _name_of(obj.get("author") or obj.get("creator"))
            published = iso_date(_first_str(obj.get("dateCreated") or obj.get("datePublished")))
            out.append(
                Comment(
                    text=collapse(text), author=names[0] if names else None, published=published, depth=depth
                )
            )
        if depth < 20:
            out.extend(json_ld_comments(obj.get("comment"), depth + 1))
    return out


def byline_authors(root: Element) -> list[str]:
    """Authors from a byline element (``.byline``, ``.author``, ``.by-line``...):
    the first one whose text reads as names."""
    for el in _byline_candidates(root):
        hint = " ".join(filter(None, (el.get("class"), el.get("id"), el.get("rel"), el.get("itemprop"))))
        if not BYLINE_HINT.search(hint) or BYLINE_NOT.search(hint):
            continue
        text = element_text(el)
        if not text or len(text) > MAX_BYLINE_CHARS:
            continue
        line = strip_phrase_prefix(text, "byline_prefix")
        found = find_date(line)
        if found:
            line = line.replace(found[0], " | ")
        line = BYLINE_CUT.split(line)[0]
        names = split_authors([line])
        if names:
            return names[:4]
    return []


def _byline_candidates(root: Element) -> Iterator[Element]:
    """Descendants of ``root`` whose class, id or rel may name a byline, in
    page order (a Python loop over the tree: three attribute reads an element
    cost less than libxml2's XPath with substring tests)."""
    for el in root.iterdescendants():
        cls = el.get("class")
        if cls and BYLINE_CLASS_MARK.search(cls):
            yield el
            continue
        ident = el.get("id")
        if (ident and BYLINE_ID_MARK.search(ident)) or el.get("rel") == "author":
            yield el


def date_from_url(url: str | None) -> str | None:
    """A publication date written in the URL path (``/2019/11/18/slug``)."""
    if not url:
        return None
    m = URL_DATE.search(url)
    if not m:
        return None
    return iso_date(f"{m.group(1)}-{m.group(2)}-{m.group(3)}")


def visible_date(texts: list[str]) -> str | None:
    """The first date written in ``texts`` (lines near the byline)."""
    for text in texts:
        found = find_date(text)
        if found:
            return str(found[1])
    return None
