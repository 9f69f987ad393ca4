"""Raw formats: every real snapshot file parses; broken copies raise FormatError naming the problem."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from research_lib.data import formats
from research_lib.data.catalog import read_catalog
from research_lib.data.formats import FormatError
from research_lib.data.sources import canonical
from tests.conftest import BEA_T30200, REAL_CATALOG

REAL_ENTRIES = list(read_catalog(REAL_CATALOG))


@pytest.mark.parametrize("entry", REAL_ENTRIES, ids=[e.id for e in REAL_ENTRIES])
def test_real_file_parses_with_its_format(entry, shared_data):
    data = canonical(entry, (shared_data / entry.path).read_bytes())  # the form the store keeps
    frame = formats.parse(entry.format, data, entry.path)
    assert len(frame) > 0
    if entry.is_series:
        assert isinstance(frame.index, pd.DatetimeIndex) and frame.index.name == "date"
        assert frame.index.is_monotonic_increasing and frame.index.is_unique
        assert frame["value"].dtype == np.float64
        assert frame["value"].notna().any()
        if entry.format in {"fred", "series"}:
            body = [ln for ln in data.decode("utf-8-sig").splitlines()[1:] if ln.strip()]
            assert len(frame) == len(body)
    if entry.format == "yahoo":
        assert list(frame.columns) == [*formats.YAHOO_FIELDS, "value"]
    if entry.format == "bea_wide":
        assert list(frame.columns) == ["line", "description", "period", "value"]


# --------------------------------------------------------------------------- broken copies


def _lines(shared_data, rel: str) -> list[str]:
    return (shared_data / rel).read_text().splitlines()


def _bytes(lines: list[str]) -> bytes:
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture(scope="module")
def walcl(shared_data) -> list[str]:
    lines = _lines(shared_data, "fred/WALCL.csv")
    assert lines[0] == "observation_date,WALCL"
    return lines


def _problem(fmt: str, data: bytes, name: str = "fred/WALCL.csv") -> str:
    with pytest.raises(FormatError) as err:
        formats.parse(fmt, data, name)
    assert err.value.problems, "FormatError without problems"
    message = str(err.value)
    assert message.startswith(name + ":")
    assert "\n" not in message
    return message


def test_fred_real_copy_is_fine(walcl):
    frame = formats.parse("fred", _bytes(walcl), "fred/WALCL.csv")
    first_date, first_value = walcl[1].split(",")
    assert frame.index[0] == pd.Timestamp(first_date)
    assert frame["value"].iloc[0] == float(first_value)


def test_bad_header(walcl):
    message = _problem("fred", _bytes(["date;WALCL", *walcl[1:]]))
    assert "header" in message and "observation_date" in message


def test_wrong_number_of_columns_in_header(walcl):
    message = _problem("fred", _bytes(["observation_date,WALCL,EXTRA", *[ln + ",1" for ln in walcl[1:]]]))
    assert "header" in message


def test_unsorted_dates(walcl):
    lines = list(walcl)
    lines[10], lines[11] = lines[11], lines[10]
    message = _problem("fred", _bytes(lines))
    assert "not ascending" in message and "line 12" in message
    assert lines[10].split(",")[0] in message


def test_duplicate_date(walcl):
    lines = [*walcl[:20], walcl[19], *walcl[20:]]
    message = _problem("fred", _bytes(lines))
    assert f"duplicate date {walcl[19].split(',')[0]}" in message


def test_text_in_number_column(walcl):
    lines = list(walcl)
    date = lines[30].split(",")[0]
    lines[30] = f"{date},n/a"
    message = _problem("fred", _bytes(lines))
    assert "column 'WALCL'" in message and "'n/a'" in message and "line 31" in message


def test_non_iso_date(walcl):
    lines = list(walcl)
    y, m, d = lines[5].split(",")[0].split("-")
    lines[5] = f"{m}/{d}/{y},{lines[5].split(',')[1]}"
    message = _problem("fred", _bytes(lines))
    assert "not ISO" in message and "line 6" in message and f"{m}/{d}/{y}" in message


def test_impossible_calendar_date(walcl):
    lines = [walcl[0], "2020-02-30,1.0", "2020-03-01,2.0"]
    assert "calendar date" in _problem("fred", _bytes(lines))


def test_empty_file():
    message = _problem("fred", b"")
    assert "not a readable CSV" in message


def test_header_only():
    assert "no rows" in _problem("fred", b"observation_date,WALCL\n")


def test_several_problems_are_all_listed(walcl):
    lines = list(walcl)
    lines[3] = "03/01/2003,1"
    lines[7] = lines[7].split(",")[0] + ",abc"
    with pytest.raises(FormatError) as err:
        formats.parse("fred", _bytes(lines), "fred/WALCL.csv")
    assert len(err.value.problems) == 2


def test_missing_markers_are_nan_not_errors():
    data = b"observation_date,X\n2020-01-01,1\n2020-01-02,.\n2020-01-03,\n2020-01-06,2.5\n"
    frame = formats.parse("fred", data, "x.csv")
    assert frame["value"].isna().tolist() == [False, True, True, False]


def test_old_fred_date_header():
    frame = formats.parse("fred", b"DATE,X\n2020-01-01,1\n", "x.csv")
    assert frame["value"].tolist() == [1.0]


# --------------------------------------------------------------------------- other formats


def test_yahoo_bad_header(shared_data):
    lines = _lines(shared_data, "yahoo/BTC-USD.csv")
    lines[0] = "Date,Open,High,Low,Close,Volume"
    lines = [lines[0], *[",".join(ln.split(",")[:5] + ln.split(",")[6:]) for ln in lines[1:]]]
    message = _problem("yahoo", _bytes(lines), "yahoo/BTC-USD.csv")
    assert "header" in message and "Adj Close" in message


def test_yahoo_text_in_volume(shared_data):
    lines = _lines(shared_data, "yahoo/BTC-USD.csv")
    parts = lines[4].split(",")
    parts[6] = "lots"
    lines[4] = ",".join(parts)
    message = _problem("yahoo", _bytes(lines), "yahoo/BTC-USD.csv")
    assert "column 'Volume'" in message and "line 5" in message


def test_yahoo_value_is_adjusted_close_with_close_fallback():
    data = (
        b"Date,Open,High,Low,Close,Adj Close,Volume\n"
        b"2020-01-02,1,2,0.5,1.5,1.4,100\n"
        b"2020-01-03,1,2,0.5,1.6,,100\n"
    )
    frame = formats.parse("yahoo", data, "y.csv")
    assert frame["value"].tolist() == [1.4, 1.6]


def test_series_wrong_column_count(shared_data):
    lines = _lines(shared_data, "other/ism_manufacturing_pmi.csv")
    lines = [ln + ",x" for ln in lines]
    assert "expected 2 columns" in _problem("series", _bytes(lines), "other/ism_manufacturing_pmi.csv")


def test_series_unsorted(shared_data):
    lines = _lines(shared_data, "other/ism_manufacturing_pmi.csv")
    lines[1], lines[2] = lines[2], lines[1]
    assert "not ascending" in _problem("series", _bytes(lines), "other/ism_manufacturing_pmi.csv")


def test_bea_wide_without_line_headers(shared_data):
    lines = _lines(shared_data, BEA_T30200)
    broken = [ln for ln in lines if not ln.startswith("Line,")]
    assert "Line" in _problem("bea_wide", _bytes(broken), BEA_T30200)


def test_bea_wide_long_shape(shared_data):
    frame = formats.parse("bea_wide", (shared_data / BEA_T30200).read_bytes(), BEA_T30200)
    assert frame["period"].str.fullmatch(r"\d{4}Q[1-4]").all()
    assert frame["line"].dtype.kind == "i" and frame["value"].dtype == np.float64
    # footnote digits are stripped from descriptions ("Personal current taxes1")
    assert "Personal current taxes" in set(frame["description"])


def test_table_empty():
    assert "no rows" in _problem("table", b"a,b\n", "t.csv")


def test_table_unreadable():
    assert "not a readable CSV" in _problem("table", b"", "t.csv")
