"""`Store.refresh` and `research data refresh` against the offline fake FRED server and a fake yfinance."""
from __future__ import annotations

import pandas as pd
import pytest

import research_lib.data.cache as cache_mod
import research_lib.data.store as store_mod
from research_lib import load
from research_lib._io import sha256_file
from research_lib.cli import main
from research_lib.data import ingest
from research_lib.data.sources import fred as fred_mod
from research_lib.data.sources.yahoo import fetch_yahoo
from tests.fake_servers import (
    FRED_API_PATH,
    FRED_CSV_PATH,
    FakeYahooDownload,
    ohlcv,
)

KEY = "0123456789abcdef0123456789abcdef"
OBS = [("2024-01-03", "7681024"), ("2024-01-10", "."), ("2024-01-17", "7673741.5")]
RAW = b"observation_date,WALCL\n2024-01-03,7681024\n2024-01-10,\n2024-01-17,7673741.5\n"


@pytest.fixture
def sleeps(monkeypatch):
    """Every FredFetcher gets a tiny backoff and a recorded, instant sleep (no real waiting)."""
    recorded: list[float] = []
    real = fred_mod.FredFetcher

    class FastFetcher(real):
        def __init__(self, api_key=None, **kw):
            kw.setdefault("min_interval", 0.0)
            kw.setdefault("backoff", 0.001)
            kw.setdefault("max_retries", 2)
            kw.setdefault("timeout", 3.0)
            kw.setdefault("sleep", recorded.append)
            super().__init__(api_key, **kw)

    monkeypatch.setattr(fred_mod, "FredFetcher", FastFetcher)
    return recorded


def api_fetcher(srv, **kw):
    fetcher = fred_mod.FredFetcher(KEY, api_url=srv.fred_api_url, **kw)
    assert fetcher.mode == "api"
    return fetcher


@pytest.fixture
def keyless(fake_http, monkeypatch, sleeps):
    """The store builds its own (keyless) fetcher, pointed at the fake server."""
    monkeypatch.setenv("RESEARCH_FRED_CSV_URL", fake_http.fred_csv_url)
    monkeypatch.setenv("RESEARCH_FRED_API_URL", fake_http.fred_api_url)
    return fake_http


def test_refresh_api_success(small_store, fake_http, sleeps):
    fake_http.serve_fred("WALCL", OBS, csv=False)
    report = ingest.refresh(small_store, ["WALCL"], progress=False, fred=api_fetcher(fake_http))
    assert report.ok == ["WALCL"] and report.failed == {}
    raw = small_store.raw_dir / "fred/WALCL.csv"
    assert raw.read_bytes() == RAW
    meta = small_store.manifest["series"]["WALCL"]
    assert meta["method"] == "fredapi"
    assert fake_http.fred_api_url in meta["origin"] and KEY not in meta["origin"]
    assert meta["sha256"] == sha256_file(raw)
    assert (meta["first"], meta["last"], meta["rows"]) == ("2024-01-03", "2024-01-17", 3)
    request = fake_http.requests_for(FRED_API_PATH)[0]
    assert request.query["series_id"] == "WALCL" and request.query["api_key"] == KEY
    series = load("WALCL")
    assert series.tolist() == [7681024.0, 7673741.5]
    assert series.attrs["sha256"] == meta["sha256"]


def test_refresh_keyless_success(small_store, keyless):
    keyless.serve_fred("WALCL", OBS, api=False)
    report = ingest.refresh(small_store, ["WALCL"], progress=False)
    assert report.ok == ["WALCL"]
    assert (small_store.raw_dir / "fred/WALCL.csv").read_bytes() == RAW
    meta = small_store.manifest["series"]["WALCL"]
    assert meta["method"] == "fred-csv" and keyless.fred_csv_url in meta["origin"]
    assert keyless.count(FRED_API_PATH) == 0 and keyless.count(FRED_CSV_PATH) == 1


def test_refresh_same_data_twice_is_unchanged(small_store, keyless):
    keyless.serve_fred("WALCL", OBS, api=False)
    assert ingest.refresh(small_store, ["WALCL"], progress=False).ok == ["WALCL"]
    report = ingest.refresh(small_store, ["WALCL"], progress=False)
    assert report.unchanged == ["WALCL"] and report.ok == []


def test_refresh_429_then_ok(small_store, fake_http, sleeps):
    fake_http.add(FRED_API_PATH, status=429, query={"series_id": "WALCL"}, headers={"Retry-After": "0"})
    fake_http.serve_fred("WALCL", OBS, csv=False)
    report = ingest.refresh(small_store, ["WALCL"], progress=False, fred=api_fetcher(fake_http))
    assert report.ok == ["WALCL"] and report.failed == {}
    assert fake_http.count(FRED_API_PATH) == 2
    assert len(sleeps) == 1 and sleeps[0] < 0.01


def test_refresh_gives_up_after_500s_keeps_old_data_saves_others(small_store, keyless, sleeps):
    walcl_raw = (small_store.raw_dir / "fred/WALCL.csv").read_bytes()
    walcl_meta = dict(small_store.manifest["series"]["WALCL"])
    walcl_before = load("WALCL")
    keyless.default(FRED_CSV_PATH, 500, b"server error", query={"id": "WALCL"})
    keyless.serve_fred("DGS10", [("2024-01-02", "3.95"), ("2024-01-03", "3.91")], api=False)

    report = ingest.refresh(small_store, ["WALCL", "DGS10"], progress=False)
    assert list(report.failed) == ["WALCL"]
    assert "failed after 3 attempts" in report.failed["WALCL"] and "HTTP 500" in report.failed["WALCL"]
    assert report.ok == ["DGS10"]
    assert keyless.count(FRED_CSV_PATH) == 4  # 3 attempts for WALCL, 1 for DGS10
    assert len(sleeps) == 2

    assert (small_store.raw_dir / "fred/WALCL.csv").read_bytes() == walcl_raw
    assert small_store.manifest["series"]["WALCL"] == walcl_meta
    cache_mod.CACHE_MEMO.clear()
    pd.testing.assert_series_equal(load("WALCL"), walcl_before)
    assert load("DGS10").tolist() == [3.95, 3.91]
    assert small_store.verify() == []


def test_cli_refresh_with_failure_exits_1(small_store, keyless, capsys):
    keyless.default(FRED_CSV_PATH, 503, b"busy", query={"id": "WALCL"})
    keyless.serve_fred("DGS10", [("2024-01-02", "3.95")], api=False)
    code = main(["data", "refresh", "-q", "WALCL", "DGS10"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "failed  WALCL" in err and "HTTP 503" in err
    assert "refresh: 1 ok, 0 unchanged, 1 failed" in out
    assert "Traceback" not in err


def test_cli_refresh_success_exits_0(small_store, keyless, capsys):
    keyless.serve_fred("DGS10", [("2024-01-02", "3.95")], api=False)
    assert main(["data", "refresh", "-q", "DGS10"]) == 0
    assert "refresh: 1 ok" in capsys.readouterr().out


def test_refresh_malformed_xml(small_store, fake_http, sleeps):
    fake_http.default(FRED_API_PATH, 200, b'<?xml version="1.0"?>\n<observations><observation date="2024-01-03"',
                      query={"series_id": "WALCL"}, content_type="text/xml")
    before = (small_store.raw_dir / "fred/WALCL.csv").read_bytes()
    report = ingest.refresh(small_store, ["WALCL"], progress=False, fred=api_fetcher(fake_http))
    assert "malformed" in report.failed["WALCL"]
    assert fake_http.count(FRED_API_PATH) == 1  # a malformed answer is not retried
    assert (small_store.raw_dir / "fred/WALCL.csv").read_bytes() == before


def test_refresh_timeout(small_store, fake_http, sleeps):
    fake_http.default(FRED_CSV_PATH, 200, b"observation_date,WALCL\n2024-01-03,1\n", query={"id": "WALCL"}, delay=3.0)
    fetcher = fred_mod.FredFetcher(None, csv_url=fake_http.fred_csv_url, timeout=0.2, max_retries=1)
    assert fetcher.mode == "csv"
    report = ingest.refresh(small_store, ["WALCL"], progress=False, fred=fetcher)
    assert "timed out" in report.failed["WALCL"]
    assert fake_http.count(FRED_CSV_PATH) == 2


def test_refresh_unknown_series_at_fred(small_store, fake_http, sleeps):
    fake_http.unknown_fred("USREC")
    for fetcher in (api_fetcher(fake_http), fred_mod.FredFetcher(None, csv_url=fake_http.fred_csv_url)):
        report = ingest.refresh(small_store, ["USREC"], progress=False, fred=fetcher)
        assert "FRED does not know series 'USREC'" in report.failed["USREC"]
        assert KEY not in report.failed["USREC"]
    assert small_store.verify() == []


def test_refresh_bad_file_from_source_is_rejected(small_store, fake_http, sleeps):
    """A source answer that fails the store's format check is reported, not written."""
    before = (small_store.raw_dir / "fred/WALCL.csv").read_bytes()

    class Liar:
        method, origin = "fake", "nowhere"

        def fetch(self, series_id):
            return b"observation_date,WALCL\n2024-01-10,1\n2024-01-03,2\n"

    report = ingest.refresh(small_store, ["WALCL"], progress=False, fred=Liar())
    assert "bad file" in report.failed["WALCL"] and "not ascending" in report.failed["WALCL"]
    assert (small_store.raw_dir / "fred/WALCL.csv").read_bytes() == before


def test_refresh_unknown_catalog_id(small_store):
    with pytest.raises(Exception, match="unknown series id 'WALC'.*'WALCL'"):
        ingest.refresh(small_store, ["WALC"], progress=False)


def test_refresh_yahoo_ok_and_one_empty_ticker(small_store):
    gspc = ohlcv([
        ("2024-01-02", 4745.2, 4754.3, 4722.7, 4742.8, 4742.8, 3.7e9),
        ("2024-01-03", 4725.1, 4729.3, 4699.7, 4704.8, 4704.8, 3.95e9),
    ])
    btc_before = (small_store.raw_dir / "yahoo/BTC-USD.csv").read_bytes()
    download = FakeYahooDownload({"^GSPC": gspc, "BTC-USD": None})

    report = ingest.refresh(small_store, ["^GSPC", "BTC-USD"], progress=False,
                                 yahoo=lambda tickers: fetch_yahoo(tickers, download=download))
    assert report.ok == ["^GSPC"]
    assert list(report.failed) == ["BTC-USD"] and "BTC-USD" in report.failed["BTC-USD"]
    assert len(download.calls) == 1 and sorted(download.calls[0][0]) == ["BTC-USD", "^GSPC"]
    assert download.kwargs["auto_adjust"] is False

    raw = (small_store.raw_dir / "yahoo/_GSPC.csv").read_text().splitlines()
    assert raw[0] == "Date,Open,High,Low,Close,Adj Close,Volume"
    assert raw[1].startswith("2024-01-02,")
    assert small_store.manifest["series"]["^GSPC"]["method"] == "yfinance"
    assert (small_store.raw_dir / "yahoo/BTC-USD.csv").read_bytes() == btc_before
    assert load("^GSPC").tolist() == [4742.8, 4704.8]
    assert load("^GSPC", fields="ohlcv")["volume"].tolist() == [3.7e9, 3.95e9]


def test_refresh_yahoo_whole_download_fails(small_store):
    download = FakeYahooDownload(raises=ConnectionError("offline"))
    report = ingest.refresh(small_store, ["^GSPC", "BTC-USD"], progress=False,
                                 yahoo=lambda tickers: fetch_yahoo(tickers, download=download))
    assert sorted(report.failed) == ["BTC-USD", "^GSPC"]
    assert all("offline" in m for m in report.failed.values())


def test_refresh_series_without_live_source(small_store, capsys):
    report = ingest.refresh(small_store, ["ism_manufacturing_pmi"], progress=False)
    message = report.failed["ism_manufacturing_pmi"]
    assert "no live source" in message and "research data import DIR" in message
    assert report.ok == []
    assert main(["data", "refresh", "-q", "ism_manufacturing_pmi"]) == 1
    assert "no live source" in capsys.readouterr().err


def test_refresh_default_is_every_live_series(small_store, keyless):
    for sid in ("WALCL", "WTREGEN", "RRPONTSYD", "DGS10", "USREC"):
        keyless.serve_fred(sid, [("2024-01-03", "1")], api=False)
    calls = []

    def yahoo(tickers):
        calls.append(sorted(tickers))
        return fetch_yahoo(tickers, download=FakeYahooDownload({}))

    report = ingest.refresh(small_store, progress=False, yahoo=yahoo)
    assert sorted(report.ok) == ["DGS10", "RRPONTSYD", "USREC", "WALCL", "WTREGEN"]
    assert calls == [["BTC-USD", "^GSPC"]]
    assert "ism_manufacturing_pmi" not in report.failed


def test_cli_refresh_without_network_stops_early_and_keeps_data(small_store, keyless, sleeps, capsys):
    """No network: one grouped line naming the problem and the fix, exit 1, nothing on disk touched."""
    before = {sid: m["sha256"] for sid, m in small_store.manifest["series"].items()}
    keyless.stop()  # nothing listens on the fake FRED address any more: connection refused
    code = main(["data", "refresh", "-q", "WALCL", "DGS10", "USREC"])
    out, err = capsys.readouterr()
    assert code == 1
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "3 series" in lines[0] and "cannot reach FRED" in lines[0]
    assert "research data import" in lines[0] and "Traceback" not in err
    assert len(sleeps) == 2  # retried the first series only, then stopped
    store_mod._DEFAULT.clear()
    assert {sid: m["sha256"] for sid, m in small_store.manifest["series"].items()} == before
    assert len(load("WALCL")) > 1000
