"""The columnar cache: every dated series of the store in two Arrow IPC files.

`series.arrow` holds (date, value) and `ohlcv.arrow` the Yahoo open ... volume columns; each series
is one contiguous block of rows. The file describes itself in its schema metadata:

- ``index``: per id, ``[first row, end row, last date, checksum of the block (XXH3, 64-bit)]``;
- ``built_from``: per id, the sha256 of the raw file the block was parsed from;
- ``inputs``: the raw checksums of every dated series the store held when it was built (a cache
  is current when they equal the manifest's); ``skipped``: raw files that failed to load then.

A block is served only when it was built from the raw file the manifest lists now and its checksum
(XXH3 over its dates and values) checks out, verified on every read over the very copies that are served: a
flipped byte is caught whatever the file's size and mtime say. The file is memory-mapped; the store
never changes a cache file in place (a rebuild writes a new file and renames it), so a mapping
stays valid while a process holds it.

The store (`research_lib.data.store`) decides when to rebuild; this module only writes and reads.
"""
from __future__ import annotations

import json
import mmap
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import xxhash

from research_lib._io import atomic_write

#: bump when the layout changes: older caches are rebuilt
CACHE_VERSION = 4
#: open cache files per path, read once per process while the file stays the same
CACHE_MEMO: dict = {}


def value_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """What the cache keeps of a parsed dated file for `load`: the value column, missing values dropped."""
    return frame[["value"]].dropna()


def ohlcv_frame(frame: pd.DataFrame, fields: list[str]) -> pd.DataFrame | None:
    """What the cache keeps for ``fields="ohlcv"`` (None for a file without prices): rows not all missing."""
    return frame[fields].dropna(how="all") if "open" in frame.columns else None


def checksum(arrays) -> int:
    """XXH3 (64-bit) of the bytes of ``arrays`` in turn (each digest seeds the next): a block's
    dates, then each of its columns.

    A 64-bit non-cryptographic hash that catches any flipped bit or byte, at several GB/s (zlib's
    crc32 would take about eight times as long, a cost every fresh load pays).
    """
    digest = 0
    for array in arrays:
        digest = xxhash.xxh3_64_intdigest(array, digest)
    return digest


class Blocks:
    """Collects per-series frames into one Arrow table: contiguous rows per id, ranges in metadata."""

    def __init__(self, fields: list[str]):
        self.fields, self.dates, self.columns, self.index, self.rows = fields, [], {f: [] for f in fields}, {}, 0

    def add(self, sid: str, frame: pd.DataFrame, sha256: str) -> None:
        """Append the block of ``sid``, parsed from the raw file ``sha256``."""
        dates = frame.index.as_unit("ns").to_numpy().view("int64")  # out-of-range dates raise, never wrap
        columns = [frame[f].to_numpy(dtype="float64") for f in self.fields]
        last = str(frame.index[-1].date()) if len(frame) else None
        self.index[sid] = [self.rows, self.rows + len(frame), last, checksum([dates, *columns]), sha256]
        self.rows += len(frame)
        self.dates.append(dates)
        for f, col in zip(self.fields, columns):
            self.columns[f].append(col)

    def write(self, path: Path, meta: dict) -> None:
        """Write the table (atomically) with ``meta`` (inputs, skipped) in its schema metadata."""
        cat = lambda parts, dtype: np.concatenate(parts) if parts else np.empty(0, dtype)  # noqa: E731
        arrays = [pa.array(cat(self.dates, "int64"))] + [pa.array(cat(self.columns[f], "float64")) for f in self.fields]
        metadata = {"index": json.dumps(self.index, sort_keys=True), "version": str(CACHE_VERSION),
                    **{k: json.dumps(v, sort_keys=True) for k, v in meta.items()}}  # same inputs, same bytes
        schema = pa.schema([("date", pa.int64())] + [(f, pa.float64()) for f in self.fields], metadata=metadata)
        sink = pa.BufferOutputStream()
        with pa.ipc.new_file(sink, schema) as writer:
            writer.write_batch(pa.record_batch(arrays, schema=schema))
        atomic_write(path, sink.getvalue().to_pybytes())


def _map(path: Path) -> mmap.mmap:
    """The file mapped read-only, its pages mapped at once (MAP_POPULATE where the system has it).

    Faulting the pages in one by one on first touch costs more than reading them (every block is
    read to check it), so they are populated up front.
    """
    with open(path, "rb") as fh:
        return mmap.mmap(fh.fileno(), 0, flags=mmap.MAP_SHARED | getattr(mmap, "MAP_POPULATE", 0), prot=mmap.PROT_READ)


class CacheUnreadable(Exception):
    """A cache file that cannot be used at all (missing, truncated, another layout): rebuild it."""


def file_key(path: Path) -> tuple | None:
    """Identity of the file now at ``path`` (inode, size, mtime), None when there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


class Cached:
    """A memory-mapped cache file: numpy views of its columns, the row range and checksum of every id."""

    def __init__(self, key, dates: np.ndarray, columns: dict[str, np.ndarray], index: dict, meta: dict):
        self.key, self.columns, self.index = key, columns, index
        self._dates, self._meta = dates, meta
        self.dates = pd.DatetimeIndex(dates.view("datetime64[ns]"), name="date")  # each series is a slice of it
        self.single = list(columns) == ["value"]
        self.damaged: list[str] = []  # ids whose block failed its checksum

    def _json(self, name: str) -> dict:
        value = self._meta.get(name)
        if isinstance(value, bytes):  # parsed on first use: a load needs only the index
            try:
                value = json.loads(value)
            except ValueError:
                value = None
            self._meta[name] = value = value if isinstance(value, dict) else {}
        return value or {}

    @property
    def built_from(self) -> dict:
        """Per id, the sha256 of the raw file its block was parsed from."""
        return {sid: entry[4] for sid, entry in self.index.items()}

    @property
    def inputs(self) -> dict:
        """The raw checksums of every dated series the store held when the file was built."""
        return self._json("inputs")

    @property
    def skipped(self) -> dict:
        """Per id, ``{"sha256", "problem"}`` of raw files that failed to load when the file was built."""
        return self._json("skipped")

    @classmethod
    def read(cls, path: Path) -> Cached:
        """Open a cache file; raises :class:`CacheUnreadable` when it cannot be used."""
        key = file_key(path)
        try:
            reader = pa.ipc.open_file(pa.py_buffer(_map(path)))
            meta = dict(reader.schema.metadata or {})
            if meta.pop(b"version", None) != str(CACHE_VERSION).encode():
                raise CacheUnreadable(f"{path.name} has another layout")
            table = reader.read_all()
            index = json.loads(meta.pop(b"index"))
            names = table.column_names
            if not isinstance(index, dict) or names[0] != "date" or any(table.column(n).num_chunks != 1 for n in names):
                raise ValueError("layout")
            arrays = [table.column(n).chunks[0].to_numpy() for n in names]
        except (OSError, KeyError, ValueError, TypeError, pa.ArrowException) as exc:
            raise CacheUnreadable(f"{path.name} cannot be read ({type(exc).__name__})") from None
        return cls(key, arrays[0], dict(zip(names[1:], arrays[1:])), index, {k.decode(): v for k, v in meta.items()})

    def __contains__(self, sid: str) -> bool:
        return sid in self.index

    def last_date(self, sid: str) -> str | None:
        """Date of the last observation of `sid` ("YYYY-MM-DD")."""
        return self.index[sid][2]

    def _verified(self, sid: str) -> tuple[int, int, list[np.ndarray]] | None:
        """(first row, end row, private copies of the block's columns) when its checksum holds, else None.

        The columns are copied out of the mapped file first and the checksum is taken over the
        dates and those copies, so what is served is exactly what was checked, on every read.
        """
        try:
            a, b, _, expected = self.index[sid][:4]
            if 0 <= a <= b <= len(self._dates):
                copies = [c[a:b].copy() for c in self.columns.values()]
                if checksum([self._dates[a:b], *copies]) == expected:
                    return a, b, copies
        except (ValueError, TypeError):
            pass
        if sid not in self.damaged:
            self.damaged.append(sid)
        return None

    def check(self, sid: str) -> bool:
        """True when the block of ``sid`` (dates and every column) matches its checksum."""
        return self._verified(sid) is not None

    def get(self, sid: str, sha256: str) -> pd.Series | pd.DataFrame | None:
        """The block of ``sid`` if it was built from the raw file ``sha256`` and is intact, else None."""
        entry = self.index.get(sid)
        if entry is None or entry[4:5] != [sha256]:
            return None
        block = self._verified(sid)
        if block is None:
            return None
        a, b, copies = block
        index = self.dates[a:b]
        if self.single:
            return pd.Series(copies[0], index=index, name=sid, copy=False)
        return pd.DataFrame(dict(zip(self.columns, copies)), index=index, copy=False)

    def damaged_blocks(self) -> list[str]:
        """Every id whose block fails its checksum (checks them all)."""
        for sid in self.index:
            self.check(sid)
        return list(self.damaged)
