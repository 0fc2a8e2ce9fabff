// Unit tests of the Lille orientation: every route and measure rule, both sides of thresholds.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "test_support.hpp"

using test::json;

namespace {
json base(const char* date = "2019-06-01") {
  return {{"id", "O"}, {"as_of", date}, {"members", json::array({{{"role", "declarant"}, {"age", 40}}})},
          {"housing", {{"main_residence", true}}}, {"debt", {{"amount", "300.00"}, {"supplier", "EDF"}, {"supply_state", "normal"}}}};
}
json orient(const json& h) { return test::decide(h)["orientation"]; }
json visit(const char* on, const char* outcome) { return {{"on", on}, {"mode", "visit"}, {"outcome", outcome}}; }
}  // namespace

TEST_CASE("route: urgent for supply not normal, and for a cut notice within 20 days outside the truce") {
  for (const char* s : {"reduced", "limited_1kva", "cut"}) {
    json h = base();
    h["debt"]["supply_state"] = s;
    CHECK(orient(h)["route"] == "urgent");
    CHECK(orient(h)["urgency"] == "critical");
  }
  json h = base("2019-06-01");
  h["debt"]["cut_notice_on"] = "2019-06-21";  // 20 days
  CHECK(orient(h)["route"] == "urgent");
  CHECK(orient(h)["urgency"] == "high");
  h["debt"]["cut_notice_on"] = "2019-06-22";  // 21 days
  CHECK(orient(h)["route"] == "letter");
  CHECK(orient(h)["urgency"] == "normal");
  json w = base("2019-03-20");
  w["debt"]["cut_notice_on"] = "2019-03-30";  // within 20 days but still in the truce
  CHECK(orient(w)["route"] == "letter");
  w["debt"]["cut_notice_on"] = "2019-04-05";
  CHECK(orient(w)["route"] == "urgent");
}

TEST_CASE("route: referent, workshop after three failed visits, visit, letter") {
  json h = base();
  h["follow_up"] = {{"referent", "rsa"}};
  CHECK(orient(h)["route"] == "referent");
  h["follow_up"]["referent"] = "none";
  CHECK(orient(h)["route"] == "letter");
  h["contact_attempts"] = json::array({visit("2019-01-10", "absent"), visit("2019-02-10", "no_answer_at_door")});
  CHECK(orient(h)["route"] == "letter");
  h["contact_attempts"].push_back(visit("2019-03-10", "declined_conversation"));
  CHECK(orient(h)["route"] == "workshop");
  h["contact_attempts"][2]["on"] = "2019-07-01";  // after the date: not yet happened
  CHECK(orient(h)["route"] == "letter");
  json l = base();
  l["contact_attempts"] = json::array({{{"on", "2019-05-17"}, {"mode", "letter"}, {"outcome", "no_reply"}}});
  CHECK(orient(l)["route"] == "visit");  // 15 days
  l["contact_attempts"][0]["on"] = "2019-05-18";
  CHECK(orient(l)["route"] == "letter");  // 14 days
  json d = base();
  d["debt"]["amount"] = "1000.00";
  CHECK(orient(d)["route"] == "visit");
  d["debt"]["amount"] = "999.99";
  CHECK(orient(d)["route"] == "letter");
  json none = base();
  none.erase("debt");
  CHECK(orient(none)["urgency"] == "low");
}

TEST_CASE("measures: rights, plans, FSL vs CCAS, budget, kit, housing, with their service points") {
  json h = base();
  h["income"] = {{"rfr", "5000"}};
  h["cheque_energie"] = {{"received", false}, {"attestation_sent", true}};
  json o = orient(h);
  CHECK(test::has_measure({{"orientation", o}}, "cheque_energie_rights"));
  CHECK(test::has_measure({{"orientation", o}}, "cme"));
  CHECK_FALSE(test::has_measure({{"orientation", o}}, "fsl_energy"));
  for (const json& m : o["measures"])
    if (m["code"] == "cme") CHECK(m["where"] == "mairie_de_quartier");
  h["cheque_energie"] = {{"received", true}, {"attestation_sent", true}};
  CHECK_FALSE(test::has_measure(test::decide(h), "cheque_energie_rights"));
  h["debt"]["supplier"] = "ENGIE";
  CHECK(test::has_measure(test::decide(h), "supplier_plan"));
  CHECK_FALSE(test::has_measure(test::decide(h), "cme"));
  json f = base();
  f["debt"]["amount"] = "500.00";
  CHECK(test::has_measure(test::decide(f), "fsl_energy"));
  f["debt"]["amount"] = "499.99";
  CHECK_FALSE(test::has_measure(test::decide(f), "fsl_energy"));
  f["debt"]["supply_state"] = "limited_1kva";
  CHECK(test::has_measure(test::decide(f), "fsl_energy"));
  f["aids"] = json::array({{{"kind", "fsl_energy"}, {"on", "2018-06-02"}}});  // 11 months ago
  json d = test::decide(f);
  CHECK_FALSE(test::has_measure(d, "fsl_energy"));
  CHECK(test::has_measure(d, "ccas_aid"));
  CHECK(test::has_measure(d, "budget_support"));
  CHECK(test::has_measure(d, "energy_diagnosis"));
  f["aids"][0]["on"] = "2018-06-01";  // 12 months: the FSL can help again
  d = test::decide(f);
  CHECK(test::has_measure(d, "fsl_energy"));
  CHECK_FALSE(test::has_measure(d, "ccas_aid"));
  for (const json& m : d["orientation"]["measures"])
    if (m["code"] == "fsl_energy") CHECK(m["where"] == "fsl_mel");
  f["as_of"] = "2017-06-30";
  f["aids"] = json::array();
  d = test::decide(f);
  for (const json& m : d["orientation"]["measures"])
    if (m["code"] == "fsl_energy") CHECK(m["where"] == "fsl_nord");
  json k = base();
  k["contact_attempts"] = json::array({visit("2019-05-01", "reached")});
  CHECK(test::has_measure(test::decide(k), "eco_kit"));
}

TEST_CASE("measures: renovation, landlord mediation by decency date, over-indebtedness, ombudsman") {
  json h = base();
  h["housing"]["tenure"] = "owner";
  h["housing"]["energy_label"] = "F";
  CHECK(test::has_measure(test::decide(h), "housing_renovation"));
  h["housing"]["energy_label"] = "E";
  CHECK_FALSE(test::has_measure(test::decide(h), "housing_renovation"));
  json t = base("2024-12-31");
  t["housing"]["tenure"] = "tenant_private";
  t["housing"]["energy_label"] = "G";
  CHECK_FALSE(test::has_measure(test::decide(t), "landlord_mediation"));
  t["as_of"] = "2025-01-01";
  CHECK(test::has_measure(test::decide(t), "landlord_mediation"));
  t["housing"]["energy_label"] = "F";
  CHECK_FALSE(test::has_measure(test::decide(t), "landlord_mediation"));
  t["as_of"] = "2028-01-01";
  CHECK(test::has_measure(test::decide(t), "landlord_mediation"));
  t["housing"]["energy_label"] = "E";
  CHECK_FALSE(test::has_measure(test::decide(t), "landlord_mediation"));
  t["as_of"] = "2034-01-01";
  CHECK(test::has_measure(test::decide(t), "landlord_mediation"));
  json o = base();
  o["income"] = {{"monthly_resources", "100.00"}};
  o["debt"]["amount"] = "299.99";
  CHECK_FALSE(test::has_measure(test::decide(o), "over_indebtedness"));
  o["debt"]["amount"] = "300.00";
  CHECK(test::has_measure(test::decide(o), "over_indebtedness"));
  o["debt"]["disputed"] = true;
  CHECK(test::has_measure(test::decide(o), "energy_ombudsman"));
  json e = base();
  e["income"] = {{"monthly_resources", "1000.00"}};
  e["energy"] = {{"electricity", {{"annual_bill", "960.00"}}}};  // exactly 8 %
  CHECK_FALSE(test::has_measure(test::decide(e), "energy_diagnosis"));
  e["energy"]["electricity"]["annual_bill"] = "960.01";
  CHECK(test::has_measure(test::decide(e), "energy_diagnosis"));
}

TEST_CASE("objection: excluded, nothing else evaluated, no personal data") {
  json h = base();
  h["consent"] = {{"objection", true}};
  h["income"] = {{"rfr", "12345.67"}};
  json d = test::decide(h);
  CHECK(d == json{{"id", "O"}, {"status", "excluded"}, {"reason", "objection"}});
}
