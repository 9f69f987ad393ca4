"""Numbers in words: one style for p-values, percentages, points and yes/no everywhere.

Used by notebooks, headlines and the site so that a p-value or a percentage reads the same on
every page.
"""
from __future__ import annotations

import math


def _missing(x) -> bool:
    return x is None or (isinstance(x, float) and not math.isfinite(x))


def p_value(value: float | None) -> str:
    """A p-value's digits: ``"0.034"``, ``"<0.001"``; ``"n/a"`` when missing."""
    if _missing(value):
        return "n/a"
    return "<0.001" if value < 0.001 else f"{value:.3f}"


def p(value: float | None) -> str:
    """A p-value with its letter: ``"p = 0.034"``, ``"p < 0.001"``, ``"p n/a"``."""
    text = p_value(value)
    return f"p {text[0]} {text[1:]}" if text.startswith("<") else f"p = {text}" if text != "n/a" else "p n/a"


def pct(value: float | None, digits: int = 1, sign: bool = False) -> str:
    """A percentage: ``"12.3%"`` (``sign`` adds ``+`` to positive values)."""
    if _missing(value):
        return "n/a"
    return f"{value:{'+' if sign else ''}.{digits}f}%"


def pp(value: float | None, digits: int = 2, sign: bool = True) -> str:
    """Percentage points: ``"+0.71 pp"``."""
    if _missing(value):
        return "n/a"
    return f"{value:{'+' if sign else ''}.{digits}f} pp"


def num(value: float | None, digits: int = 2, unit: str = "") -> str:
    """A plain number with thousands separators and an optional unit: ``"1,234.50 bn"``."""
    if _missing(value):
        return "n/a"
    return f"{value:,.{digits}f}" + (f" {unit}" if unit else "")


def interval(low: float | None, high: float | None, digits: int = 2) -> str:
    """A confidence interval: ``"[−0.12, 0.48]"``."""
    if _missing(low) or _missing(high):
        return "[n/a]"
    return f"[{low:.{digits}f}, {high:.{digits}f}]"


def date(value) -> str:
    """A day as ``YYYY-MM-DD``."""
    import pandas as pd

    return "n/a" if value is None else f"{pd.Timestamp(value):%Y-%m-%d}"


def more_or_less(value: float | None, unit: str, digits: int = 1, up: str = "more", down: str = "less") -> str:
    """A signed difference in words: ``"1.6 points less"``, ``"3% above"`` (``unit="%"`` attaches)."""
    if _missing(value):
        return "n/a"
    return f"{num(abs(value), digits)}{'' if unit == '%' else ' '}{unit} {up if value >= 0 else down}"
