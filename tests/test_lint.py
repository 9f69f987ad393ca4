"""`ruff check` passes with the configuration in pyproject.toml, and pre-commit runs it."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ruff_passes():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is not installed: `pip install -e .[dev]`"
    result = subprocess.run([ruff, "check", "--no-cache", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]


def test_pre_commit_runs_ruff_and_the_pairing_check():
    text = (ROOT / ".pre-commit-config.yaml").read_text()
    assert "ruff check" in text and "tests/publish/test_notebooks.py" in text
