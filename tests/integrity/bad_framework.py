"""Hostile variants of a real framework file (tests/data/bad/framework-hostile/
base.json, a frozen copy of examples/frameworks/england-integrated-care.json,
so that edits to the example do not move the expected positions) fed to carealign_framework_load through the
Python binding: each must give the status and error fragment that
tests/data/bad/framework-hostile/MANIFEST expects, naming the source, line
and column, and never crash or hang. The variants are made here at test
time from the example (so the multi-megabyte ones are not committed); the
small hand-made invalid frameworks are in tests/data/bad/framework/ and run
by tests/framework/test_load.c.

usage: bad_framework.py BASE.json MANIFEST [--print]
"""

import json
import re
import sys

from carealign import framework
from carealign._lib import CarealignError

MIB = 1 << 20


def sub(pattern, replacement, count=1):
    """A variant that replaces the first match of a regex in the text."""
    def make(text):
        out, n = re.subn(pattern, replacement, text, count=count)
        if n == 0:
            raise SystemExit(f"variant pattern {pattern!r} not found in the example")
        return out.encode("utf-8")
    return make


def on_json(change):
    """A variant that edits the parsed framework and writes it back out."""
    def make(text):
        doc = json.loads(text)
        change(doc)
        return json.dumps(doc, indent=1, ensure_ascii=False).encode("utf-8")
    return make


def _dup_measure(doc):
    doc["measures"].append(dict(doc["measures"][0]))


def _many_crosses(doc):
    doc["crosses"] = [["age", "sex"]] * 100000


def _many_authorities(doc):
    # 10 000, not 100 000: the loader's duplicate check is quadratic today
    # (100 000 codes take about a minute; see docs/testing.md, known gaps).
    doc["population_base"]["local_authorities"] = ["E%08d" % i for i in range(10000)]


VARIANTS = {
    "as-is": lambda t: t.encode("utf-8"),
    "crlf": lambda t: t.replace("\n", "\r\n").encode("utf-8"),
    "bom": lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"),
    "utf16le": lambda t: t.encode("utf-16-le"),
    "utf16be-bom": lambda t: t.encode("utf-16"),
    "latin1": lambda t: t.encode("utf-8").replace("£".encode("utf-8"), b"\xa3"),
    "truncated-half": lambda t: t.encode("utf-8")[: len(t.encode("utf-8")) // 2],
    "truncated-last-brace": lambda t: t.encode("utf-8").rstrip()[:-1],
    "truncated-in-string": lambda t: t.encode("utf-8")[: t.encode("utf-8").index(b"Leeds") + 2],
    "empty": lambda t: b"",
    "nul-in-string": lambda t: t.encode("utf-8").replace(b"Leeds", b"Le\x00ds", 1),
    "nul-escaped": sub(r'"title": "', r'"title": "\\u0000'),
    "field-1mib": sub(r'"description": "', '"description": "' + "x" * MIB),
    "file-over-16mib": lambda t: t.encode("utf-8").replace(b'"description": "',
                                                            b'"description": "' + b"x" * (17 * MIB), 1),
    "nesting-100k": sub(r'"crosses": ', '"crosses": ' + "[" * 100000),
    "crosses-100k": on_json(_many_crosses),
    "authorities-10k": on_json(_many_authorities),
    "negative-pence": sub(r'"pence": 45000', '"pence": -45000'),
    "negative-suppress": sub(r'"suppress_max": 7', '"suppress_max": -7'),
    "nan-literal": sub(r'"round_to": 5', '"round_to": NaN'),
    "huge-number": sub(r'"round_to": 5', '"round_to": 1e999'),
    "fraction": sub(r'"round_to": 5', '"round_to": 5.5'),
    "date-month-13": sub(r'"start": "2025-04-01"', '"start": "2025-13-01"'),
    "date-year-0": sub(r'"start": "2025-04-01"', '"start": "0000-01-01"'),
    "date-year-10000": sub(r'"end": "2026-03-31"', '"end": "10000-03-31"'),
    "date-feb-29": sub(r'"end": "2026-03-31"', '"end": "2026-02-29"'),
    "duplicate-measure": on_json(_dup_measure),
    "duplicate-stratum": sub(r'\{"id": "sex", "kind": "sex"\}', '{"id": "age", "kind": "sex"}'),
    "duplicate-key": sub(r'"interval": "month",', '"interval": "month", "interval": "month",'),
    "unknown-cross": sub(r'"crosses": \[\["age", "sex"\]\]', '"crosses": [["age", "religion"]]'),
    "unknown-code-set": sub(r'"discharge-died"', '"discharge-dead"'),
    "unknown-sector": sub(r'"sector": "nhs_acute"', '"sector": "nhs_private"'),
    "unknown-field": sub(r'"interval": "month"', '"intervall": "month"'),
}


def manifest(path):
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 4:
                raise SystemExit(f"MANIFEST:{number}: expected 4 fields")
            yield number, parts[0], parts[1], parts[2], parts[3]


def load(data):
    """(status name, message): status OK with an empty message on success."""
    try:
        with framework.load(data, source_name="hostile.json"):
            return "OK", ""
    except CarealignError as e:
        return e.name, e.message


def main():
    example, manifest_path = sys.argv[1], sys.argv[2]
    with open(example, encoding="utf-8") as f:
        text = f.read()
    if "--print" in sys.argv:
        for name, make in VARIANTS.items():
            status, message = load(make(text))
            print(f"{name} | {status} | {message[:150]}")
        return 0
    failed = 0
    seen = set()
    cases = list(manifest(manifest_path))
    for number, name, want_status, where, fragment in cases:
        seen.add(name)
        if name not in VARIANTS:
            print(f"FAIL MANIFEST line {number}: no variant {name}")
            failed += 1
            continue
        status, message = load(VARIANTS[name](text))
        problems = []
        if status != want_status:
            problems.append(f"status {status}, expected {want_status}")
        if where != "-" and not message.startswith("hostile.json:" + where + ":"):
            problems.append(f"message does not start with hostile.json:{where}:")
        if fragment not in message:
            problems.append(f"message lacks {fragment!r}")
        if len(message) > 400:
            problems.append("message longer than 400 characters (content repeated?)")
        if problems:
            failed += 1
            print(f"FAIL {name}: {'; '.join(problems)}\n  got: {status}: {message[:300]}")
        else:
            print(f"ok   {name}: {status} {message[:100]}")
    for name in VARIANTS:
        if name not in seen:
            print(f"FAIL: variant {name} has no MANIFEST line")
            failed += 1
    print(f"{len(cases)} cases, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
