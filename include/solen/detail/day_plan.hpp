// Per-thread plans of the tables on one day: the version in force, the rows its date columns
// allow and, for tables that depend on the day alone, their whole answer.
// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <cstdint>
#include <vector>

#include "solen/detail/ages.hpp"
#include "solen/detail/stage_memo.hpp"
#include "solen/detail/table_lookup.hpp"
#include "solen/detail/table_rows.hpp"

namespace solen {
inline namespace v1 {

/// What a table gives on one day before any household fact is read.
struct TablePlan {
  const TableVersion* version = nullptr;  ///< null: no version in force that day
  detail::RowMask rows = 0;               ///< rows the date columns allow (indexed versions)
  long lookup_base = -1;                  ///< the date columns' part of a lookup index, or -1
  detail::LookupColumns columns;          ///< the household columns the lookup reads that day
  bool answered = false;                  ///< the table reads the day alone: `answer` is its result
  TableResult answer;
};

namespace detail {

/// Plans table `t` on day `d`; `f` must hold the date facts of `d` (other facts are not read).
inline void plan_table(const Table& t, Date d, const FactFrame& f, TablePlan& p) {
  p = TablePlan{};
  p.version = t.at(d);
  if (!p.version || !p.version->index.usable) return;
  const long at = date_plan_index(*p.version, f);
  if (at >= 0) {  // answered when the pack was loaded
    const DatePlan& dp = p.version->index.date_plans[static_cast<std::size_t>(at)];
    p.rows = dp.rows;
    if (!p.version->index.lookup.empty()) p.lookup_base = at;  // date columns come first
    // Columns constraining none of the day's rows are not read: their entry is that of their
    // first region, which adds nothing to the index.
    p.columns = LookupColumns::of(p.version->index, dp.columns);
    if (p.version->index.columns.empty() && t.hit != HitPolicy::collect) {
      p.answered = true;
      p.answer.version = p.version;
      p.answer.kind = static_cast<TableResult::Kind>(dp.kind);
      if (dp.rule >= 0) p.answer.rule = &p.version->rules[static_cast<std::size_t>(dp.rule)];
    } else if (p.lookup_base >= 0 && p.columns.size == 0 && t.hit != HitPolicy::collect) {
      // No household column can change the day's answer (an in-force table whose territorial
      // rows ended): the lookup entry every household would reach is the answer.
      const LookupEntry& e = p.version->index.lookup[static_cast<std::size_t>(p.lookup_base)];
      if (e.missing_columns == 0) {  // so the entry reads nothing of `f` but its date
        p.answered = true;
        p.answer = single_result_of(*p.version, e, f);
      }
    }
    return;
  }
  IndexedRows dated(*p.version);
  dated.match(p.version->index.date_columns, f);
  p.rows = dated.possible;  // date facts are known: possible == yes here
  p.lookup_base = lookup_base(*p.version, f);
  p.columns = LookupColumns::of(p.version->index, -1);
  // In-force and campaign tables depend on the day alone: their whole answer is planned.
  if (p.version->index.columns.empty() && t.hit != HitPolicy::collect) {
    p.answered = true;
    p.answer.version = p.version;
    IndexedRows rows(*p.version, f, &p.rows);
    decide_single(t, rows, p.answer);
  }
}

/// Whether the date facts of `f` are those of `d` (plans are only valid for them).
inline bool frame_on(const FactFrame& f, Date d) {
  return f[Fact::date].known && f[Fact::date].i == d.day_number() && f[Fact::month_day].known;
}

/// Plans of single tables keyed by table and day, for evaluations outside a household's
/// evaluation date (a cut notice's day, the table API): households carrying their own date do
/// not evict the entries of the caseload's common date.
struct TableMemo {
  struct Entry {
    std::uint64_t serial = 0;
    const Table* table = nullptr;
    std::int64_t day = 0;
    TablePlan plan;
  };
  static constexpr std::size_t size = 512;
  Entry entries[size];

  const TablePlan& of(const Table& t, Date d, const FactFrame& f) {
    const std::int64_t day = d.day_number();
    const std::uint64_t key = t.serial * 0x9e3779b97f4a7c15ull + static_cast<std::uint64_t>(day) * 0xbf58476d1ce4e5b9ull;
    Entry& e = entries[(key >> 32) % size];
    if (e.serial != t.serial || e.table != &t || e.day != day) {
      e.serial = t.serial;
      e.table = &t;
      e.day = day;
      plan_table(t, d, f, e.plan);
    }
    return e.plan;
  }
};

inline TableMemo& table_memo() {
  thread_local TableMemo memo;
  return memo;
}

/// Whether a scheme may be in force on the planned day: false only when its in-force table is
/// answered by the day alone and does not say in force.
inline bool scheme_may_apply(const Scheme& s, const std::vector<TablePlan>& plans) {
  if (!s.in_force) return false;
  const TablePlan& p = plans[s.in_force->index];
  if (!p.answered) return true;
  const TableResult& r = p.answer;
  if (r.kind == TableResult::undetermined) return true;
  return r.kind == TableResult::hit && r.rule->outputs[static_cast<std::size_t>(s.in_force->role_col[0])].i != 0;
}

/// Whether anything evaluated on the planned day reads the social tariffs' facts (their
/// consumption units and RFR per tax part): the TPN and TSS answers when those may apply, and
/// every table in force except those only reached through schemes that cannot apply. Their
/// computation is skipped otherwise (since 2018 for the default pack).
inline bool reads_social_facts(const CompiledPack& pack, const std::vector<TablePlan>& plans) {
  if (scheme_may_apply(pack.tpn, plans) || scheme_may_apply(pack.tss, plans)) return true;
  std::vector<bool> skipped(plans.size(), false);
  auto skip_steps = [&](const Scheme& s, bool skip) {
    for (const Table* t : {s.eligibility, s.amount})
      if (t) skipped[t->index] = skip;
  };
  std::vector<const Scheme*> schemes = {&pack.cheque, &pack.tpn, &pack.tss};
  for (const Scheme& s : pack.exceptional) schemes.push_back(&s);
  for (const Scheme* s : schemes)
    if (!scheme_may_apply(*s, plans)) skip_steps(*s, true);
  for (const Scheme* s : schemes)  // a table shared with a scheme that may apply is read
    if (scheme_may_apply(*s, plans)) skip_steps(*s, false);
  for (const Table* t : {pack.truce, pack.cut, pack.power_reduction, pack.notice, pack.reduced_power,
                         pack.cut_delay, pack.rebates, pack.route, pack.urgency, pack.measures})
    if (t) skipped[t->index] = false;
  for (const Table& t : pack.tables) {
    if (skipped[t.index] || !plans[t.index].version) continue;
    for (Fact f : t.inputs)
      if (f == Fact::social_tariff_uc || f == Fact::rfr_per_tax_part) return true;
  }
  return false;
}

/// The periods of a pack's dated parameters in force on one day (null: none), looked up once
/// per day instead of once per household.
struct DayParameters {
  const Dated<UcScale>::Period* cheque_uc = nullptr;
  const Dated<UcScale>::Period* social_tariff_uc = nullptr;
  const Dated<Perimeter>::Period* cheque_perimeter = nullptr;
  const Dated<std::int64_t>::Period* cheque_rfr_year_offset = nullptr;
  const Dated<SchedulePolicy>::Period* cme_policy = nullptr;
  const Dated<SchedulePolicy>::Period* supplier_plan_policy = nullptr;
  const Dated<Code>::Period* convention_supplier = nullptr;
  const Dated<Number>::Period* max_effort_rate = nullptr;
  const Dated<std::int64_t>::Period* lapse_after_missed = nullptr;
  const Dated<std::int64_t>::Period* grace_days = nullptr;

  void reset(const CompiledPack& p, Date d) {
    cheque_uc = p.cheque_uc.at(d);
    social_tariff_uc = p.social_tariff_uc.at(d);
    cheque_perimeter = p.cheque_perimeter.at(d);
    cheque_rfr_year_offset = p.cheque_rfr_year_offset.at(d);
    cme_policy = p.cme_policy.at(d);
    supplier_plan_policy = p.supplier_plan_policy.at(d);
    convention_supplier = p.convention_supplier.at(d);
    max_effort_rate = p.max_effort_rate.at(d);
    lapse_after_missed = p.lapse_after_missed.at(d);
    grace_days = p.grace_days.at(d);
  }
};

/// Every table of one pack on one day, planned together when the day is first met. The
/// households of a caseload share their evaluation date, so a thread plans each table once per
/// day instead of matching its date columns for every household.
class DayPlan {
 public:
  bool is_for(const CompiledPack& p, Date d) const {
    return pack_ == &p && serial_ == p.serial && day_ == d.day_number();
  }
  /// Plans every table of `p` on `d`; `f` must hold the date facts of `d`.
  void reset(const CompiledPack& p, Date d, const FactFrame& f) {
    pack_ = &p;
    serial_ = p.serial;
    day_ = d.day_number();
    plans_.resize(p.tables.size());
    for (const Table& t : p.tables) plan_table(t, d, f, plans_[t.index]);
    social_facts_ = reads_social_facts(p, plans_);
    ages_.reset(d);
    parameters_.reset(p, d);
    year_ = d.year();
    exceptional_.clear();
    for (const Scheme& s : p.exceptional)
      if (scheme_may_apply(s, plans_)) exceptional_.push_back(&s);
    uses_ = 0;
    rights_.clear();
    protections_.clear();
    route_.clear();
  }
  /// Evaluations of a day after which its stage memos are built. Building the default pack's
  /// three costs about 0.25 ms, what about 1,700 evaluations save with them: built after 1,024,
  /// they never slow single evaluations or small caseloads by more than that, and pay back
  /// within a few thousand households.
  static constexpr std::uint32_t memo_after_uses = 1024;
  /// Counts one evaluation on the day: true for the one after which memos pay.
  bool count_use() { return ++uses_ == memo_after_uses; }
  /// The stages of the day by combination of the facts they read (see stage_memo.hpp).
  const RightsMemo& rights_memo() const { return rights_; }
  RightsMemo& rights_memo() { return rights_; }
  const ProtectionsMemo& protections_memo() const { return protections_; }
  ProtectionsMemo& protections_memo() { return protections_; }
  const RouteMemo& route_memo() const { return route_; }
  RouteMemo& route_memo() { return route_; }
  const TablePlan& of(const Table& t) const { return plans_[t.index]; }
  /// Whether the evaluations of the day read the social tariffs' facts (see reads_social_facts).
  bool social_facts() const { return social_facts_; }
  /// The exceptional schemes whose campaign may be on that day (see scheme_may_apply): the
  /// others answer nothing and are not evaluated.
  const std::vector<const Scheme*>& exceptional() const { return exceptional_; }
  /// Whether scheme `s` may be in force that day (see scheme_may_apply).
  bool may_apply(const Scheme& s) const { return scheme_may_apply(s, plans_); }
  /// Ages on that day (household members' birth dates).
  const AgeThresholds& ages() const { return ages_; }
  /// The pack's parameters in force that day.
  const DayParameters& parameters() const { return parameters_; }
  int year() const { return year_; }  ///< the day's calendar year

 private:
  const CompiledPack* pack_ = nullptr;
  std::uint64_t serial_ = 0;
  std::int64_t day_ = 0;
  std::vector<TablePlan> plans_;
  bool social_facts_ = true;
  std::vector<const Scheme*> exceptional_;
  AgeThresholds ages_;
  DayParameters parameters_;
  int year_ = 0;
  std::uint32_t uses_ = 0;
  RightsMemo rights_;
  ProtectionsMemo protections_;
  RouteMemo route_;
};

/// This thread's plan of `pack` on day `d` (`f` holds the date facts of `d`). Each day has its
/// own slot (modulo 512, shifted per pack), so a caseload whose households carry their own dates
/// (any day of a year) plans each day once per thread rather than at every change of day, and
/// the caseload's common day is never evicted by them. A slot costs about 300 bytes, its
/// tables' plans and ages (about 3.4 KB for the default pack) once used, and its memos (about
/// 160 KB, at most max_live_stage_memos of them) once the day is busy (count_use).
inline DayPlan& day_plan(const CompiledPack& pack, Date d, const FactFrame& f) {
  constexpr std::uint64_t slots = 512;
  thread_local std::vector<DayPlan> plans(slots);
  const std::uint64_t slot = (static_cast<std::uint64_t>(d.day_number()) + pack.serial * 97) % slots;
  DayPlan& p = plans[static_cast<std::size_t>(slot)];
  if (!p.is_for(pack, d)) p.reset(pack, d, f);
  return p;
}

}  // namespace detail
}  // namespace v1
}  // namespace solen
