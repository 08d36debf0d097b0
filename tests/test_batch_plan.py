"""Batch planning without running anything: output names, the relative path
mapping and its escape checks, and the lazy walk over folders, globs and
stdin lists."""

from __future__ import annotations

import io
import os
from pathlib import Path, PurePosixPath

import pytest

from newsextract.batch.plan import (
    Plan,
    PlanError,
    UnsafePathError,
    display_path,
    glob_base,
    is_inside,
    output_name,
    output_relpath,
    relative_name,
)


@pytest.mark.parametrize(
    ("name", "ext", "expected"),
    [
        ("b.html", ".json", "b.json"),
        ("b.html.gz", ".json", "b.json"),
        ("b.HTML.GZ", ".md", "b.md"),
        ("b.txt", ".txt", "b.txt"),
        ("notes", ".json", "notes.json"),
        ("a.b.c.html", ".json", "a.b.c.json"),
        ("page.gz", ".json", "page.json"),
        (".profile", ".json", ".profile.json"),
        (".gz", ".json", ".gz.json"),
    ],
)
def test_output_name(name: str, ext: str, expected: str) -> None:
    assert output_name(name, ext) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("a/b.html", "a/b.html"),
        ("./a/b.html", "a/b.html"),
        ("a/../b.html", "b.html"),
        ("a//b.html", "a/b.html"),
        ("/work/cwd/in/x.html", "in/x.html"),  # absolute but inside cwd
        ("/data/x.html", "data/x.html"),  # absolute outside cwd: the root goes
        ("../x.html", "work/x.html"),  # climbs out of cwd: its absolute path without the root
        ("../../../../etc/passwd", "etc/passwd"),
        ("in/../../cwd/y.html", "y.html"),
    ],
)
def test_relative_name_is_safe(path: str, expected: str) -> None:
    rel = relative_name(path, "/work/cwd")
    assert rel == PurePosixPath(expected)
    assert not rel.is_absolute() and ".." not in rel.parts


def test_output_relpath() -> None:
    assert output_relpath(PurePosixPath("a/b.html.gz"), ".json") == "a/b.json"
    assert output_relpath(PurePosixPath("b.txt"), ".md") == "b.md"


@pytest.mark.parametrize("bad", ["../x.html", "/etc/x.html", "a/../../x", "a/..", "a/b\x00c"])
def test_output_relpath_refuses_unsafe_paths(bad: str) -> None:
    with pytest.raises(UnsafePathError):
        output_relpath(PurePosixPath(bad), ".json")


def test_output_relpath_refuses_empty() -> None:
    with pytest.raises(UnsafePathError):
        output_relpath(PurePosixPath(), ".json")


@pytest.mark.parametrize(
    ("pattern", "base"),
    [
        ("in/*/b.html", "in"),
        ("*.html", "."),
        ("/abs/in/**/*.gz", "/abs/in"),
        ("a/b/c?.txt", "a/b"),
        ("/*.x", "/"),
    ],
)
def test_glob_base(pattern: str, base: str) -> None:
    assert glob_base(pattern) == base


def test_is_inside() -> None:
    assert is_inside("/out", "/out")
    assert is_inside("/out/a/b", "/out")
    assert not is_inside("/outside", "/out")
    assert not is_inside("/", "/out")
    assert is_inside("/anything", "/")


def test_display_path_replaces_bad_bytes() -> None:
    raw = os.fsdecode(b"caf\xe9.html")
    shown = display_path(raw)
    shown.encode("utf-8")
    assert shown == "caf\ufffd.html"
    assert display_path("ok/é.html") == "ok/é.html"


# -- walking -----------------------------------------------------------------------


def tree(root: Path, files: list[str]) -> None:
    for name in files:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x", encoding="utf-8")


def planned(plan: Plan) -> dict[str, str | None]:
    return {p.source: p.output for p in plan}


def test_folder_one_level_or_recursive(tmp_path: Path) -> None:
    tree(tmp_path, ["in/a.html", "in/b.txt.gz", "in/sub/c.html", "in/sub/deep/d.txt", "in/.hidden.html"])
    (tmp_path / "in/.git").mkdir()
    (tmp_path / "in/.git/config.html").write_text("x")
    flat = planned(Plan(["in"], extension=".json", cwd=str(tmp_path)))
    assert flat == {"in/a.html": "a.json", "in/b.txt.gz": "b.json"}
    deep = planned(Plan(["in"], extension=".json", recursive=True, cwd=str(tmp_path)))
    assert deep == {
        "in/a.html": "a.json",
        "in/b.txt.gz": "b.json",
        "in/sub/c.html": "sub/c.json",
        "in/sub/deep/d.txt": "sub/deep/d.json",
    }


def test_plan_is_reiterable_and_ndjson_has_no_output(tmp_path: Path) -> None:
    tree(tmp_path, ["in/a.html", "in/b.html"])
    plan = Plan(["in"], extension=None, cwd=str(tmp_path))
    first, second = list(plan), list(plan)
    assert first == second and len(first) == 2
    assert all(p.output is None and p.error is None for p in first)
    assert all(os.path.isabs(p.read_path) for p in first)


def test_glob_patterns_filter_folder_files_only(tmp_path: Path) -> None:
    tree(tmp_path, ["in/a.html", "in/b.txt", "in/c.html.gz", "one.txt"])
    plan = Plan(["in", "one.txt"], extension=".json", patterns=["*.html", "*.gz"], cwd=str(tmp_path))
    assert set(planned(plan)) == {"in/a.html", "in/c.html.gz", "one.txt"}


def test_glob_input_is_relative_to_its_fixed_part(tmp_path: Path) -> None:
    tree(tmp_path, ["in/x/b.html", "in/y/b.html", "in/y/c.txt", "in/z/deep/e.html"])
    assert planned(Plan(["in/*/b.html"], extension=".json", cwd=str(tmp_path))) == {
        "in/x/b.html": "x/b.json",
        "in/y/b.html": "y/b.json",
    }
    deep = planned(Plan(["in/**/*.html"], extension=".json", cwd=str(tmp_path)))
    assert deep["in/z/deep/e.html"] == "z/deep/e.json"
    assert "in/y/c.txt" not in deep


def test_files_keep_their_path_as_given(tmp_path: Path) -> None:
    tree(tmp_path, ["cwd/in/a/b.html", "elsewhere/c.html"])
    cwd = tmp_path / "cwd"
    absolute = str(tmp_path / "elsewhere/c.html")
    result = planned(Plan(["in/a/b.html", "../elsewhere/c.html", absolute], extension=".json", cwd=str(cwd)))
    outside = str(PurePosixPath(*Path(absolute).parts[1:]).with_suffix(".json"))
    assert result == {"in/a/b.html": "in/a/b.json", "../elsewhere/c.html": outside, absolute: outside}


def test_stdin_list_newlines_nul_crlf_and_blanks(tmp_path: Path) -> None:
    tree(tmp_path, ["a.html", "b c.html", "d.html"])
    listing = b"a.html\r\n\nb c.html\n  \nd.html"
    plan = Plan(["-"], extension=".json", stdin=io.BytesIO(listing), cwd=str(tmp_path))
    assert planned(plan) == {"a.html": "a.json", "b c.html": "b c.json", "d.html": "d.json"}
    assert planned(plan) == {"a.html": "a.json", "b c.html": "b c.json", "d.html": "d.json"}  # again
    nul = Plan(
        ["-"], extension=".json", stdin=io.BytesIO(b"a.html\x00with\nnewline.html\x00"), cwd=str(tmp_path)
    )
    assert set(planned(nul)) == {"a.html", "with\nnewline.html"}


def test_stdin_paths_are_not_globbed_and_missing_ones_are_planned(tmp_path: Path) -> None:
    tree(tmp_path, ["x.html"])
    plan = Plan(["-"], extension=".json", stdin=io.BytesIO(b"*.html\nmissing.html\n"), cwd=str(tmp_path))
    assert planned(plan) == {"*.html": "*.json", "missing.html": "missing.json"}


def test_missing_argument_is_a_plan_error(tmp_path: Path) -> None:
    with pytest.raises(PlanError, match="no such file"):
        Plan(["nope"], extension=".json", cwd=str(tmp_path)).check()
    Plan(["nope/*.html"], extension=".json", cwd=str(tmp_path)).check()  # a glob may match nothing


def test_input_folder_inside_outdir_is_refused(tmp_path: Path) -> None:
    tree(tmp_path, ["out/in/a.html"])
    for arg in ("out", "out/in"):
        with pytest.raises(PlanError, match="OUTDIR"):
            Plan([arg], extension=".json", outdir="out", cwd=str(tmp_path)).check()


def test_outdir_inside_input_folder_is_not_walked(tmp_path: Path) -> None:
    tree(tmp_path, ["in/a.html", "in/out/a.json", "in/sub/b.html"])
    plan = Plan(["in"], extension=".json", recursive=True, outdir="in/out", cwd=str(tmp_path))
    assert set(planned(plan)) == {"in/a.html", "in/sub/b.html"}


def test_symlinked_folders_are_not_followed(tmp_path: Path) -> None:
    tree(tmp_path, ["in/a.html", "target/secret.html"])
    (tmp_path / "in/link").symlink_to(tmp_path / "target", target_is_directory=True)
    (tmp_path / "in/loop").symlink_to(tmp_path / "in", target_is_directory=True)
    (tmp_path / "in/file-link.html").symlink_to(tmp_path / "target/secret.html")
    plan = Plan(["in"], extension=".json", recursive=True, cwd=str(tmp_path))
    assert planned(plan) == {"in/a.html": "a.json", "in/file-link.html": "file-link.json"}


def test_unreadable_folder_is_a_planned_failure(tmp_path: Path) -> None:
    tree(tmp_path, ["in/ok.html", "in/locked/x.html"])
    locked = tmp_path / "in/locked"
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: permissions are not enforced")
        items = list(Plan(["in"], extension=".json", recursive=True, cwd=str(tmp_path)))
    finally:
        locked.chmod(0o755)
    failures = [p for p in items if p.error]
    assert [p.source for p in failures] == ["in/locked"] and failures[0].error_kind == "input"


def test_walk_is_lazy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first file comes out before the other folders are even opened."""
    tree(tmp_path, [f"in/d{i}/f.html" for i in range(50)] + ["in/top.html"])
    opened: list[str] = []
    real_scandir = os.scandir

    def counting_scandir(path: str) -> object:
        opened.append(path)
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", counting_scandir)
    it = iter(Plan(["in"], extension=".json", recursive=True, cwd=str(tmp_path)))
    first = next(it)
    assert first.source == "in/top.html"
    assert len(opened) == 1
    next(it)
    assert len(opened) == 2
