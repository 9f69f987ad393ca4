"""Helpers specific to notebook 01 ("Two economies": markets vs the real economy, claims K1-K9).

Pure functions on pandas objects; no data access here (the notebook loads data with
``research_lib.load``/``panel`` and passes series in).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from research_lib import stats


def hac(y: pd.Series, X: pd.Series | pd.DataFrame, lags: int | None = None, add_const: bool = True):
    """statsmodels results of ``stats.ols_hac`` (Newey-West errors), for t_test / params access."""
    return stats.ols_hac(y, X, lags=lags, add_const=add_const).model


def sup_wald_slope_break(y: pd.Series, x: pd.Series, trim: float = 0.15, step: int = 1):
    """Quandt-Andrews sup-Wald test for one unknown break in the *slope* of y on x, HAC-robust.

    For every candidate date tau in the central (1 - 2*trim) share of the sample, fits
    y = a + b x + c 1[t>=tau] + d x 1[t>=tau] with Newey-West errors and takes the Wald statistic
    of d = 0 (t^2). Returns (sup_wald, break_date, path). Compare sup_wald with Andrews (1993)
    asymptotic critical values for one restriction and 15% trimming: 7.17 (10%), 8.68 (5%),
    12.16 (1%). Unlike ``stats.sup_f_break`` (all coefficients, i.i.d. errors), this tests the
    slope only and is robust to autocorrelation and heteroskedasticity.
    """
    df = pd.concat([y.rename("y"), x.rename("x")], axis=1).dropna()
    n = len(df)
    lo, hi = int(np.ceil(n * trim)), int(n - np.ceil(n * trim))
    path = {}
    for i in range(lo, hi + 1, step):
        d = (np.arange(n) >= i).astype(float)
        X = pd.DataFrame({"x": df["x"].to_numpy(), "d": d, "xd": df["x"].to_numpy() * d}, index=df.index)
        r = hac(df["y"], X)
        path[df.index[i]] = float(r.tvalues["xd"] ** 2)
    w = pd.Series(path, name="wald")
    return float(w.max()), w.idxmax(), w


def yes_no(flag: bool) -> str:
    """'yes' / 'no' for readable tables and headlines."""
    return "yes" if bool(flag) else "no"
