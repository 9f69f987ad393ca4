"""`ingest.refresh` and `research data refresh|history|restore` against fake sources: merging, refusing to
shrink, versions, revisions in the summary, the time budget, no network, and ALFRED vintages."""
from __future__ import annotations

import csv
import io

import pandas as pd
import pytest

import research_lib.data.cache as cache_mod
import research_lib.data.store as store_mod
from research_lib import load
from research_lib._io import sha256_file
from research_lib.cli import main
from research_lib.data import ingest, versions
from research_lib.data.api import VintageUnavailable
from research_lib.data.catalog import read_catalog
from research_lib.data.sources import fred as fred_mod
from research_lib.data.sources.base import Budget
from tests.conftest import REAL_CATALOG, SMALL_ROWS
from tests.fake_internet import FakeInternet
from tests.fake_servers import FRED_API_PATH, FRED_CSV_PATH

KEY = "0123456789abcdef0123456789abcdef"
OBS = [("2024-01-03", "7681024"), ("2024-01-10", "."), ("2024-01-17", "7673741.5")]
RAW = b"observation_date,WALCL\n2024-01-03,7681024\n2024-01-10,\n2024-01-17,7673741.5\n"
FRED_IDS = ["WALCL", "WTREGEN", "RRPONTSYD", "DGS10", "USREC"]


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
def internet(small_store, small_snapshot, fake_http, monkeypatch, tmp_path, sleeps):
    """Every source of the small catalog served from its snapshot files; the fetchers point at it."""
    net = FakeInternet(fake_http, small_snapshot.dir, small_store.catalog)
    for key, value in net.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    return net


def walcl_rows(small_snapshot) -> list[tuple[str, str]]:
    rows = list(csv.reader(io.StringIO((small_snapshot.dir / "fred/WALCL.csv").read_text())))[1:]
    return [(r[0], r[1] or ".") for r in rows if r]


def test_import_stores_the_canonical_form_and_says_so(small_store, small_snapshot, capsys):
    report = ingest.import_snapshot(small_store, small_snapshot.dir, progress=False)
    assert report.unchanged and report.canonical == {"bea_t30200_federal_receipts": report.canonical["bea_t30200_federal_receipts"]}
    assert "long form" in report.canonical["bea_t30200_federal_receipts"]
    meta = small_store.manifest["series"]["bea_t30200_federal_receipts"]
    assert "stored in canonical form" in meta["provenance"] and meta["method"] == "import"
    assert main(["data", "import", "-q", str(small_snapshot.dir)]) == 0
    assert "stored in canonical form  bea_t30200_federal_receipts:" in capsys.readouterr().err


# --------------------------------------------------------------------------- FRED transport through a refresh


def test_refresh_api_success(small_store, fake_http, sleeps):
    fake_http.serve_fred("WALCL", OBS, csv=False)
    report = ingest.refresh(small_store, ["WALCL"], progress=False, fred=api_fetcher(fake_http), allow_shrink=True)
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


def test_refresh_same_data_twice_is_unchanged(internet, small_store):
    first = ingest.refresh(small_store, FRED_IDS, progress=False)
    assert sorted(first.unchanged) == sorted(FRED_IDS) and first.ok == []  # the fake serves what was imported
    walcl = internet.fred["WALCL"] + [("2026-08-26", "6612000")]
    internet.serve_fred("WALCL", walcl)
    assert ingest.refresh(small_store, ["WALCL"], progress=False).ok == ["WALCL"]
    again = ingest.refresh(small_store, ["WALCL"], progress=False)
    assert again.unchanged == ["WALCL"] and again.ok == []


def test_refresh_gives_up_after_500s_keeps_old_data_saves_others(internet, small_store, sleeps):
    walcl_raw = (small_store.raw_dir / "fred/WALCL.csv").read_bytes()
    walcl_meta = dict(small_store.manifest["series"]["WALCL"])
    walcl_before = load("WALCL")
    internet.server.default(FRED_CSV_PATH, 500, b"server error", query={"id": "WALCL"})
    internet.serve_fred("DGS10", internet.fred["DGS10"] + [("2026-08-21", "4.31")])

    report = ingest.refresh(small_store, ["WALCL", "DGS10"], progress=False)
    assert list(report.failed) == ["WALCL"]
    assert "failed after 3 attempts" in report.failed["WALCL"] and "HTTP 500" in report.failed["WALCL"]
    assert report.ok == ["DGS10"] and str(report.changes["DGS10"]) == "1 new, 0 revised"
    assert len(sleeps) == 2
    assert (small_store.raw_dir / "fred/WALCL.csv").read_bytes() == walcl_raw
    assert small_store.manifest["series"]["WALCL"] == walcl_meta
    cache_mod.CACHE_MEMO.clear()
    pd.testing.assert_series_equal(load("WALCL"), walcl_before)
    assert load("DGS10").iloc[-1] == 4.31
    assert small_store.verify() == []


def test_refresh_malformed_xml_is_not_retried(small_store, fake_http, sleeps):
    fake_http.default(FRED_API_PATH, 200, b'<?xml version="1.0"?>\n<observations><observation date="2024-01-03"',
                      query={"series_id": "WALCL"}, content_type="text/xml")
    before = (small_store.raw_dir / "fred/WALCL.csv").read_bytes()
    report = ingest.refresh(small_store, ["WALCL"], progress=False, fred=api_fetcher(fake_http))
    assert "malformed" in report.failed["WALCL"]
    assert fake_http.count(FRED_API_PATH) == 1
    assert (small_store.raw_dir / "fred/WALCL.csv").read_bytes() == before


def test_refresh_bad_file_from_source_is_rejected(small_store):
    before = (small_store.raw_dir / "fred/WALCL.csv").read_bytes()

    class Liar:
        method, origin = "fake", "nowhere"

        def fetch(self, entry):
            return b"observation_date,WALCL\n2024-01-10,1\n2024-01-03,2\n"

    report = ingest.refresh(small_store, ["WALCL"], progress=False, fred=Liar())
    assert "bad file" in report.failed["WALCL"] and "not ascending" in report.failed["WALCL"]
    assert (small_store.raw_dir / "fred/WALCL.csv").read_bytes() == before


def test_a_fetcher_bug_is_one_line_and_does_not_stop_the_rest(internet, small_store):
    class Broken:
        method, origin, label = "x", "x", "Broken"

        def fetch(self, entry):
            raise KeyError("internal detail")

    report = ingest.refresh(small_store, ["WALCL", "ism_manufacturing_pmi"], progress=False, fred=Broken())
    assert report.failed["WALCL"].startswith("Broken fetcher failed on 'WALCL' (KeyError)")
    assert "internal detail" not in report.failed["WALCL"]
    assert report.unchanged == ["ism_manufacturing_pmi"]


def test_refresh_unknown_catalog_id(small_store):
    with pytest.raises(Exception, match="unknown series id 'WALC'.*'WALCL'"):
        ingest.refresh(small_store, ["WALC"], progress=False)


# --------------------------------------------------------------------------- every source, merged


def test_default_refresh_asks_every_row_of_the_catalog(internet, small_store):
    report = ingest.refresh(small_store, progress=False)
    assert report.failed == {} and report.refused == {}
    assert sorted(report.unchanged) == sorted(small_store.catalog.ids())  # the fakes serve what was imported
    assert internet.server.count("/v8/finance/chart/^GSPC") == 1 and internet.server.count("/bea/files/NipaDataQ.txt") == 1
    assert report.offline == {"ism_manufacturing_pmi"}


def test_new_observations_and_revisions_are_counted_and_printed(internet, small_store, small_snapshot, capsys):
    rows = walcl_rows(small_snapshot)
    revised = rows[:-2] + [(rows[-2][0], "6600001"), (rows[-1][0], "6600002")]
    internet.serve_fred("WALCL", revised + [("2026-08-26", "1"), ("2026-09-02", "2"), ("2026-09-09", "3")])
    assert main(["data", "refresh", "-q", "WALCL"]) == 0
    out = capsys.readouterr().out
    assert "WALCL: 3 new, 2 revised" in out and "refresh: 1 ok, 0 unchanged, 0 failed" in out
    assert small_store.manifest["series"]["WALCL"]["provenance"].startswith("refresh: 3 new, 2 revised")
    assert len(load("WALCL")) == len(rows) + 3 - sum(v == "." for _, v in rows)


def test_a_shorter_answer_is_refused_and_nothing_changes(internet, small_store, capsys):
    """The answer with 3 rows ending 2020 must not replace 1,236 rows ending 2026, nor report "ok"."""
    before = (small_store.raw_dir / "fred/WALCL.csv").read_bytes()
    internet.serve_fred("WALCL", [("2020-01-01", "4173626"), ("2020-01-08", "4168000"), ("2020-01-15", "4176000")])
    code = main(["data", "refresh", "-q", "WALCL"])
    out, err = capsys.readouterr()
    assert code == 1
    assert "refused WALCL: the answer ends 2020-01-15, before the stored history (2026-08-19)" in err
    assert "refresh: 0 ok, 0 unchanged, 0 failed, 1 refused" in out
    assert (small_store.raw_dir / "fred/WALCL.csv").read_bytes() == before
    assert versions.history(small_store, small_store.catalog.get("WALCL"))[1:] == []  # nothing replaced, no version


def test_a_source_that_dropped_old_history_cannot_erase_it(internet, small_store, small_snapshot):
    rows = walcl_rows(small_snapshot)
    internet.serve_fred("WALCL", rows[-100:] + [("2026-08-26", "6612000")])  # e.g. ICE data on FRED: recent years only
    report = ingest.refresh(small_store, ["WALCL"], progress=False)
    change = report.changes["WALCL"]
    assert (change.new, change.revised, change.kept) == (1, 0, len(rows) - 100)
    meta = small_store.manifest["series"]["WALCL"]
    assert meta["first"] == rows[0][0] and meta["last"] == "2026-08-26" and meta["rows"] == len(rows) + 1


def test_allow_shrink_replaces_and_keeps_a_version_to_restore(internet, small_store, small_snapshot, capsys):
    rows = walcl_rows(small_snapshot)
    old_sha = small_store.manifest["series"]["WALCL"]["sha256"]
    internet.serve_fred("WALCL", rows[-10:])
    report = ingest.refresh(small_store, ["WALCL"], progress=False, allow_shrink=True)
    assert report.changes["WALCL"].removed == len(rows) - 10 and small_store.manifest["series"]["WALCL"]["rows"] == 10

    assert main(["data", "history", "WALCL"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[1].startswith("current") and len(lines) == 3
    version = lines[2].split()[0]
    assert main(["data", "restore", "WALCL", version[:12]]) == 0
    assert f"restored WALCL version {version}" in capsys.readouterr().out
    assert small_store.manifest["series"]["WALCL"]["sha256"] == old_sha
    store_mod._DEFAULT.clear()
    cache_mod.CACHE_MEMO.clear()
    assert len(load("WALCL")) > 1000
    assert len(versions.history(small_store, small_store.catalog.get("WALCL"))) == 3  # current + both earlier files

    assert main(["data", "restore", "WALCL", "nosuchversion"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: WALCL has no version 'nosuchversion'") and len(err.splitlines()) == 1


def test_table_merge_keeps_rows_and_refuses_when_it_cannot(small_snapshot):
    real = read_catalog(REAL_CATALOG)
    t32 = real.get("bea_t30200_federal_receipts")
    old = b"line,description,period,value\n1,Current receipts,2024Q1,5045.8\n1,Current receipts,2024Q2,5146.5\n"
    new = b"line,description,period,value\n1,Current receipts,2024Q2,5150.0\n1,Current receipts,2024Q3,5210.1\n"
    merged, change = versions.merge(t32, old, new)
    assert merged == (b"line,description,period,value\n1,Current receipts,2024Q1,5045.8\n"
                      b"1,Current receipts,2024Q2,5150.0\n1,Current receipts,2024Q3,5210.1\n")
    assert (change.new, change.revised, change.kept) == (1, 1, 1)
    dfa = real.get("dfa2026_dfa_age_shares_detail")
    with pytest.raises(versions.Refused, match="lacks 1 stored rows .*--allow-shrink"):
        versions.merge(dfa, b"Date,Category,x\n1989:Q3,a,1\n1989:Q3,b,2\n", b"Date,Category,x\n1989:Q3,a,1\n")
    calendar = real.get("fomc_decisions")
    with pytest.raises(versions.Refused, match="ends 2020-01-29, before the stored table \\(2026-12-09\\)"):
        versions.merge(calendar, b"decision_date,meeting_start,type,source\n2026-12-09,2026-12-08,scheduled,x\n",
                       b"decision_date,meeting_start,type,source\n2020-01-29,2020-01-28,scheduled,x\n")
    assert versions.merge(calendar, None, b"decision_date\n2020-01-29\n")[1].new == 1


# --------------------------------------------------------------------------- bounded and honest


def test_budget_stops_the_refresh_and_says_how_to_continue(internet, small_store):
    ticks = iter(range(0, 1000, 7))
    budget = Budget(20, clock=lambda: next(ticks))
    report = ingest.refresh(small_store, FRED_IDS + ["^GSPC"], progress=False, budget=budget)
    assert report.unchanged  # some series were fetched before the time ran out
    stopped = [sid for sid, m in report.failed.items() if "time budget of 20 s" in m]
    assert stopped and "^GSPC" in stopped and all("rerun `research data refresh`" in report.failed[s] for s in stopped)
    assert set(report.unchanged) | set(stopped) == set(FRED_IDS + ["^GSPC"])


def test_without_network_each_source_fails_once_on_one_line(internet, small_store, sleeps, capsys):
    before = {sid: m["sha256"] for sid, m in small_store.manifest["series"].items()}
    internet.server.stop()  # nothing listens any more: connection refused everywhere
    code = main(["data", "refresh", "-q"])
    out, err = capsys.readouterr()
    assert code == 1  # the store still has its data: `make run` goes on with it
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 3 and all(len(ln) < 320 for ln in lines), lines
    n_fred = sum(r[1] == "fred" for r in SMALL_ROWS)
    assert any(f"{n_fred} series" in ln and "cannot reach FRED" in ln for ln in lines)
    assert any("cannot reach Yahoo Finance" in ln for ln in lines) and any("cannot reach BEA" in ln for ln in lines)
    assert "Traceback" not in err and sleeps == []
    assert f"refresh: 0 ok, 1 unchanged, {len(SMALL_ROWS) - 1} failed" in out  # the reference file needs no network
    store_mod._DEFAULT.clear()
    assert {sid: m["sha256"] for sid, m in small_store.manifest["series"].items()} == before


def test_without_network_and_without_data_the_command_says_what_to_do(internet, small_catalog, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("RESEARCH_DATA_DIR", str(tmp_path / "empty"))
    store_mod._DEFAULT.clear()
    internet.server.stop()
    assert main(["data", "refresh", "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == (f"error: no data source could be reached and {len(SMALL_ROWS) - 1} series have no local data: connect to the internet "
                       "and rerun `make run`, or import a snapshot (`RESEARCH_SNAPSHOT=DIR make run`)")


def test_refresh_settings_reach_every_source(internet, small_store, monkeypatch):
    seen = {}
    real_make = ingest._make_fetcher

    def spy(source, budget, timeout, retries):
        fetcher = real_make(source, budget, timeout, retries)
        seen[source] = fetcher.settings
        return fetcher

    monkeypatch.setattr(ingest, "_make_fetcher", spy)
    assert main(["data", "refresh", "-q", "--timeout", "7", "--retries", "0", "--budget", "900"]) == 0
    assert set(seen) == {"fred", "yahoo", "bea", "reference"}
    assert all(s.timeout == 7 and s.retries == 0 for s in seen.values())
    monkeypatch.setenv("RESEARCH_BEA_TIMEOUT", "11")
    ingest.refresh(small_store, ["bea_t30200_federal_receipts"], progress=False)
    assert seen["bea"].timeout == 11


# --------------------------------------------------------------------------- ALFRED vintages


VINTAGES = [
    ("2025-10-30", "2025-11-05", [("2025-07-01", "100.0"), ("2025-10-01", "101.0")]),
    ("2025-11-06", "9999-12-31", [("2025-07-01", "100.5"), ("2025-10-01", "101.8"), ("2026-01-01", "103.0")]),
]


def test_vintages_as_of_a_date_and_first_releases(internet, small_store, monkeypatch, capsys):
    monkeypatch.setenv("FRED_API_KEY", KEY)
    internet.serve_alfred("USREC", VINTAGES)
    assert main(["data", "refresh", "-q", "--as-of", "2025-11-01", "USREC"]) == 0
    assert main(["data", "refresh", "-q", "--vintage", "first", "USREC"]) == 0
    capsys.readouterr()
    request = internet.server.requests_for(FRED_API_PATH)[-1]
    assert request.query["realtime_start"] == "1776-07-04" and request.query["realtime_end"] == "9999-12-31"

    monkeypatch.delenv("FRED_API_KEY")  # loading is offline: no key, no network needed
    internet.server.stop()
    as_of = load("USREC", as_of="2025-11-01")
    assert as_of.tolist() == [100.0, 101.0] and as_of.attrs["vintage"] == "2025-11-01"
    first = load("USREC", vintage="first")
    assert first.tolist() == [100.0, 101.0, 103.0] and first.attrs["vintage"] == "first"
    meta = small_store.manifest["series"]["USREC@2025-11-01"]
    assert meta["method"] == "alfred" and "as published on 2025-11-01" in meta["provenance"]
    assert len(load("USREC")) > 2000  # the latest values are untouched

    with pytest.raises(VintageUnavailable, match=r"no cached vintage USREC@2024-01-01: fetch it with "
                                                 r"`research data refresh --as-of 2024-01-01 USREC`"):
        load("USREC", as_of="2024-01-01")
    # the verdict protocol's essay-date window uses the cached vintage, else first releases, else the latest values
    import datetime as dt

    from research_lib.claims.protocol import Spec, Window

    essay = Spec("baseline", {}, Window("essay", end=dt.date(2025, 11, 1), vintage="first"))
    assert essay.load("USREC").tolist() == [100.0, 101.0] and essay.vintages["USREC"] == "as published on 2025-11-01"
    earlier = Spec("baseline", {}, Window("essay", end=dt.date(2024, 1, 1), vintage="first"))
    assert earlier.load("USREC").empty and earlier.vintages["USREC"] == "first releases"  # nothing published by then


def test_vintages_need_a_key_and_a_fred_series(internet, small_store):
    report = ingest.refresh(small_store, ["USREC", "^GSPC"], progress=False, as_of="2025-11-01")
    assert "need a FRED API key" in report.failed["USREC"] and "FRED_API_KEY" in report.failed["USREC"]
    assert "FRED series only" in report.failed["^GSPC"]
    with pytest.raises(VintageUnavailable, match="FRED series; \\^GSPC comes from yahoo"):
        load("^GSPC", as_of="2025-11-01")


def test_a_damaged_stored_file_is_kept_as_a_version_and_still_guards_the_history(internet, small_store, small_snapshot):
    raw = small_store.raw_dir / "fred/WALCL.csv"
    raw.write_bytes(raw.read_bytes() + b"2030-01-01,1\n")  # changed behind the store's back
    internet.serve_fred("WALCL", walcl_rows(small_snapshot)[:50])
    report = ingest.refresh(small_store, ["WALCL"], progress=False)
    assert "before the stored history (2026-08-19)" in report.refused["WALCL"]
    internet.serve_fred("WALCL", walcl_rows(small_snapshot))
    assert ingest.refresh(small_store, ["WALCL"], progress=False).ok == ["WALCL"]
    kept = versions.history(small_store, small_store.catalog.get("WALCL"))[1]
    assert "did not match its checksum" in kept["reason"]
    assert small_store.verify() == []


def test_vintage_loads_are_logged_for_the_runner(internet, small_store, monkeypatch, tmp_path):
    import json

    monkeypatch.setenv("FRED_API_KEY", KEY)
    internet.serve_alfred("USREC", VINTAGES)
    ingest.refresh(small_store, ["USREC"], progress=False, as_of="2025-11-01")
    log = tmp_path / "loads.jsonl"
    monkeypatch.setenv("RESEARCH_LOAD_LOG", str(log))
    load("USREC", as_of="2025-11-01")
    record = json.loads(log.read_text().splitlines()[0])
    assert record["id"] == "USREC@2025-11-01" and record["catalog"] is None
    assert record["sha256"] == small_store.manifest["series"]["USREC@2025-11-01"]["sha256"]
