"""The verdict protocol: declared tests, windows, honest as-of dates, verdicts derived by rule.

A claim section in a notebook declares its test before any result is shown, runs the baseline and
every variant through one function, and lets the library derive the verdict::

    k2 = nb.claim("K2")                                   # kind, essay and parts from the registry
    t = k2.declare(
        "return-activity slope after 2020",               # the test's name
        statistic=Statistic("change in slope after 2020", units="pp of return per PMI point"),
        baseline={"start": "1990-01", "pandemic": "drop", "measure": "NAPM"},
        variants={"from 2008": {"start": "2008-01"}, "pandemic months kept": {"pandemic": "keep"}},
        rule=Rule.less(0, meaningful=0.3),                 # the claim: the slope fell by 0.3 or more
    )                                                      # shows the declaration table
    t.run(k_shape.slope_change)                           # fn(spec) -> Estimate, every spec and window
    k2.record(headline=...)                               # derives, writes and shows the verdict

**Windows.** A fact is tested at the essay date (data visible by the essay's central date,
first-release values where the store has them; the baseline is re-checked at both ends of the
essay's date window) and today (latest revised data). A forecast is tested only on data after the
essay date, up to a declared horizon, and is provisional while the horizon is open. A mechanism is
tested on history (today); a notebook may add the essay window. A conditional is scored only where
its premise held; otherwise its part is declared untestable.

**Outcome of one specification** (:class:`Rule`): ``pass`` (the claim holds), ``fail`` (the data
rule out the claim, including any effect large enough to matter) or ``undecided`` (the interval
covers both no effect and an effect that matters).

**Verdict of one test in one window**: ``supported`` when the baseline passes and at least 80% of
the variants pass; ``not supported`` when the baseline fails and at least 80% of the variants fail
(so the claim holds in at most 20%); ``inconclusive`` otherwise. Within a claim, p-values are
Holm-adjusted across its tests (family = the tests with a p-value in that window); each test's
variants are held to the same adjusted level as its baseline. A part's verdict combines its tests
(``all``: every leg must hold); a compound claim's verdict combines its parts (``mixed`` when
testable parts disagree).
"""
from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import json
import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from research_lib import config
from research_lib._io import utc_now
from research_lib.analysis.transforms import drop_window
from research_lib.claims import registry
from research_lib.claims.record import check_text, plain, read_record, records_dir, write_record
from research_lib.claims.sweep import run_all
from research_lib.errors import ResearchError

PROTOCOL_VERSION = 1
VARIANTS_ENV = "RESEARCH_VARIANTS"  # "baseline": run baselines only (benchmarks)
OUTCOMES = ("pass", "fail", "undecided")
MIN_VARIANTS = 1
#: Days from the end of an observation's period to its publication, by catalog frequency: the
#: approximate lags used to decide what was visible on a date when no release calendar is known.
PUBLICATION_LAG_DAYS = {"daily": 1, "weekly": 7, "monthly": 30, "quarterly": 30, "annual": 90, "irregular": 0}


# ============================================================================ rules
@dataclass(frozen=True)
class Rule:
    """How one specification's estimate decides the claim.

    kind ``greater`` / ``less``: the claim says the statistic is above / below ``threshold``; it
    passes when the estimate is on that side with a (Holm-adjusted, one-sided) p-value below
    ``alpha`` (or, without a p-value, when the whole interval is on that side); it fails when the
    interval rules out an effect of ``meaningful`` or more beyond the threshold; otherwise it is
    undecided. ``within``: the claim says there is no effect that matters; it passes when the
    interval lies inside ``threshold ± meaningful`` and fails when a significant effect at least
    that large is found. ``above`` / ``below``: a measured fact compared with a threshold (an
    interval, if given, must lie wholly on one side, else undecided).

    The estimate's p-value must test the rule's own null: H0 "statistic = threshold" (for
    ``within``: "statistic = threshold", the band's centre). With a threshold other than zero, compute
    the p-value against that threshold, not against zero.
    """

    kind: str
    threshold: float = 0.0
    meaningful: float | None = None
    alpha: float = 0.05

    def __post_init__(self):
        if self.kind not in ("greater", "less", "within", "above", "below"):
            raise ResearchError(f"rule kind {self.kind!r} is not one of greater, less, within, above, below")
        if self.kind in ("greater", "less", "within") and (self.meaningful is None or self.meaningful <= 0):
            raise ResearchError(f"a {self.kind!r} rule needs meaningful= (the smallest effect that matters, > 0): "
                                "without it 'no effect' cannot be told from 'too little power'")

    @classmethod
    def greater(cls, threshold: float = 0.0, *, meaningful: float, alpha: float = 0.05) -> Rule:
        return cls("greater", threshold, meaningful, alpha)

    @classmethod
    def less(cls, threshold: float = 0.0, *, meaningful: float, alpha: float = 0.05) -> Rule:
        return cls("less", threshold, meaningful, alpha)

    @classmethod
    def within(cls, margin: float, *, center: float = 0.0, alpha: float = 0.05) -> Rule:
        return cls("within", center, margin, alpha)

    @classmethod
    def above(cls, threshold: float) -> Rule:
        return cls("above", threshold)

    @classmethod
    def below(cls, threshold: float) -> Rule:
        return cls("below", threshold)

    @property
    def uses_p(self) -> bool:
        return self.kind in ("greater", "less", "within")

    def describe(self, units: str = "") -> str:
        """The rule in words."""
        u = f" {units}" if units else ""
        t, m, a = _num(self.threshold), _num(self.meaningful), f"{self.alpha:g}"
        if self.kind == "greater":
            return (f"passes if the estimate is above {t}{u} with p < {a} (one-sided, Holm-adjusted); fails if the "
                    f"interval rules out an effect of {m}{u} or more above {t}; otherwise undecided")
        if self.kind == "less":
            return (f"passes if the estimate is below {t}{u} with p < {a} (one-sided, Holm-adjusted); fails if the "
                    f"interval rules out an effect of {m}{u} or more below {t}; otherwise undecided")
        if self.kind == "within":
            return (f"passes if the interval lies within {t} ± {m}{u} (no effect that matters); fails if a "
                    f"significant effect (p < {a}) of {m}{u} or more is found; otherwise undecided")
        side = "above" if self.kind == "above" else "below"
        return f"passes if the value is {side} {t}{u} (an interval, if any, wholly {side}); fails otherwise"

    def outcome(self, est: Estimate, p_adjusted: float | None) -> str:
        """``pass``, ``fail`` or ``undecided`` for one estimate (``p_adjusted``: Holm-adjusted two-sided p)."""
        v, lo, hi = est.value, est.low, est.high
        if v is None or (isinstance(v, float) and not math.isfinite(v)):
            return "undecided"
        thr, m = self.threshold, self.meaningful
        if self.kind in ("above", "below"):
            sign = 1 if self.kind == "above" else -1
            if lo is not None and hi is not None:
                if sign * (min(lo, hi) if sign > 0 else max(lo, hi)) > sign * thr:
                    return "pass"
                if sign * (max(lo, hi) if sign > 0 else min(lo, hi)) <= sign * thr:
                    return "fail"
                return "undecided"
            return "pass" if sign * v > sign * thr else "fail"
        p = p_adjusted
        if self.kind in ("greater", "less"):
            sign = 1 if self.kind == "greater" else -1
            if p is not None:
                one_sided = p / 2 if sign * (v - thr) > 0 else 1 - p / 2
                significant = one_sided < self.alpha
            else:
                significant = lo is not None and hi is not None and sign * ((lo if sign > 0 else hi) - thr) > 0
            if significant:
                return "pass"
            far_end = hi if sign > 0 else lo
            if far_end is not None and sign * (far_end - thr) < m:
                return "fail"
            return "undecided"
        # within: no effect that matters
        if lo is not None and hi is not None and thr - m < lo and hi < thr + m:
            return "pass"
        significant = (p is not None and p < self.alpha) or (lo is not None and hi is not None and (lo > thr or hi < thr))
        if significant and abs(v - thr) >= m:
            return "fail"
        return "undecided"

    def to_dict(self, units: str = "") -> dict:
        return {"kind": self.kind, "threshold": self.threshold, "meaningful": self.meaningful,
                "alpha": self.alpha, "text": self.describe(units)}


def _num(x) -> str:
    return "n/a" if x is None else f"{x:g}"


@dataclass(frozen=True)
class Statistic:
    """The decision statistic: what one number per specification measures, in which units."""

    name: str
    units: str = ""
    interval: str = "95% confidence interval (HAC)"


# ============================================================================ estimates and specs
@dataclass
class Estimate:
    """One specification's result: the decision statistic with its interval, p-value and N.

    Test functions may return this object or a plain dict of its fields (study modules, which sit
    beside ``claims`` in the library's layers, return dicts). ``p`` is two-sided and tests the
    rule's null (see :class:`Rule`). ``inputs`` maps each series id to the last observation actually used
    (``YYYY-MM-DD``); when empty, the series loaded through :meth:`Spec.load` / :meth:`Spec.use`
    are used. ``detail`` keeps other numbers worth recording.
    """

    value: float | None
    low: float | None = None
    high: float | None = None
    p: float | None = None
    n: int | None = None
    inputs: dict[str, str] = field(default_factory=dict)
    detail: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Window:
    """The data a test may use: observations visible up to ``end`` (None: all), dated from ``start``."""

    name: str
    end: dt.date | None = None
    start: dt.date | None = None
    vintage: str = "latest"   # "first": first-release values where the store has them
    horizon: dt.date | None = None  # forecasts: the end of the forecast's horizon

    def to_dict(self) -> dict:
        return {"name": self.name, "start": _iso(self.start), "end": _iso(self.end), "vintage": self.vintage,
                "horizon": _iso(self.horizon)}


def _iso(d) -> str | None:
    return None if d is None else str(pd.Timestamp(d).date())


class Spec(dict):
    """One specification: the baseline's parameters with a variant's overrides, and its window.

    Standard parameters the helpers understand: ``start`` and ``end`` (sample bounds), ``pandemic``
    (``"keep"`` or ``"drop"``: the project-wide pandemic months, ``config.PANDEMIC``).
    """

    def __init__(self, name: str, params: Mapping[str, Any], window: Window):
        super().__init__(params)
        self.name, self.window = name, window
        self.inputs: dict[str, str] = {}
        self.vintages: dict[str, str] = {}

    # -- data, as visible in this window
    def load(self, series_id: str, *, dated_at_release: bool = False, **kw) -> pd.Series | pd.DataFrame:
        """``load(series_id)`` as visible in this window.

        In the essay window: the series as published on the essay date where the store holds that
        real-time vintage; else its first releases, or else the latest values, keeping only the
        observations published by the window's end (see :meth:`visible`). The vintage used is
        recorded with the input.
        """
        from research_lib.data import api

        if self.window.vintage == "first" and self.window.end is not None:
            for how, label in (({"as_of": str(self.window.end)}, f"as published on {self.window.end}"),
                               ({"vintage": "first"}, "first releases")):
                try:
                    series = api.load(series_id, **how, **kw)
                except api.VintageUnavailable:
                    continue
                self.vintages[series_id] = label
                if "as_of" in how:  # a real-time vintage holds exactly what was published by then
                    return self.use(series)
                return self.use(self.visible(series, dated_at_release=dated_at_release))
            self.vintages[series_id] = "latest values, cut at the usual publication lag"
        series = api.load(series_id, **kw)
        return self.use(self.visible(series, dated_at_release=dated_at_release))

    def visible(self, x: pd.Series | pd.DataFrame, lag_days: int | None = None,
                dated_at_release: bool = False) -> pd.Series | pd.DataFrame:
        """Observations published by the window's end.

        An observation counts as published ``lag_days`` after the end of its period (default: the
        catalog frequency's usual lag, :data:`PUBLICATION_LAG_DAYS`); ``dated_at_release=True`` is
        for files dated by release day (e.g. first releases of the ISM index), whose dates are the
        publication dates. The window's start is not applied here (a forecast needs the level at the
        essay date): see :meth:`after_start`.
        """
        out = x
        if self.window.end is None or not len(out):
            return out
        if dated_at_release:
            published = out.index
        else:
            freq = _frequency(x)
            lag = PUBLICATION_LAG_DAYS.get(freq, 0) if lag_days is None else lag_days
            published = _period_end(out.index, freq) + pd.Timedelta(days=lag)
        kept = out[published <= pd.Timestamp(self.window.end)]
        kept.attrs = dict(x.attrs)
        return kept

    def use(self, x: pd.Series | pd.DataFrame, series_id: str | None = None):
        """Note ``x``'s last observation as an input of this specification; returns ``x``."""
        sid = series_id or x.attrs.get("id") or getattr(x, "name", None)
        valid = x.dropna(how="all") if isinstance(x, pd.DataFrame) else x.dropna()
        if sid and len(valid):
            last = str(pd.Timestamp(valid.index.max()).date())
            self.inputs[str(sid)] = max(self.inputs.get(str(sid), last), last)
        return x

    def after_start(self, x: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
        """Observations dated on or after the window's start (a forecast's data after the essay)."""
        return x if self.window.start is None else x.loc[pd.Timestamp(self.window.start):]

    def sample(self, x: pd.Series | pd.DataFrame) -> pd.Series | pd.DataFrame:
        """``x`` cut to the spec's ``start``/``end`` and, with ``pandemic="drop"``, without the pandemic months."""
        out = x.loc[self.get("start"):self.get("end")]
        if self.get("pandemic") == "drop":
            out = drop_window(out, config.PANDEMIC)
        return out


def _frequency(x) -> str:
    freq = x.attrs.get("frequency") if hasattr(x, "attrs") else None
    if freq:
        return freq
    if len(x.index) > 2 and isinstance(x.index, pd.DatetimeIndex):
        days = pd.Series(x.index).diff().dt.days.median()
        return "daily" if days < 5 else "weekly" if days < 20 else "monthly" if days < 45 else "quarterly" if days < 120 else "annual"
    return "irregular"


def _period_end(index: pd.DatetimeIndex, freq: str) -> pd.DatetimeIndex:
    if freq == "monthly":
        return index + pd.offsets.MonthEnd(0)
    if freq == "quarterly":
        return index + pd.offsets.QuarterEnd(0)
    if freq == "annual":
        return index + pd.offsets.YearEnd(0)
    return index


def as_of(*tests: Test, which: bool = False):
    """The as-of label of the data ``tests`` used in the latest window: each input's last period,
    the earliest of them (what a record built from these tests carries). ``which=True`` returns
    ``(label, input id)``, naming the input that sets it; None when nothing has run."""
    ends: dict[str, str] = {}
    for t in tests:
        for r in t.runs:
            if _is_today(r.window.name):
                for sid, last in r.estimate.inputs.items():
                    ends[sid] = max(ends.get(sid, last), last)
    if not ends:
        return (None, None) if which else None
    sid, info = min(((sid, _input_info(sid, last, Window("today"))) for sid, last in ends.items()),
                    key=lambda kv: kv[1]["end"])
    return (info["label"], sid) if which else info["label"]


# ============================================================================ a declared test
@dataclass
class _Run:
    window: Window
    spec: str
    params: dict
    estimate: Estimate
    vintages: dict = field(default_factory=dict)


class Test:
    """A declared test of a claim (or part): baseline, variants, statistic, rule and windows."""

    def __init__(self, claim: Claim, part: str | None, name: str, statistic: Statistic, baseline: dict,
                 variants: dict[str, dict], rule: Rule, windows: list[Window], meaningful_note: str = ""):
        if not variants or len(variants) < MIN_VARIANTS:
            raise ResearchError(f"{claim.id}: test {name!r} declares no robustness variant: declare at least one")
        unknown = {k for v in variants.values() for k in v} - set(baseline)
        if unknown:
            raise ResearchError(f"{claim.id}: variants of {name!r} change {', '.join(sorted(unknown))}, "
                                "which the baseline does not set: add them to the baseline")
        self.claim, self.part, self.name = claim, part, name
        self.statistic, self.baseline, self.variants, self.rule = statistic, dict(baseline), dict(variants), rule
        self.windows, self.meaningful_note = windows, meaningful_note
        self.runs: list[_Run] = []
        self.edges: dict[str, str] = {}

    # -- declaration
    def declaration(self) -> dict:
        return {"test": self.name, "part": self.part, "statistic": dataclasses.asdict(self.statistic),
                "baseline": plain(self.baseline), "variants": plain(self.variants),
                "rule": self.rule.to_dict(self.statistic.units), "meaningful_note": self.meaningful_note,
                "windows": [w.to_dict() for w in self.windows]}

    def declaration_hash(self) -> str:
        text = json.dumps(self.declaration(), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def declaration_table(self) -> pd.DataFrame:
        """The declared specifications: what each changes against the baseline."""
        rows = [{"specification": "baseline", "settings": _settings(self.baseline)}]
        rows += [{"specification": name, "settings": _settings(change)} for name, change in self.variants.items()]
        return pd.DataFrame(rows).set_index("specification")

    def specs(self, window: Window) -> list[Spec]:
        names = [("baseline", {})] + list(self.variants.items())
        if os.environ.get(VARIANTS_ENV, "").strip().lower() == "baseline":
            names = names[:1]
        return [Spec(n, {**self.baseline, **change}, window) for n, change in names]

    # -- running
    def run(self, fn: Callable[[Spec], Estimate]) -> pd.DataFrame:
        """Run ``fn`` on the baseline and every variant in every window; return the raw results."""
        tasks = [s for w in self.windows for s in self.specs(w)]
        edge_specs = []
        if any(w.name == "essay" for w in self.windows):
            essay = self.claim.essay
            for when in essay.window:
                w = Window(f"essay window {when}", end=when, vintage="first")
                edge_specs.append(Spec("baseline", dict(self.baseline), w))
        results = run_all(_call(fn), tasks + edge_specs)
        self.runs = []
        for spec, (est, used, vintages) in zip(tasks, results[: len(tasks)]):
            run = _Run(spec.window, spec.name, dict(spec), _with_inputs(est, used, self.claim.id, self.name))
            run.vintages = vintages
            self.runs.append(run)
        self._edge_estimates = {str(s.window.end): _with_inputs(e, u, self.claim.id, self.name)
                                for s, (e, u, _) in zip(edge_specs, results[len(tasks):])}
        return self.results()

    def estimate(self, spec: str = "baseline", window: str | None = None) -> Estimate | None:
        """One specification's estimate (default: the baseline in the latest window: today, or after
        the essay for a forecast); None when it did not run (e.g. a baselines-only run)."""
        names = [w.name for w in self.windows]
        window = window or next((n for n in names if _is_today(n)), names[-1])
        return next((r.estimate for r in self.runs if r.window.name == window and r.spec == spec), None)

    def value(self, spec: str = "baseline", window: str | None = None) -> float:
        """The estimate's value for one specification (NaN when it did not run)."""
        est = self.estimate(spec, window)
        return float("nan") if est is None or est.value is None else float(est.value)

    def results(self, p_adjusted: dict | None = None) -> pd.DataFrame:
        """One row per window and specification: estimate, interval, p, N (and outcome once recorded)."""
        rows = []
        for r in self.runs:
            e = r.estimate
            row = {"window": r.window.name, "specification": r.spec, self.statistic.name: e.value,
                   "interval low": e.low, "interval high": e.high, "p": e.p, "N": e.n}
            if p_adjusted is not None:
                p_adj = p_adjusted.get((r.window.name, r.spec))
                row["p (Holm)"] = p_adj
                row["outcome"] = self.rule.outcome(e, p_adj)
            rows.append(row)
        return pd.DataFrame(rows).set_index(["window", "specification"])


def _settings(change: Mapping) -> str:
    return "; ".join(f"{k}: {v}" for k, v in change.items()) or "as declared"


class _call:
    """Picklable wrapper: run ``fn(spec)`` and return the estimate with the inputs the spec saw."""

    def __init__(self, fn):
        self.fn = fn

    def __call__(self, spec: Spec):
        est = self.fn(spec)
        return est, dict(spec.inputs), dict(spec.vintages)


def _with_inputs(est, used: dict, cid: str, test: str) -> Estimate:
    if isinstance(est, Mapping):  # study modules return plain dicts of Estimate's fields
        unknown = set(est) - {f.name for f in dataclasses.fields(Estimate)}
        if unknown:
            raise ResearchError(f"{cid}: test {test!r} returned unknown fields {', '.join(sorted(unknown))}")
        est = Estimate(**est)
    if not isinstance(est, Estimate):
        raise ResearchError(f"{cid}: the function of test {test!r} returned {type(est).__name__}, not an Estimate or a dict")
    if not est.inputs:
        est.inputs = dict(used)
    return est


# ============================================================================ claims and parts
class Part:
    """A part of a compound claim (or the whole of a simple claim)."""

    def __init__(self, claim: Claim, name: str | None, kind: str, text: str):
        self.claim, self.name, self.kind, self.text = claim, name, kind, text
        self.tests: list[Test] = []
        self.untestable_reason: str | None = None

    def windows(self, horizon=None, essay: bool | None = None) -> list[Window]:
        """The windows this kind of claim is tested in (see the module docstring)."""
        central = self.claim.essay.central
        kinds = {k.strip() for k in self.kind.split(",")}
        if "forecast" in kinds:
            if horizon is None:
                raise ResearchError(f"{self.claim.id}{self.name or ''} is a forecast: declare its horizon (horizon='YYYY-MM-DD')")
            return [Window("after the essay", start=central + dt.timedelta(days=1), horizon=pd.Timestamp(horizon).date())]
        out = []
        if "fact" in kinds or essay:
            out.append(Window("essay", end=central, vintage="first"))
        out.append(Window("today"))
        return out

    def declare(self, name: str, *, statistic: Statistic, baseline: dict, variants: dict[str, dict], rule: Rule,
                meaningful: str = "", horizon=None, essay_window: bool | None = None, show: bool = True) -> Test:
        """Declare a test of this part (shown as a table before any result)."""
        if self.untestable_reason:
            raise ResearchError(f"{self.claim.id}{self.name or ''} was declared untestable; it cannot also have a test")
        test = Test(self.claim, self.name, name, statistic, baseline, variants, rule,
                    self.windows(horizon, essay_window), meaningful)
        self.tests.append(test)
        if show:
            _show_declaration(test)
        return test

    def untestable(self, reason: str) -> None:
        """Declare the part untestable, naming the data that would decide it."""
        self.untestable_reason = check_text(self.claim.id, "reason it is untestable", reason)


class Claim:
    """One claim under the protocol: its parts, their tests, and the record it writes."""

    def __init__(self, claim_id: str, notebook: str, combine: str = "all"):
        self.info = registry.claim(claim_id)
        self.id, self.notebook = claim_id, notebook
        if combine not in ("all", "parts"):
            raise ResearchError(f"{claim_id}: combine={combine!r} is not 'all' or 'parts'")
        self.combine = combine
        if self.info.parts:
            self.parts = {p.part: Part(self, p.part, p.kind, p.text) for p in self.info.parts}
        else:
            self.parts = {None: Part(self, None, ", ".join(self.info.kinds), self.info.text)}
        self.record_: dict | None = None

    @property
    def essay(self) -> registry.Essay:
        return self.info.essay

    def part(self, name: str) -> Part:
        self.info.part(name)
        return self.parts[name]

    def declare(self, name: str, **kw) -> Test:
        """Declare a test of a claim that has no parts (see :meth:`Part.declare`)."""
        if None not in self.parts:
            raise ResearchError(f"{self.id} has parts ({', '.join(self.parts)}): declare tests on claim.part('a')")
        return self.parts[None].declare(name, **kw)

    def untestable(self, reason: str) -> None:
        """Declare the whole claim untestable, naming the data that would decide it."""
        for p in self.parts.values():
            p.untestable(reason)

    def as_of(self, which: bool = False):
        """The as-of label the claim's record will carry, for chart captions drawn before the record
        is written; see :func:`as_of`."""
        return as_of(*(t for p in self.parts.values() for t in p.tests), which=which)

    # -- verdicts
    def evaluate(self) -> dict:
        """Holm-adjust, score every specification and derive the verdicts; returns the parts' summaries."""
        tests = [t for p in self.parts.values() for t in p.tests]
        for t in tests:
            if not t.runs:
                raise ResearchError(f"{self.id}: test {t.name!r} was declared but never run: call .run(fn)")
        adjusted, holm_table = _holm(tests)
        parts = []
        for p in self.parts.values():
            parts.append(_part_summary(p, adjusted))
        return {"parts": parts, "holm": holm_table}

    def record(self, *, headline: str, evidence: dict | None = None, changes: str = "",
               history: list[dict] | None = None, show: bool = True) -> dict:
        """Derive the verdicts, write the record (with verdict history) and show the verdict.

        ``changes``: one line saying how the method changed, when it did (kept in the history).
        ``history``: earlier verdicts known from before the record kept a history.
        """
        headline = check_text(self.id, "headline", headline)
        summary = self.evaluate()
        parts = summary["parts"]
        today = _combine([p["verdict"]["today"] for p in parts], self.combine if None in self.parts else "parts")
        essay_v = [p["verdict"]["essay"] for p in parts]
        provisional = any(p["provisional"] for p in parts)
        essay = _combine([v for v in essay_v if v not in (None, "provisional")], self.combine if None in self.parts else "parts") \
            if any(v not in (None, "provisional") for v in essay_v) else ("provisional" if provisional else None)
        inputs = _merge_inputs([t for p in parts for t in p["tests"]], "today")
        binding = min(inputs.items(), key=lambda kv: kv[1]["end"]) if inputs else None
        agree = sum(t["windows"][w]["agree"] for p in parts for t in p["tests"] for w in t["windows"] if _is_today(w))
        of = sum(t["windows"][w]["of"] for p in parts for t in p["tests"] for w in t["windows"] if _is_today(w))
        declaration = hashlib.sha256(json.dumps([t["declaration_hash"] for p in parts for t in p["tests"]]).encode()).hexdigest()[:16]
        checksums = _checksums(inputs)
        record = {
            "id": self.id, "notebook": self.notebook, "protocol": PROTOCOL_VERSION, "anchor": self.id,
            "claim": self.info.text, "kind": self.info.kind,
            "essay": {"id": self.essay.id, "central": str(self.essay.central),
                      "window": [str(d) for d in self.essay.window]},
            "verdict": today, "verdict_essay": essay, "provisional": provisional,
            "robustness": {"agree": agree, "of": of},
            "headline": headline,
            "data_as_of": binding[1]["end"] if binding else None,
            "data_as_of_label": binding[1]["label"] if binding else None,
            "binding_input": binding[0] if binding else None,
            "inputs": inputs, "input_checksums": checksums,
            "combine": self.combine if None in self.parts else "parts",
            "parts": parts, "holm": summary["holm"],
            "declaration_hash": declaration,
            "evidence": plain(evidence or {}),
            "tests": _compat_tests(parts),
            "generated_at": utc_now(),
        }
        if record["data_as_of"] is None:
            record["data_as_of"] = ""
        record["history"] = _history(self.id, record, changes, history or [])
        write_record(record)
        self.record_ = record
        if show:
            show_verdict(record)
        return record


def _is_today(window_name: str) -> bool:
    return window_name in ("today", "after the essay")


def _holm(tests: list[Test]) -> tuple[dict, list[dict]]:
    """Holm step-down over the tests' baseline p-values, per window; variants share their test's level."""
    from research_lib.analysis.stats import holm

    adjusted: dict[int, dict] = {id(t): {} for t in tests}
    table = []
    windows = sorted({r.window.name for t in tests for r in t.runs})
    for w in windows:
        base = {t.name: next((r.estimate.p for r in t.runs if r.window.name == w and r.spec == "baseline"), None)
                for t in tests if t.rule.uses_p}
        base = {k: v for k, v in base.items() if v is not None}
        adj = holm(base)
        m = len(base)
        order = sorted(base, key=lambda k: base[k])
        factor = {name: m - order.index(name) for name in order}
        for t in tests:
            for r in t.runs:
                if r.window.name != w:
                    continue
                p = r.estimate.p
                if not t.rule.uses_p or p is None:
                    adjusted[id(t)][(w, r.spec)] = p
                elif r.spec == "baseline":
                    adjusted[id(t)][(w, r.spec)] = adj[t.name]
                else:
                    adjusted[id(t)][(w, r.spec)] = min(1.0, p * factor.get(t.name, 1))
        for name in order:
            table.append({"window": w, "test": name, "p": base[name], "p_holm": adj[name], "family": m})
    return adjusted, table


def _spec_rows(t: Test, window: str, adjusted: dict) -> list[dict]:
    rows = []
    for r in t.runs:
        if r.window.name != window:
            continue
        e = r.estimate
        p_adj = adjusted[id(t)].get((window, r.spec))
        rows.append({"name": r.spec, "params": plain(r.params), "estimate": e.value, "low": e.low, "high": e.high,
                     "p": e.p, "p_holm": p_adj, "n": e.n, "outcome": t.rule.outcome(e, p_adj),
                     "inputs": dict(e.inputs), "vintages": dict(r.vintages), "detail": plain(e.detail)})
    return rows


def window_verdict(outcomes: list[str]) -> tuple[str, str, int, int]:
    """(verdict, reason, agreeing variants, variants) from the baseline's and variants' outcomes."""
    base, variants = outcomes[0], outcomes[1:]
    n = len(variants)
    agree = sum(o == base for o in variants)
    share = agree / n if n else 1.0
    if base == "undecided":
        return "inconclusive", f"the baseline cannot decide (its interval covers no effect and an effect that matters); {agree} of {n} variants agree", agree, n
    if base == "pass" and share >= registry.SUPPORT_SHARE:
        return "supported", f"the baseline passes and {agree} of {n} variants agree", agree, n
    if base == "fail" and share >= 1 - registry.REJECT_SHARE:
        return "not supported", f"the baseline fails and {agree} of {n} variants agree", agree, n
    return ("inconclusive", f"the baseline {'passes' if base == 'pass' else 'fails'} but only {agree} of {n} variants agree "
            f"({share:.0%}, below {registry.SUPPORT_SHARE:.0%})", agree, n)


def _window_summary(t: Test, w: Window, adjusted: dict) -> dict:
    rows = _spec_rows(t, w.name, adjusted)
    verdict, reason, agree, n = window_verdict([r["outcome"] for r in rows])
    inputs, vintages = {}, {}
    for r in rows:
        for sid, last in r["inputs"].items():
            inputs[sid] = max(inputs.get(sid, last), last)
        vintages.update(r.get("vintages", {}))
    out = {**w.to_dict(), "verdict": verdict, "reason": reason, "agree": agree, "of": n, "specs": rows,
           "inputs": {sid: _input_info(sid, last, w, vintages.get(sid)) for sid, last in sorted(inputs.items())}}
    ends = [v["end"] for v in out["inputs"].values()]
    out["data_as_of"] = min(ends) if ends else None
    out["data_as_of_label"] = min(out["inputs"].values(), key=lambda v: v["end"])["label"] if ends else None
    if w.horizon is not None:
        out["provisional"] = bool(out["data_as_of"] is None or out["data_as_of"] < str(w.horizon))
    if w.name == "essay":
        out["edges"] = {}
        for when, est in getattr(t, "_edge_estimates", {}).items():
            p = est.p
            out["edges"][when] = t.rule.outcome(est, p if p is None else min(1.0, p * _factor(adjusted, t, w.name, est.p)))
        base = rows[0]["outcome"] if rows else None
        out["hinges_on_date"] = any(o != base for o in out["edges"].values())
    return out


def _factor(adjusted: dict, t: Test, window: str, p: float | None) -> float:
    """The Holm multiplier applied to the test's baseline in ``window`` (1 when unadjusted)."""
    base = next((r.estimate.p for r in t.runs if r.window.name == window and r.spec == "baseline"), None)
    adj = adjusted[id(t)].get((window, "baseline"))
    if not base or adj is None:
        return 1.0
    return max(1.0, adj / base)


def _input_info(sid: str, last: str, w: Window, vintage: str | None = None) -> dict:
    from research_lib.data.catalog import catalog

    freq = catalog().get(sid).frequency if sid in catalog() else "daily"
    ts = pd.Timestamp(last)
    end = _period_end(pd.DatetimeIndex([ts]), freq)[0]
    label = (f"{ts.year}Q{ts.quarter}" if freq == "quarterly" else f"{ts:%Y-%m}" if freq == "monthly"
             else f"{ts.year}" if freq == "annual" else f"{ts:%Y-%m-%d}")
    vintage = vintage or ("latest values" if w.vintage == "latest" else "latest values, cut at the usual publication lag")
    return {"last": last, "end": str(end.date()), "label": label, "frequency": freq, "vintage": vintage}


def _part_summary(p: Part, adjusted: dict) -> dict:
    out = {"part": p.name, "kind": p.kind, "text": p.text, "untestable": p.untestable_reason, "tests": [],
           "provisional": False}
    if p.untestable_reason:
        out["verdict"] = {"today": "untestable", "essay": "untestable" if "fact" in p.kind else None}
        return out
    if not p.tests:
        raise ResearchError(f"{p.claim.id}{p.name or ''}: no test declared and not declared untestable")
    for t in p.tests:
        windows = {w.name: _window_summary(t, w, adjusted) for w in t.windows}
        out["tests"].append({"name": t.name, "statistic": dataclasses.asdict(t.statistic),
                             "rule": t.rule.to_dict(t.statistic.units), "meaningful_note": t.meaningful_note,
                             "declaration": {"baseline": plain(t.baseline), "variants": plain(t.variants)},
                             "declaration_hash": t.declaration_hash(), "windows": windows})
    today = [next(w["verdict"] for n, w in t["windows"].items() if _is_today(n)) for t in out["tests"]]
    essay = [t["windows"]["essay"]["verdict"] for t in out["tests"] if "essay" in t["windows"]]
    out["provisional"] = any(w.get("provisional") for t in out["tests"] for w in t["windows"].values())
    out["verdict"] = {"today": _combine(today, "all"),
                      "essay": _combine(essay, "all") if essay else ("provisional" if out["provisional"] else None)}
    return out


def _combine(verdicts: list[str], how: str) -> str:
    """A part's verdict from its tests (``all``) or a claim's from its parts (``parts``)."""
    testable = [v for v in verdicts if v != "untestable"]
    if not testable:
        return "untestable"
    if how == "all":
        if "not supported" in testable:
            return "not supported"
        if "inconclusive" in testable or "mixed" in testable:
            return "inconclusive" if "mixed" not in testable else "mixed"
        return "supported"
    return testable[0] if len(set(testable)) == 1 else "mixed"


def _merge_inputs(tests: list[dict], which: str) -> dict:
    out: dict[str, dict] = {}
    for t in tests:
        for name, w in t["windows"].items():
            if not _is_today(name):
                continue
            for sid, info in w["inputs"].items():
                if sid not in out or info["last"] > out[sid]["last"]:
                    out[sid] = info
    return dict(sorted(out.items()))


def _checksums(inputs: dict) -> dict:
    from research_lib.data.store import default_store

    out = {}
    for sid in inputs:
        try:
            meta = default_store().entry(sid)
        except ResearchError:
            meta = None
        if meta:
            out[sid] = meta.get("sha256")
    return out


def _compat_tests(parts: list[dict]) -> list[dict]:
    """The baseline of every test in the today window, in the record's short ``tests`` list."""
    out = []
    for p in parts:
        for t in p["tests"]:
            for name, w in t["windows"].items():
                if _is_today(name) and w["specs"]:
                    b = w["specs"][0]
                    out.append({"name": f"{p['part'] + ': ' if p['part'] else ''}{t['name']}", "statistic": b["estimate"],
                                "p_value": b["p_holm"] if b["p_holm"] is not None else b["p"], "n": b["n"]})
    return out


def _previous(cid: str) -> dict | None:
    """The record this one replaces: the target file, else the tracked one."""
    for folder in (records_dir(), config.reports_dir() / "claims"):
        path = folder / f"{cid}.json"
        if path.is_file():
            try:
                return read_record(path)
            except ResearchError:
                return None
    return None


def _history(cid: str, record: dict, changes: str, known: list[dict]) -> list[dict]:
    """The record's verdict history: the previous record's, the known earlier verdicts, and a new
    entry when a verdict changed (naming whether data or method changed)."""
    prev = _previous(cid)
    history = list(prev.get("history", [])) if prev else []
    for entry in known:
        entry = {k: entry[k] for k in ("date", "window", "from", "to", "reason") if k in entry}
        check_text(cid, "history reason", entry.get("reason", ""))
        if entry not in history:
            history.append(entry)
    if prev is None:
        return history
    method = prev.get("declaration_hash") != record["declaration_hash"]
    data = prev.get("input_checksums") != record["input_checksums"]
    if not prev.get("protocol"):
        why = "method: re-derived under the verdict protocol (declared baseline, variants and rule)"
    elif method:
        why = "method: the declaration changed" + (f" ({check_text(cid, 'changes', changes)})" if changes else "")
    elif data:
        changed = sorted(k for k in set(prev.get("input_checksums", {})) | set(record["input_checksums"])
                         if prev.get("input_checksums", {}).get(k) != record["input_checksums"].get(k))
        why = "data: inputs changed (" + ", ".join(changed[:6]) + (" ..." if len(changed) > 6 else "") + ")"
    else:
        why = "method: code changed with the same declaration and data" + (f" ({changes})" if changes else "")
    for window, key in (("today", "verdict"), ("essay", "verdict_essay")):
        before, after = prev.get(key), record.get(key)
        if before is not None and after is not None and before != after:
            history.append({"date": str(dt.date.today()), "window": window, "from": before, "to": after, "reason": why})
    return history


# ============================================================================ display
def _display(obj) -> None:
    try:
        from IPython import get_ipython
        from IPython.display import display
    except ImportError:
        return
    if get_ipython() is not None:
        display(obj)


def _show_declaration(t: Test) -> None:
    import html as h

    from IPython.display import HTML

    rule = h.escape(t.rule.describe(t.statistic.units))
    windows = ", ".join(h.escape(w.name + (f" (to {w.end})" if w.end else "") + (f" (horizon {w.horizon})" if w.horizon else ""))
                        for w in t.windows)
    table = t.declaration_table().to_html(escape=True)
    note = f"<br><b>Size that matters:</b> {h.escape(t.meaningful_note)}" if t.meaningful_note else ""
    _display(HTML(f"<p><b>Declared test{' of part ' + h.escape(t.part) if t.part else ''}: {h.escape(t.name)}</b><br>"
                  f"<b>Statistic:</b> {h.escape(t.statistic.name)}{' (' + h.escape(t.statistic.units) + ')' if t.statistic.units else ''}"
                  f"<br><b>Rule:</b> {rule}{note}<br><b>Windows:</b> {windows}</p>{table}"))


def verdict_line(record: dict) -> str:
    """``Verdict K2: inconclusive today (3 of 7 variants agree); at the essay date: ...``"""
    essay = record.get("verdict_essay")
    at_essay = f"; at the essay date: {essay}" if essay else ""
    rob = record.get("robustness") or {}
    agree = f" ({rob['agree']} of {rob['of']} variants agree)" if rob.get("of") else ""
    prov = " (provisional: the forecast's horizon is still open)" if record.get("provisional") else ""
    as_of = record.get("data_as_of_label") or record.get("data_as_of")
    return f"Verdict {record['id']}: {record['verdict']} today{agree}{at_essay}{prov}." + (f" Data as of {as_of}." if as_of else "")


def essay_window_note(record: dict) -> str | None:
    """Whether a test's outcome at the essay date changes at the ends of the essay's date window."""
    essay_tests = [(p, t, t["windows"]["essay"]) for p in record.get("parts", []) for t in p.get("tests", [])
                   if "essay" in t.get("windows", {})]
    if not essay_tests:
        return None
    start, end = record["essay"]["window"]
    moved = [f"{t['name']} ({', '.join(f'{day}: {o}' for day, o in w['edges'].items())}; "
             f"{record['essay']['central']}: {w['specs'][0]['outcome'] if w['specs'] else 'n/a'})"
             for _, t, w in essay_tests if w.get("hinges_on_date")]
    if not moved:
        return (f"At both ends of the essay's date window ({start} and {end}) every test has the outcome it has on "
                f"{record['essay']['central']}: the verdict at the essay date does not hinge on the date.")
    return ("Inside the essay's date window the outcome of " + "; ".join(moved) + " changes with the date; the "
            "verdict at the essay date is taken at the central date.")


def show_verdict(record: dict) -> None:
    """The verdict line, the headline, whether the essay-date verdict hinges on the date, and the
    specification chart."""
    from IPython.display import Markdown

    _display(Markdown(f"**{verdict_line(record)}** {record['headline']}"))
    note = essay_window_note(record)
    if note:
        _display(Markdown(note))
    from research_lib.analysis import plotting

    fig = plotting.spec_chart(record)
    if fig is not None:
        _display(fig)
