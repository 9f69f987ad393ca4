"""Notebook 03's study helpers: hand-checkable inputs, and small real series from the store."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from research_lib.claims.protocol import Spec, Window
from research_lib.studies import liquidity_btc as lb

TODAY = Window("today")
ESSAY = Window("essay", end=dt.date(2026, 2, 6), vintage="first")  # essay E3's central date


def weekly(values, start="2025-01-01"):
    return pd.Series(values, index=pd.date_range(start, periods=len(values), freq="W-WED"), dtype=float)


# ----------------------------------------------------------------------------- hand-checkable
def test_exhaustion_date_needs_a_drain_that_lasts():
    rrp = weekly([500, 40] + [200] * 12 + [30] * 13 + [10] * 3)
    assert lb.exhaustion_date(rrp, threshold=50, horizon=13) == rrp.index[14]  # the week-1 dip does not count
    peak, exhausted = lb.dry_powder_dates(rrp)
    assert peak == rrp.index[0] and exhausted == rrp.index[14]
    with pytest.raises(ValueError):
        lb.exhaustion_date(weekly([100] * 20), threshold=50)


def test_decompose_changes_adds_up_and_names_the_dates_used():
    nl = pd.DataFrame({"walcl": [7000, 6900, 6800, 6850], "tga": [700, 800, np.nan, 750], "rrp": [2000, 1500, 1000, 900]},
                      index=weekly([0] * 4).index)
    out = lb.decompose_changes(nl, {"all": (str(nl.index[0].date()), str(nl.index[-1].date())), "one week": ("2025-01-01", "2025-01-05")})
    row = out.loc["all"]
    assert row["Fed balance sheet"] == -150 and row["Treasury cash (TGA)"] == -50 and row["Reverse repo"] == 1100
    assert row["Net liquidity"] == row[["Fed balance sheet", "Treasury cash (TGA)", "Reverse repo"]].sum()
    assert (row["from"], row["to"]) == (str(nl.index[0].date()), str(nl.index[-1].date()))
    assert "one week" not in out.index  # a single row cannot make a change


def test_weekly_close_leaves_out_a_partial_last_week():
    days = pd.Series(range(10), index=pd.date_range("2026-01-01", periods=10, freq="D"), dtype=float)  # Thu 1 .. Sat 10
    out = lb.weekly_close(days)
    assert list(out.index) == [pd.Timestamp("2026-01-07")] and out.iloc[0] == 6.0
    wednesdays = weekly([1.0, 2.0])
    assert lb.weekly_close(wednesdays).equals(wednesdays)


def test_one_day_falls_bound_the_largest_24_hour_fall():
    idx = pd.date_range("2026-02-03", periods=4, freq="D")
    ohlc = pd.DataFrame({"open": [100, 98, 90, 72], "high": [101, 99, 91, 80],
                         "low": [97, 89, 70, 71], "close": [98, 90, 72, 78]}, index=idx)
    f = lb.one_day_falls(ohlc)
    assert f.loc[idx[2], "close_to_close"] == pytest.approx(20.0)          # 90 -> 72
    assert f.loc[idx[2], "close_to_low"] == pytest.approx(100 * (1 - 70 / 90))
    assert f.loc[idx[1], "open_to_next_low"] == pytest.approx(100 * (1 - 70 / 98))
    assert f.loc[idx[1], "upper_bound"] == pytest.approx(100 * (1 - 70 / 99))  # day 2's high to day 3's low
    assert f.loc[idx[3], "upper_bound"] == pytest.approx(100 * (1 - 71 / 80))  # last day: its own range
    assert f["close_to_close"].max() <= f["upper_bound"].max()


def test_reserve_purchases_separate_the_reinvested_mbs_paydowns():
    idx = weekly([0] * 9, start="2025-12-03").index
    treasuries = pd.Series(4000 + 12.0 * np.arange(9), index=idx)   # +12bn a week
    mbs = pd.Series(2000 - 4.0 * np.arange(9), index=idx)           # -4bn a week, reinvested in bills
    out = lb.reserve_purchases(treasuries, mbs, "2025-12-03")
    jan = out.loc["2026-01-31"]
    weeks = 4  # Wednesdays 2025-12-31 -> 2026-01-28
    assert jan["Treasury holdings"] == pytest.approx(12 * weeks)
    assert jan["MBS paydowns reinvested"] == pytest.approx(4 * weeks)
    assert jan["Reserve-management purchases"] == pytest.approx(8 * weeks)


def test_reserve_sources_add_up_to_the_change_in_reserves():
    nl = pd.DataFrame({"walcl": [6600, 6590, 6600], "tga": [500, 800, 850], "rrp": [40, 10, 5]}, index=weekly([0] * 3).index)
    reserves = pd.Series([3300, 3050, 2990], index=nl.index, dtype=float)
    out = lb.reserve_sources(nl, reserves, nl.index[0])
    last = out.iloc[-1]
    assert last["Treasury cash (TGA)"] == -350 and last["Reverse repo"] == 35 and last["Bank reserves"] == -310
    assert last[["Fed assets", "Treasury cash (TGA)", "Reverse repo", "Other items"]].sum() == pytest.approx(-310)


def test_alden_callahan_checks_tell_co_trending_from_co_moving():
    idx = pd.date_range("2013-05-31", periods=120, freq="ME")
    rng = np.random.default_rng(3)
    m2 = pd.Series(np.exp(np.linspace(9.0, 9.6, 120)), index=idx)                  # rises every month
    btc = pd.Series(np.exp(np.cumsum(0.04 + rng.normal(0, 0.2, 120))), index=idx)  # an independent random walk with drift
    out = lb.alden_callahan(btc, m2)
    assert out["m2_up_share"] == 1.0
    assert out["same_direction_share"] == pytest.approx(out["btc_up_share"])  # M2 always up: agreement = bitcoin up
    assert out["independent_share"] == pytest.approx(out["btc_up_share"])
    assert abs(out["monthly_changes_corr"]) < 0.3 and out["months"] == 120


# ----------------------------------------------------------------------------- small real series
def test_bitcoin_rout_facts_at_the_essay_date_and_today(small_store):
    peak = {"price": "intraday", "source": "Yahoo", "from": "2025-07-01", "to": "2025-12-31"}
    spec = Spec("baseline", peak, TODAY)
    out = lb.btc_peak_gap(spec)
    assert out["detail"]["peak"] == pytest.approx(126_198, abs=1) and str(out["detail"]["day"].date()) == "2025-10-06"
    assert out["value"] < 0.2 and spec.inputs["BTC-USD"] == "2025-12-31"

    rout = {"price": "intraday", "source": "Yahoo", "from": "2026-01-15", "to": "2026-02-28"}
    essay, today = Spec("baseline", rout, ESSAY), Spec("baseline", rout, TODAY)
    seen_then, seen_now = lb.btc_trough_gap(essay), lb.btc_trough_gap(today)
    # at the essay date the last complete daily candle is 5 February's: the low of the 6th is not yet visible
    assert str(seen_then["detail"]["day"].date()) == "2026-02-05" and seen_then["detail"]["trough"] == pytest.approx(62_354, abs=1)
    assert str(seen_now["detail"]["day"].date()) == "2026-02-06" and seen_now["detail"]["trough"] == pytest.approx(60_074, abs=1)
    assert essay.inputs["BTC-USD"] == "2026-02-05"

    fall = lb.btc_one_day_fall(Spec("baseline", {**rout, "measure": "24-hour bounds"}, TODAY))
    assert fall["value"] == pytest.approx(14.13, abs=0.01) and fall["low"] == fall["value"]
    assert 17.5 < fall["high"] < 19.0  # daily candles cannot tell whether a 24-hour fall reached ~18%
    wider = lb.btc_one_day_fall(Spec("v", {**rout, "measure": "open to next day's low"}, TODAY))
    assert wider["value"] == pytest.approx(100 * (1 - 60_074.2 / 73_016.1), abs=0.05)


def test_load_completed_drops_an_unfinished_last_crypto_day(small_store):
    from research_lib.data import api

    spec = Spec("baseline", {}, TODAY)
    btc = lb.load_completed(spec, "BTC-USD")
    stored = api.load("BTC-USD")
    assert btc.index[-1] == stored.index[-2] and spec.inputs["BTC-USD"] == str(stored.index[-2].date())
    spx = lb.load_completed(spec, "^GSPC")
    assert spx.index[-1] == api.load("^GSPC").index[-1]


def test_nomination_reaction_of_bitcoin_against_volatility_matched_placebos(small_store):
    base = {"asset": "BTC-USD", "market": "^GSPC", "days": (0, 1), "pool": 250, "placebos": "all"}
    out = lb.nomination_reaction(Spec("baseline", base, TODAY))
    assert str(out["detail"]["day0"].date()) == "2026-01-30" and out["n"] == 250
    assert out["value"] < 0 and out["low"] < out["value"] < out["high"]
    assert 1 / 251 <= out["p"] <= 1
    day0 = lb.nomination_reaction(Spec("v", {**base, "days": (0, 0)}, TODAY))
    assert abs(day0["detail"]["car_pct"]) < abs(out["detail"]["car_pct"])  # most of the two-day fall came on day +1
    fridays = lb.nomination_reaction(Spec("v", {**base, "placebos": "Fridays"}, TODAY))
    assert fridays["n"] < 60
    acc = {"asset": "BTC-USD", "market": "^GSPC", "after": (0, 5), "before": (-10, -1), "pool": 250, "placebos": "all"}
    assert lb.nomination_acceleration(Spec("v", acc, ESSAY))["value"] is None  # day +5 is after the essay date


def test_yield_change_averages_both_ends_on_observed_days(small_store):
    spec = Spec("baseline", {"series": "DGS10", "start": "2025-09-01", "threshold": 50, "average_days": 1, "end": "own"}, TODAY)
    out = lb.yield_change(spec)
    from research_lib.data import api

    y = api.load("DGS10")
    expected = 100 * (y.iloc[-1] - y.loc[:"2025-09-01"].iloc[-1])
    assert out["value"] == pytest.approx(expected) and spec.inputs["DGS10"] == str(y.index[-1].date())
    five = lb.yield_change(Spec("v", {**spec, "average_days": 5}, TODAY))
    assert five["value"] == pytest.approx(100 * (y.tail(5).mean() - y.loc[:"2025-09-01"].tail(5).mean()))
