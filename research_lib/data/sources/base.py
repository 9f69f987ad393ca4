"""The contract every live source follows.

A fetcher turns a catalog id into the raw bytes of a file in the same format as the snapshot's
file for that id, so the store validates and keeps a download exactly like an imported file.
Failures raise :class:`SourceError` (one line naming the series and what to do), or
:class:`SourceUnreachable` when the source cannot be reached at all, so a refresh can stop early.
"""
from __future__ import annotations


class SourceError(Exception):
    """A remote source could not deliver a series (unknown id, bad answer, or gave up after retries)."""


class SourceUnreachable(SourceError):
    """The source could not be reached at all (no network, DNS failure, connection refused)."""
