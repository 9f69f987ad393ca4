"""Shared fixtures: every test runs against temporary data/ and reports/ folders.

- `_isolate` (autouse): RESEARCH_DATA_DIR and RESEARCH_REPORTS_DIR point into the test's tmp dir, the
  store's in-process memos and the catalog cache are cleared before and after each test.
- `shared_data`: the real snapshot beside the repository (../shared/data); a missing snapshot fails.
- `small_snapshot`: a tmp snapshot holding a handful of real files, plus a small tmp catalog for them.
- `small_store`: a store (the default store of the test) with the small snapshot already imported,
  RESEARCH_CATALOG pointing at the small catalog.
- `full_store`: the whole real snapshot imported once per session into a tmp store.

Tests that use a `chromium` fixture (the rendered-site tests) need a headless Chromium, an optional
system dependency: on a machine without it they are skipped with a one-line reason naming the
install command; in CI (`CI` set to true) they are required and fail instead.
"""
from __future__ import annotations

import csv
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

import research_lib.data.cache as cache_mod
import research_lib.data.catalog as catalog_mod
import research_lib.data.store as store_mod
from research_lib import config
from research_lib.data import ingest

pytest_plugins = ["tests.fake_servers"]  # the fake FRED / Yahoo servers as fixtures

CHROMIUM_INSTALL = "apt-get install -y chromium"  # Debian's package, as .ci/run installs it


def in_ci(environ=os.environ) -> bool:
    """True when running in CI (``CI`` set to true/1/yes), where optional system tools are required."""
    return environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def browser_problem(path: str) -> str | None:
    """Why the browser at ``path`` cannot be used (None when it can)."""
    if not os.path.isfile(path) or not os.access(path, os.X_OK):
        return f"Chromium not found at {path}"
    return None


CHROMIUM_PATHS = ("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")


def find_chromium() -> str | None:
    """The first Chromium binary found in the usual places (None when there is none)."""
    return next((p for p in CHROMIUM_PATHS if browser_problem(p) is None), None)


def pytest_runtest_setup(item):
    """Skip (locally) or fail (in CI) a test that needs Chromium when it is not installed.

    A test needs it when it uses the ``chromium`` or ``chromium_path`` fixture.
    """
    if not {"chromium", "chromium_path"} & set(getattr(item, "fixturenames", ())):
        return
    path = getattr(item.module, "CHROMIUM", None) or find_chromium() or CHROMIUM_PATHS[0]
    problem = browser_problem(path)
    if problem is None:
        return
    if in_ci():
        pytest.fail(f"{problem}: CI requires it for the rendered-site tests; install it with `{CHROMIUM_INSTALL}`",
                    pytrace=False)
    pytest.skip(f"{problem} (optional system dependency): install it with `{CHROMIUM_INSTALL}` to run this test")

SHARED_DATA = Path(__file__).parents[1].parent / "shared" / "data"
REAL_CATALOG = catalog_mod.CATALOG_PATH

BEA_T30200 = "fred/nonfred/bea_nipa_T30200_federal_current_receipts_expenditures_2024Q1-2026Q1.csv"

# id, source, path, format, title, units, frequency, agg, notes
SMALL_ROWS = [
    ("WALCL", "fred", "fred/WALCL.csv", "fred", "Fed total assets (Wednesday level)", "Millions of U.S. Dollars", "weekly", "last", ""),
    ("WTREGEN", "fred", "fred/WTREGEN.csv", "fred", "Treasury General Account (week average)", "Millions of U.S. Dollars", "weekly", "last", ""),
    ("RRPONTSYD", "fred", "fred/RRPONTSYD.csv", "fred", "Overnight reverse repo", "Billions of US Dollars", "daily", "last", ""),
    ("DGS10", "fred", "fred/DGS10.csv", "fred", "10-year Treasury yield", "Percent", "daily", "mean", "holidays empty"),
    ("USREC", "fred", "fred/USREC.csv", "fred", "NBER recession indicator", "+1 or 0", "monthly", "mean", ""),
    ("^GSPC", "yahoo", "yahoo/_GSPC.csv", "yahoo", "S&P 500 index", "index points", "daily", "last", ""),
    ("BTC-USD", "yahoo", "yahoo/BTC-USD.csv", "yahoo", "Bitcoin in US dollars", "USD per bitcoin", "daily", "last", ""),
    ("ism_manufacturing_pmi", "reference", "other/ism_manufacturing_pmi.csv", "series", "ISM manufacturing PMI, first release", "Index", "monthly", "mean", ""),
    ("WDTGAL", "fred", "fred/WDTGAL.csv", "fred", "Treasury General Account (Wednesday level)", "Millions of U.S. Dollars", "weekly", "last", ""),
    ("bea_t30200_federal_receipts", "bea", BEA_T30200, "table", "BEA NIPA Table 3.2", "Billions of Dollars", "quarterly", "last", ""),
]
SMALL_IDS = [r[0] for r in SMALL_ROWS]
SMALL_SERIES_IDS = [r[0] for r in SMALL_ROWS if r[3] in ("fred", "yahoo", "series")]


def write_catalog(path: Path, rows) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(catalog_mod.COLUMNS)
        writer.writerows(rows)
    return path


def _clear_memos() -> None:
    store_mod._DEFAULT.clear()
    cache_mod.CACHE_MEMO.clear()
    catalog_mod.catalog.cache_clear()


@pytest.fixture(autouse=True)
def _isolate(tmp_path, monkeypatch):
    """Keep every test away from the repository's data/ and reports/ and from ambient settings."""
    monkeypatch.setenv("RESEARCH_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("RESEARCH_REPORTS_DIR", str(tmp_path / "reports"))
    for var in ("RESEARCH_LOAD_LOG", "FRED_API_KEY", "RESEARCH_FRED_API_URL", "RESEARCH_FRED_CSV_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setattr(config, "DOTENV_PATH", None)
    _clear_memos()
    yield
    _clear_memos()


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real snapshot; its absence is a failure, not a skip."""
    if not (SHARED_DATA / "fred" / "WALCL.csv").is_file():
        pytest.fail(f"real data snapshot not found at {SHARED_DATA} (expected ../shared/data beside the repository)")
    return SHARED_DATA


@dataclass
class Snapshot:
    dir: Path
    catalog: Path


@pytest.fixture(scope="session")
def small_snapshot(shared_data, tmp_path_factory) -> Snapshot:
    """A handful of real files copied into a tmp snapshot, and a catalog listing just them."""
    root = tmp_path_factory.mktemp("small")
    snap = root / "snapshot"
    for row in SMALL_ROWS:
        dst = snap / row[2]
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(shared_data / row[2], dst)
    return Snapshot(snap, write_catalog(root / "catalog.csv", SMALL_ROWS))


@pytest.fixture(scope="session")
def _small_store_template(small_snapshot, tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("small_store") / "data"
    store = store_mod.Store(root, catalog_mod.read_catalog(small_snapshot.catalog))
    report = ingest.import_snapshot(store, small_snapshot.dir, progress=False)
    assert not report.failed and sorted(report.ok) == sorted(SMALL_IDS), report
    cache_mod.CACHE_MEMO.clear()
    return root


@pytest.fixture
def small_catalog(small_snapshot, monkeypatch) -> Path:
    """RESEARCH_CATALOG -> the small tmp catalog."""
    monkeypatch.setenv("RESEARCH_CATALOG", str(small_snapshot.catalog))
    catalog_mod.catalog.cache_clear()
    return small_snapshot.catalog


@pytest.fixture
def small_store(_small_store_template, small_catalog, tmp_path, monkeypatch) -> store_mod.Store:
    """The default store of this test, holding the small snapshot (a private copy)."""
    root = tmp_path / "data"
    shutil.copytree(_small_store_template, root)
    monkeypatch.setenv("RESEARCH_DATA_DIR", str(root))
    _clear_memos()
    store = store_mod.default_store()
    assert store.root == root.resolve()
    return store


@dataclass
class FullImport:
    store: store_mod.Store
    first: store_mod.Report
    second: store_mod.Report


@pytest.fixture(scope="session")
def full_store(shared_data, tmp_path_factory) -> FullImport:
    """The whole real snapshot imported (once per session) into a tmp store with the real catalog."""
    root = tmp_path_factory.mktemp("full_store") / "data"
    store = store_mod.Store(root, catalog_mod.read_catalog(REAL_CATALOG))
    first = ingest.import_snapshot(store, shared_data, progress=False)
    second = ingest.import_snapshot(store, shared_data, progress=False)
    return FullImport(store, first, second)


# ----------------------------------------------------------------------------- headless browser
@pytest.fixture(scope="session")
def chromium_path() -> str:
    """The headless-capable Chromium the browser tests drive (the gate above skips or fails first
    when there is none)."""
    return find_chromium() or CHROMIUM_PATHS[0]
