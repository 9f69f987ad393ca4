"""Helpers for notebook 02 (claims A1-A5: AI capital spending, growth, labour, housing, energy).

Sections:

- **publication timing**: which observations were published by a date, with the releases the
  October-November 2025 federal shutdown delayed (:data:`DELAYED_RELEASES`);
- **national accounts**: BEA's contribution method (Fisher weights, GDP's annualisation factor),
  the growth of GDP without a component, and the published estimates' chained-dollar method;
- **test functions** ``fn(spec)`` for each claim. The notebook wraps their result in the protocol's
  ``Estimate`` (``Estimate(**fn(spec))``): a dict with ``value``, ``low``, ``high``, ``p``, ``n``
  and ``detail``. They load data through ``spec.load`` and register table inputs in ``spec.inputs``;
- **the notebook's tables, charts and headlines**: ``chart_*`` functions draw a chart from a spec
  of the latest data and the run tests whose numbers its title states, and return the figure (the
  notebook ends the cell with ``rplt.finish(fig)``); ``*_table`` and ``*_note`` functions assemble
  tables and paragraphs; ``a*_headline`` functions write each record's headline. A "test" argument
  is a declared test that has run: anything with ``estimate(spec, window)`` and ``value(spec, window)``.

Units: growth rates and contributions are percent (pp) at annual rates unless a name ends in
``_q`` (a quarterly fraction).
"""
from __future__ import annotations

from functools import cache

import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd

from research_lib import config
from research_lib.analysis import fmt, stats
from research_lib.analysis import plotting as rplt
from research_lib.analysis.transforms import drop_window
from research_lib.data import api

# ============================================================================ publication timing
#: First publication of observations whose release the October-November 2025 federal shutdown
#: pushed past the usual lag: {source: {period start: first publication date}}. Only the side of
#: the essay window (24 Nov - 10 Dec 2025) matters for the tests.
DELAYED_RELEASES: dict[str, dict[str, str]] = {
    # BEA cancelled the advance estimate of 2025Q3 (due 30 Oct) and published an initial estimate,
    # with GDI, compensation and profits, on 23 Dec 2025.
    "bea": {"2025-07-01": "2025-12-23"},
    "bea_income": {"2025-07-01": "2025-12-23"},
    # BLS productivity needs BEA's output measure: 2025Q3 could not come out before 23 Dec 2025.
    "bls_productivity": {"2025-07-01": "2025-12-23"},
    # The October 2025 establishment survey (payrolls, hourly earnings) came out with November's, on 16 Dec 2025.
    "ces": {"2025-10-01": "2025-12-16"},
}
#: Usual days from the end of an observation's period to its first publication, by source.
USUAL_LAG_DAYS = {"bea": 30, "bea_income": 60, "bls_productivity": 40, "ces": 10, "cps": 10,
                  "case_shiller": 60, "dfa": 80, "census": 35, "annual_income": 270}
#: The source (for publication timing) of every input the notebook uses.
SOURCE = {
    "GDP": "bea", "PNFI": "bea", "A679RC1Q027SBEA": "bea", "B985RC1Q027SBEA": "bea",
    "bea_t10102_contributions": "bea", "bea_t10106_real_gdp": "bea", "bea_t50306_real_fixed_investment": "bea",
    "COE": "bea_income", "CPROFIT": "bea_income", "OPHNFB": "bls_productivity",
    "PAYEMS": "ces", "USINFO": "ces", "CES0500000003": "ces",
    "UNRATE": "cps", "LNS14000036": "cps", "LNS14000012": "cps", "LNS14027659": "cps", "LNS14027662": "cps",
    "CSUSHPINSA": "case_shiller", "MSPUS": "census", "census_datacenter_construction": "census",
    "MEHOINUSA646N": "annual_income", "dfa2026_dfa_age_shares_detail": "dfa",
}
#: Quarters BEA's extracts cover (Tables 1.1.2, 1.1.6 and 5.3.6 start in 2010Q1).
BEA_TABLES = {"t112": "bea_t10102_contributions", "t116": "bea_t10106_real_gdp", "t536": "bea_t50306_real_fixed_investment"}


def first_published(index: pd.DatetimeIndex, source: str, frequency: str, release: str = "calendar") -> pd.DatetimeIndex:
    """The day each observation (dated by its period's start) was first published.

    ``release="calendar"`` applies :data:`DELAYED_RELEASES`; ``"usual lag"`` ignores the shutdown
    delays (the alternative assumption, declared as a variant where it matters).
    """
    idx = pd.DatetimeIndex(index)
    ends = {"quarterly": idx + pd.offsets.QuarterEnd(0), "monthly": idx + pd.offsets.MonthEnd(0),
            "annual": idx + pd.offsets.YearEnd(0)}.get(frequency, idx)
    out = pd.Series(ends + pd.Timedelta(days=USUAL_LAG_DAYS.get(source, 30)), index=idx)
    if release == "calendar":
        for start, day in DELAYED_RELEASES.get(source, {}).items():
            out[out.index == pd.Timestamp(start)] = pd.Timestamp(day)
    return pd.DatetimeIndex(out.to_numpy())


def visible(x: pd.Series | pd.DataFrame, spec, series_id: str, frequency: str) -> pd.Series | pd.DataFrame:
    """``x`` cut to the observations published by the end of ``spec``'s window (all of it today)."""
    end = spec.window.end
    if end is None or not len(x):
        return x
    source = SOURCE.get(series_id, "bea")
    pub = first_published(x.index, source, frequency, spec.get("release", "calendar"))
    kept = x[pub <= pd.Timestamp(end)]
    kept.attrs = dict(x.attrs)
    return kept


def load_visible(spec, series_id: str, frequency: str) -> pd.Series:
    """A series through ``spec.load`` with the release calendar applied; its input is registered
    with the last observation actually kept (the honest as-of)."""
    x = visible(spec.load(series_id), spec, series_id, frequency).dropna()
    if len(x):
        spec.inputs[series_id] = str(x.index.max().date())
    else:
        spec.inputs.pop(series_id, None)
    return x


@cache
def _bea_wide(table_id: str) -> pd.DataFrame:
    return bea_long_to_wide(api.load_table(table_id), scale=1.0 if table_id == BEA_TABLES["t112"] else 1e-3)


def bea_table(spec, name: str) -> pd.DataFrame:
    """BEA Table 1.1.2 (``t112``, pp), 1.1.6 (``t116``) or 5.3.6 (``t536``, billions of chained 2017
    dollars) as published by the end of ``spec``'s window; the table is registered as an input."""
    table_id = BEA_TABLES[name]
    out = visible(_bea_wide(table_id), spec, table_id, "quarterly")
    spec.inputs[table_id] = str(out.index.max().date())
    return out


def bea_long_to_wide(df: pd.DataFrame, scale: float = 1.0) -> pd.DataFrame:
    """Pivot a BEA long extract to a quarterly frame: index = quarter start dates, columns = table line.

    ``scale`` multiplies the values (e.g. 1e-3 to turn BEA millions into billions).
    """
    d = df.copy()
    d["date"] = pd.PeriodIndex(d["time_period"].astype(str), freq="Q").to_timestamp()
    w = d.pivot_table(index="date", columns="line", values="value", aggfunc="last") * scale
    w.index.name = "date"
    return w


def quarter_label(ts) -> str:
    """``2025Q2`` for any date in the quarter."""
    ts = pd.Timestamp(ts)
    return f"{ts.year}Q{ts.quarter}"


# ============================================================================ national accounts
def annualisation_factor(gdp_real: pd.Series) -> pd.Series:
    """GDP's factor from quarterly to annualised growth, ((1+g)^4 - 1) / g (4 when g = 0).

    BEA scales every component's quarterly contribution by this one factor, so the annualised
    contributions add up to GDP's annualised growth.
    """
    g = gdp_real / gdp_real.shift(1) - 1.0
    factor = ((1.0 + g) ** 4 - 1.0) / g
    return factor.where(g.abs() > 1e-12, 4.0).where(g.notna())


def fisher_terms(real: pd.Series, nominal: pd.Series, gdp_real: pd.Series, gdp_nominal: pd.Series) -> pd.DataFrame:
    """A component's quarterly contribution (``c_q``) to real GDP growth and its Fisher weight (``w``).

    BEA's formula for chained-Fisher aggregates: with prices p = nominal / real and GDP's Fisher
    price relative F (GDP's implicit-deflator ratio), ``c_q = (p[t-1] + p[t] / F) * (q[t] - q[t-1]) / D``
    and ``w = (p[t-1] + p[t] / F) * q[t-1] / D``. The denominator D is GDP's
    ``Y[t-1] * (1 + Fisher/Paasche quantity relative)``, taken as ``2 * Y[t-1]`` (the quantity
    relatives agree to a few parts in 10,000). Fractions, not percent.
    """
    idx = gdp_real.index
    q, n = real.reindex(idx), nominal.reindex(idx)
    y = gdp_nominal.reindex(idx)
    price_rel = (y / y.shift(1)) / (gdp_real / gdp_real.shift(1))
    weight_price = n.shift(1) / q.shift(1) + (n / q) / price_rel
    denom = 2.0 * y.shift(1)
    return pd.DataFrame({"c_q": weight_price * (q - q.shift(1)) / denom, "w": weight_price * q.shift(1) / denom})


def contribution(real: pd.Series, nominal: pd.Series, gdp_real: pd.Series, gdp_nominal: pd.Series) -> pd.Series:
    """Contribution of a component to real GDP growth, pp at an annual rate (BEA's method)."""
    c_q = fisher_terms(real, nominal, gdp_real, gdp_nominal)["c_q"]
    return (100.0 * c_q * annualisation_factor(gdp_real)).rename(real.name)


def own_compounding_contribution(real: pd.Series, nominal: pd.Series, gdp_nominal: pd.Series) -> pd.Series:
    """The approximation this notebook used to use: previous nominal share times the component's own
    annualised growth, ((1+g)^4 - 1). It overstates fast-growing components; kept for the comparison."""
    share = (nominal / gdp_nominal).shift(1)
    return (share * ((real / real.shift(1)) ** 4 - 1.0) * 100.0).rename(real.name)


def annualise(g_q: pd.Series | float) -> pd.Series | float:
    """Quarterly growth (fraction) to percent at an annual rate."""
    return ((1.0 + g_q) ** 4 - 1.0) * 100.0


def growth_without(gdp_real: pd.Series, c_q: pd.Series, w: pd.Series) -> pd.Series:
    """Quarterly growth (fraction) of GDP without a component: what the rest of GDP grew by.

    ``(g - c_q) / (1 - w)``: the other components' contributions over their weight, the growth of
    the Fisher aggregate that leaves the component out (not the contribution of everything else,
    which is the numerator alone).
    """
    g = gdp_real / gdp_real.shift(1) - 1.0
    return (g - c_q) / (1.0 - w)


def chain_index(g_q: pd.Series, base: float = 100.0) -> pd.Series:
    """A level index from quarterly growth fractions (the first valid quarter = ``base``)."""
    g = g_q.dropna()
    return base * (1.0 + g).cumprod() / (1.0 + g.iloc[0])


BASES = ("four quarters", "annual average", "two quarters", "nine months", "first half 2025")


def basis_ends(level: pd.Series, basis: str, end=None) -> tuple[float, float, float]:
    """``(new, old, power)``: the two levels a growth basis compares and the power that annualises
    their ratio, ending at ``end`` (default: the last quarter). NaN levels when the data fall short.

    ``four quarters``: the quarter ``end`` over the same quarter a year earlier; ``annual average``:
    the mean of the four quarters to ``end`` over the mean of the four before; ``two quarters``: over
    two quarters, annualised; ``nine months``: the mean of three quarters to ``end`` over the same
    three a year earlier; ``first half 2025``: 2025Q2 over 2024Q4, annualised (``end`` ignored).
    """
    if basis not in BASES:
        raise ValueError(f"growth basis {basis!r} is not one of {', '.join(BASES)}")
    lv = level.dropna()
    if basis == "first half 2025":
        a, b = lv.get(pd.Timestamp("2024-10-01")), lv.get(pd.Timestamp("2025-04-01"))
        return (np.nan, np.nan, 2.0) if a is None or b is None else (float(b), float(a), 2.0)
    t = lv.index.max() if end is None else pd.Timestamp(end)
    pos = int(lv.index.get_indexer([t])[0])
    need = {"four quarters": 4, "annual average": 7, "two quarters": 2, "nine months": 6}[basis]
    if pos < need:
        return np.nan, np.nan, 1.0
    v = lv.to_numpy()
    if basis == "four quarters":
        return float(v[pos]), float(v[pos - 4]), 1.0
    if basis == "two quarters":
        return float(v[pos]), float(v[pos - 2]), 2.0
    if basis == "annual average":
        return float(v[pos - 3:pos + 1].mean()), float(v[pos - 7:pos - 3].mean()), 1.0
    return float(v[pos - 2:pos + 1].mean()), float(v[pos - 6:pos - 3].mean()), 1.0


def basis_growth(level: pd.Series, basis: str, end=None) -> float:
    """Growth (percent, annualised where the basis spans less than a year) of a quarterly level."""
    new, old, power = basis_ends(level, basis, end)
    return float(((new / old) ** power - 1.0) * 100.0)


def chained_subtraction(gdp_real: pd.Series, parts_real: pd.Series, basis: str, end=None) -> dict:
    """The published estimates' method: subtract chained-dollar levels.

    Returns the parts' share of the chained-dollar change in GDP (percent), GDP's growth and the
    growth of GDP minus the parts (percent, on ``basis``), and the parts' share of GDP in chained
    dollars at the end. Chained dollars are not additive: the subtraction weights the parts by their
    2017 prices, not by today's.
    """
    parts = parts_real.reindex(gdp_real.index)
    g_new, g_old, _ = basis_ends(gdp_real, basis, end)
    p_new, p_old, _ = basis_ends(parts, basis, end)
    t = gdp_real.dropna().index.max() if end is None or basis == "first half 2025" else pd.Timestamp(end)
    if basis == "first half 2025":
        t = pd.Timestamp("2025-04-01")
    return {"share_pct": (p_new - p_old) / (g_new - g_old) * 100.0,
            "gdp_growth_pct": basis_growth(gdp_real, basis, end),
            "growth_without_pct": basis_growth(gdp_real - parts, basis, end),
            "real_share_pct": float(parts.loc[t] / gdp_real.loc[t] * 100.0)}


def seasonal_adjust_monthly(x: pd.Series) -> pd.Series:
    """Multiplicative seasonal adjustment by ratio to a centred 2x12 moving average.

    Seasonal factors are the mean ratio per calendar month, normalised to average 1. Good enough for
    a small, trending series; not X-13.
    """
    x = x.dropna()
    ma = x.rolling(12, center=True).mean().rolling(2).mean().shift(-1)
    ratio = x / ma
    factors = ratio.groupby(ratio.index.month).mean()
    factors = factors / factors.mean()
    return x / factors.reindex(x.index.month).to_numpy()


# ============================================================================ A1: GDP without AI
AI_DEFINITIONS = ("IT equipment and software", "IT equipment only", "IT and data centers")
IT_BASELINE = ("2010-04-01", "2019-10-01")  # quarters whose average IT contribution is "ordinary IT"


@cache
def _datacenters_quarterly() -> pd.Series:
    """Census data-center construction, our seasonal adjustment, quarterly, $bn at an annual rate."""
    raw = api.load_table("census_datacenter_construction")
    m = pd.Series(raw["spending_usd"].to_numpy(dtype=float) / 1e9,
                  index=pd.DatetimeIndex(pd.to_datetime(raw["date"]), name="date"), name="datacenters")
    sa = seasonal_adjust_monthly(m)
    q = sa.resample("QS").sum(min_count=3) * 4.0
    return q[sa.resample("QS").count() == 3]


def national_accounts(spec) -> dict[str, pd.DataFrame | pd.Series]:
    """Real GDP and the IT components (chained 2017 $bn) with their nominal values, as published by
    the end of ``spec``'s window: ``gdp_real``, ``gdp_nominal``, ``real`` and ``nominal`` frames with
    columns ``it`` (equipment and software), ``hardware``, ``software``."""
    t116, t536 = bea_table(spec, "t116"), bea_table(spec, "t536")
    gdp_n = load_visible(spec, "GDP", "quarterly")
    ipes_n = load_visible(spec, "A679RC1Q027SBEA", "quarterly")
    sw_n = load_visible(spec, "B985RC1Q027SBEA", "quarterly")
    idx = t116.index
    real = pd.DataFrame({"it": t536[32], "hardware": t536[10], "software": t536[17]}).reindex(idx)
    nominal = pd.DataFrame({"it": ipes_n, "hardware": ipes_n - sw_n, "software": sw_n}).reindex(idx)
    return {"gdp_real": t116[1], "gdp_nominal": gdp_n.reindex(idx), "real": real, "nominal": nominal}


_MEMO: dict = {}


def _memo(*params: str):
    """Cache a derived frame per window and the named spec parameters, with the inputs it registered.

    Many specifications share the same arithmetic (only a growth basis or a start date differs):
    the frame is computed once, and every later spec gets a copy and the same inputs registered.
    """
    def wrap(fn):
        def inner(spec):
            key = (fn.__name__, spec.window.name, spec.window.end, spec.window.vintage) + tuple(str(spec.get(p)) for p in params)
            if key not in _MEMO:
                saved, spec.inputs = spec.inputs, {}
                try:
                    _MEMO[key] = (fn(spec), dict(spec.inputs))
                finally:
                    spec.inputs, used = saved, spec.inputs
            frame, used = _MEMO[key]
            for sid, last in used.items():
                spec.inputs[sid] = max(spec.inputs.get(sid, last), last)
            return frame.copy()
        inner.__name__, inner.__doc__ = fn.__name__, fn.__doc__
        return inner
    return wrap


@_memo("release", "definition", "imports", "amount")
def ai_terms(spec) -> pd.DataFrame:
    """Per quarter: GDP growth (``gdp``, % a.r.), AI's contribution (``ai``, pp a.r.), its quarterly
    contribution and weight (``c_q``, ``w``), and the growth of GDP without AI (``without``, % a.r.).

    ``spec`` parameters: ``definition`` (one of :data:`AI_DEFINITIONS`), ``amount`` (``total`` or
    ``increment over 2010-19``: AI's contribution minus the average IT contribution of 2010-19, the
    rest of IT staying in GDP), ``imports`` (``gross`` or ``hardware all imported``: the upper bound
    on import leakage, every dollar of IT hardware matched by an import), ``release``.
    """
    na = national_accounts(spec)
    gr, gn = na["gdp_real"], na["gdp_nominal"]
    parts = {k: fisher_terms(na["real"][k], na["nominal"][k], gr, gn) for k in ("it", "hardware", "software")}
    definition, imports = spec.get("definition", AI_DEFINITIONS[0]), spec.get("imports", "gross")
    if definition not in AI_DEFINITIONS:
        raise ValueError(f"AI definition {definition!r} is not one of {', '.join(AI_DEFINITIONS)}")
    if imports == "hardware all imported":
        terms = parts["software"] if definition != "IT equipment only" else parts["software"] * 0.0
    else:
        terms = parts["hardware"] if definition == "IT equipment only" else parts["it"]
    terms = terms.copy()
    if definition == "IT and data centers":
        dc = visible(_datacenters_quarterly(), spec, "census_datacenter_construction", "quarterly")
        used = min(dc.index.max(), gr.dropna().index.max())
        spec.inputs["census_datacenter_construction"] = str((used + pd.DateOffset(months=2)).date())
        dc_terms = fisher_terms(dc, dc, gr, gn).reindex(terms.index)
        terms = terms + dc_terms  # quarters without data-center figures drop out (NaN)
    if spec.get("amount", "total") == "increment over 2010-19":
        ordinary = terms["c_q"].loc[IT_BASELINE[0]:IT_BASELINE[1]].mean()
        terms["c_q"] = terms["c_q"] - ordinary
        terms["w"] = 0.0
    factor = annualisation_factor(gr)
    g = gr / gr.shift(1) - 1.0
    out = pd.DataFrame({"gdp": annualise(g), "ai": 100.0 * terms["c_q"] * factor, "c_q": terms["c_q"], "w": terms["w"]})
    out["without_q"] = growth_without(gr, terms["c_q"], terms["w"])
    out["without"] = annualise(out["without_q"])
    return out.dropna(subset=["gdp"])


def recession_statistic(without: pd.Series, basis: str, start) -> tuple[float, dict]:
    """The technical-recession test on GDP-without-AI growth (% a.r. by quarter) from ``start``.

    ``quarter on quarter`` (the definition): the higher of two consecutive quarters' growth, at its
    lowest pair; below zero means two consecutive quarters of decline. ``two quarters`` / ``four
    quarters``: the lowest growth over two (annualised) or four quarters ending in the sample.
    Returns the value and a detail dict (the quarters that decide it).
    """
    s = without.dropna()
    sample = s.loc[pd.Timestamp(start):]
    if basis == "quarter on quarter":
        pairs = pd.concat([sample.shift(1), sample], axis=1).dropna()
        if pairs.empty:
            return np.nan, {"quarters": len(sample)}
        higher = pairs.max(axis=1)
        t = higher.idxmin()
        return float(higher.min()), {"pair": f"{quarter_label(t - pd.DateOffset(months=3))}-{quarter_label(t)}",
                                     "negative quarters": [quarter_label(d) for d in sample[sample < 0].index],
                                     "quarters": len(sample)}
    if basis not in ("two quarters", "four quarters"):
        raise ValueError(f"recession basis {basis!r} is not quarter on quarter, two quarters or four quarters")
    level = chain_index((1.0 + s / 100.0) ** 0.25 - 1.0)
    values = {t: basis_growth(level, basis, t) for t in sample.index}
    values = {t: v for t, v in values.items() if np.isfinite(v)}
    if not values:
        return np.nan, {"quarters": len(sample)}
    t = min(values, key=values.get)
    return float(values[t]), {"ending": quarter_label(t), "quarters": len(sample)}


def a1_recession(spec) -> dict:
    """A1, first leg: would GDP without AI have had two consecutive quarters of decline?"""
    frame = ai_terms(spec)
    value, detail = recession_statistic(frame["without"], spec["basis"], spec["start"])
    sample = frame.loc[pd.Timestamp(spec["start"]):]
    detail.update({"last quarter": quarter_label(frame.index.max()),
                   "growth without AI by quarter": {quarter_label(d): round(float(v), 2) for d, v in sample["without"].items()},
                   "AI contribution by quarter": {quarter_label(d): round(float(v), 2) for d, v in sample["ai"].items()}})
    return {"value": value, "n": int(sample["without"].notna().sum()), "detail": detail}


def on_basis(frame: pd.DataFrame, basis: str, end=None) -> dict:
    """GDP growth, AI's contribution, its share and the growth of GDP without AI on one basis.

    ``frame`` is :func:`ai_terms`' output. The contribution on a basis is GDP's growth minus the
    growth of GDP had AI contributed nothing (each quarter's growth less AI's quarterly
    contribution); the share is that over GDP's growth.
    """
    g_q = (1.0 + frame["gdp"] / 100.0) ** 0.25 - 1.0
    gdp = basis_growth(chain_index(g_q), basis, end)
    rest = basis_growth(chain_index(g_q - frame["c_q"]), basis, end)
    return {"gdp_growth_pct": gdp, "ai_pp": gdp - rest, "share_pct": (gdp - rest) / gdp * 100.0,
            "growth_without_pct": basis_growth(chain_index(frame["without_q"]), basis, end)}


def a1_weak(spec) -> dict:
    """A1, second leg: growth of GDP without AI on a declared basis (percent)."""
    frame = ai_terms(spec)
    b = on_basis(frame, spec["basis"])
    quarters = {"four quarters": 4, "annual average": 8, "two quarters": 2, "nine months": 7, "first half 2025": 2}
    return {"value": b["growth_without_pct"], "n": quarters[spec["basis"]],
            "detail": {"last quarter": quarter_label(frame.index.max()), "GDP growth, same basis": round(b["gdp_growth_pct"], 2),
                       "AI contribution, same basis": round(b["ai_pp"], 2)}}


def method_check(published: pd.Series, real: pd.Series, nominal: pd.Series, gdp_real: pd.Series,
                 gdp_nominal: pd.Series) -> pd.DataFrame:
    """A published contribution line beside BEA's method and the own-compounding approximation (pp),
    with the line's and GDP's growth (% a.r.) to show where the two methods part."""
    out = pd.DataFrame({
        "published": published,
        "BEA method": contribution(real, nominal, gdp_real, gdp_nominal),
        "own compounding": own_compounding_contribution(real, nominal, gdp_nominal),
        "line growth": annualise(real / real.shift(1) - 1.0),
        "GDP growth": annualise(gdp_real / gdp_real.shift(1) - 1.0),
    })
    return out.dropna(subset=["published", "BEA method"])


#: Published estimates of AI's part in 2025 growth, as quoted by their authors.
PUBLISHED = {
    "Furman": {"source": "Jason Furman, 27 Sep 2025", "window": "first half of 2025 (2024Q4 to 2025Q2), annualised",
               "definition": "information processing equipment and software", "share_pct": 92.0, "growth_without_pct": 0.1},
    "Barron's": {"source": "Barron's, 23 Dec 2025", "window": "first nine months of 2025 over the same months of 2024",
                 "definition": "computers, communication equipment, software, R&D, data-center structures",
                 "share_pct": 37.0, "gdp_growth_pct": 2.1, "growth_without_pct": 1.5},
    "FEDS Note": {"source": "Federal Reserve FEDS Note, July 2026", "window": "four quarters to 2026Q2",
                  "definition": "AI investment", "gross_pp": 0.66, "net_of_imports_pp": 0.45},
}
#: Barron's categories in Table 5.3.6 (data-center structures have no chained-dollar line there).
BARRONS_LINES = (11, 12, 17, 18)  # computers; other information processing equipment; software; R&D


def with_params(spec, **params):
    """``spec`` with some parameters set (same class, name and window): a related specification
    built without importing the protocol."""
    return spec.__class__(spec.name, {**spec, **params}, spec.window)


def reconciliation(spec) -> dict:
    """Our numbers beside each published estimate: by the estimate's own method (chained-dollar
    subtraction) and by BEA's contribution method, on the same window; plus the IT share of GDP in
    chained 2017 dollars and in current dollars, which explains the gap, and the contribution of
    imports to 2025Q1 growth (Table 1.1.2 line 19, pp), which explains the first half's window."""
    na = national_accounts(spec)
    t536 = bea_table(spec, "t536")
    gdp = na["gdp_real"]
    frames = {k: ai_terms(with_params(spec, **v)) for k, v in
              {"total": {}, "increment": {"amount": "increment over 2010-19"},
               "net": {"imports": "hardware all imported"}}.items()}
    last = gdp.dropna().index.max()
    with_dc = ai_terms(with_params(spec, definition="IT and data centers"))
    dc_last = with_dc["c_q"].dropna().index.max()
    data_centers = {"window": f"four quarters to {quarter_label(dc_last)}",
                    "pp": on_basis(with_dc, "four quarters", dc_last)["ai_pp"] - on_basis(frames["total"], "four quarters", dc_last)["ai_pp"]}
    shares = pd.DataFrame({"chained 2017 dollars": na["real"]["it"] / gdp * 100.0,
                           "current dollars": na["nominal"]["it"] / na["gdp_nominal"] * 100.0}).dropna()
    return {
        "Furman": {"their method": chained_subtraction(gdp, na["real"]["it"], "first half 2025"),
                   "BEA method": on_basis(frames["total"], "first half 2025")},
        "Barron's": {"their method": chained_subtraction(gdp, sum(t536[k] for k in BARRONS_LINES), "nine months", "2025-07-01"),
                     "their method, IT only": chained_subtraction(gdp, na["real"]["it"], "nine months", "2025-07-01"),
                     "BEA method": on_basis(frames["total"], "nine months", "2025-07-01")},
        "FEDS Note": {"window": f"four quarters to {quarter_label(last)}",
                      **{k: on_basis(f, "four quarters", last) for k, f in frames.items()}},
        "data centers": data_centers,
        "IT share": shares,
        "imports 2025Q1": float(bea_table(spec, "t112").loc["2025-01-01", 19]),
    }


# ============================================================================ shared estimators
def _estimate_from(res, name: str, scale: float = 1.0, detail: dict | None = None) -> dict:
    """``value, low, high, p, n`` of one coefficient of an ``OLSResult`` (times ``scale``)."""
    row = res.row(name)
    ends = sorted((float(row["ci_low"]) * scale, float(row["ci_high"]) * scale))
    return {"value": float(row["coef"]) * scale, "low": ends[0], "high": ends[1], "p": float(row["p"]), "n": int(res.nobs),
            "detail": {"sample": f"{res.start:%Y-%m} to {res.end:%Y-%m}", "HAC lags": res.lags, **(detail or {})}}


def _mean_estimate(x: pd.Series, lags: int, detail: dict | None = None) -> dict:
    """HAC mean of ``x`` with its 95% interval (t distribution)."""
    res = stats.ols_hac(x.dropna().astype(float), pd.DataFrame(index=x.dropna().index), lags=lags)
    return _estimate_from(res, "const", detail=detail)


# ============================================================================ A2: skills, productivity, income shares
UNEMPLOYMENT = {"less than high school": "LNS14027659", "bachelor's or higher": "LNS14027662",
                "ages 20-24": "LNS14000036", "ages 16-19": "LNS14000012", "all": "UNRATE"}


@_memo("group", "comparison")
def unemployment_gap(spec) -> pd.DataFrame:
    """The gap between two groups' unemployment rates (pp) and the total rate, monthly, as published."""
    total = load_visible(spec, "UNRATE", "monthly")
    group = load_visible(spec, UNEMPLOYMENT[spec["group"]], "monthly")
    comparison = total if spec["comparison"] == "all" else load_visible(spec, UNEMPLOYMENT[spec["comparison"]], "monthly")
    return pd.DataFrame({"gap": group - comparison, "total": total}).dropna()


def a2_skill_gap(spec) -> dict:
    """Shift (pp) in a group's unemployment rate relative to a comparison group after ``break``,
    given the total rate (the cycle): OLS of the gap on the total rate and a post-break dummy, HAC."""
    frame = spec.sample(unemployment_gap(spec))
    frame["post"] = (frame.index >= pd.Timestamp(spec["break"])).astype(float)
    res = stats.ols_hac(frame["gap"], frame[["post", "total"]], lags=spec["lags"])
    return _estimate_from(res, "post", detail={"months after the break": int(frame["post"].sum()),
                                               "gap before the break": round(float(frame.loc[frame.post == 0, "gap"].mean()), 2)})


def quarterly_growth(spec, measure: str) -> pd.Series:
    """Quarterly growth, % at an annual rate (log), of output per hour or payroll employment."""
    if measure == "output per hour":
        level = load_visible(spec, "OPHNFB", "quarterly")
    elif measure == "payrolls":
        monthly = load_visible(spec, "PAYEMS", "monthly")
        full = monthly.resample("QS").count() == 3
        level = monthly.resample("QS").mean()[full]
    else:
        raise ValueError(f"growth measure {measure!r} is not output per hour or payrolls")
    return (np.log(level).diff() * 400.0).dropna()


def a2_growth_change(spec) -> dict:
    """Change (pp a year) in mean quarterly growth of ``measure`` from the reference years
    (``pre_start``-``pre_end``) to the period from ``start``: OLS on a post dummy, HAC."""
    g = quarterly_growth(spec, spec["measure"])
    start = pd.Timestamp(spec["start"])
    pre = g.loc[spec["pre_start"]:min(pd.Timestamp(spec["pre_end"]), start - pd.Timedelta(days=1))]
    y = pd.concat([pre, g.loc[start:]])
    if spec.get("pandemic") == "drop":
        y = drop_window(y, config.PANDEMIC)
    res = stats.mean_shift_hac(y, spec["start"], lags=spec["lags"])
    return _estimate_from(res, "post", detail={"reference mean": round(res.coef("const"), 2),
                                               "mean since start": round(res.coef("const") + res.coef("post"), 2),
                                               "last quarter": quarter_label(g.index.max())})


@_memo()
def income_shares(spec) -> pd.DataFrame:
    """Compensation of employees and corporate profits as % of GDP, quarterly, as published."""
    gdp = load_visible(spec, "GDP", "quarterly")
    coe, prof = load_visible(spec, "COE", "quarterly"), load_visible(spec, "CPROFIT", "quarterly")
    out = pd.DataFrame({"labour share": coe / gdp * 100.0, "profit share": prof / gdp * 100.0}).dropna()
    for sid in ("GDP", "COE", "CPROFIT"):  # the quarters actually used
        spec.inputs[sid] = str(out.index.max().date())
    return out


def a2_income_shift(spec) -> dict:
    """Shift of income toward capital, pp of GDP: the fall in the labour share (or the rise in the
    profit share) from the average of the quarters of ``from`` (a year) to the average of the latest
    ``latest`` quarters. Interval: OLS of the share on a dummy for the latest block, both blocks only."""
    shares = income_shares(spec)
    s = shares[spec["measure"]]
    early = s.loc[str(spec["from"])]
    late = s.iloc[-int(spec["latest"]):]
    y = pd.concat([early, late])
    sign = -1.0 if spec["measure"] == "labour share" else 1.0
    res = stats.mean_shift_hac(y, str(late.index.min().date()), lags=1)
    return _estimate_from(res, "post", scale=sign, detail={
        "average in the start year": round(float(early.mean()), 2), "latest average": round(float(late.mean()), 2),
        "latest quarters": f"{quarter_label(late.index.min())}-{quarter_label(late.index.max())}",
        "sd of quarterly changes": round(float(s.diff().std()), 2)})


# ============================================================================ A3: housing and the young's capital
def income_extended(spec, proxy: str) -> pd.Series:
    """Median household income by year, extended past its last year by the growth of average
    hourly earnings (``proxy="earnings growth"``) or held flat (``"held flat"``)."""
    inc = load_visible(spec, "MEHOINUSA646N", "annual")
    ahe = load_visible(spec, "CES0500000003", "monthly").resample("YS").mean()
    out = pd.Series(inc.to_numpy(), index=inc.index.year, dtype=float)
    ahe_y = pd.Series(ahe.to_numpy(), index=ahe.index.year)
    for year in range(int(out.index.max()) + 1, int(ahe_y.index.max()) + 1):
        step = ahe_y.get(year, np.nan) / ahe_y.get(year - 1, np.nan) if proxy == "earnings growth" else 1.0
        out.loc[year] = out.loc[year - 1] * step
    return out.dropna()


def mortgage_payment(price: pd.Series, rate_pct: pd.Series, ltv: float = 0.8, years: int = 30) -> pd.Series:
    """Monthly principal+interest payment on a fixed-rate loan of ``ltv * price`` at annual ``rate_pct``."""
    r = rate_pct / 100.0 / 12.0
    n = years * 12
    return ltv * price * r / (1.0 - (1.0 + r) ** (-n))


@_memo("price", "income")
def affordability(spec) -> pd.DataFrame:
    """Price / income and payment (80% loan, 30-year fixed) / income, by month (Case-Shiller) or
    quarter (median new-home price), income extended by ``spec["income"]``."""
    income = income_extended(spec, spec["income"])
    if spec["price"] == "Case-Shiller":
        price = load_visible(spec, "CSUSHPINSA", "monthly")
        rate = spec.load("MORTGAGE30US").resample("MS").mean()
    else:
        price = load_visible(spec, "MSPUS", "quarterly")
        rate = spec.load("MORTGAGE30US").resample("QS").mean()
    inc = pd.Series(income.reindex(price.index.year).to_numpy(), index=price.index)
    out = pd.DataFrame({"price to income": price / inc,
                        "payment to income": mortgage_payment(price, rate.reindex(price.index)) * 12.0 / inc}).dropna()
    spec.inputs["MORTGAGE30US"] = str(out.index.max().date())  # the rate is used up to the last price
    return out.loc["1987":]


def a3_affordability(spec) -> dict:
    """Percentile (0-100) of the latest affordability ratio in its 1987-2024 history."""
    ratios = affordability(spec)[spec["measure"]]
    latest = ratios.iloc[-12:].mean() if spec["latest"] == "12-month average" and spec["price"] == "Case-Shiller" else ratios.iloc[-1]
    hist = ratios.loc[:"2024"]
    return {"value": float((hist < latest).mean() * 100.0), "n": int(len(hist)),
            "detail": {"latest": quarter_label(ratios.index.max()) if spec["price"] != "Case-Shiller" else f"{ratios.index.max():%Y-%m}",
                       "latest, as an index (1987-2024 average = 100)": round(float(latest / hist.mean() * 100.0), 1),
                       "history maximum, same index": round(float(hist.max() / hist.mean() * 100.0), 1)}}


@cache
def _dfa(table_id: str) -> pd.DataFrame:
    t = api.load_table(table_id)
    t = t.copy()
    t["date"] = pd.PeriodIndex(t["Date"].astype(str).str.replace(":", ""), freq="Q").to_timestamp()
    return t


def dfa_frame(spec, table_id: str, column: str) -> pd.DataFrame:
    """One DFA column by category (wide, quarterly), as published by the end of ``spec``'s window."""
    t = _dfa(table_id)
    wide = t.pivot_table(index="date", columns="Category", values=column)
    out = visible(wide, spec, "dfa2026_dfa_age_shares_detail", "quarterly")
    spec.inputs[table_id] = str(out.index.max().date())
    return out


@_memo("group", "measure")
def young_share_ratio(spec) -> pd.Series:
    """The young's share of an asset aggregate over their share of households (1 = proportional)."""
    if spec["group"] == "under 40":
        share = dfa_frame(spec, "dfa2026_dfa_age_shares_detail", spec["measure"])["ageunder40"]
        hh = dfa_frame(spec, "dfa2026_dfa_age_shares_detail", "Household count")
        hh_share = hh["ageunder40"] / hh.sum(axis=1) * 100.0
    else:
        level = dfa_frame(spec, "dfa2026_dfa_generation_levels_detail", spec["measure"])
        hh = dfa_frame(spec, "dfa2026_dfa_generation_levels_detail", "Household count")
        share = level["Millennial"] / level.sum(axis=1) * 100.0
        hh_share = hh["Millennial"] / hh.sum(axis=1) * 100.0
    return (share / hh_share).dropna()


def a3_young_capital(spec) -> dict:
    """The young's share of wealth over their share of households, latest quarter (or four-quarter average)."""
    ratio = young_share_ratio(spec)
    value = ratio.iloc[-4:].mean() if spec["latest"] == "four-quarter average" else ratio.iloc[-1]
    return {"value": float(value), "n": 1 if spec["latest"] == "latest quarter" else 4,
            "detail": {"latest quarter": quarter_label(ratio.index.max()), "2010Q1": round(float(ratio.loc["2010-01-01"]), 3)}}


def a3_widening(spec) -> dict:
    """Share of years (0-1) since ``start`` in which the young's relative wealth fell (year-end to year-end)."""
    ratio = young_share_ratio(spec)
    yearly = ratio[ratio.index.quarter == 4] if spec["year"] == "fourth quarter" else ratio.resample("YS").mean()
    yearly = yearly[yearly.index.year >= int(spec["start"]) - 1]
    if spec["year"] != "fourth quarter":
        counts = ratio.resample("YS").count()
        yearly = yearly[counts.reindex(yearly.index) == 4]
    change = yearly.diff().dropna()
    return {"value": float((change < 0).mean()), "n": int(len(change)),
            "detail": {"years it fell": int((change < 0).sum()), "years": int(len(change)),
                       "change over the period": round(float(yearly.iloc[-1] - yearly.iloc[0]), 3)}}


# ============================================================================ A4: energy as the bottleneck
POWER_MEASURES = {"utility output": ("IPG2211A2N", "growth"), "electricity output": ("IPG2211S", "growth"),
                  "electric utilisation": ("CAPUTLG2211S", "level"), "utility utilisation": ("CAPUTLG2211A2S", "level")}


def a4_power_use(spec) -> dict:
    """Shift after ``break`` in utility output growth (12-month, pp) or capacity utilisation (pp), HAC."""
    sid, kind = POWER_MEASURES[spec["measure"]]
    x = spec.load(sid).dropna()
    y = (np.log(x).diff(12) * 100.0) if kind == "growth" else x
    y = spec.sample(y.dropna())
    res = stats.mean_shift_hac(y, spec["break"], lags=spec["lags"])
    return _estimate_from(res, "post", detail={"before the break": round(res.coef("const"), 2), "last month": f"{x.index.max():%Y-%m}"})


def a4_power_price(spec) -> dict:
    """Shift after ``break`` in electricity CPI inflation minus CPI inflation (12-month, pp), HAC;
    with ``gas="lagged control"``, natural-gas price inflation 6 and 12 months earlier as controls."""
    elec, cpi = spec.load("CUSR0000SEHF01").dropna(), spec.load("CPIAUCSL").dropna()
    rel = (np.log(elec).diff(12) - np.log(cpi).diff(12)) * 100.0
    y = spec.sample(rel.dropna())
    controls = None
    if spec["gas"] == "lagged control":
        gas = np.log(spec.load("PNGASUSUSDM").dropna()).diff(12) * 100.0
        controls = pd.DataFrame({"gas 6 months earlier": gas.shift(6), "gas 12 months earlier": gas.shift(12)})
    res = stats.mean_shift_hac(y, spec["break"], lags=spec["lags"], controls=controls)
    return _estimate_from(res, "post", detail={"before the break": round(res.coef("const"), 2)})


POWER_STOCKS = {"power producers": ("VST", "CEG"), "Vistra": ("VST",), "Constellation": ("CEG",), "utilities": ("XLU",),
                "energy": ("XLE",), "copper": ("HG=F",)}


def excess_return(spec, period: pd.DatetimeIndex | None = None) -> pd.Series:
    """Daily log return (%) of the ``theme`` basket (equal weights) minus the ``versus`` asset's, on
    common trading days of the spec's window."""
    names = POWER_STOCKS[spec["theme"]]
    px = pd.concat({n: spec.load(n) for n in names + (spec["versus"],)}, axis=1, sort=True).dropna()
    r = np.log(px).diff().dropna() * 100.0
    return (r[list(names)].mean(axis=1) - r[spec["versus"]]).rename("excess")


def a4_scarcity_rent(spec) -> dict:
    """Annualised excess return (% a year) of the power theme over ``versus`` in the ``months`` to the
    end of the data visible in the window; HAC interval on daily returns."""
    ex = excess_return(spec)
    end = ex.index.max()
    ex = ex.loc[end - pd.DateOffset(months=int(spec["months"])):]
    out = _mean_estimate(ex, lags=10, detail={"from": f"{ex.index.min():%Y-%m-%d}", "to": f"{end:%Y-%m-%d}"})
    for k in ("value", "low", "high"):
        out[k] *= 252.0
    return out


def a4_theme_after(spec) -> dict:
    """Annualised excess return (% a year) of the power theme over ``versus`` after the essay date."""
    ex = spec.after_start(excess_return(spec))
    out = _mean_estimate(ex, lags=10, detail={"from": f"{ex.index.min():%Y-%m-%d}", "to": f"{ex.index.max():%Y-%m-%d}",
                                              "cumulative, %": round(float(np.expm1(ex.sum() / 100.0) * 100.0), 1)})
    for k in ("value", "low", "high"):
        out[k] *= 252.0
    return out


# ============================================================================ A5: two tracks
@_memo("definition", "release")
def investment_growth(spec) -> pd.DataFrame:
    """Real growth (% a.r., quarterly) of IT investment (``ai``) and of the rest of nonresidential
    fixed investment (``other``), the latter from contributions and Fisher weights (not by
    subtracting chained dollars)."""
    na = national_accounts(spec)
    t116 = bea_table(spec, "t116")
    pnfi = load_visible(spec, "PNFI", "quarterly")
    gr, gn = na["gdp_real"], na["gdp_nominal"]
    key = "hardware" if spec.get("definition") == "IT equipment only" else "it"
    it = fisher_terms(na["real"][key], na["nominal"][key], gr, gn)
    nonres = fisher_terms(t116[9], pnfi, gr, gn)
    other_q = (nonres["c_q"] - it["c_q"]) / (nonres["w"] - it["w"])
    it_q = na["real"][key] / na["real"][key].shift(1) - 1.0
    return pd.DataFrame({"ai": annualise(it_q), "other": annualise(other_q), "without": ai_terms(spec)["without"]}).dropna()


def a5_divergence(spec) -> dict:
    """Mean gap (pp a year) between AI investment growth and the other track's growth since ``start``.

    ``basis``: quarterly annualised rates (HAC with ``lags``) or four-quarter changes (overlapping:
    HAC lags at least 2 x 4)."""
    g = investment_growth(spec)
    other = g["other"] if spec["versus"] == "other investment" else g["without"]
    gap = g["ai"] - other
    if spec["basis"] == "four-quarter changes":
        idx_ai = chain_index((1 + g["ai"] / 100) ** 0.25 - 1)
        idx_ot = chain_index((1 + other / 100) ** 0.25 - 1)
        gap = (idx_ai / idx_ai.shift(4) - idx_ot / idx_ot.shift(4)) * 100.0
    gap = gap.loc[spec["start"]:].dropna()
    return _mean_estimate(gap, lags=spec["lags"], detail={"last quarter": quarter_label(gap.index.max())})


def a5_rest_growth(spec) -> dict:
    """Mean growth (% a year) of the traditional track since ``start``: GDP without AI (quarterly,
    annualised) or payrolls outside the information sector (monthly log changes, annualised)."""
    if spec["measure"] == "GDP without AI":
        x = ai_terms(spec)["without"]
    else:
        pay, info = load_visible(spec, "PAYEMS", "monthly"), load_visible(spec, "USINFO", "monthly")
        rest = (pay - info).dropna()
        x = np.log(rest).diff() * 1200.0
    x = x.loc[spec["start"]:].dropna()
    return _mean_estimate(x, lags=spec["lags"], detail={"last period": f"{x.index.max():%Y-%m}"})


def a5_ai_jobs(spec) -> dict:
    """Mean growth (% a year) of information-sector employment since ``start`` (monthly log changes,
    annualised), alone or relative to all other payrolls."""
    info = load_visible(spec, "USINFO", "monthly")
    g = np.log(info).diff() * 1200.0
    if spec["relative"] == "relative to other payrolls":
        pay = load_visible(spec, "PAYEMS", "monthly")
        g = g - np.log(pay - info).diff() * 1200.0
    g = g.loc[spec["start"]:].dropna()
    return _mean_estimate(g, lags=spec["lags"], detail={"last month": f"{g.index.max():%Y-%m}"})


# ============================================================================ the notebook's tables, charts and headlines
#: The sources of :data:`USUAL_LAG_DAYS` in words.
SOURCE_NAMES = {"bea": "BEA GDP and components", "bea_income": "BEA income (compensation, profits)",
                "bls_productivity": "BLS productivity", "ces": "BLS payrolls and hourly earnings",
                "cps": "BLS household survey (unemployment)", "case_shiller": "S&P Case-Shiller home prices",
                "dfa": "Fed Distributional Financial Accounts", "census": "Census new-home prices, construction",
                "annual_income": "Census median household income"}


def release_timing() -> pd.DataFrame:
    """The release assumptions, one row per source: the usual days from the end of a period to its
    first publication and the observations the 2025 shutdown delayed (quarters for BEA and BLS
    productivity, months otherwise), with their first publication day."""
    rows = [{"source": SOURCE_NAMES[src], "usual days after the period": lag,
             "delayed by the shutdown": ", ".join(f"{quarter_label(p) if src.startswith(('bea', 'bls')) else p[:7]} "
                                                  f"first published {day}" for p, day in DELAYED_RELEASES.get(src, {}).items())}
            for src, lag in USUAL_LAG_DAYS.items()]
    return pd.DataFrame(rows).set_index("source")


#: The published contribution lines :func:`method_checks` reproduces, by Table 1.1.2 line.
CHECKED_LINES = {9: "nonresidential fixed investment (line 9)", 2: "personal consumption expenditures (line 2)"}


def method_checks(spec) -> dict[str, pd.DataFrame]:
    """:func:`method_check` for the two published lines whose nominal values the snapshot holds
    (:data:`CHECKED_LINES`): nonresidential fixed investment (nominal ``PNFI``) and consumer
    spending (``PCE``, monthly, averaged over complete quarters), as published by the end of
    ``spec``'s window."""
    t112, t116 = bea_table(spec, "t112"), bea_table(spec, "t116")
    pce_monthly = spec.load("PCE")
    pce_q = pce_monthly.resample("QS").mean()[pce_monthly.resample("QS").count() == 3]
    nominal = {9: spec.load("PNFI"), 2: pce_q}
    return {name: method_check(t112[line], t116[line], nominal[line], t116[1], spec.load("GDP")) for line, name in CHECKED_LINES.items()}


def method_check_table(checks: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Mean absolute error (pp) of BEA's method and of own compounding against each published line,
    and own compounding's largest error, in all quarters and in the quarters when the line grew at
    least 5 points faster or slower than GDP; rounded to three decimals."""
    rows = []
    for line, m in checks.items():
        fast = (m["line growth"] - m["GDP growth"]).abs() >= 5
        for label, sel in (("all quarters", m.index == m.index), ("line growth 5+ points from GDP's", fast)):
            err = m.loc[sel, ["BEA method", "own compounding"]].sub(m.loc[sel, "published"], axis=0).abs()
            rows.append({"published line": line, "quarters": label, "N": int(sel.sum()),
                         "BEA method: mean abs. error, pp": err["BEA method"].mean(),
                         "own compounding: mean abs. error, pp": err["own compounding"].mean(),
                         "own compounding: largest error, pp": err["own compounding"].max()})
    return pd.DataFrame(rows).set_index(["published line", "quarters"]).round(3)


def method_check_note(checks: dict[str, pd.DataFrame]) -> str:
    """The method check in words: nonresidential investment in 2025Q1 by both methods, and BEA's
    method's mean error on consumer spending outside 2020-21 (whose large gaps come from the inputs)."""
    m9 = checks[CHECKED_LINES[9]]
    m2 = checks[CHECKED_LINES[2]].drop(index=pd.date_range("2020-01-01", "2021-10-01", freq="QS"), errors="ignore")
    calm_err = (m2["BEA method"] - m2["published"]).abs().mean()
    return (
        f"Nonresidential investment in 2025Q1 grew {fmt.pct(m9.loc['2025-01-01', 'line growth'])} (GDP "
        f"{fmt.pct(m9.loc['2025-01-01', 'GDP growth'])}): BEA published {fmt.pp(m9.loc['2025-01-01', 'published'])}, "
        f"BEA's method gives {fmt.pp(m9.loc['2025-01-01', 'BEA method'])}, own compounding "
        f"{fmt.pp(m9.loc['2025-01-01', 'own compounding'])}. For consumer spending BEA's method misses by "
        f"{fmt.num(calm_err, 3)} pp on average outside 2020-21; the large 2020-21 gaps are shared by both methods, so they come "
        "from the inputs (the monthly nominal spending file is a separate copy, not this BEA release), not from the formula.")


def reconciliation_table(rec: dict) -> pd.DataFrame:
    """Each published estimate (:data:`PUBLISHED`) as published, reproduced by its own method, and
    by BEA's method on the same window, in words; ``rec`` is :func:`reconciliation`'s output."""
    fu, ba, fe = rec["Furman"], rec["Barron's"], rec["FEDS Note"]
    pf, pb, pn = PUBLISHED["Furman"], PUBLISHED["Barron's"], PUBLISHED["FEDS Note"]
    rows = [
        {"estimate": f"{pf['source']}: {pf['window']}, {pf['definition']}",
         "as published": f"{fmt.pct(pf['share_pct'], 0)} of growth; GDP without them {fmt.pct(pf['growth_without_pct'])}",
         "ours, their method": f"{fmt.pct(fu['their method']['share_pct'])} of growth; GDP without them "
                               f"{fmt.pct(fu['their method']['growth_without_pct'], 2)}",
         "ours, BEA method": f"{fmt.pct(fu['BEA method']['share_pct'])} of growth ({fmt.pp(fu['BEA method']['ai_pp'])} of "
                             f"{fmt.pct(fu['BEA method']['gdp_growth_pct'], 2)}); "
                             f"GDP without them {fmt.pct(fu['BEA method']['growth_without_pct'], 2)}"},
        {"estimate": f"{pb['source']}: {pb['window']}, {pb['definition']}",
         "as published": f"{fmt.pct(pb['share_pct'], 0)} of growth; GDP {fmt.pct(pb['gdp_growth_pct'])}, "
                         f"{fmt.pct(pb['growth_without_pct'])} without them",
         "ours, their method": f"{fmt.pct(ba['their method']['share_pct'])} of growth; GDP {fmt.pct(ba['their method']['gdp_growth_pct'], 2)}, "
                               f"{fmt.pct(ba['their method']['growth_without_pct'], 2)} without them (no data-center line in chained dollars)",
         "ours, BEA method": f"IT equipment and software: {fmt.pct(ba['BEA method']['share_pct'])} of growth; "
                             f"GDP without them {fmt.pct(ba['BEA method']['growth_without_pct'], 2)}"},
        {"estimate": f"{pn['source']}: {pn['window']}, {pn['definition']}",
         "as published": f"{fmt.pp(pn['gross_pp'])} gross, {fmt.pp(pn['net_of_imports_pp'])} net of computer imports",
         "ours, their method": "not reproducible: their split of AI from other IT and the import data are not in the snapshot",
         "ours, BEA method": f"{fe['window']}: IT {fmt.pp(fe['total']['ai_pp'])} gross, increment over 2010-19 IT "
                             f"{fmt.pp(fe['increment']['ai_pp'])}, net bound {fmt.pp(fe['net']['ai_pp'])} "
                             f"(GDP {fmt.pct(fe['total']['gdp_growth_pct'], 2)})"},
    ]
    return pd.DataFrame(rows).set_index("estimate")


def it_share_2025q2(rec: dict) -> tuple[float, float]:
    """IT investment's share of GDP (%) in 2025Q2: in chained 2017 dollars and in current dollars."""
    shares = rec["IT share"]
    q_h1 = pd.Timestamp("2025-04-01")
    return float(shares.loc[q_h1, "chained 2017 dollars"]), float(shares.loc[q_h1, "current dollars"])


def relative_position(value: float, a: float, b: float) -> str:
    """Where a published figure lies against two of ours: ``between``, ``below`` or ``above``."""
    return "between" if min(a, b) <= value <= max(a, b) else "below" if value < min(a, b) else "above"


def reconciliation_note(rec: dict) -> str:
    """Why the published estimates differ from each other and from ours (method, window, gross or
    net of imports), in Markdown; ``rec`` is :func:`reconciliation`'s output."""
    fu, ba, fe, dc = rec["Furman"], rec["Barron's"], rec["FEDS Note"], rec["data centers"]
    pb, pn = PUBLISHED["Barron's"], PUBLISHED["FEDS Note"]
    chained, current = it_share_2025q2(rec)
    return (
        f"**Why the numbers differ.** (1) *Method.* Subtracting chained dollars weights IT's growth by its 2017 price. IT "
        f"prices have fallen a long way relative to other prices since 2017, so IT is {fmt.pct(chained)} of GDP in 2017 dollars "
        f"but {fmt.pct(current)} at 2025Q2 prices: the subtraction counts IT's growth about {chained / current:.1f} times. That "
        f"ratio applied to BEA's {fmt.pct(fu['BEA method']['share_pct'], 0)} gives "
        f"{fmt.pct(fu['BEA method']['share_pct'] * chained / current, 0)}, close to the {fmt.pct(fu['their method']['share_pct'], 0)} "
        f"quoted for the first half of 2025, "
        f"and GDP without IT grew {fmt.pct(fu['BEA method']['growth_without_pct'], 2)}, not {fmt.pct(fu['their method']['growth_without_pct'], 2)}. "
        f"The first half of 2025 is not revised in this vintage, so the gap is neither vintage nor definition: we reproduce "
        f"the published figure exactly with the published method. (2) *Window.* In the first half of 2025 GDP was held down "
        f"by an import surge ahead of tariffs (imports subtracted {fmt.num(-rec['imports 2025Q1'], 1)} points from 2025Q1 growth), "
        f"so any steady component looks like most of growth; over the nine months to "
        f"2025Q3, on the year before, the same method gives {fmt.pct(ba['their method']['share_pct'], 0)} (Barron's "
        f"{fmt.pct(pb['share_pct'], 0)}) and BEA's method {fmt.pct(ba['BEA method']['share_pct'], 0)}. (3) *Gross or "
        f"net of imports, all IT or only AI.* The FEDS Note's {fmt.pp(pn['gross_pp'])} gross lies "
        f"{relative_position(pn['gross_pp'], fe['increment']['ai_pp'], fe['total']['ai_pp'])} our increment over ordinary IT "
        f"({fmt.pp(fe['increment']['ai_pp'])}) and all IT ({fmt.pp(fe['total']['ai_pp'])}), and its "
        f"{fmt.pp(pn['net_of_imports_pp'])} net of computer imports lies "
        f"{relative_position(pn['net_of_imports_pp'], fe['net']['ai_pp'], fe['total']['ai_pp'])} "
        f"our bound that nets out every dollar of IT hardware ({fmt.pp(fe['net']['ai_pp'])}) and the gross figure, one quarter "
        f"earlier. Data-center construction, in Barron's categories but not in ours, added {fmt.pp(dc['pp'])} over the "
        f"{dc['window']} (Census, nominal).")


def chart_it_share(rec: dict, as_of):
    """IT investment's share of GDP in chained 2017 dollars (the weights of the chained-dollar
    subtraction) and in current dollars (close to BEA's weights); the title states both in 2025Q2."""
    shares = rec["IT share"]
    chained, current = it_share_2025q2(rec)
    fig, ax = plt.subplots(figsize=(10, 4.6))
    ax.plot(shares.index, shares["chained 2017 dollars"], color="#c44e52", label="in chained 2017 dollars (weights of the subtraction)")
    ax.plot(shares.index, shares["current dollars"], color="#4c72b0", label="in current dollars (close to BEA's weights)")
    rplt.shade_recessions(ax)
    ax.set_ylabel("% of GDP")
    ax.set_title(f"IT investment is {fmt.pct(chained)} of GDP in 2017 dollars but {fmt.pct(current)} at today's prices (2025Q2)")
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, "BEA NIPA Tables 1.1.6, 5.3.6 (28 May 2026 release); FRED GDP, A679RC1Q027SBEA (30 Apr 2026 release)",
                 as_of, note=rplt.RECESSION_NOTE)
    return fig


# ---------------------------------------------------------------------------- A1
def chart_a1(spec, recession, as_of):
    """Quarterly growth of GDP and of GDP without IT investment since 2023, with IT's contribution;
    the quarters first published after the essay date are shaded.

    ``spec``: A1's baseline definitions in the latest window. ``recession``: the technical-recession
    test; its essay-window baseline gives the last quarter published by the essay date, its latest
    baseline whether two quarters ran below zero.
    """
    frame = ai_terms(spec).loc["2023":]
    published_to = pd.Period(recession.estimate(window="essay").detail["last quarter"], freq="Q").to_timestamp()
    negative = [quarter_label(d) for d in frame.index[frame["without"] < 0]]
    labels = [quarter_label(d) for d in frame.index]
    x = np.arange(len(frame))
    fig, ax = plt.subplots(figsize=(10.5, 5.2))
    ax.bar(x - 0.2, frame["gdp"], width=0.4, color="#9aa7b8", label="real GDP growth")
    ax.bar(x + 0.2, frame["without"], width=0.4, color="#c44e52", label="growth of GDP without IT investment")
    ax.plot(x, frame["ai"], "k.", ms=9, label="IT investment's contribution (pp)")
    late = x[frame.index > published_to]
    ax.axvspan(late.min() - 0.5, late.max() + 0.5, color="#e8eefc", zorder=0, label="first published after 1 Dec 2025")
    ax.axhline(0, color="0.3", lw=0.8)
    ax.set_xticks(x, [lab.replace("Q", "\nQ") for lab in labels])
    ax.set_ylabel("% (pp for the contribution), annual rate")
    running = recession.estimate().value < 0
    ax.set_title(f"Without IT investment, GDP would have shrunk in {' and '.join(negative)}: "
                 f"{'two quarters running' if running else 'never two quarters running'}")
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, "BEA NIPA Tables 1.1.6, 5.3.6 (28 May 2026 release); BEA's contribution method", as_of,
                 note="no NBER recession in this span")
    return fig


def a1_headline(recession, weak) -> str:
    """A1's headline from its two tests: the quarters GDP without IT investment fell in, at the essay
    date and today, the weakest pair today, and growth without it over the latest four quarters."""
    r1_e, r1_t = recession.estimate(window="essay"), recession.estimate()
    w_e, w_t = weak.estimate(window="essay"), weak.estimate()
    return (f"{'A' if r1_t.value < 0 else 'No'} technical recession without IT investment: on the quarters published by "
            f"1 Dec 2025 (to {r1_e.detail['last quarter']}) GDP without it fell in {' and '.join(r1_e.detail['negative quarters']) or 'no quarter'}; "
            f"today it fell in {' and '.join(r1_t.detail['negative quarters']) or 'no quarter'}, and in its weakest pair of quarters "
            f"({r1_t.detail['pair']}) the better one grew {fmt.pct(r1_t.value)}. "
            f"Growth without it over the latest four quarters: {fmt.pct(w_e.value)} at the essay date, {fmt.pct(w_t.value)} today "
            f"(GDP {fmt.pct(w_t.detail['GDP growth, same basis'])})")


# ---------------------------------------------------------------------------- A2
def skill_gaps(spec) -> pd.DataFrame:
    """Two unemployment gaps from 2010 (pp, 3-month averages): less than high school minus
    bachelor's or higher, ages 20-24 minus all; blank from 2020-03 to 2021-09 (the pandemic months
    and the months their average reaches)."""
    u = pd.DataFrame({k: load_visible(spec, sid, "monthly") for k, sid in UNEMPLOYMENT.items()})
    gaps = pd.DataFrame({"less than high school minus bachelor's or higher": u["less than high school"] - u["bachelor's or higher"],
                         "ages 20-24 minus all": u["ages 20-24"] - u["all"]}).loc["2010":]
    gaps = gaps.rolling(3).mean()
    gaps.loc["2020-03":"2021-09"] = np.nan
    return gaps


def chart_a2_skill(spec, skill, as_of):
    """The gaps of :func:`skill_gaps` around December 2022; the title states the skill test's shift."""
    gaps = skill_gaps(spec)
    fig, ax = plt.subplots(figsize=(10.5, 4.8))
    for col, color in zip(gaps.columns, ["#8172b2", "#c44e52"]):
        ax.plot(gaps.index, gaps[col], color=color, label=col)
    ax.axvline(pd.Timestamp("2022-12-01"), color="0.3", ls=":", lw=1.2, label="December 2022 (ChatGPT)")
    rplt.shade_recessions(ax)
    ax.set_ylabel("percentage points, 3-month average")
    ax.set_title(f"The least-skilled did not fall behind after 2022: the gap moved {fmt.pp(skill.estimate().value)} given the cycle")
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, "BLS Current Population Survey via FRED (LNS14027659, LNS14027662, LNS14000036, UNRATE)", as_of,
                 note="pandemic months not drawn; education series end 2024-12, age series 2025-09. " + rplt.RECESSION_NOTE)
    return fig


def chart_a2_shares(spec, share, as_of):
    """Labour and profit shares of GDP from 2015 with their 2019, 2021 and 2022 averages and the
    latest four quarters' average; the title states the income-shift test's fall in the labour share."""
    shares = income_shares(spec).loc["2015":]
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
    axes[0].set_title(f"Most of the fall in the labour share came before 2022: since then {fmt.pp(-share.estimate().value)} of GDP")
    rplt.caption(axes[1], "BEA compensation of employees (COE), corporate profits (CPROFIT), GDP via FRED", as_of,
                 note="2020-21 swings run off the scale. " + rplt.RECESSION_NOTE)
    return fig


def chart_a2_growth(spec, productivity, payrolls, as_of):
    """Growth of output per hour and of payrolls (4-quarter averages, 2020-21 not drawn) against their
    2010-2019 means; the title states both tests' changes."""
    growth = pd.DataFrame({"output per hour": quarterly_growth(spec, "output per hour"),
                           "payroll employment": quarterly_growth(spec, "payrolls")}).loc["2010":]
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
    ax.set_title(f"Since 2023 output per hour grew {fmt.pp(productivity.estimate().value)} a year faster than in 2010-19, "
                 f"payrolls {fmt.pp(payrolls.estimate().value)}")
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, "BLS productivity (OPHNFB) and payrolls (PAYEMS) via FRED; dashed: 2010-2019 means", as_of,
                 note="2020-2021 not drawn (pandemic swings). " + rplt.RECESSION_NOTE)
    return fig


def a2_headline(skill, productivity, payrolls, share) -> str:
    """A2's headline from its four legs (latest baselines; the labour share also against 2019)."""
    skill, prod, jobs, shift = skill.estimate(), productivity.estimate(), payrolls.estimate(), share.estimate()
    return (f"Given the cycle, the least-skilled's unemployment gap to college graduates moved {fmt.pp(skill.value)} after 2022-12 "
            f"({fmt.interval(skill.low, skill.high)}); output per hour grew {fmt.pp(prod.value)} a year faster than in 2010-19 "
            f"({fmt.interval(prod.low, prod.high)}) and payrolls {fmt.pp(jobs.value)} ({fmt.interval(jobs.low, jobs.high)}); "
            f"the labour share is {fmt.pp(-shift.value)} of GDP against its 2022 average ({fmt.interval(-shift.high, -shift.low)}), "
            f"{fmt.pp(-share.value('from 2019'))} against 2019")


# ---------------------------------------------------------------------------- A3
def affordability_index(spec) -> pd.DataFrame:
    """Payment / income and price / income (Case-Shiller, income extended by hourly-earnings growth)
    as indices whose 1987-2024 average is 100."""
    aff = affordability(with_params(spec, price="Case-Shiller", income="earnings growth"))
    return aff / aff.loc[:"2024"].mean() * 100.0


def chart_a3_affordability(spec, afford, as_of):
    """The indices of :func:`affordability_index` with payment / income's 1987-2024 90th percentile
    (the rule) and the months whose income is extended; the title states the test's percentile."""
    aff_idx = affordability_index(spec)
    p90 = aff_idx.loc[:"2024", "payment to income"].quantile(0.9)
    income_last = int(spec.load("MEHOINUSA646N").index.max().year)
    fig, ax = plt.subplots(figsize=(10.5, 4.8))
    ax.plot(aff_idx.index, aff_idx["payment to income"], color="#c44e52", label="payment / income")
    ax.plot(aff_idx.index, aff_idx["price to income"], color="#4c72b0", label="price / income")
    ax.axhline(p90, color="#c44e52", ls="--", lw=1, label="90th percentile of payment / income, 1987-2024")
    ax.axvspan(pd.Timestamp(f"{income_last + 1}-01-01"), aff_idx.index.max(), facecolor="none", edgecolor="#8c6d1f",
               hatch="///", lw=0, label=f"income after {income_last} extended by hourly-earnings growth")
    rplt.shade_recessions(ax)
    ax.set_ylabel("index, 1987-2024 average = 100")
    peak = aff_idx["payment to income"].idxmax()
    ax.set_title(f"Buying a home costs more than in {afford.estimate().value:.0f}% of months since 1987, below the {peak:%Y} peak")
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, "S&P Cotality Case-Shiller national index, Freddie Mac PMMS, Census median household income, BLS hourly "
                 "earnings (via FRED)", as_of, note="80% loan, 30-year fixed. " + rplt.RECESSION_NOTE)
    return fig


#: The DFA aggregates drawn for the under-40s: label in the chart, DFA column.
YOUNG_MEASURES = {"net worth": "Net worth", "equities and funds": "Corporate equities and mutual fund shares",
                  "real estate": "Real estate"}


def young_ratios(spec) -> pd.DataFrame:
    """The under-40s' share of net worth, of equities and funds and of real estate over their share
    of households (:func:`young_share_ratio`), by quarter."""
    return pd.DataFrame({label: young_share_ratio(with_params(spec, group="under 40", measure=measure))
                         for label, measure in YOUNG_MEASURES.items()})


def chart_a3_young(spec, young, widen, as_of):
    """The ratios of :func:`young_ratios` against the rule's 0.5; the title states the latest ratio
    and in how many years since 2010 the gap widened."""
    ratio = young_ratios(spec)
    w = widen.estimate()
    fig, ax = plt.subplots(figsize=(10.5, 4.6))
    for col, color in zip(ratio.columns, ["#222222", "#dd8452", "#55a868"]):
        ax.plot(ratio.index, ratio[col], color=color, label=col)
    ax.axhline(0.5, color="0.3", ls="--", lw=1, label="half their share of households (the rule)")
    rplt.shade_recessions(ax)
    ax.set_ylabel("share of wealth / share of households")
    ax.set_title(f"Under-40s hold {young.estimate().value:.2f} times their proportional net worth; the gap "
                 f"{'narrowed' if w.detail['change over the period'] > 0 else 'widened'} since 2010, widening in "
                 f"{w.detail['years it fell']} of {w.detail['years']} years")
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, "Federal Reserve Distributional Financial Accounts (through 2026Q1), households by age of head", as_of,
                 note=rplt.RECESSION_NOTE)
    return fig


def a3_headline(afford, young, widen) -> str:
    """A3's headline from its three legs (latest baselines), each beside its rule."""
    afford, young, widen = afford.estimate(), young.estimate(), widen.estimate()
    return (f"The payment on a constant-quality home is above {afford.value:.0f}% of months since 1987 "
            f"(index {afford.detail['latest, as an index (1987-2024 average = 100)']:.0f}, 1987-2024 average = 100; rule: 90%); "
            f"under-40s hold {young.value:.2f} times their household share of net worth (rule: below 0.5); their relative "
            f"wealth fell in {widen.detail['years it fell']} of {widen.detail['years']} years since 2010 (rule: 75% of years)")


# ---------------------------------------------------------------------------- A4
def power_frame(spec) -> pd.DataFrame:
    """Monthly from 2010: utility output growth (12-month, %), electric capacity utilisation (%) and
    electricity CPI minus CPI inflation (12-month, pp)."""
    return pd.DataFrame({"utility output, 12-month growth, %": np.log(spec.load("IPG2211A2N")).diff(12) * 100,
                         "electric capacity utilisation, %": spec.load("CAPUTLG2211S"),
                         "electricity CPI minus CPI, 12-month, pp": (np.log(spec.load("CUSR0000SEHF01")).diff(12)
                                                                     - np.log(spec.load("CPIAUCSL")).diff(12)) * 100}).loc["2010":]


def chart_a4_power(spec, use, price, as_of):
    """The three panels of :func:`power_frame` with their 2010-2022 and 2023-latest means; the title
    states the price test's shift and the use test's shifts in output growth and utilisation."""
    power = power_frame(spec)
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
    util = use.value("electric capacity utilisation")
    axes[0].set_title(f"After 2023 electricity prices outran CPI by {fmt.pp(price.estimate().value)} a year; output growth moved "
                      f"{fmt.pp(use.estimate().value)} and utilisation {fmt.pp(util)}")
    rplt.caption(axes[2], "Federal Reserve G.17 (IPG2211A2N, CAPUTLG2211S), BLS CPI (CUSR0000SEHF01, CPIAUCSL) via FRED", as_of,
                 note="black bars: 2010-2022 and 2023-latest means. " + rplt.RECESSION_NOTE)
    return fig


#: The baskets drawn in the theme chart (equal-weighted daily returns).
THEME_BASKETS = {"power producers (VST, CEG)": ("VST", "CEG"), "utilities (XLU)": ("XLU",), "Nvidia": ("NVDA",),
                 "S&P 500 (SPY)": ("SPY",)}


def theme_index(spec, essay_date) -> pd.DataFrame:
    """Total-return indices of :data:`THEME_BASKETS` from a year before ``essay_date``, 100 on the
    first trading day on or after it (common trading days only)."""
    px = pd.concat({t: spec.load(t) for t in ("VST", "CEG", "XLU", "NVDA", "SPY")}, axis=1, sort=True).dropna()
    ret = np.log(px).diff().loc[pd.Timestamp(essay_date) - pd.DateOffset(months=12):]
    essay_day = ret.index[ret.index.searchsorted(pd.Timestamp(essay_date))]
    idx = pd.DataFrame({k: np.exp(ret[list(v)].mean(axis=1).cumsum()) for k, v in THEME_BASKETS.items()})
    return idx / idx.loc[essay_day] * 100


def chart_a4_theme(spec, theme, essay_date, as_of):
    """The indices of :func:`theme_index`; the title states how far the power producers lead or
    trail the S&P 500 since the essay (cumulative and a year), from the theme test."""
    idx = theme_index(spec, essay_date)
    essay_day = idx.index[idx.index.searchsorted(pd.Timestamp(essay_date))]
    fig, ax = plt.subplots(figsize=(10.5, 4.8))
    for col, color in zip(idx.columns, ["#c44e52", "#dd8452", "#55a868", "#4c72b0"]):
        ax.plot(idx.index, idx[col], color=color, label=col)
    ax.axvline(essay_day, color="0.3", ls=":", lw=1.2, label="essay date (1 Dec 2025)")
    ax.xaxis.set_major_locator(mdates.MonthLocator(bymonth=(1, 4, 7, 10)))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y-%m"))
    after = theme.estimate(window="after the essay")
    ax.set_ylabel("total return, essay date = 100")
    behind = -after.detail["cumulative, %"]
    ax.set_title(f"Since the essay the power producers {'trail' if behind > 0 else 'lead'} the S&P 500 by "
                 f"{fmt.pct(abs(behind), 0)} ({fmt.num(abs(after.value), 0)}% a year)")
    rplt.legend_outside(ax, loc="right")
    rplt.caption(ax, "Yahoo Finance adjusted closes", as_of, note="equal-weighted daily returns of VST and CEG")
    return fig


def a4_headline(use, price, rent, theme) -> str:
    """A4's headline: part (a)'s three legs (the rent in the year to the essay) and part (b) since the essay."""
    use_, price_ = use.estimate(), price.estimate()
    util = use.value("electric capacity utilisation")
    rent_, theme_ = rent.estimate(window="essay"), theme.estimate(window="after the essay")
    return (f"(a) Electricity prices outran CPI by {fmt.pp(price_.value)} a year after 2023 ({fmt.interval(price_.low, price_.high)}), but "
            f"utility output growth shifted {fmt.pp(use_.value)} ({fmt.interval(use_.low, use_.high)}) and electric capacity "
            f"utilisation {fmt.pp(util)}{': capacity grew faster than use' if util < 0 else ''}; in the year to the essay "
            f"the power producers' excess return over Nvidia was {fmt.num(rent_.value, 0)}% a year ({fmt.interval(rent_.low, rent_.high, 0)}). "
            f"(b) Since the essay their excess return over the S&P 500 is {fmt.num(theme_.value, 0)}% a year "
            f"({fmt.interval(theme_.low, theme_.high, 0)}), over a window far short of the decade the forecast covers")


# ---------------------------------------------------------------------------- A5
def track_growth(spec) -> pd.DataFrame:
    """Real growth over four quarters (%) from 2015 of IT investment, other nonresidential
    investment and GDP without AI (:func:`investment_growth`, chained back to levels)."""
    inv = investment_growth(spec)
    four = pd.DataFrame({k: (chain_index((1 + inv[k] / 100) ** 0.25 - 1).pct_change(4) * 100) for k in inv.columns}).loc["2015":]
    four.columns = ["IT equipment and software", "other nonresidential investment", "GDP without AI"]
    return four


def payroll_growth(spec) -> pd.DataFrame:
    """Employment growth over 12 months (%, log) from 2015: information sector and all other payrolls."""
    pay = pd.DataFrame({"information sector": spec.load("USINFO"), "all other payrolls": spec.load("PAYEMS") - spec.load("USINFO")})
    return (np.log(pay).diff(12) * 100).loc["2015":]


def chart_a5(spec, rest, as_of):
    """:func:`track_growth` above :func:`payroll_growth` (cut at ±8%); the title states the
    traditional-track test's growth of the rest of GDP."""
    four, jobs_yoy = track_growth(spec), payroll_growth(spec)
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
    axes[0].set_title(f"IT investment outgrew the rest and information jobs shrank, but the rest of GDP grew "
                      f"{fmt.pct(rest.estimate().value)} a year")
    rplt.caption(axes[1], "BEA NIPA Tables 1.1.6, 5.3.6 and FRED nominal series (BEA's contribution method); BLS payrolls "
                 "(PAYEMS, USINFO)", as_of, note="2020-21 payroll swings cut at ±8%. " + rplt.RECESSION_NOTE)
    return fig


def a5_headline(divergence, rest, jobs) -> str:
    """A5's headline from its three legs (latest baselines; payrolls outside information as well)."""
    div, rest_, info = divergence.estimate(), rest.estimate(), jobs.estimate()
    return (f"Since 2023 IT investment grew {fmt.pp(div.value)} a year faster than other investment ({fmt.interval(div.low, div.high)}) "
            f"and information-sector jobs fell {fmt.pct(-info.value)} a year ({fmt.interval(info.low, info.high)}), but the traditional "
            f"track did not shrink: GDP without AI grew {fmt.pct(rest_.value)} a year ({fmt.interval(rest_.low, rest_.high)}) and payrolls "
            f"outside information {fmt.pct(rest.value('payrolls outside information'))}")


def clear_caches() -> None:
    """Forget the tables read so far (after the store changed)."""
    for fn in (_bea_wide, _datacenters_quarterly, _dfa):
        fn.cache_clear()
    _MEMO.clear()
