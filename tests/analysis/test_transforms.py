"""Transforms on small hand-checked series (test fixtures, not data)."""

import numpy as np
import pandas as pd
import pytest

from research_lib.analysis import transforms as tf


def monthly(values, start="2020-01-01"):
    return pd.Series(np.asarray(values, dtype=float),
                     index=pd.date_range(start, periods=len(values), freq="MS"))


def test_runs_below_ism_streaks():
    s = monthly([49, 48, 51, 47, 46, 45, 52])
    runs = tf.runs_below(s, 50)
    assert runs["length"].tolist() == [2, 3]
    assert runs["min"].tolist() == [48.0, 45.0]
    assert runs["start"].tolist() == [pd.Timestamp("2020-01-01"), pd.Timestamp("2020-04-01")]
    assert runs["end"].tolist() == [pd.Timestamp("2020-02-01"), pd.Timestamp("2020-06-01")]
    assert not runs["ongoing"].any()
    assert tf.runs_below(s.iloc[:-1], 50)["ongoing"].tolist() == [False, True]
    assert tf.runs_below(s, 40).empty


def test_drawdown():
    s = monthly([100, 120, 90, 130, 65])
    assert tf.drawdown(s).tolist() == pytest.approx([0, 0, -25, 0, -50])


def test_rebase_first_obs_on_or_after_date():
    s = monthly([50, 80, 200])
    r = tf.rebase(s, "2020-01-15")
    assert r.tolist() == pytest.approx([62.5, 100, 250])
    df = pd.DataFrame({"a": s, "b": [np.nan, 2.0, 4.0]}, index=s.index)
    assert tf.rebase(df, "2020-01-01").iloc[-1].tolist() == pytest.approx([400, 200])
    with pytest.raises(ValueError):
        tf.rebase(s, "2030-01-01")


def test_yoy_monthly_and_gaps():
    s = monthly(np.arange(1, 26))
    y = tf.yoy(s)
    assert y.iloc[:12].isna().all()
    assert y.iloc[12] == pytest.approx(1200.0)  # 13 vs 1
    assert y.iloc[24] == pytest.approx(100 * (25 / 13 - 1))
    gappy = s.drop(s.index[3])  # April 2020 missing
    g = tf.yoy(gappy)
    assert np.isnan(g.loc["2021-04-01"])
    assert g.loc["2021-05-01"] == pytest.approx(100 * (17 / 5 - 1))


def test_yoy_quarterly_weekly_daily():
    q = pd.Series(np.arange(1.0, 9.0), index=pd.date_range("2020-03-31", periods=8, freq="QE"))
    assert tf.yoy(q).iloc[4] == pytest.approx(400.0)
    w = pd.Series(np.arange(1.0, 60.0), index=pd.date_range("2020-01-01", periods=59, freq="W-WED"))
    assert tf.yoy(w).iloc[52] == pytest.approx(100 * (53 / 1 - 1))
    d = pd.Series(np.arange(1.0, 400.0), index=pd.bdate_range("2020-01-01", periods=399))
    yd = tf.yoy(d)
    # 2021-01-01 looks back to 2020-01-01 (first observation)
    assert yd.loc["2021-01-01"] == pytest.approx(100 * (d.loc["2021-01-01"] / 1.0 - 1))


def test_changes():
    s = monthly([100, 110, 121])
    assert tf.pct_change(s).iloc[1:].tolist() == pytest.approx([10, 10])
    assert tf.log_diff(s).iloc[1] == pytest.approx(100 * np.log(1.1))
    assert tf.diff(s, 2).iloc[2] == 21
    assert tf.forward_return(s, 2).iloc[0] == pytest.approx(100 * np.log(1.21))
    assert np.isnan(tf.forward_return(s, 1).iloc[-1])
    assert np.isnan(tf.log_diff(monthly([1, -1, 2])).iloc[1])


def test_rolling_zscore():
    s = monthly([1, 2, 3, 4, 10])
    z = tf.rolling_zscore(s, 3)
    last = np.array([3, 4, 10.0])
    assert z.iloc[-1] == pytest.approx((10 - last.mean()) / last.std(ddof=1))
    assert z.iloc[:2].isna().all()


def test_to_freq():
    d = pd.Series(1.0, index=pd.date_range("2020-01-01", "2020-03-31", freq="D"))
    assert tf.to_freq(d, "ME", "sum").tolist() == [31, 29, 31]
    assert tf.to_freq(d, "M", "sum").index[0] == pd.Timestamp("2020-01-31")  # alias mapped
    assert tf.to_freq(d.cumsum(), "QE", "last").tolist() == [91]
    gap = pd.Series([1.0, 2.0], index=pd.to_datetime(["2020-01-15", "2020-03-15"]))
    assert np.isnan(tf.to_freq(gap, "ME", "sum").iloc[1])
    with pytest.raises(ValueError):
        tf.to_freq(d, "ME", "median")


def test_real_asof_deflation():
    nominal = pd.Series([100.0, 100.0, 100.0],
                        index=pd.to_datetime(["2020-01-15", "2020-02-20", "2020-09-01"]))
    cpi = monthly([100, 125])  # Jan, Feb 2020
    r = tf.real(nominal, cpi)  # in Feb-2020 prices
    assert r.iloc[0] == pytest.approx(125.0)
    assert r.iloc[1] == pytest.approx(100.0)
    assert np.isnan(r.iloc[2])  # deflator too stale
    assert tf.real(nominal, cpi, base_date="2020-01-01").iloc[1] == pytest.approx(80.0)


def test_periods_per_year():
    assert tf.periods_per_year(pd.date_range("2020", periods=5, freq="MS")) == 12
    assert tf.periods_per_year(pd.date_range("2020", periods=5, freq="QS")) == 4
    assert tf.periods_per_year(pd.date_range("2020", periods=5, freq="W-FRI")) == 52
    assert tf.periods_per_year(pd.date_range("2020", periods=5, freq="YE")) == 1
    assert tf.periods_per_year(pd.bdate_range("2020", periods=5)) is None
