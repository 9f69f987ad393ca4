"""The published report: a Sphinx + MyST-NB + sphinx-book-theme site in ``reports/site/``.

``build()`` writes a source tree into ``reports/site-build/src`` and lets Sphinx render it:

- ``index.md``: what the project is, the scorecard (every row linked to its claim page; cards on a
  phone), the essays with their dates and the notebooks;
- ``notebooks/NN_*.ipynb``: build copies of the committed, executed notebooks (code folded, the
  provenance stamp under the title, alt text for every chart; see :mod:`.notebooks`);
- ``claims/<ID>.md``: one page per claim, published at the stable address ``claims/<ID>.html``
  (see :mod:`.pages`), with its robustness chart as SVG.

Sphinx works incrementally in ``reports/site-build`` (only changed sources are read again); the
finished HTML replaces ``reports/site`` in one step, so a failed build leaves the previous site
whole. Everything a page needs (theme, search, offline MathJax) is served from the site itself.
"""
from __future__ import annotations

import io
import os
import shutil
import sys
import time
from pathlib import Path

from research_lib import config
from research_lib._io import atomic_write, sha256_bytes
from research_lib.claims.registry import claims
from research_lib.errors import ResearchError
from research_lib.publish import scorecard
from research_lib.publish.site import engine, pages
from research_lib.publish.site.notebooks import NotebookInfo, prepare_notebook

__all__ = ["build", "site_paths", "write_sources"]


def site_paths(repo_root: str | Path | None = None, out_dir: str | Path | None = None) -> dict[str, Path]:
    """``out`` (the published HTML), ``work`` (Sphinx's incremental state), ``src``, ``html``, ``doctrees``."""
    reports = scorecard.paths(repo_root)["reports"]
    out = Path(out_dir) if out_dir else reports / "site"
    work = out.parent / f"{out.name}-build"
    return {"out": out, "work": work, "src": work / "src", "html": work / "html", "doctrees": work / "doctrees"}


def _write_if_changed(path: Path, data: str | bytes) -> bool:
    """Write ``path`` only when its content differs (Sphinx re-reads files whose time changed)."""
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_file() and path.read_bytes() == raw:
        return False
    atomic_write(path, raw)
    return True


def _read_notebook(path: Path):
    import nbformat

    try:
        return nbformat.read(path, as_version=4)
    except Exception as exc:  # JSON or schema errors: one line naming the file
        raise ResearchError(f"{path} is not a readable notebook ({type(exc).__name__}): "
                            "re-run it with `research run` or restore it from git") from None


def _catalog_titles() -> dict[str, str]:
    try:
        from research_lib.data.catalog import catalog

        return {e.id: e.title for e in catalog()}
    except ResearchError:
        return {}


def _spec_chart_svg(record: dict) -> tuple[bytes, str] | None:
    """The claim's robustness chart as SVG bytes (reproducible ids, no date) and its alt text."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    from research_lib.analysis import plotting

    with plt.rc_context({"svg.hashsalt": "research-site", "svg.fonttype": "path"}):
        fig = plotting.spec_chart(record)
        if fig is None:
            return None
        buf = io.BytesIO()
        fig.savefig(buf, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buf.getvalue(), plotting.figure_title(fig) or f"Robustness chart of {record.get('id')}"


def _claim_chart(row: dict, src: Path, cache: dict) -> tuple[str, str] | None:
    """Write ``claims/<ID>-robustness.svg`` when the record changed; (file name, alt) or None."""
    record = row["_record"]
    if not record.get("protocol"):
        return None
    import json

    from research_lib.analysis import plotting

    drawn = {k: v for k, v in record.items() if k != "generated_at"}  # a rerun with the same results keeps its chart
    key = sha256_bytes(json.dumps(drawn, sort_keys=True, default=str).encode() + Path(plotting.__file__).read_bytes())
    name = f"{row['id']}-robustness.svg"
    cached = cache.get(row["id"])
    if cached and cached.get("key") == key and (src / "claims" / name).is_file():
        return (name, cached["alt"]) if cached.get("alt") else None
    try:
        made = _spec_chart_svg(record)
    except Exception as exc:  # a record the chart cannot draw: the page is built without the chart
        print(f"site: no robustness chart for {row['id']} ({type(exc).__name__}: {exc})"[:300], file=sys.stderr)
        made = None
    cache[row["id"]] = {"key": key, "alt": made[1] if made else ""}
    if made is None:
        (src / "claims" / name).unlink(missing_ok=True)
        return None
    _write_if_changed(src / "claims" / name, made[0])
    return name, made[1]


def _remove_stale(folder: Path, keep: set[str], html: Path, sub: str) -> None:
    """Delete generated sources that no longer exist, and their pages and copied sources."""
    if not folder.is_dir():
        return
    for path in folder.iterdir():
        if path.name not in keep:
            path.unlink()
            stem = path.name.split(".")[0]
            for stale in (html / sub / f"{stem}.html", html / "_sources" / sub / path.name):
                stale.unlink(missing_ok=True)


def _publish_tree(html: Path, out: Path) -> None:
    """Replace ``out`` by a copy of ``html`` in one rename (the old site stays whole until then)."""
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.parent / f".{out.name}.new"
    old = out.parent / f".{out.name}.old"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.rmtree(old, ignore_errors=True)
    shutil.copytree(html, tmp, ignore=shutil.ignore_patterns(".buildinfo", ".doctrees"))
    if out.exists():
        os.replace(out, old)
    os.replace(tmp, out)
    shutil.rmtree(old, ignore_errors=True)


def _source_state(src: Path, overrides: dict) -> str:
    """A digest of everything a build depends on: the generated sources (names, sizes, modification
    times; they are rewritten only when their content changes), the site's code and the overrides."""
    import json

    files = sorted(f for f in src.rglob("*") if f.is_file())
    listing = [(f.relative_to(src).as_posix(), f.stat().st_size, f.stat().st_mtime_ns) for f in files]
    return sha256_bytes(json.dumps([listing, engine.code_digest(), overrides], sort_keys=True, default=str).encode())


def _repository_overrides() -> dict:
    """Repository and launch buttons when the repository's address is known (GitHub Actions sets it)."""
    url = config.env("RESEARCH_REPOSITORY_URL")
    if not url and config.env("GITHUB_REPOSITORY"):
        url = f"{config.env('GITHUB_SERVER_URL', 'https://github.com')}/{config.env('GITHUB_REPOSITORY')}"
    if not url:
        return {}
    from research_lib.publish.site import conf

    options = dict(conf.html_theme_options)
    options.update({"repository_url": url, "use_repository_button": True,
                    "launch_buttons": {"binderhub_url": "https://mybinder.org", "colab_url": "https://colab.research.google.com",
                                       "notebook_interface": "classic"}})
    return {"html_theme_options": options}


def write_sources(repo_root: str | Path | None = None, out_dir: str | Path | None = None) -> tuple[dict, list[NotebookInfo]]:
    """Write the Sphinx source tree (only files whose content changed); returns (alt texts, notebooks)."""
    import json

    import nbformat

    root = Path(repo_root) if repo_root else config.REPO_ROOT
    p = site_paths(repo_root, out_dir)
    src, html = p["src"], p["html"]
    rows = scorecard.collect(repo_root)
    infos: list[NotebookInfo] = []
    alt: dict[str, str] = {}
    for ipynb in sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb")):
        if not pages.SAFE_ID.match(ipynb.stem):
            continue
        copy, info = prepare_notebook(_read_notebook(ipynb), ipynb.stem)
        _write_if_changed(src / "notebooks" / ipynb.name, nbformat.writes(copy))
        infos.append(info)
        alt.update(info.alt)
    _remove_stale(src / "notebooks", {f"{i.stem}.ipynb" for i in infos}, html, "notebooks")

    known = claims()
    titles = _catalog_titles()
    cache_path = p["work"] / "charts.json"
    try:
        cache = json.loads(cache_path.read_text()) if cache_path.is_file() else {}
    except ValueError:
        cache = {}
    keep = {"index.md"}
    for row in rows:
        if not pages.claim_href(row["id"]):
            continue
        chart = _claim_chart(row, src, cache)
        if chart:
            keep.add(chart[0])
        _write_if_changed(src / "claims" / f"{row['id']}.md", pages.claim_page(row, known.get(row["id"]), titles, chart))
        keep.add(f"{row['id']}.md")
    _write_if_changed(src / "claims" / "index.md", pages.claims_index(rows))
    _remove_stale(src / "claims", keep, html, "claims")
    atomic_write(cache_path, json.dumps(cache, indent=1))
    _write_if_changed(src / "index.md", pages.home_page(rows, infos))
    return alt, infos


def build(repo_root: str | Path | None = None, out_dir: str | Path | None = None, *, progress: bool = True) -> Path:
    """Build the site into ``out_dir`` (default ``reports/site``); returns the path of ``index.html``.

    Problems are one-line :class:`ResearchError` s; the previous site stays in place when the build fails.
    """
    t0 = time.monotonic()
    p = site_paths(repo_root, out_dir)
    try:
        alt, infos = write_sources(repo_root, out_dir)
        overrides = _repository_overrides()
        state = _source_state(p["src"], overrides)
        last = p["work"] / "last-build.sha256"
        if (p["out"] / "index.html").is_file() and last.is_file() and last.read_text() == state:
            if progress:
                print(f"site: up to date ({time.monotonic() - t0:.1f} s)", file=sys.stderr, flush=True)
            return p["out"] / "index.html"
        last.unlink(missing_ok=True)
        static = [engine.STATIC, engine.stage_mathjax(p["work"])]
        if progress:
            print(f"site: Sphinx is rendering {len(infos)} notebooks and the claim pages", file=sys.stderr, flush=True)
        count, text = engine.run_sphinx(p["src"], p["html"], p["doctrees"], static=static, alt=alt,
                                        overrides=overrides, progress=progress)
        atomic_write(p["work"] / "warnings.log", text)
        _publish_tree(p["html"], p["out"])
        atomic_write(last, state)
    except ResearchError:
        raise
    except Exception as exc:  # disk full, permissions, ...: one line, the previous site stays
        first = (str(exc).strip().splitlines() or [type(exc).__name__])[0][:200]
        raise ResearchError(f"the site could not be built ({type(exc).__name__}: {first}); "
                            f"the notebooks are unaffected: fix the cause, then `research run` again") from None
    if progress:
        note = f", {count} Sphinx warnings in {p['work'] / 'warnings.log'}" if count else ""
        print(f"site: built in {time.monotonic() - t0:.1f} s{note}", file=sys.stderr, flush=True)
    return p["out"] / "index.html"
