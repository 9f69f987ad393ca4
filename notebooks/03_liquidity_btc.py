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
# # Bitcoin as the liquidity probe; AI capex as "reverse QE" (claims L1–L7, C1)
#
# The essays argue that US dollar liquidity — the Fed's balance sheet net of the Treasury's cash
# account and the overnight reverse repo — drives risk assets, that the "dry powder" parked in the
# reverse repo is gone, that AI capital spending now competes for scarce capital (raising yields
# and hurting long-duration assets), and that bitcoin is the first and hardest-hit gauge of all
# this. We build weekly net liquidity from the H.4.1 and New York Fed data, regress weekly
# *returns* on *changes* in liquidity (never trending levels), test lead/lag relations, study the
# early-2026 crypto rout and the Fed-chair nomination with an event study, and decompose which
# "pipe" moved liquidity. Every verdict below is computed from explicit rules stated in the text.

# %%
from IPython.display import display, Markdown
from research_lib.claims.notebook import Notebook
book = Notebook("03_liquidity_btc")   # plotting style, recession shading, the summary table at the top

# %%

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from research_lib import as_of_date, load, panel
from research_lib import plotting as rplt
from research_lib import stats
from research_lib import transforms as tf
from research_lib import fmt
from research_lib.studies import liquidity_btc as nb
from research_lib.data.derived import daily_on_calendar, net_liquidity

pd.set_option("display.precision", 3)
NB = "03_liquidity_btc"


# %% [markdown]
# ## Data: weekly net liquidity and its pipes
#
# Net liquidity = Fed total assets (`WALCL`, millions) − Treasury General Account (`WTREGEN`,
# millions) − overnight reverse repo (`RRPONTSYD`, billions), all converted to **billions of USD**,
# Wednesday levels (H.4.1 week). Three data limits shape every sample below:
# - the reverse repo series is reported only sporadically before the facility came into regular
#   use in September 2013, so net liquidity is built only from the first week after which the RRP
#   is observed every week (2013-09-25); the regressions start in 2015;
# - the snapshot's TGA series has **no observations from 2025-11-26 to 2025-12-31** (a six-week
#   gap); those weeks have no net-liquidity value, and no weekly change is computed across the gap
#   (the first change after it is 2026-01-14 versus 2026-01-07);
# - the TGA ends 2026-05-27, so net liquidity and its weekly changes end there.

# %%
NL_ALL = net_liquidity()
NL_START = tf.first_complete(NL_ALL["rrp"])
NL = NL_ALL.loc[NL_START:].copy()
NL.loc[NL["rrp"].isna() | NL["tga"].isna() | NL["walcl"].isna(), "net_liquidity"] = np.nan
nl_ok = NL["net_liquidity"].notna()
# weekly change only between two consecutive weeks that are both observed
dNL = NL["net_liquidity"].diff().where(nl_ok & nl_ok.shift(1, fill_value=False))
dNL100 = (dNL / 100).rename("dNL")  # in $100bn per week
NL_ASOF = str(NL["net_liquidity"].dropna().index.max().date())
last = NL.dropna().iloc[-1]
assert 5000 < last["walcl"] < 9000, "WALCL should be ~6-7 trillion = 6000-7000 billions"
gap_weeks = NL.loc[NL_START:NL_ASOF, "net_liquidity"].isna()
assert not (dNL.notna() & gap_weeks.shift(1, fill_value=False)).any(), "a weekly change bridges a gap"
display(Markdown(
    f"Net liquidity from {NL_START.date()} (regular RRP reporting) to {NL_ASOF}; "
    f"{int(gap_weeks.sum())} weeks missing (TGA gap {', '.join(str(d.date()) for d in gap_weeks[gap_weeks].index[[0, -1]])}). "
    f"Latest complete week {NL_ASOF}: Fed assets ${last['walcl']:,.0f}bn, TGA ${last['tga']:,.0f}bn, "
    f"RRP ${last['rrp']:,.1f}bn, net liquidity **${last['net_liquidity']:,.0f}bn**. "
    f"Weekly changes available: {int(dNL.notna().sum())} weeks; s.d. of the weekly change "
    f"${dNL.std():,.0f}bn."))

# %%
fig, ax = plt.subplots(figsize=(10, 4.5))
(NL[["walcl", "net_liquidity"]].loc["2015":] / 1000).plot(ax=ax, lw=1.6)
ax2 = ax.twinx()
(NL[["tga", "rrp"]].loc["2015":] / 1000).plot(ax=ax2, lw=1.0, ls="--", color=["tab:green", "tab:red"])
ax.set_ylabel("Trillions of USD (Fed assets, net liquidity)")
ax2.set_ylabel("Trillions of USD (TGA, reverse repo)")
ax.legend(["Fed total assets", "Net liquidity"], loc="upper left")
ax2.legend(["TGA", "Reverse repo"], loc="upper right")
ax.set_xlabel("")
ax.set_title("Net liquidity rose with QE, fell with QT, and the reverse repo is now empty")
rplt.shade_recessions(ax)
rplt.caption(fig, "Federal Reserve H.4.1 (WALCL, WTREGEN), New York Fed (RRPONTSYD) via FRED; weekly, Wednesday levels", as_of=NL_ASOF, note="TGA missing 2025-11-26..2025-12-31")
plt.show()

# %% [markdown]
# ### Asset returns
#
# Weekly (Wednesday-to-Wednesday, aligned with the H.4.1 week) log returns in percent of bitcoin and
# comparison assets: Yahoo adjusted closes of BTC-USD, ETH-USD, S&P 500 (`^GSPC`), Nasdaq
# Composite (`^IXIC`), gold front-month futures (`GC=F`), the software ETF IGV, ARK Innovation
# (ARKK), Micron (MU), SanDisk (SNDK, relisted 2025-02) and 20+ year Treasuries (TLT). IGV and ARKK
# are not dividend-adjusted in the snapshot (small effect on weekly returns).

# %%
ASSETS = {"BTC-USD": "BTC", "ETH-USD": "ETH", "^GSPC": "S&P 500", "^IXIC": "Nasdaq", "GC=F": "Gold",
          "IGV": "IGV software", "ARKK": "ARKK", "MU": "Micron", "SNDK": "SanDisk", "TLT": "TLT 20y+ Tsy"}
PX = panel(list(ASSETS), freq="W-WED", how="last").rename(columns=ASSETS)
RET = tf.log_diff(PX)  # percent log returns
PX_ASOF = as_of_date(PX)
print("Weekly prices as of", PX_ASOF)
print(PX.apply(lambda s: s.first_valid_index().date()).rename("first week").to_string())

# %% [markdown]
# ### L4 — Bitcoin as the most sensitive, leading probe of liquidity <a id="L4"></a>
#
# **Claim (our words).** Crypto reacts to changes in liquidity first and more strongly than other
# assets: it is the gauge that moves before equities and falls hardest when liquidity is withdrawn.
#
# **Operational hypotheses.** (a) *Sensitivity*: in weekly data, BTC's total response to a change
# in net liquidity (same-week plus two lagged weeks, HAC s.e.) is positive, statistically
# significant (p < 0.05), and the largest among the comparison assets — also after scaling by each
# asset's volatility (otherwise "hardest hit" just means "most volatile"). (b) *Leading*: BTC
# returns lead equity returns: a cross-correlation at a positive lead (BTC today vs S&P 500 next
# 1–4 weeks) outside the ±1.96/√N band, and BTC Granger-causes S&P 500 returns (HAC Wald, 4 lags,
# p < 0.05) but not the reverse.
#
# **Data.** ΔNL (weekly change in net liquidity, $100bn) and weekly log returns, 2015-01 to the last
# ΔNL week; ETH from 2017-11. Robustness: sub-samples from 2020 and from the start of QT (2022-06).
#
# **Verdict rule.** *supported* if (a) and (b) both hold; *not supported* if neither; *mixed* otherwise.
#
# First, why levels mislead: both bitcoin and net liquidity trend, so their *levels* correlate
# strongly whatever the causal link; the correlation of their weekly *changes* is the honest measure.

# %%
L4_START, L4_END = "2015-01-01", str(dNL100.dropna().index.max().date())
lv = pd.concat([np.log(PX["BTC"]), NL["net_liquidity"]], axis=1).loc[L4_START:L4_END].dropna()
ch = pd.concat([RET["BTC"], dNL100], axis=1).loc[L4_START:L4_END].dropna()
corr_lv = lv.corr().iloc[0, 1]
corr_ch = ch.corr().iloc[0, 1]
lv_fit = stats.ols_hac(lv.iloc[:, 0], lv.iloc[:, 1] / 1000)
adf_btc = stats.adf(lv.iloc[:, 0])
adf_nl = stats.adf(lv.iloc[:, 1])
display(pd.DataFrame({
    "levels: log BTC on net liquidity": [corr_lv, lv_fit.r2, len(lv)],
    "changes: BTC return on ΔNL": [corr_ch, corr_ch ** 2, len(ch)],
}, index=["correlation", "R²", "N"]).T)
print(f"ADF p-value, log BTC level: {adf_btc['p_value']:.2f}; net-liquidity level: {adf_nl['p_value']:.2f} "
      "(unit roots not rejected: a levels regression is spurious unless the two are cointegrated).")

# %%
fig, axes = plt.subplots(1, 2, figsize=(11, 4.2))
axes[0].scatter(lv.iloc[:, 1] / 1000, np.exp(lv.iloc[:, 0]) / 1000, s=5, alpha=0.5)
axes[0].set_yscale("log")
axes[0].set_xlabel("Net liquidity, trillions of USD")
axes[0].set_ylabel("BTC price, thousands of USD (log scale)")
axes[0].set_title(f"Levels: correlation {corr_lv:.2f}")
axes[1].scatter(ch["dNL"] * 100, ch["BTC"], s=5, alpha=0.5)
axes[1].axhline(0, color="grey", lw=0.5)
axes[1].axvline(0, color="grey", lw=0.5)
axes[1].set_xlabel("Weekly change in net liquidity, billions of USD")
axes[1].set_ylabel("BTC weekly log return, %")
axes[1].set_title(f"Changes: correlation {corr_ch:.2f}")
fig.suptitle("A strong levels correlation all but vanishes in weekly changes", y=1.03, fontweight="bold")
rplt.caption(fig, f"FRED (WALCL, WTREGEN, RRPONTSYD), Yahoo (BTC-USD); weekly {L4_START[:4]}–{L4_END}", as_of=as_of_date(NL, PX))
plt.show()

# %% [markdown]
# Distributed-lag regressions, each asset: $r_t = a + \sum_{k=-1}^{2} b_k\,\Delta NL_{t-k} + e_t$,
# HAC s.e. `b[-1]` is the coefficient on *next* week's ΔNL (the asset moving before liquidity);
# `cum` = b0+b1+b2, the total response in % per $100bn. `cum/σ` scales it by the asset's weekly
# return s.d. (response in s.d. of the asset per $100bn). Assets: the nine named in the test
# (SanDisk, relisted in 2025, has too short a history and appears only in L3); ETH starts 2017-11,
# so its N is smaller.

# %%
L4_ASSETS = ["BTC", "ETH", "S&P 500", "Nasdaq", "Gold", "IGV software", "ARKK", "Micron", "TLT 20y+ Tsy"]


def dl_table(start: str, end: str) -> pd.DataFrame:
    rows = {}
    for a in L4_ASSETS:
        y = RET[a].loc[start:end]
        if y.count() < 60:
            continue
        d = stats.distributed_lag(y, dNL100.loc[start:end], leads=1, lags=2)
        rows[a] = {"b[-1] lead": d["b[-1]"], "p lead": d["pb[-1]"], "b0": d["b[0]"], "p b0": d["pb[0]"],
                   "cum": d["cum"], "se cum": d["se_cum"], "p cum": d["p_cum"],
                   "cum/σ": d["cum"] / y.std(), "R²": d["r2"], "N": d["n"]}
    return pd.DataFrame(rows).T.sort_values("cum", ascending=False)


SAMPLES = {"full (2015–)": ("2015-01-01", L4_END), "since 2020": ("2020-01-01", L4_END),
           "QT era (2022-06–)": ("2022-06-01", L4_END)}
DL = {k: dl_table(*v) for k, v in SAMPLES.items()}
for k, t in DL.items():
    display(Markdown(f"**{k}**, weekly, response in % per $100bn of ΔNL (HAC s.e.)"))
    display(t.style.format({c: "{:.3f}" for c in t.columns if c != "N"} | {"N": "{:.0f}"}))

# %%
RB_ASSETS = ["BTC", "S&P 500", "Nasdaq", "Gold"]
RB = pd.DataFrame({a: stats.rolling_ols(RET[a], dNL100, window=52, min_obs=40)["dNL"] for a in RB_ASSETS})
fig, ax = plt.subplots(figsize=(10, 4.2))
RB.loc["2016":].plot(ax=ax, lw=1.3)
ax.axhline(0, color="black", lw=0.6)
ax.set_ylabel("52-week beta, % return per $100bn ΔNL")
ax.set_xlabel("")
ax.set_title("Bitcoin's liquidity beta is large but unstable: it flips sign repeatedly")
rplt.shade_recessions(ax)
rplt.caption(fig, "FRED (WALCL, WTREGEN, RRPONTSYD), Yahoo", as_of=as_of_date(NL, PX), note="rolling 52-week OLS slope of weekly log returns on ΔNL (≥40 weeks)")
plt.show()
share_pos = (RB["BTC"].dropna() > 0).mean()
print(f"Share of weeks with a positive 52-week BTC beta: {share_pos:.0%}")

# %% [markdown]
# Lead/lag: Granger causality (HAC Wald F, 4 weekly lags) between liquidity and each asset, both
# directions (lags of ΔNL are never taken across the TGA gap: those rows drop out); and
# cross-correlations of BTC with the S&P 500 and the Nasdaq, weekly and daily (S&P 500 trading
# days, each asset's own close that day; BTC's weekend moves fold into Monday). Lag k > 0 = BTC
# today against the equity index k periods later (BTC leads).

# %%
G_rows = []
for a in L4_ASSETS:
    y = RET[a].loc[L4_START:L4_END]
    g1 = stats.granger_hac(y, dNL100.loc[L4_START:L4_END])
    g2 = stats.granger_hac(dNL100.loc[L4_START:L4_END], y)
    G_rows.append({"asset": a, "ΔNL → asset F": g1["statistic"], "p (ΔNL → asset)": g1["p_value"],
                   "asset → ΔNL F": g2["statistic"], "p (asset → ΔNL)": g2["p_value"], "N": g1["n"]})
GR = pd.DataFrame(G_rows).set_index("asset")
display(GR)

btc_spx_g = stats.granger_hac(RET["S&P 500"].loc[L4_START:], RET["BTC"].loc[L4_START:])
spx_btc_g = stats.granger_hac(RET["BTC"].loc[L4_START:], RET["S&P 500"].loc[L4_START:])
XC_W = stats.cross_corr(RET["BTC"].loc[L4_START:], RET["S&P 500"].loc[L4_START:], lags=4).set_index("lag")
XC_W["band95"] = 1.96 / np.sqrt(XC_W["n"])
XC_WN = stats.cross_corr(RET["BTC"].loc[L4_START:], RET["Nasdaq"].loc[L4_START:], lags=4).set_index("lag")
DAILY = daily_on_calendar(["BTC-USD", "^GSPC", "^IXIC"], start="2014-12-01")
DR = tf.log_diff(DAILY).loc[L4_START:]
XC_D = stats.cross_corr(DR["BTC-USD"], DR["^GSPC"], lags=5).set_index("lag")
XC_D["band95"] = 1.96 / np.sqrt(XC_D["n"])
XC_DN = stats.cross_corr(DR["BTC-USD"], DR["^IXIC"], lags=5).set_index("lag")
XC = pd.concat({"weekly vs S&P 500": XC_W["corr"], "weekly vs Nasdaq": XC_WN["corr"], "weekly ±band": XC_W["band95"],
                "daily vs S&P 500": XC_D["corr"], "daily vs Nasdaq": XC_DN["corr"], "daily ±band": XC_D["band95"]},
               axis=1).sort_index()
display(Markdown("**Cross-correlation of BTC returns with equity returns** (lag k > 0: BTC leads by k weeks / sessions; "
                 "band = ±1.96/√N)"))
display(XC.round(3))
print(f"Granger BTC → S&P 500 (weekly, HAC): F={btc_spx_g['statistic']:.2f}, p={btc_spx_g['p_value']:.3f}; "
      f"S&P 500 → BTC: F={spx_btc_g['statistic']:.2f}, p={spx_btc_g['p_value']:.3f}")

# %% [markdown]
# Robustness with an alternative liquidity proxy: weekly change in bank reserve balances at the Fed
# (`WRESBAL`, millions → $100bn), same distributed-lag specification, 2015 to latest.

# %%
RES = panel(["WRESBAL"], freq="W-WED", how="last")["WRESBAL"]
dRES100 = (RES.diff() / 1e5).rename("dRES")
ALT = {}
for a in ["BTC", "ETH", "S&P 500", "Nasdaq", "Gold"]:
    d = stats.distributed_lag(RET[a].loc[L4_START:], dRES100.loc[L4_START:], leads=1, lags=2)
    ALT[a] = {"cum": d["cum"], "se cum": d["se_cum"], "p cum": d["p_cum"], "cum/σ": d["cum"] / RET[a].loc[L4_START:].std(),
              "R²": d["r2"], "N": d["n"]}
ALT = pd.DataFrame(ALT).T
display(Markdown("**Alternative proxy: Δ bank reserves**, % return per $100bn (HAC)"))
display(ALT)

# %%
full = DL["full (2015–)"]
btc = full.loc["BTC"]
crit_sens_raw = (full["cum"].idxmax() == "BTC") and btc["p cum"] < 0.05
crit_sens_vol = full["cum/σ"].idxmax() == "BTC"
pos_leads = XC_W.loc[1:4]
crit_lead_xc = bool((pos_leads["corr"] > pos_leads["band95"]).any())
crit_lead_g = btc_spx_g["p_value"] < 0.05 and spx_btc_g["p_value"] >= 0.05
a_ok = bool(crit_sens_raw and crit_sens_vol)
b_ok = bool(crit_lead_xc and crit_lead_g)
L4_verdict = "supported" if (a_ok and b_ok) else ("not supported" if not (a_ok or b_ok) else "mixed")
sub_sig = {k: float(t.loc["BTC", "p cum"]) for k, t in DL.items()}
rank_vol = int(full["cum/σ"].rank(ascending=False)["BTC"])
L4_head = (f"BTC's response to a $100bn weekly liquidity change is {btc['cum']:.2f}% (HAC p={fmt.p_value(btc['p cum'])}, "
           f"N={int(btc['N'])}); largest raw beta: {full['cum'].idxmax()}, BTC ranks {rank_vol} of {len(full)} "
           f"after volatility scaling; BTC → S&P 500 Granger p={fmt.p_value(btc_spx_g['p_value'])} (reverse p={fmt.p_value(spx_btc_g['p_value'])}), "
           f"max weekly lead corr {pos_leads['corr'].max():.2f} (band ±{pos_leads['band95'].max():.2f}).")
display(Markdown(
    f"**Verdict L4: {L4_verdict}.** Sensitivity test (a): {'pass' if a_ok else 'fail'} "
    f"(largest raw response: {full['cum'].idxmax()}; BTC p = {fmt.p_value(btc['p cum'])}; largest "
    f"volatility-scaled response: {full['cum/σ'].idxmax()}). Lead test (b): {'pass' if b_ok else 'fail'} "
    f"(BTC→S&P Granger p = {fmt.p_value(btc_spx_g['p_value'])}, S&P→BTC p = {fmt.p_value(spx_btc_g['p_value'])}). "
    f"BTC's cumulative p-value by sub-sample: " + ", ".join(f"{k}: {fmt.p_value(v)}" for k, v in sub_sig.items()) +
    f". R² of BTC on liquidity is {btc['R²']:.3f}: liquidity explains almost none of BTC's weekly variance. "
    f"With bank reserves as the proxy BTC's response is {ALT.loc['BTC', 'cum']:.2f}% per $100bn (p = {fmt.p_value(ALT.loc['BTC', 'p cum'])}), "
    f"but per unit of volatility the Nasdaq ({ALT.loc['Nasdaq', 'cum/σ']:.2f}) and S&P 500 ({ALT.loc['S&P 500', 'cum/σ']:.2f}) react more than BTC "
    f"({ALT.loc['BTC', 'cum/σ']:.2f}). Daily data: BTC today vs S&P 500 two sessions later corr {XC_D.loc[2, 'corr']:.3f} "
    f"(band ±{XC_D.loc[2, 'band95']:.3f}); the S&P 500 leading BTC by one session gives {XC_D.loc[-1, 'corr']:.3f}. "
    f"Lead/lag correlations are small next to the same-period correlation ({XC_W.loc[0, 'corr']:.2f} weekly); "
    f"the weekly lead that clears the band ({pos_leads['corr'].idxmax()} weeks, {pos_leads['corr'].max():.3f} vs "
    f"±{pos_leads['band95'].max():.3f}) is one of four leads tested, so it is weak evidence on its own. "
    f"Against liquidity itself BTC does not lead: BTC → ΔNL Granger p = {fmt.p_value(GR.loc['BTC', 'p (asset → ΔNL)'])}, "
    f"and ΔNL → BTC p = {fmt.p_value(GR.loc['BTC', 'p (ΔNL → asset)'])}."))
book.record("L4", verdict=L4_verdict, headline=L4_head,
       evidence={"btc_cum_beta_pct_per_100bn": btc["cum"], "btc_cum_beta_hac_se": btc["se cum"],
                 "btc_cum_beta_p": btc["p cum"], "btc_r2": btc["R²"], "n_weeks": int(btc["N"]),
                 "largest_raw_beta_asset": full["cum"].idxmax(),
                 "largest_vol_scaled_beta_asset": full["cum/σ"].idxmax(), "btc_vol_scaled_rank": rank_vol,
                 "btc_cum_beta_p_since_2020": sub_sig["since 2020"], "btc_cum_beta_p_qt_era": sub_sig["QT era (2022-06–)"],
                 "btc_cum_beta_qt_era": float(DL["QT era (2022-06–)"].loc["BTC", "cum"]),
                 "btc_cum_beta_reserves_proxy": float(ALT.loc["BTC", "cum"]), "btc_cum_beta_reserves_proxy_p": float(ALT.loc["BTC", "p cum"]),
                 "levels_corr_logbtc_nl": corr_lv, "changes_corr_btc_dnl": corr_ch,
                 "share_weeks_rolling_beta_positive": share_pos,
                 "max_weekly_xcorr_btc_leads_spx": float(pos_leads["corr"].max()),
                 "sample": f"{L4_START}..{L4_END} weekly (W-WED)"},
       tests=[{"name": "HAC t-test, BTC cumulative response to ΔNL (b0+b1+b2)",
                               "statistic": btc["cum"] / btc["se cum"], "p_value": btc["p cum"], "n": int(btc["N"])},
              {"name": "HAC Granger F, ΔNL → BTC (4 lags)", "statistic": GR.loc["BTC", "ΔNL → asset F"],
               "p_value": GR.loc["BTC", "p (ΔNL → asset)"], "n": int(GR.loc["BTC", "N"])},
              {"name": "HAC Granger F, BTC → S&P 500 (4 lags)", **{k: btc_spx_g[k] for k in ("statistic", "p_value", "n")}},
              {"name": "HAC Granger F, S&P 500 → BTC (4 lags)", **{k: spx_btc_g[k] for k in ("statistic", "p_value", "n")}}],
       data_as_of=as_of_date(NL, PX), section="L4 — Bitcoin as the most sensitive, leading probe of liquidity")

# %% [markdown]
# ### L1 — Dry powder: the reverse repo drained, and then? <a id="L1"></a>
#
# **Claim (our words).** Early AI capex acted like fiscal stimulus and lifted asset prices while
# idle cash ("dry powder") was available to fund it.
#
# **Operational hypothesis.** The overnight reverse repo (RRP) is the dry-powder proxy. Its drain
# released cash that offset quantitative tightening. If idle cash was the cushion, the
# asset–liquidity relation should *change* once the RRP is empty: weekly returns of BTC and the
# S&P 500 become more sensitive to ΔNL after the exhaustion date. We date exhaustion as the first
# week the RRP is below $50bn and its median over the next 13 weeks is also below $50bn, and test
# an interaction $r_t = a + b\,\Delta NL_t + c\,\Delta NL_t\cdot Post_t + d\,Post_t$ (HAC, 2015–).
#
# **What cannot be tested here.** The multiplier chain "AI capex → incomes → asset prices, funded
# from idle balances" needs flow-of-funds data on who financed AI capex (Fed Z.1 sector accounts
# for money-market funds and nonfinancial corporates, hyperscaler bond issuance); the snapshot has
# hyperscaler cash capex only for three firms and no sector flows.
#
# **Verdict rule.** If c > 0 with p < 0.05 for BTC or the S&P 500: *mixed* (the testable implication
# holds, the mechanism is unverified). Otherwise, if the 95% CI of c is wider than ±|b| for both
# (the post sample cannot tell "no change" from "doubling"): *untestable*. Otherwise *not supported*.

# %%
RRP = load("RRPONTSYD")
rrp_w = NL["rrp"].dropna()
rrp_peak_date = rrp_w.loc["2021":].idxmax()
EXH = nb.exhaustion_date(rrp_w.loc[rrp_peak_date:], threshold=50.0, horizon=13)
drain = nb.decompose_changes(NL, {"RRP drain (peak → exhaustion)": (str(rrp_peak_date.date()), str(EXH.date()))})
display(drain.style.format({c: "{:,.0f}" for c in drain.columns if c not in ("from", "to")}))
spx_drain = float(PX["S&P 500"].loc[EXH] / PX["S&P 500"].loc[rrp_peak_date] - 1) * 100
btc_drain = float(PX["BTC"].loc[EXH] / PX["BTC"].loc[rrp_peak_date] - 1) * 100
display(Markdown(
    f"RRP peak ${rrp_w.max():,.0f}bn on {rrp_peak_date.date()}; dry powder exhausted (rule above) on "
    f"**{EXH.date()}**. While it drained, the Fed's balance sheet shrank by "
    f"${-drain.iloc[0]['Fed balance sheet (+ΔWALCL)']:,.0f}bn but the RRP released "
    f"${drain.iloc[0]['Reverse repo (−ΔRRP)']:,.0f}bn, so net liquidity changed by only "
    f"${drain.iloc[0]['Net liquidity Δ']:,.0f}bn. Over the same weeks the S&P 500 rose {spx_drain:.0f}% and BTC {btc_drain:.0f}%."))

# %%
fig, ax = plt.subplots(figsize=(10, 4))
(RRP.loc["2019":] / 1000).plot(ax=ax, lw=1.2, color="tab:red", label="Overnight reverse repo")
ax.axvline(EXH, color="black", ls=":", lw=1)
ax.annotate(f"exhausted {EXH.date()}", (EXH, 1.5), xytext=(-120, 0), textcoords="offset points")
ax.set_ylabel("Trillions of USD")
ax.set_xlabel("")
ax.set_title("The dry powder is gone: the reverse repo fell from $2.5tn to near zero by late 2025")
rplt.shade_recessions(ax)
rplt.caption(fig, "New York Fed RRPONTSYD via FRED, daily", as_of=RRP.attrs["as_of"])
plt.show()

# %%
post = pd.Series((dNL100.index >= EXH).astype(float), index=dNL100.index, name="post")
L1_rows, L1_tests = {}, []
for a in ["BTC", "S&P 500", "Nasdaq"]:
    X = pd.DataFrame({"dNL": dNL100, "dNL_x_post": dNL100 * post, "post": post})
    r = stats.ols_hac(RET[a].loc[L4_START:L4_END], X.loc[L4_START:L4_END])
    ci = r.row("dNL_x_post")
    L1_rows[a] = {"b (pre)": r.coef("dNL"), "p b": r.p("dNL"), "c (post − pre)": r.coef("dNL_x_post"),
                  "c 95% CI low": ci["ci_low"], "c 95% CI high": ci["ci_high"], "p c": r.p("dNL_x_post"),
                  "post weeks": int(X.loc[L4_START:L4_END].dropna().query("post == 1").shape[0]), "N": r.nobs}
    L1_tests.append(r.test("dNL_x_post", f"HAC t-test, change in {a} ΔNL-beta after RRP exhaustion"))
L1T = pd.DataFrame(L1_rows).T
display(L1T)

sig_up = [a for a in ["BTC", "S&P 500"] if L1T.loc[a, "c (post − pre)"] > 0 and L1T.loc[a, "p c"] < 0.05]
wide = all((L1T.loc[a, "c 95% CI high"] - L1T.loc[a, "c 95% CI low"]) / 2 > abs(L1T.loc[a, "b (pre)"]) for a in ["BTC", "S&P 500"])
L1_verdict = "mixed" if sig_up else ("untestable" if wide else "not supported")
L1_head = (f"RRP drained from ${rrp_w.max():,.0f}bn to <$50bn by {EXH.date()}, offsetting QT; after exhaustion the "
           f"BTC liquidity beta changes by {L1T.loc['BTC', 'c (post − pre)']:+.2f} (p={fmt.p_value(L1T.loc['BTC', 'p c'])}, "
           f"{int(L1T.loc['BTC', 'post weeks'])} post weeks); the multiplier mechanism needs flow-of-funds data.")
display(Markdown(f"**Verdict L1: {L1_verdict}.** " + L1_head))
book.record("L1", verdict=L1_verdict, headline=L1_head,
       evidence={"rrp_peak_bn": float(rrp_w.max()), "rrp_peak_date": str(rrp_peak_date.date()),
                 "exhaustion_date": str(EXH.date()),
                 "drain_fed_balance_sheet_bn": float(drain.iloc[0]["Fed balance sheet (+ΔWALCL)"]),
                 "drain_rrp_release_bn": float(drain.iloc[0]["Reverse repo (−ΔRRP)"]),
                 "drain_net_liquidity_change_bn": float(drain.iloc[0]["Net liquidity Δ"]),
                 "spx_return_during_drain_pct": spx_drain, "btc_return_during_drain_pct": btc_drain,
                 "btc_beta_change_post": float(L1T.loc["BTC", "c (post − pre)"]),
                 "btc_beta_change_p": float(L1T.loc["BTC", "p c"]),
                 "spx_beta_change_post": float(L1T.loc["S&P 500", "c (post − pre)"]),
                 "spx_beta_change_p": float(L1T.loc["S&P 500", "p c"]),
                 "post_weeks": int(L1T.loc["BTC", "post weeks"]),
                 "missing_data": "flow-of-funds (Fed Z.1) sector data on who funded AI capex; hyperscaler bond issuance"},
       tests=L1_tests, data_as_of=as_of_date(NL, PX),
       section="L1 — Dry powder: the reverse repo drained, and then?")

# %% [markdown]
# ### L2 — Cost of capital: did Treasury and corporate yields rise together? <a id="L2"></a>
#
# **Claim (our words).** With the dry powder used up, AI capex pulls capital from elsewhere;
# capital becomes scarce and its price rises — Treasury and corporate yields rise together.
#
# **Operational hypothesis.** From the RRP exhaustion date to the latest observation, the 10-year
# Treasury yield (`DGS10`), the 10-year real (TIPS) yield (`DFII10`) and the Moody's Baa corporate
# yield (daily proxy: `DGS10` + `BAA10Y` spread) all rise by at least 25bp, and their weekly changes
# co-move (all changes measured to the last week in which every series is observed). If capital were scarce *for corporates in particular*, credit spreads (ICE BofA IG OAS
# `BAMLC0A0CM`, HY OAS `BAMLH0A0HYM2`) would also widen. We also show the ACM 10-year term premium
# (`THREEFYTP10`) and the whole 2025-01 → latest window.
#
# **Verdict rule.** *supported* if all three yields rise ≥ 25bp and the IG spread does not narrow;
# *mixed* if yields rise ≥ 25bp but the IG spread narrows, or only some yields rise ≥ 25bp;
# *not supported* if none of the three yields rises ≥ 25bp.

# %%
YIDS = ["DGS10", "DFII10", "BAA10Y", "BAMLC0A0CM", "BAMLH0A0HYM2", "THREEFYTP10", "DGS2"]
Y = panel(YIDS, freq="W-WED", how="last")
Y["BAA_YIELD"] = Y["DGS10"] + Y["BAA10Y"]
# compare every series over the same window: end at the last week all core series are observed
Y_END = Y[["DGS10", "DFII10", "BAA_YIELD", "BAMLC0A0CM", "BAMLH0A0HYM2"]].dropna().index.max()
YLAB = {"DGS10": "10y Treasury", "DFII10": "10y real (TIPS)", "BAA_YIELD": "Baa corporate yield (10y + BAA10Y)",
        "DGS2": "2y Treasury", "THREEFYTP10": "10y term premium (ACM)", "BAMLC0A0CM": "IG OAS",
        "BAMLH0A0HYM2": "HY OAS"}


def change_bp(s: pd.Series, start) -> tuple[float, str, str]:
    s = s.dropna()
    seg = s.loc[start:Y_END]
    return float((seg.iloc[-1] - seg.iloc[0]) * 100), str(seg.index[0].date()), str(seg.index[-1].date())


rows = []
for sid, lab in YLAB.items():
    for wname, w0 in [("since RRP exhaustion", EXH), ("since 2025-01", pd.Timestamp("2025-01-01"))]:
        d, a, b = change_bp(Y[sid], w0)
        rows.append({"series": lab, "window": wname, "change, bp": d, "from": a, "to": b})
YCH = pd.DataFrame(rows).pivot(index="series", columns="window", values="change, bp")
YCH["last obs"] = [pd.DataFrame(rows).query("series == @s")["to"].iloc[0] for s in YCH.index]
display(YCH.style.format({c: "{:+.0f}" for c in YCH.columns if c != "last obs"}))
dY = Y[["DGS10", "DFII10", "BAA_YIELD"]].diff().loc[EXH:]
co = dY.corr()
display(Markdown(f"Correlation of weekly changes since {EXH.date()}: 10y vs Baa {co.loc['DGS10', 'BAA_YIELD']:.2f}, "
                 f"10y vs real 10y {co.loc['DGS10', 'DFII10']:.2f}; N = {len(dY.dropna())} weeks."))

# %%
fig, ax = plt.subplots(figsize=(10, 4.3))
for sid, col in [("BAA_YIELD", "tab:purple"), ("DGS10", "tab:blue"), ("DFII10", "tab:green")]:
    Y[sid].loc["2024-07":].plot(ax=ax, color=col, lw=1.4, label=YLAB[sid])
ax2 = ax.twinx()
(Y["BAMLC0A0CM"].loc["2024-07":] * 100).plot(ax=ax2, color="grey", ls="--", lw=1, label="IG OAS (right, bp)")
ax.axvline(EXH, color="black", ls=":", lw=1)
ax.set_ylabel("Yield, %")
ax2.set_ylabel("IG option-adjusted spread, bp")
ax.set_xlabel("")
ax.legend(loc="upper left", fontsize=8)
ax2.legend(loc="lower right", fontsize=8)
t_y = YCH.loc["10y Treasury", "since RRP exhaustion"]
ax.set_title(f"After the RRP ran dry: 10y {t_y:+.0f}bp, real 10y {YCH.loc['10y real (TIPS)', 'since RRP exhaustion']:+.0f}bp, "
             f"Baa {YCH.loc['Baa corporate yield (10y + BAA10Y)', 'since RRP exhaustion']:+.0f}bp, IG spread {YCH.loc['IG OAS', 'since RRP exhaustion']:+.0f}bp")
rplt.shade_recessions(ax)
rplt.caption(fig, "FRED (DGS10, DFII10, BAA10Y, BAMLC0A0CM); weekly, Wednesday", as_of=as_of_date(Y), note=f"dotted line = RRP exhaustion {EXH.date()}")
plt.show()

# %%
d_exh = YCH["since RRP exhaustion"]
rise = {k: d_exh[YLAB[k]] >= 25 for k in ["DGS10", "DFII10", "BAA_YIELD"]}
ig_d = d_exh["IG OAS"]
if all(rise.values()) and ig_d >= 0:
    L2_verdict = "supported"
elif any(rise.values()):
    L2_verdict = "mixed"
else:
    L2_verdict = "not supported"
L2_head = (f"Since {EXH.date()}: 10y {d_exh['10y Treasury']:+.0f}bp, real 10y {d_exh['10y real (TIPS)']:+.0f}bp, "
           f"Baa {d_exh['Baa corporate yield (10y + BAA10Y)']:+.0f}bp, term premium {d_exh['10y term premium (ACM)']:+.0f}bp; "
           f"IG spread {ig_d:+.0f}bp, HY {d_exh['HY OAS']:+.0f}bp.")
display(Markdown(f"**Verdict L2: {L2_verdict}.** " + L2_head))
L2_fit = stats.ols_hac(dY["BAA_YIELD"] * 100, dY["DGS10"].rename("dDGS10") * 100)
book.record("L2", verdict=L2_verdict, headline=L2_head,
       evidence={"window_start": str(EXH.date()), **{f"chg_bp_{k}": float(d_exh[v]) for k, v in YLAB.items()},
                 **{f"chg_bp_since_2025_{k}": float(YCH.loc[v, "since 2025-01"]) for k, v in YLAB.items()},
                 "corr_weekly_d10y_dbaa": float(co.loc["DGS10", "BAA_YIELD"]),
                 "baa_on_10y_beta": L2_fit.coef("dDGS10")},
       tests=[L2_fit.test("dDGS10", "HAC t-test, weekly ΔBaa yield on Δ10y Treasury since RRP exhaustion")],
       data_as_of=as_of_date(Y), section="L2 — Cost of capital: did Treasury and corporate yields rise together?")

# %% [markdown]
# ### L3 — Duration: long-duration assets vs near-cash-flow memory makers <a id="L3"></a>
#
# **Claim (our words).** When capital is scarce, assets whose value rests on distant cash flows
# (crypto, software, speculative growth) fall most, while near-cash-flow businesses (memory makers
# Micron and SanDisk) outperform: AI capex works as "reverse QE".
#
# **Operational hypothesis.** (i) *Duration*: in 2025-01 → latest, the long-duration group's
# (BTC, ARKK, IGV) average sensitivity of weekly returns to the change in the real 10y yield
# (`DFII10`, per +10bp, HAC) is more negative than the memory group's (MU, SNDK). (ii)
# *Performance*: over the same window (from SanDisk's first full week), the memory group's average
# total return exceeds the long-duration group's. 2015–2024 betas are shown for comparison.
#
# **Verdict rule.** *supported* if (i) and (ii) hold, *mixed* if one holds, *not supported* if neither.

# %%
RY = panel(["DFII10"], freq="W-WED", how="last")["DFII10"]
dRY = (RY.diff() * 10).rename("dReal10y_10bp")  # percentage points → per 10bp
L3_ASSETS = ["BTC", "ETH", "ARKK", "IGV software", "Micron", "SanDisk", "S&P 500", "Gold", "TLT 20y+ Tsy"]
LONG, MEMORY = ["BTC", "ARKK", "IGV software"], ["Micron", "SanDisk"]
L3_START = "2025-01-01"
rows = {}
for a in L3_ASSETS:
    for wname, (s, e) in {"2015–2024": ("2015-01-01", "2024-12-31"), "2025–latest": (L3_START, None)}.items():
        y = RET[a].loc[s:e]
        if y.count() < 30:
            continue
        r = stats.ols_hac(y, dRY.loc[s:e])
        rows[(a, wname)] = {"beta": r.coef("dReal10y_10bp"), "p": r.p("dReal10y_10bp"), "N": r.nobs}
L3B = pd.DataFrame(rows).T.unstack()
L3B.columns = [f"{w}: {m}" for m, w in L3B.columns]
L3B = L3B[[c for w in ["2015–2024", "2025–latest"] for c in L3B.columns if c.startswith(w)]]
t0 = PX["SanDisk"].first_valid_index() + pd.Timedelta(weeks=1)
perf = (PX.loc[t0:, L3_ASSETS].ffill().iloc[-1] / PX.loc[t0, L3_ASSETS] - 1) * 100
L3B["total return since " + str(t0.date()) + ", %"] = perf
display(L3B.style.format("{:.2f}", subset=[c for c in L3B.columns if "N" not in c]).format("{:.0f}", subset=[c for c in L3B.columns if "N" in c]))

# %%
b25 = L3B["2025–latest: beta"]
beta_long, beta_mem = float(b25[LONG].mean()), float(b25[MEMORY].mean())
perf_long, perf_mem = float(perf[LONG].mean()), float(perf[MEMORY].mean())
crit_i = beta_long < beta_mem
crit_ii = perf_mem > perf_long
L3_verdict = "supported" if (crit_i and crit_ii) else ("mixed" if (crit_i or crit_ii) else "not supported")

fig, axes = plt.subplots(1, 2, figsize=(12, 4.4))
reb = np.log(PX.loc[t0:, L3_ASSETS[:6]].ffill() / PX.loc[t0, L3_ASSETS[:6]]) * 100
reb.plot(ax=axes[0], lw=1.3)
axes[0].set_ylabel("Cumulative log return since start, %")
axes[0].set_xlabel("")
axes[0].set_title("Cumulative performance", fontsize=11)
cols = ["tab:orange" if a in LONG else ("tab:blue" if a in MEMORY else "grey") for a in b25.index]
b25.plot.barh(ax=axes[1], color=cols)
axes[1].axvline(0, color="black", lw=0.6)
axes[1].set_xlabel("% weekly return per +10bp in real 10y yield (2025–latest)")
axes[1].set_title("Sensitivity to the real 10y yield", fontsize=11)
fig.suptitle("Memory makers beat long-duration assets, yet they were the most real-rate-sensitive", y=1.03, fontweight="bold")
rplt.caption(fig, "Yahoo, FRED (DFII10); weekly", as_of=as_of_date(PX, RY), note="orange = long-duration group, blue = memory group")
plt.show()

L3_head = (f"2025–latest: average real-yield beta long-duration {beta_long:.2f} vs memory {beta_mem:.2f} (% per +10bp; "
           f"memory more sensitive); total return memory {perf_mem:,.0f}% vs long-duration {perf_long:,.0f}% since {t0.date()}.")
display(Markdown(f"**Verdict L3: {L3_verdict}.** Duration test (i): {'pass' if crit_i else 'fail'}; "
                 f"performance test (ii): {'pass' if crit_ii else 'fail'}. " + L3_head))
L3_tests = []
for a in LONG + MEMORY:
    r = stats.ols_hac(RET[a].loc[L3_START:], dRY.loc[L3_START:])
    L3_tests.append(r.test("dReal10y_10bp", f"HAC t-test, {a} weekly return on Δ real 10y (2025–)"))
book.record("L3", verdict=L3_verdict, headline=L3_head,
       evidence={"beta_long_duration_avg": beta_long, "beta_memory_avg": beta_mem,
                 **{f"beta_2025_{a}": float(b25[a]) for a in LONG + MEMORY},
                 **{f"beta_2015_2024_{a}": float(L3B.loc[a, "2015–2024: beta"]) for a in LONG + ["Micron"]},
                 "total_return_long_avg_pct": perf_long, "total_return_memory_avg_pct": perf_mem,
                 **{f"total_return_pct_{a}": float(perf[a]) for a in LONG + MEMORY},
                 "performance_window_start": str(t0.date())},
       tests=L3_tests, data_as_of=as_of_date(PX, RY),
       section="L3 — Duration: long-duration assets vs near-cash-flow memory makers")

# %% [markdown]
# ### L5 — The early-2026 rout: the facts <a id="L5"></a>
#
# **Claim (our words).** In the early-2026 sell-off gold and silver fell together with US stocks;
# bitcoin fell to about $60,000, nearly 20% in one day, half its October-2025 peak of about
# $126,000; over $2.6bn of crypto positions were liquidated in 24 hours.
#
# **Tests (each a checkable fact, tolerance stated).** From daily Yahoo BTC-USD OHLC: (1) the
# 2025 peak is within 3% of $126,000 (intraday high); (2) the rout trough (intraday low,
# 2026-01-15 → 2026-03-31) is within 5% of $60,000; (3) the worst one-day fall is at least 17.5%
# ("nearly 20%"; close-to-close, and prior close to intraday low); (4) trough/peak is between 0.45
# and 0.55 ("half"); (5) gold, silver, the S&P 500 and the Nasdaq all fell in the crash week, from
# the last close before the Fed-chair news (2026-01-28, see L6) to BTC's rout trough close. The
# longer window from BTC's January closing high is shown beside it. The $2.6bn liquidation figure is **untestable** here:
# it needs exchange derivatives liquidation data (e.g. aggregated futures liquidations from the
# exchanges), which the snapshot lacks.
#
# **Verdict rule.** *supported* if all five checks pass; *mixed* if at least three pass; else *not supported*.

# %%
B = load("BTC-USD", fields="ohlcv")
peak_win = B.loc["2025-07-01":"2025-12-31"]
peak_close_d, peak_close = peak_win["close"].idxmax(), float(peak_win["close"].max())
peak_high_d, peak_high = peak_win["high"].idxmax(), float(peak_win["high"].max())
rout = B.loc["2026-01-15":"2026-03-31"]
trough_close_d, trough_close = rout["close"].idxmin(), float(rout["close"].min())
trough_low_d, trough_low = rout["low"].idxmin(), float(rout["low"].min())
cc = (B["close"] / B["close"].shift(1) - 1).loc["2026-01-15":"2026-03-31"] * 100
cl = (B["low"] / B["close"].shift(1) - 1).loc["2026-01-15":"2026-03-31"] * 100
worst_cc_d, worst_cc = cc.idxmin(), float(cc.min())
worst_cl_d, worst_cl = cl.idxmin(), float(cl.min())
after = B.loc["2026-04-01":]
later_low_d, later_low = after["close"].idxmin(), float(after["close"].min())
jan_high_d = B.loc["2026-01-01":"2026-01-31", "close"].idxmax()

OTHERS = {"GC=F": "Gold (front-month)", "SI=F": "Silver (front-month)", "^GSPC": "S&P 500", "^IXIC": "Nasdaq", "BTC-USD": "BTC"}
DP = panel(list(OTHERS), freq="D", how="last").rename(columns=OTHERS)


def window_ret(s: pd.Series, a, b) -> float:
    s = s.dropna()
    return float(s.loc[:b].iloc[-1] / s.loc[:a].iloc[-1] - 1) * 100


ROUT_START = pd.Timestamp("2026-01-28")  # last close before the nomination news (see L6)
win_rets = {lab: window_ret(DP[lab], ROUT_START, trough_close_d) for lab in OTHERS.values()}
jan_rets = {lab: window_ret(DP[lab], jan_high_d, trough_close_d) for lab in OTHERS.values()}
peak_to_rout = {lab: window_ret(DP[lab], peak_close_d, trough_close_d) for lab in OTHERS.values()}
checks = {
    "peak ≈ $126k (±3%)": abs(peak_high / 126_000 - 1) <= 0.03,
    "trough ≈ $60k (±5%)": abs(trough_low / 60_000 - 1) <= 0.05,
    "one-day fall ≥ 17.5%": min(worst_cc, worst_cl) <= -17.5,
    "trough ≈ half of peak (0.45–0.55)": 0.45 <= trough_low / peak_high <= 0.55,
    "gold, silver, stocks all fell in the rout": all(win_rets[k] < 0 for k in ["Gold (front-month)", "Silver (front-month)", "S&P 500", "Nasdaq"]),
}
FACTS = pd.DataFrame({
    "fact": ["BTC peak close", "BTC peak intraday high", "Rout trough close", "Rout trough intraday low",
             "Worst day, close-to-close", "Worst day, prior close to intraday low", "Later low close (after March)"],
    "date": [peak_close_d.date(), peak_high_d.date(), trough_close_d.date(), trough_low_d.date(),
             worst_cc_d.date(), worst_cl_d.date(), later_low_d.date()],
    "value": [f"${peak_close:,.0f}", f"${peak_high:,.0f}", f"${trough_close:,.0f}", f"${trough_low:,.0f}",
              f"{worst_cc:.1f}%", f"{worst_cl:.1f}%", f"${later_low:,.0f}"]}).set_index("fact")
display(FACTS)
display(pd.DataFrame({f"crash week {ROUT_START.date()} → {trough_close_d.date()}, %": win_rets,
                      f"BTC January high {jan_high_d.date()} → {trough_close_d.date()}, %": jan_rets,
                      f"{peak_close_d.date()} → {trough_close_d.date()}, %": peak_to_rout}).round(1))
display(pd.Series({k: "pass" if v else "fail" for k, v in checks.items()}, name="result").to_frame())

# %%
fig, ax = plt.subplots(figsize=(10, 4.3))
rb = (DP.loc["2025-09-01":"2026-04-30"].ffill() / DP.loc[:"2025-09-01"].ffill().iloc[-1]) * 100
rb.plot(ax=ax, lw=1.3)
ax.axvspan(ROUT_START, trough_close_d, color="grey", alpha=0.2)
ax.axhline(100, color="black", lw=0.5)
ax.set_ylabel("Index, 2025-09-01 = 100")
ax.set_xlabel("")
all_fell = all(v < 0 for v in win_rets.values())
ax.set_title(("In the crash week all five fell" if all_fell else "In the crash week not all of them fell") + f"; BTC closed at ${trough_close/1000:,.1f}k on {trough_close_d.date()}, "
             f"{(1 - trough_close / peak_close) * 100:.0f}% below its peak")
rplt.caption(fig, "Yahoo (BTC-USD, GC=F, SI=F, ^GSPC, ^IXIC); daily", as_of=as_of_date(DP), note=f"shaded: crash week {ROUT_START.date()} to BTC's rout trough {trough_close_d.date()}")
plt.show()

# %%
n_pass = sum(checks.values())
L5_verdict = "supported" if n_pass == 5 else ("mixed" if n_pass >= 3 else "not supported")
L5_head = (f"BTC peaked at ${peak_high:,.0f} (intraday, {peak_high_d.date()}), fell to ${trough_low:,.0f} "
           f"({trough_low_d.date()}, {trough_low / peak_high:.2f}× the peak); worst day {worst_cc:.1f}% "
           f"({worst_cc_d.date()}), not ~20%; gold {win_rets['Gold (front-month)']:.1f}%, silver "
           f"{win_rets['Silver (front-month)']:.1f}%, S&P {win_rets['S&P 500']:.1f}% in the window; liquidations untestable.")
display(Markdown(f"**Verdict L5: {L5_verdict}** ({n_pass}/5 checks pass). " + L5_head))
book.record("L5", verdict=L5_verdict, headline=L5_head,
       evidence={"btc_peak_high_usd": peak_high, "btc_peak_high_date": str(peak_high_d.date()),
                 "btc_peak_close_usd": peak_close, "btc_peak_close_date": str(peak_close_d.date()),
                 "btc_trough_low_usd": trough_low, "btc_trough_low_date": str(trough_low_d.date()),
                 "btc_trough_close_usd": trough_close, "btc_trough_close_date": str(trough_close_d.date()),
                 "btc_worst_day_close_to_close_pct": worst_cc, "btc_worst_day_date": str(worst_cc_d.date()),
                 "btc_worst_day_close_to_low_pct": worst_cl, "btc_trough_to_peak_ratio": trough_low / peak_high,
                 "btc_later_low_close_usd": later_low, "btc_later_low_date": str(later_low_d.date()),
                 **{f"window_return_pct_{k}": v for k, v in win_rets.items()},
                 "checks_passed": n_pass, "untestable": "crypto liquidation totals (exchange derivatives liquidation data)"},
       tests=[{"name": f"fact check: {k}", "statistic": float(v), "p_value": None, "n": 1} for k, v in checks.items()],
       data_as_of=as_of_date(DP), section="L5 — The early-2026 rout: the facts")

# %% [markdown]
# ### L6 — Did the Fed-chair nomination accelerate the sell-off? <a id="L6"></a>
#
# **Claim (our words).** The nomination of Kevin Warsh as Fed chair at the end of January 2026
# accelerated the sell-off.
#
# **Event date.** Quoted (news reports, 30 January 2026): the President announced Kevin Warsh as
# his nominee for Fed chair on Friday 30 January 2026; reports that the pick was imminent circulated
# on the 29th. Day 0 = 2026-01-30; the main window is [−1, +5] trading days to allow for the leak.
#
# **Test.** Market-model event study on daily log returns (S&P 500 as the market; estimation
# window −250..−30 trading days; BTC and ETH aligned to the S&P calendar, weekend moves folded into
# Monday). Placebo: the same CAR computed at every fifth trading day of 2023–2025 (no event); the
# event's CAR is compared with that distribution. "Accelerated" also needs the abnormal decline to
# be faster after the event than in the ten days before it.
#
# **Verdict rule.** *supported* if BTC's CAR[−1,+5] lies below the 5th percentile of its placebo
# distribution **and** its average daily abnormal return in [−1,+5] is more negative than in
# [−11,−2]; *mixed* if only one holds; *not supported* if neither.

# %%
EVENT = pd.Timestamp("2026-01-30")
ED = daily_on_calendar(["^GSPC", "BTC-USD", "ETH-USD", "GC=F", "SI=F", "^IXIC", "IGV", "ARKK"], start="2021-06-01")
EDR = tf.log_diff(ED, scale=1.0)
mkt = EDR["^GSPC"]
placebo_dates = EDR.loc["2023-01-01":"2025-12-31"].index[::5]
ev_rows, PLC = {}, {}
for a, lab in {"BTC-USD": "BTC", "ETH-USD": "ETH", "GC=F": "Gold", "SI=F": "Silver", "IGV": "IGV", "ARKK": "ARKK", "^IXIC": "Nasdaq"}.items():
    es = stats.event_study(EDR[a], mkt, EVENT, est_window=(-250, -30), event_window=(-1, 5))
    pre = stats.event_study(EDR[a], mkt, EVENT, est_window=(-250, -30), event_window=(-11, -2))
    pl = stats.placebo_cars(EDR[a], mkt, placebo_dates, est_window=(-250, -30), event_window=(-1, 5))
    PLC[lab] = (es, pl)
    ev_rows[lab] = {"beta": es.beta, "CAR[−1,+5] %": es.car_total * 100, "t": es.car_t, "p": es.car_p,
                    "placebo pct": float((pl <= es.car_total).mean()), "placebo N": len(pl),
                    "avg daily AR [−1,+5] %": es.ar.mean() * 100, "avg daily AR [−11,−2] %": pre.ar.mean() * 100,
                    "CAR[−11,−2] %": pre.car_total * 100}
EV = pd.DataFrame(ev_rows).T
display(EV)
spx_raw = float(EDR["^GSPC"].loc[EVENT - pd.offsets.BDay(1):].iloc[:7].sum()) * 100
print(f"S&P 500 raw log return over [-1,+5]: {spx_raw:.2f}%")

# %%
es_btc, pl_btc = PLC["BTC"]
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
for lab in ["BTC", "ETH", "Gold", "Silver", "Nasdaq"]:
    es = stats.event_study(EDR[[k for k, v in {"BTC-USD": "BTC", "ETH-USD": "ETH", "GC=F": "Gold", "SI=F": "Silver", "^IXIC": "Nasdaq"}.items() if v == lab][0]],
                           mkt, EVENT, est_window=(-250, -30), event_window=(-11, 10))
    (es.car * 100).plot(ax=axes[0], label=lab, lw=1.3)
axes[0].axvline(0, color="black", ls=":")
axes[0].axhline(0, color="black", lw=0.5)
axes[0].set_xlabel("Trading days relative to 2026-01-30")
axes[0].set_ylabel("Cumulative abnormal return, %")
axes[0].legend(fontsize=8)
axes[0].set_title("CARs around the nomination", fontsize=11)
axes[1].hist(pl_btc * 100, bins=30, color="grey")
axes[1].axvline(es_btc.car_total * 100, color="tab:red", lw=2, label="2026-01-30 event")
axes[1].set_xlabel("BTC CAR[−1,+5], % (placebo dates 2023–2025)")
axes[1].set_ylabel("Count of placebo dates")
axes[1].legend()
axes[1].set_title(f"BTC event CAR vs placebo dates ({EV.loc['BTC', 'placebo pct']:.1%} lower)", fontsize=11)
fig.suptitle("Precious metals crashed on the nomination day; bitcoin's slide deepened after it", y=1.03, fontweight="bold")
rplt.caption(fig, "Yahoo; daily", as_of=as_of_date(ED), note="market model vs S&P 500, estimation window −250..−30 trading days")
plt.show()

# %%
btc_ev = EV.loc["BTC"]
c_tail = btc_ev["placebo pct"] < 0.05
c_acc = btc_ev["avg daily AR [−1,+5] %"] < btc_ev["avg daily AR [−11,−2] %"]
L6_verdict = "supported" if (c_tail and c_acc) else ("mixed" if (c_tail or c_acc) else "not supported")
L6_head = (f"BTC CAR[−1,+5] {btc_ev['CAR[−1,+5] %']:.1f}% (t={btc_ev['t']:.2f}; {btc_ev['placebo pct']:.1%} of placebo CARs lower); "
           f"daily AR {btc_ev['avg daily AR [−1,+5] %']:.2f}% after vs {btc_ev['avg daily AR [−11,−2] %']:.2f}% before; "
           f"silver {EV.loc['Silver', 'CAR[−1,+5] %']:.0f}%, gold {EV.loc['Gold', 'CAR[−1,+5] %']:.0f}%. Attribution to the "
           f"nomination alone is not identified.")
display(Markdown(f"**Verdict L6: {L6_verdict}.** " + L6_head))
book.record("L6", verdict=L6_verdict, headline=L6_head,
       evidence={"event_date": str(EVENT.date()), **{f"car_pct_{k}": float(v) for k, v in EV["CAR[−1,+5] %"].items()},
                 **{f"placebo_pctile_{k}": float(v) for k, v in EV["placebo pct"].items()},
                 "btc_avg_daily_ar_post_pct": float(btc_ev["avg daily AR [−1,+5] %"]),
                 "btc_avg_daily_ar_pre_pct": float(btc_ev["avg daily AR [−11,−2] %"]),
                 "btc_car_pre_pct": float(btc_ev["CAR[−11,−2] %"]), "placebo_n": int(btc_ev["placebo N"]),
                 "spx_raw_return_window_pct": spx_raw},
       tests=[PLC[k][0].test(f"CAR t-test [−1,+5], {k}, market model") for k in ["BTC", "ETH", "Gold", "Silver"]]
             + [{"name": "placebo percentile of BTC CAR[−1,+5]", "statistic": float(btc_ev["CAR[−1,+5] %"]),
                 "p_value": float(btc_ev["placebo pct"]), "n": int(btc_ev["placebo N"])}],
       data_as_of=as_of_date(ED), section="L6 — Did the Fed-chair nomination accelerate the sell-off?")

# %% [markdown]
# ### L7 — Which pipe moved liquidity? <a id="L7"></a>
#
# **Claim (our words).** Liquidity can rise through more water (rate cuts, QE), unblocked pipes
# (reverse repo release, reserve-management purchases) or a slower outflow; today the problem is
# excess *demand* for money, not too little supply.
#
# **Operational hypotheses.** (a) Decompose the change in net liquidity by period into the Fed
# balance sheet (+ΔWALCL), the TGA (−ΔTGA) and the RRP (−ΔRRP). (b) After late 2025 the balance
# sheet grows again through Treasury purchases (reserve-management purchases of bills; `TREAST`
# Treasury holdings vs `WSHOMCB` MBS), while the RRP pipe is empty (< $50bn). (c) Excess demand
# for reserves shows up as money-market pressure: the secured overnight rate trades *above* the
# interest on reserve balances (`SOFR` − `IORB` > 0 on a monthly average) despite ~$3tn of reserves.
# Dates quoted from the Fed: balance-sheet runoff ended on 1 December 2025 (FOMC statement,
# 29 October 2025); bill purchases for reserve management were announced on 10 December 2025, so the
# "after" window for (b) starts at the H.4.1 week of 2025-12-10.
#
# **Verdict rule.** *supported* if (b) and (c) hold; *mixed* if one holds; *not supported* if neither.
# Part (a) is descriptive.

# %%
PERIODS = {
    "QE (2020-03 → 2022-04)": ("2020-03-04", "2022-04-13"),
    "QT, RRP still filling (2022-04 → 2022-12)": ("2022-04-13", str(rrp_peak_date.date())),
    "QT, RRP draining": (str(rrp_peak_date.date()), str(EXH.date())),
    "QT, RRP empty (→ 2025-11)": (str(EXH.date()), "2025-11-30"),
    "QT over, bill purchases (2026-01 →)": ("2026-01-01", L4_END),
}
DEC = nb.decompose_changes(NL, PERIODS)
display(DEC.style.format({c: "{:+,.0f}" for c in DEC.columns if c not in ("from", "to")}))

fig, ax = plt.subplots(figsize=(10, 4.3))
comp_cols = ["Fed balance sheet (+ΔWALCL)", "TGA (−ΔTGA)", "Reverse repo (−ΔRRP)"]
(DEC[comp_cols] / 1000).plot.bar(ax=ax, stacked=True, color=["tab:blue", "tab:green", "tab:red"], width=0.7)
ax.scatter(range(len(DEC)), DEC["Net liquidity Δ"] / 1000, color="black", zorder=3, label="Net liquidity Δ")
ax.axhline(0, color="black", lw=0.6)
ax.set_xticklabels([p.split(" (")[0].replace(", ", ",\n") + "\n" + f"{DEC.loc[p, 'from'][:7]}→{DEC.loc[p, 'to'][:7]}" for p in DEC.index], rotation=0, fontsize=8)
ax.set_ylabel("Change over period, trillions of USD")
ax.set_xlabel("")
ax.legend(fontsize=8)
ax.set_title("During QT the reverse repo, not the Fed, supplied liquidity")
rplt.caption(fig, "FRED (WALCL, WTREGEN, RRPONTSYD); weekly", as_of=NL_ASOF, note="TGA missing 2025-11-26..2025-12-31")
plt.show()

# %%
BS = panel(["TREAST", "WSHOMCB", "WALCL", "WRESBAL"], freq="W-WED", how="last") / 1000
RMP_START = pd.Timestamp("2025-12-10")
bs_now = BS.dropna().iloc[-1]
bs_then = BS.loc[:RMP_START].dropna().iloc[-1]
d_bs = bs_now - bs_then
MM = panel(["SOFR", "IORB"], freq="ME", how="mean")
MM["SOFR − IORB, bp"] = (MM["SOFR"] - MM["IORB"]) * 100
press = MM["SOFR − IORB, bp"].loc["2025-09":"2025-12"]
pre_press = MM["SOFR − IORB, bp"].loc["2024-01":"2025-06"]
display(Markdown(
    f"Since {bs_then.name.date()} (to {bs_now.name.date()}): Treasury holdings {d_bs['TREAST']:+,.0f}bn, MBS "
    f"{d_bs['WSHOMCB']:+,.0f}bn, total assets {d_bs['WALCL']:+,.0f}bn, reserves {d_bs['WRESBAL']:+,.0f}bn. "
    f"RRP latest ${rrp_w.iloc[-1]:,.1f}bn. SOFR − IORB averaged {press.mean():+.1f}bp in Sep–Dec 2025 vs "
    f"{pre_press.mean():+.1f}bp in 2024-01..2025-06."))
display(MM["SOFR − IORB, bp"].loc["2025-01":].round(1).to_frame().T)
sp_d = (load("SOFR") - load("IORB")).dropna() * 100
months = (bs_now.name - bs_then.name).days / 30.44
rrp_daily_max = RRP.loc["2022"].idxmax()
display(Markdown("**Ours beside published figures (published values quoted, not recomputed):**"))
display(pd.DataFrame({
    "ours (snapshot)": [f"${RRP.max():,.0f}bn on {rrp_daily_max.date()}",
                        f"${d_bs['TREAST'] / months:,.0f}bn per month ({bs_then.name.date()} → {bs_now.name.date()})",
                        f"intraday high ${peak_high:,.0f} on {peak_high_d.date()}"],
    "published": ["record ON RRP take-up of about $2.55 trillion on 30 Dec 2022 (New York Fed, reported Jan 2023)",
                  "reserve-management purchases of Treasury bills at an initial pace of about $40bn per month, from 12 Dec 2025 (FOMC implementation note, 10 Dec 2025)",
                  "record above $126,000 on 6 Oct 2025 (press reports of exchange prices)"],
}, index=["RRP peak", "Fed bill purchases", "BTC record"]))
sp_test = stats.newey_west_mean(sp_d.loc["2025-09-01":"2025-12-31"])

# %%
c_b = (d_bs["TREAST"] > 100) and (rrp_w.loc[RMP_START:].median() < 50)
c_c = press.mean() > 0 and sp_test["p_value"] < 0.05
L7_verdict = "supported" if (c_b and c_c) else ("mixed" if (c_b or c_c) else "not supported")
dl = DEC.loc["QT, RRP draining"]
L7_head = (f"RRP drain supplied ${dl['Reverse repo (−ΔRRP)']:,.0f}bn while the Fed shrank ${-dl['Fed balance sheet (+ΔWALCL)']:,.0f}bn; "
           f"since Dec 2025 Treasury holdings {d_bs['TREAST']:+,.0f}bn with the RRP empty; SOFR−IORB {press.mean():+.1f}bp "
           f"(Sep–Dec 2025), a sign of reserve demand outrunning supply.")
display(Markdown(f"**Verdict L7: {L7_verdict}.** " + L7_head))
book.record("L7", verdict=L7_verdict, headline=L7_head,
       evidence={**{f"{p}: {c}": float(DEC.loc[p, c]) for p in DEC.index for c in comp_cols + ["Net liquidity Δ"]},
                 "treast_change_since_rmp_bn": float(d_bs["TREAST"]), "mbs_change_since_rmp_bn": float(d_bs["WSHOMCB"]),
                 "walcl_change_since_rmp_bn": float(d_bs["WALCL"]), "rrp_median_since_rmp_bn": float(rrp_w.loc[RMP_START:].median()),
                 "sofr_minus_iorb_sep_dec_2025_bp": float(press.mean()),
                 "sofr_minus_iorb_2024_h1_2025_bp": float(pre_press.mean())},
       tests=[{"name": "Newey-West mean test, daily SOFR − IORB (bp), Sep–Dec 2025", **{k: sp_test[k] for k in ("statistic", "p_value", "n")}}],
       data_as_of=as_of_date(NL, BS, MM), section="L7 — Which pipe moved liquidity?")

# %% [markdown]
# ### C1 — Crypto as a political, generational asset <a id="C1"></a>
#
# **Claim (our words).** Crypto has become the only asset with real upside for young people,
# making it a political asset tied to generational fairness and a release valve for social pressure.
#
# **What would test it.** Ownership of crypto by age and wealth over time (Fed Survey of Consumer
# Finances 2022 and later waves; Pew Research surveys on crypto use by age), polling on crypto as a
# political issue by age cohort, and candidates' / voters' positions tied to crypto. The snapshot
# contains none of these: the Fed Distributional Financial Accounts have a generation split but no
# crypto category. **The generational and political parts are untestable here.**
#
# **What the snapshot allows (partial).** "The only asset with real upside" can be set against
# realised returns: BTC's total return over 1, 3 and 5 years to the latest date versus stocks,
# gold and the memory makers. This is context, not a test of the political claim.

# %%
C1_ASSETS = ["BTC", "ETH", "S&P 500", "Nasdaq", "Gold", "Micron"]
end = PX.index.max()
hz = {}
for yrs in [1, 3, 5]:
    start = end - pd.DateOffset(years=yrs)
    hz[f"{yrs}y total return, %"] = {a: float(PX[a].loc[:end].dropna().iloc[-1] / PX[a].loc[:start].dropna().iloc[-1] - 1) * 100 for a in C1_ASSETS}
HZ = pd.DataFrame(hz)
display(HZ.round(0))
btc_best = {k: HZ[k].idxmax() == "BTC" for k in HZ.columns}
C1_head = (f"Untestable with the snapshot (needs crypto ownership and attitudes by age, e.g. Fed SCF, Pew). Partial: "
           f"BTC was the best of {len(C1_ASSETS)} assets over " + (", ".join(k.split(' ')[0] for k, v in btc_best.items() if v) or "none")
           + f" of the 1/3/5-year horizons; 1y: BTC {HZ.loc['BTC', '1y total return, %']:.0f}% vs gold {HZ.loc['Gold', '1y total return, %']:.0f}%.")
display(Markdown("**Verdict C1: untestable.** " + C1_head))
book.record("C1", verdict="untestable", headline=C1_head,
       evidence={**{f"{k} {a}": float(HZ.loc[a, k]) for a in C1_ASSETS for k in HZ.columns},
                 "btc_best_horizons": ", ".join(k for k, v in btc_best.items() if v) or "none",
                 "missing_data": "crypto ownership/attitudes by age (Fed SCF, Pew), cohort polling on crypto politics"},
       tests=[], data_as_of=as_of_date(PX), section="C1 — Crypto as a political, generational asset")

# %% [markdown]
# ## What would change these verdicts
#
# - **L4**: a longer sample where weekly ΔNL explains a material share of BTC returns, or a
#   significant BTC → equities lead at weekly or daily frequency; daily Fed-balance-sheet data
#   (not available publicly) would sharpen the timing tests.
# - **L1**: Fed Z.1 flow-of-funds data showing money-market funds / corporate cash leaving the RRP
#   to finance AI capex; one or two more years of post-exhaustion data for the interaction test.
# - **L2**: yields falling back below their exhaustion-date levels, or credit spreads widening
#   (which would make corporate capital scarcity, not just Treasury supply, the driver).
# - **L3**: a window where memory makers' real-rate betas become smaller in magnitude than
#   crypto/software; a sector-neutral factor test (duration proxy = dividend/earnings timing) would be better.
# - **L5**: exchange liquidation data for the $2.6bn figure; an intraday (24h rolling) BTC series
#   could show a near-20% move that daily closes miss.
# - **L6**: intraday data around the announcement to separate it from the same-week crypto
#   deleveraging; other events in the window (earnings, macro releases) would weaken attribution.
# - **L7**: a reversal of repo pressure with reserves unchanged would favour a supply story.
# - **C1**: survey data on crypto ownership and attitudes by age.

# %%
book.summary()
