#!/usr/bin/python3
"""Partition by person, a partial per partition, a tree merge: the
scale-out pattern of docs/scaling.md on one machine's cores.

Generated people each answer EQ-5D-5L once (England 2018 value set). People
are assigned to partitions by a keyed hash (HMAC-SHA256) of their id, so no
person spans partitions. Each partition is scored and added to two
accumulators (the mean index and its distribution) in a worker process of a
ProcessPoolExecutor; the partials come back pickled (through their blobs),
are merged pairwise in a tree, and finalized. The merged blobs must be
byte-identical to a single pass over everyone: the exit status is 1 if not.

Every accumulator carries the framework's SHA-256 as its context, so
partials computed under another definition would refuse to merge.

usage: partials_multiprocessing.py [--people N] [--partitions P] [--workers W]
(CAREALIGN_LIBRARY and PYTHONPATH=bindings/python as for the tests)
"""

import argparse
import concurrent.futures
import os
import pathlib
import sys

import numpy as np

import carealign
from carealign import framework, instruments
from carealign.accum import Accumulator

ROOT = pathlib.Path(__file__).resolve().parents[2]
FRAMEWORK = ROOT / "examples" / "frameworks" / "england-integrated-care.json"
KEY = b"example key: in real use a secret held under the data-sharing agreement"


def partition_of(person_ids, partitions):
    """The partition of each person: the keyed hash of the person, modulo."""
    return np.array([int.from_bytes(carealign.hmac_sha256(KEY, str(p).encode())[:4], "little")
                     % partitions for p in person_ids], dtype=np.int64)


def accumulators(context):
    return (Accumulator("mean", scale=1000, context=context),
            Accumulator("distribution", scale=1000, context=context))


def partial(args):
    """One partition: score its people, add them; return the partials."""
    items, context = args
    scores = instruments.score_batch("eq5d5l", items, "england-2018").scores
    mean, dist = accumulators(context)
    mean.add_batch(scores)
    dist.add_batch(scores)
    return mean, dist  # pickled through serialize()


def tree_merge(parts):
    """Merge pairwise, level by level (any order gives the same bits)."""
    while len(parts) > 1:
        merged = []
        for k in range(0, len(parts) - 1, 2):
            a, b = parts[k], parts[k + 1]
            merged.append(tuple(x.merge(y) for x, y in zip(a, b)))
        if len(parts) % 2:
            merged.append(parts[-1])
        parts = merged
    return parts[0]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=200_000)
    parser.add_argument("--partitions", type=int, default=8)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    context = framework.validate(FRAMEWORK.read_bytes(), FRAMEWORK.name)
    rng = np.random.default_rng(20261122)
    person = rng.permutation(args.people) + 1_000_000
    items = rng.integers(1, 6, size=(args.people, 5), dtype=np.int32)
    items[rng.random(args.people) < 0.01, 2] = instruments.ITEM_MISSING  # a few unanswered

    where = partition_of(person, args.partitions)
    tasks = [(np.ascontiguousarray(items[where == k]), context)
             for k in range(args.partitions)]
    with concurrent.futures.ProcessPoolExecutor(max_workers=args.workers) as pool:
        parts = list(pool.map(partial, tasks))
    mean, dist = tree_merge(parts)

    single_mean, single_dist = partial((items, context))
    same = (mean.serialize() == single_mean.serialize() and
            dist.serialize() == single_dist.serialize())
    est = mean.finalize(0.95)
    print(f"{args.people:,} people in {args.partitions} partitions on {args.workers} workers")
    print(f"mean EQ-5D-5L index {est.value:.4f} (95% CI {est.lower:.4f} to {est.upper:.4f}), "
          f"n = {int(est.n):,}, missing = {mean.summary()['n_missing']:,}; "
          f"median {dist.median():.3f}")
    print("merged partials byte-identical to the single pass:", "yes" if same else "NO")
    for acc in (mean, dist, single_mean, single_dist):
        acc.close()
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
