"""The catalog: the real file parses and covers the snapshot; bad input gives one-line errors."""
from __future__ import annotations

import csv

import pytest

from research_lib.data import catalog as catalog_mod
from research_lib.data.catalog import COLUMNS, read_catalog
from research_lib.errors import ResearchError
from tests.conftest import REAL_CATALOG, SMALL_ROWS, write_catalog


@pytest.fixture(scope="module")
def real():
    return read_catalog(REAL_CATALOG)


def test_real_catalog_parses(real):
    assert len(real) > 100
    for entry in real:
        assert entry.source in catalog_mod.SOURCES
        assert entry.format in catalog_mod.FORMATS
        assert entry.frequency in catalog_mod.FREQUENCIES
        assert entry.agg in catalog_mod.AGGS
        assert entry.title, entry.id
        assert entry.units, entry.id


def test_real_catalog_ids_unique():
    with REAL_CATALOG.open(newline="", encoding="utf-8") as fh:
        ids = [row["id"] for row in csv.DictReader(fh)]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    assert duplicates == []


def test_every_catalog_path_exists_in_snapshot(real, shared_data):
    missing = [e.path for e in real if not (shared_data / e.path).is_file()]
    assert missing == []


def test_every_snapshot_csv_is_in_catalog(real, shared_data):
    listed = {e.path for e in real}
    files = {
        p.relative_to(shared_data).as_posix()
        for p in shared_data.rglob("*.csv")
        if p.name != "MANIFEST.csv"
    }
    assert files, "snapshot has no csv files"
    assert sorted(files - listed) == []


def test_contract_ids_present(real):
    for sid in ["WALCL", "WTREGEN", "RRPONTSYD", "^GSPC", "BTC-USD", "GC=F", "DX-Y.NYB", "SPY"]:
        assert sid in real
    assert real.get("^GSPC").path == "yahoo/_GSPC.csv"
    # the file stem works as an alias for the ticker
    assert real.get("_GSPC").id == "^GSPC"


def test_series_and_live_flags(real):
    assert real.get("WALCL").is_series and real.get("WALCL").live
    assert real.get("BTC-USD").is_series and real.get("BTC-USD").live
    bea = [e for e in real if e.id.startswith("bea_t")]
    assert bea and all(not e.is_series and e.live for e in bea)  # every row has a live source
    assert real.get("NAPM").manual and not real.get("WALCL").manual


def test_unknown_id_suggests_close_match(real):
    with pytest.raises(ResearchError) as err:
        real.get("WALC")
    message = str(err.value)
    assert "'WALCL'" in message and "did you mean" in message
    assert "\n" not in message


def test_unknown_id_case_insensitive_suggestion(real):
    with pytest.raises(ResearchError, match="'WALCL'"):
        real.get("walcl")


def test_unknown_id_without_match_says_how_to_add(real):
    with pytest.raises(ResearchError, match="catalog.csv"):
        real.get("ZZZZQQQQXXXX")


def test_catalog_env_override(tmp_path, monkeypatch):
    path = write_catalog(tmp_path / "c.csv", SMALL_ROWS[:2])
    monkeypatch.setenv("RESEARCH_CATALOG", str(path))
    catalog_mod.catalog.cache_clear()
    assert catalog_mod.catalog().ids() == ["WALCL", "WTREGEN"]


@pytest.mark.parametrize(
    "field, value, expected",
    [
        ("source", "bloomberg", "bad source 'bloomberg'"),
        ("format", "xlsx", "bad format 'xlsx'"),
        ("frequency", "hourly", "bad frequency 'hourly'"),
        ("agg", "median", "bad agg 'median'"),
        ("id", "", "empty id or path"),
    ],
)
def test_bad_row_names_its_line(tmp_path, field, value, expected):
    rows = [list(r) for r in SMALL_ROWS[:4]]
    rows[2][COLUMNS.index(field)] = value  # the 3rd data row = line 4 of the file
    path = write_catalog(tmp_path / "bad.csv", rows)
    with pytest.raises(ResearchError) as err:
        read_catalog(path)
    message = str(err.value)
    assert "line 4" in message and expected in message and "bad.csv" in message
    assert "\n" not in message


def test_duplicate_id_names_its_line(tmp_path):
    rows = [SMALL_ROWS[0], SMALL_ROWS[1], SMALL_ROWS[0]]
    with pytest.raises(ResearchError, match=r"line 4 \(WALCL\).*duplicate id"):
        read_catalog(write_catalog(tmp_path / "dup.csv", rows))


def test_bad_row_line_number_counts_multiline_notes(tmp_path):
    """A quoted note spanning two lines moves the bad row down; the message must name the real line."""
    rows = [list(r) for r in SMALL_ROWS[:3]]
    rows[0][-1] = "first line of a note\nsecond line of the note"
    rows[2][COLUMNS.index("agg")] = "median"
    path = write_catalog(tmp_path / "multi.csv", rows)
    bad_line = next(i for i, ln in enumerate(path.read_text().splitlines(), start=1) if ln.startswith("RRPONTSYD,"))
    assert bad_line == 5
    with pytest.raises(ResearchError, match=f"line {bad_line} "):
        read_catalog(path)


def test_bad_header(tmp_path):
    path = tmp_path / "hdr.csv"
    path.write_text("id,source,path\nWALCL,fred,fred/WALCL.csv\n")
    with pytest.raises(ResearchError, match="header must be"):
        read_catalog(path)


def test_missing_catalog_file(tmp_path):
    with pytest.raises(ResearchError, match="catalog not found"):
        read_catalog(tmp_path / "nope.csv")
