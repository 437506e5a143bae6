"""Every function the shared library exports has a ctypes declaration in
carealign._lib (argtypes and restype), and nothing is declared that the
library does not export.

usage: check_bindings.py LIBRARY
"""

import subprocess
import sys

from carealign import _lib


def exported(library: str) -> set[str]:
    out = subprocess.run(["nm", "-D", "--defined-only", library], check=True,
                         capture_output=True, text=True).stdout
    return {line.split()[-1].split("@")[0] for line in out.splitlines()
            if line.split()[-2] in ("T", "W")}


def main() -> int:
    symbols = exported(sys.argv[1])
    problems = [f"exported but not bound in carealign._lib: {n}"
                for n in sorted(symbols - _lib.DECLARED)]
    problems += [f"bound but not exported: {n}" for n in sorted(_lib.DECLARED - symbols)]
    for p in problems:
        print("FAIL:", p)
    print(f"{len(symbols)} exported, {len(_lib.DECLARED)} bound, {len(problems)} problems")
    return 1 if problems or not symbols else 0


if __name__ == "__main__":
    sys.exit(main())
