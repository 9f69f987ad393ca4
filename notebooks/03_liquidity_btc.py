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
# # 03 — Bitcoin as the liquidity probe; AI capex as "reverse QE" (claims L1–L7, C1)
#
# Essay E3 (plur daddy, dated 6 February 2026) argues that the "dry powder" parked at the Fed ran
# out, that AI capital spending now competes for scarce capital (raising yields and hurting
# long-duration assets), that bitcoin is the first and hardest-hit gauge of liquidity, and that the
# Warsh nomination sped up the early-2026 sell-off (claims L1–L7). Essays E1 and E2 add that crypto
# has become the young's only asset with real upside (C1). We test each claim on the real data
# snapshot: the Fed's weekly balance sheet (H.4.1), the New York Fed's reverse repo, money-market
# rates, Treasury and corporate yields, and daily prices of bitcoin, equities, metals and the memory
# makers.
#
# **How to read a section.** Each claim is restated in our words with its kind (fact, mechanism).
# Its test is declared before any result: a baseline specification, at least five robustness
# variants (samples, measures, windows, frequencies) and a rule with the smallest effect that
# matters. The verdict is derived from the rule: *supported* when the baseline passes and at least
# 80% of the variants agree, *not supported* when the baseline fails and at least 80% agree,
# *inconclusive* otherwise (including when an interval covers both no effect and one that matters).
# A claim with several legs holds only if every leg holds. Facts are checked twice: on the data
# visible at the essay's date (and at both ends of its date window) and on today's data. p-values
# are two-sided and Holm-adjusted across a claim's legs. The specification chart under each verdict
# shows every estimate with its interval.

# %%
import numpy as np
import pandas as pd
from IPython.display import Markdown, display

from research_lib import fmt, load, stats
from research_lib import plotting as rplt
from research_lib.claims.notebook import Notebook
from research_lib.claims.protocol import Rule, Statistic
from research_lib.data.derived import daily_on_calendar, net_liquidity, reverse_repo
from research_lib.studies import liquidity_btc as lb

nb = Notebook("03_liquidity_btc")   # plotting style, recession shading, the summary table at the top


# %% [markdown]
# ## Data: net liquidity, its pipes, and the dry powder
#
# **Net liquidity** = Fed total assets − the Treasury General Account (the Treasury's cash at the
# Fed) − the overnight reverse repo, in billions of dollars. All three are **Wednesday values**: Fed
# assets (`WALCL`) and the Treasury's account (`WDTGAL`) are the H.4.1's Wednesday levels (published
# in millions), and the reverse repo (`RRPONTSYD`, billions) is the amount outstanding on the
# Wednesday (its last value in the Thursday-to-Wednesday week). The Treasury's account is also
# published as a week average (`WTREGEN`); set against Wednesday levels it misdates the Treasury's
# cash swings by up to half a week, so it appears only as a declared variant. Before the New York
# Fed's fixed-rate reverse repo began on 23 September 2013 the facility ran only occasional test
# operations: a blank day then meant nothing outstanding, so those blanks read as zero (later blanks
# are holidays and stay missing). Bank reserves (`WRESBAL`) are a week average: L7 sets them beside
# week averages of money-market rates; in L4 their weekly change is one variant's liquidity measure.

# %%
NL = net_liquidity()
last = NL.dropna().iloc[-1]
display(Markdown(
    f"Latest complete week, {fmt.date(NL.dropna().index[-1])}: Fed assets ${last['walcl']:,.0f}bn, Treasury account "
    f"${last['tga']:,.0f}bn, reverse repo ${last['rrp']:,.1f}bn, net liquidity **${last['net_liquidity']:,.0f}bn**. "
    f"Weekly changes since 2015 have a standard deviation of ${NL['net_liquidity'].diff().loc['2015':].std():,.0f}bn."))
rplt.finish(lb.plot_net_liquidity(NL))

# %% [markdown]
# **The dry powder.** The essay's "dry powder" is idle private capital; the one measured pool of it
# is the reverse repo, where money-market funds park cash at the Fed. We date its exhaustion as the
# first Wednesday it was below $50bn with the median of that and the next twelve Wednesdays also
# below $50bn (a drain that lasted, not a one-week dip). The same rule, applied to the data visible
# on the essay's date, gives the same Wednesday.

# %%
RRP = reverse_repo()
PLATEAU, EXHAUSTED = lb.dry_powder_dates(NL["rrp"])
display(Markdown(
    f"Daily record: **${RRP.max():,.0f}bn on {fmt.date(RRP.idxmax())}** (a year-end day; the New York Fed reported a record "
    f"of about $2.55tn for 30 December 2022). On Wednesdays the facility held $2.0–2.4tn from {fmt.date(PLATEAU)} to spring "
    f"2023, then drained: exhausted on **{fmt.date(EXHAUSTED)}** (${NL.loc[EXHAUSTED, 'rrp']:,.0f}bn)."))
rplt.finish(lb.plot_reverse_repo(RRP, EXHAUSTED))

# %% [markdown]
# ## L1 — Did the dry powder lift asset prices while it lasted? <a id="L1"></a>
#
# **Claim, in our words** (mechanism). Early AI capex worked like fiscal stimulus: it put idle cash
# to work and, through the multiplier, lifted asset prices, for as long as idle cash existed.
#
# **What the data can test.** Two implications, with the reverse repo standing in for dry powder:
# (i) while it drained, weeks in which it released more cash were weeks of higher asset returns;
# (ii) once it was gone, drains of net liquidity reached asset prices unbuffered, so assets'
# response to net liquidity rose after the exhaustion date. Neither connects the cash to AI capex:
# who financed the capex is in the Fed's Financial Accounts (Z.1: flows of money-market funds and
# nonfinancial firms) and in hyperscalers' bond issuance, none of which is in the snapshot. So a pass
# here is necessary, not sufficient; and the reverse repo is a narrow stand-in for private capital.
# The claim is therefore testable in part, and we test that part.
#
# **Baseline and why.** The S&P 500, the broad market the essay means; weekly returns divided by
# their standard deviation so that the variants' assets compare; the drain period runs from the
# reverse repo's first Wednesday high (the plateau's start, dated above) to its exhaustion. For (ii), 2015 on, when
# bitcoin and the regular reverse repo both exist. **Size that matters:** 0.1 s.d. of a week's
# return per $100bn.

# %%
l1 = nb.claim("L1")
MEANINGFUL_SD = "0.1 s.d. of a week's return per $100bn: each $100bn worth a tenth of a normal week's move"
drain = l1.declare(
    "asset returns and the reverse repo's release, while it drained",
    statistic=Statistic("weekly return per dollar released from the reverse repo", units="s.d. of return per $100bn"),
    baseline={"asset": "^GSPC", "driver": "RRP release", "start": "peak", "horizon": 1, "drop": None},
    variants={"Nasdaq": {"asset": "^IXIC"}, "bitcoin": {"asset": "BTC-USD"},
              "net liquidity instead of the reverse repo": {"driver": "net liquidity"},
              "four-week changes": {"horizon": 4},
              "March 2023 bank failures left out": {"drop": ("2023-03-08", "2023-03-29")},
              "from the June 2023 debt-ceiling deal": {"start": "2023-06-07"}},
    rule=Rule.greater(0, meaningful=0.1), meaningful=MEANINGFUL_SD)
_ = drain.run(lb.rrp_release_response)

# %%
after_dry = l1.declare(
    "change in assets' response to net liquidity once the dry powder ran out",
    statistic=Statistic("response after exhaustion minus before", units="s.d. of return per $100bn"),
    baseline={"asset": "^GSPC", "start": "2015-01-01", "end": None, "pandemic": "keep", "threshold": 50, "tga": "wednesday"},
    variants={"Nasdaq": {"asset": "^IXIC"}, "bitcoin": {"asset": "BTC-USD"}, "exhaustion at $100bn": {"threshold": 100},
              "from 2020": {"start": "2020-01-01"}, "week-average Treasury account": {"tga": "week average"},
              "pandemic months left out": {"pandemic": "drop"}},
    rule=Rule.greater(0, meaningful=0.1), meaningful=MEANINGFUL_SD)
_ = after_dry.run(lb.post_exhaustion_change)

# %%
PERIODS = {"QE": ("2020-03-04", "2022-04-13"), "QT, reverse repo filling": ("2022-04-13", fmt.date(PLATEAU)),
           "QT, reverse repo from its high to empty": (fmt.date(PLATEAU), fmt.date(EXHAUSTED)), "reverse repo empty": (fmt.date(EXHAUSTED), None)}
DEC = lb.decompose_changes(NL, PERIODS)
rplt.finish(lb.plot_liquidity_periods(DEC))

# %%
d, a = drain.estimate(), after_dry.estimate()
dd = DEC.loc["QT, reverse repo from its high to empty"]
_ = l1.record(headline=(
    f"From {fmt.date(d.detail['start'])} to {fmt.date(d.detail['end'])} the reverse repo released ${dd['Reverse repo']:,.0f}bn while the Fed "
    f"shrank ${-dd['Fed balance sheet']:,.0f}bn, but S&P 500 weeks rose only {fmt.num(d.value)} s.d. per $100bn released "
    f"(95% interval {fmt.interval(d.low, d.high)}); after the exhaustion the response to net liquidity changed by "
    f"{fmt.num(a.value)} s.d. ({fmt.interval(a.low, a.high)}, {a.detail['post_weeks']} weeks). Neither rules in or out an "
    f"effect that matters; the AI-capex link needs the Fed's Financial Accounts (Z.1)."))

# %% [markdown]
# ## L2 — After the dry powder: did Treasury and corporate yields rise together? <a id="L2"></a>
#
# **Claim, in our words** (mechanism and fact). Once the dry powder is used up, every dollar of AI
# capex is pulled from elsewhere; capital becomes scarce and its price rises: Treasury and corporate
# yields rise together.
#
# **Operational test** (three legs, all must hold). From the reverse repo's exhaustion to the end of
# the window, (a) the 10-year Treasury yield rose by at least 25bp; (b) the Baa corporate yield
# (the 10-year yield plus Moody's Baa spread *of the same day*) rose by at least 25bp; (c) corporate
# yields kept pace: the Baa spread did not narrow by 10bp or more. 25bp is a policy-rate step, more
# than a typical month's drift; 10bp is about 5% of the Baa spread. Each end is the average of five
# days on which the series is observed, and every leg ends on the last day both the 10-year yield
# and the Baa spread are published, so the legs compare one span. As a fact it is evaluated on the
# data visible at the essay's date and again today. The mechanism itself (that AI capex is the
# cause) cannot be isolated here: the Fed cut its rate by 75bp between September and December 2025,
# pulling yields the other way in the same months.

# %%
l2 = nb.claim("L2")
Y_BASE = {"start": "exhaustion", "threshold": 50, "average_days": 5, "end": "common"}
Y_VARIANTS = {"single days at both ends": {"average_days": 1}, "20-day averages": {"average_days": 20},
              "exhaustion at $100bn": {"threshold": 100}, "exhaustion at $25bn": {"threshold": 25},
              "from 1 September 2025": {"start": "2025-09-01"}}
treasury = l2.declare(
    "10-year Treasury yield since the reverse repo ran dry",
    statistic=Statistic("change in the 10-year Treasury yield", units="bp", interval="none: a measured change"),
    baseline={"series": "DGS10", **Y_BASE},
    variants={"real 10-year yield (TIPS)": {"series": "DFII10"}, "each series' own last day": {"end": "own"}, **Y_VARIANTS},
    rule=Rule.above(25))
_ = treasury.run(lb.yield_change)

# %%
corporate = l2.declare(
    "Baa corporate yield since the reverse repo ran dry",
    statistic=Statistic("change in the Baa corporate yield", units="bp", interval="none: a measured change"),
    baseline={"series": "BAA", **Y_BASE},
    variants={"Aaa corporate yield": {"series": "AAA"}, **Y_VARIANTS},
    rule=Rule.above(25))
_ = corporate.run(lb.yield_change)
spread = l2.declare(
    "corporate yields keeping pace: the Baa spread",
    statistic=Statistic("change in the Baa spread over the 10-year", units="bp", interval="none: a measured change"),
    baseline={"series": "BAA10Y", **Y_BASE},
    variants={"Aaa spread": {"series": "AAA10Y"}, "investment-grade index spread (ICE BofA)": {"series": "BAMLC0A0CM"}, **Y_VARIANTS},
    rule=Rule.above(-10))
_ = spread.run(lb.yield_change)

# %%
YL = pd.DataFrame({"10-year Treasury": load("DGS10"), "Baa corporate (10-year + spread)": load("DGS10") + load("BAA10Y"),
                   "10-year real (TIPS)": load("DFII10")}).loc["2025-06-01":]
ty, by, sp = treasury.estimate(), corporate.estimate(), spread.estimate()
rplt.finish(lb.plot_yields(YL, load("BAA10Y").loc["2025-06-01":], EXHAUSTED, pd.Timestamp("2026-02-06"),
                           title=f"Since the reverse repo ran dry the 10-year yield is up {ty.value:+.0f}bp, the Baa spread {sp.value:+.0f}bp"))

# %%
te, be, se_ = treasury.estimate(window="essay"), corporate.estimate(window="essay"), spread.estimate(window="essay")
to = treasury.estimate("each series' own last day")
_ = l2.record(headline=(
    f"From {fmt.date(ty.detail['start'])}: at the essay date (data to {fmt.date(te.detail['end_day'])}) the 10-year yield had moved "
    f"{te.value:+.0f}bp, the Baa yield {be.value:+.0f}bp and the Baa spread {se_.value:+.0f}bp; by {fmt.date(ty.detail['end_day'])} the "
    f"10-year had moved {ty.value:+.0f}bp" + (f" ({to.value:+.0f}bp to {fmt.date(to.detail['end_day'])})" if to else "") + f", the Baa yield "
    f"{by.value:+.0f}bp and its spread {sp.value:+.0f}bp: " + ("corporate yields did not rise with Treasury yields." if by.value < 25 <= max(ty.value, (to or ty).value)
                                  else "Treasury and corporate yields moved together." if min(ty.value, by.value) >= 25 else "neither rose by 25bp.")))

# %% [markdown]
# ## L3 — Did scarce capital hit long-duration assets and spare the memory makers? <a id="L3"></a>
#
# **Claim, in our words** (mechanism). When capital is scarce, assets whose value rests on distant
# cash flows (crypto, software, speculative growth) fall most, while near-cash-flow businesses
# (memory-chip makers Micron and SanDisk) outperform: AI capex acts as "reverse QE".
#
# **Operational tests** (two legs). (i) *Duration*: when the real 10-year yield (the price of
# time) rises, the long-duration group (bitcoin, ARK Innovation, the IGV software ETF, equal
# weights) loses more than the memory makers (Micron, with SanDisk from its 2025 listing), holding
# the S&P 500's return fixed so that the test is not the groups' different market betas. Weekly,
# 2015 on; size that matters: 1pp of weekly return per +10bp, the gap a ten-year difference in
# duration would make. (ii) *Performance*: memory makers beat the long-duration group **after** the
# essay (from the close of 9 February 2026, the end of its date window). The essay's own starting
# observation, that memory makers had already outperformed, cannot test the claim that prompted it;
# only later data can. Size that matters: 10pp of cumulative return.

# %%
l3 = nb.claim("L3")
duration = l3.declare(
    "return gap per rise in the real yield, market held fixed",
    statistic=Statistic("long-duration minus memory makers' weekly return per +10bp of real 10-year yield", units="pp per +10bp"),
    baseline={"long": "BTC+ARKK+IGV", "memory": "MU+SNDK", "rate": "DFII10", "market": "^GSPC", "start": "2015-01-01", "end": None, "pandemic": "keep"},
    variants={"from 2025": {"start": "2025-01-01"}, "2015 to 2019": {"end": "2019-12-31"}, "pandemic months left out": {"pandemic": "drop"},
              "bitcoin alone": {"long": "BTC"}, "software alone (IGV)": {"long": "IGV"}, "no market control": {"market": None},
              "nominal 10-year yield": {"rate": "DGS10"}},
    rule=Rule.less(0, meaningful=1.0), meaningful="1pp per +10bp: the return gap between assets whose durations differ by ten years")
_ = duration.run(lb.duration_gap)

# %%
memory = l3.declare(
    "memory makers against long-duration assets after the essay",
    statistic=Statistic("cumulative log-return gap, memory makers minus long-duration", units="pp"),
    baseline={"start": "2026-02-09", "long": "BTC+ARKK+IGV", "memory": "MU+SNDK", "freq": "daily"},
    variants={"from the essay's central date": {"start": "2026-02-06"}, "Micron alone": {"memory": "MU"}, "SanDisk alone": {"memory": "SNDK"},
              "against bitcoin alone": {"long": "BTC"}, "against software alone (IGV)": {"long": "IGV"}, "weekly returns": {"freq": "weekly"}},
    rule=Rule.greater(0, meaningful=10), meaningful="10pp of cumulative return over the months since the essay")
_ = memory.run(lb.memory_outperformance)

# %%
AE = daily_on_calendar({"MU": "Micron", "SNDK": "SanDisk", "BTC-USD": "Bitcoin", "ARKK": "ARK Innovation", "IGV": "Software (IGV)"},
                       start="2026-01-01").loc[:memory.estimate().detail["end"]]
GROUPS = {"Micron": "memory makers", "SanDisk": "memory makers", "Bitcoin": "long-duration", "ARK Innovation": "long-duration", "Software (IGV)": "long-duration"}
mo = memory.estimate()
rplt.finish(lb.plot_after_essay(AE, GROUPS, "2026-02-09", title=(
    f"After the essay the memory makers rose {mo.detail['memory_pct']:+.0f}%, the long-duration group {mo.detail['long_pct']:+.0f}%")))

# %%
du, du25 = duration.estimate(), duration.estimate("from 2025")
_ = l3.record(headline=(
    f"Holding the market fixed, a +10bp real-yield week cost the long-duration group {fmt.num(-du.value)}pp more than the memory "
    f"makers (2015–{du.detail['end']:%Y}, {fmt.interval(du.low, du.high)})" + ("" if du25 is None else
    f", but from 2025 it cost the memory makers {fmt.num(du25.value)}pp more" if du25.value > 0 else f", and {fmt.num(-du25.value)}pp from 2025") +
    f"; after the essay the memory "
    f"makers gained {mo.detail['memory_pct']:+.0f}% against {mo.detail['long_pct']:+.0f}% (to {fmt.date(mo.detail['end'])}), a gap of "
    f"{mo.value:.0f}pp whose interval {fmt.interval(mo.low, mo.high, 0)} still covers zero."))

# %% [markdown]
# ## L4 — Is bitcoin the first and hardest-hit gauge of liquidity? <a id="L4"></a>
#
# **Claim, in our words** (mechanism). Crypto is the most sensitive, leading probe of changes in
# liquidity: it is hit first and hardest.
#
# **Operational tests** (four legs, all must hold), weekly (the H.4.1 week), 2015 on, with
# changes, never trending levels:
# 1. *It responds*: a local projection of bitcoin's cumulative return over weeks t to t+13 on the
#    week-t change in net liquidity ($100bn), with four lags of both and HAC errors. Horizons of 4
#    and 26 weeks are variants; the chart shows every horizon from 0 to 26. Size that matters: 3%
#    per $100bn (a typical week's change moving bitcoin by a tenth of its quarterly s.d.).
# 2. *Hardest*: bitcoin is the most volatile asset, so "hardest" must mean more per unit of risk.
#    The same projection on the difference between bitcoin's and the Nasdaq's volatility-scaled
#    log prices: bitcoin's response minus the Nasdaq's, in s.d. of a 14-week return. Size that
#    matters: 0.1 s.d. per $100bn.
# 3. *First, in sample*: bitcoin's past returns predict the S&P 500's: the sum of the coefficients
#    on bitcoin's last four weekly returns in a regression of the S&P 500's return on its own lags
#    and bitcoin's, with one HAC t-test for the sum (one test for the four leads, not four tests).
#    Variants drop March–April 2020, start bitcoin's lags a week further back (bitcoin's daily
#    close, midnight UTC, comes three to four hours after the New York close, so its latest return
#    holds news the index prices only at the next open), and use daily data.
#    Size that matters: 0.02 (a 10% bitcoin week worth 0.2% on the S&P 500).
# 4. *First, out of sample*: from 2020 on, does adding bitcoin's lags improve one-week-ahead
#    forecasts of the S&P 500 made with data available at the time? Out-of-sample R² against the
#    S&P 500's own lags; Diebold-Mariano HAC interval (the Clark-West test, better suited to nested
#    models, is reported beside it). Size that matters: 1% of the forecast error variance.
#
# Variants also replace net liquidity with bank reserves, the Wednesday Treasury account with its
# week average, and the S&P 500 with the Nasdaq, ARK Innovation or net liquidity itself.

# %%
l4 = nb.claim("L4")
LP_BASE = {"horizon": 13, "start": "2015-01-01", "end": None, "drop": None, "tga": "wednesday", "measure": "net liquidity"}
NO_COVID = {"drop": ("2020-03-01", "2020-04-30")}
responds = l4.declare(
    "bitcoin's response to net liquidity, 13 weeks on",
    statistic=Statistic("cumulative bitcoin return per change in net liquidity", units="% per $100bn"),
    baseline=LP_BASE,
    variants={"4 weeks on": {"horizon": 4}, "26 weeks on": {"horizon": 26}, "March-April 2020 left out": NO_COVID,
              "from 2018": {"start": "2018-01-01"}, "to 2019": {"end": "2019-12-31"},
              "week-average Treasury account": {"tga": "week average"}, "bank reserves instead": {"measure": "bank reserves"}},
    rule=Rule.greater(0, meaningful=3), meaningful="3% per $100bn: a typical week's liquidity change moving bitcoin by a tenth of its quarterly s.d.")
_ = responds.run(lb.btc_liquidity_response)

# %%
hardest = l4.declare(
    "bitcoin's response per unit of risk against the Nasdaq's",
    statistic=Statistic("bitcoin's volatility-scaled response minus the Nasdaq's", units="s.d. per $100bn"),
    baseline={**LP_BASE, "versus": "^IXIC"},
    variants={"against the S&P 500": {"versus": "^GSPC"}, "against ARK Innovation": {"versus": "ARKK"},
              "4 weeks on": {"horizon": 4}, "26 weeks on": {"horizon": 26}, "March-April 2020 left out": NO_COVID,
              "from 2018": {"start": "2018-01-01"}, "bank reserves instead": {"measure": "bank reserves"}},
    rule=Rule.greater(0, meaningful=0.1), meaningful="0.1 s.d. per $100bn: a typical week's liquidity change explaining 1% of the variance")
_ = hardest.run(lb.btc_vs_equity_response)

# %%
first = l4.declare(
    "bitcoin's past returns predict the S&P 500 (in sample)",
    statistic=Statistic("sum of the S&P 500's coefficients on bitcoin's lagged returns", units="% per 1% of bitcoin"),
    baseline={"target": "^GSPC", "lags": 4, "first_lag": 1, "start": "2015-01-01", "drop": None, "freq": "weekly"},
    variants={"March-April 2020 left out": NO_COVID, "bitcoin's lags from week t-2": {"first_lag": 2}, "two lags": {"lags": 2},
              "the Nasdaq": {"target": "^IXIC"}, "from 2018": {"start": "2018-01-01"},
              "daily, five sessions from t-2": {"freq": "daily", "lags": 5, "first_lag": 2}},
    rule=Rule.greater(0, meaningful=0.02), meaningful="0.02: a 10% bitcoin week worth 0.2% on the S&P 500 in the following weeks")
_ = first.run(lb.btc_lead_in_sample)

# %%
oos = l4.declare(
    "bitcoin's lags improve S&P 500 forecasts out of sample (2020 on)",
    statistic=Statistic("out-of-sample R² against the S&P 500's own lags", units="%", interval="95% Diebold-Mariano HAC interval"),
    baseline={"target": "^GSPC", "lags": 4, "first_lag": 1, "start": "2015-01-01", "eval_start": "2020-01-01", "window": None, "exclude": None},
    variants={"the Nasdaq": {"target": "^IXIC"}, "net liquidity itself": {"target": "net liquidity"}, "two lags": {"lags": 2},
              "bitcoin's lags from week t-2": {"first_lag": 2}, "evaluated from 2022": {"eval_start": "2022-01-01"},
              "March-April 2020 not scored": {"exclude": ("2020-03-01", "2020-04-30")}, "rolling five-year estimation": {"window": 260}},
    rule=Rule.greater(0, meaningful=1), meaningful="1% of the forecast error variance")
_ = oos.run(lb.btc_lead_out_of_sample)

# %%
DNL = (NL["net_liquidity"].diff() / 100).loc["2015":]
PATHS = {}
for sid, name in [("BTC-USD", "Bitcoin"), ("^IXIC", "Nasdaq"), ("^GSPC", "S&P 500")]:
    logp = 100 * np.log(lb.weekly_close(load(sid))).loc[: DNL.index[-1]]   # whole weeks only
    lp = stats.local_projection(logp, DNL, 26, lags=4)
    scale = logp.diff().loc["2015":].std() * np.sqrt(lp.index + 1)   # s.d. of the (h+1)-week return
    PATHS[name] = lp[["coef", "ci_low", "ci_high"]].div(scale, axis=0)
gap13 = PATHS["Bitcoin"].loc[13, "coef"] - PATHS["Nasdaq"].loc[13, "coef"]
rplt.finish(lb.plot_responses(PATHS, f"Per unit of risk, bitcoin's 13-week response to liquidity is {'larger' if gap13 > 0 else 'no larger'} than the Nasdaq's",
                              "Cumulative return per $100bn, s.d. of the horizon's return",
                              "FRED (WALCL, WDTGAL, RRPONTSYD), Yahoo (BTC-USD, ^IXIC, ^GSPC); weekly, 2015 on", fmt.date(DNL.index[-1])))

# %% [markdown]
# **The widely quoted version.** Lyn Alden and Sam Callahan reported bitcoin moving in the same
# direction as global M2 in 83% of 12-month windows and a 0.94 correlation of levels (May 2013 to
# July 2024). The snapshot has US M2 (`M2SL`), not global M2, so this replication tests the US
# version. Bitcoin before Yahoo's history (to August 2014) is Blockchain.com's market price, joined
# at the month, not spliced.

# %%
BTC_M = pd.concat([load("btc_usd_pre_yahoo").loc[:"2014-08-31"], load("BTC-USD").iloc[:-1]]).resample("ME").last()
M2 = load("M2SL")
M2.index = M2.index + pd.offsets.MonthEnd(0)
AC = {"May 2013 to July 2024 (the study's span)": lb.alden_callahan(BTC_M, M2, "2013-05-31", "2024-07-31"),
      "May 2013 to the latest month": lb.alden_callahan(BTC_M, M2, "2013-05-31")}
ACT = pd.DataFrame({k: {"months": v["months"], "correlation of log levels": round(v["levels_corr"], 2),
                        "correlation of monthly changes": round(v["monthly_changes_corr"], 2),
                        "correlation of 12-month changes": round(v["annual_changes_corr"], 2),
                        "12-month changes in the same direction": fmt.pct(100 * v["same_direction_share"], 0),
                        "  same direction if independent (from each one's share of rises)": fmt.pct(100 * v["independent_share"], 0),
                        "  share of 12-month windows in which M2 rose": fmt.pct(100 * v["m2_up_share"], 0),
                        "cointegration (Engle-Granger), p": fmt.p_value(v["cointegration_p"])} for k, v in AC.items()})
display(ACT)
ac = AC["May 2013 to July 2024 (the study's span)"]
display(Markdown(
    f"**What survives.** The levels correlation ({ac['levels_corr']:.2f} against the published 0.94), but two trending series "
    f"produce one whatever links them, and the Engle-Granger test finds no long-run relation behind it ({fmt.p(ac['cointegration_p'])}). "
    f"In monthly changes the correlation is {ac['monthly_changes_corr']:.2f}. US M2 rose in {ac['m2_up_share']:.0%} of 12-month "
    f"windows, so \"same direction\" ({ac['same_direction_share']:.0%}, against the published 83% for global M2) mostly counts "
    f"bitcoin's own rises: two independent series with those shares of rises would agree {ac['independent_share']:.0%} of the time."))
rplt.finish(lb.plot_btc_m2(BTC_M, M2, "2013-05-31", None))

# %%
r1, r2, r3, r4 = responds.estimate(), hardest.estimate(), first.estimate(), oos.estimate()
_ = l4.record(headline=(
    f"Bitcoin rose {fmt.num(r1.value, 1)}% per $100bn of net liquidity 13 weeks on ({fmt.interval(r1.low, r1.high, 1)}); per unit of "
    f"risk it responded no more than the Nasdaq ({fmt.num(r2.value)} s.d., {fmt.interval(r2.low, r2.high)}); its past weeks predict "
    f"the S&P 500 in sample (sum {fmt.num(r3.value, 3)}, {fmt.p(r3.p)}) but cut its forecast errors since 2020 by only "
    f"{fmt.num(r4.value)}% of their variance ({fmt.interval(r4.low, r4.high)}). Against US M2 only the trend is shared."),
    evidence={k: {m: v[m] for m in ("levels_corr", "monthly_changes_corr", "annual_changes_corr", "same_direction_share",
                                    "independent_share", "cointegration_p")} for k, v in AC.items()})

# %% [markdown]
# ## L5 — The early-2026 rout: the facts <a id="L5"></a>
#
# **Claim, in our words** (fact). In the early-2026 sell-off gold and silver fell together with US
# stocks; bitcoin fell to about $60,000, nearly 20% in one day, half of its October-2025 peak of
# about $126,000; over $2.6bn of crypto positions were liquidated in 24 hours.
#
# **Operational tests** (four legs, all must hold; Yahoo daily candles, UTC days):
# 1. the 2025 peak is within 3% of $126,000 (intraday high);
# 2. the rout's low (15 January to 28 February 2026) is within 5% of $60,000 (intraday low);
#    with these tolerances the low is also about half the peak;
# 3. the largest 24-hour fall was at least 17.5% ("nearly 20%"). Daily candles pin the exact
#    24-hour close-to-close fall, and bound the largest fall any 24-hour span could contain (a day's
#    high to the lower of that day's and the next day's lows); the baseline uses the close-to-close
#    fall with those bounds as its interval, so it passes only if even the lower bound clears 17.5%
#    and fails only if even the upper bound misses it. A wider measure, from the open of 5
#    February to the low of 6 February (up to 48 hours), is a variant;
# 4. gold, silver, the S&P 500 and the Nasdaq all fell in the crash week, from the last close before
#    the Fed-chair news (28 January) to bitcoin's lowest close; variants start at bitcoin's January
#    high or at the metals' peak, end at the essay's date, or use funds (GLD, SLV, SPY, QQQ).
#
# **Not testable here: the $2.6bn of liquidations.** It needs exchange derivatives data (futures
# and perpetual-swap liquidations by exchange, as aggregated by data vendors), which no public
# official source publishes and the snapshot lacks.

# %%
l5 = nb.claim("L5")
ROUT = {"from": "2026-01-15", "to": "2026-02-28", "source": "Yahoo"}
peak = l5.declare(
    "bitcoin's 2025 peak was about $126,000",
    statistic=Statistic("distance of the peak from $126,000", units="%", interval="none: a measured fact"),
    baseline={"price": "intraday", "source": "Yahoo", "from": "2025-07-01", "to": "2025-12-31"},
    variants={"closing high": {"price": "close"}, "Coinbase daily price": {"source": "Coinbase", "price": "close"},
              "all of 2025": {"from": "2025-01-01"}, "October 2025 only": {"from": "2025-10-01", "to": "2025-10-31"},
              "to the essay's date": {"to": "2026-02-06"}},
    rule=Rule.below(3))
_ = peak.run(lb.btc_peak_gap)
trough = l5.declare(
    "bitcoin fell to about $60,000",
    statistic=Statistic("distance of the rout's low from $60,000", units="%", interval="none: a measured fact"),
    baseline={"price": "intraday", **ROUT},
    variants={"lowest close": {"price": "close"}, "Coinbase daily price": {"source": "Coinbase", "price": "close"},
              "rout from 1 February": {"from": "2026-02-01"}, "rout to the end of March": {"to": "2026-03-31"},
              "rout from the new year": {"from": "2026-01-01"}},
    rule=Rule.below(5))
_ = trough.run(lb.btc_trough_gap)

# %%
fall = l5.declare(
    "nearly 20% in one day",
    statistic=Statistic("largest 24-hour fall", units="%", interval="bounds that daily candles allow"),
    baseline={"measure": "24-hour bounds", **ROUT},
    variants={"close to close": {"measure": "close to close"}, "prior close to the day's low": {"measure": "prior close to low"},
              "open to the next day's low (up to 48 hours)": {"measure": "open to next day's low"},
              "Coinbase, close to close": {"measure": "close to close", "source": "Coinbase"},
              "rout from 1 February": {"from": "2026-02-01"}},
    rule=Rule.above(17.5))
_ = fall.run(lb.btc_one_day_fall)
together = l5.declare(
    "gold and silver fell with US stocks",
    statistic=Statistic("largest return among gold, silver, the S&P 500 and the Nasdaq", units="%", interval="none: a measured fact"),
    baseline={"start": "2026-01-28", "end": "bitcoin's low", "instruments": "futures"},
    variants={"from bitcoin's January high": {"start": "bitcoin's January high"}, "from the metals' January peak": {"start": "metals' January peak"},
              "to the essay's date": {"end": "2026-02-06"}, "to 5 February": {"end": "2026-02-05"}, "funds (GLD, SLV, SPY, QQQ)": {"instruments": "funds"}},
    rule=Rule.below(0))
_ = together.run(lb.rout_returns)

# %%
RP = pd.DataFrame({"Bitcoin": load("BTC-USD"), "Gold": load("GC=F"), "Silver": load("SI=F"), "S&P 500": load("^GSPC"), "Nasdaq": load("^IXIC")})
tg = together.estimate()
moves = {k.replace(" %", ""): v for k, v in tg.detail.items() if k.endswith("%")}
rplt.finish(lb.plot_rout(RP, "2025-12-01", "2026-03-31", (tg.detail["start"], tg.detail["end"]), title=(
    f"In the crash week silver fell {moves['silver']:.0f}%, gold {moves['gold']:.0f}%, the Nasdaq {moves['Nasdaq']:.0f}% "
    f"and the S&P 500 {moves['S&P 500']:.0f}%")))

# %%
BD = lb.one_day_falls(load("BTC-USD", fields="ohlcv").loc["2026-02-02":"2026-02-07"]).round(1)
BD.columns = ["fall, close to close, %", "fall, prior close to low, %", "fall, open to next day's low, %", "largest fall any 24 hours could hold, %"]
display(BD)
pk, tr, fa = peak.estimate(), trough.estimate(), fall.estimate()
_ = l5.record(headline=(
    f"Bitcoin peaked at ${pk.detail['peak']:,.0f} ({pk.detail['day']:%d %b %Y}) and fell to ${tr.detail['trough']:,.0f} on "
    f"{tr.detail['day']:%d %b %Y} ({tr.detail['trough'] / pk.detail['peak']:.2f} of the peak); its worst close-to-close day was "
    f"{-fa.value:.1f}% and " + ("a 24-hour fall of 17.5% or more is certain" if fa.low >= 17.5 else
    "no 24 hours can have held 17.5%" if fa.high < 17.5 else "daily candles cannot tell whether any 24 hours held 17.5%") +
    ("; gold, silver and both stock indexes fell in the crash week" if tg.value < 0 else "; not every metal and index fell in the crash week") +
    f" (silver {moves['silver']:.0f}%). The $2.6bn of liquidations needs exchange data."))

# %% [markdown]
# ## L6 — Did the Fed-chair nomination accelerate the sell-off? <a id="L6"></a>
#
# **Claim, in our words** (fact). The nomination of Kevin Warsh as Fed chair, announced on Friday
# 30 January 2026 (reports that he was the choice circulated on the 29th), sped up the sell-off.
#
# **What would tell the stories apart.** The essay chose the week because it crashed, so a
# cumulative abnormal return over a week that ends in the crash is large by construction, and 5
# February, a week later, drove most of bitcoin's. The day before the announcement coincided with a
# large software and megacap sell-off. A test of *the nomination* looks at the days it could move:
# day 0 (Friday 30 January) and day +1 (Monday 2 February; crypto's weekend moves fold into it).
# Each asset's cumulative abnormal return over days 0 and +1 (market model on the S&P 500, days −250
# to −30) is divided by its own estimation-window volatility, and compared with the same statistic
# on each of the 250 trading days of the year before (ending a week before the event): placebo days
# from the same regime, matched on volatility. The placebo rank gives the p-value, and inverting it
# gives the interval. Size that matters: 1 s.d. of a two-day abnormal return.
#
# **Assets scored separately** (the evidence may differ): bitcoin, gold and silver are three legs.
# A fourth leg tests *acceleration*: bitcoin's mean daily abnormal return on days 0 and +1 minus its
# mean over the ten days before, in s.d., against the same difference on placebo days (size that
# matters: 0.5 s.d. a day). Variants: day 0 alone, days −1 to +1 (the leak), days 0 to +2, the
# Nasdaq as the market, Fridays only as placebo days (the same weekend inside the window), two years
# of placebo days, and ether (or the metals' funds) for the asset.

# %%
l6 = nb.claim("L6")
EV = {"market": "^GSPC", "days": (0, 1), "pool": 250, "placebos": "all"}
EV_VARIANTS = {"day 0 alone": {"days": (0, 0)}, "days -1 to +1": {"days": (-1, 1)}, "days 0 to +2": {"days": (0, 2)},
               "the Nasdaq as the market": {"market": "^IXIC"}, "Fridays as placebo days": {"placebos": "Fridays"},
               "two years of placebo days": {"pool": 500}}
REACTION = Statistic("standardised abnormal return, days 0 to +1", units="s.d.", interval="95% placebo interval (inverted rank test)")
legs = {}
for name, asset, alt, alt_name in [("bitcoin", "BTC-USD", "ETH-USD", "ether"), ("gold", "GC=F", "GLD", "gold fund (GLD)"),
                                   ("silver", "SI=F", "SLV", "silver fund (SLV)")]:
    legs[name] = l6.declare(f"{name}'s reaction to the nomination", statistic=REACTION, baseline={"asset": asset, **EV},
                            variants={**EV_VARIANTS, alt_name: {"asset": alt}}, rule=Rule.less(0, meaningful=1),
                            meaningful="1 s.d. of a two-day abnormal return")
    legs[name].run(lb.nomination_reaction)

# %%
accel = l6.declare(
    "bitcoin's fall sped up after the nomination",
    statistic=Statistic("mean daily abnormal return after minus before", units="s.d. per day", interval="95% placebo interval (inverted rank test)"),
    baseline={"asset": "BTC-USD", "market": "^GSPC", "after": (0, 1), "before": (-10, -1), "pool": 250, "placebos": "all"},
    variants={"after = days 0 to +5 (includes 5 February)": {"after": (0, 5)}, "before = days -5 to -1": {"before": (-5, -1)},
              "day -1 (tech sell-off) left out": {"before": (-10, -2)}, "the Nasdaq as the market": {"market": "^IXIC"},
              "Fridays as placebo days": {"placebos": "Fridays"}, "two years of placebo days": {"pool": 500}, "ether": {"asset": "ETH-USD"}},
    rule=Rule.less(0, meaningful=0.5), meaningful="0.5 s.d. a day, over the two days")
_ = accel.run(lb.nomination_acceleration)

# %%
ED = daily_on_calendar(["^GSPC", "BTC-USD", "ETH-USD", "GC=F", "SI=F"], start="2023-06-01").loc[:"2026-02-28"]
EDR = 100 * np.log(ED).diff()
CARS = pd.DataFrame({name: stats.event_study(EDR[sid], EDR["^GSPC"], lb.NOMINATION, event_window=(-10, 5)).car
                     for sid, name in [("BTC-USD", "Bitcoin"), ("ETH-USD", "Ether"), ("GC=F", "Gold"), ("SI=F", "Silver")]})
AR = CARS.diff().fillna(CARS)
rplt.finish(lb.plot_event(CARS, (f"Abnormal returns on the nomination day: silver {AR.loc[0, 'Silver']:+.0f}%, gold {AR.loc[0, 'Gold']:+.0f}%, "
                                 f"bitcoin {abs(AR.loc[0, 'Bitcoin']):.1f}% (day +1: {AR.loc[1, 'Bitcoin']:+.1f}%; day +4: {AR.loc[4, 'Bitcoin']:+.0f}%)"), "2026-02-06"))

# %%
DRAWS = {}
for sid, name in [("BTC-USD", "Bitcoin"), ("GC=F", "Gold"), ("SI=F", "Silver")]:
    ev, null, _ = lb.event_draws(EDR[sid], EDR["^GSPC"])
    DRAWS[name] = (float(ev["scar"]), null)
beyond = [n.lower() for n, (e, null) in DRAWS.items() if e < null.min()]
rplt.finish(lb.plot_placebos(DRAWS, "2026-02-06", title=(
    f"Days 0 and +1 against the year before: {' and '.join(beyond) or 'no asset'} beyond every placebo day")))

# %%
b6, g6, s6, a6 = legs["bitcoin"].estimate(), legs["gold"].estimate(), legs["silver"].estimate(), accel.estimate()
b0 = legs["bitcoin"].estimate("day 0 alone")
_ = l6.record(headline=(
    f"Over the nomination day and the next, silver's abnormal return was {s6.detail['car_pct']:.0f}% and gold's "
    f"{g6.detail['car_pct']:.0f}%, lower than on {1 - max(s6.detail['rank'], g6.detail['rank']):.0%} of the year's {g6.n} placebo days; "
    f"bitcoin's was {b6.detail['car_pct']:.0f}% ({fmt.p(b6.p)}" + (f"; on the day itself {abs(b0.detail['car_pct']):.1f}%" if b0 else "") + "), "
    f"and its fall did {'' if a6.high < 0 else 'not measurably '}speed up ({a6.value:+.1f} s.d. a day, {fmt.interval(a6.low, a6.high, 1)})."))

# %% [markdown]
# ## L7 — Excess demand for money, or too little supply? <a id="L7"></a>
#
# **Claim, in our words** (fact). Liquidity can rise three ways: more water (rate cuts, QE),
# unblocked pipes (reverse repo, reserve-management purchases) or a slower outflow; today's problem
# is excess *demand* for money, not too little supply.
#
# **Reading it.** The essay's "demand" is AI capex's demand for capital; its three ways and its
# pipes are the money market's, and that is where demand and supply meet in observable prices and
# quantities: banks' reserves (the quantity) and the premium of overnight secured funding (SOFR)
# over the interest the Fed pays on reserves (IORB, the price). The price alone cannot tell the
# stories apart: it rises when demand for reserves grows and when their supply shrinks. Price and
# quantity together can: a supply contraction moves them in opposite directions (reserves fall, the
# premium rises), a demand increase raises the premium without taking reserves away. AI capex's
# demand for capital is tested by its price in L2.
#
# **Operational tests** (two legs), at the essay's date and today:
# 1. *Money is scarce*: SOFR traded above IORB over the last four weeks of the window (HAC
#    interval). Size that matters: 5bp, half the premium of the autumn-2025 squeeze.
# 2. *From demand, not supply*: the change in the premium since the reverse repo's exhaustion that
#    changes in reserves do not explain. The slope of weekly premium changes on weekly reserve
#    changes (no constant, HAC) is the move along the demand curve; the unexplained part is the
#    premium's change minus the slope times the change in reserves, with the interval from the
#    slope's. Excess demand leaves a positive part; a supply story leaves none. Size that matters:
#    5bp. Variants start in June 2025, use the effective fed funds rate, add the reverse repo to
#    reserves, use net liquidity as the quantity, or monthly averages.

# %%
l7 = nb.claim("L7")
scarce = l7.declare(
    "money scarce at the margin: SOFR above IORB",
    statistic=Statistic("SOFR minus IORB, mean of the last four weeks", units="bp"),
    baseline={"rate": "SOFR", "weeks": 4, "month_ends": "keep"},
    variants={"effective fed funds rate": {"rate": "EFFR"}, "two weeks": {"weeks": 2}, "eight weeks": {"weeks": 8},
              "thirteen weeks": {"weeks": 13}, "month-end days left out": {"month_ends": "drop"}},
    rule=Rule.greater(0, meaningful=5), meaningful="5bp: half the premium of the autumn-2025 squeeze")
_ = scarce.run(lb.money_market_pressure)
demand = l7.declare(
    "the premium's change not explained by reserves",
    statistic=Statistic("change in SOFR minus IORB not explained by the change in reserves", units="bp"),
    baseline={"start": "exhaustion", "rate": "SOFR", "quantity": "reserves", "freq": "weekly"},
    variants={"from June 2025": {"start": "2025-06-04"}, "effective fed funds rate": {"rate": "EFFR"},
              "reserves plus the reverse repo": {"quantity": "reserves + reverse repo"}, "net liquidity as the quantity": {"quantity": "net liquidity"},
              "monthly averages": {"freq": "monthly"}},
    rule=Rule.greater(0, meaningful=5), meaningful="5bp of the premium left unexplained by reserves")
_ = demand.run(lb.pressure_not_from_supply)

# %%
SPREAD = ((load("SOFR") - load("IORB")).dropna() * 100).resample(lb.WEEK).mean().loc["2025-06-01":]
SOURCES = lb.reserve_sources(NL, load("WRESBAL").resample(lb.WEEK).last() / 1000, "2025-06-04")
seen = demand.estimate(window="essay").detail["end"]   # the last week of reserves published by the essay's date
at_essay = lb.reserve_sources(NL, load("WRESBAL").resample(lb.WEEK).last() / 1000, fmt.date(EXHAUSTED)).loc[:seen].iloc[-1]
display(Markdown("From the reverse repo's exhaustion to the last week visible at the essay (" + f"{fmt.date(EXHAUSTED)} to {fmt.date(seen)}), billions: "
                 + "; ".join(f"{k} {v:+,.0f}" for k, v in at_essay.items()) + "."))
rplt.finish(lb.plot_reserves(SPREAD.loc[: SOURCES.index[-1]], SOURCES, pd.Timestamp("2026-02-06"), title=(
    "SOFR rose above IORB as the Treasury's cash build drained reserves, and fell back as reserves were rebuilt")))

# %% [markdown]
# **The reserve-management purchases.** The Fed ended its balance-sheet runoff on 1 December 2025
# and from then reinvests all principal from its mortgage-backed securities in Treasury bills; from
# 12 December it also bought bills to manage reserves (announced at about $40bn a month). The rise in
# its Treasury holdings therefore mixes the two: the purchases are the rise net of the MBS paydowns
# (the fall in MBS holdings).

# %%
TREAS, MBS = load("TREAST") / 1000, load("WSHOMCB") / 1000
RMP = lb.reserve_purchases(TREAS, MBS, "2025-12-03")
display(RMP.round(0).set_axis(RMP.index.strftime("%Y-%m"), axis=0).T)
full = RMP.loc["2026-01":].iloc[:-1]   # whole months of purchases (the last month is partial)
first5 = (TREAS.loc["2026-01-14"] - TREAS.loc["2025-12-10"], MBS.loc["2025-12-10"] - MBS.loc["2026-01-14"])
display(Markdown(
    f"In the five weeks from 10 December to 14 January Treasury holdings rose ${first5[0]:,.0f}bn, of which ${first5[1]:,.0f}bn replaced "
    f"MBS paydowns: **${first5[0] - first5[1]:,.0f}bn of purchases**, the announced initial pace. From January to {full.index[-1]:%B %Y} "
    f"holdings rose ${full['Treasury holdings'].mean():,.0f}bn a month, of which ${full['MBS paydowns reinvested'].mean():,.0f}bn reinvested "
    f"paydowns and **${full['Reserve-management purchases'].mean():,.0f}bn** were purchases: the rise in holdings alone overstates them "
    f"by the reinvestment."))

# %%
k1, k2, k1t = scarce.estimate(window="essay"), demand.estimate(window="essay"), scarce.estimate()
_ = l7.record(headline=(
    f"From the reverse repo's exhaustion to the essay reserves fell ${-k2.detail['quantity_change_bn']:,.0f}bn and the SOFR premium over "
    f"IORB rose {k2.detail['spread_change']:+.0f}bp, {'less' if k2.value < 0 else 'more'} than the fall in reserves explains: {k2.value:+.0f}bp "
    f"({fmt.interval(k2.low, k2.high, 0)}) is left for demand. In the four weeks to the essay the premium was {k1.value:+.1f}bp, "
    f"today {k1t.value:+.1f}bp: " + ("the autumn squeeze came from supply and had passed by the essay." if k2.high < 5 and k1.high < 5
                                     else "the evidence on demand is mixed.")))

# %% [markdown]
# ## C1 — Crypto as the young's only asset with upside, a political asset <a id="C1"></a>
#
# **Claim, in our words** (mechanism; essays E1 and E2). Crypto is becoming the only asset with real
# upside for young people, hence a political asset tied to generational fairness; bitcoin works as
# a release valve for social pressure.
#
# **What can be tested.** "The only asset with real upside" can be set against returns: did bitcoin
# beat the assets open to a young saver? Baseline: bitcoin's annualised log return minus the S&P
# 500's with dividends (SPY) over five years, both ending on the last day each has a completed
# close (bitcoin's last row can be an unfinished day; gold's series ends earlier), on S&P 500
# trading days, with a HAC interval. Variants change the horizon (1, 3, 10 years), the comparison
# (the Nasdaq, gold) and the end date (essay E2's date). The claim is about the present, so it is
# also tested on the data visible at essay E1's date. Size that matters: 5pp a year.
#
# **What cannot be tested here.** Who owns crypto by age, and whether it became a political marker
# for the young. Published survey figures (quoted, not recomputed): the Fed's Survey of Household
# Economics and Decisionmaking found 12% of adults held or used crypto in 2021, 10% in 2022 and 7% in
# 2023 (reports *Economic Well-Being of U.S. Households*, 2022–2024), mostly as an investment, and
# those holding it purely as an investment were "disproportionately high-income" (2021 report).
# From the Survey of Consumer Finances, the St. Louis Fed estimated that about 4.3% of households
# held crypto in 2022 ("Cryptocurrency Ownership among U.S. Households", 11 March 2025). These
# headline shares do not split by age, and none of them shows crypto as the young's *only* asset
# with upside, nor anything political. What would decide: ownership shares and portfolio weights by
# age over time (the SHED and SCF microdata by age; the 2025 SCF when published), and polling on
# crypto as a political question by age cohort.

# %%
c1 = nb.claim("C1")
upside = c1.declare(
    "bitcoin against stocks for a young saver",
    statistic=Statistic("bitcoin's annualised log return minus the comparison's", units="pp a year"),
    baseline={"years": 5, "versus": "SPY", "end": "common"},
    variants={"1 year": {"years": 1}, "3 years": {"years": 3}, "10 years": {"years": 10}, "against the Nasdaq": {"versus": "^IXIC"},
              "against gold": {"versus": "GC=F"}, "ending at essay E2's date": {"end": "2025-12-01"}},
    rule=Rule.greater(0, meaningful=5), meaningful="5pp a year: doubling a 5% real return", essay_window=True)
_ = upside.run(lb.btc_excess_return)

# %%
cu, ce = upside.estimate(), upside.estimate(window="essay")
LR = pd.DataFrame({"Bitcoin": load("BTC-USD"), "S&P 500 with dividends (SPY)": load("SPY"), "Gold": load("GC=F")}).loc[cu.detail["start"]:cu.detail["end"]]
rplt.finish(lb.plot_long_run(LR, title=f"Over five years bitcoin gained {cu.detail['btc_total_pct']:+.0f}%, the S&P 500 with dividends {cu.detail['other_total_pct']:+.0f}%"))

# %%
_ = c1.record(headline=(
    f"Over the five years to {fmt.date(cu.detail['end'])} bitcoin's annualised return differed from the S&P 500's with dividends by "
    f"{cu.value:+.0f}pp a year ({fmt.interval(cu.low, cu.high, 0)}); to essay E1's date by {ce.value:+.0f}pp ({fmt.interval(ce.low, ce.high, 0)}): "
    f"bitcoin's volatility leaves its excess return undetermined. Ownership by age (SHED, SCF microdata) and cohort polling, "
    f"which would decide the generational and political part, are not in the snapshot."))

# %% [markdown]
# ## What would change these verdicts
#
# - **L1**: flows from the Fed's Financial Accounts (Z.1) showing money-market funds' and firms'
#   idle cash financing AI capex, and two or three more years after the reverse repo's exhaustion
#   to narrow the interval of the after-minus-before response.
# - **L2**: corporate yields catching up with Treasuries (the Baa spread widening back) would pass the
#   corporate legs; the 10-year yield falling back below its August-2025 level would fail the
#   Treasury leg. A yield decomposition into expected policy rates and term premium would bear on
#   the mechanism.
# - **L3**: a longer window after the essay (the memory makers' lead is large but so is their
#   volatility), and a duration measure from cash-flow timing rather than group labels.
# - **L4**: a liquidity measure that is not dominated by the Treasury's cash swings; intraday prices
#   synchronous with the New York close would settle whether bitcoin's weekly lead is real.
# - **L5**: hourly bitcoin prices would settle the "nearly 20% in one day" leg either way; exchange
#   liquidation data would test the $2.6bn.
# - **L6**: intraday prices around the announcement's time would separate the nomination from the
#   same week's crypto deleveraging and software sell-off.
# - **L7**: a rise in the SOFR premium while reserves hold steady or grow (demand shifting) would
#   turn the second leg; repo volumes and the Fed's standing repo usage would sharpen it.
# - **C1**: survey data on crypto ownership and attitudes by age over time; a horizon over which
#   bitcoin's excess return clears its volatility.

# %%
nb.summary()
