"""Core: versions, errors, dates, hashing and NHS numbers, as Python
functions. Dates are ``int`` days since 1970-01-01 or ``datetime.date``."""

from __future__ import annotations

import datetime
from ctypes import c_char, c_int32, c_size_t, c_uint8, byref

from . import _lib
from ._lib import CarealignError, lib

_EPOCH = datetime.date(1970, 1, 1)

__all__ = [
    "CarealignError", "version", "version_string", "methods_version", "strerror",
    "parse_date", "format_date", "date_from_ymd", "date_to_ymd", "to_days", "age_years",
    "financial_year", "sha256", "hmac_sha256", "nhs_number_normalise",
    "nhs_number_pseudonymise",
]


def version() -> int:
    """The library version as major * 10000 + minor * 100 + patch."""
    return lib.carealign_version()


def version_string() -> str:
    """The library version as text, e.g. ``"1.0.0"``."""
    return lib.carealign_version_string().decode()


def methods_version() -> int:
    """The methods version: bumped whenever a figure for the same input changes."""
    return lib.carealign_methods_version()


def strerror(status: int) -> str:
    """The static name and meaning of a status code."""
    return lib.carealign_strerror(status).decode()


def _bytes(text: str | bytes) -> bytes:
    return text.encode("utf-8") if isinstance(text, str) else bytes(text)


def parse_date(text: str | bytes) -> int:
    """Days since 1970-01-01 of an ISO ``YYYY-MM-DD`` date (strict)."""
    data = _bytes(text)
    out = c_int32()
    lib.carealign_date_parse(data, len(data), byref(out))
    return out.value


def format_date(days: int) -> str:
    """``YYYY-MM-DD`` for a day number."""
    buf = (c_char * _lib.DATE_BUFSIZE)()
    length = c_size_t()
    lib.carealign_date_format(days, buf, len(buf), byref(length))
    return buf.raw[: length.value].decode()


def date_from_ymd(year: int, month: int, day: int) -> int:
    """The day number of a calendar date."""
    out = c_int32()
    lib.carealign_date_from_ymd(year, month, day, byref(out))
    return out.value


def date_to_ymd(days: int) -> tuple[int, int, int]:
    """The (year, month, day) of a day number."""
    y, m, d = c_int32(), c_int32(), c_int32()
    lib.carealign_date_to_ymd(days, byref(y), byref(m), byref(d))
    return y.value, m.value, d.value


def to_days(value: int | str | datetime.date) -> int:
    """A day number from an int, an ISO string or a ``datetime.date``."""
    if isinstance(value, datetime.date):
        return (value - _EPOCH).days
    if isinstance(value, (str, bytes)):
        return parse_date(value)
    return int(value)


def age_years(birth: int | str | datetime.date, at: int | str | datetime.date) -> int:
    """Whole years of age at ``at`` for a person born on ``birth``."""
    out = c_int32()
    lib.carealign_age_years(to_days(birth), to_days(at), byref(out))
    return out.value


def financial_year(day: int | str | datetime.date, start_month: int = 4) -> int:
    """The calendar year in which the financial year containing ``day`` starts."""
    out = c_int32()
    lib.carealign_financial_year(to_days(day), start_month, byref(out))
    return out.value


def sha256(data: bytes) -> bytes:
    """The SHA-256 digest of ``data``."""
    data = bytes(data)
    out = (c_uint8 * _lib.SHA256_SIZE)()
    lib.carealign_sha256(data, len(data), out)
    return bytes(out)


def hmac_sha256(key: bytes, data: bytes) -> bytes:
    """The HMAC-SHA256 of ``data`` under ``key``."""
    key, data = bytes(key), bytes(data)
    out = (c_uint8 * _lib.SHA256_SIZE)()
    lib.carealign_hmac_sha256(key, len(key), data, len(data), out)
    return bytes(out)


def nhs_number_normalise(text: str | bytes) -> str:
    """Ten digits of a Modulus 11 valid NHS number, spaces and hyphens removed."""
    data = _bytes(text)
    out = (c_char * _lib.NHS_NUMBER_BUFSIZE)()
    lib.carealign_nhs_number_normalise(data, len(data), out)
    return out.value.decode()


def nhs_number_pseudonymise(key: bytes, text: str | bytes) -> bytes:
    """The keyed pseudonym (HMAC-SHA256) of a normalised NHS number."""
    key, data = bytes(key), _bytes(text)
    out = (c_uint8 * _lib.SHA256_SIZE)()
    lib.carealign_nhs_number_pseudonymise(key, len(key), data, len(data), out)
    return bytes(out)
