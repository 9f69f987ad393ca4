"""The local data store.

Layout of `RESEARCH_DATA_DIR` (default `data/`):

- `raw/`           files exactly as the source gave them, in the snapshot layout (`fred/WALCL.csv`, ...)
- `cache/`         columnar cache (Arrow IPC, memory-mapped) of every dated series, for fast loads
- `manifest.json`  provenance per series: source, method, origin, retrieved/imported at, first/last
                   date, rows, sha256 of the raw file; plus the checksum of the cache

Importing and refreshing (`research_lib.data.ingest`) go through `Store.save_raw`. Every write
goes to a temporary file that is then renamed over the old one, so an interrupted import or
refresh leaves the previous data intact. A cache that fails its checksum, or that was
built from other raw files than the manifest lists, is rebuilt from raw on the next load; a raw
file changed behind the store's back is reported as corrupt, never served.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pandas as pd
import pyarrow as pa

from research_lib._io import atomic_write, sha256_bytes, sha256_file, utc_now
from research_lib.config import data_dir
from research_lib.data import formats
from research_lib.data.cache import CACHE_MEMO, Blocks, Cached
from research_lib.data.catalog import Catalog, Entry, catalog
from research_lib.errors import ResearchError

CACHE_VERSION = 2  # bump when the cache layout changes: older caches are rebuilt
# A series is stale when its last observation is older than this many days (publication lags).
STALE_AFTER_DAYS = {"daily": 10, "weekly": 21, "monthly": 75, "quarterly": 200, "annual": 800, "irregular": 800}


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
            "retrieved_at": utc_now(),
            "first": str(dates[0].date()) if dates is not None and len(dates) else None,
            "last": str(dates[-1].date()) if dates is not None and len(dates) else None,
            "rows": int(len(frame)),
            "sha256": digest,
            "provenance": provenance,
        }
        self._save_manifest()
        return "ok"

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
        values, ohlcv = Blocks(["value"]), Blocks(formats.YAHOO_FIELDS)
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
                    skipped=skipped, built_at=utc_now())
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

    def _memo(self, path: Path) -> Cached:
        """The cache file, memory-mapped once per process while it and the manifest stay unchanged.

        Callers have just read `self.manifest` (which re-reads it if another process changed it).
        """
        try:
            stat = os.stat(path)
            key = (stat.st_size, stat.st_mtime_ns)
        except FileNotFoundError:
            key = None
        memo = CACHE_MEMO.get(str(path))
        if memo is not None and memo.key == key and memo.stamp == self._manifest_stamp:
            return memo
        self.ensure_cache()
        try:
            memo = Cached.read(path)
        except (pa.ArrowInvalid, OSError, ValueError, KeyError):
            self.build_cache()  # unreadable although its size and mtime matched: rebuild from raw
            memo = Cached.read(path)
        memo.stamp = self._manifest_stamp
        CACHE_MEMO[str(path)] = memo
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


_RAW_OK: dict = {}


_DEFAULT: dict[str, Store] = {}


def default_store() -> Store:
    """The store at `RESEARCH_DATA_DIR` (one per data directory per process)."""
    key = os.environ.get("RESEARCH_DATA_DIR", "")
    store = _DEFAULT.get(key)
    if store is None:
        store = _DEFAULT[key] = Store(data_dir())
    return store

