"""The package as a whole (issue 10): zero-copy numpy paths proved by the
pointers C receives, named-tuple results, pickling, handle lifetimes
(context managers and the garbage collector), the pandas helpers and
``python -m carealign``. Expected scores are the published ones also used
in test_instruments.py: Dolan 1997 (EQ-5D-3L UK TTO 12321 = 0.329,
33333 = -0.594, 11111 = 1), Devlin et al. 2018 (EQ-5D-5L England 55555 =
-0.285); the Wilson interval for 81/263 at 95% is Newcombe 1998's worked
example (0.2553 to 0.3662); the PHE funnel limits come from test_stats_a."""

import ctypes
import dataclasses
import gc
import math
import os
import pathlib
import pickle
import subprocess
import sys
import unittest

import numpy as np
import pandas as pd

import carealign
from carealign import _lib
from carealign import accum, framework, instruments, journey, stats

ROOT = pathlib.Path(__file__).resolve().parents[3]
ENGLAND = ROOT / "examples" / "frameworks" / "england-integrated-care.json"


class Spy:
    """Wraps one bound C function of ``_lib.lib`` and records its arguments."""

    def __init__(self, name):
        self.name = name
        self.calls = []

    def __enter__(self):
        self.func = getattr(_lib.lib, self.name)

        def spy(*args):
            self.calls.append(args)
            return self.func(*args)

        setattr(_lib.lib, self.name, spy)
        return self

    def __exit__(self, *exc):
        setattr(_lib.lib, self.name, self.func)


def address(arg):
    """The address a ctypes argument carries."""
    if arg is None or isinstance(arg, int):
        return arg
    return ctypes.cast(arg, ctypes.c_void_p).value


class ZeroCopyTest(unittest.TestCase):
    def test_score_batch_passes_numpy_buffers_to_c(self):
        items = np.array([[1, 2, 3, 2, 1], [3, 3, 3, 3, 3], [1, 1, 1, 1, 1]], dtype=np.int32)
        scores = np.zeros(3)
        status = np.zeros(3, dtype=np.int32)
        with Spy("carealign_score_batch") as spy:
            result = instruments.score_batch("eq5d3l", items, "uk-tto-1997", scores=scores,
                                             status=status)
        (args,) = spy.calls
        self.assertEqual(address(args[2]), items.ctypes.data)
        self.assertEqual(address(args[5]), scores.ctypes.data)
        self.assertEqual(address(args[6]), status.ctypes.data)
        self.assertIs(result.scores, scores)
        self.assertTrue(np.shares_memory(result.scores, scores))
        self.assertEqual(list(scores), [0.329, -0.594, 1.0])
        self.assertEqual(result.n_scored, 3)

    def test_score_batch_outputs_allocated_once_and_filled_in_place(self):
        items = np.ones((4, 5), dtype=np.int32)
        with Spy("carealign_score_batch") as spy:
            result = instruments.score_batch("eq5d3l", items)
        (args,) = spy.calls
        self.assertEqual(address(args[5]), result.scores.ctypes.data)
        self.assertEqual(address(args[6]), result.status.ctypes.data)

    def test_read_only_numpy_items_are_not_copied(self):
        items = np.full((2, 5), 5, dtype=np.int32)
        items.flags.writeable = False
        with Spy("carealign_score_batch") as spy:
            result = instruments.score_batch("eq5d5l", items, "england-2018")
        self.assertEqual(address(spy.calls[0][2]), items.ctypes.data)
        self.assertEqual(list(result.scores), [-0.285, -0.285])

    def test_list_rows_score_as_numpy_rows(self):
        rows = [[1, 2, 3, 2, 1], [None, 1, 1, 1, 1], [1, 1, 1, 1, 4]]
        from_lists = instruments.score_batch("eq5d3l", rows)
        self.assertIsInstance(from_lists.scores, list)
        self.assertEqual(from_lists.scores[0], 0.329)
        self.assertTrue(math.isnan(from_lists.scores[1]))
        self.assertEqual(from_lists.status, [0, _lib.EMISSING, _lib.EINVAL])

    def test_accumulator_reads_numpy_and_series_in_place(self):
        values = np.array([0.5, 0.25, 1.0])
        with Spy("carealign_acc_add_batch") as spy, accum.Accumulator("mean", scale=1000) as acc:
            acc.add_batch(values)
            acc.add_batch(pd.Series(values))
        self.assertEqual(address(spy.calls[0][1]), values.ctypes.data)
        self.assertEqual(address(spy.calls[1][1]), values.ctypes.data)


class RegistryTest(unittest.TestCase):
    def test_registry_entries_are_frozen_dataclasses(self):
        entries = instruments.registry()
        self.assertIn("eq5d3l", [i.name for i in entries])
        eq = instruments.instrument("eq5d3l")
        self.assertTrue(dataclasses.is_dataclass(eq))
        self.assertEqual([it.code for it in eq.items], ["MO", "SC", "UA", "PD", "AD"])
        self.assertEqual(eq.default_valueset.name, "uk-tto-1997")
        with self.assertRaises(dataclasses.FrozenInstanceError):
            eq.name = "x"
        self.assertEqual(dataclasses.asdict(eq)["items"][0]["max_level"], 3)
        self.assertEqual(pickle.loads(pickle.dumps(eq)), eq)


class NamedTupleTest(unittest.TestCase):
    def test_estimates_are_named_tuples(self):
        e = stats.proportion_wilson(81, 263)
        self.assertIsInstance(e, tuple)
        self.assertEqual(e._fields, ("value", "lower", "upper", "n", "method", "flags"))
        value, lower, upper, n, method, flags = e
        self.assertAlmostEqual(lower, 0.2553, places=4)  # Newcombe 1998
        self.assertAlmostEqual(upper, 0.3662, places=4)
        self.assertEqual((n, method, flags), (263, stats.METHOD_WILSON, 0))
        self.assertEqual(pickle.loads(pickle.dumps(e)), e)
        self.assertEqual(e._asdict()["value"], 81 / 263)
        self.assertTrue(e.computable)

    def test_not_computable_is_nan_and_flagged(self):
        e = stats.dsr([0] * 18 + [5], [1000] * 19)  # under 10 events: PHE gives none
        self.assertFalse(e.computable)
        self.assertTrue(e.flags & stats.EST_TOO_FEW)

    def test_funnel_and_overdispersion_tuples(self):
        limits = stats.funnel_ratio_limits(1, stats.FUNNEL_RATIO_COUNT)
        self.assertIsInstance(limits, stats.FunnelLimits)
        self.assertEqual(limits.x, 1)
        od = stats.funnel_overdispersion([100, 150, 180, 80, 120, 225],
                                         [1000, 1100, 1050, 950, 1200, 1100])
        self.assertIsInstance(od, stats.OverdispersionFit)
        self.assertEqual(stats.overdispersion_limits(od, 15),
                         stats.overdispersion_limits(pickle.loads(pickle.dumps(od)), 15))

    def test_section_b_results_are_named_tuples(self):
        # ICER = (1500 - 1000) / (1.5 - 1.0) = 1000 pence per QALY, north-east quadrant
        icer = stats.icer(1500, 1.5, 1000, 1.0)
        self.assertIsInstance(icer, tuple)
        self.assertEqual(icer, (1000.0, 0.5, 500, "north_east"))
        self.assertEqual(pickle.loads(pickle.dumps(icer)), icer)
        counts = stats.change_classify([10, 10, 10], [15, 10, 4], better="higher", mid=5)
        self.assertEqual((counts.improved, counts.unchanged, counts.deteriorated), (1, 1, 1))
        self.assertEqual(counts.classes, [1, 0, -1])
        chart = stats.spc_xmr([float(v) for v in range(1, 21)])
        self.assertIsInstance(chart, tuple)
        self.assertIsInstance(chart.points[0], stats.SpcPoint)
        self.assertEqual(chart._asdict()["n_points"], 20)

    def test_accumulator_finalize_is_an_estimate_result(self):
        with accum.Accumulator("proportion") as acc:
            acc.add_batch([1.0] * 81 + [0.0] * 182)
            self.assertEqual(acc.finalize(), stats.proportion_wilson(81, 263))


class LifetimeTest(unittest.TestCase):
    def count_frees(self, name, make):
        with Spy(name) as spy:
            make()
            gc.collect()
        return len(spy.calls)

    def test_garbage_collector_frees_every_handle(self):
        def acc():
            a = accum.Accumulator("mean")
            a.add(1.0)

        def jour():
            j = journey.Journey()
            j.add(org=1, sector=journey.SECTOR_PRIMARY_CARE, type=journey.GP_APPOINTMENT,
                  start_day=1)

        def fw():
            framework.Framework.load_file(ENGLAND).hash_hex  # noqa: B018

        self.assertEqual(self.count_frees("carealign_acc_free", acc), 1)
        self.assertEqual(self.count_frees("carealign_journey_free", jour), 1)
        self.assertEqual(self.count_frees("carealign_framework_free", fw), 1)

    def test_context_managers_free_once_and_refuse_later_use(self):
        with Spy("carealign_journey_free") as spy:
            with journey.Journey() as j:
                self.assertFalse(j.closed)
            self.assertTrue(j.closed)
            j.close()
            del j
            gc.collect()
        self.assertEqual(len(spy.calls), 1)
        with self.assertRaises(ValueError):
            j2 = journey.Journey()
            j2.close()
            j2.compute()
        with accum.Accumulator("total", unit="pence") as a:
            pass
        with self.assertRaises(ValueError):
            a.add(1.0)
        with framework.Framework.load_file(ENGLAND) as fw:
            digest = fw.hash
        with self.assertRaises(ValueError):
            fw.hash  # noqa: B018
        self.assertEqual(len(digest), 32)

    def test_accumulator_pickles_through_its_blob(self):
        with accum.Accumulator("mean", scale=1000) as a:
            a.add_batch(np.array([0.5, 0.25, 1.0]))
            copy = pickle.loads(pickle.dumps(a))
            self.assertEqual(copy.serialize(), a.serialize())
            self.assertEqual(a.__reduce__()[0], accum.Accumulator.deserialize)
            copy.close()


class FrameworkTest(unittest.TestCase):
    def test_load_validate_hash_fhir(self):
        data = ENGLAND.read_bytes()
        digest = framework.validate(data, "england-integrated-care.json")
        with framework.load(data) as fw:
            self.assertEqual(fw.hash, digest)
            self.assertEqual(carealign.sha256(fw.canonical()), digest)
            bundle = fw.to_fhir()
        self.assertIn('"resourceType":"Bundle"', bundle.replace(" ", ""))
        with self.assertRaises(carealign.CarealignError) as caught:
            framework.validate(b'{"format": "carealign-framework/1"', "broken.json")
        self.assertIn("broken.json", str(caught.exception))


class PandasTest(unittest.TestCase):
    def test_score_frame_finds_item_columns_and_keeps_the_index(self):
        df = pd.DataFrame({"id": ["a", "b", "c", "d", "e"],
                           "mo": [1, 3, 1, 1, 1], "SC": [2, 3, 1, 1, 1],
                           "ua": [3, 3, None, 1, 1], "PD": [2, 3, 1, 9, 1],
                           "ad": [1, 3, 1, 1, 2.5]}, index=[10, 11, 12, 13, 14])
        out = instruments.score_frame(df, "eq5d3l")
        self.assertEqual(list(out.index), [10, 11, 12, 13, 14])
        self.assertEqual(list(out["score"][:2]), [0.329, -0.594])
        self.assertTrue(out["score"][12:].isna().all())
        self.assertEqual(list(out["status"]),
                         [0, 0, _lib.EMISSING, _lib.EINVAL, _lib.EINVAL])
        named = instruments.score_frame(df, "eq5d3l", status_names=True)
        self.assertEqual(list(named["status"]), ["OK", "OK", "EMISSING", "EINVAL", "EINVAL"])

    def test_score_frame_text_and_nullable_columns(self):
        df = pd.DataFrame({"MO": ["1", "", "x"], "SC": pd.array([2, 1, 1], dtype="Int64"),
                           "UA": [3, 1, 1], "PD": [2, 1, 1], "AD": [1, 1, 1]})
        out = instruments.score_frame(df, "eq5d3l")
        self.assertEqual(out["score"][0], 0.329)
        self.assertEqual(list(out["status"]), [0, _lib.EMISSING, _lib.EINVAL])
        with self.assertRaises(KeyError):
            instruments.score_frame(df.drop(columns="AD"), "eq5d3l")
        with self.assertRaises(TypeError):
            instruments.score_batch("eq5d3l", df)

    def test_score_frame_equals_score_batch(self):
        rng = np.random.default_rng(7)
        items = rng.integers(1, 6, size=(1000, 5), dtype=np.int32)
        df = pd.DataFrame(items, columns=["MO", "SC", "UA", "PD", "AD"])
        out = instruments.score_frame(df, "eq5d5l", "england-2018")
        want = instruments.score_batch("eq5d5l", items, "england-2018")
        self.assertEqual(out["score"].to_numpy().tobytes(), want.scores.tobytes())

    def test_journey_batch_frame_equals_batch(self):
        rng = np.random.default_rng(3)
        n = 300
        df = pd.DataFrame({
            "person": rng.integers(0, 20, n, dtype=np.int32),
            "org": rng.integers(0, 5, n, dtype=np.int32),
            "sector": rng.integers(1, 8, n, dtype=np.int32),
            "type": rng.integers(1, 16, n, dtype=np.int32),
            "start_day": rng.integers(0, 300, n, dtype=np.int32),
            "professional": pd.array(np.where(rng.random(n) < 0.5, rng.integers(0, 9, n),
                                              -1), dtype="Int32"),
        })
        df.loc[df["professional"] == -1, "professional"] = pd.NA
        opts = journey.options(period=(0, 250))
        frame = journey.batch_frame(df, 20, opts=opts)
        prof = df["professional"].fillna(_lib.NA_I32).to_numpy(dtype=np.int32)
        raw = journey.batch(df["person"].to_numpy(), df["org"].to_numpy(),
                            df["sector"].to_numpy(), df["type"].to_numpy(),
                            df["start_day"].to_numpy(), 20, opts=opts, professional=prof)
        self.assertEqual(len(frame), 20)
        self.assertEqual(list(frame["n_contacts"]), list(raw["n_contacts"]))
        np.testing.assert_array_equal(frame["prof_coc"].to_numpy(), raw["prof_coc"])
        self.assertEqual(list(frame["followup_days_0"]), list(raw["followup_days"][:, 0]))
        names = [n for n in raw.dtype.names if n not in ("size", "reserved")]
        self.assertEqual([c for c in frame.columns if not c[-2:] in ("_1", "_2", "_3")],
                         [n + "_0" if raw[n].ndim == 2 else n for n in names])
        fast = journey.results_frame(raw, ordered=False)
        self.assertEqual(sorted(fast.columns), sorted(frame.columns))
        for column in frame.columns:
            np.testing.assert_array_equal(fast[column].to_numpy(), frame[column].to_numpy())
            self.assertEqual(fast[column].dtype, frame[column].dtype)


WITHOUT_NUMPY = """
import array, sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("numpy", "pandas"):
            raise ImportError("blocked: " + name)
sys.meta_path.insert(0, Block())
import carealign
from carealign import accum, framework, instruments, journey, stats
lists = instruments.score_batch("eq5d3l", [[1, 2, 3, 2, 1], [3, 3, 3, 3, 3]])
buf = instruments.score_batch("eq5d3l", array.array("i", [1, 2, 3, 2, 1, 3, 3, 3, 3, 3]))
with accum.Accumulator("mean", scale=1000) as acc:
    acc.add_batch(array.array("d", [0.5, 0.25]))
    mean = acc.finalize().value
print(lists.scores, list(buf.scores), type(buf.scores).__name__, mean)
"""


class OptionalImportsTest(unittest.TestCase):
    def test_the_package_works_without_numpy_and_pandas(self):
        done = subprocess.run([sys.executable, "-c", WITHOUT_NUMPY], capture_output=True,
                              text=True, timeout=120, env=os.environ)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.split("]")[0], "[0.329, -0.594")
        self.assertIn("array 0.375", done.stdout)


class CommandTest(unittest.TestCase):
    def run_module(self, *args, data=b""):
        return subprocess.run([sys.executable, "-m", "carealign", *args], input=data,
                              capture_output=True, timeout=120, env=os.environ)

    def test_score_from_stdin(self):
        done = self.run_module("score", "eq5d3l", data=b"MO,SC,UA,PD,AD\n1,2,3,2,1\n")
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout, b"MO,SC,UA,PD,AD,score,status\n1,2,3,2,1,0.329,OK\n")

    def test_version_help_and_usage_errors(self):
        done = self.run_module("--version")
        self.assertEqual(done.stdout.decode().split()[1], carealign.version_string())
        self.assertEqual(self.run_module("help").returncode, 0)
        self.assertEqual(self.run_module().returncode, 2)
        self.assertEqual(self.run_module("frob").returncode, 2)
        self.assertEqual(self.run_module("score", "nope").returncode, 2)


if __name__ == "__main__":
    unittest.main()
