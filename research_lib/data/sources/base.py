"""The contract every live source follows, and the HTTP plumbing they share.

A fetcher turns a catalog entry into the raw bytes of a file in the same format as the snapshot's
file for that entry, so the store validates and keeps a download exactly like an imported file:

- ``fetch(entry) -> bytes``: fetch, parse the agency's own format (JSON, XML, CSV, HTML, zip, ...)
  and write the raw format; a malformed answer raises :class:`SourceError`;
- ``canonical(entry, data) -> bytes`` (a class method, no network): the form in which both a
  download and an imported snapshot file are stored. It is the identity wherever the agency's
  format carries the snapshot file's exact bytes; elsewhere it drops columns no agency answer can
  carry (a retrieval date) or writes numbers in one spelling. Values never change;
- ``table_key(entry)``: the columns that identify a row of a table (for merging refreshes).

Failures raise :class:`SourceError` (one line naming the series and what to do),
:class:`SourceUnreachable` when the source cannot be reached at all (DNS failure, connection
refused, connect timeout: no retries, so a machine without network fails in seconds), or
:class:`BudgetExhausted` when the refresh's overall time budget is used up.

Every source reads its base URL from an environment variable (``RESEARCH_<SOURCE>_URL``, listed
on each class), and its network settings from ``RESEARCH_<SOURCE>_TIMEOUT``,
``RESEARCH_<SOURCE>_RETRIES`` and ``RESEARCH_<SOURCE>_MIN_INTERVAL`` (then ``RESEARCH_TIMEOUT``,
``RESEARCH_RETRIES``; the environment, then ``.env``), unless the command line sets them.
"""
from __future__ import annotations

import math
import os
import socket
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from research_lib import config
from research_lib.errors import one_line

MESSAGE_LIMIT = 240  # characters of a source's error message, at most
_MAX_RETRY_AFTER = 120.0


class SourceError(Exception):
    """A remote source could not deliver a series (unknown id, bad answer, or gave up after retries)."""

    def __init__(self, message: str):
        super().__init__(one_line(message, MESSAGE_LIMIT))


class SourceUnreachable(SourceError):
    """The source could not be reached at all (no network, DNS failure, connection refused)."""


class BudgetExhausted(SourceError):
    """The refresh's overall time budget ran out before this series was fetched."""


# --------------------------------------------------------------------------- settings and budget


@dataclass(frozen=True)
class Settings:
    """Network settings of one source: per-request timeouts, retries, backoff, throttle."""

    timeout: float = 30.0  # seconds to wait for an answer, per request
    connect_timeout: float = 5.0  # seconds to open a connection; longer counts as unreachable
    retries: int = 3  # retries after a transient failure (HTTP 429/5xx, read timeout, reset)
    backoff: float = 1.0  # first pause before a retry; doubles each time
    min_interval: float = 0.0  # seconds between two requests to the source

    @classmethod
    def for_source(cls, name: str, default: Settings | None = None, *, timeout: float | None = None,
                   retries: int | None = None) -> Settings:
        """Settings for source ``name``: arguments (the command line), then the environment, then ``default``."""
        base = default or cls()
        key = name.upper().replace("-", "_")
        values = {}
        for attr, cast in (("timeout", float), ("retries", int), ("min_interval", float), ("connect_timeout", float)):
            raw = config.env(f"RESEARCH_{key}_{attr.upper()}") or config.env(f"RESEARCH_{attr.upper()}")
            if raw:
                try:
                    values[attr] = cast(raw)
                except ValueError:
                    pass
        if timeout is not None:
            values["timeout"] = float(timeout)
        if retries is not None:
            values["retries"] = int(retries)
        return replace(base, **values)


class Budget:
    """One overall time budget for a refresh (``None``: unlimited), checked before each request."""

    def __init__(self, seconds: float | None = None, clock: Callable[[], float] = time.monotonic):
        self.seconds = seconds
        self._clock = clock
        self._start = clock()

    def remaining(self) -> float:
        if self.seconds is None:
            return math.inf
        return self.seconds - (self._clock() - self._start)

    def expired(self) -> bool:
        return self.remaining() <= 0

    def check(self, what: str) -> None:
        """Raise :class:`BudgetExhausted` when no time is left for ``what``."""
        if self.expired():
            raise BudgetExhausted(
                f"time budget of {self.seconds:g} s used up before {what}: rerun `research data refresh` to continue "
                "(or raise --budget)"
            )

    def check_pause(self, seconds: float, what: str) -> None:
        """Raise :class:`BudgetExhausted` when a pause of ``seconds`` before retrying ``what`` would outlast the budget."""
        if seconds >= self.remaining():
            raise BudgetExhausted(
                f"time budget of {self.seconds:g} s would run out before the next try of {what}: rerun `research data refresh` "
                "to continue (or raise --budget)"
            )

    def cap(self, seconds: float) -> float:
        """``seconds``, cut to what is left of the budget (at least a tenth of a second)."""
        return max(0.1, min(seconds, self.remaining()))


# --------------------------------------------------------------------------- HTTP


@dataclass
class Answer:
    """A successful HTTP answer."""

    url: str
    status: int
    content: bytes
    headers: dict = field(default_factory=dict)

    def text(self, encoding: str = "utf-8-sig") -> str:
        return self.content.decode(encoding, errors="replace")


class _Retry(Exception):
    def __init__(self, reason: str, retry_after: float | None = None):
        super().__init__(reason)
        self.reason = reason
        self.retry_after = retry_after


def classify_connection_error(exc: BaseException) -> tuple[bool, str]:
    """``(unreachable, reason)`` for a connection-level exception (requests or urllib).

    DNS failures, refused connections, connect timeouts and proxy failures mean the source cannot
    be reached at all; a connection reset or a read timeout is transient.
    """
    import requests

    chain, seen = [], exc
    while seen is not None and len(chain) < 8:
        chain.append(seen)
        seen = seen.__cause__ or seen.__context__ or (seen.args[0] if seen.args and isinstance(seen.args[0], BaseException) else None)
        if seen is not None and hasattr(seen, "reason") and isinstance(seen.reason, BaseException):
            chain.append(seen)
            seen = seen.reason
    names = " ".join(type(e).__name__ for e in chain)
    text = " ".join(str(e) for e in chain).lower()
    if isinstance(exc, requests.exceptions.ConnectTimeout) or "ConnectTimeout" in names:
        return True, "connect timed out"
    if isinstance(exc, requests.exceptions.ProxyError) or "ProxyError" in names:
        return True, "proxy refused the connection"
    if any(isinstance(e, socket.gaierror) for e in chain) or "NameResolution" in names or "name or service not known" in text \
            or "temporary failure in name resolution" in text or "nodename nor servname" in text \
            or "could not resolve" in text or "resolving timed out" in text:
        return True, "DNS lookup failed"
    if any(isinstance(e, ConnectionRefusedError) for e in chain) or "connection refused" in text:
        return True, "connection refused"
    if any(isinstance(e, OSError) and getattr(e, "errno", None) in (101, 113, 65, 51) for e in chain) \
            or "network is unreachable" in text or "no route to host" in text:
        return True, "network unreachable"
    if "NewConnectionError" in names or "failed to establish a new connection" in text \
            or "couldn't connect to server" in text or "failed to connect to" in text:
        return True, "could not connect"
    if "connection timed out" in text or "connect timeout" in text:
        return True, "connect timed out"
    if isinstance(exc, (requests.exceptions.ReadTimeout, TimeoutError, socket.timeout)) or "ReadTimeout" in names:
        return False, "timed out"
    return False, f"connection error ({type(exc).__name__})"


def retry_after_seconds(value: str | None) -> float | None:
    """Seconds a ``Retry-After`` header asks to wait (capped; None when absent or not a number)."""
    if not value:
        return None
    try:
        return max(0.0, min(float(value), _MAX_RETRY_AFTER))
    except ValueError:
        return None


class HttpClient:
    """GET with a throttle, retries with exponential backoff, the refresh budget and one-line errors.

    ``label`` names the source in messages ("BEA", "SEC EDGAR"); ``secrets`` are masked in every
    message (API keys travel in query strings). Answers with status 404 raise :class:`SourceError`
    at once ("not found"), 429 and 5xx are retried, other statuses fail at once.
    """

    def __init__(self, label: str, settings: Settings | None = None, budget: Budget | None = None, *,
                 headers: dict | None = None, secrets: tuple[str, ...] = (), session=None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
        self.label = label
        self.settings = settings or Settings()
        self.budget = budget or Budget(None)
        self.headers = {"User-Agent": default_user_agent(), **(headers or {})}
        self.secrets = tuple(s for s in secrets if s)
        self._session = session
        self._sleep = sleep
        self._clock = clock
        self._last: float | None = None
        self._lock = threading.Lock()
        self.requests = 0

    @property
    def session(self):
        if self._session is None:
            import requests

            self._session = requests.Session()
        return self._session

    def mask(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "***").replace(urllib.parse.quote_plus(secret), "***")
        return text

    def _throttle(self) -> None:
        with self._lock:
            now = self._clock()
            if self._last is not None and self.settings.min_interval > 0:
                wait = self.settings.min_interval - (now - self._last)
                if wait > 0:
                    self._sleep(wait)
                    now = self._clock()
            self._last = now

    def get(self, url: str, params: dict | None = None, *, what: str, headers: dict | None = None,
            not_found: str | None = None, accept: Callable[[Answer], bool] | None = None) -> Answer:
        """GET ``url``; ``what`` names the thing fetched in messages, ``not_found`` is the 404 message."""
        attempts = self.settings.retries + 1
        reason = ""
        label = self.mask(f"{self.label} {what}")
        for attempt in range(1, attempts + 1):
            self.budget.check(label)
            self._throttle()
            try:
                return self._once(url, params, headers, what, not_found, accept)
            except _Retry as exc:
                reason = exc.reason
                if attempt == attempts:
                    break
                wait = self.settings.backoff * 2 ** (attempt - 1)
                if exc.retry_after is not None:
                    wait = max(wait, exc.retry_after)
                self.budget.check_pause(wait, label)
                self._sleep(wait)
        raise SourceError(self.mask(f"{self.label} request for {what} failed after {attempt} attempts ({reason}): try again later"))

    def _once(self, url, params, headers, what, not_found, accept) -> Answer:
        import requests

        timeout = (min(self.settings.connect_timeout, self.budget.cap(self.settings.connect_timeout)),
                   self.budget.cap(self.settings.timeout))
        self.requests += 1
        try:
            resp = self.session.get(url, params=params, headers={**self.headers, **(headers or {})}, timeout=timeout)
        except requests.exceptions.RequestException as exc:
            unreachable, reason = classify_connection_error(exc)
            host = urllib.parse.urlsplit(url).netloc
            if unreachable:
                raise SourceUnreachable(self.mask(
                    f"cannot reach {self.label} at {host} ({reason}): check the network connection, "
                    "or import a snapshot with `research data import DIR`")) from None
            if isinstance(exc, (requests.exceptions.ConnectionError, requests.exceptions.Timeout,
                                requests.exceptions.ChunkedEncodingError)):
                raise _Retry(f"{reason} after {timeout[1]:g} s" if reason == "timed out" else reason) from None
            raise SourceError(self.mask(f"{self.label} request for {what} could not be sent ({type(exc).__name__})")) from None
        code = resp.status_code
        if code == 429 or code >= 500:
            raise _Retry(f"HTTP {code}", retry_after_seconds(resp.headers.get("Retry-After")))
        if code == 404:
            raise SourceError(self.mask(not_found or f"{self.label} has no {what} (HTTP 404 at {url}): check the catalog row"))
        if code in (401, 403):
            raise SourceError(self.mask(f"{self.label} refused the request for {what} (HTTP {code}): "
                                        "check the key or contact setting in .env (see .env.example)"))
        if code != 200:
            raise SourceError(self.mask(f"{self.label} refused the request for {what} (HTTP {code})"))
        answer = Answer(resp.url, code, resp.content, dict(resp.headers))
        if accept is not None and not accept(answer):
            raise SourceError(f"{self.label} sent an unexpected answer for {what}: try again later")
        return answer


def default_user_agent() -> str:
    """The User-Agent sent to every source: the project and, when set, the user's contact.

    ``RESEARCH_CONTACT`` (environment or ``.env``), e.g. ``Jane Doe jane@example.org``, is
    required by the SEC and asked for by other agencies; ``SEC_USER_AGENT`` is read as well.
    """
    contact = config.env("RESEARCH_CONTACT") or config.env("SEC_USER_AGENT")
    base = "research-lib/0.1 (macro-markets research lab)"
    return f"{base} {contact}" if contact else base


def base_url(env_var: str, default: str) -> str:
    """The source's base URL: ``env_var`` when set (tests point it at loopback), else ``default``."""
    return (os.environ.get(env_var) or default).rstrip("/")


def check_text_csv(data: bytes, what: str) -> str:
    """Decode a CSV answer, refusing HTML pages (error pages, sign-in walls)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SourceError(f"{what} is not UTF-8 text: try again later") from None
    if text.lstrip()[:1] == "<":
        raise SourceError(f"{what} came back as an HTML page instead of CSV: the address may have moved")
    return text


# --------------------------------------------------------------------------- the fetcher base class


@dataclass(frozen=True)
class TableKey:
    """How rows of a table are identified and ordered (for merging a refresh into stored rows).

    ``columns`` identify a row. ``sort`` orders the merged rows: ``"key"`` (the key columns' text,
    which suits ISO dates), a function of the row (a dict of column texts), or None when the table
    has no order a merge could restore (then rows the source stopped listing cannot be kept, and
    such a refresh is refused unless the user allows the table to shrink).
    """

    columns: tuple[str, ...]
    sort: Callable[[dict], object] | str | None = "key"
    descending: bool = False


class Fetcher:
    """Base class of the live sources. Subclasses set ``name`` (the catalog ``source`` value),
    ``label`` (for messages), ``url_envs`` (base-URL variables) and implement :meth:`fetch`."""

    name = ""
    label = ""
    url_envs: tuple[str, ...] = ()
    default_settings = Settings()

    def __init__(self, settings: Settings | None = None, budget: Budget | None = None, *, http: HttpClient | None = None):
        self.settings = settings or Settings.for_source(self.name, self.default_settings)
        self.budget = budget or Budget(None)
        self.http = http or HttpClient(self.label, self.settings, self.budget)

    @property
    def method(self) -> str:
        """Provenance label stored in the manifest."""
        return self.name

    @property
    def origin(self) -> str:
        """Provenance text stored in the manifest (the endpoint, never a key)."""
        return self.label

    def fetch(self, entry) -> bytes:  # pragma: no cover - every subclass implements it
        raise NotImplementedError

    @classmethod
    def canonical(cls, entry, data: bytes) -> bytes:
        """The stored form of ``data`` (identity unless the source says otherwise)."""
        return data

    @classmethod
    def table_key(cls, entry) -> TableKey | None:
        """Row identity of a table entry (None: the file is replaced as a whole)."""
        return None


def csv_bytes(header: list[str], rows) -> bytes:
    """A CSV file (``\\n`` line ends, minimal quoting) from a header and rows of strings."""
    import csv
    import io

    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def number_text(value) -> str:
    """A float written the shortest way that reads back to the same float ("" for missing)."""
    if value is None:
        return ""
    x = float(value)
    return repr(x) if math.isfinite(x) else ""


__all__ = [
    "Answer", "Budget", "BudgetExhausted", "Fetcher", "HttpClient", "Settings", "SourceError",
    "SourceUnreachable", "TableKey", "base_url", "check_text_csv", "classify_connection_error",
    "csv_bytes", "default_user_agent", "number_text", "one_line",
]
