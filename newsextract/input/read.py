"""Read raw bytes from a path, ``-`` (stdin) or a gzip file, with a size limit."""

from __future__ import annotations

import os
import sys
import zlib
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError

#: Default maximum input size (bytes).  Real news pages are rarely above 5 MB of
#: HTML; 50 MB leaves room for pages with inline images while keeping a runaway
#: input from eating memory.  ``--max-bytes`` changes it.
DEFAULT_MAX_BYTES = 50 * 1024 * 1024

GZIP_MAGIC = b"\x1f\x8b"


def _read_limited(stream: BinaryIO, max_bytes: int, name: str) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name}: input is larger than the limit of {max_bytes} bytes (see --max-bytes)")
    return data


def unreadable(name: str, exc: OSError) -> InputError:
    """The one-line error for a file that cannot be opened or read."""
    if isinstance(exc, FileNotFoundError):
        return InputError(f"{name}: no such file")
    if isinstance(exc, PermissionError):
        return InputError(f"{name}: permission denied")
    if isinstance(exc, IsADirectoryError):
        return InputError(f"{name}: is a directory, not a file")
    return InputError(f"{name}: cannot read ({exc.strerror or exc})")


def read_input(path: str | os.PathLike[str] | None, *, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Return the bytes of ``path`` (``None`` or ``"-"`` reads stdin).

    A gzip-compressed file (by its magic bytes) is decompressed transparently,
    with the size limit applied to the decompressed data.
    """
    if path is None or str(path) == "-":
        data = _read_limited(sys.stdin.buffer, max_bytes, "stdin")
        name = "stdin"
    else:
        p = Path(path)
        name = str(p)
        try:
            if p.is_dir():
                raise InputError(f"{name}: is a directory, not a file")
            with p.open("rb") as fh:
                data = _read_limited(fh, max_bytes, name)
        except OSError as exc:
            raise unreadable(name, exc) from None
    if data[:2] == GZIP_MAGIC:
        data = gunzip_limited(data, max_bytes, name)
    return data


def gunzip_limited(data: bytes, max_bytes: int, name: str) -> bytes:
    """Decompress gzip data, refusing to inflate past ``max_bytes`` (a gzip bomb
    stops at the limit instead of filling memory)."""
    d = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = d.decompress(data, max_bytes + 1)
    except zlib.error:
        raise InputError(f"{name}: corrupt or truncated gzip data") from None
    if len(out) > max_bytes:
        raise InputError(f"{name}: decompressed input is larger than the limit of {max_bytes} bytes")
    if not d.eof:
        raise InputError(f"{name}: truncated gzip data")
    return out


__all__ = ["DEFAULT_MAX_BYTES", "gunzip_limited", "read_input"]
