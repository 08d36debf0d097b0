"""The optional compiled build (setup.py): what it compiles, what the
compiled code must avoid, and which build the tests are running."""

from __future__ import annotations

import ast
import os
import tomllib
from pathlib import Path

from typer.testing import CliRunner

import newsextract
from newsextract import cli, language

ROOT = Path(__file__).resolve().parents[1]


def listed() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as fh:
        return list(tomllib.load(fh)["tool"]["newsextract"]["compiled"])


def module_name(path: str) -> str:
    return path.removesuffix(".py").replace("/", ".").removesuffix(".__init__")


def test_the_compiled_modules_exist() -> None:
    for path in listed():
        assert (ROOT / path).is_file(), path


def test_compiled_modules_call_no_str_lower_method() -> None:
    """mypyc (2.4) compiles ``text.lower()`` to its own per-character
    lowercasing on Python 3.11 and 3.12, which lowercases a final capital
    sigma to "σ" where Python gives "ς" (Greek words then miss their
    stopwords).  ``str.lower(text)`` is left to Python."""
    offenders = []
    for path in listed():
        tree = ast.parse((ROOT / path).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "lower"
                and not (isinstance(node.func.value, ast.Name) and node.func.value.id == "str")
            ):
                offenders.append(f"{path}:{node.lineno}")
    assert offenders == [], f"use str.lower(x), not x.lower(), in compiled modules: {offenders}"


def test_final_sigma_is_lowercased_as_python_does() -> None:
    # The case the rule above guards, through the compiled tokeniser when compiled.
    assert language.lower_words("ΟΔΟΣ ΚΑΙ ΤΟΥΣ") == ["οδος", "και", "τους"]


def test_the_build_under_test_is_the_expected_one() -> None:
    """Plain test runs use the source tree (pure Python); CI's compiled stage
    sets NEWSEXTRACT_EXPECT_COMPILED=1 and runs the tests against the
    installed wheel.  Either way, a stray compiled module (a forgotten
    ``build_ext --inplace``, whose module would shadow edits to its source)
    fails here."""
    expected = [module_name(p) for p in listed()] if os.environ.get("NEWSEXTRACT_EXPECT_COMPILED") == "1" else []
    assert newsextract.compiled_modules() == sorted(expected)


def test_version_names_the_build() -> None:
    result = CliRunner().invoke(cli.app, ["--version"])
    assert result.exit_code == 0
    build = f"text path compiled, {len(listed())} modules" if newsextract.compiled_modules() else "pure Python"
    assert result.stdout == f"newsextract {newsextract.__version__} ({build})\n"
