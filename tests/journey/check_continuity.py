"""Independent check of the continuity indices: a separate Python
implementation of the published formulas, in exact fractions, over 2000
random journeys, against carealign_journey_batch through the bindings.

  COC   = (sum n_j^2 - N) / (N (N - 1))           Bice & Boxerman 1977
  UPC   = max n_j / N                              Breslau & Reeb 1975
  SECON = #{i : p_i = p_i+1} / (N - 1)             Steinwachs 1979
  MMCI  = (1 - k/(N + 0.1)) / (1 - 1/(N + 0.1))    Magill & Senf 1987
  frag  = 1 - sum (n_j / N)^2                      Herfindahl-Hirschman

The sequence is the contacts of the selected types in (day, organisation)
order, as docs/journey.md defines for the default same-day rule."""

import sys
from collections import Counter
from fractions import Fraction

import numpy as np

from carealign import journey as J

CONTINUITY = (J.COMMUNITY_VISIT, J.GP_APPOINTMENT, J.SOCIAL_CARE_ASSESSMENT,
              J.HEALTH_ASSESSMENT, J.REVIEW)


def indices(seq):
    n = len(seq)
    if n < 2:
        return None
    counts = Counter(seq)
    ss = sum(c * c for c in counts.values())
    coc = Fraction(ss - n, n * (n - 1))
    upc = Fraction(max(counts.values()), n)
    secon = Fraction(sum(1 for a, b in zip(seq, seq[1:]) if a == b), n - 1)
    k = len(counts)
    mmci = (1 - k / (n + 0.1)) / (1 - 1 / (n + 0.1))
    frag = 1 - Fraction(ss, n * n)
    return float(coc), float(upc), float(secon), mmci, float(frag), n


def main():
    rng = np.random.default_rng(20261122)
    people, rows = 2000, 16000
    person = rng.integers(0, people, rows, dtype=np.int32)
    org = rng.integers(0, 1 + rng.integers(1, 8), rows, dtype=np.int32)
    typ = rng.integers(1, 16, rows, dtype=np.int32)
    day = rng.integers(0, 60, rows, dtype=np.int32)
    sector = np.full(rows, 4, dtype=np.int32)
    out = J.batch(person, org, sector, typ, day, people)
    bad = 0
    for p in range(people):
        sel = [(int(day[i]), int(org[i])) for i in np.nonzero(person == p)[0]
               if int(typ[i]) in CONTINUITY]
        sel.sort()
        want = indices([o for _, o in sel])
        got = out[p]
        if want is None:
            if not (np.isnan(got["coc"]) and got["flags"] & J.JR_CONTINUITY_NA):
                bad += 1
            continue
        values = (got["coc"], got["upc"], got["secon"], got["mmci"], got["fragmentation"])
        if any(abs(a - b) > 1e-12 for a, b in zip(values, want[:5])) or \
                got["continuity_contacts"] != want[5]:
            bad += 1
            print("person", p, "got", values, "want", want)
    print(f"{people - bad} passed, {bad} failed")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
