"""Sources that publish the raw file itself: the fetcher downloads it and checks it.

- ``shiller``: Robert Shiller's monthly S&P 500 data as packaged by the Data Packages project
  (``datasets/s-and-p-500``, ``data/data.csv``, refreshed monthly from Shiller's ``ie_data.xls``);
  base ``RESEARCH_SHILLER_URL``.
- ``fred_md``: the St. Louis Fed's FRED-MD monthly database, one file per vintage
  (``<base>/<YYYY-MM>-md.csv``, older vintages ``<YYYY-MM>.csv``); base ``RESEARCH_FRED_MD_URL``.
- ``authors``: monetary-policy surprise series as published by their authors in their public
  repositories (Jarocinski-Karadi, Jarocinski, Bousquet's compilation); base ``RESEARCH_GITHUB_RAW_URL``.

The agency's format is the stored format here, so a download is stored byte for byte.
"""
from __future__ import annotations

from research_lib.data.sources.base import Fetcher, SourceError, TableKey, base_url, check_text_csv


class _Download(Fetcher):
    """A CSV file downloaded as is (subclasses map catalog ids to URLs)."""

    url_env = ""
    default_base = ""
    files: dict[str, str] = {}
    keys: dict[str, TableKey] = {}

    @property
    def base(self) -> str:
        return base_url(self.url_env, self.default_base)

    @property
    def origin(self) -> str:
        return f"{self.label} ({self.base})"

    def urls(self, entry) -> list[str]:
        path = self.files.get(entry.id)
        if path is None:
            raise SourceError(f"{self.label} has no file for '{entry.id}': add it to {type(self).__name__}.files")
        return [f"{self.base}/{path}"]

    def fetch(self, entry) -> bytes:
        urls = self.urls(entry)
        for i, url in enumerate(urls):
            try:
                answer = self.http.get(url, what=f"'{entry.id}'",
                                       not_found=f"{self.label} has no file for '{entry.id}' at {url}")
            except SourceError as exc:
                if i + 1 < len(urls) and "has no file" in str(exc):
                    continue  # an older naming scheme: try the next address
                raise
            text = check_text_csv(answer.content, f"{self.label} file for '{entry.id}'")
            if "\n" not in text.strip() or "," not in text.split("\n", 1)[0]:
                raise SourceError(f"{self.label} sent no CSV table for '{entry.id}': try again later")
            return answer.content
        raise SourceError(f"{self.label} has no file for '{entry.id}'")  # pragma: no cover - loop always returns or raises

    @classmethod
    def table_key(cls, entry) -> TableKey | None:
        return cls.keys.get(entry.id)


class ShillerFetcher(_Download):
    name = "shiller"
    label = "Shiller data (datasets/s-and-p-500)"
    url_env = "RESEARCH_SHILLER_URL"
    url_envs = (url_env,)
    default_base = "https://raw.githubusercontent.com/datasets/s-and-p-500/HEAD"
    files = {"shiller_sp500_monthly": "data/data.csv"}
    keys = {"shiller_sp500_monthly": TableKey(("Date",))}


class FredMdFetcher(_Download):
    name = "fred_md"
    label = "FRED-MD (St. Louis Fed)"
    url_env = "RESEARCH_FRED_MD_URL"
    url_envs = (url_env,)
    default_base = "https://www.stlouisfed.org/-/media/project/frbstl/stlouisfed/research/fred-md/monthly"
    vintages = {"fredmd_2019_10": "2019-10", "fredmd_2025_02": "2025-02"}

    def urls(self, entry) -> list[str]:
        vintage = self.vintages.get(entry.id)
        if vintage is None:
            raise SourceError(f"no FRED-MD vintage for '{entry.id}': add it to FredMdFetcher.vintages")
        return [f"{self.base}/{vintage}-md.csv", f"{self.base}/{vintage}.csv"]


class AuthorsFetcher(_Download):
    name = "authors"
    label = "authors' published files (GitHub)"
    url_env = "RESEARCH_GITHUB_RAW_URL"
    url_envs = (url_env,)
    default_base = "https://raw.githubusercontent.com"
    files = {
        "jk_fomc_surprises": "marekjarocinski/jkshocks_update_fed/HEAD/source_data/fomc_surprises_jk.csv",
        "jk_shocks_by_announcement": "marekjarocinski/jkshocks_update_fed/HEAD/shocks_fed_jk_t.csv",
        "jk_shocks_monthly": "marekjarocinski/jkshocks_update_fed/HEAD/shocks_fed_jk_m.csv",
        "jarocinski_u1_u4": "marekjarocinski/tshocks_fomc_update/HEAD/U1bp.csv",
        "bousquet_mps_monthly": "paulbousquet/data/HEAD/mpsur/mp1_simp.csv",
    }
    keys = {
        "jk_fomc_surprises": TableKey(("start",)),
        "jk_shocks_by_announcement": TableKey(("start",)),
        "jk_shocks_monthly": TableKey(("year", "month"), sort=lambda r: (int(r["year"]), int(r["month"]))),
        "jarocinski_u1_u4": TableKey(("Time",)),
        "bousquet_mps_monthly": TableKey(("datestr",), sort=None),
    }


__all__ = ["AuthorsFetcher", "FredMdFetcher", "ShillerFetcher"]
