"""Helpers specific to notebook 02 (AI capex vs GDP, labour, housing and energy).

- BEA long tables (``table,line,description,time_period,value``) -> wide quarterly frames;
- contribution of a component to annualised real GDP growth from its real index and nominal share;
- a ratio-to-moving-average seasonal adjustment for the (not seasonally adjusted) Census series;
- mortgage payment arithmetic;
"""
from __future__ import annotations

import numpy as np
import pandas as pd


def bea_long_to_wide(df: pd.DataFrame, scale: float = 1.0) -> pd.DataFrame:
    """Pivot a BEA long extract to a quarterly frame: index = quarter start dates, columns = table line.

    ``scale`` multiplies the values (e.g. 1e-3 to turn BEA millions into billions).
    """
    d = df.copy()
    d["date"] = pd.PeriodIndex(d["time_period"].astype(str), freq="Q").to_timestamp()
    w = d.pivot_table(index="date", columns="line", values="value", aggfunc="last") * scale
    w.index.name = "date"
    return w


def contribution(real: pd.Series, nominal: pd.Series, gdp_nominal: pd.Series) -> pd.Series:
    """Approximate contribution (percentage points) of a component to annualised real GDP growth.

    contribution_t = (nominal_{t-1} / GDP_{t-1}) * ((real_t / real_{t-1})**4 - 1) * 100.
    This is the first-order approximation of BEA's Fisher-chained contribution (Table 1.1.2): the
    component's previous-quarter nominal share times its annualised real growth.
    """
    share = (nominal / gdp_nominal).shift(1)
    growth = ((real / real.shift(1)) ** 4 - 1.0) * 100.0
    return (share * growth).rename(real.name)


def seasonal_adjust_monthly(x: pd.Series) -> pd.Series:
    """Multiplicative seasonal adjustment by ratio to a centred 2x12 moving average.

    Seasonal factors are the mean ratio per calendar month, normalised to average 1. Good enough for
    a small, trending series; not X-13.
    """
    x = x.dropna()
    ma = x.rolling(12, center=True).mean().rolling(2).mean().shift(-1)
    ratio = x / ma
    factors = ratio.groupby(ratio.index.month).mean()
    factors = factors / factors.mean()
    return x / factors.reindex(x.index.month).to_numpy()


def mortgage_payment(price: pd.Series, rate_pct: pd.Series, ltv: float = 0.8, years: int = 30) -> pd.Series:
    """Monthly principal+interest payment on a fixed-rate loan of ``ltv * price`` at annual ``rate_pct``."""
    r = rate_pct / 100.0 / 12.0
    n = years * 12
    loan = ltv * price
    return loan * r / (1.0 - (1.0 + r) ** (-n))


def annualised_mean(q: pd.Series) -> float:
    """Mean of quarterly annualised rates (a simple average, BEA-style for half-years / years)."""
    return float(np.nanmean(q.to_numpy()))


# weights that turn seven quarterly annualised rates (Q2 of year y-1 .. Q4 of year y) into the growth of
# the annual average: log(mean level_y) - log(mean level_{y-1}) ~ sum_k w_k * r_k with w = (1,2,3,4,3,2,1)/16
ANNUAL_AVG_WEIGHTS = np.array([1, 2, 3, 4, 3, 2, 1], dtype=float) / 16.0


def annual_average_basis(q: pd.DataFrame, year: int) -> pd.Series:
    """Contributions to the growth of the *annual average* (BEA's published annual growth) from quarterly ones.

    ``q``: quarterly frame (quarter-start index) of contributions in pp at annual rates. Returns the
    tent-weighted sum over Q2 of ``year-1`` .. Q4 of ``year`` (NaN if a quarter is missing). Additive across
    components, so the parts still sum to the total; exact up to compounding (a few hundredths of a point).
    """
    idx = pd.date_range(f"{year - 1}-04-01", f"{year}-10-01", freq="QS")
    sub = q.reindex(idx)
    out = (sub.mul(ANNUAL_AVG_WEIGHTS, axis=0)).sum(min_count=len(idx))
    out[sub.isna().any()] = np.nan
    return out


def growth_conventions(level: pd.Series) -> pd.DataFrame:
    """Annual real growth from a quarterly level series under the two published conventions (percent).

    ``annual average``: mean of the four quarters of year y over the mean of year y-1 (BEA's annual figure);
    ``Q4/Q4``: fourth quarter over the fourth quarter of the year before. Complete years only.
    """
    lv = level.dropna()
    counts = lv.groupby(lv.index.year).count()
    full = counts[counts == 4].index
    a = lv.groupby(lv.index.year).mean().reindex(full)
    q4 = lv[lv.index.month == 10]
    q4.index = q4.index.year
    return pd.DataFrame({"annual average": (a / a.shift(1) - 1) * 100,
                         "Q4/Q4": (q4 / q4.shift(1) - 1).reindex(full) * 100})
