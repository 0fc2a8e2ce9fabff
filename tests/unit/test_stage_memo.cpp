// Stage memos: the protections of a day answered once per combination of the facts their
// tables read must equal the tables' answers for every household.
// SPDX-License-Identifier: Apache-2.0
#include <algorithm>
#include <memory>
#include <random>

#include "solen/detail/evaluate_orientation.hpp"
#include "solen/detail/evaluate_protections.hpp"
#include "solen/detail/rights_memo.hpp"
#include "solen/rulepack_loader.hpp"
#include "test_support.hpp"

using namespace solen;

namespace {

/// A value of column `c` near its bounds, or unknown with some missing inputs.
void random_value(const detail::ColumnIndex& c, std::mt19937_64& rng, Value& v) {
  v = Value{};
  if (rng() % 5 == 0) {
    v.missing.bits = rng() & ((std::uint64_t{1} << static_cast<unsigned>(Input::count)) - 1);
    return;
  }
  v.known = true;
  const std::int64_t far[] = {never_before, never_after, 0, -1};
  switch (c.mode) {
    case detail::ColumnIndex::Mode::by_value:
      v.i = static_cast<std::int64_t>(rng() % c.raw_regions);
      return;
    case detail::ColumnIndex::Mode::int_cuts:
      v.i = c.int_cuts.empty() || rng() % 4 == 0 ? far[rng() % 4]
                                                 : c.int_cuts[rng() % c.int_cuts.size()] + static_cast<std::int64_t>(rng() % 3) - 1;
      return;
    default: {  // a bound, or just around it over a finer or coarser denominator
      if (c.number_cuts.empty() || rng() % 4 == 0) {
        v.n = Number{far[rng() % 4] / 1000, 1 + static_cast<std::int64_t>(rng() % 7)};
        return;
      }
      const std::int64_t at = c.number_cuts[rng() % c.number_cuts.size()].at;
      const std::int64_t k = 1 + static_cast<std::int64_t>(rng() % 3);
      v.n = Number{at * k + static_cast<std::int64_t>(rng() % 3) - 1, c.cut_scale * k};
    }
  }
}

/// Frames for the memo and for the tables: random values of the memo's columns, over what the
/// previous household left in the facts the stages set (those the memo does not read).
void random_frames(const detail::MemoPartition& part, const FactFrame& day, std::mt19937_64& rng, FactFrame& tables, FactFrame& memo) {
  tables = day;
  for (const detail::ColumnIndex& c : part.columns) random_value(c, rng, tables[c.fact]);
  for (Fact f : {Fact::winter_truce, Fact::cut_allowed, Fact::cheque_status, Fact::cheque_beneficiary, Fact::tpn_status,
                 Fact::tss_status, Fact::social_tariff_beneficiary}) {
    if (std::any_of(part.columns.begin(), part.columns.end(), [&](const detail::ColumnIndex& c) { return c.fact == f; })) continue;
    tables[f].known = rng() % 2;
    tables[f].i = 7;
    tables[f].missing.bits = rng();
  }
  memo = tables;
}

bool same_value(const Value& a, const Value& b) {
  return a.known == b.known && (a.known ? a.i == b.i : a.missing.bits == b.missing.bits);
}

}  // namespace

TEST_CASE("stage memo: the representative of every combination falls in that combination") {
  using Mode = detail::ColumnIndex::Mode;
  detail::ColumnIndex a, b, flag;  // two tables' cuts on one number, one at the same bound
  a.fact = b.fact = Fact::energy_effort_rate;
  a.value_offset = b.value_offset = static_cast<std::uint32_t>(static_cast<std::size_t>(Fact::energy_effort_rate) * sizeof(Value));
  a.mode = b.mode = Mode::number_cuts;
  a.cut_scale = 10;  // >= 0.5 and > 1.2
  a.number_cuts = {{5, 0}, {12, 1}};
  b.cut_scale = 4;  // > 0.5 and >= 3/4
  b.number_cuts = {{2, 1}, {3, 0}};
  flag.fact = Fact::main_residence;
  flag.value_offset = static_cast<std::uint32_t>(static_cast<std::size_t>(Fact::main_residence) * sizeof(Value));
  flag.mode = Mode::by_value;
  flag.raw_regions = 2;
  flag.region_map = {0, 1};
  detail::MemoPartition part;
  REQUIRE(part.add(a));
  REQUIRE(part.add(b));
  REQUIRE(part.add(flag));
  REQUIRE(part.finish(1000));
  REQUIRE(part.columns.size() == 2);
  CHECK(part.columns[0].fact == Fact::main_residence);  // by_value columns first, as lookups
  CHECK(part.columns[1].cut_scale == 20);
  CHECK(part.columns[1].number_cuts.size() == 4);  // 0.5, just above 0.5, 0.75, just above 1.2
  CHECK(part.combinations == 3 * 6);  // two values and unknown, five regions and unknown
  auto frame = std::make_unique<FactFrame>();
  for (std::size_t at = 0; at < part.combinations; ++at) {
    part.represent(at, *frame);
    CHECK(part.index(*frame) == static_cast<long>(at));
  }
  (*frame)[Fact::energy_effort_rate] = Value{true, 0, Number{1, 2}, {}, {}};
  (*frame)[Fact::main_residence] = Value{true, 1, {}, {}, {}};
  CHECK(part.index(*frame) == 1 + 3 * 1);  // 0.5 itself: the second region
  (*frame)[Fact::energy_effort_rate].n = Number{51, 100};
  CHECK(part.index(*frame) == 1 + 3 * 2);

  auto pack = load_rulepack(embedded_rulepack_json);
  const Date d(2024, 6, 15);
  detail::set_date_facts(*frame, d);
  detail::DayPlan& plan = detail::day_plan(*pack, d, *frame);
  detail::build_protections_memo(*pack, d, plan, *frame);
  detail::build_route_memo(*pack, d, plan, *frame);
  for (const detail::MemoPartition* p : {&plan.protections_memo().partition, &plan.route_memo().partition}) {
    CHECK(p->combinations > 100);
    for (std::size_t at = 0; at < p->combinations; ++at) {
      p->represent(at, *frame);
      CHECK(p->index(*frame) == static_cast<long>(at));
    }
  }
  plan.protections_memo().clear();
  plan.route_memo().clear();
}

TEST_CASE("stage memo: the protections from a day's memo are those of its tables, on every day") {
  auto pack = load_rulepack(embedded_rulepack_json);
  auto day = std::make_unique<FactFrame>();
  auto by_tables = std::make_unique<FactFrame>();
  auto by_memo = std::make_unique<FactFrame>();
  std::mt19937_64 rng(7);
  std::vector<const Rule*> rows;
  std::size_t days = 0, memoized = 0, compared = 0;
  for (Date d(2007, 1, 1); d <= Date(2026, 12, 31); d = d.plus_days(13)) {
    CAPTURE(d.to_string());
    detail::set_date_facts(*day, d);
    detail::DayPlan& plan = detail::day_plan(*pack, d, *day);
    detail::build_protections_memo(*pack, d, plan, *day);
    const detail::ProtectionsMemo& m = plan.protections_memo();
    ++days;
    if (!m.usable) continue;
    ++memoized;
    CHECK(m.outcomes.size() == m.partition.combinations);
    for (int n = 0; n < 200; ++n) {
      random_frames(m.partition, *day, rng, *by_tables, *by_memo);
      std::vector<std::pair<std::string_view, std::string_view>> notes_tables = {{"earlier", "note"}}, notes_memo = notes_tables;
      detail::StageContext tables{*pack, d, *by_tables, false, notes_tables, rows, plan, {}};
      detail::StageContext memo{*pack, d, *by_memo, false, notes_memo, rows, plan, {}};
      Protections a, b;
      detail::decide_protections(tables, a);
      REQUIRE(detail::protections_from_memo(m, memo, b));
      CHECK(a.winter_truce == b.winter_truce);
      CHECK(a.cut_allowed == b.cut_allowed);
      CHECK(a.power_reduction_allowed == b.power_reduction_allowed);
      CHECK(a.notice_days == b.notice_days);
      CHECK(a.reduced_power_min_kva == b.reduced_power_min_kva);
      CHECK(a.days_at_1kva_before_cut == b.days_at_1kva_before_cut);
      CHECK(a.rebates == b.rebates);
      CHECK(a.missing.bits == b.missing.bits);
      CHECK(same_value((*by_tables)[Fact::winter_truce], (*by_memo)[Fact::winter_truce]));
      CHECK(same_value((*by_tables)[Fact::cut_allowed], (*by_memo)[Fact::cut_allowed]));
      CHECK(notes_tables == notes_memo);
      ++compared;
    }
    plan.protections_memo().clear();  // a thread keeps max_live_stage_memos at most
  }
  CHECK(memoized == days);  // the default pack's protections are memoized on every day
  CHECK(compared > 100000);
}

TEST_CASE("stage memo: the route and urgency from a day's memo are those of its tables, on every day") {
  auto pack = load_rulepack(embedded_rulepack_json);
  auto day = std::make_unique<FactFrame>();
  auto by_tables = std::make_unique<FactFrame>();
  auto by_memo = std::make_unique<FactFrame>();
  std::mt19937_64 rng(9);
  std::vector<const Rule*> rows;
  std::vector<std::pair<std::string_view, std::string_view>> notes;
  std::size_t days = 0, memoized = 0, compared = 0;
  for (Date d(2007, 1, 1); d <= Date(2026, 12, 31); d = d.plus_days(29)) {
    CAPTURE(d.to_string());
    detail::set_date_facts(*day, d);
    detail::DayPlan& plan = detail::day_plan(*pack, d, *day);
    detail::build_route_memo(*pack, d, plan, *day);
    const detail::RouteMemo& m = plan.route_memo();
    ++days;
    if (!m.usable) continue;
    ++memoized;
    for (int n = 0; n < 300; ++n) {
      random_frames(m.partition, *day, rng, *by_tables, *by_memo);
      detail::StageContext tables{*pack, d, *by_tables, false, notes, rows, plan, {}};
      detail::StageContext memo{*pack, d, *by_memo, false, notes, rows, plan, {}};
      Orientation a, b;
      detail::decide_route(tables, a);
      REQUIRE(detail::route_from_memo(m, memo, b));
      CHECK(a.route == b.route);
      CHECK(a.urgency == b.urgency);
      CHECK(a.missing.bits == b.missing.bits);
      ++compared;
    }
    plan.route_memo().clear();
  }
  CHECK(memoized == days);
  CHECK(compared > 50000);
}

TEST_CASE("stage memo: the rights from a day's memo are those of their tables, on every day since 2018") {
  auto pack = load_rulepack(embedded_rulepack_json);
  auto day = std::make_unique<FactFrame>();
  auto by_tables = std::make_unique<FactFrame>();
  auto by_memo = std::make_unique<FactFrame>();
  auto a = std::make_unique<Decision>();
  auto b = std::make_unique<Decision>();
  std::mt19937_64 rng(5);
  std::vector<const Rule*> rows;
  std::size_t recent_days = 0, memoized = 0, compared = 0, campaigns = 0;
  for (Date d(2007, 1, 1); d <= Date(2026, 12, 31); d = d.plus_days(17)) {
    CAPTURE(d.to_string());
    detail::set_date_facts(*day, d);
    detail::DayPlan& plan = detail::day_plan(*pack, d, *day);
    detail::build_rights_memo(*pack, d, plan, *day);
    const detail::RightsMemo& m = plan.rights_memo();
    recent_days += d >= Date(2018, 1, 1);  // before, the TPN and TSS cap their amount by the bills
    if (!m.usable) continue;
    ++memoized;
    for (int n = 0; n < 100; ++n) {
      random_frames(m.partition, *day, rng, *by_tables, *by_memo);
      // The stage reads whether the chèque was received itself, not through a table.
      Value received{rng() % 3 != 0, static_cast<std::int64_t>(rng() % 2), {}, {}, {}};
      received.missing.add(Input::cheque_received);
      (*by_tables)[Fact::cheque_received] = (*by_memo)[Fact::cheque_received] = received;
      std::vector<std::pair<std::string_view, std::string_view>> notes_tables, notes_memo;
      detail::StageContext tables{*pack, d, *by_tables, false, notes_tables, rows, plan, {}};
      detail::StageContext memo{*pack, d, *by_memo, false, notes_memo, rows, plan, {}};
      a->clear();
      b->clear();
      detail::decide_rights(tables, *a);
      REQUIRE(detail::rights_from_memo(m, memo, *b));
      for (auto [x, y] : {std::pair{&a->cheque_energie, &b->cheque_energie}, std::pair{&a->tpn, &b->tpn}, std::pair{&a->tss, &b->tss}}) {
        CHECK(x->status == y->status);
        CHECK(x->amount == y->amount);
        CHECK(x->reduction_rate == y->reduction_rate);
        CHECK(x->missing.bits == y->missing.bits);
      }
      REQUIRE(a->exceptional.size() == b->exceptional.size());
      for (std::size_t k = 0; k < a->exceptional.size(); ++k) {
        CHECK(a->exceptional[k].scheme == b->exceptional[k].scheme);
        CHECK(a->exceptional[k].status == b->exceptional[k].status);
        CHECK(a->exceptional[k].amount == b->exceptional[k].amount);
        CHECK(a->exceptional[k].missing.bits == b->exceptional[k].missing.bits);
      }
      campaigns += a->exceptional.size();
      for (Fact f : {Fact::cheque_status, Fact::cheque_beneficiary, Fact::tpn_status, Fact::tss_status, Fact::social_tariff_beneficiary})
        CHECK(same_value((*by_tables)[f], (*by_memo)[f]));
      CHECK(notes_tables == notes_memo);
      ++compared;
    }
    plan.rights_memo().clear();
  }
  CHECK(memoized >= recent_days);
  CHECK(compared > 15000);
  CHECK(campaigns > 0);  // the exceptional chèques of 2021 and 2022
}

TEST_CASE("stage memo: a value outside a memo's domain is left to the tables") {
  auto pack = load_rulepack(embedded_rulepack_json);
  auto frame = std::make_unique<FactFrame>();
  const Date d(2024, 6, 15);
  detail::set_date_facts(*frame, d);
  detail::DayPlan& plan = detail::day_plan(*pack, d, *frame);
  detail::build_route_memo(*pack, d, plan, *frame);
  const detail::RouteMemo& m = plan.route_memo();
  REQUIRE(m.usable);
  std::vector<const Rule*> rows;
  std::vector<std::pair<std::string_view, std::string_view>> notes;
  detail::StageContext c{*pack, d, *frame, false, notes, rows, plan, {}};
  for (const detail::ColumnIndex& col : m.partition.columns) (*frame)[col.fact] = Value{};
  Orientation o;
  CHECK(detail::route_from_memo(m, c, o));
  (*frame)[Fact::supply_state] = Value{true, 99, {}, {}, {}};  // no such supply state
  CHECK_FALSE(detail::route_from_memo(m, c, o));
  plan.route_memo().clear();
}

TEST_CASE("stage memo: built after memo_after_uses evaluations of a day, then used without reasons") {
  const Engine& e = test::engine();
  const Date d(2025, 2, 3);  // a day no other test evaluates
  auto frame = std::make_unique<FactFrame>();
  detail::set_date_facts(*frame, d);
  std::mt19937_64 rng(11);
  REQUIRE(detail::live_stage_memos() < detail::max_live_stage_memos);
  std::size_t differences = 0;
  EvalOptions quiet_options;
  quiet_options.reasons = false;
  for (std::uint32_t n = 1; n <= detail::DayPlan::memo_after_uses + 300; ++n) {
    Household h;
    h.id = "M" + std::to_string(n);
    h.members.push_back(Member{});
    h.members.back().role = Role::declarant;
    h.members.back().birth_date = Date(1980, 1, 1);
    if (rng() % 3) h.main_residence = rng() % 2 == 0;
    h.has_electricity = true;
    if (rng() % 3) h.electricity.subscribed_kva = static_cast<int>(rng() % 12) + 3;
    if (rng() % 3) h.electricity.smart_meter = rng() % 2 == 0;
    if (rng() % 2) h.cheque_received = rng() % 2 == 0;
    if (rng() % 2) h.aids.push_back(Aid{AidKind::fsl_energy, d.plus_days(-static_cast<int>(rng() % 500)), std::nullopt});
    const Decision quiet = e.evaluate(h, d, quiet_options);
    const Decision cited = e.evaluate(h, d, EvalOptions{});  // reasons: the tables, never the memo
    const Protections& a = quiet.protections;
    const Protections& b = cited.protections;
    differences += a.winter_truce != b.winter_truce || a.cut_allowed != b.cut_allowed ||
                   a.power_reduction_allowed != b.power_reduction_allowed || a.notice_days != b.notice_days ||
                   a.reduced_power_min_kva != b.reduced_power_min_kva ||
                   a.days_at_1kva_before_cut != b.days_at_1kva_before_cut || a.rebates != b.rebates ||
                   a.missing.bits != b.missing.bits || quiet.orientation.route != cited.orientation.route ||
                   quiet.orientation.urgency != cited.orientation.urgency;
    // Both evaluations count: the memo is built by the evaluation that reaches memo_after_uses.
    CHECK(detail::day_plan(e.compiled(), d, *frame).protections_memo().usable == (2 * n >= detail::DayPlan::memo_after_uses));
  }
  CHECK(differences == 0);
}

TEST_CASE("stage memo: a pack whose protections read a fact set after them, or a code, is not memoized") {
  auto frame = std::make_unique<FactFrame>();
  const Date d(2024, 6, 15);
  detail::set_date_facts(*frame, d);
  auto memo_of = [&](const test::json& p) {
    auto pack = load_rulepack(p.dump());
    detail::DayPlan& plan = detail::day_plan(*pack, d, *frame);
    detail::build_protections_memo(*pack, d, plan, *frame);
    const bool usable = plan.protections_memo().usable;
    plan.protections_memo().clear();
    return usable;
  };
  REQUIRE(detail::live_stage_memos() < detail::max_live_stage_memos);
  // A first row, on every day, that reads the table's new last input.
  auto reads_first = [](test::json& table, const char* cell) {
    test::json row = table["rules"].back();
    for (test::json& r : table["rules"]) r["when"].push_back("-");
    row["id"] = "READS-FIRST";
    for (test::json& w : row["when"]) w = "-";
    row["when"].push_back(cell);
    table["rules"].insert(table["rules"].begin(), row);
  };
  test::json p = test::default_pack();
  CHECK(memo_of(p));
  test::json truce_reads_cut = p;  // the truce would read the cut of the previous household
  truce_reads_cut["tables"]["protections.winter_truce"]["inputs"].push_back("protections.cut_allowed");
  reads_first(truce_reads_cut["tables"]["protections.winter_truce"], "true");
  CHECK_FALSE(memo_of(truce_reads_cut));
  test::json by_code = p;  // codes are not cut by the memo
  by_code["tables"]["protections.reduced_power"]["inputs"].push_back("territory.departement");
  reads_first(by_code["tables"]["protections.reduced_power"], "\"971\"");
  CHECK_FALSE(memo_of(by_code));
  test::json by_number = p;  // numbers are
  by_number["tables"]["protections.reduced_power"]["inputs"].push_back("energy.effort_rate");
  reads_first(by_number["tables"]["protections.reduced_power"], ">= 0.1");
  CHECK(memo_of(by_number));
}
