#!/usr/bin/env python3
"""Mutation check for the instrument coefficients.

Every coefficient in lib/instruments/tables.c is written COEF(n) in integer
units (thousandths, ten-thousandths, hundredths or points). For each one in
turn this script writes a copy of tables.c with that single n changed by one
unit (+1 and -1, i.e. +-0.001 for EQ-5D; --one-sign for +1 only), rebuilds only
what depends on it in a scratch directory and runs the instruments cmocka
tests (tests/instruments/test_*.c) until one fails. A mutant that no test
notices is a coefficient that is not really tested: the check fails and
names it.

To stay bounded it compiles only lib/core, lib/instruments and the
instruments tests, once, with the system compiler at -O0; per mutant it
recompiles tables.c alone and links and runs test executables one at a
time, stopping at the first failure. About 150 coefficients, 300 mutants,
take under a minute on two cores.

Usage (ctest runs it with the label "mutation"):
  mutation_check.py --src SOURCE_DIR --generated BUILD_DIR/include \
      --work SCRATCH_DIR [--cc CC] [--one-sign] [--jobs N]
"""

import argparse
import concurrent.futures
import glob
import os
import re
import shlex
import shutil
import subprocess
import sys
import time

COEF = re.compile(r"COEF\((-?\d+)\)")
# The registry holds about 150 coefficients; far fewer found means the
# COEF() markers were lost and the check would prove nothing.
MINIMUM_COEFFICIENTS = 140


def run(cmd, **kw):
    return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **kw)


def must(cmd, **kw):
    result = run(cmd, **kw)
    if result.returncode != 0:
        sys.stderr.write(" ".join(shlex.quote(c) for c in cmd) + "\n" + result.stdout)
        raise SystemExit(2)
    return result


def line_of(text, offset):
    return text.count("\n", 0, offset) + 1


class Builder:
    def __init__(self, args):
        self.src = os.path.abspath(args.src)
        self.work = os.path.abspath(args.work)
        self.cc = args.cc
        cmocka = must(["pkg-config", "--cflags", "--libs", "cmocka"]).stdout.split()
        self.cmocka_cflags = [f for f in cmocka if not f.startswith("-l") and not f.startswith("-L")]
        self.cmocka_libs = [f for f in cmocka if f.startswith("-l") or f.startswith("-L")]
        self.cflags = ["-std=c11", "-O0", "-w", "-DCAREALIGN_BUILDING",
                       "-I" + os.path.join(self.src, "include"),
                       "-I" + os.path.abspath(args.generated),
                       "-I" + os.path.join(self.src, "lib"),
                       "-I" + os.path.join(self.src, "tests"),
                       "-I" + os.path.join(self.src, "tests", "instruments")] + self.cmocka_cflags
        self.tables = os.path.join(self.src, "lib", "instruments", "tables.c")
        self.tests = sorted(glob.glob(os.path.join(self.src, "tests", "instruments", "test_*.c")))

    def compile(self, source, obj):
        must([self.cc] + self.cflags + ["-c", source, "-o", obj])
        return obj

    def prepare(self):
        """Compile everything but tables.c once."""
        if os.path.isdir(self.work):
            shutil.rmtree(self.work)
        os.makedirs(os.path.join(self.work, "common"))
        sources = sorted(glob.glob(os.path.join(self.src, "lib", "core", "*.c")))
        sources += [s for s in sorted(glob.glob(os.path.join(self.src, "lib", "instruments", "*.c")))
                    if os.path.basename(s) != "tables.c"]
        self.lib_objs = []
        for s in sources:
            name = os.path.basename(os.path.dirname(s)) + "_" + os.path.basename(s) + ".o"
            self.lib_objs.append(self.compile(s, os.path.join(self.work, "common", name)))
        self.test_objs = [self.compile(t, os.path.join(self.work, "common",
                                                        os.path.basename(t) + ".o"))
                          for t in self.tests]

    def verdict(self, name, tables_text):
        """Build tables.c as given and run the tests; the first failing test's
        name, or None when every test passes."""
        d = os.path.join(self.work, name)
        os.makedirs(d, exist_ok=True)
        tables_c = os.path.join(d, "tables.c")
        with open(tables_c, "w") as f:
            f.write(tables_text)
        tables_o = self.compile(tables_c, os.path.join(d, "tables.o"))
        try:
            for test_obj in self.test_objs:
                exe = os.path.join(d, os.path.basename(test_obj)[:-4])
                must([self.cc, test_obj, tables_o] + self.lib_objs + self.cmocka_libs +
                     ["-lm", "-lpthread", "-o", exe])
                result = run([exe], timeout=120)
                if result.returncode != 0:
                    return os.path.basename(exe)
            return None
        finally:
            shutil.rmtree(d, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--src", required=True)
    parser.add_argument("--generated", required=True, help="directory holding carealign/version.h")
    parser.add_argument("--work", required=True)
    parser.add_argument("--cc", default=os.environ.get("CC", "cc"))
    parser.add_argument("--one-sign", action="store_true", help="only +1, not also -1")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()

    started = time.monotonic()
    b = Builder(args)
    with open(b.tables) as f:
        text = f.read()
    found = list(COEF.finditer(text))
    print(f"{len(found)} coefficients in {os.path.relpath(b.tables, b.src)}")
    if len(found) < MINIMUM_COEFFICIENTS:
        print(f"FAILED: expected at least {MINIMUM_COEFFICIENTS} COEF() markers")
        return 1
    b.prepare()
    if b.verdict("baseline", text) is not None:
        print("FAILED: the unmutated tests do not pass")
        return 1

    mutants = []
    for m in found:
        for delta in ((1,) if args.one_sign else (1, -1)):
            value = int(m.group(1)) + delta
            mutated = text[:m.start()] + f"COEF({value})" + text[m.end():]
            where = f"tables.c:{line_of(text, m.start())} COEF({m.group(1)}) -> COEF({value})"
            mutants.append((len(mutants), where, mutated))

    survivors = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        futures = {pool.submit(b.verdict, f"m{i}", mutated): where
                   for i, where, mutated in mutants}
        for future in concurrent.futures.as_completed(futures):
            killer = future.result()
            if killer is None:
                survivors.append(futures[future])
    elapsed = time.monotonic() - started
    print(f"{len(mutants)} mutants, {len(mutants) - len(survivors)} caught, "
          f"{len(survivors)} survived, {elapsed:.0f} s")
    for where in sorted(survivors):
        print("SURVIVED (no test noticed): " + where)
    shutil.rmtree(b.work, ignore_errors=True)
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
