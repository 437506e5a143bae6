"""Fails, listing them, when an exported function of the library was never
executed by the test suite (gcovr's JSON report of a `coverage` build).

usage: check_exports_covered.py COVERAGE.json EXPORTS.txt
"""

import json
import sys


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        report = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        exports = [line.strip() for line in f if line.strip()]
    calls = {}
    for entry in report["files"]:
        if not entry["file"].startswith("lib/"):
            continue
        for fn in entry.get("functions", []):
            name = fn.get("demangled_name") or fn["name"]
            calls[name] = calls.get(name, 0) + fn["execution_count"]
    if not exports:
        print("coverage: no exported functions found")
        return 1
    missing = [name for name in exports if name not in calls]
    never = [name for name in exports if calls.get(name, 0) == 0 and name not in missing]
    for name in missing:
        print(f"coverage: exported {name} has no coverage data (not compiled with --coverage?)")
    for name in never:
        print(f"coverage: exported {name} is never executed by any test")
    covered = len(exports) - len(missing) - len(never)
    print(f"coverage: {covered} of {len(exports)} exported functions executed by the tests")
    return 1 if missing or never else 0


if __name__ == "__main__":
    sys.exit(main())
