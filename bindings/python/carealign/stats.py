"""Indicator statistics (include/carealign/stats.h) as Python functions."""

from __future__ import annotations

# === Section A: distributions, intervals, standardisation, funnels, SII ===
from ctypes import byref as _byref

from . import _lib as _la
from ._lib import Estimate

# Methods and flags of an Estimate (include/carealign/common.h).
METHOD_NONE = 0
METHOD_WILSON = 1
METHOD_EXACT = 2
METHOD_BYAR = 3
METHOD_T = 4
METHOD_DOBSON = 5
EST_TOO_FEW = 0x1
EST_LOWER_NA = 0x2
EST_UPPER_NA = 0x4


def proportion_wilson(numerator: float, denominator: float,
                      confidence: float = 0.95) -> Estimate:
    """A proportion (0..1) with its Wilson score interval (PHE's method)."""
    out = Estimate()
    _la.lib.carealign_proportion_wilson(numerator, denominator, confidence, _byref(out))
    return out


def rate(events: float, denominator: float, per: float = 100000.0,
         confidence: float = 0.95) -> Estimate:
    """A crude rate per ``per``: exact interval below 10 events, Byar's from 10."""
    out = Estimate()
    _la.lib.carealign_rate(events, denominator, per, confidence, _byref(out))
    return out


def byar_interval(count: float, confidence: float = 0.95) -> Estimate:
    """Byar's interval on a count; a negative lower limit is NaN (flagged)."""
    out = Estimate()
    _la.lib.carealign_byar_interval(count, confidence, _byref(out))
    return out


def mean_t(n: int, mean: float, m2: float, confidence: float = 0.95) -> Estimate:
    """A mean with its Student t interval; ``m2`` is the sum of squared deviations."""
    out = Estimate()
    _la.lib.carealign_mean_t(n, mean, m2, confidence, _byref(out))
    return out


# === end of section A ===

# === Section B: SPC, economics, disclosure control, change ===

# === end of section B ===
