"""The local data store.

Layout of `RESEARCH_DATA_DIR` (default `data/`):

- `raw/`           files exactly as the source gave them, in the snapshot layout (`fred/WALCL.csv`, ...)
- `cache/`         columnar cache (Arrow IPC, memory-mapped) of every dated series, for fast loads
- `manifest.json`  provenance per series: source, method, origin, retrieved/imported at, first/last
                   date, rows, sha256 of the raw file; plus the checksum of the cache

Every write goes to a temporary file that is then renamed over the old one, so an interrupted
import or refresh leaves the previous data intact. A cache that fails its checksum, or that was
built from other raw files than the manifest lists, is rebuilt from raw on the next load; a raw
file changed behind the store's back is reported as corrupt, never served.
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

from . import formats
from .catalog import Catalog, Entry, catalog
from .config import data_dir
from .errors import ResearchError

CACHE_VERSION = 2  # bump when the cache layout changes: older caches are rebuilt
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
        self._raw_str = str(self.raw_dir)
        self.cache_path = self.root / "cache" / "series.arrow"
        self.ohlcv_cache_path = self.root / "cache" / "ohlcv.arrow"
        self.manifest_path = self.root / "manifest.json"
        self._manifest_str = str(self.manifest_path)
        self._manifest: dict | None = None
        self._manifest_stamp: int | None = None
        self._wanted_key, self._wanted = None, {}

    # ------------------------------------------------------------------ manifest
    @property
    def manifest(self) -> dict:
        try:
            stamp = os.stat(self._manifest_str).st_mtime_ns
        except FileNotFoundError:
            stamp = None
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

    def _save_manifest(self, durable: bool = False) -> None:
        """Rewrite the manifest atomically (after every stored file; flushed to disk at the end of a batch)."""
        atomic_write(self.manifest_path, json.dumps(self.manifest, indent=1, sort_keys=True).encode(), durable=durable)
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
        from .sources import SourceError, SourceUnreachable
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
        self.ensure_cache()
        return report

    # ------------------------------------------------------------------ cache
    def _is_series(self, series_id: str) -> bool:
        return series_id in self.catalog and self.catalog.get(series_id).is_series

    def _wanted_cache(self) -> dict[str, str]:
        """Raw checksums the cache must be built from (remembered while the manifest is unchanged)."""
        key = (self._manifest_stamp, id(self._manifest))
        if self._wanted_key != key:
            self._wanted = {k: v["sha256"] for k, v in self.manifest["series"].items() if self._is_series(k)}
            self._wanted_key = (self._manifest_stamp, id(self._manifest))
        return self._wanted

    def _cache_file_ok(self, path: Path, info: dict | None) -> bool:
        """The cache file is the one recorded: same size and mtime, or else the same sha256."""
        if not info or not path.is_file():
            return False
        stat = path.stat()
        if stat.st_size == info.get("size") and stat.st_mtime_ns == info.get("mtime_ns"):
            return True
        return stat.st_size == info.get("size") and sha256_file(path) == info.get("sha256")

    def _cache_is_current(self) -> bool:
        info = self.manifest.get("cache", {})
        return (
            info.get("version") == CACHE_VERSION
            and info.get("inputs") == self._wanted_cache()
            and self._cache_file_ok(self.cache_path, info)
            and self._cache_file_ok(self.ohlcv_cache_path, info.get("ohlcv"))
        )

    def ensure_cache(self) -> None:
        """Rebuild the columnar cache when missing, changed, corrupt or out of date."""
        if self._wanted_cache() and not self._cache_is_current():
            self.build_cache()

    def build_cache(self) -> None:
        """Parse every stored dated series from raw (checksums verified) into the columnar cache.

        Two Arrow IPC files, each series one contiguous block of rows: `series.arrow` (date,
        value: the observations `load` returns) and `ohlcv.arrow` (Yahoo open ... volume). The
        row ranges per id are in the file's schema metadata. A raw file that fails its checksum
        is left out (and reported when loaded) without blocking the other series.
        """
        values, ohlcv = _Blocks(["value"]), _Blocks(formats.YAHOO_FIELDS)
        built_from, skipped = {}, {}
        for sid, meta in sorted(self.manifest["series"].items()):
            if not self._is_series(sid):
                continue
            try:
                frame = self._parse_raw(sid, meta)
            except (ResearchError, formats.FormatError) as exc:
                skipped[sid] = str(exc)
                continue
            values.add(sid, frame[["value"]].dropna())
            if "open" in frame.columns:
                ohlcv.add(sid, frame[formats.YAHOO_FIELDS].dropna(how="all"))
            built_from[sid] = meta["sha256"]
        info = values.write(self.cache_path)
        info["ohlcv"] = ohlcv.write(self.ohlcv_cache_path)
        info.update(version=CACHE_VERSION, inputs=dict(self._wanted_cache()), built_from=built_from,
                    skipped=skipped, built_at=now_iso())
        self.manifest["cache"] = info
        self._save_manifest(durable=True)

    def _parse_raw(self, sid: str, meta: dict) -> pd.DataFrame:
        data = self._raw_bytes(sid, meta)
        return formats.parse(meta["format"], data, meta["path"])

    def _raw_bytes(self, sid: str, meta: dict) -> bytes:
        path = self.raw_dir / meta["path"]
        if not path.is_file():
            raise ResearchError(f"raw file for {sid!r} is missing ({path}): run `research data import DIR` or `research data refresh {sid}`")
        data = path.read_bytes()
        if sha256_bytes(data) != meta["sha256"]:
            raise _corrupt(sid)
        return data

    def _check_raw_unchanged(self, sid: str, meta: dict) -> None:
        """Refuse to serve a series whose raw file changed behind the store's back (cheap: stat first)."""
        path = os.path.join(self._raw_str, meta["path"])
        try:
            stat = os.stat(path)
        except FileNotFoundError:
            raise ResearchError(f"raw file for {sid!r} is missing ({path}): run `research data import DIR` or `research data refresh {sid}`") from None
        key = (str(path), stat.st_size, stat.st_mtime_ns)
        if _RAW_OK.get(key) == meta["sha256"]:
            return
        if sha256_file(Path(path)) != meta["sha256"]:
            raise _corrupt(sid)
        _RAW_OK[key] = meta["sha256"]

    def _memo(self, path: Path) -> "_Cached":
        """The cache file, memory-mapped once per process while it and the manifest stay unchanged.

        Callers have just read `self.manifest` (which re-reads it if another process changed it).
        """
        try:
            stat = os.stat(path)
            key = (stat.st_size, stat.st_mtime_ns)
        except FileNotFoundError:
            key = None
        memo = _CACHE_MEMO.get(str(path))
        if memo is not None and memo.key == key and memo.stamp == self._manifest_stamp:
            return memo
        self.ensure_cache()
        try:
            memo = _Cached.read(path)
        except (pa.ArrowInvalid, OSError, ValueError, KeyError):
            self.build_cache()  # unreadable although its size and mtime matched: rebuild from raw
            memo = _Cached.read(path)
        memo.stamp = self._manifest_stamp
        _CACHE_MEMO[str(path)] = memo
        return memo

    # ------------------------------------------------------------------ reading
    def read(self, series_id: str, fields: str | None = None) -> tuple[pd.Series | pd.DataFrame, dict, str | None]:
        """A dated series, its manifest entry and the date of its last observation.

        fields=None: the observations (Yahoo: the adjusted close), missing values dropped;
        fields="ohlcv": open, high, low, close, adj_close, volume of a Yahoo ticker.
        """
        entry = self.catalog.get(series_id)
        if not entry.is_series:
            raise ResearchError(f"{entry.id!r} is a table, not a dated series: use load_table({entry.id!r})")
        if fields not in (None, "ohlcv"):
            raise ResearchError(f"fields={fields!r} is not supported: use None (the value) or 'ohlcv'")
        if fields == "ohlcv" and entry.source != "yahoo":
            raise ResearchError(f"fields='ohlcv' needs a Yahoo ticker; {entry.id!r} is a {entry.source} series")
        meta = self._require(entry)
        self._check_raw_unchanged(entry.id, meta)
        cached = self._memo(self.ohlcv_cache_path if fields == "ohlcv" else self.cache_path)
        return cached.get(entry.id), meta, cached.last_date(entry.id)

    def series(self, series_id: str) -> pd.Series:
        return self.read(series_id)[0]


    def ohlcv(self, series_id: str) -> pd.DataFrame:
        return self.read(series_id, "ohlcv")[0]

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
        """One row per catalog series: source, first/last, rows, provenance, state.

        corrupt = raw file missing or failing its checksum; stale = the last observation is older
        than the usual publication lag of its frequency; missing = never fetched or imported.
        """
        today = today or dt.date.today()
        problems = dict(self.verify_raw(parse=False))
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

    def verify_raw(self, parse: bool = True) -> list[tuple[str, str]]:
        """(id, problem) for each stored raw file that is missing, fails its checksum or (parse) its format."""
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
            if parse:
                try:
                    formats.parse(meta["format"], data, meta["path"])
                except formats.FormatError as exc:
                    problems.append((sid, str(exc)))
        return problems

    def verify(self) -> list[tuple[str, str]]:
        """Check raw files, and the cache's checksums (a bad cache is rebuilt from raw)."""
        problems = self.verify_raw()
        info = self.manifest.get("cache", {})
        if self._wanted_cache():
            files = [(self.cache_path, info), (self.ohlcv_cache_path, info.get("ohlcv") or {})]
            if any(not p.is_file() or sha256_file(p) != i.get("sha256") for p, i in files):
                problems.append(("cache", "cache missing or failed its checksum: rebuilt from raw"))
                self.build_cache()
            else:
                self.ensure_cache()
        return problems


def _corrupt(sid: str) -> ResearchError:
    return ResearchError(f"raw file for {sid!r} is corrupt (checksum mismatch): run `research data import DIR` or `research data refresh {sid}`")


class _Blocks:
    """Collects per-series frames into one Arrow table: contiguous rows per id, ranges in metadata."""

    def __init__(self, fields: list[str]):
        self.fields, self.dates, self.columns, self.index, self.rows = fields, [], {f: [] for f in fields}, {}, 0

    def add(self, sid: str, frame: pd.DataFrame) -> None:
        last = str(frame.index[-1].date()) if len(frame) else None
        self.index[sid] = [self.rows, self.rows + len(frame), last]
        self.rows += len(frame)
        self.dates.append(frame.index.to_numpy(dtype="datetime64[ns]").view("int64"))
        for f in self.fields:
            self.columns[f].append(frame[f].to_numpy(dtype="float64"))

    def write(self, path: Path) -> dict:
        cat = lambda parts, dtype: np.concatenate(parts) if parts else np.empty(0, dtype)  # noqa: E731
        arrays = [pa.array(cat(self.dates, "int64"))] + [pa.array(cat(self.columns[f], "float64")) for f in self.fields]
        schema = pa.schema([("date", pa.int64())] + [(f, pa.float64()) for f in self.fields],
                           metadata={"index": json.dumps(self.index)})
        sink = pa.BufferOutputStream()
        with pa.ipc.new_file(sink, schema) as writer:
            writer.write_batch(pa.record_batch(arrays, schema=schema))
        data = sink.getvalue().to_pybytes()
        atomic_write(path, data)
        stat = path.stat()
        return {"sha256": sha256_bytes(data), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


class _Cached:
    """A memory-mapped cache file: numpy views of its columns and the row range of every id."""

    def __init__(self, key, dates: np.ndarray, columns: dict[str, np.ndarray], index: dict):
        self.key, self.columns, self.index = key, columns, index
        self.dates = pd.DatetimeIndex(dates, name="date")  # built once; each series is a slice of it
        self.single = list(columns) == ["value"]
        self.stamp = None  # the manifest version it was checked against

    @classmethod
    def read(cls, path: Path) -> "_Cached":
        stat = os.stat(path)
        table = pa.ipc.open_file(pa.memory_map(str(path), "r")).read_all()
        index = json.loads(table.schema.metadata[b"index"])

        def column(name: str, dtype: str) -> np.ndarray:
            chunks = table.column(name).chunks
            return chunks[0].to_numpy() if len(chunks) == 1 else np.empty(0, dtype)

        dates = column("date", "int64").view("datetime64[ns]")
        fields = [f for f in table.column_names if f != "date"]
        return cls((stat.st_size, stat.st_mtime_ns), dates, {f: column(f, "float64") for f in fields}, index)

    def __contains__(self, sid: str) -> bool:
        return sid in self.index

    def last_date(self, sid: str) -> str | None:
        """Date of the last observation of `sid` ("YYYY-MM-DD")."""
        return self.index[sid][2]

    def get(self, sid: str) -> pd.Series | pd.DataFrame:
        if sid not in self.index:
            raise ResearchError(f"{sid!r} is not in the cache: its raw file failed to load; run `research data verify`")
        a, b, _ = self.index[sid]
        index = self.dates[a:b]
        if self.single:
            return pd.Series(self.columns["value"][a:b], index=index, name=sid, copy=True)
        return pd.DataFrame({f: v[a:b] for f, v in self.columns.items()}, index=index, copy=True)


_RAW_OK: dict = {}
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
    key = os.environ.get("RESEARCH_DATA_DIR", "")
    store = _DEFAULT.get(key)
    if store is None:
        store = _DEFAULT[key] = Store(data_dir())
    return store


def current_checksums() -> dict[str, str]:
    return default_store().current_checksums()
