"""Framework bindings. Expected values come from the framework files read
with Python's own json module, an independent canonical form built here
(RFC 8785 rules on exact decimals, as docs/framework.md defines), hashlib's
SHA-256, and tests/data/bad/framework/MANIFEST (positions found in the text
by tests/framework/make_bad_variants.py)."""

import ctypes
import decimal
import hashlib
import io
import json
import pathlib
import unittest

import carealign
from carealign import _lib, framework
from carealign.framework import Framework

ROOT = pathlib.Path(__file__).resolve().parents[3]
ENGLAND = ROOT / "examples" / "frameworks" / "england-integrated-care.json"
LD = ROOT / "examples" / "frameworks" / "learning-disability-service.json"
MINIMAL = ROOT / "tests" / "framework" / "data" / "minimal.json"
BAD = ROOT / "tests" / "data" / "bad" / "framework"


def read_json(path):
    return json.loads(pathlib.Path(path).read_text(encoding="utf-8"),
                      parse_float=decimal.Decimal, parse_int=decimal.Decimal)


def number(d):
    if d == 0:
        return "0"
    t = abs(d).normalize().as_tuple()
    digits = "".join(map(str, t.digits))
    k, n = len(digits), len(t.digits) + t.exponent
    if k <= n <= 21:
        body = digits + "0" * (n - k)
    elif 0 < n <= 21:
        body = digits[:n] + "." + digits[n:]
    elif -6 < n <= 0:
        body = "0." + "0" * -n + digits
    else:
        body = digits[0] + ("." + digits[1:] if k > 1 else "") + f"e{'+' if n > 0 else '-'}{abs(n - 1)}"
    return ("-" if d < 0 else "") + body


def canonical(v):
    if isinstance(v, bool) or v is None:
        return json.dumps(v)
    if isinstance(v, decimal.Decimal):
        return number(v)
    if isinstance(v, str):
        out = []
        for ch in v:
            out.append({'"': '\\"', "\\": "\\\\", "\b": "\\b", "\t": "\\t", "\n": "\\n",
                        "\f": "\\f", "\r": "\\r"}.get(ch) or
                       (f"\\u{ord(ch):04x}" if ord(ch) < 0x20 else ch))
        return '"' + "".join(out) + '"'
    if isinstance(v, list):
        return "[" + ",".join(canonical(x) for x in v) + "]"
    return "{" + ",".join(canonical(k) + ":" + canonical(v[k])
                          for k in sorted(v, key=lambda s: s.encode("utf-16-be"))) + "}"


class LoadTest(unittest.TestCase):
    def test_england_matches_the_file(self):
        doc = read_json(ENGLAND)
        with framework.load_file(ENGLAND) as fw:
            self.assertEqual(fw.id, doc["id"])
            self.assertEqual(fw.version, doc["version"])
            self.assertEqual(fw.title, doc["title"])
            measures = fw.measures
            self.assertEqual([m.id for m in measures], [m["id"] for m in doc["measures"]])
            for m, d in zip(measures, doc["measures"]):
                self.assertEqual(m.title, d["title"])
                self.assertEqual(m.aim, d["aim"])
                self.assertEqual(m.scoring, d["scoring"])
                self.assertEqual(m.unit, d["unit"])
                self.assertEqual(m.citation, d["citation"])
                self.assertEqual(m.official_ref, d.get("official_ref", ""))
                self.assertEqual(m.is_local, "local" in d)
                self.assertEqual(m.comparable, d["comparable"])
                self.assertEqual(m.per, float(d.get("per", 1)))
                inst = d["instrument"]
                self.assertEqual(m.instrument, inst["code"] if inst else "")
                self.assertEqual(m.valueset, inst["value_set"] if inst else "")
                self.assertEqual(set(m.criteria), set(d["populations"]))
                self.assertEqual(set(m.params), set(d.get("journey", {})))
            info = fw.info()
            self.assertEqual(info["ce_threshold_pence"],
                             int(doc["cost_effectiveness"]["threshold_pence_per_qaly"]))
            self.assertEqual(info["disclosure_suppress_max"], 7)
            self.assertEqual(len(fw.periods), 12)
            self.assertEqual(fw.population_codes, doc["population_base"]["local_authorities"])
            self.assertEqual([s.id for s in fw.strata], [s["id"] for s in doc["strata"]])
            age = fw.strata[2]
            self.assertEqual(age.bands, ((18, 64), (65, 74), (75, 84), (85, None)))
            self.assertEqual(fw.crosses, [(2, 3)])
            self.assertEqual(len(fw.unit_costs), len(doc["unit_costs"]["items"]))

    def test_measure_details(self):
        with Framework.load_file(MINIMAL) as fw:
            m = fw.measure("swemwbs-change")
            self.assertEqual(m.mid, 3.0)
            self.assertEqual(m.target, 1.5)
            self.assertEqual(m.pairing["window_days"], (42, 182))
            (obs,) = m.criteria["measure_observation"]
            self.assertEqual(obs.kind, "change")
            self.assertFalse(obs.is_condition)
            f = fw.measure("followup-3d")
            self.assertEqual(f.params["followup_within_days"].values, (3, 7))
            self.assertEqual(f.params["followup_types"].mask, (1 << 4) | (1 << 6))
            codes = fw.valuesets[f.params["excluded_destinations"].valueset]
            self.assertEqual(codes.codes, ("79",))
            a = fw.measure("admissions-65")
            self.assertEqual(a.per, 100000.0)
            age, count = a.criteria["numerator"]
            self.assertEqual((age.kind, age.at_least, age.is_condition), ("person", 65.0, True))
            self.assertEqual((count.kind, count.values), ("contacts", (2,)))
            self.assertEqual(fw.unit_cost(4, 2), 7000)
            self.assertEqual(fw.unit_cost(4, 9), 6500)
            with self.assertRaises(carealign.CarealignError) as caught:
                fw.unit_cost(1, 1)
            self.assertEqual(caught.exception.status, _lib.EMISSING)
            with self.assertRaises(carealign.CarealignError):
                fw.measure("nope")

    def test_code_names(self):
        self.assertEqual(framework.code_name(framework.TABLE_AIM, 4), "integration")
        self.assertEqual(framework.code_name(framework.TABLE_SECTOR, 1), "nhs_acute")
        self.assertEqual(framework.code_name(framework.TABLE_AIM, 99), "")

    def test_closed_framework_refuses_use(self):
        fw = Framework.load_file(MINIMAL)
        with fw:
            self.assertEqual(len(fw.hash), 32)
        with self.assertRaises(ValueError):
            fw.hash
        fw.close()  # twice is fine


class IdentityTest(unittest.TestCase):
    def test_canonical_and_hash_are_independent_of_the_library(self):
        for path in (ENGLAND, LD, MINIMAL):
            expected = canonical(read_json(path)).encode("utf-8")
            with Framework.load_file(path) as fw:
                self.assertEqual(fw.canonical(), expected)
                self.assertEqual(fw.hash, hashlib.sha256(expected).digest())
                self.assertEqual(framework.validate(expected), fw.hash)

    def test_layout_does_not_change_the_identity(self):
        doc = json.loads(MINIMAL.read_text(encoding="utf-8"))
        reordered = json.dumps(dict(reversed(list(doc.items()))), indent=7, ensure_ascii=True)
        self.assertEqual(framework.validate(reordered), framework.validate(MINIMAL.read_bytes()))
        doc["title"] += "!"
        self.assertNotEqual(framework.validate(json.dumps(doc)),
                            framework.validate(MINIMAL.read_bytes()))


class FhirTest(unittest.TestCase):
    def test_bundle_carries_each_criterion(self):
        doc = read_json(ENGLAND)
        with Framework.load_file(ENGLAND) as fw:
            bundle = json.loads(fw.to_fhir())
            pretty = json.loads(fw.to_fhir(pretty=True))
            stream = io.BytesIO()
            fw.write_fhir(stream)
            self.assertEqual(stream.getvalue().decode(), fw.to_fhir())
        self.assertEqual(bundle, pretty)
        self.assertEqual(bundle["resourceType"], "Bundle")
        self.assertEqual(bundle["type"], "collection")
        codes = {"initial_population": "initial-population", "denominator": "denominator",
                 "numerator": "numerator", "measure_observation": "measure-observation"}
        for entry, m in zip(bundle["entry"], doc["measures"]):
            measure = entry["resource"]
            self.assertEqual(measure["id"], m["id"])
            self.assertEqual(measure["scoring"]["coding"][0]["code"], m["scoring"])
            pops = measure["group"][0]["population"]
            self.assertEqual(len(pops), len(m["populations"]))
            for pop in pops:
                code = pop["code"]["coding"][0]["code"]
                name = {v: k for k, v in codes.items()}.get(code, code)
                if code == "measure-population":
                    name = "denominator"
                self.assertEqual(pop["criteria"]["language"], "text/x-carealign")
                self.assertEqual(pop["criteria"]["expression"],
                                 canonical(m["populations"][name]))

    def test_json_schema_form_and_base_url(self):
        with Framework.load_file(MINIMAL) as fw:
            text = fw.to_fhir(json_schema=True, base_url="https://fhir.example.org/r4")
        bundle = json.loads(text)
        crit = bundle["entry"][0]["resource"]["group"][0]["population"][0]["criteria"]
        self.assertNotIn("language", crit)
        self.assertEqual(crit["_language"]["extension"][0]["valueCode"], "text/x-carealign")
        self.assertEqual(bundle["entry"][0]["fullUrl"],
                         "https://fhir.example.org/r4/Measure/fft-positive")


class ErrorTest(unittest.TestCase):
    def test_bad_variants_report_file_line_column_and_field(self):
        rows = [line.split("|") for line in (BAD / "MANIFEST").read_text().splitlines()
                if line and not line.startswith("#")]
        self.assertGreaterEqual(len(rows), 60)
        for name, status, line, column, fragment in ([c.strip() for c in r] for r in rows):
            with self.subTest(name):
                with self.assertRaises(carealign.CarealignError) as caught:
                    framework.validate((BAD / name).read_bytes(), source_name=name)
                self.assertEqual(caught.exception.name, status)
                self.assertTrue(caught.exception.message.startswith(f"{name}:{line}:{column}: "))
                self.assertIn(fragment, caught.exception.message)
                self.assertEqual(_lib.lib.carealign_last_error_line(), int(line))
                self.assertEqual(_lib.lib.carealign_last_error_column(), int(column))

    def test_limits(self):
        data = MINIMAL.read_bytes()
        with self.assertRaises(carealign.CarealignError) as caught:
            Framework.load(data, max_bytes=100)
        self.assertEqual(caught.exception.status, _lib.ERANGE)


class JourneyOptionsTest(unittest.TestCase):
    # Expected values: the files' own journey parameters and, for ASCOF 2D,
    # the parameter set of docs/journey.md (DHSC's ASCOF 2D SQL). 2025-04-01
    # is day 20179 and 2026-03-31 day 20543 (Python's datetime).
    def test_ascof2d_options(self):
        with Framework.load_file(ENGLAND) as fw:
            d = fw.journey_options_dict("ascof-2d")
        self.assertEqual((d["period_start"], d["period_end"]), (20179, 20543))
        self.assertEqual(d["has"], 0x1 | 0x2)  # HAS_PERIOD | HAS_REABLEMENT_MIN_AGE
        self.assertEqual(d["flags"], 0x80 | 0x4 | 0x8 | 0x10 | 0x40)
        self.assertEqual((d["reablement_followup_days"], d["reablement_before"],
                          d["reablement_after"], d["reablement_cluster_gap"],
                          d["reablement_min_age"], d["reablement_outcome"]),
                         (84, 7, 3, 7, 65, 0))
        self.assertEqual(d["reablement_excluded_methods"], [31, 32, 82, 83])
        self.assertEqual(d["reablement_excluded_destinations"], [49, 50, 51, 52, 79, 87, 88])
        self.assertEqual(d["readmission_excluded_methods"], [])
        self.assertEqual(len(d["unit_costs"]), 16)
        self.assertEqual(d["unit_costs"][6][4], 4200)  # GP appointment, primary care
        self.assertIsNone(d["unit_costs"][6][2])
        self.assertEqual(d["unit_costs"][5][31], 3000)  # homecare, any sector

    def test_followup_options_and_end_to_end(self):
        from carealign.journey import Journey
        with Framework.load_file(LD) as fw:
            d = fw.journey_options_dict(fw.find_measure("followup-after-discharge"))
            self.assertEqual(d["followup_within"], [3, 7, 0, 0])
            self.assertEqual(d["reablement_excluded_destinations"], [])
            self.assertEqual(d["discharge_excluded_destinations"], [79])
            opts = fw.journey_options("followup-after-discharge")
            with Journey() as j:
                # Emergency admission 2025-04-17 to 2025-04-20 at the acute trust
                # (3 days at 45000); community visit by the community trust on
                # 2025-04-25 (7200): followed up 5 days after discharge.
                j.add(0, 1, 2, 20195, end_day=20198, activity=3)
                j.add(1, 2, 4, 20203)
                r = j.compute(opts)
        self.assertEqual(r["n_discharges"], 1)
        self.assertEqual(r["n_followup_within"], [0, 1, 0, 0])
        self.assertEqual(r["cost_pence"], 3 * 45000 + 7200)

    def test_max_age(self):
        text = LD.read_text(encoding="utf-8").replace(
            '"min_contacts": 3', '"min_contacts": 3, "max_age": 64', 1)
        with Framework.load(text) as fw:
            d = fw.journey_options_dict("continuity-of-care")
        self.assertEqual(d["reablement_max_age"], 64)
        self.assertTrue(d["has"] & 0x8)  # CAREALIGN_JOPT_HAS_REABLEMENT_MAX_AGE


class MirrorTest(unittest.TestCase):
    def test_sizes_and_offsets_match_the_header(self):
        sizes = {_lib.FrameworkLoadOptions: 40, _lib.FrameworkInfo: 240,
                 _lib.FrameworkStratum: 72, _lib.FrameworkValueset: 80, _lib.UnitCost: 32,
                 _lib.MeasureInfo: 296, _lib.FrameworkParam: 80, _lib.FrameworkAtom: 72,
                 _lib.WriteOptions: 32}
        for cls, size in sizes.items():
            self.assertEqual(ctypes.sizeof(cls), size, cls.__name__)
        self.assertEqual(_lib.FrameworkInfo.hash.offset, 208)
        self.assertEqual(_lib.MeasureInfo.aim.offset, 168)
        self.assertEqual(_lib.MeasureInfo.url_len.offset, 288)
        self.assertEqual(_lib.FrameworkParam.mask.offset, 56)
        self.assertEqual(_lib.FrameworkAtom.sectors.offset, 56)

    def test_init_functions_agree(self):
        for cls, fn in ((_lib.MeasureInfo, "carealign_measure_info_init"),
                        (_lib.FrameworkInfo, "carealign_framework_info_init"),
                        (_lib.UnitCost, "carealign_unit_cost_init"),
                        (_lib.WriteOptions, "carealign_write_options_init")):
            rec = cls()
            getattr(_lib.lib, fn)(ctypes.byref(rec), ctypes.sizeof(cls))
            self.assertEqual(rec.size, ctypes.sizeof(cls))


if __name__ == "__main__":
    unittest.main()
