"""Stats bindings added for the rest of issue 4: mean change, the
cost-effectiveness frontier, phe_sii's seeded simulation and Spiegelhalter's
exact funnel limits.

Expected values come from published sources or independent computations
named beside each assertion; never from the library itself.
"""

import math
import unittest

import carealign
from carealign import stats

POP1 = [7291, 7997, 6105, 7666, 5790, 6934, 5918, 5974, 7147, 7534]
VAL1 = [75.9, 78.3, 83.8, 83.6, 80.5, 81.1, 81.7, 84.2, 80.6, 86.3]
SE1 = [1.64, 1.58, 1.51, 1.78, 1.7, 1.56, 1.37, 1.4, 2.43, 1.57]


class MeanChange(unittest.TestCase):
    def test_paired_interval(self):
        # differences 2 3 0 4 -1 4 3 5; t from mpmath (test_change_mean.c)
        e = stats.change_mean_paired([12, 15, 9, 20, 17, 11, 14, 16],
                                     [14, 18, 9, 24, 16, 15, 17, 21])
        self.assertEqual(e.value, 2.5)
        self.assertAlmostEqual(e.lower, 0.76927226528104758, places=13)
        self.assertAlmostEqual(e.upper, 4.2307277347189524, places=13)
        self.assertEqual(e.method, stats.METHOD_T)
        e2 = stats.change_mean_t(8, 2.5, 30.0)
        self.assertAlmostEqual(e2.lower, e.lower, places=14)

    def test_errors(self):
        with self.assertRaises(ValueError):
            stats.change_mean_paired([1, 2], [1])
        with self.assertRaises(carealign.CarealignError):
            stats.change_mean_paired([], [])
        with self.assertRaises(carealign.CarealignError):
            stats.change_mean_t(0, 1.0, 0.0)


class Frontier(unittest.TestCase):
    def test_frick_lecture(self):
        # Frick K, "Decision rules", JHSPH OpenCourseWare 2007, Table 1;
        # textbook rule by hand (test_frontier.c)
        res = stats.cea_frontier([300000, 200000, 450000, 375000, 400000], [25, 20, 50, 40, 15])
        self.assertEqual([r.status for r in res],
                         ["extended_dominated", "frontier", "frontier", "extended_dominated",
                          "dominated"])
        self.assertEqual(res[1].rank, 0)
        self.assertIsNone(res[1].icer)
        self.assertEqual(res[2].comparator, 1)
        self.assertAlmostEqual(res[2].icer, 250000 / 30, places=9)
        self.assertEqual(res[4].comparator, 1)
        self.assertIsNone(res[4].icer)
        self.assertEqual(res[0].icer, 20000.0)

    def test_errors(self):
        with self.assertRaises(carealign.CarealignError):
            stats.cea_frontier([], [])
        with self.assertRaises(carealign.CarealignError):
            stats.cea_frontier([1, 2], [0.0, math.nan])
        with self.assertRaises(ValueError):
            stats.cea_frontier([1, 2], [0.0])


class SiiSimulated(unittest.TestCase):
    def test_phe_example_seed_1(self):
        # check_sii_simulated.py: NumPy MT19937 seeded as R's set.seed(1)
        s, r = stats.sii_simulated(VAL1, POP1, se=SE1, seed=1)
        self.assertAlmostEqual(s.lower, 3.1655623854426125, places=11)
        self.assertAlmostEqual(s.upper, 10.841179729060656, places=11)
        self.assertAlmostEqual(r.lower, 1.0396856005135886, places=12)
        self.assertAlmostEqual(r.upper, 1.1422802725421872, places=12)
        self.assertEqual(s.method, stats.METHOD_SII_SIMULATED)
        a, _ = stats.sii(VAL1, POP1, se=SE1)
        self.assertEqual(a.method, stats.METHOD_SII)
        self.assertEqual(a.value, s.value)

    def test_errors(self):
        with self.assertRaises(carealign.CarealignError):
            stats.sii_simulated(VAL1, POP1, se=SE1, seed=1, repetitions=10)


class ExactLimits(unittest.TestCase):
    def test_values(self):
        # Spiegelhalter 2005 appendix evaluated with SciPy (test_funnel_exact.c)
        self.assertAlmostEqual(
            stats.funnel_exact_limit(stats.FUNNEL_EXACT_POISSON, 1.0, 15, 0.025),
            0.4906593251243899, places=13)
        pt = stats.funnel_exact_limits(stats.FUNNEL_EXACT_BINOMIAL, 0.1, 100, 100)
        self.assertAlmostEqual(pt.lower_2s, 4.038059552439343, places=11)
        self.assertAlmostEqual(pt.upper_3s, 19.835671850288553, places=11)

    def test_errors(self):
        with self.assertRaises(carealign.CarealignError):
            stats.funnel_exact_limit(3, 0.1, 100, 0.5)


if __name__ == "__main__":
    unittest.main()
