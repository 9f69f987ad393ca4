"""Every fetcher against its source's real format, built from the snapshot: the bytes it produces are
the bytes the snapshot import stores (the file itself, or its canonical form where the agency's
format cannot carry the file's exact bytes)."""

from __future__ import annotations

import pytest

from research_lib.data import formats
from research_lib.data.catalog import read_catalog
from research_lib.data.sources import FETCHERS, canonical, fetcher_class
from research_lib.data.sources.base import Budget, Settings
from tests.conftest import REAL_CATALOG, SHARED_DATA
from tests.fake_internet import BEA_KEY, FakeInternet
from tests.fake_servers import FakeServer

CATALOG = read_catalog(REAL_CATALOG)
# Yahoo runs through yfinance's client (a few tickers in test_sources_yahoo.py, all in the outsider test)
SOURCES = sorted(s for s in {e.source for e in CATALOG} if s != "yahoo")
CANONICAL_ONLY = {  # rows whose stored form differs from the snapshot file, and why (the rest are byte for byte)
    "DX-Y.NYB": "numbers spelled the shortest way", "^VIX3M": "numbers spelled the shortest way",
    "bea_t10102_contributions": "no retrieval-date column", "bea_t10106_real_gdp": "no retrieval-date column",
    "bea_t50306_real_fixed_investment": "no retrieval-date column", "census_datacenter_construction": "no retrieval-date column",
    "bea_t30200_federal_receipts": "long form", "bea_t11000_gdi": "long form",
    **{e.id: "no extra share column" for e in CATALOG if e.id.startswith("dfa2023_") and e.id.endswith("_shares")},
    "fomc_announcements": "documented error corrected",
    "employment_situation_release_dates": "documented typos corrected, Time recomputed",
}


@pytest.fixture(scope="module")
def internet():
    with FakeServer() as srv:
        yield FakeInternet(srv, SHARED_DATA, CATALOG)


@pytest.fixture
def online(internet, monkeypatch):
    for key, value in internet.env().items():
        monkeypatch.setenv(key, value)
    return internet


def test_every_catalog_source_is_a_fetcher_and_the_fake_points_them_all_at_loopback(internet):
    assert {e.source for e in CATALOG} <= set(FETCHERS)
    env = internet.env()
    for name in FETCHERS:
        for var in fetcher_class(name).url_envs:
            if var != "RESEARCH_REFERENCE_DIR":
                assert env.get(var, "").startswith("http://127.0.0.1:"), (name, var)


def test_stored_forms_differ_only_where_documented(shared_data):
    differ = {e.id for e in CATALOG if canonical(e, (shared_data / e.path).read_bytes()) != (shared_data / e.path).read_bytes()}
    assert differ == set(CANONICAL_ONLY)


def _check_source(source: str, shared_data) -> int:
    fetcher = fetcher_class(source)(settings=Settings.for_source(source, Settings(retries=0)), budget=Budget(None))
    checked = 0
    for entry in (e for e in CATALOG if e.source == source):
        snapshot = (shared_data / entry.path).read_bytes()
        got = fetcher.fetch(entry)
        assert canonical(entry, got) == got, f"{entry.id}: the fetcher's output is not in stored form"
        assert got == canonical(entry, snapshot), f"{entry.id}: the fetched file differs from the imported one"
        formats.parse(entry.format, got, entry.path)
        checked += 1
    return checked


@pytest.mark.parametrize("source", SOURCES)
def test_fetcher_reproduces_the_imported_file(source, online, shared_data):
    assert _check_source(source, shared_data) > 0


def test_bea_api_with_a_key_gives_the_same_files_as_the_flat_files(online, shared_data, monkeypatch):
    monkeypatch.setenv("BEA_API_KEY", BEA_KEY)
    online.server.requests.clear()
    assert _check_source("bea", shared_data) == len([e for e in CATALOG if e.source == "bea"])
    api = online.server.requests_for("/bea/api")
    assert len(api) == 5 and {r.query["TableName"] for r in api} == {"T10102", "T10106", "T50306", "T30200", "T11000"}
    assert all(r.query["UserID"] == BEA_KEY and r.query["Year"] == "X" and r.query["Frequency"] == "Q" for r in api)
    assert online.server.count("/bea/files/NipaDataQ.txt") == 0


def test_fred_api_with_a_key_gives_the_same_files(online, shared_data, monkeypatch):
    monkeypatch.setenv("FRED_API_KEY", "0123456789abcdef0123456789abcdef")
    fetcher = fetcher_class("fred")()
    assert fetcher.mode == "api"
    for sid in ("WALCL", "WTREGEN", "DGS10", "A191RL1Q225SBEA", "WDTGAL"):
        entry = CATALOG.get(sid)
        assert fetcher.fetch(entry) == (shared_data / entry.path).read_bytes()
