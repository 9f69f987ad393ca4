"""The verdict protocol on small claims built from real snapshot series.

Covers: the rules' outcomes, the verdict thresholds, a fact in two windows (essay date and
today), a mechanism whose variants disagree (inconclusive), a compound claim (mixed), a forecast
with an open horizon (provisional), Holm adjustment, honest as-of, verdict history, placeholders,
the parallel backends and the specification chart.
"""
from __future__ import annotations

import json
import os
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pytest

from research_lib.analysis import stats
from research_lib.analysis import transforms as tf
from research_lib.claims import protocol
from research_lib.claims.protocol import Claim, Estimate, Rule, Statistic, window_verdict
from research_lib.errors import ResearchError


# ----------------------------------------------------------------------------- test functions
def open_run(spec) -> Estimate:
    """Months in the ISM run below ``threshold`` still open at the end of the visible data."""
    pmi = spec.load("ism_manufacturing_pmi", dated_at_release=True)
    ref = pmi.copy()
    ref.index = (ref.index.to_period("M") - 1).to_timestamp()  # release month -> reference month
    runs = tf.runs_below(ref[~ref.index.duplicated(keep="last")], spec["threshold"])
    current = runs[runs["ongoing"]]
    return Estimate(int(current["length"].iloc[0]) if len(current) else 0, n=len(ref))


def mean_weekly_return(spec) -> Estimate:
    """HAC mean of weekly S&P 500 log returns (%) over the spec's sample."""
    px = spec.load("^GSPC")
    r = spec.sample(tf.log_diff(px.resample("W-WED").last()).dropna())
    res = stats.newey_west_mean(r)
    return Estimate(res["mean"], res["mean"] - 1.96 * res["se"], res["mean"] + 1.96 * res["se"], res["p_value"], res["n"])


def yield_level(spec) -> Estimate:
    """Average 10-year yield over the last 20 observations visible, after the window's start."""
    y = spec.after_start(spec.load("DGS10")).dropna()
    return Estimate(float(y.tail(20).mean()) if len(y) else None, n=len(y))


def pure(spec) -> Estimate:
    """No data: a deterministic function of the parameters (for the backend comparison)."""
    rng = np.random.default_rng(int(spec["seed"]))
    x = rng.normal(spec["mu"], 1.0, 400)
    se = x.std(ddof=1) / np.sqrt(len(x))
    return Estimate(float(x.mean()), float(x.mean() - 1.96 * se), float(x.mean() + 1.96 * se), None, len(x))


def ret_and_yield(spec) -> Estimate:
    """Uses a daily price and a daily yield: the as-of is the earlier of their ends."""
    px, y = spec.load("^GSPC"), spec.load("DGS10").loc[: "2026-03-31"]
    spec.use(y)  # the cut series is what the estimate used
    spec.inputs["DGS10"] = str(y.dropna().index.max().date())
    return Estimate(float(px.iloc[-1] / px.iloc[-250] - 1), n=len(px))


def declare_k2(claim: Claim, variants=None, rule=None):
    return claim.declare(
        "mean weekly return", statistic=Statistic("mean weekly log return", "%"),
        baseline={"start": "1990", "end": None, "pandemic": "keep"},
        variants=variants or {"2000-2009": {"start": "2000", "end": "2009"}, "from 2010": {"start": "2010"},
                              "pandemic months dropped": {"pandemic": "drop"}, "2008 only": {"start": "2008", "end": "2008"}},
        rule=rule or Rule.greater(0, meaningful=0.1), show=False)


def declare_compound_k8(notebook: str) -> Claim:
    """K8 with three parts that disagree: (a) passes, (b) fails, (c) is untestable; all run."""
    k8 = Claim("K8", notebook)
    k8.part("a").declare("run length", statistic=Statistic("months", "months"), baseline={"threshold": 55.0},
                         variants={"threshold 56": {"threshold": 56.0}}, rule=Rule.above(5), show=False).run(open_run)
    k8.part("b").declare("mean return", statistic=Statistic("mean weekly log return", "%"),
                         baseline={"start": "2007-10", "end": "2009-03", "pandemic": "keep"},
                         variants={"2008-05 to 2009-02": {"start": "2008-05", "end": "2009-02"}},
                         rule=Rule.greater(0, meaningful=0.1), show=False).run(mean_weekly_return)
    k8.part("c").untestable("The premise is a voters' reaction: needs survey data on demands for redistribution")
    return k8


# ----------------------------------------------------------------------------- rules and thresholds
@pytest.mark.parametrize("rule, est, p, expected", [
    (Rule.greater(0, meaningful=1), Estimate(2.0, 1.0, 3.0), 0.001, "pass"),
    (Rule.greater(0, meaningful=1), Estimate(0.1, -0.2, 0.4), 0.5, "fail"),        # rules out >= 1
    (Rule.greater(0, meaningful=1), Estimate(0.5, -1.0, 2.0), 0.5, "undecided"),   # covers 0 and 1
    (Rule.greater(0, meaningful=1), Estimate(-2.0, -3.0, -1.0), 0.001, "fail"),
    (Rule.less(0, meaningful=1), Estimate(-2.0, -3.0, -1.0), 0.001, "pass"),
    (Rule.within(1.0), Estimate(0.1, -0.5, 0.7), 0.7, "pass"),
    (Rule.within(1.0), Estimate(2.0, 1.5, 2.5), 0.001, "fail"),
    (Rule.within(1.0), Estimate(0.5, -0.8, 1.8), 0.4, "undecided"),
    (Rule.above(18), Estimate(26), None, "pass"),
    (Rule.above(18), Estimate(16), None, "fail"),
    (Rule.above(18), Estimate(19, 17, 21), None, "undecided"),
    (Rule.below(25), Estimate(20.8, 19.5, 22.0), None, "pass"),
    (Rule.greater(0, meaningful=1), Estimate(None), None, "undecided"),
])
def test_rule_outcomes(rule, est, p, expected):
    assert rule.outcome(est, p) == expected


def test_effect_rules_need_the_size_that_matters():
    with pytest.raises(ResearchError, match="meaningful"):
        Rule("greater", 0.0)
    assert "one-sided" in Rule.greater(0, meaningful=0.5).describe("pp")


@pytest.mark.parametrize("outcomes, verdict, agree", [
    (["pass", "pass", "pass", "pass", "pass", "fail"], "supported", 4),       # 4 of 5 = 80%
    (["pass", "pass", "pass", "pass", "fail", "fail"], "inconclusive", 3),    # 60%
    (["fail", "fail", "fail", "fail", "fail", "pass"], "not supported", 4),   # holds in 20%
    (["fail", "fail", "fail", "undecided", "undecided", "pass"], "inconclusive", 2),
    (["undecided", "pass", "pass"], "inconclusive", 0),
])
def test_window_verdict_thresholds(outcomes, verdict, agree):
    got, reason, k, n = window_verdict(outcomes)
    assert (got, k, n) == (verdict, agree, len(outcomes) - 1) and str(k) in reason


# ----------------------------------------------------------------------------- the four kinds of claim
def test_fact_in_two_windows(small_store):
    k1 = Claim("K1", "01_k_shape")
    test = k1.declare("open run below 50", statistic=Statistic("months of the run still open", "months"),
                      baseline={"threshold": 50.0},
                      variants={"threshold 49.5": {"threshold": 49.5}, "threshold 50.5": {"threshold": 50.5}},
                      rule=Rule.above(18), show=False)
    assert [w.name for w in test.windows] == ["essay", "today"]
    table = test.run(open_run)
    assert set(table.index.get_level_values("window")) == {"essay", "today"}
    rec = k1.record(headline="The run open at the essay date lasted a few months", show=False)
    windows = rec["parts"][0]["tests"][0]["windows"]
    essay, today = windows["essay"], windows["today"]
    # at the essay date only releases published by 2025-11-01 are visible (the release of 2025-10-02 is the last)
    assert essay["inputs"]["ism_manufacturing_pmi"]["last"] == "2025-10-02"
    assert today["inputs"]["ism_manufacturing_pmi"]["last"] > "2025-11-01"
    assert essay["specs"][0]["estimate"] < today["specs"][0]["estimate"]
    assert set(essay["edges"]) == {"2025-09-15", "2025-11-30"} and "hinges_on_date" in essay
    assert rec["verdict_essay"] in ("supported", "not supported", "inconclusive") and rec["verdict"]
    assert rec["essay"] == {"id": "E1", "central": "2025-11-01", "window": ["2025-09-15", "2025-11-30"]}
    on_disk = json.loads((small_store.root.parent / "reports" / "claims" / "K1.json").read_text())
    assert on_disk["protocol"] == protocol.PROTOCOL_VERSION and on_disk["verdict"] == rec["verdict"]


def test_mechanism_whose_variants_disagree_is_inconclusive(small_store):
    k2 = Claim("K2", "01_k_shape")
    declare_k2(k2).run(mean_weekly_return)
    rec = k2.record(headline="Mean weekly returns differ by sample", show=False)
    today = rec["parts"][0]["tests"][0]["windows"]["today"]
    assert [s["name"] for s in today["specs"]][0] == "baseline"
    assert today["specs"][0]["outcome"] == "pass"
    assert rec["verdict"] == "inconclusive" and rec["robustness"] == {"agree": 2, "of": 4}
    assert "only 2 of 4 variants agree" in today["reason"]
    assert rec["verdict_essay"] is None  # a mechanism is tested on history only (by default)


def test_compound_claim_with_parts_is_mixed(small_store):
    rec = declare_compound_k8("01_k_shape").record(headline="Parts disagree", show=False)
    verdicts = {p["part"]: p["verdict"]["today"] for p in rec["parts"]}
    assert verdicts == {"a": "supported", "b": "not supported", "c": "untestable"}
    assert rec["verdict"] == "mixed" and rec["combine"] == "parts"
    assert rec["parts"][2]["untestable"].startswith("The premise")


def test_forecast_with_an_open_horizon_is_provisional(small_store):
    k9 = Claim("K9", "01_k_shape")
    k9.part("a").declare("mean return", statistic=Statistic("mean weekly log return", "%"),
                         baseline={"start": "1990", "end": None, "pandemic": "keep"},
                         variants={"from 2010": {"start": "2010"}}, rule=Rule.greater(0, meaningful=0.1),
                         show=False).run(mean_weekly_return)
    test = k9.part("b").declare("10-year yield after the essay", statistic=Statistic("average 10-year yield", "%"),
                                baseline={"tail": 20}, variants={"tail 20 again": {"tail": 20}},
                                rule=Rule.below(3.0), horizon="2027-06-30", show=False)
    assert [w.name for w in test.windows] == ["after the essay"]
    test.run(yield_level)
    rec = k9.record(headline="The forecast's window is still open", show=False)
    after = rec["parts"][1]["tests"][0]["windows"]["after the essay"]
    assert after["start"] == "2025-11-02" and after["horizon"] == "2027-06-30" and after["provisional"] is True
    assert rec["provisional"] is True and rec["verdict_essay"] == "provisional"
    with pytest.raises(ResearchError, match="horizon"):
        k9.part("b").declare("no horizon", statistic=Statistic("x"), baseline={"a": 1}, variants={"b": {"a": 2}},
                             rule=Rule.above(0), show=False)


# ----------------------------------------------------------------------------- Holm, as-of, history
def test_holm_across_the_tests_of_a_claim(small_store):
    k4 = Claim("K4", "01_k_shape")
    declare_k2(k4).run(mean_weekly_return)
    k4.declare("mean return, second leg", statistic=Statistic("mean weekly log return", "%"),
               baseline={"start": "2010", "end": None, "pandemic": "keep"},
               variants={"from 2015": {"start": "2015"}}, rule=Rule.greater(0, meaningful=0.1),
               show=False).run(mean_weekly_return)
    rec = k4.record(headline="Two legs", show=False)
    holm = {h["test"]: h for h in rec["holm"]}
    p = sorted(h["p"] for h in holm.values())
    assert [h["family"] for h in holm.values()] == [2, 2]
    assert sorted(h["p_holm"] for h in holm.values()) == pytest.approx([min(1, 2 * p[0]), max(min(1, 2 * p[0]), p[1])])
    base = rec["parts"][0]["tests"][0]["windows"]["today"]["specs"][0]
    assert base["p_holm"] >= base["p"]


def test_as_of_is_the_earliest_input(small_store):
    k3 = Claim("K3", "01_k_shape")
    k3.declare("return", statistic=Statistic("one-year return", "fraction"), baseline={"x": 1},
               variants={"again": {"x": 1}}, rule=Rule.above(0), show=False).run(ret_and_yield)
    rec = k3.record(headline="As of the earlier input", show=False)
    assert rec["binding_input"] == "DGS10" and rec["data_as_of"] <= "2026-03-31"
    assert rec["inputs"]["^GSPC"]["last"] > rec["data_as_of"]
    assert rec["essay"]["id"] == "E1"


def test_verdict_history_names_method_or_data(small_store):
    path = small_store.root.parent / "reports" / "claims" / "K2.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"id": "K2", "notebook": "01_k_shape", "verdict": "mixed", "headline": "legacy",
                                "data_as_of": "2026-01-01"}))
    k2 = Claim("K2", "01_k_shape")
    declare_k2(k2).run(mean_weekly_return)
    first = k2.record(headline="Re-derived", show=False,
                      history=[{"date": "2026-06-01", "window": "today", "from": "inconclusive", "to": "mixed",
                                "reason": "method: basis switched after the results were known"}])
    assert first["history"][0]["reason"].startswith("method: basis switched")
    assert first["history"][-1] == {"date": first["history"][-1]["date"], "window": "today", "from": "mixed",
                                    "to": "inconclusive", "reason": first["history"][-1]["reason"]}
    assert "re-derived under the verdict protocol" in first["history"][-1]["reason"]

    k2 = Claim("K2", "01_k_shape")  # a stricter rule: the verdict moves, the declaration changed
    declare_k2(k2, variants={"from 2010": {"start": "2010"}}).run(mean_weekly_return)
    second = k2.record(headline="One variant", changes="one sample variant instead of four", show=False)
    assert second["verdict"] == "supported" and len(second["history"]) == len(first["history"]) + 1
    assert second["history"][-1]["reason"] == "method: the declaration changed (one sample variant instead of four)"

    saved = json.loads(path.read_text())  # same declaration, other data checksums
    saved["input_checksums"] = {"^GSPC": "0" * 64}
    saved["verdict"] = "not supported"
    path.write_text(json.dumps(saved))
    k2 = Claim("K2", "01_k_shape")
    declare_k2(k2, variants={"from 2010": {"start": "2010"}}).run(mean_weekly_return)
    third = k2.record(headline="Data moved", show=False)
    assert third["history"][-1]["reason"] == "data: inputs changed (^GSPC)"


@pytest.mark.parametrize("headline", ["", "TODO: finding", "result TBD"])
def test_placeholders_are_refused_and_nothing_is_written(small_store, headline):
    k2 = Claim("K2", "01_k_shape")
    declare_k2(k2).run(mean_weekly_return)
    with pytest.raises(ResearchError, match="headline"):
        k2.record(headline=headline, show=False)
    assert not (small_store.root.parent / "reports" / "claims" / "K2.json").exists()
    with pytest.raises(ResearchError, match="untestable"):
        Claim("K3", "01_k_shape").untestable("TODO")


def test_declarations_are_checked_and_hashed(small_store):
    k2 = Claim("K2", "01_k_shape")
    with pytest.raises(ResearchError, match="no robustness variant"):
        k2.declare("x", statistic=Statistic("s"), baseline={"a": 1}, variants={}, rule=Rule.above(0), show=False)
    with pytest.raises(ResearchError, match="does not set"):
        k2.declare("x", statistic=Statistic("s"), baseline={"a": 1}, variants={"v": {"b": 2}}, rule=Rule.above(0), show=False)
    t1 = declare_k2(k2)
    t2 = declare_k2(Claim("K2", "01_k_shape"))
    t3 = declare_k2(Claim("K2", "01_k_shape"), rule=Rule.greater(0, meaningful=0.2))
    assert t1.declaration_hash() == t2.declaration_hash() != t3.declaration_hash()
    with pytest.raises(ResearchError, match="never run"):
        k2.record(headline="nothing ran", show=False)
    with pytest.raises(ResearchError, match="has parts"):
        Claim("K8", "01_k_shape").declare("x")


# ----------------------------------------------------------------------------- scale
def _pure_claim():
    k5 = Claim("K5", "01_k_shape")
    t = k5.declare("pure", statistic=Statistic("mean"), baseline={"seed": 1, "mu": 0.2},
                   variants={f"seed {i}": {"seed": i} for i in range(2, 8)} | {"mu 0": {"mu": 0.0}},
                   rule=Rule.greater(0, meaningful=0.05), show=False)
    return k5, t


@pytest.mark.parametrize("env", [{"RESEARCH_PARALLEL": "sequential"},
                                 {"RESEARCH_PARALLEL": "loky", "RESEARCH_JOBS": "2"},
                                 {"RESEARCH_PARALLEL": "threads", "RESEARCH_JOBS": "2"}])
def test_local_backends_give_identical_results(small_store, monkeypatch, env):
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    _, t = _pure_claim()
    got = t.run(pure)
    monkeypatch.setenv("RESEARCH_PARALLEL", "sequential")
    _, ref = _pure_claim()
    pd.testing.assert_frame_equal(got, ref.run(pure))
    assert len(got) == 8


def test_a_dask_cluster_by_configuration_only(small_store, monkeypatch):
    if not os.environ.get("CI"):
        pytest.importorskip("dask.distributed", reason="the optional cluster extra: pip install -e '.[cluster]'")
    from dask.distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        monkeypatch.setenv("RESEARCH_PARALLEL", cluster.scheduler_address.replace("tcp://", "dask://"))
        _, t = _pure_claim()
        got = t.run(pure)
    monkeypatch.setenv("RESEARCH_PARALLEL", "sequential")
    _, ref = _pure_claim()
    pd.testing.assert_frame_equal(got, ref.run(pure))


def test_bad_parallel_settings_are_one_line_errors(small_store, monkeypatch):
    monkeypatch.setenv("RESEARCH_PARALLEL", "spark")
    with pytest.raises(ResearchError, match="not a backend"):
        _pure_claim()[1].run(pure)
    monkeypatch.setenv("RESEARCH_PARALLEL", "loky")
    monkeypatch.setenv("RESEARCH_JOBS", "0")
    with pytest.raises(ResearchError, match="positive whole number"):
        _pure_claim()[1].run(pure)


def test_baselines_only_for_benchmarks(small_store, monkeypatch):
    monkeypatch.setenv(protocol.VARIANTS_ENV, "baseline")
    _, t = _pure_claim()
    assert list(t.run(pure).index.get_level_values("specification")) == ["baseline"]


def test_spec_chart_from_the_record(small_store, tmp_path):
    from research_lib.analysis import plotting

    k2 = Claim("K2", "01_k_shape")
    declare_k2(k2).run(mean_weekly_return)
    fig = plotting.spec_chart(k2.record(headline="Chart", show=False))
    out = tmp_path / "spec.png"
    fig.savefig(out)
    assert out.stat().st_size > 10_000
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles[0].startswith("mean weekly return, today: inconclusive")
    assert plotting.spec_chart({"id": "K3", "verdict": "untestable", "parts": []}) is None


def pure_dict(spec) -> dict:
    """A study-module style test function: returns Estimate's fields as a dict."""
    est = pure(spec)
    return {"value": est.value, "low": est.low, "high": est.high, "n": est.n}


def test_study_functions_may_return_dicts(small_store, monkeypatch):
    monkeypatch.setenv("RESEARCH_PARALLEL", "sequential")
    _, a = _pure_claim()
    _, b = _pure_claim()
    pd.testing.assert_frame_equal(a.run(pure_dict), b.run(pure))
    with pytest.raises(ResearchError, match="unknown fields"):
        _pure_claim()[1].run(lambda spec: {"value": 1.0, "stderr": 0.1})


def test_baseline_only_runs_never_write_the_tracked_records(small_store, monkeypatch, tmp_path):
    from research_lib.claims import record as record_mod

    monkeypatch.delenv("RESEARCH_REPORTS_DIR")
    monkeypatch.setenv("RESEARCH_RUN", "1")
    monkeypatch.setenv(protocol.VARIANTS_ENV, "baseline")
    monkeypatch.setattr(record_mod, "SCRATCH", tmp_path / "scratch")
    k5, t = _pure_claim()
    t.run(pure)
    k5.record(headline="Baselines only", show=False)
    assert (tmp_path / "scratch" / "K5.json").is_file()


def test_verdict_line_without_inputs():
    line = protocol.verdict_line({"id": "K3", "verdict": "untestable", "verdict_essay": "untestable",
                                  "robustness": {"agree": 0, "of": 0}, "data_as_of": None})
    assert line == "Verdict K3: untestable today; at the essay date: untestable."


def slow(spec) -> Estimate:
    """A specification that takes a measurable time (to exercise the adaptive default)."""
    import time

    time.sleep(0.05 * spec["seed"] / spec["seed"])
    return pure(spec)


def test_the_default_fans_out_only_when_the_work_is_worth_it(small_store, monkeypatch):
    from research_lib.claims import sweep

    monkeypatch.delenv("RESEARCH_PARALLEL", raising=False)
    monkeypatch.setenv("RESEARCH_JOBS", "2")
    calls = []
    monkeypatch.setattr("joblib.Parallel.__call__", lambda self, it: calls.append(1) or [f() for f, a, k in []])
    _, t = _pure_claim()
    t.run(pure)  # cheap: stays in this process
    assert calls == []
    monkeypatch.undo()
    monkeypatch.delenv("RESEARCH_PARALLEL", raising=False)
    monkeypatch.setenv("RESEARCH_JOBS", "2")
    monkeypatch.setattr(sweep, "PARALLEL_AFTER_SECONDS", 0.01)
    _, t = _pure_claim()
    got = t.run(slow)  # worth fanning out: joblib's pool on two workers, same results
    monkeypatch.setenv("RESEARCH_PARALLEL", "sequential")
    _, ref = _pure_claim()
    pd.testing.assert_frame_equal(got, ref.run(pure))


def test_estimates_and_as_of_before_the_record(small_store):
    k3 = Claim("K3", "01_k_shape")
    t = k3.declare("return", statistic=Statistic("one-year return", "fraction"), baseline={"x": 1},
                   variants={"again": {"x": 1}}, rule=Rule.above(0), show=False)
    assert t.estimate() is None and k3.as_of() is None
    t.run(ret_and_yield)
    today = next(r.estimate for r in t.runs if r.window.name == "today" and r.spec == "baseline")
    assert t.estimate() is today and t.estimate("again", "essay") is not None
    rec = k3.record(headline="As of before the record", show=False)
    assert k3.as_of() == rec["data_as_of_label"]


def test_as_of_of_some_tests_is_their_earliest_input_in_the_latest_window():
    run = lambda window, inputs: SimpleNamespace(window=SimpleNamespace(name=window), estimate=SimpleNamespace(inputs=inputs))
    t1 = SimpleNamespace(runs=[run("today", {"A": "2026-08-21", "B": "2026-03-26"}), run("today", {"B": "2026-05-01"}),
                               run("essay", {"C": "2020-01-01"})])
    t2 = SimpleNamespace(runs=[run("today", {"A": "2026-08-20"})])
    assert protocol.as_of(t1, t2, which=True) == ("2026-05-01", "B")  # B's latest use counts, the essay window does not
    assert protocol.as_of(t1, t2) == "2026-05-01"
    monthly = SimpleNamespace(runs=[run("after the essay", {"USREC": "2026-04-01", "A": "2026-05-20"})])
    assert protocol.as_of(monthly, which=True) == ("2026-04", "USREC")  # a month counts to its end (30 April)
    assert protocol.as_of(SimpleNamespace(runs=[])) is None
