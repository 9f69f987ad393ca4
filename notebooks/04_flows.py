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
# # 04 — Flows over fundamentals: do the Fed and mechanical flows, not data, move US stocks?
#
# Essay E2 (dated 1 December 2025, written between 24 November and 10 December 2025) argues that
# US equity prices are now set by the Federal Reserve's stance and by mechanical flows —
# volatility-targeting funds, trend-following CTAs, corporate buybacks, option hedging — rather
# than by economic data, and that a liquidity wave led by the Treasury arrives in 2026. This
# notebook tests its six claims, F1 to F6.
#
# **How each claim is tested.** Every claim section states the claim in our words, turns it into a
# hypothesis the data can reject, and *declares* the test before any result: one decision statistic,
# a baseline specification, at least five robustness variants (other samples, measures, horizons,
# controls) and a rule saying which values support the claim and what size of effect matters. The
# verdict is then derived, not typed: **supported** when the baseline passes and at least 80% of the
# variants agree, **not supported** when the baseline fails and at least 80% agree, **inconclusive**
# otherwise — including when an interval covers both no effect and an effect that matters (too little
# power). A claim with several tests needs every test to hold; a claim with parts is **mixed** when
# its parts disagree; a part the data cannot reach is **untestable**, with the data that would
# decide it named. P-values are two-sided and Holm-adjusted across a claim's tests.
#
# **Windows.** F1 is partly a statement of fact about late 2025, so it is tested twice: on the data
# visible at the essay date (and re-checked at both ends of the essay's window) and on today's data.
# F2–F5 are mechanisms, tested on history. F6's three parts are forecasts, tested only on data after
# the essay date up to a declared horizon and marked *provisional* while that horizon is open.
# Each record's "data as of" is the earliest last observation among the inputs its specifications
# actually used, so a calendar or a variant that stops early shows up in the date.
#
# **Data.** The S&P 500 index with its daily opens and closes (`^GSPC`), the CBOE VIX and VIX3M
# (with the FRED copies `VIXCLS`, `VXVCLS`, `SP500` as a check), the ICE BofA high-yield spread
# (`BAMLH0A0HYM2`), Treasury yields (`DGS2`, `DGS10`), the ISM manufacturing PMI as first released,
# payrolls and industrial production, the FOMC, CPI and Employment Situation release calendars, and
# the Fed's weekly balance sheet (`WALCL`, the Wednesday Treasury General Account `WDTGAL` and its
# week average `WTREGEN`, `TREAST`, `WRESBAL`) with the New York Fed's reverse repo (`RRPONTSYD`).

# %%
from IPython.display import Markdown, display
import pandas as pd

from research_lib import fmt, load, transforms as tf
from research_lib.data.derived import net_liquidity
from research_lib.claims.notebook import Notebook
from research_lib.claims.protocol import Rule, Statistic, as_of
from research_lib.studies import flows

nb = Notebook("04_flows")   # plotting style, recession shading, the summary table at the top
pd.set_option("display.float_format", lambda v: f"{v:,.2f}")


# %% [markdown]
# ## F1 — Do stocks move on the Fed rather than on economic data? <a id="F1"></a>
#
# **Claim, in our words.** Prices move on what the Fed is expected to do, not on new economic data
# (the essay cites rate-cut odds swinging from 80% to 30% and back on a few officials' remarks in
# November 2025); economic data have become a lagging indicator of asset prices. Kind: a fact about
# the market at the essay date and a mechanism, so it is tested at the essay date and today.
#
# **Operational hypotheses (three tests, all must hold).**
# 1. *Fed days move prices more than data days.* The S&P 500's daily variance on FOMC announcement
#    days exceeds its variance on CPI and payroll release days. This is the direct test: both kinds
#    of news arrive on known days. Statistic: the ratio of mean squared daily returns minus one, in
#    %, with an interval from resampling the event days.
# 2. *The Fed's stance explains more of daily moves than it used to.* The same-day change in the
#    2-year Treasury yield (the market's read of the policy path) explains a larger share of daily
#    S&P 500 variance since 2022 than in 1990–2019. The share is measured *year by year* and the
#    median year is compared, because the sign of the stock–yield link flips between years (2022:
#    higher yields, lower stocks; 2025: the reverse) and a single pooled regression would average
#    those signs away.
# 3. *Prices move before the data.* The S&P 500's move over the month before an ISM release predicts
#    the change in the PMI as first released, controlling for the previous change.
#
# **Why these baselines.** The first test starts in January 2022: the essay describes a market
# dominated by the Fed since the inflation shock, and 2022 is when the tightening cycle began. The
# payroll calendar in the snapshot ends in December 2024 (and has two Saturday typos, corrected in
# code below); in 2025–2026 the data days are CPI releases only, and the first Friday of each month
# (the usual payroll day) is kept out of "other days". The second test uses calendar years since
# 2022 against 1990–2019 (before the pandemic, three decades of ordinary Fed cycles). The third uses
# ISM values *as first released*, so revisions cannot create a lead, from 2010 (after the financial
# crisis) with the pandemic months (March 2020 to June 2021) left out.
#
# **Data.** `^GSPC` daily closes; FOMC announcement days 2000–2026 (intermeeting moves included),
# CPI release days 2015–2026, Employment Situation release days 2000–2024 (`other/calendars/`);
# `DGS2` (variants `DGS10`); `ism_manufacturing_pmi` (first releases, dated at release; variants:
# the revised `NAPM`, `PAYEMS`, `INDPRO`).

# %%
cal = flows.event_calendars()
display(Markdown("**Calendar errors corrected in code** (the files are left as published):\n\n"
                 + "\n".join(f"- {c}" for c in cal["corrections"])))
spx = load("^GSPC")
r_daily = tf.log_diff(spx).dropna()   # daily S&P 500 log returns, %

# %% [markdown]
# The table below gives the S&P 500's mean squared daily return (its daily variance, in %²) on each
# kind of day, by era, with 95% bootstrap intervals, and the ratio to the era's other days.

# %%
ERAS = {"2000-2007": ("2000", "2007"), "2008-2014": ("2008", "2014"), "2015-2019": ("2015", "2019"),
        "2020-2021": ("2020", "2021"), "2022-2026": ("2022", "2026")}
types = flows.day_types(r_daily.index, cal["FOMC"], cal["CPI"], cal["payrolls"], payrolls_known_to=cal["payrolls"].max())
day_table = flows.variance_by_day_type(r_daily, types, ERAS)
day_table

# %% [markdown]
# **Declared tests.** The three tables below are the declarations: baseline, variants and rule.

# %%
f1 = nb.claim("F1")
f1_days = f1.declare(
    "FOMC days against data-release days",
    statistic=Statistic("extra S&P 500 variance on FOMC days over CPI and payroll days", units="%",
                        interval="95% bootstrap interval (event days resampled)"),
    baseline={"start": "2022-01", "end": None, "pandemic": "keep", "data": "CPI and payrolls", "measure": "squared", "days": 1},
    variants={"from 2015 (the whole CPI calendar)": {"start": "2015-01"}, "easing cycle from Sept 2024": {"start": "2024-09"},
              "CPI days only": {"data": "CPI"}, "payroll days only (to 2024)": {"data": "payrolls"},
              "absolute instead of squared returns": {"measure": "absolute"}, "event day and the next": {"days": 2},
              "to 2024 (all three calendars known)": {"end": "2024-12"},
              "from 2015, pandemic months dropped": {"start": "2015-01", "pandemic": "drop"}},
    rule=Rule.greater(0, meaningful=50),
    meaningful="FOMC days must carry at least half again the variance of data days (daily moves about 22% larger) "
               "for 'prices react to the Fed rather than to data' to describe the market")

# %%
f1_share = f1.declare(
    "Fed-stance share of daily moves",
    statistic=Statistic("median yearly R² of S&P 500 returns on 2-year yield changes, since 2022 minus 1990-2019",
                        units="percentage points", interval="95% bootstrap interval (years resampled)"),
    baseline={"yield": "DGS2", "recent": 2022, "base": "1990-2019", "period": "year", "frequency": "daily"},
    variants={"10-year yield": {"yield": "DGS10"}, "weekly changes": {"frequency": "weekly"},
              "recent era from 2023": {"recent": 2023}, "base 2000-2019": {"base": "2000-2019"},
              "base 1990-2007 (before zero rates)": {"base": "1990-2007"}, "half-years": {"period": "half-year"}},
    rule=Rule.greater(0, meaningful=5),
    meaningful="five points of explained variance is a shift a daily trader would notice: a typical year before 2020 "
               "has an R² in single digits")

# %%
f1_lead = f1.declare(
    "prices move before the data",
    statistic=Statistic("lead of the prior month's S&P 500 return on the next activity change", units="s.d. per s.d.",
                        interval="95% confidence interval (HAC)"),
    baseline={"measure": "ISM first release", "start": "2010-01", "end": None, "pandemic": "drop", "days": 21},
    variants={"from 2007 (the whole first-release file)": {"start": "2007-01"}, "pandemic months kept": {"pandemic": "keep"},
              "return over the prior two months": {"days": 42}, "ISM, revised values": {"measure": "NAPM"},
              "payrolls (revised)": {"measure": "PAYEMS"}, "industrial production (revised)": {"measure": "INDPRO"}},
    rule=Rule.greater(0, meaningful=0.1),
    meaningful="a lead of 0.1 standard deviation per standard deviation (a correlation near 0.1) is the least that "
               "would make the market a useful early read of the data")

# %%
for test, fn in [(f1_days, flows.fed_vs_data_days), (f1_share, flows.stance_share_change), (f1_lead, flows.prices_lead_data)]:
    test.run(fn)
f1_asof = as_of(f1_days, f1_share, f1_lead, which=True)

# %%
flows.chart_day_types(day_table, "Since 2022 FOMC days move stocks about as much as CPI days, not more",
                      "S&P 500 (^GSPC); FOMC, CPI and Employment Situation calendars", f1_asof)

# %%
dgs2 = load("DGS2")
r2_years = flows.period_r2(r_daily, tf.diff(dgs2).mul(100).dropna())
flows.chart_yearly_r2(r2_years.loc["1990":], 2022, (1990, 2019),
                      "Since 2022 the 2-year yield explains no more of daily stock moves than before",
                      "S&P 500 (^GSPC); 2-year Treasury yield (DGS2)", f1_asof)

# %%
d, s, ld = f1_days.estimate(), f1_share.estimate(), f1_lead.estimate()
pay = f1_lead.estimate("payrolls (revised)")
f1_rec = f1.record(headline=(
    f"Since 2022 the S&P 500's daily variance on FOMC days was {fmt.more_or_less(d.value, '%', 0, 'above', 'below')} that on CPI and "
    f"payroll days (95% interval {fmt.interval(d.low, d.high, 0)}; {d.detail['fomc_days']} FOMC and "
    f"{d.detail['data_days']} data days); the median year's share of daily moves explained by 2-year yields changed by "
    f"{fmt.pp(s.value, 1)} against 1990-2019 ({fmt.interval(s.low, s.high, 1)}); the month's return before an ISM release "
    f"leads the PMI change by {fmt.num(ld.value)} s.d. per s.d. ({fmt.interval(ld.low, ld.high)})"
    + (f", payrolls by {fmt.num(pay.value)} ({fmt.interval(pay.low, pay.high)})" if pay else "")
    + ". The payroll calendar ends in December 2024."))

# %% [markdown]
# **Reading.** The event calendars give the direct answer the claim invites, and it is not the
# essay's: since 2022 the S&P 500 has moved about as much on FOMC days as on data days. Its mean
# squared daily return was 1.8 %² on FOMC days, 2.2 on CPI days and 1.2 on payroll days, against
# 1.1 on other days (table above): both kinds of news move prices more than an ordinary day, CPI
# days the most. With 36 FOMC days the interval of the comparison is wide (−50% to +84%), so the
# test cannot rule out an FOMC premium of +50%, nor show one. Only the sample from 2015 puts FOMC
# days far ahead (+148%, still not significant), because it holds the emergency meetings of March
# 2020; without the pandemic months the gap vanishes. The Fed-stance share says the same: the median year since 2022 has 2-year yield
# changes explaining 4.2% of daily stock variance, against 7.4% in 1990–2019. The essay's own year
# is an exception (10.9% in 2025, like 2026 so far), but 2023 and 2024 (1.4% and 0.1%) are among
# the lowest years since 1990. The one test that holds is the oldest regularity in the set: the
# market's move in the month before an ISM release predicts the index's change as first released
# (0.24 standard deviations per standard deviation), and in the revised ISM series too; payrolls
# and industrial production show no such lead, so "data trail prices" holds for a survey, not for
# hard data. The verdict is the same on the data visible at the essay date, at both ends of the
# essay's window and today. Limits: daily closes cannot isolate the minutes after an official's
# remark, fed-funds futures (the odds the essay quotes) are not in the snapshot, and the payroll
# calendar stops in December 2024, which sets the record's as-of date.

# %% [markdown]
# ## F2 — Does volatility targeting amplify moves? <a id="F2"></a>
#
# **Claim, in our words.** Funds that target a constant volatility cut equity exposure when
# volatility rises and add it when volatility falls; since volatility rises in sell-offs, they sell
# weakness and buy strength, and so amplify moves in both directions. Kind: mechanism.
#
# **Why the obvious test fails, and the one used here.** A rule's flow, $\Delta e_t$ with exposure
# $e_t = \min(1.5,\ 10\% / \hat\sigma_t)$ and $\hat\sigma_t$ the trailing 21-day realised volatility,
# is a fixed function of past returns, so any link between that flow and later returns is
# confounded with ordinary volatility dynamics (volatility clusters; returns after volatile weeks
# differ anyway). The flow splits exactly into two parts: the *news* part, caused by today's return
# entering the window, and the *roll-off* part, caused only by the oldest return (21 trading days
# ago) leaving it. The roll-off part is known a day in advance and carries no new information
# about the economy or the market: if vol-target selling and buying move prices, a predictable
# roll-off purchase should be followed by a higher return on the day it is traded, and a
# predictable sale by a lower one. Efficient prices without flow effects predict nothing.
#
# **Operational hypothesis.** The S&P 500 return on the day after a one-standard-deviation roll-off
# flow is positive (flows push prices their way), controlling for the rule's exposure (the level of
# volatility). The size that matters is 3 basis points, close to the index's average daily gain
# (3–5 bp since 1990). The baseline starts in 2012, when volatility-control and risk-parity assets
# became large; the variants change the look-back (63 days), the trading time (the same day's
# close), the horizon (5 days), the sample (from 2000; pandemic months dropped) and the control.
# The minimum detectable effect (80% power at 5%) is reported so that a failure to find an effect
# is not read as proof of none.
#
# **Data.** `^GSPC` daily log returns. The rule's flows are ours: fund-level positions are not
# public, and the snapshot holds no estimate of vol-control assets.

# %%
f2 = nb.claim("F2")
f2_roll = f2.declare(
    "roll-off flows and the next day's return",
    statistic=Statistic("S&P 500 return after a one-standard-deviation roll-off flow", units="bp",
                        interval="95% confidence interval (HAC)"),
    baseline={"start": "2012-01", "end": None, "pandemic": "keep", "lookback": 21, "timing": "next day", "horizon": 1,
              "control": "exposure"},
    variants={"63-day look-back": {"lookback": 63}, "traded at the same day's close": {"timing": "same day"},
              "next 5 days": {"horizon": 5}, "from 2000": {"start": "2000-01"}, "pandemic months dropped": {"pandemic": "drop"},
              "no exposure control": {"control": "none"}},
    rule=Rule.greater(0, meaningful=3),
    meaningful="3 bp a day is close to the index's average daily gain (3-5 bp since 1990): a predictable flow that moved "
               "prices by that much would matter to anyone trading around it")

# %%
f2_roll.run(flows.roll_off_impact)
f2_asof = as_of(f2_roll, which=True)
flows.chart_roll_off(flows.roll_off_deciles(spx, "2012"), "Next-day returns do not rise with predictable vol-target buying",
                     "S&P 500 (^GSPC)", f2_asof, "rule: 10% volatility target, 21-day look-back, 1.5x cap; 2012 on; bars: 95% intervals")

# %%
e = f2_roll.estimate()
f2_rec = f2.record(headline=(
    f"A one-standard-deviation roll-off flow of a 10%-target vol-control rule is followed by a next-day S&P 500 return of "
    f"{fmt.num(e.value)} bp (95% interval {fmt.interval(e.low, e.high)}, {fmt.p(e.p)}, N={e.n:,} days since 2012); "
    f"the smallest effect it detects with 80% power is {fmt.num(e.detail['min_detectable_effect_bp'], 1)} bp, against the "
    f"3 bp that would matter."))

# %% [markdown]
# **Reading.** The predictable part of a vol-target rule's flow is followed by no measurable move:
# 0.2 basis points the next day per standard deviation of roll-off flow since 2012, with an interval
# of −2.6 to +3.0 bp. The chart shows no slope across deciles: the largest predictable purchases
# (decile 10) are followed by about the same next-day return as the largest predictable sales
# (decile 1), and every interval straddles the others. The baseline rules out, narrowly, an effect
# of the 3 bp that would matter, and four of six variants agree; with a 63-day look-back and over
# five days the intervals still include 3 bp, so the verdict is inconclusive rather than "not
# supported". The first half of the claim — such funds sell when volatility rises — is true by
# construction of any vol-target rule; what the data cannot show is that their trades move the
# index from one close to the next. An impact absorbed within the trading day would not be seen.

# %% [markdown]
# ## F3 — Do CTA trend thresholds move the index for days? <a id="F3"></a>
#
# **Claim, in our words.** Trend-following funds flip between long and short when prices cross
# preset trend thresholds, and the forced flows that follow push the index in the new direction
# for days, without any news about fundamentals. Kind: mechanism.
#
# **Operational hypothesis.** After a crossing, the index keeps moving in the new direction over
# the next five trading days by more than it moves in the prevailing direction on other days. Both
# sides are measured *net of the sample's average move*: crossings split about evenly between up
# and down, while on other days the signal is mostly "long" and so collects the market's upward
# drift, which would bias a raw comparison against the claim. If the flows are executed near the
# close, as trend followers' rebalancing often is, the continuation should show in the intraday
# (open-to-close) part of the move rather than overnight.
#
# **Why this baseline.** The baseline signal is the price against its 200-day average, the
# threshold most quoted for the S&P 500, read at the close, over 2000–2026, the era of large
# managed-futures assets. The variants use the signals trend followers actually run: the 50/200-day
# average cross, 12-1 month momentum, and 1-, 3- and 12-month trends scaled by 63-day volatility
# (a volatility-scaled fund flips at the same moment but trades more when volatility is low, so
# those crossings are weighted by the size of the flip); a 10-day horizon; the intraday part
# alone; and the pandemic months dropped. The size that matters: 0.25% in five days, about a ninth
# of the index's typical weekly swing (2.3% since 2000). The 1951–1999 results are shown beside the
# test as history, not as part of the rule (trend-following assets were small then).
#
# **Data.** `^GSPC` daily opens and closes (until the mid-1960s the file's opens mostly copy the
# close, so the overnight and intraday split is used for 2000–2026 only).

# %%
f3 = nb.claim("F3")
f3_cross = f3.declare(
    "continuation after trend crossings",
    statistic=Statistic("drift-adjusted move in the new direction over 5 days after a crossing, minus other days", units="%",
                        interval="95% confidence interval (HAC)"),
    baseline={"start": "2000-01", "end": None, "pandemic": "keep", "signal": "200-day average", "horizon": 5,
              "part": "close to close"},
    variants={"50/200-day average cross": {"signal": "50/200-day averages"}, "12-1 month momentum": {"signal": "12-1 month momentum"},
              "1-month trend, volatility-scaled": {"signal": "1-month trend"}, "3-month trend, volatility-scaled": {"signal": "3-month trend"},
              "12-month trend, volatility-scaled": {"signal": "12-month trend"}, "10-day horizon": {"horizon": 10},
              "intraday part only": {"part": "intraday"}, "pandemic months dropped": {"pandemic": "drop"}},
    rule=Rule.greater(0, meaningful=0.25),
    meaningful="0.25% in five days is about a ninth of the index's typical weekly swing (2.3% since 2000); a smaller "
               "push would not 'move the index for days'")

# %%
f3_cross.run(flows.crossing_premium)
f3_asof = as_of(f3_cross, which=True)
ohlc = load("^GSPC", fields="ohlcv")
history = flows.premium_table(ohlc, {"1951-1999": ("1951", "1999"), "2000-2026": ("2000", "2026")})
history.unstack("sample").droplevel("part of the day")

# %%
flows.chart_crossings(flows.crossing_paths(ohlc, "200-day average", "2000"),
                      "After a 200-day crossing the index slips back against the new signal in trading hours, not overnight",
                      "S&P 500 (^GSPC) opens and closes, 2000 on", f3_asof)

# %%
c = f3_cross.estimate()
intraday = f3_cross.estimate("intraday part only")
f3_rec = f3.record(headline=(
    f"Over the 5 days after the S&P 500 crossed its 200-day average ({c.detail['crossings']} crossings since 2000) it moved "
    f"{fmt.num(c.value)}% in the new direction relative to other days, net of drift (95% interval {fmt.interval(c.low, c.high)})"
    + (f"; the intraday part, where close-of-day flows would show, is {fmt.num(intraday.value)}% "
       f"({fmt.interval(intraday.low, intraday.high)})" if intraday else "")
    + "; volatility-scaled 1-, 3- and 12-month trends: "
    + ", ".join(f"{fmt.num(v.value)}%" for v in (f3_cross.estimate(f"{m}-month trend, volatility-scaled") for m in (1, 3, 12)) if v)
    + "."))

# %% [markdown]
# **Reading.** Net of the market's drift, the S&P 500 does not keep moving in the direction of a
# fresh 200-day signal: since 2000 it has slipped back by 0.20% over five days relative to other
# days, and over ten days the reversal is significant (−0.46%). The reversal sits in trading hours
# (−0.18% intraday against −0.03% overnight), the opposite of close-of-day buying or selling pushing
# the index further. The signals trend followers run — 1-, 3- and 12-month trends scaled by
# volatility — give premiums near zero whose intervals exclude the 0.25% that would matter; the
# 50/200-day cross (24 crossings since 2000) and 12-1 month momentum have intervals too wide to
# decide. Before 2000, when trend-following assets were small, the short trends did show a small
# continuation (+0.14% for the 1-month trend, interval 0.04 to 0.23): the effect, if it was ever
# there, has not grown with the industry. Six of eight variants agree with the failing baseline,
# just short of the 80% needed for "not supported", so the verdict is inconclusive. Flows that are
# front-run before a threshold, or absorbed within the day, would leave no trace in this test.

# %% [markdown]
# ## F4 — Buybacks: the largest buyer, and a window effect <a id="F4"></a>
#
# **Claim, in our words.** (a, fact) Companies buying back their own shares are the largest net
# buyer of US equities. (b, mechanism) The market is stronger while the buyback window is open and
# weaker once it closes.
#
# **Part (a)** needs the Federal Reserve's Financial Accounts (Z.1), table F.223 (corporate
# equities): net issuance by nonfinancial corporations, which is negative when buybacks exceed new
# issues, against the net purchases of households, mutual funds, ETFs, pension funds and foreign
# investors. The snapshot does not hold that table, so part (a) is untestable here.
#
# **Part (b): the calendar.** Companies stop buying back shares in a blackout that usually starts
# about two weeks before the quarter ends and lifts a day or two after their earnings release. S&P
# 500 companies report over six weeks or so: well under half have reported by the 25th of the
# month after the quarter (often about a third), a majority by the end of that month, and
# roughly nine in ten by the middle of the next. The baseline calendar therefore calls the
# aggregate window *closed* from the 16th of the quarter's last month (March, June, September,
# December) to the last day of the following month — the weeks when most companies are in
# blackout — and open otherwise. Variants: a blackout starting at the beginning of the quarter's
# last month, or at quarter end; a window reopening only on the 10th of the second month (most
# companies have reported); the earlier calendar of this notebook (reopening on the 25th); and
# samples 2004–2026 and 1983–2003 and without the pandemic months. Before 1983, when SEC Rule
# 10b-18 gave buybacks a safe harbour, buybacks were small: a window effect there would be a
# calendar artefact, so 1950–1982 is shown as a placebo.
#
# **Operational hypothesis.** The mean daily S&P 500 return is higher on open-window days, by at
# least 3 percentage points a year (the size of well-known calendar effects), 1983–2026.

# %%
f4 = nb.claim("F4")
f4.part("a").untestable(
    "The Federal Reserve's Financial Accounts (Z.1) table F.223 would decide it: net equity issuance by nonfinancial "
    "corporations (negative when buybacks exceed issues) against net purchases by households, funds, pension funds and "
    "foreign investors; the snapshot does not hold it.")
f4_window = f4.part("b").declare(
    "open-window premium",
    statistic=Statistic("S&P 500 return on open-window days minus closed days", units="% per year",
                        interval="95% confidence interval (HAC)"),
    baseline={"start": "1983-01", "end": None, "pandemic": "keep", "calendar": "mid quarter-end month to end of reporting month"},
    variants={**{f"calendar: {k}": {"calendar": k} for k in list(flows.BLACKOUT_CALENDARS)[1:]},
              "2004-2026": {"start": "2004-01"}, "1983-2003": {"end": "2003-12"}, "pandemic months dropped": {"pandemic": "drop"}},
    rule=Rule.greater(0, meaningful=3),
    meaningful="3 points a year is the size of well-known calendar effects; a smaller gap would not make the market "
               "visibly 'stronger' with the window open")

# %%
f4_window.run(flows.window_premium)
f4_asof = as_of(f4_window, which=True)
flows.window_table(r_daily, {"placebo 1950-1982": ("1950", "1982"), "1983-2026": ("1983", "2026")}).unstack("sample")

# %%
flows.chart_quarter({"1983-2026": flows.quarter_profile(r_daily, "1983"), "1950-1982 (placebo)": flows.quarter_profile(r_daily, "1950", "1982")},
                    [(1, 31), (76, 92)], "The market is not weaker in the weeks when most companies are in blackout",
                    "S&P 500 (^GSPC)", f4_asof)

# %%
w = f4_window.estimate()
f4_rec = f4.record(headline=(
    f"Part (b): with the window closed from mid quarter-end month to the end of the reporting month, the S&P 500 "
    f"returned {fmt.more_or_less(w.value, 'points a year', 1)} on open-window days than in blackout weeks, 1983-2026 (95% interval "
    f"{fmt.interval(w.low, w.high, 1)}, {fmt.num(w.high - w.low, 0)} points wide, against 3 points that would matter). "
    f"Part (a), 'largest net buyer', needs the Fed's Z.1 table F.223 and is untestable here."))

# %% [markdown]
# **Reading.** With a realistic calendar the market has, if anything, done better in the weeks
# when most companies are in blackout: the open-window premium is −3.0 points a year, 1983–2026,
# and no calendar or sample puts it near +3 points. The same calendars give similar or larger
# negative gaps in 1950–1982 (table), when buybacks were small, so whatever calendar pattern there
# is, it is not buybacks. But the intervals are about 20 points wide: daily index returns are far
# too noisy to measure a window effect of the size that would matter, so the verdict is
# inconclusive, not a finding that the window does nothing. Companies also keep buying through
# blackouts under pre-arranged 10b5-1 plans, which blurs the contrast the claim relies on.

# %% [markdown]
# ## F5 — Is an inverted VIX curve hedging rather than fear? <a id="F5"></a>
#
# **Claim, in our words.** When 1-month implied volatility (VIX) trades above 3-month implied
# volatility (VIX3M), the inversion reflects a short-term imbalance in hedging demand, not genuine
# fear: a VIX spike is not the same as panic. Kind: mechanism.
#
# **What "the VIX curve" means here.** In trading practice "the VIX curve" usually means VIX
# *futures*, which are in backwardation far more often than the spot index exceeds VIX3M (a
# published count puts front-month backwardation at about 19% of trading days since 2006). The
# snapshot holds no futures, so this test uses the spot indices: VIX above VIX3M at the close, on
# 7.6% of days since September 2009.
#
# **Why the earlier evidence does not decide, and the tests used here.** VIX falls after inversions,
# but a mean reversion cannot tell hedging from panic: panic spikes revert too, and an inverted
# curve already prices a decline. Days also overlap: consecutive inverted days are one event, not
# many. The unit of inference is therefore the *episode* — the first inverted day after at least 21
# trading days without one (42 episodes; 41 have control days) — and each episode is compared with *level-matched*
# control days: days with VIX within 10% of the episode's level and no inversion within 21 days
# either side. Four tests, all of which a hedging imbalance predicts:
# 1. *VIX unwinds faster*: VIX falls more over the next 21 trading days than on control days.
# 2. *VIX falls more than the curve priced*: VIX in 21 days minus the level the VIX/VIX3M curve
#    implied for that date (the 30-day forward volatility), compared with the same gap on control
#    days (the curve normally overstates the future VIX: the variance risk premium).
# 3. *No credit stress*: fear would show in credit too, so the high-yield spread should not widen
#    more over the 21 days before the inversion than before control days (a quarter point is the
#    size that matters; the spread usually sits between 3 and 6 points).
# 4. *Implied volatility overshoots*: a hedging premium means VIX exceeds the S&P 500's realised
#    volatility over the next 21 days by more than on control days.
#
# **Variants** (the same for the four tests): a wider level match (±20%); matching on both the level
# and the prior month's rise of VIX (a spike against a spike); the FRED copies of the indices
# (2016–March 2026); episodes at least 42 days apart; a 10-day horizon; the pandemic months dropped.

# %%
f5 = nb.claim("F5")
F5_BASE = {"source": "CBOE", "gap": 21, "horizon": 21, "match": "level", "tolerance": 0.10, "pandemic": "keep"}
F5_VARIANTS = {"level matched within 20%": {"tolerance": 0.20}, "matched on level and prior rise": {"match": "level and prior rise"},
               "FRED copies (2016 on)": {"source": "FRED"}, "episodes 42 days apart": {"gap": 42}, "10-day horizon": {"horizon": 10},
               "pandemic months dropped": {"pandemic": "drop"}}

# %%
F5_TESTS = [("VIX unwinds faster than at equally high levels", "VIX change over the next 21 days, episodes minus matched days",
             "VIX points", Rule.less(0, meaningful=2), flows.inversion_unwind, "2 points is about a tenth of VIX's average level (19)"),
            ("VIX falls more than the curve priced", "VIX in 21 days minus the curve's implied level, episodes minus matched days",
             "VIX points", Rule.less(0, meaningful=2), flows.inversion_beyond_curve, "2 points, as above"),
            ("no credit stress before inversions", "change in the high-yield spread over the prior 21 days, episodes minus matched days",
             "percentage points", Rule.within(0.25), flows.inversion_credit, "a quarter point of high-yield spread in a month is a repricing credit markets notice"),
            ("implied volatility overshoots realised", "VIX minus the next 21 days' realised volatility, episodes minus matched days",
             "volatility points", Rule.greater(0, meaningful=2), flows.inversion_overshoot, "2 volatility points, a tenth of VIX's average level")]
f5_tests = [f5.declare(name, statistic=Statistic(stat, units=units, interval="95% t interval over episodes"), baseline=F5_BASE,
                       variants=F5_VARIANTS, rule=rule, meaningful=why) for name, stat, units, rule, fn, why in F5_TESTS]

# %%
for test, (*_, fn, _why) in zip(f5_tests, F5_TESTS):
    test.run(fn)
f5_asof = as_of(*f5_tests, which=True)
vix_df = flows.build_vix_frame(spx, load("^VIX"), load("^VIX3M"), load("BAMLH0A0HYM2"))
f5_summary = flows.episode_summary(vix_df, {"ret_after": "S&P 500 return, next 21 days, %", "vix_change": "VIX change, next 21 days, points",
                                            "credit_before": "high-yield spread change, prior 21 days, pp"})
f5_summary

# %%
flows.chart_episodes(f5_summary, "After an inversion stocks do no better than on equally fearful days, and credit spreads had widened",
                     "CBOE VIX, VIX3M; S&P 500 (^GSPC); ICE BofA high-yield spread (BAMLH0A0HYM2)", f5_asof,
                     "41 episodes since 2009-09 (of 42; one has no control day) against days with VIX within 10%; bars: means; whiskers: 95% interval of the episodes' mean")

# %%
u, b_, cr, o = (t.estimate() for t in f5_tests)
f5_rec = f5.record(headline=(
    f"Across {u.n} inversion episodes since 2009 (those with control days), compared with days of equally high VIX: VIX fell "
    f"{fmt.more_or_less(-u.value, 'points', 1)} over the next month (95% interval of the difference {fmt.interval(u.low, u.high, 1)}); "
    f"relative to the level the curve priced it ended {fmt.more_or_less(b_.value, 'points', 1, 'higher', 'lower')} "
    f"({fmt.interval(b_.low, b_.high, 1)}); high-yield spreads had widened {fmt.more_or_less(cr.value, 'points', 2)} in the month before "
    f"({fmt.interval(cr.low, cr.high, 2)}); the gap between VIX and the realised volatility that followed was "
    f"{fmt.more_or_less(o.value, 'points', 1, 'larger', 'smaller')} ({fmt.interval(o.low, o.high, 1)})."))

# %% [markdown]
# **Reading.** Inversions are rare — VIX closed above VIX3M on 7.6% of days since September 2009,
# in 42 episodes, 41 of them with control days — and against days with equally high VIX and no inversion nearby they look like
# fear priced about right, not a hedging squeeze. (1) VIX falls 1.6 points more over the next
# month, but the interval (−3.4 to +0.2) includes no extra fall, and when the control days are
# matched on the prior month's rise as well (a spike against a spike) the extra fall disappears.
# (2) VIX does end below the level the inverted curve priced (by 2.9 points), but on matched days
# the normal upward-sloping curve overstates the future VIX by 5.9 points: relative to that usual
# premium an inverted curve carries less, not more. (3) High-yield spreads had widened by 0.26
# points more in the month before an inversion than before matched days: fear shows in credit,
# not only in equity options. (4) VIX exceeds the volatility that follows by 1.6 points *less*
# than on matched days. Stocks do no better after an inversion than after equally fearful days
# (+1.5% against +2.2% over 21 days): the rise in the raw averages belongs to the level of VIX, not
# to the inversion. Two tests reject the claim and none supports it. The record's as-of date is
# 26 March 2026 because the FRED copy of VIX3M, used by one variant, ends then; the baseline runs to
# 21 August 2026.

# %% [markdown]
# ## F6 — A 2026 liquidity wave, led by the Treasury? <a id="F6"></a>
#
# **Claim, in our words.** Three forecasts made on 1 December 2025: (a) for the next 12–18 months
# markets stay driven by sentiment and flows; (b) a liquidity wave arrives in 2026 that the market
# has not priced; (c) Treasury-led liquidity (the Treasury running down its cash at the Fed,
# financing with bills) replaces the Fed's quantitative easing as the main policy channel.
#
# **Part (a)** is untestable with this snapshot: attributing 2026 returns to sentiment and flows
# rather than news needs flow and positioning data (weekly fund flows, futures positioning, dealer
# option positioning) and earnings revisions, none of which is here. Its horizon would end
# 1 June 2027.
#
# **Part (b), operational hypothesis.** Net liquidity — Fed total assets minus the Treasury General
# Account minus the overnight reverse repo, Wednesday levels, \$ billions — rises over 2026 by more
# than in three of four past years over the *same calendar span* (the top quartile of 2010–2025).
# Comparing the same weeks of each year matters because tax dates move the Treasury's cash balance
# by hundreds of billions every April and June. The baseline span runs from the first week of 2026
# (avoiding the year-end reverse-repo spike) to the latest week; the Treasury account is the
# Wednesday level (`WDTGAL`), which matches the Wednesday level of the Fed's assets, and
# reverse-repo blanks before September 2013 are read as zero (no operation), which keeps 2010–2013
# in the reference years. "The market has not priced it" is not tested: it needs a measure of
# expected liquidity. Horizon: 31 December 2026.
#
# **Part (c), operational hypothesis.** From the essay date to the latest week, the Treasury's
# contribution to liquidity (the fall in its cash balance, net of the usual change over the same
# calendar span in 2010–2025) exceeds the Fed's (the change in its total assets). Horizon:
# 31 December 2026.

# %%
f6 = nb.claim("F6")
f6.part("a").untestable(
    "Attributing 2026-27 market moves to sentiment and flows rather than news needs weekly fund flows, futures and "
    "dealer option positioning and earnings revisions after the essay date; the snapshot holds none of them.")
f6_wave = f6.part("b").declare(
    "a liquidity wave in 2026",
    statistic=Statistic("percentile of the 2026 change among the same calendar span of 2010-2025", units="percentile",
                        interval="none (a measured change)"),
    baseline={"measure": "net liquidity", "Treasury account": "wednesday", "reverse-repo blanks": "zero", "from": "2026-01-01",
              "reference": "2010-2025", "exclude": "none"},
    variants={"from the essay date": {"from": "essay date"}, "week-average TGA (ends May 2026)": {"Treasury account": "week average"},
              "reverse-repo blanks missing": {"reverse-repo blanks": "missing"}, "reference without 2020-2021": {"exclude": "2020,2021"},
              "Fed total assets only": {"measure": "Fed total assets"}, "bank reserves": {"measure": "bank reserves"}},
    rule=Rule.above(75), horizon="2026-12-31")

# %%
f6_channel = f6.part("c").declare(
    "Treasury-led rather than Fed-led",
    statistic=Statistic("Treasury's contribution to liquidity minus the Fed's, since the essay date", units="$ billions",
                        interval="none (a measured change)"),
    baseline={"from": "essay date", "Treasury account": "wednesday", "seasonal": "median", "reference": "2010-2025", "treasury": "TGA",
              "fed": "total assets"},
    variants={"calendar 2026 only": {"from": "2026-01-01"}, "week-average TGA (ends May 2026)": {"Treasury account": "week average"},
              "seasonal norm: mean": {"seasonal": "mean"}, "seasonal norm from 2014-2025": {"reference": "2014-2025"},
              "reverse-repo drain counted as Treasury": {"treasury": "TGA and reverse repo"},
              "Fed's Treasury holdings instead of total assets": {"fed": "Treasury holdings"}},
    rule=Rule.above(0), horizon="2026-12-31")

# %%
f6_wave.run(flows.wave_percentile)
f6_channel.run(flows.treasury_vs_fed)
f6_asof = as_of(f6_wave, f6_channel, which=True)
nl = net_liquidity()
flows.chart_season(flows.season_paths(nl["net_liquidity"], range(2010, 2027)), 2026,
                   "Net liquidity in 2026 tracks an ordinary year, not a wave",
                   "Fed H.4.1 (WALCL, WDTGAL), New York Fed (RRPONTSYD)", f6_asof)

# %%
essay_week = nl.loc[:"2025-12-01"].index[-1]
since = pd.DataFrame({"net liquidity": nl["net_liquidity"], "Fed total assets": nl["walcl"], "Treasury cash (minus TGA)": -nl["tga"],
                      "reverse repo (minus RRP)": -nl["rrp"]}).loc[essay_week:].dropna()
flows.chart_parts(since - since.iloc[0], "Since the essay the Fed's balance sheet added liquidity; on net the Treasury's cash did not",
                  "Fed H.4.1 (WALCL, WDTGAL), New York Fed (RRPONTSYD)", f6_asof, f"change since {essay_week:%d %b %Y}")

# %%
wv, ch = f6_wave.estimate(window="after the essay"), f6_channel.estimate(window="after the essay")
f6_rec = f6.record(headline=(
    f"(b) Net liquidity changed by {fmt.num(wv.detail['change_bn'], 0)} bn from {wv.detail['span']}, at the "
    f"{fmt.num(wv.value, 0)}th percentile of the same weeks of 2010-2025 (a wave needs the 75th); (c) since the essay the "
    f"Treasury's seasonally adjusted contribution was {fmt.num(ch.detail['treasury_bn'], 0)} bn against the Fed's "
    f"{fmt.num(ch.detail['fed_bn'], 0)} bn. Both provisional until the end of 2026; (a) is untestable."))

# %% [markdown]
# **Reading.** (b) From the first week of 2026 to 19 August, net liquidity rose by \$24 billion,
# the 38th percentile of the same weeks in 2010–2025: an ordinary year, and the 2026 line in the
# chart stays inside the band of past years. Measured from the essay date it was up about \$346
# billion in early April and \$332 billion in early July, but the Treasury rebuilt its cash balance
# after each tax date and the gain at the latest week is \$158 billion (62nd percentile). The Fed
# ended the run-off of its balance sheet on 1 December 2025 (FOMC statement of 29 October 2025) and
# its Treasury holdings have grown since (\$351 billion by 19 August); its total assets rose \$172
# billion in 2026 (69th percentile): a turn, not a wave. (c) Since the essay the Fed's assets grew
# \$193 billion while the Treasury's cash balance *rose* \$37 billion, \$51 billion more than its
# usual change over those weeks: the Treasury drained liquidity on net. Only the variant that stops
# at the end of May, before the Treasury rebuilt its cash, puts the Treasury narrowly ahead. Both
# parts are provisional until 31 December 2026; the record's as-of (27 May 2026) is the end of the
# week-average TGA used by two variants, while the baseline runs to 19 August 2026. Whether the
# market had priced the turn cannot be tested without a measure of expected liquidity.

# %% [markdown]
# ## What would change these verdicts
#
# - **F1**: intraday prices around officials' remarks and fed-funds futures or OIS-implied policy
#   paths (the odds the essay quotes) would measure the "Fed stance" directly; a payroll calendar
#   for 2025–2026 would bring the payroll days up to date and lift the as-of date; first-release
#   (ALFRED) payroll and industrial-production vintages would test the lead without revisions. More
#   years of the current regime would narrow the yearly-R² comparison, which rests on four and a
#   half years.
# - **F2**: fund-level or estimated vol-control positions and intraday order flow: an impact that is
#   absorbed within the trading day cannot be seen in daily closes. A different rule (exponential
#   weighting, other caps) has different roll-off days; the verdict holds for the declared rules.
# - **F3**: estimated CTA positioning (from futures positioning reports or prime brokers) and
#   intraday data around the close; a sample in which crossings are followed by continuation would
#   move the verdict toward supported.
# - **F4**: Z.1 table F.223 would decide part (a); company-level blackout and buyback dates (or S&P's
#   quarterly buyback totals) would sharpen part (b), whose interval is too wide for daily index
#   returns to decide.
# - **F5**: VIX futures (the curve traders mean) and options positioning (dealer gamma, put-call
#   volumes by maturity) would separate hedging from fear directly; VIX3M before 2009 would add 2008.
# - **F6**: the rest of 2026: a drawdown of the Treasury's cash with a flat Fed balance sheet in the
#   second half would move part (c) toward "Treasury-led", and a rise of net liquidity into the top
#   quartile of the season would make part (b) a wave. Part (a) needs flow and positioning data.

# %%
nb.summary()
