"""Public release calendars: FOMC meetings (Federal Reserve Board) and BLS release dates.

``fed_fomc`` reads the Board's pages (base ``RESEARCH_FED_URL``, ``https://www.federalreserve.gov``):
``/monetarypolicy/fomccalendars.htm`` (the recent years and the published schedule: per year a
panel "YYYY FOMC Meetings", per meeting a month, a day range such as ``27-28*`` or
``3 (unscheduled)`` and links to its statement ``/newsevents/pressreleases/monetaryYYYYMMDDa.htm``)
and ``/monetarypolicy/fomchistorical<YYYY>.htm`` for the years before (per meeting a heading
"January 27-28 Meeting - 2015", "March 15 Conference Call - 2020" or "... Unscheduled Meeting ...",
then its links). The decision or announcement day is the date in the statement's address; a
scheduled meeting without a statement yet (the schedule ahead) is dated by its last day.

- ``fomc_decisions``: ``decision_date,meeting_start,type,source`` for scheduled meetings and for
  unscheduled ones that issued a statement, from 2015; ``source`` names the page.
- ``fomc_announcements``: ``date`` of every statement (scheduled meetings and intermeeting moves)
  and of scheduled meetings ahead, from 2000.

``bls`` reads the Bureau of Labor Statistics (base ``RESEARCH_BLS_URL``, ``https://www.bls.gov``):

- ``cpi_release_dates``: ``release_date,reference_month,source_url`` from the CPI release schedule
  ``/schedule/news_release/cpi.htm`` (a table: reference month, release date, time) and the yearly
  release calendars ``/schedule/<YYYY>/home.htm`` (rows "Consumer Price Index for <Month YYYY>"
  with their date), from 2015; ``source_url`` names the public page a row was read from.
- ``employment_situation_release_dates``: ``Date,Time`` (newest first) from the archive of
  Employment Situation releases ``/bls/news-release/empsit.htm`` (links
  ``/news.release/archives/empsit_MMDDYYYY.htm``) and the schedule ``/schedule/news_release/empsit.htm``;
  ``Time`` is the UTC hour of the 8:30 a.m. Eastern release.

Stored forms (also for imported files): errors documented in the snapshot's manifest are corrected
(``fomc_announcements``: 2026-05-06 is 2026-04-29; Employment Situation: 2010-12-04 and 2010-11-06
are 2009-12-04 and 2009-11-06, Saturdays mistyped), and ``Time`` is recomputed from the date with
the Eastern time-zone rules in force that day (a derived column; imported copies computed it
with today's daylight-saving rules for every year). The import reports each corrected file.
"""
from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from zoneinfo import ZoneInfo

from research_lib.data.calendars import CORRECTIONS
from research_lib.data.sources.base import Fetcher, SourceError, TableKey, base_url, csv_bytes

FED_URL_ENV = "RESEARCH_FED_URL"
FED_DEFAULT = "https://www.federalreserve.gov"
BLS_URL_ENV = "RESEARCH_BLS_URL"
BLS_DEFAULT = "https://www.bls.gov"

MONTHS = {m: i for i, m in enumerate(["january", "february", "march", "april", "may", "june", "july", "august",
                                       "september", "october", "november", "december"], start=1)}
_STATEMENT = re.compile(r"monetary(\d{8})[a-z]?\.htm")
_TAG = re.compile(r"<[^>]+>")

# corrections documented in the snapshot's manifest (one table, with reasons, in research_lib.data.calendars):
# catalog id -> {wrong value: right value}
KNOWN_ERRORS = {table: {wrong: right for wrong, (right, _) in fixes.items()} for table, fixes in CORRECTIONS.items()}


def _text(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(_TAG.sub(" ", fragment))).strip()


def _month(name: str) -> int:
    key = name.strip().rstrip(".").lower()
    for full, number in MONTHS.items():
        if full.startswith(key[:3]) and len(key) >= 3:
            return number
    raise ValueError(name)


def parse_date_text(text: str) -> str:
    """``January 16, 2015``, ``Friday, January 16, 2015`` or ``Jan. 13, 2026`` -> ``2015-01-16``."""
    m = re.search(r"([A-Z][a-z]{2,8})\.?\s+(\d{1,2}),\s+(\d{4})", text)
    if not m:
        raise ValueError(text)
    return dt.date(int(m[3]), _month(m[1]), int(m[2])).isoformat()


def release_hour_utc(day: str, hour: int = 8, minute: int = 30) -> int:
    """UTC hour of an ``hour:minute`` Eastern release on ``day`` (the rules in force that day)."""
    d = dt.date.fromisoformat(day)
    local = dt.datetime(d.year, d.month, d.day, hour, minute, tzinfo=ZoneInfo("America/New_York"))
    return local.astimezone(dt.UTC).hour


# --------------------------------------------------------------------------- FOMC


def _meetings_from_calendar(page: str) -> list[dict]:
    """Meetings on fomccalendars.htm: year, months, days, unscheduled, statement dates."""
    out = []
    sections = re.split(r"(\d{4})\s+FOMC\s+Meetings", page)
    for i in range(1, len(sections) - 1, 2):
        year, body = int(sections[i]), sections[i + 1]
        starts = [m.start() for m in re.finditer(r'class="[^"]*\bfomc-meeting\b(?!__)[^"]*"', body)]
        for a, b in zip(starts, starts[1:] + [len(body)]):
            chunk = body[a:b]
            month = re.search(r'fomc-meeting__month[^"]*"[^>]*>(.*?)</div>', chunk, re.S)
            days = re.search(r'fomc-meeting__date[^"]*"[^>]*>(.*?)</div>', chunk, re.S)
            if not month or not days:
                continue
            out.append({"year": year, "month": _text(month[1]), "days": _text(days[1]),
                        "statements": sorted(set(_STATEMENT.findall(chunk))), "page": "fomccalendars"})
    return out


_HEADING = re.compile(
    r">\s*([A-Z][a-z]+)\s+(\d{1,2})(?:\s*-\s*(?:([A-Z][a-z]+)\s+)?(\d{1,2}))?\s+"
    r"(Meeting|Conference Call|Unscheduled Meeting)\s*(?:-|&ndash;|–)?\s*(\d{4})?\s*<")


def _meetings_from_history(page: str, year: int) -> list[dict]:
    """Meetings on fomchistorical<YYYY>.htm, one per heading "January 27-28 Meeting - 2015"."""
    heads = list(_HEADING.finditer(page))
    out = []
    for h, nxt in zip(heads, heads[1:] + [None]):
        chunk = page[h.end(): nxt.start() if nxt else len(page)]
        month = h[1] if not h[3] else f"{h[1]}/{h[3]}"
        days = h[2] if not h[4] else f"{h[2]}-{h[4]}"
        kind = h[5]
        out.append({"year": year, "month": month, "days": days + (" (unscheduled)" if kind != "Meeting" else ""),
                    "statements": sorted(set(_STATEMENT.findall(chunk))), "page": f"fomchistorical{year}",
                    "call": kind == "Conference Call"})
    return out


def _span(meeting: dict) -> tuple[str, str] | None:
    """(first day, last day) of a meeting, or None for a notation vote or a cancelled meeting."""
    text = meeting["days"].lower()
    if "notation" in text or "cancel" in text:
        return None
    days = [int(d) for d in re.findall(r"\d+", text.split("(")[0])]
    months = [_month(m) for m in re.split(r"[/-]", meeting["month"]) if m.strip()]
    if not days or not months:
        return None
    first = dt.date(meeting["year"], months[0], days[0])
    last_month = months[-1] if len(days) > 1 else months[0]
    if len(days) > 1 and len(months) == 1 and days[-1] < days[0]:  # "April 30-1": the meeting ends next month
        last_month = months[0] % 12 + 1
    last = dt.date(meeting["year"], last_month, days[-1])
    if last < first:  # "Dec/Jan" across a year end
        last = dt.date(meeting["year"] + 1, last_month, days[-1])
    return first.isoformat(), last.isoformat()


def _statement_date(stamp: str) -> str:
    return f"{stamp[:4]}-{stamp[4:6]}-{stamp[6:]}"


class FedFomcFetcher(Fetcher):
    name = "fed_fomc"
    label = "Federal Reserve Board (FOMC calendars)"
    url_envs = (FED_URL_ENV,)
    tables = {"fomc_decisions": 2015, "fomc_announcements": 2000}  # id -> first year

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self._meetings: dict[int, list[dict]] | None = None

    @property
    def origin(self) -> str:
        return f"{self.label} ({base_url(FED_URL_ENV, FED_DEFAULT)}/monetarypolicy/fomccalendars.htm and fomchistorical<YYYY>.htm)"

    def _page(self, name: str, what: str) -> str:
        answer = self.http.get(f"{base_url(FED_URL_ENV, FED_DEFAULT)}/monetarypolicy/{name}", what=what)
        return answer.text()

    def meetings(self, first_year: int) -> dict[int, list[dict]]:
        """Meetings by year, from ``first_year`` on (pages fetched once per refresh)."""
        if self._meetings is None:
            self._meetings = {}
            for m in _meetings_from_calendar(self._page("fomccalendars.htm", "the FOMC calendar page")):
                self._meetings.setdefault(m["year"], []).append(m)
            if not self._meetings:
                raise SourceError("the FOMC calendar page lists no meetings: the page layout may have changed")
        for year in range(first_year, min(self._meetings)):
            if year not in self._meetings:
                page = self._page(f"fomchistorical{year}.htm", f"the FOMC historical page for {year}")
                found = _meetings_from_history(page, year)
                if not found:
                    raise SourceError(f"the FOMC historical page for {year} lists no meetings: the page layout may have changed")
                self._meetings[year] = found
        return {y: ms for y, ms in self._meetings.items() if y >= first_year}

    def fetch(self, entry) -> bytes:
        if entry.id not in self.tables:
            raise SourceError(f"no FOMC calendar for '{entry.id}': add it to FedFomcFetcher.tables")
        first_year = self.tables[entry.id]
        decisions, announcements = {}, set()
        for year in sorted(self.meetings(first_year)):
            for m in self._meetings[year]:
                span = _span(m)
                if span is None:
                    continue
                unscheduled = "unscheduled" in m["days"].lower()
                dates = [_statement_date(s) for s in m["statements"]]
                if not dates and not unscheduled and not m.get("call"):
                    dates = [span[1]]  # the schedule ahead: no statement yet
                announcements.update(dates)
                if dates and not m.get("call") or (unscheduled and m["statements"]):
                    day = dates[-1]
                    decisions[day] = [day, span[0], "unscheduled" if unscheduled else "scheduled", m["page"]]
        if entry.id == "fomc_decisions":
            rows = [decisions[d] for d in sorted(decisions) if d[:4] >= str(first_year)]
            return csv_bytes(["decision_date", "meeting_start", "type", "source"], rows)
        data = csv_bytes(["date"], ([d] for d in sorted(announcements) if d[:4] >= str(first_year)))
        return self.canonical(entry, data)

    @classmethod
    def canonical(cls, entry, data: bytes) -> bytes:
        """Errors documented in the snapshot manifest corrected (fomc_announcements: 2026-05-06 is 2026-04-29)."""
        return _correct(entry.id, data, descending=False)

    @classmethod
    def table_key(cls, entry) -> TableKey | None:
        return TableKey(("decision_date",) if entry.id == "fomc_decisions" else ("date",))


def _correct(entry_id: str, data: bytes, descending: bool, derive=None) -> bytes:
    """Apply the documented corrections to the first column, recompute derived columns, re-sort."""
    fixes = KNOWN_ERRORS.get(entry_id, {})
    if not fixes and derive is None:
        return data
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    if not rows:
        return data
    header, body = rows[0], [r for r in rows[1:] if r]
    fixed = []
    for r in body:
        r = [fixes.get(r[0], r[0])] + r[1:]
        fixed.append(derive(r) if derive else r)
    unique = {r[0]: r for r in fixed}
    out = csv_bytes(header, [unique[k] for k in sorted(unique, reverse=descending)])
    return out


# --------------------------------------------------------------------------- BLS


def _table_rows(page: str) -> list[str]:
    return [_text(m) for m in re.findall(r"<tr\b.*?</tr>", page, re.S | re.I)]


class BlsFetcher(Fetcher):
    name = "bls"
    label = "BLS"
    url_envs = (BLS_URL_ENV,)
    tables = {"cpi_release_dates": 2015, "employment_situation_release_dates": 1994}

    @property
    def origin(self) -> str:
        return f"Bureau of Labor Statistics release schedules and archives ({base_url(BLS_URL_ENV, BLS_DEFAULT)})"

    def _get(self, path: str, what: str, optional: bool = False) -> str | None:
        try:
            return self.http.get(f"{base_url(BLS_URL_ENV, BLS_DEFAULT)}{path}", what=what,
                                 not_found=f"BLS has no page {path}").text()
        except SourceError as exc:
            if optional and "has no page" in str(exc):
                return None
            raise

    def _schedule(self, release: str) -> list[tuple[str, str]]:
        """(reference month, release date) rows of ``/schedule/news_release/<release>.htm``."""
        page = self._get(f"/schedule/news_release/{release}.htm", f"the {release} release schedule", optional=True)
        rows = []
        for text in _table_rows(page or ""):
            m = re.match(r"([A-Z][a-z]+ \d{4})\s+(.+?\d{4})", text)
            if m:
                try:
                    rows.append((m[1], parse_date_text(m[2])))
                except ValueError:
                    continue
        return rows

    def fetch(self, entry) -> bytes:
        if entry.id == "cpi_release_dates":
            return self._cpi()
        if entry.id == "employment_situation_release_dates":
            return self._empsit(entry)
        raise SourceError(f"no BLS calendar for '{entry.id}': add it to BlsFetcher")

    def _cpi(self) -> bytes:
        public = BLS_DEFAULT
        found: dict[str, tuple[str, str]] = {}  # reference month -> (release date, page)
        current = self._schedule("cpi")
        for ref, day in current:
            found[ref] = (day, f"{public}/schedule/news_release/cpi.htm")
        last_year = max([int(d[:4]) for _, d in current] + [dt.date.today().year])
        for year in range(self.tables["cpi_release_dates"], last_year + 1):
            page = self._get(f"/schedule/{year}/home.htm", f"the {year} release calendar", optional=True)
            for text in _table_rows(page or ""):
                m = re.search(r"Consumer Price Index for ([A-Z][a-z]+ \d{4})", text)
                if not m or m[1] in found:
                    continue
                try:
                    found[m[1]] = (parse_date_text(text), f"{public}/schedule/{year}/home.htm")
                except ValueError:
                    continue
        if not found:
            raise SourceError("BLS pages list no CPI release dates: the page layout may have changed")
        rows = sorted((day, ref, url) for ref, (day, url) in found.items())
        return csv_bytes(["release_date", "reference_month", "source_url"], rows)

    def _empsit(self, entry) -> bytes:
        page = self._get("/bls/news-release/empsit.htm", "the Employment Situation archive")
        days = set()
        for stamp in re.findall(r"empsit_(\d{8})\.htm", page or ""):
            try:
                days.add(dt.date(int(stamp[4:]), int(stamp[:2]), int(stamp[2:4])).isoformat())
            except ValueError:
                continue
        days.update(day for _, day in self._schedule("empsit"))
        if not days:
            raise SourceError("BLS pages list no Employment Situation releases: the page layout may have changed")
        data = csv_bytes(["Date", "Time"], ([d, str(release_hour_utc(d))] for d in sorted(days, reverse=True)))
        return self.canonical(entry, data)

    @classmethod
    def canonical(cls, entry, data: bytes) -> bytes:
        """Documented typos corrected (2010-12-04, 2010-11-06 are 2009 dates), Time recomputed from the date, newest first."""
        if entry.id == "employment_situation_release_dates":
            return _correct(entry.id, data, descending=True, derive=lambda r: [r[0], str(release_hour_utc(r[0]))] + r[2:])
        return data

    @classmethod
    def table_key(cls, entry) -> TableKey | None:
        if entry.id == "employment_situation_release_dates":
            return TableKey(("Date",), descending=True)
        return TableKey(("release_date",))


__all__ = ["BlsFetcher", "FedFomcFetcher", "KNOWN_ERRORS", "parse_date_text", "release_hour_utc"]
