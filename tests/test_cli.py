"""The `research` command line: JSON status, and one-line `error:` messages for user errors.

The console script runs in subprocesses (started together, so the module stays fast) with every
path pointing into tmp dirs.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from research_lib.cli import main
from tests.conftest import SMALL_IDS, SMALL_ROWS, write_catalog

SCRIPT = Path(sys.executable).with_name("research")


def _command() -> list[str]:
    return [str(SCRIPT)] if SCRIPT.is_file() else [sys.executable, "-m", "research_lib.cli"]


@pytest.fixture(scope="module")
def runs(_small_store_template, small_snapshot, tmp_path_factory):
    """Start every CLI case at once; each test then checks its finished process."""
    base = tmp_path_factory.mktemp("cli")
    store = base / "store"
    shutil.copytree(_small_store_template, store)
    broken_manifest = base / "broken_manifest"
    shutil.copytree(_small_store_template, broken_manifest)
    (broken_manifest / "manifest.json").write_text("{oops")
    bad_rows = [list(r) for r in SMALL_ROWS]
    bad_rows[1][6] = "fortnightly"
    bad_catalog = write_catalog(base / "bad_catalog.csv", bad_rows)

    cases = {
        "status_json": (["data", "status", "--json"], store, small_snapshot.catalog),
        "unknown_id": (["data", "refresh", "-q", "WALC"], store, small_snapshot.catalog),
        "missing_dir": (["data", "import", "-q", str(base / "no_such_dir")], store, small_snapshot.catalog),
        "bad_catalog": (["data", "status"], store, bad_catalog),
        "bad_manifest": (["data", "status"], broken_manifest, small_snapshot.catalog),
    }
    procs = {}
    for name, (args, data_dir, catalog) in cases.items():
        env = {k: v for k, v in os.environ.items() if not k.startswith(("RESEARCH_", "FRED_"))}
        env.update(
            RESEARCH_DATA_DIR=str(data_dir),
            RESEARCH_REPORTS_DIR=str(base / "reports"),
            RESEARCH_CATALOG=str(catalog),
            RESEARCH_FRED_API_URL="http://127.0.0.1:9",
            RESEARCH_FRED_CSV_URL="http://127.0.0.1:9",
        )
        procs[name] = subprocess.Popen(_command() + args, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                       text=True, cwd=base)
    results = {}
    for name, proc in procs.items():
        out, err = proc.communicate(timeout=120)
        results[name] = (proc.returncode, out, err)
    return results


def _one_error_line(result, *needles):
    code, out, err = result
    assert code != 0
    assert "Traceback" not in err and "Traceback" not in out
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1, err
    assert lines[0].startswith("error: ")
    for needle in needles:
        assert needle in lines[0]
    return lines[0]


def test_status_json_parses(runs):
    code, out, err = runs["status_json"]
    assert code == 0, err
    rows = json.loads(out)
    assert [r["id"] for r in rows] == SMALL_IDS
    assert all(r["state"] in {"ok", "stale"} for r in rows)
    walcl = rows[0]
    for key in ("source", "first", "last", "rows", "method", "origin", "retrieved_at", "sha256"):
        assert walcl[key], key


def test_status_and_verify_on_empty_store(small_catalog, capsys):
    assert main(["data", "status", "--json"]) == 0
    assert {r["state"] for r in json.loads(capsys.readouterr().out)} == {"missing"}
    assert main(["data", "verify"]) == 0
    out, err = capsys.readouterr()
    assert "0 bad file" in out and err == ""


def test_unknown_id_in_refresh(runs):
    _one_error_line(runs["unknown_id"], "unknown series id 'WALC'", "'WALCL'")


def test_missing_import_dir(runs):
    _one_error_line(runs["missing_dir"], "no_such_dir", "does not exist")


def test_bad_catalog(runs):
    _one_error_line(runs["bad_catalog"], "bad_catalog.csv line 3", "fortnightly")


def test_bad_manifest(runs):
    _one_error_line(runs["bad_manifest"], "manifest.json", "not valid JSON")


# --------------------------------------------------------------------------- in-process (fast paths)


def test_status_table(small_store, capsys):
    assert main(["data", "status"]) == 0
    out = capsys.readouterr().out
    lines = out.splitlines()
    assert lines[0].split()[:2] == ["id", "source"]
    assert len(lines) == len(SMALL_IDS) + 2
    assert any(ln.startswith("WALCL ") and " import" in ln for ln in lines)


def test_import_cli(small_snapshot, capsys):
    assert main(["data", "import", "-q", str(small_snapshot.dir)]) == 0
    assert f"{len(SMALL_IDS)} ok, 0 unchanged, 0 failed" in capsys.readouterr().out
    assert main(["data", "import", "-q", str(small_snapshot.dir)]) == 0
    assert f"0 ok, {len(SMALL_IDS)} unchanged, 0 failed" in capsys.readouterr().out


def test_import_cli_reports_bad_file(small_snapshot, tmp_path, capsys):
    snap = tmp_path / "snap"
    shutil.copytree(small_snapshot.dir, snap)
    (snap / "fred/USREC.csv").write_text("observation_date,USREC\n1854-12-01,one\n")
    assert main(["data", "import", "-q", str(snap)]) == 1
    out, err = capsys.readouterr()
    assert "failed  USREC: fred/USREC.csv: column 'USREC' has text 'one' on line 2" in err
    assert "1 failed" in out


def test_verify_cli_tampered(small_store, capsys):
    path = small_store.raw_dir / "fred/USREC.csv"
    path.write_bytes(path.read_bytes() + b"2099-01-01,0\n")
    assert main(["data", "verify"]) == 1
    out, err = capsys.readouterr()
    assert "USREC: checksum mismatch" in err and "1 bad file" in out


def test_user_error_in_process_exit_code(small_catalog, capsys):
    assert main(["data", "refresh", "NOPE_NOT_AN_ID"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: unknown series id 'NOPE_NOT_AN_ID'") and err.count("\n") == 1


def test_status_with_empty_catalog(tmp_path, monkeypatch, capsys):
    """A catalog with a header and no rows is a user situation, not a crash."""
    path = write_catalog(tmp_path / "empty.csv", [])
    monkeypatch.setenv("RESEARCH_CATALOG", str(path))
    assert main(["data", "status"]) in (0, 2)
    assert "Traceback" not in capsys.readouterr().err
