"""research_lib: data store, shared statistics and plotting for the macro-markets research notebooks.

    from research_lib import load, load_table, panel, record_claim, as_of_date
    from research_lib import transforms as tf, stats, plotting as rplt
"""
from .api import as_of_date, load, load_table, panel
from .claims import record_claim
from .errors import ResearchError

__all__ = ["load", "load_table", "panel", "record_claim", "as_of_date", "ResearchError"]
__version__ = "0.1.0"
