"""Net liquidity: Fed total assets minus the Treasury General Account minus overnight reverse repo.

Units differ at the source: WALCL and WTREGEN are millions of dollars, RRPONTSYD billions.
Everything here is converted to billions of US dollars.
"""
from __future__ import annotations

import pandas as pd

from research_lib.data.api import load, panel

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


def daily_on_calendar(ids: dict[str, str] | list[str], calendar: str = "^GSPC", start=None) -> pd.DataFrame:
    """Daily closes of `ids` on the trading days of `calendar` (default the S&P 500).

    Each column holds the series' own close on that date (crypto: the close of that UTC calendar
    day, about three hours after the New York close); a date the series lacks (a futures holiday) carries its previous close, so
    its move lands on the next common trading day. Weekend crypto moves therefore fold into
    Monday's return. (`panel(freq="B")` is not used here: its Friday bin also holds Saturday and
    Sunday, so its "last" value for crypto is Sunday's close.)
    """
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
