#!/usr/bin/python3
"""Every row of PHEindicatormethods' own funnel test data (tests/stats/data,
copied from tests/testthat/ of ukhsa-collaboration/PHEindicatormethods, see
data/README.md) against carealign, through the binding:

  testdata_funnel_prop_outputs.csv   100-row proportion limit table (6 dp)
  testdata_funnel_prop_inputs.csv    303 areas' significance
  testdata_funnel_ratio_outputs.csv  100-row ratio table: exp_events, count, isr
  testdata_funnel_ratio_inputs.csv   300 units' significance
  testdata_funnel_rate_outputs.csv   100-row DSR rate table

Published values carry 6 decimals (proportion) or 10 significant digits
(ratio, rate); a value matches when it rounds to the published text.
"""
import csv
import math
import os
import sys

from carealign import stats as cs

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "data")
failures = 0
checked = 0


def rows(name):
    with open(os.path.join(HERE, name), newline="") as f:
        return list(csv.DictReader(f))


def digits(text):
    """Significant digits and decimals printed in ``text``."""
    t = text.strip().lstrip("-")
    mant = t.split("e")[0]
    dec = len(mant.split(".")[1]) if "." in mant else 0
    sig = len(mant.replace(".", "").lstrip("0")) or 1
    return sig, dec


def matches(got, text, what, mode):
    """mode "dp": rounds to the printed decimals; "sig": to the printed
    significant digits (R prints 10 with signif-like write.csv)."""
    global failures, checked
    checked += 1
    want = float(text)
    sig, dec = digits(text)
    if mode == "dp":
        ok = abs(got - want) <= 0.5 * 10 ** -dec * (1 + 1e-9) + 1e-12
    else:
        scale = 10 ** (math.floor(math.log10(abs(want))) - sig + 1) if want != 0 else 1e-300
        ok = abs(got - want) <= 0.5 * scale * (1 + 1e-9)
    if not ok:
        failures += 1
        print("MISMATCH %s: got %.12g, published %s" % (what, got, text))


# --- proportions ---------------------------------------------------------------
inputs = rows("phe_funnel_prop_inputs.csv")
num = [float(r["numerator"]) for r in inputs]
den = [float(r["denominator"]) for r in inputs]
average = sum(num) / sum(den)
table = rows("phe_funnel_prop_outputs.csv")
axis = cs.funnel_axis(cs.FUNNEL_PROPORTION, min(den), max(den))
for i, r in enumerate(table):
    matches(axis[i], r["Population"], "proportion axis row %d" % i, "dp")
    p = cs.funnel_proportion_limits(average, float(r["Population"]), 100.0)
    for col, got in (("Lower2s0025limit", p.lower_2s), ("Upper2s0025limit", p.upper_2s),
                     ("Lower3s0001limit", p.lower_3s), ("Upper3s0001limit", p.upper_3s),
                     ("Baseline", p.baseline)):
        matches(got, r[col], "proportion %s row %d" % (col, i), "dp")
for i, r in enumerate(inputs):
    checked += 1
    got = cs.FUNNEL_LABELS[cs.funnel_proportion_significance(num[i], den[i], average)]
    if got != r["significance"]:
        failures += 1
        print("MISMATCH proportion significance row %d: %s, published %s"
              % (i, got, r["significance"]))

# --- ratios --------------------------------------------------------------------
inputs = rows("phe_funnel_ratio_inputs.csv")
expected = [float(r["expected"]) for r in inputs]
axis = cs.funnel_axis(cs.FUNNEL_RATIO, min(expected), max(expected))
for i, r in enumerate(rows("phe_funnel_ratio_outputs.csv")):
    o = float(r["Observed_events"])
    matches(axis[i], r["Observed_events"], "ratio axis row %d" % i, "dp")
    plain = cs.funnel_ratio_limits(o, cs.FUNNEL_RATIO_PLAIN)
    count = cs.funnel_ratio_limits(o, cs.FUNNEL_RATIO_COUNT)
    isr = cs.funnel_ratio_limits(o, cs.FUNNEL_RATIO_ISR)
    for side in ("lower_2s", "upper_2s", "lower_3s", "upper_3s"):
        matches(getattr(plain, side + "_x"), r[side + "_exp_events"], "ratio %s exp row %d"
                % (side, i), "sig")
        matches(getattr(count, side), r[side + "_count"], "ratio %s count row %d" % (side, i),
                "sig")
        matches(getattr(isr, side), r[side + "_isr"], "ratio %s isr row %d" % (side, i), "sig")
for i, r in enumerate(inputs):
    checked += 1
    got = cs.FUNNEL_LABELS[cs.funnel_ratio_significance(float(r["obs"]), expected[i])]
    if got != r["significance"]:
        failures += 1
        print("MISMATCH ratio significance row %d: %s, published %s"
              % (i, got, r["significance"]))

# --- DSR rates: the average is published to 10 digits only (116.1720835 per
# 100 000), so values are compared to 1e-8 relative. The population columns are
# per year of a 3-year data set (each is exactly a third of search / average;
# years_of_data = 3 is inferred from that, the limits do not depend on it).
rate_average = 116.1720835 / 1e5
for i, r in enumerate(rows("phe_funnel_rate_outputs.csv")):
    e = float(r["Events"])
    p = cs.funnel_rate_limits(e, rate_average, 1e5, 3.0)
    for side in ("lower_2s", "upper_2s", "lower_3s", "upper_3s"):
        for got, col in ((getattr(p, side), side + "_limit"),
                         (getattr(p, side + "_x"), side + "_population_1_year")):
            checked += 1
            want = float(r[col])
            if abs(got - want) > 1e-8 * abs(want):
                failures += 1
                print("MISMATCH rate %s row %d: got %.12g, published %s" % (col, i, got, r[col]))

print("%d published values checked, %d mismatches" % (checked, failures))
sys.exit(1 if failures else 0)
