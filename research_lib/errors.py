"""The one exception type users see: a one-line message naming the problem and the fix."""


class ResearchError(Exception):
    """A user-facing error. The CLI prints its message on one line and exits non-zero."""
