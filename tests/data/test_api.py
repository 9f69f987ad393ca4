"""`load`, `load_table`, `panel`, `as_of_date`, `net_liquidity` on real snapshot files (hand-checked)."""
from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest

from research_lib import as_of_date, load, load_table, panel
from research_lib.data import ingest
from research_lib.data.derived import net_liquidity
from research_lib.errors import ResearchError
from tests.conftest import BEA_T30200


def _raw(snapshot, rel: str) -> pd.DataFrame:
    """The raw file read independently with plain pandas (the hand computation's input)."""
    return pd.read_csv(snapshot.dir / rel, index_col=0, parse_dates=[0])


def test_load_fred_series(small_store, small_snapshot):
    s = load("DGS10")
    assert isinstance(s, pd.Series) and s.dtype == np.float64
    assert s.name == "DGS10"
    assert isinstance(s.index, pd.DatetimeIndex) and s.index.name == "date"
    assert s.notna().all() and s.index.is_monotonic_increasing
    raw = _raw(small_snapshot, "fred/DGS10.csv")["DGS10"].dropna()
    assert len(s) == len(raw) and len(raw) < len(_raw(small_snapshot, "fred/DGS10.csv"))  # holidays dropped
    np.testing.assert_array_equal(s.to_numpy(), raw.to_numpy())
    assert (s.index == raw.index).all()


def test_load_attrs(small_store):
    s = load("WALCL")
    meta = small_store.manifest["series"]["WALCL"]
    assert s.attrs["id"] == "WALCL"
    assert s.attrs["title"] == "Fed total assets (Wednesday level)"
    assert s.attrs["units"] == "Millions of U.S. Dollars"
    assert s.attrs["source"] == "fred"
    assert s.attrs["frequency"] == "weekly"
    assert s.attrs["as_of"] == str(s.index[-1].date()) == meta["last"]
    assert s.attrs["sha256"] == meta["sha256"]
    assert "notes" in s.attrs


def test_load_monthly_dates_first_of_month(small_store):
    s = load("USREC")
    assert (s.index.day == 1).all()
    assert set(s.unique()) <= {0.0, 1.0}


def test_load_yahoo_is_adjusted_close(small_store, small_snapshot):
    s = load("BTC-USD")
    raw = _raw(small_snapshot, "yahoo/BTC-USD.csv")
    assert s.name == "BTC-USD"
    np.testing.assert_array_equal(s.to_numpy(), raw["Adj Close"].dropna().to_numpy())
    assert load("_GSPC").name == "^GSPC"  # file stem alias


def test_load_yahoo_adjusted_not_close(small_store, tmp_path, monkeypatch):
    """With Close and Adj Close different, load gives Adj Close (hand-made file, not data)."""
    from research_lib.data.catalog import read_catalog
    from research_lib.data.store import Store

    snap = tmp_path / "snap" / "yahoo"
    snap.mkdir(parents=True)
    (snap / "BTC-USD.csv").write_text(
        "Date,Open,High,Low,Close,Adj Close,Volume\n2024-01-02,10,11,9,10.5,10.0,5\n2024-01-03,10,11,9,11.0,10.4,6\n"
    )
    store = Store(small_store.root, read_catalog())
    ingest.import_snapshot(store, snap.parent, ids=["BTC-USD"], progress=False)
    import research_lib.data.store as store_mod

    store_mod._DEFAULT.clear()
    assert load("BTC-USD").tolist() == [10.0, 10.4]
    ohlcv = load("BTC-USD", fields="ohlcv")
    assert ohlcv["close"].tolist() == [10.5, 11.0] and ohlcv["adj_close"].tolist() == [10.0, 10.4]


def test_load_ohlcv(small_store, small_snapshot):
    frame = load("^GSPC", fields="ohlcv")
    assert isinstance(frame, pd.DataFrame)
    assert list(frame.columns) == ["open", "high", "low", "close", "adj_close", "volume"]
    assert frame.index.name == "date"
    raw = _raw(small_snapshot, "yahoo/_GSPC.csv")
    row = raw.iloc[-1]
    last = frame.iloc[-1]
    assert frame.index[-1] == raw.index[-1]
    for field, col in zip(frame.columns, raw.columns):
        assert last[field] == pytest.approx(row[col]), field
    assert frame.attrs["as_of"] == str(raw.index[-1].date())


def test_load_ohlcv_needs_yahoo(small_store):
    with pytest.raises(ResearchError, match="Yahoo"):
        load("WALCL", fields="ohlcv")
    with pytest.raises(ResearchError, match="not supported"):
        load("WALCL", fields="close")


def test_load_start_end(small_store):
    s = load("DGS10", start="2020-01-01", end="2020-12-31")
    assert s.index.min() >= pd.Timestamp("2020-01-01") and s.index.max() <= pd.Timestamp("2020-12-31")
    assert s.index.min() == pd.Timestamp("2020-01-02")
    assert s.attrs["as_of"] == str(s.index[-1].date()) == "2020-12-31"
    full = load("DGS10")
    assert s.equals(full.loc["2020"])


def test_load_unknown_id_suggests(small_store):
    with pytest.raises(ResearchError, match="did you mean 'WALCL'"):
        load("WALC")


def test_load_without_local_data(small_catalog):
    with pytest.raises(ResearchError) as err:
        load("WALCL")
    message = str(err.value)
    assert "no local data for 'WALCL'" in message and "research data refresh WALCL" in message
    with pytest.raises(ResearchError, match="research data import DIR"):
        load("ism_manufacturing_pmi")


def test_load_table_of_series_and_series_of_table(small_store):
    with pytest.raises(ResearchError, match="load_table"):
        load("bea_t30200_federal_receipts")
    with pytest.raises(ResearchError, match=r"load\('WALCL'\)"):
        load_table("WALCL")


def test_load_log(small_store, tmp_path, monkeypatch):
    log = tmp_path / "loads.jsonl"
    monkeypatch.setenv("RESEARCH_LOAD_LOG", str(log))
    a = load("WALCL")
    b = load("DGS10", end="2020-06-30")
    t = load_table("bea_t30200_federal_receipts")
    lines = [json.loads(ln) for ln in log.read_text().splitlines()]
    assert [ln["id"] for ln in lines] == ["WALCL", "DGS10", "bea_t30200_federal_receipts"]
    from research_lib.data.catalog import catalog

    assert lines[0] == {"id": "WALCL", "sha256": a.attrs["sha256"], "as_of": a.attrs["as_of"],
                        "catalog": catalog().get("WALCL").digest}
    assert lines[1]["as_of"] == "2020-06-30" and lines[1]["sha256"] == b.attrs["sha256"]
    assert lines[2]["sha256"] == t.attrs["sha256"]


def test_no_load_log_without_env(small_store, tmp_path):
    load("WALCL")
    assert not list(tmp_path.glob("*.jsonl"))


def test_load_table_bea_wide(small_store, small_snapshot):
    table = load_table("bea_t30200_federal_receipts")
    assert list(table.columns) == ["line", "description", "period", "value"]
    # the value in the file, read by hand: line 1 "Current receipts", first quarter column (2024 Q1)
    lines = (small_snapshot.dir / BEA_T30200).read_text().splitlines()
    years = next(ln for ln in lines if ln.startswith("Line,")).split(",")
    quarters = [ln for ln in lines if ln.startswith("Line,")][1].split(",")
    col = next(i for i, (y, q) in enumerate(zip(years, quarters)) if (y, q) == ("2024", "Q1"))
    line1 = next(ln for ln in lines if ln.startswith('1,"') and "Current receipts" in ln)
    expected = float(line1.rsplit('",', 1)[1].split(",")[col - 2])
    got = table[(table["line"] == 1) & (table["period"] == "2024Q1")]
    assert got["description"].tolist() == ["Current receipts"]
    assert got["value"].tolist() == [expected]
    assert set(table["period"]) >= {"2024Q1", "2026Q1"}
    assert table.attrs["sha256"] == small_store.manifest["series"]["bea_t30200_federal_receipts"]["sha256"]


def test_panel_monthly_mean_matches_groupby(small_store):
    s = load("DGS10")
    out = panel(["DGS10"], freq="ME")
    by_hand = s.groupby(s.index.to_period("M")).mean()
    got = out["DGS10"].dropna()
    assert len(got) == len(by_hand)
    np.testing.assert_allclose(got.to_numpy(), by_hand.to_numpy())
    assert (got.index.to_period("M") == by_hand.index).all()
    assert out.index.name == "date"


def test_panel_rules_and_override(small_store):
    s = load("DGS10", start="2023-01-01", end="2023-12-31")
    q = s.groupby(s.index.to_period("Q"))
    out = panel(["DGS10", "WALCL"], freq="QE", start="2023-01-01", end="2023-12-31")
    np.testing.assert_allclose(out["DGS10"].to_numpy(), q.mean().to_numpy())  # catalog agg: mean
    w = load("WALCL", start="2023-01-01", end="2023-12-31")
    np.testing.assert_allclose(out["WALCL"].to_numpy(), w.groupby(w.index.to_period("Q")).last().to_numpy())

    last = panel(["DGS10"], freq="QE", how="last", start="2023-01-01", end="2023-12-31")
    np.testing.assert_allclose(last["DGS10"].to_numpy(), q.last().to_numpy())
    summed = panel(["DGS10", "WALCL"], freq="QE", how={"DGS10": "sum"}, start="2023-01-01", end="2023-12-31")
    np.testing.assert_allclose(summed["DGS10"].to_numpy(), q.sum().to_numpy())
    np.testing.assert_allclose(summed["WALCL"].to_numpy(), out["WALCL"].to_numpy())  # not overridden
    assert summed.attrs["as_of_by_series"]["DGS10"] == "2023-12-29"


def test_panel_sum_keeps_empty_periods_missing(small_store):
    out = panel(["USREC"], freq="W-WED", how="sum", start="2020-01-01", end="2020-06-30")
    assert out["USREC"].isna().any()
    assert (out["USREC"].dropna() >= 0).all()
    assert out["USREC"].notna().sum() == 6  # six monthly observations


def test_panel_bad_rule(small_store):
    with pytest.raises(ResearchError, match="median"):
        panel(["DGS10"], how="median")


def test_as_of_date(small_store):
    a, b = load("WALCL"), load("USREC")
    assert as_of_date(a, b) == min(a.attrs["as_of"], b.attrs["as_of"])  # the earliest end binds
    plain = pd.Series([1.0, np.nan], index=pd.to_datetime(["2020-01-01", "2020-02-01"]))
    assert as_of_date(plain) == "2020-01-01"
    with pytest.raises(ResearchError):
        as_of_date(pd.Series(dtype=float))


def test_net_liquidity_by_hand(small_store, small_snapshot):
    nl = net_liquidity()  # the Wednesday-level TGA (WDTGAL), like WALCL
    assert list(nl.columns) == ["walcl", "tga", "rrp", "net_liquidity"]
    assert "Billions" in nl.attrs["units"]
    walcl = _raw(small_snapshot, "fred/WALCL.csv")["WALCL"]
    tga = _raw(small_snapshot, "fred/WDTGAL.csv")["WDTGAL"]  # the Wednesday level, like WALCL
    rrp = _raw(small_snapshot, "fred/RRPONTSYD.csv")["RRPONTSYD"].dropna()
    day = pd.Timestamp("2024-01-03")  # a Wednesday
    rrp_last = rrp.loc["2023-12-28":"2024-01-03"].iloc[-1]  # last RRP observation of the week to Wednesday
    expected = walcl[day] / 1000 - tga[day] / 1000 - rrp_last
    row = nl.loc[day]
    assert row["walcl"] == pytest.approx(walcl[day] / 1000)
    assert row["tga"] == pytest.approx(tga[day] / 1000)
    assert row["rrp"] == pytest.approx(rrp_last)
    assert row["net_liquidity"] == pytest.approx(expected)
    assert 4000 < row["net_liquidity"] < 8000  # trillions written in billions, not millions


def test_net_liquidity_gap_is_not_filled(small_store):
    nl = net_liquidity(start="2025-11-01", end="2026-01-31", tga="week average")
    tga = load("WTREGEN", start="2025-11-01", end="2026-01-31")
    gap_weeks = nl.index[~nl.index.isin(tga.index) & (nl.index <= "2026-01-28")]
    # the snapshot's TGA has no observations from 2025-11-26 to 2025-12-31: those weeks stay missing
    assert pd.Timestamp("2025-12-10") in gap_weeks and len(gap_weeks) >= 5
    assert nl.loc[gap_weeks, "net_liquidity"].isna().all()
    assert nl.loc[gap_weeks, "walcl"].notna().all()
    assert nl.loc[tga.index, "net_liquidity"].notna().all()


def test_panel_business_days_put_weekend_crypto_on_monday(small_store):
    """A Friday must carry Friday's bitcoin close, not Sunday's; the weekend folds into Monday."""
    btc = load("BTC-USD")
    daily = panel(["BTC-USD", "^GSPC"], freq="B", how="last")
    friday, sunday, monday = pd.Timestamp("2024-03-01"), pd.Timestamp("2024-03-03"), pd.Timestamp("2024-03-04")
    assert daily.loc[friday, "BTC-USD"] == btc.loc[friday]
    assert daily.loc[monday, "BTC-USD"] == btc.loc[monday]
    weekly_mean = panel(["BTC-USD"], freq="B", how="mean").loc[monday, "BTC-USD"]
    assert weekly_mean == pytest.approx(btc.loc[pd.Timestamp("2024-03-02"):monday].mean())
    assert daily.index[-1] >= btc.index[-1]
    assert sunday not in daily.index
