"""Where things live, the environment, and constants shared by every layer.

Every path can be moved with an environment variable. Settings are read from the environment
first, then from an uncommitted ``.env`` file at the repository root (python-dotenv).
"""
from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
PACKAGE_DIR = Path(__file__).resolve().parent
#: the ``.env`` file consulted for settings the environment does not set (None: no file)
DOTENV_PATH: Path | None = REPO_ROOT / ".env"

#: The project-wide pandemic months, left out by the "pandemic months excluded" sample variants:
#: March 2020 (lockdowns, the Fed's emergency programmes) to June 2021 (end of the reopening jump
#: in pay composition and of the first QE burst).
PANDEMIC = ("2020-03-01", "2021-06-30")


def data_dir() -> Path:
    """The local store: ``RESEARCH_DATA_DIR``, default ``<repo>/data``."""
    return Path(os.environ.get("RESEARCH_DATA_DIR") or REPO_ROOT / "data").resolve()


def reports_dir() -> Path:
    """Findings (claim records, scorecard): ``RESEARCH_REPORTS_DIR``, default ``<repo>/reports``."""
    return Path(os.environ.get("RESEARCH_REPORTS_DIR") or REPO_ROOT / "reports").resolve()


def read_dotenv(path: str | os.PathLike | None = None) -> dict[str, str]:
    """``KEY=VALUE`` pairs of a ``.env`` file ({} when there is none or it cannot be read)."""
    from dotenv import dotenv_values

    path = DOTENV_PATH if path is None else Path(path)
    if path is None or not Path(path).is_file():
        return {}
    try:
        values = dotenv_values(path, encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return {}
    return {k: v for k, v in values.items() if v is not None}


def env(name: str, default: str | None = None) -> str | None:
    """A setting: the environment variable, else the ``.env`` file, else ``default``."""
    value = os.environ.get(name, "").strip()
    if value:
        return value
    return (read_dotenv().get(name) or "").strip() or default
