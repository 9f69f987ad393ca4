"""Claims: the registry of claims and verdicts, the records notebooks write, the notebook helper."""
from research_lib.claims.record import read_records, records_dir, summary_table, write_record
from research_lib.claims.registry import NOT_TESTED, VERDICTS, claim, claims, essays

__all__ = ["claim", "claims", "essays", "VERDICTS", "NOT_TESTED", "write_record", "read_records",
           "records_dir", "summary_table"]
