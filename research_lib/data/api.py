"""What notebooks call: `load`, `load_table`, `panel`, `as_of_date`.

Real-time vintages: `load(id, as_of="2025-11-01")` is the series as published on that date and
`load(id, vintage="first")` its first releases, read from ALFRED vintages cached in the store by
`research data refresh --as-of DATE ID` / `research data refresh --vintage first ID` (with a FRED
API key). Loading never goes to the network, so a notebook gives the same answer offline and on
rerun; a vintage that is not cached raises :class:`VintageUnavailable`, which names the command
that fetches it. The verdict protocol's essay-date window (`research_lib.claims.protocol.Spec.load`) uses a cached vintage
when there is one and otherwise the latest values cut at the date, and says which.
"""
from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterable

import pandas as pd

from research_lib._io import sha256_bytes
from research_lib.data import formats
from research_lib.data.catalog import catalog
from research_lib.data.store import default_store
from research_lib.errors import ResearchError


class VintageUnavailable(ResearchError):
    """No cached real-time vintage of a series for the requested date (or first releases)."""


def _log_load(entry, sha256: str, as_of: str | None, vintage_key: str | None = None) -> None:
    """Tell the notebook runner which data (and catalog rows) a notebook read.

    The environment variable RESEARCH_LOAD_LOG names the file; one JSON line per load. A cached
    vintage is logged under its store key (``WALCL@2025-11-01``), without a catalog row digest
    (the key is not a catalog id).
    """
    path = os.environ.get("RESEARCH_LOAD_LOG")
    if path:
        record = {"id": vintage_key or entry.id, "sha256": sha256, "as_of": as_of,
                  "catalog": None if vintage_key else entry.digest}
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(record) + "\n")


def _attrs(entry, meta: dict, as_of: str | None) -> dict:
    return {
        "id": entry.id,
        "title": entry.title,
        "units": entry.units,
        "source": entry.source,
        "frequency": entry.frequency,
        "notes": entry.notes,
        "as_of": as_of,
        "sha256": meta["sha256"],
        "retrieved_at": meta.get("retrieved_at"),
    }


def load(series_id: str, *, fields: str | None = None, start=None, end=None, as_of: str | None = None,
         vintage: str | None = None) -> pd.Series | pd.DataFrame:
    """One series from the local store, as a float Series indexed by date and named by id.

    Yahoo tickers give the adjusted close ("Adj Close"); `fields="ohlcv"` gives a DataFrame with
    open, high, low, close, adj_close, volume instead. Missing observations are dropped. Metadata
    (title, units, source, frequency, as_of = last observation date, notes, sha256) is in `.attrs`.

    `as_of="YYYY-MM-DD"` returns the series as it was published on that date, `vintage="first"`
    each observation as first released (FRED series; cached ALFRED vintages, `.attrs["vintage"]`);
    :class:`VintageUnavailable` when the vintage is not in the store.
    """
    entry = catalog().get(series_id)
    if as_of is not None or vintage is not None:
        out, meta = _load_vintage(entry, as_of, vintage)
        if start is not None or end is not None:
            out = out.loc[start:end]
        last = str(out.index[-1].date()) if len(out) else None
        out.attrs = {**_attrs(entry, meta, last), "vintage": meta["id"].split("@", 1)[1]}
        _log_load(entry, meta["sha256"], last, vintage_key=meta["id"])
        return out
    out, meta, as_of = default_store().read(entry.id, fields)
    if start is not None or end is not None:
        out = out.loc[start:end]
        as_of = str(out.index[-1].date()) if len(out) else None
    out.attrs = _attrs(entry, meta, as_of)
    _log_load(entry, meta["sha256"], as_of)
    return out


def _load_vintage(entry, as_of: str | None, vintage: str | None) -> tuple[pd.Series, dict]:
    if vintage not in (None, "first") or (as_of is not None and vintage is not None):
        raise ResearchError(f"ask for one vintage of {entry.id}: as_of='YYYY-MM-DD' or vintage='first'")
    if as_of is not None:
        try:
            as_of = dt.date.fromisoformat(str(as_of)[:10]).isoformat()
        except ValueError:
            raise ResearchError(f"as_of={as_of!r} is not a date: use 'YYYY-MM-DD'") from None
    key = f"{entry.id}@{as_of or vintage}"
    store = default_store()
    meta = store.manifest["series"].get(key)
    flag = f"--as-of {as_of}" if as_of else "--vintage first"
    if meta is None:
        why = "" if entry.source == "fred" else f" (real-time vintages exist for FRED series; {entry.id} comes from {entry.source})"
        raise VintageUnavailable(f"no cached vintage {key}{why}: fetch it with `research data refresh {flag} {entry.id}` "
                                 "(needs FRED_API_KEY and network)")
    path = store.raw_dir / meta["path"]
    data = path.read_bytes() if path.is_file() else b""
    if sha256_bytes(data) != meta["sha256"]:
        raise VintageUnavailable(f"cached vintage {key} is missing or corrupt: fetch it again with "
                                 f"`research data refresh {flag} {entry.id}`")
    frame = formats.parse(meta["format"], data, meta["path"])
    series = frame["value"].dropna().rename(entry.id)
    return series, meta


def load_table(table_id: str) -> pd.DataFrame:
    """A table from the store (BEA tables, Fed DFA, Shiller, hyperscaler capex, ...) as parsed from its file."""
    store = default_store()
    entry = catalog().get(table_id)
    if entry.is_series:
        raise ResearchError(f"{entry.id!r} is a dated series: use load({entry.id!r})")
    frame = store.table(entry.id)
    meta = store.entry(entry.id)
    frame.attrs = _attrs(entry, meta, meta.get("last"))
    _log_load(entry, meta["sha256"], None)
    return frame


def panel(ids: Iterable[str], freq: str = "W-WED", how: str | dict | None = None, start=None, end=None) -> pd.DataFrame:
    """Several series aligned on one calendar.

    Each series is resampled to `freq` (a pandas offset: "W-WED", "ME", "QE", "B", ...) with its
    catalog rule: `last` (prices, balances: the last observation in the period), `mean` (rates,
    indexes: the period average) or `sum` (flows). `how` overrides the rule for every series (str)
    or per id (dict). Periods with no observation stay NaN; nothing is filled forward.

    Daily grids ("B", "D", "C") use periods that end on their label: a business day holds the
    observations after the previous business day up to and including itself, so a weekend
    observation (bitcoin's Saturday and Sunday) belongs to Monday, never to the Friday before.
    Weekly and monthly grids already end on their label ("W-WED": Thursday to Wednesday).
    """
    ids = list(ids)
    bins = _daily_bins(freq)
    columns, as_of = {}, {}
    for sid in ids:
        series = load(sid, start=start, end=end)
        as_of[sid] = series.attrs["as_of"]
        rule = how.get(sid) if isinstance(how, dict) else how
        rule = rule or catalog().get(sid).agg
        if rule not in {"last", "mean", "sum"}:
            raise ResearchError(f"resampling rule {rule!r} for {sid!r} is not one of last, mean, sum")
        resampler = series.resample(freq, **bins)
        resampled = getattr(resampler, rule)()
        if rule == "sum":  # an empty period sums to 0: keep it missing
            resampled = resampled.where(resampler.count() > 0)
        if bins and len(series):  # right-closed daily bins add one empty bin after the last observation
            resampled = resampled.iloc[: resampled.index.searchsorted(series.index[-1]) + 1]
        columns[sid] = resampled
    out = pd.DataFrame(columns)
    out.index.name = "date"
    known = [d for d in as_of.values() if d]
    out.attrs["as_of"] = min(known) if known else None  # the earliest input end: see as_of_date
    out.attrs["as_of_by_series"] = as_of
    return out


def _daily_bins(freq: str) -> dict:
    """Right-closed, right-labelled bins for daily offsets (pandas' default is left-closed there)."""
    from pandas.tseries.frequencies import to_offset

    offset = to_offset(freq)
    daily = (pd.offsets.Day, pd.offsets.BusinessDay, pd.offsets.CustomBusinessDay)
    return {"closed": "right", "label": "right"} if isinstance(offset, daily) else {}


def as_of_date(*objects) -> str:
    """The honest as-of of several inputs: the EARLIEST of their last-observation dates
    (attrs 'as_of' or the index), so a chart or claim never claims data newer than its oldest input."""
    dates = []
    for obj in objects:
        if isinstance(obj, (pd.Series, pd.DataFrame)) and len(obj.index):
            value = obj.attrs.get("as_of")
            if isinstance(value, str):
                dates.append(value)
            else:
                valid = obj.dropna(how="all") if isinstance(obj, pd.DataFrame) else obj.dropna()
                if len(valid.index):
                    dates.append(str(pd.Timestamp(valid.index.max()).date()))
    if not dates:
        raise ResearchError("as_of_date needs at least one non-empty Series or DataFrame")
    return min(dates)
