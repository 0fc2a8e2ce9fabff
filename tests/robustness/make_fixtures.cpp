// Generates the robustness fixtures into a build directory, so that no big or binary file is
// committed: the full bad-household corpus (the committed lines plus generated ones: lines over
// 1 MiB, raw invalid UTF-8 bytes, 10,000 members...), broken rule packs (mutations of
// rules/fr-lille.json) and a synthetic caseload for the thread and determinism tests.
// SPDX-License-Identifier: Apache-2.0
//
// usage: make_fixtures SOURCE_DIR OUT_DIR [CASELOAD_SIZE]
//   OUT_DIR/corpus.jsonl            every bad (and interleaved valid) household, one per line
//   OUT_DIR/corpus.expected.jsonl   one object per non-blank corpus line:
//                                   {"line", "id", "status", "code", "path", "raw", "note"}
//   OUT_DIR/packs/NAME.json         broken rule packs (plus valid.json)
//   OUT_DIR/packs/expected.jsonl    {"name", "file", "issues": [...]}: each listed issue must be
//                                   reported (others may be too); an issue is {"code", "path"}
//                                   (exact) or {"path_prefix"} (any code under that path)
//   OUT_DIR/caseload.jsonl          seeded synthetic households (about 1% invalid lines)
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + p.string());
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

void write_file(const fs::path& p, const std::string& text) {
  std::ofstream out(p, std::ios::binary);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  if (!out) throw std::runtime_error("cannot write " + p.string());
}

std::vector<std::string> split_lines(const std::string& text) {
  std::vector<std::string> lines;
  std::size_t pos = 0;
  while (pos < text.size()) {
    std::size_t nl = text.find('\n', pos);
    if (nl == std::string::npos) nl = text.size();
    lines.push_back(text.substr(pos, nl - pos));
    pos = nl + 1;
  }
  return lines;
}

const std::string kDeclarant = R"([{"role":"declarant"}])";

std::string household(const std::string& id, const std::string& extra = "",
                      const std::string& members = kDeclarant) {
  std::string s = R"({"id":")" + id + R"(","members":)" + members;
  if (!extra.empty()) s += "," + extra;
  return s + "}";
}

/// The corpus under construction: lines plus the expectation of each non-blank line.
struct Corpus {
  std::vector<std::string> lines;
  std::vector<json> expected;

  void add(std::string line, json e) {
    lines.push_back(std::move(line));
    e["line"] = lines.size();
    e["raw"] = true;  // generated lines are fed as text to the bindings
    expected.push_back(std::move(e));
  }
  void bad(std::string line, const char* code, std::string path, json id, const char* note) {
    add(std::move(line), {{"id", id}, {"status", "error"}, {"code", code}, {"path", path}, {"note", note}});
  }
  void ok(std::string line, const std::string& id, const char* note) {
    add(std::move(line), {{"id", id}, {"status", "ok"}, {"note", note}});
  }
  void blank(std::string line) { lines.push_back(std::move(line)); }
};

std::string repeat(const std::string& s, std::size_t n) {
  std::string out;
  out.reserve(s.size() * n);
  for (std::size_t i = 0; i < n; ++i) out += s;
  return out;
}

/// A valid household padded with an ignored key to exactly `size` bytes.
std::string padded(const std::string& id, std::size_t size) {
  std::string head = R"({"id":")" + id + R"(","members":[{"role":"declarant"}],"pad":")";
  std::string tail = "\"}";
  return head + std::string(size - head.size() - tail.size(), 'x') + tail;
}

void generate_corpus(const fs::path& src, const fs::path& out) {
  Corpus c;
  const fs::path dir = src / "tests" / "robustness";
  c.lines = split_lines(read_file(dir / "bad_households.jsonl"));
  for (const std::string& l : split_lines(read_file(dir / "bad_households.expected.jsonl")))
    if (!l.empty()) c.expected.push_back(json::parse(l));

  constexpr std::size_t mib = std::size_t{1} << 20;
  // Very long lines: the limit is 1 MiB per line; the first line after a too-long one must be
  // evaluated normally (the reader resynchronises on the newline).
  c.bad(padded("G-long-01", mib + 1), "line_too_long", "", nullptr, "1 MiB + 1 byte");
  c.ok(household("G-after-long-01"), "G-after-long-01", "right after a too-long line");
  c.ok(padded("G-long-ok", mib), "G-long-ok", "exactly 1 MiB");
  c.bad(padded("G-long-02", 9 * mib + 12345), "line_too_long", "", nullptr,
        "9 MiB: longer than the CLI's read block");
  c.ok(household("G-after-long-02"), "G-after-long-02", "right after a 9 MiB line");
  c.bad(std::string(2 * mib, ' ') + household("G-long-03"), "line_too_long", "", nullptr,
        "2 MiB of spaces before a valid object");
  // At the limit with a CRLF ending: the CR is part of the line ending, not of the household.
  c.ok(padded("G-long-crlf", mib) + "\r", "G-long-crlf", "exactly 1 MiB, then CRLF");
  // A blank line is blank whatever its length: no decision for it.
  c.blank(std::string(mib + 100, ' '));
  c.blank(std::string(3 * mib, '\t') + "\r");
  c.ok(household("G-after-blank-long"), "G-after-blank-long", "after two over-long blank lines");

  // Raw invalid UTF-8 bytes (RFC 3629), in values, keys and between tokens.
  const std::string fake = "Zorglub";
  c.bad(household("G-utf8-01", R"("territory":{"commune":")" + fake + "\xff\xfe\"}"), "invalid_utf8",
        "/territory/commune", "G-utf8-01", "0xFF 0xFE in a known field");
  c.bad(household("G-utf8-02", R"("name":")" + fake + "\xc0\xaf\""), "invalid_utf8", "/name",
        "G-utf8-02", "overlong encoding of '/'");
  c.bad(household("G-utf8-03", R"("name":"a)" "\xed\xa0\x80" "b\""), "invalid_utf8", "/name",
        "G-utf8-03", "UTF-16 surrogate encoded in UTF-8");
  c.bad(household("G-utf8-04", R"("name":"a)" "\xe2\x82\""), "invalid_utf8", "/name", "G-utf8-04",
        "truncated sequence before the closing quote");
  c.bad(household("G-utf8-05", R"("name":"Fran)" "\xe7" "oise\""), "invalid_utf8", "/name",
        "G-utf8-05", "Latin-1 text");
  c.bad(household("G-utf8-06", "\"n\xe9om\":1"), "invalid_utf8", "", "G-utf8-06",
        "Latin-1 byte in a key");
  c.bad(R"({"id":"G-utf8-07",)" "\xff}", "invalid_utf8", "", "G-utf8-07",
        "invalid byte between tokens");
  c.bad(household("G-utf8-08", R"("name":")" "\xf4\x90\x80\x80\""), "invalid_utf8", "/name",
        "G-utf8-08", "above U+10FFFF");
  c.bad(household("G-utf8-09", R"("name":")" "\x80\""), "invalid_utf8", "/name", "G-utf8-09",
        "lone continuation byte");
  c.bad(household("G-utf8-10", R"("name":")" "\xf0\x9f\x98\""), "invalid_utf8", "/name",
        "G-utf8-10", "4-byte sequence cut short");
  c.ok(household("G-utf8-ok", R"("name":"Fran)" "\xc3\xa7" "oise \xf0\x9f\x98\x80\""), "G-utf8-ok",
       "valid multi-byte UTF-8 in an ignored key");
  c.bad(R"({"id":"G-utf8-11","members":[{"role":"d)" "\xe9" R"(clarant"}]})", "invalid_utf8",
        "/members/0/role", "G-utf8-11", "Latin-1 in an enumeration value");
  c.bad("\xef\xbb\xbf" + household("G-bom"), "invalid_json", "", nullptr,
        "UTF-8 byte order mark before the object");
  c.bad("\xc2\xa0" + household("G-nbsp"), "invalid_json", "", nullptr,
        "no-break space is not JSON whitespace");
  c.bad("\f" + household("G-formfeed"), "invalid_json", "", nullptr,
        "form feed is not JSON whitespace");
  c.bad(household("G-nul-01", std::string(R"("name":"a)") + '\0' + "b\""), "invalid_json", "/name",
        "G-nul-01", "raw NUL byte inside a string");
  c.bad(household("G-nul-02") + std::string(1, '\0'), "trailing_text", "", "G-nul-02",
        "raw NUL byte after the object");

  // Line endings and blank lines: CRLF is accepted, blank lines give no decision.
  c.ok(household("G-crlf") + "\r", "G-crlf", "CRLF line ending");
  c.blank("\r");
  c.blank(" \t \r");
  c.ok(std::string(R"({"id":"G-cr",)") + "\r" + R"("members":[{"role":"declarant"}]})", "G-cr",
       "a CR between tokens is JSON whitespace");

  // Members and list limits (100 members, 1000 items per list).
  const std::string member = R"({"role":"child","age":7})";
  auto members = [&](std::size_t n) {
    std::string m = R"([{"role":"declarant","age":40})";
    for (std::size_t i = 1; i < n; ++i) m += "," + member;
    return m + "]";
  };
  c.bad(household("G-members-10000", "", members(10000)), "too_many_members", "/members",
        "G-members-10000", "10,000 members");
  c.bad(household("G-members-101", "", members(101)), "too_many_members", "/members",
        "G-members-101", "101 members");
  c.ok(household("G-members-100", "", members(100)), "G-members-100", "100 members (the limit)");
  const std::string aid = R"({"kind":"ccas_aid","on":"2019-01-10","amount":"10.00"})";
  auto list = [&](const std::string& item, std::size_t n) {
    std::string s = "[";
    for (std::size_t i = 0; i < n; ++i) s += (i ? "," : "") + item;
    return s + "]";
  };
  c.bad(household("G-aids-1001", "\"aids\":" + list(aid, 1001)), "too_many_items", "/aids",
        "G-aids-1001", "1001 aids");
  c.ok(household("G-aids-1000", "\"aids\":" + list(aid, 1000)), "G-aids-1000",
       "1000 aids (the limit)");
  c.bad(household("G-benefits-1001", "\"benefits\":" + list("\"rsa\"", 1001)), "too_many_items",
        "/benefits", "G-benefits-1001", "1001 benefits");
  const std::string attempt = R"({"on":"2019-11-02","mode":"visit","outcome":"absent"})";
  c.bad(household("G-attempts-1500", "\"contact_attempts\":" + list(attempt, 1500)),
        "too_many_items", "/contact_attempts", "G-attempts-1500", "1500 contact attempts");

  // Many keys: the duplicate detection must stay exact (hash index) and cheap.
  std::string keys;
  for (int i = 0; i < 50000; ++i) keys += (i ? ",\"k" : "\"k") + std::to_string(i) + "\":0";
  c.ok(household("G-keys-50000", keys), "G-keys-50000", "50,000 unknown keys");
  c.bad(household("G-keys-dup", keys + ",\"k0\":1"), "duplicate_key", "/k0", "G-keys-dup",
        "50,000 keys then the first one again");
  std::string nested_keys = "\"extra\":{";
  for (int i = 0; i < 3000; ++i) nested_keys += (i ? ",\"" : "\"") + std::to_string(i) + "\":{\"a\":1,\"b\":2}";
  c.ok(household("G-keys-nested", nested_keys + "}"), "G-keys-nested",
       "3000 small objects inside an ignored object");
  c.bad(household("G-keys-nested-dup", nested_keys + ",\"2999\":0}"), "duplicate_key",
        "/extra/2999", "G-keys-nested-dup", "duplicate among 3000 nested keys");

  // Deep nesting at scale: 100,000 levels must be refused without recursion.
  c.bad(household("G-deep-100000", "\"extra\":" + std::string(100000, '[') + std::string(100000, ']')),
        "too_deep", "/extra" + repeat("/0", 31), "G-deep-100000", "100,000 levels");
  c.bad(household("G-deep-objects", "\"extra\":" + repeat("{\"a\":", 100000) + "1" + std::string(100000, '}')),
        "too_deep", "/extra" + repeat("/a", 31), "G-deep-objects", "100,000 nested objects");
  // Numbers beyond 64 bits, written with many digits.
  c.bad(household("G-bigint", R"("income":{"rfr_year":)" + std::string(5000, '9') + "}"),
        "out_of_range", "/income/rfr_year", "G-bigint", "a 5000-digit year");
  c.bad(household("G-bigmoney", R"("debt":{"amount":")" + std::string(5000, '9') + "\"}"),
        "out_of_range", "/debt/amount", "G-bigmoney", "a 5000-digit amount");
  c.bad(household("G-longdecimals", R"("debt":{"amount":"1.)" + std::string(5000, '0') + "\"}"),
        "too_many_decimals", "/debt/amount", "G-longdecimals", "5000 decimals");
  c.ok(household("G-last"), "G-last", "the last line has no newline");

  std::string text;
  for (std::size_t i = 0; i < c.lines.size(); ++i) {
    text += c.lines[i];
    if (i + 1 < c.lines.size()) text += '\n';  // the corpus ends without a newline
  }
  write_file(out / "corpus.jsonl", text);
  std::string exp;
  for (const json& e : c.expected) exp += e.dump() + "\n";
  write_file(out / "corpus.expected.jsonl", exp);
  std::cout << "corpus: " << c.lines.size() << " lines, " << c.expected.size() << " decisions\n";
}

// ---------------------------------------------------------------------------------------------
// Broken rule packs.

struct PackCase {
  std::string name;
  std::string text;
  json issues;  // [{"code", "path"}...] that must be reported
};

json issue(const std::string& code, const std::string& path) { return {{"code", code}, {"path", path}}; }
/// Some issue, of any code, whose path starts with `prefix`.
json issue_under(const std::string& prefix) { return {{"path_prefix", prefix}}; }

std::vector<PackCase> broken_packs(const std::string& base_text) {
  const json base = json::parse(base_text);
  std::vector<PackCase> out;
  auto mutated = [&](const std::string& name, json issues, auto&& mutate) {
    json p = base;
    mutate(p);
    out.push_back({name, p.dump(1), std::move(issues)});
  };
  auto text = [&](const std::string& name, std::string t, json issues) {
    out.push_back({name, std::move(t), std::move(issues)});
  };
  // Rule ids of the first rules of a first-hit table, to make duplicates and gaps.
  const std::string tpn = "/tables/tpn.in_force";

  text("malformed_truncated", base_text.substr(0, base_text.size() / 2), json::array({issue("invalid_json", "")}));
  text("malformed_empty", "", json::array({issue("invalid_json", "")}));
  text("malformed_comment", "// a pack\n" + base_text, json::array({issue("invalid_json", "")}));
  text("malformed_trailing", base_text + "\n{}", json::array({issue("invalid_json", "")}));
  text("malformed_utf8", std::string("{\"format\":1,\"id\":\"x\xff\"}"), json::array({issue("invalid_json", "")}));
  text("malformed_deep", std::string(100000, '[') + std::string(100000, ']'), json::array({issue("wrong_type", "")}));
  text("not_an_object", "[]", json::array({issue("wrong_type", "")}));
  {
    json p = base;
    std::string t = p.dump();
    const std::string key = "\"version\":\"" + p["version"].get<std::string>() + "\"";
    t.replace(t.find(key), key.size(), key + ",\"version\":\"2099.01\"");
    out.push_back({"duplicate_key_top", t, json::array({issue("duplicate_key", "/version")})});
  }
  {
    json p = base;
    std::string t = p.dump();
    const std::string key = "\"hit_policy\":\"first\"";
    const std::size_t at = t.find(key);
    t.replace(at, key.size(), key + ",\"hit_policy\":\"unique\"");
    // Which table got the duplicate: the first with hit policy "first", in the sorted order of dump().
    std::string where;
    for (auto it = base["tables"].begin(); it != base["tables"].end() && where.empty(); ++it)
      if (it->value("hit_policy", "") == "first") where = "/tables/" + it.key() + "/hit_policy";
    out.push_back({"duplicate_key_table", t, json::array({issue("duplicate_key", where)})});
  }
  mutated("unknown_fact", json::array({issue("unknown_fact", tpn + "/inputs/0")}),
          [](json& p) { p["tables"]["tpn.in_force"]["inputs"][0] = "date.of_the_moon"; });
  mutated("unknown_fact_in_when", json::array({issue("unknown_fact", "/tables/orientation.urgency/rules/0/when/debt.colour")}),
          [](json& p) {
            p["tables"]["orientation.urgency"]["rules"][0]["when"]["debt.colour"] = "-";
          });
  mutated("type_mismatch_cell", json::array({issue("type_mismatch", tpn + "/rules/0/when/0")}),
          [](json& p) { p["tables"]["tpn.in_force"]["rules"][0]["when"][0] = "[abc..2017-12-31]"; });
  mutated("type_mismatch_number_in_date", json::array({issue("type_mismatch", tpn + "/rules/1/when/0")}),
          [](json& p) { p["tables"]["tpn.in_force"]["rules"][1]["when"][0] = "> 42.5"; });
  mutated("type_mismatch_output", json::array({issue("type_mismatch", tpn + "/rules/0/then/0")}),
          [](json& p) { p["tables"]["tpn.in_force"]["rules"][0]["then"][0] = "yes"; });
  mutated("type_mismatch_enum_cell", json::array({issue("type_mismatch", "/tables/orientation.urgency/rules/0/when/debt.supply_state")}),
          [](json& p) {
            p["tables"]["orientation.urgency"]["rules"][0]["when"]["debt.supply_state"] = "reduced, exploded";
          });
  mutated("type_mismatch_huge_number", json::array({issue("type_mismatch", "/tables/orientation.urgency/rules/2/when/debt.amount")}),
          [](json& p) {
            p["tables"]["orientation.urgency"]["rules"][2]["when"]["debt.amount"] = "> 99999999999999999999999";
          });
  mutated("overlap_unique", json::array({issue("table_overlap", "/tables/protections.winter_truce/rules/5")}),
          [](json& p) { p["tables"]["protections.winter_truce"]["hit_policy"] = "unique"; });
  mutated("gap_first", json::array({issue("table_gap", "/tables/protections.winter_truce/rules")}),
          [](json& p) {
            json& rules = p["tables"]["protections.winter_truce"]["rules"];
            rules.erase(rules.size() - 1);  // the catch-all "hors trêve" row
          });
  mutated("gap_first_dates", json::array({issue("table_gap", tpn + "/rules")}),
          [](json& p) {
            json& rules = p["tables"]["tpn.in_force"]["rules"];
            rules.erase(rules.size() - 1);  // "before 2005"
          });
  mutated("gap_unconstrained_date", json::array({issue("table_gap", "/tables/protections.power_reduction/rules")}),
          [](json& p) {  // only "outside the truce": a gap, in a table whose date column is all "-"
            json& rules = p["tables"]["protections.power_reduction"]["rules"];
            rules = json::array({rules[0]});
          });
  mutated("dates_not_covered", json::array({issue("dates_not_covered", "/tables/cheque_energie.amount/versions/1/from")}),
          [](json& p) { p["tables"]["cheque_energie.amount"]["versions"][1]["from"] = "2019-03-01"; });
  mutated("versions_overlap", json::array({issue("overlapping_versions", "/tables/cheque_energie.amount/versions/1/from")}),
          [](json& p) { p["tables"]["cheque_energie.amount"]["versions"][1]["from"] = "2018-06-01"; });
  mutated("scheme_dates_not_covered", json::array({issue("dates_not_covered", "/schemes/tpn")}),
          [](json& p) {
            json& v = p["tables"]["tpn.amount"]["versions"];
            v.erase(v.size() - 1);  // TPN in force until 2017, amounts only until 2013
          });
  mutated("duplicate_rule_id", json::array({issue("duplicate_id", tpn + "/rules/1/id")}),
          [](json& p) {
            json& rules = p["tables"]["tpn.in_force"]["rules"];
            rules[1]["id"] = rules[0]["id"];
          });
  mutated("duplicate_rule_id_across_tables", json::array({issue("duplicate_id", "/tables/tss.in_force/rules/0/id")}),
          [](json& p) {
            p["tables"]["tss.in_force"]["rules"][0]["id"] = p["tables"]["tpn.in_force"]["rules"][0]["id"];
          });
  mutated("format_2", json::array({issue("unsupported_format", "/format")}), [](json& p) { p["format"] = 2; });
  mutated("format_0", json::array({issue("unsupported_format", "/format")}), [](json& p) { p["format"] = 0; });
  mutated("format_string", json::array({issue("missing_field", "/format")}), [](json& p) { p["format"] = "1"; });
  mutated("format_missing", json::array({issue("missing_field", "/format")}), [](json& p) { p.erase("format"); });
  mutated("format_huge", json::array({issue("unsupported_format", "/format")}),
          [](json& p) { p["format"] = 4294967297LL; });
  mutated("missing_table", json::array({issue("unknown_table", "/protections/notice")}),
          [](json& p) { p["tables"].erase("protections.notice"); });
  mutated("missing_role", json::array({issue("missing_field", "/protections/notice")}),
          [](json& p) { p["protections"].erase("notice"); });
  mutated("missing_tables", json::array({issue("missing_field", "/tables")}), [](json& p) { p.erase("tables"); });
  mutated("missing_id", json::array({issue("missing_field", "/id")}), [](json& p) { p.erase("id"); });
  mutated("missing_parameter", json::array({issue("missing_parameter", "/parameters/schedule.cme")}),
          [](json& p) { p["parameters"].erase("schedule.cme"); });
  mutated("missing_label", json::array({issue("missing_label", "/labels/plan.late")}),
          [](json& p) { p["labels"].erase("plan.late"); });
  mutated("bad_hit_policy", json::array({issue("invalid_value", tpn + "/hit_policy")}),
          [](json& p) { p["tables"]["tpn.in_force"]["hit_policy"] = "any"; });
  mutated("wrong_hit_policy_for_role", json::array({issue("wrong_hit_policy", "/tables/protections.rebates/hit_policy")}),
          [](json& p) { p["tables"]["protections.rebates"]["hit_policy"] = "first"; });
  mutated("unknown_service_point", json::array({issue("type_mismatch", "/tables/orientation.measures/rules/0/then/1")}),
          [](json& p) { p["tables"]["orientation.measures"]["rules"][0]["then"][1] = "atlantis"; });
  mutated("unknown_base", json::array({issue("unknown_base", "/extends")}),
          [](json& p) { p["extends"] = "fr-atlantis"; });
  mutated("bad_version_date", json::array({issue("invalid_date", "/tables/cheque_energie.amount/versions/2/from")}),
          [](json& p) { p["tables"]["cheque_energie.amount"]["versions"][2]["from"] = "2021-02-30"; });
  mutated("bad_parameter_value", json::array({issue("type_mismatch", "/parameters/schedule.cme/values/0/value")}),
          [](json& p) { p["parameters"]["schedule.cme"]["values"][0]["value"] = "ten"; });
  mutated("wrong_arity", json::array({issue("wrong_arity", tpn + "/rules/0/when")}),
          [](json& p) { p["tables"]["tpn.in_force"]["rules"][0]["when"].push_back("-"); });
  mutated("tables_not_object", json::array({issue("missing_field", "/tables")}), [](json& p) { p["tables"] = json::array(); });
  mutated("inputs_not_array", json::array({issue_under(tpn + "/inputs")}), [](json& p) { p["tables"]["tpn.in_force"]["inputs"] = json::object({{"a", 1}}); });
  mutated("rules_not_array", json::array({issue("wrong_type", tpn + "/rules")}),
          [](json& p) { p["tables"]["tpn.in_force"]["rules"] = "none"; });
  mutated("rule_not_object", json::array({issue("wrong_type", tpn + "/rules/0")}),
          [](json& p) { p["tables"]["tpn.in_force"]["rules"][0] = 42; });
  mutated("table_not_object", json::array({issue_under(tpn)}), [](json& p) { p["tables"]["tpn.in_force"] = 42; });
  mutated("versions_empty", json::array({issue("missing_field", "/tables/cheque_energie.amount/versions")}),
          [](json& p) { p["tables"]["cheque_energie.amount"]["versions"] = json::array(); });
  mutated("parameters_not_object", json::array({issue("missing_parameter", "/parameters/schedule.cme")}),
          [](json& p) { p["parameters"] = json::array(); });
  mutated("schemes_not_object", json::array({issue_under("/schemes")}), [](json& p) { p["schemes"] = "none"; });
  mutated("exceptional_not_array", json::array({issue_under("/schemes")}), [](json& p) { p["schemes"]["exceptional"] = 1; });
  // Several problems at once: every one is listed.
  mutated("many_problems",
          json::array({issue("unknown_fact", tpn + "/inputs/0"), issue("duplicate_id", "/tables/tss.in_force/rules/1/id"),
                       issue("type_mismatch", "/tables/protections.cut/rules/0/then/0"),
                       issue("missing_parameter", "/parameters/schedule.grace_days")}),
          [](json& p) {
            p["tables"]["tpn.in_force"]["inputs"][0] = "date.of_the_moon";
            json& rules = p["tables"]["tss.in_force"]["rules"];
            rules[1]["id"] = rules[0]["id"];
            p["tables"]["protections.cut"]["rules"][0]["then"][0] = 3;
            p["parameters"].erase("schedule.grace_days");
          });
  // Only the very last part is broken: the engine must still not be built.
  mutated("last_label_broken", json::array({issue("missing_label", "/labels/warning.rfr_year_mismatch")}),
          [](json& p) { p["labels"]["warning.rfr_year_mismatch"]["text"] = ""; });
  return out;
}

void generate_packs(const fs::path& src, const fs::path& out) {
  const fs::path dir = out / "packs";
  fs::create_directories(dir);
  const std::string base = read_file(src / "rules" / "fr-lille.json");
  write_file(dir / "valid.json", base);
  std::string index;
  for (const PackCase& c : broken_packs(base)) {
    const std::string file = c.name + ".json";
    write_file(dir / file, c.text);
    index += json{{"name", c.name}, {"file", file}, {"issues", c.issues}}.dump() + "\n";
  }
  write_file(dir / "expected.jsonl", index);
}

// ---------------------------------------------------------------------------------------------
// Synthetic caseload: seeded, platform-independent (no std distributions).

struct Rng {
  std::uint64_t s;
  std::uint64_t next() {  // splitmix64
    std::uint64_t z = (s += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
  }
  int below(int n) { return static_cast<int>(next() % static_cast<std::uint64_t>(n)); }
  bool chance(int percent) { return below(100) < percent; }
  template <std::size_t N>
  const char* pick(const char* const (&v)[N]) { return v[below(static_cast<int>(N))]; }
};

std::string date(int y, int m, int d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, d);
  return buf;
}

std::string money(Rng& r, int max_euros) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%d.%02d", r.below(max_euros), r.below(100));
  return buf;
}

std::string caseload_line(Rng& r, int n) {
  char id[32];
  std::snprintf(id, sizeof id, "CL-%06d", n);
  if (r.chance(1)) {  // a few unreadable or invalid records, as in real extracts
    static const char* const bad[] = {
        R"({"id":"%s","members":[{"role":"declarant","age":200}]})",
        R"({"id":"%s","members":[{"role":"declarant"}],"as_of":"2019-02-30"})",
        R"({"id":"%s","members":[{"role":"declarant"}])",
        R"({"id":"%s","members":[{"role":"declarant"}],"debt":{"amount":"12.345"}})",
        R"({"id":"%s","id":"x","members":[{"role":"declarant"}]})"};
    char buf[256];
    std::snprintf(buf, sizeof buf, bad[r.below(5)], id);
    return buf;
  }
  const int year = 2005 + r.below(22), month = 1 + r.below(12), day = 1 + r.below(28);
  json h;
  h["id"] = id;
  if (r.chance(60)) h["as_of"] = date(year, month, day);
  static const char* const deps[] = {"59", "59", "59", "62", "07", "12", "22", "75", "971"};
  h["territory"] = {{"departement", r.pick(deps)}, {"commune", "59350"}};
  json members = json::array();
  const int adults = r.chance(45) ? 2 : 1;
  const int sizes[] = {0, 0, 0, 1, 1, 2, 2, 3, 4, 6};
  const int children = sizes[r.below(10)];
  for (int i = 0; i < adults; ++i) {
    json m = {{"role", i == 0 ? "declarant" : "spouse"}};
    if (r.chance(70)) m["birth_date"] = date(1940 + r.below(60), 1 + r.below(12), 1 + r.below(28));
    else m["age"] = 18 + r.below(75);
    members.push_back(m);
  }
  for (int i = 0; i < children; ++i) {
    json m = {{"role", "child"}, {"age", r.below(25)}};
    if (r.chance(10)) m["alternating_custody"] = true;
    members.push_back(m);
  }
  if (r.chance(8)) members.push_back({{"role", "other"}, {"age", 20 + r.below(60)}, {"other_tax_household", r.chance(50)}});
  h["members"] = members;
  if (r.chance(80)) {
    json inc;
    inc["rfr"] = money(r, r.chance(70) ? 20000 : 60000);
    inc["rfr_year"] = year - 1 - r.below(2);
    if (r.chance(60)) inc["tax_parts"] = 1 + 0.5 * r.below(6);
    if (r.chance(50)) inc["monthly_resources"] = money(r, 2500);
    h["income"] = inc;
  }
  static const char* const benefits[] = {"cmu_c", "acs", "css", "rsa", "aah", "aspa"};
  if (r.chance(30)) h["benefits"] = json::array({r.pick(benefits)});
  static const char* const tenures[] = {"owner", "tenant_social", "tenant_private", "hosted", "social_residence"};
  static const char* const labels[] = {"A", "B", "C", "D", "E", "F", "G"};
  if (r.chance(70)) h["housing"] = {{"tenure", r.pick(tenures)}, {"energy_label", r.pick(labels)}, {"main_residence", !r.chance(3)}};
  static const char* const suppliers[] = {"EDF", "EDF", "EDF", "ENGIE", "TotalEnergies", "Ekwateur"};
  json energy;
  energy["electricity"] = {{"supplier", r.pick(suppliers)}, {"subscribed_kva", 3 + 3 * r.below(4)},
                           {"annual_bill", money(r, 2000)}, {"monthly_instalment", money(r, 150)}};
  if (r.chance(40)) energy["gas"] = {{"supplier", "ENGIE"}, {"annual_kwh", r.below(20000)}, {"individual_contract", r.chance(80)}};
  static const char* const heating[] = {"electricity", "gas", "fuel_oil", "wood_pellets", "wood_logs", "collective", "other"};
  energy["main_heating"] = r.pick(heating);
  h["energy"] = energy;
  if (r.chance(65)) {
    static const char* const states[] = {"normal", "normal", "normal", "reduced", "limited_1kva", "cut"};
    json d = {{"amount", money(r, 3000)}, {"energy", r.chance(80) ? "electricity" : "gas"},
              {"supplier", r.pick(suppliers)}, {"signalled_on", date(year, month, day)},
              {"supply_state", r.pick(states)}};
    if (r.chance(40)) d["cut_notice_on"] = date(year, month, day);
    if (r.chance(20)) d["deductions"] = json::array({{{"kind", "fsl_grant"}, {"amount", money(r, 300)}}});
    h["debt"] = d;
  }
  if (r.chance(15)) h["aids"] = json::array({{{"kind", "fsl_energy"}, {"on", date(year - 1, month, day)}, {"amount", money(r, 400)}}});
  static const char* const referents[] = {"none", "rsa", "social_worker", "ccas", "other"};
  if (r.chance(40)) h["follow_up"] = {{"referent", r.pick(referents)}};
  static const char* const modes[] = {"letter", "visit", "phone"};
  static const char* const outcomes[] = {"absent", "no_answer_at_door", "declined_conversation", "reached", "no_reply"};
  const int attempts = r.below(5);
  if (attempts) {
    json a = json::array();
    for (int i = 0; i < attempts; ++i) a.push_back({{"on", date(year, month, 1 + r.below(28))}, {"mode", r.pick(modes)}, {"outcome", r.pick(outcomes)}});
    h["contact_attempts"] = a;
  }
  if (r.chance(20)) {
    json pays = json::array();
    const int paid = r.below(8);
    for (int i = 0; i < paid; ++i) pays.push_back({{"on", date(year - 1, 1 + i, 5)}, {"amount", "50.00"}});
    h["repayment_plan"] = {{"kind", r.chance(70) ? "cme" : "supplier_plan"}, {"signed_on", date(year - 1, 1, 1 + r.below(28))},
                           {"principal", money(r, 1500)}, {"months", 10}, {"payments", pays}};
  }
  if (r.chance(30)) h["cheque_energie"] = {{"received", r.chance(50)}, {"attestation_sent", r.chance(50)}};
  h["consent"] = {{"objection", r.chance(2)}};
  return h.dump();
}

void generate_caseload(const fs::path& out, int n) {
  Rng r{20160320};
  std::string text;
  for (int i = 0; i < n; ++i) text += caseload_line(r, i) + "\n";
  write_file(out / "caseload.jsonl", text);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: make_fixtures SOURCE_DIR OUT_DIR [CASELOAD_SIZE]\n";
    return 2;
  }
  try {
    const fs::path src = argv[1], out = argv[2];
    fs::create_directories(out);
    generate_corpus(src, out);
    generate_packs(src, out);
    generate_caseload(out, argc > 3 ? std::stoi(argv[3]) : 4000);
  } catch (const std::exception& e) {
    std::cerr << "make_fixtures: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
