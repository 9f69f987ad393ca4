"""Our World in Data's grapher CSV: US data-center construction spending (Census C30, monthly).

Census publishes private construction put in place by type (the data-center detail only in its
spreadsheets; the Census time-series API ``eits/vip`` carries the major categories). Our World in
Data republishes the monthly data-center series as a machine-readable CSV, which is where the
snapshot's values come from: ``<base>/grapher/monthly-spending-data-center-us.csv?csvType=full``
with columns ``Entity,Code,Day,<value>``. Written as
``date,spending_usd,seasonally_adjusted,source`` (US dollars, not seasonally adjusted). Base
``RESEARCH_OWID_URL``.

Stored form (also for imported files): without the snapshot's ``retrieved`` column, a retrieval
date no answer carries (the manifest records when a file was fetched).
"""
from __future__ import annotations

import csv
import io

from research_lib.data.sources.base import Fetcher, SourceError, TableKey, base_url, check_text_csv, csv_bytes

URL_ENV = "RESEARCH_OWID_URL"
DEFAULT_BASE = "https://ourworldindata.org"
CHARTS = {"census_datacenter_construction": "monthly-spending-data-center-us"}
SOURCE_LABEL = "US Census Bureau (C30 Value of Construction Put in Place) via Our World in Data"
HEADER = ["date", "spending_usd", "seasonally_adjusted", "source"]


def drop_columns(data: bytes, names: set[str]) -> bytes:
    """The CSV without the named columns (other cells unchanged); unchanged if it has none of them."""
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    if not rows or not names & set(rows[0]):
        return data
    keep = [i for i, name in enumerate(rows[0]) if name not in names]
    return csv_bytes([rows[0][i] for i in keep], ([r[i] if i < len(r) else "" for i in keep] for r in rows[1:] if r))


class OwidFetcher(Fetcher):
    name = "owid"
    label = "Our World in Data"
    url_envs = (URL_ENV,)

    @property
    def origin(self) -> str:
        return f"{self.label} grapher CSV ({base_url(URL_ENV, DEFAULT_BASE)}/grapher)"

    def fetch(self, entry) -> bytes:
        chart = CHARTS.get(entry.id)
        if chart is None:
            raise SourceError(f"no Our World in Data chart for '{entry.id}': add it to CHARTS in sources/owid.py")
        answer = self.http.get(f"{base_url(URL_ENV, DEFAULT_BASE)}/grapher/{chart}.csv", params={"csvType": "full"},
                               what=f"chart {chart!r}")
        rows = list(csv.reader(io.StringIO(check_text_csv(answer.content, f"Our World in Data chart {chart!r}"))))
        header = rows[0] if rows else []
        if header[:3] != ["Entity", "Code", "Day"] or len(header) != 4:
            raise SourceError(f"Our World in Data chart {chart!r} has columns {','.join(header)[:80]!r}, "
                              "expected Entity,Code,Day,<value>: the chart may have changed")
        out = {}
        for row in rows[1:]:
            if len(row) != 4 or row[0] != "United States":
                continue
            try:
                value = float(row[3])
            except ValueError:
                raise SourceError(f"Our World in Data chart {chart!r} has a non-number {row[3][:20]!r} on {row[2]}") from None
            out[row[2]] = [row[2], str(int(value)) if value == int(value) else repr(value), "no", SOURCE_LABEL]
        if not out:
            raise SourceError(f"Our World in Data chart {chart!r} has no United States rows: the chart may have changed")
        return csv_bytes(HEADER, [out[d] for d in sorted(out)])

    @classmethod
    def canonical(cls, entry, data: bytes) -> bytes:
        """Without the retrieval-date column (values unchanged)."""
        return drop_columns(data, {"retrieved"})

    @classmethod
    def table_key(cls, entry) -> TableKey | None:
        return TableKey(("date",))


__all__ = ["OwidFetcher", "drop_columns"]
