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
# # 04 — Flows over fundamentals: do positioning mechanics, not data, move US equities?
#
# The essays under test argue that US equity prices are now set by the Fed's stance and by
# mechanical flows — volatility-targeting funds, trend-following CTAs, corporate buybacks, option
# hedging — rather than by incoming economic data, and that a liquidity wave led by the Treasury
# arrives in 2026. This notebook turns each of the six claims (F1–F6) into a hypothesis that daily,
# weekly or monthly public data can reject: lead–lag tests between the S&P 500 and activity data,
# transparent rules that mimic vol-target and trend-following exposure, a documented buyback
# blackout calendar, the VIX term structure, and an ex-post check of 2026 liquidity. Inference uses
# Newey–West (HAC) standard errors and moving-block bootstrap p-values; every verdict comes from a
# rule written in the code next to it.

# %%
from IPython.display import display, Markdown
from research_lib.claims.notebook import Notebook
book = Notebook("04_flows")   # plotting style, recession shading, the summary table at the top

# %%
import numpy as np
import pandas as pd
import matplotlib.dates as mdates
import matplotlib.pyplot as plt

from research_lib import load, as_of_date
from research_lib import stats, transforms as tf, plotting as rplt, fmt
from research_lib.data.derived import net_liquidity
from research_lib.studies import flows as nf

pd.set_option("display.float_format", lambda v: f"{v:,.4g}")
NB = "04_flows"
USREC = load("USREC")


spx = load("^GSPC")
r_d = tf.log_diff(spx).loc["1950":].dropna().rename("ret")   # daily S&P 500 log return, %
SPX_ASOF = spx.attrs["as_of"]
print(f"S&P 500 (^GSPC) daily closes {spx.index[0].date()} to {SPX_ASOF}; returns used from 1950.")

# %% [markdown]
# ### F1 — Prices lead the data; the Fed's stance moves prices <a id="F1"></a>
#
# **Claim, in our words.** Stock prices respond to what the Fed is expected to do, not to new
# economic data, and the data have become a lagging indicator of asset prices.
#
# **Operational hypotheses.** (A) *Prices lead data*: S&P 500 returns Granger-cause activity
# (payrolls, industrial production, the Chicago Fed National Activity Index) in the recent era,
# and in real time the market's move in the month before an ISM release predicts the change in
# the PMI. (B) *Fed stance dominates*: in 2022–2026 same-day changes in the 2-year Treasury yield
# (the market's policy-path proxy) explain at least 10% of daily S&P 500 variance, more than the
# median of earlier eras. (C) *Data releases do not move prices*: squared returns on payroll and ISM
# release days are not significantly larger than on other days in 2016–2026.
#
# **Data.** `^GSPC` (month-end closes for monthly tests, daily closes), `PAYEMS`, `INDPRO`
# (monthly log changes, % — revised vintages, not real-time), `CFNAI` (monthly index, ends
# 2025-09), `DGS2` (daily, bp changes), ISM manufacturing PMI *as first released and dated at the
# release* (`ism_manufacturing_pmi`, 2007–2025). Payroll release days come from the BLS rule of
# thumb (third Friday after the week containing the 12th; holiday and shutdown shifts not
# modelled). Samples: 1980–2026, 1980–2007, and 2010–2026 without March–December 2020.
#
# **Tests.** HAC Wald tests (3 lags; 6 lags as robustness) in both directions; HAC regressions of the
# PMI change on the prior-21-day return; per-era R² of daily returns on 2-year yield changes; HAC
# t-tests of the squared-return premium on release days.
#
# **Rule.** Each of A, B, C holds or not as defined above (A needs ≥2 of the 4 lead tests in the
# recent era — three Granger tests plus the ISM test — significant at 5% with a positive sign).
# All three → supported; none → not supported; otherwise mixed.

# %%
px_m = np.log(spx).resample("MS").last()                         # labelled by month, end-of-month close
ret_m = (100 * px_m.diff()).rename("S&P 500 return")
activity = {
    "PAYEMS": tf.log_diff(load("PAYEMS")).rename("PAYEMS"),
    "INDPRO": tf.log_diff(load("INDPRO")).rename("INDPRO"),
    "CFNAI": load("CFNAI"),
}
SAMPLES_M = {"1980-2026": ("1980-01", "2026-12", None),
             "1980-2007": ("1980-01", "2007-12", None),
             "2010-2026 ex-2020": ("2010-01", "2026-12", ("2020-03", "2020-12"))}
rows = []
for samp, (a, b, drop) in SAMPLES_M.items():
    for sid, act in activity.items():
        for p in (3, 6):
            g_fwd = stats.granger_hac(act, ret_m, p, hac_lags=p, start=a, end=b, drop=drop)    # returns -> activity
            g_bwd = stats.granger_hac(ret_m, act, p, hac_lags=p, start=a, end=b, drop=drop)    # activity -> returns
            rows.append({"sample": samp, "activity": sid, "lags": p,
                         "F(returns→activity)": g_fwd["statistic"], "p(returns→activity)": g_fwd["p_value"], "sum coef (ret→act)": g_fwd["sum_x_lags"],
                         "p(activity→returns)": g_bwd["p_value"], "sum coef (act→ret)": g_bwd["sum_x_lags"],
                         "n": g_fwd["n"]})
granger_tab = pd.DataFrame(rows).set_index(["sample", "activity", "lags"])
display(granger_tab)

# %%
ism = load("ism_manufacturing_pmi")
ism_ev = nf.ism_release_frame(spx, ism)
ism_lead = stats.ols_hac(ism_ev["d_pmi"], ism_ev[["ret_before", "d_pmi_lag"]], lags=3)
ism_after = stats.ols_hac(ism_ev["ret_after"], ism_ev[["d_pmi"]], lags=3)
ism_day = stats.ols_hac(ism_ev["ret_day"], ism_ev[["d_pmi"]], lags=1)
print("PMI change (points) on the S&P 500 return (%) over the 21 trading days before the release:")
display(ism_lead)
print("S&P 500 return (%) over the 21 trading days after the release on the PMI change:")
display(ism_after)
print("S&P 500 return (%) on the release day on the PMI change:")
display(ism_day)

# %%
d2y = tf.diff(load("DGS2")).mul(100).rename("d2y")          # bp
ERAS = {"1990-1999": ("1990", "1999"), "2000-2007": ("2000", "2007"), "2008-2015 (ZLB)": ("2008", "2015"),
        "2016-2019": ("2016", "2019"), "2020-2021": ("2020", "2021"), "2022-2026": ("2022", "2026")}
rate_tab = nf.rate_share_by_era(r_d, d2y, ERAS)
display(rate_tab)
# the essay's own episode: December-2025 cut odds swinging between the Oct 29 and Dec 10, 2025 FOMC meetings
EPISODES = {"FOMC to FOMC, 2025-10-30..2025-12-10": ("2025-10-30", "2025-12-10"),
            "2025 Sep-Dec": ("2025-09-01", "2025-12-31"), "calendar 2025": ("2025-01-01", "2025-12-31")}
ep_rows = []
for name, (a, b) in EPISODES.items():
    x = pd.concat([r_d, d2y], axis=1, sort=True).loc[a:b].dropna()
    c = x["ret"].corr(x["d2y"])
    ep_rows.append({"window": name, "days": len(x), "corr(ret, Δ2y)": c, "R²": c ** 2,
                    "cum. Δ2y, bp": x["d2y"].sum(), "cum. S&P 500 log return, %": x["ret"].sum()})
episode_tab = pd.DataFrame(ep_rows).set_index("window")
display(episode_tab)
both = pd.concat([r_d, d2y], axis=1, sort=True).loc["1990":].dropna()
by_year = both.groupby(both.index.year).apply(lambda g: g["ret"].corr(g["d2y"])).rename("corr").to_frame()
by_year["r2"] = by_year["corr"] ** 2

fig, ax = plt.subplots(figsize=(10, 4.2))
colors = np.where(by_year["corr"] >= 0, "#4c72b0", "#c44e52")
ax.bar(by_year.index, 100 * by_year["r2"], color=colors)
ax.set_title("Since 2022 the 2-year yield explains no more of daily stock moves than before")
ax.set_xlabel("calendar year")
ax.set_ylabel("R² of daily S&P 500 return on Δ2y yield, %")
ax.legend(handles=[plt.Rectangle((0, 0), 1, 1, color="#4c72b0"), plt.Rectangle((0, 0), 1, 1, color="#c44e52")],
          labels=["stocks up when 2y yield up", "stocks down when 2y yield up"], loc="upper right",
          title="sign of the relation (flips from year to year)", title_fontsize=9)
rplt.shade_recession_years(ax, USREC)
rplt.show(fig, "S&P 500 (^GSPC); 2-year Treasury yield (DGS2)", as_of_date(spx, load("DGS2")),
         note=f"{by_year.index[-1]} partial; grey = NBER recessions")

# %%
r_d2 = (r_d ** 2).rename("r2")
pay_dates = nf.payroll_release_dates(load("PAYEMS").loc["1985":].index)
rel_rows = []
for name, dates in {"payrolls (approx. calendar)": pay_dates, "ISM PMI (actual dates)": ism.index}.items():
    for era, (a, b) in {"1990-2007": ("1990", "2007"), "2008-2015": ("2008", "2015"), "2016-2026": ("2016", "2026")}.items():
        if name.startswith("ISM") and era == "1990-2007":
            continue
        rr = r_d.loc[a:b]
        pos = np.unique(rr.index.searchsorted(dates[(dates >= rr.index[0]) & (dates <= rr.index[-1])]))
        flag = pd.Series(0.0, index=rr.index)
        flag.iloc[pos[pos < len(rr)]] = 1.0
        fit = stats.ols_hac(rr ** 2, flag.rename("release"), lags=5)
        vr = nf.release_day_variance_ratio(r_d, dates, a, b)
        rel_rows.append({"release": name, "era": era, "variance ratio (release/other)": vr["ratio"],
                         "excess r² (%²)": fit.coef("release"), "t_hac": float(fit.row("release")["t"]),
                         "p": fit.p("release"), "release days": vr["n_release"], "n": fit.nobs})
release_tab = pd.DataFrame(rel_rows).set_index(["release", "era"])
display(release_tab)

# %%
recent = granger_tab.xs("2010-2026 ex-2020", level="sample").xs(3, level="lags")
lead_hits = int(((recent["p(returns→activity)"] < 0.05) & (recent["sum coef (ret→act)"] > 0)).sum())
ism_hit = bool(ism_lead.p("ret_before") < 0.05 and ism_lead.coef("ret_before") > 0)
A = (lead_hits + int(ism_hit)) >= 2
r2_now = float(rate_tab.loc["2022-2026", "r2"])
r2_pre = float(rate_tab.loc[["1990-1999", "2000-2007", "2008-2015 (ZLB)", "2016-2019"], "r2"].median())
B = (r2_now >= 0.10) and (r2_now > r2_pre)
# robustness: per-calendar-year R² lets the sign of the stock-yield relation change from year to year
r2y_now = float(by_year.loc[2022:, "r2"].median())
r2y_pre = float(by_year.loc[1990:2019, "r2"].median())
print(f"Robustness: median per-year R² 2022-2026 = {100 * r2y_now:.1f}% vs 1990-2019 = {100 * r2y_pre:.1f}%")
recent_rel = release_tab.xs("2016-2026", level="era")
C = bool(((recent_rel["p"] >= 0.05) | (recent_rel["excess r² (%²)"] <= 0)).all())
full = granger_tab.xs("1980-2026", level="sample").xs(3, level="lags")
early = granger_tab.xs("1980-2007", level="sample").xs(3, level="lags")
n_true = int(A) + int(B) + int(C)
f1_verdict = "supported" if n_true == 3 else ("not supported" if n_true == 0 else "mixed")
pay_recent = recent_rel.loc["payrolls (approx. calendar)"]
early_hits = int((early["p(returns→activity)"] < 0.05).sum())
f1_headline = (f"S&P 500 returns Granger-led payrolls, industrial production and the CFNAI before 2008 ({early_hits}/3 at 5%) "
               f"but {lead_hits}/3 in 2010-2026 excluding 2020; the prior month's return predicts the next ISM PMI change "
               f"with p={ism_lead.p('ret_before'):.3f}. Same-day 2-year yield changes explain {100 * r2_now:.2f}% of daily "
               f"S&P 500 variance in 2022-2026 vs {100 * r2_pre:.1f}% (median of the 1990-2019 eras); payroll release days "
               f"carry {pay_recent['variance ratio (release/other)']:.2f}x the variance of other days (p={pay_recent['p']:.2f}).")
f1 = book.record("F1", verdict=f1_verdict, headline=f1_headline,
            evidence={"A_prices_lead_data": fmt.yes_no(A), "B_fed_stance_dominates": fmt.yes_no(B), "C_data_days_not_special": fmt.yes_no(C),
                      "recent_granger_ret_to_act_hits_of_3": lead_hits,
                      "early_granger_ret_to_act_hits_of_3": int((early["p(returns→activity)"] < 0.05).sum()),
                      "full_granger_act_to_ret_hits_of_3": int((full["p(activity→returns)"] < 0.05).sum()),
                      "ism_pre_return_coef_pts_per_pct": ism_lead.coef("ret_before"), "ism_pre_return_p": ism_lead.p("ret_before"),
                      "r2_d2y_2022_2026": r2_now,
                      "r2_d2y_median_year_2022_2026": r2y_now, "r2_d2y_median_year_1990_2019": r2y_pre,
                      "r2_d2y_oct_dec_2025_episode": float(episode_tab.iloc[0]["R²"]), "r2_d2y_median_pre2020_eras": r2_pre,
                      "payroll_day_variance_ratio_2016_2026": float(pay_recent["variance ratio (release/other)"]),
                      "payroll_day_excess_p_2016_2026": float(pay_recent["p"])},
            tests=[{"name": f"HAC Granger returns→{sid}, 3 lags, 2010-2026 ex-2020",
                    "statistic": float(recent.loc[sid, "F(returns→activity)"]),
                    "p_value": float(recent.loc[sid, "p(returns→activity)"]), "n": int(recent.loc[sid, "n"])}
                   for sid in recent.index]
                  + [ism_lead.test("ret_before", "HAC t: PMI change on prior 21-day S&P 500 return"),
                     {"name": "R² daily S&P 500 on Δ2y, 2022-2026", "statistic": r2_now,
                      "p_value": float(rate_tab.loc["2022-2026", "p_value"]), "n": int(rate_tab.loc["2022-2026", "n"])},
                     {"name": "HAC t: excess squared return on payroll days 2016-2026", "statistic": float(pay_recent["t_hac"]),
                      "p_value": float(pay_recent["p"]), "n": int(pay_recent["n"])}],
            data_as_of=as_of_date(spx, load("PAYEMS"), load("INDPRO"), load("CFNAI"), load("DGS2"), ism),
            section="F1 — Prices lead the data; the Fed's stance moves prices")
book.show_verdict(f1)
display(Markdown(f"Parts of the rule: (A) prices lead activity data in 2010-2026: **{fmt.yes_no(A)}**; "
                 f"(B) the 2-year yield explains ≥10% of daily S&P 500 variance in 2022-2026 and more than before: **{fmt.yes_no(B)}**; "
                 f"(C) payroll and ISM release days no more volatile than other days in 2016-2026: **{fmt.yes_no(C)}**."))

# %% [markdown]
# **Reading.** Before 2008 the S&P 500 led all three activity measures — the textbook result that
# stock prices are a leading indicator — while activity did not help predict returns. Since 2010
# (leaving out the 2020 pandemic months) that lead is no longer visible in the revised monthly
# data; only the sharper real-time test, which uses the ISM PMI as first released, still finds that
# the market's move in the month before a release predicts the change in the PMI, and only
# marginally. In the full 1980–2026 sample with 6 lags, activity appears to "predict" returns, but
# that result comes from the 2020 collapse-and-rebound and disappears once those months are
# excluded. So "data lag prices" is an old regularity that has, if anything, weakened — the
# opposite of the claim that it is new. The 2-year yield's share of daily variance is not higher
# after 2022 than in 2008–2019: the sign of the stock–yield relation flipped (2022: higher yields,
# lower stocks; 2025: the reverse; 2026 negative again), so a single-regression "Fed stance" share
# is small. Even in the essay's own episode — the swing in December-cut odds between the 29 October
# and 10 December 2025 FOMC meetings — same-day 2-year yield changes explain almost none of the
# daily S&P 500 moves (episode table). What does fit the claim: payroll and ISM release days are
# not significantly more volatile than other days in 2016–2026. The test cannot see intraday moves
# on officials' remarks or the futures-implied cut odds quoted in the essay (fed funds futures are
# not in our data); the 2-year yield is the closest daily proxy.

# %% [markdown]
# ### F2 — Volatility targeting amplifies moves <a id="F2"></a>
#
# **Claim, in our words.** Funds that target a constant volatility cut equity exposure when
# volatility rises and add when it falls; because volatility rises in sell-offs, they sell weakness
# and buy strength and so amplify moves in both directions.
#
# **Operational hypothesis.** Build the flow of a transparent vol-target rule: exposure
# $e_t = \min(1.5,\ 10\% / \hat\sigma_t)$ with $\hat\sigma_t$ the trailing 21-day realised volatility
# (63-day as robustness); the flow is $\Delta e_t$, decided at the close and traded from the next
# day. If such flows amplify moves, (i) the flow correlates positively with the *following* 5-day
# return (selling is followed by further declines, buying by further gains) and/or (ii) de-leveraging
# (selling) predicts higher realised volatility over the next 5 days beyond what a HAR model of
# volatility persistence predicts; and both effects should be stronger after 2012, when
# vol-control and risk-parity assets became large, than in 1962–2007.
#
# **Data.** `^GSPC` daily log returns, 1962–2026. The rule's flow is ours: actual vol-control fund
# positions are not public, and no estimate of their size is in the data.
#
# **Tests.** Correlation of flow with the past and forward 5-day return, with a moving-block
# bootstrap p-value (blocks of 21 days, rows resampled jointly) and a permutation ("shuffled
# returns") p-value; HAR regression with HAC errors.
#
# **Rule.** Amplification evidence = positive flow→forward-return correlation with bootstrap p < 0.05
# *or* positive HAR selling coefficient with p < 0.05. Supported if present in 2012–2026 (21-day rule)
# and larger there than in 1962–2007; not supported if absent in every sample and window; mixed
# otherwise.

# %%
r_frac = (r_d / 100).loc["1962":]
F2_SAMPLES = {"1962-2026": ("1962", "2026"), "1962-2007": ("1962", "2007"), "2012-2026": ("2012", "2026")}
f2_rows = []
frames = {}
for window in (21, 63):
    fr_all = nf.vol_target_frame(r_frac, target=0.10, window=window, cap=1.5, h=5)
    frames[window] = fr_all
    for samp, (a, b) in F2_SAMPLES.items():
        fr = fr_all.loc[a:b]
        bb = stats.block_bootstrap_pvalue(lambda a: np.corrcoef(a[:, 0], a[:, 1])[0, 1],
                                          fr[["flow", "fwd_ret"]].to_numpy(), n_boot=400, block=21, seed=1)
        sh = stats.shuffle_pvalue(lambda d: np.corrcoef(d.iloc[:, 0].to_numpy(), d.iloc[:, 1].to_numpy())[0, 1],
                                  fr[["fwd_ret", "flow"]], column="fwd_ret", n_perm=400, seed=2)
        har = nf.har_flow_test(fr)
        f2_rows.append({"vol window": window, "sample": samp,
                        "corr(flow, past 5d ret)": fr["flow"].corr(fr["past_ret"]),
                        "corr(flow, next 5d ret)": bb["statistic"], "p block-bootstrap": bb["p_value"],
                        "p shuffled": sh["p_value"], "HAR sell coef": har["coef_sell"], "HAR p": har["p_value"],
                        "n": har["n"], "mean |flow| (x AUM/day)": fr["flow"].abs().mean()})
f2_tab = pd.DataFrame(f2_rows).set_index(["vol window", "sample"])
display(f2_tab)

# %%
fr = frames[21]
dec = fr.assign(decile=pd.qcut(fr["flow"].rank(method="first"), 10, labels=range(1, 11)))
fig, ax = plt.subplots(figsize=(9, 4.2))
w = 0.38
for k, (samp, (a, b)) in enumerate({"1962-2007": ("1962", "2007"), "2012-2026": ("2012", "2026")}.items()):
    m = dec.loc[a:b].groupby("decile", observed=True)["fwd_ret"].mean() * 100
    ax.bar(np.arange(1, 11) + (k - 0.5) * w, m.values, width=w, label=samp)
ax.axhline(0, color="black", lw=0.8)
ax.set_xticks(range(1, 11))
ax.set_title("Vol-target selling is not followed by further declines")
ax.set_xlabel("decile of vol-target flow (1 = heaviest selling, 10 = heaviest buying)")
ax.set_ylabel("mean next-5-day S&P 500 log return, %")
ax.legend(title="sample")
rplt.show(fig, "S&P 500 (^GSPC)", SPX_ASOF, note="rule: 10% vol target, 21-day realised vol, 1.5x cap")

# %%
def amp(row) -> bool:
    return bool((row["corr(flow, next 5d ret)"] > 0 and row["p block-bootstrap"] < 0.05)
                or (row["HAR sell coef"] > 0 and row["HAR p"] < 0.05))


amp_flags = f2_tab.apply(amp, axis=1)
recent_row, early_row = f2_tab.loc[(21, "2012-2026")], f2_tab.loc[(21, "1962-2007")]
stronger = recent_row["corr(flow, next 5d ret)"] > early_row["corr(flow, next 5d ret)"]
if amp_flags.loc[(21, "2012-2026")] and stronger:
    f2_verdict = "supported"
elif not amp_flags.any():
    f2_verdict = "not supported"
else:
    f2_verdict = "mixed"
full_row = f2_tab.loc[(21, "1962-2026")]
f2_headline = (f"A 10%-target rule does sell after vol rises, but its flow only weakly tracks past returns "
               f"(corr {full_row['corr(flow, past 5d ret)']:.2f}); flow vs next-5-day return corr "
               f"{recent_row['corr(flow, next 5d ret)']:.3f} in 2012-2026 (bootstrap p={recent_row['p block-bootstrap']:.2f}); "
               f"selling does not raise next-week vol beyond HAR (coef {recent_row['HAR sell coef']:.3f}, p={recent_row['HAR p']:.2f}).")
f2 = book.record("F2", verdict=f2_verdict, headline=f2_headline,
            evidence={"corr_flow_past5d_1962_2026": full_row["corr(flow, past 5d ret)"],
                      "corr_flow_next5d_2012_2026": recent_row["corr(flow, next 5d ret)"],
                      "corr_flow_next5d_1962_2007": early_row["corr(flow, next 5d ret)"],
                      "har_sell_coef_2012_2026": recent_row["HAR sell coef"], "har_sell_p_2012_2026": recent_row["HAR p"],
                      "samples_with_amplification_evidence": int(amp_flags.sum()), "samples_tested": int(len(amp_flags))},
            tests=[{"name": "block bootstrap: corr(vol-target flow, next 5d return), 2012-2026",
                    "statistic": recent_row["corr(flow, next 5d ret)"], "p_value": recent_row["p block-bootstrap"],
                    "n": int(recent_row["n"])},
                   {"name": "shuffled returns: corr(vol-target flow, next 5d return), 2012-2026",
                    "statistic": recent_row["corr(flow, next 5d ret)"], "p_value": recent_row["p shuffled"],
                    "n": int(recent_row["n"])},
                   {"name": "HAR + selling flow, HAC p, 2012-2026", "statistic": recent_row["HAR sell coef"],
                    "p_value": recent_row["HAR p"], "n": int(recent_row["n"])}],
            data_as_of=SPX_ASOF, section="F2 — Volatility targeting amplifies moves")
book.show_verdict(f2)

# %% [markdown]
# **Reading.** The first half of the claim is true by construction of the rule — a vol-target fund
# must sell when realised volatility jumps — but the link to "selling weakness" is loose: volatility
# also rises on large *up* days, so the rule's flow correlates only weakly with the past week's
# return. The amplification half is what the data can test. The forward correlations are close to
# zero and slightly negative in most samples — days of heavy rule-selling are followed by ordinary,
# positive average returns, not by further declines — and the pattern did not strengthen as
# vol-control assets grew. Nor does selling predict extra volatility: in the HAR regressions the
# selling coefficient is negative (significantly so before 2008), i.e. volatility after a
# de-leveraging signal subsides slightly faster than its own persistence predicts. What the
# test cannot see is the intraday price impact of the rebalancing itself, which is where
# amplification would show first; that needs fund-level positioning or intraday order-flow data.

# %% [markdown]
# ### F3 — CTA trend thresholds create forced flows <a id="F3"></a>
#
# **Claim, in our words.** Trend-following funds flip between long and short at preset trend
# thresholds, and the resulting forced flows push the index in the new direction for days, with no
# news about fundamentals.
#
# **Operational hypothesis.** Use three standard trend signals on the S&P 500 — price above/below its
# 200-day moving average, the 50-day vs 200-day moving average, and 12-1 month momentum (log return
# from 252 to 21 trading days ago). If crossings trigger forced flows, the return over the next
# 1, 5, 10 and 21 days, *signed in the direction of the new signal*, should be larger after a
# crossing than the signed return on other days (when the prevailing trend is followed anyway).
#
# **Data.** `^GSPC` daily closes, 1951–2026 (signals need 252 days of history); sub-samples
# 1951–1999 and 2000–2026 (the era of large managed-futures assets).
#
# **Test.** Premium = mean signed forward return after crossings − mean on other days. HAC
# regression (lags = horizon) and a moving-block bootstrap p-value (blocks of 21 days, 300 draws).
#
# **Rule.** Supported if the premium is positive with bootstrap p < 0.05 at 5 or 10 days for ≥2 of the
# 3 signals in the full sample; not supported if no signal shows a positive premium with p < 0.05 at
# any horizon in any sample; mixed otherwise.

# %%
px50 = spx.loc["1950":]
signals = nf.trend_signals(px50)
f3_rows = []
for sig_name in signals:
    for h in (1, 5, 10, 21):
        cf_all = nf.crossing_frame(px50, signals[sig_name], h)
        for samp, (a, b) in {"1951-2026": ("1951", "2026"), "1951-1999": ("1951", "1999"),
                             "2000-2026": ("2000", "2026")}.items():
            cf = cf_all.loc[a:b].assign(signed_fwd=lambda d: 100 * d["signed_fwd"])
            fit = stats.ols_hac(cf["signed_fwd"], cf[["cross"]], lags=h)
            prem = lambda a: a[a[:, 1] == 1, 0].mean() - a[a[:, 1] == 0, 0].mean()
            bb = stats.block_bootstrap_pvalue(prem, cf[["signed_fwd", "cross"]].to_numpy(), n_boot=400, block=21, seed=3)
            up = cf.loc[(cf["cross"] == 1) & (cf["s"] > 0), "signed_fwd"].mean()
            down = cf.loc[(cf["cross"] == 1) & (cf["s"] < 0), "signed_fwd"].mean()
            f3_rows.append({"signal": sig_name, "h (days)": h, "sample": samp, "crossings": int(cf["cross"].sum()),
                            "after crossing %": cf.loc[cf["cross"] == 1, "signed_fwd"].mean(),
                            "other days %": cf.loc[cf["cross"] == 0, "signed_fwd"].mean(),
                            "premium %": bb["statistic"], "p HAC": fit.p("cross"), "p bootstrap": bb["p_value"],
                            "after up-cross %": up, "after down-cross %": down})
f3_tab = pd.DataFrame(f3_rows).set_index(["signal", "h (days)", "sample"])
display(f3_tab.xs("1951-2026", level="sample"))
display(f3_tab.xs("2000-2026", level="sample"))

# %%
lp50 = np.log(px50)
fig, axes = plt.subplots(1, 3, figsize=(12, 4), sharey=True)
for ax, sig_name in zip(axes, signals):
    s = signals[sig_name]
    cross = (s != s.shift(1)) & s.shift(1).notna()
    paths_c, paths_o = [], []
    for h in range(0, 22):
        fwd = s * (lp50.shift(-h) - lp50) * 100
        paths_c.append(fwd[cross].mean())
        paths_o.append(fwd[~cross & s.notna()].mean())
    ax.plot(range(22), paths_c, label="after a crossing (signed by new signal)")
    ax.plot(range(22), paths_o, label="other days (signed by current signal)", ls="--")
    ax.axhline(0, color="black", lw=0.8)
    ax.set_title({"price_vs_ma200": "price vs 200-day average", "ma50_vs_ma200": "50- vs 200-day average",
                  "mom_12_1": "12-1 month momentum"}[sig_name], fontsize=11)
    ax.set_xlabel("trading days after the signal date")
axes[0].set_ylabel("mean cumulative signed log return, %")
axes[0].legend(loc="upper left", fontsize=8.5)
fig.suptitle("Trend crossings are not followed by stronger moves in the new direction", x=0.01, ha="left",
             fontweight="bold", fontsize=13)
rplt.show(fig, "S&P 500 (^GSPC), 1951-2026", SPX_ASOF)

# %%
full3 = f3_tab.xs("1951-2026", level="sample")
sig_hits = 0
for sig_name in signals:
    sub = full3.loc[sig_name].loc[[5, 10]]
    sig_hits += int(((sub["premium %"] > 0) & (sub["p bootstrap"] < 0.05)).any())
any_pos = bool(((f3_tab["premium %"] > 0) & (f3_tab["p bootstrap"] < 0.05)).any())
any_neg = f3_tab[(f3_tab["premium %"] < 0) & (f3_tab["p bootstrap"] < 0.05)]
f3_verdict = "supported" if sig_hits >= 2 else ("not supported" if not any_pos else "mixed")
ma_recent = f3_tab.loc[("price_vs_ma200", 10, "2000-2026")]
f3_headline = (f"{sig_hits}/3 trend signals show a positive 5-10 day continuation premium after crossings (1951-2026); "
               f"{int(((f3_tab['premium %'] > 0) & (f3_tab['p bootstrap'] < 0.05)).sum())} of {len(f3_tab)} signal-horizon-sample cells "
               f"are positive and significant, {len(any_neg)} significantly negative (e.g. 200-day MA, 10 days, 2000-2026: "
               f"{ma_recent['premium %']:+.2f}%, bootstrap p={ma_recent['p bootstrap']:.2f}).")
f3 = book.record("F3", verdict=f3_verdict, headline=f3_headline,
            evidence={"signals_with_positive_significant_premium_5_10d": sig_hits,
                      "cells_positive_significant": int(((f3_tab["premium %"] > 0) & (f3_tab["p bootstrap"] < 0.05)).sum()),
                      "cells_negative_significant": int(len(any_neg)), "cells_tested": int(len(f3_tab)),
                      "ma200_10d_premium_2000_2026_pct": ma_recent["premium %"],
                      "ma200_crossings_2000_2026": int(ma_recent["crossings"])},
            tests=[{"name": f"block bootstrap premium {sig}, 10d, 1951-2026",
                    "statistic": float(full3.loc[(sig, 10), "premium %"]), "p_value": float(full3.loc[(sig, 10), "p bootstrap"]),
                    "n": int(full3.loc[(sig, 10), "crossings"])} for sig in signals],
            data_as_of=SPX_ASOF, section="F3 — CTA trend thresholds create forced flows")
book.show_verdict(f3)

# %% [markdown]
# **Reading.** Signed returns after trend crossings are, if anything, *weaker* than on ordinary days:
# crossings of the 200-day average since 2000 tend to be followed by reversals (whipsaws), not
# by days of continuation. This does not prove CTAs are small — their flows may be absorbed within
# the day, or be front-run so the price impact comes *before* the threshold — but it rejects the
# testable implication that index moves continue for days after the standard thresholds. CTA
# positioning estimates (e.g. from prime brokers) are not in our data.

# %% [markdown]
# ### F4 — Buybacks: the largest buyer, and the window effect <a id="F4"></a>
#
# **Claim, in our words.** Companies buying back their own stock are the largest net buyer of US
# equities, and the market is stronger while the buyback window is open than during blackouts.
#
# **Operational hypothesis.** With an explicit, approximate blackout calendar — *closed* from the 16th
# of the last month of each calendar quarter (mid-March, June, September, December) through the
# 25th of the first month of the next quarter, when most S&P 500 companies have reported and their
# blackout (typically lifted a day or two after the report) has ended — the mean daily S&P 500
# return is higher on open-window days. Robustness: a broad calendar (the whole quarter-end month
# and the whole reporting month closed). Placebo: 1950–1982, before SEC Rule 10b-18 (Nov 1982) gave
# buybacks a safe harbour and when they were small; a window effect there could not be buybacks.
#
# **Data.** `^GSPC` daily log returns, 1950–2026. The "largest net buyer" part needs sector flows
# of corporate equities (Federal Reserve Z.1 Financial Accounts, table F.223: net issuance by
# nonfinancial corporations vs net purchases by households, funds and foreigners), which are not in
# our data: that part is **untestable** here.
#
# **Test.** HAC regression of daily returns on an open-window dummy (NW lags 5).
#
# **Rule.** Window effect supported if the open-window premium is positive with p < 0.05 in 1983–2026
# (main calendar) and not also present in the pre-1983 placebo; rejected if the premium is ≤ 0 or
# p ≥ 0.10. Because the net-buyer half is untestable, the claim as a whole is at best **mixed**: a
# supported window effect gives "mixed", a rejected one "not supported".

# %%
CALS = {"main (16th of qtr-end month to 25th of next)": (16, 25), "broad (qtr-end month + reporting month)": (1, 31)}
F4_SAMPLES = {"1950-1982 placebo": ("1950", "1982"), "1983-2026": ("1983", "2026"),
              "1983-2003": ("1983", "2003"), "2004-2026": ("2004", "2026")}
f4_rows = []
for cal, (cd, rd) in CALS.items():
    open_ = nf.buyback_window_open(r_d.index, cd, rd).astype(float)
    for samp, (a, b) in F4_SAMPLES.items():
        fit = stats.ols_hac(r_d.loc[a:b], open_.loc[a:b], lags=5)
        f4_rows.append({"calendar": cal, "sample": samp, "share of days open": open_.loc[a:b].mean(),
                        "closed mean %/day": fit.coef("const"), "open premium %/day": fit.coef("open"),
                        "premium, % per year": 252 * fit.coef("open"), "t_hac": float(fit.row("open")["t"]),
                        "p": fit.p("open"), "n": fit.nobs})
f4_tab = pd.DataFrame(f4_rows).set_index(["calendar", "sample"])
display(f4_tab)

# %%
rq = r_d.loc["1983":].to_frame()
q_start = rq.index.to_period("Q").start_time
rq["day_of_qtr"] = (rq.index - q_start).days + 1
prof = rq.groupby("day_of_qtr")["ret"].mean().loc[1:91]
prof_pre = r_d.loc["1950":"1982"].to_frame()
prof_pre["day_of_qtr"] = (prof_pre.index - prof_pre.index.to_period("Q").start_time).days + 1
prof_pre = prof_pre.groupby("day_of_qtr")["ret"].mean().loc[1:91]
fig, ax = plt.subplots(figsize=(9, 4.2))
ax.plot(prof.index, prof.cumsum(), label="1983-2026")
ax.plot(prof_pre.index, prof_pre.cumsum(), label="1950-1982 (placebo)", ls="--")
ax.axvspan(1, 25, color="grey", alpha=0.15, lw=0, label="approx. blackout (main calendar)")
ax.axvspan(76, 91, color="grey", alpha=0.15, lw=0)
ax.set_title("The average quarter shows no slump during the buyback blackout")
ax.set_xlabel("calendar day of the quarter (1 = first day of Jan/Apr/Jul/Oct)")
ax.set_ylabel("cumulative mean daily log return, %")
ax.legend(loc="upper left")
rplt.show(fig, "S&P 500 (^GSPC)", SPX_ASOF, note="approximate blackout calendar, see text")

# %%
main = f4_tab.xs("main (16th of qtr-end month to 25th of next)", level="calendar")
m83, plac = main.loc["1983-2026"], main.loc["1950-1982 placebo"]
placebo_pos = (plac["open premium %/day"] > 0) and (plac["p"] < 0.05)
window_supported = (m83["open premium %/day"] > 0) and (m83["p"] < 0.05) and not placebo_pos
window_rejected = (m83["open premium %/day"] <= 0) or (m83["p"] >= 0.10)
f4_verdict = "mixed" if window_supported else ("not supported" if window_rejected else "mixed")
broad83 = f4_tab.loc[("broad (qtr-end month + reporting month)", "1983-2026")]
f4_headline = (f"Open-window premium {m83['premium, % per year']:+.1f}%/yr (p={m83['p']:.2f}) in 1983-2026 on the main calendar, "
               f"{broad83['premium, % per year']:+.1f}%/yr (p={broad83['p']:.2f}) on the broad one, placebo 1950-82 "
               f"{plac['premium, % per year']:+.1f}%/yr; 'largest net buyer' untestable without Fed Z.1 table F.223 flows.")
f4 = book.record("F4", verdict=f4_verdict, headline=f4_headline,
            evidence={"open_premium_pct_per_year_1983_2026": m83["premium, % per year"], "p_1983_2026": m83["p"],
                      "open_premium_pct_per_year_2004_2026": main.loc["2004-2026", "premium, % per year"],
                      "p_2004_2026": main.loc["2004-2026", "p"],
                      "broad_premium_pct_per_year_1983_2026": broad83["premium, % per year"], "broad_p_1983_2026": broad83["p"],
                      "placebo_premium_pct_per_year_1950_1982": plac["premium, % per year"],
                      "window_part": "supported" if window_supported else ("rejected" if window_rejected else "inconclusive"),
                      "net_buyer_part": "untestable: needs Fed Z.1 F.223 sector flows of corporate equities"},
            tests=[{"name": "HAC t: open-window dummy, main calendar, 1983-2026", "statistic": float(m83["t_hac"]),
                    "p_value": float(m83["p"]), "n": int(m83["n"])},
                   {"name": "HAC t: open-window dummy, broad calendar, 1983-2026", "statistic": float(broad83["t_hac"]),
                    "p_value": float(broad83["p"]), "n": int(broad83["n"])},
                   {"name": "HAC t: open-window dummy, main calendar, placebo 1950-1982", "statistic": float(plac["t_hac"]),
                    "p_value": float(plac["p"]), "n": int(plac["n"])}],
            data_as_of=SPX_ASOF, section="F4 — Buybacks: the largest buyer, and the window effect")
book.show_verdict(f4)

# %% [markdown]
# **Reading.** On a daily-return basis the market is not measurably stronger while the aggregate
# buyback window is open, in either calendar and in both the early and the recent buyback era.
# Buybacks are large — S&P Dow Jones Indices reported record S&P 500 buybacks of roughly
# \$940 billion for calendar 2024 (quoted from their quarterly buyback release, March 2025) — but
# a large buyer that spreads purchases through the open window and whose blackouts are staggered
# across companies need not leave a calendar footprint in index returns. Two caveats: our
# calendar is an approximation (actual blackout dates are company-specific and not public in bulk),
# and companies can keep buying through 10b5-1 plans during blackouts, which blurs the contrast.

# %% [markdown]
# ### F5 — An inverted VIX curve is hedging, not panic <a id="F5"></a>
#
# **Claim, in our words.** When 1-month implied volatility (VIX) trades above 3-month (VIX3M),
# it reflects a short-term imbalance in hedging demand rather than genuine fear; a VIX spike is not
# the same as panic.
#
# **Operational hypothesis.** If inversions are hedging imbalances, they should unwind: VIX should
# fall over the following 1–21 days more than on other days (mean reversion), and forward S&P 500
# returns should not be worse than on other days (panic would predict continued selling). For the
# term structure itself to carry information, the VIX decline after inversion should remain when we
# control for how elevated VIX is (log VIX relative to its 1-year mean).
#
# **Data.** `^VIX` and `^VIX3M` daily closes (CBOE history, 2009-09 onwards), `^GSPC`. Robustness:
# FRED `VIXCLS`/`VXVCLS` with FRED `SP500` (2016–2026-03).
#
# **Test.** HAC regressions (lags = horizon) of forward returns (%) and VIX changes (points) on an
# inversion dummy, with and without the level control; a moving-block bootstrap p-value for the
# 21-day VIX-change difference.
#
# **Rule.** (a) 21-day VIX change lower after inversion, p < 0.05; (b) 21-day return difference ≥ 0;
# (c) with the level control, the inversion coefficient on the 5- or 21-day VIX change is negative
# with p < 0.05. Supported if a, b and c; not supported if not a, or if forward returns are
# significantly lower after inversion (p < 0.05); mixed otherwise.

# %%
vix, vix3m = load("^VIX"), load("^VIX3M")
VIX_SETS = {"CBOE/Yahoo (^VIX, ^VIX3M, ^GSPC)": nf.vix_term_frame(spx, vix, vix3m),
            "FRED (VIXCLS, VXVCLS, SP500)": nf.vix_term_frame(load("SP500"), load("VIXCLS"), load("VXVCLS"))}
f5_rows = []
for src, vt in VIX_SETS.items():
    for h in (1, 5, 21):
        for y in ("ret", "dvix"):
            col = f"{y}_{h}d"
            u = stats.ols_hac(vt[col], vt[["inv"]], lags=h)
            c = stats.ols_hac(vt[col], vt[["inv", "vix_dev"]], lags=h)
            f5_rows.append({"data": src, "outcome": "S&P 500 return %" if y == "ret" else "VIX change, pts", "h": h,
                            "mean if inverted": vt.loc[vt["inv"] == 1, col].mean(),
                            "mean otherwise": vt.loc[vt["inv"] == 0, col].mean(),
                            "diff": u.coef("inv"), "p HAC": u.p("inv"),
                            "diff | VIX level": c.coef("inv"), "p | level": c.p("inv"), "n": u.nobs})
f5_tab = pd.DataFrame(f5_rows).set_index(["data", "outcome", "h"])
display(f5_tab)
vt = VIX_SETS["CBOE/Yahoo (^VIX, ^VIX3M, ^GSPC)"]
inv_share_year = vt.groupby(vt.index.year)["inv"].mean().mul(100).round(1).rename("% of days inverted")
display(inv_share_year.to_frame().T)
dv = vt[["dvix_21d", "inv"]].dropna()
bb5 = stats.block_bootstrap_pvalue(lambda a: a[a[:, 1] == 1, 0].mean() - a[a[:, 1] == 0, 0].mean(),
                                   dv.to_numpy(), n_boot=1000, block=21, seed=5)
print(f"21-day VIX change, inverted minus other days: {bb5['statistic']:.2f} pts, block-bootstrap p = {bb5['p_value']:.3f}")

# %%
main5 = f5_tab.xs("CBOE/Yahoo (^VIX, ^VIX3M, ^GSPC)", level="data")
fig, axes = plt.subplots(1, 2, figsize=(11, 4))
for ax, (outcome, unit) in zip(axes, [("S&P 500 return %", "mean forward S&P 500 log return, %"),
                                      ("VIX change, pts", "mean forward change in VIX, index points")]):
    sub = main5.xs(outcome, level="outcome")
    x = np.arange(len(sub))
    ax.bar(x - 0.2, sub["mean if inverted"], width=0.4, label="VIX > VIX3M (inverted)", color="#c44e52")
    ax.bar(x + 0.2, sub["mean otherwise"], width=0.4, label="otherwise", color="#4c72b0")
    ax.set_xticks(x, [f"{h} day{'s' if h > 1 else ''}" for h in sub.index])
    ax.axhline(0, color="black", lw=0.8)
    ax.set_xlabel("horizon after the close")
    ax.set_ylabel(unit)
axes[0].legend(loc="upper left")
fig.suptitle("After an inverted VIX curve, VIX falls back and stocks rise", x=0.01, ha="left", fontweight="bold", fontsize=13)
rplt.show(fig, "CBOE VIX, VIX3M; S&P 500 (^GSPC)", as_of_date(spx, vix, vix3m),
         note=f"from 2009-09; inverted on {100 * vt['inv'].mean():.1f}% of days")

# %%
d21v, d21r = main5.loc[("VIX change, pts", 21)], main5.loc[("S&P 500 return %", 21)]
a5 = (d21v["diff"] < 0) and (d21v["p HAC"] < 0.05)
b5 = d21r["diff"] >= 0
c5 = any((main5.loc[("VIX change, pts", h), "diff | VIX level"] < 0) and (main5.loc[("VIX change, pts", h), "p | level"] < 0.05)
         for h in (5, 21))
ret_sig_neg = bool(((main5.xs("S&P 500 return %", level="outcome")["diff"] < 0)
                    & (main5.xs("S&P 500 return %", level="outcome")["p HAC"] < 0.05)).any())
f5_verdict = "supported" if (a5 and b5 and c5) else ("not supported" if (not a5 or ret_sig_neg) else "mixed")
fred21 = f5_tab.loc[("FRED (VIXCLS, VXVCLS, SP500)", "VIX change, pts", 21)]
lvl5 = main5.loc[("VIX change, pts", 5)]
f5_headline = (f"VIX > VIX3M on {100 * vt['inv'].mean():.1f}% of days since 2009-09; over the next 21 days VIX changes "
               f"{d21v['mean if inverted']:+.1f} pts after an inversion vs {d21v['mean otherwise']:+.1f} otherwise (HAC p={d21v['p HAC']:.3f}) "
               f"and the S&P 500 returns {d21r['mean if inverted']:+.1f}% vs {d21r['mean otherwise']:+.1f}%; controlling for how "
               f"elevated VIX is, the inversion effect on the 5-day VIX change is {lvl5['diff | VIX level']:+.1f} pts "
               f"(p={lvl5['p | level']:.3f}).")
f5 = book.record("F5", verdict=f5_verdict, headline=f5_headline,
            evidence={"share_days_inverted_pct": 100 * vt["inv"].mean(),
                      "dvix_21d_inverted": d21v["mean if inverted"], "dvix_21d_other": d21v["mean otherwise"],
                      "ret_21d_inverted_pct": d21r["mean if inverted"], "ret_21d_other_pct": d21r["mean otherwise"],
                      "dvix_5d_diff_given_level": main5.loc[("VIX change, pts", 5), "diff | VIX level"],
                      "dvix_21d_diff_given_level": main5.loc[("VIX change, pts", 21), "diff | VIX level"],
                      "fred_dvix_21d_diff": fred21["diff"], "fred_dvix_21d_p": fred21["p HAC"],
                      "a_mean_reversion": fmt.yes_no(a5), "b_returns_not_worse": fmt.yes_no(b5), "c_beyond_level": fmt.yes_no(c5)},
            tests=[{"name": "HAC t: 21d VIX change on inversion dummy", "statistic": float(d21v["diff"]),
                    "p_value": float(d21v["p HAC"]), "n": int(d21v["n"])},
                   {"name": "block bootstrap: 21d VIX change inverted - other", "statistic": bb5["statistic"],
                    "p_value": bb5["p_value"], "n": bb5["n"]},
                   {"name": "HAC t: 21d S&P 500 return on inversion dummy", "statistic": float(d21r["diff"]),
                    "p_value": float(d21r["p HAC"]), "n": int(d21r["n"])},
                   {"name": "HAC t: 5d VIX change on inversion | VIX level", "statistic": float(main5.loc[("VIX change, pts", 5), "diff | VIX level"]),
                    "p_value": float(main5.loc[("VIX change, pts", 5), "p | level"]), "n": int(main5.loc[("VIX change, pts", 5), "n"])}],
            data_as_of=as_of_date(spx, vix, vix3m), section="F5 — An inverted VIX curve is hedging, not panic")
book.show_verdict(f5)

# %% [markdown]
# **Reading.** Inversions are uncommon (about one day in thirteen, clustered in 2010–2011,
# 2014–2016, 2018, 2020, 2022 and spring 2025) and they unwind: VIX falls sharply and the S&P 500 has on average risen
# over the following month. Much of that is ordinary mean reversion of a high VIX — with the level
# control the extra decline shrinks by more than half — so the term structure adds only a modest
# amount of information beyond "VIX is high". The data are consistent with "not lasting panic";
# they cannot distinguish hedging demand from fear directly (that needs options positioning or
# dealer-gamma data, which we do not have). The averages also hide fat left tails: some inversions
# (autumn 2008 is before our VIX3M sample; March 2020) were followed by further large losses.

# %% [markdown]
# ### F6 — The 2026 liquidity wave, led by the Treasury <a id="F6"></a>
#
# **Claim, in our words.** In 2026 a liquidity wave arrives that markets have not priced, and
# Treasury operations (cash balance, issuance mix) replace Fed QE as the main liquidity channel.
#
# **Operational hypothesis (checked ex post).** (i) *Wave*: net liquidity (Fed total assets − TGA −
# overnight reverse repo, billions) rises in 2026 by more than in the same weeks of 2025, by a
# change in the top quartile of all same-length changes 2010–2025, and is higher than a year
# earlier at the last common date. (ii) *Treasury-led*: in the 2026 year-to-date change, the
# contribution of a falling TGA (−ΔTGA) is positive and larger than the contribution of the Fed's
# balance sheet (ΔWALCL). "Treasury-led" would show as a TGA drawdown and bill-financed deficits with
# a flat Fed balance sheet; "Fed-led" as a growing WALCL.
#
# **Data.** `net_liquidity()` (WALCL, WTREGEN, RRPONTSYD; weekly, Wednesday levels, billions);
# `TREAST` (Fed Treasury holdings), `WSHOMCB` (MBS), `WRESBAL` (reserves), `M2SL` (monthly).
# The TGA series has a gap from 2025-11-26 to 2025-12-31 and ends 2026-05-27, so net liquidity ends
# there; the Fed balance sheet runs to 2026-08-19 and M2 to June 2026.
#
# **Comparison table.** Each series' change in 2026 (weekly series: from the first Wednesday of
# 2026; M2: from December 2025) to its own last observation, beside the change over the same
# calendar span of 2025 and the year-on-year change at the last observation, in \$ billions. This
# table is descriptive context; the rule below uses net liquidity and its components only.
#
# **Rule.** Supported if (i) and (ii); not supported if neither; mixed if one. The "not priced"
# and "sentiment-driven" parts are not testable with price data alone (they need positioning or
# survey data) and are not scored.

# %%
nl = net_liquidity()
nl_ok = nl.dropna(subset=["net_liquidity"])
last = nl_ok.index[-1]
start26 = nl_ok.loc["2026-01-01":].index[0]
# same calendar weeks one year earlier
start25 = nl_ok.index[nl_ok.index.get_indexer([start26 - pd.DateOffset(years=1)], method="nearest")[0]]
last25 = nl_ok.index[nl_ok.index.get_indexer([last - pd.DateOffset(years=1)], method="nearest")[0]]


def decomp(a, b) -> dict:
    x, y = nl_ok.loc[a], nl_ok.loc[b]
    return {"from": a.date(), "to": b.date(), "Δ net liquidity": y["net_liquidity"] - x["net_liquidity"],
            "ΔWALCL (Fed assets)": y["walcl"] - x["walcl"], "−ΔTGA (Treasury cash)": -(y["tga"] - x["tga"]),
            "−ΔRRP": -(y["rrp"] - x["rrp"])}


dec_tab = pd.DataFrame({"2026 year to date": decomp(start26, last), "same weeks of 2025": decomp(start25, last25),
                        "year over year": decomp(last25, last),
                        "since QT ended (last obs. before 2025-12-01)": decomp(nl_ok.loc[:"2025-12-01"].index[-1], last)}).T
display(dec_tab)
n_weeks = int(round((last - start26).days / 7))
nl_hist = nl_ok["net_liquidity"].asfreq("W-WED")
pct = nf.same_length_change_pctile(nl_hist, n_weeks, float(dec_tab.loc["2026 year to date", "Δ net liquidity"]), "2010", "2025")
print(f"2026 YTD change ({n_weeks} weeks) is at the {pct:.0f}th percentile of all {n_weeks}-week changes 2010-2025.")

bs = pd.DataFrame({sid: load(sid) / 1000 for sid in ["WALCL", "TREAST", "WSHOMCB", "WRESBAL"]})
bs_q = bs.loc["2025-11-26":].dropna()
bs_tab = pd.DataFrame({"2025-12-03": bs.loc["2025-12-03"], bs_q.index[-1].strftime("%Y-%m-%d"): bs_q.iloc[-1]})
bs_tab["change, $bn"] = bs_tab.iloc[:, 1] - bs_tab.iloc[:, 0]
months_since = (bs_q.index[-1] - pd.Timestamp("2025-12-03")).days / 30.44
bs_tab["per month, $bn"] = bs_tab["change, $bn"] / months_since
display(bs_tab)
m2 = load("M2SL")
m2_tab = pd.DataFrame({"M2 y/y %": tf.yoy(m2), "M2 6-month annualised %": 100 * ((m2 / m2.shift(6)) ** 2 - 1)}).loc["2024-06":].iloc[::3]
display(m2_tab)

# 2026 vs 2025 side by side, each series to its own last observation ($ billions; M2SL is in billions)
cmp_series = {"net liquidity (WALCL − TGA − RRP)": (nl_ok["net_liquidity"], "first"),
              "Fed total assets (WALCL)": (nl["walcl"], "first"),
              "Fed Treasury holdings (TREAST)": (bs["TREAST"], "first"),
              "bank reserves (WRESBAL)": (bs["WRESBAL"], "first"),
              "Treasury General Account (TGA)": (nl["tga"], "first"),
              "reverse repo (RRP)": (nl["rrp"].loc[:load("RRPONTSYD").attrs["as_of"]], "first"),   # drop the week not yet ended
              "M2 money stock (M2SL, monthly)": (m2, "december")}
cmp_tab = pd.DataFrame({k: nf.this_year_vs_last(v, 2026, base) for k, (v, base) in cmp_series.items()}).T
cmp_tab.loc["reverse repo (RRP)", ["% change in 2026", "% change, same span 2025"]] = np.nan   # near-zero base
cmp_tab = cmp_tab.infer_objects()
display(cmp_tab.style.format(precision=1, thousands=",", na_rep="–"))

# %%
base = nl.loc["2025-01-08":].dropna().index[0]   # first week after the year-end reverse-repo spike
cum = pd.DataFrame({"net liquidity": nl["net_liquidity"] - nl.loc[base, "net_liquidity"],
                    "Fed assets (WALCL)": nl["walcl"] - nl.loc[base, "walcl"],
                    "Treasury cash (−TGA)": -(nl["tga"] - nl.loc[base, "tga"]),
                    "reverse repo (−RRP)": -(nl["rrp"] - nl.loc[base, "rrp"])}).loc[base:]
fig, ax = plt.subplots(figsize=(10, 4.5))
for col, style in zip(cum.columns, ["-", "--", "-.", ":"]):
    ax.plot(cum.index, cum[col], ls=style, lw=2.2 if col == "net liquidity" else 1.6, label=col)
ax.axhline(0, color="black", lw=0.8)
ax.axvspan(pd.Timestamp("2026-01-01"), cum.index[-1], color="#dddddd", alpha=0.4, lw=0, label="2026")
ax.set_title("2026 liquidity came mostly from the Fed's balance sheet, not the Treasury's cash")
ax.set_xlabel("week (Wednesday levels)")
ax.set_ylabel(f"change since {base:%d %b %Y}, $ billions")
ax.legend(loc="upper right", ncol=1, fontsize=9)
ax.xaxis.set_major_formatter(mdates.DateFormatter("%b\n%Y"))
rplt.shade_recessions(ax, USREC)
rplt.show(fig, "Fed H.4.1 (WALCL, WTREGEN), NY Fed (RRPONTSYD) via FRED", as_of_date(nl_ok),
         note="TGA (hence net liquidity) missing 2025-11-26 to 2025-12-31 and after 2026-05-27")

# %%
ytd = dec_tab.loc["2026 year to date"]
same25 = dec_tab.loc["same weeks of 2025"]
yoy_nl = float(dec_tab.loc["year over year", "Δ net liquidity"])
wave = (ytd["Δ net liquidity"] > same25["Δ net liquidity"]) and (pct >= 75) and (yoy_nl > 0)
treasury_led = (ytd["−ΔTGA (Treasury cash)"] > 0) and (ytd["−ΔTGA (Treasury cash)"] > ytd["ΔWALCL (Fed assets)"])
f6_verdict = "supported" if (wave and treasury_led) else ("not supported" if not (wave or treasury_led) else "mixed")
treast_pm = float(bs_tab.loc["TREAST", "per month, $bn"])
f6_headline = (f"Net liquidity +${ytd['Δ net liquidity']:.0f}bn in 2026 to {last.date()} (vs {same25['Δ net liquidity']:+.0f}bn same weeks 2025; "
               f"{pct:.0f}th pct of {n_weeks}-week changes), but {yoy_nl:+.0f}bn year on year; Fed assets "
               f"{ytd['ΔWALCL (Fed assets)']:+.0f}bn vs Treasury cash {ytd['−ΔTGA (Treasury cash)']:+.0f}bn: "
               f"Fed-led (Treasury holdings {treast_pm:+.0f}bn/month since Dec 2025), not Treasury-led.")
if treasury_led:
    f6_headline = f6_headline.replace("Fed-led", "Treasury cash led").replace(", not Treasury-led", "")
f6 = book.record("F6", verdict=f6_verdict, headline=f6_headline,
            evidence={"nl_change_2026_ytd_bn": ytd["Δ net liquidity"], "nl_change_same_weeks_2025_bn": same25["Δ net liquidity"],
                      "nl_change_yoy_bn": yoy_nl, "ytd_change_percentile_2010_2025": pct, "weeks": n_weeks,
                      "walcl_contribution_2026_ytd_bn": ytd["ΔWALCL (Fed assets)"],
                      "tga_contribution_2026_ytd_bn": ytd["−ΔTGA (Treasury cash)"],
                      "rrp_contribution_2026_ytd_bn": ytd["−ΔRRP"],
                      "treasury_holdings_change_per_month_since_2025_12_bn": treast_pm,
                      "m2_yoy_pct_last": float(tf.yoy(m2).iloc[-1]), "m2_as_of": m2.attrs["as_of"],
                      "m2_pct_change_dec2025_to_last": float(cmp_tab.loc["M2 money stock (M2SL, monthly)", "% change in 2026"]),
                      "m2_pct_change_same_span_2025": float(cmp_tab.loc["M2 money stock (M2SL, monthly)", "% change, same span 2025"]),
                      "walcl_change_2026_to_last_bn": float(cmp_tab.loc["Fed total assets (WALCL)", "change in 2026"]),
                      "walcl_change_same_span_2025_bn": float(cmp_tab.loc["Fed total assets (WALCL)", "change, same span 2025"]),
                      "tga_yoy_change_bn": float(cmp_tab.loc["Treasury General Account (TGA)", "year on year change"]),
                      "wave": fmt.yes_no(wave), "treasury_led": fmt.yes_no(treasury_led), "net_liquidity_last_date": str(last.date())},
            tests=[{"name": f"percentile of 2026 YTD net-liquidity change among {n_weeks}-week changes 2010-2025",
                    "statistic": pct, "p_value": None, "n": int(nl_hist.loc["2010":"2025"].notna().sum())}],
            data_as_of=as_of_date(nl_ok, m2, bs), section="F6 — The 2026 liquidity wave, led by the Treasury")
book.show_verdict(f6)

# %% [markdown]
# **Reading.** Liquidity did turn up in 2026 after three years of quantitative tightening. Net
# liquidity rose about \$190 billion from the first week of 2026 to 27 May (about \$17 billion over
# the same weeks of 2025), the Fed's total assets grew about \$170 billion through August after
# shrinking about \$235 billion over the same span of 2025, and M2 grew 3.6% from December 2025 to
# June 2026 against 2.1% over the same months a year earlier (comparison table). The wave part of the
# rule still fails, on one condition only: at the last common date net liquidity is about \$110
# billion *lower* than a year earlier, because the Treasury's cash balance is about \$315 billion
# higher — the TGA was rebuilt after the 2025 debt-limit episode, when it had been run down. The
# 2026 rise is at the 76th percentile of 20-week changes since 2010: notable, not exceptional. The
# channel was the Fed's balance sheet, not the Treasury: the FOMC ended balance-sheet runoff on
# 1 December 2025 (announced in its 29 October 2025 statement, quoted) and began
# reserve-management purchases of Treasury bills in mid-December 2025; in our data the Fed's
# Treasury holdings rise by about \$40 billion a month while its MBS run off. Within 2026 the TGA
# moved in both directions around tax dates and contributed less than the Fed's assets. Whether the
# wave was "unpriced" is not a question these data can answer.

# %% [markdown]
# ## What would change these verdicts
#
# - **F1**: real-time (first-release) payroll and industrial production vintages (ALFRED) for the
#   lead–lag tests; fed-funds futures or OIS-implied policy paths, intraday, around officials'
#   remarks, to measure "Fed stance" directly instead of through the 2-year yield; an exact
#   release calendar for payrolls and CPI.
# - **F2/F3**: fund-level or estimated positioning of vol-control and CTA funds, and intraday
#   order-flow data — amplification could live inside the trading day, which daily closes cannot see.
#   A different rule (other targets, caps, EWMA vol; other trend lookbacks) could change the numbers;
#   the verdicts here hold for the standard parameters tested.
# - **F4**: Fed Z.1 table F.223 (sector flows of corporate equities) would decide "largest net
#   buyer"; company-level blackout calendars or S&P buyback-by-quarter data would sharpen the window test.
# - **F5**: options positioning (dealer gamma, put/call by maturity) would separate hedging from fear;
#   pre-2009 VIX3M would add 2008.
# - **F6**: TGA data after 2026-05-27 and for the late-2025 gap; Treasury issuance mix (bills vs coupons)
#   and buyback operations; a second half of 2026 in which the TGA is drawn down while the Fed's
#   balance sheet stays flat would move the channel test toward "Treasury-led".

# %%
book.summary()
