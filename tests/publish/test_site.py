"""The static site, checked in a real headless Chromium served from a local http.server."""
from __future__ import annotations

import base64
import functools
import html.parser
import http.server
import io
import json
import shutil
import subprocess
import threading
import urllib.parse
from pathlib import Path

import matplotlib
import nbformat
import pytest

from research_lib import config
from research_lib.publish import site

matplotlib.use("Agg")
CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = config.REPO_ROOT / "reports" / "artifacts"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class _Dom(html.parser.HTMLParser):
    """Links (href) and image sources of a page."""

    def __init__(self):
        super().__init__()
        self.links, self.imgs, self.ids = [], [], set()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "img":
            self.imgs.append(a.get("src") or "")


@pytest.fixture
def chromium(tmp_path):
    """Function (url, screenshot=None) -> parsed DOM after Chromium has loaded the page."""
    assert Path(CHROMIUM).exists(), "Chromium is required: apt-get install -y chromium"
    profile = tmp_path / "chromium-profile"

    def load(url: str, screenshot: Path | None = None) -> _Dom:
        base = [CHROMIUM, *FLAGS, f"--user-data-dir={profile}"]
        out = subprocess.run(base + ["--dump-dom", url], capture_output=True, text=True, timeout=120)
        assert out.returncode == 0, out.stderr[-2000:]
        assert "<body" in out.stdout, f"empty DOM for {url}"
        if screenshot:
            screenshot.parent.mkdir(parents=True, exist_ok=True)
            shot = subprocess.run(base + [f"--screenshot={screenshot}", "--window-size=1280,2000", url],
                                  capture_output=True, text=True, timeout=120)
            assert shot.returncode == 0 and screenshot.stat().st_size > 10_000, shot.stderr[-2000:]
        dom = _Dom()
        dom.feed(out.stdout)
        dom.text = out.stdout
        return dom

    return load


@pytest.fixture
def serve():
    """Serve a directory on 127.0.0.1; returns its base URL."""
    servers = []

    def start(directory: Path) -> str:
        class Quiet(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args):
                pass

        handler = functools.partial(Quiet, directory=str(directory))
        srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=srv.serve_forever, daemon=True).start()
        servers.append(srv)
        return f"http://127.0.0.1:{srv.server_address[1]}/"

    yield start
    for srv in servers:
        srv.shutdown()


def _png() -> str:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(4, 3))
    ax.plot([1, 2, 3], [1, 4, 9])
    ax.set_title("A chart")
    buf = io.BytesIO()
    fig.savefig(buf, format="png")
    plt.close(fig)
    return base64.b64encode(buf.getvalue()).decode()


def _fixture_repo(root: Path) -> None:
    (root / "notebooks").mkdir()
    (root / "research_lib").mkdir()
    (root / "research_lib" / "claims.csv").write_text(
        "id,group,notebook,claim\nK1,K,01_alpha,Alpha holds\nK2,K,02_beta,Beta holds\n")
    (root / "reports" / "claims").mkdir(parents=True)
    (root / "reports" / "claims" / "K1.json").write_text(json.dumps(
        {"id": "K1", "notebook": "01_alpha", "section": "K1", "verdict": "supported",
         "headline": "slope 2.1 (p<0.01)", "data_as_of": "2026-01-07"}))
    chart = nbformat.v4.new_output("display_data", data={"image/png": _png(), "text/plain": "<Figure>"})
    nb1 = nbformat.v4.new_notebook(cells=[
        nbformat.v4.new_markdown_cell("# Alpha notebook"),
        nbformat.v4.new_markdown_cell("## K1: alpha holds"),
        nbformat.v4.new_code_cell("plot()", outputs=[chart], execution_count=1),
    ], metadata={"research": {"data_as_of": "2026-01-07", "executed_at": "2026-01-08T00:00:00Z",
                              "code_version": "abc1234"}})
    nb2 = nbformat.v4.new_notebook(cells=[nbformat.v4.new_markdown_cell("# Beta notebook\n\nText only.")])
    nbformat.write(nb1, root / "notebooks" / "01_alpha.ipynb")
    nbformat.write(nb2, root / "notebooks" / "02_beta.ipynb")


def _has_chart(ipynb: Path) -> bool:
    nb = nbformat.read(ipynb, as_version=4)
    return any("image/png" in o.get("data", {}) or "image/svg+xml" in o.get("data", {})
               for c in nb.cells if c.cell_type == "code" for o in c.outputs)


def _check_site(index_url: str, notebooks_dir: Path, chromium, screenshot: Path) -> _Dom:
    index = chromium(index_url, screenshot)
    pages = sorted({urllib.parse.urlsplit(h).path for h in index.links
                    if not h.startswith(("http:", "https:", "#")) and ".html" in h})
    stems = sorted(p.stem for p in notebooks_dir.glob("[0-9][0-9]_*.ipynb"))
    assert [Path(p).stem for p in pages] == stems  # one linked page per notebook
    loaded = {"": index}
    for href in index.links:  # every link, anchors included, resolves
        if href.startswith(("http:", "https:")):
            continue
        path, frag = urllib.parse.urlsplit(href).path, urllib.parse.urlsplit(href).fragment
        if path not in loaded:
            loaded[path] = chromium(urllib.parse.urljoin(index_url, path))
        dom = loaded[path]
        if frag:
            assert frag in dom.ids, f"{href}: no element with id {frag!r}"
        if path:
            assert "index.html" in dom.links  # way back to the index
            figures = [s for s in dom.imgs if s.startswith("data:image/")]
            if _has_chart(notebooks_dir / f"{Path(path).stem}.ipynb"):
                assert figures, f"{href} shows no embedded figure"
            assert not [s for s in dom.imgs if not s.startswith("data:")], f"{href} has non-embedded images"
    return index


def test_fixture_site_in_chromium(tmp_path, chromium, serve):
    repo = tmp_path / "repo"
    repo.mkdir()
    _fixture_repo(repo)
    index_path = site.build(repo)
    out = repo / "reports" / "site"
    assert index_path == out / "index.html"
    assert sorted(p.name for p in out.iterdir()) == ["01_alpha.html", "02_beta.html", "index.html"]
    page = (out / "01_alpha.html").read_text()
    assert "https://cdn" not in page and 'src="data:image/png;base64,' in page

    index = _check_site(serve(out) + "index.html", repo / "notebooks", chromium,
                        ARTIFACTS / "site-fixture-index.png")
    assert "01_alpha.html#K1" in index.links and "02_beta.html" in index.links  # K2 has no record yet
    assert "supported" in index.text and "not yet tested" in index.text and "Alpha notebook" in index.text

    # incremental: unchanged pages are kept, a removed notebook's page goes away
    mtime = (out / "01_alpha.html").stat().st_mtime_ns
    (repo / "notebooks" / "02_beta.ipynb").unlink()
    site.build(repo)
    assert (out / "01_alpha.html").stat().st_mtime_ns == mtime
    assert not (out / "02_beta.html").exists()


def test_site_from_committed_notebooks_in_chromium(tmp_path, chromium, serve):
    """The site built from the repository's executed notebooks; screenshot saved as an artifact."""
    repo = tmp_path / "repo"  # a snapshot, so notebooks being re-executed meanwhile don't interfere
    shutil.copytree(config.REPO_ROOT / "notebooks", repo / "notebooks", ignore=shutil.ignore_patterns("*.py"))
    shutil.copytree(config.PACKAGE_DIR, repo / "research_lib", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    if (config.REPO_ROOT / "reports" / "claims").is_dir():
        shutil.copytree(config.REPO_ROOT / "reports" / "claims", repo / "reports" / "claims")
    index = site.build(repo)
    assert (index.parent / "index.html").read_text().count("<tr>") > 0
    _check_site(serve(index.parent) + "index.html", repo / "notebooks", chromium, ARTIFACTS / "site-index.png")
