"""One small adapter per extractor.

Every adapter takes the page's bytes, its kind (``html`` or ``text``) and its
URL (or None) and returns a :data:`Result`::

    {"body", "title", "author", "date", "sitename", "lang", "comments", "related"}

``comments`` is a list of ``{"text": ...}``, ``related`` a list of teaser
titles.  A field the extractor does not produce is left out (and shown as "–"
in the report; see ``Extractor.fields``), so a missing feature is not
mistaken for a wrong answer.

Peers that read only HTML get a text dump as one ``<p>`` per non-blank line
(:func:`lines_to_html`): the baseline the text path is compared with.  Each
peer gets the bytes, or a string decoded the way that peer expects; imports
happen in :meth:`Extractor.load`, inside the worker process, so they are timed.
"""

from __future__ import annotations

import html
import importlib.util
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Result = dict[str, Any]
Adapter = Callable[[bytes, str, "str | None"], Result]

PLACEHOLDER_URL = "https://example.invalid/article"

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_XML_ENCODING = re.compile(rb"""<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""", re.I)
_HTML_LANG = re.compile(rb"""<html[^>]*\slang\s*=\s*["']?([A-Za-z]{2,3})""", re.I)

# jusText stoplists by ISO 639-1 code (the languages of the corpora; others fall back to English).
JUSTEXT_LANGUAGES = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "it": "Italian",
    "pt": "Portuguese",
    "nl": "Dutch",
    "pl": "Polish",
    "ru": "Russian",
    "cs": "Czech",
    "sv": "Swedish",
    "da": "Danish",
    "fi": "Finnish",
    "nb": "Norwegian_Bokmal",
    "no": "Norwegian_Bokmal",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "hu": "Hungarian",
    "ro": "Romanian",
    "el": "Greek",
    "ca": "Catalan",
    "sk": "Slovak",
    "ko": "Korean",
    "id": "Indonesian",
    "vi": "Vietnamese",
    "ar": "Arabic",
    "he": "Hebrew",
    "fa": "Persian",
}

_BLOCK_TAGS = frozenset(
    (  # noqa: SIM905 - a word list reads better than 28 quoted strings
        "p div h1 h2 h3 h4 h5 h6 li ul ol dl dt dd blockquote pre table tr td th "
        "section article header footer figure figcaption br hr"
    ).split()
)


# ---------------------------------------------------------------- helpers


def lines_to_html(data: bytes) -> bytes:
    """A text dump as HTML: one escaped ``<p>`` per non-blank line."""
    text = data.decode("utf-8", errors="replace")
    paras = "".join(f"<p>{html.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip())
    page = f'<!DOCTYPE html><html><head><meta charset="utf-8"></head><body>\n{paras}</body></html>'
    return page.encode("utf-8")


def decode_html(data: bytes) -> str:
    """Decode for peers that want a string: BOM, then the declared charset,
    then UTF-8, then windows-1252 (what a browser falls back to)."""
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8"), (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="replace")
    head = data[:4096]
    match = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def html_lang(data: bytes) -> str | None:
    match = _HTML_LANG.search(data[:8192])
    return match.group(1).decode("ascii").lower() if match else None


def html_to_text(markup: str) -> str:
    """Plain text of an HTML fragment, one line per block element."""
    import lxml.html

    if not markup.strip():
        return ""
    root = lxml.html.fromstring(markup)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag in _BLOCK_TAGS:
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(line.split()) for line in "".join(str(t) for t in root.itertext()).splitlines())
    return "\n".join(line for line in lines if line)


def _iso(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


# ---------------------------------------------------------------- adapters


def _newsextract() -> Adapter:
    import newsextract

    def run(data: bytes, kind: str, url: str | None) -> Result:
        doc = newsextract.parse(data, url=url, kind=kind)  # type: ignore[arg-type]
        art = doc.article
        return {
            "body": art.text,
            "title": art.title,
            "author": list(art.authors),
            "date": art.published,
            "sitename": art.site_name,
            "lang": art.language,
            "comments": [{"text": c.text} for c in doc.comments.items],
            "related": [t.title for t in doc.related],
        }

    # Each page is timed cold (the worker calls this before starting the
    # clock): nothing remembered from earlier pages, or from this page in an
    # earlier pass, speeds it up.
    run.before_each = newsextract.clear_caches  # type: ignore[attr-defined]
    return run


def _trafilatura(fast: bool) -> Callable[[], Adapter]:
    def load() -> Adapter:
        import trafilatura

        def run(data: bytes, kind: str, url: str | None) -> Result:
            doc = trafilatura.bare_extraction(
                data, url=url, fast=fast, with_metadata=True, include_comments=True
            )
            if doc is None:
                return {"body": ""}
            assert not isinstance(doc, dict)  # only with as_dict=True
            comments = doc.comments or ""
            return {
                "body": doc.text or "",
                "title": doc.title,
                "author": doc.author,
                "date": doc.date,
                "sitename": doc.sitename,
                "comments": [{"text": comments}] if comments else [],
            }

        return run

    return load


def _readability() -> Adapter:
    import readability

    def run(data: bytes, kind: str, url: str | None) -> Result:
        doc = readability.Document(data, url=url)
        return {"body": html_to_text(doc.summary(html_partial=True)), "title": doc.short_title()}

    return run


def _justext() -> Adapter:
    import justext

    stoplists: dict[str, frozenset[str]] = {}

    def run(data: bytes, kind: str, url: str | None) -> Result:
        language = JUSTEXT_LANGUAGES.get(html_lang(data) or "en", "English")
        if language not in stoplists:
            stoplists[language] = justext.get_stoplist(language)
        paragraphs = justext.justext(data, stoplists[language])
        return {"body": "\n".join(p.text for p in paragraphs if not p.is_boilerplate)}

    return run


def _resiliparse() -> Adapter:
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.encoding import bytes_to_str, detect_encoding

    def run(data: bytes, kind: str, url: str | None) -> Result:
        text = bytes_to_str(data, detect_encoding(data) or "utf-8")
        return {"body": extract_plain_text(text, main_content=True)}

    return run


def _newspaper() -> Adapter:
    import newspaper

    def run(data: bytes, kind: str, url: str | None) -> Result:
        article = newspaper.Article(url or PLACEHOLDER_URL, fetch_images=False)
        article.download(input_html=decode_html(data))
        article.parse()
        return {
            "body": article.text,
            "title": article.title,
            "author": list(article.authors),
            "date": _iso(article.publish_date),
            "sitename": article.meta_site_name or None,
            "lang": article.meta_lang or None,
        }

    return run


def _goose() -> Adapter:
    from goose3 import Configuration, Goose

    config = Configuration()
    config.enable_image_fetching = False
    goose = Goose(config)

    def run(data: bytes, kind: str, url: str | None) -> Result:
        article = goose.extract(url=url, raw_html=decode_html(data))
        return {
            "body": article.cleaned_text,
            "title": article.title,
            "author": list(article.authors),
            "date": _iso(article.publish_date),
            "sitename": (article.opengraph or {}).get("site_name"),
            "lang": article.meta_lang or None,
        }

    return run


def _boilerpy3() -> Adapter:
    from boilerpy3 import extractors

    extractor = extractors.ArticleExtractor(raise_on_failure=False)

    def run(data: bytes, kind: str, url: str | None) -> Result:
        doc = extractor.get_doc(decode_html(data))
        return {"body": doc.content or "", "title": doc.title}

    return run


# ---------------------------------------------------------------- registry


@dataclass(frozen=True, slots=True)
class Extractor:
    name: str
    module: str  # import name, to tell whether it is installed
    dist: str  # distribution name, for its version
    factory: Callable[[], Adapter]
    fields: frozenset[str] = frozenset({"body"})  # the result fields it fills
    html_only: bool = True

    def installed(self) -> bool:
        return importlib.util.find_spec(self.module) is not None

    def load(self) -> Adapter:
        """Import the extractor and return its adapter; text dumps are wrapped
        in ``<p>`` lines for HTML-only peers."""
        adapter = self.factory()
        if not self.html_only:
            return adapter

        def run(data: bytes, kind: str, url: str | None) -> Result:
            if kind == "text":
                data = lines_to_html(data)
            return adapter(data, "html", url)

        return run


_META = frozenset({"body", "title", "author", "date", "sitename"})
_ALL = frozenset({*_META, "lang", "comments", "related"})

EXTRACTORS: dict[str, Extractor] = {
    e.name: e
    for e in (
        Extractor("newsextract", "newsextract", "newsextract", _newsextract, _ALL, html_only=False),
        Extractor(
            "trafilatura", "trafilatura", "trafilatura", _trafilatura(fast=False), _META | {"comments"}
        ),
        Extractor(
            "trafilatura-fast", "trafilatura", "trafilatura", _trafilatura(fast=True), _META | {"comments"}
        ),
        Extractor(
            "readability-lxml", "readability", "readability-lxml", _readability, frozenset({"body", "title"})
        ),
        Extractor("justext", "justext", "jusText", _justext),
        Extractor("resiliparse", "resiliparse", "resiliparse", _resiliparse),
        Extractor("newspaper4k", "newspaper", "newspaper4k", _newspaper, _META | {"lang"}),
        Extractor("goose3", "goose3", "goose3", _goose, _META | {"lang"}),
        Extractor("boilerpy3", "boilerpy3", "boilerpy3", _boilerpy3, frozenset({"body", "title"})),
    )
}
BASELINE = "trafilatura"  # speed ratios are given against this one
TEXT_BASELINE = "justext"  # and, on text dumps, against jusText over the lines


def version(extractor: Extractor) -> str | None:
    from importlib.metadata import PackageNotFoundError
    from importlib.metadata import version as dist_version

    try:
        found = dist_version(extractor.dist)
    except PackageNotFoundError:
        return None
    if extractor.module == "newsextract":  # which build is measured (see setup.py)
        import newsextract

        found += " (compiled)" if newsextract.compiled_modules() else " (pure Python)"
    return found
