"""Parsing and validation of raw files in the sources' own formats.

- fred:     `observation_date,<ID>` (older downloads: `DATE,<ID>`), empty or "." = missing
- yahoo:    `Date,Open,High,Low,Close,Adj Close,Volume`
- series:   first column ISO date, second column the value
- table:    any CSV (read with pandas)
- bea_wide: BEA interactive-table download (title lines, then `Line,,2024,...` / `Line,,Q1,...`)

`parse()` raises `FormatError` listing every problem it found in the file.
"""
from __future__ import annotations

import io
import re

import numpy as np
import pandas as pd

YAHOO_COLUMNS = ["Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"]
YAHOO_FIELDS = ["open", "high", "low", "close", "adj_close", "volume"]
MISSING = {"", ".", "nan", "NaN", "null"}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class FormatError(ValueError):
    """A raw file does not have the expected format; `problems` lists what is wrong."""

    def __init__(self, name: str, problems: list[str]):
        self.problems = problems
        super().__init__(f"{name}: {'; '.join(problems)}")


def _read_text_csv(data: bytes, name: str) -> pd.DataFrame:
    try:
        return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    except Exception as exc:  # pandas raises several types for unreadable CSV
        raise FormatError(name, [f"not a readable CSV ({exc.__class__.__name__})"]) from None


def _dated_frame(text: pd.DataFrame, name: str, value_columns: list[str]) -> pd.DataFrame:
    """Check the date column (ISO, ascending, unique) and convert value columns to float."""
    problems: list[str] = []
    dates = text.iloc[:, 0].str.strip()
    bad = ~dates.str.match(_ISO)
    if bad.any():
        first = int(np.flatnonzero(bad.to_numpy())[0])
        problems.append(f"date {dates.iloc[first]!r} on line {first + 2} is not ISO YYYY-MM-DD")
    index = pd.DatetimeIndex(pd.to_datetime(dates.where(~bad), format="%Y-%m-%d", errors="coerce"))
    if not bad.any():
        if index.isna().any():
            problems.append("a date is not a valid calendar date")
        elif index.duplicated().any():
            problems.append(f"duplicate date {index[index.duplicated()][0].date()}")
        elif not index.is_monotonic_increasing:
            pos = int(np.flatnonzero(np.diff(index.to_numpy()) < np.timedelta64(0))[0])
            problems.append(f"dates not ascending at line {pos + 3} ({index[pos + 1].date()} after {index[pos].date()})")
    out = {}
    for col in value_columns:
        raw = text[col].str.strip()
        values = pd.to_numeric(raw.where(~raw.isin(MISSING)), errors="coerce")
        text_in_numbers = values.isna() & ~raw.isin(MISSING)
        if text_in_numbers.any():
            first = int(np.flatnonzero(text_in_numbers.to_numpy())[0])
            problems.append(f"column {col!r} has text {raw.iloc[first]!r} on line {first + 2}")
        out[col] = values.astype("float64").to_numpy()
    if len(text) == 0:
        problems.append("no rows")
    if problems:
        raise FormatError(name, problems)
    frame = pd.DataFrame(out, index=pd.DatetimeIndex(index, name="date"))
    return frame


def parse_fred(data: bytes, name: str) -> pd.DataFrame:
    text = _read_text_csv(data, name)
    cols = list(text.columns)
    if len(cols) != 2 or cols[0] not in {"observation_date", "DATE"}:
        raise FormatError(name, [f"header {','.join(cols)!r} is not FRED's 'observation_date,<ID>'"])
    frame = _dated_frame(text, name, [cols[1]])
    return frame.set_axis(["value"], axis=1)


def parse_yahoo(data: bytes, name: str) -> pd.DataFrame:
    text = _read_text_csv(data, name)
    if list(text.columns) != YAHOO_COLUMNS:
        raise FormatError(name, [f"header {','.join(text.columns)!r} is not Yahoo's {','.join(YAHOO_COLUMNS)!r}"])
    frame = _dated_frame(text, name, YAHOO_COLUMNS[1:])
    frame.columns = YAHOO_FIELDS
    # The adjusted close where the source gives one, else the close.
    frame["value"] = frame["adj_close"].fillna(frame["close"])
    return frame


def parse_series(data: bytes, name: str) -> pd.DataFrame:
    text = _read_text_csv(data, name)
    if text.shape[1] != 2:
        raise FormatError(name, [f"expected 2 columns (date, value), found {text.shape[1]}"])
    frame = _dated_frame(text, name, [text.columns[1]])
    return frame.set_axis(["value"], axis=1)


def parse_table(data: bytes, name: str) -> pd.DataFrame:
    try:
        frame = pd.read_csv(io.BytesIO(data))
    except Exception as exc:
        raise FormatError(name, [f"not a readable CSV ({exc.__class__.__name__})"]) from None
    if frame.empty:
        raise FormatError(name, ["no rows"])
    return frame


def parse_bea_wide(data: bytes, name: str) -> pd.DataFrame:
    """BEA interactive-table CSV -> long frame: line, description, period ('2024Q1'), value."""
    lines = data.decode("utf-8-sig").splitlines()
    header_at = next((i for i, ln in enumerate(lines) if ln.startswith("Line,")), None)
    if header_at is None or header_at + 1 >= len(lines) or not lines[header_at + 1].startswith("Line,"):
        raise FormatError(name, ["no 'Line,,<years>' and 'Line,,<quarters>' header rows (BEA table download)"])
    body = pd.read_csv(io.StringIO("\n".join(lines[header_at:])), header=[0, 1], dtype=str, keep_default_na=False)
    periods = [f"{y}{q}" for y, q in body.columns[2:]]
    rows = body[body.iloc[:, 0].str.strip().str.isdigit()]
    if rows.empty:
        raise FormatError(name, ["no numbered table lines"])
    wide = pd.DataFrame(rows.iloc[:, 2:].to_numpy(), columns=periods)
    wide.insert(0, "description", rows.iloc[:, 1].str.strip().str.rstrip("0123456789").to_numpy())
    wide.insert(0, "line", rows.iloc[:, 0].astype(int).to_numpy())
    long = wide.melt(id_vars=["line", "description"], var_name="period", value_name="value")
    long["value"] = pd.to_numeric(long["value"].str.replace(",", ""), errors="coerce")
    return long.sort_values(["line", "period"], kind="stable").reset_index(drop=True)


PARSERS = {
    "fred": parse_fred,
    "yahoo": parse_yahoo,
    "series": parse_series,
    "table": parse_table,
    "bea_wide": parse_bea_wide,
}


def parse(fmt: str, data: bytes, name: str) -> pd.DataFrame:
    """Parse raw bytes of a file in format `fmt`; raises FormatError naming every problem."""
    return PARSERS[fmt](data, name)
