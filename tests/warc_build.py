"""Build small WARC files for the tests, with warcio's writer and real HTTP
responses: our own sample pages, some gzip-encoded, one chunked, and records
that are not pages (an image, a request, a 404, a revisit, warcinfo)."""

from __future__ import annotations

import gzip
import io
from collections.abc import Sequence
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
HTML_SAMPLES: tuple[str, ...] = ("news-wordpress.html", "news-forum-comments.html", "index-page.html")
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def _chunked(data: bytes, size: int = 1000) -> bytes:
    out = b""
    for i in range(0, len(data), size):
        piece = data[i : i + size]
        out += b"%x\r\n" % len(piece) + piece + b"\r\n"
    return out + b"0\r\n\r\n"


def write_warc(
    path: Path,
    *,
    gz: bool = True,
    pages: Sequence[str] = HTML_SAMPLES,
    extras: bool = True,
) -> list[tuple[str, str]]:
    """Write a WARC at ``path``; return (url, sample name) of the pages in it, in order.

    Page 1 is plain, page 2 gzip Content-Encoding, page 3 chunked (and so on,
    cycling); with ``extras`` the non-page records are mixed in.
    """
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    expected: list[tuple[str, str]] = []
    with open(path, "wb") as fh:
        writer = WARCWriter(fh, gzip=gz)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "newsextract tests"}))

        def response(url: str, status: str, headers: list[tuple[str, str]], body: bytes) -> None:
            http = StatusAndHeaders(status, headers, protocol="HTTP/1.1")
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
            writer.write_record(record)

        for i, name in enumerate(pages):
            url = f"https://news.example/{i}/{name.rsplit('.', 1)[0]}"
            body = (SAMPLES / name).read_bytes()
            headers = [("Content-Type", "text/html; charset=utf-8")]
            if i % 3 == 1:
                body = gzip.compress(body)
                headers.append(("Content-Encoding", "gzip"))
            elif i % 3 == 2:
                body = _chunked(body)
                headers.append(("Transfer-Encoding", "chunked"))
            if extras and i == 0:
                req = StatusAndHeaders("GET /0 HTTP/1.1", [("Host", "news.example")], is_http_request=True)
                writer.write_record(writer.create_warc_record(url, "request", payload=io.BytesIO(b""), http_headers=req))
            response(url, "200 OK", headers, body)
            expected.append((url, name))
            if extras and i == 0:
                response("https://news.example/logo.png", "200 OK", [("Content-Type", "image/png")], PNG)
                response("https://news.example/gone", "404 Not Found", [("Content-Type", "text/html")], b"<html>404</html>")
                revisit = writer.create_revisit_record(
                    url, digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", refers_to_uri=url, refers_to_date="2024-01-01T00:00:00Z"
                )
                writer.write_record(revisit)
    return expected
