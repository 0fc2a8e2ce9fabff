// Unit tests of the tariffs at every bracket edge and date boundary of the law-facts tables.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include "test_support.hpp"

using test::json;

namespace {
json members(int adults, std::vector<int> children, std::vector<bool> alt = {}) {
  json m = json::array({{{"role", "declarant"}, {"age", 40}}});
  if (adults > 1) m.push_back({{"role", "spouse"}, {"age", 38}});
  for (std::size_t i = 0; i < children.size(); ++i) {
    json c = {{"role", "child"}, {"age", children[i]}};
    if (i < alt.size() && alt[i]) c["alternating_custody"] = true;
    m.push_back(c);
  }
  return m;
}
json cheque(const json& d) { return d["tariffs"]["cheque_energie"]; }
std::string amount_at(const std::string& date, const std::string& rfr, json m = members(1, {})) {
  json h = {{"id", "E"}, {"as_of", date}, {"members", m}, {"income", {{"rfr", rfr}}}, {"territory", {{"departement", "59"}}}};
  return cheque(test::decide(h))["amount"].get<std::string>();
}
}  // namespace

TEST_CASE("chèque énergie UC rule: 1 / 0.5 / 0.3, halved for alternating minors by rank") {
  auto uc = [](json m, const std::string& date = "2019-05-01") {
    return cheque(test::decide({{"id", "U"}, {"as_of", date}, {"members", m}}))["uc"];
  };
  CHECK(uc(members(1, {})) == "1");
  CHECK(uc(members(2, {})) == "1.5");
  CHECK(uc(members(2, {5, 8, 12})) == "2.4");
  CHECK(uc(members(1, {7, 10}, {true, true})) == "1.4");  // literal reading: 1 + 0.25 + 0.15
  CHECK(uc(members(2, {7, 10}, {false, true})) == "1.95");
  json adult_alt = members(1, {19}, {true});  // an adult child in alternating custody counts fully
  CHECK(uc(adult_alt) == "1.5");
  json unknown_age = json::array({{{"role", "declarant"}}, {{"role", "child"}, {"alternating_custody", true}}});
  CHECK(uc(unknown_age).is_null());
  // 2025 perimeter: members of another tax household leave the UC.
  json other = json::array({{{"role", "declarant"}, {"age", 40}}, {{"role", "spouse"}, {"age", 38}, {"other_tax_household", true}}});
  CHECK(uc(other, "2024-06-01") == "1.5");
  CHECK(uc(other, "2025-06-01") == "1");
}

TEST_CASE("chèque énergie: the ambiguity of alternating rank is a pack parameter") {
  json p = test::default_pack();
  p["parameters"]["cheque_energie.uc_scale"]["values"][0]["value"]["ranking"] = "openfisca_adjusted";
  auto e = solen::Engine::from_json(p.dump());
  json h = {{"id", "U"}, {"as_of", "2019-05-01"}, {"members", members(1, {7, 10}, {true, true})}};
  CHECK(cheque(test::decide(h, e))["uc"] == "1.5");
}

TEST_CASE("chèque énergie barèmes: lower bounds inclusive, ceilings strict, every year") {
  struct Edge { const char* date; const char* rfr; const char* amount; };
  for (Edge e : {Edge{"2018-05-01", "5599.99", "144.00"}, Edge{"2018-05-01", "5600", "96.00"}, Edge{"2018-05-01", "6700", "48.00"},
                 Edge{"2018-05-01", "7699.99", "48.00"}, Edge{"2018-05-01", "7700", "0.00"},
                 Edge{"2019-01-01", "5599", "194.00"}, Edge{"2019-01-01", "7700", "48.00"}, Edge{"2020-12-31", "10699.99", "48.00"},
                 Edge{"2020-12-31", "10700", "0.00"}, Edge{"2021-01-01", "10700", "48.00"}, Edge{"2022-12-31", "10800", "0.00"},
                 Edge{"2023-01-01", "5699.99", "194.00"}, Edge{"2023-01-01", "5700", "146.00"}, Edge{"2023-06-01", "6800", "98.00"},
                 Edge{"2023-06-01", "7850", "48.00"}, Edge{"2023-06-01", "10999.99", "48.00"}, Edge{"2023-06-01", "11000", "0.00"},
                 Edge{"2024-06-01", "5700", "146.00"}, Edge{"2025-06-01", "7849.99", "98.00"}, Edge{"2026-06-01", "11000", "0.00"},
                 Edge{"2026-06-01", "10999.99", "48.00"}}) {
    CAPTURE(e.date);
    CAPTURE(e.rfr);
    CHECK(amount_at(e.date, e.rfr) == e.amount);
  }
  // The float trap: 20 790 € for 2.7 UC is exactly 7 700 € per UC.
  json six = members(2, {3, 6, 9, 12});
  CHECK(amount_at("2018-05-01", "20790", six) == "0.00");
  CHECK(amount_at("2019-05-01", "20790", six) == "76.00");
  CHECK(amount_at("2023-05-01", "21195", six) == "76.00");
  CHECK(amount_at("2023-05-01", "21194.99", six) == "126.00");
}

TEST_CASE("chèque énergie: pilot départements in 2016–2017, national from 2018, absent before") {
  json h = {{"id", "P"}, {"members", members(1, {})}, {"income", {{"rfr", "5000"}}}};
  auto status = [&](const char* date, const char* dep) {
    json x = h;
    x["as_of"] = date;
    x["territory"] = {{"departement", dep}};
    return cheque(test::decide(x))["status"];
  };
  CHECK(status("2015-12-31", "62") == "not_in_force");
  CHECK(status("2016-01-01", "62") == "eligible");
  CHECK(status("2017-12-31", "07") == "eligible");
  CHECK(status("2017-12-31", "59") == "not_in_force");
  CHECK(status("2018-01-01", "59") == "eligible");
}

TEST_CASE("chèque énergie: RFR year N-2 is checked, 2025 uses the contract holder's RFR") {
  json h = test::single("2019-05-01", "7800");
  h["income"]["rfr_year"] = 2018;
  json d = test::decide(h);
  REQUIRE(d["warnings"].size() >= 1);
  CHECK(d["warnings"][0]["code"] == "rfr_year_mismatch");
  const std::string message = d["warnings"][0]["message"];
  CHECK(message.find("2017") != std::string::npos);  // RFR N-2 expected
  // Each expected year gets its own message (the message is kept per thread between households).
  h["as_of"] = "2021-05-01";
  d = test::decide(h);
  REQUIRE(d["warnings"].size() >= 1);
  CHECK(d["warnings"][0]["message"].get<std::string>().find("2019") != std::string::npos);
  CHECK(d["warnings"][0]["message"] != message);
  h["as_of"] = "2019-05-01";
  CHECK(test::decide(h)["warnings"][0]["message"] == message);
  json c = {{"id", "H"}, {"as_of", "2025-11-15"}, {"members", json::array({{{"role", "declarant"}, {"age", 40}}, {{"role", "other"}, {"age", 45}, {"other_tax_household", true}}})},
            {"income", {{"rfr", "30000"}}}};
  d = test::decide(c);
  CHECK(cheque(d)["status"] == "to_verify");
  CHECK(cheque(d)["missing"] == json::array({"income.holder_rfr"}));
  c["income"]["holder_rfr"] = "9000";
  d = test::decide(c);
  CHECK(cheque(d)["uc"] == "1");
  CHECK(cheque(d)["amount"] == "48.00");
}

TEST_CASE("TPN: routes by date, UC on the CMU-C scale, amounts by kVA, cap at the bill") {
  auto tpn = [](json h) { return test::decide(h)["tariffs"]["tpn"]; };
  json h = {{"id", "T"}, {"as_of", "2012-06-01"}, {"members", members(2, {})}, {"benefits", {"acs"}},
            {"energy", {{"electricity", {{"subscribed_kva", 6}}}}}};
  CHECK(tpn(h)["status"] == "not_eligible");
  h["as_of"] = "2012-12-27";
  CHECK(tpn(h)["status"] == "eligible");
  CHECK(tpn(h)["reduction_rate"] == "0.5");
  CHECK(tpn(h)["amount"].is_null());
  h["as_of"] = "2013-11-01";
  CHECK(tpn(h)["amount"] == "109.00");
  h["members"] = members(2, {3, 6, 9});  // 1 + 0.5 + 0.3 + 0.3 + 0.4 = 2.5
  CHECK(tpn(h)["uc"] == "2.5");
  CHECK(tpn(h)["amount"] == "131.00");
  h["energy"]["electricity"]["subscribed_kva"] = 3;
  CHECK(tpn(h)["amount"] == "106.00");
  h["energy"]["electricity"]["annual_bill"] = "80.50";
  CHECK(tpn(h)["amount"] == "80.50");
  h["as_of"] = "2018-01-01";
  CHECK(tpn(h)["status"] == "not_in_force");
  json r = {{"id", "R"}, {"as_of", "2013-11-01"}, {"members", members(1, {})}, {"income", {{"rfr", "2175"}, {"tax_parts", 1}}},
            {"energy", {{"electricity", {{"subscribed_kva", 9}}}}}};
  CHECK(tpn(r)["status"] == "eligible");
  CHECK(tpn(r)["amount"] == "94.00");
  r["as_of"] = "2013-10-31";
  CHECK(tpn(r)["status"] == "not_eligible");
  r["as_of"] = "2015-06-01";
  r["income"]["rfr"] = "2175.01";
  CHECK(tpn(r)["status"] == "not_eligible");
  r["territory"] = {{"departement", "972"}};
  CHECK(tpn(r)["status"] == "eligible");
  r["income"]["rfr"] = "2420.79";
  CHECK(tpn(r)["status"] == "not_eligible");
}

TEST_CASE("TSS: consumption bands (upper edges inclusive), collective payment, dated tables") {
  auto tss = [](const char* date, json gas, json m = members(1, {})) {
    return test::decide({{"id", "G"}, {"as_of", date}, {"members", m}, {"benefits", {"cmu_c"}}, {"energy", {{"gas", gas}}}})["tariffs"]["tss"];
  };
  CHECK(tss("2008-08-14", {{"individual_contract", true}, {"annual_kwh", 500}})["status"] == "not_in_force");
  CHECK(tss("2008-08-15", {{"individual_contract", true}, {"annual_kwh", 1000}})["amount"] == "17.00");
  CHECK(tss("2008-08-15", {{"individual_contract", true}, {"annual_kwh", 1001}})["amount"] == "51.00");
  CHECK(tss("2011-03-31", {{"individual_contract", true}, {"annual_kwh", 6000}})["amount"] == "51.00");
  CHECK(tss("2011-04-01", {{"individual_contract", true}, {"annual_kwh", 6001}})["amount"] == "85.00");
  CHECK(tss("2014-04-01", {{"individual_contract", true}, {"annual_kwh", 800}})["amount"] == "23.00");
  CHECK(tss("2014-04-01", {{"collective_heating", true}})["amount"] == "100.00");
  CHECK(tss("2014-04-01", {{"individual_contract", true}, {"annual_kwh", 800}, {"collective_heating", true}})["amount"] == "123.00");
  CHECK(tss("2014-04-01", {{"individual_contract", true}, {"annual_kwh", 800}, {"annual_bill", "19.99"}})["amount"] == "19.99");
  CHECK(tss("2014-04-01", json::object())["amount"].is_null());
  CHECK(tss("2014-04-01", json::object())["status"] == "eligible");
  CHECK(tss("2018-01-01", {{"individual_contract", true}, {"annual_kwh", 800}})["status"] == "not_in_force");
}

TEST_CASE("exceptional chèques: campaign windows and thresholds") {
  auto exc = [](const char* date, const char* rfr, const char* heating) {
    json h = {{"id", "X"}, {"as_of", date}, {"members", members(1, {})}, {"income", {{"rfr", rfr}}}};
    if (heating) h["energy"] = {{"main_heating", heating}};
    return test::decide(h)["tariffs"]["exceptional"];
  };
  auto amount = [](const json& list, const char* scheme) {
    for (const json& x : list)
      if (x["scheme"] == scheme) return x["amount"].get<std::string>();
    return std::string("absent");
  };
  CHECK(amount(exc("2021-11-30", "5000", nullptr), "cheque_energie_2021_extra") == "absent");
  CHECK(amount(exc("2021-12-01", "10799", nullptr), "cheque_energie_2021_extra") == "100.00");
  CHECK(amount(exc("2022-12-01", "10799", nullptr), "cheque_energie_exceptionnel_2022") == "200.00");
  CHECK(amount(exc("2022-12-01", "17399", nullptr), "cheque_energie_exceptionnel_2022") == "100.00");
  CHECK(amount(exc("2022-11-06", "5000", "fuel_oil"), "cheque_fioul_2022") == "absent");
  CHECK(amount(exc("2022-11-07", "19999", "fuel_oil"), "cheque_fioul_2022") == "100.00");
  CHECK(amount(exc("2022-11-07", "5000", "gas"), "cheque_fioul_2022") == "0.00");
  CHECK(amount(exc("2023-04-30", "27499", "wood_logs"), "cheque_bois_2022") == "50.00");
  CHECK(amount(exc("2023-05-01", "5000", "wood_logs"), "cheque_bois_2022") == "absent");
  json unknown = exc("2022-12-28", "5000", nullptr);
  bool to_verify = false;
  for (const json& x : unknown)
    if (x["scheme"] == "cheque_bois_2022") to_verify = x["status"] == "to_verify";
  CHECK(to_verify);
}

TEST_CASE("UC sums are exact and reduced, whatever the weights' denominators") {
  std::uint64_t x = 88172645463325252ull;
  auto next = [&] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  // Products of these overflow the lazy denominator (2^40) within a dozen terms; their lcm does not.
  const std::int64_t dens[] = {1, 2, 4, 10, 20, 3, 7, 1000, 9973, 8};
  for (int round = 0; round < 20000; ++round) {
    solen::detail::RationalSum sum;
    solen::Number exact = solen::Number::integer(0);
    const int terms = 1 + static_cast<int>(next() % 12);
    for (int k = 0; k < terms; ++k) {
      const std::int64_t den = dens[next() % 10];
      const solen::Number w{static_cast<std::int64_t>(next() % 3000), den};
      sum.add(w);
      exact = solen::Number::ratio(solen::Number{exact.num * w.den + w.num * exact.den, exact.den * w.den},
                                   solen::Number::integer(1));
    }
    const solen::Number got = sum.value();
    CHECK(got.num == exact.num);  // same reduced form: the UC prints the same
    CHECK(got.den == exact.den);
  }
}

TEST_CASE("UC totals of a scale agree with the ranked sum for any household without a halved member") {
  std::uint64_t x = 2463534242ull;
  auto next = [&] {
    x ^= x << 13, x ^= x >> 7, x ^= x << 17;
    return x;
  };
  solen::UcScale scale;
  scale.weights = {solen::Number{1, 1}, solen::Number{1, 2}, solen::Number{3, 10}};
  solen::UcScale ranked = scale;  // no totals: every household takes the ranked path
  scale.totals = solen::detail::scale_totals(scale);
  std::vector<solen::detail::ScaleMember> members;
  for (int round = 0; round < 5000; ++round) {
    members.clear();
    const int n = 1 + static_cast<int>(next() % 9);
    for (int k = 0; k < n; ++k) {
      const int age = next() % 5 == 0 ? -1 : static_cast<int>(next() % 90);
      // Alternating custody only for adults: nobody is halved, yet the flag is seen.
      const bool alternating = age >= 18 && next() % 4 == 0;
      members.push_back({k == 0 ? 0 : (k == 1 && next() % 2 ? 1 : 2), age, alternating, next() % 6 == 0});
    }
    auto all = [](const solen::detail::ScaleMember&) { return true; };
    auto own = [](const solen::detail::ScaleMember& m) { return !m.other_tax_household; };
    for (int perimeter = 0; perimeter < 2; ++perimeter) {
      const auto fast = perimeter ? solen::detail::consumption_units(members, scale, own)
                                  : solen::detail::consumption_units(members, scale, all);
      const auto slow = perimeter ? solen::detail::consumption_units(members, ranked, own)
                                  : solen::detail::consumption_units(members, ranked, all);
      REQUIRE(fast.has_value() == slow.has_value());
      if (fast) {
        CHECK(fast->num == slow->num);
        CHECK(fast->den == slow->den);
      }
    }
  }
}
