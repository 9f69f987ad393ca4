"""Store benchmark: `load()` of every dated catalog series vs plain pandas CSV parsing, and peak memory.

    python benchmarks/bench_store.py            # the store at RESEARCH_DATA_DIR (default data/)
    python benchmarks/bench_store.py --fresh    # import the snapshot into a temp store first

The store is only read. When it is empty (or with --fresh), ../shared/data (or --snapshot DIR) is
imported into a temporary directory first, and that temporary store is measured.

Measured in one run:
  (a) `load(id)` for every dated series in the catalog, starting from a fresh process state
      (the in-process cache memo cleared): reads the columnar cache once, then slices it;
  (b) the same raw CSV files parsed with plain `pandas.read_csv(..., parse_dates=[0])`;
  (c) peak memory of loading the whole catalog (every dated series and every table), in a child
      process: tracemalloc peak and the growth of the peak resident set (VmHWM / ru_maxrss).
Targets: (b)/(a) >= 10x, (c) < 300 MB. Times are the best of --repeat runs; nothing is asserted.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEFAULT_SNAPSHOT = REPO.parent / "shared" / "data"


def _fresh_state() -> None:
    """Forget everything the store memoised in this process (as a new process would)."""
    from research_lib.data import cache as cache_mod
    from research_lib.data import catalog as catalog_mod
    from research_lib.data import store as store_mod

    cache_mod.CACHE_MEMO.clear()
    store_mod._DEFAULT.clear()
    catalog_mod.catalog.cache_clear()


def _stored(kind: str) -> list:
    """Catalog entries of `kind` ('series' or 'table') that the store holds."""
    from research_lib.data.catalog import catalog
    from research_lib.data.store import default_store

    held = default_store().manifest["series"]
    return [e for e in catalog() if e.id in held and (e.is_series == (kind == "series"))]


def _load_all_series() -> int:
    from research_lib import load

    return sum(len(load(e.id)) for e in _stored("series"))


def _read_csv_all(paths: list[Path]) -> int:
    import pandas as pd

    return sum(len(pd.read_csv(p, parse_dates=[0], index_col=0)) for p in paths)


def _best(fn, repeat: int, before=None) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        if before:
            before()
        t0 = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t0)
    return min(times), result


def _peak_rss_mb() -> float:
    """Peak resident set of this process in MB: VmHWM (Linux), else ru_maxrss.

    After exec, Linux's ru_maxrss still remembers the parent's size at fork time, so VmHWM (the
    high-water mark of this process's own memory) is the number to difference.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 2**20 if sys.platform == "darwin" else 1024  # bytes on macOS, KiB on Linux
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / scale


def child_memory() -> None:
    """Run in a child process: peak memory of loading every series and table of the catalog."""
    import pandas  # noqa: F401 - imported before the baseline, as in a notebook

    import research_lib  # noqa: F401
    from research_lib import load, load_table

    _fresh_state()
    series, tables = _stored("series"), _stored("table")
    rss0 = _peak_rss_mb()
    tracemalloc.start()
    kept = [load(e.id) for e in series]
    _, peak_series = tracemalloc.get_traced_memory()
    rss_series = _peak_rss_mb()
    kept += [load_table(e.id) for e in tables]
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss1 = _peak_rss_mb()
    print(json.dumps({
        "series": len(series), "tables": len(tables), "objects": len(kept),
        "tracemalloc_peak_mb": peak / 2**20, "tracemalloc_series_mb": peak_series / 2**20,
        "rss_series_mb": rss_series,
        "rss_before_mb": rss0, "rss_after_mb": rss1,
    }))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--fresh", action="store_true", help="always import the snapshot into a temp store first")
    parser.add_argument("--snapshot", type=Path, default=DEFAULT_SNAPSHOT, help="snapshot to import (default ../shared/data)")
    parser.add_argument("--repeat", type=int, default=3, help="timing repetitions (best is kept)")
    parser.add_argument("--child-memory", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child_memory:
        child_memory()
        return 0

    from research_lib.data import ingest
    from research_lib.data.store import Store

    tmp = None
    store = Store()
    if args.fresh or not store.manifest["series"]:
        if not args.snapshot.is_dir():
            print(f"error: snapshot {args.snapshot} not found and the store at {store.root} is empty", file=sys.stderr)
            return 2
        tmp = tempfile.TemporaryDirectory(prefix="bench_store_")
        os.environ["RESEARCH_DATA_DIR"] = str(Path(tmp.name) / "data")
        _fresh_state()
        t0 = time.perf_counter()
        report = ingest.import_snapshot(Store(), args.snapshot, progress=False)
        print(f"imported {args.snapshot} into a temp store in {time.perf_counter() - t0:.1f} s: {report.summary()}")
    _fresh_state()
    store = Store()
    series = _stored("series")
    paths = [store.raw_dir / e.path for e in series]
    raw_mb = sum(p.stat().st_size for p in paths) / 2**20
    print(f"store: {store.root}  ({len(series)} dated series, {raw_mb:.1f} MB of raw CSV, "
          f"cache {store.cache_path.stat().st_size / 2**20:.1f} MB)")

    t_load, n_load = _best(_load_all_series, args.repeat, before=_fresh_state)
    t_warm, _ = _best(_load_all_series, args.repeat)
    t_csv, n_csv = _best(lambda: _read_csv_all(paths), args.repeat)

    env = dict(os.environ)
    proc = subprocess.run([sys.executable, __file__, "--child-memory"], env=env, capture_output=True, text=True)
    if proc.returncode:
        print(proc.stderr, file=sys.stderr)
        return 1
    mem = json.loads(proc.stdout.strip().splitlines()[-1])
    rss_delta = mem["rss_after_mb"] - mem["rss_before_mb"]

    rows = [
        ("(a) load() all series, fresh process state", f"{t_load:8.3f} s", f"{n_load:,} observations"),
        ("    load() all series again (memo warm)", f"{t_warm:8.3f} s", ""),
        ("(b) pandas read_csv(parse_dates) same files", f"{t_csv:8.3f} s", f"{n_csv:,} rows"),
        ("    speed-up (b)/(a)   [target >= 10x]", f"{t_csv / t_load:8.1f} x", ""),
        ("(c) peak memory, whole catalog: tracemalloc", f"{mem['tracemalloc_peak_mb']:8.1f} MB",
         f"{mem['series']} series + {mem['tables']} tables"),
        ("    peak RSS growth    [target < 300 MB]", f"{rss_delta:8.1f} MB",
         f"{mem['rss_before_mb']:.0f} -> {mem['rss_after_mb']:.0f} MB"),
        ("    of which the dated series alone", f"{mem['rss_series_mb'] - mem['rss_before_mb']:8.1f} MB",
         f"tracemalloc {mem['tracemalloc_series_mb']:.1f} MB"),
    ]
    width = max(len(r[0]) for r in rows)
    print()
    print(f"{'measure':<{width}}  {'value':>11}  detail")
    print("-" * (width + 40))
    for name, value, detail in rows:
        print(f"{name:<{width}}  {value:>11}  {detail}")
    print(f"\n(best of {args.repeat}; machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f})")
    if tmp is not None:
        tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
