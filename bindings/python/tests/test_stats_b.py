"""Stats section B bindings: SPC, disclosure control, economics.

Expected values come from NHSRplotthedots' snapshots (tests/testthat/_snaps/
ptd_spc_standard.md), from NHS Digital's published rule and from hand
calculation (shown beside each assertion); never from the library itself.
"""

import array
import ctypes
import math
import unittest

import carealign
from carealign import _lib, stats

# set.seed(123); rnorm(20) as R prints it (test-ptd_spc_standard.R's data)
RNORM20 = [-0.56047565, -0.23017749, 1.55870831, 0.07050839, 0.12928774, 1.71506499,
           0.46091621, -1.26506123, -0.68685285, -0.44566197, 1.22408180, 0.35981383,
           0.40077145, 0.11068272, -0.55584113, 1.78691314, 0.49785048, -1.96661716,
           0.70135590, -0.47279141]


class MirrorTest(unittest.TestCase):
    """The ctypes mirrors have the sizes and offsets pinned in lib/stats/layout_b.c."""

    def test_sizes(self):
        self.assertEqual(ctypes.sizeof(_lib.SpcPoint), 72)
        self.assertEqual(ctypes.sizeof(_lib.SpcSummary), 80)
        self.assertEqual(ctypes.sizeof(_lib.IcerResult), 32)
        self.assertEqual(ctypes.sizeof(_lib.ChangeCounts), 40)
        if ctypes.sizeof(ctypes.c_void_p) == 8:
            self.assertEqual(ctypes.sizeof(_lib.SpcOptions), 56)
            self.assertEqual(ctypes.sizeof(_lib.DisclosureOptions), 24)
            self.assertEqual(ctypes.sizeof(_lib.ChangeOptions), 48)

    def test_offsets(self):
        self.assertEqual(_lib.SpcPoint.moving_range.offset, 40)
        self.assertEqual(_lib.SpcPoint.group.offset, 48)
        self.assertEqual(_lib.SpcPoint.flags.offset, 68)
        self.assertEqual(_lib.SpcSummary.n_points.offset, 32)
        self.assertEqual(_lib.SpcSummary.variation_icon.offset, 64)
        self.assertEqual(_lib.SpcSummary.reserved.offset, 76)
        self.assertEqual(_lib.IcerResult.delta_cost.offset, 16)
        self.assertEqual(_lib.IcerResult.quadrant.offset, 24)
        self.assertEqual(_lib.ChangeCounts.threshold.offset, 32)
        if ctypes.sizeof(ctypes.c_void_p) == 8:
            self.assertEqual(_lib.SpcOptions.target.offset, 32)
            self.assertEqual(_lib.SpcOptions.rebase_at.offset, 40)
            self.assertEqual(_lib.SpcOptions.n_rebase.offset, 48)
            self.assertEqual(_lib.DisclosureOptions.round_to.offset, 16)
            self.assertEqual(_lib.ChangeOptions.mid.offset, 16)
            self.assertEqual(_lib.ChangeOptions.critical.offset, 40)

    def test_init_gives_the_documented_defaults(self):
        o = _lib.SpcOptions()
        _lib.lib.carealign_spc_options_init(ctypes.byref(o), ctypes.sizeof(o))
        self.assertEqual((o.size, o.improvement_direction, o.screen_outliers,
                          o.fix_after_n_points, o.min_points_for_icons,
                          o.short_group_points, o.has_target),
                         (ctypes.sizeof(o), 1, 0, 0, 15, 13, 0))


class SpcTest(unittest.TestCase):
    def test_nhsrplotthedots_snapshot(self):
        # _snaps/ptd_spc_standard.md r1: mean 0.1416238, lpl -3.01138, upl 3.294627
        chart = stats.spc_xmr(RNORM20, screen_outliers=True)
        self.assertAlmostEqual(chart.mean, 0.1416238, places=7)
        self.assertAlmostEqual(chart.lower, -3.01138, places=5)
        self.assertAlmostEqual(chart.upper, 3.294627, places=6)
        self.assertEqual(chart.common_cause, 20)
        self.assertEqual(chart.variation_icon, "common_cause")
        self.assertIsNone(chart.assurance_icon)
        self.assertEqual(len(chart.points), 20)
        self.assertEqual(chart.points[2].relative_to_mean, 1)
        self.assertEqual(chart.points[2].value, RNORM20[2])

    def test_excel_default_does_not_screen(self):
        # r3 of the same snapshot: y[15] = 10, screen_outliers = FALSE
        y = list(RNORM20)
        y[14] = 10
        chart = stats.spc_xmr(y)
        self.assertAlmostEqual(chart.lower, -4.596625, places=6)
        self.assertAlmostEqual(chart.upper, 5.935457, places=6)
        self.assertEqual(chart.points[14].rule, "outside_limits")
        self.assertEqual(chart.points[14].point_type, "special_cause_improvement")
        chart = stats.spc_xmr(y, improvement="decrease")
        self.assertEqual(chart.points[14].point_type, "special_cause_concern")

    def test_target_and_rebase(self):
        # target 4 above upl 3.29 with increase: consistent_fail
        chart = stats.spc_xmr(RNORM20, screen_outliers=True, target=4)
        self.assertEqual(chart.assurance_icon, "consistent_fail")
        chart = stats.spc_xmr(RNORM20 + [v + 100 for v in RNORM20], rebase_at=[20],
                              screen_outliers=True, target=50)
        self.assertEqual(chart.n_groups, 2)
        self.assertEqual(chart.points[19].group, 0)
        self.assertEqual(chart.points[20].group, 1)
        self.assertEqual(chart.assurance_icon, "consistent_pass")

    def test_too_few_points_for_icons(self):
        chart = stats.spc_xmr(RNORM20[:14])
        self.assertIsNone(chart.variation_icon)
        self.assertTrue(chart.flags & _lib.SPC_TOO_FEW_FOR_ICONS)

    def test_buffers_pass_without_copy(self):
        data = array.array("d", RNORM20)
        chart = stats.spc_xmr(data, screen_outliers=True)
        self.assertAlmostEqual(chart.mean, 0.1416238, places=7)
        try:
            import numpy
        except ImportError:  # numpy is a test dependency (python3-numpy)
            self.fail("python3-numpy is required by the test suite")
        chart = stats.spc_xmr(numpy.array(RNORM20), screen_outliers=True)
        self.assertAlmostEqual(chart.upper, 3.294627, places=6)

    def test_bad_input_raises(self):
        for bad in ([], [1.0, math.nan, 2.0], [1.0, math.inf]):
            with self.assertRaises(carealign.CarealignError) as caught:
                stats.spc_xmr(bad)
            self.assertEqual(caught.exception.status, _lib.EINVAL)
        with self.assertRaises(carealign.CarealignError):
            stats.spc_xmr(RNORM20, rebase_at=[5, 3])
        with self.assertRaises(ValueError):
            stats.spc_xmr(RNORM20, improvement="up")


def nhs_digital_rule(count, k=7, m=5):
    """The published rule, written out: 0 shown, 1..k suppressed, others to
    the nearest multiple of m (halves up)."""
    if count == 0:
        return 0
    if 1 <= count <= k:
        return None
    return (count + m // 2) // m * m if m % 2 else (2 * count + m) // (2 * m) * m


class DisclosureTest(unittest.TestCase):
    def test_every_count_to_ten_thousand(self):
        counts = list(range(10001))
        self.assertEqual(stats.disclose_counts(counts), [nhs_digital_rule(c) for c in counts])
        self.assertEqual(stats.disclose_counts(counts, suppress_max=10, round_to=10),
                         [nhs_digital_rule(c, 10, 10) for c in counts])

    def test_single_values(self):
        self.assertEqual(stats.disclose_count(0), 0)
        self.assertIsNone(stats.disclose_count(7))
        self.assertEqual(stats.disclose_count(8), 10)
        self.assertEqual(stats.disclose_count(13), 15)
        self.assertIsNone(stats.disclose_percentage(93, 100))  # complement 7
        self.assertEqual(stats.disclose_percentage(92, 100), 92.0)
        self.assertIsNone(stats.disclose_percentage(0, 0))
        self.assertIsNone(stats.disclose_mean(0.5, 7))
        self.assertEqual(stats.disclose_mean(0.5, 8), 0.5)

    def test_bad_input_raises(self):
        with self.assertRaises(carealign.CarealignError) as caught:
            stats.disclose_count(-1)
        self.assertEqual(caught.exception.status, _lib.EINVAL)
        with self.assertRaises(carealign.CarealignError):
            stats.disclose_percentage(5, 4)
        with self.assertRaises(carealign.CarealignError):
            stats.disclose_counts([1, 2, -3])
        with self.assertRaises(carealign.CarealignError):
            stats.disclose_count(10, round_to=0)


class EconomicsTest(unittest.TestCase):
    def test_qaly(self):
        # 0.7 for two years at 3.5%: annual 0.7 + 0.7 / 1.035
        self.assertAlmostEqual(stats.qaly([0, 2], [0.7, 0.7], annual_rate=0.035,
                                          timing="annual"), 0.7 + 0.7 / 1.035, places=14)
        # continuous: 0.7 (1 - 1.035^-2) / ln 1.035
        self.assertAlmostEqual(stats.qaly([0, 2], [0.7, 0.7], annual_rate=0.035,
                                          timing="continuous"),
                               0.7 * (1 - 1.035 ** -2) / math.log(1.035), places=13)
        with self.assertRaises(ValueError):
            stats.qaly([0, 1], [1, 1], annual_rate=0.035, timing="midyear")
        with self.assertRaises(carealign.CarealignError):
            stats.qaly([1, 0], [1, 1], annual_rate=0.035, timing="annual")

    def test_icer_and_nmb(self):
        # GBP 12,000 vs 2,000 for 1.5 vs 1.0 QALYs: GBP 20,000 (2,000,000 p) a QALY
        result = stats.icer(1200000, 1.5, 200000, 1.0)
        self.assertEqual(result.quadrant, "north_east")
        self.assertAlmostEqual(result.ratio, 2000000.0)
        self.assertEqual(result.delta_cost, 1000000)
        result = stats.icer(100000, 1.5, 200000, 1.0)
        self.assertEqual(result.quadrant, "dominant")
        self.assertIsNone(result.ratio)
        # 0.5 QALY at GBP 20,000 less GBP 3,000: GBP 7,000
        self.assertEqual(stats.net_monetary_benefit(0.5, 300000, 2000000), 700000)
        with self.assertRaises(carealign.CarealignError):
            stats.net_monetary_benefit(1.0, 0, -1)


class ChangeTest(unittest.TestCase):
    def test_against_numpy(self):
        # Jacobson-Truax written out with numpy on random pairs.
        import numpy
        rng = numpy.random.default_rng(7)
        before = rng.normal(20, 6, 500).round()
        after = before + rng.normal(-2, 6, 500).round()
        sd, r = 6.0, 0.85
        rci = (after - before) / (sd * numpy.sqrt(2) * numpy.sqrt(1 - r))
        result = stats.change_classify(before, after, better="lower", sd=sd, reliability=r)
        want = numpy.where(-rci > 1.96, 1, numpy.where(-rci < -1.96, -1, 0))
        self.assertEqual(result.classes, list(want))
        self.assertEqual(result.improved, int((want == 1).sum()))
        self.assertEqual(result.deteriorated, int((want == -1).sum()))
        self.assertAlmostEqual(stats.change_rci(before[0], after[0], sd=sd, reliability=r),
                               rci[0], places=14)
        # PHQ-9 reliable improvement: a fall of 6 or more
        d = after - before
        result = stats.change_classify(before, after, better="lower", mid=6)
        want = numpy.where(-d >= 6, 1, numpy.where(-d <= -6, -1, 0))
        self.assertEqual(result.classes, list(want))
        self.assertEqual(result.n, 500)

    def test_bad_input(self):
        with self.assertRaises(ValueError):
            stats.change_classify([1], [2], better="up", mid=1)
        with self.assertRaises(ValueError):
            stats.change_classify([1], [2], better="higher")
        with self.assertRaises(carealign.CarealignError):
            stats.change_classify([1], [math.nan], better="higher", mid=1)
        with self.assertRaises(carealign.CarealignError):
            stats.change_classify([1], [2], better="higher", sd=1, reliability=1)


if __name__ == "__main__":
    unittest.main()
