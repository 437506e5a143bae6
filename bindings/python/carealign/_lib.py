"""The only module that knows C: loads libcarealign and declares every
function it binds (argtypes, restype and, for functions that return a
status, an errcheck that raises :class:`CarealignError`).

The library is found, in order, at ``$CAREALIGN_LIBRARY``; in a build tree
of this checkout (``build*/lib`` or ``build/*/lib``); by its SONAME
(``libcarealign.so.1`` or ``libcarealign-1.dll``); then by
``ctypes.util.find_library``.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import glob
import os
import sys
from ctypes import (POINTER, Structure, c_char, c_char_p, c_double, c_int, c_int32,
                    c_int64, c_size_t, c_uint8, c_uint32, c_void_p)

SONAME = "libcarealign-1.dll" if sys.platform == "win32" else "libcarealign.so.1"

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

    _fields_ = [
        ("value", c_double),
        ("lower", c_double),
        ("upper", c_double),
        ("n", c_double),
        ("method", c_int32),
        ("flags", c_uint32),
    ]


def _candidates() -> list[str]:
    found = []
    env = os.environ.get("CAREALIGN_LIBRARY")
    if env:
        found.append(env)
    root = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
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


def _check(status, func, args):
    if status != OK:
        raise CarealignError(status, lib.carealign_last_error().decode("utf-8", "replace"))
    return args


def _declare(name: str, restype, argtypes, checked: bool | None = None):
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
_declare("carealign_allocator_init", c_int, [c_void_p, c_size_t])
_declare("carealign_set_allocator", c_int, [c_void_p])
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

    _fields_ = [
        ("size", c_size_t),
        ("suppress_max", c_int64),
        ("round_to", c_int64),
    ]


class IcerResult(Structure):
    """Mirror of ``carealign_icer_result`` (32 bytes, frozen)."""

    _fields_ = [
        ("ratio", c_double),
        ("delta_qalys", c_double),
        ("delta_cost", c_int64),
        ("quadrant", c_int32),
        ("reserved", c_int32),
    ]


class ChangeOptions(Structure):
    """Mirror of ``carealign_change_options`` (48 bytes on 64-bit)."""

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

# --- end of stats section B ---------------------------------------------------
