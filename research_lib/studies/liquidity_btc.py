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


def _placebo_pool(index: pd.DatetimeIndex, pos: int, pool: int, placebos: str) -> pd.DatetimeIndex:
    """The ``pool`` trading days before the event, ending five days before it (no overlap with the
    run-up); ``placebos="Fridays"`` keeps the Fridays (the same weekend inside a [0, +1] window)."""
    days = index[max(0, pos - 5 - int(pool)): pos - 5]
    return days[days.day_of_week == 4] if placebos == "Fridays" else days


def _register_event(spec, r: pd.Series, m: pd.Series, last_day: int) -> None:
    """The event study uses data up to the window's last day: that is its as-of."""
    index = pd.concat([r, m], axis=1).dropna().index
    last = index[int(index.searchsorted(NOMINATION)) + last_day]
    for sid in (spec["asset"], spec["market"]):
        _used(spec, sid, last)


def event_draws(r: pd.Series, m: pd.Series, days: tuple[int, int] = (0, 1), pool: int = 250,
                placebos: str = "all") -> tuple[pd.Series | None, pd.Series, pd.Timestamp]:
    """The nomination's standardised CAR over ``days`` (the row of :func:`stats.standardized_cars`
    on day 0, or None when the window runs past the data) and the same statistic on each placebo day."""
    sc = stats.standardized_cars(r, m, window=tuple(days))
    index = pd.concat([r, m], axis=1).dropna().index
    pos = int(index.searchsorted(NOMINATION))
    day0 = index[pos]
    null = sc["scar"].reindex(_placebo_pool(index, pos, pool, placebos)).dropna()
    return (sc.loc[day0] if day0 in sc.index else None), null, day0


def nomination_reaction(spec) -> dict:
    """L6: the asset's standardised cumulative abnormal return over the days ``days`` around the
    nomination (market model fitted on days -250..-30), against the same statistic on the placebo
    days of the preceding year (each standardised by its own estimation-window volatility):
    placebo rank p-value and the interval from inverting it.

    Parameters: asset, market, days (first, last), pool (placebo days), placebos ("all" | "Fridays").
    """
    r, m = _event_frame(spec)
    ev, null, day0 = event_draws(r, m, spec["days"], spec["pool"], spec["placebos"])
    if ev is None:
        return _fields(None, n=0, note="the event window runs past the data visible in this window")
    inf = stats.placebo_inference(float(ev["scar"]), null)
    _register_event(spec, r, m, spec["days"][1])
    return _fields(ev["scar"], inf["low"], inf["high"], inf["p_value"], inf["n"], car_pct=float(ev["car"]),
                   sigma_pct=float(ev["sigma"]), rank=inf["rank"], day0=day0)


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
    pool = _placebo_pool(index, pos, spec["pool"], spec["placebos"])
    inf = stats.placebo_inference(float(stat.loc[day0]), stat.reindex(pool).dropna())
    _register_event(spec, r, m, spec["after"][1])
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


# ============================================================================ charts
def _fig(nrows: int = 1, ncols: int = 1, figsize=(10.0, 5.0), **kw):
    import matplotlib.pyplot as plt

    return plt.subplots(nrows, ncols, figsize=figsize, **kw)


def _date_axis(ax) -> None:
    import matplotlib.dates as mdates

    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(ax.xaxis.get_major_locator()))


def plot_net_liquidity(nl: pd.DataFrame, start: str = "2008-01-01"):
    """Fed assets, net liquidity, the Treasury's cash and the reverse repo (trillions), weekly."""
    from research_lib.analysis import plotting as rplt

    fig, ax = _fig()
    frame = nl.loc[start:] / 1000
    for col, label, style in [("walcl", "Fed total assets", "-"), ("net_liquidity", "Net liquidity", "-"),
                              ("tga", "Treasury General Account", "--"), ("rrp", "Overnight reverse repo", "--")]:
        s = frame[col].dropna()
        ax.plot(s.index, s.to_numpy(), ls=style, label=label)
    ax.set_xlim(frame.index[0], frame.dropna().index[-1])
    rplt.shade_recessions(ax)
    ax.set_ylabel("Trillions of US dollars")
    ax.set_title("Net liquidity rose with QE, fell with QT, and the reverse repo has emptied")
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, "Federal Reserve H.4.1 (WALCL, WDTGAL: Wednesday levels), New York Fed (RRPONTSYD, "
                 "Wednesday values) via FRED", nl.attrs.get("as_of"), note="Shaded: NBER recessions.")
    return fig


def plot_reverse_repo(rrp: pd.Series, exhausted: pd.Timestamp, start: str = "2021-01-01"):
    """The overnight reverse repo (billions, daily), its record and the exhaustion date."""
    from research_lib.analysis import plotting as rplt

    s = rrp.loc[start:].dropna()
    fig, ax = _fig(figsize=(10.0, 4.4))
    ax.plot(s.index, s.to_numpy(), color="C3", lw=1.2, label="Overnight reverse repo, daily")
    peak_day = s.idxmax()
    ax.annotate(f"record \\${s.max():,.0f}bn, {peak_day:%d %b %Y}", (peak_day, s.max()), xytext=(10, -4),
                textcoords="offset points", fontsize=9)
    ax.axvline(exhausted, color="0.2", ls=":", lw=1.2)
    ax.annotate(f"exhausted: below \\$50bn\nfor good from {exhausted:%d %b %Y}", (exhausted, s.max() * 0.55),
                xytext=(-8, 0), textcoords="offset points", ha="right", fontsize=9)
    ax.set_xlim(s.index[0], s.index[-1])
    _date_axis(ax)
    ax.set_ylabel("Billions of US dollars")
    ax.set_title(f"The dry powder ran out: the reverse repo fell from \\${s.max() / 1000:.2f}tn to under \\$50bn by {exhausted:%B %Y}")
    rplt.caption(ax, "New York Fed (RRPONTSYD) via FRED; daily", s.index[-1])
    return fig


def plot_liquidity_periods(dec: pd.DataFrame):
    """Change in net liquidity by period, split into its pipes (trillions)."""
    from research_lib.analysis import plotting as rplt

    fig, ax = _fig(figsize=(10.0, 4.8))
    parts = ["Fed balance sheet", "Treasury cash (TGA)", "Reverse repo"]
    x = np.arange(len(dec))
    pos_base, neg_base = np.zeros(len(dec)), np.zeros(len(dec))
    for col, color in zip(parts, ["C0", "C2", "C3"]):
        v = dec[col].to_numpy() / 1000
        base = np.where(v >= 0, pos_base, neg_base)
        ax.bar(x, v, bottom=base, width=0.6, color=color, label=col)
        pos_base, neg_base = pos_base + np.where(v >= 0, v, 0), neg_base + np.where(v < 0, v, 0)
    ax.scatter(x, dec["Net liquidity"] / 1000, color="black", zorder=3, label="Net liquidity (sum)")
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xticks(x, [f"{name}\n{row['from']} to {row['to']}" for name, row in dec.iterrows()], fontsize=8.5)
    ax.set_ylabel("Change over the period, trillions of US dollars")
    ax.grid(axis="x", visible=False)
    ax.set_title("While the reverse repo drained, its release offset the Fed's shrinking balance sheet")
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, "FRED (WALCL, WDTGAL, RRPONTSYD); Wednesday levels", dec["to"].max())
    return fig


def plot_yields(levels: pd.DataFrame, spread: pd.Series, exhausted, essay_date, title: str):
    """Treasury, real and Baa yields (%) with the Baa spread (bp, right axis)."""
    from research_lib.analysis import plotting as rplt

    fig, ax = _fig()
    for col in levels:
        s = levels[col].dropna()
        ax.plot(s.index, s.to_numpy(), label=col)
    right = rplt.twin_axis(ax, "Baa spread over the 10-year, bp")
    right.plot(spread.index, spread.to_numpy() * 100, color="0.45", ls="--", lw=1.2, label="Baa spread (right)")
    for when, text in [(exhausted, "reverse repo exhausted"), (essay_date, "essay")]:
        ax.axvline(when, color="0.2", ls=":", lw=1)
        ax.annotate(text, (when, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -12), textcoords="offset points", fontsize=9)
    ax.set_xlim(levels.index[0], levels.dropna(how="all").index[-1])
    _date_axis(ax)
    ax.set_ylabel("Yield, %")
    ax.set_title(title)
    handles, labels = (sum(x, []) for x in zip(ax.get_legend_handles_labels(), right.get_legend_handles_labels()))
    ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.1, 1.0), borderaxespad=0)  # right of the right axis
    rplt.caption(ax, "FRED (DGS10, DFII10, BAA10Y): daily; Baa yield = 10-year yield + Baa spread, same day",
                 min(levels.dropna().index[-1], spread.dropna().index[-1]))
    return fig


def plot_after_essay(px: pd.DataFrame, groups: dict[str, str], start, title: str):
    """Prices rebased to 100 at ``start`` on a log scale, coloured by group."""
    from research_lib.analysis import plotting as rplt

    fig, ax = _fig(figsize=(10.0, 4.8))
    reb = 100 * px.loc[start:] / px.loc[start:].iloc[0]
    colors = {"memory makers": ["#1f4e9c", "#5b8fd6"], "long-duration": ["#d9822b", "#b85c00", "#e8b04a"]}
    used = {k: 0 for k in colors}
    for col in reb:
        g = groups[col]
        ax.plot(reb.index, reb[col].to_numpy(), color=colors[g][used[g] % len(colors[g])], label=f"{col} ({g})")
        used[g] += 1
    ax.axhline(100, color="0.3", lw=0.8)
    rplt.plain_log_axis(ax)
    ax.set_xlim(reb.index[0], reb.index[-1])
    _date_axis(ax)
    ax.set_ylabel(f"Price, {pd.Timestamp(start):%d %b %Y} = 100 (log scale)")
    ax.set_title(title)
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, "Yahoo (MU, SNDK, BTC-USD, ARKK, IGV); daily closes on S&P 500 trading days", reb.index[-1])
    return fig


def plot_responses(paths: dict[str, pd.DataFrame], title: str, ylabel: str, source: str, as_of):
    """Local-projection responses by horizon with their 95% HAC intervals."""
    from research_lib.analysis import plotting as rplt

    fig, ax = _fig(figsize=(10.0, 4.6))
    for i, (name, lp) in enumerate(paths.items()):
        ax.plot(lp.index, lp["coef"], color=f"C{i}", marker="o", ms=3, label=name)
        ax.fill_between(lp.index, lp["ci_low"], lp["ci_high"], color=f"C{i}", alpha=0.15, lw=0)
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xlabel("Weeks after the change in net liquidity")
    ax.set_ylabel(ylabel)
    ax.set_title(title)
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, source, as_of, note="Bands: 95% HAC intervals.")
    return fig


def plot_btc_m2(btc: pd.Series, m2: pd.Series, start, end):
    """Bitcoin and M2: log levels (left) and 12-month changes (right), monthly."""
    from matplotlib.ticker import FuncFormatter

    from research_lib.analysis import plotting as rplt

    fig, (left, right) = _fig(1, 2, figsize=(11.0, 4.4))
    data = pd.concat([btc.rename("btc"), m2.rename("m2")], axis=1).loc[start:end].dropna()
    left.plot(data.index, data["btc"], color="C1", label="Bitcoin, US dollars (left scale)")
    rplt.plain_log_axis(left)
    left.set_ylabel("Bitcoin, US dollars (log scale)")
    other = rplt.twin_axis(left, "US M2, $ trillions (log scale)", log=True)
    other.plot(data.index, data["m2"] / 1000, color="C0", label="US M2 (right scale)")
    other.yaxis.set_major_formatter(FuncFormatter(lambda x, _: f"{x:,.0f}"))
    left.set_title("Levels: both trend up", fontsize=11)
    handles, labels = (sum(x, []) for x in zip(left.get_legend_handles_labels(), other.get_legend_handles_labels()))
    left.legend(handles, labels, loc="upper left")  # the early years leave the top left empty
    chg = 100 * np.log(data).diff(12).dropna()
    right.scatter(chg["m2"], chg["btc"], s=12, alpha=0.6)
    right.axhline(0, color="0.3", lw=0.8)
    right.axvline(0, color="0.3", lw=0.8)
    right.set_xlabel("US M2, 12-month log change, %")
    right.set_ylabel("Bitcoin, 12-month log change, %")
    right.set_title("Changes: M2 almost always rose; bitcoin did not follow", fontsize=11)
    fig.suptitle("Bitcoin and money supply share a trend, not their moves", x=0.01, ha="left", fontweight="bold")
    rplt.caption(left, "Blockchain.com (bitcoin to 2014-08), Yahoo (BTC-USD), FRED (M2SL); month-end", data.index[-1])
    return fig


def plot_rout(px: pd.DataFrame, start, end, shade: tuple, title: str):
    """Prices rebased to 100 at ``start`` around the early-2026 rout, the sell-off window shaded."""
    from research_lib.analysis import plotting as rplt

    fig, ax = _fig(figsize=(10.0, 4.6))
    reb = px.loc[start:end].ffill()
    reb = 100 * reb / reb.iloc[0]
    for col in reb:
        ax.plot(reb.index, reb[col].to_numpy(), label=col, lw=2.0 if col == "Bitcoin" else 1.4)
    ax.axvspan(shade[0], shade[1], color="0.85", alpha=0.8, lw=0, zorder=0)
    ax.axhline(100, color="0.3", lw=0.8)
    ax.set_xlim(reb.index[0], reb.index[-1])
    _date_axis(ax)
    ax.set_ylabel(f"Price, {pd.Timestamp(start):%d %b %Y} = 100")
    ax.set_title(title)
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, "Yahoo (BTC-USD, GC=F, SI=F, ^GSPC, ^IXIC); daily closes", reb.index[-1],
                 note=f"Shaded: {pd.Timestamp(shade[0]):%d %b} close to {pd.Timestamp(shade[1]):%d %b %Y}.")
    return fig


def plot_event(car: pd.DataFrame, title: str, as_of):
    """Cumulative abnormal returns (%) by trading day around the nomination."""
    from research_lib.analysis import plotting as rplt

    fig, ax = _fig(figsize=(10.0, 4.6))
    for col in car:
        ax.plot(car.index, car[col].to_numpy(), marker="o", ms=3, label=col)
    ax.axvline(0, color="0.2", ls=":", lw=1.2)
    ax.axvspan(-0.5, 1.5, color="0.88", lw=0, zorder=0)
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xlabel("Trading days from the nomination (day 0 = Friday 30 January 2026; day +1 includes the weekend)")
    ax.set_ylabel("Cumulative abnormal return since day -10, %")
    ax.set_title(title)
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, "Yahoo (BTC-USD, ETH-USD, GC=F, SI=F, ^GSPC); market model on the S&P 500, days -250 to -30", as_of,
                 note="Shaded: days 0 and +1.")
    return fig


def plot_placebos(draws: dict[str, tuple[float, pd.Series]], as_of, title: str):
    """Each asset's standardised [0, +1] abnormal return against its placebo days (histograms)."""
    from matplotlib.ticker import MaxNLocator

    from research_lib.analysis import plotting as rplt

    fig, axes = _fig(1, len(draws), figsize=(11.0, 3.8), sharey=True)
    for ax, (name, (event, null)) in zip(np.atleast_1d(axes), draws.items()):
        lo = min(float(null.min()), event) - 0.5
        hi = max(float(null.max()), event) + 0.5
        ax.hist(null, bins=np.arange(np.floor(lo), np.ceil(hi) + 0.5, 0.5), color="0.6")
        ax.axvline(event, color="C3", lw=2)
        ax.set_title(f"{name}: {event:+.1f} s.d.", fontsize=11)
        ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    np.atleast_1d(axes)[0].set_ylabel("Number of placebo days")
    fig.supxlabel("Abnormal return over days 0 and +1, in s.d. of the asset's two-day abnormal return", fontsize=10)
    fig.suptitle(title, x=0.01, ha="left", fontweight="bold")
    rplt.caption(np.atleast_1d(axes)[0], "Yahoo; placebo days: the 250 trading days ending a week before the nomination", as_of,
                 note="Red line: the nomination.")
    return fig


def plot_reserves(spread: pd.Series, sources: pd.DataFrame, essay_date, title: str):
    """Money-market pressure (bp, top) beside the sources of the change in bank reserves (billions, bottom)."""
    from research_lib.analysis import plotting as rplt

    fig, (top, bottom) = _fig(2, 1, figsize=(10.0, 6.6), sharex=True, gridspec_kw={"height_ratios": [1, 1.5]})
    top.bar(spread.index, spread.to_numpy(), width=5, color=np.where(spread.to_numpy() > 0, "C3", "C0"))
    top.axhline(0, color="0.3", lw=0.8)
    top.set_ylabel("SOFR minus IORB,\nweek average, bp")
    for col, color in zip(["Fed assets", "Treasury cash (TGA)", "Reverse repo", "Other items"], ["C0", "C2", "C3", "0.6"]):
        bottom.plot(sources.index, sources[col].to_numpy(), color=color, lw=1.3, label=col)
    bottom.plot(sources.index, sources["Bank reserves"].to_numpy(), color="black", lw=2.2, label="Bank reserves (sum)")
    bottom.axhline(0, color="0.3", lw=0.8)
    bottom.set_ylabel(f"Change since {sources.index[0]:%d %b %Y},\nbillions of US dollars")
    for ax in (top, bottom):
        ax.axvline(essay_date, color="0.2", ls=":", lw=1.2)
    top.annotate("essay", (essay_date, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -12), textcoords="offset points", fontsize=9)
    _date_axis(bottom)
    top.set_title(title)
    rplt.legend_outside(bottom, loc="right")
    rplt.caption(bottom, "FRED (SOFR, IORB, WRESBAL week averages; WALCL, WDTGAL, RRPONTSYD Wednesday levels)",
                 sources.index[-1], note="Other items include the gap between reserves' week average and Wednesday levels.")
    return fig


def plot_long_run(px: pd.DataFrame, title: str):
    """Prices rebased to 100 at the first date, log scale."""
    from research_lib.analysis import plotting as rplt

    fig, ax = _fig(figsize=(10.0, 4.6))
    for col in px:
        s = px[col].dropna()
        ax.plot(s.index, 100 * s.to_numpy() / s.iloc[0], label=col, lw=1.8 if col == "Bitcoin" else 1.3)
    reb = px.dropna(how="all")
    rplt.plain_log_axis(ax)
    ax.set_xlim(reb.index[0], reb.index[-1])
    rplt.shade_recessions(ax)
    _date_axis(ax)
    ax.set_ylabel(f"Price, {reb.index[0]:%d %b %Y} = 100 (log scale)")
    ax.set_title(title)
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, "Yahoo (BTC-USD, SPY with dividends, GC=F); daily closes, each series to its own last day", reb.index[-1])
    return fig
