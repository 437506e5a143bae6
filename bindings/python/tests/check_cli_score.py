"""``python -m carealign score`` against the C command ``carealign score``:
the same exit status, byte-identical stdout and the same stderr, on every
case of tests/data/instruments/cases.txt and on generated inputs (CRLF,
quoted fields, a byte order mark, bad rows, long files spanning several
batches, malformed CSV mid-file).

usage: check_cli_score.py --tool PATH --data DIR
"""

import argparse
import os
import random
import subprocess
import sys
import tempfile


def cases(data):
    with open(os.path.join(data, "cases.txt")) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            words = line.split()
            stdin = None
            rest = words[2:]
            if rest and rest[0].startswith("<"):
                stdin, rest = rest[0][1:], rest[1:]
            if rest and rest[0] == "score":
                yield words[0], stdin, rest


# The C command carries its own sanitizer runtime in sanitizer builds, which
# must not meet the one preloaded for this interpreter.
C_ENV = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}


def run(cmd, cwd, stdin, env=None):
    with open(os.path.join(cwd, stdin), "rb") if stdin else open(os.devnull, "rb") as f:
        return subprocess.run(cmd, cwd=cwd, stdin=f, capture_output=True, timeout=300, env=env)


def compare(tool, cwd, name, stdin, args):
    c = run([tool] + args, cwd, stdin, C_ENV)
    py = run([sys.executable, "-m", "carealign"] + args, cwd, stdin)
    problems = []
    if c.returncode != py.returncode:
        problems.append(f"exit {py.returncode} from Python, {c.returncode} from C")
    if c.stdout != py.stdout:
        problems.append(f"stdout differs:\n--- C\n{c.stdout[:2000]!r}\n--- Python\n"
                        f"{py.stdout[:2000]!r}")
    if c.stderr != py.stderr:
        problems.append(f"stderr differs:\n--- C\n{c.stderr[:2000]!r}\n--- Python\n"
                        f"{py.stderr[:2000]!r}")
    status = "ok" if not problems else "FAIL"
    print(f"{status}: {name} (exit {c.returncode}, {len(c.stdout)} bytes out)")
    for p in problems:
        print("  " + p)
    return not problems


def generated(directory):
    """(name, file, args) of generated inputs."""
    rng = random.Random(20261122)
    out = []

    def write(name, data):
        path = os.path.join(directory, name)
        with open(path, "wb") as f:
            f.write(data)
        return name

    # EQ-5D-5L items over several batches (CHUNK_ROWS is 8192), with a few
    # bad rows: missing, out of range, not a number; quoted pass-through
    # columns with commas, quotes and line breaks; CRLF line ends.
    rows = [b"id,MO,SC,UA,PD,AD,note"]
    for k in range(20000):
        levels = [str(rng.randint(1, 5)).encode() for _ in range(5)]
        r = rng.random()
        if r < 0.002:
            levels[rng.randrange(5)] = b""
        elif r < 0.004:
            levels[rng.randrange(5)] = b"7"
        elif r < 0.005:
            levels[rng.randrange(5)] = b"x"
        elif r < 0.006:
            levels[rng.randrange(5)] = b"+2"
        note = rng.choice([b"", b"plain", b'"a, b"', b'"say ""hi"""', b'"two\r\nlines"'])
        rows.append(str(k).encode() + b"," + b",".join(levels) + b"," + note)
    out.append(("eq5d5l_crlf_many", write("many.csv", b"\r\n".join(rows) + b"\r\n"),
                ["score", "eq5d5l", "--valueset", "england-2018", "many.csv"]))
    # a byte order mark, a profile column, no final line end
    rows = [b"\xef\xbb\xbfProfile,x"] + [
        ("".join(str(rng.randint(1, 3)) for _ in range(5)) + f",{k}").encode()
        for k in range(300)] + [b"1234,short", b",empty", b"11111,"]
    out.append(("eq5d3l_bom_profile", write("bom.csv", b"\n".join(rows)),
                ["score", "eq5d3l", "bom.csv"]))
    # malformed CSV after more than one batch of good rows
    rows = [b"w1,w2,w3,w6,w7,w9,w11"] + [
        b",".join(str(rng.randint(1, 5)).encode() for _ in range(7)) for _ in range(9000)]
    rows.append(b'1,2,3,4,5,6,7"')
    out.append(("swemwbs_bad_quote_late", write("late.csv", b"\n".join(rows) + b"\n"),
                ["score", "swemwbs", "late.csv"]))
    # wrong field count mid-file, and a bare CR
    out.append(("fft_field_count", write("count.csv", b"fft\n1\n2\n3,4\n"),
                ["score", "fft", "count.csv"]))
    out.append(("fft_bare_cr", write("cr.csv", b"fft\n1\r2\n"), ["score", "fft", "cr.csv"]))
    out.append(("fft_nul", write("nul.csv", b"fft\n1\n\x00\n"), ["score", "fft", "nul.csv"]))
    out.append(("fft_unclosed", write("open.csv", b'fft\n1\n"2\n'), ["score", "fft", "open.csv"]))
    out.append(("fft_after_quote", write("after.csv", b'fft\n"2"x\n'),
                ["score", "fft", "after.csv"]))
    out.append(("duplicate_column", write("dup.csv", b"fft,FFT\n1,1\n"),
                ["score", "fft", "dup.csv"]))
    out.append(("extra_argument", None, ["score", "fft", "a.csv", "b.csv"]))
    out.append(("valueset_no_name", None, ["score", "fft", "--valueset"]))
    out.append(("help", None, ["score", "--help"]))
    return out


def check_report(tool):
    """``report`` runs the C command ($CAREALIGN_TOOL): same status and
    output as calling it directly; a missing command is exit 1."""
    env = dict(os.environ, CAREALIGN_TOOL=tool)
    args = ["report", "--help"]
    c = subprocess.run([tool] + args, capture_output=True, timeout=60, env=C_ENV)
    with tempfile.TemporaryDirectory() as directory:
        if "LD_PRELOAD" in os.environ:
            # the exec'd command inherits the interpreter's preloaded sanitizer
            # runtime: go through a wrapper that drops it
            wrapper = os.path.join(directory, "carealign")
            with open(wrapper, "w") as f:
                f.write(f'#!/bin/sh\nunset LD_PRELOAD\nexec "{tool}" "$@"\n')
            os.chmod(wrapper, 0o755)
            env["CAREALIGN_TOOL"] = wrapper
        py = subprocess.run([sys.executable, "-m", "carealign"] + args, capture_output=True,
                            env=env, timeout=60)
    ok = (c.returncode, c.stdout, c.stderr) == (py.returncode, py.stdout, py.stderr)
    print(f"{'ok' if ok else 'FAIL'}: report runs $CAREALIGN_TOOL (exit {c.returncode})")
    env["CAREALIGN_TOOL"] = os.path.join(os.path.dirname(tool), "no-such-carealign")
    py = subprocess.run([sys.executable, "-m", "carealign", "report"], capture_output=True,
                        env=env, timeout=60)
    missing = py.returncode == 1 and b"cannot run" in py.stderr
    print(f"{'ok' if missing else 'FAIL'}: report without the C command is exit 1")
    return ok and missing


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--data", required=True)
    args = parser.parse_args()
    ok = True
    n = 0
    for name, stdin, rest in cases(args.data):
        ok &= compare(args.tool, args.data, name, stdin, rest)
        n += 1
    with tempfile.TemporaryDirectory() as directory:
        for name, _, rest in generated(directory):
            ok &= compare(args.tool, directory, name, None, rest)
            n += 1
    ok &= check_report(args.tool)
    print(f"{n} cases, {'all identical' if ok else 'DIFFERENCES'}")
    return 0 if ok and n > 20 else 1


if __name__ == "__main__":
    sys.exit(main())
