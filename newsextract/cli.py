"""The command line: a thin shell over :func:`newsextract.parse`.

Output goes to stdout (or ``-o FILE``, written atomically); every error is one
line on stderr with a documented exit code (see ``EXIT_*`` below and the README).
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, NoReturn, TypeVar

import typer

from . import __version__
from .api import compiled_modules, parse_file
from .cli_options import Kind, KindOption, MaxBytesOption, PathArgument, UrlOption
from .errors import InputError, NewsextractError
from .input.read import DEFAULT_MAX_BYTES
from .render.escape import printable

#: Exit codes (documented in the README).
EXIT_OK = 0
EXIT_INTERNAL = 1  # a bug: please report it
EXIT_USAGE = 2  # bad options or arguments (Typer/Click's own code)
EXIT_INPUT = 3  # the input cannot be read or is not a page
EXIT_NO_ARTICLE = 4  # parsed, but the page has no article body (output still written)
EXIT_OUTPUT = 5  # the output cannot be written

T = TypeVar("T")

app = typer.Typer(
    name="newsextract",
    help="Split a scraped news page (HTML or a text dump) into its article, comments and related-article teasers.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Format(StrEnum):
    json = "json"
    markdown = "markdown"
    text = "text"


def fail(message: str, code: int) -> NoReturn:
    """Print one line on stderr and exit.  Control characters (from a file
    name, say) are shown as escapes, so the message stays one inert line."""
    first = " ".join(printable(str(message)).split())
    sys.stderr.write(f"newsextract: error: {first}\n")
    raise typer.Exit(code)


def write_atomic(path: Path, data: str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename, so a
    reader never sees a half-written file."""
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        os.fchmod(fd, 0o666 & ~current_umask())  # mkstemp's 0600 is not what `>` would give
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def silence_stdout() -> None:
    """Point stdout at /dev/null, so that the flush at exit cannot fail again
    (and print a second, "Exception ignored" message)."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def stdout_failed(exc: OSError) -> NoReturn:
    """stdout cannot be written (a full disk, ``> /dev/full``): one line, exit 5."""
    silence_stdout()
    fail(f"cannot write to stdout: {exc.strerror or exc}", EXIT_OUTPUT)


def emit(data: str, output: Path | None) -> None:
    if not data.endswith("\n"):
        data += "\n"
    if output is None or str(output) == "-":
        try:
            sys.stdout.write(data)
            sys.stdout.flush()
        except BrokenPipeError:  # `newsextract parse x | head`: not an error
            silence_stdout()
        except OSError as exc:
            stdout_failed(exc)
        return
    try:
        write_atomic(output, data)
    except OSError as exc:
        fail(f"cannot write {output}: {exc.strerror or exc}", EXIT_OUTPUT)


def version_callback(value: bool) -> None:
    if value:
        compiled = compiled_modules()
        build = f"text path compiled, {len(compiled)} modules" if compiled else "pure Python"
        sys.stdout.write(f"newsextract {__version__} ({build})\n")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=version_callback, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Split a scraped news page into article, comments and related teasers."""


@app.command()
def parse(
    path: PathArgument = "-",
    format: Annotated[
        Format | None,
        typer.Option(
            "--format",
            "-f",
            help="Output format. Default: json, or a readable view when stdout is a terminal.",
        ),
    ] = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write to FILE instead of stdout (atomically).")
    ] = None,
    kind: KindOption = Kind.auto,
    url: UrlOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Text dumps: print each line's label and the reason, instead of the document."
        ),
    ] = False,
) -> None:
    """Parse one page and print its article, comments and related teasers.

    Exit codes: 0 ok, 2 usage error, 3 unreadable input or not a page,
    4 no article found (the document is still printed), 5 output not writable.
    """
    if stdin_is_terminal(path):
        fail("no input: give a PATH or pipe a page into stdin (see --help)", EXIT_USAGE)
    if explain:
        from .explain import explain_file

        emit(guard(lambda: explain_file(path, max_bytes=max_bytes)), output)
        return
    doc = guard(lambda: parse_file(path, url=url, kind=kind.value, max_bytes=max_bytes))
    fmt = format.value if format else ("view" if output is None and sys.stdout.isatty() else "json")
    if fmt == "view":
        from .cli_show import print_view, stdout_console

        print_view(doc, stdout_console())
    else:
        from .render import render

        emit(render(doc, fmt), output)
    if doc.status == "no_article":
        sys.stderr.write(f"newsextract: no article found in {'stdin' if path == '-' else printable(path)}\n")
        raise typer.Exit(EXIT_NO_ARTICLE)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the document that `parse --format json` prints."""
    import json

    from .schema import load_schema

    emit(json.dumps(load_schema(), indent=2, ensure_ascii=False), None)


def stdin_is_terminal(path: str) -> bool:
    return path == "-" and sys.stdin.isatty()


def guard(fn: Callable[[], T]) -> T:
    """Run ``fn``, turning every error into one line on stderr and an exit code."""
    try:
        return fn()
    except InputError as exc:
        fail(str(exc), EXIT_INPUT)
    except NewsextractError as exc:
        fail(str(exc), exc.exit_code)
    except MemoryError:
        fail("out of memory while parsing this input (see --max-bytes)", EXIT_INPUT)
    except RecursionError:
        fail("the input is nested too deeply to parse", EXIT_INPUT)
    except KeyboardInterrupt:
        sys.stderr.write("newsextract: interrupted\n")
        raise typer.Exit(130) from None
    except Exception as exc:  # a bug: say so in one line, traceback only on request
        if os.environ.get("NEWSEXTRACT_DEBUG"):
            raise
        fail(
            f"internal error ({type(exc).__name__}: {exc}); set NEWSEXTRACT_DEBUG=1 for a traceback",
            EXIT_INTERNAL,
        )


# -- Commands that live in their own modules register here (one line each).
from . import cli_batch  # noqa: E402

app.command()(cli_batch.batch)

from . import cli_show  # noqa: E402

app.command()(cli_show.show)


def main() -> None:
    app()
