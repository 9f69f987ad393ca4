"""Event calendars and monetary-policy surprises, read from the store's tables.

The calendars were copied from hand-maintained sources; their known errors (listed in the
snapshot's manifest) are listed once, with their reasons, in :data:`CORRECTIONS`. The store keeps
these tables in a corrected form (``research_lib.data.sources.calendars`` applies the same table
when a file is imported or fetched); a table stored before that is corrected here on load. Every
loader lists the documented corrections, and where they were applied, in ``.attrs["corrections"]``.

- :func:`fomc_decisions`: FOMC decision (statement) days, 2015 on, scheduled and unscheduled
- :func:`fomc_announcements`: FOMC announcement days 2000 on, including intermeeting moves
- :func:`cpi_releases`: BLS CPI release days 2015 on, with their reference months
- :func:`employment_releases`: BLS Employment Situation (payrolls) release days, 2000-2024 rows only
- :func:`jk_shocks`: Jarocinski-Karadi monetary-policy and information shocks, by announcement or month
- :func:`bauer_swanson`: Bauer-Swanson monetary-policy surprises (raw and orthogonalised), monthly
"""
from __future__ import annotations

import pandas as pd

from research_lib.data.api import load_table
from research_lib.errors import ResearchError

#: table id -> {wrong date: right date}, with the reason, as documented by the snapshot's manifest
CORRECTIONS: dict[str, dict[str, tuple[str, str]]] = {
    "fomc_announcements": {
        "2026-05-06": ("2026-04-29", "the April 2026 meeting ended on 2026-04-29 (the 2015-2026 decisions file agrees)"),
    },
    "employment_situation_release_dates": {
        "2010-12-04": ("2009-12-04", "2010-12-04 is a Saturday; the November 2009 report came out on Friday 2009-12-04"),
        "2010-11-06": ("2009-11-06", "2010-11-06 is a Saturday; the October 2009 report came out on Friday 2009-11-06"),
    },
}
#: Employment Situation rows before 2000 look rule-generated (some fall on holidays): not used.
EMPLOYMENT_FROM, EMPLOYMENT_TO = "2000-01-01", "2024-12-31"


def _dates(values: pd.Series, table: str) -> tuple[pd.DatetimeIndex, list[str]]:
    fixes = CORRECTIONS.get(table, {})
    text = values.astype(str).str.strip()
    applied = [f"{wrong} -> {right}: {why} ({'corrected on load' if (text == wrong).any() else 'corrected when stored'})"
               for wrong, (right, why) in fixes.items()]
    text = text.replace({wrong: right for wrong, (right, _) in fixes.items()})
    try:
        dates = pd.DatetimeIndex(pd.to_datetime(text, format="%Y-%m-%d"))
    except ValueError:
        raise ResearchError(f"{table}: a date is not YYYY-MM-DD: re-import the calendar") from None
    return dates.sort_values().unique(), applied


def fomc_decisions(include_unscheduled: bool = True) -> pd.DataFrame:
    """FOMC decision days (statement day) with meeting start and type, indexed by decision date."""
    table = load_table("fomc_decisions")
    _, applied = _dates(table["decision_date"], "fomc_decisions")
    out = table.assign(decision_date=pd.to_datetime(table["decision_date"])).set_index("decision_date").sort_index()
    if not include_unscheduled:
        out = out[out["type"] == "scheduled"]
    out.attrs = {"id": "fomc_decisions", "corrections": applied, "as_of": str(out.index.max().date())}
    return out


def _events(dates: pd.DatetimeIndex, name: str, table: str, applied: list[str]) -> pd.Series:
    out = pd.Series(name, index=pd.DatetimeIndex(dates, name="date"), name="event")
    out.attrs = {"id": table, "corrections": applied, "as_of": str(out.index.max().date()) if len(out) else None}
    return out


def fomc_announcements() -> pd.Series:
    """FOMC announcement days from 2000, intermeeting moves included (the April 2026 date corrected).

    A Series indexed by date (value ``"FOMC"``); ``.attrs["corrections"]`` lists the fixes applied.
    """
    table = load_table("fomc_announcements")
    dates, applied = _dates(table["date"], "fomc_announcements")
    return _events(dates, "FOMC", "fomc_announcements", applied)


def cpi_releases() -> pd.Series:
    """CPI release days (index) with the reference month they report (value: first day of that month)."""
    table = load_table("cpi_release_dates")
    _, applied = _dates(table["release_date"], "cpi_release_dates")
    ref = pd.to_datetime(table["reference_month"], format="%B %Y")
    out = pd.Series(ref.to_numpy(), index=pd.DatetimeIndex(pd.to_datetime(table["release_date"]), name="date"),
                    name="reference_month").sort_index()
    out.attrs = {"id": "cpi_release_dates", "corrections": applied, "as_of": str(out.index.max().date())}
    return out


def employment_releases() -> pd.Series:
    """Employment Situation release days, 2000-2024 (value ``"payrolls"``; two Saturday typos corrected)."""
    table = load_table("employment_situation_release_dates")
    dates, applied = _dates(table["Date"], "employment_situation_release_dates")
    dates = dates[(dates >= EMPLOYMENT_FROM) & (dates <= EMPLOYMENT_TO)]
    return _events(dates, "payrolls", "employment_situation_release_dates", applied)


def jk_shocks(by: str = "announcement") -> pd.DataFrame:
    """Jarocinski-Karadi shocks (percentage points): MP and CBI (poor man's sign restriction and
    median rotation) and pc1, per FOMC announcement (date index) or summed per month (month start)."""
    if by == "announcement":
        table = load_table("jk_shocks_by_announcement")
        out = table.assign(date=pd.to_datetime(table["start"]).dt.normalize()).drop(columns="start").set_index("date")
    elif by == "month":
        table = load_table("jk_shocks_monthly")
        idx = pd.to_datetime(dict(year=table["year"], month=table["month"], day=1))
        out = table.drop(columns=["year", "month"]).set_index(idx.rename("date"))
    else:
        raise ResearchError(f"by={by!r} is not 'announcement' or 'month'")
    out = out.sort_index()
    out.attrs = {"id": table.attrs.get("id"), "units": "percentage points", "as_of": str(out.index.max().date())}
    return out


def bauer_swanson() -> pd.DataFrame:
    """Bauer-Swanson monetary-policy surprises per month (MPS raw, MPS_ORTH orthogonalised to the
    macro news known before the meeting), month-start index, months with a value only."""
    table = load_table("bousquet_mps_monthly")
    idx = pd.to_datetime(table["datestr"], format="%m/%d/%Y").rename("date")
    out = table.set_index(idx)[["MPS", "MPS_ORTH"]].dropna(how="all").sort_index()
    out.attrs = {"id": "bousquet_mps_monthly", "units": "percentage points", "as_of": str(out.index.max().date())}
    return out
