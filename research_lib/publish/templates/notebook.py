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
# `research_lib/claims/claims.csv`), what data it uses, and how: each claim declares its test (a
# baseline, at least five robustness variants and a rule) before any result, and the verdict is
# derived from the rule and the share of variants that agree.

# %%
from research_lib import fmt, load, stats, transforms as tf, plotting as rplt
from research_lib.claims.notebook import Notebook
from research_lib.claims.protocol import Estimate, Rule, Statistic

nb = Notebook("$slug")   # plotting style, recession shading, the summary table at the top

# %% [markdown]
# ## TODO_CLAIM_ID — TODO: the claim as a short question <a id="TODO_CLAIM_ID"></a>
#
# **Claim, in our words.** TODO: what the essay asserts, stated fairly, and its kind (fact,
# mechanism, forecast or conditional: see `claims.csv`).
#
# **Operational hypothesis.** TODO: a statement the data can reject, with the expected sign and the
# size that matters (e.g. "a 1-point rise in X goes with a rise in Y of at least 0.1%").
#
# **Data.** TODO: catalog ids, frequency, sample, transformations (changes or returns, not levels).
#
# **Declared test.** The table below lists the baseline, the variants and the rule; it is written
# before any result is computed.

# %%
claim = nb.claim("TODO_CLAIM_ID")
test = claim.declare(
    "TODO: the test's name",
    statistic=Statistic("slope of Y on X", units="TODO: units of Y per unit of X"),
    baseline={"start": "1990-01", "end": None, "pandemic": "drop", "lags": None},
    variants={
        "from 2008": {"start": "2008-01"},
        "to 2019": {"end": "2019-12"},
        "pandemic months kept": {"pandemic": "keep"},
        "from 2000": {"start": "2000-01"},
        "12 HAC lags": {"lags": 12},
    },
    rule=Rule.greater(0, meaningful=0.1),   # TODO: the claim's direction and the size that matters
    meaningful="TODO: why an effect of this size would matter",
)


# %%
def slope(spec):
    """The decision statistic for one specification: the HAC slope of Y on X with its interval."""
    y = spec.sample(tf.log_diff(spec.load("TODO_Y_SERIES").resample("MS").last()))
    x = spec.sample(tf.diff(spec.load("TODO_X_SERIES").resample("MS").mean()))
    fit = stats.ols_hac(y, x.rename("x"), lags=spec["lags"])
    row = fit.row("x")
    return Estimate(row["coef"], row["ci_low"], row["ci_high"], row["p"], fit.nobs)


test.run(slope)

# %%
y, x = load("TODO_Y_SERIES"), load("TODO_X_SERIES")
fig, ax = rplt.timeseries(tf.yoy(y.resample("MS").last()).rename("Y, % over a year"),
                          title="TODO: the chart's message, not its contents",
                          ylabel="TODO: units", source="TODO: source (series ids)")
rplt.finish(fig)

# %%
base = test.runs[0].estimate
record = claim.record(headline=f"TODO: slope {base.value:.2f} (95% interval {fmt.interval(base.low, base.high)}, "
                      f"{fmt.p(base.p)}, N={base.n})")

# %% [markdown]
# ## What would change these verdicts
#
# - **TODO_CLAIM_ID**: TODO: the data, sample or result that would move this verdict.

# %%
nb.summary()
