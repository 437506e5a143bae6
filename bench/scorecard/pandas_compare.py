#!/usr/bin/python3
"""The scorecard engine against pandas on the same rows (bench/README.md, "Scorecard").

Generates people, contacts and ASCOT SCT4 responses in-process with numpy
(fixed seed), then times, on the same arrays:

  C:      the Python binding's columnar feeds (people, contacts, responses),
          close_all and finalize through the default framework: all 17
          measures at every level, stratum and month;
  pandas: three representative measures, one per aim, each as groupbys at the
          system level, per organisation, per sector and per stratum margin
          (age band, sex, deprivation quintile):
            experience  duplicate-assessments  (same-type assessment by another
                                                organisation within 90 days,
                                                per 100 assessments)
            outcomes    ascof-1a-scrqol        (mean of each person's latest
                                                ASCOT SCT4 score, 0 to 24)
            resources   staff-hours            (staff minutes over days
                                                observed, hours per person-year)

The engine is also timed on the same three measures alone, with the output
closest to pandas' (the default framework reduced to those measures, no
crosses, strata organisation, sector, age, sex and deprivation, quarterly
rather than monthly periods: the coarsest interval a framework allows); it
still computes cohort views, intervals and every quarter, which pandas does
not.

Prints the medians of --reps runs (CPU seconds, process_time) and the ratios
pandas : C, plus both system-level values of the three measures: they agree on this data, which has no deaths, no people outside the
base and no same-day ties of score (the pandas versions implement only what
this data exercises; the engine applies the full rules of docs/scorecard.md).

usage: CAREALIGN_LIBRARY=<build>/lib/libcarealign.so PYTHONPATH=bindings/python \\
       /usr/bin/python3 bench/scorecard/pandas_compare.py [--people N] [--contacts C]
       [--responses R] [--reps K]
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "bindings", "python"))

from carealign import _lib  # noqa: E402
from carealign.framework import Framework  # noqa: E402
from carealign.scorecard import Scorecard  # noqa: E402

START = 20179  # 2025-04-01 (days since 1970-01-01)
END = START + 364
N_ORGS = 20
TYPES = np.array([4, 5, 6, 7, 8, 14, 1], dtype=np.int32)  # visits, assessments, review, stay


def generate(n_people, mean_contacts, mean_responses, seed=12345):
    rng = np.random.default_rng(seed)
    person = np.arange(n_people, dtype=np.int32)
    people = {
        "person": person,
        "birth_year": rng.integers(1925, 2005, n_people, dtype=np.int32),
        "birth_month": rng.integers(1, 13, n_people, dtype=np.int32),
        "sex": rng.integers(1, 3, n_people, dtype=np.int32),
        "imd_decile": rng.integers(1, 11, n_people, dtype=np.int32),
    }
    home = rng.integers(0, N_ORGS, (n_people, 3), dtype=np.int32)
    nc = rng.integers(mean_contacts // 2, mean_contacts + mean_contacts // 2 + 1, n_people)
    cp = np.repeat(person, nc)
    n = len(cp)
    corg = home[cp, rng.integers(0, 3, n)]
    ctype = TYPES[rng.integers(0, len(TYPES), n)]
    cday = (START + rng.integers(0, 365, n)).astype(np.int32)
    stay = ctype == 1
    cend = np.where(stay, cday + rng.integers(0, 10, n), cday).astype(np.int32)
    contacts = {
        "person": cp.astype(np.int32), "org": corg.astype(np.int32),
        "sector": (1 + corg % 9).astype(np.int32), "type": ctype,
        "start_day": cday, "end_day": np.where(stay, cend, _lib.NA_I32).astype(np.int32),
        "staff_minutes": rng.integers(0, 90, n, dtype=np.int32),
        "discharge_ready_day": np.where(stay, cday, _lib.NA_I32).astype(np.int32),
    }
    lo = int(mean_responses // 2)
    nr = rng.integers(lo, lo + int(mean_responses) + 1, n_people)
    rp = np.repeat(person, nr)
    m = len(rp)
    responses = {
        "person": rp.astype(np.int32), "org": home[rp, rng.integers(0, 3, m)].astype(np.int32),
        "day": (START + rng.integers(0, 365, m)).astype(np.int32),
        "items": rng.integers(1, 5, (m, 8), dtype=np.int32),  # ASCOT SCT4 levels 1..4
    }
    return people, contacts, responses


MEASURES = ("duplicate-assessments", "ascof-1a-scrqol", "staff-hours")


def same_work(path):
    """The framework at `path` reduced to the three measures and the output
    pandas computes (module docstring); returns it as JSON text."""
    with open(path, encoding="utf-8") as f:
        fw = json.load(f)
    fw["measures"] = [m for m in fw["measures"] if m["id"] in MEASURES]
    fw["crosses"] = []
    fw["interval"] = "quarter"
    keep = ("organisation", "sector", "age", "sex", "deprivation")
    fw["strata"] = [s for s in fw["strata"] if s["id"] in keep]
    return json.dumps(fw)


def measure_index(path_or_text, name):
    text = path_or_text
    if os.path.exists(path_or_text):
        with open(path_or_text, encoding="utf-8") as f:
            text = f.read()
    return [m["id"] for m in json.loads(text)["measures"]].index(name)


def run_c(framework_text, people, contacts, responses):
    inst = next(i for i in range(_lib.lib.carealign_instrument_count())
                if _lib.lib.carealign_instrument_get(i).contents.name == b"ascot_sct4")
    t0 = time.process_time()
    sc = Scorecard(framework_text, no_disclosure=True)
    area = sc.register_ids("area", ["E08000035"])[0]
    sc.feed_organisations([(i, 1 + i % 9, "") for i in range(N_ORGS)])
    sc.feed_populations([(area, 2025, 0, 0, None, 800000)])
    n = len(people["person"])
    sc.feed_people_columns(area=np.full(n, area, dtype=np.int32), **people)
    sc.feed_contacts_columns(**contacts)
    sc.feed_responses_columns(inst, responses["items"], responses["person"], responses["day"],
                              org=responses["org"])
    sc.close_all()
    sc.finalize()
    t1 = time.process_time()
    return t1 - t0, sc


def by_scopes(frame, value_cols, agg):
    """The measure's figures at the system level, per org, per sector and per
    stratum margin: one groupby each, as a report would need."""
    out = {"system": frame[value_cols].agg(agg)}
    for key in ("org", "sector", "age_band", "sex", "quintile"):
        out[key] = frame.groupby(key)[value_cols].agg(agg)
    return out


def run_pandas(P, C, R):
    t0 = time.process_time()
    # experience: duplicate assessments per 100 assessments
    # (an assessment repeats one of the same type by another organisation up
    # to 90 days before it, or the same day at a lower organisation index)
    a = C.loc[C["type"].isin([7, 8]), ["person", "type", "start_day", "org", "sector",
                                       "staff_minutes"]]
    a = a.assign(row=np.arange(len(a)))
    pairs = a[["person", "type", "start_day", "org", "row"]].merge(
        a[["person", "type", "start_day", "org"]], on=["person", "type"], suffixes=("", "_k"))
    gap = pairs["start_day"] - pairs["start_day_k"]
    hit = (pairs["org"] != pairs["org_k"]) & (gap <= 90) & (
        (gap > 0) | ((gap == 0) & (pairs["org_k"] < pairs["org"])))
    a = a.assign(dup=a["row"].isin(pairs.loc[hit, "row"]).astype(np.int64), one=1)
    a = a.merge(P, on="person")
    dup = by_scopes(a, ["dup", "one"], "sum")
    dup_sys = 100.0 * dup["system"]["dup"] / dup["system"]["one"]
    # outcomes: mean of each person's latest ASCOT SCT4 score in the period
    r = R[(R["day"] >= START) & (R["day"] <= END)].sort_values(["person", "day", "org", "score"])
    latest = r.groupby("person").tail(1).merge(P, on="person")
    out = {"system": latest["score"].mean()}
    for key in ("age_band", "sex", "quintile"):
        out[key] = latest.groupby(key)["score"].mean()
    by_org = r.groupby(["person", "org"]).tail(1)  # latest at each organisation
    out["org"] = by_org.groupby("org")["score"].mean()
    out["sector"] = by_org.assign(sector=1 + by_org["org"] % 9).groupby("sector")["score"].mean()
    # resources: staff hours per person-year (every person observed the whole year)
    c = C[(C["start_day"] >= START) & (C["start_day"] <= END)]
    mins = c.groupby("person")["staff_minutes"].sum()
    pm = P.assign(minutes=mins.reindex(P["person"]).fillna(0).to_numpy(), days=365)
    res = {"system": pm[["minutes", "days"]].sum()}
    for key in ("age_band", "sex", "quintile"):
        res[key] = pm.groupby(key)[["minutes", "days"]].sum()
    res["org"] = (c.groupby(["org", "person"])["staff_minutes"].sum()
                  .groupby("org").agg(["sum", "size"]))
    res["sector"] = (c.groupby(["sector", "person"])["staff_minutes"].sum()
                     .groupby("sector").agg(["sum", "size"]))
    staff_sys = res["system"]["minutes"] / res["system"]["days"] * 6.0875
    t1 = time.process_time()
    return t1 - t0, {"duplicate-assessments": dup_sys, "ascof-1a-scrqol": out["system"],
                     "staff-hours": staff_sys}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=20000)
    ap.add_argument("--contacts", type=int, default=20)
    ap.add_argument("--responses", type=float, default=10)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--framework",
                    default=os.path.join(ROOT, "examples", "frameworks",
                                         "england-integrated-care.json"))
    args = ap.parse_args()
    fw = Framework.load_file(args.framework)
    fw3_text = same_work(args.framework)
    fw3 = Framework.load(fw3_text)
    with open(args.framework, encoding="utf-8") as f:
        n_measures = len(json.load(f)["measures"])
    people, contacts, responses = generate(args.people, args.contacts, args.responses)
    n_records = len(people["person"]) + len(contacts["person"]) + len(responses["person"])
    # the same rows as frames for pandas (not timed, like the C side's arrays)
    P = pd.DataFrame(people)
    age = 2025 - P["birth_year"] - (P["birth_month"] > 4)
    P["age_band"] = pd.cut(age, [18, 65, 75, 85, 200], right=False, labels=False)
    P["quintile"] = (P["imd_decile"] + 1) // 2
    P = P[["person", "age_band", "sex", "quintile"]]
    C = pd.DataFrame({k: v for k, v in contacts.items()})
    R = pd.DataFrame({"person": responses["person"], "org": responses["org"],
                      "day": responses["day"],
                      # ASCOF 1A: items scored 3/2/1/0 for levels 1..4, summed
                      "score": (4 - responses["items"]).sum(axis=1).astype(np.float64)})
    c_times, c3_times, p_times = [], [], []
    c_vals = c3_vals = p_vals = None
    for _ in range(args.reps):
        t, sc = run_c(fw, people, contacts, responses)
        c_times.append(t)
        c_vals = {name: sc.find(measure_index(args.framework, name))["value"]
                  for name in MEASURES}
        sc.close()
        t, sc = run_c(fw3, people, contacts, responses)
        c3_times.append(t)
        c3_vals = {name: sc.find(measure_index(fw3_text, name))["value"] for name in MEASURES}
        sc.close()
        t, p_vals = run_pandas(P, C, R)
        p_times.append(t)
    cm, pm = statistics.median(c_times), statistics.median(p_times)
    c3m = statistics.median(c3_times)
    print(f"{args.people} people, {n_records} records "
          f"({len(contacts['person'])} contacts, {len(responses['person'])} responses); "
          f"medians of {args.reps} (CPU s)")
    print(f"C, {n_measures} measures:     {cm:8.3f} s  {n_records / cm:12,.0f} records/s  "
          f"{cm / n_measures:.3f} s per measure")
    print(f"C, the 3 measures:  {c3m:8.3f} s  {n_records / c3m:12,.0f} records/s  "
          f"{c3m / 3:.3f} s per measure")
    print(f"pandas, 3 measures: {pm:8.3f} s  {n_records / pm:12,.0f} records/s  "
          f"{pm / 3:.3f} s per measure")
    print(f"ratio pandas/C: {pm / cm:.2f} for all (3 vs {n_measures} measures); "
          f"{(pm / 3) / (cm / n_measures):.2f} per measure; "
          f"{pm / c3m:.2f} on the same 3 measures")
    for name in c_vals:
        print(f"  system {name}: C {c_vals[name]:.4f}  C (3) {c3_vals[name]:.4f}  "
              f"pandas {float(p_vals[name]):.4f}")


if __name__ == "__main__":
    main()
