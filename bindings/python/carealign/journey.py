"""Journeys: one person's contacts across organisations -> continuity,
hand-offs, discharge follow-up, readmission, reablement, discharge delay,
duplicate assessments and totals (``include/carealign/journey.h``).

Two ways in:

* :class:`Journey`, a reusable builder (a context manager)::

      with Journey() as j:
          j.add(org=1, sector=SECTOR_PRIMARY_CARE, type=GP_APPOINTMENT, start_day=100)
          figures = j.compute(options(min_contacts=2))

* :func:`batch`, over whole numpy columns (passed without copies when they
  are contiguous ``int32`` / ``int64``), returning a numpy structured array
  with one row per person index (itself filled in place by the library).

Every window, threshold and exclusion is an option: see docs/journey.md for
the official parameter sets as example values.
"""

from __future__ import annotations

import ctypes
import math
from ctypes import byref, c_int32, c_int64, c_size_t, c_void_p

from . import _lib
from ._lib import (Contact, ContactColumns, Discharge, JourneyOptions, JourneyResult, Person,
                   PersonColumns, lib)
from ._types import DataFrame, IntArray, NDArray

# Contact types (never renumbered).
ADMISSION = 1
EMERGENCY_ADMISSION = 2
DISCHARGE = 3
COMMUNITY_VISIT = 4
HOMECARE_VISIT = 5
GP_APPOINTMENT = 6
SOCIAL_CARE_ASSESSMENT = 7
HEALTH_ASSESSMENT = 8
CARE_PACKAGE_START = 9
CARE_PACKAGE_END = 10
REABLEMENT_START = 11
REABLEMENT_END = 12
CARE_HOME_ADMISSION_LONG_TERM = 13
REVIEW = 14
DEATH = 15

SECTOR_UNKNOWN = 0
SECTOR_NHS_ACUTE = 1
SECTOR_NHS_COMMUNITY = 2
SECTOR_NHS_MENTAL_HEALTH = 3
SECTOR_PRIMARY_CARE = 4
SECTOR_LOCAL_AUTHORITY = 5
SECTOR_INDEPENDENT_PROVIDER = 6
SECTOR_VOLUNTARY = 7
SECTOR_HOUSING = 8
SECTOR_OTHER = 9

HAS_END = 0x1
HAS_START_MINUTE = 0x2
HAS_PROFESSIONAL = 0x4
HAS_SUBTYPE = 0x8
HAS_ADMISSION_METHOD = 0x10
HAS_DESTINATION = 0x20
HAS_READY_DAY = 0x40
HAS_ACTIVITY = 0x80
HAS_COST = 0x100

PERSON_HAS_BIRTH = 0x1
PERSON_HAS_DEATH = 0x2
PERSON_LTS_RESIDENTIAL = 0x2
PERSON_LTS_NURSING = 0x4
PERSON_LTS_PRISON = 0x8

SAMEDAY_KEEP = 0
SAMEDAY_COLLAPSE = 1
SAMEDAY_BY_MINUTE = 2
REABLE_OUTCOME_NO_EVENT = 0
REABLE_OUTCOME_AT_HOME_ON_DAY = 1

JOPT_HAS_PERIOD = 0x1
JOPT_HAS_REABLEMENT_MIN_AGE = 0x2
JOPT_HAS_REABLEMENT_DISCHARGES = 0x4
JOPT_HAS_REABLEMENT_MAX_AGE = 0x8
JOPT_NATIONAL_READMISSION = 0x1
JOPT_INPUT_SORTED = 0x2
JOPT_REABLE_EXCLUDE_ZERO_LOS = 0x4
JOPT_REABLE_READMIT_EXCLUDE_ZERO_LOS = 0x8
JOPT_REABLE_EXCLUDE_DIED_IN_HOSPITAL = 0x10
JOPT_REABLE_EXCLUDE_DEATHS = 0x20
JOPT_REABLE_EXCLUDE_LTS = 0x40
JOPT_AGE_DAYS_365_25 = 0x80

JR_CONTINUITY_NA = 0x1
JR_PROF_CONTINUITY_NA = 0x2
JR_LOCAL_READMISSION = 0x4
JR_UNPRICED_ACTIVITY = 0x8
JR_NO_CONTACTS = 0x10
JR_NO_PERIOD = 0x20
JR_NO_REABLEMENT = 0x40

__all__ = ["Journey", "options", "batch", "batch_frame", "results_frame", "type_mask",
           "result_dtype"]


def type_mask(*types: int) -> int:
    """A contact-type mask (``CAREALIGN_TYPE_BIT``) from type numbers."""
    mask = 0
    for t in types:
        mask |= 1 << t
    return mask


class _Options:
    """A :class:`JourneyOptions` with the arrays it points to kept alive."""

    def __init__(self, struct: JourneyOptions, keep: list):
        self.struct = struct
        self.keep = keep


def options(**fields) -> _Options:
    """Build journey options. Keyword names are the C field names; lists
    (``reablement_excluded_methods``, ``reablement_excluded_destinations``,
    ``readmission_excluded_methods``, ``discharge_excluded_destinations``) set
    the pointer and count;
    ``unit_costs`` takes a 2-D sequence ``[type][sector]`` of pence (``None``
    for no price); ``period=(start, end)`` sets the period and its flag;
    ``followup_within`` takes up to four thresholds."""
    o = JourneyOptions()
    lib.carealign_journey_options_init(byref(o), ctypes.sizeof(o))
    keep = []
    for name, value in fields.items():
        if name == "period":
            o.period_start, o.period_end = value
            o.has |= JOPT_HAS_PERIOD
        elif name in ("reablement_excluded_methods", "reablement_excluded_destinations",
                      "readmission_excluded_methods", "discharge_excluded_destinations"):
            arr = (c_int32 * len(value))(*value)
            keep.append(arr)
            setattr(o, name, ctypes.cast(arr, ctypes.POINTER(c_int32)))
            setattr(o, "n_" + name, len(value))
        elif name == "unit_costs":
            rows = len(value)
            cols = max((len(r) for r in value), default=0)
            flat = (c_int64 * max(rows * cols, 1))()
            for t, row in enumerate(value):
                for s in range(cols):
                    v = row[s] if s < len(row) else None
                    flat[t * cols + s] = _lib.NA_I64 if v is None else v
            keep.append(flat)
            o.unit_costs = ctypes.cast(flat, ctypes.POINTER(c_int64))
            o.n_cost_types, o.n_cost_sectors = rows, cols
        elif name == "followup_within":
            for i in range(4):
                o.followup_within[i] = value[i] if i < len(value) else 0
        else:
            setattr(o, name, value)
    return _Options(o, keep)


def _opt_ptr(opts):
    if opts is None:
        return None
    if isinstance(opts, _Options):
        return byref(opts.struct)
    return byref(opts)


def _struct_dict(s) -> dict:
    out = {}
    for name, _ in s._fields_:
        if name in ("size", "reserved"):
            continue
        v = getattr(s, name)
        out[name] = list(v) if isinstance(v, ctypes.Array) else v
    return out


class Journey:
    """A reusable builder for one person at a time. Use as a context
    manager, or call :meth:`close`. Not thread-safe: one thread at a time."""

    def __init__(self):
        self._h = c_void_p()
        lib.carealign_journey_new(byref(self._h))

    def close(self) -> None:
        """Release the builder (idempotent); further use raises ``ValueError``."""
        handle = getattr(self, "_h", None)
        if handle:
            self._h = c_void_p()
            lib.carealign_journey_free(handle)

    @property
    def closed(self) -> bool:
        """True after :meth:`close` (or leaving a ``with`` block)."""
        return not self._h

    def _live(self) -> c_void_p:
        if not self._h:
            raise ValueError("operation on a closed Journey")
        return self._h

    def __enter__(self) -> "Journey":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # pragma: no cover - interpreter shutdown
            pass

    def reset(self) -> None:
        """Forget the person; keep the memory."""
        lib.carealign_journey_reset(self._live())

    def set_person(self, birth_year: int | None = None, birth_month: int | None = None,
                   death_day: int | None = None, flags: int = 0, person: int = -1) -> None:
        """Birth (year, month), death day and CAREALIGN_PERSON_ flags."""
        p = Person()
        lib.carealign_person_init(byref(p), ctypes.sizeof(p))
        p.person = person
        if birth_year is not None:
            p.has |= PERSON_HAS_BIRTH
            p.birth_year, p.birth_month = birth_year, birth_month or 1
        if death_day is not None:
            p.has |= PERSON_HAS_DEATH
            p.death_day = death_day
        p.flags = flags
        lib.carealign_journey_set_person(self._live(), byref(p))

    def add(self, org: int, sector: int, type: int, start_day: int, end_day: int | None = None,
            start_minute: int | None = None, professional: int | None = None,
            subtype: int | None = None, admission_method: int | None = None,
            discharge_destination: int | None = None, discharge_ready_day: int | None = None,
            staff_minutes: int = 0, activity: int | None = None,
            cost_pence: int | None = None) -> None:
        """Add one contact; optional fields left as ``None`` are absent.
        Raises :class:`carealign.CarealignError` (EINVAL) for an invalid
        contact, which is counted as rejected; the others still count."""
        c = Contact()
        lib.carealign_contact_init(byref(c), ctypes.sizeof(c))
        c.org, c.sector, c.type, c.start_day = org, sector, type, start_day
        c.staff_minutes = staff_minutes
        for value, bit, name in (
                (end_day, HAS_END, "end_day"), (start_minute, HAS_START_MINUTE, "start_minute"),
                (professional, HAS_PROFESSIONAL, "professional"),
                (subtype, HAS_SUBTYPE, "subtype"),
                (admission_method, HAS_ADMISSION_METHOD, "admission_method"),
                (discharge_destination, HAS_DESTINATION, "discharge_destination"),
                (discharge_ready_day, HAS_READY_DAY, "discharge_ready_day"),
                (activity, HAS_ACTIVITY, "activity"), (cost_pence, HAS_COST, "cost_pence")):
            if value is not None:
                c.has |= bit
                setattr(c, name, value)
        lib.carealign_journey_add_contact(self._live(), byref(c))

    def compute_struct(self, opts: _Options | JourneyOptions | None = None) -> JourneyResult:
        """The figures as the raw :class:`JourneyResult` mirror."""
        r = JourneyResult()
        lib.carealign_journey_result_init(byref(r), ctypes.sizeof(r))
        lib.carealign_journey_compute(self._live(), _opt_ptr(opts), byref(r))
        return r

    def compute(self, opts: _Options | JourneyOptions | None = None) -> dict:
        """The figures as a dict of the result fields (NaN where not computable)."""
        return _struct_dict(self.compute_struct(opts))

    def discharges(self) -> list[dict]:
        """Per-discharge detail from the last :meth:`compute`, in discharge order."""
        n = c_size_t()
        lib.carealign_journey_discharge_count(self._live(), byref(n))
        out = []
        for i in range(n.value):
            d = Discharge()
            lib.carealign_discharge_init(byref(d), ctypes.sizeof(d))
            lib.carealign_journey_get_discharge(self._live(), i, byref(d))
            out.append(_struct_dict(d))
        return out


def result_dtype() -> "numpy.dtype":
    """The numpy dtype that mirrors ``carealign_journey_result`` byte for byte."""
    import numpy as np

    fields, offsets = [], []
    for name, ctype in JourneyResult._fields_:
        off = getattr(JourneyResult, name).offset
        if issubclass(ctype, ctypes.Array):
            base = {ctypes.sizeof(c_int32): np.int32}[ctypes.sizeof(ctype._type_)]
            fields.append((name, (base, ctype._length_)))
        else:
            fields.append((name, {
                c_size_t: np.uint64, c_int32: np.int32, ctypes.c_uint32: np.uint32,
                ctypes.c_double: np.float64, c_int64: np.int64}[ctype]))
        offsets.append(off)
    return np.dtype({"names": [f[0] for f in fields], "formats": [f[1] for f in fields],
                     "offsets": offsets, "itemsize": ctypes.sizeof(JourneyResult)})


def _column(np, value, dtype, n, keep):
    if value is None:
        return None
    arr = np.ascontiguousarray(value, dtype=dtype)  # no copy when already right
    if arr.shape != (n,):
        raise ValueError(f"column has shape {arr.shape}, expected ({n},)")
    keep.append(arr)
    ctype = c_int32 if dtype == np.int32 else (c_int64 if dtype == np.int64 else ctypes.c_uint32)
    return arr.ctypes.data_as(ctypes.POINTER(ctype))


_I32_COLUMNS = ("end_day", "start_minute", "professional", "subtype", "admission_method",
                "discharge_destination", "discharge_ready_day", "staff_minutes")


def batch(person: IntArray, org: IntArray, sector: IntArray, type: IntArray,
          start_day: IntArray, n_people: int, *, opts: _Options | None = None,
          people: dict | None = None, journey: Journey | None = None,
          return_status: bool = False, **optional: IntArray) -> NDArray | tuple:
    """Figures for every person index 0..n_people-1 of a columnar table.

    ``person, org, sector, type, start_day`` and the optional columns
    (``end_day``, ``start_minute``, ``professional``, ``subtype``,
    ``admission_method``, ``discharge_destination``, ``discharge_ready_day``,
    ``staff_minutes`` as int32; ``activity``, ``cost_pence`` as int64) are
    numpy arrays or sequences; contiguous arrays of the right dtype pass
    without a copy. Missing values are ``NA_I32`` / ``NA_I64``. ``people`` is
    an optional dict of person columns (``person``, ``birth_year``,
    ``birth_month``, ``death_day`` int32; ``flags`` uint32). Rows may be in
    any order unless ``opts`` sets ``JOPT_INPUT_SORTED``.

    Returns a numpy structured array (:func:`result_dtype`), and with
    ``return_status`` also the per-row status array and the rejected count.
    """
    import numpy as np

    keep = []
    n = len(person)
    cols = ContactColumns()
    lib.carealign_contact_columns_init(byref(cols), ctypes.sizeof(cols))
    cols.n = n
    for name, value in (("person", person), ("org", org), ("sector", sector), ("type", type),
                        ("start_day", start_day)):
        setattr(cols, name, _column(np, value, np.int32, n, keep))
    for name, value in optional.items():
        if name in _I32_COLUMNS:
            setattr(cols, name, _column(np, value, np.int32, n, keep))
        elif name in ("activity", "cost_pence"):
            setattr(cols, name, _column(np, value, np.int64, n, keep))
        else:
            raise TypeError(f"unknown column {name!r}")
    pcols_ptr = None
    if people is not None:
        pcols = PersonColumns()
        lib.carealign_person_columns_init(byref(pcols), ctypes.sizeof(pcols))
        first = next(iter(people.values()))
        pn = len(first)
        pcols.n = pn
        for name, value in people.items():
            dtype = np.uint32 if name == "flags" else np.int32
            setattr(pcols, name, _column(np, value, dtype, pn, keep))
        pcols_ptr = byref(pcols)
    out = np.zeros(n_people, dtype=result_dtype())
    if n_people > 0:
        out["size"][0] = ctypes.sizeof(JourneyResult)
    status = np.zeros(n, dtype=np.int32)
    rejected = c_size_t()
    own = journey is None
    j = Journey() if own else journey
    try:
        lib.carealign_journey_batch(
            j._live(), byref(cols), pcols_ptr, _opt_ptr(opts),
            out.ctypes.data_as(c_void_p) if n_people > 0 else None, n_people,
            status.ctypes.data_as(ctypes.POINTER(c_int32)), byref(rejected))
    finally:
        if own:
            j.close()
    if return_status:
        return out, status, rejected.value
    return out


def isnan(x: object) -> bool:
    """True for a "not computable" continuity value."""
    return isinstance(x, float) and math.isnan(x)


# --- pandas -------------------------------------------------------------------
_CONTACT_COLUMNS = ("person", "org", "sector", "type", "start_day")


def results_frame(results: NDArray, ordered: bool = True) -> DataFrame:
    """A pandas DataFrame of :func:`batch` results, one row per person
    index: scalar fields as they are, the four-element fields
    (``followup_days``, ``n_followup_within``) as ``name_0`` .. ``name_3``;
    ``size`` and ``reserved`` left out.

    Each field is copied once, straight into the DataFrame's block of its
    type. The columns follow ``carealign_journey_result`` unless
    ``ordered=False``, which keeps them grouped by type and saves a second
    copy of everything."""
    import numpy as np
    import pandas as pd

    groups: dict = {}
    order = []
    for name in results.dtype.names:
        if name in ("size", "reserved"):
            continue
        values = results[name]
        columns = ([(f"{name}_{k}", values[:, k]) for k in range(values.shape[1])]
                   if values.ndim == 2 else [(name, values)])
        for column, source in columns:
            groups.setdefault(source.dtype.str, []).append((column, source))
            order.append(column)
    frames = []
    for dtype, items in groups.items():
        block = np.empty((len(items), len(results)), dtype=dtype)
        for i, (_, source) in enumerate(items):
            block[i] = source
        # the transposed block is the DataFrame's storage: no copy here
        frames.append(pd.DataFrame(block.T, columns=[c for c, _ in items], copy=False))
    frame = pd.concat(frames, axis=1, copy=False) if frames else pd.DataFrame()
    return frame[order] if ordered else frame


def batch_frame(contacts: DataFrame, n_people: int | None = None, *,
                people: DataFrame | None = None, opts: _Options | None = None,
                journey: Journey | None = None, ordered: bool = True) -> DataFrame:
    """Figures for every person of a pandas DataFrame of contacts.

    ``contacts`` has the columns ``person`` (an index 0..n_people-1),
    ``org``, ``sector``, ``type``, ``start_day`` and any of the optional
    columns of :func:`batch` (missing values as ``NA_I32``/``NA_I64``, or
    NaN/NA in nullable columns, which become those). Contiguous int32/int64
    columns pass to C without a copy. ``people`` is an optional DataFrame
    with a ``person`` column and the person columns of :func:`batch`.
    Returns :func:`results_frame` of the results (``n_people`` defaults to
    the largest person index plus one; ``ordered`` as there)."""
    import numpy as np

    def column(frame: DataFrame, name: str, dtype: type, na: int) -> NDArray:
        """One column as a contiguous array of dtype, missing values as ``na``."""
        series = frame[name]
        if series.hasnans:
            return np.where(series.isna().to_numpy(), na,
                            series.fillna(0).to_numpy()).astype(dtype)
        return np.ascontiguousarray(series.to_numpy(), dtype=dtype)

    required = [column(contacts, name, np.int32, _lib.NA_I32) for name in _CONTACT_COLUMNS]
    if n_people is None:
        n_people = int(required[0].max()) + 1 if len(required[0]) else 0
    optional = {}
    for name in contacts.columns:
        if name in _I32_COLUMNS:
            optional[name] = column(contacts, name, np.int32, _lib.NA_I32)
        elif name in ("activity", "cost_pence"):
            optional[name] = column(contacts, name, np.int64, _lib.NA_I64)
    person_columns = None
    if people is not None:
        person_columns = {}
        for name in people.columns:
            if name in ("person", "birth_year", "birth_month", "death_day", "sex", "ethnicity",
                        "imd_decile", "area", "practice"):
                person_columns[name] = column(people, name, np.int32, _lib.NA_I32)
            elif name == "flags":
                person_columns[name] = column(people, name, np.uint32, 0)
    out = batch(*required, n_people, opts=opts, people=person_columns, journey=journey,
                **optional)
    return results_frame(out, ordered)
