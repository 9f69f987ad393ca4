"""Net liquidity: Fed total assets minus the Treasury General Account minus overnight reverse repo.

Units differ at the source: WALCL and WTREGEN are millions of dollars, RRPONTSYD billions.
Everything here is converted to billions of US dollars.
"""
from __future__ import annotations

import pandas as pd

from .api import panel

COMPONENTS = {"walcl": "WALCL", "tga": "WTREGEN", "rrp": "RRPONTSYD"}
TO_BILLIONS = {"WALCL": 1e-3, "WTREGEN": 1e-3, "RRPONTSYD": 1.0}


def net_liquidity(freq: str = "W-WED", start=None, end=None) -> pd.DataFrame:
    """Weekly (default, Wednesday levels) net liquidity and its components, billions of USD.

    Columns: walcl, tga, rrp, net_liquidity. WALCL and WTREGEN are Wednesday levels; RRPONTSYD is
    daily, so its last value in each week is used (the `last` rule for all three). Weeks where a
    component is missing (e.g. the TGA gap of late 2025 in the snapshot) have a missing
    net_liquidity: nothing is filled in.
    """
    raw = panel(list(COMPONENTS.values()), freq=freq, how="last", start=start, end=end)
    out = pd.DataFrame({name: raw[sid] * TO_BILLIONS[sid] for name, sid in COMPONENTS.items()})
    out["net_liquidity"] = out["walcl"] - out["tga"] - out["rrp"]
    # Daily RRP data can run into a week whose Wednesday balance sheet is not out yet: stop there.
    out = out.dropna(how="all").loc[: out["walcl"].last_valid_index()]
    out.attrs = {
        "units": "Billions of U.S. Dollars",
        "as_of": raw.attrs.get("as_of"),
        "source": "Federal Reserve H.4.1 (WALCL, WTREGEN) and New York Fed (RRPONTSYD) via FRED",
    }
    return out
