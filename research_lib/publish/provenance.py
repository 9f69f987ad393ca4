"""Provenance stamp shown as the first output of every notebook.

Every notebook starts with::

    from research_lib.publish.provenance import stamp; stamp()

``stamp()`` displays a small block (IPython display id ``"provenance"``) with the code version,
the data as-of date, when the notebook was executed and how long it took. The data as-of date and
the runtime are only known once the notebook has finished, so ``research run`` rewrites this
output afterwards (see :func:`render` and :mod:`research_lib.runner`) and stores the same facts in
``metadata["research"]`` of the ``.ipynb``. Run outside the runner (plain Jupyter), the block shows
what is known at that moment.
"""
from __future__ import annotations

import html
import subprocess
from pathlib import Path

from research_lib._io import utc_now
from research_lib.config import REPO_ROOT

DISPLAY_ID = "provenance"
PENDING = "filled in by `research run`"


# Outputs that a run itself rewrites: changes to them do not make the code "dirty".
OUTPUT_PATHS = (":!notebooks/*.ipynb", ":!reports", ":!data", ":!README.md")


def code_version(repo_root: Path | None = None) -> str:
    """Short commit of the repository, ``+dirty`` when source files have uncommitted changes.

    Files a run rewrites (executed notebooks, reports, the README scorecard, data) are not counted.
    Falls back to the installed package version when git or the repository is unavailable.
    """
    root = Path(repo_root) if repo_root else REPO_ROOT
    try:
        head = subprocess.run(["git", "describe", "--tags", "--always"], cwd=root,
                              capture_output=True, text=True, timeout=10)
        if head.returncode == 0 and head.stdout.strip():
            status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".", *OUTPUT_PATHS],
                                    cwd=root, capture_output=True, text=True, timeout=10)
            dirty = "+dirty" if status.returncode == 0 and status.stdout.strip() else ""
            return head.stdout.strip() + dirty
    except (OSError, subprocess.SubprocessError):
        pass
    try:
        from importlib.metadata import version
        return "research-lib " + version("research-lib")
    except Exception:  # package not installed
        return "unknown"


def render(info: dict) -> dict:
    """Mime bundle (``text/html`` + ``text/plain``) for the provenance block described by ``info``.

    ``info`` keys: ``code_version``, ``data_as_of``, ``executed_at``, ``runtime_s`` (any may be None).
    """
    runtime = info.get("runtime_s")
    rows = [
        ("Code version", info.get("code_version") or "unknown"),
        ("Data as of", info.get("data_as_of") or PENDING),
        ("Executed at (UTC)", info.get("executed_at") or "unknown"),
        ("Runtime", f"{runtime:.0f} s" if isinstance(runtime, (int, float)) else PENDING),
    ]
    plain = "Provenance: " + "; ".join(f"{k}: {v}" for k, v in rows)
    cells = "".join(
        f"<tr><th style='text-align:left;padding-right:1em'>{html.escape(k)}</th>"
        f"<td><code>{html.escape(str(v))}</code></td></tr>" for k, v in rows
    )
    page = (
        "<div class='provenance' style='font-size:0.85em;color:#444;border-left:3px solid #999;"
        f"padding-left:0.6em'><b>Provenance</b><table>{cells}</table></div>"
    )
    return {"text/html": page, "text/plain": plain}


def stamp() -> None:
    """Display the provenance block (code version, data as-of, executed at, runtime).

    Works without a data store: values not known yet are shown as to be filled in by the runner.
    Returns None so nothing is echoed after the block.
    """
    info = {"code_version": code_version(), "data_as_of": None, "executed_at": utc_now(), "runtime_s": None}
    bundle = render(info)
    try:
        from IPython import get_ipython
        from IPython.display import display

        if get_ipython() is not None:
            display(bundle, raw=True, display_id=DISPLAY_ID)
            return None
    except ImportError:
        pass
    print(bundle["text/plain"])
    return None
