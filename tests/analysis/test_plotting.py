"""Plotting smoke tests on the Agg backend (synthetic fixtures, not data)."""

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.patches import Polygon  # noqa: E402

from research_lib.analysis import plotting as rplt  # noqa: E402


@pytest.fixture(autouse=True)
def _close_all():
    yield
    plt.close("all")


@pytest.fixture
def frame():
    idx = pd.date_range("2005-01-01", "2012-12-01", freq="MS")
    rng = np.random.default_rng(0)
    return pd.DataFrame({"a": rng.standard_normal(len(idx)).cumsum(),
                         "b": rng.standard_normal(len(idx)).cumsum()}, index=idx)


@pytest.fixture
def rec():
    idx = pd.date_range("1999-01-01", "2013-12-01", freq="MS")
    flags = ((idx >= "2001-04-01") & (idx <= "2001-11-01")) | ((idx >= "2008-01-01") & (idx <= "2009-06-01"))
    return pd.Series(flags.astype(float), index=idx)


def _title(ax):
    return ax.get_title(loc="left") or ax.get_title()


def _captions(ax):
    return [t.get_text() for t in ax.texts if t.get_gid() == "caption"]


def _spans(ax):
    return [p for p in ax.patches if p.get_label() == "_recession"]


def test_setup_sets_style():
    rplt.setup()
    assert tuple(plt.rcParams["figure.figsize"]) == rplt.FIGSIZE
    assert plt.rcParams["figure.dpi"] == 110


def test_timeseries_title_labels_caption_recessions(frame, rec):
    fig, ax = rplt.timeseries(frame, "A and B drift apart", "Level (index points)", "FRED", recessions=rec)
    assert _title(ax) == "A and B drift apart"
    assert ax.get_ylabel() == "Level (index points)"
    (cap,) = _captions(ax)
    assert cap.startswith("Source: FRED · Data as of 2012-12-01")
    assert "NBER recessions" in cap
    assert len(_spans(ax)) == 1  # 2001 is outside the plotted range, 2008-09 inside
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["a", "b"]
    rplt.finish(fig).canvas.draw()


def test_shading_clipped_to_xlimits(frame, rec):
    fig, ax = rplt.timeseries(frame["a"], "t", "y", "src", recessions=False)
    xlim = ax.get_xlim()
    assert rplt.shade_recessions(ax, rec) == 1
    assert ax.get_xlim() == xlim
    (span,) = _spans(ax)
    xs = np.asarray(span.get_xy())[:, 0] if isinstance(span, Polygon) else [span.get_x()]
    assert min(xs) >= xlim[0] and max(xs) <= xlim[1]
    assert ax.get_legend() is None


def test_shading_on_pandas_period_axis(frame, rec):
    fig, ax = plt.subplots()
    frame["a"].plot(ax=ax)
    assert rplt.shade_recessions(ax, rec) == 1


def test_shading_fails_soft_without_store(frame, monkeypatch):
    import research_lib

    def boom(*a, **k):
        raise RuntimeError("empty store")

    monkeypatch.setattr(research_lib, "load", boom)
    fig, ax = plt.subplots()
    ax.plot(frame.index, frame["a"])
    with pytest.warns(UserWarning, match="recession shading skipped"):
        assert rplt.shade_recessions(ax) == 0


def test_caption_forms(frame):
    fig, ax = plt.subplots()
    ax.plot(frame.index, frame["a"])
    rplt.caption(fig, "BEA", pd.Timestamp("2024-03-31"), note="Real terms.")
    assert _captions(ax) == ["Source: BEA · Data as of 2024-03-31 · Real terms."]
    rplt.caption(ax, "Source: Census C30. As of 2024-01-01.")
    assert _captions(ax) == ["Source: Census C30. As of 2024-01-01."]
    rplt.caption(ax, "Rolling R². Source: ISM.", as_of="2024-05-01")
    assert _captions(ax) == ["Rolling R². Source: ISM. · Data as of 2024-05-01"]


def test_bar_labels_both_orientations():
    s = pd.Series([1.5, -2.0, 3.0], index=["x", "y", "z"])
    fig, ax = rplt.bar(s, "Z is largest", "Percent", "test", "2024-01-01", fmt="{:.1f}")
    assert ax.get_ylabel() == "Percent" and len(ax.patches) == 3
    assert _captions(ax) == ["Source: test · Data as of 2024-01-01"]
    fig, ax = rplt.bar(s, "Z is largest", "Percent", "test", "2024-01-01", horizontal=True)
    assert ax.get_xlabel() == "Percent"
    rplt.finish(fig)
    assert not plt.fignum_exists(fig.number)


def test_long_caption_neither_squeezes_axes_nor_gets_cropped():
    """finish() lays out without the caption, then counts it again for the saved (tight) image."""
    import io

    from matplotlib.transforms import Bbox

    widths, boxes = [], []
    for source in ["short", "a very long list of sources, " * 12]:
        fig, ax = plt.subplots(figsize=(10, 5.5))
        ax.plot(range(10))
        ax.set_xlabel("x")
        art = rplt.caption(ax, source, "2026-01-01")
        rplt.finish(fig, close=False)
        widths.append(ax.get_position().width)
        fig.savefig(io.BytesIO(), format="png", bbox_inches="tight")
        renderer = fig.canvas.get_renderer()
        tight = fig.get_tightbbox(renderer)
        cap = art.get_window_extent(renderer).transformed(fig.dpi_scale_trans.inverted())
        boxes.append(Bbox.union([tight, cap]) == tight or tight.contains(cap.x0, cap.y0))
        plt.close(fig)
    assert widths[0] == pytest.approx(widths[1], abs=1e-6)
    assert all(boxes)


@pytest.mark.parametrize("as_of, shown", [("2026Q1", "Data as of 2026Q1"), ("2025-12", "Data as of 2025-12"),
                                          ("2024", "Data as of 2024"), ("2026-03-31", "Data as of 2026-03-31"),
                                          (pd.Timestamp("2026-01-01"), "Data as of 2026-01-01")])
def test_caption_keeps_period_labels(as_of, shown):
    """A record's as-of label for quarterly, monthly or annual data reads as the period, not its first day."""
    fig, ax = plt.subplots()
    art = rplt.caption(ax, "BEA", as_of)
    assert shown in art.get_text()
    plt.close(fig)


# ----------------------------------------------------------------------------- figure output for the site
def test_figure_png_is_2x_with_the_title_as_alt_text():
    import base64

    fig, ax = plt.subplots(figsize=(5, 3))
    ax.plot([1, 2, 3])
    ax.set_title("Net liquidity and bitcoin")
    data, meta = rplt.figure_png(fig)
    raw = base64.b64decode(data)
    assert raw[:8] == b"\x89PNG\r\n\x1a\n"
    assert meta["alt"] == "Net liquidity and bitcoin"
    assert abs(int.from_bytes(raw[16:20], "big") - 2 * meta["width"]) <= 2  # drawn at twice the display size
    fig.suptitle("A suptitle wins")
    assert rplt.figure_title(fig) == "A suptitle wins"
    assert rplt.figure_png(plt.figure()) is None  # an empty figure shows nothing
    plt.close("all")


def test_figure_output_registers_on_a_notebook_shell():
    from types import SimpleNamespace

    from IPython.core.formatters import DisplayFormatter

    shell = SimpleNamespace(display_formatter=DisplayFormatter())
    assert rplt.figure_output(shell) is True
    fig, ax = plt.subplots()
    ax.plot([1, 2])
    ax.set_title("Shown with its title")
    data, meta = shell.display_formatter.format(fig)
    assert set(data) >= {"image/png"} and meta["image/png"]["alt"] == "Shown with its title"
    assert rplt.figure_output(SimpleNamespace()) is False  # not a notebook
    plt.close("all")


def test_legends_sit_off_the_data_and_log_ticks_are_plain():
    idx = pd.date_range("2020-01-01", periods=30, freq="MS")
    frame = pd.DataFrame({"stocks": np.linspace(1, 100, 30), "bonds": np.linspace(2, 50, 30)}, index=idx)
    fig, ax = rplt.timeseries(frame, "Two lines", "index", "test", recessions=False)
    ax.set_yscale("log")
    rplt.finish(fig)
    fig.canvas.draw()
    legend = ax.get_legend()
    axes_box, legend_box = ax.get_window_extent(), legend.get_window_extent()
    assert legend_box.y1 <= axes_box.y0 + 1  # below the axes, not over the lines
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels and not any("^" in t or "$" in t for t in labels)  # 10, 20, 50, not 10^1
