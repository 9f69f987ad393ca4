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


# --------------------------------------------------------------------------- whole files only


def test_file_cut_mid_row_is_refused(walcl):
    """WALCL cut inside its last value: 6,745,699 must not be stored as 6,745."""
    data = _bytes([walcl[0], "2024-01-03,7681024", "2024-01-10,6745699"])[:-4]
    assert data.endswith(b",6745")
    message = _problem("fred", data)
    assert "no line end" in message and "cut short" in message and "'2024-01-10,6745'" in message


def test_file_cut_at_a_field_boundary_is_refused(walcl):
    message = _problem("fred", _bytes([walcl[0], walcl[1]]) + walcl[2].split(",")[0].encode() + b",")
    assert "no line end" in message


@pytest.mark.parametrize("fmt,rel", [("yahoo", "yahoo/BTC-USD.csv"), ("series", "other/ism_manufacturing_pmi.csv"),
                                     ("table", "other/shiller_sp500_monthly.csv"), ("bea_wide", BEA_T30200)])
def test_every_format_refuses_a_cut_file(shared_data, fmt, rel):
    data = (shared_data / rel).read_bytes()
    cut = data[: len(data) - 3]
    assert "no line end" in _problem(fmt, cut, rel)


def test_yahoo_row_with_missing_fields_is_refused(shared_data):
    lines = _lines(shared_data, "yahoo/BTC-USD.csv")
    lines[7] = ",".join(lines[7].split(",")[:4])  # date, open, high, low: close, adj close, volume missing
    message = _problem("yahoo", _bytes(lines), "yahoo/BTC-USD.csv")
    assert "line 8 has 4 fields but the header has 7" in message


def test_row_with_extra_fields_is_refused(walcl):
    lines = list(walcl)
    lines[9] += ",123"
    assert "line 10 has 3 fields but the header has 2" in _problem("fred", _bytes(lines))


def test_bea_row_cut_short_is_refused(shared_data):
    lines = _lines(shared_data, BEA_T30200)
    at = next(i for i, ln in enumerate(lines) if ln.split(",")[0].strip('"').isdigit())
    lines[at] = ",".join(lines[at].split(",")[:5])
    assert "fields but the header has" in _problem("bea_wide", _bytes(lines), BEA_T30200)


@pytest.mark.parametrize("value", ["inf", "-inf", "Infinity", "1e400", "-1e309"])
def test_non_finite_values_are_refused(walcl, value):
    lines = list(walcl)
    lines[12] = f"{lines[12].split(',')[0]},{value}"
    message = _problem("fred", _bytes(lines))
    assert "not a finite number" in message and "line 13" in message


def test_non_finite_value_in_a_table_is_refused():
    assert "not a finite number" in _problem("table", b"a,b\n1,2\n3,1e400\n", "t.csv")


@pytest.mark.parametrize("date", ["3026-01-01", "9999-12-31", "1600-01-01", "0001-01-01", "2262-04-12"])
def test_dates_outside_the_store_range_are_refused(walcl, date):
    """pandas' nanosecond dates end in 2262 and start in 1677: later or earlier dates would wrap in the cache."""
    lines = [walcl[0], "1700-01-01,1", "2000-01-01,2", f"{date},3"] if date > "2000" else [walcl[0], f"{date},3", "2000-01-01,2"]
    message = _problem("fred", _bytes(lines))
    assert f"date {date}" in message and "outside the dates a store can hold" in message


def test_dates_at_the_edges_of_the_range_are_kept():
    frame = formats.parse("fred", b"observation_date,X\n1677-09-22,1\n2262-04-11,2\n", "x.csv")
    assert [str(d.date()) for d in frame.index] == ["1677-09-22", "2262-04-11"]
    assert frame.index.dtype == "datetime64[ns]"


def test_non_ascii_digits_in_a_date_are_not_iso():
    assert "not ISO" in _problem("fred", "observation_date,X\n٢٠٢٠-٠١-٠١,1\n".encode(), "x.csv")


def test_value_column_must_be_named_after_the_series(walcl):
    data = _bytes(["observation_date,WTREGEN", *walcl[1:]])
    formats.parse("fred", data, "fred/WALCL.csv")  # without an id: any name
    with pytest.raises(FormatError) as err:
        formats.parse("fred", data, "fred/WALCL.csv", series_id="WALCL")
    message = str(err.value)
    assert "'WTREGEN'" in message and "'WALCL'" in message and "another series" in message
    assert len(formats.parse("fred", _bytes(walcl), "fred/WALCL.csv", series_id="WALCL")) == len(walcl) - 1


@pytest.mark.parametrize("fmt", ["fred", "yahoo", "series", "table", "bea_wide"])
def test_non_utf8_file_is_one_bounded_problem(fmt):
    data = b"observation_date,X\n2020-01-01,\xff\xfe1\n"
    message = _problem(fmt, data, "x.csv")
    assert "not UTF-8" in message and "0xff" in message


def test_binary_file_is_refused():
    assert "NUL bytes" in _problem("fred", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\n", "x.csv")


def test_quoted_field_spanning_lines_is_counted_against_the_rows():
    frame = formats.parse("table", b'a,b\n1,"two\nlines"\n3,4\n', "t.csv")
    assert len(frame) == 2


def test_messages_quote_at_most_a_short_excerpt(walcl):
    """A 20 MB field gives a message of a few hundred characters, never the field."""
    huge = "9" * 20_000_000
    for lines, fmt in (([walcl[0], f"2020-01-01,{huge}x"], "fred"), ([f"observation_date,{huge}", "2020-01-01,1"], "fred"),
                       ([walcl[0], f"{huge},1"], "fred")):
        with pytest.raises(FormatError) as err:
            formats.parse(fmt, _bytes(lines), "fred/WALCL.csv", series_id="WALCL")
        assert len(str(err.value)) < 600, str(err.value)[:200]
        assert "chars)" in str(err.value)


def test_many_problems_are_counted_not_all_quoted():
    err = FormatError("x.csv", [f"problem {i}" for i in range(50)])
    assert "and 45 more problems" in str(err) and "problem 5" not in str(err)


def test_unknown_format_is_a_format_error():
    assert "unknown format" in _problem("parquet", b"x\n", "x.csv")
