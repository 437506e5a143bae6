"""Indicator statistics (include/carealign/stats.h) as Python functions."""

from __future__ import annotations

# === Section A: distributions, intervals, standardisation, funnels, SII ===
from ctypes import byref as _byref
from ctypes import c_double as _c_double
from ctypes import c_int32 as _c_int32
from ctypes import c_uint32 as _c_uint32
import ctypes as _ctypes

from . import _lib as _la
from ._lib import Estimate


def _array(values, ctype=_c_double):
    """A ctypes array over ``values``: zero-copy for a writable contiguous
    buffer of the right item type (a NumPy float64 / uint32 array), else a
    copy. Returns (array, length); (None, 0) for None."""
    if values is None:
        return None, 0
    try:
        view = memoryview(values)
        code = "d" if ctype is _c_double else "I"
        if view.format == code and view.c_contiguous and not view.readonly and view.ndim == 1:
            return (ctype * len(view)).from_buffer(values), len(view)
    except TypeError:
        pass
    seq = list(values)
    return (ctype * len(seq))(*seq), len(seq)

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


#: The European Standard Population 2013 in 19 bands (0-4, ..., 85-89, 90+).
ESP2013 = tuple(_la.lib.carealign_esp2013()[i] for i in range(_la.ESP2013_BANDS))


def dsr(counts, populations, standard=None, per: float = 100000.0,
        confidence: float = 0.95) -> Estimate:
    """Directly standardised rate (Dobson, Byar's limits on the total count).
    ``standard=None`` uses the built-in ESP 2013 (19 bands). Below 10 events
    the value is NaN, flagged EST_TOO_FEW."""
    x, k = _array(counts)
    n, kn = _array(populations)
    w, kw = _array(standard)
    if kn != k or (standard is not None and kw != k):
        raise ValueError("counts, populations and standard must have the same length")
    out = Estimate()
    _la.lib.carealign_dsr(x, n, w, k, per, confidence, _byref(out))
    return out


def dsr_nonindependent(row_band, row_frequency, row_persons, populations, standard=None,
                       per: float = 100000.0, confidence: float = 0.95) -> Estimate:
    """DSR for non-independent events: rows of (band index, events per
    person, persons)."""
    b, k = _array(row_band, _c_uint32)
    f, kf = _array(row_frequency)
    p, kp = _array(row_persons)
    n, kn = _array(populations)
    w, kw = _array(standard)
    if kf != k or kp != k or (standard is not None and kw != kn):
        raise ValueError("row arrays (and populations/standard) must have matching lengths")
    out = Estimate()
    _la.lib.carealign_dsr_nonindependent(b, f, p, k, n, w, kn, per, confidence, _byref(out))
    return out


def expected_events(ref_counts, ref_populations, populations) -> float:
    """Expected events E = sum(ref_count / ref_population * population)."""
    x, k = _array(ref_counts)
    r, kr = _array(ref_populations)
    n, kn = _array(populations)
    if kr != k or kn != k:
        raise ValueError("arrays must have the same length")
    out = _c_double()
    _la.lib.carealign_expected_events(x, r, n, k, _byref(out))
    return out.value


def isratio(observed: float, expected: float, ref_value: float = 1.0,
            confidence: float = 0.95) -> Estimate:
    """Indirectly standardised ratio O/E * ref_value (exact below 10, Byar from 10)."""
    out = Estimate()
    _la.lib.carealign_isratio(observed, expected, ref_value, confidence, _byref(out))
    return out


def israte(observed: float, expected: float, ref_events: float, ref_population: float,
           per: float = 100000.0, confidence: float = 0.95) -> Estimate:
    """Indirectly standardised rate O/E * (ref_events / ref_population * per)."""
    out = Estimate()
    _la.lib.carealign_israte(observed, expected, ref_events, ref_population, per, confidence,
                             _byref(out))
    return out


# Funnel plots (include/carealign/stats.h, "Funnel plots")
from ._lib import FunnelPoint, Overdispersion, OverdispersionOptions  # noqa: E402

FUNNEL_LOW = 0
FUNNEL_HIGH = 1
FUNNEL_PROPORTION = 1
FUNNEL_RATIO = 2
FUNNEL_RATE = 3
FUNNEL_RATIO_PLAIN = 0
FUNNEL_RATIO_COUNT = 1
FUNNEL_RATIO_ISR = 2
FUNNEL_RATE_CRUDE = 1
FUNNEL_RATE_DSR = 2
FUNNEL_NOT_SIGNIFICANT = 0
FUNNEL_HIGH_0025 = 1
FUNNEL_HIGH_0001 = 2
FUNNEL_LOW_0025 = -1
FUNNEL_LOW_0001 = -2
FUNNEL_NOT_APPLICABLE = 3
#: PHE's labels of the significance categories.
FUNNEL_LABELS = {
    FUNNEL_NOT_SIGNIFICANT: "Not significant", FUNNEL_HIGH_0025: "High (0.025)",
    FUNNEL_HIGH_0001: "High (0.001)", FUNNEL_LOW_0025: "Low (0.025)",
    FUNNEL_LOW_0001: "Low (0.001)",
    FUNNEL_NOT_APPLICABLE: "Not applicable for events less than 10 for dsrs",
}
OD_SR = 1
OD_PR = 2
OD_RC = 3
OD_SHMI = 1
OD_CQC = 2


def funnel_proportion_limit(p: float, population: float, average: float, side: int,
                            multiplier: float = 100.0) -> float:
    """PHE's closed-form proportion limit (sigma_adjustment), unclamped."""
    out = _c_double()
    _la.lib.carealign_funnel_proportion_limit(p, population, average, side, multiplier,
                                              _byref(out))
    return out.value


def funnel_proportion_limits(average: float, population: float,
                             multiplier: float = 100.0) -> FunnelPoint:
    """The four PHE proportion limits at one population, clamped to [0, 100]."""
    out = FunnelPoint()
    _la.lib.carealign_funnel_proportion_limits(average, population, multiplier, _byref(out))
    return out


def funnel_poisson_search(observed: float, p: float, side: int) -> float:
    """PHE's exact-Poisson bisection (poisson_funnel)."""
    out = _c_double()
    _la.lib.carealign_funnel_poisson_search(observed, p, side, _byref(out))
    return out.value


def funnel_ratio_limits(observed: float, ratio_type: int = FUNNEL_RATIO_PLAIN) -> FunnelPoint:
    """PHE ratio-funnel limits at an observed count (``*_x``: expected counts)."""
    out = FunnelPoint()
    _la.lib.carealign_funnel_ratio_limits(observed, ratio_type, _byref(out))
    return out


def funnel_rate_limits(events: float, average: float, per: float = 100000.0,
                       years: float = 1.0) -> FunnelPoint:
    """PHE rate-funnel limits at an event count (``*_x``: population per year)."""
    out = FunnelPoint()
    _la.lib.carealign_funnel_rate_limits(events, average, per, years, _byref(out))
    return out


def funnel_axis(statistic: int, min_denominator: float, max_denominator: float,
                average: float = 0.0, years: float = 1.0) -> list:
    """PHE's 100 axis points."""
    out = (_c_double * _la.FUNNEL_POINTS)()
    _la.lib.carealign_funnel_axis(statistic, min_denominator, max_denominator, average, years,
                                  out)
    return list(out)


def funnel_proportion_significance(numerator: float, denominator: float,
                                   average: float) -> int:
    """A unit's category on a PHE proportion funnel (see FUNNEL_LABELS)."""
    out = _c_int32()
    _la.lib.carealign_funnel_proportion_significance(numerator, denominator, average,
                                                     _byref(out))
    return out.value


def funnel_ratio_significance(observed: float, expected: float) -> int:
    """A unit's category on a PHE ratio funnel."""
    out = _c_int32()
    _la.lib.carealign_funnel_ratio_significance(observed, expected, _byref(out))
    return out.value


def funnel_rate_significance(numerator: float, denominator: float, average: float,
                             rate_type: int = FUNNEL_RATE_CRUDE) -> int:
    """A unit's category on a PHE rate funnel."""
    out = _c_int32()
    _la.lib.carealign_funnel_rate_significance(numerator, denominator, average, rate_type,
                                               _byref(out))
    return out.value


def overdispersion_options(**fields) -> OverdispersionOptions:
    """Options initialised as CAREALIGN_OVERDISPERSION_OPTIONS_INIT, then ``fields``."""
    opts = OverdispersionOptions()
    _la.lib.carealign_overdispersion_options_init(_byref(opts), _ctypes.sizeof(opts))
    for name, value in fields.items():
        setattr(opts, name, value)
    return opts


def funnel_overdispersion(numerators, denominators, options=None, want_z=False):
    """Spiegelhalter over-dispersion (FunnelPlotR): returns the Overdispersion
    result, and the untrimmed z-scores too when ``want_z``."""
    o, k = _array(numerators)
    d, kd = _array(denominators)
    if kd != k:
        raise ValueError("numerators and denominators must have the same length")
    work = (_c_double * max(k, 1))()
    z = (_c_double * max(k, 1))() if want_z else None
    out = Overdispersion()
    _la.lib.carealign_funnel_overdispersion(o, d, k, _byref(options) if options else None,
                                            work, k, z, _byref(out))
    return (out, list(z)[:k]) if want_z else out


def overdispersion_limits(od: Overdispersion, denominator: float, confidence: float = 0.95,
                          multiplier: float = 1.0):
    """(lower, upper) funnel limits at one denominator, adjusted when ``od.adjusted``."""
    lo, hi = _c_double(), _c_double()
    _la.lib.carealign_overdispersion_limits(_byref(od), denominator, confidence, multiplier,
                                            _byref(lo), _byref(hi))
    return lo.value, hi.value

SII_NORMAL = 0
SII_RATE = 1
SII_PROPORTION = 2


def sii(values, populations, se=None, lower_cl=None, upper_cl=None, value_type=SII_NORMAL,
        multiplier: float = 1.0, confidence: float = 0.95):
    """(SII, RII) Estimates across ordered quantiles (phe_sii's method with an
    analytic interval). Give ``se`` or both 95% limits."""
    v, k = _array(values)
    p, kp = _array(populations)
    s, ks = _array(se)
    lo, kl = _array(lower_cl)
    hi, kh = _array(upper_cl)
    if kp != k or (se is not None and ks != k) or (lower_cl is not None and kl != k) or \
            (upper_cl is not None and kh != k):
        raise ValueError("arrays must have the same length")
    out_sii, out_rii = Estimate(), Estimate()
    _la.lib.carealign_sii(v, p, s, lo, hi, k, value_type, multiplier, confidence,
                          _byref(out_sii), _byref(out_rii))
    return out_sii, out_rii

# === end of section A ===

# === Section B: SPC, economics, disclosure control, change ===

# === end of section B ===
