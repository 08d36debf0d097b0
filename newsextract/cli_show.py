"""``newsextract show``: read a page in the terminal.

The document is drawn by :func:`newsextract.render.terminal.render_terminal` on a
Rich console over stdout: styled on a terminal, plain (no escape codes at all)
when stdout is a pipe or a file.  ``--export-html``/``--export-svg`` also save
the same view, in colour, for sharing.

Imports from :mod:`newsextract.cli` happen inside the functions: ``cli``
imports this module to register the command.
"""

from __future__ import annotations

import contextlib
import io
import os
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.pager import Pager

from .cli_options import Kind, KindOption, MaxBytesOption, PathArgument, UrlOption
from .input.read import DEFAULT_MAX_BYTES
from .render.escape import printable

if TYPE_CHECKING:
    from rich.console import Console

    from .model import Document

#: Options for ``less`` when it pages the styled view and the user has not set
#: their own (as git does): -R shows colours, -F quits when the view fits on one
#: screen, -X leaves the view on the screen afterwards.
LESS_DEFAULT = "FRX"


class SystemPager(Pager):
    """``$PAGER`` (default ``less``) fed through a pipe, as git does.

    Unlike Rich's default pager (pydoc's), it also pages when the page itself
    came on stdin (``cat dump.txt | newsextract show --pager``): ``less`` reads
    keys from the terminal, not from stdin.
    """

    def show(self, content: str) -> None:
        command = os.environ.get("PAGER") or "less"
        env = {**os.environ}
        env.setdefault("LESS", LESS_DEFAULT)
        try:
            proc = subprocess.Popen(
                command,
                shell=True,
                stdin=subprocess.PIPE,
                env=env,
                encoding=sys.stdout.encoding or "utf-8",
                errors="replace",
            )
        except OSError:
            sys.stdout.write(content)
            return
        assert proc.stdin is not None
        with contextlib.suppress(BrokenPipeError):  # the reader quit the pager early
            proc.stdin.write(content)
        with contextlib.suppress(BrokenPipeError):
            proc.stdin.close()
        while True:
            try:
                code = proc.wait()
                break
            except KeyboardInterrupt:  # Ctrl-C is the pager's business
                continue
        if code == 127:  # the shell found no such pager: show the view anyway
            sys.stdout.write(content)


#: ``--kind`` (kept under this name for the tests).
InputKind = Kind


def stdout_console(*, width: int | None = None, no_color: bool = False) -> Console:
    """A Rich console over stdout that never reads page text as markup.

    Colour follows Rich's detection: on for a terminal, off for a pipe or a
    file, off when ``NO_COLOR`` is set or ``no_color`` is true.  ``width`` sets
    the width when stdout is not a terminal (a terminal's own width wins).
    """
    from rich.console import Console

    console = Console(
        file=sys.stdout,
        markup=False,
        emoji=False,
        highlight=False,
        no_color=True if no_color else None,
    )
    if width is not None and not console.is_terminal:
        console.width = width
    return console


def print_view(
    doc: Document,
    console: Console,
    *,
    width: int | None = None,
    comments: bool = True,
    related: bool = True,
    pager: bool = False,
) -> None:
    """Draw ``doc`` on ``console``, through the system pager if asked and stdout is a terminal.

    A closed pipe (``newsextract show page | head``) is not an error.
    """
    from .render.terminal import render_terminal

    def draw() -> None:
        render_terminal(doc, console, width=width, comments=comments, related=related)

    try:
        if pager and console.is_terminal:
            with console.pager(SystemPager(), styles=True, links=True):
                draw()
        else:
            draw()
        console.file.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except OSError as exc:  # a full disk, `> /dev/full`
        from .cli import stdout_failed

        stdout_failed(exc)


def export_view(
    doc: Document,
    *,
    html: Path | None,
    svg: Path | None,
    width: int | None,
    comments: bool,
    related: bool,
    no_color: bool,
) -> None:
    """Save the view as HTML and/or SVG (Rich's export), in colour unless ``no_color``."""
    from rich.console import Console

    from .cli import EXIT_OUTPUT, fail, write_atomic
    from .render.terminal import READING_WIDTH, clean_line, render_terminal

    console = Console(
        file=io.StringIO(),
        record=True,
        width=width or READING_WIDTH,
        force_terminal=True,
        color_system="truecolor",
        no_color=True if no_color else None,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    render_terminal(doc, console, width=width, comments=comments, related=related)
    title = clean_line(doc.article.title) or "newsextract"
    exports: list[tuple[Path, str]] = []
    if html is not None:
        exports.append((html, console.export_html(clear=False)))
    if svg is not None:
        exports.append((svg, console.export_svg(title=title, clear=False)))
    for path, data in exports:
        try:
            write_atomic(path, data)
        except OSError as exc:
            fail(f"cannot write {path}: {exc.strerror or exc}", EXIT_OUTPUT)


def show(
    path: PathArgument = "-",
    kind: KindOption = Kind.auto,
    url: UrlOption = None,
    max_bytes: MaxBytesOption = DEFAULT_MAX_BYTES,
    width: Annotated[
        int | None,
        typer.Option(
            "--width", "-w", min=20, help="Width of the view in columns (default 90, or the terminal's)."
        ),
    ] = None,
    pager: Annotated[
        bool, typer.Option("--pager", "-p", help="Page the view through $PAGER (default: less).")
    ] = False,
    no_comments: Annotated[bool, typer.Option("--no-comments", help="Leave the comments out.")] = False,
    no_related: Annotated[
        bool, typer.Option("--no-related", help="Leave the related-article teasers out.")
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colours (as does the NO_COLOR variable).")
    ] = False,
    export_html: Annotated[
        Path | None,
        typer.Option("--export-html", metavar="FILE", help="Also save the view as HTML to FILE."),
    ] = None,
    export_svg: Annotated[
        Path | None,
        typer.Option(
            "--export-svg", metavar="FILE", help="Also save the view as SVG (a screenshot) to FILE."
        ),
    ] = None,
) -> None:
    """Show a page's article, comments and related teasers, formatted for reading.

    Styled on a terminal; plain text, without escape codes, when piped.
    Exit codes as for `parse`: 0 ok, 2 usage error, 3 unreadable input or not
    a page, 4 no article found (the rest is still shown), 5 export not writable.
    """
    from .api import parse_file
    from .cli import EXIT_NO_ARTICLE, EXIT_USAGE, fail, guard, stdin_is_terminal

    if stdin_is_terminal(path):
        fail("no input: give a PATH or pipe a page into stdin (see --help)", EXIT_USAGE)
    doc = guard(lambda: parse_file(path, url=url, kind=kind.value, max_bytes=max_bytes))
    comments, related = not no_comments, not no_related
    if export_html is not None or export_svg is not None:
        export_view(
            doc,
            html=export_html,
            svg=export_svg,
            width=width,
            comments=comments,
            related=related,
            no_color=no_color,
        )
    console = stdout_console(width=width, no_color=no_color)
    print_view(doc, console, width=width, comments=comments, related=related, pager=pager)
    if doc.status == "no_article":
        sys.stderr.write(f"newsextract: no article found in {'stdin' if path == '-' else printable(path)}\n")
        raise typer.Exit(EXIT_NO_ARTICLE)
