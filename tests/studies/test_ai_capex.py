"""Notebook 02's helpers: BEA's contribution arithmetic, growth bases, release timing, the A1
test on real national accounts (the published figures it must reproduce), and the notebook's
tables, charts and headlines."""
from __future__ import annotations

import datetime as dt

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from research_lib.analysis import fmt
from research_lib.analysis import plotting as rplt
from research_lib.claims.protocol import Estimate, Spec, Window
from research_lib.data import api
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


# ----------------------------------------------------------------------------- the notebook's tables, charts and headlines
class _Ran:
    """A test that has run, as the chart and headline functions see it: estimates by (spec, window)."""

    def __init__(self, estimates: dict, latest: str = "today"):
        self.estimates, self.latest = estimates, latest

    def estimate(self, spec="baseline", window=None):
        return self.estimates.get((spec, window or self.latest))

    def value(self, spec="baseline", window=None):
        est = self.estimate(spec, window)
        return float("nan") if est is None else float(est.value)


def _ran(value, low=None, high=None, latest="today", **detail) -> _Ran:
    return _Ran({("baseline", latest): Estimate(value, low, high, detail=detail)}, latest)


A1_BASE = {"definition": "IT equipment and software", "amount": "total", "imports": "gross", "release": "calendar"}
TODAY = Window("today")


def _checked(fig, as_of: str, *in_title: str) -> str:
    """Check a chart the notebook shows: its title carries the given texts, every panel has a y label,
    every legend sits right of its panel, the caption states the as-of; returns the title."""
    title = rplt.figure_title(fig)
    for text in in_title:
        assert text in title, (text, title)
    fig.canvas.draw()
    for ax in fig.axes:
        assert ax.get_ylabel().strip()
        legend = ax.get_legend()
        if legend is not None:
            assert legend.get_window_extent().x0 >= ax.get_window_extent().x1
    captions = [t.get_text() for ax in fig.axes for t in ax.texts if t.get_gid() == "caption"]
    assert len(captions) == 1 and f"Data as of {as_of}" in captions[0] and "Source:" in captions[0]
    plt.close(fig)
    return title


def test_release_timing_names_every_source_and_the_shutdown_delays():
    table = ai.release_timing()
    assert list(table.index) == [ai.SOURCE_NAMES[s] for s in ai.USUAL_LAG_DAYS]
    bea = table.loc["BEA GDP and components"]
    assert bea["usual days after the period"] == 30 and bea["delayed by the shutdown"] == "2025Q3 first published 2025-12-23"
    assert table.loc["BLS productivity", "delayed by the shutdown"] == "2025Q3 first published 2025-12-23"
    assert table.loc["BLS payrolls and hourly earnings", "delayed by the shutdown"] == "2025-10 first published 2025-12-16"
    assert table.loc["BLS household survey (unemployment)", "delayed by the shutdown"] == ""


def _check_frame(published, bea, own, line, gdp, start="2024-01-01"):
    idx = pd.DatetimeIndex(start) if isinstance(start, list) else pd.date_range(start, periods=len(published), freq="QS")
    return pd.DataFrame({"published": published, "BEA method": bea, "own compounding": own, "line growth": line,
                         "GDP growth": gdp}, index=idx, dtype=float)


def test_method_check_table_by_hand():
    m = _check_frame([1.0, 2.0, 3.0, 4.0], [1.1, 2.0, 2.9, 4.2], [1.5, 2.0, 2.0, 4.0], [10.0, 3.0, -4.0, 2.0], [2.0, 2.0, 2.0, 2.0])
    table = ai.method_check_table({"line": m})
    all_q, fast = table.loc[("line", "all quarters")], table.loc[("line", "line growth 5+ points from GDP's")]
    assert all_q["N"] == 4 and fast["N"] == 2                                  # 10 - 2 and -4 - 2 are 5+ points away
    assert all_q["BEA method: mean abs. error, pp"] == pytest.approx((0.1 + 0 + 0.1 + 0.2) / 4, abs=1e-9)
    assert all_q["own compounding: mean abs. error, pp"] == pytest.approx((0.5 + 0 + 1.0 + 0) / 4, abs=1e-9)
    assert fast["BEA method: mean abs. error, pp"] == pytest.approx(0.1, abs=1e-9)
    assert fast["own compounding: mean abs. error, pp"] == pytest.approx(0.75, abs=1e-9)
    assert fast["own compounding: largest error, pp"] == pytest.approx(1.0, abs=1e-9)


def test_method_check_note_by_hand():
    nonres = _check_frame([1.23], [1.24], [1.5], [10.04], [-0.56], start="2025-01-01")
    pce = _check_frame([1.0, 9.0, 3.0, 2.0], [1.001, 1.0, 3.5, 2.003], [1.0, 2.0, 3.0, 4.0], [0, 0, 0, 0], [0, 0, 0, 0],
                       start=["2019-10-01", "2020-04-01", "2021-10-01", "2022-01-01"])   # 2020-21 left out of the mean
    note = ai.method_check_note({ai.CHECKED_LINES[9]: nonres, ai.CHECKED_LINES[2]: pce})
    assert note.startswith("Nonresidential investment in 2025Q1 grew 10.0% (GDP -0.6%): BEA published +1.23 pp, "
                           "BEA's method gives +1.24 pp, own compounding +1.50 pp.")
    assert "misses by 0.002 pp on average outside 2020-21" in note          # (0.001 + 0.003) / 2


def test_relative_position():
    assert ai.relative_position(0.5, 0.7, 0.3) == "between"
    assert ai.relative_position(0.2, 0.3, 0.7) == "below"
    assert ai.relative_position(0.9, 0.7, 0.3) == "above"


def test_a1_headline_in_both_outcomes():
    recession = _Ran({("baseline", "essay"): Estimate(0.8, detail={"last quarter": "2025Q2", "negative quarters": ["2025Q1"]}),
                      ("baseline", "today"): Estimate(0.31, detail={"negative quarters": ["2025Q1", "2025Q4"], "pair": "2025Q4-2026Q1"})})
    weak = _Ran({("baseline", "essay"): Estimate(1.46), ("baseline", "today"): Estimate(1.83, detail={"GDP growth, same basis": 2.62})})
    assert ai.a1_headline(recession, weak) == (
        "No technical recession without IT investment: on the quarters published by 1 Dec 2025 (to 2025Q2) GDP without it "
        "fell in 2025Q1; today it fell in 2025Q1 and 2025Q4, and in its weakest pair of quarters (2025Q4-2026Q1) the better "
        "one grew 0.3%. Growth without it over the latest four quarters: 1.5% at the essay date, 1.8% today (GDP 2.6%)")
    recession.estimates[("baseline", "today")] = Estimate(-0.2, detail={"negative quarters": ["2025Q4", "2026Q1"], "pair": "2025Q4-2026Q1"})
    recession.estimates[("baseline", "essay")].detail["negative quarters"] = []
    text = ai.a1_headline(recession, weak)
    assert text.startswith("A technical recession without IT investment") and "GDP without it fell in no quarter;" in text


def test_a2_to_a5_headlines_state_each_legs_numbers():
    share = _Ran({("baseline", "today"): Estimate(0.4, -0.23, 1.02), ("from 2019", "today"): Estimate(1.94)})
    assert ai.a2_headline(_ran(0.12, -0.06, 0.3), _ran(1.55, 0.68, 2.42), _ran(-0.69, -1.34, -0.04), share) == (
        "Given the cycle, the least-skilled's unemployment gap to college graduates moved +0.12 pp after 2022-12 ([-0.06, 0.30]); "
        "output per hour grew +1.55 pp a year faster than in 2010-19 ([0.68, 2.42]) and payrolls -0.69 pp ([-1.34, -0.04]); "
        "the labour share is -0.40 pp of GDP against its 2022 average ([-1.02, 0.23]), -1.94 pp against 2019")
    afford = _ran(86.2, **{"latest, as an index (1987-2024 average = 100)": 127.9})
    assert ai.a3_headline(afford, _ran(0.2412), _ran(0.3125, **{"years it fell": 5, "years": 16})) == (
        "The payment on a constant-quality home is above 86% of months since 1987 (index 128, 1987-2024 average = 100; rule: 90%); "
        "under-40s hold 0.24 times their household share of net worth (rule: below 0.5); their relative wealth fell in 5 of 16 "
        "years since 2010 (rule: 75% of years)")
    use = _Ran({("baseline", "today"): Estimate(0.25, -1.67, 2.16), ("electric capacity utilisation", "today"): Estimate(-7.56)})
    rent = _ran(-1.2, -85.0, 84.0, latest="essay")
    theme = _ran(-51.0, -132.0, 30.0, latest="after the essay")
    text = ai.a4_headline(use, _ran(1.98, 0.73, 3.23), rent, theme)
    assert text == (
        "(a) Electricity prices outran CPI by +1.98 pp a year after 2023 ([0.73, 3.23]), but utility output growth shifted "
        "+0.25 pp ([-1.67, 2.16]) and electric capacity utilisation -7.56 pp: capacity grew faster than use; in the year to the "
        "essay the power producers' excess return over Nvidia was -1% a year ([-85, 84]). (b) Since the essay their excess "
        "return over the S&P 500 is -51% a year ([-132, 30]), over a window far short of the decade the forecast covers")
    use.estimates[("electric capacity utilisation", "today")] = Estimate(1.0)
    assert "utilisation +1.00 pp; in the year" in ai.a4_headline(use, _ran(1.98, 0.73, 3.23), rent, theme)
    rest = _Ran({("baseline", "today"): Estimate(2.16, 1.16, 3.16), ("payrolls outside information", "today"): Estimate(0.94)})
    assert ai.a5_headline(_ran(9.36, -3.06, 21.77), rest, _ran(-2.97, -3.97, -1.97)) == (
        "Since 2023 IT investment grew +9.36 pp a year faster than other investment ([-3.06, 21.77]) and information-sector "
        "jobs fell 3.0% a year ([-3.97, -1.97]), but the traditional track did not shrink: GDP without AI grew 2.2% a year "
        "([1.16, 3.16]) and payrolls outside information 0.9%")


@pytest.mark.filterwarnings("ignore:recession shading skipped")
def test_a1_chart_and_the_published_estimates(real_store, shared_data):
    spec = Spec("chart", A1_BASE, TODAY)
    frame = ai.ai_terms(spec).loc["2023":]
    negative = " and ".join(ai.quarter_label(d) for d in frame.index[frame["without"] < 0])
    recession = _Ran({("baseline", "essay"): Estimate(1.0, detail={"last quarter": "2025Q2"}), ("baseline", "today"): Estimate(0.3)})
    fig = ai.chart_a1(spec, recession, "2026Q1")
    ax = fig.axes[0]
    spans = [p for p in ax.patches if p.get_label() == "first published after 1 Dec 2025"]
    assert len(spans) == 1                                                   # shading starts at the first quarter after 2025Q2
    assert spans[0].get_x() == pytest.approx(list(frame.index).index(pd.Timestamp("2025-07-01")) - 0.5)
    _checked(fig, "2026Q1", f"GDP would have shrunk in {negative}: never two quarters running")
    recession.estimates[("baseline", "today")] = Estimate(-0.1)
    _checked(ai.chart_a1(spec, recession, "2026Q1"), "2026Q1", ": two quarters running")

    rec = ai.reconciliation(spec)
    t112 = ai.bea_long_to_wide(pd.read_csv(shared_data / "fred" / "nonfred" / "bea_nipa_T10102_contributions_real_gdp.csv"))
    assert rec["imports 2025Q1"] == pytest.approx(t112.loc["2025-01-01", 19]) and rec["imports 2025Q1"] < 0
    t116 = _bea(shared_data, "bea_nipa_T10106_real_gdp.csv")
    t536 = _bea(shared_data, "bea_nipa_T50306_real_private_fixed_investment.csv")
    chained, current = ai.it_share_2025q2(rec)
    q2 = pd.Timestamp("2025-04-01")
    assert chained == pytest.approx(t536.loc[q2, 32] / t116.loc[q2, 1] * 100)
    assert current == pytest.approx(_fred(shared_data, "A679RC1Q027SBEA")[q2] / _fred(shared_data, "GDP")[q2] * 100)
    _checked(ai.chart_it_share(rec, "2026Q1"), "2026Q1", f"{fmt.pct(chained)} of GDP in 2017 dollars but {fmt.pct(current)}")
    table = ai.reconciliation_table(rec)
    assert list(table.columns) == ["as published", "ours, their method", "ours, BEA method"] and len(table) == 3
    furman = table.iloc[0]
    assert furman["as published"] == "92% of growth; GDP without them 0.1%"
    assert furman["ours, their method"].startswith(f"{fmt.pct(rec['Furman']['their method']['share_pct'])} of growth")
    note = ai.reconciliation_note(rec)
    assert f"counts IT's growth about {chained / current:.1f} times" in note
    assert f"imports subtracted {fmt.num(-t112.loc['2025-01-01', 19], 1)} points from 2025Q1 growth" in note


@pytest.mark.filterwarnings("ignore:recession shading skipped")
def test_a2_frames_and_charts(real_store, shared_data):
    spec = Spec("chart", {}, TODAY)
    gaps = ai.skill_gaps(spec)
    low, high = _fred(shared_data, "LNS14027659"), _fred(shared_data, "LNS14027662")
    by_hand = (low - high).loc["2019-04-01":"2019-06-01"].mean()
    assert gaps.loc["2019-06-01", "less than high school minus bachelor's or higher"] == pytest.approx(by_hand)
    assert gaps.loc["2020-03":"2021-09"].isna().all().all() and gaps.loc["2021-10-01"].notna().all()
    assert gaps.index.min() == pd.Timestamp("2010-01-01")
    _checked(ai.chart_a2_skill(spec, _ran(0.123), "2024-12"), "2024-12", "the gap moved +0.12 pp given the cycle")
    _checked(ai.chart_a2_shares(spec, _ran(0.404), "2024-12"), "2024-12", "since then -0.40 pp of GDP")
    _checked(ai.chart_a2_growth(spec, _ran(1.554), _ran(-0.691), "2024-12"), "2024-12",
             "output per hour grew +1.55 pp a year faster than in 2010-19, payrolls -0.69 pp")


@pytest.mark.filterwarnings("ignore:recession shading skipped")
def test_a3_frames_and_charts(real_store):
    spec = Spec("chart", {}, TODAY)
    aff = ai.affordability_index(spec)
    assert np.allclose(aff.loc[:"2024"].mean(), 100.0)
    raw = ai.affordability(Spec("raw", {"price": "Case-Shiller", "income": "earnings growth"}, TODAY))
    assert list(aff.columns) == list(raw.columns) and aff.index.equals(raw.index)
    assert np.allclose(aff.iloc[-1], raw.iloc[-1] / raw.loc["1987":"2024"].mean() * 100)
    _checked(ai.chart_a3_affordability(spec, _ran(86.2), "2026Q1"), "2026Q1", "costs more than in 86% of months since 1987")
    ratios = ai.young_ratios(spec)
    assert list(ratios.columns) == list(ai.YOUNG_MEASURES) and (ratios.dropna() > 0).all().all()
    widen = _ran(0.31, **{"change over the period": 0.02, "years it fell": 5, "years": 16})
    _checked(ai.chart_a3_young(spec, _ran(0.2412), widen, "2026Q1"), "2026Q1",
             "hold 0.24 times their proportional net worth; the gap narrowed since 2010, widening in 5 of 16 years")
    widen.estimates[("baseline", "today")].detail["change over the period"] = -0.02
    _checked(ai.chart_a3_young(spec, _ran(0.2412), widen, "2026Q1"), "2026Q1", "the gap widened since 2010")


@pytest.mark.filterwarnings("ignore:recession shading skipped")
def test_a4_frames_and_charts(real_store, shared_data):
    spec = Spec("chart", {}, TODAY)
    power = ai.power_frame(spec)
    elec, cpi = _fred(shared_data, "CUSR0000SEHF01"), _fred(shared_data, "CPIAUCSL")
    by_hand = (np.log(elec["2024-12-01"] / elec["2023-12-01"]) - np.log(cpi["2024-12-01"] / cpi["2023-12-01"])) * 100
    assert power.loc["2024-12-01", "electricity CPI minus CPI, 12-month, pp"] == pytest.approx(by_hand)
    use = _Ran({("baseline", "today"): Estimate(0.25), ("electric capacity utilisation", "today"): Estimate(-7.56)})
    _checked(ai.chart_a4_power(spec, use, _ran(1.98), "2026-03"), "2026-03",
             "outran CPI by +1.98 pp a year; output growth moved +0.25 pp and utilisation -7.56 pp")

    essay = dt.date(2025, 12, 1)
    idx = ai.theme_index(spec, essay)
    day = idx.index[idx.index.searchsorted(pd.Timestamp(essay))]
    assert (idx.loc[day] == 100).all() and list(idx.columns) == list(ai.THEME_BASKETS)
    px = pd.concat({t: api.load(t) for t in ("VST", "CEG", "XLU", "NVDA", "SPY")}, axis=1, sort=True).dropna()["SPY"]
    assert idx["S&P 500 (SPY)"].iloc[-1] == pytest.approx(px.iloc[-1] / px[day] * 100)
    theme = _ran(-51.0, latest="after the essay", **{"cumulative, %": -31.2})
    _checked(ai.chart_a4_theme(spec, theme, essay, "2026-05-29"), "2026-05-29", "trail the S&P 500 by 31% (51% a year)")
    theme = _ran(12.0, latest="after the essay", **{"cumulative, %": 4.0})
    _checked(ai.chart_a4_theme(spec, theme, essay, "2026-05-29"), "2026-05-29", "lead the S&P 500 by 4% (12% a year)")


@pytest.mark.filterwarnings("ignore:recession shading skipped")
def test_a5_frames_and_chart(real_store, shared_data):
    spec = Spec("chart", A1_BASE, TODAY)
    pay = ai.payroll_growth(spec)
    info = _fred(shared_data, "USINFO")
    assert pay.loc["2024-12-01", "information sector"] == pytest.approx(np.log(info["2024-12-01"] / info["2023-12-01"]) * 100)
    tracks = ai.track_growth(spec)
    growth = ai.investment_growth(spec)
    q = (1 + growth["ai"] / 100) ** 0.25
    four = q.loc["2025-01-01":"2025-10-01"].prod()                            # 2024Q4 to 2025Q4
    assert tracks.loc["2025-10-01", "IT equipment and software"] == pytest.approx((four - 1) * 100)
    _checked(ai.chart_a5(spec, _ran(2.16), "2026Q1"), "2026Q1", "but the rest of GDP grew 2.2% a year")
