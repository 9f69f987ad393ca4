"""Yahoo Finance fetcher: one batched ``yfinance.download`` for many tickers.

Each ticker comes back as CSV bytes in the snapshot's ``yahoo/<TICKER>.csv`` format::

    Date,Open,High,Low,Close,Adj Close,Volume
    2020-01-02,...                           ascending ISO dates, one row per day

``auto_adjust=False`` is passed explicitly, so ``Close`` is split-adjusted only and ``Adj Close`` is
Yahoo's split+dividend adjusted close. Rows whose prices are all missing are dropped; a missing
single field is written as an empty cell. No session is passed: yfinance manages its own.

Tickers that fail (no rows, missing columns, yfinance's per-ticker errors) are reported in
:attr:`YahooResult.failed` while the others succeed; :class:`~research_lib.data.sources.SourceError` is raised
only when the whole download fails (an exception) or returns nothing at all.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from research_lib.data.sources.base import SourceError

FIELDS = ["Open", "High", "Low", "Close", "Adj Close", "Volume"]
PRICE_FIELDS = FIELDS[:5]
HEADER = "Date," + ",".join(FIELDS)
_FIELD_KEYS = {f.lower().replace(" ", "").replace("_", ""): f for f in FIELDS}


@dataclass
class YahooResult:
    """``data``: ticker -> CSV bytes; ``failed``: ticker -> one-line reason."""

    data: dict[str, bytes] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.failed


def _field_name(label) -> str | None:
    return _FIELD_KEYS.get(str(label).lower().replace(" ", "").replace("_", ""))


def _default_download():
    import yfinance  # imported lazily: it is slow to import and only needed for a refresh

    return yfinance.download


class _Capture(logging.Handler):
    def __init__(self):
        super().__init__(level=logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):  # pragma: no cover - trivial
        try:
            self.messages.append(record.getMessage())
        except Exception:  # noqa: BLE001
            pass


def _split_columns(frame, tickers: list[str]) -> dict[str, object]:
    """Map each requested ticker (matched case-insensitively) to a frame with columns = FIELDS names."""
    import pandas as pd

    cols = frame.columns
    by_upper = {t.upper(): t for t in tickers}
    out: dict[str, pd.DataFrame] = {}
    if isinstance(cols, pd.MultiIndex):
        if cols.nlevels != 2:
            raise SourceError(f"Yahoo download for {tickers} returned {cols.nlevels} column levels, expected 2")
        # which level holds the price fields? prefer names, then content
        names = [str(n).lower() if n is not None else "" for n in cols.names]
        if "price" in names:
            field_level = names.index("price")
        elif "ticker" in names:
            field_level = 1 - names.index("ticker")
        else:
            share = [
                sum(_field_name(v) is not None for v in cols.get_level_values(i).unique()) for i in range(2)
            ]
            field_level = 0 if share[0] >= share[1] else 1
        ticker_level = 1 - field_level
        for tkr_label in cols.get_level_values(ticker_level).unique():
            requested = by_upper.get(str(tkr_label).upper())
            if requested is None:
                continue
            sub = frame.xs(tkr_label, axis=1, level=ticker_level)
            out[requested] = sub.rename(columns=lambda c: _field_name(c) or str(c))
    else:
        if len(tickers) != 1:
            raise SourceError(
                f"Yahoo download for {tickers} returned single-level columns; cannot tell the tickers apart"
            )
        out[tickers[0]] = frame.rename(columns=lambda c: _field_name(c) or str(c))
    return out


def _fmt_price(x) -> str:
    if x is None:
        return ""
    x = float(x)
    if not math.isfinite(x):
        return ""
    return repr(x)


def _fmt_volume(x) -> str:
    if x is None:
        return ""
    x = float(x)
    if not math.isfinite(x):
        return ""
    return str(int(x)) if x == int(x) else repr(x)


def _to_csv(sub) -> bytes:
    import pandas as pd

    missing = [f for f in FIELDS if f not in sub.columns]
    if missing:
        raise ValueError(f"missing column(s) {', '.join(missing)}")
    if sub.columns.duplicated().any():
        raise ValueError("duplicated columns")
    sub = sub[FIELDS]
    sub = sub.apply(pd.to_numeric, errors="coerce")
    idx = pd.DatetimeIndex(pd.to_datetime(sub.index))
    if idx.tz is not None:
        idx = idx.tz_localize(None)
    sub = sub.set_axis(idx.normalize(), axis=0)
    sub = sub[~sub.index.isna()]
    sub = sub.dropna(how="all", subset=PRICE_FIELDS)
    sub = sub[~sub.index.duplicated(keep="last")].sort_index()
    if sub.empty:
        raise ValueError("no rows with prices")
    lines = [HEADER]
    for ts, row in zip(sub.index, sub.itertuples(index=False, name=None)):
        prices = ",".join(_fmt_price(v) for v in row[:5])
        lines.append(f"{ts.strftime('%Y-%m-%d')},{prices},{_fmt_volume(row[5])}")
    return ("\n".join(lines) + "\n").encode("utf-8")


def fetch_yahoo(
    tickers: list[str],
    start: str | None = None,
    *,
    download: Callable | None = None,
) -> YahooResult:
    """Download daily OHLCV for ``tickers`` in one batch (full history, or from ``start`` "YYYY-MM-DD")."""
    if isinstance(tickers, str):
        tickers = [tickers]
    seen: dict[str, str] = {}
    for t in tickers:
        t = str(t).strip()
        if not t:
            continue
        seen.setdefault(t.upper(), t)
    tickers = list(seen.values())
    if not tickers:
        raise SourceError("no Yahoo tickers to download: pass at least one ticker, e.g. '^GSPC'")
    kwargs = dict(
        auto_adjust=False,
        actions=False,
        group_by="column",
        progress=False,
        threads=True,
        multi_level_index=True,
        interval="1d",
    )
    if start is None:
        kwargs["period"] = "max"
    else:
        try:
            date.fromisoformat(str(start))
        except ValueError:
            raise SourceError(f"invalid start date {start!r} for the Yahoo download: use YYYY-MM-DD") from None
        kwargs["start"] = str(start)

    fn = download if download is not None else _default_download()
    capture = _Capture()
    yf_logger = logging.getLogger("yfinance")
    yf_logger.addHandler(capture)
    try:
        frame = fn(tickers, **kwargs)
    except Exception as exc:  # noqa: BLE001 - re-raised with context
        raise SourceError(
            f"Yahoo download failed for {', '.join(tickers)} ({type(exc).__name__}: {exc}): try again later"
        ) from exc
    finally:
        yf_logger.removeHandler(capture)

    if frame is None or getattr(frame, "empty", True):
        detail = "; ".join(capture.messages)[:300]
        raise SourceError(
            f"Yahoo returned no data for {', '.join(tickers)}"
            f"{' (' + detail + ')' if detail else ''}: check the tickers or try again later"
        )

    result = YahooResult()
    per_ticker = _split_columns(frame, tickers)
    for t in tickers:
        sub = per_ticker.get(t)
        if sub is None:
            result.failed[t] = _reason(t, "not in the answer", capture.messages)
            continue
        try:
            result.data[t] = _to_csv(sub)
        except ValueError as exc:
            result.failed[t] = _reason(t, str(exc), capture.messages)
    return result


def _reason(ticker: str, what: str, messages: list[str]) -> str:
    related = [m for m in messages if f"'{ticker.upper()}'" in m or f"${ticker.upper()}" in m]
    detail = f" ({'; '.join(related)[:200]})" if related else ""
    return f"Yahoo returned no usable data for '{ticker}': {what}{detail}; check the ticker on finance.yahoo.com"


__all__ = ["fetch_yahoo", "YahooResult", "FIELDS", "HEADER"]
