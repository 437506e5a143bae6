"""Issue 8: the sample's Goal Attainment Scaling rows are fed and scored.

Runs `carealign report --format json` on examples/data and checks, from the
CSV itself, that no response is rejected: the rows with a missing level are
used, their score missing (docs/data.md, responses.csv), and none of the GAS
rows is rejected; that the GAS measure has a system figure; that the rows
with a survey weight other than 1 feeding no weighted measure are counted as
not applied; and that the feed's `unscored` count equals the rows with an
empty level. Usage: check_gas_sample.py TOOL SOURCE_DIR OUT_DIR
"""
import csv
import json
import os
import subprocess
import sys
import unittest

TOOL, SRC, OUT = sys.argv[1:4]
DATA = os.path.join(SRC, "examples", "data")


class GasSample(unittest.TestCase):
    def test_gas_rows_accepted_and_scored(self):
        os.makedirs(OUT, exist_ok=True)
        out = os.path.join(OUT, "gas_sample.json")
        args = [TOOL, "report", "--framework",
                os.path.join(SRC, "examples", "frameworks", "england-integrated-care.json")]
        for flag, name in (("--people", "people"), ("--organisations", "organisations"),
                           ("--populations", "populations"), ("--responses", "responses"),
                           ("--fft", "fft"), ("--contacts", "contacts")):
            args += [flag, os.path.join(DATA, name + ".csv")]
        args += ["--format", "json", "--out", out]
        # the tool is its own program: not for the sanitizer runtime preloaded for Python
        env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
        proc = subprocess.run(args, capture_output=True, text=True, env=env)
        self.assertIn(proc.returncode, (0, 3), proc.stderr)
        self.assertNotIn("not an instrument", proc.stderr)
        with open(os.path.join(DATA, "responses.csv"), newline="") as f:
            rows = list(csv.DictReader(f))
        gas = [r for r in rows if r["instrument"] == "gas"]
        self.assertEqual(len(gas), 233)
        missing = [r for r in rows if "" in r["items"].split(";")]
        self.assertFalse(any(r["instrument"] == "gas" for r in missing))
        with open(out) as f:
            report = json.load(f)
        feed = [x for x in report["feeds"] if x["feed"] == "responses"][0]
        self.assertEqual(feed["read"], len(rows))
        self.assertGreater(len(missing), 0)
        self.assertEqual(feed["rejected"], 0)
        self.assertEqual(feed["used"], len(rows))
        # survey weights: the used rows whose weight is not 1 and that feed
        # no weighted measure are counted (docs/scorecard.md, "Survey
        # weights"); the framework's one weighted measure is ASCOF 1A
        # (ascot_sct4, raw)
        fw_path = os.path.join(SRC, "examples", "frameworks", "england-integrated-care.json")
        with open(fw_path) as f:
            fw = json.load(f)
        weighted_codes = {m["instrument"]["code"] for m in fw["measures"]
                          if m.get("weighted") and m.get("instrument")}
        self.assertEqual(weighted_codes, {"ascot_sct4"})
        weighted = [r for r in rows if r["weight"] and float(r["weight"]) != 1.0]
        self.assertGreater(len(weighted), 0)
        self.assertEqual(feed["weights_not_applied"],
                         sum(1 for r in weighted if r["instrument"] not in weighted_codes))
        # unscored: used rows of an instrument a measure uses whose score is
        # missing (an empty level); every row here is used and every
        # instrument of the sample is used by a measure
        used_codes = {m["instrument"]["code"] for m in fw["measures"] if m.get("instrument")}
        self.assertTrue({r["instrument"] for r in rows} <= used_codes)
        self.assertEqual(feed["unscored"], len(missing))
        for other in report["feeds"]:
            if other["feed"] != "responses":
                self.assertEqual(other["unscored"], 0)
        system = [x for x in report["results"]
                  if x["measure"] == "gas-goals-met" and x["kind"] == "estimate"
                  and x["level"] == "system" and not x["strata"] and x["period"] == "whole"]
        self.assertEqual(len(system), 1)
        self.assertGreater(system[0]["denominator"], 0)
        self.assertIsNotNone(system[0]["estimate"]["value"])


if __name__ == "__main__":
    unittest.main(argv=sys.argv[:1])
