"""The outsider test: a newcomer without the snapshot, on a machine whose internet is a fake.

Every source's real protocol and format is served from loopback (:mod:`tests.fake_internet`, built
from the snapshot files); every fetcher is pointed at it; a copy of the repository with a fresh,
empty store runs ``research data refresh`` and ``research run --force`` through the real command
line, in subprocesses, with any other outbound connection sent to a dead proxy. Then:

- the refresh stores, for every catalog row, exactly the bytes the snapshot import stores;
- every notebook executes;
- a notebook whose committed run had the same inputs (code, catalog rows, data checksums) gives
  the same claim records: verdicts, headlines, evidence, tests (all but the generation time);
- a second refresh changes nothing;
- a refresh that answers with a shorter history is refused and changes nothing.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from research_lib import config
from research_lib._io import sha256_bytes
from research_lib.data.catalog import read_catalog
from research_lib.data.sources import canonical
from tests.conftest import REAL_CATALOG
from tests.fake_internet import FakeInternet
from tests.fake_servers import FakeServer

REPO = config.REPO_ROOT
def _copy_repository(dest: Path) -> Path:
    """The repository as a clone has it: the files git tracks (and new ones it does not ignore), so
    no store, no virtualenv, no built site; the reference files under data/reference/ come along."""
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"], cwd=REPO,
                            capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        src = REPO / rel
        if src.is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


def _run(args: list[str], env: dict, cwd: Path, timeout: float) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "research_lib.cli", *args], env=env, cwd=cwd, capture_output=True,
                          text=True, timeout=timeout)


def _records(folder: Path) -> dict[str, dict]:
    out = {}
    for path in sorted(folder.glob("*.json")):
        record = json.loads(path.read_text())
        record.pop("generated_at", None)
        out[record["id"]] = record
    return out


@pytest.mark.outsider
def test_outsider_reruns_everything_from_a_fake_internet(shared_data, tmp_path):
    repo = _copy_repository(tmp_path / "clone")
    store = tmp_path / "data"
    catalog = read_catalog(REAL_CATALOG)
    with FakeServer() as server:
        internet = FakeInternet(server, shared_data, catalog)
        env = {k: v for k, v in os.environ.items() if not k.startswith(("RESEARCH_", "FRED_", "BEA_", "SEC_"))}
        env.update(internet.env())
        env.update(RESEARCH_DATA_DIR=str(store), PYTHONPATH=str(repo), XDG_CACHE_HOME=str(tmp_path / "xdg"),
                   HOME=str(tmp_path / "home"), MPLBACKEND="Agg", HTTP_PROXY="http://127.0.0.1:9",
                   HTTPS_PROXY="http://127.0.0.1:9", ALL_PROXY="http://127.0.0.1:9", NO_PROXY="127.0.0.1,localhost")
        (tmp_path / "home").mkdir()
        probe = subprocess.run([sys.executable, "-c", "import research_lib; print(research_lib.__file__)"], env=env,
                               capture_output=True, text=True, cwd=repo)
        assert probe.stdout.strip() == str(repo / "research_lib" / "__init__.py"), probe.stderr[-500:]

        # 1. a fresh store, filled from the fake internet only
        first = _run(["data", "refresh", "-q"], env, repo, timeout=1200)
        assert first.returncode == 0, first.stderr[-3000:]
        assert f"refresh: {len(catalog)} ok, 0 unchanged, 0 failed" in first.stdout, first.stdout[-2000:]
        manifest = json.loads((store / "manifest.json").read_text())["series"]
        for entry in catalog:
            expected = sha256_bytes(canonical(entry, (shared_data / entry.path).read_bytes()))
            assert manifest[entry.id]["sha256"] == expected, f"{entry.id}: the live path stored other bytes than the import"
        assert {m["method"] for m in manifest.values()} >= {"fred-csv", "yfinance", "bea-flat-files", "fed_dfa", "sec", "reference"}

        # 2. a second refresh changes nothing
        second = _run(["data", "refresh", "-q"], env, repo, timeout=1200)
        assert second.returncode == 0 and f"refresh: 0 ok, {len(catalog)} unchanged, 0 failed" in second.stdout, second.stdout[-2000:]

        # 3. an answer with a shorter history is refused, and nothing changes
        walcl = manifest["WALCL"]
        internet.serve_fred("WALCL", internet.fred["WALCL"][:3])
        shorter = _run(["data", "refresh", "-q", "WALCL"], env, repo, timeout=300)
        assert shorter.returncode == 1 and "refused WALCL: the answer ends" in shorter.stderr, shorter.stderr[-2000:]
        assert json.loads((store / "manifest.json").read_text())["series"]["WALCL"] == walcl

        # 4. every notebook runs on that store, through the real command line
        run = _run(["run", "--force", "--jobs", "2"], env, repo, timeout=3000)
    assert run.returncode == 0, run.stderr[-4000:]
    notebooks = sorted(p.stem for p in (REPO / "notebooks").glob("[0-9][0-9]_*.py"))
    assert f"ran {len(notebooks)}, up to date 0, failed 0" in run.stderr, run.stderr[-3000:]

    # 5. same inputs as a committed run: same claim records
    fresh, committed = _records(repo / "reports" / "claims"), _records(REPO / "reports" / "claims")
    compared = []
    for stem in notebooks:
        mine = json.loads((repo / "notebooks" / f"{stem}.ipynb").read_text())["metadata"]["research"]["inputs"]
        theirs = json.loads((REPO / "notebooks" / f"{stem}.ipynb").read_text())["metadata"].get("research", {}).get("inputs")
        assert mine["data"], f"{stem} loaded no data"
        if mine != theirs:
            continue  # the committed notebook ran on other code or data: nothing to compare it with
        for cid in (c for c, r in fresh.items() if r["notebook"] == stem):
            assert cid in committed, f"{cid} is recorded by {stem} but not committed"
            assert fresh[cid] == committed[cid], f"{cid}: the outsider run differs from the committed record"
            compared.append(cid)
    print(f"outsider: {len(catalog)} series fetched, {len(notebooks)} notebooks run, "
          f"{len(compared)} committed claim records compared")
