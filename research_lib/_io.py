"""File plumbing shared by every layer: atomic writes, sha256, one UTC timestamp format."""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
from pathlib import Path

#: temporary files written by :func:`write_temp` are named ``.<target name>.<random>.tmp``
TEMP_NAME = re.compile(r"^\..+\.[A-Za-z0-9_]{6,}\.tmp$")


def sha256_bytes(data: bytes) -> str:
    """Hex sha256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def sha256_file(path: str | os.PathLike) -> str:
    """Hex sha256 of a file, read in 1 MB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def file_mode() -> int:
    """Mode for new files: read/write as the umask allows (0644 under umask 022, 0664 under 002).

    ``tempfile.mkstemp`` creates files with mode 0600, which would make a shared store unreadable to
    the group; every file written here gets the mode an ordinary ``open(..., "w")`` would give it.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("Umask:"):
                    return 0o666 & ~int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)  # no /proc: read the umask by setting it (and put it back at once)
    os.umask(mask)
    return 0o666 & ~mask


def write_temp(path: str | os.PathLike, data: bytes | str, *, durable: bool = False) -> Path:
    """Write ``data`` to a new temporary file beside ``path`` (same folder) and return its path.

    The caller renames it over ``path`` (``os.replace``) or deletes it. Text is written as UTF-8;
    the file gets :func:`file_mode`; ``durable`` also flushes it to disk. On failure (a full disk,
    an interruption) the temporary file is removed and the error raised.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.chmod(tmp, file_mode())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def atomic_write(path: str | os.PathLike, data: bytes | str, *, durable: bool = False) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder and a rename.

    A reader sees the old file or the new one, never half of one. Text is written as UTF-8; the
    file gets the umask's usual mode (:func:`file_mode`); ``durable`` also flushes it to disk
    before the rename.
    """
    tmp = write_temp(path, data, durable=durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def utc_now() -> str:
    """The current UTC time to the second, e.g. ``2026-01-02T03:04:05Z`` (the project's one format)."""
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
