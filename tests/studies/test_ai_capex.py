"""Notebook 02's helpers: BEA's contribution arithmetic, growth bases, release timing, and the A1
test on real national accounts (the published figures it must reproduce)."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from research_lib.claims.protocol import Spec, Window
from research_lib.studies import ai_capex as ai

QUARTERS = pd.date_range("2020-01-01", periods=6, freq="QS")


# ----------------------------------------------------------------------------- a two-good Fisher economy
def _fisher_economy():
    """Two goods with prices and quantities; GDP in chained dollars built as BEA builds it."""
    p = pd.DataFrame({"a": [1.0, 0.9, 0.8, 0.72, 0.65, 0.6], "b": [1.0, 1.01, 1.03, 1.04, 1.05, 1.07]}, index=QUARTERS)
    q = pd.DataFrame({"a": [10.0, 11.5, 13.0, 15.5, 18.0, 21.0], "b": [90.0, 90.5, 90.2, 91.0, 91.3, 91.9]}, index=QUARTERS)
    nominal = p * q
    laspeyres = (p.shift(1) * q).sum(axis=1) / (p.shift(1) * q.shift(1)).sum(axis=1)
    paasche = (p * q).sum(axis=1) / (p * q.shift(1)).sum(axis=1)
    fisher = np.sqrt(laspeyres * paasche).fillna(1.0).cumprod()
    gdp_real = nominal.sum(axis=1).iloc[0] * fisher       # chained dollars of the first quarter
    real = q * p.iloc[0]                                  # components in the same chained dollars
    return real, nominal, gdp_real, nominal.sum(axis=1)


def test_annualisation_factor_is_gdps_and_four_at_zero_growth():
    level = pd.Series([100.0, 101.0, 101.0], index=QUARTERS[:3])
    factor = ai.annualisation_factor(level)
    assert factor.iloc[1] == pytest.approx((1.01 ** 4 - 1) / 0.01)
    assert factor.iloc[2] == 4.0 and np.isnan(factor.iloc[0])


def test_contributions_add_up_to_gdp_growth_and_the_rest_grows_as_the_other_good():
    real, nominal, gdp_real, gdp_nominal = _fisher_economy()
    terms = {k: ai.fisher_terms(real[k], nominal[k], gdp_real, gdp_nominal) for k in ("a", "b")}
    g = gdp_real / gdp_real.shift(1) - 1
    total = terms["a"]["c_q"] + terms["b"]["c_q"]
    assert np.allclose(total.iloc[1:], g.iloc[1:], atol=2e-5)          # additive, like BEA's table
    assert np.allclose(terms["a"]["w"].iloc[1:] + terms["b"]["w"].iloc[1:], 1.0, atol=1e-3)
    annual = ai.contribution(real["a"], nominal["a"], gdp_real, gdp_nominal) \
        + ai.contribution(real["b"], nominal["b"], gdp_real, gdp_nominal)
    assert np.allclose(annual.iloc[1:], ai.annualise(g).iloc[1:], atol=0.01)   # pp, with prices moving 10% a quarter
    rest = ai.growth_without(gdp_real, terms["a"]["c_q"], terms["a"]["w"])
    assert np.allclose(rest.iloc[1:], (real["b"] / real["b"].shift(1) - 1).iloc[1:], atol=5e-5)


def test_own_compounding_overstates_the_fast_growing_good():
    real, nominal, gdp_real, gdp_nominal = _fisher_economy()
    bea = ai.contribution(real["a"], nominal["a"], gdp_real, gdp_nominal)
    own = ai.own_compounding_contribution(real["a"], nominal["a"], gdp_nominal)
    assert (own.iloc[1:] > bea.iloc[1:]).all()


# ----------------------------------------------------------------------------- growth bases and the published method
def test_growth_bases_on_a_hand_series():
    idx = pd.date_range("2024-01-01", periods=8, freq="QS")
    level = pd.Series([100, 101, 102, 103, 104, 105, 106, 108], index=idx, dtype=float)
    assert ai.basis_growth(level, "four quarters") == pytest.approx((108 / 103 - 1) * 100)
    assert ai.basis_growth(level, "annual average") == pytest.approx((np.mean([104, 105, 106, 108]) / np.mean([100, 101, 102, 103]) - 1) * 100)
    assert ai.basis_growth(level, "two quarters") == pytest.approx(((108 / 105) ** 2 - 1) * 100)
    assert ai.basis_growth(level, "nine months", "2025-07-01") == pytest.approx((np.mean([104, 105, 106]) / np.mean([100, 101, 102]) - 1) * 100)
    assert ai.basis_growth(level, "first half 2025") == pytest.approx(((105 / 103) ** 2 - 1) * 100)
    assert np.isnan(ai.basis_growth(level.iloc[:3], "four quarters"))
    with pytest.raises(ValueError, match="growth basis"):
        ai.basis_growth(level, "calendar year")


def test_chained_subtraction_share_and_growth_without():
    idx = pd.date_range("2024-10-01", periods=3, freq="QS")
    gdp = pd.Series([100.0, 104.0, 110.0], index=idx)
    parts = pd.Series([10.0, 14.0, 19.0], index=idx)
    out = ai.chained_subtraction(gdp, parts, "first half 2025")
    assert out["share_pct"] == pytest.approx(90.0)
    assert out["growth_without_pct"] == pytest.approx(((91 / 90) ** 2 - 1) * 100)
    assert out["real_share_pct"] == pytest.approx(19 / 110 * 100)


def test_recession_statistic_needs_two_quarters_running():
    idx = pd.date_range("2025-01-01", periods=5, freq="QS")
    value, detail = ai.recession_statistic(pd.Series([-1.0, 2.0, -0.5, -0.2, 1.0], index=idx), "quarter on quarter", "2025-01-01")
    assert value == pytest.approx(-0.2) and detail["pair"] == "2025Q3-2025Q4"
    assert detail["negative quarters"] == ["2025Q1", "2025Q3", "2025Q4"]
    value, _ = ai.recession_statistic(pd.Series([-1.0, 2.0, -0.5, 0.1, -1.0], index=idx), "quarter on quarter", "2025-01-01")
    assert value == pytest.approx(0.1)


# ----------------------------------------------------------------------------- release timing
def test_shutdown_delays_the_2025q3_national_accounts():
    idx = pd.DatetimeIndex(["2025-04-01", "2025-07-01"])
    assert list(ai.first_published(idx, "bea", "quarterly")) == [pd.Timestamp("2025-07-30"), pd.Timestamp("2025-12-23")]
    assert ai.first_published(idx, "bea", "quarterly", "usual lag")[1] == pd.Timestamp("2025-10-30")
    essay = Spec("baseline", {"release": "calendar"}, Window("essay", end=dt.date(2025, 12, 1)))
    x = pd.Series([1.0, 2.0], index=idx)
    assert list(ai.visible(x, essay, "GDP", "quarterly").index) == [pd.Timestamp("2025-04-01")]
    lagged = Spec("lag", {"release": "usual lag"}, Window("essay", end=dt.date(2025, 12, 1)))
    assert len(ai.visible(x, lagged, "GDP", "quarterly")) == 2
    assert len(ai.visible(x, Spec("b", {}, Window("today")), "GDP", "quarterly")) == 2


# ----------------------------------------------------------------------------- real national accounts
def _bea(shared_data, name):
    return ai.bea_long_to_wide(pd.read_csv(shared_data / "fred" / "nonfred" / name), scale=1e-3)


def _fred(shared_data, sid):
    frame = pd.read_csv(shared_data / "fred" / f"{sid}.csv", parse_dates=["observation_date"], index_col="observation_date")
    return frame[sid].astype(float)


def test_beas_method_reproduces_the_published_nonresidential_line(shared_data):
    """Table 1.1.2 line 9 from Table 1.1.6 and nominal investment: within a hundredth of a point on average,
    also in the quarters when investment grew much faster or slower than GDP; own compounding misses there."""
    t112 = ai.bea_long_to_wide(pd.read_csv(shared_data / "fred" / "nonfred" / "bea_nipa_T10102_contributions_real_gdp.csv"))
    t116 = _bea(shared_data, "bea_nipa_T10106_real_gdp.csv")
    check = ai.method_check(t112[9], t116[9], _fred(shared_data, "PNFI"), t116[1], _fred(shared_data, "GDP"))
    err = check[["BEA method", "own compounding"]].sub(check["published"], axis=0).abs()
    fast = (check["line growth"] - check["GDP growth"]).abs() >= 5
    assert len(check) >= 60 and fast.sum() >= 10
    assert err["BEA method"].mean() < 0.02 and err.loc[fast, "BEA method"].mean() < 0.02
    assert err.loc[fast, "own compounding"].mean() > 3 * err.loc[fast, "BEA method"].mean()


def test_furmans_figure_by_his_method_and_the_bea_share(shared_data):
    """92% of first-half 2025 growth from IT equipment and software, GDP without them 0.1%: the
    chained-dollar subtraction reproduces it; BEA's weights give a much smaller share."""
    t116 = _bea(shared_data, "bea_nipa_T10106_real_gdp.csv")
    t536 = _bea(shared_data, "bea_nipa_T50306_real_private_fixed_investment.csv")
    theirs = ai.chained_subtraction(t116[1], t536[32], "first half 2025")
    assert theirs["share_pct"] == pytest.approx(92.0, abs=0.5) and theirs["growth_without_pct"] == pytest.approx(0.1, abs=0.1)
    terms = ai.fisher_terms(t536[32], _fred(shared_data, "A679RC1Q027SBEA"), t116[1], _fred(shared_data, "GDP"))
    frame = pd.DataFrame({"gdp": ai.annualise(t116[1] / t116[1].shift(1) - 1), "c_q": terms["c_q"],
                          "without_q": ai.growth_without(t116[1], terms["c_q"], terms["w"])})
    ours = ai.on_basis(frame, "first half 2025")
    assert 60 < ours["share_pct"] < 75 and ours["growth_without_pct"] > theirs["growth_without_pct"] + 0.3


@pytest.fixture
def real_store(full_store, monkeypatch):
    monkeypatch.setenv("RESEARCH_DATA_DIR", str(full_store.store.root))
    ai.clear_caches()
    yield full_store.store
    ai.clear_caches()


def test_a1_sees_only_the_quarters_published_by_the_essay_date(real_store):
    base = {"definition": "IT equipment and software", "amount": "total", "imports": "gross",
            "basis": "quarter on quarter", "start": "2025-01-01", "release": "calendar"}
    essay = Window("essay", end=dt.date(2025, 12, 1), vintage="first")
    at_essay = Spec("baseline", base, essay)
    out = ai.a1_recession(at_essay)
    assert out["detail"]["last quarter"] == "2025Q2" and out["detail"]["negative quarters"] == ["2025Q1"]
    assert out["value"] > 0 and at_essay.inputs["bea_t10106_real_gdp"] == "2025-04-01"
    assert at_essay.inputs["GDP"] == "2025-04-01"
    lagged = ai.a1_recession(Spec("lag", {**base, "release": "usual lag"}, essay))
    assert lagged["detail"]["last quarter"] == "2025Q3"
    today = Spec("baseline", base, Window("today"))
    now = ai.a1_recession(today)
    assert now["detail"]["last quarter"] >= "2026Q1" and today.inputs["bea_t10106_real_gdp"] >= "2026-01-01"
    net = ai.a1_recession(Spec("net", {**base, "imports": "hardware all imported"}, Window("today")))
    assert net["value"] > now["value"]   # netting imports out can only raise growth without AI
