"""research_lib: the macro-markets research lab's library, and the facade notebooks import.

    from research_lib import load, load_table, panel, as_of_date
    from research_lib import transforms as tf, stats, plotting as rplt, fmt

The package is layered; imports go one way only (``publish -> claims/studies -> data/analysis ->
base``):

- base: ``config`` (paths, settings, shared constants), ``errors``, ``_io`` (atomic writes, hashes)
- ``data``: catalog, formats, store and cache, ingest (import, refresh), sources, the loading API,
  derived series
- ``analysis``: transforms, stats, plotting, fmt (nothing here loads data)
- ``claims``: the registry of claims and verdicts, records, the verdict protocol, the notebook helper
- ``studies``: one module per thesis, with the helpers its notebook needs
- ``publish``: provenance, runner, scorecard, site, scaffold; ``cli`` on top

Names are imported on first use, so ``research data status`` does not pay for matplotlib.
"""
from __future__ import annotations

import importlib

from research_lib.errors import ResearchError

__version__ = "0.1.0"

_FACADE = {
    "load": "research_lib.data.api",
    "load_table": "research_lib.data.api",
    "panel": "research_lib.data.api",
    "as_of_date": "research_lib.data.api",
}
_MODULES = {
    "transforms": "research_lib.analysis.transforms",
    "stats": "research_lib.analysis.stats",
    "plotting": "research_lib.analysis.plotting",
    "fmt": "research_lib.analysis.fmt",
}

__all__ = ["ResearchError", *_FACADE, *_MODULES]


def __getattr__(name: str):
    if name in _FACADE:
        return getattr(importlib.import_module(_FACADE[name]), name)
    if name in _MODULES:
        return importlib.import_module(_MODULES[name])
    raise AttributeError(f"module 'research_lib' has no attribute {name!r}")
