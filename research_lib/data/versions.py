"""Refreshes that never lose history: merging an answer into the stored file, and dated versions.

:func:`merge` combines the stored raw file with a source's answer, in the raw format:

- dated files (FRED, Yahoo, two-column series), by date: the answer's observations (new ones and
  revisions of stored dates) plus every stored observation the answer no longer carries (a source
  that now serves only recent years, e.g. ICE BofA spreads on FRED, does not erase older history);
- tables, by the key columns their source declares (:meth:`Fetcher.table_key`): the answer's rows
  plus stored rows it no longer lists, in the table's order; a table without a key is replaced
  whole, but not by an answer with fewer rows.

It refuses (:class:`Refused`) an answer whose last date is older than the stored one, and a merge
it cannot do without dropping stored rows; ``allow_shrink`` accepts the answer as it is instead.
When nothing is kept from the stored file, the answer's bytes are stored unchanged.

Every stored file a refresh or restore replaces is first kept as a dated version under
``<data>/versions/<raw path without .csv>/<version>.csv`` with an ``index.json`` (checksum, dates,
rows, provenance). :func:`history` lists them, :func:`restore` brings one back (keeping the current
file as a version too, so a restore can itself be undone).
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from research_lib._io import atomic_write, sha256_bytes, utc_now
from research_lib.data.sources import table_key
from research_lib.data.sources.base import TableKey, csv_bytes
from research_lib.errors import ResearchError

DATED_FORMATS = {"fred", "yahoo", "series"}
_ISO = re.compile(r"^\d{4}-\d{2}-\d{2}")


class Refused(Exception):
    """A source answer that would shorten or age the stored history (one-line reason)."""


@dataclass
class Change:
    """What a refresh did to one stored file."""

    new: int = 0  # observations (rows) not stored before
    revised: int = 0  # stored observations whose values the answer changes
    kept: int = 0  # stored observations the answer no longer has, kept by the merge
    removed: int = 0  # stored observations dropped (only with allow_shrink)
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        parts = [f"{self.new} new", f"{self.revised} revised"]
        if self.kept:
            parts.append(f"{self.kept} kept from the stored history")
        if self.removed:
            parts.append(f"{self.removed} removed (--allow-shrink)")
        return ", ".join(parts)


# --------------------------------------------------------------------------- merging


def _cells_equal(a: list[str], b: list[str]) -> bool:
    """Same values: equal text, or equal numbers however they are spelled ("1.50" == "1.5")."""
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x == y:
            continue
        x, y = x.strip(), y.strip()
        if x in ("", ".") and y in ("", "."):
            continue
        try:
            if float(x) != float(y):
                return False
        except ValueError:
            return False
    return True


def check_last(dates, stored_last: str) -> None:
    """Refuse an answer whose last date (``dates``: a DatetimeIndex) is before ``stored_last``."""
    last = str(dates.max().date()) if len(dates) else ""
    if last < stored_last:
        raise Refused(f"the answer ends {last or 'nowhere'}, before the stored history ({stored_last}): refused "
                      "(pass --allow-shrink to accept a shorter history)")


def _dated_lines(data: bytes) -> tuple[str, dict[str, str]]:
    lines = [ln.rstrip("\r") for ln in data.decode("utf-8-sig").split("\n") if ln.strip()]
    return lines[0], {ln.split(",", 1)[0].strip(): ln for ln in lines[1:]}


def _merge_dated(old: bytes, new: bytes, allow_shrink: bool) -> tuple[bytes, Change]:
    _, old_rows = _dated_lines(old)
    header, new_rows = _dated_lines(new)
    change = Change()
    if old_rows and new_rows:
        old_last, new_last = max(old_rows), max(new_rows)
        if new_last < old_last and not allow_shrink:
            raise Refused(f"the answer ends {new_last}, before the stored history ({old_last}): refused, the stored "
                          "file is kept (pass --allow-shrink to accept a shorter history)")
    for day, line in new_rows.items():
        if day not in old_rows:
            change.new += 1
        elif not _cells_equal(line.split(",")[1:], old_rows[day].split(",")[1:]):
            change.revised += 1
    kept = sorted(d for d in old_rows if d not in new_rows)
    if allow_shrink or not kept:
        change.removed = len(kept)
        return new, change
    change.kept = len(kept)
    merged = {**{d: old_rows[d] for d in kept}, **new_rows}
    return ("\n".join([header] + [merged[d] for d in sorted(merged)]) + "\n").encode("utf-8"), change


def _table(data: bytes) -> tuple[list[str], list[list[str]]]:
    rows = [r for r in csv.reader(io.StringIO(data.decode("utf-8-sig"))) if r]
    return (rows[0], rows[1:]) if rows else ([], [])


def _merge_table(old: bytes, new: bytes, key: TableKey | None, allow_shrink: bool) -> tuple[bytes, Change]:
    old_header, old_rows = _table(old)
    header, new_rows = _table(new)
    change = Change()
    if key is None or any(c not in header for c in key.columns) or old_header != header:
        old_set = {tuple(r) for r in old_rows}
        change.new = sum(tuple(r) not in old_set for r in new_rows)
        if len(new_rows) < len(old_rows) and not allow_shrink:
            raise Refused(f"the answer has {len(new_rows)} rows, fewer than the {len(old_rows)} stored: refused, the stored "
                          "file is kept (pass --allow-shrink to accept it)")
        change.removed = max(0, len(old_rows) - len(new_rows))
        return new, change
    idx = [header.index(c) for c in key.columns]

    def keyed(rows):
        return {tuple(r[i] if i < len(r) else "" for i in idx): r for r in rows}

    old_map, new_map = keyed(old_rows), keyed(new_rows)
    dated = all(_ISO.match(k[0]) for k in list(old_map) + list(new_map)) and old_map and new_map
    if dated and not allow_shrink:
        old_last, new_last = max(k[0] for k in old_map), max(k[0] for k in new_map)
        if new_last < old_last:
            raise Refused(f"the answer ends {new_last}, before the stored table ({old_last}): refused, the stored file "
                          "is kept (pass --allow-shrink to accept a shorter history)")
    for k, row in new_map.items():
        if k not in old_map:
            change.new += 1
        elif not _cells_equal(row, old_map[k]):
            change.revised += 1
    kept = [k for k in old_map if k not in new_map]
    if allow_shrink or not kept:
        change.removed = len(kept)
        return new, change
    if key.sort is None:
        raise Refused(f"the answer lacks {len(kept)} stored rows (e.g. {', '.join(kept[0])}) and the table has no order "
                      "to keep them in: refused, the stored file is kept (pass --allow-shrink to accept it)")
    change.kept = len(kept)
    rows = list(new_map.values()) + [old_map[k] for k in kept]
    if key.sort == "key":
        order = lambda r: tuple(r[i] if i < len(r) else "" for i in idx)  # noqa: E731
    else:
        order = lambda r: key.sort(dict(zip(header, r)))  # noqa: E731
    return csv_bytes(header, sorted(rows, key=order, reverse=key.descending)), change


def merge(entry, old: bytes | None, new: bytes, *, allow_shrink: bool = False) -> tuple[bytes, Change]:
    """The file to store for ``entry`` after a refresh answered ``new`` (see module docstring)."""
    if old is None:
        if entry.format in DATED_FORMATS:
            return new, Change(new=len(_dated_lines(new)[1]))
        return new, Change(new=len(_table(new)[1]))
    if entry.format in DATED_FORMATS:
        return _merge_dated(old, new, allow_shrink)
    return _merge_table(old, new, table_key(entry), allow_shrink)


# --------------------------------------------------------------------------- versions


def _folder(store, entry) -> Path:
    return store.root / "versions" / Path(entry.path).with_suffix("")


def _index(folder: Path) -> list[dict]:
    path = folder / "index.json"
    if not path.is_file():
        return []
    try:
        return json.loads(path.read_text())
    except ValueError:
        raise ResearchError(f"{path} is not valid JSON: restore it from a backup or delete the folder") from None


def keep_version(store, entry, reason: str) -> str | None:
    """Keep the stored raw file of ``entry`` as a dated version before it is replaced; its id (None: nothing stored)."""
    meta = store.manifest["series"].get(entry.id)
    raw = store.raw_dir / entry.path
    if not meta or not raw.is_file():
        return None
    data = raw.read_bytes()
    if sha256_bytes(data) != meta["sha256"]:
        reason += "; the file did not match its checksum when kept"
    stamp = (meta.get("retrieved_at") or utc_now()).replace("-", "").replace(":", "")
    version = f"{stamp}-{sha256_bytes(data)[:8]}"
    folder = _folder(store, entry)
    index = _index(folder)
    if any(v["version"] == version for v in index):
        return version
    atomic_write(folder / f"{version}{Path(entry.path).suffix or '.csv'}", data)
    index.append({"version": version, "sha256": sha256_bytes(data), "kept_at": utc_now(), "reason": reason,
                  **{k: meta.get(k) for k in ("retrieved_at", "method", "origin", "first", "last", "rows", "provenance")}})
    atomic_write(folder / "index.json", json.dumps(index, indent=1))
    return version


def history(store, entry) -> list[dict]:
    """Stored versions of ``entry``, newest first; the current file first, marked ``current``."""
    meta = store.manifest["series"].get(entry.id)
    rows = []
    if meta:
        rows.append({"version": "current", **{k: meta.get(k) for k in ("retrieved_at", "method", "origin", "first", "last",
                                                                        "rows", "sha256")}})
    for v in sorted(_index(_folder(store, entry)), key=lambda v: v["version"], reverse=True):
        rows.append(v)
    return rows


def find_version(store, entry, version: str) -> dict:
    """The version whose id is ``version`` or starts with it (unique prefix)."""
    index = _index(_folder(store, entry))
    hits = [v for v in index if v["version"] == version] or [v for v in index if v["version"].startswith(version)]
    if not hits:
        known = ", ".join(v["version"] for v in index[-3:]) or "none"
        raise ResearchError(f"{entry.id} has no version {version!r} (latest: {known}): list them with `research data history {entry.id}`")
    if len(hits) > 1:
        raise ResearchError(f"version {version!r} of {entry.id} is ambiguous ({len(hits)} match): give more characters")
    return hits[0]


def restore(store, entry, version: str) -> dict:
    """Bring back a kept version of ``entry`` (the current file is kept as a version first)."""
    found = find_version(store, entry, version)
    path = _folder(store, entry) / f"{found['version']}{Path(entry.path).suffix or '.csv'}"
    if not path.is_file():
        raise ResearchError(f"version {found['version']} of {entry.id} is missing ({path}): pick another one")
    data = path.read_bytes()
    if sha256_bytes(data) != found["sha256"]:
        raise ResearchError(f"version {found['version']} of {entry.id} is corrupt (checksum mismatch): pick another one")
    keep_version(store, entry, f"replaced by restoring {found['version']}")
    store.save_raw(entry, data, method="restore", origin=f"version {found['version']} ({found.get('origin') or 'unknown origin'})",
                   provenance=f"restored version {found['version']} (first stored {found.get('retrieved_at')})")
    store.ensure_cache()
    return found


__all__ = ["Change", "Refused", "check_last", "find_version", "history", "keep_version", "merge", "restore"]
