"""Options shared by the commands: one definition each, used by ``parse``,
``show`` and ``batch`` (Typer's ``Annotated`` aliases play the role of
sqlite-utils' shared option decorators)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer


class Kind(StrEnum):
    """``--kind``: the values of :data:`newsextract.api.KINDS` (a test keeps them equal)."""

    auto = "auto"
    text = "text"
    html = "html"


PathArgument = Annotated[
    str,
    typer.Argument(help="The page: an HTML file or a text dump ('-' or nothing: stdin; .gz is read too)."),
]
KindOption = Annotated[Kind, typer.Option("--kind", help="Treat the input as HTML or text instead of sniffing.")]
UrlOption = Annotated[
    str | None,
    typer.Option("--url", help="The page's URL: fills article.url and resolves relative links."),
]
MaxBytesOption = Annotated[
    int, typer.Option("--max-bytes", min=1, help="Refuse inputs larger than this many bytes (after gunzip).")
]
