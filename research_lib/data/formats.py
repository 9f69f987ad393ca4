"""Parsing and validation of raw files in the sources' own formats.

- fred:     `observation_date,<ID>` (older downloads: `DATE,<ID>`), empty or "." = missing; the value
            column must be named after the series
- yahoo:    `Date,Open,High,Low,Close,Adj Close,Volume`
- series:   first column ISO date, second column the value
- table:    any CSV (read with pandas)
- bea_wide: BEA interactive-table download (title lines, then `Line,,2024,...` / `Line,,Q1,...`)

Every file must be whole UTF-8 text: it ends with a line end (a file cut mid-row, by an interrupted
download or copy, does not), and every row has as many fields as the header. The rows pandas reads
are counted against the lines of the file. Dates must be ISO and inside the range a store can hold
(pandas' nanosecond dates, 1677-09-22 to 2262-04-11); values must be finite numbers or empty.

`parse()` raises `FormatError` listing the problems it found in the file; each quotes at most a
short excerpt of the file (`research_lib.errors.excerpt`), never more.
"""
from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from research_lib.errors import excerpt, one_line

YAHOO_COLUMNS = ["Date", "Open", "High", "Low", "Close", "Adj Close", "Volume"]
YAHOO_FIELDS = ["open", "high", "low", "close", "adj_close", "volume"]
MISSING = {"", ".", "nan", "NaN", "null"}
ISO_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
#: the dates a store can hold (pandas' nanosecond range): later or earlier dates would wrap around
FIRST_DATE, LAST_DATE = "1677-09-22", "2262-04-11"
MAX_PROBLEMS = 5  # problems named in one message (the rest are counted)


class FormatError(ValueError):
    """A raw file does not have the expected format; `problems` lists what is wrong."""

    def __init__(self, name: str, problems: list[str]):
        self.problems = list(problems)
        shown = [one_line(p, 200) for p in self.problems[:MAX_PROBLEMS]]
        if len(self.problems) > MAX_PROBLEMS:
            shown.append(f"and {len(self.problems) - MAX_PROBLEMS} more problems")
        super().__init__(f"{one_line(name, 200)}: {'; '.join(shown)}")


def _text(data: bytes, name: str) -> str:
    """The file as text: strict UTF-8 (a byte-order mark is allowed)."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise FormatError(name, [f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start:,})"]) from None


def _field_counts(data: bytes, text: str) -> tuple[np.ndarray, np.ndarray]:
    """(fields per line, blank-line mask) for every line of the file."""
    if b'"' in data:  # quoted fields may hold commas or line ends: let the csv module split them
        rows = list(csv.reader(io.StringIO(text, newline="")))
        counts = np.array([len(r) for r in rows], dtype=np.int64)
        return counts, np.array([not r or r == [""] for r in rows], dtype=bool)
    raw = np.frombuffer(data, dtype=np.uint8)
    ends = np.flatnonzero(raw == 10)
    commas = np.flatnonzero(raw == 44)
    counts = np.diff(np.concatenate([[0], np.searchsorted(commas, ends)])) + 1
    starts = np.concatenate([[0], ends[:-1] + 1])
    length = ends - starts
    blank = (length == 0) | ((length == 1) & (raw[np.minimum(starts, len(raw) - 1)] == 13))
    return counts, blank


def _whole(data: bytes, name: str) -> tuple[str, np.ndarray, np.ndarray]:
    """(text, fields per line, blank-line mask) of a whole file; raises FormatError otherwise."""
    try:
        return _whole_file(data, name)
    except csv.Error as exc:  # e.g. a quoted field over the csv module's size limit
        raise FormatError(name, [f"not a readable CSV ({one_line(exc, 80)})"]) from None


def _whole_file(data: bytes, name: str) -> tuple[str, np.ndarray, np.ndarray]:
    if not data:
        raise FormatError(name, ["not a readable CSV: the file is empty"])
    if b"\x00" in data:
        raise FormatError(name, ["not a readable CSV: it holds NUL bytes (a binary file?)"])
    if not data.endswith(b"\n"):
        last = data[data.rfind(b"\n") + 1:].decode("utf-8", "replace")
        raise FormatError(name, [f"the last line {excerpt(last)} has no line end: the file is cut short "
                                 "(an interrupted download or copy); fetch or copy it again"])
    text = _text(data, name)
    counts, blank = _field_counts(data, text)
    if not len(counts) or blank[0]:
        raise FormatError(name, ["not a readable CSV: the first line (the header) is empty"])
    return text, counts, blank


def _uniform(counts: np.ndarray, blank: np.ndarray, name: str) -> None:
    bad = np.flatnonzero((counts != counts[0]) & ~blank)
    if len(bad):
        line = int(bad[0])
        raise FormatError(name, [f"line {line + 1} has {counts[line]} fields but the header has {counts[0]}: "
                                 f"a row cut short or with extra fields ({len(bad)} such line{'s' * (len(bad) > 1)})"])


def check_complete(data: bytes, name: str, *, uniform: bool = True) -> int:
    """Check that ``data`` is a whole CSV file and return its number of data rows (blank lines aside).

    A whole file is non-empty UTF-8 text without NUL bytes that ends with a line end; with
    ``uniform`` every row has as many fields as the header (a row cut short or with extra fields
    is named by its line). Raises :class:`FormatError`.
    """
    _, counts, blank = _whole(data, name)
    if uniform:
        _uniform(counts, blank, name)
    return int((~blank[1:]).sum())


def _header(text: str) -> list[str]:
    line = text.split("\n", 1)[0].rstrip("\r")
    return line.split(",") if '"' not in line else next(csv.reader([line]), [])


def _read_text_csv(data: bytes, name: str) -> pd.DataFrame:
    try:
        return pd.read_csv(io.BytesIO(data), dtype=str, keep_default_na=False)
    except Exception as exc:  # pandas raises several types for unreadable CSV
        raise FormatError(name, [f"not a readable CSV ({exc.__class__.__name__})"]) from None


def _check_rows(frame: pd.DataFrame, rows: int, name: str) -> None:
    """The rows pandas read must be the data lines of the file, one for one."""
    if len(frame) != rows:
        raise FormatError(name, [f"read {len(frame)} rows but the file has {rows} data lines: a quoted field "
                                 "spanning lines or an unreadable row"])


def _dated_frame(text: pd.DataFrame, name: str, value_columns: list[str]) -> pd.DataFrame:
    """Check the date column (ISO, in range, ascending, unique) and convert value columns to finite floats."""
    problems: list[str] = []
    dates = text.iloc[:, 0].str.strip()
    bad = ~dates.str.fullmatch(ISO_DATE)
    if bad.any():
        first = int(np.flatnonzero(bad.to_numpy())[0])
        problems.append(f"date {excerpt(dates.iloc[first])} on line {first + 2} is not ISO YYYY-MM-DD")
    outside = ~bad & ((dates < FIRST_DATE) | (dates > LAST_DATE))
    if outside.any():
        first = int(np.flatnonzero(outside.to_numpy())[0])
        problems.append(f"date {dates.iloc[first]} on line {first + 2} is outside the dates a store can hold "
                        f"({FIRST_DATE} to {LAST_DATE})")
    ok = ~(bad | outside)
    index = pd.DatetimeIndex(pd.to_datetime(dates.where(ok), format="%Y-%m-%d", errors="coerce")).as_unit("ns")
    if ok.all():
        if index.isna().any():
            first = int(np.flatnonzero(index.isna())[0])
            problems.append(f"date {dates.iloc[first]} on line {first + 2} is not a valid calendar date")
        elif index.duplicated().any():
            problems.append(f"duplicate date {index[index.duplicated()][0].date()}")
        elif not index.is_monotonic_increasing:
            pos = int(np.flatnonzero(np.diff(index.to_numpy()) < np.timedelta64(0))[0])
            problems.append(f"dates not ascending at line {pos + 3} ({index[pos + 1].date()} after {index[pos].date()})")
    out = {}
    for col in value_columns:
        raw = text[col].str.strip()
        values = pd.to_numeric(raw.where(~raw.isin(MISSING)), errors="coerce").astype("float64").to_numpy()
        text_in_numbers = np.isnan(values) & ~raw.isin(MISSING).to_numpy()
        if text_in_numbers.any():
            first = int(np.flatnonzero(text_in_numbers)[0])
            problems.append(f"column {excerpt(col)} has text {excerpt(raw.iloc[first])} on line {first + 2}")
        infinite = np.isinf(values)
        if infinite.any():
            first = int(np.flatnonzero(infinite)[0])
            problems.append(f"column {excerpt(col)} has the value {excerpt(raw.iloc[first])} on line {first + 2}, "
                            "which is not a finite number (infinite or beyond a 64-bit float)")
        out[col] = values
    if len(text) == 0:
        problems.append("no rows")
    if problems:
        raise FormatError(name, problems)
    return pd.DataFrame(out, index=pd.DatetimeIndex(index, name="date"))


def _checked_text_csv(data: bytes, name: str, header_ok) -> pd.DataFrame:
    """A whole file with an acceptable header (``header_ok(columns)`` returns a problem or None),
    uniform field counts and as many rows read as it has data lines, as a frame of strings."""
    text, counts, blank = _whole(data, name)
    problem = header_ok(_header(text))
    if problem:
        raise FormatError(name, [problem])
    _uniform(counts, blank, name)
    frame = _read_text_csv(data, name)
    _check_rows(frame, int((~blank[1:]).sum()), name)
    return frame


def parse_fred(data: bytes, name: str, series_id: str | None = None) -> pd.DataFrame:
    def header_ok(cols: list[str]) -> str | None:
        if len(cols) != 2 or cols[0].lstrip("\ufeff") not in {"observation_date", "DATE"}:
            return f"header {excerpt(','.join(cols))} is not FRED's 'observation_date,<ID>'"
        # a cached real-time vintage is stored under "ID@DATE" / "ID@first" with FRED's own column name
        if series_id is not None and cols[1].strip().upper() != series_id.split("@", 1)[0].upper():
            return (f"the value column is named {excerpt(cols[1])}, not after the series {series_id!r}: "
                    "the file holds another series")
        return None

    text = _checked_text_csv(data, name, header_ok)
    cols = list(text.columns)
    frame = _dated_frame(text, name, [cols[1]])
    return frame.set_axis(["value"], axis=1)


def parse_yahoo(data: bytes, name: str, series_id: str | None = None) -> pd.DataFrame:
    def header_ok(cols: list[str]) -> str | None:
        if [c.lstrip("\ufeff") for c in cols] != YAHOO_COLUMNS:
            return f"header {excerpt(','.join(cols))} is not Yahoo's {','.join(YAHOO_COLUMNS)!r}"
        return None

    text = _checked_text_csv(data, name, header_ok)
    frame = _dated_frame(text, name, YAHOO_COLUMNS[1:])
    frame.columns = YAHOO_FIELDS
    # The adjusted close where the source gives one, else the close.
    frame["value"] = frame["adj_close"].fillna(frame["close"])
    return frame


def parse_series(data: bytes, name: str, series_id: str | None = None) -> pd.DataFrame:
    def header_ok(cols: list[str]) -> str | None:
        return None if len(cols) == 2 else f"expected 2 columns (date, value), found {len(cols)}"

    text = _checked_text_csv(data, name, header_ok)
    frame = _dated_frame(text, name, [text.columns[1]])
    return frame.set_axis(["value"], axis=1)


def _no_infinities(frame: pd.DataFrame, name: str) -> None:
    numbers = frame.select_dtypes("number")
    infinite = np.isinf(numbers.to_numpy(dtype="float64")) if numbers.shape[1] else np.zeros((0, 0), bool)
    if infinite.any():
        row, col = (int(i[0]) for i in np.nonzero(infinite))
        raise FormatError(name, [f"column {excerpt(numbers.columns[col])} has a value that is not a finite number "
                                 f"(infinite or beyond a 64-bit float) on data row {row + 1}"])


def parse_table(data: bytes, name: str, series_id: str | None = None) -> pd.DataFrame:
    rows = check_complete(data, name)
    try:
        frame = pd.read_csv(io.BytesIO(data))
    except Exception as exc:
        raise FormatError(name, [f"not a readable CSV ({exc.__class__.__name__})"]) from None
    if frame.empty:
        raise FormatError(name, ["no rows"])
    _check_rows(frame, rows, name)
    _no_infinities(frame, name)
    return frame


def parse_bea_wide(data: bytes, name: str, series_id: str | None = None) -> pd.DataFrame:
    """BEA interactive-table CSV -> long frame: line, description, period ('2024Q1'), value."""
    check_complete(data, name, uniform=False)  # title and footnote lines have one field
    lines = _text(data, name).splitlines()
    header_at = next((i for i, ln in enumerate(lines) if ln.startswith("Line,")), None)
    if header_at is None or header_at + 1 >= len(lines) or not lines[header_at + 1].startswith("Line,"):
        raise FormatError(name, ["no 'Line,,<years>' and 'Line,,<quarters>' header rows (BEA table download)"])
    try:
        table = list(csv.reader(io.StringIO("\n".join(lines[header_at:]))))
    except csv.Error as exc:
        raise FormatError(name, [f"not a readable BEA table ({one_line(exc, 80)})"]) from None
    width = len(table[0])
    short = [i for i, r in enumerate(table) if r and r[0].strip().isdigit() and len(r) != width]
    if short:
        raise FormatError(name, [f"line {header_at + short[0] + 1} has {len(table[short[0]])} fields but the header "
                                 f"has {width}: a row cut short or with extra fields"])
    try:
        body = pd.read_csv(io.StringIO("\n".join(lines[header_at:])), header=[0, 1], dtype=str, keep_default_na=False)
    except Exception as exc:
        raise FormatError(name, [f"not a readable BEA table ({exc.__class__.__name__})"]) from None
    periods = [f"{y}{q}" for y, q in body.columns[2:]]
    rows = body[body.iloc[:, 0].str.strip().str.isdigit()]
    if rows.empty:
        raise FormatError(name, ["no numbered table lines"])
    wide = pd.DataFrame(rows.iloc[:, 2:].to_numpy(), columns=periods)
    wide.insert(0, "description", rows.iloc[:, 1].str.strip().str.rstrip("0123456789").to_numpy())
    wide.insert(0, "line", rows.iloc[:, 0].astype(int).to_numpy())
    long = wide.melt(id_vars=["line", "description"], var_name="period", value_name="value")
    long["value"] = pd.to_numeric(long["value"].str.replace(",", ""), errors="coerce")
    _no_infinities(long[["value"]], name)
    return long.sort_values(["line", "period"], kind="stable").reset_index(drop=True)


PARSERS = {
    "fred": parse_fred,
    "yahoo": parse_yahoo,
    "series": parse_series,
    "table": parse_table,
    "bea_wide": parse_bea_wide,
}


def parse(fmt: str, data: bytes, name: str, series_id: str | None = None) -> pd.DataFrame:
    """Parse raw bytes of a file in format `fmt`; raises FormatError naming the problems.

    ``series_id`` (the catalog id) is checked against the file where the format names its series
    (FRED's value column).
    """
    parser = PARSERS.get(fmt)
    if parser is None:
        raise FormatError(name, [f"unknown format {excerpt(fmt)} (known: {', '.join(PARSERS)})"])
    return parser(data, name, series_id)
