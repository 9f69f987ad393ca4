"""Notebook 03 (net liquidity, bitcoin as a liquidity probe, AI capex as "reverse QE"; claims
L1-L7 and C1): data helpers and the test function of every declared test.

A test function takes one specification ``spec`` of the verdict protocol (a dict of parameters
with ``.load``, ``.visible``, ``.use``, ``.sample``, ``.window`` and ``.inputs``; see
``research_lib.claims.protocol``) and returns the fields of the protocol's ``Estimate`` as a dict:
``value``, ``low``, ``high``, ``p`` (two-sided), ``n`` and ``detail``. Studies sit beside the claims
package in the library's layers, so the notebook wraps the dict (``Estimate(**fields)``).

Data are read through ``spec.load`` (observations published by the window's end), and every
function registers in ``spec.inputs`` the last observation it actually used, so a record's as-of
date is the data's, not the file's. Crypto trades every day and the snapshot's last BTC/ETH row
may be an unfinished day: :func:`load_completed` drops it. Daily cross-asset work uses the S&P 500
trading calendar (``daily_on_calendar``), cut at the last day every asset has a completed close.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import stats as sps

from research_lib.analysis import stats
from research_lib.data import api, derived

WEEK = "W-WED"  # the H.4.1 week: Thursday to Wednesday, labelled by its Wednesday
CRYPTO = ("BTC-USD", "ETH-USD")
#: The Fed-chair nomination: announced on Friday 30 January 2026 (reports of the choice circulated the day before).
NOMINATION = pd.Timestamp("2026-01-30")
#: Asset groups of claim L3.
DURATION_GROUPS = {"BTC+ARKK+IGV": ("BTC-USD", "ARKK", "IGV"), "BTC": ("BTC-USD",), "IGV": ("IGV",),
                   "ARKK": ("ARKK",), "MU+SNDK": ("MU", "SNDK"), "MU": ("MU",), "SNDK": ("SNDK",)}
#: Yield measures of claim L2: the daily series summed on common days.
YIELDS = {"DGS10": ("DGS10",), "DFII10": ("DFII10",), "BAA": ("DGS10", "BAA10Y"), "AAA": ("DGS10", "AAA10Y"),
          "BAA10Y": ("BAA10Y",), "AAA10Y": ("AAA10Y",), "BAMLC0A0CM": ("BAMLC0A0CM",)}
COMMON_END = ("DGS10", "BAA10Y")


# ============================================================================ loading
@lru_cache(maxsize=64)
def _last_stored(series_id: str) -> pd.Timestamp:
    return api.load(series_id).index[-1]


def load_completed(spec, series_id: str, fields: str | None = None) -> pd.Series | pd.DataFrame:
    """``spec.load(series_id)``, without a crypto series' last row when it is the store's last day
    (the snapshot notes that it may be an unfinished candle); registers the last row kept."""
    x = spec.load(series_id, fields=fields) if fields else spec.load(series_id)
    if series_id in CRYPTO and len(x) and x.index[-1] == _last_stored(series_id):
        x = x.iloc[:-1]
    if len(x):
        spec.inputs[series_id] = str(x.index[-1].date())
    return x


def _used(spec, series_id: str, last) -> None:
    """Record ``last`` as the last observation of ``series_id`` the estimate used."""
    spec.inputs[series_id] = str(pd.Timestamp(last).date())


@lru_cache(maxsize=8)
def _net_liquidity(tga: str, blanks: str) -> pd.DataFrame:
    return derived.net_liquidity(tga=tga, rrp_blanks=blanks)


def visible_net_liquidity(spec, tga: str = "wednesday", blanks: str = "zero") -> pd.DataFrame:
    """Weekly net liquidity (billions: walcl, tga, rrp, net_liquidity) as published by the window's
    end; registers WALCL, the TGA series and RRPONTSYD up to the last complete week."""
    nl = spec.visible(_net_liquidity(tga, blanks))
    _register_liquidity(spec, nl.dropna(), tga)
    return nl


def _register_liquidity(spec, rows: pd.DataFrame, tga: str = "wednesday") -> None:
    if len(rows):
        last = rows.index[-1]
        for sid in ("WALCL", derived.TGA_SERIES[tga], "RRPONTSYD"):
            _used(spec, sid, last)


def weekly_close(x: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
    """Last observation of each H.4.1 week (Thursday to Wednesday), labelled by the Wednesday; a
    last week whose Wednesday is not yet in the data (a partial week) is left out."""
    out = x.resample(WEEK).last()
    if len(x) and len(out) and out.index[-1] > x.index[-1]:
        out = out.iloc[:-1]
    return out


def _log_return(px: pd.Series | pd.DataFrame, periods: int = 1):
    return 100 * (np.log(px) - np.log(px.shift(periods)))


def daily_closes(spec, ids: list[str], start=None) -> pd.DataFrame:
    """Daily closes of ``ids`` on S&P 500 trading days (``daily_on_calendar``: crypto weekend moves
    fold into Monday), cut at the last day on which every series has a completed, visible close."""
    ends = [load_completed(spec, sid).index[-1] for sid in ids]
    frame = derived.daily_on_calendar(list(ids), start=start)
    frame = frame.loc[: min(ends)]
    for sid in ids:
        _used(spec, sid, frame.index[-1])
    return frame


def _drop(x, window):
    if not window:
        return x
    return x[(x.index < pd.Timestamp(window[0])) | (x.index > pd.Timestamp(window[1]))]


def _fields(value, low=None, high=None, p=None, n=None, **detail) -> dict:
    num = lambda v: None if v is None or (isinstance(v, float) and not np.isfinite(v)) else float(v)
    return {"value": num(value), "low": num(low), "high": num(high), "p": num(p),
            "n": None if n is None else int(n), "detail": detail}


# ============================================================================ dry powder (the reverse repo)
def exhaustion_date(rrp: pd.Series, threshold: float = 50.0, horizon: int = 13) -> pd.Timestamp:
    """First date at which `rrp` is below `threshold` and its median over that date and the next
    `horizon - 1` observations is also below it (a drain that lasted, not a one-week dip)."""
    below = rrp < threshold
    fwd_med = rrp[::-1].rolling(horizon, min_periods=horizon).median()[::-1]
    hit = below & (fwd_med < threshold)
    if not hit.any():
        raise ValueError(f"series never stays below {threshold}")
    return hit[hit].index[0]


def dry_powder_dates(rrp_weekly: pd.Series, threshold: float = 50.0) -> tuple[pd.Timestamp, pd.Timestamp]:
    """(peak week since 2021, exhaustion week) of the weekly reverse repo (billions)."""
    rrp = rrp_weekly.dropna()
    peak = rrp.loc["2021":].idxmax()
    return peak, exhaustion_date(rrp.loc[peak:], threshold=threshold)


def decompose_changes(nl: pd.DataFrame, periods: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Change in net liquidity over each period split into its pipes (billions of USD).

    `nl` has columns walcl, tga, rrp (billions); net = walcl - tga - rrp, so the contributions are
    +Δwalcl, -Δtga, -Δrrp. Each period uses the first and last rows with all three components
    observed inside [start, end]; the ``from`` and ``to`` columns give those actual dates."""
    rows = []
    comp = nl[["walcl", "tga", "rrp"]].dropna()
    for name, (a, b) in periods.items():
        seg = comp.loc[a:b]
        if len(seg) < 2:
            continue
        d = seg.iloc[-1] - seg.iloc[0]
        rows.append({"period": name, "from": str(seg.index[0].date()), "to": str(seg.index[-1].date()),
                     "Fed balance sheet": d["walcl"], "Treasury cash (TGA)": -d["tga"],
                     "Reverse repo": -d["rrp"], "Net liquidity": d["walcl"] - d["tga"] - d["rrp"]})
    return pd.DataFrame(rows).set_index("period")


# ============================================================================ L1
def rrp_release_response(spec) -> dict:
    """L1 while dry powder existed: weekly asset return (in s.d. of its own ``horizon``-week return)
    per $100bn released from the reverse repo (or added to net liquidity), from the reverse repo's
    peak to its exhaustion. HAC OLS with a constant.

    Parameters: asset, driver ("RRP release" | "net liquidity"), start ("peak" or a date),
    horizon (weeks; overlapping changes), drop (a date range to leave out, or None).
    """
    nl = visible_net_liquidity(spec)
    peak, exhausted = dry_powder_dates(nl["rrp"])
    start = peak if spec["start"] == "peak" else pd.Timestamp(spec["start"])
    h = int(spec["horizon"])
    ret = _log_return(weekly_close(load_completed(spec, spec["asset"])), h).rename("ret")
    driver = (-nl["rrp"].diff(h) if spec["driver"] == "RRP release" else nl["net_liquidity"].diff(h)) / 100
    data = _drop(pd.concat([ret, driver.rename("driver")], axis=1).loc[start:exhausted].dropna(), spec["drop"])
    y = data["ret"] / data["ret"].std()
    fit = stats.ols_hac(y, data["driver"], lags=max(h, stats.nw_lags(len(data))))
    row = fit.row("driver")
    _used(spec, spec["asset"], data.index[-1])
    _register_liquidity(spec, data)
    return _fields(row["coef"], row["ci_low"], row["ci_high"], row["p"], fit.nobs, start=data.index[0],
                   end=data.index[-1], peak=peak, exhausted=exhausted, sd_pct=float(data["ret"].std()))


def post_exhaustion_change(spec) -> dict:
    """L1 after the dry powder ran out: change in the weekly asset return's response (s.d. per
    $100bn of net liquidity) from before to after the reverse repo's exhaustion; HAC OLS of
    r/s.d. on ΔNL, ΔNL x post and post.

    Parameters: asset, start, end, pandemic, threshold (exhaustion threshold, $bn), tga.
    """
    nl = visible_net_liquidity(spec, tga=spec["tga"])
    _, exhausted = dry_powder_dates(nl["rrp"], threshold=spec["threshold"])
    ret = _log_return(weekly_close(load_completed(spec, spec["asset"]))).rename("ret")
    dnl = (nl["net_liquidity"].diff() / 100).rename("dnl")
    data = spec.sample(pd.concat([ret, dnl], axis=1).dropna())
    post = (data.index >= exhausted).astype(float)
    X = pd.DataFrame({"dnl": data["dnl"], "dnl_post": data["dnl"] * post, "post": post}, index=data.index)
    fit = stats.ols_hac(data["ret"] / data["ret"].std(), X)
    row = fit.row("dnl_post")
    _used(spec, spec["asset"], data.index[-1])
    _register_liquidity(spec, data, spec["tga"])
    return _fields(row["coef"], row["ci_low"], row["ci_high"], row["p"], fit.nobs, exhausted=exhausted,
                   post_weeks=int(post.sum()), before=fit.coef("dnl"), end=data.index[-1])


# ============================================================================ L2
def yield_change(spec) -> dict:
    """L2: change (bp) in a yield or spread from the reverse repo's exhaustion (or a given date) to
    the window's end, each end the average of ``average_days`` days on which every component is
    observed (a Baa yield is the 10-year yield plus the Baa spread of the same day).

    Parameters: series (a key of :data:`YIELDS`), start ("exhaustion" or a date), threshold
    (exhaustion threshold, $bn), average_days, end ("common": the last day on which the 10-year
    yield and the Baa spread are both published, so that every yield is compared over one span;
    "own": the series' own last day).
    """
    ids = YIELDS[spec["series"]]
    level = pd.concat([spec.load(s) for s in ids], axis=1, join="inner").dropna().sum(axis=1)
    if spec["end"] == "common":  # the last day on which both the 10-year yield and the Baa spread are out
        level = level.loc[: min(spec.load(s).dropna().index[-1] for s in COMMON_END)]
    if spec["start"] == "exhaustion":
        start = dry_powder_dates(visible_net_liquidity(spec)["rrp"], threshold=spec["threshold"])[1]
    else:
        start = pd.Timestamp(spec["start"])
    k = int(spec["average_days"])
    before, after = level.loc[:start].tail(k), level.tail(k)
    for sid in ids:
        _used(spec, sid, after.index[-1])
    return _fields(100 * (after.mean() - before.mean()), n=len(before) + len(after), start=start,
                   first_day=before.index[0], start_day=before.index[-1], end_first_day=after.index[0],
                   end_day=after.index[-1], level_start=before.mean(), level_end=after.mean())


# ============================================================================ L3
def _group_return(returns: pd.DataFrame, group: str) -> pd.Series:
    """Equal-weight average of the members' returns (members without data that period are skipped)."""
    return returns[list(DURATION_GROUPS[group])].mean(axis=1, skipna=True)


def duration_gap(spec) -> dict:
    """L3 (i): weekly return gap, long-duration group minus memory makers (pp), per +10bp in a
    10-year yield, holding the S&P 500's return fixed (HAC OLS with a constant).

    Parameters: long, memory (keys of :data:`DURATION_GROUPS`), rate (DFII10 | DGS10),
    market ("^GSPC" | None), start, end, pandemic.
    """
    members = sorted(set(DURATION_GROUPS[spec["long"]]) | set(DURATION_GROUPS[spec["memory"]]))
    rets = pd.DataFrame({sid: _log_return(weekly_close(load_completed(spec, sid))) for sid in members})
    gap = (_group_return(rets, spec["long"]) - _group_return(rets, spec["memory"])).rename("gap")
    rate = (weekly_close(spec.load(spec["rate"]).dropna()).diff() * 10).rename("rate")
    cols = [gap, rate]
    if spec["market"]:
        cols.append(_log_return(weekly_close(spec.load(spec["market"]))).rename("market"))
    data = spec.sample(pd.concat(cols, axis=1).dropna())
    fit = stats.ols_hac(data["gap"], data.drop(columns="gap"))
    row = fit.row("rate")
    for sid in members + [spec["rate"]] + ([spec["market"]] if spec["market"] else []):
        _used(spec, sid, data.index[-1])
    return _fields(row["coef"], row["ci_low"], row["ci_high"], row["p"], fit.nobs, start=data.index[0], end=data.index[-1])


def memory_outperformance(spec) -> dict:
    """L3 (ii): cumulative log-return gap (pp), memory makers minus long-duration assets, from the
    close of ``start`` (after the essay) to the window's end; the interval is the HAC interval of
    the mean period gap times the number of periods.

    Parameters: start, long, memory, freq ("daily" on S&P 500 trading days | "weekly").
    """
    members = sorted(set(DURATION_GROUPS[spec["long"]]) | set(DURATION_GROUPS[spec["memory"]]))
    px = daily_closes(spec, members, start="2025-06-01")
    if spec["freq"] == "weekly":
        px = weekly_close(px)
    px = px.loc[pd.Timestamp(spec["start"]):]
    rets = _log_return(px).iloc[1:]
    gap = (_group_return(rets, spec["memory"]) - _group_return(rets, spec["long"])).dropna()
    m = stats.newey_west_mean(gap)
    n = m["n"]
    t = sps.t.ppf(0.975, n - 1)
    return _fields(n * m["mean"], n * (m["mean"] - t * m["se"]), n * (m["mean"] + t * m["se"]), m["p_value"], n,
                   start=px.index[0], end=px.index[-1],
                   memory_pct=float(100 * (np.exp(_group_return(rets, spec["memory"]).sum() / 100) - 1)),
                   long_pct=float(100 * (np.exp(_group_return(rets, spec["long"]).sum() / 100) - 1)))


# ============================================================================ L4
def _liquidity_shock(spec, measure: str = "net liquidity", tga: str = "wednesday") -> pd.Series:
    """Weekly change in the liquidity measure, $100bn (net liquidity or bank reserves)."""
    if measure == "bank reserves":
        res = weekly_close(spec.load("WRESBAL"))
        return (res.diff() / 1e5).rename("shock")
    nl = visible_net_liquidity(spec, tga=tga)
    return (nl["net_liquidity"].diff() / 100).rename("shock")


def _register_shock(spec, last, measure: str = "net liquidity", tga: str = "wednesday") -> None:
    if measure == "bank reserves":
        _used(spec, "WRESBAL", last)
    else:
        _register_liquidity(spec, pd.DataFrame(index=[last]), tga)


def _lp(spec, level: pd.Series, scale_by_horizon: bool = False) -> dict:
    shock = _liquidity_shock(spec, spec["measure"], spec["tga"])
    data = pd.concat([level.rename("y"), shock], axis=1).loc[spec["start"]:spec["end"]]
    data = data.loc[: data.dropna().index[-1]]
    if spec["drop"]:
        data.loc[spec["drop"][0]:spec["drop"][1], "shock"] = np.nan
    h = int(spec["horizon"])
    row = stats.local_projection(data["y"], data["shock"], [h], lags=4).loc[h]
    k = np.sqrt(h + 1) if scale_by_horizon else 1.0
    _register_shock(spec, data.index[-1], spec["measure"], spec["tga"])
    return _fields(row["coef"] / k, row["ci_low"] / k, row["ci_high"] / k, row["p"], row["n"],
                   start=data.index[0], end=data.index[-1])


def btc_liquidity_response(spec) -> dict:
    """L4: local projection of bitcoin's cumulative log return (%) over weeks t..t+horizon on the
    week-t change in liquidity ($100bn), with four lags of both, HAC errors.

    Parameters: horizon, start, end, drop, tga, measure ("net liquidity" | "bank reserves").
    """
    btc = weekly_close(load_completed(spec, "BTC-USD"))
    out = _lp(spec, 100 * np.log(btc))
    _used(spec, "BTC-USD", out["detail"]["end"])
    return out


def btc_vs_equity_response(spec) -> dict:
    """L4 "hardest": bitcoin's response minus an equity index's, each in s.d. of its own
    (horizon+1)-week log return, per $100bn of liquidity (local projection of the difference of
    the volatility-scaled log prices).

    Parameters: versus, horizon, start, end, drop, tga, measure.
    """
    btc = weekly_close(load_completed(spec, "BTC-USD"))
    eq = weekly_close(load_completed(spec, spec["versus"]))
    px = pd.concat([btc, eq], axis=1).loc[spec["start"]:spec["end"]].dropna()
    sd = _log_return(px).std()
    level = 100 * np.log(px.iloc[:, 0]) / sd.iloc[0] - 100 * np.log(px.iloc[:, 1]) / sd.iloc[1]
    out = _lp(spec, level, scale_by_horizon=True)
    for sid in ("BTC-USD", spec["versus"]):
        _used(spec, sid, out["detail"]["end"])
    return out


def _lead_frame(spec) -> tuple[pd.DataFrame, str]:
    """Target returns, their lags and bitcoin's lags (weekly or daily on S&P 500 trading days)."""
    p, target, first = int(spec["lags"]), spec["target"], int(spec["first_lag"])
    if spec["freq"] == "daily":
        px = daily_closes(spec, ["BTC-USD", target], start=pd.Timestamp(spec["start"]) - pd.Timedelta(days=30))
        rets = _log_return(px)
        y, btc = rets[target], rets["BTC-USD"]
    else:
        btc = _log_return(weekly_close(load_completed(spec, "BTC-USD")))
        y = _log_return(weekly_close(load_completed(spec, target)))
    cols = {"y": y}
    for k in range(1, p + 1):
        cols[f"y_l{k}"] = y.shift(k)
    for k in range(first, first + p):
        cols[f"btc_l{k}"] = btc.shift(k)
    return pd.DataFrame(cols).loc[spec["start"]:], target


def btc_lead_in_sample(spec) -> dict:
    """L4 "first", in sample: sum of the coefficients on bitcoin's last ``lags`` returns in a
    regression of an equity index's return on its own lags and bitcoin's (HAC t-test of the sum:
    one test for all the leads). Bitcoin's daily close (midnight UTC) comes three to four hours
    after the New York close, so its lag 1 holds news the index only prices at the next open:
    ``first_lag=2`` starts bitcoin's lags one period further back.

    Parameters: target, lags, first_lag, start, drop, freq ("weekly" | "daily").
    """
    frame, target = _lead_frame(spec)
    frame = _drop(frame.dropna(), spec["drop"])
    fit = stats.ols_hac(frame["y"], frame.drop(columns="y"))
    names = [c for c in frame if c.startswith("btc_l")]
    R = np.array([[1.0 if n in names else 0.0 for n in fit.model.params.index]])
    t = fit.model.t_test(R)
    ci = np.asarray(t.conf_int()).ravel()
    joint = fit.model.wald_test(np.eye(len(fit.model.params))[[list(fit.model.params.index).index(n) for n in names]],
                                use_f=True, scalar=True)
    for sid in ("BTC-USD", target):
        _used(spec, sid, frame.index[-1])
    return _fields(float(np.squeeze(t.effect)), ci[0], ci[1], float(np.squeeze(t.pvalue)), fit.nobs,
                   joint_p=float(np.squeeze(joint.pvalue)), start=frame.index[0], end=frame.index[-1])


def btc_lead_out_of_sample(spec) -> dict:
    """L4 "first", out of sample: R² (%) of one-week-ahead forecasts of the target with bitcoin's
    lags added to its own lags, against its own lags alone, re-estimated every week on the data
    before it (expanding from ``start``, or a rolling ``window`` of weeks), evaluated from ``eval_start``.

    Parameters: target ("^GSPC" | "^IXIC" | "net liquidity"), lags, first_lag, start, eval_start,
    window, exclude.
    """
    target = spec["target"]
    p, first = int(spec["lags"]), int(spec["first_lag"])
    btc = _log_return(weekly_close(load_completed(spec, "BTC-USD")))
    if target == "net liquidity":
        y = _liquidity_shock(spec)
    else:
        y = _log_return(weekly_close(load_completed(spec, target)))
    own = pd.DataFrame({f"y_l{k}": y.shift(k) for k in range(1, p + 1)})
    full = own.join(pd.DataFrame({f"btc_l{k}": btc.shift(k) for k in range(first, first + p)}))
    data = pd.concat([y.rename("y"), full], axis=1).loc[spec["start"]:].dropna()
    res = stats.oos_r2(data["y"], data[full.columns], data[own.columns], spec["eval_start"],
                       window=spec["window"], exclude=spec["exclude"])
    _used(spec, "BTC-USD", data.index[-1])
    if target == "net liquidity":
        _register_liquidity(spec, data)
    else:
        _used(spec, target, data.index[-1])
    return _fields(res["r2"], res["low"], res["high"], res["p_value"], res["n"], cw_p=res["cw_p"],
                   first=res["first"], last=res["last"])


def alden_callahan(btc: pd.Series, m2: pd.Series, start=None, end=None) -> dict:
    """Bitcoin against M2, monthly: the checks of the widely quoted liquidity-barometer study.

    ``btc`` and ``m2`` are monthly levels (month-end close; M2 stock). Returns the correlation of
    log levels, of monthly and of 12-month log changes, the share of months whose 12-month changes
    point the same way, the shares of rising 12-month windows for each (and the same-direction
    share two independent series with those shares would show), and the Engle-Granger test.
    """
    data = pd.concat([np.log(btc).rename("btc"), np.log(m2).rename("m2")], axis=1).loc[start:end].dropna()
    d1, d12 = data.diff().dropna(), data.diff(12).dropna()
    up_b, up_m = float((d12["btc"] > 0).mean()), float((d12["m2"] > 0).mean())
    eg = stats.engle_granger(data["btc"], data["m2"])
    return {"first": data.index[0], "last": data.index[-1], "months": len(data),
            "levels_corr": float(data.corr().iloc[0, 1]), "monthly_changes_corr": float(d1.corr().iloc[0, 1]),
            "annual_changes_corr": float(d12.corr().iloc[0, 1]),
            "same_direction_share": float((np.sign(d12["btc"]) == np.sign(d12["m2"])).mean()),
            "btc_up_share": up_b, "m2_up_share": up_m,
            "independent_share": up_b * up_m + (1 - up_b) * (1 - up_m),
            "cointegration_p": eg["p_value"], "cointegration_stat": eg["statistic"]}


# ============================================================================ L5
def _btc_ohlc(spec) -> pd.DataFrame:
    if spec["source"] == "Coinbase":
        close = spec.load("CBBTCUSD")
        return pd.DataFrame({"open": close.shift(1), "high": close, "low": close, "close": close})
    return load_completed(spec, "BTC-USD", fields="ohlcv")


def _register_btc(spec, last) -> None:
    _used(spec, "CBBTCUSD" if spec["source"] == "Coinbase" else "BTC-USD", last)


def btc_peak_gap(spec) -> dict:
    """L5: distance (%) of bitcoin's 2025 peak from $126,000 (intraday high or closing high)."""
    b = _btc_ohlc(spec).loc[spec["from"]:spec["to"]]
    col = "high" if spec["price"] == "intraday" else "close"
    peak, day = float(b[col].max()), b[col].idxmax()
    _register_btc(spec, b.index[-1])
    return _fields(100 * abs(peak / 126_000 - 1), n=len(b), peak=peak, day=day)


def btc_trough_gap(spec) -> dict:
    """L5: distance (%) of bitcoin's low in the early-2026 rout from $60,000."""
    b = _btc_ohlc(spec).loc[spec["from"]:spec["to"]]
    col = "low" if spec["price"] == "intraday" else "close"
    low, day = float(b[col].min()), b[col].idxmin()
    _register_btc(spec, b.index[-1])
    return _fields(100 * abs(low / 60_000 - 1), n=len(b), trough=low, day=day)


def one_day_falls(ohlc: pd.DataFrame) -> pd.DataFrame:
    """Per day t, falls in % (positive numbers) measurable from daily candles.

    ``close_to_close``: close t-1 to close t (exactly 24 hours); ``close_to_low``: close t-1 to
    the low of t; ``open_to_next_low``: open of t to the low of t+1 (up to 48 hours);
    ``upper_bound``: the largest fall any 24-hour span starting in day t can contain (a high of
    day t to the lower of the lows of days t and t+1, which covers every span across midnight).
    The largest 24-hour fall lies between the largest ``close_to_close`` and the largest
    ``upper_bound``: daily candles cannot place it more precisely.
    """
    o, h, lo, c = (ohlc[k] for k in ("open", "high", "low", "close"))
    nxt = lo.shift(-1)
    return pd.DataFrame({
        "close_to_close": 100 * (1 - c / c.shift(1)),
        "close_to_low": 100 * (1 - lo / c.shift(1)),
        "open_to_next_low": 100 * (1 - nxt / o),
        "upper_bound": 100 * (1 - np.fmin(lo, nxt.fillna(lo)) / h),
    })


def btc_one_day_fall(spec) -> dict:
    """L5: the largest one-day fall in the rout (%). ``measure="24-hour bounds"``: the exact 24-hour
    close-to-close fall, with the interval that daily candles allow for the largest 24-hour fall
    (see :func:`one_day_falls`); other measures are single numbers."""
    b = _btc_ohlc(spec).loc[spec["from"]:spec["to"]]
    falls = one_day_falls(b)
    if spec["measure"] == "open to next day's low":
        falls = falls.iloc[:-1]  # the last day has no next day in the window
    _register_btc(spec, b.index[-1])
    cc = falls["close_to_close"]
    if spec["measure"] == "24-hour bounds":
        return _fields(cc.max(), cc.max(), falls["upper_bound"].max(), n=len(b), day=cc.idxmax(),
                       upper_day=falls["upper_bound"].idxmax())
    col = {"close to close": "close_to_close", "prior close to low": "close_to_low",
           "open to next day's low": "open_to_next_low"}[spec["measure"]]
    return _fields(falls[col].max(), n=len(b), day=falls[col].idxmax())


ROUT_ASSETS = {"futures": {"gold": "GC=F", "silver": "SI=F", "S&P 500": "^GSPC", "Nasdaq": "^IXIC"},
               "funds": {"gold": "GLD", "silver": "SLV", "S&P 500": "SPY", "Nasdaq": "QQQ"}}


def rout_returns(spec) -> dict:
    """L5: did gold, silver and US stocks all fall in the sell-off? The largest (least negative)
    close-to-close return (%) among them from ``start`` to ``end``.

    Parameters: start (a date, "bitcoin's January high" or "metals' January peak"), end (a date
    or "bitcoin's low": the day of bitcoin's lowest close in the rout), instruments (futures | funds).
    """
    btc = load_completed(spec, "BTC-USD").loc["2026-01-01":"2026-02-28"]
    names = ROUT_ASSETS[spec["instruments"]]
    px = {k: spec.load(sid).dropna() for k, sid in names.items()}
    if spec["start"] == "bitcoin's January high":
        start = btc.loc[:"2026-01-31"].idxmax()
    elif spec["start"] == "metals' January peak":
        start = max(px[k].loc["2026-01"].idxmax() for k in ("gold", "silver"))
    else:
        start = pd.Timestamp(spec["start"])
    end = btc.idxmin() if spec["end"] == "bitcoin's low" else pd.Timestamp(spec["end"])
    rets = {k: float(100 * (s.loc[:end].iloc[-1] / s.loc[:start].iloc[-1] - 1)) for k, s in px.items()}
    for k, sid in names.items():
        _used(spec, sid, px[k].loc[:end].index[-1])
    _used(spec, "BTC-USD", end)
    return _fields(max(rets.values()), n=len(rets), start=start, end=end, **{f"{k} %": v for k, v in rets.items()})


# ============================================================================ L6
def _event_frame(spec) -> tuple[pd.Series, pd.Series]:
    ids = [spec["asset"], spec["market"]]
    px = daily_closes(spec, ids, start=NOMINATION - pd.DateOffset(years=2 + spec["pool"] // 250))
    rets = _log_return(px)
    return rets[spec["asset"]], rets[spec["market"]]


def _placebo_pool(index: pd.DatetimeIndex, pos: int, spec) -> pd.DatetimeIndex:
    """The ``pool`` trading days before the event, ending five days before it (no overlap with the
    run-up); ``placebos="Fridays"`` keeps the Fridays (the same weekend inside a [0, +1] window)."""
    pool = index[max(0, pos - 5 - int(spec["pool"])): pos - 5]
    return pool[pool.day_of_week == 4] if spec["placebos"] == "Fridays" else pool


def nomination_reaction(spec) -> dict:
    """L6: the asset's standardised cumulative abnormal return over the days ``days`` around the
    nomination (market model fitted on days -250..-30), against the same statistic on the placebo
    days of the preceding year (each standardised by its own estimation-window volatility):
    placebo rank p-value and the interval from inverting it.

    Parameters: asset, market, days (first, last), pool (placebo days), placebos ("all" | "Fridays").
    """
    r, m = _event_frame(spec)
    a, b = spec["days"]
    sc = stats.standardized_cars(r, m, window=(a, b))
    index = pd.concat([r, m], axis=1).dropna().index
    pos = int(index.searchsorted(NOMINATION))
    day0 = index[pos]
    if day0 not in sc.index:
        return _fields(None, n=0, note="the event window runs past the data visible in this window")
    ev = sc.loc[day0]
    inf = stats.placebo_inference(float(ev["scar"]), sc["scar"].reindex(_placebo_pool(index, pos, spec)).dropna())
    return _fields(ev["scar"], inf["low"], inf["high"], inf["p_value"], inf["n"], car_pct=float(ev["car"]),
                   sigma_pct=float(ev["sigma"]), rank=inf["rank"], day0=day0, last_day=index[min(pos + b, len(index) - 1)])


def nomination_acceleration(spec) -> dict:
    """L6 "accelerated": mean daily abnormal return after the nomination minus before it, in s.d.
    of the asset's abnormal return (one market model per date, fitted on days -250..-30), against
    the same statistic on placebo days of the preceding year.

    Parameters: asset, market, after (first, last day), before (first, last day), pool, placebos.
    """
    r, m = _event_frame(spec)
    after = stats.standardized_cars(r, m, window=tuple(spec["after"]))
    before = stats.standardized_cars(r, m, window=tuple(spec["before"]))
    la, lb = spec["after"][1] - spec["after"][0] + 1, spec["before"][1] - spec["before"][0] + 1
    both = pd.concat([after["car"] / la, before["car"] / lb, after["sigma"]], axis=1, keys=["a", "b", "s"]).dropna()
    stat = (both["a"] - both["b"]) / both["s"]
    index = pd.concat([r, m], axis=1).dropna().index
    pos = int(index.searchsorted(NOMINATION))
    day0 = index[pos]
    if day0 not in stat.index:
        return _fields(None, n=0, note="the window after the event runs past the data visible in this window")
    inf = stats.placebo_inference(float(stat.loc[day0]), stat.reindex(_placebo_pool(index, pos, spec)).dropna())
    return _fields(stat.loc[day0], inf["low"], inf["high"], inf["p_value"], inf["n"],
                   after_pct_per_day=float(both.loc[day0, "a"]), before_pct_per_day=float(both.loc[day0, "b"]))


# ============================================================================ L7
def _spread(spec, rate: str) -> pd.Series:
    """Daily money-market spread over the interest on reserve balances, bp."""
    return ((spec.load(rate) - spec.load("IORB")).dropna() * 100).rename(f"{rate} - IORB")


def money_market_pressure(spec) -> dict:
    """L7: mean spread (bp) of an overnight rate over IORB in the last ``weeks`` weeks visible,
    with its HAC interval (a positive spread: reserves scarce at the margin).

    Parameters: rate (SOFR | EFFR), weeks, month_ends ("keep" | "drop": the last and first
    business day of each month, when balance-sheet window dressing lifts repo rates).
    """
    s = _spread(spec, spec["rate"])
    s = s.loc[s.index[-1] - pd.Timedelta(weeks=int(spec["weeks"])) + pd.Timedelta(days=1):]
    if spec["month_ends"] == "drop":
        days = s.index.to_series()
        month = s.index.to_period("M")
        s = s[(days != days.groupby(month).transform("min")) & (days != days.groupby(month).transform("max"))]
    for sid in (spec["rate"], "IORB"):
        _used(spec, sid, s.index[-1])
    if s.nunique() == 1:  # a rate quoted in whole basis points can sit still for weeks: no sampling error to estimate
        return _fields(s.iloc[0], s.iloc[0], s.iloc[0], None, len(s), first=s.index[0], last=s.index[-1])
    m = stats.newey_west_mean(s)
    t = sps.t.ppf(0.975, m["n"] - 1)
    return _fields(m["mean"], m["mean"] - t * m["se"], m["mean"] + t * m["se"], m["p_value"], m["n"],
                   first=s.index[0], last=s.index[-1])


def _quantity(spec, nl: pd.DataFrame) -> pd.Series:
    """Weekly quantity of liquidity, $100bn: bank reserves (week average), reserves plus the
    reverse repo (week averages), or net liquidity (Wednesday levels)."""
    res = spec.load("WRESBAL").resample(WEEK).last() / 1e5
    if spec["quantity"] == "reserves":
        return res
    if spec["quantity"] == "reserves + reverse repo":
        rrp = spec.load("RRPONTSYD").resample(WEEK).mean() / 100
        return res + rrp
    return nl["net_liquidity"] / 100


def pressure_not_from_supply(spec) -> dict:
    """L7, demand or supply: the change in the money-market spread (bp) from ``start`` to the
    window's end that changes in the quantity of liquidity do not explain.

    The slope b of weekly (or monthly) spread changes on quantity changes (no constant, HAC) is the
    spread's move along the demand curve per $100bn; the unexplained part is
    Δspread - b·Δquantity over the whole span, with the interval from b's. A supply story leaves
    ~0 unexplained (the spread rose because reserves fell); excess demand leaves a positive part.

    Parameters: start ("exhaustion" or a date), rate (SOFR | EFFR), quantity, freq ("weekly" | "monthly").
    """
    nl = visible_net_liquidity(spec)
    start = dry_powder_dates(nl["rrp"])[1] if spec["start"] == "exhaustion" else pd.Timestamp(spec["start"])
    price = _spread(spec, spec["rate"]).resample(WEEK).mean()
    qty = _quantity(spec, nl)
    data = pd.concat([price.rename("p"), qty.rename("q")], axis=1).dropna()
    if spec["freq"] == "monthly":
        data = data.resample("ME").mean().dropna()
        start = start + pd.offsets.MonthEnd(0)
    data = data.loc[start:]
    d = data.diff().dropna()
    fit = stats.ols_hac(d["p"], d["q"], add_const=False)
    b, se = fit.coef("q"), fit.se("q")
    dp, dq = float(data["p"].iloc[-1] - data["p"].iloc[0]), float(data["q"].iloc[-1] - data["q"].iloc[0])
    value = dp - b * dq
    width = sps.t.ppf(0.975, fit.nobs - 1) * se * abs(dq)
    tval = value / (se * abs(dq)) if se * abs(dq) > 0 else np.nan
    p = float(2 * sps.t.sf(abs(tval), fit.nobs - 1)) if np.isfinite(tval) else None
    last = data.index[-1]
    for sid in (spec["rate"], "IORB", "WRESBAL"):
        _used(spec, sid, last)
    if spec["quantity"] == "net liquidity":
        _register_liquidity(spec, data)
    return _fields(value, value - width, value + width, p, fit.nobs, slope=b, spread_change=dp,
                   quantity_change_bn=100 * dq, explained=b * dq, start=data.index[0], end=last)


def reserve_sources(nl: pd.DataFrame, reserves: pd.Series, since) -> pd.DataFrame:
    """Cumulative change (billions) since ``since`` in bank reserves and in the items that supply
    them: Fed assets (+), Treasury cash (-), reverse repo (-), and everything else (currency,
    other liabilities, and the gap between reserves' week average and the Wednesday levels)."""
    frame = pd.concat([nl[["walcl", "tga", "rrp"]], reserves.rename("reserves")], axis=1).dropna().loc[since:]
    d = frame - frame.iloc[0]
    out = pd.DataFrame({"Fed assets": d["walcl"], "Treasury cash (TGA)": -d["tga"], "Reverse repo": -d["rrp"]})
    out["Other items"] = d["reserves"] - out.sum(axis=1)
    out["Bank reserves"] = d["reserves"]
    return out


def reserve_purchases(treasuries: pd.Series, mbs: pd.Series, since) -> pd.DataFrame:
    """Monthly change (billions) in the Fed's Treasury holdings split into the reinvestment of
    mortgage-backed securities' paydowns (since 1 December 2025 reinvested in Treasury bills:
    the fall in MBS holdings) and the rest, the reserve-management purchases (and, before them,
    any other change). Inputs are Wednesday levels in billions."""
    frame = pd.concat([treasuries.rename("t"), mbs.rename("m")], axis=1).dropna().loc[since:]
    month_end = frame.resample("ME").last()
    month_end.loc[frame.index[0] - pd.offsets.MonthEnd(1)] = frame.iloc[0]
    month_end = month_end.sort_index()
    d = month_end.diff().dropna()
    return pd.DataFrame({"Treasury holdings": d["t"], "MBS paydowns reinvested": -d["m"],
                         "Reserve-management purchases": d["t"] + d["m"]}, index=d.index)


# ============================================================================ C1
def btc_excess_return(spec) -> dict:
    """C1: bitcoin's annualised log return minus another asset's (pp a year) over ``years`` years
    to a common end (the last day both have a completed close, or an earlier ``end``), on S&P 500
    trading days; HAC interval of the mean daily gap, annualised.

    Parameters: years, versus, end ("common" or a date).
    """
    ids = ["BTC-USD", spec["versus"]]
    px = daily_closes(spec, ids, start="2014-10-01")
    if spec["end"] != "common":
        px = px.loc[: pd.Timestamp(spec["end"])]
    end = px.index[-1]
    start = end - pd.DateOffset(years=int(spec["years"]))
    px = px.loc[start:]
    rets = _log_return(px).iloc[1:]
    gap = (rets["BTC-USD"] - rets[spec["versus"]]).dropna()
    per_year = len(gap) / ((gap.index[-1] - px.index[0]).days / 365.25)
    m = stats.newey_west_mean(gap)
    t = sps.t.ppf(0.975, m["n"] - 1)
    for sid in ids:
        _used(spec, sid, end)
    yrs = (end - px.index[0]).days / 365.25
    total = {sid: float(100 * (px[sid].iloc[-1] / px[sid].iloc[0] - 1)) for sid in ids}
    return _fields(per_year * m["mean"], per_year * (m["mean"] - t * m["se"]), per_year * (m["mean"] + t * m["se"]),
                   m["p_value"], m["n"], start=px.index[0], end=end, years=yrs,
                   btc_total_pct=total["BTC-USD"], other_total_pct=total[spec["versus"]])
