"""Helpers specific to notebook 03 (net liquidity, bitcoin as a liquidity probe).

Everything here works on pandas objects the notebook already loaded through the project API;
nothing reads files. Regressions go through `research_lib.stats.ols_hac` (Newey-West s.e.).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from . import stats

__all__ = [
    "distributed_lag",
    "placebo_cars",
    "decompose_changes",
    "exhaustion_date",
    "daily_on_calendar",
    "first_complete_week",
]


def distributed_lag(y: pd.Series, x: pd.Series, *, leads: int = 1, lags: int = 2) -> dict:
    """Regress y_t on x_{t+leads} .. x_{t-lags} with HAC (Newey-West) s.e.

    Keys: ``b[-1]`` = coefficient on next period's x (y moves *before* x), ``b[0]`` = same period,
    ``b[k]`` = x lagged k periods; ``p...``/``se...`` their HAC p-values / s.e.; ``cum`` = sum of the
    same-period and lagged coefficients (the total response of y to a change in x), with ``se_cum``
    and ``p_cum`` from a HAC linear-restriction test; ``r2``, ``n`` and the OLSResult as ``res``.
    """
    X = pd.DataFrame({f"b[{k}]": x.shift(k) for k in range(-leads, lags + 1)})
    res = stats.ols_hac(y, X)
    out: dict = {"res": res, "n": res.nobs, "r2": res.r2}
    for c in X.columns:
        out[c], out[f"se{c}"], out[f"p{c}"] = res.coef(c), res.se(c), res.p(c)
    names = [f"b[{k}]" for k in range(0, lags + 1)]
    R = np.array([[1.0 if p in names else 0.0 for p in res.model.params.index]])
    t = res.model.t_test(R)
    out["cum"] = float(np.squeeze(t.effect))
    out["se_cum"] = float(np.squeeze(t.sd))
    out["t_cum"] = float(np.squeeze(t.tvalue))
    out["p_cum"] = float(np.squeeze(t.pvalue))
    return out


def placebo_cars(r: pd.Series, rm: pd.Series, dates, **kw) -> pd.Series:
    """Total CAR from `stats.event_study` for each placebo event date (dates whose windows do not
    fit in the sample are skipped)."""
    out = {}
    for d in dates:
        try:
            out[pd.Timestamp(d)] = stats.event_study(r, rm, d, **kw).car_total
        except ValueError:
            continue
    return pd.Series(out, name="car", dtype="float64")


def exhaustion_date(rrp: pd.Series, threshold: float = 50.0, horizon: int = 13) -> pd.Timestamp:
    """First date at which `rrp` is below `threshold` and its median over that date and the next
    `horizon - 1` observations is also below it (a drain that lasted, not a one-week dip)."""
    below = rrp < threshold
    fwd_med = rrp[::-1].rolling(horizon, min_periods=horizon).median()[::-1]
    hit = below & (fwd_med < threshold)
    if not hit.any():
        raise ValueError(f"series never stays below {threshold}")
    return hit[hit].index[0]


def decompose_changes(nl: pd.DataFrame, periods: dict[str, tuple[str, str]]) -> pd.DataFrame:
    """Change in net liquidity over each period split into its pipes (billions of USD).

    `nl` has columns walcl, tga, rrp (billions); net = walcl - tga - rrp, so the contributions are
    +Δwalcl, -Δtga, -Δrrp. Each period uses the first and last rows with all three components
    observed inside [start, end]."""
    rows = []
    comp = nl[["walcl", "tga", "rrp"]].dropna()
    for name, (a, b) in periods.items():
        seg = comp.loc[a:b]
        if len(seg) < 2:
            continue
        d = seg.iloc[-1] - seg.iloc[0]
        rows.append({"period": name, "from": str(seg.index[0].date()), "to": str(seg.index[-1].date()),
                     "Fed balance sheet (+ΔWALCL)": d["walcl"], "TGA (−ΔTGA)": -d["tga"],
                     "Reverse repo (−ΔRRP)": -d["rrp"], "Net liquidity Δ": d["walcl"] - d["tga"] - d["rrp"]})
    return pd.DataFrame(rows).set_index("period")


def daily_on_calendar(ids: dict[str, str] | list[str], calendar: str = "^GSPC", start=None) -> pd.DataFrame:
    """Daily closes of `ids` on the trading days of `calendar` (default the S&P 500).

    Each column holds the series' own close on that date (crypto: the close of that UTC calendar
    day, about three hours after the New York close); a date the series lacks (a futures holiday) carries its previous close, so
    its move lands on the next common trading day. Weekend crypto moves therefore fold into
    Monday's return. (`panel(freq="B")` is not used here: its Friday bin also holds Saturday and
    Sunday, so its "last" value for crypto is Sunday's close.)
    """
    from .api import load

    names = ids if isinstance(ids, dict) else {i: i for i in ids}
    cal = load(calendar, start=start).index
    cols, as_of = {}, []
    for sid, lab in names.items():
        s = load(sid, start=start)
        as_of.append(s.attrs.get("as_of", str(s.index.max().date())))
        cols[lab] = s.reindex(s.index.union(cal)).ffill().reindex(cal)
    out = pd.DataFrame(cols, index=cal)
    out.attrs["as_of"] = min(max(as_of), str(cal.max().date()))
    return out


def first_complete_week(s: pd.Series) -> pd.Timestamp:
    """First date after the last missing value of `s` (up to its last observation): the start of
    the stretch over which the series is observed every period. Used for RRPONTSYD, reported only
    sporadically before the facility's regular use from late 2013."""
    s = s.loc[: s.last_valid_index()]
    miss = s.isna()
    if not miss.any():
        return s.index[0]
    return s.index[s.index.get_loc(miss[miss].index[-1]) + 1]
