"""Series derived from the store: net liquidity, the reverse repo read honestly, trading-day
calendars, release calendars (with their known errors corrected here, visibly) and monetary-policy
surprises.

Units differ at the source: WALCL, WDTGAL and WTREGEN are millions of dollars, RRPONTSYD billions.
Net liquidity is in billions of US dollars.
"""
from __future__ import annotations

import pandas as pd

from research_lib.data.api import load, panel
from research_lib.errors import ResearchError

TO_BILLIONS = {"WALCL": 1e-3, "WDTGAL": 1e-3, "WTREGEN": 1e-3, "RRPONTSYD": 1.0}
#: The New York Fed's fixed-rate overnight reverse repo exercise began on 2013-09-23. Before it, the
#: facility ran only occasional test operations: a blank day meant no operation, nothing outstanding.
#: From then on a blank is a market holiday, and stays missing.
RRP_REGULAR_FROM = pd.Timestamp("2013-09-23")
TGA_SERIES = {"wednesday": "WDTGAL", "week average": "WTREGEN"}


def reverse_repo(blanks: str = "zero") -> pd.Series:
    """Overnight reverse repo outstanding (RRPONTSYD, billions), daily.

    ``blanks="zero"``: business days without an operation before :data:`RRP_REGULAR_FROM` count as
    zero outstanding (what a blank meant then); ``blanks="missing"``: only days with a reported value.
    """
    rrp = load("RRPONTSYD")
    if blanks == "missing":
        return rrp
    if blanks != "zero":
        raise ResearchError(f"blanks={blanks!r} is not 'zero' or 'missing'")
    days = pd.bdate_range(rrp.index[0], RRP_REGULAR_FROM - pd.Timedelta(days=1))
    early = pd.Series(0.0, index=days.difference(rrp.index), name=rrp.name)
    out = pd.concat([rrp, early]).sort_index()
    out.attrs = {**rrp.attrs, "notes": f"blank days before {RRP_REGULAR_FROM.date()} read as zero (no operation)"}
    return out


def net_liquidity(freq: str = "W-WED", start=None, end=None, tga: str = "wednesday",
                  rrp_blanks: str = "zero") -> pd.DataFrame:
    """Net liquidity = Fed total assets - Treasury General Account - overnight reverse repo, billions of USD.

    Columns: walcl, tga, rrp, net_liquidity; one row per ``freq`` period (default weeks ending
    Wednesday), each component's last observation in the period. ``tga="wednesday"`` uses the
    Wednesday level of the TGA (WDTGAL), which matches WALCL's Wednesday level; ``"week average"``
    uses WTREGEN, the average of the week's daily balances. ``rrp_blanks``: see :func:`reverse_repo`.
    Periods where a component is missing have a missing net_liquidity: nothing is filled in.
    """
    if tga not in TGA_SERIES:
        raise ResearchError(f"tga={tga!r} is not one of {', '.join(TGA_SERIES)}")
    tga_id = TGA_SERIES[tga]
    raw = panel(["WALCL", tga_id], freq=freq, how="last", start=start, end=end)
    rrp = reverse_repo(rrp_blanks).loc[start:end].resample(freq).last()
    out = pd.DataFrame({"walcl": raw["WALCL"] * TO_BILLIONS["WALCL"], "tga": raw[tga_id] * TO_BILLIONS[tga_id],
                        "rrp": rrp.reindex(raw.index.union(rrp.index))})
    out["net_liquidity"] = out["walcl"] - out["tga"] - out["rrp"]
    # Daily RRP data can run into a week whose Wednesday balance sheet is not out yet: stop there.
    out = out.dropna(how="all").loc[: out["walcl"].last_valid_index()]
    ends = {"WALCL": raw.attrs["as_of_by_series"]["WALCL"], tga_id: raw.attrs["as_of_by_series"][tga_id],
            "RRPONTSYD": str(rrp.dropna().index.max().date())}
    complete = out["net_liquidity"].dropna()
    out.attrs = {
        "units": "Billions of U.S. Dollars",
        "as_of": str(complete.index.max().date()) if len(complete) else None,
        "as_of_by_series": ends,
        "tga": tga_id,
        "source": f"Federal Reserve H.4.1 (WALCL, {tga_id}) and New York Fed (RRPONTSYD) via FRED",
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
