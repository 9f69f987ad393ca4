"""Static site in ``reports/site/``: an index (project, scorecard, links) and one page per notebook.

Pages are rendered from the executed ``notebooks/NN_*.ipynb`` with nbconvert's HTMLExporter.
Figures are embedded as ``data:`` URIs and external scripts are dropped, so each page is a single
self-contained file; links between pages are relative. A build output, not committed.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

from research_lib import config
from research_lib._io import atomic_write
from research_lib.publish import scorecard

TITLE = "Macro-markets research lab"
ABOUT = (
    "Each notebook takes a set of claims from macro-market essays, restates each one as a testable "
    "hypothesis and tests it against public data (FRED, Yahoo Finance, BEA, Census and others) kept in "
    "a local, checksummed store. Verdicts are computed from the numbers by explicit rules written in "
    "the notebooks, never typed in; the scorecard below lists every claim with its current verdict and "
    "headline evidence. Every page shows the code version, data as-of date and when it was executed."
)
CSS = """
body{font-family:system-ui,-apple-system,Segoe UI,sans-serif;max-width:1150px;margin:2em auto;padding:0 1em;
color:#222;line-height:1.45}
table{border-collapse:collapse;width:100%;font-size:.9em}th,td{border-bottom:1px solid #ddd;padding:.35em .5em;
text-align:left;vertical-align:top}th{background:#f4f4f4}
.v{white-space:nowrap;padding:.1em .45em;border-radius:3px;font-weight:600}
.v-supported{background:#d8f0d8}.v-mixed{background:#fbeec2}.v-not-supported{background:#f6d2d2}
.v-untestable{background:#e4e4e4}.v-not-yet-tested{background:#fff;color:#888;font-weight:400;font-style:italic}
.muted{color:#666;font-size:.85em}
"""
NAV = ("<nav style='font-family:system-ui,sans-serif;padding:.6em 1em;border-bottom:1px solid #ddd'>"
       "<a href='index.html'>&larr; {title}: scorecard and all notebooks</a></nav>")
# scripts fetched from a CDN (require.js, MathJax, Mermaid loader): not needed to read the page
EXTERNAL_SCRIPT = re.compile(r"<script\b(?:(?!</script>).)*?https?://cdn(?:(?!</script>).)*</script>", re.S)


def _notebook_title(nb, default: str) -> str:
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return m.group(1).strip()
    return default


def _add_anchors(body: str, claims: list[tuple[str, str]]) -> str:
    """Add ``<a id="<claim id>">`` to the first heading that starts with the claim's section text or id."""
    headings = [(m, html.unescape(re.sub(r"<[^>]+>", "", m.group(3))).strip())
                for m in re.finditer(r"<h([1-6])([^>]*)>(.*?)</h\1>", body, re.S)]
    inserts = {}
    for cid, section in claims:
        if re.search(rf"\bid=[\"']{re.escape(cid)}[\"']", body):
            continue
        for m, text in headings:
            if m.start() not in inserts and (text.startswith(section) or re.match(rf"{re.escape(cid)}\b", text)):
                inserts[m.start()] = (m.end(2) + 1, cid)
                break
    for _, (pos, cid) in sorted(inserts.items(), reverse=True):
        body = body[:pos] + f'<a id="{html.escape(cid)}"></a>' + body[pos:]
    return body


def render_notebook(ipynb: Path, claims: list[tuple[str, str]] | None = None) -> tuple[str, str]:
    """(title, self-contained HTML page) for one executed notebook."""
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.read(ipynb, as_version=4)
    title = _notebook_title(nb, ipynb.stem)
    exporter = HTMLExporter(embed_images=True)
    body, _ = exporter.from_notebook_node(nb, resources={"metadata": {"name": title}})
    body = EXTERNAL_SCRIPT.sub("", body)
    body = re.sub(r"(<body[^>]*>)", lambda m: m.group(1) + NAV.format(title=html.escape(TITLE)), body, count=1)
    return title, _add_anchors(body, claims or [])


def _index(rows: list[dict], pages: list[dict]) -> str:
    e = html.escape
    pages_by_stem = {p["stem"]: p for p in pages}
    trs = []
    for r in rows:
        nb = r["notebook"]
        anchor = f"#{e(r['id'])}" if r["id"] in pages_by_stem.get(nb, {}).get("anchors", ()) else ""
        link = f"<a href='{e(nb)}.html{anchor}'>{e(nb)}</a>" if nb in pages_by_stem else e(nb)
        cls = "v-" + r["verdict"].replace(" ", "-")
        trs.append(f"<tr><td><b>{e(r['id'])}</b></td><td>{e(r['claim'])}</td>"
                   f"<td><span class='v {cls}'>{e(r['verdict'])}</span></td><td>{e(r['headline'])}</td>"
                   f"<td>{e(r['data_as_of'])}</td><td>{link}</td></tr>")
    items = []
    for p in pages:
        m = p["meta"]
        facts = ", ".join(f"{k} {e(str(m[key]))}" for k, key in (("data as of", "data_as_of"),
                          ("executed", "executed_at"), ("code", "code_version")) if m.get(key))
        items.append(f"<li><a href='{e(p['stem'])}.html'>{e(p['title'])}</a> "
                     f"<span class='muted'>({e(p['stem'])}{'; ' + facts if facts else ''})</span></li>")
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{e(TITLE)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><style>{CSS}</style></head>
<body>
<h1>{e(TITLE)}</h1>
<p>{e(ABOUT)}</p>
<h2 id="notebooks">Notebooks</h2>
<ul>{''.join(items) or '<li>No executed notebooks yet: run <code>research run</code>.</li>'}</ul>
<h2 id="scorecard">Scorecard</h2>
<p>{e(scorecard.counts_line(rows)) if rows else 'No claims listed yet.'}</p>
<table><thead><tr><th>Claim</th><th>Statement</th><th>Verdict</th><th>Headline evidence</th>
<th>Data as of</th><th>Notebook</th></tr></thead>
<tbody>{''.join(trs)}</tbody></table>
</body></html>
"""


def _claims_for(rows: list[dict], stem: str) -> list[tuple[str, str]]:
    return [(r["id"], r["section"]) for r in rows if r["notebook"] == stem and r["section"]]


def build_page(ipynb: str | Path, out_dir: str | Path, repo_root: str | Path | None = None,
               rows: list[dict] | None = None) -> Path:
    """Render one notebook's page into ``out_dir`` (claim anchors from the scorecard rows)."""
    ipynb, out = Path(ipynb), Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    rows = scorecard.collect(repo_root) if rows is None else rows
    _, body = render_notebook(ipynb, _claims_for(rows, ipynb.stem))
    page = out / f"{ipynb.stem}.html"
    atomic_write(page, body)
    return page


def build(repo_root: str | Path | None = None, out_dir: str | Path | None = None) -> Path:
    """Render every executed notebook and the index into ``out_dir`` (default ``reports/site``).

    A notebook page is re-rendered only when its ``.ipynb`` (or this module) is newer than the page.
    Returns the path of ``index.html``.
    """
    import nbformat

    root = Path(repo_root) if repo_root else config.REPO_ROOT
    out = Path(out_dir) if out_dir else scorecard.paths(repo_root)["reports"] / "site"
    out.mkdir(parents=True, exist_ok=True)
    rows = scorecard.collect(repo_root)
    code_mtime = Path(__file__).stat().st_mtime
    pages = []
    for ipynb in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        page = out / f"{ipynb.stem}.html"
        claims = _claims_for(rows, ipynb.stem)
        nb = nbformat.read(ipynb, as_version=4)
        if not (page.exists() and page.stat().st_mtime >= max(ipynb.stat().st_mtime, code_mtime)):
            build_page(ipynb, out, repo_root, rows)
        body = page.read_text(encoding="utf-8")
        anchors = {cid for cid, _ in claims if f'id="{cid}"' in body}
        pages.append({"stem": ipynb.stem, "title": _notebook_title(nb, ipynb.stem),
                      "meta": nb.metadata.get("research", {}), "anchors": anchors})
    keep = {f"{p['stem']}.html" for p in pages} | {"index.html"}
    for stale in out.glob("*.html"):
        if stale.name not in keep:
            stale.unlink()
    index = out / "index.html"
    atomic_write(index, _index(rows, pages))
    return index
