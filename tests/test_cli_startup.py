"""Start-up cost of the command line: `newsextract parse` on a text dump loads
only what it needs (no batch machinery, no HTML parser)."""

from __future__ import annotations

import json
import subprocess
import sys

from newsextract import batch, cli_batch

from .conftest import SAMPLES

#: Modules that `newsextract parse dump.txt` has no use for.
NOT_NEEDED = ("newsextract.batch", "newsextract.html", "multiprocessing", "bs4", "lxml", "charset_normalizer")


def test_batch_timeout_default_is_the_batch_default() -> None:
    assert cli_batch.DEFAULT_TIMEOUT == batch.DEFAULT_TIMEOUT


def test_parsing_a_text_dump_imports_no_batch_or_html_machinery() -> None:
    code = (
        "import sys\n"
        "from newsextract.cli import app\n"
        "try:\n"
        f"    app([\"parse\", {str(SAMPLES / 'daily8-comments.txt')!r}, \"-f\", \"json\"])\n"
        "except SystemExit:\n"
        "    pass\n"
        "import json\n"
        "sys.stderr.write(json.dumps(sorted(sys.modules)))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    loaded = json.loads(proc.stderr.strip().splitlines()[-1])
    assert json.loads(proc.stdout)["article"]["title"]
    unwanted = [m for m in loaded if m.split(".")[0] in NOT_NEEDED or m.startswith(NOT_NEEDED)]
    assert unwanted == []
