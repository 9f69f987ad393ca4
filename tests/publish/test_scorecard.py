"""research scorecard: csv + md + README block, every claim exactly once."""
from __future__ import annotations

import csv
import json
import re

import pytest

from research_lib.claims import registry
from research_lib.errors import ResearchError
from research_lib.publish import scorecard

README = f"""# Lab

Intro.

{scorecard.START}
old table
{scorecard.END}

## Extending
"""


@pytest.fixture
def repo(tmp_path):
    records = tmp_path / "reports" / "claims"
    records.mkdir(parents=True)
    for rec in (
        {"id": "K1", "notebook": "01_k_shape", "section": "K1", "verdict": "supported",
         "headline": "beta 0.8 (HAC p=0.01, N=120)", "evidence": {"beta": 0.8}, "tests": [],
         "data_as_of": "2026-01-07", "generated_at": "2026-01-08T00:00:00Z"},
        {"id": "L1", "notebook": "03_liquidity", "verdict": "mixed", "headline": "R² 0.05",
         "evidence": {}, "tests": [], "data_as_of": "2026-01-07", "generated_at": "2026-01-08T00:00:00Z"},
    ):
        (records / f"{rec['id']}.json").write_text(json.dumps(rec))
    (tmp_path / "README.md").write_text(README)
    return tmp_path


def test_build_writes_csv_md_and_readme_block(repo):
    md = scorecard.build(repo)
    assert md == repo / "reports" / "scorecard.md"
    with (repo / "reports" / "scorecard.csv").open() as fh:
        rows = list(csv.DictReader(fh))
    ids = [r["id"] for r in rows]
    assert ids == list(registry.claims())
    by_id = {r["id"]: r for r in rows}
    assert [by_id[i]["verdict"] for i in ("K1", "K2", "L1")] == ["supported", "not yet tested", "mixed"]
    assert by_id["L1"]["section"] == "L1"  # defaults to the claim id

    readme = (repo / "README.md").read_text()
    assert "old table" not in readme
    assert readme.startswith("# Lab\n\nIntro.\n\n") and readme.endswith(f"{scorecard.END}\n\n## Extending\n")
    block = readme.split(scorecard.START)[1].split(scorecard.END)[0]
    table_rows = [line for line in block.splitlines() if re.match(r"\| [A-Z]\d ", line)]
    assert [line.split(" | ")[0][2:] for line in table_rows] == ids  # each claim once
    assert "[01_k_shape](notebooks/01_k_shape.ipynb#K1)" in block
    assert "_not yet tested_" in block
    assert "28 claims: 1 supported, 1 mixed, 26 not yet tested." in block
    assert "(../notebooks/01_k_shape.ipynb#K1)" in md.read_text()

    scorecard.build(repo)  # idempotent
    assert (repo / "README.md").read_text() == readme


def test_missing_markers_is_a_clear_error_and_readme_is_untouched(repo):
    (repo / "README.md").write_text("# Lab\n")
    with pytest.raises(ResearchError, match="scorecard markers"):
        scorecard.build(repo)
    assert (repo / "README.md").read_text() == "# Lab\n"
    assert (repo / "reports" / "scorecard.csv").exists()


def test_record_for_an_unlisted_claim_is_still_shown_once(repo):
    (repo / "reports" / "claims" / "Z9.json").write_text(json.dumps(
        {"id": "Z9", "notebook": "09_x", "verdict": "untestable", "headline": "", "data_as_of": "2026-01-01"}))
    ids = [r["id"] for r in scorecard.collect(repo)]
    assert ids == list(registry.claims()) + ["Z9"]


def test_real_claim_list_appears_once_each():
    """Every claim of the registry is in the repository's scorecard exactly once."""
    listed = list(registry.claims())
    ids = [r["id"] for r in scorecard.collect()]
    assert len(ids) == len(set(ids))
    assert ids[: len(listed)] == listed
    expected = {f"{g}{i}" for g, n in (("K", 9), ("A", 5), ("F", 6), ("L", 7), ("C", 1)) for i in range(1, n + 1)}
    assert set(ids) == expected  # the claims under test: K1-K9, A1-A5, F1-F6, L1-L7, C1
