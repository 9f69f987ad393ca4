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
# # 01 — Two economies? Markets versus the real economy (claims K1–K9)
#
# An essay of late 2025 (arndxt, "When bitcoin becomes a social pressure valve", dated here to
# 1 November 2025, window 15 September to 30 November 2025) argues that the US has split into two
# economies: asset prices keep rising on central-bank liquidity while manufacturing, wages, small
# firms and the public finances stagnate, that monetary policy no longer reaches the real economy,
# and that a policy loop will bring another easing cycle in 2026. This notebook tests its nine "K"
# claims against public data (ISM, Federal Reserve, BEA, BLS, Census, the Fed's Distributional
# Financial Accounts, high-frequency monetary-policy surprises, S&P 500 and sector funds).
#
# **How to read a section.** Each claim is restated, then a test is *declared* before any result
# is shown: its statistic, a baseline specification (and why it is the baseline), at least five
# robustness variants and a rule with the smallest effect that matters. The verdict is then derived
# by the library, not typed: *supported* when the baseline passes and at least 80% of the variants
# agree, *not supported* when the baseline fails and at least 80% agree, *inconclusive* otherwise
# (including when an interval covers both no effect and an effect that matters), *mixed* when the
# parts of a compound claim disagree, *untestable* when the deciding data are out of reach. Facts
# are tested twice: on the data the author could see at the essay date (first releases where we
# have them) and on today's data. Forecasts are tested only on data after the essay and stay
# provisional while their horizon is open. p-values are two-sided and Holm-adjusted across a
# claim's tests. Below each test: the chart, then the verdict line with the specification chart
# (every specification's estimate and interval, coloured by whether the claim holds there).
#
# Throughout, the project-wide pandemic months (March 2020 to June 2021) are left out of the
# baseline samples of every regression and kept in a declared variant.

# %%
import pandas as pd
from IPython.display import display

from research_lib import fmt, load
from research_lib.claims.notebook import Notebook
from research_lib.claims.protocol import Rule, Statistic, as_of
from research_lib.data import calendars
from research_lib.studies import k_shape as ks

nb = Notebook("01_k_shape")   # plotting style, recession shading, the summary table at the top
ESSAY = "2025-11-01"


pd.set_option("display.precision", 2)
pd.set_option("display.max_colwidth", 90)

# %% [markdown]
# ## K1 — Had the ISM index been below 50 for more than 18 months? <a id="K1"></a>
#
# **Claim (fact).** The ISM manufacturing index has been below 50 for more than 18 consecutive
# months, the longest contraction streak since World War II, yet the stock market kept rising.
#
# **Operational test.** Three legs, all of which must hold: (1) the run of consecutive months below
# 50 that is open at the last month the reader can see lasts more than 18 months; (2) it is longer
# than every earlier run in the history we have; (3) the S&P 500 rose over it. At the essay date the
# last visible print is the one released on 1 October 2025 (September's index); today it is the
# December 2025 release (November's index).
#
# **Why this baseline.** ISM's index *as first released* is what the author and the market saw; it
# is in a release-dated file (2007 on), so each value is moved to the month it describes. ISM's
# revised values (`NAPM`, 1990 to August 2025) are a variant. Other variants: a three-month
# average, a run that survives one month at or above 50, a generous reading that takes the longest
# run ending within the last 12 visible months (the streak the essay may have meant even if it had
# just ended), and ignoring the newest print. "Since World War II" cannot be checked: the ISM
# history here starts in 1990 (revised) and 2007 (first release); ISM's 1948–1989 archive would
# decide it. Leg (2) is therefore "longest in the available history".

# %%
k1 = nb.claim("K1")
K1_BASE = {"vintage": "first release", "smooth": "none", "tolerance": 0, "run": "open", "drop_last": 0}
K1_VARIANTS = {"revised values": {"vintage": "revised"}, "three-month average": {"smooth": "3-month average"},
               "one month at or above 50 allowed": {"tolerance": 1},
               "longest run ending in the last 12 months": {"run": "latest within 12 months"},
               "newest print ignored": {"drop_last": 1}}
k1_len = k1.declare("months in the run below 50", statistic=Statistic("length of the run", units="months", interval="none"),
                    baseline=K1_BASE, variants=K1_VARIANTS, rule=Rule.above(18))
k1_rec = k1.declare("run against the longest earlier run", statistic=Statistic("run minus the longest earlier run", units="months", interval="none"),
                    baseline=K1_BASE, variants=K1_VARIANTS, rule=Rule.above(0))
k1_spx = k1.declare("S&P 500 over the run", statistic=Statistic("S&P 500 price change over the run", units="%", interval="none"),
                    baseline=K1_BASE, variants=K1_VARIANTS, rule=Rule.above(0))

# %%
for test, fn in ((k1_len, ks.k1_run_length), (k1_rec, ks.k1_run_vs_record), (k1_spx, ks.k1_stocks_over_run)):
    display(test.run(fn).drop(columns=["interval low", "interval high", "p"]))

# %%
ks.chart_k1(ESSAY, as_of(k1_len, k1_rec, k1_spx))

# %%
e, t = k1_len.estimate(window="essay"), k1_len.estimate()
k1_record = k1.record(headline=(
    f"At the essay date the ISM index (as first released) had been below 50 for {e.value} months ({e.detail['run']}), "
    f"not more than 18; today the run is {t.value} months ({t.detail['run']}). The 2022–24 streak (16 months as first "
    f"released, 26 in revised data) was over by January 2025. Stocks rose over the run "
    f"({fmt.pct(k1_spx.estimate(window='essay').value, 0, sign=True)} to the essay date). 'Longest since World War II' "
    "cannot be checked: the ISM history here starts in 1990."))

# %% [markdown]
# **Reading.** The claim describes a streak that was over by the time the essay was written. The
# 2022–24 contraction was long — 26 months in ISM's revised data (November 2022 to December 2024),
# 16 months as first released because the March 2024 print came in at 50.3 — but the index rose
# above 50 in January and February 2025. The run open at the essay date began in March 2025 and had
# lasted 7 months (6 to 8 across the essay's date window), in both vintages; no variant, not even the
# generous one that looks back 12 months, reaches 18 as first released. Stocks did rise, by about
# 12% over the open run.

# %% [markdown]
# ## K2 — Have stock returns decoupled from activity data? <a id="K2"></a>
#
# **Claim (mechanism).** Equity prices have decoupled from the real economy: the link between stock
# returns and manufacturing or activity data has weakened.
#
# **Operational test.** Regress the S&P 500's log return on the month's activity news (standardised:
# one unit is one standard deviation), separately before 2020 and from 2020, and measure the change in
# the *strength* of the link: the absolute slope after minus the absolute slope before. Decoupling
# predicts a fall. A slope that flips sign is not decoupling, so the statistic uses absolute values.
# The interval and p-value come from a moving-block bootstrap (blocks of 6 months, each period
# resampled separately).
#
# **Timing.** Activity data for month t are published in month t+1, so the baseline pairs each
# month's news with the return from its release day to the next release: ISM release days come from
# the release-dated first-release file (2007 on) and, before that, ISM's rule (first business day of
# the next month); payroll release days from the Employment Situation calendar (2000–2024, its two
# documented typos corrected below) and the first-Friday rule elsewhere. Industrial production and
# the Chicago Fed index have no calendar here: their news is paired with the next calendar month.
# Variants: the calendar month after the reference month throughout, and the old same-month pairing.
#
# **Why this baseline.** ISM's index is the "manufacturing data" of the claim; 1990 is where its
# monthly history here starts; the pandemic months are left out as everywhere in this notebook.
# Variants: from 2008 (comparing 2020 on with the post-crisis decade only), pandemic months kept,
# industrial production, the Chicago Fed National Activity Index, payrolls, ISM as first released.
#
# **Size that matters.** A fall in the slope of 0.4 pp of monthly return per standard deviation of
# news — a correlation of about 0.1 with returns whose monthly standard deviation is about 4%.

# %%
display(pd.DataFrame({"corrections to the Employment Situation calendar": calendars.employment_releases().attrs["corrections"]}))
k2 = nb.claim("K2")
k2_test = k2.declare(
    "strength of the return-news link, 2020 on against before",
    statistic=Statistic("change in the absolute slope", units="pp of monthly return per s.d. of news",
                        interval="95% moving-block bootstrap interval"),
    baseline={"start": "1990-01", "end": None, "pandemic": "drop", "measure": "ISM PMI (revised)", "timing": "release",
              "split": "2020-01-01"},
    variants={"from 2008": {"start": "2008-01"}, "pandemic months kept": {"pandemic": "keep"},
              "industrial production": {"measure": "industrial production"},
              "Chicago Fed activity index": {"measure": "Chicago Fed activity index"},
              "payrolls": {"measure": "payrolls"}, "ISM as first released": {"measure": "ISM PMI (first release)"},
              "calendar month after": {"timing": "month after"}, "same month (news not yet out)": {"timing": "same month"}},
    rule=Rule.less(0, meaningful=0.4),
    meaningful="0.4 pp per standard deviation is a correlation of about 0.1 with monthly returns")

# %%
k2_test.run(ks.k2_slope_change)

# %%
ks.chart_k2(k2_test, as_of(k2_test))

# %%
b = k2_test.estimate()
runs = [r.estimate for r in k2_test.runs]
weaker, negative = sum(r.value < 0 for r in runs), sum(r.detail["slope after"] < 0 for r in runs)
k2_record = k2.record(headline=(
    f"No sign of decoupling: the return-news slope (ISM, release timing, pandemic months left out) went from "
    f"{b.detail['slope before']:+.2f} in 1990–2019 to {b.detail['slope after']:+.2f} pp per standard deviation in 2020–2025, "
    f"a change in strength of {b.value:+.2f} (95% interval {fmt.interval(b.low, b.high)}). The link is weaker after 2020 in "
    f"{weaker} of {len(runs)} specifications and negative in {negative}; most intervals are too wide to rule out a "
    "weakening of 0.4 either."))

# %% [markdown]
# **Reading.** Activity news never moved monthly stock returns much: before 2020, one standard
# deviation of ISM news went with essentially no change in the following month's return. Since
# 2020 (pandemic months left out) the slope is *negative* in every measure with release timing —
# stronger activity news has come with lower returns, the pattern of a market that reads good data
# as higher interest rates. That is a changed link, not an absent one, and its strength rose rather
# than fell. The intervals are wide (the post-2020 sample has about 55 months), so for most variants
# the data cannot rule out a weakening of the size that matters either: the verdict is
# inconclusive, not a rejection. The old headline ("not since 2020") covered a window containing
# the 2020 recession; with the pandemic months out, the forward-looking link is not re-tested here.

# %% [markdown]
# ## K3 — Are profits concentrated in tech and finance? <a id="K3"></a>
#
# **Claim (fact).** Profits are concentrated in tech monopolies and finance.
#
# **What would decide it.** Profits by industry or by firm: BEA NIPA Table 6.16D (corporate profits
# by industry) or firm earnings (S&P 500 sector earnings, Compustat). The snapshot has only
# aggregate profits (BEA Table 1.10, FRED `CP`), so the claim is untestable here. Sector *returns*
# are not profits and are not used as a stand-in.

# %%
k3 = nb.claim("K3")
k3.untestable("Needs corporate profits by industry (BEA NIPA Table 6.16D) or by firm (S&P 500 sector earnings, "
              "Compustat); the snapshot has only aggregate profits")
profits = (100 * load("CP") / load("GDP")).dropna()
k3_record = k3.record(headline=(
    "Untestable here: profits by industry or firm are not in the snapshot (BEA Table 6.16D or firm earnings would decide). "
    f"Aggregate after-tax profits are {profits.iloc[-1]:.1f}% of GDP ({profits.index[-1].year}Q{profits.index[-1].quarter}), "
    f"higher than in {(profits < profits.iloc[-1]).mean():.0%} of quarters since 1947, but that says nothing about "
    "which industries earn them."))

# %% [markdown]
# ## K4 — Does Fed liquidity lift assets while wages and small firms stagnate? <a id="K4"></a>
#
# **Claim (mechanism).** Expansion of the Fed's balance sheet keeps lifting financial-asset prices,
# while wages, credit to small firms and small-business activity stagnate: a K-shaped economy.
#
# **Operational test: four legs, all must hold.**
# 1. *The K in levels*: since a base month, real (CPI-deflated) stock prices grew at least 1 pp a
#    year faster than real hourly pay. Base month: December 2007, the business-cycle peak before the
#    Fed's balance sheet began to grow — a date not chosen by any asset price (the March 2009 stock
#    trough, used before, flatters stocks). Variants: November 2008 (first asset purchases), March
#    2009, October 2013, December 2019, house prices instead of stocks, all private employees' pay.
# 2. *Liquidity lifts stocks*: the weekly S&P 500 return on the weekly change in net liquidity (Fed
#    total assets minus the Treasury's account at the Fed minus overnight reverse repos), summed over
#    lags 0–4, per \$100bn. Net liquidity uses the Treasury account's *Wednesday level* (`WDTGAL`),
#    matching the Wednesday level of Fed assets. The baseline sample starts in October 2013, when the
#    reverse-repo facility began to run daily and net liquidity is observed every week without
#    interpreting blanks. Variants: from 2003 with reverse-repo blanks read as zero (a blank then
#    meant no operation), from 2003 with blanks left missing (which leaves the odd 2008 weeks that
#    set the old "complete sample"), from QE1 (November 2008), the week-average Treasury account,
#    Fed assets alone, lags 0–8, monthly data.
# 3. *Wages do not respond*: monthly real-pay growth on the monthly change in net liquidity (lags
#    0–3). A claim of no effect passes only if the interval rules out an effect that matters.
# 4. *Small-firm credit does not respond*: the quarterly change in the net share of banks tightening
#    standards for small firms (`DRTSCIS`, which ends in 2021Q1) on the change in net liquidity (lags
#    0–1), again a no-effect rule. Small-business *activity* and small-firm loan volumes are not in
#    the snapshot (NFIB surveys or SBA lending would decide that part).
#
# **Sizes that matter.** Net liquidity rose by about \$4.9 trillion from August 2008 to 2026. An
# equity effect of 0.5% per \$100bn would account for about a sixth of the S&P 500's real rise over
# that period; a real-pay effect of 0.1% per \$100bn for about a third of real pay's rise; a
# small-firm effect of 1 point of banks per \$100bn would move standards by ten points per
# trillion, about one standard deviation of the quarterly change.

# %%
k4 = nb.claim("K4")
LIQ = {"start": ks.COMPLETE_LIQUIDITY_FROM, "end": None, "pandemic": "drop", "tga": "wednesday", "rrp_blanks": "zero",
       "measure": "net liquidity"}
LIQ_VARIANTS = {"pandemic months kept": {"pandemic": "keep"}, "from 2003, reverse-repo blanks as zero": {"start": "2003-01-01"},
                "week-average Treasury account": {"tga": "week average"}, "Fed assets only": {"measure": "Fed assets"}}
k4_k = k4.declare("real stock prices against real pay since the base month",
                  statistic=Statistic("real growth gap, asset minus pay", units="pp a year", interval="none"),
                  baseline={"base": "2007-12-01", "asset": "S&P 500", "wage": "production workers"},
                  variants={"base November 2008": {"base": "2008-11-01"}, "base March 2009": {"base": "2009-03-01"},
                            "base October 2013": {"base": "2013-10-01"}, "base December 2019": {"base": "2019-12-01"},
                            "house prices": {"asset": "house prices"}, "all private employees": {"wage": "all private employees"}},
                  rule=Rule.above(1.0))
k4_eq = k4.declare("stocks on net liquidity",
                   statistic=Statistic("sum of lag coefficients", units="% return per $100bn"),
                   baseline={**LIQ, "lags": 4, "freq": "weekly"},
                   variants={**LIQ_VARIANTS, "from 2003, reverse-repo blanks left missing": {"start": "2003-01-01", "rrp_blanks": "missing"},
                             "from QE1 (November 2008)": {"start": "2008-11-26"}, "lags 0-8": {"lags": 8},
                             "monthly": {"freq": "monthly", "lags": 2}},
                   rule=Rule.greater(0, meaningful=0.5),
                   meaningful="0.5% per $100bn: the $4.9tn added since 2008 would then explain about a sixth of the real rise in stocks")
k4_w = k4.declare("real pay on net liquidity",
                  statistic=Statistic("sum of lag coefficients", units="% real-pay growth per $100bn"),
                  baseline={**LIQ, "lags": 3, "wage": "production workers"},
                  variants={**LIQ_VARIANTS, "all private employees": {"wage": "all private employees"}, "lags 0-6": {"lags": 6}},
                  rule=Rule.within(0.1),
                  meaningful="0.1% per $100bn: the $4.9tn added since 2008 would then explain about a third of real pay's rise")
k4_c = k4.declare("small-firm credit standards on net liquidity",
                  statistic=Statistic("sum of lag coefficients", units="pp of banks tightening per $100bn"),
                  baseline={**LIQ, "lags": 1, "credit": "DRTSCIS"},
                  variants={**LIQ_VARIANTS, "lags 0-3": {"lags": 3}, "Fed assets from 2003": {"measure": "Fed assets", "start": "2003-01-01"}},
                  rule=Rule.within(1.0),
                  meaningful="1 point of banks per $100bn is ten points per trillion, about one standard deviation of the quarterly change")

# %%
for test, fn in ((k4_k, ks.k4_divergence), (k4_eq, ks.k4_equities), (k4_w, ks.k4_wages), (k4_c, ks.k4_small_firm_credit)):
    display(test.run(fn))

# %%
ks.chart_k4("2007-12-01", as_of(k4_k, k4_eq, k4_w, k4_c))

# %%
kk, eq, w, c = (t.estimate() for t in (k4_k, k4_eq, k4_w, k4_c))
k4_record = k4.record(headline=(
    f"The K is real in levels: since December 2007 real stock prices grew {kk.detail['asset growth (% a year, real)']:.1f}% a year, "
    f"real pay {kk.detail['pay growth (% a year, real)']:.1f}% (real house prices only {fmt.num(k4_k.value('house prices'), 1)} pp a year faster than pay). "
    "The liquidity mechanism is not "
    f"established: stocks rose {eq.value:.2f}% per $100bn of net liquidity since October 2013 ({fmt.p(eq.p)} before adjusting "
    "for the claim's three tested legs), "
    f"but the link vanishes from 2003 and with Fed assets alone; real pay ({w.value:+.2f}%, {fmt.interval(w.low, w.high)}) and "
    f"small-firm standards ({c.value:+.2f} points, {fmt.interval(c.low, c.high)}) cannot be shown to be unaffected."))

# %% [markdown]
# **Reading.** The levels tell the K-shaped story in real terms and from a neutral base: real stock
# prices have roughly tripled since the 2007 peak while real hourly pay rose by about a sixth; real
# house prices, measured from their 2006–07 peak, grew only a little faster than pay. The
# *mechanism* is weaker.
# Week-to-week changes in net liquidity go with stock returns since 2013 (and from QE1), but the link
# disappears over 2003–2026 and when Fed assets alone are used, and it explains 1–2% of weekly
# variance. For wages and small-firm credit the claim is one of *no effect*, and the intervals are
# too wide to rule out an effect that matters (the small-firm survey gives only 24 quarters in the
# baseline sample) — so the data neither confirm nor reject that liquidity bypasses them.

# %% [markdown]
# ## K5 — Is monetary transmission broken? <a id="K5"></a>
#
# **Claim (mechanism).** Rate cuts lift stocks and bonds but create no jobs and no wage growth; QE
# helps large firms borrow, not small ones.
#
# **Identification.** Raw changes in yields respond to the economy, so they cannot identify policy.
# The shocks here are high-frequency surprises in a 30-minute window around each FOMC announcement:
# the Jarocinski–Karadi monetary-policy shock (rate surprises that move stocks the other way, so
# information about the economy is separated out), summed by month, scaled so one unit is a 25 bp
# *easing* surprise. Local projections (3 lags; industrial-production growth and inflation as
# controls; HAC bands) give the response at a fixed horizon.
#
# **Legs (all must hold).** After 2009-07 (the end of the recession; the sample now starts there, as
# its label says), to September 2024 where the shocks end:
# 1. *stocks rise*: the S&P 500 six months after an easing surprise is up (size that matters: 1%,
#    the order of the stock market's same-day reaction to a 25 bp surprise);
# 2. *no jobs*: payrolls 24 months later are not up by 0.2% or more (about 300,000 jobs); the leg
#    fails if cuts significantly raise payrolls, passes if the interval rules out a gain of 0.2%;
# 3. *no wage growth*: the same rule for real hourly pay;
# 4. *QE helps large firms, not small*: after an easing asset-purchase shock (Jarocinski's 2024 shock
#    that moves the 10-year yield, per 10 bp), the net share of banks tightening for small firms
#    minus that for large firms rises (small firms ease less) two quarters later; size that matters
#    3 points (the March 2009 purchase announcement was a 30 bp shock: 9 points). Bond prices rising
#    after a cut is mechanical in this design and is not tested.
#
# Variants for legs 1–3: from 1990, the median-rotation policy shock, the raw rate surprise, the
# Bauer–Swanson orthogonalised surprise (to 2023), horizons of 12 and 36 months (1 and 12 for
# stocks), pandemic months kept, no controls. For leg 4: from 1991, the policy-rate and
# forward-guidance shocks, 1 and 4 quarters, pandemic months kept.

# %%
k5 = nb.claim("K5")
K5_BASE = {"shock": "Jarocinski-Karadi policy shock", "start": "2009-07", "end": None, "pandemic": "drop",
           "controls": "production and inflation"}
K5_VARIANTS = {"from 1990": {"start": "1990-02"}, "median-rotation shock": {"shock": "Jarocinski-Karadi policy shock (median rotation)"},
               "raw rate surprise": {"shock": "raw rate surprise (first principal component)"},
               "Bauer-Swanson surprise": {"shock": "Bauer-Swanson surprise (orthogonalised)"},
               "pandemic months kept": {"pandemic": "keep"}, "no controls": {"controls": "none"}}
k5_s = k5.declare("stocks after an easing surprise", statistic=Statistic("S&P 500 response", units="% per 25 bp cut"),
                  baseline={**K5_BASE, "outcome": "S&P 500", "horizon": 6},
                  variants={**K5_VARIANTS, "1 month": {"horizon": 1}, "12 months": {"horizon": 12}},
                  rule=Rule.greater(0, meaningful=1.0), meaningful="about the stock market's same-day reaction to a 25 bp surprise")
k5_j = k5.declare("payrolls after an easing surprise", statistic=Statistic("payroll response", units="% per 25 bp cut"),
                  baseline={**K5_BASE, "outcome": "payrolls", "horizon": 24},
                  variants={**K5_VARIANTS, "12 months": {"horizon": 12}, "36 months": {"horizon": 36}},
                  rule=Rule.less(ks.K5_GAIN_THAT_MATTERS, meaningful=ks.K5_GAIN_THAT_MATTERS),
                  meaningful="0.2% of payrolls is about 300,000 jobs; the leg fails only if cuts significantly add jobs")
k5_w = k5.declare("real pay after an easing surprise", statistic=Statistic("real-pay response", units="% per 25 bp cut"),
                  baseline={**K5_BASE, "outcome": "real wages", "horizon": 24},
                  variants={**K5_VARIANTS, "12 months": {"horizon": 12}, "36 months": {"horizon": 36}},
                  rule=Rule.less(ks.K5_GAIN_THAT_MATTERS, meaningful=ks.K5_GAIN_THAT_MATTERS),
                  meaningful="a 0.2% real-pay gain per 25 bp; the leg fails only if cuts significantly raise real pay")
k5_c = k5.declare("small minus large firms after an asset-purchase easing",
                  statistic=Statistic("response of the small-minus-large tightening gap", units="points of banks per 10 bp"),
                  baseline={"shock": "u3", "start": "2008-10", "pandemic": "drop", "horizon": 2},
                  variants={"from 1991": {"start": "1991-01"}, "policy-rate shock": {"shock": "u1"},
                            "forward-guidance shock": {"shock": "u2"}, "1 quarter": {"horizon": 1}, "4 quarters": {"horizon": 4},
                            "pandemic months kept": {"pandemic": "keep"}},
                  rule=Rule.greater(0, meaningful=3.0), meaningful="3 points of banks per 10 bp; the March 2009 announcement was a 30 bp shock")

# %%
for test, fn in ((k5_s, ks.k5_response), (k5_j, ks.k5_jobs_or_wages), (k5_w, ks.k5_jobs_or_wages), (k5_c, ks.k5_credit_gap)):
    display(test.run(fn))

# %%
ks.chart_k5(ks.context_spec(k5_j), as_of(k5_s, k5_j, k5_w, k5_c))

# %%
s, j, w, c = (t.estimate() for t in (k5_s, k5_j, k5_w, k5_c))
k5_record = k5.record(headline=(
    f"With policy surprises (2009–2024), a 25 bp surprise cut goes with stocks {s.value:+.1f}% after six months "
    f"({fmt.interval(s.low, s.high, 1)}), payrolls {j.value:+.1f}% after two years ({fmt.interval(j.low, j.high, 1)}) and real pay "
    f"{w.value:+.1f}% ({fmt.interval(w.low, w.high, 1)}); after an asset-purchase easing, small firms' lending standards move "
    f"{c.value:+.1f} points against large firms' ({fmt.interval(c.low, c.high, 1)}). Too little power: no leg is settled "
    "across its variants, so 'broken transmission' is neither shown nor ruled out."))

# %% [markdown]
# **Reading.** With identified surprises the picture is one of *too little power*, not of a
# channel shown to be broken. Two years after a surprise cut, payrolls are within about ±2% of no
# change: the interval covers both losses and gains of more than a million jobs (only with the
# Bauer–Swanson surprise do payrolls rise significantly). Real pay, by
# contrast, is significantly *lower* two years after an easing surprise (prices respond faster than
# nominal pay) in the baseline and three of eight variants, which satisfies "no wage growth" —
# though not in the way the essay means — but the other variants cannot decide. Stocks
# rise after easing surprises on average, with wide bands at six months; the Bauer–Swanson surprise
# gives a clear rise. Asset-purchase shocks move small- and large-firm lending standards together
# (the two surveys correlate at 0.96), and the gap's response is undecided in the baseline and
# ruled out (no gap of 3 points) in four of six variants.

# %% [markdown]
# ## K6 — Does interest take close to a quarter of federal revenue? <a id="K6"></a>
#
# **Claim (fact).** Close to a quarter of US federal revenue now goes to interest on the national
# debt.
#
# **Operational test.** Federal interest as a share of federal revenue in the last four visible
# quarters (BEA NIPA Table 3.2, annual rates) is at least 22.5%. A quarter of the federal
# accounts counts as visible 90 days after it ends: at the essay date the latest was 2025Q2 (the
# 2025Q3 accounts came out late, in December 2025, because of the shutdown). Our table is the May
# 2026 vintage; earlier vintages are not in the snapshot.
#
# **Why this baseline.** Line 33, *interest payments*, over current receipts is the broadest interest
# measure the snapshot has for the essay date, and it is an **upper bound** for interest on the
# national debt: BEA's footnote says it includes interest accrued on the actuarial liabilities of
# federal employees' defined-benefit pension plans, which is not interest on the debt. If the upper
# bound is below 22.5%, every narrower measure is too. Variants: net of the interest the government
# receives, total receipts (with capital transfers), *tax receipts only* (which leaves
# social-insurance contributions out of revenue), the latest quarter, the last calendar year.

# %%
k6 = nb.claim("K6")
k6_test = k6.declare(
    "federal interest as a share of federal revenue",
    statistic=Statistic("interest / revenue", units="%", interval="none"),
    baseline={"numerator": "interest paid", "denominator": "current receipts", "period": "four quarters"},
    variants={"net of interest received": {"numerator": "interest paid less interest received"},
              "total receipts": {"denominator": "total receipts"}, "tax receipts only": {"denominator": "tax receipts"},
              "latest quarter": {"period": "latest quarter"}, "last calendar year": {"period": "last calendar year"}},
    rule=Rule.above(22.5))
k6_test.run(ks.k6_interest_share)

# %% [markdown]
# **Without the pension interest, beside the budget basis.** The snapshot does not separate the
# pension interest inside line 33. Its size can be estimated from the years when both NIPA interest
# and the budget's *net interest* outlays are in the snapshot (fiscal years 2000–2016, where the
# budget series ends): the gap between the two — the pension imputation, interest the government
# receives, and accrual-versus-cash timing — was a steady \$130–210bn and grew about 3% a year.
# Extrapolating that trend gives the rough "estimate" row below; it is an extrapolation, not data,
# and only shows how far the narrower concept sits below the upper bound.

# %%
gaps = ks.pension_gap_estimate()
display(gaps.loc[[2000, 2008, 2012, 2016]].round(0))
k6_table = ks.k6_measures(ks.context_spec(k6_test, "essay"), ks.context_spec(k6_test))
k6_table.loc["budget basis, net interest / receipts, FY2016 (last year in the snapshot)"] = \
    [None, round(float(100 * load("FYOINT").iloc[-1] / load("FYFR").iloc[-1]), 1)]
display(k6_table.rename(columns={"essay date": "at the essay date (4 quarters to 2025Q2)", "today": "today (4 quarters to 2026Q1)"}))

# %% [markdown]
# **How the measures differ.** Netting out the ~\$70bn a year of interest the government receives
# lowers the share by about 1.2 points. Removing the pension imputation and the other items in the
# NIPA–budget gap (the estimate) lowers it by about 5 points, to roughly 15–16% — close to the
# budget-basis share the US Treasury and CBO published for fiscal 2024 (about 18%: net interest of
# about \$0.88 trillion on receipts of about \$4.9 trillion, quoted, not computed here; the rest of
# the difference is fiscal versus calendar years and cash versus accrual). Only by dropping
# social-insurance contributions from revenue (tax receipts only) does the share reach a third. The
# budget-basis share in the snapshot stops in FY2016 (7%), when rates were near zero.

# %%
ks.chart_k6(as_of(k6_test))

# %%
e, t = k6_test.estimate(window="essay"), k6_test.estimate()
k6_record = k6.record(headline=(
    f"Interest took {e.value:.1f}% of federal current receipts in the four quarters to 2025Q2 (visible at the essay date) and "
    f"{t.value:.1f}% in those to 2026Q1 — an upper bound that includes interest imputed on federal pensions; net of interest "
    "received it is about 20%, and without the pension imputation roughly 15–16% (estimate). Only a tax-only denominator "
    "reaches a third. About a fifth, not a quarter."))

# %% [markdown]
# **Reading.** Interest is high by the standards of the 2010s but takes about a fifth of federal
# revenue on the broadest measure, not close to a quarter, at the essay date and today. The
# "quarter" (in fact a third) appears only when revenue excludes social-insurance contributions.

# %% [markdown]
# ## K7 — Does tech beat the defensive sectors? <a id="K7"></a>
#
# **Claim (mechanism).** Passive flows and quant trading reward tech; defensive sectors are left
# behind.
#
# **What can be tested.** The *mechanism* — flows from index funds and systematic strategies —
# needs fund-flow and ownership data (ICI or EPFR fund flows, ETF creations, 13F holdings, the
# passive share of each stock). None is in the snapshot, and net liquidity is not the essay's
# mechanism, so it is not used here. What can be tested is the *outcome* the mechanism is meant to
# explain: tech outperforming defensives. A "supported" verdict would support only that outcome.
#
# **Operational test.** The mean weekly log return of the technology fund (XLK) minus an
# equal-weighted basket of utilities, staples and health care (XLU, XLP, XLV), annualised, with a
# HAC interval; the size that matters is 2 pp a year.
#
# **Why this baseline.** From January 2010: the claim is about today's market structure, and the
# decade after the financial crisis is when index funds and ETFs grew fastest; 1999 (the funds'
# start) is a variant, as is the period before September 2018, when Alphabet and Meta moved from the
# tech fund to the new communication-services sector, and the Nasdaq-100 (QQQ), which kept them.
# Other variants: from 2015, from 2020, pandemic months kept.

# %%
k7 = nb.claim("K7")
k7_test = k7.declare(
    "tech minus defensives", statistic=Statistic("annualised excess return", units="pp a year"),
    baseline={"start": "2010-01", "end": None, "pandemic": "drop", "tech": "XLK"},
    variants={"from 1999": {"start": "1999-01"}, "from 2015": {"start": "2015-01"}, "from 2020": {"start": "2020-01"},
              "to August 2018 (before the sector reshuffle)": {"end": "2018-08-31"}, "Nasdaq-100 for tech": {"tech": "QQQ"},
              "pandemic months kept": {"pandemic": "keep"}},
    rule=Rule.greater(0, meaningful=2.0), meaningful="2 pp a year compounds to about 22% over a decade")
k7_test.run(ks.k7_excess)

# %%
ks.chart_k7(as_of(k7_test))

# %%
b = k7_test.estimate()
k7_record = k7.record(headline=(
    f"Tech beat defensives by {b.value:.1f} pp a year since 2010 (95% interval {fmt.interval(b.low, b.high, 1)}, pandemic months "
    "left out): large but not significant, and about 1 pp a year from 1999; the result is the same with the Nasdaq-100 and before "
    "the 2018 sector reshuffle. The flow mechanism is untestable here (no fund-flow or ownership data)."))

# %% [markdown]
# **Reading.** Tech has outperformed defensives since 2010 by several points a year, but weekly
# returns are so volatile that the difference is significant (one-sided) only from 2015 and with the
# pandemic months kept, and over the funds' whole history (from the 1999 bubble) the edge is small. The 2018 reshuffle does not drive the
# result: the Nasdaq-100, which kept Alphabet and Meta, gives about the same answer. Whether passive
# or quantitative flows caused any of it would need flow data: fund flows by sector fund, the
# passive ownership share of each stock, or systematic-strategy positioning.

# %% [markdown]
# ## K8 — Who owns financial assets, and do rising markets widen inequality? <a id="K8"></a>
#
# **Claim (three parts).** (a, fact) The top 10% hold more than 90% of financial assets; (b,
# mechanism) so rising markets widen inequality; (c, conditional) if real wages do not grow while
# housing costs are high, voters will demand redistribution or political reform.
#
# **(a)** The top 10%'s share of household financial assets in the Fed's Distributional Financial
# Accounts (the quarter visible at each date: DFA quarters appear about 12 weeks after they end),
# above 90%. Variants: equities and fund shares, financial assets without pension entitlements,
# "market assets" (equities, fund shares, debt securities, private-business equity), net worth, a
# four-quarter average.
#
# **(b)** The quarterly change in the top 1%'s share of net worth on the S&P 500's quarterly log
# return (per 10%), HAC, 1989–2026, pandemic months left out. Size that matters: 0.1 pp of national
# wealth per 10% rally. Variants: top 10%, top 0.1%, pandemic months kept, from 2008, from 2000,
# changes over calendar years. The DFA distributes equity holdings across groups using the Survey
# of Consumer Finances, so a rally raises the top's share largely by valuation — which is exactly
# the channel the claim describes.
#
# **(c)** The premise ("real wages do not grow while housing costs are high") is a condition, not a
# claim, and the implication — voters' demands — needs data the snapshot lacks. The premise is
# checked below for context only, with both housing measures.

# %%
k8 = nb.claim("K8")
k8a = k8.part("a").declare(
    "top 10% share of financial assets", statistic=Statistic("top 10%'s share", units="%", interval="none"),
    baseline={"category": "Financial assets", "period": "latest quarter"},
    variants={"equities and fund shares": {"category": "Corporate equities and mutual fund shares"},
              "without pension entitlements": {"category": "financial assets without pension entitlements"},
              "market assets": {"category": "market assets"}, "net worth": {"category": "Net worth"},
              "four-quarter average": {"period": "four quarters"}},
    rule=Rule.above(90))
k8b = k8.part("b").declare(
    "top 1% share on stock returns", statistic=Statistic("change in the share per 10% return", units="pp"),
    baseline={"group": "top 1%", "start": "1989-07", "end": None, "pandemic": "drop", "freq": "quarterly", "vintage": "2026Q1"},
    variants={"top 10%": {"group": "top 10%"}, "top 0.1%": {"group": "top 0.1%"}, "pandemic months kept": {"pandemic": "keep"},
              "from 2008": {"start": "2008-01"}, "from 2000": {"start": "2000-01"}, "calendar-year changes": {"freq": "annual"}},
    rule=Rule.greater(0, meaningful=0.1), meaningful="0.1 pp of national wealth moving to the top 1% for every 10% rally")
k8.part("c").untestable(
    "The implication is a political reaction: it needs survey or voting data on demands for redistribution or reform "
    "(e.g. the General Social Survey's questions on income differences, or vote shares of reform platforms) for periods "
    "when the premise held; the snapshot has none")
display(k8a.run(ks.k8_top_share))
display(k8b.run(ks.k8_share_on_stocks))

# %%
ks.chart_k8(ks.context_spec(k8a), as_of(k8a, k8b))

# %% [markdown]
# **The premise of (c), for context.** Real hourly pay (production workers) over the three years to
# each date, and house prices relative to median household income as a percentile of their own
# history. **Baseline housing measure: the Case–Shiller repeat-sales index**, which prices the same
# homes over time, so changes in size, quality and location of what is sold do not move it; the
# median price of *new* homes (the measure used before) also moves with what builders build and
# covers a small, shifting slice of the market. Income is annual and ends in 2024.

# %%
housing = {"Case-Shiller repeat-sales index (baseline)": "CSUSHPINSA", "median new-home price": "MSPUS"}
display(pd.concat({"essay date": ks.premise_table(ks.context_spec(k8a, "essay"), housing),
                   "today": ks.premise_table(ks.context_spec(k8a), housing)}))

# %%
ks.chart_k8_housing(as_of(k8a, k8b))

# %%
a_e, a_t, bb = k8a.estimate(window="essay"), k8a.estimate(), k8b.estimate()
highest = max(r.estimate.value for r in k8a.runs)
k8_record = k8.record(headline=(
    f"(a) The top 10% hold {a_t.value:.0f}% of household financial assets ({a_t.detail['quarter']}; {a_e.value:.0f}% in "
    f"{a_e.detail['quarter']}, visible at the essay date) and at most {highest:.0f}% on any other measure: below 90%. (b) Rallies do "
    f"widen the gap: the top 1%'s share of net worth rises {bb.value:.2f} pp per 10% stock return ({fmt.interval(bb.low, bb.high)}). "
    "(c) is a conditional whose implication (voters' demands) needs political data: untestable. Real pay grew over the last "
    "three years, so its premise did not hold on either housing measure."))

# %% [markdown]
# **Reading.** Ownership is very concentrated — the top 10% hold about nine tenths of directly and
# indirectly held equities and fund shares — but not 90% of financial assets, which include
# deposits and pension entitlements spread more widely. The mechanism part is strongly supported:
# in quarters when stocks rise, the top 1%'s share of wealth rises, in every variant. On the
# premise of (c): by the repeat-sales index, house prices relative to income are back at their
# 2006 peak (top of their history), while by the new-home median they are high but not extreme; but
# real pay grew over the three years to either date, so the premise ("real wages do not grow") did
# not hold, whichever housing measure is used.

# %% [markdown]
# ## K9 — The policy loop, and the 2026 easing forecast <a id="K9"></a>
#
# **Claim (two parts).** (a, mechanism) The US is in a policy loop: tightening → recession scare →
# easing → inflation. (b, forecast) A new easing cycle is likely as 2026 growth weakens and the
# deficit widens.
#
# **(a)** The link that makes a loop is easing → inflation: across easing cycles since 1955, the
# mean change in 12-month CPI inflation from the first cut to 24 months later is positive (size that
# matters: 1 point). A cycle starts when the monthly effective funds rate is at least 0.75 points
# below its 12-month high; its first cut is the first month after that high in which the monthly
# average fell by at least 10 bp (enough to exclude month-to-month noise; a 25 bp cut made late in a
# month lowers that month's average by less than 25 bp). A new cycle needs its first cut at least 24
# months after the previous *first cut*. The 24-month change is measured from each first cut. As the
# claim is about the present, it is tested on the data visible at the essay date and today.
# Variants: cycles from 1985, deeper cycles (1 point), first cuts of 25 bp or more, 12 and 36 months,
# core CPI.
#
# **(b)** Three legs over the quarters after the essay, horizon end of 2026 (provisional until
# then): *easing* — at least two 25 bp cuts in the target range after the essay; *weaker growth* —
# average annualised real GDP growth after the essay at least 1 pp below 2025's (Q4 over Q4): BEA's
# revision studies put the typical revision of an early quarterly growth estimate at roughly a
# point, so smaller gaps count as no change; *wider deficit* — the federal deficit after the essay
# at least 0.25% of GDP wider than in 2025, measured by **net federal saving** (the current-account
# deficit, which excludes one-off capital transfers), with net borrowing as a variant.

# %%
k9 = nb.claim("K9")
k9a = k9.part("a").declare(
    "inflation after the first cut", statistic=Statistic("mean change in inflation, first cut to later", units="pp",
                                                         interval="95% t interval across cycles"),
    baseline={"start": "1955-01", "drop": 0.75, "min_cut": 0.10, "horizon": 24, "inflation": "CPI"},
    variants={"cycles from 1985": {"start": "1985-01"}, "deeper cycles (1 point)": {"drop": 1.0},
              "first cuts of 25 bp or more": {"min_cut": 0.25}, "12 months later": {"horizon": 12},
              "36 months later": {"horizon": 36}, "core CPI": {"inflation": "core CPI"}},
    rule=Rule.greater(0, meaningful=1.0), meaningful="a rise of 1 point in 12-month inflation", essay_window=True)
k9b_cut = k9.part("b").declare(
    "easing after the essay", statistic=Statistic("easing since the essay", units="25 bp cuts", interval="none"),
    baseline={"rate": "target range ceiling", "from": "essay date"},
    variants={"effective rate (daily)": {"rate": "effective rate"}, "effective rate (monthly)": {"rate": "monthly effective rate"},
              "2-year Treasury yield": {"rate": "2-year yield"}, "from the essay window's start": {"from": "2025-09-15"},
              "from the essay window's end": {"from": "2025-11-30"}},
    rule=Rule.above(1.5), horizon="2026-12-31")
k9b_g = k9.part("b").declare(
    "growth after the essay against 2025", statistic=Statistic("growth after the essay minus 2025", units="pp", interval="none"),
    baseline={"measure": "quarterly annualised", "compare": "2025 Q4 over Q4"},
    variants={"2025 annual average": {"compare": "2025 average"}, "2025 second half": {"compare": "2025 second half"},
              "year over year": {"measure": "year over year"}, "first quarter only": {"measure": "first quarter only"},
              "BEA's published rates": {"measure": "BEA published rates"}},
    rule=Rule.below(-1.0), horizon="2026-12-31")
k9b_d = k9.part("b").declare(
    "federal deficit after the essay against 2025", statistic=Statistic("change in the deficit", units="% of GDP", interval="none"),
    baseline={"measure": "net federal saving", "compare": "2025 average"},
    variants={"net borrowing": {"measure": "net borrowing"},
              "net borrowing less capital transfers paid": {"measure": "net borrowing less capital transfers paid"},
              "outside the social-insurance funds": {"measure": "net saving outside social insurance funds"},
              "against 2025Q4": {"compare": "2025Q4"}, "against the second half of 2025": {"compare": "2025 second half"}},
    rule=Rule.above(0.25), horizon="2026-12-31")

# %%
display(k9a.run(ks.k9_easing_inflation))
k9_cycles = ks.k9_cycles(ks.context_spec(k9a))
display(k9_cycles.assign(**{"first cut": k9_cycles["first cut"].dt.strftime("%Y-%m")}).round(1))

# %%
ks.chart_k9(as_of(k9a), k9_cycles)

# %%
for test, fn in ((k9b_cut, ks.k9_cuts), (k9b_g, ks.k9_growth), (k9b_d, ks.k9_deficit)):
    display(test.run(fn))
fyfsd = load("FYFSD") / 1000
print(f"Budget-basis deficit: FY2024 ${-fyfsd.loc['2024'].iloc[0]:,.0f}bn, FY2025 ${-fyfsd.loc['2025'].iloc[0]:,.0f}bn "
      "(FY2026 ends in September 2026 and is not in the snapshot).")

# %%
ks.chart_k9_forecast(ESSAY, as_of(k9b_cut, k9b_g, k9b_d))

# %%
a, cut, g, d = k9a.estimate(window="essay"), k9b_cut.estimate(window="after the essay"), k9b_g.estimate(window="after the essay"), \
    k9b_d.estimate(window="after the essay")
k9_record = k9.record(headline=(
    f"(a) After {a.n} easing starts since 1957, 12-month inflation two years on was {a.value:+.1f} points on average "
    f"({fmt.interval(a.low, a.high, 1)}), higher in only {a.detail['cycles with higher inflation']}: easing has not usually brought "
    f"inflation, though two of six variants cannot rule out a one-point rise. (b) So far (provisional to end-2026): "
    f"{cut.value:.0f} cut of 25 bp after the essay (December 2025), growth {g.detail['after the essay']:.1f}% against "
    f"{g.detail['2025']:.1f}% in 2025 (inside the revision band), and the current-account deficit "
    f"{'narrower' if d.value < 0 else 'wider'} by {abs(d.value):.2f}% of GDP; the jump in NIPA net borrowing in 2026Q1 is a "
    "one-off capital transfer."))

# %% [markdown]
# **Reading.** (a) Past easing cycles were usually followed by *lower* inflation two years on, not
# higher; the exceptions (1966, 1971, 1998, and 2019 through the pandemic) are few. The 2024 cycle
# had not run 24 months at the essay date or today; 21 months in, inflation is about a point above
# its level at the first cut. With 17 cycles the interval still reaches above +1 point in two
# variants (cycles from 1985, 36 months), so the loop's inflation link is inconclusive rather than
# rejected. Monthly averages date first cuts to within a month: in 2007 the effective rate fell
# below its target in August, a month before the first target cut. (b) The forecast is failing so far: the Fed cut once after the
# essay (December 2025) and held through August 2026, growth in the first half of 2026 was within a
# revision band of 2025's, and the underlying federal deficit did not widen. Net borrowing did jump
# in 2026Q1, but through a one-off capital transfer larger than the whole widening; the budget-basis
# deficit narrowed slightly from FY2024 to FY2025.

# %% [markdown]
# ## What would change these verdicts
#
# - **K1**: nothing in current data — the run open at the essay date was 7 months. A revision of
#   ISM's seasonal factors that pushed the March 2025 print below 50 would join the two runs; ISM's
#   1948–1989 archive would settle "longest since World War II".
# - **K2**: a longer post-2020 sample (the intervals shrink with every year), or activity
#   *surprises* (data minus consensus forecasts), which is what markets react to; a negative link
#   that persists would confirm that the link changed rather than faded.
# - **K3**: corporate profits by industry (BEA Table 6.16D) or S&P 500 sector earnings.
# - **K4**: small-firm loan volumes or a small-business activity index (NFIB, SBA lending), a current
#   small-firm lending-standards series (the snapshot's ends in 2021Q1), and higher-frequency
#   identification of balance-sheet announcements for the equity leg.
# - **K5**: more post-2009 policy surprises (the series end in 2024) would narrow the payroll band;
#   small-business loan volumes or bond issuance by firm size would test "QE helps large firms".
# - **K6**: BEA's breakdown of interest accrued on federal pension plans (NIPA Table 7.24) would
#   replace the estimate; the fiscal 2025–26 budget-basis figures would give the budget share
#   directly. A rise of about 2 points would be needed on the broadest measure to reach 22.5%.
# - **K7**: fund-flow and ownership data (ICI, EPFR, ETF creations and redemptions, 13F) to test the
#   mechanism itself; more years of returns to tighten the outcome's interval.
# - **K8**: the 2025 Survey of Consumer Finances (direct and indirect holdings) for (a); survey or
#   voting data on redistribution for (c), in a period when real pay stagnated and housing was dear.
# - **K9**: FOMC decisions to December 2026 (two cuts would pass the easing leg), the 2026Q2–Q4
#   national accounts and the FY2026 budget; for (a), the 2024 cycle's inflation by September 2026.

# %%
nb.summary()
