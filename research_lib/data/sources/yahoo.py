"""Yahoo Finance fetcher: the daily chart of one ticker, in the snapshot's ``yahoo/<TICKER>.csv`` format::

    Date,Open,High,Low,Close,Adj Close,Volume
    2020-01-02,...                           ascending ISO dates, one row per trading day

Transport: yfinance's own client (``yfinance.data.YfData``), which speaks Yahoo's protocol (the
cookie from ``fc.yahoo.com``, the crumb from ``/v1/test/getcrumb``, browser TLS through curl_cffi)
and asks Yahoo's public chart endpoint ``/v8/finance/chart/<TICKER>?range=max&interval=1d`` exactly
as ``yfinance.download(period="max")`` does. The chart JSON is read here rather than through
``yfinance.download``, because ``download`` fills a missing volume with 0 and drops rows whose
fields are partly missing: this reader keeps a missing field empty, as the snapshot files do.

``Close`` is the split-adjusted close, ``Adj Close`` Yahoo's split- and dividend-adjusted close
(``auto_adjust=False``). Numbers are written the shortest way that reads back to the same float.
Rows without any price are dropped; dates are the exchange's calendar dates.

``RESEARCH_YAHOO_URL`` rebases every Yahoo host (``fc.yahoo.com``, ``query1/query2.finance.yahoo.com``)
onto one address: yfinance then talks to that server through a plain ``requests`` session that
rewrites the host and keeps the path and query. The offline tests and the outsider test serve
Yahoo's real cookie/crumb/chart protocol there; without the variable yfinance uses its own session.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import math
import os
import socket
import threading
import urllib.parse
from zoneinfo import ZoneInfo

from research_lib.data.sources.base import (
    Fetcher,
    Settings,
    SourceError,
    SourceUnreachable,
    classify_connection_error,
    number_text,
)

FIELDS = ["Open", "High", "Low", "Close", "Adj Close", "Volume"]
HEADER = "Date," + ",".join(FIELDS)
URL_ENV = "RESEARCH_YAHOO_URL"
CHART_HOST = "https://query2.finance.yahoo.com"
DEFAULT_SETTINGS = Settings(timeout=30.0, retries=2, backoff=2.0, min_interval=0.2)

_LOCK = threading.Lock()
_ACTIVE: dict[str, object] = {}


def _rebased_session(base: str):
    """A requests session that sends every ``*.yahoo.com`` request to ``base`` (same path and query)."""
    import requests

    class RebasedSession(requests.Session):
        def request(self, method, url, *args, **kwargs):
            parts = urllib.parse.urlsplit(url)
            if parts.hostname and (parts.hostname == "yahoo.com" or parts.hostname.endswith(".yahoo.com")):
                url = base.rstrip("/") + (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            return super().request(method, url, *args, **kwargs)

    session = RebasedSession()
    session.headers["User-Agent"] = "Mozilla/5.0 (research-lib)"
    return session


def _yf_data():
    """yfinance's client, on a rebased session when ``RESEARCH_YAHOO_URL`` is set."""
    from yfinance.config import YfConfig
    from yfinance.data import YfData

    YfConfig.network.retries = 0  # retries are ours: one budget, no hidden waits
    base = os.environ.get(URL_ENV, "").strip()
    with _LOCK:
        if _ACTIVE.get("base") != base or "data" not in _ACTIVE:
            data = YfData(session=_rebased_session(base)) if base else YfData()
            if _ACTIVE.get("base") not in (None, base):
                # another server than before: forget its cookie and crumb (the client is a singleton)
                data._crumb = None
                data._cookie = None
            _ACTIVE.update(base=base, data=data)
        return _ACTIVE["data"]


@contextlib.contextmanager
def _quiet_yfinance():
    """yfinance logs its own warnings (cookie, crumb); the fetcher reports failures itself, on one line."""
    logger = logging.getLogger("yfinance")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _date_of(ts: int, zone: ZoneInfo) -> str:
    return dt.datetime.fromtimestamp(int(ts), tz=dt.UTC).astimezone(zone).strftime("%Y-%m-%d")


def _volume_text(x) -> str:
    if x is None:
        return ""
    x = float(x)
    if not math.isfinite(x):
        return ""
    return str(int(x)) if x == int(x) else repr(x)


def chart_to_csv(ticker: str, payload: dict) -> bytes:
    """Yahoo chart JSON (``/v8/finance/chart``) -> snapshot CSV bytes; raises SourceError if unusable."""
    chart = payload.get("chart") if isinstance(payload, dict) else None
    if not isinstance(chart, dict):
        raise SourceError(f"Yahoo sent no chart for '{ticker}': try again later")
    if chart.get("error"):
        err = chart["error"]
        detail = err.get("description") if isinstance(err, dict) else str(err)
        raise SourceError(f"Yahoo has no chart for '{ticker}' ({detail}): check the ticker on finance.yahoo.com")
    results = chart.get("result") or []
    if not results or not isinstance(results[0], dict):
        raise SourceError(f"Yahoo sent an empty chart for '{ticker}': check the ticker on finance.yahoo.com")
    res = results[0]
    meta = res.get("meta") or {}
    try:
        zone = ZoneInfo(meta.get("exchangeTimezoneName") or "UTC")
    except Exception:  # noqa: BLE001 - unknown zone name
        zone = ZoneInfo("UTC")
    stamps = res.get("timestamp") or []
    try:
        quote = (res.get("indicators") or {}).get("quote", [{}])[0] or {}
        adj = ((res.get("indicators") or {}).get("adjclose") or [{}])[0].get("adjclose")
    except (AttributeError, IndexError, TypeError):
        raise SourceError(f"Yahoo sent a malformed chart for '{ticker}': try again later") from None
    columns = [quote.get("open"), quote.get("high"), quote.get("low"), quote.get("close"),
               adj if adj is not None else quote.get("close"), quote.get("volume")]
    n = len(stamps)
    if any(c is not None and len(c) != n for c in columns):
        raise SourceError(f"Yahoo sent a malformed chart for '{ticker}' (columns of unequal length): try again later")
    rows: dict[str, str] = {}
    order = sorted(range(n), key=lambda i: stamps[i] if isinstance(stamps[i], (int, float)) else 0)
    for i in order:
        ts = stamps[i]
        values = [None if c is None else c[i] for c in columns]
        prices = [number_text(v) for v in values[:5]]
        if not any(prices):
            continue
        try:
            day = _date_of(ts, zone)
        except (TypeError, ValueError, OverflowError):
            raise SourceError(f"Yahoo sent a malformed chart for '{ticker}' (timestamp {ts!r}): try again later") from None
        rows[day] = f"{day},{','.join(prices)},{_volume_text(values[5])}"  # a later bar of the same day wins
    if not rows:
        raise SourceError(f"Yahoo returned no prices for '{ticker}': check the ticker on finance.yahoo.com")
    return ("\n".join([HEADER] + [rows[d] for d in sorted(rows)]) + "\n").encode("utf-8")


class YahooFetcher(Fetcher):
    """Daily OHLCV of a Yahoo ticker through yfinance's client (see module docstring)."""

    name = "yahoo"
    label = "Yahoo Finance"
    url_envs = (URL_ENV,)
    default_settings = DEFAULT_SETTINGS

    @property
    def method(self) -> str:
        return "yfinance"

    @property
    def origin(self) -> str:
        base = os.environ.get(URL_ENV, "").strip() or CHART_HOST
        return f"Yahoo Finance chart API via yfinance ({base}/v8/finance/chart, range=max, interval=1d, unadjusted close + adjclose)"

    def _preflight(self) -> None:
        """Open one TCP connection to Yahoo's chart host within the connect timeout, once per fetcher.

        yfinance's client waits its whole request timeout on a network that drops packets; this
        check makes a machine without network fail in seconds, like the other sources.
        """
        if getattr(self, "_reachable", False):
            return
        base = os.environ.get(URL_ENV, "").strip() or CHART_HOST
        parts = urllib.parse.urlsplit(base)
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            socket.create_connection((parts.hostname, port), timeout=self.budget.cap(self.settings.connect_timeout)).close()
        except OSError as exc:
            _, why = classify_connection_error(exc)
            if why.startswith("connection error") or why == "timed out":
                why = "connect timed out" if isinstance(exc, TimeoutError) else "could not connect"
            raise SourceUnreachable(f"cannot reach Yahoo Finance ({why}): check the network connection, "
                                    "or import a snapshot with `research data import DIR`") from None
        self._reachable = True

    def fetch(self, entry) -> bytes:
        ticker = getattr(entry, "id", entry)
        self._preflight()
        url = f"{CHART_HOST}/v8/finance/chart/{urllib.parse.quote(ticker, safe='^=.-')}"
        params = {"range": "max", "interval": "1d", "includePrePost": "false", "events": "div,splits"}
        attempts = self.settings.retries + 1
        reason = ""
        for attempt in range(1, attempts + 1):
            self.budget.check(f"Yahoo '{ticker}'")
            self.http._throttle()
            try:
                with _quiet_yfinance():
                    resp = _yf_data().get(url=url, params=params, timeout=self.budget.cap(self.settings.timeout))
            except Exception as exc:  # noqa: BLE001 - curl_cffi and requests raise their own types
                unreachable, why = classify_connection_error(exc)
                if unreachable:
                    raise SourceUnreachable(
                        f"cannot reach Yahoo Finance ({why}): check the network connection, "
                        "or import a snapshot with `research data import DIR`") from None
                if type(exc).__name__ == "YFRateLimitError":
                    why = "rate limited"
                reason = why
            else:
                code = resp.status_code
                if code == 200:
                    try:
                        payload = json.loads(resp.content)
                    except ValueError:
                        raise SourceError(f"Yahoo sent a malformed chart for '{ticker}' (not JSON): try again later") from None
                    return chart_to_csv(ticker, payload)
                if code == 404:
                    try:
                        return chart_to_csv(ticker, json.loads(resp.content))  # Yahoo's "No data found" error JSON
                    except ValueError:
                        raise SourceError(f"Yahoo has no chart for '{ticker}': check the ticker on finance.yahoo.com") from None
                if code != 429 and code < 500:
                    raise SourceError(f"Yahoo refused the chart request for '{ticker}' (HTTP {code}): try again later")
                reason = f"HTTP {code}"
            if attempt < attempts:
                wait = self.settings.backoff * 2 ** (attempt - 1)
                self.budget.check_pause(wait, f"Yahoo '{ticker}'")
                self.http._sleep(wait)
        raise SourceError(f"Yahoo request for '{ticker}' failed after {attempt} attempts ({reason}): try again later")

    @classmethod
    def canonical(cls, entry, data: bytes) -> bytes:
        """Numbers written the shortest way that reads back to the same float (values unchanged)."""
        text = data.decode("utf-8-sig")
        lines = [ln for ln in text.replace("\r\n", "\n").split("\n") if ln]
        if not lines or lines[0] != HEADER:
            return data  # not a Yahoo file: the format check reports it
        out = [HEADER]
        for line in lines[1:]:
            parts = line.split(",")
            if len(parts) != 7:
                return data
            try:
                prices = [number_text(float(v)) if v.strip() else "" for v in parts[1:6]]
                volume = _volume_text(float(parts[6])) if parts[6].strip() else ""
            except ValueError:
                return data
            out.append(",".join([parts[0], *prices, volume]))
        return ("\n".join(out) + "\n").encode("utf-8")


__all__ = ["FIELDS", "HEADER", "YahooFetcher", "chart_to_csv"]
