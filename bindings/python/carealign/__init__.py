"""carealign: one agreed definition of success for integrated health and
social care, over the carealign C library through ctypes."""

from ._lib import CarealignError, Estimate
from .core import (age_years, date_from_ymd, date_to_ymd, financial_year, format_date,
                   hmac_sha256, methods_version, nhs_number_normalise,
                   nhs_number_pseudonymise, parse_date, sha256, strerror, to_days, version,
                   version_string)

__version__ = version_string()

__all__ = [
    "CarealignError", "Estimate", "age_years", "date_from_ymd", "date_to_ymd",
    "financial_year", "format_date", "hmac_sha256", "methods_version",
    "nhs_number_normalise", "nhs_number_pseudonymise", "parse_date", "sha256", "strerror",
    "to_days", "version", "version_string",
]

# --- instruments: include/carealign/instruments.h ---
from . import instruments  # noqa: E402
from .instruments import (Instrument, Item, ValueSet, fft_classify, gas_tscore,  # noqa: E402
                          score, score_batch)

__all__ += ["instruments", "Instrument", "Item", "ValueSet", "fft_classify", "gas_tscore",
            "score", "score_batch"]

# The other layers, as modules: carealign.accum, .framework, .journey and .stats.
from . import accum, framework, journey, stats  # noqa: E402

__all__ += ["accum", "framework", "journey", "stats"]
