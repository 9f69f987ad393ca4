"""A fake internet for the live sources, built at test time from the real data snapshot.

:class:`FakeInternet` mounts every source's real protocol and format on one :class:`FakeServer`
(127.0.0.1), each under its own path prefix, answering from the snapshot's files:

=============  =====================================================================================
source         what the fake serves (the agency's own format)
=============  =====================================================================================
fred           ``/fred/series/observations`` (API XML; ALFRED real-time periods) and
               ``/graph/fredgraph.csv`` (keyless CSV), from ``fred/<ID>.csv``
yahoo          Yahoo's cookie (``/``), crumb (``/v1/test/getcrumb``) and chart JSON
               (``/v8/finance/chart/<TICKER>``), from ``yahoo/<TICKER>.csv``
bea            the BEA API (``/bea/api``, GetData JSON, key checked) and the flat files
               (``/bea/files/SeriesRegister.txt``, ``NipaDataQ.txt``), from the BEA tables
owid           the grapher CSV (``Entity,Code,Day,<value>``), from the Census data-center file
fed_dfa        ``/fed_dfa/dfa.zip`` holding the DFA CSVs (the 2023 share files without the copy's
               extra ``share`` column)
fred_md        ``/fred_md/<YYYY-MM>.csv`` (the ``-md`` name answers 404, as for older vintages)
sec            ``/sec/api/xbrl/companyfacts/CIK##########.json`` (needs a User-Agent with a contact)
shiller        ``/shiller/data/data.csv``
blockchain     ``/blockchain/charts/market-price`` JSON
fed_fomc       ``/fed/monetarypolicy/fomccalendars.htm`` and ``fomchistorical<YYYY>.htm`` pages
bls            ``/bls/schedule/news_release/cpi.htm``, ``/bls/schedule/<YYYY>/home.htm``,
               ``/bls/bls/news-release/empsit.htm``
authors        ``/github/<owner>/<repo>/HEAD/<path>`` (the authors' files as published)
=============  =====================================================================================

Where an agency's format cannot carry a snapshot file's exact bytes, the fetcher's output is the
stored (canonical) form that the import path produces too; the fake never holds a value the
snapshot does not. ``FakeInternet.env()`` points every fetcher at the fake.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import json
import zipfile
from pathlib import Path
from zoneinfo import ZoneInfo

from research_lib.data import formats
from research_lib.data.catalog import Catalog
from research_lib.data.sources import bea as bea_mod
from research_lib.data.sources import calendars, downloads, owid, sec
from tests.fake_servers import FRED_API_PATH, FRED_CSV_PATH, FakeServer, Request, Response, fred_csv, fred_xml

CONTACT = "Outsider Test outsider@example.org"
BEA_KEY = "FAKE-BEA-KEY-0123456789"
FAKE_TODAY = "2026-08-24"  # statements exist for FOMC meetings up to here; later ones are the schedule ahead
CRUMB = "fakeCrumb.42"
COOKIE = "A3=d=AQABBFAKE&S=AQAAAFAKE"
INTERMEETING = {"2001-01-03", "2001-04-18", "2001-09-17", "2007-08-17", "2008-01-22", "2008-10-08"}
UTC_TICKERS = {"BTC-USD", "ETH-USD"}


def _read_csv(path: Path) -> list[dict]:
    with path.open(newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def _json(payload, status: int = 200) -> Response:
    return Response(status, json.dumps(payload).encode(), content_type="application/json")


def _html(text: str, status: int = 200) -> Response:
    return Response(status, text.encode(), content_type="text/html; charset=UTF-8")


def _bea_number(text: str) -> str:
    """A value as BEA writes it: thousands separators, integers without decimals."""
    if text == "":
        return "(NA)"
    x = float(text)
    return f"{int(x):,}" if x == int(x) and abs(x) >= 1000 else text


class FakeInternet:
    """Every live source's protocol on one loopback server, answering from ``snapshot`` (see module)."""

    def __init__(self, server: FakeServer, snapshot: Path, catalog: Catalog):
        self.server, self.snapshot, self.catalog = server, Path(snapshot), catalog
        self.fred: dict[str, list[tuple[str, str]]] = {}
        self.alfred: dict[str, list[tuple[str, str, list[tuple[str, str]]]]] = {}
        self.yahoo: dict[str, Path] = {}
        self._build()

    # ------------------------------------------------------------------ addresses

    def env(self) -> dict[str, str]:
        """Environment that points every fetcher at the fake (and makes retries instant)."""
        u = self.server.url
        return {
            "RESEARCH_FRED_API_URL": u + "/fred", "RESEARCH_FRED_CSV_URL": u + FRED_CSV_PATH,
            "RESEARCH_YAHOO_URL": u, "RESEARCH_BEA_API_URL": u + "/bea/api", "RESEARCH_BEA_FILES_URL": u + "/bea/files",
            "RESEARCH_OWID_URL": u + "/owid", "RESEARCH_FED_DFA_URL": u + "/fed_dfa", "RESEARCH_FRED_MD_URL": u + "/fred_md",
            "RESEARCH_SEC_URL": u + "/sec", "RESEARCH_SHILLER_URL": u + "/shiller", "RESEARCH_BLOCKCHAIN_URL": u + "/blockchain",
            "RESEARCH_FED_URL": u + "/fed", "RESEARCH_BLS_URL": u + "/bls", "RESEARCH_GITHUB_RAW_URL": u + "/github",
            "RESEARCH_CONTACT": CONTACT, "RESEARCH_MIN_INTERVAL": "0", "RESEARCH_RETRIES": "1",
            "RESEARCH_TIMEOUT": "60", "RESEARCH_CONNECT_TIMEOUT": "5",
        }

    # ------------------------------------------------------------------ building

    def _entries(self, source: str):
        return [e for e in self.catalog if e.source == source and (self.snapshot / e.path).is_file()]

    def _build(self) -> None:
        for e in self._entries("fred"):
            rows = list(csv.reader(io.StringIO((self.snapshot / e.path).read_text())))[1:]
            self.fred[e.id] = [(r[0], r[1] if r[1] != "" else ".") for r in rows if r]
        self.server.route(FRED_API_PATH, self._fred_api)
        self.server.route(FRED_CSV_PATH, self._fred_csv)
        for e in self._entries("yahoo"):
            self.yahoo[e.id] = self.snapshot / e.path
        self.server.route("/v1/test/getcrumb", self._yahoo_crumb)
        self.server.route("/v8/finance/chart/", self._yahoo_chart)
        self.server.route("/v1/", lambda r: _json({"error": "not served"}, 404))
        self._build_bea()
        self._build_files()
        self._build_fomc()
        self._build_bls()
        self.server.route("/", self._yahoo_cookie)  # fc.yahoo.com: the longest-prefix rule tries it last

    # ------------------------------------------------------------------ FRED

    def serve_fred(self, series_id: str, observations: list[tuple[str, str]]) -> None:
        """Replace what the fake FRED answers for one series (both endpoints)."""
        self.fred[series_id] = list(observations)

    def serve_alfred(self, series_id: str, vintages: list[tuple[str, str, list[tuple[str, str]]]]) -> None:
        """ALFRED history of a series: (realtime_start, realtime_end, observations) per vintage."""
        self.alfred[series_id] = vintages

    def _fred_api(self, req: Request) -> Response:
        sid = req.query.get("series_id", "")
        if not req.query.get("api_key"):
            return Response(400, b'<error code="400" message="Bad Request.  Variable api_key is not set."/>',
                            content_type="text/xml")
        if sid not in self.fred and sid not in self.alfred:
            return Response(400, b'<error code="400" message="Bad Request.  The series does not exist."/>',
                            content_type="text/xml")
        if req.query.get("realtime_start") == "1776-07-04":  # fredapi's get_series_all_releases
            vintages = self.alfred.get(sid) or [("2026-08-24", "9999-12-31", self.fred[sid])]
            lines = ['<?xml version="1.0" encoding="utf-8" ?>',
                     '<observations realtime_start="1776-07-04" realtime_end="9999-12-31" units="lin" output_type="1">']
            for start, end, obs in vintages:
                lines += [f'  <observation realtime_start="{start}" realtime_end="{end}" date="{d}" value="{v}"/>'
                          for d, v in obs]
            lines.append("</observations>")
            return Response(200, ("\n".join(lines) + "\n").encode(), content_type="text/xml; charset=UTF-8")
        return Response(200, fred_xml(sid, self.fred[sid]), content_type="text/xml; charset=UTF-8")

    def _fred_csv(self, req: Request) -> Response:
        sid = req.query.get("id", "")
        if sid not in self.fred:
            return _html("<html><body>Series not found</body></html>", 404)
        return Response(200, fred_csv(sid, self.fred[sid]), content_type="text/csv")

    # ------------------------------------------------------------------ Yahoo

    def _yahoo_cookie(self, req: Request) -> Response:
        if req.path != "/":
            return Response(404, b"not found", content_type="text/plain")
        return Response(404, b"<html>fc</html>", headers={"Set-Cookie": f"{COOKIE}; Path=/"}, content_type="text/html")

    def _yahoo_crumb(self, req: Request) -> Response:
        if COOKIE.split(";")[0] not in req.headers.get("Cookie", ""):
            return Response(403, b"", content_type="text/plain")
        return Response(200, CRUMB.encode(), content_type="text/plain")

    def _yahoo_chart(self, req: Request) -> Response:
        ticker = req.path.rsplit("/", 1)[-1]
        if "crumb" in req.query and req.query["crumb"] != CRUMB:
            return _json({"finance": {"result": None, "error": {"code": "Unauthorized", "description": "Invalid Crumb"}}}, 401)
        if req.query.get("interval") != "1d" or req.query.get("range") != "max":
            return _json({"chart": {"result": None, "error": {"code": "Bad Request", "description": "unexpected query"}}}, 400)
        path = self.yahoo.get(ticker)
        if path is None:
            return _json({"chart": {"result": None, "error": {"code": "Not Found", "description": "No data found, symbol may be delisted"}}}, 404)
        zone = "UTC" if ticker in UTC_TICKERS else "America/New_York"
        tz = ZoneInfo(zone)
        stamps, cols = [], {k: [] for k in ("open", "high", "low", "close", "adjclose", "volume")}
        for r in _read_csv(path):
            d = dt.date.fromisoformat(r["Date"])
            local = dt.datetime(d.year, d.month, d.day, 0 if zone == "UTC" else 9, 0 if zone == "UTC" else 30, tzinfo=tz)
            stamps.append(int(local.timestamp()))
            for key, col in (("open", "Open"), ("high", "High"), ("low", "Low"), ("close", "Close"), ("adjclose", "Adj Close")):
                cols[key].append(float(r[col]) if r[col] != "" else None)
            cols["volume"].append(int(float(r["Volume"])) if r["Volume"] != "" else None)
        meta = {"currency": "USD", "symbol": ticker, "exchangeName": "NYQ", "instrumentType": "EQUITY",
                "exchangeTimezoneName": zone, "timezone": "EST" if zone != "UTC" else "UTC", "gmtoffset": 0,
                "priceHint": 2, "dataGranularity": "1d", "range": "max",
                "validRanges": ["1d", "5d", "1mo", "3mo", "6mo", "1y", "2y", "5y", "10y", "ytd", "max"]}
        quote = {k: cols[k] for k in ("open", "high", "low", "close", "volume")}
        payload = {"chart": {"result": [{"meta": meta, "timestamp": stamps,
                                         "indicators": {"quote": [quote], "adjclose": [{"adjclose": cols["adjclose"]}]}}],
                             "error": None}}
        return _json(payload)

    # ------------------------------------------------------------------ BEA

    def _build_bea(self) -> None:
        codes = {(t, c): None for t, c, _ in bea_mod.LINES.values()}
        tidy = {"T10102": "bea_t10102_contributions", "T10106": "bea_t10106_real_gdp", "T50306": "bea_t50306_real_fixed_investment"}
        self.bea_rows: dict[str, list[dict]] = {}
        # which line each FRED-id series sits on, from the snapshot manifest notes ("Table 1.1.2 line 7 (A006RY: ...)")
        line_codes = {}
        manifest_path = self.snapshot / "fred" / "MANIFEST.csv"
        manifest = _read_csv(manifest_path) if manifest_path.is_file() else []
        for m in manifest:
            for (table, code) in codes:
                if f"({code}:" in m["notes"] and (f"Table {table[1]}.{int(table[2:4])}.{int(table[4:])}" in m["notes"]):
                    line = int(m["notes"].split(" line ")[1].split(" ")[0])
                    line_codes[(table, line)] = code
        for table, cid in tidy.items():
            if cid not in self.catalog or not (self.snapshot / self.catalog.get(cid).path).is_file():
                continue
            entry = self.catalog.get(cid)
            rows = []
            for r in _read_csv(self.snapshot / entry.path):
                line = int(r["line"])
                rows.append({"TableName": table, "SeriesCode": line_codes.get((table, line), f"X{table[1:]}L{line:02d}"),
                             "LineNumber": str(line), "LineDescription": r["description"], "TimePeriod": r["time_period"],
                             "METRIC_NAME": "Fisher Quantity Index", "CL_UNIT": r["units"], "UNIT_MULT": "0",
                             "DataValue": _bea_number(r["value"]), "NoteRef": table})
            self.bea_rows[table] = rows
        for cid, table in bea_mod.WIDE_TABLES.items():
            if cid not in self.catalog or not (self.snapshot / self.catalog.get(cid).path).is_file():
                continue
            entry = self.catalog.get(cid)
            frame = formats.parse_bea_wide((self.snapshot / entry.path).read_bytes(), entry.path)
            self.bea_rows[table] = [
                {"TableName": table, "SeriesCode": f"X{table[1:]}L{int(r.line):02d}", "LineNumber": str(int(r.line)),
                 "LineDescription": r.description, "TimePeriod": r.period, "METRIC_NAME": "Current Dollars",
                 "CL_UNIT": "Level", "UNIT_MULT": "9",
                 "DataValue": _bea_number("" if r.value != r.value else repr(float(r.value))), "NoteRef": table}
                for r in frame.itertuples(index=False)]
        self.server.route("/bea/api", self._bea_api)
        self.server.route("/bea/files/", self._bea_files)

    def _bea_api(self, req: Request) -> Response:
        q = {k.lower(): v for k, v in req.query.items()}
        if q.get("userid") != BEA_KEY:
            return _json({"BEAAPI": {"Results": {"Error": {"APIErrorCode": "3", "APIErrorDescription": "The UserID provided is not valid."}}}})
        table = q.get("tablename", "")
        if q.get("method", "").lower() != "getdata" or q.get("datasetname", "").upper() != "NIPA" or table not in self.bea_rows:
            return _json({"BEAAPI": {"Results": {"Error": {"APIErrorCode": "40", "APIErrorDescription": f"Invalid table {table}"}}}})
        return _json({"BEAAPI": {"Request": {"RequestParam": []},
                                 "Results": {"Statistic": "NIPA Table", "UTCProductionTime": "2026-08-24T12:00:00.000",
                                             "Data": self.bea_rows[table],
                                             "Notes": [{"NoteRef": table, "NoteText": "fake"}]}}})

    def _bea_files(self, req: Request) -> Response:
        name = req.path.rsplit("/", 1)[-1]
        series = {}
        for table, rows in self.bea_rows.items():
            for r in rows:
                series.setdefault(r["SeriesCode"], {"label": r["LineDescription"], "calc": r["CL_UNIT"],
                                                    "place": f"{table}:{r['LineNumber']}", "values": []})
                series[r["SeriesCode"]]["values"].append((r["TimePeriod"], r["DataValue"]))
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
        if name == "SeriesRegister.txt":
            w.writerow(["%SeriesLabel%", "%SeriesCode%", "%MetricName%", "%CalculationType%", "%DefaultScale%",
                        "%TableId:LineNo%", "%SeriesCodeParents%"])
            for code, s in series.items():
                w.writerow([s["label"], code, "Fisher Quantity Index", s["calc"], "0", s["place"], ""])
        elif name == "NipaDataQ.txt":
            w.writerow(["%SeriesCode", "Period", "Value"])
            for code, s in series.items():
                for period, value in s["values"]:
                    w.writerow([code, period, value])
        else:
            return Response(404, b"not found", content_type="text/plain")
        return Response(200, buf.getvalue().encode(), content_type="text/plain")

    # ------------------------------------------------------------------ files: OWID, DFA, FRED-MD, SEC, Shiller, Blockchain, authors

    def _build_files(self) -> None:
        files: dict[str, bytes] = {}
        for e in self._entries("shiller"):
            files["/shiller/" + downloads.ShillerFetcher.files[e.id]] = (self.snapshot / e.path).read_bytes()
        for e in self._entries("fred_md"):
            files[f"/fred_md/{downloads.FredMdFetcher.vintages[e.id]}.csv"] = (self.snapshot / e.path).read_bytes()
        for e in self._entries("authors"):
            files["/github/" + downloads.AuthorsFetcher.files[e.id]] = (self.snapshot / e.path).read_bytes()
        self.files = files
        self.server.route("/shiller/", self._file)
        self.server.route("/fred_md/", self._file)
        self.server.route("/github/", self._file)

        # Our World in Data: Entity,Code,Day,<value>
        self.owid: dict[str, bytes] = {}
        for e in self._entries("owid"):
            rows = _read_csv(self.snapshot / e.path)
            body = "Entity,Code,Day,Monthly spending on data center construction\n" + "".join(
                f"United States,USA,{r['date']},{r['spending_usd']}\n" for r in rows)
            self.owid[f"/owid/grapher/{owid.CHARTS[e.id]}.csv"] = body.encode()
        self.server.route("/owid/", lambda r: Response(200, self.owid[r.path], content_type="text/csv")
                          if r.path in self.owid and r.query.get("csvType") == "full" else Response(404, b"no chart"))

        # Fed DFA: one zip, the Board's file names
        from research_lib.data.sources.fed_dfa import FedDfaFetcher

        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
            for e in self._entries("fed_dfa"):
                zf.writestr(f"dfa/{Path(e.path).name}", FedDfaFetcher.canonical(e, (self.snapshot / e.path).read_bytes()))
        self.dfa_zip = buf.getvalue()
        self.server.route("/fed_dfa/", lambda r: Response(200, self.dfa_zip, content_type="application/zip")
                          if r.path == "/fed_dfa/dfa.zip" else Response(404, b"not found"))

        # SEC company facts: each row of the capex table as a fact framed by its calendar quarter (or year)
        facts: dict[str, dict] = {}
        for e in self._entries("sec"):
            for r in _read_csv(self.snapshot / e.path):
                cik, tag = sec.COMPANIES[r["ticker"]]
                doc = facts.setdefault(cik, {"cik": int(cik), "entityName": r["ticker"], "facts": {"us-gaap": {tag: {
                    "label": tag, "description": "", "units": {"USD": []}}}}})
                year, q = int(r["year"]), int(r["quarter"])
                if q == 0:
                    start, end, frame, fp, form = f"{year}-01-01", f"{year}-12-31", f"CY{year}", "FY", "10-K"
                else:
                    first = dt.date(year, 3 * q - 2, 1)
                    last = (dt.date(year + (q == 4), (3 * q) % 12 + 1, 1) - dt.timedelta(days=1))
                    start, end, frame, fp, form = first.isoformat(), last.isoformat(), f"CY{year}Q{q}", f"Q{q}", "10-Q"
                doc["facts"]["us-gaap"][tag]["units"]["USD"].append({
                    "start": start, "end": end, "val": int(float(r["payments_usd"])), "accn": "0000000000-00-000000",
                    "fy": year, "fp": fp, "form": form, "filed": end, "frame": frame})
        self.sec_facts = facts
        self.server.route("/sec/api/xbrl/companyfacts/", self._sec)

        # Blockchain.com chart API
        self.blockchain: dict[str, list[dict]] = {}
        for e in self._entries("blockchain"):
            values = []
            for r in _read_csv(self.snapshot / e.path):
                d = dt.date.fromisoformat(r["Date"])
                values.append({"x": int(dt.datetime(d.year, d.month, d.day, tzinfo=dt.UTC).timestamp()), "y": float(r["Close_USD"])})
            self.blockchain["market-price"] = values
        self.server.route("/blockchain/charts/", self._blockchain)

    def _file(self, req: Request) -> Response:
        body = self.files.get(req.path)
        if body is None:
            return Response(404, b"404: Not Found", content_type="text/plain")
        return Response(200, body, content_type="text/plain; charset=utf-8")

    def _sec(self, req: Request) -> Response:
        if "@" not in req.headers.get("User-Agent", ""):
            return _html("<html><body>Your Request Originates from an Undeclared Automated Tool</body></html>", 403)
        cik = req.path.rsplit("CIK", 1)[-1].removesuffix(".json")
        if cik not in self.sec_facts:
            return Response(404, b'{"message": "Not Found"}', content_type="application/json")
        return _json(self.sec_facts[cik])

    def _blockchain(self, req: Request) -> Response:
        chart = req.path.rsplit("/", 1)[-1]
        if chart not in self.blockchain or req.query.get("format") != "json":
            return _json({"status": "not-found"}, 404)
        return _json({"status": "ok", "name": "Market Price (USD)", "unit": "USD", "period": "day",
                      "description": "Average USD market price across major bitcoin exchanges.",
                      "values": self.blockchain[chart]})

    # ------------------------------------------------------------------ FOMC pages

    def _build_fomc(self) -> None:
        decisions = {e.id: e for e in self._entries("fed_fomc")}
        calendar: dict[int, list[dict]] = {}
        history: dict[int, list[dict]] = {}
        decided = set()
        if "fomc_decisions" in decisions:
            for r in _read_csv(self.snapshot / decisions["fomc_decisions"].path):
                meeting = {"start": r["meeting_start"], "end": r["decision_date"], "unscheduled": r["type"] == "unscheduled",
                           "statement": r["decision_date"] if r["decision_date"] <= FAKE_TODAY else None}
                year = int(r["decision_date"][:4])
                (calendar if r["source"] == "fomccalendars" else history).setdefault(year, []).append(meeting)
                decided.add(r["decision_date"])
        if "fomc_announcements" in decisions:
            first_calendar_year = min(calendar) if calendar else 9999
            for r in _read_csv(self.snapshot / decisions["fomc_announcements"].path):
                year = int(r["date"][:4])
                if r["date"] in decided or year >= min(first_calendar_year, 2015 if decided else 9999):
                    continue  # those years come from the decisions file
                history.setdefault(year, []).append({"start": r["date"], "end": r["date"], "unscheduled": False,
                                                     "call": r["date"] in INTERMEETING, "statement": r["date"]})
        self.fomc_calendar, self.fomc_history = calendar, history
        self.server.route("/fed/monetarypolicy/", self._fomc)

    @staticmethod
    def _month_days(m: dict) -> tuple[str, str]:
        s, e = dt.date.fromisoformat(m["start"]), dt.date.fromisoformat(m["end"])
        if m["unscheduled"]:
            e = s  # an unscheduled meeting is listed by the day it met; its statement may come the next day
        month = s.strftime("%B") if s.month == e.month else f"{s.strftime('%b')}/{e.strftime('%b')}"
        days = str(s.day) if s == e else f"{s.day}-{e.day}"
        return month, days

    def _fomc(self, req: Request) -> Response:
        name = req.path.rsplit("/", 1)[-1]
        if name == "fomccalendars.htm":
            parts = ["<html><body><div id='article'><h3>Meeting calendars and information</h3>"]
            for year in sorted(self.fomc_calendar, reverse=True):
                parts.append(f'<div class="panel panel-default"><div class="panel-heading"><h4><a id="{year}">'
                             f"{year} FOMC Meetings</a></h4></div>")
                for m in self.fomc_calendar[year]:
                    month, days = self._month_days(m)
                    if m["unscheduled"]:
                        days += " (unscheduled)"
                    link = (f'Statement:<br><a href="/newsevents/pressreleases/monetary{m["statement"].replace("-", "")}a.htm">HTML</a>'
                            if m["statement"] else "")
                    parts.append(f'<div class="row fomc-meeting"><div class="fomc-meeting__month col-xs-5 col-sm-3 col-md-2">'
                                 f"<strong>{month}</strong></div><div class=\"fomc-meeting__date col-xs-4 col-sm-9 col-md-10 "
                                 f'col-lg-1">{days}</div><div class="col-xs-12 col-md-4 col-lg-2">{link}</div></div>')
                parts.append("</div>")
            return _html("".join(parts) + "</div></body></html>")
        if name.startswith("fomchistorical") and name[14:18].isdigit():
            year = int(name[14:18])
            if year not in self.fomc_history:
                return _html("<html><body>Page not found</body></html>", 404)
            parts = [f"<html><body><h3>{year} FOMC Meetings</h3>"]
            for m in self.fomc_history[year]:
                month, days = self._month_days(m)
                kind = "Conference Call" if m.get("call") else ("Unscheduled Meeting" if m["unscheduled"] else "Meeting")
                s, e = dt.date.fromisoformat(m["start"]), dt.date.fromisoformat(m["end"])
                when = f"{s:%B} {days}" if "/" not in month else f"{s:%B} {s.day}-{e:%B} {e.day}"
                parts.append(f'<div class="panel panel-default"><h5 class="panel-heading panel-heading--shaded">'
                             f"{when} {kind} - {year}</h5><div class=\"panel-body\">"
                             f'<p>Statement: <a href="/newsevents/pressreleases/monetary{m["statement"].replace("-", "")}a.htm">'
                             "HTML</a></p><p>Minutes: <a href='/fomcminutes.htm'>HTML</a></p></div></div>")
            return _html("".join(parts) + "</body></html>")
        return _html("<html><body>Page not found</body></html>", 404)

    # ------------------------------------------------------------------ BLS pages

    def _build_bls(self) -> None:
        self.bls_pages: dict[str, str] = {}
        entries = {e.id: e for e in self._entries("bls")}
        if "cpi_release_dates" in entries:
            by_page: dict[str, list[dict]] = {}
            for r in _read_csv(self.snapshot / entries["cpi_release_dates"].path):
                by_page.setdefault(r["source_url"].removeprefix(calendars.BLS_DEFAULT), []).append(r)
            for page, rows in by_page.items():
                if page.startswith("/schedule/news_release/"):
                    body = "".join(f"<tr><td>{r['reference_month']}</td><td>{self._bls_date(r['release_date'], short=True)}</td>"
                                   "<td>08:30 AM</td></tr>" for r in rows)
                    html = ("<html><body><table class='release-list'><thead><tr><th>Reference Month</th><th>Release Date</th>"
                            f"<th>Release Time</th></tr></thead><tbody>{body}</tbody></table></body></html>")
                else:
                    body = "".join(
                        f"<tr><td>{self._bls_date(r['release_date'])}</td><td>08:30 AM</td>"
                        f"<td><p><strong>Consumer Price Index</strong> for {r['reference_month']}</p></td></tr>"
                        f"<tr><td>{self._bls_date(r['release_date'])}</td><td>10:00 AM</td>"
                        f"<td><p>Real Earnings for {r['reference_month']}</p></td></tr>" for r in rows)
                    html = f"<html><body><table class='release-calendar'>{body}</table></body></html>"
                self.bls_pages[page] = html
        if "employment_situation_release_dates" in entries:
            items = []
            for r in _read_csv(self.snapshot / entries["employment_situation_release_dates"].path):
                y, m, d = r["Date"].split("-")
                items.append(f'<li><a href="/news.release/archives/empsit_{m}{d}{y}.htm">HTML</a> | '
                             f'<a href="/news.release/archives/empsit_{m}{d}{y}.pdf">PDF</a> The Employment Situation</li>')
            self.bls_pages["/bls/news-release/empsit.htm"] = f"<html><body><ul>{''.join(items)}</ul></body></html>"
        self.server.route("/bls/", lambda r: _html(self.bls_pages[r.path[4:]]) if r.path[4:] in self.bls_pages
                          else _html("<html><body>Page Not Found</body></html>", 404))

    @staticmethod
    def _bls_date(day: str, short: bool = False) -> str:
        d = dt.date.fromisoformat(day)
        if short:
            month = d.strftime("%b") + ("." if d.month not in (5, 6, 7) else "")
            return f"{month} {d.day}, {d.year}"
        return f"{d.strftime('%A')}, {d.strftime('%B')} {d.day}, {d.year}"


__all__ = ["BEA_KEY", "CONTACT", "FakeInternet"]
