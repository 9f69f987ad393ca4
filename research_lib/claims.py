"""The claims record: one JSON file per claim verdict, written by the notebooks.

`reports/claims/<ID>.json` = {"id", "notebook", "section", "verdict", "headline", "evidence",
"tests": [{"name", "statistic", "p_value", "n"}], "data_as_of", "generated_at"}.
Claim ids and one-line claims are listed in `research_lib/claims.csv`.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import math
import re
from functools import lru_cache
from pathlib import Path

import numpy as np
import pandas as pd

from .config import PACKAGE_DIR, reports_dir
from .errors import ResearchError
from .store import atomic_write, now_iso

VERDICTS = ("supported", "mixed", "not supported", "untestable")
CLAIMS_PATH = PACKAGE_DIR / "claims.csv"


@lru_cache(maxsize=1)
def claim_list() -> dict[str, dict]:
    """id -> {id, group, notebook, claim} from claims.csv, in file order."""
    with CLAIMS_PATH.open(newline="", encoding="utf-8") as fh:
        return {row["id"]: row for row in csv.DictReader(fh)}


def _plain(value):
    """JSON-safe numbers: numpy scalars to Python, NaN/inf to None, floats rounded to 6 significant digits."""
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return None if not math.isfinite(value) else float(f"{value:.6g}")
    if isinstance(value, (pd.Timestamp, dt.date)):
        return str(value.date() if isinstance(value, pd.Timestamp) else value)
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, (bool, int, str)) or value is None:
        return value
    return str(value)


def record_claim(
    claim_id: str,
    *,
    notebook: str,
    verdict: str,
    headline: str,
    evidence: dict,
    tests: list[dict],
    data_as_of: str,
    section: str | None = None,
) -> dict:
    """Write `reports/claims/<ID>.json` for one verdict and return the record."""
    if claim_id not in claim_list():
        raise ResearchError(f"unknown claim id {claim_id!r}: use an id from research_lib/claims.csv")
    if verdict not in VERDICTS:
        raise ResearchError(f"verdict {verdict!r} for {claim_id} is not one of: {', '.join(VERDICTS)}")
    for test in tests:
        missing = {"name", "statistic", "p_value", "n"} - set(test)
        if missing:
            raise ResearchError(f"test {test.get('name', '?')!r} for {claim_id} lacks {', '.join(sorted(missing))}")
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(data_as_of)):
            raise ValueError
        dt.date.fromisoformat(str(data_as_of))
    except ValueError:
        raise ResearchError(f"data_as_of {data_as_of!r} for {claim_id} is not a YYYY-MM-DD date") from None
    record = {
        "id": claim_id,
        "notebook": notebook,
        "section": section or claim_id,
        "verdict": verdict,
        "headline": headline,
        "evidence": _plain(evidence),
        "tests": _plain(tests),
        "data_as_of": str(data_as_of),
        "generated_at": now_iso(),
    }
    path = reports_dir() / "claims" / f"{claim_id}.json"
    atomic_write(path, (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode())
    return record


def read_records(directory: Path | None = None) -> dict[str, dict]:
    """Every claim record on disk, by id."""
    directory = directory or reports_dir() / "claims"
    records = {}
    for path in sorted(directory.glob("*.json")):
        try:
            record = json.loads(path.read_text())
        except json.JSONDecodeError:
            raise ResearchError(f"{path} is not valid JSON: re-run the notebook that records {path.stem}") from None
        records[record["id"]] = record
    return records


def summary_table(records: list[dict]) -> pd.DataFrame:
    """A notebook's verdict table: claim (id and one line), verdict, headline, data as of."""
    claims = claim_list()
    rows = [
        {
            "claim": f"{r['id']}: {claims.get(r['id'], {}).get('claim', '')}",
            "verdict": r["verdict"],
            "headline": r["headline"],
            "data as of": r["data_as_of"],
        }
        for r in records
    ]
    return pd.DataFrame(rows, columns=["claim", "verdict", "headline", "data as of"]).set_index("claim")
