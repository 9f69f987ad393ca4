"""The Federal Reserve Board's Distributional Financial Accounts: the CSV download (one zip).

``GET <base>/dfa.zip`` (``https://www.federalreserve.gov/releases/z1/dataviz/download/zips/dfa.zip``)
holds one CSV per breakdown (``dfa-networth-levels.csv``, ``dfa-age-shares-detail.csv``, ...); a
catalog row names its file by its path's file name. The zip is fetched once per refresh. The Board
publishes the current vintage only: rows imported from an older vintage (``dfa2023_*``) are brought
up to the current one by a refresh (revisions and new quarters). Base ``RESEARCH_FED_DFA_URL``.

Stored form (also for imported files): without a trailing ``share`` column, which some copies of the
2023 share files carry but the Board's files do not.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import PurePosixPath

from research_lib.data.sources.base import Fetcher, SourceError, TableKey, base_url, check_text_csv
from research_lib.data.sources.owid import drop_columns

URL_ENV = "RESEARCH_FED_DFA_URL"
DEFAULT_BASE = "https://www.federalreserve.gov/releases/z1/dataviz/download/zips"


class FedDfaFetcher(Fetcher):
    name = "fed_dfa"
    label = "Federal Reserve Board (DFA download)"
    url_envs = (URL_ENV,)

    def __init__(self, *args, **kw):
        super().__init__(*args, **kw)
        self._members: dict[str, bytes] | None = None

    @property
    def origin(self) -> str:
        return f"{self.label} ({base_url(URL_ENV, DEFAULT_BASE)}/dfa.zip)"

    def _zip(self) -> dict[str, bytes]:
        if self._members is None:
            answer = self.http.get(f"{base_url(URL_ENV, DEFAULT_BASE)}/dfa.zip", what="the DFA download (dfa.zip)")
            try:
                with zipfile.ZipFile(io.BytesIO(answer.content)) as zf:
                    self._members = {PurePosixPath(n).name: zf.read(n) for n in zf.namelist() if n.endswith(".csv")}
            except zipfile.BadZipFile:
                raise SourceError("the Fed's DFA download is not a zip file: try again later") from None
        return self._members

    def fetch(self, entry) -> bytes:
        name = PurePosixPath(entry.path).name
        members = self._zip()
        if name not in members:
            raise SourceError(f"the Fed's DFA download has no {name} for '{entry.id}' "
                              f"({len(members)} files): the Board may have renamed it")
        data = members[name]
        check_text_csv(data, f"DFA file {name}")
        return data

    @classmethod
    def canonical(cls, entry, data: bytes) -> bytes:
        """Without the trailing 'share' column, which is not in the Board's files (other values unchanged)."""
        head = data[:4096].decode("utf-8", errors="replace").splitlines()[:1]
        if head and head[0].rstrip("\r").split(",")[-1].strip('"') == "share":
            return drop_columns(data, {"share"})
        return data

    @classmethod
    def table_key(cls, entry) -> TableKey | None:
        return TableKey(("Date", "Category"), sort=None)


__all__ = ["FedDfaFetcher"]
