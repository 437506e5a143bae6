"""Runs `carealign score` on every case of tests/data/bad/csv/MANIFEST and
checks, for each one:

- the exit status and the stderr fragments the MANIFEST expects;
- integrity: every data row read comes out once with a status, and
  used (status OK) + rejected (any other status) = read, with the counts the
  MANIFEST states; the stderr reports one line per rejected row and the
  summary "N row(s) not scored" gives the same N;
- privacy: stderr never contains a person id (any first-column value that
  starts with "PID-") nor any value listed as secret in the MANIFEST;
- every stderr line about the input names the file (except the cases marked
  `no-file-name`, known gaps listed in docs/testing.md).

Files too large to commit (1 MiB fields, 100 000 columns, many rows) are
generated here at test time into --work; their names start with "gen:".

usage: bad_csv.py --tool PATH --data DIR --work DIR [--case NAME ...]
"""

import argparse
import csv
import io
import os
import re
import subprocess
import sys

HEADER = b"id,mo,sc,ua,pd,ad"
MIB = 1 << 20  # CSV_MAX_RECORD in tools/carealign/csv.h
csv.field_size_limit(4 * MIB)


def gen_field_over_1mib():
    """A record of more than 1 MiB: one id field of exactly 1 MiB."""
    return HEADER + b"\nPID-BIG-01,1,1,1,1,1\n" + b"x" * MIB + b",1,1,1,1,1\n"


def gen_field_under_1mib():
    """A record just under the limit: accepted and passed through whole."""
    return HEADER + b"\n" + b"y" * (MIB - 100) + b",1,2,3,4,5\n"


def _wide(n_rows, short_last=False):
    n = 100000
    names = [b"c%d" % i for i in range(n)]
    names[5:10] = [b"mo", b"sc", b"ua", b"pd", b"ad"]
    row = [b"v"] * n
    row[0] = b"PID-WIDE"
    row[5:10] = [b"1", b"2", b"3", b"4", b"5"]
    rows = [b",".join(names)] + [b",".join(row)] * n_rows
    if short_last:
        rows[-1] = b",".join(row[:-1])
    return b"\n".join(rows) + b"\n"


def gen_columns_100k():
    return _wide(2)


def gen_columns_100k_short():
    return _wide(2, short_last=True)


def gen_many_rows():
    """20 000 rows; every 7th has an out-of-range item, every 11th a missing
    one (rows that are both count once): 2857 + 1818 - 259 = 4416 rejected."""
    lines = [HEADER]
    for i in range(1, 20001):
        items = [str(1 + (i + k) % 5) for k in range(5)]
        if i % 7 == 0:
            items[1] = "6"
        if i % 11 == 0:
            items[3] = ""
        lines.append(("PID-ROW-%05d," % i + ",".join(items)).encode())
    return b"\n".join(lines) + b"\n"


def gen_privacy():
    """Distinctive ids and answers in bad rows: none may reach stderr."""
    lines = [b"id,note,mo,sc,ua,pd,ad"]
    lines.append(b"PID-ZQX-4711,QXNOTE-SECRET,1,1,1,1,1")
    lines.append(b"PID-ZQX-4712,QXNOTE-SECRET,7777,1,1,1,1")  # out of range
    lines.append(b"PID-ZQX-4713,QXNOTE-SECRET,1,QXVALUE-9137,1,1,1")  # not a number
    lines.append(b"PID-ZQX-4714,QXNOTE-SECRET,1,1,-8888,1,1")  # negative
    lines.append(b"PID-ZQX-4715,QXNOTE-SECRET,1,1,1,,1")  # missing
    lines.append(b"PID-ZQX-4716,QXNOTE-SECRET,1,1,1,1,123456789")  # nine digits
    lines.append(b'PID-ZQX-4717,QXNOTE-SECRET,1,1,1,1,"QXQUOTED"x')  # fatal, last
    return b"\n".join(lines) + b"\n"


GENERATORS = {
    "field-over-1mib": gen_field_over_1mib,
    "field-under-1mib": gen_field_under_1mib,
    "columns-100k": gen_columns_100k,
    "columns-100k-short-row": gen_columns_100k_short,
    "many-rows": gen_many_rows,
    "privacy": gen_privacy,
}


def manifest(data):
    with open(os.path.join(data, "MANIFEST"), encoding="utf-8") as f:
        for number, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 7:
                sys.exit(f"MANIFEST:{number}: expected 7 fields, got {len(parts)}")
            name, source, args, code, counts, fragments, flags = parts
            counts = None if counts == "-" else [int(x) for x in counts.split()]
            yield {
                "line": number,
                "name": name,
                "source": source,
                "args": args.split(),
                "exit": int(code),
                "counts": counts,
                "fragments": [x.strip() for x in fragments.split("&&") if x.strip()],
                "flags": flags.split(),
            }


def person_ids(data):
    """Every first-column value that looks like a test person id."""
    ids = set()
    for line in re.split(rb"\r\n|\n|\r", data):
        first = line.split(b",", 1)[0].strip(b'"')
        if first.startswith(b"PID-"):
            ids.add(first)
    return ids


def output_rows(stdout):
    """The data rows written (the header excluded), parsed as CSV."""
    text = stdout.decode("latin-1")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    return rows[0] if rows else None, rows[1:]


def run_case(tool, data, work, case):
    problems = []
    source = case["source"]
    if source.startswith("gen:"):
        content = GENERATORS[source[4:]]()
        path = os.path.join(work, source[4:] + ".csv")
        with open(path, "wb") as f:
            f.write(content)
    else:
        path = os.path.join(data, source)
        with open(path, "rb") as f:
            content = f.read()
    shown = os.path.basename(path)
    result = subprocess.run([tool, "score"] + case["args"] + [shown], cwd=os.path.dirname(path),
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    err = result.stderr.decode("utf-8", "replace")
    if result.returncode != case["exit"]:
        problems.append(f"exit {result.returncode}, expected {case['exit']}")
    for fragment in case["fragments"]:
        if fragment not in err:
            problems.append(f"stderr lacks {fragment!r}")

    # integrity: used + rejected = read
    header, rows = output_rows(result.stdout)
    if case["counts"] is None:
        if result.stdout:
            problems.append("output written although the MANIFEST expects none")
    else:
        read, used, rejected = case["counts"]
        if header is None or header[-2:] != ["score", "status"]:
            problems.append("no output header ending in score,status")
        statuses = [r[-1] for r in rows]
        got_used = sum(1 for s in statuses if s == "OK")
        got_rejected = len(statuses) - got_used
        if used + rejected != read:
            problems.append(f"MANIFEST counts do not balance: {used} + {rejected} != {read}")
        if (len(rows), got_used, got_rejected) != (read, used, rejected):
            problems.append(f"read/used/rejected {len(rows)}/{got_used}/{got_rejected}, "
                            f"expected {read}/{used}/{rejected}")
        for r in rows:
            if r[-1] == "OK" and r[-2] == "" or r[-1] != "OK" and r[-2] != "":
                problems.append(f"row with status {r[-1]} and score {r[-2]!r}")
                break
        reports = len(re.findall(r"^carealign score: .*: line \d+: (?!.*fields where)"
                                 r"(?!.*record longer)", err, re.M))
        if result.returncode in (0, 3) and reports != got_rejected:
            problems.append(f"{reports} row reports on stderr for {got_rejected} rejected rows")
        summary = re.search(r"(\d+) row\(s\) not scored", err)
        if result.returncode == 3 and (summary is None or int(summary.group(1)) != rejected):
            problems.append("summary line missing or wrong")
        if result.returncode == 0 and (summary is not None or rejected != 0):
            problems.append("exit 0 with rejected rows")

    # privacy: no person id, no listed answer value on stderr
    secrets = person_ids(content) | {f.split("=", 1)[1].encode() for f in case["flags"]
                                      if f.startswith("secret=")}
    for secret in sorted(secrets):
        if secret in result.stderr:
            problems.append(f"stderr contains the person id or value {secret!r}")
    if len(result.stderr) > 4096 + 200 * (case["counts"][2] if case["counts"] else 0):
        problems.append(f"stderr is {len(result.stderr)} bytes: field contents repeated?")

    # every message about the input names the file
    if "no-file-name" not in case["flags"] and result.returncode != 2:
        for line in err.splitlines():
            if line.startswith("carealign score: ") and "row(s) not scored" not in line \
                    and shown not in line:
                problems.append(f"stderr line does not name the file: {line!r}")
    return problems


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--data", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--case", action="append")
    args = parser.parse_args()
    os.makedirs(args.work, exist_ok=True)
    cases = list(manifest(args.data))
    listed = {c["source"] for c in cases}
    unlisted = sorted(f for f in os.listdir(args.data)
                      if f.endswith(".csv") and f not in listed)
    unlisted += sorted("gen:" + g for g in GENERATORS if "gen:" + g not in listed)
    failed = 0
    if unlisted:
        print("FAIL: inputs without a MANIFEST case: " + ", ".join(unlisted))
        failed += 1
    for case in cases:
        if args.case and case["name"] not in args.case:
            continue
        problems = run_case(args.tool, args.data, args.work, case)
        if problems:
            failed += 1
            print(f"FAIL {case['name']} (MANIFEST line {case['line']}):")
            for p in problems:
                print("  " + p)
        else:
            counts = "-" if case["counts"] is None else "/".join(map(str, case["counts"]))
            print(f"ok   {case['name']}: exit {case['exit']}, read/used/rejected {counts}")
    print(f"{len(cases)} cases, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
