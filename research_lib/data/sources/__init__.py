"""The live sources behind every catalog row, one fetcher class per ``source`` value.

Every fetcher follows the contract in :mod:`research_lib.data.sources.base`: ``fetch(entry)``
returns the raw bytes of the snapshot format for the entry, ``canonical(entry, data)`` gives the
form in which a download and an imported file are both stored, ``table_key(entry)`` says how rows
of a table are matched when a refresh is merged into the stored file.

====================  =============================================================  ==========================
``source``            where                                                            module
====================  =============================================================  ==========================
``fred``              FRED API (``FRED_API_KEY``) or keyless CSV download; ALFRED      :mod:`.fred`
``yahoo``             Yahoo Finance chart API through yfinance's client                :mod:`.yahoo`
``bea``               BEA API (``BEA_API_KEY``) or BEA's flat files                    :mod:`.bea`
``owid``              Our World in Data grapher CSV (Census construction spending)     :mod:`.owid`
``fed_dfa``           Federal Reserve Board, Distributional Financial Accounts zip     :mod:`.fed_dfa`
``fred_md``           St. Louis Fed FRED-MD monthly vintages                           :mod:`.downloads`
``sec``               SEC EDGAR XBRL company facts (User-Agent from RESEARCH_CONTACT)  :mod:`.sec`
``shiller``           Shiller's data as packaged by datasets/s-and-p-500               :mod:`.downloads`
``blockchain``        Blockchain.com chart API                                         :mod:`.blockchain`
``fed_fomc``          Federal Reserve Board FOMC calendar pages                         :mod:`.calendars`
``bls``               BLS release schedules and archives                               :mod:`.calendars`
``authors``           authors' published monetary-policy surprise files (GitHub)       :mod:`.downloads`
``reference``         a file in ``data/reference/`` (no public API: ISM)               :mod:`.reference`
====================  =============================================================  ==========================
"""

from __future__ import annotations

import importlib

from research_lib.data.sources.base import BudgetExhausted, SourceError, SourceUnreachable

# source name -> "module:class" (imported on first use: yfinance and friends are slow to import)
FETCHERS = {
    "fred": "fred:FredFetcher",
    "yahoo": "yahoo:YahooFetcher",
    "bea": "bea:BeaFetcher",
    "owid": "owid:OwidFetcher",
    "fed_dfa": "fed_dfa:FedDfaFetcher",
    "fred_md": "downloads:FredMdFetcher",
    "sec": "sec:SecFetcher",
    "shiller": "downloads:ShillerFetcher",
    "blockchain": "blockchain:BlockchainFetcher",
    "fed_fomc": "calendars:FedFomcFetcher",
    "bls": "calendars:BlsFetcher",
    "authors": "downloads:AuthorsFetcher",
    "reference": "reference:ReferenceFetcher",
}

__all__ = ["FETCHERS", "BudgetExhausted", "SourceError", "SourceUnreachable", "canonical", "fetcher_class", "table_key"]


def fetcher_class(source: str):
    """The fetcher class of a catalog ``source`` value."""
    try:
        module, cls = FETCHERS[source].split(":")
    except KeyError:
        raise SourceError(f"unknown source {source!r}: use one of {', '.join(sorted(FETCHERS))}") from None
    return getattr(importlib.import_module(f"{__name__}.{module}"), cls)


def canonical(entry, data: bytes) -> bytes:
    """The stored form of a file for ``entry`` (identity for most sources; see each fetcher)."""
    return fetcher_class(entry.source).canonical(entry, data)


def table_key(entry):
    """How rows of a table entry are matched and ordered when a refresh is merged (None: whole file)."""
    return fetcher_class(entry.source).table_key(entry)
