"""Statistics against known answers on synthetic fixtures (fixed seeds; not data)."""

import numpy as np
import pandas as pd
import pytest
import statsmodels.api as sm

from research_lib.analysis import stats


@pytest.fixture
def linear():
    rng = np.random.default_rng(42)
    n = 400
    idx = pd.date_range("1990-01-31", periods=n, freq="ME")
    x = pd.Series(rng.standard_normal(n), index=idx, name="x")
    y = pd.Series(2 + 3 * x.to_numpy() + rng.standard_normal(n), index=idx, name="y")
    return y, x


def test_ols_hac_recovers_slope_and_matches_statsmodels(linear):
    y, x = linear
    res = stats.ols_hac(y, x)
    assert res.nobs == 400
    assert res.lags == int(np.floor(4 * (400 / 100) ** (2 / 9)))
    assert abs(res.coef("x") - 3) < 2 * res.se("x")
    assert abs(res.coef("const") - 2) < 2 * res.se("const")
    ref = sm.OLS(y, sm.add_constant(x)).fit(cov_type="HAC", cov_kwds={"maxlags": res.lags})
    assert res.params["se"].to_numpy() == pytest.approx(ref.bse.to_numpy())
    assert res.r2 == pytest.approx(ref.rsquared)
    assert list(res.params.columns) == ["coef", "se", "t", "p", "ci_low", "ci_high"]
    assert res.row("x")["ci_low"] < 3 < res.row("x")["ci_high"]
    t = res.test("x")
    assert set(t) == {"name", "statistic", "p_value", "n"} and t["n"] == 400
    assert "R²" in res._repr_html_() and "N = 400" in str(res)


def test_ols_hac_aligns_and_drops_missing(linear):
    y, x = linear
    y2 = y.copy()
    y2.iloc[:10] = np.nan
    X = pd.DataFrame({"x": x, "z": x.shift(1)})
    res = stats.ols_hac(y2.iloc[:-5], X)
    assert res.nobs == 400 - 10 - 5
    assert list(res.params.index) == ["const", "x", "z"]
    assert stats.ols_hac(y, x, lags=0, add_const=False).params.index.tolist() == ["x"]


@pytest.fixture
def broken():
    rng = np.random.default_rng(4)
    n = 240
    idx = pd.date_range("2000-01-31", periods=n, freq="ME")
    x = pd.Series(rng.standard_normal(n), index=idx, name="x")
    beta = np.where(idx >= "2012-01-01", 0.0, 1.0)
    y = pd.Series(beta * x.to_numpy() + 0.5 * rng.standard_normal(n), index=idx)
    stable = pd.Series(1.0 * x.to_numpy() + 0.5 * rng.standard_normal(n), index=idx)
    return y, stable, x


def test_newey_west_mean():
    rng = np.random.default_rng(5)
    s = pd.Series(0.5 + rng.standard_normal(400))
    out = stats.newey_west_mean(s)
    ref = sm.OLS(s, np.ones(len(s))).fit(cov_type="HAC", cov_kwds={"maxlags": out["lags"]})
    assert out["mean"] == pytest.approx(s.mean())
    assert out["se"] == pytest.approx(float(ref.bse.iloc[0]))
    assert out["p_value"] < 0.001 and out["n"] == 400


def test_local_projection_recovers_impulse():
    rng = np.random.default_rng(7)
    n = 800
    idx = pd.date_range("1950-01-31", periods=n, freq="ME")
    shock = pd.Series(rng.standard_normal(n), index=idx, name="shock")
    irf = 0.5 ** np.arange(20)  # effect on the growth rate; cumulative effect 1, 1.5, 1.75, ...
    dy = np.convolve(shock.to_numpy(), irf)[:n] + 0.3 * rng.standard_normal(n)
    level = pd.Series(np.cumsum(dy), index=idx)
    lp = stats.local_projection(level, shock, horizons=4)
    assert lp.index.tolist() == [0, 1, 2, 3, 4]
    truth = np.cumsum(irf)[:5]
    assert np.all(np.abs(lp["coef"].to_numpy() - truth) < 3 * lp["se"].to_numpy())
    assert (lp["hac_lags"] >= lp.index + 1).all()
    lp_rate = stats.local_projection(pd.Series(dy, index=idx), shock, [0, 2], cumulative=False)
    assert lp_rate.loc[2, "coef"] == pytest.approx(0.25, abs=0.1)


def test_event_study_car_on_constructed_jump():
    rng = np.random.default_rng(8)
    idx = pd.bdate_range("2020-01-01", periods=400)
    m = pd.Series(rng.normal(0, 1, 400), index=idx)
    r = 0.05 + 1.2 * m + pd.Series(rng.normal(0, 0.3, 400), index=idx)
    r.iloc[300] += 6.0  # the event-day jump
    es = stats.event_study(r, m, idx[300])
    assert es.event_date == idx[300]
    assert es.beta == pytest.approx(1.2, abs=0.1)
    assert es.ar.index.tolist() == list(range(-5, 11))
    assert es.ar.loc[0] == pytest.approx(6.0, abs=1.0)
    assert abs(es.car_total - 6.0) < 3 * es.sigma * np.sqrt(16)
    assert es.car_p < 0.001 and es.n_est == 221
    assert es.frame().shape == (16, 3)
    calm = stats.event_study(r, m, idx[280])
    assert calm.car_p > 0.01
    with pytest.raises(ValueError):
        stats.event_study(r, m, idx[100])


# --------------------------------------------------------------------------- two-sample bootstrap, matched events
def test_bootstrap_two_samples_ratio_of_means():
    rng = np.random.default_rng(3)
    a, b = rng.exponential(2.0, 400), rng.exponential(1.0, 600)   # mean ratio 2
    ratio = lambda A, B: A.mean(1) / B.mean(1)
    res = stats.bootstrap_two_samples(a, b, ratio, null=1.0, n_boot=1000, seed=1)
    assert res["statistic"] == pytest.approx(a.mean() / b.mean())
    assert res["ci_low"] < 2.0 < res["ci_high"] and res["ci_low"] > 1.0
    assert res["p_value"] == pytest.approx(1 / 1000) and (res["n_a"], res["n_b"]) == (400, 600)
    same = stats.bootstrap_two_samples(a[:200], a[200:], ratio, null=1.0, n_boot=1000, seed=1)
    assert same["ci_low"] < 1.0 < same["ci_high"] and same["p_value"] > 0.05
    med = stats.bootstrap_two_samples([1.0, 2.0, 3.0], [1.0, 1.0, 1.0],
                                      lambda A, B: np.median(A, 1) - np.median(B, 1), n_boot=200)
    assert med["statistic"] == 1.0
    with pytest.raises(ValueError, match="two values"):
        stats.bootstrap_two_samples([1.0], [1.0, 2.0], ratio)


def test_matched_difference_by_hand():
    idx = pd.date_range("2020-01-01", periods=8, freq="D")
    y = pd.Series([10.0, 1.0, 2.0, 3.0, 20.0, 5.0, 6.0, 99.0], index=idx)
    level = pd.DataFrame({"level": [1.0, 1.05, 0.95, 3.0, 3.0, 3.1, 9.0, 1.0]}, index=idx)
    eligible = pd.Series([False, True, True, True, False, True, True, False], index=idx)
    res = stats.matched_difference(y, [idx[0], idx[4], idx[7]], eligible, level, tolerance=0.2)
    units = res["units"]
    # day 0: controls days 1, 2 (levels 1.05, 0.95) -> 10 - 1.5; day 4: days 3, 5 -> 20 - 4; day 7 (level 1.0): days 1, 2 -> 99 - 1.5
    assert units["difference"].tolist() == [8.5, 16.0, 97.5] and units["n_controls"].tolist() == [2, 2, 2]
    diffs = np.array([8.5, 16.0, 97.5])
    assert res["statistic"] == pytest.approx(diffs.mean()) and res["n"] == 3 and res["dropped"] == 0
    half = 4.302653 * diffs.std(ddof=1) / np.sqrt(3)   # t(0.975, 2 df)
    assert res["ci_high"] - res["statistic"] == pytest.approx(half, rel=1e-5)
    none = stats.matched_difference(y, [idx[6]], eligible & (level["level"] < 5), level, tolerance=0.2)
    assert none["n"] == 0 and none["dropped"] == 1 and none["p_value"] is None


# --------------------------------------------------------------------------- slope change between two samples
def test_slope_change_bootstrap_finds_a_weaker_link_and_not_a_flat_one():
    rng = np.random.default_rng(11)
    idx = pd.date_range("1990-01-01", periods=480, freq="MS")
    x = pd.Series(rng.standard_normal(480), index=idx)
    after = idx >= "2010-01-01"
    slope = np.where(after, 0.2, 1.0)
    y = pd.Series(slope * x.to_numpy() + rng.normal(0, 1, 480), index=idx)
    res = stats.slope_change_bootstrap(y, x, "2010-01-01", n_boot=300)
    assert res["n_before"] == 240 and res["n_after"] == 240 and res["n"] == 480
    assert res["before"] == pytest.approx(1.0, abs=0.15) and res["after"] == pytest.approx(0.2, abs=0.15)
    assert res["low"] < res["statistic"] < res["high"] < 0 and res["p_value"] < 0.01
    flipped = pd.Series(np.where(after, -1.0, 1.0) * x.to_numpy() + rng.normal(0, 1, 480), index=idx)
    same = stats.slope_change_bootstrap(flipped, x, "2010-01-01", n_boot=300)   # same strength, sign flipped
    signed = stats.slope_change_bootstrap(flipped, x, "2010-01-01", n_boot=300, absolute=False)
    assert same["low"] < 0 < same["high"] and same["p_value"] > 0.05
    assert signed["statistic"] == pytest.approx(-2.0, abs=0.3) and signed["p_value"] < 0.01
    with pytest.raises(ValueError, match="too few"):
        stats.slope_change_bootstrap(y, x, "2029-06-01")


# ----------------------------------------------------------------------------- placebo event inference, out-of-sample fit, cointegration
def _market(n=600, seed=11):
    rng = np.random.default_rng(seed)
    idx = pd.bdate_range("2020-01-01", periods=n)
    m = pd.Series(rng.normal(0, 1, n), index=idx)
    r = 0.05 + 1.3 * m + pd.Series(rng.normal(0, 0.5, n), index=idx)
    return r, m, idx


def test_rolling_market_model_and_standardized_cars_match_event_study():
    r, m, idx = _market()
    r.iloc[450] += 4.0
    fit = stats.rolling_market_model(r, m)
    es = stats.event_study(r, m, idx[450], event_window=(0, 1))
    assert fit.loc[idx[450], "beta"] == pytest.approx(es.beta) and fit.loc[idx[450], "sigma"] == pytest.approx(es.sigma)
    assert fit["alpha"].iloc[:250].isna().all()  # no full estimation window before day 250
    sc = stats.standardized_cars(r, m, window=(0, 1))
    assert sc.loc[idx[450], "car"] == pytest.approx(es.car_total) and sc.loc[idx[450], "scar"] == pytest.approx(es.car_t)
    assert sc.index[-1] == idx[-2]  # the last day has no day +1


def test_placebo_inference_ranks_the_event_and_inverts_the_test():
    rng = np.random.default_rng(2)
    null = rng.normal(0, 1, 999)
    far = stats.placebo_inference(-6.0, null)
    assert far["p_value"] == pytest.approx(1 / 1000) and far["high"] < 0 and far["rank"] == 0.0
    near = stats.placebo_inference(0.3, null)
    assert near["p_value"] > 0.5 and near["low"] < 0 < near["high"]
    assert near["high"] - near["low"] == pytest.approx(np.subtract(*np.quantile(null, [0.975, 0.025])))
    with pytest.raises(ValueError):
        stats.placebo_inference(1.0, null[:5])


def test_engle_granger_tells_cointegrated_from_independent_walks():
    rng = np.random.default_rng(9)
    idx = pd.date_range("2000-01-31", periods=400, freq="ME")
    x = pd.Series(np.cumsum(rng.normal(size=400)), index=idx)
    tied = 2 * x + pd.Series(rng.normal(size=400), index=idx)
    loose = pd.Series(np.cumsum(rng.normal(size=400)), index=idx)
    assert stats.engle_granger(tied, x)["cointegrated"] and not stats.engle_granger(loose, x)["cointegrated"]


def test_oos_r2_finds_a_real_predictor_and_not_noise():
    rng = np.random.default_rng(5)
    idx = pd.date_range("2010-01-06", periods=700, freq="W-WED")
    x = pd.Series(rng.normal(size=700), index=idx)
    noise = pd.Series(rng.normal(size=700), index=idx)
    y = 0.4 * x.shift(1) + pd.Series(rng.normal(size=700), index=idx)
    real = stats.oos_r2(y, pd.DataFrame({"x": x.shift(1)}), None, "2015-01-01")
    fake = stats.oos_r2(y, pd.DataFrame({"z": noise.shift(1)}), None, "2015-01-01")
    assert real["r2"] > 5 and real["low"] > 0 and real["p_value"] < 0.01 and real["cw_p"] < 0.01
    assert fake["r2"] < 1 and fake["low"] < 0 < fake["high"] + 1
    cut = stats.oos_r2(y, pd.DataFrame({"x": x.shift(1)}), None, "2015-01-01", exclude=("2016-01-01", "2016-12-31"))
    assert cut["n"] == real["n"] - 52
    rolling = stats.oos_r2(y, pd.DataFrame({"x": x.shift(1)}), None, "2015-01-01", window=104)
    assert rolling["r2"] > 0
