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

    _fields_ = [
        ("value", c_double),
        ("lower", c_double),
        ("upper", c_double),
        ("n", c_double),
        ("method", c_int32),
        ("flags", c_uint32),
    ]


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

# --- end of stats section B ---------------------------------------------------

# --- instruments: include/carealign/instruments.h ----------------------------

# --- end of instruments -------------------------------------------------------

# --- accum: include/carealign/accum.h ----------------------------------------

# --- end of accum -------------------------------------------------------------

# --- journey: include/carealign/journey.h ------------------------------------

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

# --- end of framework ---------------------------------------------------------
