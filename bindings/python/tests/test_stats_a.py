"""Stats bindings, part A (intervals, standardisation, funnels, SII).
Expected values are independent: statsmodels / SciPy calls or
PHEindicatormethods' published test data, cited beside each."""

import ctypes
import math
import unittest

import carealign
from carealign import _lib
from carealign import stats


class IntervalTest(unittest.TestCase):
    def test_wilson(self):
        e = stats.proportion_wilson(65, 100)
        # statsmodels proportion_confint(65, 100, 0.05, method="wilson")
        self.assertAlmostEqual(e.lower, 0.5525444329688796, places=14)
        self.assertAlmostEqual(e.upper, 0.7363575175690247, places=14)
        self.assertEqual(e.method, stats.METHOD_WILSON)
        self.assertEqual(e.n, 100)

    def test_rate_switches_method_at_ten(self):
        # scipy.stats.chi2.ppf(0.025, 18) / 2 / 1e4 * 1e5
        e = stats.rate(9, 10000, 100000)
        self.assertEqual(e.method, stats.METHOD_EXACT)
        self.assertAlmostEqual(e.lower, 41.15373097378334, places=11)
        e = stats.rate(10, 10000, 100000)
        self.assertEqual(e.method, stats.METHOD_BYAR)
        self.assertAlmostEqual(e.lower, 47.87449913967563, places=11)

    def test_byar_lower_not_available(self):
        e = stats.byar_interval(1, 0.998)
        self.assertTrue(math.isnan(e.lower))
        self.assertEqual(e.flags, stats.EST_LOWER_NA)

    def test_mean_t(self):
        e = stats.mean_t(10, 5.5, 82.5)
        # 5.5 - t(0.975, 9) sd / sqrt(10), t from mpmath (2.2621571627982055)
        self.assertAlmostEqual(e.lower, 3.3341494103318303, places=13)

    def test_bad_input_raises_einval(self):
        for call in (lambda: stats.proportion_wilson(11, 10),
                     lambda: stats.proportion_wilson(1, 10, 95),
                     lambda: stats.rate(-1, 10),
                     lambda: stats.rate(1, 10, confidence=1.0),
                     lambda: stats.mean_t(0, 1.0, 0.0),
                     lambda: stats.byar_interval(float("nan"))):
            with self.assertRaises(carealign.CarealignError) as caught:
                call()
            self.assertEqual(caught.exception.status, _lib.EINVAL)

    def test_estimate_mirror(self):
        self.assertEqual(ctypes.sizeof(stats.Estimate), 40)


class StandardisationTest(unittest.TestCase):
    def test_esp2013(self):
        # Eurostat 2013, as PHEindicatormethods' esp2013
        self.assertEqual(len(stats.ESP2013), 19)
        self.assertEqual(sum(stats.ESP2013), 100000)
        self.assertEqual(stats.ESP2013[0], 5000)
        self.assertEqual(stats.ESP2013[-1], 1000)

    def test_dsr_numpy_zero_copy_and_list_agree(self):
        import numpy as np
        x = [1, 0, 2, 3, 5, 8, 10, 15, 20, 30, 45, 60, 80, 100, 120, 150, 170, 160, 130]
        n = [30000, 32000, 31000, 30500, 29000, 33000, 35000, 36000, 34000, 33500, 32000,
             30000, 28000, 25000, 20000, 15000, 10000, 6000, 3000]
        a = stats.dsr(x, n)
        b = stats.dsr(np.array(x, dtype=float), np.array(n, dtype=float))
        # tests/stats/check_standardise.py dsr(): NumPy evaluation of R/DSR.R
        self.assertAlmostEqual(a.value, 276.53157097130907, places=10)
        self.assertEqual(a.value, b.value)
        self.assertEqual(a.lower, b.lower)

    def test_dsr_below_ten_is_nan(self):
        e = stats.dsr([4, 3, 2], [1000, 2000, 500], [100, 50, 25])
        self.assertTrue(math.isnan(e.value))
        self.assertTrue(e.flags & stats.EST_TOO_FEW)

    def test_isratio(self):
        e = stats.isratio(9, 9.5)
        self.assertEqual(e.method, stats.METHOD_EXACT)
        # scipy.stats.chi2.ppf(0.025, 18) / 2 / 9.5
        self.assertAlmostEqual(e.lower, 0.43319716814508774, places=13)
        self.assertAlmostEqual(stats.expected_events([100, 400, 900], [1e5, 8e4, 5e4],
                                                     [2000, 1500, 0]), 9.5, places=13)


class FunnelTest(unittest.TestCase):
    def test_ratio_limits_match_phe(self):
        # PHEindicatormethods testdata_funnel_ratio_outputs.csv, O = 1
        p = stats.funnel_ratio_limits(1, stats.FUNNEL_RATIO_COUNT)
        self.assertAlmostEqual(p.lower_2s_x, 5.571644585, places=9)
        self.assertAlmostEqual(p.upper_3s_x, 0.001000547, places=9)
        self.assertAlmostEqual(p.lower_2s, -0.820519779, places=9)

    def test_axis_and_significance(self):
        pts = stats.funnel_axis(stats.FUNNEL_PROPORTION, 16386, 102950)
        self.assertEqual(len(pts), 100)
        self.assertEqual(pts[-1], 110000)  # testdata_funnel_prop_outputs.csv
        c = stats.funnel_ratio_significance(151, 106.4429719)
        self.assertEqual(stats.FUNNEL_LABELS[c], "High (0.001)")  # ratio_inputs row 2

    def test_overdispersion(self):
        # FunnelPlotR test-classes_methods.R: phi = 2.948033
        od = stats.funnel_overdispersion([100, 150, 180, 80, 120, 225],
                                         [108, 112, 165, 95, 100, 220])
        self.assertAlmostEqual(od.phi, 2.948033, places=6)
        self.assertEqual(od.adjusted, 0)  # 6 units < 10
        lo, hi = stats.overdispersion_limits(od, 15)
        # FunnelPlotR test-poisson_limits.R: E = 15 -> 0.5596924, 1.649348
        self.assertAlmostEqual(lo, 0.5596924, places=7)
        self.assertAlmostEqual(hi, 1.649348, places=6)

    def test_struct_mirrors_match_c(self):
        self.assertEqual(ctypes.sizeof(_lib.FunnelPoint), 80)
        self.assertEqual(ctypes.sizeof(_lib.Overdispersion), 56)
        self.assertEqual(_lib.Overdispersion.flags.offset, 52)
        self.assertEqual(_lib.FunnelPoint.upper_3s_x.offset, 72)
        if ctypes.sizeof(ctypes.c_size_t) == 8:
            self.assertEqual(ctypes.sizeof(_lib.OverdispersionOptions), 32)
            self.assertEqual(_lib.OverdispersionOptions.min_units.offset, 24)

    def test_workspace_and_bad_input(self):
        with self.assertRaises(carealign.CarealignError) as caught:
            stats.funnel_overdispersion([1], [2])
        self.assertEqual(caught.exception.status, _lib.EINVAL)
        with self.assertRaises(carealign.CarealignError):
            stats.funnel_ratio_limits(0)


class SiiTest(unittest.TestCase):
    def test_phe_example_area_1(self):
        # phe_sii's documented example; statsmodels WLS gives the slope
        sii, rii = stats.sii([75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3],
                             [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534],
                             se=[1.64, 1.58, 1.51, 1.78, 1.7, 1.56, 1.37, 1.4, 2.43, 1.57])
        self.assertAlmostEqual(sii.value, 7.000234760079863, places=10)
        self.assertAlmostEqual(rii.value, 1.0897097049119409, places=12)
        self.assertLess(sii.lower, sii.value)
        self.assertGreater(sii.upper, sii.value)

    def test_too_few_quantiles(self):
        with self.assertRaises(carealign.CarealignError):
            stats.sii([1, 2, 3, 4], [1, 1, 1, 1], se=[1, 1, 1, 1])


if __name__ == "__main__":
    unittest.main()
