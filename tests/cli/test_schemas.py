"""Validates households and the decisions `solen evaluate` writes against the JSON Schemas.

Usage: test_schemas.py SOLEN_BINARY SOURCE_DIR CASES_JSONL (run with Debian's /usr/bin/python3 + python3-jsonschema).
"""
import json
import subprocess
import sys

import jsonschema

solen, src, cases = sys.argv[1], sys.argv[2], sys.argv[3]
hs = json.load(open(f"{src}/schemas/household.schema.json"))
ds = json.load(open(f"{src}/schemas/decision.schema.json"))
households = [json.loads(c)["household"] for c in open(cases) if c.strip()]
households.append({"id": "full", "as_of": "2016-03-20", "territory": {"departement": "59", "commune": "59350"},
    "members": [{"role": "declarant", "birth_date": "1975-04-02"}, {"role": "spouse", "age": 40},
                {"role": "child", "birth_date": "2010-06-01", "alternating_custody": True}, {"role": "other", "age": 23, "other_tax_household": True}],
    "income": {"rfr": "14000", "rfr_year": 2014, "holder_rfr": "12000", "tax_parts": 2.5, "monthly_resources": "1250.00"},
    "benefits": ["cmu_c", "acs"], "housing": {"tenure": "tenant_social", "energy_label": "F", "main_residence": True},
    "energy": {"electricity": {"supplier": "EDF", "subscribed_kva": 6, "smart_meter": True, "annual_bill": "780.00", "monthly_instalment": "65.00"},
               "gas": {"supplier": "ENGIE", "annual_kwh": 9000, "individual_contract": True, "collective_heating": False}, "main_heating": "electricity"},
    "debt": {"amount": "842.37", "energy": "electricity", "supplier": "EDF", "signalled_on": "2016-03-14", "cut_notice_on": "2016-04-10",
             "supply_state": "normal", "deductions": [{"kind": "fsl_grant", "amount": "300.00"}]},
    "aids": [{"kind": "fsl_energy", "on": "2015-06-01", "amount": "300.00"}], "cheque_energie": {"received": False, "attestation_sent": False},
    "follow_up": {"referent": "rsa"}, "contact_attempts": [{"on": "2016-03-25", "mode": "visit", "outcome": "absent"}],
    "repayment_plan": {"kind": "cme", "signed_on": "2015-10-01", "principal": "500.00", "months": 10, "payments": [{"on": "2015-11-01", "amount": "50.00"}]},
    "consent": {"objection": False}})
passed = failed = 0
for h in households:
    try:
        jsonschema.validate(h, hs)
        passed += 1
    except jsonschema.ValidationError as e:
        failed += 1
        print("household", h.get("id"), e.message)
lines = "\n".join(json.dumps(h) for h in households) + "\n" + '{"id":"bad","members":[]}\n{"id":"x","members":[{"role":"declarant"}],"consent":{"objection":true}}\n'
for flags in ([], ["--no-reasons"]):
    out = subprocess.run([solen, "evaluate", "--as-of", "2020-01-15", *flags], input=lines.encode(), capture_output=True, check=True).stdout
    for line in out.decode().splitlines():
        d = json.loads(line)
        try:
            jsonschema.validate(d, ds)
            passed += 1
        except jsonschema.ValidationError as e:
            failed += 1
            print("decision", d.get("id"), e.message, list(e.absolute_path))
print(f"schemas: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
