"""Reference files shipped in the repository: series that no agency publishes through a public API.

ISM's Manufacturing PMI is sold by ISM; FRED dropped it in 2016. Its two vintages used here (the
current revised values under the legacy FRED id ``NAPM``, and the values as first released) are
kept under ``data/reference/`` with a provenance note and ISM's terms beside each file. A refresh
copies the file into the store like any download; ``research data status`` reports these rows as
``manual: update from <where>`` and applies their own staleness rule (a file maintained by hand is
stale when its last observation is older than ``stale_after_days``).
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from pathlib import Path

from research_lib import config
from research_lib.data.sources.base import Fetcher, SourceError

DIR_ENV = "RESEARCH_REFERENCE_DIR"


@dataclass(frozen=True)
class Reference:
    file: str  # file name in data/reference/
    where: str  # where a maintainer gets new values
    stale_after_days: int  # the file's own staleness rule


REFERENCES = {
    "NAPM": Reference("NAPM.csv", "ISM Report On Business, Manufacturing PMI history (ismworld.org)", 100),
    "ism_manufacturing_pmi": Reference(
        "ism_manufacturing_pmi.csv", "ISM Manufacturing Report On Business, first business day of each month (ismworld.org)", 70),
}


def reference_dir() -> Path:
    """``RESEARCH_REFERENCE_DIR``, default ``<repo>/data/reference``."""
    return Path(os.environ.get(DIR_ENV) or config.REPO_ROOT / "data" / "reference")


def manual_note(entry_id: str) -> str:
    """What ``research data status`` says about a reference row."""
    ref = REFERENCES[entry_id]
    return f"manual: update from {ref.where}, file data/reference/{ref.file}"


def apply_reference_rules(rows: list[dict], today: dt.date | None = None) -> list[dict]:
    """Status rows with the reference files' own rules: state ``manual`` (or ``stale`` past
    ``stale_after_days``), and ``action`` saying where a maintainer updates the file."""
    today = today or dt.date.today()
    for row in rows:
        ref = REFERENCES.get(row.get("id"))
        if ref is None or row.get("source") != "reference":
            continue
        row["action"] = manual_note(row["id"])
        if row.get("state") in ("ok", "stale") and row.get("last"):
            age = (today - dt.date.fromisoformat(row["last"])).days
            row["state"] = "stale" if age > ref.stale_after_days else "manual"
    return rows


class ReferenceFetcher(Fetcher):
    """Reads a reference file from ``data/reference/`` (no network)."""

    name = "reference"
    label = "reference file"
    url_envs = (DIR_ENV,)

    @property
    def origin(self) -> str:
        return f"reference file in the repository ({reference_dir()})"

    def fetch(self, entry) -> bytes:
        ref = REFERENCES.get(entry.id)
        if ref is None:
            raise SourceError(f"'{entry.id}' has no reference file: add it to REFERENCES in research_lib/data/sources/reference.py")
        path = reference_dir() / ref.file
        if not path.is_file():
            raise SourceError(f"reference file for '{entry.id}' is missing ({path}): restore data/reference/ from git")
        return path.read_bytes()


__all__ = ["REFERENCES", "Reference", "ReferenceFetcher", "apply_reference_rules", "manual_note", "reference_dir"]
