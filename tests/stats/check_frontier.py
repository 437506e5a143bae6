#!/usr/bin/python3
"""Independent check of carealign_cea_frontier against the textbook
procedure written out plainly (Drummond MF, Sculpher MJ, Claxton K,
Stoddart GL, Torrance GW. Methods for the Economic Evaluation of Health Care
Programmes, 4th ed. 2015, section 4.4): rank by cost; drop every option
that another option dominates (no dearer, at least as effective, one of the
two strictly; of exact duplicates the first listed is kept); then, while
some option's ICER against the previous remaining option exceeds the next
option's ICER against it, drop the first such option and recompute.
Exact rational arithmetic (fractions.Fraction) decides the comparisons, so
that the check does not share carealign's floating-point ICERs. Random sets
of 1 to 30 options with many ties and collinear points."""
import random
import sys
from fractions import Fraction

from carealign import stats as cs


def textbook(costs, qalys):
    n = len(costs)
    q = [Fraction(x) for x in qalys]
    status = ["frontier"] * n
    comparator = [None] * n
    for j in range(n):
        best = None
        for i in range(n):
            if i == j:
                continue
            dominates = costs[i] <= costs[j] and q[i] >= q[j] and (
                costs[i] < costs[j] or q[i] > q[j] or i < j)
            if dominates:
                key = (costs[i], -q[i], i)
                if best is None or key < best[0]:
                    best = (key, i)
        if best is not None:
            status[j] = "dominated"
            comparator[j] = best[1]
    alive = sorted((i for i in range(n) if status[i] == "frontier"),
                   key=lambda i: (costs[i], -q[i], i))

    def icer(a, b):
        return Fraction(costs[b] - costs[a]) / (q[b] - q[a])

    changed = True
    while changed:
        changed = False
        for k in range(1, len(alive) - 1):
            if icer(alive[k - 1], alive[k]) > icer(alive[k], alive[k + 1]):
                status[alive[k]] = "extended_dominated"
                del alive[k]
                changed = True
                break
    rank = {i: r for r, i in enumerate(alive)}
    icers = [None] * n
    for r, i in enumerate(alive):
        if r:
            comparator[i] = alive[r - 1]
            icers[i] = icer(alive[r - 1], i)
    for j in range(n):
        if status[j] == "extended_dominated":
            below = [i for i in alive if costs[i] < costs[j]]
            comparator[j] = below[-1]
            icers[j] = icer(below[-1], j)
    return status, [rank.get(i) for i in range(n)], comparator, icers


failures = 0
checked = 0
rng = random.Random(4242)
for trial in range(3000):
    n = rng.randint(1, 30)
    scale = rng.choice([1, 100, 10**9])
    costs = [rng.randint(-5, 40) * scale for _ in range(n)]
    qalys = [rng.randint(0, 12) / 4 for _ in range(n)]
    if trial % 5 == 0:  # points on a line
        for i in range(n):
            qalys[i] = costs[i] / scale / 8
    got = cs.cea_frontier(costs, qalys)
    status, rank, comparator, icers = textbook(costs, qalys)
    for i, g in enumerate(got):
        checked += 1
        ok = (g.status == status[i] and g.rank == rank[i] and g.comparator == comparator[i])
        if ok and icers[i] is not None:
            ok = g.icer is not None and abs(g.icer - float(icers[i])) <= 1e-12 * abs(float(icers[i]))
        elif ok:
            ok = g.icer is None
        if not ok:
            failures += 1
            if failures < 10:
                print("MISMATCH trial %d option %d: got %r, want %r" % (
                    trial, i, g, (status[i], rank[i], comparator[i], icers[i])))
print("%d options checked, %d mismatches" % (checked, failures))
sys.exit(1 if failures else 0)
