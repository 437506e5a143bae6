"""Accumulator bindings. Expected values come from numpy and Python's own
arithmetic (fractions, statistics) on the same data, and from the golden
blobs of tests/data/accum (written by tests/accum/golden.py from
docs/formats.md)."""

import array
import ctypes
import gc
import math
import os
import pickle
import random
import statistics
import unittest

import numpy as np

from carealign import _lib
from carealign.accum import Accumulator, CarealignError, _doubles

GOLDEN = os.path.join(os.path.dirname(__file__), "..", "..", "..", "tests", "data", "accum")


class MirrorTest(unittest.TestCase):
    def test_struct_mirrors_have_c_sizes(self):
        # pinned in lib/accum/layout.c
        self.assertEqual(ctypes.sizeof(_lib.AccParams), 96)
        self.assertEqual(_lib.AccParams.context.offset, 64)
        self.assertEqual(ctypes.sizeof(_lib.AccSummary), 136)
        self.assertEqual(_lib.AccSummary.m2.offset, 128)


class LifecycleTest(unittest.TestCase):
    def test_context_manager_and_close(self):
        with Accumulator("mean", scale=1000) as acc:
            acc.add(0.5)
            self.assertFalse(acc.closed)
        self.assertTrue(acc.closed)
        with self.assertRaises(ValueError):
            acc.add(0.5)
        acc.close()  # idempotent
        self.assertEqual(repr(acc), "<Accumulator closed>")

    def test_del_frees_without_error(self):
        for _ in range(1000):
            Accumulator("distribution").add_batch(np.arange(50.0))
        gc.collect()

    def test_bad_parameters_raise(self):
        with self.assertRaises(CarealignError) as caught:
            Accumulator("mean", scale=3)
        self.assertEqual(caught.exception.status, _lib.EINVAL)
        self.assertIn("scale", caught.exception.message)
        with self.assertRaises(KeyError):
            Accumulator("median")
        with self.assertRaises(ValueError):
            Accumulator("mean", context=b"short")

    def test_params_round_trip(self):
        ctx = bytes(range(32))
        acc = Accumulator("change", scale=1000, mid=0.074, direction=-1, context=ctx)
        p = acc.params()
        self.assertEqual((p["kind"], p["scale"], p["direction"]), (_lib.ACC_CHANGE, 1000, -1))
        self.assertAlmostEqual(p["mid"], 0.074, places=15)
        self.assertEqual(p["context"], ctx)
        self.assertEqual(acc.kind, "change")
        dsr = Accumulator("dsr", standard=[1, 2, 3])
        self.assertEqual(dsr.params()["standard"], [1.0, 2.0, 3.0])
        self.assertEqual(dsr.params()["per"], 100000.0)
        self.assertEqual(acc.methods_version, _lib.lib.carealign_methods_version())


class BatchTest(unittest.TestCase):
    def test_float64_arrays_are_read_in_place(self):
        values = np.array([0.5, 0.25, 0.75])
        keep, address, n = _doubles(values)
        self.assertEqual(address, values.ctypes.data)  # no copy
        self.assertEqual(n, 3)
        buf = array.array("d", [1.0, 2.0])
        keep, address, n = _doubles(buf)
        self.assertEqual(address, buf.buffer_info()[0])
        strided = np.arange(10.0)[::2]
        keep, address, n = _doubles(strided)
        self.assertNotEqual(address, strided.ctypes.data)  # converted: not contiguous
        self.assertEqual(list(keep), [0.0, 2.0, 4.0, 6.0, 8.0])

    def test_batch_equals_single_adds_and_numpy(self):
        rng = np.random.default_rng(5)
        units = rng.integers(-594, 1001, size=5000)
        values = units / 1000.0
        values[rng.integers(0, 5000, size=40)] = np.nan
        batch = Accumulator("mean", scale=1000)
        batch.add_batch(values)
        one = Accumulator("mean", scale=1000)
        for v in values.tolist():
            one.add(v)
        self.assertEqual(batch.serialize(), one.serialize())
        kept = values[~np.isnan(values)]
        s = batch.summary()
        self.assertEqual(s["n"], kept.size)
        self.assertEqual(s["n_missing"], values.size - kept.size)
        self.assertEqual(s["total_units"], int(np.round(kept * 1000).astype(np.int64).sum()))
        self.assertAlmostEqual(s["mean"], float(np.mean(kept)), delta=1e-12)
        self.assertAlmostEqual(s["m2"], float(np.var(kept) * kept.size), delta=1e-9)
        self.assertEqual(s["min"], float(kept.min()))
        self.assertEqual(s["max"], float(kept.max()))

    def test_other_array_types(self):
        acc = Accumulator("mean")
        acc.add_batch([1, 2, 3])
        acc.add_batch(np.array([4, 5], dtype=np.int32))
        acc.add_batch(np.array([[6.0], [7.0]], dtype=np.float32))
        acc.add_batch(array.array("d", [8.0]))
        acc.add_batch(np.array([], dtype=np.float64))
        self.assertEqual(acc.summary()["total_units"], 36)
        acc.add_units(np.array([9, np.iinfo(np.int64).min], dtype=np.int64))
        s = acc.summary()
        self.assertEqual((s["n"], s["n_missing"], s["total_units"]), (9, 1, 45))

    def test_errors_name_the_index_and_add_nothing(self):
        acc = Accumulator("mean", scale=100)
        acc.add_batch([1.25, 2.5])
        before = acc.serialize()
        with self.assertRaises(CarealignError) as caught:
            acc.add_batch([1.0, 2.0, 3.001])
        self.assertEqual(caught.exception.status, _lib.EINVAL)
        self.assertIn("values[2]", caught.exception.message)
        self.assertNotIn("3.001", caught.exception.message)
        with self.assertRaises(CarealignError):
            acc.add_batch([1.0, 2.0], weights=[1.0, 0.5])
        with self.assertRaises(ValueError):
            acc.add_batch([1.0, 2.0], weights=[1.0])
        self.assertEqual(acc.serialize(), before)

    def test_weighted_mean_against_numpy(self):
        rng = np.random.default_rng(11)
        v = rng.integers(0, 2401, size=3000) / 100.0
        w = rng.uniform(0.2, 4.0, size=3000)
        acc = Accumulator("mean", scale=100, weighted=True)
        acc.add_batch(v, w)
        s = acc.summary()
        mean = np.average(v, weights=w)
        self.assertAlmostEqual(s["mean"], mean, delta=1e-12 * abs(mean))
        m2 = float(np.sum(w * (v - mean) ** 2))
        self.assertAlmostEqual(s["m2"], m2, delta=1e-9 * m2)
        kish = w.sum() ** 2 / np.sum(w ** 2)
        self.assertAlmostEqual(s["effective_n"], kish, delta=1e-10 * kish)

    def test_pairs_and_bands(self):
        change = Accumulator("change", scale=100, mid=3)
        change.add_pairs(np.array([20.5, 23.21, 27.03]), np.array([24.17, 23.21, 22.35]))
        s = change.summary()
        self.assertEqual((s["n_improved"], s["n_unchanged"], s["n_deteriorated"]), (1, 1, 1))
        dsr = Accumulator("dsr")
        dsr.add_bands(np.array([0, 5, 18], dtype=np.int32), [1, 2, 3])
        dsr.add_bands([1], [4])
        self.assertEqual(dsr.summary()["total_units"], 10)
        with self.assertRaises(CarealignError) as caught:
            dsr.add_bands([3, 19], [1, 1])
        self.assertIn("bands[1]", caught.exception.message)

    def test_quantiles_against_numpy(self):
        rng = np.random.default_rng(3)
        days = rng.integers(0, 90, size=2001).astype(np.float64)
        acc = Accumulator("distribution")
        acc.add_batch(days)
        for p in (0, 0.1, 0.25, 0.5, 0.75, 0.9, 0.999, 1):
            self.assertAlmostEqual(acc.quantile(p), float(np.quantile(days, p)), delta=1e-12)
        self.assertEqual(acc.median(), statistics.median(days.tolist()))


class MergeTest(unittest.TestCase):
    def test_random_parts_merge_to_the_single_pass(self):
        rng = random.Random(7)
        values = [rng.randint(0, 24) for _ in range(2000)]
        whole = Accumulator("distribution")
        whole.add_batch(values)
        parts = [Accumulator("distribution") for _ in range(5)]
        for v in values:
            parts[rng.randrange(5)].add(v)
        rng.shuffle(parts)
        total = parts[0]
        for p in parts[1:]:
            total += pickle.loads(pickle.dumps(p))
        self.assertEqual(total, whole)

    def test_merging_different_accumulators_is_einval(self):
        a = Accumulator("mean", scale=1000)
        for other in (Accumulator("mean", scale=100), Accumulator("distribution"),
                      Accumulator("mean", scale=1000, context=b"\x01" * 32)):
            with self.assertRaises(CarealignError) as caught:
                a.merge(other)
            self.assertEqual(caught.exception.status, _lib.EINVAL)

    def test_copy_and_reset(self):
        a = Accumulator("proportion")
        a.add_batch([1, 0, 1])
        b = a.copy()
        a.reset()
        self.assertEqual(a.summary()["n"], 0)
        self.assertEqual(b.summary()["numerator"], 2)


class FinalizeTest(unittest.TestCase):
    def test_estimate_fields(self):
        # statsmodels: proportion_confint(81, 263, method="wilson") = (0.2553, 0.3662)
        acc = Accumulator("proportion")
        acc.add_batch([1.0] * 81 + [0.0] * 182)
        e = acc.finalize(0.95)
        self.assertAlmostEqual(e.value, 81 / 263, places=15)
        self.assertAlmostEqual(e.lower, 0.2553, places=4)
        self.assertAlmostEqual(e.upper, 0.3662, places=4)
        self.assertEqual(e.method, 1)  # CAREALIGN_METHOD_WILSON
        self.assertEqual(e.n, 263)

    def test_too_few_is_nan_not_an_error(self):
        e = Accumulator("mean").finalize()
        self.assertTrue(math.isnan(e.value))
        self.assertTrue(e.flags & 1)  # CAREALIGN_EST_TOO_FEW

    def test_unset_population_and_bad_confidence_raise(self):
        acc = Accumulator("rate", denominator_set=True)
        acc.add(3)
        with self.assertRaises(CarealignError) as caught:
            acc.finalize()
        self.assertEqual(caught.exception.status, _lib.ESTATE)
        acc.set_denominator(1000)
        with self.assertRaises(CarealignError) as caught:
            acc.finalize(95)
        self.assertEqual(caught.exception.status, _lib.EINVAL)


class BlobTest(unittest.TestCase):
    def test_golden_blobs_round_trip(self):
        names = sorted(f for f in os.listdir(GOLDEN) if f.endswith(".bin"))
        self.assertGreaterEqual(len(names), 13)
        for name in names:
            with open(os.path.join(GOLDEN, name), "rb") as f:
                blob = f.read()
            acc = Accumulator.deserialize(blob)
            self.assertEqual(acc.serialize(), blob, name)
            self.assertEqual(bytes(pickle.loads(pickle.dumps(acc))), blob, name)

    def test_damaged_and_newer_blobs(self):
        with open(os.path.join(GOLDEN, "mean_eq5d.bin"), "rb") as f:
            blob = f.read()
        for bad in (blob[:-1], blob + b"\0", bytes([blob[0] ^ 1]) + blob[1:], b""):
            with self.assertRaises(CarealignError) as caught:
                Accumulator.deserialize(bad)
            self.assertEqual(caught.exception.status, _lib.ECORRUPT)
        import crcmod.predefined
        crc = crcmod.predefined.mkCrcFun("crc-32c")
        newer = bytearray(blob[:-4])
        newer[4] = 2
        newer += crc(bytes(newer)).to_bytes(4, "little")
        with self.assertRaises(CarealignError) as caught:
            Accumulator.deserialize(bytes(newer))
        self.assertEqual(caught.exception.status, _lib.EUNSUPPORTED)

    def test_serialize_is_compact(self):
        acc = Accumulator("mean", scale=1000, context=bytes(32 * [7]))
        acc.add_batch(np.linspace(-0.5, 1.0, 1501))
        self.assertLessEqual(len(acc.serialize()), 96)
        self.assertTrue(math.isfinite(acc.summary()["mean"]))


if __name__ == "__main__":
    unittest.main()
