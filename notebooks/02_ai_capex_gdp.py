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

from research_lib import plotting as rplt
from research_lib.claims.notebook import Notebook
from research_lib.claims.protocol import Rule, Spec, Statistic, Window
from research_lib.studies import ai_capex as ai

nb = Notebook("02_ai_capex_gdp")   # plotting style, recession shading, the summary table at the top
TODAY = Window("today")
today = Spec("chart", {}, TODAY)   # the latest data, for the tables and charts

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
ai.release_timing()

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
checks = ai.method_checks(today)
display(ai.method_check_table(checks))
Markdown(ai.method_check_note(checks))

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

# %%
for test, fn in ((a1_recession, ai.a1_recession), (a1_weak, ai.a1_weak)):
    test.run(fn)

# %%
it_today = Spec("chart", A1_BASE, TODAY)   # A1's baseline definitions on the latest data
rplt.finish(ai.chart_a1(it_today, a1_recession, a1.as_of()))

# %%
a1_record = a1.record(
    headline=ai.a1_headline(a1_recession, a1_weak),
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
rec = ai.reconciliation(it_today)
ai.reconciliation_table(rec).style.set_properties(**{"text-align": "left", "white-space": "normal"})

# %%
rplt.finish(ai.chart_it_share(rec, a1.as_of()))

# %%
Markdown(ai.reconciliation_note(rec))

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

# %%
years = {"from 2022": {"start": "2022-01-01"}, "from 2021": {"start": "2021-01-01"}, "from 2019": {"start": "2019-01-01"}}
GROWTH = {"pre_start": "2010-01-01", "pre_end": "2019-12-31", "start": "2023-01-01", "pandemic": "drop", "lags": 4}
GROWTH_VARIANTS = {**years, "from 2024": {"start": "2024-01-01"}, "reference 2015-2019": {"pre_start": "2015-01-01"},
                   "reference 2000-2019": {"pre_start": "2000-01-01"}, "8 HAC lags": {"lags": 8}}
a2_prod = a2.declare(
    "productivity growth picks up",
    statistic=Statistic("change in mean growth of output per hour", units="pp a year"),
    baseline={"measure": "output per hour", **GROWTH}, variants=GROWTH_VARIANTS,
    rule=Rule.greater(0, meaningful=0.5), essay_window=True,
    meaningful="half a point a year is a third of 2010-2019 productivity growth")

# %%
a2_jobs = a2.declare(
    "payroll growth slows",
    statistic=Statistic("change in mean growth of payroll employment", units="pp a year"),
    baseline={"measure": "payrolls", **GROWTH}, variants=GROWTH_VARIANTS,
    rule=Rule.less(0, meaningful=0.5), essay_window=True,
    meaningful="half a point a year is a third of 2010-2019 payroll growth")

# %%
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

# %%
for test, fn in ((a2_skill, ai.a2_skill_gap), (a2_prod, ai.a2_growth_change), (a2_jobs, ai.a2_growth_change),
                 (a2_share, ai.a2_income_shift)):
    test.run(fn)

# %%
rplt.finish(ai.chart_a2_skill(today, a2_skill, a2.as_of()))

# %%
rplt.finish(ai.chart_a2_shares(today, a2_share, a2.as_of()))

# %%
rplt.finish(ai.chart_a2_growth(today, a2_prod, a2_jobs, a2.as_of()))

# %%
a2_record = a2.record(
    headline=ai.a2_headline(a2_skill, a2_prod, a2_jobs, a2_share),
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

# %%
a3_young = a3.declare(
    "the young hold little capital",
    statistic=Statistic("the young's share of wealth over their share of households", units="ratio (1 = proportional)",
                        interval="none: a measured fact"),
    baseline={"group": "under 40", "measure": "Net worth", "latest": "latest quarter"},
    variants={"equities and funds": {"measure": "Corporate equities and mutual fund shares"},
              "real estate": {"measure": "Real estate"}, "total assets": {"measure": "Assets"},
              "Millennials": {"group": "Millennials"}, "four-quarter average": {"latest": "four-quarter average"}},
    rule=Rule.below(0.5))

# %%
a3_widen = a3.declare(
    "the gap widens every year",
    statistic=Statistic("share of years in which the young's relative wealth fell", units="share of years",
                        interval="none: a count"),
    baseline={"group": "under 40", "measure": "Net worth", "start": 2010, "year": "fourth quarter"},
    variants={"since 2000": {"start": 2000}, "since 2015": {"start": 2015}, "annual averages": {"year": "annual average"},
              "equities and funds": {"measure": "Corporate equities and mutual fund shares"},
              "total assets": {"measure": "Assets"}, "Millennials": {"group": "Millennials"}},
    rule=Rule.above(0.75))

# %%
for test, fn in ((a3_afford, ai.a3_affordability), (a3_young, ai.a3_young_capital), (a3_widen, ai.a3_widening)):
    test.run(fn)

# %%
rplt.finish(ai.chart_a3_affordability(today, a3_afford, a3.as_of()))

# %%
rplt.finish(ai.chart_a3_young(today, a3_young, a3_widen, a3.as_of()))

# %%
a3_record = a3.record(
    headline=ai.a3_headline(a3_afford, a3_young, a3_widen),
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

# %%
a4_price = a4.part("a").declare(
    "electricity gets scarcer",
    statistic=Statistic("shift after 2023 in electricity CPI minus CPI inflation", units="pp a year"),
    baseline={"gas": "none", "start": "2010-01", "end": None, "pandemic": "drop", "break": "2023-01-01", "lags": 24},
    variants={"lagged gas prices as controls": {"gas": "lagged control"}, "from 2015": {"start": "2015-01"},
              "break in 2024": {"break": "2024-01-01"}, "pandemic months kept": {"pandemic": "keep"},
              "12 HAC lags": {"lags": 12}},
    rule=Rule.greater(0, meaningful=1.0),
    meaningful="a point a year of relative price increase, as large as a typical year's swing")

# %%
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

# %%
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

# %%
for test, fn in ((a4_use, ai.a4_power_use), (a4_price, ai.a4_power_price), (a4_rent, ai.a4_scarcity_rent),
                 (a4_theme, ai.a4_theme_after)):
    test.run(fn)

# %%
rplt.finish(ai.chart_a4_power(today, a4_use, a4_price, a4.as_of()))

# %%
rplt.finish(ai.chart_a4_theme(today, a4_theme, a4.essay.central, a4.as_of()))

# %%
a4_record = a4.record(
    headline=ai.a4_headline(a4_use, a4_price, a4_rent, a4_theme),
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

# %%
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

# %%
a5_jobs = a5.declare(
    "the AI track uses little labour",
    statistic=Statistic("mean growth of information-sector employment", units="% a year"),
    baseline={"relative": "alone", "start": "2023-01-01", "lags": 12},
    variants={"relative to other payrolls": {"relative": "relative to other payrolls"}, "from 2022": {"start": "2022-01-01"},
              "from 2024": {"start": "2024-01-01"}, "from 2025": {"start": "2025-01-01"}, "24 HAC lags": {"lags": 24}},
    rule=Rule.less(0, meaningful=1.0),
    meaningful="a 1% a year fall in headcount while investment booms")

# %%
for test, fn in ((a5_div, ai.a5_divergence), (a5_rest, ai.a5_rest_growth), (a5_jobs, ai.a5_ai_jobs)):
    test.run(fn)

# %%
rplt.finish(ai.chart_a5(it_today, a5_rest, a5.as_of()))

# %%
a5_record = a5.record(
    headline=ai.a5_headline(a5_div, a5_rest, a5_jobs),
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
