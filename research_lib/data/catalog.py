"""The catalog: one readable CSV (`catalog.csv`) listing every series the notebooks use.

Columns: id, source (the live source: one of `research_lib.data.sources.FETCHERS`, e.g. fred,
yahoo, bea, fed_dfa, sec, reference), path (inside a snapshot or `data/raw`), format
(fred | yahoo | series | table | bea_wide), title, units, frequency, agg (last | mean | sum), notes.
To add a series, add a row; `research data refresh ID` fetches it from its source (or
`research data import DIR` imports it from a snapshot folder).
"""
from __future__ import annotations

import csv
import difflib
import io
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from research_lib.data.sources import FETCHERS
from research_lib.errors import ResearchError

CATALOG_PATH = Path(__file__).resolve().parent / "catalog.csv"
SOURCES = set(FETCHERS)  # every source value names a fetcher
FORMATS = {"fred", "yahoo", "series", "table", "bea_wide"}
SERIES_FORMATS = {"fred", "yahoo", "series"}
FREQUENCIES = {"daily", "weekly", "monthly", "quarterly", "annual", "irregular"}
AGGS = {"last", "mean", "sum"}
COLUMNS = ["id", "source", "path", "format", "title", "units", "frequency", "agg", "notes"]


@dataclass(frozen=True)
class Entry:
    id: str
    source: str
    path: str
    format: str
    title: str
    units: str
    frequency: str
    agg: str
    notes: str

    @property
    def is_series(self) -> bool:
        """True for dated one-value-per-date files (loaded with `load`), False for tables."""
        return self.format in SERIES_FORMATS

    @property
    def digest(self) -> str:
        """sha256 of the row, so a notebook is re-run when a row it read changes (and only then)."""
        from research_lib._io import sha256_bytes

        return sha256_bytes("\x1f".join(getattr(self, k) for k in COLUMNS).encode())

    @property
    def live(self) -> bool:
        """True when `research data refresh` can fetch it (every source, reference files included)."""
        return self.source in SOURCES

    @property
    def manual(self) -> bool:
        """True for a reference file maintained by hand in `data/reference/` (no public API)."""
        return self.source == "reference"


class Catalog:
    """Lookup of catalog entries by id (or by file stem, e.g. `_GSPC` for `^GSPC`)."""

    def __init__(self, entries: list[Entry]):
        self.entries = {e.id: e for e in entries}
        self._aliases = {Path(e.path).stem: e.id for e in entries}

    def __iter__(self):
        return iter(self.entries.values())

    def __len__(self) -> int:
        return len(self.entries)

    def __contains__(self, series_id: str) -> bool:
        return series_id in self.entries or series_id in self._aliases

    def get(self, series_id: str) -> Entry:
        """The entry for an id; an unknown id raises an error that suggests close matches."""
        if series_id in self.entries:
            return self.entries[series_id]
        if series_id in self._aliases:
            return self.entries[self._aliases[series_id]]
        close = difflib.get_close_matches(series_id, list(self.entries), n=3, cutoff=0.6)
        close += [i for i in self.entries if series_id.lower() == i.lower() and i not in close]
        hint = f"did you mean {', '.join(repr(c) for c in close)}?" if close else "add it to research_lib/data/catalog.csv"
        raise ResearchError(f"unknown series id {series_id!r}: {hint}")

    def ids(self, source: str | None = None) -> list[str]:
        return [e.id for e in self if source is None or e.source == source]


def read_catalog(path: Path | None = None) -> Catalog:
    """Parse and check the catalog file (env RESEARCH_CATALOG overrides its path); a bad row names its line."""
    path = Path(path or os.environ.get("RESEARCH_CATALOG") or CATALOG_PATH)
    try:
        return _read_catalog(path)
    except csv.Error as exc:  # e.g. a field over the csv module's size limit
        raise ResearchError(f"{path.name} is not a readable CSV ({exc}): fix the file") from None


def _catalog_text(path: Path) -> str:
    """The catalog file as text: strict UTF-8, or a one-line error naming the file."""
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ResearchError(f"{path.name} is not UTF-8 text (byte at offset {exc.start}): fix the file or restore "
                            "research_lib/data/catalog.csv") from None
    except OSError as exc:
        raise ResearchError(f"cannot read the catalog {path} ({exc.strerror}): fix its permissions") from None


def _read_catalog(path: Path) -> Catalog:
    if not path.is_file():
        raise ResearchError(f"catalog not found at {path}: restore research_lib/data/catalog.csv")
    entries: list[Entry] = []
    seen: set[str] = set()
    with io.StringIO(_catalog_text(path), newline="") as fh:
        reader = csv.DictReader(fh)
        if reader.fieldnames != COLUMNS:
            raise ResearchError(f"{path.name}: header must be {','.join(COLUMNS)}")
        for row in reader:
            line = reader.line_num
            entry = Entry(**{k: (row[k] or "").strip() for k in COLUMNS})
            problems = [
                f"source {entry.source!r}" * (entry.source not in SOURCES),
                f"format {entry.format!r}" * (entry.format not in FORMATS),
                f"frequency {entry.frequency!r}" * (entry.frequency not in FREQUENCIES),
                f"agg {entry.agg!r}" * (entry.agg not in AGGS),
                "duplicate id" * (entry.id in seen),
                "empty id or path" * (not entry.id or not entry.path),
            ]
            problems = [p for p in problems if p]
            if problems:
                raise ResearchError(f"{path.name} line {line} ({entry.id}): bad {', '.join(problems)}; fix the row")
            seen.add(entry.id)
            entries.append(entry)
    return Catalog(entries)


@lru_cache(maxsize=1)
def catalog() -> Catalog:
    """The project catalog, read once per process."""
    return read_catalog()
