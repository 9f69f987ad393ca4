"""Claim records: one JSON file per claim, written through the verdict protocol and read by the
scorecard and the site.

``<records>/<ID>.json`` holds at least ``id``, ``notebook``, ``verdict``, ``headline``,
``evidence``, ``tests`` (``name``, ``statistic``, ``p_value``, ``n``), ``data_as_of`` and
``generated_at``; :mod:`research_lib.claims.protocol` writes the rest (declarations, windows,
specifications, inputs, history). Records without a ``protocol`` key predate the protocol and are
still read. Only ``research run`` writes the tracked ``reports/claims/``; a notebook run by hand
writes to a scratch folder (see :func:`records_dir`).
"""
from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
from pathlib import Path

import numpy as np
import pandas as pd

from research_lib import config
from research_lib._io import atomic_write
from research_lib.claims.registry import VERDICTS, claim, claims
from research_lib.errors import ResearchError

RUN_ENV = "RESEARCH_RUN"  # set by the runner in the kernels it starts
SCRATCH = config.REPO_ROOT / ".scratch" / "claims"
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|XXX)\b")


def records_dir() -> Path:
    """Where records are written: ``reports/claims`` under the runner (or an explicit
    ``RESEARCH_REPORTS_DIR``), else the untracked scratch folder ``.scratch/claims``. A run with
    baselines only (``RESEARCH_VARIANTS=baseline``, for benchmarks) never writes the tracked folder."""
    baseline_only = os.environ.get("RESEARCH_VARIANTS", "").strip().lower() == "baseline"
    if os.environ.get("RESEARCH_REPORTS_DIR") or (os.environ.get(RUN_ENV) and not baseline_only):
        return config.reports_dir() / "claims"
    return SCRATCH


def plain(value):
    """JSON-safe values: numpy scalars to Python, NaN/inf to None, floats to 6 significant digits."""
    if isinstance(value, np.bool_):
        return bool(value)
    if isinstance(value, np.integer):
        return int(value)
    if isinstance(value, (float, np.floating)):
        value = float(value)
        return None if not math.isfinite(value) else float(f"{value:.6g}")
    if isinstance(value, (pd.Timestamp, dt.date)):
        return str(value.date() if isinstance(value, pd.Timestamp) else value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [plain(v) for v in value]
    if isinstance(value, (bool, int, str)) or value is None:
        return value
    return str(value)


def check_text(claim_id: str, field: str, text) -> str:
    """A headline or reason: non-empty, no placeholder (TODO, TBD, ...)."""
    if not isinstance(text, str) or not text.strip():
        raise ResearchError(f"{claim_id}: the {field} is empty: write what the evidence shows")
    if PLACEHOLDER.search(text):
        raise ResearchError(f"{claim_id}: the {field} still holds a placeholder ({PLACEHOLDER.search(text).group(0)}): "
                            "replace it with the finding")
    return " ".join(text.split())


def write_record(record: dict, directory: Path | None = None) -> dict:
    """Validate and write one record (atomically); return it."""
    cid = record.get("id")
    claim(cid)  # unknown ids fail here
    if record.get("verdict") not in VERDICTS:
        raise ResearchError(f"verdict {record.get('verdict')!r} for {cid} is not one of: {', '.join(VERDICTS)}")
    check_text(cid, "headline", record.get("headline"))
    path = (directory or records_dir()) / f"{cid}.json"
    atomic_write(path, json.dumps(plain(record), indent=2, ensure_ascii=False) + "\n")
    return record


def read_record(path: Path) -> dict:
    """One record file; anything that is not a JSON object with a known verdict is a one-line error."""
    fix = f"re-run the notebook that records {path.stem} (`research run`)"
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ResearchError(f"{path} is not valid JSON: {fix}") from None
    except OSError as exc:
        raise ResearchError(f"cannot read {path} ({exc.strerror}): check its permissions") from None
    if not isinstance(record, dict):
        raise ResearchError(f"{path} is not a claim record (a JSON object): {fix}")
    if record.get("verdict") not in VERDICTS:
        raise ResearchError(f"{path} has no valid verdict ({str(record.get('verdict'))[:40]!r}): {fix}")
    record.setdefault("id", path.stem)
    return record


def read_records(directory: Path | None = None) -> dict[str, dict]:
    """Every record in ``directory`` (default: the tracked ``reports/claims``), by claim id."""
    directory = directory or config.reports_dir() / "claims"
    if not directory.is_dir():
        return {}
    records = {}
    for path in sorted(directory.glob("*.json")):
        record = read_record(path)
        records[record["id"]] = record
    return records


SUMMARY_COLUMNS = ["claim", "verdict today", "at the essay date", "robustness", "data as of", "headline"]


def robustness_text(record: dict) -> str:
    """``"5 of 7 variants agree"``; ``"not yet under the protocol"`` for older records."""
    if not record.get("protocol"):
        return "not yet under the protocol"
    rob = record.get("robustness") or {}
    return f"{rob.get('agree', 0)} of {rob.get('of', 0)} variants agree" if rob.get("of") else "no variants (untestable)"


def essay_text(record: dict) -> str:
    """The verdict at the essay date, ``"provisional"`` for an open forecast, ``"n/a"`` otherwise."""
    value = record.get("verdict_essay")
    return value if value else "n/a"


def summary_table(records: list[dict]) -> pd.DataFrame:
    """A notebook's verdict table: claim (id and one line), verdicts today and at the essay date,
    robustness, the binding as-of date and the full headline."""
    known = claims()
    rows = [{"claim": f"{r['id']}: {known[r['id']].text if r['id'] in known else ''}",
             "verdict today": r["verdict"], "at the essay date": essay_text(r), "robustness": robustness_text(r),
             "data as of": r.get("data_as_of_label") or r.get("data_as_of", ""), "headline": r["headline"]}
            for r in records]
    return pd.DataFrame(rows, columns=SUMMARY_COLUMNS).set_index("claim")
