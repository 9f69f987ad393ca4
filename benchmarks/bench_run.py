"""Benchmark `research run`: full runs with --jobs 1 and --jobs 2, a no-op run, and the cost of the
declared robustness variants.

Runs on a temporary copy of the notebooks (claim records, site and scorecard go to the copy too),
against the local data store, so the working tree is not modified. Prints the wall-clock times and
the three ratios the project targets: no-op / full < 5%, jobs 2 / jobs 1 <= 70%, and the full
run with every declared variant / the same run with baselines only (``RESEARCH_VARIANTS=baseline``)
< 2, both with --jobs 2. Every timed full run draws the claim pages' robustness charts afresh (the
site keeps them between runs whose results did not change), as a run with new results does.

    python benchmarks/bench_run.py [--repeat N] [NOTEBOOK ...]

With ``--repeat N`` the two full runs alternate N times and the medians are compared (wall-clock
ratios are sensitive to other load on the machine; the load average is printed with the result).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from research_lib import config
from research_lib.publish import runner, scorecard, site


def _copy_repo(dest: Path) -> None:
    (dest / "notebooks").mkdir(parents=True)
    for p in (config.REPO_ROOT / "notebooks").glob("[0-9][0-9]_*.py"):
        shutil.copy2(p, dest / "notebooks" / p.name)
    shutil.copytree(config.PACKAGE_DIR, dest / "research_lib", ignore=shutil.ignore_patterns("__pycache__"))
    (dest / "README.md").write_text(f"# Benchmark copy\n\n{scorecard.START}\n{scorecard.END}\n")


def _timed(label: str, **kw) -> float:
    print(f"--- {label}", file=sys.stderr, flush=True)
    if kw.get("force"):  # every timed full run draws the claim pages' charts, as a run with new results does
        (site.site_paths(kw["repo_root"])["work"] / "charts.json").unlink(missing_ok=True)
    t0 = time.perf_counter()
    summary = runner.run(**kw)
    seconds = time.perf_counter() - t0
    if summary.failed:
        sys.exit(f"{label}: {len(summary.failed)} notebook(s) failed; fix them before benchmarking")
    print(f"{label}: {seconds:.1f} s (ran {len(summary.ran)}, up to date {len(summary.up_to_date)})", flush=True)
    return seconds


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1, help="alternate the full runs N times (medians)")
    parser.add_argument("notebooks", nargs="*")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench_run_") as tmp:
        root = Path(tmp)
        _copy_repo(root)
        os.environ["RESEARCH_REPORTS_DIR"] = str(root / "reports")
        common = {"notebooks": args.notebooks or None, "repo_root": root}
        full1, full2, base2 = [], [], []
        for _ in range(args.repeat):
            full1.append(_timed("full run, --jobs 1", jobs=1, force=True, **common))
            full2.append(_timed("full run, --jobs 2", jobs=2, force=True, **common))
            os.environ["RESEARCH_VARIANTS"] = "baseline"
            try:
                base2.append(_timed("baselines only, --jobs 2", jobs=2, force=True, **common))
            finally:
                del os.environ["RESEARCH_VARIANTS"]
        noop = _timed("no-op run", jobs=2, force=False, **common)
    one, two, base = statistics.median(full1), statistics.median(full2), statistics.median(base2)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"no-op / full (jobs 1):          {noop / one:.1%}  (target < 5%)")
    print(f"jobs 2 / jobs 1:                {two / one:.1%}  (target <= 70%; {os.cpu_count()} cores, load average {load})")
    print(f"all variants / baselines only:  {two / base:.2f}x  (target < 2x, both --jobs 2)")


if __name__ == "__main__":
    main(sys.argv[1:])
