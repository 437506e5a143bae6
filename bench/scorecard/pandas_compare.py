#!/usr/bin/python3
"""The scorecard engine against pandas on equal work (bench/README.md, "Scorecard").

Generates people (with an ethnic category unless --ethnicity 0), contacts
and ASCOT SCT4 responses in-process with numpy (fixed seed), then times, on
the same rows:

  C, 17:  the Python binding's columnar feeds (people, contacts, responses)
          and finalize through the default framework: all 17 measures at
          every level, stratum, cross and month. With --feed blocks (the
          default; the data is generated sorted by person) the tables go
          through Scorecard.feed_columns_by_person: blocks of 16,384 people,
          each block's people, contacts and responses, then close_before the
          next block, so that the engine holds one block's records at a
          time; with --feed whole, each table whole, then close_all (the
          timed path before the eleventh session); either way with
          reasons=None (no per-row reasons; a rejected row stops the run);
  C, 3:   the same through the default framework reduced to three
          representative measures, one per aim (no crosses; strata
          organisation, sector, age, sex, deprivation; quarterly periods):
            experience  duplicate-assessments  (same-type assessment by another
                                                organisation within 90 days,
                                                per 100 assessments; rate)
            outcomes    ascof-1a-scrqol        (mean of each person's latest
                                                ASCOT SCT4 score, 0 to 24;
                                                weighted mean, weights all 1)
            resources   staff-hours            (staff minutes over days
                                                observed, hours per person-year;
                                                rate)
  pandas: every result row the engine gives for those three measures
          (equal work): the system, each sector, each organisation and each
          organisation's cohort view (the whole-system figure of the people
          it served, by contact or response, in the period); the margin and
          each age band, sex and deprivation quintile; the whole period, and
          each quarter at the margin for the measure with SPC history
          (duplicate assessments; docs/scorecard.md "Groups"). Per row the
          estimate, its interval as lib/accum computes it (rates: exact
          Poisson below 10 events, Byar's from 10; the mean: t on n - 1
          degrees of freedom), n, numerator, denominator, the interval
          method, the row flags, target met, the XmR chart's point types and
          icons over the four quarters, and the funnel position of each
          organisation among its sector's (duplicate assessments and staff
          hours); groups (rows) exist where some person contributes, as in
          the engine. Vectorised numpy/pandas throughout: one groupby of the
          records into unit x [quarter] x age x sex x deprivation cells per
          level, then roll-ups of the cells; scipy for the chi-square, t and
          normal quantiles.

Left out on both sides: the ascof-1a-scrqol SII and RII rows (2 rows). The
engine computes them with lib/stats/sii.c's analytic replacement of
PHEindicatormethods' simulated phe_sii interval (exact cumulants, Cornish-
Fisher quantiles, Fieller's construction for the RII); a pandas version
would either port that code line by line or simulate, and a simulation
cannot match to 1e-9. Everything else the engine returns for the three
measures is reproduced and checked.

The check (outside both timings) joins the engine's rows of the 3-measure
run with the pandas rows on measure, level, unit, period and stratum and
reports rows only on one side, values (estimate, lower, upper) further
apart than 1e-9 relative (1e-12 absolute near 0; NaN equals NaN), and any
difference in n, numerator, denominator, method, flags, target met, SPC
point, variation and assurance icons or funnel position. The pandas rules
implement what this data exercises (the engine applies the full rules of
docs/scorecard.md): no deaths (days observed = the period), no opt-outs or
people outside the base, no missing items, no survey weights, no subtypes.

The frames pandas starts from (people, contacts, responses with their
eight item levels) are built untimed, as the engine's arrays are; the
timed part derives everything else (age bands, quintiles, scores, periods).

Prints the medians of --reps runs (CPU seconds, process_time), the ratios
pandas : C (all 17 measures, per measure, and on equal work: the 3-measure
run against pandas), the check, and the system values of the three
measures in the 17-measure run beside pandas'. Exits 1 if the check fails.

usage: CAREALIGN_LIBRARY=<build>/lib/libcarealign.so PYTHONPATH=bindings/python \\
       /usr/bin/python3 bench/scorecard/pandas_compare.py [--people N] [--contacts C]
       [--responses R] [--reps K] [--feed blocks|whole]
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import pandas as pd
from scipy.special import betaincinv
from scipy.stats import chi2, norm
from scipy.stats import t as student

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


# The ethnic categories of `carealign generate` (NHS Data Dictionary Ethnic
# Category codes) and its weights (tools/carealign/generate.c), as in
# bench_scorecard.c.
ETHNIC_CODES = list("ABCDEFGHJKLMNPRSZ")
ETHNIC_WEIGHTS = np.array([780, 20, 30, 10, 10, 5, 5, 30, 50, 10, 10, 10, 15, 5, 5, 10, 20])


def generate(n_people, mean_contacts, mean_responses, seed=12345, ethnicity=True):
    """People, contacts and responses as numpy columns. With `ethnicity`,
    each person has an ethnic category (an index into ETHNIC_CODES) drawn
    from a stream of its own, so that every other column is the same
    either way."""
    rng = np.random.default_rng(seed)
    person = np.arange(n_people, dtype=np.int32)
    people = {
        "person": person,
        "birth_year": rng.integers(1925, 2005, n_people, dtype=np.int32),
        "birth_month": rng.integers(1, 13, n_people, dtype=np.int32),
        "sex": rng.integers(1, 3, n_people, dtype=np.int32),
        "imd_decile": rng.integers(1, 11, n_people, dtype=np.int32),
    }
    if ethnicity:
        people["ethnicity"] = np.random.default_rng(seed + 1).choice(
            len(ETHNIC_CODES), n_people, p=ETHNIC_WEIGHTS / ETHNIC_WEIGHTS.sum()).astype(np.int32)
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


def run_c(framework_text, people, contacts, responses, feed="blocks"):
    """The engine's timed run (CPU seconds, the finalized scorecard). feed
    "blocks": Scorecard.feed_columns_by_person (the tables are sorted by
    person: blocks of 16,384 people, each closed before the next); "whole":
    each table through its columnar feed, then close_all. The feeds make no
    row reasons (reasons=None: C writes none, each returns the number of
    rejected rows), and every table's count must be 0: no row is dropped."""
    inst = next(i for i in range(_lib.lib.carealign_instrument_count())
                if _lib.lib.carealign_instrument_get(i).contents.name == b"ascot_sct4")
    t0 = time.process_time()
    sc = Scorecard(framework_text, no_disclosure=True)
    area = sc.register_ids("area", ["E08000035"])[0]
    sc.feed_organisations([(i, 1 + i % 9, "") for i in range(N_ORGS)])
    sc.feed_populations([(area, 2025, 0, 0, None, 800000)])
    n = len(people["person"])
    cols = dict(people)
    if "ethnicity" in cols:  # category indices -> the scorecard's dictionary indices
        ids = np.array(sc.register_ids("ethnicity", ETHNIC_CODES), dtype=np.int32)
        cols["ethnicity"] = ids[cols["ethnicity"]]
    cols["area"] = np.full(n, area, dtype=np.int32)
    if feed == "blocks":
        rejected = sc.feed_columns_by_person(cols, contacts, dict(responses, instrument=inst),
                                             reasons=None)
    else:
        rejected = {"people": sc.feed_people_columns(**cols, reasons=None),
                    "contacts": sc.feed_contacts_columns(**contacts, reasons=None),
                    "responses": sc.feed_responses_columns(
                        inst, responses["items"], responses["person"], responses["day"],
                        org=responses["org"], reasons=None)}
        sc.close_all()
    if any(rejected.values()):
        raise SystemExit(f"pandas_compare: the engine rejected rows: {rejected}")
    sc.finalize()
    t1 = time.process_time()
    return t1 - t0, sc


# -- pandas: the engine's result rows of the three measures -------------------------
# Result rows are keyed as the engine's: level, unit (-1 for the system, the
# sector code, the organisation index), period (-1 for the whole period, else
# the quarter 0..3), stratum dimension (-1 margin, 2 age, 3 sex, 4
# deprivation: the strata's places in the reduced framework) and code.
STRATA = (("age", 2), ("sex", 3), ("dep", 4))
LEVEL_CODE = {"system": 0, "sector": 1, "org": 2, "cohort": 3}
AGE_FROM = np.array([18, 65, 75, 85])  # the framework's age bands, 18-64 ... 85+
EXACT, BYAR, T = 2, 3, 4  # CAREALIGN_METHOD_*


def quarter_starts():
    """The first day of each quarter of the period (days since 1970-01-01)."""
    months = np.datetime64("2025-04", "M") + np.arange(0, 12, 3)
    return months.astype("datetime64[D]").astype(np.int64)


def cells(unit, person, strata, values, period=None):
    """One groupby of per-record (or per-person) values into the finest
    cells: unit x [period] x age x sex x deprivation, summed."""
    frame = pd.DataFrame({"unit": unit, **{k: v[person] for k, v in strata.items()},
                          **values})
    keys = ["unit"] + list(strata)
    if period is not None:
        frame["period"] = period
        keys.append("period")
    return frame.groupby(keys, sort=False).sum()


def rollup(c, level, periods):
    """The result rows of one level from its cells: the margin for the whole
    period (and each period when `periods`), then each stratum's groups for
    the whole period. Returns a frame of sums keyed like the engine's rows."""
    parts = []
    if periods:
        by_period = c.groupby(level=["unit", "period"]).sum().reset_index()
        parts.append(by_period.assign(dim=-1, code=-1))
        c = c.groupby(level=["unit", "age", "sex", "dep"]).sum()
    margin = c.groupby(level="unit").sum().reset_index()
    parts.append(margin.assign(period=-1, dim=-1, code=-1))
    for name, dim in STRATA:
        g = c.groupby(level=["unit", name]).sum().reset_index().rename(columns={name: "code"})
        parts.append(g[g["code"] >= 0].assign(period=-1, dim=dim))
    out = pd.concat(parts, ignore_index=True)
    out["level"] = LEVEL_CODE[level]
    return out


def rate_rows(measure, sums, events, exposure, per):
    """lib/accum's RATE: events / exposure x per, the exact Poisson interval
    below 10 events and Byar's from 10 (PHEindicatormethods' phe_rate)."""
    z = norm.ppf(0.975)
    e = sums[events].to_numpy(np.float64)
    x = sums[exposure].to_numpy(np.float64)
    exact = e < 10
    lo = np.where(e > 0, chi2.ppf(0.025, 2 * e) / 2, 0.0)
    up = chi2.ppf(0.975, 2 * e + 2) / 2
    with np.errstate(invalid="ignore", divide="ignore"):
        blo = e * (1 - 1 / (9 * e) - z / (3 * np.sqrt(e))) ** 3
        blo = np.where(blo < 0, np.nan, blo)
        e1 = e + 1
        bup = e1 * (1 - 1 / (9 * e1) + z / (3 * np.sqrt(e1))) ** 3
    lo, up = np.where(exact, lo, blo), np.where(exact, up, bup)
    return sums[["level", "unit", "period", "dim", "code"]].assign(
        measure_id=measure, value=e / x * per, lower=lo / x * per, upper=up / x * per, n=x,
        method=np.where(exact, EXACT, BYAR), numerator=e, denominator=x)


def t_975(df):
    """Student's t 0.975 quantile on df degrees of freedom (NaN for df <= 0).
    scipy 1.10's t.ppf is off by up to 4e-9 relative for some small df (df
    6: 1e-9, df 39: 4.1e-9, against mpmath at 40 digits); the inverse of the
    regularised incomplete beta, t^2 = df y / (1 - y) with I_y(1/2, df/2) =
    0.95, is exact to 1e-15 there but drifts to ~4e-11 for df in the
    hundreds of thousands, where t.ppf is exact: each where it is accurate."""
    t = student.ppf(0.975, df)
    small = df < 1000
    y = betaincinv(0.5, df[small] / 2, 0.95)
    with np.errstate(invalid="ignore", divide="ignore"):
        t[small] = np.sqrt(df[small] * y / (1 - y))
    return t


def mean_rows(measure, sums):
    """lib/accum's weighted MEAN with every weight 1: the mean with a t
    interval on n - 1 degrees of freedom (n < 2: no interval)."""
    n = sums["n"].to_numpy(np.float64)
    sx, sxx = sums["sx"].to_numpy(np.float64), sums["sxx"].to_numpy(np.float64)
    mean = sx / n
    m2 = np.maximum(sxx - sx * mean, 0)  # sum (x - mean)^2, as accum computes it
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.sqrt(m2 / n / (n - 1))
        half = t_975(n - 1) * se
    half = np.where(n > 1, half, np.nan)
    return sums[["level", "unit", "period", "dim", "code"]].assign(
        measure_id=measure, value=mean, lower=mean - half, upper=mean + half, n=n, method=T,
        numerator=sx, denominator=n)


def spc_points(rows):
    """The Making Data Count XmR chart (NHSRplotthedots, as lib/stats/spc.c)
    over the four quarters of each whole-period margin row of the SPC
    measure: limits mean -/+ 2.66 x the mean moving range; with four points
    only the rules "outside the limits" and "two of three beyond 2/3 of the
    limits on one side" can fire (trends and shifts need 7 points) and the
    icons need 15 points (NONE, 0). Rows without a value in every quarter
    get no chart (-1). Sets spc_point, spc_variation, spc_assurance. (On
    this data no rule fires: every point is common cause, 0; the rules were
    checked against carealign_spc_xmr on random series with outliers.)"""
    key = ["level", "unit"]
    q = rows[(rows["dim"] == -1) & (rows["period"] >= 0)]
    v = q.pivot(index=key, columns="period", values="value").reindex(columns=range(4))
    v = v[np.isfinite(v.to_numpy()).all(axis=1)]
    y = v.to_numpy()
    mean = y.mean(axis=1, keepdims=True)
    amr = np.abs(np.diff(y, axis=1)).mean(axis=1, keepdims=True)
    rel = np.sign(y - mean)
    outside = (y > mean + 2.66 * amr) | (y < mean - 2.66 * amr)
    near = 2 * (2.66 / 3) * amr
    close = ~outside & ((y < mean - near) | (y > mean + near))
    window = [(close[:, w:w + 3].sum(axis=1) >= 2) & (np.abs(rel[:, w:w + 3].sum(axis=1)) == 3)
              for w in (0, 1)]
    in_window = np.stack([window[0], window[0] | window[1], window[0] | window[1], window[1]],
                         axis=1)
    side = np.where(outside, np.where(rel == 1, 1, -1),
                    np.where(close & in_window, np.where(rel > 0, 1, -1), 0))
    direction = -1  # duplicate assessments: improvement is a decrease
    point = np.where(side * direction > 0, 1, np.where(side * direction < 0, 2, 0))
    points = pd.DataFrame(point, index=v.index, columns=range(4)).stack().rename("p")
    points.index.names = key + ["period"]
    rows["spc_point"] = rows.join(points, on=key + ["period"])["p"].fillna(-1).astype(int)
    rows.loc[rows["dim"] != -1, "spc_point"] = -1
    whole = rows["period"].eq(-1) & rows["dim"].eq(-1)
    charted = pd.MultiIndex.from_frame(rows[key]).isin(v.index)
    rows["spc_variation"] = np.where(whole & charted, 0, -1)
    rows["spc_assurance"] = rows["spc_variation"]


def funnel(rows, org_sector):
    """Funnel position of each organisation's whole-period margin rate among
    the organisations of its sector (lib/stats/funnel.c, Poisson limits at
    95% and 99.8%: exact below 10 events, Byar's from 10); -1 where the
    engine gives none (no events in the sector)."""
    org = rows["level"].eq(2) & rows["period"].eq(-1) & rows["dim"].eq(-1)
    o = rows[org].assign(sector=lambda f: org_sector[f["unit"].to_numpy()])
    tot = o.groupby("sector")[["numerator", "denominator"]].transform("sum")
    avg = (tot["numerator"] / tot["denominator"]).to_numpy()
    obs, exp_ = o["numerator"].to_numpy(), o["denominator"].to_numpy()

    def bound(p, low):
        z = norm.ppf(0.5 + p / 2)
        with np.errstate(invalid="ignore", divide="ignore"):
            if low:
                small = np.where(obs > 0, chi2.ppf(0.5 - p / 2, 2 * obs) / 2, 0.0)
                big = obs * (1 - 1 / (9 * obs) - z / 3 / np.sqrt(obs)) ** 3
            else:
                small = chi2.ppf(0.5 + p / 2, 2 * obs + 2) / 2
                big = (obs + 1) * (1 - 1 / (9 * (obs + 1)) + z / 3 / np.sqrt(obs + 1)) ** 3
        return np.where(obs < 10, small, big) / exp_

    cat = np.select([avg < bound(0.998, True), avg < bound(0.95, True),
                     avg > bound(0.998, False), avg > bound(0.95, False)], [2, 1, -2, -1], 0)
    rows["funnel"] = -1
    rows.loc[o.index, "funnel"] = np.where(avg > 0, cat, -1)


def finish(rows, org_sector):
    """What finalize adds to the estimates: flags (local definition 0x10,
    weighted 0x80, and 0x40: disclosure control off in this run), target met
    (-1: no targets), SPC points and icons, funnel positions."""
    flags = {"duplicate-assessments": 0x50, "ascof-1a-scrqol": 0xC0, "staff-hours": 0x50}
    rows["flags"] = rows["measure_id"].map(flags)
    rows["target_met"] = -1
    parts = []
    for measure, part in rows.groupby("measure_id", sort=False):
        part = part.copy()
        if measure == "duplicate-assessments":  # spc_history
            spc_points(part)
        else:
            part["spc_point"] = part["spc_variation"] = part["spc_assurance"] = -1
        if measure == "ascof-1a-scrqol":  # funnels are for proportions and rates
            part["funnel"] = -1
        else:
            funnel(part, org_sector)
        parts.append(part)
    return pd.concat(parts, ignore_index=True)


def duplicates(a, scope):
    """Per assessment (rows of `a` sorted by scope + type, day, organisation):
    1 when an earlier assessment of the same person, scope and type, at
    another organisation, started at most 90 days before (the same day
    counts when it sorts first: a lower organisation index). The latest
    earlier assessment at another organisation is the row just before the
    current run of rows at one organisation; it is the only one to test."""
    keys = a[["person"] + scope + ["type"]].to_numpy()
    org, day = a["org"].to_numpy(), a["start_day"].to_numpy()
    new_group = np.ones(len(a), dtype=bool)
    new_group[1:] = (keys[1:] != keys[:-1]).any(axis=1)
    run_start = new_group.copy()
    run_start[1:] |= org[1:] != org[:-1]
    first = np.flatnonzero(run_start)[np.cumsum(run_start) - 1]  # each row's run start
    before = np.maximum(first - 1, 0)
    return (~new_group[first] & (day - day[before] <= 90)).astype(np.int64)


def run_pandas(P, C, R, org_sector):
    """The three measures' result rows, as the engine gives them for the
    reduced framework (module docstring). Returns (CPU seconds, rows)."""
    t0 = time.process_time()
    starts = quarter_starts()
    # the person strata, indexed by person id (ids are 0..n-1): age band on
    # the period start (whole years from the 1st of the birth month),
    # sex, deprivation quintile
    age = 2025 - P["birth_year"].to_numpy() - (P["birth_month"].to_numpy() > 4)
    strata = {"age": np.searchsorted(AGE_FROM, age, side="right") - 1,
              "sex": P["sex"].to_numpy(), "dep": (P["imd_decile"].to_numpy() + 1) // 2}
    n_people = len(P)
    everyone = np.arange(n_people)
    days = END - START + 1  # days observed: the period (the data has no deaths)
    c = C[(C["start_day"] >= START) & (C["start_day"] <= END)]
    score = (4 - R[[f"i{k}" for k in range(8)]]).sum(axis=1)  # ASCOF 1A: 3/2/1/0 summed
    r = R.loc[(R["day"] >= START) & (R["day"] <= END), ["person", "org", "day"]].assign(
        score=score, sector=lambda f: org_sector[f["org"].to_numpy()])
    # who each organisation and sector served in the period (contacts or responses)
    served = pd.concat([c[["person", "org"]], r[["person", "org"]]]).drop_duplicates()
    served_sec = pd.concat([c[["person", "sector"]], r[["person", "sector"]]]).drop_duplicates()
    sp, so = served["person"].to_numpy(), served["org"].to_numpy()
    rows = []

    # experience: duplicate assessments per 100 assessments, by quarter too
    a = c.loc[c["type"].isin([7, 8]), ["person", "org", "sector", "type", "start_day"]]
    a = a.sort_values(["person", "type", "start_day", "org"])
    dup_sys = duplicates(a, [])
    q = np.searchsorted(starts, a["start_day"].to_numpy(), side="right") - 1
    ap, one = a["person"].to_numpy(), np.ones(len(a), dtype=np.int64)
    s = a.sort_values(["person", "sector", "type", "start_day", "org"])
    dup_sec = duplicates(s, ["sector"])
    sq = np.searchsorted(starts, s["start_day"].to_numpy(), side="right") - 1
    # the person's system figures per quarter, for the cohort views
    per_person = (pd.DataFrame({"person": ap, "period": q, "dup": dup_sys, "n": one})
                  .groupby(["person", "period"]).sum().reset_index())
    cohort = per_person.merge(served, on="person")
    dup = pd.concat([
        rollup(cells(-1, ap, strata, {"dup": dup_sys, "n": one}, q), "system", True),
        rollup(cells(s["sector"].to_numpy(), s["person"].to_numpy(), strata,
                     {"dup": dup_sec, "n": one}, sq), "sector", True),
        # one organisation never holds an assessment by another: no duplicates
        rollup(cells(a["org"].to_numpy(), ap, strata, {"dup": 0 * one, "n": one}, q), "org",
               True),
        rollup(cells(cohort["org"].to_numpy(), cohort["person"].to_numpy(), strata,
                     {"dup": cohort["dup"].to_numpy(), "n": cohort["n"].to_numpy()},
                     cohort["period"].to_numpy()), "cohort", True)])
    rows.append(rate_rows("duplicate-assessments", dup, "dup", "n", 100.0))

    # outcomes: mean of each person's latest ASCOT SCT4 score, in the engine's
    # order of a person's responses (day, organisation, score)
    r = r.sort_values(["person", "day", "org", "score"])
    latest = r.drop_duplicates("person", keep="last")
    at_org = r.drop_duplicates(["person", "org"], keep="last")
    at_sec = r.drop_duplicates(["person", "sector"], keep="last")
    sys_score = pd.Series(latest["score"].to_numpy(), index=latest["person"].to_numpy())
    coh = served[served["person"].isin(sys_score.index)]
    coh_score = sys_score.reindex(coh["person"]).to_numpy()

    def moments(x):
        return {"n": np.ones(len(x), dtype=np.int64), "sx": x, "sxx": x * x}

    asc = pd.concat([
        rollup(cells(-1, latest["person"].to_numpy(), strata,
                     moments(latest["score"].to_numpy())), "system", False),
        rollup(cells(at_sec["sector"].to_numpy(), at_sec["person"].to_numpy(), strata,
                     moments(at_sec["score"].to_numpy())), "sector", False),
        rollup(cells(at_org["org"].to_numpy(), at_org["person"].to_numpy(), strata,
                     moments(at_org["score"].to_numpy())), "org", False),
        rollup(cells(coh["org"].to_numpy(), coh["person"].to_numpy(), strata,
                     moments(coh_score)), "cohort", False)])
    rows.append(mean_rows("ascof-1a-scrqol", asc))

    # resources: staff minutes over days observed, hours per person-year; a
    # person counts in each sector and organisation that served them
    minutes = np.bincount(c["person"].to_numpy(), weights=c["staff_minutes"].to_numpy(),
                          minlength=n_people)
    cp, cm = c["person"].to_numpy(), c["staff_minutes"].to_numpy().astype(np.int64)

    def staff(unit_c, unit_s, served_person, level):
        """Minutes from the contacts, days from the people served, per cell."""
        m = cells(unit_c, cp, strata, {"minutes": cm, "days": 0 * cm})
        d = cells(unit_s, served_person, strata,
                  {"minutes": np.zeros(len(served_person), dtype=np.int64),
                   "days": np.full(len(served_person), days, dtype=np.int64)})
        return rollup(pd.concat([m, d]).groupby(level=["unit", "age", "sex", "dep"]).sum(),
                      level, False)

    res = pd.concat([
        staff(-1, -1, everyone, "system"),
        staff(c["sector"].to_numpy(), served_sec["sector"].to_numpy(),
              served_sec["person"].to_numpy(), "sector"),
        staff(c["org"].to_numpy(), so, sp, "org"),
        rollup(cells(so, sp, strata, {"minutes": minutes[sp].astype(np.int64),
                                      "days": np.full(len(sp), days, dtype=np.int64)}),
               "cohort", False)])
    rows.append(rate_rows("staff-hours", res, "minutes", "days", 6.0875))
    out = finish(pd.concat(rows, ignore_index=True), org_sector)
    t1 = time.process_time()
    return t1 - t0, out


KEYS = ["measure_id", "level", "unit", "period", "dim", "code"]
VALUES = ("value", "lower", "upper")
COUNTS = ("n", "numerator", "denominator", "method", "flags", "target_met", "spc_point",
          "spc_variation", "spc_assurance", "funnel")
RTOL, ATOL = 1e-9, 1e-12


def engine_rows(sc):
    """The engine's estimate rows keyed like run_pandas's, and how many rows
    are left out (the SII and RII rows: module docstring)."""
    e = sc.results_frame(names=False)
    est = e[e["kind"] == 0].rename(columns={"stratum_dim_a": "dim", "stratum_a": "code"})
    assert (est["stratum_dim_b"] == -1).all()  # no crosses in the reduced framework
    return est[KEYS + list(VALUES) + list(COUNTS)], len(e) - len(est)


def compare(engine, mine):
    """Every row on both sides, values within RTOL (relative; ATOL near 0,
    both NaN equal), counts, interval method, flags, SPC and funnel codes
    equal. Returns (rows compared, the largest relative difference of a
    value, list of mismatch descriptions)."""
    both = engine.merge(mine, on=KEYS, how="outer", suffixes=("_c", "_p"), indicator=True)
    bad = []
    for side, label in (("left_only", "engine only"), ("right_only", "pandas only")):
        extra = both[both["_merge"] == side]
        if len(extra):
            bad.append(f"{len(extra)} rows {label}, e.g. {extra[KEYS].head(3).to_dict('records')}")
    both = both[both["_merge"] == "both"]
    worst_rel = 0.0
    for col in VALUES:
        x, y = both[col + "_c"].to_numpy(), both[col + "_p"].to_numpy()
        ok = np.isclose(x, y, rtol=RTOL, atol=ATOL, equal_nan=True)
        finite = np.isfinite(x) & np.isfinite(y) & (x != 0)
        if finite.any():
            worst_rel = max(worst_rel, float(np.max(np.abs(x[finite] - y[finite])
                                                    / np.abs(x[finite]))))
        if not ok.all():
            worst = both.loc[~ok, KEYS + [col + "_c", col + "_p"]].head(3).to_dict("records")
            bad.append(f"{col}: {(~ok).sum()} rows differ, e.g. {worst}")
    for col in COUNTS:
        ok = both[col + "_c"].to_numpy() == both[col + "_p"].to_numpy()
        if not ok.all():
            worst = both.loc[~ok, KEYS + [col + "_c", col + "_p"]].head(3).to_dict("records")
            bad.append(f"{col}: {(~ok).sum()} rows differ, e.g. {worst}")
    return len(both), worst_rel, bad


def frames(people, contacts, responses):
    """The generated arrays as the frames an analyst would start from (not
    timed, like the engine's arrays): people, contacts and responses with
    their eight item levels as columns."""
    P = pd.DataFrame(people)
    C = pd.DataFrame(contacts)
    R = pd.DataFrame({"person": responses["person"], "org": responses["org"],
                      "day": responses["day"],
                      **{f"i{k}": responses["items"][:, k] for k in range(8)}})
    return P, C, R


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", type=int, default=20000)
    ap.add_argument("--contacts", type=int, default=20)
    ap.add_argument("--responses", type=float, default=10)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--ethnicity", type=int, default=1, choices=(0, 1),
                    help="1 (default): people have an ethnic category; 0: the data "
                         "before the tenth session, without one")
    ap.add_argument("--framework",
                    default=os.path.join(ROOT, "examples", "frameworks",
                                         "england-integrated-care.json"))
    ap.add_argument("--feed", default="blocks", choices=("blocks", "whole"),
                    help="blocks (default): the engine's runs feed person blocks "
                         "(Scorecard.feed_columns_by_person, close_before after each); "
                         "whole: each table whole, then close_all")
    args = ap.parse_args()
    fw = Framework.load_file(args.framework)
    fw3_text = same_work(args.framework)
    fw3 = Framework.load(fw3_text)
    with open(args.framework, encoding="utf-8") as f:
        n_measures = len(json.load(f)["measures"])
    people, contacts, responses = generate(args.people, args.contacts, args.responses,
                                           ethnicity=bool(args.ethnicity))
    n_records = len(people["person"]) + len(contacts["person"]) + len(responses["person"])
    P, C, R = frames(people, contacts, responses)
    org_sector = 1 + np.arange(N_ORGS) % 9  # as fed to the engine
    c_times, c3_times, p_times = [], [], []
    c_vals = None
    for _ in range(args.reps):
        t, sc = run_c(fw, people, contacts, responses, args.feed)
        c_times.append(t)
        c_vals = {name: sc.find(measure_index(args.framework, name))["value"]
                  for name in MEASURES}
        sc.close()
        t, sc3 = run_c(fw3, people, contacts, responses, args.feed)
        c3_times.append(t)
        t, p_rows = run_pandas(P, C, R, org_sector)
        p_times.append(t)
        # the check, outside both timings
        e_rows, n_left_out = engine_rows(sc3)
        n_compared, worst_rel, bad = compare(e_rows, p_rows)
        sc3.close()
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
          f"{pm / c3m:.2f} on equal work (the same rows of the 3 measures)")
    print(f"check: {n_compared} rows compared (engine's 3-measure run vs pandas; values "
          f"rel. {RTOL:g}, counts and codes exact; {n_left_out} SII/RII rows left out): "
          + ("all equal" if not bad else f"{len(bad)} MISMATCHES")
          + f"; largest relative difference {worst_rel:.1e}")
    for line in bad:
        print("  " + line)
    p_sys = p_rows[(p_rows["level"] == 0) & (p_rows["period"] == -1) & (p_rows["dim"] == -1)]
    for name in c_vals:
        p_val = p_sys.loc[p_sys["measure_id"] == name, "value"].iloc[0]
        print(f"  system {name}: C ({n_measures}) {c_vals[name]:.4f}  pandas {p_val:.4f}")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
