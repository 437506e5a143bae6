"""Mergeable accumulators (include/carealign/accum.h) as a Python class.

An :class:`Accumulator` collects one aggregate (a proportion, a mean, a
rate, a standardised rate, a paired change, a money or time total, or a
distribution). Partial accumulators built on different workers merge into
exactly the single-run answer, and travel between processes as bytes
(:meth:`Accumulator.serialize`, :meth:`Accumulator.deserialize`), which is
also how they pickle, so they work with Dask, Spark and multiprocessing::

    from carealign.accum import Accumulator
    with Accumulator("mean", scale=1000) as acc:
        acc.add_batch(numpy_array_of_eq5d_scores)   # read in place, no copy
        blob = acc.serialize()

Arrays passed to the ``*_batch`` methods are read in place when they are
C-contiguous arrays of the right type (numpy float64 for values and
weights, int32 for bands, int64 for units); anything else is converted
first. NaN marks a missing value.
"""

from __future__ import annotations

import ctypes
from ctypes import byref, c_double, c_size_t, c_uint32, c_void_p

from . import _lib
from ._lib import CarealignError, Estimate, lib
from ._types import FloatArray, IntArray

__all__ = ["Accumulator", "KINDS", "UNITS", "CarealignError"]

KINDS = {
    "proportion": _lib.ACC_PROPORTION,
    "mean": _lib.ACC_MEAN,
    "rate": _lib.ACC_RATE,
    "dsr": _lib.ACC_DSR,
    "change": _lib.ACC_CHANGE,
    "total": _lib.ACC_TOTAL,
    "distribution": _lib.ACC_DISTRIBUTION,
}
_KIND_NAMES = {v: k for k, v in KINDS.items()}

UNITS = {
    "count": _lib.UNIT_COUNT,
    "pence": _lib.UNIT_PENCE,
    "minutes": _lib.UNIT_MINUTES,
    "days": _lib.UNIT_DAYS,
}
_UNIT_NAMES = {v: k for k, v in UNITS.items()}

_SUMMARY_FIELDS = [name for name, _ in _lib.AccSummary._fields_ if name != "size"]


def _array(obj, ctype, typecode: str, numpy_dtype: str):
    """(keep-alive object, address, length) for a 1-d array of ``ctype``.

    numpy arrays of the right dtype that are C-contiguous, and writable
    buffers of the right format (array.array), are used in place.
    """
    try:
        import numpy as np  # optional: only when given numpy arrays
    except ImportError:  # pragma: no cover - Debian's python3-numpy is a test dependency
        np = None
    if np is not None and (isinstance(obj, np.ndarray) or hasattr(obj, "__array_interface__")
                           or hasattr(obj, "__array__")):  # pandas Series: its numpy values
        obj = np.asarray(obj)
        arr = np.ascontiguousarray(obj, dtype=numpy_dtype)  # no copy when already right
        if arr.ndim != 1:
            arr = arr.reshape(-1)
        return arr, arr.ctypes.data if arr.size else None, arr.size
    try:
        view = memoryview(obj)
    except TypeError:
        view = None
    if view is not None and view.format == typecode and view.c_contiguous and \
            not view.readonly and view.ndim == 1:
        n = view.shape[0]
        if n == 0:
            return view, None, 0
        holder = (ctype * n).from_buffer(view)
        return holder, ctypes.addressof(holder), n
    values = list(obj)
    holder = (ctype * len(values))(*values)
    return holder, ctypes.addressof(holder) if values else None, len(values)


def _doubles(obj):
    return _array(obj, c_double, "d", "float64")


class Accumulator:
    """A carealign accumulator (``carealign_acc``).

    ``kind`` is one of :data:`KINDS` (a name or the C constant). Keyword
    parameters follow ``carealign_acc_params``: ``scale`` (grid units per 1:
    1, 100, 1000 or 10000), ``weighted``, ``unit`` (TOTAL: a name of
    :data:`UNITS`), ``direction`` (CHANGE: +1 higher is better, -1 lower),
    ``per`` (RATE, DSR), ``mid`` (CHANGE), ``standard`` (DSR custom standard
    population, a sequence of weights), ``denominator_set`` (RATE),
    ``per_person_year`` (TOTAL) and ``context`` (32 bytes, the framework's
    SHA-256).

    The handle is released by :meth:`close`, by leaving a ``with`` block or
    when the object is collected. An accumulator may be used by one thread
    at a time.
    """

    def __init__(self, kind, *, scale: int = 0, weighted: bool = False, unit=0,
                 direction: int = 0, per: float = 0.0, mid: float = 0.0, standard=None,
                 denominator_set: bool = False, per_person_year: bool = False,
                 context: bytes | None = None):
        self._handle = None
        params = _lib.AccParams()
        lib.carealign_acc_params_init(byref(params), ctypes.sizeof(params))
        params.kind = KINDS[kind] if isinstance(kind, str) else int(kind)
        params.scale = scale
        params.unit = UNITS[unit] if isinstance(unit, str) else int(unit)
        params.direction = direction
        params.per = per
        params.mid = mid
        params.flags = ((_lib.ACC_WEIGHTED if weighted else 0) |
                        (_lib.ACC_DENOMINATOR_SET if denominator_set else 0) |
                        (_lib.ACC_PER_PERSON_YEAR if per_person_year else 0))
        keep = None
        if standard is not None:
            keep = (c_double * len(standard))(*standard)
            params.standard = ctypes.cast(keep, ctypes.POINTER(c_double))
            params.n_bands = len(standard)
        if context is not None:
            context = bytes(context)
            if len(context) != _lib.ACC_CONTEXT_SIZE:
                raise ValueError("context must be 32 bytes (a SHA-256 digest)")
            ctypes.memmove(params.context, context, _lib.ACC_CONTEXT_SIZE)
        handle = c_void_p()
        lib.carealign_acc_new(byref(params), byref(handle))
        self._handle = handle
        del keep  # the library copied the standard population

    @classmethod
    def _wrap(cls, handle: c_void_p) -> "Accumulator":
        obj = cls.__new__(cls)
        obj._handle = handle
        return obj

    # --- lifecycle -------------------------------------------------------
    def close(self) -> None:
        """Release the C accumulator; further use raises ``ValueError``."""
        handle, self._handle = getattr(self, "_handle", None), None
        if handle is not None:
            lib.carealign_acc_free(handle)

    def __del__(self):
        try:
            self.close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass

    def __enter__(self) -> "Accumulator":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def closed(self) -> bool:
        """True after :meth:`close` (or leaving a ``with`` block)."""
        return self._handle is None

    def _h(self) -> c_void_p:
        if self._handle is None:
            raise ValueError("operation on a closed Accumulator")
        return self._handle

    def copy(self) -> "Accumulator":
        """An independent copy (``carealign_acc_clone``)."""
        handle = c_void_p()
        lib.carealign_acc_clone(self._h(), byref(handle))
        return Accumulator._wrap(handle)

    def reset(self) -> None:
        """Empty the accumulator, keeping its kind, parameters and context."""
        lib.carealign_acc_reset(self._h())

    # --- adding ----------------------------------------------------------
    def add(self, value: float, weight: float = 1.0) -> None:
        """Add one value (NaN is missing)."""
        lib.carealign_acc_add(self._h(), value, weight)

    def add_pair(self, a: float, b: float) -> None:
        """Add one pair: (events, person-time), (baseline, follow-up) or (amount, days)."""
        lib.carealign_acc_add_pair(self._h(), a, b)

    def add_band(self, band: int, events: float) -> None:
        """Add events to one band of a DSR accumulator."""
        lib.carealign_acc_add_band(self._h(), band, events)

    def add_batch(self, values: FloatArray, weights: FloatArray | None = None) -> None:
        """Add an array of values (and weights), all or nothing; zero-copy for
        C-contiguous float64 arrays."""
        keep_v, pv, n = _doubles(values)
        keep_w, pw = None, None
        if weights is not None:
            keep_w, pw, nw = _doubles(weights)
            if nw != n:
                raise ValueError("values and weights differ in length")
        lib.carealign_acc_add_batch(self._h(), pv, pw, n)
        del keep_v, keep_w

    def add_pairs(self, a: FloatArray, b: FloatArray) -> None:
        """Add arrays of pairs, all or nothing."""
        keep_a, pa, n = _doubles(a)
        keep_b, pb, nb = _doubles(b)
        if nb != n:
            raise ValueError("a and b differ in length")
        lib.carealign_acc_add_pairs(self._h(), pa, pb, n)
        del keep_a, keep_b

    def add_bands(self, bands: IntArray, events: FloatArray) -> None:
        """Add arrays of (band, events), all or nothing."""
        keep_b, pb, n = _array(bands, ctypes.c_int32, "i", "int32")
        keep_e, pe, ne = _doubles(events)
        if ne != n:
            raise ValueError("bands and events differ in length")
        lib.carealign_acc_add_bands(self._h(), pb, pe, n)
        del keep_b, keep_e

    def add_units(self, units: IntArray) -> None:
        """Add values already in integer grid units (INT64_MIN is missing)."""
        keep, pu, n = _array(units, ctypes.c_int64, "q", "int64")
        lib.carealign_acc_add_units(self._h(), pu, n)
        del keep

    def set_denominator(self, population: float) -> None:
        """Set the population of a RATE made with ``denominator_set=True``."""
        lib.carealign_acc_set_denominator(self._h(), population)

    def set_band_population(self, band: int, population: float) -> None:
        """Set one band's population of a DSR accumulator."""
        lib.carealign_acc_set_band_population(self._h(), band, population)

    def merge(self, other: "Accumulator") -> "Accumulator":
        """Merge ``other`` into this accumulator (unchanged on error); returns self."""
        lib.carealign_acc_merge(self._h(), other._h())
        return self

    def __iadd__(self, other: "Accumulator") -> "Accumulator":
        return self.merge(other)

    # --- reading ---------------------------------------------------------
    def finalize(self, confidence: float = 0.95) -> "EstimateResult":
        """The estimate and its interval, as a
        :class:`carealign.stats.EstimateResult` named tuple (``value, lower,
        upper, n, method, flags``)."""
        from .stats import EstimateResult
        out = Estimate()
        lib.carealign_acc_finalize(self._h(), confidence, byref(out))
        return EstimateResult.from_struct(out)

    def quantile(self, p: float) -> float:
        """A type 7 quantile of a DISTRIBUTION accumulator."""
        out = c_double()
        lib.carealign_acc_quantile(self._h(), p, byref(out))
        return out.value

    def median(self) -> float:
        """The median of a DISTRIBUTION accumulator."""
        return self.quantile(0.5)

    def summary(self) -> dict:
        """The contents as plain numbers (``carealign_acc_summary``)."""
        out = _lib.AccSummary()
        out.size = ctypes.sizeof(out)
        lib.carealign_acc_get_summary(self._h(), byref(out))
        return {name: getattr(out, name) for name in _SUMMARY_FIELDS}

    @property
    def kind(self) -> str:
        """The kind's name (a key of :data:`KINDS`)."""
        return _KIND_NAMES[self.params()["kind"]]

    def params(self) -> dict:
        """The parameters, defaults filled in (``carealign_acc_params``)."""
        p = _lib.AccParams()
        p.size = ctypes.sizeof(p)
        lib.carealign_acc_get_params(self._h(), byref(p))
        standard = [p.standard[i] for i in range(p.n_bands)] if p.standard else None
        return {
            "kind": p.kind, "scale": p.scale, "unit": p.unit, "direction": p.direction,
            "per": p.per, "mid": p.mid, "stdpop": p.stdpop, "n_bands": p.n_bands,
            "standard": standard, "flags": p.flags, "context": bytes(p.context),
        }

    @property
    def methods_version(self) -> int:
        """The methods version the accumulator was made (or its blob written) under."""
        out = c_uint32()
        lib.carealign_acc_methods_version(self._h(), byref(out))
        return out.value

    # --- bytes -----------------------------------------------------------
    def serialize(self) -> bytes:
        """The blob (docs/formats.md): the same state always gives the same bytes."""
        need = c_size_t()
        status = lib.carealign_acc_serialize(self._h(), None, 0, byref(need))
        if status not in (_lib.OK, _lib.EBUFSIZE):
            raise CarealignError(status, lib.carealign_last_error().decode())
        buf = ctypes.create_string_buffer(need.value)
        status = lib.carealign_acc_serialize(self._h(), buf, need.value, byref(need))
        if status != _lib.OK:
            raise CarealignError(status, lib.carealign_last_error().decode())
        return buf.raw[: need.value]

    @classmethod
    def deserialize(cls, blob: bytes) -> "Accumulator":
        """An accumulator from a blob; ``CarealignError`` (ECORRUPT,
        EUNSUPPORTED) for a damaged or newer one."""
        blob = bytes(blob)
        handle = c_void_p()
        lib.carealign_acc_deserialize(blob, len(blob), byref(handle))
        return cls._wrap(handle)

    def __bytes__(self) -> bytes:
        return self.serialize()

    def __reduce__(self):
        return (Accumulator.deserialize, (self.serialize(),))

    def __eq__(self, other) -> bool:
        if not isinstance(other, Accumulator):
            return NotImplemented
        return self.serialize() == other.serialize()

    __hash__ = None

    def __repr__(self) -> str:
        if self._handle is None:
            return "<Accumulator closed>"
        s = self.summary()
        return f"<Accumulator {self.kind} n={s['n']} missing={s['n_missing']}>"
