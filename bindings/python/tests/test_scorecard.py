"""Scorecard bindings. Expected figures are computed here in plain Python
from the same generated records (BCF emergency admissions 65+ per 100,000:
admissions of residents aged 65+ over the ONS population aged 65+, as the
BCF 2025-26 planning requirements define it), independently of the C code."""

import datetime
import os
import random
import unittest

import numpy as np

from carealign.framework import Framework
from carealign.scorecard import CarealignError, Scorecard, reject_reason_name, NA_I32

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..")
FRAMEWORK = os.path.join(ROOT, "examples", "frameworks", "england-integrated-care.json")
EPOCH = datetime.date(1970, 1, 1)


def day(y, m, d):
    return (datetime.date(y, m, d) - EPOCH).days


def age_on(by, bm, at):
    d = EPOCH + datetime.timedelta(days=at)
    return d.year - by - ((d.month, d.day) < (bm, 1))


class ScorecardTest(unittest.TestCase):
    def setUp(self):
        self.fw = Framework.load_file(FRAMEWORK)
        self.bcf = [m.id for m in self.fw.measures].index("bcf-emergency-admissions-65")
        rnd = random.Random(11)
        n = 400
        self.person = np.arange(n, dtype=np.int32)
        self.by = np.array([rnd.randint(1925, 2000) for _ in range(n)], dtype=np.int32)
        self.bm = np.array([rnd.randint(1, 12) for _ in range(n)], dtype=np.int32)
        self.flags = np.array([1 if rnd.random() < 0.05 else 0 for _ in range(n)],
                              dtype=np.uint32)
        rows = [(p, rnd.choice([0, 1]), day(2025, 4, 1) + rnd.randrange(365))
                for p in range(n) for _ in range(rnd.randrange(4))]
        self.c_person = np.array([r[0] for r in rows], dtype=np.int32)
        self.c_org = np.array([r[1] for r in rows], dtype=np.int32)
        self.c_day = np.array([r[2] for r in rows], dtype=np.int32)

    def tearDown(self):
        self.fw.close()

    def build(self, people=None, grouped=False):
        sc = Scorecard(self.fw, grouped=grouped, no_disclosure=True)
        self.assertEqual(sc.register_ids("area", ["E08000035"]), [0])
        self.assertEqual(sc.feed_organisations([(0, 1, "Acute"), (1, 1, "Other acute")]), [0, 0])
        self.assertEqual(sc.feed_populations([(0, 2025, 0, 65, None, 120000),
                                              (0, 2025, 0, 0, 64, 500000)]), [0, 0])
        sel = np.ones(len(self.person), bool) if people is None else np.isin(self.person, people)
        sc.feed_people_columns(person=self.person[sel], birth_year=self.by[sel],
                               birth_month=self.bm[sel], area=np.zeros(sel.sum(), np.int32),
                               flags=self.flags[sel])
        csel = np.isin(self.c_person, self.person[sel])
        n = int(csel.sum())
        reasons = sc.feed_contacts_columns(person=self.c_person[csel], org=self.c_org[csel],
                                           sector=np.ones(n, np.int32),
                                           type=np.full(n, 2, np.int32),
                                           start_day=self.c_day[csel])
        self.assertEqual(set(reasons), {0} if n else set())
        return sc

    def test_bcf_rate_and_counts(self):
        with self.build() as sc:
            sc.finalize()
            row = sc.find(self.bcf)
            events = sum(1 for p, d in zip(self.c_person, self.c_day)
                         if not self.flags[p] and age_on(self.by[p], self.bm[p], int(d)) >= 65)
            self.assertEqual(row["numerator"], events)
            self.assertEqual(row["denominator"], 120000)
            self.assertAlmostEqual(row["value"], events / 120000 * 100000, places=9)
            c = sc.counts("contacts")
            self.assertEqual(c["read"], len(self.c_person))
            self.assertEqual(c["used"] + c["rejected"], c["read"])
            self.assertEqual(c["excluded_opt_out"],
                             sum(1 for p in self.c_person if self.flags[p]))
            self.assertEqual(sc.get_id("area", 0), "E08000035")

    def test_merge_equals_single(self):
        ids = list(range(len(self.person)))
        random.Random(3).shuffle(ids)
        with self.build() as single, self.build(ids[:150]) as a, self.build(ids[150:]) as b:
            a.close_all()
            b.close_all()
            with Scorecard.deserialize(self.fw, b.serialize()) as b2:
                a.merge(b2)
            a.finalize()
            single.finalize()
            ra, rs = a.results(), single.results()
            self.assertEqual(len(ra), len(rs))
            for x, y in zip(ra, rs):
                self.assertEqual({k: v for k, v in x.items() if v == v},
                                 {k: v for k, v in y.items() if v == v})

    def test_reject_reasons(self):
        with self.build(people=[0, 1]) as sc:
            reasons = sc.feed_contacts_columns(person=[0, 999, 1], org=[0, 0, 7],
                                               sector=[1, 1, 1], type=[2, 2, 2],
                                               start_day=[day(2025, 5, 1)] * 3)
            self.assertEqual([reject_reason_name(r) for r in reasons],
                             ["accepted", "unknown_person", "unknown_org"])
            reasons = sc.feed_people_columns(person=[NA_I32])
            self.assertEqual(reject_reason_name(reasons[0]), "missing_field")

    def test_response_reasons(self):
        """The columnar responses feed's row reasons: a list of every row's
        reason, with and without a rejected row (the wrapper builds the list
        without reading the buffer when nothing was rejected)."""
        from carealign import _lib
        ascot = next(i for i in range(_lib.lib.carealign_instrument_count())
                     if _lib.lib.carealign_instrument_get(i).contents.name == b"ascot_sct4")
        items = np.full((3, 8), 2, np.int32)
        with self.build(people=[0, 1]) as sc:
            reasons = sc.feed_responses_columns(ascot, items, person=[0, 999, 1],
                                                day=[day(2025, 5, 1)] * 3)
            self.assertEqual([reject_reason_name(r) for r in reasons],
                             ["accepted", "unknown_person", "accepted"])
            reasons = sc.feed_responses_columns(ascot, items, person=[1, 0, 1],
                                                day=[day(2025, 6, 1)] * 3)
            self.assertEqual(reasons, [0, 0, 0])
            self.assertIs(type(reasons), list)
            reasons = sc.feed_responses_columns(ascot, items, person=[1, 0, 999],
                                                day=[day(2025, 7, 1)] * 3, _as_array=True)
            self.assertEqual(list(reasons), [0, 0, reasons[2]])
            self.assertEqual(reject_reason_name(int(reasons[2])), "unknown_person")
            self.assertEqual(sc.counts("responses")["rejected"], 2)

    def test_feed_in_chunks(self):
        """Columnar feeds of more rows than the wrapper hands to C at a time
        (its chunk made 4 rows here): every row's reason in place, with rejected
        rows in the first, a middle and the last chunk, only in a middle one
        (its items: the 8 a row offset with the rows) or in none, the counts of
        one feed, and the same results as the feed in one call."""
        from carealign import _lib
        from carealign import scorecard as scmod
        ascot = next(i for i in range(_lib.lib.carealign_instrument_count())
                     if _lib.lib.carealign_instrument_get(i).contents.name == b"ascot_sct4")
        n = 14  # chunks of 4, 4, 4, 2
        person = [p % 3 for p in range(n)]
        bad = {1, 9, 13}  # unknown people in chunks 0, 2 and 3
        rperson = [999 if i in bad else p for i, p in enumerate(person)]
        items = np.array([[1 + (i + k) % 4 for k in range(8)] for i in range(n)], np.int32)
        rday = [day(2025, 5, 1) + i for i in range(n)]
        saved = scmod._FEED_CHUNK
        try:
            for chunk in (4, saved):
                scmod._FEED_CHUNK = chunk
                with self.build(people=[0, 1, 2]) as sc:
                    got = sc.feed_contacts_columns(person=rperson, org=[i % 2 for i in range(n)],
                                                   sector=[1] * n, type=[2] * n,
                                                   start_day=rday)
                    self.assertIs(type(got), list)
                    self.assertEqual([reject_reason_name(r) for r in got],
                                     ["unknown_person" if i in bad else "accepted"
                                      for i in range(n)])
                    got = sc.feed_responses_columns(ascot, items, person=person, day=rday,
                                                    org=[i % 2 for i in range(n)])
                    self.assertEqual(got, [0] * n)
                    got = sc.feed_responses_columns(ascot, items[::-1], person=rperson[::-1],
                                                    day=rday)
                    self.assertEqual([reject_reason_name(r) for r in got],
                                     ["unknown_person" if n - 1 - i in bad else "accepted"
                                      for i in range(n)])
                    worse = items.copy()
                    worse[6] = 9  # no such level: the only rejected row, in chunk 1
                    got = sc.feed_responses_columns(ascot, worse, person=person, day=rday)
                    self.assertEqual([reject_reason_name(r) for r in got],
                                     ["bad_items" if i == 6 else "accepted" for i in range(n)])
                    c, r = sc.counts("contacts"), sc.counts("responses")
                    self.assertEqual((c["used"], c["rejected"]),
                                     (sum(int(self.c_person[k] in (0, 1, 2)) for k in
                                          range(len(self.c_person))) + n - 3, 3))
                    self.assertEqual((r["read"], r["rejected"]), (3 * n, 4))
                    sc.finalize()
                    if chunk == 4:
                        chunked = sc.results()
                    else:
                        whole = sc.results()
        finally:
            scmod._FEED_CHUNK = saved
        self.assertEqual(len(chunked), len(whole))
        for x, y in zip(chunked, whole):
            self.assertEqual({k: v for k, v in x.items() if v == v},
                             {k: v for k, v in y.items() if v == v})

    def by_person_tables(self):
        """People (person 7 left out), contacts (one of person -1 first, of the
        unknown person 7, of an unknown organisation, of a person past the last)
        and two response tables (one with a bad row), sorted by person."""
        from carealign import _lib
        ascot = next(i for i in range(_lib.lib.carealign_instrument_count())
                     if _lib.lib.carealign_instrument_get(i).contents.name == b"ascot_sct4")
        keep = self.person != 7
        n = int(keep.sum())
        people = {"person": self.person[keep], "birth_year": self.by[keep],
                  "birth_month": self.bm[keep], "area": np.zeros(n, np.int32),
                  "flags": self.flags[keep]}
        cp = np.concatenate([[-1], self.c_person, [500]]).astype(np.int32)
        m = len(cp)
        org = np.concatenate([[0], self.c_org, [0]]).astype(np.int32)
        org[m // 2] = 9  # an unknown organisation
        contacts = {"person": cp, "org": org, "sector": np.ones(m, np.int32),
                    "type": np.full(m, 2, np.int32),
                    "start_day": np.concatenate([[day(2025, 5, 1)], self.c_day,
                                                 [day(2025, 5, 1)]]).astype(np.int32)}
        rnd = random.Random(5)
        rp = np.array(sorted(rnd.randrange(-2, 410) for _ in range(300)), np.int32)
        items = np.array([[rnd.randint(1, 4) for _ in range(8)] for _ in rp], np.int32)
        items[17, 3] = 9  # bad items
        responses = [{"instrument": ascot, "items": items, "person": rp,
                      "day": np.array([day(2025, 4, 1) + rnd.randrange(365) for _ in rp],
                                      np.int32),
                      "org": np.array([rnd.choice([0, 1]) for _ in rp], np.int32)},
                     {"instrument": ascot, "items": items[::2], "person": rp[::2],
                      "day": np.full(len(rp[::2]), day(2025, 9, 1), np.int32)}]
        return people, contacts, responses

    def fresh(self):
        sc = Scorecard(self.fw, no_disclosure=True)
        sc.register_ids("area", ["E08000035"])
        sc.feed_organisations([(0, 1, "Acute"), (1, 1, "Other acute")])
        sc.feed_populations([(0, 2025, 0, 65, None, 120000), (0, 2025, 0, 0, 64, 500000)])
        return sc

    def test_feed_columns_by_person(self):
        """Person blocks (close_before after each) give the partial, byte for
        byte, and the row reasons of the whole-table feeds and close_all, for
        blocks of 1, 16 and more than every person; unsorted tables are
        refused before anything is fed."""
        people, contacts, responses = self.by_person_tables()
        with self.fresh() as sc:
            want = {"people": sc.feed_people_columns(**people),
                    "contacts": sc.feed_contacts_columns(**contacts),
                    "responses": [sc.feed_responses_columns(**r) for r in responses]}
            sc.close_all()
            blob = sc.serialize()
        names = {reject_reason_name(r) for r in want["contacts"] + want["responses"][0]}
        self.assertEqual(names, {"accepted", "out_of_range", "unknown_person", "unknown_org",
                                 "bad_items"})
        for block in (1, 16, 1000):
            with self.fresh() as sc:
                got = sc.feed_columns_by_person(people, contacts, responses, block=block)
                self.assertEqual(got, want)
                self.assertIs(type(got["contacts"]), list)
                # every person closed already: close_all has nothing left to do
                self.assertEqual(sc.feed_contacts_columns(
                    person=[0], org=[0], sector=[1], type=[2], start_day=[day(2025, 5, 2)]),
                    [11])  # person_closed
                with self.fresh() as sc2:
                    sc2.feed_columns_by_person(people, contacts, responses, block=block)
                    sc2.close_all()
                    self.assertEqual(sc2.serialize(), blob)
        with self.fresh() as sc:  # one response table as a dict; numpy reasons
            got = sc.feed_columns_by_person(people, None, responses[0], block=50, _as_array=True)
            self.assertEqual(sorted(got), ["people", "responses"])
            self.assertEqual(got["responses"].tolist(), want["responses"][0])
        shuffled = dict(contacts)
        shuffled["person"] = contacts["person"][::-1].copy()
        for args in ((people, shuffled, None), (people, None, [responses[0], {
                **responses[1], "person": responses[1]["person"][::-1].copy()}]),
                     ({**people, "person": people["person"][::-1].copy()}, None, None)):
            with self.fresh() as sc:
                with self.assertRaisesRegex(ValueError, "not sorted ascending"):
                    sc.feed_columns_by_person(*args)
                self.assertEqual(sc.counts("people")["read"], 0)

    def test_reason_modes(self):
        """reasons="list" / "array" / None give the same partial, byte for byte,
        and the same reasons (None: the number of rejected rows), through the
        whole-table feeds (a list of contacts in chunks too) and person blocks,
        on tables with bad rows; any other value raises ValueError."""
        import carealign.scorecard as scmod
        people, contacts, responses = self.by_person_tables()
        # a first person with no index (NA_I32 sorts first): missing_field
        people = {k: np.concatenate([[NA_I32 if k == "person" else v[0]], v]).astype(v.dtype)
                  for k, v in people.items()}
        known = set(people["person"][1:].tolist())
        # rejected contacts: an unknown person or organisation (person -1 is
        # no person: accepted)
        bad_contacts = sum((p != -1 and p not in known) or o == 9
                           for p, o in zip(contacts["person"].tolist(), contacts["org"].tolist()))

        def whole(sc, mode):
            got = {"people": sc.feed_people_columns(**people, reasons=mode),
                   "contacts": sc.feed_contacts_columns(**contacts, reasons=mode),
                   "responses": [sc.feed_responses_columns(**r, reasons=mode)
                                 for r in responses]}
            sc.close_all()
            return got

        def blocks(sc, mode):
            return sc.feed_columns_by_person(people, contacts, responses, block=16, reasons=mode)

        saved = scmod._FEED_CHUNK
        try:
            for chunk in (saved, 7):
                scmod._FEED_CHUNK = chunk
                for run in (whole, blocks):
                    out = {}
                    for mode in ("list", "array", None):
                        with self.fresh() as sc:
                            out[mode] = (run(sc, mode), sc.serialize(),
                                         [sc.counts(f)["rejected"] for f in
                                          ("people", "contacts", "responses")])
                    want, blob, counts = out["list"]
                    self.assertIs(type(want["contacts"]), list)
                    self.assertEqual([sum(r != 0 for r in want["people"]),
                                      sum(r != 0 for r in want["contacts"])],
                                     [1, bad_contacts])
                    self.assertEqual(counts[:2], [1, bad_contacts])
                    self.assertEqual(counts[2], sum(sum(r != 0 for r in rs)
                                                    for rs in want["responses"]))
                    got, blob2, counts2 = out["array"]
                    self.assertIsInstance(got["contacts"], np.ndarray)
                    self.assertEqual(got["contacts"].dtype, np.int32)
                    self.assertEqual({"people": got["people"].tolist(),
                                      "contacts": got["contacts"].tolist(),
                                      "responses": [r.tolist() for r in got["responses"]]}, want)
                    self.assertEqual((blob2, counts2), (blob, counts))
                    got, blob2, counts2 = out[None]
                    self.assertEqual(got, {"people": 1, "contacts": bad_contacts, "responses": [
                        sum(r != 0 for r in rs) for rs in want["responses"]]})
                    self.assertEqual((blob2, counts2), (blob, counts))
        finally:
            scmod._FEED_CHUNK = saved
        with self.fresh() as sc:
            for bad in ("none", "", 0, False, [], "List"):
                for call in (lambda: sc.feed_people_columns(**people, reasons=bad),
                             lambda: sc.feed_contacts_columns(**contacts, reasons=bad),
                             lambda: sc.feed_responses_columns(**responses[0], reasons=bad),
                             lambda: blocks(sc, bad)):
                    with self.assertRaisesRegex(ValueError, "reasons must be"):
                        call()
            with self.assertRaises(ValueError):
                sc.feed_contacts_columns(**contacts, reasons=None, _as_array=True)
            self.assertEqual([sc.counts(f)["read"] for f in ("people", "contacts")], [0, 0])

    def test_close_before(self):
        with self.build() as sc:
            sc.close_before(100)
            self.assertEqual(sc.feed_contacts_columns(person=[99, 100], org=[0, 0], sector=[1, 1],
                                                      type=[2, 2], start_day=[day(2025, 5, 2)] * 2),
                             [11, 0])
            with self.assertRaises(CarealignError):
                sc.close_before(-1)

    def test_results_frame(self):
        try:
            import pandas  # noqa: F401
        except ImportError:
            self.skipTest("pandas is optional")
        with self.build() as sc:
            sc.finalize()
            df = sc.results_frame()
            self.assertEqual(len(df), len(sc.results()))
            self.assertIn("value", df.columns)


if __name__ == "__main__":
    unittest.main()
