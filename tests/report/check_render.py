"""The renderer's sample page (written by test_report_render): every SVG
is well-formed XML with a title and a description, the XmR chart has one
point per period, and headless Chromium draws the page (not blank)."""
import os
import sys
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report_checks  # noqa: E402

PAGE = None


class SamplePage(unittest.TestCase):
    def setUp(self):
        with open(PAGE, encoding="utf-8") as f:
            self.html = f.read()

    def test_svgs_are_xml_with_title_and_desc(self):
        found = report_checks.check_svgs(self, self.html)
        self.assertEqual(len(found), 3)

    def test_one_point_per_period(self):
        xmr = report_checks.svgs(self.html)[0]
        self.assertEqual(xmr.count('<g class="pt'), 24)

    def test_page_outline(self):
        report_checks.check_page(self, self.html)

    def test_chromium_draws_it(self):
        n = report_checks.screenshot_distinct_pixels(self, PAGE)
        self.assertGreater(n, 8)


if __name__ == "__main__":
    PAGE = sys.argv.pop(1)
    unittest.main()
