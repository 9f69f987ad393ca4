"""Claim records: validation on write, the one reader, scratch folder for hand runs, summary table."""
from __future__ import annotations

import json

import numpy as np
import pytest

from research_lib.claims import read_records, summary_table, write_record
from research_lib.errors import ResearchError


def _record(**overrides) -> dict:
    record = {"id": "K1", "notebook": "01_k_shape", "verdict": "not supported",
              "headline": "ISM below 50 for 7 months at the essay date", "data_as_of": "2026-05-01",
              "evidence": {"streak_months": np.int64(7), "sp500_return": np.float64(0.4012345678), "label": "x"},
              "tests": [{"name": "run length", "statistic": 7, "p_value": None, "n": np.int64(228)}],
              "generated_at": "2026-11-27T00:00:00Z"}
    record.update(overrides)
    return write_record(record)


def test_record_written_as_plain_json(tmp_path):
    _record()
    path = tmp_path / "reports" / "claims" / "K1.json"
    on_disk = json.loads(path.read_text())
    assert on_disk["evidence"] == {"streak_months": 7, "sp500_return": 0.401235, "label": "x"}
    assert isinstance(on_disk["evidence"]["streak_months"], int) and on_disk["tests"][0]["n"] == 228
    assert not list(path.parent.glob("*.tmp"))


def test_nan_and_inf_become_null(tmp_path):
    _record(evidence={"r2": float("nan"), "coef": np.float64(np.inf), "flag": np.bool_(True)})
    text = (tmp_path / "reports" / "claims" / "K1.json").read_text()
    assert "NaN" not in text and "Infinity" not in text
    assert json.loads(text)["evidence"] == {"r2": None, "coef": None, "flag": True}


def test_rewrite_replaces_record():
    _record(verdict="inconclusive")
    _record(verdict="supported")
    records = read_records()
    assert list(records) == ["K1"] and records["K1"]["verdict"] == "supported"


def test_unknown_claim_id_and_bad_verdicts():
    with pytest.raises(ResearchError, match="unknown claim id 'K99'"):
        _record(id="K99")
    for verdict in ("true", "Supported", "untestable with public data", "", None):
        with pytest.raises(ResearchError, match="not one of"):
            _record(verdict=verdict)


@pytest.mark.parametrize("headline", ["", "   ", "TODO: write the finding", "streak of 26 months (TBD)", None])
def test_placeholder_headlines_are_rejected(headline, tmp_path):
    with pytest.raises(ResearchError, match="headline"):
        _record(headline=headline)
    assert not (tmp_path / "reports" / "claims" / "K1.json").exists()


def test_summary_table():
    a = _record()
    b = write_record({"id": "L2", "notebook": "03_liquidity_btc", "verdict": "not supported", "headline": "no lead",
                      "data_as_of": "2026-05-27", "protocol": 1, "robustness": {"agree": 4, "of": 5},
                      "verdict_essay": "inconclusive", "data_as_of_label": "2026-05-27"})
    flat = summary_table([a, b]).reset_index()
    assert list(flat.columns) == ["claim", "verdict today", "at the essay date", "robustness", "data as of", "headline"]
    assert flat["claim"].tolist()[0].startswith("K1: ISM manufacturing has stayed under 50")
    assert flat["verdict today"].tolist() == ["not supported", "not supported"]
    assert flat["at the essay date"].tolist() == ["n/a", "inconclusive"]
    assert flat["robustness"].tolist() == ["not yet under the protocol", "4 of 5 variants agree"]
    assert len(summary_table([])) == 0


def test_read_records_bad_json(tmp_path):
    folder = tmp_path / "reports" / "claims"
    folder.mkdir(parents=True)
    (folder / "K1.json").write_text("{")
    with pytest.raises(ResearchError, match="not valid JSON"):
        read_records()


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
