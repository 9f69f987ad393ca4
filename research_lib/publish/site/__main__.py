"""``python -m research_lib.publish.site``: build the site from the committed notebooks and records.

What the Pages workflow runs (``research run`` builds the same site after executing notebooks).
Errors are one line on stderr (``error: ...``, exit 2), never a traceback.
"""
from __future__ import annotations

import sys

from research_lib.errors import ResearchError


def main() -> int:
    from research_lib.publish import site

    try:
        index = site.build()
    except ResearchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(index)
    return 0


if __name__ == "__main__":
    sys.exit(main())
