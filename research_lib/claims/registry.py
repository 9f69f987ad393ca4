"""The claims under test, their parts, the essays and the verdict vocabulary: the only copy.

Everything comes from three small CSV files beside this module, transcribed from the project's
claims list (``claims.md``): ``claims.csv`` (id, group, notebook, kind, essays, one-line claim),
``parts.csv`` (the parts of compound claims, each with its own kind) and ``essays.csv`` (each
essay's central date and date window).
"""
from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from research_lib.errors import ResearchError

HERE = Path(__file__).resolve().parent
CLAIMS_PATH, PARTS_PATH, ESSAYS_PATH = HERE / "claims.csv", HERE / "parts.csv", HERE / "essays.csv"

#: The five verdicts, in the order the scorecard counts them.
VERDICTS = ("supported", "not supported", "inconclusive", "mixed", "untestable")
NOT_TESTED = "not yet tested"
KINDS = ("fact", "mechanism", "forecast", "conditional")
#: Verdict thresholds on the share of declared variants that agree with the baseline (claims.md:
#: "supported ... holds in at least 80% of the declared robustness variants"; "not supported ...
#: holds in at most 20%").
SUPPORT_SHARE = 0.8
REJECT_SHARE = 0.2


@dataclass(frozen=True)
class Essay:
    id: str
    author: str
    title: str
    central: dt.date
    window: tuple[dt.date, dt.date]
    dated_by: str


@dataclass(frozen=True)
class PartInfo:
    claim: str
    part: str
    kind: str
    text: str

    @property
    def id(self) -> str:
        """``K8a`` for part a of K8."""
        return f"{self.claim}{self.part}"


@dataclass(frozen=True)
class ClaimInfo:
    id: str
    group: str
    notebook: str
    kinds: tuple[str, ...]
    essays: tuple[str, ...]
    text: str
    parts: tuple[PartInfo, ...]

    @property
    def kind(self) -> str:
        """``"fact"``, ``"fact, mechanism"``, or ``"compound"`` for a claim split into parts."""
        return "compound" if self.parts else ", ".join(self.kinds)

    @property
    def essay(self) -> Essay:
        """The essay that first makes the claim (its central date anchors the essay-date window)."""
        return essays()[self.essays[0]]

    def part(self, name: str) -> PartInfo:
        for p in self.parts:
            if p.part == name:
                return p
        raise ResearchError(f"{self.id} has no part {name!r}: its parts are "
                            f"{', '.join(p.part for p in self.parts) or 'none'}")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as fh:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(fh)]


@lru_cache(maxsize=1)
def essays() -> dict[str, Essay]:
    """Essay id -> :class:`Essay`."""
    day = dt.date.fromisoformat
    return {r["id"]: Essay(r["id"], r["author"], r["title"], day(r["central"]),
                           (day(r["window_start"]), day(r["window_end"])), r["dated_by"])
            for r in _rows(ESSAYS_PATH)}


@lru_cache(maxsize=1)
def claims() -> dict[str, ClaimInfo]:
    """Claim id -> :class:`ClaimInfo`, in the order of ``claims.csv``."""
    parts: dict[str, list[PartInfo]] = {}
    for r in _rows(PARTS_PATH):
        parts.setdefault(r["claim"], []).append(PartInfo(r["claim"], r["part"], r["kind"], r["text"]))
    out = {}
    for r in _rows(CLAIMS_PATH):
        kinds = () if r["kind"] == "compound" else tuple(k.strip() for k in r["kind"].split(","))
        out[r["id"]] = ClaimInfo(r["id"], r["group"], r["notebook"], kinds, tuple(r["essays"].split()),
                             r["claim"], tuple(parts.get(r["id"], [])))
    return out


def claim(claim_id: str) -> ClaimInfo:
    """One claim; an unknown id is a one-line error."""
    try:
        return claims()[claim_id]
    except KeyError:
        raise ResearchError(f"unknown claim id {claim_id!r}: use an id from research_lib/claims/claims.csv") from None
