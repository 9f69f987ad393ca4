"""Notebook 04 ("flows over fundamentals", claims F1-F6): study helpers and the claims' test functions.

The test functions (``fed_vs_data_days``, ``stance_share_change``, ``prices_lead_data``,
``roll_off_impact``, ``crossing_premium``, ``window_premium``, ``inversion_*``, ``wave_percentile``,
``treasury_vs_fed``) take one protocol specification ``spec`` (a dict of parameters with
``spec.load``, ``spec.sample`` and ``spec.window``) and return the fields of an estimate as a plain
dict (value, low, high, p, n, inputs, detail); the notebook wraps them in ``Estimate`` (studies sit
beside ``claims`` in the package's layers and do not import it). ``inputs`` names every series and
calendar with the last date actually used, so a record's as-of is the data the test saw, not the
end of the files. Conventions: log returns in percent (or basis points where said), HAC
(Newey-West) intervals for regressions, the event or episode as the unit where events are rare.
"""
from __future__ import annotations

import functools

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.ticker import MaxNLocator

from research_lib import config
from research_lib.analysis import plotting as rplt
from research_lib.analysis import stats
from research_lib.analysis.transforms import diff, drop_window, log_diff
from research_lib.data import calendars
from research_lib.data.derived import net_liquidity


def _last(x: pd.Series | pd.DataFrame | pd.Index) -> str | None:
    """The last valid date of ``x`` as ``YYYY-MM-DD``."""
    if isinstance(x, pd.Index):
        return str(x.max().date()) if len(x) else None
    valid = x.dropna(how="all") if isinstance(x, pd.DataFrame) else x.dropna()
    return str(pd.Timestamp(valid.index.max()).date()) if len(valid) else None


def _estimate(value, low=None, high=None, p=None, n=None, inputs=None, **detail) -> dict:
    """The fields of a protocol estimate, as a plain dict."""
    as_float = lambda v: None if v is None or not np.isfinite(v) else float(v)
    return {"value": as_float(value), "low": as_float(low), "high": as_float(high), "p": as_float(p),
            "n": None if n is None else int(n), "inputs": {k: v for k, v in (inputs or {}).items() if v},
            "detail": detail}


def _after(index: pd.DatetimeIndex, date, k: int) -> str:
    """The date ``k`` observations after ``date`` in ``index`` (capped at the last), as ``YYYY-MM-DD``."""
    i = min(len(index) - 1, int(index.searchsorted(pd.Timestamp(date))) + k)
    return str(index[i].date())


def _mean_interval(x: pd.Series, n_boot: int = 1000, seed: int = 4) -> tuple[float, float]:
    """95% percentile interval of a mean (i.i.d. bootstrap)."""
    v = x.dropna().to_numpy()
    means = v[np.random.default_rng(seed).integers(0, len(v), (n_boot, len(v)))].mean(axis=1)
    low, high = np.quantile(means, [0.025, 0.975])
    return float(low), float(high)


def _window_end(spec) -> pd.Timestamp | None:
    end = getattr(spec.window, "end", None)
    return None if end is None else pd.Timestamp(end)


def _visible_dates(dates: pd.DatetimeIndex, spec) -> pd.DatetimeIndex:
    """Calendar dates that had happened by the window's end (a calendar lists future meetings too)."""
    end = _window_end(spec)
    return dates if end is None else dates[dates <= end]


def _on_trading_days(dates, index: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """Each date moved to the first trading day on or after it (a Sunday decision lands on Monday)."""
    pos = index.searchsorted(pd.DatetimeIndex(dates))
    return index[np.unique(pos[pos < len(index)])]


# ============================================================================ F1: Fed days, data days, leads
def day_types(index: pd.DatetimeIndex, fomc, cpi, payrolls, payrolls_known_to=None) -> pd.Series:
    """Label each trading day: ``FOMC``, ``CPI``, ``payrolls``, ``FOMC and data`` (both on one day) or ``other``.

    Event dates are moved to the first trading day on or after them. After ``payrolls_known_to``
    (the payroll calendar's last date) the payroll days are unknown: the first Friday of each month
    there (the usual release day) is labelled ``unknown`` and kept out of ``other``.
    """
    fomc, cpi, payrolls = (_on_trading_days(d, index) for d in (fomc, cpi, payrolls))
    data = cpi.union(payrolls)
    out = pd.Series("other", index=index, name="day")
    out[index.isin(payrolls)] = "payrolls"
    out[index.isin(cpi)] = "CPI"
    out[index.isin(fomc)] = "FOMC"
    out[index.isin(fomc) & index.isin(data)] = "FOMC and data"
    if payrolls_known_to is not None:
        later = (index > pd.Timestamp(payrolls_known_to)) & (index.day_of_week == 4) & (index.day <= 7)
        out[later & (out == "other").to_numpy()] = "unknown"
    return out


def event_calendars(spec=None) -> dict:
    """The FOMC (announcements, April 2026 date corrected), CPI and payroll (two typos corrected)
    calendars, cut to what had happened by the window's end, and the corrections applied."""
    fomc, cpi, pay = calendars.fomc_announcements(), calendars.cpi_releases(), calendars.employment_releases()
    cut = (lambda d: _visible_dates(d, spec)) if spec is not None else (lambda d: d)
    return {"FOMC": cut(fomc.index), "CPI": cut(cpi.index), "payrolls": cut(pay.index),
            "corrections": fomc.attrs["corrections"] + pay.attrs["corrections"] + cpi.attrs["corrections"],
            "ids": {"FOMC": fomc.attrs["id"], "CPI": cpi.attrs["id"], "payrolls": pay.attrs["id"]}}


def _mean_ratio(A: np.ndarray, B: np.ndarray) -> np.ndarray:
    return 100 * (A.mean(axis=1) / B.mean(axis=1) - 1)


def variance_by_day_type(returns: pd.Series, types: pd.Series, eras: dict[str, tuple[str, str]],
                         n_boot: int = 1000) -> pd.DataFrame:
    """Mean squared daily return (%²) per era and kind of day, with a 95% bootstrap interval, and
    the ratio to the era's other days."""
    rows = []
    for era, (a, b) in eras.items():
        r2, t = (returns ** 2).loc[a:b], types.loc[a:b]
        other = r2[t == "other"]
        for kind in ("FOMC", "CPI", "payrolls", "other"):
            x = r2[t == kind]
            if len(x) < 5:
                continue
            low, high = _mean_interval(x, n_boot)
            ratio = x.mean() / other.mean()
            rows.append({"era": era, "day": kind, "days": len(x), "mean squared return": x.mean(),
                         "interval low": low, "interval high": high,
                         "ratio to other days": ratio})
    return pd.DataFrame(rows).set_index(["era", "day"])


def fed_vs_data_days(spec) -> dict:
    """How much more the S&P 500 moves on FOMC days than on data-release days (%, ratio of means - 1).

    Parameters in ``spec``: ``start``, ``end``, ``pandemic``; ``data`` (``"CPI and payrolls"``,
    ``"CPI"`` or ``"payrolls"``); ``measure`` (``"squared"`` or ``"absolute"`` daily returns);
    ``days`` (1: the event day; 2: the event day and the next). Interval and p-value: i.i.d.
    bootstrap of days within each group (event days are weeks apart).
    """
    px = spec.load("^GSPC")
    r = log_diff(px).dropna()
    cal = event_calendars(spec)
    types = day_types(r.index, cal["FOMC"], cal["CPI"], cal["payrolls"], payrolls_known_to=cal["payrolls"].max())
    size = r ** 2 if spec["measure"] == "squared" else r.abs()
    if spec["days"] == 2:  # the event day and the next trading day, as one event
        size = size + size.shift(-1)
    size = spec.sample(size.dropna())
    types = types.reindex(size.index)
    wanted = {"CPI and payrolls": ("CPI", "payrolls"), "CPI": ("CPI",), "payrolls": ("payrolls",)}[spec["data"]]
    fed, data = size[types == "FOMC"], size[types.isin(wanted)]
    res = stats.bootstrap_two_samples(fed, data, _mean_ratio, null=0.0, n_boot=2000, seed=11)
    used = size.index.max()
    inputs = {"^GSPC": _last(size)}
    inputs[cal["ids"]["FOMC"]] = _last(cal["FOMC"][cal["FOMC"] <= used])
    if "CPI" in wanted:
        inputs[cal["ids"]["CPI"]] = _last(cal["CPI"][cal["CPI"] <= used])
    if "payrolls" in wanted:
        inputs[cal["ids"]["payrolls"]] = _last(cal["payrolls"][cal["payrolls"] <= used])
    return _estimate(res["statistic"], res["ci_low"], res["ci_high"], res["p_value"], res["n"], inputs,
                     fomc_days=res["n_a"], data_days=res["n_b"], fomc_mean=float(fed.mean()), data_mean=float(data.mean()),
                     other_mean=float(size[types == "other"].mean()), sample=f"{_last(size.iloc[:1])} to {_last(size)}")


def period_r2(returns: pd.Series, yield_change: pd.Series, period: str = "year") -> pd.Series:
    """R² (%) of daily returns on same-day yield changes within each calendar year (or half-year),
    so the sign of the stock-yield link may differ from one period to the next. Indexed by the
    period's first day; periods with fewer than 40 days are left out."""
    both = pd.concat([returns.rename("r"), yield_change.rename("dy")], axis=1, sort=True).dropna()
    month = 1 if period == "year" else np.where(both.index.month <= 6, 1, 7)
    key = pd.to_datetime(pd.DataFrame({"year": both.index.year, "month": month, "day": 1})).to_numpy()
    out = both.groupby(key).apply(lambda g: 100 * g["r"].corr(g["dy"]) ** 2 if len(g) >= 40 else np.nan)
    out.index = pd.DatetimeIndex(out.index, name="period")
    return out.dropna().rename("R² %")


def stance_share_change(spec) -> dict:
    """Median per-period R² (%) of daily S&P 500 returns on same-day Treasury yield changes in the
    recent era minus the median over a base era (percentage points), with a bootstrap interval over periods.

    Parameters: ``yield`` (series id), ``recent`` (first year of the recent era), ``base`` ("YYYY-YYYY"),
    ``period`` (``"year"`` or ``"half-year"``), ``frequency`` (``"daily"`` or ``"weekly"`` changes).
    """
    px, y = spec.load("^GSPC"), spec.load(spec["yield"])
    last = min(_last(px), _last(y))  # the regressions pair the two series: the earlier end is the last day used
    if spec["frequency"] == "weekly":
        px, y = px.resample("W-WED").last(), y.resample("W-WED").last()
    r = log_diff(px).dropna()
    dy = diff(y).mul(100).dropna()
    r2 = period_r2(r, dy, spec["period"])
    years = r2.index.year
    b0, b1 = (int(v) for v in spec["base"].split("-"))
    recent = r2[years >= int(spec["recent"])]
    base = r2[(years >= b0) & (years <= b1)]
    res = stats.bootstrap_two_samples(recent, base, lambda A, B: np.median(A, axis=1) - np.median(B, axis=1),
                                      null=0.0, n_boot=2000, seed=12)
    return _estimate(res["statistic"], res["ci_low"], res["ci_high"], res["p_value"], len(recent) + len(base),
                     {"^GSPC": last, spec["yield"]: last}, recent_median=float(recent.median()),
                     base_median=float(base.median()), recent_periods=len(recent), base_periods=len(base))


def ism_release_frame(px: pd.Series, pmi: pd.Series, window: int = 21) -> pd.DataFrame:
    """Around each ISM release (first trading day on or after its date): the S&P 500 log return (%)
    over the ``window`` trading days before it, the PMI, its change from the previous release and
    that change's own previous value."""
    lp = np.log(px.dropna())
    rows = []
    for d, v in pmi.items():
        i = int(lp.index.searchsorted(d))
        if i <= window or i >= len(lp):
            continue
        rows.append({"date": pd.Timestamp(d), "pmi": v, "ret_before": 100 * (lp.iloc[i - 1] - lp.iloc[i - 1 - window])})
    out = pd.DataFrame(rows).set_index("date")
    out["change"] = out["pmi"].diff()
    out["change_before"] = out["change"].shift(1)
    return out


def _monthly_frame(px: pd.Series, series: pd.Series, measure: str, months: int) -> pd.DataFrame:
    """Revised monthly data: the change in the reference month and the S&P 500 return over the
    ``months`` calendar months ending with it (the market's move before the figure was published)."""
    lp = np.log(px.resample("MS").last())
    s = series.resample("MS").last()
    change = s.diff() if measure == "NAPM" else log_diff(s)
    out = pd.DataFrame({"ret_before": 100 * (lp - lp.shift(months)), "change": change})
    out["change_before"] = out["change"].shift(1)
    return out.dropna()


def prices_lead_data(spec) -> dict:
    """Does the market's move before an activity figure predict it? The standardised slope (s.d. of
    the activity change per s.d. of the prior return) in a HAC regression that controls for the
    previous change.

    Parameters: ``measure`` (``"ISM first release"``, ``"NAPM"``, ``"PAYEMS"``, ``"INDPRO"``),
    ``start``, ``end``, ``pandemic``, ``days`` (the return window before an ISM release, trading days).
    """
    px = spec.load("^GSPC")
    if spec["measure"] == "ISM first release":
        pmi = spec.load("ism_manufacturing_pmi", dated_at_release=True)
        frame, sid = ism_release_frame(px, pmi, spec["days"]), "ism_manufacturing_pmi"
    else:
        sid = spec["measure"]
        frame = _monthly_frame(px, spec.load(sid), sid, max(1, round(spec["days"] / 21)))
    frame = spec.sample(frame.dropna())
    fit = stats.ols_hac(frame["change"], frame[["ret_before", "change_before"]], lags=3)
    row = fit.row("ret_before")
    scale = frame["ret_before"].std() / frame["change"].std()
    last_day = frame.index.max() if spec["measure"] == "ISM first release" else frame.index.max() + pd.offsets.MonthEnd(0)
    last_px = _last(px.loc[:last_day])
    return _estimate(row["coef"] * scale, row["ci_low"] * scale, row["ci_high"] * scale, row["p"], fit.nobs,
                     {sid: _last(frame), "^GSPC": last_px}, slope=float(row["coef"]), r2=fit.r2)


# ============================================================================ F2: vol targeting
def vol_target_flows(r: pd.Series, lookback: int = 21, target: float = 0.10, cap: float = 1.5) -> pd.DataFrame:
    """A volatility-target fund's exposure and its daily change, split into two parts.

    ``r``: daily returns as fractions. Exposure after the close of day t: ``min(cap, target / vol)``
    with vol the annualised root mean square of the last ``lookback`` returns. The change from t-1
    to t splits exactly into ``roll_off`` (the exposure change if only the oldest return left the
    window: exposure on the ``lookback - 1`` days t-lookback+1..t-1 minus exposure on t-lookback..t-1,
    known at the close of t-1 and carrying no new information) and ``news`` (the effect of day t's
    return entering the window).
    """
    q = r ** 2
    full = q.rolling(lookback).sum()            # t-L+1 .. t
    before = full.shift(1)                       # t-L .. t-1
    short = before - q.shift(lookback)           # t-L+1 .. t-1
    expo = lambda s, n: np.minimum(cap, target / np.sqrt(252 * s / n))
    e, e_prev, e_mid = expo(full, lookback), expo(before, lookback), expo(short, lookback - 1)
    return pd.DataFrame({"r": r, "exposure": e, "flow": e - e_prev, "roll_off": e_mid - e_prev, "news": e - e_mid})


def roll_off_impact(spec) -> dict:
    """Return (basis points) that follows a one-standard-deviation roll-off flow of a vol-target rule.

    Parameters: ``start``, ``end``, ``pandemic``, ``lookback`` (days), ``timing`` (``"next day"``:
    the flow decided at the close of t is traded on t+1; ``"same day"``: traded at the close of t,
    whose roll-off part was known at the close of t-1), ``horizon`` (days of returns after the
    trade), ``control`` (``"exposure"``: the fund's exposure before the trade as a control; ``"none"``).
    ``detail`` holds the minimum detectable effect (80% power, 5% two-sided: 2.8 standard errors).
    """
    px = spec.load("^GSPC")
    r = (log_diff(px) / 100).dropna()
    f = vol_target_flows(r, spec["lookback"])
    h = int(spec["horizon"])
    if spec["timing"] == "next day":
        y = sum(r.shift(-k) for k in range(1, h + 1)) * 1e4
        control = f["exposure"]
    else:
        y = sum(r.shift(-k) for k in range(0, h)) * 1e4
        control = f["exposure"].shift(1)
    frame = spec.sample(pd.DataFrame({"y": y, "roll": f["roll_off"], "exposure": control}).dropna())
    frame["roll_sd"] = (frame["roll"] - frame["roll"].mean()) / frame["roll"].std()
    X = frame[["roll_sd", "exposure"]] if spec["control"] == "exposure" else frame[["roll_sd"]]
    fit = stats.ols_hac(frame["y"], X, lags=max(5, h))
    row = fit.row("roll_sd")
    last_used = _after(r.index, frame.index.max(), h if spec["timing"] == "next day" else h - 1)
    return _estimate(row["coef"], row["ci_low"], row["ci_high"], row["p"], fit.nobs, {"^GSPC": last_used},
                     min_detectable_effect_bp=2.8 * float(row["se"]), roll_off_sd=float(frame["roll"].std()),
                     flow_sd=float(f["flow"].loc[frame.index].std()))


# ============================================================================ F3: trend thresholds
TREND_SIGNALS = ("200-day average", "50/200-day averages", "12-1 month momentum", "1-month trend", "3-month trend",
                 "12-month trend")


def trend_signal(px: pd.Series, kind: str) -> pd.DataFrame:
    """A +1/-1 trend position on ``px`` and the size of the flow a crossing forces.

    ``kind``: ``"200-day average"`` (price vs its 200-day average), ``"50/200-day averages"``,
    ``"12-1 month momentum"`` (log return from 252 to 21 days ago), or ``"1-month trend"`` /
    ``"3-month trend"`` / ``"12-month trend"`` (sign of the 21/63/252-day return scaled by 63-day
    volatility, as trend followers size positions). ``size``: the flip's size relative to the
    average flip (one for the unscaled signals; proportional to 1 / volatility for the scaled ones,
    whose positions target a constant risk).
    """
    lp = np.log(px)
    vol = lp.diff().rolling(63).std()
    size = pd.Series(1.0, index=px.index)
    if kind == "200-day average":
        raw = px - px.rolling(200).mean()
    elif kind == "50/200-day averages":
        raw = px.rolling(50).mean() - px.rolling(200).mean()
    elif kind == "12-1 month momentum":
        raw = lp.shift(21) - lp.shift(252)
    elif kind in ("1-month trend", "3-month trend", "12-month trend"):
        n = {"1-month trend": 21, "3-month trend": 63, "12-month trend": 252}[kind]
        raw = (lp - lp.shift(n)) / (vol * np.sqrt(n))
        size = 1 / vol
    else:
        raise ValueError(f"unknown trend signal {kind!r}: use one of {', '.join(TREND_SIGNALS)}")
    sig = np.sign(raw).replace(0, np.nan).ffill()
    sig[raw.isna()] = np.nan
    return pd.DataFrame({"signal": sig, "size": size})


def day_parts(ohlc: pd.DataFrame) -> pd.DataFrame:
    """Daily log returns (%) split into overnight (previous close to open) and intraday (open to close)."""
    lc, lo = np.log(ohlc["close"]), np.log(ohlc["open"])
    return pd.DataFrame({"close to close": 100 * lc.diff(), "overnight": 100 * (lo - lc.shift(1)),
                         "intraday": 100 * (lc - lo)})


def crossing_frame(ohlc: pd.DataFrame, kind: str, horizon: int, part: str = "close to close") -> pd.DataFrame:
    """Per day: the trend position, a crossing flag (the position flipped at today's close), the
    flip's size, and the forward ``horizon``-day return (%) over days t+1..t+h (or its overnight or
    intraday part), signed by today's position."""
    sig = trend_signal(ohlc["close"], kind)
    parts = day_parts(ohlc)
    fwd = sum(parts[part].shift(-k) for k in range(1, horizon + 1))
    s = sig["signal"]
    cross = (s != s.shift(1)) & s.shift(1).notna() & s.notna()
    return pd.DataFrame({"signal": s, "cross": cross.astype(float), "size": sig["size"], "forward": fwd}).dropna()


def crossing_premium(spec) -> dict:
    """How much further the index moves in the new direction over the days after a trend crossing
    than on other days (%), both measured net of the sample's average move (drift-adjusted).

    Parameters: ``start``, ``end``, ``pandemic``, ``signal`` (see :func:`trend_signal`), ``horizon``
    (days), ``part`` (``"close to close"``, ``"intraday"``, ``"overnight"``). Crossings of the
    volatility-scaled signals are weighted by the size of the flip. HAC interval (lags: the larger
    of the horizon and 10).
    """
    ohlc = spec.load("^GSPC", fields="ohlcv")
    frame = spec.sample(crossing_frame(ohlc, spec["signal"], spec["horizon"], spec["part"]))
    res = trend_premium(frame, spec["horizon"])
    return _estimate(res["premium"], res["low"], res["high"], res["p"], res["n"],
                     {"^GSPC": _after(ohlc.index, frame.index.max(), spec["horizon"])},
                     crossings=res["crossings"], after_crossings=res["after crossings"], other_days=res["other days"],
                     drift=res["drift"])


def trend_premium(frame: pd.DataFrame, horizon: int) -> dict:
    """The drift-adjusted crossing premium of a :func:`crossing_frame` (see :func:`crossing_premium`)."""
    mu = frame["forward"].mean()
    y = frame["signal"] * (frame["forward"] - mu)
    crossing = frame["cross"] == 1
    w = frame["size"] / frame.loc[crossing, "size"].mean()
    fit = stats.ols_hac(y.rename("y"), (frame["cross"] * w).rename("crossing"), lags=max(horizon, 10))
    row = fit.row("crossing")
    return {"premium": float(row["coef"]), "low": float(row["ci_low"]), "high": float(row["ci_high"]), "p": float(row["p"]),
            "n": fit.nobs, "crossings": int(crossing.sum()), "after crossings": float(y[crossing].mean()),
            "other days": float(y[~crossing].mean()), "drift": float(mu)}


def premium_table(ohlc: pd.DataFrame, samples: dict[str, tuple[str, str]], signals=TREND_SIGNALS, horizon: int = 5,
                  parts=("close to close",)) -> pd.DataFrame:
    """The crossing premium (%, 95% HAC interval) per sample, signal and part of the day."""
    rows = []
    for sig in signals:
        for part in parts:
            frame = crossing_frame(ohlc, sig, horizon, part)
            for name, (a, b) in samples.items():
                res = trend_premium(frame.loc[a:b], horizon)
                rows.append({"sample": name, "signal": sig, "part of the day": part, "crossings": res["crossings"],
                             "premium %": res["premium"], "interval low": res["low"], "interval high": res["high"]})
    return pd.DataFrame(rows).set_index(["sample", "signal", "part of the day"])


# ============================================================================ F4: buyback windows
#: Aggregate buyback blackout calendars: closed from (month after quarter end, day) to (month, day),
#: months counted from the quarter's last month (0: March, June, ...; 1: April, July, ...; 2: May, ...).
BLACKOUT_CALENDARS = {
    "mid quarter-end month to end of reporting month": ((0, 16), (1, 31)),
    "from the start of the quarter-end month": ((0, 1), (1, 31)),
    "from quarter end": ((1, 1), (1, 31)),
    "to the 10th of the second month": ((0, 16), (2, 10)),
    "to the 25th of the reporting month": ((0, 16), (1, 25)),
}


def buyback_window_open(index: pd.DatetimeIndex, calendar: str) -> pd.Series:
    """True on days when the aggregate buyback window is open under a :data:`BLACKOUT_CALENDARS` calendar."""
    (m0, d0), (m1, d1) = BLACKOUT_CALENDARS[calendar]
    k = index.month % 3  # 0: quarter-end month, 1: the month after (most reports), 2: the second month
    key = k * 100 + index.day
    closed = (key >= m0 * 100 + d0) & (key <= m1 * 100 + d1)
    return pd.Series(~closed, index=index, name="open")


def window_premium(spec) -> dict:
    """Open-window premium of the S&P 500: mean daily log return on open-window days minus closed
    days, in % per year (x252), HAC interval (5 lags). Parameters: ``start``, ``end``, ``pandemic``, ``calendar``."""
    r = spec.sample(log_diff(spec.load("^GSPC")).dropna())
    is_open = buyback_window_open(r.index, spec["calendar"]).astype(float)
    fit = stats.ols_hac(r, is_open, lags=5)
    row = fit.row("open")
    return _estimate(252 * row["coef"], 252 * row["ci_low"], 252 * row["ci_high"], row["p"], fit.nobs,
                     {"^GSPC": _last(r)}, share_open=float(is_open.mean()), closed_mean_per_year=252 * fit.coef("const"))


# ============================================================================ F5: the VIX term structure
VIX_SOURCES = {"CBOE": ("^GSPC", "^VIX", "^VIX3M"), "FRED": ("SP500", "VIXCLS", "VXVCLS")}
CREDIT = "BAMLH0A0HYM2"


def implied_vix_ahead(vix: pd.Series, vix3m: pd.Series, days_ahead: float) -> pd.Series:
    """The 30-day implied volatility ``days_ahead`` calendar days ahead that today's curve prices.

    Total implied variance is taken as flat in maturity over 0-30 days (VIX) and 30-93 days (the
    forward between VIX and VIX3M); the 30-day window starting ``days_ahead`` days out mixes the two.
    A risk-neutral forward: it includes the variance risk premium.
    """
    fwd = (93 * vix3m ** 2 - 30 * vix ** 2) / 63
    tau = min(float(days_ahead), 30.0)
    return np.sqrt(((30 - tau) * vix ** 2 + tau * fwd.clip(lower=0)) / 30)


def vix_frame(spec) -> pd.DataFrame:
    """Daily S&P 500, VIX, VIX3M and the high-yield spread with the outcomes the F5 tests compare.

    Columns: inverted (VIX above VIX3M), log_vix, vix_rise (log change over the prior ``horizon``
    days), vix_change (points, next ``horizon`` days), beyond_curve (VIX in ``horizon`` days minus
    the level the curve priced), credit_before (high-yield spread change over the prior ``horizon``
    days, pp), implied_over_realised (VIX minus the S&P 500's realised volatility over the next
    ``horizon`` days, annualised %), ret_after (S&P 500 log return, %, next ``horizon`` days).
    """
    ids = VIX_SOURCES[spec["source"]]
    px, vix, v3 = (spec.load(i) for i in ids)
    df = build_vix_frame(px, vix, v3, spec.load(CREDIT), int(spec["horizon"]))
    df.attrs["ids"] = ids
    return df


def build_vix_frame(px: pd.Series, vix: pd.Series, v3: pd.Series, hy: pd.Series, h: int = 21) -> pd.DataFrame:
    """The frame of :func:`vix_frame` from already-loaded series (S&P 500, VIX, VIX3M, high-yield spread)."""
    df = pd.concat([px.rename("px"), vix.rename("vix"), v3.rename("vix3m")], axis=1, sort=True).dropna()
    df["hy"] = hy.reindex(df.index).ffill(limit=3)
    r = np.log(df["px"]).diff()
    df["inverted"] = df["vix"] > df["vix3m"]
    df["log_vix"] = np.log(df["vix"])
    df["vix_rise"] = df["log_vix"] - df["log_vix"].shift(h)
    df["vix_change"] = df["vix"].shift(-h) - df["vix"]
    df["beyond_curve"] = df["vix"].shift(-h) - implied_vix_ahead(df["vix"], df["vix3m"], h * 365 / 252)
    df["credit_before"] = df["hy"] - df["hy"].shift(h)
    df["implied_over_realised"] = df["vix"] - 100 * np.sqrt(252 * (r ** 2).rolling(h).mean()).shift(-h)
    df["ret_after"] = 100 * (np.log(df["px"]).shift(-h) - np.log(df["px"]))
    return df


def inversion_episodes(inverted: pd.Series, gap: int) -> pd.DatetimeIndex:
    """First days of inversion episodes: inverted days with no inverted day in the ``gap`` trading days before."""
    inv = inverted.astype(bool)
    before = inv.shift(1, fill_value=False).astype(float).rolling(gap, min_periods=1).max().astype(bool)
    return inv.index[inv & ~before]


def episode_comparison(spec, outcome: str) -> dict:
    """One F5 outcome at the first day of each inversion episode minus its mean over level-matched
    control days (no inversion within ``gap`` days either side; log VIX within ``tolerance``; with
    ``match="level and prior rise"`` also the prior ``horizon``-day log rise of VIX within 0.15).
    The episode is the unit of inference (t interval). Parameters: ``source``, ``gap``, ``horizon``,
    ``match``, ``tolerance``, ``pandemic``."""
    df = vix_frame(spec)
    ids = df.attrs["ids"]
    if spec.get("pandemic") == "drop":
        df = drop_window(df, config.PANDEMIC)
    res = compare_episodes(df, outcome, int(spec["gap"]), spec["match"], float(spec["tolerance"]))
    units, starts = res["units"], res["starts"]
    ahead = 0 if outcome == "credit_before" else int(spec["horizon"])
    last_needed = _after(df.index, df[outcome].dropna().index.max(), ahead)
    inputs = dict.fromkeys(ids, last_needed)
    if outcome == "credit_before":
        inputs[CREDIT] = _last(df["hy"].loc[:last_needed])
    return _estimate(res["statistic"], res["ci_low"], res["ci_high"], res["p_value"], res["n"], inputs,
                     episodes=len(starts), without_controls=res["dropped"],
                     treated_mean=float(units["treated"].mean()) if len(units) else None,
                     control_mean=float(units["controls"].mean()) if len(units) else None,
                     median_controls=float(units["n_controls"].median()) if len(units) else None)


def compare_episodes(df: pd.DataFrame, outcome: str, gap: int = 21, match: str = "level", tolerance: float = 0.10) -> dict:
    """Episode starts against level-matched control days for one outcome of a VIX frame
    (:func:`stats.matched_difference`), with the episode starts under ``starts``."""
    starts = inversion_episodes(df["inverted"], gap)
    near = df["inverted"].astype(float).rolling(2 * gap + 1, center=True, min_periods=1).max().astype(bool)
    cols = ["log_vix"] if match == "level" else ["log_vix", "vix_rise"]
    res = stats.matched_difference(df[outcome], starts, ~near, df[cols], {"log_vix": tolerance, "vix_rise": 0.15})
    return {**res, "starts": starts}


def episode_summary(df: pd.DataFrame, outcomes: dict[str, str], **kw) -> pd.DataFrame:
    """Per outcome (column -> label): mean at inversion starts, mean over their level-matched days,
    and the difference's 95% interval and p-value (:func:`compare_episodes`)."""
    rows = {}
    for col, label in outcomes.items():
        res = compare_episodes(df, col, **kw)
        rows[label] = {"inversion starts": res["units"]["treated"].mean(), "level-matched days": res["units"]["controls"].mean(),
                       "difference": res["statistic"], "interval low": res["ci_low"], "interval high": res["ci_high"],
                       "p": res["p_value"], "episodes": res["n"]}
    return pd.DataFrame(rows).T


def inversion_unwind(spec) -> dict:
    """VIX change (points) over the next ``horizon`` days after an inversion starts, minus level-matched days."""
    return episode_comparison(spec, "vix_change")


def inversion_beyond_curve(spec) -> dict:
    """VIX in ``horizon`` days minus the level the curve priced (points), episode starts minus level-matched days."""
    return episode_comparison(spec, "beyond_curve")


def inversion_credit(spec) -> dict:
    """High-yield spread change (pp) over the ``horizon`` days before an inversion starts, minus level-matched days."""
    return episode_comparison(spec, "credit_before")


def inversion_overshoot(spec) -> dict:
    """VIX minus the next ``horizon`` days' realised volatility (points), episode starts minus level-matched days."""
    return episode_comparison(spec, "implied_over_realised")


# ============================================================================ F6: the 2026 liquidity wave
def _net_liquidity(tga: str, rrp_blanks: str) -> pd.DataFrame:
    """``net_liquidity`` for these settings, built once per store (a pure function of the data)."""
    return _net_liquidity_in(str(config.data_dir()), tga, rrp_blanks)


@functools.lru_cache(maxsize=8)
def _net_liquidity_in(_store: str, tga: str, rrp_blanks: str) -> pd.DataFrame:
    return net_liquidity(tga=tga, rrp_blanks=rrp_blanks)


def _weekly(spec, measure: str) -> tuple[pd.DataFrame, list[str]]:
    """Weekly (Wednesday) levels in $ billions: net liquidity and its parts, or a single Fed series."""
    if measure in ("net liquidity", "Fed total assets"):
        nl = _net_liquidity(spec.get("Treasury account", "wednesday"), spec.get("reverse-repo blanks", "zero"))
        frame = nl.dropna(subset=["net_liquidity"])
        if measure == "Fed total assets":
            return frame.assign(net_liquidity=frame["walcl"]), ["WALCL"]
        return frame, ["WALCL", nl.attrs["tga"], "RRPONTSYD"]
    sid = {"bank reserves": "WRESBAL", "Fed Treasury holdings": "TREAST"}[measure]
    s = (spec.load(sid) / 1000).resample("W-WED").last().dropna()
    return pd.DataFrame({"net_liquidity": s}), [sid]


def _span(spec, s: pd.Series) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The forecast's span: from the essay date (the last week before the window opens) or from the
    first week on or after a date (``from="2026-01-01"``), to the last observation up to the horizon."""
    start = pd.Timestamp(spec.window.start)
    horizon = pd.Timestamp(spec.window.horizon) if spec.window.horizon else None
    s = s.dropna().loc[:horizon]
    if spec["from"] == "essay date":
        a = s.loc[: start - pd.Timedelta(days=1)].index[-1]
    else:
        a = s.loc[pd.Timestamp(spec["from"]):].index[0]
    return a, s.index[-1]


def same_span_changes(s: pd.Series, a: pd.Timestamp, b: pd.Timestamp, years: range) -> pd.Series:
    """The change of ``s`` over the calendar span a..b shifted back to each year in ``years``
    (the span's end year), from the observations nearest the shifted dates."""
    s = s.dropna()
    out = {}
    for y in years:
        shift = pd.DateOffset(years=b.year - y)
        a0, b0 = a - shift, b - shift
        if a0 < s.index[0] or b0 > s.index[-1]:
            continue
        ends = s.index.get_indexer([a0, b0], method="nearest")
        out[y] = float(s.iloc[ends[1]] - s.iloc[ends[0]])
    return pd.Series(out, name="change", dtype=float)


def _reference_years(spec) -> range:
    first, last = (int(v) for v in spec["reference"].split("-"))
    return range(first, last + 1)


def wave_percentile(spec) -> dict:
    """Percentile of the change in liquidity over the forecast's span among the same calendar span
    in the reference years (seasonally comparable windows).

    Parameters: ``measure`` (``"net liquidity"``, ``"Fed total assets"``, ``"bank reserves"``),
    ``Treasury account`` and ``reverse-repo blanks`` (``tga`` and ``rrp_blanks`` of ``net_liquidity``),
    ``from`` (``"essay date"`` or a date such as ``"2026-01-01"``: the first week on or after it),
    ``reference`` ("YYYY-YYYY"), ``exclude`` (years left out of the reference, e.g. "2020,2021", or "none").
    """
    frame, ids = _weekly(spec, spec["measure"])
    s = frame["net_liquidity"]
    a, b = _span(spec, s)
    change = float(s.loc[b] - s.loc[a])
    excluded = {int(y) for y in str(spec["exclude"]).split(",") if y.strip().isdigit()}
    ref = same_span_changes(s, a, b, _reference_years(spec))
    ref = ref[~ref.index.isin(excluded)]
    pct = float((ref < change).mean() * 100)
    inputs = dict.fromkeys(ids, str(b.date()))
    return _estimate(pct, n=len(ref), inputs=inputs, change_bn=change, span=f"{a.date()} to {b.date()}",
                     reference_median_bn=float(ref.median()), reference_q75_bn=float(ref.quantile(0.75)),
                     reference_years=len(ref))


def treasury_vs_fed(spec) -> dict:
    """Treasury's contribution to liquidity over the forecast's span minus the Fed's ($ billions).

    Treasury: the fall in its cash balance (-change in the TGA) net of the usual change over the same
    calendar span of the reference years (tax dates move the TGA every year), plus with
    ``treasury="TGA and reverse repo"`` the fall in the reverse repo (bills issued instead of coupons
    drain it). Fed: the change in its total assets (``fed="total assets"``) or Treasury holdings.
    Parameters: ``from``, ``Treasury account`` (``tga`` of ``net_liquidity``), ``seasonal`` (``"median"``,
    ``"mean"``), ``reference``, ``treasury``, ``fed``.
    """
    nl = _net_liquidity(spec["Treasury account"], "zero").dropna(subset=["net_liquidity"])
    a, b = _span(spec, nl["net_liquidity"])
    ref = same_span_changes(nl["tga"], a, b, _reference_years(spec))
    norm = float(ref.median() if spec["seasonal"] == "median" else ref.mean())
    treasury = -(float(nl.loc[b, "tga"] - nl.loc[a, "tga"]) - norm)
    if spec["treasury"] == "TGA and reverse repo":
        treasury += -float(nl.loc[b, "rrp"] - nl.loc[a, "rrp"])
    inputs = {"WALCL": str(b.date()), nl.attrs["tga"]: str(b.date()), "RRPONTSYD": str(b.date())}
    if spec["fed"] == "total assets":
        fed = float(nl.loc[b, "walcl"] - nl.loc[a, "walcl"])
    else:
        treast = (spec.load("TREAST") / 1000).resample("W-WED").last()
        fed = float(treast.loc[b] - treast.loc[a])
        inputs["TREAST"] = str(b.date())
    return _estimate(treasury - fed, n=len(ref), inputs=inputs, treasury_bn=treasury, fed_bn=fed,
                     tga_change_bn=float(nl.loc[b, "tga"] - nl.loc[a, "tga"]), tga_seasonal_norm_bn=norm,
                     rrp_change_bn=float(nl.loc[b, "rrp"] - nl.loc[a, "rrp"]), span=f"{a.date()} to {b.date()}")


# ============================================================================ tables and charts for the notebook
def roll_off_deciles(px: pd.Series, start: str, lookback: int = 21) -> pd.DataFrame:
    """Mean next-day S&P 500 return (bp, with a 95% interval) by decile of the vol-target rule's
    roll-off flow, from ``start``."""
    r = (log_diff(px) / 100).dropna()
    f = vol_target_flows(r, lookback)
    frame = pd.DataFrame({"roll": f["roll_off"], "next": r.shift(-1) * 1e4}).dropna().loc[start:]
    frame["decile"] = pd.qcut(frame["roll"].rank(method="first"), 10, labels=range(1, 11))
    out = frame.groupby("decile", observed=True)["next"].agg(["mean", "std", "count"])
    half = 1.96 * out["std"] / np.sqrt(out["count"])
    return pd.DataFrame({"mean next-day return, bp": out["mean"], "low": out["mean"] - half, "high": out["mean"] + half,
                         "mean roll-off flow": frame.groupby("decile", observed=True)["roll"].mean()})


def window_table(r: pd.Series, samples: dict[str, tuple[str, str]], calendars_=None) -> pd.DataFrame:
    """Open-window premium (% per year, 95% HAC interval) per blackout calendar and sample."""
    rows = []
    for cal in calendars_ or BLACKOUT_CALENDARS:
        is_open = buyback_window_open(r.index, cal).astype(float)
        for name, (a, b) in samples.items():
            fit = stats.ols_hac(r.loc[a:b], is_open.loc[a:b], lags=5)
            row = fit.row("open")
            rows.append({"calendar": cal, "sample": name, "share of days open": is_open.loc[a:b].mean(),
                         "premium, % per year": 252 * row["coef"], "interval low": 252 * row["ci_low"],
                         "interval high": 252 * row["ci_high"]})
    return pd.DataFrame(rows).set_index(["calendar", "sample"])


def quarter_profile(r: pd.Series, start: str, end: str | None = None) -> pd.Series:
    """Cumulative mean daily log return (%) by calendar day of the quarter (1 = 1 Jan, 1 Apr, ...)."""
    x = r.loc[start:end]
    day = (x.index - x.index.to_period("Q").start_time).days + 1
    return x.groupby(day).mean().loc[1:91].cumsum()


def season_paths(s: pd.Series, years: range, start_month_day: str = "01-01") -> pd.DataFrame:
    """Change of a weekly level series from its first week on or after ``start_month_day`` of each
    year, by weeks since then (one column per year): the same calendar span, year after year."""
    cols = {}
    for y in years:
        x = s.loc[f"{y}-{start_month_day}":f"{y}-12-31"].dropna()
        if len(x):
            cols[y] = pd.Series((x - x.iloc[0]).to_numpy(), index=range(len(x)))
    return pd.DataFrame(cols).loc[:51]


def _finish(fig, ax, source: str, as_of, note: str | None = None):
    """Caption (source, the record's as-of and the input that sets it, a note) and lay out."""
    date, sid = as_of if isinstance(as_of, tuple) else (as_of, None)
    notes = [f"the record's as-of is set by {sid}" if sid else None, note]
    rplt.caption(ax, source, date, "; ".join(n for n in notes if n) or None)
    return rplt.finish(fig)


def _legend_top(ax, ncol: int = 3) -> None:
    """The legend between the title and the axes, off the data; the title moves up to make room."""
    pairs = [(h, lab) for h, lab in zip(*ax.get_legend_handles_labels()) if not lab.startswith("_")]
    ax.legend([h for h, _ in pairs], [lab for _, lab in pairs], loc="lower left", bbox_to_anchor=(0, 1.0), ncol=ncol,
              frameon=False, fontsize=9.5, borderaxespad=0.2)
    ax.set_title(ax.get_title(loc="left"), loc="left", pad=6 + 17 * int(np.ceil(len(pairs) / ncol)))


def chart_day_types(table: pd.DataFrame, title: str, source: str, as_of):
    """Mean squared daily return by era and kind of day (log scale, 95% bootstrap intervals)."""
    fig, ax = plt.subplots(figsize=(10, 4.8))
    eras = list(dict.fromkeys(table.index.get_level_values("era")))
    kinds = ["FOMC", "CPI", "payrolls", "other"]
    width = 0.2
    for k, kind in enumerate(kinds):
        sub = table.xs(kind, level="day").reindex(eras)
        x = np.arange(len(eras)) + (k - 1.5) * width
        err = [sub["mean squared return"] - sub["interval low"], sub["interval high"] - sub["mean squared return"]]
        ax.bar(x, sub["mean squared return"], width=width, label={"FOMC": "FOMC announcement days", "CPI": "CPI release days",
               "payrolls": "payroll release days", "other": "other days"}[kind], yerr=err, capsize=2, error_kw={"lw": 0.8})
    ax.set_xticks(range(len(eras)), eras)
    rplt.plain_log_axis(ax, fmt="{x:g}")
    ax.set_ylabel("mean squared daily S&P 500 return, %² (log scale)")
    ax.set_title(title)
    _legend_top(ax, ncol=4)
    return _finish(fig, ax, source, as_of, "bars: 95% bootstrap intervals; CPI dates start in 2015, payroll dates end in 2024")


def chart_yearly_r2(r2: pd.Series, recent: int, base: tuple[int, int], title: str, source: str, as_of):
    """Per-year R² bars with the base-era and recent-era medians as lines; recession years shaded."""
    years = r2.index.year
    fig, ax = plt.subplots(figsize=(10, 4.4))
    ax.bar(years, r2.to_numpy(), color=np.where(years >= recent, "#c44e52", "#8c9fb5"), label="R² in the year")
    b = r2[(years >= base[0]) & (years <= base[1])].median()
    n = r2[years >= recent].median()
    ax.hlines(b, base[0] - 0.4, base[1] + 0.4, color="0.2", ls="--", label=f"median {base[0]}-{base[1]}: {b:.1f}%")
    ax.hlines(n, recent - 0.4, years.max() + 0.4, color="#c44e52", lw=2.2, label=f"median since {recent}: {n:.1f}%")
    ax.set_xlim(years.min() - 0.6, years.max() + 0.6)
    rplt.shade_recession_years(ax)
    ax.set_ylabel("R² of daily S&P 500 returns on\n2-year yield changes, %")
    ax.set_title(title)
    _legend_top(ax, ncol=3)
    return _finish(fig, ax, source, as_of, f"{years.max()} is a part year. Shaded: NBER recessions.")


def chart_roll_off(deciles: pd.DataFrame, title: str, source: str, as_of, note: str):
    """Mean next-day return by decile of the roll-off flow, with 95% intervals."""
    fig, ax = plt.subplots(figsize=(9, 4.2))
    m = deciles["mean next-day return, bp"]
    ax.bar(m.index.astype(int), m, yerr=[m - deciles["low"], deciles["high"] - m], capsize=3, color="#4c72b0",
           error_kw={"lw": 0.8})
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xticks(range(1, 11))
    ax.set_xlabel("decile of the rule's roll-off flow (1 = largest predictable selling, 10 = largest buying)")
    ax.set_ylabel("mean next-day S&P 500 return, bp")
    ax.set_title(title)
    return _finish(fig, ax, source, as_of, note)


def crossing_paths(ohlc: pd.DataFrame, kind: str, start: str, end: str | None = None, days: int = 21) -> pd.DataFrame:
    """Mean cumulative drift-adjusted move in the new direction (%) 1..``days`` days after a
    crossing (close to close, overnight and intraday parts) and on other days (close to close)."""
    sig = trend_signal(ohlc["close"], kind)["signal"]
    parts = day_parts(ohlc).loc[start:end]
    s = sig.loc[start:end]
    cross = ((s != s.shift(1)) & s.shift(1).notna() & s.notna())
    out = {}
    for part in ("close to close", "overnight", "intraday"):
        x = parts[part] - parts[part].mean()
        path = pd.concat([x.shift(-k) for k in range(1, days + 1)], axis=1).cumsum(axis=1).mul(s, axis=0)
        out[f"after a crossing: {part}"] = path[cross].mean().to_numpy()
        if part == "close to close":
            out["other days: close to close"] = path[~cross & s.notna()].mean().to_numpy()
    return pd.DataFrame(out, index=range(1, days + 1))


def chart_crossings(paths: pd.DataFrame, title: str, source: str, as_of):
    """The paths of :func:`crossing_paths`."""
    fig, ax = plt.subplots(figsize=(9.5, 4.4))
    styles = {"after a crossing: close to close": ("-", 2.4), "after a crossing: overnight": (":", 1.6),
              "after a crossing: intraday": ("-.", 1.6), "other days: close to close": ("--", 1.6)}
    for col in paths:
        ls, lw = styles[col]
        ax.plot(paths.index, paths[col], ls=ls, lw=lw, label=col)
    ax.axhline(0, color="0.3", lw=0.8)
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    ax.set_xlabel("trading days after the close at which the signal is read")
    ax.set_ylabel("mean cumulative move in the signal's\ndirection, net of drift, %")
    ax.set_title(title)
    _legend_top(ax, ncol=2)
    return _finish(fig, ax, source, as_of)


def chart_quarter(profiles: dict[str, pd.Series], closed_days: list[tuple[int, int]], title: str, source: str, as_of):
    """Cumulative mean return through the quarter with the blackout days shaded."""
    fig, ax = plt.subplots(figsize=(9.5, 4.4))
    for (name, prof), ls in zip(profiles.items(), ["-", "--"]):
        ax.plot(prof.index, prof.to_numpy(), ls=ls, label=name)
    for k, (a, b) in enumerate(closed_days):
        ax.axvspan(a, b, color="0.8", alpha=0.5, lw=0, label="most companies in blackout (baseline calendar)" if k == 0 else None)
    ax.set_xlabel("calendar day of the quarter (1 = 1 January, 1 April, 1 July, 1 October)")
    ax.set_ylabel("cumulative mean daily S&P 500\nlog return, %")
    ax.set_title(title)
    _legend_top(ax, ncol=3)
    return _finish(fig, ax, source, as_of)


def chart_episodes(summary: pd.DataFrame, title: str, source: str, as_of, note: str):
    """Episode starts against level-matched days, one panel per outcome (mean, 95% interval of the difference)."""
    fig, axes = plt.subplots(1, len(summary), figsize=(11, 4.2))
    for ax, (outcome, row) in zip(np.atleast_1d(axes), summary.iterrows()):
        vals = [row["inversion starts"], row["level-matched days"]]
        ax.bar([0, 1], vals, color=["#c44e52", "#8c9fb5"], width=0.6)
        lo, hi = row["interval low"] + row["level-matched days"], row["interval high"] + row["level-matched days"]
        ax.errorbar([0], [row["inversion starts"]], yerr=[[row["inversion starts"] - lo], [hi - row["inversion starts"]]],
                    color="0.2", capsize=4, lw=1)
        ax.axhline(0, color="0.3", lw=0.8)
        ax.set_xticks([0, 1], ["inversion starts", "level-matched days"])
        ax.set_ylabel(outcome)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold", fontsize=13)
    return _finish(fig, np.atleast_1d(axes)[0], source, as_of, note)


def chart_season(paths: pd.DataFrame, year: int, title: str, source: str, as_of):
    """The change since the first week of the year, ``year`` against every other year."""
    fig, ax = plt.subplots(figsize=(9.5, 4.6))
    others = [c for c in paths if c != year]
    for k, c in enumerate(others):
        ax.plot(paths.index, paths[c], color="0.75", lw=1, label="2010-2025, one line a year" if k == 0 else None)
    ax.plot(paths.index, paths[others].median(axis=1), color="0.3", ls="--", lw=1.6, label="median of 2010-2025")
    ax.plot(paths.index, paths[year], color="#c44e52", lw=2.6, label=str(year))
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xlabel("weeks since the first Wednesday of January")
    ax.set_ylabel("change in net liquidity since then,\n$ billions")
    ax.set_title(title)
    _legend_top(ax, ncol=3)
    return _finish(fig, ax, source, as_of)


def chart_parts(parts: pd.DataFrame, title: str, source: str, as_of, note: str):
    """Cumulative contributions to net liquidity since a date (weekly, $ billions)."""
    fig, ax = plt.subplots(figsize=(10, 4.6))
    for col, (ls, lw) in zip(parts.columns, [("-", 2.6), ("--", 1.8), ("-.", 1.8), (":", 1.8)]):
        ax.plot(parts.index, parts[col], ls=ls, lw=lw, label=col)
    ax.axhline(0, color="0.3", lw=0.8)
    rplt.shade_recessions(ax)
    ax.set_ylabel("change since the essay date, $ billions")
    ax.set_xlabel("week (Wednesday levels)")
    ax.set_title(title)
    _legend_top(ax, ncol=4)
    return _finish(fig, ax, source, as_of, note)
