#!/usr/bin/python3
"""Mutation check of the part-A stats sources (ctest label "mutation").

Every comparison operator in lib/stats/{distributions,intervals,standardise,
funnel,sii}.c is flipped to its negation (< to >=, <= to >, == to !=, ...),
and to its boundary twin (< to <=, > to >=, and back); every whole-number
literal compared against (a threshold such as the 10 events of PHE's
exact/Byar switch) is shifted by one both ways. Each mutant is compiled alone
in a scratch directory (the other sources are compiled once) and linked with
the cmocka tests that cover its file; a mutant survives when they all pass.
With --python, survivors get a second chance against the independent Python
checks, run on a shared library built from the mutant (slower).

A mutant that survives both is a failure unless it is listed, with the reason
it cannot change any result, in mutation_equivalent.txt beside this script
(each line: file, the line's code with the mutation marked, "#", reason).

Usage: mutation_check.py SOURCE_DIR BUILD_DIR [--jobs N] [--only FILE]
                         [--python] [--numeric] [--verbose]
(BUILD_DIR provides include/carealign/version.h.) It prints the kill count
and lists surviving mutants.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor

FILES = {
    "distributions.c": ["test_distributions", "test_intervals"],
    "intervals.c": ["test_intervals", "test_standardise", "test_sii"],
    "standardise.c": ["test_standardise"],
    "funnel.c": ["test_funnel", "test_funnel_exact"],
    "sii.c": ["test_sii", "test_sii_simulated"],
}
CHECKS = {
    "distributions.c": ["check_intervals.py", "check_standardise.py"],
    "intervals.c": ["check_intervals.py", "check_standardise.py"],
    "standardise.c": ["check_standardise.py"],
    "funnel.c": ["check_funnel_reference.py", "check_overdispersion.py",
                 "check_exact_limits.py"],
    "sii.c": ["check_sii.py", "check_sii_simulated.py"],
}
# Numerical kernels: iteration limits, convergence tolerances, series
# cut-offs and Newton safeguards, where a flipped comparison often changes a
# result by less than the 1e-12 the tests demand (equivalent within
# accuracy). Their mutants are run and counted, but a survivor there is
# reported, not failed; every other function's survivors fail the check.
NUMERIC = {
    "distributions.c": None,  # the whole file
    "sii.c": {"moments", "cf_quantile", "ratio_gap", "ratio_limit"},
}
NEGATE = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!=", "!=": "=="}
BOUNDARY = {"<": "<=", "<=": "<", ">": ">=", ">=": ">"}


def code_mask(text):
    """True for each character of C code outside comments, strings,
    character constants and preprocessor lines."""
    mask = [False] * len(text)
    i, n = 0, len(text)
    line_start = True
    while i < n:
        c = text[i]
        if line_start and c == "#":
            while i < n and text[i] != "\n":
                i += 1
            continue
        if c == "\n":
            line_start = True
            i += 1
            continue
        if not c.isspace():
            line_start = False
        if text.startswith("/*", i):
            j = text.find("*/", i + 2)
            i = n if j < 0 else j + 2
            continue
        if text.startswith("//", i):
            while i < n and text[i] != "\n":
                i += 1
            continue
        if c in "\"'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            i = j + 1
            continue
        mask[i] = True
        i += 1
    return mask


OP = re.compile(r"<=|>=|==|!=|<|>")
NUM = re.compile(r"(?<![\w.])(\d+)(\.0)?(?![\w.])")


DEF = re.compile(r"^(?!typedef|static const|const|#|/|\s)[\w\s\*]*?\b(\w+)\(")


def function_at(text):
    """The name of the function enclosing each line (1-based), or ""."""
    names = [""]
    current = ""
    for line in text.splitlines():
        m = DEF.match(line)
        if m and not line.rstrip().endswith(";"):
            current = m.group(1)
        names.append(current)
    return names


def mutants(text):
    """(description, mutated text, line) for every mutation site."""
    mask = code_mask(text)
    out = []
    for m in OP.finditer(text):
        s, e = m.span()
        if not all(mask[s:e]):
            continue
        before = text[s - 1] if s else ""
        after = text[e] if e < len(text) else ""
        if before in "<>-=!" or after in "<>=":
            continue  # <<, >>, ->, or part of a longer operator
        op = m.group(0)
        line = text.count("\n", 0, s) + 1
        rest = text[e:e + 40]
        lit = NUM.match(rest.lstrip())
        named = re.match(r"\s*CAREALIGN_\w+", rest)
        flips = [NEGATE[op]]
        if (lit or named) and op in BOUNDARY:
            flips.append(BOUNDARY[op])  # the boundary of a threshold: < 10 vs <= 10
        for new in flips:
            out.append(("line %d: %s -> %s" % (line, op, new), text[:s] + new + text[e:], line))
        # thresholds: a whole-number literal right of the operator
        if lit and lit.group(1) not in ("0", "1"):
            start = e + (len(rest) - len(rest.lstrip())) + lit.start()
            end = start + len(lit.group(0))
            value = int(lit.group(1))
            for shift in (-1, 1):
                new = str(value + shift) + (lit.group(2) or "")
                out.append(("line %d: threshold %s -> %s" % (line, lit.group(0), new),
                            text[:start] + new + text[end:], line))
    return out


def run(cmd, cwd, timeout, env=None):
    try:
        r = subprocess.run(cmd, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           timeout=timeout, env=env)
        return r.returncode
    except subprocess.TimeoutExpired:
        return -999


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("source")
    ap.add_argument("build")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--only")
    ap.add_argument("--python", action="store_true")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("--numeric", action="store_true",
                    help="also mutate the numerical kernels (reported, never failed)")
    args = ap.parse_args()
    src = os.path.abspath(args.source)
    build = os.path.abspath(args.build)
    cc = os.environ.get("CC", "cc")
    cmocka = subprocess.run(["pkg-config", "--cflags", "--libs", "cmocka"], capture_output=True,
                            text=True, check=True).stdout.split()
    cflags = ["-std=c11", "-O0", "-fPIC", "-fvisibility=hidden", "-DCAREALIGN_BUILDING",
              "-I" + os.path.join(src, "include"), "-I" + os.path.join(build, "include"),
              "-I" + os.path.join(src, "lib"), "-I" + os.path.join(src, "tests")]
    equivalent = set()
    eq_path = os.path.join(src, "tests", "stats", "mutation_equivalent.txt")
    if os.path.exists(eq_path):
        for line in open(eq_path):
            if line.strip() and not line.startswith("#"):
                equivalent.add(line.split("#", 1)[0].strip())
    scratch = tempfile.mkdtemp(prefix="carealign-mutation-")
    try:
        base = os.path.join(scratch, "base")
        os.makedirs(base)
        sources = []
        for layer in ("core", "stats"):
            d = os.path.join(src, "lib", layer)
            sources += [os.path.join(d, f) for f in sorted(os.listdir(d)) if f.endswith(".c")]
        objects = {}
        for path in sources:
            obj = os.path.join(base, os.path.basename(path)[:-2] + ".o")
            subprocess.run([cc] + cflags + ["-c", path, "-o", obj], check=True)
            objects[os.path.basename(path)] = obj
        tests = {}
        for name in sorted({t for ts in FILES.values() for t in ts}):
            obj = os.path.join(base, name + ".o")
            subprocess.run([cc] + cflags + ["-c", os.path.join(src, "tests", "stats", name + ".c"),
                                            "-o", obj], check=True)
            tests[name] = obj

        def try_mutant(job):
            index, fname, desc, text, line = job
            work = os.path.join(scratch, "m%d" % index)
            os.makedirs(work)
            path = os.path.join(work, fname)
            with open(path, "w") as f:
                f.write(text)
            obj = os.path.join(work, fname[:-2] + ".o")
            if run([cc] + cflags + ["-w", "-c", path, "-o", obj], work, 60) != 0:
                shutil.rmtree(work, ignore_errors=True)
                return fname, desc, line, "not compilable"
            others = [o for k, o in objects.items() if k != fname]
            for t in FILES[fname]:
                exe = os.path.join(work, t)
                if run([cc, tests[t], obj] + others + cmocka + ["-lm", "-lpthread", "-o", exe],
                       work, 60) != 0:
                    shutil.rmtree(work, ignore_errors=True)
                    return fname, desc, line, "not linkable"
                if run([exe], work, 5) != 0:
                    shutil.rmtree(work, ignore_errors=True)
                    return fname, desc, line, "killed"
            # second chance: the independent Python checks on a mutant library
            lib = os.path.join(work, "libcarealign.so")
            if args.python and run([cc, "-shared", "-o", lib, obj] + others + ["-lm"], work, 60) == 0:
                env = dict(os.environ, CAREALIGN_LIBRARY=lib, PYTHONDONTWRITEBYTECODE="1",
                           PYTHONPATH=os.path.join(src, "bindings", "python"))
                for check in CHECKS[fname]:
                    script = os.path.join(src, "tests", "stats", check)
                    if run([sys.executable, script], work, 300, env) != 0:
                        shutil.rmtree(work, ignore_errors=True)
                        return fname, desc, line, "killed by " + check
            shutil.rmtree(work, ignore_errors=True)
            return fname, desc, line, "survived"

        jobs = []
        for fname in FILES:
            if args.only and fname != args.only:
                continue
            text = open(os.path.join(src, "lib", "stats", fname)).read()
            names = function_at(text)
            for desc, mutated, line in mutants(text):
                numeric = fname in NUMERIC and (NUMERIC[fname] is None or
                                                names[line] in NUMERIC[fname])
                if numeric and not args.numeric:
                    continue
                jobs.append((len(jobs), fname, desc, mutated, line))
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            results = list(pool.map(try_mutant, jobs))
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    survivors = []
    numeric_survivors = []
    killed = 0
    listed = 0
    numeric_total = 0
    funcs = {f: function_at(open(os.path.join(src, "lib", "stats", f)).read()) for f in FILES}
    for fname, desc, line, outcome in results:
        numeric = fname in NUMERIC and (NUMERIC[fname] is None or
                                        funcs[fname][line] in NUMERIC[fname])
        numeric_total += numeric
        if outcome == "survived" and numeric:
            numeric_survivors.append("%s %s: %s" % (fname, funcs[fname][line], desc))
        elif outcome == "survived":
            code = open(os.path.join(src, "lib", "stats", fname)).read().splitlines()[line - 1]
            key = "%s: %s" % (fname, desc.split(": ", 1)[1] + " | " + code.strip())
            if key in equivalent:
                listed += 1  # listed as equivalent, with its reason
            else:
                survivors.append(key)
        elif not numeric:
            killed += 1
    decision = len(results) - numeric_total
    print("decision code: %d mutants, %d killed, %d listed as equivalent, %d surviving"
          % (decision, killed, listed, len(survivors)))
    print("numerical kernels: %d mutants, %d killed, %d within accuracy (reported only)"
          % (numeric_total, numeric_total - len(numeric_survivors), len(numeric_survivors)))
    if args.verbose:
        for s in numeric_survivors:
            print("within accuracy: " + s)
    for s in survivors:
        print("SURVIVED " + s)
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
