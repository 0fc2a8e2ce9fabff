// Unit tests of parse_household: the example of spec §4, every error code with its path, limits.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <string>

#include "solen/household_parser.hpp"

using namespace solen;

namespace {

const char* const kExample = R"({
  "id": "LIL-2016-00042",
  "as_of": "2016-03-20",
  "territory": {"departement": "59", "commune": "59350"},
  "members": [
    {"role": "declarant", "birth_date": "1975-04-02"},
    {"role": "spouse", "age": 40},
    {"role": "child", "birth_date": "2010-06-01", "alternating_custody": true},
    {"role": "other", "age": 23, "other_tax_household": true}
  ],
  "income": {"rfr": "14000", "rfr_year": 2014, "holder_rfr": "12000", "tax_parts": 2.5,
             "monthly_resources": "1250.00"},
  "benefits": ["cmu_c", "acs", "css", "rsa", "aah", "aspa"],
  "housing": {"tenure": "tenant_social", "energy_label": "F", "main_residence": true},
  "energy": {
    "electricity": {"supplier": "EDF", "subscribed_kva": 6, "smart_meter": true,
                    "annual_bill": "780.00", "monthly_instalment": "65.00"},
    "gas": {"supplier": "ENGIE", "annual_kwh": 9000, "individual_contract": true,
            "collective_heating": false},
    "main_heating": "electricity"
  },
  "debt": {"amount": "842.37", "energy": "electricity", "supplier": "EDF",
           "signalled_on": "2016-03-14", "cut_notice_on": "2016-04-10",
           "supply_state": "normal",
           "deductions": [{"kind": "fsl_grant", "amount": "300.00"}]},
  "aids": [{"kind": "fsl_energy", "on": "2015-06-01", "amount": "300.00"}],
  "cheque_energie": {"received": false, "attestation_sent": false},
  "follow_up": {"referent": "rsa"},
  "contact_attempts": [{"on": "2016-03-25", "mode": "visit", "outcome": "absent"}],
  "repayment_plan": {"kind": "cme", "signed_on": "2015-10-01", "principal": "500.00",
                     "months": 10, "payments": [{"on": "2015-11-01", "amount": "50.00"}]},
  "consent": {"objection": false}
})";

/// A minimal valid household with `extra` members added at the top level.
std::string with(const std::string& extra, const std::string& members = R"([{"role":"declarant"}])") {
  std::string s = R"({"id":"H1","members":)" + members;
  if (!extra.empty()) s += "," + extra;
  return s + "}";
}

struct Parsed {
  Household h;
  ParseOutcome o;
};

Parsed parse(const std::string& json, const ParseLimits& limits = {}) {
  Parsed p;
  const bool ok = parse_household(json, p.h, p.o, limits);
  CHECK(ok == p.o.ok);
  return p;
}

struct BadCase {
  std::string json;
  const char* code;
  const char* path;
};

void check_error(const BadCase& c, const ParseLimits& limits = {}) {
  CAPTURE(c.json);
  Parsed p = parse(c.json, limits);
  CHECK_FALSE(p.o.ok);
  CHECK(p.o.error.code == c.code);
  CHECK(p.o.error.path == c.path);
  CHECK_FALSE(p.o.error.message.empty());
}

std::string members_json(int n) {
  std::string s = "[";
  for (int i = 0; i < n; ++i) s += i == 0 ? R"({"role":"declarant"})" : R"(,{"role":"child","age":3})";
  return s + "]";
}

}  // namespace

TEST_CASE("household parser reads the full example of spec section 4") {
  Parsed p = parse(kExample);
  REQUIRE(p.o.ok);
  CHECK(p.o.warnings.empty());
  CHECK(p.o.id_known);
  const Household& h = p.h;
  CHECK(h.id == "LIL-2016-00042");
  CHECK(h.as_of == Date(2016, 3, 20));
  CHECK(h.departement == Code("59"));
  CHECK(h.commune == Code("59350"));
  REQUIRE(h.members.size() == 4);
  CHECK(h.members[0].role == Role::declarant);
  CHECK(h.members[0].birth_date == Date(1975, 4, 2));
  CHECK_FALSE(h.members[0].age.has_value());
  CHECK(h.members[1].role == Role::spouse);
  CHECK(h.members[1].age == 40);
  CHECK_FALSE(h.members[1].birth_date.has_value());
  CHECK(h.members[2].role == Role::child);
  CHECK(h.members[2].birth_date == Date(2010, 6, 1));
  CHECK(h.members[2].alternating_custody);
  CHECK_FALSE(h.members[2].other_tax_household);
  CHECK(h.members[3].role == Role::other);
  CHECK(h.members[3].age == 23);
  CHECK(h.members[3].other_tax_household);
  CHECK(h.rfr == Money::euros(14000));
  CHECK(h.rfr_year == 2014);
  CHECK(h.holder_rfr == Money::euros(12000));
  REQUIRE(h.tax_parts.has_value());
  CHECK(*h.tax_parts == Number{5, 2});
  CHECK(h.monthly_resources == Money::euros(1250));
  CHECK(h.benefits == 0x3Fu);
  CHECK(h.has(Benefit::rsa));
  CHECK(h.tenure == Tenure::tenant_social);
  CHECK(h.energy_label == EnergyLabel::F);
  CHECK(h.main_residence == true);
  REQUIRE(h.has_electricity);
  CHECK(h.electricity.supplier == Code("edf"));
  CHECK(h.electricity.subscribed_kva == 6);
  CHECK(h.electricity.smart_meter == true);
  CHECK(h.electricity.annual_bill == Money::euros(780));
  CHECK(h.electricity.monthly_instalment == Money::euros(65));
  REQUIRE(h.has_gas);
  CHECK(h.gas.supplier == Code("ENGIE"));
  CHECK(h.gas.annual_kwh == 9000);
  CHECK(h.gas.individual_contract == true);
  CHECK(h.gas.collective_heating == false);
  CHECK_FALSE(h.gas.annual_bill.has_value());
  CHECK_FALSE(h.gas.monthly_instalment.has_value());
  CHECK(h.main_heating == Heating::electricity);
  REQUIRE(h.has_debt);
  CHECK(h.debt.amount == Money::from_cents(84237));
  CHECK(h.debt.energy == EnergyKind::electricity);
  CHECK(h.debt.supplier == Code("EDF"));
  CHECK(h.debt.signalled_on == Date(2016, 3, 14));
  CHECK(h.debt.cut_notice_on == Date(2016, 4, 10));
  CHECK_FALSE(h.debt.signed_on.has_value());
  CHECK(h.debt.supply_state == SupplyState::normal);
  CHECK_FALSE(h.debt.disputed.has_value());
  REQUIRE(h.debt.deductions.size() == 1);
  CHECK(h.debt.deductions[0].kind == DeductionKind::fsl_grant);
  CHECK(h.debt.deductions[0].amount == Money::euros(300));
  REQUIRE(h.aids.size() == 1);
  CHECK(h.aids[0].kind == AidKind::fsl_energy);
  CHECK(h.aids[0].on == Date(2015, 6, 1));
  CHECK(h.aids[0].amount == Money::euros(300));
  CHECK(h.cheque_received == false);
  CHECK(h.cheque_attestation_sent == false);
  CHECK(h.referent == Referent::rsa);
  REQUIRE(h.contact_attempts.size() == 1);
  CHECK(h.contact_attempts[0].on == Date(2016, 3, 25));
  CHECK(h.contact_attempts[0].mode == ContactMode::visit);
  CHECK(h.contact_attempts[0].outcome == ContactOutcome::absent);
  REQUIRE(h.has_plan);
  CHECK(h.plan.kind == PlanKind::cme);
  CHECK(h.plan.signed_on == Date(2015, 10, 1));
  CHECK(h.plan.principal == Money::euros(500));
  CHECK(h.plan.months == 10);
  REQUIRE(h.plan.payments.size() == 1);
  CHECK(h.plan.payments[0].on == Date(2015, 11, 1));
  CHECK(h.plan.payments[0].amount == Money::euros(50));
  CHECK_FALSE(h.objection);
}

TEST_CASE("household parser reads the remaining fields and value forms") {
  Parsed p = parse(with(R"("debt":{"signed_on":"2016-05-01","disputed":true,"amount":842.37,
      "supply_state":"limited_1kva","energy":"gas","deductions":[{"kind":"cheque_energie","amount":12}]},
      "energy":{"electricity":{},"main_heating":"wood_pellets"},"consent":{"objection":true},
      "income":{"tax_parts":1,"rfr":"0","monthly_resources":0.5},
      "repayment_plan":{"kind":"supplier_plan","signed_on":"2016-01-31","principal":"1000000000","months":120},
      "aids":[{"kind":"other"}],"housing":{"energy_label":"A","tenure":"social_residence"})"));
  REQUIRE(p.o.ok);
  const Household& h = p.h;
  CHECK(h.debt.signed_on == Date(2016, 5, 1));
  CHECK(h.debt.disputed == true);
  CHECK(h.debt.amount == Money::from_cents(84237));
  CHECK(h.debt.supply_state == SupplyState::limited_1kva);
  CHECK(h.debt.energy == EnergyKind::gas);
  CHECK(h.debt.deductions.at(0).kind == DeductionKind::cheque_energie);
  CHECK(h.debt.deductions.at(0).amount == Money::euros(12));
  CHECK(h.has_electricity);
  CHECK(h.electricity.supplier.empty());
  CHECK_FALSE(h.has_gas);
  CHECK(h.main_heating == Heating::wood_pellets);
  CHECK(h.objection);
  CHECK(*h.tax_parts == Number::integer(1));
  CHECK(h.rfr == Money::from_cents(0));
  CHECK(h.monthly_resources == Money::from_cents(50));
  CHECK(h.plan.kind == PlanKind::supplier_plan);
  CHECK(h.plan.principal == Money::euros(1'000'000'000));
  CHECK(h.plan.months == 120);
  CHECK(h.plan.payments.empty());
  CHECK(h.aids.at(0).kind == AidKind::other);
  CHECK_FALSE(h.aids.at(0).on.has_value());
  CHECK_FALSE(h.aids.at(0).amount.has_value());
  CHECK(h.energy_label == EnergyLabel::A);
  CHECK(h.tenure == Tenure::social_residence);
  CHECK(h.members.at(0).role == Role::declarant);

  Parsed q = parse(R"({"members":[{"role":"declarant"}],"income":{"tax_parts":0.25},"id":42})");
  REQUIRE(q.o.ok);
  CHECK(q.h.id == "42");
  CHECK(*q.h.tax_parts == Number{1, 4});
  CHECK(parse(R"({"id":18446744073709551615,"members":[{"role":"child"}]})").h.id ==
        "18446744073709551615");
  CHECK(parse(with(R"("income":{"tax_parts":49.750}})")).o.ok == false);  // brace typo: trailing
  CHECK(*parse(with(R"("income":{"tax_parts":49.750})")).h.tax_parts == Number{199, 4});
  CHECK(*parse(with(R"("income":{"tax_parts":50})")).h.tax_parts == Number::integer(50));
}

TEST_CASE("household parser treats null as unknown") {
  Parsed p = parse(with(R"("as_of":null,"territory":null,"income":{"rfr":null,"tax_parts":null},
      "debt":null,"energy":{"electricity":null,"main_heating":null},"benefits":null,"aids":null,
      "consent":{"objection":null})", R"([{"role":"child","age":null,"birth_date":null,"alternating_custody":null}])"));
  REQUIRE(p.o.ok);
  CHECK_FALSE(p.h.as_of.has_value());
  CHECK_FALSE(p.h.rfr.has_value());
  CHECK_FALSE(p.h.has_debt);
  CHECK_FALSE(p.h.has_electricity);
  CHECK_FALSE(p.h.main_heating.has_value());
  CHECK_FALSE(p.h.objection);
  CHECK(p.h.benefits == 0);
  CHECK_FALSE(p.h.members.at(0).age.has_value());
  // A required field given as null is missing.
  check_error({R"({"id":null,"members":[{"role":"declarant"}]})", "missing_field", "/id"});
  check_error({R"({"id":"x","members":null})", "missing_field", "/members"});
  check_error({with("", R"([{"role":null}])"), "missing_field", "/members/0/role"});
}

TEST_CASE("household parser warns about unknown keys and keeps going") {
  Parsed p = parse(with(R"("comment":{"free":[1,2,{"deep":null}],"x":"y"},
      "territory":{"departement":"59","region":"HdF"},"a/b~c":1)",
      R"([{"role":"declarant","nickname":"x"}])"));
  REQUIRE(p.o.ok);
  REQUIRE(p.o.warnings.size() == 4);
  CHECK(p.o.warnings[0].code == "unknown_key");
  CHECK(p.o.warnings[0].path == "/members/0/nickname");
  CHECK(p.o.warnings[0].message == "unknown key ignored");
  CHECK(p.o.warnings[1].path == "/comment");
  CHECK(p.o.warnings[2].path == "/territory/region");
  CHECK(p.o.warnings[3].path == "/a~1b~0c");
  CHECK(p.h.departement == Code("59"));
  // Keys are case-sensitive: "ID" is unknown, so the id is missing.
  check_error({R"({"ID":"x","members":[{"role":"declarant"}]})", "missing_field", "/id"});
  // The skipped value must still be valid JSON.
  check_error({with(R"("comment":[1,2,)")+"]", "invalid_json", "/comment/2"});
}

TEST_CASE("household parser rejects bad syntax, utf8 and shape with the exact path") {
  const BadCase cases[] = {
      {R"({"id":"x","members":[{"role":"declarant"}],})", "invalid_json", ""},
      {R"({"id":"x","members":[{"role":"declarant",}]})", "invalid_json", "/members/0"},
      {R"({"id":"x","members":[{"role":"declarant"}],"as_of":2016-03-20})", "wrong_type", "/as_of"},
      {R"({"id":"x","members":[{"role":"declarant"}],"as_of":"2016-03-20})", "invalid_json", "/as_of"},
      {R"({"id":"x" "members":[]})", "invalid_json", "/id"},
      {"", "invalid_json", ""},
      {with("") + " x", "trailing_text", ""},
      {with("") + "\n{}", "trailing_text", ""},
      {"[" + with("") + "]", "not_an_object", ""},
      {"\"household\"", "not_an_object", ""},
      {"null", "not_an_object", ""},
      {with(R"("territory":{"commune":")" "\xC3\x28" R"("})"), "invalid_utf8", "/territory/commune"},
      {with(R"("debt":{"supplier":")" "\xC0\xAF" R"("})"), "invalid_utf8", "/debt/supplier"},
      {R"({"id":"\uD800","members":[{"role":"declarant"}]})", "invalid_utf8", "/id"},
      {with(R"("x)" "\xFF" R"(":1)"), "invalid_utf8", ""},
      {R"({"id":"a","id":"b","members":[{"role":"declarant"}]})", "duplicate_key", "/id"},
      {R"({"id":"a","\u0069d":"b","members":[]})", "duplicate_key", "/id"},
      {with("", R"([{"role":"child","age":3,"age":4}])"), "duplicate_key", "/members/0/age"},
      {with(R"("debt":{"deductions":[{"kind":"ccas_aid","amount":"1","kind":"ccas_aid"}]})"),
       "duplicate_key", "/debt/deductions/0/kind"},
      {with(R"("note":1,"note":2)"), "duplicate_key", "/note"},
      {with(R"("note":{"a":1,"a":1})"), "duplicate_key", "/note/a"},
      {with(R"("consent":{"objection":false},"consent":{"objection":true})"), "duplicate_key", "/consent"},
      {R"({"id":"x","members":{"role":"declarant"}})", "wrong_type", "/members"},
      {with("", R"([{"role":"declarant","age":"40"}])"), "wrong_type", "/members/0/age"},
      {with("", R"([{"role":"declarant","age":40.5}])"), "wrong_type", "/members/0/age"},
      {with("", R"([{"role":"declarant","age":4e1}])"), "wrong_type", "/members/0/age"},
      {with("", R"([{"role":"declarant"},"spouse"])"), "wrong_type", "/members/1"},
      {with("", R"([{"role":"declarant"},null])"), "wrong_type", "/members/1"},
      {with("", R"([{"role":"declarant","alternating_custody":"yes"}])"), "wrong_type",
       "/members/0/alternating_custody"},
      {with("", R"([{"role":1}])"), "wrong_type", "/members/0/role"},
      {with(R"("territory":"59")"), "wrong_type", "/territory"},
      {with(R"("territory":{"departement":59})"), "wrong_type", "/territory/departement"},
      {with(R"("benefits":"rsa")"), "wrong_type", "/benefits"},
      {with(R"("income":{"rfr":true})"), "wrong_type", "/income/rfr"},
      {with(R"("income":{"tax_parts":"2.5"})"), "wrong_type", "/income/tax_parts"},
      {with(R"("as_of":20160320)"), "wrong_type", "/as_of"},
      {R"({"id":["x"],"members":[]})", "wrong_type", "/id"},
      {R"({"id":1.5,"members":[]})", "wrong_type", "/id"},
      {R"({"members":[{"role":"declarant"}]})", "missing_field", "/id"},
      {R"({"id":"x"})", "missing_field", "/members"},
      {with("", R"([{"role":"declarant"},{"age":3}])"), "missing_field", "/members/1/role"},
      {with(R"("debt":{"deductions":[{"kind":"fsl_grant"}]})"), "missing_field",
       "/debt/deductions/0/amount"},
      {with(R"("debt":{"deductions":[{"amount":"3"}]})"), "missing_field", "/debt/deductions/0/kind"},
      {with(R"("aids":[{"amount":"3"}])"), "missing_field", "/aids/0/kind"},
      {with(R"("contact_attempts":[{"on":"2016-01-01","mode":"phone"}])"), "missing_field",
       "/contact_attempts/0/outcome"},
      {with(R"("contact_attempts":[{"mode":"phone","outcome":"reached"}])"), "missing_field",
       "/contact_attempts/0/on"},
      {with(R"("repayment_plan":{"signed_on":"2016-01-01","principal":"5"})"), "missing_field",
       "/repayment_plan/months"},
      {with(R"("repayment_plan":{"signed_on":"2016-01-01","principal":"5","months":2,"payments":[{"amount":"1"}]})"),
       "missing_field", "/repayment_plan/payments/0/on"},
      {R"({"id":"x","members":[{"role":"other"}],"members":[]})", "duplicate_key", "/members"},
      {R"({"id":"x","members":[]})", "empty_members", "/members"},
  };
  for (const BadCase& c : cases) check_error(c);
}

TEST_CASE("household parser rejects bad values with the exact path") {
  const BadCase cases[] = {
      {with("", R"([{"role":"Declarant"}])"), "invalid_value", "/members/0/role"},
      {with(R"("benefits":["rsa","RSA"])"), "invalid_value", "/benefits/1"},
      {with(R"("housing":{"energy_label":"H"})"), "invalid_value", "/housing/energy_label"},
      {with(R"("housing":{"tenure":"renter"})"), "invalid_value", "/housing/tenure"},
      {with(R"("energy":{"main_heating":"coal"})"), "invalid_value", "/energy/main_heating"},
      {with(R"("debt":{"supply_state":"off"})"), "invalid_value", "/debt/supply_state"},
      {with(R"("follow_up":{"referent":"mayor"})"), "invalid_value", "/follow_up/referent"},
      {with(R"("contact_attempts":[{"on":"2016-01-01","mode":"email","outcome":"reached"}])"),
       "invalid_value", "/contact_attempts/0/mode"},
      {R"({"id":"","members":[{"role":"declarant"}]})", "invalid_value", "/id"},
      {with(R"("income":{"tax_parts":1e0})"), "invalid_value", "/income/tax_parts"},
      {with(R"("as_of":"2016-02-30")"), "invalid_date", "/as_of"},
      {with(R"("as_of":"2016-3-20")"), "invalid_date", "/as_of"},
      {with(R"("as_of":"20/03/2016")"), "invalid_date", "/as_of"},
      {with("", R"([{"role":"child","birth_date":"2015-02-29"}])"), "invalid_date",
       "/members/0/birth_date"},
      {with(R"("debt":{"amount":"12,50"})"), "invalid_money", "/debt/amount"},
      {with(R"("debt":{"amount":"")"), "invalid_money", "/debt/amount"},
      {with(R"("debt":{"amount":" 12"})"), "invalid_money", "/debt/amount"},
      {with(R"("debt":{"amount":"12."})"), "invalid_money", "/debt/amount"},
      {with(R"("debt":{"amount":"12 EUR"})"), "invalid_money", "/debt/amount"},
      {with(R"("debt":{"amount":1e3})"), "invalid_money", "/debt/amount"},
      {with(R"("debt":{"deductions":[{"kind":"ccas_aid","amount":"12.345"}]})"),
       "too_many_decimals", "/debt/deductions/0/amount"},
      {with(R"("income":{"rfr":12.345})"), "too_many_decimals", "/income/rfr"},
      {with(R"("income":{"rfr":"-1.00"})"), "out_of_range", "/income/rfr"},
      {with(R"("aids":[{"kind":"other","amount":-5}])"), "out_of_range", "/aids/0/amount"},
      {with(R"("debt":{"amount":"1000000000.01"})"), "out_of_range", "/debt/amount"},
      {with(R"("debt":{"amount":"99999999999999999999999999"})"), "out_of_range", "/debt/amount"},
      {with(R"("energy":{"electricity":{"annual_bill":1e12}})"), "invalid_money",
       "/energy/electricity/annual_bill"},
      {with("", R"([{"role":"declarant","age":131}])"), "out_of_range", "/members/0/age"},
      {with("", R"([{"role":"declarant","age":-1}])"), "out_of_range", "/members/0/age"},
      {with("", R"([{"role":"declarant","age":18446744073709551616}])"), "out_of_range",
       "/members/0/age"},
      {with("", R"([{"role":"declarant","age":-99999999999999999999999}])"), "out_of_range",
       "/members/0/age"},
      {with(R"("energy":{"electricity":{"subscribed_kva":0}})"), "out_of_range",
       "/energy/electricity/subscribed_kva"},
      {with(R"("energy":{"electricity":{"subscribed_kva":37}})"), "out_of_range",
       "/energy/electricity/subscribed_kva"},
      {with(R"("energy":{"gas":{"annual_kwh":10000001}})"), "out_of_range", "/energy/gas/annual_kwh"},
      {with(R"("energy":{"gas":{"annual_kwh":-1}})"), "out_of_range", "/energy/gas/annual_kwh"},
      {with(R"("income":{"tax_parts":0})"), "out_of_range", "/income/tax_parts"},
      {with(R"("income":{"tax_parts":50.25})"), "out_of_range", "/income/tax_parts"},
      {with(R"("income":{"tax_parts":2.3})"), "out_of_range", "/income/tax_parts"},
      {with(R"("income":{"tax_parts":-1})"), "out_of_range", "/income/tax_parts"},
      {with(R"("income":{"tax_parts":123456789012345678901234567890})"), "out_of_range",
       "/income/tax_parts"},
      {with(R"("income":{"rfr_year":1899})"), "out_of_range", "/income/rfr_year"},
      {with(R"("income":{"rfr_year":2200})"), "out_of_range", "/income/rfr_year"},
      {with(R"("repayment_plan":{"signed_on":"2016-01-01","principal":"5","months":0})"),
       "out_of_range", "/repayment_plan/months"},
      {with(R"("repayment_plan":{"signed_on":"2016-01-01","principal":"5","months":121})"),
       "out_of_range", "/repayment_plan/months"},
      {R"({"id":-1,"members":[]})", "out_of_range", "/id"},
      {R"({"id":18446744073709551616,"members":[]})", "out_of_range", "/id"},
      {R"({"id":")" + std::string(257, 'x') + R"(","members":[]})", "out_of_range", "/id"},
  };
  for (const BadCase& c : cases) check_error(c);
  CHECK(parse(with(R"("debt":{"amount":"1000000000.00"})")).o.ok);
  CHECK(parse(R"({"id":")" + std::string(256, 'x') + R"(","members":[{"role":"other"}]})").o.ok);
}

TEST_CASE("household parser messages never quote the offending value") {
  const std::string secret = "SECRET-VALUE";
  const std::string docs[] = {
      with(R"("as_of":")" + secret + R"(")"),
      with("", R"([{"role":")" + secret + R"("}])"),
      with(R"("debt":{"amount":")" + secret + R"("}})"),
      with(R"("territory":{"departement":")" + secret + R"("}})") + secret,
  };
  for (const std::string& d : docs) {
    Parsed p = parse(d);
    CAPTURE(p.o.error.message);
    CHECK_FALSE(p.o.ok);
    CHECK(p.o.error.message.find(secret) == std::string::npos);
    CHECK(p.o.error.path.find(secret) == std::string::npos);
  }
  Parsed p = parse(with("", R"([{"role":"boss"}])"));
  CHECK(p.o.error.message.find("declarant, spouse, child, other") != std::string::npos);
}

TEST_CASE("household parser enforces the documented limits") {
  SUBCASE("100 members accepted, 101 rejected") {
    CHECK(parse(with("", members_json(100))).o.ok);
    check_error({with("", members_json(101)), "too_many_members", "/members"});
  }
  SUBCASE("10,000 members rejected at the first one over the limit") {
    Parsed p = parse(with("", members_json(10000)));
    CHECK(p.o.error.code == "too_many_members");
    CHECK(p.h.members.size() == 100);
  }
  SUBCASE("lists other than members") {
    ParseLimits l;
    l.max_list_items = 2;
    std::string aids = R"("aids":[{"kind":"other"},{"kind":"other"}])";
    CHECK(parse(with(aids), l).o.ok);
    check_error({with(R"("aids":[{"kind":"other"},{"kind":"other"},{"kind":"other"}])"),
                 "too_many_items", "/aids"}, l);
    check_error({with(R"("benefits":["rsa","aah","acs"])"), "too_many_items", "/benefits"}, l);
  }
  SUBCASE("depth 32 accepted in an unknown key, 33 rejected") {
    auto deep = [](int arrays) {
      return with(R"("extra":)" + std::string(static_cast<std::size_t>(arrays), '[') +
                  std::string(static_cast<std::size_t>(arrays), ']'));
    };
    Parsed ok = parse(deep(31));  // the household object is level 1
    CHECK(ok.o.ok);
    CHECK(ok.o.warnings.size() == 1);
    Parsed bad = parse(deep(32));
    CHECK(bad.o.error.code == "too_deep");
    std::string path = "/extra";
    for (int i = 0; i < 31; ++i) path += "/0";
    CHECK(bad.o.error.path == path);
    ParseLimits l;
    l.max_depth = 2;
    check_error({with(""), "too_deep", "/members/0"}, l);
  }
  SUBCASE("line too long") {
    ParseLimits l;
    l.max_bytes = 50;
    const std::string s = with("");
    REQUIRE(s.size() <= 50);
    CHECK(parse(s, l).o.ok);
    check_error({with(R"("note":"a long enough comment")"), "line_too_long", ""}, l);
    check_error({std::string((std::size_t{1} << 20) + 1, ' '), "line_too_long", ""});
  }
}

TEST_CASE("household parser keeps the id when an error comes after it") {
  Parsed p = parse(R"({"id":"LIL-7","as_of":"2016-02-30","members":[{"role":"declarant"}]})");
  CHECK(p.o.error.code == "invalid_date");
  CHECK(p.o.id_known);
  CHECK(p.h.id == "LIL-7");
  Parsed q = parse(R"({"id":77,"members":[{"role":"declarant","age":131}]})");
  CHECK(q.o.id_known);
  CHECK(q.h.id == "77");
  Parsed r = parse(R"({"as_of":"2016-02-30","id":"LIL-7","members":[]})");
  CHECK_FALSE(r.o.id_known);
  CHECK(r.h.id.empty());
  Parsed s = parse(R"({"id":"","members":[]})");
  CHECK_FALSE(s.o.id_known);
}

TEST_CASE("household parser reuses a household without stale facts") {
  Household h;
  ParseOutcome o;
  REQUIRE(parse_household(kExample, h, o));
  REQUIRE(parse_household(R"({"id":"B","members":[{"role":"child","age":3}],"x":1})", h, o));
  CHECK(h.id == "B");
  REQUIRE(h.members.size() == 1);
  CHECK(h.members[0].role == Role::child);
  CHECK(h.members[0].age == 3);
  CHECK_FALSE(h.members[0].birth_date.has_value());
  CHECK_FALSE(h.as_of.has_value());
  CHECK(h.departement.empty());
  CHECK_FALSE(h.rfr.has_value());
  CHECK_FALSE(h.tax_parts.has_value());
  CHECK(h.benefits == 0);
  CHECK_FALSE(h.tenure.has_value());
  CHECK_FALSE(h.has_electricity);
  CHECK_FALSE(h.has_gas);
  CHECK_FALSE(h.has_debt);
  CHECK(h.debt.deductions.empty());
  CHECK(h.aids.empty());
  CHECK(h.contact_attempts.empty());
  CHECK_FALSE(h.has_plan);
  CHECK(h.plan.payments.empty());
  CHECK_FALSE(h.referent.has_value());
  CHECK(o.warnings.size() == 1);
  // An error, then a good household: the outcome is reset too.
  CHECK_FALSE(parse_household(R"({"id":"C"})", h, o));
  CHECK(o.error.code == "missing_field");
  REQUIRE(parse_household(kExample, h, o));
  CHECK(o.error.code.empty());
  CHECK(o.warnings.empty());
  CHECK(h.members.size() == 4);
}

TEST_CASE("household parser survives many parses of the example") {
  Household h;
  ParseOutcome o;
  int ok = 0;
  for (int i = 0; i < 2000; ++i) ok += parse_household(kExample, h, o) ? 1 : 0;
  CHECK(ok == 2000);
}

namespace {
/// The list items a fast path may read whole, field by field.
void check_same_lists(const Household& a, const Household& b) {
  REQUIRE(a.members.size() == b.members.size());
  for (std::size_t i = 0; i < a.members.size(); ++i) {
    CAPTURE(i);
    CHECK(a.members[i].role == b.members[i].role);
    CHECK(a.members[i].birth_date == b.members[i].birth_date);
    CHECK(a.members[i].age == b.members[i].age);
    CHECK(a.members[i].alternating_custody == b.members[i].alternating_custody);
    CHECK(a.members[i].other_tax_household == b.members[i].other_tax_household);
  }
  REQUIRE(a.contact_attempts.size() == b.contact_attempts.size());
  for (std::size_t i = 0; i < a.contact_attempts.size(); ++i) {
    CAPTURE(i);
    CHECK(a.contact_attempts[i].on == b.contact_attempts[i].on);
    CHECK(a.contact_attempts[i].mode == b.contact_attempts[i].mode);
    CHECK(a.contact_attempts[i].outcome == b.contact_attempts[i].outcome);
  }
  REQUIRE(a.plan.payments.size() == b.plan.payments.size());
  for (std::size_t i = 0; i < a.plan.payments.size(); ++i) {
    CAPTURE(i);
    CHECK(a.plan.payments[i].on == b.plan.payments[i].on);
    CHECK(a.plan.payments[i].amount == b.plan.payments[i].amount);
  }
}

/// The same JSON with a space after every '{' and ',': no object is spelled compactly.
std::string spaced(const std::string& json) {
  std::string s;
  for (char c : json) {
    s += c;
    if (c == '{' || c == ',') s += ' ';
  }
  return s;
}
}  // namespace

TEST_CASE("household parser reads compact list items as it reads them spelled otherwise") {
  // Compact members, contacts and payments are read whole by fast paths; spaced ones, and
  // compact ones of another shape, go through the general reader. Both must agree.
  const std::string members =
      R"([{"role":"declarant","birth_date":"1975-04-02"},{"role":"spouse"},{"role":"child","age":7},)"
      R"({"role":"other","birth_date":"2001-02-28","other_tax_household":true},{"birth_date":"2010-06-01","role":"child"},)"
      R"({"role":"child","birth_date":"2012-12-31","alternating_custody":true}])";
  const std::string rest =
      R"("contact_attempts":[{"on":"2016-03-25","mode":"visit","outcome":"absent"},)"
      R"({"on":"2016-04-01","mode":"phone","outcome":"declined_conversation"},)"
      R"({"mode":"letter","on":"2016-04-02","outcome":"no_reply"},{"on":"2016-04-03","mode":"letter","outcome":"reached"}],)"
      R"("repayment_plan":{"kind":"cme","signed_on":"2015-10-01","principal":"500.00","months":10,)"
      R"("payments":[{"on":"2015-11-01","amount":"50.00"},{"on":"2015-12-01","amount":"50.5"},)"
      R"({"on":"2016-01-01","amount":"7"},{"amount":"1.25","on":"2016-02-01"},{"on":"2016-03-01","amount":12.5}]})";
  const std::string compact = with(rest, members);
  Parsed a = parse(compact);
  Parsed b = parse(spaced(compact));
  REQUIRE(a.o.ok);
  REQUIRE(b.o.ok);
  check_same_lists(a.h, b.h);
  CHECK(a.h.members.size() == 6);
  CHECK(a.h.members[1].role == Role::spouse);
  CHECK(a.h.members[3].role == Role::other);
  CHECK(a.h.contact_attempts[1].outcome == ContactOutcome::declined_conversation);
  CHECK(a.h.plan.payments[1].amount == Money::from_cents(5050));
  CHECK(a.h.plan.payments[2].amount == Money::from_cents(700));

  // Errors inside compact items: the general reader reports them, with their paths.
  check_error({with(R"("repayment_plan":{"signed_on":"2015-10-01","principal":"9.00","months":2,)"
                    R"("payments":[{"on":"2015-11-01","amount":"1.00"},{"on":"2015-11-31","amount":"1.00"}]})"),
               "invalid_date", "/repayment_plan/payments/1/on"});
  check_error({with(R"("contact_attempts":[{"on":"2016-03-25","mode":"fax","outcome":"absent"}])"),
               "invalid_value", "/contact_attempts/0/mode"});
  check_error({with(R"("contact_attempts":[{"on":"2016-03-25","mode":"visit","outcome":"absent","on":"2016-03-26"}])"),
               "duplicate_key", "/contact_attempts/0/on"});
  check_error({with("", R"([{"role":"declarant","birth_date":"1975-02-29"}])"), "invalid_date",
               "/members/0/birth_date"});
  check_error({with("", R"([{"role":"declarant"},{"role":"king"}])"), "invalid_value", "/members/1/role"});
  // The depth limit holds for items read whole (level 3 here: household, list, item).
  ParseLimits shallow;
  shallow.max_depth = 2;
  const std::string padded = R"("consent":{"objection":false},"follow_up":{"referent":"none"})";
  check_error({with(padded, R"([{"role":"declarant","birth_date":"1975-04-02"}])"), "too_deep", "/members/0"}, shallow);
  shallow.max_depth = 3;  // household, plan, payments, payment: level 4
  check_error({with(R"("repayment_plan":{"signed_on":"2015-10-01","principal":"9.00","months":2,)"
                    R"("payments":[{"on":"2015-11-01","amount":"1.00"}]},)" + padded),
               "too_deep", "/repayment_plan/payments/0"}, shallow);
  Parsed extra = parse(with("", R"([{"role":"declarant","birth_date":"1975-04-02","hobby":"chess"}])"));
  CHECK(extra.o.ok);
  CHECK(extra.o.warnings.size() == 1);
}
