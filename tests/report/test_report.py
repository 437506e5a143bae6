"""End-to-end tests of `carealign report`, `merge` and `demo` over the
committed sample data (examples/data/) and the default framework.

--only errors runs the tests that need no scorecard engine (usage, missing
and unreadable files, a framework with a typo, bad headers)."""
import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import report_checks  # noqa: E402

TOOL = SRC = None
FILES = ("organisations", "populations", "people", "responses", "fft", "contacts")


def run(*args, env=None, cwd=None):
    e = dict(os.environ)
    e.pop("CAREALIGN_PROGRESS", None)
    # the sanitizer runtime preloaded for Python clashes with the one a sanitized
    # tool links; the tool runs with leak checking on
    e.pop("LD_PRELOAD", None)
    e.pop("ASAN_OPTIONS", None)
    if env:
        e.update(env)
    p = subprocess.run([TOOL] + [str(a) for a in args], capture_output=True, env=e, cwd=cwd,
                       timeout=600)
    return p.returncode, p.stdout.decode("utf-8", "replace"), p.stderr.decode("utf-8", "replace")


def framework():
    return os.path.join(SRC, "examples", "frameworks", "england-integrated-care.json")


def data_args(d=None, **override):
    d = d or os.path.join(SRC, "examples", "data")
    args = ["--framework", override.pop("framework", framework())]
    for f in FILES:
        args += ["--" + f, override.pop(f, os.path.join(d, f + ".csv"))]
    return args


class Errors(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = self.tmp.name

    def tearDown(self):
        self.tmp.cleanup()

    def test_help(self):
        for cmd in ("report", "merge", "demo"):
            code, out, _ = run(cmd, "--help")
            self.assertEqual(code, 0)
            self.assertIn("usage: carealign " + cmd, out)

    def test_bad_flags(self):
        cases = [
            (["report", "--bogus"], "unknown argument '--bogus'"),
            (["report"] + data_args()[2:], "--framework is required"),
            (["report", "--framework", framework()], "--organisations is required"),
            (["report"] + data_args() + ["--format", "pdf"], "--format must be html"),
            (["report"] + data_args() + ["--threads", "0"], "--threads must be"),
            (["report"] + data_args() + ["--threads"], "--threads needs a value"),
            (["report"] + data_args() + ["--out", "a", "--partial-out", "b"], "cannot be used"),
            (["merge", "--framework", framework()], "at least one partial"),
            (["merge", "x.partial"], "--framework is required"),
            (["merge", "--framework", framework(), "--format", "xml", "p"], "--format must be"),
            (["demo", "--bogus"], "unknown argument '--bogus'"),
        ]
        for args, msg in cases:
            code, out, err = run(*args)
            self.assertEqual(code, 2, args)
            self.assertIn(msg, err, args)
            self.assertIn("carealign help", err)
            self.assertEqual(out, "")

    def test_missing_file(self):
        missing = os.path.join(self.dir, "nope.csv")
        out = os.path.join(self.dir, "r.html")
        code, _, err = run("report", *data_args(people=missing), "--out", out)
        self.assertEqual(code, 1)
        self.assertIn("nope.csv", err)
        self.assertFalse(os.path.exists(out))

    def test_unreadable_csv_keeps_existing_output(self):
        bad = os.path.join(self.dir, "fft.csv")
        with open(bad, "w") as f:
            f.write("org_id,month,mode,very_good,good,neither,poor,very_poor,dont_know\n"
                    'RA0001,2024-04-01,s"ms,1,2,3,4,5,6\n')
        out = os.path.join(self.dir, "r.html")
        with open(out, "w") as f:
            f.write("old")
        code, _, err = run("report", *data_args(fft=bad), "--out", out)
        self.assertEqual(code, 1)
        self.assertIn("line 2", err)
        self.assertNotIn("s\"ms", err)
        with open(out) as f:
            self.assertEqual(f.read(), "old")

    def test_bad_header(self):
        bad = os.path.join(self.dir, "organisations.csv")
        with open(bad, "w") as f:
            f.write("org_id,nmae,sector\nRA0001,x,nhs_acute\n")
        code, _, err = run("report", *data_args(organisations=bad))
        self.assertEqual(code, 1)
        self.assertIn("column 2: not a column of the organisations file", err)

    def test_framework_with_a_typo(self):
        with open(framework(), encoding="utf-8") as f:
            text = f.read()
        bad = os.path.join(self.dir, "fw.json")
        with open(bad, "w", encoding="utf-8") as f:
            f.write(text.replace('"measures"', '"measurse"', 1))
        code, _, err = run("report", *data_args(framework=bad))
        self.assertEqual(code, 1)
        self.assertRegex(err, r"fw\.json:\d+:\d+: ")
        code, _, err = run("merge", "--framework", bad, "x")
        self.assertEqual(code, 1)
        self.assertRegex(err, r"fw\.json:\d+:\d+: ")

    def test_merge_rejects_garbage(self):
        junk = os.path.join(self.dir, "junk.partial")
        with open(junk, "wb") as f:
            f.write(b"not a partial")
        code, _, err = run("merge", "--framework", framework(), junk)
        self.assertEqual(code, 1)
        self.assertIn("junk.partial: not a partial of this framework", err)


def html_values(html):
    """(data-row, data-value, shown text) of every value cell."""
    out = []
    for m in re.finditer(r'<(?:td|strong)[^>]*data-row="(\d+)" data-value="([^"]+)"[^>]*>'
                         r"([^<]*)<", html):
        out.append((int(m.group(1)), m.group(2), m.group(3)))
    return out


def canonical_rows(rows):
    """Rows as sorted JSON texts, without their position and dictionary codes."""
    out = []
    for r in rows:
        r = dict(r)
        r.pop("row", None)
        r["strata"] = [{k: v for k, v in st.items() if k != "code"} for st in r.get("strata") or []]
        out.append(json.dumps(r, sort_keys=True))
    return sorted(out)


def json_rows(doc):
    """The result rows of report.json: the longest list of objects."""
    best = []

    def walk(x):
        nonlocal best
        if isinstance(x, list):
            if len(x) > len(best) and all(isinstance(e, dict) for e in x):
                best = x
            for e in x:
                walk(e)
        elif isinstance(x, dict):
            for v in x.values():
                walk(v)

    walk(doc)
    return best


def row_value(row):
    for k in ("value",):
        if k in row:
            return row[k]
    est = row.get("estimate")
    if isinstance(est, dict):
        return est.get("value")
    return None


class Full(unittest.TestCase):
    """The sample through report, merge and demo (needs the scorecard engine)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        d = cls.tmp.name
        cls.html_path = os.path.join(d, "report.html")
        cls.json_path = os.path.join(d, "report.json")
        cls.code_html = run("report", *data_args(), "--out", cls.html_path, "--quiet")
        cls.code_json = run("report", *data_args(), "--format", "json", "--out", cls.json_path)
        with open(framework(), encoding="utf-8") as f:
            cls.fw = json.load(f)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def setUp(self):
        self.assertIn(self.code_html[0], (0, 3), self.code_html[2])
        self.assertIn(self.code_json[0], (0, 3), self.code_json[2])
        with open(self.html_path, encoding="utf-8") as f:
            self.html = f.read()
        with open(self.json_path, encoding="utf-8") as f:
            self.json = json.load(f)

    def test_every_measure_has_its_section(self):
        ids = [m["id"] for m in self.fw["measures"]]
        self.assertTrue(ids)
        for i, mid in enumerate(ids):
            self.assertIn('<section class="measure" id="m-%s" data-measure="%d"' % (mid, i),
                          self.html)

    def test_aims_at_the_top_in_plain_words(self):
        top = self.html[: self.html.index('id="data"')]
        for aim in ("Experience", "Outcomes", "Resources", "Integration"):
            self.assertIn("<h3>%s</h3>" % aim, top)
        self.assertRegex(top, r"Improving|Concern|No significant change")

    def test_xmr_one_point_per_period(self):
        n_periods = None
        charts = re.findall(r'<figure data-measure="\d+" data-chart="xmr">\s*(<svg.*?</svg>)',
                            self.html, re.S)
        self.assertEqual(len(charts), len(self.fw["measures"]))
        for svg in charts:
            n = svg.count('<g class="pt')
            if n_periods is None:
                n_periods = n
            self.assertEqual(n, n_periods)
        self.assertGreaterEqual(n_periods, 12)

    def test_numbers_shown_equal_report_json(self):
        rows = json_rows(self.json)
        vals = html_values(self.html)
        self.assertTrue(vals)
        for row, raw, shown in vals:
            self.assertLess(row, len(rows))
            jv = row_value(rows[row])
            if raw == "suppressed":
                self.assertEqual(shown, "*")
                continue
            if raw == "nan":
                self.assertTrue(jv is None or (isinstance(jv, float) and math.isnan(jv)))
                continue
            self.assertIsNotNone(jv, rows[row])
            v = float(raw)
            # report.json prints 6 significant digits (docs/report-schema.md):
            # the HTML's full value, rounded so, is the JSON's value.
            self.assertEqual(float("%.6g" % v), float(jv), (row, v, jv))
            s = float(shown.replace(",", "").rstrip("%"))
            self.assertTrue(math.isclose(s, v, rel_tol=5e-3, abs_tol=5e-3 * abs(v) + 1e-12),
                            (shown, v))

    def test_svgs_and_page(self):
        found = report_checks.check_svgs(self, self.html)
        self.assertGreaterEqual(len(found), len(self.fw["measures"]))
        report_checks.check_page(self, self.html)

    def test_chromium_screenshot_not_blank(self):
        self.assertGreater(report_checks.screenshot_distinct_pixels(self, self.html_path), 8)

    def test_threads_two_equals_one(self):
        other = os.path.join(self.tmp.name, "t2.json")
        code, _, err = run("report", *data_args(), "--format", "json", "--threads", "2",
                           "--out", other, "--quiet")
        self.assertIn(code, (0, 3), err)
        with open(other, "rb") as a, open(self.json_path, "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_partials_merge_to_the_same(self):
        # two workers, each over half of the people (by their own split)
        d = self.tmp.name
        parts = []
        for k in range(2):
            sub = os.path.join(d, "w%d" % k)
            os.makedirs(sub, exist_ok=True)
            src = os.path.join(SRC, "examples", "data")
            for f in FILES:
                with open(os.path.join(src, f + ".csv"), encoding="utf-8") as fi:
                    lines = fi.read().splitlines(True)
                if f in ("people", "responses", "contacts"):
                    keep = [lines[0]] + [l for l in lines[1:]
                                         if int(l.split(",", 1)[0][-3:], 10) % 2 == k]
                elif f == "fft" and k == 1:
                    keep = lines[:1]
                else:
                    keep = lines
                with open(os.path.join(sub, f + ".csv"), "w", encoding="utf-8") as fo:
                    fo.writelines(keep)
            p = os.path.join(d, "w%d.partial" % k)
            code, _, err = run("report", *data_args(sub), "--partial-out", p, "--quiet")
            self.assertIn(code, (0, 3), err)
            parts.append(p)
        merged = os.path.join(d, "merged.json")
        code, _, err = run("merge", "--framework", framework(), *parts, "--format", "json",
                           "--out", merged)
        self.assertEqual(code, 0, err)
        # Every figure is bit-identical (the same printed bytes). Only the
        # order of rows by ethnic group or practice, and those values'
        # dictionary codes, may differ: each worker numbers the strings it
        # meets, and rows follow the dictionary order (docs/report.md).
        with open(merged, encoding="utf-8") as a, open(self.json_path, encoding="utf-8") as b:
            got, want = json.load(a), json.load(b)
        self.assertEqual(canonical_rows(got.pop("results")), canonical_rows(want.pop("results")))
        self.assertEqual(got, want)
        html = os.path.join(d, "merged.html")
        code, _, err = run("merge", "--framework", framework(), *parts, "--out", html)
        self.assertEqual(code, 0, err)

    def test_demo(self):
        out = os.path.join(self.tmp.name, "demo")
        code, stdout, err = run("demo", "--out", out, "--quiet")
        self.assertEqual(code, 0, err)
        self.assertIn(os.path.join(out, "report.html"), stdout)
        self.assertIn(os.path.join(out, "report.json"), stdout)
        with open(os.path.join(out, "report.json"), "rb") as a, open(self.json_path, "rb") as b:
            self.assertEqual(a.read(), b.read())

    def test_rejected_rows_exit_3_listed_without_values(self):
        d = os.path.join(self.tmp.name, "bad")
        code, _, err = run("generate", "--people", 300, "--organisations", 8, "--months", 12,
                           "--seed", 7, "--bad-rows", "0.02", "--out", d, "--quiet")
        self.assertEqual(code, 0, err)
        html = os.path.join(d, "r.html")
        code, _, err = run("report", *data_args(d), "--out", html, "--quiet")
        self.assertEqual(code, 3, err)
        self.assertRegex(err, r"\d+ rows? rejected")
        with open(html, encoding="utf-8") as f:
            page = f.read()
        with open(os.path.join(d, "MANIFEST.csv"), encoding="utf-8") as f:
            manifest = [l.strip().split(",") for l in f.readlines()[1:] if l.strip()]
        self.assertTrue(manifest)
        for file, line, field, _problem in manifest:
            path = os.path.join(d, file)
            self.assertRegex(page, r"<td class=\"l\">%s</td><td>%s</td>" %
                             (re.escape(path), line), (file, line, field))


class Html(unittest.TestCase):
    """The HTML report end to end, without disclosure control (in-house
    mode), so that it runs before the library's writers exist."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.path = os.path.join(cls.tmp.name, "report.html")
        cls.result = run("report", *data_args(), "--no-disclosure", "--quiet", "--out", cls.path)
        with open(framework(), encoding="utf-8") as f:
            cls.fw = json.load(f)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def setUp(self):
        code, _, err = self.result
        # the sample's Goal Attainment Scaling rows are not in the instrument registry
        self.assertIn(code, (0, 3), err)
        with open(self.path, encoding="utf-8") as f:
            self.html = f.read()

    def test_every_measure_has_its_section_and_chart(self):
        Full.test_every_measure_has_its_section(self)
        Full.test_xmr_one_point_per_period(self)
        Full.test_aims_at_the_top_in_plain_words(self)
        self.assertIn("data-table=\"org\"", self.html)
        self.assertIn("data-table=\"cohort\"", self.html)

    def test_svgs_and_page(self):
        Full.test_svgs_and_page(self)

    def test_chromium_screenshot_not_blank(self):
        self.assertGreater(report_checks.screenshot_distinct_pixels(self, self.path), 8)

    def test_threads_give_the_same_bytes(self):
        for n in (2, 3):
            other = os.path.join(self.tmp.name, "t%d.html" % n)
            code, _, err = run("report", *data_args(), "--no-disclosure", "--quiet",
                               "--threads", n, "--out", other)
            self.assertIn(code, (0, 3), err)
            with open(other, "rb") as a, open(self.path, "rb") as b:
                self.assertEqual(a.read(), b.read(), n)

    def test_partials_merge_to_the_same_figures(self):
        d = self.tmp.name
        parts = []
        src = os.path.join(SRC, "examples", "data")
        for k in range(2):
            sub = os.path.join(d, "w%d" % k)
            os.makedirs(sub, exist_ok=True)
            for f in FILES:
                with open(os.path.join(src, f + ".csv"), encoding="utf-8") as fi:
                    lines = fi.read().splitlines(True)
                if f in ("people", "responses", "contacts"):
                    keep = [lines[0]] + [l for l in lines[1:]
                                         if int(l.split(",", 1)[0][-3:], 10) % 2 == k]
                elif f == "fft" and k == 1:
                    keep = lines[:1]
                else:
                    keep = lines
                with open(os.path.join(sub, f + ".csv"), "w", encoding="utf-8") as fo:
                    fo.writelines(keep)
            p = os.path.join(d, "w%d.partial" % k)
            code, _, err = run("report", *data_args(sub), "--no-disclosure", "--quiet",
                               "--partial-out", p)
            self.assertIn(code, (0, 3), err)
            parts.append(p)
        merged = os.path.join(d, "merged.html")
        code, _, err = run("merge", "--framework", framework(), *parts, "--out", merged)
        self.assertEqual(code, 0, err)
        with open(merged, encoding="utf-8") as f:
            m = f.read()
        # the same figures; rows by ethnic group or practice may come in another order,
        # since each worker numbers the strings it met first
        a, b = html_values(m), html_values(self.html)
        self.assertEqual(len(a), len(b))
        self.assertEqual(sorted(v for _, v, _ in a), sorted(v for _, v, _ in b))
        top = lambda h: html_values(h[: h.index('id="data"')])
        self.assertEqual(top(m), top(self.html))

    def test_rejected_rows_exit_3_listed_without_values(self):
        d = os.path.join(self.tmp.name, "bad")
        code, _, err = run("generate", "--people", 300, "--organisations", 8, "--months", 12,
                           "--seed", 7, "--bad-rows", "0.02", "--out", d, "--quiet")
        self.assertEqual(code, 0, err)
        html = os.path.join(d, "r.html")
        code, _, err = run("report", *data_args(d), "--no-disclosure", "--out", html,
                           "--quiet")
        self.assertEqual(code, 3, err)
        self.assertRegex(err, r"\d+ rows? rejected")
        with open(html, encoding="utf-8") as f:
            page = f.read()
        with open(os.path.join(d, "MANIFEST.csv"), encoding="utf-8") as f:
            manifest = [l.strip().split(",") for l in f.readlines()[1:] if l.strip()]
        self.assertTrue(manifest)
        for file, line, field, _problem in manifest:
            path = os.path.join(d, file)
            self.assertIn('<tr><td class="l">%s</td><td>%s</td>' % (path, line), page,
                          (file, line, field))


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--tool", required=True)
    ap.add_argument("--src", required=True)
    ap.add_argument("--only", choices=("errors", "html", "all"), default="all")
    args, rest = ap.parse_known_args()
    TOOL, SRC = args.tool, args.src
    if args.only == "errors":
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(Errors)
    elif args.only == "html":
        suite = unittest.defaultTestLoader.loadTestsFromTestCase(Html)
    else:
        suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    ok = unittest.TextTestRunner(verbosity=2).run(suite).wasSuccessful()
    sys.exit(0 if ok else 1)
