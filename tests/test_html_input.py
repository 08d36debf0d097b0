"""Bytes in through ``newsextract.parse``: encodings, and pages that try to
make the parser read files or the network."""

from __future__ import annotations

import codecs
from pathlib import Path

import newsextract

BODY = (
    "<p>{text} Ce paragraphe est assez long pour être retenu comme corps de l'article, "
    "avec des accents partout : été, château, garçon, cœur.</p>"
)


def page(text: str, head: str = "") -> str:
    return f"<html><head>{head}<title>Essai</title></head><body><article>{BODY.format(text=text)}</article></body></html>"


def test_cp1252_without_declaration() -> None:
    data = page("Déjà « vu » — naïve façade…").encode("cp1252")
    doc = newsextract.parse(data, kind="html")
    assert "Déjà « vu » — naïve façade…" in doc.article.text


def test_shift_jis_declared_in_meta() -> None:
    html = (
        '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS">'
        "<title>ニュース</title></head><body><article><p>"
        + "東京で新しい図書館が開館しました。多くの市民が訪れ、子ども向けの読書室も人気を集めています。" * 4
        + "</p></article></body></html>"
    )
    doc = newsextract.parse(html.encode("shift_jis"), kind="html")
    assert "新しい図書館が開館しました" in doc.article.text
    assert doc.article.title == "ニュース"


def test_utf8_with_bom() -> None:
    data = codecs.BOM_UTF8 + page("Überraschung: Grüße aus Köln.").encode("utf-8")
    doc = newsextract.parse(data, kind="html")
    assert "Überraschung: Grüße aus Köln." in doc.article.text
    assert "\ufeff" not in doc.article.text


def test_wrong_declaration_is_not_trusted() -> None:
    data = page("Ça coûte très cher à Genève.", head='<meta charset="utf-8">').encode("cp1252")
    doc = newsextract.parse(data, kind="html")
    assert "Ça coûte très cher à Genève." in doc.article.text


def test_external_entities_are_not_resolved(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    html = (
        f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file://{secret}">'
        f'<!ENTITY % remote SYSTEM "http://127.0.0.1:9/evil.dtd"> %remote;]>' + page("Entity: &xxe; end.")
    )
    doc = newsextract.parse(html.encode("utf-8"), kind="html")
    assert "TOP-SECRET-CONTENT" not in doc.to_json()
    assert "Ce paragraphe est assez long" in doc.article.text
