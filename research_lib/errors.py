"""The one exception type users see: a one-line message naming the problem and the fix.

Messages are kept to one bounded line: :func:`one_line` flattens and shortens a whole message and
:func:`excerpt` quotes a short piece of a file (never more), so an error can never echo a whole
file, an environment block or a 200 MB field.
"""
from __future__ import annotations

MESSAGE_LIMIT = 500  # characters of an error message, at most
EXCERPT_LIMIT = 40  # characters of file content quoted in a message, at most


def one_line(text: object, limit: int = MESSAGE_LIMIT) -> str:
    """``text`` on one line (control characters and line breaks become spaces), at most ``limit`` characters."""
    text = str(text)
    if len(text) > 4 * limit:  # never scan a huge message in full
        text = text[: 4 * limit]
    flat = " ".join("".join(c if c.isprintable() else " " for c in text).split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def excerpt(value: object, limit: int = EXCERPT_LIMIT) -> str:
    """A quoted, bounded excerpt of file content for a message, e.g. ``'6,745'`` or ``'abc…' (2,000,000 chars)``."""
    text = str(value)
    if len(text) <= limit:
        return repr(text)
    return f"{text[:limit]!r}… ({len(text):,} chars)"


class ResearchError(Exception):
    """A user-facing error. The CLI prints its message on one line and exits non-zero."""

    def __init__(self, message: object = ""):
        super().__init__(one_line(message))
