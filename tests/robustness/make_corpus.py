# Source of the committed bad-household corpus: writes bad_households.jsonl (one line each,
# most of them bad in exactly one way, valid ones interleaved) and bad_households.expected.jsonl
# (for each non-blank line: status, id, error code and path, and "raw" when a binding's
# dict/array cannot carry the defect). Edit the cases here, then regenerate both files:
#     python3 tests/robustness/make_corpus.py tests/robustness
# `--check DIR` fails when the files in DIR differ from what this script writes (a ctest).
# Lines that must not be committed (over 1 MiB, raw invalid UTF-8...) are added at build time
# by make_fixtures.cpp. Standard library only.
# SPDX-License-Identifier: Apache-2.0
import json
import sys

# Fake personal values planted in bad fields ("Zorglub", "31415926", "Dupont"): the tests check
# that no message ever quotes them. Never use them in an id.
D = '[{"role":"declarant"}]'


def hh(i, extra="", members=D):
    """A household with id `i`, `members` and extra top-level members (JSON text)."""
    s = '{"id":"%s","members":%s' % (i, members)
    if extra:
        s += "," + extra
    return s + "}"


E = []  # (line, expectation dict, or None for a blank line), in corpus order


def bad(line, code, path, id=None, note=""):
    """A line that must give the error `code` at JSON pointer `path` (id: null if unread)."""
    E.append((line, {"status": "error", "id": id, "code": code, "path": path, "note": note}))


def ok(line, id, note="", status="ok"):
    """A line that must be evaluated normally (or excluded, for an objection)."""
    E.append((line, {"status": status, "id": id, "note": note}))


def blank(line=""):
    """A blank line: no decision at all."""
    E.append((line, None))


ok(hh("OK-01", '"income":{"rfr":"9000","tax_parts":1}'), "OK-01", "a plain valid household")
# --- invalid JSON
bad('{"id":"B-json-01","members":[{"role":"declarant"}]', "invalid_json", "/members", "B-json-01", "unterminated object")
bad('{"id":"B-json-02","members":[{"role":"declarant",}]}', "invalid_json", "/members/0", "B-json-02", "trailing comma")
bad("{'id':'B-json-03','members':[]}", "invalid_json", "", None, "single quotes")
bad(hh("B-json-04", '"income":{"rfr":NaN}'), "invalid_json", "/income/rfr", "B-json-04", "NaN is not JSON")
bad("not json at all Zorglub", "not_an_object", "", None, "plain text with a fake name: the first byte is not an object")
bad(hh("B-json-06", '"income":{"rfr":0123}'), "invalid_json", "/income/rfr", "B-json-06", "leading zero")
bad(hh("B-json-07", '"name":"Zorglub\\x"'), "invalid_json", "/name", "B-json-07", "invalid escape")
bad('{"id":"B-json-08","members":[{"role":"declarant"}],"name":"Zorglub', "invalid_json", "/name", "B-json-08", "unterminated string")
bad(hh("B-json-09", '"name":"Zorglub\tDupont"'), "invalid_json", "/name", "B-json-09", "raw tab inside a string")
bad(hh("B-json-10", '"income":{"rfr":"9000" "tax_parts":1}'), "invalid_json", "/income/rfr", "B-json-10", "missing comma")
bad(hh("B-json-11", '"consent":{"objection":tru}'), "invalid_json", "/consent/objection", "B-json-11", "bad literal")
bad('{"id":"B-json-12","members":[{"role":"declarant"}],}', "invalid_json", "", "B-json-12", "trailing comma at top level")
bad('{"id" "B-json-13"}', "invalid_json", "/id", None, "missing colon")
bad('{', "invalid_json", "", None, "lone brace")
bad(hh("B-json-15", '"income":{"rfr":1.}'), "invalid_json", "/income/rfr", "B-json-15", "number without decimals after the point")
bad(hh("B-json-16", '"income":{"rfr":-}'), "invalid_json", "/income/rfr", "B-json-16", "lone minus")
bad(hh("B-json-17", '"income":{"rfr":Infinity}'), "invalid_json", "/income/rfr", "B-json-17", "Infinity is not JSON")
ok(hh("OK-02", '"as_of":null,"income":null'), "OK-02", "null means absent")
# --- not an object
bad('[{"id":"B-arr","members":[{"role":"declarant"}]}]', "not_an_object", "", None, "an array of households on one line")
bad('"Zorglub"', "not_an_object", "", None, "a string")
bad('31415926', "not_an_object", "", None, "a number")
bad('null', "not_an_object", "", None, "null")
bad('true', "not_an_object", "", None, "true")
blank("")
blank("   ")
# --- wrong types
bad('{"id":"B-type-01","members":"Zorglub"}', "wrong_type", "/members", "B-type-01", "members is a string")
bad(hh("B-type-02", members='[{"role":"declarant","age":"Zorglub"}]'), "wrong_type", "/members/0/age", "B-type-02", "age is a string")
bad(hh("B-type-03", '"income":{"rfr":true}'), "wrong_type", "/income/rfr", "B-type-03", "money is a boolean")
bad(hh("B-type-04", '"housing":{"main_residence":"yes"}'), "wrong_type", "/housing/main_residence", "B-type-04", "boolean is a string")
bad(hh("B-type-05", '"benefits":"rsa"'), "wrong_type", "/benefits", "B-type-05", "list is a string")
bad(hh("B-type-06", '"territory":["59"]'), "wrong_type", "/territory", "B-type-06", "object is an array")
bad('{"id":{"name":"Zorglub"},"members":[{"role":"declarant"}]}', "wrong_type", "/id", None, "id is an object")
bad(hh("B-type-08", members='[{"role":"declarant","age":40.5}]'), "wrong_type", "/members/0/age", "B-type-08", "age has decimals")
bad(hh("B-type-09", '"as_of":20200115'), "wrong_type", "/as_of", "B-type-09", "date is a number")
bad(hh("B-type-10", '"consent":{"objection":"true"}'), "wrong_type", "/consent/objection", "B-type-10", "objection is a string")
bad(hh("B-type-11", '"energy":{"electricity":{"subscribed_kva":"6"}}'), "wrong_type", "/energy/electricity/subscribed_kva", "B-type-11", "kVA is a string")
bad(hh("B-type-12", members='[31415926]'), "wrong_type", "/members/0", "B-type-12", "a member is a number")
bad(hh("B-type-13", members='[{"role":3}]'), "wrong_type", "/members/0/role", "B-type-13", "an enumeration is a number")
bad(hh("B-type-14", '"id_card":1,"aids":{"kind":"fsl_energy"}'), "wrong_type", "/aids", "B-type-14", "list is an object")
bad(hh("B-type-15", members='[{"role":"declarant","age":1e2}]'), "wrong_type", "/members/0/age", "B-type-15", "integer with exponent")
bad('{"id":1.5,"members":[{"role":"declarant"}]}', "wrong_type", "/id", None, "numeric id with decimals")
bad(hh("B-type-17", '"income":{"tax_parts":"2.5"}'), "wrong_type", "/income/tax_parts", "B-type-17", "tax parts as a string")
ok(hh("OK-03", '"territory":{"departement":"59","commune":"59350"},"housing":{"tenure":"tenant_social","energy_label":"F","main_residence":true}'), "OK-03")
# --- missing id / members
bad('{"members":[{"role":"declarant"}]}', "missing_field", "/id", None, "no id")
bad('{"id":"B-miss-02"}', "missing_field", "/members", "B-miss-02", "no members")
bad('{"id":"B-miss-03","members":[]}', "empty_members", "/members", "B-miss-03", "members is empty")
bad(hh("B-miss-04", members='[{"age":40}]'), "missing_field", "/members/0/role", "B-miss-04", "a member without a role")
bad('{}', "missing_field", "/id", None, "empty object")
bad('{"id":"B-miss-06","members":null}', "missing_field", "/members", "B-miss-06", "members is null")
bad('{"id":"","members":[{"role":"declarant"}]}', "invalid_value", "/id", None, "empty id")
bad('{"id":null,"members":[{"role":"declarant"}]}', "missing_field", "/id", None, "null id")
bad(hh("B-miss-09", '"repayment_plan":{"kind":"cme"}'), "missing_field", "/repayment_plan/signed_on", "B-miss-09", "a plan without its dates")
bad(hh("B-miss-10", '"contact_attempts":[{"on":"2016-03-25","mode":"visit"}]'), "missing_field", "/contact_attempts/0/outcome", "B-miss-10", "an attempt without outcome")
bad(hh("B-miss-11", '"debt":{"amount":"100.00","deductions":[{"kind":"fsl_grant"}]}'), "missing_field", "/debt/deductions/0/amount", "B-miss-11", "a deduction without amount")
bad('{"id":"' + "x" * 257 + '","members":[{"role":"declarant"}]}', "out_of_range", "/id", None, "id longer than 256 bytes")
bad('{"id":-7,"members":[{"role":"declarant"}]}', "out_of_range", "/id", None, "negative numeric id")
ok('{"id":"' + "x" * 256 + '","members":[{"role":"declarant"}]}', "x" * 256, "id of exactly 256 bytes")
ok('{"members":[{"role":"declarant"}],"id":42}', "42", "numeric id after members: echoed as a string")
# --- money
bad(hh("B-money-01", '"debt":{"amount":"-842.37"}'), "out_of_range", "/debt/amount", "B-money-01", "negative debt")
bad(hh("B-money-02", '"debt":{"amount":-5}'), "out_of_range", "/debt/amount", "B-money-02", "negative number")
bad(hh("B-money-03", '"income":{"rfr":"31415926000"}'), "out_of_range", "/income/rfr", "B-money-03", "absurd income")
bad(hh("B-money-04", '"income":{"rfr":"1000000000.01"}'), "out_of_range", "/income/rfr", "B-money-04", "one cent above the cap")
ok(hh("OK-05", '"income":{"rfr":"1000000000.00"}'), "OK-05", "exactly the cap")
bad(hh("B-money-05", '"debt":{"amount":"842.375"}'), "too_many_decimals", "/debt/amount", "B-money-05", "three decimals in a string")
bad(hh("B-money-06", '"debt":{"amount":842.375}'), "too_many_decimals", "/debt/amount", "B-money-06", "three decimals in a number")
bad(hh("B-money-07", '"debt":{"amount":"842,37"}'), "invalid_money", "/debt/amount", "B-money-07", "decimal comma")
bad(hh("B-money-08", '"debt":{"amount":"842.37 EUR"}'), "invalid_money", "/debt/amount", "B-money-08", "currency")
bad(hh("B-money-09", '"debt":{"amount":"1e3"}'), "invalid_money", "/debt/amount", "B-money-09", "exponent in a string")
bad(hh("B-money-10", '"debt":{"amount":1e3}'), "invalid_money", "/debt/amount", "B-money-10", "exponent in a number")
bad(hh("B-money-11", '"debt":{"amount":""}'), "invalid_money", "/debt/amount", "B-money-11", "empty amount")
bad(hh("B-money-12", '"aids":[{"kind":"fsl_energy","amount":"99999999999999999999999"}]'), "out_of_range", "/aids/0/amount", "B-money-12", "beyond 64 bits")
bad(hh("B-money-13", '"debt":{"amount":"100.00","deductions":[{"kind":"fsl_grant","amount":"-1"}]}'), "out_of_range", "/debt/deductions/0/amount", "B-money-13", "negative deduction")
bad(hh("B-money-14", '"income":{"monthly_resources":"Zorglub"}'), "invalid_money", "/income/monthly_resources", "B-money-14", "text as money")
bad(hh("B-money-15", '"income":{"rfr":" 9000"}'), "invalid_money", "/income/rfr", "B-money-15", "leading space")
bad(hh("B-money-16", '"income":{"rfr":"9000."}'), "invalid_money", "/income/rfr", "B-money-16", "point without decimals")
bad(hh("B-money-17", '"income":{"rfr":".50"}'), "invalid_money", "/income/rfr", "B-money-17", "no whole part")
bad(hh("B-money-18", '"income":{"rfr":"+9000"}'), "invalid_money", "/income/rfr", "B-money-18", "explicit plus")
bad(hh("B-money-19", '"energy":{"electricity":{"annual_bill":"31415926.000001"}}'), "too_many_decimals", "/energy/electricity/annual_bill", "B-money-19", "six decimals")
bad(hh("B-money-20", '"repayment_plan":{"kind":"cme","signed_on":"2019-10-01","principal":"31415926123","months":10}'), "out_of_range", "/repayment_plan/principal", "B-money-20", "absurd principal")
ok(hh("OK-06", '"debt":{"amount":842.3,"energy":"electricity","supplier":"EDF","signalled_on":"2019-12-14","supply_state":"normal"}'), "OK-06", "one decimal in a number")
# --- dates
bad(hh("B-date-01", '"as_of":"2016-02-30"'), "invalid_date", "/as_of", "B-date-01", "30 February")
bad(hh("B-date-02", members='[{"role":"declarant","birth_date":"1975-13-01"}]'), "invalid_date", "/members/0/birth_date", "B-date-02", "month 13")
bad(hh("B-date-03", '"as_of":"2015-02-29"'), "invalid_date", "/as_of", "B-date-03", "29 February of a common year")
ok(hh("OK-07", '"as_of":"2016-02-29"'), "OK-07", "29 February of a leap year")
bad(hh("B-date-04", '"as_of":"20160320"'), "invalid_date", "/as_of", "B-date-04", "no dashes")
bad(hh("B-date-05", '"as_of":"2016-3-20"'), "invalid_date", "/as_of", "B-date-05", "one-digit month")
bad(hh("B-date-06", '"as_of":"2016-03-20T10:00:00"'), "invalid_date", "/as_of", "B-date-06", "a time")
bad(hh("B-date-07", members='[{"role":"declarant","birth_date":"1899-12-31"}]'), "invalid_date", "/members/0/birth_date", "B-date-07", "before 1900")
bad(hh("B-date-08", '"as_of":"2200-01-01"'), "invalid_date", "/as_of", "B-date-08", "after 2199")
bad(hh("B-date-09", '"debt":{"amount":"10.00","signalled_on":"Zorglub"}'), "invalid_date", "/debt/signalled_on", "B-date-09", "a name as a date")
bad(hh("B-date-10", '"as_of":""'), "invalid_date", "/as_of", "B-date-10", "empty date")
bad(hh("B-date-11", '"aids":[{"kind":"ccas_aid","on":"2019-04-31","amount":"50.00"}]'), "invalid_date", "/aids/0/on", "B-date-11", "31 April")
bad(hh("B-date-12", '"repayment_plan":{"kind":"cme","signed_on":"2019-10-01","principal":"500.00","months":10,"payments":[{"on":"2019-11-00","amount":"50.00"}]}'), "invalid_date", "/repayment_plan/payments/0/on", "B-date-12", "day 0")
bad(hh("B-date-13", '"as_of":"-2016-03-20"'), "invalid_date", "/as_of", "B-date-13", "negative year")
# --- ages and other ranges
bad(hh("B-age-01", members='[{"role":"declarant","age":131}]'), "out_of_range", "/members/0/age", "B-age-01", "age over 130")
ok(hh("OK-08", members='[{"role":"declarant","age":130}]'), "OK-08", "age of exactly 130")
bad(hh("B-age-02", members='[{"role":"declarant","age":-1}]'), "out_of_range", "/members/0/age", "B-age-02", "negative age")
bad(hh("B-age-03", members='[{"role":"declarant"},{"role":"child","age":31415926}]'), "out_of_range", "/members/1/age", "B-age-03", "absurd age")
bad(hh("B-age-04", members='[{"role":"declarant","age":18446744073709551616}]'), "out_of_range", "/members/0/age", "B-age-04", "2^64")
bad(hh("B-age-05", members='[{"role":"declarant","age":-99999999999999999999999999}]'), "out_of_range", "/members/0/age", "B-age-05", "far below -2^63")
bad(hh("B-range-01", '"income":{"rfr_year":99999999999999999999}'), "out_of_range", "/income/rfr_year", "B-range-01", "year beyond 64 bits")
bad(hh("B-range-02", '"energy":{"electricity":{"subscribed_kva":9223372036854775808}}'), "out_of_range", "/energy/electricity/subscribed_kva", "B-range-02", "2^63")
bad(hh("B-range-03", '"energy":{"gas":{"annual_kwh":-9223372036854775809}}'), "out_of_range", "/energy/gas/annual_kwh", "B-range-03", "below -2^63")
bad(hh("B-range-04", '"income":{"tax_parts":0.3}'), "out_of_range", "/income/tax_parts", "B-range-04", "not a quarter")
bad(hh("B-range-05", '"income":{"tax_parts":123456789012345678901234.5}'), "out_of_range", "/income/tax_parts", "B-range-05", "absurd tax parts")
bad(hh("B-range-06", '"income":{"tax_parts":1e400}'), "invalid_value", "/income/tax_parts", "B-range-06", "exponent beyond double")
bad(hh("B-range-07", '"income":{"tax_parts":0}'), "out_of_range", "/income/tax_parts", "B-range-07", "zero tax parts")
bad(hh("B-range-08", '"repayment_plan":{"kind":"cme","signed_on":"2019-10-01","principal":"500.00","months":0}'), "out_of_range", "/repayment_plan/months", "B-range-08", "zero months")
bad(hh("B-range-09", '"repayment_plan":{"kind":"cme","signed_on":"2019-10-01","principal":"500.00","months":121}'), "out_of_range", "/repayment_plan/months", "B-range-09", "121 months")
bad(hh("B-range-10", '"energy":{"electricity":{"subscribed_kva":0}}'), "out_of_range", "/energy/electricity/subscribed_kva", "B-range-10", "0 kVA")
bad(hh("B-range-11", '"income":{"rfr_year":1899}'), "out_of_range", "/income/rfr_year", "B-range-11", "year 1899")
bad('{"id":18446744073709551616,"members":[{"role":"declarant"}]}', "out_of_range", "/id", None, "numeric id beyond 64 bits")
ok('{"id":18446744073709551615,"members":[{"role":"declarant"}]}', "18446744073709551615", "numeric id of 2^64-1")
# --- unknown enumeration values
bad(hh("B-enum-01", members='[{"role":"Zorglub"}]'), "invalid_value", "/members/0/role", "B-enum-01", "unknown role")
bad(hh("B-enum-02", members='[{"role":"Declarant"}]'), "invalid_value", "/members/0/role", "B-enum-02", "wrong case")
bad(hh("B-enum-03", '"housing":{"tenure":"castle"}'), "invalid_value", "/housing/tenure", "B-enum-03")
bad(hh("B-enum-04", '"housing":{"energy_label":"H"}'), "invalid_value", "/housing/energy_label", "B-enum-04")
bad(hh("B-enum-05", '"energy":{"main_heating":"nuclear"}'), "invalid_value", "/energy/main_heating", "B-enum-05")
bad(hh("B-enum-06", '"debt":{"amount":"10.00","supply_state":"off"}'), "invalid_value", "/debt/supply_state", "B-enum-06")
bad(hh("B-enum-07", '"follow_up":{"referent":"mayor"}'), "invalid_value", "/follow_up/referent", "B-enum-07")
bad(hh("B-enum-08", '"contact_attempts":[{"on":"2019-03-25","mode":"pigeon","outcome":"absent"}]'), "invalid_value", "/contact_attempts/0/mode", "B-enum-08")
bad(hh("B-enum-09", '"contact_attempts":[{"on":"2019-03-25","mode":"visit","outcome":"Zorglub"}]'), "invalid_value", "/contact_attempts/0/outcome", "B-enum-09")
bad(hh("B-enum-10", '"debt":{"amount":"10.00","deductions":[{"kind":"gift","amount":"1.00"}]}'), "invalid_value", "/debt/deductions/0/kind", "B-enum-10")
bad(hh("B-enum-11", '"benefits":["rsa","Zorglub"]'), "invalid_value", "/benefits/1", "B-enum-11")
bad(hh("B-enum-12", '"aids":[{"kind":"lottery"}]'), "invalid_value", "/aids/0/kind", "B-enum-12")
bad(hh("B-enum-13", '"repayment_plan":{"kind":"mortgage","signed_on":"2019-10-01","principal":"500.00","months":10}'), "invalid_value", "/repayment_plan/kind", "B-enum-13")
bad(hh("B-enum-14", '"debt":{"amount":"10.00","energy":"coal"}'), "invalid_value", "/debt/energy", "B-enum-14")
bad(hh("B-enum-15", '"housing":{"energy_label":""}'), "invalid_value", "/housing/energy_label", "B-enum-15", "empty enumeration value")
bad(hh("B-enum-16", '"housing":{"tenure":"owner "}'), "invalid_value", "/housing/tenure", "B-enum-16", "trailing space")
# --- duplicate keys
bad('{"id":"B-dup-01","id":"B-dup-01b","members":[{"role":"declarant"}]}', "duplicate_key", "/id", "B-dup-01", "two ids")
bad(hh("B-dup-02", members='[{"role":"declarant","role":"spouse"}]'), "duplicate_key", "/members/0/role", "B-dup-02", "nested")
bad(hh("B-dup-03", '"note":1,"note":2'), "duplicate_key", "/note", "B-dup-03", "unknown key twice")
bad(hh("B-dup-04", '"income":{"rfr":"1.00","\\u0072fr":"2.00"}'), "duplicate_key", "/income/rfr", "B-dup-04", "same key once escaped")
bad(hh("B-dup-05", '"extra":{"a":{"b":1,"b":2}}'), "duplicate_key", "/extra/a/b", "B-dup-05", "deep in an ignored value")
bad(hh("B-dup-06", '"members":[{"role":"declarant"}]'), "duplicate_key", "/members", "B-dup-06", "members twice")
bad(hh("B-dup-07", '"consent":{"objection":false},"consent":{"objection":true}'), "duplicate_key", "/consent", "B-dup-07", "contradictory consents")
ok(hh("OK-09", '"extra":{"a":{"b":1},"b":{"b":2}},"note":[{"k":1},{"k":2}]'), "OK-09", "same key in sibling objects is not a duplicate")
# --- trailing text
bad(hh("B-trail-01") + " x", "trailing_text", "", "B-trail-01", "a letter after the object")
bad(hh("B-trail-02") + hh("B-trail-02b"), "trailing_text", "", "B-trail-02", "two objects on one line")
bad(hh("B-trail-03") + "}", "trailing_text", "", "B-trail-03", "extra brace")
bad(hh("B-trail-04") + " // Zorglub", "trailing_text", "", "B-trail-04", "a comment")
bad(hh("B-trail-05") + ",", "trailing_text", "", "B-trail-05", "a comma")
ok("  " + hh("OK-10") + " \t ", "OK-10", "spaces around the object are fine")
# --- deep nesting
def nest(n): return "[" * n + "]" * n
ok(hh("OK-11", '"extra":' + nest(31)), "OK-11", "32 levels deep in all (the limit)")
bad(hh("B-deep-01", '"extra":' + nest(32)), "too_deep", "/extra" + "/0" * 31, "B-deep-01", "33 levels")
bad(hh("B-deep-02", '"extra":' + '{"a":' * 40 + '1' + '}' * 40), "too_deep", "/extra" + "/a" * 31, "B-deep-02", "objects 41 levels deep")
bad('[' * 5000, "not_an_object", "", None, "5000 open brackets: refused at the first byte")
bad('{"id":"B-deep-03","members":[{"role":"declarant"}],"extra":' + '[' * 5000, "too_deep", "/extra" + "/0" * 31, "B-deep-03", "5000 open brackets in a member")
# --- UTF-8 written as escapes (raw bytes are generated by the test)
bad(hh("B-esc-01", '"name":"\\ud800"'), "invalid_utf8", "/name", "B-esc-01", "lone high surrogate escape")
bad(hh("B-esc-02", '"name":"\\udc00x"'), "invalid_utf8", "/name", "B-esc-02", "lone low surrogate escape")
bad(hh("B-esc-03", '"name":"\\ud83d\\u0041"'), "invalid_utf8", "/name", "B-esc-03", "high surrogate then a non-surrogate")
ok(hh("OK-12", '"name":"\\ud83d\\ude00 Fran\\u00e7oise \\u0000"'), "OK-12", "valid escapes, including NUL, in an ignored key")
bad(hh("B-esc-04", '"name":"\\u12G4"'), "invalid_json", "/name", "B-esc-04", "bad hex digit")
# --- objection: no personal data in the output
ok('{"id":"OBJ-01","members":[{"role":"declarant","birth_date":"1975-04-02"}],"income":{"rfr":"31415926.00"},"debt":{"amount":"842.37","supplier":"Zorglub"},"consent":{"objection":true}}', "OBJ-01", "objection", status="excluded")
ok('{"consent":{"objection":true},"id":"OBJ-02","members":[{"role":"declarant","age":40}],"territory":{"commune":"Zorglub"}}', "OBJ-02", "objection first", status="excluded")
ok(hh("OK-13", '"consent":{"objection":false},"nickname":"Zorglub"'), "OK-13", "no objection; unknown key is only warned about")
bad('{"id":"B-obj-01","consent":{"objection":true},"members":[{"role":"declarant","age":31415926}]}', "out_of_range", "/members/0/age", "B-obj-01", "objection does not hide an invalid record; no value is echoed")

lines = [l for l, _ in E]
for l in lines:
    assert "\n" not in l and "\r" not in l
exp = []
for n, (l, e) in enumerate(E, 1):
    if e is None: continue
    e = dict(e); e["line"] = n
    # raw: the defect (or the exact text) does not survive json.loads + json.dumps
    raw = True
    try:
        seen_const = []
        def pairs(ps):
            ks = [k for k, _ in ps]
            if len(set(ks)) != len(ks): raise ValueError("dup")
            return dict(ps)
        obj = json.loads(l, object_pairs_hook=pairs, parse_constant=lambda c: seen_const.append(c))
        back = json.dumps(obj, separators=(",", ":"), ensure_ascii=False)
        def ints_ok(o):
            if isinstance(o, bool): return True
            if isinstance(o, int): return -2**63 <= o < 2**63
            if isinstance(o, dict): return all(ints_ok(v) for v in o.values())
            if isinstance(o, list): return all(ints_ok(v) for v in o)
            return True
        raw = not (isinstance(obj, dict) and back == l and not seen_const and ints_ok(obj))
    except Exception:
        raw = True
    e["raw"] = raw
    order = ["line", "id", "status", "code", "path", "raw", "note"]
    exp.append({k: e[k] for k in order if k in e})
corpus_text = "".join(l + "\n" for l in lines)
expected_text = "".join(json.dumps(e, ensure_ascii=True) + "\n" for e in exp)
args = sys.argv[1:]
check = bool(args) and args[0] == "--check"
if check:
    args = args[1:]
if len(args) != 1:
    sys.exit("usage: make_corpus.py [--check] DIR")
out = args[0]
files = {"bad_households.jsonl": corpus_text, "bad_households.expected.jsonl": expected_text}
if check:
    stale = []
    for name, text in files.items():
        with open(out + "/" + name, encoding="utf-8", newline="") as f:
            if f.read() != text:
                stale.append(name)
    if stale:
        sys.exit("out of date: " + ", ".join(stale) + " (rerun tests/robustness/make_corpus.py)")
    print("bad-household corpus up to date:", len(lines), "lines")
else:
    for name, text in files.items():
        with open(out + "/" + name, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    print(len(lines), "lines,", len(exp), "expectations,", sum(1 for e in exp if e["raw"]), "raw")
