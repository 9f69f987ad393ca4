"""The local store: import, manifest provenance, cache integrity, verify/status, atomic writes."""
from __future__ import annotations

import datetime as dt
import json
import os
import shutil

import pandas as pd
import pytest

import research_lib.data.cache as cache_mod
import research_lib.data.store as store_mod
from research_lib import load
from research_lib._io import atomic_write, sha256_bytes, sha256_file
from research_lib.data import ingest
from research_lib.data.catalog import read_catalog
from research_lib.data.sources import canonical
from research_lib.data.store import Store
from research_lib.errors import ResearchError
from tests.conftest import SMALL_IDS, SMALL_SERIES_IDS

PROVENANCE_FIELDS = ["source", "method", "origin", "retrieved_at", "first", "last", "rows", "sha256"]


def _tmp_files(root):
    return [p for p in root.rglob("*") if p.name.endswith(".tmp")]


# --------------------------------------------------------------------------- the real snapshot


def test_full_real_import_all_ok(full_store):
    store, first = full_store.store, full_store.first
    assert first.failed == {}
    assert sorted(first.ok) == sorted(store.catalog.ids())
    assert first.missing == []
    assert first.summary().startswith(f"{len(store.catalog)} ok, 0 unchanged, 0 failed")


def test_full_real_second_import_unchanged(full_store):
    second = full_store.second
    assert second.ok == [] and second.failed == {}
    assert sorted(second.unchanged) == sorted(full_store.store.catalog.ids())


def test_full_real_status_and_cache(full_store):
    store = full_store.store
    rows = store.status(today=dt.date(2026, 9, 1))
    assert len(rows) == len(store.catalog)
    states = {r["id"]: r["state"] for r in rows}
    assert [sid for sid, s in states.items() if s in {"missing", "corrupt"}] == []
    assert set(states.values()) <= {"ok", "stale"}
    # the cache holds exactly the dated series, built from the raw files the manifest lists
    assert store.cache_problem() is None
    cache = cache_mod.Cached.read(store.cache_path)
    assert set(cache.built_from) == {e.id for e in store.catalog if e.is_series}
    assert cache.built_from == {sid: m["sha256"] for sid, m in store.manifest["series"].items() if sid in cache.built_from}
    assert _tmp_files(store.root) == []


def test_full_real_manifest_matches_raw_files(full_store, shared_data):
    store = full_store.store
    for sid, meta in store.manifest["series"].items():
        entry = store.catalog.get(sid)
        stored = canonical(entry, (shared_data / entry.path).read_bytes())  # the snapshot file in its stored form
        assert meta["sha256"] == sha256_bytes(stored), sid
        assert (store.raw_dir / entry.path).read_bytes() == stored


def test_manifest_provenance_fields(small_store, small_snapshot):
    manifest = json.loads(small_store.manifest_path.read_text())
    for sid in SMALL_IDS:
        meta = manifest["series"][sid]
        assert set(PROVENANCE_FIELDS) <= set(meta), sid
        for key in PROVENANCE_FIELDS:
            if sid in SMALL_SERIES_IDS or key not in ("first", "last"):
                assert meta[key] not in (None, ""), (sid, key)
        assert meta["method"] == "import"
        assert meta["origin"] == str(small_snapshot.dir.resolve())
        dt.datetime.fromisoformat(meta["retrieved_at"])
        assert len(meta["sha256"]) == 64
    walcl = manifest["series"]["WALCL"]
    raw = (small_snapshot.dir / "fred/WALCL.csv").read_text().splitlines()
    assert walcl["first"] == raw[1].split(",")[0] and walcl["last"] == raw[-1].split(",")[0]
    assert walcl["rows"] == len(raw) - 1
    assert walcl["source"] == "fred"
    bea = manifest["series"]["bea_t30200_federal_receipts"]
    assert bea["first"] is None and bea["last"] is None and bea["rows"] > 0


def test_import_records_snapshot_manifest_notes(shared_data, tmp_path):
    snap = tmp_path / "snap"
    (snap / "fred").mkdir(parents=True)
    shutil.copyfile(shared_data / "fred/WALCL.csv", snap / "fred/WALCL.csv")
    shutil.copyfile(shared_data / "fred/MANIFEST.csv", snap / "fred/MANIFEST.csv")
    store = Store(tmp_path / "data", read_catalog(_small_catalog(tmp_path)))
    ingest.import_snapshot(store, snap, progress=False)
    assert store.manifest["series"]["WALCL"]["provenance"]


def _small_catalog(tmp_path):
    from tests.conftest import SMALL_ROWS, write_catalog

    return write_catalog(tmp_path / "catalog.csv", SMALL_ROWS)


def test_import_missing_directory(tmp_path):
    store = Store(tmp_path / "data", read_catalog(_small_catalog(tmp_path)))
    with pytest.raises(ResearchError, match="does not exist"):
        ingest.import_snapshot(store, tmp_path / "nowhere", progress=False)


def test_import_reports_series_not_in_snapshot(shared_data, tmp_path):
    snap = tmp_path / "snap"
    (snap / "fred").mkdir(parents=True)
    shutil.copyfile(shared_data / "fred/DGS10.csv", snap / "fred/DGS10.csv")
    store = Store(tmp_path / "data", read_catalog(_small_catalog(tmp_path)))
    report = ingest.import_snapshot(store, snap, progress=False)
    assert report.ok == ["DGS10"]
    assert sorted(report.missing) == sorted(set(SMALL_IDS) - {"DGS10"})


# --------------------------------------------------------------------------- broken snapshot


def _break(path, how: str) -> None:
    lines = path.read_text().splitlines()
    if how == "header":
        lines[0] = "when,what"
    elif how == "unsorted":
        lines[5], lines[6] = lines[6], lines[5]
    elif how == "text":
        lines[3] = lines[3].split(",")[0] + ",oops"
    elif how == "duplicate":
        lines.insert(4, lines[3])
    path.write_text("\n".join(lines) + "\n")


def test_import_broken_subset(small_store, small_snapshot, tmp_path):
    """Bad files are reported one by one; good ones import; an earlier good version stays intact."""
    store = small_store
    before = {sid: dict(store.manifest["series"][sid]) for sid in ("WALCL", "DGS10")}
    raw_before = (store.raw_dir / "fred/WALCL.csv").read_bytes()
    walcl_before = load("WALCL")

    snap = tmp_path / "broken"
    shutil.copytree(small_snapshot.dir, snap)
    _break(snap / "fred/WALCL.csv", "header")
    _break(snap / "fred/DGS10.csv", "unsorted")
    _break(snap / "other/ism_manufacturing_pmi.csv", "text")
    # a good but changed file (USREC without its last row): imported as a new version
    usrec = snap / "fred/USREC.csv"
    usrec.write_text("\n".join(usrec.read_text().splitlines()[:-1]) + "\n")

    report = ingest.import_snapshot(store, snap, progress=False)
    assert sorted(report.failed) == ["DGS10", "WALCL", "ism_manufacturing_pmi"]
    assert "header" in report.failed["WALCL"] and "fred/WALCL.csv" in report.failed["WALCL"]
    assert "not ascending" in report.failed["DGS10"]
    assert "'oops'" in report.failed["ism_manufacturing_pmi"]
    assert report.ok == ["USREC"]
    assert sorted(report.unchanged) == sorted(set(SMALL_IDS) - {"DGS10", "WALCL", "ism_manufacturing_pmi", "USREC"})

    # previously imported good versions stay as they were
    for sid in ("WALCL", "DGS10"):
        assert store.manifest["series"][sid] == before[sid]
    assert (store.raw_dir / "fred/WALCL.csv").read_bytes() == raw_before
    assert sha256_file(store.raw_dir / "fred/WALCL.csv") == before["WALCL"]["sha256"]
    cache_mod.CACHE_MEMO.clear()
    pd.testing.assert_series_equal(load("WALCL"), walcl_before)
    assert store.verify() == []
    assert store.manifest["series"]["USREC"]["sha256"] == sha256_file(usrec)
    assert _tmp_files(store.root) == []


def test_import_duplicate_date_is_reported_not_crashing(small_store, small_snapshot, tmp_path):
    snap = tmp_path / "dup"
    (snap / "fred").mkdir(parents=True)
    shutil.copyfile(small_snapshot.dir / "fred/WALCL.csv", snap / "fred/WALCL.csv")
    shutil.copyfile(small_snapshot.dir / "fred/USREC.csv", snap / "fred/USREC.csv")
    _break(snap / "fred/WALCL.csv", "duplicate")
    report = ingest.import_snapshot(small_store, snap, progress=False)
    assert "duplicate date" in report.failed.get("WALCL", "")
    assert report.unchanged == ["USREC"]


def test_first_import_of_bad_file_leaves_no_raw(small_snapshot, tmp_path):
    snap = tmp_path / "snap"
    shutil.copytree(small_snapshot.dir, snap)
    _break(snap / "fred/WALCL.csv", "text")
    store = Store(tmp_path / "fresh", read_catalog(small_snapshot.catalog))
    report = ingest.import_snapshot(store, snap, progress=False)
    assert list(report.failed) == ["WALCL"]
    assert not (store.raw_dir / "fred/WALCL.csv").exists()
    assert "WALCL" not in store.manifest["series"]
    assert store.status()[0]["state"] == "missing"


# --------------------------------------------------------------------------- cache integrity


def value_offset(path, sid: str, row: int = 0) -> int:
    """Byte offset, in a cache file, of the float64 value of ``sid``'s ``row``-th observation."""
    import pyarrow as pa

    data = path.read_bytes()
    buf = pa.py_buffer(data)
    reader = pa.ipc.open_file(buf)
    start = json.loads(reader.schema.metadata[b"index"])[sid][0]
    values = reader.read_all().column("value").chunks[0].buffers()[1]
    return values.address - buf.address + 8 * (start + row)


def test_corrupt_cache_is_rebuilt_on_load(small_store):
    store = small_store
    expected = load("DGS10")
    good = sha256_file(store.cache_path)
    data = bytearray(store.cache_path.read_bytes())
    at = value_offset(store.cache_path, "DGS10", 100)
    data[at:at + 8] = b"\x00" * 8
    store.cache_path.write_bytes(bytes(data))
    assert sha256_file(store.cache_path) != good
    cache_mod.CACHE_MEMO.clear()  # a fresh process
    pd.testing.assert_series_equal(load("DGS10"), expected)
    assert sha256_file(store.cache_path) == good  # rebuilt, byte for byte
    assert store.cache_problem() is None
    assert store.verify() == []


def test_truncated_cache_is_rebuilt_even_when_memoised(small_store):
    store = small_store
    expected = load("^GSPC")
    store.cache_path.write_bytes(b"PAR1 not a parquet file")
    pd.testing.assert_series_equal(load("^GSPC"), expected)
    assert store.cache_problem() is None


def test_missing_cache_is_rebuilt(small_store):
    store = small_store
    expected = load("WALCL")
    store.cache_path.unlink()
    cache_mod.CACHE_MEMO.clear()
    pd.testing.assert_series_equal(load("WALCL"), expected)
    assert store.cache_path.is_file()
    assert store.cache_problem() is None


def test_verify_rebuilds_corrupt_cache(small_store):
    store = small_store
    store.cache_path.write_bytes(b"garbage")
    problems = store.verify()
    assert [p[0] for p in problems] == ["cache"]
    assert store.cache_problem() is None
    assert store.verify() == []


def test_cache_holds_every_dated_series(small_store):
    frames = small_store._cached(small_store.cache_path)
    for sid in SMALL_SERIES_IDS:
        assert sid in frames
    assert "bea_t30200_federal_receipts" not in frames


# --------------------------------------------------------------------------- tampered raw files


def _tamper(store, rel="fred/WALCL.csv"):
    path = store.raw_dir / rel
    lines = path.read_text().splitlines()
    date, value = lines[-1].split(",")
    lines[-1] = f"{date},{float(value) + 1}"
    path.write_text("\n".join(lines) + "\n")


def test_tampered_raw_verify_and_status(small_store):
    _tamper(small_store)
    problems = dict(small_store.verify())
    assert problems == {"WALCL": "checksum mismatch"}
    states = {r["id"]: r["state"] for r in small_store.status(today=dt.date(2026, 9, 1))}
    assert states["WALCL"] == "corrupt"
    assert states["WTREGEN"] != "corrupt"


def test_tampered_raw_load_raises_when_cache_must_be_rebuilt(small_store):
    _tamper(small_store)
    small_store.cache_path.unlink()
    cache_mod.CACHE_MEMO.clear()
    with pytest.raises(ResearchError) as err:
        load("WALCL")
    message = str(err.value)
    assert "WALCL" in message and "corrupt" in message and "\n" not in message
    assert "research data" in message


def test_tampered_raw_load_raises(small_store):
    """A raw file changed behind the store's back must not be served silently from the cache."""
    load("WALCL")
    _tamper(small_store)
    cache_mod.CACHE_MEMO.clear()  # a fresh process: the cache itself is intact
    with pytest.raises(ResearchError, match="corrupt"):
        load("WALCL")


def test_one_tampered_raw_does_not_block_other_series(small_store):
    _tamper(small_store)
    small_store.cache_path.unlink()
    cache_mod.CACHE_MEMO.clear()
    assert len(load("DGS10")) > 1000


def test_missing_raw_file_verify(small_store):
    (small_store.raw_dir / "fred/USREC.csv").unlink()
    problems = dict(small_store.verify_raw())
    assert list(problems) == ["USREC"] and "missing" in problems["USREC"]
    states = {r["id"]: r["state"] for r in small_store.status(today=dt.date(2026, 9, 1))}
    assert states["USREC"] == "corrupt"


def test_reimport_repairs_tampered_raw(small_store, small_snapshot):
    _tamper(small_store)
    report = ingest.import_snapshot(small_store, small_snapshot.dir, progress=False)
    assert "WALCL" in report.ok
    assert small_store.verify() == []


def test_invalid_manifest_json_is_one_line_error(small_store):
    small_store.manifest_path.write_text("{not json")
    store_mod._DEFAULT.clear()
    with pytest.raises(ResearchError) as err:
        store_mod.default_store().status()
    assert "not valid JSON" in str(err.value) and "\n" not in str(err.value)


# --------------------------------------------------------------------------- status states


def test_status_states(small_store, tmp_path, small_snapshot):
    store = small_store
    meta = store.manifest["series"]
    walcl_last = dt.date.fromisoformat(meta["WALCL"]["last"])
    usrec_last = dt.date.fromisoformat(meta["USREC"]["last"])

    fresh = {r["id"]: r for r in store.status(today=walcl_last + dt.timedelta(days=5))}
    assert fresh["WALCL"]["state"] == "ok"
    assert fresh["WALCL"]["last"] == meta["WALCL"]["last"]
    assert fresh["WALCL"]["method"] == "import"
    assert fresh["bea_t30200_federal_receipts"]["state"] == "ok"  # tables have no last date

    later = {r["id"]: r["state"] for r in store.status(today=walcl_last + dt.timedelta(days=22))}
    assert later["WALCL"] == "stale"  # weekly: stale after 21 days

    monthly = {r["id"]: r["state"] for r in store.status(today=usrec_last + dt.timedelta(days=75))}
    assert monthly["USREC"] == "ok"
    monthly = {r["id"]: r["state"] for r in store.status(today=usrec_last + dt.timedelta(days=76))}
    assert monthly["USREC"] == "stale"

    empty = Store(tmp_path / "empty", read_catalog(small_snapshot.catalog))
    rows = empty.status()
    assert [r["state"] for r in rows] == ["missing"] * len(SMALL_IDS)
    assert [r["id"] for r in rows] == SMALL_IDS


# --------------------------------------------------------------------------- atomic writes


def test_atomic_write_failure_keeps_old_file(tmp_path, monkeypatch):
    target = tmp_path / "sub" / "file.bin"
    atomic_write(target, b"old contents")

    def boom(src, dst):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write(target, b"new contents that never land")
    assert target.read_bytes() == b"old contents"
    assert sorted(p.name for p in target.parent.iterdir()) == ["file.bin"]


def test_failed_raw_write_keeps_store_consistent(small_store, small_snapshot, tmp_path, monkeypatch):
    """A crash while writing a new raw file leaves the old raw file and the manifest untouched."""
    store = small_store
    snap = tmp_path / "snap"
    (snap / "fred").mkdir(parents=True)
    lines = (small_snapshot.dir / "fred/WALCL.csv").read_text().splitlines()[:-1]
    (snap / "fred/WALCL.csv").write_text("\n".join(lines) + "\n")
    raw_before = (store.raw_dir / "fred/WALCL.csv").read_bytes()
    manifest_before = store.manifest_path.read_bytes()

    def boom(src, dst):
        raise OSError("power cut")

    with monkeypatch.context() as patch:  # undo only this patch, not the fixtures' env
        patch.setattr(os, "replace", boom)
        with pytest.raises(ResearchError, match="power cut") as err:
            ingest.import_snapshot(store, snap, ids=["WALCL"], progress=False)
        assert "\n" not in str(err.value)
    assert (store.raw_dir / "fred/WALCL.csv").read_bytes() == raw_before
    assert store.manifest_path.read_bytes() == manifest_before
    assert _tmp_files(store.root) == []
    store_mod._DEFAULT.clear()
    cache_mod.CACHE_MEMO.clear()
    fresh = store_mod.default_store()
    assert fresh.root == store.root
    assert fresh.verify() == []


def test_no_temp_files_after_import(small_store):
    assert _tmp_files(small_store.root) == []
    assert {p.name for p in small_store.root.iterdir()} == {"raw", "cache", "manifest.json", ".lock", ".commit.lock"}
