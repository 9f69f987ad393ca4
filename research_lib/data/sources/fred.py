"""FRED fetcher: one series at a time, returned as a FRED download CSV; ALFRED vintages with a key.

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

Real-time vintages (ALFRED) come from the API only (``fredapi.Fred.get_series_all_releases``): the
series as published on a date (:meth:`FredFetcher.fetch_vintage` with ``as_of``) or as first
released (``first=True``).

Endpoints can be redirected with ``api_url`` / ``csv_url`` or the env variables
``RESEARCH_FRED_API_URL`` / ``RESEARCH_FRED_CSV_URL`` (a bare ``http://host:port`` gets the
standard path appended).

Requests are throttled to one per ``min_interval`` seconds per fetcher, and retried with exponential
backoff (``backoff * 2**k`` seconds, at least the server's ``Retry-After``) on HTTP 429, 5xx,
read timeouts and dropped connections, ``max_retries`` times (so at most ``max_retries + 1``
attempts). A DNS failure, a refused connection or a connect timeout raises
:class:`~research_lib.data.sources.base.SourceUnreachable` at once. An unknown series or a
malformed answer fails at once. The API key never appears in messages. Unset settings come from
``RESEARCH_FRED_TIMEOUT`` / ``_RETRIES`` / ``_MIN_INTERVAL`` (see :class:`Settings`).
"""

from __future__ import annotations

import csv
import io
import os
import re
import threading
import time
import urllib.parse
import xml.etree.ElementTree as ET
from collections.abc import Callable
from datetime import date

from research_lib import config
from research_lib.data import formats
from research_lib.data.sources.base import (
    Budget,
    Fetcher,
    Settings,
    SourceError,
    SourceUnreachable,
    classify_connection_error,
    one_line,
    retry_after_seconds,
)

DEFAULT_API_URL = "https://api.stlouisfed.org/fred"
DEFAULT_CSV_URL = "https://fred.stlouisfed.org/graph/fredgraph.csv"
API_URL_ENV = "RESEARCH_FRED_API_URL"
CSV_URL_ENV = "RESEARCH_FRED_CSV_URL"
API_KEY_ENV = "FRED_API_KEY"
DEFAULT_SETTINGS = Settings(timeout=30.0, retries=4, backoff=1.0, min_interval=0.5)

_SERIES_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")


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


def format_csv(series_id: str, rows: list[tuple[str, str]]) -> bytes:
    """``observation_date,<ID>`` CSV bytes from sorted (date, value text) rows."""
    buf = io.StringIO()
    buf.write(f"observation_date,{series_id}\n")
    for d, v in rows:
        buf.write(f"{d},{v}\n")
    return buf.getvalue().encode("utf-8")


def _check_date(series_id: str, raw: str, what: str) -> str:
    d = (raw or "").strip()
    try:
        date.fromisoformat(d)
        if len(d) != 10:
            raise ValueError(d)
    except ValueError:
        raise SourceError(f"FRED sent a malformed {what} for '{series_id}' (bad date {d[:40]!r}): try again later") from None
    return d


def _check_value(series_id: str, raw: str, d: str, what: str) -> str:
    v = (raw or "").strip()
    if v == ".":
        return ""
    if v:
        try:
            x = float(v)
        except ValueError:
            raise SourceError(
                f"FRED sent a malformed {what} for '{series_id}' (bad value {v[:40]!r} on {d}): try again later"
            ) from None
        if x != x:  # NaN spelled out: treat as missing
            return ""
    return v


def normalise_rows(series_id: str, pairs, what: str) -> list[tuple[str, str]]:
    """Validate (date, value) string pairs; '.' or '' = missing; return sorted unique rows."""
    out: dict[str, str] = {}
    for raw_date, raw_value in pairs:
        d = _check_date(series_id, raw_date, what)
        out[d] = _check_value(series_id, raw_value, d, what)
    if not out:
        raise SourceError(f"FRED returned no observations for '{series_id}': check the id on fred.stlouisfed.org")
    return sorted(out.items())


class _Retryable(Exception):
    """A transient failure: retry after a pause. ``reason`` is shown to the user if we give up."""

    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


class _Unreachable(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class VintageNotServed(SourceError):
    """FRED has no vintage of the series for the requested real-time date (or needs an API key)."""


# --------------------------------------------------------------------------- fredapi transport


def _make_fred_class():
    import fredapi

    class _Fred(fredapi.Fred):
        """fredapi.Fred with (connect, read) timeouts and typed errors (status code kept, key never shown)."""

        timeout: tuple[float, float] = (5.0, 30.0)
        last_root = None

        # fredapi calls ``self.__fetch_data`` (name-mangled to ``_Fred__fetch_data``) for every
        # request; overriding it keeps fredapi's URL building and parsing while controlling transport.
        def _Fred__fetch_data(self, url):
            import requests

            url += "&api_key=" + urllib.parse.quote_plus(self.api_key)
            resp = requests.get(url, timeout=self.timeout, headers={"User-Agent": "research-lib/0.1"})
            if resp.status_code != 200:
                raise _HTTPStatus(resp.status_code, resp.content, resp.headers.get("Retry-After"))
            try:
                root = ET.fromstring(resp.content)
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


class FredFetcher(Fetcher):
    """Fetch FRED series as FRED download CSV bytes (see module docstring)."""

    name = "fred"
    label = "FRED"
    url_envs = (API_URL_ENV, CSV_URL_ENV)
    default_settings = DEFAULT_SETTINGS

    def __init__(
        self,
        api_key: str | None = None,
        *,
        api_url: str | None = None,
        csv_url: str | None = None,
        min_interval: float | None = None,
        max_retries: int | None = None,
        backoff: float | None = None,
        timeout: float | None = None,
        connect_timeout: float | None = None,
        settings: Settings | None = None,
        budget: Budget | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ):
        settings = settings or Settings.for_source("fred", DEFAULT_SETTINGS)
        self._api_key = resolve_api_key(api_key)
        self.api_url = _with_default_path(api_url or os.environ.get(API_URL_ENV) or DEFAULT_API_URL, "/fred")
        self.csv_url = _with_default_path(
            csv_url or os.environ.get(CSV_URL_ENV) or DEFAULT_CSV_URL, "/graph/fredgraph.csv"
        )
        self.min_interval = float(settings.min_interval if min_interval is None else min_interval)
        self.max_retries = int(settings.retries if max_retries is None else max_retries)
        self.backoff = float(settings.backoff if backoff is None else backoff)
        self.timeout = float(settings.timeout if timeout is None else timeout)
        self.connect_timeout = float(settings.connect_timeout if connect_timeout is None else connect_timeout)
        self.settings = settings
        self.budget = budget or Budget(None)
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

    def fetch(self, entry) -> bytes:
        """Return ``observation_date,<ID>`` CSV bytes for a catalog entry or series id (ascending, empty = missing)."""
        series_id = _check_series_id(getattr(entry, "id", entry))
        once = self._fetch_api_once if self._api_key else self._fetch_csv_once
        return self._with_retries(series_id, lambda: once(series_id))

    def fetch_vintage(self, entry, *, as_of: str | None = None, first: bool = False) -> bytes:
        """The series as published on ``as_of`` (``YYYY-MM-DD``), or as first released (``first``).

        Through fredapi's ALFRED call (all releases of the series) and the real-time period of each
        observation. Needs an API key; raises :class:`VintageNotServed` when no observation was
        published by ``as_of``.
        """
        series_id = _check_series_id(getattr(entry, "id", entry))
        if (as_of is None) == (not first):
            raise SourceError("ask for one vintage: as_of=YYYY-MM-DD or first=True")
        if as_of is not None:
            try:
                date.fromisoformat(as_of)
            except ValueError:
                raise SourceError(f"invalid vintage date {as_of!r}: use YYYY-MM-DD") from None
        if not self._api_key:
            raise VintageNotServed(
                f"real-time vintages of '{series_id}' need a FRED API key (ALFRED): set FRED_API_KEY in the environment or .env"
            )
        root = self._with_retries(series_id, lambda: self._fetch_releases_once(series_id))
        chosen: dict[str, tuple[str, str]] = {}
        for obs in root:
            if obs.tag != "observation":
                continue
            d = _check_date(series_id, obs.get("date"), "vintage")
            start = (obs.get("realtime_start") or "").strip()
            end = (obs.get("realtime_end") or "9999-12-31").strip()
            value = _check_value(series_id, obs.get("value"), d, "vintage")
            if first:
                if d not in chosen or start < chosen[d][0]:
                    chosen[d] = (start, value)
            elif start <= as_of <= end:
                chosen[d] = (start, value)
        if not chosen:
            when = "as first released" if first else f"as of {as_of}"
            raise VintageNotServed(f"FRED/ALFRED has no observations of '{series_id}' {when}")
        return format_csv(series_id, sorted((d, v) for d, (_, v) in chosen.items()))

    # ------------------------------------------------------------------ retries

    def _with_retries(self, series_id: str, once: Callable):
        attempts = self.max_retries + 1
        last_reason = ""
        for attempt in range(1, attempts + 1):
            self.budget.check(f"FRED '{series_id}'")
            self._throttle()
            try:
                return once()
            except _Unreachable as exc:
                raise SourceUnreachable(self._mask(
                    f"cannot reach FRED ({exc.reason}): check the network connection, "
                    "or import a snapshot with `research data import DIR`")) from None
            except _Retryable as exc:
                last_reason = exc.reason
                if attempt == attempts:
                    break
                wait = self.backoff * (2 ** (attempt - 1))
                if exc.retry_after is not None:
                    wait = max(wait, exc.retry_after)
                self.budget.check_pause(wait, f"FRED '{series_id}'")
                self._sleep(wait)
        raise SourceError(
            self._mask(f"FRED request for '{series_id}' failed after {attempt} attempts ({last_reason}): try again later")
        )

    # ------------------------------------------------------------------ internals

    def _mask(self, text: str) -> str:
        if self._api_key:
            text = text.replace(self._api_key, "***")
            text = text.replace(urllib.parse.quote_plus(self._api_key), "***")
        return one_line(text)

    def _throttle(self) -> None:
        with self._lock:
            now = self._clock()
            if self._last_request is not None and self.min_interval > 0:
                wait = self.min_interval - (now - self._last_request)
                if wait > 0:
                    self._sleep(wait)
                    now = self._clock()
            self._last_request = now

    def _timeouts(self) -> tuple[float, float]:
        return (self.budget.cap(self.connect_timeout), self.budget.cap(self.timeout))

    def _fred_client(self):
        if self._fred is None:
            fred = _make_fred_class()(api_key=self._api_key)
            fred.root_url = self.api_url.rstrip("/")
            self._fred = fred
        self._fred.timeout = self._timeouts()
        return self._fred

    def _connection_failure(self, exc: BaseException, read_timeout: float):
        unreachable, reason = classify_connection_error(exc)
        if unreachable:
            return _Unreachable(reason)
        if reason == "timed out":
            return _Retryable(f"timed out after {read_timeout:g} s")
        return _Retryable(self._mask(reason))

    def _call_api(self, series_id: str, call: Callable):
        """Run one fredapi call; translate its failures into retryable / unreachable / final errors."""
        import requests

        fred = self._fred_client()
        fred.last_root = None
        try:
            call(fred)
        except _HTTPStatus as exc:
            msg = self._mask(exc.fred_message())
            if exc.code == 429 or exc.code >= 500:
                raise _Retryable(f"HTTP {exc.code}", retry_after_seconds(exc.retry_after)) from None
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
        except requests.exceptions.RequestException as exc:
            raise self._connection_failure(exc, fred.timeout[1]) from None
        except (ValueError, TypeError) as exc:
            raise SourceError(
                self._mask(f"FRED sent a malformed answer for '{series_id}' ({exc}): try again later")
            ) from None
        root = fred.last_root
        if root is None or root.tag != "observations":
            tag = None if root is None else root.tag
            raise SourceError(f"FRED sent a malformed answer for '{series_id}' (root element {tag!r}): try again later")
        return root

    def _fetch_api_once(self, series_id: str) -> bytes:
        root = self._call_api(series_id, lambda fred: fred.get_series(series_id))  # fredapi validates dates and values
        pairs = [(obs.get("date"), obs.get("value")) for obs in root if obs.tag == "observation"]
        return format_csv(series_id, normalise_rows(series_id, pairs, "answer"))

    def _fetch_releases_once(self, series_id: str):
        # ALFRED: every release of every observation, each with its real-time period
        return self._call_api(series_id, lambda fred: fred.get_series_all_releases(series_id))

    def _fetch_csv_once(self, series_id: str) -> bytes:
        import requests

        timeouts = self._timeouts()
        try:
            resp = requests.get(self.csv_url, params={"id": series_id}, timeout=timeouts,
                                headers={"User-Agent": "research-lib/0.1"})
        except requests.exceptions.RequestException as exc:
            failure = self._connection_failure(exc, timeouts[1])
            if isinstance(failure, (_Unreachable, _Retryable)):
                raise failure from None
            raise SourceError(f"FRED request for '{series_id}' could not be sent ({type(exc).__name__})") from None
        code = resp.status_code
        if code == 429 or code >= 500:
            raise _Retryable(f"HTTP {code}", retry_after_seconds(resp.headers.get("Retry-After")))
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
        return format_csv(series_id, rows)

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
        return normalise_rows(series_id, [(r[0], r[1]) for r in rows[1:]], "CSV")


__all__ = ["DEFAULT_API_URL", "DEFAULT_CSV_URL", "FredFetcher", "VintageNotServed", "format_csv", "resolve_api_key"]
