"""Build hook: compile the text path's hot modules with mypyc.

The project's metadata lives in pyproject.toml; this file only adds the
optional compiled build.  ``pip install .`` compiles the modules listed under
``[tool.newsextract] compiled`` in pyproject.toml (the text path: line
splitting, classification, dates, the lexicon) into C extensions with mypyc,
which makes the text path about 1.5x faster.  The code is the same: mypyc
compiles the type-annotated Python as it is, and the pure-Python modules stay
in the wheel beside the compiled ones.

``NEWSEXTRACT_COMPILE`` chooses:

* ``auto`` (the default): compile; when that fails (no C compiler, no Python
  headers), say so and install pure Python;
* ``1``: compile, and fail the install when compiling fails (CI uses it);
* ``0``: pure Python.

Editable installs (``pip install -e .``) are always pure Python: a compiled
module would shadow its source file, and edits to it would silently not run.
"""

from __future__ import annotations

import os
import sys
import tomllib
from importlib.machinery import EXTENSION_SUFFIXES
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).resolve().parent
MODES = ("auto", "1", "0")


def compile_mode() -> str:
    mode = os.environ.get("NEWSEXTRACT_COMPILE", "auto").strip().lower() or "auto"
    if mode not in MODES:
        raise SystemExit(f"NEWSEXTRACT_COMPILE must be one of {', '.join(MODES)}, not {mode!r}")
    return mode


def compiled_sources() -> list[str]:
    """The source files to compile, from pyproject.toml."""
    with open(HERE / "pyproject.toml", "rb") as fh:
        config = tomllib.load(fh)
    return list(config["tool"]["newsextract"]["compiled"])


def say(message: str) -> None:
    print(f"newsextract build: {message}", file=sys.stderr, flush=True)


class MaybeCompiled(Distribution):
    """A distribution that always runs build_ext (setuptools asks before the
    extensions are known): to compile, or, for a pure-Python build, to remove
    compiled modules an earlier build left in the build folder.  Its wheel is
    tagged for this platform and Python either way."""

    def has_ext_modules(self) -> bool:
        return True


class BuildExt(build_ext):
    """Generate the C sources with mypyc when the extensions are built (not
    when setup.py is only asked for metadata, which finalizes this command
    too), then build them; fall back to pure Python unless
    NEWSEXTRACT_COMPILE=1."""

    def run(self) -> None:
        mode = compile_mode()
        if mode == "0" or getattr(self, "editable_mode", False) or self.distribution.ext_modules:
            if not self.distribution.ext_modules:
                self._remove_compiled()
                say("NEWSEXTRACT_COMPILE=0: pure Python" if mode == "0" else "editable install: pure Python")
            super().run()
            return
        try:
            self._build_compiled()
        except Exception as exc:  # no mypy, a missing compiler or header: many kinds
            if mode == "1":
                raise
            self._remove_compiled()  # never a wheel with half of the modules compiled
            say(f"compiling failed, installing pure Python instead ({type(exc).__name__}: {exc})")

    def _build_compiled(self) -> None:
        from mypyc.build import mypycify

        sources = compiled_sources()
        say(f"compiling {len(sources)} modules with mypyc (set NEWSEXTRACT_COMPILE=0 to skip)")
        self.distribution.ext_modules = mypycify(sources, opt_level="3", group_name="newsextract")
        # This command was finalized without extensions: a fresh one, finalized
        # with them, builds them (with the options of `build` and of this one).
        builder = BuildExt(self.distribution)
        builder.inplace, builder.force = self.inplace, self.force
        builder.ensure_finalized()
        builder.run()
        self.extensions = builder.extensions  # for get_outputs()

    def _remove_compiled(self) -> None:
        """Delete compiled modules left in the build folder by an earlier
        build: the wheel would pick them up beside the pure-Python files."""
        build_lib = Path(self.build_lib)
        found = {
            path
            for suffix in EXTENSION_SUFFIXES  # (".so" and ".cpython-311-...so" find the same files)
            for path in [*build_lib.glob(f"newsextract/**/*{suffix}"), *build_lib.glob(f"newsextract__mypyc*{suffix}")]
        }
        for path in found:
            path.unlink()


setup(distclass=MaybeCompiled, cmdclass={"build_ext": BuildExt})
