// Unit tests of debt schedules: exact sums, rounding, minimum instalment, due dates, plan status.
// SPDX-License-Identifier: Apache-2.0
#include <doctest/doctest.h>

#include <cstdint>

#include "solen/schedule.hpp"
#include "test_support.hpp"

using solen::Date;
using solen::Money;
using solen::SchedulePolicy;

TEST_CASE("schedule: ten instalments, half-up, the last absorbs the difference") {
  auto s = solen::make_schedule(*Money::parse("542.37"), *Date::parse("2016-03-20"), SchedulePolicy{10, false, {}});
  CHECK(s.months == 10);
  CHECK(s.regular.to_string() == "54.24");
  CHECK(s.last.to_string() == "54.21");
  CHECK(s.due(1).to_string() == "2016-04-20");
  CHECK(s.due(10).to_string() == "2017-01-20");
  auto w = solen::make_schedule(*Money::parse("542.37"), *Date::parse("2016-03-20"), SchedulePolicy{10, true, {}});
  CHECK(w.regular.to_string() == "54.00");
  CHECK(w.last.to_string() == "56.37");
}

TEST_CASE("schedule property: the instalments always add up to the principal exactly") {
  std::uint64_t x = 42;
  for (int i = 0; i < 20000; ++i) {
    x = x * 6364136223846793005ull + 1442695040888963407ull;
    std::int64_t cents = static_cast<std::int64_t>((x >> 20) % 500000) + 1;
    int months = static_cast<int>((x >> 8) % 24) + 1;
    bool euros = (x >> 3) & 1;
    std::optional<Money> min;
    if ((x >> 5) % 3 == 0) min = Money::from_cents(static_cast<std::int64_t>((x >> 40) % 5000) + 1);
    auto s = solen::make_schedule(Money::from_cents(cents), *Date::parse("2020-01-31"), SchedulePolicy{months, euros, min});
    std::int64_t sum = 0;
    for (int n = 1; n <= s.months; ++n) {
      REQUIRE(s.amount(n).cents() > 0);
      sum += s.amount(n).cents();
    }
    REQUIRE(sum == cents);
    REQUIRE(s.months <= months);
    if (euros && s.months > 1) REQUIRE(s.regular.cents() % 100 == 0);
  }
}

TEST_CASE("schedule: tiny debts shorten the plan instead of zero instalments") {
  auto s = solen::make_schedule(Money::from_cents(5), *Date::parse("2020-01-01"), SchedulePolicy{10, false, {}});
  CHECK(s.months == 5);
  CHECK(s.last.cents() == 1);
  auto m = solen::make_schedule(*Money::parse("100.00"), *Date::parse("2020-01-01"), SchedulePolicy{10, false, Money::euros(30)});
  CHECK(m.months == 3);
  CHECK(m.regular.to_string() == "33.33");
  CHECK(m.last.to_string() == "33.34");
  auto one = solen::make_schedule(*Money::parse("20.00"), *Date::parse("2020-01-01"), SchedulePolicy{10, false, Money::euros(30)});
  CHECK(one.months == 1);
  CHECK(one.last.to_string() == "20.00");
}

TEST_CASE("schedule: due dates keep the anchor day and clamp to month ends, leap years included") {
  auto s = solen::make_schedule(*Money::parse("300.00"), *Date::parse("2023-12-31"), SchedulePolicy{4, false, {}});
  CHECK(s.due(1).to_string() == "2024-01-31");
  CHECK(s.due(2).to_string() == "2024-02-29");
  CHECK(s.due(3).to_string() == "2024-03-31");
  CHECK(s.due(4).to_string() == "2024-04-30");
  auto t = solen::make_schedule(*Money::parse("300.00"), *Date::parse("2022-12-31"), SchedulePolicy{3, false, {}});
  CHECK(t.due(2).to_string() == "2023-02-28");
  auto u = solen::make_schedule(*Money::parse("300.00"), *Date::parse("2024-02-29"), SchedulePolicy{12, false, {}});
  CHECK(u.due(12).to_string() == "2025-02-28");
  CHECK(u.due(1).to_string() == "2024-03-29");
}

namespace {
solen::RepaymentPlan plan(std::initializer_list<std::pair<const char*, const char*>> payments) {
  solen::RepaymentPlan p;
  p.signed_on = *Date::parse("2015-10-01");
  p.principal = *Money::parse("500.00");
  p.months = 10;
  for (auto [on, amount] : payments) p.payments.push_back({*Date::parse(on), *Money::parse(amount)});
  return p;
}
}  // namespace

TEST_CASE("existing plan: on track, late, lapsed, completed") {
  SchedulePolicy pol{10, false, {}};
  auto on = solen::assess_plan(plan({{"2015-11-01", "50.00"}, {"2015-12-01", "50.00"}}), *Date::parse("2015-12-15"), pol, 2, 0);
  CHECK(on.status == solen::PlanStatus::on_track);
  CHECK(on.due_count == 2);
  CHECK(on.remaining.to_string() == "400.00");
  auto late = solen::assess_plan(plan({{"2015-11-01", "50.00"}}), *Date::parse("2015-12-15"), pol, 2, 0);
  CHECK(late.status == solen::PlanStatus::late);
  CHECK(late.missed == 1);
  auto lapsed = solen::assess_plan(plan({{"2015-11-01", "50.00"}}), *Date::parse("2016-01-15"), pol, 2, 0);
  CHECK(lapsed.status == solen::PlanStatus::lapsed);
  CHECK(lapsed.missed == 2);
  auto due_today = solen::assess_plan(plan({{"2015-11-01", "50.00"}}), *Date::parse("2015-12-01"), pol, 2, 0);
  CHECK(due_today.status == solen::PlanStatus::on_track);  // due today is not missed yet
  auto done = solen::assess_plan(plan({{"2015-11-01", "500.00"}}), *Date::parse("2015-11-15"), pol, 2, 0);
  CHECK(done.status == solen::PlanStatus::completed);
  CHECK(done.remaining.cents() == 0);
  auto future = solen::assess_plan(plan({{"2016-05-01", "500.00"}}), *Date::parse("2015-11-15"), pol, 2, 0);
  CHECK(future.paid.cents() == 0);  // payments after the evaluation date do not count
}

TEST_CASE("schedule in decisions: deductions, kind, null when nothing is owed, reschedule") {
  using test::json;
  json h = {{"id", "S1"}, {"as_of", "2016-03-20"}, {"members", json::array({{{"role", "declarant"}, {"age", 40}}})},
            {"debt", {{"amount", "842.37"}, {"supplier", "EDF"}, {"deductions", json::array({{{"kind", "fsl_grant"}, {"amount", "300.00"}}})}}}};
  json d = test::decide(h);
  CHECK(d["schedule"]["kind"] == "cme");
  CHECK(d["schedule"]["principal"] == "542.37");
  CHECK(d["schedule"]["months"] == 10);
  CHECK(d["schedule"]["installments"][0]["due"] == "2016-04-20");
  CHECK(d["schedule"]["installments"][0]["amount"] == "54.24");
  CHECK(d["schedule"]["installments"][9]["amount"] == "54.21");
  h["debt"]["supplier"] = "ENGIE";
  d = test::decide(h);
  CHECK(d["schedule"]["kind"] == "supplier_plan");
  CHECK(d["schedule"]["months"] == 6);
  h["debt"]["deductions"] = json::array({{{"kind", "supplier_writeoff"}, {"amount", "900.00"}}});
  CHECK(test::decide(h)["schedule"].is_null());
  h.erase("debt");
  CHECK(test::decide(h)["schedule"].is_null());
  json p = {{"id", "S2"}, {"as_of", "2016-01-15"}, {"members", json::array({{{"role", "declarant"}, {"age", 40}}})},
            {"repayment_plan", {{"kind", "cme"}, {"signed_on", "2015-10-01"}, {"principal", "500.00"}, {"months", 10},
                                {"payments", json::array({{{"on", "2015-11-01"}, {"amount", "50.00"}}})}}}};
  json dp = test::decide(p);
  CHECK(dp["repayment_plan"]["status"] == "lapsed");
  CHECK(dp["repayment_plan"]["remaining"] == "450.00");
  CHECK(dp["repayment_plan"]["reschedule"]["months"] == 10);
  CHECK(dp["repayment_plan"]["reschedule"]["principal"] == "450.00");
  CHECK(test::has_measure(dp, "budget_support"));
}

TEST_CASE("affordability compares the effort rate with the pack threshold exactly") {
  using test::json;
  json h = {{"id", "A1"}, {"as_of", "2019-05-01"}, {"members", json::array({{{"role", "declarant"}, {"age", 40}}})},
            {"income", {{"monthly_resources", "1000.00"}}},
            {"energy", {{"electricity", {{"supplier", "EDF"}, {"monthly_instalment", "50.00"}}}}},
            {"debt", {{"amount", "1000.00"}, {"supplier", "EDF"}}}};
  json d = test::decide(h);  // (100 + 50) / 1000 = 15 % = threshold: affordable
  CHECK(d["schedule"]["effort_rate"] == "0.1500");
  CHECK(d["schedule"]["affordable"] == true);
  CHECK(test::has_measure(d, "cme"));
  h["debt"]["amount"] = "1000.10";  // 100.01 + 50 > 150
  d = test::decide(h);
  CHECK(d["schedule"]["affordable"] == false);
  CHECK_FALSE(test::has_measure(d, "cme"));
  CHECK(test::has_measure(d, "fsl_energy"));
  h["energy"]["electricity"].erase("monthly_instalment");
  d = test::decide(h);
  CHECK(d["schedule"]["affordable"].is_null());
  CHECK(test::has_measure(d, "cme"));
}
