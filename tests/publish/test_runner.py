"""research run: executes paired notebooks in place, skips unchanged ones, survives failures."""
from __future__ import annotations

import nbformat
import pytest

from research_lib.errors import ResearchError
from research_lib.publish import runner

GOOD = '''\
# %% [markdown]
# # Alpha

# %%
from research_lib.publish.provenance import stamp; stamp()

# %%
import json, os
with open(os.environ["RESEARCH_LOAD_LOG"], "a") as fh:
    fh.write(json.dumps({"id": "GDP", "sha256": "aaa", "as_of": "2025-10-01"}) + "\\n")
    fh.write(json.dumps({"id": "WALCL", "sha256": "bbb", "as_of": "2026-01-07"}) + "\\n")
print(os.getcwd())
'''

BAD = '''\
# %%
from research_lib.publish.provenance import stamp; stamp()

# %%
x = 1

# %%
values = {}
y = values["missing"]
'''


@pytest.fixture
def repo(tmp_path, monkeypatch):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "research_lib").mkdir()
    (tmp_path / "research_lib" / "helper.py").write_text("X = 1\n")
    (tmp_path / "notebooks" / "01_alpha.py").write_text(GOOD)
    (tmp_path / "notebooks" / "02_broken.py").write_text(BAD)
    monkeypatch.setattr(runner, "store_checksums", lambda: {"GDP": "aaa", "WALCL": "bbb"})
    return tmp_path


def test_run_executes_in_place_and_reports_the_failing_cell(repo, capsys):
    previous = nbformat.v4.new_notebook(metadata={"marker": "previous"})
    nbformat.write(previous, repo / "notebooks" / "02_broken.ipynb")

    summary = runner.run(None, jobs=2, force=False, repo_root=repo, publish=False)

    assert summary.ran == ["01_alpha"] and summary.up_to_date == []
    [fail] = summary.failed
    assert (fail.notebook, fail.cell_index, fail.first_line) == ("02_broken", 2, "values = {}")
    assert fail.error.startswith("KeyError")
    err = capsys.readouterr().err
    assert "01_alpha ... ran in" in err and "ran 1, up to date 0, failed 1" in err
    assert "02_broken" in err and "KeyError" in err
    # the failing notebook keeps its previous file, no temp files are left behind
    assert nbformat.read(repo / "notebooks" / "02_broken.ipynb", 4).metadata["marker"] == "previous"
    assert sorted(p.name for p in (repo / "notebooks").iterdir()) == [
        "01_alpha.ipynb", "01_alpha.py", "02_broken.ipynb", "02_broken.py"]

    nb = nbformat.read(repo / "notebooks" / "01_alpha.ipynb", 4)
    meta = nb.metadata["research"]
    assert meta["data_as_of"] == "2026-01-07"
    assert meta["inputs"]["data"] == {"GDP": "aaa", "WALCL": "bbb"}
    assert meta["runtime_s"] >= 0 and meta["executed_at"].endswith("Z") and meta["code_version"]
    codes = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in codes] == [1, 2]
    stamp_html = codes[0].outputs[0]["data"]["text/html"]
    assert "2026-01-07" in stamp_html and "Runtime" in stamp_html
    assert codes[1].outputs[0]["text"].strip() == str(repo / "notebooks")  # cwd = notebooks/


def test_unchanged_inputs_are_skipped_and_each_input_triggers_a_rerun(repo, monkeypatch):
    nb_py = repo / "notebooks" / "01_alpha.py"
    assert runner.run(["01"], jobs=1, force=False, repo_root=repo, publish=False).ran == ["01_alpha"]
    assert runner.run(["01_alpha"], jobs=1, force=False, repo_root=repo, publish=False).up_to_date == ["01_alpha"]
    lib_hash = runner.library_hash(repo)

    assert runner.is_up_to_date(nb_py, lib_hash, {"GDP": "aaa", "WALCL": "bbb", "OTHER": "x"})
    assert not runner.is_up_to_date(nb_py, lib_hash, {"GDP": "aaa", "WALCL": "changed"})
    assert not runner.is_up_to_date(nb_py, lib_hash, {"GDP": "aaa"})  # series gone from the store
    (repo / "research_lib" / "helper.py").write_text("X = 2\n")
    assert not runner.is_up_to_date(nb_py, runner.library_hash(repo), {"GDP": "aaa", "WALCL": "bbb"})
    (repo / "research_lib" / "helper.py").write_text("X = 1\n")
    assert runner.library_hash(repo) == lib_hash
    nb_py.write_text(GOOD + "\n# %%\n1 + 1\n")
    assert not runner.is_up_to_date(nb_py, lib_hash, {"GDP": "aaa", "WALCL": "bbb"})

    summary = runner.run(["01_alpha"], jobs=1, force=False, repo_root=repo, publish=False)
    assert summary.ran == ["01_alpha"]
    summary = runner.run(["01_alpha"], jobs=1, force=True, repo_root=repo, publish=False)
    assert summary.ran == ["01_alpha"]


def test_unknown_notebook_is_a_one_line_error(repo):
    with pytest.raises(ResearchError, match="no notebook matches '07'"):
        runner.run(["07"], repo_root=repo, publish=False)


def test_library_hash_covers_py_csv_and_templates(tmp_path):
    lib = tmp_path / "research_lib"
    (lib / "templates").mkdir(parents=True)
    (lib / "__pycache__").mkdir()
    base = runner.library_hash(tmp_path)
    for rel in ("a.py", "claims.csv", "templates/notebook.py"):
        (lib / rel).write_text("x")
        assert runner.library_hash(tmp_path) != base
        base = runner.library_hash(tmp_path)
    (lib / "__pycache__" / "a.pyc").write_text("x")
    (lib / "notes.txt").write_text("x")
    (lib / "studies").mkdir()
    (lib / "studies" / "flows.py").write_text("x")  # tracked per notebook, not in the shared hash
    (lib / "data").mkdir()
    (lib / "data" / "catalog.csv").write_text("x")  # tracked per row, not in the shared hash
    (lib / "publish" / "site").mkdir(parents=True)
    (lib / "publish" / "site" / "conf.py").write_text("x")  # renders after the run: never re-runs a notebook
    assert runner.library_hash(tmp_path) == base


STUDY_NB = '''\
# %%
from research_lib.publish.provenance import stamp; stamp()

# %%
import json, os
from research_lib.studies import {module} as study  # noqa: F401 (the import is what counts)
with open(os.environ["RESEARCH_LOAD_LOG"], "a") as fh:
    fh.write(json.dumps({{"id": "{series}", "sha256": "s-{series}", "as_of": "2026-01-07",
                         "catalog": "row-{series}"}}) + "\\n")
'''


def test_staleness_follows_what_each_notebook_depends_on(tmp_path, monkeypatch):
    """Editing one study module re-runs only the notebook that imports it; a changed catalog row
    re-runs only the notebooks that read that series; a new catalog row re-runs nothing."""
    (tmp_path / "notebooks").mkdir()
    studies = tmp_path / "research_lib" / "studies"
    studies.mkdir(parents=True)
    for module in ("k_shape", "flows"):
        (studies / f"{module}.py").write_text("X = 1\n")
    (tmp_path / "notebooks" / "01_k.py").write_text(STUDY_NB.format(module="k_shape", series="NAPM"))
    (tmp_path / "notebooks" / "04_f.py").write_text(STUDY_NB.format(module="flows", series="VIXCLS"))
    monkeypatch.syspath_prepend(str(tmp_path))  # the kernels import these study modules
    monkeypatch.setenv("PYTHONPATH", str(tmp_path))
    rows = {"NAPM": "row-NAPM", "VIXCLS": "row-VIXCLS"}
    monkeypatch.setattr(runner, "store_checksums", lambda: {"NAPM": "s-NAPM", "VIXCLS": "s-VIXCLS"})
    monkeypatch.setattr(runner, "catalog_digests", lambda: rows)
    assert sorted(runner.run(None, jobs=2, repo_root=tmp_path, publish=False).ran) == ["01_k", "04_f"]
    assert runner.run(None, jobs=2, repo_root=tmp_path, publish=False).ran == []

    (studies / "flows.py").write_text("X = 2\n")
    assert runner.run(None, jobs=2, repo_root=tmp_path, publish=False).ran == ["04_f"]

    rows["NEW_SERIES"] = "row-NEW"  # a catalog row no notebook reads
    assert runner.run(None, jobs=2, repo_root=tmp_path, publish=False).ran == []
    rows["NAPM"] = "row-NAPM-edited"
    assert runner.run(None, jobs=2, repo_root=tmp_path, publish=False).ran == ["01_k"]
    assert runner.study_modules(tmp_path / "notebooks" / "01_k.py") == ["k_shape"]


def test_publish_builds_site_and_scorecard(repo, capsys):
    (repo / "README.md").write_text("# X\n<!-- scorecard:start -->\n<!-- scorecard:end -->\n")
    summary = runner.run(["01"], jobs=2, repo_root=repo, publish=True)
    assert summary.ran == ["01_alpha"]
    site = repo / "reports" / "site"
    assert (site / "index.html").is_file() and (site / "notebooks" / "01_alpha.html").is_file()
    assert "| K1 | ISM manufacturing has stayed under 50" in (repo / "README.md").read_text()
    assert "_not yet tested_" in (repo / "README.md").read_text()
    (repo / "README.md").write_text("# no markers\n")
    runner.run(["01"], jobs=1, repo_root=repo, publish=True)
    assert "scorecard: not built: README.md lacks the scorecard markers" in capsys.readouterr().err


def test_kernel_death_is_reported_with_its_cell(tmp_path):
    (tmp_path / "notebooks").mkdir()
    py = tmp_path / "notebooks" / "01_dies.py"
    py.write_text("# %%\nx = 1\n\n# %%\nimport os\nos._exit(3)\n")
    result = runner.execute_notebook(py, repo_root=tmp_path)
    assert not result["ok"] and not py.with_suffix(".ipynb").exists()
    fail = runner.Failure(**result["failure"])
    assert fail.cell_index == 1 and fail.first_line == "import os" and "DeadKernelError" in fail.error


def test_provenance_block_and_code_version(tmp_path, capsys):
    from research_lib.publish import provenance

    assert provenance.code_version(tmp_path).startswith("research-lib ")  # not a git checkout
    assert provenance.code_version()  # this repository: git describe, maybe +dirty
    bundle = provenance.render({"code_version": "abc1234+dirty", "data_as_of": "2026-01-07",
                                "executed_at": "2026-01-08T00:00:00Z", "runtime_s": 41.6})
    assert "abc1234+dirty" in bundle["text/html"] and "42 s" in bundle["text/plain"]
    assert "2026-01-07" in bundle["text/plain"]
    provenance.stamp()  # outside IPython: printed, unknown values marked as pending
    out = capsys.readouterr().out
    assert out.startswith("Provenance: Code version:") and provenance.PENDING in out
