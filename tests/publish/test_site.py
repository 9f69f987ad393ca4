"""The published report: built by Sphinx + MyST-NB + sphinx-book-theme, checked in headless Chromium.

Two sites are built and browsed: a fixture repository (hostile strings in records and notebook
markdown, maths, charts with and without a recorded title, real protocol records made from the
snapshot store, an older record) and the repository's own committed notebooks and records. Each is
served from 127.0.0.1 and loaded at desktop width and at 390 px (a phone); screenshots of the home,
a notebook and a claim page at both widths are saved in ``reports/artifacts/``.
"""
from __future__ import annotations

import functools
import html.parser
import http.server
import json
import re
import shutil
import threading
from pathlib import Path

import matplotlib
import nbformat
import pytest

from research_lib import config
from research_lib.analysis import plotting
from research_lib.claims.protocol import Claim, Rule, Statistic
from research_lib.claims.record import read_records
from research_lib.errors import ResearchError
from research_lib.publish import site
from research_lib.publish.site import engine, safe
from research_lib.publish.site.notebooks import prepare_notebook
from tests.claims.test_protocol import declare_compound_k8, declare_k2, mean_weekly_return, open_run, yield_level
from tests.publish.browser import Browser

matplotlib.use("Agg")
ARTIFACTS = config.REPO_ROOT / "reports" / "artifacts"
PHONE, DESKTOP = 390, 1280
HOSTILE = "<script>document.title='pwned'</script> $x + y$ {sub}`x` [link](javascript:alert(1)) **bold** | pipe"
PLACEHOLDERS = ("No description has been provided", "")


# ----------------------------------------------------------------------------- safe text
def test_md_text_makes_markup_literal():
    out = safe.md_text(HOSTILE + "\n# heading")
    assert "\n" not in out and "\\<script\\>" in out and "\\$" in out and "\\|" in out and "\\#" in out
    assert re.sub(r"\\(.)", r"\1", out) == " ".join((HOSTILE + " # heading").split())


def test_clean_html_keeps_tables_and_anchors_and_drops_scripts():
    dirty = ('<div class="x" onclick="evil()"><script>alert(1)</script><style>body{display:none}</style>'
             '<table><tr style="text-align: right; background: url(javascript:x)"><td>1 &lt; 2</td></tr></table>'
             '<a id="K1"></a><a href="javascript:alert(1)">j</a><a href="../claims/K1.html">ok</a>'
             '<img src="x" onerror="alert(2)"><img src="data:image/png;base64,AAAA"><iframe src="e"></iframe>'
             '<!-- c --><b>bold</b></div>')
    out = safe.clean_html(dirty)
    assert "script" not in out and "alert" not in out and "onclick" not in out and "onerror" not in out
    assert "display:none" not in out and "iframe" not in out and "url(" not in out and "<!--" not in out
    assert '<tr style="text-align: right">' in out and "<td>1 &lt; 2</td>" in out and '<a id="K1"></a>' in out
    assert '<a href="../claims/K1.html">ok</a>' in out and "<a>j</a>" in out and "<b>bold</b>" in out
    assert '<img src="x">' in out and 'src="data:image/png;base64,AAAA"' in out


def test_verdict_class_is_from_a_fixed_set():
    assert safe.verdict_class("not supported") == "verdict-not-supported"
    assert safe.verdict_class('mixed" onmouseover="alert(1)') == "verdict-unknown"
    assert safe.verdict_class(None) == "verdict-unknown"


# ----------------------------------------------------------------------------- notebook build copies
def _png(title: str | None) -> tuple[str, dict]:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 3))
    ax.plot([1, 2, 3], [1, 4, 9])
    if title:
        ax.set_title(title)
    data, meta = plotting.figure_png(fig)
    plt.close(fig)
    return data, meta


def _chart(title: str | None, with_alt: bool = True):
    data, meta = _png(title)
    if not with_alt:  # as executed before the figure-output hook: no title in the metadata
        meta = {}
    return nbformat.v4.new_output("display_data", data={"image/png": data, "text/plain": "<Figure>"},
                                  metadata={"image/png": meta} if meta else {})


def _stamp_cell():
    return nbformat.v4.new_code_cell("from research_lib.publish.provenance import stamp\nstamp()", outputs=[
        nbformat.v4.new_output("display_data", data={
            "text/html": "<div class='provenance'><b>Provenance</b> code abc1234, data as of 2026-01-07</div>",
            "text/plain": "Provenance"})], execution_count=1)


def test_build_copy_folds_code_keeps_the_stamp_and_names_every_chart():
    nb = nbformat.v4.new_notebook(cells=[
        _stamp_cell(),
        nbformat.v4.new_markdown_cell("# Alpha notebook\n\nWhat it tests."),
        nbformat.v4.new_markdown_cell("## K1 — alpha holds <a id=\"K1\"></a>"),
        nbformat.v4.new_code_cell("plot()", outputs=[_chart("Slope of alpha", True)], execution_count=2),
        nbformat.v4.new_code_cell("plot()", outputs=[_chart("drawn b", False), _chart("drawn c", False)], execution_count=3),
    ])
    copy, info = prepare_notebook(nb, "01_alpha")
    kinds = [(c.cell_type, c.source.splitlines()[0] if c.source else "") for c in copy.cells]
    assert kinds[:3] == [("markdown", "# Alpha notebook"), ("code", "from research_lib.publish.provenance import stamp"),
                         ("markdown", "What it tests.")]
    assert copy.cells[1].metadata["tags"] == ["remove-input"]
    assert all("hide-input" in c.metadata["tags"] for c in copy.cells[4:])
    assert sorted(info.alt.values()) == ["Chart 2 in “K1 — alpha holds”", "Chart 3 in “K1 — alpha holds”", "Slope of alpha"]
    assert info.title == "Alpha notebook" and info.charts == 3
    assert nb.cells[0].metadata.get("tags") is None  # the committed notebook is not touched
    again, _ = prepare_notebook(nb, "01_alpha")
    assert nbformat.writes(again) == nbformat.writes(copy)  # byte-identical: Sphinx re-reads nothing


class _Audit(html.parser.HTMLParser):
    """Scripts mentioning the test's marker, event-handler attributes, script URLs, CDN assets."""

    def __init__(self, assets_only: bool = False):
        super().__init__()
        self.found, self.in_script, self.assets_only = [], False, assets_only

    def handle_starttag(self, tag, attrs):
        self.in_script = tag == "script"
        for name, value in attrs:
            value = (value or "").strip().lower()
            if self.assets_only:
                if name in ("src", "href") and tag in ("script", "link", "img") and re.match(r"(https?:)?//", value):
                    self.found.append(f"external asset <{tag} {name}={value[:60]}>")
                continue
            if name.startswith("on") or value.startswith(("javascript:", "vbscript:")):
                self.found.append(f"<{tag} {name}={value[:40]}>")
            if name in ("src", "href") and tag in ("script", "link", "img") and re.match(r"(https?:)?//", value):
                self.found.append(f"external asset <{tag} {name}={value[:60]}>")
            if name == "class" and not re.fullmatch(r"[\w\s:-]*", value):
                self.found.append(f"odd class {value[:40]!r}")

    def handle_endtag(self, tag):
        self.in_script = False if tag == "script" else self.in_script

    def handle_data(self, data):
        if self.in_script and "pwned" in data:
            self.found.append(f"script {data[:60]!r}")


def _dangerous(text: str) -> list[str]:
    """Findings in the page's article (what records and notebooks fill) and external assets anywhere."""
    article = re.search(r'<article class="bd-article".*?</article>', text, re.S)
    found = []
    for part, assets_only in ((text, True), (article.group(0) if article else "", False)):
        audit = _Audit(assets_only)
        audit.feed(part)
        found += audit.found
    return found


# ----------------------------------------------------------------------------- the browser
@pytest.fixture
def serve():
    """Serve a directory on 127.0.0.1; returns its base URL."""
    servers = []

    def start(directory: Path) -> str:
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}/"

    yield start
    for srv in servers:
        srv.shutdown()
        srv.server_close()


@pytest.fixture
def browser(chromium_path, tmp_path):
    b = Browser(chromium_path, tmp_path / "chromium-profile")
    yield b
    b.close()


OVERFLOW = """(() => {
  const vw = document.documentElement.clientWidth;
  const bad = [];
  for (const el of document.querySelectorAll('.bd-main *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.right <= vw + 1) continue;
    if (!el.checkVisibility({visibilityProperty: true, opacityProperty: true})) continue;  // closed drawers
    let clipped = false;   // inside a box that scrolls or clips horizontally
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') { if (p.getBoundingClientRect().right <= vw + 1) { clipped = true; break; } }
    }
    if (!clipped) bad.push(el.tagName + '.' + el.className + ' right=' + Math.round(r.right));
  }
  return {scroll: document.documentElement.scrollWidth, vw: vw, bad: bad.slice(0, 5)};
})()"""

IMAGES = """Array.from(document.querySelectorAll('.bd-article img')).map(i => ({
  src: i.getAttribute('src'), alt: i.getAttribute('alt'), w: i.getBoundingClientRect().width,
  natural: i.naturalWidth, box: i.closest('.cell_output, figure, p, div').getBoundingClientRect().width,
  complete: i.complete && i.naturalWidth > 0}))"""

CODE = """Array.from(document.querySelectorAll('.cell_input')).map(c => ({
  folded: !!c.closest('details:not([open])'),
  shown: c.checkVisibility ? c.checkVisibility() : c.getClientRects().length > 0}))"""

MATHS = """({math: document.querySelectorAll('.bd-article .math').length,
  typeset: Array.from(document.querySelectorAll('.bd-article mjx-container')).filter(m => m.getBoundingClientRect().width > 0).length,
  text: document.querySelector('.bd-article').innerText})"""


def _check_page(b: Browser, url: str, width: int) -> dict:
    """Load a page and assert what every page must satisfy; returns the facts for more checks."""
    b.open(url, width)
    assert b.js("document.title") != "pwned" and not b.js("window.pwned || false"), f"script ran on {url}"
    assert b.js("document.querySelector('meta[name=viewport]') !== null"), url
    if width == PHONE:
        over = b.js(OVERFLOW)
        assert over["scroll"] <= over["vw"] + 1 and not over["bad"], f"{url} overflows at {width}px: {over}"
    images = b.js(IMAGES)
    for img in images:
        alt = img["alt"]
        assert isinstance(alt, str) and alt.strip() not in PLACEHOLDERS and alt != img["src"], f"{url}: no alt text {img}"
        if "_images/" not in img["src"]:  # an image written by hand in notebook markdown
            continue
        assert img["complete"], f"{url}: image did not load {img['src']}"
        if width == PHONE:  # charts keep the full width of the text column
            assert img["w"] >= min(img["natural"], img["box"]) * 0.9 - 2, f"{url}: chart shrunk at {width}px {img}"
    code = b.js(CODE)
    assert all(c["folded"] and not c["shown"] for c in code), f"{url}: code not folded"
    maths = b.js(MATHS)
    assert maths["typeset"] == maths["math"], f"{url}: {maths['math']} formulas, {maths['typeset']} typeset"
    raw_tex = re.findall(r"\\\(|\\\[|\$[^$\n]{0,120}?\\[A-Za-z]+[^$\n]{0,120}?\$", maths["text"])
    assert not raw_tex, f"{url}: raw TeX in the visible text: {raw_tex[:3]}"
    assert not b.errors, f"{url}: JavaScript errors {b.errors}"
    ids = b.js("Array.from(document.querySelectorAll('.bd-article [id]')).map(e => e.id)")
    return {"images": images, "code": code, "maths": maths, "text": maths["text"], "ids": set(ids)}


def _claim_verdicts(b: Browser) -> dict:
    return b.js("""(() => { const out = {};
      document.querySelectorAll('dl.claim-summary dt').forEach(dt => {
        out[dt.textContent.trim()] = dt.nextElementSibling.querySelector('.verdict')?.textContent.trim()
          ?? dt.nextElementSibling.textContent.trim(); });
      return out; })()""")


def _screens(b: Browser, base: str, pages: dict[str, str], prefix: str) -> None:
    for name, path in pages.items():
        for width, label in ((DESKTOP, "desktop"), (PHONE, "phone")):
            b.open(base + path, width)
            shot = b.screenshot(ARTIFACTS / f"{prefix}-{name}-{label}.png")
            assert shot.stat().st_size > 10_000


def _check_site(b: Browser, base: str, out: Path, records: dict[str, dict], notebooks: Path) -> dict[str, dict]:
    """Every page at both widths; every claim page's verdicts equal its record's; links resolve."""
    facts = {}
    stems = sorted(p.stem for p in notebooks.glob("[0-9][0-9]_*.ipynb"))
    for width in (DESKTOP, PHONE):
        facts[("index", width)] = _check_page(b, base + "index.html", width)
    rows = b.js("""Array.from(document.querySelectorAll('table.scorecard tbody tr')).map(tr => ({
        id: tr.querySelector('td').innerText.trim(), href: tr.querySelector('a.claim-link')?.getAttribute('href'),
        verdict: tr.querySelector('td[data-label="Verdict today"] .verdict').innerText.trim()}))""")
    assert rows and all(r["href"] == f"claims/{r['id']}.html" for r in rows)  # every row links its page
    for r in rows:
        if r["id"] in records:
            assert r["verdict"] == records[r["id"]]["verdict"], r
    for stem in stems:  # at phone width (the screenshots show them on a desktop too)
        facts[stem] = _check_page(b, base + f"notebooks/{stem}.html", PHONE)
        if "stamp()" in (notebooks / f"{stem}.ipynb").read_text():
            assert "Provenance" in facts[stem]["text"]  # the stamp stays visible
    untested = [r for r in rows if r["id"] not in records]
    for r in [r for r in rows if r["id"] in records] + untested[:1]:
        page = _check_page(b, base + r["href"], PHONE)
        verdicts = _claim_verdicts(b)
        rec = records.get(r["id"])
        if rec is None:
            assert verdicts["Verdict today"] == "not yet tested"
            continue
        assert verdicts["Verdict today"] == rec["verdict"], (r["id"], verdicts)
        assert verdicts["At the essay date"] == (rec.get("verdict_essay") or "n/a"), (r["id"], verdicts)
        if not rec.get("protocol"):
            assert "not yet under the verdict protocol" in page["text"]
        link = b.js("document.querySelector('a.notebook-link')?.getAttribute('href')")
        assert link == f"../notebooks/{rec['notebook']}.html#{r['id']}", link
        facts[r["id"]] = page
    for stem in stems:  # the claims' links into the notebooks land on an element
        for cid in [c for c, rec in records.items() if rec.get("notebook") == stem]:
            assert cid in facts[stem]["ids"], f"{stem}.html#{cid} has no target"
    b.open(base + "search.html?q=claim", DESKTOP)  # search runs from the site's own index
    assert b.js("new Promise(r => setTimeout(() => r(document.querySelectorAll('#search-results li').length), 1500))") > 0
    assert not list(out.rglob("*.html")) or all("https://cdn" not in p.read_text() for p in out.rglob("*.html"))
    return facts


# ----------------------------------------------------------------------------- the fixture site
def _protocol_records(store_reports: Path) -> dict[str, dict]:
    """Real protocol records made from the snapshot store (a fact, a mechanism, a compound claim, a forecast)."""
    k1 = Claim("K1", "01_alpha")
    k1.declare("open run below 50", statistic=Statistic("months of the run still open", "months"),
               baseline={"threshold": 50.0}, variants={"threshold 49.5": {"threshold": 49.5}, "threshold 50.5": {"threshold": 50.5}},
               rule=Rule.above(18), show=False).run(open_run)
    k1.record(headline="The run open at the essay date was short", show=False)
    k2 = Claim("K2", "01_alpha")
    declare_k2(k2).run(mean_weekly_return)
    k2.record(headline=HOSTILE, show=False, history=[{"date": "2026-06-01", "window": "today", "from": "mixed",
                                                      "to": "inconclusive", "reason": "method: <b>re-derived</b> $x$"}])
    declare_compound_k8("01_alpha").record(headline="Parts disagree", show=False)
    k9 = Claim("K9", "01_alpha")
    k9.part("a").declare("mean return", statistic=Statistic("mean weekly log return", "%"),
                         baseline={"start": "1990", "end": None, "pandemic": "keep"}, variants={"from 2010": {"start": "2010"}},
                         rule=Rule.greater(0, meaningful=0.1), show=False).run(mean_weekly_return)
    k9.part("b").declare("10-year yield after the essay", statistic=Statistic("average 10-year yield", "%"),
                         baseline={"tail": 20}, variants={"tail 20 again": {"tail": 20}}, rule=Rule.below(3.0),
                         horizon="2027-06-30", show=False).run(yield_level)
    k9.record(headline="The forecast's window is still open", show=False)
    return read_records(store_reports / "claims")


def _fixture_repo(root: Path, records: dict[str, dict]) -> dict[str, dict]:
    (root / "notebooks").mkdir(parents=True)
    claims_dir = root / "reports" / "claims"
    claims_dir.mkdir(parents=True)
    for cid, rec in records.items():
        (claims_dir / f"{cid}.json").write_text(json.dumps(rec))
    older = {"id": "K3", "notebook": "01_alpha", "section": "K3", "verdict": "untestable",
             "verdict_essay": 'mixed" onmouseover="window.pwned=1', "headline": HOSTILE,
             "evidence": {"proxy_<b>gap</b>": 1.8, "note": "<img src=x onerror=window.pwned=1>"},
             "tests": [{"name": "<script>window.pwned=1</script>", "statistic": 0.5, "p_value": 0.6, "n": 120}],
             "data_as_of": "2026-01-07", "generated_at": "2026-01-08T00:00:00Z"}
    (claims_dir / "K3.json").write_text(json.dumps(older))
    records = {**records, "K3": older}
    maths = ("The target exposure is $e_t = \\min(1.5,\\ 10\\% / \\hat\\sigma_t)$ with $\\hat\\sigma_t$ the trailing "
             "volatility; the Fed added $100bn and then $60bn (prices, not maths).\n\n$$\\Delta e_t = e_t - e_{t-1}$$")
    hostile_md = ("## K2 — beta <a id=\"K2\"></a>\n\n<script>document.title='pwned'; window.pwned = 1</script>\n\n"
                  "<img src=\"missing.png\" alt=\"a broken picture\" onerror=\"window.pwned=1\"> [click](javascript:window.pwned=1)\n\n"
                  "<div onclick=\"window.pwned=1\">a div</div>")
    wide = "<table>" + "".join("<tr>" + "".join(f"<td>cell{i}{j}_with_long_text</td>" for j in range(14)) + "</tr>"
                               for i in range(3)) + "</table><script>window.pwned = 1</script>"
    nb1 = nbformat.v4.new_notebook(cells=[
        _stamp_cell(),
        nbformat.v4.new_markdown_cell("# Alpha notebook\n\nWhat this notebook tests, in words."),
        nbformat.v4.new_markdown_cell("## K1 — alpha holds <a id=\"K1\"></a>\n\n" + maths),
        nbformat.v4.new_code_cell("import x\nplot()", outputs=[_chart("Slope of alpha, 1990-2026")], execution_count=2),
        nbformat.v4.new_code_cell("plot_old()", outputs=[_chart(None, with_alt=False)], execution_count=3),
        nbformat.v4.new_markdown_cell(hostile_md),
        nbformat.v4.new_code_cell("table()", outputs=[nbformat.v4.new_output(
            "display_data", data={"text/html": wide, "text/plain": "table"})], execution_count=4),
        nbformat.v4.new_markdown_cell("## K3 — gamma <a id=\"K3\"></a>\n\n## K8 — parts <a id=\"K8\"></a>\n\n"
                                      "## K9 — forecast <a id=\"K9\"></a>"),
    ], metadata={"research": {"data_as_of": "2026-01-07", "code_version": "abc1234"}})
    nb2 = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Beta notebook\n\nText only.")])
    nbformat.write(nb1, root / "notebooks" / "01_alpha.ipynb")
    nbformat.write(nb2, root / "notebooks" / "02_beta.ipynb")
    return records


def test_fixture_site_in_chromium(small_store, tmp_path, browser, serve, capsys):
    records = _fixture_repo(tmp_path / "repo", _protocol_records(small_store.root.parent / "reports"))
    repo = tmp_path / "repo"
    index = site.build(repo)
    out = repo / "reports" / "site"
    assert index == out / "index.html"
    assert {"index.html", "search.html", "searchindex.js", "_static"} <= {p.name for p in out.iterdir()}
    assert (out / "claims" / "K1.html").is_file() and (out / "claims" / "K3.html").is_file()
    assert (out / "notebooks" / "01_alpha.html").is_file() and (out / "_static" / "mathjax" / "tex-chtml.js").is_file()
    assert "site: built in" in capsys.readouterr().err

    for page in out.rglob("*.html"):  # as parsed: no hostile element, handler or link anywhere
        assert not _dangerous(page.read_text(encoding="utf-8")), (page, _dangerous(page.read_text(encoding="utf-8")))

    base = serve(out)
    facts = _check_site(browser, base, out, records, repo / "notebooks")
    alpha = facts["01_alpha"]
    charts = sorted(i["alt"] for i in alpha["images"] if "_images/" in i["src"])
    assert charts == ["Chart 2 in “K1 — alpha holds”", "Slope of alpha, 1990-2026"]
    assert alpha["maths"]["math"] == 3 and "$100bn" in alpha["text"] and "$60bn" in alpha["text"]
    assert len(alpha["code"]) == 3
    k2 = facts["K2"]
    assert "<script>document.title='pwned'</script> $x + y$ {sub}`x`" in k2["text"]  # shown as written
    assert "re-derived" in k2["text"] and "<b>re-derived</b>" in k2["text"]  # the history, escaped
    for cid in ("K1", "K2", "K8", "K9"):  # protocol pages: the robustness chart, variants, inputs
        page = facts[cid]
        assert any(i["alt"].startswith(f"{cid}: ") for i in page["images"]), cid
        assert "Declared variants" in page["text"] and "Data as of, per input" in page["text"]
    assert "S&P 500 index (^GSPC)" in facts["K2"]["text"] or "(^GSPC)" in facts["K2"]["text"]
    assert "provisional" in facts["K9"]["text"]
    assert "Part c" in facts["K8"]["text"] and "Untestable" in facts["K8"]["text"]
    k3 = facts["K3"]
    assert "not yet under the verdict protocol" in k3["text"] and "<script>window.pwned=1</script>" in k3["text"]
    browser.open(base + "claims/K3.html", DESKTOP)
    assert browser.js("document.querySelector('dl.claim-summary .verdict-unknown').textContent").startswith('mixed"')
    _screens(browser, base, {"home": "index.html", "notebook": "notebooks/01_alpha.html", "claim": "claims/K2.html"},
             "site-fixture")

    # incremental: nothing changed, nothing is read again; a removed notebook's page goes away
    capsys.readouterr()
    site.build(repo)
    assert "site: up to date" in capsys.readouterr().err
    (out.parent / "site-build" / "last-build.sha256").unlink()  # Sphinx itself re-reads nothing either
    site.build(repo)
    err = capsys.readouterr().err
    assert "site: reading" not in err and "site: built in" in err
    (repo / "notebooks" / "02_beta.ipynb").unlink()
    site.build(repo)
    assert "site: reading index" in capsys.readouterr().err
    assert not (out / "notebooks" / "02_beta.html").exists() and (out / "notebooks" / "01_alpha.html").exists()


# ----------------------------------------------------------------------------- failures
def test_a_failing_sphinx_is_one_line_and_keeps_the_previous_site(tmp_path, monkeypatch):
    repo = tmp_path / "repo"
    (repo / "notebooks").mkdir(parents=True)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Only\n\ntext")]),
                   repo / "notebooks" / "01_only.ipynb")
    index = site.build(repo, progress=False)
    before = index.read_bytes()

    import sphinx.application

    def broken(self, *a, **k):
        raise RuntimeError("theme exploded\nsecond line")

    monkeypatch.setattr(sphinx.application.Sphinx, "build", broken)
    nbformat.write(nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Second\n\ntext")]),
                   repo / "notebooks" / "02_second.ipynb")
    with pytest.raises(ResearchError) as err:
        site.build(repo, progress=False)
    msg = str(err.value)
    assert "\n" not in msg and "RuntimeError: theme exploded" in msg and "research run" in msg
    assert index.read_bytes() == before  # the previous site is whole
    assert not (index.parent / "notebooks" / "02_second.html").exists()

    monkeypatch.setitem(__import__("sys").modules, "sphinx.application", None)  # Sphinx not installed
    with pytest.raises(ResearchError, match="make install"):
        site.build(repo, progress=False)


def test_research_run_goes_on_when_the_site_cannot_be_built(tmp_path, monkeypatch, capsys):
    from research_lib.publish import runner

    monkeypatch.setattr(engine, "run_sphinx", lambda *a, **k: (_ for _ in ()).throw(
        ResearchError("Sphinx could not build the site (RuntimeError: boom)")))
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "README.md").write_text("# X\n<!-- scorecard:start -->\n<!-- scorecard:end -->\n")
    runner._publish(tmp_path)
    err = capsys.readouterr().err
    assert "site: not built: Sphinx could not build the site (RuntimeError: boom)" in err
    assert "Traceback" not in err and "scorecard: " in err


def test_a_broken_notebook_is_named(tmp_path):
    (tmp_path / "notebooks").mkdir()
    (tmp_path / "notebooks" / "01_bad.ipynb").write_text("{not json")
    with pytest.raises(ResearchError, match="01_bad.ipynb is not a readable notebook"):
        site.build(tmp_path, progress=False)


# ----------------------------------------------------------------------------- the committed site
def test_site_from_committed_notebooks_in_chromium(tmp_path, browser, serve):
    """The site built from the repository's executed notebooks and records; screenshots saved as artifacts."""
    repo = tmp_path / "repo"  # a snapshot, so notebooks being re-executed meanwhile don't interfere
    shutil.copytree(config.REPO_ROOT / "notebooks", repo / "notebooks", ignore=shutil.ignore_patterns("*.py"))
    if (config.REPO_ROOT / "reports" / "claims").is_dir():
        shutil.copytree(config.REPO_ROOT / "reports" / "claims", repo / "reports" / "claims")
    records = read_records(repo / "reports" / "claims")
    index = site.build(repo)
    stems = sorted(p.stem for p in (repo / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    base = serve(index.parent)
    facts = _check_site(browser, base, index.parent, records, repo / "notebooks")
    for stem in stems:
        nb = nbformat.read(repo / "notebooks" / f"{stem}.ipynb", as_version=4)
        charts = sum(1 for c in nb.cells if c.cell_type == "code" for o in c.outputs
                     if {"image/png", "image/svg+xml"} & set(o.get("data", {})))
        assert len([i for i in facts[stem]["images"] if "_images/" in i["src"]]) == charts, stem
    claim = next(iter(records), "K1")
    _screens(browser, base, {"home": "index.html", "notebook": f"notebooks/{stems[0]}.html",
                             "claim": f"claims/{claim}.html"}, "site")


def test_claim_chart_is_redrawn_only_when_its_record_changes(tmp_path, monkeypatch):
    """A rerun that only restamps a record (``generated_at``) keeps its chart; a changed result redraws it."""
    record = read_records(config.REPO_ROOT / "reports" / "claims")["K2"]
    (tmp_path / "claims").mkdir()
    drawn = []
    real = site._spec_chart_svg
    monkeypatch.setattr(site, "_spec_chart_svg", lambda rec: drawn.append(rec["id"]) or real(rec))
    cache: dict = {}
    first = site._claim_chart({"id": "K2", "_record": record}, tmp_path, cache)
    assert first and first[0] == "K2-robustness.svg" and drawn == ["K2"]
    restamped = {**record, "generated_at": "2030-01-01T00:00:00Z"}
    assert site._claim_chart({"id": "K2", "_record": restamped}, tmp_path, cache) == first and drawn == ["K2"]
    changed = {**record, "headline": record["headline"] + " Changed."}
    site._claim_chart({"id": "K2", "_record": changed}, tmp_path, cache)
    assert drawn == ["K2", "K2"]
