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

# %% [markdown]
# # AI alone drives growth? AI capex vs GDP, labour, housing and energy (claims A1–A5)
#
# Late-2025 essays argued that AI capital spending is the only thing keeping the US economy out of
# recession (A1), that AI is pushing the least-skilled out of work while income shifts to capital (A2),
# that housing and wealth are out of reach for the young (A3), that the binding constraint on AI is
# energy rather than chips (A4), and that the economy is splitting into a capital-heavy AI track and a
# shrinking labour-heavy track (A5). This notebook measures each statement with BEA national
# accounts, Census construction data, BLS labour and price data, the Fed's Distributional Financial
# Accounts and market prices. Each verdict comes from a rule written down before the numbers are
# shown; a correlation in time with the AI boom is never read as causation.

# %%
from research_lib.publish.provenance import stamp
stamp()

# %%
from IPython.display import display, Markdown
from research_lib.claims.notebook import Notebook
book = Notebook("02_ai_capex_gdp")   # plotting style, recession shading, the summary table at the top

# %%

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from research_lib import load, load_table, record_claim, as_of_date
from research_lib import transforms as tf, plotting as rplt, stats
from research_lib.studies import ai_capex as ai

NB = "02_ai_capex_gdp"
CHATGPT = "2022-12-01"  # break date used throughout: first month after ChatGPT's release (30 Nov 2022)


def fmt(x, nd=2):
    return float(np.round(x, nd))


# %% [markdown]
# ## Data: BEA national accounts
#
# * Table 1.1.2 (contributions to percent change in real GDP, percentage points at annual rates),
#   Table 1.1.6 (real GDP by component, chained 2017 dollars) and Table 5.3.6 (real private fixed
#   investment by type, chained 2017 dollars), BEA API extracts retrieved 2026-06-01, 2010Q1–2026Q1.
# * Nominal levels (billions, SAAR): `GDP`, `PNFI` (nonresidential fixed investment),
#   `A679RC1Q027SBEA` (information processing equipment and software), `B985RC1Q027SBEA` (software).
# * Census C30 construction put in place, data centers (nominal dollars, monthly, **not** seasonally
#   adjusted), 2014-01 to 2026-01.

# %%
t112 = ai.bea_long_to_wide(load_table("bea_t10102_contributions"))
t116 = ai.bea_long_to_wide(load_table("bea_t10106_real_gdp"), scale=1e-3)
t536 = ai.bea_long_to_wide(load_table("bea_t50306_real_fixed_investment"), scale=1e-3)
gdp_nom = load("GDP")
pnfi_nom = load("PNFI")
ipes_nom = load("A679RC1Q027SBEA")
sw_nom = load("B985RC1Q027SBEA")
dc_raw = load_table("census_datacenter_construction")
dc_m = pd.Series(dc_raw["spending_usd"].to_numpy(dtype=float) / 1e9,
                 index=pd.DatetimeIndex(pd.to_datetime(dc_raw["date"]), name="date"), name="datacenter")
bea_asof = as_of_date(gdp_nom, ipes_nom)
print("BEA quarters:", t112.index.min().date(), "to", t112.index.max().date(), "| data centers to", dc_m.index.max().date())

# %% [markdown]
# ### Method check: our contribution formula reproduces BEA's
#
# BEA computes contributions with Fisher chain weights. We need contributions for sub-components
# that Table 1.1.2 does not publish (information processing equipment, software, data centers), so we
# use the first-order formula *contribution = previous-quarter nominal share of GDP × annualised real
# growth of the component*. Before using it we apply it to a component BEA does publish
# (nonresidential fixed investment, Table 1.1.2 line 9): the two must agree within a few hundredths
# of a point.

# %%
check = pd.DataFrame({
    "published (T1.1.2 l.9)": t112[9],
    "our formula": ai.contribution(t116[9], pnfi_nom, gdp_nom),
}).dropna()
err = (check["our formula"] - check["published (T1.1.2 l.9)"])
print(f"nonresidential fixed investment, 2010Q2-{check.index[-1].year}Q{check.index[-1].quarter}: "
      f"mean abs error {err.abs().mean():.3f} pp, max abs error {err.abs().max():.3f} pp, N={len(err)}")
check.loc["2024":].round(2).T

# %% [markdown]
# ## A1 — "AI capex is the only pillar" <a id="A1"></a>
#
# **Claim (our words).** Without AI-related investment, US real GDP growth would be clearly weak; AI
# capital spending is the only thing holding the economy up.
#
# **Operational hypothesis.** (i) Real GDP growth excluding the contribution of AI-related investment
# is below 1% in 2025, and (ii) AI-related investment contributed more to growth than consumer spending
# (the other candidate pillar). The claim is *supported* if both hold under the broad definition,
# *not supported* if growth ex-AI is at least 1.5% or consumption contributes more than twice as much as
# AI, and *mixed* otherwise. The rule is applied to 2025 on the published annual-average basis; the
# Q4/Q4 basis, the first half of 2025, the latest four quarters and the hardware-only definition are
# reported beside it as robustness checks.
#
# **Definitions.**
# * *Narrow* = private fixed investment in information processing equipment and software (Table 5.3.6
#   line 32): computers, communication equipment, other IT hardware and all software. It is wider than
#   "AI" (it includes ordinary IT spending), so it is an upper bound for the equipment and software part.
# * *Hardware only* = information processing equipment (line 10) — servers, chips, network gear.
# * *Broad* = narrow + data-center structures (Census C30; nominal, seasonally adjusted here by a
#   ratio-to-moving-average, and deflated by nothing: no data-center price index is available, so its
#   "real" growth is nominal growth).
# * *Net of computer imports* would subtract imported servers and chips (BEA end-use import category
#   computers, peripherals and parts). Those import data are **not in the snapshot**; we show the
#   direction of the bias below rather than a number.
#
# **Data and growth conventions.** BEA tables above, quarterly 2022Q1–2026Q1. Quarterly figures are BEA's
# convention: percent change at an annual rate, contributions in percentage points (pp) at annual rates.
# Annual growth has two published conventions, and we compute both from the level of real GDP (Table 1.1.6
# line 1, chained 2017 dollars; FRED `GDPC1` as a cross-check):
# * **annual average** — the average level of the year over the average of the year before. This is the
#   figure BEA publishes as "real GDP growth in 2025" and the one the verdict uses. The matching
#   contributions are a weighted average of the quarterly contributions from Q2 of the previous year to
#   Q4 of the year (weights 1,2,3,4,3,2,1 out of 16: the growth of an annual average is that weighted
#   average of quarterly annualised rates, up to compounding), so all components, AI included, are on the
#   same basis and still add up to GDP growth.
# * **Q4/Q4** — fourth quarter over fourth quarter, which tracks growth *during* the year. Its contributions
#   are the simple average of the four quarterly contributions (the same approximation). Reported as a
#   robustness check.
#
# Half-years are the simple average of their two quarterly annualised rates (≈ annualised growth from the
# last quarter of the previous half to the last quarter of the half, the convention of the published
# first-half-2025 estimates quoted below).

# %%
# data-center construction: monthly NSA -> our SA -> quarterly annual rate (sum of 3 months x 4)
dc_sa = ai.seasonal_adjust_monthly(dc_m)
dc_q = dc_sa.resample("QS").sum(min_count=3) * 4.0          # $bn, annual rate
dc_q = dc_q[dc_sa.resample("QS").count() == 3]
dc_contrib = (dc_q.diff() / gdp_nom.shift(1)).reindex(t112.index) * 400.0   # quarterly change / GDP, x4 to annualise

c = pd.DataFrame({
    "GDP": t112[1],
    "Consumption": t112[2],
    "Residential": t112[13],
    "Inventories": t112[14],
    "Net exports": t112[15],
    "Government": t112[22],
    "Nonres. investment": t112[9],
})
c["AI hardware (IPE)"] = ai.contribution(t536[10], ipes_nom - sw_nom, gdp_nom)
c["Software"] = ai.contribution(t536[17], sw_nom, gdp_nom)
c["AI narrow (IPE+software)"] = ai.contribution(t536[32], ipes_nom, gdp_nom)
c["Data centers"] = dc_contrib
c["AI broad"] = c["AI narrow (IPE+software)"] + c["Data centers"].fillna(0.0)
c["GDP ex AI narrow"] = c["GDP"] - c["AI narrow (IPE+software)"]
c["GDP ex AI broad"] = c["GDP"] - c["AI broad"]
c["Other private investment"] = c["Nonres. investment"] - c["AI narrow (IPE+software)"] - c["Data centers"].fillna(0.0)
q = c.loc["2022":]
qt = q.copy()
qt.index = [f"{d.year}Q{d.quarter}" for d in qt.index]
qt[["GDP", "Consumption", "Government", "Net exports", "AI hardware (IPE)", "AI narrow (IPE+software)",
    "Data centers", "AI broad", "GDP ex AI narrow", "GDP ex AI broad"]].round(2)

# %%
# real GDP growth from levels under the two conventions (BEA T1.1.6 line 1; GDPC1 = FRED copy, later vintage for 2026Q1)
gdp_real = t116[1]
conv = ai.growth_conventions(gdp_real).loc[2022:2025]
conv_fred = ai.growth_conventions(load("GDPC1")).loc[2022:2025]
conv_tab = pd.DataFrame({
    "annual average (T1.1.6 levels)": conv["annual average"],
    "annual average (GDPC1)": conv_fred["annual average"],
    "Q4/Q4 (T1.1.6 levels)": conv["Q4/Q4"],
    "mean of quarterly annualised rates (T1.1.2)": c["GDP"].groupby(c.index.year).mean().reindex(conv.index),
})
conv_tab.index.name = "year"
display(Markdown("**Real GDP growth, %, by convention** (the annual-average column is BEA's published annual figure)"))
display(conv_tab.round(2))

# %%
halves = q.groupby([f"{d.year}H{1 + (d.quarter > 2)}" for d in q.index]).mean()
cols = ["GDP", "Consumption", "Government", "AI hardware (IPE)", "AI narrow (IPE+software)", "AI broad",
        "GDP ex AI narrow", "GDP ex AI broad"]
parts_cols = ["GDP", "Consumption", "Government", "Net exports", "AI hardware (IPE)", "AI narrow (IPE+software)",
              "Data centers", "AI broad", "Other private investment", "Residential", "Inventories"]
# annual-average basis: tent-weighted quarterly contributions; GDP itself from the levels
years_aa = pd.DataFrame({y: ai.annual_average_basis(c[parts_cols], y) for y in conv.index}).T
years_aa["GDP (weighted quarters)"] = years_aa["GDP"]
years_aa["GDP"] = conv["annual average"]
# Q4/Q4 basis: simple average of the four quarters; GDP from the levels
years_q4 = q[parts_cols].groupby(q.index.year).mean().reindex(conv.index)
years_q4["GDP (weighted quarters)"] = years_q4["GDP"]
years_q4["GDP"] = conv["Q4/Q4"]
for yy in (years_aa, years_q4):
    yy["GDP ex AI narrow"] = yy["GDP"] - yy["AI narrow (IPE+software)"]
    yy["GDP ex AI broad"] = yy["GDP"] - yy["AI broad"]
    yy["AI broad, % of GDP growth"] = yy["AI broad"] / yy["GDP"] * 100
    yy.index.name = "year"
# cross-check of the weighting: AI narrow on an annual basis computed directly from annual data
# (previous-year nominal share x growth of the annual-average real level), BEA's method for annual contributions
ra, na, ga = (x.groupby(x.index.year).mean() for x in (t536[32], ipes_nom, gdp_nom))
years_aa["AI narrow, direct annual formula"] = (na.shift(1) / ga.shift(1) * (ra / ra.shift(1) - 1) * 100).reindex(years_aa.index)
show = cols + ["AI broad, % of GDP growth"]
display(Markdown("**Half-years** (average of the two quarterly annualised rates, pp)"))
display(halves[cols].round(2))
display(Markdown("**Years, annual-average basis** (BEA's published convention; GDP from levels; contributions = "
                 "quarterly contributions weighted 1,2,3,4,3,2,1 from Q2 of the previous year; pp)"))
display(years_aa[show + ["GDP (weighted quarters)", "AI narrow, direct annual formula"]].round(2))
display(Markdown("**Years, Q4/Q4 basis** (GDP from levels; contributions = average of the four quarters; pp)"))
display(years_q4[show + ["GDP (weighted quarters)"]].round(2))
display(Markdown(f"2026: only 2026Q1 is available (GDP {q['GDP'].iloc[-1]:.1f}% annualised, AI broad "
                 f"{q['AI broad'].iloc[-1]:.2f} pp, quarterly table above)."))

# %%
fig, ax = plt.subplots(figsize=(11, 5))
parts = ["Consumption", "Government", "AI broad", "Other private investment", "Residential", "Inventories", "Net exports"]
colors = ["#4c72b0", "#55a868", "#c44e52", "#8172b2", "#ccb974", "#64b5cd", "#999999"]
pos = np.zeros(len(q)); neg = np.zeros(len(q))
x = np.arange(len(q))
for p, col in zip(parts, colors):
    v = q[p].fillna(0.0).to_numpy()
    ax.bar(x, np.where(v > 0, v, 0), bottom=pos, color=col, label=p, width=0.75)
    ax.bar(x, np.where(v < 0, v, 0), bottom=neg, color=col, width=0.75)
    pos += np.where(v > 0, v, 0); neg += np.where(v < 0, v, 0)
ax.plot(x, q["GDP"], "k-o", lw=2, label="Real GDP growth")
ax.plot(x, q["GDP ex AI broad"], "--", color="#c44e52", marker="s", lw=1.5, label="GDP growth ex AI (broad)")
ax.axhline(0, color="black", lw=0.8)
ax.set_xticks(x, qt.index, rotation=45)
ax.set_ylabel("percentage points, annual rate")
ax.set_title("Consumption, not AI alone, carried most quarters; AI's share peaked in 2025Q1 and 2026Q1")
ax.legend(ncol=3, fontsize=8, loc="upper left")
rplt.caption(ax, "BEA NIPA Tables 1.1.2, 5.3.6; Census C30 data centers (our seasonal adjustment)", bea_asof,
             note="AI contributions = nominal share x real growth (our approximation)")
plt.show()

# %% [markdown]
# ### Beside the published estimates (quoted, not recomputed)
#
# | source (date) | quantity | quoted figure |
# |---|---|---|
# | Jason Furman, Harvard (post on X, 27 Sep 2025; widely reported) | share of H1-2025 real GDP growth from information processing equipment + software | about 92%; GDP growth excluding those categories about 0.1% annualised |
# | J.P. Morgan US economics (Abiel Reinhart, J.P. Morgan research podcast, 23 Sep 2025, as given in the episode notes) | AI-related data-center, equipment and software investment, H1 2025 | about 0.5 pp of GDP growth (about one third of 1.4% annualised growth) once imports are netted out; about 1.3 pp of domestic final sales |
# | Goldman Sachs economists (Jan Hatzius at an Atlantic Council event, Feb 2026; Joseph Briggs to the Washington Post; press reports) | AI investment's contribution to 2025 growth once imported hardware is netted out | a reported view that it was "basically zero"; no figure is quoted here |
#
# Why they differ so much, and from ours:
# 1. **Vintage.** The quoted estimates used 2025 vintages of the national accounts; the vintage here (BEA,
#    retrieved 2026-06) includes later revisions. When total growth is small, a share-of-growth ratio swings
#    widely with small revisions: our current-vintage H1-2025 share is shown in the table below.
# 2. **Definition.** IPE + software includes ordinary IT; adding data centers (and, in some studies, power
#    structures) raises the figure; counting only AI-specific servers lowers it.
# 3. **Gross vs net of imports.** Most servers, GPUs and networking gear are imported (Taiwan, Mexico).
#    Imports subtract from GDP, so the *net* domestic contribution is smaller than the gross investment
#    contribution — the J.P. Morgan pair of figures (1.3 pp of domestic final sales, 0.5 pp of GDP) and the
#    Goldman view rest on this. Furman's figure and ours are gross. The import data that would size the
#    netting (BEA end-use imports of computers, peripherals and parts; semiconductors) are not in the snapshot.
# 4. **Period and convention.** 2025Q1 GDP was depressed by a pre-tariff import surge (net exports
#    −4.7 pp in the current vintage, table above), which made every domestic component look like "all of
#    growth" in the first half. Over the full year the share is much smaller, and it depends on the
#    convention: the annual-average figure gives weight to the strong, consumption-led second half of 2024,
#    the Q4/Q4 figure only to the 2025 quarters.

# %%
h1 = halves.loc["2025H1"]
y25 = years_aa.loc[2025]      # published annual-average basis: the verdict's basis
y25q4 = years_q4.loc[2025]    # Q4/Q4 basis: robustness
ours = pd.DataFrame({
    "H1 2025 (annualised)": [h1["AI narrow (IPE+software)"] / h1["GDP"] * 100, h1["GDP ex AI narrow"], h1["AI broad"], h1["Consumption"]],
    "2025, annual average": [y25["AI narrow (IPE+software)"] / y25["GDP"] * 100, y25["GDP ex AI narrow"], y25["AI broad"], y25["Consumption"]],
    "2025, Q4/Q4": [y25q4["AI narrow (IPE+software)"] / y25q4["GDP"] * 100, y25q4["GDP ex AI narrow"], y25q4["AI broad"], y25q4["Consumption"]],
}, index=["IPE+software, % of real GDP growth", "GDP growth ex IPE+software (%)",
          "AI broad contribution (pp)", "Consumption contribution (pp)"])
display(Markdown("**Ours, current vintage (gross of imports)**"))
ours.round(2)

# %% [markdown]
# **Test.** A one-sample check of the 2025 quarters: the mean of quarterly GDP-ex-AI growth and its
# standard error (only four quarters, so this is descriptive, not a powerful test), and the same for the
# gap between consumption's and AI's contributions.

# %%
from scipy import stats as sst

q25 = q.loc["2025"]
tests_a1 = []
for name, s in [("GDP growth ex AI broad, 2025 quarters", q25["GDP ex AI broad"]),
                ("Consumption minus AI broad contribution, 2025 quarters", q25["Consumption"] - q25["AI broad"])]:
    tt = sst.ttest_1samp(s, 0.0)
    tests_a1.append({"name": name + " (t-test mean=0)", "statistic": fmt(tt.statistic, 3),
                     "p_value": fmt(tt.pvalue, 4), "n": int(len(s))})
pd.DataFrame(tests_a1)

# %%
def rule_a1(ex_ai, ai_contrib, cons):
    """A1 rule as stated above (growth ex AI in %, contributions in pp)."""
    if ex_ai < 1.0 and ai_contrib > cons:
        return "supported"
    if ex_ai >= 1.5 or cons > 2 * ai_contrib:
        return "not supported"
    return "mixed"


ex_ai = float(y25["GDP ex AI broad"]); ex_ai_n = float(y25["GDP ex AI narrow"])
ai_b = float(y25["AI broad"]); cons = float(y25["Consumption"]); gov = float(y25["Government"])
v_a1 = rule_a1(ex_ai, ai_b, cons)
n_q_ai_top = int((q25["AI broad"] > q25["Consumption"]).sum())
print(f"2025, annual-average basis: GDP {y25['GDP']:.2f}%, AI broad {ai_b:.2f} pp, consumption {cons:.2f} pp, "
      f"government {gov:.2f} pp, GDP ex AI broad {ex_ai:.2f}%, ex AI narrow {ex_ai_n:.2f}% -> {v_a1}")
l4q = c.iloc[-4:]
robust_a1 = pd.DataFrame({
    "2025 annual average (rule)": [y25["GDP"], y25["AI broad"], y25["Consumption"], y25["Government"], ex_ai],
    "2025 Q4/Q4": [y25q4["GDP"], y25q4["AI broad"], y25q4["Consumption"], y25q4["Government"], y25q4["GDP ex AI broad"]],
    "2025H1": [h1["GDP"], h1["AI broad"], h1["Consumption"], h1["Government"], h1["GDP ex AI broad"]],
    "last 4 quarters": [l4q["GDP"].mean(), l4q["AI broad"].mean(), l4q["Consumption"].mean(), l4q["Government"].mean(),
                        l4q["GDP ex AI broad"].mean()],
    "2025 annual average, hardware only": [y25["GDP"], y25["AI hardware (IPE)"], y25["Consumption"], y25["Government"],
                                           y25["GDP"] - y25["AI hardware (IPE)"]],
}, index=["GDP growth %", "AI contribution pp", "consumption pp", "government pp", "GDP ex AI %"])
outcomes = [rule_a1(robust_a1.loc["GDP ex AI %", k], robust_a1.loc["AI contribution pp", k], robust_a1.loc["consumption pp", k])
            for k in robust_a1.columns]
robust_a1 = robust_a1.astype(object)
robust_a1.loc["rule outcome"] = outcomes
v_q4 = robust_a1.loc["rule outcome", "2025 Q4/Q4"]
display(robust_a1.map(lambda v: round(v, 2) if isinstance(v, float) else v))
same = "the same" if v_q4 == v_a1 else f"*{v_q4}*"
display(Markdown(
    f"**Verdict A1: {v_a1}.** On the published annual-average basis, real GDP grew {y25['GDP']:.2f}% in 2025; AI-related "
    f"investment (broad definition, gross of imports) contributed {ai_b:.2f} pp, consumption {cons:.2f} pp and government "
    f"{gov:+.2f} pp. Without AI investment growth would have been {ex_ai:.2f}% — lower, but not recession-weak — and "
    f"consumption contributed {cons / ai_b:.1f} times as much as AI. The reading is sensitive to the convention: on a Q4/Q4 "
    f"basis (growth during 2025 only) GDP grew {y25q4['GDP']:.2f}%, AI contributed {y25q4['AI broad']:.2f} pp against "
    f"{y25q4['Consumption']:.2f} pp for consumption, growth ex AI was {y25q4['GDP ex AI broad']:.2f}%, and the same rule gives "
    f"{same}. AI was above consumption in {n_q_ai_top} of the 4 quarters of 2025. The claim fits the first half of 2025 "
    f"(ex-AI growth {h1['GDP ex AI broad']:.2f}% annualised) and 2026Q1 ({q['GDP ex AI broad'].iloc[-1]:.2f}%), when import "
    f"swings and a government drag held other components down, but not the year as a whole. All figures are gross of "
    f"imports: netting out imported servers and chips would shrink the AI contribution further."))
book.add(record_claim(
    "A1", notebook=NB, verdict=v_a1,
    headline=(f"Real GDP grew {y25['GDP']:.1f}% in 2025 (annual average; {y25q4['GDP']:.1f}% Q4/Q4); AI-related investment "
              f"(IPE, software, data centers, gross of imports) added {ai_b:.2f} pp vs {cons:.2f} pp from consumption; "
              f"growth ex AI {ex_ai:.1f}% ({y25q4['GDP ex AI broad']:.1f}% Q4/Q4)"),
    evidence={"convention": "2025 = growth of annual-average real GDP (BEA's published annual figure); Q4/Q4 as robustness",
              "gdp_growth_2025_pct": fmt(y25["GDP"]), "gdp_growth_2025_q4q4_pct": fmt(y25q4["GDP"]),
              "ai_broad_contrib_2025_pp": fmt(ai_b), "ai_broad_contrib_2025_q4q4_pp": fmt(y25q4["AI broad"]),
              "consumption_contrib_2025_q4q4_pp": fmt(y25q4["Consumption"]),
              "gdp_ex_ai_broad_2025_q4q4_pct": fmt(y25q4["GDP ex AI broad"]), "verdict_on_q4q4_basis": v_q4,
              "ai_narrow_contrib_2025_pp": fmt(y25["AI narrow (IPE+software)"]),
              "consumption_contrib_2025_pp": fmt(cons), "government_contrib_2025_pp": fmt(gov),
              "gdp_ex_ai_broad_2025_pct": fmt(ex_ai), "gdp_ex_ai_narrow_2025_pct": fmt(ex_ai_n),
              "ai_share_of_growth_h1_2025_pct": fmt(h1["AI narrow (IPE+software)"] / h1["GDP"] * 100, 0),
              "quarters_2025_ai_above_consumption": n_q_ai_top,
              "formula_mae_vs_bea_pp": fmt(err.abs().mean(), 3),
              "definition": "narrow = BEA 5.3.6 line 32 IPE+software; broad = narrow + Census data-center construction"},
    tests=tests_a1, data_as_of=bea_asof, section="A1 — \"AI capex is the only pillar\""))

# %% [markdown]
# ### Hyperscaler capex beside the national accounts
#
# Cash capital expenditure from SEC filings (XBRL `PaymentsToAcquirePropertyPlantAndEquipment`) for
# Microsoft, Alphabet and Amazon only (Meta and Oracle are not in the file), calendar quarters. The file has
# gaps (the 2025 fourth quarter, most earlier fourth quarters and Microsoft's April–June quarter are
# missing), so growth compares **the same available quarters year on year**, and the 2025 size is each
# company's average available quarter × 4. The extract ends in 2025Q3, so the fourth quarter of 2025 and
# 2026 company filings are not covered. Company capex is global, includes land, buildings and non-AI logistics
# (Amazon), and is cash, not BEA's investment concept (which records equipment when delivered and counts
# only investment located in the US) — so the comparison is one of orders of magnitude, not a component of GDP.
# National-accounts figures are 2025 averages of the quarterly seasonally adjusted annual rates, in current
# dollars; data-center construction is the calendar-2025 sum of Census monthly values.

# %%
hc = load_table("hyperscaler_capex_sec_quarterly")
hq = hc[hc["quarter"] > 0].copy()
hq["usd_bn"] = hq["payments_usd"] / 1e9
piv = hq.pivot_table(index=["year", "quarter"], columns="ticker", values="usd_bn")
cmp_rows = []
for y0, y1 in [(2023, 2024), (2024, 2025)]:
    for tk in piv.columns:
        a = piv.loc[y0][tk]; b = piv.loc[y1][tk]
        qs = a.dropna().index.intersection(b.dropna().index)
        cmp_rows.append({"ticker": tk, "years": f"{y0}->{y1}", "quarters compared": ",".join(f"Q{i}" for i in qs),
                         "earlier year $bn": a[qs].sum(), "later year $bn": b[qs].sum(),
                         "growth %": (b[qs].sum() / a[qs].sum() - 1) * 100})
hyp = pd.DataFrame(cmp_rows).set_index(["years", "ticker"])
g25 = hyp.loc["2024->2025"]
tot24, tot25 = g25["earlier year $bn"].sum(), g25["later year $bn"].sum()
# 2025 size: each company's mean available quarter x 4 (annual rate)
rate25 = (piv.loc[2025].mean() * 4).rename("2025 capex, $bn annual rate")
n25 = piv.loc[2025].count()
hyper25 = float(rate25.sum())
# national-accounts categories, 2025, current dollars
na25 = pd.Series({
    "GDP": gdp_nom.loc["2025"].mean(),
    "private nonresidential fixed investment": pnfi_nom.loc["2025"].mean(),
    "information processing equipment + software": ipes_nom.loc["2025"].mean(),
    "information processing equipment": (ipes_nom - sw_nom).loc["2025"].mean(),
    "software": sw_nom.loc["2025"].mean(),
    "data-center construction (Census)": dc_m.loc["2025"].sum(),
})
# same-quarter growth of the national-accounts counterparts (Q1-Q3 2025 vs Q1-Q3 2024), for the trend comparison
def q13_growth(x):
    return (x.loc["2025-01":"2025-09"].sum() / x.loc["2024-01":"2024-09"].sum() - 1) * 100
size = pd.DataFrame({
    "2025, $bn": na25,
    "three hyperscalers' capex as % of it": hyper25 / na25 * 100,
    "growth Jan-Sep 2025 vs Jan-Sep 2024, %": [q13_growth(gdp_nom), q13_growth(pnfi_nom), q13_growth(ipes_nom),
                                             q13_growth(ipes_nom - sw_nom), q13_growth(sw_nom), q13_growth(dc_m)],
})
print(f"three hyperscalers, same quarters: 2024 ${tot24:.0f}bn -> 2025 ${tot25:.0f}bn (+{(tot25 / tot24 - 1) * 100:.0f}%)")
print("2025 annual rate from available quarters: " + ", ".join(f"{k} ${v:.0f}bn ({n25[k]} qtrs)" for k, v in rate25.items())
      + f"; total ${hyper25:.0f}bn")
display(hyp.round(1))
display(Markdown("**Size and growth beside the national-accounts categories** (hyperscaler total = "
                 f"${hyper25:.0f}bn at a 2025 annual rate)"))
size.round(1)

# %%
qq = hq[hq["year"] >= 2022].copy()
qq["date"] = pd.PeriodIndex([f"{y}Q{k}" for y, k in zip(qq["year"], qq["quarter"])], freq="Q").to_timestamp()
qpiv = qq.pivot_table(index="date", columns="ticker", values="usd_bn").asfreq("QS")
both = qpiv.dropna()                      # quarters with all three companies
t1 = both.index[-1]
t0 = t1 - pd.DateOffset(years=2)           # same quarter two years earlier (present for all three)
mult = float(both.sum(axis=1).loc[t1] / both.sum(axis=1).loc[t0])
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
for tk, col in zip(qpiv.columns, ["#ff9900", "#4285f4", "#7fba00"]):
    axes[0].plot(qpiv.index, qpiv[tk], marker="o", color=col, label=tk)
axes[0].set_title(f"Three hyperscalers' quarterly capex rose {mult:.1f}x\nfrom "
                  f"{t0.year}Q{t0.quarter} to {t1.year}Q{t1.quarter}", fontsize=11)
axes[0].set_ylabel("$ billions per quarter, cash capex")
axes[0].set_xlabel("calendar quarter")
axes[0].legend(fontsize=8, title="gaps = quarter missing in filings extract", title_fontsize=7)
dcq = dc_sa.resample("YS").sum(min_count=12).dropna()
(dcq.rename(lambda d: d.year)).plot(kind="bar", ax=axes[1], color="#c44e52", rot=0, fontsize=8)
axes[1].set_title(f"US data-center construction reached ${dcq.iloc[-1]:.0f}bn in {dcq.index[-1].year},\n"
                  f"{dcq.iloc[-1] / dcq.loc['2021'].iloc[0]:.1f}x its 2021 level", fontsize=11)
axes[1].set_ylabel("$ billions per year, nominal")
axes[1].set_xlabel("")
fig.tight_layout()
rplt.caption(axes[0], "SEC XBRL cash capex (MSFT, GOOG, AMZN; calendar quarters); Census C30 data centers",
             as_of_date(dc_m), note="hyperscaler file ends 2025Q3")
plt.show()

# %% [markdown]
# ## A2 — AI displaces the least-skilled; productivity hides a weak labour market; income shifts to capital <a id="A2"></a>
#
# **Claim (our words).** Since generative AI arrived, demand for the least-skilled and most replaceable
# workers has weakened; rising productivity masks a deteriorating labour market; headcount falls while
# profits rise, so income shifts from labour to capital.
#
# **Operational hypotheses** (break date December 2022, the first month after ChatGPT's release):
# 1. *Relative unemployment*: the unemployment rate of young workers (20–24, BLS `LNS14000036`) and of
#    adults without a high-school diploma (25+, `LNS14027659`) rises relative to the total (`UNRATE`)
#    after the break, controlling for the cycle: regression of the group's rate on the total rate and a
#    post-2022-12 dummy, monthly, 2010–latest, pandemic months 2020-03..2021-06 excluded, Newey-West s.e.
#    Bachelor's-degree holders (`LNS14027662`) are the comparison group.
# 2. *Productivity vs hours*: nonfarm business output per hour (`OPHNFB`) grows faster after 2022Q4 than in
#    2010–2019 while payroll growth (`PAYEMS`) slows.
# 3. *Labour share*: compensation of employees / GDP (`COE`/`GDP`) falls and corporate profits / GDP
#    (`CPROFIT`/`GDP`) rise between 2022Q4 and the latest quarter.
#
# **Rule.** *Supported* if all three hold; *mixed* if one or two hold; *not supported* if none. Hypothesis 1
# holds if the youth shift is positive with p < 0.05, or if the less-than-high-school rate rises *relative to
# the bachelor's group* (regression of the difference of the two rates on the total rate and the dummy,
# positive with p < 0.05): a shift common to all education groups is a labour-market shift, not a shift
# against the least-skilled. Even if all hold, the
# timing coincides with high interest rates and post-pandemic normalisation: correlation with the AI
# boom is not evidence that AI caused it.

# %%
u = pd.concat({k: load(k) for k in ["UNRATE", "LNS14000036", "LNS14027659", "LNS14027662", "LNS14000012"]}, axis=1, sort=True)
u = u.loc["2010":]
labels = {"LNS14000036": "age 20-24", "LNS14027659": "less than high school, 25+",
          "LNS14027662": "bachelor's or higher, 25+", "LNS14000012": "age 16-19"}
rows, tests_a2 = [], []
for k, lab in labels.items():
    res = stats.mean_shift_hac(u[k], CHATGPT, lags=12, exclude=("2020-03-01", "2021-06-01"),
                            controls=u[["UNRATE"]])
    rows.append({"group": lab, "series": k, "sample end": f"{u[k].dropna().index[-1]:%Y-%m}",
                 "beta on total rate": res.coef("UNRATE"), "post-2022-12 shift (pp)": res.coef("post"),
                 "HAC s.e.": res.se("post"), "p": res.p("post"), "N": res.nobs, "R2": res.r2})
    tests_a2.append(res.test("post", f"{lab}: post-2022-12 shift in unemployment rate given total rate (HAC)"))
res_d = stats.mean_shift_hac(u["LNS14027659"] - u["LNS14027662"], CHATGPT, lags=12,
                          exclude=("2020-03-01", "2021-06-01"), controls=u[["UNRATE"]])
rows.append({"group": "less than HS minus bachelor's+", "series": "LNS14027659 - LNS14027662",
             "sample end": f"{u['LNS14027662'].dropna().index[-1]:%Y-%m}", "beta on total rate": res_d.coef("UNRATE"),
             "post-2022-12 shift (pp)": res_d.coef("post"), "HAC s.e.": res_d.se("post"), "p": res_d.p("post"),
             "N": res_d.nobs, "R2": res_d.r2})
tests_a2.append(res_d.test("post", "less-than-HS minus bachelor's+ unemployment: post-2022-12 shift given total rate (HAC)"))
# robustness: 2015+ sample (drops the slow post-GFC recovery)
rob = {}
for k in ["LNS14000036", "LNS14027659"]:
    rr = stats.mean_shift_hac(u[k].loc["2015":], CHATGPT, lags=12, exclude=("2020-03-01", "2021-06-01"), controls=u[["UNRATE"]])
    rob[labels[k]] = {"shift 2015+ sample (pp)": rr.coef("post"), "p": rr.p("post"), "N": rr.nobs}
rel = pd.DataFrame(rows).set_index("group")
display(rel.round(3))
display(Markdown("Robustness, 2015–latest sample:"))
pd.DataFrame(rob).T.round(3)

# %%
fig, ax = plt.subplots(figsize=(11, 4.5))
for k, col in [("LNS14000036", "#c44e52"), ("LNS14027659", "#8172b2"), ("LNS14027662", "#55a868")]:
    (u[k] - u["UNRATE"]).rolling(3).mean().plot(ax=ax, color=col, label=f"{labels[k]} minus total")
ax.axvline(pd.Timestamp(CHATGPT), color="grey", ls=":", lw=1)
ax.axhline(0, color="black", lw=0.6)
rplt.shade_recessions(ax)
ax.set_ylabel("percentage points (3-month average)")
ax.set_xlabel("")
ax.set_title("Unemployment gaps by age and education moved little after Dec 2022")
ax.legend(fontsize=8)
rplt.caption(ax, "BLS CPS via FRED (LNS14000036, LNS14027659, LNS14027662, UNRATE)",
             as_of_date(u["LNS14000036"]), note="less-than-HS and BA+ series end 2024-12; dotted line = Dec 2022")
plt.show()

# %%
prod = tf.log_diff(load("OPHNFB"), scale=400.0).rename("productivity")    # annualised % q/q
pay_q = load("PAYEMS").resample("QS").mean()
pay = tf.log_diff(pay_q, scale=400.0).rename("payrolls")
pg = pd.concat([prod, pay], axis=1, sort=True).loc["2010":]
pre = pg.loc["2010":"2019"].mean(); post = pg.loc["2023":].mean()
tests_a2.append(stats.mean_shift_hac(pg["productivity"].loc[:"2019"].combine_first(pg["productivity"].loc["2023":]),
                                  "2023-01-01", lags=4).test("post", "productivity growth 2023+ vs 2010-2019 (HAC)"))
tests_a2.append(stats.mean_shift_hac(pg["payrolls"].loc[:"2019"].combine_first(pg["payrolls"].loc["2023":]),
                                  "2023-01-01", lags=4).test("post", "payroll growth 2023+ vs 2010-2019 (HAC)"))
gdpn = load("GDP")
coe, prof = load("COE"), load("CPROFIT")
shares = pd.DataFrame({"labour share (COE/GDP, %)": coe / gdpn * 100,
                       "profit share (CPROFIT/GDP, %)": prof / gdpn * 100}).dropna()
lab_chg = shares.iloc[-1] - shares.loc["2022-10-01"]
pt = pd.DataFrame({"2010-2019 mean": pre, "2023-latest mean": post}).T
display(pt.round(2))
display(pd.concat([shares.loc[["2019-10-01", "2022-10-01"]], shares.iloc[[-1]]]).round(2))

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
pg.rolling(4).mean().plot(ax=axes[0])
axes[0].axvline(pd.Timestamp("2023-01-01"), color="grey", ls=":")
axes[0].set_title("Productivity growth picked up while payroll growth slowed")
axes[0].set_ylabel("% annual rate, 4-quarter average")
rplt.shade_recessions(axes[0])
shares.loc["2010":].plot(ax=axes[1], secondary_y="profit share (CPROFIT/GDP, %)")
axes[1].set_title("Labour share vs profit share of GDP")
axes[1].set_ylabel("labour share, % of GDP")
axes[1].right_ax.set_ylabel("profits, % of GDP")
rplt.shade_recessions(axes[1])
fig.tight_layout()
rplt.caption(axes[0], "BLS productivity (OPHNFB), CES payrolls (PAYEMS), BEA COE, CPROFIT, GDP", as_of_date(prod, coe))
plt.show()

# %%
sig_up = (rel["post-2022-12 shift (pp)"] > 0) & (rel["p"] < 0.05)
low_skill_up = bool(sig_up.loc["age 20-24"] or sig_up.loc["less than HS minus bachelor's+"])
prod_vs_jobs = bool(post["productivity"] > pre["productivity"] and post["payrolls"] < pre["payrolls"])
share_shift = bool(lab_chg.iloc[0] < 0 and lab_chg.iloc[1] > 0)
n_ok = int(low_skill_up) + int(prod_vs_jobs) + int(share_shift)
v_a2 = "supported" if n_ok == 3 else ("mixed" if n_ok >= 1 else "not supported")
a2_asof = as_of_date(u["LNS14000036"], prod, coe)
print(f"low-skill relative unemployment up: {low_skill_up}; productivity up & payrolls slower: {prod_vs_jobs}; "
      f"labour share down & profit share up: {share_shift} -> {v_a2}")
ba_shift = rel.loc["bachelor's or higher, 25+", "post-2022-12 shift (pp)"]
display(Markdown(
    f"**Verdict A2: {v_a2}.** Given the cycle, youth (20–24) unemployment is {rel.loc['age 20-24', 'post-2022-12 shift (pp)']:+.2f} pp higher "
    f"after 2022-12 (p = {rel.loc['age 20-24', 'p']:.2f}); the less-than-high-school rate rose {rel.loc['less than high school, 25+', 'post-2022-12 shift (pp)']:+.2f} pp "
    f"but so did the bachelor's rate ({ba_shift:+.2f} pp), leaving the low-vs-high-skill "
    f"difference at {res_d.coef('post'):+.2f} pp (p = {res_d.p('post'):.2f}). Productivity growth rose from {pre['productivity']:.2f}% to "
    f"{post['productivity']:.2f}% a year while payroll growth slowed from {pre['payrolls']:.2f}% to {post['payrolls']:.2f}%, and the labour "
    f"share fell {abs(lab_chg.iloc[0]):.2f} pp since 2022Q4 as the profit share rose {lab_chg.iloc[1]:.2f} pp. Headcount did not fall. "
    f"These are correlations in time; high interest rates and post-pandemic normalisation coincide with the same window."))
book.add(record_claim(
    "A2", notebook=NB, verdict=v_a2,
    headline=(f"Youth (20-24) unemployment rose {rel.loc['age 20-24', 'post-2022-12 shift (pp)']:+.2f} pp relative to the cycle "
              f"after 2022-12 (p={rel.loc['age 20-24', 'p']:.3f}); less-than-high-school {rel.loc['less than high school, 25+', 'post-2022-12 shift (pp)']:+.2f} pp "
              f"(p={rel.loc['less than high school, 25+', 'p']:.3f}); labour share {lab_chg.iloc[0]:+.2f} pp since 2022Q4"),
    evidence={"youth_20_24_shift_pp": fmt(rel.loc["age 20-24", "post-2022-12 shift (pp)"], 3),
              "youth_20_24_p": fmt(rel.loc["age 20-24", "p"], 4),
              "less_than_hs_shift_pp": fmt(rel.loc["less than high school, 25+", "post-2022-12 shift (pp)"], 3),
              "less_than_hs_p": fmt(rel.loc["less than high school, 25+", "p"], 4),
              "bachelors_shift_pp": fmt(rel.loc["bachelor's or higher, 25+", "post-2022-12 shift (pp)"], 3),
              "less_hs_minus_bachelors_shift_pp": fmt(res_d.coef("post"), 3), "less_hs_minus_bachelors_p": fmt(res_d.p("post"), 4),
              "productivity_growth_2010_2019_pct": fmt(pre["productivity"]), "productivity_growth_2023_pct": fmt(post["productivity"]),
              "payroll_growth_2010_2019_pct": fmt(pre["payrolls"]), "payroll_growth_2023_pct": fmt(post["payrolls"]),
              "labour_share_change_since_2022q4_pp": fmt(lab_chg.iloc[0]), "profit_share_change_since_2022q4_pp": fmt(lab_chg.iloc[1]),
              "less_than_hs_sample_end": f"{u['LNS14027659'].dropna().index[-1]:%Y-%m}"},
    tests=tests_a2, data_as_of=a2_asof, section="A2 — AI displaces the least-skilled"))

# %% [markdown]
# ## A3 — Wealth gap and housing <a id="A3"></a>
#
# **Claim (our words).** Housing is unaffordable; older generations hold most of the wealth while the young
# have income but no capital; asset inflation widens the gap every year.
#
# **Operational hypotheses.** (1) House prices relative to median household income (`MEHOINUSA646N`) and
# the monthly mortgage payment (80% loan, 30-year fixed at `MORTGAGE30US`) relative to monthly income are
# in the top decile of their 1987–2024 history at the latest observation. The primary price measure is the
# Case-Shiller national index (`CSUSHPINSA`, repeat sales of existing homes, so constant quality; shown as
# an index, 1987–2024 average = 100); the alternative is the Census median *new*-home price (`MSPUS`,
# in dollars), whose mix shifts toward smaller homes when builders chase affordability.
# (2) In the Fed's Distributional Financial Accounts (2026Q1 vintage), households headed by someone
# under 40 hold less than half their household share of net worth, and that share falls in at least 75% of
# years since 2010 ("asset inflation widens the gap every year").
#
# Median household income is annual and ends in 2024; for 2025–2026 we extend it with the growth of
# average hourly earnings (`CES0500000003`) — labelled *proxy* in the chart.
#
# **Rule.** Three statements are scored separately: (a) affordability at an extreme (both Case-Shiller
# ratios at or above the 90th percentile of 1987–2024), (b) the young hold little capital (under-40 share of
# net worth below half their share of households), (c) the gap widens "every year" (under-40 share falls in at
# least 75% of years since 2010). *Supported* if all three hold; *mixed* if one or two; *not supported* if none.

# %%
mspus = load("MSPUS")
mort = load("MORTGAGE30US").resample("QS").mean()
inc = load("MEHOINUSA646N")
ahe = load("CES0500000003").resample("YS").mean()
inc_a = inc.copy(); inc_a.index = inc_a.index.year
ahe_a = ahe.copy(); ahe_a.index = ahe_a.index.year
proxy_years = [y for y in ahe_a.index if y > inc_a.index.max()]
inc_ext = inc_a.copy()
for y in proxy_years:
    inc_ext.loc[y] = inc_ext.loc[y - 1] * ahe_a.loc[y] / ahe_a.loc[y - 1]
def income_on(idx):
    return pd.Series(inc_ext.reindex(idx.year).to_numpy(), index=idx)


mort_m = load("MORTGAGE30US").resample("MS").mean()
cs = load("CSUSHPINSA")
cs_m = pd.DataFrame({"price_to_income": cs / income_on(cs.index),
                     "payment_to_income": ai.mortgage_payment(cs, mort_m.reindex(cs.index)) * 12 / income_on(cs.index)}).dropna()
cs_m = cs_m.loc["1987":]
cs_idx = cs_m / cs_m.loc[:"2024"].mean() * 100          # index, 1987-2024 average = 100
q_inc = income_on(mspus.index)
aff = pd.DataFrame({"price_to_income": mspus / q_inc,
                    "payment_to_income_pct": ai.mortgage_payment(mspus, mort) * 12 / q_inc * 100}).dropna()
aff = aff.loc["1987":]


def pct_rank(frame, hist_end="2024"):
    hist = frame.loc[:hist_end]
    last = frame.iloc[-1]
    return {k: float((hist[k] < last[k]).mean() * 100) for k in frame.columns}, len(hist)


pctl_cs, n_cs = pct_rank(cs_idx)
pctl_new, n_new = pct_rank(aff)
peak_cs = cs_idx["payment_to_income"].idxmax()
latest = aff.iloc[-1]
aff_tab = pd.DataFrame({
    "latest": [cs_idx["price_to_income"].iloc[-1], cs_idx["payment_to_income"].iloc[-1], latest["price_to_income"], latest["payment_to_income_pct"]],
    "as of": [f"{cs_idx.index[-1]:%Y-%m}"] * 2 + [f"{aff.index[-1]:%Y-%m}"] * 2,
    "percentile in 1987-2024": [pctl_cs["price_to_income"], pctl_cs["payment_to_income"], pctl_new["price_to_income"], pctl_new["payment_to_income_pct"]],
    "max 1987-2024": [cs_idx["price_to_income"].loc[:"2024"].max(), cs_idx["payment_to_income"].loc[:"2024"].max(),
                      aff["price_to_income"].loc[:"2024"].max(), aff["payment_to_income_pct"].loc[:"2024"].max()],
}, index=["Case-Shiller price / income (index)", "Case-Shiller payment / income (index)",
          "median new home price / income (x)", "median new home payment / income (%)"])
print(f"Case-Shiller payment/income peaked {peak_cs:%Y-%m}")
aff_tab.round(1)

# %%
age = load_table("dfa2026_dfa_age_shares_detail")
age = age[["Date", "Category", "Net worth", "Household count"]].copy()
age["date"] = pd.PeriodIndex(age["Date"].str.replace(":", ""), freq="Q").to_timestamp()
nw = age.pivot_table(index="date", columns="Category", values="Net worth")
hh = age.pivot_table(index="date", columns="Category", values="Household count")
hh_share = hh.div(hh.sum(axis=1), axis=0) * 100
young = pd.DataFrame({"under-40 share of net worth (%)": nw["ageunder40"],
                      "under-40 share of households (%)": hh_share["ageunder40"],
                      "55+ share of net worth (%)": nw["age55to69"] + nw["age70plus"]})
young_y = young.resample("YS").last()
chg = young_y["under-40 share of net worth (%)"].loc["2010":].diff().dropna()
frac_fall = float((chg < 0).mean() * 100)
trend_test = stats.mean_shift_hac(young["under-40 share of net worth (%)"].loc["2010":], "2020-01-01", lags=4)
display(young.iloc[[young.index.get_loc(pd.Timestamp("2010-01-01")), young.index.get_loc(pd.Timestamp("2019-10-01")), -1]].round(1))
print(f"years since 2010 in which the under-40 net-worth share fell: {frac_fall:.0f}% of {len(chg)}")

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
axes[0].plot(cs_idx.index, cs_idx["payment_to_income"], color="#c44e52", label="payment / income (Case-Shiller)")
axes[0].plot(cs_idx.index, cs_idx["price_to_income"], color="#4c72b0", label="price / income (Case-Shiller)")
axes[0].plot(aff.index, aff["payment_to_income_pct"] / aff["payment_to_income_pct"].loc[:"2024"].mean() * 100,
             color="#c44e52", ls="--", lw=1, label="payment / income (median new home)")
if proxy_years:
    axes[0].axvspan(pd.Timestamp(f"{min(proxy_years)}-01-01"), aff.index[-1], color="grey", alpha=0.15,
                    label="income = proxy (AHE growth)")
axes[0].axhline(100, color="black", lw=0.6)
axes[0].set_ylabel("index, 1987-2024 average = 100")
axes[0].set_title("Payment on a typical home peaked in 2023, then eased")
axes[0].legend(loc="upper left", fontsize=7)
rplt.shade_recessions(axes[0])
young.loc["2000":, ["under-40 share of net worth (%)", "under-40 share of households (%)"]].plot(ax=axes[1])
axes[1].set_title("Under-40s: 28% of households, 7% of wealth")
axes[1].set_ylabel("% of total")
rplt.shade_recessions(axes[1])
fig.tight_layout()
rplt.caption(axes[0], "S&P Case-Shiller, Census MSPUS and median household income, Freddie Mac PMMS, BLS AHE; Fed DFA 2026Q1",
             as_of_date(cs, mspus), note="80% LTV, 30-year fixed")
plt.show()

# %%
afford_extreme = bool(min(pctl_cs.values()) >= 90)
gap_every_year = bool(frac_fall >= 75)
young_small = bool(young["under-40 share of net worth (%)"].iloc[-1] < 0.5 * young["under-40 share of households (%)"].iloc[-1])
n3 = int(afford_extreme) + int(young_small) + int(gap_every_year)
v_a3 = "supported" if n3 == 3 else ("mixed" if n3 >= 1 else "not supported")
print(f"affordability extreme (Case-Shiller, both ratios >= 90th pct): {afford_extreme}; under-40 share < half household share: "
      f"{young_small}; falls in >= 75% of years: {gap_every_year} -> {v_a3}")
tests_a3 = [
    {"name": "Case-Shiller payment/income: percentile of latest month in 1987-2024", "statistic": fmt(pctl_cs["payment_to_income"], 1),
     "p_value": None, "n": int(n_cs)},
    {"name": "Case-Shiller price/income: percentile of latest month in 1987-2024", "statistic": fmt(pctl_cs["price_to_income"], 1),
     "p_value": None, "n": int(n_cs)},
    {"name": "median new-home payment/income: percentile of latest quarter in 1987-2024", "statistic": fmt(pctl_new["payment_to_income_pct"], 1),
     "p_value": None, "n": int(n_new)},
    trend_test.test("post", "under-40 net-worth share, 2020+ vs 2010-2019 mean (HAC)"),
]
display(Markdown(
    f"**Verdict A3: {v_a3}.** Constant-quality housing is expensive: the payment-to-income index is {cs_idx['payment_to_income'].iloc[-1]:.0f} "
    f"(1987–2024 average = 100, percentile {pctl_cs['payment_to_income']:.0f}), below its 2023 peak and below the late-1980s and 2006 extremes, so "
    f"'worst ever' does not hold at the latest reading. The young do hold little capital: {young['under-40 share of net worth (%)'].iloc[-1]:.1f}% "
    f"of net worth for {young['under-40 share of households (%)'].iloc[-1]:.0f}% of households, while those 55+ hold "
    f"{young['55+ share of net worth (%)'].iloc[-1]:.0f}%. But the gap did not widen every year: the under-40 share rose since 2019 and fell in "
    f"only {frac_fall:.0f}% of years since 2010."))
book.add(record_claim(
    "A3", notebook=NB, verdict=v_a3,
    headline=(f"Payment on a constant-quality home = {cs_idx['payment_to_income'].iloc[-1]:.0f} (1987-2024 avg = 100; percentile "
              f"{pctl_cs['payment_to_income']:.0f}); under-40s hold {young['under-40 share of net worth (%)'].iloc[-1]:.1f}% of net worth "
              f"with {young['under-40 share of households (%)'].iloc[-1]:.0f}% of households, but their share rose and fell in only "
              f"{frac_fall:.0f}% of years since 2010"),
    evidence={"cs_payment_to_income_index_latest": fmt(cs_idx["payment_to_income"].iloc[-1], 1),
              "cs_payment_to_income_percentile": fmt(pctl_cs["payment_to_income"], 1),
              "cs_price_to_income_index_latest": fmt(cs_idx["price_to_income"].iloc[-1], 1),
              "cs_price_to_income_percentile": fmt(pctl_cs["price_to_income"], 1),
              "cs_payment_peak_month": f"{peak_cs:%Y-%m}",
              "newhome_payment_to_income_pct_latest": fmt(latest["payment_to_income_pct"], 1),
              "newhome_payment_to_income_percentile": fmt(pctl_new["payment_to_income_pct"], 1),
              "under40_networth_share_latest_pct": fmt(young["under-40 share of net worth (%)"].iloc[-1], 1),
              "under40_household_share_latest_pct": fmt(young["under-40 share of households (%)"].iloc[-1], 1),
              "age55plus_networth_share_latest_pct": fmt(young["55+ share of net worth (%)"].iloc[-1], 1),
              "years_under40_share_fell_pct": fmt(frac_fall, 0),
              "income_proxy_years": ",".join(str(y) for y in proxy_years)},
    tests=tests_a3, data_as_of=as_of_date(cs, mspus, mort), section="A3 — Wealth gap and housing"))

# %% [markdown]
# ## A4 — "The bottleneck is energy, not GPUs" <a id="A4"></a>
#
# **Claim (our words).** AI scaling is limited by power (generation, grid, cooling, copper), not by chips;
# energy is among the most leveraged investment themes.
#
# **What public data can and cannot show.** A binding power constraint would show up directly in
# interconnection-queue lengths, data-center projects delayed for lack of grid capacity, or curtailment —
# none of which is in the snapshot. What we can observe is **indirect**: whether electricity demand,
# prices and power investment broke upward when AI spending took off, and whether markets priced power
# producers as the scarce input.
#
# **Operational tests** (2023-01 break, monthly unless noted):
# 1. *Output*: 12-month growth of US electricity and gas utility output (`IPG2211A2N`, not seasonally
#    adjusted, so year-over-year) is higher in 2023–latest than in 2010–2022 (HAC, 24 lags), p < 0.05.
# 2. *Prices*: CPI electricity (`CUSR0000SEHF01`) 12-month inflation minus headline CPI (`CPIAUCSL`)
#    inflation is higher after the break (HAC), p < 0.05. Robustness: the same with natural-gas price
#    inflation (`PNGASUSUSDM`) 6 and 12 months earlier as controls, since power prices follow gas with a lag.
# 3. *Investment*: real-time nominal power construction (`TLPWRCONS`) grows faster than total construction
#    (`TTLCONS`) from 2022 to the latest 12 months.
# 4. *Markets*: the power producers (VST, CEG) beat NVDA in total return from 2023-01-03 to the latest date.
#
# **Rule.** *Supported* if all four hold; *mixed* if 2–3 hold (or if 1–3 hold but NVDA still leads the
# market test — chips still earning the scarcity rent); *not supported* if 0–1 hold.

# %%
ip = load("IPG2211A2N")
ip_yoy = tf.log_diff(ip, periods=12, scale=100.0).loc["2010":]
r_out = stats.mean_shift_hac(ip_yoy, "2023-01-01", lags=24)
# trend break in the (log) 12-month sum of output: broken linear trend, HAC
lvl = np.log(ip.rolling(12).sum()).loc["2010":].dropna()
tt = pd.Series(np.arange(len(lvl)) / 12.0, index=lvl.index)
kink = (tt - tt[lvl.index >= "2023-01-01"].iloc[0]).clip(lower=0)
from research_lib import stats
r_kink = stats.ols_hac(lvl * 100, pd.DataFrame({"trend": tt, "post_trend": kink}), lags=24)
cpi_e = load("CUSR0000SEHF01"); cpi = load("CPIAUCSL")
rel_inf = (tf.log_diff(cpi_e, 12) - tf.log_diff(cpi, 12)).dropna().loc["2010":]
r_px = stats.mean_shift_hac(rel_inf, "2023-01-01", lags=24)
# robustness: electricity prices follow natural-gas prices with a lag; control for gas-price inflation 6 and 12 months earlier
gas_yoy = tf.log_diff(load("PNGASUSUSDM"), 12)
r_px_gas = stats.mean_shift_hac(rel_inf, "2023-01-01", lags=24,
                             controls=pd.DataFrame({"gas_yoy_lag6": gas_yoy.shift(6), "gas_yoy_lag12": gas_yoy.shift(12)}))
pw, tot = load("TLPWRCONS"), load("TTLCONS")
pw12, tot12 = pw.rolling(12).sum(), tot.rolling(12).sum()
pw_g = (pw12.iloc[-1] / pw12.loc["2022-12-01"] - 1) * 100
tot_g = (tot12.iloc[-1] / tot12.loc["2022-12-01"] - 1) * 100
dc12 = dc_m.rolling(12).sum()
dc_g = (dc12.iloc[-1] / dc12.loc["2022-12-01"] - 1) * 100
cu = load("PCOPPUSDM")
cu_g = (cu.iloc[-1] / cu.loc["2023-01-01"] - 1) * 100
out_tab = pd.DataFrame([
    {"test": "utility output y/y: 2023+ shift (pp)", "coef": r_out.coef("post"), "p": r_out.p("post"), "N": r_out.nobs},
    {"test": "utility output: post-2023 trend change (% per yr)", "coef": r_kink.coef("post_trend"), "p": r_kink.p("post_trend"), "N": r_kink.nobs},
    {"test": "electricity CPI minus CPI y/y: 2023+ shift (pp)", "coef": r_px.coef("post"), "p": r_px.p("post"), "N": r_px.nobs},
    {"test": "  same, controlling for lagged natural-gas inflation (pp)", "coef": r_px_gas.coef("post"), "p": r_px_gas.p("post"), "N": r_px_gas.nobs},
    {"test": "power construction growth, 12m sum, Dec-2022 to latest (%)", "coef": pw_g, "p": np.nan, "N": len(pw)},
    {"test": "total construction growth, same window (%)", "coef": tot_g, "p": np.nan, "N": len(tot)},
    {"test": "data-center construction growth, same window (%)", "coef": dc_g, "p": np.nan, "N": len(dc_m)},
    {"test": "copper price change since Jan 2023 (%)", "coef": cu_g, "p": np.nan, "N": len(cu.loc['2023':])},
]).set_index("test")
print(f"pre-2023 mean utility output growth {r_out.coef('const'):.2f}% y/y; pre-2023 trend {r_kink.coef('trend'):.2f}%/yr")
out_tab.round(3)

# %%
tick = ["VST", "CEG", "XLU", "NVDA", "SPY"]
px = pd.concat({t: load(t) for t in tick}, axis=1, sort=True).loc["2023-01-03":].dropna()
tr = (px.iloc[-1] / px.iloc[0] - 1) * 100
rets = np.log(px).diff().dropna()
vol = rets.std() * np.sqrt(252) * 100
beta_nvda = {t: stats.ols_hac(rets[t] * 100, rets[["NVDA"]] * 100).coef("NVDA") for t in ["VST", "CEG", "XLU"]}
mk = pd.DataFrame({"total return since 2023-01-03 (%)": tr, "annualised vol (%)": vol,
                   "beta to NVDA daily": pd.Series(beta_nvda)})
mk.round(2)

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
ip_yoy.rolling(12).mean().plot(ax=axes[0], color="#4c72b0", label="utility output, y/y % (12m avg)")
rel_inf.rolling(3).mean().plot(ax=axes[0], color="#c44e52", label="electricity CPI minus CPI, pp (3m avg)")
axes[0].axvline(pd.Timestamp("2023-01-01"), color="grey", ls=":")
axes[0].axhline(0, color="black", lw=0.6)
axes[0].set_ylabel("percent / percentage points")
axes[0].set_title("Power prices outran CPI after 2023; output less so")
axes[0].legend(fontsize=8)
rplt.shade_recessions(axes[0])
(px / px.iloc[0] * 100).plot(ax=axes[1], logy=True)
axes[1].set_title("NVDA out-ran the power producers")
axes[1].set_ylabel("total return index, 3 Jan 2023 = 100 (log)")
fig.tight_layout()
rplt.caption(axes[0], "Fed G.17 (IPG2211A2N), BLS CPI; Yahoo Finance adjusted closes", as_of_date(ip, cpi_e, px["NVDA"]))
plt.show()

# %%
t1 = bool(r_out.coef("post") > 0 and r_out.p("post") < 0.05)
t2 = bool(r_px.coef("post") > 0 and r_px.p("post") < 0.05)
t3 = bool(pw_g > tot_g)
t4 = bool(min(tr["VST"], tr["CEG"]) > tr["NVDA"])
n4 = sum([t1, t2, t3, t4])
if n4 == 4:
    v_a4 = "supported"
elif n4 >= 2 or (n4 >= 1 and not t4):
    v_a4 = "mixed"
else:
    v_a4 = "not supported"
print(f"output break {t1}, relative price {t2}, power construction {t3}, power stocks beat NVDA {t4} -> {v_a4}")
display(Markdown(
    f"**Verdict A4: {v_a4}.** Power-side signals are real but mostly indirect: electricity prices outran CPI by "
    f"{r_px.coef('post'):.1f} pp a year after 2023 (still {r_px_gas.coef('post'):.1f} pp after controlling for lagged gas prices), power "
    f"construction grew {pw_g:.0f}% vs {tot_g:.0f}% for all construction, data-center construction {dc_g:.0f}%, copper {cu_g:+.0f}%. "
    f"But utility output growth did not step up significantly (shift {r_out.coef('post'):+.2f} pp, p = {r_out.p('post'):.2f}; the broken-trend "
    f"fit does show a steeper post-2023 trend, a weaker test because it regresses a trending level), and markets paid the chip maker, not the "
    f"power producers, the scarcity rent: NVDA {tr['NVDA']:+.0f}% vs VST {tr['VST']:+.0f}%, CEG {tr['CEG']:+.0f}%, utilities (XLU) "
    f"{tr['XLU']:+.0f}%. No direct measure of a binding power constraint is in the data."))
book.add(record_claim(
    "A4", notebook=NB, verdict=v_a4,
    headline=(f"Indirect evidence only: utility output growth {r_out.coef('post'):+.2f} pp y/y after 2023 (p={r_out.p('post'):.3f}), "
              f"electricity CPI {r_px.coef('post'):+.2f} pp vs CPI (p={r_px.p('post'):.3f}); power construction {pw_g:+.0f}% vs total {tot_g:+.0f}%; "
              f"VST {tr['VST']:+.0f}%, CEG {tr['CEG']:+.0f}%, NVDA {tr['NVDA']:+.0f}% since Jan 2023"),
    evidence={"utility_output_yoy_shift_pp": fmt(r_out.coef("post"), 3), "utility_output_pre_mean_pct": fmt(r_out.coef("const"), 3),
              "utility_output_trend_change_pct_per_yr": fmt(r_kink.coef("post_trend"), 3),
              "elec_cpi_minus_cpi_shift_pp": fmt(r_px.coef("post"), 3),
              "elec_cpi_minus_cpi_shift_gas_controlled_pp": fmt(r_px_gas.coef("post"), 3),
              "power_construction_growth_pct": fmt(pw_g, 1), "total_construction_growth_pct": fmt(tot_g, 1),
              "datacenter_construction_growth_pct": fmt(dc_g, 1), "copper_change_since_2023_pct": fmt(cu_g, 1),
              "VST_return_pct": fmt(tr["VST"], 0), "CEG_return_pct": fmt(tr["CEG"], 0), "XLU_return_pct": fmt(tr["XLU"], 0),
              "NVDA_return_pct": fmt(tr["NVDA"], 0), "SPY_return_pct": fmt(tr["SPY"], 0),
              "direct_evidence": "none in snapshot (interconnection queues, curtailment, project delays)"},
    tests=[r_out.test("post", "utility output y/y, 2023+ mean shift (HAC 24)"),
           r_kink.test("post_trend", "utility output log level, post-2023 trend change (HAC 24)"),
           r_px.test("post", "electricity CPI minus CPI y/y, 2023+ mean shift (HAC 24)"),
           r_px_gas.test("post", "electricity CPI minus CPI y/y, 2023+ shift given lagged gas inflation (HAC 24)")],
    data_as_of=as_of_date(ip, cpi_e, pw, px["NVDA"]), section="A4 — The bottleneck is energy, not GPUs"))

# %% [markdown]
# ## A5 — Two tracks: a capital-heavy AI sector and a shrinking labour-heavy rest <a id="A5"></a>
#
# **Claim (our words).** The economy runs on two tracks: an AI sector (capital-intensive, high productivity,
# high margins, little labour) and a traditional, labour-dependent sector that keeps shrinking.
#
# **Operational hypothesis.** Side by side since 2022: (1) real growth of AI-related investment vs all other
# private fixed investment; (2) employment in the information sector (`USINFO`, the closest BLS industry
# to the AI track; it also includes publishing, broadcasting and telecom) vs all other payrolls; (3) GDP
# growth from AI investment vs the rest of GDP (from A1). Sector-level productivity and margins would need
# BEA GDP-by-industry data, which are not in the snapshot.
#
# **Rule.** *Supported* if AI investment outgrows the rest by more than 5 pp a year **and** the rest of the
# economy shrinks (non-AI GDP growth and non-information payroll growth both negative over the latest four
# quarters); *mixed* if the AI track outgrows but the rest does not shrink; *not supported* if there is no
# divergence.

# %%
ai_real = t536[32]
rest_real = t536[1] - t536[32]        # chained dollars are not additive; an approximation (labelled)
inv = pd.DataFrame({"AI investment (IPE+software), real y/y %": tf.pct_change(ai_real, 4),
                    "other private fixed investment, real y/y % (approx.)": tf.pct_change(rest_real, 4)})
payq = pd.concat({"info": load("USINFO"), "total": load("PAYEMS")}, axis=1, sort=True).dropna()
payq["rest"] = payq["total"] - payq["info"]
emp = pd.DataFrame({"information-sector jobs y/y %": tf.pct_change(payq["info"], 12),
                    "all other payrolls y/y %": tf.pct_change(payq["rest"], 12)})
l4 = c.iloc[-4:]
ai4 = float(l4["AI broad"].mean()); rest4 = float(l4["GDP ex AI broad"].mean())
gap = float(inv.iloc[-4:, 0].mean() - inv.iloc[-4:, 1].mean())
info_g = float(emp.iloc[-1, 0]); rest_g = float(emp.iloc[-1, 1])
emp_lvl = payq.loc["2022-12-01"], payq.iloc[-1]
side = pd.DataFrame({
    "AI track": [inv.iloc[-4:, 0].mean(), info_g, ai4],
    "rest of economy": [inv.iloc[-4:, 1].mean(), rest_g, rest4],
}, index=["real investment growth, y/y %, mean of last 4 quarters", f"employment y/y % ({payq.index[-1]:%Y-%m})",
          "contribution to real GDP growth, pp, last 4 quarters avg"])
r_gap = stats.newey_west_mean((inv.iloc[:, 0] - inv.iloc[:, 1]).loc["2023":])
print(f"information-sector jobs {emp_lvl[0]['info']:.0f}k (Dec 2022) -> {emp_lvl[1]['info']:.0f}k; "
      f"other payrolls {emp_lvl[0]['rest']/1000:.1f}m -> {emp_lvl[1]['rest']/1000:.1f}m")
side.round(2)

# %%
fig, axes = plt.subplots(1, 2, figsize=(12, 4.2))
inv.loc["2015":].plot(ax=axes[0], color=["#c44e52", "#4c72b0"])
axes[0].axhline(0, color="black", lw=0.6)
axes[0].set_title("AI-related investment surged; other investment stalled")
axes[0].set_ylabel("real growth, % y/y")
rplt.shade_recessions(axes[0])
emp.loc["2015":].plot(ax=axes[1], color=["#c44e52", "#4c72b0"])
axes[1].axhline(0, color="black", lw=0.6)
axes[1].set_title("Information-sector jobs shrank; the rest kept growing")
axes[1].set_ylabel("employment, % y/y")
axes[1].set_ylim(-10, 10)
rplt.shade_recessions(axes[1])
fig.tight_layout()
rplt.caption(axes[0], "BEA Table 5.3.6 (chained 2017 $; other = total minus IPE+software, approx.); BLS CES (USINFO, PAYEMS)",
             as_of_date(payq["info"], gdp_nom))
plt.show()

# %%
diverge = gap > 5
rest_shrinks = rest4 < 0 and rest_g < 0
v_a5 = "supported" if (diverge and rest_shrinks) else ("mixed" if diverge else "not supported")
display(Markdown(
    f"**Verdict A5: {v_a5}.** The two tracks diverge in investment (AI {inv.iloc[-4:, 0].mean():+.1f}% vs other "
    f"{inv.iloc[-4:, 1].mean():+.1f}% real y/y over the last four quarters) and the AI-adjacent information sector does use less labour "
    f"(jobs {info_g:+.1f}% y/y, {emp_lvl[0]['info']:.0f}k to {emp_lvl[1]['info']:.0f}k since Dec 2022). But the rest of the economy is not "
    f"shrinking: GDP excluding AI investment grew {rest4:.1f}% and other payrolls {rest_g:+.1f}% y/y. Margins and productivity by sector are "
    f"untested (BEA GDP-by-industry data absent)."))
book.add(record_claim(
    "A5", notebook=NB, verdict=v_a5,
    headline=(f"AI investment outgrew other investment by {gap:.0f} pp/yr over the last 4 quarters, but the rest did not shrink: "
              f"GDP ex AI {rest4:+.1f}%, non-information payrolls {rest_g:+.1f}% y/y; information jobs {info_g:+.1f}% y/y"),
    evidence={"ai_invest_growth_last4q_pct": fmt(inv.iloc[-4:, 0].mean(), 1), "other_invest_growth_last4q_pct": fmt(inv.iloc[-4:, 1].mean(), 1),
              "gap_pp": fmt(gap, 1), "gdp_ex_ai_last4q_pct": fmt(rest4), "ai_contrib_last4q_pp": fmt(ai4),
              "info_jobs_yoy_pct": fmt(info_g), "other_payrolls_yoy_pct": fmt(rest_g),
              "info_jobs_dec2022_k": fmt(emp_lvl[0]["info"], 0), "info_jobs_latest_k": fmt(emp_lvl[1]["info"], 0)},
    tests=[{**r_gap, "name": "AI minus other investment growth since 2023, mean (HAC)",
            "statistic": fmt(r_gap["statistic"], 3), "p_value": fmt(r_gap["p_value"], 4)}],
    data_as_of=as_of_date(gdp_nom, payq["info"]), section="A5 — Two tracks"))

# %% [markdown]
# ## What would change these verdicts
#
# * **A1.** Netting out imported computers and semiconductors (BEA end-use imports, category computers,
#   peripherals and parts, and Census trade data for semiconductors) would *lower* the AI contribution and
#   strengthen the "not the only pillar" reading; a weaker consumption print in the 2026 quarters, or
#   downward revisions to PCE in BEA's annual update, would push it the other way. A narrower "AI only"
#   definition (servers and GPUs, from company or Census shipment data) would also lower the AI figure.
#   The verdict uses the published annual-average growth convention; on a Q4/Q4 basis the same rule gives a
#   weaker conclusion (see the robustness table), and 2026 quarters in which growth excluding AI stays as low
#   as in 2026Q1 would move the verdict toward the claim.
# * **A2.** CPS micro-data by occupation exposure to AI (rather than by age or education) would be the
#   decisive test; the less-than-high-school series in the snapshot ends in 2024-12 and the age series in
#   2025-09, so the 2026 labour-market turn, if any, is not yet in them.
# * **A3.** Existing-home prices (NAR) and a 2025 Census income release would replace our AHE-based income
#   proxy; a DFA vintage breaking wealth by age *and* asset class would show whether the young's gains are
#   housing equity (which rises with prices) or financial assets.
# * **A4.** Interconnection-queue data (LBNL "Queued Up"), utility large-load forecasts, and data-center
#   project delays attributed to power would turn this from indirect to direct evidence. A fall in GPU prices
#   or Nvidia margins while power prices keep rising would favour the claim.
# * **A5.** BEA GDP by industry (value added, compensation and gross operating surplus by industry) would
#   let us measure margins and labour intensity of the AI track directly; a contraction in non-AI payrolls
#   would flip the verdict toward "supported".

# %%
book.summary()
