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

With pandas, whole DataFrames with the columns of the six files of
docs/data.md go through the same feeds, and the results come back as one:

        rejects = sc.feed_frames(organisations=orgs, populations=pops, people=people,
                                 responses=responses, fft=fft, contacts=contacts)
        sc.finalize()
        report = sc.write("json")      # the bytes `carealign report --format json` writes
        df = sc.results_frame()

``rejects`` lists every row not used (frame, row label, position, field,
reason); ids, codes and dates are converted with vectorised numpy/pandas
operations, never a Python loop per row.

Columnar feeds read numpy int32/int64/uint32/float64 arrays in place (no
copy) when they are C-contiguous and of the right type; anything else is
converted first. Bad rows never raise: their reasons come back as an int32
array (0 = accepted; :func:`reject_reason_name` names them). The framework
must stay open while the scorecard lives.
"""

from __future__ import annotations

import ctypes
import functools
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
#: CAREALIGN_RESPONSE_INSTRUMENT_GAS: a Goal Attainment Scaling response (scorecard.h).
RESPONSE_INSTRUMENT_GAS = -2
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


def _reason_mode(reasons, as_array: bool = False):
    """The row reasons a columnar feed returns, checked: ``"list"`` (a list of
    every row's reason), ``"array"`` (a numpy int32 array, written by C) or
    None (no reasons: C gets a NULL row_reason and the feed returns the
    number of rejected rows). ``as_array`` is the older spelling of
    ``"array"``. Anything else raises ValueError."""
    if not (reasons is None or (isinstance(reasons, str) and reasons in ("list", "array"))):
        raise ValueError(f'reasons must be "list", "array" or None, not {reasons!r}')
    if as_array:
        if reasons != "list" and reasons != "array":
            raise ValueError('_as_array=True is reasons="array"')
        return "array"
    return reasons


def _reasons(n: int, as_array: bool):
    """A buffer of n row reasons: a numpy int32 array, or a ctypes array."""
    if as_array:
        import numpy as np
        return np.zeros(max(1, n), dtype=np.int32)
    return (c_int32 * max(1, n))()


def _reasons_out(reasons, n: int, rejected: int, as_array: bool):
    """A feed's first n row reasons as the caller asked for them: the numpy
    array, or a list (all zeros without reading the buffer when no row was
    rejected: a list of millions of ints from a ctypes array costs more than
    the feed's C loop)."""
    if as_array:
        return reasons[:n]
    return [0] * n if rejected == 0 else list(reasons[:n])


def _ptr(reasons):
    return reasons.ctypes.data_as(POINTER(c_int32)) if hasattr(reasons, "ctypes") else reasons


# Rows a columnar feed of records hands to C at a time when the reasons come
# back as a list (_feed_columns).
_FEED_CHUNK = 1 << 20


def _feed_columns(feed, handle, cols, columns, mode):
    """Call the columnar feed ``feed`` on ``cols`` (cols.n rows) and return the
    reasons as _reasons_out does for ``mode`` "list" or "array", or the number
    of rejected rows for mode None (no reasons buffer: C gets NULL). ``columns``: (field, pointer, ctype, values a
    row) of every column set in cols. A list of reasons is gathered chunk by
    chunk through one buffer of _FEED_CHUNK reasons, the columns offset to each
    chunk (the same rows, checks and counts as one call: no row of these feeds
    depends on its index): a reasons buffer of every row would be written
    whole, tens of MB of fresh pages, for a list that is all zeros when no row
    is rejected."""
    n = cols.n
    if mode is None:
        rejected = c_size_t()
        feed(handle, byref(cols), None, byref(rejected))
        return rejected.value
    as_array = mode == "array"
    if as_array or n <= _FEED_CHUNK:
        reasons = _reasons(n, as_array)
        rejected = c_size_t()
        feed(handle, byref(cols), _ptr(reasons), byref(rejected))
        return _reasons_out(reasons, n, rejected.value, as_array)
    bases = [(name, ctypes.cast(ptr, c_void_p).value, ctype, width)
             for name, ptr, ctype, width in columns]
    buf = (c_int32 * _FEED_CHUNK)()
    out = None  # the list, made at the first chunk with a rejected row
    for start in range(0, n, _FEED_CHUNK):
        m = min(_FEED_CHUNK, n - start)
        for name, base, ctype, width in bases:
            at = base + start * width * ctypes.sizeof(ctype)
            setattr(cols, name, ctypes.cast(at, POINTER(ctype)))
        cols.n = m
        rejected = c_size_t()
        feed(handle, byref(cols), buf, byref(rejected))
        if rejected.value and out is None:
            out = [0] * start
        if out is not None:
            out.extend(buf[:m] if rejected.value else [0] * m)
    cols.n = n
    return [0] * n if out is None else out


def _rows(values, lo: int, hi: int):
    """Rows lo .. hi of a column (scalars, such as an instrument, as they are)."""
    import numpy as np
    if values is None or np.ndim(values) == 0:
        return values
    return values[lo:hi]


def _joined(parts, as_array: bool):
    """One table's row reasons from its blocks': each a numpy array, or the
    number of its rows when none was rejected. A numpy array, or a list (made
    as [0] * n when no row was rejected, as _reasons_out does)."""
    import numpy as np
    if all(isinstance(p, int) for p in parts):
        n = sum(parts)
        return np.zeros(n, dtype=np.int32) if as_array else [0] * n
    out = np.concatenate([np.zeros(p, dtype=np.int32) if isinstance(p, int) else p
                          for p in parts])
    return out if as_array else out.tolist()


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

    def __reduce__(self):
        # Pickled through its blob (every person closed, before finalize),
        # with its framework (pickled through its canonical text).
        return (Scorecard.deserialize, (self._framework, self.serialize()))

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
        indices = list(out[:len(encoded)])
        mirror = self._mirror(dict_name)
        new = {}
        for s, k in zip(encoded, indices):
            if k >= len(mirror):
                new.setdefault(k, s.decode())
        mirror.extend([new[k] for k in sorted(new)], None)
        return indices

    def dictionary(self, dict_name: str) -> list[str]:
        """The strings registered in a dictionary so far, in index order (as
        registered through this object)."""
        return list(self._mirror(dict_name).keys)

    def register_frames(self, organisations=None, people=None, populations=None,
                        contacts=None) -> None:
        """Register the dictionary strings of these DataFrames (valid rows only)
        exactly as :meth:`feed_frames` would, without feeding anything. Partitions
        that start with the same call on the whole data get the same indices for
        the same strings as a single run (what ``carealign report --threads`` does)."""
        for df, prep in ((organisations, self._prepare_organisations),
                         (people, self._prepare_people),
                         (populations, self._prepare_populations),
                         (contacts, self._prepare_contacts)):
            if df is not None:
                prep(df)

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
                            area=None, practice=None, flags=None, n: int | None = None,
                            reasons="list", _as_array: bool = False):
        """Feed people as columns; NA_I32 marks a missing value. Returns the row
        reasons: a list (``reasons="list"``, the default), a numpy int32 array
        (``"array"``), or, for ``reasons=None``, only the number of rejected
        rows (no per-row reasons are made)."""
        mode = _reason_mode(reasons, _as_array)
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
        feed = lib.carealign_scorecard_feed_people_columns
        if mode is None:
            return _feed_columns(feed, self.handle, cols, [], None)
        reasons = _reasons(cols.n, mode == "array")
        rejected = c_size_t()
        feed(self.handle, byref(cols), _ptr(reasons), byref(rejected))
        return _reasons_out(reasons, cols.n, rejected.value, mode == "array")

    def feed_contacts_columns(self, person, org, sector, type, start_day, end_day=None,
                              start_minute=None, professional=None, subtype=None,
                              staff_minutes=None, discharge_ready_day=None,
                              admission_method=None, discharge_destination=None,
                              activity=None, cost_pence=None, reasons="list",
                              _as_array: bool = False):
        """Feed contacts as columns (journey.h's carealign_contact_columns).
        Returns the row reasons as :meth:`feed_people_columns` does."""
        mode = _reason_mode(reasons, _as_array)
        cols = _lib.ContactColumns()
        lib.carealign_contact_columns_init(byref(cols), ctypes.sizeof(cols))
        keep = []
        lengths = []
        given = []
        for name, values, code, ctype in (
                ("person", person, "i", c_int32), ("org", org, "i", c_int32),
                ("sector", sector, "i", c_int32), ("type", type, "i", c_int32),
                ("start_day", start_day, "i", c_int32), ("end_day", end_day, "i", c_int32),
                ("start_minute", start_minute, "i", c_int32),
                ("professional", professional, "i", c_int32), ("subtype", subtype, "i", c_int32),
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
            given.append((name, ptr, ctype, 1))
        cols.n = lengths[0]
        if any(k != cols.n for k in lengths):
            raise ValueError("columns of different lengths")
        return _feed_columns(lib.carealign_scorecard_feed_contacts_columns, self.handle, cols,
                             given, mode)

    def feed_responses_columns(self, instrument: int, items, person, day, org=None,
                               valueset: int | None = None, weight=None, flags=None,
                               reasons="list", _as_array: bool = False):
        """Feed responses to one instrument; ``items`` is n x n_items (row-major).
        Returns the row reasons as :meth:`feed_people_columns` does."""
        import numpy as np
        mode = _reason_mode(reasons, _as_array)
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
        given = [("items", cols.items, c_int32, cols.n_items)]
        for name, values, code, ctype in (("person", person, "i", c_int32),
                                          ("day", day, "i", c_int32),
                                          ("org", org, "i", c_int32),
                                          ("weight", weight, "d", ctypes.c_double),
                                          ("flags", flags, "I", ctypes.c_uint32)):
            if values is None:
                continue
            arr, ptr, count = _array(values, code, ctype)
            if count != cols.n:
                raise ValueError("columns of different lengths")
            keep.append(arr)
            setattr(cols, name, ptr)
            given.append((name, ptr, ctype, 1))
        return _feed_columns(lib.carealign_scorecard_feed_responses_columns, self.handle, cols,
                             given, mode)

    # -- lifecycle ------------------------------------------------------------------
    def close_person(self, person: int) -> None:
        lib.carealign_scorecard_close_person(self.handle, person)

    def close_all(self) -> None:
        lib.carealign_scorecard_close_all(self.handle)

    def close_before(self, person_end: int) -> None:
        """Close every open person whose index is below ``person_end``, in
        ascending order, as :meth:`close_all` closes them; the others stay open
        with their records (carealign_scorecard_close_before)."""
        lib.carealign_scorecard_close_before(self.handle, person_end)

    def feed_columns_by_person(self, people: dict, contacts: dict | None = None,
                               responses=None, block: int = 16384, reasons="list",
                               _as_array: bool = False):
        """Feed tables sorted by person in blocks of ``block`` people, closing
        each block before the next: the people of a block
        (:meth:`feed_people_columns`), the contacts and responses of those
        people (the rows whose person lies between the block's first person
        and the next block's, found with ``numpy.searchsorted``), then
        :meth:`close_before` the next block's first person (after the last
        block, the last person + 1). The scorecard then holds one block's
        records at a time instead of every record until :meth:`close_all`,
        with the same results, bit for bit, and the same row reasons.

        ``people`` and ``contacts`` hold the keyword columns of
        :meth:`feed_people_columns` and :meth:`feed_contacts_columns`;
        ``responses`` one dict (or a list of dicts, one per instrument) of the
        keyword arguments of :meth:`feed_responses_columns`, ``instrument``
        and ``items`` included. Every person column must be sorted ascending
        (as people, contacts and responses of an extract sorted by person
        are); otherwise ``ValueError`` is raised before anything is fed (sort
        first, or use the whole-table feeds and :meth:`close_all`).

        Returns ``{"people": reasons, "contacts": reasons, "responses":
        reasons}``, each in the table's row order as the whole-table feed
        returns it (``responses``: a list of them when a list was given; a
        table not given is absent). ``reasons="array"`` gives numpy int32 arrays
        instead of lists; ``reasons=None`` gives each table's number of
        rejected rows instead (C writes no reasons)."""
        import numpy as np
        mode = _reason_mode(reasons, _as_array)
        if block < 1:
            raise ValueError("feed_columns_by_person: block must be at least 1")
        if "n" in people:
            raise ValueError("feed_columns_by_person: people's n is the length of its columns")
        single = isinstance(responses, dict)
        resp_tables = [responses] if single else list(responses or [])
        tables = [("people", people, self.feed_people_columns)]
        if contacts is not None:
            tables.append(("contacts", contacts, self.feed_contacts_columns))
        tables += [("responses", r, self._feed_responses_kw) for r in resp_tables]
        keys = []
        for name, cols, _ in tables:
            if "person" not in cols or cols["person"] is None:
                raise ValueError(f"feed_columns_by_person: {name} has no person column")
            key = np.ascontiguousarray(cols["person"], dtype=np.int32)
            if len(key) > 1 and bool(np.any(key[1:] < key[:-1])):
                raise ValueError(f"feed_columns_by_person: the person column of {name} is "
                                 "not sorted ascending")
            keys.append(key)
        person = keys[0]
        n = len(person)
        out = [[] for _ in tables]
        for a in range(0, max(n, 1), block):
            b = min(a + block, n)
            last = b >= n
            for t, (name, cols, feed) in enumerate(tables):
                key = keys[t]
                lo = a if t == 0 else (0 if a == 0 else int(np.searchsorted(key, person[a])))
                hi = b if t == 0 else (len(key) if last else int(np.searchsorted(key, person[b])))
                if hi > lo:
                    part = {k: _rows(v, lo, hi) for k, v in cols.items()}
                    if mode is None:
                        out[t].append(feed(**part, reasons=None))
                    else:
                        got = feed(**part, reasons="array")
                        out[t].append(got if got.any() else len(got))
            if n > 0:
                end = int(person[b]) if not last else min(int(person[-1]) + 1, 2 ** 31 - 1)
                self.close_before(end)
        joined = [sum(parts) if mode is None else _joined(parts, mode == "array")
                  for parts in out]
        result = {"people": joined[0]}
        if contacts is not None:
            result["contacts"] = joined[1]
        if responses is not None:
            rest = joined[2 if contacts is not None else 1:]
            result["responses"] = rest[0] if single else rest
        return result

    def _feed_responses_kw(self, instrument, items, person, day, **rest):
        """feed_responses_columns with every argument by keyword."""
        return self.feed_responses_columns(instrument, items, person, day, **rest)

    def counts(self, feed: str) -> dict:
        """read / used / rejected / excluded_opt_out / excluded_outside_base / weights_not_applied / unscored of a feed."""
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

    def find(self, measure: int, level: str = "system", unit: int = -1,
             period: int = -1) -> dict:
        """The margin row of a measure, level, unit and period."""
        idx = c_size_t()
        code = {v: k for k, v in LEVELS.items()}[level]
        lib.carealign_scorecard_find_result(self.handle, measure, code, unit, period, byref(idx))
        return self.results()[idx.value]

    # -- output ---------------------------------------------------------------------
    def write(self, format: str = "json") -> bytes:
        """The finalized results as JSON, CSV or FHIR (``"json"``, ``"csv"``,
        ``"fhir"``): the bytes ``carealign_scorecard_write`` produces, the same as
        ``carealign report --format ...`` writes for the same scorecard."""
        code = {"json": 1, "csv": 2, "fhir": 3}[format]
        n = c_size_t()
        st = lib.carealign_scorecard_write(self.handle, code, None, None, 0, byref(n))
        if st not in (0, -10):
            raise CarealignError(st, lib.carealign_last_error().decode())
        cap = n.value + 1
        buf = ctypes.create_string_buffer(cap)
        st = lib.carealign_scorecard_write(self.handle, code, None, buf, cap, byref(n))
        if st != 0:
            raise CarealignError(st, lib.carealign_last_error().decode())
        return buf.raw[:n.value]

    # -- DataFrame feeds ------------------------------------------------------------
    # The six frames have the columns of the six files of docs/data.md (extra
    # columns are ignored) and follow the same rules as `carealign report`
    # (tools/carealign/load.c): a row that breaks a rule of its own, or names a
    # person or organisation never fed, is rejected here and not fed; every
    # other row goes to the library's columnar feeds (people, responses,
    # contacts) or to its record feeds through a numpy array laid out as the C
    # records (organisations, populations, FFT, which have no columnar form).
    # Rejected rows come back as a DataFrame: frame, row (the index label),
    # position, field ("" when the library rejected the row) and reason.

    def _mirror(self, dict_name: str) -> "_Dictionary":
        mirrors = self.__dict__.setdefault("_mirrors", {})
        if dict_name not in mirrors:
            mirrors[dict_name] = _Dictionary()
        return mirrors[dict_name]

    def _register(self, dict_name: str, ids: "_Ids", rows) -> None:
        """Register the ids of the rows selected by the boolean ``rows``, in
        order of first appearance, skipping those already registered."""
        import numpy as np
        import pandas as pd
        mirror = self._mirror(dict_name)
        codes = ids.codes[rows]
        codes = pd.unique(codes[codes >= 0])
        if len(codes) == 0:
            return
        new = codes[mirror.lookup(ids.key_strings(codes), ids.ints_of(codes)) < 0]
        if len(new) == 0:
            return
        keys = ids.key_strings(new)
        data, offsets = _pack_strings(keys)
        out = np.empty(len(keys), dtype=np.int32)
        lib.carealign_scorecard_register_ids(
            self.handle, DICTS[dict_name], data, offsets.ctypes.data_as(POINTER(c_uint64)),
            len(keys), out.ctypes.data_as(POINTER(c_int32)))
        if not np.array_equal(out, np.arange(len(mirror), len(mirror) + len(keys))):
            raise RuntimeError("the scorecard's dictionary and its Python mirror disagree")
        mirror.extend(list(keys), ids.ints_of(new))

    def _find(self, dict_name: str, ids: "_Ids"):
        """Dictionary index per row: -1 not registered, -2 missing."""
        import numpy as np
        mirror = self._mirror(dict_name)
        if ids.raw is not None and mirror.all_ints:   # one hash lookup per row
            return mirror.lookup(None, ids.raw)
        ids.codes  # noqa: B018 - factorize now (sets ids.ints)
        per_key = mirror.lookup(ids.key_strings() if ids.ints is None or not mirror.all_ints
                                else None, ids.ints)
        per_key = np.append(per_key, -2).astype(np.int64)
        return per_key[ids.codes]

    def _prepare_organisations(self, df) -> "_Prepared":
        import numpy as np
        import pandas as pd
        p = _Prepared(self, "organisations", df, ("org_id", "sector"))
        ids = p.ids("org_id")
        names = _as_text(df["name"]) if "name" in df.columns else pd.Series([""] * p.n,
                                                                           dtype=object)
        nbytes = names.str.encode("utf-8").str.len().to_numpy(dtype=np.int64) if p.n else \
            np.zeros(0, np.int64)
        p.reject(nbytes > 256, "name", 3)
        sector = p.code("sector", _codes(5, 1, 10), required=True)
        ok = p.ok()
        self._register("org", ids, ok)
        org = self._find("org", ids)
        # an organisation's sector and name are those of its first row (with a
        # name), as in the tool
        first_sector = pd.Series(sector[ok]).groupby(org[ok], sort=False).first()
        table = self.__dict__.setdefault("_org_sector", pd.Series([], dtype=np.int64))
        table = pd.concat([table, first_sector[~first_sector.index.isin(table.index)]])
        self._org_sector = table
        named = ok & (nbytes > 0)
        first_name = names[named].groupby(org[named], sort=False).first()
        name_of = pd.Series(org[ok]).map(first_name).fillna("").to_numpy(dtype=object)
        data, offsets = _pack_strings(name_of)
        base = ctypes.create_string_buffer(data, len(data) + 1)
        p.keep(base)
        recs = np.zeros(int(ok.sum()), dtype=_record_dtype(_lib.Organisation))
        recs["size"] = ctypes.sizeof(_lib.Organisation)
        recs["org"] = org[ok]
        recs["sector"] = sector[ok]
        lengths = np.diff(offsets)
        recs["name"] = np.where(lengths > 0, ctypes.addressof(base) + offsets[:-1], 0)
        recs["name_len"] = lengths
        p.records("organisations", recs, ok)
        return p

    def _prepare_populations(self, df) -> "_Prepared":
        import numpy as np
        p = _Prepared(self, "populations", df, ("area", "year", "sex", "age_lower", "count"))
        ids = p.ids("area")
        year = p.int("year", 1800, 2200, required=True)
        sex = p.int("sex", 1, 2, required=True)
        lo = p.int("age_lower", 0, 130, required=True)
        up, has_up = p.int("age_upper", 0, 130, with_present=True)
        p.reject(has_up & (up < lo), "age_upper", 3)
        count = p.int("count", 0, 2 ** 63 - 1, required=True)
        ok = p.ok()
        self._register("area", ids, ok)
        recs = np.zeros(int(ok.sum()), dtype=_record_dtype(_lib.Population))
        recs["size"] = ctypes.sizeof(_lib.Population)
        recs["has"] = has_up[ok].astype(np.uint32)
        recs["area"] = self._find("area", ids)[ok]
        recs["year"], recs["sex"] = year[ok], sex[ok]
        recs["age_lower"], recs["age_upper"] = lo[ok], np.where(has_up, up, 0)[ok]
        recs["count"] = count[ok]
        p.records("populations", recs, ok)
        return p

    def _prepare_people(self, df) -> "_Prepared":
        import numpy as np
        p = _Prepared(self, "people", df, ("person_id", "birth_year", "birth_month"))
        ids = p.ids("person_id")
        by = p.int("birth_year", 1850, 2200, required=True)
        bm = p.int("birth_month", 1, 12, required=True)
        sex, has_sex = p.int("sex", 1, 9, with_present=True)
        p.reject(has_sex & (sex != 1) & (sex != 2) & (sex != 9), "sex", 3)
        eth = p.ids("ethnicity", required=False)
        imd, has_imd = p.int("imd_decile", 1, 10, with_present=True)
        area = p.ids("area", required=False)
        prac = p.ids("practice", required=False)
        opted, has_opted = p.int("opted_out", 0, 1, with_present=True)
        death, has_death = p.date("death_date")
        lts = p.code("long_term_support", {"residential": 0x2, "nursing": 0x4, "prison": 0x8})
        ok = p.ok()
        for name, col in (("ethnicity", eth), ("area", area), ("practice", prac),
                          ("person", ids)):
            if col is not None:
                self._register(name, col, ok)
        na = np.int64(NA_I32)

        def col_of(dict_name, col):
            if col is None:
                return None
            k = self._find(dict_name, col)
            return np.where(k >= 0, k, na)

        flags = np.where(has_opted & (opted == 1), 0x1, 0) | np.where(lts >= 0, lts, 0)
        p.columns(functools.partial(self.feed_people_columns, _as_array=True), ok,
                  person=self._find("person", ids), birth_year=by, birth_month=bm, death_day=np.where(has_death, death, na),
                  sex=np.where(has_sex, sex, na), ethnicity=col_of("ethnicity", eth),
                  imd_decile=np.where(has_imd, imd, na), area=col_of("area", area),
                  practice=col_of("practice", prac), flags=flags)
        return p

    def _prepare_responses(self, df) -> "_Prepared":
        import numpy as np
        import pandas as pd
        p = _Prepared(self, "responses", df, ("person_id", "date", "instrument", "items"))
        person = self._find("person", p.ids("person_id"))
        p.reject(p.ok() & (person < 0), "person_id", 4)
        org_ids = p.ids("org_id", required=False)
        org = self._find("org", org_ids) if org_ids is not None else np.full(p.n, -2)
        p.reject(org == -1, "org_id", 5)
        day = p.date("date", required=True)
        # Goal Attainment Scaling is not in the registry: "gas" gets the next
        # local code, any number of goals up to _GAS_MAX_GOALS, and its one
        # value set; the feed is told CAREALIGN_RESPONSE_INSTRUMENT_GAS.
        registry = _instruments() + [("gas", None, [_GAS_VALUESET])]
        gas_code = len(registry) - 1
        instr = p.code("instrument", {name: k for k, (name, _, _) in enumerate(registry)},
                       required=True)
        vs_text = _as_text(df["value_set"]) if "value_set" in df.columns else None
        valueset = np.full(p.n, -1, dtype=np.int64)
        n_items = np.zeros(p.n, dtype=np.int64)
        text = _as_text(df["items"])
        parts = text.str.split(";", expand=True, regex=False)
        width = parts.shape[1]
        count = parts.notna().sum(axis=1).to_numpy()
        for k, (name, items_k, valuesets) in enumerate(registry):
            rows = instr == k
            if not rows.any():
                continue
            n_items[rows] = items_k if k != gas_code else np.minimum(count[rows], _GAS_MAX_GOALS)
            if vs_text is not None:
                vs = vs_text[rows].map({v: j for j, v in enumerate(valuesets)})
                stated = (vs_text[rows] != "").to_numpy()
                valueset[rows] = vs.fillna(-2).to_numpy(dtype=np.int64)
                bad = np.zeros(p.n, dtype=bool)
                bad[rows] = stated & (valueset[rows] == -2)
                p.reject(bad, "value_set", 3)
                valueset[rows] = np.where(stated, valueset[rows], -1)
        p.reject(p.ok() & (count != n_items), "items", 8)
        levels = np.full((p.n, max(width, 1)), NA_I32, dtype=np.int64)
        for j in range(width):
            v, present, invalid = _parse_ints(parts[j], -1000000, 1000000)
            p.reject(invalid, "items", 8)
            levels[:, j] = np.where(present, v, NA_I32)
        proxy, has_proxy = p.int("proxy", 0, 1, with_present=True)
        weight = p.decimal("weight")
        ok = p.ok()
        keys = pd.DataFrame({"i": instr, "v": valueset, "n": n_items})[ok]
        flags = np.where(has_proxy & (proxy == 1), 1, 0)
        org = np.where(org >= 0, org, NA_I32)
        # one call per instrument, stated value set and number of items (GAS
        # goals vary), in order of first appearance
        for (k, v, n), group in keys.groupby(["i", "v", "n"], sort=False):
            rows = np.zeros(p.n, dtype=bool)
            rows[group.index.to_numpy()] = True
            code = RESPONSE_INSTRUMENT_GAS if k == gas_code else int(k)
            p.columns(functools.partial(self._feed_responses, code,
                                        None if v < 0 else int(v)),
                      rows, items=levels[:, :int(n)], person=person, day=day,
                      org=org, weight=weight, flags=flags)
        return p

    def _feed_responses(self, instrument, valueset, items, **cols):
        return self.feed_responses_columns(instrument, items, valueset=valueset,
                                           _as_array=True, **cols)

    def _prepare_fft(self, df) -> "_Prepared":
        import numpy as np
        import pandas as pd
        names = ("very_good", "good", "neither", "poor", "very_poor", "dont_know")
        p = _Prepared(self, "fft", df, ("org_id", "month") + names)
        org = self._find("org", p.ids("org_id"))
        p.reject(p.ok() & (org < 0), "org_id", 5)
        month = p.date("month", required=True)
        first_of_month = (month.astype("datetime64[D]").astype("datetime64[M]")
                          .astype("datetime64[D]").astype(np.int64) == month)
        p.reject(~first_of_month, "month", 3)
        mode = p.ids("mode", required=False)
        counts = [p.int(c, 0, 2 ** 63 - 1, required=True) for c in names]
        ok = p.ok()
        recs = np.zeros(int(ok.sum()), dtype=_record_dtype(_lib.FftCounts))
        recs["size"] = ctypes.sizeof(_lib.FftCounts)
        recs["org"], recs["month"] = org[ok], month[ok]
        if mode is not None:
            modes = self.__dict__.setdefault("_fft_modes", _Dictionary())
            codes = mode.codes[ok]
            codes = pd.unique(codes[codes >= 0])
            new = codes[modes.lookup(mode.key_strings(codes), None) < 0]
            modes.extend(list(mode.key_strings(new)), None)
            k = np.append(modes.lookup(mode.key_strings(), None), -1)[mode.codes]
            recs["mode"] = np.where(k >= 0, k, 0)[ok]
            recs["has"] = (k >= 0)[ok].astype(np.uint32)
        recs["counts"] = np.stack(counts, axis=1)[ok]
        p.records("fft", recs, ok)
        return p

    def _prepare_contacts(self, df) -> "_Prepared":
        import numpy as np
        p = _Prepared(self, "contacts", df, ("person_id", "org_id", "type", "start_date"))
        person = self._find("person", p.ids("person_id"))
        p.reject(p.ok() & (person < 0), "person_id", 4)
        org = self._find("org", p.ids("org_id"))
        p.reject(p.ok() & (org < 0), "org_id", 5)
        sector = p.code("sector", _codes(5, 1, 10))
        if (sector < 0).any():
            table = self.__dict__.get("_org_sector")
            lookup = np.zeros(len(self._mirror("org")) + 1, dtype=np.int64)
            if table is not None and len(table):
                lookup[table.index.to_numpy(dtype=np.int64)] = table.to_numpy(dtype=np.int64)
            sector = np.where(sector >= 0, sector, lookup[np.where(org >= 0, org, -1)])
        ctype = p.code("type", _codes(4, 1, 64), required=True)
        start = p.date("start_date", required=True)
        end, has_end = p.date("end_date")
        p.reject(has_end & (end < start), "end_date", 7)
        na = np.int64(NA_I32)
        minute, has_minute = p.int("start_minute", 0, 1439, with_present=True)
        prof = p.ids("professional", required=False)
        subtype, has_sub = p.int("subtype", 0, 2 ** 31 - 1, with_present=True)
        adm, has_adm = p.int("admission_method", 0, 99, with_present=True)
        dest, has_dest = p.int("discharge_destination", 0, 99, with_present=True)
        ready, has_ready = p.date("discharge_ready_date")
        staff, has_staff = p.int("staff_minutes", 0, 2 ** 31 - 1, with_present=True)
        act, has_act = p.int("activity", 0, 2 ** 63 - 1, with_present=True)
        cost, has_cost = p.int("cost_pence", 0, 2 ** 63 - 1, with_present=True)
        ok = p.ok()
        cols = dict(person=person, org=org, sector=sector, type=ctype, start_day=start)
        for name, values, present in (("end_day", end, has_end),
                                      ("start_minute", minute, has_minute),
                                      ("subtype", subtype, has_sub),
                                      ("admission_method", adm, has_adm),
                                      ("discharge_destination", dest, has_dest),
                                      ("discharge_ready_day", ready, has_ready),
                                      ("staff_minutes", staff, has_staff)):
            if present is not None and present.any():
                cols[name] = values if present.all() else np.where(present, values, na)
        for name, values, present in (("activity", act, has_act),
                                      ("cost_pence", cost, has_cost)):
            if present is not None and present.any():
                cols[name] = values if present.all() else np.where(present, values, NA_I64)
        if prof is not None:
            self._register("professional", prof, ok)
            k = self._find("professional", prof)
            cols["professional"] = np.where(k >= 0, k, na)
        p.columns(functools.partial(self.feed_contacts_columns, _as_array=True), ok, **cols)
        return p

    def feed_organisations_frame(self, df):
        """Feed an organisations DataFrame (org_id, name, sector); returns the rejects."""
        return self._prepare_organisations(df).feed()

    def feed_populations_frame(self, df):
        """Feed a populations DataFrame (area, year, sex, age_lower, age_upper, count)."""
        return self._prepare_populations(df).feed()

    def feed_people_frame(self, df):
        """Feed a people DataFrame (person_id, birth_year, birth_month, sex, ethnicity,
        imd_decile, area, practice, opted_out, death_date, long_term_support)."""
        return self._prepare_people(df).feed()

    def feed_responses_frame(self, df):
        """Feed a responses DataFrame (person_id, org_id, date, instrument, value_set,
        items as "l1;l2;...", proxy, weight): one columnar call per instrument."""
        return self._prepare_responses(df).feed()

    def feed_fft_frame(self, df):
        """Feed an FFT DataFrame (org_id, month, mode, very_good ... dont_know)."""
        return self._prepare_fft(df).feed()

    def feed_contacts_frame(self, df):
        """Feed a contacts DataFrame (person_id, org_id, sector, type, start_date, ...)."""
        return self._prepare_contacts(df).feed()

    def feed_frames(self, organisations=None, populations=None, people=None, responses=None,
                    fft=None, contacts=None, close: bool = True):
        """Feed the six DataFrames as ``carealign report`` feeds the six files:
        dictionaries registered in the tool's order (organisations, people,
        populations, responses, FFT, contacts), then fed organisations,
        populations, people, responses, FFT, contacts; then every person closed
        (``close=False`` leaves them open). Returns every rejected row as one
        DataFrame (frame, row, position, field, reason)."""
        import pandas as pd
        prepared = {}
        for name, df, prep in (("organisations", organisations, self._prepare_organisations),
                               ("people", people, self._prepare_people),
                               ("populations", populations, self._prepare_populations),
                               ("responses", responses, self._prepare_responses),
                               ("fft", fft, self._prepare_fft),
                               ("contacts", contacts, self._prepare_contacts)):
            if df is not None:
                prepared[name] = prep(df)
        rejects = [prepared[name].feed() for name in
                   ("organisations", "populations", "people", "responses", "fft", "contacts")
                   if name in prepared]
        if close:
            self.close_all()
        if not rejects:
            return _rejects_frame([])
        return pd.concat(rejects, ignore_index=True)

    def results_frame(self, names: bool = True):
        """The results as a pandas DataFrame, one row per result in the library's
        order, read in one call into a numpy array laid out as carealign_result
        (no per-row Python). Columns: measure (index), measure_id, kind, level
        (names unless ``names=False``), unit, period, period_start, period_end,
        stratum_dim_a, stratum_a, stratum_dim_b, stratum_b, target_met, flags,
        value, lower, upper, n, method, estimate_flags, numerator, denominator,
        target, spc_point, spc_variation, spc_assurance, funnel."""
        import numpy as np
        import pandas as pd
        n = c_size_t()
        lib.carealign_scorecard_result_count(self.handle, byref(n))
        arr = np.zeros(max(1, n.value), dtype=_record_dtype(_lib.Result))
        arr["size"] = ctypes.sizeof(_lib.Result)
        got = c_size_t()
        if n.value:
            lib.carealign_scorecard_get_results(self.handle, 0,
                                                arr.ctypes.data_as(POINTER(_lib.Result)),
                                                n.value, byref(got))
        arr = arr[:n.value]
        ids = np.array([m.id for m in self._framework.measures] + [""], dtype=object)
        out = {"measure": arr["measure"],
               "measure_id": ids[np.where((arr["measure"] >= 0) & (arr["measure"] < len(ids) - 1),
                                          arr["measure"], len(ids) - 1)]}
        for f in ("kind", "level"):
            out[f] = arr[f]
        if names:
            out["kind"] = pd.Series(arr["kind"]).map(KINDS).fillna("").to_numpy()
            out["level"] = pd.Series(arr["level"]).map(LEVELS).fillna("").to_numpy()
        for f in ("unit", "period", "period_start", "period_end"):
            out[f] = arr[f]
        for j, f in enumerate(("stratum_dim_a", "stratum_a", "stratum_dim_b", "stratum_b")):
            out[f] = arr["stratum"][:, j]
        out["target_met"], out["flags"] = arr["target_met"], arr["flags"]
        for f in ("value", "lower", "upper", "n", "method"):
            out[f] = arr["estimate." + f]
        out["estimate_flags"] = arr["estimate.flags"]
        for f in ("numerator", "denominator", "target", "spc_point", "spc_variation",
                  "spc_assurance", "funnel"):
            out[f] = arr[f]
        return pd.DataFrame(out)


# -- DataFrame helpers ------------------------------------------------------------------
def _record_dtype(struct):
    """A numpy dtype with the layout of a ctypes Structure (nested structs
    flattened as "outer.inner", arrays as subarrays, pointers as uintp)."""
    import numpy as np
    names, formats, offsets = [], [], []

    def walk(st, base, prefix):
        for fname, ftype in st._fields_:
            off = base + getattr(st, fname).offset
            if isinstance(ftype, type) and issubclass(ftype, ctypes.Structure):
                walk(ftype, off, prefix + fname + ".")
                continue
            if isinstance(ftype, type) and issubclass(ftype, ctypes.Array):
                fmt = (np.dtype(ftype._type_), (ftype._length_,))
            elif ftype in (ctypes.c_char_p, ctypes.c_void_p) or (
                    isinstance(ftype, type) and issubclass(ftype, ctypes._Pointer)):
                fmt = np.uintp
            else:
                fmt = np.dtype(ftype)
            names.append(prefix + fname)
            formats.append(fmt)
            offsets.append(off)

    walk(struct, 0, "")
    return np.dtype({"names": names, "formats": formats, "offsets": offsets,
                     "itemsize": ctypes.sizeof(struct)})


def _rejects_frame(parts):
    import numpy as np
    import pandas as pd
    if not parts:
        return pd.DataFrame({"frame": pd.Series([], dtype=object),
                             "row": pd.Series([], dtype=object),
                             "position": np.zeros(0, np.int64),
                             "field": pd.Series([], dtype=object),
                             "reason": pd.Series([], dtype=object)})
    return pd.concat(parts, ignore_index=True)


def _as_text(series):
    """A column as strings, "" for missing (NaN, None, pd.NA)."""
    s = series.astype(object)
    return s.where(s.notna(), "").astype(str)


def _utf8(text) -> list:
    return [t.encode() for t in text]


def _pack_strings(keys):
    """Concatenated UTF-8 bytes and n + 1 uint64 offsets (the Arrow layout)."""
    import numpy as np
    encoded = np.char.encode(np.asarray(keys, dtype=str), "utf-8")
    if encoded.dtype.itemsize == 0 or len(encoded) == 0:
        return b"", np.zeros(len(encoded) + 1, dtype=np.uint64)
    lengths = np.char.str_len(encoded).astype(np.uint64)
    width = encoded.dtype.itemsize
    grid = np.frombuffer(encoded.tobytes(), dtype=np.uint8).reshape(len(encoded), width)
    data = grid[np.arange(width)[None, :] < lengths[:, None]].tobytes()
    offsets = np.zeros(len(encoded) + 1, dtype=np.uint64)
    np.cumsum(lengths, out=offsets[1:])
    return data, offsets


class _Dictionary:
    """The Python mirror of one scorecard dictionary: keys in index order,
    looked up by string, or by integer while every key came from an integer
    column."""

    def __init__(self):
        self.keys = []
        self.ints = []
        self.all_ints = True
        self._index = None
        self._int_index = None

    def __len__(self):
        return len(self.keys)

    def extend(self, keys, ints):
        self.keys.extend(keys)
        if ints is None:
            self.all_ints = False
        elif self.all_ints:
            self.ints.extend(ints)
        self._index = self._int_index = None

    def lookup(self, keys, ints):
        import numpy as np
        import pandas as pd
        if not self.keys:
            return np.full(len(keys) if keys is not None else len(ints), -1, dtype=np.int64)
        if ints is not None and self.all_ints:
            if self._int_index is None:
                self._int_index = pd.Index(np.asarray(self.ints, dtype=np.int64))
            return self._int_index.get_indexer(ints).astype(np.int64)
        if self._index is None:
            self._index = pd.Index(self.keys, dtype=object)
        return self._index.get_indexer(pd.Index(keys, dtype=object)).astype(np.int64)


class _Ids:
    """An id column factorized: ``codes`` (per row, into the distinct values in
    order of first appearance; -1 for missing), ``ints`` (the distinct values as
    int64 when the column is of integers, else None) and, computed only when
    needed, their strings (``key_strings``)."""

    def __init__(self, series):
        import numpy as np
        import pandas as pd
        self.ints = None
        self.raw = None
        self._codes = None
        if series.dtype.kind in "iu" and isinstance(series.dtype, np.dtype):
            # plain integers: no missing values, every key valid; factorized only
            # when needed (registration), looked up directly otherwise
            self.raw = series.to_numpy()
            return
        if isinstance(series.dtype, pd.CategoricalDtype):
            uniques = series.cat.categories
            codes = series.cat.codes.to_numpy().astype(np.int64)
            if pd.api.types.is_integer_dtype(uniques.dtype):
                self.ints = uniques.to_numpy().astype(np.int64)
        else:
            values = series
            if pd.api.types.is_float_dtype(values.dtype):
                f = values.to_numpy(dtype=np.float64, na_value=np.nan)
                if np.array_equal(np.isnan(f), np.isnan(np.floor(f))) and \
                        (np.isnan(f) | (f == np.floor(f))).all():
                    values = values.astype("Int64")
            if pd.api.types.is_integer_dtype(values.dtype):
                codes, uniques = pd.factorize(values, use_na_sentinel=True)
                self.ints = np.asarray(uniques, dtype=np.int64)
            else:
                codes, uniques = pd.factorize(values.astype(object), use_na_sentinel=True)
            codes = np.asarray(codes, dtype=np.int64)
        self._uniques = uniques
        self._keys = None
        if self.ints is not None:  # decimal digits: always 1 to 20 bytes, no controls
            self.valid_key = np.ones(len(uniques), dtype=bool)
        else:
            text = pd.Series(self.key_strings(), dtype=object)
            nbytes = text.str.encode("utf-8").str.len().to_numpy(dtype=np.int64)
            control = text.str.contains(r"[\x00-\x1f\x7f]", regex=True).to_numpy(dtype=bool)
            empty = nbytes == 0
            # 1 to 64 bytes, no control characters (tools/carealign/load.c is_id)
            self.valid_key = ~empty & (nbytes <= 64) & ~control
            if empty.any():  # "" is missing
                codes = np.where(np.append(empty, False)[codes], -1, codes)
        self._codes = codes

    def _factorize_raw(self):
        import numpy as np
        import pandas as pd
        codes, uniques = pd.factorize(self.raw)
        self._codes = np.asarray(codes, dtype=np.int64)
        self._uniques = pd.Index(uniques)
        self._keys = None
        self.ints = np.asarray(uniques, dtype=np.int64)
        self.valid_key = np.ones(len(uniques), dtype=bool)
        self.raw = None

    @property
    def codes(self):
        if self.raw is not None:
            self._factorize_raw()
        return self._codes

    def missing(self):
        import numpy as np
        if self.raw is not None:
            return np.zeros(len(self.raw), dtype=bool)
        return self._codes < 0

    def key_strings(self, codes=None):
        import numpy as np
        import pandas as pd
        if self.raw is not None:
            self._factorize_raw()
        if self._keys is None:
            self._keys = pd.Index(self._uniques).astype(str).to_numpy(dtype=object) \
                if len(self._uniques) else np.zeros(0, dtype=object)
        return self._keys if codes is None else self._keys[codes]

    def ints_of(self, codes):
        if self.raw is not None:
            self._factorize_raw()
        return None if self.ints is None else self.ints[codes]

    def invalid(self):
        import numpy as np
        if self.raw is not None:
            return np.zeros(len(self.raw), dtype=bool)
        return np.append(~self.valid_key, False)[self.codes]


def _codes(table: int, first: int, end: int) -> dict:
    out = {}
    for c in range(first, end):
        name = lib.carealign_framework_code_name(table, c)
        if name:
            out[name.decode()] = c
    return out


_INSTRUMENTS = None

# Goal Attainment Scaling in responses.csv (docs/data.md): the tool's limit on
# goals and the one value set name (lib/scorecard/gas.c, tools/carealign/load.c).
_GAS_MAX_GOALS = 64
_GAS_VALUESET = "tscore-rho-0.3"


def _instruments():
    """(name, n_items, [value set names]) per registry index."""
    global _INSTRUMENTS
    if _INSTRUMENTS is None:
        out = []
        for k in range(lib.carealign_instrument_count()):
            info = lib.carealign_instrument_get(k)
            vs = [lib.carealign_instrument_valueset(info, j).contents.name.decode()
                  for j in range(info.contents.n_valuesets)]
            out.append((info.contents.name.decode(), info.contents.n_items, vs))
        _INSTRUMENTS = out
    return _INSTRUMENTS


def _missing(series):
    import numpy as np
    m = series.isna().to_numpy()
    if series.dtype == object or str(series.dtype) == "string":
        m = m | (series.astype(object) == "").to_numpy()
    return np.asarray(m, dtype=bool)


def _parse_ints(series, lo, hi):
    """(values int64, present, invalid): whole numbers as the tool reads them
    (an optional sign and digits); numeric columns must hold whole numbers."""
    import numpy as np
    import pandas as pd
    missing = _missing(series)
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype):
        values = series.fillna(False).to_numpy(dtype=np.int64)
        invalid = np.zeros(len(series), bool)
    elif pd.api.types.is_integer_dtype(dtype):
        values = series.to_numpy(dtype=np.int64, na_value=0)
        invalid = np.zeros(len(series), bool)
    elif pd.api.types.is_float_dtype(dtype):
        f = series.to_numpy(dtype=np.float64, na_value=np.nan)
        invalid = ~missing & ((f != np.floor(f)) | (np.abs(f) > 2.0 ** 62))
        values = np.where(missing | invalid, 0, f).astype(np.int64)
    else:
        text = _as_text(series)
        ok = text.str.fullmatch(r"[+-]?[0-9]{1,18}").to_numpy(dtype=bool)
        invalid = ~missing & ~ok
        values = pd.to_numeric(text.where(ok, "0")).to_numpy(dtype=np.int64)
    values = np.where(missing, 0, values)
    invalid = invalid | (~missing & ((values < lo) | (values > hi)))
    return values, ~missing & ~invalid, invalid


def _days_from_civil(y, m, d):
    import numpy as np
    y = y - (m <= 2)
    era = np.floor_divide(y, 400)
    yoe = y - era * 400
    doy = (153 * (m + np.where(m > 2, -3, 9)) + 2) // 5 + d - 1
    doe = yoe * 365 + yoe // 4 - yoe // 100 + doy
    return era * 146097 + doe - 719468


def _parse_days(series):
    """(days since 1970-01-01 int64, present, invalid) from datetime64
    columns, integer day numbers or "YYYY-MM-DD" strings (strictly, as
    carealign_date_parse)."""
    import numpy as np
    import pandas as pd
    missing = _missing(series)
    dtype = series.dtype
    if pd.api.types.is_datetime64_any_dtype(dtype):
        s = series.dt.tz_localize(None) if getattr(dtype, "tz", None) is not None else series
        values = s.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]").astype(np.int64)
        values = np.where(missing, 0, values)
        return values, ~missing, np.zeros(len(series), bool)
    if pd.api.types.is_integer_dtype(dtype) or pd.api.types.is_float_dtype(dtype):
        values, present, invalid = _parse_ints(series, -(2 ** 31) + 1, 2 ** 31 - 1)
        return values, present, invalid
    text = _as_text(series).to_numpy(dtype="U11")
    grid = text.view(np.uint32).reshape(len(text), 11).astype(np.int64)
    digit = (grid >= 48) & (grid <= 57)
    shape = (digit[:, [0, 1, 2, 3, 5, 6, 8, 9]].all(axis=1) & (grid[:, 4] == 45) &
             (grid[:, 7] == 45) & (grid[:, 10] == 0))
    dig = np.where(digit, grid - 48, 0)
    y = dig[:, 0] * 1000 + dig[:, 1] * 100 + dig[:, 2] * 10 + dig[:, 3]
    m = dig[:, 5] * 10 + dig[:, 6]
    d = dig[:, 8] * 10 + dig[:, 9]
    leap = ((y % 4 == 0) & (y % 100 != 0)) | (y % 400 == 0)
    dim = np.array([0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])[np.clip(m, 0, 12)]
    dim = dim + ((m == 2) & leap)
    ok = shape & (m >= 1) & (m <= 12) & (d >= 1) & (d <= dim)
    values = np.where(ok, _days_from_civil(y, np.where(ok, m, 1), d), 0)
    invalid = ~missing & ~ok
    return values, ~missing & ok, invalid


class _Prepared:
    """One DataFrame converted to columns: per-row reject reasons and fields
    (the first problem wins, columns checked in the file's order), the
    arrays to feed, and the feed calls to make."""

    def __init__(self, sc, frame: str, df, required):
        import numpy as np
        missing = [c for c in required if c not in df.columns]
        if missing:
            raise ValueError(f"{frame}: required column {missing[0]!r} is missing")
        self.sc, self.frame, self.df, self.n = sc, frame, df, len(df)
        self.reason = np.zeros(self.n, dtype=np.int32)
        self.field = np.full(self.n, "", dtype=object)
        self.calls = []
        self._keep = []

    def ok(self):
        return self.reason == 0

    def keep(self, obj):
        self._keep.append(obj)

    def reject(self, mask, field, reason):
        import numpy as np
        mask = np.asarray(mask, dtype=bool) & (self.reason == 0)
        if mask.any():
            self.reason[mask] = reason
            self.field[mask] = field

    def ids(self, column, required=True):
        if column not in self.df.columns:
            return None
        ids = _Ids(self.df[column])
        self.reject(ids.invalid(), column, 3)
        if required:
            self.reject(ids.missing(), column, 2)
        return ids

    def int(self, column, lo, hi, required=False, with_present=False):
        import numpy as np
        if column not in self.df.columns:
            values, present = np.zeros(self.n, np.int64), np.zeros(self.n, bool)
        else:
            values, present, invalid = _parse_ints(self.df[column], lo, hi)
            self.reject(invalid, column, 3)
            if required:
                self.reject(~present & ~invalid, column, 2)
        return (values, present) if with_present else values

    def date(self, column, required=False):
        import numpy as np
        if column not in self.df.columns:
            values, present = np.zeros(self.n, np.int64), np.zeros(self.n, bool)
        else:
            values, present, invalid = _parse_days(self.df[column])
            self.reject(invalid, column, 3)
            if required:
                self.reject(~present & ~invalid, column, 2)
        return values if required else (values, present)

    def code(self, column, mapping, required=False):
        """Codes by name (or numbers already); -1 where missing."""
        import numpy as np
        import pandas as pd
        if column not in self.df.columns:
            return np.full(self.n, -1, dtype=np.int64)
        s = self.df[column]
        missing = _missing(s)
        if isinstance(s.dtype, pd.CategoricalDtype):
            cats = pd.Series(s.cat.categories.astype(str)).map(mapping)
            per = np.append(cats.fillna(-2).to_numpy(dtype=np.int64), -1)
            values = per[s.cat.codes.to_numpy().astype(np.int64)]
        elif pd.api.types.is_integer_dtype(s.dtype):
            values = s.to_numpy(dtype=np.int64, na_value=-1)
            values = np.where(np.isin(values, list(mapping.values())), values, -2)
        else:
            values = _as_text(s).map(mapping).fillna(-2).to_numpy(dtype=np.int64)
        values = np.where(missing, -1, values)
        self.reject(values == -2, column, 3)
        if required:
            self.reject(values == -1, column, 2)
        return values

    def decimal(self, column):
        """Survey weights: finite and above 0; NaN where none."""
        import numpy as np
        import pandas as pd
        if column not in self.df.columns:
            return None
        s = self.df[column]
        missing = _missing(s)
        if pd.api.types.is_numeric_dtype(s.dtype):
            w = s.to_numpy(dtype=np.float64, na_value=np.nan)
            bad = ~missing & ~(np.isfinite(w) & (w > 0))
        else:
            text = _as_text(s)
            shape = text.str.fullmatch(r"[0-9]*\.?[0-9]*") & text.str.contains(r"[0-9]")
            w = pd.to_numeric(text.where(shape, "nan"), errors="coerce").to_numpy(np.float64)
            bad = ~missing & ~(shape.to_numpy(bool) & np.isfinite(w) & (w > 0))
        self.reject(bad, column, 3)
        return np.where(missing | bad, np.nan, w)

    def columns(self, feed, rows, **cols):
        """Queue a columnar feed of the selected rows (all when none was rejected)."""
        import numpy as np
        self.calls.append((feed, np.asarray(rows, dtype=bool).copy(), cols))

    def records(self, name, recs, rows):
        self.calls.append((name, rows.copy(), recs))

    def feed(self):
        import numpy as np
        import pandas as pd
        library = np.zeros(self.n, dtype=np.int32)
        for feed, rows, payload in self.calls:
            if not rows.any():
                continue
            everything = bool(rows.all())
            if isinstance(feed, str):
                reasons = np.zeros(len(payload), dtype=np.int32)
                rejected = c_size_t()
                rec = {"organisations": _lib.Organisation, "populations": _lib.Population,
                       "fft": _lib.FftCounts}[feed]
                getattr(lib, "carealign_scorecard_feed_" + feed)(
                    self.sc.handle, payload.ctypes.data_as(POINTER(rec)),
                    len(payload), reasons.ctypes.data_as(POINTER(c_int32)), byref(rejected))
            else:
                cols = {k: (v if everything or v is None or np.ndim(v) == 0 else v[rows])
                        for k, v in payload.items() if v is not None}
                reasons = np.asarray(feed(**cols), dtype=np.int32)
            if everything:
                library = reasons
            else:
                library[rows] = reasons
        self._keep.clear()
        parts = []
        for reason, field in ((self.reason, self.field), (library, None)):
            at = np.flatnonzero(reason)
            if len(at) == 0:
                continue
            names = np.array([reject_reason_name(int(r)) for r in range(16)], dtype=object)
            parts.append(pd.DataFrame({
                "frame": self.frame, "row": self.df.index[at].to_numpy(dtype=object),
                "position": at.astype(np.int64),
                "field": field[at] if field is not None else "",
                "reason": names[np.clip(reason[at], 0, 15)]}))
        out = _rejects_frame(parts)
        return out.sort_values("position", kind="stable", ignore_index=True) if len(parts) > 1 \
            else out
