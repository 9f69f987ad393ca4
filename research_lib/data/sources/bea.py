"""BEA national accounts (NIPA tables): the BEA API with a key, else BEA's published flat files.

- With ``BEA_API_KEY`` (environment or ``.env``; free at apps.bea.gov/API/signup):
  ``GET <api>?UserID=<key>&method=GetData&datasetname=NIPA&TableName=T10102&Frequency=Q&Year=X&ResultFormat=JSON``
  (``https://apps.bea.gov/api/data``), one request per table; rows carry ``SeriesCode``,
  ``LineNumber``, ``LineDescription``, ``TimePeriod`` (``2010Q1``), ``CL_UNIT`` and ``DataValue``.
  Base ``RESEARCH_BEA_API_URL``.
- Without a key: the flat files of the current release, ``<files>/SeriesRegister.txt`` (series
  code, label, calculation type, ``TableId:LineNo`` list) and ``<files>/NipaDataQ.txt`` (series
  code, period, value), ``https://apps.bea.gov/national/Release/TXT``; fetched once per refresh.
  Base ``RESEARCH_BEA_FILES_URL``.

Three kinds of catalog rows read a table:

- long tables (``bea_t10102_contributions`` ...): ``table,line,description,time_period,value,units``,
  ordered by line and period, values as floats (``16582710.0``); ``units`` is BEA's unit label;
- the tables 3.2 and 1.10: ``line,description,period,value`` (stored in this long form; BEA's
  interactive-table download, which the snapshot holds, is converted to it on import);
- single lines under their FRED ids (``A006RY2Q224SBEA`` = table 1.1.2 series ``A006RY``):
  FRED's ``observation_date,<ID>`` format; contributions written the shortest way (``1.00`` -> ``1``),
  chained-dollar lines (``...RX1Q020SBEA``) in billions with three decimals, as FRED shows them
  (BEA's millions divided by 1000, exactly).

Stored form of the long tables (also for imported files): without the snapshot's ``retrieved``
column, a retrieval date no BEA answer carries (the manifest records when a file was fetched).
"""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from research_lib import config
from research_lib.data.sources.base import (
    Fetcher,
    Settings,
    SourceError,
    TableKey,
    base_url,
    check_text_csv,
    csv_bytes,
    number_text,
)
from research_lib.data.sources.owid import drop_columns

API_URL_ENV = "RESEARCH_BEA_API_URL"
FILES_URL_ENV = "RESEARCH_BEA_FILES_URL"
KEY_ENV = "BEA_API_KEY"
DEFAULT_API = "https://apps.bea.gov/api/data"
DEFAULT_FILES = "https://apps.bea.gov/national/Release/TXT"
DEFAULT_SETTINGS = Settings(timeout=120.0, retries=3, backoff=2.0, min_interval=1.0)

LONG_HEADER = ["table", "line", "description", "time_period", "value", "units"]
WIDE_HEADER = ["line", "description", "period", "value"]
LONG_TABLES = {"bea_t10102_contributions": "T10102", "bea_t10106_real_gdp": "T10106",
               "bea_t50306_real_fixed_investment": "T50306"}
WIDE_TABLES = {"bea_t30200_federal_receipts": "T30200", "bea_t11000_gdi": "T11000"}
# FRED ids whose files hold one BEA table line: id -> (table, BEA series code, divisor)
LINES = {
    **{f"{code}2Q224SBEA": ("T10102", code, 1) for code in (
        "DPCERY", "DGDSRY", "DDURRY", "DNDGRY", "DSERRY", "A006RY", "A007RY", "A008RY", "A009RY", "Y033RY", "Y001RY",
        "A011RY", "A014RY", "A019RY", "A020RY", "A253RY", "A646RY", "A021RY", "A255RY", "A656RY", "A822RY", "A823RY",
        "A824RY", "A825RY", "A829RY")},
    **{f"{code}1Q020SBEA": ("T50306", code, 1000) for code in ("Y033RX", "Y034RX", "B935RX", "B985RX", "A679RX")},
}


@dataclass(frozen=True)
class Row:
    """One value of a NIPA table line."""

    table: str
    line: int
    description: str
    period: str  # 2010Q1
    value: str  # BEA's text, thousands separators removed ("" when not available)
    units: str
    series: str


def _clean_value(text) -> str:
    text = str(text or "").replace(",", "").strip()
    try:
        Decimal(text)
    except InvalidOperation:
        return ""
    return text


def _short(text: str) -> str:
    """A value the shortest way that reads back to the same float, without a trailing ``.0`` (``1.00`` -> ``1``)."""
    out = repr(float(text))
    return out[:-2] if out.endswith(".0") else out


def _quarter_start(period: str) -> str:
    year, q = period.split("Q")
    return f"{int(year):04d}-{3 * int(q) - 2:02d}-01"


def wide_to_long(data: bytes, name: str) -> bytes:
    """BEA's interactive-table CSV download -> ``line,description,period,value`` (values unchanged)."""
    from research_lib.data import formats

    frame = formats.parse_bea_wide(data, name)
    return csv_bytes(WIDE_HEADER, ([str(int(r.line)), r.description, r.period, number_text(r.value)]
                                   for r in frame.itertuples(index=False)))


def _norm(name: str) -> str:
    return name.replace("%", "").strip().lower()


class BeaFetcher(Fetcher):
    name = "bea"
    label = "BEA"
    url_envs = (API_URL_ENV, FILES_URL_ENV)
    default_settings = DEFAULT_SETTINGS

    def __init__(self, *args, api_key: str | None = None, **kw):
        super().__init__(*args, **kw)
        self._key = api_key or config.env(KEY_ENV)
        if self._key:
            self.http.secrets = (*self.http.secrets, self._key)
        self._tables: dict[str, list[Row]] = {}
        self._flat: tuple[dict, dict] | None = None

    @property
    def method(self) -> str:
        return "bea-api" if self._key else "bea-flat-files"

    @property
    def origin(self) -> str:
        if self._key:
            return f"BEA API, dataset NIPA ({base_url(API_URL_ENV, DEFAULT_API)})"
        return f"BEA flat files of the current release ({base_url(FILES_URL_ENV, DEFAULT_FILES)})"

    # ------------------------------------------------------------------ tables

    def table(self, table: str) -> list[Row]:
        """Every quarterly value of a NIPA table (cached for the refresh)."""
        if table not in self._tables:
            rows = self._api_table(table) if self._key else self._flat_table(table)
            if not rows:
                raise SourceError(f"BEA returned no quarterly values for table {table}: check the table name")
            self._tables[table] = rows
        return self._tables[table]

    def _api_table(self, table: str) -> list[Row]:
        params = {"UserID": self._key, "method": "GetData", "datasetname": "NIPA", "TableName": table,
                  "Frequency": "Q", "Year": "X", "ResultFormat": "JSON"}
        answer = self.http.get(base_url(API_URL_ENV, DEFAULT_API), params=params, what=f"table {table}")
        try:
            payload = json.loads(answer.content)
            results = payload["BEAAPI"].get("Results", payload["BEAAPI"])
        except (ValueError, KeyError, TypeError, AttributeError):
            raise SourceError(f"BEA sent a malformed answer for table {table}: try again later") from None
        if isinstance(results, list):
            results = results[0] if results else {}
        error = results.get("Error") or payload["BEAAPI"].get("Error")
        if error:
            detail = error.get("APIErrorDescription", "") if isinstance(error, dict) else str(error)
            raise SourceError(self.http.mask(f"BEA refused table {table} ({detail}): check BEA_API_KEY and the table name"))
        rows = []
        for item in results.get("Data") or []:
            try:
                rows.append(Row(item.get("TableName", table), int(item["LineNumber"]), str(item.get("LineDescription", "")).strip(),
                                item["TimePeriod"], _clean_value(item.get("DataValue")), str(item.get("CL_UNIT", "")),
                                str(item.get("SeriesCode", ""))))
            except (KeyError, ValueError, TypeError):
                raise SourceError(f"BEA sent a malformed row for table {table}: try again later") from None
        return [r for r in rows if "Q" in r.period]

    def _flat_files(self) -> tuple[dict, dict]:
        if self._flat is None:
            base = base_url(FILES_URL_ENV, DEFAULT_FILES)
            register = self.http.get(f"{base}/SeriesRegister.txt", what="the series register (SeriesRegister.txt)")
            data = self.http.get(f"{base}/NipaDataQ.txt", what="the quarterly flat file (NipaDataQ.txt)")
            series: dict[str, dict] = {}
            for rec in csv.DictReader(io.StringIO(check_text_csv(register.content, "BEA SeriesRegister.txt"))):
                rec = {_norm(k): (v or "").strip() for k, v in rec.items() if k}
                if rec.get("seriescode"):
                    series[rec["seriescode"]] = rec
            values: dict[str, dict[str, str]] = {}
            for rec in csv.DictReader(io.StringIO(check_text_csv(data.content, "BEA NipaDataQ.txt"))):
                rec = {_norm(k): (v or "").strip() for k, v in rec.items() if k}
                if rec.get("seriescode") and rec.get("period"):
                    values.setdefault(rec["seriescode"], {})[rec["period"]] = _clean_value(rec.get("value"))
            if not series or not values:
                raise SourceError("BEA's flat files have no series: the file layout may have changed")
            self._flat = (series, values)
        return self._flat

    def _flat_table(self, table: str) -> list[Row]:
        series, values = self._flat_files()
        rows = []
        for code, rec in series.items():
            for place in (rec.get("tableid:lineno") or "").split("|"):
                tid, _, line = place.strip().partition(":")
                if tid != table or not line.strip().isdigit():
                    continue
                for period, value in sorted(values.get(code, {}).items()):
                    rows.append(Row(table, int(line), rec.get("serieslabel", ""), period, value,
                                    rec.get("calculationtype", ""), code))
        return rows

    # ------------------------------------------------------------------ catalog rows

    def fetch(self, entry) -> bytes:
        if entry.id in LONG_TABLES:
            rows = sorted((r for r in self.table(LONG_TABLES[entry.id]) if r.value),
                          key=lambda r: (r.line, r.period))
            return csv_bytes(LONG_HEADER, ([r.table, str(r.line), r.description, r.period, repr(float(r.value)), r.units]
                                           for r in rows))
        if entry.id in WIDE_TABLES:
            rows = sorted(self.table(WIDE_TABLES[entry.id]), key=lambda r: (r.line, r.period))
            return csv_bytes(WIDE_HEADER, ([str(r.line), r.description, r.period, number_text(r.value) if r.value else ""]
                                           for r in rows))
        if entry.id in LINES:
            table, code, divisor = LINES[entry.id]
            rows = sorted({r.period: r for r in self.table(table) if r.series == code}.values(), key=lambda r: r.period)
            if not rows:
                raise SourceError(f"BEA table {table} has no series {code} for '{entry.id}': the line may have been renamed")
            out = []
            for r in rows:
                value = r.value
                if value and divisor != 1:
                    value = format(Decimal(value) / divisor, f".{len(str(divisor)) - 1}f")
                elif value:
                    value = _short(value)
                out.append((_quarter_start(r.period), value))
            body = "".join(f"{d},{v}\n" for d, v in out)
            return f"observation_date,{entry.id}\n{body}".encode()
        raise SourceError(f"no BEA table for '{entry.id}': add it to research_lib/data/sources/bea.py")

    @classmethod
    def canonical(cls, entry, data: bytes) -> bytes:
        """Long tables without the retrieval-date column, tables 3.2 and 1.10 in long form (values unchanged)."""
        if entry.id in LONG_TABLES:
            return drop_columns(data, {"retrieved"})
        if entry.id in WIDE_TABLES and data.lstrip()[:5] != b"line,":
            return wide_to_long(data, entry.path)
        return data

    @classmethod
    def table_key(cls, entry) -> TableKey | None:
        if entry.id in LONG_TABLES:
            return TableKey(("table", "line", "time_period"), sort=lambda r: (int(r["line"]), r["time_period"]))
        if entry.id in WIDE_TABLES:
            return TableKey(("line", "period"), sort=lambda r: (int(r["line"]), r["period"]))
        return None


__all__ = ["BeaFetcher", "LINES", "LONG_TABLES", "WIDE_TABLES", "wide_to_long"]
