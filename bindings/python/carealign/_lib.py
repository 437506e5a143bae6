"""The only module that knows C: loads libcarealign and declares every
function it binds (argtypes, restype and, for functions that return a
status, an errcheck that raises :class:`CarealignError`).

The library is ``$CAREALIGN_LIBRARY`` when that is set (and only that);
otherwise it is found, in order, in a build tree
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
    found = []
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

# --- end of stats section A ---------------------------------------------------

# --- stats section B: include/carealign/stats.h ------------------------------

# --- end of stats section B ---------------------------------------------------

# --- instruments: include/carealign/instruments.h ----------------------------

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

# --- end of journey -----------------------------------------------------------

# --- framework: include/carealign/framework.h --------------------------------

# --- end of framework ---------------------------------------------------------
