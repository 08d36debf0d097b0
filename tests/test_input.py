"""Decoding and sniffing."""

from __future__ import annotations

import codecs

import pytest

from newsextract.errors import InputError
from newsextract.input import decode, looks_like_html


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Привет, как дела? Это тест кодировки для проверки. Москва сегодня объявила новые меры.", "koi8-r"),
        ("Café crème à la française, naïve façade. L'été dernier, nous sommes allés à la plage.", "cp1252"),
        ("日本語のテキストです。これはテストです。ニュース記事の本文がここに続きます。", "shift_jis"),
        ("中文新闻报道，这是一个测试文本，关于经济发展和城市建设的最新消息。", "gb18030"),
    ],
)
def test_undeclared_legacy_encodings(text: str, encoding: str) -> None:
    assert decode(text.encode(encoding)).text == text


def test_bom_wins() -> None:
    assert decode(codecs.BOM_UTF8 + "héllo wörld".encode()).text == "héllo wörld"
    assert decode(codecs.BOM_UTF16_LE + "héllo wörld".encode("utf-16-le")).text == "héllo wörld"


def test_wrong_declaration_falls_back() -> None:
    page = '<html><head><meta charset="utf-8"></head><body>Caf\xe9 cr\xe8me au lait tous les matins.</body></html>'
    assert "Café crème" in decode(page.encode("cp1252")).text


def test_declared_charset_is_used() -> None:
    page = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=Shift_JIS"></head><body>日本語の記事</body></html>'
    decoded = decode(page.encode("shift_jis"))
    assert "日本語の記事" in decoded.text and decoded.encoding == "shift_jis"


def test_mostly_utf8_with_stray_bytes_is_utf8() -> None:
    data = "Привет, мир. Новости дня: ".encode() + "Café".encode("cp1252") + " конец.".encode()
    decoded = decode(data)
    assert decoded.encoding == "utf-8" and decoded.text.startswith("Привет, мир") and "конец" in decoded.text


def test_stray_nul_bytes_are_not_binary() -> None:
    assert decode(b"A page of text\x00 with a stray NUL byte in it, and more text after it.").text


@pytest.mark.parametrize(
    "data", [b"\x89PNG\r\n\x1a\n....", b"%PDF-1.4 ...", b"PK\x03\x04abc", b"\x00\x01\x02" * 100]
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(InputError):
        decode(data)


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<!DOCTYPE html><html><body><p>x</p></body></html>", True),
        ("  \n<html lang='en'><p>x</p>", True),
        ("<div><p>A fragment</p><p>of markup</p><a href='/x'>link</a></div>", True),
        ("Use the <p> element for paragraphs and <div> for sections, the tutorial says.", False),
        ("Xiaomi's Bold Journey\nIn just three minutes last month <b>over</b> 200,000 people ...", False),
    ],
)
def test_sniffing(text: str, html: bool) -> None:
    assert looks_like_html(text) is html
