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
                    c_int64, c_size_t, c_uint8, c_uint32, c_uint64, c_void_p)

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

    _fields_ = [(name, c_double) for name in (
        "x", "baseline", "lower_2s", "upper_2s", "lower_3s", "upper_3s",
        "lower_2s_x", "upper_2s_x", "lower_3s_x", "upper_3s_x")]


class OverdispersionOptions(Structure):
    """Mirror of ``carealign_overdispersion_options``."""

    _fields_ = [("size", c_size_t), ("data_type", c_int32), ("sr_method", c_int32),
                ("trim", c_double), ("min_units", c_uint64)]


class Overdispersion(Structure):
    """Mirror of ``carealign_overdispersion`` (56 bytes)."""

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

# --- end of stats section A ---------------------------------------------------

# --- stats section B: include/carealign/stats.h ------------------------------

# --- end of stats section B ---------------------------------------------------
