"""Batch against a hostile file system (docs/robustness.md): files that vanish
or cannot be read while a batch runs, an output folder that is read-only or
full, and file names with newlines, spaces, escape sequences and bytes that
are not UTF-8.  Every case ends with a record in errors.jsonl or one error line
and a documented exit code -- never a traceback, and never a temporary file
left behind."""

from __future__ import annotations

import errno
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsextract.batch.plan import Plan
from newsextract.batch.worker import Task, WorkerSettings, _State, convert
from newsextract.cli import EXIT_INPUT, EXIT_OUTPUT, app
from newsextract.cli_batch import EXIT_FAILED

from .conftest import ROOT, SAMPLES

SAMPLE = (SAMPLES / "daily8-comments.txt").read_bytes()
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
DEV_FULL = Path("/dev/full")


def cli(
    *args: str, cwd: Path, stdin: bytes | None = None, **kwargs: object
) -> subprocess.CompletedProcess[bytes]:
    kwargs.setdefault("stdout", subprocess.PIPE)
    return subprocess.run(
        [sys.executable, "-m", "newsextract", *args],
        input=stdin,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        cwd=cwd,
        timeout=120,
        **kwargs,  # type: ignore[arg-type]
    )


def no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.rglob(".*.tmp")]


# -- names ---------------------------------------------------------------------

NAMES = [
    "new\nline.txt",
    "with space.txt",
    " leading space.txt",
    "-starts-with-dash.txt",
    "esc\x1b[31mred\x1b]0;title\x07.txt",
    "bidi\u202etxt.exe.txt",
    "ünïcödé 日本.txt",
]
BAD_BYTES_NAME = b"caf\xe9 latin1.txt"  # not UTF-8


@pytest.fixture
def named(tmp_path: Path) -> Path:
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in NAMES:
        (pages / name).write_bytes(SAMPLE)
        (pages / f"bad {name}").write_bytes(b"")
    os.makedirs(os.fsencode(pages), exist_ok=True)
    with open(os.path.join(os.fsencode(pages), BAD_BYTES_NAME), "wb") as fh:
        fh.write(SAMPLE)
    with open(os.path.join(os.fsencode(pages), b"bad " + BAD_BYTES_NAME), "wb") as fh:
        fh.write(b"")
    return pages


def test_batch_with_hostile_names(named: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = cli("batch", "pages", "-o", "out", cwd=tmp_path)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == EXIT_FAILED, err
    assert "Traceback" not in err
    # Each good file is converted under its own name (the bytes of the name kept).
    outputs = {os.fsencode(p.name) for p in out.iterdir()}
    for name in NAMES:
        assert os.fsencode(name.removesuffix(".txt") + ".json") in outputs, name
    assert BAD_BYTES_NAME.removesuffix(b".txt") + b".json" in outputs
    # Each bad file is one record; the path is valid UTF-8 JSON.
    records = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(records) == len(NAMES) + 1
    assert {r["path"] for r in records} >= {f"pages/bad {name}" for name in NAMES}
    assert "pages/bad caf\ufffd latin1.txt" in {r["path"] for r in records}
    # The summary on stderr: one line per failure, no escape sequence, no bidi override.
    failed_lines = [line for line in err.splitlines() if line.startswith("failed: ")]
    assert len(failed_lines) == len(records)
    assert "\x1b" not in err and "\u202e" not in err and "\x07" not in err
    assert "new\\nline" in err and "\\x1b[31m" in err


@pytest.mark.parametrize("name", [*NAMES, "bad-bytes"])
def test_parse_error_with_a_hostile_name_is_one_inert_line(name: str, tmp_path: Path) -> None:
    path = os.path.join(os.fsencode(tmp_path), BAD_BYTES_NAME if name == "bad-bytes" else os.fsencode(name))
    with open(path, "wb") as fh:
        fh.write(b"%PDF-1.4\n")
    proc = cli("parse", os.fsdecode(path), cwd=tmp_path)
    err = proc.stderr.decode("utf-8", "replace")
    assert proc.returncode == EXIT_INPUT
    assert err.count("\n") == 1 and "PDF" in err, err
    assert not any(c in err for c in "\x1b\x07\u202e")


# -- files that vanish or cannot be read -----------------------------------------


def _state(outdir: Path) -> _State:
    return _State(WorkerSettings(fmt="json", outdir=os.path.realpath(outdir)))


def test_a_file_removed_after_planning(tmp_path: Path) -> None:
    """The plan found the file; it is gone when the worker reads it."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_bytes(SAMPLE)
    (pages / "b.txt").write_bytes(SAMPLE)
    out = tmp_path / "out"
    out.mkdir()
    planned = list(Plan([str(pages)], extension=".json", cwd=str(tmp_path)))
    (pages / "a.txt").unlink()
    results = [convert(Task(i, p.source, p.read_path, p.output), _state(out)) for i, p in enumerate(planned)]
    by_name = {Path(r.source).name: r for r in results}
    assert by_name["a.txt"].status == "failed" and by_name["a.txt"].error == "input"
    assert by_name["a.txt"].message == "no such file"
    assert by_name["b.txt"].status == "converted" and (out / "b.json").exists()


@pytest.mark.parametrize(
    ("error", "message"),
    [
        (PermissionError(errno.EACCES, "Permission denied"), "permission denied"),
        (OSError(errno.EIO, "Input/output error"), "cannot read (Input/output error)"),
        (IsADirectoryError(errno.EISDIR, "Is a directory"), "is a directory, not a file"),
    ],
)
def test_a_file_that_cannot_be_read(
    error: OSError, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    page = tmp_path / "page.txt"
    page.write_bytes(SAMPLE)
    real_open = Path.open

    def failing_open(self: Path, *args: object, **kwargs: object) -> object:
        if self.name == "page.txt":
            raise error
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(Path, "open", failing_open)
    result = convert(Task(0, "page.txt", str(page), "page.json"), _state(tmp_path))
    assert (result.status, result.error, result.message) == ("failed", "input", message)


@pytest.mark.skipif(IS_ROOT, reason="root reads files whatever their mode")
def test_an_unreadable_file_in_a_real_batch(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "good.txt").write_bytes(SAMPLE)
    locked = pages / "locked.txt"
    locked.write_bytes(SAMPLE)
    locked.chmod(0)
    try:
        proc = cli("batch", "pages", "-o", "out", cwd=tmp_path)
    finally:
        locked.chmod(0o644)
    assert proc.returncode == EXIT_FAILED
    record = json.loads((tmp_path / "out" / "errors.jsonl").read_text())
    assert record["kind"] == "input" and record["message"] == "permission denied"


def test_missing_dangling_and_blocking_files_in_a_real_batch(tmp_path: Path) -> None:
    """Named on stdin: a path that does not exist, a symlink to nothing, and a
    FIFO nobody writes to (reading it would block for ever: the per-file
    --timeout stops it)."""
    (tmp_path / "good.txt").write_bytes(SAMPLE)
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "nowhere")
    os.mkfifo(tmp_path / "fifo.txt")
    listed = b"good.txt\nmissing.txt\ndangling.txt\nfifo.txt\n"
    proc = cli("batch", "-", "-o", "out", "--timeout", "2", cwd=tmp_path, stdin=listed)
    err = proc.stderr.decode()
    assert proc.returncode == EXIT_FAILED and "Traceback" not in err, err
    records = {
        r["path"]: r for r in map(json.loads, (tmp_path / "out" / "errors.jsonl").read_text().splitlines())
    }
    assert records["missing.txt"]["message"] == "no such file"
    assert records["dangling.txt"]["message"] == "no such file"
    assert records["fifo.txt"]["kind"] == "timeout"
    assert (tmp_path / "out" / "good.json").exists()
    assert no_temporary_files(tmp_path / "out")


# -- an output folder that cannot be written -------------------------------------------


def test_output_folder_not_writable_for_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The worker cannot create its temporary file (a read-only folder): the
    file fails as ``output``, with the system's reason."""
    page = tmp_path / "page.txt"
    page.write_bytes(SAMPLE)
    out = tmp_path / "out"
    out.mkdir()

    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    result = convert(Task(0, "page.txt", str(page), "page.json"), _state(out))
    assert (result.status, result.error) == ("failed", "output")
    assert result.message == "cannot write page.json: Read-only file system"
    assert list(out.iterdir()) == []


def test_output_folder_not_writable_for_the_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """errors.jsonl cannot be created: exit 5 with one line, before any work."""
    (tmp_path / "page.txt").write_bytes(SAMPLE)
    monkeypatch.chdir(tmp_path)

    def read_only(*args: object, **kwargs: object) -> tuple[int, str]:
        raise PermissionError(errno.EROFS, "Read-only file system")

    monkeypatch.setattr(tempfile, "mkstemp", read_only)
    result = CliRunner().invoke(app, ["batch", "page.txt", "-o", "out"])
    assert result.exit_code == EXIT_OUTPUT
    assert result.stderr == "newsextract: error: cannot write to out: Read-only file system\n"


@pytest.mark.skipif(IS_ROOT, reason="root writes to read-only folders")
def test_read_only_output_folder_in_a_real_batch(tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_bytes(SAMPLE)
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    try:
        proc = cli("batch", "page.txt", "-o", "out", cwd=tmp_path)
    finally:
        out.chmod(0o755)
    assert proc.returncode == EXIT_OUTPUT
    assert proc.stderr.decode().count("\n") == 1 and "Permission denied" in proc.stderr.decode()


# -- a full disk -------------------------------------------------------------------


def _file_size_limit(limit: int) -> None:
    """A full disk, simulated: writes past ``limit`` bytes fail (EFBIG) and
    SIGXFSZ, which would kill the process, is ignored (workers inherit both)."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))


def test_outputs_that_do_not_fit_fail_alone(tmp_path: Path) -> None:
    """Files may be at most 30 KB: the big page's output fails as ``output``,
    the small ones are converted, no temporary file is left."""
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "small.txt").write_bytes(SAMPLE)
    body = SAMPLE.decode().split("\n")
    (pages / "big.txt").write_text("\n".join(body[:5] + body[5:] * 12))
    proc = cli("batch", "pages", "-o", "out", cwd=tmp_path, preexec_fn=lambda: _file_size_limit(30_000))
    err = proc.stderr.decode()
    assert proc.returncode == EXIT_FAILED and "Traceback" not in err, err
    record = json.loads((tmp_path / "out" / "errors.jsonl").read_text())
    assert record["path"] == "pages/big.txt" and record["kind"] == "output"
    assert record["message"] == "cannot write big.json: File too large"
    assert (tmp_path / "out" / "small.json").exists() and not (tmp_path / "out" / "big.json").exists()
    assert no_temporary_files(tmp_path / "out")


def test_report_that_does_not_fit_is_exit_5(tmp_path: Path) -> None:
    """errors.jsonl itself cannot be written (many failures, a full disk):
    the run stops with one error line and exit 5, no temporary file left."""
    pages = tmp_path / "pages"
    pages.mkdir()
    for i in range(300):
        (pages / f"empty-{i:03}-{'x' * 100}.txt").write_bytes(b"")
    proc = cli("batch", "pages", "-o", "out", "-q", cwd=tmp_path, preexec_fn=lambda: _file_size_limit(8_000))
    err = proc.stderr.decode()
    assert proc.returncode == EXIT_OUTPUT, err
    assert err == "newsextract: error: cannot write to out: File too large\n"
    assert no_temporary_files(tmp_path / "out")


@pytest.mark.skipif(not DEV_FULL.exists(), reason="no /dev/full")
@pytest.mark.parametrize(
    "args",
    [
        ["parse", "page.txt"],
        ["parse", "page.txt", "-f", "markdown"],
        ["show", "page.txt"],
        ["batch", "page.txt", "-o", "-", "-f", "ndjson"],
    ],
    ids=["parse", "parse-markdown", "show", "batch-ndjson"],
)
def test_stdout_on_a_full_disk(args: list[str], tmp_path: Path) -> None:
    (tmp_path / "page.txt").write_bytes(SAMPLE)
    with DEV_FULL.open("wb") as full:
        proc = cli(*args, cwd=tmp_path, stdout=full)
    err = proc.stderr.decode()
    assert proc.returncode == EXIT_OUTPUT, err
    assert err.endswith("cannot write to stdout: No space left on device\n") and err.count("\n") == 1, err
