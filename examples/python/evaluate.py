#!/usr/bin/env python3
# Python host of Solen: one household, then a small caseload in one batch call.
# SPDX-License-Identifier: Apache-2.0
"""Usage: evaluate.py [CASELOAD.jsonl]

Needs libsolen.so.1 (or SOLEN_LIBRARY=/path/to/libsolen.so) and the `solen` package (pip
install bindings/python, or PYTHONPATH=bindings/python/src; run from the repository, the
script finds the package by itself).
"""

import collections
import json
import os
import sys

try:
    import solen
except ImportError:  # running from a source checkout
    here = os.path.dirname(os.path.abspath(__file__))
    sys.path.insert(0, os.path.join(here, "..", "..", "bindings", "python", "src"))
    import solen

HOUSEHOLD = {
    "id": "T1",
    "as_of": "2019-05-01",
    "members": [{"role": "declarant", "age": 40}],
    "income": {"rfr": "7800", "rfr_year": 2017},
}


def main(argv):
    with solen.Engine() as engine:
        print(f"libsolen {solen.library_version()}, rule pack {engine.pack.id} {engine.pack.version}")

        decision = engine.evaluate(HOUSEHOLD)
        cheque = decision["tariffs"]["cheque_energie"]
        print(f"{decision['id']}: chèque énergie {cheque['status']} {cheque['amount']} €")

        try:
            engine.evaluate({"id": "BAD", "members": [{"role": "declarant", "age": 400}]})
        except solen.SolenError as e:
            print(f"BAD: rejected: {e.status_name} {e.code} at {e.path}")

        if len(argv) > 1:
            with open(argv[1], encoding="utf-8") as f:
                households = [json.loads(line) for line in f if line.strip()]
        else:
            households = [HOUSEHOLD, dict(HOUSEHOLD, id="T2", as_of="2019-02-30"),
                          dict(HOUSEHOLD, id="T3")]
        decisions = engine.evaluate_many(households, reasons=False)
        counts = collections.Counter(d["status"] for d in decisions)
        print(f"batch: {len(decisions)} decisions, " +
              ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
