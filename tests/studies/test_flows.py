"""Notebook 04's study helpers: hand-checkable inputs, and the test functions on real snapshot series."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from research_lib.analysis import transforms as tf
from research_lib.claims.protocol import Spec, Window
from research_lib.studies import flows

TODAY = Window("today")


@pytest.fixture
def real_store(full_store, monkeypatch):
    monkeypatch.setenv("RESEARCH_DATA_DIR", str(full_store.store.root))
    return full_store.store


# ----------------------------------------------------------------------------- F1
def test_day_types_move_events_to_trading_days_and_keep_unknown_payroll_days_out():
    days = pd.bdate_range("2025-01-01", "2025-02-28")
    fomc = pd.DatetimeIndex(["2025-01-19", "2025-02-12"])        # a Sunday (lands on Monday 20th), a CPI day
    cpi = pd.DatetimeIndex(["2025-01-15", "2025-02-12"])
    payrolls = pd.DatetimeIndex(["2025-01-10"])
    t = flows.day_types(days, fomc, cpi, payrolls, payrolls_known_to="2025-01-31")
    assert t["2025-01-20"] == "FOMC" and t["2025-01-15"] == "CPI" and t["2025-01-10"] == "payrolls"
    assert t["2025-02-12"] == "FOMC and data"
    assert t["2025-02-07"] == "unknown"                         # first Friday after the payroll calendar ends
    assert t["2025-01-03"] == "other" and t["2025-02-14"] == "other"


def test_period_r2_lets_the_sign_flip_between_years():
    idx = pd.bdate_range("2020-01-01", "2021-12-31")
    dy = pd.Series(np.sin(np.arange(len(idx))), index=idx)
    r = dy.where(idx.year == 2020, -dy)                          # +1 slope in 2020, -1 in 2021
    r2 = flows.period_r2(r, dy)
    assert list(r2.index.year) == [2020, 2021] and r2.to_numpy() == pytest.approx([100.0, 100.0])
    assert 100 * r.corr(dy) ** 2 < 5                               # pooled, the two years cancel
    assert len(flows.period_r2(r, dy, "half-year")) == 4


def test_fed_vs_data_days_on_real_calendars(real_store):
    spec = Spec("baseline", {"start": "2022-01", "end": None, "pandemic": "keep", "data": "CPI and payrolls",
                             "measure": "squared", "days": 1}, Window("essay", end=dt.date(2025, 12, 1)))
    out = flows.fed_vs_data_days(spec)
    assert out["inputs"]["employment_situation_release_dates"] <= "2024-12-31"
    assert out["inputs"]["^GSPC"] <= "2025-12-01" and out["inputs"]["fomc_announcements"] <= "2025-12-01"
    d = out["detail"]
    assert out["value"] == pytest.approx(100 * (d["fomc_mean"] / d["data_mean"] - 1))
    assert out["low"] < out["value"] < out["high"] and 0 < out["p"] <= 1
    # 31 meetings from 2022-01 to 2025-10; one fell on a CPI day (12 June 2024) and belongs to neither group
    assert d["fomc_days"] == 30 and out["n"] == d["fomc_days"] + d["data_days"]


# ----------------------------------------------------------------------------- F2
def test_vol_target_flow_splits_into_roll_off_and_news_by_hand():
    r = pd.Series(0.01, index=pd.bdate_range("2024-01-01", periods=12))
    r.iloc[5] = 0.05
    f = flows.vol_target_flows(r, lookback=4, target=0.10, cap=10.0)
    assert (f["flow"] - f["roll_off"] - f["news"]).abs().max() < 1e-12
    t = 9                                                           # day 5 leaves the 4-day window on day 9
    before = 0.10 / np.sqrt(252 * (0.05 ** 2 + 3 * 0.01 ** 2) / 4)
    after = 0.10 / np.sqrt(252 * 0.01 ** 2)
    assert f["roll_off"].iloc[t] == pytest.approx(after - before) and f["news"].iloc[t] == pytest.approx(0.0)
    assert f["news"].iloc[5] < 0 and f["roll_off"].iloc[5] == pytest.approx(0.0)   # the big day entering: selling


def test_roll_off_impact_reports_bp_per_sd_and_the_detectable_effect(small_store):
    spec = Spec("baseline", {"start": "2012-01", "end": "2019-12", "pandemic": "keep", "lookback": 21,
                             "timing": "next day", "horizon": 1, "control": "exposure"}, TODAY)
    out = flows.roll_off_impact(spec)
    assert out["low"] < out["value"] < out["high"] and out["n"] > 1900
    assert out["detail"]["min_detectable_effect_bp"] == pytest.approx(2.8 * (out["high"] - out["low"]) / (2 * 1.96), rel=0.01)
    assert out["inputs"]["^GSPC"] == "2020-01-02"                   # the return after the last flow in 2019


# ----------------------------------------------------------------------------- F3
def test_trend_signal_and_crossings_on_a_made_up_price_path():
    px = pd.Series(np.r_[np.linspace(100, 200, 300), np.linspace(200, 120, 100)],
                   index=pd.bdate_range("2000-01-03", periods=400))
    sig = flows.trend_signal(px, "200-day average")
    assert sig["signal"].iloc[250] == 1 and sig["signal"].iloc[-1] == -1 and sig["signal"].iloc[:199].isna().all()
    ohlc = pd.DataFrame({"open": px, "close": px})
    frame = flows.crossing_frame(ohlc, "200-day average", 5)
    assert frame["cross"].sum() == 1
    with pytest.raises(ValueError, match="unknown trend signal"):
        flows.trend_signal(px, "golden cross")


def test_crossing_premium_is_drift_adjusted(small_store):
    spec = Spec("baseline", {"start": "2000-01", "end": None, "pandemic": "keep", "signal": "200-day average",
                             "horizon": 5, "part": "close to close"}, TODAY)
    out = flows.crossing_premium(spec)
    d = out["detail"]
    assert out["value"] == pytest.approx(d["after_crossings"] - d["other_days"], rel=1e-6)  # a dummy's OLS slope
    ohlc = flows.crossing_frame(spec.load("^GSPC", fields="ohlcv"), "200-day average", 5).loc["2000":]
    assert d["drift"] == pytest.approx(ohlc["forward"].mean()) and d["crossings"] == int(ohlc["cross"].sum())
    raw = (ohlc["signal"] * ohlc["forward"])
    raw_gap = raw[ohlc["cross"] == 1].mean() - raw[ohlc["cross"] == 0].mean()
    assert out["value"] > raw_gap                                   # the drift biased the raw comparison down


def test_day_parts_add_up():
    ohlc = pd.DataFrame({"open": [100.0, 102.0, 99.0], "close": [101.0, 100.0, 103.0]},
                        index=pd.bdate_range("2024-01-02", periods=3))
    parts = flows.day_parts(ohlc)
    assert (parts["overnight"] + parts["intraday"] - parts["close to close"]).iloc[1:].abs().max() < 1e-12
    assert parts["overnight"].iloc[1] == pytest.approx(100 * np.log(102 / 101))


# ----------------------------------------------------------------------------- F4
def test_buyback_calendars_by_hand():
    days = pd.DatetimeIndex(["2024-03-15", "2024-03-16", "2024-03-31", "2024-04-01", "2024-04-30", "2024-05-01",
                             "2024-05-10", "2024-05-11", "2024-03-01", "2024-02-29"])
    is_open = lambda cal: flows.buyback_window_open(days, cal).tolist()
    assert is_open("mid quarter-end month to end of reporting month") == [True, False, False, False, False, True, True, True, True, True]
    assert is_open("from quarter end") == [True, True, True, False, False, True, True, True, True, True]
    assert is_open("to the 10th of the second month") == [True, False, False, False, False, False, False, True, True, True]
    assert is_open("from the start of the quarter-end month")[-2:] == [False, True]


def test_window_premium_matches_the_difference_of_means(small_store):
    spec = Spec("baseline", {"start": "1983-01", "end": "2003-12", "pandemic": "keep",
                             "calendar": "mid quarter-end month to end of reporting month"}, TODAY)
    out = flows.window_premium(spec)
    r = tf.log_diff(spec.load("^GSPC")).dropna().loc["1983":"2003"]
    is_open = flows.buyback_window_open(r.index, spec["calendar"])
    assert out["value"] == pytest.approx(252 * (r[is_open].mean() - r[~is_open].mean()), rel=1e-6)
    assert out["n"] == len(r) and out["inputs"] == {"^GSPC": "2003-12-31"}


# ----------------------------------------------------------------------------- F5
def test_implied_vix_ahead_by_hand():
    flat = flows.implied_vix_ahead(pd.Series([20.0]), pd.Series([20.0]), 30)
    assert flat.iloc[0] == pytest.approx(20.0)
    inv = flows.implied_vix_ahead(pd.Series([30.0]), pd.Series([25.0]), 30)
    assert inv.iloc[0] == pytest.approx(np.sqrt((93 * 625 - 30 * 900) / 63))
    assert flows.implied_vix_ahead(pd.Series([30.0]), pd.Series([25.0]), 0).iloc[0] == pytest.approx(30.0)


def test_inversion_episodes_need_a_quiet_gap():
    inv = pd.Series([0, 1, 1, 0, 0, 1, 0, 0, 0, 0, 1], index=pd.bdate_range("2024-01-01", periods=11)).astype(bool)
    assert list(flows.inversion_episodes(inv, gap=3).strftime("%d")) == ["02", "15"]
    assert list(flows.inversion_episodes(inv, gap=1).strftime("%d")) == ["02", "08", "15"]


def test_episode_comparison_on_real_vix(real_store):
    spec = Spec("baseline", {"source": "CBOE", "gap": 21, "horizon": 21, "match": "level", "tolerance": 0.10,
                             "pandemic": "keep"}, TODAY)
    out = flows.inversion_unwind(spec)
    assert out["detail"]["episodes"] >= 40 and out["n"] == out["detail"]["episodes"] - out["detail"]["without_controls"]
    assert out["value"] == pytest.approx(out["detail"]["treated_mean"] - out["detail"]["control_mean"], abs=1e-4)
    assert set(out["inputs"]) == {"^GSPC", "^VIX", "^VIX3M"}
    assert out["inputs"]["^VIX3M"] <= out["inputs"]["^GSPC"]     # the VIX3M file runs later than the analysis
    credit = flows.inversion_credit(spec)
    assert "BAMLH0A0HYM2" in credit["inputs"]


# ----------------------------------------------------------------------------- F6
def test_same_span_changes_compare_the_same_weeks():
    idx = pd.date_range("2019-01-02", "2022-12-28", freq="W-WED")
    s = pd.Series(np.arange(len(idx), dtype=float), index=idx)    # +1 a week
    out = flows.same_span_changes(s, pd.Timestamp("2022-01-05"), pd.Timestamp("2022-03-02"), range(2019, 2023))
    assert list(out.index) == [2019, 2020, 2021, 2022] and (out == 8.0).all()


def test_liquidity_forecasts_after_the_essay(real_store):
    after = Window("after the essay", start=dt.date(2025, 12, 2), horizon=dt.date(2026, 12, 31))
    spec = Spec("baseline", {"from": "essay date", "Treasury account": "wednesday", "seasonal": "median", "reference": "2010-2025",
                             "treasury": "TGA", "fed": "total assets"}, after)
    out = flows.treasury_vs_fed(spec)
    d = out["detail"]
    assert d["span"].startswith("2025-11-26 to ")                   # the last week before the essay date
    assert out["value"] == pytest.approx(d["treasury_bn"] - d["fed_bn"])
    assert d["treasury_bn"] == pytest.approx(-(d["tga_change_bn"] - d["tga_seasonal_norm_bn"]))
    assert out["inputs"]["WDTGAL"] == d["span"][-10:]
    wave = flows.wave_percentile(Spec("baseline", {"measure": "net liquidity", "Treasury account": "wednesday", "reverse-repo blanks": "zero",
                                                   "from": "2026-01-01", "reference": "2010-2025", "exclude": "none"}, after))
    assert wave["detail"]["span"].startswith("2026-01-07") and wave["n"] == 16 and 0 <= wave["value"] <= 100
