"""The notebook side: one object per notebook that sets up, declares claims and sums up.

    from research_lib.claims.notebook import Notebook
    nb = Notebook("01_k_shape")      # plotting style, recession shading, summary placeholder
    k1 = nb.claim("K1")              # a claim under the verdict protocol (research_lib.claims.protocol)
    ...
    nb.summary()                     # the verdict table, also filled into the placeholder at the top
"""
from __future__ import annotations

import html

import pandas as pd

from research_lib.analysis import plotting
from research_lib.claims import protocol
from research_lib.claims.record import summary_table
from research_lib.claims.registry import claims
from research_lib.errors import ResearchError

PLACEHOLDER = "_Summary table: filled in when the notebook finishes executing._"


def _display(obj, **kw):
    from IPython.display import display

    return display(obj, **kw)


def _markdown(text: str):
    from IPython.display import Markdown

    return Markdown(text)


def summary_html(records: list[dict]) -> str:
    """The summary table as HTML with the full headlines (pandas would cut them at 50 characters)."""
    records = sorted(records, key=lambda r: list(claims()).index(r["id"]) if r["id"] in claims() else 99)
    table = summary_table(records).reset_index()
    rows = "".join("<tr>" + "".join(f"<td style='text-align:left'>{html.escape(str(v))}</td>" for v in row) + "</tr>"
                   for row in table.itertuples(index=False))
    head = "".join(f"<th style='text-align:left'>{html.escape(c)}</th>" for c in table.columns)
    return f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


class Notebook:
    """Set-up and record keeping for one research notebook (``name`` is its file stem)."""

    def __init__(self, name: str, *, summary: bool = True):
        from research_lib.data.api import load

        self.name = name
        self.claims: list[protocol.Claim] = []
        try:
            recessions = load("USREC")
        except ResearchError:  # no data yet: charts are drawn without recession shading
            recessions = None
        plotting.setup(recessions=recessions)
        pd.set_option("display.width", 160)
        pd.set_option("display.max_columns", 20)
        self._summary = _display(_markdown(PLACEHOLDER), display_id=True) if summary else None

    def claim(self, claim_id: str, combine: str = "all") -> protocol.Claim:
        """A claim of this notebook under the verdict protocol; its record joins the summary."""
        c = protocol.Claim(claim_id, self.name, combine=combine)
        self.claims.append(c)
        return c

    @staticmethod
    def show_verdict(rec: dict) -> None:
        """The verdict line and headline under the claim's evidence, shown the same way for every
        claim, recorded under the protocol or not (:func:`research_lib.claims.protocol.show_verdict`)."""
        protocol.show_verdict(rec)

    def summary(self) -> None:
        """Show the verdict table (full headlines) and fill it into the placeholder at the top."""
        from IPython.display import HTML

        records = [c.record_ for c in self.claims if c.record_ is not None]
        table = HTML(summary_html(records))
        if self._summary is not None:
            self._summary.update(table)
        _display(table)
