#!/usr/bin/env python3
# Python batch through the C ABI: solen.Engine().evaluate_many(list_of_dicts, as_of=..., reasons=False)
# (dicts in, dicts out) and evaluate_jsonl (JSON Lines text in and out, no per-household Python work).
#
#   SOLEN_LIBRARY=build-bench/capi/libsolen.so.1 python3 benchmarks/bench_python.py \
#       [--households N] [--year Y] [--as-of D] [--threads T] [--solen PATH] [--tsv]
#
# The caseload comes from `solen generate N --seed 1 --year Y` (national profile) and is decoded
# into dicts before the clock starts. Peak RSS includes those dicts and the decisions.
# SPDX-License-Identifier: Apache-2.0
import argparse
import json
import os
import resource
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bindings", "python", "src"))

import solen  # noqa: E402


def cpu_seconds():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--households", type=int, default=200_000)
    ap.add_argument("--year", type=int, default=2024)
    ap.add_argument("--as-of", default=None, help="default: 15 June of --year")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--solen", default=os.environ.get("SOLEN_CLI", os.path.join(ROOT, "build-bench", "bin", "solen")))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tsv", action="store_true")
    a = ap.parse_args()
    as_of = a.as_of or f"{a.year}-06-15"

    text = subprocess.run([a.solen, "generate", str(a.households), "--seed", "1", "--year", str(a.year)],
                          check=True, stdout=subprocess.PIPE).stdout
    households = [json.loads(line) for line in text.splitlines()]
    engine = solen.Engine()

    results = []
    # evaluate_many: dicts in, dicts out (json.dumps of each dict and json.loads of the decisions
    # happen in Python and are part of the measure).
    best, best_cpu = float("inf"), 0.0
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), cpu_seconds()
        decisions = engine.evaluate_many(households, as_of=as_of, reasons=False, threads=a.threads)
        if time.perf_counter() - t0 < best:
            best, best_cpu = time.perf_counter() - t0, cpu_seconds() - c0
        assert len(decisions) == len(households)
        del decisions
    results.append(("python evaluate_many (dicts)", best, best_cpu))
    # evaluate_jsonl: the caseload as JSON Lines bytes, decisions as bytes.
    best, best_cpu = float("inf"), 0.0
    for _ in range(a.repeat):
        t0, c0 = time.perf_counter(), cpu_seconds()
        out = engine.evaluate_jsonl(text, as_of=as_of, reasons=False, threads=a.threads)
        if time.perf_counter() - t0 < best:
            best, best_cpu = time.perf_counter() - t0, cpu_seconds() - c0
        assert out.count(b"\n") == len(households)
        del out
    results.append(("python evaluate_jsonl (bytes)", best, best_cpu))

    n = len(households)
    for name, s, cpu in results:
        if a.tsv:
            print(f"binding\t{name}\tnational\t{a.year}\t{n}\t{a.threads}\t{s:.3f}\t{n / s:.0f}\t{peak_rss_mb():.0f}\t{cpu:.3f}")
        else:
            print(f"{name:32s} {n:>9d} households  {a.threads} threads  {s:8.3f} s (CPU {cpu:7.3f} s)"
                  f"  {n / s:12.0f} households/s")
    if not a.tsv:
        print(f"peak RSS {peak_rss_mb():.0f} MB (includes {n} households as Python dicts)")


if __name__ == "__main__":
    main()
