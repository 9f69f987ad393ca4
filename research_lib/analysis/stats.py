"""Statistical tests with tidy outputs. All regressions run through statsmodels.

Conventions
- Inputs are pandas objects on a DatetimeIndex; y and X are aligned on their index (inner join)
  and rows with any missing value are dropped before estimation.
- HAC standard errors are Newey-West (Bartlett kernel, small-sample correction) with
  `lags = floor(4 * (n/100)**(2/9))` unless given; p-values use the t distribution (n - k df).
- Functions returning dicts always carry "statistic", "p_value" and "n", ready for the
  short `tests` list of a claim record.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pandas as pd
import statsmodels.api as sm
from scipy import stats as sps

__all__ = [
    "OLSResult",
    "nw_lags",
    "ols_hac",
    "newey_west_mean",
    "local_projection",
    "EventStudy",
    "event_study",
    "mean_shift_hac",
    "distributed_lag",
    "holm",
    "bootstrap_two_samples",
    "matched_difference",
    "slope_change_bootstrap",
    "rolling_market_model",
    "standardized_cars",
    "placebo_inference",
    "oos_r2",
    "engle_granger",
]

Alternative = Literal["two-sided", "greater", "less"]


# --------------------------------------------------------------------------- helpers
def nw_lags(n: int) -> int:
    """Newey-West rule-of-thumb lag length floor(4 * (n/100)**(2/9))."""
    return int(math.floor(4 * (n / 100.0) ** (2.0 / 9.0)))


def _as_frame(X: pd.Series | pd.DataFrame) -> pd.DataFrame:
    if isinstance(X, pd.Series):
        return X.to_frame(X.name if X.name is not None else "x")
    return X


def _align(y: pd.Series, X: pd.Series | pd.DataFrame, add_const: bool = True,
           dropna: bool = True) -> tuple[pd.Series, pd.DataFrame]:
    """Inner-join y and X on the index, drop incomplete rows, optionally prepend 'const'."""
    Xf = _as_frame(X)
    yname = y.name if y.name is not None else "y"
    if yname in Xf.columns:
        yname = f"{yname}_lhs"
    data = pd.concat([y.rename(yname), Xf], axis=1, join="inner")
    if dropna:
        data = data.dropna()
    ys = data[yname].astype(float)
    Xs = data[list(Xf.columns)].astype(float)
    if add_const and "const" not in Xs.columns:
        Xs.insert(0, "const", 1.0)
    return ys, Xs


def _tidy(res: Any, alpha: float = 0.05) -> pd.DataFrame:
    ci = np.asarray(res.conf_int(alpha=alpha))
    return pd.DataFrame({"coef": np.asarray(res.params), "se": np.asarray(res.bse),
                         "t": np.asarray(res.tvalues), "p": np.asarray(res.pvalues),
                         "ci_low": ci[:, 0], "ci_high": ci[:, 1]},
                        index=pd.Index(res.model.exog_names, name="term"))


def _pvalue_from_null(stat: float, null: np.ndarray, alternative: Alternative) -> float:
    """Share of null draws at least as extreme as `stat` (with the +1 correction)."""
    null = null[np.isfinite(null)]
    if alternative == "two-sided":
        hits = np.sum(np.abs(null) >= abs(stat))
    elif alternative == "greater":
        hits = np.sum(null >= stat)
    elif alternative == "less":
        hits = np.sum(null <= stat)
    else:
        raise ValueError("alternative must be 'two-sided', 'greater' or 'less'")
    return float((hits + 1) / (len(null) + 1))


# --------------------------------------------------------------------------- OLS
@dataclass(repr=False)
class OLSResult:
    """Tidy OLS result with HAC (Newey-West) inference."""

    params: pd.DataFrame  # index = regressors; columns coef, se, t, p, ci_low, ci_high
    nobs: int
    r2: float
    adj_r2: float
    lags: int
    cov_type: str
    model: Any = field(repr=False)  # statsmodels RegressionResults
    start: pd.Timestamp | None = None
    end: pd.Timestamp | None = None

    def row(self, name: str) -> pd.Series:
        """coef, se, t, p, ci_low, ci_high for one regressor."""
        return self.params.loc[name]

    def coef(self, name: str) -> float:
        return float(self.params.at[name, "coef"])

    def se(self, name: str) -> float:
        return float(self.params.at[name, "se"])

    def p(self, name: str) -> float:
        return float(self.params.at[name, "p"])

    def test(self, name: str, label: str | None = None) -> dict[str, Any]:
        """The t-test on one coefficient as an entry of a claim record's ``tests`` list."""
        r = self.row(name)
        return {"name": label or f"HAC t-test on {name} (NW lags={self.lags})",
                "statistic": float(r["t"]), "p_value": float(r["p"]), "n": self.nobs}

    def summary_frame(self) -> pd.DataFrame:
        """Coefficient table with the fit statistics attached as columns (repeated per row)."""
        out = self.params.copy()
        out["nobs"] = self.nobs
        out["r2"] = self.r2
        out["hac_lags"] = self.lags
        return out

    def _footer(self) -> str:
        span = f", {self.start:%Y-%m-%d} to {self.end:%Y-%m-%d}" if self.start is not None else ""
        return (f"N = {self.nobs}{span}; R² = {self.r2:.3f} (adj. {self.adj_r2:.3f}); "
                f"{self.cov_type} s.e., Newey-West lags = {self.lags}")

    def _display(self) -> pd.DataFrame:
        out = self.params.map(lambda v: f"{v:.4g}")
        out["p"] = self.params["p"].map(lambda v: f"{v:.3f}" if v >= 0.001 else f"{v:.1e}")
        return out

    def __str__(self) -> str:
        return f"{self._display().to_string()}\n{self._footer()}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        return self._display().to_html() + f"<p><small>{self._footer()}</small></p>"


def ols_hac(y: pd.Series, X: pd.Series | pd.DataFrame, lags: int | None = None,
            add_const: bool = True, dropna: bool = True, alpha: float = 0.05) -> OLSResult:
    """OLS of y on X with Newey-West HAC standard errors (lags default: nw_lags(n))."""
    ys, Xs = _align(y, X, add_const, dropna)
    n = len(ys)
    if n <= Xs.shape[1]:
        raise ValueError(f"only {n} complete observations for {Xs.shape[1]} parameters")
    lags = nw_lags(n) if lags is None else int(lags)
    res = sm.OLS(ys, Xs).fit(cov_type="HAC", cov_kwds={"maxlags": lags}, use_t=True)
    idx = ys.index
    start = idx[0] if isinstance(idx, pd.DatetimeIndex) else None
    end = idx[-1] if isinstance(idx, pd.DatetimeIndex) else None
    return OLSResult(params=_tidy(res, alpha), nobs=int(res.nobs), r2=float(res.rsquared),
                     adj_r2=float(res.rsquared_adj), lags=lags, cov_type="HAC", model=res,
                     start=start, end=end)


# --------------------------------------------------------------------------- lead/lag
# --------------------------------------------------------------------------- unit roots
# --------------------------------------------------------------------------- breaks
def distributed_lag(y: pd.Series, x: pd.Series, *, leads: int = 1, lags: int = 2) -> dict:
    """Regress y_t on x_{t+leads} .. x_{t-lags} with HAC (Newey-West) s.e.

    Keys: ``b[-1]`` = coefficient on next period's x (y moves *before* x), ``b[0]`` = same period,
    ``b[k]`` = x lagged k periods; ``p...``/``se...`` their HAC p-values / s.e.; ``cum`` = sum of the
    same-period and lagged coefficients (the total response of y to a change in x), with ``se_cum``
    and ``p_cum`` from a HAC linear-restriction test; ``r2``, ``n`` and the OLSResult as ``res``.
    """
    X = pd.DataFrame({f"b[{k}]": x.shift(k) for k in range(-leads, lags + 1)})
    res = ols_hac(y, X)
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


# --------------------------------------------------------------------------- means & resampling
def newey_west_mean(x: pd.Series, lags: int | None = None) -> dict[str, Any]:
    """Sample mean with Newey-West HAC s.e.; t-test of H0: mean = 0."""
    s = x.dropna().astype(float)
    res = ols_hac(s, pd.DataFrame(index=s.index), lags=lags)
    r = res.row("const")
    return {"name": f"HAC t-test of zero mean (NW lags={res.lags})", "mean": float(r["coef"]),
            "se": float(r["se"]), "statistic": float(r["t"]), "t": float(r["t"]),
            "p_value": float(r["p"]), "n": res.nobs, "lags": res.lags}


def _block_indices(n: int, block: int, rng: np.random.Generator) -> np.ndarray:
    n_blocks = int(math.ceil(n / block))
    starts = rng.integers(0, n - block + 1, size=n_blocks)
    return (starts[:, None] + np.arange(block)[None, :]).ravel()[:n]


def mean_shift_hac(y: pd.Series, break_date: str, lags: int | None = None,
                   exclude: tuple[str, str] | None = None, controls: pd.DataFrame | None = None):
    """OLS of y on a constant and a post-``break_date`` dummy (plus optional controls), Newey-West s.e.

    Thin wrapper on :func:`ols_hac`; ``exclude`` drops an inclusive date window
    (e.g. the 2020 pandemic months). Returns the ``OLSResult`` (coefficient ``post`` = the shift).
    """
    y = y.dropna()
    if exclude is not None:
        y = y[(y.index < pd.Timestamp(exclude[0])) | (y.index > pd.Timestamp(exclude[1]))]
    X = pd.DataFrame({"post": (y.index >= pd.Timestamp(break_date)).astype(float)}, index=y.index)
    if controls is not None:
        X = X.join(controls, how="left")
    return ols_hac(y, X, lags=lags)


# --------------------------------------------------------------------------- local projections
def local_projection(y: pd.Series, shock: pd.Series, horizons: Iterable[int] | int = 12,
                     controls: pd.DataFrame | pd.Series | None = None, lags: int = 4,
                     cumulative: bool = True, alpha: float = 0.05) -> pd.DataFrame:
    """Jordà local projections of y on a shock, one HAC regression per horizon h.

    cumulative=True: y is a level (e.g. 100*log) and the LHS is y_{t+h} - y_{t-1};
    cumulative=False: the LHS is y_{t+h} itself (y already a change or rate).
    RHS: shock_t, `lags` lags of the shock and of Δy (or y), and `controls` dated t.
    HAC lags = max(h + 1, nw_lags(n)). `horizons` may be an int H meaning 0..H.
    Returns index horizon with coef, se, t, p, ci_low, ci_high, n (response in y's units per
    unit of shock).
    """
    if isinstance(horizons, int):
        horizons = range(horizons + 1)
    sname = shock.name if shock.name is not None else "shock"
    base = pd.concat([y.rename("y"), shock.rename(sname)], axis=1, join="inner")
    rhs = pd.DataFrame({sname: base[sname]}, index=base.index)
    own = base["y"].diff() if cumulative else base["y"]
    for j in range(1, lags + 1):
        rhs[f"{sname}_l{j}"] = base[sname].shift(j)
        rhs[f"dy_l{j}" if cumulative else f"y_l{j}"] = own.shift(j)
    if controls is not None:
        rhs = rhs.join(_as_frame(controls), how="left")
    rows = []
    for h in horizons:
        lhs = base["y"].shift(-h) - base["y"].shift(1) if cumulative else base["y"].shift(-h)
        ys, Xs = _align(lhs.rename("lhs"), rhs)
        lag_h = max(h + 1, nw_lags(len(ys)))
        r = ols_hac(ys, Xs, lags=lag_h, add_const=False, alpha=alpha)
        rows.append({"horizon": int(h), **r.row(sname).to_dict(), "n": r.nobs, "hac_lags": lag_h})
    return pd.DataFrame(rows).set_index("horizon")


# --------------------------------------------------------------------------- event study
@dataclass
class EventStudy:
    """Market-model event study for one event."""

    event_date: pd.Timestamp  # first trading date on/after the requested date
    ar: pd.Series  # abnormal return by relative day
    car: pd.Series  # cumulative abnormal return by relative day
    dates: pd.Series  # calendar date of each relative day
    alpha: float
    beta: float
    sigma: float  # residual s.d. in the estimation window
    n_est: int
    car_total: float
    car_t: float
    car_p: float

    def frame(self) -> pd.DataFrame:
        """relative day, date, ar, car in one table."""
        return pd.DataFrame({"date": self.dates, "ar": self.ar, "car": self.car})

    def test(self, label: str | None = None) -> dict[str, Any]:
        """The CAR t-test as an entry of a claim record's ``tests`` list."""
        return {"name": label or f"CAR t-test, days {self.ar.index[0]}..{self.ar.index[-1]}",
                "statistic": self.car_t, "p_value": self.car_p, "n": self.n_est}


def event_study(returns: pd.Series, market: pd.Series, event_date: str | pd.Timestamp,
                est_window: tuple[int, int] = (-250, -30),
                event_window: tuple[int, int] = (-5, 10)) -> EventStudy:
    """Market-model abnormal returns around `event_date`.

    Windows are in trading days relative to the event (day 0 = first common observation on/after
    event_date; both ends inclusive). alpha/beta are OLS estimates on the estimation window;
    AR = r - alpha - beta * m; CAR t = CAR / (sigma * sqrt(L)) with L event days and sigma the
    estimation-window residual s.d.; p two-sided from t(n_est - 2).
    """
    data = pd.concat([returns.rename("r"), market.rename("m")], axis=1, join="inner").dropna()
    pos = int(data.index.searchsorted(pd.Timestamp(event_date)))
    if pos >= len(data):
        raise ValueError(f"no observations on or after {event_date}")
    e0, e1 = pos + est_window[0], pos + est_window[1]
    w0, w1 = pos + event_window[0], pos + event_window[1]
    if e0 < 0 or w1 >= len(data):
        raise ValueError("estimation or event window runs outside the sample")
    est = data.iloc[e0:e1 + 1]
    fit = sm.OLS(est["r"], sm.add_constant(est["m"])).fit()
    a, b = float(fit.params["const"]), float(fit.params["m"])
    sigma = float(np.sqrt(fit.scale))
    win = data.iloc[w0:w1 + 1]
    rel = pd.Index(range(event_window[0], event_window[1] + 1), name="day")
    ar = pd.Series((win["r"] - a - b * win["m"]).to_numpy(), index=rel, name="ar")
    car = ar.cumsum().rename("car")
    L = len(ar)
    t = float(car.iloc[-1] / (sigma * np.sqrt(L)))
    p = float(2 * sps.t.sf(abs(t), df=len(est) - 2))
    return EventStudy(event_date=data.index[pos], ar=ar, car=car,
                      dates=pd.Series(win.index, index=rel, name="date"), alpha=a, beta=b,
                      sigma=sigma, n_est=len(est), car_total=float(car.iloc[-1]), car_t=t, car_p=p)


# --------------------------------------------------------------------------- multiple tests
def holm(p_values: dict[str, float | None]) -> dict[str, float | None]:
    """Holm-adjusted p-values (step-down, family-wise error control) by test name.

    Missing p-values (None) are left out of the family and stay None.
    """
    named = [(k, float(v)) for k, v in p_values.items() if v is not None and np.isfinite(v)]
    named.sort(key=lambda kv: kv[1])
    m, running, out = len(named), 0.0, {k: None for k in p_values}
    for rank, (name, value) in enumerate(named):
        running = max(running, min(1.0, (m - rank) * value))
        out[name] = running
    return out


# --------------------------------------------------------------------------- two-sample bootstrap, matched events
def bootstrap_two_samples(a: pd.Series | np.ndarray, b: pd.Series | np.ndarray,
                          stat: Callable[[np.ndarray, np.ndarray], np.ndarray], *, null: float = 0.0,
                          n_boot: int = 2000, seed: int = 0, alpha: float = 0.05) -> dict[str, Any]:
    """A statistic of two independent samples with an i.i.d. bootstrap interval and p-value.

    ``stat(A, B)`` receives 2-D arrays (one resample per row) and returns one value per row, e.g.
    ``lambda A, B: A.mean(1) / B.mean(1)`` (a ratio of means) or ``np.median(A, 1) - np.median(B, 1)``.
    Each sample is resampled with replacement on its own. The interval is the percentile interval;
    the two-sided p-value of H0 ``statistic = null`` is twice the smaller share of resampled values
    on either side of ``null`` (at least ``1 / n_boot``). Missing values are dropped first.
    """
    x = np.asarray(pd.Series(a).dropna(), dtype=float)
    y = np.asarray(pd.Series(b).dropna(), dtype=float)
    if len(x) < 2 or len(y) < 2:
        raise ValueError(f"bootstrap_two_samples needs two values or more in each sample (got {len(x)} and {len(y)})")
    value = float(np.asarray(stat(x[None, :], y[None, :]))[0])
    rng = np.random.default_rng(seed)
    boot = np.asarray(stat(x[rng.integers(0, len(x), (n_boot, len(x)))],
                           y[rng.integers(0, len(y), (n_boot, len(y)))]), dtype=float)
    boot = boot[np.isfinite(boot)]
    low, high = np.quantile(boot, [alpha / 2, 1 - alpha / 2])
    p = 2 * min(np.mean(boot <= null), np.mean(boot >= null))
    return {"name": f"i.i.d. bootstrap (B={n_boot})", "statistic": value, "ci_low": float(low), "ci_high": float(high),
            "p_value": float(min(1.0, max(p, 1.0 / n_boot))), "n": len(x) + len(y), "n_a": len(x), "n_b": len(y),
            "n_boot": n_boot}


def matched_difference(y: pd.Series, treated: Iterable, eligible: pd.Series, match: pd.DataFrame,
                       tolerance: float | dict[str, float], alpha: float = 0.05) -> dict[str, Any]:
    """Treated-minus-matched-controls difference in ``y``, one unit of inference per treated date.

    For each treated date, the controls are the ``eligible`` dates (a boolean Series) whose matching
    variables (the columns of ``match``) each lie within ``tolerance`` (one number, or one per
    column) of the treated date's values; the unit's difference is ``y`` on the treated date minus
    the mean of ``y`` over its controls. Treated dates without a value or without a control are
    dropped (``dropped`` counts them). The mean difference gets a t interval with n - 1 degrees of
    freedom, the units being treated as independent. Returns statistic, ci_low, ci_high, p_value,
    n, dropped and ``units`` (a frame: treated value, control mean, number of controls, difference).
    """
    cols = list(match.columns)
    tol = np.array([tolerance[c] if isinstance(tolerance, dict) else float(tolerance) for c in cols])
    frame = pd.concat([y.rename("_y"), match, eligible.rename("_ok")], axis=1, sort=True)
    pool = frame[frame["_ok"].fillna(False).astype(bool)].dropna(subset=["_y", *cols])
    pool_y, pool_m = pool["_y"].to_numpy(float), pool[cols].to_numpy(float)
    values, keys = frame["_y"].to_numpy(float), frame[cols].to_numpy(float)
    rows, dropped = [], 0
    for d in pd.DatetimeIndex(list(treated)):
        i = frame.index.get_indexer([d])[0]
        if i < 0 or np.isnan(values[i]) or np.isnan(keys[i]).any():
            dropped += 1
            continue
        near = (np.abs(pool_m - keys[i]) <= tol).all(axis=1)
        if not near.any():
            dropped += 1
            continue
        control = float(pool_y[near].mean())
        rows.append({"date": d, "treated": float(values[i]), "controls": control,
                     "n_controls": int(near.sum()), "difference": float(values[i]) - control})
    units = pd.DataFrame(rows, columns=["date", "treated", "controls", "n_controls", "difference"]).set_index("date")
    n = len(units)
    if n < 2:
        return {"statistic": float(units["difference"].mean()) if n else float("nan"), "ci_low": None, "ci_high": None,
                "p_value": None, "n": n, "dropped": dropped, "units": units}
    diff = units["difference"].to_numpy()
    mean, se = float(diff.mean()), float(diff.std(ddof=1) / np.sqrt(n))
    q = float(sps.t.ppf(1 - alpha / 2, n - 1))
    p = float(2 * sps.t.sf(abs(mean / se), n - 1)) if se > 0 else (1.0 if mean == 0 else 0.0)
    return {"statistic": mean, "ci_low": mean - q * se, "ci_high": mean + q * se, "p_value": p, "n": n,
            "dropped": dropped, "units": units}


# --------------------------------------------------------------------------- slope change between two samples
def slope_change_bootstrap(y: pd.Series, x: pd.Series, split: str | pd.Timestamp, *, absolute: bool = True,
                           n_boot: int = 500, block: int = 6, seed: int = 0, alpha: float = 0.05) -> dict[str, Any]:
    """Change in the OLS slope of y on x from the observations before ``split`` to those from it.

    The statistic is ``|b_after| - |b_before|`` (``absolute=True``: the strength of the link,
    whatever its sign) or ``b_after - b_before``. Its interval and two-sided p-value come from a
    moving-block bootstrap that resamples each sample separately (blocks of ``block`` rows of
    (y, x) pairs, keeping serial dependence), so the two samples keep their sizes. The p-value is
    twice the share of bootstrap statistics on the far side of zero (at least 1 / (n_boot + 1)).

    Returns ``statistic``, ``low``, ``high`` (the 1 - alpha percentile interval), ``p_value``,
    ``n`` (both samples), ``n_before``, ``n_after``, ``before`` and ``after`` (the two slopes).
    """
    data = pd.concat([y.rename("y"), x.rename("x")], axis=1, sort=True).dropna()
    cut = pd.Timestamp(split)
    parts = [data[data.index < cut].to_numpy(float), data[data.index >= cut].to_numpy(float)]
    if min(len(p) for p in parts) < 3 * max(1, block):
        raise ValueError(f"too few observations on one side of {cut.date()} for blocks of {block}")

    def slope(arr: np.ndarray) -> float:
        xc = arr[:, 1] - arr[:, 1].mean()
        den = float(xc @ xc)
        return float(xc @ (arr[:, 0] - arr[:, 0].mean()) / den) if den > 0 else float("nan")

    def change(before: float, after: float) -> float:
        return abs(after) - abs(before) if absolute else after - before

    b0, b1 = slope(parts[0]), slope(parts[1])
    stat = change(b0, b1)
    rng = np.random.default_rng(seed)
    boot = np.empty(n_boot)
    for i in range(n_boot):
        draws = [p[_block_indices(len(p), min(block, len(p)), rng)] for p in parts]
        boot[i] = change(slope(draws[0]), slope(draws[1]))
    boot = boot[np.isfinite(boot)]
    low, high = (float(v) for v in np.quantile(boot, [alpha / 2, 1 - alpha / 2]))
    p_value = max(1.0 / (len(boot) + 1), min(1.0, 2 * min(np.mean(boot <= 0), np.mean(boot >= 0))))
    return {"name": f"change in {'absolute ' if absolute else ''}slope, moving-block bootstrap (block={block}, B={n_boot})",
            "statistic": stat, "low": low, "high": high, "p_value": float(p_value),
            "n": len(parts[0]) + len(parts[1]), "n_before": len(parts[0]), "n_after": len(parts[1]),
            "before": b0, "after": b1}


# --------------------------------------------------------------------------- placebo event inference, out-of-sample fit, cointegration
def rolling_market_model(r: pd.Series, m: pd.Series, est: tuple[int, int] = (-250, -30)) -> pd.DataFrame:
    """Market-model fits ``r = alpha + beta * m`` for every date t, on the days ``t+est[0] .. t+est[1]``.

    Positions are trading days of the common, complete sample of ``r`` and ``m``; both ends are
    inclusive, as in :func:`event_study`. Returns columns alpha, beta, sigma (residual s.d. with
    n - 2 degrees of freedom), r and m, indexed by date; dates whose window runs outside the
    sample are NaN. Computed from rolling sums, so a whole year of placebo dates costs one pass.
    """
    data = pd.concat([r.rename("r"), m.rename("m")], axis=1, join="inner").dropna()
    n, (e0, e1) = len(data), est
    if e1 < e0:
        raise ValueError(f"estimation window {est} ends before it starts")
    length = e1 - e0 + 1
    rv, mv = data["r"].to_numpy(float), data["m"].to_numpy(float)

    def window_sum(v: np.ndarray) -> np.ndarray:
        c = np.concatenate([[0.0], np.cumsum(v)])
        out = np.full(n, np.nan)
        pos = np.arange(n)
        lo, hi = pos + e0, pos + e1
        ok = (lo >= 0) & (hi < n)
        out[ok] = c[hi[ok] + 1] - c[lo[ok]]
        return out

    s_r, s_m, s_rr, s_mm, s_rm = (window_sum(v) for v in (rv, mv, rv * rv, mv * mv, rv * mv))
    with np.errstate(invalid="ignore", divide="ignore"):
        beta = (length * s_rm - s_r * s_m) / (length * s_mm - s_m ** 2)
        alpha = (s_r - beta * s_m) / length
        ssr = s_rr - 2 * alpha * s_r - 2 * beta * s_rm + length * alpha ** 2 + 2 * alpha * beta * s_m + beta ** 2 * s_mm
        sigma = np.sqrt(np.maximum(ssr, 0.0) / (length - 2))
    return pd.DataFrame({"alpha": alpha, "beta": beta, "sigma": sigma, "r": rv, "m": mv}, index=data.index)


def standardized_cars(r: pd.Series, m: pd.Series, window: tuple[int, int] = (0, 1),
                      est: tuple[int, int] = (-250, -30)) -> pd.DataFrame:
    """Cumulative abnormal returns over ``t+window[0] .. t+window[1]`` for every date t.

    The market model of each t is fitted on ``t+est[0] .. t+est[1]`` (:func:`rolling_market_model`);
    ``car`` is the sum of the window's abnormal returns, ``scar`` the same standardised by
    ``sigma * sqrt(L)`` (L days), i.e. the t-statistic :func:`event_study` reports, so days from a
    calm and a volatile stretch can be compared (a volatility-matched placebo). Dates whose windows
    do not fit in the sample are dropped.
    """
    fit = rolling_market_model(r, m, est)
    a, b = window
    n, length = len(fit), b - a + 1
    car = np.full(n, np.nan)
    rv, mv = fit["r"].to_numpy(), fit["m"].to_numpy()
    alpha, beta = fit["alpha"].to_numpy(), fit["beta"].to_numpy()
    pos = np.arange(n)
    ok = (pos + a >= 0) & (pos + b < n)
    for k in range(a, b + 1):
        idx = np.clip(pos + k, 0, n - 1)
        car = np.where(ok, np.nan_to_num(car) + (rv[idx] - alpha - beta * mv[idx]), np.nan)
    out = pd.DataFrame({"car": car, "scar": car / (fit["sigma"].to_numpy() * np.sqrt(length)),
                        "sigma": fit["sigma"], "beta": fit["beta"]}, index=fit.index)
    return out.dropna()


def placebo_inference(value: float, null: pd.Series | np.ndarray, alpha: float = 0.05) -> dict[str, Any]:
    """Compare one event's statistic with its placebo distribution (the same statistic on days without the event).

    The placebo draws are centred on their median; ``p_value`` is the two-sided rank p-value of
    ``value`` (with the +1 correction: never below ``1 / (n + 1)``), and ``low``/``high`` invert the
    test (shift model): ``value`` minus the upper and lower ``alpha/2`` quantiles of the centred draws.
    ``rank`` is the share of placebo draws at or below ``value``.
    """
    draws = np.asarray(null, dtype=float)
    draws = draws[np.isfinite(draws)]
    if len(draws) < 20:
        raise ValueError(f"only {len(draws)} placebo draws: need at least 20")
    centre = float(np.median(draws))
    centred = draws - centre
    p = _pvalue_from_null(value - centre, centred, "two-sided")
    q_lo, q_hi = np.quantile(centred, [alpha / 2, 1 - alpha / 2])
    return {"name": f"placebo rank test ({len(draws)} placebo days)", "statistic": float(value), "p_value": p,
            "low": float(value - q_hi), "high": float(value - q_lo), "n": len(draws), "centre": centre,
            "rank": float(np.mean(draws <= value))}


def oos_r2(y: pd.Series, full: pd.DataFrame, bench: pd.DataFrame | None, eval_start: str | pd.Timestamp,
           window: int | None = None, exclude: tuple[str, str] | None = None, alpha: float = 0.05) -> dict[str, Any]:
    """Out-of-sample R² (%) of forecasts of ``y`` from ``full`` against forecasts from ``bench``.

    Both models have a constant (``bench=None``: the constant alone, the historical mean). For every
    date t from ``eval_start`` on, each model is fitted by OLS on the complete rows before t (all of
    them, or the last ``window``) and forecasts y_t from the regressors dated t (lag them beforehand).
    ``r2`` = 100 * (1 - SSE_full / SSE_bench); its interval and two-sided ``p_value`` come from the
    Diebold-Mariano HAC t-test on the loss difference e_bench² - e_full² (conservative for nested
    models); ``cw_t`` and ``cw_p`` (one-sided) are the Clark-West adjusted test. ``exclude`` leaves
    an inclusive date range out of the evaluation (not of the estimation).
    """
    bench = pd.DataFrame(index=full.index) if bench is None else bench
    data = pd.concat([y.rename("__y"), full.add_prefix("f:"), bench.add_prefix("b:")], axis=1).dropna()
    yv = data["__y"].to_numpy(float)
    xf = np.column_stack([np.ones(len(data)), data[[c for c in data if c.startswith("f:")]].to_numpy(float)])
    xb = np.column_stack([np.ones(len(data)), data[[c for c in data if c.startswith("b:")]].to_numpy(float)])
    first = int(data.index.searchsorted(pd.Timestamp(eval_start)))
    if first < max(xf.shape[1], xb.shape[1]) + 10:
        raise ValueError("too few observations before the evaluation start to estimate the models")
    rows = []
    for i in range(first, len(data)):
        lo = 0 if window is None else max(0, i - window)
        pf = xf[i] @ np.linalg.lstsq(xf[lo:i], yv[lo:i], rcond=None)[0]
        pb = xb[i] @ np.linalg.lstsq(xb[lo:i], yv[lo:i], rcond=None)[0]
        rows.append((data.index[i], yv[i] - pb, yv[i] - pf, pb - pf))
    ev = pd.DataFrame(rows, columns=["date", "e_bench", "e_full", "gap"]).set_index("date")
    if exclude is not None:
        ev = ev[(ev.index < pd.Timestamp(exclude[0])) | (ev.index > pd.Timestamp(exclude[1]))]
    loss = ev["e_bench"] ** 2 - ev["e_full"] ** 2
    dm = newey_west_mean(loss)
    scale = float((ev["e_bench"] ** 2).mean())
    t_crit = float(sps.t.ppf(1 - alpha / 2, dm["n"] - 1))
    cw = newey_west_mean(loss + ev["gap"] ** 2)
    return {"name": "out-of-sample R² (Diebold-Mariano HAC test)", "r2": 100 * dm["mean"] / scale,
            "low": 100 * (dm["mean"] - t_crit * dm["se"]) / scale, "high": 100 * (dm["mean"] + t_crit * dm["se"]) / scale,
            "statistic": dm["t"], "p_value": dm["p_value"], "n": dm["n"], "cw_t": cw["t"],
            "cw_p": float(sps.t.sf(cw["t"], cw["n"] - 1)), "first": ev.index[0], "last": ev.index[-1]}


def engle_granger(y: pd.Series, x: pd.Series, trend: Literal["c", "ct"] = "c") -> dict[str, Any]:
    """Engle-Granger test of cointegration between y and x (H0: no cointegration; statsmodels ``coint``)."""
    from statsmodels.tsa.stattools import coint

    data = pd.concat([y.rename("y"), x.rename("x")], axis=1, join="inner").dropna()
    stat, p, crit = coint(data["y"], data["x"], trend=trend, autolag="aic")
    return {"name": "Engle-Granger cointegration test", "statistic": float(stat), "p_value": float(p),
            "crit_5pct": float(crit[1]), "n": len(data), "cointegrated": bool(p < 0.05)}
