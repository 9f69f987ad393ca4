"""Claim records: the JSON schema written by `record_claim`, its checks, and `summary_table`."""
from __future__ import annotations

import datetime as dt
import json

import numpy as np
import pytest

from research_lib.claims import read_records, summary_table
from research_lib.claims.record import record_claim
from research_lib.errors import ResearchError

KEYS = {"id", "notebook", "verdict", "headline", "evidence", "tests", "data_as_of", "generated_at"}


def _record(**overrides):
    kwargs = dict(
        notebook="01_k_shape",
        verdict="mixed",
        headline="ISM below 50 for 26 months; S&P 500 up 40% over the streak",
        evidence={"streak_months": np.int64(26), "sp500_return": np.float64(0.4012345678), "label": "x"},
        tests=[{"name": "OLS HAC", "statistic": 2.1, "p_value": 0.036, "n": np.int64(240)}],
        data_as_of="2026-05-01",
    )
    kwargs.update(overrides)
    return record_claim("K1", **kwargs)


def test_record_written_with_schema(tmp_path):
    record = _record()
    path = tmp_path / "reports" / "claims" / "K1.json"
    on_disk = json.loads(path.read_text())
    assert on_disk == record
    assert KEYS <= set(on_disk)
    assert on_disk["id"] == "K1" and on_disk["notebook"] == "01_k_shape" and on_disk["verdict"] == "mixed"
    assert on_disk["evidence"] == {"streak_months": 26, "sp500_return": 0.401235, "label": "x"}
    assert isinstance(on_disk["evidence"]["streak_months"], int)
    assert on_disk["tests"] == [{"name": "OLS HAC", "statistic": 2.1, "p_value": 0.036, "n": 240}]
    assert on_disk["data_as_of"] == "2026-05-01"
    generated = dt.datetime.fromisoformat(on_disk["generated_at"])
    assert generated.tzinfo is not None
    assert abs((dt.datetime.now(dt.UTC) - generated).total_seconds()) < 60
    assert on_disk["section"] == "K1"
    assert not list(path.parent.glob("*.tmp"))


def test_section_anchor(tmp_path):
    assert _record(section="The ISM streak")["section"] == "The ISM streak"


def test_nan_and_inf_become_null(tmp_path):
    _record(evidence={"r2": float("nan"), "coef": np.float64(np.inf)},
            tests=[{"name": "t", "statistic": np.nan, "p_value": np.float32("nan"), "n": 0}])
    text = (tmp_path / "reports" / "claims" / "K1.json").read_text()
    assert "NaN" not in text and "Infinity" not in text
    on_disk = json.loads(text)
    assert on_disk["evidence"] == {"r2": None, "coef": None}
    assert on_disk["tests"][0]["statistic"] is None and on_disk["tests"][0]["p_value"] is None


def test_numpy_bool_is_json_bool(tmp_path):
    record = _record(evidence={"significant": np.bool_(True), "plain": False})
    assert record["evidence"] == {"significant": True, "plain": False}


def test_rewrite_replaces_record(tmp_path):
    _record(verdict="mixed")
    _record(verdict="supported")
    records = read_records()
    assert list(records) == ["K1"] and records["K1"]["verdict"] == "supported"


def test_unknown_claim_id():
    with pytest.raises(ResearchError, match="unknown claim id 'K99'"):
        record_claim("K99", notebook="01_k_shape", verdict="mixed", headline="h", evidence={}, tests=[],
                     data_as_of="2026-05-01")


@pytest.mark.parametrize("verdict", ["true", "Supported", "untestable with public data", ""])
def test_bad_verdict(verdict):
    with pytest.raises(ResearchError, match="not one of"):
        _record(verdict=verdict)


@pytest.mark.parametrize("value", ["2026-13-01", "May 2026", "2026/05/01", "", "2026-05-01T00:00:00"])
def test_bad_date(value):
    with pytest.raises(ResearchError, match="YYYY-MM-DD"):
        _record(data_as_of=value)


@pytest.mark.parametrize("value", ["20260501", "2026-W18-5"])
def test_other_iso_spellings_are_rejected(value):
    """The record promises YYYY-MM-DD; compact or week-date ISO spellings must not be stored verbatim."""
    with pytest.raises(ResearchError, match="YYYY-MM-DD"):
        _record(data_as_of=value)


def test_incomplete_test_entry():
    with pytest.raises(ResearchError, match="lacks n, p_value"):
        _record(tests=[{"name": "OLS", "statistic": 1.0}])


def test_nothing_written_on_error(tmp_path):
    with pytest.raises(ResearchError):
        _record(verdict="maybe")
    assert not (tmp_path / "reports" / "claims" / "K1.json").exists()


def test_summary_table(tmp_path):
    a = _record()
    b = record_claim("L2", notebook="03_liquidity", verdict="not supported", headline="no lead", evidence={},
                     tests=[], data_as_of="2026-05-27")
    table = summary_table([a, b])
    columns = ([table.index.name] if table.index.name else []) + list(table.columns)
    assert columns == ["claim", "verdict today", "at the essay date", "robustness", "data as of", "headline"]
    flat = table.reset_index()
    assert flat["claim"].tolist()[0].startswith("K1: ISM manufacturing has stayed under 50")
    assert flat["verdict today"].tolist() == ["mixed", "not supported"]
    assert flat["robustness"].tolist() == ["not yet under the protocol"] * 2  # older records
    assert flat["data as of"].tolist() == ["2026-05-01", "2026-05-27"]
    assert len(summary_table([])) == 0


def test_read_records_bad_json(tmp_path):
    folder = tmp_path / "reports" / "claims"
    folder.mkdir(parents=True)
    (folder / "K1.json").write_text("{")
    with pytest.raises(ResearchError, match="not valid JSON"):
        read_records()


@pytest.mark.parametrize("headline", ["", "   ", "TODO: write the finding", "streak of 26 months (TBD)"])
def test_placeholder_headlines_are_rejected(headline, tmp_path):
    with pytest.raises(ResearchError, match="headline"):
        _record(headline=headline)
    assert not (tmp_path / "reports" / "claims" / "K1.json").exists()


@pytest.mark.parametrize("content", [b"[1, 2]", b"\x89PNG\r\n\x1a\n\x00\x00", b'{"id": "K1", "verdict": null}'])
def test_malformed_records_are_one_line_errors(content, tmp_path):
    folder = tmp_path / "reports" / "claims"
    folder.mkdir(parents=True)
    (folder / "K1.json").write_bytes(content)
    with pytest.raises(ResearchError) as err:
        read_records()
    assert "K1.json" in str(err.value) and "\n" not in str(err.value)


def test_hand_runs_write_to_the_scratch_folder(monkeypatch, tmp_path):
    """Without the runner (or an explicit reports folder) records never touch reports/claims."""
    from research_lib.claims import record as record_mod

    monkeypatch.delenv("RESEARCH_REPORTS_DIR")
    monkeypatch.delenv("RESEARCH_RUN", raising=False)
    monkeypatch.setattr(record_mod, "SCRATCH", tmp_path / "scratch")
    assert record_mod.records_dir() == tmp_path / "scratch"
    _record()
    assert (tmp_path / "scratch" / "K1.json").is_file()
    monkeypatch.setenv("RESEARCH_RUN", "1")
    assert record_mod.records_dir().name == "claims" and record_mod.records_dir().parent.name == "reports"
