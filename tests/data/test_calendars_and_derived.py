"""Release calendars (known errors corrected in code), policy surprises, net liquidity variants."""
from __future__ import annotations

import pandas as pd
import pytest

from research_lib.data import calendars, derived


@pytest.fixture
def real_store(full_store, monkeypatch):
    monkeypatch.setenv("RESEARCH_DATA_DIR", str(full_store.store.root))
    return full_store.store


def test_calendar_errors_are_corrected_visibly(real_store):
    fomc = calendars.fomc_announcements()
    assert pd.Timestamp("2026-04-29") in fomc.index and pd.Timestamp("2026-05-06") not in fomc.index
    assert any(c.startswith("2026-05-06 -> 2026-04-29") for c in fomc.attrs["corrections"])
    payrolls = calendars.employment_releases()
    assert pd.Timestamp("2009-12-04") in payrolls.index and pd.Timestamp("2010-12-04") not in payrolls.index
    assert len(payrolls.attrs["corrections"]) == 2
    assert (payrolls.index.day_of_week < 5).all()  # no Saturday left
    assert payrolls.index.min() >= pd.Timestamp("2000-01-01") and payrolls.index.max() <= pd.Timestamp("2024-12-31")


def test_cpi_and_fomc_decisions(real_store):
    cpi = calendars.cpi_releases()
    assert cpi.loc["2025-10-24"] == pd.Timestamp("2025-09-01")  # September 2025 CPI, delayed by the shutdown
    assert not (cpi == pd.Timestamp("2025-10-01")).any()         # no October 2025 CPI
    decisions = calendars.fomc_decisions()
    assert {"2020-03-03", "2020-03-15"} <= {str(d.date()) for d in decisions[decisions["type"] == "unscheduled"].index}
    assert len(calendars.fomc_decisions(include_unscheduled=False)) == len(decisions) - 2


def test_policy_surprises(real_store):
    ann, month = calendars.jk_shocks(), calendars.jk_shocks("month")
    assert {"MP_pm", "CBI_pm", "pc1"} <= set(ann.columns) and ann.index.is_monotonic_increasing
    sept = month.loc["2024-09-01"]
    assert sept["MP_pm"] == pytest.approx(ann.loc["2024-09-18", "MP_pm"])
    bs = calendars.bauer_swanson()
    assert list(bs.columns) == ["MPS", "MPS_ORTH"] and bs.index.max() == pd.Timestamp("2023-12-01")


def test_net_liquidity_uses_the_wednesday_tga_and_reads_early_rrp_blanks_as_zero(real_store):
    wed, avg = derived.net_liquidity(), derived.net_liquidity(tga="week average", rrp_blanks="missing")
    assert wed.attrs["tga"] == "WDTGAL" and avg.attrs["tga"] == "WTREGEN"
    assert wed.attrs["as_of"] > avg.attrs["as_of"]  # WTREGEN ends in May 2026, WDTGAL runs to August
    rrp = derived.reverse_repo()
    assert rrp.loc["2008-01-02"] == 0.0  # a blank day of 2008: no operation, nothing outstanding
    assert pd.Timestamp("2013-10-14") not in rrp.index  # a holiday after regular reporting began stays missing
    w = wed.loc["2008-10-01":"2008-12-31"]
    assert w["net_liquidity"].notna().all()
    assert (wed["net_liquidity"] - (wed["walcl"] - wed["tga"] - wed["rrp"])).abs().max() < 1e-9
    with pytest.raises(Exception, match="tga="):
        derived.net_liquidity(tga="daily")
