"""Journey bindings. Expected continuity values are worked by hand from the
published formulas (Bice & Boxerman 1977; Breslau & Reeb 1975; Steinwachs
1979; Magill & Senf 1987), as in tests/journey/test_journey.c; the struct
mirrors are checked against the offsets pinned in lib/journey/layout.c."""

import ctypes
import math
import os
import re
import unittest

import numpy as np

import carealign
from carealign import _lib
from carealign import journey as J

LAYOUT = os.path.join(os.path.dirname(__file__), "..", "..", "..", "lib", "journey", "layout.c")

MIRRORS = {
    "carealign_contact": _lib.Contact, "carealign_person": _lib.Person,
    "carealign_journey_options": _lib.JourneyOptions,
    "carealign_journey_result": _lib.JourneyResult, "carealign_discharge": _lib.Discharge,
    "carealign_contact_columns": _lib.ContactColumns,
    "carealign_person_columns": _lib.PersonColumns,
}


class MirrorTest(unittest.TestCase):
    def test_sizes_and_offsets_match_the_c_pins(self):
        text = open(LAYOUT).read()
        sizes = dict((n, int(s)) for n, s in re.findall(r"CAREALIGN__SIZE\((\w+), (\d+)\)", text))
        pins = re.findall(r"CAREALIGN__PIN\((\w+), (\w+), (\d+)\)", text)
        self.assertEqual(set(sizes), set(MIRRORS))
        for name, mirror in MIRRORS.items():
            self.assertEqual(ctypes.sizeof(mirror), sizes[name], name)
        for struct, field, offset in pins:
            self.assertEqual(getattr(MIRRORS[struct], field).offset, int(offset),
                             f"{struct}.{field}")
        self.assertEqual(len(pins), sum(len(m._fields_) for m in MIRRORS.values()))

    def test_init_functions_accept_the_mirror_size(self):
        for name, mirror in MIRRORS.items():
            s = mirror()
            getattr(_lib.lib, name + "_init")(ctypes.byref(s), ctypes.sizeof(s))
            self.assertEqual(s.size, ctypes.sizeof(s))
            # journey_options grew after its first release (192 bytes), which stays its minimum
            smallest = 192 if name == "carealign_journey_options" else ctypes.sizeof(s)
            with self.assertRaises(carealign.CarealignError):
                getattr(_lib.lib, name + "_init")(ctypes.byref(s), smallest - 8)

    def test_numpy_dtype_mirrors_the_result(self):
        dt = J.result_dtype()
        self.assertEqual(dt.itemsize, ctypes.sizeof(_lib.JourneyResult))
        self.assertEqual(dt.fields["cost_pence"][1], _lib.JourneyResult.cost_pence.offset)


class BuilderTest(unittest.TestCase):
    def test_worked_example_aabc(self):
        # A A B C: COC (4+1+1-4)/(4*3) = 1/6; UPC 2/4; SECON 1/3;
        # MMCI (1-3/4.1)/(1-1/4.1) = 1.1/3.1; fragmentation 1 - 6/16.
        with J.Journey() as j:
            for org, day in ((1, 100), (1, 101), (2, 102), (3, 103)):
                j.add(org=org, sector=J.SECTOR_PRIMARY_CARE, type=J.GP_APPOINTMENT,
                      start_day=day)
            r = j.compute()
        self.assertAlmostEqual(r["coc"], 1 / 6, places=14)
        self.assertAlmostEqual(r["upc"], 0.5, places=14)
        self.assertAlmostEqual(r["secon"], 1 / 3, places=14)
        self.assertAlmostEqual(r["mmci"], 1.1 / 3.1, places=14)
        self.assertAlmostEqual(r["fragmentation"], 10 / 16, places=14)
        self.assertEqual(r["n_handoffs"], 2)
        self.assertTrue(math.isnan(r["prof_coc"]))
        self.assertTrue(r["flags"] & J.JR_PROF_CONTINUITY_NA)

    def test_rejected_contact_raises_and_others_count(self):
        with J.Journey() as j:
            j.add(org=1, sector=4, type=J.GP_APPOINTMENT, start_day=10)
            with self.assertRaises(carealign.CarealignError) as caught:
                j.add(org=1, sector=4, type=J.GP_APPOINTMENT, start_day=10, end_day=9)
            self.assertEqual(caught.exception.status, _lib.EINVAL)
            j.add(org=1, sector=4, type=J.GP_APPOINTMENT, start_day=11)
            r = j.compute()
        self.assertEqual(r["n_rejected"], 1)
        self.assertEqual(r["n_contacts"], 2)
        self.assertEqual(r["coc"], 1.0)

    def test_too_few_is_nan_not_zero(self):
        with J.Journey() as j:
            j.add(org=1, sector=4, type=J.GP_APPOINTMENT, start_day=10)
            r = j.compute(J.options(min_contacts=3))
        self.assertTrue(math.isnan(r["coc"]))
        self.assertEqual(r["min_contacts_used"], 3)
        self.assertTrue(r["flags"] & J.JR_CONTINUITY_NA)

    def test_discharge_detail_and_followup(self):
        # discharged day 105, GP on 108: 3 days, within 3 and 7.
        with J.Journey() as j:
            j.add(org=1, sector=J.SECTOR_NHS_ACUTE, type=J.ADMISSION, start_day=100,
                  end_day=105, discharge_ready_day=101)
            j.add(org=2, sector=4, type=J.GP_APPOINTMENT, start_day=108)
            r = j.compute()
            ds = j.discharges()
        self.assertEqual(r["n_discharges"], 1)
        self.assertEqual(r["n_followup_within"][:2], [1, 1])
        self.assertEqual(r["delay_days_total"], 4)
        self.assertEqual(ds[0]["days_to_followup"], 3)
        self.assertEqual(ds[0]["day"], 105)

    def test_ascof_2d_parameter_set(self):
        d = carealign.date_from_ymd
        opts = J.options(
            period=(d(2024, 4, 1), d(2025, 3, 31)), reablement_followup_days=84,
            reablement_before=7, reablement_after=3, reablement_cluster_gap=7,
            reablement_min_age=65, has=J.JOPT_HAS_REABLEMENT_MIN_AGE | J.JOPT_HAS_PERIOD,
            flags=(J.JOPT_AGE_DAYS_365_25 | J.JOPT_REABLE_EXCLUDE_ZERO_LOS
                   | J.JOPT_REABLE_READMIT_EXCLUDE_ZERO_LOS
                   | J.JOPT_REABLE_EXCLUDE_DIED_IN_HOSPITAL | J.JOPT_REABLE_EXCLUDE_LTS),
            reablement_excluded_methods=[31, 32, 82, 83],
            reablement_excluded_destinations=[49, 50, 51, 52, 79, 87, 88])
        with J.Journey() as j:
            j.set_person(birth_year=1950, birth_month=1)
            j.add(org=1, sector=1, type=J.EMERGENCY_ADMISSION, start_day=d(2024, 6, 1),
                  end_day=d(2024, 6, 10), admission_method=21, discharge_destination=19)
            j.add(org=2, sector=5, type=J.REABLEMENT_START, start_day=d(2024, 6, 12))
            r = j.compute(opts)
            self.assertEqual((r["n_reablement_denominator"], r["n_reablement_numerator"]), (1, 1))
            # an emergency readmission 30 days after discharge: not remained at home
            j.add(org=1, sector=1, type=J.EMERGENCY_ADMISSION, start_day=d(2024, 7, 10),
                  end_day=d(2024, 7, 12))
            r = j.compute(opts)
            self.assertEqual((r["n_reablement_denominator"], r["n_reablement_numerator"]), (1, 0))


def _table(seed, n_rows, n_people):
    rng = np.random.default_rng(seed)
    return dict(
        person=rng.integers(0, n_people, n_rows, dtype=np.int32),
        org=rng.integers(0, 5, n_rows, dtype=np.int32),
        sector=rng.integers(1, 8, n_rows, dtype=np.int32),
        type=rng.integers(1, 16, n_rows, dtype=np.int32),
        start_day=rng.integers(0, 300, n_rows, dtype=np.int32),
        professional=np.where(rng.random(n_rows) < 0.5,
                              rng.integers(0, 9, n_rows), _lib.NA_I32).astype(np.int32),
        activity=rng.integers(1, 4, n_rows, dtype=np.int64),
    )


class BatchTest(unittest.TestCase):
    def test_batch_equals_builder(self):
        t = _table(1, 500, 40)
        opts = J.options(period=(0, 250))
        out = J.batch(t["person"], t["org"], t["sector"], t["type"], t["start_day"], 40,
                      opts=opts, professional=t["professional"], activity=t["activity"])
        self.assertEqual(out.shape, (40,))
        with J.Journey() as j:
            for p in range(40):
                j.reset()
                j.set_person(person=p)
                for i in np.nonzero(t["person"] == p)[0]:
                    prof = int(t["professional"][i])
                    j.add(org=int(t["org"][i]), sector=int(t["sector"][i]),
                          type=int(t["type"][i]), start_day=int(t["start_day"][i]),
                          professional=None if prof == _lib.NA_I32 else prof,
                          activity=int(t["activity"][i]))
                want = bytes(j.compute_struct(opts))
                self.assertEqual(out[p].tobytes(), want, f"person {p}")

    def test_sorted_flag_and_rejections(self):
        t = _table(2, 200, 10)
        t["person"][5] = 99  # out of range: rejected, the rest count
        order = np.argsort(t["person"], kind="stable")
        s = {k: v[order] for k, v in t.items()}
        plain = J.batch(t["person"], t["org"], t["sector"], t["type"], t["start_day"], 10)
        srt, status, rejected = J.batch(
            s["person"], s["org"], s["sector"], s["type"], s["start_day"], 10,
            opts=J.options(flags=J.JOPT_INPUT_SORTED), return_status=True)
        self.assertEqual(rejected, 1)
        self.assertEqual(int((status != 0).sum()), 1)
        self.assertEqual(plain.tobytes(), srt.tobytes())
        with self.assertRaises(carealign.CarealignError) as caught:
            J.batch(t["person"], t["org"], t["sector"], t["type"], t["start_day"], 10,
                    opts=J.options(flags=J.JOPT_INPUT_SORTED))
        self.assertEqual(caught.exception.status, _lib.EINVAL)

    def test_columns_are_not_copied(self):
        # a contiguous int32 column passes by pointer: the C side sees the
        # same memory (checked by its address in the descriptor)
        col = np.arange(4, dtype=np.int32)
        keep = []
        ptr = J._column(np, col, np.int32, 4, keep)
        self.assertEqual(ctypes.cast(ptr, ctypes.c_void_p).value, col.ctypes.data)

    def test_people_columns(self):
        out = J.batch([0, 0, 1], [1, 2, 1], [4, 4, 4], [6, 6, 6], [5, 6, 7], 2,
                      opts=J.options(period=(0, 9)),
                      people={"person": [1, 0], "death_day": [3, _lib.NA_I32]})
        self.assertEqual(list(out["days_alive"]), [10, 3])
        self.assertEqual(list(out["n_contacts"]), [2, 1])


if __name__ == "__main__":
    unittest.main()
