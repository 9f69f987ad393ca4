"""Agency sources beyond the happy path: keys and contacts, layout changes, missing files, parsing rules."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from research_lib import config
from research_lib.data.catalog import read_catalog
from research_lib.data.sources import SourceError, SourceUnreachable, canonical, fetcher_class
from research_lib.data.sources import calendars as cal
from research_lib.data.sources.base import Budget, BudgetExhausted, HttpClient, Settings, one_line
from research_lib.data.sources.reference import REFERENCES, apply_reference_rules
from research_lib.data.sources.sec import quarterly_capex
from research_lib.errors import MESSAGE_LIMIT
from tests.conftest import REAL_CATALOG
from tests.fake_internet import BEA_KEY, FakeInternet

CATALOG = read_catalog(REAL_CATALOG)


@pytest.fixture
def online(fake_http, shared_data, monkeypatch):
    internet = FakeInternet(fake_http, shared_data, CATALOG)
    for key, value in internet.env().items():
        monkeypatch.setenv(key, value)
    monkeypatch.setattr(config, "DOTENV_PATH", None)
    return internet


def make(source: str, **settings):
    return fetcher_class(source)(settings=Settings(**{"retries": 0, **settings}), budget=Budget(None))


# --------------------------------------------------------------------------- shared plumbing


def test_messages_are_one_bounded_line():
    text = one_line("a\nb   c " + "x" * 2 * MESSAGE_LIMIT)
    assert "\n" not in text and len(text) <= MESSAGE_LIMIT and text.startswith("a b c") and text.endswith("…")


def test_http_client_masks_secrets_and_stops_at_the_budget(fake_http):
    fake_http.default("/x", 500, b"boom")
    clock = [0.0]
    budget = Budget(10.0, clock=lambda: clock[0])
    sleeps = []

    def sleep(s):
        sleeps.append(s)
        clock[0] += s

    client = HttpClient("Agency", Settings(retries=5, backoff=4.0), budget, secrets=("SECRET1",), sleep=sleep,
                        clock=lambda: clock[0])
    with pytest.raises(BudgetExhausted, match=r"time budget of 10 s would run out before the next try of Agency '\*\*\*'") as exc:
        client.get(fake_http.url + "/x", params={"key": "SECRET1"}, what="'SECRET1'")
    assert sleeps == [4.0]  # the next pause (8 s) would outlast the budget: stop instead of waiting
    assert "research data refresh" in str(exc.value) and fake_http.count("/x") == 2


def test_unreachable_host_fails_at_once(fake_http):
    url = fake_http.url
    fake_http.stop()
    sleeps = []
    client = HttpClient("Agency", Settings(retries=3), Budget(None), sleep=sleeps.append)
    with pytest.raises(SourceUnreachable, match=r"cannot reach Agency at 127.0.0.1:\d+ \(connection refused\)"):
        client.get(url + "/x", what="x")
    assert sleeps == []


# --------------------------------------------------------------------------- BEA


def test_bea_bad_key_is_reported_and_masked(online, monkeypatch):
    monkeypatch.setenv("BEA_API_KEY", "WRONG-KEY-123")
    with pytest.raises(SourceError, match="BEA refused table T10102 .*BEA_API_KEY") as exc:
        make("bea").fetch(CATALOG.get("bea_t10102_contributions"))
    assert "WRONG-KEY-123" not in str(exc.value)


def test_bea_fetches_each_table_once_per_refresh(online, monkeypatch):
    monkeypatch.setenv("BEA_API_KEY", BEA_KEY)
    bea = make("bea")
    for sid in ("A006RY2Q224SBEA", "A007RY2Q224SBEA", "bea_t10102_contributions"):
        bea.fetch(CATALOG.get(sid))
    assert online.server.count("/bea/api") == 1
    assert bea.method == "bea-api" and BEA_KEY not in bea.origin


def test_bea_flat_files_with_another_layout_fail_clearly(online):
    online.server.add("/bea/files/SeriesRegister.txt", 200, b"nothing,here\n1,2\n")
    with pytest.raises(SourceError, match="no series|no quarterly values"):
        make("bea").fetch(CATALOG.get("bea_t10106_real_gdp"))


def test_bea_line_missing_from_table(online, monkeypatch):
    monkeypatch.setenv("BEA_API_KEY", BEA_KEY)
    online.bea_rows["T10102"] = [r for r in online.bea_rows["T10102"] if r["SeriesCode"] != "A006RY"]
    with pytest.raises(SourceError, match="no series A006RY"):
        make("bea").fetch(CATALOG.get("A006RY2Q224SBEA"))


# --------------------------------------------------------------------------- files


def test_fred_md_tries_the_new_file_name_first(online):
    make("fred_md").fetch(CATALOG.get("fredmd_2019_10"))
    assert [r.path for r in online.server.requests if r.path.startswith("/fred_md/")] == [
        "/fred_md/2019-10-md.csv", "/fred_md/2019-10.csv"]


def test_download_that_is_an_html_page_is_refused(online):
    online.files["/shiller/data/data.csv"] = b"<!DOCTYPE html><html>moved</html>"
    with pytest.raises(SourceError, match="HTML page instead of CSV"):
        make("shiller").fetch(CATALOG.get("shiller_sp500_monthly"))


def test_owid_chart_with_other_columns(online):
    online.owid["/owid/grapher/monthly-spending-data-center-us.csv"] = b"Country,Year,Value\nUS,2020,1\n"
    with pytest.raises(SourceError, match="expected Entity,Code,Day"):
        make("owid").fetch(CATALOG.get("census_datacenter_construction"))


def test_dfa_zip_problems(online):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("dfa-other.csv", "Date,Category\n")
    online.dfa_zip = buf.getvalue()
    with pytest.raises(SourceError, match="has no dfa-age-shares-detail.csv"):
        make("fed_dfa").fetch(CATALOG.get("dfa2026_dfa_age_shares_detail"))
    online.dfa_zip = b"not a zip"
    with pytest.raises(SourceError, match="not a zip"):
        make("fed_dfa").fetch(CATALOG.get("dfa2026_dfa_age_shares_detail"))


def test_dfa_canonical_drops_only_the_copy_s_share_column():
    entry = CATALOG.get("dfa2023_dfa_age_shares")
    assert canonical(entry, b"Date,Category,Net worth,share\n1989:Q3,age40to54,10.5,x\n") == \
        b"Date,Category,Net worth\n1989:Q3,age40to54,10.5\n"
    board = b"Date,Category,Net worth\n1989:Q3,age40to54,10.5\n"
    assert canonical(entry, board) == board


def test_sec_refusing_an_anonymous_client_says_what_to_set(online, monkeypatch):
    monkeypatch.delenv("RESEARCH_CONTACT")
    with pytest.raises(SourceError, match=r"refused an anonymous client \(HTTP 403\): set RESEARCH_CONTACT"):
        make("sec").fetch(CATALOG.get("hyperscaler_capex_sec_quarterly"))
    assert online.server.count() == 1


def test_sec_contact_goes_in_the_user_agent(online):
    make("sec").fetch(CATALOG.get("hyperscaler_capex_sec_quarterly"))
    agents = {r.headers.get("User-Agent") for r in online.server.requests if r.path.startswith("/sec/")}
    assert agents and all("outsider@example.org" in a for a in agents)


def test_sec_quarters_from_frames_and_year_to_date_differences():
    facts = {"facts": {"us-gaap": {"T": {"units": {"USD": [
        {"start": "2024-01-01", "end": "2024-03-31", "val": 10, "fp": "Q1", "frame": "CY2024Q1"},
        {"start": "2024-01-01", "end": "2024-06-30", "val": 25, "fp": "Q2"},  # 6 months: Q2 = 25 - 10
        {"start": "2024-01-01", "end": "2024-09-30", "val": 45, "fp": "Q3"},  # 9 months: Q3 = 45 - 25
        {"start": "2024-01-01", "end": "2024-12-31", "val": 60, "fp": "FY", "frame": "CY2024"},
        {"start": "2023-07-01", "end": "2024-06-30", "val": 99, "fp": "FY", "frame": "CY2023"},  # not a calendar year
    ]}}}}}
    assert quarterly_capex(facts, "T") == {(2024, 1): 10.0, (2024, 2): 15.0, (2024, 3): 20.0, (2024, 0): 60.0}
    assert quarterly_capex({"facts": {}}, "T") == {}


def test_blockchain_keeps_days_before_yahoo_history(online):
    online.blockchain["market-price"].append({"x": 1410998400, "y": 457.33})  # 2014-09-18: Yahoo's history covers it
    out = make("blockchain").fetch(CATALOG.get("btc_usd_pre_yahoo")).decode().splitlines()
    assert out[0] == "Date,Close_USD" and out[-1].startswith("2014-09-16,")


def test_reference_file_is_read_from_the_repository(monkeypatch, tmp_path):
    monkeypatch.setenv("RESEARCH_REFERENCE_DIR", str(tmp_path))
    (tmp_path / "NAPM.csv").write_text("observation_date,NAPM\n2025-01-01,50.9\n")
    assert make("reference").fetch(CATALOG.get("NAPM")) == b"observation_date,NAPM\n2025-01-01,50.9\n"
    with pytest.raises(SourceError, match="reference file for 'ism_manufacturing_pmi' is missing .*restore data/reference"):
        make("reference").fetch(CATALOG.get("ism_manufacturing_pmi"))


def test_reference_rows_are_manual_with_their_own_staleness():
    import datetime as dt

    rows = [{"id": "NAPM", "source": "reference", "state": "stale", "last": "2025-08-01"},
            {"id": "ism_manufacturing_pmi", "source": "reference", "state": "ok", "last": "2025-12-02"},
            {"id": "WALCL", "source": "fred", "state": "ok", "last": "2026-08-19"}]
    out = apply_reference_rules(rows, today=dt.date(2025, 12, 20))
    assert [r["state"] for r in out] == ["stale", "manual", "ok"]  # NAPM: 141 days > 100
    assert out[1]["action"].startswith("manual: update from ISM") and "data/reference/" in out[1]["action"]
    assert "action" not in out[2]
    assert set(REFERENCES) == {e.id for e in CATALOG if e.source == "reference"}


# --------------------------------------------------------------------------- calendars


def test_fomc_calendar_rules():
    page = (
        '<h4>2019 FOMC Meetings</h4><div class="row fomc-meeting"><div class="fomc-meeting__month x"><strong>Apr/May</strong>'
        '</div><div class="fomc-meeting__date y">30-1</div><a href="/newsevents/pressreleases/monetary20190501a.htm">HTML</a></div>'
        '<div class="row fomc-meeting"><div class="fomc-meeting__month x"><strong>October</strong></div>'
        '<div class="fomc-meeting__date y">4 (unscheduled)</div></div>'
        '<div class="row fomc-meeting"><div class="fomc-meeting__month x"><strong>December</strong></div>'
        '<div class="fomc-meeting__date y">10-11*</div></div>'
    )
    meetings = cal._meetings_from_calendar(page)
    assert [cal._span(m) for m in meetings] == [("2019-04-30", "2019-05-01"), ("2019-10-04", "2019-10-04"),
                                                 ("2019-12-10", "2019-12-11")]
    assert meetings[0]["statements"] == ["20190501"]
    hist = cal._meetings_from_history('<h5>April 30-May 1 Meeting - 2013</h5><a href="monetary20130501a.htm">x</a>'
                                      '<h5>March 15 Conference Call - 2020</h5>', 2013)
    assert [cal._span(m) for m in hist] == [("2013-04-30", "2013-05-01"), ("2013-03-15", "2013-03-15")]
    assert hist[1]["call"] and hist[1]["statements"] == []


def test_fomc_page_without_meetings_is_a_layout_error(online):
    online.fomc_calendar.clear()
    with pytest.raises(SourceError, match="lists no meetings: the page layout may have changed"):
        make("fed_fomc").fetch(CATALOG.get("fomc_decisions"))


def test_bls_dates_and_release_hours():
    assert cal.parse_date_text("Friday, January 16, 2015 08:30 AM") == "2015-01-16"
    assert cal.parse_date_text("Sept. 11, 2025") == "2025-09-11"
    assert cal.release_hour_utc("2006-11-03") == 13  # before 2007 daylight saving ended in October
    assert cal.release_hour_utc("2025-07-03") == 12


def test_employment_situation_stored_form_corrects_documented_typos():
    entry = CATALOG.get("employment_situation_release_dates")
    raw = b"Date,Time\n2010-01-08,13\n2010-12-04,13\n2006-11-03,12\n"
    assert canonical(entry, raw) == b"Date,Time\n2010-01-08,13\n2009-12-04,13\n2006-11-03,13\n"


def test_fomc_announcements_stored_form_corrects_the_documented_error():
    entry = CATALOG.get("fomc_announcements")
    assert canonical(entry, b"date\n2026-03-18\n2026-05-06\n2026-06-17\n") == b"date\n2026-03-18\n2026-04-29\n2026-06-17\n"


def test_bls_cpi_schedule_page_wins_over_the_yearly_calendar(online):
    out = make("bls").fetch(CATALOG.get("cpi_release_dates")).decode().splitlines()
    assert out[0] == "release_date,reference_month,source_url"
    assert all(line.split(",")[2].startswith("https://www.bls.gov/schedule/") for line in out[1:])  # public pages named
    assert online.server.count("/bls/schedule/2026/home.htm") == 1  # a missing yearly page is skipped


def test_sources_send_json_they_can_parse(online):
    # the Blockchain.com fake answers the real JSON shape; a non-JSON answer is a clear error
    online.blockchain["market-price"] = []
    with pytest.raises(SourceError, match="no values before 2014-09-17"):
        make("blockchain").fetch(CATALOG.get("btc_usd_pre_yahoo"))
    online.server.add("/blockchain/charts/market-price", 200, b"not json")
    with pytest.raises(SourceError, match="malformed chart"):
        make("blockchain").fetch(CATALOG.get("btc_usd_pre_yahoo"))
    assert json.loads(json.dumps({"ok": 1}))
