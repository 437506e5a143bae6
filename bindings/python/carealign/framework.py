"""Frameworks: the agreed definition partners sign up to (carealign/framework.h).

>>> from carealign.framework import Framework
>>> with Framework.load_file("examples/frameworks/england-integrated-care.json") as fw:
...     fw.hash_hex, [m.id for m in fw.measures]

``Framework`` wraps a loaded, validated, immutable framework handle. Its
records (``Measure``, ``Stratum``, ...) are plain Python copies, so they stay
valid after the framework is closed. Errors raise :class:`CarealignError`
with the library's message, which names the file, line, column, measure and
field. See docs/framework.md for the format.
"""

from __future__ import annotations

import ctypes
import dataclasses
import math
import os
from ctypes import byref, c_char, c_int32, c_int64, c_size_t, c_uint8, c_void_p
from typing import TYPE_CHECKING, BinaryIO

from . import _lib
from ._lib import CarealignError, lib

if TYPE_CHECKING:
    from . import journey

__all__ = [
    "Framework", "Measure", "Stratum", "ValueSet", "UnitCostItem", "Param", "Atom",
    "load", "load_file", "validate", "code_name", "FORMAT",
    "AIMS", "SCORINGS", "CRITERIA", "TABLE_AIM", "TABLE_SCORING", "TABLE_IMPROVEMENT",
    "TABLE_CONTACT_TYPE", "TABLE_SECTOR", "TABLE_STRATUM", "TABLE_CRITERION", "TABLE_ATOM",
    "TABLE_JOURNEY_FIGURE", "TABLE_COST_PER", "TABLE_AGGREGATE", "TABLE_INTERVAL",
]

FORMAT = "carealign-framework/1"

# Code tables (include/carealign/framework.h); never renumbered.
INTERVAL_MONTH, INTERVAL_QUARTER = 1, 2
AIMS = {1: "experience", 2: "outcomes", 3: "resources", 4: "integration"}
SCORINGS = {1: "proportion", 2: "ratio", 3: "continuous-variable", 4: "cohort"}
CRITERIA = {1: "initial_population", 2: "denominator", 3: "denominator_exclusion",
            4: "numerator", 5: "numerator_exclusion", 6: "measure_observation"}
BASE_RESIDENTS, BASE_REGISTERED = 1, 2
VS_INSTRUMENT, VS_CODES = 1, 2
PARAM_INT, PARAM_INT_LIST, PARAM_NAME, PARAM_CONTACT_TYPES, PARAM_CODESET, PARAM_BOOL = range(1, 7)

FRAMEWORK_HAS_CE_THRESHOLD = 0x1
MEASURE_HAS_TARGET = 0x1
MEASURE_HAS_MID = 0x2
MEASURE_COMPARABLE = 0x4
MEASURE_LOCAL = 0x8
MEASURE_SPC_HISTORY = 0x10
MEASURE_SII = 0x20
MEASURE_HAS_PAIRING = 0x40
MEASURE_HAS_PER = 0x80
MEASURE_WEIGHTED = 0x100
ATOM_HAS_AT_LEAST = 0x1
ATOM_HAS_AT_MOST = 0x2
ATOM_CONDITION = 0x4
WRITE_PRETTY = 0x1
WRITE_FHIR_JSON_SCHEMA = 0x2

(TABLE_AIM, TABLE_SCORING, TABLE_IMPROVEMENT, TABLE_CONTACT_TYPE, TABLE_SECTOR, TABLE_STRATUM,
 TABLE_CRITERION, TABLE_ATOM, TABLE_JOURNEY_FIGURE, TABLE_COST_PER, TABLE_AGGREGATE,
 TABLE_INTERVAL) = range(1, 13)


def code_name(table: int, code: int) -> str:
    """The spelling a framework file uses for a code ("" if unknown)."""
    return lib.carealign_framework_code_name(table, code).decode()


def _text(ptr, length) -> str:
    return ctypes.string_at(ptr, length).decode("utf-8") if length else ""


def _bytes(data) -> bytes:
    if isinstance(data, str):
        return data.encode("utf-8")
    return bytes(data)


def _sized(cls):
    record = cls()
    record.size = ctypes.sizeof(cls)
    return record


def _query(call) -> bytes:
    """Run a (buf, cap, out_len) writer twice: size, then write."""
    need = c_size_t()
    try:
        call(None, 0, byref(need))
    except CarealignError as exc:
        if exc.status != _lib.EBUFSIZE:
            raise
    buf = (c_char * need.value)()
    written = c_size_t()
    call(buf, need.value, byref(written))
    return buf.raw[: written.value]


@dataclasses.dataclass(frozen=True)
class Atom:
    """One atom of a criterion (``carealign_framework_atom``)."""

    kind: str
    which: int
    flags: int
    days: int
    at_least: float | None
    at_most: float | None
    values: tuple[int, ...]
    sectors: tuple[int, ...]

    @property
    def is_condition(self) -> bool:
        """True when the atom carries ``ATOM_CONDITION`` (docs/framework.md)."""
        return bool(self.flags & ATOM_CONDITION)


@dataclasses.dataclass(frozen=True)
class Param:
    """A named journey parameter (``carealign_framework_param``)."""

    name: str
    kind: int
    value: int
    values: tuple[int, ...]
    mask: int
    text: str
    valueset: int


@dataclasses.dataclass(frozen=True)
class Measure:
    """A measure (``carealign_measure_info``), with its criteria and parameters."""

    index: int
    id: str
    version: str
    title: str
    description: str
    official_ref: str
    local: str
    citation: str
    url: str
    instrument: str
    valueset: str
    unit: str
    aim: str
    scoring: str
    improvement: int
    flags: int
    target: float | None
    target_source: str
    mid: float | None
    mid_source: str
    per: float
    spc_min_points: int
    standard_population: int
    pairing: dict | None
    observation_aggregate: int
    valueset_index: int
    params: dict[str, Param]
    criteria: dict[str, tuple[Atom, ...]]

    @property
    def comparable(self) -> bool:
        """True when the measure is comparable across organisations (MEASURE_COMPARABLE)."""
        return bool(self.flags & MEASURE_COMPARABLE)

    @property
    def is_local(self) -> bool:
        """True for a local measure, not an official one (MEASURE_LOCAL)."""
        return bool(self.flags & MEASURE_LOCAL)


@dataclasses.dataclass(frozen=True)
class Stratum:
    """A declared stratum (``carealign_framework_stratum``)."""

    id: str
    kind: int
    n_groups: int
    edition: str
    bands: tuple[tuple[int, int | None], ...]
    grouping: int


@dataclasses.dataclass(frozen=True)
class ValueSet:
    """A value set the framework names (``carealign_framework_valueset``)."""

    kind: int
    name: str
    instrument: str
    system: str
    source: str
    codes: tuple[str, ...]


@dataclasses.dataclass(frozen=True)
class UnitCostItem:
    """A unit cost (``carealign_unit_cost``): pence per activity unit."""

    contact_type: int
    sector: int
    per: int
    pence: int


class Framework:
    """A loaded framework. Use as a context manager, or call :meth:`close`."""

    def __init__(self, handle: int):
        self._handle = handle

    # -- lifecycle ---------------------------------------------------------------
    @classmethod
    def load(cls, data: bytes | str, source_name: str = "framework", max_bytes: int = 0,
             max_depth: int = 0) -> "Framework":
        """Load and validate framework text (bytes are used as they are)."""
        text = _bytes(data)
        name = source_name.encode("utf-8")
        opt = _sized(_lib.FrameworkLoadOptions)
        opt.source_name = name
        opt.source_name_len = len(name)
        opt.max_bytes = max_bytes
        opt.max_depth = max_depth
        handle = c_void_p()
        lib.carealign_framework_load(text, len(text), byref(opt), byref(handle))
        return cls(handle.value)

    @classmethod
    def load_file(cls, path: str | os.PathLike, **options) -> "Framework":
        """Load a framework file; messages name it by its base name."""
        with open(path, "rb") as f:
            data = f.read()
        options.setdefault("source_name", os.path.basename(os.fspath(path)))
        return cls.load(data, **options)

    def close(self) -> None:
        """Free the framework; further use raises ValueError."""
        if self._handle:
            lib.carealign_framework_free(self._handle)
            self._handle = None

    def __enter__(self) -> "Framework":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def __del__(self):
        try:
            self.close()
        except Exception:  # interpreter shutdown: the library may be gone
            pass

    def __reduce__(self):
        # A handle is an address in this process: pickling (multiprocessing,
        # Dask, Spark) sends the canonical text instead, loaded again on the
        # other side -- the same framework, the same hash.
        return (Framework.load, (self.canonical(), "canonical framework"))

    @property
    def handle(self) -> int:
        """The raw ``carealign_framework *`` (for other bindings)."""
        if not self._handle:
            raise ValueError("the framework is closed")
        return self._handle

    # -- identity ----------------------------------------------------------------
    @property
    def hash(self) -> bytes:
        """SHA-256 of the canonical form: the framework's identity."""
        out = (c_uint8 * 32)()
        lib.carealign_framework_hash(self.handle, out)
        return bytes(out)

    @property
    def hash_hex(self) -> str:
        """The identity (:attr:`hash`) as 64 hexadecimal digits."""
        return self.hash.hex()

    def canonical(self) -> bytes:
        """The canonical form (sorted members, no whitespace, exact numbers)."""
        handle = self.handle
        return _query(lambda buf, cap, out: lib.carealign_framework_canonical(
            handle, buf, cap, out))

    def to_fhir(self, pretty: bool = False, json_schema: bool = False,
                base_url: str | None = None) -> str:
        """The FHIR R4 Bundle of Measure resources, as JSON text."""
        opt = _sized(_lib.WriteOptions)
        opt.flags = (WRITE_PRETTY if pretty else 0) | (WRITE_FHIR_JSON_SCHEMA if json_schema else 0)
        url = base_url.encode("utf-8") if base_url else None
        opt.base_url = url
        opt.base_url_len = len(url) if url else 0
        handle = self.handle
        return _query(lambda buf, cap, out: lib.carealign_framework_to_fhir(
            handle, byref(opt), buf, cap, out)).decode("utf-8")

    def write_fhir(self, stream: BinaryIO, pretty: bool = False, json_schema: bool = False) -> None:
        """Write the FHIR bundle to a binary stream through the callback API."""
        opt = _sized(_lib.WriteOptions)
        opt.flags = (WRITE_PRETTY if pretty else 0) | (WRITE_FHIR_JSON_SCHEMA if json_schema else 0)
        failure = []

        def sink(data: int, length: int, user: int) -> int:
            """Write one chunk; 1 stops the writer (the error is raised after)."""
            try:
                stream.write(ctypes.string_at(data, length))
                return 0
            except Exception as exc:  # reported after the C call returns
                failure.append(exc)
                return 1

        callback = _lib.WRITE_FN(sink)
        try:
            lib.carealign_framework_to_fhir_cb(self.handle, byref(opt), callback, None)
        except CarealignError:
            if failure:
                raise failure[0]
            raise

    # -- what it says ------------------------------------------------------------
    def _info(self):
        info = _sized(_lib.FrameworkInfo)
        lib.carealign_framework_get_info(self.handle, byref(info))
        return info

    @property
    def id(self) -> str:
        """The framework's id."""
        i = self._info()
        return _text(i.id, i.id_len)

    @property
    def version(self) -> str:
        """The framework's own version (not the library's)."""
        i = self._info()
        return _text(i.version, i.version_len)

    @property
    def title(self) -> str:
        """The framework's title."""
        i = self._info()
        return _text(i.title, i.title_len)

    def info(self) -> dict:
        """Everything ``carealign_framework_get_info`` gives, as a dict."""
        i = self._info()
        return {
            "id": _text(i.id, i.id_len),
            "version": _text(i.version, i.version_len),
            "title": _text(i.title, i.title_len),
            "description": _text(i.description, i.description_len),
            "effective_start": i.effective_start,
            "effective_end": i.effective_end,
            "period_start": i.period_start,
            "period_end": i.period_end,
            "interval": i.interval,
            "n_measures": i.n_measures,
            "population_base": i.population_base,
            "ce_threshold_pence": (i.ce_threshold_pence
                                   if i.flags & FRAMEWORK_HAS_CE_THRESHOLD else None),
            "ce_source": _text(i.ce_source, i.ce_source_len),
            "price_year": _text(i.price_year, i.price_year_len),
            "cost_source": _text(i.cost_source, i.cost_source_len),
            "disclosure_suppress_max": i.disclosure_suppress_max,
            "disclosure_round_to": i.disclosure_round_to,
            "disclosure_source": _text(i.disclosure_source, i.disclosure_source_len),
            "hash": bytes(i.hash),
        }

    @property
    def periods(self) -> list[tuple[int, int]]:
        """(first day, last day) of each reporting interval, days since 1970-01-01."""
        out = []
        for k in range(self._info().n_periods):
            start, end = c_int32(), c_int32()
            lib.carealign_framework_get_period(self.handle, k, byref(start), byref(end))
            out.append((start.value, end.value))
        return out

    @property
    def population_codes(self) -> list[str]:
        """The population codes (areas or practices) denominators are given for."""
        out = []
        for k in range(self._info().n_population_codes):
            ptr, length = c_void_p(), c_size_t()
            lib.carealign_framework_get_population_code(self.handle, k, byref(ptr),
                                                        byref(length))
            out.append(_text(ptr.value, length.value))
        return out

    @property
    def strata(self) -> list[Stratum]:
        """The strata (age bands, sex, deprivation, ...) results are split by."""
        out = []
        for k in range(self._info().n_strata):
            s = _sized(_lib.FrameworkStratum)
            lib.carealign_framework_get_stratum(self.handle, k, byref(s))
            bands = ()
            if s.band_lower:
                bands = tuple((s.band_lower[g], None if s.band_upper[g] < 0 else s.band_upper[g])
                              for g in range(s.n_groups))
            out.append(Stratum(_text(s.id, s.id_len), s.kind, s.n_groups,
                               _text(s.edition, s.edition_len), bands, s.grouping))
        return out

    @property
    def crosses(self) -> list[tuple[int, int]]:
        """The pairs of strata (indices) crossed with each other."""
        out = []
        for k in range(self._info().n_crosses):
            a, b = c_int32(), c_int32()
            lib.carealign_framework_get_cross(self.handle, k, byref(a), byref(b))
            out.append((a.value, b.value))
        return out

    @property
    def valuesets(self) -> list[ValueSet]:
        """The value sets the framework names (instrument value sets and code sets)."""
        out = []
        for k in range(self._info().n_valuesets):
            v = _sized(_lib.FrameworkValueset)
            lib.carealign_framework_get_valueset(self.handle, k, byref(v))
            codes = []
            for c in range(v.n_codes):
                ptr, length = c_void_p(), c_size_t()
                lib.carealign_framework_get_valueset_code(self.handle, k, c, byref(ptr),
                                                          byref(length))
                codes.append(_text(ptr.value, length.value))
            out.append(ValueSet(v.kind, _text(v.name, v.name_len),
                                _text(v.instrument, v.instrument_len),
                                _text(v.system, v.system_len), _text(v.source, v.source_len),
                                tuple(codes)))
        return out

    @property
    def unit_costs(self) -> list[UnitCostItem]:
        """The unit costs (pence) by contact type and sector."""
        out = []
        for k in range(self._info().n_unit_costs):
            u = _sized(_lib.UnitCost)
            lib.carealign_framework_get_unit_cost(self.handle, k, byref(u))
            out.append(UnitCostItem(u.contact_type, u.sector, u.per, u.pence))
        return out

    def unit_cost(self, contact_type: int, sector: int) -> int:
        """Pence per activity unit (the sector's own price, else the "any" one)."""
        pence = c_int64()
        lib.carealign_framework_unit_cost(self.handle, contact_type, sector, byref(pence))
        return pence.value

    # -- measures ----------------------------------------------------------------
    @property
    def measures(self) -> list[Measure]:
        """Every measure, in the order of the file."""
        return [self.measure_at(k) for k in range(self._info().n_measures)]

    def find_measure(self, measure_id: str) -> int:
        """The index of a measure by id (CarealignError EMISSING if none)."""
        data = measure_id.encode("utf-8")
        index = c_int32()
        lib.carealign_framework_find_measure(self.handle, data, len(data), byref(index))
        return index.value

    def measure(self, measure_id: str) -> Measure:
        """A measure by its id; CarealignError when there is none."""
        return self.measure_at(self.find_measure(measure_id))

    def _measure_index(self, measure: int | str) -> int:
        return self.find_measure(measure) if isinstance(measure, str) else int(measure)

    def journey_options(self, measure: int | str) -> "journey._Options":
        """The measure's journey parameters as journey options (by id or index),
        ready for :meth:`carealign.journey.Journey.compute` and
        :func:`carealign.journey.batch`.

        The options point into this framework (its unit-cost table and code
        lists): they keep the object alive, and are valid until it is closed."""
        from .journey import _Options

        o = _sized(_lib.JourneyOptions)
        lib.carealign_framework_get_journey_options(self.handle, self._measure_index(measure),
                                                    byref(o))
        return _Options(o, [self])

    def journey_options_dict(self, measure: int | str) -> dict:
        """The journey options of :meth:`journey_options` as plain Python values:
        lists for the code lists and ``followup_within``, and ``unit_costs`` as
        rows ``[type][sector]`` of pence (``None`` where there is no price)."""
        o = self.journey_options(measure).struct
        out = {}
        for name, _ in o._fields_:
            if name == "size" or name.startswith("reserved") or name.startswith("n_"):
                continue
            v = getattr(o, name)
            if name == "followup_within":
                out[name] = list(v)
            elif name == "unit_costs":
                rows, cols = o.n_cost_types, o.n_cost_sectors
                out[name] = [[None if v[t * cols + s] == _lib.NA_I64 else v[t * cols + s]
                              for s in range(cols)] for t in range(rows)]
            elif name.endswith("_methods") or name.endswith("_destinations"):
                n = getattr(o, "n_" + name)
                out[name] = [v[i] for i in range(n)] if n else []
            else:
                out[name] = v
        return out

    def measure_at(self, index: int) -> Measure:
        """The measure at an index (0-based), as a plain Python copy."""
        h = self.handle
        m = _sized(_lib.MeasureInfo)
        lib.carealign_framework_get_measure(h, index, byref(m))
        params = {}
        for k in range(m.n_params):
            p = _sized(_lib.FrameworkParam)
            lib.carealign_framework_get_param(h, index, k, byref(p))
            values = tuple(p.values[i] for i in range(p.n_values)) if p.n_values else ()
            name = _text(p.name, p.name_len)
            params[name] = Param(name, p.kind, p.value, values, p.mask,
                                 _text(p.text, p.text_len), p.valueset)
        criteria = {}
        for code, name in CRITERIA.items():
            n = c_size_t()
            lib.carealign_framework_atom_count(h, index, code, byref(n))
            atoms = []
            for k in range(n.value):
                a = _sized(_lib.FrameworkAtom)
                lib.carealign_framework_get_atom(h, index, code, k, byref(a))
                atoms.append(Atom(
                    code_name(TABLE_ATOM, a.kind), a.which, a.flags, a.days,
                    a.at_least if a.flags & ATOM_HAS_AT_LEAST else None,
                    a.at_most if a.flags & ATOM_HAS_AT_MOST else None,
                    tuple(a.values[i] for i in range(a.n_values)) if a.n_values else (),
                    tuple(a.sectors[i] for i in range(a.n_sectors)) if a.n_sectors else ()))
            if atoms:
                criteria[name] = tuple(atoms)
        pairing = None
        if m.flags & MEASURE_HAS_PAIRING:
            pairing = {"baseline": m.pairing_baseline, "follow_up": m.pairing_follow_up,
                       "window_days": (m.pairing_min_days, m.pairing_max_days),
                       "organisation": m.pairing_organisation}
        return Measure(
            index=index,
            id=_text(m.id, m.id_len), version=_text(m.version, m.version_len),
            title=_text(m.title, m.title_len),
            description=_text(m.description, m.description_len),
            official_ref=_text(m.official_ref, m.official_ref_len),
            local=_text(m.local, m.local_len), citation=_text(m.citation, m.citation_len),
            url=_text(m.url, m.url_len), instrument=_text(m.instrument, m.instrument_len),
            valueset=_text(m.valueset, m.valueset_len), unit=_text(m.unit, m.unit_len),
            aim=AIMS[m.aim], scoring=SCORINGS[m.scoring], improvement=m.improvement,
            flags=m.flags,
            target=None if math.isnan(m.target) else m.target,
            target_source=_text(m.target_source, m.target_source_len),
            mid=None if math.isnan(m.mid) else m.mid,
            mid_source=_text(m.mid_source, m.mid_source_len),
            per=m.per, spc_min_points=m.spc_min_points,
            standard_population=m.standard_population, pairing=pairing,
            observation_aggregate=m.observation_aggregate, valueset_index=m.valueset_index,
            params=params, criteria=criteria)


def load(data: bytes | str, source_name: str = "framework", **options) -> Framework:
    """Load and validate framework text; see :meth:`Framework.load`."""
    return Framework.load(data, source_name=source_name, **options)


def load_file(path: str | os.PathLike, **options) -> Framework:
    """Load and validate a framework file; see :meth:`Framework.load_file`."""
    return Framework.load_file(path, **options)


def validate(data: bytes | str, source_name: str = "framework") -> bytes:
    """Check framework text and return its identity (SHA-256); raises
    :class:`CarealignError` naming the file, line, column, measure and field."""
    with Framework.load(data, source_name=source_name) as fw:
        return fw.hash
