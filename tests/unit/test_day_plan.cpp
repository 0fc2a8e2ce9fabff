// Day plans: what a day of evaluation prepares once for every household (tables planned, social
// facts read or not, exceptional campaigns that may apply, dated parameters), kept per day and
// pack on each thread.
// SPDX-License-Identifier: Apache-2.0
#include "solen/rulepack_loader.hpp"
#include "test_support.hpp"

using namespace solen;

TEST_CASE("day plans: the social tariffs' facts are built only on days something reads them") {
  auto frame = std::make_unique<FactFrame>();
  auto on = [&](const CompiledPack& pack, Date d) {
    detail::set_date_facts(*frame, d);
    return detail::day_plan(pack, d, *frame).social_facts();
  };
  auto pack = load_rulepack(embedded_rulepack_json);
  CHECK(on(*pack, Date(2016, 6, 15)));   // TPN and TSS in force
  CHECK(on(*pack, Date(2017, 12, 31)));
  CHECK_FALSE(on(*pack, Date(2018, 1, 1)));  // replaced by the chèque énergie
  CHECK_FALSE(on(*pack, Date(2024, 6, 15)));

  // A table reached on every day (urgency) that reads the social tariffs' UC keeps them built.
  test::json p = test::default_pack();
  p["tables"]["orientation.urgency"] = {
      {"label", "t"}, {"hit_policy", "first"}, {"unknown", "no_match"},
      {"inputs", test::json::array({"social_tariffs.uc"})},
      {"outputs", test::json::array({{{"name", "urgency"}, {"type", "enum"},
                                      {"values", test::json::array({"critical", "high", "normal", "low"})}}})},
      {"rules", test::json::array({{{"id", "U-2UC"}, {"label", "u"}, {"when", test::json::array({">= 2"})}, {"then", test::json::array({"critical"})}},
                                   {{"id", "U-REST"}, {"label", "u"}, {"when", test::json::array({"-"})}, {"then", test::json::array({"low"})}}})}};
  auto custom = load_rulepack(p.dump());
  CHECK(on(*custom, Date(2024, 6, 15)));
  Engine e = Engine::from_json(p.dump());
  test::json member = {{"role", "other"}, {"age", 40}};
  test::json h = {{"id", "H"}, {"as_of", "2024-06-15"},
                  {"members", test::json::array({{{"role", "declarant"}, {"age", 40}}, member, member, member})}};
  CHECK(test::decide(h, e)["orientation"]["urgency"] == "critical");  // 1 + 0.5 + 0.3 + 0.3 UC
  h["members"] = test::json::array({{{"role", "declarant"}, {"age", 40}}});
  CHECK(test::decide(h, e)["orientation"]["urgency"] == "low");
}

TEST_CASE("day plans: only the exceptional schemes whose campaign may be on the day are evaluated") {
  auto pack = load_rulepack(embedded_rulepack_json);
  auto frame = std::make_unique<FactFrame>();
  REQUIRE(pack->exceptional.size() >= 3);
  std::size_t days_with = 0, days_without = 0;
  for (Date d(2016, 1, 1); d <= Date(2026, 12, 31); d = d.plus_days(5)) {
    detail::set_date_facts(*frame, d);
    const detail::DayPlan& plan = detail::day_plan(*pack, d, *frame);
    std::size_t next = 0;  // the plan keeps the pack's order
    for (const Scheme& s : pack->exceptional) {
      // Left out only when the in-force table, on the day alone, says "not in force" or nothing.
      const TableResult in = evaluate_table(*s.in_force, d, *frame, false);
      const bool on = in.kind == TableResult::undetermined ||
                      (in.kind == TableResult::hit && in.rule->outputs[static_cast<std::size_t>(s.in_force->role_col[0])].i != 0);
      const bool kept = next < plan.exceptional().size() && plan.exceptional()[next] == &s;
      CAPTURE(d.to_string());
      CAPTURE(s.name);
      CHECK(kept == on);
      next += kept;
    }
    CHECK(next == plan.exceptional().size());
    (plan.exceptional().empty() ? days_without : days_with) += 1;
  }
  CHECK(days_with > 30);  // the 2021 and 2022 campaigns
  CHECK(days_without > 500);
}

TEST_CASE("day plans: the dated parameters in force are those of the day") {
  auto pack = load_rulepack(embedded_rulepack_json);
  auto frame = std::make_unique<FactFrame>();
  int changes = 0;
  const detail::DayParameters* previous = nullptr;
  detail::DayParameters last;
  for (Date d(2015, 1, 1); d <= Date(2027, 12, 31); d = d.plus_days(3)) {
    detail::set_date_facts(*frame, d);
    const detail::DayPlan& plan = detail::day_plan(*pack, d, *frame);
    const detail::DayParameters& x = plan.parameters();
    CAPTURE(d.to_string());
    CHECK(plan.year() == d.year());
    CHECK(x.cheque_uc == pack->cheque_uc.at(d));
    CHECK(x.social_tariff_uc == pack->social_tariff_uc.at(d));
    CHECK(x.cheque_perimeter == pack->cheque_perimeter.at(d));
    CHECK(x.cheque_rfr_year_offset == pack->cheque_rfr_year_offset.at(d));
    CHECK(x.cme_policy == pack->cme_policy.at(d));
    CHECK(x.supplier_plan_policy == pack->supplier_plan_policy.at(d));
    CHECK(x.convention_supplier == pack->convention_supplier.at(d));
    CHECK(x.max_effort_rate == pack->max_effort_rate.at(d));
    CHECK(x.lapse_after_missed == pack->lapse_after_missed.at(d));
    CHECK(x.grace_days == pack->grace_days.at(d));
    if (previous) changes += x.cheque_uc != last.cheque_uc || x.social_tariff_uc != last.social_tariff_uc ||
                             x.cheque_perimeter != last.cheque_perimeter;
    last = x;
    previous = &last;
  }
  CHECK(changes > 0);  // the scales and perimeter change over these years: the day's are read
}

TEST_CASE("day plans: each day of a year keeps its own plan on a thread, and each pack its own") {
  auto pack = load_rulepack(embedded_rulepack_json);
  auto other = load_rulepack(embedded_rulepack_json);
  auto frame = std::make_unique<FactFrame>();
  auto plan = [&](const CompiledPack& p, Date d) -> const detail::DayPlan& {
    detail::set_date_facts(*frame, d);
    return detail::day_plan(p, d, *frame);
  };
  const Date day = *Date::parse("2024-06-15");
  const detail::DayPlan* common = &plan(*pack, day);
  CHECK(common->is_for(*pack, day));
  CHECK(&plan(*pack, day) == common);  // found again, not replanned
  // Households carrying their own dates, any day of the year around it, do not evict it...
  for (int k = -182; k <= 182; ++k) {
    if (k == 0) continue;
    const Date own = day.plus_days(k);
    const detail::DayPlan& p = plan(*pack, own);
    CHECK(&p != common);
    CHECK(p.is_for(*pack, own));
  }
  CHECK(common->is_for(*pack, day));
  CHECK(&plan(*pack, day) == common);
  // ... nor does another pack evaluated on the same day.
  const detail::DayPlan& theirs = plan(*other, day);
  CHECK(&theirs != common);
  CHECK(theirs.is_for(*other, day));
  CHECK(common->is_for(*pack, day));
  // Every table is planned with the day: its plan is the one planning it alone would give.
  for (const Table& t : pack->tables) {
    TablePlan alone;
    detail::set_date_facts(*frame, day);
    detail::plan_table(t, day, *frame, alone);
    const TablePlan& planned = common->of(t);
    CHECK(planned.version == alone.version);
    CHECK(planned.rows == alone.rows);
    CHECK(planned.lookup_base == alone.lookup_base);
    CHECK(planned.answered == alone.answered);
    CHECK(planned.answer.rule == alone.answer.rule);
  }
}
