"""Network fetchers for the data store.

Each fetcher returns the raw bytes of a CSV file in the same format as the files of the
offline snapshot, so the store validates and writes a download exactly like an imported file:

- :class:`research_lib.data.sources.fred.FredFetcher` -> ``observation_date,<ID>`` (FRED download format)
- :func:`research_lib.data.sources.yahoo.fetch_yahoo` -> ``Date,Open,High,Low,Close,Adj Close,Volume``

Failures raise :class:`SourceError` with a one-line message naming the series and what to do.
"""

from __future__ import annotations

from research_lib.data.sources.base import SourceError, SourceUnreachable

__all__ = ["SourceError", "SourceUnreachable", "FredFetcher", "fetch_yahoo", "YahooResult"]


def __getattr__(name: str):
    # lazy re-exports: yfinance is slow to import and only needed for a refresh
    if name == "FredFetcher":
        from research_lib.data.sources.fred import FredFetcher

        return FredFetcher
    if name in ("fetch_yahoo", "YahooResult"):
        from research_lib.data.sources import yahoo

        return getattr(yahoo, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
