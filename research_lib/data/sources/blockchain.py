"""Blockchain.com's chart API: the bitcoin market price in US dollars, one value per day.

``GET <base>/charts/market-price?timespan=all&sampled=false&format=json`` answers
``{"status": "ok", "unit": "USD", "period": "day", "values": [{"x": <unix seconds>, "y": <price>}, ...]}``.
The catalog row ``btc_usd_pre_yahoo`` keeps the days before Yahoo's BTC-USD history starts
(2014-09-17), written as ``Date,Close_USD`` with the price spelled the shortest way that reads
back to the same float. Base ``RESEARCH_BLOCKCHAIN_URL``.
"""
from __future__ import annotations

import datetime as dt
import json

from research_lib.data.sources.base import Fetcher, SourceError, base_url, csv_bytes, number_text

URL_ENV = "RESEARCH_BLOCKCHAIN_URL"
DEFAULT_BASE = "https://api.blockchain.info"
# catalog id -> (chart name, first day NOT kept: the row stops where another source takes over)
CHARTS = {"btc_usd_pre_yahoo": ("market-price", "2014-09-17")}


class BlockchainFetcher(Fetcher):
    name = "blockchain"
    label = "Blockchain.com charts API"
    url_envs = (URL_ENV,)

    @property
    def origin(self) -> str:
        return f"{self.label} ({base_url(URL_ENV, DEFAULT_BASE)}/charts/market-price)"

    def fetch(self, entry) -> bytes:
        if entry.id not in CHARTS:
            raise SourceError(f"no Blockchain.com chart for '{entry.id}': add it to CHARTS in sources/blockchain.py")
        chart, until = CHARTS[entry.id]
        answer = self.http.get(f"{base_url(URL_ENV, DEFAULT_BASE)}/charts/{chart}", what=f"chart {chart!r}",
                               params={"timespan": "all", "sampled": "false", "format": "json"})
        try:
            payload = json.loads(answer.content)
            values = payload["values"]
            points = [(int(v["x"]), v["y"]) for v in values]
        except (ValueError, KeyError, TypeError):
            raise SourceError(f"Blockchain.com sent a malformed chart {chart!r}: try again later") from None
        if payload.get("status", "ok") != "ok":
            raise SourceError(f"Blockchain.com refused chart {chart!r} ({str(payload.get('status'))[:40]}): try again later")
        rows = {}
        for x, y in points:
            day = dt.datetime.fromtimestamp(x, tz=dt.UTC).strftime("%Y-%m-%d")
            if day < until and number_text(y):
                rows[day] = number_text(y)
        if not rows:
            raise SourceError(f"Blockchain.com chart {chart!r} has no values before {until}: try again later")
        return csv_bytes(["Date", "Close_USD"], sorted(rows.items()))


__all__ = ["BlockchainFetcher"]
