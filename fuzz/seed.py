"""Seed the fuzzing corpus (``fuzz/corpus/``, not committed) from ``samples/``.

Each sample goes in three times, once per path selector byte (auto, text,
HTML), cut to the fuzzer's ``-max_len`` so libFuzzer mutates the real page
rather than a truncated copy of it.

    python fuzz/seed.py [--max-len 65536]
"""

from __future__ import annotations

import argparse
import hashlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-len", type=int, default=65536)
    parser.add_argument("--out", type=Path, default=ROOT / "fuzz" / "corpus")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    count = 0
    for sample in sorted((ROOT / "samples").iterdir()):
        if sample.suffix not in {".txt", ".html"}:
            continue
        page = sample.read_bytes()[: args.max_len - 1]
        for selector in (0, 1, 2):
            data = bytes([selector]) + page
            (args.out / hashlib.sha1(data).hexdigest()).write_bytes(data)
            count += 1
    print(f"{count} seeds in {args.out}")


if __name__ == "__main__":
    main()
