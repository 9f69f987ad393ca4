"""fetch_yahoo at the yfinance boundary (a fake ``download`` with yfinance's frame layout)."""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd
import pytest

from research_lib.data.sources import SourceError
from research_lib.data.sources.yahoo import HEADER, YahooResult, fetch_yahoo
from tests.fake_servers import FakeYahooDownload, make_yf_frame, ohlcv

SPY = ohlcv([
    ("2020-01-03", 322.0, 323.5, 321.0, 322.4100036621094, 305.1, 77709700),
    ("2020-01-02", 323.5, 324.9, 322.5, 324.8699951171875, 307.4, 59151200),
])
GSPC = ohlcv([
    ("2020-01-02", 3244.669921875, 3258.139892578125, 3235.530029296875, 3257.85009765625, 3257.85009765625, 3459930000),
    ("2020-01-03", 3226.360107421875, 3246.14990234375, 3222.340087890625, 3234.85009765625, 3234.85009765625, 3484700000),
    ("2020-01-04", np.nan, np.nan, np.nan, np.nan, np.nan, np.nan),
])
SPY_CSV = (
    HEADER + "\n"
    "2020-01-02,323.5,324.9,322.5,324.8699951171875,307.4,59151200\n"
    "2020-01-03,322.0,323.5,321.0,322.4100036621094,305.1,77709700\n"
).encode()
GSPC_CSV = (
    HEADER + "\n"
    "2020-01-02,3244.669921875,3258.139892578125,3235.530029296875,3257.85009765625,3257.85009765625,3459930000\n"
    "2020-01-03,3226.360107421875,3246.14990234375,3222.340087890625,3234.85009765625,3234.85009765625,3484700000\n"
).encode()


def test_two_tickers_multiindex_and_call_arguments():
    dl = FakeYahooDownload({"SPY": SPY, "^GSPC": GSPC})
    res = fetch_yahoo(["SPY", "^GSPC"], download=dl)
    assert isinstance(res, YahooResult) and res.ok
    assert res.data == {"SPY": SPY_CSV, "^GSPC": GSPC_CSV}  # ascending; all-NaN row dropped; int volume
    assert len(dl.calls) == 1  # one batched download
    tickers, kwargs = dl.calls[0]
    assert tickers == ["SPY", "^GSPC"]
    assert kwargs["auto_adjust"] is False
    assert "session" not in kwargs
    assert kwargs["period"] == "max" and "start" not in kwargs
    assert kwargs["actions"] is False and kwargs["progress"] is False
    assert kwargs["group_by"] == "column" and kwargs["multi_level_index"] is True and kwargs["threads"] is True


def test_start_is_passed_instead_of_period():
    dl = FakeYahooDownload({"SPY": SPY})
    fetch_yahoo(["SPY"], "2020-01-01", download=dl)
    assert dl.kwargs["start"] == "2020-01-01" and "period" not in dl.kwargs
    with pytest.raises(SourceError, match="invalid start date"):
        fetch_yahoo(["SPY"], "01/01/2020", download=dl)


def test_ticker_level_first_and_lowercase_request():
    frame = make_yf_frame({"SPY": SPY, "^GSPC": GSPC}, group_by="ticker")
    assert frame.columns.names == ["Ticker", "Price"]
    frame.columns = frame.columns.set_names([None, None])  # no level names: detect by content
    res = fetch_yahoo(["spy", "^gspc"], download=FakeYahooDownload(result=frame))
    assert res.data == {"spy": SPY_CSV, "^gspc": GSPC_CSV}


def test_single_ticker_multiindex_and_flat_columns():
    res = fetch_yahoo(["SPY"], download=FakeYahooDownload({"SPY": SPY}))
    assert res.data == {"SPY": SPY_CSV}
    flat = SPY.copy()  # what multi_level_index=False gives for one ticker
    res = fetch_yahoo("SPY", download=FakeYahooDownload(result=flat))
    assert res.data == {"SPY": SPY_CSV}


def test_flat_columns_for_several_tickers_is_an_error():
    with pytest.raises(SourceError, match="cannot tell the tickers apart"):
        fetch_yahoo(["SPY", "QQQ"], download=FakeYahooDownload(result=SPY.copy()))


def test_empty_frame_is_an_error():
    with pytest.raises(SourceError, match=r"no data for SPY, QQQ"):
        fetch_yahoo(["SPY", "QQQ"], download=FakeYahooDownload(result=pd.DataFrame()))
    with pytest.raises(SourceError, match="no data"):
        fetch_yahoo(["SPY"], download=lambda tickers, **kw: None)


def test_all_nan_ticker_is_reported_failed_with_yfinance_reason():
    def download(tickers, **kwargs):
        logging.getLogger("yfinance").error("['NOSUCH']: YFTzMissingError('possibly delisted; no timezone found')")
        return make_yf_frame({"SPY": SPY, "NOSUCH": None})

    res = fetch_yahoo(["SPY", "NOSUCH"], download=download)
    assert res.data == {"SPY": SPY_CSV}
    assert list(res.failed) == ["NOSUCH"]
    assert "'NOSUCH'" in res.failed["NOSUCH"] and "possibly delisted" in res.failed["NOSUCH"]
    assert not res.ok


def test_ticker_missing_from_answer_is_failed():
    res = fetch_yahoo(["SPY", "QQQ"], download=FakeYahooDownload(result=make_yf_frame({"SPY": SPY})))
    assert res.data == {"SPY": SPY_CSV} and "not in the answer" in res.failed["QQQ"]


def test_missing_adj_close_is_failed_not_invented():
    frame = make_yf_frame({"SPY": SPY.drop(columns="Adj Close"), "^GSPC": GSPC})
    res = fetch_yahoo(["SPY", "^GSPC"], download=FakeYahooDownload(result=frame))
    assert "Adj Close" in res.failed["SPY"] and res.data == {"^GSPC": GSPC_CSV}


def test_partial_nan_row_kept_with_empty_cells_and_tz_index():
    df = ohlcv([("2020-01-02", 1.0, 2.0, 0.5, 1.5, 1.5, np.nan), ("2020-01-03", np.nan, 2.0, 0.5, 1.5, 1.5, 10)])
    df.index = df.index.tz_localize("America/New_York")
    res = fetch_yahoo(["X"], download=FakeYahooDownload({"X": df}))
    assert res.data["X"] == (HEADER + "\n2020-01-02,1.0,2.0,0.5,1.5,1.5,\n2020-01-03,,2.0,0.5,1.5,1.5,10\n").encode()


def test_exception_is_wrapped_with_ticker_list():
    boom = ConnectionError("yahoo unreachable")
    with pytest.raises(SourceError, match=r"Yahoo download failed for SPY, \^GSPC \(ConnectionError: yahoo unreachable\)") as exc:
        fetch_yahoo(["SPY", "^GSPC"], download=FakeYahooDownload(raises=boom))
    assert exc.value.__cause__ is boom


def test_duplicates_and_blank_tickers_are_dropped():
    dl = FakeYahooDownload({"SPY": SPY})
    res = fetch_yahoo(["SPY", "spy", " "], download=dl)
    assert dl.calls[0][0] == ["SPY"] and list(res.data) == ["SPY"]
    with pytest.raises(SourceError, match="no Yahoo tickers"):
        fetch_yahoo([], download=dl)


def test_default_download_is_yfinance_download_looked_up_at_call_time(monkeypatch):
    yfinance = pytest.importorskip("yfinance")
    dl = FakeYahooDownload({"SPY": SPY})
    monkeypatch.setattr(yfinance, "download", dl)
    assert fetch_yahoo(["SPY"]).data == {"SPY": SPY_CSV}
    assert len(dl.calls) == 1


def test_csv_round_trips_through_pandas():
    res = fetch_yahoo(["^GSPC"], download=FakeYahooDownload({"^GSPC": GSPC}))
    import io

    back = pd.read_csv(io.BytesIO(res.data["^GSPC"]), index_col="Date", parse_dates=True)
    assert list(back.columns) == ["Open", "High", "Low", "Close", "Adj Close", "Volume"]
    assert back["Close"].tolist() == GSPC["Close"].dropna().tolist()
    assert back["Volume"].dtype == np.int64


def test_arguments_fit_the_installed_yfinance_signature():
    import inspect

    yfinance = pytest.importorskip("yfinance")
    dl = FakeYahooDownload({"SPY": SPY})
    fetch_yahoo(["SPY"], download=dl)
    fetch_yahoo(["SPY"], "2020-01-01", download=dl)
    for tickers, kwargs in dl.calls:
        inspect.signature(yfinance.download).bind(tickers, **kwargs)  # raises TypeError on a bad keyword


@pytest.mark.filterwarnings("ignore::Warning")
def test_real_yfinance_download_with_history_stubbed(monkeypatch):
    """yfinance's own batching/concat code, with only the per-ticker network call replaced."""
    yfinance = pytest.importorskip("yfinance")
    seen = []

    def history(self, **kwargs):
        seen.append((self.ticker, kwargs))
        if self.ticker == "BAD":
            raise RuntimeError("no such ticker")
        df = SPY.copy()
        df.index = df.index.tz_localize("America/New_York")
        return df

    monkeypatch.setattr(yfinance.Ticker, "history", history)
    res = fetch_yahoo(["SPY", "BAD", "^GSPC"])
    assert res.data == {"SPY": SPY_CSV, "^GSPC": SPY_CSV}
    assert list(res.failed) == ["BAD"] and "no such ticker" in res.failed["BAD"]
    assert all(kw["auto_adjust"] is False and kw["period"] == "max" for _, kw in seen)
