"""The committed notebooks: in sync with their .py, executed, stamped, and reproducible.

The last test re-executes every notebook (two at a time, in separate processes) into temporary
copies against a store holding the real data snapshot; the committed files are not touched.
"""
from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import multiprocessing

import jupytext
import nbformat
import pytest

from research_lib import config
from research_lib.publish import runner

NB_DIR = config.REPO_ROOT / "notebooks"
PY_FILES = sorted(p for p in NB_DIR.glob("[0-9][0-9]_*.py") if runner.NOTEBOOK_RE.match(p.stem))
IPYNB_FILES = sorted(NB_DIR.glob("[0-9][0-9]_*.ipynb"))
PROVENANCE_KEYS = {"code_version", "data_as_of", "executed_at", "runtime_s", "inputs"}


def _cells(nb) -> list[tuple[str, str]]:
    return [(c.cell_type, c.source.strip()) for c in nb.cells]


def test_there_are_notebooks():
    assert PY_FILES, "no notebooks/NN_*.py found"


@pytest.mark.parametrize("py", PY_FILES, ids=lambda p: p.stem)
def test_every_py_has_its_executed_ipynb(py):
    assert py.with_suffix(".ipynb").exists(), f"{py.name} has no .ipynb: run `research run {py.stem}`"


@pytest.mark.parametrize("ipynb", IPYNB_FILES, ids=lambda p: p.stem)
def test_committed_notebook_is_fresh_executed_and_stamped(ipynb):
    py = ipynb.with_suffix(".py")
    assert py.exists(), f"{ipynb.name} has no paired .py (the source of truth)"
    nb = nbformat.read(ipynb, as_version=4)
    fix = f"run `research run {ipynb.stem}`"
    assert _cells(nb) == _cells(jupytext.read(py)), f"{ipynb.name} is stale against {py.name}: {fix}"

    codes = [c for c in nb.cells if c.cell_type == "code"]
    counts = [c.execution_count for c in codes]
    assert counts == list(range(1, len(codes) + 1)), f"{ipynb.name} was not executed top to bottom: {fix}"
    errors = [(i, o.get("ename")) for i, c in enumerate(nb.cells) for o in c.get("outputs", [])
              if o.get("output_type") == "error"]
    assert not errors, f"{ipynb.name} has error outputs in cells {errors}"

    meta = nb.metadata.get("research", {})
    assert PROVENANCE_KEYS <= set(meta), f"{ipynb.name} lacks provenance metadata: {fix}"
    assert meta["inputs"]["source"] == hashlib.sha256(py.read_bytes()).hexdigest(), \
        f"{py.name} changed after {ipynb.name} was executed: {fix}"
    assert meta["data_as_of"] and meta["inputs"]["data"], f"{ipynb.name} recorded no data inputs"
    assert "stamp()" in codes[0].source, "the first code cell must be the provenance stamp"
    shown = codes[0].outputs[0]["data"]["text/plain"]
    assert meta["data_as_of"] in shown and meta["executed_at"] in shown


@pytest.fixture(scope="module")
def reexecuted(full_store, tmp_path_factory):
    """Every notebook executed again into a temp dir, two in parallel: {stem: (result, out path)}."""
    out_dir = tmp_path_factory.mktemp("notebooks")
    env = {"RESEARCH_DATA_DIR": str(full_store.store.root),
           "RESEARCH_REPORTS_DIR": str(out_dir / "reports")}
    lib_hash = runner.library_hash(config.REPO_ROOT)
    ctx = multiprocessing.get_context("spawn")
    with cf.ProcessPoolExecutor(max_workers=2, mp_context=ctx) as pool:
        futures = {py.stem: pool.submit(runner.execute_notebook, py, out_dir / f"{py.stem}.ipynb",
                                        lib_hash=lib_hash, repo_root=config.REPO_ROOT, env=env)
                   for py in PY_FILES}
        results = {stem: f.result() for stem, f in futures.items()}
    return {"results": results, "dir": out_dir}


@pytest.mark.parametrize("py", PY_FILES, ids=lambda p: p.stem)
def test_notebook_executes_against_the_real_data(py, reexecuted):
    result = reexecuted["results"][py.stem]
    assert result["ok"], f"{py.stem} failed: {runner.Failure(**result['failure'])}"
    nb = nbformat.read(reexecuted["dir"] / f"{py.stem}.ipynb", as_version=4)
    data = nb.metadata["research"]["inputs"]["data"]
    assert data, f"{py.stem} loaded no data"
    records = [json.loads(p.read_text()) for p in (reexecuted["dir"] / "reports" / "claims").glob("*.json")]
    mine = {r["id"]: r for r in records if r["notebook"] == py.stem}
    assert mine, f"{py.stem} recorded no claim"
    if runner.recorded(py).get("inputs") != nb.metadata["research"]["inputs"]:
        return  # committed run from other code or data (e.g. a live refresh): verdicts may differ
    for cid, rec in mine.items():  # same data, same code: the committed verdicts are reproduced
        committed = config.REPO_ROOT / "reports" / "claims" / f"{cid}.json"
        assert committed.exists(), f"{cid} is recorded by {py.stem} but reports/claims/{cid}.json is not committed"
        assert rec["verdict"] == json.loads(committed.read_text())["verdict"], f"{cid} verdict differs"


def test_every_claim_has_an_explicit_anchor_in_its_notebook():
    """README links `notebooks/NB.ipynb#K1` land on the claim: its heading carries `<a id="K1"></a>`."""
    from research_lib.claims.registry import claims

    for claim in claims().values():
        nb = nbformat.read(NB_DIR / f"{claim.notebook}.ipynb", as_version=4)
        headings = [c.source for c in nb.cells if c.cell_type == "markdown"
                    and f'<a id="{claim.id}"></a>' in c.source]
        assert len(headings) == 1, f"{claim.id}: expected one heading with <a id=\"{claim.id}\"></a> in {claim.notebook}"
        assert headings[0].lstrip().startswith("#"), f"{claim.id}: the anchor must sit in the section heading"


def test_every_committed_record_is_under_the_verdict_protocol():
    """Every claim has a protocol record; every test of a testable part has a baseline, at least five
    variants, the windows its kind calls for, per-input as-of dates, and an interval unless its
    statistic is declared a measured fact (interval text starting "none")."""
    from research_lib.claims.record import read_records
    from research_lib.claims.registry import claims

    records = read_records(config.REPO_ROOT / "reports" / "claims")
    assert sorted(records) == sorted(claims())
    for cid, rec in records.items():
        assert rec.get("protocol") == 1, f"{cid} is not under the verdict protocol"
        assert rec["history"] is not None and rec["essay"]["id"] in claims()[cid].essays
        for part in rec["parts"]:
            if part["untestable"]:
                assert not part["tests"]
                continue
            assert part["tests"], f"{cid}{part['part'] or ''} has neither a test nor an untestable reason"
            for test in part["tests"]:
                where = f"{cid}{part['part'] or ''}: {test['name']}"
                assert len(test["declaration"]["variants"]) >= 5, f"{where} declares fewer than five variants"
                windows = list(test["windows"])
                if "forecast" in part["kind"]:
                    assert windows == ["after the essay"], where
                elif "fact" in part["kind"]:
                    assert windows[:1] == ["essay"] and "today" in windows, where
                else:
                    assert "today" in windows, where
                for name, window in test["windows"].items():
                    assert window["inputs"] and all(i["last"] and i["label"] for i in window["inputs"].values()), where
                    base = window["specs"][0]
                    assert base["name"] == "baseline", where
                    measured = test["statistic"]["interval"].startswith("none")
                    assert measured or (base["low"] is not None and base["high"] is not None) or base["estimate"] is None, \
                        f"{where} ({name}): no interval for the baseline"
