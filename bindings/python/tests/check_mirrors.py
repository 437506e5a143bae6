"""Every ctypes mirror in carealign._lib (a Structure with ``_c_name_``)
matches the C compiler's layout printed by tests/layout/print_layout.c:
same size, same fields in the same order, same offsets and sizes. And every
public struct the C side lists has a mirror.

usage: check_mirrors.py PRINT_LAYOUT_PROGRAM
"""

import ctypes
import json
import os
import subprocess
import sys

from carealign import _lib


def main() -> int:
    # The printer is a C program: in sanitizer builds it carries its own
    # runtime, which must not meet the one preloaded into this interpreter.
    env = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}
    c_layout = json.loads(subprocess.run([sys.argv[1]], check=True, capture_output=True,
                                         text=True, env=env).stdout)
    mirrors = _lib.mirrors()
    problems = []
    for name in sorted(c_layout.keys() - mirrors.keys()):
        problems.append(f"{name}: no ctypes mirror in carealign._lib")
    for name in sorted(mirrors.keys() - c_layout.keys()):
        problems.append(f"{name}: mirrored in Python but not listed in tests/layout")
    for name in sorted(c_layout.keys() & mirrors.keys()):
        c, py = c_layout[name], mirrors[name]
        if ctypes.sizeof(py) != c["size"]:
            problems.append(f"{name}: size {ctypes.sizeof(py)} in Python, {c['size']} in C")
        py_fields = [f[0] for f in py._fields_]
        if py_fields != list(c["fields"]):
            problems.append(f"{name}: fields {py_fields} in Python, {list(c['fields'])} in C")
            continue
        for field, (offset, size) in c["fields"].items():
            attr = getattr(py, field)
            if (attr.offset, attr.size) != (offset, size):
                problems.append(f"{name}.{field}: offset/size {attr.offset}/{attr.size} in "
                                f"Python, {offset}/{size} in C")
    for p in problems:
        print("FAIL:", p)
    print(f"{len(c_layout)} structs checked, {len(problems)} problems")
    return 1 if problems or not c_layout else 0


if __name__ == "__main__":
    sys.exit(main())
