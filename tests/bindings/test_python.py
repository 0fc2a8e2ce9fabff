# Test suite of the Python binding (stdlib unittest) against the built libsolen.
# SPDX-License-Identifier: Apache-2.0
"""Run: SOLEN_LIBRARY=build/capi/libsolen.so PYTHONPATH=bindings/python/src python3 THIS

Environment: SOLEN_LIBRARY (the built library), SOLEN_SOURCE_DIR (repository root; defaults
to two levels up). Ends with a line "N passed, N failed"; exit status 1 on any failure.
"""

import copy
import datetime
import decimal
import json
import ctypes
import os
import pathlib
import pickle
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import unittest

SOURCE_DIR = os.environ.get("SOLEN_SOURCE_DIR") or os.path.abspath(
    os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

import solen  # noqa: E402  (PYTHONPATH set by the caller)
from solen import _lib  # noqa: E402

HOUSEHOLD = {
    "id": "T1",
    "as_of": "2019-05-01",
    "members": [{"role": "declarant", "age": 40}],
    "income": {"rfr": "7800", "rfr_year": 2017},
}


def without_date(household, new_id):
    h = copy.deepcopy(household)
    h.pop("as_of", None)
    h["id"] = new_id
    return h


def all_reasons(node):
    """Every "reasons" list anywhere in a decision."""
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "reasons" and isinstance(v, list):
                yield v
            yield from all_reasons(v)
    elif isinstance(node, list):
        for v in node:
            yield from all_reasons(v)


def run_python(code, env_changes, pythonpath=None):
    env = dict(os.environ)
    env.update(env_changes)
    for k, v in list(env_changes.items()):
        if v is None:
            env.pop(k)
    if pythonpath is not None:
        env["PYTHONPATH"] = pythonpath
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          timeout=300)


class LibraryTest(unittest.TestCase):
    def test_versions(self):
        self.assertEqual(solen.abi_version(), solen.ABI_VERSION)
        self.assertEqual(solen.library_version(), "1.1.0")
        self.assertEqual(solen.__version__, solen.library_version())

    def test_declarations_match_the_generated_ffi_header(self):
        with open(os.path.join(SOURCE_DIR, "bindings", "ffi", "solen_ffi.h")) as f:
            header = f.read()
        functions = set(re.findall(r"\b(solen_[a-z_0-9]+)\s*\(", header))
        self.assertEqual(functions, set(_lib.SIGNATURES))
        enum = dict((name, int(value)) for name, value in
                    re.findall(r"\bSOLEN_([A-Z_]+) = (\d+)", header))
        self.assertEqual(enum, {s.name: int(s) for s in solen.Status})

    def test_loads_by_soname_without_solen_library(self):
        libdir = os.path.dirname(os.path.abspath(os.environ["SOLEN_LIBRARY"]))
        if not os.path.exists(os.path.join(libdir, "libsolen.so.1")):
            self.skipTest("no libsolen.so.1 beside SOLEN_LIBRARY")
        ld = libdir + (":" + os.environ["LD_LIBRARY_PATH"] if os.environ.get("LD_LIBRARY_PATH") else "")
        r = run_python("import solen; print(solen.Engine().pack.id)",
                       {"SOLEN_LIBRARY": None, "LD_LIBRARY_PATH": ld})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), solen.Engine().pack.id)

    def test_bad_library_path_is_a_library_error(self):
        r = run_python("import solen\ntry:\n    solen.Engine()\nexcept solen.LibraryError as e:\n"
                       "    print('LibraryError', 'SOLEN_LIBRARY' in str(e))",
                       {"SOLEN_LIBRARY": "/nonexistent/libsolen.so.1"})
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.strip(), "LibraryError True")

    def test_both_layouts_import_the_same_package(self):
        for path in ("bindings/python", "bindings/python/src"):
            r = run_python("import solen, os; print(os.path.realpath(solen.__file__))", {},
                           os.path.join(SOURCE_DIR, path))
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertEqual(r.stdout.strip(), os.path.realpath(os.path.join(
                SOURCE_DIR, "bindings", "python", "src", "solen", "__init__.py")))

    def test_offline_pip_install(self):
        probe = run_python("import setuptools, pip\ntry:\n    import wheel\nexcept ImportError:\n"
                           "    from setuptools.command.bdist_wheel import bdist_wheel", {})
        if probe.returncode != 0:
            self.skipTest("this interpreter lacks pip, setuptools or wheel (bdist_wheel): "
                          "offline install not testable here")
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(tmp, "src")  # a copy: setuptools writes build/ and egg-info
            shutil.copytree(os.path.join(SOURCE_DIR, "bindings", "python"), src, symlinks=True)
            target = os.path.join(tmp, "site")
            r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-build-isolation",
                                "--no-index", "--no-cache-dir", "--quiet", "--target", target,
                                src], capture_output=True, text=True, timeout=600)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            r = run_python("import solen; print(solen.__file__, solen.Engine().pack.id)", {},
                           target)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertTrue(r.stdout.startswith(target), r.stdout)


class EngineTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.engine = solen.Engine()

    @classmethod
    def tearDownClass(cls):
        cls.engine.close()

    def test_pack(self):
        pack = self.engine.pack
        self.assertIsInstance(pack, solen.PackInfo)
        self.assertTrue(pack.id and pack.version)
        self.assertRegex(pack.sha256, r"^[0-9a-f]{64}$")

    def test_evaluate_known_household(self):
        d = self.engine.evaluate(HOUSEHOLD)
        self.assertEqual(d["id"], "T1")
        self.assertEqual(d["status"], "ok")
        self.assertEqual(d["tariffs"]["cheque_energie"]["status"], "eligible")
        self.assertEqual(d["tariffs"]["cheque_energie"]["amount"], "48.00")
        self.assertEqual(d["rulepack"]["sha256"], self.engine.pack.sha256)
        for key in ("protections", "schedule", "orientation"):
            self.assertIn(key, d)

    def test_as_of_argument(self):
        h = without_date(HOUSEHOLD, "T2")
        for as_of in ("2019-05-01", datetime.date(2019, 5, 1)):
            d = self.engine.evaluate(h, as_of=as_of)
            self.assertEqual(d["tariffs"]["cheque_energie"]["amount"], "48.00")
            self.assertEqual(d.get("as_of"), "2019-05-01")

    def test_household_date_wins_over_as_of(self):
        d = self.engine.evaluate(HOUSEHOLD, as_of="2030-01-01")
        self.assertEqual(d.get("as_of"), "2019-05-01")

    def test_reasons_off(self):
        d = self.engine.evaluate(HOUSEHOLD, reasons=False)
        self.assertTrue(all(r == [] for r in all_reasons(d)))
        self.assertEqual(d["tariffs"]["cheque_energie"]["amount"], "48.00")

    def test_decimal_and_date_values(self):
        h = dict(HOUSEHOLD, id="T5", as_of=datetime.date(2019, 5, 1),
                 income={"rfr": decimal.Decimal("7800"), "rfr_year": 2017})
        self.assertEqual(self.engine.evaluate(h)["tariffs"]["cheque_energie"]["amount"], "48.00")

    def test_json_text_household(self):
        d = self.engine.evaluate(json.dumps(HOUSEHOLD, indent=2))
        self.assertEqual(d["id"], "T1")

    def test_invalid_household_raises(self):
        bad = {"id": "T4", "as_of": "2019-05-01", "members": [{"role": "declarant", "age": 400}]}
        with self.assertRaises(solen.SolenError) as cm:
            self.engine.evaluate(bad)
        e = cm.exception
        self.assertEqual(e.status, solen.Status.E_SCHEMA)
        self.assertTrue(e.code)
        self.assertTrue(e.path.startswith("/members/0"), e.path)
        self.assertIn("SOLEN_E_SCHEMA", str(e))

    def test_unreadable_json_raises_parse(self):
        with self.assertRaises(solen.SolenError) as cm:
            self.engine.evaluate('{"id": "T3", "members": [')
        self.assertEqual(cm.exception.status, solen.Status.E_PARSE)
        self.assertEqual(cm.exception.status_name, "SOLEN_E_PARSE")

    def test_invalid_as_of_is_invalid_argument(self):
        with self.assertRaises(solen.SolenError) as cm:
            self.engine.evaluate(HOUSEHOLD, as_of="2016-02-30")
        self.assertEqual(cm.exception.status, solen.Status.E_INVALID_ARGUMENT)
        self.assertEqual(cm.exception.path, "/as_of")

    def test_error_pickles(self):
        e = solen.SolenError(2, "msg", "invalid_json", "/x")
        e2 = pickle.loads(pickle.dumps(e))
        self.assertEqual((e2.status, e2.message, e2.code, e2.path), (2, "msg", "invalid_json", "/x"))

    def test_evaluate_many_keeps_one_result_per_household(self):
        bad = {"id": "T4", "members": [{"role": "declarant", "age": 400}]}
        out = self.engine.evaluate_many([HOUSEHOLD, bad, without_date(HOUSEHOLD, "T2"),
                                         "not json", "   ", b'{"id":"T6"}'],
                                        as_of="2019-05-01")
        self.assertEqual([d.get("id") for d in out[:3]], ["T1", "T4", "T2"])
        self.assertEqual(len(out), 6)
        self.assertEqual([d["status"] for d in out], ["ok", "error", "ok", "error", "error", "error"])
        self.assertIn("code", out[1]["error"])
        self.assertEqual(out[2]["tariffs"]["cheque_energie"]["amount"], "48.00")

    def test_evaluate_many_empty_and_generators(self):
        self.assertEqual(self.engine.evaluate_many([]), [])
        out = self.engine.evaluate_many(dict(HOUSEHOLD, id=f"G{i}") for i in range(100))
        self.assertEqual([d["id"] for d in out], [f"G{i}" for i in range(100)])

    def test_evaluate_many_threads_do_not_change_results(self):
        hs = [dict(HOUSEHOLD, id=f"H{i}") for i in range(300)]
        one = self.engine.evaluate_many(hs, reasons=False, threads=1)
        two = self.engine.evaluate_many(hs, reasons=False, threads=2)
        self.assertEqual(one, two)
        with self.assertRaises(ValueError):
            self.engine.evaluate_many(hs, threads=-1)

    def test_evaluate_jsonl(self):
        text = json.dumps(HOUSEHOLD) + "\n\n" + json.dumps(dict(HOUSEHOLD, id="T9")) + "\n"
        out = self.engine.evaluate_jsonl(text, reasons=False)
        self.assertIsInstance(out, str)
        self.assertEqual([json.loads(x)["id"] for x in out.splitlines()], ["T1", "T9"])
        self.assertIsInstance(self.engine.evaluate_jsonl(text.encode()), bytes)
        self.assertEqual(self.engine.evaluate_jsonl(""), "")

    def test_shared_engine_across_threads(self):
        expected = self.engine.evaluate(HOUSEHOLD)
        failures = []

        def work():
            for _ in range(50):
                if self.engine.evaluate(HOUSEHOLD) != expected:
                    failures.append(1)
                try:
                    self.engine.evaluate("{")
                    failures.append(2)
                except solen.SolenError as e:
                    if e.status != solen.Status.E_PARSE:
                        failures.append(3)

        threads = [threading.Thread(target=work) for _ in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        self.assertEqual(failures, [])


class BatchPathsTest(unittest.TestCase):
    """evaluate_file, the large-buffer copy and the lazy decisions of evaluate_many."""

    CASELOAD = (json.dumps(HOUSEHOLD) + "\n" + '{"id":"F2","members":[' + "\n\n   \r\n"
                + '{"id":"F3","members":[{"role":"declarant","age":400}]}\r\n'
                + json.dumps(without_date(HOUSEHOLD, "F4"))).encode()  # no final newline

    @classmethod
    def setUpClass(cls):
        cls.engine = solen.Engine()
        cls.tmp = tempfile.TemporaryDirectory()
        cls.src = os.path.join(cls.tmp.name, "in.jsonl")
        with open(cls.src, "wb") as f:
            f.write(cls.CASELOAD)

    @classmethod
    def tearDownClass(cls):
        cls.engine.close()
        cls.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def test_evaluate_file_matches_evaluate_jsonl(self):
        dst = pathlib.Path(self.path("out.jsonl"))
        summary = self.engine.evaluate_file(self.src, dst, as_of="2019-05-01", reasons=False,
                                            threads=2)
        self.assertEqual(summary["households"], 4)
        self.assertEqual(summary["status"], {"ok": 2, "error": 2, "excluded": 0})
        self.assertIn("cheque_energie", summary["totals"])
        expected = self.engine.evaluate_jsonl(self.CASELOAD, as_of="2019-05-01", reasons=False)
        self.assertEqual(dst.read_bytes(), expected)
        self.assertEqual([json.loads(x)["status"] for x in expected.splitlines()],
                         ["ok", "error", "error", "ok"])

    def test_evaluate_file_errors_are_structured(self):
        dst = self.path("never.jsonl")
        with self.assertRaises(solen.SolenError) as cm:
            self.engine.evaluate_file(self.path("missing.jsonl"), dst)
        self.assertEqual((cm.exception.status, cm.exception.code),
                         (solen.Status.E_IO, "unreadable_file"))
        self.assertIn("missing.jsonl", cm.exception.message)
        self.assertFalse(os.path.exists(dst))
        with self.assertRaises(solen.SolenError) as cm:
            self.engine.evaluate_file(self.src, self.path("no/such/dir/out.jsonl"))
        self.assertEqual((cm.exception.status, cm.exception.code),
                         (solen.Status.E_IO, "unwritable_file"))
        with self.assertRaises(solen.SolenError) as cm:
            self.engine.evaluate_file(self.src, self.src)
        self.assertEqual((cm.exception.status, cm.exception.code),
                         (solen.Status.E_INVALID_ARGUMENT, "same_file"))
        with open(self.src, "rb") as f:
            self.assertEqual(f.read(), self.CASELOAD)  # not truncated
        if os.path.exists("/dev/full"):
            with self.assertRaises(solen.SolenError) as cm:
                self.engine.evaluate_file(self.src, "/dev/full")
            self.assertEqual(cm.exception.code, "write_error")
        with self.assertRaises(ValueError):
            self.engine.evaluate_file(self.src, dst, threads=-1)
        with self.assertRaises(ValueError):
            self.engine.evaluate_file(self.src, dst + "\0x")

    def test_missing_newer_function_is_a_library_error(self):
        with self.assertRaises(solen.LibraryError):
            _lib._missing("old.so", "solen_evaluate_file")()

    def test_large_results_are_copied_exactly(self):
        data = bytes(range(256)) * (5 << 12)  # 5 MiB: above the huge-page threshold
        buf = ctypes.create_string_buffer(data, len(data))
        self.assertEqual(solen._buffers.copy_bytes(ctypes.addressof(buf), len(data)), data)
        hs = [dict(HOUSEHOLD, id=f"B{i}") for i in range(3000)]
        text = "\n".join(json.dumps(h) for h in hs).encode()
        out = self.engine.evaluate_jsonl(text)  # reasons on: several MiB
        self.assertGreater(len(out), 4 << 20)
        self.assertEqual(out.count(b"\n"), len(hs))
        self.assertEqual(json.loads(out.splitlines()[-1])["id"], "B2999")

    def test_evaluate_many_lazy(self):
        hs = [dict(HOUSEHOLD, id=f"Z{i}") for i in range(300)] + ["not json"]
        eager = self.engine.evaluate_many(hs, reasons=False)
        lazy = self.engine.evaluate_many(hs, reasons=False, lazy=True)
        self.assertIsInstance(lazy, solen.Decisions)
        self.assertEqual(len(lazy), len(eager))
        self.assertEqual(list(lazy), eager)
        self.assertEqual((lazy[0], lazy[-1], lazy[5:8]), (eager[0], eager[-1], eager[5:8]))
        self.assertEqual(lazy[-1]["status"], "error")
        with self.assertRaises(IndexError):
            lazy[len(eager)]
        self.assertEqual(lazy.jsonl.count(b"\n"), len(eager))
        self.assertEqual(len(self.engine.evaluate_many([], lazy=True)), 0)
        self.assertEqual(list(solen.Decisions(b'{"a":1}\n{"a":2}')), [{"a": 1}, {"a": 2}])


class RulesTest(unittest.TestCase):
    def pack_path(self):
        path = os.path.join(SOURCE_DIR, "rules", "fr-lille.json")
        if not os.path.exists(path):
            self.skipTest("rules/fr-lille.json not found")
        return path

    def test_rules_from_path_text_and_dict(self):
        path = self.pack_path()
        with solen.Engine() as default:
            with open(path, encoding="utf-8") as f:
                text = f.read()
            for rules in (path, text, text.encode(), json.loads(text)):
                with solen.Engine(rules) as e:
                    self.assertEqual(e.pack.id, default.pack.id)
                    self.assertEqual(e.evaluate(HOUSEHOLD)["tariffs"]["cheque_energie"]["amount"],
                                     "48.00")
            with solen.Engine(path) as e:
                self.assertEqual(e.pack.sha256, default.pack.sha256)  # same bytes

    def test_bad_rules(self):
        with self.assertRaises(solen.SolenError) as cm:
            solen.Engine({"format": 1, "id": "broken"})
        self.assertEqual(cm.exception.status, solen.Status.E_RULES)
        self.assertTrue(cm.exception.message)
        with self.assertRaises(solen.SolenError) as cm:
            solen.Engine("{ not json")
        self.assertEqual(cm.exception.status, solen.Status.E_RULES)
        with self.assertRaises(solen.SolenError) as cm:
            solen.Engine("/nonexistent/pack.json")
        self.assertEqual(cm.exception.status, solen.Status.E_IO)
        with self.assertRaises(TypeError):
            solen.Engine(42)

    def test_context_manager_and_close(self):
        with solen.Engine() as e:
            self.assertFalse(e.closed)
        self.assertTrue(e.closed)
        e.close()  # idempotent
        with self.assertRaises(ValueError):
            e.evaluate(HOUSEHOLD)
        self.assertIn("closed", repr(e))


class CountingResult(unittest.TextTestResult):
    passed = 0

    def addSuccess(self, test):
        super().addSuccess(test)
        self.passed += 1


def main():
    runner = unittest.TextTestRunner(resultclass=CountingResult, verbosity=2, stream=sys.stdout)
    suite = unittest.defaultTestLoader.loadTestsFromModule(sys.modules[__name__])
    result = runner.run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    print(f"python {sys.version.split()[0]} ({sys.executable}), {len(result.skipped)} skipped")
    print(f"{result.passed} passed, {failed} failed")
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
