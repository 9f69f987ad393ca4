"""Build copies of the executed notebooks, ready for MyST-NB (the committed files are never edited).

For each ``notebooks/NN_*.ipynb`` the build copy

- folds the code: every code cell gets MyST-NB's ``hide-input`` tag (a "Show code" toggle), and the
  provenance stamp cell ``remove-input``, so its output stays visible without its two lines of code;
- puts the provenance stamp under the notebook's title (the committed notebooks open with it);
- records an alt text for every chart: the figure's title when the notebook was executed with the
  figure-output hook (:func:`research_lib.analysis.plotting.figure_png` stores it in the output's
  metadata), otherwise the nearest heading above the chart ("Chart in “K1 — The ISM streak”").

Images are keyed by the sha256 of their bytes: MyST-NB names each extracted image by that hash,
so the site can give every image its own alt text (see :mod:`research_lib.publish.site.engine`).
"""
from __future__ import annotations

import base64
import copy
import hashlib
import html
import re
from dataclasses import dataclass, field

IMAGE_MIMES = ("image/png", "image/jpeg", "image/gif", "image/svg+xml")
_HEADING = re.compile(r"^(#{1,6})\s+(.+?)\s*#*\s*$", re.M)
_TAG = re.compile(r"<[^>]*>")


@dataclass
class NotebookInfo:
    """What the site needs to know about one notebook besides its pages."""

    stem: str
    title: str
    meta: dict = field(default_factory=dict)
    alt: dict[str, str] = field(default_factory=dict)   # image sha256 -> alt text
    charts: int = 0


def plain_heading(text: str) -> str:
    """A markdown heading as plain words: raw HTML, emphasis marks and links removed."""
    text = _TAG.sub("", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"[*_`]+", "", text)
    return " ".join(html.unescape(text).split())


def notebook_title(nb, default: str) -> str:
    """The first level-1 heading of the notebook (``default`` when there is none)."""
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            m = re.search(r"^#\s+(.+)$", cell.source, re.M)
            if m:
                return plain_heading(m.group(1))
    return default


def _image_bytes(mime: str, content) -> bytes:
    text = "".join(content) if isinstance(content, list) else str(content)
    if mime == "image/svg+xml":
        import os

        return os.linesep.join(text.splitlines()).encode("utf-8")  # as MyST-NB writes it
    return base64.b64decode(text)


def _tags(cell, *add: str) -> None:
    tags = list(cell.metadata.get("tags", []))
    for tag in add:
        if tag not in tags:
            tags.append(tag)
    cell.metadata["tags"] = tags


def _is_stamp(cell) -> bool:
    return cell.cell_type == "code" and "stamp()" in cell.source


def prepare_notebook(nb, stem: str):
    """(build copy, :class:`NotebookInfo`) for an executed notebook read with nbformat."""
    nb = copy.deepcopy(nb)
    info = NotebookInfo(stem, notebook_title(nb, stem), dict(nb.metadata.get("research", {})))
    stamp = next((c for c in nb.cells if _is_stamp(c)), None)
    cells = [c for c in nb.cells if c is not stamp]
    if stamp is not None:
        _tags(stamp, "remove-input")
        at = next((i for i, c in enumerate(cells) if c.cell_type == "markdown" and re.search(r"^#\s", c.source, re.M)), None)
        if at is None:
            cells.insert(0, stamp)
        else:  # split the title line from the rest of its cell and put the stamp between them
            cell = cells[at]
            m = re.search(r"^#\s.*$", cell.source, re.M)
            before, title, after = cell.source[:m.start()].strip(), m.group(0), cell.source[m.end():].strip()
            import nbformat

            # fixed cell ids: an unchanged notebook gives a byte-identical build copy (no re-read)
            new = [nbformat.v4.new_markdown_cell(before, id="site-before-title")] if before else []
            new += [nbformat.v4.new_markdown_cell(title, id="site-title"), stamp]
            new += [nbformat.v4.new_markdown_cell(after, id="site-introduction")] if after else []
            cells[at:at + 1] = new
    heading, count_in_section = info.title, 0
    for cell in cells:
        if cell.cell_type == "markdown":
            found = _HEADING.findall(cell.source)
            if found:
                heading, count_in_section = plain_heading(found[-1][1]), 0
            continue
        if cell.cell_type != "code":
            continue
        if cell is not stamp:
            _tags(cell, "hide-input")
        for out in cell.get("outputs", []):
            data = out.get("data", {})
            mimes = [m for m in IMAGE_MIMES if m in data]
            if not mimes:
                continue
            count_in_section += 1
            info.charts += 1
            titles = [str((out.get("metadata", {}).get(m) or {}).get("alt") or "").strip() for m in mimes]
            title = next((t for t in titles if t), "")
            alt = title or (f"Chart {count_in_section} in “{heading}”" if count_in_section > 1
                            else f"Chart in “{heading}”")
            for mime in mimes:  # every rendering of the output: MyST-NB shows the best for the page
                info.alt[hashlib.sha256(_image_bytes(mime, data[mime])).hexdigest()] = " ".join(alt.split())
    nb.cells = cells
    return nb, info
