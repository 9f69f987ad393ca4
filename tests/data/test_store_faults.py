"""The store under faults, concurrency and hostile input: nothing on disk lost or silently wrong.

Each test injects one fault (a cut file, a second process, a kill between two steps, a flipped
cache byte, a full disk, ...) and then checks the store's promise: every series is either its old
or its new version, whole and matching the manifest, and every error is one line. The table of
fault classes and the tests covering them is in `tests/test_hostile_inputs.py`.
"""
from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

import research_lib._io as io_mod
import research_lib.data.cache as cache_mod
import research_lib.data.store as store_mod
from research_lib import load
from research_lib._io import sha256_bytes, sha256_file
from research_lib.cli import main
from research_lib.data import ingest
from research_lib.data.catalog import read_catalog
from research_lib.data.sources import canonical
from research_lib.data.sources import fred as fred_mod
from research_lib.data.store import Store
from research_lib.errors import ResearchError
from tests.conftest import SMALL_ROWS, SMALL_SERIES_IDS, write_catalog
from tests.data.test_store import value_offset
from tests.fake_servers import FRED_CSV_PATH

REPO = Path(__file__).resolve().parents[2]
CHANGED = ("WALCL", "USREC", "^GSPC")  # the series whose file differs between version A and version B


def _one_line(text: str) -> str:
    assert "\n" not in text.strip() and "Traceback" not in text, text[:500]
    assert len(text) <= 600, len(text)
    return text


def _drop_last_rows(path: Path, n: int = 1) -> None:
    lines = path.read_text().splitlines()
    path.write_text("\n".join(lines[:-n]) + "\n")


@pytest.fixture
def version_b(small_snapshot, tmp_path) -> Path:
    """The small snapshot with the last row of WALCL, USREC and ^GSPC removed (a second, valid version)."""
    snap = tmp_path / "version_b"
    shutil.copytree(small_snapshot.dir, snap)
    for sid in CHANGED:
        _drop_last_rows(snap / next(r[2] for r in SMALL_ROWS if r[0] == sid))
    return snap


def _shas(snapshot: Path) -> dict[str, str]:
    """The checksum each series has once stored: that of its source's canonical form (BEA tables change)."""
    entries = {e.id: e for e in read_catalog(write_catalog(snapshot.parent / "_shas_catalog.csv", SMALL_ROWS))}
    return {r[0]: sha256_bytes(canonical(entries[r[0]], (snapshot / r[2]).read_bytes())) for r in SMALL_ROWS}


def _fresh(root: Path | None = None) -> Store:
    """The store as a new process would see it."""
    store_mod._DEFAULT.clear()
    store_mod._RAW_OK.clear()
    cache_mod.CACHE_MEMO.clear()
    store = store_mod.default_store()
    assert root is None or store.root == Path(root).resolve()
    return store


def assert_whole(store: Store, *versions: dict[str, str]) -> dict[str, str]:
    """Every catalog series is stored, intact, matches the manifest and is one of ``versions``; returns its shas."""
    assert store.verify_raw() == []
    shas = store.current_checksums()
    assert sorted(shas) == sorted(r[0] for r in SMALL_ROWS)
    for sid, sha in shas.items():
        assert any(v[sid] == sha for v in versions), sid
    return shas


def _env(store_root: Path, catalog: Path, **extra) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RESEARCH_", "FRED_"))}
    env.update(RESEARCH_DATA_DIR=str(store_root), RESEARCH_CATALOG=str(catalog), PYTHONPATH=str(REPO), **extra)
    return env


# --------------------------------------------------------------------------- cut files


def test_snapshot_file_cut_mid_row_keeps_the_stored_version(small_store, small_snapshot, tmp_path):
    snap = tmp_path / "cut"
    shutil.copytree(small_snapshot.dir, snap)
    walcl = snap / "fred/WALCL.csv"
    full = walcl.read_bytes()
    last_value = full.decode().splitlines()[-1].split(",")[1]
    walcl.write_bytes(full[: len(full) - 1 - (len(last_value) - 4)])  # "...,6745699\n" -> "...,6745"
    before = load("WALCL")
    report = ingest.import_snapshot(small_store, snap, progress=False)
    assert list(report.failed) == ["WALCL"] and "cut short" in report.failed["WALCL"]
    cache_mod.CACHE_MEMO.clear()
    pd.testing.assert_series_equal(load("WALCL"), before)
    assert load("WALCL").iloc[-1] == float(last_value)


def test_cut_keyless_download_with_matching_length_is_refused(small_store, fake_http):
    """FRED's keyless CSV cut mid-row, Content-Length matching the cut body: the old data stays."""
    body = b"observation_date,WALCL\n2024-01-03,7681024\n2024-01-10,6745699\n"[:-4]
    fake_http.default(FRED_CSV_PATH, 200, body, query={"id": "WALCL"}, content_type="text/csv")
    fetcher = fred_mod.FredFetcher(None, csv_url=fake_http.fred_csv_url, min_interval=0, max_retries=0)
    before = (small_store.raw_dir / "fred/WALCL.csv").read_bytes()
    report = ingest.refresh(small_store, ["WALCL"], progress=False, fred=fetcher)
    assert "incomplete CSV" in report.failed["WALCL"] and "cut short" in report.failed["WALCL"]
    assert (small_store.raw_dir / "fred/WALCL.csv").read_bytes() == before
    assert small_store.verify() == []


def test_cut_file_handed_to_save_raw_is_refused(small_store):
    class Cutter:
        method, origin = "fake", "nowhere"

        def fetch(self, series_id):
            return b"observation_date,WALCL\n2024-01-03,7681024\n2024-01-10,6745"

    before = (small_store.raw_dir / "fred/WALCL.csv").read_bytes()
    report = ingest.refresh(small_store, ["WALCL"], progress=False, fred=Cutter())
    assert "cut short" in report.failed["WALCL"]
    assert (small_store.raw_dir / "fred/WALCL.csv").read_bytes() == before


def test_wrong_series_in_a_fred_file_is_refused(small_store, small_snapshot, tmp_path):
    snap = tmp_path / "swapped"
    (snap / "fred").mkdir(parents=True)
    shutil.copyfile(small_snapshot.dir / "fred/WTREGEN.csv", snap / "fred/WALCL.csv")
    report = ingest.import_snapshot(small_store, snap, progress=False)
    assert "another series" in report.failed["WALCL"]


def test_out_of_range_dates_are_refused_and_never_wrap(small_store, small_snapshot, tmp_path):
    snap = tmp_path / "future"
    (snap / "fred").mkdir(parents=True)
    text = (small_snapshot.dir / "fred/USREC.csv").read_text()
    (snap / "fred/USREC.csv").write_text(text + "3026-01-01,0\n")
    report = ingest.import_snapshot(small_store, snap, progress=False)
    assert "outside the dates a store can hold" in report.failed["USREC"]
    # a file stored before dates were checked: refused on load with one line, never wrapped
    raw = small_store.raw_dir / "fred/USREC.csv"
    raw.write_text(text + "9999-12-31,0\n")
    entry = json.loads(small_store.manifest_path.read_text())
    entry["series"]["USREC"]["sha256"] = sha256_file(raw)
    small_store.manifest_path.write_text(json.dumps(entry))
    store = _fresh(small_store.root)
    with pytest.raises(ResearchError) as err:
        load("USREC")
    assert "outside the dates" in _one_line(str(err.value))
    assert len(load("WALCL")) > 100  # the others still load
    assert all(d.year < 2262 for d in load("DGS10").index[-3:])
    assert store.cache_problem() is None


# --------------------------------------------------------------------------- the cache


def _flip_in_place(path: Path, offset: int) -> None:
    """Flip a bit of the byte at ``offset`` in place and put the file's mtime back."""
    st = os.stat(path)
    with open(path, "r+b") as fh:
        fh.seek(offset)
        byte = fh.read(1)
        fh.seek(offset)
        fh.write(bytes([byte[0] ^ 0x01]))
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert os.stat(path).st_mtime_ns == st.st_mtime_ns and os.stat(path).st_size == st.st_size


@pytest.mark.parametrize("when", ["new process", "same process, after a first load"])
def test_flipped_cache_byte_with_restored_mtime_is_never_served(small_store, when):
    expected = load("WALCL")
    last = len(expected) - 1
    if when == "new process":
        cache_mod.CACHE_MEMO.clear()
    _flip_in_place(small_store.cache_path, value_offset(small_store.cache_path, "WALCL", last) + 7)  # exponent: x2 or /2
    assert small_store.cache_problem() and "checksum" in small_store.cache_problem()
    if when == "new process":
        cache_mod.CACHE_MEMO.clear()
    pd.testing.assert_series_equal(load("WALCL"), expected)
    assert small_store.cache_problem() is None  # rebuilt on that load


def test_status_names_a_damaged_cache(small_store, capsys):
    load("DGS10")
    _flip_in_place(small_store.cache_path, value_offset(small_store.cache_path, "DGS10", 3))
    cache_mod.CACHE_MEMO.clear()
    assert main(["data", "status"]) == 0
    assert "cache: series.arrow: the blocks of 1 series fail their checksum (DGS10)" in capsys.readouterr().out
    problems = small_store.verify()
    assert [p[0] for p in problems] == ["cache"] and "rebuilt" in problems[0][1]
    assert small_store.verify() == []


def test_flipped_date_byte_is_caught(small_store):
    expected = load("^GSPC", fields="ohlcv")
    import pyarrow as pa

    data = small_store.ohlcv_cache_path.read_bytes()
    buf = pa.py_buffer(data)
    reader = pa.ipc.open_file(buf)
    start = json.loads(reader.schema.metadata[b"index"])["^GSPC"][0]
    dates = reader.read_all().column("date").chunks[0].buffers()[1]
    cache_mod.CACHE_MEMO.clear()
    _flip_in_place(small_store.ohlcv_cache_path, dates.address - buf.address + 8 * (start + 5) + 6)
    cache_mod.CACHE_MEMO.clear()
    pd.testing.assert_frame_equal(load("^GSPC", fields="ohlcv"), expected)


def test_stale_block_is_parsed_from_raw_while_a_writer_holds_the_lock(small_store, small_snapshot, tmp_path):
    """A reader never fails on a stale cache: it rebuilds it, or (a writer busy) parses that one raw file."""
    before = {sid: load(sid) for sid in SMALL_SERIES_IDS}
    with small_store.writing():
        frame = small_store.raw_dir / "fred/WALCL.csv"
        text = frame.read_text().splitlines()
        entry = small_store.catalog.get("WALCL")
        small_store.save_raw(entry, ("\n".join(text[:-2]) + "\n").encode(), method="test", origin="here")
        other = Store(small_store.root, small_store.catalog)  # a reader, as in another process
        store_mod._RAW_OK.clear()
        cache_mod.CACHE_MEMO.clear()
        walcl, meta, last = other.read("WALCL")
        assert len(walcl) == len(before["WALCL"]) - 2 and last == str(walcl.index[-1].date())
        assert meta["sha256"] == sha256_file(frame)
        pd.testing.assert_series_equal(other.read("DGS10")[0], before["DGS10"])
    cache_mod.CACHE_MEMO.clear()
    assert len(load("WALCL")) == len(before["WALCL"]) - 2


@pytest.mark.parametrize("sid", SMALL_SERIES_IDS)
def test_raw_parse_gives_exactly_what_the_cache_gives(small_store, sid):
    entry = small_store.catalog.get(sid)
    from_cache = small_store.read(sid)
    from_raw = small_store._read_from_raw(entry, None)
    pd.testing.assert_series_equal(from_cache[0], from_raw[0])
    assert from_cache[2] == from_raw[2]
    if entry.source == "yahoo":
        pd.testing.assert_frame_equal(small_store.read(sid, "ohlcv")[0], small_store._read_from_raw(entry, "ohlcv")[0])


# --------------------------------------------------------------------------- a second process


IMPORT_LOOP = """
import sys, time
import research_lib.data.store as store_mod
from research_lib.data import ingest
from research_lib.data.store import Store
real_write = store_mod.atomic_write
def slow_write(*args, **kw):  # a slow disk: each file takes a few milliseconds to write
    time.sleep(0.005)
    return real_write(*args, **kw)
store_mod.atomic_write = slow_write
for i in range({rounds}):
    report = ingest.import_snapshot(Store(), sys.argv[1 + i % (len(sys.argv) - 1)], progress=False)
    assert not report.failed, report.failed
print("done")
"""


def test_two_concurrent_imports_lose_nothing(small_store, small_snapshot, version_b):
    a, b = _shas(small_snapshot.dir), _shas(version_b)
    env = _env(small_store.root, small_snapshot.catalog)
    code = IMPORT_LOOP.format(rounds=4)
    procs = [subprocess.Popen([sys.executable, "-c", code, str(x), str(y)], env=env, cwd=REPO, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
             for x, y in ((small_snapshot.dir, version_b), (version_b, small_snapshot.dir))]
    for proc in procs:
        out, err = proc.communicate(timeout=300)
        assert proc.returncode == 0 and "done" in out, err[-2000:]
    assert_whole(_fresh(small_store.root), a, b)


IMPORT_IDS = """
import json, sys, time
import research_lib.data.store as store_mod
from research_lib.data import ingest
from research_lib.data.store import Store
real_write = store_mod.atomic_write
def slow_write(*args, **kw):  # a slow disk: each file takes a few milliseconds to write
    time.sleep(0.005)
    return real_write(*args, **kw)
store_mod.atomic_write = slow_write
report = ingest.import_snapshot(Store(), sys.argv[1], ids=json.loads(sys.argv[2]), progress=False)
assert not report.failed, report.failed
print(len(report.ok))
"""


def test_two_concurrent_imports_of_different_series_lose_nothing(shared_data, tmp_path):
    """Two processes import the two halves of the real snapshot into one new store at the same time."""
    from tests.conftest import REAL_CATALOG

    ids = read_catalog(REAL_CATALOG).ids()
    halves = [ids[0::2], ids[1::2]]
    root = tmp_path / "data"
    env = _env(root, REAL_CATALOG)
    procs = [subprocess.Popen([sys.executable, "-c", IMPORT_IDS, str(shared_data), json.dumps(half)], env=env, cwd=REPO,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for half in halves]
    for proc, half in zip(procs, halves):
        out, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err[-2000:]
        assert int(out.strip()) == len(half)
    store = Store(root, read_catalog(REAL_CATALOG))
    assert sorted(store.current_checksums()) == sorted(ids)  # nothing lost
    assert store.verify_raw() == [] and store._broken == {}


def test_second_writer_fails_with_one_line_naming_the_holder(small_store, small_snapshot):
    env = _env(small_store.root, small_snapshot.catalog, RESEARCH_LOCK_TIMEOUT="0")
    with small_store.writing():
        proc = subprocess.run([sys.executable, "-m", "research_lib.cli", "data", "import", "-q", str(small_snapshot.dir)],
                              env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 2
    line = _one_line(proc.stderr.strip())
    assert line.startswith("error: the store at") and f"locked by process {os.getpid()}" in line
    assert "RESEARCH_LOCK_TIMEOUT" in line


def test_second_writer_waits_for_the_first(small_store, small_snapshot, version_b):
    env = _env(small_store.root, small_snapshot.catalog, RESEARCH_LOCK_TIMEOUT="120")
    with small_store.writing():
        proc = subprocess.Popen([sys.executable, "-m", "research_lib.cli", "data", "import", "-q", str(version_b)],
                                env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        waiting = proc.stderr.readline()
        assert waiting.startswith("waiting for the store lock: process") and "Ctrl-C" in waiting
        assert small_store.current_checksums()["WALCL"] == _shas(small_snapshot.dir)["WALCL"]
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err
    assert "3 ok" in out
    assert_whole(_fresh(small_store.root), _shas(version_b))


def test_another_store_object_of_the_same_process_cannot_write_meanwhile(small_store):
    other = Store(small_store.root, small_store.catalog)
    with small_store.writing():
        with pytest.raises(ResearchError, match="already being written by this process"):
            with other.writing(timeout=0):
                pass


READ_LOOP = """
import json, sys
import research_lib.data.cache as cache_mod
import research_lib.data.store as store_mod
from research_lib import load
ids = json.loads(sys.argv[1])
seen, errors, rounds = {{}}, [], 0
while True:
    for sid in ids:
        try:
            s = load(sid)
            seen.setdefault(sid, set()).add((len(s), float(s.iloc[-1])))
        except Exception as exc:
            errors.append(f"{{type(exc).__name__}}: {{exc}}")
    try:
        rows = store_mod.default_store().status()
        errors += [f"status {{r['id']}}: {{r.get('problem')}}" for r in rows if r["state"] == "corrupt"]
    except Exception as exc:
        errors.append(f"status: {{type(exc).__name__}}: {{exc}}")
    rounds += 1
    cache_mod.CACHE_MEMO.clear()  # also read the cache file anew, as new kernels do
    if open(sys.argv[2]).read() == "stop" and rounds > 2:
        break
print(json.dumps({{"rounds": rounds, "errors": errors[:20], "seen": {{k: sorted(v) for k, v in seen.items()}}}}))
"""


def test_readers_during_imports_see_old_or_new_data_never_an_error(small_store, small_snapshot, version_b, tmp_path):
    """Notebook kernels load while two versions are imported over and over: no error, no third value."""
    expected = {}
    for snap in (small_snapshot.dir, version_b):
        for sid in CHANGED:
            store = Store(tmp_path / f"ref_{snap.name}", read_catalog(small_snapshot.catalog))
            ingest.import_snapshot(store, snap, ids=[sid], progress=False)
            s = store.read(sid)[0]
            expected.setdefault(sid, set()).add((len(s), float(s.iloc[-1])))
    flag = tmp_path / "flag"
    flag.write_text("go")
    env = _env(small_store.root, small_snapshot.catalog)
    readers = [subprocess.Popen([sys.executable, "-c", READ_LOOP.format(), json.dumps(list(CHANGED)), str(flag)], env=env,
                                cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        writer = subprocess.Popen([sys.executable, "-c", IMPORT_LOOP.format(rounds=4), str(version_b), str(small_snapshot.dir)],
                                  env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        out, err = writer.communicate(timeout=300)
    finally:
        flag.write_text("stop")  # the readers stop whatever happened to the writer
    assert writer.returncode == 0, err[-2000:]
    for reader in readers:
        out, err = reader.communicate(timeout=300)
        assert reader.returncode == 0, err[-2000:]
        result = json.loads(out.strip().splitlines()[-1])
        assert result["errors"] == [], result["errors"]
        for sid, values in result["seen"].items():
            assert {tuple(v) for v in values} <= expected[sid], sid


# --------------------------------------------------------------------------- interruptions


KILL_AT = """
import os, sys
import research_lib.data.store as store_mod
from research_lib.data import ingest
from research_lib.data.store import Store
root = os.path.realpath(os.environ["RESEARCH_DATA_DIR"])
k, when = int(sys.argv[2]), sys.argv[3]
real_replace, calls = os.replace, [0]
def replace(src, dst, *a, **kw):
    if os.path.realpath(str(dst)).startswith(root):
        calls[0] += 1
        if calls[0] == k and when == "before":
            os._exit(137)
        real_replace(src, dst, *a, **kw)
        if calls[0] == k:
            os._exit(137)
        return
    real_replace(src, dst, *a, **kw)
os.replace = replace
ingest.import_snapshot(Store(), sys.argv[1], progress=False)
print("finished", calls[0])
"""


def test_a_kill_at_any_step_leaves_the_old_or_the_new_version(small_store, small_snapshot, version_b, tmp_path):
    """Kill the importer before or after each rename it makes: each series stays old or new, whole."""
    a, b = _shas(small_snapshot.dir), _shas(version_b)
    cases = [(k, "after") for k in range(1, 12)] + [(k, "before") for k in (2, 5, 8)]  # 2, 5, 8: the raw files
    roots = {}
    for k, when in cases:
        root = tmp_path / f"kill_{k}_{when}"
        shutil.copytree(small_store.root, root)
        roots[(k, when)] = root
    procs = {}
    for case in cases:
        env = _env(roots[case], small_snapshot.catalog)
        procs[case] = subprocess.Popen([sys.executable, "-c", KILL_AT, str(version_b), str(case[0]), case[1]],
                                       env=env, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    killed = 0
    for case, proc in procs.items():
        out, err = proc.communicate(timeout=300)
        assert proc.returncode in (0, 137), (case, err[-2000:])
        killed += proc.returncode == 137
        root = roots[case]
        # a reader (no writer since the kill): consistent, the journal applied in memory if need be
        store = Store(root, read_catalog(small_snapshot.catalog))
        assert_whole(store, a, b)
        for sid in CHANGED:
            s, meta, _ = store.read(sid)
            assert meta["sha256"] in (a[sid], b[sid])
        # the next writer settles everything and leaves no temporary file behind
        ingest.import_snapshot(store, version_b, progress=False)
        assert assert_whole(Store(root, read_catalog(small_snapshot.catalog)), b) == b
        assert [p for p in root.rglob("*") if p.name.endswith(".tmp")] == []
        assert not (root / "journal.json").exists()
        cache_mod.CACHE_MEMO.clear()
    assert killed >= 12  # the import makes 11 renames (3 per changed file, 2 for the cache): all were interrupted


def test_ctrl_c_between_rename_and_manifest_is_settled_at_once(small_store, version_b, monkeypatch):
    real, calls = Store._save_manifest, []

    def save(self, durable=False):
        calls.append(1)
        if len(calls) == 1:
            raise KeyboardInterrupt
        return real(self, durable)

    monkeypatch.setattr(Store, "_save_manifest", save)
    with pytest.raises(KeyboardInterrupt):
        ingest.import_snapshot(small_store, version_b, progress=False)
    monkeypatch.setattr(Store, "_save_manifest", real)
    first = small_store.changed[0]
    assert small_store.changed == [first]  # the interrupted file was put in place: the new version stands
    store = _fresh(small_store.root)
    assert not store.journal_path.exists()
    assert store.current_checksums()[first] == _shas(version_b)[first]
    assert store.verify_raw() == []


INTERRUPT_AFTER = """
import os, signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)  # a job started in the background inherits SIGINT ignored
from research_lib.cli import main
from research_lib.data.store import Store
real, done = Store._commit, []
def commit(self, *args):
    real(self, *args)
    done.append(1)
    if len(done) == int(sys.argv[2]):
        os.kill(os.getpid(), signal.SIGINT)
Store._commit = commit
sys.exit(main(["data", "import", "-q", sys.argv[1]]))
"""


def test_ctrl_c_during_import_says_what_was_replaced(small_store, small_snapshot, version_b):
    before = small_store.current_checksums()
    env = _env(small_store.root, small_snapshot.catalog)
    proc = subprocess.run([sys.executable, "-c", INTERRUPT_AFTER, str(version_b), "2"], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 130, proc.stderr
    line = _one_line(proc.stderr.strip())
    assert line.startswith("interrupted: 2 series had already been replaced by their new files (")
    now = _fresh(small_store.root).current_checksums()
    changed = [sid for sid in now if now[sid] != before[sid]]
    assert len(changed) == 2 and all(sid in line for sid in changed)
    assert _fresh(small_store.root).verify_raw() == []


def test_ctrl_c_before_any_file_says_nothing_changed(small_store, small_snapshot, version_b, monkeypatch, capsys):
    def stop(*args, **kw):
        raise KeyboardInterrupt

    monkeypatch.setattr(Store, "snapshot_file", stop)
    assert main(["data", "import", "-q", str(version_b)]) == 130
    assert capsys.readouterr().err.strip() == "interrupted: no series had been stored yet; the store is as it was"


def test_leftover_temporary_files_are_removed_by_the_next_writer(small_store, small_snapshot):
    leftovers = [small_store.raw_dir / "fred" / ".WALCL.csv.k2j3h4.tmp", small_store.root / ".manifest.json.abc123.tmp",
                 small_store.root / "cache" / ".series.arrow.zz9y8x.tmp"]
    for path in leftovers:
        path.write_bytes(b"half a file")
    keep = small_store.raw_dir / "fred" / "notes.tmp"  # not one of ours: left alone
    keep.write_text("mine")
    load("WALCL")  # readers remove nothing
    assert all(p.exists() for p in leftovers)
    ingest.import_snapshot(small_store, small_snapshot.dir, progress=False)
    assert not any(p.exists() for p in leftovers) and keep.read_text() == "mine"


def test_a_journal_left_by_a_dead_writer_is_applied(small_store, version_b):
    """The writer died after renaming the new file in, before saving the manifest."""
    before = load("WALCL")
    entry = small_store.catalog.get("WALCL")
    new = (version_b / entry.path).read_bytes()
    meta = dict(small_store.manifest["series"]["WALCL"], sha256=io_mod.sha256_bytes(new))
    (small_store.raw_dir / entry.path).write_bytes(new)
    small_store.journal_path.write_text(json.dumps({"id": "WALCL", "staged": ".WALCL.csv.q1w2e3.tmp", "meta": meta}))
    store = _fresh(small_store.root)
    assert store.verify_raw() == []  # a reader applies the journal in memory and writes nothing
    assert store.current_checksums()["WALCL"] == meta["sha256"] and store.journal_path.exists()
    with store.writing():  # a writer (here: any session; a load that rebuilds the cache too) settles it
        pass
    assert not store.journal_path.exists()
    assert len(load("WALCL")) == len(before) - 1
    assert json.loads(store.manifest_path.read_text())["series"]["WALCL"]["sha256"] == meta["sha256"]


def test_a_journal_whose_file_never_arrived_is_dropped(small_store, version_b):
    entry = small_store.catalog.get("WALCL")
    meta = dict(small_store.manifest["series"]["WALCL"], sha256="0" * 64)
    staged = small_store.raw_dir / "fred" / ".WALCL.csv.r4t5y6.tmp"
    staged.write_bytes(b"partial")
    small_store.journal_path.write_text(json.dumps({"id": "WALCL", "staged": staged.name, "meta": meta}))
    before = small_store.current_checksums()
    store = _fresh(small_store.root)
    assert store.current_checksums() == before and store.verify_raw() == []
    with store.writing():
        pass
    assert not store.journal_path.exists() and not staged.exists()
    assert entry.id in store.current_checksums()


def test_a_damaged_journal_is_ignored(small_store):
    small_store.journal_path.write_bytes(b"{\"id\": \"WAL")
    store = _fresh(small_store.root)
    assert store.verify_raw() == []
    with store.writing():
        pass
    assert not store.journal_path.exists()


# --------------------------------------------------------------------------- disks and permissions


class DiskFull:
    """Every write of a temporary file fails with ENOSPC from the ``at``-th one on (until freed)."""

    def __init__(self, monkeypatch, at: int):
        self.calls, self.at, self.real = 0, at, io_mod.write_temp
        monkeypatch.setattr(io_mod, "write_temp", self)
        monkeypatch.setattr(store_mod, "write_temp", self)
        self.monkeypatch = monkeypatch

    def __call__(self, path, data, **kw):
        self.calls += 1
        if self.calls >= self.at:
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return self.real(path, data, **kw)

    def free(self):
        self.monkeypatch.setattr(io_mod, "write_temp", self.real)
        self.monkeypatch.setattr(store_mod, "write_temp", self.real)


@pytest.mark.parametrize("at", [1, 2, 3, 4, 5, 7, 10])
def test_full_disk_at_any_write(small_store, small_snapshot, version_b, monkeypatch, at):
    a, b = _shas(small_snapshot.dir), _shas(version_b)
    disk = DiskFull(monkeypatch, at)
    with pytest.raises(ResearchError) as err:
        ingest.import_snapshot(small_store, version_b, progress=False)
    line = _one_line(str(err.value))
    assert "No space left on device" in line and "free some disk space" in line
    assert_whole(_fresh(small_store.root), a, b)
    assert [p for p in small_store.root.rglob("*.tmp")] == []
    disk.free()
    ingest.import_snapshot(_fresh(small_store.root), version_b, progress=False)
    assert_whole(_fresh(small_store.root), b)


def test_full_disk_through_the_cli_is_one_line(small_store, version_b, monkeypatch, capsys):
    DiskFull(monkeypatch, 2)
    assert main(["data", "import", "-q", str(version_b)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: cannot ") and "No space left" in err


def _read_only(monkeypatch, root: Path):
    """Writes under ``root`` fail as on a read-only file system (lock files can still be opened to read)."""
    real_open, real_temp = os.open, io_mod.write_temp

    def fake_open(path, flags, *a, **kw):
        if str(path).startswith(str(root)) and flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_open(path, flags, *a, **kw)

    def fake_temp(path, data, **kw):
        if str(path).startswith(str(root)):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return real_temp(path, data, **kw)

    monkeypatch.setattr(os, "open", fake_open)
    monkeypatch.setattr(store_mod, "write_temp", fake_temp)
    monkeypatch.setattr(io_mod, "write_temp", fake_temp)


def test_read_only_store_still_loads_and_refuses_writes_in_one_line(small_store, version_b, monkeypatch, capsys):
    expected = load("WALCL")
    cache_mod.CACHE_MEMO.clear()
    small_store.cache_path.unlink()  # even the cache cannot be rebuilt: loads parse raw files
    _read_only(monkeypatch, small_store.root)
    store = _fresh(small_store.root)
    pd.testing.assert_series_equal(load("WALCL"), expected)
    assert {r["state"] for r in store.status()} <= {"ok", "stale"}
    assert main(["data", "import", "-q", str(version_b)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Read-only file system" in err and "writable folder" in err


def test_unreadable_raw_file_is_one_line(small_store, monkeypatch, capsys):
    real_open = open

    def fake_open(path, *a, **kw):
        if str(path).endswith("WALCL.csv"):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, *a, **kw)

    store = _fresh(small_store.root)
    monkeypatch.setattr(store_mod, "open", fake_open, raising=False)
    with pytest.raises(ResearchError) as err:
        load("WALCL")
    assert "Permission denied" in _one_line(str(err.value)) and "WALCL" in str(err.value)
    states = {r["id"]: r for r in store.status()}
    assert states["WALCL"]["state"] == "corrupt" and "Permission denied" in states["WALCL"]["problem"]


@pytest.mark.parametrize("umask,mode", [(0o022, 0o644), (0o002, 0o664)])
def test_store_files_follow_the_umask_never_0600(small_snapshot, tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        store = Store(tmp_path / "data", read_catalog(small_snapshot.catalog))
        ingest.import_snapshot(store, small_snapshot.dir, progress=False)
    finally:
        os.umask(old)
    files = [p for p in store.root.rglob("*") if p.is_file()]
    assert len(files) > 10
    assert {p.name: oct(p.stat().st_mode & 0o777) for p in files if p.stat().st_mode & 0o777 != mode} == {}


def test_data_dir_that_is_a_file_is_one_line(tmp_path, monkeypatch, small_catalog, capsys):
    path = tmp_path / "afile"
    path.write_text("x")
    monkeypatch.setenv("RESEARCH_DATA_DIR", str(path))
    store_mod._DEFAULT.clear()
    for argv in (["data", "status"], ["data", "verify"], ["data", "import", "-q", str(tmp_path)]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "is a file, not a folder" in err
    with pytest.raises(ResearchError, match="is a file"):
        load("WALCL")


def _mount_namespace_works() -> bool:
    probe = subprocess.run(["unshare", "-m", "--propagation", "private", "true"], capture_output=True)
    return probe.returncode == 0


@pytest.mark.skipif(not shutil.which("unshare") or not _mount_namespace_works(),
                    reason="needs mount namespaces (unshare -m) to make a real full disk and read-only folder")
@pytest.mark.parametrize("fault", ["full disk", "read-only"])
def test_real_full_disk_and_read_only_folder(small_snapshot, version_b, tmp_path, fault):
    """The same faults on a real tmpfs, filled up to 150 kB or remounted read-only, in a private mount namespace."""
    mnt = tmp_path / "mnt"
    mnt.mkdir()
    script = f"""
set -e
mount -t tmpfs -o size=64m tmpfs {mnt}
export RESEARCH_DATA_DIR={mnt}/data
{sys.executable} -m research_lib.cli data import -q {small_snapshot.dir} >/dev/null
{'mount -o remount,ro ' + str(mnt) if fault == 'read-only' else
 f'cat /dev/zero > {mnt}/filler 2>/dev/null || true; truncate -s -150K {mnt}/filler'}
set +e
{sys.executable} -m research_lib.cli data import -q {version_b} 2>{tmp_path}/err; echo "exit $?" > {tmp_path}/code
{sys.executable} -m research_lib.cli data verify > {tmp_path}/verify 2>&1; echo "exit $?" >> {tmp_path}/code
{sys.executable} -c "from research_lib import load; print(len(load('WALCL')))" > {tmp_path}/load 2>&1
"""
    env = _env(tmp_path, small_snapshot.catalog)
    proc = subprocess.run(["unshare", "-m", "--propagation", "private", "bash", "-c", script], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    codes = (tmp_path / "code").read_text().split("\n")
    err = (tmp_path / "err").read_text()
    assert codes[0] in ("exit 2", "exit 0"), err
    if codes[0] == "exit 2":
        assert _one_line(err.strip()).startswith("error: cannot ")
        assert ("No space left" in err) if fault == "full disk" else ("Read-only" in err)
    assert codes[1] == "exit 0", (tmp_path / "verify").read_text()  # every stored file is whole
    assert int((tmp_path / "load").read_text().strip()) > 100


# --------------------------------------------------------------------------- paths and links


def test_catalog_path_leaving_the_store_is_refused(small_snapshot, tmp_path, monkeypatch, capsys):
    rows = [list(r) for r in SMALL_ROWS]
    rows[0][2] = "../x.csv"
    catalog = write_catalog(tmp_path / "catalog.csv", rows)
    monkeypatch.setenv("RESEARCH_CATALOG", str(catalog))
    monkeypatch.setenv("RESEARCH_DATA_DIR", str(tmp_path / "store" / "data"))
    (tmp_path / "store").mkdir()
    snap = tmp_path / "snap"
    shutil.copytree(small_snapshot.dir, snap / "inner")
    (snap / "x.csv").write_text("observation_date,WALCL\n2020-01-01,1\n")
    store_mod._DEFAULT.clear()
    from research_lib.data import catalog as catalog_mod

    catalog_mod.catalog.cache_clear()
    before = sorted(p.name for p in tmp_path.rglob("*"))
    for argv in (["data", "import", "-q", str(snap / "inner")], ["data", "status"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "'../x.csv'" in err and "with '..'" in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


@pytest.mark.parametrize("path", ["../../outside.csv", "/etc/passwd", "fred/../../../x.csv", ""])
def test_manifest_path_leaving_the_store_is_a_damaged_entry(small_store, small_snapshot, path):
    manifest = json.loads(small_store.manifest_path.read_text())
    manifest["series"]["WALCL"]["path"] = path
    small_store.manifest_path.write_text(json.dumps(manifest))
    store = _fresh(small_store.root)
    with pytest.raises(ResearchError) as err:
        load("WALCL")
    assert "manifest entry for 'WALCL' is damaged" in _one_line(str(err.value))
    assert {r["id"]: r["state"] for r in store.status()}["WALCL"] == "corrupt"
    report = ingest.import_snapshot(store, small_snapshot.dir, progress=False)
    assert report.ok == ["WALCL"]
    assert store.verify() == [] and len(load("WALCL")) > 100


def test_manifest_path_edited_by_hand_is_healed_by_reimport(small_store, small_snapshot):
    manifest = json.loads(small_store.manifest_path.read_text())
    manifest["series"]["WALCL"]["path"] = "fred/WALCL_old.csv"
    small_store.manifest_path.write_text(json.dumps(manifest))
    store = _fresh(small_store.root)
    with pytest.raises(ResearchError, match="research data import DIR"):
        load("WALCL")
    report = ingest.import_snapshot(store, small_snapshot.dir, progress=False)
    assert "WALCL" in report.ok
    assert store.manifest["series"]["WALCL"]["path"] == "fred/WALCL.csv"
    assert store.verify() == [] and len(load("WALCL")) > 100


def test_snapshot_link_to_a_secret_outside_is_refused_unread(small_store, small_snapshot, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FRED_API_KEY", "canary0123456789secret")
    snap = tmp_path / "snap"
    shutil.copytree(small_snapshot.dir, snap)
    (snap / "fred/WALCL.csv").unlink()
    (snap / "fred/WALCL.csv").symlink_to("/proc/self/environ")
    outside = tmp_path / "outside.csv"
    outside.write_text("observation_date,USREC\n2020-01-01,canary0123456789secret\n")
    (snap / "fred/USREC.csv").unlink()
    (snap / "fred/USREC.csv").symlink_to(outside)
    (snap / "fred/DGS10.csv").rename(snap / "dgs10_real.csv")
    (snap / "fred/DGS10.csv").symlink_to("../dgs10_real.csv")  # a link inside the folder is fine
    assert main(["data", "import", "-q", str(snap)]) == 1
    out, err = capsys.readouterr()
    assert "canary" not in out + err
    assert "WALCL" in err and "USREC" in err and "outside the snapshot folder" in err
    assert "2 failed" in out
    assert small_store.verify() == []


def test_fifo_in_a_snapshot_does_not_hang(small_store, small_snapshot, tmp_path):
    snap = tmp_path / "snap"
    (snap / "fred").mkdir(parents=True)
    os.mkfifo(snap / "fred/WALCL.csv")
    shutil.copyfile(small_snapshot.dir / "fred/USREC.csv", snap / "fred/USREC.csv")
    env = _env(small_store.root, small_snapshot.catalog)
    proc = subprocess.run([sys.executable, "-m", "research_lib.cli", "data", "import", "-q", str(snap)], env=env, cwd=REPO,
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1 and "not a regular file" in proc.stderr and "Traceback" not in proc.stderr


# --------------------------------------------------------------------------- damaged manifests


DAMAGED_MANIFESTS = {
    "list": b"[]",
    "empty object": b"{}",
    "series is a list": b'{"series": []}',
    "not UTF-8": b'{"series": {"WALCL": "\xff\xfe"}}',
    "empty file": b"",
    "truncated": b'{"series": {"WALCL": {"path": "fred/WAL',
    "null": b"null",
}


@pytest.mark.parametrize("name", list(DAMAGED_MANIFESTS))
def test_damaged_manifest_is_one_line_and_import_rebuilds_it(small_store, small_snapshot, name, capsys):
    small_store.manifest_path.write_bytes(DAMAGED_MANIFESTS[name])
    _fresh(small_store.root)
    for argv in (["data", "status"], ["data", "verify"]):
        assert main(argv) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "manifest.json" in err and "research data import DIR" in err
    with pytest.raises(ResearchError):
        load("WALCL")
    assert main(["data", "import", "-q", str(small_snapshot.dir)]) == 0
    out, err = capsys.readouterr()
    assert err.startswith("warning: ") and "kept as manifest.damaged-" in err
    assert [p.read_bytes() for p in small_store.root.glob("manifest.damaged-*.json")] == [DAMAGED_MANIFESTS[name]]
    assert _fresh(small_store.root).verify() == []


@pytest.mark.parametrize("entry", [5, None, {}, {"path": "fred/WALCL.csv"}, {"path": "fred/WALCL.csv", "format": "fred", "sha256": "abc"},
                                   {"path": "fred/WALCL.csv", "format": "xls", "sha256": "0" * 64}])
def test_damaged_manifest_entry_is_one_series_corrupt_not_a_crash(small_store, small_snapshot, entry, capsys):
    manifest = json.loads(small_store.manifest_path.read_text())
    manifest["series"]["WALCL"] = entry
    manifest["series"]["USREC"]["last"] = "not a date"
    small_store.manifest_path.write_text(json.dumps(manifest))
    store = _fresh(small_store.root)
    assert main(["data", "status"]) == 0
    out, err = capsys.readouterr()
    assert "WALCL: damaged manifest entry" in err
    states = {r["id"]: r["state"] for r in store.status()}
    assert states["WALCL"] == "corrupt" and states["DGS10"] in {"ok", "stale"}
    assert len(load("DGS10")) > 100
    with pytest.raises(ResearchError, match="damaged"):
        load("WALCL")
    assert main(["data", "verify"]) == 1
    assert ingest.import_snapshot(store, small_snapshot.dir, progress=False).ok == ["WALCL"]
    assert store.verify() == []


def test_waiting_time_setting_must_be_a_number(small_store, small_snapshot, monkeypatch, capsys):
    monkeypatch.setenv("RESEARCH_LOCK_TIMEOUT", "soon")
    assert main(["data", "import", "-q", str(small_snapshot.dir)]) == 2
    assert "RESEARCH_LOCK_TIMEOUT='soon' is not a number" in capsys.readouterr().err


def test_readers_in_another_process_do_not_wait_for_the_writer_lock(small_store, small_snapshot):
    """A batch holding the store lock (a long refresh) does not stop `status` or `load` elsewhere."""
    env = _env(small_store.root, small_snapshot.catalog, RESEARCH_LOCK_TIMEOUT="0")
    code = "from research_lib import load; from research_lib.cli import main; print(len(load('WALCL'))); main(['data', 'status'])"
    with small_store.writing():
        proc = subprocess.run([sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert int(proc.stdout.splitlines()[0]) > 100 and "corrupt" not in proc.stdout
