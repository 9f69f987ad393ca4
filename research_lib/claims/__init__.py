"""Claims: the registry of claims and verdicts, the records notebooks write, the notebook helper."""
from research_lib.claims.record import read_records, record_claim, records_dir, summary_table
from research_lib.claims.registry import NOT_TESTED, VERDICTS, claim, claims, essays

__all__ = ["claim", "claims", "essays", "VERDICTS", "NOT_TESTED", "record_claim", "read_records",
           "records_dir", "summary_table"]
