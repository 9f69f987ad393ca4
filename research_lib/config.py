"""Where things live. Every path can be moved with an environment variable."""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The local store: `RESEARCH_DATA_DIR`, default `<repo>/data`."""
    return Path(os.environ.get("RESEARCH_DATA_DIR") or REPO_ROOT / "data").resolve()


def reports_dir() -> Path:
    """Findings (claim records, scorecard): `RESEARCH_REPORTS_DIR`, default `<repo>/reports`."""
    return Path(os.environ.get("RESEARCH_REPORTS_DIR") or REPO_ROOT / "reports").resolve()


def read_dotenv(path: Path | None = None) -> dict[str, str]:
    """KEY=VALUE lines of an uncommitted `.env` in the repo root (comments and blanks ignored)."""
    path = path or REPO_ROOT / ".env"
    values: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text().splitlines():
            line = line.strip()
            if line and not line.startswith("#") and "=" in line:
                key, _, value = line.partition("=")
                values[key.strip()] = value.strip().strip("'\"")
    return values


def env(name: str) -> str | None:
    """An environment variable, falling back to the `.env` file (the environment wins)."""
    return os.environ.get(name) or read_dotenv().get(name)
