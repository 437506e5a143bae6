"""Indicator statistics (include/carealign/stats.h) as Python functions.

Estimates come back as :class:`EstimateResult` named tuples (``value,
lower, upper, n, method, flags``; NaN where not computable), funnel limits
as :class:`FunnelLimits`, over-dispersion fits as :class:`OverdispersionFit`,
and SPC charts, ICERs and change counts as the named tuples
:class:`SpcChart` (of :class:`SpcPoint`), :class:`Icer` and
:class:`ChangeCounts`: plain, immutable, picklable Python values that
unpack (``value, lower, upper, *_ = stats.rate(12, 5000)``) and convert
(``result._asdict()``). :data:`Estimate` stays the ctypes mirror of
``carealign_estimate``.
"""

from __future__ import annotations

import math as _math
from typing import NamedTuple as _NamedTuple

# === Section A: distributions, intervals, standardisation, funnels, SII ===
from ctypes import byref as _byref
from ctypes import c_double as _c_double
from ctypes import c_int32 as _c_int32
from ctypes import c_uint32 as _c_uint32
import ctypes as _ctypes

from . import _lib as _la
from ._lib import Estimate
from ._types import FloatArray, IntArray


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

class EstimateResult(_NamedTuple):
    """A ``carealign_estimate`` as a named tuple: ``value`` (NaN when not
    computable), ``lower``/``upper`` (NaN when not available), ``n`` (the
    denominator, count or effective n), ``method`` (``METHOD_*``) and
    ``flags`` (``EST_*``)."""

    value: float
    lower: float
    upper: float
    n: float
    method: int
    flags: int

    @classmethod
    def from_struct(cls, est: Estimate) -> "EstimateResult":
        """From the ctypes mirror (:data:`Estimate`)."""
        return cls(est.value, est.lower, est.upper, est.n, est.method, est.flags)

    @property
    def computable(self) -> bool:
        """False when the value is NaN (e.g. too few events)."""
        return not _math.isnan(self.value)


class FunnelLimits(_NamedTuple):
    """The funnel limits at one point (``carealign_funnel_point``): the
    2 and 3 sigma limits around ``baseline``, and for ratio and rate
    funnels the x positions (``*_x``) of each limit."""

    x: float
    baseline: float
    lower_2s: float
    upper_2s: float
    lower_3s: float
    upper_3s: float
    lower_2s_x: float
    upper_2s_x: float
    lower_3s_x: float
    upper_3s_x: float


class OverdispersionFit(_NamedTuple):
    """A Spiegelhalter over-dispersion fit (``carealign_overdispersion``):
    pass it to :func:`overdispersion_limits`."""

    target: float
    phi: float
    tau2: float
    n_units: int
    n_used: int
    data_type: int
    sr_method: int
    adjusted: int
    flags: int


def _named(cls, struct):
    return cls(*(getattr(struct, name) for name in cls._fields))


def _est(struct) -> EstimateResult:
    return EstimateResult.from_struct(struct)


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
                      confidence: float = 0.95) -> EstimateResult:
    """A proportion (0..1) with its Wilson score interval (PHE's method)."""
    out = Estimate()
    _la.lib.carealign_proportion_wilson(numerator, denominator, confidence, _byref(out))
    return _est(out)


def rate(events: float, denominator: float, per: float = 100000.0,
         confidence: float = 0.95) -> EstimateResult:
    """A crude rate per ``per``: exact interval below 10 events, Byar's from 10."""
    out = Estimate()
    _la.lib.carealign_rate(events, denominator, per, confidence, _byref(out))
    return _est(out)


def byar_interval(count: float, confidence: float = 0.95) -> EstimateResult:
    """Byar's interval on a count; a negative lower limit is NaN (flagged)."""
    out = Estimate()
    _la.lib.carealign_byar_interval(count, confidence, _byref(out))
    return _est(out)


def mean_t(n: int, mean: float, m2: float, confidence: float = 0.95) -> EstimateResult:
    """A mean with its Student t interval; ``m2`` is the sum of squared deviations."""
    out = Estimate()
    _la.lib.carealign_mean_t(n, mean, m2, confidence, _byref(out))
    return _est(out)


#: The European Standard Population 2013 in 19 bands (0-4, ..., 85-89, 90+).
ESP2013 = tuple(_la.lib.carealign_esp2013()[i] for i in range(_la.ESP2013_BANDS))


def dsr(counts: FloatArray, populations: FloatArray, standard: FloatArray | None = None,
        per: float = 100000.0,
        confidence: float = 0.95) -> EstimateResult:
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
    return _est(out)


def dsr_nonindependent(row_band: IntArray, row_frequency: FloatArray, row_persons: FloatArray,
                       populations: FloatArray, standard: FloatArray | None = None,
                       per: float = 100000.0, confidence: float = 0.95) -> EstimateResult:
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
    return _est(out)


def expected_events(ref_counts: FloatArray, ref_populations: FloatArray,
                    populations: FloatArray) -> float:
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
            confidence: float = 0.95) -> EstimateResult:
    """Indirectly standardised ratio O/E * ref_value (exact below 10, Byar from 10)."""
    out = Estimate()
    _la.lib.carealign_isratio(observed, expected, ref_value, confidence, _byref(out))
    return _est(out)


def israte(observed: float, expected: float, ref_events: float, ref_population: float,
           per: float = 100000.0, confidence: float = 0.95) -> EstimateResult:
    """Indirectly standardised rate O/E * (ref_events / ref_population * per)."""
    out = Estimate()
    _la.lib.carealign_israte(observed, expected, ref_events, ref_population, per, confidence,
                             _byref(out))
    return _est(out)


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
                             multiplier: float = 100.0) -> FunnelLimits:
    """The four PHE proportion limits at one population, clamped to [0, 100]."""
    out = FunnelPoint()
    _la.lib.carealign_funnel_proportion_limits(average, population, multiplier, _byref(out))
    return _named(FunnelLimits, out)


def funnel_poisson_search(observed: float, p: float, side: int) -> float:
    """PHE's exact-Poisson bisection (poisson_funnel)."""
    out = _c_double()
    _la.lib.carealign_funnel_poisson_search(observed, p, side, _byref(out))
    return out.value


def funnel_ratio_limits(observed: float, ratio_type: int = FUNNEL_RATIO_PLAIN) -> FunnelLimits:
    """PHE ratio-funnel limits at an observed count (``*_x``: expected counts)."""
    out = FunnelPoint()
    _la.lib.carealign_funnel_ratio_limits(observed, ratio_type, _byref(out))
    return _named(FunnelLimits, out)


def funnel_rate_limits(events: float, average: float, per: float = 100000.0,
                       years: float = 1.0) -> FunnelLimits:
    """PHE rate-funnel limits at an event count (``*_x``: population per year)."""
    out = FunnelPoint()
    _la.lib.carealign_funnel_rate_limits(events, average, per, years, _byref(out))
    return _named(FunnelLimits, out)


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


def funnel_overdispersion(numerators: FloatArray, denominators: FloatArray,
                          options: OverdispersionOptions | None = None,
                          want_z: bool = False) -> OverdispersionFit | tuple:
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
    fit = _named(OverdispersionFit, out)
    return (fit, list(z)[:k]) if want_z else fit


def overdispersion_limits(od: OverdispersionFit | Overdispersion, denominator: float,
                          confidence: float = 0.95, multiplier: float = 1.0) -> tuple:
    """(lower, upper) funnel limits at one denominator, adjusted when ``od.adjusted``
    (``od``: an :class:`OverdispersionFit` or the ctypes mirror)."""
    if not isinstance(od, Overdispersion):
        od = Overdispersion(*od)
    lo, hi = _c_double(), _c_double()
    _la.lib.carealign_overdispersion_limits(_byref(od), denominator, confidence, multiplier,
                                            _byref(lo), _byref(hi))
    return lo.value, hi.value

SII_NORMAL = 0
SII_RATE = 1
SII_PROPORTION = 2


def sii(values: FloatArray, populations: FloatArray, se: FloatArray | None = None,
        lower_cl: FloatArray | None = None, upper_cl: FloatArray | None = None,
        value_type: int = SII_NORMAL, multiplier: float = 1.0,
        confidence: float = 0.95) -> tuple[EstimateResult, EstimateResult]:
    """(SII, RII) :class:`EstimateResult` across ordered quantiles (phe_sii's method with an
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
    return _est(out_sii), _est(out_rii)


#: Method codes of the SII and RII estimates (include/carealign/stats.h).
METHOD_SII = 32
METHOD_SII_SIMULATED = 33


def sii_simulated(values, populations, se=None, lower_cl=None, upper_cl=None,
                  value_type=SII_NORMAL, multiplier: float = 1.0, confidence: float = 0.95,
                  *, seed: int, repetitions: int = 100000):
    """(SII, RII) with phe_sii's own Monte Carlo interval, drawn with R's
    generator after set.seed(``seed``) (the limits of ``set.seed(seed);
    phe_sii(...)`` in R, for one group)."""
    v, k = _array(values)
    p, kp = _array(populations)
    s, ks = _array(se)
    lo, kl = _array(lower_cl)
    hi, kh = _array(upper_cl)
    if kp != k or (se is not None and ks != k) or (lower_cl is not None and kl != k) or \
            (upper_cl is not None and kh != k):
        raise ValueError("arrays must have the same length")
    work = (_c_double * (2 * int(repetitions)))()
    out_sii, out_rii = Estimate(), Estimate()
    _la.lib.carealign_sii_simulated(v, p, s, lo, hi, k, value_type, multiplier, confidence,
                                    int(seed), int(repetitions), work, len(work),
                                    _byref(out_sii), _byref(out_rii))
    return out_sii, out_rii


FUNNEL_EXACT_BINOMIAL = 1
FUNNEL_EXACT_POISSON = 2


def funnel_exact_limit(distribution: int, target: float, precision: float, p: float) -> float:
    """Spiegelhalter's interpolated exact limit (proportion or ratio) at
    cumulative probability ``p`` for precision n (binomial) or E (Poisson)."""
    out = _c_double()
    _la.lib.carealign_funnel_exact_limit(distribution, target, precision, p, _byref(out))
    return out.value


def funnel_exact_limits(distribution: int, target: float, precision: float,
                        multiplier: float = 1.0) -> FunnelPoint:
    """The 95% and 99.8% exact Spiegelhalter limits at one precision."""
    out = FunnelPoint()
    _la.lib.carealign_funnel_exact_limits(distribution, target, precision, multiplier,
                                          _byref(out))
    return out

# === end of section A ===

# === Section B: SPC, economics, disclosure control, change ===
import dataclasses as _b_dataclasses
import array as _b_array
import ctypes as _b_ctypes
import math as _b_math

from . import _lib as _b_lib

_SPC_DIRECTIONS = {"increase": _b_lib.SPC_INCREASE, "decrease": _b_lib.SPC_DECREASE,
                   "neutral": _b_lib.SPC_NEUTRAL}
#: Point types, named as NHSRplotthedots names them.
SPC_POINT_TYPES = {
    _b_lib.SPC_COMMON_CAUSE: "common_cause",
    _b_lib.SPC_IMPROVEMENT: "special_cause_improvement",
    _b_lib.SPC_CONCERN: "special_cause_concern",
    _b_lib.SPC_NEUTRAL_HIGH: "special_cause_neutral_high",
    _b_lib.SPC_NEUTRAL_LOW: "special_cause_neutral_low",
}
#: Special-cause rules by their number.
SPC_RULES = {
    _b_lib.SPC_RULE_NONE: None,
    _b_lib.SPC_RULE_OUTSIDE_LIMITS: "outside_limits",
    _b_lib.SPC_RULE_TREND: "trend",
    _b_lib.SPC_RULE_TWO_OF_THREE: "two_of_three",
    _b_lib.SPC_RULE_SHIFT: "shift",
}
#: Variation icons (None: withheld for too few points).
SPC_VARIATION_ICONS = {
    _b_lib.SPC_VARIATION_NONE: None,
    _b_lib.SPC_VARIATION_COMMON_CAUSE: "common_cause",
    _b_lib.SPC_VARIATION_IMPROVEMENT_HIGH: "improvement_high",
    _b_lib.SPC_VARIATION_IMPROVEMENT_LOW: "improvement_low",
    _b_lib.SPC_VARIATION_CONCERN_HIGH: "concern_high",
    _b_lib.SPC_VARIATION_CONCERN_LOW: "concern_low",
    _b_lib.SPC_VARIATION_NEUTRAL_HIGH: "neutral_high",
    _b_lib.SPC_VARIATION_NEUTRAL_LOW: "neutral_low",
}
#: Assurance icons (None: no target, neutral direction or too few points).
SPC_ASSURANCE_ICONS = {
    _b_lib.SPC_ASSURANCE_NONE: None,
    _b_lib.SPC_ASSURANCE_PASS: "consistent_pass",
    _b_lib.SPC_ASSURANCE_FAIL: "consistent_fail",
    _b_lib.SPC_ASSURANCE_INCONSISTENT: "inconsistent",
}


def _b_doubles(values):
    """A ctypes double array over ``values``: zero-copy for a C-contiguous,
    writable float64 buffer (numpy array, array('d')), else a copy."""
    try:
        view = memoryview(values)
        if view.format == "d" and view.c_contiguous and not view.readonly and view.ndim == 1:
            return (_b_ctypes.c_double * len(view)).from_buffer(view), values
    except TypeError:
        pass
    copy = _b_array.array("d", (float(v) for v in values))
    if len(copy) == 0:
        return (_b_ctypes.c_double * 0)(), copy
    return (_b_ctypes.c_double * len(copy)).from_buffer(copy), copy


class SpcPoint(_NamedTuple):
    """One point of an XmR chart (``carealign_spc_point``) with its value."""

    value: float
    mean: float
    lower: float
    upper: float
    near_lower: float
    near_upper: float
    moving_range: float
    group: int
    relative_to_mean: int
    rule: str | None
    side: int
    point_type: str
    flags: int


class SpcChart(_NamedTuple):
    """An XmR chart: its points and the summary of the latest group."""

    points: list
    mean: float
    lower: float
    upper: float
    average_moving_range: float
    n_points: int
    n_groups: int
    group_points: int
    common_cause: int
    improvement: int
    concern: int
    neutral: int
    variation_icon: str | None
    assurance_icon: str | None
    flags: int


def spc_options(*, improvement: str = "increase", screen_outliers: bool = False,
                fix_after_n_points: int | None = None, target: float | None = None,
                rebase_at: IntArray = (), min_points_for_icons: int = 15,
                short_group_points: int = 13) -> tuple:
    """A filled ``carealign_spc_options`` and the index array it points to."""
    options = _b_lib.SpcOptions()
    _b_lib.lib.carealign_spc_options_init(_b_ctypes.byref(options), _b_ctypes.sizeof(options))
    try:
        options.improvement_direction = _SPC_DIRECTIONS[improvement]
    except KeyError:
        raise ValueError("improvement must be 'increase', 'decrease' or 'neutral'") from None
    options.screen_outliers = 1 if screen_outliers else 0
    options.fix_after_n_points = int(fix_after_n_points or 0)
    options.min_points_for_icons = int(min_points_for_icons)
    options.short_group_points = int(short_group_points)
    if target is not None:
        options.has_target = 1
        options.target = float(target)
    indices = (_b_ctypes.c_size_t * len(rebase_at))(*(int(i) for i in rebase_at))
    if len(rebase_at):
        options.rebase_at = indices
        options.n_rebase = len(rebase_at)
    return options, indices


def spc_xmr(values: FloatArray, **kwargs: object) -> SpcChart:
    """A Making Data Count XmR chart of ``values`` (in time order).

    Keyword options: ``improvement`` ("increase", "decrease" or "neutral"),
    ``screen_outliers`` (False: as the NHS England Excel tools; True: as
    NHSRplotthedots), ``fix_after_n_points``, ``target``, ``rebase_at``
    (indices that start a new group), ``min_points_for_icons`` (15) and
    ``short_group_points`` (13). See ``carealign_spc_xmr`` in stats.h.
    """
    data, keep = _b_doubles(values)
    options, indices = spc_options(**kwargs)
    n = len(data)
    points = (_b_lib.SpcPoint * max(n, 1))()
    summary = _b_lib.SpcSummary()
    _b_lib.lib.carealign_spc_xmr(data, n, _b_ctypes.byref(options), points,
                                 _b_ctypes.byref(summary))
    del keep, indices
    out = [SpcPoint(data[i], p.mean, p.lower, p.upper, p.near_lower, p.near_upper,
                    p.moving_range, p.group, p.relative_to_mean, SPC_RULES[p.rule], p.side,
                    SPC_POINT_TYPES[p.point_type], p.flags)
           for i, p in enumerate(points[:n])]
    return SpcChart(out, summary.mean, summary.lower, summary.upper,
                    summary.average_moving_range, summary.n_points, summary.n_groups,
                    summary.group_points, summary.common_cause, summary.improvement,
                    summary.concern, summary.neutral,
                    SPC_VARIATION_ICONS[summary.variation_icon],
                    SPC_ASSURANCE_ICONS[summary.assurance_icon], summary.flags)


def disclosure_options(*, suppress_max: int = 7, round_to: int = 5) -> "_b_lib.DisclosureOptions":
    """A filled ``carealign_disclosure_options`` (NHS Digital: k = 7, m = 5)."""
    options = _b_lib.DisclosureOptions()
    _b_lib.lib.carealign_disclosure_options_init(_b_ctypes.byref(options),
                                                 _b_ctypes.sizeof(options))
    options.suppress_max = int(suppress_max)
    options.round_to = int(round_to)
    return options


def disclose_count(count: int, *, suppress_max: int = 7, round_to: int = 5) -> int | None:
    """The count to publish under the cell rule, or None when suppressed:
    0 shown, 1..suppress_max suppressed, others rounded to the nearest round_to."""
    options = disclosure_options(suppress_max=suppress_max, round_to=round_to)
    value = _b_ctypes.c_int64()
    _b_lib.lib.carealign_disclose_count(int(count), _b_ctypes.byref(options),
                                        _b_ctypes.byref(value), None)
    return None if value.value == _b_lib.DISCLOSURE_SUPPRESSED else value.value


def disclose_counts(counts: IntArray, *, suppress_max: int = 7,
                    round_to: int = 5) -> list:
    """:func:`disclose_count` over a sequence; a list with None where suppressed."""
    options = disclosure_options(suppress_max=suppress_max, round_to=round_to)
    data = (_b_ctypes.c_int64 * len(counts))(*(int(c) for c in counts))
    out = (_b_ctypes.c_int64 * len(counts))()
    _b_lib.lib.carealign_disclose_counts(data, len(counts), _b_ctypes.byref(options), out, None)
    return [None if v == _b_lib.DISCLOSURE_SUPPRESSED else v for v in out]


def disclose_percentage(numerator: int, denominator: int, *,
                        suppress_max: int = 7) -> float | None:
    """100 x numerator / denominator, or None when the numerator or the
    complement is 1..suppress_max, or the denominator is 0."""
    options = disclosure_options(suppress_max=suppress_max)
    value = _b_ctypes.c_double()
    _b_lib.lib.carealign_disclose_percentage(int(numerator), int(denominator),
                                             _b_ctypes.byref(options), _b_ctypes.byref(value),
                                             None)
    return None if _b_math.isnan(value.value) else value.value


def disclose_mean(value: float, n_values: int, *, suppress_max: int = 7) -> float | None:
    """A mean (median, mode) over ``n_values`` people, or None when that is
    1..suppress_max (or 0)."""
    options = disclosure_options(suppress_max=suppress_max)
    out = _b_ctypes.c_double()
    _b_lib.lib.carealign_disclose_mean(float(value), int(n_values), _b_ctypes.byref(options),
                                       _b_ctypes.byref(out), None)
    return None if _b_math.isnan(out.value) else out.value


_QALY_TIMINGS = {"annual": _b_lib.QALY_DISCOUNT_ANNUAL,
                 "continuous": _b_lib.QALY_DISCOUNT_CONTINUOUS}
_ICER_QUADRANTS = {_b_lib.ICER_NORTH_EAST: "north_east", _b_lib.ICER_SOUTH_WEST: "south_west",
                   _b_lib.ICER_DOMINANT: "dominant", _b_lib.ICER_DOMINATED: "dominated",
                   _b_lib.ICER_EQUAL: "equal"}


def qaly(time_years: FloatArray, utility: FloatArray, *, annual_rate: float,
         timing: str) -> float:
    """QALYs as the trapezoid area under ``utility`` at ``time_years`` (years
    since baseline), discounted at ``annual_rate`` with ``timing`` "annual"
    (year k after baseline divided by (1 + rate)^k) or "continuous". Both
    are required: no rate or timing is assumed."""
    try:
        code = _QALY_TIMINGS[timing]
    except KeyError:
        raise ValueError("timing must be 'annual' or 'continuous'") from None
    t, keep_t = _b_doubles(time_years)
    u, keep_u = _b_doubles(utility)
    if len(t) != len(u):
        raise ValueError("time_years and utility differ in length")
    out = _b_ctypes.c_double()
    _b_lib.lib.carealign_qaly(t, u, len(t), float(annual_rate), code, _b_ctypes.byref(out))
    del keep_t, keep_u
    return out.value


class Icer(_NamedTuple):
    """An ICER (pence per QALY; None unless north_east or south_west) and its quadrant."""

    ratio: float | None
    delta_qalys: float
    delta_cost: int
    quadrant: str


def icer(cost: int, qalys: float, comparator_cost: int, comparator_qalys: float) -> Icer:
    """The ICER of an intervention against a comparator, costs in pence."""
    out = _b_lib.IcerResult()
    _b_lib.lib.carealign_icer(int(cost), float(qalys), int(comparator_cost),
                              float(comparator_qalys), _b_ctypes.byref(out))
    ratio = None if _b_math.isnan(out.ratio) else out.ratio
    return Icer(ratio, out.delta_qalys, out.delta_cost, _ICER_QUADRANTS[out.quadrant])


def net_monetary_benefit(qalys: float, cost: int, threshold_per_qaly: int) -> int:
    """qalys x threshold - cost in pence (nearest penny); the threshold is the caller's."""
    out = _b_ctypes.c_int64()
    _b_lib.lib.carealign_net_monetary_benefit(float(qalys), int(cost), int(threshold_per_qaly),
                                              _b_ctypes.byref(out))
    return out.value


class ChangeCounts(_NamedTuple):
    """People improved, unchanged and deteriorated, with each person's class
    (+1 improved, 0 none, -1 deteriorated) and the raw change threshold."""

    n: int
    improved: int
    unchanged: int
    deteriorated: int
    threshold: float
    classes: list


def change_rci(before: float, after: float, *, sd: float, reliability: float) -> float:
    """The Jacobson-Truax reliable change index of one change."""
    out = _b_ctypes.c_double()
    _b_lib.lib.carealign_change_rci(float(before), float(after), float(sd), float(reliability),
                                    _b_ctypes.byref(out))
    return out.value


def change_classify(before: FloatArray, after: FloatArray, *, better: str,
                    mid: float | None = None, sd: float | None = None,
                    reliability: float | None = None, critical: float = 1.96) -> ChangeCounts:
    """Classify paired scores. ``better`` is "higher" or "lower"; give either
    ``mid`` (a minimal important difference, reached inclusively) or ``sd``
    and ``reliability`` (reliable change: |RCI| strictly above ``critical``)."""
    options = _b_lib.ChangeOptions()
    _b_lib.lib.carealign_change_options_init(_b_ctypes.byref(options), _b_ctypes.sizeof(options))
    options.better = {"higher": 1, "lower": -1}.get(better, 0)
    if options.better == 0:
        raise ValueError("better must be 'higher' or 'lower'")
    if (mid is None) == (sd is None):
        raise ValueError("give either mid, or sd and reliability")
    if mid is not None:
        options.criterion = _b_lib.CHANGE_BY_MID
        options.mid = float(mid)
    else:
        options.criterion = _b_lib.CHANGE_BY_RCI
        options.sd = float(sd)
        options.reliability = float(reliability if reliability is not None else _b_math.nan)
        options.critical = float(critical)
    b, keep_b = _b_doubles(before)
    a, keep_a = _b_doubles(after)
    if len(a) != len(b):
        raise ValueError("before and after differ in length")
    counts = _b_lib.ChangeCounts()
    classes = (_b_ctypes.c_int32 * max(len(a), 1))()
    _b_lib.lib.carealign_change_classify(b, a, len(a), _b_ctypes.byref(options),
                                         _b_ctypes.byref(counts), classes)
    del keep_a, keep_b
    return ChangeCounts(counts.n, counts.improved, counts.unchanged, counts.deteriorated,
                        counts.threshold, list(classes[:len(a)]))


def change_mean_t(n, mean, m2, confidence=0.95) -> Estimate:
    """Mean change with its paired Student t interval, from the count, mean
    and sum of squared deviations of the differences (an accumulator's)."""
    out = Estimate()
    _b_lib.lib.carealign_change_mean_t(int(n), float(mean), float(m2), float(confidence),
                                       _b_ctypes.byref(out))
    return out


def change_mean_paired(before, after, confidence=0.95) -> Estimate:
    """Mean change (after - before) with its paired Student t interval."""
    b, keep_b = _b_doubles(before)
    a, keep_a = _b_doubles(after)
    if len(a) != len(b):
        raise ValueError("before and after differ in length")
    out = Estimate()
    _b_lib.lib.carealign_change_mean_paired(b, a, len(a), float(confidence),
                                            _b_ctypes.byref(out))
    del keep_a, keep_b
    return out


_CEA_STATUS = {_b_lib.CEA_FRONTIER: "frontier", _b_lib.CEA_DOMINATED: "dominated",
               _b_lib.CEA_EXTENDED_DOMINATED: "extended_dominated"}


@_b_dataclasses.dataclass(frozen=True)
class CeaOption:
    """One option on the cost-effectiveness frontier: its status, position
    on the frontier (None when dominated), comparator index (None), ICER in
    pence per QALY against it (None) and the increments."""

    status: str
    rank: int | None
    comparator: int | None
    icer: float | None
    delta_cost: int
    delta_qalys: float | None


def cea_frontier(costs, qalys) -> list:
    """Strict and extended dominance across options (costs in pence), with
    each frontier option's ICER against the previous one."""
    costs = [int(c) for c in costs]
    b, keep_q = _b_doubles(qalys)
    if len(b) != len(costs):
        raise ValueError("costs and qalys differ in length")
    n = len(costs)
    c = (_b_ctypes.c_int64 * max(n, 1))(*costs)
    work = (_b_ctypes.c_size_t * max(n, 1))()
    out = (_b_lib.CeaResult * max(n, 1))()
    _b_lib.lib.carealign_cea_frontier(c, b, n, work, n, out)
    del keep_q
    res = []
    for r in out[:n]:
        res.append(CeaOption(_CEA_STATUS[r.status], None if r.rank < 0 else r.rank,
                             None if r.comparator < 0 else r.comparator,
                             None if _b_math.isnan(r.icer) else r.icer, r.delta_cost,
                             None if _b_math.isnan(r.delta_qalys) else r.delta_qalys))
    return res

# === end of section B ===
