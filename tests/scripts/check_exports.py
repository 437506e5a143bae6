"""The shared library exports exactly the functions the public headers mark
CAREALIGN_API, all in version node CAREALIGN_1, and nothing else: no
internal carealign__ symbol, nothing without the carealign_ prefix.

usage: check_exports.py LIBRARY INCLUDE_DIR
"""

import pathlib
import re
import subprocess
import sys


def exported(library: str) -> dict[str, str]:
    out = subprocess.run(["nm", "-D", "--defined-only", library], check=True,
                         capture_output=True, text=True).stdout
    symbols = {}
    for line in out.splitlines():
        parts = line.split()
        kind, name = parts[-2], parts[-1]
        base, _, version = name.partition("@@")
        if kind == "A" and "@" not in name:
            continue  # a version node such as CAREALIGN_1, not a symbol
        symbols[base] = version or name.partition("@")[2]
    return symbols


def declared(include_dir: str) -> set[str]:
    names = set()
    pattern = re.compile(r"CAREALIGN_API\b[^;(]*?\b(carealign_\w+)\s*\(", re.S)
    for header in pathlib.Path(include_dir).rglob("*.h"):
        names.update(pattern.findall(header.read_text()))
    return names


def main() -> int:
    library, include_dir = sys.argv[1], sys.argv[2]
    symbols = exported(library)
    headers = declared(include_dir)
    problems = []
    for name, version in sorted(symbols.items()):
        if not re.fullmatch(r"carealign_[a-z0-9]\w*", name):
            problems.append(f"exported symbol without the public prefix: {name}")
        if version != "CAREALIGN_1":
            problems.append(f"{name} is in version node '{version}', not CAREALIGN_1")
    for name in sorted(headers - symbols.keys()):
        problems.append(f"declared CAREALIGN_API but not exported: {name}")
    for name in sorted(symbols.keys() - headers):
        problems.append(f"exported but not declared CAREALIGN_API in a public header: {name}")
    for p in problems:
        print("FAIL:", p)
    print(f"{len(symbols)} exported symbols, {len(headers)} declared, {len(problems)} problems")
    return 1 if problems or not symbols else 0


if __name__ == "__main__":
    sys.exit(main())
