"""The scorecard: every claim with its current verdict, behind ``research scorecard``.

Claims come from the registry (:mod:`research_lib.claims.registry`) and verdicts from the records
in ``reports/claims/<ID>.json``. :func:`build` writes ``reports/scorecard.csv``,
``reports/scorecard.md`` and the table between the README markers ``<!-- scorecard:start -->`` and
``<!-- scorecard:end -->``. A claim without a record is listed as "not yet tested"; every claim
appears exactly once. The README is never rewritten from an incomplete set of records: a claim it
shows with a verdict must still have a record (a records folder redirected to an empty one, or a
partial run, would otherwise wipe the table).
"""
from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from research_lib import config
from research_lib._io import atomic_write
from research_lib.claims.record import essay_text, read_records, robustness_text
from research_lib.claims.registry import NOT_TESTED, VERDICTS, claims
from research_lib.errors import ResearchError

START, END = "<!-- scorecard:start -->", "<!-- scorecard:end -->"
VERDICT_ORDER = VERDICTS + (NOT_TESTED,)
COLUMNS = ["id", "group", "claim", "kind", "essay", "essay_date", "verdict", "verdict_essay", "provisional",
           "robustness_agree", "robustness_of", "protocol", "data_as_of", "data_as_of_label", "binding_input",
           "headline", "notebook", "section", "generated_at"]


def paths(repo_root: str | Path | None = None) -> dict[str, Path]:
    """Where the inputs and outputs live for ``repo_root`` (default: this repository + env overrides)."""
    if repo_root is None or Path(repo_root).resolve() == config.REPO_ROOT:
        root, reports = config.REPO_ROOT, config.reports_dir()
    else:
        root = Path(repo_root)
        reports = root / "reports"
    return {"root": root, "reports": reports, "records": reports / "claims", "readme": root / "README.md"}


def collect(repo_root: str | Path | None = None) -> list[dict]:
    """One row per claim (registry order, then any recorded id not in it), columns :data:`COLUMNS`."""
    known = claims()
    records = read_records(paths(repo_root)["records"])
    rows = []
    for cid in list(known) + [i for i in records if i not in known]:
        c, r = known.get(cid), records.get(cid, {})
        rob = r.get("robustness") or {}
        rows.append({
            "id": cid,
            "group": c.group if c else "",
            "claim": c.text if c else "",
            "kind": c.kind if c else r.get("kind", ""),
            "essay": " ".join(c.essays) if c else "",
            "essay_date": str(c.essay.central) if c else "",
            "verdict": r.get("verdict", NOT_TESTED),
            "verdict_essay": essay_text(r) if r else "",
            "provisional": bool(r.get("provisional")) if r else "",
            "robustness_agree": rob.get("agree", "") if r.get("protocol") else "",
            "robustness_of": rob.get("of", "") if r.get("protocol") else "",
            "protocol": r.get("protocol", 0) if r else "",
            "data_as_of": r.get("data_as_of", ""),
            "data_as_of_label": r.get("data_as_of_label") or r.get("data_as_of", ""),
            "binding_input": r.get("binding_input", ""),
            "headline": r.get("headline", ""),
            "notebook": r.get("notebook") or (c.notebook if c else ""),
            "section": r.get("anchor") or r.get("section") or (cid if r else ""),
            "generated_at": r.get("generated_at", ""),
            "_record": r,
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
    lines = ["| Claim | Statement | Kind | Verdict today | At the essay date | Robustness | Data as of | Essay | Headline evidence | Notebook |",
             "|---|---|---|---|---|---|---|---|---|---|"]
    for r in rows:
        nb = r["notebook"]
        link = f"[{nb}]({link_prefix}{nb}.ipynb#{r['id']})" if nb else ""
        tested = r["verdict"] != NOT_TESTED
        verdict = f"**{r['verdict']}**" if tested else f"_{NOT_TESTED}_"
        if r.get("provisional") is True:
            verdict += " (provisional)"
        robustness = robustness_text(r["_record"]) if tested else ""
        essay = f"{r['essay']} ({r['essay_date']})" if r["essay"] else ""
        lines.append("| " + " | ".join([r["id"], _cell(r["claim"]), r["kind"], verdict, _cell(r["verdict_essay"]),
                                        robustness, r["data_as_of_label"], essay, _cell(r["headline"]), link]) + " |")
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
    p = paths(repo_root)
    rows = collect(repo_root)
    p["reports"].mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n", extrasaction="ignore")
    writer.writeheader()
    writer.writerows(rows)
    atomic_write(p["reports"] / "scorecard.csv", buf.getvalue())
    md = p["reports"] / "scorecard.md"
    atomic_write(md, "# Scorecard\n\nEvery claim under test with its current verdict "
                 "(generated by `research scorecard`).\n\n" + markdown_table(rows, "../notebooks/"))
    if not p["readme"].exists():
        raise ResearchError(f"{p['readme']} not found: create it with the scorecard markers {START} / {END}")
    try:
        readme = p["readme"].read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ResearchError(f"cannot read {p['readme']} ({getattr(exc, 'strerror', None) or 'not UTF-8 text'}): "
                            "restore it (git checkout README.md)") from None
    lost = [r["id"] for r in rows if r["verdict"] == NOT_TESTED and r["id"] in tested_in(readme)]
    if lost:
        shown = ", ".join(lost[:6]) + (f" and {len(lost) - 6} more" if len(lost) > 6 else "")
        raise ResearchError(f"README.md not updated: the records in {p['records']} lack {len(lost)} claim(s) that README shows "
                            f"with a verdict ({shown}), and it is never rewritten from an incomplete set; run their notebooks "
                            "(`research run`) or point RESEARCH_REPORTS_DIR at the complete records "
                            f"({p['reports'] / 'scorecard.md'} was written)")
    new = replace_block(readme, markdown_table(rows))
    if new != readme:
        atomic_write(p["readme"], new)
    return md


def tested_in(readme: str) -> set[str]:
    """Ids of the claims the README's scorecard block shows with a verdict (not "not yet tested")."""
    start, end = readme.find(START), readme.find(END)
    if start < 0 or end < start:
        return set()
    ids, verdict_col = set(), None
    for line in readme[start:end].splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split(" | ")]
        if verdict_col is None and "Verdict today" in cells:
            verdict_col = cells.index("Verdict today")
        elif verdict_col is not None and len(cells) > verdict_col and re.fullmatch(r"[A-Z]+[0-9]+", cells[0]) \
                and cells[verdict_col].startswith("**"):
            ids.add(cells[0])
    return ids
