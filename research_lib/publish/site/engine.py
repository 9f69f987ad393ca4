"""Run Sphinx on the generated source tree: configuration, offline MathJax, the safety and alt-text hooks.

The build is incremental: Sphinx keeps its environment in ``doctrees/`` and re-reads only the
sources whose files changed (the site writes a generated file only when its content changed).

Two hooks run on every document Sphinx reads (``doctree-read``), so the stored doctrees are already
safe:

- every raw HTML node (notebook HTML outputs, raw HTML in notebook markdown or in a generated
  page) is passed through :func:`research_lib.publish.site.safe.clean_html`, and links with an
  unsafe scheme lose their target;
- every image gets an alt text: the one recorded for its bytes (see
  :mod:`research_lib.publish.site.notebooks`), else its page's title. Never a file name, never
  a placeholder.

MathJax comes from the ``django-static-mathjax`` wheel on PyPI (MathJax 3.2.2 as released, no
dependencies; only its static files are used): the subset a page needs (the ``tex-chtml``
component, its TeX extensions, fonts and menu) is copied to ``_static/mathjax``.
"""
from __future__ import annotations

import io
import re
import shutil
import sys
from pathlib import Path

from research_lib.errors import ResearchError
from research_lib.publish.site.safe import clean_html, safe_url

HERE = Path(__file__).resolve().parent
STATIC = HERE / "static"
MATHJAX_PARTS = ("tex-chtml.js", "input/tex", "output/chtml", "output/chtml.js", "ui", "a11y", "adaptors", "LICENSE")
_ANCHOR = re.compile(r"""^\s*<a\s+(?:id|name)\s*=\s*["']([A-Za-z0-9_.:-]+)["']\s*>\s*(?:</a>)?\s*$""", re.I)
_CLOSE_A = re.compile(r"^\s*</a>\s*$", re.I)
INSTALL_HINT = "run `make install` (pip install -e .) to install Sphinx, MyST-NB and sphinx-book-theme"


def mathjax_source() -> Path:
    """The ``es5`` folder of the MathJax 3 bundle installed from PyPI (``django-static-mathjax``)."""
    try:
        import mathjax
    except ImportError:
        raise ResearchError(f"the offline MathJax bundle is not installed: {INSTALL_HINT}") from None
    es5 = Path(mathjax.__file__).resolve().parent / "static" / "mathjax" / "es5"
    if not (es5 / "tex-chtml.js").is_file():
        raise ResearchError(f"{es5} lacks tex-chtml.js: reinstall django-static-mathjax ({INSTALL_HINT})")
    return es5


def stage_mathjax(work: Path) -> Path:
    """Copy the MathJax subset into ``work/mathjax-static/mathjax`` once; returns the static folder."""
    es5 = mathjax_source()
    static = work / "mathjax-static"
    target = static / "mathjax"
    stamp = target / ".source"
    if stamp.is_file() and stamp.read_text() == str(es5):
        return static
    shutil.rmtree(static, ignore_errors=True)
    for part in MATHJAX_PARTS:
        src = es5 / part if (es5 / part).exists() else es5.parent / part
        if src.is_dir():
            shutil.copytree(src, target / part)
        elif src.is_file():
            (target / part).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / part)
    stamp.write_text(str(es5))
    return static


def code_digest() -> str:
    """sha256 of the site's own code, configuration and CSS and of the Sphinx stack's versions: when it
    changes, every page is read again (Sphinx itself only notices changed sources)."""
    from importlib import metadata

    from research_lib._io import sha256_bytes

    parts = [p.relative_to(HERE).as_posix().encode() + b"\0" + p.read_bytes()
             for p in sorted(HERE.rglob("*")) if p.is_file() and p.suffix in (".py", ".css")]
    for dist in ("sphinx", "myst-nb", "myst-parser", "sphinx-book-theme", "pydata-sphinx-theme"):
        try:
            parts.append(f"{dist}={metadata.version(dist)}".encode())
        except metadata.PackageNotFoundError:
            parts.append(dist.encode())
    return sha256_bytes(b"\0".join(parts))


def _on_doctree_read(app, doctree) -> None:
    """Sanitise raw HTML, drop unsafe link targets and give every image an alt text."""
    from docutils import nodes

    # a raw ``<a id="K1"></a>`` in a heading becomes an id of its section: the anchor keeps working
    # and the table of contents does not copy it (a duplicate id, a link without a target)
    for title in list(doctree.findall(nodes.title)):
        for node in [n for n in title.children if isinstance(n, nodes.raw)]:
            m = _ANCHOR.match(node.astext())
            if m or _CLOSE_A.match(node.astext()):
                if m and isinstance(title.parent, nodes.section) and m.group(1) not in title.parent["ids"]:
                    title.parent["ids"].append(m.group(1))
                title.remove(node)
        if title.children and isinstance(title.children[-1], nodes.Text):
            title.replace(title.children[-1], nodes.Text(title.children[-1].astext().rstrip()))
    for node in list(doctree.findall(nodes.raw)):
        if "html" in node.get("format", "").split():
            clean = clean_html(node.astext())
            node.clear()
            node.append(nodes.Text(clean))
            node.rawsource = clean
    for node in doctree.findall(nodes.reference):
        if node.get("refuri") and not safe_url(node["refuri"]):
            del node["refuri"]
    alt = getattr(app, "research_alt", {})
    title = next(iter(doctree.findall(nodes.title)), None)
    fallback = f"Chart in “{title.astext()}”" if title is not None else "Chart"
    for node in doctree.findall(nodes.image):
        stem = Path(str(node.get("uri", ""))).stem
        if stem in alt:
            node["alt"] = alt[stem]
        elif not node.get("alt") or node["alt"] == node.get("uri"):
            node["alt"] = fallback


def _progress(app, docname, source) -> None:
    print(f"site: reading {docname}", file=sys.stderr, flush=True)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return (text[0] if text else type(exc).__name__)[:300]


def _make_app(Sphinx, src, html, doctrees, conf, warnings, fresh, alt, progress):
    app = Sphinx(str(src), str(HERE), str(html), str(doctrees), "html", confoverrides=conf,
                 status=None, warning=warnings, freshenv=fresh, warningiserror=False, parallel=0)
    app.research_alt = alt
    app.connect("doctree-read", _on_doctree_read, priority=100)  # before the table-of-contents collector
    if progress:
        app.connect("source-read", _progress)
    return app


def run_sphinx(src: Path, html: Path, doctrees: Path, *, static: list[Path], alt: dict[str, str],
               overrides: dict | None = None, progress: bool = True) -> tuple[int, str]:
    """Build ``src`` into ``html`` with the site's configuration; returns (warnings, warning text).

    Any failure of Sphinx or of an extension is a one-line :class:`ResearchError`.
    """
    try:
        from sphinx.application import Sphinx
        from sphinx.errors import SphinxError
        from sphinx.util import logging as sphinx_logging  # noqa: F401  (checks the install)
    except ImportError:
        raise ResearchError(f"the site needs Sphinx: {INSTALL_HINT}") from None
    warnings = io.StringIO()
    digest, stamp = code_digest(), doctrees / "site-code.sha256"
    fresh = not (stamp.is_file() and stamp.read_text() == digest)
    conf = {"html_static_path": [str(p) for p in static], **(overrides or {})}
    try:
        import warnings as py_warnings

        from sphinx.deprecation import RemovedInNextVersionWarning
        with py_warnings.catch_warnings():  # the theme's own use of deprecated Sphinx APIs is not ours to fix
            py_warnings.simplefilter("ignore", RemovedInNextVersionWarning)
            py_warnings.simplefilter("ignore", PendingDeprecationWarning)
            app = _make_app(Sphinx, src, html, doctrees, conf, warnings, fresh, alt, progress)
            app.build()
    except ResearchError:
        raise
    except (SphinxError, Exception) as exc:  # an extension or theme error: the run goes on without a site
        raise ResearchError(f"Sphinx could not build the site ({type(exc).__name__}: {_first_line(exc)}); "
                            f"the notebooks are unaffected: fix the cause, then `research run` again") from None
    doctrees.mkdir(parents=True, exist_ok=True)
    stamp.write_text(digest)
    text = re.sub(r"\x1b\[[0-9;]*m", "", warnings.getvalue())  # the log is plain text, without terminal colours
    count = sum(1 for line in text.splitlines() if "WARNING" in line or "ERROR" in line)
    return count, text
