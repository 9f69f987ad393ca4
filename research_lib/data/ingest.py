"""Bringing data into the store: snapshot imports and live refreshes.

Both validate every file with `research_lib.data.formats` and store it through `Store.save_raw`,
so a download and an imported file are kept exactly alike; then the columnar cache is rebuilt.
"""
from __future__ import annotations

import csv
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from research_lib.data import formats
from research_lib.data.catalog import Entry
from research_lib.data.store import Store
from research_lib.errors import ResearchError


@dataclass
class Report:
    """Outcome of an import or refresh, per series id."""

    ok: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.ok)} ok", f"{len(self.unchanged)} unchanged", f"{len(self.failed)} failed"]
        if self.missing:
            parts.append(f"{len(self.missing)} not in source")
        return ", ".join(parts)


def _progress(items: list, desc: str, enabled: bool):
    if not enabled or not items:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="series", file=sys.stderr, leave=False, dynamic_ncols=True)


def import_snapshot(store: Store, directory: Path | str, ids: Iterable[str] | None = None, progress: bool = True) -> Report:
    """Import every catalog series found in a snapshot directory (same layout as `raw/`)."""
    with store.writing():  # one writer at a time, for the whole batch (see research_lib.data.store)
        return _import_snapshot(store, directory, ids, progress)


def _import_snapshot(store: Store, directory: Path | str, ids: Iterable[str] | None, progress: bool) -> Report:
    directory = Path(directory)
    if not directory.is_dir():
        raise ResearchError(f"snapshot directory {directory} does not exist: pass the folder that holds fred/, yahoo/, other/")
    entries = [store.catalog.get(i) for i in ids] if ids else list(store.catalog)
    notes = _snapshot_notes(directory)
    report = Report()
    for entry in _progress(entries, "import", progress):
        try:
            data = store.snapshot_file(directory, entry)  # None: not in the snapshot; links leading out are refused
            if data is None:
                report.missing.append(entry.id)
                continue
            state = store.save_raw(
                entry, data, method="import", origin=str(directory.resolve()),
                provenance=notes.get(entry.path, ""),
            )
        except formats.FormatError as exc:
            report.failed[entry.id] = str(exc)
            continue
        (report.ok if state == "ok" else report.unchanged).append(entry.id)
    store.ensure_cache()
    return report

def refresh(store: Store, ids: Iterable[str] | None = None, progress: bool = True, fred=None, yahoo: Callable | None = None) -> Report:
    """Fetch series live (FRED, Yahoo); failures are reported, successes are still saved."""
    with store.writing():  # one writer at a time, for the whole batch (see research_lib.data.store)
        return _refresh(store, ids, progress, fred, yahoo)


def _refresh(store: Store, ids: Iterable[str] | None, progress: bool, fred, yahoo: Callable | None) -> Report:
    from research_lib.data.sources import SourceError, SourceUnreachable
    from research_lib.data.sources.fred import FredFetcher
    from research_lib.data.sources.yahoo import fetch_yahoo

    entries = [store.catalog.get(i) for i in ids] if ids else [e for e in store.catalog if e.live]
    report = Report()
    for e in entries:
        if not e.live:
            report.failed[e.id] = f"{e.id} has no live source: import it with `research data import DIR`"
    fred_entries = [e for e in entries if e.source == "fred"]
    yahoo_entries = [e for e in entries if e.source == "yahoo"]
    fred = fred or (FredFetcher() if fred_entries else None)

    def keep(entry: Entry, data: bytes, method: str, origin: str) -> None:
        try:
            state = store.save_raw(entry, data, method=method, origin=origin)
        except formats.FormatError as exc:
            report.failed[entry.id] = f"source returned a bad file: {exc}"
            return
        (report.ok if state == "ok" else report.unchanged).append(entry.id)

    for position, entry in enumerate(_progress(fred_entries, "FRED", progress)):
        try:
            data = fred.fetch(entry.id)
        except SourceUnreachable as exc:  # no network: do not wait out retries for every series
            for rest in fred_entries[position:]:
                report.failed[rest.id] = str(exc)
            break
        except SourceError as exc:
            report.failed[entry.id] = str(exc)
            continue
        keep(entry, data, getattr(fred, "method", "fred"), getattr(fred, "origin", "FRED"))
    if yahoo_entries:
        if progress:
            print(f"Yahoo Finance: downloading {len(yahoo_entries)} tickers in one batch", file=sys.stderr)
        try:
            result = (yahoo or fetch_yahoo)([e.id for e in yahoo_entries])
        except SourceError as exc:
            for e in yahoo_entries:
                report.failed[e.id] = str(exc)
        else:
            for e in yahoo_entries:
                if e.id in result.data:
                    keep(e, result.data[e.id], "yfinance", "Yahoo Finance (yfinance, auto_adjust=False)")
                else:
                    report.failed[e.id] = result.failed.get(e.id, "no data returned")
    store.ensure_cache()
    return report


def _snapshot_notes(directory: Path) -> dict[str, str]:
    """Provenance text per file from the snapshot's MANIFEST.csv files (path -> notes)."""
    notes: dict[str, str] = {}
    for manifest in directory.rglob("MANIFEST.csv"):
        folder = manifest.parent.relative_to(directory)
        try:
            with manifest.open(newline="", encoding="utf-8") as fh:
                rows = list(csv.DictReader(fh))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:  # a bad provenance file stops the import before any write
            why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else "not CSV"
            raise ResearchError(f"snapshot file {manifest} cannot be read ({why}): fix or remove it and import again") from None
        for row in rows:
            key = row.get("series_id") or row.get("name")
            if not isinstance(key, str) or not key:
                continue
            text = "; ".join(f"{k}: {v}" for k, v in row.items() if k in {"source_repo", "source_path", "source_commit", "notes"} and isinstance(v, str) and v)
            notes[(folder / f"{key}.csv").as_posix()] = text
    return notes
