"""Lists the exported functions that no allocation-failure workload calls.

Each public header is one layer (common.h is the core). A layer with a
workload (tests/alloc_failure/workload_<layer>.c) fails the check when any
of its exported functions is called by no workload and not by the harness;
layers without one are only reported, so a layer's workload can come later.

usage: check_every_function.py INCLUDE_DIR ALLOC_FAILURE_DIR
"""

import os
import re
import sys

LAYER_OF_HEADER = {"common.h": "core"}


def exported(include):
    """{layer: [function, ...]} from the CAREALIGN_API declarations."""
    layers = {}
    for name in sorted(os.listdir(include)):
        if not name.endswith(".h"):
            continue
        with open(os.path.join(include, name), encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
        functions = re.findall(r"CAREALIGN_API\b[^;{(]*?\b(carealign_[a-z0-9_]+)\s*\(", text)
        if functions:
            layer = LAYER_OF_HEADER.get(name, name[:-2])
            layers[layer] = sorted(set(functions))
    return layers


def main():
    include, here = sys.argv[1], sys.argv[2]
    sources = {}
    for name in sorted(os.listdir(here)):
        if name.endswith(".c"):
            with open(os.path.join(here, name), encoding="utf-8") as f:
                sources[name] = re.sub(r"/\*.*?\*/", " ", f.read(), flags=re.S)
    called = set()
    for text in sources.values():
        called.update(re.findall(r"\b(carealign_[a-z0-9_]+)\s*\(", text))
    failed = False
    for layer, functions in exported(include).items():
        missing = [f for f in functions if f not in called]
        has_workload = f"workload_{layer}.c" in sources
        state = "workload" if has_workload else "no workload yet"
        print(f"{layer}: {len(functions) - len(missing)} of {len(functions)} exported "
              f"functions called ({state})")
        for f in missing:
            print(f"  {'FAIL' if has_workload else 'note'}: {f} is called by no workload")
        failed |= has_workload and bool(missing)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
