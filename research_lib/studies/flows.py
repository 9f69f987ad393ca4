"""Helpers specific to notebook 04 (flows over fundamentals, claims F1-F6).

Every function takes already-loaded series (from ``research_lib.load``) and returns plain numbers or
DataFrames; nothing here reads files. Conventions: daily log returns, HAC (Newey-West) inference.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from research_lib.analysis import stats
from research_lib.analysis.transforms import forward_sum

# ----------------------------------------------------------------------------------------------
# F1: lead-lag between prices and activity data
# ----------------------------------------------------------------------------------------------


def ism_release_frame(px: pd.Series, ism: pd.Series, window: int = 21) -> pd.DataFrame:
    """Around each ISM release (first trading day on/after the release date): the index log return
    (%) over the `window` trading days before, on the day, and over the `window` days after; the PMI
    and its change from the previous release."""
    lp = np.log(px.dropna())
    rows = []
    for d, v in ism.items():
        i = int(lp.index.searchsorted(d))
        if i <= window or i + window >= len(lp):
            continue
        rows.append({"date": lp.index[i], "pmi": v,
                     "ret_before": 100 * (lp.iloc[i - 1] - lp.iloc[i - 1 - window]),
                     "ret_day": 100 * (lp.iloc[i] - lp.iloc[i - 1]),
                     "ret_after": 100 * (lp.iloc[i + window] - lp.iloc[i])})
    out = pd.DataFrame(rows).set_index("date")
    out["d_pmi"] = out["pmi"].diff()
    out["d_pmi_lag"] = out["d_pmi"].shift(1)
    return out


def rate_share_by_era(ret: pd.Series, d2y_bp: pd.Series, eras: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Share of daily equity-return variance explained by same-day 2-year yield changes (R^2), by era."""
    rows = []
    for name, (a, b) in eras.items():
        df = pd.concat([ret, d2y_bp], axis=1, keys=["r", "d2y"], sort=True).loc[a:b].dropna()
        res = stats.ols_hac(df["r"], df["d2y"], lags=5)
        rows.append({"era": name, "start": df.index[0].date(), "end": df.index[-1].date(), "n": res.nobs,
                     "beta_pct_per_10bp": res.coef("d2y") * 10, "t_hac": float(res.row("d2y")["t"]),
                     "p_value": res.p("d2y"), "r2": res.r2})
    return pd.DataFrame(rows).set_index("era")


def payroll_release_dates(months: pd.DatetimeIndex) -> pd.DatetimeIndex:
    """Approximate Employment Situation release dates for reference months (BLS rule of thumb).

    The report usually comes out on the third Friday after the end of the reference week (the
    Sunday-Saturday week containing the 12th). Holiday shifts and shutdown delays (Oct 2013,
    Oct-Nov 2025) are not modelled, so a few dates are off by a day or more.
    """
    twelfth = pd.DatetimeIndex([pd.Timestamp(m.year, m.month, 12) for m in months])
    saturday = twelfth + pd.to_timedelta((5 - twelfth.dayofweek) % 7, unit="D")
    return saturday + pd.Timedelta(days=20)


def release_day_variance_ratio(ret: pd.Series, release_dates: pd.DatetimeIndex, start: str, end: str) -> dict:
    """Mean squared return on release days / mean squared return on other days (release dates are mapped
    to the first trading day on or after the date)."""
    r = ret.loc[start:end].dropna()
    pos = r.index.searchsorted(release_dates)
    pos = np.unique(pos[(pos < len(r)) & (pos > 0)])
    flag = np.zeros(len(r), dtype=bool)
    flag[pos] = True
    r2 = r ** 2
    return {"ratio": float(r2[flag].mean() / r2[~flag].mean()), "n_release": int(flag.sum()), "n": len(r),
            "share_of_variance": float(r2[flag].sum() / r2.sum()), "share_of_days": float(flag.mean())}


# ----------------------------------------------------------------------------------------------
# F2: volatility targeting
# ----------------------------------------------------------------------------------------------


def vol_target_exposure(r: pd.Series, target: float = 0.10, window: int = 21, cap: float = 1.5) -> pd.Series:
    """Exposure of a vol-target fund at the close of day t: min(cap, target / trailing realised vol).

    Realised vol = sqrt(252 * mean of r^2 over the last `window` days, including day t).
    """
    rv = np.sqrt(252 * (r ** 2).rolling(window).mean())
    return (target / rv).clip(upper=cap).rename("exposure")


def vol_target_frame(r: pd.Series, target: float = 0.10, window: int = 21, cap: float = 1.5, h: int = 5) -> pd.DataFrame:
    """Exposure, flow (change in exposure decided at close t, traded from t+1), past/forward returns and vol."""
    e = vol_target_exposure(r, target, window, cap)
    out = pd.DataFrame({"r": r, "exposure": e, "flow": e.diff()})
    out["past_ret"] = r.rolling(h).sum()
    out["fwd_ret"] = forward_sum(r, h)
    out["fwd_rv"] = np.sqrt(252 / h * forward_sum(r ** 2, h))
    out["rv_d"] = np.sqrt(252) * r.abs()
    out["rv_w"] = np.sqrt(252 / 5 * (r ** 2).rolling(5).sum())
    out["rv_m"] = np.sqrt(252 / 22 * (r ** 2).rolling(22).sum())
    return out.dropna()


def har_flow_test(fr: pd.DataFrame, h: int = 5) -> dict:
    """HAR regression of forward realised vol on daily/weekly/monthly RV plus the de-leveraging flow.

    Amplification predicts a positive coefficient on `sell` = max(-flow, 0): selling by vol-targeters
    should raise subsequent volatility beyond what volatility persistence alone predicts.
    """
    X = fr[["rv_d", "rv_w", "rv_m"]].copy()
    X["sell"] = (-fr["flow"]).clip(lower=0)
    res = stats.ols_hac(fr["fwd_rv"], X, lags=h)
    return {"coef_sell": res.coef("sell"), "t_hac": float(res.row("sell")["t"]),
            "p_value": res.p("sell"), "n": res.nobs, "r2": res.r2}


# ----------------------------------------------------------------------------------------------
# F3: trend (CTA-style) signals
# ----------------------------------------------------------------------------------------------


def trend_signals(px: pd.Series) -> pd.DataFrame:
    """+1/-1 trend states: price vs 200-day MA, 50/200-day MA cross, 12-1 month momentum (daily)."""
    lp = np.log(px)
    ma50, ma200 = px.rolling(50).mean(), px.rolling(200).mean()
    sig = pd.DataFrame({
        "price_vs_ma200": np.sign(px - ma200),
        "ma50_vs_ma200": np.sign(ma50 - ma200),
        "mom_12_1": np.sign(lp.shift(21) - lp.shift(252)),
    }, index=px.index)
    sig[(ma200.isna()) | (lp.shift(252).isna())] = np.nan
    return sig.replace(0, np.nan).ffill()


def crossing_frame(px: pd.Series, signal: pd.Series, h: int) -> pd.DataFrame:
    """Per day: signal state, crossing flag (state changed today), signed forward h-day log return."""
    lp = np.log(px)
    fwd = lp.shift(-h) - lp
    df = pd.DataFrame({"s": signal, "cross": (signal != signal.shift(1)) & signal.shift(1).notna(),
                       "signed_fwd": signal * fwd}).dropna()
    df["cross"] = df["cross"].astype(float)
    return df


# ----------------------------------------------------------------------------------------------
# F4: buyback blackout calendar
# ----------------------------------------------------------------------------------------------


def buyback_window_open(index: pd.DatetimeIndex, close_day: int = 16, reopen_day: int = 25) -> pd.Series:
    """Approximate aggregate buyback window: True = open.

    Closed from calendar day `close_day` of the last month of each calendar quarter (Mar, Jun, Sep, Dec)
    through calendar day `reopen_day` of the first month of the next quarter (Jan, Apr, Jul, Oct), when
    most S&P 500 companies have reported and their blackout (typically lifted 1-2 days after the report)
    has ended. close_day=1, reopen_day=31 gives the broad variant (the whole quarter-end month and the
    whole reporting month closed).
    """
    m, d = index.month, index.day
    closed = ((m % 3 == 0) & (d >= close_day)) | ((m % 3 == 1) & (d <= reopen_day))
    return pd.Series(~closed, index=index, name="open")


# ----------------------------------------------------------------------------------------------
# F5: VIX term structure
# ----------------------------------------------------------------------------------------------


def vix_term_frame(spx: pd.Series, vix: pd.Series, vix3m: pd.Series, horizons=(1, 5, 21)) -> pd.DataFrame:
    """Inversion flag (VIX > VIX3M at close), VIX level, VIX deviation from its 1-year mean, forward outcomes."""
    df = pd.concat([spx, vix, vix3m], axis=1, keys=["spx", "vix", "vix3m"], sort=True).dropna()
    df["inv"] = (df["vix"] > df["vix3m"]).astype(float)
    df["ratio"] = df["vix"] / df["vix3m"]
    df["log_vix"] = np.log(df["vix"])
    df["vix_dev"] = df["log_vix"] - df["log_vix"].rolling(252, min_periods=120).mean()
    lp = np.log(df["spx"])
    for h in horizons:
        df[f"ret_{h}d"] = 100 * (lp.shift(-h) - lp)
        df[f"dvix_{h}d"] = df["vix"].shift(-h) - df["vix"]
    return df


# ----------------------------------------------------------------------------------------------
# F6: liquidity decomposition
# ----------------------------------------------------------------------------------------------


def window_change(s: pd.Series, start: str, end: str) -> tuple[float, str, str]:
    """Change of s between the last observation on/before `start` and the last on/before `end`."""
    a = s.loc[:start].dropna()
    b = s.loc[:end].dropna()
    return float(b.iloc[-1] - a.iloc[-1]), str(a.index[-1].date()), str(b.index[-1].date())


def same_length_change_pctile(s: pd.Series, n_periods: int, value: float, start: str, end: str) -> float:
    """Percentile rank of `value` among all historical n-period changes of s in [start, end]."""
    ch = (s - s.shift(n_periods)).loc[start:end].dropna()
    return float((ch < value).mean() * 100)


def this_year_vs_last(s: pd.Series, year: int, base: str = "first") -> dict:
    """Change of a level series in `year` (to its last observation) beside the same calendar span one
    year earlier, and the year-on-year change at the last observation.

    base="first": from the first observation of `year` (weekly Wednesday series; avoids the year-end
    reverse-repo and TGA spikes); base="december": from December of `year`-1 (monthly series).
    The year-earlier dates are the observations nearest to the same dates one year before.
    """
    s = s.dropna()
    last = s.index[-1]
    a = s.loc[str(year)].index[0] if base == "first" else s.loc[: f"{year - 1}-12-31"].index[-1]

    def near(d: pd.Timestamp) -> pd.Timestamp:
        return s.index[s.index.get_indexer([d], method="nearest")[0]]

    a0, last0 = near(a - pd.DateOffset(years=1)), near(last - pd.DateOffset(years=1))
    return {"span": f"{a.date()} to {last.date()}", f"change in {year}": s[last] - s[a],
            f"% change in {year}": 100 * (s[last] / s[a] - 1),
            f"change, same span {year - 1}": s[last0] - s[a0],
            f"% change, same span {year - 1}": 100 * (s[last0] / s[a0] - 1),
            "level at end": s[last], "year on year change": s[last] - s[last0]}
