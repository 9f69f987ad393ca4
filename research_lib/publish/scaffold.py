"""``research new NN_slug "Title"``: scaffold a paired notebook from the template.

Creates ``notebooks/NN_slug.py`` (jupytext py:percent) from ``templates/notebook.py`` and its paired
``notebooks/NN_slug.ipynb`` (not executed). The template has the structure every notebook follows:
provenance stamp, introduction, computed summary table, a claim section (claim, hypothesis, data,
test, chart, and ``claim.record`` under the verdict protocol) and "What would change these verdicts". Placeholders start
with ``TODO``.
"""
from __future__ import annotations

import re
import string
from pathlib import Path

from research_lib import config
from research_lib.errors import ResearchError, excerpt

TEMPLATE = Path(__file__).resolve().parent / "templates" / "notebook.py"
SLUG_RE = re.compile(r"([0-9]{2})_[a-z][a-z0-9_]*", re.ASCII)  # matched whole (fullmatch): no newline, ASCII digits only
MAX_SLUG = 60  # characters: a file name, well under every file system's limit
MAX_TITLE = 200


def new(slug: str, title: str, repo_root: str | Path | None = None) -> Path:
    """Write ``notebooks/<slug>.py`` + ``.ipynb`` and return the ``.py`` path.

    Raises :class:`ResearchError` for a bad slug, an empty title, or a name (or number) already used.
    """
    import jupytext

    m = SLUG_RE.fullmatch(slug or "") if isinstance(slug, str) and len(slug) <= MAX_SLUG else None
    if not m:
        shown = excerpt(slug) if isinstance(slug, str) else repr(slug)
        raise ResearchError(f"bad notebook name {shown}: use NN_slug, two digits then lowercase words joined by "
                            f"underscores, at most {MAX_SLUG} characters, e.g. 05_credit_spreads")
    if not title or not title.strip():
        raise ResearchError("the notebook needs a title, e.g. research new 05_credit \"Credit spreads and equities\"")
    if len(" ".join(title.split())) > MAX_TITLE:
        raise ResearchError(f"the title is {len(title)} characters long: keep it under {MAX_TITLE}")
    nb_dir = Path(repo_root or config.REPO_ROOT) / "notebooks"
    taken = sorted(p.name for p in nb_dir.glob(f"{m.group(1)}_*") if p.suffix in {".py", ".ipynb"})
    if taken:
        raise ResearchError(f"notebook number {m.group(1)} is taken ({', '.join(taken)}): pick another NN")
    text = string.Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        number=m.group(1), title=" ".join(title.split()), slug=slug)
    nb_dir.mkdir(parents=True, exist_ok=True)
    py = nb_dir / f"{slug}.py"
    py.write_text(text, encoding="utf-8")
    jupytext.write(jupytext.reads(text, fmt="py:percent"), py.with_suffix(".ipynb"), fmt="ipynb")
    return py
