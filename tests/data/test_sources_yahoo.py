"""The Yahoo source: the chart JSON reader, and yfinance's client against a fake Yahoo (cookie, crumb, chart)."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from research_lib.data import formats
from research_lib.data.catalog import read_catalog
from research_lib.data.sources import SourceError, SourceUnreachable, canonical
from research_lib.data.sources.base import Settings
from research_lib.data.sources.yahoo import HEADER, YahooFetcher, chart_to_csv
from tests.conftest import REAL_CATALOG
from tests.fake_internet import CRUMB, FakeInternet

CATALOG = read_catalog(REAL_CATALOG)


def _ts(day: str, hour: int = 9, minute: int = 30, zone: str = "America/New_York") -> int:
    d = dt.date.fromisoformat(day)
    return int(dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=ZoneInfo(zone)).timestamp())


def _chart(stamps, quote, adj=None, zone="America/New_York"):
    indicators = {"quote": [quote]}
    if adj is not None:
        indicators["adjclose"] = [{"adjclose": adj}]
    return {"chart": {"result": [{"meta": {"exchangeTimezoneName": zone}, "timestamp": stamps, "indicators": indicators}],
                      "error": None}}


def test_chart_keeps_missing_fields_empty_and_drops_rows_without_prices():
    stamps = [_ts("2020-01-03"), _ts("2020-01-02"), _ts("2020-01-06")]
    quote = {"open": [None, 3244.67, None], "high": [None, 3258.14, None], "low": [None, 3235.53, None],
             "close": [12.37, 3257.85, None], "volume": [None, 3459930000, None]}
    out = chart_to_csv("X", _chart(stamps, quote, adj=[12.37, 3257.85, None]))
    assert out == (HEADER + "\n2020-01-02,3244.67,3258.14,3235.53,3257.85,3257.85,3459930000\n"
                   "2020-01-03,,,,12.37,12.37,\n").encode()
    formats.parse("yahoo", out, "x.csv")


def test_chart_dates_are_exchange_dates_and_a_later_bar_wins():
    # 00:30 UTC on 3 Jan is still 2 Jan in New York; a second bar of the same day replaces the first
    stamps = [int(dt.datetime(2020, 1, 3, 0, 30, tzinfo=dt.UTC).timestamp()), _ts("2020-01-02", 15, 59)]
    quote = {"open": [1.0, 2.0], "high": [1.0, 2.0], "low": [1.0, 2.0], "close": [1.0, 2.0], "volume": [1, 2]}
    assert chart_to_csv("X", _chart(stamps, quote)).decode().splitlines()[1:] == ["2020-01-02,1.0,1.0,1.0,1.0,1.0,1"]
    utc = _chart([_ts("2020-01-03", 0, 0, "UTC")], {k: [5.0] for k in ("open", "high", "low", "close")} | {"volume": [0]},
                 zone="UTC")
    assert chart_to_csv("BTC-USD", utc).decode().splitlines()[1] == "2020-01-03,5.0,5.0,5.0,5.0,5.0,0"


@pytest.mark.parametrize("payload, message", [
    ({"chart": {"result": None, "error": {"code": "Not Found", "description": "No data found"}}}, "no chart for 'X' \\(No data found\\)"),
    ({"chart": {"result": [], "error": None}}, "empty chart"),
    ({"nope": 1}, "no chart"),
    (_chart([1, 2], {"open": [1.0], "high": [1.0], "low": [1.0], "close": [1.0], "volume": [1]}), "unequal length"),
    (_chart([_ts("2020-01-02")], {"open": [None], "high": [None], "low": [None], "close": [None], "volume": [5]}), "no prices"),
])
def test_chart_problems_are_one_line_errors(payload, message):
    with pytest.raises(SourceError, match=message) as exc:
        chart_to_csv("X", payload)
    assert "\n" not in str(exc.value)


def test_canonical_spells_numbers_the_shortest_way_values_unchanged():
    entry = CATALOG.get("DX-Y.NYB")
    raw = (HEADER + "\n1971-01-27,120.250000,120.250000,120.250000,120.250000,120.250000,0\n").encode()
    out = canonical(entry, raw)
    assert out == (HEADER + "\n1971-01-27,120.25,120.25,120.25,120.25,120.25,0\n").encode()
    assert formats.parse("yahoo", out, "x").equals(formats.parse("yahoo", raw, "x"))
    assert canonical(entry, out) == out


@pytest.fixture
def yahoo_fake(fake_http, shared_data, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))  # yfinance's cookie cache stays in the test
    internet = FakeInternet(fake_http, shared_data, CATALOG)
    monkeypatch.setenv("RESEARCH_YAHOO_URL", internet.env()["RESEARCH_YAHOO_URL"])
    return internet


@pytest.mark.parametrize("ticker", ["^GSPC", "MSTR", "GC=F", "^VIX3M", "BTC-USD"])
def test_fetch_through_yfinance_reproduces_the_snapshot_file(yahoo_fake, shared_data, ticker):
    entry = CATALOG.get(ticker)
    fetcher = YahooFetcher(Settings(retries=0))
    assert fetcher.fetch(entry) == canonical(entry, (shared_data / entry.path).read_bytes())
    charts = yahoo_fake.server.requests_for(f"/v8/finance/chart/{ticker}")
    assert charts and charts[-1].query["range"] == "max" and charts[-1].query["interval"] == "1d"
    assert charts[-1].query.get("crumb") == CRUMB  # yfinance's cookie and crumb protocol was followed
    assert yahoo_fake.server.count("/v1/test/getcrumb") >= 1
    assert fetcher.method == "yfinance" and "/v8/finance/chart" in fetcher.origin


def test_unknown_ticker_is_one_line_error(yahoo_fake):
    with pytest.raises(SourceError, match="no chart for 'NOPE'.*finance.yahoo.com"):
        YahooFetcher(Settings(retries=0)).fetch(CATALOG.get("SPY").__class__(**{**CATALOG.get("SPY").__dict__, "id": "NOPE"}))


def test_server_errors_are_retried_then_reported(yahoo_fake):
    # yfinance's client asks once more itself (with its other cookie strategy) before answering 503
    yahoo_fake.server.add("/v8/finance/chart/SPY", 503, b"busy", times=4)
    sleeps = []
    fetcher = YahooFetcher(Settings(retries=2, backoff=0.01))
    fetcher.http._sleep = sleeps.append
    assert fetcher.fetch(CATALOG.get("SPY")).startswith(HEADER.encode())
    assert sleeps == [0.01, 0.02]
    yahoo_fake.server.add("/v8/finance/chart/SPY", 503, b"busy", times=5)
    with pytest.raises(SourceError, match=r"failed after 2 attempts \(HTTP 503\)"):
        YahooFetcher(Settings(retries=1, backoff=0.0)).fetch(CATALOG.get("SPY"))


def test_no_yahoo_server_is_unreachable_at_once(fake_http, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    url = fake_http.url
    fake_http.stop()
    monkeypatch.setenv("RESEARCH_YAHOO_URL", url)
    with pytest.raises(SourceUnreachable, match="cannot reach Yahoo Finance .*research data import"):
        YahooFetcher(Settings(retries=3, backoff=5.0)).fetch(CATALOG.get("SPY"))
