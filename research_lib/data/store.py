"""The local data store.

Layout of `RESEARCH_DATA_DIR` (default `data/`):

- `raw/`           files exactly as the source gave them, in the snapshot layout (`fred/WALCL.csv`, ...)
- `cache/`         columnar cache (Arrow IPC) of every dated series, for fast loads (see `cache.py`)
- `manifest.json`  provenance per series: source, method, origin, retrieved/imported at, first/last
                   date, rows, sha256 of the raw file
- `.lock`, `.commit.lock`  lock files (empty but for the pid of the process writing)
- `journal.json`   only while a file is being committed (or after a writer was killed mid-commit)

The store's promise: nothing on disk is lost or silently wrong, whatever the input, an interruption
or a second process does.

Writers. Importing and refreshing (`research_lib.data.ingest`) store every file through
`Store.save_raw`, which validates it (`formats.parse`) before anything is written, and wrap their
batch in ``with store.writing():``. That holds the store lock (an exclusive `flock` on `.lock`,
like DVC's repository lock) for the whole batch: a second writer waits for it, saying which process
holds it, for up to `RESEARCH_LOCK_TIMEOUT` seconds (default 600), then fails with one line. Under
the lock the manifest is read once from disk and the writer's copy is the truth; no other process
can change it meanwhile.

Each file is committed in a fixed order: the new bytes go to a temporary file beside the target;
`journal.json` records the new manifest entry; the temporary file is renamed over the old file;
the manifest is saved; the journal is deleted. An interruption (Ctrl-C, a kill, a full disk) at
any point therefore leaves either the old state (the journal is discarded) or the new one (the
new file is in place: the journal's entry is applied). The writer settles its own journal on the
way out of an exception; after a kill, the next writer replays it, and readers apply it in memory
until then. The next writer also removes temporary files a killed writer left behind.

Readers (`load`, `status`, the kernels of `research run`) never write the manifest. They take
`.commit.lock` *shared* around the few system calls that read the manifest and check a raw file,
while a writer takes it *exclusive* only around each rename-and-save above (milliseconds). So a
reader never sees a raw file and a manifest entry from two different commits, and never waits for
a whole import. A shared lock was chosen over "atomic renames plus retry" because it is exact: a
retry loop can only make a torn read unlikely, and would turn a real checksum mismatch into a
delay. On a store that cannot hold lock files (read-only), readers read without them.

The cache is derived data that describes itself: which raw file (sha256) each block was built
from and a 64-bit checksum per block, checked on every read. A block that is stale (the raw file changed) or
damaged is never served: the reader rebuilds the cache when no writer holds the store lock, and
otherwise parses that one raw file, so during an import a reader sees the old data or the new,
never a failure. A raw file changed behind the store's back is reported as corrupt, never served.

Paths from the catalog and the manifest must stay inside `raw/` (no absolute paths, no `..`, no
links leading out); `Store.snapshot_file` reads a snapshot's files under the same rules.
"""
from __future__ import annotations

import contextlib
import datetime as dt
import errno
import fcntl
import json
import os
import re
import stat
import sys
import time
from pathlib import Path

import pandas as pd

from research_lib._io import TEMP_NAME, atomic_write, sha256_bytes, utc_now, write_temp
from research_lib.config import data_dir
from research_lib.data import formats
from research_lib.data.cache import CACHE_MEMO, Blocks, Cached, CacheUnreadable, file_key, ohlcv_frame, value_frame
from research_lib.data.catalog import Catalog, Entry, catalog
from research_lib.errors import ResearchError, excerpt, one_line

# A series is stale when its last observation is older than this many days (publication lags).
STALE_AFTER_DAYS = {"daily": 10, "weekly": 21, "monthly": 75, "quarterly": 200, "annual": 800, "irregular": 800}
LOCK_NAME, COMMIT_LOCK_NAME, JOURNAL_NAME = ".lock", ".commit.lock", "journal.json"
LOCK_TIMEOUT_ENV = "RESEARCH_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 600.0
REQUIRED_KEYS = ("path", "sha256", "format")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


# --------------------------------------------------------------------------- paths
def relative_path_problem(rel: object) -> str | None:
    """Why ``rel`` cannot name a file inside a store or snapshot folder (None when it can).

    It must be a relative POSIX path without ``..``, backslashes or NUL characters.
    """
    if not isinstance(rel, str) or not rel.strip():
        return "is empty"
    if "\x00" in rel or "\\" in rel:
        return "holds a backslash or NUL character"
    if rel.startswith("/") or (len(rel) > 1 and rel[1] == ":" and rel[0].isalpha()):
        return "is absolute"
    if ".." in rel.split("/"):
        return "climbs out of the folder with '..'"
    return None


def _inside(path: Path, folder: Path) -> bool:
    """True when ``path``, links resolved, lies inside ``folder`` (also resolved)."""
    try:
        return path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):  # a link loop
        return False


# --------------------------------------------------------------------------- locks
class _Flock:
    """An advisory ``flock`` on one file, shared by every Store of this process (re-entrant).

    It coordinates processes; one process uses a store from one thread at a time.
    """

    def __init__(self, path: Path):
        self.path, self.fd, self.count, self.exclusive, self.owner = path, None, 0, False, None

    def acquire(self, exclusive: bool, wait: float | None, *, owner=None, on_wait=None) -> bool:
        """Take the lock: ``wait`` None blocks, 0 tries once, else polls that many seconds.

        Returns False when it is busy after ``wait``, or (shared) when no lock file can be opened
        (a read-only store). Raises OSError when an exclusive lock file cannot be created.
        """
        if self.count:
            if exclusive and not self.exclusive:
                raise RuntimeError(f"{self.path.name} is held shared by this process: cannot lock it exclusively")
            if exclusive and owner is not None and self.owner is not owner:
                return False  # another Store object of this process is writing
            self.count += 1
            return True
        try:
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o666)
        except OSError:
            if exclusive:
                raise
            try:
                fd = os.open(self.path, os.O_RDONLY | os.O_CLOEXEC)
            except OSError:
                return False
        mode = fcntl.LOCK_EX if exclusive else fcntl.LOCK_SH
        try:
            if wait is None:
                fcntl.flock(fd, mode)
            else:
                deadline, told = time.monotonic() + wait, False
                while True:
                    try:
                        fcntl.flock(fd, mode | fcntl.LOCK_NB)
                        break
                    except BlockingIOError:
                        if time.monotonic() >= deadline:
                            os.close(fd)
                            return False
                        if on_wait and not told:
                            on_wait()
                            told = True
                        time.sleep(0.05)
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(fd)
            raise
        self.fd, self.count, self.exclusive, self.owner = fd, 1, exclusive, owner
        return True

    def release(self) -> None:
        self.count -= 1
        if self.count == 0 and self.fd is not None:
            fd, self.fd, self.exclusive, self.owner = self.fd, None, False, None
            os.close(fd)  # closing the descriptor releases the flock

    def write_holder(self, text: str) -> None:
        """Leave a note in the lock file saying who holds it (read by waiting writers)."""
        with contextlib.suppress(OSError):
            os.ftruncate(self.fd, 0)
            os.pwrite(self.fd, text.encode("utf-8", "replace"), 0)

    def holder(self) -> str:
        try:
            with open(self.path, "rb") as fh:
                note = fh.read(300).decode("utf-8", "replace").strip()
        except OSError:
            note = ""
        return note or "another process"


_LOCKS: dict[str, _Flock] = {}


def _lock_for(path: Path) -> _Flock:
    lock = _LOCKS.get(str(path))
    if lock is None:
        lock = _LOCKS[str(path)] = _Flock(path)
    return lock


def _lock_timeout() -> float:
    value = os.environ.get(LOCK_TIMEOUT_ENV, "").strip()
    if not value:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(value)
    except ValueError:
        raise ResearchError(f"{LOCK_TIMEOUT_ENV}={excerpt(value)} is not a number of seconds: set it to e.g. 60") from None
    if not seconds >= 0:
        raise ResearchError(f"{LOCK_TIMEOUT_ENV}={excerpt(value)} must be zero or more seconds")
    return seconds


# --------------------------------------------------------------------------- manifest entries
def _entry_problem(meta: object) -> str | None:
    """Why a manifest entry cannot be used (None when it can)."""
    if type(meta) is dict:  # the usual case, checked in one expression (every load reads the manifest)
        path, sha, fmt = meta.get("path"), meta.get("sha256"), meta.get("format")
        if (type(sha) is str and len(sha) == 64 and fmt in formats.PARSERS and type(path) is str
                and _SHA256.match(sha) and relative_path_problem(path) is None):
            return None
    if not isinstance(meta, dict):
        return "it is not a JSON object"
    missing = [k for k in REQUIRED_KEYS if k not in meta]
    if missing:
        return f"it lacks {', '.join(missing)}"
    if not isinstance(meta["sha256"], str) or len(meta["sha256"]) != 64 or not _SHA256.match(meta["sha256"]):
        return "its sha256 is not a checksum"
    if meta["format"] not in formats.PARSERS:
        return f"its format {excerpt(meta['format'])} is unknown"
    problem = relative_path_problem(meta["path"])
    if problem:
        return f"its path {excerpt(meta['path'])} {problem}"
    return None


def _date_or_none(value: object) -> dt.date | None:
    """A manifest's first/last date (None when absent or not a date)."""
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) and _ISO_DATE.match(value) else None
    except ValueError:
        return None


def _write_error(exc: OSError, doing: str, root: Path) -> ResearchError:
    """A one-line error for a failed write to the store (full disk, read-only folder, ...)."""
    reason = exc.strerror or str(exc)[:80] or type(exc).__name__
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        fix = "free some disk space and run the command again"
    elif exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        fix = "point RESEARCH_DATA_DIR at a writable folder or fix the folder's permissions"
    else:
        fix = "check the data folder and run the command again"
    return ResearchError(f"cannot {doing} in the store at {root} ({reason}): {fix}; "
                         "the files stored so far are whole and match the manifest")


def _corrupt(sid: str) -> ResearchError:
    return ResearchError(f"raw file for {sid!r} is corrupt (checksum mismatch): run `research data import DIR` or `research data refresh {sid}`")


def _missing(sid: str, path: str) -> ResearchError:
    return ResearchError(f"raw file for {sid!r} is missing ({path}): run `research data import DIR` or `research data refresh {sid}`")


class _DamagedManifest(ResearchError):
    """manifest.json exists but its content is not a manifest (a writer sets it aside and starts anew)."""


# --------------------------------------------------------------------------- the store
class Store:
    """Raw files, the columnar cache and the manifest under one data directory."""

    def __init__(self, root: Path | str | None = None, cat: Catalog | None = None):
        self.root = Path(root) if root else data_dir()
        try:
            is_file = self.root.exists() and not self.root.is_dir()
        except OSError as exc:
            raise ResearchError(f"cannot open the data folder {self.root} ({exc.strerror}): fix its permissions "
                                "or point RESEARCH_DATA_DIR elsewhere") from None
        if is_file:
            raise ResearchError(f"the data folder {self.root} is a file, not a folder: point RESEARCH_DATA_DIR "
                                "at a folder (it is created when missing)")
        self.catalog = cat or catalog()
        for entry in self.catalog:
            problem = relative_path_problem(entry.path)
            if problem:
                raise ResearchError(f"catalog row {entry.id!r}: its path {excerpt(entry.path)} {problem}; it must "
                                    f"stay inside the data folder: use a relative path such as fred/{entry.id}.csv")
        self.raw_dir = self.root / "raw"
        self._raw_str = str(self.raw_dir)
        self.cache_path = self.root / "cache" / "series.arrow"
        self.ohlcv_cache_path = self.root / "cache" / "ohlcv.arrow"
        self.manifest_path = self.root / "manifest.json"
        self.journal_path = self.root / JOURNAL_NAME
        real = Path(os.path.realpath(self.root))  # one lock per folder, however it is named
        self._lock = _lock_for(real / LOCK_NAME)
        self._commit_lock = _lock_for(real / COMMIT_LOCK_NAME)
        self._manifest: dict | None = None  # {"series": {id: entry}} of usable entries
        self._broken: dict[str, tuple[object, str]] = {}  # id -> (entry as stored, why it cannot be used)
        self._key = None  # identity of the manifest and journal files the copy in memory was read from
        self._writing = 0
        #: ids whose raw file was replaced in the current (or last) writing session
        self.changed: list[str] = []
        #: where the store says something the user should know (waiting for a lock, a damaged manifest)
        self.notice = lambda text: print(text, file=sys.stderr, flush=True)

    # ------------------------------------------------------------------ manifest
    @property
    def manifest(self) -> dict:
        """``{"series": {id: entry}}``: the usable manifest entries (as of now, for a reader)."""
        if not self._writing:
            with self._reading():
                pass
        return self._manifest

    def _load_manifest(self) -> None:
        """Read and check manifest.json into memory (a missing file is an empty store)."""
        path = self.manifest_path
        fix = "run `research data import DIR` or `research data refresh` to rebuild it (the damaged file is kept aside)"
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            self._manifest, self._broken = {"series": {}}, {}
            return
        except OSError as exc:
            raise ResearchError(f"cannot read {path} ({exc.strerror}): fix its permissions or the data folder's") from None
        try:
            obj = json.loads(data.decode("utf-8"))
        except UnicodeDecodeError:
            raise _DamagedManifest(f"{path} is not UTF-8 text: {fix}") from None
        except json.JSONDecodeError:
            raise _DamagedManifest(f"{path} is not valid JSON: {fix}") from None
        if not isinstance(obj, dict) or not isinstance(obj.get("series"), dict):
            raise _DamagedManifest(f"{path} is not a store manifest (a JSON object with a 'series' object): {fix}")
        series, broken = {}, {}
        for sid, meta in obj["series"].items():
            problem = _entry_problem(meta)
            if problem:
                broken[sid] = (meta, problem)
            else:
                series[sid] = meta
        self._manifest, self._broken = {"series": series}, broken

    def _save_manifest(self, durable: bool = False) -> None:
        """Rewrite the manifest atomically (entries that cannot be used are kept as they were)."""
        series = {sid: raw for sid, (raw, _) in self._broken.items()}
        series.update(self._manifest["series"])
        atomic_write(self.manifest_path, json.dumps({"series": series}, indent=1, sort_keys=True), durable=durable)

    @contextlib.contextmanager
    def _reading(self):
        """Hold the commit lock shared while reading the manifest and raw files (see module docstring)."""
        if self._writing:  # a writer's manifest in memory is the truth
            yield
            return
        locked = self._commit_lock.acquire(exclusive=False, wait=None)
        try:
            key = (file_key(self.manifest_path), file_key(self.journal_path))
            if self._manifest is None or key != self._key:
                self._load_manifest()
                if key[1] is not None:
                    self._replay_journal(persist=False)
                self._key = key
            yield
        finally:
            if locked:
                self._commit_lock.release()

    def entry(self, series_id: str) -> dict | None:
        sid = self.catalog.get(series_id).id
        with self._reading():
            return self._manifest["series"].get(sid)

    def current_checksums(self) -> dict[str, str]:
        """sha256 of every stored raw file, by series id."""
        with self._reading():
            return {k: v["sha256"] for k, v in self._manifest["series"].items()}

    # ------------------------------------------------------------------ writing
    @contextlib.contextmanager
    def writing(self, timeout: float | None = None):
        """Hold the store lock for a batch of writes (re-entrant): ``with store.writing(): ...``.

        A second writer (another process) waits up to ``timeout`` seconds (default
        `RESEARCH_LOCK_TIMEOUT`, else 600), then gets a one-line ResearchError naming the holder.
        On entry the manifest is read from disk, an interrupted commit is settled and leftover
        temporary files are removed.
        """
        if self._writing:
            self._writing += 1
            try:
                yield self
            finally:
                self._writing -= 1
            return
        self._acquire_writer(_lock_timeout() if timeout is None else timeout)
        self._writing = 1
        try:
            self.changed = []
            self._begin()
            yield self
        finally:
            self._writing = 0
            self._key = None  # readers re-read the manifest from disk
            self._lock.release()

    def _acquire_writer(self, timeout: float) -> None:
        try:
            self.root.mkdir(parents=True, exist_ok=True)
            got = self._lock.acquire(exclusive=True, wait=timeout, owner=self, on_wait=lambda: self.notice(
                f"waiting for the store lock: {self._lock.holder()} is writing to {self.root} "
                f"(up to {timeout:g} s; Ctrl-C to stop)"))
        except OSError as exc:
            raise _write_error(exc, "take the store lock", self.root) from None
        if not got:
            if self._lock.count:
                raise ResearchError(f"the store at {self.root} is already being written by this process (another Store object)")
            raise ResearchError(f"the store at {self.root} is locked by {self._lock.holder()}: wait for it to finish "
                                f"and run the command again ({LOCK_TIMEOUT_ENV} sets how long to wait, now {timeout:g} s)")
        command = " ".join([Path(sys.argv[0]).name if sys.argv and sys.argv[0] else "python", *sys.argv[1:3]])
        self._lock.write_holder(f"process {os.getpid()} ({one_line(command, 60)}) since {utc_now()}")

    def _begin(self) -> None:
        """Start a writing session: fresh manifest, settled journal, no leftover temporary files."""
        try:
            self._load_manifest()
        except _DamagedManifest as exc:
            aside = self.root / f"manifest.damaged-{utc_now().replace(':', '')}.json"
            try:
                os.replace(self.manifest_path, aside)
            except OSError as err:
                raise _write_error(err, "set the damaged manifest aside", self.root) from None
            self.notice(f"warning: {str(exc).split(': run')[0]}; kept as {aside.name}, starting a new manifest "
                        "(series not stored again show as missing)")
            self._manifest, self._broken = {"series": {}}, {}
        try:
            self._replay_journal(persist=True)
            self._sweep_temp_files()
        except OSError as exc:
            raise _write_error(exc, "settle an interrupted write", self.root) from None

    def _sweep_temp_files(self) -> None:
        """Remove temporary files left by a writer that was killed (only writers make them)."""
        folders = [self.root, self.root / "cache"]
        folders += [Path(d) for d, _, _ in os.walk(self.raw_dir)] if self.raw_dir.is_dir() else []
        for folder in folders:
            with contextlib.suppress(FileNotFoundError, NotADirectoryError):
                for name in os.listdir(folder):
                    if TEMP_NAME.match(name):
                        (folder / name).unlink(missing_ok=True)

    def _read_journal(self) -> dict | None:
        """The pending commit in journal.json (None when there is none or it is unusable)."""
        try:
            journal = json.loads(self.journal_path.read_bytes().decode("utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            return {}
        ok = (isinstance(journal, dict) and isinstance(journal.get("id"), str) and isinstance(journal.get("staged"), str)
              and _entry_problem(journal.get("meta")) is None)
        return journal if ok else {}

    def _replay_journal(self, persist: bool) -> None:
        """Settle a commit that was interrupted: apply its entry if the new file is in place, else drop it.

        ``persist`` (a writer) saves the manifest and removes the journal and the temporary file;
        otherwise (a reader) the entry is only applied in memory.
        """
        journal = self._read_journal()
        if journal is None:
            return
        if journal:
            sid, meta = journal["id"], journal["meta"]
            target = self.raw_dir / meta["path"]
            if self._sha_of(target) == meta["sha256"]:
                self._manifest["series"][sid] = meta
                self._broken.pop(sid, None)
                if persist:
                    self._save_manifest()
                    if sid not in self.changed:
                        self.changed.append(sid)
            if persist and TEMP_NAME.match(journal["staged"]) and "/" not in journal["staged"]:
                (target.parent / journal["staged"]).unlink(missing_ok=True)
        if persist:
            self.journal_path.unlink(missing_ok=True)

    def _sha_of(self, path: Path) -> str | None:
        """sha256 of a regular file inside raw/ (None when missing, unreadable or a link leading out)."""
        try:
            if not stat.S_ISREG(os.stat(path).st_mode) or not _inside(path, self.raw_dir):
                return None
            with open(path, "rb") as fh:
                return sha256_bytes(fh.read())
        except OSError:
            return None

    def save_raw(self, entry: Entry, data: bytes, *, method: str, origin: str, provenance: str = "") -> str:
        """Validate and store one raw file. Returns 'ok' or 'unchanged'; raises FormatError if bad.

        Takes the store lock when the caller does not hold it already. A file is 'unchanged' only
        when its bytes, path and format all equal the stored ones (a manifest entry edited by hand
        is rewritten).
        """
        with self.writing():
            problem = relative_path_problem(entry.path)
            if problem:
                raise ResearchError(f"catalog row {entry.id!r}: its path {excerpt(entry.path)} {problem}: use a relative "
                                    f"path inside the data folder such as fred/{entry.id}.csv")
            target = self.raw_dir / entry.path
            digest = sha256_bytes(data)
            old = self._manifest["series"].get(entry.id)
            if (old and old["sha256"] == digest and old["path"] == entry.path and old["format"] == entry.format
                    and entry.id not in self._broken and self._sha_of(target) == digest):
                return "unchanged"
            frame = formats.parse(entry.format, data, entry.path, series_id=entry.id)
            if not _inside(target.parent, self.root) and target.parent.exists():
                raise ResearchError(f"raw folder {target.parent} is a link leading out of the store: remove the link")
            dates = frame.index if entry.is_series else None
            meta = {
                "id": entry.id,
                "source": entry.source,
                "path": entry.path,
                "format": entry.format,
                "method": method,
                "origin": origin,
                "retrieved_at": utc_now(),
                "first": str(dates[0].date()) if dates is not None and len(dates) else None,
                "last": str(dates[-1].date()) if dates is not None and len(dates) else None,
                "rows": int(len(frame)),
                "sha256": digest,
                "provenance": provenance,
            }
            self._commit(entry.id, target, data, meta)
            return "ok"

    def _commit(self, sid: str, target: Path, data: bytes, meta: dict) -> None:
        """Put one raw file and its manifest entry in place, journaled (see module docstring)."""
        try:
            staged = write_temp(target, data)
        except OSError as exc:
            raise _write_error(exc, f"write {meta['path']}", self.root) from None
        try:
            self._commit_lock.acquire(exclusive=True, wait=None)
            try:
                atomic_write(self.journal_path, json.dumps({"id": sid, "staged": staged.name, "meta": meta}))
                os.replace(staged, target)
                self._manifest["series"][sid] = meta
                self._broken.pop(sid, None)
                self._save_manifest()
                self.journal_path.unlink()
            finally:
                self._commit_lock.release()
        except BaseException as exc:
            self._settle(staged)
            if isinstance(exc, OSError):
                raise _write_error(exc, f"store {meta['path']}", self.root) from None
            raise
        self.changed.append(sid)

    def _settle(self, staged: Path) -> None:
        """After a failed or interrupted commit: replay or drop the journal now (best effort)."""
        try:
            self._commit_lock.acquire(exclusive=True, wait=None)
            try:
                self._load_manifest()
                self._replay_journal(persist=True)
            finally:
                self._commit_lock.release()
        except BaseException:  # noqa: BLE001 - the journal stays; readers apply it, the next writer replays it
            pass
        with contextlib.suppress(OSError):
            staged.unlink(missing_ok=True)

    # ------------------------------------------------------------------ snapshot files
    def snapshot_file(self, directory: Path | str, entry: Entry) -> bytes | None:
        """The bytes of ``entry``'s file in a snapshot folder; None when the folder lacks it.

        Raises FormatError (the file is refused, the import goes on) for a link leading out of the
        folder, something that is not a regular file, or a file that cannot be read; a catalog path
        leaving the folder is a ResearchError. Nothing of a refused file is read.
        """
        problem = relative_path_problem(entry.path)
        if problem:
            raise ResearchError(f"catalog row {entry.id!r}: its path {excerpt(entry.path)} {problem}")
        base = Path(directory)
        src = base / entry.path
        try:
            st = os.stat(src)
        except (FileNotFoundError, NotADirectoryError):
            return None
        except OSError as exc:
            raise formats.FormatError(entry.path, [f"cannot be read ({exc.strerror}): fix its permissions"]) from None
        if not _inside(src, base):
            raise formats.FormatError(entry.path, ["is a link to a file outside the snapshot folder: refused "
                                                   "(copy the file into the folder instead)"])
        if stat.S_ISDIR(st.st_mode):
            return None
        if not stat.S_ISREG(st.st_mode):
            raise formats.FormatError(entry.path, ["is not a regular file (a device, pipe or socket): refused"])
        try:
            with open(src, "rb") as fh:
                return fh.read()
        except OSError as exc:
            raise formats.FormatError(entry.path, [f"cannot be read ({exc.strerror}): fix its permissions"]) from None

    # ------------------------------------------------------------------ cache
    def _is_series(self, series_id: str) -> bool:
        return series_id in self.catalog.entries and self.catalog.entries[series_id].is_series

    def _wanted_cache(self) -> dict[str, str]:
        """Raw checksums the cache must be built from: every stored dated series."""
        return {k: v["sha256"] for k, v in self._manifest["series"].items() if self._is_series(k)}

    def _cached(self, path: Path) -> Cached | None:
        """The cache file at ``path``, read once per process while it stays the same (None: unusable)."""
        key = file_key(path)
        memo = CACHE_MEMO.get(str(path))
        if memo is not None and memo.key == key:
            return memo
        CACHE_MEMO.pop(str(path), None)
        if key is None:
            return None
        try:
            memo = Cached.read(path)
        except CacheUnreadable:
            return None
        CACHE_MEMO[str(path)] = memo
        return memo

    def cache_problem(self) -> str | None:
        """Why the cache cannot serve every stored series as it is (None when it can)."""
        with self._reading():
            wanted = self._wanted_cache()
        if not wanted:
            return None
        for path in (self.cache_path, self.ohlcv_cache_path):
            cached = self._cached(path)
            if cached is None:
                return f"{path.name} is missing or unreadable"
            if cached.inputs != wanted:
                return f"{path.name} is out of date"
            damaged = cached.damaged_blocks()
            if damaged:
                return f"{path.name}: the blocks of {len(damaged)} series fail their checksum ({', '.join(damaged[:3])})"
        return None

    def ensure_cache(self) -> None:
        """Rebuild the columnar cache when missing, changed, damaged or out of date (takes the store lock)."""
        with self.writing():
            if self._wanted_cache() and self.cache_problem():
                self._build_cache()

    def build_cache(self) -> None:
        """Parse every stored dated series from raw (checksums verified) into the columnar cache.

        Two Arrow IPC files (see `research_lib.data.cache`), each series one contiguous block of
        rows with its checksum. A raw file that fails its checksum or format is left out (and
        reported when loaded) without blocking the other series. Takes the store lock.
        """
        with self.writing():
            self._build_cache()

    def _build_cache(self) -> None:
        values, ohlcv = Blocks(["value"]), Blocks(formats.YAHOO_FIELDS)
        skipped = {}
        wanted = self._wanted_cache()
        for sid in sorted(wanted):
            meta = self._manifest["series"][sid]
            try:
                frame = formats.parse(meta["format"], self._read_raw(sid, meta), meta["path"], series_id=sid)
                prices = ohlcv_frame(frame, formats.YAHOO_FIELDS)
                kept = value_frame(frame)
                kept.index.as_unit("ns")  # a date out of range fails here, before any block is added
            except (ResearchError, formats.FormatError, pd.errors.OutOfBoundsDatetime) as exc:
                skipped[sid] = {"sha256": meta["sha256"], "problem": str(exc)[:300]}
                continue
            values.add(sid, kept, meta["sha256"])
            if prices is not None:
                ohlcv.add(sid, prices, meta["sha256"])
        try:
            values.write(self.cache_path, {"inputs": wanted, "skipped": skipped})
            ohlcv.write(self.ohlcv_cache_path, {"inputs": wanted, "skipped": skipped})
        except OSError as exc:
            raise _write_error(exc, "write the cache", self.root) from None

    def _rebuild_now(self) -> bool:
        """Rebuild the cache if no other process is writing to the store; True when rebuilt."""
        if self._writing:
            self._build_cache()
            return True
        try:
            if not self._lock.acquire(exclusive=True, wait=0, owner=self):
                return False
        except OSError:  # a read-only store: the reader parses raw files instead
            return False
        self._writing = 1
        try:
            self._begin()
            self._build_cache()
            return True
        except ResearchError:  # e.g. a full disk: serve from raw, the next writer rebuilds
            return False
        finally:
            self._writing = 0
            self._key = None
            self._lock.release()

    # ------------------------------------------------------------------ reading
    def _raw_or_problem(self, meta: dict) -> tuple[bytes | None, str | None]:
        """(bytes, None) for an intact raw file, else (None, problem) with problem one of
        "missing", "not a regular file", "a link leading out of the store", "unreadable: <why>",
        "checksum mismatch"."""
        path = self.raw_dir / meta["path"]
        try:
            st = os.stat(path)
            if not stat.S_ISREG(st.st_mode):
                return None, "not a regular file"
            if not _inside(path, self.raw_dir):
                return None, "a link leading out of the store"
            with open(path, "rb") as fh:
                data = fh.read()
        except (FileNotFoundError, NotADirectoryError):
            return None, "missing"
        except OSError as exc:
            return None, f"unreadable: {exc.strerror}"
        if sha256_bytes(data) != meta["sha256"]:
            return None, "checksum mismatch"
        return data, None

    def _read_raw(self, sid: str, meta: dict) -> bytes:
        """The raw file of ``sid``, checked against its manifest checksum (else a one-line ResearchError)."""
        data, problem = self._raw_or_problem(meta)
        if problem is None:
            return data
        path = self.raw_dir / meta["path"]
        if problem == "missing":
            raise _missing(sid, str(path))
        if problem.startswith("unreadable"):
            raise ResearchError(f"cannot read the raw file for {sid!r} ({problem[12:]}): fix the permissions of {path}")
        if problem == "checksum mismatch":
            raise _corrupt(sid)
        raise ResearchError(f"raw file for {sid!r} is {problem}: refused; run `research data import DIR` "
                            f"or `research data refresh {sid}`")

    def _check_raw_unchanged(self, sid: str, meta: dict) -> None:
        """Refuse to serve a series whose raw file changed behind the store's back (cheap: stat first)."""
        path = os.path.join(self._raw_str, meta["path"])
        try:
            st = os.stat(path)
        except (FileNotFoundError, NotADirectoryError):
            raise _missing(sid, path) from None
        except OSError as exc:
            raise ResearchError(f"cannot read the raw file for {sid!r} ({exc.strerror}): fix the permissions of {path}") from None
        key = (path, st.st_ino, st.st_size, st.st_mtime_ns)
        if _RAW_OK.get(key) == meta["sha256"]:
            return
        self._read_raw(sid, meta)
        _RAW_OK[key] = meta["sha256"]

    def _unchanged_meta(self, sid: str) -> dict | None:
        """The entry of ``sid`` without taking a lock, when neither the manifest nor the raw file changed
        since they were last checked together (same inode, size and mtime; a commit renames both).
        None: check under the lock."""
        if self._writing or self._key is None or self._key[1] is not None or file_key(self.manifest_path) != self._key[0]:
            return None
        meta = self._manifest["series"].get(sid)
        if meta is None:
            return None
        path = os.path.join(self._raw_str, meta["path"])
        try:
            st = os.stat(path)
        except OSError:
            return None
        return meta if _RAW_OK.get((path, st.st_ino, st.st_size, st.st_mtime_ns)) == meta["sha256"] else None

    def read(self, series_id: str, fields: str | None = None) -> tuple[pd.Series | pd.DataFrame, dict, str | None]:
        """A dated series, its manifest entry and the date of its last observation.

        fields=None: the observations (Yahoo: the adjusted close), missing values dropped;
        fields="ohlcv": open, high, low, close, adj_close, volume of a Yahoo ticker.
        """
        entry = self.catalog.get(series_id)
        if not entry.is_series:
            raise ResearchError(f"{entry.id!r} is a table, not a dated series: use load_table({entry.id!r})")
        if fields not in (None, "ohlcv"):
            raise ResearchError(f"fields={excerpt(fields)} is not supported: use None (the value) or 'ohlcv'")
        if fields == "ohlcv" and entry.source != "yahoo":
            raise ResearchError(f"fields='ohlcv' needs a Yahoo ticker; {entry.id!r} is a {entry.source} series")
        meta = self._unchanged_meta(entry.id)
        if meta is None:
            with self._reading():
                meta = self._require(entry)
                self._check_raw_unchanged(entry.id, meta)
        path = self.ohlcv_cache_path if fields == "ohlcv" else self.cache_path
        for attempt in (0, 1):
            cached = self._cached(path)
            if cached is not None:
                block = cached.get(entry.id, meta["sha256"])
                if block is not None:
                    return block, meta, cached.last_date(entry.id)
                if cached.skipped.get(entry.id, {}).get("sha256") == meta["sha256"]:
                    break  # its raw file failed to load at the last build: say why below
            if attempt or not self._rebuild_now():
                break
        return self._read_from_raw(entry, fields)

    def _read_from_raw(self, entry: Entry, fields: str | None) -> tuple[pd.Series | pd.DataFrame, dict, str | None]:
        """Parse one raw file (when its cache block is stale or damaged): the same result as the cache."""
        with self._reading():
            meta = self._require(entry)
            data = self._read_raw(entry.id, meta)
        frame = self._parse(entry.id, meta, data)
        if fields == "ohlcv":
            out = ohlcv_frame(frame, formats.YAHOO_FIELDS)
            if out is None:
                raise ResearchError(f"raw file for {entry.id!r} has no open/high/low/close columns")
        else:
            out = value_frame(frame)["value"].rename(entry.id)
        return out, meta, (str(out.index[-1].date()) if len(out) else None)

    def _parse(self, sid: str, meta: dict, data: bytes) -> pd.DataFrame:
        try:
            return formats.parse(meta["format"], data, meta["path"], series_id=sid)
        except formats.FormatError as exc:
            raise ResearchError(f"raw file for {sid!r} failed to load ({exc}): run `research data import DIR` "
                                f"or `research data refresh {sid}`") from None

    def series(self, series_id: str) -> pd.Series:
        return self.read(series_id)[0]

    def ohlcv(self, series_id: str) -> pd.DataFrame:
        return self.read(series_id, "ohlcv")[0]

    def table(self, series_id: str) -> pd.DataFrame:
        entry = self.catalog.get(series_id)
        with self._reading():
            meta = self._require(entry)
            data = self._read_raw(entry.id, meta)
        return self._parse(entry.id, meta, data)

    def _require(self, entry: Entry) -> dict:
        meta = self._manifest["series"].get(entry.id)
        if meta is None:
            if entry.id in self._broken:
                raise ResearchError(f"the manifest entry for {entry.id!r} is damaged ({self._broken[entry.id][1]}): store it "
                                    f"again with `research data import DIR` or `research data refresh {entry.id}`")
            how = f"`research data refresh {entry.id}`" if entry.live else "`research data import DIR`"
            raise ResearchError(f"no local data for {entry.id!r}: fetch it with {how} (or import a snapshot: `research data import DIR`)")
        return meta

    # ------------------------------------------------------------------ checks
    def status(self, today: dt.date | None = None) -> list[dict]:
        """One row per catalog series: source, first/last, rows, provenance, state.

        corrupt = raw file missing, unreadable or failing its checksum, or a damaged manifest
        entry (``problem`` says which); stale = the last observation is older than the usual
        publication lag of its frequency; missing = never fetched or imported.
        """
        today = today or dt.date.today()
        problems = dict(self.verify_raw(parse=False))
        with self._reading():
            series, broken = dict(self._manifest["series"]), dict(self._broken)
        rows = []
        for entry in self.catalog:
            meta = series.get(entry.id)
            row = {"id": entry.id, "source": entry.source, "title": entry.title, "frequency": entry.frequency}
            if meta is None:
                if entry.id in broken:
                    row.update(state="corrupt", problem=f"damaged manifest entry: {broken[entry.id][1]}")
                else:
                    row.update(state="missing")
            else:
                row.update({k: meta.get(k) for k in ("first", "last", "rows", "method", "origin", "retrieved_at", "sha256", "provenance")})
                if entry.id in problems:
                    row.update(state="corrupt", problem=problems[entry.id])
                elif _date_or_none(meta.get("last")) and (today - _date_or_none(meta["last"])).days > STALE_AFTER_DAYS[entry.frequency]:
                    row["state"] = "stale"
                else:
                    row["state"] = "ok"
            rows.append(row)
        return rows

    def verify_raw(self, parse: bool = True) -> list[tuple[str, str]]:
        """(id, problem) for each stored raw file that is missing, unreadable, fails its checksum or (parse) its format."""
        problems = []
        with self._reading():
            for sid, (_, why) in sorted(self._broken.items()):
                problems.append((sid, f"damaged manifest entry: {why}"))
            for sid, meta in sorted(self._manifest["series"].items()):
                data, problem = self._raw_or_problem(meta)
                if problem:
                    problems.append((sid, f"raw file missing: {self.raw_dir / meta['path']}" if problem == "missing"
                                     else problem if problem == "checksum mismatch" else f"raw file {problem}"))
                    continue
                if parse:
                    try:
                        formats.parse(meta["format"], data, meta["path"], series_id=sid)
                    except formats.FormatError as exc:
                        problems.append((sid, str(exc)))
        return sorted(problems)

    def verify(self) -> list[tuple[str, str]]:
        """Check raw files, and the cache's checksums (a bad cache is rebuilt from raw)."""
        problems = self.verify_raw()
        problem = self.cache_problem()
        if problem:
            try:
                self.build_cache()
                problems.append(("cache", f"{problem}: rebuilt from raw"))
            except ResearchError as exc:
                problems.append(("cache", f"{problem}: not rebuilt ({exc})"))
        return problems


_RAW_OK: dict = {}


_DEFAULT: dict[str, Store] = {}


def default_store() -> Store:
    """The store at `RESEARCH_DATA_DIR` (one per data directory per process)."""
    key = os.environ.get("RESEARCH_DATA_DIR", "")
    store = _DEFAULT.get(key)
    if store is None:
        store = _DEFAULT[key] = Store(data_dir())
    return store


def changes_this_process() -> list[str]:
    """Ids whose raw file the default stores of this process replaced in their last writing session."""
    return [sid for store in _DEFAULT.values() for sid in store.changed]
