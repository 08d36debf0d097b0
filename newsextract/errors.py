"""Typed errors.  Each carries a message a user can act on; the CLI turns an
error into one line on stderr and the exit code named here."""

from __future__ import annotations


class NewsextractError(Exception):
    """Base class of every error newsextract raises on purpose."""

    exit_code = 1


class InputError(NewsextractError):
    """The input cannot be read or is not a page: missing file, directory,
    empty or whitespace-only, binary, undecodable, too large."""

    exit_code = 3


class UnsupportedInputError(InputError):
    """The input is a kind of page this version cannot parse yet."""
