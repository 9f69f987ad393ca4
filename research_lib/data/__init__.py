"""Data: the catalog, raw-file formats, the checksummed store and its cache, imports and live
refreshes (`sources/`), the loading API and derived series (net liquidity, trading-day calendars)."""
