"""Consistent, captioned charts for the research notebooks.

Every chart helper takes a title (the chart's message), axis labels with units and a source,
writes a caption "Source: ... · Data as of YYYY-MM-DD" under the axes, shades NBER recessions on
time axes, and returns (fig, ax). End a cell with `rplt.finish(fig)` to show exactly one figure.

This module never loads data: the recession indicator is passed in, once per notebook with
``setup(recessions=load("USREC"))`` or per call with ``recessions=``.
"""

from __future__ import annotations

import re
import warnings
from datetime import date, datetime
from typing import Any

import matplotlib as mpl
import matplotlib.dates as mdates
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure

__all__ = ["setup", "shade_recessions", "shade_recession_years", "caption", "timeseries",
           "bar", "plain_log_axis", "legend_outside", "twin_axis", "finish", "show", "spec_chart",
           "figure_title", "figure_png", "figure_output", "FIGSIZE"]

FIGSIZE = (10.0, 5.5)
CAPTION_COLOR = "0.4"
RECESSION_COLOR = "0.85"
RECESSION_NOTE = "Shaded: NBER recessions."


_DEFAULTS: dict[str, Any] = {"recessions": None}


def setup(recessions: pd.Series | None = None) -> None:
    """Apply the project's plotting style (seaborn whitegrid, readable fonts, dpi 110) and, in a
    notebook, the figure output of :func:`figure_output` (PNG at 2x, the title as alt text).

    ``recessions``: a 0/1 monthly indicator (``load("USREC")``) used to shade recessions wherever a
    helper is not given one.
    """
    if recessions is not None:
        _DEFAULTS["recessions"] = recessions
    sns.set_theme(style="whitegrid", context="notebook", palette="deep")
    mpl.rcParams.update({
        "figure.figsize": FIGSIZE,
        "figure.dpi": 110,
        "savefig.dpi": 110,
        "savefig.bbox": "tight",
        "axes.titlesize": 13,
        "axes.titleweight": "bold",
        "axes.titlelocation": "left",
        "axes.labelsize": 11,
        "xtick.labelsize": 10,
        "ytick.labelsize": 10,
        "legend.fontsize": 10,
        "legend.frameon": False,
        "axes.spines.top": False,
        "axes.spines.right": False,
        "lines.linewidth": 1.6,
    })
    figure_output()


def _fmt_date(d: Any) -> str:
    """A date as ``YYYY-MM-DD``; a period label (``2026Q1``, ``2025-12``, ``2024``) is kept as written."""
    if isinstance(d, str) and not re.match(r"\d{4}-\d{2}-\d{2}", d.strip()):
        return d.strip()
    if isinstance(d, (str, pd.Timestamp, datetime, date, np.datetime64)):
        return pd.Timestamp(d).strftime("%Y-%m-%d")
    return str(d)


def _last_date(data: pd.Series | pd.DataFrame) -> pd.Timestamp | None:
    idx = data.dropna(how="all").index if isinstance(data, pd.DataFrame) else data.dropna().index
    return idx.max() if isinstance(idx, pd.DatetimeIndex) and len(idx) else None


def _recession_spans(rec: pd.Series) -> list[tuple[pd.Timestamp, pd.Timestamp]]:
    """(start, end) of each run of rec == 1; end = start of the first month after the run."""
    s = rec.dropna().sort_index()
    if s.empty:
        return []
    on = (s.to_numpy() > 0.5)
    spans = []
    i = 0
    step = pd.Series(s.index).diff().median() if len(s) > 1 else pd.Timedelta(days=31)
    while i < len(on):
        if on[i]:
            j = i
            while j + 1 < len(on) and on[j + 1]:
                j += 1
            end = s.index[j + 1] if j + 1 < len(on) else s.index[j] + step
            spans.append((s.index[i], end))
            i = j + 1
        else:
            i += 1
    return spans


def _to_xunits(ax: Axes, ts: pd.Timestamp) -> float:
    """Convert a timestamp to the axis' x units (pandas period axis or matplotlib dates)."""
    freq = getattr(ax, "freq", None)  # set by pandas' own time-series plotting
    if freq is not None:
        return float(pd.Period(ts, freq=freq).ordinal)
    return float(mdates.date2num(ts))


def shade_recessions(ax: Axes, rec: pd.Series | None = None, color: str = RECESSION_COLOR) -> int:
    """Shade NBER recession months (indicator == 1) inside the current x-limits; returns spans drawn.

    ``rec`` is a 0/1 monthly Series; when None, the one given to :func:`setup` is used (a warning,
    not an error, if there is none).
    """
    rec = rec if rec is not None else _DEFAULTS["recessions"]
    if rec is None:
        warnings.warn("recession shading skipped: pass recessions= or call setup(recessions=load('USREC'))",
                      stacklevel=2)
        return 0
    x0, x1 = ax.get_xlim()
    drawn = 0
    for start, end in _recession_spans(rec):
        a, b = _to_xunits(ax, start), _to_xunits(ax, end)
        if b <= x0 or a >= x1:
            continue
        ax.axvspan(max(a, x0), min(b, x1), color=color, alpha=0.6, lw=0, zorder=0,
                   label="_recession")
        drawn += 1
    ax.set_xlim(x0, x1)
    return drawn


def shade_recession_years(ax: Axes, rec: pd.Series | None = None, color: str = RECESSION_COLOR) -> int:
    """Recession shading on an axis whose x unit is the calendar year (year Y spans Y-0.5..Y+0.5)."""
    rec = rec if rec is not None else _DEFAULTS["recessions"]
    if rec is None:
        return 0
    x0, x1 = ax.get_xlim()
    drawn = 0
    for start, end in _recession_spans(rec):
        fa = start.year - 0.5 + (start.day_of_year - 1) / 365.25
        fb = end.year - 0.5 + (end.day_of_year - 1) / 365.25
        if fb > x0 and fa < x1:
            ax.axvspan(max(fa, x0), min(fb, x1), color=color, alpha=0.6, lw=0, zorder=0, label="_recession")
            drawn += 1
    ax.set_xlim(x0, x1)
    return drawn


def plain_log_axis(ax: Axes, axis: str = "y", fmt: str = "{x:,.0f}") -> None:
    """A log scale whose ticks read as plain numbers (1, 10, 100, 1,000), not 10^2."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    target = ax.yaxis if axis == "y" else ax.xaxis
    (ax.set_yscale if axis == "y" else ax.set_xscale)("log")
    target.set_major_locator(LogLocator(base=10, subs=(1.0, 2.0, 5.0)))
    target.set_major_formatter(FuncFormatter(lambda x, _: fmt.format(x=x)))
    target.set_minor_formatter(NullFormatter())


def legend_outside(ax: Axes, *more: Axes, loc: str = "below", ncol: int | None = None) -> Any:
    """One legend for ``ax`` (and twin axes in ``more``) placed off the data: below or right of it."""
    handles, labels = ax.get_legend_handles_labels()
    for other in more:
        h, lab = other.get_legend_handles_labels()
        handles, labels = handles + h, labels + lab
    keep = [(h, lab) for h, lab in zip(handles, labels) if not lab.startswith("_")]
    if not keep:
        return None
    handles, labels = zip(*keep)
    if loc == "right":
        return ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(1.02, 1.0), borderaxespad=0)
    return ax.legend(handles, labels, loc="upper left", bbox_to_anchor=(0.0, -0.12), borderaxespad=0,
                     ncol=ncol or min(len(labels), 3))


def twin_axis(ax: Axes, ylabel: str, log: bool = False) -> Axes:
    """A right-hand y-axis sharing x, without a second grid clashing with the first."""
    other = ax.twinx()
    other.grid(False)
    other.spines["right"].set_visible(True)
    other.set_ylabel(ylabel)
    if log:
        plain_log_axis(other)
    return other


def _bottom_left_axes(fig: Figure) -> Axes:
    axes = [a for a in fig.axes if a.get_visible()]
    return min(axes, key=lambda a: (round(a.get_position().y0, 3), a.get_position().x0))


def caption(fig_or_ax: Figure | Axes, source: str, as_of: Any = None,
            note: str | None = None) -> Any:
    """Write "Source: ... · Data as of YYYY-MM-DD[ · note]" in small grey type under the axes.

    A `source` text that already contains "Source" is used as written; the as-of part is omitted when
    `as_of` is None. Given a Figure, the caption goes under its bottom-left axes. Returns the
    text artist (replacing an earlier caption on the same axes).
    """
    ax = _bottom_left_axes(fig_or_ax) if isinstance(fig_or_ax, Figure) else fig_or_ax
    parts = [source if "source" in source.lower() else f"Source: {source}"]
    if as_of is not None:
        parts.append(f"Data as of {_fmt_date(as_of)}")
    if note:
        parts.append(note)
    text = " · ".join(parts)
    for old in [c for c in ax.texts if c.get_gid() == "caption"]:
        old.remove()
    # Anchored below the x-axis label (whose position accounts for tick labels) at the axes' left.
    art = ax.annotate(text, xy=(0, 0), xycoords=("axes fraction", ax.xaxis.label),
                      xytext=(0, -6), textcoords="offset points", ha="left", va="top",
                      fontsize=8.5, color=CAPTION_COLOR, annotation_clip=False,
                      wrap=True)  # a long caption wraps at the figure edge instead of squeezing the axes
    art.set_gid("caption")
    return art


def _new_ax(ax: Axes | None, figsize: tuple[float, float] | None = None) -> tuple[Figure, Axes]:
    if ax is not None:
        return ax.figure, ax
    fig, ax = plt.subplots(figsize=figsize or FIGSIZE)
    return fig, ax


def _decorate(fig: Figure, ax: Axes, title: str, ylabel: str, source: str, as_of: Any,
              xlabel: str | None = None, note: str | None = None) -> None:
    ax.set_title(title)
    ax.set_ylabel(ylabel)
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    caption(ax, source, as_of, note)


def timeseries(data: pd.Series | pd.DataFrame, title: str, ylabel: str, source: str,
               as_of: Any = None, recessions: bool | pd.Series = True, ax: Axes | None = None,
               hline: float | None = None, note: str | None = None, legend: bool | None = None,
               **kw: Any) -> tuple[Figure, Axes]:
    """Line chart of a Series (one line) or DataFrame (one line per column).

    `as_of` defaults to the data's last date; `recessions` may be False, True (the indicator given
    to `setup`) or a 0/1 Series; `hline` draws a reference line (e.g. 0 or 50); extra keywords go to
    `ax.plot`.
    """
    fig, ax = _new_ax(ax)
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    for col in frame.columns:
        s = frame[col].dropna()
        ax.plot(s.index, s.to_numpy(), label=str(col), **kw)
    if hline is not None:
        ax.axhline(hline, color="0.3", lw=1, ls="--", zorder=1)
    ax.margins(x=0.01)
    shaded = 0
    if recessions is not False:
        shaded = shade_recessions(ax, None if recessions is True else recessions)
    if legend or (legend is None and frame.shape[1] > 1):
        legend_outside(ax)
    notes = [n for n in (RECESSION_NOTE if shaded else None, note) if n]
    _decorate(fig, ax, title, ylabel, source, as_of if as_of is not None else _last_date(data),
              note=" ".join(notes) or None)
    return fig, ax


def bar(data: pd.Series | pd.DataFrame, title: str, ylabel: str, source: str, as_of: Any = None,
        ax: Axes | None = None, horizontal: bool = False, xlabel: str | None = None,
        note: str | None = None, fmt: str | None = None, **kw: Any) -> tuple[Figure, Axes]:
    """Bar chart of a Series (one bar per index label) or DataFrame (grouped bars).

    With `horizontal=True`, `ylabel` still names the value axis (drawn horizontally).
    `fmt` (e.g. "{:.1f}") writes values on the bars.
    """
    fig, ax = _new_ax(ax)
    frame = data.to_frame() if isinstance(data, pd.Series) else data
    if isinstance(frame.index, pd.DatetimeIndex):
        frame = frame.set_axis(frame.index.strftime("%Y-%m-%d"), axis=0)
    kind = "barh" if horizontal else "bar"
    frame.plot(kind=kind, ax=ax, legend=frame.shape[1] > 1, width=0.8, **kw)
    if fmt:
        for cont in ax.containers:
            ax.bar_label(cont, fmt=fmt, fontsize=8.5, padding=2)
    (ax.axvline if horizontal else ax.axhline)(0, color="0.3", lw=0.8)
    ax.grid(axis="y" if horizontal else "x", visible=False)
    if not horizontal:
        ax.tick_params(axis="x", labelrotation=0 if len(frame) <= 8 else 45)
    ax.set_title(title)
    if horizontal:
        ax.set_xlabel(ylabel)
        ax.set_ylabel(xlabel or "")
    else:
        ax.set_ylabel(ylabel)
        ax.set_xlabel(xlabel or "")
    caption(ax, source, as_of, note)
    return fig, ax


def _plain_log_ticks(fig: Figure) -> None:
    """Log axes still showing 10^k tick labels get plain numbers (see :func:`plain_log_axis`)."""
    from matplotlib.ticker import LogFormatterSciNotation

    for ax in fig.axes:
        for axis, name in ((ax.xaxis, "x"), (ax.yaxis, "y")):
            if axis.get_scale() == "log" and isinstance(axis.get_major_formatter(), LogFormatterSciNotation):
                plain_log_axis(ax, name)


def finish(fig: Figure, close: bool = True) -> Figure:
    """Tight layout and return the figure; closing it (default) makes a notebook cell that ends
    with `rplt.finish(fig)` display the chart exactly once. Log axes get plain tick labels."""
    _plain_log_ticks(fig)
    captions = [t for ax in fig.axes for t in ax.texts if t.get_gid() == "caption"]
    for text in captions:  # lay the axes out without the captions, so a long one cannot squeeze them,
        text.set_in_layout(False)
    fig.tight_layout()
    for text in captions:  # then count them again, so a tight bounding box keeps them in the image
        text.set_in_layout(True)
    if close:
        plt.close(fig)
    return fig


def show(fig: Figure, source: str, as_of: Any = None, note: str | None = None) -> None:
    """Caption the figure (source, as-of, note), lay it out and show it once."""
    caption(fig, source, as_of, note=note)
    finish(fig, close=False)
    plt.show()


OUTCOME_STYLE = {"pass": ("#2e7d32", "holds"), "fail": ("#c62828", "does not hold"),
                 "undecided": ("#8a8a8a", "cannot decide")}


def spec_chart(record: dict, max_width: float = 9.0) -> Figure | None:
    """One picture per claim: the decision statistic of the baseline and every variant.

    ``record`` is a claim record written under the verdict protocol. One panel per test and window
    (the baseline on top, in bold); each dot is a specification's estimate with its interval,
    coloured by whether the claim holds there; the rule's threshold is a dashed line and the size
    that matters a shaded band. Returns the (closed) figure, or None for records without tests.
    """
    from matplotlib.lines import Line2D

    panels = [(p, t, wname, w) for p in record.get("parts", []) for t in p.get("tests", [])
              for wname, w in t.get("windows", {}).items() if w.get("specs")]
    if not panels:
        return None
    heights = [0.9 + 0.32 * len(w["specs"]) for *_, w in panels]
    fig, axes = plt.subplots(len(panels), 1, figsize=(max_width, sum(heights) + 0.9),
                             gridspec_kw={"height_ratios": heights}, squeeze=False)
    for ax, (part, test, wname, w) in zip(axes[:, 0], panels):
        specs = w["specs"]
        ys = np.arange(len(specs))[::-1]
        rule = test.get("rule", {})
        thr, m = rule.get("threshold"), rule.get("meaningful")
        for y, sp in zip(ys, specs):
            color = OUTCOME_STYLE.get(sp.get("outcome"), ("#444", ""))[0]
            est, lo, hi = sp.get("estimate"), sp.get("low"), sp.get("high")
            if lo is not None and hi is not None:
                ax.plot([lo, hi], [y, y], color=color, lw=2.2, solid_capstyle="butt")
            if est is not None:
                ax.plot([est], [y], "o", color=color, ms=7 if sp["name"] == "baseline" else 5.5, zorder=3)
        if thr is not None:
            ax.axvline(thr, color="0.25", ls="--", lw=1)
            if m and rule.get("kind") in ("greater", "less", "within"):
                lo_b, hi_b = ((thr, thr + m) if rule["kind"] == "greater" else (thr - m, thr) if rule["kind"] == "less"
                              else (thr - m, thr + m))
                ax.axvspan(lo_b, hi_b, color="#fff3c4", alpha=0.7, lw=0, zorder=0)
        ax.set_yticks(ys)
        ax.set_yticklabels([sp["name"] for sp in specs])
        for label in ax.get_yticklabels():
            if label.get_text() == "baseline":
                label.set_fontweight("bold")
        ax.grid(axis="y", visible=False)
        stat = test.get("statistic", {})
        units = f" ({stat.get('units')})" if stat.get("units") else ""
        ax.set_xlabel(f"{stat.get('name', 'statistic')}{units}", fontsize=9.5)
        label = f"part {part['part']}: " if part.get("part") else ""
        ax.set_title(f"{label}{test['name']}, {wname}: {w['verdict']} ({w['agree']} of {w['of']} variants agree)",
                     fontsize=10.5, loc="left", fontweight="bold")
        ax.margins(y=0.15)
    handles = [Line2D([], [], color=c, marker="o", lw=2, label=f"claim {text}") for c, text in OUTCOME_STYLE.values()]
    handles.append(Line2D([], [], color="0.25", ls="--", label="rule threshold"))
    fig.legend(handles=handles, loc="lower left", ncol=4, frameon=False, fontsize=9, bbox_to_anchor=(0.01, 0.0))
    fig.suptitle(f"{record['id']}: {record['verdict']} today — the statistic across the declared specifications",
                 x=0.01, ha="left", fontsize=12, fontweight="bold")
    caption(axes[-1, 0], f"Claim record {record['id']} ({record.get('notebook', '')})",
            record.get("data_as_of_label") or record.get("data_as_of"))
    fig.tight_layout(rect=(0, 0.05, 1, 0.96))
    plt.close(fig)
    return fig


# ----------------------------------------------------------------------------- figure output
def figure_title(fig: Figure) -> str:
    """The chart's title in words: the figure's suptitle, else its axes' titles joined by "; "."""
    sup = getattr(fig, "_suptitle", None)
    if sup is not None and sup.get_text().strip():
        return " ".join(sup.get_text().split())
    titles = []
    for ax in fig.axes:
        for loc in ("left", "center", "right"):
            text = " ".join(ax.get_title(loc).split())
            if text and text not in titles:
                titles.append(text)
    return "; ".join(titles)


def figure_png(fig: Figure, scale: float = 2.0) -> tuple[str, dict] | None:
    """A figure as a base64 PNG drawn at ``scale`` times its display resolution, with the output
    metadata ``{"width", "height", "alt"}``: the display size in CSS pixels and the chart's title
    (:func:`figure_title`), which the site uses as the image's alt text. None for an empty figure."""
    import base64
    import io

    if not fig.axes:
        return None
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=fig.dpi * scale, bbox_inches="tight",
                facecolor=fig.get_facecolor(), edgecolor=fig.get_edgecolor())
    data = buf.getvalue()
    width, height = int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")  # IHDR
    meta = {"width": round(width / scale), "height": round(height / scale)}
    title = figure_title(fig)
    if title:
        meta["alt"] = title
    return base64.b64encode(data).decode("ascii"), meta


def figure_output(shell: Any = None) -> bool:
    """Show matplotlib figures in a notebook through :func:`figure_png` (crisp 2x PNG, title as alt
    text). Returns False outside IPython. ``shell`` defaults to the running IPython shell."""
    if shell is None:
        try:
            from IPython import get_ipython
        except ImportError:
            return False
        shell = get_ipython()
    formatters = getattr(getattr(shell, "display_formatter", None), "formatters", None)
    if not formatters or "image/png" not in formatters:
        return False
    # load the notebook's backend first: the inline backend registers its own figure formatter when
    # its module is imported (lazily, at the first figure), which would replace this one
    backend = str(mpl.rcParams["backend"])
    if backend.startswith("module://"):
        import importlib

        importlib.import_module(backend.removeprefix("module://"))
    for mime, formatter in formatters.items():
        if mime != "image/png":
            formatter.pop(Figure, None)
    formatters["image/png"].for_type(Figure, figure_png)
    return True
