// The example territory pack (Côtes-d'Armor) changes the local answers it should, and only those.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "test_support.hpp"

using test::json;

namespace {
const solen::Engine& territory() {
  static const solen::Engine e = solen::Engine::from_file(SOLEN_SOURCE_DIR "/examples/territory-cotes-darmor.json");
  return e;
}
json household(int members, const char* resources, const char* debt) {
  json m = json::array({{{"role", "declarant"}, {"age", 40}}});
  for (int i = 1; i < members; ++i) m.push_back({{"role", "child"}, {"age", 3 + i}});
  return {{"id", "CA"}, {"as_of", "2019-06-01"}, {"territory", {{"departement", "22"}}}, {"members", m},
          {"income", {{"rfr", "9000"}, {"monthly_resources", resources}}}, {"housing", {{"main_residence", true}}},
          {"debt", {{"amount", debt}, {"supplier", "EDF"}, {"supply_state", "normal"}}}};
}
std::string where(const json& d, const std::string& code) {
  for (const json& m : d["orientation"]["measures"])
    if (m["code"] == code) return m["where"];
  return "";
}
}  // namespace

TEST_CASE("territory pack: identity, base pack named, national answers unchanged") {
  CHECK(territory().pack().id == "fr-cotes-darmor");
  json h = household(3, "1100.00", "420.00");
  json local = test::decide(h, territory());
  json lille = test::decide(h);
  CHECK(local["rulepack"]["base"]["id"] == "fr-lille");
  CHECK(local["rulepack"]["base"]["sha256"] == lille["rulepack"]["sha256"]);
  CHECK(local["tariffs"] == lille["tariffs"]);
  CHECK(local["protections"] == lille["protections"]);
  // Over many generated situations, only schedule and orientation may differ.
  for (int members = 1; members <= 6; ++members)
    for (const char* res : {"600.00", "1000.00", "1700.00", "2500.00"})
      for (const char* debt : {"90.00", "450.00", "1200.00"}) {
        json a = test::decide(household(members, res, debt), territory());
        json b = test::decide(household(members, res, debt));
        CHECK(a["tariffs"] == b["tariffs"]);
        CHECK(a["protections"] == b["protections"]);
        CHECK(a["warnings"] == b["warnings"]);
      }
}

TEST_CASE("territory pack: FSL ceilings by household size, local service points and plan") {
  json d = test::decide(household(3, "1199.99", "300.00"), territory());
  CHECK(where(d, "fsl_energy") == "fsl_22");
  CHECK(where(d, "cme") == "ccas");
  d = test::decide(household(3, "1200.00", "300.00"), territory());
  CHECK(where(d, "fsl_energy").empty());
  d = test::decide(household(7, "2199.99", "300.00"), territory());
  CHECK(where(d, "fsl_energy") == "fsl_22");
  // Lille's rule (a debt of 500 € or more) does not apply there, and vice versa.
  CHECK(where(test::decide(household(3, "2500.00", "600.00")), "fsl_energy") == "fsl_mel");
  CHECK(where(test::decide(household(3, "2500.00", "600.00"), territory()), "fsl_energy").empty());
  // 12-month plan with a 20 € minimum instalment; visit from 800 €.
  json s = test::decide(household(1, "900.00", "150.00"), territory());
  CHECK(s["schedule"]["months"] == 7);
  CHECK(s["schedule"]["installments"][0]["amount"] == "21.43");
  CHECK(test::decide(household(1, "900.00", "1200.00"), territory())["schedule"]["months"] == 12);
  CHECK(test::decide(household(1, "900.00", "800.00"), territory())["orientation"]["route"] == "visit");
  CHECK(test::decide(household(1, "900.00", "800.00"))["orientation"]["route"] == "letter");
}
