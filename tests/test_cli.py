"""The CLI through Typer's runner and, where a real process matters (stdin,
exit codes, stderr), through a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsextract.cli import EXIT_INPUT, EXIT_NO_ARTICLE, EXIT_USAGE, app

from .conftest import SAMPLES

runner = CliRunner()
SAMPLE = SAMPLES / "daily8-comments.txt"
VIDEO = SAMPLES / "daily8-video.txt"


def run_cli(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    return subprocess.run(
        [sys.executable, "-m", "newsextract", *args], input=stdin, capture_output=True, env=env, timeout=60
    )


def test_help_lists_commands() -> None:
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in ("parse", "schema"):
        assert command in result.output


@pytest.mark.parametrize("command", ["parse", "schema"])
def test_every_command_has_help(command: str) -> None:
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0 and result.output.startswith("newsextract ")


def test_parse_path_json() -> None:
    result = runner.invoke(app, ["parse", str(SAMPLE), "--format", "json"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["article"]["title"]
    assert doc["source"]["kind"] == "text"
    assert doc["source"]["path"] == str(SAMPLE)


def test_parse_stdin_matches_path() -> None:
    by_path = run_cli("parse", str(SAMPLE), "--format", "json")
    by_stdin = run_cli("parse", "--format", "json", stdin=SAMPLE.read_bytes())
    dash = run_cli("parse", "-", "--format", "json", stdin=SAMPLE.read_bytes())
    assert by_path.returncode == by_stdin.returncode == dash.returncode == 0
    a, b = json.loads(by_path.stdout), json.loads(by_stdin.stdout)
    a["source"].pop("path")
    assert a == b == json.loads(dash.stdout)


def test_parse_markdown_to_file(tmp_path: Path) -> None:
    out = tmp_path / "story.md"
    result = runner.invoke(app, ["parse", str(SAMPLE), "-f", "markdown", "-o", str(out)])
    assert result.exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# ")
    assert "## Comments" in text and "## Related articles" in text
    assert not list(tmp_path.glob(".*.tmp")), "no temporary file is left behind"


def test_parse_text_format() -> None:
    result = runner.invoke(app, ["parse", str(SAMPLE), "-f", "text"])
    assert result.exit_code == 0
    assert "Comments" in result.stdout


def test_no_article_exit_code_still_prints_document() -> None:
    proc = run_cli("parse", str(VIDEO), "--format", "json")
    assert proc.returncode == EXIT_NO_ARTICLE
    doc = json.loads(proc.stdout)
    assert doc["status"] == "no_article"
    assert doc["related"], "teasers are not lost on a page without an article"
    assert proc.stderr.decode().count("\n") == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "empty"),
        (b"   \n\n\t  \n", "whitespace"),
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG"),
        (b"\x00\x01\x02\x03" * 500, "binary"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    ],
    ids=["empty", "whitespace", "png", "nul-bytes", "pdf"],
)
def test_bad_input_one_line_error(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    proc = run_cli("parse", str(path))
    err = proc.stderr.decode()
    assert proc.returncode == EXIT_INPUT, err
    assert err.count("\n") == 1 and message.lower() in err.lower(), err
    assert "Traceback" not in err
    assert proc.stdout == b""


def test_missing_file(tmp_path: Path) -> None:
    proc = run_cli("parse", str(tmp_path / "nope.txt"))
    assert proc.returncode == EXIT_INPUT
    assert "no such file" in proc.stderr.decode()
    assert proc.stderr.decode().count("\n") == 1


def test_directory(tmp_path: Path) -> None:
    proc = run_cli("parse", str(tmp_path))
    assert proc.returncode == EXIT_INPUT
    assert "directory" in proc.stderr.decode()


def test_undecodable_bytes_still_parse(tmp_path: Path) -> None:
    # Invalid UTF-8 that is valid cp1252: decoded by detection, not refused.
    path = tmp_path / "latin.txt"
    path.write_bytes(("Le caf\xe9 de la gare ferme ses portes apr\xe8s cent ans. " * 8).encode("latin-1"))
    proc = run_cli("parse", str(path), "--format", "json")
    assert proc.returncode in (0, EXIT_NO_ARTICLE), proc.stderr
    assert "café" in proc.stdout.decode()


def test_too_large(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 1000)
    proc = run_cli("parse", str(path), "--max-bytes", "100")
    assert proc.returncode == EXIT_INPUT
    assert "limit" in proc.stderr.decode()


def test_gzip_input(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "story.txt.gz"
    path.write_bytes(gzip.compress(SAMPLE.read_bytes()))
    proc = run_cli("parse", str(path), "--format", "json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["article"]["title"]


def test_truncated_gzip(tmp_path: Path) -> None:
    import gzip

    path = tmp_path / "cut.txt.gz"
    path.write_bytes(gzip.compress(SAMPLE.read_bytes())[:200])
    proc = run_cli("parse", str(path))
    assert proc.returncode == EXIT_INPUT
    assert "gzip" in proc.stderr.decode()


def test_bad_option_is_usage_error() -> None:
    result = runner.invoke(app, ["parse", str(SAMPLE), "--format", "yaml"])
    assert result.exit_code == EXIT_USAGE


def test_url_option_fills_article_url() -> None:
    result = runner.invoke(app, ["parse", str(SAMPLE), "-f", "json", "--url", "https://example.com/story"])
    assert json.loads(result.stdout)["article"]["url"] == "https://example.com/story"


def test_explain() -> None:
    result = runner.invoke(app, ["parse", str(SAMPLE), "--explain"])
    assert result.exit_code == 0
    assert "TITLE" in result.stdout and "body" in result.stdout


def test_schema_command() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema["type"] == "object" and "article" in schema["properties"]


def test_output_not_writable(tmp_path: Path) -> None:
    proc = run_cli("parse", str(SAMPLE), "-o", str(tmp_path / "missing-dir" / "out.json"))
    assert proc.returncode == 5
    assert "cannot write" in proc.stderr.decode()
