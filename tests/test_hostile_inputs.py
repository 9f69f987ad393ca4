"""Hostile input at the command line: every user error is one bounded line, nothing on disk is lost.

The fault table: each fault class and the tests that cover it (F = data/test_formats.py,
S = data/test_store_faults.py, T = data/test_store.py, H = this file, M = test_fresh_machine.py).
Every class has tests that fail on the code before the fix.

| fault class                                    | tests                                                        |
|------------------------------------------------|--------------------------------------------------------------|
| file cut mid-row: import                       | F test_file_cut_*, test_every_format_refuses_a_cut_file;     |
|                                                | S test_snapshot_file_cut_mid_row_keeps_the_stored_version    |
| file cut mid-row: keyless download, any source | S test_cut_keyless_download_*, test_cut_file_handed_to_*     |
| rows with missing or extra fields              | F test_yahoo_row_with_missing_fields_*, test_row_with_extra_*|
|                                                | F test_bea_row_cut_short_is_refused; H test_bad_snapshot_files|
| inf / 1e400 values                             | F test_non_finite_values_*, test_non_finite_value_in_a_table_*|
| wrong series in a file (column name)           | F test_value_column_must_be_named_*; S test_wrong_series_*   |
| dates outside the store's range (wrap-around)  | F test_dates_outside_*; S test_out_of_range_dates_*          |
| two writers at once                            | S test_two_concurrent_imports_* (same and disjoint series),  |
|                                                | S test_second_writer_*, test_another_store_object_*          |
| readers during imports                         | S test_readers_during_imports_*, test_readers_in_another_*,  |
|                                                | S test_stale_block_*, test_raw_parse_gives_exactly_*         |
| flipped cache byte, mtime restored             | S test_flipped_cache_byte_*, test_flipped_date_byte_*,       |
|                                                | S test_status_names_a_damaged_cache; T test_corrupt_cache_*  |
| kill between raw file and manifest             | S test_a_kill_at_any_step_*, test_a_journal_*                |
| Ctrl-C: consistency and what it reports        | S test_ctrl_c_between_rename_*, test_ctrl_c_during_import_*, |
|                                                | S test_ctrl_c_before_any_file_says_nothing_changed           |
| temporary files orphaned after a kill          | S test_leftover_temporary_files_*, test_a_kill_at_any_step_* |
| full disk                                      | S test_full_disk_*, test_real_full_disk_and_read_only_folder |
| read-only store, unreadable file or folder     | S test_read_only_store_*, test_unreadable_raw_file_*,        |
|                                                | S test_real_full_disk_*; H test_unreadable_snapshot_folder   |
| paths leaving the store (catalog, manifest)    | S test_catalog_path_leaving_*, test_manifest_path_leaving_*  |
| links out of a snapshot, FIFOs                 | S test_snapshot_link_to_a_secret_*, test_fifo_*;             |
|                                                | H test_snapshot_link_to_environ_never_prints_the_environment |
| damaged manifest: JSON, shape, keys, UTF-8     | S test_damaged_manifest_*, test_manifest_path_edited_*;      |
|                                                | H test_bad_store_settings                                    |
| secrets and unbounded messages                 | H test_messages_are_bounded_*, test_bad_snapshot_files;      |
|                                                | F test_messages_quote_at_most_a_short_excerpt                |
| non-UTF-8 or binary files, bad catalogs        | H test_bad_snapshot_files, test_bad_snapshot_manifest_*,     |
|                                                | H test_bad_catalogs, test_catalog_that_is_a_folder;          |
|                                                | F test_non_utf8_*, test_binary_file_is_refused               |
| RESEARCH_DATA_DIR is a file                    | S test_data_dir_that_is_a_file_*; H test_bad_store_settings  |
| empty or layout-less import folder             | H test_import_folder_without_snapshot_layout                 |
| README scorecard from incomplete records       | H test_scorecard_never_rewrites_readme_from_incomplete_*     |
| bad claim records (list, binary, null verdict) | H test_bad_claim_records_are_one_line                        |
| corrupt notebooks at the site build            | H test_corrupt_notebook_at_publish_is_one_line_each          |
| bad --jobs, bad `research new` names           | H test_bad_jobs, test_bad_notebook_names                     |
| closed pipe, usage errors, other OS errors     | H test_status_into_a_closed_pipe, test_status_piped_into_*,  |
|                                                | H test_usage_errors_*, test_os_errors_outside_the_store_*    |
| store files created 0600                       | S test_store_files_follow_the_umask_never_0600               |
| fresh machine: no Chromium, no network         | M (all)                                                      |
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import research_lib.data.store as store_mod
from research_lib import config
from research_lib.cli import main
from research_lib.data import catalog as catalog_mod
from research_lib.publish import runner, scaffold, scorecard
from tests.conftest import SMALL_ROWS, write_catalog

REPO = Path(__file__).resolve().parents[1]
KEY = "canary0123456789abcdef0123456789"
MESSAGE_LIMIT = 500  # characters: research_lib.errors.MESSAGE_LIMIT


def one_error(capsys, code: int, *needles: str) -> str:
    """The command failed with ``code`` and wrote exactly one bounded ``error:`` line, no traceback."""
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err[:2000]
    assert lines[0].startswith("error: ") and len(lines[0]) <= MESSAGE_LIMIT + 10, lines[0][:300]
    assert KEY not in out + err
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


def _reset():
    store_mod._DEFAULT.clear()
    catalog_mod.catalog.cache_clear()


@pytest.fixture
def snapshot_copy(small_snapshot, tmp_path) -> Path:
    snap = tmp_path / "snap"
    shutil.copytree(small_snapshot.dir, snap)
    return snap


# --------------------------------------------------------------------------- import folders


def test_import_folder_without_snapshot_layout(small_catalog, tmp_path, capsys, monkeypatch):
    empty = tmp_path / "empty"
    empty.mkdir()
    (tmp_path / "other_stuff").mkdir()
    (tmp_path / "other_stuff" / "notes.txt").write_text("hello")
    afile = tmp_path / "a_file.csv"
    afile.write_text("x\n")
    cases = [("", "empty"), (str(empty), "holds none of the catalog's files"),
             (str(tmp_path / "other_stuff"), "holds none of the catalog's files"), (str(afile), "does not exist")]
    for directory, needle in cases:
        assert main(["data", "import", "-q", directory]) == 2
        one_error(capsys, 2, needle)
    monkeypatch.chdir(empty)  # "" must not mean the current folder
    assert main(["data", "import", "-q", ""]) == 2
    one_error(capsys, 2)


def test_unreadable_snapshot_folder(small_catalog, snapshot_copy, monkeypatch, capsys):
    real_stat = os.stat

    def fake_stat(path, *a, **kw):
        if str(path).startswith(str(snapshot_copy / "fred")) and str(path).endswith(".csv"):
            raise PermissionError(13, "Permission denied", str(path))
        return real_stat(path, *a, **kw)

    monkeypatch.setattr(store_mod.os, "stat", fake_stat)
    assert main(["data", "import", "-q", str(snapshot_copy)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "Permission denied" in err and "fix its permissions" in err
    under_fred = sum(r[2].startswith("fred/") for r in SMALL_ROWS)  # six FRED series and one BEA table
    assert f"{under_fred} failed" in out and f"{len(SMALL_ROWS) - under_fred} ok" in out  # the others imported


BAD_FILES = {
    "non-UTF-8 BEA table": ("fred/nonfred/bea_nipa_T30200_federal_current_receipts_expenditures_2024Q1-2026Q1.csv",
                            b"Table 3.2\nLine,,2024,2024\nLine,,Q1,Q2\n1,Receipts\xe9,1,2\n"),
    "binary in a FRED file": ("fred/WALCL.csv", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    "empty file": ("fred/DGS10.csv", b""),
    "header only": ("fred/USREC.csv", b"observation_date,USREC\n"),
    "huge field": ("fred/WTREGEN.csv", b"observation_date,WTREGEN\n2020-01-01," + b"7" * 5_000_000 + b"x\n"),
    "NUL bytes": ("yahoo/BTC-USD.csv", b"Date,Open\x00,High\n"),
    "cut Yahoo row": ("yahoo/_GSPC.csv", b"Date,Open,High,Low,Close,Adj Close,Volume\n2020-01-02,1,2,0.5,1.5,1.4,100\n2020-01-03,1,2\n"),
    "inf in a series": ("other/ism_manufacturing_pmi.csv", b"date,value\n2020-01-01,inf\n"),
    "CRLF and BOM": ("fred/RRPONTSYD.csv", b"\xef\xbb\xbfobservation_date,RRPONTSYD\r\n2020-01-02,1.5\r\n"),
}


def test_bad_snapshot_files(small_store, snapshot_copy, capsys):
    before = small_store.current_checksums()
    for rel, data in BAD_FILES.values():
        (snapshot_copy / rel).write_bytes(data)
    assert main(["data", "import", "-q", str(snapshot_copy)]) == 1
    out, err = capsys.readouterr()
    assert "Traceback" not in err and len(err) < 8 * MESSAGE_LIMIT
    assert all(len(line) <= 600 for line in err.splitlines())
    assert "8 failed" in out and "1 ok" in out  # CRLF line ends and a BOM are fine
    after = small_store.current_checksums()
    assert {k: v for k, v in after.items() if before[k] != v} == {"RRPONTSYD": after["RRPONTSYD"]}
    assert small_store.verify() == []


def test_bad_snapshot_manifest_is_one_line(small_store, snapshot_copy, capsys):
    (snapshot_copy / "fred" / "MANIFEST.csv").write_bytes(b"series_id,notes\nWALCL,caf\xe9\n")
    before = small_store.manifest_path.read_bytes()
    assert main(["data", "import", "-q", str(snapshot_copy)]) == 2
    one_error(capsys, 2, "MANIFEST.csv", "not UTF-8")
    assert small_store.manifest_path.read_bytes() == before


def test_snapshot_link_to_environ_never_prints_the_environment(small_store, snapshot_copy, monkeypatch):
    (snapshot_copy / "fred/WALCL.csv").unlink()
    (snapshot_copy / "fred/WALCL.csv").symlink_to("/proc/self/environ")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RESEARCH_", "FRED_"))}
    env.update(RESEARCH_DATA_DIR=str(small_store.root), RESEARCH_CATALOG=os.environ["RESEARCH_CATALOG"], FRED_API_KEY=KEY)
    proc = subprocess.run([sys.executable, "-m", "research_lib.cli", "data", "import", "-q", str(snapshot_copy)],
                          env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert KEY not in proc.stdout + proc.stderr and "PATH=" not in proc.stderr
    assert "link to a file outside the snapshot folder" in proc.stderr


# --------------------------------------------------------------------------- settings and catalogs


def test_bad_store_settings(small_catalog, tmp_path, monkeypatch, capsys):
    afile = tmp_path / "afile"
    afile.write_text("x")
    folder_manifest = tmp_path / "store_with_folder_manifest"
    (folder_manifest / "manifest.json").mkdir(parents=True)
    for data_dir, needle in ((afile, "is a file, not a folder"), (folder_manifest, "manifest.json")):
        monkeypatch.setenv("RESEARCH_DATA_DIR", str(data_dir))
        _reset()
        for argv in (["data", "status"], ["data", "verify"]):
            assert main(argv) == 2
            one_error(capsys, 2, needle)


@pytest.mark.parametrize("content", [b"id,source\n\xff\xfe\n", b"", b"\x00\x01\x02",
                                     ("id,source,path,format,title,units,frequency,agg,notes\n" + "X" * 200_000 + ",fred\n").encode(),
                                     ("id,source,path,format,title,units,frequency,agg,notes\n\"" + "X" * 200_000 + "\",fred\n").encode()])
def test_bad_catalogs(tmp_path, monkeypatch, capsys, content):
    path = tmp_path / "catalog.csv"
    path.write_bytes(content)
    monkeypatch.setenv("RESEARCH_CATALOG", str(path))
    _reset()
    assert main(["data", "status"]) == 2
    one_error(capsys, 2, "catalog.csv")


def test_catalog_that_is_a_folder(tmp_path, monkeypatch, capsys):
    (tmp_path / "catalog.csv").mkdir()
    monkeypatch.setenv("RESEARCH_CATALOG", str(tmp_path / "catalog.csv"))
    _reset()
    assert main(["data", "status"]) == 2
    one_error(capsys, 2, "catalog")


def test_messages_are_bounded_and_mask_the_key(small_catalog, monkeypatch, capsys):
    monkeypatch.setenv("FRED_API_KEY", KEY)
    assert main(["data", "refresh", "-q", KEY]) == 2
    line = one_error(capsys, 2, "unknown series id")
    assert "***" in line
    assert main(["data", "refresh", "-q", "Z" * 100_000]) == 2
    one_error(capsys, 2, "unknown series id")
    rows = [list(r) for r in SMALL_ROWS]
    rows[1][6] = "f" * 50_000
    monkeypatch.setenv("RESEARCH_CATALOG", str(write_catalog(Path(os.environ["RESEARCH_DATA_DIR"]).parent / "c.csv", rows)))
    _reset()
    assert main(["data", "status"]) == 2
    one_error(capsys, 2, "c.csv line 3")


# --------------------------------------------------------------------------- records, scorecard, notebooks


@pytest.fixture
def repo(tmp_path, monkeypatch):
    """A copy of the repository's README and claim records, the scorecard's inputs, in a tmp folder."""
    root = tmp_path / "repo"
    (root / "reports").mkdir(parents=True)
    shutil.copyfile(REPO / "README.md", root / "README.md")
    shutil.copytree(REPO / "reports" / "claims", root / "reports" / "claims")
    monkeypatch.setattr(config, "REPO_ROOT", root)
    monkeypatch.setenv("RESEARCH_REPORTS_DIR", str(root / "reports"))
    return root


def test_scorecard_never_rewrites_readme_from_incomplete_records(repo, tmp_path, monkeypatch, capsys):
    readme = (repo / "README.md").read_bytes()
    tested = scorecard.tested_in(readme.decode())
    assert len(tested) >= 20
    empty = tmp_path / "elsewhere"
    empty.mkdir()
    monkeypatch.setenv("RESEARCH_REPORTS_DIR", str(empty))
    assert main(["scorecard"]) == 2
    one_error(capsys, 2, "README.md not updated", f"lack {len(tested)} claim(s)")
    assert (repo / "README.md").read_bytes() == readme
    assert (empty / "scorecard.md").is_file()  # the redirected output is still written
    # one record missing: still refused; all there: README rewritten (unchanged content here)
    monkeypatch.setenv("RESEARCH_REPORTS_DIR", str(repo / "reports"))
    moved = repo / "reports" / "claims" / "K1.json"
    data = moved.read_bytes()
    moved.unlink()
    assert main(["scorecard"]) == 2
    one_error(capsys, 2, "lack 1 claim(s) that README shows with a verdict (K1)")
    moved.write_bytes(data)
    assert main(["scorecard"]) == 0
    assert scorecard.tested_in((repo / "README.md").read_text()) == tested


@pytest.mark.parametrize("content", [b"[1, 2]", b"\x89\xff\x00binary", b'{"id": "K1", "verdict": null}', b'{"id": "K1"}',
                                     b"", b'"a string"', b'{"verdict": "supported", "id": "K1"'])
def test_bad_claim_records_are_one_line(repo, capsys, content):
    readme = (repo / "README.md").read_bytes()
    (repo / "reports" / "claims" / "K2.json").write_bytes(content)
    assert main(["scorecard"]) == 2
    one_error(capsys, 2, "K2.json")
    assert (repo / "README.md").read_bytes() == readme


@pytest.mark.parametrize("content", [b"", b"\xff\xfe\x00", b"[]", b"{}", b'{"cells": 5}', b'{"cells": [], "metadata": {}, "nbformat": 4'])
def test_corrupt_notebook_at_publish_is_one_line_each(repo, capsys, content):
    nb_dir = repo / "notebooks"
    nb_dir.mkdir()
    (nb_dir / "01_bad.ipynb").write_bytes(content)
    (nb_dir / "02_worse.ipynb").write_bytes(b"\x00")
    runner._publish(repo)
    err = capsys.readouterr().err
    assert "Traceback" not in err
    bad = [ln for ln in err.splitlines() if "is not a readable notebook" in ln]
    assert len(bad) == 2 and bad[0].startswith("site: 01_bad.ipynb") and "research run 01_bad --force" in bad[0]
    assert "site: not built: 2 unreadable notebook(s)" in err
    assert "scorecard: " in err


def test_bad_jobs(small_catalog, capsys):
    for value in ("0", "-3", "two", "1.5"):
        with pytest.raises(SystemExit) as exit_:
            main(["run", "--jobs", value])
        assert exit_.value.code == 2
        one_error(capsys, 2, "--jobs")
    for value in (0, -1, True, 2.5):
        with pytest.raises(Exception, match="--jobs must be") as err:
            runner.run(None, jobs=value, repo_root=REPO, publish=False)
        assert err.type.__name__ == "ResearchError"


@pytest.mark.parametrize("slug", ["05_x\n", "05_x\n06_y", "٠٥_arabic_digits", "０５_fullwidth", "05_" + "a" * 300,
                                  "05_ok/../../x", "05_x\x00", "05_ü"])
def test_bad_notebook_names(tmp_path, monkeypatch, capsys, slug):
    monkeypatch.setattr(config, "REPO_ROOT", tmp_path)
    assert main(["new", slug, "A title"]) == 2
    one_error(capsys, 2, "bad notebook name")
    assert not (tmp_path / "notebooks").exists()
    assert scaffold.new("05_fine", "Title", repo_root=tmp_path).name == "05_fine.py"
    assert main(["new", "06_long_title", "T" * 5000]) == 2
    one_error(capsys, 2, "title")


# --------------------------------------------------------------------------- the terminal


def test_status_into_a_closed_pipe(small_store):
    env = {k: v for k, v in os.environ.items()}
    env.pop("RESEARCH_CATALOG", None)  # the real catalog: several screens of output
    proc = subprocess.Popen([sys.executable, "-m", "research_lib.cli", "data", "status"], env=env, cwd=REPO,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the first line (`| head -0`)
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141
    assert err == ""


def test_status_piped_into_head(small_store):
    env = {k: v for k, v in os.environ.items()}
    env.pop("RESEARCH_CATALOG", None)
    proc = subprocess.run(["bash", "-o", "pipefail", "-c", f"{sys.executable} -m research_lib.cli data status | head -2"],
                          env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert "Traceback" not in proc.stderr and "Exception" not in proc.stderr
    assert len(proc.stdout.splitlines()) == 2


def test_usage_errors_are_one_line(capsys):
    for argv in ([], ["data"], ["data", "import"], ["fly"], ["run", "--bogus"]):
        with pytest.raises(SystemExit) as exit_:
            main(argv)
        assert exit_.value.code == 2
        one_error(capsys, 2, "--help")


def test_os_errors_outside_the_store_are_one_line(small_store, monkeypatch, capsys):
    """An error from the environment that no layer translates still ends as one line."""
    from research_lib import cli

    def broken(args):
        raise OSError(5, "Input/output error", "/dev/tty")

    monkeypatch.setattr(cli, "cmd_status", broken)
    assert main(["data", "status"]) == 2
    one_error(capsys, 2, "Input/output error", "/dev/tty")


def test_records_of_a_manifest_json_stay_when_a_command_fails(small_store, capsys):
    before = json.loads(small_store.manifest_path.read_text())
    assert main(["data", "refresh", "-q", "NOT_AN_ID"]) == 2
    one_error(capsys, 2)
    assert json.loads(small_store.manifest_path.read_text()) == before
