"""A fresh machine passes `make test`: no Chromium means two skipped tests (CI requires it); no
network means one line from `make` instead of minutes of pip retries."""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM_INSTALL, browser_problem, in_ci

REPO = Path(__file__).resolve().parents[1]

SITE_LIKE = '''
import pytest

CHROMIUM = "{browser}"


@pytest.fixture
def chromium():
    return CHROMIUM


def test_needs_the_browser(chromium):
    assert False, "ran without the browser"


def test_plain():
    pass
'''


def _run_gate(tmp_path: Path, browser: str, ci: str | None) -> subprocess.CompletedProcess:
    folder = tmp_path / f"gate_{ci}"
    folder.mkdir()
    (folder / "conftest.py").write_text("from tests.conftest import pytest_runtest_setup  # noqa: F401\n")
    (folder / "test_site_like.py").write_text(SITE_LIKE.format(browser=browser))
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["PYTHONPATH"] = str(REPO)
    if ci is not None:
        env["CI"] = ci
    return subprocess.run([sys.executable, "-m", "pytest", "-q", "-rsf", "-p", "no:cacheprovider", str(folder)],
                          env=env, cwd=folder, capture_output=True, text=True, timeout=300)


def test_missing_browser_is_a_stated_skip_locally(tmp_path):
    proc = _run_gate(tmp_path, "/nonexistent/chromium", None)
    assert proc.returncode == 0, proc.stdout[-3000:]
    assert "1 passed, 1 skipped" in proc.stdout
    skip = [ln for ln in proc.stdout.splitlines() if ln.startswith("SKIPPED")]
    assert len(skip) == 1 and CHROMIUM_INSTALL in skip[0] and "/nonexistent/chromium" in skip[0]


@pytest.mark.parametrize("ci", ["true", "1"])
def test_missing_browser_fails_in_ci(tmp_path, ci):
    proc = _run_gate(tmp_path, "/nonexistent/chromium", ci)
    assert proc.returncode == 1
    assert "1 passed, 1 error" in proc.stdout and "CI requires it" in proc.stdout and CHROMIUM_INSTALL in proc.stdout


def test_present_browser_runs_the_test(tmp_path):
    proc = _run_gate(tmp_path, sys.executable, None)  # any executable stands in for the browser
    assert "1 failed, 1 passed" in proc.stdout and "ran without the browser" in proc.stdout


def test_gate_helpers():
    assert in_ci({"CI": "true"}) and in_ci({"CI": "1"}) and not in_ci({}) and not in_ci({"CI": "false"})
    assert browser_problem("/nonexistent/chromium") and browser_problem(str(REPO)) and browser_problem(sys.executable) is None


def _can_hide_chromium() -> bool:
    if not Path("/usr/bin/chromium").exists() or not shutil.which("unshare"):
        return False
    return subprocess.run(["unshare", "-m", "--propagation", "private", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(in_ci() or not _can_hide_chromium(),
                    reason="hides the installed Chromium in a private mount namespace (not in CI, where it is required)")
def test_site_tests_skip_with_their_reason_when_chromium_is_hidden(tmp_path):
    """The real rendered-site tests, on this machine with /usr/bin/chromium hidden: two stated skips."""
    script = (f"mount --bind /dev/null /usr/bin/chromium && cd {REPO} && "
              f"{sys.executable} -m pytest -q -rs -p no:cacheprovider tests/publish/test_site.py -k chromium")
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    proc = subprocess.run(["unshare", "-m", "--propagation", "private", "bash", "-c", script], env=env,
                          capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    assert "2 skipped" in proc.stdout and "SKIPPED [2]" in proc.stdout and CHROMIUM_INSTALL in proc.stdout


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _make(tmp_path: Path, *args: str, **env_extra) -> subprocess.CompletedProcess:
    folder = tmp_path / "fresh"
    folder.mkdir(exist_ok=True)
    for name in ("Makefile", "pyproject.toml"):
        shutil.copyfile(REPO / name, folder / name)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PIP_", "MAKE"))}
    env.update(env_extra)
    return subprocess.run(["make", f"PYTHON={sys.executable}", *args], cwd=folder, env=env, capture_output=True,
                          text=True, timeout=120)


@pytest.mark.skipif(not shutil.which("make"), reason="needs make")
@pytest.mark.parametrize("target", ["run", "test", "install"])
def test_offline_fresh_machine_gets_one_line_and_no_pip(tmp_path, target):
    proc = _make(tmp_path, target, PIP_INDEX_URL=f"http://127.0.0.1:{_closed_port()}/simple/")
    assert proc.returncode == 2
    lines = [ln for ln in (proc.stdout + proc.stderr).splitlines() if ln.strip()]
    assert len(lines) == 1 and "cannot reach the package index" in lines[0] and "Stop." in lines[0], lines
    assert not (tmp_path / "fresh" / ".venv").exists()


@pytest.mark.skipif(not shutil.which("make"), reason="needs make")
def test_index_check_is_skipped_for_local_wheels_and_a_ready_venv(tmp_path):
    proc = _make(tmp_path, "-n", "install", PIP_NO_INDEX="1", PIP_INDEX_URL=f"http://127.0.0.1:{_closed_port()}/simple/")
    assert proc.returncode == 0 and "pip install" in proc.stdout
    venv = tmp_path / "fresh" / ".venv" / "bin"
    venv.mkdir(parents=True)
    os.symlink(sys.executable, venv / "python")
    stamp = venv.parent / ".installed"
    stamp.touch()
    later = (tmp_path / "fresh" / "pyproject.toml").stat().st_mtime + 10
    os.utime(stamp, (later, later))
    proc = _make(tmp_path, "-n", "test", PIP_INDEX_URL=f"http://127.0.0.1:{_closed_port()}/simple/")
    assert proc.returncode == 0 and "pytest" in proc.stdout and "pip install" not in proc.stdout


def test_readme_and_ci_state_the_optional_browser():
    readme = (REPO / "README.md").read_text()
    assert "Optional system dependency" in readme and CHROMIUM_INSTALL in readme and "CI=true" in readme
    ci = (REPO / ".ci" / "run").read_text()
    assert "export CI=true" in ci and "apt-get install -y -qq chromium" in ci
