"""Independent check of carealign_spc_xmr against a numpy re-implementation of
the Making Data Count XmR chart, written from NHSRplotthedots 0.2.2 as
described in /work/shared/reference/methods.md section 2 (ptd_spc_standard,
ptd_special_cause_type, ptd_point_type, ptd_calculate_assurance_type) and
from R's mean() (summary.c: long double sum, then a residual correction).
It follows R's vectorised formulation (padding, windows, cumsum), not the C
code. Random series, seeded, with ties and points exactly on the mean.
"""

import ctypes
import math
import sys

import numpy as np

from carealign import _lib

LD = np.longdouble


def r_mean(x):
    """R's mean() of a double vector: long double sum / n, plus mean residual."""
    x = np.asarray(x, dtype=np.float64)
    n = x.size
    if n == 0:
        return math.nan
    s = LD(0)
    for v in x:
        s += LD(v)
    s /= LD(n)
    t = LD(0)
    for v in x:
        t += LD(v) - s
    s += t / LD(n)
    return float(s)


def group_calc(y, fix, screen):
    """ptd_spc_standard for one facet x rebase group."""
    n = y.size
    fix_y = np.where(np.arange(1, n + 1) <= (fix if fix else np.inf), y, np.nan)
    mean = r_mean(fix_y[~np.isnan(fix_y)])
    mr = np.concatenate(([np.nan], np.abs(np.diff(fix_y))))
    amr = r_mean(mr[~np.isnan(mr)])
    if screen:
        with np.errstate(invalid="ignore"):
            keep = mr < 3.267 * amr
        mr = np.where(keep, mr, np.nan)
        amr = r_mean(mr[~np.isnan(mr)])
    limit = 2.66
    close = 2 * (limit / 3)
    lpl, upl = mean - limit * amr, mean + limit * amr
    nlpl, nupl = mean - close * amr, mean + close * amr
    with np.errstate(invalid="ignore"):
        outside = (y > upl) | (y < lpl)
        rtm = np.sign(y - mean)
        near = ~outside & ((y < nlpl) | (y > nupl))
    return dict(mean=mean, lpl=lpl, upl=upl, nlpl=nlpl, nupl=nupl, amr=amr,
                outside=outside, rtm=rtm.astype(int), close=near, mr=mr)


def seven_point_one_side_mean(v):
    vp = np.concatenate((np.zeros(6, dtype=int), v))
    return np.array([float(all(vp[i] == vp[i - k] for k in range(1, 7)) and vp[i] != 0)
                     for i in range(6, 6 + v.size)])


def part_of_seven(v):
    vp = np.concatenate((v, np.zeros(6)))
    return np.array([float(np.any(np.abs(vp[i:i + 7]) == 1)) for i in range(v.size)])


def seven_point_trend(y):
    if y.size < 7:
        return np.zeros(y.size)
    out = [0.0] * 6
    for i in range(6, y.size):
        d = -np.sign(np.diff(y[i - np.arange(7)]))
        out.append(1.0 if np.all(d == 1) else (-1.0 if np.all(d == -1) else 0.0))
    return np.array(out)


def two_in_three(v, rtm):
    v = v.astype(int)
    vp = np.concatenate(([0, 0], v, [0, 0]))
    rp = np.concatenate(([0, 0], rtm, [0, 0]))
    out = []
    for i in range(v.size):
        hit = False
        for a in (0, 1, 2):
            w = slice(i + a, i + a + 3)
            if vp[w].sum() >= 2 and abs(rp[w].sum()) == 3:
                hit = True
        out.append(float(hit))
    return np.array(out)


def special_cause_type(y, rtm, close, outside):
    """Returns (label, v) per point, v = +1 Above/Increasing, -1 Below/Decreasing."""
    ptrend = part_of_seven(seven_point_trend(y))
    p23 = ((two_in_three(close, rtm) == 1) & (np.abs(close.astype(int)) == 1)).astype(float)
    pshift = part_of_seven(seven_point_one_side_mean(rtm))
    sdy = np.sign(np.diff(y))
    n = y.size
    right = np.concatenate((sdy, sdy[-1:])) if n > 1 else np.zeros(n)
    left = np.concatenate(([0.0], sdy))
    use_right = (np.concatenate((ptrend[1:], [0.0])) != 0) & (ptrend != 0)
    sd = np.where(use_right, right[:n], left)
    labels = []
    for i in range(n):
        ab = "Above" if rtm[i] > 0 else "Below"
        if outside[i]:
            labels.append("Above UCL" if rtm[i] == 1 else "Below LCL")
        elif ptrend[i] != 0:
            labels.append("7 Point Trend (%screasing)" % ("In" if sd[i] == 1 else "De"))
        elif p23[i] != 0:
            labels.append("2 in 3 %s CL" % ab)
        elif pshift[i] != 0:
            labels.append("7 Points %s CL" % ab)
        else:
            labels.append("Common Cause")
    return labels, ptrend, p23, pshift


def point_type(label, direction):
    v = 1 if ("Above" in label or "Increasing" in label) else (
        -1 if ("Below" in label or "Decreasing" in label) else 0)
    if direction == 0:
        return v, (_lib.SPC_NEUTRAL_HIGH if v > 0 else
                   _lib.SPC_NEUTRAL_LOW if v < 0 else _lib.SPC_COMMON_CAUSE)
    v2 = v * direction
    return v, (_lib.SPC_IMPROVEMENT if v2 > 0 else
               _lib.SPC_CONCERN if v2 < 0 else _lib.SPC_COMMON_CAUSE)


RULE_OF = {"A": _lib.SPC_RULE_OUTSIDE_LIMITS, "B": _lib.SPC_RULE_OUTSIDE_LIMITS,
           "7 Point T": _lib.SPC_RULE_TREND, "2": _lib.SPC_RULE_TWO_OF_THREE,
           "7 Points": _lib.SPC_RULE_SHIFT, "C": _lib.SPC_RULE_NONE}


def rule_of(label):
    for prefix in ("7 Point T", "7 Points", "A", "B", "2", "C"):
        if label.startswith(prefix):
            return RULE_OF[prefix]
    raise AssertionError(label)


def reference(y, direction, screen, fix, rebase, target, min_icons, short):
    flags = np.zeros(y.size, dtype=int)
    rebase_flag = np.zeros(y.size, dtype=int)
    rebase_flag[list(rebase)] = 1
    group = np.cumsum(rebase_flag) - rebase_flag[0]
    rows = []
    for g in np.unique(group):
        idx = np.nonzero(group == g)[0]
        yg = y[idx]
        c = group_calc(yg, fix, screen)
        labels, ptrend, p23, pshift = special_cause_type(yg, c["rtm"], c["close"], c["outside"])
        for k, i in enumerate(idx):
            v, pt = point_type(labels[k], direction)
            f = 0
            f |= _lib.SPC_OUTSIDE_LIMITS if c["outside"][k] else 0
            f |= _lib.SPC_CLOSE_TO_LIMITS if c["close"][k] else 0
            f |= _lib.SPC_IN_TREND if ptrend[k] else 0
            f |= _lib.SPC_IN_TWO_OF_THREE if p23[k] else 0
            f |= _lib.SPC_IN_SHIFT if pshift[k] else 0
            f |= _lib.SPC_SHORT_GROUP if idx.size < short else 0
            f |= _lib.SPC_LIMITS_NA if math.isnan(c["amr"]) else 0
            if fix and k >= fix:
                f |= _lib.SPC_AFTER_FIX
            elif k > 0 and math.isnan(c["mr"][k]):
                f |= _lib.SPC_MR_SCREENED
            flags[i] = f
            rows.append(dict(mean=c["mean"], lower=c["lpl"], upper=c["upl"],
                             near_lower=c["nlpl"], near_upper=c["nupl"], group=int(g),
                             relative_to_mean=int(c["rtm"][k]), rule=rule_of(labels[k]),
                             side=v, point_type=pt, flags=f))
        last_amr = c["amr"]
        last_idx = idx
    last = rows[-1]
    types = [rows[i]["point_type"] for i in last_idx]
    summary = dict(mean=last["mean"], lower=last["lower"], upper=last["upper"],
                   average_moving_range=last_amr, n_points=y.size,
                   n_groups=int(group[-1]) + 1, group_points=last_idx.size,
                   common_cause=types.count(_lib.SPC_COMMON_CAUSE),
                   improvement=types.count(_lib.SPC_IMPROVEMENT),
                   concern=types.count(_lib.SPC_CONCERN),
                   neutral=types.count(_lib.SPC_NEUTRAL_HIGH) + types.count(_lib.SPC_NEUTRAL_LOW))
    any_flags = 0
    for r in rows:
        any_flags |= r["flags"] & (_lib.SPC_SHORT_GROUP | _lib.SPC_LIMITS_NA)
    # Variation icon from the last point's type (geom_ptd_icon.R).
    pt = last["point_type"]
    icon = {(_lib.SPC_COMMON_CAUSE, 1): 1, (_lib.SPC_COMMON_CAUSE, -1): 1,
            (_lib.SPC_COMMON_CAUSE, 0): 1, (_lib.SPC_NEUTRAL_HIGH, 0): 6,
            (_lib.SPC_NEUTRAL_LOW, 0): 7, (_lib.SPC_IMPROVEMENT, 1): 2,
            (_lib.SPC_IMPROVEMENT, -1): 3, (_lib.SPC_CONCERN, 1): 5,
            (_lib.SPC_CONCERN, -1): 4}[(pt, direction)]
    if target is None or direction == 0:
        assurance = 0
    elif target > last["upper"]:
        assurance = 2 if direction == 1 else 1
    elif target < last["lower"]:
        assurance = 1 if direction == 1 else 2
    else:
        assurance = 3
    if last_idx.size < min_icons:
        any_flags |= _lib.SPC_TOO_FEW_FOR_ICONS
        icon, assurance = 0, 0
    summary.update(variation_icon=icon, assurance_icon=assurance, flags=any_flags)
    return rows, summary


def run_c(y, direction, screen, fix, rebase, target, min_icons, short):
    opts = _lib.SpcOptions()
    _lib.lib.carealign_spc_options_init(ctypes.byref(opts), ctypes.sizeof(opts))
    opts.improvement_direction = direction
    opts.screen_outliers = int(screen)
    opts.fix_after_n_points = fix
    opts.min_points_for_icons = min_icons
    opts.short_group_points = short
    idx = (ctypes.c_size_t * max(len(rebase), 1))(*rebase)
    opts.rebase_at = idx
    opts.n_rebase = len(rebase)
    if target is not None:
        opts.has_target, opts.target = 1, target
    data = (ctypes.c_double * y.size)(*y)
    points = (_lib.SpcPoint * y.size)()
    summary = _lib.SpcSummary()
    _lib.lib.carealign_spc_xmr(data, y.size, ctypes.byref(opts), points, ctypes.byref(summary))
    return points, summary


def same(a, b):
    if isinstance(b, float) and math.isnan(b):
        return math.isnan(a)
    if isinstance(b, float):
        return a == b or abs(a - b) <= 1e-12 * max(1.0, abs(b))
    return a == b


def main():
    rng = np.random.default_rng(20261122)
    failures = 0
    cases = 0
    for case in range(1500):
        n = int(rng.integers(1, 60))
        kind = case % 5
        if kind == 0:
            y = rng.normal(0, 1, n)
        elif kind == 1:
            y = rng.integers(0, 5, n).astype(float)  # ties, points on the mean
        elif kind == 2:
            y = np.cumsum(rng.normal(0, 1, n))  # drifts: trends and shifts
        elif kind == 3:
            y = rng.normal(0, 1, n) + np.where(np.arange(n) > n // 2, 2.5, 0.0)
        else:
            y = np.round(rng.normal(50, 5, n)) + (rng.random(n) < 0.1) * 40.0
        direction = int(rng.integers(-1, 2))
        screen = bool(rng.integers(0, 2))
        fix = int(rng.choice([0, 0, 2, 5, 12]))
        k = int(rng.integers(0, 3))
        rebase = sorted(set(int(i) for i in rng.integers(0, n, k))) if n > 1 else []
        target = None if rng.random() < 0.4 else float(rng.normal(0, 2))
        min_icons = int(rng.choice([0, 15, 5]))
        short = int(rng.choice([13, 0, 20]))
        rows, summ = reference(y, direction, screen, fix, rebase, target, min_icons, short)
        points, summary = run_c(y, direction, screen, fix, rebase, target, min_icons, short)
        cases += 1
        for i, r in enumerate(rows):
            for key, want in r.items():
                got = getattr(points[i], key)
                if not same(got, want):
                    failures += 1
                    if failures < 20:
                        print(f"case {case} point {i} {key}: C {got} reference {want}; y={list(y)}"
                              f" dir={direction} screen={screen} fix={fix} rebase={rebase}")
        for key, want in summ.items():
            got = getattr(summary, key)
            if not same(got, want):
                failures += 1
                if failures < 20:
                    print(f"case {case} summary {key}: C {got} reference {want}")
    print(f"{cases} random charts compared, {failures} differences")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
