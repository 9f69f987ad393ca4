"""SEC EDGAR XBRL company facts: hyperscalers' cash capital expenditure, by quarter.

``GET <base>/api/xbrl/companyfacts/CIK##########.json`` (``https://data.sec.gov``) with a
User-Agent that names the user: set ``RESEARCH_CONTACT`` (or ``SEC_USER_AGENT``), e.g.
``"Jane Doe jane@example.org"``, in the environment or ``.env``. Without it the project's own
User-Agent is sent; the SEC may refuse that (HTTP 403), and the error says what to set.

From each company's USD facts of its capex tag (``PaymentsToAcquirePropertyPlantAndEquipment``;
Amazon: ``PaymentsToAcquireProductiveAssets``) the rows ``ticker,year,quarter,payments_usd`` are:
facts the SEC files under a calendar-quarter frame (``CY2024Q3``: that quarter) or a calendar-year
frame ending 31 December (``CY2024``: quarter 0, the full year); then, for quarters without such a
fact, year-to-date facts starting 1 January (fiscal Q2, Q3) give the quarter by difference from the
quarter(s) before (the year to date through the previous quarter, as filed or summed). Rows are
ordered by year, quarter, ticker. Base ``RESEARCH_SEC_URL``.
"""
from __future__ import annotations

import json
import re

from research_lib import config
from research_lib.data.sources.base import Fetcher, SourceError, TableKey, base_url, csv_bytes, default_user_agent

URL_ENV = "RESEARCH_SEC_URL"
DEFAULT_BASE = "https://data.sec.gov"
# ticker -> (CIK, us-gaap tag of cash capex)
COMPANIES = {
    "MSFT": ("0000789019", "PaymentsToAcquirePropertyPlantAndEquipment"),
    "GOOG": ("0001652044", "PaymentsToAcquirePropertyPlantAndEquipment"),
    "AMZN": ("0001018724", "PaymentsToAcquireProductiveAssets"),
}
TABLES = {"hyperscaler_capex_sec_quarterly": ("MSFT", "GOOG", "AMZN")}
HEADER = ["ticker", "year", "quarter", "payments_usd"]
_QUARTER_FRAME = re.compile(r"^CY(\d{4})Q([1-4])$")
_YEAR_FRAME = re.compile(r"^CY(\d{4})$")


def _quarter_of(end: str) -> tuple[int, int]:
    year, month = int(end[:4]), int(end[5:7])
    return year, (month - 1) // 3 + 1


def quarterly_capex(facts: dict, tag: str) -> dict[tuple[int, int], float]:
    """(year, quarter) -> USD from a company-facts document (quarter 0 = calendar year)."""
    try:
        items = facts["facts"]["us-gaap"][tag]["units"]["USD"]
    except (KeyError, TypeError):
        return {}
    framed: dict[tuple[int, int], dict] = {}
    year_to_date: dict[tuple[int, int], list[dict]] = {}
    for item in items:
        end, val = item.get("end"), item.get("val")
        if end is None or val is None:
            continue
        frame, start, fp = item.get("frame") or "", item.get("start") or "", item.get("fp")
        if m := _QUARTER_FRAME.match(frame):
            framed[(int(m[1]), int(m[2]))] = item
        elif (m := _YEAR_FRAME.match(frame)) and end.endswith("-12-31"):
            framed[(int(m[1]), 0)] = item
        if start.endswith("-01-01") and fp in ("Q2", "Q3"):
            year_to_date.setdefault(_quarter_of(end), []).append(item)
    chosen = dict(framed)
    for key, items_ in year_to_date.items():
        if key not in chosen:
            chosen[key] = max(items_, key=lambda it: float(it["val"]))
    values = {k: float(v["val"]) for k, v in chosen.items()}
    for year in sorted({y for y, _ in values}):
        # year to date through each quarter: a year-to-date fact as filed, else the quarters summed
        to_date = {1: values.get((year, 1))}
        for q in (2, 3):
            item = chosen.get((year, q))
            if item is None:
                break
            if (item.get("start") or "").endswith("-01-01"):
                if to_date.get(q - 1) is None:
                    break
                to_date[q] = values[(year, q)]
                values[(year, q)] = to_date[q] - to_date[q - 1]
            elif to_date.get(q - 1) is not None:
                to_date[q] = to_date[q - 1] + values[(year, q)]
    return values


class SecFetcher(Fetcher):
    name = "sec"
    label = "SEC EDGAR"
    url_envs = (URL_ENV,)

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self._facts: dict[str, dict] = {}

    @property
    def origin(self) -> str:
        return f"SEC EDGAR XBRL company facts ({base_url(URL_ENV, DEFAULT_BASE)}/api/xbrl/companyfacts)"

    def _company(self, ticker: str) -> dict:
        if ticker not in self._facts:
            cik, _ = COMPANIES[ticker]
            try:
                answer = self.http.get(f"{base_url(URL_ENV, DEFAULT_BASE)}/api/xbrl/companyfacts/CIK{cik}.json",
                                       what=f"company facts of {ticker} (CIK {cik})",
                                       headers={"User-Agent": default_user_agent(), "Accept": "application/json"})
            except SourceError as exc:
                if "HTTP 403" in str(exc) and not (config.env("RESEARCH_CONTACT") or config.env("SEC_USER_AGENT")):
                    raise SourceError("SEC EDGAR refused an anonymous client (HTTP 403): set RESEARCH_CONTACT=\"Your Name "
                                      "you@example.org\" in the environment or .env (see .env.example)") from None
                raise
            try:
                self._facts[ticker] = json.loads(answer.content)
            except ValueError:
                raise SourceError(f"SEC EDGAR sent malformed company facts for {ticker}: try again later") from None
        return self._facts[ticker]

    def fetch(self, entry) -> bytes:
        tickers = TABLES.get(entry.id)
        if tickers is None:
            raise SourceError(f"no SEC table for '{entry.id}': add it to TABLES in sources/sec.py")
        rows = []
        for ticker in tickers:
            values = quarterly_capex(self._company(ticker), COMPANIES[ticker][1])
            if not values:
                raise SourceError(f"SEC company facts of {ticker} have no USD {COMPANIES[ticker][1]}: the tag may have changed")
            rows += [(year, q, ticker, val) for (year, q), val in values.items()]
        rows.sort(key=lambda r: (r[0], r[1], r[2]))
        return csv_bytes(HEADER, ([t, str(y), str(q), repr(float(v))] for y, q, t, v in rows))

    @classmethod
    def table_key(cls, entry) -> TableKey | None:
        return TableKey(("ticker", "year", "quarter"), sort=lambda r: (int(r["year"]), int(r["quarter"]), r["ticker"]))


__all__ = ["COMPANIES", "SecFetcher", "quarterly_capex"]
