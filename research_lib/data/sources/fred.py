"""FRED fetcher: one series at a time, returned as a FRED download CSV.

Output format (the same as ``fred/<ID>.csv`` in the snapshot)::

    observation_date,<ID>
    2020-01-01,1.5
    2020-02-01,            <- empty value = missing observation
    ...                    ascending ISO dates

Two transports:

- with an API key (argument, env ``FRED_API_KEY``, or a ``FRED_API_KEY=...`` line in an uncommitted
  ``.env`` file at the repository root; the environment wins): the FRED API through ``fredapi``
  (``/fred/series/observations``, XML);
- without a key: FRED's keyless CSV download ``https://fred.stlouisfed.org/graph/fredgraph.csv?id=<ID>``.

Endpoints can be redirected with ``api_url`` / ``csv_url`` or the env variables
``RESEARCH_FRED_API_URL`` / ``RESEARCH_FRED_CSV_URL`` (a bare ``http://host:port`` gets the
standard path appended).

Requests are throttled to one per ``min_interval`` seconds per fetcher, and retried with exponential
backoff (``backoff * 2**k`` seconds, at least the server's ``Retry-After``) on HTTP 429, 5xx,
timeouts and connection errors, ``max_retries`` times (so at most ``max_retries + 1`` attempts).
An unknown series or a malformed answer fails at once. The API key never appears in messages.
"""

from __future__ import annotations

import csv
import http.client
import io
import os
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date

from research_lib import config
from research_lib.data import formats
from research_lib.data.sources.base import SourceError, SourceUnreachable

DEFAULT_API_URL = "https://api.stlouisfed.org/fred"
DEFAULT_CSV_URL = "https://fred.stlouisfed.org/graph/fredgraph.csv"
API_URL_ENV = "RESEARCH_FRED_API_URL"
CSV_URL_ENV = "RESEARCH_FRED_CSV_URL"
API_KEY_ENV = "FRED_API_KEY"

_SERIES_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")
_MAX_RETRY_AFTER = 120.0


# --------------------------------------------------------------------------- helpers


def resolve_api_key(api_key: str | None = None) -> str | None:
    """Explicit argument, else ``FRED_API_KEY`` from the environment or ``.env``; None if none."""
    return api_key or config.env(API_KEY_ENV)


def _with_default_path(url: str, default_path: str) -> str:
    """Append the standard endpoint path to a bare ``scheme://host[:port]`` URL."""
    if urllib.parse.urlsplit(url).path in ("", "/"):
        return url.rstrip("/") + default_path
    return url


def _check_series_id(series_id: str) -> str:
    if not isinstance(series_id, str) or not _SERIES_ID_RE.match(series_id.strip()):
        raise SourceError(f"invalid FRED series id {series_id!r}: use the id shown on fred.stlouisfed.org, e.g. 'WALCL'")
    return series_id.strip()


def _unknown(series_id: str) -> SourceError:
    return SourceError(f"FRED does not know series '{series_id}': check the id on fred.stlouisfed.org")


def _parse_retry_after(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, min(float(value), _MAX_RETRY_AFTER))
    except ValueError:
        return None


def _format_csv(series_id: str, rows: list[tuple[str, str]]) -> bytes:
    buf = io.StringIO()
    buf.write(f"observation_date,{series_id}\n")
    for d, v in rows:
        buf.write(f"{d},{v}\n")
    return buf.getvalue().encode("utf-8")


def _normalise_rows(series_id: str, pairs, what: str) -> list[tuple[str, str]]:
    """Validate (date, value) string pairs; '.' or '' = missing; return sorted unique rows."""
    out: dict[str, str] = {}
    for raw_date, raw_value in pairs:
        d = (raw_date or "").strip()
        v = (raw_value or "").strip()
        try:
            date.fromisoformat(d)
            if len(d) != 10:
                raise ValueError(d)
        except ValueError:
            raise SourceError(f"FRED sent a malformed {what} for '{series_id}' (bad date {d[:40]!r}): try again later") from None
        if v == ".":
            v = ""
        if v:
            try:
                x = float(v)
            except ValueError:
                raise SourceError(
                    f"FRED sent a malformed {what} for '{series_id}' (bad value {v[:40]!r} on {d}): try again later"
                ) from None
            if x != x:  # NaN spelled out: treat as missing
                v = ""
        out[d] = v
    if not out:
        raise SourceError(f"FRED returned no observations for '{series_id}': check the id on fred.stlouisfed.org")
    return sorted(out.items())


class _Retryable(Exception):
    """A transient failure: retry after a pause. ``reason`` is shown to the user if we give up."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after
        self.connection = reason.startswith("connection error")


# --------------------------------------------------------------------------- fredapi transport


def _make_fred_class():
    import fredapi

    class _Fred(fredapi.Fred):
        """fredapi.Fred with a request timeout and typed errors (status code kept, key never shown)."""

        timeout: float = 30.0
        last_root = None

        # fredapi calls ``self.__fetch_data`` (name-mangled to ``_Fred__fetch_data``) for every
        # request; overriding it keeps fredapi's URL building and parsing while controlling transport.
        def _Fred__fetch_data(self, url):
            url += "&api_key=" + urllib.parse.quote_plus(self.api_key)
            try:
                with urllib.request.urlopen(url, timeout=self.timeout) as response:
                    body = response.read()
            except urllib.error.HTTPError as exc:
                try:
                    err_body = exc.read()
                except Exception:  # noqa: BLE001 - body is only informative
                    err_body = b""
                raise _HTTPStatus(exc.code, err_body, exc.headers.get("Retry-After") if exc.headers else None) from None
            try:
                root = ET.fromstring(body)
            except ET.ParseError as exc:
                raise _Malformed(f"malformed XML ({exc})") from None
            self.last_root = root
            return root

    return _Fred


class _HTTPStatus(Exception):
    def __init__(self, code: int, body: bytes, retry_after: str | None):
        super().__init__(code)
        self.code = code
        self.body = body
        self.retry_after = retry_after

    def fred_message(self) -> str:
        try:
            root = ET.fromstring(self.body)
            return (root.get("message") or "").strip()
        except ET.ParseError:
            return ""


class _Malformed(Exception):
    pass


# --------------------------------------------------------------------------- fetcher


class FredFetcher:
    """Fetch FRED series as FRED download CSV bytes (see module docstring)."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        api_url: str | None = None,
        csv_url: str | None = None,
        min_interval: float = 0.5,
        max_retries: int = 4,
        backoff: float = 1.0,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._api_key = resolve_api_key(api_key)
        self.api_url = _with_default_path(api_url or os.environ.get(API_URL_ENV) or DEFAULT_API_URL, "/fred")
        self.csv_url = _with_default_path(
            csv_url or os.environ.get(CSV_URL_ENV) or DEFAULT_CSV_URL, "/graph/fredgraph.csv"
        )
        self.min_interval = float(min_interval)
        self.max_retries = int(max_retries)
        self.backoff = float(backoff)
        self.timeout = float(timeout)
        self._sleep = sleep
        self._clock = clock
        self._last_request: float | None = None
        self._lock = threading.Lock()
        self._fred = None

    # ------------------------------------------------------------------ public

    @property
    def mode(self) -> str:
        """``"api"`` when an API key is available, else ``"csv"`` (keyless download)."""
        return "api" if self._api_key else "csv"

    @property
    def method(self) -> str:
        """Provenance label for the store: ``"fredapi"`` or ``"fred-csv"``."""
        return "fredapi" if self._api_key else "fred-csv"

    @property
    def origin(self) -> str:
        """Provenance text for the store (the endpoint, never the key)."""
        if self._api_key:
            return f"FRED API via fredapi ({self.api_url}/series/observations)"
        return f"FRED keyless CSV download ({self.csv_url})"

    def __repr__(self) -> str:
        key = "set" if self._api_key else "none"
        return f"FredFetcher(mode={self.mode!r}, api_key={key}, api_url={self.api_url!r}, csv_url={self.csv_url!r})"

    def fetch(self, series_id: str) -> bytes:
        """Return ``observation_date,<ID>`` CSV bytes for ``series_id`` (ascending, empty = missing)."""
        series_id = _check_series_id(series_id)
        once = self._fetch_api_once if self._api_key else self._fetch_csv_once
        attempts = self.max_retries + 1
        last_reason, unreachable = "", True
        for attempt in range(1, attempts + 1):
            self._throttle()
            try:
                return once(series_id)
            except _Retryable as exc:
                last_reason = exc.reason
                unreachable = unreachable and exc.connection
                if attempt == attempts:
                    break
                wait = self.backoff * (2 ** (attempt - 1))
                if exc.retry_after is not None:
                    wait = max(wait, exc.retry_after)
                self._sleep(wait)
        if unreachable:
            raise SourceUnreachable(self._mask(
                f"cannot reach FRED ({last_reason}): check the network connection, "
                "or import a snapshot with `research data import DIR`"))
        raise SourceError(
            self._mask(f"FRED request for '{series_id}' failed after {attempts} attempts ({last_reason}): try again later")
        )

    # ------------------------------------------------------------------ internals

    def _mask(self, text: str) -> str:
        if self._api_key:
            text = text.replace(self._api_key, "***")
            text = text.replace(urllib.parse.quote_plus(self._api_key), "***")
        return text

    def _throttle(self) -> None:
        with self._lock:
            now = self._clock()
            if self._last_request is not None and self.min_interval > 0:
                wait = self.min_interval - (now - self._last_request)
                if wait > 0:
                    self._sleep(wait)
                    now = self._clock()
            self._last_request = now

    def _fred_client(self):
        if self._fred is None:
            fred = _make_fred_class()(api_key=self._api_key)
            fred.root_url = self.api_url.rstrip("/")
            fred.timeout = self.timeout
            self._fred = fred
        return self._fred

    def _fetch_api_once(self, series_id: str) -> bytes:
        fred = self._fred_client()
        fred.last_root = None
        try:
            fred.get_series(series_id)  # fredapi validates dates and values
        except _HTTPStatus as exc:
            msg = self._mask(exc.fred_message())
            if exc.code == 429 or exc.code >= 500:
                raise _Retryable(f"HTTP {exc.code}", _parse_retry_after(exc.retry_after)) from None
            if exc.code in (400, 404) and ("does not exist" in msg.lower() or exc.code == 404):
                raise _unknown(series_id) from None
            if "api_key" in msg.lower() or exc.code in (401, 403):
                raise SourceError(
                    f"FRED rejected the API key while fetching '{series_id}' (HTTP {exc.code}"
                    f"{': ' + msg if msg else ''}): check FRED_API_KEY or unset it to use the keyless download"
                ) from None
            raise SourceError(
                f"FRED refused the request for '{series_id}' (HTTP {exc.code}{': ' + msg if msg else ''}): "
                "check the id on fred.stlouisfed.org"
            ) from None
        except _Malformed as exc:
            raise SourceError(f"FRED sent a malformed answer for '{series_id}' ({exc}): try again later") from None
        except TimeoutError:
            raise _Retryable(f"timed out after {self.timeout:g} s") from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, (socket.timeout, TimeoutError)):
                raise _Retryable(f"timed out after {self.timeout:g} s") from None
            raise _Retryable(self._mask(f"connection error: {reason}")) from None
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            raise _Retryable(self._mask(f"connection error: {type(exc).__name__}")) from None
        except (ValueError, TypeError) as exc:
            raise SourceError(
                self._mask(f"FRED sent a malformed answer for '{series_id}' ({exc}): try again later")
            ) from None
        root = fred.last_root
        if root is None or root.tag != "observations":
            tag = None if root is None else root.tag
            raise SourceError(f"FRED sent a malformed answer for '{series_id}' (root element {tag!r}): try again later")
        pairs = [(obs.get("date"), obs.get("value")) for obs in root if obs.tag == "observation"]
        return _format_csv(series_id, _normalise_rows(series_id, pairs, "answer"))

    def _fetch_csv_once(self, series_id: str) -> bytes:
        import requests

        try:
            resp = requests.get(self.csv_url, params={"id": series_id}, timeout=self.timeout)
        except requests.Timeout:
            raise _Retryable(f"timed out after {self.timeout:g} s") from None
        except requests.ConnectionError as exc:
            raise _Retryable(f"connection error: {type(exc).__name__}") from None
        except requests.RequestException as exc:
            raise SourceError(f"FRED request for '{series_id}' could not be sent ({type(exc).__name__}: {exc})") from None
        code = resp.status_code
        if code == 429 or code >= 500:
            raise _Retryable(f"HTTP {code}", _parse_retry_after(resp.headers.get("Retry-After")))
        if code in (400, 404):
            raise _unknown(series_id)
        if code != 200:
            raise SourceError(f"FRED refused the CSV download for '{series_id}' (HTTP {code}): check the id on fred.stlouisfed.org")
        try:
            text = resp.content.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise SourceError(f"FRED sent an undecodable CSV for '{series_id}': try again later") from None
        head = text.lstrip()[:200].lower()
        if "html" in resp.headers.get("Content-Type", "").lower() or head.startswith("<"):
            raise SourceError(
                f"FRED sent an HTML page instead of CSV for '{series_id}' (unknown id or site maintenance): "
                "check the id on fred.stlouisfed.org"
            )
        rows = self._parse_download_csv(series_id, text)
        try:  # a body cut mid-row passes the parser (its Content-Length can still match): refuse it
            formats.check_complete(resp.content, f"the CSV for '{series_id}'")
        except formats.FormatError as exc:
            raise SourceError(f"FRED sent an incomplete CSV for '{series_id}' ({exc.problems[0]}): try again later") from None
        return _format_csv(series_id, rows)

    @staticmethod
    def _parse_download_csv(series_id: str, text: str) -> list[tuple[str, str]]:
        try:
            rows = list(csv.reader(io.StringIO(text)))
        except csv.Error as exc:
            raise SourceError(f"FRED sent an unparsable CSV for '{series_id}' ({exc}): try again later") from None
        rows = [r for r in rows if r and any(c.strip() for c in r)]
        if not rows:
            raise SourceError(f"FRED sent an empty CSV for '{series_id}': try again later")
        header = [c.strip() for c in rows[0]]
        if (
            len(header) != 2
            or header[0].lower() not in ("observation_date", "date")
            or header[1].upper() != series_id.upper()
        ):
            raise SourceError(
                f"FRED sent an unparsable CSV for '{series_id}' (header {','.join(header)[:80]!r}, "
                f"expected 'observation_date,{series_id}'): try again later"
            )
        bad = next((r for r in rows[1:] if len(r) != 2), None)
        if bad is not None:
            raise SourceError(
                f"FRED sent an unparsable CSV for '{series_id}' (row {','.join(bad)[:60]!r}): try again later"
            )
        return _normalise_rows(series_id, [(r[0], r[1]) for r in rows[1:]], "CSV")


__all__ = ["DEFAULT_API_URL", "DEFAULT_CSV_URL", "FredFetcher", "resolve_api_key"]
