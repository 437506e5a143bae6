"""The only module that knows C: loads libcarealign and declares every
function it binds (argtypes, restype and, for functions that return a
status, an errcheck that raises :class:`CarealignError`).

The library is ``$CAREALIGN_LIBRARY`` when that is set (and only that);
otherwise it is found, in order: a copy bundled next to this module
(``carealign/libcarealign.so.1``, ``libcarealign-1.dll`` or
``libcarealign.1.dylib``); a build tree of this checkout (``build*/lib`` or
``build/*/lib``, only when the package runs from the source tree); by its
SONAME through the system loader (``libcarealign.so.1`` or
``libcarealign-1.dll``); then by ``ctypes.util.find_library``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
import sys
from ctypes import (POINTER, Structure, c_char, c_char_p, c_double, c_int, c_int32,
                    c_int64, c_size_t, c_uint8, c_uint32, c_uint64, c_void_p)

SONAME = "libcarealign-1.dll" if sys.platform == "win32" else "libcarealign.so.1"
#: File names of a library bundled next to the package (docs/python.md).
BUNDLED_NAMES = ("libcarealign.so.1", "libcarealign-1.dll", "libcarealign.1.dylib")

# Status codes (include/carealign/common.h); never renumbered.
OK = 0
EINVAL = -1
EMISSING = -2
ERANGE = -3
ENOMEM = -4
EPARSE = -5
EIO = -6
ECORRUPT = -7
EUNSUPPORTED = -8
ESTATE = -9
EBUFSIZE = -10

STATUS_NAMES = {
    OK: "OK", EINVAL: "EINVAL", EMISSING: "EMISSING", ERANGE: "ERANGE",
    ENOMEM: "ENOMEM", EPARSE: "EPARSE", EIO: "EIO", ECORRUPT: "ECORRUPT",
    EUNSUPPORTED: "EUNSUPPORTED", ESTATE: "ESTATE", EBUFSIZE: "EBUFSIZE",
}

SHA256_SIZE = 32
DATE_BUFSIZE = 11
NHS_NUMBER_BUFSIZE = 11
DATE_MIN = -719162
DATE_MAX = 2932896


class CarealignError(Exception):
    """A carealign function failed.

    ``status`` is the negative status code, ``name`` its short name (such
    as ``"EINVAL"``) and ``message`` the calling thread's last error.
    """

    def __init__(self, status: int, message: str):
        self.status = status
        self.name = STATUS_NAMES.get(status, str(status))
        self.message = message
        super().__init__(f"{self.name}: {message}")


class Estimate(Structure):
    """Mirror of ``carealign_estimate`` (40 bytes, frozen)."""

    _c_name_ = "carealign_estimate"
    _fields_ = [
        ("value", c_double),
        ("lower", c_double),
        ("upper", c_double),
        ("n", c_double),
        ("method", c_int32),
        ("flags", c_uint32),
    ]


MALLOC_FN = ctypes.CFUNCTYPE(c_void_p, c_size_t, c_void_p)
REALLOC_FN = ctypes.CFUNCTYPE(c_void_p, c_void_p, c_size_t, c_void_p)
FREE_FN = ctypes.CFUNCTYPE(None, c_void_p, c_void_p)


class Allocator(Structure):
    """Mirror of ``carealign_allocator``."""

    _c_name_ = "carealign_allocator"
    _fields_ = [
        ("size", c_size_t),
        ("malloc_fn", MALLOC_FN),
        ("realloc_fn", REALLOC_FN),
        ("free_fn", FREE_FN),
        ("user", c_void_p),
    ]


def mirrors() -> dict[str, type]:
    """Every ctypes mirror of a public C struct, by C name."""
    found = {}
    for value in globals().values():
        if isinstance(value, type) and issubclass(value, Structure) and \
                getattr(value, "_c_name_", None):
            found[value._c_name_] = value
    return found


def _candidates() -> list[str]:
    env = os.environ.get("CAREALIGN_LIBRARY")
    if env:
        return [env]  # explicit: never fall back to another copy
    here = os.path.dirname(os.path.abspath(__file__))
    found = [os.path.join(here, name) for name in BUNDLED_NAMES
             if os.path.exists(os.path.join(here, name))]
    root = os.path.abspath(os.path.join(here, "..", "..", ".."))
    if os.path.exists(os.path.join(root, "include", "carealign", "carealign.h")):
        for pattern in ("build*/lib/" + SONAME, "build/*/lib/" + SONAME):
            found.extend(sorted(glob.glob(os.path.join(root, pattern))))
    found.append(SONAME)
    other = ctypes.util.find_library("carealign")
    if other:
        found.append(other)
    return found


def _load() -> ctypes.CDLL:
    errors = []
    for path in _candidates():
        try:
            lib = ctypes.CDLL(path)
            lib.carealign_version  # noqa: B018 - proves it is carealign
            return lib
        except (OSError, AttributeError) as exc:
            errors.append(f"{path}: {exc}")
    raise ImportError("libcarealign could not be loaded; tried:\n  " + "\n  ".join(errors))


lib = _load()
#: The path (or name) the library was loaded from.
LIBRARY_PATH: str = lib._name


def _check(status, func, args):
    if status != OK:
        raise CarealignError(status, lib.carealign_last_error().decode("utf-8", "replace"))
    return args


DECLARED: set[str] = set()


def _declare(name: str, restype, argtypes, checked: bool | None = None):
    DECLARED.add(name)
    func = getattr(lib, name)
    func.restype = restype
    func.argtypes = argtypes
    if checked if checked is not None else restype is c_int:
        func.errcheck = _check
    return func


# --- core: include/carealign/common.h ---------------------------------------
_declare("carealign_strerror", c_char_p, [c_int])
_declare("carealign_last_error", c_char_p, [])
_declare("carealign_last_error_code", c_int, [], checked=False)
_declare("carealign_last_error_line", c_int64, [])
_declare("carealign_last_error_column", c_int64, [])
_declare("carealign_clear_error", None, [])
_declare("carealign_version", c_uint32, [])
_declare("carealign_version_string", c_char_p, [])
_declare("carealign_methods_version", c_uint32, [])
_declare("carealign_allocator_init", c_int, [POINTER(Allocator), c_size_t])
_declare("carealign_set_allocator", c_int, [POINTER(Allocator)])
_declare("carealign_date_parse", c_int, [c_char_p, c_size_t, POINTER(c_int32)])
_declare("carealign_date_format", c_int, [c_int32, POINTER(c_char), c_size_t, POINTER(c_size_t)])
_declare("carealign_date_from_ymd", c_int, [c_int32, c_int32, c_int32, POINTER(c_int32)])
_declare("carealign_date_to_ymd", c_int,
         [c_int32, POINTER(c_int32), POINTER(c_int32), POINTER(c_int32)])
_declare("carealign_age_years", c_int, [c_int32, c_int32, POINTER(c_int32)])
_declare("carealign_financial_year", c_int, [c_int32, c_int32, POINTER(c_int32)])
_declare("carealign_sha256", c_int, [c_void_p, c_size_t, POINTER(c_uint8)])
_declare("carealign_hmac_sha256", c_int,
         [c_void_p, c_size_t, c_void_p, c_size_t, POINTER(c_uint8)])
_declare("carealign_nhs_number_normalise", c_int, [c_char_p, c_size_t, POINTER(c_char)])
_declare("carealign_nhs_number_pseudonymise", c_int,
         [c_void_p, c_size_t, c_char_p, c_size_t, POINTER(c_uint8)])

# --- stats section A: include/carealign/stats.h ------------------------------
# Estimates with intervals
_declare("carealign_proportion_wilson", c_int, [c_double, c_double, c_double, POINTER(Estimate)])
_declare("carealign_rate", c_int, [c_double, c_double, c_double, c_double, POINTER(Estimate)])
_declare("carealign_byar_interval", c_int, [c_double, c_double, POINTER(Estimate)])
_declare("carealign_mean_t", c_int, [c_uint64, c_double, c_double, c_double, POINTER(Estimate)])
# Standardisation
ESP2013_BANDS = 19
_declare("carealign_esp2013", POINTER(c_double), [])
_declare("carealign_dsr", c_int,
         [POINTER(c_double), POINTER(c_double), POINTER(c_double), c_size_t, c_double, c_double,
          POINTER(Estimate)])
_declare("carealign_dsr_nonindependent", c_int,
         [POINTER(c_uint32), POINTER(c_double), POINTER(c_double), c_size_t, POINTER(c_double),
          POINTER(c_double), c_size_t, c_double, c_double, POINTER(Estimate)])
_declare("carealign_expected_events", c_int,
         [POINTER(c_double), POINTER(c_double), POINTER(c_double), c_size_t, POINTER(c_double)])
_declare("carealign_isratio", c_int, [c_double, c_double, c_double, c_double, POINTER(Estimate)])
_declare("carealign_israte", c_int,
         [c_double, c_double, c_double, c_double, c_double, c_double, POINTER(Estimate)])


# Funnel plots
class FunnelPoint(Structure):
    """Mirror of ``carealign_funnel_point`` (80 bytes)."""

    _c_name_ = "carealign_funnel_point"

    _fields_ = [(name, c_double) for name in (
        "x", "baseline", "lower_2s", "upper_2s", "lower_3s", "upper_3s",
        "lower_2s_x", "upper_2s_x", "lower_3s_x", "upper_3s_x")]


class OverdispersionOptions(Structure):
    """Mirror of ``carealign_overdispersion_options``."""

    _c_name_ = "carealign_overdispersion_options"

    _fields_ = [("size", c_size_t), ("data_type", c_int32), ("sr_method", c_int32),
                ("trim", c_double), ("min_units", c_uint64)]


class Overdispersion(Structure):
    """Mirror of ``carealign_overdispersion`` (56 bytes)."""

    _c_name_ = "carealign_overdispersion"

    _fields_ = [("target", c_double), ("phi", c_double), ("tau2", c_double),
                ("n_units", c_uint64), ("n_used", c_uint64), ("data_type", c_int32),
                ("sr_method", c_int32), ("adjusted", c_int32), ("flags", c_uint32)]


FUNNEL_POINTS = 100
_declare("carealign_funnel_proportion_limit", c_int,
         [c_double, c_double, c_double, c_int32, c_double, POINTER(c_double)])
_declare("carealign_funnel_proportion_limits", c_int,
         [c_double, c_double, c_double, POINTER(FunnelPoint)])
_declare("carealign_funnel_poisson_search", c_int,
         [c_double, c_double, c_int32, POINTER(c_double)])
_declare("carealign_funnel_ratio_limits", c_int, [c_double, c_int32, POINTER(FunnelPoint)])
_declare("carealign_funnel_rate_limits", c_int,
         [c_double, c_double, c_double, c_double, POINTER(FunnelPoint)])
_declare("carealign_funnel_axis", c_int,
         [c_int32, c_double, c_double, c_double, c_double, POINTER(c_double)])
_declare("carealign_funnel_proportion_significance", c_int,
         [c_double, c_double, c_double, POINTER(c_int32)])
_declare("carealign_funnel_ratio_significance", c_int, [c_double, c_double, POINTER(c_int32)])
_declare("carealign_funnel_rate_significance", c_int,
         [c_double, c_double, c_double, c_int32, POINTER(c_int32)])
_declare("carealign_overdispersion_options_init", c_int,
         [POINTER(OverdispersionOptions), c_size_t])
_declare("carealign_funnel_overdispersion", c_int,
         [POINTER(c_double), POINTER(c_double), c_size_t, POINTER(OverdispersionOptions),
          POINTER(c_double), c_size_t, POINTER(c_double), POINTER(Overdispersion)])
_declare("carealign_overdispersion_limits", c_int,
         [POINTER(Overdispersion), c_double, c_double, c_double, POINTER(c_double),
          POINTER(c_double)])

# Slope index of inequality
_declare("carealign_sii", c_int,
         [POINTER(c_double), POINTER(c_double), POINTER(c_double), POINTER(c_double),
          POINTER(c_double), c_size_t, c_int32, c_double, c_double, POINTER(Estimate),
          POINTER(Estimate)])
_declare("carealign_sii_simulated", c_int,
         [POINTER(c_double), POINTER(c_double), POINTER(c_double), POINTER(c_double),
          POINTER(c_double), c_size_t, c_int32, c_double, c_double, c_int32, c_uint64,
          POINTER(c_double), c_size_t, POINTER(Estimate), POINTER(Estimate)])
# Spiegelhalter's exact funnel limits
_declare("carealign_funnel_exact_limit", c_int,
         [c_int32, c_double, c_double, c_double, POINTER(c_double)])
_declare("carealign_funnel_exact_limits", c_int,
         [c_int32, c_double, c_double, c_double, POINTER(FunnelPoint)])

# --- end of stats section A ---------------------------------------------------

# --- stats section B: include/carealign/stats.h ------------------------------
# SPC (Making Data Count XmR), disclosure control, economics, change.
SPC_DECREASE = -1
SPC_NEUTRAL = 0
SPC_INCREASE = 1
SPC_RULE_NONE = 0
SPC_RULE_OUTSIDE_LIMITS = 1
SPC_RULE_TREND = 2
SPC_RULE_TWO_OF_THREE = 3
SPC_RULE_SHIFT = 4
SPC_COMMON_CAUSE = 0
SPC_IMPROVEMENT = 1
SPC_CONCERN = 2
SPC_NEUTRAL_HIGH = 3
SPC_NEUTRAL_LOW = 4
SPC_OUTSIDE_LIMITS = 0x1
SPC_CLOSE_TO_LIMITS = 0x2
SPC_IN_TREND = 0x4
SPC_IN_TWO_OF_THREE = 0x8
SPC_IN_SHIFT = 0x10
SPC_MR_SCREENED = 0x20
SPC_AFTER_FIX = 0x40
SPC_SHORT_GROUP = 0x80
SPC_LIMITS_NA = 0x100
SPC_TOO_FEW_FOR_ICONS = 0x200
SPC_VARIATION_NONE = 0
SPC_VARIATION_COMMON_CAUSE = 1
SPC_VARIATION_IMPROVEMENT_HIGH = 2
SPC_VARIATION_IMPROVEMENT_LOW = 3
SPC_VARIATION_CONCERN_HIGH = 4
SPC_VARIATION_CONCERN_LOW = 5
SPC_VARIATION_NEUTRAL_HIGH = 6
SPC_VARIATION_NEUTRAL_LOW = 7
SPC_ASSURANCE_NONE = 0
SPC_ASSURANCE_PASS = 1
SPC_ASSURANCE_FAIL = 2
SPC_ASSURANCE_INCONSISTENT = 3
DISCLOSURE_SUPPRESSED = -1
# carealign_estimate flags (common.h) that section B reports
EST_TOO_FEW = 0x1
EST_SUPPRESSED = 0x8
QALY_DISCOUNT_ANNUAL = 1
QALY_DISCOUNT_CONTINUOUS = 2
ICER_NORTH_EAST = 1
ICER_SOUTH_WEST = 2
ICER_DOMINANT = 3
ICER_DOMINATED = 4
ICER_EQUAL = 5
CHANGE_BY_MID = 1
CHANGE_BY_RCI = 2
CHANGE_DETERIORATED = -1
CHANGE_NONE = 0
CHANGE_IMPROVED = 1


class SpcOptions(Structure):
    """Mirror of ``carealign_spc_options`` (56 bytes on 64-bit)."""

    _c_name_ = "carealign_spc_options"

    _fields_ = [
        ("size", c_size_t),
        ("improvement_direction", c_int32),
        ("screen_outliers", c_int32),
        ("fix_after_n_points", c_int32),
        ("min_points_for_icons", c_int32),
        ("short_group_points", c_int32),
        ("has_target", c_int32),
        ("target", c_double),
        ("rebase_at", POINTER(c_size_t)),
        ("n_rebase", c_size_t),
    ]


class SpcPoint(Structure):
    """Mirror of ``carealign_spc_point`` (72 bytes, frozen)."""

    _c_name_ = "carealign_spc_point"

    _fields_ = [
        ("mean", c_double),
        ("lower", c_double),
        ("upper", c_double),
        ("near_lower", c_double),
        ("near_upper", c_double),
        ("moving_range", c_double),
        ("group", c_int32),
        ("relative_to_mean", c_int32),
        ("rule", c_int32),
        ("side", c_int32),
        ("point_type", c_int32),
        ("flags", c_uint32),
    ]


class SpcSummary(Structure):
    """Mirror of ``carealign_spc_summary`` (80 bytes, frozen)."""

    _c_name_ = "carealign_spc_summary"

    _fields_ = [
        ("mean", c_double),
        ("lower", c_double),
        ("upper", c_double),
        ("average_moving_range", c_double),
        ("n_points", c_int64),
        ("n_groups", c_int32),
        ("group_points", c_int32),
        ("common_cause", c_int32),
        ("improvement", c_int32),
        ("concern", c_int32),
        ("neutral", c_int32),
        ("variation_icon", c_int32),
        ("assurance_icon", c_int32),
        ("flags", c_uint32),
        ("reserved", c_int32),
    ]


class DisclosureOptions(Structure):
    """Mirror of ``carealign_disclosure_options`` (24 bytes on 64-bit)."""

    _c_name_ = "carealign_disclosure_options"

    _fields_ = [
        ("size", c_size_t),
        ("suppress_max", c_int64),
        ("round_to", c_int64),
    ]


class IcerResult(Structure):
    """Mirror of ``carealign_icer_result`` (32 bytes, frozen)."""

    _c_name_ = "carealign_icer_result"

    _fields_ = [
        ("ratio", c_double),
        ("delta_qalys", c_double),
        ("delta_cost", c_int64),
        ("quadrant", c_int32),
        ("reserved", c_int32),
    ]


class ChangeOptions(Structure):
    """Mirror of ``carealign_change_options`` (48 bytes on 64-bit)."""

    _c_name_ = "carealign_change_options"

    _fields_ = [
        ("size", c_size_t),
        ("better", c_int32),
        ("criterion", c_int32),
        ("mid", c_double),
        ("sd", c_double),
        ("reliability", c_double),
        ("critical", c_double),
    ]


class ChangeCounts(Structure):
    """Mirror of ``carealign_change_counts`` (40 bytes, frozen)."""

    _c_name_ = "carealign_change_counts"

    _fields_ = [
        ("n", c_int64),
        ("improved", c_int64),
        ("unchanged", c_int64),
        ("deteriorated", c_int64),
        ("threshold", c_double),
    ]


_declare("carealign_spc_options_init", c_int, [POINTER(SpcOptions), c_size_t])
_declare("carealign_spc_xmr", c_int,
         [POINTER(c_double), c_size_t, POINTER(SpcOptions), POINTER(SpcPoint),
          POINTER(SpcSummary)])
_declare("carealign_disclosure_options_init", c_int, [POINTER(DisclosureOptions), c_size_t])
_declare("carealign_disclose_count", c_int,
         [c_int64, POINTER(DisclosureOptions), POINTER(c_int64), POINTER(c_uint32)])
_declare("carealign_disclose_counts", c_int,
         [POINTER(c_int64), c_size_t, POINTER(DisclosureOptions), POINTER(c_int64),
          POINTER(c_uint32)])
_declare("carealign_disclose_percentage", c_int,
         [c_int64, c_int64, POINTER(DisclosureOptions), POINTER(c_double), POINTER(c_uint32)])
_declare("carealign_disclose_mean", c_int,
         [c_double, c_int64, POINTER(DisclosureOptions), POINTER(c_double), POINTER(c_uint32)])
_declare("carealign_qaly", c_int,
         [POINTER(c_double), POINTER(c_double), c_size_t, c_double, c_int32, POINTER(c_double)])
_declare("carealign_icer", c_int, [c_int64, c_double, c_int64, c_double, POINTER(IcerResult)])
_declare("carealign_net_monetary_benefit", c_int, [c_double, c_int64, c_int64, POINTER(c_int64)])
_declare("carealign_change_options_init", c_int, [POINTER(ChangeOptions), c_size_t])
_declare("carealign_change_rci", c_int, [c_double, c_double, c_double, c_double, POINTER(c_double)])
_declare("carealign_change_classify", c_int,
         [POINTER(c_double), POINTER(c_double), c_size_t, POINTER(ChangeOptions),
          POINTER(ChangeCounts), POINTER(c_int32)])
_declare("carealign_change_mean_t", c_int, [c_uint64, c_double, c_double, c_double,
                                            POINTER(Estimate)])
_declare("carealign_change_mean_paired", c_int,
         [POINTER(c_double), POINTER(c_double), c_size_t, c_double, POINTER(Estimate)])

CEA_FRONTIER = 0
CEA_DOMINATED = 1
CEA_EXTENDED_DOMINATED = 2


class CeaResult(Structure):
    """Mirror of ``carealign_cea_result`` (40 bytes, frozen)."""

    _c_name_ = "carealign_cea_result"

    _fields_ = [
        ("icer", c_double),
        ("delta_qalys", c_double),
        ("delta_cost", c_int64),
        ("comparator", c_int64),
        ("status", c_int32),
        ("rank", c_int32),
    ]


_declare("carealign_cea_frontier", c_int,
         [POINTER(c_int64), POINTER(c_double), c_size_t, POINTER(c_size_t), c_size_t,
          POINTER(CeaResult)])

# --- end of stats section B ---------------------------------------------------

# --- instruments: include/carealign/instruments.h ----------------------------
ITEM_MISSING = -2147483648  # CAREALIGN_ITEM_MISSING (INT32_MIN)
FFT_POSITIVE = 1
FFT_NEUTRAL = 2
FFT_NEGATIVE = 3
FFT_DONT_KNOW = 4


class ItemInfo(Structure):
    """Mirror of ``carealign_item_info`` (32 bytes on 64-bit platforms)."""

    _c_name_ = "carealign_item_info"

    _fields_ = [
        ("size", c_size_t),
        ("code", c_char_p),
        ("min_level", c_int32),
        ("max_level", c_int32),
        ("best_level", c_int32),
    ]


class ValuesetInfo(Structure):
    """Mirror of ``carealign_valueset_info`` (48 bytes on 64-bit platforms)."""

    _c_name_ = "carealign_valueset_info"

    _fields_ = [
        ("size", c_size_t),
        ("name", c_char_p),
        ("citation", c_char_p),
        ("min_score", c_double),
        ("max_score", c_double),
        ("decimals", c_int32),
    ]


class InstrumentInfo(Structure):
    """Mirror of ``carealign_instrument_info`` (56 bytes on 64-bit platforms)."""

    _c_name_ = "carealign_instrument_info"

    _fields_ = [
        ("size", c_size_t),
        ("name", c_char_p),
        ("title", c_char_p),
        ("owner", c_char_p),
        ("licence_url", c_char_p),
        ("n_items", c_size_t),
        ("n_valuesets", c_size_t),
    ]


_declare("carealign_instrument_count", c_size_t, [])
_declare("carealign_instrument_get", POINTER(InstrumentInfo), [c_size_t])
_declare("carealign_instrument_find", c_int, [c_char_p, POINTER(POINTER(InstrumentInfo))])
_declare("carealign_instrument_item", POINTER(ItemInfo), [POINTER(InstrumentInfo), c_size_t])
_declare("carealign_instrument_valueset", POINTER(ValuesetInfo),
         [POINTER(InstrumentInfo), c_size_t])
_declare("carealign_instrument_valueset_find", c_int,
         [c_char_p, c_char_p, POINTER(POINTER(ValuesetInfo))])
_declare("carealign_score", c_int,
         [c_char_p, c_char_p, POINTER(c_int32), c_size_t, POINTER(c_double)])
# Row failures are results, not exceptions: the caller inspects the status.
_declare("carealign_score_batch", c_int,
         [c_char_p, c_char_p, c_void_p, c_size_t, c_size_t, c_void_p, c_void_p,
          POINTER(c_size_t)], checked=False)
_declare("carealign_fft_classify", c_int, [c_int32, POINTER(c_int32)])
_declare("carealign_gas_tscore", c_int,
         [POINTER(c_int32), POINTER(c_double), c_size_t, c_double, POINTER(c_double)])
# --- end of instruments -------------------------------------------------------

# --- accum: include/carealign/accum.h ----------------------------------------
from ctypes import c_uint64  # noqa: E402  (only this section needs it)

# Kinds, flags and units (never renumbered).
ACC_PROPORTION = 1
ACC_MEAN = 2
ACC_RATE = 3
ACC_DSR = 4
ACC_CHANGE = 5
ACC_TOTAL = 6
ACC_DISTRIBUTION = 7
ACC_WEIGHTED = 0x1
ACC_DENOMINATOR_SET = 0x2
ACC_PER_PERSON_YEAR = 0x4
UNIT_COUNT = 0
UNIT_PENCE = 1
UNIT_MINUTES = 2
UNIT_DAYS = 3
ACC_TOTAL_OVERFLOW64 = 0x1
ACC_CONTEXT_SIZE = 32
ACC_FORMAT_VERSION = 1
ACC_MAX_BANDS = 256


class AccParams(Structure):
    """Mirror of ``carealign_acc_params`` (96 bytes)."""

    _c_name_ = "carealign_acc_params"
    _fields_ = [
        ("size", c_size_t),
        ("kind", c_int32),
        ("scale", c_int32),
        ("unit", c_int32),
        ("direction", c_int32),
        ("per", c_double),
        ("mid", c_double),
        ("stdpop", c_int32),
        ("n_bands", c_uint32),
        ("standard", POINTER(c_double)),
        ("flags", c_uint32),
        ("reserved", c_uint32),
        ("context", c_uint8 * ACC_CONTEXT_SIZE),
    ]


class AccSummary(Structure):
    """Mirror of ``carealign_acc_summary`` (136 bytes)."""

    _c_name_ = "carealign_acc_summary"
    _fields_ = [
        ("size", c_size_t),
        ("kind", c_int32),
        ("flags", c_uint32),
        ("n", c_uint64),
        ("n_missing", c_uint64),
        ("n_improved", c_uint64),
        ("n_unchanged", c_uint64),
        ("n_deteriorated", c_uint64),
        ("total_units", c_int64),
        ("numerator", c_double),
        ("denominator", c_double),
        ("sum_weights", c_double),
        ("sum_weights_sq", c_double),
        ("effective_n", c_double),
        ("min", c_double),
        ("max", c_double),
        ("mean", c_double),
        ("m2", c_double),
    ]


# Handles are passed as c_void_p; arrays as c_void_p so that numpy buffers
# pass without copies.
_declare("carealign_acc_params_init", c_int, [POINTER(AccParams), c_size_t])
_declare("carealign_acc_summary_init", c_int, [POINTER(AccSummary), c_size_t])
_declare("carealign_acc_new", c_int, [POINTER(AccParams), POINTER(c_void_p)])
_declare("carealign_acc_free", None, [c_void_p])
_declare("carealign_acc_reset", None, [c_void_p])
_declare("carealign_acc_clone", c_int, [c_void_p, POINTER(c_void_p)])
_declare("carealign_acc_add", c_int, [c_void_p, c_double, c_double])
_declare("carealign_acc_add_pair", c_int, [c_void_p, c_double, c_double])
_declare("carealign_acc_add_band", c_int, [c_void_p, c_int32, c_double])
_declare("carealign_acc_add_batch", c_int, [c_void_p, c_void_p, c_void_p, c_size_t])
_declare("carealign_acc_add_pairs", c_int, [c_void_p, c_void_p, c_void_p, c_size_t])
_declare("carealign_acc_add_bands", c_int, [c_void_p, c_void_p, c_void_p, c_size_t])
_declare("carealign_acc_add_units", c_int, [c_void_p, c_void_p, c_size_t])
_declare("carealign_acc_set_denominator", c_int, [c_void_p, c_double])
_declare("carealign_acc_set_band_population", c_int, [c_void_p, c_int32, c_double])
_declare("carealign_acc_merge", c_int, [c_void_p, c_void_p])
_declare("carealign_acc_finalize", c_int, [c_void_p, c_double, POINTER(Estimate)])
_declare("carealign_acc_quantile", c_int, [c_void_p, c_double, POINTER(c_double)])
_declare("carealign_acc_get_summary", c_int, [c_void_p, POINTER(AccSummary)])
_declare("carealign_acc_get_params", c_int, [c_void_p, POINTER(AccParams)])
_declare("carealign_acc_methods_version", c_int, [c_void_p, POINTER(c_uint32)])
# EBUFSIZE is the routine size query, so the caller checks the status.
_declare("carealign_acc_serialize", c_int, [c_void_p, c_void_p, c_size_t, POINTER(c_size_t)],
         checked=False)
_declare("carealign_acc_deserialize", c_int, [c_void_p, c_size_t, POINTER(c_void_p)])


# --- end of accum -------------------------------------------------------------

# --- journey: include/carealign/journey.h ------------------------------------
from ctypes import c_uint64  # noqa: E402 - kept inside this layer's section

NA_I32 = -(2 ** 31)
NA_I64 = -(2 ** 63)


class Contact(Structure):
    """Mirror of ``carealign_contact`` (80 bytes)."""

    _c_name_ = "carealign_contact"

    _fields_ = [
        ("size", c_size_t), ("has", c_uint32), ("person", c_int32), ("org", c_int32),
        ("sector", c_int32), ("type", c_int32), ("start_day", c_int32), ("end_day", c_int32),
        ("start_minute", c_int32), ("professional", c_int32), ("subtype", c_int32),
        ("admission_method", c_int32), ("discharge_destination", c_int32),
        ("discharge_ready_day", c_int32), ("staff_minutes", c_int32), ("activity", c_int64),
        ("cost_pence", c_int64),
    ]


class Person(Structure):
    """Mirror of ``carealign_person`` (56 bytes)."""

    _c_name_ = "carealign_person"

    _fields_ = [
        ("size", c_size_t), ("has", c_uint32), ("person", c_int32), ("birth_year", c_int32),
        ("birth_month", c_int32), ("death_day", c_int32), ("sex", c_int32),
        ("ethnicity", c_int32), ("imd_decile", c_int32), ("area", c_int32),
        ("practice", c_int32), ("flags", c_uint32), ("reserved", c_int32),
    ]


class JourneyOptions(Structure):
    """Mirror of ``carealign_journey_options`` (216 bytes)."""

    _c_name_ = "carealign_journey_options"

    _fields_ = [
        ("size", c_size_t), ("has", c_uint32), ("flags", c_uint32),
        ("period_start", c_int32), ("period_end", c_int32),
        ("continuity_types", c_uint64), ("followup_types", c_uint64),
        ("assessment_types", c_uint64), ("min_contacts", c_int32), ("same_day", c_int32),
        ("followup_within", c_int32 * 4), ("readmission_days", c_int32),
        ("duplicate_days", c_int32), ("reablement_followup_days", c_int32),
        ("reablement_before", c_int32), ("reablement_after", c_int32),
        ("reablement_cluster_gap", c_int32), ("reablement_min_age", c_int32),
        ("reablement_outcome", c_int32), ("reablement_discharge_first", c_int32),
        ("reablement_discharge_last", c_int32), ("stay_sectors", c_uint32),
        ("reserved", c_uint32),
        ("reablement_excluded_methods", POINTER(c_int32)),
        ("n_reablement_excluded_methods", c_size_t),
        ("reablement_excluded_destinations", POINTER(c_int32)),
        ("n_reablement_excluded_destinations", c_size_t),
        ("readmission_excluded_methods", POINTER(c_int32)),
        ("n_readmission_excluded_methods", c_size_t),
        ("unit_costs", POINTER(c_int64)), ("n_cost_types", c_size_t),
        ("n_cost_sectors", c_size_t),
        ("reablement_max_age", c_int32), ("reserved2", c_int32),
        ("discharge_excluded_destinations", POINTER(c_int32)),
        ("n_discharge_excluded_destinations", c_size_t),
    ]


class JourneyResult(Structure):
    """Mirror of ``carealign_journey_result`` (272 bytes)."""

    _c_name_ = "carealign_journey_result"

    _fields_ = [
        ("size", c_size_t), ("person", c_int32), ("flags", c_uint32),
        ("coc", c_double), ("upc", c_double), ("secon", c_double), ("mmci", c_double),
        ("fragmentation", c_double), ("prof_coc", c_double), ("prof_upc", c_double),
        ("prof_secon", c_double), ("prof_mmci", c_double), ("prof_fragmentation", c_double),
        ("continuity_contacts", c_int32), ("prof_continuity_contacts", c_int32),
        ("min_contacts_used", c_int32), ("same_day_used", c_int32), ("n_contacts", c_int32),
        ("n_rejected", c_int32), ("n_organisations", c_int32), ("n_sectors", c_int32),
        ("n_professionals", c_int32), ("n_handoffs", c_int32), ("n_discharges", c_int32),
        ("n_followup_none", c_int32), ("followup_days", c_int32 * 4),
        ("n_followup_within", c_int32 * 4), ("n_readmissions", c_int32),
        ("readmission_days_used", c_int32), ("n_delay_known", c_int32),
        ("n_delayed", c_int32), ("delay_days_total", c_int32),
        ("n_reablement_denominator", c_int32), ("n_reablement_numerator", c_int32),
        ("n_reablement_excluded", c_int32), ("n_assessments", c_int32),
        ("n_duplicate_assessments", c_int32), ("duplicate_days_used", c_int32),
        ("n_lt_care_home_admissions", c_int32), ("bed_days", c_int32),
        ("days_observed", c_int32), ("days_alive", c_int32),
        ("days_alive_in_community", c_int32), ("n_unpriced", c_int32), ("reserved", c_int32),
        ("activity", c_int64), ("cost_pence", c_int64), ("staff_minutes", c_int64),
    ]


class Discharge(Structure):
    """Mirror of ``carealign_discharge`` (48 bytes)."""

    _c_name_ = "carealign_discharge"

    _fields_ = [
        ("size", c_size_t), ("day", c_int32), ("admission_day", c_int32), ("org", c_int32),
        ("sector", c_int32), ("days_to_followup", c_int32), ("delay_days", c_int32),
        ("days_to_readmission", c_int32), ("reablement", c_int32),
        ("reablement_exclusions", c_uint32), ("flags", c_uint32),
    ]


_I32P = POINTER(c_int32)
_I64P = POINTER(c_int64)


class ContactColumns(Structure):
    """Mirror of ``carealign_contact_columns`` (136 bytes)."""

    _c_name_ = "carealign_contact_columns"

    _fields_ = [("size", c_size_t), ("n", c_size_t)] + [
        (name, _I32P) for name in (
            "person", "org", "sector", "type", "start_day", "end_day", "start_minute",
            "professional", "subtype", "admission_method", "discharge_destination",
            "discharge_ready_day", "staff_minutes")
    ] + [("activity", _I64P), ("cost_pence", _I64P)]


class PersonColumns(Structure):
    """Mirror of ``carealign_person_columns`` (96 bytes)."""

    _c_name_ = "carealign_person_columns"

    _fields_ = [("size", c_size_t), ("n", c_size_t)] + [
        (name, _I32P) for name in (
            "person", "birth_year", "birth_month", "death_day", "sex", "ethnicity",
            "imd_decile", "area", "practice")
    ] + [("flags", POINTER(c_uint32))]


_declare("carealign_contact_init", c_int, [POINTER(Contact), c_size_t])
_declare("carealign_person_init", c_int, [POINTER(Person), c_size_t])
_declare("carealign_journey_options_init", c_int, [POINTER(JourneyOptions), c_size_t])
_declare("carealign_journey_result_init", c_int, [POINTER(JourneyResult), c_size_t])
_declare("carealign_discharge_init", c_int, [POINTER(Discharge), c_size_t])
_declare("carealign_contact_columns_init", c_int, [POINTER(ContactColumns), c_size_t])
_declare("carealign_person_columns_init", c_int, [POINTER(PersonColumns), c_size_t])
_declare("carealign_journey_new", c_int, [POINTER(c_void_p)])
_declare("carealign_journey_free", None, [c_void_p])
_declare("carealign_journey_reset", None, [c_void_p])
_declare("carealign_journey_set_person", c_int, [c_void_p, POINTER(Person)])
_declare("carealign_journey_add_contact", c_int, [c_void_p, POINTER(Contact)])
_declare("carealign_journey_add_contacts", c_int,
         [c_void_p, POINTER(Contact), c_size_t, POINTER(c_int32), POINTER(c_size_t)])
_declare("carealign_journey_compute", c_int,
         [c_void_p, POINTER(JourneyOptions), POINTER(JourneyResult)])
_declare("carealign_journey_discharge_count", c_int, [c_void_p, POINTER(c_size_t)])
_declare("carealign_journey_get_discharge", c_int, [c_void_p, c_size_t, POINTER(Discharge)])
_declare("carealign_journey_batch", c_int,
         [c_void_p, POINTER(ContactColumns), POINTER(PersonColumns), POINTER(JourneyOptions),
          c_void_p, c_size_t, POINTER(c_int32), POINTER(c_size_t)])

# --- end of journey -----------------------------------------------------------

# --- framework: include/carealign/framework.h --------------------------------
# Strings in these records are (pointer, length) pairs into the framework:
# declared c_void_p and read with ctypes.string_at(ptr, length).

class FrameworkLoadOptions(Structure):
    """Mirror of ``carealign_framework_load_options`` (40 bytes)."""

    _c_name_ = "carealign_framework_load_options"
    _fields_ = [
        ("size", c_size_t),
        ("source_name", c_char_p),
        ("source_name_len", c_size_t),
        ("max_depth", c_uint32),
        ("flags", c_uint32),
        ("max_bytes", ctypes.c_uint64),
    ]


class FrameworkInfo(Structure):
    """Mirror of ``carealign_framework_info`` (240 bytes)."""

    _c_name_ = "carealign_framework_info"
    _fields_ = [
        ("size", c_size_t),
        ("id", c_void_p), ("id_len", c_size_t),
        ("version", c_void_p), ("version_len", c_size_t),
        ("title", c_void_p), ("title_len", c_size_t),
        ("effective_start", c_int32), ("effective_end", c_int32),
        ("period_start", c_int32), ("period_end", c_int32),
        ("interval", c_int32), ("n_periods", c_int32),
        ("n_measures", c_int32), ("n_strata", c_int32),
        ("n_crosses", c_int32), ("n_valuesets", c_int32),
        ("n_unit_costs", c_int32), ("population_base", c_int32),
        ("n_population_codes", c_int32), ("flags", c_uint32),
        ("ce_threshold_pence", c_int64),
        ("ce_source", c_void_p), ("ce_source_len", c_size_t),
        ("price_year", c_void_p), ("price_year_len", c_size_t),
        ("cost_source", c_void_p), ("cost_source_len", c_size_t),
        ("disclosure_suppress_max", c_int32), ("disclosure_round_to", c_int32),
        ("disclosure_source", c_void_p), ("disclosure_source_len", c_size_t),
        ("description", c_void_p), ("description_len", c_size_t),
        ("hash", c_uint8 * 32),
    ]


class FrameworkStratum(Structure):
    """Mirror of ``carealign_framework_stratum`` (72 bytes)."""

    _c_name_ = "carealign_framework_stratum"
    _fields_ = [
        ("size", c_size_t),
        ("id", c_void_p), ("id_len", c_size_t),
        ("kind", c_int32), ("n_groups", c_int32),
        ("edition", c_void_p), ("edition_len", c_size_t),
        ("band_lower", POINTER(c_int32)), ("band_upper", POINTER(c_int32)),
        ("grouping", c_int32), ("reserved", c_int32),
    ]


class FrameworkValueset(Structure):
    """Mirror of ``carealign_framework_valueset`` (80 bytes)."""

    _c_name_ = "carealign_framework_valueset"
    _fields_ = [
        ("size", c_size_t),
        ("kind", c_int32), ("n_codes", c_int32),
        ("name", c_void_p), ("name_len", c_size_t),
        ("instrument", c_void_p), ("instrument_len", c_size_t),
        ("system", c_void_p), ("system_len", c_size_t),
        ("source", c_void_p), ("source_len", c_size_t),
    ]


class UnitCost(Structure):
    """Mirror of ``carealign_unit_cost`` (32 bytes)."""

    _c_name_ = "carealign_unit_cost"
    _fields_ = [
        ("size", c_size_t),
        ("contact_type", c_int32), ("sector", c_int32),
        ("per", c_int32), ("reserved", c_int32),
        ("pence", c_int64),
    ]


class MeasureInfo(Structure):
    """Mirror of ``carealign_measure_info`` (296 bytes)."""

    _c_name_ = "carealign_measure_info"
    _fields_ = [
        ("size", c_size_t),
        ("id", c_void_p), ("id_len", c_size_t),
        ("version", c_void_p), ("version_len", c_size_t),
        ("title", c_void_p), ("title_len", c_size_t),
        ("description", c_void_p), ("description_len", c_size_t),
        ("official_ref", c_void_p), ("official_ref_len", c_size_t),
        ("local", c_void_p), ("local_len", c_size_t),
        ("citation", c_void_p), ("citation_len", c_size_t),
        ("instrument", c_void_p), ("instrument_len", c_size_t),
        ("valueset", c_void_p), ("valueset_len", c_size_t),
        ("unit", c_void_p), ("unit_len", c_size_t),
        ("aim", c_int32), ("scoring", c_int32), ("improvement", c_int32), ("flags", c_uint32),
        ("target", c_double), ("mid", c_double), ("per", c_double),
        ("spc_min_points", c_int32), ("standard_population", c_int32),
        ("pairing_baseline", c_int32), ("pairing_follow_up", c_int32),
        ("pairing_min_days", c_int32), ("pairing_max_days", c_int32),
        ("pairing_organisation", c_int32), ("observation_aggregate", c_int32),
        ("n_params", c_int32), ("valueset_index", c_int32),
        ("mid_source", c_void_p), ("mid_source_len", c_size_t),
        ("target_source", c_void_p), ("target_source_len", c_size_t),
        ("url", c_void_p), ("url_len", c_size_t),
    ]


class FrameworkParam(Structure):
    """Mirror of ``carealign_framework_param`` (80 bytes)."""

    _c_name_ = "carealign_framework_param"
    _fields_ = [
        ("size", c_size_t),
        ("name", c_void_p), ("name_len", c_size_t),
        ("kind", c_int32), ("valueset", c_int32),
        ("value", c_int64),
        ("values", POINTER(c_int64)), ("n_values", c_size_t),
        ("mask", ctypes.c_uint64),
        ("text", c_void_p), ("text_len", c_size_t),
    ]


class FrameworkAtom(Structure):
    """Mirror of ``carealign_framework_atom`` (72 bytes)."""

    _c_name_ = "carealign_framework_atom"
    _fields_ = [
        ("size", c_size_t),
        ("kind", c_int32), ("which", c_int32),
        ("flags", c_uint32), ("days", c_int32),
        ("at_least", c_double), ("at_most", c_double),
        ("values", POINTER(c_int32)), ("n_values", c_size_t),
        ("sectors", POINTER(c_int32)), ("n_sectors", c_size_t),
    ]


class WriteOptions(Structure):
    """Mirror of ``carealign_write_options`` (32 bytes)."""

    _c_name_ = "carealign_write_options"
    _fields_ = [
        ("size", c_size_t),
        ("flags", c_uint32), ("sig_digits", c_int32),
        ("base_url", c_char_p), ("base_url_len", c_size_t),
    ]


WRITE_FN = ctypes.CFUNCTYPE(c_int32, c_void_p, c_size_t, c_void_p)

_declare("carealign_framework_load_options_init", c_int,
         [POINTER(FrameworkLoadOptions), c_size_t])
_declare("carealign_framework_load", c_int,
         [c_char_p, c_size_t, POINTER(FrameworkLoadOptions), POINTER(c_void_p)])
_declare("carealign_framework_free", None, [c_void_p])
_declare("carealign_framework_info_init", c_int, [POINTER(FrameworkInfo), c_size_t])
_declare("carealign_framework_get_info", c_int, [c_void_p, POINTER(FrameworkInfo)])
_declare("carealign_framework_get_period", c_int,
         [c_void_p, c_int32, POINTER(c_int32), POINTER(c_int32)])
_declare("carealign_framework_get_population_code", c_int,
         [c_void_p, c_int32, POINTER(c_void_p), POINTER(c_size_t)])
_declare("carealign_framework_stratum_init", c_int, [POINTER(FrameworkStratum), c_size_t])
_declare("carealign_framework_get_stratum", c_int,
         [c_void_p, c_int32, POINTER(FrameworkStratum)])
_declare("carealign_framework_get_cross", c_int,
         [c_void_p, c_int32, POINTER(c_int32), POINTER(c_int32)])
_declare("carealign_framework_valueset_init", c_int, [POINTER(FrameworkValueset), c_size_t])
_declare("carealign_framework_get_valueset", c_int,
         [c_void_p, c_int32, POINTER(FrameworkValueset)])
_declare("carealign_framework_get_valueset_code", c_int,
         [c_void_p, c_int32, c_int32, POINTER(c_void_p), POINTER(c_size_t)])
_declare("carealign_unit_cost_init", c_int, [POINTER(UnitCost), c_size_t])
_declare("carealign_framework_get_unit_cost", c_int, [c_void_p, c_int32, POINTER(UnitCost)])
_declare("carealign_framework_unit_cost", c_int,
         [c_void_p, c_int32, c_int32, POINTER(c_int64)])
_declare("carealign_measure_info_init", c_int, [POINTER(MeasureInfo), c_size_t])
_declare("carealign_framework_find_measure", c_int,
         [c_void_p, c_char_p, c_size_t, POINTER(c_int32)])
_declare("carealign_framework_get_measure", c_int, [c_void_p, c_int32, POINTER(MeasureInfo)])
_declare("carealign_framework_param_init", c_int, [POINTER(FrameworkParam), c_size_t])
_declare("carealign_framework_get_param", c_int,
         [c_void_p, c_int32, c_int32, POINTER(FrameworkParam)])
_declare("carealign_framework_find_param", c_int,
         [c_void_p, c_int32, c_char_p, c_size_t, POINTER(FrameworkParam)])
_declare("carealign_framework_atom_init", c_int, [POINTER(FrameworkAtom), c_size_t])
_declare("carealign_framework_atom_count", c_int,
         [c_void_p, c_int32, c_int32, POINTER(c_size_t)])
_declare("carealign_framework_get_atom", c_int,
         [c_void_p, c_int32, c_int32, c_size_t, POINTER(FrameworkAtom)])
_declare("carealign_framework_code_name", c_char_p, [c_int32, c_int32])
_declare("carealign_framework_canonical", c_int,
         [c_void_p, POINTER(c_char), c_size_t, POINTER(c_size_t)])
_declare("carealign_framework_hash", c_int, [c_void_p, POINTER(c_uint8)])
_declare("carealign_write_options_init", c_int, [POINTER(WriteOptions), c_size_t])
_declare("carealign_framework_to_fhir", c_int,
         [c_void_p, POINTER(WriteOptions), POINTER(c_char), c_size_t, POINTER(c_size_t)])
_declare("carealign_framework_to_fhir_cb", c_int,
         [c_void_p, POINTER(WriteOptions), WRITE_FN, c_void_p])

_declare("carealign_framework_get_journey_options", c_int,
         [c_void_p, c_int32, POINTER(JourneyOptions)])
_declare("carealign_framework_get_composite", c_int,
         [c_void_p, c_int32, POINTER(c_double), POINTER(c_char_p), POINTER(c_size_t),
          POINTER(c_int32)])
_declare("carealign_composite_score", c_int32, [c_double, POINTER(c_double), c_int32])
# --- end of framework ---------------------------------------------------------

# --- scorecard: include/carealign/scorecard.h ---------------------------------


class ScorecardOptions(Structure):
    """Mirror of ``carealign_scorecard_options``."""

    _c_name_ = "carealign_scorecard_options"
    _fields_ = [("size", c_size_t), ("flags", c_uint32), ("reserved", c_uint32),
                ("confidence", c_double)]


class Organisation(Structure):
    """Mirror of ``carealign_organisation``."""

    _c_name_ = "carealign_organisation"
    _fields_ = [("size", c_size_t), ("org", c_int32), ("sector", c_int32),
                ("name", c_char_p), ("name_len", c_size_t)]


class Population(Structure):
    """Mirror of ``carealign_population``."""

    _c_name_ = "carealign_population"
    _fields_ = [("size", c_size_t), ("has", c_uint32), ("area", c_int32), ("year", c_int32),
                ("sex", c_int32), ("age_lower", c_int32), ("age_upper", c_int32),
                ("count", c_int64)]


class Response(Structure):
    """Mirror of ``carealign_response``."""

    _c_name_ = "carealign_response"
    _fields_ = [("size", c_size_t), ("has", c_uint32), ("flags", c_uint32),
                ("person", c_int32), ("org", c_int32), ("day", c_int32),
                ("instrument", c_int32), ("valueset", c_int32), ("n_items", c_int32),
                ("items", POINTER(c_int32)), ("weight", c_double)]


class FftCounts(Structure):
    """Mirror of ``carealign_fft_counts``."""

    _c_name_ = "carealign_fft_counts"
    _fields_ = [("size", c_size_t), ("org", c_int32), ("month", c_int32), ("mode", c_int32),
                ("has", c_uint32), ("counts", c_int64 * 6)]


class ResponseColumns(Structure):
    """Mirror of ``carealign_response_columns``."""

    _c_name_ = "carealign_response_columns"
    _fields_ = [("size", c_size_t), ("n", c_size_t), ("instrument", c_int32),
                ("valueset", c_int32), ("n_items", c_size_t), ("items", POINTER(c_int32)),
                ("person", POINTER(c_int32)), ("org", POINTER(c_int32)),
                ("day", POINTER(c_int32)), ("weight", POINTER(c_double)),
                ("flags", POINTER(c_uint32))]


class FeedCounts(Structure):
    """Mirror of ``carealign_feed_counts``."""

    _c_name_ = "carealign_feed_counts"
    _fields_ = [("size", c_size_t), ("read", c_uint64), ("used", c_uint64),
                ("rejected", c_uint64), ("excluded_opt_out", c_uint64),
                ("excluded_outside_base", c_uint64), ("weights_not_applied", c_uint64),
                ("unscored", c_uint64)]


class Result(Structure):
    """Mirror of ``carealign_result``."""

    _c_name_ = "carealign_result"
    _fields_ = [("size", c_size_t), ("measure", c_int32), ("kind", c_int32),
                ("level", c_int32), ("unit", c_int32), ("period", c_int32),
                ("period_start", c_int32), ("period_end", c_int32),
                ("stratum", c_int32 * 4), ("target_met", c_int32), ("flags", c_uint32),
                ("reserved", c_int32), ("estimate", Estimate), ("numerator", c_double),
                ("denominator", c_double), ("target", c_double), ("spc_point", c_int32),
                ("spc_variation", c_int32), ("spc_assurance", c_int32), ("funnel", c_int32)]


class AimSummary(Structure):
    """Mirror of ``carealign_aim_summary``."""

    _c_name_ = "carealign_aim_summary"
    _fields_ = [("size", c_size_t), ("aim", c_int32), ("level", c_int32), ("unit", c_int32),
                ("n_measures", c_int32), ("n_on_target", c_int32), ("n_improving", c_int32),
                ("n_stable", c_int32), ("n_concern", c_int32),
                ("n_not_computable", c_int32), ("flags", c_uint32), ("composite", c_double),
                ("n_composite", c_int32), ("reserved", c_int32)]


_declare("carealign_scorecard_options_init", c_int, [POINTER(ScorecardOptions), c_size_t])
_declare("carealign_organisation_init", c_int, [POINTER(Organisation), c_size_t])
_declare("carealign_population_init", c_int, [POINTER(Population), c_size_t])
_declare("carealign_response_init", c_int, [POINTER(Response), c_size_t])
_declare("carealign_fft_counts_init", c_int, [POINTER(FftCounts), c_size_t])
_declare("carealign_response_columns_init", c_int, [POINTER(ResponseColumns), c_size_t])
_declare("carealign_feed_counts_init", c_int, [POINTER(FeedCounts), c_size_t])
_declare("carealign_result_init", c_int, [POINTER(Result), c_size_t])
_declare("carealign_aim_summary_init", c_int, [POINTER(AimSummary), c_size_t])
_declare("carealign_scorecard_new", c_int, [c_void_p, POINTER(ScorecardOptions), POINTER(c_void_p)])
_declare("carealign_scorecard_free", None, [c_void_p])
_declare("carealign_scorecard_register_ids", c_int,
         [c_void_p, c_int32, c_char_p, POINTER(c_uint64), c_size_t, POINTER(c_int32)])
_declare("carealign_scorecard_get_id", c_int,
         [c_void_p, c_int32, c_int32, POINTER(c_char_p), POINTER(c_size_t)])
for _name, _rec in (("organisations", Organisation), ("populations", Population),
                    ("people", Person), ("responses", Response), ("fft", FftCounts),
                    ("contacts", Contact)):
    _declare("carealign_scorecard_feed_" + _name, c_int,
             [c_void_p, POINTER(_rec), c_size_t, POINTER(c_int32), POINTER(c_size_t)])
for _name, _cols in (("people", PersonColumns), ("responses", ResponseColumns),
                     ("contacts", ContactColumns)):
    _declare("carealign_scorecard_feed_" + _name + "_columns", c_int,
             [c_void_p, POINTER(_cols), POINTER(c_int32), POINTER(c_size_t)])
_declare("carealign_scorecard_close_person", c_int, [c_void_p, c_int32])
_declare("carealign_scorecard_close_all", c_int, [c_void_p])
_declare("carealign_scorecard_close_before", c_int, [c_void_p, c_int32])
_declare("carealign_scorecard_get_counts", c_int, [c_void_p, c_int32, POINTER(FeedCounts)])
_declare("carealign_reject_reason_name", c_char_p, [c_int32])
_declare("carealign_scorecard_serialize", c_int,
         [c_void_p, c_void_p, c_size_t, POINTER(c_size_t)], checked=False)
_declare("carealign_scorecard_deserialize", c_int,
         [c_void_p, c_void_p, c_size_t, POINTER(c_void_p)])
_declare("carealign_scorecard_merge", c_int, [c_void_p, c_void_p])
_declare("carealign_scorecard_finalize", c_int, [c_void_p])
_declare("carealign_scorecard_result_count", c_int, [c_void_p, POINTER(c_size_t)])
_declare("carealign_scorecard_get_result", c_int, [c_void_p, c_size_t, POINTER(Result)])
_declare("carealign_scorecard_get_results", c_int,
         [c_void_p, c_size_t, POINTER(Result), c_size_t, POINTER(c_size_t)])
_declare("carealign_scorecard_find_result", c_int,
         [c_void_p, c_int32, c_int32, c_int32, c_int32, POINTER(c_size_t)])
_declare("carealign_scorecard_get_aim_summary", c_int,
         [c_void_p, c_int32, c_int32, c_int32, POINTER(AimSummary)])
_declare("carealign_scorecard_write", c_int,
         [c_void_p, c_int32, POINTER(WriteOptions), c_void_p, c_size_t, POINTER(c_size_t)],
         checked=False)
_declare("carealign_scorecard_write_cb", c_int,
         [c_void_p, c_int32, POINTER(WriteOptions), WRITE_FN, c_void_p])
# --- end of scorecard ---------------------------------------------------------
