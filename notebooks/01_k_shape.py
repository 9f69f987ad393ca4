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
# # Two economies? Markets versus the real economy (claims K1–K9)
#
# A group of late-2025 essays argues that the US has split into two economies: financial assets
# keep rising on central-bank liquidity while manufacturing, wages, small firms and the public
# finances stagnate — a "K-shaped" economy with broken monetary transmission and a policy loop that
# will force another easing cycle in 2026. This notebook restates each of the nine "K" claims in
# testable form and confronts it with public data (ISM, Federal Reserve, BEA, BLS, S&P Dow Jones
# via Yahoo, Fed Distributional Financial Accounts). Each verdict is computed from explicit rules
# stated next to the test; "untestable" means the decisive data are not public or not in our
# snapshot, and we name what would decide it. The essays were written in late 2025; our data run to
# mid-2026, so K9's forecasts can be checked ex post.

# %%
from IPython.display import display
from research_lib.claims.notebook import Notebook
book = Notebook("01_k_shape")   # plotting style, recession shading, the summary table at the top

# %%
import numpy as np
import pandas as pd
import matplotlib.pyplot as plt

from research_lib import load, load_table, record_claim, as_of_date
from research_lib import transforms as tf, stats, plotting as rplt, fmt
from research_lib.data.derived import net_liquidity

pd.set_option("display.precision", 3)
NB = "01_k_shape"
ESSAY_DATE = pd.Timestamp("2025-11-01")   # the essays were written in late 2025


# %% [markdown]
# ### K1 — The ISM contraction streak <a id="K1"></a>
#
# **Claim.** The ISM manufacturing PMI has been below 50 for more than 18 consecutive months, the
# longest contraction streak since World War II, yet the stock market kept rising.
#
# **Operational hypotheses.** (a) The latest run of consecutive months with PMI < 50 lasts more
# than 18 months; (b) it is the longest run in the available history; (c) the S&P 500 rose over the
# run. The streak length depends on the data vintage, so we count runs in two vintages:
# `NAPM` (ISM's current, seasonally revised values, reference month, 1990-01 onward) and
# `ism_manufacturing_pmi` (values as first released, December 2006 to November 2025; the file is dated by release day
# and the value refers to the previous month, so we shift it to the reference month).
#
# **Rule.** Supported if (a), (b) and (c) hold in both vintages; mixed if they hold in one vintage
# only; not supported if in neither. Part (b) can only be checked back to 1990 (revised) / 2007
# (first release): the "since World War II" comparison is **untestable here** — it needs ISM's
# monthly PMI history back to 1948 (ISM *Report on Business* archive, formerly FRED `NAPM`).
# As a labelled proxy for the pre-1990 part we rank runs of year-on-year declines in industrial
# production (`INDPRO`, monthly since 1919) since 1946.

# %%
pmi_rev = load("NAPM")
pmi_first = load("ism_manufacturing_pmi")
pmi_first.index = (pmi_first.index.to_period("M") - 1).to_timestamp()   # release month -> reference month
pmi_first = pmi_first[~pmi_first.index.duplicated(keep="last")]
spx_d = load("^GSPC")


def streak_table(s, label):
    r = tf.runs_below(s, 50.0).sort_values(["length", "start"], ascending=[False, True]).reset_index(drop=True)
    r["rank"] = r["length"].rank(method="min", ascending=False).astype(int)
    r.insert(0, "vintage", label)
    return r


def spx_return(start_month, end_month):
    """S&P 500 price return from the last close before the first streak month to the close of the last one."""
    a = spx_d.loc[:pd.Timestamp(start_month) - pd.Timedelta(days=1)].iloc[-1]
    b = spx_d.loc[:pd.Timestamp(end_month) + pd.offsets.MonthEnd(0)].iloc[-1]
    return 100 * (b / a - 1)


runs = {}
for lab, s in [("revised (NAPM)", pmi_rev), ("first release", pmi_first)]:
    t = streak_table(s, lab)
    t["spx_return_%"] = [spx_return(a, b) for a, b in zip(t["start"], t["end"])]
    runs[lab] = t
k1_table = pd.concat([t.head(6) for t in runs.values()])
k1_table["start"] = k1_table["start"].dt.strftime("%Y-%m")
k1_table["end"] = k1_table["end"].dt.strftime("%Y-%m")
display(k1_table.round(1))

# %% [markdown]
# The table lists the six longest runs in each vintage (months = consecutive reference months
# below 50). The "latest streak" relevant to the essays is the most recent long run: the one that
# began in late 2022.

# %%
def recent_streak(t):
    """The longest run that started on or after 2022-01 (the run the essays refer to)."""
    rec = t[t["start"] >= "2022-01-01"].sort_values("length", ascending=False)
    return rec.iloc[0]


k1 = {}
for lab, t in runs.items():
    row = recent_streak(t)
    longest_other = t[t["start"] != row["start"]]["length"].max()
    s = pmi_rev if lab.startswith("revised") else pmi_first
    last36 = s.iloc[-36:]
    k1[lab] = {"start": row["start"], "end": row["end"], "months": int(row["length"]),
               "rank": int(row["rank"]), "n_runs": len(t), "history_from": s.index[0],
               "longest_other": int(longest_other), "spx": float(row["spx_return_%"]),
               "share_below_last36": float((last36 < 50).mean() * 100), "last36_end": s.index[-1]}
    # current (latest) run, if the series ends below 50
    cur = t[t["ongoing"]]
    k1[lab]["current_run"] = int(cur["length"].iloc[0]) if len(cur) else 0
    k1[lab]["current_run_rank"] = int(cur["rank"].iloc[0]) if len(cur) else None
    k1[lab]["current_run_start"] = cur["start"].iloc[0] if len(cur) else None
    k1[lab]["current_run_spx"] = float(cur["spx_return_%"].iloc[0]) if len(cur) else None
k1_summary = pd.DataFrame({lab: {
    "history in the snapshot": f"{d['history_from']:%Y-%m} to {d['last36_end']:%Y-%m}",
    "runs below 50": d["n_runs"],
    "2022–24 streak": f"{d['start']:%Y-%m} to {d['end']:%Y-%m}: {d['months']} months, rank {d['rank']} of {d['n_runs']}",
    "S&P 500 over 2022–24 streak (%)": round(d["spx"], 1),
    "latest run (still open at data end)": (f"from {d['current_run_start']:%Y-%m}: {d['current_run']} months, rank "
                                            f"{d['current_run_rank']} of {d['n_runs']}" if d["current_run"] else "none"),
    "S&P 500 over latest run (%)": round(d["current_run_spx"], 1) if d["current_run"] else None,
    "longest other run (months)": d["longest_other"]} for lab, d in k1.items()})
display(k1_summary)

# %%
# Proxy for the pre-1990 part: runs of y/y declines in industrial production since 1946
ip = load("INDPRO")
ip_yoy = tf.yoy(ip).loc["1946":]
ip_runs = tf.runs_below(ip_yoy, 0.0).sort_values("length", ascending=False).reset_index(drop=True)
ip_runs["rank"] = ip_runs["length"].rank(method="min", ascending=False).astype(int)
ip_recent = ip_runs[ip_runs["start"] >= "2022-01-01"].sort_values("length", ascending=False)
ip_recent_len = int(ip_recent["length"].iloc[0]) if len(ip_recent) else 0
ip_recent_rank = int(ip_recent["rank"].iloc[0]) if len(ip_recent) else None
ip_show = ip_runs.head(8).copy()
ip_show["start"], ip_show["end"] = ip_show["start"].dt.strftime("%Y-%m"), ip_show["end"].dt.strftime("%Y-%m")
print(f"Runs of negative y/y industrial production since 1946: {len(ip_runs)}; "
      f"the longest run starting 2022 or later lasts {ip_recent_len} months (rank {ip_recent_rank}).")
display(ip_show.round(2))

# %%
fig, ax = plt.subplots(figsize=(11, 4.2))
ax.plot(pmi_rev.index, pmi_rev, lw=1.2, label="ISM PMI, revised (NAPM)")
ax.plot(pmi_first.index, pmi_first, lw=1.0, ls="--", label="ISM PMI, as first released")
ax.axhline(50, color="k", lw=0.8)
r = k1["revised (NAPM)"]
ax.axvspan(r["start"], r["end"] + pd.offsets.MonthEnd(0), color="tab:red", alpha=0.12,
           label=f"revised-vintage streak: {r['months']} months")
ax.set_ylabel("PMI index (50 = no change)")
ax2 = ax.twinx()
spx_m = tf.monthly(load("^GSPC")).loc["1990":]
ax2.plot(spx_m.index, spx_m, color="tab:green", lw=1.0, label="S&P 500 (right, log)")
ax2.set_yscale("log")
ax2.set_ylabel("S&P 500 index level (log scale)")
ax.set_xlim(pd.Timestamp("1990-01-01"), spx_m.index[-1])
rplt.shade_recessions(ax)
h1, l1 = ax.get_legend_handles_labels(); h2, l2 = ax2.get_legend_handles_labels()
ax.legend(h1 + h2, l1 + l2, loc="lower left", fontsize=8)
ax.set_title(f"The 2022–24 ISM contraction lasted {k1['revised (NAPM)']['months']} months in revised data "
             f"but {k1['first release']['months']} as first released; stocks rose "
             f"{k1['revised (NAPM)']['spx']:.0f}% over it", fontsize=10)
rplt.caption(fig, "Source: ISM via NAPM (revised) and first-release file; S&P 500 (Yahoo ^GSPC).", as_of=as_of_date(pmi_rev, pmi_first, spx_d))
plt.show()

# %%
rv, fr = k1["revised (NAPM)"], k1["first release"]
cond = {lab: {"a_gt18": d["months"] > 18, "b_longest": d["rank"] == 1, "c_spx_up": d["spx"] > 0}
        for lab, d in k1.items()}
holds = {lab: all(c.values()) for lab, c in cond.items()}
k1_verdict = "supported" if all(holds.values()) else ("mixed" if any(holds.values()) else "not supported")
display(pd.DataFrame(cond).T.map(fmt.yes_no).rename(columns={'a_gt18': '(a) > 18 months', 'b_longest': '(b) longest run', 'c_spx_up': '(c) S&P 500 rose'}))
k1_head = (f"Revised ISM: {rv['months']} months below 50 ({rv['start']:%Y-%m}–{rv['end']:%Y-%m}), longest since "
           f"{rv['history_from']:%Y}; as first released only {fr['months']} months. S&P 500 +{rv['spx']:.0f}% over the "
           f"streak. The run still open at the end of the data ({rv['current_run_start']:%Y-%m} on) ranks "
           f"{rv['current_run_rank']} of {rv['n_runs']} (revised) and {fr['current_run_rank']} of {fr['n_runs']} (first release). "
           f"'Longest since World War II' is untestable: the PMI history here starts in 1990.")
book.add(record_claim(
    "K1", notebook=NB, verdict=k1_verdict, headline=k1_head, section="K1 — The ISM contraction streak",
    evidence={"streak_months_revised": rv["months"], "streak_months_first_release": fr["months"],
              "streak_rank_revised_since_1990": rv["rank"], "streak_rank_first_release_since_2007": fr["rank"],
              "longest_other_run_revised": rv["longest_other"],
              "spx_return_over_streak_pct": round(rv["spx"], 1),
              "spx_return_over_first_release_streak_pct": round(fr["spx"], 1),
              "latest_open_run_months_revised": rv["current_run"], "latest_open_run_rank_revised": rv["current_run_rank"],
              "latest_open_run_months_first_release": fr["current_run"],
              "latest_open_run_rank_first_release": fr["current_run_rank"],
              "share_months_below_50_last36_revised_pct": round(rv["share_below_last36"], 1),
              "share_months_below_50_last36_first_release_pct": round(fr["share_below_last36"], 1),
              "revised_history_starts": f"{rv['history_from']:%Y-%m}",
              "first_release_history_starts": f"{fr['history_from']:%Y-%m}",
              "proxy_ip_yoy_decline_run_months": ip_recent_len, "proxy_ip_run_rank_since_1946": ip_recent_rank,
              "untestable_part": "'longest since WWII' needs ISM PMI 1948-1989 (ISM Report on Business archive)"},
    tests=[{"name": "run length vs 18 months (revised)", "statistic": rv["months"], "p_value": None, "n": len(pmi_rev)},
           {"name": "run length vs 18 months (first release)", "statistic": fr["months"], "p_value": None, "n": len(pmi_first)}],
    data_as_of=as_of_date(pmi_rev, pmi_first, spx_d)))
print(k1_verdict, "—", k1_head)

# %% [markdown]
# **Reading.** In ISM's revised data the PMI was below 50 for 26 straight months (Nov 2022–Dec
# 2024), the longest run since the series in our snapshot begins (1990) — longer than the 18-month
# run of 2000–02. As first released, however, the streak was broken by the March 2024 print (50.3)
# and lasted 16 months; "more than 18 consecutive months" is therefore true only after seasonal
# revisions. The S&P 500 rose strongly over the streak (+52% in the revised dating, +32% over the
# shorter first-release run). After a few months above 50 in early 2025 the PMI fell below 50 again
# from March 2025; that newer run is still open when each series ends (6 months to August 2025 in
# the revised data, 6th of 24 runs; 9 months to November 2025 as first released, tied 3rd of 14),
# so it is far from the 2022–24 record so far. Whether it is the longest *since World
# War II* cannot be checked with our data; the industrial-production proxy (row above) shows that
# the 2023–24 real-output weakness was mild next to post-war recessions, so the PMI streak
# reflects a long *shallow* soft patch rather than a deep contraction.

# %% [markdown]
# ### K2 — Have stock prices decoupled from activity? <a id="K2"></a>
#
# **Claim.** Equity prices have decoupled from the real economy: the link between stock returns and
# manufacturing/activity data has weakened.
#
# **Hypothesis.** The slope and explanatory power (R²) of monthly S&P 500 log returns on
# contemporaneous activity news — the change in the ISM PMI, industrial-production growth and the
# Chicago Fed National Activity Index (CFNAI, already a growth index) — are lower in recent years
# than before.
#
# **Data.** Monthly, S&P 500 month-end close (`^GSPC`), `NAPM` (1990+), `INDPRO`, `CFNAI` (1980–2025-09).
#
# **Tests.** (1) Rolling 10-year R²; (2) full-sample regression with an interaction
# `activity × 1[t ≥ 2020-01]` (HAC errors) — decoupling predicts a significantly negative
# interaction; robustness with the break at 2010-01; (3) Quandt–Andrews sup-Wald test for an
# unknown break date in the slope (HAC Wald, 15% trimming; 5% critical value 8.68).
#
# **Rule.** A measure shows "weakening" against a benchmark era if its interaction is negative with
# one-sided p < 0.05. Two benchmarks: all of 1990–2019, and the post-crisis decade 2008–2019 alone
# (sample 2008+). Supported if ≥ 2 of 3 measures weaken against both benchmarks; not supported if
# no measure weakens against either; mixed otherwise.

# %%
spx_m_all = tf.monthly(load("^GSPC"))
ret_m = tf.log_diff(spx_m_all).rename("spx_ret")
act = pd.DataFrame({
    "d_ISM": tf.diff(pmi_rev),
    "IP_growth": tf.log_diff(ip),
    "CFNAI": load("CFNAI"),
})
k2_df = act.join(ret_m, how="inner").loc["1990":]
ERAS = {"1990–2007": ("1990", "2007"), "2008–2019": ("2008", "2019"), "2020–latest": ("2020", None)}
rows = []
for m in act.columns:
    for era, (a, b) in ERAS.items():
        d = k2_df[["spx_ret", m]].loc[a:b].dropna()
        r = stats.ols_hac(d["spx_ret"], d[m]).model
        rows.append({"measure": m, "era": era, "beta": r.params[m], "hac_t": r.tvalues[m],
                     "p": r.pvalues[m], "R2": r.rsquared, "n": int(r.nobs)})
k2_eras = pd.DataFrame(rows).set_index(["measure", "era"])
display(k2_eras.round(3))

# %%
k2_rows, k2_tests = [], []
for m in act.columns:
    d = k2_df[["spx_ret", m]].dropna()
    out = {"measure": m}
    for lab, brk in [("2020", "2020-01-01"), ("2010", "2010-01-01")]:
        post = (d.index >= brk).astype(float)
        X = pd.DataFrame({m: d[m], "x_post": d[m] * post, "post": post}, index=d.index)
        r = stats.ols_hac(d["spx_ret"], X).model
        p1 = r.pvalues["x_post"] / 2 if r.params["x_post"] < 0 else 1 - r.pvalues["x_post"] / 2
        out[f"interaction_{lab}"] = r.params["x_post"]
        out[f"t_{lab}"] = r.tvalues["x_post"]
        out[f"p_one_sided_{lab}"] = p1
        if lab == "2020":
            k2_tests.append({"name": f"{m} x post-2020 interaction (HAC)", "statistic": round(float(r.tvalues['x_post']), 3),
                             "p_value": round(float(p1), 4), "n": int(r.nobs)})
    d8 = d.loc["2008":]
    post8 = (d8.index >= "2020-01-01").astype(float)
    X8 = pd.DataFrame({m: d8[m], "x_post": d8[m] * post8, "post": post8}, index=d8.index)
    r8_ = stats.ols_hac(d8["spx_ret"], X8).model
    out["t_2020_vs_2008_19"] = r8_.tvalues["x_post"]
    out["p_one_sided_vs_2008_19"] = (r8_.pvalues["x_post"] / 2 if r8_.params["x_post"] < 0
                                     else 1 - r8_.pvalues["x_post"] / 2)
    k2_tests.append({"name": f"{m} x post-2020 interaction vs 2008-2019 (HAC)", "statistic": round(float(r8_.tvalues['x_post']), 3),
                     "p_value": round(float(out["p_one_sided_vs_2008_19"]), 4), "n": int(r8_.nobs)})
    supw, supd, _ = stats.sup_wald_slope_break(d["spx_ret"], d[m], step=2)
    out["supWald"], out["break_date"] = supw, f"{supd:%Y-%m}"
    out["pre2020_R2"] = k2_eras.loc[(m, "1990–2007"), "R2"]
    out["post2020_R2"] = k2_eras.loc[(m, "2020–latest"), "R2"]
    k2_tests.append({"name": f"{m} sup-Wald slope break (crit 5% = 8.68)", "statistic": round(supw, 2),
                     "p_value": None, "n": len(d)})
    k2_rows.append(out)
k2_break = pd.DataFrame(k2_rows).set_index("measure")
display(k2_break.round(3))

# %% [markdown]
# **Forward-looking check.** Stock prices discount expected activity, so a better test of "decoupling"
# asks whether equity returns still *anticipate* activity: regress industrial-production growth over
# the next 6 months on the S&P 500 return over the past 6 months (overlapping monthly observations,
# HAC errors with 12 lags), by era.

# %%
fwd_ip = (100 * (np.log(ip).shift(-6) - np.log(ip))).rename("ip_next6")
past_ret = (100 * (np.log(spx_m_all) - np.log(spx_m_all).shift(6))).rename("spx_past6")
fw_rows = {}
FWD_ERAS = {"1950–1989": ("1950", "1989"), **ERAS, "2010–2019 (no recession)": ("2010", "2019"),
            "2021-07–latest (post-pandemic)": ("2021-07", None)}
for era, (a, b) in FWD_ERAS.items():
    r = stats.ols_hac(fwd_ip.loc[a:b], past_ret.loc[a:b], lags=12).model
    fw_rows[era] = {"beta": r.params["spx_past6"], "hac_t": r.tvalues["spx_past6"], "p": r.pvalues["spx_past6"],
                    "R2": r.rsquared, "n": int(r.nobs)}
k2_fwd = pd.DataFrame(fw_rows).T
display(k2_fwd.round(3))

# %%
fig, ax = plt.subplots(figsize=(11, 4))
for m in act.columns:
    rr = stats.rolling_ols(k2_df["spx_ret"], k2_df[m], 120)
    ax.plot(rr.index, rr["r2"], label=m)
ax.set_ylabel("R² (10-year rolling window)")
ax.set_ylim(0, None)
rplt.shade_recessions(ax)
ax.legend(fontsize=8)
ax.set_title("Activity news explained at most ~10% of monthly stock returns; the link rose after 2008 and faded after 2019",
             fontsize=10)
rplt.caption(fig, "R² of monthly S&P 500 log return on each activity measure, rolling 120 months, window end on the x-axis. Source: ISM (NAPM), Federal Reserve (INDPRO), "
                  "Chicago Fed (CFNAI), Yahoo (^GSPC).", as_of=as_of_date(pmi_rev, ip, spx_d))
plt.show()

# %%
weak_all = {m: bool(k2_break.loc[m, "p_one_sided_2020"] < 0.05) for m in act.columns}
weak_0819 = {m: bool(k2_break.loc[m, "p_one_sided_vs_2008_19"] < 0.05) for m in act.columns}
n_weak = sum(weak_all[m] and weak_0819[m] for m in act.columns)
n_any = sum(weak_all[m] or weak_0819[m] for m in act.columns)
n_weak_0819 = sum(weak_0819.values())
k2_verdict = "supported" if n_weak >= 2 else ("not supported" if n_any == 0 else "mixed")
k2_head = (f"Weaker link since 2020: {sum(weak_all.values())} of 3 activity measures vs 1990–2019, {n_weak_0819} of 3 vs "
           f"2008–2019 (one-sided HAC tests); R² since 2020: " +
           ", ".join(f"{m} {k2_break.loc[m, 'post2020_R2']:.2f}" for m in act.columns) +
           " vs 2008–2019: " + ", ".join(f"{k2_eras.loc[(m, '2008–2019'), 'R2']:.2f}" for m in act.columns) +
           "; 6-month stock returns predicted next-6-month IP in every era with a recession (R² ≈ 0.2), not since 2020.")
ev = {}
for m in act.columns:
    ev[f"{m}_R2_1990_2007"] = round(float(k2_break.loc[m, "pre2020_R2"]), 3)
    ev[f"{m}_R2_2008_2019"] = round(float(k2_eras.loc[(m, "2008–2019"), "R2"]), 3)
    ev[f"{m}_R2_2020_latest"] = round(float(k2_break.loc[m, "post2020_R2"]), 3)
    ev[f"{m}_interaction_t_2020"] = round(float(k2_break.loc[m, "t_2020"]), 2)
    ev[f"{m}_interaction_t_2010"] = round(float(k2_break.loc[m, "t_2010"]), 2)
    ev[f"{m}_interaction_t_vs_2008_2019"] = round(float(k2_break.loc[m, "t_2020_vs_2008_19"]), 2)
    ev[f"{m}_supWald"] = round(float(k2_break.loc[m, "supWald"]), 2)
for era in k2_fwd.index:
    ev[f"fwd_ip6_on_spx6_beta_{era}"] = round(float(k2_fwd.loc[era, "beta"]), 4)
    ev[f"fwd_ip6_on_spx6_t_{era}"] = round(float(k2_fwd.loc[era, "hac_t"]), 2)
book.add(record_claim("K2", notebook=NB, verdict=k2_verdict, headline=k2_head, evidence=ev, tests=k2_tests,
                            section="K2 — Have stock prices decoupled from activity?",
                            data_as_of=as_of_date(pmi_rev, ip, load("CFNAI"), spx_d)))
print(k2_verdict, "—", k2_head)


# %% [markdown]
# **Reading.** The forward-looking link is strong in samples that contain recessions (1950–89,
# 1990–2007, 2008–19: R² around 0.2) and close to zero in calm expansions — 2010–19 as much as
# since mid-2021. Its absence since 2020 is therefore not new: stocks anticipate output mainly
# around recessions, and there has been no recession since 2020.
#
# Month-to-month, activity news never explained much of the stock market: R² was close
# to zero in 1990–2007, rose to 5–10% in the decade after the financial crisis (when markets
# traded every macro release as a recession risk) and fell back after 2019. So "decoupling" is true
# only relative to the unusual post-crisis decade; against the longer record the current weak link
# is normal. A structural-break search without a pre-set date (sup-Wald) finds no significant slope
# break at the 5% level for any measure. Contemporaneous regressions also understate the link
# because stocks anticipate activity: markets price expected, not realised, data.

# %% [markdown]
# ### K3 — Are profits concentrated in tech and finance? <a id="K3"></a>
#
# **Claim.** Profits are concentrated in tech monopolies and finance.
#
# **What would decide it.** Profits by industry or by firm: BEA NIPA Table 6.16D (corporate profits
# by industry) or firm-level earnings (S&P 500 sector earnings, Compustat). Neither is in our
# snapshot: the BEA Table 1.10 extract has only aggregate domestic profits, and FRED `CP` is the
# economy-wide total. **The profit-concentration claim itself is therefore untestable here.**
#
# **Partial test (proxy, labelled as such).** Market pricing of sector profits: total returns of the
# SPDR sector ETFs (dividend-adjusted closes) for technology (XLK) and financials (XLF) against the
# other sectors in our data (XLE, XLI, XLP, XLU, XLV), 1999–latest, and aggregate after-tax profits
# as a share of GDP (`CP`/`GDP`) to show whether total profits are unusually high. Rule: verdict is
# "untestable" because the decisive data are absent; the proxy is reported as evidence only.

# %%
SECTORS = ["XLK", "XLF", "XLE", "XLI", "XLP", "XLU", "XLV"]
sec = pd.DataFrame({t: load(t) for t in SECTORS}).dropna()
sec_w = sec.resample("W-WED").last()
years = (sec.index[-1] - sec.index[0]).days / 365.25
ann = {}
for t in SECTORS:
    row = {"ann_return_full_%": 100 * ((sec[t].iloc[-1] / sec[t].iloc[0]) ** (1 / years) - 1)}
    for start in ["2010-01-01", "2020-01-01"]:
        s = sec[t].loc[start:]
        yrs = (s.index[-1] - s.index[0]).days / 365.25
        row[f"ann_return_since_{start[:4]}_%"] = 100 * ((s.iloc[-1] / s.iloc[0]) ** (1 / yrs) - 1)
    ann[t] = row
k3_ann = pd.DataFrame(ann).T
display(k3_ann.round(2))
rest = ["XLE", "XLI", "XLP", "XLU", "XLV"]
wk = tf.log_diff(sec_w)
rel = {}
for lab, grp in [("tech_vs_rest", ["XLK"]), ("fin_vs_rest", ["XLF"])]:
    d = (wk[grp].mean(axis=1) - wk[rest].mean(axis=1)).dropna()
    r = stats.ols_hac(d, pd.Series(1.0, index=d.index, name="c"), add_const=False).model
    rel[lab] = {"mean_weekly_excess_%": float(r.params["c"]), "ann_excess_%": float(r.params["c"] * 52),
                "hac_t": float(r.tvalues["c"]), "p": float(r.pvalues["c"]), "n": int(r.nobs)}
k3_rel = pd.DataFrame(rel).T
display(k3_rel.round(3))

cp, gdp = load("CP"), load("GDP")
prof_share = (100 * cp / gdp).dropna()
k3_share_last, k3_share_pct = float(prof_share.iloc[-1]), float((prof_share < prof_share.iloc[-1]).mean() * 100)
print(f"After-tax corporate profits / GDP: {k3_share_last:.1f}% in {prof_share.index[-1]:%Y-Q%q}"
      if False else f"After-tax corporate profits / GDP: {k3_share_last:.1f}% at {prof_share.index[-1]:%Y-%m} "
      f"(higher than {k3_share_pct:.0f}% of quarters since 1947).")

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2), gridspec_kw={"width_ratios": [1.4, 1]})
ax = axes[0]
reb = 100 * sec / sec.iloc[0]
for t in SECTORS:
    ax.plot(reb.index, reb[t], lw=1.6 if t in ("XLK", "XLF") else 0.9, label=t)
ax.set_yscale("log")
ax.set_ylabel("total return index (1998-12 = 100, log)")
rplt.shade_recessions(ax)
ax.legend(fontsize=7, ncol=2)
ax.set_title("Sector ETF total returns since 1998", fontsize=9)
ax = axes[1]
ax.plot(prof_share.index, prof_share, color="tab:purple")
ax.set_ylabel("after-tax corporate profits, % of GDP")
rplt.shade_recessions(ax)
ax.set_title("Aggregate profits are near a record share of GDP", fontsize=9)
fig.suptitle("Tech led returns but financials lagged the other sectors; industry profit data are missing", fontsize=10)
rplt.caption(fig, "Source: SPDR sector ETFs (Yahoo, dividend-adjusted), BEA via FRED (CP, GDP).", as_of=as_of_date(sec, cp))
plt.show()

# %%
k3_head = (f"Untestable: no profits by industry/firm in our data (need BEA NIPA 6.16D or firm earnings). "
           f"Proxy: XLK beat the other sectors by {k3_rel.loc['tech_vs_rest', 'ann_excess_%']:.1f} pp/yr "
           f"(HAC t={k3_rel.loc['tech_vs_rest', 'hac_t']:.1f}); XLF by {k3_rel.loc['fin_vs_rest', 'ann_excess_%']:.1f} pp/yr "
           f"(t={k3_rel.loc['fin_vs_rest', 'hac_t']:.1f}); profits/GDP {k3_share_last:.1f}%.")
book.add(record_claim(
    "K3", notebook=NB, verdict="untestable", headline=k3_head, section="K3 — Are profits concentrated in tech and finance?",
    evidence={"decisive_data_missing": "corporate profits by industry (BEA NIPA 6.16D) or by firm (S&P/Compustat)",
              "XLK_excess_vs_rest_pp_per_yr": round(float(k3_rel.loc["tech_vs_rest", "ann_excess_%"]), 2),
              "XLF_excess_vs_rest_pp_per_yr": round(float(k3_rel.loc["fin_vs_rest", "ann_excess_%"]), 2),
              "XLK_ann_return_since_2010_pct": round(float(k3_ann.loc["XLK", "ann_return_since_2010_%"]), 2),
              "after_tax_profits_pct_gdp_latest": round(k3_share_last, 2),
              "profits_share_percentile_since_1947": round(k3_share_pct, 1)},
    tests=[{"name": f"{lab} weekly excess return = 0 (HAC)", "statistic": round(v["hac_t"], 3),
            "p_value": round(v["p"], 4), "n": v["n"]} for lab, v in rel.items()],
    data_as_of=as_of_date(sec, cp)))
print(book.records[-1]["verdict"], "—", k3_head)


# %% [markdown]
# **Reading.** Tech (XLK) has been the best sector since 2010, but over the full 1999–2026 sample its
# edge over the other sectors is not statistically significant (the dot-com crash wiped out a
# decade of gains), and financials (XLF) *underperformed* the rest. Aggregate after-tax profits are
# near a record share of GDP. Whether those profits are concentrated in tech and finance cannot be
# answered with returns: it needs industry profit data.

# %% [markdown]
# ### K4 — A K-shaped economy lifted by Fed liquidity? <a id="K4"></a>
#
# **Claim.** Expansion of the Fed's balance sheet keeps lifting financial-asset prices while wages,
# credit to small firms and small-business activity stagnate.
#
# **Hypotheses.** (a) Since QE began, asset prices (equities, houses) rose far more than real wages
# and manufacturing employment, and credit conditions for small firms did not ease; (b) changes in
# net liquidity (Fed total assets − Treasury General Account − overnight reverse repo, in billions)
# predict equity returns; (c) they do **not** predict real-wage growth or small-firm credit standards.
#
# **Data.** `WALCL` (millions), `WTREGEN` (millions), `RRPONTSYD` (billions), combined by
# `net_liquidity()` into billions, weekly (Wednesday) 2003+; S&P 500; Case-Shiller national index
# `CSUSHPINSA`; real average hourly earnings of production workers (`AHETPI`/`CPIAUCSL`);
# manufacturing employment `MANEMP`; Senior Loan Officer Survey net share of banks tightening C&I
# standards for small firms `DRTSCIS` (ends 2021Q1 in our snapshot) and for large/middle firms
# `DRTSCILM` (to 2026Q2, used as the proxy after 2021); commercial and industrial bank loans `BUSLOANS`
# (all firm sizes, to 2025-11) as the only loan-volume series. The chart rebases every level series to
# December 2008 (first full month of QE1); the survey series are net percentages of banks tightening
# versus the previous quarter, so they are cumulated from 2008Q4 instead of rebased.
#
# **Tests.** Weekly S&P 500 log return on Δnet liquidity (per \$100bn) at lags 0–4, HAC; the
# statistic is the sum of the five coefficients. Net liquidity is complete only from late 2013
# (the overnight reverse-repo series is sparse before the ON RRP facility), so the 2003+ robustness
# uses Fed total assets alone. Monthly real-wage growth on monthly Δnet liquidity (lags 0–3); the
# main wage specification leaves out 2020-03..2021-06, when average pay jumped because low-paid
# workers lost their jobs (a composition effect that coincides with the QE burst). Quarterly change
# in small-firm tightening (`DRTSCIS`, to 2021Q1) on the quarterly change in Fed assets (lags 0–1),
# 2003+, and on the quarterly change in net liquidity (sample to 2021Q1); large/middle-firm standards
# as a comparison.
#
# **Rule.** (b) holds if the equity coefficient sum (complete net-liquidity sample) is positive with
# p < 0.05; it is *robust* if it also has p < 0.05 without the pandemic months. (c) holds if neither
# real wages (main specification) nor small-firm credit standards respond favourably (wage sum
# positive with p < 0.05, or tightening sum negative with p < 0.05). Supported if (b) is robust and
# (c) holds; not supported if (b) fails; mixed otherwise.

# %%
REBASE_AT = "2008-12-01"
spx_mm = tf.monthly(load("^GSPC"))
cpi = load("CPIAUCSL")
real_wage = (load("AHETPI") / cpi).dropna()
k4_levels = pd.DataFrame({
    "S&P 500": tf.rebase(spx_mm, REBASE_AT),
    "House prices (Case-Shiller)": tf.rebase(load("CSUSHPINSA"), REBASE_AT),
    "Real hourly earnings (prod. workers)": tf.rebase(real_wage, REBASE_AT),
    "Manufacturing employment": tf.rebase(load("MANEMP"), REBASE_AT),
    "Bank C&I loans, all firm sizes": tf.rebase(load("BUSLOANS"), REBASE_AT),
}).loc[REBASE_AT:]
sloos_s, sloos_l = load("DRTSCIS"), load("DRTSCILM")
k4_last = k4_levels.ffill().iloc[-1]
display(k4_last.round(1).to_frame("index, 2008-12 = 100 (latest)"))

fig, axes = plt.subplots(2, 1, figsize=(11, 6.5), sharex=True, gridspec_kw={"height_ratios": [2.2, 1]})
ax = axes[0]
for c in k4_levels.columns:
    s = k4_levels[c].dropna()
    ax.plot(s.index, s, label=f"{c} ({s.iloc[-1]:.0f})")
ax.set_yscale("log")
ax.axhline(100, color="k", lw=0.6)
ax.set_ylabel("index, Dec 2008 = 100 (log)")
ax.set_title("Prices, pay, jobs and bank lending rebased to December 2008", fontsize=9)
ax.legend(fontsize=8, loc="upper left")
rplt.shade_recessions(ax)
ax = axes[1]
# SLOOS answers are changes in standards versus the previous quarter, so the level of standards
# relative to a base date is the cumulative sum of the net percentages (0 at 2008Q4).
cum_s = sloos_s.loc["2009":].cumsum()
cum_l = sloos_l.loc["2009":].cumsum()
ax.plot(cum_s.index, cum_s, label=f"small firms (DRTSCIS, ends {sloos_s.index[-1]:%Y}Q{sloos_s.index[-1].quarter}): {cum_s.iloc[-1]:+.0f}")
ax.plot(cum_l.index, cum_l, ls="--", label=f"large & middle firms (DRTSCILM): {cum_l.iloc[-1]:+.0f}")
ax.axhline(0, color="k", lw=0.6)
ax.set_ylabel("cumulative net % tightening\nsince 2008Q4 (up = tighter)", fontsize=9)
ax.legend(fontsize=8)
ax.set_title("Small-firm credit standards: cumulated loan-officer survey answers", fontsize=9)
ax.set_xlabel("month")
rplt.shade_recessions(ax)
fig.suptitle(f"Since QE began, stocks rose {k4_last['S&P 500'] / 100:.1f}x and house prices "
             f"{k4_last['House prices (Case-Shiller)'] / 100:.1f}x, while real wages rose "
             f"{k4_last['Real hourly earnings (prod. workers)'] - 100:.0f}% and factory jobs were flat", fontsize=10)
rplt.caption(fig, "Source: Yahoo (^GSPC), S&P CoreLogic Case-Shiller, BLS (AHETPI, CPIAUCSL, MANEMP), Federal Reserve "
                  "(BUSLOANS; SLOOS DRTSCIS, DRTSCILM).", as_of=as_of_date(spx_d, load('CSUSHPINSA'), sloos_l))
plt.show()

# %%
nl = net_liquidity()
spx_w = spx_d.resample("W-WED").last()
k4w = pd.DataFrame({"spx_ret": tf.log_diff(spx_w), "d_nl": tf.diff(nl["net_liquidity"]) / 100,
                    "d_walcl": tf.diff(nl["walcl"]) / 100}).dropna(how="all")


def lag_block(x, name, lags):
    return pd.DataFrame({f"{name}_l{j}": x.shift(j) for j in range(lags + 1)})


def sum_test(r, cols):
    """Wald test that the sum of coefficients in `cols` is zero; returns (sum, t, p)."""
    R = np.zeros(len(r.params))
    for c in cols:
        R[list(r.params.index).index(c)] = 1
    t = r.t_test(R)
    return float(t.effect[0]), float(np.squeeze(t.tvalue)), float(np.squeeze(t.pvalue))


COVID = (pd.Timestamp("2020-03-01"), pd.Timestamp("2021-06-30"))   # pandemic months: pay composition shift, QE burst


def drop_covid(x):
    return x[(x.index < COVID[0]) | (x.index > COVID[1])]


k4_rows = []
# net liquidity is complete only from late 2013 (the overnight RRP series is sparse before the ON RRP facility)
for lab, reg, excl in [("net liquidity, complete sample", "d_nl", False), ("net liquidity, excl. 2020-03..2021-06", "d_nl", True),
                       ("Fed assets (WALCL) only, 2003+", "d_walcl", False)]:
    X = lag_block(k4w[reg], reg, 4)
    y = drop_covid(k4w["spx_ret"]) if excl else k4w["spx_ret"]
    r = stats.ols_hac(y, X).model
    s_, t_, p_ = sum_test(r, X.columns)
    k4_rows.append({"outcome": "S&P 500 weekly return (%)", "spec": lab, "sum_coef_per_100bn": s_, "t": t_, "p": p_,
                    "R2": r.rsquared, "n": int(r.nobs), "sample": f"{r.model.data.row_labels[0]:%Y-%m}–{r.model.data.row_labels[-1]:%Y-%m}"})

# monthly real wages (main spec excludes the pandemic months, when average pay jumped because low-paid workers lost jobs)
nl_m = tf.to_freq(nl["net_liquidity"], "MS", how="last")
rw_g = tf.log_diff(real_wage)
Xm = lag_block(tf.diff(nl_m) / 100, "d_nl", 3)
for lab, y in [("net liquidity, excl. 2020-03..2021-06", drop_covid(rw_g)), ("net liquidity, complete sample", rw_g)]:
    r = stats.ols_hac(y, Xm).model
    s_, t_, p_ = sum_test(r, Xm.columns)
    k4_rows.append({"outcome": "real hourly earnings growth (% m/m)", "spec": lab, "sum_coef_per_100bn": s_, "t": t_, "p": p_,
                    "R2": r.rsquared, "n": int(r.nobs), "sample": f"{r.model.data.row_labels[0]:%Y-%m}–{r.model.data.row_labels[-1]:%Y-%m}"})
# quarterly credit standards (a rise = tighter; easing in response to liquidity = negative coefficient)
walcl_q = nl["walcl"].resample("QS").mean()
nl_q = nl["net_liquidity"].resample("QS").mean()
for sid, s, regname, reg in [("DRTSCIS", sloos_s, "Fed assets (WALCL), 2003+", walcl_q),
                             ("DRTSCIS", sloos_s, "net liquidity, sample to 2021Q1", nl_q),
                             ("DRTSCILM", sloos_l, "Fed assets (WALCL), 2003+", walcl_q),
                             ("DRTSCILM", sloos_l, "net liquidity, complete sample", nl_q)]:
    Xq = lag_block(tf.diff(reg) / 100, "d_liq", 1)
    r = stats.ols_hac(tf.diff(s), Xq.loc["2003":]).model
    s_, t_, p_ = sum_test(r, Xq.columns)
    k4_rows.append({"outcome": f"Δ net % tightening ({sid})", "spec": regname,
                    "sum_coef_per_100bn": s_, "t": t_, "p": p_, "R2": r.rsquared, "n": int(r.nobs),
                    "sample": f"{r.model.data.row_labels[0]:%Y-%m}–{r.model.data.row_labels[-1]:%Y-%m}"})
k4_tab = pd.DataFrame(k4_rows)
display(k4_tab.round(3))

# %%
eq = k4_tab.iloc[0]
wage = k4_tab[k4_tab["outcome"].str.startswith("real hourly")].iloc[0]
small = k4_tab[k4_tab["outcome"].str.contains("DRTSCIS")].iloc[0]
b_ok = eq["sum_coef_per_100bn"] > 0 and eq["p"] < 0.05
wage_resp = wage["sum_coef_per_100bn"] > 0 and wage["p"] < 0.05
small_resp = small["sum_coef_per_100bn"] < 0 and small["p"] < 0.05      # more liquidity -> easier standards
eq_x = k4_tab.iloc[1]
b_robust = b_ok and eq_x["sum_coef_per_100bn"] > 0 and eq_x["p"] < 0.05
k4_verdict = ("not supported" if not b_ok else ("supported" if b_robust and not (wage_resp or small_resp) else "mixed"))
k4_head = (f"Since Dec 2008: S&P 500 {k4_last['S&P 500']:.0f}, houses {k4_last['House prices (Case-Shiller)']:.0f}, "
           f"real wages {k4_last['Real hourly earnings (prod. workers)']:.0f}, factory jobs {k4_last['Manufacturing employment']:.0f} "
           f"(2008-12=100). Equity return on Δnet liquidity: sum {eq['sum_coef_per_100bn']:.2f}%/$100bn, p={fmt.p_value(eq['p'])}; "
           f"excl. pandemic p={fmt.p_value(eq_x['p'])}; real wages p={fmt.p_value(wage['p'])}; small-firm credit standards "
           f"{'tighten' if small['sum_coef_per_100bn'] > 0 else 'ease'} as Fed assets grow (p={fmt.p_value(small['p'])}).")
book.add(record_claim(
    "K4", notebook=NB, verdict=k4_verdict, headline=k4_head, section="K4 — A K-shaped economy lifted by Fed liquidity?",
    evidence={**{f"level_2008_12_eq_100_{c.split(' (')[0].replace(' ', '_').lower()}": round(float(v), 1)
                 for c, v in k4_last.items()},
              "equity_sum_coef_pct_per_100bn": round(float(eq["sum_coef_per_100bn"]), 3), "equity_p": round(float(eq["p"]), 4),
              "equity_R2": round(float(eq["R2"]), 3),
              "equity_sum_coef_excl_covid": round(float(k4_tab.iloc[1]["sum_coef_per_100bn"]), 3),
              "equity_p_excl_covid": round(float(k4_tab.iloc[1]["p"]), 4),
              "equity_sum_coef_walcl_2003": round(float(k4_tab.iloc[2]["sum_coef_per_100bn"]), 3),
              "equity_p_walcl_2003": round(float(k4_tab.iloc[2]["p"]), 4),
              "real_wage_sum_coef": round(float(wage["sum_coef_per_100bn"]), 4), "real_wage_p": round(float(wage["p"]), 4),
              "small_firm_tightening_sum_coef": round(float(small["sum_coef_per_100bn"]), 3),
              "small_firm_p": round(float(small["p"]), 4),
              "proxy_note": "DRTSCIS ends 2021Q1; DRTSCILM (large/middle firms) shown as proxy after; net liquidity complete from late 2013"},
    tests=[{"name": f"{r_['outcome']} on Δnet liquidity [{r_['spec']}] (HAC sum of lags)", "statistic": round(float(r_["t"]), 3),
            "p_value": round(float(r_["p"]), 4), "n": int(r_["n"])} for _, r_ in k4_tab.iterrows()],
    data_as_of=as_of_date(nl, spx_d, real_wage, sloos_l)))
print(k4_verdict, "—", k4_head)


# %% [markdown]
# **Reading.** The level picture is clearly K-shaped: equity prices are up about eight-fold since
# December 2008 and house prices roughly doubled, while real hourly pay of production workers rose
# about 12% and manufacturing employment is where it was. Bank lending to businesses grew by about
# 70% in nominal terms, but that series covers firms of all sizes; our snapshot has no small-firm
# loan volumes and no small-business activity index (NFIB surveys or SBA lending would decide that
# part). Small-firm credit *conditions* are shown by cumulating the loan-officer survey answers
# from December 2008: standards for small firms eased through the 2010s but were tighter again by
# 2021Q1 than in late 2008, and large-firm standards tightened sharply in 2022–23 (a cumulated
# diffusion index shows direction, not a calibrated level). The *liquidity* explanation is weaker
# than the chart suggests: weekly net-liquidity changes have a positive and significant link with
# equity returns in the complete sample, but it loses significance without the pandemic months and
# disappears when Fed assets alone are used over 2003–2026 (R² is 1–2%). Real wages show no link to
# liquidity once the pandemic composition effect is removed. Small-firm credit standards *tighten*
# when the Fed's balance sheet grows — the Fed expands in crises, when banks tighten — which is
# reverse causality rather than evidence that QE starves small firms (the net-liquidity version
# over 2008–2021 gives the same sign); small- and large-firm
# standards move almost one-for-one.

# %% [markdown]
# ### K5 — Is monetary transmission broken? <a id="K5"></a>
#
# **Claim.** Rate cuts lift stocks and bonds but create no jobs and no wage growth; QE helps large
# firms borrow, not small ones.
#
# **Hypothesis.** After 2008 an easing of policy raises equity prices but no longer raises payrolls
# or real wages, whereas before 2008 it did.
#
# **Data & method.** Monthly Jordà local projections of the cumulative change in 100×log payrolls
# (`PAYEMS`), real average hourly earnings (`AHETPI`/`CPIAUCSL`) and the S&P 500 over h = 0…24
# months on the monthly change in the 2-year Treasury yield (`GS2`, percentage points; it moves with
# the expected policy path and, unlike the funds rate, was not stuck at zero in 2009–15), with 3 lags
# of the outcome and the shock plus contemporaneous industrial-production growth and CPI inflation
# as controls; HAC errors. Samples: 1985-01 to 2007-12 vs 2009-07 to latest. A **cut** is a negative
# shock, so we report the response to a 100 bp *decline*. Robustness: the effective fed funds rate
# (`FEDFUNDS`) as the shock. Caveat: this is a reduced-form, recursively identified response; policy
# reacts to the economy, so a negative response of payrolls to a cut can be reverse causality.
#
# **Rule (at h = 24).** Supported if the post-2008 payroll response to a cut is not significantly
# positive (p ≥ 0.10) while the pre-2008 response was (p < 0.10) and the post-2008 equity response
# is positive; not supported if the post-2008 payroll response is significantly positive; mixed otherwise.

# %%
payems, spx_m2 = load("PAYEMS"), tf.monthly(load("^GSPC"))
gs2, ff = load("GS2"), load("FEDFUNDS")
Y = {"payrolls": 100 * np.log(payems), "real wages": 100 * np.log(real_wage), "S&P 500": 100 * np.log(spx_m2)}
ctrl = pd.DataFrame({"ip_g": tf.log_diff(ip), "infl": tf.log_diff(cpi)})
SAMPLES = {"pre-2008 (1985–2007)": ("1984-01", "2007-12"), "post-2008 (2009-07–latest)": ("2008-07", None)}
H = list(range(0, 25))
lp = {}
for shock_name, shock in [("GS2", tf.diff(gs2)), ("FEDFUNDS", tf.diff(ff))]:
    for samp, (a, b) in SAMPLES.items():
        for yname, y in Y.items():
            res = stats.local_projection(y.loc[a:b], (-shock.loc[a:b]).rename("cut"), H, controls=ctrl.loc[a:b], lags=3)  # response to a CUT
            lp[(shock_name, samp, yname)] = res
k5_tab = pd.DataFrame({key: {"beta_h12": v.loc[12, "coef"], "p_h12": v.loc[12, "p"],
                             "beta_h24": v.loc[24, "coef"], "se_h24": v.loc[24, "se"], "p_h24": v.loc[24, "p"],
                             "n_h24": v.loc[24, "n"]} for key, v in lp.items()}).T
k5_tab.index.names = ["shock", "sample", "outcome"]
display(k5_tab.round(3))

# %%
fig, axes = plt.subplots(1, 3, figsize=(13, 3.8))
for ax, yname in zip(axes, Y):
    for samp, col in zip(SAMPLES, ["tab:blue", "tab:orange"]):
        v = lp[("GS2", samp, yname)]
        ax.plot(v.index, v["coef"], color=col, label=samp)
        ax.fill_between(v.index, v["ci_low"], v["ci_high"], color=col, alpha=0.15)
    ax.axhline(0, color="k", lw=0.6)
    ax.set_xlabel("months after the shock")
    ax.set_ylabel("% change per 100 bp fall in 2-yr yield")
    ax.set_title(yname, fontsize=9)
axes[0].legend(fontsize=7)
fig.suptitle("After a 100 bp fall in the 2-year yield, payrolls never rise significantly — neither before 2008 nor after",
             fontsize=10)
rplt.caption(fig, "Local projections with 95% HAC bands. Source: BLS (PAYEMS, AHETPI, CPIAUCSL), Federal Reserve "
                  "(GS2, INDPRO), Yahoo (^GSPC).", as_of=as_of_date(payems, gs2, spx_d))
plt.show()

# %%
pre_p = lp[("GS2", "pre-2008 (1985–2007)", "payrolls")].loc[24]
post_p = lp[("GS2", "post-2008 (2009-07–latest)", "payrolls")].loc[24]
post_eq = lp[("GS2", "post-2008 (2009-07–latest)", "S&P 500")].loc[24]
post_w = lp[("GS2", "post-2008 (2009-07–latest)", "real wages")].loc[24]
post_sig_pos = post_p["coef"] > 0 and post_p["p"] < 0.10
pre_sig_pos = pre_p["coef"] > 0 and pre_p["p"] < 0.10
if post_sig_pos:
    k5_verdict = "not supported"
elif pre_sig_pos and post_eq["coef"] > 0:
    k5_verdict = "supported"
else:
    k5_verdict = "mixed"
z_diff = (post_p["coef"] - pre_p["coef"]) / np.hypot(post_p["se"], pre_p["se"])
# QE and small vs large firms: correlation of the two SLOOS tightening series
both = pd.concat([sloos_s, sloos_l], axis=1).dropna()
corr_sl = float(both.corr().iloc[0, 1])
k5_head = (f"Payroll response 24m after a 100bp fall in the 2y yield: pre-2008 {pre_p['coef']:.2f}% (p={fmt.p_value(pre_p['p'])}), "
           f"post-2008 {post_p['coef']:.2f}% (p={fmt.p_value(post_p['p'])}); equities post-2008 {post_eq['coef']:.1f}%. " +
           ("Neither era shows a significantly positive payroll response" if not (pre_sig_pos or post_sig_pos) else
            "Payroll response significantly positive in at least one era") +
           f"; small- and large-firm credit standards move together (r={corr_sl:.2f}).")
book.add(record_claim(
    "K5", notebook=NB, verdict=k5_verdict, headline=k5_head, section="K5 — Is monetary transmission broken?",
    evidence={"payroll_resp_h24_pre2008_pct": round(float(pre_p["coef"]), 3), "payroll_p_pre2008": round(float(pre_p["p"]), 4),
              "payroll_resp_h24_post2008_pct": round(float(post_p["coef"]), 3), "payroll_p_post2008": round(float(post_p["p"]), 4),
              "real_wage_resp_h24_post2008_pct": round(float(post_w["coef"]), 3), "real_wage_p_post2008": round(float(post_w["p"]), 4),
              "spx_resp_h24_post2008_pct": round(float(post_eq["coef"]), 2), "spx_p_post2008": round(float(post_eq["p"]), 4),
              "z_post_minus_pre_payrolls": round(float(z_diff), 2),
              "corr_small_vs_large_firm_tightening": round(corr_sl, 3),
              "identification": "recursive reduced-form LP; policy is endogenous"},
    tests=[{"name": f"LP h=24, {yn}, {sm_} (GS2 shock, HAC)", "statistic": round(float(lp[('GS2', sm_, yn)].loc[24, 'coef'] /
                                                                                     lp[('GS2', sm_, yn)].loc[24, 'se']), 3),
            "p_value": round(float(lp[('GS2', sm_, yn)].loc[24, 'p']), 4), "n": int(lp[('GS2', sm_, yn)].loc[24, 'n'])}
           for sm_ in SAMPLES for yn in Y],
    data_as_of=as_of_date(payems, gs2, real_wage, spx_d)))
print(k5_verdict, "—", k5_head)


# %% [markdown]
# **Reading.** The data do not back "broken" in the sense of a channel that worked and then stopped:
# in these reduced-form projections a fall in the 2-year yield is never followed by a significantly
# positive payroll or real-wage response, before 2008 or after. Equities respond positively in both
# eras (more after 2008, imprecisely). Because yields fall when the economy weakens, raw-yield
# projections are biased against finding job creation; the honest conclusion is that this test
# cannot separate "transmission is broken" from "policy reacts to bad news". For QE and small
# firms, the loan-officer survey shows small- and large-firm standards moving together (K4).

# %% [markdown]
# ### K6 — Does interest absorb a quarter of federal revenue? <a id="K6"></a>
#
# **Claim.** Close to a quarter of US federal revenue now goes to interest on the national debt.
#
# **Measures.** The share depends on both the numerator (gross or net interest) and the denominator
# (which receipts), so we compute several and say which one decides the verdict.
#
# 1. **Main measure (decides the verdict):** NIPA federal interest payments (BEA Table 3.2 line 33,
#    `A091RC1Q027SBEA`, gross of interest received, accrual basis, SAAR) over federal **current
#    receipts** (Table 3.2 line 1: taxes + social-insurance contributions + income on assets +
#    transfers). Available 2024Q1–2026Q1 in our snapshot (BEA release of May 28, 2026).
# 2. Same interest over **total receipts** (line 40 = current receipts + capital transfer receipts).
# 3. **Net interest**: interest payments minus interest receipts (line 14), over current receipts —
#    the concept closest to the budget's "net interest".
# 4. **Full history 1947+**: the same gross interest over current **tax** receipts only
#    (`W006RC1Q027SBEA`, line 2). It leaves out social-insurance contributions (about a third of
#    revenue) and therefore overstates the share; it is the only NIPA denominator in our snapshot
#    that reaches back to 1947. Caveats from the data notes: interest before 1960 is net of interest
#    received, 1947–1958 values were transcribed and not independently verified, and the tax series
#    ends 2025Q4.
# 5. **Budget basis, fiscal years 1940–2016**: net interest outlays (`FYOINT`) over total receipts
#    (`FYFR`), an old vintage that ends in FY2016.
#
# Calendar-year shares are ratios of annual sums of the quarterly SAAR values (equivalently, of
# annual averages); published budget figures are for fiscal years (October–September).
#
# **Rule (stated before the result).** "Close to a quarter" = at least 22.5%. Supported if the
# latest main-measure share is ≥ 22.5%; mixed if it is between 17.5% and 22.5% (or only the narrower
# tax-receipts measure exceeds 22.5%); not supported below 17.5%.

# %%
intr = load("A091RC1Q027SBEA")
taxr = load("W006RC1Q027SBEA")
t32 = load_table("bea_t30200_federal_receipts")
t32["line"] = pd.to_numeric(t32["line"], errors="coerce")
t32["date"] = pd.PeriodIndex(t32["period"], freq="Q").to_timestamp()


def t32_line(n):
    return t32[t32["line"] == n].set_index("date")["value"].astype(float)


cur_rec, int_t32, tot_rec, int_rec = t32_line(1), t32_line(33), t32_line(40), t32_line(14)
share_cur = (100 * int_t32 / cur_rec).rename("interest / current receipts")
share_tot = (100 * int_t32 / tot_rec).rename("interest / total receipts")
share_net = (100 * (int_t32 - int_rec) / cur_rec).rename("net interest / current receipts")
share_tax = (100 * intr / taxr).dropna().rename("interest / tax receipts")
fy_int, fy_rec = load("FYOINT"), load("FYFR")
share_fy = (100 * fy_int / fy_rec).dropna().rename("net interest / receipts (FY, budget)")
k6_tab = pd.concat([share_cur, share_tot, share_net, share_tax.loc["2024":]], axis=1)
display(k6_tab.round(1))
lat_cur, lat_tax = float(share_cur.iloc[-1]), float(share_tax.iloc[-1])
max_tax_date = share_tax.idxmax()
print(f"Interest / tax receipts: latest {lat_tax:.1f}% ({share_tax.index[-1]:%Y-%m}); peak {share_tax.max():.1f}% "
      f"at {max_tax_date:%Y-%m}. Budget-basis FY share peak {share_fy.max():.1f}% in FY{share_fy.idxmax():%Y}; "
      f"FY2016 {share_fy.iloc[-1]:.1f}%.")
# calendar-year NIPA shares (ratio of annual sums) for comparison with fiscal-year published figures
def cy_share(num, den, year):
    return float(100 * num.loc[year].sum() / den.loc[year].sum())


taxr_b = t32_line(2)   # current tax receipts, same BEA vintage as the other lines
cy = {}
for yr in ["2024", "2025"]:
    cy[f"calendar {yr} (NIPA)"] = {
        "gross interest / current receipts (main)": cy_share(int_t32, cur_rec, yr),
        "gross interest / total receipts": cy_share(int_t32, tot_rec, yr),
        "net interest / current receipts": cy_share(int_t32 - int_rec, cur_rec, yr),
        "gross interest / tax receipts only": cy_share(int_t32, taxr_b, yr)}
q_last = share_cur.index[-1]
cy[f"{q_last:%Y}Q{q_last.quarter} (NIPA, SAAR)"] = {
    "gross interest / current receipts (main)": float(share_cur.iloc[-1]),
    "gross interest / total receipts": float(share_tot.iloc[-1]),
    "net interest / current receipts": float(share_net.iloc[-1]),
    "gross interest / tax receipts only": float(100 * int_t32.iloc[-1] / taxr_b.iloc[-1])}
k6_measures = pd.DataFrame(cy)
# quoted published figure (not computed here): fiscal year 2024, budget basis
k6_measures = k6_measures.round(1).astype(object)
k6_measures["FY2024 budget basis (quoted)"] = ["", "", "about 18", ""]
cy24_cur, cy25_cur = cy["calendar 2024 (NIPA)"]["gross interest / current receipts (main)"], cy["calendar 2025 (NIPA)"]["gross interest / current receipts (main)"]
lat_net, lat_tot = float(share_net.iloc[-1]), float(share_tot.iloc[-1])
display(k6_measures)

# %%
fig, ax = plt.subplots(figsize=(11, 4))
ax.plot(share_tax.index, share_tax, label="NIPA interest / current tax receipts (quarterly, overstates)")
ax.plot(share_fy.index, share_fy, drawstyle="steps-post", label="budget net interest / total receipts (fiscal year, to FY2016)")
ax.plot(share_cur.index, share_cur, "o-", color="k", ms=3, label="NIPA interest / current receipts (main measure, 2024+)")
ax.plot(share_net.index, share_net, "s-", color="tab:gray", ms=2.5, lw=0.8, label="NIPA net interest / current receipts (2024+)")
ax.axhline(25, color="tab:red", ls=":", lw=1, label="25% ('a quarter')")
ax.set_ylabel("% of federal receipts")
ax.set_xlabel("quarter (NIPA) / fiscal year (budget)")
rplt.shade_recessions(ax)
ax.legend(fontsize=8, loc="upper left")
ax.set_title(f"Interest takes {lat_cur:.0f}% of federal current receipts — a quarter only if social-insurance "
             f"contributions are left out ({lat_tax:.0f}%)", fontsize=10)
rplt.caption(fig, "Source: BEA NIPA Table 3.2 (May 2026 vintage), FRED A091RC1Q027SBEA, W006RC1Q027SBEA, FYOINT, FYFR.", as_of=as_of_date(intr, taxr))
plt.show()

# %% [markdown]
# **Published figures for comparison (quoted, not computed here).** For fiscal year 2024 the US
# Treasury's final Monthly Treasury Statement (October 2024) and CBO's *Monthly Budget Review*
# (November 2024) report total receipts of about \$4.9 trillion and net interest outlays of about
# \$0.88 trillion, i.e. roughly 18% of revenue (the "FY2024 budget basis" column above). We do not
# quote an FY2025 figure because we could not verify it offline.
#
# **How the share changes with the measure.** In calendar 2025 gross NIPA interest took about 21%
# of current receipts; the denominator hardly matters between current and total receipts (capital
# transfer receipts are small), netting out the ~\$70 billion of interest the government receives
# lowers the share by about one point, to the budget-basis order of magnitude (~18–20%), while
# dropping social-insurance contributions from the denominator (tax receipts only) lifts it to about
# a third. The remaining gap between our net-interest share and the budget figure reflects accrual
# versus cash accounting, the treatment of interest paid to federal trust funds and calendar versus
# fiscal years.

# %%
if lat_cur >= 22.5:
    k6_verdict = "supported"
elif lat_cur >= 17.5 or lat_tax >= 22.5:
    k6_verdict = "mixed"
else:
    k6_verdict = "not supported"
k6_head = (f"Gross federal interest took {lat_cur:.1f}% of federal current receipts in {q_last:%Y}Q{q_last.quarter} "
           f"(NIPA, main measure; {cy25_cur:.1f}% in calendar 2025); {lat_net:.1f}% net of interest received; "
           f"{lat_tax:.1f}% only if the denominator is tax receipts alone ({share_tax.index[-1]:%Y}Q{share_tax.index[-1].quarter}). "
           f"Published budget basis, FY2024 (quoted): about 18%.")
book.add(record_claim(
    "K6", notebook=NB, verdict=k6_verdict, headline=k6_head, section="K6 — Does interest absorb a quarter of federal revenue?",
    evidence={"interest_share_current_receipts_latest_pct": round(lat_cur, 2),
              "interest_share_total_receipts_latest_pct": round(float(share_tot.iloc[-1]), 2),
              "interest_share_tax_receipts_latest_pct": round(lat_tax, 2),
              "interest_share_tax_receipts_peak_pct": round(float(share_tax.max()), 2),
              "interest_share_tax_receipts_peak_date": f"{max_tax_date:%Y-%m}",
              "budget_net_interest_share_peak_pct": round(float(share_fy.max()), 2),
              "budget_net_interest_share_peak_fy": int(share_fy.idxmax().year),
              "nipa_share_current_receipts_cy2024_pct": round(cy24_cur, 2),
              "nipa_share_current_receipts_cy2025_pct": round(cy25_cur, 2),
              "net_interest_share_current_receipts_latest_pct": round(lat_net, 2),
              "main_measure": "NIPA T3.2 line 33 interest payments / line 1 current receipts",
              "published_fy2024_net_interest_share_pct_quoted": "about 18 (0.88 / 4.9 trillion; US Treasury MTS Oct 2024, CBO Monthly Budget Review Nov 2024)"},
    tests=[{"name": "latest interest/current receipts vs 22.5% threshold", "statistic": round(lat_cur, 2), "p_value": None,
            "n": int(share_cur.size)}],
    data_as_of=as_of_date(intr, taxr)))
print(k6_verdict, "—", k6_head)


# %% [markdown]
# **Reading.** Interest takes about a fifth of federal current receipts in the national accounts —
# high by post-1990s standards but short of "a quarter". The quarter-plus figure appears only if the
# denominator leaves out social-insurance contributions (interest over tax receipts, about one
# third), and the all-time high of that narrow ratio was in the mid-1980s, not today. On a budget
# basis (net interest, as CBO reports it) the share is lower still.

# %% [markdown]
# ### K7 — Tech versus defensive sectors <a id="K7"></a>
#
# **Claim.** Passive flows and quant trading reward tech; defensive sectors are left behind.
#
# **Testable parts.** (a) Outcome: technology (XLK) outperformed an equal-weighted basket of
# defensives (utilities XLU, staples XLP, health care XLV); (b) mechanism proxy: the weekly relative
# return responds to net liquidity (lags 0–4, HAC). The passive-flow and quant-trading mechanism
# itself needs fund-flow and ownership data (e.g. ICI/EPFR ETF flows, 13F holdings), which we do not
# have: that part is untestable here.
#
# **Rule.** The claim is directional, so tests are one-sided. Supported if (a) the mean weekly
# excess return since 2010 is positive with one-sided HAC p < 0.05 **and** (b) the liquidity
# coefficient sum is positive with one-sided p < 0.05; mixed if only (a) holds; not supported if (a)
# fails.

# %%
defs = ["XLU", "XLP", "XLV"]
rel_w = (wk["XLK"] - wk[defs].mean(axis=1)).rename("xlk_minus_def")
k7_rows = {}
for start in ["1999", "2010", "2020"]:
    d = rel_w.loc[start:].dropna()
    r = stats.ols_hac(d, pd.Series(1.0, index=d.index, name="c"), add_const=False).model
    k7_rows[f"since {start}"] = {"ann_excess_pp": float(r.params["c"] * 52), "hac_t": float(r.tvalues["c"]),
                                 "p": float(r.pvalues["c"]), "n": int(r.nobs)}
k7_out = pd.DataFrame(k7_rows).T
display(k7_out.round(3))
X7 = lag_block(k4w["d_nl"], "d_nl", 4)
k7_liq = {}
for lab, y in [("complete", rel_w), ("excl. 2020-03..2021-06", drop_covid(rel_w))]:
    r = stats.ols_hac(y, X7).model
    k7_liq[lab] = dict(zip(["sum_coef", "t", "p"], sum_test(r, X7.columns)), R2=r.rsquared, n=int(r.nobs))
k7_liq = pd.DataFrame(k7_liq).T
display(k7_liq.round(4))

# %%
cum_rel = np.exp((rel_w.dropna() / 100).cumsum()) * 100
fig, ax = plt.subplots(figsize=(11, 4))
ax.plot(cum_rel.index, cum_rel, color="tab:blue", label="XLK relative to equal-weight XLU/XLP/XLV")
ax.set_yscale("log")
ax.set_ylabel("relative total return (1998-12 = 100, log)")
ax2 = ax.twinx()
nl_plot = nl["net_liquidity"].loc["2013-12":].dropna() / 1000   # complete from late 2013
ax2.plot(nl_plot.index, nl_plot, color="tab:gray", lw=0.8, label="net liquidity (right, from 2013-12)")
ax2.set_ylabel("net liquidity, $ trillion")
rplt.shade_recessions(ax)
h1, l1 = ax.get_legend_handles_labels(); h2, l2 = ax2.get_legend_handles_labels()
ax.legend(h1 + h2, l1 + l2, fontsize=8, loc="upper left")
ax.set_title("Tech has beaten defensives since 2010, but week-to-week relative returns do not track net liquidity", fontsize=10)
rplt.caption(fig, "Source: SPDR sector ETFs (Yahoo, dividend-adjusted); Federal Reserve (WALCL, RRPONTSYD), "
                  "US Treasury (WTREGEN).", as_of=as_of_date(sec, nl))
plt.show()

# %%
a_ok = k7_out.loc["since 2010", "ann_excess_pp"] > 0 and k7_out.loc["since 2010", "p"] / 2 < 0.05
b_ok7 = k7_liq.loc["complete", "sum_coef"] > 0 and k7_liq.loc["complete", "p"] / 2 < 0.05
k7_verdict = "not supported" if not a_ok else ("supported" if b_ok7 else "mixed")
k7_head = (f"XLK beat defensives by {k7_out.loc['since 2010', 'ann_excess_pp']:.1f} pp/yr since 2010 "
           f"(HAC two-sided p={fmt.p_value(k7_out.loc['since 2010', 'p'])}); liquidity link: sum {k7_liq.loc['complete', 'sum_coef']:.3f}%/$100bn, "
           f"p={fmt.p_value(k7_liq.loc['complete', 'p'])}; flow mechanism untestable (no fund-flow data).")
book.add(record_claim(
    "K7", notebook=NB, verdict=k7_verdict, headline=k7_head, section="K7 — Tech versus defensive sectors",
    evidence={**{f"xlk_excess_{k_.replace(' ', '_')}_pp_per_yr": round(float(v["ann_excess_pp"]), 2) for k_, v in k7_out.iterrows()},
              **{f"xlk_excess_{k_.replace(' ', '_')}_p": round(float(v["p"]), 4) for k_, v in k7_out.iterrows()},
              "liquidity_sum_coef": round(float(k7_liq.loc["complete", "sum_coef"]), 4),
              "liquidity_p_two_sided": round(float(k7_liq.loc["complete", "p"]), 4),
              "liquidity_sum_coef_excl_covid": round(float(k7_liq.iloc[1]["sum_coef"]), 4),
              "liquidity_p_excl_covid": round(float(k7_liq.iloc[1]["p"]), 4),
              "untestable_part": "passive/quant flows need ETF flow and ownership data (ICI, EPFR, 13F)"},
    tests=[{"name": f"XLK - defensives weekly excess = 0, {k_} (HAC)", "statistic": round(float(v["hac_t"]), 3),
            "p_value": round(float(v["p"]), 4), "n": int(v["n"])} for k_, v in k7_out.iterrows()] +
          [{"name": f"relative return on Δnet liquidity lags 0-4, {k_} (HAC sum)", "statistic": round(float(v["t"]), 3),
            "p_value": round(float(v["p"]), 4), "n": int(v["n"])} for k_, v in k7_liq.iterrows()],
    data_as_of=as_of_date(sec, nl)))
print(k7_verdict, "—", k7_head)


# %% [markdown]
# **Reading.** The outcome half of the claim holds: tech beat defensives by several percentage points
# a year since 2010 (significant one-sided, borderline two-sided). The relative performance does not
# track net liquidity week to week. Whether passive or quant flows caused it cannot be tested without
# flow data.

# %% [markdown]
# ### K8 — Inequality: who owns financial assets, and do markets widen the gap? <a id="K8"></a>
#
# **Claim.** The top 10% hold more than 90% of financial assets, so rising markets widen
# inequality; real wages do not grow while housing costs are high.
#
# **Data.** Fed Distributional Financial Accounts (DFA, quarterly 1989Q3–2026Q1, levels by wealth
# group): share of the top 10% (top 0.1% + rest of top 1% + next 9%) in total financial assets and in
# corporate equities & mutual fund shares; top-1% net-worth share. S&P 500 quarterly returns. Real
# average hourly earnings (`AHETPI`/`CPIAUCSL`). House prices to income: median sales price of new houses
# sold (`MSPUS`, annual average) over median household income (`MEHOINUSA646N`, nominal, to 2024).
#
# **Tests and rules (one per part).** (a) Top-10% share of financial assets > 90% (also reported:
# equities). (b) Markets widen inequality: quarterly change in the top-1% net-worth share on the
# S&P 500 quarterly log return, HAC: positive with p < 0.05. (c) Real wages not growing: real
# hourly earnings growth over the last 3 years ≤ 0. (d) Housing costs high: latest price/income
# ratio in the top quintile of its history. Verdict: supported if all four hold, not supported if
# at most one holds, mixed otherwise.

# %%
dfa = load_table("dfa2026_dfa_networth_levels_detail")
dfa["date"] = pd.PeriodIndex(dfa["Date"].str.replace(":", ""), freq="Q").to_timestamp()
top10 = ["TopPt1", "RemainingTop1", "Next9"]
top1 = ["TopPt1", "RemainingTop1"]


def dfa_share(col, groups):
    w = dfa.pivot_table(index="date", columns="Category", values=col, aggfunc="sum")
    return 100 * w[groups].sum(axis=1) / w.sum(axis=1)


sh_fin10 = dfa_share("Financial assets", top10)
sh_eq10 = dfa_share("Corporate equities and mutual fund shares", top10)
sh_nw1 = dfa_share("Net worth", top1)
sh_nw10 = dfa_share("Net worth", top10)
k8_shares = pd.DataFrame({"top10_financial_assets": sh_fin10, "top10_equities_mf": sh_eq10,
                          "top10_net_worth": sh_nw10, "top1_net_worth": sh_nw1})
display(k8_shares.iloc[[0, -1]].round(1))
spx_q = tf.log_diff(spx_d.resample("QS").last())
r8 = stats.ols_hac(tf.diff(sh_nw1), spx_q.rename("spx_q")).model
r8b = stats.ols_hac(tf.diff(sh_nw10), spx_q.rename("spx_q")).model
print(f"Δ top-1% net-worth share (pp) on S&P 500 quarterly return (%): beta {r8.params['spx_q']:.4f}, "
      f"HAC t {r8.tvalues['spx_q']:.2f}, R² {r8.rsquared:.2f}, n {int(r8.nobs)}; top-10%: beta "
      f"{r8b.params['spx_q']:.4f}, t {r8b.tvalues['spx_q']:.2f}")

rw_3y = float(100 * (real_wage.iloc[-1] / real_wage.loc[:real_wage.index[-1] - pd.DateOffset(years=3)].iloc[-1] - 1))
rw_since19 = float(100 * (real_wage.iloc[-1] / real_wage.loc["2019-12-01"] - 1))
hp = load("MSPUS").resample("YS").mean()
inc = load("MEHOINUSA646N")
pti = (hp / inc).dropna()
pti_pct = float((pti < pti.iloc[-1]).mean() * 100)
print(f"Real hourly earnings: {rw_3y:+.1f}% over the last 3 years, {rw_since19:+.1f}% since Dec 2019 "
      f"(to {real_wage.index[-1]:%Y-%m}). House price / income {pti.iloc[-1]:.2f} in {pti.index[-1]:%Y} "
      f"(percentile {pti_pct:.0f} of {pti.index[0]:%Y}–{pti.index[-1]:%Y}; 2000: {pti.loc['2000'].iloc[0]:.2f}).")

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
ax = axes[0]
for c, lab in [("top10_financial_assets", "top 10%: financial assets"), ("top10_equities_mf", "top 10%: equities & fund shares"),
               ("top1_net_worth", "top 1%: net worth")]:
    ax.plot(k8_shares.index, k8_shares[c], label=lab)
ax.axhline(90, color="tab:red", ls=":", lw=1, label="90% (claim)")
ax.set_ylabel("% of household total")
rplt.shade_recessions(ax)
ax.legend(fontsize=7)
ax.set_title("Wealth shares (Fed DFA)", fontsize=9)
ax = axes[1]
ax.plot(pti.index, pti, color="tab:brown", marker="o", ms=2)
ax.set_ylabel("house price / household income (x)")
rplt.shade_recessions(ax)
ax.set_title("House prices relative to income", fontsize=9)
fig.suptitle(f"The top 10% hold {sh_fin10.iloc[-1]:.0f}% of financial assets and {sh_eq10.iloc[-1]:.0f}% of equities — "
             f"high, but below 90%; house prices are {pti.iloc[-1]:.1f}x income", fontsize=10)
rplt.caption(fig, "Source: Federal Reserve DFA (2026Q1 release), Census/HUD (MSPUS), Census (MEHOINUSA646N).", as_of=as_of_date(sh_fin10, pti))
plt.show()

# %%
parts = {"a_top10_fin_gt_90": bool(sh_fin10.iloc[-1] > 90),
         "b_markets_widen_top1": bool(r8.params["spx_q"] > 0 and r8.pvalues["spx_q"] < 0.05),
         "c_real_wages_flat_3y": bool(rw_3y <= 0),
         "d_house_price_income_top_quintile": bool(pti_pct >= 80)}
n8 = sum(parts.values())
k8_verdict = "supported" if n8 == 4 else ("not supported" if n8 <= 1 else "mixed")
display(pd.Series(parts, name="holds").map(fmt.yes_no))
k8_head = (f"Top 10% hold {sh_fin10.iloc[-1]:.0f}% of financial assets, {sh_eq10.iloc[-1]:.0f}% of equities (DFA "
           f"{sh_fin10.index[-1]:%Y}Q{sh_fin10.index[-1].quarter}), not >90%; top-1% share rises with stocks "
           f"(t={r8.tvalues['spx_q']:.1f}); real wages {rw_3y:+.1f}% in 3y; price/income {pti.iloc[-1]:.1f} "
           f"(pctile {pti_pct:.0f}).")
book.add(record_claim(
    "K8", notebook=NB, verdict=k8_verdict, headline=k8_head,
    section="K8 — Inequality: who owns financial assets, and do markets widen the gap?",
    evidence={"top10_share_financial_assets_pct": round(float(sh_fin10.iloc[-1]), 1),
              "top10_share_equities_mf_pct": round(float(sh_eq10.iloc[-1]), 1),
              "top10_share_equities_mf_1989_pct": round(float(sh_eq10.iloc[0]), 1),
              "top1_share_net_worth_pct": round(float(sh_nw1.iloc[-1]), 1),
              "top1_share_net_worth_1989_pct": round(float(sh_nw1.iloc[0]), 1),
              "beta_dtop1_on_spx_q": round(float(r8.params["spx_q"]), 4), "t_dtop1_on_spx_q": round(float(r8.tvalues["spx_q"]), 2),
              "real_wage_change_3y_pct": round(rw_3y, 2), "real_wage_change_since_2019_12_pct": round(rw_since19, 2),
              "house_price_to_income_latest": round(float(pti.iloc[-1]), 2),
              "house_price_to_income_percentile": round(pti_pct, 1), "parts_holding_of_4": n8},
    tests=[{"name": "Δ top-1% net-worth share on S&P 500 quarterly return (HAC)", "statistic": round(float(r8.tvalues["spx_q"]), 3),
            "p_value": round(float(r8.pvalues["spx_q"]), 4), "n": int(r8.nobs)},
           {"name": "Δ top-10% net-worth share on S&P 500 quarterly return (HAC)", "statistic": round(float(r8b.tvalues["spx_q"]), 3),
            "p_value": round(float(r8b.pvalues["spx_q"]), 4), "n": int(r8b.nobs)}],
    data_as_of=as_of_date(sh_fin10, real_wage, pti)))
print(k8_verdict, "—", k8_head)


# %% [markdown]
# **Reading.** The top 10% hold about three quarters of household financial assets and close to
# nine tenths of corporate equities and mutual fund shares (DFA category; equity held through
# pension funds is counted separately) — very
# concentrated, but below the 90% in the claim. The mechanism part is strongly supported: the
# top-1% share of net worth rises in quarters when stocks rise (HAC t above 10). Real hourly pay has
# grown over the last three years, and house prices relative to income are high but below their
# 2005–06 and 2022 peaks on this measure.

# %% [markdown]
# ### K9 — The policy loop and the 2026 easing forecast, checked ex post <a id="K9"></a>
#
# **Claim.** The US is in a policy loop (tightening → recession scare → easing → inflation), and a
# new easing cycle is likely, with weaker 2026 growth and a wider deficit.
#
# **Ex-post checks (essays dated late 2025; we take 2025-11-01 as the forecast date).**
# (a) Easing: the upper bound of the fed funds target range (`DFEDTARU`) falls by ≥ 50 bp between
# the forecast date and the latest observation. (b) Weaker growth: average annualised real GDP growth
# (`GDPC1`) in the 2026 quarters available is below 2025's Q4-over-Q4 growth. (c) Wider deficit: federal
# net borrowing (BEA Table 3.2 line 49, SAAR) in the 2026 quarters is larger than the 2025 average;
# cross-check: fiscal-year deficit `FYFSD` FY2025 vs FY2024.
# **Loop (partial test).** Across past easing cycles since 1955, does CPI inflation 24 months after
# the first cut exceed inflation at the first cut? An easing start = first month in which the fed
# funds rate is ≥ 75 bp below its 12-month high, with no earlier start in the preceding 24 months.
#
# **Rule.** Forecast parts (a)–(c): supported if all three hold, mixed if two, not supported if at
# most one. The loop test is reported as context.

# %%
tgt = load("DFEDTARU")
tgt_at = float(tgt.loc[:ESSAY_DATE].iloc[-1])
tgt_last = float(tgt.iloc[-1])
cuts = tgt[tgt.diff() != 0].loc["2024":]
display(cuts.to_frame("fed funds target upper bound (%)").iloc[1:])
gdp_r = load("GDPC1")
g_ann = 100 * ((gdp_r / gdp_r.shift(1)) ** 4 - 1)
g2026 = g_ann.loc["2026"]
g2025_q4q4 = float(100 * (gdp_r.loc["2025-10-01"] / gdp_r.loc["2024-10-01"] - 1))
nlb = t32_line(49)
def25, def26 = float(nlb.loc["2025"].mean()), float(nlb.loc["2026"].mean())
fyd = load("FYFSD") / 1e6
part_a = (tgt_last - tgt_at) <= -0.5
part_b = float(g2026.mean()) < g2025_q4q4
part_c = def26 < def25
print(f"(a) target upper bound {tgt_at:.2f}% at {ESSAY_DATE:%Y-%m-%d} -> {tgt_last:.2f}% at {tgt.index[-1]:%Y-%m-%d}: "
      f"change {tgt_last - tgt_at:+.2f} pp -> easing of at least 50 bp: {fmt.yes_no(part_a)}")
print(f"(b) 2026 quarters annualised growth: {', '.join(f'{d:%Y-%m} {v:.1f}%' for d, v in g2026.items())}; "
      f"2025 Q4/Q4 {g2025_q4q4:.1f}% -> growth weaker: {fmt.yes_no(part_b)}")
print(f"(c) net borrowing SAAR, $bn: 2025 avg {def25:.0f}, 2026 avg {def26:.0f} -> deficit wider: {fmt.yes_no(part_c)}; "
      f"FYFSD: FY2024 {fyd.loc['2024'].iloc[0]:.2f}tn, FY2025 {fyd.loc['2025'].iloc[0]:.2f}tn")
# the 2026Q1 jump includes a one-off in capital transfer payments (line 46); net saving (line 37) excludes it
sav = t32_line(37)
print(f"    net federal saving (current account, line 37): 2025 avg {sav.loc['2025'].mean():.0f}, 2026 {sav.loc['2026'].mean():.0f}; "
      f"capital transfer payments 2026Q1 {t32_line(46).loc['2026'].iloc[0]:.0f} vs 2025 avg {t32_line(46).loc['2025'].mean():.0f}")

# %%
ffm = ff.copy()
hi12 = ffm.rolling(12).max()
cand = ffm <= hi12 - 0.75
starts = []
for d in ffm.index[cand.fillna(False).to_numpy()]:
    if not starts or d - starts[-1] > pd.Timedelta(days=730):
        # first cut month: the first month after the 12m high in which the rate fell
        win = ffm.loc[d - pd.DateOffset(months=12):d]
        peak = win.idxmax()
        starts.append(ffm.loc[peak:d].diff().lt(0).idxmax())
cpi_yoy = tf.yoy(cpi)
loop = []
for s0 in starts:
    s24 = s0 + pd.DateOffset(months=24)
    if s24 > cpi_yoy.index[-1]:
        continue
    loop.append({"first_cut": f"{s0:%Y-%m}", "infl_at_cut": cpi_yoy.loc[s0], "infl_24m_later": cpi_yoy.loc[s24],
                 "unemployment_rise_pp": float(load("UNRATE").loc[s0:s24].max() - load("UNRATE").loc[s0])})
loop = pd.DataFrame(loop)
loop["inflation_up"] = loop["infl_24m_later"] > loop["infl_at_cut"]
display(loop.round(2))
share_up = float(loop["inflation_up"].mean() * 100)
# the current cycle (first cut September 2024) is too recent for the 24-month window: report it separately
cur_cut = tgt[tgt.diff() < 0].loc["2024":].index[0]
cur_infl_at = float(cpi_yoy.loc[:cur_cut].iloc[-1])
cur_infl_now, cur_infl_max = float(cpi_yoy.iloc[-1]), float(cpi_yoy.loc[cur_cut:].max())
print(f"Current cycle: first cut {cur_cut:%Y-%m-%d}; CPI inflation {cur_infl_at:.1f}% then, peak {cur_infl_max:.1f}% since, "
      f"{cur_infl_now:.1f}% at {cpi_yoy.index[-1]:%Y-%m}.")

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4))
ax = axes[0]
ax.step(tgt.loc["2022":].index, tgt.loc["2022":], where="post", label="fed funds target, upper bound")
ax.axvline(ESSAY_DATE, color="k", ls="--", lw=0.8, label="essays (late 2025)")
ax.plot(cpi_yoy.loc["2022":].index, cpi_yoy.loc["2022":], label="CPI inflation, y/y")
ax.set_ylabel("percent")
ax.legend(fontsize=7)
rplt.shade_recessions(ax)
ax.set_title("Policy rate and inflation", fontsize=9)
ax = axes[1]
gq = g_ann.loc["2023":]
qlabels = [f"{d.year}Q{d.quarter}" for d in gq.index]
ax.bar(qlabels, gq.to_numpy(), color=["tab:orange" if d.year == 2026 else "tab:blue" for d in gq.index])
ax.set_xticks(range(0, len(qlabels), 2), qlabels[::2], fontsize=7)
ax.axhline(g2025_q4q4, color="k", ls=":", lw=1, label=f"2025 Q4/Q4 growth {g2025_q4q4:.1f}%")
ax.set_ylabel("real GDP growth, % annualised q/q")
ax.legend(fontsize=7)
ax.set_title("Real GDP growth (2026 in orange)", fontsize=9)
fig.suptitle(f"After the late-2025 cuts the Fed held at {tgt_last:.2f}% through mid-2026; 2026 growth "
             f"{'slowed' if part_b else 'did not slow'} versus 2025", fontsize=10)
rplt.caption(fig, "Source: Federal Reserve (DFEDTARU), BLS (CPIAUCSL), BEA (GDPC1).", as_of=as_of_date(tgt, gdp_r, cpi))
plt.show()

# %%
n9 = int(part_a) + int(part_b) + int(part_c)
k9_verdict = "supported" if n9 == 3 else ("mixed" if n9 == 2 else "not supported")
ct_jump = float(t32_line(46).loc["2026"].mean() - t32_line(46).loc["2025"].mean())   # capital transfer payments
widen = def25 - def26                                                                  # > 0 = deficit wider
one_off = "; mostly one-off capital transfers" if part_c and ct_jump > 0.5 * widen else ""
k9_head = (
    f"{'An' if part_a else 'No'} easing cycle after the essays: the Fed's target-range ceiling went from {tgt_at:.2f}% (Nov 2025) to "
    f"{tgt_last:.2f}% ({tgt.index[-1]:%b %Y}), a {100 * (tgt_at - tgt_last):.0f} bp cut ({'at or above' if part_a else 'below'} the 50 bp bar). "
    f"Growth {'did' if part_b else 'did not'} weaken: 2026 real GDP {g2026.mean():.1f}% annualised vs {g2025_q4q4:.1f}% "
    f"in 2025 (Q4/Q4). The NIPA deficit {'widened' if part_c else 'did not widen'} (net borrowing "
    f"${-def26:,.0f}bn vs ${-def25:,.0f}bn SAAR{one_off}). "
    f"Past easing starts were followed by higher inflation in {share_up:.0f}% of cases; this cycle "
    f"{cur_infl_at:.1f}%→{cur_infl_now:.1f}%.")
book.add(record_claim(
    "K9", notebook=NB, verdict=k9_verdict, headline=k9_head,
    section="K9 — The policy loop and the 2026 easing forecast, checked ex post",
    evidence={"fed_target_upper_at_forecast_pct": tgt_at, "fed_target_upper_latest_pct": tgt_last,
              "easing_cycle_after_forecast": fmt.yes_no(part_a),
              "gdp_growth_2026_avg_ann_pct": round(float(g2026.mean()), 2), "gdp_growth_2025_q4q4_pct": round(g2025_q4q4, 2),
              "growth_weaker": fmt.yes_no(part_b),
              "net_borrowing_2025_avg_bn_saar": round(def25, 1), "net_borrowing_2026_avg_bn_saar": round(def26, 1),
              "deficit_wider": fmt.yes_no(part_c),
              "fy2024_deficit_tn": round(float(-fyd.loc["2024"].iloc[0]), 3), "fy2025_deficit_tn": round(float(-fyd.loc["2025"].iloc[0]), 3),
              "past_easing_starts": len(loop), "share_inflation_higher_24m_after_pct": round(share_up, 1),
              "current_cycle_first_cut": f"{cur_cut:%Y-%m-%d}", "cpi_yoy_at_first_cut_pct": round(cur_infl_at, 2),
              "cpi_yoy_latest_pct": round(cur_infl_now, 2), "cpi_yoy_peak_since_cut_pct": round(cur_infl_max, 2)},
    tests=[{"name": "forecast parts holding (of 3)", "statistic": n9, "p_value": None, "n": 3},
           {"name": "easing starts followed by higher inflation at 24m", "statistic": int(loop["inflation_up"].sum()),
            "p_value": None, "n": len(loop)}],
    data_as_of=as_of_date(tgt, gdp_r, cpi)))
print(k9_verdict, "—", k9_head)


# %% [markdown]
# **Reading.** The Fed cut three times in September–December 2025, around the time the essays were
# written, and then held the range at 3.50–3.75% through August 2026: no new easing cycle followed
# the forecast date. Growth in the first half of 2026 was slightly below 2025's pace. The federal
# deficit on the NIPA basis widened in 2026Q1, but almost entirely through a one-off jump in capital
# transfer payments; the current-account deficit (net federal saving) did not widen, and the FY2025
# budget deficit was slightly smaller than FY2024's. Historically, inflation was higher two years
# after the start of an easing cycle in only a minority of cycles, so the "easing → inflation" leg of
# the loop is the exception, not the rule — but the current cycle is one of the exceptions so far:
# CPI inflation is higher now than at the first cut in September 2024 (line printed above).

# %% [markdown]
# ### What would change these verdicts
#
# - **K1**: ISM's PMI history for 1948–1989 would settle "longest since World War II"; a further
#   seasonal-factor revision could push the first-release streak over 18 months or shorten the
#   revised one.
# - **K2**: a test on earnings or activity *surprises* (consensus forecasts) rather than raw changes —
#   markets price expected news, so raw changes understate the link in every era.
# - **K3**: corporate profits by industry (BEA NIPA Table 6.16D) or S&P 500 sector earnings would turn
#   this untestable verdict into a real one.
# - **K4/K7**: the liquidity regressions are reduced-form; a different liquidity definition (e.g.
#   including bank reserves or the Treasury's bill issuance), or higher-frequency identification
#   around balance-sheet announcements, could find an effect our weekly regressions miss. Small-firm
#   credit standards after 2021 (the current DRTSCIS vintage) would replace the large-firm proxy.
# - **K5**: identified monetary shocks (e.g. high-frequency surprises around FOMC announcements)
#   instead of raw 2-year-yield changes would remove the reverse-causality bias in our projections.
# - **K6**: a fiscal-year 2025–26 budget-basis series (net interest / total receipts) and the CBO's
#   latest figures; net rather than gross interest lowers the share.
# - **K8**: the Survey of Consumer Finances 2025 (direct + indirect stock holdings) could lift the
#   top-10% equity share above 90%; an up-to-date real-income series for 2025 would update the
#   price-to-income ratio.
# - **K9**: later quarters of 2026 (GDP, budget) and any further FOMC decisions change parts (a)–(c).

# %%
book.summary()
