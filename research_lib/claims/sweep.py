"""Running many specifications of one test: joblib locally, or a Dask cluster by configuration.

``RESEARCH_PARALLEL`` chooses the backend:

- unset: adaptive. The first specification runs here and is timed; when the rest would take more
  than :data:`PARALLEL_AFTER_SECONDS` on one core, they go to joblib's process pool on every core
  (``RESEARCH_JOBS`` caps it; the notebook runner sets 1 inside kernels that already share the
  cores), otherwise they run here too (starting workers costs more than cheap specifications);
- ``loky``: always joblib's process pool, ``RESEARCH_JOBS`` workers (default: every core);
- ``threads``: joblib's thread pool (no pickling; shares loaded data);
- ``sequential``: no parallelism;
- ``dask://HOST:PORT`` (or ``tcp://HOST:PORT``): joblib's ``dask`` backend on that scheduler
  (needs the ``cluster`` extra: ``pip install -e ".[cluster]"``).

A script may instead wrap the work in ``joblib.parallel_config(...)`` itself; that wins when
``RESEARCH_PARALLEL`` is unset.
"""
from __future__ import annotations

import os
import time
from collections.abc import Callable, Sequence
from typing import Any

from research_lib.errors import ResearchError

PARALLEL_ENV, JOBS_ENV = "RESEARCH_PARALLEL", "RESEARCH_JOBS"
#: unset backend: fan the remaining specifications out only when they would take longer than this
PARALLEL_AFTER_SECONDS = 3.0
_CLIENTS: dict[str, Any] = {}


def jobs() -> int:
    """Worker count: ``RESEARCH_JOBS`` (a positive integer), else every core."""
    raw = os.environ.get(JOBS_ENV, "").strip()
    if not raw:
        return os.cpu_count() or 1
    if not raw.isdigit() or int(raw) < 1:
        raise ResearchError(f"{JOBS_ENV}={raw[:20]!r} is not a positive whole number: set it to 1, 2, ...")
    return int(raw)


def backend() -> str:
    """The configured backend name: ``auto`` (unset), ``loky``, ``threads``, ``sequential`` or ``dask``."""
    raw = os.environ.get(PARALLEL_ENV, "").strip().lower()
    if raw == "":
        return "auto"
    if raw in ("loky", "local"):
        return "loky"
    if raw in ("threads", "threading"):
        return "threads"
    if raw in ("sequential", "none", "1"):
        return "sequential"
    if raw.startswith(("dask://", "tcp://")):
        return "dask"
    raise ResearchError(f"{PARALLEL_ENV}={raw[:40]!r} is not a backend: use loky, threads, sequential or dask://HOST:PORT")


def _dask_client(address: str):
    """A (cached) ``dask.distributed.Client`` for ``address``; joblib's dask backend finds it."""
    try:
        from dask.distributed import Client
    except ImportError:
        raise ResearchError("RESEARCH_PARALLEL names a Dask scheduler but dask.distributed is not installed: "
                            "pip install -e \".[cluster]\"") from None
    if address not in _CLIENTS:
        target = "tcp://" + address.split("://", 1)[1]
        try:
            _CLIENTS[address] = Client(target, timeout="10s", set_as_default=False)
        except OSError as exc:
            raise ResearchError(f"cannot reach the Dask scheduler at {target} ({type(exc).__name__}): "
                                "start it or unset RESEARCH_PARALLEL") from None
    return _CLIENTS[address]


def run_all(fn: Callable[[Any], Any], items: Sequence[Any]) -> list[Any]:
    """``[fn(item) for item in items]``, in parallel with the configured backend, in order."""
    items = list(items)
    kind = backend()
    if kind == "sequential" or len(items) < 2:
        return [fn(item) for item in items]
    from joblib import Parallel, delayed, parallel_config

    if kind == "dask":
        client = _dask_client(os.environ[PARALLEL_ENV].strip())
        with parallel_config(backend="dask", scheduler_host=client.scheduler.address):
            return Parallel()(delayed(fn)(item) for item in items)
    if kind == "auto":
        from joblib.parallel import get_active_backend

        _, configured = get_active_backend()  # an enclosing joblib.parallel_config decides the width
        n = configured or (jobs() if os.environ.get(JOBS_ENV) else os.cpu_count() or 1)
        if n == 1:
            return [fn(item) for item in items]
        t0 = time.perf_counter()
        first = fn(items[0])
        if (time.perf_counter() - t0) * (len(items) - 1) < PARALLEL_AFTER_SECONDS:
            return [first] + [fn(item) for item in items[1:]]
        return [first] + Parallel(n_jobs=n)(delayed(fn)(item) for item in items[1:])
    n = jobs()
    if n == 1:
        return [fn(item) for item in items]
    return Parallel(n_jobs=n, prefer="threads" if kind == "threads" else None)(delayed(fn)(item) for item in items)
