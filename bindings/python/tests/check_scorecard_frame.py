#!/usr/bin/python3
"""The scorecard's DataFrame feed against the C record path (issue 10).

`carealign report` (tools/carealign) reads the six CSV files with its own
strict reader, rejects bad rows and feeds the rest as C records
(carealign_scorecard_feed_people and friends). Here the same files are read
with pandas and fed with Scorecard.feed_frames (the library's columnar
feeds, no per-row Python), then the report's JSON bytes are compared.

Checked, on the committed sample (examples/data) and on a generated data set
with 2% of its rows broken on purpose (`carealign generate --bad-rows`):
  - the JSON report is byte-identical to `carealign report --format json`;
  - as many rows are rejected as the tool reports, and every row listed in
    the generator's MANIFEST.csv is among the rejected rows (same file and
    line; the field too unless an earlier field of the row already failed);
  - the same frames with typed columns (integer person ids, categorical
    organisation, sector and type columns, datetime64 dates), and as read by
    pandas' default read_csv (int64, float64 with NaN for blanks), give the
    same bytes.

usage: check_scorecard_frame.py --tool CAREALIGN --root SOURCE_DIR
"""

import argparse
import os
import re
import subprocess
import sys
import tempfile

import pandas as pd

from carealign.framework import Framework
from carealign.scorecard import Scorecard

FILES = ("organisations", "populations", "people", "responses", "fft", "contacts")


# The tool is its own program: the sanitizer runtime that the test preloads
# for Python (sanitizer builds) is not for it.
TOOL_ENV = {k: v for k, v in os.environ.items() if k != "LD_PRELOAD"}


def tool_report(tool, framework, directory, out):
    args = [tool, "report", "--quiet", "--framework", framework, "--format", "json", "--out", out]
    for name in FILES:
        args += ["--" + name, os.path.join(directory, name + ".csv")]
    proc = subprocess.run(args, capture_output=True, text=True, env=TOOL_ENV)
    if proc.returncode not in (0, 3):
        raise SystemExit(f"FAIL: carealign report exited {proc.returncode}: {proc.stderr}")
    m = re.search(r"(\d+) rows? rejected", proc.stderr)
    with open(out, "rb") as f:
        return f.read(), int(m.group(1)) if m else 0


def read_frames(directory):
    return {name: pd.read_csv(os.path.join(directory, name + ".csv"), dtype=str,
                              keep_default_na=False) for name in FILES}


def typed(frames):
    """The same data as a user would hold it: numbers, categories, dates."""
    out = {k: v.copy() for k, v in frames.items()}
    for name in ("people", "responses", "contacts"):
        df = out[name]
        ok = df["person_id"].str.fullmatch(r"[0-9]{1,18}")
        if ok.all():
            df["person_id"] = df["person_id"].astype("int64")
    c = out["contacts"]
    for col in ("org_id", "sector", "type"):
        c[col] = c[col].astype("category")
    for col in ("start_date", "end_date", "discharge_ready_date"):
        parsed = pd.to_datetime(c[col], format="%Y-%m-%d", errors="coerce")
        if (parsed.notna() == (c[col] != "")).all():  # only when every date is valid
            c[col] = parsed
    return out


def frame_report(framework, frames):
    with Framework.load_file(framework) as fw, Scorecard(fw) as sc:
        rejects = sc.feed_frames(**frames)
        sc.finalize()
        return sc.write("json"), rejects


def check(label, tool, framework, directory):
    with tempfile.TemporaryDirectory() as tmp:
        want, n_rejected = tool_report(tool, framework, directory, os.path.join(tmp, "r.json"))
    frames = read_frames(directory)
    got, rejects = frame_report(framework, frames)
    if got != want:
        raise SystemExit(f"FAIL {label}: the DataFrame feed's JSON differs from the tool's "
                         f"({len(got)} and {len(want)} bytes)")
    if len(rejects) != n_rejected:
        raise SystemExit(f"FAIL {label}: {len(rejects)} rows rejected, the tool {n_rejected}")
    if not (rejects["row"] == rejects["position"]).all():
        raise SystemExit(f"FAIL {label}: rows are not reported by their index labels")
    manifest = pd.read_csv(os.path.join(directory, "MANIFEST.csv"))
    rejected = {(f + ".csv", p + 2): fld for f, p, fld in
                zip(rejects["frame"], rejects["position"], rejects["field"])}
    for file, line, field in zip(manifest["file"], manifest["line"], manifest["field"]):
        if (file, line) not in rejected:
            raise SystemExit(f"FAIL {label}: {file} line {line} ({field}) was not rejected")
    same_field = sum(rejected[(f, l)] == fld for f, l, fld in
                     zip(manifest["file"], manifest["line"], manifest["field"]))
    got_typed, rejects_typed = frame_report(framework, typed(frames))
    if got_typed != want or len(rejects_typed) != n_rejected:
        raise SystemExit(f"FAIL {label}: typed columns give another report")
    inferred = {name: pd.read_csv(os.path.join(directory, name + ".csv")) for name in FILES}
    got_inferred, rejects_inferred = frame_report(framework, inferred)
    if got_inferred != want or len(rejects_inferred) != n_rejected:
        raise SystemExit(f"FAIL {label}: pandas' inferred types (int64, float64 with NaN) "
                         f"give another report")
    print(f"ok {label}: {len(want):,} bytes of JSON identical; {n_rejected} rows rejected "
          f"as by the tool; {len(manifest)} broken rows all rejected ({same_field} on the "
          f"generator's field, the rest on an earlier one); typed and inferred-type frames "
          f"identical")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--tool", required=True)
    parser.add_argument("--root", required=True)
    args = parser.parse_args()
    framework = os.path.join(args.root, "examples", "frameworks",
                             "england-integrated-care.json")
    check("examples/data", args.tool, framework, os.path.join(args.root, "examples", "data"))
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([args.tool, "generate", "--people", "3000", "--organisations", "12",
                        "--months", "18", "--seed", "7", "--bad-rows", "0.02", "--out", tmp,
                        "--quiet"], check=True, env=TOOL_ENV)
        check("generated with 2% bad rows", args.tool, framework, tmp)
    return 0


if __name__ == "__main__":
    sys.exit(main())
