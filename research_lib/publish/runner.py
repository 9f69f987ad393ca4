"""Incremental, parallel notebook runner behind ``research run``.

Notebooks live in ``notebooks/NN_slug.py`` (jupytext py:percent, the source of truth) paired with
``notebooks/NN_slug.ipynb`` (committed executed). For each selected notebook the runner

1. decides whether it is up to date: the hashes recorded in ``metadata["research"]["inputs"]`` of
   the ``.ipynb`` still match. They cover what the notebook really depends on: its own ``.py``, the
   study modules it imports (``research_lib/studies/*.py``), the shared library (every other
   ``research_lib`` source, except the data catalog), the catalog rows of the series it loaded,
   and the checksum of every one of those series;
2. otherwise regenerates the notebook from the ``.py`` (no outputs), executes it with nbclient in a
   separate process (cwd ``notebooks/``, env ``RESEARCH_LOAD_LOG`` pointing at a per-notebook file in
   which every ``load()`` call logs ``{"id","sha256","as_of","catalog"}``, and ``RESEARCH_RUN`` so
   that claim records go to the tracked ``reports/claims``), fills in the provenance stamp and
   metadata, and replaces the ``.ipynb`` atomically. A failing notebook keeps its previous ``.ipynb``.

Afterwards the static site and the scorecard are rebuilt.
"""
from __future__ import annotations

import concurrent.futures as cf
import json
import multiprocessing
import os
import re
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from research_lib import config
from research_lib._io import atomic_write, sha256_bytes, utc_now
from research_lib.errors import ResearchError
from research_lib.publish import provenance

CELL_TIMEOUT_S = 900
THREAD_VARS = ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS")
NOTEBOOK_RE = re.compile(r"^\d\d_[a-z0-9_]+$")
STUDY_IMPORT = re.compile(r"research_lib\.studies\.(\w+)|from\s+research_lib\.studies\s+import\s+\(?([\w\s,]+)\)?")


@dataclass
class Failure:
    """A notebook that did not execute: which cell failed and why."""

    notebook: str
    cell_index: int | None
    first_line: str
    error: str

    def __str__(self) -> str:
        where = f"cell {self.cell_index} `{self.first_line}`" if self.cell_index is not None else "setup"
        return f"{self.notebook}: {where}: {self.error}"


@dataclass
class RunSummary:
    """Outcome of :func:`run`: notebook stems that ran, were up to date, or failed."""

    ran: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed

    def __str__(self) -> str:
        lines = [f"ran {len(self.ran)}, up to date {len(self.up_to_date)}, failed {len(self.failed)}"]
        lines += [f"  FAILED {f}" for f in self.failed]
        return "\n".join(lines)


# --------------------------------------------------------------------------- inputs / hashing
def default_root() -> Path:
    return config.REPO_ROOT


def library_hash(repo_root: Path) -> str:
    """One sha256 over the shared library: ``research_lib/**`` sources, CSVs and templates, except
    the study modules and the data catalog (those are tracked per notebook) and the site's build code
    (it renders notebooks after they run and never changes what they compute)."""
    lib = Path(repo_root) / "research_lib"
    skip = {"studies", "__pycache__"}
    files = [p for p in lib.rglob("*") if p.is_file() and not skip & set(p.relative_to(lib).parts)
             and p.relative_to(lib).as_posix() != "data/catalog.csv"
             and not p.relative_to(lib).as_posix().startswith("publish/site/")
             and (p.suffix in {".py", ".csv"} or "templates" in p.relative_to(lib).parts)]
    digest = sha256_bytes(b"".join(p.relative_to(lib).as_posix().encode() + b"\0" + p.read_bytes() + b"\0"
                                   for p in sorted(files)))
    return digest


def study_modules(py: Path) -> list[str]:
    """Names of the ``research_lib.studies`` modules a notebook imports (read from its source)."""
    names: set[str] = set()
    for one, many in STUDY_IMPORT.findall(py.read_text(encoding="utf-8")):
        names.update([one] if one else [n.split(" as ")[0].strip() for n in many.split(",") if n.strip()])
    return sorted(n for n in names if n)


def study_hashes(py: Path, repo_root: Path) -> dict[str, str]:
    """sha256 of each study module the notebook imports (a missing module hashes as empty)."""
    folder = Path(repo_root) / "research_lib" / "studies"
    return {n: sha256_bytes((folder / f"{n}.py").read_bytes()) if (folder / f"{n}.py").is_file() else ""
            for n in study_modules(py)}


def store_checksums() -> dict[str, str] | None:
    """Checksums of the data series in the local store, or None if the store cannot report them."""
    from research_lib.data.store import default_store

    try:
        return default_store().current_checksums()
    except ResearchError:
        return None


def catalog_digests() -> dict[str, str]:
    """sha256 of every catalog row, by id."""
    from research_lib.data.catalog import catalog

    return {e.id: e.digest for e in catalog()}


def discover(repo_root: Path, names: list[str] | None = None) -> list[Path]:
    """The ``notebooks/NN_*.py`` files selected by ``names`` (stem, ``NN`` prefix or path; None = all)."""
    nb_dir = Path(repo_root) / "notebooks"
    every = sorted(p for p in nb_dir.glob("[0-9][0-9]_*.py") if NOTEBOOK_RE.match(p.stem))
    if not names:
        return every
    chosen: list[Path] = []
    for name in names:
        stem = Path(name).stem
        hits = [p for p in every if p.stem == stem or p.stem.split("_")[0] == stem]
        if not hits:
            known = ", ".join(p.stem for p in every) or "none"
            raise ResearchError(f"no notebook matches {name!r}; known notebooks: {known}")
        chosen += [p for p in hits if p not in chosen]
    return chosen


def recorded(py: Path) -> dict:
    """``metadata["research"]`` of the paired ``.ipynb`` ({} when missing or unreadable)."""
    try:
        with py.with_suffix(".ipynb").open(encoding="utf-8") as fh:
            return json.load(fh).get("metadata", {}).get("research", {}) or {}
    except (OSError, ValueError, AttributeError):
        return {}


def is_up_to_date(py: Path, lib_hash: str, checksums: dict[str, str] | None,
                  rows: dict[str, str] | None = None, repo_root: Path | None = None) -> bool:
    """True when the paired ``.ipynb`` was executed from exactly these inputs."""
    inputs = recorded(py).get("inputs") or {}
    if inputs.get("source") != sha256_bytes(py.read_bytes()) or inputs.get("research_lib") != lib_hash:
        return False
    if inputs.get("studies", {}) != study_hashes(py, Path(repo_root) if repo_root else py.parent.parent):
        return False
    if rows is not None and any(rows.get(i) != d for i, d in (inputs.get("catalog") or {}).items()):
        return False
    if checksums is None:  # store cannot tell us: trust the recorded checksums
        return True
    return all(checksums.get(i) == s for i, s in (inputs.get("data") or {}).items())


# --------------------------------------------------------------------------- executing one notebook
def _first_line(source: str) -> str:
    for line in source.splitlines():
        if line.strip():
            return line.strip()[:80]
    return ""


def _read_load_log(path: Path) -> tuple[dict[str, str], dict[str, str], str | None]:
    """``{id: sha256}``, ``{id: catalog row digest}`` and the latest ``as_of`` from a load log."""
    data, rows, as_of = {}, {}, None
    if path.exists():
        for line in path.read_text().splitlines():
            if line.strip():
                rec = json.loads(line)
                data[rec["id"]] = rec.get("sha256")
                if rec.get("catalog"):
                    rows[rec["id"]] = rec["catalog"]
                if rec.get("as_of") and (as_of is None or rec["as_of"] > as_of):
                    as_of = rec["as_of"]
    return data, rows, as_of


def _records_as_of(stem: str, since: str) -> str | None:
    """The earliest as-of among the claim records the notebook just wrote, with the claim that sets it
    (the notebook's honest "data as of"); None when it wrote none."""
    from research_lib.claims.record import read_records, records_dir

    try:
        records = [r for r in read_records(records_dir()).values()
                   if r.get("notebook") == stem and r.get("generated_at", "") >= since and r.get("data_as_of")]
    except ResearchError:
        return None
    if not records:
        return None
    first = min(records, key=lambda r: r["data_as_of"])
    return f"{first.get('data_as_of_label') or first['data_as_of']} (earliest among its claims: {first['id']})"


def fill_stamp(nb, info: dict) -> bool:
    """Replace the output of the ``stamp()`` cell with the complete provenance block."""
    import nbformat

    for cell in nb.cells:
        if cell.cell_type == "code" and "stamp()" in cell.source:
            cell.outputs = [nbformat.v4.new_output(
                "display_data", data=provenance.render(info), metadata={})]
            return True
    return False


def execute_notebook(py: str | Path, out: str | Path | None = None, *, lib_hash: str | None = None,
                     code_version: str | None = None, repo_root: str | Path | None = None,
                     env: dict[str, str] | None = None) -> dict:
    """Build the notebook from ``py``, execute it, and write it to ``out`` (default: paired ``.ipynb``).

    ``env`` adds environment variables for the kernel (e.g. ``RESEARCH_DATA_DIR``). The site is built
    once after all notebooks ran (Sphinx renders only the pages whose notebook changed).
    Returns ``{"notebook", "ok", "seconds", "failure"}``; ``failure`` is a :class:`Failure` as a dict.
    Nothing is written when execution fails. Safe to call in a worker process.
    """
    import jupytext
    import nbformat
    from nbclient import NotebookClient

    py = Path(py).resolve()
    out = Path(out) if out else py.with_suffix(".ipynb")
    root = Path(repo_root) if repo_root else py.parent.parent
    started, t0 = utc_now(), time.monotonic()
    nb = jupytext.read(py)
    nb.metadata.setdefault("kernelspec", {"name": "python3", "display_name": "Python 3", "language": "python"})
    fd, log = tempfile.mkstemp(prefix=f"{py.stem}.", suffix=".loads.jsonl")
    os.close(fd)
    env = {**(env or {}), "RESEARCH_LOAD_LOG": log, "RESEARCH_RUN": "1"}
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # inherited by the kernel process
    result = {"notebook": py.stem, "ok": False, "seconds": 0.0, "failure": None}
    kernel_stderr = tempfile.TemporaryFile(mode="w+")  # kept out of the progress output
    running: list[int] = []  # indices of the cells started so far
    try:
        client = NotebookClient(nb, timeout=CELL_TIMEOUT_S, kernel_name="python3",
                                resources={"metadata": {"path": str(py.parent)}})
        client.on_cell_start = lambda cell, cell_index: running.append(cell_index)
        client.execute(stderr=kernel_stderr)
    except Exception as exc:  # CellExecutionError, CellTimeoutError, DeadKernelError, ...
        result["seconds"] = time.monotonic() - t0
        kernel_stderr.seek(0)
        result["failure"] = _failure(py.stem, nb, exc, running, kernel_stderr.read()).__dict__
        return result
    finally:
        kernel_stderr.close()
        records_as_of = _records_as_of(py.stem, started)  # read while the kernel's environment is set
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        data, rows, as_of = _read_load_log(Path(log))
        Path(log).unlink(missing_ok=True)
    runtime = round(time.monotonic() - t0, 1)
    info = {
        "code_version": code_version or provenance.code_version(root),
        "data_as_of": records_as_of or as_of,
        "executed_at": started,
        "runtime_s": runtime,
        "inputs": {"source": sha256_bytes(py.read_bytes()),
                   "research_lib": lib_hash or library_hash(root),
                   "studies": study_hashes(py, root),
                   "catalog": dict(sorted(rows.items())),
                   "data": dict(sorted(data.items()))},
    }
    fill_stamp(nb, info)
    nb.metadata["research"] = info
    atomic_write(out, nbformat.writes(nb))
    result.update(ok=True, seconds=runtime)
    return result


def _failure(stem: str, nb, exc: Exception, running: list[int], kernel_stderr: str = "") -> Failure:
    """Locate the cell that raised (first cell with an error output) and summarise the error."""
    for i, cell in enumerate(nb.cells):
        for o in cell.get("outputs", []):
            if o.get("output_type") == "error":
                return Failure(stem, i, _first_line(cell.source), f"{o.get('ename')}: {o.get('evalue')}")
    msg = str(exc).strip().splitlines()[-1] if str(exc).strip() else type(exc).__name__
    last = [line for line in kernel_stderr.splitlines() if line.strip() and "without encryption" not in line]
    if last:
        msg += f" (kernel: {last[-1].strip()})"
    cell = running[-1] if running else None  # e.g. the kernel died or timed out in this cell
    return Failure(stem, cell, _first_line(nb.cells[cell].source) if cell is not None else "",
                   f"{type(exc).__name__}: {msg}"[:300])


# --------------------------------------------------------------------------- the run
def _progress(i: int, n: int, stem: str, what: str) -> None:
    print(f"[{i}/{n}] {stem} ... {what}", file=sys.stderr, flush=True)


def run(notebooks: list[str] | None = None, jobs: int | None = None, force: bool = False, *,
        repo_root: str | Path | None = None, publish: bool = True) -> RunSummary:
    """Execute the selected notebooks (all by default) that are out of date, ``jobs`` at a time.

    Prints one progress line per notebook and a summary on stderr, then (``publish``) rebuilds the
    site and the scorecard. Returns a :class:`RunSummary`; the CLI exits 1 when it has failures.
    """
    if jobs is not None and (isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1):
        raise ResearchError(f"--jobs must be a whole number of parallel notebooks, 1 or more (got {jobs!r})")
    root = Path(repo_root) if repo_root else default_root()
    selected = discover(root, notebooks)
    lib_hash = library_hash(root)
    checksums = None if force else store_checksums()
    rows = None if force else catalog_digests()
    summary = RunSummary()
    todo = []
    n, done = len(selected), 0
    for py in selected:
        if not force and is_up_to_date(py, lib_hash, checksums, rows, root):
            done += 1
            summary.up_to_date.append(py.stem)
            _progress(done, n, py.stem, "up to date")
        else:
            todo.append(py)
    if todo:
        # longest first (last recorded runtime; unknown counts as long) to balance the workers
        todo.sort(key=lambda p: -(recorded(p).get("runtime_s") or 1e9))
        version = provenance.code_version(root)
        workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
        # one BLAS/OpenMP thread, and one variant-sweep worker, per kernel when notebooks share the cores
        env = {v: "1" for v in (*THREAD_VARS, "RESEARCH_JOBS") if v not in os.environ} if workers > 1 else {}
        ctx = multiprocessing.get_context("spawn")
        with cf.ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
            futures = {pool.submit(execute_notebook, py, lib_hash=lib_hash, code_version=version,
                                   repo_root=root, env=env): py for py in todo}
            for fut in cf.as_completed(futures):
                stem = futures[fut].stem
                done += 1
                try:
                    res = fut.result()
                except Exception as exc:  # the worker itself died
                    res = {"ok": False, "seconds": 0,
                           "failure": Failure(stem, None, "", f"{type(exc).__name__}: {exc}").__dict__}
                if res["ok"]:
                    summary.ran.append(stem)
                    _progress(done, n, stem, f"ran in {res['seconds']:.0f} s")
                else:
                    fail = Failure(**res["failure"])
                    summary.failed.append(fail)
                    _progress(done, n, stem, f"FAILED after {res['seconds']:.0f} s at {str(fail).split(': ', 1)[1]}")
    summary.ran.sort()
    summary.failed.sort(key=lambda f: f.notebook)
    if publish:
        _publish(repo_root)
    print(summary, file=sys.stderr, flush=True)
    return summary


def unreadable_notebooks(repo_root) -> list[tuple[Path, str]]:
    """(path, why) for every ``notebooks/NN_*.ipynb`` that is not a readable notebook."""
    import nbformat

    root = Path(repo_root) if repo_root else default_root()
    bad = []
    for ipynb in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        try:
            nbformat.validate(nbformat.read(ipynb, as_version=4))
        except Exception as exc:  # noqa: BLE001 - nbformat raises many types for a broken file; each is reported
            bad.append((ipynb, f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"))
    return bad


def _publish(root) -> None:
    """Rebuild the static site and the scorecard; problems are reported (one line each), not raised.

    A notebook file that cannot be read is named, one line each, and the site is not rebuilt from
    the rest (its index would silently lose the page); the scorecard is still written.
    """
    from research_lib.errors import one_line
    from research_lib.publish import scorecard, site

    builds = [("site", site.build), ("scorecard", scorecard.build)]
    bad = unreadable_notebooks(root)
    for ipynb, why in bad:
        print(one_line(f"site: {ipynb.name} is not a readable notebook ({why}): run `research run {ipynb.stem} --force` "
                       f"or restore it with git"), file=sys.stderr)
    if bad:
        print(f"site: not built: {len(bad)} unreadable notebook(s)", file=sys.stderr)
        builds = builds[1:]
    for name, build in builds:
        try:
            path = build(root)
            print(f"{name}: {path}", file=sys.stderr)
        except ResearchError as exc:
            print(f"{name}: not built: {exc}", file=sys.stderr)
