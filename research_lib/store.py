"""The local data store.

Layout of `RESEARCH_DATA_DIR` (default `data/`):

- `raw/`           files exactly as the source gave them, in the snapshot layout (`fred/WALCL.csv`, ...)
- `cache/series.parquet`  one columnar file with every dated series, for fast loads
- `manifest.json`  provenance per series: source, method, origin, retrieved/imported at, first/last
                   date, rows, sha256 of the raw file; plus the checksum of the cache

Every write goes to a temporary file that is then renamed over the old one, so an interrupted
import or refresh leaves the previous data intact. A cache that fails its checksum, or that was
built from other raw files than the manifest lists, is rebuilt from raw on the next load.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import formats
from .catalog import Catalog, Entry, catalog
from .config import data_dir
from .errors import ResearchError

CACHE_FIELDS = ["value", *formats.YAHOO_FIELDS]
# A series is stale when its last observation is older than this many days (publication lags).
STALE_AFTER_DAYS = {"daily": 10, "weekly": 21, "monthly": 75, "quarterly": 200, "annual": 800, "irregular": 800}


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def atomic_write(path: Path, data: bytes, durable: bool = False) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    A reader sees the old file or the new one, never half of one; `durable` also flushes to disk.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def now_iso() -> str:
    return dt.datetime.now(dt.timezone.utc).replace(microsecond=0).isoformat()


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


class Store:
    """Raw files, the columnar cache and the manifest under one data directory."""

    def __init__(self, root: Path | str | None = None, cat: Catalog | None = None):
        self.root = Path(root) if root else data_dir()
        self.catalog = cat or catalog()
        self.raw_dir = self.root / "raw"
        self.cache_path = self.root / "cache" / "series.parquet"
        self.manifest_path = self.root / "manifest.json"
        self._manifest: dict | None = None
        self._manifest_stamp: int | None = None

    # ------------------------------------------------------------------ manifest
    @property
    def manifest(self) -> dict:
        stamp = self.manifest_path.stat().st_mtime_ns if self.manifest_path.is_file() else None
        if self._manifest is None or stamp != self._manifest_stamp:
            self._manifest_stamp = stamp
            if stamp is not None:
                try:
                    self._manifest = json.loads(self.manifest_path.read_text())
                except json.JSONDecodeError:
                    raise ResearchError(
                        f"{self.manifest_path} is not valid JSON: delete it and run `research data import DIR` or `research data refresh`"
                    ) from None
            else:
                self._manifest = {"series": {}, "cache": {}}
        return self._manifest

    def _save_manifest(self) -> None:
        atomic_write(self.manifest_path, json.dumps(self.manifest, indent=1, sort_keys=True).encode(), durable=True)
        self._manifest_stamp = self.manifest_path.stat().st_mtime_ns

    def entry(self, series_id: str) -> dict | None:
        return self.manifest["series"].get(self.catalog.get(series_id).id)

    def current_checksums(self) -> dict[str, str]:
        """sha256 of every stored raw file, by series id."""
        return {k: v["sha256"] for k, v in self.manifest["series"].items()}

    # ------------------------------------------------------------------ writing
    def save_raw(self, entry: Entry, data: bytes, *, method: str, origin: str, provenance: str = "") -> str:
        """Validate and store one raw file. Returns 'ok' or 'unchanged'; raises FormatError if bad."""
        digest = sha256_bytes(data)
        old = self.manifest["series"].get(entry.id)
        target = self.raw_dir / entry.path
        if old and old["sha256"] == digest and target.is_file() and sha256_file(target) == digest:
            return "unchanged"
        frame = formats.parse(entry.format, data, entry.path)
        atomic_write(target, data)
        dates = frame.index if entry.is_series else None
        self.manifest["series"][entry.id] = {
            "id": entry.id,
            "source": entry.source,
            "path": entry.path,
            "format": entry.format,
            "method": method,
            "origin": origin,
            "retrieved_at": now_iso(),
            "first": str(dates[0].date()) if dates is not None and len(dates) else None,
            "last": str(dates[-1].date()) if dates is not None and len(dates) else None,
            "rows": int(len(frame)),
            "sha256": digest,
            "provenance": provenance,
        }
        self._save_manifest()
        return "ok"

    def import_snapshot(self, directory: Path | str, ids: Iterable[str] | None = None, progress: bool = True) -> Report:
        """Import every catalog series found in a snapshot directory (same layout as `raw/`)."""
        directory = Path(directory)
        if not directory.is_dir():
            raise ResearchError(f"snapshot directory {directory} does not exist: pass the folder that holds fred/, yahoo/, other/")
        entries = [self.catalog.get(i) for i in ids] if ids else list(self.catalog)
        notes = _snapshot_notes(directory)
        report = Report()
        for entry in _progress(entries, "import", progress):
            src = directory / entry.path
            if not src.is_file():
                report.missing.append(entry.id)
                continue
            try:
                state = self.save_raw(
                    entry, src.read_bytes(), method="import", origin=str(directory.resolve()),
                    provenance=notes.get(entry.path, ""),
                )
            except formats.FormatError as exc:
                report.failed[entry.id] = str(exc)
                continue
            (report.ok if state == "ok" else report.unchanged).append(entry.id)
        self.ensure_cache()
        return report

    def refresh(self, ids: Iterable[str] | None = None, progress: bool = True, fred=None, yahoo: Callable | None = None) -> Report:
        """Fetch series live (FRED, Yahoo); failures are reported, successes are still saved."""
        from .sources import SourceError
        from .sources.fred import FredFetcher
        from .sources.yahoo import fetch_yahoo

        entries = [self.catalog.get(i) for i in ids] if ids else [e for e in self.catalog if e.live]
        report = Report()
        for e in entries:
            if not e.live:
                report.failed[e.id] = f"{e.id} has no live source: import it with `research data import DIR`"
        fred_entries = [e for e in entries if e.source == "fred"]
        yahoo_entries = [e for e in entries if e.source == "yahoo"]
        fred = fred or (FredFetcher() if fred_entries else None)

        def keep(entry: Entry, data: bytes, method: str, origin: str) -> None:
            try:
                state = self.save_raw(entry, data, method=method, origin=origin)
            except formats.FormatError as exc:
                report.failed[entry.id] = f"source returned a bad file: {exc}"
                return
            (report.ok if state == "ok" else report.unchanged).append(entry.id)

        for entry in _progress(fred_entries, "FRED", progress):
            try:
                data = fred.fetch(entry.id)
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
        self.ensure_cache()
        return report

    # ------------------------------------------------------------------ cache
    def _wanted_cache(self) -> dict[str, str]:
        return {k: v["sha256"] for k, v in self.manifest["series"].items() if self._is_series(k)}

    def _cache_is_current(self) -> bool:
        info = self.manifest.get("cache", {})
        wanted = self._wanted_cache()
        return (
            self.cache_path.is_file()
            and info.get("built_from") == wanted
            and info.get("sha256") == sha256_file(self.cache_path)
        )

    def _is_series(self, series_id: str) -> bool:
        return series_id in self.catalog and self.catalog.get(series_id).is_series

    def ensure_cache(self) -> None:
        """Rebuild the columnar cache when missing, corrupt or out of date."""
        if self.manifest["series"] and not self._cache_is_current():
            self.build_cache()

    def build_cache(self) -> None:
        """Parse every stored dated series from raw (checksums verified) into one parquet file."""
        parts, built_from = [], {}
        for sid, meta in sorted(self.manifest["series"].items()):
            if not self._is_series(sid):
                continue
            frame = self._parse_raw(sid, meta)
            part = frame.reindex(columns=CACHE_FIELDS).reset_index()
            part.insert(0, "id", sid)
            parts.append(part)
            built_from[sid] = meta["sha256"]
        if not parts:
            return
        table = pd.concat(parts, ignore_index=True)
        table["id"] = table["id"].astype("category")
        buffer = pa.BufferOutputStream()
        pq.write_table(pa.Table.from_pandas(table, preserve_index=False), buffer, compression="zstd")
        data = buffer.getvalue().to_pybytes()
        atomic_write(self.cache_path, data)
        self.manifest["cache"] = {"sha256": sha256_bytes(data), "built_from": built_from, "built_at": now_iso()}
        self._save_manifest()
        _CACHE_MEMO.clear()

    def _parse_raw(self, sid: str, meta: dict) -> pd.DataFrame:
        path = self.raw_dir / meta["path"]
        if not path.is_file():
            raise ResearchError(f"raw file for {sid!r} is missing ({path}): run `research data import DIR` or `research data refresh {sid}`")
        data = path.read_bytes()
        if sha256_bytes(data) != meta["sha256"]:
            raise ResearchError(f"raw file for {sid!r} is corrupt (checksum mismatch): run `research data import DIR` or `research data refresh {sid}`")
        return formats.parse(meta["format"], data, meta["path"])

    def _cached_frames(self) -> dict[str, pd.DataFrame]:
        """The cache, read once per process while neither it nor the manifest changes."""
        stat = self.cache_path.stat() if self.cache_path.is_file() else None
        key = (str(self.cache_path), stat.st_mtime_ns, stat.st_size) if stat else None
        if key not in _CACHE_MEMO or self.manifest.get("cache", {}).get("built_from") != self._wanted_cache():
            self.ensure_cache()  # verifies the checksum; rebuilds from raw if needed
            if not self.cache_path.is_file():
                return {}
            stat = self.cache_path.stat()
            key = (str(self.cache_path), stat.st_mtime_ns, stat.st_size)
        if key not in _CACHE_MEMO:
            _CACHE_MEMO.clear()
            table = pq.read_table(self.cache_path).to_pandas()
            groups = table.groupby("id", observed=True, sort=False).indices
            _CACHE_MEMO[key] = (table, groups, {})
        table, groups, frames = _CACHE_MEMO[key]
        return _LazyFrames(table, groups, frames)

    # ------------------------------------------------------------------ reading
    def frame(self, series_id: str) -> pd.DataFrame:
        """All stored fields of a dated series (value, plus OHLCV for Yahoo), indexed by date."""
        entry = self.catalog.get(series_id)
        if not entry.is_series:
            raise ResearchError(f"{entry.id!r} is a table, not a dated series: use load_table({entry.id!r})")
        self._require(entry)
        frames = self._cached_frames()
        if entry.id not in frames:
            self.build_cache()
            frames = self._cached_frames()
        return frames[entry.id]

    def table(self, series_id: str) -> pd.DataFrame:
        entry = self.catalog.get(series_id)
        meta = self._require(entry)
        return self._parse_raw(entry.id, meta)

    def _require(self, entry: Entry) -> dict:
        meta = self.manifest["series"].get(entry.id)
        if meta is None:
            how = f"`research data refresh {entry.id}`" if entry.live else "`research data import DIR`"
            raise ResearchError(f"no local data for {entry.id!r}: fetch it with {how} (or import a snapshot: `research data import DIR`)")
        return meta

    # ------------------------------------------------------------------ checks
    def status(self, today: dt.date | None = None) -> list[dict]:
        """One row per catalog series: source, first/last, rows, provenance, state."""
        today = today or dt.date.today()
        problems = dict(self.verify_raw())
        rows = []
        for entry in self.catalog:
            meta = self.manifest["series"].get(entry.id)
            row = {"id": entry.id, "source": entry.source, "title": entry.title, "frequency": entry.frequency}
            if meta is None:
                row.update(state="missing")
            else:
                row.update({k: meta.get(k) for k in ("first", "last", "rows", "method", "origin", "retrieved_at", "sha256", "provenance")})
                if entry.id in problems:
                    state = "corrupt"
                elif meta.get("last") and (today - dt.date.fromisoformat(meta["last"])).days > STALE_AFTER_DAYS[entry.frequency]:
                    state = "stale"
                else:
                    state = "ok"
                row["state"] = state
            rows.append(row)
        return rows

    def verify_raw(self) -> list[tuple[str, str]]:
        """(id, problem) for each stored raw file that is missing, fails its checksum or its format."""
        problems = []
        for sid, meta in sorted(self.manifest["series"].items()):
            path = self.raw_dir / meta["path"]
            if not path.is_file():
                problems.append((sid, f"raw file missing: {path}"))
                continue
            data = path.read_bytes()
            if sha256_bytes(data) != meta["sha256"]:
                problems.append((sid, "checksum mismatch"))
                continue
            try:
                formats.parse(meta["format"], data, meta["path"])
            except formats.FormatError as exc:
                problems.append((sid, str(exc)))
        return problems

    def verify(self) -> list[tuple[str, str]]:
        """Check raw files, and the cache (rebuilt from raw when it fails its checksum)."""
        problems = self.verify_raw()
        info = self.manifest.get("cache", {})
        if self.manifest["series"] and not problems:
            if not self.cache_path.is_file() or info.get("sha256") != sha256_file(self.cache_path):
                problems.append(("cache", "cache missing or failed its checksum: rebuilt from raw"))
                self.build_cache()
            else:
                self.ensure_cache()
        return problems


class _LazyFrames(dict):
    """id -> DataFrame built on first access from the memoised cache table."""

    def __init__(self, table: pd.DataFrame, groups: dict, frames: dict):
        super().__init__()
        self._table, self._groups, self._frames = table, groups, frames

    def __contains__(self, key) -> bool:
        return key in self._groups

    def __getitem__(self, key: str) -> pd.DataFrame:
        if key not in self._frames:
            rows = self._table.iloc[np.sort(self._groups[key])]
            frame = rows.set_index(pd.DatetimeIndex(rows["date"], name="date"))[CACHE_FIELDS]
            self._frames[key] = frame.dropna(axis=1, how="all")
        return self._frames[key]


_CACHE_MEMO: dict = {}


def _snapshot_notes(directory: Path) -> dict[str, str]:
    """Provenance text per file from the snapshot's MANIFEST.csv files (path -> notes)."""
    notes: dict[str, str] = {}
    for manifest in directory.rglob("MANIFEST.csv"):
        folder = manifest.parent.relative_to(directory)
        with manifest.open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                key = row.get("series_id") or row.get("name")
                if not key:
                    continue
                text = "; ".join(f"{k}: {v}" for k, v in row.items() if k in {"source_repo", "source_path", "source_commit", "notes"} and v)
                notes[(folder / f"{key}.csv").as_posix()] = text
    return notes


_DEFAULT: dict[str, Store] = {}


def default_store() -> Store:
    """The store at `RESEARCH_DATA_DIR` (one per data directory per process)."""
    root = data_dir()
    if str(root) not in _DEFAULT:
        _DEFAULT[str(root)] = Store(root)
    return _DEFAULT[str(root)]


def current_checksums() -> dict[str, str]:
    return default_store().current_checksums()
