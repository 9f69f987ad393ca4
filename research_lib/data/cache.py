"""The columnar cache: every dated series of the store in two memory-mapped Arrow IPC files.

`series.arrow` holds (date, value) and `ohlcv.arrow` the Yahoo open ... volume columns; each series
is one contiguous block of rows, and the row range of every id sits in the schema metadata. The
store (`research_lib.data.store`) decides when to rebuild; this module only writes and reads.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from research_lib._io import atomic_write, sha256_bytes
from research_lib.errors import ResearchError

#: open cache files per path, memory-mapped once per process
CACHE_MEMO: dict = {}


class Blocks:
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


class Cached:
    """A memory-mapped cache file: numpy views of its columns and the row range of every id."""

    def __init__(self, key, dates: np.ndarray, columns: dict[str, np.ndarray], index: dict):
        self.key, self.columns, self.index = key, columns, index
        self.dates = pd.DatetimeIndex(dates, name="date")  # built once; each series is a slice of it
        self.single = list(columns) == ["value"]
        self.stamp = None  # the manifest version it was checked against

    @classmethod
    def read(cls, path: Path) -> Cached:
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
