"""Notebook 03 (net liquidity, bitcoin as a liquidity probe, claims L1-L7 and C1): study helpers.

Everything here works on pandas objects the notebook already loaded through the project API;
nothing reads files.
"""
from __future__ import annotations

import pandas as pd

__all__ = ["decompose_changes", "exhaustion_date"]


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


