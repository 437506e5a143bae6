"""Every EQ-5D state of every value set, recomputed independently.

The published tables are typed here from the sources (not read from the
library), each index is computed with exact fractions, and the library's
double must be exactly the double nearest that fraction, from both
carealign_score and carealign_score_batch (through ctypes, not through the
carealign Python package, so that this check shares nothing with the code
under test).

Sources:
  3L uk-tto-1997: Dolan P. Med Care 1997;35(11):1095-1108.
      index = 1 - 0.081 - sum - 0.269 (any level 3); 11111 = 1.
      Published: 12321 = 0.329, 33333 = -0.594.
  5L england-2018: Devlin NJ et al. Health Econ 2018;27(1):7-22.
      index = 1 - sum. Published range -0.285 .. 0.950 below full health;
      5.1% of states worse than dead.
  5L uk-2026: Rowen D et al. Value Health 2026, doi:10.1016/j.jval.2026.03.008.
      index = 1 - sum. Published: 55555 = -0.567.
"""

import ctypes
import itertools
import math
import os
import sys
from fractions import Fraction

DIMS = ("MO", "SC", "UA", "PD", "AD")

# decrements for levels 2, 3 (3L) or 2..5 (5L), as printed (three decimals)
TABLES = {
    ("eq5d3l", "uk-tto-1997"): {
        "MO": ("0.069", "0.314"), "SC": ("0.104", "0.214"), "UA": ("0.036", "0.094"),
        "PD": ("0.123", "0.386"), "AD": ("0.071", "0.236"),
    },
    ("eq5d5l", "england-2018"): {
        "MO": ("0.058", "0.076", "0.207", "0.274"),
        "SC": ("0.050", "0.080", "0.164", "0.203"),
        "UA": ("0.050", "0.063", "0.162", "0.184"),
        "PD": ("0.063", "0.084", "0.276", "0.335"),
        "AD": ("0.078", "0.104", "0.285", "0.289"),
    },
    ("eq5d5l", "uk-2026"): {
        "MO": ("0.032", "0.058", "0.179", "0.279"),
        "SC": ("0.038", "0.060", "0.162", "0.206"),
        "UA": ("0.049", "0.086", "0.184", "0.212"),
        "PD": ("0.056", "0.066", "0.371", "0.479"),
        "AD": ("0.041", "0.126", "0.313", "0.391"),
    },
}
CONSTANT_3L = Fraction("0.081")
N3_3L = Fraction("0.269")


def index(instrument, valueset, state):
    table = TABLES[(instrument, valueset)]
    value = Fraction(1)
    for dim, level in zip(DIMS, state):
        if level > 1:
            value -= Fraction(table[dim][level - 2])
    if instrument == "eq5d3l" and any(level > 1 for level in state):
        value -= CONSTANT_3L
        if any(level == 3 for level in state):
            value -= N3_3L
    return value


def load():
    lib = ctypes.CDLL(os.environ["CAREALIGN_LIBRARY"])
    lib.carealign_score.restype = ctypes.c_int
    lib.carealign_score.argtypes = [ctypes.c_char_p, ctypes.c_char_p,
                                    ctypes.POINTER(ctypes.c_int32), ctypes.c_size_t,
                                    ctypes.POINTER(ctypes.c_double)]
    lib.carealign_score_batch.restype = ctypes.c_int
    lib.carealign_score_batch.argtypes = [
        ctypes.c_char_p, ctypes.c_char_p, ctypes.POINTER(ctypes.c_int32), ctypes.c_size_t,
        ctypes.c_size_t, ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_int32),
        ctypes.POINTER(ctypes.c_size_t)]
    return lib


def main():
    lib = load()
    failures = 0
    for (instrument, valueset) in TABLES:
        levels = 3 if instrument == "eq5d3l" else 5
        states = list(itertools.product(range(1, levels + 1), repeat=5))
        assert len(states) == levels ** 5
        flat = (ctypes.c_int32 * (5 * len(states)))(*itertools.chain.from_iterable(states))
        scores = (ctypes.c_double * len(states))()
        status = (ctypes.c_int32 * len(states))()
        n_scored = ctypes.c_size_t()
        rc = lib.carealign_score_batch(instrument.encode(), valueset.encode(), flat, 5,
                                       len(states), scores, status, ctypes.byref(n_scored))
        if rc != 0 or n_scored.value != len(states):
            print(f"{instrument}/{valueset}: batch status {rc}, scored {n_scored.value}")
            failures += 1
        exact = {}
        for k, state in enumerate(states):
            want = index(instrument, valueset, state)
            exact[state] = want
            # nearest double to the exact fraction (correctly rounded)
            want_double = want.numerator / want.denominator
            single = ctypes.c_double()
            items = (ctypes.c_int32 * 5)(*state)
            rc = lib.carealign_score(instrument.encode(), valueset.encode(), items, 5,
                                     ctypes.byref(single))
            if rc != 0 or single.value != want_double or scores[k] != want_double \
                    or status[k] != 0:
                print(f"{instrument}/{valueset} {''.join(map(str, state))}: "
                      f"library {single.value!r} / {scores[k]!r}, expected {want}")
                failures += 1
        # published facts about each set
        worst = exact[(levels,) * 5]
        best_below = max(v for s, v in exact.items() if s != (1,) * 5)
        print(f"{instrument}/{valueset}: {len(states)} states, worst {float(worst):.3f}, "
              f"best below full health {float(best_below):.3f}, "
              f"{sum(v < 0 for v in exact.values())} worse than dead")
        if (instrument, valueset) == ("eq5d3l", "uk-tto-1997"):
            failures += exact[(1, 2, 3, 2, 1)] != Fraction("0.329")
            failures += worst != Fraction("-0.594")
        if (instrument, valueset) == ("eq5d5l", "england-2018"):
            failures += worst != Fraction("-0.285")
            failures += best_below != Fraction("0.950")
            share = sum(v < 0 for v in exact.values()) / len(states)
            failures += not math.isclose(round(100 * share, 1), 5.1)
        if (instrument, valueset) == ("eq5d5l", "uk-2026"):
            failures += worst != Fraction("-0.567")
    if failures:
        print(f"FAILED: {failures} mismatches")
        return 1
    print("all states agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
