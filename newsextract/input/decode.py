"""Bytes to text: BOM, declared charset, UTF-8, then statistical detection.

Order (the first that applies wins):

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. the charset the transport declared (HTTP ``Content-Type; charset=``, given
   as ``hint``), *if the bytes decode cleanly with it*;
3. for markup, the charset declared in ``<meta charset>`` or ``http-equiv`` in the
   first 4 KB, *if the bytes decode cleanly with it* (a wrong declaration is
   common on scraped pages, so it is checked, not trusted);
4. strict UTF-8 (most of the web; a clean UTF-8 decode of non-ASCII text is
   almost never an accident), or UTF-8 with the bad bytes replaced when most of
   the non-ASCII text is valid UTF-8 (mixed encodings, stray bytes);
5. charset-normalizer's statistical detection of the most likely legacy
   encoding (cp1252, Shift_JIS, GB18030, KOI8-R, ...), preferring windows-1252
   among Western single-byte encodings that read the bytes equally well.
   (BeautifulSoup's ``UnicodeDammit`` misreads short KOI8-R and cp1252 text as
   Shift_JIS and cp1250, so it is not used here.)

Binary input (images, PDFs, archives, anything with more than 2% NUL or other
control bytes) is refused with an :class:`InputError` before any decoding.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from ..errors import InputError

BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

#: Magic numbers of common binary formats people point a scraper tool at by mistake.
BINARY_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
    (b"\x7fELF", "an executable"),
    (b"RIFF", "a RIFF (audio/video/WebP) file"),
    (b"\x1f\x8b", "gzip data"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"7z\xbc\xaf\x27\x1c", "a 7z archive"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 video"),
    (b"\x00\x00\x00\x20ftyp", "an MP4 video"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
)

#: Share of control bytes (NUL and the others but tab, newline, carriage return,
#: form feed, escape) in the first 8 KB above which input is treated as binary.  Text in
#: any 8-bit or multibyte encoding has essentially none; 2% tolerates a few
#: stray bytes in a broken page.
MAX_CONTROL_SHARE = 0.02

META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{1,40})""",
    re.IGNORECASE,
)

_MAGICS = tuple(magic for magic, _ in BINARY_MAGIC)

_CONTROL = bytes(c for c in range(32) if c not in (9, 10, 12, 13, 27))


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def check_not_binary(data: bytes, name: str = "input") -> None:
    if data.startswith(_MAGICS):
        what = next(what for magic, what in BINARY_MAGIC if data.startswith(magic))
        raise InputError(f"{name}: this is {what}, not a web page or text dump")
    head = data[:8192]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return  # UTF-16 text is full of NUL bytes by design
    # A stray NUL byte or two (a broken scraper, a bad copy) does not make a
    # page binary: they are dropped before parsing.  NULs count as control
    # bytes (they are in _CONTROL), so a file with more than a few is refused;
    # in UTF-16 without a BOM they are half the text and do not count.
    nuls = head.count(0)
    if nuls and _looks_utf16(head):
        nuls = 0
        head = head.replace(b"\x00", b"")
    controls = len(head) - len(head.translate(None, _CONTROL))
    if head and controls / len(head) > MAX_CONTROL_SHARE:
        what = "NUL bytes" if nuls * 2 > controls else "control bytes"
        raise InputError(f"{name}: binary data ({what}), not a web page or text dump")


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without a BOM: ASCII text has a NUL in every other byte."""
    if len(head) < 64 or b"\x00" not in head:
        return False
    even, odd = head[0::2].count(0), head[1::2].count(0)
    half = len(head) // 2
    return max(even, odd) > 0.4 * half and min(even, odd) < 0.05 * half


def _normalise(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def declared_charset(data: bytes) -> str | None:
    m = META_CHARSET.search(data[:4096])
    if not m:
        return None
    return _whatwg(m.group(1).decode("ascii", "replace"))


def _whatwg(label: str) -> str | None:
    name = _normalise(label)
    # Browsers read a declared latin-1/ascii as windows-1252 (WHATWG encoding spec).
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return name


def decode(data: bytes, *, name: str = "input", hint: str | None = None) -> Decoded:
    """Decode ``data`` to text, raising :class:`InputError` for binary input.

    ``hint`` is a charset declared outside the bytes (HTTP ``Content-Type``).
    """
    check_not_binary(data, name)
    for bom, enc in BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(enc, "replace"), enc)
    if _looks_utf16(data[:8192]):
        enc = "utf-16-le" if data[1:2] == b"\x00" else "utf-16-be"
        return Decoded(data.decode(enc, "replace"), enc)
    for declared in (_whatwg(hint) if hint else None, declared_charset(data)):
        if declared and declared not in ("utf-16", "utf-16-le", "utf-16-be", "utf-32"):
            try:
                return Decoded(data.decode(declared), declared)
            except (UnicodeDecodeError, LookupError):
                pass  # a wrong declaration: fall through to detection
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    mostly = _mostly_utf8(data)
    if mostly is not None:
        return Decoded(mostly, "utf-8")
    return Decoded(*_detect(data))


#: Valid non-ASCII UTF-8 characters needed per invalid sequence for bytes that are
#: not clean UTF-8 to be read as UTF-8 anyway (pages glued together from
#: several sources, a few stray Latin-1 bytes in a UTF-8 page).  Legacy
#: encodings almost never form valid multi-byte UTF-8 sequences by accident.
MOSTLY_UTF8_RATIO = 2
MOSTLY_UTF8_MIN_CHARS = 8


def _mostly_utf8(data: bytes) -> str | None:
    """``data`` as UTF-8 (bad bytes replaced) when most of its non-ASCII text is
    valid UTF-8, else None."""
    text = data.decode("utf-8", "replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if c > "\x7f") - bad
    if good >= MOSTLY_UTF8_MIN_CHARS and good >= MOSTLY_UTF8_RATIO * bad:
        return text
    return None


#: When detection hesitates between single-byte Western encodings that read the
#: bytes equally well, the web's most common legacy encoding wins.
PREFERRED_LEGACY = "cp1252"

#: How much worse (in charset-normalizer's "chaos" score) windows-1252 may read
#: the bytes than the best candidate and still be preferred.
LEGACY_CHAOS_MARGIN = 0.01


def _detect(data: bytes) -> tuple[str, str]:
    """Statistical detection for undeclared, non-UTF-8 bytes."""
    from charset_normalizer import from_bytes

    results = from_bytes(data[:200_000])
    best = results.best()
    if best is None:
        return data.decode(PREFERRED_LEGACY, "replace"), PREFERRED_LEGACY
    enc = _normalise(best.encoding) or best.encoding
    for cand in results:
        if _normalise(cand.encoding) == PREFERRED_LEGACY and cand.chaos <= best.chaos + LEGACY_CHAOS_MARGIN:
            enc = PREFERRED_LEGACY
            break
    else:
        try:
            if enc != PREFERRED_LEGACY and data[:200_000].decode(PREFERRED_LEGACY) == str(best):
                enc = PREFERRED_LEGACY  # the same text either way: name the common one
        except UnicodeDecodeError:
            pass
    return data.decode(enc, "replace"), enc
