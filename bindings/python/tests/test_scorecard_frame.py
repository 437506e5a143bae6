"""Scorecard.feed_frames and friends: pandas DataFrames through the columnar
feeds. The byte-for-byte comparison with the C record path (`carealign
report` on the same files) is check_scorecard_frame.py (ctest
python_scorecard_frame); here, without the tool: the frame path against the
explicit columnar calls, rejected rows by index label, date and number rules
(expected values from the calendar and docs/data.md), and results_frame
against results()."""

import datetime
import os
import unittest

import numpy as np
import pandas as pd

from carealign import journey as J
from carealign.framework import Framework
from carealign.scorecard import Scorecard, _parse_days, _pack_strings

ROOT = os.path.join(os.path.dirname(__file__), "..", "..", "..")
FRAMEWORK = os.path.join(ROOT, "examples", "frameworks", "england-integrated-care.json")
EPOCH = datetime.date(1970, 1, 1)


def day(text):
    return (datetime.date.fromisoformat(text) - EPOCH).days


def frames():
    rnd = np.random.default_rng(5)
    n = 300
    people = pd.DataFrame({
        "person_id": [f"P{i:04d}" for i in range(n)],
        "birth_year": rnd.integers(1925, 2000, n).astype(str),
        "birth_month": rnd.integers(1, 13, n).astype(str),
        "sex": rnd.choice(["1", "2", ""], n),
        "imd_decile": rnd.integers(1, 11, n).astype(str),
        "area": "E08000035",
        "opted_out": np.where(rnd.random(n) < 0.05, "1", "0"),
    })
    orgs = pd.DataFrame({"org_id": ["RA1", "LA2", "GP3"],
                         "name": ["Acute – Trust", "Council", ""],
                         "sector": ["nhs_acute", "local_authority", "primary_care"]})
    pops = pd.DataFrame({"area": "E08000035", "year": ["2025"] * 4, "sex": ["1", "2", "1", "2"],
                         "age_lower": ["0", "0", "65", "65"], "age_upper": ["64", "64", "", ""],
                         "count": ["250000", "260000", "50000", "60000"]})
    m = 2000
    types = np.array(["gp_appointment", "community_visit", "emergency_admission"])
    start = day("2025-04-01") + rnd.integers(0, 365, m)
    contacts = pd.DataFrame({
        "person_id": people["person_id"].to_numpy()[rnd.integers(0, n, m)],
        "org_id": rnd.choice(["RA1", "LA2", "GP3"], m),
        "sector": "",
        "type": types[rnd.integers(0, 3, m)],
        "start_date": [str(EPOCH + datetime.timedelta(days=int(d))) for d in start],
        "staff_minutes": rnd.integers(5, 60, m).astype(str),
    })
    return dict(organisations=orgs, populations=pops, people=people, contacts=contacts)


class FrameTest(unittest.TestCase):
    def setUp(self):
        self.fw = Framework.load_file(FRAMEWORK)

    def tearDown(self):
        self.fw.close()

    def test_frames_equal_explicit_columns(self):
        f = frames()
        with Scorecard(self.fw, no_disclosure=True) as a, \
                Scorecard(self.fw, no_disclosure=True) as b:
            rejects = a.feed_frames(**f)
            self.assertEqual(len(rejects), 0)
            a.finalize()
            # the same records through the explicit calls
            b.register_ids("org", ["RA1", "LA2", "GP3"])
            b.register_ids("area", ["E08000035"])
            people = f["people"]
            b.register_ids("person", list(people["person_id"]))
            b.feed_organisations([(0, 1, "Acute – Trust"), (1, 5, "Council"), (2, 4, "")])
            b.feed_populations([(0, 2025, 1, 0, 64, 250000), (0, 2025, 2, 0, 64, 260000),
                                (0, 2025, 1, 65, None, 50000), (0, 2025, 2, 65, None, 60000)])
            sex = people["sex"].replace("", str(-2 ** 31)).astype(int)
            b.feed_people_columns(person=np.arange(len(people)),
                                  birth_year=people["birth_year"].astype(int),
                                  birth_month=people["birth_month"].astype(int), sex=sex,
                                  imd_decile=people["imd_decile"].astype(int),
                                  area=np.zeros(len(people)),
                                  flags=people["opted_out"].astype(int))
            c = f["contacts"]
            org = c["org_id"].map({"RA1": 0, "LA2": 1, "GP3": 2})
            reasons = b.feed_contacts_columns(
                person=c["person_id"].str[1:].astype(int), org=org,
                sector=org.map({0: J.SECTOR_NHS_ACUTE, 1: J.SECTOR_LOCAL_AUTHORITY,
                                2: J.SECTOR_PRIMARY_CARE}),
                type=c["type"].map({"gp_appointment": J.GP_APPOINTMENT,
                                    "community_visit": J.COMMUNITY_VISIT,
                                    "emergency_admission": J.EMERGENCY_ADMISSION}),
                start_day=[day(t) for t in c["start_date"]],
                staff_minutes=c["staff_minutes"].astype(int))
            self.assertEqual(set(reasons), {0})
            b.finalize()
            self.assertEqual(a.write("json"), b.write("json"))
            self.assertEqual(a.counts("contacts"), b.counts("contacts"))

    def test_rejects_by_label_never_dropped(self):
        f = frames()
        c = f["contacts"].iloc[:6].copy()
        c.index = ["a", "b", "c", "d", "e", "f"]
        c.loc["a", "person_id"] = "nobody"          # unknown person
        c.loc["b", "org_id"] = "XX9"                 # unknown organisation
        c.loc["c", "start_date"] = "2025-02-29"      # not a calendar date
        c.loc["d", "type"] = "teleport"              # not a contact type
        c.loc["e", "staff_minutes"] = "1.5"          # not a whole number
        f["contacts"] = c
        with Scorecard(self.fw) as sc:
            rejects = sc.feed_frames(**f)
            self.assertEqual(list(rejects["row"]), ["a", "b", "c", "d", "e"])
            self.assertEqual(list(rejects["position"]), [0, 1, 2, 3, 4])
            self.assertEqual(list(rejects["field"]),
                             ["person_id", "org_id", "start_date", "type", "staff_minutes"])
            self.assertEqual(list(rejects["reason"]),
                             ["unknown_person", "unknown_org", "out_of_range", "out_of_range",
                              "out_of_range"])
            counts = sc.counts("contacts")
            self.assertEqual(counts["read"] + len(rejects), len(c))
            self.assertEqual(counts["rejected"], 0)

    def test_library_rejects_reported(self):
        f = frames()
        people = f["people"]
        f["people"] = pd.concat([people, people.iloc[[3]]])   # a duplicate person
        with Scorecard(self.fw) as sc:
            rejects = sc.feed_frames(**f)
            self.assertEqual(list(rejects["frame"]), ["people"])
            self.assertEqual(list(rejects["position"]), [len(people)])
            self.assertEqual(list(rejects["reason"]), ["duplicate"])
            self.assertEqual(list(rejects["field"]), [""])
            self.assertEqual(sc.counts("people")["rejected"], 1)

    def test_dates(self):
        values, present, invalid = _parse_days(pd.Series(
            ["1970-01-01", "2024-02-29", "2025-02-29", "2025-1-01", "", None, "2000-12-31x",
             "1900-03-01"], dtype=object))
        self.assertEqual(list(present), [True, True, False, False, False, False, False, True])
        self.assertEqual(list(invalid), [False, False, True, True, False, False, True, False])
        self.assertEqual(values[0], 0)
        self.assertEqual(values[1], day("2024-02-29"))
        self.assertEqual(values[7], day("1900-03-01"))
        dt = pd.Series(pd.to_datetime(["2025-04-01", None]))
        values, present, _ = _parse_days(dt)
        self.assertEqual((values[0], list(present)), (day("2025-04-01"), [True, False]))

    def test_pack_strings(self):
        data, offsets = _pack_strings(["RA1", "", "Acute – Trust", "é"])
        self.assertEqual(data, "RA1Acute – Trusté".encode())
        self.assertEqual(list(offsets), [0, 3, 3, 3 + len("Acute – Trust".encode()),
                                         len(data)])

    def test_results_frame_matches_results(self):
        with Scorecard(self.fw, no_disclosure=True) as sc:
            sc.feed_frames(**frames())
            sc.finalize()
            df = sc.results_frame()
            rows = sc.results()
            self.assertEqual(len(df), len(rows))
            for col in ("measure", "unit", "period", "numerator", "denominator", "value",
                        "lower", "upper", "flags", "spc_point", "funnel"):
                want = np.array([r[col] for r in rows], dtype=float)
                np.testing.assert_array_equal(df[col].to_numpy(dtype=float), want)
            self.assertEqual(list(df["level"]), [r["level"] for r in rows])
            self.assertEqual(list(zip(df["stratum_dim_a"], df["stratum_a"], df["stratum_dim_b"],
                                      df["stratum_b"])), [r["stratum"] for r in rows])
            ids = [m.id for m in self.fw.measures]
            self.assertEqual(list(df["measure_id"]), [ids[r["measure"]] for r in rows])

    def test_pickle_and_partitions(self):
        import pickle
        f = frames()
        fw2 = pickle.loads(pickle.dumps(self.fw))   # through the canonical text
        self.assertEqual(fw2.hash, self.fw.hash)
        self.assertNotEqual(fw2.handle, self.fw.handle)
        with Scorecard(self.fw, no_disclosure=True) as probe:
            probe.register_frames(organisations=f["organisations"], people=f["people"],
                                  populations=f["populations"], contacts=f["contacts"])
            dicts = {k: probe.dictionary(k) for k in ("person", "org", "area")}
        self.assertEqual(dicts["org"], ["RA1", "LA2", "GP3"])
        self.assertEqual(dicts["person"], list(f["people"]["person_id"]))
        blobs = []
        for half in (0, 1):
            part = dict(f)
            for name in ("people", "contacts"):
                ids = part[name]["person_id"].str[1:].astype(int)
                part[name] = part[name][ids % 2 == half]
            with Scorecard(self.fw, no_disclosure=True) as sc:
                for k, strings in dicts.items():
                    self.assertEqual(sc.register_ids(k, strings), list(range(len(strings))))
                sc.feed_frames(**part)
                blobs.append(pickle.loads(pickle.dumps(sc)))   # through the blob
        with Scorecard(self.fw, no_disclosure=True) as single:
            single.feed_frames(**f)
            single.finalize()
            blobs[0].merge(blobs[1])
            blobs[0].finalize()
            self.assertEqual(blobs[0].write("json"), single.write("json"))


if __name__ == "__main__":
    unittest.main()
