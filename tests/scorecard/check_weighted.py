"""Issue 8: survey-weighted measures, checked independently of the library.

tests/scorecard/data/weighted.json declares two weighted measures on the
ASCOT SCT4 sum (ASCOF 1A method, 0..24): the weighted mean of each person's
latest score, and the weighted proportion whose latest score is 18 or more.
Random people answer once or twice, at one of two organisations, with a
survey weight (two decimals, or none = 1) and sometimes a missing item (the
row is used, its score missing: the `unscored` count); some also answer GAS
with a weight (an unweighted measure: `weights_not_applied`).

Expected figures are computed here with numpy and scipy from the records,
never by the library (docs/scorecard.md, "Survey weights"):
  - each person's weight is that of the response behind their figure (the
    latest scored one in scope), held to 1/2^20 as documented;
  - weighted mean m = sum(w x) / sum(w) (numpy.average); Kish's effective n
    n_eff = (sum w)^2 / sum(w^2) (Kish L. Survey Sampling, Wiley 1965,
    section 11.7); s_w^2 = sum w (x - m)^2 / sum w; t interval
    m +- t(0.975, n_eff - 1) sqrt(s_w^2 / (n_eff - 1)) (scipy.stats.t);
  - weighted proportion p = sum(w y) / sum(w), Wilson's interval (Wilson
    EB, J Am Stat Assoc 1927;22:209-212) on n = n_eff with
    z = scipy.stats.norm.ppf(0.975), x 100.
It also checks that three partials merged (through their blobs, in two
orders) equal the single run bit for bit.
"""
import math
import os
import random
import sys
import unittest

import numpy as np
from scipy import stats

from carealign import _lib
from carealign.framework import Framework
from carealign.instruments import registry
from carealign.scorecard import RESPONSE_INSTRUMENT_GAS, Scorecard

SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..", "..")
FRAMEWORK = os.path.join(SRC, "tests", "scorecard", "data", "weighted.json")
WEIGHTED_FLAG = 0x80  # CAREALIGN_RES_WEIGHTED
DAY0 = 20240  # 2025-06-01 is day 20240 (days since 1970-01-01)
N_PEOPLE = 240


def held(w):
    """A weight held to 1/2^20 (docs/scorecard.md)."""
    return max(1.0, round(w * 2.0 ** 20)) / 2.0 ** 20


def make_records(seed=20261123):
    rnd = random.Random(seed)
    rows = []  # (person, org, day, items, weight or nan)
    gas = []   # (person, day, goals, weight)
    for p in range(N_PEOPLE):
        for k in range(rnd.choice([1, 1, 2])):
            items = [rnd.choice([1, 1, 2, 2, 2, 3, 4]) for _ in range(8)]
            if rnd.random() < 0.08:
                items[rnd.randrange(8)] = _lib.ITEM_MISSING
            w = round(rnd.uniform(0.4, 6.0), 2) if rnd.random() < 0.8 else float("nan")
            rows.append((p, rnd.randrange(2), DAY0 + 40 * k + rnd.randrange(30), items, w))
        if rnd.random() < 0.2:
            gas.append((p, DAY0 + rnd.randrange(60), [rnd.choice([-1, 0, 1]), 0],
                        rnd.choice([1.0, 2.5, 0.75])))
    return rows, gas


def expected(rows, people, org=None):
    """(mean estimate, proportion estimate) dicts over `people` at the system
    (org None) or one organisation's level."""
    latest = {}
    for p, o, d, items, w in sorted(rows, key=lambda r: r[2]):
        if p not in people or (org is not None and o != org):
            continue
        if _lib.ITEM_MISSING in items:
            continue
        score = sum(4 - i for i in items)  # ASCOF 1A: 3/2/1/0 for answers 1..4
        latest[p] = (score, 1.0 if math.isnan(w) else held(w))
    x = np.array([v[0] for v in latest.values()], float)
    w = np.array([v[1] for v in latest.values()], float)
    n_eff = w.sum() ** 2 / (w ** 2).sum()
    mean = np.average(x, weights=w)
    s2 = np.average((x - mean) ** 2, weights=w)
    half = stats.t.ppf(0.975, n_eff - 1) * math.sqrt(s2 / (n_eff - 1))
    y = (x >= 18).astype(float)
    p = np.average(y, weights=w)
    z = stats.norm.ppf(0.975)
    centre = (p + z * z / (2 * n_eff)) / (1 + z * z / n_eff)
    hw = z * math.sqrt(p * (1 - p) / n_eff + z * z / (4 * n_eff ** 2)) / (1 + z * z / n_eff)
    return ({"value": mean, "lower": mean - half, "upper": mean + half, "n": n_eff,
             "numerator": float((w * x).sum()), "denominator": float(w.sum())},
            {"value": 100 * p, "lower": 100 * (centre - hw), "upper": 100 * (centre + hw),
             "n": n_eff, "numerator": float((w * y).sum()), "denominator": float(w.sum())})


class Weighted(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fw = Framework.load_file(FRAMEWORK)
        ids = [m.id for m in cls.fw.measures]
        cls.m_mean = ids.index("scrqol-weighted")
        cls.m_prop = ids.index("scrqol-high-weighted")
        cls.ascot = [i.name for i in registry()].index("ascot_sct4")
        cls.rows, cls.gas = make_records()

    @classmethod
    def tearDownClass(cls):
        cls.fw.close()

    def build(self, people):
        sc = Scorecard(self.fw, no_disclosure=True)
        sc.register_ids("area", ["E08000035"])
        sc.feed_organisations([(0, 5, "Council A"), (1, 5, "Council B")])
        people = sorted(people)
        n = len(people)
        sc.feed_people_columns(person=people, birth_year=[1940] * n, birth_month=[1] * n,
                               area=[0] * n)
        rows = [r for r in self.rows if r[0] in people]
        if rows:
            reasons = sc.feed_responses_columns(
                self.ascot, [r[3] for r in rows], person=[r[0] for r in rows],
                day=[r[2] for r in rows], org=[r[1] for r in rows],
                weight=[r[4] for r in rows])
            self.assertEqual(set(reasons), {0})
        gas = [g for g in self.gas if g[0] in people]
        if gas:
            reasons = sc.feed_responses_columns(
                RESPONSE_INSTRUMENT_GAS, [g[2] for g in gas], person=[g[0] for g in gas],
                day=[g[1] for g in gas], weight=[g[3] for g in gas])
            self.assertEqual(set(reasons), {0})
        return sc

    def check_row(self, row, want):
        self.assertTrue(row["flags"] & WEIGHTED_FLAG)
        for k, v in want.items():
            self.assertTrue(math.isclose(row[k], v, rel_tol=1e-10, abs_tol=1e-10),
                            f"{k}: {row[k]!r} != {v!r}")

    def test_estimates(self):
        everyone = set(range(N_PEOPLE))
        with self.build(everyone) as sc:
            c = sc.counts("responses")
            self.assertEqual(c["read"], len(self.rows) + len(self.gas))
            self.assertEqual(c["used"], c["read"])
            self.assertEqual(c["unscored"],
                             sum(1 for r in self.rows if _lib.ITEM_MISSING in r[3]))
            # weights applied to the ASCOT rows (weighted measures); the GAS
            # measure is unweighted: its rows whose weight is not 1 count
            self.assertEqual(c["weights_not_applied"], sum(1 for g in self.gas if g[3] != 1.0))
            sc.finalize()
            mean, prop = expected(self.rows, everyone)
            self.check_row(sc.find(self.m_mean), mean)
            self.check_row(sc.find(self.m_prop), prop)
            for org in (0, 1):
                mean, prop = expected(self.rows, everyone, org)
                self.check_row(sc.find(self.m_mean, "org", org), mean)
                self.check_row(sc.find(self.m_prop, "org", org), prop)
            mean, prop = expected(self.rows, everyone)
            report = sc.write("json").decode()
            self.assertIn('"weighted"', report)
            # FHIR: the effective n beside the weighted rows (docs/report-schema.md)
            import json
            bundle = json.loads(sc.write("fhir"))
            eff = [x["valueDecimal"] for e in bundle["entry"]
                   for x in e["resource"].get("group", [{}])[0].get("extension", [])
                   if x["url"] == "urn:carealign:fhir:effective-n"]
            self.assertTrue(any(math.isclose(v, mean["n"], rel_tol=1e-12) for v in eff))

    def test_merge_equals_single_run(self):
        ids = list(range(N_PEOPLE))
        random.Random(7).shuffle(ids)
        parts = [ids[:70], ids[70:160], ids[160:]]
        with self.build(ids) as single:
            single.finalize()
            want = single.results()
        for order in ((0, 1, 2), (2, 0, 1)):
            blobs = []
            for i in order:
                with self.build(parts[i]) as sc:
                    sc.close_all()
                    blobs.append(sc.serialize())
            with Scorecard.deserialize(self.fw, blobs[0]) as dst:
                for b in blobs[1:]:
                    with Scorecard.deserialize(self.fw, b) as src:
                        dst.merge(src)
                dst.finalize()
                got = dst.results()
            self.assertEqual(len(got), len(want))
            for x, y in zip(got, want):
                for k in x:
                    same = x[k] == y[k] or (isinstance(x[k], float) and math.isnan(x[k])
                                            and math.isnan(y[k]))
                    self.assertTrue(same, f"{k}: {x[k]!r} != {y[k]!r} (order {order})")

    def test_framework_member(self):
        """`"weighted": true` is read into the measure's flags, and refused
        where it cannot apply (docs/framework.md), naming the member."""
        import json
        from carealign.core import CarealignError
        from carealign.framework import MEASURE_WEIGHTED
        self.assertTrue(self.fw.measures[self.m_mean].flags & MEASURE_WEIGHTED)
        self.assertTrue(self.fw.measures[self.m_prop].flags & MEASURE_WEIGHTED)
        gas = [m.id for m in self.fw.measures].index("gas-goals-met")
        self.assertFalse(self.fw.measures[gas].flags & MEASURE_WEIGHTED)
        with open(FRAMEWORK) as f:
            base = json.load(f)

        def refused(why, change):
            doc = json.loads(json.dumps(base))
            change({m["id"]: m for m in doc["measures"]})
            with self.assertRaises(CarealignError) as cm:
                Framework.load(json.dumps(doc))
            self.assertIn(why, str(cm.exception))

        refused("field 'weighted': needs an instrument",
                lambda m: m["emergency-admissions-dsr"].update(weighted=True))
        refused("field 'weighted': a continuous-variable measure is weighted only as the mean",
                lambda m: m["scrqol-weighted"]["populations"]["measure_observation"].update(
                    aggregate="median"))
        refused("field 'weighted': applies to proportion and continuous-variable measures only",
                lambda m: m["scrqol-weighted"].update(
                    populations={"initial_population": {"response": "any"}},
                    scoring="cohort"))

    def test_format_2_blob_read(self):
        """A partial of release 1.0.0 (format 2: no `unscored` in the feed
        counts) is still read, its unscored count 0; format 1 is refused.
        The blob is rewritten here from the layout in
        lib/scorecard/serialize.c, not by the library."""
        import struct
        with self.build(set(range(40))) as sc:
            sc.close_all()
            blob = sc.serialize()
            unscored = sc.counts("responses")["unscored"]
        self.assertGreater(unscored, 0)
        self.assertEqual(blob[:4], b"CASC")
        self.assertEqual(struct.unpack_from("<I", blob, 4)[0], 3)
        pos = 4 + 4 + 32 + 4 + 4 + 8
        for _ in range(6):  # dictionaries
            (n,) = struct.unpack_from("<I", blob, pos)
            pos += 4
            for _ in range(n):
                (ln,) = struct.unpack_from("<I", blob, pos)
                pos += 4 + ln
        (n,) = struct.unpack_from("<I", blob, pos)  # organisations
        pos += 4
        for _ in range(n):
            (ln,) = struct.unpack_from("<I", blob, pos + 4)
            pos += 8 + ln
        (n,) = struct.unpack_from("<I", blob, pos)  # populations
        pos += 4 + 32 * n
        (n,) = struct.unpack_from("<I", blob, pos)  # FFT keys
        pos += 4 + 16 * n
        counts = [struct.unpack_from("<7Q", blob, pos + 56 * f) for f in range(6)]
        self.assertEqual(counts[3][6], unscored)  # responses: the 7th is unscored
        old = bytearray(blob[:pos])
        struct.pack_into("<I", old, 4, 2)
        for c in counts:
            old += struct.pack("<6Q", *c[:6])
        old += blob[pos + 6 * 56:]
        with Scorecard.deserialize(self.fw, bytes(old)) as back:
            c = back.counts("responses")
            self.assertEqual(c["unscored"], 0)
            self.assertEqual(c["read"], counts[3][0])
            self.assertEqual(c["weights_not_applied"], counts[3][5])
        struct.pack_into("<I", old, 4, 1)
        with self.assertRaises(Exception):
            Scorecard.deserialize(self.fw, bytes(old))


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
