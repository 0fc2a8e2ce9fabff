#!/usr/bin/env python3
# Python batch through the C ABI: evaluate_file, evaluate_jsonl (bytes) and evaluate_many (dicts).
#
#   SOLEN_LIBRARY=build-bench/capi/libsolen.so.1 python3 benchmarks/bench_python.py \
#       [--households N | --input FILE.jsonl] [--modes file,jsonl,many,lazy] [--year Y]
#       [--as-of D] [--threads T] [--solen PATH] [--output PATH] [--tsv]
#
# Modes: file = Engine.evaluate_file(FILE, --output) (streamed inside libsolen; needs --input or
# writes the generated caseload to a temporary file first); jsonl = evaluate_jsonl(bytes) ->
# bytes; many = evaluate_many(dicts) -> list of dicts; lazy = evaluate_many(dicts, lazy=True),
# then every decision decoded once while iterating. The caseload comes from --input or from
# `solen generate N --seed 1 --year Y` (national profile); dicts are decoded before the clock
# starts. Peak RSS is the whole process's: run one mode per process (run.sh does) to get the
# peak of that path alone.
# SPDX-License-Identifier: Apache-2.0
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "bindings", "python", "src"))

import solen  # noqa: E402

NAMES = {
    "file": "python evaluate_file (file to file)",
    "jsonl": "python evaluate_jsonl (bytes)",
    "many": "python evaluate_many (dicts)",
    "lazy": "python evaluate_many lazy (dicts)",
}


def cpu_seconds():
    u = resource.getrusage(resource.RUSAGE_SELF)
    return u.ru_utime + u.ru_stime


def peak_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(repeat, run):
    """(wall seconds, CPU seconds) of the fastest of `repeat` runs."""
    best, best_cpu = float("inf"), 0.0
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), cpu_seconds()
        run()
        wall, cpu = time.perf_counter() - t0, cpu_seconds() - c0
        if wall < best:
            best, best_cpu = wall, cpu
    return best, best_cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--households", type=int, default=200_000)
    ap.add_argument("--input", help="an existing JSON Lines caseload (instead of generating one)")
    ap.add_argument("--output", default=os.devnull, help="decisions of the file mode")
    ap.add_argument("--modes", default="file,jsonl,many")
    ap.add_argument("--year", type=int, default=2024)
    ap.add_argument("--as-of", default=None, help="default: 15 June of --year")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--solen", default=os.environ.get("SOLEN_CLI", os.path.join(ROOT, "build-bench", "bin", "solen")))
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--tsv", action="store_true")
    a = ap.parse_args()
    as_of = a.as_of or f"{a.year}-06-15"
    modes = a.modes.split(",")
    if a.input and modes == ["file"]:
        text = b""  # not loaded: the peak RSS is the file path's alone
        with open(a.input, "rb") as f:
            n = sum(block.count(b"\n") for block in iter(lambda: f.read(1 << 20), b""))
    elif a.input:
        with open(a.input, "rb") as f:
            text = f.read()
    else:
        text = subprocess.run([a.solen, "generate", str(a.households), "--seed", "1", "--year", str(a.year)],
                              check=True, stdout=subprocess.PIPE).stdout
    if text:
        n = text.count(b"\n") + (0 if text.endswith(b"\n") else 1)
    households = [json.loads(line) for line in text.splitlines()] if {"many", "lazy"} & set(modes) else None
    engine = solen.Engine()
    opts = {"as_of": as_of, "reasons": False, "threads": a.threads}

    def run_file():
        summary = engine.evaluate_file(path, a.output, **opts)
        assert summary["households"] == n

    def run_jsonl():
        assert engine.evaluate_jsonl(text, **opts).count(b"\n") == n

    def run_many():
        assert len(engine.evaluate_many(households, **opts)) == n

    def run_lazy():
        assert sum(1 for d in engine.evaluate_many(households, lazy=True, **opts) if d["status"]) == n

    runs = {"file": run_file, "jsonl": run_jsonl, "many": run_many, "lazy": run_lazy}
    tmp = None
    path = a.input
    if "file" in modes and not path:
        tmp = tempfile.NamedTemporaryFile(suffix=".jsonl")
        tmp.write(text)
        tmp.flush()
        path = tmp.name
    if "jsonl" not in modes:
        text = None  # the other modes need no copy of the JSON Lines in memory
    for mode in modes:
        s, cpu = best_of(a.repeat, runs[mode])
        if a.tsv:
            print(f"binding\t{NAMES[mode]}\tnational\t{a.year}\t{n}\t{a.threads}\t{s:.3f}\t{n / s:.0f}\t{peak_rss_mb():.0f}\t{cpu:.3f}")
        else:
            print(f"{NAMES[mode]:36s} {n:>9d} households  {a.threads} threads  {s:8.3f} s (CPU {cpu:7.3f} s)"
                  f"  {n / s:12.0f} households/s  peak RSS so far {peak_rss_mb():.0f} MB")
    if tmp is not None:
        tmp.close()


if __name__ == "__main__":
    main()
