"""Atheris (libFuzzer) target for :func:`newsextract.parse` and the renderers.

The contract under test: for *any* bytes, ``parse`` either returns a
:class:`~newsextract.Document` that every renderer can turn into JSON,
Markdown and plain text, or raises :class:`~newsextract.InputError` (the
documented "this is not a page" error).  Any other exception, a hang
(``-timeout``) or a memory blow-up (``-rss_limit_mb``) is a finding.

The first byte of each input picks the path (auto, text or HTML) and whether
the page goes in as bytes or as an already decoded string, so the fuzzer
reaches the text parser with inputs the sniffer would have sent to the HTML
parser and the other way round.

Run (see docs/robustness.md)::

    pip install atheris
    python fuzz/fuzz_parse.py fuzz/corpus -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -max_total_time=1800

``fuzz/corpus`` is created and seeded from ``samples/`` by ``fuzz/seed.py``;
crashes are written as ``crash-*`` files in the working directory.  Replay one
with ``python fuzz/fuzz_parse.py crash-<sha1>``.
"""

from __future__ import annotations

import importlib
import json
import pkgutil
import sys

import atheris

with atheris.instrument_imports(include=["newsextract"]):
    import newsextract
    from newsextract import InputError

    # Modules the package imports lazily (the HTML and text paths, the
    # renderers) must be imported here too, or they run uninstrumented and
    # the fuzzer is blind to the code it most needs to see.
    for _module in pkgutil.walk_packages(newsextract.__path__, "newsextract."):
        if not _module.name.startswith(("newsextract.cli", "newsextract.batch", "newsextract.__main__")):
            importlib.import_module(_module.name)

KINDS = ("auto", "text", "html")


def one_input(data: bytes) -> None:
    if not data:
        return
    selector, page = data[0], data[1:]
    kind = KINDS[selector % 3]
    as_text = bool(selector & 0x80)
    payload: bytes | str = page.decode("utf-8", "replace") if as_text else page
    try:
        doc = newsextract.parse(payload, kind=kind)  # type: ignore[arg-type]
    except InputError:
        return
    json.loads(doc.to_json())
    doc.to_markdown()
    doc.to_text()


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
