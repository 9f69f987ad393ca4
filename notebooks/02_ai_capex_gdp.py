# ---
# jupyter:
#   jupytext:
#     formats: ipynb,py:percent
#     text_representation:
#       extension: .py
#       format_name: percent
#       format_version: '1.3'
#   kernelspec:
#     display_name: Python 3
#     language: python
#     name: python3
# ---

# %%
from research_lib.publish.provenance import stamp
stamp()

# %% [markdown]
# # Does AI alone drive US growth? Capital spending, labour, housing and energy (claims A1-A5)
#
# **Abstract.** An essay of early December 2025 (E2, dated 1 December 2025, window 24 November to
# 10 December) argued that AI capital spending is the only thing keeping the US out of a technical
# recession (A1), that AI holds down demand for the least-skilled while income shifts to capital
# (A2), that the young are locked out of housing and wealth (A3), that energy, not chips, is the
# bottleneck of AI and the investment theme of the decade (A4), and that the economy is splitting
# into a lean AI track and a shrinking traditional one (A5). We test each statement on BEA national
# accounts, BLS labour data, Census and Case-Shiller housing data, the Fed's Distributional
# Financial Accounts and market prices. Every test is declared before its result is shown: a
# baseline, at least five robustness variants and a rule. The verdict follows from the rule and the
# share of variants that agree. Facts are tested twice: on the data published by the essay's date,
# and on today's revised data. The summary table above gives the verdicts; each section below
# gives the evidence.
#
# **Reading guide.** Growth rates and contributions are in percent (pp) at annual rates unless
# stated. "GDP without AI" is the growth of GDP's other components, weighted as BEA weights them
# (see A1). Intervals are 95% (HAC: Newey-West).

# %%
from IPython.display import Markdown, display
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from research_lib import fmt, load, plotting as rplt
from research_lib.claims.notebook import Notebook
from research_lib.claims.protocol import Rule, Spec, Statistic, Window
from research_lib.studies import ai_capex as ai

nb = Notebook("02_ai_capex_gdp")   # plotting style, recession shading, the summary table at the top
TODAY = Window("today")


# %% [markdown]
# ## Data, vintages and what was published by the essay's date
#
# National accounts come from three BEA tables (1.1.2 contributions to real GDP growth, 1.1.6
# real GDP by component, 5.3.6 real private fixed investment by type), extracted from BEA's API on
# 1 June 2026, i.e. the release of 28 May 2026, which carries 2026Q1 (the snapshot's Tables 1.10
# and 3.2 show the same "last revised" date). Their nominal counterparts (GDP, nonresidential
# investment, information processing equipment and software, software) are FRED copies of the
# 30 April 2026 release: a month older for 2026Q1, and the same for earlier quarters, which BEA
# revises only in its annual updates. Quarterly estimates before 2025Q3 were last revised in the
# annual update of 25 September 2025, so the first half of 2025 in this vintage is exactly what a
# reader saw on 1 December 2025.
#
# **Release timing.** To test a fact "at the essay date" we keep only observations published by
# then. The protocol's default publication lag (30 days after the period for monthly and quarterly
# data) is wrong for the autumn of 2025: the federal shutdown of 1 October to 12 November 2025
# delayed several releases. The table below lists the delays we apply (declared assumptions from
# the agencies' announcements; the snapshot's notes confirm the missing October 2025 household
# survey and CPI); the usual lags follow each source's release schedule. Most important: BEA
# cancelled the advance estimate of 2025Q3 GDP and published it first on 23 December 2025, so **on
# 1 December 2025 the latest GDP quarter was 2025Q2**. Where this could matter (A1) the
# alternative, 2025Q3 visible on the usual lag, is a declared variant.

# %%
SOURCES = {"bea": "BEA GDP and components", "bea_income": "BEA income (compensation, profits)", "bls_productivity": "BLS productivity",
           "ces": "BLS payrolls and hourly earnings", "cps": "BLS household survey (unemployment)",
           "case_shiller": "S&P Case-Shiller home prices", "dfa": "Fed Distributional Financial Accounts",
           "census": "Census new-home prices, construction", "annual_income": "Census median household income"}
timing = pd.DataFrame([{"source": SOURCES[src], "usual days after the period": lag,
                        "delayed by the shutdown": ", ".join(f"{ai.quarter_label(p) if src.startswith(('bea', 'bls')) else p[:7]} "
                                                             f"first published {day}" for p, day in ai.DELAYED_RELEASES.get(src, {}).items())}
                       for src, lag in ai.USUAL_LAG_DAYS.items()]).set_index("source")
timing

# %% [markdown]
# ## A1: Is AI spending the only thing between the US and a technical recession? <a id="A1"></a>
#
# **Claim, in our words** (a fact about late 2025). Without AI-related investment the US would be in
# a technical recession: GDP growth would be clearly weak, and AI capital spending is the only
# pillar holding it up.
#
# **Operational hypotheses.** (i) *Technical recession*: GDP without AI investment declines in two
# consecutive quarters. (ii) *Clearly weak*: GDP without AI grows less than 1% over the latest four
# quarters (about half the economy's trend growth). Both must hold. Each is tested on the quarters
# published by the essay's date (through 2025Q2) and on today's data (through 2026Q1).
#
# **Definitions.** *AI investment* is private investment in information processing equipment and
# software (Table 5.3.6 line 32): servers, chips, network gear and all software. It is wider than
# AI (it includes ordinary IT), which favours the claim; it is also the definition of the most
# cited published estimate. Declared variants: hardware only; only the *increment* over ordinary
# IT (AI's contribution minus the average IT contribution of 2010-2019); and net of imports. Most
# AI hardware is imported, and imports subtract from GDP, so the gross figure overstates what AI adds
# to domestic output. The snapshot has no import detail, so we use a bound: every dollar of IT
# hardware matched by an import (software stays domestic). Data-center construction (Census,
# nominal, no price index) is small beside IT (its contribution is shown with the published
# estimates below) and its complete quarters end in 2025Q4, before the last quarter tested, so it
# is not a declared variant. An earlier version of this notebook also asked whether consumption
# contributed more than twice as much as AI; with consumption two thirds of GDP that holds in
# almost every year and cannot tell the claim from its opposite, so it is dropped.
#
# **Method: contributions as BEA computes them.** Chained (Fisher) real aggregates are not
# additive, so "GDP minus AI" cannot be computed by subtracting chained dollars. BEA's contribution
# of a component is its quantity change weighted by an average of its previous and current prices
# (relative to GDP's), over GDP's value; the quarterly contribution is then annualised with
# *GDP's* annualisation factor, so that contributions add up to GDP growth. The growth of GDP
# without AI is the other components' contributions over their weight. An earlier version of this
# notebook annualised each component with its own compounding, ((1+g)^4 - 1), which overstates
# fast-growing components. The check below applies both methods to the two published lines whose
# nominal values the snapshot holds, nonresidential fixed investment and consumer spending, in all
# quarters and in the quarters when the line grew at least 5 points faster or slower than GDP.

# %%
chk = Spec("method check", {}, TODAY)
t112, t116 = ai.bea_table(chk, "t112"), ai.bea_table(chk, "t116")
pce_monthly = load("PCE")
pce_q = pce_monthly.resample("QS").mean()[pce_monthly.resample("QS").count() == 3]
checks = {"nonresidential fixed investment (line 9)": ai.method_check(t112[9], t116[9], load("PNFI"), t116[1], load("GDP")),
          "personal consumption expenditures (line 2)": ai.method_check(t112[2], t116[2], pce_q, t116[1], load("GDP"))}
rows = []
for line, m in checks.items():
    fast = (m["line growth"] - m["GDP growth"]).abs() >= 5
    for label, sel in (("all quarters", m.index == m.index), ("line growth 5+ points from GDP's", fast)):
        err = m.loc[sel, ["BEA method", "own compounding"]].sub(m.loc[sel, "published"], axis=0).abs()
        rows.append({"published line": line, "quarters": label, "N": int(sel.sum()),
                     "BEA method: mean abs. error, pp": err["BEA method"].mean(),
                     "own compounding: mean abs. error, pp": err["own compounding"].mean(),
                     "own compounding: largest error, pp": err["own compounding"].max()})
display(pd.DataFrame(rows).set_index(["published line", "quarters"]).round(3))
m9 = checks["nonresidential fixed investment (line 9)"]
m2 = checks["personal consumption expenditures (line 2)"].drop(index=pd.date_range("2020-01-01", "2021-10-01", freq="QS"), errors="ignore")
calm_err = (m2["BEA method"] - m2["published"]).abs().mean()
display(Markdown(
    f"Nonresidential investment in 2025Q1 grew {fmt.pct(m9.loc['2025-01-01', 'line growth'])} (GDP "
    f"{fmt.pct(m9.loc['2025-01-01', 'GDP growth'])}): BEA published {fmt.pp(m9.loc['2025-01-01', 'published'])}, "
    f"BEA's method gives {fmt.pp(m9.loc['2025-01-01', 'BEA method'])}, own compounding "
    f"{fmt.pp(m9.loc['2025-01-01', 'own compounding'])}. For consumer spending BEA's method misses by "
    f"{fmt.num(calm_err, 3)} pp on average outside 2020-21; the large 2020-21 gaps are shared by both methods, so they come "
    "from the inputs (the monthly nominal spending file is a separate copy, not this BEA release), not from the formula."))

# %% [markdown]
# **Declared tests.** The baseline examines the quarters from 2025Q1, when the AI investment boom
# became large, to the latest published, with growth measured quarter on quarter at an annual rate
# (the definition of a technical recession). Variants change the AI definition, the import
# treatment, the start (2023Q1), the growth basis (two- and four-quarter growth) and, at the essay
# date, the release assumption. Both statistics are measured, not estimated from a sample: they
# carry no sampling interval, and their uncertainty is that of definitions and revisions, which the
# variants span. The rule for (i) passes when the statistic is below zero (two quarters of
# decline); for (ii) when growth without AI is below 1%.

# %%
a1 = nb.claim("A1")
A1_BASE = {"definition": "IT equipment and software", "amount": "total", "imports": "gross", "release": "calendar"}
A1_VARIANTS = {"hardware only": {"definition": "IT equipment only"},
               "increment over 2010-19 IT": {"amount": "increment over 2010-19"},
               "net of imports (bound: all IT hardware imported)": {"imports": "hardware all imported"},
               "2025Q3 on the usual release lag": {"release": "usual lag"}}
a1_recession = a1.declare(
    "technical recession without AI",
    statistic=Statistic("the higher of two consecutive quarters' growth of GDP without AI, at its lowest pair",
                        units="% at an annual rate", interval="none: a measured national-accounts fact"),
    baseline={**A1_BASE, "basis": "quarter on quarter", "start": "2025-01-01"},
    variants={**A1_VARIANTS, "since 2023": {"start": "2023-01-01"},
              "two-quarter growth": {"basis": "two quarters"}, "four-quarter growth": {"basis": "four quarters"}},
    rule=Rule.below(0.0))

# %%
a1_weak = a1.declare(
    "growth without AI clearly weak",
    statistic=Statistic("growth of GDP without AI", units="%", interval="none: a measured national-accounts fact"),
    baseline={**A1_BASE, "basis": "four quarters"},
    variants={**A1_VARIANTS, "annual-average growth": {"basis": "annual average"},
              "latest two quarters, annualised": {"basis": "two quarters"},
              "first half of 2025, annualised": {"basis": "first half 2025"}},
    rule=Rule.below(1.0),
    meaningful="1% a year is about half the US economy's trend growth: below it growth is clearly weak")
for test, fn in ((a1_recession, ai.a1_recession), (a1_weak, ai.a1_weak)):
    test.run(fn)

# %%
frame = ai.ai_terms(Spec("chart", A1_BASE, TODAY)).loc["2023":]
essay_frame = ai.ai_terms(Spec("chart", A1_BASE, Window("essay", end=a1.essay.central)))
negative = [ai.quarter_label(d) for d in frame.index[frame["without"] < 0]]
labels = [ai.quarter_label(d) for d in frame.index]
x = np.arange(len(frame))
fig, ax = plt.subplots(figsize=(10.5, 5.2))
ax.bar(x - 0.2, frame["gdp"], width=0.4, color="#9aa7b8", label="real GDP growth")
ax.bar(x + 0.2, frame["without"], width=0.4, color="#c44e52", label="growth of GDP without IT investment")
ax.plot(x, frame["ai"], "k.", ms=9, label="IT investment's contribution (pp)")
late = x[frame.index > essay_frame.index.max()]
ax.axvspan(late.min() - 0.5, late.max() + 0.5, color="#e8eefc", zorder=0, label="first published after 1 Dec 2025")
ax.axhline(0, color="0.3", lw=0.8)
ax.set_xticks(x, [lab.replace("Q", "\nQ") for lab in labels])
ax.set_ylabel("% (pp for the contribution), annual rate")
running = a1_recession.estimate().value < 0
ax.set_title(f"Without IT investment, GDP would have shrunk in {' and '.join(negative)}: "
             f"{'two quarters running' if running else 'never two quarters running'}")
rplt.legend_outside(ax, loc="right")
rplt.caption(ax, "BEA NIPA Tables 1.1.6, 5.3.6 (28 May 2026 release); BEA's contribution method", a1.as_of(),
             note="no NBER recession in this span")
rplt.finish(fig)

# %%
r1_e, r1_t = a1_recession.estimate(window="essay"), a1_recession.estimate()
w_e, w_t = a1_weak.estimate(window="essay"), a1_weak.estimate()
a1_record = a1.record(
    headline=(f"{'A' if r1_t.value < 0 else 'No'} technical recession without IT investment: on the quarters published by "
              f"1 Dec 2025 (to {r1_e.detail['last quarter']}) GDP without it fell in {' and '.join(r1_e.detail['negative quarters']) or 'no quarter'}; "
              f"today it fell in {' and '.join(r1_t.detail['negative quarters']) or 'no quarter'}, and in its weakest pair of quarters "
              f"({r1_t.detail['pair']}) the better one grew {fmt.pct(r1_t.value)}. "
              f"Growth without it over the latest four quarters: {fmt.pct(w_e.value)} at the essay date, {fmt.pct(w_t.value)} today "
              f"(GDP {fmt.pct(w_t.detail['GDP growth, same basis'])})"),
    changes="a direct quarter-by-quarter recession test with BEA's contribution method replaces the annual pillar comparison",
    history=[{"date": "2026-11-22", "window": "today", "from": "mixed", "to": "not supported",
              "reason": "method: the annual growth basis was switched from the average of quarterly rates (close to Q4/Q4, "
                        "which gave mixed) to the annual average after the results were known"}])

# %% [markdown]
# ### Beside the published estimates: the same numbers, two methods
#
# Three published estimates of AI's part in 2025 growth look far apart. We reproduce each on the
# snapshot with its own method (subtracting chained-dollar levels) and put BEA's contribution method
# beside it, on the same window. The Federal Reserve's FEDS Note covers the four quarters to
# 2026Q2; the snapshot ends in 2026Q1, so we compare on the four quarters to 2026Q1, the closest
# window available.

# %%
rec = ai.reconciliation(Spec("published estimates", A1_BASE, TODAY))
fu, ba, fe = rec["Furman"], rec["Barron's"], rec["FEDS Note"]
P = ai.PUBLISHED
PF, PB, PN = P["Furman"], P["Barron's"], P["FEDS Note"]
rows = [
    {"estimate": f"{PF['source']}: {PF['window']}, {PF['definition']}",
     "as published": f"{fmt.pct(PF['share_pct'], 0)} of growth; GDP without them {fmt.pct(PF['growth_without_pct'])}",
     "ours, their method": f"{fmt.pct(fu['their method']['share_pct'])} of growth; GDP without them {fmt.pct(fu['their method']['growth_without_pct'], 2)}",
     "ours, BEA method": f"{fmt.pct(fu['BEA method']['share_pct'])} of growth ({fmt.pp(fu['BEA method']['ai_pp'])} of {fmt.pct(fu['BEA method']['gdp_growth_pct'], 2)}); "
                         f"GDP without them {fmt.pct(fu['BEA method']['growth_without_pct'], 2)}"},
    {"estimate": f"{PB['source']}: {PB['window']}, {PB['definition']}",
     "as published": f"{fmt.pct(PB['share_pct'], 0)} of growth; GDP {fmt.pct(PB['gdp_growth_pct'])}, "
                     f"{fmt.pct(PB['growth_without_pct'])} without them",
     "ours, their method": f"{fmt.pct(ba['their method']['share_pct'])} of growth; GDP {fmt.pct(ba['their method']['gdp_growth_pct'], 2)}, "
                           f"{fmt.pct(ba['their method']['growth_without_pct'], 2)} without them (no data-center line in chained dollars)",
     "ours, BEA method": f"IT equipment and software: {fmt.pct(ba['BEA method']['share_pct'])} of growth; "
                         f"GDP without them {fmt.pct(ba['BEA method']['growth_without_pct'], 2)}"},
    {"estimate": f"{PN['source']}: {PN['window']}, {PN['definition']}",
     "as published": f"{fmt.pp(PN['gross_pp'])} gross, {fmt.pp(PN['net_of_imports_pp'])} net of computer imports",
     "ours, their method": "not reproducible: their split of AI from other IT and the import data are not in the snapshot",
     "ours, BEA method": f"{fe['window']}: IT {fmt.pp(fe['total']['ai_pp'])} gross, increment over 2010-19 IT "
                         f"{fmt.pp(fe['increment']['ai_pp'])}, net bound {fmt.pp(fe['net']['ai_pp'])} (GDP {fmt.pct(fe['total']['gdp_growth_pct'], 2)})"},
]
pd.DataFrame(rows).set_index("estimate").style.set_properties(**{"text-align": "left", "white-space": "normal"})

# %%
shares = rec["IT share"]
q_h1 = pd.Timestamp("2025-04-01")
chained, current = shares.loc[q_h1, "chained 2017 dollars"], shares.loc[q_h1, "current dollars"]
fig, ax = plt.subplots(figsize=(10, 4.6))
ax.plot(shares.index, shares["chained 2017 dollars"], color="#c44e52", label="in chained 2017 dollars (weights of the subtraction)")
ax.plot(shares.index, shares["current dollars"], color="#4c72b0", label="in current dollars (close to BEA's weights)")
rplt.shade_recessions(ax)
ax.set_ylabel("% of GDP")
ax.set_title(f"IT investment is {fmt.pct(chained)} of GDP in 2017 dollars but {fmt.pct(current)} at today's prices (2025Q2)")
rplt.legend_outside(ax, loc="right")
rplt.caption(ax, "BEA NIPA Tables 1.1.6, 5.3.6 (28 May 2026 release); FRED GDP, A679RC1Q027SBEA (30 Apr 2026 release)",
             ai.quarter_label(shares.index.max()), note=rplt.RECESSION_NOTE)
rplt.finish(fig)

# %%
def place(value, a, b):
    """Where a published figure lies against two of ours."""
    return "between" if min(a, b) <= value <= max(a, b) else "below" if value < min(a, b) else "above"


dc = rec["data centers"]
display(Markdown(
    f"**Why the numbers differ.** (1) *Method.* Subtracting chained dollars weights IT's growth by its 2017 price. IT "
    f"prices have fallen a long way relative to other prices since 2017, so IT is {fmt.pct(chained)} of GDP in 2017 dollars "
    f"but {fmt.pct(current)} at 2025Q2 prices: the subtraction counts IT's growth about {chained / current:.1f} times. That "
    f"ratio applied to BEA's {fmt.pct(fu['BEA method']['share_pct'], 0)} gives "
    f"{fmt.pct(fu['BEA method']['share_pct'] * chained / current, 0)}, close to the {fmt.pct(fu['their method']['share_pct'], 0)} "
    f"quoted for the first half of 2025, "
    f"and GDP without IT grew {fmt.pct(fu['BEA method']['growth_without_pct'], 2)}, not {fmt.pct(fu['their method']['growth_without_pct'], 2)}. "
    f"The first half of 2025 is not revised in this vintage, so the gap is neither vintage nor definition: we reproduce "
    f"the published figure exactly with the published method. (2) *Window.* In the first half of 2025 GDP was held down "
    f"by an import surge ahead of tariffs (imports subtracted {fmt.num(-t112.loc['2025-01-01', 19], 1)} points from 2025Q1 growth), "
    f"so any steady component looks like most of growth; over the nine months to "
    f"2025Q3, on the year before, the same method gives {fmt.pct(ba['their method']['share_pct'], 0)} (Barron's "
    f"{fmt.pct(PB['share_pct'], 0)}) and BEA's method {fmt.pct(ba['BEA method']['share_pct'], 0)}. (3) *Gross or "
    f"net of imports, all IT or only AI.* The FEDS Note's {fmt.pp(PN['gross_pp'])} gross lies "
    f"{place(PN['gross_pp'], fe['increment']['ai_pp'], fe['total']['ai_pp'])} our increment over ordinary IT "
    f"({fmt.pp(fe['increment']['ai_pp'])}) and all IT ({fmt.pp(fe['total']['ai_pp'])}), and its "
    f"{fmt.pp(PN['net_of_imports_pp'])} net of computer imports lies {place(PN['net_of_imports_pp'], fe['net']['ai_pp'], fe['total']['ai_pp'])} "
    f"our bound that nets out every dollar of IT hardware ({fmt.pp(fe['net']['ai_pp'])}) and the gross figure, one quarter "
    f"earlier. Data-center construction, in Barron's categories but not in ours, added {fmt.pp(dc['pp'])} over the "
    f"{dc['window']} (Census, nominal)."))

# %% [markdown]
# ## A2: Does AI push out the least-skilled while income shifts to capital? <a id="A2"></a>
#
# **Claim, in our words** (a mechanism about the present). AI holds down demand for the least-skilled,
# most replaceable workers; rising productivity hides a deteriorating labour market; headcount falls
# while profits rise, so income shifts from labour to capital.
#
# **Operational hypotheses**, since generative AI arrived (ChatGPT, 30 November 2022), each a leg that
# must hold:
# 1. *Least-skilled*: the unemployment rate of adults without a high-school diploma rises relative to
#    that of college graduates, given the overall rate (the cycle). A shift common to all education
#    groups is a labour-market shift, not one against the least-skilled. Baseline: monthly, 2010 on,
#    pandemic months (March 2020 to June 2021) left out, break in December 2022, HAC with 12 lags.
# 2. *Productivity rises*: output per hour (nonfarm business) grows faster from 2023 than in 2010-2019.
# 3. *The labour market deteriorates*: payroll employment grows more slowly from 2023 than in 2010-2019.
# 4. *Income shifts to capital*: the labour share of GDP (compensation of employees over GDP) falls,
#    or the profit share rises, from the average of a start year to the average of the latest four
#    quarters. Averages, not single quarters: the shares are noisy from one quarter to the next. The
#    baseline start is 2022, the last year before generative AI; 2019 and 2021 are declared
#    variants, because much of the decline came earlier.
#
# Start years 2019, 2021 and 2022 are declared for legs 2 and 3 as well. Correlation in time with the
# AI boom is not evidence that AI caused a change: the same years saw the fastest rate rises in four
# decades and the post-pandemic normalisation. The claim is about the present, so it is also tested on
# the data the essay's author could see. Note that the education series in the snapshot end in
# 2024-12, which the record's as-of date shows.

# %%
a2 = nb.claim("A2")
years = {"from 2022": {"start": "2022-01-01"}, "from 2021": {"start": "2021-01-01"}, "from 2019": {"start": "2019-01-01"}}
a2_skill = a2.declare(
    "least-skilled lose ground",
    statistic=Statistic("shift in the unemployment gap after 2022-12, given the total rate", units="pp"),
    baseline={"group": "less than high school", "comparison": "bachelor's or higher", "start": "2010-01", "end": None,
              "pandemic": "drop", "break": "2022-12-01", "lags": 12},
    variants={"ages 20-24 against all": {"group": "ages 20-24", "comparison": "all"},
              "ages 16-19 against all": {"group": "ages 16-19", "comparison": "all"},
              "less than high school against all": {"comparison": "all"},
              "from 2015": {"start": "2015-01"}, "pandemic months kept": {"pandemic": "keep"},
              "break in mid-2023": {"break": "2023-06-01"}, "24 HAC lags": {"lags": 24}},
    rule=Rule.greater(0, meaningful=0.5), essay_window=True,
    meaningful="half a point on a gap of about 6 points between the two groups")
GROWTH = {"pre_start": "2010-01-01", "pre_end": "2019-12-31", "start": "2023-01-01", "pandemic": "drop", "lags": 4}
GROWTH_VARIANTS = {**years, "from 2024": {"start": "2024-01-01"}, "reference 2015-2019": {"pre_start": "2015-01-01"},
                   "reference 2000-2019": {"pre_start": "2000-01-01"}, "8 HAC lags": {"lags": 8}}
a2_prod = a2.declare(
    "productivity growth picks up",
    statistic=Statistic("change in mean growth of output per hour", units="pp a year"),
    baseline={"measure": "output per hour", **GROWTH}, variants=GROWTH_VARIANTS,
    rule=Rule.greater(0, meaningful=0.5), essay_window=True,
    meaningful="half a point a year is a third of 2010-2019 productivity growth")
a2_jobs = a2.declare(
    "payroll growth slows",
    statistic=Statistic("change in mean growth of payroll employment", units="pp a year"),
    baseline={"measure": "payrolls", **GROWTH}, variants=GROWTH_VARIANTS,
    rule=Rule.less(0, meaningful=0.5), essay_window=True,
    meaningful="half a point a year is a third of 2010-2019 payroll growth")
a2_share = a2.declare(
    "income shifts to capital",
    statistic=Statistic("shift of income toward capital (fall in the labour share or rise in the profit share)",
                        units="pp of GDP", interval="95% confidence interval (OLS on the two blocks of quarters)"),
    baseline={"measure": "labour share", "from": 2022, "latest": 4},
    variants={"from 2019": {"from": 2019}, "from 2021": {"from": 2021}, "profit share": {"measure": "profit share"},
              "profit share from 2019": {"measure": "profit share", "from": 2019},
              "profit share from 2021": {"measure": "profit share", "from": 2021},
              "latest eight quarters": {"latest": 8}},
    rule=Rule.greater(0, meaningful=0.5), essay_window=True,
    meaningful="half a point of GDP is about 1% of labour income")
for test, fn in ((a2_skill, ai.a2_skill_gap), (a2_prod, ai.a2_growth_change), (a2_jobs, ai.a2_growth_change),
                 (a2_share, ai.a2_income_shift)):
    test.run(fn)

# %%
today = Spec("chart", {}, TODAY)
u = pd.DataFrame({k: ai.load_visible(today, sid, "monthly") for k, sid in ai.UNEMPLOYMENT.items()})
gaps = pd.DataFrame({"less than high school minus bachelor's or higher": u["less than high school"] - u["bachelor's or higher"],
                     "ages 20-24 minus all": u["ages 20-24"] - u["all"]}).loc["2010":]
gaps = gaps.rolling(3).mean()
gaps.loc["2020-03":"2021-09"] = np.nan   # pandemic months (and the months their average reaches) not drawn
fig, ax = plt.subplots(figsize=(10.5, 4.8))
for col, color in zip(gaps.columns, ["#8172b2", "#c44e52"]):
    ax.plot(gaps.index, gaps[col], color=color, label=col)
ax.axvline(pd.Timestamp("2022-12-01"), color="0.3", ls=":", lw=1.2, label="December 2022 (ChatGPT)")
rplt.shade_recessions(ax)
ax.set_ylabel("percentage points, 3-month average")
skill = a2_skill.estimate()
ax.set_title(f"The least-skilled did not fall behind after 2022: the gap moved {fmt.pp(skill.value)} given the cycle")
rplt.legend_outside(ax, loc="right")
rplt.caption(ax, "BLS Current Population Survey via FRED (LNS14027659, LNS14027662, LNS14000036, UNRATE)", a2.as_of(),
             note="pandemic months not drawn; education series end 2024-12, age series 2025-09. " + rplt.RECESSION_NOTE)
rplt.finish(fig)

# %%
shares = ai.income_shares(today).loc["2015":]
fig, axes = plt.subplots(2, 1, figsize=(10.5, 6.4), sharex=True)
for ax, col, color in zip(axes, ["labour share", "profit share"], ["#4c72b0", "#dd8452"]):
    ax.plot(shares.index, shares[col], color=color, label=f"{col} of GDP, quarterly")
    for year, ls in ((2019, ":"), (2021, "-."), (2022, "--")):
        mean = shares[col].loc[str(year)].mean()
        ax.hlines(mean, pd.Timestamp(f"{year}-01-01"), shares.index.max(), color="0.35", ls=ls, lw=1,
                  label=f"{year} average")
    late = shares[col].iloc[-4:]
    ax.hlines(late.mean(), late.index.min(), late.index.max(), color="black", lw=3, label="latest four quarters")
    calm = shares[col].drop(shares.loc["2020-01":"2021-06"].index)   # the scale from outside the pandemic swings
    ax.set_ylim(calm.min() - 0.4, calm.max() + 0.4)
    ax.set_ylabel("% of GDP")
    rplt.shade_recessions(ax)
    rplt.legend_outside(ax, loc="right")
shift = a2_share.estimate()
axes[0].set_title(f"Most of the fall in the labour share came before 2022: since then {fmt.pp(-shift.value)} of GDP")
rplt.caption(axes[1], "BEA compensation of employees (COE), corporate profits (CPROFIT), GDP via FRED", a2.as_of(),
             note="2020-21 swings run off the scale. " + rplt.RECESSION_NOTE)
rplt.finish(fig)

# %%
growth = pd.DataFrame({"output per hour": ai.quarterly_growth(today, "output per hour"),
                       "payroll employment": ai.quarterly_growth(today, "payrolls")}).loc["2010":]
smooth = growth.rolling(4).mean()
smooth.loc["2020":"2021"] = np.nan   # pandemic swings not drawn
fig, ax = plt.subplots(figsize=(10.5, 4.6))
for col, color in zip(smooth.columns, ["#55a868", "#4c72b0"]):
    ax.plot(smooth.index, smooth[col], color=color, label=f"{col}, 4-quarter average")
    ax.hlines(growth[col].loc["2010":"2019"].mean(), pd.Timestamp("2010-01-01"), pd.Timestamp("2019-10-01"), color=color, ls="--", lw=1)
ax.axvline(pd.Timestamp("2023-01-01"), color="0.3", ls=":", lw=1.2)
ax.axhline(0, color="0.3", lw=0.6)
rplt.shade_recessions(ax)
ax.set_ylabel("% a year")
prod, jobs = a2_prod.estimate(), a2_jobs.estimate()
ax.set_title(f"Since 2023 output per hour grew {fmt.pp(prod.value)} a year faster than in 2010-19, payrolls {fmt.pp(jobs.value)}")
rplt.legend_outside(ax, loc="right")
rplt.caption(ax, "BLS productivity (OPHNFB) and payrolls (PAYEMS) via FRED; dashed: 2010-2019 means", a2.as_of(),
             note="2020-2021 not drawn (pandemic swings). " + rplt.RECESSION_NOTE)
rplt.finish(fig)

# %%
a2_record = a2.record(
    headline=(f"Given the cycle, the least-skilled's unemployment gap to college graduates moved {fmt.pp(skill.value)} after 2022-12 "
              f"({fmt.interval(skill.low, skill.high)}); output per hour grew {fmt.pp(prod.value)} a year faster than in 2010-19 "
              f"({fmt.interval(prod.low, prod.high)}) and payrolls {fmt.pp(jobs.value)} ({fmt.interval(jobs.low, jobs.high)}); "
              f"the labour share is {fmt.pp(-shift.value)} of GDP against its 2022 average ({fmt.interval(-shift.high, -shift.low)}), "
              f"{fmt.pp(-a2_share.value('from 2019'))} against 2019"),
    changes="legs re-declared: the skill gap against college graduates, multi-quarter income-share averages from declared start years",
    history=[{"date": "2026-11-22", "window": "today", "from": "supported", "to": "mixed",
              "reason": "method: the skill leg was changed to compare the least-skilled with college graduates, so a shift "
                        "common to all education groups no longer counts"}])

# %% [markdown]
# ## A3: Are housing and wealth out of reach for the young, more so every year? <a id="A3"></a>
#
# **Claim, in our words** (a fact about late 2025). Housing is unaffordable; older generations hold
# most of the wealth while the young have income but no capital; asset inflation widens the gap
# every year.
#
# **Operational hypotheses**, three legs that must all hold:
# 1. *Unaffordable*: the monthly payment on a typical home (80% loan, 30-year fixed rate at the
#    Freddie Mac average) over median household income is at or above the 90th percentile of its
#    1987-2024 history. Baseline: the Case-Shiller national index (repeat sales, so constant quality)
#    and the latest month. Median household income ends in 2024; later years are extended by the
#    growth of average hourly earnings (a variant holds income flat instead). Variants: price over
#    income, a 12-month average, and the Census median new-home price, whose mix shifts toward smaller
#    homes when builders chase affordability.
# 2. *The young lack capital*: households headed by someone under 40 hold less than half their
#    share of households in net worth (Fed Distributional Financial Accounts). Variants: equities and
#    funds, real estate, total assets, Millennials by generation, a four-quarter average.
# 3. *The gap widens every year*: that relative wealth falls in at least 75% of years since 2010
#    (generous to "every year"). Variants: since 2000 and 2015, annual averages instead of fourth
#    quarters, equities, total assets, Millennials.
#
# These are measured facts: the rules compare a number with a threshold, with no sampling interval.
# Case-Shiller publishes with a two-month lag (the September 2025 index came out on 25 November), so
# at the start of the essay's window the latest month was August.

# %%
a3 = nb.claim("A3")
a3_afford = a3.declare(
    "housing at an affordability extreme",
    statistic=Statistic("percentile of the latest ratio in its 1987-2024 history", units="percentile",
                        interval="none: a measured fact"),
    baseline={"price": "Case-Shiller", "measure": "payment to income", "income": "earnings growth", "latest": "month"},
    variants={"price to income": {"measure": "price to income"}, "12-month average": {"latest": "12-month average"},
              "income held flat after 2024": {"income": "held flat"}, "median new-home price": {"price": "median new home"},
              "median new-home price to income": {"price": "median new home", "measure": "price to income"}},
    rule=Rule.above(90))
a3_young = a3.declare(
    "the young hold little capital",
    statistic=Statistic("the young's share of wealth over their share of households", units="ratio (1 = proportional)",
                        interval="none: a measured fact"),
    baseline={"group": "under 40", "measure": "Net worth", "latest": "latest quarter"},
    variants={"equities and funds": {"measure": "Corporate equities and mutual fund shares"},
              "real estate": {"measure": "Real estate"}, "total assets": {"measure": "Assets"},
              "Millennials": {"group": "Millennials"}, "four-quarter average": {"latest": "four-quarter average"}},
    rule=Rule.below(0.5))
a3_widen = a3.declare(
    "the gap widens every year",
    statistic=Statistic("share of years in which the young's relative wealth fell", units="share of years",
                        interval="none: a count"),
    baseline={"group": "under 40", "measure": "Net worth", "start": 2010, "year": "fourth quarter"},
    variants={"since 2000": {"start": 2000}, "since 2015": {"start": 2015}, "annual averages": {"year": "annual average"},
              "equities and funds": {"measure": "Corporate equities and mutual fund shares"},
              "total assets": {"measure": "Assets"}, "Millennials": {"group": "Millennials"}},
    rule=Rule.above(0.75))
for test, fn in ((a3_afford, ai.a3_affordability), (a3_young, ai.a3_young_capital), (a3_widen, ai.a3_widening)):
    test.run(fn)

# %%
aff_spec = Spec("chart", {"price": "Case-Shiller", "income": "earnings growth"}, TODAY)
aff = ai.affordability(aff_spec)
aff_idx = aff / aff.loc[:"2024"].mean() * 100.0
p90 = aff_idx.loc[:"2024", "payment to income"].quantile(0.9)
income_last = int(load("MEHOINUSA646N").index.max().year)
fig, ax = plt.subplots(figsize=(10.5, 4.8))
ax.plot(aff_idx.index, aff_idx["payment to income"], color="#c44e52", label="payment / income")
ax.plot(aff_idx.index, aff_idx["price to income"], color="#4c72b0", label="price / income")
ax.axhline(p90, color="#c44e52", ls="--", lw=1, label="90th percentile of payment / income, 1987-2024")
ax.axvspan(pd.Timestamp(f"{income_last + 1}-01-01"), aff_idx.index.max(), facecolor="none", edgecolor="#8c6d1f",
           hatch="///", lw=0, label=f"income after {income_last} extended by hourly-earnings growth")
rplt.shade_recessions(ax)
afford = a3_afford.estimate()
ax.set_ylabel("index, 1987-2024 average = 100")
peak = aff_idx["payment to income"].idxmax()
ax.set_title(f"Buying a home costs more than in {afford.value:.0f}% of months since 1987, below the {peak:%Y} peak")
rplt.legend_outside(ax, loc="right")
rplt.caption(ax, "S&P Cotality Case-Shiller national index, Freddie Mac PMMS, Census median household income, BLS hourly "
             "earnings (via FRED)", a3.as_of(), note="80% loan, 30-year fixed. " + rplt.RECESSION_NOTE)
rplt.finish(fig)

# %%
ratio = pd.DataFrame({"net worth": ai.young_share_ratio(Spec("chart", {"group": "under 40", "measure": "Net worth"}, TODAY)),
                      "equities and funds": ai.young_share_ratio(Spec("chart", {"group": "under 40",
                                                                  "measure": "Corporate equities and mutual fund shares"}, TODAY)),
                      "real estate": ai.young_share_ratio(Spec("chart", {"group": "under 40", "measure": "Real estate"}, TODAY))})
widen = a3_widen.estimate()
fig, ax = plt.subplots(figsize=(10.5, 4.6))
for col, color in zip(ratio.columns, ["#222222", "#dd8452", "#55a868"]):
    ax.plot(ratio.index, ratio[col], color=color, label=col)
ax.axhline(0.5, color="0.3", ls="--", lw=1, label="half their share of households (the rule)")
rplt.shade_recessions(ax)
ax.set_ylabel("share of wealth / share of households")
young = a3_young.estimate()
ax.set_title(f"Under-40s hold {young.value:.2f} times their proportional net worth; the gap "
             f"{'narrowed' if widen.detail['change over the period'] > 0 else 'widened'} since 2010, widening in "
             f"{widen.detail['years it fell']} of {widen.detail['years']} years")
rplt.legend_outside(ax, loc="right")
rplt.caption(ax, "Federal Reserve Distributional Financial Accounts (through 2026Q1), households by age of head", a3.as_of(),
             note=rplt.RECESSION_NOTE)
rplt.finish(fig)

# %%
a3_record = a3.record(
    headline=(f"The payment on a constant-quality home is above {afford.value:.0f}% of months since 1987 "
              f"(index {afford.detail['latest, as an index (1987-2024 average = 100)']:.0f}, 1987-2024 average = 100; rule: 90%); "
              f"under-40s hold {young.value:.2f} times their household share of net worth (rule: below 0.5); their relative "
              f"wealth fell in {widen.detail['years it fell']} of {widen.detail['years']} years since 2010 (rule: 75% of years)"),
    changes="legs re-declared with variants; the 'every year' leg counts years in which the young's relative wealth fell",
    history=[{"date": "2026-11-22", "window": "today", "from": "not supported", "to": "mixed",
              "reason": "method: the rule was split into three statements scored separately"}])

# %% [markdown]
# ## A4: Is energy, not chips, the bottleneck of AI, and the investment theme of the decade? <a id="A4"></a>
#
# **Claim, in our words.** (a, a fact about late 2025) The binding constraint on scaling AI is energy
# (power supply, grid, generation, cooling, copper), not GPUs. (b, a forecast) Energy will be among
# the most leveraged investment themes of the coming decade.
#
# **What public data can show.** A binding power constraint would show directly in interconnection
# queues, projects delayed for lack of grid capacity or curtailment; none is in the snapshot. We test
# what a binding constraint implies and the data can see, three legs that must all hold for part (a):
# 1. *Power use breaks upward*: 12-month growth of electric and gas utility output (Fed G.17, not
#    seasonally adjusted, hence 12-month changes) is higher from 2023 than in 2010-2022. Declared
#    beside it: electricity-only output, and capacity utilisation of electric power and of all
#    utilities (a constraint that binds should raise utilisation). HAC with 24 lags (overlapping
#    12-month changes).
# 2. *Electricity gets scarcer*: electricity CPI inflation outruns headline CPI inflation from 2023.
#    A variant controls for natural-gas price inflation 6 and 12 months earlier, since power prices
#    follow gas.
# 3. *The scarcity rent goes to power, not chips*: over the 12 months to the date, the power
#    producers (Vistra and Constellation, equal weights) beat Nvidia. The rule is symmetric: Nvidia
#    ahead counts against the claim. Variants: each producer alone, the utilities sector (XLU), the
#    S&P 500 (SPY) instead of Nvidia, 6 and 24 months.
#
# Part (b) is a forecast, tested only on prices after the essay date and provisional until its
# horizon (December 2035): the power producers' return over the S&P 500 since 2 December 2025.
# Variants: against Nvidia and the Nasdaq-100 (QQQ), utilities, the energy sector (XLE), each
# producer alone. Copper, also named in the claim, has no daily price in the snapshot after
# February 2026 and is left out.

# %%
a4 = nb.claim("A4")
a4_use = a4.part("a").declare(
    "power use breaks upward",
    statistic=Statistic("shift after 2023 in utility output growth or capacity utilisation", units="pp"),
    baseline={"measure": "utility output", "start": "2010-01", "end": None, "pandemic": "drop", "break": "2023-01-01", "lags": 24},
    variants={"electricity output only": {"measure": "electricity output"},
              "electric capacity utilisation": {"measure": "electric utilisation"},
              "utility capacity utilisation": {"measure": "utility utilisation"},
              "from 2015": {"start": "2015-01"}, "break in 2024": {"break": "2024-01-01"},
              "pandemic months kept": {"pandemic": "keep"}, "12 HAC lags": {"lags": 12}},
    rule=Rule.greater(0, meaningful=1.0),
    meaningful="a point a year more output growth (pre-2023 growth was under 1% a year), or a point more utilisation")
a4_price = a4.part("a").declare(
    "electricity gets scarcer",
    statistic=Statistic("shift after 2023 in electricity CPI minus CPI inflation", units="pp a year"),
    baseline={"gas": "none", "start": "2010-01", "end": None, "pandemic": "drop", "break": "2023-01-01", "lags": 24},
    variants={"lagged gas prices as controls": {"gas": "lagged control"}, "from 2015": {"start": "2015-01"},
              "break in 2024": {"break": "2024-01-01"}, "pandemic months kept": {"pandemic": "keep"},
              "12 HAC lags": {"lags": 12}},
    rule=Rule.greater(0, meaningful=1.0),
    meaningful="a point a year of relative price increase, as large as a typical year's swing")
a4_rent = a4.part("a").declare(
    "the scarcity rent goes to power, not chips",
    statistic=Statistic("excess return of power producers over Nvidia", units="% a year",
                        interval="95% confidence interval (HAC on daily returns)"),
    baseline={"theme": "power producers", "versus": "NVDA", "months": 12},
    variants={"Vistra alone": {"theme": "Vistra"}, "Constellation alone": {"theme": "Constellation"},
              "utilities sector": {"theme": "utilities"}, "against the S&P 500": {"versus": "SPY"},
              "6 months": {"months": 6}, "24 months": {"months": 24}},
    rule=Rule.greater(0, meaningful=10.0),
    meaningful="10 points a year is a modest premium for the scarce input")
a4_theme = a4.part("b").declare(
    "energy outperforms after the essay",
    statistic=Statistic("excess return of power producers over the S&P 500 since the essay", units="% a year",
                        interval="95% confidence interval (HAC on daily returns)"),
    baseline={"theme": "power producers", "versus": "SPY"},
    variants={"against Nvidia": {"versus": "NVDA"}, "against the Nasdaq-100": {"versus": "QQQ"},
              "utilities sector": {"theme": "utilities"}, "energy sector": {"theme": "energy"},
              "Vistra alone": {"theme": "Vistra"}, "Constellation alone": {"theme": "Constellation"}},
    rule=Rule.greater(0, meaningful=5.0), horizon="2035-12-01",
    meaningful="5 points a year over the market is what 'among the most leveraged themes' asks at the least")
for test, fn in ((a4_use, ai.a4_power_use), (a4_price, ai.a4_power_price), (a4_rent, ai.a4_scarcity_rent),
                 (a4_theme, ai.a4_theme_after)):
    test.run(fn)

# %%
power = pd.DataFrame({"utility output, 12-month growth, %": np.log(load("IPG2211A2N")).diff(12) * 100,
                      "electric capacity utilisation, %": load("CAPUTLG2211S"),
                      "electricity CPI minus CPI, 12-month, pp": (np.log(load("CUSR0000SEHF01")).diff(12)
                                                                  - np.log(load("CPIAUCSL")).diff(12)) * 100}).loc["2010":]
fig, axes = plt.subplots(3, 1, figsize=(10.5, 8.2), sharex=True)
for ax, col, color in zip(axes, power.columns, ["#4c72b0", "#55a868", "#c44e52"]):
    s = power[col].dropna()
    ax.plot(s.index, s, color=color, lw=1.2)
    for (a, b) in (("2010-01-01", "2022-12-31"), ("2023-01-01", None)):
        seg = s.loc[a:b]
        ax.hlines(seg.mean(), seg.index.min(), seg.index.max(), color="black", lw=2)
    ax.axvline(pd.Timestamp("2023-01-01"), color="0.3", ls=":", lw=1.2)
    ax.set_ylabel(col, fontsize=9)
    rplt.shade_recessions(ax)
use, price = a4_use.estimate(), a4_price.estimate()
util = a4_use.value("electric capacity utilisation")
axes[0].set_title(f"After 2023 electricity prices outran CPI by {fmt.pp(price.value)} a year; output growth moved "
                  f"{fmt.pp(use.value)} and utilisation {fmt.pp(util)}")
rplt.caption(axes[2], "Federal Reserve G.17 (IPG2211A2N, CAPUTLG2211S), BLS CPI (CUSR0000SEHF01, CPIAUCSL) via FRED", a4.as_of(),
             note="black bars: 2010-2022 and 2023-latest means. " + rplt.RECESSION_NOTE)
rplt.finish(fig)

# %%
names = {"power producers (VST, CEG)": ("VST", "CEG"), "utilities (XLU)": ("XLU",), "Nvidia": ("NVDA",), "S&P 500 (SPY)": ("SPY",)}
px = pd.concat({t: load(t) for t in ("VST", "CEG", "XLU", "NVDA", "SPY")}, axis=1, sort=True).dropna()
ret = np.log(px).diff().loc[pd.Timestamp(a4.essay.central) - pd.DateOffset(months=12):]
essay_day = ret.index[ret.index.searchsorted(pd.Timestamp(a4.essay.central))]
idx = pd.DataFrame({k: np.exp(ret[list(v)].mean(axis=1).cumsum()) for k, v in names.items()})
idx = idx / idx.loc[essay_day] * 100
fig, ax = plt.subplots(figsize=(10.5, 4.8))
for col, color in zip(idx.columns, ["#c44e52", "#dd8452", "#55a868", "#4c72b0"]):
    ax.plot(idx.index, idx[col], color=color, label=col)
ax.axvline(essay_day, color="0.3", ls=":", lw=1.2, label="essay date (1 Dec 2025)")
ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
theme = a4_theme.estimate(window="after the essay")
ax.set_ylabel("total return, essay date = 100")
behind = -theme.detail["cumulative, %"]
ax.set_title(f"Since the essay the power producers {'trail' if behind > 0 else 'lead'} the S&P 500 by "
             f"{fmt.pct(abs(behind), 0)} ({fmt.num(abs(theme.value), 0)}% a year)")
rplt.legend_outside(ax, loc="right")
rplt.caption(ax, "Yahoo Finance adjusted closes", a4.as_of(), note="equal-weighted daily returns of VST and CEG")
rplt.finish(fig)

# %%
rent = a4_rent.estimate(window="essay")
a4_record = a4.record(
    headline=(f"(a) Electricity prices outran CPI by {fmt.pp(price.value)} a year after 2023 ({fmt.interval(price.low, price.high)}), but "
              f"utility output growth shifted {fmt.pp(use.value)} ({fmt.interval(use.low, use.high)}) and electric capacity "
              f"utilisation {fmt.pp(util)}{': capacity grew faster than use' if util < 0 else ''}; in the year to the essay "
              f"the power producers' excess return over Nvidia was {fmt.num(rent.value, 0)}% a year ({fmt.interval(rent.low, rent.high, 0)}). "
              f"(b) Since the essay their excess return over the S&P 500 is {fmt.num(theme.value, 0)}% a year "
              f"({fmt.interval(theme.low, theme.high, 0)}), over a window far short of the decade the forecast covers"),
    changes="parts split: (a) tested at the essay date and today with a symmetric market leg, (b) as a forecast after the essay")

# %% [markdown]
# ## A5: Is the economy splitting into a lean AI track and a shrinking traditional one? <a id="A5"></a>
#
# **Claim, in our words** (a fact about late 2025). A capital-driven AI sector (high productivity, high
# margins, little labour) runs beside a labour-dependent traditional sector that keeps shrinking.
#
# **Operational hypotheses**, three legs that must all hold, from 2023 (the first full year of
# generative AI):
# 1. *Two tracks diverge*: real IT investment grows at least 5 points a year faster than the rest of
#    nonresidential fixed investment. "The rest" is measured from contributions and BEA's weights,
#    not by subtracting chained dollars (which are not additive). Baseline: quarterly annualised
#    rates, HAC with 4 lags. Variants: against GDP without AI, hardware only, four-quarter changes
#    (overlapping, so HAC with 8 lags), from 2022 and from 2024, 8 lags.
# 2. *The traditional track shrinks*: GDP without AI (A1's measure) declines. Variants: payrolls
#    outside the information sector, from 2022 and 2025, the AI increment only, 8 lags.
# 3. *The AI track uses little labour*: employment in the information sector (publishing, software,
#    telecommunications, data processing: the industry closest to the AI track) declines. Variants:
#    relative to all other payrolls, from 2022, 2024 and 2025, 24 lags.
#
# Productivity and margins by sector would need BEA's GDP-by-industry accounts, which are not in the
# snapshot; the legs above test the parts of the claim that the data can reach.

# %%
a5 = nb.claim("A5")
a5_div = a5.declare(
    "the AI track outgrows the rest",
    statistic=Statistic("gap between real growth of IT investment and of other investment", units="pp a year"),
    baseline={**A1_BASE, "versus": "other investment", "basis": "quarterly rates", "start": "2023-01-01", "lags": 4},
    variants={"against GDP without AI": {"versus": "GDP without AI"}, "hardware only": {"definition": "IT equipment only"},
              "four-quarter changes": {"basis": "four-quarter changes", "lags": 8}, "from 2022": {"start": "2022-01-01"},
              "from 2024": {"start": "2024-01-01"}, "8 HAC lags": {"lags": 8}},
    rule=Rule.greater(0, meaningful=5.0),
    meaningful="5 points a year: over three years the AI track grows a sixth more than the rest")
a5_rest = a5.declare(
    "the traditional track shrinks",
    statistic=Statistic("mean growth of the traditional track", units="% a year"),
    baseline={**A1_BASE, "measure": "GDP without AI", "start": "2023-01-01", "lags": 4},
    variants={"payrolls outside information": {"measure": "payrolls outside information", "lags": 12},
              "from 2022": {"start": "2022-01-01"}, "from 2025": {"start": "2025-01-01"},
              "GDP without the AI increment": {"amount": "increment over 2010-19"},
              "payrolls outside information, from 2025": {"measure": "payrolls outside information", "start": "2025-01-01",
                                                          "lags": 12},
              "8 HAC lags": {"lags": 8}},
    rule=Rule.less(0, meaningful=1.0),
    meaningful="a decline of 1% a year is a mild recession pace")
a5_jobs = a5.declare(
    "the AI track uses little labour",
    statistic=Statistic("mean growth of information-sector employment", units="% a year"),
    baseline={"relative": "alone", "start": "2023-01-01", "lags": 12},
    variants={"relative to other payrolls": {"relative": "relative to other payrolls"}, "from 2022": {"start": "2022-01-01"},
              "from 2024": {"start": "2024-01-01"}, "from 2025": {"start": "2025-01-01"}, "24 HAC lags": {"lags": 24}},
    rule=Rule.less(0, meaningful=1.0),
    meaningful="a 1% a year fall in headcount while investment booms")
for test, fn in ((a5_div, ai.a5_divergence), (a5_rest, ai.a5_rest_growth), (a5_jobs, ai.a5_ai_jobs)):
    test.run(fn)

# %%
inv = ai.investment_growth(Spec("chart", A1_BASE, TODAY))
four = pd.DataFrame({k: (ai.chain_index((1 + inv[k] / 100) ** 0.25 - 1).pct_change(4) * 100) for k in inv.columns}).loc["2015":]
four.columns = ["IT equipment and software", "other nonresidential investment", "GDP without AI"]
pay = pd.DataFrame({"information sector": load("USINFO"), "all other payrolls": load("PAYEMS") - load("USINFO")})
jobs_yoy = (np.log(pay).diff(12) * 100).loc["2015":]
fig, axes = plt.subplots(2, 1, figsize=(10.5, 7.6), sharex=True)
for col, color in zip(four.columns, ["#c44e52", "#4c72b0", "#888888"]):
    axes[0].plot(four.index, four[col], color=color, label=col)
for col, color in zip(jobs_yoy.columns, ["#c44e52", "#4c72b0"]):
    axes[1].plot(jobs_yoy.index, jobs_yoy[col], color=color, label=col)
axes[1].set_ylim(-8, 8)
for ax, label in zip(axes, ["real growth over four quarters, %", "employment growth over 12 months, %"]):
    ax.axhline(0, color="0.3", lw=0.6)
    ax.axvline(pd.Timestamp("2023-01-01"), color="0.3", ls=":", lw=1.2)
    ax.set_ylabel(label, fontsize=9)
    rplt.shade_recessions(ax)
    rplt.legend_outside(ax, loc="right")
div, rest, info = a5_div.estimate(), a5_rest.estimate(), a5_jobs.estimate()
axes[0].set_title(f"IT investment outgrew the rest and information jobs shrank, but the rest of GDP grew {fmt.pct(rest.value)} a year")
rplt.caption(axes[1], "BEA NIPA Tables 1.1.6, 5.3.6 and FRED nominal series (BEA's contribution method); BLS payrolls "
             "(PAYEMS, USINFO)", a5.as_of(), note="2020-21 payroll swings cut at ±8%. " + rplt.RECESSION_NOTE)
rplt.finish(fig)

# %%
a5_record = a5.record(
    headline=(f"Since 2023 IT investment grew {fmt.pp(div.value)} a year faster than other investment ({fmt.interval(div.low, div.high)}) "
              f"and information-sector jobs fell {fmt.pct(-info.value)} a year ({fmt.interval(info.low, info.high)}), but the traditional "
              f"track did not shrink: GDP without AI grew {fmt.pct(rest.value)} a year ({fmt.interval(rest.low, rest.high)}) and payrolls "
              f"outside information {fmt.pct(a5_rest.value('payrolls outside information'))}"),
    changes="other investment from contributions and BEA weights; legs declared with variants and HAC lags for overlapping changes")

# %% [markdown]
# ## What would change these verdicts
#
# - **A1.** Today the verdict rests on the last pair of quarters in the chart, where growth of GDP
#   without IT investment was close to zero in both. A downward revision of 2026Q1 (the next
#   estimates, the September 2026 annual update) or a decline in 2026Q2 would give two quarters of
#   decline, and the essay's claim would hold on today's data. Import data (BEA end-use imports of
#   computers, peripherals and parts; Census semiconductor trade) would replace the import bound with
#   a number and lower AI's contribution; a split of AI from ordinary IT (company or Census shipment
#   data) would do the same.
# - **A2.** CPS micro-data by occupational exposure to AI, rather than age or education, would be the
#   decisive test; education series past 2024-12 would extend the skill leg to 2025. Labour-share data
#   through 2026 would show whether the small post-2022 fall grows.
# - **A3.** A 2025 Census income release (replacing the hourly-earnings proxy) can move the payment
#   ratio across the 90th percentile, on which this leg sits; a sustained fall in the young's relative
#   wealth for several years would support "every year".
# - **A4.** Interconnection-queue data (LBNL), utility large-load forecasts and project delays attributed
#   to power would test the bottleneck directly; rising capacity utilisation of power plants would
#   favour the claim. Part (b) stays provisional until its horizon; returns over a few months say little
#   about a decade.
# - **A5.** BEA GDP by industry (value added, compensation and operating surplus) would test
#   margins and labour intensity by sector; a decline of GDP without AI or of payrolls outside the
#   information sector would turn the second leg.

# %%
nb.summary()
