"""Read HTML pages out of WARC files (``.warc``, ``.warc.gz``).

A WARC (ISO 28500) is a crawl: a sequence of records, each with WARC headers
and a block.  Only ``response`` records carrying an HTTP response with a 2xx
status and an HTML payload are pages; everything else (``request``,
``metadata``, ``warcinfo``, ``revisit``, images, PDFs, redirects, 404s) is
skipped and counted by reason in :class:`WarcStats`.

:func:`iter_warc` yields, in file order, a :class:`WarcPage` per page (its body
with the HTTP ``Transfer-Encoding: chunked`` and ``Content-Encoding``
gzip/deflate/br undone) or a :class:`WarcError` for a record that cannot be
read.  A broken record is an error for that record; a broken file (a
truncated gzip member, garbage where a record header should be) is an error
for the rest of the file (``fatal``).  Neither raises.

The records are read with FastWARC, whose iteration is several times faster
than warcio's on the same file (see the README, "At scale"); warcio is the
fallback when FastWARC is not installed.  Both come with the ``warc`` extra.
The HTTP payload is taken raw from either library and decoded here, so both
behave the same and the size limit applies to the decoded body.
"""

from __future__ import annotations

import functools
import re
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any, Final

from ..errors import InputError
from .read import unreadable

#: File names read as WARC files (compared in lower case).
WARC_SUFFIXES: tuple[str, ...] = (".warc", ".warc.gz")
#: The first bytes of an uncompressed WARC file.
WARC_MAGIC: Final = b"WARC/1."
#: The optional extra that provides the WARC readers.
WARC_EXTRA: Final = "newsextract[warc]"

#: HTTP media types that are pages.
HTML_TYPES: frozenset[str] = frozenset({"text/html", "application/xhtml+xml"})
#: A payload without a Content-Type is a page when it starts like HTML.
_HTML_SNIFF = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<!--)", re.I)
_CHARSET = re.compile(r"charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]{1,40})", re.I)
_CHUNK_SIZE_LINE = re.compile(rb"[0-9A-Fa-f]{1,16}[ \t]*(?:;[^\r\n]*)?\r?\n")

# Skip reasons (the keys of WarcStats.skipped).
SKIP_TYPE: Final = "not a response record"
SKIP_NOT_HTTP: Final = "not an HTTP response"
SKIP_STATUS: Final = "HTTP status not 2xx"
SKIP_NOT_HTML: Final = "not HTML"


class WarcUnavailableError(InputError):
    """Neither FastWARC nor warcio is installed."""


@dataclass(frozen=True, slots=True)
class WarcPage:
    """One HTML page from a WARC ``response`` record.

    ``number`` is the record's position in the file (1-based, every record
    counted), ``offset`` the byte offset where it starts (in the compressed
    file for ``.warc.gz``).  ``body`` is the decoded HTTP payload; ``charset``
    the HTTP ``Content-Type; charset=`` (a hint for the decoder).
    """

    number: int
    offset: int
    url: str | None
    record_id: str | None
    date: str | None
    body: bytes
    charset: str | None = None


@dataclass(frozen=True, slots=True)
class WarcError:
    """A record that cannot be read.  ``fatal``: the rest of the file is not read either."""

    number: int
    offset: int
    message: str
    fatal: bool = False


@dataclass(slots=True)
class WarcStats:
    """What one pass over WARC files saw."""

    records: int = 0
    pages: int = 0
    errors: int = 0
    skipped: Counter[str] = field(default_factory=Counter)

    def add(self, other: WarcStats) -> None:
        self.records += other.records
        self.pages += other.pages
        self.errors += other.errors
        self.skipped.update(other.skipped)


def is_warc_name(name: str) -> bool:
    """True for a file name that is read as a WARC file."""
    return name.lower().endswith(WARC_SUFFIXES)


def backend_name() -> str:
    """``fastwarc`` or ``warcio`` (the first installed), else raises :class:`WarcUnavailableError`."""
    for name in ("fastwarc", "warcio"):
        try:
            __import__(name)
        except ImportError:
            continue
        return name
    raise WarcUnavailableError(f"reading WARC files needs FastWARC or warcio: pip install '{WARC_EXTRA}'")


# -- the HTTP payload ----------------------------------------------------------------


def _media_type(content_type: str | None) -> str | None:
    if not content_type:
        return None
    return content_type.split(";", 1)[0].strip().lower() or None


def http_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if any."""
    if not content_type:
        return None
    m = _CHARSET.search(content_type)
    return m.group(1) if m else None


def dechunk(data: bytes) -> bytes:
    """Undo ``Transfer-Encoding: chunked``.  A body that does not start with a
    chunk-size line is returned as it is (crawlers often store the payload
    de-chunked but keep the header).  Raises :class:`ValueError` on a broken
    chunk; a missing final chunk (a truncated response) keeps what was read."""
    if not _CHUNK_SIZE_LINE.match(data):
        return data
    out = bytearray()
    pos = 0
    while pos < len(data):
        m = _CHUNK_SIZE_LINE.match(data, pos)
        if m is None:
            raise ValueError("broken chunked transfer encoding")
        size = int(m.group(0).split(b";", 1)[0].strip(), 16)
        if size == 0:
            break
        out += data[m.end() : m.end() + size]
        pos = m.end() + size
        if data.startswith(b"\r\n", pos):
            pos += 2
        elif data.startswith(b"\n", pos):
            pos += 1
    return bytes(out)


def _inflate(data: bytes, wbits: int, max_bytes: int) -> bytes:
    d = zlib.decompressobj(wbits)
    out = d.decompress(data, max_bytes + 1)
    if len(out) > max_bytes:
        raise InputError(f"decompressed body is larger than the limit of {max_bytes} bytes")
    if not d.eof:
        raise InputError("truncated compressed body")
    return out


def decode_content(data: bytes, encoding: str | None, max_bytes: int) -> bytes:
    """Undo ``Content-Encoding`` (gzip, deflate, br; ``identity`` and none as is).

    A body that does not look encoded as declared is returned as it is (some
    crawlers decode and keep the header).  Raises :class:`InputError` for a
    body that cannot be decoded or decodes past ``max_bytes``.
    """
    coding = (encoding or "").strip().lower()
    if coding in ("", "identity", "none"):
        return data
    try:
        if coding in ("gzip", "x-gzip"):
            if not data.startswith(b"\x1f\x8b"):
                return data
            return _inflate(data, 16 + zlib.MAX_WBITS, max_bytes)
        if coding == "deflate":
            try:
                return _inflate(data, zlib.MAX_WBITS, max_bytes)  # zlib-wrapped, as the RFC says
            except zlib.error:
                return _inflate(data, -zlib.MAX_WBITS, max_bytes)  # raw deflate, as some servers send
        if coding == "br":
            try:
                import brotli
            except ImportError:
                raise InputError("brotli-encoded body, and the brotli module is not installed") from None
            out: bytes = brotli.decompress(data)
            if len(out) > max_bytes:
                raise InputError(f"decompressed body is larger than the limit of {max_bytes} bytes")
            return out
    except zlib.error:
        raise InputError(f"corrupt {coding}-encoded body") from None
    except InputError:
        raise
    except Exception as exc:  # brotli.error and friends
        raise InputError(f"corrupt {coding}-encoded body ({exc})") from None
    raise InputError(f"unsupported Content-Encoding {encoding!r}")


def is_html(content_type: str | None, body_head: bytes) -> bool:
    """An HTML payload: declared ``text/html`` or XHTML, or undeclared and starting like HTML."""
    media = _media_type(content_type)
    if media is None or media in ("application/octet-stream", "unknown/unknown"):
        return bool(_HTML_SNIFF.match(body_head[:1024]))
    return media in HTML_TYPES


# -- iteration -----------------------------------------------------------------------


@dataclass(slots=True)
class _Raw:
    """One record as a backend hands it over; the payload is read lazily."""

    number: int
    offset_of: Callable[[], int]  # call after reading the payload (warcio reads to the end to know it)
    type: str
    url: str | None
    record_id: str | None
    date: str | None
    status: int | None  # None: not an HTTP response
    headers: dict[str, str]  # HTTP headers, lower-case names (the first of repeats)
    payload: Any  # a binary file-like object, or None
    payload_length: int | None  # as declared by the record, to tell a truncated one


#: The status of a response whose HTTP headers cannot be parsed.
_BAD_HTTP: Final = -1
_RECORD_TYPES = (
    "warcinfo",
    "response",
    "resource",
    "request",
    "metadata",
    "revisit",
    "conversion",
    "continuation",
)
_FASTWARC_TYPES: dict[int, str] = {}


def _fastwarc(stream: Any) -> Iterator[_Raw]:
    from fastwarc.warc import ArchiveIterator, WarcRecordType

    global _FASTWARC_TYPES
    if not _FASTWARC_TYPES:
        _FASTWARC_TYPES = {int(getattr(WarcRecordType, name)): name for name in _RECORD_TYPES}
    records = ArchiveIterator(stream, record_types=WarcRecordType.any_type, parse_http=False)
    for number, record in enumerate(records, start=1):
        rtype = _FASTWARC_TYPES.get(int(record.record_type), "other")
        headers = record.headers
        status: int | None = None
        http: dict[str, str] = {}
        if rtype == "response" and record.is_http:
            try:
                record.parse_http()
                http_headers = record.http_headers
                status = http_headers.status_code
                for key, value in http_headers.astuples():
                    http.setdefault(key.lower(), value)
            except Exception:
                status = _BAD_HTTP
        yield _Raw(
            number,
            functools.partial(int, record.stream_pos),
            rtype,
            headers.get("WARC-Target-URI"),
            headers.get("WARC-Record-ID"),
            headers.get("WARC-Date"),
            status,
            http,
            record.reader,
            record.content_length if status is not None else None,
        )


def _warcio(stream: Any) -> Iterator[_Raw]:
    from warcio.archiveiterator import ArchiveIterator

    iterator = ArchiveIterator(stream, no_record_parse=False, arc2warc=False)
    for number, record in enumerate(iterator, start=1):
        rtype = record.rec_type
        status: int | None = None
        http: dict[str, str] = {}
        if rtype == "response" and record.http_headers is not None:
            try:
                status = int(record.http_headers.get_statuscode())
            except (TypeError, ValueError):
                status = 0
            for key, value in record.http_headers.headers:
                http.setdefault(key.lower(), value)
        yield _Raw(
            number,
            iterator.get_record_offset,
            rtype,
            record.rec_headers.get_header("WARC-Target-URI"),
            record.rec_headers.get_header("WARC-Record-ID"),
            record.rec_headers.get_header("WARC-Date"),
            status,
            http,
            record.raw_stream,
            getattr(record.raw_stream, "limit", None),
        )


_BACKENDS = {"fastwarc": _fastwarc, "warcio": _warcio}


def iter_warc(
    stream: IO[bytes],
    *,
    max_bytes: int,
    stats: WarcStats | None = None,
    backend: str | None = None,
) -> Iterator[WarcPage | WarcError]:
    """The pages of the WARC data in ``stream`` (gzip members are detected and
    inflated), in file order, with a :class:`WarcError` for each record that
    cannot be read.  Never raises for bad data; ``stats`` counts what was seen.
    Raises :class:`WarcUnavailableError` when no WARC library is installed.
    """
    stats = stats if stats is not None else WarcStats()
    records = _BACKENDS[backend or backend_name()](stream)
    number = offset = 0
    while True:
        try:
            raw = next(records)
        except StopIteration:
            return
        except Exception as exc:  # a broken file: what follows cannot be found
            stats.errors += 1
            yield WarcError(
                number + 1, offset, f"unreadable WARC data, rest of the file skipped ({_why(exc)})", True
            )
            return
        number = raw.number
        stats.records += 1
        item = _page(raw, max_bytes, stats)
        offset = item.offset if item is not None else offset
        if item is None:
            continue
        if isinstance(item, WarcError):
            stats.errors += 1
            if item.fatal:
                yield item
                return
        else:
            stats.pages += 1
        yield item


def _why(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _page(raw: _Raw, max_bytes: int, stats: WarcStats) -> WarcPage | WarcError | None:
    if raw.type != "response":
        stats.skipped[SKIP_TYPE] += 1
        return None
    if raw.status == _BAD_HTTP:
        return WarcError(raw.number, _offset(raw), "unreadable HTTP response headers")
    if raw.status is None or raw.payload is None:
        stats.skipped[SKIP_NOT_HTTP] += 1
        return None
    if not 200 <= raw.status < 300:
        stats.skipped[SKIP_STATUS] += 1
        return None
    content_type = raw.headers.get("content-type")
    media = _media_type(content_type)
    if (
        media is not None
        and media not in HTML_TYPES
        and media not in ("application/octet-stream", "unknown/unknown")
    ):
        stats.skipped[SKIP_NOT_HTML] += 1
        return None
    declared = raw.payload_length
    if declared is not None and declared > max_bytes:
        return WarcError(
            raw.number, _offset(raw), f"record body is larger than the limit of {max_bytes} bytes"
        )
    try:
        # read(n) may allocate n bytes up front: ask for what the record declares
        body = raw.payload.read(max_bytes + 1 if declared is None else declared)
    except Exception as exc:  # a truncated or corrupt gzip member under the payload
        return WarcError(
            raw.number, _offset(raw), f"unreadable record, rest of the file skipped ({_why(exc)})", True
        )
    offset = _offset(raw)
    if len(body) > max_bytes:
        return WarcError(raw.number, offset, f"record body is larger than the limit of {max_bytes} bytes")
    if raw.payload_length is not None and len(body) < raw.payload_length:
        return WarcError(
            raw.number,
            offset,
            f"truncated record ({len(body)} of {raw.payload_length} bytes), rest of the file skipped",
            True,
        )
    try:
        if "chunked" in raw.headers.get("transfer-encoding", "").lower():
            body = dechunk(body)
        body = decode_content(body, raw.headers.get("content-encoding"), max_bytes)
    except (InputError, ValueError) as exc:
        return WarcError(raw.number, offset, str(exc))
    if not is_html(content_type, body):
        stats.skipped[SKIP_NOT_HTML] += 1
        return None
    return WarcPage(raw.number, offset, raw.url, raw.record_id, raw.date, body, http_charset(content_type))


def _offset(raw: _Raw) -> int:
    try:
        return raw.offset_of()
    except Exception:
        return -1


def open_warc(path: str) -> IO[bytes]:
    """Open a local WARC file for :func:`iter_warc` (raises :class:`InputError`)."""
    try:
        return open(path, "rb")
    except OSError as exc:
        raise unreadable(path, exc) from None


__all__ = [
    "WARC_EXTRA",
    "WARC_MAGIC",
    "WARC_SUFFIXES",
    "WarcError",
    "WarcPage",
    "WarcStats",
    "WarcUnavailableError",
    "backend_name",
    "dechunk",
    "decode_content",
    "http_charset",
    "is_html",
    "is_warc_name",
    "iter_warc",
    "open_warc",
]
