"""Runs the `carealign` tool on the cases listed in
tests/data/instruments/cases.txt and compares exit status, stdout and
stderr with the expected files (format described at the top of cases.txt).

usage: cli_cases.py --tool PATH --data DIR [--case NAME ...]
"""

import argparse
import subprocess
import sys
import os


def cases(data):
    with open(os.path.join(data, "cases.txt")) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            words = line.split()
            name, code, rest = words[0], int(words[1]), words[2:]
            stdin = None
            if rest and rest[0].startswith("<"):
                stdin, rest = rest[0][1:], rest[1:]
            yield name, code, stdin, rest


def matches(expected, actual):
    """Exact match, except that an expected line ending in "..." matches any
    line with that prefix, and when it is the last line, any rest."""
    exp = expected.split("\n")
    act = actual.split("\n")
    for i, line in enumerate(exp):
        if line.endswith("..."):
            if i >= len(act) or not act[i].startswith(line[:-3]):
                return False
            if i == len(exp) - 1 or (i == len(exp) - 2 and exp[-1] == ""):
                return True
        elif i >= len(act) or act[i] != line:
            return False
    return len(act) == len(exp)


def run_case(tool, data, name, code, stdin, args):
    with open(os.path.join(data, stdin), "rb") if stdin else open(os.devnull, "rb") as f:
        result = subprocess.run([tool] + args, cwd=data, stdin=f, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=60)
    problems = []
    if result.returncode != code:
        problems.append(f"exit {result.returncode}, expected {code}")
    out_file = os.path.join(data, name + ".out")
    if os.path.exists(out_file):
        with open(out_file, "rb") as f:
            want = f.read()
        if result.stdout != want:
            problems.append(f"stdout differs:\n--- expected\n{want!r}\n--- got\n{result.stdout!r}")
    err_file = os.path.join(data, name + ".err")
    err = result.stderr.decode("utf-8", "replace")
    if os.path.exists(err_file):
        with open(err_file) as f:
            want_err = f.read()
        if not matches(want_err, err):
            problems.append(f"stderr differs:\n--- expected\n{want_err}--- got\n{err}")
    elif err:
        problems.append(f"unexpected stderr:\n{err}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--case", action="append")
    args = parser.parse_args()
    failed = 0
    seen = 0
    for name, code, stdin, rest in cases(args.data):
        if args.case and name not in args.case:
            continue
        seen += 1
        problems = run_case(os.path.abspath(args.tool), args.data, name, code, stdin, rest)
        print(f"{'ok  ' if not problems else 'FAIL'} {name}")
        for p in problems:
            print("    " + p.replace("\n", "\n    "))
        failed += bool(problems)
    if args.case and seen != len(args.case):
        print("unknown case name(s)")
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
