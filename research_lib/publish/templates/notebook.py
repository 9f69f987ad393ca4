# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
from research_lib.publish.provenance import stamp
stamp()

# %% [markdown]
# # $number — $title
#
# TODO: one paragraph for the reader: which essay claims this notebook tests (ids from
# `research_lib/claims/claims.csv`), what data it uses, how it tests them (e.g. regressions of changes or
# returns with Newey–West standard errors), and that every verdict comes from a rule written in
# the code next to it.

# %%
from IPython.display import display, Markdown
SUMMARY = display(Markdown("_Summary table: filled in when the notebook finishes executing._"), display_id=True)

# %%
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt

from research_lib import load, panel, record_claim, as_of_date
from research_lib import stats, transforms as tf, plotting as rplt
from research_lib.claims import summary_table

rplt.setup()
NB = "$slug"
RECORDS: list[dict] = []


def record(cid: str, **kw) -> dict:
    """record_claim for this notebook, keeping the record for the summary table."""
    rec = record_claim(cid, notebook=NB, **kw)
    RECORDS.append(rec)
    return rec


def show_verdict(rec: dict) -> None:
    display(Markdown(f"**Verdict {rec['id']}: {rec['verdict']}.** {rec['headline']}"))


# %% [markdown]
# ### TODO_CLAIM_ID — TODO: the claim as a short question <a id="TODO_CLAIM_ID"></a>
#
# **Claim, in our words.** TODO: what the essay asserts, stated fairly.
#
# **Operational hypothesis.** TODO: a statement the data can reject, with the expected sign and
# size (e.g. "a 1 pp rise in X is followed by a fall in Y of at least ... within 12 months").
#
# **Data.** TODO: catalog ids, frequency, sample, transformations (changes or returns, not levels).
#
# **Test.** TODO: the regression or test and its standard errors (HAC), N, robustness checks.
#
# **Rule.** TODO: supported if ...; not supported if ...; otherwise mixed (untestable if the
# data cannot answer).

# %%
CLAIM = "TODO_CLAIM_ID"                                   # TODO: id from research_lib/claims/claims.csv
y_raw, x_raw = load("TODO_Y_SERIES"), load("TODO_X_SERIES")  # TODO: catalog ids
y = tf.log_diff(y_raw.resample("MS").last())             # TODO: the transformation the hypothesis needs
x = tf.diff(x_raw.resample("MS").mean())
fit = stats.ols_hac(y, x.rename("x"))
fit

# %%
fig, ax = rplt.timeseries(pd.concat({"y": y, "x": x}, axis=1),
                          title="TODO: the chart's message, not its contents",
                          ylabel="TODO: units", source="TODO: source (series ids)")
rplt.finish(fig)

# %%
beta, p = fit.coef("x"), fit.p("x")
verdict = ("supported" if beta > 0 and p < 0.05          # TODO: the rule stated above
           else "not supported" if p >= 0.05 else "mixed")
rec = record(
    CLAIM,
    verdict=verdict,
    headline=f"TODO: beta {beta:.2f} (HAC p={p:.3f}, N={fit.nobs}, R² {fit.r2:.2f})",
    evidence={"beta": beta, "p_value": p, "n": fit.nobs, "r2": fit.r2},
    tests=[fit.test("x", "TODO: test name")],
    data_as_of=as_of_date(y_raw, x_raw),
    section=CLAIM,
)
show_verdict(rec)

# %% [markdown]
# ## What would change these verdicts
#
# - **TODO_CLAIM_ID**: TODO: the data, sample or result that would move this verdict.

# %%
summary_df = summary_table(RECORDS)
SUMMARY.update(summary_df)
display(summary_df)
