"""Pure time-series transforms for Series/DataFrames indexed by a DatetimeIndex.

Every function returns a new object and never modifies its input. Percent outputs are in
percentage points (1.0 == 1 %), log changes are scaled by 100 unless told otherwise.
"""

from __future__ import annotations

from typing import Literal, TypeVar

import numpy as np
import pandas as pd

__all__ = [
    "log_diff",
    "pct_change",
    "diff",
    "yoy",
    "periods_per_year",
    "rebase",
    "drawdown",
    "rolling_zscore",
    "to_freq",
    "real",
    "runs_below",
    "forward_return",
    "forward_sum",
    "first_complete",
    "drop_window",
    "monthly",
]

T = TypeVar("T", pd.Series, pd.DataFrame)

# Old-style aliases mapped to the pandas >= 2.2 spellings.
_FREQ_ALIASES = {"M": "ME", "Q": "QE", "A": "YE", "Y": "YE", "BM": "BME", "BQ": "BQE", "BA": "BYE"}


def _check_index(x: pd.Series | pd.DataFrame) -> None:
    if not isinstance(x.index, pd.DatetimeIndex):
        raise TypeError(f"expected a DatetimeIndex, got {type(x.index).__name__}; "
                        "set the index with pd.to_datetime(...) first")


def _positive(x: T) -> T:
    """Non-positive values become NaN so that logs are defined."""
    return x.where(x > 0)


def log_diff(x: T, periods: int = 1, scale: float = 100.0) -> T:
    """Log change over `periods` observations, times `scale` (default: percent log points)."""
    return scale * np.log(_positive(x)).diff(periods)


def pct_change(x: T, periods: int = 1, scale: float = 100.0) -> T:
    """Simple change over `periods` observations, in percent (times `scale`). No filling of gaps."""
    return scale * (x / x.shift(periods) - 1.0)


def diff(x: T, periods: int = 1) -> T:
    """First difference over `periods` observations (units of x)."""
    return x.diff(periods)


def periods_per_year(index: pd.DatetimeIndex) -> int | None:
    """Observations per year implied by the median spacing: 12, 4, 52, 1, or None for daily data."""
    if len(index) < 3:
        raise ValueError("need at least 3 observations to infer the frequency")
    days = float(pd.Series(index).diff().dt.days.median())
    if days < 5:
        return None  # daily (calendar or business)
    for lo, hi, ppy in ((5, 10, 52), (25, 35, 12), (80, 100, 4), (350, 380, 1)):
        if lo <= days <= hi:
            return ppy
    raise ValueError(f"cannot infer a regular frequency (median spacing {days:.0f} days); pass freq=")


def _year_ago(s: pd.Series, daily: bool) -> pd.Series:
    """Value of `s` one calendar year before each date (as-of lookup, NaN if none close enough)."""
    s = s.dropna()
    target = pd.DataFrame({"target": s.index - pd.DateOffset(years=1)})
    past = pd.DataFrame({"date": s.index, "value": s.to_numpy()})
    out = pd.merge_asof(target, past, left_on="target", right_on="date",
                        direction="backward" if daily else "nearest",
                        tolerance=pd.Timedelta(days=7 if daily else 3))
    return pd.Series(out["value"].to_numpy(), index=s.index)


def yoy(x: T, freq: str | None = None) -> T:
    """Year-on-year percent change, matching each date with the same date one calendar year earlier.

    Weekly/monthly/quarterly/annual data: the observation nearest to t - 1 year (within 3 days,
    i.e. 52 weeks / 12 months / 4 quarters back even when other observations are missing).
    Daily data: the last observation on or before t - 1 year (within 7 days).
    `freq` ("D", "B", "W", "M"/"ME"/"MS", "Q"/"QE"/"QS", "A"/"Y"/"YE") overrides the inference.
    """
    _check_index(x)
    if freq is None:
        daily = periods_per_year(x.index) is None
    else:
        daily = freq.upper()[0] in ("D", "B")
    if isinstance(x, pd.DataFrame):
        lag = pd.DataFrame({c: _year_ago(x[c], daily) for c in x.columns}).reindex(x.index)
    else:
        lag = _year_ago(x, daily).reindex(x.index)
    return 100.0 * (x / lag - 1.0)


def rebase(x: T, date: str | pd.Timestamp, base: float = 100.0) -> T:
    """Rescale so the first valid observation on/after `date` equals `base` (per column)."""
    _check_index(x)
    after = x.loc[pd.Timestamp(date):]
    if after.empty:
        raise ValueError(f"no observations on or after {date}")
    ref = after.bfill().iloc[0]
    return base * x / ref


def drawdown(x: T) -> T:
    """Percent decline from the running maximum (0 at new highs, negative otherwise)."""
    return 100.0 * (x / x.cummax() - 1.0)


def rolling_zscore(x: T, window: int, min_periods: int | None = None) -> T:
    """(x - rolling mean) / rolling std over the trailing `window` observations (including t)."""
    roll = x.rolling(window, min_periods=min_periods)
    return (x - roll.mean()) / roll.std()


def to_freq(x: T, freq: str, how: Literal["last", "first", "mean", "sum", "max", "min"] = "last") -> T:
    """Resample to `freq` ("W-WED", "ME", "QE", "YE", "MS", ...) aggregating with `how`.

    Old aliases "M", "Q", "A"/"Y" are accepted and mapped to "ME", "QE", "YE". Periods with no
    observations are NaN (also for "sum").
    """
    _check_index(x)
    freq = _FREQ_ALIASES.get(freq, freq)
    r = x.resample(freq)
    if how == "sum":
        return r.sum(min_count=1)
    if how not in ("last", "first", "mean", "max", "min"):
        raise ValueError(f"how must be last|first|mean|sum|max|min, got {how!r}")
    return getattr(r, how)()


def real(x: T, deflator: pd.Series, base_date: str | pd.Timestamp | None = None,
         tolerance: pd.Timedelta | str | None = None) -> T:
    """Deflate nominal `x` by a price index `deflator` matched as-of (last deflator value on/before t).

    Result is in prices of `base_date` (first deflator observation on/after it), or of the deflator's
    last observation when `base_date` is None. Dates more than `tolerance` after the last available
    deflator observation (default: twice its median spacing) are NaN rather than stale.
    """
    _check_index(x)
    d = deflator.dropna().sort_index()
    if tolerance is None:
        tolerance = 2 * pd.Series(d.index).diff().median()
    tol = pd.Timedelta(tolerance)
    left = pd.DataFrame({"date": x.index})
    right = pd.DataFrame({"ddate": d.index, "defl": d.to_numpy()})
    matched = pd.merge_asof(left, right, left_on="date", right_on="ddate",
                            direction="backward", tolerance=tol)
    aligned = pd.Series(matched["defl"].to_numpy(), index=x.index)
    ref = d.iloc[-1] if base_date is None else d.loc[pd.Timestamp(base_date):].iloc[0]
    factor = aligned / ref
    if isinstance(x, pd.DataFrame):
        return x.div(factor, axis=0)
    return x / factor


def runs_below(x: pd.Series, threshold: float) -> pd.DataFrame:
    """Consecutive runs of observations with x < threshold (NaNs dropped first).

    Returns one row per run: start, end (dates), length (observations), min (lowest value),
    ongoing (True if the run includes the last observation).
    """
    s = x.dropna()
    below = (s < threshold).to_numpy()
    cols = ["start", "end", "length", "min", "ongoing"]
    if not below.any():
        return pd.DataFrame(columns=cols)
    run_id = np.cumsum(np.r_[True, below[1:] != below[:-1]])
    rows = []
    for rid in np.unique(run_id[below]):
        seg = s[run_id == rid]
        rows.append({"start": seg.index[0], "end": seg.index[-1], "length": len(seg),
                     "min": float(seg.min()), "ongoing": bool(seg.index[-1] == s.index[-1])})
    return pd.DataFrame(rows, columns=cols)


def forward_return(x: T, h: int, scale: float = 100.0) -> T:
    """Log return from t to t+h observations ahead, times `scale` (NaN for the last h dates)."""
    lx = np.log(_positive(x))
    return scale * (lx.shift(-h) - lx)


def forward_sum(r: T, h: int) -> T:
    """Sum of a change or return over t+1..t+h, aligned at t (NaN where the window runs past the end).

    For log returns this is the forward log return of the level: see :func:`forward_return`.
    """
    return r[::-1].rolling(h).sum()[::-1].shift(-1)


def first_complete(s: pd.Series) -> pd.Timestamp:
    """First date after the last missing value of `s` (up to its last observation): the start of
    the stretch over which the series is observed every period. Used for RRPONTSYD, reported only
    sporadically before the facility's regular use from late 2013."""
    s = s.loc[: s.last_valid_index()]
    miss = s.isna()
    if not miss.any():
        return s.index[0]
    return s.index[s.index.get_loc(miss[miss].index[-1]) + 1]


def drop_window(x: T, window: tuple[str, str]) -> T:
    """``x`` without the observations dated inside ``window`` (inclusive start and end dates).

    ``drop_window(x, config.PANDEMIC)`` is the project's "pandemic months excluded" sample.
    """
    _check_index(x)
    a, b = pd.Timestamp(window[0]), pd.Timestamp(window[1])
    return x[(x.index < a) | (x.index > b)]


def monthly(x: T, how: Literal["last", "first", "mean", "sum"] = "last") -> T:
    """Monthly values labelled by the first day of the month (e.g. the month-end close of a daily
    price with ``how="last"``), to line up with monthly series dated at the month start."""
    out = to_freq(x, "ME", how)
    out.index = out.index.to_period("M").to_timestamp()
    return out
