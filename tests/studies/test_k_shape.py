"""Notebook 01's study helpers on hand-checkable inputs and on small slices of the real snapshot."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from research_lib.claims.protocol import Spec, Window
from research_lib.studies import k_shape as ks

ESSAY = Window("essay", end=dt.date(2025, 11, 1), vintage="first")
TODAY = Window("today")
AFTER = Window("after the essay", start=dt.date(2025, 11, 2), horizon=dt.date(2026, 12, 31))


@pytest.fixture
def real_store(full_store, monkeypatch):
    monkeypatch.setenv("RESEARCH_DATA_DIR", str(full_store.store.root))
    for cached in (ks._calendar_release_days, ks._net_liquidity, ks._t32, ks._dfa):
        cached.cache_clear()
    yield full_store.store
    for cached in (ks._calendar_release_days, ks._net_liquidity, ks._t32, ks._dfa):
        cached.cache_clear()


def spec(params: dict, window: Window = TODAY) -> Spec:
    return Spec("test", params, window)


# ----------------------------------------------------------------------------- pure helpers
def test_contraction_runs_bridge_only_short_gaps():
    months = pd.date_range("2020-01-01", periods=12, freq="MS")
    pmi = pd.Series([49, 48, 51, 47, 46, 52, 53, 49, 48, 47, 50, 49], index=months, dtype=float)
    strict = ks.contraction_runs(pmi)
    assert strict["length"].tolist() == [2, 2, 3, 1] and bool(strict["ongoing"].iloc[-1])
    bridged = ks.contraction_runs(pmi, tolerance=1)   # one month at or above 50 inside a run is allowed
    assert bridged["length"].tolist() == [5, 5]
    assert bridged["start"].tolist() == [months[0], months[7]] and bridged["end"].iloc[-1] == months[-1]
    assert ks.contraction_runs(pmi, tolerance=2)["length"].tolist() == [12]


def test_release_returns_run_from_the_eve_of_one_release_to_the_eve_of_the_next():
    days = pd.bdate_range("2024-01-01", "2024-04-30")
    close = pd.Series(np.exp(np.arange(len(days)) / 100), index=days)   # +1 log point a day
    releases = pd.Series(pd.to_datetime(["2024-02-01", "2024-03-01", "2024-04-01"]),
                         index=pd.to_datetime(["2024-01-01", "2024-02-01", "2024-03-01"]))
    out = ks.release_returns(close, releases)
    # 2024-01-31 to 2024-02-29 is 21 business days; the last release has no next one yet
    assert out.index.tolist() == list(pd.to_datetime(["2024-01-01", "2024-02-01"]))
    assert out.iloc[0] == pytest.approx(21.0) and out.iloc[1] == pytest.approx(21.0)


def test_easing_starts_ignore_wobbles_and_need_two_years_between_first_cuts():
    months = pd.date_range("2000-01-01", periods=60, freq="MS")
    rate = pd.Series(5.0, index=months)
    rate.iloc[10] = 4.99                       # a 1 bp wobble is not a cut
    rate.iloc[14:] = 4.80                      # first real cut: 2001-03 (20 bp)
    rate.iloc[16:] = 4.00                      # the cycle is under way (1 point below the high)
    rate.iloc[30:] = 5.00                      # hikes back
    rate.iloc[33:] = 3.50                      # a second easing, only 19 months after the first cut
    rate.iloc[52:] = 5.00
    rate.iloc[55:] = 3.00                      # a third, 41 months after the first
    starts = ks.easing_starts(rate, drop=0.75, min_cut=0.10)
    assert starts == [months[14], months[55]]
    assert ks.easing_starts(rate, drop=0.75, min_cut=0.10, gap_months=12) == [months[14], months[33], months[55]]


# ----------------------------------------------------------------------------- real data
K1 = {"vintage": "first release", "smooth": "none", "tolerance": 0, "run": "open", "drop_last": 0}


def test_k1_the_run_open_at_the_essay_date_is_short(real_store):
    at_essay = spec(K1, ESSAY)
    est = ks.k1_run_length(at_essay)
    assert est["value"] == 7 and est["detail"]["run"] == "2025-03 to 2025-09"
    assert at_essay.inputs == {"ism_manufacturing_pmi": "2025-10-02"}   # releases out by 2025-11-01 only
    assert ks.k1_run_length(spec(K1))["value"] == 9
    assert ks.k1_run_length(spec({**K1, "vintage": "revised"}, ESSAY))["value"] == 6
    generous = ks.k1_run_length(spec({**K1, "vintage": "revised", "run": "latest within 12 months"}))
    assert generous["value"] == 26 and generous["detail"]["run"] == "2022-11 to 2024-12"
    record = ks.k1_run_vs_record(spec(K1, ESSAY))
    assert record["value"] == 7 - 16 and record["detail"]["longest earlier run"] == 16
    stocks = spec(K1, ESSAY)
    assert ks.k1_stocks_over_run(stocks)["value"] > 0 and stocks.inputs["^GSPC"] == "2025-09-30"


def test_k2_release_days_use_the_calendars_and_their_corrections(real_store):
    months = pd.to_datetime(["2000-01-01", "2025-09-01"])
    ism = ks.release_days("ISM PMI (revised)", months)
    assert ism.tolist() == [pd.Timestamp("2000-02-01"), pd.Timestamp("2025-10-02")]   # rule of thumb, then the file
    payrolls = ks.release_days("payrolls", pd.to_datetime(["2009-10-01", "2025-06-01"]))
    assert payrolls.tolist() == [pd.Timestamp("2009-11-06"), pd.Timestamp("2025-07-04")]   # corrected typo; first Friday
    assert ks.release_days("industrial production", months).isna().all()


def test_k2_slope_change_is_a_bootstrap_interval_around_the_change_in_strength(real_store):
    params = {"start": "1990-01", "end": None, "pandemic": "drop", "measure": "ISM PMI (revised)", "timing": "release",
              "split": "2020-01-01", "n_boot": 200}
    est = ks.k2_slope_change(spec(params))
    assert est["low"] < est["value"] < est["high"] and 0 < est["p"] <= 1
    assert est["value"] == pytest.approx(abs(est["detail"]["slope after"]) - abs(est["detail"]["slope before"]), abs=1e-3)
    frame = ks.k2_frame(spec(params))
    assert not frame.loc["2020-03":"2021-06"].size and frame["news"].std() == pytest.approx(1.0)


def test_k4_and_k7_specifications(real_store):
    liq = {"start": ks.COMPLETE_LIQUIDITY_FROM, "end": None, "pandemic": "drop", "tga": "wednesday",
           "rrp_blanks": "zero", "measure": "net liquidity", "lags": 4, "freq": "weekly"}
    eq = spec(liq)
    est = ks.k4_equities(eq)
    assert est["low"] < est["value"] < est["high"] and est["detail"]["sample"].startswith("2013-10")
    assert set(eq.inputs) >= {"WALCL", "WDTGAL", "RRPONTSYD", "^GSPC"}
    week_avg = spec({**liq, "tga": "week average"})
    ks.k4_equities(week_avg)
    assert "WTREGEN" in week_avg.inputs and "WDTGAL" not in week_avg.inputs
    gap = ks.k4_divergence(spec({"base": "2007-12-01", "asset": "S&P 500", "wage": "production workers"}))
    assert gap["value"] == pytest.approx(gap["detail"]["asset growth (% a year, real)"] - gap["detail"]["pay growth (% a year, real)"], abs=0.01)
    tech = ks.k7_excess(spec({"start": "2010-01", "end": "2018-08-31", "pandemic": "drop", "tech": "XLK"}))
    assert tech["detail"]["weeks"].endswith("2018-08-29") and tech["low"] < tech["value"] < tech["high"]


def test_k5_responses_register_the_shocks_and_the_gap_ends_with_the_small_firm_survey(real_store):
    base = {"shock": "Jarocinski-Karadi policy shock", "start": "2009-07", "end": None, "pandemic": "drop",
            "controls": "production and inflation", "outcome": "payrolls", "horizon": 24}
    s = spec(base)
    est = ks.k5_jobs_or_wages(s)
    assert est["low"] < est["value"] < est["high"] and s.inputs["jk_shocks_monthly"] == "2024-09-01"
    near_zero = ks.k5_response(spec(base), null=0.0)
    assert near_zero["value"] == est["value"] and near_zero["p"] != est["p"]   # the p-value is taken against the rule's threshold
    credit = spec({"shock": "u3", "start": "2008-10", "pandemic": "drop", "horizon": 2})
    ks.k5_credit_gap(credit)
    assert credit.inputs["DRTSCILM"] == credit.inputs["DRTSCIS"] == "2021-01-01"


def test_k6_k8_use_what_was_published_by_the_essay_date(real_store):
    share = {"numerator": "interest paid", "denominator": "current receipts", "period": "four quarters"}
    at_essay = spec(share, ESSAY)
    est = ks.k6_interest_share(at_essay)
    assert est["detail"]["quarters"] == "2024Q3 to 2025Q2" and at_essay.inputs[ks.T32] == "2025-04-01"
    assert est["value"] == pytest.approx(100 * (1146.2 + 1155.6 + 1144.2 + 1160.9) / (5210.1 + 5313.2 + 5392.7 + 5603.7))
    assert ks.k6_interest_share(spec({**share, "denominator": "tax receipts"}))["value"] > 30
    gaps = ks.pension_gap_estimate()
    assert (gaps["gap"] > 100).all() and gaps["gap"].iloc[-1] > gaps["gap"].iloc[0]
    top = ks.k8_top_share(spec({"category": "Financial assets", "period": "latest quarter"}, ESSAY))
    assert top["detail"]["quarter"] == "2025Q2" and 60 < top["value"] < 90


def test_k9_cycles_and_forecast_legs(real_store):
    params = {"start": "1955-01", "drop": 0.75, "min_cut": 0.10, "horizon": 24, "inflation": "CPI"}
    cycles = ks.k9_cycles(spec(params, ESSAY))
    assert len(cycles) == 17 and cycles["first cut"].iloc[-1] == pd.Timestamp("2019-08-01")
    est = ks.k9_easing_inflation(spec(params))
    assert est["n"] == 17 and est["value"] == pytest.approx(cycles["change"].mean())
    cuts = ks.k9_cuts(spec({"rate": "target range ceiling", "from": "essay date"}, AFTER))
    assert cuts["value"] == 1.0 and cuts["detail"]["level at start"] == 4.0
    wider = ks.k9_deficit(spec({"measure": "net borrowing", "compare": "2025 average"}, AFTER))
    underlying = ks.k9_deficit(spec({"measure": "net federal saving", "compare": "2025 average"}, AFTER))
    assert wider["value"] > 1 > 0 > underlying["value"]   # the 2026Q1 capital transfer widens only net borrowing


def test_results_become_protocol_estimates_and_context_specs_see_the_test_window(real_store):
    from research_lib.claims.protocol import Claim, Estimate, Rule, Statistic

    est = Estimate(**ks.result(1.0, 0.5, 1.5, 0.01, 10, {"sample": "x"}))
    assert (est.value, est.low, est.high, est.p, est.n, est.detail) == (1.0, 0.5, 1.5, 0.01, 10, {"sample": "x"})
    k6 = Claim("K6", "01_k_shape")
    test = k6.declare("share", statistic=Statistic("interest / revenue", "%"),
                      baseline={"numerator": "interest paid", "denominator": "current receipts", "period": "four quarters"},
                      variants={"latest quarter": {"period": "latest quarter"}}, rule=Rule.above(22.5), show=False)
    at_essay = ks.context_spec(test, "essay", period="latest quarter")
    assert at_essay["period"] == "latest quarter" and str(at_essay.window.end) == "2025-11-01"
    assert ks.k6_interest_share(at_essay)["detail"]["quarters"] == "2025Q2 to 2025Q2"
