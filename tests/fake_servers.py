"""Offline stand-ins for the remote data sources, for tests.

``FakeServer`` is a threaded HTTP server on 127.0.0.1 (random port) that answers from scripted
responses and records every request. It can play both FRED endpoints:

- the API, ``<fake.fred_api_url>/series/observations?series_id=ID&api_key=...`` (XML, as fredapi reads it)
- the keyless download, ``<fake.fred_csv_url>?id=ID`` (CSV)

It is a pytest plugin (``tests/conftest.py`` loads it), so the fixture ``fake_http`` is available
in every test::

    def test_refresh(fake_http, monkeypatch):
        fake_http.serve_fred("WALCL", [("2020-01-01", "1.5"), ("2020-01-08", ".")])   # both endpoints
        fake_http.add("/fred/series/observations", status=503, query={"series_id": "WALCL"})  # one-shot fault
        monkeypatch.setenv("RESEARCH_FRED_API_URL", fake_http.fred_api_url)
        monkeypatch.setenv("RESEARCH_FRED_CSV_URL", fake_http.fred_csv_url)
        ...
        assert fake_http.count("/fred/series/observations") == 2

or as a context manager: ``with FakeServer() as srv: ...``.

Response choice for a request: first the one-shot queue (``add``) entries whose ``query`` matches,
in order, then the standing ``default`` answers, query-matched ones first; otherwise 404.
``delay`` makes the server wait before answering (to trigger client timeouts).

``route(prefix, handler)`` answers every other path under a prefix with ``handler(request)``;
:mod:`tests.fake_internet` mounts every live source's protocol that way, built from the snapshot.

The plugin also registers the ``outsider`` marker (the fake-internet end-to-end test).
"""

from __future__ import annotations

import threading
import urllib.parse
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from xml.sax.saxutils import quoteattr

import pytest

FRED_API_PATH = "/fred/series/observations"
FRED_CSV_PATH = "/graph/fredgraph.csv"


# --------------------------------------------------------------------------- payload builders


def fred_xml(series_id: str, observations: Iterable[tuple[str, str]]) -> bytes:
    """FRED API ``series/observations`` XML; a value of ``"."`` means missing (as FRED sends it)."""
    obs = list(observations)
    start = obs[0][0] if obs else "1776-07-04"
    end = obs[-1][0] if obs else "9999-12-31"
    lines = [
        '<?xml version="1.0" encoding="utf-8" ?>',
        f'<observations realtime_start="2026-08-24" realtime_end="2026-08-24" observation_start="{start}" '
        f'observation_end="{end}" units="lin" output_type="1" file_type="xml" order_by="observation_date" '
        f'sort_order="asc" count="{len(obs)}" offset="0" limit="100000">',
    ]
    for d, v in obs:
        lines.append(
            f'  <observation realtime_start="2026-08-24" realtime_end="2026-08-24" date={quoteattr(d)} value={quoteattr(v)}/>'
        )
    lines.append("</observations>")
    return ("\n".join(lines) + "\n").encode("utf-8")


def fred_error_xml(code: int, message: str) -> bytes:
    """FRED API error body, e.g. ``fred_error_xml(400, "Bad Request.  The series does not exist.")``."""
    return f'<?xml version="1.0" encoding="utf-8" ?>\n<error code="{code}" message={quoteattr(message)}/>\n'.encode()


def fred_csv(series_id: str, observations: Iterable[tuple[str, str]]) -> bytes:
    """Keyless ``fredgraph.csv`` body; missing values are empty (``"."`` is written as empty)."""
    rows = [f"observation_date,{series_id}"]
    rows += [f"{d},{'' if v == '.' else v}" for d, v in observations]
    return ("\n".join(rows) + "\n").encode()


UNKNOWN_SERIES_MESSAGE = "Bad Request.  The series does not exist."


# --------------------------------------------------------------------------- server


@dataclass
class Response:
    status: int = 200
    body: bytes = b""
    headers: dict = field(default_factory=dict)
    delay: float = 0.0
    content_type: str | None = None
    query: dict | None = None  # only answer requests whose query has these key/values
    handler: Callable | None = None  # handler(request) -> Response, for dynamic answers

    def matches(self, query: dict) -> bool:
        return not self.query or all(query.get(k) == str(v) for k, v in self.query.items())


@dataclass
class Request:
    method: str
    path: str
    query: dict
    headers: dict
    body: bytes = b""


class FakeServer:
    """Scriptable threaded HTTP server on 127.0.0.1 (see module docstring)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._queues: dict[str, list[Response]] = {}
        self._defaults: dict[str, list[Response]] = {}
        self._routes: list[tuple[str, Callable]] = []
        self.requests: list[Request] = []
        self._stop = threading.Event()
        self._httpd: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> FakeServer:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):  # keep test output quiet
                pass

            def _serve(self):
                parts = urllib.parse.urlsplit(self.path)
                query = {k: v[-1] for k, v in urllib.parse.parse_qs(parts.query, keep_blank_values=True).items()}
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length) if length else b""
                req = Request(self.command, urllib.parse.unquote(parts.path), query, dict(self.headers.items()), body)
                resp = server._pick(req)
                if resp.handler is not None:
                    resp = resp.handler(req)
                if resp.delay and server._stop.wait(resp.delay):
                    return
                payload = resp.body if isinstance(resp.body, bytes) else str(resp.body).encode()
                try:
                    self.send_response(resp.status)
                    ctype = resp.content_type
                    if ctype is None:
                        ctype = _guess_type(parts.path, payload)
                    self.send_header("Content-Type", ctype)
                    for k, v in resp.headers.items():
                        self.send_header(k, str(v))
                    self.send_header("Content-Length", str(len(payload)))
                    self.send_header("Connection", "close")
                    self.end_headers()
                    if self.command != "HEAD":
                        self.wfile.write(payload)
                except (BrokenPipeError, ConnectionResetError):  # client gave up (timeout test)
                    pass
                self.close_connection = True

            do_GET = do_POST = do_HEAD = _serve

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # ------------------------------------------------------------------ addresses

    @property
    def url(self) -> str:
        assert self._httpd is not None, "server not started"
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def fred_api_url(self) -> str:
        """Value for ``FredFetcher(api_url=...)`` / ``RESEARCH_FRED_API_URL``."""
        return self.url + "/fred"

    @property
    def fred_csv_url(self) -> str:
        """Value for ``FredFetcher(csv_url=...)`` / ``RESEARCH_FRED_CSV_URL``."""
        return self.url + FRED_CSV_PATH

    # ------------------------------------------------------------------ scripting

    def add(self, path: str, status: int = 200, body: bytes | str = b"", *, headers: dict | None = None,
            delay: float = 0.0, content_type: str | None = None, query: dict | None = None,
            handler: Callable | None = None, times: int = 1) -> FakeServer:
        """Queue a one-shot answer (``times`` copies) for ``path``."""
        resp = Response(status, body if isinstance(body, bytes) else body.encode(), dict(headers or {}), delay,
                        content_type, query, handler)
        with self._lock:
            self._queues.setdefault(path, []).extend([resp] * times)
        return self

    def default(self, path: str, status: int = 200, body: bytes | str = b"", *, headers: dict | None = None,
                delay: float = 0.0, content_type: str | None = None, query: dict | None = None,
                handler: Callable | None = None) -> FakeServer:
        """Standing answer for ``path`` (per ``query`` if given) once the queue is used up; replaces an
        earlier default with the same ``query``."""
        resp = Response(status, body if isinstance(body, bytes) else body.encode(), dict(headers or {}), delay,
                        content_type, query, handler)
        with self._lock:
            lst = [r for r in self._defaults.get(path, []) if r.query != resp.query]
            lst.append(resp)
            lst.sort(key=lambda r: 0 if r.query else 1)
            self._defaults[path] = lst
        return self

    def serve_fred(self, series_id: str, observations: Iterable[tuple[str, str]], *, api: bool = True,
                   csv: bool = True) -> FakeServer:
        """Standing answers for one series on the API and/or keyless endpoint."""
        obs = list(observations)
        if api:
            self.default(FRED_API_PATH, 200, fred_xml(series_id, obs), query={"series_id": series_id},
                         content_type="text/xml; charset=UTF-8")
        if csv:
            self.default(FRED_CSV_PATH, 200, fred_csv(series_id, obs), query={"id": series_id},
                         content_type="text/csv")
        return self

    def unknown_fred(self, series_id: str) -> FakeServer:
        """Answer like FRED does for a series id it does not know (API 400 with error XML; CSV 404)."""
        self.default(FRED_API_PATH, 400, fred_error_xml(400, UNKNOWN_SERIES_MESSAGE), query={"series_id": series_id},
                     content_type="text/xml; charset=UTF-8")
        self.default(FRED_CSV_PATH, 404, b"<html><body>Not Found</body></html>", query={"id": series_id},
                     content_type="text/html")
        return self

    def route(self, prefix: str, handler: Callable) -> FakeServer:
        """Answer every path under ``prefix`` (not scripted otherwise) with ``handler(request) -> Response``."""
        with self._lock:
            self._routes = [r for r in self._routes if r[0] != prefix] + [(prefix, handler)]
            self._routes.sort(key=lambda r: -len(r[0]))
        return self

    def reset(self) -> None:
        with self._lock:
            self._queues.clear()
            self._defaults.clear()
            self._routes.clear()
            self.requests.clear()

    # ------------------------------------------------------------------ inspection

    def requests_for(self, path: str) -> list[Request]:
        with self._lock:
            return [r for r in self.requests if r.path == path]

    def count(self, path: str | None = None) -> int:
        with self._lock:
            return len(self.requests) if path is None else sum(r.path == path for r in self.requests)

    def _pick(self, req: Request) -> Response:
        with self._lock:
            self.requests.append(req)
            queue = self._queues.get(req.path, [])
            for i, resp in enumerate(queue):
                if resp.matches(req.query):
                    return queue.pop(i)
            for resp in self._defaults.get(req.path, []):
                if resp.matches(req.query):
                    return resp
            for prefix, handler in self._routes:
                if req.path.startswith(prefix):
                    return Response(handler=handler)
        return Response(404, b"no scripted response for " + req.path.encode(), content_type="text/plain")


def _guess_type(path: str, payload: bytes) -> str:
    head = payload.lstrip()[:20].lower()
    if head.startswith(b"<?xml") or head.startswith(b"<error") or head.startswith(b"<observ"):
        return "text/xml; charset=UTF-8"
    if head.startswith(b"<"):
        return "text/html; charset=UTF-8"
    if path.endswith(".csv"):
        return "text/csv"
    return "text/plain"


def pytest_configure(config):
    config.addinivalue_line("markers", "outsider: the end-to-end run from a fresh store through a fake internet (slow)")


@pytest.fixture
def fake_http():
    """A started :class:`FakeServer`, stopped after the test."""
    with FakeServer() as srv:
        yield srv
