#!/usr/bin/env bash
# Tests of the `solen` command line. Usage: test_cli.sh SOLEN_BINARY SOURCE_DIR
set -u
solen=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0
fail=0
ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL: $*"; }
expect() {  # description, command...: the command must succeed
  local d=$1; shift
  if "$@"; then ok; else ko "$d"; fi
}
py=/usr/bin/python3
[ -x "$py" ] || py=python3

cat > "$tmp/in.jsonl" <<'JSONL'
{"id":"A","members":[{"role":"declarant","age":40}],"income":{"rfr":"7800","rfr_year":2017}}

{"id":"B","as_of":"2023-05-01","members":[{"role":"declarant","age":40}],"income":{"rfr":"5700"}}
{"id":"C","members":[
   
{"id":"D","members":[{"role":"declarant","birth_date":"2016-02-30"}]}
{"id":"E","members":[{"role":"declarant","age":40}],"consent":{"objection":true}}
JSONL
"$solen" evaluate --as-of 2019-05-01 "$tmp/in.jsonl" > "$tmp/out.jsonl"
expect "evaluate exits 0 with bad lines" test $? -eq 0
expect "one decision per non-blank line" test "$(wc -l < "$tmp/out.jsonl")" -eq 5
$py - "$tmp/out.jsonl" <<'PY' || ko "decisions in order with the right content"
import json, sys
d = [json.loads(l) for l in open(sys.argv[1])]
assert [x["id"] for x in d] == ["A", "B", "C", "D", "E"], [x["id"] for x in d]
assert d[0]["status"] == "ok" and d[0]["as_of"] == "2019-05-01" and d[0]["tariffs"]["cheque_energie"]["amount"] == "48.00"
assert d[1]["as_of"] == "2023-05-01" and d[1]["tariffs"]["cheque_energie"]["amount"] == "146.00"  # household as_of wins
assert d[2]["status"] == "error" and d[2]["error"]["code"] == "invalid_json"
assert d[3]["status"] == "error" and d[3]["error"]["code"] == "invalid_date" and d[3]["error"]["path"] == "/members/0/birth_date"
assert d[4] == {"id": "E", "status": "excluded", "reason": "objection"}
assert "reasons" in d[0]["tariffs"]["cheque_energie"]
PY
ok
"$solen" evaluate --as-of 2019-05-01 --no-reasons - < "$tmp/in.jsonl" > "$tmp/noreasons.jsonl"
expect "--no-reasons drops reasons" bash -c "! grep -q '\"reasons\"' '$tmp/noreasons.jsonl'"
$py - "$tmp/out.jsonl" "$tmp/noreasons.jsonl" <<'PY' || ko "answers identical without reasons"
import json, sys
def strip(x):
    if isinstance(x, dict): return {k: strip(v) for k, v in x.items() if k != "reasons"}
    if isinstance(x, list): return [strip(v) for v in x]
    return x
a = [strip(json.loads(l)) for l in open(sys.argv[1])]
b = [json.loads(l) for l in open(sys.argv[2])]
assert a == b
PY
ok
# Threads: identical bytes with 1 and 4 threads on a larger input.
for i in $(seq 1 3000); do
  echo "{\"id\":\"H$i\",\"members\":[{\"role\":\"declarant\",\"age\":$((20 + i % 60))},{\"role\":\"child\",\"age\":$((i % 17))}],\"income\":{\"rfr\":\"$((i * 7 % 30000)).$((i % 100))\"},\"debt\":{\"amount\":\"$((i % 2000)).$((i % 97))\",\"supplier\":\"EDF\"}}"
done > "$tmp/many.jsonl"
"$solen" evaluate --as-of 2024-02-29 --threads 1 "$tmp/many.jsonl" -o "$tmp/t1.jsonl"
"$solen" evaluate --as-of 2024-02-29 --threads 4 "$tmp/many.jsonl" -o "$tmp/t4.jsonl"
expect "same bytes with 1 and 4 threads" cmp -s "$tmp/t1.jsonl" "$tmp/t4.jsonl"
expect "3000 decisions" test "$(wc -l < "$tmp/t4.jsonl")" -eq 3000
# Usage and fatal errors.
"$solen" evaluate --bogus "$tmp/in.jsonl" > /dev/null 2>&1; expect "unknown option exits 2" test $? -eq 2
"$solen" evaluate --as-of 2016-02-30 "$tmp/in.jsonl" > /dev/null 2>&1; expect "bad --as-of exits 2" test $? -eq 2
"$solen" evaluate "$tmp/does-not-exist.jsonl" > /dev/null 2>&1; expect "unreadable input exits 1" test $? -eq 1
echo '{"format": 1}' > "$tmp/bad-pack.json"
"$solen" evaluate --rules "$tmp/bad-pack.json" "$tmp/in.jsonl" > /dev/null 2>&1; expect "invalid pack exits 1" test $? -eq 1
"$solen" nonsense > /dev/null 2>&1; expect "unknown command exits 2" test $? -eq 2
# check
"$solen" check "$src/rules/fr-lille.json" > "$tmp/check.txt"; expect "default pack is valid" test $? -eq 0
"$solen" check "$tmp/bad-pack.json" > "$tmp/check-bad.txt"; expect "broken pack exits 1" test $? -eq 1
expect "problems listed with their path" grep -q "/tables" "$tmp/check-bad.txt"
# explain
echo '{"id":"X","as_of":"2016-03-20","members":[{"role":"declarant","age":40}],"territory":{"departement":"62"},"income":{"rfr":"5000"},"debt":{"amount":"842.37","supplier":"EDF"}}' > "$tmp/h.json"
"$solen" explain "$tmp/h.json" > "$tmp/explain.txt"; expect "explain exits 0" test $? -eq 0
expect "explain speaks French" grep -q "Chèque énergie : droit ouvert, 144,00 € par an" "$tmp/explain.txt"
expect "explain cites the rule" grep -q "CE16-1UC-T1" "$tmp/explain.txt"
expect "explain gives the schedule" grep -q "Contrat Maintien Énergie" "$tmp/explain.txt"
# summary, from the decisions file and on the fly
"$solen" summary "$tmp/out.jsonl" > "$tmp/summary.txt"; expect "summary exits 0" test $? -eq 0
expect "summary counts households" grep -q "Ménages traités : 5" "$tmp/summary.txt"
"$solen" summary --json "$tmp/t1.jsonl" > "$tmp/summary.json"
$py -c "import json,sys; s=json.load(open('$tmp/summary.json')); assert s['households']==3000 and s['status']['ok']==3000, s" || ko "summary json"
ok
"$solen" evaluate --as-of 2024-02-29 --summary "$tmp/many.jsonl" -o /dev/null 2> "$tmp/sum-live.txt"
expect "evaluate --summary prints the summary" grep -q "Ménages traités : 3000" "$tmp/sum-live.txt"
# A line over 1 MiB is one error line, and the next line is still evaluated.
$py -c "
import sys
sys.stdout.write('{\"id\":\"big\",\"members\":[{\"role\":\"declarant\"}],\"x\":\"' + 'a' * (1 << 20) + '\"}\n')
sys.stdout.write('{\"id\":\"after\",\"members\":[{\"role\":\"declarant\",\"age\":30}]}\n')" > "$tmp/long.jsonl"
"$solen" evaluate --as-of 2020-01-01 "$tmp/long.jsonl" > "$tmp/long-out.jsonl"
expect "long line: two decisions" test "$(wc -l < "$tmp/long-out.jsonl")" -eq 2
expect "long line: error code" grep -q '"code":"line_too_long"' "$tmp/long-out.jsonl"
expect "long line: next household evaluated" grep -q '"id":"after","status":"ok"' "$tmp/long-out.jsonl"
echo "cli: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
