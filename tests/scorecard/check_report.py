#!/usr/bin/env python3
"""Independent checks of the scorecard's three output formats.

usage: check_report.py EXPORTER SCHEMA FRAMEWORK OUTDIR

EXPORTER (sc_report_export) writes the reports of one hand-built table with
and without disclosure control. This script, using only Python's json, csv
and the jsonschema package (Debian python3-jsonschema), checks that
- report.json and raw.json validate against docs/report-schema.json, and the
  pretty form is the same document;
- report.csv parses with the csv module (RFC 4180) to the same numbers,
  flags and positions as the JSON, row for row;
- the FHIR Bundle holds one MeasureReport per measure, level, unit and
  period (and one per SII or RII row, with its result-kind), whose measure is the exported Measure's url|version (read from the
  framework file here), and whose population counts, scores and interval
  extensions equal the JSON's for every estimate row, with suppressed counts
  absent and marked "masked";
- the published numbers obey NHS Digital's rule as the framework states it
  (k = 7, m = 5), checked against the unsuppressed run: a count numerator of
  1..7, or a complement of 1..7, is never shown; shown counts are multiples
  of 5 and within 2 of the true count.
"""
import csv
import json
import math
import os
import subprocess
import sys

import jsonschema


def fail(msg):
    print("FAIL:", msg)
    sys.exit(1)


def same_number(a, b):
    if a is None or b is None:
        return a is None and b is None
    return float(a) == float(b)


def main():
    exporter, schema_path, framework_path, out = sys.argv[1:5]
    os.makedirs(out, exist_ok=True)
    # The sanitizer build preloads the shared ASan runtime for Python; the
    # exporter links its own, so it runs without the preload.
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    subprocess.run([exporter, out], check=True, env=env)
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    with open(framework_path, encoding="utf-8") as f:
        framework = json.load(f)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)

    def load(name):
        with open(os.path.join(out, name), "rb") as f:
            data = f.read()
        return data, json.loads(data.decode("utf-8"))

    raw_bytes, report = load("report.json")
    _, pretty = load("report.pretty.json")
    _, raw = load("raw.json")
    for name, doc in (("report.json", report), ("raw.json", raw)):
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        if errors:
            fail(f"{name}: {errors[0].message} at {list(errors[0].path)}")
    if pretty != report:
        fail("report.pretty.json differs from report.json")
    if b"\n" in raw_bytes:
        fail("compact JSON has a line break")
    results = report["results"]
    if len(results) < 1000:
        fail(f"only {len(results)} rows")
    if report["framework"]["id"] != framework["id"] or report["framework"]["version"] != framework["version"]:
        fail("framework id/version")
    if report["disclosure"]["applied"] is not True or raw["disclosure"]["applied"] is not False:
        fail("disclosure.applied")
    for i, r in enumerate(results):
        if r["row"] != i:
            fail(f"row {i} numbered {r['row']}")
        if r["measure"] != framework["measures"][r["measure_index"]]["id"]:
            fail(f"row {i}: measure id")
    for r in raw["results"]:
        if "no_disclosure" not in r["flags"]:
            fail("raw row without no_disclosure")

    # --- disclosure, checked against the true counts ---------------------------
    scoring = [m["scoring"] for m in framework["measures"]]
    n_sup = n_sec = 0
    for r, t in zip(results, raw["results"]):
        sc = scoring[r["measure_index"]]
        suppressed = "suppressed" in r["flags"] or "secondary_suppressed" in r["flags"]
        n_sup += suppressed
        n_sec += "secondary_suppressed" in r["flags"]
        num, den = t["numerator"], t["denominator"]
        if r["kind"] != "estimate":
            # SII and RII carry no counts (intervals are exempt from disclosure)
            if r["numerator"] is not None or r["denominator"] is not None or suppressed:
                fail(f"row {r['row']}: an inequality row with counts or suppressed")
            continue
        if sc in ("proportion", "ratio"):
            must = 1 <= num <= 7 or (sc == "proportion" and 1 <= den - num <= 7)
        else:
            must = 1 <= den <= 7
        if must and "suppressed" not in r["flags"]:
            fail(f"row {r['row']}: true counts {num}/{den} published")
        if suppressed:
            if r["numerator"] is not None or r["estimate"]["value"] is not None:
                fail(f"row {r['row']}: suppressed but shown")
        elif sc in ("proportion", "ratio"):
            if r["numerator"] % 5 != 0 or abs(r["numerator"] - num) > 2:
                fail(f"row {r['row']}: numerator {r['numerator']} for {num}")
            if sc == "proportion" and (r["denominator"] % 5 != 0 or abs(r["denominator"] - den) > 2):
                fail(f"row {r['row']}: denominator {r['denominator']} for {den}")
    if n_sup == 0 or n_sec == 0:
        fail("the table exercises no suppression")

    # --- CSV ---------------------------------------------------------------------
    with open(os.path.join(out, "report.csv"), newline="", encoding="utf-8") as f:
        text = f.read()
    if "\r\n" not in text:
        fail("CSV lines do not end in CRLF")
    rows = list(csv.DictReader(text.splitlines(keepends=True)))
    if len(rows) != len(results):
        fail(f"CSV has {len(rows)} rows, JSON {len(results)}")

    def csv_num(s):
        return None if s == "" else float(s)

    for c, r in zip(rows, results):
        where = f"CSV row {c['row']}"
        checks = [
            (int(c["row"]), r["row"]), (c["measure"], r["measure"]), (c["level"], r["level"]),
            (int(c["unit_index"]), r["unit_index"]), (c["aim"], r["aim"]), (c["kind"], r["kind"]),
            (c["period"], str(r["period"])), (c["period_start"], r["period_start"]),
            (c["period_end"], r["period_end"]), (c["method"], r["estimate"]["method"]),
            (c["flags"].split(), r["flags"]),
            (c["funnel"] or None, r["funnel"]),
            (c["target_met"] or None, None if r["target_met"] is None else str(r["target_met"]).lower()),
        ]
        strata = [(c["stratum_a"], c["value_a"]), (c["stratum_b"], c["value_b"])]
        strata = [s for s in strata if s[0]]
        checks.append((strata, [(s["stratum"], s["value"]) for s in r["strata"]]))
        for got, want in checks:
            if got != want:
                fail(f"{where}: {got!r} != {want!r}")
        for key, val in (("value", r["estimate"]["value"]), ("lower", r["estimate"]["lower"]),
                         ("upper", r["estimate"]["upper"]), ("n", r["estimate"]["n"]),
                         ("numerator", r["numerator"]), ("denominator", r["denominator"]),
                         ("target", r["target"])):
            if not same_number(csv_num(c[key]), val):
                fail(f"{where}: {key} {c[key]!r} != {val!r}")

    # --- FHIR --------------------------------------------------------------------
    _, bundle = load("report.fhir.json")
    _, bundle_pretty = load("report.fhir.pretty.json")
    if bundle != bundle_pretty:
        fail("the pretty FHIR Bundle differs")
    if bundle["resourceType"] != "Bundle" or bundle["type"] != "collection":
        fail("not a collection Bundle")
    if bundle["identifier"]["value"] != "urn:carealign:framework-sha256:" + report["framework"]["sha256"]:
        fail("Bundle identifier is not the framework hash")
    seen = {}
    versions = {m["id"]: m["version"] for m in framework["measures"]}
    ext_base = "urn:carealign:fhir:"

    def ext(element, name):
        return [e for e in element.get("extension", []) if e["url"] == ext_base + name]

    def check_figures(element, mr):
        row = ext(element, "result-row")
        if len(row) != 1:
            fail(f"{mr['id']}: an element without its result row")
        r = results[row[0]["valueInteger"]]
        if r["row"] in seen:
            fail(f"row {r['row']} twice in FHIR")
        seen[r["row"]] = True
        m = r["measure"]
        if mr["measure"] != f"urn:carealign:framework:{framework['id']}:measure:{m}|{versions[m]}":
            fail(f"{mr['id']}: measure {mr['measure']}")
        if mr["period"] != {"start": r["period_start"], "end": r["period_end"]}:
            fail(f"{mr['id']}: period")
        flags = [e["valueCode"] for e in ext(element, "result-flag")]
        if flags != r["flags"]:
            fail(f"row {r['row']}: FHIR flags {flags} != {r['flags']}")
        pops = {p["code"]["coding"][0]["code"]: p for p in element.get("population", [])}
        masked = "suppressed" in r["flags"] or "secondary_suppressed" in r["flags"]
        sc = scoring[r["measure_index"]]
        expected = []
        kind = [e["valueCode"] for e in ext(mr, "result-kind")]
        if kind != ([] if r["kind"] == "estimate" else [r["kind"]]):
            fail(f"row {r['row']}: result-kind {kind} for a {r['kind']} row")
        if r["kind"] != "estimate":
            # SII and RII: no populations; the stratum they span is named
            if "population" in element:
                fail(f"row {r['row']}: populations on an inequality row")
            across = [e["valueString"] for e in ext(mr, "inequality-stratifier")]
            if across != [r["strata"][0]["stratum"]]:
                fail(f"row {r['row']}: inequality stratifier {across}")
        elif sc != "continuous-variable":
            expected.append(("numerator", r["numerator"]))
        if r["kind"] != "estimate":
            pass
        elif sc == "continuous-variable":
            expected.append(("measure-population", r["denominator"]))
        elif sc == "proportion":
            expected.append(("denominator", r["denominator"]))
        else:
            d = ext(element, "denominator")
            got = d[0]["valueDecimal"] if d else None
            if not same_number(got, r["denominator"]):
                fail(f"row {r['row']}: denominator extension {got} != {r['denominator']}")
        if sorted(pops) != sorted(code for code, _ in expected):
            fail(f"row {r['row']}: populations {sorted(pops)}")
        for code, want in expected:
            p = pops[code]
            if want is None:
                if "count" in p:
                    fail(f"row {r['row']}: {code} count shown for a null")
                if masked:
                    reason = p["_count"]["extension"][0]
                    if reason["url"] != "http://hl7.org/fhir/StructureDefinition/data-absent-reason" or reason["valueCode"] != "masked":
                        fail(f"row {r['row']}: {code} not masked")
            elif float(want).is_integer():
                if p.get("count") != want:
                    fail(f"row {r['row']}: {code} {p.get('count')} != {want}")
            else:
                v = ext(p, "population-value")
                if not v or not same_number(v[0]["valueDecimal"], want):
                    fail(f"row {r['row']}: {code} value != {want}")
        score = element["measureScore"]
        if not same_number(score.get("value"), r["estimate"]["value"]):
            fail(f"row {r['row']}: measureScore {score.get('value')} != {r['estimate']['value']}")
        ci = ext(score, "confidence-interval")
        lower = upper = None
        if ci:
            parts = {e["url"]: e for e in ci[0]["extension"]}
            lower = parts.get("lower", {}).get("valueDecimal")
            upper = parts.get("upper", {}).get("valueDecimal")
            if parts["level"]["valueDecimal"] != report["confidence"]:
                fail("interval level")
            if parts["method"]["valueCode"] != r["estimate"]["method"]:
                fail("interval method")
        if not same_number(lower, r["estimate"]["lower"]) or not same_number(upper, r["estimate"]["upper"]):
            fail(f"row {r['row']}: interval {lower},{upper}")

    n_reports = 0
    for entry in bundle["entry"]:
        mr = entry["resource"]
        n_reports += 1
        if mr["resourceType"] != "MeasureReport" or mr["type"] != "summary" or mr["status"] != "complete":
            fail("not a summary MeasureReport")
        if len(mr["group"]) != 1:
            fail("one group per MeasureReport")
        group = mr["group"][0]
        check_figures(group, mr)
        for stratifier in group.get("stratifier", []):
            names = [c["text"] for c in stratifier["code"]]
            for stratum in stratifier["stratum"]:
                r = results[ext(stratum, "result-row")[0]["valueInteger"]]
                if [s["stratum"] for s in r["strata"]] != names:
                    fail(f"row {r['row']}: stratifier {names}")
                if len(names) == 1:
                    got = [stratum["value"]["text"]]
                else:
                    got = [c["value"]["text"] for c in stratum["component"]]
                if got != [s["value"] for s in r["strata"]]:
                    fail(f"row {r['row']}: stratum values {got}")
                check_figures(stratum, mr)
    # every row, SII and RII included, is in the Bundle once
    n_inequality = sum(1 for r in results if r["kind"] != "estimate")
    if n_inequality == 0:
        fail("the report has no SII or RII rows to check")
    if len(seen) != len(results):
        fail(f"FHIR covers {len(seen)} rows of {len(results)}")
    print(f"ok: {len(results)} rows ({n_sup} suppressed, {n_sec} secondary) agree across JSON, "
          f"CSV and {n_reports} MeasureReports; JSON valid against the schema")


if __name__ == "__main__":
    main()
