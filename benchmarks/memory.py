"""Peak memory of parsing one big page: 1 MB, 10 MB and 100 MB, HTML and text dump.

    python benchmarks/memory.py                  # 1, 10 and 100 MB (the 100 MB cases take minutes)
    python benchmarks/memory.py --sizes 1 10     # a quicker look

Each input is built by repeating realistic content (the paragraphs, headings
and lists of a news story, with some chrome between the repeats) up to the
size, written to a temporary file, and parsed by ``newsextract.parse_file`` in
a fresh Python process, with ``--max-bytes`` raised above the size.  The peak
resident set size is that process's ``VmHWM`` (Linux), read when parsing is
done; "after import" is the same process's peak after importing the parsers and
before it reads the file, so
``(peak - after import) / input`` is the memory parsing holds per byte of page.
The results are in docs/robustness.md.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MB = 1024 * 1024

PARAGRAPH = (
    "The city council said on Monday that the new budget would fund more buses on the busiest "
    "routes, and residents who spoke at the long evening meeting mostly welcomed the plan, "
    "although several asked how the extra drivers would be hired before the winter timetable starts."
)

_TEXT_CHUNK = "\n".join(
    [
        "Council backs bus budget after a long night",
        "By Jane Doe",
        "12 March 2025",
        PARAGRAPH,
        PARAGRAPH.replace("Monday", "Tuesday"),
        "Share",
        "Read also: Trams return to the old town",
        PARAGRAPH.replace("council", "mayor"),
        "• Transport",
        "• City",
        "",
    ]
)

_HTML_CHUNK = (
    "<section><h2>Council backs bus budget after a long night</h2>"
    f"<p>{PARAGRAPH}</p><p>{PARAGRAPH.replace('Monday', 'Tuesday')}</p>"
    "<ul><li>Line 4 every ten minutes</li><li>New night buses</li></ul>"
    f"<blockquote><p>{PARAGRAPH.replace('council', 'mayor')}</p></blockquote>"
    '<div class="share"><a href="/share">Share</a> <a href="/tweet">Tweet</a></div>'
    "</section>\n"
)

_HTML_HEAD = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Council backs bus budget</title>'
    '</head><body><nav><a href="/">Home</a> <a href="/city">City</a></nav>'
    '<article><h1>Council backs bus budget</h1><p class="byline">By Jane Doe</p>\n'
)
_HTML_TAIL = "</article><footer>© 2025 Example News</footer></body></html>\n"


def build(kind: str, size: int) -> bytes:
    """About ``size`` bytes of a realistic page of ``kind`` (html or text)."""
    if kind == "html":
        chunk = _HTML_CHUNK.encode()
        head, tail = _HTML_HEAD.encode(), _HTML_TAIL.encode()
    else:
        chunk = _TEXT_CHUNK.encode()
        head, tail = b"", b""
    repeats = max(1, (size - len(head) - len(tail)) // len(chunk))
    return head + chunk * repeats + tail


_CHILD = r"""
import json, sys, time
def hwm():
    for line in open("/proc/self/status"):
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) * 1024
    return 0
import newsextract, newsextract.html, newsextract.text, charset_normalizer
base = hwm()
start = time.perf_counter()
doc = newsextract.parse_file(sys.argv[1], max_bytes=int(sys.argv[2]))
seconds = time.perf_counter() - start
print(json.dumps({"base": base, "peak": hwm(), "seconds": seconds, "status": doc.status,
                  "blocks": len(doc.article.blocks)}))
"""


def measure(path: Path, size: int) -> dict[str, float | int | str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", _CHILD, str(path), str(size * 2 + MB)],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    result: dict[str, float | int | str] = json.loads(out.stdout)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[1, 10, 100], help="input sizes in MB")
    parser.add_argument("--kinds", nargs="+", default=["html", "text"], choices=["html", "text"])
    args = parser.parse_args()
    print("| input | size | parse time | peak RSS | after import | (peak - import) / input |")
    print("|---|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in args.kinds:
            for size_mb in args.sizes:
                data = build(kind, size_mb * MB)
                path = Path(tmp) / f"page-{size_mb}mb.{'html' if kind == 'html' else 'txt'}"
                path.write_bytes(data)
                del data
                size = path.stat().st_size
                r = measure(path, size)
                peak, base = int(r["peak"]), int(r["base"])
                ratio = (peak - base) / size
                print(
                    f"| {kind} | {size / MB:.0f} MB | {float(r['seconds']):.1f} s | {peak / MB:.0f} MB "
                    f"| {base / MB:.0f} MB | {ratio:.1f}x |",
                    flush=True,
                )
                path.unlink()


if __name__ == "__main__":
    main()
