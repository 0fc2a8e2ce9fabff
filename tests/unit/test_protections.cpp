// Unit tests of the protections: winter truce history, cuts, power reduction, notice, 1 kVA.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "test_support.hpp"

using test::json;

namespace {
json household(const char* date) {
  return {{"id", "P"}, {"as_of", date}, {"members", json::array({{{"role", "declarant"}, {"age", 40}}})},
          {"housing", {{"main_residence", true}}}, {"debt", {{"energy", "electricity"}}}};
}
json protections(const json& h) { return test::decide(h)["protections"]; }
}  // namespace

TEST_CASE("winter truce windows by law version, with the Covid extensions") {
  struct Day { const char* date; bool truce; };
  for (Day d : {Day{"2007-03-05", false}, Day{"2007-11-01", true}, Day{"2013-03-15", true}, Day{"2013-03-16", false},
                Day{"2014-03-15", true}, Day{"2015-03-16", false}, Day{"2015-10-31", false}, Day{"2015-11-01", true},
                Day{"2016-03-31", true}, Day{"2016-04-01", false}, Day{"2020-07-10", true}, Day{"2020-07-11", false},
                Day{"2021-05-31", true}, Day{"2021-06-01", false}, Day{"2026-03-31", true}, Day{"2026-11-29", true}}) {
    CAPTURE(d.date);
    CHECK(protections(household(d.date))["winter_truce"] == d.truce);
  }
}

TEST_CASE("cuts: main residence only; before 17 April 2013 only FSL households") {
  json h = household("2012-12-10");
  CHECK(protections(h)["cut_allowed"] == true);
  h["aids"] = json::array({{{"kind", "fsl_energy"}, {"on", "2012-01-11"}}});
  CHECK(protections(h)["cut_allowed"] == false);
  h["aids"][0]["on"] = "2011-12-10";  // 12 months ago: no longer protected
  CHECK(protections(h)["cut_allowed"] == true);
  json b = household("2013-12-10");
  CHECK(protections(b)["cut_allowed"] == false);
  b["housing"]["main_residence"] = false;
  CHECK(protections(b)["cut_allowed"] == true);
  b["housing"].erase("main_residence");
  CHECK(protections(b)["cut_allowed"].is_null());
  json missing = protections(b)["missing"];
  CHECK(std::find(missing.begin(), missing.end(), "housing.main_residence") != missing.end());
  b["as_of"] = "2014-06-01";
  CHECK(protections(b)["cut_allowed"] == true);  // outside the truce the answer does not need it
}

TEST_CASE("power reduction in winter: TPN then chèque énergie beneficiaries keep full power") {
  json h = household("2019-01-15");
  h["income"] = {{"rfr", "60000"}};
  h["cheque_energie"] = {{"received", false}};
  CHECK(protections(h)["power_reduction_allowed"] == true);
  h["income"]["rfr"] = "5000";
  CHECK(protections(h)["power_reduction_allowed"] == false);
  h["income"]["rfr"] = "60000";
  h["cheque_energie"]["received"] = true;
  CHECK(protections(h)["power_reduction_allowed"] == false);
  json t = household("2014-01-15");
  t["benefits"] = {"cmu_c"};
  CHECK(protections(t)["power_reduction_allowed"] == false);
  t["as_of"] = "2013-01-15";  // before Brottes: only FSL households
  CHECK(protections(t)["power_reduction_allowed"] == true);
}

TEST_CASE("notice: 15 days, 30 for protected households; minimum power; 60 days at 1 kVA") {
  json h = household("2019-06-01");
  h["income"] = {{"rfr", "60000"}};
  CHECK(protections(h)["notice_days"] == 15);
  h["income"]["rfr"] = "5000";
  CHECK(protections(h)["notice_days"] == 30);
  json f = household("2010-06-01");
  CHECK(protections(f)["notice_days"] == 15);
  f["aids"] = json::array({{{"kind", "fsl_energy"}, {"on", "2005-01-01"}}});
  CHECK(protections(f)["notice_days"] == 30);
  CHECK(protections(household("2005-08-12"))["notice_days"].is_null());
  json k = household("2014-03-02");
  k["energy"] = {{"electricity", {{"subscribed_kva", 6}, {"smart_meter", true}}}};
  CHECK(protections(k)["reduced_power_min_kva"] == 3);
  k["energy"]["electricity"]["subscribed_kva"] = 3;
  CHECK(protections(k)["reduced_power_min_kva"] == 2);
  k["as_of"] = "2014-03-01";
  CHECK(protections(k)["reduced_power_min_kva"].is_null());
  json s = household("2023-04-01");
  s["income"] = {{"rfr", "5000"}};
  s["energy"] = {{"electricity", {{"smart_meter", true}}}};
  CHECK(protections(s)["days_at_1kva_before_cut"] == 60);
  s["as_of"] = "2023-03-31";
  CHECK(protections(s)["days_at_1kva_before_cut"].is_null());
  s["as_of"] = "2023-04-01";
  s["energy"]["electricity"]["smart_meter"] = false;
  CHECK(protections(s)["days_at_1kva_before_cut"].is_null());
  json r = household("2019-06-01");
  r["income"] = {{"rfr", "5000"}};
  CHECK(protections(r)["rebates"] == json::array({"free_commissioning", "free_contract_registration", "visit_rebate_80"}));
}
