// Unit tests of the rule-pack loader, validator and decision-table semantics.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "solen/rulepack_loader.hpp"
#include "test_support.hpp"

using test::json;

namespace {
std::vector<solen::Issue> problems(const json& pack) { return solen::check_rulepack(pack.dump()); }

bool has_code(const std::vector<solen::Issue>& v, const std::string& code, const std::string& path_part = "") {
  for (const auto& i : v)
    if (i.code == code && i.path.find(path_part) != std::string::npos) return true;
  return false;
}

json& rules_of(json& pack, const std::string& table, int version = -1) {
  json& t = pack["tables"][table];
  return version < 0 ? t["rules"] : t["versions"][static_cast<std::size_t>(version)]["rules"];
}
}  // namespace

TEST_CASE("the default pack is valid and identified") {
  CHECK(solen::check_rulepack(solen::embedded_rulepack_json).empty());
  const auto& info = test::engine().pack();
  CHECK(info.id == "fr-lille");
  CHECK(info.sha256.size() == 64);
  CHECK(info.sha256 == solen::detail::sha256_hex(solen::embedded_rulepack_json));
  CHECK(solen::detail::sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_CASE("validation: malformed, unsupported format, duplicate keys") {
  CHECK(has_code(solen::check_rulepack("{not json"), "invalid_json"));
  CHECK(has_code(solen::check_rulepack(R"({"format": 1, "format": 1})"), "duplicate_key"));
  json p = test::default_pack();
  p["format"] = 99;
  CHECK(has_code(problems(p), "unsupported_format", "/format"));
  CHECK_THROWS_AS(solen::Engine::from_json(p.dump()), solen::Error);
}

TEST_CASE("validation: unknown fact, type mismatch, duplicate ids, missing tables") {
  json p = test::default_pack();
  p["tables"]["tpn.in_force"]["inputs"][0] = "household.shoe_size";
  CHECK(has_code(problems(p), "unknown_fact", "/tables/tpn.in_force/inputs/0"));
  p = test::default_pack();
  rules_of(p, "tpn.in_force")[0]["when"][0] = "maybe";
  CHECK(has_code(problems(p), "type_mismatch", "/tables/tpn.in_force/rules/0/when/0"));
  p = test::default_pack();
  rules_of(p, "tpn.in_force")[1]["id"] = rules_of(p, "tpn.in_force")[0]["id"];
  CHECK(has_code(problems(p), "duplicate_id"));
  p = test::default_pack();
  p["protections"].erase("cut");
  CHECK(has_code(problems(p), "missing_field", "/protections/cut"));
  p = test::default_pack();
  rules_of(p, "orientation.route")[0]["then"][0] = "carrier_pigeon";
  CHECK(has_code(problems(p), "type_mismatch", "/tables/orientation.route/rules/0/then/0"));
}

TEST_CASE("validation: overlapping rows under unique and gaps in a single-hit table") {
  json p = test::default_pack();
  // Widen a bracket of the 2019 barème so that it overlaps the next one.
  rules_of(p, "cheque_energie.amount", 1)[0]["when"][1] = "< 6000";
  auto v = problems(p);
  CHECK(has_code(v, "table_overlap", "/tables/cheque_energie.amount/versions/1/rules"));
  p = test::default_pack();
  rules_of(p, "cheque_energie.amount", 1)[0]["when"][1] = "< 5000";
  CHECK(has_code(problems(p), "table_gap", "/tables/cheque_energie.amount/versions/1/rules"));
  p = test::default_pack();
  rules_of(p, "protections.cut").erase(4);  // the catch-all row
  CHECK(has_code(problems(p), "table_gap", "/tables/protections.cut"));
}

TEST_CASE("validation: dates not covered and overlapping versions") {
  json p = test::default_pack();
  p["tables"]["cheque_energie.amount"]["versions"][1]["from"] = "2019-02-01";
  CHECK(has_code(problems(p), "dates_not_covered", "/tables/cheque_energie.amount/versions/1/from"));
  p = test::default_pack();
  p["tables"]["cheque_energie.amount"]["versions"][1]["from"] = "2018-06-01";
  CHECK(has_code(problems(p), "overlapping_versions"));
  p = test::default_pack();
  p["tables"]["cheque_energie.amount"]["versions"].erase(0);  // 2016–2018 barème gone
  CHECK(has_code(problems(p), "dates_not_covered", "/schemes/cheque_energie"));
}

TEST_CASE("an invalid pack lists every problem and never yields an engine") {
  json p = test::default_pack();
  p["tables"]["tpn.in_force"]["inputs"][0] = "nope";
  p["parameters"].erase("schedule.cme");
  try {
    solen::Engine::from_json(p.dump());
    FAIL("an engine was built from an invalid pack");
  } catch (const solen::Error& e) {
    CHECK(e.kind() == solen::ErrorKind::rules);
    std::string m = e.what();
    CHECK(m.find("/tables/tpn.in_force/inputs/0") != std::string::npos);
    CHECK(m.find("/parameters/schedule.cme") != std::string::npos);
  }
}

namespace {
/// A pack whose route table is replaced by `table` (hit policy and rows under test).
solen::Engine with_route_table(json table) {
  json p = test::default_pack();
  p["tables"]["orientation.route"] = std::move(table);
  return solen::Engine::from_json(p.dump());
}
json route_table(const std::string& hit, json rules, const std::string& unknown = "no_match") {
  return json{{"label", "t"}, {"hit_policy", hit}, {"unknown", unknown},
              {"inputs", json::array({"debt.amount", "follow_up.referent"})},
              {"outputs", json::array({{{"name", "route"}, {"type", "enum"}, {"values", json::array({"urgent", "referent", "letter", "visit", "workshop"})}}})},
              {"rules", std::move(rules)}};
}
json r(const std::string& id, json when, const std::string& route, int priority = 0) {
  return json{{"id", id}, {"when", std::move(when)}, {"then", json::array({route})}, {"label", id}, {"priority", priority}};
}
json household(const std::string& debt, const char* referent) {
  json h = {{"id", "H"}, {"as_of", "2020-06-01"}, {"members", json::array({{{"role", "declarant"}, {"age", 30}}})},
            {"debt", {{"amount", debt}}}};
  if (referent) h["follow_up"] = {{"referent", referent}};
  return h;
}
}  // namespace

TEST_CASE("decision tables: first, priority, open and closed bounds, sets, null") {
  auto e = with_route_table(route_table("first", json::array({
      r("A", json::array({"[100..200)", "-"}), "visit"), r("B", json::array({"(200..300]", "rsa, ccas"}), "referent"),
      r("C", json::array({"-", "null"}), "workshop"), r("D", json::array({"-", "-"}), "letter")})));
  CHECK(test::decide(household("100", "rsa"), e)["orientation"]["route"] == "visit");
  CHECK(test::decide(household("199.99", "rsa"), e)["orientation"]["route"] == "visit");
  CHECK(test::decide(household("200", "rsa"), e)["orientation"]["route"] == "letter");
  CHECK(test::decide(household("200.01", "ccas"), e)["orientation"]["route"] == "referent");
  CHECK(test::decide(household("300", "rsa"), e)["orientation"]["route"] == "referent");
  CHECK(test::decide(household("300", "other"), e)["orientation"]["route"] == "letter");
  CHECK(test::decide(household("50", nullptr), e)["orientation"]["route"] == "workshop");
  auto pe = with_route_table(route_table("priority", json::array({
      r("LOW", json::array({"-", "-"}), "letter", 1), r("HIGH", json::array({">= 1000", "-"}), "urgent", 5),
      r("MID", json::array({">= 500", "-"}), "visit", 3)})));
  CHECK(test::decide(household("1200", nullptr), pe)["orientation"]["route"] == "urgent");
  CHECK(test::decide(household("600", nullptr), pe)["orientation"]["route"] == "visit");
  CHECK(test::decide(household("10", nullptr), pe)["orientation"]["route"] == "letter");
}

TEST_CASE("decision tables: unique hit policy refuses overlapping rows at load") {
  json t = route_table("unique", json::array({r("A", json::array({"< 500", "-"}), "visit"), r("B", json::array({"<= 500", "-"}), "letter"),
                                              r("C", json::array({"> 500", "-"}), "letter")}));
  json p = test::default_pack();
  p["tables"]["orientation.route"] = t;
  auto v = problems(p);
  CHECK(has_code(v, "table_overlap", "/tables/orientation.route/rules/1"));
}

TEST_CASE("three-valued logic: an unknown fact gives to_verify, never a guess") {
  json h = {{"id", "U"}, {"as_of", "2019-05-01"}, {"members", json::array({{{"role", "declarant"}, {"age", 40}}})}};
  json d = test::decide(h);
  CHECK(d["tariffs"]["cheque_energie"]["status"] == "to_verify");
  CHECK(d["tariffs"]["cheque_energie"]["amount"].is_null());
  CHECK(d["tariffs"]["cheque_energie"]["missing"] == json::array({"income.rfr"}));
  // A row that would decide the same either way does not need the missing fact.
  h["as_of"] = "2016-06-01";  // chèque pilot: the département decides
  d = test::decide(h);
  CHECK(d["tariffs"]["cheque_energie"]["status"] == "to_verify");
  CHECK(d["tariffs"]["cheque_energie"]["missing"] == json::array({"territory.departement"}));
  h["territory"] = {{"departement", "62"}};
  h["income"] = {{"rfr", "5000"}};
  d = test::decide(h);
  CHECK(d["tariffs"]["cheque_energie"]["status"] == "eligible");
  CHECK(d["tariffs"]["cheque_energie"]["amount"] == "144.00");
}
