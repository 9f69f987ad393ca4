"""The scorecard: every claim with its current verdict, behind ``research scorecard``.

Claims come from ``research_lib/claims.csv`` (id, group, notebook, claim) and verdicts from the
records the notebooks write in ``reports/claims/<ID>.json``. :func:`build` writes
``reports/scorecard.csv``, ``reports/scorecard.md`` and the table between the README markers
``<!-- scorecard:start -->`` and ``<!-- scorecard:end -->``. A claim without a record is listed
as "not yet tested"; every claim appears exactly once.
"""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from research_lib import config
from research_lib.errors import ResearchError

START, END = "<!-- scorecard:start -->", "<!-- scorecard:end -->"
NOT_TESTED = "not yet tested"
VERDICT_ORDER = ("supported", "mixed", "not supported", "untestable", NOT_TESTED)
COLUMNS = ["id", "group", "claim", "verdict", "headline", "data_as_of", "notebook", "section", "generated_at"]


def paths(repo_root: str | Path | None = None) -> dict[str, Path]:
    """Where the inputs and outputs live for ``repo_root`` (default: this repository + env overrides)."""
    if repo_root is None or Path(repo_root).resolve() == config.REPO_ROOT:
        root, reports = config.REPO_ROOT, config.reports_dir()
    else:
        root = Path(repo_root)
        reports = root / "reports"
    return {"root": root, "claims_csv": root / "research_lib" / "claims.csv", "reports": reports,
            "records": reports / "claims", "readme": root / "README.md"}


def collect(repo_root: str | Path | None = None) -> list[dict]:
    """One row per claim (claims.csv order, then any recorded id not in the list), columns :data:`COLUMNS`."""
    p = paths(repo_root)
    claims: dict[str, dict] = {}
    if p["claims_csv"].exists():
        with p["claims_csv"].open(newline="", encoding="utf-8") as fh:
            for row in csv.DictReader(fh):
                claims.setdefault(row["id"].strip(), row)
    records = {}
    for path in sorted(p["records"].glob("*.json")) if p["records"].is_dir() else []:
        try:
            rec = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError:
            raise ResearchError(f"{path} is not valid JSON: re-run the notebook that records {path.stem}") from None
        records[rec.get("id", path.stem)] = rec
    rows = []
    for cid in list(claims) + [i for i in records if i not in claims]:
        c, r = claims.get(cid, {}), records.get(cid, {})
        rows.append({
            "id": cid,
            "group": c.get("group", ""),
            "claim": c.get("claim", ""),
            "verdict": r.get("verdict", NOT_TESTED),
            "headline": r.get("headline", ""),
            "data_as_of": r.get("data_as_of", ""),
            "notebook": r.get("notebook") or c.get("notebook", ""),
            "section": r.get("section") or (cid if r else ""),
            "generated_at": r.get("generated_at", ""),
        })
    return rows


def counts_line(rows: list[dict]) -> str:
    """E.g. ``"21 claims: 5 supported, 3 mixed, 13 not yet tested."``"""
    parts = [f"{sum(r['verdict'] == v for r in rows)} {v}" for v in VERDICT_ORDER
             if any(r["verdict"] == v for r in rows)]
    return f"{len(rows)} claims: " + ", ".join(parts) + "."


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def markdown_table(rows: list[dict], link_prefix: str = "notebooks/") -> str:
    """The scorecard as a GitHub markdown table; notebook links are ``link_prefix + NB.ipynb#<claim id>``."""
    lines = ["| Claim | Statement | Verdict | Headline evidence | Data as of | Notebook |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        nb = r["notebook"]
        link = f"[{nb}]({link_prefix}{nb}.ipynb#{r['id']})" if nb else ""
        verdict = f"**{r['verdict']}**" if r["verdict"] != NOT_TESTED else f"_{NOT_TESTED}_"
        lines.append("| " + " | ".join([r["id"], _cell(r["claim"]), verdict, _cell(r["headline"]),
                                        r["data_as_of"], link]) + " |")
    return "\n".join(lines) + "\n\n" + counts_line(rows) + "\n"


def replace_block(text: str, block: str) -> str:
    """``text`` with everything between the scorecard markers replaced by ``block``."""
    start, end = text.find(START), text.find(END)
    if start < 0 or end < 0 or end < start:
        raise ResearchError(f"README.md lacks the scorecard markers: add a line `{START}` and, below it, "
                            f"a line `{END}` where the table should go")
    return text[: start + len(START)] + "\n" + block.strip() + "\n" + text[end:]


def build(repo_root: str | Path | None = None) -> Path:
    """Write ``reports/scorecard.csv``, ``reports/scorecard.md`` and the README block; return the .md path.

    The csv and md are written even when README has no markers (a :class:`ResearchError` follows).
    """
    from research_lib.runner import write_atomic

    p = paths(repo_root)
    rows = collect(repo_root)
    p["reports"].mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    write_atomic(p["reports"] / "scorecard.csv", buf.getvalue())
    md = p["reports"] / "scorecard.md"
    write_atomic(md, "# Scorecard\n\nEvery claim under test with its current verdict "
                 "(generated by `research scorecard`).\n\n" + markdown_table(rows, "../notebooks/"))
    if not p["readme"].exists():
        raise ResearchError(f"{p['readme']} not found: create it with the scorecard markers {START} / {END}")
    readme = p["readme"].read_text(encoding="utf-8")
    new = replace_block(readme, markdown_table(rows))
    if new != readme:
        write_atomic(p["readme"], new)
    return md
