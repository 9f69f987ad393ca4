"""The generated pages of the site, as MyST markdown: the home page, the claims index and one page
per claim (``claims/<ID>.md``, published as ``claims/<ID>.html``).

All text taken from records, the registry or the catalog goes through
:mod:`research_lib.publish.site.safe` (escaped for MyST, or for HTML inside the few raw HTML
blocks that need CSS classes: the scorecard and the verdict badges).
"""
from __future__ import annotations

import json
import re

from research_lib.analysis import fmt
from research_lib.claims.record import robustness_text
from research_lib.claims.registry import NOT_TESTED, essays
from research_lib.publish import scorecard
from research_lib.publish.site.safe import html_attr, html_text, md_text, verdict_class

TITLE = "Macro-markets research lab"
ABOUT = (
    "A set of widely shared macro essays (late 2025 to early 2026) argue that US markets have decoupled from "
    "the real economy, that AI capital spending alone keeps GDP growing, that AI capex drains liquidity like "
    "\"reverse QE\" with bitcoin as its most sensitive probe, and that flows move prices more than fundamentals. "
    "This lab turns every claim in them into a falsifiable test on public data (FRED, Yahoo Finance, BEA, Census, "
    "the Fed's Distributional Financial Accounts, ISM): a chart, a regression with robust standard errors, and a "
    "verdict computed from the numbers by a rule declared before the result, never typed in."
)
OUTCOME_WORDS = {"pass": "holds", "fail": "does not hold", "undecided": "cannot decide"}
SAFE_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,40}$")


def claim_href(claim_id: str) -> str | None:
    """``claims/<ID>.html`` for an id that is a safe file name, else None."""
    return f"claims/{claim_id}.html" if SAFE_ID.match(str(claim_id)) else None


def badge(verdict, label: str | None = None) -> str:
    """A verdict as an HTML badge: fixed class from the verdict, escaped text."""
    return f'<span class="verdict {verdict_class(verdict)}">{html_text(label or verdict)}</span>'


def _essay_verdict(row: dict) -> str:
    value = row.get("verdict_essay") or ""
    if not value or value == "n/a":
        return '<span class="verdict verdict-none">n/a</span>'
    return badge(value)


def scorecard_html(rows: list[dict], prefix: str = "") -> str:
    """The scorecard as an HTML table whose rows turn into cards on a phone (CSS), every claim linked."""
    head = ("Claim", "Statement", "Kind", "Verdict today", "At the essay date", "Robustness", "Data as of",
            "Headline evidence")
    lines = ['<div class="scorecard-wrap">', '<table class="scorecard">',
             "<thead><tr>" + "".join(f'<th scope="col">{h}</th>' for h in head) + "</tr></thead>", "<tbody>"]
    for r in rows:
        href = claim_href(r["id"])
        cid = html_text(r["id"])
        link = f'<a class="claim-link" href="{prefix}{href}">{cid}</a>' if href else cid
        tested = r["verdict"] != NOT_TESTED
        rob = robustness_text(r["_record"]) if tested else ""
        today = badge(r["verdict"]) + (' <span class="muted">(provisional)</span>' if r.get("provisional") is True else "")
        cells = [link, html_text(r["claim"]), html_text(r["kind"]), today, _essay_verdict(r) if tested else "",
                 html_text(rob), html_text(r.get("data_as_of_label") or ""), html_text(r.get("headline") or "")]
        lines.append(f'<tr id="row-{html_attr(r["id"])}">' + "".join(
            f'<td data-label="{h}">{c}</td>' for h, c in zip(head, cells)) + "</tr>")
    lines += ["</tbody>", "</table>", "</div>"]
    return "\n".join(lines)


def _table(header: list[str], rows: list[list]) -> str:
    """A MyST pipe table; every cell escaped."""
    out = ["| " + " | ".join(md_text(h) for h in header) + " |", "|" + "---|" * len(header)]
    out += ["| " + " | ".join(md_text(c) if c not in (None, "") else " " for c in row) + " |" for row in rows]
    return "\n".join(out)


def home_page(rows: list[dict], notebooks: list) -> str:
    """``index.md``: what the project is, the scorecard, the essays with their dates, the notebooks."""
    essay_rows = [[e.id, e.author, e.title, str(e.central), f"{e.window[0]} to {e.window[1]}", e.dated_by]
                  for e in essays().values()]
    nb_lines = "\n".join(f"notebooks/{n.stem}" for n in notebooks)
    counts = scorecard.counts_line(rows) if rows else "No claims listed yet."
    return f"""# {md_text(TITLE)}

{md_text(ABOUT)}

## Scorecard

{md_text(counts)} Each claim links to its page: the verdict today and at the essay date, the robustness chart,
the evidence, the as-of date of every input and the verdict history.

{scorecard_html(rows)}

## The essays

{_table(["Essay", "Author", "Title", "Central date", "Date window", "How it is dated"], essay_rows)}

## Notebooks

Each notebook tests one thesis; its code is folded (use "Show code cell source" to open it) and its first
block says which code and data it was executed with.

```{{toctree}}
:maxdepth: 1
:caption: Notebooks

{nb_lines}
```

```{{toctree}}
:maxdepth: 1
:caption: Claims
:hidden:

claims/index
```
"""


def claims_index(rows: list[dict]) -> str:
    """``claims/index.md``: every claim, grouped by notebook, with its verdict."""
    names = [r["id"] for r in rows if claim_href(r["id"])]
    body = [f"# {md_text('Claims, one page each')}", "",
            md_text("Every claim under test, with its verdict today. Each page shows the claim, its verdicts, the "
                    "robustness chart and declared variants, the headline evidence, the as-of date per input and "
                    "the verdict history."), "",
            scorecard_html(rows, prefix="../").replace('href="../claims/', 'href="'), "",
            "```{toctree}", ":hidden:", ":maxdepth: 1", "", *names, "```", ""]
    return "\n".join(body)


def _fmt_value(v) -> str:
    if v is None:
        return "n/a"
    if isinstance(v, float):
        return fmt.num(v, 3) if abs(v) < 1000 else fmt.num(v, 0)
    if isinstance(v, (dict, list)):
        return json.dumps(v, ensure_ascii=False)
    return str(v)


def _changes(params: dict, baseline: dict) -> str:
    diff = {k: v for k, v in (params or {}).items() if baseline.get(k) != v}
    return "; ".join(f"{k} = {_fmt_value(v)}" for k, v in diff.items()) or "as the baseline"


def _input_label(sid: str, titles: dict[str, str]) -> str:
    title = titles.get(sid)
    return f"{title} ({sid})" if title else sid


def _inputs_table(inputs: dict, titles: dict[str, str], binding: str | None = None) -> str:
    rows = [[_input_label(sid, titles) + (" (binding)" if sid == binding else ""), i.get("label") or i.get("last"),
             i.get("last"), i.get("end"), i.get("frequency"), i.get("vintage")] for sid, i in sorted(inputs.items())]
    return _table(["Input", "Data as of", "Last observation", "Period ends", "Frequency", "Vintage"], rows)


def _summary_box(row: dict, record: dict, info, essay) -> str:
    """The claim's verdicts and facts as an HTML definition list (badges need classes)."""
    protocol = bool(record.get("protocol"))
    items = [("Kind", html_text(row["kind"]))]
    today = badge(row["verdict"]) + (' <span class="muted">(provisional: the horizon is still open)</span>'
                                     if record.get("provisional") else "")
    items.append(("Verdict today", today))
    items.append(("At the essay date", _essay_verdict(row) if record else '<span class="verdict verdict-none">n/a</span>'))
    if record:
        items.append(("Robustness", html_text(robustness_text(record))))
        items.append(("Data as of", html_text(row.get("data_as_of_label") or "n/a")
                      + (f' <span class="muted">(binding input: {html_text(row.get("binding_input"))})</span>'
                         if row.get("binding_input") else "")))
    if essay is not None:
        items.append(("Essay", html_text(f"{essay.id}: {essay.title} ({essay.author}), dated {essay.central} "
                                         f"(window {essay.window[0]} to {essay.window[1]})")))
    if record and not protocol:
        items.append(("Protocol", "not yet under the verdict protocol"))
    dl = "".join(f"<dt>{k}</dt><dd>{v}</dd>" for k, v in items)
    return f'<dl class="claim-summary">{dl}</dl>'


def _protocol_sections(record: dict, titles: dict[str, str], chart: tuple[str, str] | None) -> list[str]:
    out = ["## Robustness", ""]
    if chart:
        out += [f"![{md_text(chart[1])}]({chart[0]})", ""]
    for part in record.get("parts", []):
        ptitle = f"Part {part['part']}: {part.get('text', '')}" if part.get("part") else None
        if ptitle:
            verdicts = part.get("verdict") or {}
            out += [f"### {md_text(ptitle)}", "",
                    md_text(f"Kind: {part.get('kind', '')}. Verdict today: {verdicts.get('today') or 'n/a'}; "
                            f"at the essay date: {verdicts.get('essay') or 'n/a'}."), ""]
        if part.get("untestable"):
            out += [md_text(f"Untestable: {part['untestable']}"), ""]
        for test in part.get("tests", []):
            stat, rule = test.get("statistic", {}), test.get("rule", {})
            units = f" ({stat.get('units')})" if stat.get("units") else ""
            out += [f"{'####' if ptitle else '###'} {md_text('Test: ' + str(test.get('name', '')))}", "",
                    f"**Statistic.** {md_text(str(stat.get('name', '')) + units)}. "
                    f"{md_text(stat.get('interval') or '')}", "",
                    f"**Rule.** {md_text(rule.get('text', ''))}", ""]
            if test.get("meaningful_note"):
                out += [f"**Size that matters.** {md_text(test['meaningful_note'])}", ""]
            decl = test.get("declaration") or {}
            baseline = decl.get("baseline") or {}
            out += [f"**Baseline.** {md_text(_changes(baseline, {}))}", ""]
            variants = decl.get("variants") or {}
            if variants:
                out += ["**Declared variants.**", "",
                        _table(["Variant", "What changes"], [[k, _changes(v, {})] for k, v in variants.items()]), ""]
            for wname, w in (test.get("windows") or {}).items():
                out += [f"**Window: {md_text(wname)}** {md_text(_window_span(w))}: verdict "
                        f"**{md_text(w.get('verdict', ''))}**, {md_text(w.get('reason', ''))}.", ""]
                rows = [[s.get("name"), _changes(s.get("params") or {}, baseline), _fmt_value(s.get("estimate")),
                         fmt.interval(s.get("low"), s.get("high"), 3), fmt.p_value(s.get("p")),
                         fmt.p_value(s.get("p_holm")), _fmt_value(s.get("n")),
                         OUTCOME_WORDS.get(s.get("outcome"), s.get("outcome"))] for s in w.get("specs", [])]
                out += [_table(["Specification", "What changes", "Estimate", "Interval", "p", "p (Holm)", "N",
                                "The claim"], rows), ""]
                if w.get("edges"):
                    edges = "; ".join(f"{d}: {OUTCOME_WORDS.get(o, o)}" for d, o in w["edges"].items())
                    out += [md_text(f"At the edges of the essay's date window the baseline {edges}."
                                    + (" The verdict hinges on the exact date." if w.get("hinges_on_date") else "")), ""]
    out += ["## Data as of, per input", ""]
    inputs = record.get("inputs") or {}
    if inputs:
        out += [md_text("Today's verdict: the last observation each input contributes. The claim's data-as-of is the "
                        "earliest of them (the binding input)."), "", _inputs_table(inputs, titles, record.get("binding_input")), ""]
    essay_inputs = {}
    for part in record.get("parts", []):
        for test in part.get("tests", []):
            for sid, i in ((test.get("windows") or {}).get("essay", {}).get("inputs") or {}).items():
                if sid not in essay_inputs or (i.get("last") or "") > (essay_inputs[sid].get("last") or ""):
                    essay_inputs[sid] = i
    if essay_inputs:
        out += [md_text("At the essay date: what was published by then."), "", _inputs_table(essay_inputs, titles), ""]
    if not inputs and not essay_inputs:
        out += [md_text(f"Data as of {record.get('data_as_of') or 'n/a'} (no per-input dates recorded)."), ""]
    return out


def _window_span(w: dict) -> str:
    if w.get("start") and w.get("end"):
        return f"({w['start']} to {w['end']})"
    if w.get("end"):
        return f"(data published by {w['end']})"
    return "(latest data)"


def _older_sections(record: dict) -> list[str]:
    out = ["## Robustness", "",
           md_text("This claim is not yet under the verdict protocol: its notebook recorded a verdict without "
                   "declared variants, so there is no robustness chart yet. The tests it recorded:"), ""]
    tests = record.get("tests") or []
    if tests:
        out += [_table(["Test", "Statistic", "p", "N"],
                       [[t.get("name"), _fmt_value(t.get("statistic")), fmt.p_value(t.get("p_value")),
                         _fmt_value(t.get("n"))] for t in tests]), ""]
    evidence = record.get("evidence") or {}
    if evidence:
        out += ["### Recorded evidence", "",
                _table(["Quantity", "Value"], [[k.replace("_", " "), _fmt_value(v)] for k, v in evidence.items()]), ""]
    out += ["## Data as of, per input", "",
            md_text(f"Data as of {record.get('data_as_of') or 'n/a'} for the claim as a whole: records made before the "
                    "verdict protocol do not list their inputs one by one."), ""]
    return out


def claim_page(row: dict, info, titles: dict[str, str], chart: tuple[str, str] | None = None) -> str:
    """``claims/<ID>.md`` for one scorecard row (its record in ``row["_record"]``).

    ``info`` is the registry's :class:`ClaimInfo` (None for a recorded id the registry lacks);
    ``titles`` maps series ids to catalog titles; ``chart`` is (file name, alt text) of the
    robustness chart.
    """
    record = row["_record"]
    essay = info.essay if info is not None else None
    text = row["claim"] or record.get("claim") or ""
    out = [f"# {md_text(row['id'])}: {md_text(text)}", "",
           f"**The claim.** {md_text(text or 'not in the registry')} ({md_text(row['kind'] or 'kind unknown')})", "",
           _summary_box(row, record, info, essay), ""]
    if info is not None and info.parts:
        out += ["**Parts.**", "", _table(["Part", "Kind", "Claim"], [[p.part, p.kind, p.text] for p in info.parts]), ""]
    out += ["## Headline evidence", ""]
    out += [md_text(record.get("headline")) if record else md_text(
        "Not yet tested: no record yet. `research run` executes the notebook that records it."), ""]
    if record and record.get("protocol"):
        out += _protocol_sections(record, titles, chart)
    elif record:
        out += _older_sections(record)
    out += ["## Verdict history", ""]
    history = record.get("history") or []
    if history:
        out += [_table(["Date", "Window", "From", "To", "Why"],
                       [[h.get("date"), h.get("window"), h.get("from"), h.get("to"), h.get("reason")] for h in history]), ""]
    else:
        out += [md_text("No change of verdict recorded since the claim was first recorded"
                        + (f" ({record.get('generated_at')})." if record.get("generated_at") else ".")), ""]
    nb = row.get("notebook") or ""
    out += ["## In the notebook", ""]
    if SAFE_ID.match(nb or "-") and nb:
        anchor = html_attr(row["id"])
        out += [f'<p><a class="notebook-link" href="../notebooks/{html_attr(nb)}.html#{anchor}">'
                f'{html_text(nb)}, section {html_text(row["id"])}</a>: the data, the code (folded) and the charts '
                "behind this verdict.</p>", ""]
    else:
        out += [md_text("No notebook recorded."), ""]
    return "\n".join(out)
