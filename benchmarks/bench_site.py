"""Benchmark the site build: a cold build of the committed notebooks and records, a rebuild with
nothing changed, and a rebuild after one notebook changed (Sphinx re-reads only that page).

Runs on a temporary copy of the notebooks and records, so the working tree is not modified. Prints
the wall-clock times and the two ratios the project targets: nothing changed / cold < 15% (the
build sees that no source changed and leaves the site as it is) and one notebook changed / cold
< 60% (dominated by Sphinx's start-up and by copying the finished site into place).

    python benchmarks/bench_site.py
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from research_lib import config
from research_lib.publish import site


def _timed(label: str, repo: Path) -> float:
    t0 = time.perf_counter()
    site.build(repo, progress=False)
    seconds = time.perf_counter() - t0
    print(f"{label:<28} {seconds:6.1f} s", flush=True)
    return seconds


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="bench-site-") as tmp:
        repo = Path(tmp)
        shutil.copytree(config.REPO_ROOT / "notebooks", repo / "notebooks", ignore=shutil.ignore_patterns("*.py"))
        shutil.copytree(config.REPO_ROOT / "reports" / "claims", repo / "reports" / "claims")
        cold = _timed("cold build", repo)
        same = _timed("nothing changed", repo)
        first = sorted((repo / "notebooks").glob("[0-9][0-9]_*.ipynb"))[0]
        nb = json.loads(first.read_text())
        nb["cells"].append({"cell_type": "markdown", "id": "bench-extra", "metadata": {}, "source": "A new paragraph."})
        first.write_text(json.dumps(nb))
        one = _timed(f"one notebook changed ({first.stem})", repo)
        print(f"load average {os.getloadavg()[0]:.1f}")
        print(f"nothing changed / cold = {same / cold:.0%} (target < 15%)")
        print(f"one notebook / cold    = {one / cold:.0%} (target < 60%)")
        return 0 if same / cold < 0.15 and one / cold < 0.6 else 1


if __name__ == "__main__":
    sys.exit(main())
