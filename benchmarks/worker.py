"""One extractor in its own process: ``python -m benchmarks.worker NAME``.

Protocol (JSON lines):

* first line out: ``{"ready": true, "import_ms", "version"}`` or
  ``{"ready": false, "error"}`` when the extractor cannot be loaded;
* each line in: ``{"path", "kind", "url", "emit"}``; each line out:
  ``{"ok", "ms", "error", "result"}`` (``result`` only when ``emit`` is true);
* at end of input, a last line ``{"done": true, "peak_rss_kb"}``.

The page is read (and gunzipped) before the clock starts; ``ms`` is the wall
time of the adapter call alone.  Anything a library prints goes to stderr, so
stdout carries only the protocol.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time
import traceback
from pathlib import Path
from typing import Any, TextIO

from .corpora import read_page
from .extractors import EXTRACTORS, version


def _send(out: TextIO, message: dict[str, Any]) -> None:
    out.write(json.dumps(message, ensure_ascii=False) + "\n")
    out.flush()


def _error(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}".strip()[:300]


def peak_rss_kb() -> int:
    """This process's peak resident set in KiB.

    Linux's ``VmHWM`` belongs to the process image, so it starts afresh at
    exec; ``ru_maxrss`` does not (it keeps the forking parent's size, which
    would put a floor under every worker), so it is only the fallback.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def serve(name: str, inp: TextIO, out: TextIO) -> int:
    extractor = EXTRACTORS.get(name)
    if extractor is None:
        _send(out, {"ready": False, "error": f"unknown extractor {name!r}"})
        return 2
    start = time.perf_counter()
    try:
        adapter = extractor.load()
    except Exception as exc:
        _send(out, {"ready": False, "error": _error(exc)})
        return 1
    import_ms = (time.perf_counter() - start) * 1000
    _send(out, {"ready": True, "import_ms": import_ms, "version": version(extractor)})

    for line in inp:
        if not line.strip():
            continue
        request = json.loads(line)
        data = read_page(Path(request["path"]))
        result: dict[str, Any] | None = None
        error: str | None = None
        before_each = getattr(adapter, "before_each", None)
        if before_each is not None:
            before_each()  # untimed: e.g. newsextract.clear_caches
        start = time.perf_counter()
        try:
            result = adapter(data, request["kind"], request.get("url"))
        except Exception as exc:
            error = _error(exc)
            if os.environ.get("BENCH_TRACEBACK"):
                traceback.print_exc()
        ms = (time.perf_counter() - start) * 1000
        reply: dict[str, Any] = {"ok": error is None, "ms": ms, "error": error}
        if request.get("emit", True):
            reply["result"] = result
        _send(out, reply)

    _send(out, {"done": True, "peak_rss_kb": peak_rss_kb()})
    return 0


def main() -> int:
    if len(sys.argv) != 2:
        print("usage: python -m benchmarks.worker EXTRACTOR", file=sys.stderr)
        return 2
    # keep the real stdout for the protocol; whatever a library prints goes to stderr
    out = os.fdopen(os.dup(1), "w", encoding="utf-8")
    os.dup2(2, 1)
    sys.stdout = sys.stderr
    return serve(sys.argv[1], sys.stdin, out)


if __name__ == "__main__":
    sys.exit(main())
