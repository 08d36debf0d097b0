"""`newsextract batch`: every option, through Typer's runner (in process) and,
where a real process matters (signals, a terminal, stdin), through a subprocess.

Inputs are our own samples (samples/*.txt) plus generated bad files.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

import newsextract
from newsextract.batch.runner import WorkerPool
from newsextract.batch.worker import SLOW_HOOK_ENV, Task, WorkerSettings
from newsextract.batch.worker import Result as TaskResult
from newsextract.cli import EXIT_NO_ARTICLE, EXIT_OUTPUT, EXIT_USAGE, app
from newsextract.cli_batch import EXIT_FAILED, EXIT_INTERRUPTED
from newsextract.render import render

from .conftest import ROOT, SAMPLES

runner = CliRunner()
GOOD = sorted(p for p in SAMPLES.glob("*.txt") if p.name != "daily8-video.txt")
NO_ARTICLE = SAMPLES / "daily8-video.txt"  # teasers only: status "no_article"


def batch(*args: str, stdin: bytes | None = None) -> Result:
    result = runner.invoke(app, ["batch", *args], input=stdin)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def run_cli(
    *args: str, cwd: Path, stdin: bytes | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[bytes]:
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "newsextract", "batch", *args],
        input=stdin,
        capture_output=True,
        env=full_env,
        cwd=cwd,
        timeout=60,
    )


def expected(source: str, fmt: str = "json") -> str:
    """What `newsextract parse SOURCE -f FMT -o X` writes for one file."""
    text = render(newsextract.parse_file(source), fmt)
    return text if text.endswith("\n") else text + "\n"


def outputs(folder: Path) -> dict[str, bytes]:
    """Every visible output file below ``folder`` (errors.jsonl aside), by relative path."""
    found: dict[str, bytes] = {}
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if (
            path.is_file()
            and not any(part.startswith(".") for part in rel.parts)
            and rel.name != "errors.jsonl"
        ):
            found[rel.as_posix()] = path.read_bytes()
    return found


def errors(folder: Path) -> list[dict[str, str]]:
    return [json.loads(line) for line in (folder / "errors.jsonl").read_text(encoding="utf-8").splitlines()]


def counts(stderr: str | bytes) -> dict[str, int]:
    """The summary table's rows: {"converted": 3, "no article": 0, ...}."""
    text = stderr.decode() if isinstance(stderr, bytes) else stderr
    found: dict[str, int] = {}
    for line in text.splitlines():
        label, _, number = line.strip().rpartition(" ")
        if number.isdigit() and label.strip() in ("converted", "no article", "failed", "skipped", "not run"):
            found[label.strip()] = int(number)
    return found


def temporary_files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


@pytest.fixture
def pages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """tmp_path/in: good samples, one gzipped in a subfolder, the no-article
    sample; cwd is tmp_path so that paths are short and relative."""
    monkeypatch.chdir(tmp_path)
    src = tmp_path / "in"
    (src / "sub").mkdir(parents=True)
    for path in GOOD[:4]:
        shutil.copy(path, src / path.name)
    (src / "sub" / "zipped.txt.gz").write_bytes(gzip.compress(GOOD[4].read_bytes()))
    shutil.copy(GOOD[5], src / "sub" / GOOD[5].name)
    return src


# -- the command ----------------------------------------------------------------------


def test_batch_is_registered_and_documented() -> None:
    result = runner.invoke(app, ["--help"])
    assert "batch" in result.output
    result = runner.invoke(app, ["batch", "--help"])
    assert result.exit_code == 0
    for option in (
        "--output",
        "--format",
        "--workers",
        "--recursive",
        "--glob",
        "--skip-existing",
        "--overwrite",
        "--kind",
        "--timeout",
        "--max-bytes",
        "--fail-fast",
        "--quiet",
    ):
        assert option in result.output, option
    assert "errors.jsonl" in result.output and "130" in result.output
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "## Batch" in readme and "errors.jsonl" in readme


def test_mirrors_the_tree_and_matches_parse(pages: Path) -> None:
    result = batch("in", "-r", "-o", "out")
    assert result.exit_code == 0, result.output
    out = Path("out")
    got = outputs(out)
    assert set(got) == {f"{p.stem}.json" for p in GOOD[:4]} | {"sub/zipped.json", f"sub/{GOOD[5].stem}.json"}
    assert got[f"{GOOD[0].stem}.json"].decode() == expected(f"in/{GOOD[0].name}")
    assert got["sub/zipped.json"].decode() == expected("in/sub/zipped.txt.gz")
    assert json.loads(got["sub/zipped.json"])["source"]["path"] == "in/sub/zipped.txt.gz"
    assert (out / "errors.jsonl").read_text() == ""  # always written, empty when nothing failed
    assert not temporary_files(out)
    # Not recursive: only the folder's own files.
    flat = batch("in", "-o", "flat")
    assert flat.exit_code == 0
    assert set(outputs(Path("flat"))) == {f"{p.stem}.json" for p in GOOD[:4]}


def test_mix_of_good_empty_binary_whitespace_and_huge_files(pages: Path) -> None:
    (pages / "empty.txt").write_bytes(b"")
    (pages / "blank.txt").write_bytes(b"  \n\t\n")
    (pages / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    (pages / "huge.txt").write_bytes(GOOD[0].read_bytes() * 40)  # ~200 KB
    (pages / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * 300_000))
    (pages / "broken.html.gz").write_bytes(gzip.compress(GOOD[1].read_bytes())[:-20])
    result = batch("in", "-o", "out", "--max-bytes", "100000")
    assert result.exit_code == EXIT_FAILED, result.output
    out = Path("out")
    assert set(outputs(out)) == {f"{p.stem}.json" for p in GOOD[:4]}
    report = {e["path"]: e for e in errors(out)}
    assert set(report) == {
        f"in/{n}"
        for n in ("empty.txt", "blank.txt", "image.png", "huge.txt", "bomb.txt.gz", "broken.html.gz")
    }
    assert all(e["kind"] == "input" and e["message"] for e in report.values())
    assert "limit" in report["in/huge.txt"]["message"]
    assert "empty" in report["in/empty.txt"]["message"]
    # The summary: counts and the failures, on stderr only.
    assert result.stdout == ""
    for line in ("converted", "no article", "failed", "skipped"):
        assert line in result.stderr
    assert "in/image.png" in result.stderr and "errors.jsonl" in result.stderr


def test_no_article_exit_code(pages: Path) -> None:
    shutil.copy(NO_ARTICLE, pages / NO_ARTICLE.name)
    result = batch("in", "-o", "out")
    assert result.exit_code == EXIT_NO_ARTICLE, result.output
    doc = json.loads((Path("out") / f"{NO_ARTICLE.stem}.json").read_text())
    assert doc["status"] == "no_article"  # the document is still written


@pytest.mark.parametrize(("fmt", "ext"), [("markdown", ".md"), ("text", ".txt"), ("json", ".json")])
def test_formats(pages: Path, fmt: str, ext: str) -> None:
    result = batch("in", "-o", "out", "--format", fmt)
    assert result.exit_code == 0, result.output
    for path in GOOD[:4]:
        assert (Path("out") / (path.stem + ext)).read_text() == expected(f"in/{path.name}", fmt)


def test_ndjson_to_a_file(pages: Path) -> None:
    (pages / "empty.txt").write_bytes(b"")
    result = batch("in", "-r", "-o", "out", "-f", "ndjson")
    assert result.exit_code == EXIT_FAILED
    out = Path("out")
    assert sorted(p.name for p in out.iterdir()) == ["documents.ndjson", "errors.jsonl"]
    lines = (out / "documents.ndjson").read_text().splitlines()
    docs = [json.loads(line) for line in lines]
    assert sorted(d["path"] for d in docs) == sorted(
        [f"in/{p.name}" for p in GOOD[:4]] + ["in/sub/zipped.txt.gz", f"in/sub/{GOOD[5].name}"]
    )
    assert all(d["source"]["path"] == d["path"] and d["article"] for d in docs)
    assert [e["path"] for e in errors(out)] == ["in/empty.txt"]  # failures are not in the ndjson


def test_ndjson_to_stdout(pages: Path) -> None:
    (pages / "empty.txt").write_bytes(b"")
    result = batch("in", "-o", "-", "-f", "ndjson")
    assert result.exit_code == EXIT_FAILED
    docs = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(docs) == 4 and all("path" in d for d in docs)
    assert "in/empty.txt" in result.stderr  # no errors.jsonl: the failures are in the summary
    assert not Path("-").exists()


def test_ndjson_stdout_closed_by_the_reader(pages: Path) -> None:
    """`batch ... -o - -f ndjson | head -1`: stop quietly, no broken-pipe noise."""
    for i in range(40):
        shutil.copy(GOOD[i % 4], pages / f"more{i:02}.txt")
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsextract", "batch", "in", "-o", "-", "-f", "ndjson"],
        cwd=pages.parent,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    json.loads(proc.stdout.readline())
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=30) == 0, err
    assert "stdout was closed" in err and "Error" not in err and "Traceback" not in err


def test_stdout_needs_ndjson(pages: Path) -> None:
    result = batch("in", "-o", "-")
    assert result.exit_code == EXIT_USAGE and "ndjson" in result.stderr


def test_ndjson_resume_with_skip_existing(pages: Path) -> None:
    assert batch("in", "-o", "out", "-f", "ndjson").exit_code == 0
    again = batch("in", "-o", "out", "-f", "ndjson")
    assert again.exit_code == EXIT_USAGE and "documents.ndjson already exists" in again.stderr
    # Keep two lines, as if the run had been interrupted; the resume adds the rest once.
    ndjson = Path("out/documents.ndjson")
    lines = ndjson.read_text().splitlines()
    ndjson.write_text("\n".join(lines[:2]) + "\n")
    resumed = batch("in", "-o", "out", "-f", "ndjson", "--skip-existing")
    assert resumed.exit_code == 0
    paths = [json.loads(line)["path"] for line in ndjson.read_text().splitlines()]
    assert sorted(paths) == sorted(json.loads(line)["path"] for line in lines)
    overwritten = batch("in", "-o", "out", "-f", "ndjson", "--overwrite")
    assert overwritten.exit_code == 0 and len(ndjson.read_text().splitlines()) == len(lines)


# -- existing outputs ---------------------------------------------------------------------


def test_rerun_without_flags_is_refused_before_any_work(pages: Path) -> None:
    assert batch("in", "-r", "-o", "out").exit_code == 0
    out = Path("out")
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*")}
    (pages / "new.txt").write_bytes(GOOD[6].read_bytes())
    result = batch("in", "-r", "-o", "out")
    assert result.exit_code == EXIT_USAGE
    assert "already exist" in result.stderr and "--skip-existing" in result.stderr
    assert result.stderr.count("\n") == 1
    assert {p: p.stat().st_mtime_ns for p in out.rglob("*")} == before  # nothing touched, nothing added


def test_skip_existing_does_only_the_rest(pages: Path) -> None:
    assert batch("in", "-r", "-o", "out").exit_code == 0
    out = Path("out")
    first = outputs(out)
    victim = out / f"{GOOD[0].stem}.json"
    victim.unlink()
    kept = out / f"{GOOD[1].stem}.json"
    kept.write_text("kept\n")
    result = batch("in", "-r", "-o", "out", "--skip-existing")
    assert result.exit_code == 0, result.output
    assert victim.read_bytes() == first[victim.name]
    assert kept.read_text() == "kept\n"
    assert counts(result.stderr) == {"converted": 1, "no article": 0, "failed": 0, "skipped": 5}


def test_overwrite_replaces(pages: Path) -> None:
    assert batch("in", "-o", "out").exit_code == 0
    target = Path("out") / f"{GOOD[0].stem}.json"
    good = target.read_bytes()
    target.write_text("stale\n")
    result = batch("in", "-o", "out", "--overwrite")
    assert result.exit_code == 0
    assert target.read_bytes() == good


def test_skip_existing_and_overwrite_exclude_each_other(pages: Path) -> None:
    result = batch("in", "-o", "out", "--skip-existing", "--overwrite")
    assert result.exit_code == EXIT_USAGE and not Path("out").exists()


def test_two_inputs_with_one_output_name_do_not_overwrite_each_other(pages: Path) -> None:
    (pages / "twin.txt").write_bytes(GOOD[0].read_bytes())
    (pages / "twin.html.gz").write_bytes(gzip.compress(GOOD[1].read_bytes()))
    result = batch("in", "-o", "out")
    assert result.exit_code == EXIT_FAILED
    [clash] = errors(Path("out"))
    assert clash["kind"] == "output_clash" and clash["path"] in ("in/twin.txt", "in/twin.html.gz")
    written = json.loads((Path("out") / "twin.json").read_text())
    assert written["source"]["path"] != clash["path"]


def test_outdir_that_is_a_file(pages: Path) -> None:
    Path("out").write_text("x")
    result = batch("in", "-o", "out")
    assert result.exit_code == EXIT_OUTPUT and "not a folder" in result.stderr


# -- inputs ---------------------------------------------------------------------------------


def test_glob_option_and_glob_inputs(pages: Path) -> None:
    result = batch("in", "-r", "-o", "gz", "--glob", "*.gz")
    assert result.exit_code == 0
    assert set(outputs(Path("gz"))) == {"sub/zipped.json"}
    result = batch("in/*.txt", "-o", "pattern")
    assert result.exit_code == 0
    assert set(outputs(Path("pattern"))) == {f"{p.stem}.json" for p in GOOD[:4]}
    result = batch("in/**/*.gz", "-o", "deep")
    assert set(outputs(Path("deep"))) == {"sub/zipped.json"}


def test_missing_input_is_a_usage_error(pages: Path) -> None:
    result = batch("in", "nowhere", "-o", "out")
    assert result.exit_code == EXIT_USAGE and "nowhere" in result.stderr
    assert not Path("out").exists()


def test_stdin_list(pages: Path) -> None:
    listing = f"in/{GOOD[0].name}\nin/sub/zipped.txt.gz\nin/missing.txt\n".encode()
    result = batch("-", "-o", "out", stdin=listing)
    assert result.exit_code == EXIT_FAILED
    assert set(outputs(Path("out"))) == {f"in/{GOOD[0].stem}.json", "in/sub/zipped.json"}
    assert errors(Path("out")) == [{"path": "in/missing.txt", "kind": "input", "message": "no such file"}]
    nul = batch("-", "-o", "nul", stdin=f"in/{GOOD[1].name}\0in/{GOOD[2].name}\0".encode())
    assert nul.exit_code == 0 and len(outputs(Path("nul"))) == 2


def test_stdin_from_find_in_a_real_process(pages: Path) -> None:
    listing = subprocess.run(["find", "in", "-name", "*.txt*"], capture_output=True, check=True).stdout
    proc = run_cli("-", "-o", "out", cwd=pages.parent, stdin=listing)
    assert proc.returncode == 0, proc.stderr
    assert len(outputs(pages.parent / "out")) == 6


def test_kind_option(pages: Path) -> None:
    assert batch(f"in/{GOOD[0].name}", "-o", "auto").exit_code == 0
    batch(f"in/{GOOD[0].name}", "-o", "html", "--kind", "html")
    as_text = json.loads((Path("auto/in") / f"{GOOD[0].stem}.json").read_text())
    as_html = json.loads((Path("html/in") / f"{GOOD[0].stem}.json").read_text())
    assert as_text["source"]["kind"] == "text" and as_html["source"]["kind"] == "html"


def test_workers_option_gives_the_same_outputs(pages: Path) -> None:
    assert batch("in", "-r", "-o", "one", "--workers", "1").exit_code == 0
    assert batch("in", "-r", "-o", "three", "-w", "3").exit_code == 0
    assert outputs(Path("one")) == outputs(Path("three"))
    assert batch("in", "-o", "zero", "-w", "0").exit_code == EXIT_USAGE


def test_quiet_prints_nothing(pages: Path) -> None:
    (pages / "empty.txt").write_bytes(b"")
    result = batch("in", "-o", "out", "--quiet")
    assert result.exit_code == EXIT_FAILED
    assert result.stdout == "" and result.stderr == ""


def test_fail_fast_stops_at_the_first_failure(pages: Path) -> None:
    for i in range(30):
        (pages / f"empty{i:02}.txt").write_bytes(b"")
    result = batch("in", "-o", "out", "--fail-fast", "-w", "1")
    assert result.exit_code == EXIT_FAILED
    assert len(errors(Path("out"))) == 1
    assert "--fail-fast" in result.stderr


def test_no_input_files(pages: Path) -> None:
    result = batch("in", "-o", "out", "--glob", "*.nothing")
    assert result.exit_code == 0 and "0 files" in result.stderr


# -- safety: nothing outside OUTDIR -------------------------------------------------------------


def test_inputs_whose_names_would_escape_outdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    work = tmp_path / "work" / "cwd"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)
    outside = tmp_path / "work" / "up.txt"
    shutil.copy(GOOD[0], outside)
    absolute = tmp_path / "abs.txt"
    shutil.copy(GOOD[1], absolute)
    (work / "-dash.txt").write_bytes(GOOD[2].read_bytes())
    listing = f"../up.txt\n{absolute}\n../../work/cwd/-dash.txt\n./../cwd/../up.txt\n".encode()
    before = sorted(str(p) for p in tmp_path.rglob("*"))
    result = batch("-", "-o", "out", stdin=listing)
    out = (work / "out").resolve()
    created = sorted(str(p) for p in tmp_path.rglob("*") if str(p) not in before)
    assert created and all(Path(p).resolve().is_relative_to(out) for p in created), created
    got = outputs(out)
    assert "-dash.json" in got
    assert str(outside.relative_to("/").with_suffix(".json")) in got
    assert str(absolute.relative_to("/").with_suffix(".json")) in got
    # "../up.txt" and "./../cwd/../up.txt" are the same file: the second is a clash, not an overwrite.
    assert result.exit_code == EXIT_FAILED and [e["kind"] for e in errors(out)] == ["output_clash"]


def test_symlink_in_outdir_cannot_send_writes_outside(pages: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "sub").symlink_to(elsewhere, target_is_directory=True)
    result = batch("in", "-r", "-o", "out", "--overwrite")
    assert result.exit_code == EXIT_FAILED
    assert list(elsewhere.iterdir()) == []
    kinds = {e["path"]: e["kind"] for e in errors(out)}
    assert kinds == {"in/sub/zipped.txt.gz": "unsafe_output", f"in/sub/{GOOD[5].name}": "unsafe_output"}


def test_overwrite_never_replaces_an_input(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    shutil.copy(GOOD[0], tmp_path / "page.txt")
    original = (tmp_path / "page.txt").read_bytes()
    result = batch("page.txt", "-o", ".", "-f", "text", "--overwrite")
    assert result.exit_code == EXIT_FAILED
    assert (tmp_path / "page.txt").read_bytes() == original
    assert errors(tmp_path)[0]["kind"] == "output_clash"


def test_input_folder_inside_outdir_is_refused(pages: Path) -> None:
    result = batch("in", "-o", ".")
    assert result.exit_code == EXIT_USAGE and "OUTDIR" in result.stderr


def test_outdir_inside_the_input_folder_is_not_read_back(pages: Path) -> None:
    assert batch("in", "-r", "-o", "in/out").exit_code == 0
    assert batch("in", "-r", "-o", "in/out", "--skip-existing").exit_code == 0
    assert not (pages / "out" / "out").exists()
    assert len(outputs(pages / "out")) == 6


# -- timeouts and dying workers -------------------------------------------------------------------


def test_timeout_stops_a_slow_page(pages: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """NEWSEXTRACT_TEST_SLOW (a test hook, see batch/worker.py) makes the
    worker sleep on that file; --timeout must stop it and carry on."""
    shutil.copy(GOOD[0], pages / "slow-page.txt")
    monkeypatch.setenv(SLOW_HOOK_ENV, "slow-page")
    start = time.monotonic()
    result = batch("in", "-r", "-o", "out", "--timeout", "1", "-w", "2")
    assert time.monotonic() - start < 15
    assert result.exit_code == EXIT_FAILED, result.output
    assert errors(Path("out")) == [
        {"path": "in/slow-page.txt", "kind": "timeout", "message": "took longer than 1 s; stopped"}
    ]
    assert len(outputs(Path("out"))) == 6  # the others are all done
    assert not temporary_files(Path("out"))


def test_a_worker_that_dies_is_replaced(tmp_path: Path) -> None:
    """A worker killed in the middle of a file (here: SIGKILL while it sleeps
    in the test hook) fails that file as worker_died, is replaced for the next
    one, and the temporary file it could have left is removed."""
    page = tmp_path / "sleepy.txt"
    shutil.copy(GOOD[0], page)
    out = tmp_path / "out"
    out.mkdir()
    settings = WorkerSettings(fmt="json", outdir=str(out), slow_hook="sleepy", parent_pid=os.getpid())
    pool = WorkerPool(settings, workers=1, timeout=None)
    tasks = [Task(0, "sleepy.txt", str(page), "sleepy.json"), Task(1, "good.txt", str(GOOD[1]), "good.json")]
    results: list[TaskResult] = []
    half_written = out / ".sleepy.json.abcd1234.tmp"

    def record(result: TaskResult) -> bool:
        results.append(result)
        return False

    def kill_the_sleeper() -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            slots = list(pool._slots)
            if slots and slots[0].task is not None and slots[0].task.index == 0:
                time.sleep(0.2)
                half_written.write_text("{")
                os.kill(slots[0].process.pid or 0, signal.SIGKILL)
                return
            time.sleep(0.02)

    killer = threading.Thread(target=kill_the_sleeper)
    killer.start()
    pool.run(tasks, record)
    killer.join()
    assert [(r.index, r.status, r.error) for r in results] == [
        (0, "failed", "worker_died"),
        (1, "converted", None),
    ]
    assert "SIGKILL" in (results[0].message or "")
    assert sorted(p.name for p in out.iterdir()) == ["good.json"]


# -- progress ---------------------------------------------------------------------------------------


def test_progress_bar_only_on_a_terminal(pages: Path) -> None:
    shown = run_cli("in", "-r", "-o", "tty", cwd=pages.parent, env={"TTY_COMPATIBLE": "1", "COLUMNS": "120"})
    assert shown.returncode == 0, shown.stderr
    err = shown.stderr.decode()
    assert "files/s" in err and "━" in err and "6/6" in err
    plain = run_cli("in", "-r", "-o", "plain", cwd=pages.parent, env={"TTY_COMPATIBLE": "0"})
    lines = plain.stderr.decode().splitlines()
    assert "\r" not in plain.stderr.decode() and "\x1b" not in plain.stderr.decode()
    assert lines[0].startswith("newsextract batch: 6 files") and len(lines) == 5


# -- interruption and resume --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, bytes]]:
    """200 small pages and the outputs of a clean, uninterrupted run."""
    root = tmp_path_factory.mktemp("many")
    src = root / "in"
    for i in range(200):
        folder = src / f"d{i % 4}"
        folder.mkdir(parents=True, exist_ok=True)
        sample = GOOD[i % len(GOOD)]
        (folder / f"p{i:03}-{sample.name}").write_bytes(sample.read_bytes() * 2)
    proc = run_cli(str(src), "-r", "-o", str(root / "clean"), "-w", "2", cwd=root)
    assert proc.returncode == 0, proc.stderr
    clean = outputs(root / "clean")
    assert len(clean) == 200
    return src, clean


def interrupted_run(src: Path, out: Path, sig: signal.Signals) -> int:
    """Start a batch, send ``sig`` once some outputs exist, return the exit code.

    One file (``p150-...``) sleeps in its worker (the test hook), so the batch
    cannot finish before the signal however fast the machine or slow the polling.
    SIGINT is restored to its default in the child: a test run started in the
    background (``cmd &``) has it ignored, and the batch would never see it."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsextract", "batch", str(src), "-r", "-o", str(out), "-w", "2"],
        env={**os.environ, "PYTHONPATH": str(ROOT), SLOW_HOOK_ENV: "p150-"},
        cwd=src.parent,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and (not out.exists() or len(list(out.rglob("*.json"))) < 20):
        time.sleep(0.005)
    proc.send_signal(sig)
    proc.communicate(timeout=30)
    return proc.returncode


def test_sigint_stops_promptly_and_skip_existing_resumes(many: tuple[Path, dict[str, bytes]]) -> None:
    src, clean = many
    out = src.parent / "out-int"
    code = interrupted_run(src, out, signal.SIGINT)
    assert code == EXIT_INTERRUPTED
    assert not temporary_files(out)
    done = outputs(out)
    assert 20 <= len(done) < 200, "the run was interrupted mid-way"
    for rel, data in done.items():
        json.loads(data)  # complete, valid JSON
        assert data == clean[rel]
    assert (out / "errors.jsonl").exists()
    # Without a flag, a rerun refuses; with --skip-existing it does only the rest.
    assert run_cli(str(src), "-r", "-o", str(out), cwd=src.parent).returncode == EXIT_USAGE
    resumed = run_cli(str(src), "-r", "-o", str(out), "--skip-existing", cwd=src.parent)
    assert resumed.returncode == 0, resumed.stderr
    assert outputs(out) == clean
    assert counts(resumed.stderr)["skipped"] == len(done)
    assert counts(resumed.stderr)["converted"] == 200 - len(done)


def test_sigkill_then_resume_gives_the_full_set(many: tuple[Path, dict[str, bytes]]) -> None:
    src, clean = many
    out = src.parent / "out-kill"
    assert interrupted_run(src, out, signal.SIGKILL) == -signal.SIGKILL
    time.sleep(0.5)  # orphaned workers finish their one file (atomically) and exit
    done = outputs(out)
    assert len(done) < 200
    for rel, data in done.items():
        assert data == clean[rel]  # a kill never leaves a half-written output
    # Only hidden temporary files can be left behind, and they are never read as inputs.
    assert all(p.name.startswith(".") for p in temporary_files(out))
    resumed = run_cli(str(src), "-r", "-o", str(out), "--skip-existing", cwd=src.parent)
    assert resumed.returncode == 0, resumed.stderr
    assert outputs(out) == clean
