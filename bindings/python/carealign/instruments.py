"""Questionnaire scoring (include/carealign/instruments.h) as Python.

>>> from carealign import instruments
>>> instruments.score("eq5d3l", [1, 2, 3, 2, 1], valueset="uk-tto-1997")
0.329
>>> [i.name for i in instruments.registry()][:2]
['eq5d3l', 'eq5d5l']

``score_batch`` takes a list of rows or any C-contiguous int32 buffer
(numpy ``int32`` arrays of shape ``(n_rows, n_items)``, ``array('i')``...),
which it passes to C without a copy; bad rows come back as NaN with their
status, they never raise. Missing answers are ``None`` in lists and
:data:`ITEM_MISSING` in arrays.
"""

from __future__ import annotations

import functools
import sys
from ctypes import (POINTER, addressof, byref, c_char, c_double, c_int32, c_size_t)
from dataclasses import dataclass
from typing import NamedTuple, Optional, Sequence

from . import _lib
from ._lib import CarealignError, lib
from ._types import Any, DataFrame, ItemRows

__all__ = [
    "ITEM_MISSING", "FFT_POSITIVE", "FFT_NEUTRAL", "FFT_NEGATIVE", "FFT_DONT_KNOW",
    "FFT_CATEGORY_NAMES", "CarealignError", "Item", "ValueSet", "Instrument", "BatchResult",
    "registry",
    "instrument", "valueset", "score", "score_batch", "score_frame", "item_columns",
    "fft_classify", "gas_tscore", "STATUS_NAMES",
]

ITEM_MISSING = _lib.ITEM_MISSING
FFT_POSITIVE = _lib.FFT_POSITIVE
FFT_NEUTRAL = _lib.FFT_NEUTRAL
FFT_NEGATIVE = _lib.FFT_NEGATIVE
FFT_DONT_KNOW = _lib.FFT_DONT_KNOW
#: Names of the row statuses of :func:`score_batch` and :func:`score_frame`.
STATUS_NAMES = {_lib.OK: "OK", _lib.EINVAL: "EINVAL", _lib.EMISSING: "EMISSING"}
FFT_CATEGORY_NAMES = {FFT_POSITIVE: "positive", FFT_NEUTRAL: "neutral",
                      FFT_NEGATIVE: "negative", FFT_DONT_KNOW: "dont_know"}


@dataclass(frozen=True)
class Item:
    """One item: its short code (also the CSV column name) and its levels."""

    code: str
    min_level: int
    max_level: int
    best_level: int


@dataclass(frozen=True)
class ValueSet:
    """One value set: scores are multiples of ``10 ** -decimals`` between
    ``min_score`` and ``max_score``; higher is better."""

    name: str
    citation: str
    min_score: float
    max_score: float
    decimals: int


@dataclass(frozen=True)
class Instrument:
    """One instrument of the registry; ``valuesets[0]`` is the default."""

    name: str
    title: str
    owner: str
    licence_url: str
    items: tuple
    valuesets: tuple

    @property
    def default_valueset(self) -> ValueSet:
        """The value set used when none is named (the first)."""
        return self.valuesets[0]


class BatchResult(NamedTuple):
    """What :func:`score_batch` returns: a score per row (NaN for a failed
    row), a status per row (0 or a negative ``_lib`` status code) and the
    number of rows scored."""

    scores: object
    status: object
    n_scored: int


def _text(p) -> str:
    return p.decode("utf-8") if p is not None else ""


def _instrument(info) -> Instrument:
    items = []
    for j in range(info.contents.n_items):
        it = lib.carealign_instrument_item(info, j).contents
        items.append(Item(_text(it.code), it.min_level, it.max_level, it.best_level))
    sets = []
    for v in range(info.contents.n_valuesets):
        vs = lib.carealign_instrument_valueset(info, v).contents
        sets.append(ValueSet(_text(vs.name), _text(vs.citation), vs.min_score, vs.max_score,
                             vs.decimals))
    c = info.contents
    return Instrument(_text(c.name), _text(c.title), _text(c.owner), _text(c.licence_url),
                      tuple(items), tuple(sets))


@functools.lru_cache(maxsize=None)
def registry() -> tuple:
    """Every instrument of the library's registry, in order (immutable)."""
    return tuple(_instrument(lib.carealign_instrument_get(i))
                 for i in range(lib.carealign_instrument_count()))


def instrument(name: str) -> Instrument:
    """The registry entry of an instrument; :class:`CarealignError`
    (EUNSUPPORTED) for an unknown name."""
    out = POINTER(_lib.InstrumentInfo)()
    lib.carealign_instrument_find(name.encode(), byref(out))
    return next(i for i in registry() if i.name == name)


def valueset(instrument_name: str, name: Optional[str] = None) -> ValueSet:
    """A value set by name, or the instrument's default for ``None``."""
    out = POINTER(_lib.ValuesetInfo)()
    lib.carealign_instrument_valueset_find(instrument_name.encode(), _name(name), byref(out))
    wanted = _text(out.contents.name)
    return next(v for v in instrument(instrument_name).valuesets if v.name == wanted)


def _name(text: Optional[str]):
    return None if text is None else text.encode()


def _item(value) -> int:
    return ITEM_MISSING if value is None else int(value)


def score(instrument_name: str, items: Sequence, valueset: Optional[str] = None) -> float:
    """Score one completed questionnaire.

    ``items`` are the answers in the instrument's item order, ``None`` (or
    :data:`ITEM_MISSING`) for a missing one. Raises :class:`CarealignError`
    with EMISSING, EINVAL (out of range, wrong count) or EUNSUPPORTED."""
    values = [_item(v) for v in items]
    arr = (c_int32 * max(1, len(values)))(*values)
    out = c_double()
    lib.carealign_score(instrument_name.encode(), _name(valueset), arr, len(values), byref(out))
    return out.value


_INT32_FORMATS = {"i", "=i", "@i", "l", "=l", "@l"}
_INT32_FORMATS |= {"<i", "<l"} if sys.byteorder == "little" else {">i", ">l"}
_DOUBLE_FORMATS = {"d", "=d", "@d", "<d" if sys.byteorder == "little" else ">d"}


def _address(obj, formats, itemsize, what):
    """The address and element count of a C-contiguous buffer of the given
    element type, without copying when it can be avoided; also returns the
    object to keep alive for the duration of the call."""
    view = memoryview(obj)
    if view.itemsize != itemsize or view.format not in formats:
        raise TypeError(f"{what} must hold {'int32' if itemsize == 4 else 'float64'} "
                        f"values, not format {view.format!r}")
    if not view.c_contiguous:
        raise TypeError(f"{what} must be C-contiguous")
    count = view.nbytes // itemsize
    if count == 0:
        return None, 0, view
    if not view.readonly:
        holder = (c_char * view.nbytes).from_buffer(view.cast("B"))
        return addressof(holder), count, (view, holder)
    interface = getattr(obj, "__array_interface__", None)
    if interface is not None:
        return interface["data"][0], count, (view, obj)
    if what != "items":
        raise TypeError(f"{what} must be writable")
    copy = (c_char * view.nbytes).from_buffer_copy(view)
    return addressof(copy), count, copy


def _shape(view_obj, n_items):
    view = memoryview(view_obj)
    if view.ndim == 2:
        if view.shape[1] != n_items:
            raise ValueError(f"rows have {view.shape[1]} items, the instrument has {n_items}")
        return view.shape[0]
    if view.ndim == 1:
        if view.shape[0] % n_items:
            raise ValueError(f"{view.shape[0]} values are not whole rows of {n_items} items")
        return view.shape[0] // n_items
    raise ValueError("items must be one- or two-dimensional")


def score_batch(instrument_name: str, items: ItemRows, valueset: Optional[str] = None, *,
                scores: Optional[Any] = None, status: Optional[Any] = None) -> BatchResult:
    """Score many questionnaires; a bad row never stops the batch.

    ``items`` is a list of rows (lists, ``None`` for missing) or a
    C-contiguous int32 buffer of shape ``(n_rows, n_items)`` (or flat),
    such as a numpy array, passed to C without a copy. ``scores`` and
    ``status`` may be given as writable float64 and int32 buffers of
    ``n_rows`` elements to avoid allocation; otherwise numpy arrays are
    returned for buffer input (``array.array`` without numpy) and lists for
    list input. Raises :class:`CarealignError` only for an unknown
    instrument or value set."""
    if type(items).__name__ == "DataFrame":
        raise TypeError("score_batch takes rows or an int32 array; score a pandas DataFrame "
                        "with score_frame()")
    # unknown names raise here, so that a failed call below is about rows
    found = POINTER(_lib.ValuesetInfo)()
    lib.carealign_instrument_valueset_find(instrument_name.encode(), _name(valueset),
                                           byref(found))
    n_items = len(instrument(instrument_name).items)
    keep = []
    as_lists = False
    try:
        memoryview(items)
        is_buffer = True
    except TypeError:
        is_buffer = False
    if is_buffer:
        n_rows = _shape(items, n_items)
        items_ptr, _, holder = _address(items, _INT32_FORMATS, 4, "items")
        keep.append(holder)
    else:
        rows = [list(r) for r in items]
        for k, r in enumerate(rows):
            if len(r) != n_items:
                raise ValueError(f"row {k + 1} has {len(r)} items, the instrument has {n_items}")
        n_rows = len(rows)
        flat = (c_int32 * max(1, n_rows * n_items))(*(_item(v) for r in rows for v in r))
        items_ptr = addressof(flat) if n_rows else None
        keep.append(flat)
        as_lists = scores is None and status is None

    scores, scores_ptr = _output(scores, n_rows, "d", _DOUBLE_FORMATS, 8, "scores", keep)
    status, status_ptr = _output(status, n_rows, "i", _INT32_FORMATS, 4, "status", keep)
    n_scored = c_size_t()
    lib.carealign_score_batch(instrument_name.encode(), _name(valueset), items_ptr, n_items,
                              n_rows, scores_ptr, status_ptr, byref(n_scored))
    if as_lists:
        scores, status = list(scores), list(status)
    return BatchResult(scores, status, n_scored.value)


def _output(given, n_rows, typecode, formats, itemsize, what, keep):
    if given is None:
        try:
            import numpy
            given = numpy.empty(n_rows, dtype=numpy.float64 if typecode == "d" else numpy.int32)
        except ImportError:  # pragma: no cover - numpy is optional
            import array
            given = array.array(typecode, bytes(itemsize * n_rows))
    view = memoryview(given)
    if view.readonly:
        raise TypeError(f"{what} must be writable")
    ptr, count, holder = _address(given, formats, itemsize, what)
    if count != n_rows:
        raise ValueError(f"{what} has {count} elements for {n_rows} rows")
    keep.append(holder)
    return given, ptr


def fft_classify(response: Optional[int]) -> int:
    """The Friends and Family Test category of a response 1..6: one of
    :data:`FFT_POSITIVE`, :data:`FFT_NEUTRAL`, :data:`FFT_NEGATIVE`,
    :data:`FFT_DONT_KNOW` (names in :data:`FFT_CATEGORY_NAMES`)."""
    out = c_int32()
    lib.carealign_fft_classify(_item(response), byref(out))
    return out.value


def gas_tscore(levels: Sequence, weights: Optional[Sequence[float]] = None,
               rho: float = 0.3) -> float:
    """The Goal Attainment Scaling T-score of goals rated -2..+2 (``None``
    for a goal not rated), optionally weighted; ``rho`` 0.3 by convention."""
    values = [_item(v) for v in levels]
    arr = (c_int32 * max(1, len(values)))(*values)
    w = None
    if weights is not None:
        if len(weights) != len(values):
            raise ValueError("one weight per goal")
        w = (c_double * max(1, len(values)))(*[float(x) for x in weights])
    out = c_double()
    lib.carealign_gas_tscore(arr, w, len(values), float(rho), byref(out))
    return out.value



# --- pandas -------------------------------------------------------------------
_INVALID_LEVEL = 2 ** 31 - 1  # out of every instrument's range: the row is EINVAL


def item_columns(frame: DataFrame, instrument_name: str) -> list:
    """The columns of ``frame`` holding the instrument's items, in item
    order, matched by item code without regard to ASCII case (as the
    command's CSV header). Raises ``KeyError`` naming missing items."""
    info = instrument(instrument_name)
    by_code = {}
    for column in frame.columns:
        if isinstance(column, str):
            by_code.setdefault(column.lower(), column)
    missing = [it.code for it in info.items if it.code.lower() not in by_code]
    if missing:
        raise KeyError(f"no column for item(s) of {info.name}: {', '.join(missing)}")
    return [by_code[it.code.lower()] for it in info.items]


def _levels(np, pd, column):
    """int32 levels of one item column: missing (NaN, None, NA, "") is
    ITEM_MISSING, anything that is not a whole number is out of range."""
    if pd.api.types.is_integer_dtype(column.dtype) and not column.hasnans:
        values = column.to_numpy(dtype=np.int64)
    else:
        numeric = pd.to_numeric(column, errors="coerce").to_numpy(dtype=np.float64,
                                                                  na_value=np.nan)
        missing = column.isna().to_numpy()
        if column.dtype == object:
            missing |= (column.astype(str).str.strip() == "").to_numpy()
        whole = np.isfinite(numeric) & (np.floor(numeric) == numeric)
        values = np.where(whole, numeric, _INVALID_LEVEL).astype(np.int64)
        values[missing] = ITEM_MISSING
        return values.clip(ITEM_MISSING, _INVALID_LEVEL).astype(np.int32)
    return values.clip(ITEM_MISSING + 1, _INVALID_LEVEL).astype(np.int32)


def score_frame(frame: DataFrame, instrument_name: str, valueset: Optional[str] = None, *,
                columns: Optional[Sequence] = None, status_names: bool = False) -> DataFrame:
    """Score every row of a pandas DataFrame; returns a DataFrame with the
    same index and two columns, ``score`` (float64, NaN for a row that
    failed) and ``status`` (0 or the negative status code; its name with
    ``status_names=True``).

    Item columns are found by item code (:func:`item_columns`) unless
    ``columns`` lists them in item order. Missing answers are NaN, None,
    ``pd.NA`` or empty strings; values that are not whole numbers make the
    row EINVAL, as in ``carealign score``. The items are gathered once into
    an int32 array (DataFrame columns are not row-major) and scored by one
    call of the C batch function."""
    import numpy as np
    import pandas as pd

    names = list(columns) if columns is not None else item_columns(frame, instrument_name)
    n_items = len(instrument(instrument_name).items)
    if len(names) != n_items:
        raise ValueError(f"{len(names)} columns for {n_items} items")
    items = np.empty((len(frame), n_items), dtype=np.int32)
    for j, name in enumerate(names):
        items[:, j] = _levels(np, pd, frame[name])
    result = score_batch(instrument_name, items, valueset)
    status = result.status
    if status_names:
        status = pd.Categorical([STATUS_NAMES.get(int(v), "ERROR") for v in status])
    return pd.DataFrame({"score": result.scores, "status": status}, index=frame.index)
