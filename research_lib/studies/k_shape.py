"""Notebook 01 ("Two economies": markets vs the real economy, claims K1-K9): study helpers.

Pure functions on pandas objects; the notebook loads data and passes series in.
"""
from __future__ import annotations
