"""FredFetcher against a local fake FRED (API via fredapi, and the keyless CSV download)."""

from __future__ import annotations

import pytest

from research_lib import config
from research_lib.config import read_dotenv
from research_lib.data.sources import SourceError, SourceUnreachable
from research_lib.data.sources.fred import FredFetcher, resolve_api_key
from tests.fake_servers import (
    FRED_API_PATH,
    FRED_CSV_PATH,
    fred_csv,
    fred_error_xml,
    fred_xml,
)

KEY = "abcdef0123456789abcdef0123456789"
OBS = [("2020-01-01", "1.5"), ("2020-02-01", "."), ("2020-03-01", "2.25"), ("2020-04-01", "719542")]
EXPECTED = b"observation_date,TESTID\n2020-01-01,1.5\n2020-02-01,\n2020-03-01,2.25\n2020-04-01,719542\n"


class FakeClock:
    """Time that moves only when the fetcher sleeps: throttle and backoff become exact numbers."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(round(seconds, 6))
        self.now += seconds

    def __call__(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _no_ambient_config(monkeypatch):
    for var in ("FRED_API_KEY", "RESEARCH_FRED_API_URL", "RESEARCH_FRED_CSV_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(config, "DOTENV_PATH", None)


def api_fetcher(srv, clock, **kw) -> FredFetcher:
    kw.setdefault("max_retries", 3)
    kw.setdefault("backoff", 0.1)
    kw.setdefault("timeout", 5.0)
    return FredFetcher(KEY, api_url=srv.fred_api_url, sleep=clock.sleep, clock=clock, **kw)


def csv_fetcher(srv, clock, **kw) -> FredFetcher:
    kw.setdefault("max_retries", 3)
    kw.setdefault("backoff", 0.1)
    kw.setdefault("timeout", 5.0)
    f = FredFetcher(None, csv_url=srv.fred_csv_url, sleep=clock.sleep, clock=clock, **kw)
    assert f.mode == "csv"
    return f


# --------------------------------------------------------------------------- API (fredapi)


def test_api_success_formats_fred_download_csv(fake_http):
    fake_http.serve_fred("TESTID", OBS, csv=False)
    clock = FakeClock()
    f = api_fetcher(fake_http, clock)
    assert f.mode == "api"
    assert f.fetch("TESTID") == EXPECTED
    (req,) = fake_http.requests_for(FRED_API_PATH)
    assert req.query["series_id"] == "TESTID"
    assert req.query["api_key"] == KEY
    assert fake_http.count() == 1  # no extra series-info call
    assert clock.sleeps == []


def test_api_sorts_ascending_and_keeps_raw_value_text(fake_http):
    fake_http.add(FRED_API_PATH, 200, fred_xml("X", [("2021-01-01", "3.10"), ("2020-12-01", "2")]))
    assert api_fetcher(fake_http, FakeClock()).fetch("X") == b"observation_date,X\n2020-12-01,2\n2021-01-01,3.10\n"


def test_api_429_then_success_is_retried_and_throttled(fake_http):
    fake_http.add(FRED_API_PATH, 429, fred_error_xml(429, "Too Many Requests.  Exceeded Rate Limit"))
    fake_http.serve_fred("TESTID", OBS)
    clock = FakeClock()
    f = api_fetcher(fake_http, clock, min_interval=0.5, backoff=0.1)
    assert f.fetch("TESTID") == EXPECTED
    # backoff 0.1 after the 429, then the throttle tops it up to min_interval 0.5
    assert clock.sleeps == [0.1, 0.4]
    assert fake_http.count(FRED_API_PATH) == 2
    # a second call right away waits for min_interval again (throttle spans calls)
    assert f.fetch("TESTID") == EXPECTED
    assert clock.sleeps == [0.1, 0.4, 0.5]


def test_api_429_honours_retry_after(fake_http):
    fake_http.add(FRED_API_PATH, 429, b"", headers={"Retry-After": "3"})
    fake_http.serve_fred("TESTID", OBS)
    clock = FakeClock()
    assert api_fetcher(fake_http, clock, backoff=0.1).fetch("TESTID") == EXPECTED
    assert clock.sleeps == [3.0]


def test_api_500_until_give_up(fake_http):
    fake_http.default(FRED_API_PATH, 503, b"<html>Service Unavailable</html>")
    clock = FakeClock()
    f = api_fetcher(fake_http, clock, max_retries=3, backoff=0.1, min_interval=0.0)
    with pytest.raises(SourceError) as exc:
        f.fetch("TESTID")
    msg = str(exc.value)
    assert msg == "FRED request for 'TESTID' failed after 4 attempts (HTTP 503): try again later"
    assert fake_http.count(FRED_API_PATH) == 4
    assert clock.sleeps == [0.1, 0.2, 0.4]  # exponential backoff
    assert KEY not in msg


def test_api_malformed_xml(fake_http):
    fake_http.add(FRED_API_PATH, 200, b"<observations><observation date='2020-01-01' value='1'")
    with pytest.raises(SourceError, match=r"malformed .*'TESTID'"):
        api_fetcher(fake_http, FakeClock()).fetch("TESTID")
    assert fake_http.count() == 1


def test_api_bad_value_is_malformed(fake_http):
    fake_http.add(FRED_API_PATH, 200, fred_xml("TESTID", [("2020-01-01", "n/a")]))
    with pytest.raises(SourceError, match=r"malformed .*'TESTID'") as exc:
        api_fetcher(fake_http, FakeClock()).fetch("TESTID")
    assert KEY not in str(exc.value)


def test_api_wrong_root_element_is_malformed(fake_http):
    fake_http.add(FRED_API_PATH, 200, b"<?xml version='1.0'?><seriess><series id='TESTID'/></seriess>")
    with pytest.raises(SourceError, match=r"malformed answer for 'TESTID'"):
        api_fetcher(fake_http, FakeClock()).fetch("TESTID")


def test_api_no_observations_is_an_error(fake_http):
    fake_http.add(FRED_API_PATH, 200, fred_xml("TESTID", []))
    with pytest.raises(SourceError, match="no observations for 'TESTID'"):
        api_fetcher(fake_http, FakeClock()).fetch("TESTID")


def test_api_timeout_then_success(fake_http):
    fake_http.add(FRED_API_PATH, 200, fred_xml("TESTID", OBS), delay=1.0)
    fake_http.serve_fred("TESTID", OBS)
    clock = FakeClock()
    f = api_fetcher(fake_http, clock, timeout=0.2, backoff=0.1, min_interval=0.0)
    assert f.fetch("TESTID") == EXPECTED
    assert fake_http.count(FRED_API_PATH) == 2
    assert clock.sleeps == [0.1]


def test_api_timeouts_until_give_up(fake_http):
    fake_http.default(FRED_API_PATH, 200, fred_xml("TESTID", OBS), delay=1.0)
    f = api_fetcher(fake_http, FakeClock(), timeout=0.15, max_retries=1, min_interval=0.0)
    with pytest.raises(SourceError, match=r"failed after 2 attempts \(timed out after 0.15 s\)"):
        f.fetch("TESTID")


def test_api_unknown_series_fails_at_once(fake_http):
    fake_http.unknown_fred("NOPE")
    clock = FakeClock()
    with pytest.raises(SourceError) as exc:
        api_fetcher(fake_http, clock).fetch("NOPE")
    assert str(exc.value) == "FRED does not know series 'NOPE': check the id on fred.stlouisfed.org"
    assert fake_http.count() == 1
    assert clock.sleeps == []


def test_api_bad_key_message_is_masked(fake_http):
    # FRED echoes nothing secret, but a server might: make sure the key never leaks.
    fake_http.default(FRED_API_PATH, 400, fred_error_xml(
        400, f"Bad Request.  The value for variable api_key ({KEY}) is not registered."))
    with pytest.raises(SourceError) as exc:
        api_fetcher(fake_http, FakeClock()).fetch("TESTID")
    msg = str(exc.value)
    assert "FRED_API_KEY" in msg and KEY not in msg and "***" in msg
    assert exc.value.__cause__ is None and exc.value.__suppress_context__
    assert fake_http.count() == 1
    assert KEY not in repr(FredFetcher(KEY))


def test_api_connection_refused_is_unreachable_at_once(fake_http):
    url = fake_http.fred_api_url
    fake_http.stop()
    sleeps = []
    f = FredFetcher(KEY, api_url=url, max_retries=2, backoff=0.01, min_interval=0, sleep=sleeps.append)
    with pytest.raises(SourceUnreachable, match=r"cannot reach FRED \(connection refused\).*research data import") as exc:
        f.fetch("TESTID")
    assert KEY not in str(exc.value)
    assert sleeps == []  # no network: no retries, the refresh fails in seconds


def test_csv_unreachable_without_retries(fake_http):
    url = fake_http.fred_csv_url
    fake_http.stop()
    sleeps = []
    f = FredFetcher(None, csv_url=url, max_retries=2, backoff=0.01, min_interval=0, sleep=sleeps.append)
    with pytest.raises(SourceUnreachable, match="cannot reach FRED"):
        f.fetch("TESTID")
    assert sleeps == []


def test_dns_failure_is_unreachable(monkeypatch):
    sleeps = []
    f = FredFetcher(None, csv_url="http://no-such-host.invalid/graph/fredgraph.csv", max_retries=3, sleep=sleeps.append)
    with pytest.raises(SourceUnreachable, match=r"cannot reach FRED \((DNS lookup failed|could not connect)"):
        f.fetch("TESTID")
    assert sleeps == []


# --------------------------------------------------------------------------- keyless CSV


def test_csv_success(fake_http):
    fake_http.serve_fred("TESTID", OBS, api=False)
    clock = FakeClock()
    assert csv_fetcher(fake_http, clock).fetch("TESTID") == EXPECTED
    (req,) = fake_http.requests_for(FRED_CSV_PATH)
    assert req.query == {"id": "TESTID"}
    assert clock.sleeps == []


def test_csv_old_header_dot_missing_and_bom_are_normalised(fake_http):
    body = "\ufeffDATE,TESTID\r\n2020-02-01,.\r\n2020-01-01,1.5\r\n".encode()
    fake_http.add(FRED_CSV_PATH, 200, body, content_type="text/csv")
    assert csv_fetcher(fake_http, FakeClock()).fetch("TESTID") == b"observation_date,TESTID\n2020-01-01,1.5\n2020-02-01,\n"


def test_csv_429_then_success(fake_http):
    fake_http.add(FRED_CSV_PATH, 429, b"Too Many Requests")
    fake_http.serve_fred("TESTID", OBS)
    clock = FakeClock()
    f = csv_fetcher(fake_http, clock, min_interval=0.5, backoff=1.0)
    assert f.fetch("TESTID") == EXPECTED
    assert clock.sleeps == [1.0]  # backoff already exceeds min_interval: no extra throttle wait
    assert f.fetch("TESTID") == EXPECTED
    assert clock.sleeps == [1.0, 0.5]
    assert fake_http.count(FRED_CSV_PATH) == 3


def test_csv_500_until_give_up(fake_http):
    fake_http.default(FRED_CSV_PATH, 500, b"Internal Server Error")
    clock = FakeClock()
    with pytest.raises(SourceError) as exc:
        csv_fetcher(fake_http, clock, max_retries=2, backoff=0.5).fetch("TESTID")
    assert str(exc.value) == "FRED request for 'TESTID' failed after 3 attempts (HTTP 500): try again later"
    assert fake_http.count(FRED_CSV_PATH) == 3
    assert clock.sleeps == [0.5, 1.0]


def test_csv_timeout_then_success(fake_http):
    fake_http.add(FRED_CSV_PATH, 200, fred_csv("TESTID", OBS), delay=1.0)
    fake_http.serve_fred("TESTID", OBS)
    f = csv_fetcher(fake_http, FakeClock(), timeout=0.2)
    assert f.fetch("TESTID") == EXPECTED
    assert fake_http.count(FRED_CSV_PATH) == 2


def test_csv_unknown_series_404(fake_http):
    fake_http.unknown_fred("NOPE")
    clock = FakeClock()
    with pytest.raises(SourceError) as exc:
        csv_fetcher(fake_http, clock).fetch("NOPE")
    assert str(exc.value) == "FRED does not know series 'NOPE': check the id on fred.stlouisfed.org"
    assert fake_http.count() == 1 and clock.sleeps == []


def test_csv_html_instead_of_csv(fake_http):
    fake_http.add(FRED_CSV_PATH, 200, b"<!DOCTYPE html><html><body>Error</body></html>", content_type="text/html")
    with pytest.raises(SourceError, match=r"HTML page instead of CSV for 'TESTID'.*fred.stlouisfed.org"):
        csv_fetcher(fake_http, FakeClock()).fetch("TESTID")
    assert fake_http.count() == 1


@pytest.mark.parametrize(
    "body, why",
    [
        (b"observation_date,OTHER\n2020-01-01,1\n", "header"),
        (b"observation_date,TESTID\n2020-13-01,1\n", "bad date"),
        (b"observation_date,TESTID\n2020-01-01,abc\n", "bad value"),
        (b"observation_date,TESTID\n2020-01-01,1,2\n", "row"),
        (b"", "empty"),
        (b"observation_date,TESTID\n", "no observations"),
    ],
)
def test_csv_unparsable(fake_http, body, why):
    fake_http.add(FRED_CSV_PATH, 200, body, content_type="text/csv")
    with pytest.raises(SourceError, match="'TESTID'") as exc:
        csv_fetcher(fake_http, FakeClock()).fetch("TESTID")
    assert why in str(exc.value)


# --------------------------------------------------------------------------- configuration


def test_invalid_series_id_rejected_without_request(fake_http):
    with pytest.raises(SourceError, match="invalid FRED series id"):
        csv_fetcher(fake_http, FakeClock()).fetch("A&B=C")
    assert fake_http.count() == 0


def test_env_urls_and_key(fake_http, monkeypatch):
    fake_http.serve_fred("TESTID", OBS)
    monkeypatch.setenv("RESEARCH_FRED_CSV_URL", fake_http.url)  # bare host: standard path appended
    monkeypatch.setenv("RESEARCH_FRED_API_URL", fake_http.url)
    f = FredFetcher(sleep=lambda s: None)
    assert f.mode == "csv" and f.csv_url == fake_http.fred_csv_url
    assert f.fetch("TESTID") == EXPECTED
    monkeypatch.setenv("FRED_API_KEY", KEY)
    f = FredFetcher(sleep=lambda s: None)
    assert f.mode == "api" and f.api_url == fake_http.fred_api_url
    assert f.fetch("TESTID") == EXPECTED
    assert [r.path for r in fake_http.requests] == [FRED_CSV_PATH, FRED_API_PATH]


def test_dotenv_key_and_env_precedence(tmp_path, monkeypatch):
    env = tmp_path / ".env"
    env.write_text("# local secrets\nexport FRED_API_KEY='fromfile'\nOTHER=1 # note\n\nBROKEN LINE\n")
    assert read_dotenv(env) == {"FRED_API_KEY": "fromfile", "OTHER": "1"}
    assert read_dotenv(tmp_path / "missing.env") == {}
    assert resolve_api_key(None) is None  # the fixture points DOTENV_PATH nowhere
    monkeypatch.setattr(config, "DOTENV_PATH", env)
    assert resolve_api_key(None) == "fromfile"
    monkeypatch.setenv("FRED_API_KEY", "fromenv")
    assert resolve_api_key(None) == "fromenv"
    assert resolve_api_key("explicit") == "explicit"
    monkeypatch.delenv("FRED_API_KEY")
    assert FredFetcher().mode == "api"


def test_provenance_labels_never_show_the_key(fake_http):
    f = FredFetcher(KEY, api_url=fake_http.fred_api_url)
    assert f.method == "fredapi" and fake_http.fred_api_url in f.origin and KEY not in f.origin
    g = FredFetcher(None, csv_url=fake_http.fred_csv_url)
    assert g.method == "fred-csv" and fake_http.fred_csv_url in g.origin
