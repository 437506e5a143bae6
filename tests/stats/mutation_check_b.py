"""Mutation check for stats section B (lib/stats/spc.c, lib/stats/disclosure.c).

Every comparison is flipped (< <-> <=, > <-> >=, == <-> !=) and every
threshold is shifted by one (an integer literal that is an operand of a
comparison, or the value of a #define: n -> n + 1 and n - 1), one mutant at
a time. Each mutant is compiled with the build's own command (from
compile_commands.json, warnings off), linked with the other library objects
and the module's cmocka test, and run; a mutant that survives the cmocka
test is also run against the independent Python checks (check_spc.py and
the section B binding tests) through a shared library built from the same
objects. The check fails if any mutant survives that is not listed below as
equivalent, with the reason it cannot change any result.

Usage: mutation_check_b.py --build BUILD_DIR --source SOURCE_DIR
       [--budget SECONDS] [--jobs N] [--only FILE] [--list]
"""

import argparse
import concurrent.futures
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time

TARGETS = {
    "lib/stats/spc.c": {
        "test": "test_spc.c",
        "python": ["tests/stats/check_spc.py"],
    },
    "lib/stats/disclosure.c": {
        "test": "test_disclosure.c",
        "python": [],
    },
    "lib/stats/economics.c": {
        "test": ["test_economics.c", "test_frontier.c"],
        "python": ["tests/stats/check_economics.py", "tests/stats/check_frontier.py"],
    },
    "lib/stats/change.c": {
        "test": ["test_change.c", "test_change_mean.c"],
        "python": ["tests/stats/check_change_mean.py"],
    },
}
BINDING_TEST = "bindings/python/tests/test_stats_b.py"

FLIPS = {"<": "<=", "<=": "<", ">": ">=", ">=": ">", "==": "!=", "!=": "=="}
COMPARISON = r"(<=|>=|==|!=|<(?!<)|>(?!>))"

# Mutants that cannot change any result: (file, the source line with the
# mutated token in [brackets], the replacement, which of the identical lines
# it is (0 for the first)) -> the reason. They are still compiled and run
# against the cmocka test (a kill is reported as a note), but not against
# the slower Python checks.
EQUIVALENT = {
    ("lib/stats/economics.c", "if (x [>=] 1.0)", ">", 0):
        "at x = 1 the closed form and the series agree to the last bits (1e-16)",
    ("lib/stats/economics.c", "for (int k = 1; k [<] 25; k++) {", "<=", 0):
        "the series' terms fall below 1e-18 of the sum within 20 terms (x < 1)",
    ("lib/stats/economics.c", "for (int k = 1; k < [25]; k++) {", "26", 0):
        "the series' terms fall below 1e-18 of the sum within 20 terms (x < 1)",
    ("lib/stats/economics.c", "for (int k = 1; k < [25]; k++) {", "24", 0):
        "the series' terms fall below 1e-18 of the sum within 20 terms (x < 1)",
    ("lib/stats/economics.c",
     "if ((comparator_cost [>] 0 && cost < INT64_MIN + comparator_cost) ||", ">=", 0):
        "with a comparator cost of 0 the difference never overflows",
    ("lib/stats/economics.c",
     "(comparator_cost [<] 0 && cost > INT64_MAX + comparator_cost))", "<=", 0):
        "with a comparator cost of 0 the difference never overflows",
    ("lib/stats/economics.c",
     "(comparator_cost < [0] && cost > INT64_MAX + comparator_cost))", "1", 0):
        "with a comparator cost of 0 the difference never overflows",
    ("lib/stats/economics.c", "return costs[i] [<] costs[j];", "<=", 0):
        "reached only when the costs differ",
    ("lib/stats/economics.c", "return qalys[i] [>] qalys[j];", ">=", 0):
        "reached only when the QALYs differ",
    ("lib/stats/economics.c", "return i [<] j;", "<=", 0):
        "the heap never compares an index with itself",
    ("lib/stats/economics.c", "for (size_t end = n; end-- [>] 1;) {", ">=", 0):
        "the extra pass at end = 0 swaps h[0] with itself and sifts an empty heap",
    ("lib/stats/economics.c", "for (size_t end = n; end-- > [1];) {", "0", 0):
        "the extra pass at end = 0 swaps h[0] with itself and sifts an empty heap",
    ("lib/stats/economics.c",
     "out[h[k]].rank = (int32_t)(k [<] (size_t)INT32_MAX ? k : (size_t)INT32_MAX);", "<=", 0):
        "differs only at 2^31 - 1 frontier options, which no test can allocate",
    ("lib/stats/economics.c", "if (costs[h[mid]] [<] costs[j])", "<=", 0):
        "an extendedly dominated option's cost differs from every frontier option's "
        "(undominated options have distinct costs)",
    ("lib/stats/spc.c", "if (n [>] INT32_MAX)", ">=", 0):
        "differs only for a series of exactly INT32_MAX values (16 GiB), which no test "
        "can allocate",
    ("lib/stats/spc.c",
     "if (o->fix_after_n_points > 0 && (size_t)o->fix_after_n_points [<] len)", "<=", 0):
        "when fix_after_n_points equals the group length the baseline is the whole "
        "group either way",
    ("lib/stats/spc.c",
     "if (o->fix_after_n_points > [0] && (size_t)o->fix_after_n_points < len)", "1", 0):
        "fix_after_n_points = 1 is refused by check_options, so > 0 and > 1 agree on "
        "every accepted value",
    ("lib/stats/spc.c", "for (size_t first = i [>=] 2 ? i - 2 : 0; first <= i; first++) {",
     ">", 0):
        "at i = 2 both branches give first = 0",
    ("lib/stats/spc.c", "for (size_t first = i >= [2] ? i - 2 : 0; first <= i; first++) {",
     "3", 0):
        "at i = 2 both branches give first = 0",
    ("lib/stats/spc.c", "if (mark != [0]) {", "1", 0):
        "mark is 0 or a combination of 0x4 and 0x10, never 1; marking with 0 changes "
        "nothing",
    ("lib/stats/spc.c", "int32_t above = p[i].relative_to_mean [>] 0 ? 1 : -1;", ">=", 0):
        "above is only used for 2-of-3 and shift points, whose relative_to_mean is "
        "never 0 (|sum| = 3, or a run of equal non-zero signs)",
    ("lib/stats/spc.c", "d = i [>] 0 ? sign_of(y[i] - y[i - 1]) : 0;", ">=", 0):
        "the previous point is used only when the next is not in a trend, i.e. at the "
        "end of a 7-point window, so i >= 6",
    ("lib/stats/spc.c", "d = i > [0] ? sign_of(y[i] - y[i - 1]) : 0;", "1", 0):
        "the previous point is used only at the end of a 7-point window, so i >= 6",
    ("lib/stats/spc.c", "if (i + [1] < len && (p[i + 1].flags & CAREALIGN_SPC_IN_TREND))",
     "2", 0):
        "differs only at i = len - 2, where both differences lie inside the one 7-point "
        "window ending at len - 1 and so have the same sign",
    ("lib/stats/spc.c", "for (size_t k = i - (SPC_RUN - 1); k [<] i; k++) {", "<=", 1):
        "in shift_at, k = i compares the point's side with itself",
    ("lib/stats/spc.c", "for (size_t i = 0; i [<] len; i++) {", "<=", 0):
        "at i = len no 3-point window fits (first + 3 > len), so nothing is marked",
}


def comparison_and_threshold_sites(src):
    """(offset, old, new) for every mutant of a C source: comparisons outside
    comments, strings and #include lines, and threshold literals."""
    sites = []
    i, n = 0, len(src)
    while i < n:
        if src.startswith("//", i):
            i = src.index("\n", i)
            continue
        if src.startswith("/*", i):
            i = src.index("*/", i) + 2
            continue
        c = src[i]
        if c in "\"'":
            j = i + 1
            while src[j] != c:
                j += 2 if src[j] == "\\" else 1
            i = j + 1
            continue
        if src.startswith("#include", i):
            i = src.index("\n", i)
            continue
        two = src[i:i + 2]
        if two in FLIPS:
            sites.append((i, two, FLIPS[two]))
            i += 2
            continue
        if two in ("->", "<<", ">>"):
            i += 2
            continue
        if c in "<>":
            sites.append((i, c, FLIPS[c]))
            i += 1
            continue
        word = re.match(r"[A-Za-z_]\w*", src[i:])
        if word:
            i += word.end()
            continue
        number = re.match(r"(\d+\.\d*|\.\d+|\d+)([eE][-+]?\d+)?[uUlLfF]*|0[xX][0-9a-fA-F.pP+-]+",
                          src[i:])
        if number:
            token = number.group(0)
            if re.fullmatch(r"\d+[uUlL]*", token) and is_threshold(src, i, token):
                value = int(re.match(r"\d+", token).group(0))
                suffix = token[len(str(value)):]
                sites.append((i, token, str(value + 1) + suffix))
                if value > 0:
                    sites.append((i, token, str(value - 1) + suffix))
            i += number.end()
            continue
        i += 1
    return sites


def is_threshold(src, i, token):
    line = src[src.rfind("\n", 0, i) + 1:src.find("\n", i)]
    if line.startswith("#define"):
        return True
    before = src[:i].rstrip()
    after = src[i + len(token):].lstrip()
    return bool(re.search(COMPARISON + r"\s*-?$", before) or re.match(COMPARISON, after))


def describe(src, offset, old):
    """(line number, the stripped line with the token in [brackets], which of
    the identical stripped lines of the file this is)."""
    start = src.rfind("\n", 0, offset) + 1
    end = src.find("\n", offset)
    line = src[start:end]
    lead = len(line) - len(line.lstrip())
    column = offset - start - lead
    stripped = line.strip()
    marked = stripped[:column] + "[" + old + "]" + stripped[column + len(old):]
    earlier = [ln.strip() for ln in src[:start].split("\n")]
    instance = earlier.count(stripped)
    return src.count("\n", 0, offset) + 1, marked, instance


def compile_entries(build):
    with open(os.path.join(build, "compile_commands.json")) as f:
        entries = json.load(f)
    out = {}
    for e in entries:
        args = shlex.split(e["command"]) if "command" in e else list(e["arguments"])
        obj = args[args.index("-o") + 1]
        out[os.path.realpath(e["file"])] = (e["directory"], args,
                                             os.path.normpath(os.path.join(e["directory"], obj)))
    return out


class Runner:
    def __init__(self, build, source, python):
        self.build = build
        self.source = source
        self.python = python
        self.entries = compile_entries(build)
        self.library_objects = [obj for (d, a, obj) in self.entries.values()
                                if "carealign_objects.dir" in obj]
        cmocka = subprocess.run(["pkg-config", "--libs", "cmocka"], capture_output=True,
                                text=True)
        self.cmocka = shlex.split(cmocka.stdout) if cmocka.returncode == 0 else ["-lcmocka"]

    def sanitizers(self, args):
        return [a for a in args if a.startswith("-fsanitize") or a == "-fno-omit-frame-pointer"]

    def run_mutant(self, rel, text, offset, old, new, work, python=True):
        """Returns (killed, how)."""
        path = os.path.realpath(os.path.join(self.source, rel))
        directory, args, obj = self.entries[path]
        mutated = text[:offset] + new + text[offset + len(old):]
        src = os.path.join(work, os.path.basename(rel))
        with open(src, "w") as f:
            f.write(mutated)
        mobj = os.path.join(work, "mutant.o")
        cmd = [a for a in args if a not in ("-Werror", "-g")]
        cmd[cmd.index("-o") + 1] = mobj
        cmd[cmd.index("-c") + 1] = src
        cmd.append("-w")
        r = subprocess.run(cmd, cwd=directory, capture_output=True, text=True)
        if r.returncode != 0:
            return True, "does not compile"
        objects = [o for o in self.library_objects if o != obj] + [mobj]
        cc = args[0]
        tests = TARGETS[rel]["test"]
        for test in [tests] if isinstance(tests, str) else tests:
            test_src = os.path.realpath(os.path.join(self.source, "tests/stats", test))
            tdir, targs, tobj = self.entries[test_src]
            exe = os.path.join(work, "mutant_test")
            link = [cc, "-o", exe, tobj] + objects + self.sanitizers(args) + self.cmocka + [
                "-lpthread", "-lm"]
            r = subprocess.run(link, capture_output=True, text=True)
            if r.returncode != 0:
                return True, "does not link: " + r.stderr.strip()[:200]
            try:
                r = subprocess.run([exe], capture_output=True, timeout=5)
            except subprocess.TimeoutExpired:
                return True, "cmocka test timed out"
            if r.returncode != 0:
                return True, "cmocka test"
        if not python:
            return False, "survived"
        # Survived the unit test: try the independent Python checks.
        lib = os.path.join(work, "libcarealign.so.1")
        r = subprocess.run([cc, "-shared", "-o", lib] + objects + self.sanitizers(args) +
                           ["-lm"], capture_output=True, text=True)
        if r.returncode != 0:
            return False, "shared library did not link"
        env = dict(os.environ, CAREALIGN_LIBRARY=lib,
                   PYTHONPATH=os.path.join(self.source, "bindings/python"),
                   PYTHONDONTWRITEBYTECODE="1")
        checks = [[self.python, os.path.join(self.source, s)] for s in TARGETS[rel]["python"]]
        checks.append([self.python, "-m", "unittest", "-q", "test_stats_b"])
        for check in checks:
            try:
                r = subprocess.run(check, env=env, capture_output=True, timeout=120,
                                   cwd=os.path.join(self.source, "bindings/python/tests"))
            except subprocess.TimeoutExpired:
                return True, "python check timed out"
            if r.returncode != 0:
                return True, os.path.basename(check[-1])
        return False, "survived"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--build", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("--budget", type=float, default=900.0,
                        help="seconds; the check fails if the mutants are not all run by then")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--only")
    parser.add_argument("--list", action="store_true")
    parser.add_argument("--verbose", action="store_true", help="print every mutant's outcome")
    opts = parser.parse_args()
    opts.source = os.path.abspath(opts.source)
    opts.build = os.path.abspath(opts.build)

    mutants = []
    for rel in TARGETS:
        if opts.only and rel != opts.only:
            continue
        with open(os.path.join(opts.source, rel)) as f:
            text = f.read()
        for offset, old, new in comparison_and_threshold_sites(text):
            lineno, marked, instance = describe(text, offset, old)
            mutants.append((rel, text, offset, old, new, lineno, marked, instance))
    if opts.list:
        for (rel, _, _, old, new, lineno, marked, instance) in mutants:
            print(f"{rel}:{lineno}: -> {new}: {marked} ({instance})")
        print(f"{len(mutants)} mutants")
        return 0

    runner = Runner(opts.build, opts.source, sys.executable)
    start = time.monotonic()
    # Control: the unmutated sources must pass every test through the same
    # pipeline, or a "kill" would mean nothing.
    for rel in sorted({m[0] for m in mutants}):
        with open(os.path.join(opts.source, rel)) as f:
            text = f.read()
        tmp = tempfile.mkdtemp(prefix="carealign-mutant-")
        try:
            killed, how = runner.run_mutant(rel, text, 0, "", "", tmp)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        if killed or how != "survived":
            print(f"FAILED: the unmutated {rel} does not pass the pipeline ({how})")
            return 1
    results = [None] * len(mutants)
    out_of_time = []

    def work(k):
        if time.monotonic() - start > opts.budget:
            out_of_time.append(k)
            return k, None
        rel, text, offset, old, new, _, marked, instance = mutants[k]
        listed = (rel, marked, new, instance) in EQUIVALENT
        tmp = tempfile.mkdtemp(prefix="carealign-mutant-")
        try:
            return k, runner.run_mutant(rel, text, offset, old, new, tmp, python=not listed)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, opts.jobs)) as pool:
        for k, result in pool.map(work, range(len(mutants))):
            results[k] = result

    survivors, equivalent_killed, by_how = [], [], {}
    for m, result in zip(mutants, results):
        if result is None:
            continue
        rel, _, _, old, new, lineno, marked, instance = m
        key = (rel, marked, new, instance)
        killed, how = result
        if opts.verbose:
            print(f"{rel}:{lineno}: -> {new}: {marked}: {how}")
        by_how[how if killed else "survived"] = by_how.get(how if killed else "survived", 0) + 1
        if killed and key in EQUIVALENT:
            equivalent_killed.append(m)
        if not killed and key not in EQUIVALENT:
            survivors.append(m)
    elapsed = time.monotonic() - start
    done = sum(r is not None for r in results)
    print(f"{done} of {len(mutants)} mutants run in {elapsed:.0f} s; outcomes: "
          + ", ".join(f"{k}: {v}" for k, v in sorted(by_how.items())))
    print(f"{len(EQUIVALENT)} listed as equivalent")
    for (rel, _, _, old, new, lineno, marked, instance) in equivalent_killed:
        print(f"note: listed as equivalent but killed: {rel}:{lineno}: -> {new}: {marked}")
    for (rel, _, _, old, new, lineno, marked, instance) in survivors:
        print(f"SURVIVED: {rel}:{lineno}: {(rel, marked, new, instance)!r}")
    unused = set(EQUIVALENT) - {(m[0], m[6], m[4], m[7]) for m in mutants}
    for key in sorted(unused):
        print(f"FAILED: listed as equivalent but no such mutant (stale entry): {key!r}")
    if out_of_time:
        print(f"FAILED: the time budget of {opts.budget:.0f} s ran out with "
              f"{len(out_of_time)} mutants not run")
        return 1
    return 1 if survivors or unused else 0


if __name__ == "__main__":
    sys.exit(main())
