"""Bringing data into the store: snapshot imports and live refreshes.

Both validate every file with `research_lib.data.formats` and store it through `Store.save_raw`,
in the source's stored form (`research_lib.data.sources.canonical`), so a download and an imported
file are kept exactly alike; then the columnar cache is rebuilt.

A refresh asks every catalog row's source (`research_lib.data.sources`), within one overall time
budget, and merges each answer into the stored file (`research_lib.data.versions.merge`): new
observations are added, revisions of stored dates replace the stored values, history the source
no longer serves is kept, and an answer that ends before the stored history is refused. The file a
refresh replaces is kept as a dated version. A source that cannot be reached (no network) fails
once for all its rows, at once.
"""
from __future__ import annotations

import csv
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from research_lib import config
from research_lib._io import sha256_bytes
from research_lib.data import formats, versions
from research_lib.data.catalog import Entry
from research_lib.data.store import Store
from research_lib.errors import ResearchError

DEFAULT_BUDGET_S = 1800.0  # one refresh never runs longer than this (RESEARCH_REFRESH_BUDGET, --budget)
# sources asked first: no network needed, then the big one, then the rest
SOURCE_ORDER = ["reference", "fred", "yahoo", "bea", "fed_dfa", "sec", "owid", "fred_md", "shiller", "blockchain",
                "fed_fomc", "bls", "authors"]


@dataclass
class Report:
    """Outcome of an import or refresh, per series id."""

    ok: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)
    changes: dict[str, versions.Change] = field(default_factory=dict)  # refresh: what changed, per updated id
    added: list[str] = field(default_factory=list)  # refresh: ids stored for the first time
    canonical: dict[str, str] = field(default_factory=dict)  # import: ids stored in their canonical form
    offline: set[str] = field(default_factory=set)  # refresh: ids read from reference files (no network)

    def summary(self) -> str:
        parts = [f"{len(self.ok)} ok", f"{len(self.unchanged)} unchanged", f"{len(self.failed)} failed"]
        if self.refused:
            parts.append(f"{len(self.refused)} refused")
        if self.missing:
            parts.append(f"{len(self.missing)} not in source")
        return ", ".join(parts)

    def network_ok(self) -> bool:
        """True when at least one series came from a network source (not a reference file)."""
        return any(sid not in self.offline for sid in self.ok + self.unchanged)

    def change_lines(self) -> list[str]:
        """One line per updated series that was stored before ("WALCL: 3 new, 2 revised")."""
        return [f"{sid}: {change}" for sid, change in self.changes.items() if sid not in self.added]


def _progress(items: list, desc: str, enabled: bool):
    if not enabled or not items:
        return items
    from tqdm import tqdm

    return tqdm(items, desc=desc, unit="series", file=sys.stderr, leave=False, dynamic_ncols=True)




def _canonical(entry: Entry, data: bytes) -> bytes:
    from research_lib.data.sources import canonical

    return canonical(entry, data)


def import_snapshot(store: Store, directory: Path | str, ids: Iterable[str] | None = None, progress: bool = True) -> Report:
    """Import every catalog series found in a snapshot directory (same layout as `raw/`).

    Files are stored in their source's canonical form (the form a download is stored in); the
    report lists the ones that changed that way (`Report.canonical`).
    """
    from research_lib.data.sources import fetcher_class

    directory = Path(directory)
    if not directory.is_dir():
        raise ResearchError(f"snapshot directory {directory} does not exist: pass the folder that holds fred/, yahoo/, other/")
    entries = [store.catalog.get(i) for i in ids] if ids else list(store.catalog)
    notes = _snapshot_notes(directory)
    report = Report()
    with store.writing():  # one writer at a time, for the whole batch (see research_lib.data.store)
        for entry in _progress(entries, "import", progress):
            try:
                raw = store.snapshot_file(directory, entry)  # None: not in the snapshot; links leading out are refused
            except formats.FormatError as exc:
                report.failed[entry.id] = str(exc)
                continue
            if raw is None:
                report.missing.append(entry.id)
                continue
            provenance = notes.get(entry.path, "")
            try:
                data = _canonical(entry, raw)  # a file the source's parser refuses fails here, alone
                if data != raw:
                    how = (fetcher_class(entry.source).canonical.__doc__ or "canonical form").strip().splitlines()[0].rstrip(".")
                    report.canonical[entry.id] = how
                    provenance = f"{provenance}; stored in canonical form ({how}; snapshot file sha256 {sha256_bytes(raw)[:12]})"
                state = store.save_raw(entry, data, method="import", origin=str(directory.resolve()), provenance=provenance)
            except formats.FormatError as exc:
                report.failed[entry.id] = str(exc)
                continue
            (report.ok if state == "ok" else report.unchanged).append(entry.id)
        store.ensure_cache()
    return report


# --------------------------------------------------------------------------- refresh


def default_budget() -> float:
    try:
        return float(config.env("RESEARCH_REFRESH_BUDGET") or DEFAULT_BUDGET_S)
    except ValueError:
        return DEFAULT_BUDGET_S


def _stored(store: Store, entry: Entry) -> bytes | None:
    """The stored raw file of ``entry`` when it matches its checksum (else None: nothing to merge with)."""
    meta = store.manifest["series"].get(entry.id)
    path = store.raw_dir / entry.path
    if not meta or not path.is_file():
        return None
    data = path.read_bytes()
    return data if sha256_bytes(data) == meta["sha256"] else None


def _keep(store: Store, report: Report, entry: Entry, data: bytes, method: str, origin: str, allow_shrink: bool,
          note: str = "") -> None:
    """Validate an answer, merge it into the stored file, keep the old file as a version, store."""
    data = _canonical(entry, data)
    from research_lib.data.sources.base import one_line

    try:
        formats.parse(entry.format, data, entry.path)
    except formats.FormatError as exc:
        report.failed[entry.id] = one_line(f"source returned a bad file: {exc}")
        return
    old = _stored(store, entry)
    meta = store.manifest["series"].get(entry.id)
    try:
        if old is None and meta and meta.get("last") and entry.is_series and not allow_shrink:
            # the stored file is missing or damaged: still never accept a history that ends earlier
            versions.check_last(formats.parse(entry.format, data, entry.path).index, meta["last"])
        merged, change = versions.merge(entry, old, data, allow_shrink=allow_shrink)
    except versions.Refused as exc:
        report.refused[entry.id] = str(exc)
        return
    if old is not None and merged == old:
        report.unchanged.append(entry.id)
        return
    if meta:
        versions.keep_version(store, entry, f"replaced by a refresh ({change})")
    provenance = f"refresh: {change}" + (f"; {note}" if note else "")
    try:
        state = store.save_raw(entry, merged, method=method, origin=origin, provenance=provenance)
    except formats.FormatError as exc:
        report.failed[entry.id] = one_line(f"source returned a bad file: {exc}")
        return
    if state == "ok":
        report.ok.append(entry.id)
        report.changes[entry.id] = change
        if old is None:
            report.added.append(entry.id)
    else:
        report.unchanged.append(entry.id)


def _make_fetcher(source: str, budget, timeout, retries):
    from research_lib.data.sources import fetcher_class
    from research_lib.data.sources.base import Settings

    cls = fetcher_class(source)
    settings = Settings.for_source(source, cls.default_settings, timeout=timeout, retries=retries)
    return cls(settings=settings, budget=budget)


def refresh(store: Store, ids: Iterable[str] | None = None, progress: bool = True, *, fetchers: dict | None = None,
            fred=None, timeout: float | None = None, retries: int | None = None, budget=None,
            allow_shrink: bool = False, as_of: str | None = None, vintage: str | None = None) -> Report:
    """Fetch catalog rows live (all by default) and merge them into the store; see the module docstring.

    ``fetchers`` maps a source name to a ready fetcher (tests); ``fred`` is short for
    ``fetchers={"fred": ...}``. ``timeout`` and ``retries`` override every source's settings;
    ``budget`` is the overall time limit in seconds (or a :class:`Budget`). ``as_of`` / ``vintage``
    ("first") fetch real-time vintages of FRED series instead (:func:`refresh_vintages`).
    """
    from research_lib.data.sources.base import Budget, BudgetExhausted, SourceError, SourceUnreachable, one_line

    entries = [store.catalog.get(i) for i in ids] if ids else list(store.catalog)
    if not isinstance(budget, Budget):
        budget = Budget(default_budget() if budget is None else float(budget))
    if as_of or vintage:
        return refresh_vintages(store, entries, as_of=as_of, vintage=vintage, fetcher=fred or (fetchers or {}).get("fred"),
                                budget=budget, timeout=timeout, retries=retries)
    given = dict(fetchers or {})
    if fred is not None:
        given["fred"] = fred
    groups: dict[str, list[Entry]] = {}
    for e in entries:
        groups.setdefault(e.source, []).append(e)
    order = sorted(groups, key=lambda s: SOURCE_ORDER.index(s) if s in SOURCE_ORDER else len(SOURCE_ORDER))
    report = Report()
    stop: str | None = None
    with store.writing():  # one writer at a time, for the whole batch (see research_lib.data.store)
        for source in order:
            items = groups[source]
            if stop:
                for e in items:
                    report.failed[e.id] = stop
                continue
            try:
                fetcher = given.get(source) or _make_fetcher(source, budget, timeout, retries)
            except SourceError as exc:
                for e in items:
                    report.failed[e.id] = str(exc)
                continue
            label = getattr(fetcher, "label", source) or source
            if source == "reference":
                report.offline.update(e.id for e in items)
            for position, entry in enumerate(_progress(items, label, progress)):
                try:
                    data = fetcher.fetch(entry)
                except BudgetExhausted as exc:
                    stop = str(exc)
                    for rest in items[position:]:
                        report.failed[rest.id] = stop
                    break
                except SourceUnreachable as exc:  # no network: do not wait out every series of this source
                    for rest in items[position:]:
                        report.failed[rest.id] = str(exc)
                    break
                except SourceError as exc:
                    report.failed[entry.id] = str(exc)
                    continue
                except Exception as exc:  # noqa: BLE001 - a fetcher bug must not stop the other sources
                    report.failed[entry.id] = one_line(f"{label} fetcher failed on '{entry.id}' ({type(exc).__name__}): "
                                                       "please report it; other series were still refreshed")
                    continue
                _keep(store, report, entry, data, getattr(fetcher, "method", source), getattr(fetcher, "origin", source),
                      allow_shrink)
        store.ensure_cache()
    return report


def vintage_key(series_id: str, as_of: str | None = None, vintage: str | None = None) -> str:
    """Manifest key of a cached real-time vintage: ``WALCL@2025-11-01`` or ``WALCL@first``."""
    return f"{series_id}@{as_of or vintage}"


def vintage_entry(entry: Entry, key: str) -> Entry:
    """A store entry for a cached vintage (raw file ``vintages/fred/<key>.csv``)."""
    return replace(entry, id=key, path=f"vintages/{entry.source}/{key}.csv")


def refresh_vintages(store: Store, entries: list[Entry], *, as_of: str | None, vintage: str | None, fetcher=None,
                     budget=None, timeout=None, retries=None) -> Report:
    """Fetch and cache real-time vintages (ALFRED) of FRED series: as of a date, or first releases."""
    from research_lib.data.sources.base import BudgetExhausted, SourceError, SourceUnreachable

    if vintage not in (None, "first"):
        raise ResearchError(f"vintage {vintage!r} is not supported: use --vintage first or --as-of YYYY-MM-DD")
    fetcher = fetcher or _make_fetcher("fred", budget, timeout, retries)
    report = Report()
    with store.writing():  # one writer at a time, for the whole batch (see research_lib.data.store)
        for entry in entries:
            if entry.source != "fred":
                report.failed[entry.id] = f"real-time vintages exist for FRED series only; {entry.id} comes from {entry.source}"
                continue
            key = vintage_key(entry.id, as_of, vintage)
            try:
                data = fetcher.fetch_vintage(entry, as_of=as_of, first=vintage == "first")
            except (BudgetExhausted, SourceUnreachable) as exc:
                report.failed[entry.id] = str(exc)
                break
            except SourceError as exc:
                report.failed[entry.id] = str(exc)
                continue
            what = "as first released" if vintage == "first" else f"as published on {as_of}"
            state = store.save_raw(vintage_entry(entry, key), data, method="alfred",
                                   origin=getattr(fetcher, "origin", "FRED"), provenance=f"ALFRED vintage: {entry.id} {what}")
            (report.ok if state == "ok" else report.unchanged).append(key)
    return report


def _snapshot_notes(directory: Path) -> dict[str, str]:
    """Provenance text per file from the snapshot's MANIFEST.csv files (path -> notes)."""
    notes: dict[str, str] = {}
    for manifest in directory.rglob("MANIFEST.csv"):
        folder = manifest.parent.relative_to(directory)
        try:
            with manifest.open(newline="", encoding="utf-8") as fh:
                rows = list(csv.DictReader(fh))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:  # a bad provenance file stops the import before any write
            why = exc.strerror if isinstance(exc, OSError) else "not UTF-8 text" if isinstance(exc, UnicodeDecodeError) else "not CSV"
            raise ResearchError(f"snapshot file {manifest} cannot be read ({why}): fix or remove it and import again") from None
        for row in rows:
            key = row.get("series_id") or row.get("name")
            if not isinstance(key, str) or not key:
                continue
            text = "; ".join(f"{k}: {v}" for k, v in row.items() if k in {"source_repo", "source_path", "source_commit", "notes"} and isinstance(v, str) and v)
            notes[(folder / f"{key}.csv").as_posix()] = text
    return notes
