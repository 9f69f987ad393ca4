"""Benchmark `research run`: full run with --jobs 1, full run with --jobs 2, then a no-op run.

Runs on a temporary copy of the notebooks (claim records, site and scorecard go to the copy too),
against the local data store, so the working tree is not modified. Prints the wall-clock times and
the two ratios the project targets: no-op / full < 5%, jobs 2 / jobs 1 <= 70%.

    python benchmarks/bench_run.py [NOTEBOOK ...]
"""
from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

from research_lib import config, runner, scorecard


def _copy_repo(dest: Path) -> None:
    (dest / "notebooks").mkdir(parents=True)
    for p in (config.REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.py"):
        shutil.copy2(p, dest / "notebooks" / p.name)
    shutil.copytree(config.PACKAGE_DIR, dest / "research_lib", ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "README.md").write_text(f"# Benchmark copy\n\n{scorecard.START}\n{scorecard.END}\n")


def _timed(label: str, **kw) -> float:
    print(f"--- {label}", file=sys.stderr, flush=True)
    t0 = time.perf_counter()
    summary = runner.run(**kw)
    seconds = time.perf_counter() - t0
    if summary.failed:
        sys.exit(f"{label}: {len(summary.failed)} notebook(s) failed; fix them before benchmarking")
    print(f"{label}: {seconds:.1f} s (ran {len(summary.ran)}, up to date {len(summary.up_to_date)})", flush=True)
    return seconds


def main(argv: list[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="bench_run_") as tmp:
        root = Path(tmp)
        _copy_repo(root)
        os.environ["RESEARCH_REPORTS_DIR"] = str(root / "reports")
        common = {"notebooks": argv or None, "repo_root": root}
        full1 = _timed("full run, --jobs 1", jobs=1, force=True, **common)
        full2 = _timed("full run, --jobs 2", jobs=2, force=True, **common)
        noop = _timed("no-op run", jobs=2, force=False, **common)
    print(f"no-op / full (jobs 1): {noop / full1:.1%}  (target < 5%)")
    print(f"jobs 2 / jobs 1:       {full2 / full1:.1%}  (target <= 70%)")


if __name__ == "__main__":
    main(sys.argv[1:])
