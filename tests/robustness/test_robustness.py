# Robustness of the Python binding: the bad-household corpus through Engine.evaluate (raises
# solen.SolenError with code and path) and Engine.evaluate_many / evaluate_jsonl (one decision
# per household, in order), broken rule packs refused with every problem listed.
# SPDX-License-Identifier: Apache-2.0
# Standard library only. Run: SOLEN_LIBRARY=... PYTHONPATH=bindings/python/src \
#   python3 tests/robustness/test_robustness.py BUILD/tests/robustness/fixtures
import json
import os
import sys

import solen

SENTINELS = ("Zorglub", "31415926", "Dupont")
AS_OF = "2020-01-15"
FIXTURES = sys.argv[1] if len(sys.argv) > 1 else os.environ["ROB_FIXTURES_DIR"]

failures = []


def check(condition, what):
    if not condition:
        failures.append(what)
        print("FAILED:", what, file=sys.stderr)


def split_lines(data):
    """Lines split on b"\\n" only, as the engine splits JSON Lines (the last may lack one)."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines.pop()
    return lines


def blank(line):
    return line.strip(b" \t\r") == b""


with open(os.path.join(FIXTURES, "corpus.jsonl"), "rb") as f:
    CORPUS = f.read()
LINES = split_lines(CORPUS)
with open(os.path.join(FIXTURES, "corpus.expected.jsonl"), encoding="utf-8") as f:
    EXPECTED = [json.loads(line) for line in f if line.strip()]
assert len(EXPECTED) == sum(1 for line in LINES if not blank(line)), "expectations out of date"


def line_of(e):
    """The household of a corpus line, without the CR of a CRLF ending (line framing)."""
    line = LINES[e["line"] - 1]
    return line[:-1] if line.endswith(b"\r") else line


def describe(e):
    what = f"line {e['line']} ({e.get('note', '')}): expected {e['status']}"
    if e["status"] == "error":
        what += f" {e['code']} at {e['path']!r}"
    return what


def check_decision(e, d, via):
    where = f"{via}: {describe(e)}"
    check(isinstance(d, dict), f"{where}: not a dict")
    check(d.get("status") == e["status"], f"{where}: status {d.get('status')!r}")
    check(d.get("id") == e["id"], f"{where}: id {d.get('id')!r}")
    if e["status"] == "excluded":
        check(d == {"id": e["id"], "status": "excluded", "reason": "objection"},
              f"{where}: an excluded decision must hold nothing else: {d!r}")
    if e["status"] == "error":
        err = d.get("error", {})
        check(set(d) == {"id", "status", "error"}, f"{where}: keys {sorted(d)}")
        check(err.get("code") == e["code"], f"{where}: code {err.get('code')!r}")
        check(err.get("path") == e["path"], f"{where}: path {err.get('path')!r}")
        message = err.get("message", "")
        check(message and not any(s in message for s in SENTINELS),
              f"{where}: message empty or quotes personal data: {message!r}")


def as_household(e):
    """The dict for lines a dict can express, else the raw bytes (duplicate keys, bad UTF-8,
    syntax errors...): the binding passes bytes through unchanged."""
    raw = line_of(e)
    return raw if e["raw"] else json.loads(raw)


def test_evaluate_one_by_one(engine):
    for e in EXPECTED:
        household = as_household(e)
        via = "evaluate(%s)" % ("bytes" if e["raw"] else "dict")
        try:
            d = engine.evaluate(household, as_of=AS_OF)
        except solen.SolenError as x:
            check(e["status"] == "error", f"{via}: {describe(e)}: raised {x}")
            check(x.code == e["code"], f"{via}: {describe(e)}: code {x.code!r}")
            check(x.path == e["path"], f"{via}: {describe(e)}: path {x.path!r}")
            check(x.status in (solen.Status.E_PARSE, solen.Status.E_SCHEMA),
                  f"{via}: {describe(e)}: status {x.status!r}")
            check(x.message and not any(s in str(x) for s in SENTINELS),
                  f"{via}: {describe(e)}: message empty or quotes personal data: {x}")
        else:
            check(e["status"] != "error", f"{via}: {describe(e)}: no exception")
            check_decision(e, d, via)


def test_evaluate_many(engine):
    # Everything as raw bytes, through the batch call.
    households = [line_of(e) for e in EXPECTED]
    for threads in (1, 4):
        decisions = engine.evaluate_many(households, as_of=AS_OF, threads=threads)
        check(len(decisions) == len(EXPECTED), f"evaluate_many: {len(decisions)} decisions")
        for e, d in zip(EXPECTED, decisions):
            check_decision(e, d, f"evaluate_many(bytes, threads={threads})")
    # Dicts where a dict can express the defect, mixed with raw lines.
    mixed = [as_household(e) for e in EXPECTED]
    decisions = engine.evaluate_many(mixed, as_of=AS_OF)
    check(len(decisions) == len(EXPECTED), "evaluate_many(mixed): count")
    for e, d in zip(EXPECTED, decisions):
        check_decision(e, d, "evaluate_many(mixed)")
    check(sum(1 for e in EXPECTED if not e["raw"]) > 50, "too few dict-expressible lines")


def test_evaluate_jsonl(engine):
    out = engine.evaluate_jsonl(CORPUS, as_of=AS_OF)
    check(isinstance(out, bytes), "evaluate_jsonl(bytes) returns bytes")
    lines = split_lines(out)
    check(len(lines) == len(EXPECTED), f"evaluate_jsonl: {len(lines)} lines")
    for e, line in zip(EXPECTED, lines):
        check_decision(e, json.loads(line), "evaluate_jsonl")
    check(engine.evaluate_jsonl(CORPUS, as_of=AS_OF, threads=1) ==
          engine.evaluate_jsonl(CORPUS, as_of=AS_OF, threads=3), "evaluate_jsonl: thread count")


def issue_reported(message, want):
    for line in message.split("\n"):
        if "path_prefix" in want:
            if want["path_prefix"] in line:
                return True
            continue
        path = want["path"] or "/"
        if line.lstrip().startswith(path + ": ") and f"[{want['code']}]" in line:
            return True
    return False


def test_broken_packs():
    with open(os.path.join(FIXTURES, "packs", "expected.jsonl"), encoding="utf-8") as f:
        packs = [json.loads(line) for line in f if line.strip()]
    check(len(packs) > 20, "too few broken packs")
    for p in packs:
        path = os.path.join(FIXTURES, "packs", p["file"])
        with open(path, "rb") as f:
            text = f.read()
        for rules in (path, text):
            try:
                solen.Engine(rules).close()
            except solen.SolenError as x:
                check(x.status == solen.Status.E_RULES, f"pack {p['name']}: status {x.status!r}")
                for want in p["issues"]:
                    check(issue_reported(x.message, want),
                          f"pack {p['name']}: {want} not listed in {x.message!r}")
            else:
                check(False, f"pack {p['name']}: accepted")
    solen.Engine(os.path.join(FIXTURES, "packs", "valid.json")).close()


def main():
    with solen.Engine() as engine:
        test_evaluate_one_by_one(engine)
        test_evaluate_many(engine)
        test_evaluate_jsonl(engine)
    test_broken_packs()
    if failures:
        print(f"{len(failures)} failures", file=sys.stderr)
        return 1
    print(f"ok: {len(EXPECTED)} corpus lines through evaluate, evaluate_many, evaluate_jsonl; "
          "broken packs refused")
    return 0


if __name__ == "__main__":
    sys.exit(main())
