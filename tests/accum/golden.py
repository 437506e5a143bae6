"""Golden accumulator blobs, and an encoder written independently of the C
library from docs/formats.md ("Accumulator blob, format version 1").

For each case below (a kind, its parameters and the values added to it),
this script computes the accumulator's state with exact Python integers,
encodes it as docs/formats.md says, and checks the CRC-32C with crcmod
(Debian python3-crcmod, an independent CRC implementation).

    golden.py --write DIR   write DIR/<case>.bin
    golden.py --check DIR   every DIR/<case>.bin equals this encoding (ctest)

tests/accum/test_format.c builds the same accumulators through the C API
and requires the same bytes.
"""

import hashlib
import math
import struct
import sys
from fractions import Fraction

import crcmod.predefined

NAN = float("nan")
CONTEXT = hashlib.sha256(b"carealign golden context").digest()
ESP2013_BANDS = 19

PROPORTION, MEAN, RATE, DSR, CHANGE, TOTAL, DISTRIBUTION = range(1, 8)
WEIGHTED, DENOMINATOR_SET, PER_PERSON_YEAR = 1, 2, 4

# Each case: kind, params, context, and the calls that fill it (as in the C test).
CASES = {
    "mean_eq5d": dict(kind=MEAN, scale=1000, context=CONTEXT,
                      values=[0.5, 0.75, -0.1, 1.0, NAN, 0.816]),
    "mean_empty": dict(kind=MEAN, scale=1, context=None, values=[]),
    "mean_weighted": dict(kind=MEAN, scale=100, flags=WEIGHTED, context=None,
                          values=[1.5, 2.25, 3.0, NAN], weights=[0.5, 1.25, 2.0, 1.0]),
    "proportion": dict(kind=PROPORTION, context=CONTEXT, values=[1, 0, 1, 1, NAN, 0]),
    "proportion_weighted": dict(kind=PROPORTION, flags=WEIGHTED, context=None,
                                values=[1, 0, 1], weights=[2.5, 1.0, 0.5]),
    "rate": dict(kind=RATE, scale=1, per=1000.0, context=None,
                 pairs=[(3, 365), (0, 120), (2, 730), (NAN, 10)]),
    "rate_population": dict(kind=RATE, flags=DENOMINATOR_SET, per=100000.0, context=CONTEXT,
                            values=[5, 7], denominator=123456.0),
    "dsr_esp2013": dict(kind=DSR, per=100000.0, context=None,
                        bands=[(0, 2), (5, 3), (18, 7), (5, 1), (10, NAN)],
                        populations={b: 1000.0 + 250.0 * b for b in range(ESP2013_BANDS)}),
    "dsr_custom": dict(kind=DSR, per=1000.0, context=CONTEXT, standard=[0.25, 0.5, 0.25],
                       bands=[(0, 4), (1, 0), (2, 9)], populations={0: 500.0, 2: 750.5}),
    "change_swemwbs": dict(kind=CHANGE, scale=100, mid=3.0, direction=1, context=None,
                           pairs=[(20.5, 24.17), (23.21, 23.21), (27.03, 22.35),
                                  (19.98, 21.54), (NAN, 25.0), (17.43, 35.0)]),
    "change_lower_better": dict(kind=CHANGE, scale=1, mid=0.0, direction=-1, context=None,
                                pairs=[(10, 6), (4, 4), (3, 9)]),
    "total_pence": dict(kind=TOTAL, scale=1, unit=1, flags=PER_PERSON_YEAR, context=CONTEXT,
                        pairs=[(12345, 30), (0, 365), (-500, 10)], values=[99999]),
    "distribution_days": dict(kind=DISTRIBUTION, scale=1, context=None,
                              values=[3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, NAN, -2]),
}


def uvarint(v: int, bits: int) -> bytes:
    assert 0 <= v < (1 << bits)
    out = bytearray()
    while v >= 0x80:
        out.append((v & 0x7F) | 0x80)
        v >>= 7
    out.append(v)
    return bytes(out)


def svarint(v: int, bits: int) -> bytes:
    return uvarint(2 * v if v >= 0 else -2 * v - 1, bits)


def f64(v: float) -> bytes:
    assert math.isfinite(v) and not (v == 0 and math.copysign(1, v) < 0)
    return struct.pack("<d", v)


def grid(value: float, scale: int) -> int:
    u = round(value * scale)
    assert abs(value * scale - u) <= 1e-9
    return u


def exact_float(x: Fraction) -> float:
    """The float equal to an exact rational, refusing any rounding."""
    f = float(x)
    assert Fraction(f) == x, "golden weighted inputs must add up exactly"
    return f


def moments(units: list[int]) -> bytes:
    return (svarint(sum(units), 128) + uvarint(sum(u * u for u in units), 128) +
            svarint(min(units), 64) + svarint(max(units), 64))


def encode(case: dict) -> bytes:
    kind = case["kind"]
    flags = case.get("flags", 0)
    scale = case.get("scale", 1)
    context = case.get("context")
    out = bytearray(b"CAAC")
    out += struct.pack("<H", 1)
    out += bytes([kind, 1 if context else 0])
    out += uvarint(1, 64)  # methods version 1
    if context:
        out += context
    out += uvarint(flags, 64)

    # parameters
    if kind in (MEAN, DISTRIBUTION):
        out += uvarint(scale, 64)
    elif kind == RATE:
        out += uvarint(scale, 64) + f64(case["per"])
    elif kind == DSR:
        out += f64(case["per"])
        if "standard" in case:
            out += uvarint(1, 64) + uvarint(len(case["standard"]), 64)
            out += b"".join(f64(w) for w in case["standard"])
        else:
            out += uvarint(0, 64)
    elif kind == CHANGE:
        out += uvarint(scale, 64) + bytes([1 if case["direction"] < 0 else 0])
        out += uvarint(grid(case["mid"], scale), 64)
    elif kind == TOTAL:
        out += uvarint(scale, 64) + uvarint(case["unit"], 64)

    values = case.get("values", [])
    weights = case.get("weights", [1.0] * len(values))
    pairs = case.get("pairs", [])
    bands = case.get("bands", [])
    missing = sum(math.isnan(v) for v in values) + \
        sum(math.isnan(a) or math.isnan(b) for a, b in pairs) + \
        sum(math.isnan(e) for _, e in bands)
    kept = [(v, w) for v, w in zip(values, weights) if not math.isnan(v)]
    kept_pairs = [(a, b) for a, b in pairs if not (math.isnan(a) or math.isnan(b))]
    kept_bands = [(b, e) for b, e in bands if not math.isnan(e)]
    n = len(kept) + len(kept_pairs) + len(kept_bands)
    out += uvarint(n, 64) + uvarint(missing, 64)

    if kind == PROPORTION and n:
        out += uvarint(sum(1 for v, _ in kept if v == 1), 64)
        if flags & WEIGHTED:
            out += f64(exact_float(sum(Fraction(w) for _, w in kept)))
            out += f64(exact_float(sum(Fraction(w) ** 2 for _, w in kept)))
            out += f64(exact_float(sum(Fraction(w) for v, w in kept if v == 1)))
    elif kind == MEAN and n:
        units = [grid(v, scale) for v, _ in kept]
        if flags & WEIGHTED:
            ws = [Fraction(w) for _, w in kept]
            out += svarint(min(units), 64) + svarint(max(units), 64)
            out += f64(exact_float(sum(ws)))
            out += f64(exact_float(sum(w * w for w in ws)))
            out += f64(exact_float(sum(w * u for w, u in zip(ws, units))))
            out += f64(exact_float(sum(w * u * u for w, u in zip(ws, units))))
        else:
            out += moments(units)
    elif kind == RATE:
        if flags & DENOMINATOR_SET:
            out += uvarint(sum(int(v) for v, _ in kept), 128)
            out += bytes([1]) + f64(case["denominator"])
        else:
            out += uvarint(sum(int(a) for a, _ in kept_pairs), 128)
            out += uvarint(sum(grid(b, scale) for _, b in kept_pairs), 128)
    elif kind == DSR:
        nb = len(case["standard"]) if "standard" in case else ESP2013_BANDS
        for b in range(nb):
            out += uvarint(sum(int(e) for band, e in kept_bands if band == b), 128)
            if b in case["populations"]:
                out += bytes([1]) + f64(case["populations"][b])
            else:
                out += bytes([0])
    elif kind == CHANGE and n:
        diffs = [grid(b, scale) - grid(a, scale) for a, b in kept_pairs]
        mid = grid(case["mid"], scale)
        g = [d * (-1 if case["direction"] < 0 else 1) for d in diffs]
        improved = sum(1 for x in g if (x >= mid if mid else x > 0))
        deteriorated = sum(1 for x in g if (x <= -mid if mid else x < 0))
        out += moments(diffs) + uvarint(improved, 64)
        out += uvarint(len(diffs) - improved - deteriorated, 64)
    elif kind == TOTAL and n:
        rows = [(grid(a, scale), int(e)) for a, e in kept_pairs] + \
               [(grid(v, scale), 0) for v, _ in kept]
        out += moments([a for a, _ in rows])
        out += uvarint(sum(e for _, e in rows), 128)
        out += uvarint(sum(e * e for _, e in rows), 128)
        out += svarint(sum(a * e for a, e in rows), 128)
    elif kind == DISTRIBUTION:
        units = sorted(grid(v, scale) for v, _ in kept)
        distinct = sorted(set(units))
        out += uvarint(len(distinct), 64)
        for i, u in enumerate(distinct):
            out += svarint(u, 64) if i == 0 else uvarint(u - distinct[i - 1], 64)
            out += uvarint(units.count(u), 64)

    crc = crcmod.predefined.mkCrcFun("crc-32c")
    assert crc(b"123456789") == 0xE3069283
    out += struct.pack("<I", crc(bytes(out)))
    return bytes(out)


def main() -> int:
    mode, directory = sys.argv[1], sys.argv[2]
    problems = 0
    for name, case in CASES.items():
        blob = encode(case)
        path = f"{directory}/{name}.bin"
        if mode == "--write":
            with open(path, "wb") as f:
                f.write(blob)
            print(f"wrote {path} ({len(blob)} bytes)")
        else:
            with open(path, "rb") as f:
                stored = f.read()
            if stored != blob:
                print(f"FAIL: {path} differs from the encoding of docs/formats.md")
                problems += 1
            else:
                print(f"ok {name}: {len(blob)} bytes")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
