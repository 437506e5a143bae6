"""Writes tests/data/bad/framework/: one malformed variant of
tests/framework/data/minimal.json per file, and MANIFEST, which gives for
each the status, line, column and a fragment of the message that
carealign_framework_load must report.

Each variant is one text substitution. The expected position is where this
script finds the offending text in the variant (a member name, a value, or
the object that lacks a member), counted independently of the library:
lines from 1 at LF, columns from 1 in characters.

usage: python3 make_bad_variants.py   (rewrites the folder; commit the result)
"""

import pathlib

HERE = pathlib.Path(__file__).resolve().parent
BASE = (HERE / "data" / "minimal.json").read_text(encoding="utf-8")
OUT = HERE.parent / "data" / "bad" / "framework"

# name, old, new, (target text, occurrence from 1) or None for 1:1, status, fragment
VARIANTS = [
    ("json-trailing-comma", '"interval": "month",\n  "population_base"',
     '"interval": "month",,\n  "population_base"', (",,", 1, 1), "EPARSE", "unexpected character ','"),
    ("json-comment", '  "interval": "month",', '  // monthly\n  "interval": "month",',
     ("// monthly", 1), "EPARSE", "comments are not allowed"),
    ("json-duplicate-key", '"version": "1",\n  "title"', '"version": "1",\n  "version": "2",\n  "title"',
     ('"version": "2"', 1), "EPARSE", 'duplicate key "version"'),
    ("json-bad-utf8", '"title": "Minimal framework for tests"', '"title": "Minimal \udcff framework"',
     ("\udcff", 1), "EPARSE", "invalid UTF-8"),
    ("json-bom", '{\n  "format"', '\ufeff{\n  "format"', None, "EPARSE", "byte order mark"),
    ("root-not-object", None, "[]\n", None, "EINVAL", "must be an object (a framework), not an array"),
    ("format-newer", '"carealign-framework/1"', '"carealign-framework/2"',
     ('"carealign-framework/2"', 1), "EUNSUPPORTED", "not a format this library reads"),
    ("format-foreign", '"carealign-framework/1"', '"fhir-measure/4"',
     ('"fhir-measure/4"', 1), "EINVAL", "not a format this library reads"),
    ("top-unknown-field", '"interval": "month"', '"intervall": "month"',
     ('"intervall"', 1), "EINVAL", "field 'intervall': unknown field (did you mean 'interval'?)"),
    ("top-missing-id", '  "id": "minimal",\n', '', ("{", 1), "EINVAL", "field 'id': missing (required)"),
    ("date-impossible", '"effective_period": {"start": "2025-04-01"',
     '"effective_period": {"start": "2025-02-30"', ('"2025-02-30"', 1), "EINVAL",
     "field 'effective_period.start': not a calendar date"),
    ("period-end-before-start", '"effective_period": {"start": "2025-04-01", "end": "2026-03-31"}',
     '"effective_period": {"start": "2025-04-01", "end": "2024-03-31"}', ('"2024-03-31"', 1), "EINVAL",
     "field 'effective_period.end': is before the start"),
    ("period-not-whole-months", '"reporting_period": {"start": "2025-04-01"',
     '"reporting_period": {"start": "2025-04-02"', ('{"start": "2025-04-02"', 1), "EINVAL",
     "must start on the first day of a month"),
    ("period-not-whole-quarters", '"reporting_period": {"start": "2025-04-01", "end": "2026-03-31"},\n  "interval": "month"',
     '"reporting_period": {"start": "2025-04-01", "end": "2026-04-30"},\n  "interval": "quarter"',
     ('{"start": "2025-04-01", "end": "2026-04-30"}', 1), "EINVAL", "whole number of quarters"),
    ("interval-unknown", '"interval": "month"', '"interval": "weekly"', ('"weekly"', 1), "EINVAL",
     "unknown value 'weekly'; expected one of: month, quarter"),
    ("base-kind-mismatch", '{"kind": "residents", "local_authorities"', '{"kind": "registered", "local_authorities"',
     ('"local_authorities"', 1), "EINVAL", "field 'population_base.local_authorities': unknown field"),
    ("base-empty", '"local_authorities": ["E06000001", "E06000002"]', '"local_authorities": []',
     ("[]", 1), "EINVAL", "field 'population_base.local_authorities': must not be empty"),
    ("base-duplicate-code", '["E06000001", "E06000002"]', '["E06000001", "E06000001"]',
     ('"E06000001"', 2), "EINVAL", "repeats code 0"),
    ("stratum-unknown-kind", '{"id": "sex", "kind": "sex"}', '{"id": "sex", "kind": "gender"}',
     ('"gender"', 1), "EINVAL", "field 'strata[2].kind': unknown value 'gender'"),
    ("stratum-duplicate-id", '{"id": "sex", "kind": "sex"}', '{"id": "age", "kind": "sex"}',
     ('"age"', 3), "EINVAL", "field 'strata[2]': id repeats that of strata[1]"),
    ("age-bands-overlap", '[{"from": 18, "to": 64}, {"from": 65}]', '[{"from": 18, "to": 64}, {"from": 60}]',
     ('{"from": 60}', 1), "EINVAL", "field 'strata[1].bands[1]': overlaps or precedes"),
    ("deprivation-no-edition", ', "grouping": "quintile", "edition": "IoD 2019"}', ', "grouping": "quintile"}',
     ('{"id": "imd"', 1), "EINVAL", "field 'strata[3].edition': missing (required)"),
    ("cross-undeclared", '"crosses": [["age", "sex"]]', '"crosses": [["age", "ethnicity"]]',
     ('"ethnicity"', 1), "EINVAL", "field 'crosses[0][1]': 'ethnicity' is not a declared stratum"),
    ("cross-self", '"crosses": [["age", "sex"]]', '"crosses": [["age", "age"]]',
     ('["age", "age"]', 1), "EINVAL", "crosses a stratum with itself"),
    ("code-set-repeated-code", '"codes": ["79"]', '"codes": ["79", "79"]', ('"79"', 2), "EINVAL",
     "field 'code_sets[0].codes[1]': repeats code 0"),
    ("unit-cost-unknown-sector", '"sector": "independent_provider"', '"sector": "independent"',
     ('"independent"', 1), "EINVAL", "field 'unit_costs.items[2].sector': unknown value 'independent'"),
    ("unit-cost-duplicate", '"sector": "nhs_community"', '"sector": "any"', ('{"contact_type": "community_visit", "sector": "any"', 2),
     "EINVAL", "prices the same contact type and sector as items[0]"),
    ("unit-cost-negative", '"pence": 3000', '"pence": -3000', ("-3000", 1), "EINVAL",
     "field 'unit_costs.items[2].pence': must be a whole number from 0"),
    ("unit-cost-fractional", '"pence": 3000', '"pence": 30.5', ("30.5", 1), "EINVAL",
     "must be a whole number"),
    ("disclosure-no-source", ', "source": "NHS Digital 2018"}', '}', ('{"suppress_max"', 1), "EINVAL",
     "field 'disclosure.source': missing (required)"),
    ("measures-empty", None, None, None, None, None),  # placeholder replaced below
    ("measure-instrument-typo", '{"code": "swemwbs", "value_set": "metric"}', '{"code": "swemwbs", "valuset": "metric"}',
     ('"valuset"', 1), "EINVAL", "measure 'swemwbs-change': field 'instrument.valuset': unknown field (did you mean 'value_set'?)"),
    ("measure-implicit-value-set", '{"code": "swemwbs", "value_set": "metric"}', '{"code": "swemwbs"}',
     ('{"code": "swemwbs"}', 1), "EINVAL", "instrument 'swemwbs' must name its value set (one of: metric, raw)"),
    ("measure-unknown-instrument", '{"code": "swemwbs", "value_set": "metric"}', '{"code": "swembws", "value_set": "metric"}',
     ('"swembws"', 1), "EUNSUPPORTED", "unknown instrument 'swembws' (did you mean 'swemwbs'?)"),
    ("measure-unknown-value-set", '{"code": "fft", "value_set": "positive"}', '{"code": "fft", "value_set": "negative"}',
     ('"negative"', 1), "EUNSUPPORTED", "unknown value set 'negative' for instrument 'fft'"),
    ("measure-missing-instrument", '      "instrument": null,\n      "journey"', '      "journey"',
     ('{\n      "id": "followup-3d"', 1), "EINVAL", "measure 'followup-3d': field 'instrument': missing (required)"),
    ("measure-official-and-local", '"official_ref": "NHS FFT 2020",', '"official_ref": "NHS FFT 2020", "local": "x",',
     ('{\n      "id": "fft-positive"', 1), "EINVAL", "has both 'official_ref' and 'local'"),
    ("measure-no-definition-source", '      "official_ref": "BCF 2025-26",\n', '',
     ('{\n      "id": "admissions-65"', 1), "EINVAL", "must say where its definition comes from"),
    ("measure-fft-comparable", '"improvement_notation": "increase",\n      "unit": "%",\n      "per": 100,\n      "spc_history": true,\n      "comparable": false',
     '"improvement_notation": "increase",\n      "unit": "%",\n      "per": 100,\n      "spc_history": true,\n      "comparable": true',
     ('true', 2), "EINVAL", "measure 'fft-positive': field 'comparable': must be false: Friends and Family Test"),
    ("measure-duplicate-id", '"id": "followup-3d"', '"id": "fft-positive"', ('"fft-positive"', 2), "EINVAL",
     "measure 'fft-positive': field 'id': repeats the id of measure 1"),
    ("measure-id-not-fhir", '"id": "admissions-65"', '"id": "admissions 65+"', ('"admissions 65+"', 1), "EINVAL",
     "a FHIR id"),
    ("measure-ratio-without-per", '      "per": 1e5,\n', '', ('{\n      "id": "admissions-65"', 1), "EINVAL",
     "measure 'admissions-65': field 'per': missing (required)"),
    ("measure-missing-numerator",
     '"denominator": {"journey": "discharges"},\n        "numerator": {"journey": "followed_up_within", "days": 3}\n',
     '"denominator": {"journey": "discharges"}\n', ('{\n        "initial_population": {"journey": "discharges"', 1), "EINVAL",
     "field 'populations.numerator': missing: a proportion measure needs it"),
    ("measure-proportion-observation", '"numerator": {"score": "each", "at_least": 1}',
     '"numerator": {"score": "each", "at_least": 1},\n        "measure_observation": {"score": "latest", "aggregate": "mean"}',
     ('"measure_observation"', 1), "EINVAL", "a proportion measure has no measure_observation"),
    ("criterion-unknown-kind", '"denominator": {"journey": "discharges"}', '"denominator": {"jorney": "discharges"}',
     ('"jorney"', 1), "EINVAL", "field 'populations.denominator.jorney': unknown field (did you mean 'journey'?)"),
    ("criterion-unknown-figure", '"denominator": {"journey": "discharges"}', '"denominator": {"journey": "dischages"}',
     ('"dischages"', 1), "EINVAL", "unknown value 'dischages' (did you mean 'discharges'?)"),
    ("criterion-two-kinds", '"denominator": {"journey": "discharges"}', '"denominator": {"journey": "discharges", "response": "any"}',
     ('{"journey": "discharges", "response"', 1), "EINVAL", "names two kinds"),
    ("criterion-days-not-declared", '"numerator": {"journey": "followed_up_within", "days": 3}',
     '"numerator": {"journey": "followed_up_within", "days": 2}', ('2}', 1), "EINVAL",
     "2 is not in the measure's journey.followup_within_days"),
    ("criterion-two-counts", '{"contacts": "count", "types": ["emergency_admission"]}]',
     '{"contacts": "count", "types": ["emergency_admission"]}, {"journey": "bed_days"}]',
     ('{"journey": "bed_days"}', 1), "EINVAL", "an \"all\" counts at most one thing"),
    ("criterion-nested-all", '"initial_population": {"all": [{"population": "base"}, ',
     '"initial_population": {"all": [{"all": [{"population": "base"}]}, ', ('{"all": [{"population": "base"}]}', 1),
     "EINVAL", "\"all\" cannot be nested"),
    ("criterion-unknown-contact-type", '"types": ["emergency_admission"]', '"types": ["emergency_admision"]',
     ('"emergency_admision"', 1), "EINVAL", "did you mean 'emergency_admission'?"),
    ("criterion-score-needs-threshold", '"initial_population": {"response": "paired"}',
     '"initial_population": {"score": "latest"}', ('{"score": "latest"}', 1), "EINVAL",
     "a score in a population criterion needs a threshold"),
    ("criterion-mid-missing", '      "minimal_important_difference": {"value": 3, "source": "Shah 2018"},\n      "populations": {\n        "initial_population": {"response": "paired"},\n        "measure_observation": {"change": "value", "aggregate": "mean"}',
     '      "populations": {\n        "initial_population": {"change": "improved_by_mid"},\n        "measure_observation": {"change": "value", "aggregate": "mean"}',
     ('"change": "improved_by_mid"', 1), "EINVAL", "needs the measure's 'minimal_important_difference'"),
    ("observation-no-aggregate", '"measure_observation": {"change": "value", "aggregate": "mean"}',
     '"measure_observation": {"change": "value"}', ('{"change": "value"}', 1), "EINVAL", "missing 'aggregate'"),
    ("param-unknown", '"followup_within_days": [3, 7]', '"folowup_within_days": [3, 7]', ('"folowup_within_days"', 1),
     "EINVAL", "field 'journey.folowup_within_days': unknown journey parameter (did you mean 'followup_within_days'?)"),
    ("param-implicit-code-set", '"excluded_destinations": "died"', '"excluded_destinations": "dead"', ('"dead"', 1),
     "EINVAL", "'dead' is not a declared code set"),
    ("param-list-not-increasing", '"followup_within_days": [3, 7]', '"followup_within_days": [7, 3]', ("3]", 1),
     "EINVAL", "field 'journey.followup_within_days[1]': entries must increase"),
    ("param-bad-name", '"same_day": "collapse"', '"same_day": "merge"', ('"merge"', 1), "EINVAL",
     "unknown value 'merge'; expected one of: keep, collapse, by_minute"),
    ("pairing-without-instrument", '"instrument": {"code": "swemwbs", "value_set": "metric"}',
     '"instrument": null', ('{"baseline"', 1), "EINVAL", "the measure names no instrument"),
    ("stdpop-on-proportion", '"per": 100,\n      "spc_history": true,\n      "comparable": false\n    },\n    {\n      "id": "followup-3d"',
     '"per": 100,\n      "standard_population": "esp2013",\n      "spc_history": true,\n      "comparable": false\n    },\n    {\n      "id": "followup-3d"',
     ('"esp2013"', 1), "EINVAL", "direct standardisation applies to ratio"),
    ("inequality-without-deprivation", ',\n    {"id": "imd", "kind": "deprivation", "grouping": "quintile", "edition": "IoD 2019"}', '',
     ('true\n    },\n    {\n      "id": "admissions-65"', 1), "EINVAL", "needs a deprivation stratum"),
]


def position(text: str, target: str, occurrence: int, offset: int = 0):
    at = -1
    for _ in range(occurrence):
        at = text.index(target, at + 1)
    at += offset
    line = text.count("\n", 0, at) + 1
    column = at - (text.rfind("\n", 0, at) + 1) + 1
    return line, column


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for old in OUT.glob("*.json"):
        old.unlink()
    manifest = ["# file | status | line | column | message fragment",
                "# Written by tests/framework/make_bad_variants.py from "
                "tests/framework/data/minimal.json."]
    for name, old, new, target, status, fragment in VARIANTS:
        if name == "measures-empty":
            start = BASE.index('  "measures": [')
            text = BASE[:start] + '  "measures": []\n}\n'
            line, column = position(text, "[]", 1)
            status, fragment = "EINVAL", "field 'measures': must have at least one measure"
        else:
            if old is None:
                text = new
            else:
                assert BASE.count(old) == 1, (name, BASE.count(old))
                text = BASE.replace(old, new)
            if target is None:
                line, column = 1, 1
            else:
                line, column = position(text, *target)
        data = text.encode("utf-8", "surrogateescape")
        (OUT / f"{name}.json").write_bytes(data)
        manifest.append(f"{name}.json | {status} | {line} | {column} | {fragment}")
    (OUT / "MANIFEST").write_text("\n".join(manifest) + "\n", encoding="utf-8")
    print(f"{len(VARIANTS)} variants written to {OUT}")


if __name__ == "__main__":
    main()
