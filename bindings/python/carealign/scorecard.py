"""The scorecard (include/carealign/scorecard.h): records x framework -> results.

    from carealign.framework import Framework
    from carealign.scorecard import Scorecard
    with Framework.load_file("examples/frameworks/england-integrated-care.json") as fw, \\
            Scorecard(fw, no_disclosure=True) as sc:
        sc.register_ids("area", ["E08000035"])
        sc.feed_organisations([(0, 1, "Acute trust")])
        sc.feed_people_columns(person=ids, birth_year=years, birth_month=months)
        sc.feed_contacts_columns(person=..., org=..., sector=..., type=..., start_day=...)
        sc.finalize()
        rows = sc.results()            # list of dicts
        df = sc.results_frame()        # pandas DataFrame (pandas optional)

Columnar feeds read numpy int32/int64/uint32/float64 arrays in place (no
copy) when they are C-contiguous and of the right type; anything else is
converted first. Bad rows never raise: their reasons come back as an int32
array (0 = accepted; :func:`reject_reason_name` names them). The framework
must stay open while the scorecard lives.
"""

from __future__ import annotations

import ctypes
from ctypes import POINTER, byref, c_char_p, c_int32, c_size_t, c_uint64, c_void_p

from . import _lib
from ._lib import CarealignError, lib

__all__ = ["Scorecard", "reject_reason_name", "CarealignError", "DICTS", "FEEDS", "LEVELS",
           "GROUPED", "NO_DISCLOSURE"]

DICTS = {"person": 0, "org": 1, "area": 2, "practice": 3, "ethnicity": 4, "professional": 5}
FEEDS = {"organisations": 1, "populations": 2, "people": 3, "responses": 4, "fft": 5,
         "contacts": 6}
LEVELS = {0: "system", 1: "sector", 2: "org", 3: "cohort"}
KINDS = {0: "estimate", 1: "sii", 2: "rii"}
GROUPED, NO_DISCLOSURE = 0x1, 0x2
NA_I32 = -(2 ** 31)
NA_I64 = -(2 ** 63)


def reject_reason_name(reason: int) -> str:
    """The short name of a row reason code, e.g. ``"unknown_person"``."""
    return lib.carealign_reject_reason_name(reason).decode()


def _array(values, typecode: str, ctype):
    """A C-contiguous buffer of ``ctype`` for ``values``, kept alive by the caller.
    numpy arrays of the right dtype are used in place."""
    try:
        import numpy as np
        dtype = {"i": np.int32, "q": np.int64, "I": np.uint32, "d": np.float64}[typecode]
        arr = np.ascontiguousarray(values, dtype=dtype)
        return arr, arr.ctypes.data_as(POINTER(ctype)), len(arr)
    except ImportError:  # pragma: no cover - numpy is optional
        import array
        arr = array.array(typecode, values)
        addr, n = arr.buffer_info()
        return arr, ctypes.cast(addr, POINTER(ctype)), n


class Scorecard:
    """One scorecard over a :class:`carealign.framework.Framework`."""

    def __init__(self, framework, grouped: bool = False, no_disclosure: bool = False,
                 confidence: float = 0.0, _handle: int | None = None):
        self._framework = framework  # keeps it alive
        if _handle is not None:
            self._handle = _handle
            return
        opt = _lib.ScorecardOptions()
        lib.carealign_scorecard_options_init(byref(opt), ctypes.sizeof(opt))
        opt.flags = (GROUPED if grouped else 0) | (NO_DISCLOSURE if no_disclosure else 0)
        opt.confidence = confidence
        handle = c_void_p()
        lib.carealign_scorecard_new(framework.handle, byref(opt), byref(handle))
        self._handle = handle.value

    # -- lifetime ------------------------------------------------------------------
    def close(self) -> None:
        """Release the scorecard (idempotent)."""
        if self._handle:
            lib.carealign_scorecard_free(self._handle)
            self._handle = None

    def __enter__(self) -> "Scorecard":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown
            pass

    @property
    def handle(self) -> int:
        if not self._handle:
            raise ValueError("the scorecard is closed")
        return self._handle

    # -- dictionaries --------------------------------------------------------------
    def register_ids(self, dict_name: str, strings) -> list[int]:
        """Register strings into a dictionary; returns their indices."""
        encoded = [s.encode() if isinstance(s, str) else bytes(s) for s in strings]
        data = b"".join(encoded)
        offsets = (c_uint64 * (len(encoded) + 1))()
        pos = 0
        for i, s in enumerate(encoded):
            offsets[i] = pos
            pos += len(s)
        offsets[len(encoded)] = pos
        out = (c_int32 * max(1, len(encoded)))()
        lib.carealign_scorecard_register_ids(self.handle, DICTS[dict_name], data, offsets,
                                             len(encoded), out)
        return list(out[:len(encoded)])

    def get_id(self, dict_name: str, index: int) -> str:
        s = c_char_p()
        n = c_size_t()
        lib.carealign_scorecard_get_id(self.handle, DICTS[dict_name], index, byref(s), byref(n))
        return ctypes.string_at(s, n.value).decode()

    # -- record feeds -----------------------------------------------------------
    def _feed_records(self, name: str, recs) -> list[int]:
        n = len(recs)
        if n == 0:
            return []
        reasons = (c_int32 * n)()
        rejected = c_size_t()
        getattr(lib, "carealign_scorecard_feed_" + name)(self.handle, recs, n, reasons,
                                                         byref(rejected))
        return list(reasons)

    def feed_organisations(self, orgs) -> list[int]:
        """Feed (org, sector, name) tuples; returns the row reasons."""
        recs = (_lib.Organisation * len(orgs))()
        names = []
        for r, (org, sector, name) in zip(recs, orgs):
            r.size = ctypes.sizeof(_lib.Organisation)
            r.org, r.sector = org, sector
            b = (name or "").encode()
            names.append(b)
            r.name, r.name_len = b, len(b)
        return self._feed_records("organisations", recs)

    def feed_populations(self, cells) -> list[int]:
        """Feed (area, year, sex, age_lower, age_upper or None, count) tuples."""
        recs = (_lib.Population * len(cells))()
        for r, (area, year, sex, lo, up, count) in zip(recs, cells):
            r.size = ctypes.sizeof(_lib.Population)
            r.area, r.year, r.sex, r.age_lower, r.count = area, year, sex, lo, count
            if up is not None:
                r.has, r.age_upper = 0x1, up
        return self._feed_records("populations", recs)

    def feed_fft(self, rows) -> list[int]:
        """Feed (org, month_first_day, counts[6]) tuples of aggregate FFT counts."""
        recs = (_lib.FftCounts * len(rows))()
        for r, (org, month, counts) in zip(recs, rows):
            r.size = ctypes.sizeof(_lib.FftCounts)
            r.org, r.month = org, month
            for k in range(6):
                r.counts[k] = counts[k]
        return self._feed_records("fft", recs)

    # -- columnar feeds -----------------------------------------------------------
    def feed_people_columns(self, person=None, birth_year=None, birth_month=None,
                            death_day=None, sex=None, ethnicity=None, imd_decile=None,
                            area=None, practice=None, flags=None, n: int | None = None):
        """Feed people as columns; NA_I32 marks a missing value. Returns the reasons."""
        cols = _lib.PersonColumns()
        lib.carealign_person_columns_init(byref(cols), ctypes.sizeof(cols))
        keep = []
        lengths = []
        for name, values, code, ctype in (
                ("person", person, "i", c_int32), ("birth_year", birth_year, "i", c_int32),
                ("birth_month", birth_month, "i", c_int32), ("death_day", death_day, "i", c_int32),
                ("sex", sex, "i", c_int32), ("ethnicity", ethnicity, "i", c_int32),
                ("imd_decile", imd_decile, "i", c_int32), ("area", area, "i", c_int32),
                ("practice", practice, "i", c_int32), ("flags", flags, "I", ctypes.c_uint32)):
            if values is None:
                continue
            arr, ptr, count = _array(values, code, ctype)
            keep.append(arr)
            lengths.append(count)
            setattr(cols, name, ptr)
        cols.n = n if n is not None else (lengths[0] if lengths else 0)
        if any(k != cols.n for k in lengths):
            raise ValueError("columns of different lengths")
        reasons = (c_int32 * max(1, cols.n))()
        rejected = c_size_t()
        lib.carealign_scorecard_feed_people_columns(self.handle, byref(cols), reasons,
                                                    byref(rejected))
        return list(reasons[:cols.n])

    def feed_contacts_columns(self, person, org, sector, type, start_day, end_day=None,
                              staff_minutes=None, discharge_ready_day=None,
                              admission_method=None, discharge_destination=None,
                              activity=None, cost_pence=None):
        """Feed contacts as columns (journey.h's carealign_contact_columns)."""
        cols = _lib.ContactColumns()
        lib.carealign_contact_columns_init(byref(cols), ctypes.sizeof(cols))
        keep = []
        lengths = []
        for name, values, code, ctype in (
                ("person", person, "i", c_int32), ("org", org, "i", c_int32),
                ("sector", sector, "i", c_int32), ("type", type, "i", c_int32),
                ("start_day", start_day, "i", c_int32), ("end_day", end_day, "i", c_int32),
                ("staff_minutes", staff_minutes, "i", c_int32),
                ("discharge_ready_day", discharge_ready_day, "i", c_int32),
                ("admission_method", admission_method, "i", c_int32),
                ("discharge_destination", discharge_destination, "i", c_int32),
                ("activity", activity, "q", ctypes.c_int64),
                ("cost_pence", cost_pence, "q", ctypes.c_int64)):
            if values is None:
                continue
            arr, ptr, count = _array(values, code, ctype)
            keep.append(arr)
            lengths.append(count)
            setattr(cols, name, ptr)
        cols.n = lengths[0]
        if any(k != cols.n for k in lengths):
            raise ValueError("columns of different lengths")
        reasons = (c_int32 * max(1, cols.n))()
        rejected = c_size_t()
        lib.carealign_scorecard_feed_contacts_columns(self.handle, byref(cols), reasons,
                                                      byref(rejected))
        return list(reasons[:cols.n])

    def feed_responses_columns(self, instrument: int, items, person, day, org=None,
                               valueset: int | None = None, weight=None):
        """Feed responses to one instrument; ``items`` is n x n_items (row-major)."""
        import numpy as np
        items = np.ascontiguousarray(items, dtype=np.int32)
        if items.ndim != 2:
            raise ValueError("items must be two-dimensional")
        cols = _lib.ResponseColumns()
        lib.carealign_response_columns_init(byref(cols), ctypes.sizeof(cols))
        cols.n, cols.n_items = items.shape
        cols.instrument = instrument
        cols.valueset = NA_I32 if valueset is None else valueset
        cols.items = items.ctypes.data_as(POINTER(c_int32))
        keep = [items]
        for name, values, code, ctype in (("person", person, "i", c_int32),
                                          ("day", day, "i", c_int32),
                                          ("org", org, "i", c_int32),
                                          ("weight", weight, "d", ctypes.c_double)):
            if values is None:
                continue
            arr, ptr, count = _array(values, code, ctype)
            if count != cols.n:
                raise ValueError("columns of different lengths")
            keep.append(arr)
            setattr(cols, name, ptr)
        reasons = (c_int32 * max(1, cols.n))()
        rejected = c_size_t()
        lib.carealign_scorecard_feed_responses_columns(self.handle, byref(cols), reasons,
                                                       byref(rejected))
        return list(reasons[:cols.n])

    # -- lifecycle ------------------------------------------------------------------
    def close_person(self, person: int) -> None:
        lib.carealign_scorecard_close_person(self.handle, person)

    def close_all(self) -> None:
        lib.carealign_scorecard_close_all(self.handle)

    def counts(self, feed: str) -> dict:
        """read / used / rejected / excluded_opt_out / excluded_outside_base / weights_not_applied of a feed."""
        c = _lib.FeedCounts()
        c.size = ctypes.sizeof(c)
        lib.carealign_scorecard_get_counts(self.handle, FEEDS[feed], byref(c))
        return {k: getattr(c, k) for k, _ in _lib.FeedCounts._fields_ if k != "size"}

    def serialize(self) -> bytes:
        """The partial as bytes (every person must be closed: :meth:`close_all`)."""
        n = c_size_t()
        st = lib.carealign_scorecard_serialize(self.handle, None, 0, byref(n))
        if st not in (0, -10):
            raise CarealignError(st, lib.carealign_last_error().decode())
        buf = ctypes.create_string_buffer(n.value)
        st = lib.carealign_scorecard_serialize(self.handle, buf, n.value, byref(n))
        if st != 0:
            raise CarealignError(st, lib.carealign_last_error().decode())
        return buf.raw[:n.value]

    @classmethod
    def deserialize(cls, framework, blob: bytes) -> "Scorecard":
        handle = c_void_p()
        lib.carealign_scorecard_deserialize(framework.handle, blob, len(blob), byref(handle))
        return cls(framework, _handle=handle.value)

    def merge(self, other: "Scorecard") -> None:
        lib.carealign_scorecard_merge(self.handle, other.handle)

    def finalize(self) -> None:
        lib.carealign_scorecard_finalize(self.handle)

    # -- results ----------------------------------------------------------------------
    def results(self) -> list[dict]:
        """Every result row as a dict, in the library's deterministic order."""
        n = c_size_t()
        lib.carealign_scorecard_result_count(self.handle, byref(n))
        rows = (_lib.Result * max(1, n.value))()
        rows[0].size = ctypes.sizeof(_lib.Result)
        got = c_size_t()
        if n.value:
            lib.carealign_scorecard_get_results(self.handle, 0, rows, n.value, byref(got))
        out = []
        for r in rows[:n.value]:
            e = r.estimate
            out.append({
                "measure": r.measure, "kind": KINDS.get(r.kind, r.kind),
                "level": LEVELS.get(r.level, r.level), "unit": r.unit, "period": r.period,
                "period_start": r.period_start, "period_end": r.period_end,
                "stratum": tuple(r.stratum), "target_met": r.target_met, "flags": r.flags,
                "value": e.value, "lower": e.lower, "upper": e.upper, "n": e.n,
                "method": e.method, "numerator": r.numerator, "denominator": r.denominator,
                "target": r.target, "spc_point": r.spc_point,
                "spc_variation": r.spc_variation, "spc_assurance": r.spc_assurance,
                "funnel": r.funnel})
        return out

    def results_frame(self):
        """The results as a pandas DataFrame (needs pandas)."""
        import pandas as pd
        return pd.DataFrame(self.results())

    def find(self, measure: int, level: str = "system", unit: int = -1,
             period: int = -1) -> dict:
        """The margin row of a measure, level, unit and period."""
        idx = c_size_t()
        code = {v: k for k, v in LEVELS.items()}[level]
        lib.carealign_scorecard_find_result(self.handle, measure, code, unit, period, byref(idx))
        return self.results()[idx.value]
