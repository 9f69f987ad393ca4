"""Notebook 01 ("Two economies": markets vs the real economy, claims K1-K9): study helpers.

Each claim's test functions take a protocol specification (``spec``: the baseline's parameters with
a variant's overrides, and the window the data must be visible in) and return a :func:`result`
dict with the fields of the protocol's ``Estimate`` (the notebook turns it into one: this layer does
not import the claims layer). Data are loaded through ``spec.load`` (or, for tables and derived
series, registered with ``spec.inputs``) so that each record's as-of date is the last observation
actually used. Chart helpers at the end keep the notebook's cells short.
"""
from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
import pandas as pd
from scipy import stats as sps

from research_lib import config
from research_lib.analysis import plotting, stats
from research_lib.analysis import transforms as tf
from research_lib.data import calendars
from research_lib.data.api import load_table
from research_lib.data.derived import net_liquidity

#: Monthly series dated at the first day of their reference month.
MONTH = "MS"


def result(value, low=None, high=None, p=None, n=None, detail=None) -> dict:
    """One specification's result: the decision statistic, its interval, two-sided p-value, N and
    other numbers worth keeping (the fields of the protocol's ``Estimate``)."""
    return {"value": value, "low": low, "high": high, "p": p, "n": n, "detail": dict(detail or {})}


def _ci(coef: float, se: float, df: float, alpha: float = 0.05) -> tuple[float, float]:
    crit = float(sps.t.ppf(1 - alpha / 2, df)) if df and df > 0 else 1.96
    return coef - crit * se, coef + crit * se


def _p_against(coef: float, se: float, df: float, null: float) -> float:
    """Two-sided t-test p-value of ``coef`` against ``null``."""
    if not se or not math.isfinite(se):
        return float("nan")
    return float(2 * sps.t.sf(abs((coef - null) / se), df if df and df > 0 else 1e6))


def _last(x: pd.Series | pd.DataFrame) -> str:
    valid = x.dropna(how="all") if isinstance(x, pd.DataFrame) else x.dropna()
    return str(pd.Timestamp(valid.index.max()).date())


def _month_close(close: pd.Series) -> pd.Series:
    """Month-end closes labelled by the first day of the month."""
    return tf.monthly(close, how="last")


# ============================================================================ K1: the ISM streak
def pmi_by_reference_month(spec) -> pd.Series:
    """ISM manufacturing PMI by reference month, as visible in the spec's window.

    ``vintage="first release"``: the release-dated first-release file, each value moved to the
    month it describes (the month before its release); ``"revised"``: ISM's current values
    (``NAPM``). ``smooth="3-month average"`` averages the last three months; ``drop_last=k`` ignores
    the newest k months (a print the author may not have seen).
    """
    if spec["vintage"] == "first release":
        raw = spec.load("ism_manufacturing_pmi", dated_at_release=True)
        ref = raw.copy()
        ref.index = (raw.index.to_period("M") - 1).to_timestamp()
        ref = ref[~ref.index.duplicated(keep="last")]
    elif spec["vintage"] == "revised":
        ref = spec.load("NAPM")
    else:
        raise ValueError(f"unknown PMI vintage {spec['vintage']!r}")
    ref = ref.dropna().astype(float)
    if spec.get("smooth", "none") == "3-month average":
        ref = ref.rolling(3).mean().dropna()
    if spec.get("drop_last", 0):
        ref = ref.iloc[: -int(spec["drop_last"])]
    return ref.rename("pmi")


def contraction_runs(pmi: pd.Series, threshold: float = 50.0, tolerance: int = 0) -> pd.DataFrame:
    """Runs of consecutive months below ``threshold``; ``tolerance`` months at or above it may sit
    inside a run without ending it (they count in its length).

    Returns start, end, length (months), ongoing (the run reaches the last month of ``pmi``).
    """
    runs = tf.runs_below(pmi, threshold)
    cols = ["start", "end", "length", "ongoing"]
    if runs.empty:
        return pd.DataFrame(columns=cols)
    rows: list[dict] = []
    for r in runs.itertuples(index=False):
        if rows:
            gap = (r.start.to_period("M") - rows[-1]["end"].to_period("M")).n - 1
            if gap <= tolerance:
                rows[-1]["end"] = r.end
                continue
        rows.append({"start": r.start, "end": r.end})
    out = pd.DataFrame(rows)
    out["length"] = [(e.to_period("M") - s.to_period("M")).n + 1 for s, e in zip(out["start"], out["end"])]
    out["ongoing"] = out["end"] == pmi.index[-1]
    return out[cols]


def k1_run(spec) -> tuple[pd.Series, pd.Series | None, pd.DataFrame]:
    """(PMI, the run the spec looks at or None, all runs).

    ``run="open"``: the run still open at the last visible month; ``"latest within 12 months"``:
    the longest run that ended within the 12 months up to the last visible month (a generous
    reading: the streak the essay may have had in mind even if it had just ended).
    """
    pmi = pmi_by_reference_month(spec)
    runs = contraction_runs(pmi, spec.get("threshold", 50.0), int(spec.get("tolerance", 0)))
    if spec["run"] == "open":
        chosen = runs[runs["ongoing"]]
    elif spec["run"] == "latest within 12 months":
        chosen = runs[runs["end"] >= pmi.index[-1] - pd.DateOffset(months=11)].sort_values("length")
    else:
        raise ValueError(f"unknown run choice {spec['run']!r}")
    return pmi, (chosen.iloc[-1] if len(chosen) else None), runs


def k1_run_length(spec) -> dict:
    """Months in the contraction run the spec looks at (0 if the PMI is not below 50 there)."""
    pmi, run, _ = k1_run(spec)
    detail = {"last month": f"{pmi.index[-1]:%Y-%m}", "last value": round(float(pmi.iloc[-1]), 1)}
    if run is None:
        return result(0, n=len(pmi), detail=detail)
    return result(int(run["length"]), n=len(pmi), detail={**detail, "run": f"{run['start']:%Y-%m} to {run['end']:%Y-%m}"})


def k1_run_vs_record(spec) -> dict:
    """Months by which the run exceeds the longest earlier run in the available history
    (negative: shorter than an earlier run)."""
    pmi, run, runs = k1_run(spec)
    if run is None:
        longest = int(runs["length"].max()) if len(runs) else 0
        return result(-longest, n=len(pmi), detail={"history from": f"{pmi.index[0]:%Y-%m}"})
    earlier = runs[runs["end"] < run["start"]]
    record = int(earlier["length"].max()) if len(earlier) else 0
    return result(int(run["length"]) - record, n=len(pmi),
                    detail={"history from": f"{pmi.index[0]:%Y-%m}", "longest earlier run": record})


def k1_stocks_over_run(spec) -> dict:
    """S&P 500 price change (%) from the last close before the run's first month to the last close
    of its last month (the last visible close for a run still open)."""
    pmi, run, _ = k1_run(spec)
    close = spec.load("^GSPC")
    if run is None:
        return result(None, n=len(pmi), detail={"note": "no contraction run at the last visible month"})
    before = close.loc[: run["start"] - pd.Timedelta(days=1)]
    after = close.loc[: run["end"] + pd.offsets.MonthEnd(0)]
    change = 100 * (float(after.iloc[-1]) / float(before.iloc[-1]) - 1)
    spec.inputs["^GSPC"] = str(after.index[-1].date())   # the last close used, not the last visible
    return result(change, n=int(run["length"]),
                    detail={"from": str(before.index[-1].date()), "to": str(after.index[-1].date())})


# ============================================================================ K2: decoupling
#: Activity measures: (catalog id, transformation of the level into monthly news).
K2_MEASURES = {
    "ISM PMI (revised)": ("NAPM", "change"),
    "ISM PMI (first release)": ("ism_manufacturing_pmi", "change"),
    "industrial production": ("INDPRO", "growth"),
    "Chicago Fed activity index": ("CFNAI", "level"),
    "payrolls": ("PAYEMS", "growth"),
}


def activity_news(spec) -> pd.Series:
    """The month's activity news by reference month: PMI change, production or payroll growth (%),
    or the CFNAI itself (already a growth index)."""
    sid, how = K2_MEASURES[spec["measure"]]
    if sid == "ism_manufacturing_pmi":
        raw = spec.load(sid, dated_at_release=True)
        level = raw.copy()
        level.index = (raw.index.to_period("M") - 1).to_timestamp()
        level = level[~level.index.duplicated(keep="last")]
    else:
        level = spec.load(sid)
    news = {"change": tf.diff, "growth": tf.log_diff, "level": lambda s: s}[how](level)
    return news.dropna().rename("news")


def _first_business_day(month: pd.Timestamp) -> pd.Timestamp:
    return pd.bdate_range(month, month + pd.offsets.MonthEnd(0))[0]


def _first_friday(month: pd.Timestamp) -> pd.Timestamp:
    days = pd.date_range(month, periods=7, freq="D")
    return days[days.day_of_week == 4][0]


@lru_cache(maxsize=8)
def _calendar_release_days(measure: str) -> pd.Series:
    """Release day by reference month from the release calendars (empty where none exists)."""
    if measure.startswith("ISM"):
        from research_lib.data.api import load

        raw = load("ism_manufacturing_pmi")
        days = pd.Series(raw.index, index=(raw.index.to_period("M") - 1).to_timestamp())
    elif measure == "payrolls":
        rel = calendars.employment_releases().index
        days = pd.Series(rel, index=(rel.to_period("M") - 1).to_timestamp())
    else:
        return pd.Series(dtype="datetime64[ns]")
    return days[~days.index.duplicated(keep="last")]


def release_days(measure: str, months: pd.DatetimeIndex) -> pd.Series:
    """The day each reference month's figure was published: the release calendar where it has the
    month (ISM: the first-release file's dates; payrolls: the Employment Situation calendar), else
    the rule of thumb (ISM: first business day of the next month; payrolls: its first Friday).
    Measures without a calendar (production, CFNAI) return no days."""
    cal = _calendar_release_days(measure)
    if measure.startswith("ISM"):
        rule = _first_business_day
    elif measure == "payrolls":
        rule = _first_friday
    else:
        return pd.Series(pd.NaT, index=months)
    out = [cal.get(m, rule(m + pd.offsets.MonthBegin(1))) for m in months]
    return pd.Series(pd.DatetimeIndex(out), index=months)


def release_returns(close: pd.Series, days: pd.Series) -> pd.Series:
    """Log return (%) from the close before each release day to the close before the next one,
    labelled by the release's reference month."""
    days = days.dropna().sort_values()
    before = close.index.searchsorted(pd.DatetimeIndex(days.to_numpy()), side="left") - 1
    valid = before >= 0
    px = pd.Series(np.where(valid, close.to_numpy()[np.clip(before, 0, None)], np.nan), index=days.index)
    out = 100 * np.log(px.shift(-1) / px)
    # the last release has no next one yet; a window that runs past the last close is dropped
    ends = pd.Series(days.to_numpy(), index=days.index).shift(-1)
    return out[ends <= close.index[-1]].rename("ret")


def k2_frame(spec) -> pd.DataFrame:
    """Stock returns and standardised activity news by reference month, in the spec's sample.

    ``timing="release"``: the return from the news' release day to the next release (calendar days
    where known, rule-of-thumb days otherwise; calendar month t+1 for measures without a calendar);
    ``"month after"``: the calendar month after the reference month; ``"same month"``: the
    reference month itself (news not yet published).
    """
    close = spec.load("^GSPC")
    news = activity_news(spec)
    monthly = tf.log_diff(_month_close(close))
    timing = spec["timing"]
    if timing == "same month":
        ret = monthly
    elif timing == "month after" or (timing == "release" and K2_MEASURES[spec["measure"]][0] in ("INDPRO", "CFNAI")):
        ret = monthly.shift(-1).iloc[:-1]
    elif timing == "release":
        ret = release_returns(close, release_days(spec["measure"], news.index))
    else:
        raise ValueError(f"unknown timing {timing!r}")
    frame = pd.concat([ret.rename("ret"), news], axis=1, sort=True).dropna()
    frame = spec.sample(frame)
    frame["news"] = (frame["news"] - frame["news"].mean()) / frame["news"].std()
    return frame


def k2_slope_change(spec) -> dict:
    """Change in the strength of the link (absolute slope of the month's return on one standard
    deviation of activity news) from before 2020 to 2020 on, with a block-bootstrap interval."""
    frame = k2_frame(spec)
    res = stats.slope_change_bootstrap(frame["ret"], frame["news"], spec["split"], n_boot=int(spec.get("n_boot", 500)),
                                       block=6, seed=12)
    return result(res["statistic"], res["low"], res["high"], res["p_value"], res["n"],
                    detail={"slope before": round(res["before"], 3), "slope after": round(res["after"], 3),
                            "months before": res["n_before"], "months after": res["n_after"],
                            "sample": f"{frame.index[0]:%Y-%m} to {frame.index[-1]:%Y-%m}"})


# ============================================================================ K4: liquidity and the K
#: The overnight reverse repo ran daily from 2013-09-23: the first full week after it starts the
#: sample in which net liquidity is observed every week without reading blanks.
COMPLETE_LIQUIDITY_FROM = "2013-10-02"


@lru_cache(maxsize=8)
def _net_liquidity(tga: str, rrp_blanks: str) -> pd.DataFrame:
    return net_liquidity(tga=tga, rrp_blanks=rrp_blanks)


def liquidity(spec, freq: str = "W-WED") -> pd.Series:
    """Weekly (or ``freq``) liquidity in billions: net liquidity (Fed assets - TGA - reverse repo)
    or Fed total assets alone (``measure="Fed assets"``), registering its inputs with the spec."""
    nl = _net_liquidity(spec.get("tga", "wednesday"), spec.get("rrp_blanks", "zero"))
    col = "walcl" if spec.get("measure") == "Fed assets" else "net_liquidity"
    level = spec.visible(nl[col].dropna(), lag_days=1)
    used = ["WALCL"] if col == "walcl" else list(nl.attrs["as_of_by_series"])
    for sid in used:
        spec.inputs[sid] = _last(level)
    if freq != "W-WED":
        level = level.resample(freq).last()
    return level.rename("liquidity")


def _sum_of_lags(y: pd.Series, x: pd.Series, lags: int, null: float = 0.0) -> dict:
    dl = stats.distributed_lag(y, x, leads=0, lags=lags)
    df = dl["res"].model.df_resid
    low, high = _ci(dl["cum"], dl["se_cum"], df)
    p = dl["p_cum"] if null == 0 else _p_against(dl["cum"], dl["se_cum"], df, null)
    res = dl["res"]
    return result(dl["cum"], low, high, p, dl["n"],
                    detail={"R2": round(dl["r2"], 3), "sample": f"{res.start:%Y-%m} to {res.end:%Y-%m}"})


def k4_equities(spec) -> dict:
    """Sum of the coefficients (lags 0..L) of the S&P 500 log return (%) on the change in liquidity
    (per $100bn), weekly or monthly, HAC."""
    freq = {"weekly": "W-WED", "monthly": MONTH}[spec["freq"]]
    liq = liquidity(spec, "MS" if freq == MONTH else freq)
    close = spec.load("^GSPC")
    px = _month_close(close) if freq == MONTH else close.resample(freq).last()
    if freq == MONTH:
        liq.index = liq.index.to_period("M").to_timestamp()
    y = spec.sample(tf.log_diff(px).loc[spec["start"]:])
    x = (tf.diff(liq) / 100).loc[spec["start"]:]
    return _sum_of_lags(y, x, int(spec["lags"]))


def real_hourly_pay(spec) -> pd.Series:
    """Average hourly earnings deflated by the CPI: production and nonsupervisory workers (AHETPI,
    from 1964) or all private employees (CES0500000003, from 2006)."""
    sid = {"production workers": "AHETPI", "all private employees": "CES0500000003"}[spec["wage"]]
    return (spec.load(sid) / spec.load("CPIAUCSL")).dropna().rename("real pay")


def k4_wages(spec) -> dict:
    """Sum of the coefficients (lags 0..L) of monthly real-pay growth (%) on the monthly change in
    liquidity (per $100bn), HAC."""
    liq = liquidity(spec, MONTH)
    liq.index = liq.index.to_period("M").to_timestamp()
    y = spec.sample(tf.log_diff(real_hourly_pay(spec)).loc[spec["start"]:])
    x = (tf.diff(liq) / 100).loc[spec["start"]:]
    return _sum_of_lags(y, x, int(spec["lags"]))


def k4_small_firm_credit(spec) -> dict:
    """Sum of the coefficients (lags 0..L) of the quarterly change in the net share of banks
    tightening standards for small firms (pp) on the quarterly change in liquidity (per $100bn)."""
    liq = liquidity(spec).resample("QS").mean()
    y = spec.sample(tf.diff(spec.load(spec["credit"])).loc[spec["start"]:])
    x = (tf.diff(liq) / 100).loc[spec["start"]:]
    return _sum_of_lags(y, x, int(spec["lags"]))


#: Real levels compared in K4: name -> catalog id (the S&P 500 as month-end closes).
K4_LEVELS = {"S&P 500": "^GSPC", "house prices": "CSUSHPINSA", "production workers": "AHETPI",
             "all private employees": "CES0500000003"}


def k4_levels(spec, names=tuple(K4_LEVELS)) -> pd.DataFrame:
    """Monthly real (CPI-deflated) levels of the named stock price, house price or hourly pay series."""
    cpi = spec.load("CPIAUCSL")
    out = {}
    for name in names:
        level = spec.load(K4_LEVELS[name])
        out[name] = (_month_close(level) if name == "S&P 500" else level) / cpi
    return pd.DataFrame(out).dropna(how="all")


def k4_divergence(spec) -> dict:
    """Annualised real growth of the asset minus that of hourly pay (pp a year) from the base month
    to the last month both are observed."""
    span = k4_levels(spec, (spec["asset"], spec["wage"])).dropna().loc[pd.Timestamp(spec["base"]):]
    for name in (spec["asset"], spec["wage"], "CPI"):
        spec.inputs[K4_LEVELS.get(name, "CPIAUCSL")] = str(span.index[-1].date())
    years = (span.index[-1] - span.index[0]).days / 365.25
    growth = 100 * np.log(span.iloc[-1] / span.iloc[0]) / years
    return result(float(growth[spec["asset"]] - growth[spec["wage"]]), n=len(span),
                    detail={"asset growth (% a year, real)": round(float(growth[spec["asset"]]), 2),
                            "pay growth (% a year, real)": round(float(growth[spec["wage"]]), 2),
                            "to": f"{span.index[-1]:%Y-%m}"})


# ============================================================================ K5: transmission
#: Monetary-policy shock series (monthly, percentage points; a positive value tightens).
K5_SHOCKS = {
    "Jarocinski-Karadi policy shock": "MP_pm",
    "Jarocinski-Karadi policy shock (median rotation)": "MP_median",
    "raw rate surprise (first principal component)": "pc1_hf",
    "Bauer-Swanson surprise (orthogonalised)": "MPS_ORTH",
}


def policy_shock(spec) -> pd.Series:
    """Monthly policy shock scaled so that one unit is a 25 bp *easing* surprise."""
    col = K5_SHOCKS[spec["shock"]]
    if col == "MPS_ORTH":
        raw = calendars.bauer_swanson()[col]
        months = pd.date_range(raw.index[0], raw.index[-1], freq=MONTH)
        raw = raw.reindex(months).fillna(0.0)   # months without a meeting carry no surprise
        spec.inputs["bousquet_mps_monthly"] = _last(raw)
    else:
        raw = calendars.jk_shocks("month")[col]
        spec.inputs["jk_shocks_monthly"] = _last(raw)
    return (-raw / 0.25).rename("easing")


def k5_outcome(spec) -> pd.Series:
    """100 x log level of the outcome: payrolls, real hourly pay or the S&P 500."""
    if spec["outcome"] == "payrolls":
        level = spec.load("PAYEMS")
    elif spec["outcome"] == "real wages":
        level = (spec.load("AHETPI") / spec.load("CPIAUCSL")).dropna()
    elif spec["outcome"] == "S&P 500":
        level = _month_close(spec.load("^GSPC"))
    else:
        raise ValueError(f"unknown outcome {spec['outcome']!r}")
    return 100 * np.log(level)


def k5_response(spec, null: float = 0.0) -> dict:
    """Local-projection response (%) of the outcome ``horizon`` months after a 25 bp easing
    surprise, with 3 lags and (optionally) industrial-production growth and inflation as controls;
    pandemic months are left out by setting the shock missing there. ``null``: the value the
    p-value tests against (the rule's threshold)."""
    shock = policy_shock(spec)
    y = k5_outcome(spec)
    start, end = pd.Timestamp(spec["start"]), shock.index[-1]
    if spec.get("end"):
        end = min(end, pd.Timestamp(spec["end"]))
    shock = shock.loc[start:end]
    if spec["pandemic"] == "drop":
        shock = shock.where((shock.index < config.PANDEMIC[0]) | (shock.index > config.PANDEMIC[1]))
    controls = None
    if spec["controls"] == "production and inflation":
        controls = pd.DataFrame({"ip": tf.log_diff(spec.load("INDPRO")), "inflation": tf.log_diff(spec.load("CPIAUCSL"))})
    h = int(spec["horizon"])
    lp = stats.local_projection(y.loc[start - pd.DateOffset(months=4):], shock, [h], controls=controls, lags=3)
    row = lp.loc[h]
    df = max(1, int(row["n"]) - 12)
    return result(float(row["coef"]), float(row["ci_low"]), float(row["ci_high"]),
                    _p_against(float(row["coef"]), float(row["se"]), df, null), int(row["n"]),
                    detail={"shock months": f"{shock.dropna().index[0]:%Y-%m} to {shock.dropna().index[-1]:%Y-%m}"})


#: The smallest payroll or real-wage gain (%) per 25 bp cut that would count as transmission.
K5_GAIN_THAT_MATTERS = 0.2


def k5_jobs_or_wages(spec) -> dict:
    """The payroll or real-wage response, its p-value against the size that matters (0.2%)."""
    return k5_response(spec, null=K5_GAIN_THAT_MATTERS)


def k5_irf(spec, horizons: int = 24) -> pd.DataFrame:
    """The full response path (0..horizons months) for the chart."""
    shock = policy_shock(spec)
    y = k5_outcome(spec)
    start = pd.Timestamp(spec["start"])
    shock = shock.loc[start:]
    if spec["pandemic"] == "drop":
        shock = shock.where((shock.index < config.PANDEMIC[0]) | (shock.index > config.PANDEMIC[1]))
    controls = pd.DataFrame({"ip": tf.log_diff(spec.load("INDPRO")), "inflation": tf.log_diff(spec.load("CPIAUCSL"))})
    return stats.local_projection(y.loc[start - pd.DateOffset(months=4):], shock, horizons, controls=controls, lags=3)


def qe_shock(spec) -> pd.Series:
    """Quarterly sum of Jarocinski's (2024) shock per FOMC announcement, scaled so one unit is a
    10 bp fall in the yield it moves most (``u3``: the 10-year, the paper's asset-purchase shock;
    ``u1``: the policy rate; ``u2``: the 2-year, forward guidance)."""
    table = load_table("jarocinski_u1_u4")
    per_meeting = table.set_index(pd.to_datetime(table["Time"]).dt.normalize())[spec["shock"]].astype(float)
    spec.inputs["jarocinski_u1_u4"] = _last(per_meeting)
    quarters = per_meeting.resample("QS").sum()
    return (-quarters / 10).rename("easing")


def k5_credit_gap(spec) -> dict:
    """Response of (small-firm minus large-firm) net tightening (pp) ``horizon`` quarters after a
    10 bp easing shock: positive = small firms' standards ease less than large firms'."""
    gap = (spec.load("DRTSCIS") - spec.load("DRTSCILM")).dropna().rename("gap")
    shock = qe_shock(spec).loc[spec["start"]:gap.index[-1]]
    if spec["pandemic"] == "drop":
        shock = shock.where((shock.index < config.PANDEMIC[0]) | (shock.index > config.PANDEMIC[1]))
    h = int(spec["horizon"])
    lp = stats.local_projection(gap, shock, [h], lags=2, cumulative=False)
    row = lp.loc[h]
    for sid in ("DRTSCIS", "DRTSCILM"):   # the gap exists only while both surveys do
        spec.inputs[sid] = _last(gap)
    return result(float(row["coef"]), float(row["ci_low"]), float(row["ci_high"]), float(row["p"]), int(row["n"]),
                    detail={"quarters": f"{shock.dropna().index[0]:%Y-%m} to {shock.dropna().index[-1]:%Y-%m}"})


# ============================================================================ K6: interest and revenue
T32 = "bea_t30200_federal_receipts"
#: BEA publishes the federal government's quarterly accounts with the GDP estimates about two to
#: three months after the quarter ends (the 2025Q3 figures were delayed to late December 2025 by
#: the federal shutdown): a quarter counts as visible 90 days after it ends.
NIPA_FEDERAL_LAG_DAYS = 90
T32_LINES = {"current receipts": 1, "tax receipts": 2, "interest received": 14, "interest paid": 33,
             "net federal saving": 37, "net saving outside social insurance funds": 39, "total receipts": 40,
             "capital transfers paid": 46, "net borrowing": 49}


@lru_cache(maxsize=1)
def _t32() -> pd.DataFrame:
    t = load_table(T32)
    t = t.assign(line=pd.to_numeric(t["line"], errors="coerce"),
                 date=pd.PeriodIndex(t["period"], freq="Q").to_timestamp())
    return t.pivot_table(index="date", columns="line", values="value", aggfunc="first")


def t32(spec, *names: str) -> pd.DataFrame:
    """Lines of BEA NIPA Table 3.2 (billions, SAAR) by quarter, as visible in the spec's window;
    registers the table's last quarter used."""
    wide = _t32()[[T32_LINES[n] for n in names]].set_axis(list(names), axis=1).dropna(how="all")
    visible = spec.visible(wide, lag_days=NIPA_FEDERAL_LAG_DAYS)
    spec.inputs[T32] = _last(visible)
    return visible


def k6_interest_share(spec) -> dict:
    """Federal interest as a percentage of federal revenue, BEA Table 3.2 (May 2026 vintage).

    ``numerator``: "interest paid" (line 33, which includes interest BEA imputes on federal
    employees' defined-benefit pensions) or "interest paid less interest received" (33 - 14);
    ``denominator``: current receipts (1), total receipts (40) or tax receipts only (2);
    ``period``: the last four visible quarters, the latest quarter, or the last full calendar year.
    """
    d = t32(spec, "interest paid", "interest received", spec["denominator"]).dropna()
    num = d["interest paid"] - (d["interest received"] if spec["numerator"] == "interest paid less interest received" else 0)
    den = d[spec["denominator"]]
    if spec["period"] == "four quarters":
        idx = d.index[-4:]
    elif spec["period"] == "latest quarter":
        idx = d.index[-1:]
    elif spec["period"] == "last calendar year":
        full = [y for y, n in pd.Series(d.index.year).value_counts().items() if n == 4]
        idx = d.index[d.index.year == max(full)]
    else:
        raise ValueError(f"unknown period {spec['period']!r}")
    spec.inputs[T32] = str(idx[-1].date())
    share = 100 * float(num.loc[idx].sum() / den.loc[idx].sum())
    return result(share, n=len(idx), detail={"quarters": f"{idx[0].year}Q{idx[0].quarter} to {idx[-1].year}Q{idx[-1].quarter}"})


def pension_gap_estimate() -> pd.DataFrame:
    """NIPA federal interest paid (fiscal-year average of the quarterly SAAR) against budget-basis
    net interest outlays, FY2000-FY2016 (the budget series ends there), billions.

    The gap holds the interest BEA imputes on federal employees' pension plans, interest the
    government receives and accrual-versus-cash timing; its log-linear trend is the basis of the
    rough estimate :func:`interest_without_pension_estimate` extrapolates.
    """
    from research_lib.data.api import load

    nipa = load("A091RC1Q027SBEA")
    fy_year = (nipa.index + pd.DateOffset(months=3)).year
    nipa_fy = nipa.groupby(fy_year).mean()
    budget = load("FYOINT") / 1000
    budget.index = budget.index.year
    out = pd.DataFrame({"NIPA interest paid": nipa_fy, "budget net interest": budget}).dropna().loc[2000:]
    out["gap"] = out["NIPA interest paid"] - out["budget net interest"]
    return out


def interest_without_pension_estimate(quarters: pd.DatetimeIndex) -> pd.Series:
    """Rough gap (billions, SAAR) between NIPA interest paid and budget-basis net interest at
    ``quarters``: the FY2000-FY2016 gap's log-linear trend, extrapolated. An estimate, not data."""
    gap = pension_gap_estimate()["gap"]
    slope, intercept = np.polyfit(gap.index.to_numpy(float), np.log(gap.to_numpy(float)), 1)
    t = quarters.year + (quarters.quarter - 1) / 4 + 0.25   # fiscal years end three months after the calendar year's Q3
    return pd.Series(np.exp(intercept + slope * t), index=quarters, name="estimated gap")


# ============================================================================ K7: tech vs defensives
DEFENSIVES = ("XLU", "XLP", "XLV")


def k7_excess(spec) -> dict:
    """Annualised mean weekly log excess return (pp a year) of the tech fund over an equal-weighted
    basket of the utilities, staples and health-care funds, HAC interval."""
    tickers = [spec["tech"], *DEFENSIVES]
    px = pd.DataFrame({t: spec.load(t) for t in tickers}).dropna()
    weekly = tf.log_diff(px.resample("W-WED").last())
    rel = (weekly[spec["tech"]] - weekly[list(DEFENSIVES)].mean(axis=1)).dropna()
    rel = spec.sample(rel)
    res = stats.newey_west_mean(rel)
    low, high = _ci(res["mean"], res["se"], res["n"] - 1)
    return result(52 * res["mean"], 52 * low, 52 * high, res["p_value"], res["n"],
                    detail={"weeks": f"{rel.index[0]:%Y-%m-%d} to {rel.index[-1]:%Y-%m-%d}"})


# ============================================================================ K8: wealth concentration
DFA_TABLES = {"2026Q1": "dfa2026_dfa_networth_levels_detail", "2023Q1": "dfa2023_dfa_networth_levels"}
DFA_GROUPS = {"top 10%": ("TopPt1", "RemainingTop1", "Next9"), "top 1%": ("TopPt1", "RemainingTop1"),
              "top 0.1%": ("TopPt1",)}
#: The Fed publishes each quarter's Distributional Financial Accounts about 12 weeks after it ends.
DFA_LAG_DAYS = 90


@lru_cache(maxsize=2)
def _dfa(vintage: str) -> pd.DataFrame:
    t = load_table(DFA_TABLES[vintage])
    return t.assign(date=pd.PeriodIndex(t["Date"].str.replace(":", ""), freq="Q").to_timestamp())


def dfa_share(spec, category: str, group: str, vintage: str = "2026Q1") -> pd.Series:
    """The group's share (%) of households' holdings of ``category`` by quarter, as visible.

    ``category`` may also be "financial assets without pension entitlements" (financial assets less
    DB and DC entitlements) or "market assets" (equities and fund shares, debt securities and
    private-business equity)."""
    t = _dfa(vintage)
    columns = {"financial assets without pension entitlements": {"Financial assets": 1, "DB pension entitlements": -1,
                                                                 "DC pension entitlements": -1},
               "market assets": {"Corporate equities and mutual fund shares": 1, "Debt securities": 1,
                                 "Miscellaneous other equity": 1}}.get(category, {category: 1})
    value = sum(sign * t[col] for col, sign in columns.items())
    wide = t.assign(value=value).pivot_table(index="date", columns="Category", values="value", aggfunc="sum")
    share = (100 * wide[list(DFA_GROUPS[group])].sum(axis=1) / wide.sum(axis=1)).rename("share")
    share = spec.visible(share, lag_days=DFA_LAG_DAYS)
    spec.inputs[DFA_TABLES[vintage]] = _last(share)
    return share


def k8_top_share(spec) -> dict:
    """The top 10%'s share (%) of the category in the last visible quarter (or the average of the
    last four)."""
    share = dfa_share(spec, spec["category"], "top 10%")
    value = float(share.iloc[-4:].mean()) if spec["period"] == "four quarters" else float(share.iloc[-1])
    return result(value, n=1 if spec["period"] == "latest quarter" else 4,
                    detail={"quarter": f"{share.index[-1].year}Q{share.index[-1].quarter}"})


def k8_share_on_stocks(spec) -> dict:
    """Slope of the change in the group's net-worth share (pp) on the S&P 500 log return over the
    same period (per 10% return), quarterly or over four quarters (non-overlapping), HAC."""
    share = dfa_share(spec, "Net worth", spec["group"], spec["vintage"])
    px = spec.load("^GSPC").resample("QS").last()
    step = 4 if spec["freq"] == "annual" else 1
    if step == 4:
        share, px = share[share.index.quarter == 4], px[px.index.quarter == 4]
    data = pd.concat([tf.diff(share).rename("d_share"), (tf.log_diff(px) / 10).rename("ret")], axis=1, sort=True).dropna()
    data = spec.sample(data)
    fit = stats.ols_hac(data["d_share"], data["ret"])
    row = fit.row("ret")
    return result(float(row["coef"]), float(row["ci_low"]), float(row["ci_high"]), float(row["p"]), fit.nobs,
                    detail={"R2": round(fit.r2, 3), "sample": f"{data.index[0]:%Y-%m} to {data.index[-1]:%Y-%m}"})


def premise_table(spec, housing: dict[str, str]) -> pd.DataFrame:
    """Whether K8(c)'s premise held in the spec's window: real hourly pay (production workers) over
    the last three visible years, and each housing measure's price-to-income ratio (annual
    averages over median household income) as a percentile of its own history."""
    pay = (spec.load("AHETPI") / spec.load("CPIAUCSL")).dropna()
    growth = 100 * (pay.iloc[-1] / pay.loc[: pay.index[-1] - pd.DateOffset(years=3)].iloc[-1] - 1)
    rows = []
    inc = spec.load("MEHOINUSA646N").dropna()
    for name, sid in housing.items():
        annual = spec.load(sid).resample("YS").mean()
        ratio = (annual / inc).dropna()
        pct = float((ratio < ratio.iloc[-1]).mean() * 100)
        rows.append({"housing measure": name, "real pay to": f"{pay.index[-1]:%Y-%m}",
                     "real pay, 3-year change (%)": round(float(growth), 1),
                     "price / income: latest year": f"{ratio.index[-1]:%Y}",
                     "price / income: percentile of its history": round(pct), "history from": f"{ratio.index[0]:%Y}",
                     "premise held (pay flat, housing in top fifth)": "yes" if growth <= 0 and pct >= 80 else "no"})
    return pd.DataFrame(rows).set_index("housing measure")


# ============================================================================ K9: the policy loop
def easing_starts(rate: pd.Series, drop: float = 0.75, min_cut: float = 0.25, gap_months: int = 24) -> list[pd.Timestamp]:
    """First-cut months of easing cycles in a monthly policy rate.

    A cycle is under way in a month when the rate is at least ``drop`` points below its 12-month
    high; its first cut is the first month after that high in which the rate fell by at least
    ``min_cut`` from the month before (so a 1-2 bp wobble is not a cut). A new cycle needs its first
    cut at least ``gap_months`` after the previous cycle's first cut.
    """
    rate = rate.dropna()
    high = rate.rolling(12, min_periods=12).max()
    starts: list[pd.Timestamp] = []
    for month in rate.index[(rate <= high - drop).to_numpy()]:
        window = rate.loc[month - pd.DateOffset(months=11):month]
        peak = window.idxmax()
        falls = rate.loc[peak:month].diff()
        cuts = falls[falls <= -min_cut + 1e-9]
        first = cuts.index[0] if len(cuts) else rate.loc[peak:month].index[1]
        if not starts or (first.to_period("M") - starts[-1].to_period("M")).n >= gap_months:
            if not starts or first > starts[-1]:
                starts.append(first)
    return starts


def k9_cycles(spec) -> pd.DataFrame:
    """Easing cycles and the change in inflation from the first cut to ``horizon`` months later."""
    rate = spec.load("FEDFUNDS")
    price = spec.load({"CPI": "CPIAUCSL", "core CPI": "CPILFESL"}[spec["inflation"]])
    infl = tf.yoy(price)
    starts = [s for s in easing_starts(rate.loc[spec["start"]:], spec["drop"], spec["min_cut"]) if s >= pd.Timestamp(spec["start"])]
    h = int(spec["horizon"])
    rows = []
    for s in starts:
        later = s + pd.DateOffset(months=h)
        if later > infl.index[-1]:
            continue   # the cycle's window is not over in the visible data
        at, then = infl.get(s, np.nan), infl.get(later, np.nan)
        if not (np.isfinite(at) and np.isfinite(then)):
            continue   # no inflation reading for one of the two months (series start, the 2025 shutdown)
        rows.append({"first cut": s, "inflation at first cut": float(at),
                     f"inflation {h} months later": float(then), "change": float(then - at)})
    return pd.DataFrame(rows, columns=["first cut", "inflation at first cut", f"inflation {h} months later", "change"])


def k9_easing_inflation(spec) -> dict:
    """Mean change in inflation (pp, 12-month rate) from an easing cycle's first cut to ``horizon``
    months later, across cycles, with a t interval (cycles are at least two years apart)."""
    cycles = k9_cycles(spec)
    ch = cycles["change"].to_numpy(float)
    n = len(ch)
    if n < 3:
        return result(None, n=n)
    mean, se = float(ch.mean()), float(ch.std(ddof=1) / math.sqrt(n))
    low, high = _ci(mean, se, n - 1)
    return result(mean, low, high, _p_against(mean, se, n - 1, 0.0), n,
                    detail={"first cuts": ", ".join(f"{d:%Y-%m}" for d in cycles["first cut"]),
                            "cycles with higher inflation": int((ch > 0).sum())})


#: Policy-rate measures for the easing forecast: (catalog id, how to read it).
K9_RATES = {"target range ceiling": "DFEDTARU", "effective rate": "EFFR", "monthly effective rate": "FEDFUNDS",
            "2-year yield": "DGS2"}


def k9_cuts(spec) -> dict:
    """Easing after ``start`` in units of 25 bp cuts: (level on the eve of ``start`` - latest level)
    / 0.25 (``start``: the forecast window's start unless the spec names a date)."""
    rate = spec.load(K9_RATES[spec["rate"]]).dropna()
    start = pd.Timestamp(spec["from"]) if spec["from"] != "essay date" else pd.Timestamp(spec.window.start)
    before = rate.loc[: start - pd.Timedelta(days=1)]
    if not len(before) or rate.index[-1] < start:
        return result(None, n=0)
    return result(float((before.iloc[-1] - rate.iloc[-1]) / 0.25), n=len(rate.loc[start:]),
                    detail={"level at start": float(before.iloc[-1]), "latest": float(rate.iloc[-1]),
                            "latest date": str(rate.index[-1].date())})


def k9_growth(spec) -> dict:
    """Average annualised real GDP growth (%) in the quarters after the essay minus growth over
    2025 (Q4 over Q4, annual average, or the second half), in pp."""
    gdp = spec.load("GDPC1")
    ann = 100 * ((gdp / gdp.shift(1)) ** 4 - 1)
    after = spec.after_start(ann).dropna()
    if not len(after):
        return result(None, n=0)
    if spec["measure"] == "first quarter only":
        after = after.iloc[:1]
    if spec["measure"] == "BEA published rates":
        published = spec.load("A191RL1Q225SBEA")
        after = spec.after_start(published).dropna()
        value, base = float(after.mean()), float(published.loc["2025"].mean())
    elif spec["measure"] == "year over year":
        yoy = 100 * (gdp / gdp.shift(4) - 1)
        value, base = float(yoy.loc[after.index[-1]]), float(yoy.loc["2025-10-01"])
    else:
        value = float(after.mean())
        base = {"2025 Q4 over Q4": float(100 * (gdp.loc["2025-10-01"] / gdp.loc["2024-10-01"] - 1)),
                "2025 average": float(ann.loc["2025"].mean()),
                "2025 second half": float(ann.loc["2025-07-01":"2025-10-01"].mean())}[spec["compare"]]
    return result(value - base, n=len(after),
                    detail={"after the essay": round(value, 2), "2025": round(base, 2),
                            "quarters": ", ".join(f"{d.year}Q{d.quarter}" for d in after.index)})


def k9_deficit(spec) -> dict:
    """Change in the federal deficit (% of GDP) from 2025 (average, or its last quarter) to the
    quarters after the essay: net federal saving (current account) or net borrowing (which adds
    capital transfers and investment). Positive = wider."""
    if spec["measure"] == "net borrowing less capital transfers paid":
        parts = t32(spec, "net borrowing", "capital transfers paid")
        d = parts["net borrowing"] + parts["capital transfers paid"]
    else:
        d = t32(spec, spec["measure"])[spec["measure"]]
    gdp = spec.load("GDP")
    ratio = (-100 * d / gdp).dropna()
    after = spec.after_start(ratio)
    if not len(after):
        return result(None, n=0)
    base = float(ratio.loc[{"2025 average": "2025", "2025 second half": "2025-07"}.get(spec["compare"], "2025-10"):"2025"].mean())
    return result(float(after.mean()) - base, n=len(after),
                    detail={"after the essay (% of GDP)": round(float(after.mean()), 2), "2025 (% of GDP)": round(base, 2)})


# ============================================================================ as-of and charts
def _show(fig, ax, source: str, as_of_date, note: str | None = None, more=(), ncol: int = 2) -> None:
    """Caption, lay out and show a one-panel chart whose legend sits under the axes, off the data,
    with the caption beneath the legend."""
    import matplotlib.pyplot as plt

    art = plotting.caption(ax, source, as_of_date, note)
    plotting.finish(fig, close=False)
    legend = plotting.legend_outside(ax, *more, ncol=ncol)
    if legend is not None:
        renderer = fig.canvas.get_renderer()
        bottom = ax.xaxis.get_tightbbox(renderer).y0
        legend.set_bbox_to_anchor((0.0, ax.transAxes.inverted().transform((0.0, bottom - 4))[1]), transform=ax.transAxes)
        fig.canvas.draw()
        height = legend.get_window_extent(renderer).height * 72 / fig.dpi
        art.xyann = (0, -10 - height)
    plt.show()


def _load(sid: str) -> pd.Series:
    from research_lib.data.api import load

    return load(sid)


def chart_k1(essay_date: str, as_of_date: str):
    """The PMI (first release and revised) with the run open at the essay date, and the S&P 500."""
    import matplotlib.pyplot as plt

    released = _load("ism_manufacturing_pmi")
    first = released.copy()
    first.index = (released.index.to_period("M") - 1).to_timestamp()
    first = first[~first.index.duplicated(keep="last")]
    revised = _load("NAPM").loc["2005":]
    seen = first.iloc[: int((released.index <= pd.Timestamp(essay_date)).sum())]   # releases out by the essay date
    runs = contraction_runs(seen)
    open_run = runs[runs["ongoing"]].iloc[-1]
    fig, ax = plt.subplots(figsize=(11, 5))
    ax.plot(first.index, first, color="C0", label="ISM PMI as first released")
    ax.plot(revised.index, revised, color="C0", ls=":", lw=1.2, label="ISM PMI, revised values")
    ax.axhline(50, color="0.3", lw=1)
    ax.axvspan(open_run["start"], open_run["end"] + pd.offsets.MonthEnd(0), color="C3", alpha=0.18,
               label=f"run below 50 open at the essay date: {int(open_run['length'])} months")
    ax.axvline(pd.Timestamp(essay_date), color="0.2", ls="--", lw=1, label="essay (2025-11-01)")
    ax.set_ylabel("PMI (50 = no change)")
    plotting.shade_recessions(ax)
    right = plotting.twin_axis(ax, "S&P 500 (log scale)", log=True)
    spx = _month_close(_load("^GSPC")).loc["2005":]
    right.plot(spx.index, spx, color="C2", lw=1.2, label="S&P 500, month-end (right)")
    ax.set_xlim(pd.Timestamp("2005-01-01"), spx.index[-1])
    ax.set_title(f"At the essay date the ISM index had been below 50 for {int(open_run['length'])} months, "
                 "not 18; the 16-to-26-month run had ended in early 2025", fontsize=11.5)
    _show(fig, ax, "ISM via the first-release file and NAPM (revised); S&P 500 (Yahoo).", as_of_date,
          note="Shaded grey: NBER recessions.", more=(right,), ncol=3)


def chart_k2(test, as_of_date: str):
    """Slope of the month's return on one standard deviation of activity news, before and after 2020."""
    import matplotlib.pyplot as plt

    rows = {r.spec: r.estimate.detail for r in test.runs if r.window.name == "today" and r.estimate.detail}
    frame = pd.DataFrame({"1990–2019 (2008–2019 in 'from 2008')": {k: v["slope before"] for k, v in rows.items()},
                          "2020 on, pandemic months left out": {k: v["slope after"] for k, v in rows.items()}})
    fig, ax = plt.subplots(figsize=(10, 5.5))
    plotting.bar(frame.iloc[::-1], title="Since 2020 stock returns move against activity news; the link did not fade",
                 ylabel="pp of the month's return per standard deviation of activity news",
                 source="ISM (NAPM, first release), Federal Reserve (INDPRO), Chicago Fed (CFNAI), BLS (PAYEMS), Yahoo (S&P 500)",
                 as_of=as_of_date, horizontal=True, ax=ax)
    ax.legend(loc="lower left", bbox_to_anchor=(0.0, 1.0), ncol=2, borderaxespad=0.3)
    ax.set_title(ax.get_title(loc="left"), loc="left", pad=30)
    plotting.finish(fig, close=False)
    plt.show()


def chart_k4(base: str, as_of_date: str):
    """Real stock prices, house prices and hourly pay, base month = 100 (log scale)."""
    import matplotlib.pyplot as plt

    cpi = _load("CPIAUCSL")
    levels = pd.DataFrame({
        "S&P 500, real": _month_close(_load("^GSPC")) / cpi,
        "house prices (Case-Shiller), real": _load("CSUSHPINSA") / cpi,
        "hourly pay, production workers, real": _load("AHETPI") / cpi,
        "hourly pay, all private employees, real": _load("CES0500000003") / cpi,
    }).loc["2006":]
    rebased = 100 * levels / levels.loc[base]
    fig, ax = plt.subplots(figsize=(11, 5))
    for col in rebased:
        s = rebased[col].dropna()
        ax.plot(s.index, s, label=f"{col} ({s.iloc[-1]:.0f})")
    ax.axhline(100, color="0.3", lw=0.8)
    plotting.plain_log_axis(ax)
    ax.set_ylabel(f"{pd.Timestamp(base):%B %Y} = 100 (log scale)")
    plotting.shade_recessions(ax)
    last = rebased.ffill().iloc[-1]
    ax.set_title(f"Since the 2007 peak real stock prices are up {last.iloc[0] / 100:.1f}x; real pay "
                 f"{last.iloc[2] - 100:+.0f}%, real house prices {last.iloc[1] - 100:+.0f}%", fontsize=12)
    _show(fig, ax, "Yahoo (S&P 500), S&P CoreLogic Case-Shiller (CSUSHPINSA), BLS (AHETPI, CES0500000003, CPIAUCSL)",
                  as_of_date, note="All deflated by the CPI. Shaded: NBER recessions.", ncol=2)


def chart_k5(spec, as_of_date: str):
    """Responses of payrolls, real pay and the S&P 500 to a 25 bp easing surprise, after 2009."""
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(1, 3, figsize=(12, 4), sharex=True)
    for ax, outcome in zip(axes, ("payrolls", "real wages", "S&P 500")):
        irf = k5_irf(_with(spec, outcome=outcome))
        ax.plot(irf.index, irf["coef"], color="C0")
        ax.fill_between(irf.index, irf["ci_low"], irf["ci_high"], color="C0", alpha=0.18, lw=0)
        ax.axhline(0, color="0.3", lw=0.8)
        ax.set_title(outcome, fontsize=11)
        ax.set_xlabel("months after the surprise")
    axes[0].set_ylabel("% change per 25 bp cut")
    fig.suptitle("After a surprise cut, payrolls and real pay do not rise; stocks rise at first, with wide bands",
                 x=0.01, ha="left", fontsize=12, fontweight="bold")
    plotting.caption(fig, "Local projections on Jarocinski-Karadi policy shocks, 2009-07 to 2024-09, 95% HAC bands. "
                          "BLS (PAYEMS, AHETPI, CPIAUCSL), Federal Reserve (INDPRO), Yahoo (S&P 500)", as_of_date)
    plotting.finish(fig, close=False)
    plt.show()


def _with(spec, **changes):
    """A copy of ``spec`` (same class and window) with some parameters changed."""
    return type(spec)(spec.name, {**spec, **changes}, spec.window)


def context_spec(test, window: str = "today", **changes):
    """The baseline specification of a declared ``test`` in ``window`` (with ``changes``), for charts
    and context tables that must see the same data as the test."""
    w = next(w for w in test.windows if w.name == window)
    return _with(test.specs(w)[0], **changes)


def k6_measures(spec_essay, spec_today) -> pd.DataFrame:
    """Interest as a share of revenue by measure, at the essay date and today, with the rough
    estimate without pension interest and the budget-basis figures for comparison."""
    rows = {}
    combos = {"interest paid / current receipts (baseline)": ("interest paid", "current receipts"),
              "interest paid less interest received / current receipts": ("interest paid less interest received", "current receipts"),
              "interest paid / total receipts": ("interest paid", "total receipts"),
              "interest paid / tax receipts only": ("interest paid", "tax receipts")}
    for label, (num, den) in combos.items():
        rows[label] = {w: k6_interest_share(_with(s, numerator=num, denominator=den, period="four quarters"))["value"]
                       for w, s in (("essay date", spec_essay), ("today", spec_today))}
    for w, s in (("essay date", spec_essay), ("today", spec_today)):
        d = t32(_with(s), "interest paid", "interest received", "current receipts").dropna().iloc[-4:]
        gap = interest_without_pension_estimate(d.index)
        rows.setdefault("estimate without pension interest and interest received / current receipts", {})[w] = \
            100 * float((d["interest paid"] - gap).sum() / d["current receipts"].sum())
    out = pd.DataFrame(rows).T
    return out.round(1)


def chart_k6(as_of_date: str):
    """Interest as a share of federal revenue, quarterly 2024-2026, by measure."""
    import matplotlib.pyplot as plt

    t = _t32()
    interest, received = t[T32_LINES["interest paid"]], t[T32_LINES["interest received"]]
    shares = pd.DataFrame({
        "interest paid / current receipts": 100 * interest / t[T32_LINES["current receipts"]],
        "interest paid less interest received / current receipts": 100 * (interest - received) / t[T32_LINES["current receipts"]],
        "interest paid / tax receipts only": 100 * interest / t[T32_LINES["tax receipts"]],
        "estimate without pension interest and interest received / current receipts":
            100 * (interest - interest_without_pension_estimate(t.index)) / t[T32_LINES["current receipts"]],
    })
    fig, ax = plt.subplots(figsize=(10, 5))
    styles = ["-o", "-s", "-^", ":o"]
    for (col, s), style in zip(shares.items(), styles):
        ax.plot(s.index, s, style, ms=4, label=col)
    ax.axhline(22.5, color="C3", ls="--", lw=1.2, label="22.5%: the least that counts as 'close to a quarter'")
    ax.set_xticks(shares.index, [f"{d.year}Q{d.quarter}" for d in shares.index])
    ax.set_ylabel("% of federal revenue (SAAR)")
    ax.set_ylim(0, 40)
    ax.set_title("Interest takes about a fifth of federal revenue; it reaches a third only if social-insurance "
                 "contributions are left out of revenue", fontsize=11.5)
    _show(fig, ax, "BEA NIPA Table 3.2 (May 2026 vintage); the estimate uses FYOINT and A091RC1Q027SBEA, FY2000-2016",
                  as_of_date, note="The dotted line is an extrapolated estimate, not data.", ncol=2)


def chart_k7(as_of_date: str):
    """Cumulative total return of the tech fund and the Nasdaq-100 relative to the defensive funds."""
    import matplotlib.pyplot as plt

    px = pd.DataFrame({t: _load(t) for t in ("XLK", "QQQ", *DEFENSIVES)}).dropna()
    weekly = tf.log_diff(px.resample("W-WED").last())
    defensive = weekly[list(DEFENSIVES)].mean(axis=1)
    fig, ax = plt.subplots(figsize=(11, 5))
    for t, label in (("XLK", "technology fund (XLK)"), ("QQQ", "Nasdaq-100 (QQQ)")):
        rel = 100 * np.exp((weekly[t] - defensive).dropna().cumsum() / 100)
        ax.plot(rel.index, rel, label=f"{label} relative to defensives")
    ax.axvline(pd.Timestamp("2018-09-24"), color="0.3", ls=":", lw=1, label="Alphabet and Meta leave the tech fund (2018-09)")
    ax.axvline(pd.Timestamp("2010-01-06"), color="0.3", ls="--", lw=1, label="baseline sample starts (2010)")
    ax.axhline(100, color="0.3", lw=0.8)
    plotting.plain_log_axis(ax)
    ax.set_ylabel("relative total return, 1999-01 = 100 (log)")
    plotting.shade_recessions(ax)
    ax.set_title("Tech lost to defensives for a decade after 2000 and has beaten them since 2010", fontsize=12)
    _show(fig, ax, "SPDR sector funds XLK, XLU, XLP, XLV and Invesco QQQ (Yahoo, dividend-adjusted)", as_of_date,
                  note="Defensives: equal-weighted utilities, staples and health care, rebalanced weekly.", ncol=2)


def chart_k8(spec, as_of_date: str):
    """Top-10% shares of household financial assets, equities and net worth, with the 90% line
    (``spec``: a specification whose window the shares are read in)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(10, 4.8))
    for cat, label in (("Corporate equities and mutual fund shares", "equities and fund shares"),
                       ("market assets", "market assets (equities, bonds, private business)"),
                       ("Financial assets", "all financial assets (claim's measure)"), ("Net worth", "net worth")):
        s = dfa_share(spec, cat, "top 10%")
        ax.plot(s.index, s, label=f"{label}: {s.iloc[-1]:.0f}%")
    ax.axhline(90, color="C3", ls="--", lw=1.2, label="90% (the claim)")
    ax.set_ylabel("top 10%'s share of households' total (%)")
    ax.set_ylim(50, 100)
    plotting.shade_recessions(ax)
    ax.set_title("The top 10% hold about 73% of financial assets and 87% of equities, below the 90% claimed", fontsize=12)
    _show(fig, ax, "Federal Reserve Distributional Financial Accounts (2026Q1 release)", as_of_date, ncol=2)


def chart_k8_housing(as_of_date: str):
    """House prices relative to median household income: repeat-sales index and new-home median price."""
    import matplotlib.pyplot as plt

    income = _load("MEHOINUSA646N")
    ratios = pd.DataFrame({
        "Case-Shiller repeat-sales index / income (baseline)": _load("CSUSHPINSA").resample("YS").mean() / income,
        "median new-home price / income": _load("MSPUS").resample("YS").mean() / income,
    }).dropna()
    rebased = 100 * ratios / ratios.loc["2000-01-01"]
    fig, ax = plt.subplots(figsize=(10, 4.5))
    for col in rebased:
        ax.plot(rebased.index, rebased[col], marker="o", ms=3, label=col)
    ax.axhline(100, color="0.3", lw=0.8)
    ax.set_ylabel("price-to-income ratio, 2000 = 100")
    plotting.shade_recessions(ax)
    ax.set_title("By the repeat-sales index, housing is as dear relative to income as at the 2006 peak; "
                 "by new-home prices it is not", fontsize=11.5)
    _show(fig, ax, "S&P CoreLogic Case-Shiller (CSUSHPINSA), Census (MSPUS, MEHOINUSA646N)", as_of_date,
                  note="Annual averages; household income ends 2024.", ncol=1)


def chart_k9(as_of_date: str, cycles: pd.DataFrame):
    """Inflation around the first cut of past easing cycles and of the cycle that began in 2024."""
    import matplotlib.pyplot as plt

    infl = tf.yoy(_load("CPIAUCSL"))
    paths = {}
    for s in cycles["first cut"]:
        window = infl.loc[s - pd.DateOffset(months=12): s + pd.DateOffset(months=36)]
        paths[s] = pd.Series(window.to_numpy(), index=[(d.to_period("M") - s.to_period("M")).n for d in window.index])
    frame = pd.DataFrame(paths)
    fig, ax = plt.subplots(figsize=(10, 4.8))
    for col in frame:
        ax.plot(frame.index, frame[col] - frame[col].get(0, np.nan), color="0.75", lw=0.8)
    ax.plot(frame.index, frame.sub(frame.loc[0]).median(axis=1), color="C0", lw=2.2, label="median of past cycles")
    current = pd.Timestamp("2024-09-01")
    now = infl.loc[current - pd.DateOffset(months=12):]
    ax.plot([(d.to_period("M") - current.to_period("M")).n for d in now.index], now - infl.loc[current], color="C3", lw=2.2,
            label="cycle that began 2024-09")
    ax.axhline(0, color="0.3", lw=0.8)
    ax.axvline(0, color="0.3", ls="--", lw=0.8)
    ax.set_xlabel("months from the first cut")
    ax.set_ylabel("CPI inflation minus its level\nat the first cut (pp)")
    change = float(now.iloc[-1] - infl.loc[current])
    ax.set_title(f"After a first cut, inflation has usually fallen; {len(now) - 13} months into the 2024 cycle it is "
                 f"{change:+.1f} points from its level at the first cut", fontsize=12)
    _show(fig, ax, "Federal Reserve (FEDFUNDS), BLS (CPIAUCSL); grey lines: the past cycles one by one", as_of_date, ncol=2)


def chart_k9_forecast(essay_date: str, as_of_date: str):
    """The policy rate and quarterly GDP growth around the essay date."""
    import matplotlib.dates as mdates
    import matplotlib.pyplot as plt

    fig, (ax, bx) = plt.subplots(1, 2, figsize=(12, 4.3))
    essay = pd.Timestamp(essay_date)
    tgt = _load("DFEDTARU").loc["2024-06":]
    ax.step(tgt.index, tgt, where="post", color="C0")
    ax.axvline(essay, color="0.2", ls="--", lw=1)
    ax.annotate("essay", (essay, float(tgt.max())), xytext=(4, 0), textcoords="offset points", fontsize=9)
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 7)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    ax.set_ylabel("target range, upper bound (%)")
    ax.set_title("Policy rate: one 25 bp cut since the essay", fontsize=11)
    gdp = _load("GDPC1")
    growth = (100 * ((gdp / gdp.shift(1)) ** 4 - 1)).loc["2024":]
    labels = [f"{d.year}Q{d.quarter}" for d in growth.index]
    bx.bar(labels, growth.to_numpy(), color=["C1" if d > essay else "C0" for d in growth.index])
    ref = float(100 * (gdp.loc["2025-10-01"] / gdp.loc["2024-10-01"] - 1))
    bx.axhline(ref, color="0.2", ls=":", lw=1.2)
    bx.annotate(f"2025, Q4 over Q4: {ref:.1f}%", (0, ref), xytext=(0, 4), textcoords="offset points", fontsize=9)
    bx.set_ylabel("real GDP growth, % annualised")
    bx.set_title("Real GDP growth: quarters after the essay in orange", fontsize=11)
    bx.tick_params(axis="x", labelrotation=45)
    fig.suptitle("No new easing cycle and no clear slowdown so far", x=0.01, ha="left", fontsize=12, fontweight="bold")
    plotting.caption(fig, "Federal Reserve (DFEDTARU), BEA (GDPC1)", as_of_date)
    plotting.finish(fig, close=False)
    plt.show()
