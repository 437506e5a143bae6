"""Instrument bindings. Expected values are typed from the published
sources (as in tests/instruments/): Dolan 1997 (EQ-5D-3L UK TTO: 12321 =
0.329, 33333 = -0.594), Devlin et al. 2018 (EQ-5D-5L England, 55555 =
-0.285), Rowen et al. 2026 (EQ-5D-5L UK, 55555 = -0.567), the SWEMWBS Rasch
conversion table (Stewart-Brown et al. 2009), Coast et al. 2008 (ICECAP-O
anchors 0 and 1), NHS England's FFT (1 very good .. 6 don't know) and
Kiresuk and Sherman 1968 (GAS worked example T = 55)."""

import array
import ctypes
import itertools
import math
import unittest

import numpy as np

import carealign
from carealign import _lib
from carealign import instruments as ins

# Devlin et al. 2018, decrements in thousandths for levels 2..5 (MO SC UA PD AD)
ENGLAND_2018 = np.array([[0, 58, 76, 207, 274], [0, 50, 80, 164, 203], [0, 50, 63, 162, 184],
                         [0, 63, 84, 276, 335], [0, 78, 104, 285, 289]])


class MirrorTest(unittest.TestCase):
    @unittest.skipUnless(ctypes.sizeof(ctypes.c_void_p) == 8, "layouts pinned on 64-bit")
    def test_struct_mirrors_match_c(self):
        # the same numbers as lib/instruments/layout.c pins
        self.assertEqual(ctypes.sizeof(_lib.ItemInfo), 32)
        self.assertEqual(_lib.ItemInfo.best_level.offset, 24)
        self.assertEqual(ctypes.sizeof(_lib.ValuesetInfo), 48)
        self.assertEqual(_lib.ValuesetInfo.decimals.offset, 40)
        self.assertEqual(ctypes.sizeof(_lib.InstrumentInfo), 56)
        self.assertEqual(_lib.InstrumentInfo.n_valuesets.offset, 48)

    def test_sizes_reported_by_the_library(self):
        info = _lib.lib.carealign_instrument_get(0).contents
        self.assertEqual(info.size, ctypes.sizeof(_lib.InstrumentInfo))
        item = _lib.lib.carealign_instrument_item(_lib.lib.carealign_instrument_get(0), 0)
        self.assertEqual(item.contents.size, ctypes.sizeof(_lib.ItemInfo))
        vs = _lib.lib.carealign_instrument_valueset(_lib.lib.carealign_instrument_get(0), 0)
        self.assertEqual(vs.contents.size, ctypes.sizeof(_lib.ValuesetInfo))


class RegistryTest(unittest.TestCase):
    def test_names_and_value_sets(self):
        names = {i.name: [v.name for v in i.valuesets] for i in ins.registry()}
        self.assertEqual(names, {
            "eq5d3l": ["uk-tto-1997"], "eq5d5l": ["uk-2026", "england-2018"],
            "ascot_sct4": ["raw"], "swemwbs": ["metric", "raw"], "wemwbs": ["raw"],
            "icecap_o": ["coast-2008"], "fft": ["positive"], "barthel": ["20", "100"],
        })

    def test_items(self):
        eq = ins.instrument("eq5d5l")
        self.assertEqual([i.code for i in eq.items], ["MO", "SC", "UA", "PD", "AD"])
        self.assertTrue(all((i.min_level, i.max_level, i.best_level) == (1, 5, 1)
                            for i in eq.items))
        self.assertEqual([i.code for i in ins.instrument("swemwbs").items],
                         ["W1", "W2", "W3", "W6", "W7", "W9", "W11"])
        self.assertTrue(all(i.best_level == 4 for i in ins.instrument("icecap_o").items))
        self.assertEqual([i.max_level for i in ins.instrument("barthel").items],
                         [2, 2, 1, 2, 2, 3, 3, 2, 2, 1])
        self.assertEqual(eq.default_valueset.name, "uk-2026")
        self.assertIn("hec.3564", ins.valueset("eq5d5l", "england-2018").citation)
        self.assertEqual(ins.valueset("swemwbs").decimals, 2)
        self.assertTrue(eq.licence_url.startswith("https://"))

    def test_unknown(self):
        with self.assertRaises(carealign.CarealignError) as caught:
            ins.instrument("eq5d")
        self.assertEqual(caught.exception.status, _lib.EUNSUPPORTED)
        with self.assertRaises(carealign.CarealignError):
            ins.valueset("eq5d5l", "england-2016")

    def test_no_wording(self):
        # short codes only: no item text is carried
        for i in ins.registry():
            for item in i.items:
                self.assertRegex(item.code, r"^[A-Z0-9]{2,10}$")


class ScoreTest(unittest.TestCase):
    def test_published_examples(self):
        self.assertEqual(ins.score("eq5d3l", [1, 2, 3, 2, 1]), 0.329)
        self.assertEqual(ins.score("eq5d3l", [3] * 5, "uk-tto-1997"), -0.594)
        self.assertEqual(ins.score("eq5d5l", [5] * 5, "england-2018"), -0.285)
        self.assertEqual(ins.score("eq5d5l", [5] * 5), -0.567)
        self.assertEqual(ins.score("icecap_o", [4] * 5), 1.0)
        self.assertEqual(ins.score("icecap_o", [1] * 5), 0.0)
        self.assertEqual(ins.score("swemwbs", [3] * 7), 19.25)  # raw 21
        self.assertEqual(ins.score("swemwbs", [3] * 7, "raw"), 21.0)
        self.assertEqual(ins.score("ascot_sct4", [1] * 8), 24.0)
        self.assertEqual(ins.score("barthel", [2, 2, 1, 2, 2, 3, 3, 2, 2, 1], "100"), 100.0)
        self.assertEqual(carealign.score("fft", [6]), 0.0)

    def test_errors_name_the_item(self):
        with self.assertRaises(carealign.CarealignError) as caught:
            ins.score("eq5d5l", [1, 1, 1, 1, None])
        self.assertEqual(caught.exception.status, _lib.EMISSING)
        self.assertIn("item AD is missing", caught.exception.message)
        with self.assertRaises(carealign.CarealignError) as caught:
            ins.score("eq5d5l", [1, 1, 1, 1, 7])
        self.assertEqual(caught.exception.status, _lib.EINVAL)
        self.assertEqual(caught.exception.message, "eq5d5l: item AD out of range 1..5")
        with self.assertRaises(carealign.CarealignError):
            ins.score("eq5d5l", [1, 1, 1, 1])

    def test_fft_and_gas(self):
        self.assertEqual([ins.fft_classify(r) for r in range(1, 7)],
                         [ins.FFT_POSITIVE, ins.FFT_POSITIVE, ins.FFT_NEUTRAL, ins.FFT_NEGATIVE,
                          ins.FFT_NEGATIVE, ins.FFT_DONT_KNOW])
        self.assertEqual(ins.FFT_CATEGORY_NAMES[ins.fft_classify(6)], "dont_know")
        with self.assertRaises(carealign.CarealignError):
            ins.fft_classify(7)
        with self.assertRaises(carealign.CarealignError) as caught:
            ins.fft_classify(None)
        self.assertEqual(caught.exception.status, _lib.EMISSING)
        t = ins.gas_tscore([-2, 0, -1, 2, 0, 1], [3, 5, 1, 4, 2, 6], rho=0.3)
        self.assertAlmostEqual(t, 55.0, places=12)
        self.assertEqual(ins.gas_tscore([0, 0, 0]), 50.0)
        with self.assertRaises(carealign.CarealignError):
            ins.gas_tscore([0, None])


class BatchTest(unittest.TestCase):
    def all_states(self):
        return np.array(list(itertools.product(range(1, 6), repeat=5)), dtype=np.int32)

    def test_numpy_all_5l_states_against_numpy_formula(self):
        states = self.all_states()
        result = ins.score_batch("eq5d5l", states, "england-2018")
        self.assertEqual(result.n_scored, 3125)
        self.assertTrue((result.status == 0).all())
        thousandths = 1000 - ENGLAND_2018[np.arange(5), states - 1].sum(axis=1)
        np.testing.assert_array_equal(result.scores, thousandths / 1000.0)

    def test_zero_copy(self):
        states = self.all_states()
        ptr, count, _ = ins._address(states, ins._INT32_FORMATS, 4, "items")
        self.assertEqual(ptr, states.ctypes.data)
        self.assertEqual(count, states.size)
        states.setflags(write=False)
        ptr, _, _ = ins._address(states, ins._INT32_FORMATS, 4, "items")
        self.assertEqual(ptr, states.ctypes.data)
        scores = np.zeros(len(states))
        status = np.full(len(states), 7, dtype=np.int32)
        result = ins.score_batch("eq5d5l", states, scores=scores, status=status)
        self.assertIs(result.scores, scores)
        self.assertIs(result.status, status)
        self.assertEqual(scores[-1], -0.567)
        self.assertTrue((status == 0).all())

    def test_bad_rows_do_not_stop_the_batch(self):
        rows = np.array([[1, 1, 1, 1, 1], [1, 1, 1, 1, ins.ITEM_MISSING], [9, 1, 1, 1, 1],
                         [1, 2, 1, 1, 1]], dtype=np.int32)
        result = ins.score_batch("eq5d5l", rows, "england-2018")
        self.assertEqual(result.n_scored, 2)
        self.assertEqual(list(result.status), [0, _lib.EMISSING, _lib.EINVAL, 0])
        self.assertEqual(result.scores[0], 1.0)
        self.assertTrue(math.isnan(result.scores[1]) and math.isnan(result.scores[2]))
        self.assertEqual(result.scores[3], 0.95)

    def test_lists_and_array_module(self):
        result = ins.score_batch("swemwbs", [[5] * 7, [1] * 7, [None] + [1] * 6])
        self.assertEqual(result.scores[:2], [35.0, 7.0])
        self.assertTrue(math.isnan(result.scores[2]))
        self.assertEqual(result.status, [0, 0, _lib.EMISSING])
        flat = array.array("i", [4] * 5 + [1] * 5)
        result = ins.score_batch("icecap_o", flat)
        self.assertEqual(list(result.scores), [1.0, 0.0])
        empty = ins.score_batch("fft", np.zeros((0, 1), dtype=np.int32))
        self.assertEqual((len(empty.scores), empty.n_scored), (0, 0))

    def test_argument_errors(self):
        with self.assertRaises(carealign.CarealignError):
            ins.score_batch("nope", [[1]])
        with self.assertRaises(carealign.CarealignError):
            ins.score_batch("eq5d5l", [[1] * 5], "nope")
        with self.assertRaises(ValueError):
            ins.score_batch("eq5d5l", np.ones((3, 4), dtype=np.int32))
        with self.assertRaises(ValueError):
            ins.score_batch("eq5d5l", [[1] * 4])
        with self.assertRaises(TypeError):
            ins.score_batch("eq5d5l", np.ones((3, 5), dtype=np.int64))
        with self.assertRaises(TypeError):
            ins.score_batch("eq5d5l", np.ones((5, 3), dtype=np.int32).T)
        with self.assertRaises(ValueError):
            ins.score_batch("eq5d5l", np.ones((3, 5), dtype=np.int32), scores=np.zeros(2))


if __name__ == "__main__":
    unittest.main()
