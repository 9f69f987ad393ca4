"""research new: a paired notebook from the template, with the claim-section structure."""
from __future__ import annotations

import json

import jupytext
import nbformat
import pytest

from research_lib.errors import ResearchError
from research_lib.publish import runner, scaffold


def _cells(nb):
    return [(c.cell_type, c.source) for c in nb.cells]


def test_new_creates_a_paired_notebook_with_the_structure(tmp_path):
    py = scaffold.new("05_credit_spreads", "Credit spreads and equities", repo_root=tmp_path)
    assert py == tmp_path / "notebooks" / "05_credit_spreads.py"
    ipynb = py.with_suffix(".ipynb")
    assert _cells(nbformat.read(ipynb, 4)) == _cells(jupytext.read(py))  # paired, in sync

    text = py.read_text()
    assert "formats: ipynb,py:percent" in text
    nb = jupytext.read(py)
    first_code = next(c for c in nb.cells if c.cell_type == "code")
    assert "from research_lib.publish.provenance import stamp" in first_code.source and "stamp()" in first_code.source
    assert "# 05 — Credit spreads and equities" in text and 'nb = Notebook("05_credit_spreads")' in text
    order = ["nb = Notebook(", "**Claim, in our words.**", "**Operational hypothesis.**", "**Data.**",
             "**Declared test.**", "claim.declare(", "variants={", "rule=Rule.", "test.run(", "rplt.timeseries(",
             "claim.record(", "## What would change these verdicts", "nb.summary()"]
    positions = [text.index(s) for s in order]
    assert positions == sorted(positions)
    assert "TODO_CLAIM_ID" in text and "$" not in text.replace("$slug", "")  # placeholders filled
    assert all(c.outputs == [] for c in nbformat.read(ipynb, 4).cells if c.cell_type == "code")


@pytest.mark.parametrize("slug", ["5_x", "05-credit", "05_Credit", "credit", "05_", "", "05_a b", "../05_x"])
def test_bad_slug_is_refused(tmp_path, slug):
    with pytest.raises(ResearchError, match="bad notebook name"):
        scaffold.new(slug, "Title", repo_root=tmp_path)
    assert not (tmp_path / "notebooks").exists() or not any((tmp_path / "notebooks").iterdir())


def test_existing_name_or_number_is_refused(tmp_path):
    scaffold.new("05_credit", "Credit", repo_root=tmp_path)
    before = (tmp_path / "notebooks" / "05_credit.py").read_text()
    for slug in ("05_credit", "05_other"):
        with pytest.raises(ResearchError, match="05 is taken") as err:
            scaffold.new(slug, "Again", repo_root=tmp_path)
        assert "\n" not in str(err.value)
    assert (tmp_path / "notebooks" / "05_credit.py").read_text() == before
    with pytest.raises(ResearchError, match="title"):
        scaffold.new("06_x", "  ", repo_root=tmp_path)


def test_filled_in_template_executes_and_records_its_claim(tmp_path, monkeypatch, full_store):
    """With its placeholders replaced by real ids, the scaffold runs against a store of the real data."""
    monkeypatch.setenv("RESEARCH_DATA_DIR", str(full_store.store.root))
    py = scaffold.new("05_try", "Industrial production and yields", repo_root=tmp_path)
    py.write_text(py.read_text().replace('"TODO_CLAIM_ID"', '"K2"')
                  .replace("TODO_Y_SERIES", "INDPRO").replace("TODO_X_SERIES", "DGS10")
                  .replace('headline=f"TODO: ', 'headline=f"'))
    assert len([line for line in py.read_text().splitlines() if line.strip() and not line.startswith("#")]) < 60
    result = runner.execute_notebook(py, repo_root=runner.default_root())
    assert result["ok"], result["failure"]
    nb = nbformat.read(py.with_suffix(".ipynb"), 4)
    assert {"INDPRO", "DGS10"} <= set(nb.metadata["research"]["inputs"]["data"])
    assert any("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs)
    record = json.loads((tmp_path / "reports" / "claims" / "K2.json").read_text())
    assert record["notebook"] == "05_try" and record["protocol"] == 1
    assert record["verdict"] in {"supported", "not supported", "inconclusive"}
    assert record["robustness"]["of"] == 5 and record["parts"][0]["tests"][0]["windows"]["today"]["specs"]
